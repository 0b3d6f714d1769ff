//! Stage 2: tokens → sentences.
//!
//! A rule-based splitter whose knowledge (abbreviations, month names, words
//! before ordinals) lives in `gazetteers/<lang>/`. A sentence ends:
//!
//! - at `.`, `!`, `?` or an ellipsis followed by a word that can start a
//!   sentence, unless the full stop belongs to an abbreviation (`Dr.`, `z. B.`),
//!   an initial (`George W. Bush`) or an ordinal (`13. September`,
//!   `die 2. Bundesliga`, `am 3. 10.`); closing quotes and brackets after the
//!   punctuation stay with the sentence they close;
//! - at a blank line, always;
//! - at a line break after a line without final punctuation (headline,
//!   caption, byline, photo credit), unless the next line goes on in lower case
//!   (hard-wrapped text).
//!
//! A sentence never grows beyond [`MAX_SENTENCE_TOKENS`] tokens, so that no
//! later stage sees unbounded sentences in text without punctuation.

use serde::{Deserialize, Serialize};

use crate::lexicon::{SplitterLexicon, SPLITTER};
use crate::span::Span;
use crate::tokenize::{Shape, Token, TokenKind};

/// The most tokens one sentence may hold; text without any boundary is cut here.
pub const MAX_SENTENCE_TOKENS: usize = 1000;

/// One sentence: its byte span and the range of its tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub span: Span,
    /// Index of the sentence's first token.
    pub first_token: usize,
    /// Index one past the sentence's last token.
    pub end_token: usize,
}

impl Sentence {
    /// The range of token indices in this sentence.
    pub fn token_range(&self) -> std::ops::Range<usize> {
        self.first_token..self.end_token
    }
}

/// Splits the tokens of `text` into sentences. Every token belongs to exactly
/// one sentence, in order.
pub fn split(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let lexicon = &*SPLITTER;
    let mut sentences = Vec::with_capacity(tokens.len() / 15 + 1);
    let mut first = 0;
    for i in 0..tokens.len() {
        let at_end = i + 1 == tokens.len();
        if at_end || i + 1 - first >= MAX_SENTENCE_TOKENS || ends_sentence(text, tokens, i, lexicon) {
            sentences.push(Sentence {
                span: Span::new(tokens[first].span.start, tokens[i].span.end),
                first_token: first,
                end_token: i + 1,
            });
            first = i + 1;
        }
    }
    sentences
}

/// The sentences in blocks of at least `size` tokens (the last may hold
/// fewer): ranges of sentence indices, in order, covering all of them. The
/// extractor builds units and finds mentions a block at a time (see
/// [`crate::Extractor`]), so a block ends only where nothing of the units
/// reaches over: after a space, and not after a hyphen (which may join the
/// words around the space, `Mecklenburg- Vorpommern`).
pub(crate) fn blocks(text: &str, tokens: &[Token], sentences: &[Sentence], size: usize) -> Vec<std::ops::Range<usize>> {
    let mut blocks = Vec::with_capacity(tokens.len() / size.max(1) + 1);
    let (mut first, mut first_token) = (0, 0);
    for (s, sentence) in sentences.iter().enumerate().skip(1) {
        if sentence.first_token.saturating_sub(first_token) < size {
            continue;
        }
        let (Some(before), Some(after)) =
            (sentence.first_token.checked_sub(1).and_then(|t| tokens.get(t)), tokens.get(sentence.first_token))
        else {
            continue;
        };
        if before.span.end < after.span.start && !before.text(text).chars().all(crate::tokenize::is_hyphen) {
            blocks.push(first..s);
            (first, first_token) = (s, sentence.first_token);
        }
    }
    if first < sentences.len() {
        blocks.push(first..sentences.len());
    }
    blocks
}

/// Whether a sentence ends after token `i` (which is not the last token).
fn ends_sentence(text: &str, tokens: &[Token], i: usize, lexicon: &SplitterLexicon) -> bool {
    let token = tokens[i];
    let next = tokens[i + 1];
    // The gap between two tokens is mostly one space or nothing: its bytes,
    // not a searcher for the line break.
    let gap = text.as_bytes().get(token.span.end..next.span.start).unwrap_or_default();
    let line_breaks = gap.iter().filter(|&&b| b == b'\n').count();
    if line_breaks >= 2 {
        return true;
    }
    // Within a line, only punctuation (final, or a closer after it) ends a
    // sentence: most tokens are words, and need no more questions.
    if line_breaks == 0 && token.kind != TokenKind::Punctuation {
        return false;
    }
    // Closing quotes and brackets glued to final punctuation decide for it.
    if is_closer(text, next) && next.span.start == token.span.end {
        return false;
    }
    let mut punct = i;
    while punct > 0 && is_closer(text, tokens[punct]) && tokens[punct - 1].span.end == tokens[punct].span.start {
        punct -= 1;
    }
    let final_mark = final_punctuation(text, tokens[punct]);
    if line_breaks == 1 && final_mark.is_none() {
        return line_ends_sentence(text, token, next);
    }
    let Some(mark) = final_mark else { return false };
    if !can_start_sentence(text, next) {
        return false;
    }
    match mark {
        Final::Stop => !full_stop_is_inner(text, tokens, punct, lexicon),
        Final::Ellipsis | Final::Strong => true,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Final {
    Stop,
    Ellipsis,
    Strong,
}

fn final_punctuation(text: &str, token: Token) -> Option<Final> {
    if token.kind != TokenKind::Punctuation {
        return None;
    }
    match token.text(text) {
        "." => Some(Final::Stop),
        "…" | "..." => Some(Final::Ellipsis),
        "!" | "?" => Some(Final::Strong),
        _ => None,
    }
}

fn is_closer(text: &str, token: Token) -> bool {
    token.kind == TokenKind::Punctuation
        && matches!(token.text(text), "“" | "”" | "\"" | "‘" | "’" | "'" | "«" | "»" | "‹" | "›" | ")" | "]" | "}")
}

/// Lower-case words and inner punctuation go on with the sentence.
fn can_start_sentence(text: &str, next: Token) -> bool {
    match next.kind {
        TokenKind::Word => next.shape != Shape::Lower && next.shape != Shape::Mixed,
        TokenKind::Punctuation => !matches!(next.text(text), "," | ";" | ":" | ")" | "]" | "}" | "." | "-" | "–"),
        _ => true,
    }
}

/// A line without final punctuation is a sentence (headline, caption,
/// credit), unless the next line continues it in lower case or the line ends
/// mid-phrase.
fn line_ends_sentence(text: &str, token: Token, next: Token) -> bool {
    let continues = matches!(next.kind, TokenKind::Word) && next.shape == Shape::Lower;
    let open_end =
        token.kind == TokenKind::Punctuation && matches!(token.text(text), "," | ";" | "-" | "„" | "(" | "/" | "&");
    !continues && !open_end
}

/// A full stop that does not end the sentence: abbreviation, initial, ordinal.
fn full_stop_is_inner(text: &str, tokens: &[Token], stop: usize, lexicon: &SplitterLexicon) -> bool {
    if stop == 0 {
        return false;
    }
    let before = tokens[stop - 1];
    let next = tokens.get(stop + 1).copied();
    if before.span.end != tokens[stop].span.start {
        // Tokenised corpora set every full stop apart (`St . Georg`); a title's
        // still belongs to the name after it, where a sentence never ends.
        return before.kind == TokenKind::Word
            && next.is_some_and(|n| n.kind == TokenKind::Word && n.shape.is_upper_initial())
            && lexicon.name_abbreviations.contains(before.text(text));
    }
    match before.kind {
        TokenKind::Word => {
            if let Some(abbreviation) = abbreviation_ending_at(text, tokens, stop, lexicon) {
                let next_capitalised = next.is_some_and(|n| n.shape.is_upper_initial());
                return !(lexicon.final_abbreviations.contains(&abbreviation) && next_capitalised);
            }
            is_initial(text, before)
        }
        TokenKind::Number => {
            let Some(next) = next else { return false };
            let next_text = next.text(text);
            if next.kind == TokenKind::Number || lexicon.months.contains(next_text) {
                return true;
            }
            let short_number = before.span.len() <= 2;
            // `des Bundesligisten 1. FC Nürnberg`: some nouns say by themselves that an ordinal comes before them.
            if short_number && lexicon.ordinal_nouns.contains(next_text) {
                return true;
            }
            let cue_before = stop >= 2 && lexicon.ordinal_cues.contains(&tokens[stop - 2].text(text).to_lowercase());
            short_number && cue_before && next.kind == TokenKind::Word
        }
        _ => false,
    }
}

/// A single capital letter before a full stop: `W.` in `George W. Bush`.
fn is_initial(text: &str, token: Token) -> bool {
    let mut chars = token.text(text).chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

/// The abbreviation (spaces removed) that the full stop at `stop` ends, if any.
fn abbreviation_ending_at(text: &str, tokens: &[Token], stop: usize, lexicon: &SplitterLexicon) -> Option<String> {
    // Every candidate ends in the word before the stop, and so in its last run of letters and digits.
    let before = tokens.get(stop.checked_sub(1)?)?;
    if !lexicon.stem_endings.contains(crate::lexicon::last_alphanumeric_run(before.text(text))) {
        return None;
    }
    listed_abbreviation_ending_at(text, tokens, stop, lexicon)
}

/// [`abbreviation_ending_at`] without its first test: each run of tokens
/// before the stop, put together, asked of the list.
fn listed_abbreviation_ending_at(
    text: &str,
    tokens: &[Token],
    stop: usize,
    lexicon: &SplitterLexicon,
) -> Option<String> {
    let mut compact = String::new();
    let mut best = None;
    let lowest = stop.saturating_sub(lexicon.max_abbreviation_tokens.saturating_sub(1));
    for first in (lowest..stop).rev() {
        let t = tokens[first];
        if !matches!(t.kind, TokenKind::Word | TokenKind::Punctuation) {
            break;
        }
        compact.clear();
        for t in &tokens[first..=stop] {
            compact.push_str(t.text(text));
        }
        if compact.len() > 40 {
            break;
        }
        if lexicon.abbreviations.contains(&compact) {
            best = Some(compact.clone());
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    #[test]
    fn blocks_cover_the_sentences_in_order_and_hold_the_tokens_asked() {
        let text = include_str!("../examples/articles/kim-putin-de.txt");
        let tokens = tokenize(text);
        let sentences = split(text, &tokens);
        for size in [0, 1, 50, 300, tokens.len(), usize::MAX] {
            let blocks = blocks(text, &tokens, &sentences, size);
            let covered: Vec<usize> = blocks.iter().flat_map(|b| b.clone()).collect();
            assert_eq!(covered, (0..sentences.len()).collect::<Vec<_>>(), "size {size}");
            for block in blocks.iter().take(blocks.len().saturating_sub(1)) {
                let held = sentences[block.end - 1].end_token - sentences[block.start].first_token;
                assert!(held >= size, "size {size}: a block of {held} tokens");
            }
        }
        assert_eq!(blocks(text, &tokens, &sentences, usize::MAX), vec![0..sentences.len()]);
        assert_eq!(blocks(text, &tokens, &sentences, 0).len(), sentences.len(), "every sentence ends after a space");
        assert!(blocks("", &[], &[], 1).is_empty());
    }

    #[test]
    fn a_block_ends_only_after_a_space_and_not_after_a_hyphen() {
        // Sentences end at the line breaks after the headline and after
        // `Mecklenburg-`, cut there by the longest sentence's rule, and at
        // the glued `Vorpommern`; a block ends only at the first.
        let text = "Schlagzeile ohne Punkt\nIn Mecklenburg-\nVorpommern tagte man.";
        let tokens = tokenize(text);
        let sentences: Vec<Sentence> = [0..3, 3..6, 6..tokens.len()]
            .into_iter()
            .map(|r| Sentence {
                span: Span::new(tokens[r.start].span.start, tokens[r.end - 1].span.end),
                first_token: r.start,
                end_token: r.end,
            })
            .collect();
        assert_eq!(tokens[5].text(text), "-");
        assert_eq!(blocks(text, &tokens, &sentences, 1), [0..1, 1..3]);
        let glued = "Er sagte:„Nein.“Dann ging er.";
        let tokens = tokenize(glued);
        let sentences = [
            Sentence { span: Span::new(0, 9), first_token: 0, end_token: 3 },
            Sentence { span: Span::new(9, glued.len()), first_token: 3, end_token: tokens.len() },
        ];
        assert_eq!(blocks(glued, &tokens, &sentences, 1), vec![0..2], "no space between the sentences");
    }

    #[test]
    fn the_word_before_a_full_stop_rules_out_abbreviations_only_where_none_ends() {
        let lexicon = &*SPLITTER;
        let mut texts = vec![include_str!("../examples/articles/kim-putin-de.txt").to_string()];
        texts.extend(CASES.iter().map(|(text, _)| text.to_string()));
        for data in [crate::lexicon::DE.abbreviations, crate::lexicon::EN.abbreviations] {
            for form in data.lines().filter(|l| !l.starts_with('#')).filter_map(|l| l.split('\t').next()) {
                texts.push(format!("Das {form} Wort. Wie {form}. Und x{form} ab."));
            }
        }
        let mut abbreviations_found = 0;
        for text in &texts {
            let tokens = tokenize(text);
            for stop in (1..tokens.len()).filter(|&i| tokens[i].text(text) == ".") {
                let listed = listed_abbreviation_ending_at(text, &tokens, stop, lexicon);
                abbreviations_found += usize::from(listed.is_some());
                assert_eq!(abbreviation_ending_at(text, &tokens, stop, lexicon), listed, "{text:?} at token {stop}");
            }
        }
        assert!(abbreviations_found > 100, "the lists' own abbreviations are found ({abbreviations_found})");
    }

    fn sentences(text: &str) -> Vec<&str> {
        let tokens = tokenize(text);
        split(text, &tokens).iter().map(|s| s.span.slice(text)).collect()
    }

    /// (text, expected sentences)
    const CASES: &[(&str, &[&str])] = &[
        // plain full stops, question and exclamation marks
        ("Er kam um 10 Uhr an. Danach ging er.", &["Er kam um 10 Uhr an.", "Danach ging er."]),
        ("Kommt er? Ja! Gut.", &["Kommt er?", "Ja!", "Gut."]),
        ("He left. She stayed.", &["He left.", "She stayed."]),
        ("Did he go? Yes.", &["Did he go?", "Yes."]),
        // German abbreviations
        (
            "Am 13. September traf Dr. Müller u. a. Vertreter der EU in Berlin.",
            &["Am 13. September traf Dr. Müller u. a. Vertreter der EU in Berlin."],
        ),
        ("Prof. Schmidt kam. Er sprach.", &["Prof. Schmidt kam.", "Er sprach."]),
        ("Es gibt z. B. Äpfel. Und Birnen.", &["Es gibt z. B. Äpfel.", "Und Birnen."]),
        ("Es gibt z.B. Äpfel.", &["Es gibt z.B. Äpfel."]),
        ("Haus Nr. 5 brannte.", &["Haus Nr. 5 brannte."]),
        ("Das kostet ca. 5 Mio. Euro.", &["Das kostet ca. 5 Mio. Euro."]),
        ("Er sah 3 Mrd. Dollar bzw. mehr.", &["Er sah 3 Mrd. Dollar bzw. mehr."]),
        ("Sie wohnt in St. Pölten.", &["Sie wohnt in St. Pölten."]),
        // tokenised text sets a title's full stop apart; other spaced stops still end sentences
        ("Die Kirche St . Georg brannte .", &["Die Kirche St . Georg brannte ."]),
        ("Es sprach Dr . Lehmann .", &["Es sprach Dr . Lehmann ."]),
        ("Er kam um 9 Uhr an . Danach ging er .", &["Er kam um 9 Uhr an .", "Danach ging er ."]),
        ("Die Zahl stieg um 5 Mio . Dann fiel sie .", &["Die Zahl stieg um 5 Mio .", "Dann fiel sie ."]),
        ("Äpfel, Birnen usw. Dann kam er.", &["Äpfel, Birnen usw.", "Dann kam er."]),
        ("Das ist d. h. gut.", &["Das ist d. h. gut."]),
        // English abbreviations
        ("Mr. Blair met Mrs. Thatcher.", &["Mr. Blair met Mrs. Thatcher."]),
        ("The U.S. Army came. It left.", &["The U.S. Army came.", "It left."]),
        ("Apple Inc. The firm grew.", &["Apple Inc.", "The firm grew."]),
        ("Acme Corp. said no. Fine.", &["Acme Corp. said no.", "Fine."]),
        ("He met Dr. Smith, e.g. on Monday.", &["He met Dr. Smith, e.g. on Monday."]),
        // ordinals and dates
        (
            "Die 2. Bundesliga beginnt am 28. Juli 2026 in Köln.",
            &["Die 2. Bundesliga beginnt am 28. Juli 2026 in Köln."],
        ),
        ("Er kam am 3. 10. an.", &["Er kam am 3. 10. an."]),
        ("Am 1. Mai ist frei.", &["Am 1. Mai ist frei."]),
        ("Er wurde im Jahr 2019. Danach nicht.", &["Er wurde im Jahr 2019.", "Danach nicht."]),
        ("Der 3. Platz ging an ihn.", &["Der 3. Platz ging an ihn."]),
        // nouns that only follow an ordinal keep it with no cue before it
        ("Er trainiert beim Zweitligisten 1. FC Nürnberg.", &["Er trainiert beim Zweitligisten 1. FC Nürnberg."]),
        ("Die Kirche stammt aus dem 11. und 12. Jahrhundert.", &["Die Kirche stammt aus dem 11. und 12. Jahrhundert."]),
        ("Er fuhr auf der Linie 1. Am Abend kam er an.", &["Er fuhr auf der Linie 1.", "Am Abend kam er an."]),
        // initials and decimals
        ("George W. Bush sprach.", &["George W. Bush sprach."]),
        ("J. R. R. Tolkien schrieb.", &["J. R. R. Tolkien schrieb."]),
        ("Es wuchs um 2,5 Prozent. Das ist viel.", &["Es wuchs um 2,5 Prozent.", "Das ist viel."]),
        ("It grew 3.5 percent. Fine.", &["It grew 3.5 percent.", "Fine."]),
        // URLs, e-mail, ellipses
        ("Siehe www.example.org. Dann weiter.", &["Siehe www.example.org.", "Dann weiter."]),
        ("Mail an info@example.de schicken.", &["Mail an info@example.de schicken."]),
        ("Er zögerte … und ging.", &["Er zögerte … und ging."]),
        ("Er zögerte... und ging.", &["Er zögerte... und ging."]),
        ("Er wartete … Dann ging er.", &["Er wartete …", "Dann ging er."]),
        // quotes
        ("„Ich komme.“ Dann ging er.", &["„Ich komme.“", "Dann ging er."]),
        ("„Kommst du?“, fragte sie.", &["„Kommst du?“, fragte sie."]),
        ("»Nein!« Sie ging.", &["»Nein!«", "Sie ging."]),
        ("‚Gut.‘ Er lachte.", &["‚Gut.‘", "Er lachte."]),
        ("\"Yes.\" He left.", &["\"Yes.\"", "He left."]),
        ("He said \"no.\" Then he left.", &["He said \"no.\"", "Then he left."]),
        ("(Siehe oben.) Weiter geht es.", &["(Siehe oben.)", "Weiter geht es."]),
        // line structure
        (
            "Kim kommt zu Gesprächen mit Putin\n\n\nErhalten Sie Updates",
            &["Kim kommt zu Gesprächen mit Putin", "Erhalten Sie Updates"],
        ),
        (
            "Eine Bildunterschrift ohne Punkt\nDer nächste Satz.",
            &["Eine Bildunterschrift ohne Punkt", "Der nächste Satz."],
        ),
        (
            "Kim reist ab © KCNA/AFP/Getty Images\n\nPeskow sagte das.",
            &["Kim reist ab © KCNA/AFP/Getty Images", "Peskow sagte das."],
        ),
        ("ein Satz, der\numbrochen wurde.", &["ein Satz, der\numbrochen wurde."]),
        ("Absatz eins.\n\nabsatz zwei.", &["Absatz eins.", "absatz zwei."]),
        ("Headline Here\nThe story begins.", &["Headline Here", "The story begins."]),
        ("Windows line\r\nNext line.\r\n\r\nLast.", &["Windows line", "Next line.", "Last."]),
        // no split inside measurements and compounds
        ("Er fährt nur etwa 59 km/h schnell.", &["Er fährt nur etwa 59 km/h schnell."]),
        ("Seit der Covid-19-Pandemie. Nun.", &["Seit der Covid-19-Pandemie.", "Nun."]),
    ];

    #[test]
    fn table_of_german_and_english_cases() {
        let mut failures = Vec::new();
        for (text, expected) in CASES {
            let got = sentences(text);
            if got != *expected {
                failures.push(format!("{text:?}\n   expected {expected:?}\n   got      {got:?}"));
            }
        }
        assert!(CASES.len() >= 40);
        assert!(failures.is_empty(), "{} failing cases:\n{}", failures.len(), failures.join("\n"));
    }

    #[test]
    fn every_token_is_in_exactly_one_sentence() {
        let text = "A. B! C? „D.“ E\n\nF … g. H";
        let tokens = tokenize(text);
        let s = split(text, &tokens);
        assert_eq!(s.first().map(|s| s.first_token), Some(0));
        assert_eq!(s.last().map(|s| s.end_token), Some(tokens.len()));
        for pair in s.windows(2) {
            assert_eq!(pair[0].end_token, pair[1].first_token);
        }
    }

    #[test]
    fn long_runs_without_punctuation_are_cut() {
        let text = "wort ".repeat(MAX_SENTENCE_TOKENS * 2 + 5);
        let tokens = tokenize(&text);
        let s = split(&text, &tokens);
        assert_eq!(s.len(), 3);
        assert!(s.iter().all(|s| s.end_token - s.first_token <= MAX_SENTENCE_TOKENS));
    }

    #[test]
    fn empty_input_has_no_sentences() {
        assert!(split("", &[]).is_empty());
    }
}
