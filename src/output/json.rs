//! The document graph as JSON, schema version 1 (see the output contract).
//!
//! Written by hand so that the library needs no JSON dependency, and so that
//! the bytes are fixed: keys in the contract's order, no spaces, one line, the
//! same document always giving the same bytes.
//!
//! ```text
//! {"schema":1,"id":"a1","language":"de",
//!  "sentences":[{"start":0,"end":80,"char_start":0,"char_end":80}],
//!  "entities":[{"id":"e0","kind":"person","name":"Kim Jong Un","kb_id":"Q56226","subtype":"politician",
//!    "mentions":[{"start":0,"end":3,"char_start":0,"char_end":3,"text":"Kim","sentence":0,"derived":false}]}],
//!  "relations":[{"kind":"meets","source":"e0","target":"e1",
//!    "evidence":[{"sentence":0,"start":0,"end":33,"char_start":0,"char_end":33,
//!      "trigger":"Gesprächen","trigger_start":13,"trigger_end":24,"status":"planned"}]}]}
//! ```
//!
//! (Broken over lines here for reading; the output is one line.) `id` is
//! written only when given, `kb_id` only when known. Beyond the contract,
//! an entity from a gazetteer carries its `subtype` (`country`, `newspaper`, …),
//! evidence carries the trigger's byte span as `trigger_start`/`trigger_end`
//! and, for `trades_with`, `supplier` (an entity id) when the text says who
//! supplies whom.
//!
//! Strings are escaped minimally: `"`, `\`, and control characters (`\n`,
//! `\r`, `\t`, the rest as `\u00XX`); everything else, including non-ASCII, is
//! written as UTF-8.

use std::fmt::{self, Write as _};

use crate::model::Document;
use crate::output::offsets::CharsBySentence;

/// The `id` of an input, echoed back as it was given: JSONL inputs may carry
/// string or numeric ids, and a consumer joining on them expects the same JSON
/// type back.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Id<'a> {
    Str(&'a str),
    Int(i64),
    UInt(u64),
    /// Written with Rust's shortest round-trip formatting; not finite → `null`.
    Float(f64),
}

impl<'a> From<&'a str> for Id<'a> {
    fn from(id: &'a str) -> Self {
        Id::Str(id)
    }
}

impl fmt::Display for Id<'_> {
    /// The id as plain text, for formats that are not JSON.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Id::Str(s) => f.write_str(s),
            Id::Int(n) => write!(f, "{n}"),
            Id::UInt(n) => write!(f, "{n}"),
            Id::Float(x) => write!(f, "{x}"),
        }
    }
}

/// Writes `id` as a JSON value.
fn write_id(id: Id<'_>, out: &mut String) {
    match id {
        Id::Str(s) => write_str(s, out),
        Id::Int(n) => push_display(n, out),
        Id::UInt(n) => push_display(n, out),
        // `Debug` prints the shortest form that reads back as the same float,
        // and keeps it a float in JSON: `1e144`, `1.0`, `0.1`. (`Display`
        // would print `1e144` as 145 digits, which some readers take for an
        // integer and others round.)
        Id::Float(x) if x.is_finite() => {
            let _ = write!(out, "{x:?}");
        }
        Id::Float(_) => out.push_str("null"),
    }
}

fn push_display(value: impl fmt::Display, out: &mut String) {
    // Writing into a `String` cannot fail.
    let _ = write!(out, "{value}");
}

/// Appends the decimal digits of `n`: what `push_display` writes, without
/// the formatting machinery, which cost a document's output more than all
/// its text did (most of the output is offsets). Two digits at a time, each
/// pair a slice of [`DIGIT_PAIRS`]: a slice of a `str` needs no check that
/// its bytes are UTF-8, which a buffer of digits did.
fn push_uint(n: usize, out: &mut String) {
    // `usize::MAX` has 20 digits: at most 9 pairs below the leading one or two.
    let mut pairs = [0u8; 10];
    let mut count = 0;
    let mut rest = n;
    while rest >= 100 {
        if let Some(pair) = pairs.get_mut(count) {
            *pair = (rest % 100) as u8;
        }
        count += 1;
        rest /= 100;
    }
    let two_digits = |pair: usize| DIGIT_PAIRS.get(2 * pair..2 * pair + 2).unwrap_or_default();
    if rest >= 10 {
        out.push_str(two_digits(rest));
    } else {
        // A lone digit is the second of its pair.
        out.push_str(DIGIT_PAIRS.get(2 * rest + 1..2 * rest + 2).unwrap_or_default());
    }
    for &pair in pairs.get(..count).unwrap_or_default().iter().rev() {
        out.push_str(two_digits(usize::from(pair)));
    }
}

/// `00`, `01`, …, `99`.
const DIGIT_PAIRS: &str = "\
    00010203040506070809101112131415161718192021222324252627282930313233343536373839\
    40414243444546474849505152535455565758596061626364656667686970717273747576777879\
    8081828384858687888990919293949596979899";

/// Writes `s` as a JSON string literal, quotes included.
///
/// ```
/// let mut out = String::new();
/// newsgraph::output::json::write_str("Kim sagte: \"Ja\"\n", &mut out);
/// assert_eq!(out, r#""Kim sagte: \"Ja\"\n""#);
/// ```
pub fn write_str(s: &str, out: &mut String) {
    out.reserve(s.len() + 2);
    out.push('"');
    let mut plain = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1F => "",
            _ => continue,
        };
        // Only ASCII bytes are escaped, so `plain..i` lies on char boundaries.
        out.push_str(&s[plain..i]);
        if escape.is_empty() {
            push_display(format_args!("\\u{b:04x}"), out);
        } else {
            out.push_str(escape);
        }
        plain = i + 1;
    }
    out.push_str(&s[plain..]);
    out.push('"');
}

/// `"start":…,"end":…,"char_start":…,"char_end":…` of a span in sentence `sentence`.
fn push_span(span: crate::Span, sentence: usize, chars: &CharsBySentence<'_>, out: &mut String) {
    let (char_start, char_end) = chars.span(span, sentence);
    out.push_str("\"start\":");
    push_uint(span.start, out);
    out.push_str(",\"end\":");
    push_uint(span.end, out);
    out.push_str(",\"char_start\":");
    push_uint(char_start, out);
    out.push_str(",\"char_end\":");
    push_uint(char_end, out);
}

/// Appends the JSON object of `doc` (schema 1) to `out`, on one line, without
/// a final newline. `id` is written when given.
///
/// ```
/// use newsgraph::{output::json, Extractor};
///
/// let doc = Extractor::new().extract("Putin traf Kim.");
/// let mut out = String::new();
/// json::write_document(&doc, Some("a1"), &mut out);
/// assert!(out.starts_with(r#"{"schema":1,"id":"a1","language":"de","sentences":[{"start":0,"end":15"#));
/// ```
pub fn write_document(doc: &Document<'_>, id: Option<&str>, out: &mut String) {
    write_document_with_id(doc, id.map(Id::Str), out);
}

/// Like [`write_document`], with an id of any JSON type.
pub fn write_document_with_id(doc: &Document<'_>, id: Option<Id<'_>>, out: &mut String) {
    let chars = &CharsBySentence::new(doc.text, &doc.sentences);

    out.push_str("{\"schema\":1");
    if let Some(id) = id {
        out.push_str(",\"id\":");
        write_id(id, out);
    }
    out.push_str(",\"language\":");
    write_str(doc.language.code(), out);

    out.push_str(",\"sentences\":[");
    for (i, sentence) in doc.sentences.iter().enumerate() {
        comma(i, out);
        out.push('{');
        push_span(sentence.span, i, chars, out);
        out.push('}');
    }

    out.push_str("],\"entities\":[");
    for (i, entity) in doc.entities.iter().enumerate() {
        comma(i, out);
        out.push_str("{\"id\":\"e");
        push_uint(entity.id.0, out);
        out.push_str("\",\"kind\":\"");
        out.push_str(entity.kind.as_str());
        out.push_str("\",\"name\":");
        write_str(&entity.name, out);
        if let Some(kb_id) = &entity.kb_id {
            out.push_str(",\"kb_id\":");
            write_str(kb_id, out);
        }
        if let Some(subtype) = &entity.subtype {
            out.push_str(",\"subtype\":");
            write_str(subtype, out);
        }
        out.push_str(",\"mentions\":[");
        for (j, mention) in entity.mentions.iter().enumerate() {
            comma(j, out);
            out.push('{');
            push_span(mention.span, mention.sentence, chars, out);
            out.push_str(",\"text\":");
            write_str(doc.slice(mention.span), out);
            out.push_str(",\"sentence\":");
            push_uint(mention.sentence, out);
            out.push_str(if mention.derived { ",\"derived\":true}" } else { ",\"derived\":false}" });
        }
        out.push_str("]}");
    }

    out.push_str("],\"relations\":[");
    for (i, relation) in doc.relations.iter().enumerate() {
        comma(i, out);
        push_display(
            format_args!(
                "{{\"kind\":\"{}\",\"source\":\"{}\",\"target\":\"{}\",\"evidence\":[",
                relation.kind.as_str(),
                relation.source,
                relation.target
            ),
            out,
        );
        for (j, evidence) in relation.evidence.iter().enumerate() {
            comma(j, out);
            out.push_str("{\"sentence\":");
            push_uint(evidence.sentence, out);
            out.push(',');
            push_span(evidence.span, evidence.sentence, chars, out);
            out.push_str(",\"trigger\":");
            write_str(doc.slice(evidence.trigger), out);
            push_display(
                format_args!(
                    ",\"trigger_start\":{},\"trigger_end\":{},\"status\":\"{}\"",
                    evidence.trigger.start,
                    evidence.trigger.end,
                    evidence.status.as_str()
                ),
                out,
            );
            if let Some(supplier) = evidence.supplier {
                push_display(format_args!(",\"supplier\":\"{supplier}\""), out);
            }
            out.push('}');
        }
        out.push_str("]}");
    }
    out.push_str("]}");
}

/// Appends the error object of an input that could not be processed:
/// `{"id":…,"error":"…","line":N}`. The id is `null` when unknown (the line
/// did not parse); `line` (1-based) is written when given.
///
/// ```
/// let mut out = String::new();
/// newsgraph::output::json::write_error(None, "missing \"text\"", Some(2), &mut out);
/// assert_eq!(out, r#"{"id":null,"error":"missing \"text\"","line":2}"#);
/// ```
pub fn write_error(id: Option<&str>, error: &str, line: Option<usize>, out: &mut String) {
    write_error_with_id(id.map(Id::Str), error, line, out);
}

/// Like [`write_error`], with an id of any JSON type.
pub fn write_error_with_id(id: Option<Id<'_>>, error: &str, line: Option<usize>, out: &mut String) {
    out.push_str("{\"id\":");
    match id {
        Some(id) => write_id(id, out),
        None => out.push_str("null"),
    }
    out.push_str(",\"error\":");
    write_str(error, out);
    if let Some(line) = line {
        push_display(format_args!(",\"line\":{line}"), out);
    }
    out.push('}');
}

fn comma(index: usize, out: &mut String) {
    if index > 0 {
        out.push(',');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(s: &str) -> String {
        let mut out = String::new();
        write_str(s, &mut out);
        out
    }

    #[test]
    fn escapes_only_what_json_requires() {
        assert_eq!(escaped(""), r#""""#);
        assert_eq!(escaped("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(escaped("\n\r\t\u{0}\u{1f}\u{7f}"), "\"\\n\\r\\t\\u0000\\u001f\u{7f}\"");
        assert_eq!(escaped("Grüße 🤝 北京 /"), "\"Grüße 🤝 北京 /\"");
    }

    #[test]
    fn unsigned_integers_are_written_as_rust_writes_them() {
        let mut edges: Vec<usize> = vec![0, 9, 10, 99, 100, 101, 999, 1000, 10_000, 65_535, usize::MAX, usize::MAX - 1];
        edges.extend((0..20).map(|p| 10usize.pow(p)));
        edges.extend((1..20).map(|p| 10usize.pow(p) - 1));
        for n in edges {
            let mut out = String::from("x");
            push_uint(n, &mut out);
            assert_eq!(out, format!("x{n}"));
        }
    }

    proptest::proptest! {
        #[test]
        fn any_unsigned_integer_is_written_as_rust_writes_it(n in proptest::prelude::any::<usize>(), small in 0usize..100_000) {
            for n in [n, small] {
                let mut out = String::new();
                push_uint(n, &mut out);
                proptest::prop_assert_eq!(out, n.to_string());
            }
        }
    }

    #[test]
    fn ids_keep_their_json_type() {
        let mut out = String::new();
        for id in [Id::Str("7"), Id::Int(-7), Id::UInt(u64::MAX), Id::Float(1.5), Id::Float(f64::NAN)] {
            write_id(id, &mut out);
            out.push(' ');
        }
        assert_eq!(out, "\"7\" -7 18446744073709551615 1.5 null ");
    }
}
