//! A compact, stable, human-readable rendering of a document, for reading
//! results at a terminal and for snapshot tests.
//!
//! [`write_document`] writes a summary line, one line per sentence, one per
//! entity and one per relation:
//!
//! ```text
//! de: 3 sentences, 3 entities, 1 relation
//! S0 [0..34) Kim kommt zu Gesprächen mit Putin.
//! S1 [35..61) Der nordkoreanische Zug⏎fährt.
//! S2 [62..93) Kims Zug erreichte Wladiwostok.
//! e0 person "Kim Jong Un" kb=Q56226: Kim@S0[0..3), Kims@S2[62..66)
//! e1 person "Wladimir Putin" kb=Q7747: Putin@S0[28..33)
//! e2 place "Nordkorea" kb=Q423: ~nordkoreanische@S1[39..54)
//! meets e0 Kim Jong Un — e1 Wladimir Putin: S0 planned "Gesprächen"
//! ```
//!
//! - Sentences: `S<index> [<byte start>..<byte end>)` and the sentence's text.
//! - Entities: id, kind, canonical name in quotes, `kb=` when known, then the
//!   mentions as `text@S<sentence>[<byte start>..<byte end>)`; a derived
//!   mention (an adjective such as `nordkoreanische`) is marked with `~`.
//! - Relations: kind, both entities with their names, then the evidence as
//!   `S<sentence> <status> "<trigger>"`, separated by `; `, with
//!   ` supplier=e<n>` when the text says who supplies whom.
//!
//! Text is shown as it stands except for characters that would break the
//! line structure or be invisible: a line break is shown as `⏎`, a tab as `⇥`,
//! other control characters as `\u{..}`. In quoted names and triggers, `"` and
//! `\` are escaped with a backslash.
//!
//! [`write_tokens`] shows the tokenization, one sentence per line, tokens
//! separated by ` | `:
//!
//! ```text
//! S0: Die | KCNA/caps | meldete | 2019/num | Covid-19-Pandemie/hyph | : | https://kcna.kp/url | .
//! ```
//!
//! A token carries tags after `/` only where it is not plain: `num` (number),
//! `sym` (symbol), `url` (URL or e-mail), `caps` (all capitals), `mixed`
//! (`iPhone`), `digits`/`other` (a word or number of unusual shape), `hyph`
//! (hyphenated compound). Plain words (capitalised or lower case) and
//! punctuation carry none.

use std::fmt::Write as _;

use crate::model::{Document, Relation};
use crate::tokenize::{Shape, Token, TokenKind};

/// Appends the human-readable form of `doc` to `out`, each line ending in `\n`.
///
/// ```
/// use newsgraph::{output::text, Extractor};
///
/// let doc = Extractor::new().extract("Putin traf Kim.\n\nDanach reiste er ab.");
/// let mut out = String::new();
/// text::write_document(&doc, &mut out);
/// assert!(out.contains("S0 [0..15) Putin traf Kim.\n"));
/// ```
pub fn write_document(doc: &Document<'_>, out: &mut String) {
    let _ = writeln!(
        out,
        "{}: {}, {}, {}",
        doc.language.code(),
        plural(doc.sentences.len(), "sentence"),
        plural(doc.entities.len(), "entity"),
        plural(doc.relations.len(), "relation"),
    );
    for (i, sentence) in doc.sentences.iter().enumerate() {
        let _ = write!(out, "S{i} [{}..{}) ", sentence.span.start, sentence.span.end);
        push_visible(doc.slice(sentence.span), out);
        out.push('\n');
    }
    for entity in &doc.entities {
        let _ = write!(out, "{} {} ", entity.id, entity.kind.as_str());
        push_quoted(&entity.name, out);
        if let Some(kb_id) = &entity.kb_id {
            out.push_str(" kb=");
            push_visible(kb_id, out);
        }
        out.push(':');
        for (j, mention) in entity.mentions.iter().enumerate() {
            out.push_str(if j == 0 { " " } else { ", " });
            if mention.derived {
                out.push('~');
            }
            push_visible(doc.slice(mention.span), out);
            let _ = write!(out, "@S{}[{}..{})", mention.sentence, mention.span.start, mention.span.end);
        }
        out.push('\n');
    }
    for relation in &doc.relations {
        write_relation(doc, relation, out);
    }
}

fn write_relation(doc: &Document<'_>, relation: &Relation, out: &mut String) {
    let name = |id| doc.entity(id).map_or("?", |e| &*e.name);
    let _ = write!(out, "{} {} ", relation.kind.as_str(), relation.source);
    push_visible(name(relation.source), out);
    let _ = write!(out, " — {} ", relation.target);
    push_visible(name(relation.target), out);
    out.push(':');
    for (j, evidence) in relation.evidence.iter().enumerate() {
        out.push_str(if j == 0 { " " } else { "; " });
        let _ = write!(out, "S{} {} ", evidence.sentence, evidence.status.as_str());
        push_quoted(doc.slice(evidence.trigger), out);
        if let Some(supplier) = evidence.supplier {
            let _ = write!(out, " supplier={supplier}");
        }
    }
    out.push('\n');
}

/// Appends the tokens of `doc`, one sentence per line (see the module docs).
///
/// ```
/// use newsgraph::{output::text, Extractor};
///
/// let doc = Extractor::new().extract("Die KCNA meldete 2019 den Kreml-Besuch.");
/// let mut out = String::new();
/// text::write_tokens(&doc, &mut out);
/// assert_eq!(out, "S0: Die | KCNA/caps | meldete | 2019/num | den | Kreml-Besuch/hyph | .\n");
/// ```
pub fn write_tokens(doc: &Document<'_>, out: &mut String) {
    for (i, sentence) in doc.sentences.iter().enumerate() {
        let _ = write!(out, "S{i}:");
        let tokens = doc.tokens.get(sentence.token_range()).unwrap_or_default();
        for (j, token) in tokens.iter().enumerate() {
            out.push_str(if j == 0 { " " } else { " | " });
            push_visible(token.text(doc.text), out);
            push_tags(token, out);
        }
        out.push('\n');
    }
}

/// The `/tag,tag` suffix of a token that is not a plain word or punctuation.
fn push_tags(token: &Token, out: &mut String) {
    let kind = match token.kind {
        TokenKind::Word | TokenKind::Punctuation => None,
        TokenKind::Number => Some("num"),
        TokenKind::Symbol => Some("sym"),
        TokenKind::Url => Some("url"),
    };
    // Each kind has a shape that goes without saying.
    let expected_shape = match (token.kind, token.shape) {
        (TokenKind::Word, Shape::Capitalised | Shape::Lower) => true,
        (TokenKind::Number, Shape::Digits) => true,
        (TokenKind::Punctuation | TokenKind::Symbol, Shape::Other) => true,
        // A URL's letter case says nothing.
        (TokenKind::Url, _) => true,
        _ => false,
    };
    let shape = (!expected_shape).then_some(match token.shape {
        Shape::Capitalised => "capitalised",
        Shape::AllCaps => "caps",
        Shape::Lower => "lower",
        Shape::Mixed => "mixed",
        Shape::Digits => "digits",
        Shape::Other => "other",
    });
    let hyphenated = token.hyphenated.then_some("hyph");
    let mut sep = '/';
    for tag in [kind, shape, hyphenated].into_iter().flatten() {
        out.push(sep);
        out.push_str(tag);
        sep = ',';
    }
}

fn plural(n: usize, noun: &str) -> String {
    match (n, noun) {
        (1, _) => format!("1 {noun}"),
        (_, "entity") => format!("{n} entities"),
        _ => format!("{n} {noun}s"),
    }
}

/// Appends `s` with line breaks, tabs and other control characters made
/// visible, so that every record stays on one line.
pub(crate) fn push_visible(s: &str, out: &mut String) {
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                // A Windows line break is one break.
                chars.next_if_eq(&'\n');
                out.push('⏎');
            }
            '\n' | '\u{2028}' | '\u{2029}' => out.push('⏎'),
            '\t' => out.push('⇥'),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
}

/// Appends `s` in double quotes, `"` and `\` escaped, otherwise as
/// [`push_visible`].
fn push_quoted(s: &str, out: &mut String) {
    out.push('"');
    let mut rest = s;
    while let Some(i) = rest.find(['"', '\\']) {
        push_visible(&rest[..i], out);
        out.push('\\');
        out.push_str(&rest[i..i + 1]);
        rest = &rest[i + 1..];
    }
    push_visible(rest, out);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_keeps_records_on_one_line() {
        let mut out = String::new();
        push_visible("a\r\nb\nc\rd\te\u{0}f\u{85}g ü", &mut out);
        assert_eq!(out, "a⏎b⏎c⏎d⇥e\\u{0}f\\u{85}g ü");
        out.clear();
        push_quoted("say \"hi\" \\o/\n", &mut out);
        assert_eq!(out, "\"say \\\"hi\\\" \\\\o/⏎\"");
    }

    #[test]
    fn plurals() {
        assert_eq!(plural(0, "entity"), "0 entities");
        assert_eq!(plural(1, "entity"), "1 entity");
        assert_eq!(plural(2, "relation"), "2 relations");
    }
}
