//! Merges the graphs of a folder of articles into one corpus graph and prints
//! it as Graphviz DOT.
//!
//! ```text
//! cargo run --example corpus_dot [FOLDER] | dot -Tsvg > corpus.svg
//! ```
//!
//! Reads every `*.txt` in FOLDER (default `examples/articles`), in name order
//! so that the output is the same on every machine.

use std::path::PathBuf;
use std::process::ExitCode;

use newsgraph::graph::CorpusGraph;
use newsgraph::output::dot;
use newsgraph::Extractor;

fn main() -> ExitCode {
    let folder = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| [env!("CARGO_MANIFEST_DIR"), "examples", "articles"].iter().collect());
    let entries = match std::fs::read_dir(&folder) {
        Ok(entries) => entries,
        Err(e) => {
            eprintln!("corpus_dot: {}: {e}", folder.display());
            return ExitCode::FAILURE;
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    paths.sort();

    let extractor = Extractor::new();
    let mut corpus = CorpusGraph::new();
    let mut status = ExitCode::SUCCESS;
    for path in &paths {
        match std::fs::read_to_string(path) {
            // The file name is the document id the corpus graph records per edge.
            Ok(article) => corpus
                .add_document(&path.file_name().unwrap_or_default().to_string_lossy(), &extractor.extract(&article)),
            Err(e) => {
                eprintln!("corpus_dot: {}: {e}", path.display());
                status = ExitCode::FAILURE;
            }
        }
    }
    let mut out = String::new();
    dot::write_corpus(&corpus, &mut out);
    print!("{out}");
    eprintln!(
        "corpus_dot: {} articles, {} nodes, {} edges",
        corpus.document_count(),
        corpus.node_count(),
        corpus.edge_count()
    );
    status
}
