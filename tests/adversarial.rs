//! Adversarial inputs (issue 7): each must be processed without a panic, in
//! time linear in its length, into a document that keeps every structural
//! invariant.
//!
//! Nothing here asserts on time: a quadratic stage shows up as a test that
//! does not finish. Each case prints its timing, so that
//! `cargo test --release --test adversarial -- --nocapture` doubles as a
//! linearity report (MB/s and seconds per MB per case).

use std::sync::OnceLock;
use std::time::Instant;

use newsgraph::output::json;
use newsgraph::{Document, Extractor};
use serde_json::Value;

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(Extractor::new)
}

mod common;
use common::invariants;

/// Extracts `text`, checks the invariants and the JSON output, prints the
/// timing of both, and hands the document back for case-specific checks.
fn run<'t>(case: &str, text: &'t str) -> Document<'t> {
    // Shared with a warm-up outside the timing.
    let _ = extractor();
    let started = Instant::now();
    let doc = extractor().extract(text);
    let extract = started.elapsed().as_secs_f64();
    if let Err(e) = invariants(&doc) {
        panic!("{case}: {e}");
    }

    let started = Instant::now();
    let mut out = String::new();
    json::write_document(&doc, Some(case), &mut out);
    let write = started.elapsed().as_secs_f64();
    let value: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{case}: output is not JSON: {e}"));
    let entities = value["entities"].as_array().expect("entities");
    assert_eq!(entities.len(), doc.entities.len(), "{case}");
    for (v, e) in entities.iter().zip(&doc.entities) {
        let mentions = v["mentions"].as_array().expect("mentions");
        assert_eq!(mentions.len(), e.mentions.len(), "{case}");
        for (mv, m) in mentions.iter().zip(&e.mentions) {
            assert_eq!(mv["text"], doc.slice(m.span), "{case}");
            assert!(mv["char_start"].as_u64() <= mv["char_end"].as_u64(), "{case}");
        }
    }

    let mb = text.len() as f64 / 1e6;
    let mentions: usize = doc.entities.iter().map(|e| e.mentions.len()).sum();
    eprintln!(
        "{case:<28} {:>9} bytes {:>8} tokens {:>6} sentences {:>6} entities {:>7} mentions {:>4} relations | \
         extract {extract:>7.3} s ({:>6.2} MB/s, {:>6.3} s/MB), JSON {write:>6.3} s",
        text.len(),
        doc.tokens.len(),
        doc.sentences.len(),
        doc.entities.len(),
        mentions,
        doc.relations.len(),
        if extract > 0.0 { mb / extract } else { f64::INFINITY },
        if mb > 0.0 { extract / mb } else { 0.0 },
    );
    doc
}

/// A deterministic stream of pseudo-random numbers (no extra dependency).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

#[test]
fn one_megabyte_without_a_space() {
    run("1 MB of `a`", &"a".repeat(1 << 20));
    run("1 MB of `ü`", &"ü".repeat(1 << 19));
}

// Quadratic in the word's length at the time of writing (about 4 minutes per
// MB in release): German `looks_common` tries every suffix of a capitalised
// word against the common nouns. Each case below is one such word.
#[test]
fn one_megabyte_capitalised_word_without_a_space() {
    run("1 MB of `Kim.`", &"Kim.".repeat(1 << 18));
    run("1 MB of `PutinKimMoskau`", &"PutinKimMoskau".repeat(75_000));
}

#[test]
fn a_hundred_thousand_dots() {
    let dots = ".".repeat(100_000);
    let doc = run("100,000 dots", &dots);
    assert!(doc.entities.is_empty());
    run("100,000 `. `", &". ".repeat(100_000));
    run("100,000 `…`", &"…".repeat(100_000));
}

#[test]
fn abbreviations_repeated() {
    run("`Dr. z. B. u. a. ` × 20,000", &"Dr. z. B. u. a. ".repeat(20_000));
    run("`Mr. St. e.g. U.S. ` × 20,000", &"Mr. St. e.g. U.S. ".repeat(20_000));
}

#[test]
fn two_hundred_thousand_capitalised_words() {
    let mut rng = Lcg(7);
    let mut text = String::new();
    for _ in 0..200_000 {
        let len = 3 + rng.next() % 6;
        text.push(char::from(b'A' + (rng.next() % 26) as u8));
        for _ in 1..len {
            text.push(char::from(b'a' + (rng.next() % 26) as u8));
        }
        text.push(' ');
    }
    run("200,000 capitalised words", &text);

    let names = ["Putin", "Kim", "Moskau", "Wladiwostok", "Peskow", "Lawrow", "Nordkorea", "Kim Jong Un", "Xi"];
    let text: String = (0..200_000).map(|i| names[i % names.len()]).collect::<Vec<_>>().join(" ");
    run("200,000 known names", &text);
}

// Quadratic at the time of writing (3-5 s per MB in release): each new piece
// of evidence is compared with all earlier evidence of its relation.
#[test]
fn fifty_thousand_trigger_sentences() {
    let text = "Putin traf Kim und verkaufte Waffen an Moskau. ".repeat(50_000);
    let doc = run("trigger sentence × 50,000", &text);
    assert!(!doc.relations.is_empty(), "the sentence carries relations");
    let text = "Putin met Kim and sold weapons to Moscow. ".repeat(50_000);
    run("English trigger × 50,000", &text);
}

// Quadratic at the time of writing (minutes in release): the tokenizer
// recomputes the shape of the whole compound at every joined part, and each
// gazetteer hit in a part hashes the whole token.
#[test]
fn a_hundred_thousand_part_hyphen_chain() {
    let parts: Vec<String> = (0..100_000).map(|i| char::from(b'a' + (i % 26) as u8).to_string()).collect();
    let chain = parts.join("-");
    let doc = run("hyphen chain × 100,000", &chain);
    assert_eq!(doc.tokens.len(), 1, "one hyphenated token");
    let names: Vec<&str> = (0..100_000).map(|i| ["Kim", "Putin", "Moskau"][i % 3]).collect();
    run("name hyphen chain × 100,000", &names.join("-"));
}

#[test]
fn fifty_thousand_nested_quotes() {
    let text = format!("{}Kim{}", "„".repeat(50_000), "“".repeat(50_000));
    run("nested quotes × 50,000", &text);
    run("`„Kim“ ` × 50,000", &"„Kim“ ".repeat(50_000));
    run("`(((` × 50,000", &format!("{}Putin traf Kim{}.", "(".repeat(50_000), ")".repeat(50_000)));
}

#[test]
fn two_hundred_thousand_kims() {
    let kims = "Kim ".repeat(200_000);
    let doc = run("`Kim ` × 200,000", &kims);
    // The run of names is cut into sentences and read as multi-word names
    // (`Kim Kim Kim`); what matters is that they do not multiply.
    assert!(doc.entities.len() <= 3, "{} entities", doc.entities.len());
    for entity in &doc.entities {
        for mention in &entity.mentions {
            assert!(doc.slice(mention.span).split(' ').all(|w| w == "Kim"));
        }
    }
    run("`Kim Jong Un. Kim. Kims ` × 60,000", &"Kim Jong Un. Kim. Kims ".repeat(60_000));
}

#[test]
fn crlf_text_gives_the_graph_of_lf_text() {
    let lf = "Kim Jong Un traf Wladimir Putin in Wladiwostok.\n\
              Der nordkoreanische Machthaber will Waffen an Moskau verkaufen, sagte Peskow.\n\n\
              Überschrift ohne Punkt\n\
              Putin und Kim sprachen über Munition.\n";
    let crlf = lf.replace('\n', "\r\n");
    let (a, b) = (run("LF article", lf), run("CRLF article", &crlf));
    let names = |d: &Document<'_>| {
        d.entities.iter().map(|e| (e.name.to_string(), e.kind, e.mentions.len())).collect::<Vec<_>>()
    };
    assert_eq!(a.sentences.len(), b.sentences.len(), "sentences differ under CRLF");
    assert_eq!(names(&a), names(&b), "entities differ under CRLF");
    assert_eq!(a.relations.len(), b.relations.len(), "relations differ under CRLF");
    run("`\\r\\n` × 200,000", &"\r\n".repeat(200_000));
    run("`\\r` × 200,000", &"\r".repeat(200_000));
    run("`Kim\\r\\n` × 100,000", &"Kim\r\n".repeat(100_000));
}

#[test]
fn nul_bytes() {
    run("NUL × 100,000", &"\0".repeat(100_000));
    run("NUL-separated words", &"Putin\0traf\0Kim\0in\0Moskau.\0".repeat(20_000));
    let doc = run("NUL inside a sentence", "Putin traf\0 Kim in Wladiwostok.\0");
    assert!(!doc.entities.is_empty());
}

#[test]
fn empty_and_whitespace_only_input_give_an_empty_graph() {
    for (case, text) in [
        ("empty", String::new()),
        ("one space", " ".to_owned()),
        ("mixed whitespace", " \t\n\r\n\u{a0}\u{2003}\u{3000}\u{2028}\u{85}\u{b}\u{c}".to_owned()),
        ("1 MB of spaces", " ".repeat(1 << 20)),
        ("100,000 blank lines", "\n".repeat(100_000)),
    ] {
        let doc = run(case, &text);
        assert!(doc.tokens.is_empty(), "{case}: tokens");
        assert!(doc.sentences.is_empty(), "{case}: sentences");
        assert!(doc.entities.is_empty(), "{case}: entities");
        assert!(doc.relations.is_empty(), "{case}: relations");
    }
}

#[test]
fn unicode_extremes() {
    // One grapheme cluster of half a million combining marks.
    run("`a` + 500,000 combining marks", &format!("a{}", "\u{301}".repeat(500_000)));
    run("emoji ZWJ chain × 100,000", &"👨\u{200d}".repeat(100_000));
    run("flags × 100,000", &"🇩🇪".repeat(100_000));
    run("RTL words × 100,000", &"بوتين التقى كيم. ".repeat(30_000));
    run("`\\u{feff}` × 100,000", &"\u{feff}".repeat(100_000));
    run("`Kim\\u{200b}` × 100,000", &"Kim\u{200b}".repeat(100_000));
}

#[test]
fn url_and_mail_lookalikes() {
    run("`a` × 200,000 then `@`", &format!("{}@", "a".repeat(200_000)));
    run("`a.` × 100,000 then `@x`", &format!("{}@x", "a.".repeat(100_000)));
    run("`a@` × 100,000", &"a@".repeat(100_000));
    run("`www.` × 100,000", &"www.".repeat(100_000));
    run("`http:// ` × 50,000", &"http:// ".repeat(50_000));
    run("`x@y.z ` × 50,000", &"x@y.z ".repeat(50_000));
}

#[test]
fn long_sentences_and_numbers() {
    // No sentence boundary: the splitter cuts at its maximum sentence length.
    run("200,000 lower-case words", &"und ".repeat(200_000));
    run("`1.` × 100,000", &"1. ".repeat(100_000));
    run("`13. September ` × 50,000", &"13. September ".repeat(50_000));
    run("digits 1 MB", &"1234567890".repeat(100_000));
    run("`1.000,5` × 100,000", &"1.000,5".repeat(100_000));
}

/// Fuzz find (`json_roundtrip`, `{"id":1e144,"text":"Putinj Munition"}`): a
/// float id was written as 145 digits, which JSON readers take for an
/// integer or round (`9.999999999999999e143`). Float ids now read back as the
/// same float.
#[test]
fn float_ids_read_back_as_the_same_float() {
    let doc = extractor().extract("Putinj Munition");
    for x in [1e144, 1.0, 0.1, -2.5e-300, 123456789.0, f64::MAX, f64::MIN_POSITIVE] {
        let mut written = String::new();
        json::write_document_with_id(&doc, Some(json::Id::Float(x)), &mut written);
        let value: Value = serde_json::from_str(&written).expect("the document is JSON");
        assert!(value["id"].is_f64(), "{x} written as {}", value["id"]);
        assert_eq!(value["id"].as_f64(), Some(x), "{x}");
    }
}
