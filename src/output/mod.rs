//! Writing documents and graphs out: JSON (the output contract), a text form
//! for people and snapshot tests, Graphviz DOT and GraphML.
//!
//! Every writer appends to a `String` and cannot fail; callers decide where
//! the bytes go. Spans are byte ranges inside the library; the char offsets
//! that JSON carries are computed here, once per document, in one pass over
//! the text (see [`CharOffsets`]).
//! All output is deterministic: the same document gives the same bytes.
//!
//! ```
//! use newsgraph::output::{self, Format};
//! use newsgraph::{Extractor, Language};
//!
//! let extractor = Extractor::builder().language(Language::De).build()?;
//! let doc = extractor.extract("Putin traf Kim in Wladiwostok.");
//! let mut out = String::new();
//! output::write(&doc, Some("article-1"), Format::Json, &mut out);
//! assert!(out.starts_with(r#"{"schema":1,"id":"article-1","language":"de""#));
//! assert!(out.ends_with("}\n"));
//!
//! // Formats parse from their command-line names.
//! assert_eq!("dot".parse::<Format>(), Ok(Format::Dot));
//! # Ok::<(), newsgraph::Error>(())
//! ```

pub mod dot;
pub mod graphml;
pub mod json;
mod offsets;
pub mod text;

use std::fmt;
use std::str::FromStr;

use crate::graph::{CorpusGraph, Graph};
use crate::model::{Document, EntityKind, RelationKind, Status};

pub use offsets::CharOffsets;

/// The output formats of a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// The contract's JSON object, on one line.
    Json,
    /// The same, meant as one line of a JSON Lines stream.
    Jsonl,
    /// The human-readable form of [`text::write_document`].
    Text,
    /// A Graphviz graph.
    Dot,
    /// A GraphML document.
    Graphml,
}

impl Format {
    /// Every format, in the order of the command line's help.
    pub const ALL: [Format; 5] = [Format::Json, Format::Jsonl, Format::Text, Format::Dot, Format::Graphml];

    /// The name on the command line: `json`, `jsonl`, `text`, `dot`, `graphml`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Text => "text",
            Format::Dot => "dot",
            Format::Graphml => "graphml",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A format name that is not one of [`Format::ALL`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseFormatError(pub String);

impl fmt::Display for ParseFormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown format `{}` (expected json, jsonl, text, dot or graphml)", self.0)
    }
}

impl std::error::Error for ParseFormatError {}

impl FromStr for Format {
    type Err = ParseFormatError;

    /// Parses a name of [`Format::as_str`], ignoring ASCII case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Format::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| ParseFormatError(s.to_owned()))
    }
}

/// Appends `doc` in `format` to `out`.
///
/// - `Json`, `Jsonl`: the contract's object on one line, then `\n`, with
///   `"id"` when given.
/// - `Text`: [`text::write_document`], preceded by `# <id>` when given.
/// - `Dot`: [`dot::write_document`], the graph named after the id when given.
/// - `Graphml`: [`graphml::write_graph`] of the document's graph, the graph
///   element carrying the id when given.
pub fn write(doc: &Document<'_>, id: Option<&str>, format: Format, out: &mut String) {
    match format {
        Format::Json | Format::Jsonl => {
            json::write_document(doc, id, out);
            out.push('\n');
        }
        Format::Text => {
            if let Some(id) = id {
                out.push_str("# ");
                text::push_visible(id, out);
                out.push('\n');
            }
            text::write_document(doc, out);
        }
        Format::Dot => dot::write_graph_named(&Graph::from(doc), id.unwrap_or(dot::DEFAULT_NAME), out),
        Format::Graphml => graphml::write_graph_named(&Graph::from(doc), id.unwrap_or(graphml::DEFAULT_NAME), out),
    }
}

/// What the graph writers need of a node, from either kind of graph.
struct ViewNode<'a> {
    id: &'a str,
    kind: EntityKind,
    name: &'a str,
    kb_id: Option<&'a str>,
}

/// What the graph writers need of an edge.
struct ViewEdge<'a> {
    kind: RelationKind,
    source: &'a str,
    target: &'a str,
    /// Evidence sentences in a document graph, documents in a corpus graph.
    count: usize,
    /// Every piece of evidence denies the relation.
    negated: bool,
    /// Corpus graphs only.
    documents: Option<Vec<&'a str>>,
    /// Evidence triggers and statuses, for a document graph's tooltips.
    detail: Option<String>,
}

struct View<'a> {
    nodes: Vec<ViewNode<'a>>,
    edges: Vec<ViewEdge<'a>>,
}

impl<'a> From<&'a Graph> for View<'a> {
    fn from(graph: &'a Graph) -> Self {
        let nodes = graph
            .nodes()
            .map(|n| ViewNode { id: &n.id, kind: n.kind, name: &n.name, kb_id: n.kb_id.as_deref() })
            .collect();
        let edges = graph
            .edges()
            .map(|e| {
                let detail = e
                    .evidence
                    .iter()
                    .map(|ev| format!("{} “{}”", ev.status.as_str(), ev.trigger))
                    .collect::<Vec<_>>()
                    .join("; ");
                ViewEdge {
                    kind: e.kind,
                    source: &e.source,
                    target: &e.target,
                    count: e.evidence.len(),
                    negated: !e.evidence.is_empty() && e.evidence.iter().all(|ev| ev.status == Status::Negated),
                    documents: None,
                    detail: Some(detail),
                }
            })
            .collect();
        View { nodes, edges }
    }
}

impl<'a> From<&'a CorpusGraph> for View<'a> {
    fn from(graph: &'a CorpusGraph) -> Self {
        let nodes = graph
            .nodes()
            .map(|n| ViewNode { id: &n.id, kind: n.kind, name: &n.name, kb_id: n.kb_id.as_deref() })
            .collect();
        let edges = graph
            .edges()
            .map(|e| ViewEdge {
                kind: e.kind,
                source: &e.source,
                target: &e.target,
                count: e.count,
                negated: false,
                documents: Some(e.documents.iter().map(String::as_str).collect()),
                detail: None,
            })
            .collect();
        View { nodes, edges }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_round_trip() {
        for format in Format::ALL {
            assert_eq!(format.as_str().parse(), Ok(format));
        }
        assert_eq!("JSONL".parse(), Ok(Format::Jsonl));
        assert!("yaml".parse::<Format>().unwrap_err().to_string().contains("`yaml`"));
    }
}
