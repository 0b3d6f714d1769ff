//! Property tests (issue 7): for arbitrary Unicode input, `Extractor::extract`
//! never panics and every document it returns keeps the model's structural
//! invariants; the JSON writer's output parses and agrees with the spans;
//! extraction is deterministic, whatever words an extractor has seen before.
//!
//! Case counts are kept moderate so that the suite stays fast in debug builds.

use std::sync::OnceLock;

use newsgraph::output::json;
use newsgraph::{Document, Extractor, LanguageChoice, Span};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use serde_json::Value;

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(Extractor::new)
}

fn second_extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::builder().build().expect("default extractor builds"))
}

mod common;
use common::invariants;

/// Char offset of a byte offset on a char boundary.
fn char_offset(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

fn num(value: &Value, key: &str) -> Result<usize, String> {
    value[key].as_u64().map(|n| n as usize).ok_or_else(|| format!("`{key}` is not a number in {value}"))
}

/// The JSON of the document parses and carries the document's spans, texts
/// and char offsets.
fn json_agrees(doc: &Document<'_>) -> Result<(), String> {
    let text = doc.text;
    let mut out = String::new();
    json::write_document(doc, Some("doc\u{0}\"\\\n"), &mut out);
    if out.contains('\n') {
        return Err("JSON output spans several lines".into());
    }
    let value: Value = serde_json::from_str(&out).map_err(|e| format!("output is not JSON: {e}\n{out}"))?;
    if value["id"] != "doc\u{0}\"\\\n" {
        return Err(format!("id did not round-trip: {}", value["id"]));
    }
    let span_agrees = |v: &Value, span: Span, what: &str| -> Result<(), String> {
        let got = (num(v, "start")?, num(v, "end")?, num(v, "char_start")?, num(v, "char_end")?);
        let want = (span.start, span.end, char_offset(text, span.start), char_offset(text, span.end));
        if got != want {
            return Err(format!("{what}: JSON has {got:?}, document {want:?}"));
        }
        Ok(())
    };
    let sentences = value["sentences"].as_array().ok_or("no sentences array")?;
    if sentences.len() != doc.sentences.len() {
        return Err("sentence count differs".into());
    }
    for (i, (v, s)) in sentences.iter().zip(&doc.sentences).enumerate() {
        span_agrees(v, s.span, &format!("sentence {i}"))?;
    }
    let entities = value["entities"].as_array().ok_or("no entities array")?;
    if entities.len() != doc.entities.len() {
        return Err("entity count differs".into());
    }
    for (i, (v, e)) in entities.iter().zip(&doc.entities).enumerate() {
        if v["id"] != format!("e{i}") || v["name"] != *e.name || v["kind"] != e.kind.as_str() {
            return Err(format!("entity {i} differs: {v}"));
        }
        let mentions = v["mentions"].as_array().ok_or("no mentions array")?;
        if mentions.len() != e.mentions.len() {
            return Err(format!("entity {i}: mention count differs"));
        }
        for (j, (mv, m)) in mentions.iter().zip(&e.mentions).enumerate() {
            let what = format!("mention {j} of entity {i}");
            span_agrees(mv, m.span, &what)?;
            if mv["text"] != doc.slice(m.span) {
                return Err(format!("{what}: text {} is not {:?}", mv["text"], doc.slice(m.span)));
            }
            let by_chars: String =
                text.chars().skip(num(mv, "char_start")?).take(num(mv, "char_end")? - num(mv, "char_start")?).collect();
            if mv["text"] != by_chars.as_str() {
                return Err(format!("{what}: char offsets slice {by_chars:?}, text is {}", mv["text"]));
            }
            if mv["sentence"] != m.sentence || mv["derived"] != m.derived {
                return Err(format!("{what}: sentence or derived differs"));
            }
        }
    }
    let relations = value["relations"].as_array().ok_or("no relations array")?;
    if relations.len() != doc.relations.len() {
        return Err("relation count differs".into());
    }
    for (i, (v, r)) in relations.iter().zip(&doc.relations).enumerate() {
        if v["source"] != r.source.to_string() || v["target"] != r.target.to_string() || v["kind"] != r.kind.as_str() {
            return Err(format!("relation {i} differs: {v}"));
        }
        let evidence = v["evidence"].as_array().ok_or("no evidence array")?;
        if evidence.len() != r.evidence.len() {
            return Err(format!("relation {i}: evidence count differs"));
        }
        for (j, (ev, e)) in evidence.iter().zip(&r.evidence).enumerate() {
            let what = format!("evidence {j} of relation {i}");
            span_agrees(ev, e.span, &what)?;
            if ev["trigger"] != doc.slice(e.trigger)
                || ev["status"] != e.status.as_str()
                || ev["sentence"] != e.sentence
            {
                return Err(format!("{what} differs: {ev}"));
            }
        }
    }
    Ok(())
}

/// Everything checked on one text: no panic, invariants under each language
/// choice, JSON agreement, determinism.
fn check_text(text: &str) -> Result<(), TestCaseError> {
    let doc = extractor().extract(text);
    invariants(&doc).map_err(|e| TestCaseError::fail(format!("{e}\ntext: {text:?}")))?;
    json_agrees(&doc).map_err(|e| TestCaseError::fail(format!("{e}\ntext: {text:?}")))?;
    for choice in [LanguageChoice::De, LanguageChoice::En, LanguageChoice::Auto] {
        let doc = extractor().extract_as(text, choice);
        invariants(&doc).map_err(|e| TestCaseError::fail(format!("{e}\n{choice:?}, text: {text:?}")))?;
    }
    let again = extractor().extract(text);
    prop_assert_eq!(&doc, &again, "two runs differ");
    let other = second_extractor().extract(text);
    prop_assert_eq!(&doc, &other, "two extractors differ");
    // The extractors above remember the words of every case before; a new one knows none.
    let cold = Extractor::new().extract(text);
    prop_assert_eq!(&doc, &cold, "what an extractor remembers of words changed the output");
    let (mut a, mut b) = (String::new(), String::new());
    json::write_document(&doc, None, &mut a);
    json::write_document(&other, None, &mut b);
    prop_assert_eq!(a, b, "JSON output differs");
    Ok(())
}

/// Pieces news-like and hostile text is made of.
const PIECES: &[&str] = &[
    "Putin",
    "Kim",
    "Kim Jong Un",
    "Kims",
    "Wladimir Putin",
    "Kreml-Sprecher",
    "Moskau",
    "Moskauer",
    "Nordkorea",
    "nordkoreanische",
    "Wladiwostok",
    "Peskow",
    "Kim Jae-chun",
    "Pjöngjang",
    "EEF",
    "Eastern Economic Forum",
    "traf",
    "trifft",
    "met",
    "und",
    "and",
    "der",
    "die",
    "sagte",
    "said",
    "verkaufte Waffen an",
    "sold weapons to",
    "Gespräche mit",
    "talks with",
    "nicht",
    "will",
    "Dr.",
    "z. B.",
    "u. a.",
    "13.",
    "September",
    "George W. Bush",
    "Covid-19-Pandemie",
    "US-",
    ".",
    ",",
    ";",
    ":",
    "!",
    "?",
    "…",
    "...",
    "„",
    "“",
    "”",
    "\"",
    "'",
    "’",
    "(",
    ")",
    "-",
    "–",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    " ",
    "  ",
    "\u{0}",
    "\u{1}",
    "\u{7f}",
    "\u{85}",
    "\u{a0}",
    "\u{2028}",
    "\u{feff}",
    "\u{200b}",
    "\u{200d}",
    "\u{202e}",
    "e\u{301}",
    "\u{301}",
    "Ä",
    "ß",
    "ẞ",
    "İ",
    "ǅ",
    "ﬁ",
    "مرحبا",
    "بوتين",
    "שלום",
    "北京",
    "東京",
    "👨\u{200d}👩\u{200d}👧",
    "🤝",
    "🇩🇪",
    "1.000",
    "2,5",
    "https://example.org/a-b?x=1",
    "presse@example.de",
    "www.",
    "Kim-Kim-Kim",
    "‐",
    "‑",
];

const NAMES: &[&str] = &[
    "Putin",
    "Kim",
    "Kim Jong Un",
    "Kims",
    "Wladimir Putin",
    "Moskau",
    "Nordkorea",
    "Russland",
    "Peskow",
    "Kim Jae-chun",
    "Pjöngjang",
    "Lawrow",
    "Xi Jinping",
    "China",
    "Russia",
    "Vladimir Putin",
];

const TRIGGERS: &[&str] = &[
    "traf",
    "trifft",
    "verkaufte Waffen an",
    "liefert Munition an",
    "will sich treffen mit",
    "sprach mit",
    "traf nicht",
    "met",
    "sold weapons to",
    "will meet",
    "held talks with",
    "kauft Öl von",
    "empfing",
    "besuchte",
];

/// A clause that may carry a relation: `Putin traf Kim.`
fn clause() -> impl Strategy<Value = String> {
    (
        proptest::sample::select(NAMES),
        proptest::sample::select(TRIGGERS),
        proptest::sample::select(NAMES),
        proptest::sample::select(&[".", ". ", "!", "", ",", " und", "\n", "“. "][..]),
    )
        .prop_map(|(a, verb, b, end)| format!("{a} {verb} {b}{end}"))
}

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => clause(),
        6 => proptest::sample::select(PIECES).prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
        1 => "\\PC{0,6}",
        1 => "[A-ZÄÖÜ][a-zäöüß]{1,8}",
    ]
}

fn separator() -> impl Strategy<Value = &'static str> {
    proptest::sample::select(&[" ", " ", " ", "", "\n", ". ", ", "][..])
}

/// News-like text: pieces joined by separators.
fn newsish() -> impl Strategy<Value = String> {
    prop::collection::vec((piece(), separator()), 0..60).prop_map(|parts| {
        let mut text = String::new();
        for (piece, sep) in parts {
            text.push_str(&piece);
            text.push_str(sep);
        }
        text
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn news_like_text_keeps_every_invariant(text in newsish()) {
        check_text(&text)?;
    }

    #[test]
    fn arbitrary_unicode_keeps_every_invariant(text in any::<String>()) {
        check_text(&text)?;
    }

    /// The extractor builds units and finds mentions a block of sentences
    /// at a time: where the blocks end changes nothing.
    #[test]
    fn blocks_of_sentences_of_any_size_give_the_output_of_one(
        parts in prop::collection::vec(newsish(), 1..4),
        block_tokens in 0usize..30,
    ) {
        let text = parts.join("\n\n");
        let language = extractor().language();
        let whole = extractor().extract_in_blocks(&text, language, usize::MAX);
        prop_assert_eq!(extractor().extract_in_blocks(&text, language, block_tokens), whole);
    }

    #[test]
    fn arbitrary_bytes_made_text_keep_every_invariant(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        check_text(&String::from_utf8_lossy(&bytes))?;
    }
}

#[test]
fn fixed_texts_keep_every_invariant() {
    for text in [
        "",
        " ",
        "\n\n\r\n\t",
        "\u{0}",
        "Putin traf Kim in Wladiwostok.",
        "Kim Jong Un traf Wladimir Putin 🤝 in Wladiwostok.\n\nDer nordkoreanische Machthaber will Waffen an Moskau verkaufen, sagte Peskow.",
        "Putin met Kim in Vladivostok on Wednesday. Kim sold weapons to Russia.",
        "„Putin traf Kim“, sagte der Kreml-Sprecher.\r\nKims Besuch in Moskau.",
        "مرحبا Putin بوتين traf Kim שלום.",
    ] {
        if let Err(e) = check_text(text) {
            panic!("{e}");
        }
    }
}

/// The news-like generator must reach the interesting parts of the pipeline,
/// or the properties above would hold vacuously.
#[test]
fn news_like_generator_reaches_entities_and_relations() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = newsish();
    let (mut with_entities, mut with_relations) = (0, 0);
    for _ in 0..256 {
        let text = strategy.new_tree(&mut runner).expect("a text").current();
        let doc = extractor().extract(&text);
        with_entities += usize::from(!doc.entities.is_empty());
        with_relations += usize::from(!doc.relations.is_empty());
    }
    eprintln!("of 256 texts, {with_entities} have entities, {with_relations} relations");
    assert!(with_entities >= 64, "{with_entities} of 256 texts have entities");
    assert!(with_relations >= 8, "{with_relations} of 256 texts have relations");
}
