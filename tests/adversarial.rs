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
use newsgraph::{Document, Extractor, Span};
use serde_json::Value;

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(Extractor::new)
}

/// A span of `text` that is non-empty, inside the text and on char boundaries.
fn check_span(text: &str, span: Span, what: &str) -> Result<(), String> {
    if span.start >= span.end {
        return Err(format!("{what}: empty or reversed span {span:?}"));
    }
    if span.end > text.len() {
        return Err(format!("{what}: span {span:?} past the end of the text ({} bytes)", text.len()));
    }
    if !text.is_char_boundary(span.start) || !text.is_char_boundary(span.end) {
        return Err(format!("{what}: span {span:?} not on char boundaries"));
    }
    Ok(())
}

/// Every structural invariant of a document, as an error message naming the
/// first one broken.
fn invariants(doc: &Document<'_>) -> Result<(), String> {
    let text = doc.text;

    // Tokens: non-empty, on char boundaries, in order, not overlapping.
    let mut previous_end = 0;
    for (i, token) in doc.tokens.iter().enumerate() {
        check_span(text, token.span, &format!("token {i}"))?;
        if token.span.start < previous_end {
            return Err(format!("token {i} {:?} overlaps or precedes the token before", token.span));
        }
        previous_end = token.span.end;
    }

    // Sentences: cover all tokens in order, each at least one token; the span
    // runs from the first token's start to the last token's end.
    if doc.tokens.is_empty() != doc.sentences.is_empty() {
        return Err(format!("{} tokens but {} sentences", doc.tokens.len(), doc.sentences.len()));
    }
    let mut next_token = 0;
    let mut previous_end = 0;
    for (i, sentence) in doc.sentences.iter().enumerate() {
        check_span(text, sentence.span, &format!("sentence {i}"))?;
        if sentence.first_token != next_token {
            return Err(format!("sentence {i} starts at token {}, expected {next_token}", sentence.first_token));
        }
        if sentence.end_token <= sentence.first_token || sentence.end_token > doc.tokens.len() {
            return Err(format!("sentence {i} has token range {:?} of {}", sentence.token_range(), doc.tokens.len()));
        }
        let first = doc.tokens[sentence.first_token].span;
        let last = doc.tokens[sentence.end_token - 1].span;
        if sentence.span != Span::new(first.start, last.end) {
            return Err(format!("sentence {i} span {:?} is not its tokens' {:?}", sentence.span, first.cover(last)));
        }
        if sentence.span.start < previous_end {
            return Err(format!("sentence {i} overlaps the one before"));
        }
        previous_end = sentence.span.end;
        next_token = sentence.end_token;
    }
    if next_token != doc.tokens.len() {
        return Err(format!("sentences end at token {next_token} of {}", doc.tokens.len()));
    }

    // Entities: ids are indices, each has mentions, sorted, inside their
    // sentence; ordered by first mention.
    let mut previous_first: Option<(usize, usize)> = None;
    let mut all_mentions: Vec<(Span, usize)> = Vec::new();
    for (i, entity) in doc.entities.iter().enumerate() {
        if entity.id.0 != i {
            return Err(format!("entity {i} has id {}", entity.id));
        }
        if entity.name.is_empty() {
            return Err(format!("entity {i} has an empty name"));
        }
        let Some(first) = entity.mentions.first() else {
            return Err(format!("entity {i} ({}) has no mention", entity.name));
        };
        let first = (first.span.start, first.span.end);
        if previous_first.is_some_and(|p| p > first) {
            return Err(format!("entity {i} is not ordered by first mention"));
        }
        previous_first = Some(first);
        for (j, pair) in entity.mentions.windows(2).enumerate() {
            if (pair[0].span.start, pair[0].span.end) >= (pair[1].span.start, pair[1].span.end) {
                return Err(format!(
                    "mentions {j} and {} of entity {i} are not sorted or repeat: {:?} {:?}",
                    j + 1,
                    pair[0].span,
                    pair[1].span
                ));
            }
        }
        for (j, mention) in entity.mentions.iter().enumerate() {
            let what = format!("mention {j} of entity {i}");
            check_span(text, mention.span, &what)?;
            let Some(sentence) = doc.sentences.get(mention.sentence) else {
                return Err(format!("{what}: sentence {} does not exist", mention.sentence));
            };
            if !sentence.span.contains(mention.span) {
                return Err(format!("{what} {:?} lies outside its sentence {:?}", mention.span, sentence.span));
            }
            all_mentions.push((mention.span, i));
        }
    }
    // No text is a mention of two entities.
    all_mentions.sort_by_key(|(s, e)| (s.start, s.end, *e));
    for pair in all_mentions.windows(2) {
        if pair[0].0.overlaps(pair[1].0) {
            return Err(format!(
                "mention {:?} of entity {} overlaps mention {:?} of entity {}",
                pair[0].0, pair[0].1, pair[1].0, pair[1].1
            ));
        }
    }

    // Relations: valid, ordered ends; evidence non-empty, in text order, the
    // sentence's span, trigger inside; ordered by first evidence.
    let mut previous_key: Option<(usize, usize)> = None;
    let mut seen = std::collections::HashSet::new();
    for (i, relation) in doc.relations.iter().enumerate() {
        let (source, target) = (relation.source.0, relation.target.0);
        if source >= target || target >= doc.entities.len() {
            return Err(format!("relation {i}: source {source}, target {target} of {} entities", doc.entities.len()));
        }
        if !seen.insert((relation.kind, source, target)) {
            return Err(format!("relation {i} repeats an earlier one"));
        }
        let Some(first) = relation.evidence.first() else {
            return Err(format!("relation {i} has no evidence"));
        };
        let key = (first.sentence, first.trigger.start);
        if previous_key.is_some_and(|p| p > key) {
            return Err(format!("relation {i} is not ordered by first evidence"));
        }
        previous_key = Some(key);
        for (j, pair) in relation.evidence.windows(2).enumerate() {
            if (pair[0].sentence, pair[0].trigger.start) >= (pair[1].sentence, pair[1].trigger.start) {
                return Err(format!("evidence {j} and {} of relation {i} are not sorted or repeat", j + 1));
            }
        }
        for (j, evidence) in relation.evidence.iter().enumerate() {
            let what = format!("evidence {j} of relation {i}");
            check_span(text, evidence.span, &what)?;
            check_span(text, evidence.trigger, &format!("trigger of {what}"))?;
            let Some(sentence) = doc.sentences.get(evidence.sentence) else {
                return Err(format!("{what}: sentence {} does not exist", evidence.sentence));
            };
            if evidence.span != sentence.span {
                return Err(format!("{what}: span {:?} is not its sentence's {:?}", evidence.span, sentence.span));
            }
            if !evidence.span.contains(evidence.trigger) {
                return Err(format!("{what}: trigger {:?} outside the sentence", evidence.trigger));
            }
            if let Some(supplier) = evidence.supplier {
                if supplier != relation.source && supplier != relation.target {
                    return Err(format!("{what}: supplier {supplier} is neither end"));
                }
            }
        }
    }
    Ok(())
}

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
    let names =
        |d: &Document<'_>| d.entities.iter().map(|e| (e.name.clone(), e.kind, e.mentions.len())).collect::<Vec<_>>();
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
