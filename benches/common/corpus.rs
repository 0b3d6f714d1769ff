//! The text the benchmarks and `examples/floor.rs` run on: real news text,
//! assembled at run time and repeated to the size a measurement needs.
//!
//! Sources, in this order:
//!
//! 1. `examples/articles/kim-putin-de.txt`, the project's committed reference
//!    article (compiled in, so it is always there);
//! 2. when present, the other articles in `../shared/articles/*.txt`;
//! 3. when present, the sentences of `../shared/data/germeval2014/NER-de-dev.tsv`
//!    (column 2 tokens joined by spaces), grouped into paragraphs and those
//!    into article-sized documents.
//!
//! The shared texts are evaluation data that must not be committed into the
//! repository, so they are read here, never copied; without `../shared` the
//! corpus is the reference article alone. Set `NEWSGRAPH_SHARED` to use
//! another shared folder.
//!
//! This file lives below `benches/common/` so that Cargo does not take it for
//! a benchmark of its own; `benches/pipeline.rs` and `examples/floor.rs`
//! include it with `#[path]`.

use std::path::{Path, PathBuf};

/// The committed reference article: the short text of cold-start runs.
pub const REFERENCE_ARTICLE: &str = include_str!("../../examples/articles/kim-putin-de.txt");

/// File name of the reference article, to skip its copy in `../shared/articles`.
const REFERENCE_NAME: &str = "kim-putin-de.txt";

/// GermEval sentences per paragraph, and paragraphs per document: 24
/// sentences of about 120 bytes make a document of about 3 KB, the size of a
/// short news article.
const SENTENCES_PER_PARAGRAPH: usize = 4;
const PARAGRAPHS_PER_DOCUMENT: usize = 6;

/// One document of the corpus.
#[derive(Clone, Debug)]
pub struct Piece {
    /// Where it comes from, for the summary line.
    pub source: &'static str,
    pub text: String,
    /// Whether it is German (the English shared articles are not).
    pub german: bool,
}

/// The documents of all available sources, once each.
#[derive(Clone, Debug)]
pub struct Corpus {
    pub pieces: Vec<Piece>,
    /// The shared folder used, or `None` when it was not found.
    pub shared: Option<PathBuf>,
}

impl Corpus {
    /// Reads every source that is present.
    pub fn load() -> Corpus {
        let mut pieces = vec![Piece { source: "reference article", text: REFERENCE_ARTICLE.to_owned(), german: true }];
        let shared = shared_dir();
        if let Some(shared) = &shared {
            pieces.extend(shared_articles(&shared.join("articles")));
            pieces.extend(germeval_documents(&shared.join("data/germeval2014/NER-de-dev.tsv")));
        }
        Corpus { pieces, shared }
    }

    /// Bytes of all pieces, once each.
    pub fn unique_bytes(&self) -> usize {
        self.pieces.iter().map(|p| p.text.len()).sum()
    }

    /// One line saying what the corpus is made of.
    pub fn describe(&self) -> String {
        let mut counts: Vec<(&str, usize, usize)> = Vec::new();
        for piece in &self.pieces {
            match counts.iter_mut().find(|(source, _, _)| *source == piece.source) {
                Some((_, n, bytes)) => {
                    *n += 1;
                    *bytes += piece.text.len();
                }
                None => counts.push((piece.source, 1, piece.text.len())),
            }
        }
        let parts: Vec<String> =
            counts.iter().map(|(source, n, bytes)| format!("{n} × {source} ({:.0} KB)", *bytes as f64 / 1e3)).collect();
        let shared = match &self.shared {
            Some(dir) => format!("shared folder {}", dir.display()),
            None => "no shared folder: reference article only".to_owned(),
        };
        format!("corpus: {} ({:.0} KB unique; {shared})", parts.join(", "), self.unique_bytes() as f64 / 1e3)
    }

    /// All pieces as one text of at least `bytes` bytes (at most one piece
    /// more), repeating the corpus as often as needed. Pieces are separated
    /// by a blank line, as articles in one file would be.
    pub fn text(&self, bytes: usize) -> String {
        let mut text = String::with_capacity(bytes + 64 * 1024);
        for piece in self.pieces.iter().cycle() {
            if text.len() >= bytes {
                break;
            }
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&piece.text);
        }
        text
    }

    /// Documents, one per piece, repeated until they hold at least `bytes`
    /// bytes together: the shape of a JSONL batch. `german_only` leaves out
    /// the English articles.
    pub fn documents(&self, bytes: usize, german_only: bool) -> Vec<&str> {
        let mut documents = Vec::new();
        let mut total = 0;
        let pieces: Vec<&Piece> = self.pieces.iter().filter(|p| p.german || !german_only).collect();
        for piece in pieces.iter().cycle() {
            if total >= bytes {
                break;
            }
            total += piece.text.len();
            documents.push(piece.text.as_str());
        }
        documents
    }
}

/// `NEWSGRAPH_SHARED`, or `../shared` next to the crate, when it exists.
fn shared_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("NEWSGRAPH_SHARED") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"),
    };
    // Canonical, so that the summary line shows a plain path.
    dir.canonicalize().ok().filter(|dir| dir.is_dir())
}

/// The `*.txt` articles of `dir`, by file name so that the order (and thus
/// every measurement) is the same on every run.
fn shared_articles(dir: &Path) -> Vec<Piece> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .filter(|path| path.file_name().is_some_and(|name| name != REFERENCE_NAME))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(&path).ok()?;
            // The shared articles are named `<topic>-<lang>.txt`.
            let german = !path.file_stem().is_some_and(|stem| stem.to_string_lossy().ends_with("-en"));
            Some(Piece { source: "shared article", text, german })
        })
        .collect()
}

/// The GermEval sentences as article-sized documents of paragraphs.
fn germeval_documents(path: &Path) -> Vec<Piece> {
    let Ok(tsv) = std::fs::read_to_string(path) else { return Vec::new() };
    let sentences = germeval_sentences(&tsv);
    let per_document = SENTENCES_PER_PARAGRAPH * PARAGRAPHS_PER_DOCUMENT;
    sentences
        .chunks(per_document)
        .map(|chunk| {
            let paragraphs: Vec<String> = chunk.chunks(SENTENCES_PER_PARAGRAPH).map(|p| p.join(" ")).collect();
            Piece { source: "GermEval document", text: paragraphs.join("\n\n"), german: true }
        })
        .collect()
}

/// One string per sentence: a `#` line opens a sentence, a blank line ends
/// it, and every other line is `index<TAB>token<TAB>labels…`.
fn germeval_sentences(tsv: &str) -> Vec<String> {
    let mut sentences = Vec::new();
    let mut current = String::new();
    for line in tsv.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            if !current.is_empty() {
                sentences.push(std::mem::take(&mut current));
            }
            continue;
        }
        if let Some(token) = line.split('\t').nth(1) {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(token);
        }
    }
    if !current.is_empty() {
        sentences.push(current);
    }
    sentences
}
