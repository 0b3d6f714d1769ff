//! GraphML, for Gephi, yEd, Cytoscape, NetworkX (`networkx.read_graphml`).
//!
//! One undirected `<graph>`. Nodes carry `kind`, `name` and, when known,
//! `kb_id`; edges carry `kind`, `count` (evidence sentences in a document
//! graph, documents in a corpus graph) and, for a corpus graph, `documents`:
//! the ids of the documents the edge came from, as a JSON array of strings,
//! which stays unambiguous whatever characters the ids contain.
//!
//! Text is XML-escaped; characters that XML 1.0 cannot carry at all (most
//! control characters) are replaced by U+FFFD.
//!
//! ```
//! use newsgraph::{graph::Graph, output::graphml, Extractor};
//!
//! let doc = Extractor::new().extract("Putin traf Kim.");
//! let mut out = String::new();
//! graphml::write_graph(&Graph::from(&doc), &mut out);
//! assert!(out.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml"));
//! assert!(out.ends_with("</graphml>\n"));
//! ```

use std::fmt::Write as _;

use crate::graph::{CorpusGraph, Graph};
use crate::output::{json, View};

/// The graph element's id when none is given.
pub const DEFAULT_NAME: &str = "newsgraph";

const HEADER: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
  <key id="n_kind" for="node" attr.name="kind" attr.type="string"/>
  <key id="n_name" for="node" attr.name="name" attr.type="string"/>
  <key id="n_kb_id" for="node" attr.name="kb_id" attr.type="string"/>
  <key id="e_kind" for="edge" attr.name="kind" attr.type="string"/>
  <key id="e_count" for="edge" attr.name="count" attr.type="int"/>
  <key id="e_documents" for="edge" attr.name="documents" attr.type="string"/>
"#;

/// Appends a document graph as a complete GraphML document.
pub fn write_graph(graph: &Graph, out: &mut String) {
    write_graph_named(graph, DEFAULT_NAME, out);
}

/// Appends a document graph whose `<graph>` element has the id `name`.
pub fn write_graph_named(graph: &Graph, name: &str, out: &mut String) {
    write_view(&View::from(graph), name, out);
}

/// Appends a corpus graph as a complete GraphML document.
pub fn write_corpus(graph: &CorpusGraph, out: &mut String) {
    write_view(&View::from(graph), DEFAULT_NAME, out);
}

fn write_view(view: &View<'_>, name: &str, out: &mut String) {
    out.push_str(HEADER);
    out.push_str("  <graph id=\"");
    push_escaped(name, out);
    out.push_str("\" edgedefault=\"undirected\">\n");
    for node in &view.nodes {
        out.push_str("    <node id=\"");
        push_escaped(node.id, out);
        out.push_str("\">");
        push_data("n_kind", node.kind.as_str(), out);
        push_data("n_name", node.name, out);
        if let Some(kb_id) = node.kb_id {
            push_data("n_kb_id", kb_id, out);
        }
        out.push_str("</node>\n");
    }
    for edge in &view.edges {
        out.push_str("    <edge source=\"");
        push_escaped(edge.source, out);
        out.push_str("\" target=\"");
        push_escaped(edge.target, out);
        out.push_str("\">");
        push_data("e_kind", edge.kind.as_str(), out);
        push_data("e_count", &edge.count.to_string(), out);
        if let Some(documents) = &edge.documents {
            let mut array = String::from("[");
            for (i, document) in documents.iter().enumerate() {
                if i > 0 {
                    array.push(',');
                }
                json::write_str(document, &mut array);
            }
            array.push(']');
            push_data("e_documents", &array, out);
        }
        out.push_str("</edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
}

fn push_data(key: &str, value: &str, out: &mut String) {
    let _ = write!(out, "<data key=\"{key}\">");
    push_escaped(value, out);
    out.push_str("</data>");
}

/// Appends `s` escaped for XML text and attribute values alike. Tab, line
/// feed and carriage return are written as character references so that
/// attribute-value normalisation and line-end handling keep them.
fn push_escaped(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            // Not allowed in XML 1.0, not even as character references.
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        let mut out = String::new();
        push_escaped("<a href=\"x\">&'\t\n\r\u{0}\u{ffff}ü</a>", &mut out);
        assert_eq!(out, "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&#9;&#10;&#13;\u{fffd}\u{fffd}ü&lt;/a&gt;");
    }
}
