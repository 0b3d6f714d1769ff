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

#[test]
fn reference_article_sentences_begin_where_a_reader_sees_them() {
    let doc = document();
    let starts: Vec<&str> = doc.sentences.iter().map(|s| doc.slice(s.span)).collect();
    for beginning in [
        "Erhalten Sie",
        "Der nordkoreanische",
        "Kim auf einem roten Teppich",
        "Kim wird vor seiner Abreise",
        "Peskow sagte",
        "Die Weltraumstartanlage",
        "Geeignete Beamte",
        "Mitglieder der",
        "Schreibe einen Kommentar",
    ] {
        assert!(starts.iter().any(|s| s.starts_with(beginning)), "no sentence begins with {beginning:?}");
    }
    for whole in ["59 km/h", "Covid-19-Pandemie", "Kosmodrom Wostotschny", "900 km nordwestlich von Ussurijsk"] {
        let at = ARTICLE.find(whole).expect("the phrase is in the article");
        let inside = doc.sentences.iter().any(|s| s.span.start <= at && at + whole.len() <= s.span.end);
        assert!(inside, "a sentence boundary falls inside {whole:?}");
    }
}
