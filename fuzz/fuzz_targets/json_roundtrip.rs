//! serde_json → text → `Extractor::extract_as` → `output::json` → serde_json:
//! the written document always parses as JSON and carries the same spans,
//! texts and char offsets; ids of every JSON type round-trip; the other
//! writers never panic.
//!
//! The input is read like a line of the command line's JSONL input
//! (`{"id": …, "text": "…", "lang": "de"}`); input that is not such an object
//! is taken as the text itself (lossily made UTF-8), so that every input
//! exercises the writers.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use newsgraph::output::{self, json, Format};
use newsgraph::{Document, Extractor, LanguageChoice, Span};
use serde_json::Value;

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(Extractor::new)
}

enum Id {
    Str(String),
    Int(i64),
    UInt(u64),
    Float(f64),
}

impl Id {
    fn as_json(&self) -> json::Id<'_> {
        match self {
            Id::Str(s) => json::Id::Str(s),
            Id::Int(n) => json::Id::Int(*n),
            Id::UInt(n) => json::Id::UInt(*n),
            Id::Float(x) => json::Id::Float(*x),
        }
    }
}

/// The request of a JSONL-like line, the way the command line reads it.
fn request(data: &[u8]) -> (Option<Id>, String, LanguageChoice) {
    let Ok(Value::Object(mut object)) = serde_json::from_slice::<Value>(data) else {
        return (None, String::from_utf8_lossy(data).into_owned(), LanguageChoice::Auto);
    };
    let id = match object.remove("id") {
        Some(Value::String(s)) => Some(Id::Str(s)),
        Some(Value::Number(n)) => Some(match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => Id::Int(i),
            (None, Some(u)) => Id::UInt(u),
            (None, None) => Id::Float(n.as_f64().unwrap_or(f64::NAN)),
        }),
        _ => None,
    };
    let lang = match object.remove("lang") {
        Some(Value::String(code)) => LanguageChoice::from_code(&code).unwrap_or_default(),
        _ => LanguageChoice::Auto,
    };
    let text = match object.remove("text") {
        Some(Value::String(text)) => text,
        Some(other) => other.to_string(),
        None => String::new(),
    };
    (id, text, lang)
}

fn chars_before(text: &str, byte: usize) -> u64 {
    text[..byte].chars().count() as u64
}

fn check_span_object(text: &str, value: &Value, span: Span) {
    assert_eq!(value["start"].as_u64(), Some(span.start as u64), "start of {value}");
    assert_eq!(value["end"].as_u64(), Some(span.end as u64), "end of {value}");
    assert_eq!(value["char_start"].as_u64(), Some(chars_before(text, span.start)), "char_start of {value}");
    assert_eq!(value["char_end"].as_u64(), Some(chars_before(text, span.end)), "char_end of {value}");
}

fn check_json(doc: &Document<'_>, id: Option<&Id>, written: &str) {
    assert!(!written.contains('\n'), "JSON document on several lines");
    let value: Value = serde_json::from_str(written).expect("the written document is JSON");
    match id {
        None => assert!(value.get("id").is_none(), "an id out of nothing"),
        Some(Id::Str(s)) => assert_eq!(value["id"], s.as_str()),
        Some(Id::Int(n)) => assert_eq!(value["id"].as_i64(), Some(*n)),
        Some(Id::UInt(n)) => assert_eq!(value["id"].as_u64(), Some(*n)),
        Some(Id::Float(x)) if x.is_finite() => assert_eq!(value["id"].as_f64(), Some(*x)),
        Some(Id::Float(_)) => assert!(value["id"].is_null()),
    }
    let text = doc.text;
    let sentences = value["sentences"].as_array().expect("sentences");
    assert_eq!(sentences.len(), doc.sentences.len());
    for (v, s) in sentences.iter().zip(&doc.sentences) {
        check_span_object(text, v, s.span);
    }
    let entities = value["entities"].as_array().expect("entities");
    assert_eq!(entities.len(), doc.entities.len());
    for (v, e) in entities.iter().zip(&doc.entities) {
        assert_eq!(v["name"], &*e.name);
        let mentions = v["mentions"].as_array().expect("mentions");
        assert_eq!(mentions.len(), e.mentions.len());
        for (mv, m) in mentions.iter().zip(&e.mentions) {
            check_span_object(text, mv, m.span);
            assert_eq!(mv["text"], doc.slice(m.span), "mention text");
            assert_eq!(mv["sentence"].as_u64(), Some(m.sentence as u64));
        }
    }
    let relations = value["relations"].as_array().expect("relations");
    assert_eq!(relations.len(), doc.relations.len());
    for (v, r) in relations.iter().zip(&doc.relations) {
        assert_eq!(v["source"], r.source.to_string());
        assert_eq!(v["target"], r.target.to_string());
        let evidence = v["evidence"].as_array().expect("evidence");
        assert_eq!(evidence.len(), r.evidence.len());
        for (ev, e) in evidence.iter().zip(&r.evidence) {
            check_span_object(text, ev, e.span);
            assert_eq!(ev["trigger"], doc.slice(e.trigger), "trigger text");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let (id, text, lang) = request(data);
    let doc = extractor().extract_as(&text, lang);

    let mut written = String::new();
    json::write_document_with_id(&doc, id.as_ref().map(Id::as_json), &mut written);
    check_json(&doc, id.as_ref(), &written);

    // The error object of a line, with the text as message.
    let mut error = String::new();
    json::write_error_with_id(id.as_ref().map(Id::as_json), &text, Some(7), &mut error);
    let value: Value = serde_json::from_str(&error).expect("the error object is JSON");
    assert_eq!(value["error"], text.as_str());

    // The other writers, with the text as id: no panic.
    let mut out = String::new();
    for format in Format::ALL {
        out.clear();
        output::write(&doc, Some(&text), format, &mut out);
    }
});
