#![forbid(unsafe_code)]
pub(crate) mod entities;
pub mod error;
pub mod extractor;
pub mod gazetteer;
pub mod graph;
pub mod lang;
pub(crate) mod hash;
pub(crate) mod lexicon;
pub(crate) mod mentions;
pub mod model;
pub mod output;
pub mod relations;
pub mod sentences;
pub mod span;
pub mod tokenize;

pub use error::Error;
pub use extractor::{Extractor, ExtractorBuilder};
pub use lang::{Language, LanguageChoice};
pub use model::{Document, Entity, EntityId, EntityKind, Evidence, Mention, MentionSource, Relation, RelationKind, Status};
pub use sentences::Sentence;
pub use span::Span;
pub use tokenize::{Shape, Token, TokenKind};
