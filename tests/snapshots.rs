//! Whole-article snapshots of the reference article, in the text form made for
//! reading: tokens and sentences, entities, relations. Review every change
//! line by line (`cargo insta review`); never accept blindly.

use newsgraph::output::text;
use newsgraph::{Document, Extractor, Language};

const ARTICLE: &str = include_str!("../examples/articles/kim-putin-de.txt");

fn document() -> Document<'static> {
    let extractor = Extractor::builder().language(Language::De).build().expect("default extractor");
    extractor.extract(ARTICLE)
}

fn lines_starting_with(rendered: &str, prefixes: &[&str]) -> String {
    rendered
        .lines()
        .filter(|line| prefixes.iter().any(|p| line.starts_with(p)))
        .map(|line| format!("{line}\n"))
        .collect()
}

fn rendered(doc: &Document<'_>) -> String {
    let mut out = String::new();
    text::write_document(doc, &mut out);
    out
}

#[test]
fn reference_article_tokens_and_sentences() {
    let mut out = String::new();
    text::write_tokens(&document(), &mut out);
    insta::assert_snapshot!(out);
}

#[test]
fn reference_article_entities() {
    let doc = document();
    insta::assert_snapshot!(lines_starting_with(&rendered(&doc), &["e"]));
}

#[test]
fn reference_article_relations() {
    let doc = document();
    insta::assert_snapshot!(lines_starting_with(&rendered(&doc), &["meets", "trades_with"]));
}
