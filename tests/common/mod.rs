//! Structural invariants of a document, shared by the property tests and
//! the adversarial inputs.

use newsgraph::{Document, Span};

pub fn check_span(text: &str, span: Span, what: &str) -> Result<(), String> {
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
pub fn invariants(doc: &Document<'_>) -> Result<(), String> {
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
