//! Extracts one article and prints its human-readable form.
//!
//! ```text
//! cargo run --example extract [ARTICLE.txt]
//! ```
//!
//! Without an argument it reads `examples/articles/kim-putin-de.txt`.

use std::path::PathBuf;
use std::process::ExitCode;

use newsgraph::output::text;
use newsgraph::Extractor;

fn main() -> ExitCode {
    let path = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| [env!("CARGO_MANIFEST_DIR"), "examples", "articles", "kim-putin-de.txt"].iter().collect());
    let article = match std::fs::read_to_string(&path) {
        Ok(article) => article,
        Err(e) => {
            eprintln!("extract: {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    };
    // Build the extractor once; it is meant to be shared across many articles.
    let extractor = Extractor::new();
    let doc = extractor.extract(&article);
    let mut out = String::new();
    text::write_document(&doc, &mut out);
    print!("{out}");
    ExitCode::SUCCESS
}
