//! `newsgraph` reads news articles — German first, English too — and returns
//! a typed graph: the people, places and organisations they name, and who
//! **meets** or **trades with** whom, each claim backed by a sentence of the text.
//!
//! ```
//! use newsgraph::{EntityKind, Extractor, Language, RelationKind};
//!
//! // Build once, share everywhere: an `Extractor` is immutable, `Send` and `Sync`.
//! let extractor = Extractor::builder().language(Language::De).build()?;
//! let doc = extractor.extract("Kreml-Sprecher Dmitri Peskow sagte, Putin und Kim würden sich am Mittwoch treffen.");
//!
//! let putin = doc.entities.iter().find(|e| e.name == "Wladimir Putin").unwrap();
//! assert_eq!(putin.kind, EntityKind::Person);
//! assert_eq!(putin.kb_id.as_deref(), Some("Q7747"));
//! assert_eq!(putin.subtype.as_deref(), Some("politician"));
//!
//! let meeting = &doc.relations[0];
//! assert_eq!(meeting.kind, RelationKind::Meets);
//! assert_eq!(doc.slice(meeting.evidence[0].trigger), "treffen");
//! # Ok::<(), newsgraph::Error>(())
//! ```
//!
//! # The pipeline
//!
//! Data flows one way, one module per stage:
//!
//! | stage | module | what it adds |
//! | --- | --- | --- |
//! | text → tokens | [`tokenize`] | UAX #29 words, hyphenated compounds with their parts, URLs |
//! | tokens → sentences | [`sentences`] | abbreviations, ordinals, quotes, headlines and captions |
//! | sentences → mentions | [`gazetteer`], [`mentions`] | list entries and context rules, one overlap policy |
//! | mentions → entities | `entities` | one entity per referent: `Kim`, `Kims`, `Kim Jong Un` |
//! | entities → relations | [`relations`] | `meets` and `trades_with` with evidence and status |
//! | document → graph, output | [`graph`], [`output`] | JSON (the contract), text, DOT, GraphML, corpus graphs |
//!
//! All positions are byte [`Span`]s into the caller's `&str`; char offsets
//! are computed once, when a document is written out ([`output`]).
//!
//! Mentions are found a block of sentences at a time (a few thousand
//! tokens; an article is one block), and the entity and relation stages read
//! what was kept of each block: their keys and candidates. A long document
//! costs per byte about what an article does, and no block changes an
//! output (`tests/properties.rs`).
//!
//! # Knowledge is data
//!
//! Names, aliases, titles, cue words, triggers and abbreviations live in
//! `gazetteers/` as plain text compiled into the library; the code holds the
//! mechanisms. Add your own names with
//! [`ExtractorBuilder::gazetteer_str`] or [`ExtractorBuilder::gazetteer_file`].
//!
//! # Guarantees
//!
//! [`Extractor::extract`] never fails and never panics, whatever the input;
//! its cost is linear in the input's length; the same input gives the same
//! output. The library does not print and has no `unsafe` code.

#![forbid(unsafe_code)]
pub(crate) mod entities;
pub mod error;
pub mod extractor;
pub mod gazetteer;
pub mod graph;
pub(crate) mod hash;
#[cfg(feature = "cli")]
pub mod jsonl;
pub mod lang;
pub(crate) mod lexicon;
pub mod mentions;
pub mod model;
pub mod output;
pub mod relations;
pub(crate) mod select;
pub mod sentences;
pub mod span;
pub mod tokenize;
pub(crate) mod wordtable;
pub(crate) mod workspace;

pub use error::Error;
pub use extractor::{Extractor, ExtractorBuilder};
pub use lang::{Language, LanguageChoice};
pub use model::{
    Document, Entity, EntityId, EntityKind, Evidence, Mention, MentionSource, Relation, RelationKind, Status,
};
pub use sentences::Sentence;
pub use span::Span;
pub use tokenize::{Shape, Token, TokenKind};

/// The README's examples are compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
