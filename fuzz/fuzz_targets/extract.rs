//! `Extractor::extract` and `extract_as` on arbitrary text: never a panic,
//! every span on char boundaries and inside the text, sentences covering the
//! tokens in order, relations between existing entities.
//!
//! The first byte picks the call (`extract`, or `extract_as` with `de`, `en`,
//! `auto`); the rest, made UTF-8 with `from_utf8_lossy`, is the text.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use newsgraph::{Document, Extractor, LanguageChoice, Span};

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(Extractor::new)
}

fn check_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start < span.end && span.end <= text.len(),
        "{what}: span {span:?} empty or outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} not on char boundaries"
    );
}

fn check(doc: &Document<'_>) {
    let text = doc.text;
    let mut previous_end = 0;
    for token in &doc.tokens {
        check_span(text, token.span, "token");
        assert!(token.span.start >= previous_end, "tokens overlap");
        previous_end = token.span.end;
    }
    let mut next_token = 0;
    for sentence in &doc.sentences {
        check_span(text, sentence.span, "sentence");
        assert_eq!(sentence.first_token, next_token, "sentences do not cover the tokens");
        assert!(sentence.end_token > sentence.first_token, "empty sentence");
        next_token = sentence.end_token;
    }
    assert_eq!(next_token, doc.tokens.len(), "sentences do not cover the tokens");
    for (i, entity) in doc.entities.iter().enumerate() {
        assert_eq!(entity.id.0, i, "entity id");
        assert!(!entity.mentions.is_empty(), "entity without mentions");
        for pair in entity.mentions.windows(2) {
            assert!(
                (pair[0].span.start, pair[0].span.end) < (pair[1].span.start, pair[1].span.end),
                "mentions not sorted"
            );
        }
        for mention in &entity.mentions {
            check_span(text, mention.span, "mention");
            let sentence = doc.sentences.get(mention.sentence).expect("mention's sentence exists");
            assert!(sentence.span.contains(mention.span), "mention outside its sentence");
        }
    }
    for relation in &doc.relations {
        assert!(relation.source < relation.target, "relation ends not ordered");
        assert!(relation.target.0 < doc.entities.len(), "relation to a missing entity");
        assert!(!relation.evidence.is_empty(), "relation without evidence");
        for pair in relation.evidence.windows(2) {
            assert!(
                (pair[0].sentence, pair[0].trigger.start) < (pair[1].sentence, pair[1].trigger.start),
                "evidence not sorted"
            );
        }
        for evidence in &relation.evidence {
            check_span(text, evidence.span, "evidence");
            check_span(text, evidence.trigger, "trigger");
            assert!(evidence.span.contains(evidence.trigger), "trigger outside its evidence");
            let sentence = doc.sentences.get(evidence.sentence).expect("evidence's sentence exists");
            assert_eq!(sentence.span, evidence.span, "evidence is not its sentence");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        check(&extractor().extract(""));
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let doc = match selector % 4 {
        0 => extractor().extract(&text),
        1 => extractor().extract_as(&text, LanguageChoice::De),
        2 => extractor().extract_as(&text, LanguageChoice::En),
        _ => extractor().extract_as(&text, LanguageChoice::Auto),
    };
    check(&doc);
});
