//! The document model: what [`Extractor::extract`](crate::Extractor::extract)
//! returns. Every position is a byte [`Span`] into the caller's text; char
//! offsets are computed only when the document is written out.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::lang::Language;
use crate::sentences::Sentence;
use crate::span::Span;
use crate::tokenize::Token;

/// The three kinds of named entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Place,
    Organisation,
}

impl EntityKind {
    /// The name used in the output contract: `person`, `place`, `organisation`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Place => "place",
            EntityKind::Organisation => "organisation",
        }
    }

    /// Parses the contract's names (and `organization`).
    pub fn from_name(name: &str) -> Option<EntityKind> {
        match name {
            "person" => Some(EntityKind::Person),
            "place" => Some(EntityKind::Place),
            "organisation" | "organization" => Some(EntityKind::Organisation),
            _ => None,
        }
    }
}

/// Where a mention was found: in a gazetteer, by a rule, or by recognising a
/// name already established elsewhere in the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionSource {
    Gazetteer,
    Rule,
    Document,
}

/// One place where the text names an entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// Whole words as they stand in the text (`Kims`), or a part of a
    /// hyphenated compound (`Kreml` in `Kreml-Sprecher`).
    pub span: Span,
    /// Index into [`Document::sentences`].
    pub sentence: usize,
    /// Names the entity only through a derived word (`nordkoreanische`).
    pub derived: bool,
    pub source: MentionSource,
}

/// Index of an entity in [`Document::entities`]; written as `e0`, `e1`, ….
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EntityId(pub usize);

impl std::fmt::Display for EntityId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "e{}", self.0)
    }
}

/// One real-world referent of the document with all its mentions.
///
/// Its strings borrow where they can: a name the document spells out borrows
/// the text, and the name, id and subtype of an entry of the built-in
/// gazetteers borrow the gazetteer, which lives as long as the program. Only
/// a user's own gazetteer's entries are copied, since the extractor that
/// holds them may be dropped before the document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity<'t> {
    pub id: EntityId,
    pub kind: EntityKind,
    /// The canonical name: the gazetteer's name in the document's language, or
    /// the fullest form the document uses.
    pub name: Cow<'t, str>,
    /// A Wikidata id, when a gazetteer supplied one.
    pub kb_id: Option<Cow<'t, str>>,
    /// What the gazetteer says the entity is (`country`, `city`, `newspaper`,
    /// `politician`, …), when a gazetteer supplied it.
    pub subtype: Option<Cow<'t, str>>,
    /// Mentions in text order.
    pub mentions: Vec<Mention>,
}

/// The relations `newsgraph` extracts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    /// Meetings, talks, negotiations, visits, receptions, phone calls (CAMEO 04).
    Meets,
    /// Exchange of goods, arms, energy or services (CAMEO 06).
    TradesWith,
}

impl RelationKind {
    /// The contract's name: `meets`, `trades_with`.
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Meets => "meets",
            RelationKind::TradesWith => "trades_with",
        }
    }
}

/// How the text puts a relation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Asserted,
    /// Future, conditional or expected.
    Planned,
    Negated,
    /// Attributed to a speaker or a source.
    Reported,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Asserted => "asserted",
            Status::Planned => "planned",
            Status::Negated => "negated",
            Status::Reported => "reported",
        }
    }
}

/// One sentence that supports a relation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub sentence: usize,
    /// The sentence's span.
    pub span: Span,
    /// The word that signals the relation (`Gesprächen`, `Verkauf`).
    pub trigger: Span,
    pub status: Status,
    /// For `trades_with`: the side that supplies, when the text says so.
    pub supplier: Option<EntityId>,
}

/// An edge between two entities of the document, with its evidence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    pub kind: RelationKind,
    /// The lower entity id of the pair: both relations are symmetric.
    pub source: EntityId,
    pub target: EntityId,
    /// In text order.
    pub evidence: Vec<Evidence>,
}

/// Everything extracted from one text. Borrows the text: spans slice into it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Document<'t> {
    #[serde(skip)]
    pub text: &'t str,
    pub language: Language,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    /// Ordered by first mention.
    pub entities: Vec<Entity<'t>>,
    /// Ordered by first evidence.
    pub relations: Vec<Relation>,
}

impl<'t> Document<'t> {
    /// The text of a span of this document.
    pub fn slice(&self, span: Span) -> &'t str {
        span.slice(self.text)
    }

    /// The entity with this id.
    pub fn entity(&self, id: EntityId) -> Option<&Entity<'t>> {
        self.entities.get(id.0)
    }
}
