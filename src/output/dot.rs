//! Graphviz DOT: render with `dot -Tsvg graph.dot > graph.svg`.
//!
//! An undirected `graph`, since both relations are symmetric. Nodes are
//! shaped and coloured by kind: people as orange ellipses, places as green
//! boxes, organisations as blue hexagons. Edges are labelled with the
//! relation: `meets` solid and dark blue, `trades_with` dashed and dark red;
//! an edge all of whose evidence is negated is grey and says so. In a corpus
//! graph an edge's label counts the documents (`meets ×3`) and its width grows
//! with that count. Node ids are the graph's [node ids](crate::graph::node_id);
//! labels are canonical names; tooltips (shown in SVG) carry kind and
//! knowledge-base id, and for a document graph the evidence triggers.
//!
//! ```
//! use newsgraph::{output::dot, Extractor};
//!
//! let doc = Extractor::new().extract("Putin traf Kim.");
//! let mut out = String::new();
//! dot::write_document(&doc, &mut out);
//! assert!(out.starts_with("graph \"newsgraph\" {\n"));
//! assert!(out.ends_with("}\n"));
//! ```

use std::fmt::Write as _;

use crate::graph::{CorpusGraph, Graph};
use crate::model::{Document, EntityKind, RelationKind};
use crate::output::View;

/// The graph's name when none is given.
pub const DEFAULT_NAME: &str = "newsgraph";

/// How many document ids an edge tooltip lists before it stops.
const TOOLTIP_DOCUMENTS: usize = 10;

/// Appends the graph of `doc`.
pub fn write_document(doc: &Document<'_>, out: &mut String) {
    write_graph(&Graph::from(doc), out);
}

/// Appends a document graph.
pub fn write_graph(graph: &Graph, out: &mut String) {
    write_graph_named(graph, DEFAULT_NAME, out);
}

/// Appends a document graph under the given graph name (several named graphs
/// may follow each other in one DOT stream; `dot` renders each).
pub fn write_graph_named(graph: &Graph, name: &str, out: &mut String) {
    write_view(&View::from(graph), name, out);
}

/// Appends a corpus graph.
pub fn write_corpus(graph: &CorpusGraph, out: &mut String) {
    write_corpus_named(graph, DEFAULT_NAME, out);
}

/// Appends a corpus graph under the given graph name.
pub fn write_corpus_named(graph: &CorpusGraph, name: &str, out: &mut String) {
    write_view(&View::from(graph), name, out);
}

fn write_view(view: &View<'_>, name: &str, out: &mut String) {
    out.push_str("graph ");
    push_quoted(name, out);
    out.push_str(" {\n");
    out.push_str("  graph [fontname=\"Helvetica\", overlap=false];\n");
    out.push_str("  node [fontname=\"Helvetica\", style=filled, color=\"#555555\"];\n");
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=10];\n");
    for node in &view.nodes {
        let (shape, fill) = match node.kind {
            EntityKind::Person => ("ellipse", "#f9d6a5"),
            EntityKind::Place => ("box", "#cde8b8"),
            EntityKind::Organisation => ("hexagon", "#bcd5f0"),
        };
        out.push_str("  ");
        push_quoted(node.id, out);
        out.push_str(" [label=");
        push_quoted(node.name, out);
        let _ = write!(out, ", shape={shape}, fillcolor=\"{fill}\", tooltip=");
        let tooltip = match node.kb_id {
            Some(kb_id) => format!("{} {kb_id}", node.kind.as_str()),
            None => node.kind.as_str().to_owned(),
        };
        push_quoted(&tooltip, out);
        out.push_str("];\n");
    }
    for edge in &view.edges {
        let (style, colour) = match edge.kind {
            RelationKind::Meets => ("solid", "#1f4e79"),
            RelationKind::TradesWith => ("dashed", "#a33327"),
        };
        let colour = if edge.negated { "#999999" } else { colour };
        let mut label = edge.kind.as_str().to_owned();
        if edge.negated {
            label.push_str(" (negated)");
        }
        if edge.count > 1 {
            let _ = write!(label, " ×{}", edge.count);
        }
        out.push_str("  ");
        push_quoted(edge.source, out);
        out.push_str(" -- ");
        push_quoted(edge.target, out);
        out.push_str(" [label=");
        push_quoted(&label, out);
        let _ = write!(out, ", style={style}, color=\"{colour}\", fontcolor=\"{colour}\"");
        if edge.documents.is_some() {
            // Width grows with the logarithm of the number of documents.
            let width = 1 + edge.count.checked_ilog2().unwrap_or(0).min(5);
            let _ = write!(out, ", penwidth={width}");
        }
        let tooltip = match (&edge.detail, &edge.documents) {
            (Some(detail), _) => Some(detail.clone()),
            (None, Some(documents)) => {
                let mut listed = documents.iter().take(TOOLTIP_DOCUMENTS).copied().collect::<Vec<_>>().join(", ");
                if documents.len() > TOOLTIP_DOCUMENTS {
                    listed.push_str(", …");
                }
                Some(listed)
            }
            (None, None) => None,
        };
        if let Some(tooltip) = tooltip.filter(|t| !t.is_empty()) {
            out.push_str(", tooltip=");
            push_quoted(&tooltip, out);
        }
        out.push_str("];\n");
    }
    out.push_str("}\n");
}

/// Appends `s` as a DOT double-quoted string. Backslashes are doubled because
/// labels treat `\n`, `\N` and the like as escapes; line breaks become `\n`
/// (a centred line break in a label); other control characters, which
/// Graphviz cannot show, become spaces.
fn push_quoted(s: &str, out: &mut String) {
    out.push('"');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        let mut out = String::new();
        push_quoted("a \"b\" c\\\r\nd\u{0}e ü", &mut out);
        assert_eq!(out, r#""a \"b\" c\\\nd e ü""#);
    }
}
