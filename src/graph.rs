//! The typed graph: entities as nodes, relations as edges, for one document
//! ([`Graph`]) or merged over many ([`CorpusGraph`]).
//!
//! A [`Document`] talks about entities by index (`e0`, `e1`), which means
//! nothing outside that document. The graph gives every node an id that does:
//! the knowledge-base id when the gazetteer knows one (`Q7747`), otherwise
//! kind and canonical name (`person:Kim Jae-chun`). That is what lets a
//! [`CorpusGraph`] add up the graphs of many articles.
//!
//! Both graphs keep nodes and edges in `BTreeMap`s, so iteration, output and
//! serialization are ordered by id and identical from run to run, whatever
//! the order in which documents were added.
//!
//! ```
//! use newsgraph::graph::{CorpusGraph, Graph};
//! use newsgraph::{Entity, EntityId, EntityKind, Evidence, Extractor, Mention, MentionSource};
//! use newsgraph::{Relation, RelationKind, Span, Status};
//!
//! let text = "Putin traf Kim in Wladiwostok.";
//! let mut doc = Extractor::new().extract(text);
//! // Entities and relations as the extractor reports them:
//! let mention = |start, end| Mention { span: Span::new(start, end), sentence: 0, derived: false, source: MentionSource::Gazetteer };
//! doc.entities = vec![
//!     Entity { id: EntityId(0), kind: EntityKind::Person, name: "Wladimir Putin".into(), kb_id: Some("Q7747".into()), subtype: None, mentions: vec![mention(0, 5)] },
//!     Entity { id: EntityId(1), kind: EntityKind::Person, name: "Kim Jong Un".into(), kb_id: Some("Q56226".into()), subtype: None, mentions: vec![mention(11, 14)] },
//!     Entity { id: EntityId(2), kind: EntityKind::Place, name: "Wladiwostok".into(), kb_id: None, subtype: None, mentions: vec![mention(18, 29)] },
//! ];
//! doc.relations = vec![Relation {
//!     kind: RelationKind::Meets,
//!     source: EntityId(0),
//!     target: EntityId(1),
//!     evidence: vec![Evidence { sentence: 0, span: Span::new(0, 30), trigger: Span::new(6, 10), status: Status::Asserted, supplier: None }],
//! }];
//!
//! let graph = Graph::from(&doc);
//! assert_eq!(graph.node("place:Wladiwostok").map(|n| n.name.as_str()), Some("Wladiwostok"));
//! let met: Vec<&str> = graph.neighbours("Q7747", Some(RelationKind::Meets)).iter().map(|n| n.name.as_str()).collect();
//! assert_eq!(met, ["Kim Jong Un"]);
//! let edge = graph.edge("Q7747", "Q56226", RelationKind::Meets).unwrap();
//! assert_eq!(edge.evidence[0].trigger, "traf");
//!
//! let mut corpus = CorpusGraph::new();
//! corpus.add_graph("a.txt", &graph);
//! corpus.add_graph("b.txt", &graph);
//! let edge = corpus.edge("Q56226", "Q7747", RelationKind::Meets).unwrap();
//! assert_eq!(edge.count, 2);
//! assert_eq!(edge.documents.iter().collect::<Vec<_>>(), ["a.txt", "b.txt"]);
//! ```

use std::collections::{BTreeMap, BTreeSet};

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::model::{Document, Entity, EntityKind, RelationKind, Status};

/// The graph-wide id of an entity: its knowledge-base id when known, else
/// `kind:name` with runs of whitespace in the name folded to one space.
///
/// ```
/// use newsgraph::{graph::node_id, Entity, EntityId, EntityKind};
///
/// let mut kim = Entity { id: EntityId(0), kind: EntityKind::Person, name: "Kim  Jae-chun".into(), kb_id: None, subtype: None, mentions: vec![] };
/// assert_eq!(node_id(&kim), "person:Kim Jae-chun");
/// kim.kb_id = Some("Q12345".into());
/// assert_eq!(node_id(&kim), "Q12345");
/// ```
pub fn node_id(entity: &Entity<'_>) -> String {
    match &entity.kb_id {
        Some(kb_id) => kb_id.to_string(),
        None => {
            let mut id = format!("{}:", entity.kind.as_str());
            for (i, word) in entity.name.split_whitespace().enumerate() {
                if i > 0 {
                    id.push(' ');
                }
                id.push_str(word);
            }
            id
        }
    }
}

/// An entity of a document graph.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Node {
    /// See [`node_id`].
    pub id: String,
    pub kind: EntityKind,
    /// The canonical name.
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kb_id: Option<String>,
}

/// What one sentence says about an edge, as text, so that it stays readable
/// without the document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EvidenceSummary {
    /// The sentence's text.
    pub sentence: String,
    /// The word that signals the relation.
    pub trigger: String,
    pub status: Status,
    /// For `trades_with`: the node id of the supplying side, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub supplier: Option<String>,
}

/// A relation between two nodes of a document graph. Both relation kinds are
/// symmetric, so `source` is always the smaller node id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edge {
    pub kind: RelationKind,
    pub source: String,
    pub target: String,
    /// In text order.
    pub evidence: Vec<EvidenceSummary>,
}

/// Edges are keyed by their ordered ends, then kind.
type EdgeKey = (String, String, RelationKind);

fn edge_key(a: &str, b: &str, kind: RelationKind) -> EdgeKey {
    let (source, target) = if a <= b { (a, b) } else { (b, a) };
    (source.to_owned(), target.to_owned(), kind)
}

/// Which nodes each node is linked to, and how.
type Adjacency = BTreeMap<String, BTreeSet<(String, RelationKind)>>;

fn link(adjacency: &mut Adjacency, a: &str, b: &str, kind: RelationKind) {
    adjacency.entry(a.to_owned()).or_default().insert((b.to_owned(), kind));
    adjacency.entry(b.to_owned()).or_default().insert((a.to_owned(), kind));
}

/// The neighbour ids of `id`, each once, in id order.
fn neighbour_ids<'a>(adjacency: &'a Adjacency, id: &str, kind: Option<RelationKind>) -> Vec<&'a str> {
    let mut ids: Vec<&str> = adjacency
        .get(id)
        .into_iter()
        .flatten()
        .filter(|(_, k)| kind.is_none_or(|kind| kind == *k))
        .map(|(n, _)| n.as_str())
        .collect();
    // The set is ordered by (id, kind): equal ids are adjacent.
    ids.dedup();
    ids
}

/// Serializes the values of a map as a JSON array.
struct Values<'a, K, V>(&'a BTreeMap<K, V>);

impl<K, V: Serialize> Serialize for Values<'_, K, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.values())
    }
}

/// The graph of one document: one node per entity, one edge per relation.
///
/// Entities that map to the same [`node_id`] (which a correct document does
/// not have) become one node named after the first of them; a relation that
/// would then link a node to itself is dropped.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Graph {
    nodes: BTreeMap<String, Node>,
    edges: BTreeMap<EdgeKey, Edge>,
    adjacency: Adjacency,
}

impl Graph {
    /// The graph of `doc`.
    pub fn from_document(doc: &Document<'_>) -> Graph {
        let mut graph = Graph::default();
        for entity in &doc.entities {
            let id = node_id(entity);
            graph.nodes.entry(id.clone()).or_insert_with(|| Node {
                id,
                kind: entity.kind,
                name: entity.name.to_string(),
                kb_id: entity.kb_id.as_deref().map(str::to_string),
            });
        }
        let id_of = |entity_id| doc.entity(entity_id).map(node_id);
        for relation in &doc.relations {
            let (Some(a), Some(b)) = (id_of(relation.source), id_of(relation.target)) else {
                continue;
            };
            if a == b {
                continue;
            }
            let key = edge_key(&a, &b, relation.kind);
            link(&mut graph.adjacency, &a, &b, relation.kind);
            let edge = graph.edges.entry(key).or_insert_with_key(|(source, target, kind)| Edge {
                kind: *kind,
                source: source.clone(),
                target: target.clone(),
                evidence: Vec::new(),
            });
            edge.evidence.extend(relation.evidence.iter().map(|evidence| EvidenceSummary {
                sentence: doc.slice(evidence.span).to_owned(),
                trigger: doc.slice(evidence.trigger).to_owned(),
                status: evidence.status,
                supplier: evidence.supplier.and_then(id_of),
            }));
        }
        graph
    }

    /// Nodes in id order.
    pub fn nodes(&self) -> impl Iterator<Item = &Node> + '_ {
        self.nodes.values()
    }

    /// Edges ordered by source, target, kind.
    pub fn edges(&self) -> impl Iterator<Item = &Edge> + '_ {
        self.edges.values()
    }

    /// The node with this id.
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.get(id)
    }

    /// The edge of this kind between `a` and `b`, in either order.
    pub fn edge(&self, a: &str, b: &str, kind: RelationKind) -> Option<&Edge> {
        self.edges.get(&edge_key(a, b, kind))
    }

    /// The nodes linked to `id`, by relations of `kind` or of any kind, each
    /// once, in id order.
    pub fn neighbours(&self, id: &str, kind: Option<RelationKind>) -> Vec<&Node> {
        neighbour_ids(&self.adjacency, id, kind).into_iter().filter_map(|n| self.nodes.get(n)).collect()
    }

    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    pub fn edge_count(&self) -> usize {
        self.edges.len()
    }

    /// No nodes (and so no edges).
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }
}

impl From<&Document<'_>> for Graph {
    fn from(doc: &Document<'_>) -> Self {
        Graph::from_document(doc)
    }
}

impl Serialize for Graph {
    /// `{"nodes": [...], "edges": [...]}`, both in id order.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Graph", 2)?;
        s.serialize_field("nodes", &Values(&self.nodes))?;
        s.serialize_field("edges", &Values(&self.edges))?;
        s.end()
    }
}

/// A node of a [`CorpusGraph`]: one referent, with how many documents name it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CorpusNode {
    pub id: String,
    /// The kind most documents give it (ties: the first in `EntityKind` order).
    pub kind: EntityKind,
    /// The canonical name most documents use (ties: the smallest), so that the
    /// choice does not depend on the order documents were added in.
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kb_id: Option<String>,
    /// How many added documents have this node.
    pub count: usize,
    #[serde(skip)]
    names: BTreeMap<String, usize>,
    #[serde(skip)]
    kinds: BTreeMap<EntityKind, usize>,
}

impl CorpusNode {
    fn new(id: &str) -> Self {
        CorpusNode {
            id: id.to_owned(),
            kind: EntityKind::Person,
            name: String::new(),
            kb_id: None,
            count: 0,
            names: BTreeMap::new(),
            kinds: BTreeMap::new(),
        }
    }

    fn absorb(
        &mut self,
        count: usize,
        kb_id: Option<&String>,
        names: &BTreeMap<String, usize>,
        kinds: &BTreeMap<EntityKind, usize>,
    ) {
        self.count += count;
        if self.kb_id.is_none() {
            self.kb_id = kb_id.cloned();
        }
        for (name, n) in names {
            *self.names.entry(name.clone()).or_default() += n;
        }
        for (kind, n) in kinds {
            *self.kinds.entry(*kind).or_default() += n;
        }
        if let Some(name) = most_frequent(&self.names) {
            self.name = name.clone();
        }
        if let Some(kind) = most_frequent(&self.kinds) {
            self.kind = *kind;
        }
    }
}

/// The key with the highest count; the smallest such key on ties.
fn most_frequent<K: Ord>(counts: &BTreeMap<K, usize>) -> Option<&K> {
    counts.iter().max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0))).map(|(k, _)| k)
}

/// An edge of a [`CorpusGraph`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CorpusEdge {
    pub kind: RelationKind,
    /// The smaller node id of the pair.
    pub source: String,
    pub target: String,
    /// How many added documents have this edge.
    pub count: usize,
    /// How many evidence sentences those documents give for it.
    pub evidence: usize,
    /// The ids of the documents it came from.
    pub documents: BTreeSet<String>,
}

/// The graphs of many documents merged into one: nodes are matched by
/// [`node_id`], edges by their ends and kind, and each edge counts the
/// documents it came from.
///
/// The result depends only on which documents were added, not on their order,
/// so graphs built in parallel and [merged](Self::merge) equal one built in
/// sequence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CorpusGraph {
    documents: usize,
    nodes: BTreeMap<String, CorpusNode>,
    edges: BTreeMap<EdgeKey, CorpusEdge>,
    adjacency: Adjacency,
}

impl CorpusGraph {
    /// An empty corpus graph.
    pub fn new() -> Self {
        CorpusGraph::default()
    }

    /// Adds the graph of the document with id `document`.
    pub fn add_graph(&mut self, document: &str, graph: &Graph) {
        self.documents += 1;
        for node in graph.nodes() {
            let names = BTreeMap::from([(node.name.clone(), 1)]);
            let kinds = BTreeMap::from([(node.kind, 1)]);
            self.node_entry(&node.id).absorb(1, node.kb_id.as_ref(), &names, &kinds);
        }
        for edge in graph.edges() {
            let documents = BTreeSet::from([document.to_owned()]);
            self.add_edge(edge.kind, &edge.source, &edge.target, 1, edge.evidence.len(), documents);
        }
    }

    /// Adds the graph of `doc` under the id `document`.
    pub fn add_document(&mut self, document: &str, doc: &Document<'_>) {
        self.add_graph(document, &Graph::from_document(doc));
    }

    /// Adds everything `other` holds, as if its documents had been added here.
    pub fn merge(&mut self, other: CorpusGraph) {
        self.documents += other.documents;
        for (id, node) in other.nodes {
            self.node_entry(&id).absorb(node.count, node.kb_id.as_ref(), &node.names, &node.kinds);
        }
        for (_, edge) in other.edges {
            self.add_edge(edge.kind, &edge.source, &edge.target, edge.count, edge.evidence, edge.documents);
        }
    }

    fn node_entry(&mut self, id: &str) -> &mut CorpusNode {
        self.nodes.entry(id.to_owned()).or_insert_with(|| CorpusNode::new(id))
    }

    fn add_edge(
        &mut self,
        kind: RelationKind,
        a: &str,
        b: &str,
        count: usize,
        evidence: usize,
        documents: BTreeSet<String>,
    ) {
        link(&mut self.adjacency, a, b, kind);
        let edge = self.edges.entry(edge_key(a, b, kind)).or_insert_with_key(|(source, target, kind)| CorpusEdge {
            kind: *kind,
            source: source.clone(),
            target: target.clone(),
            count: 0,
            evidence: 0,
            documents: BTreeSet::new(),
        });
        edge.count += count;
        edge.evidence += evidence;
        edge.documents.extend(documents);
    }

    /// How many documents were added.
    pub fn document_count(&self) -> usize {
        self.documents
    }

    /// Nodes in id order.
    pub fn nodes(&self) -> impl Iterator<Item = &CorpusNode> + '_ {
        self.nodes.values()
    }

    /// Edges ordered by source, target, kind.
    pub fn edges(&self) -> impl Iterator<Item = &CorpusEdge> + '_ {
        self.edges.values()
    }

    /// The node with this id.
    pub fn node(&self, id: &str) -> Option<&CorpusNode> {
        self.nodes.get(id)
    }

    /// The edge of this kind between `a` and `b`, in either order.
    pub fn edge(&self, a: &str, b: &str, kind: RelationKind) -> Option<&CorpusEdge> {
        self.edges.get(&edge_key(a, b, kind))
    }

    /// The nodes linked to `id`, by relations of `kind` or of any kind, each
    /// once, in id order.
    pub fn neighbours(&self, id: &str, kind: Option<RelationKind>) -> Vec<&CorpusNode> {
        neighbour_ids(&self.adjacency, id, kind).into_iter().filter_map(|n| self.nodes.get(n)).collect()
    }

    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    pub fn edge_count(&self) -> usize {
        self.edges.len()
    }

    /// No nodes (and so no edges).
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }
}

impl Serialize for CorpusGraph {
    /// `{"documents": N, "nodes": [...], "edges": [...]}`, in id order.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("CorpusGraph", 3)?;
        s.serialize_field("documents", &self.documents)?;
        s.serialize_field("nodes", &Values(&self.nodes))?;
        s.serialize_field("edges", &Values(&self.edges))?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn most_frequent_breaks_ties_by_the_smallest_key() {
        let counts = BTreeMap::from([("Putin", 2), ("Wladimir Putin", 2), ("W. Putin", 1)]);
        assert_eq!(most_frequent(&counts), Some(&"Putin"));
        assert_eq!(most_frequent(&BTreeMap::<&str, usize>::new()), None);
    }

    #[test]
    fn edge_keys_ignore_direction() {
        assert_eq!(edge_key("b", "a", RelationKind::Meets), edge_key("a", "b", RelationKind::Meets));
    }
}
