//! Which language a text is in.

use serde::{Deserialize, Serialize};

use crate::hash::PaddedKey;
use crate::lexicon::{StopWords, STOPWORDS};
use crate::span::Span;
use crate::tokenize::Token;

/// A language `newsgraph` has rules and lists for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// German.
    De,
    /// English.
    En,
}

impl Language {
    /// The ISO 639-1 code: `de`, `en`.
    pub fn code(self) -> &'static str {
        match self {
            Language::De => "de",
            Language::En => "en",
        }
    }

    /// Parses `de` or `en` (any case).
    pub fn from_code(code: &str) -> Option<Language> {
        match code.trim().to_ascii_lowercase().as_str() {
            "de" | "deu" | "ger" | "german" => Some(Language::De),
            "en" | "eng" | "english" => Some(Language::En),
            _ => None,
        }
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// The language setting of an extractor: fixed, or detected per document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LanguageChoice {
    De,
    En,
    /// Detect German or English from each document's stop words.
    #[default]
    Auto,
}

impl LanguageChoice {
    /// Parses `de`, `en` or `auto`.
    pub fn from_code(code: &str) -> Option<LanguageChoice> {
        if code.trim().eq_ignore_ascii_case("auto") {
            return Some(LanguageChoice::Auto);
        }
        Language::from_code(code).map(LanguageChoice::from)
    }

    /// The language of `text` under this setting.
    pub fn resolve(self, text: &str) -> Language {
        match self {
            LanguageChoice::De => Language::De,
            LanguageChoice::En => Language::En,
            LanguageChoice::Auto => detect(text),
        }
    }

    /// [`resolve`](Self::resolve) from the tokens of `text`.
    pub(crate) fn resolve_in_tokens(self, text: &str, tokens: &[Token]) -> Language {
        match self {
            LanguageChoice::De => Language::De,
            LanguageChoice::En => Language::En,
            LanguageChoice::Auto => detect_in_tokens(text, tokens),
        }
    }
}

impl From<Language> for LanguageChoice {
    fn from(language: Language) -> Self {
        match language {
            Language::De => LanguageChoice::De,
            Language::En => LanguageChoice::En,
        }
    }
}

/// How many words detection reads at most: enough for any article's lead.
const DETECTION_WORDS: usize = 400;

/// The lead in stop words at which detection stops reading. Reading on
/// would only tell a text that changes language after its opening, and the
/// opening is what the 400 words were for.
const DECISIVE_LEAD: usize = 20;

/// Guesses German or English by counting each language's stop words among the
/// first words of `text`: until one language leads by 20, or over the first
/// 400 words. Ties, and texts without any stop word, are German, the
/// library's first language.
///
/// A text in one language gives the other few stop words (German `in`,
/// `so`, `was` are English ones too), so the lead grows by about one in
/// three words: most articles are decided by their first hundred words.
///
/// The words are those of the tokenizer, each part of a hyphenated compound
/// one word. Only the beginning of the text is tokenized: a longer piece
/// each time, until it holds enough words.
///
/// ```
/// use newsgraph::{lang::detect, Language};
/// assert_eq!(detect("Putin und Kim trafen sich in Wladiwostok."), Language::De);
/// assert_eq!(detect("Putin and Kim met in Vladivostok on Wednesday."), Language::En);
/// ```
pub fn detect(text: &str) -> Language {
    // Eight bytes a word covers the lead of most texts at the first try.
    let mut length = DETECTION_WORDS * 8;
    loop {
        let piece = prefix_at_white_space(text, length);
        let tokens = crate::tokenize::tokenize(piece);
        if piece.len() == text.len() || for_each_word(piece, &tokens, DETECTION_WORDS, |_| false) == DETECTION_WORDS {
            return detect_in_tokens(piece, &tokens);
        }
        length = length.saturating_mul(2);
    }
}

/// [`detect`] from the tokens of `text`, as the extractor has them: the
/// text is not read a second time.
pub(crate) fn detect_in_tokens(text: &str, tokens: &[Token]) -> Language {
    let stop_words = &*STOPWORDS;
    let (mut de_hits, mut en_hits) = (0usize, 0usize);
    let mut read = 0;
    for_each_word(text, tokens, DETECTION_WORDS, |word| {
        let languages = stop_words.languages_of_key(word);
        de_hits += usize::from(languages & StopWords::DE != 0);
        en_hits += usize::from(languages & StopWords::EN != 0);
        read += 1;
        // Done once one language leads by so many stop words that no text
        // in one language alone turns it round.
        de_hits.abs_diff(en_hits) >= DECISIVE_LEAD
    });
    if en_hits > de_hits {
        Language::En
    } else {
        Language::De
    }
}

/// Hands the first `limit` words of `tokens` to `visit`, in order, until it
/// returns `true` (done): the tokens with a letter or digit, and each such
/// part of a hyphenated one. Returns how many it handed over.
fn for_each_word(text: &str, tokens: &[Token], limit: usize, mut visit: impl FnMut(PaddedKey<'_>) -> bool) -> usize {
    let mut words = 0;
    for token in tokens {
        let go_on = if token.hyphenated {
            token.parts(text).all(|part| hand_over(text, part, &mut words, limit, &mut visit))
        } else {
            hand_over(text, token.span, &mut words, limit, &mut visit)
        };
        if !go_on {
            break;
        }
    }
    words
}

/// The step of [`for_each_word`] at one word, in line at both its calls: a
/// call per word cost more than the word's look-up. Whether to go on.
#[inline(always)]
fn hand_over(
    text: &str,
    span: Span,
    words: &mut usize,
    limit: usize,
    visit: &mut impl FnMut(PaddedKey<'_>) -> bool,
) -> bool {
    // The text goes on after most words: they are hashed in whole words.
    let key = PaddedKey::in_buffer(text, span.start..span.end);
    let word = key.as_str();
    // Most words begin with an ASCII letter or digit.
    let alphanumeric = match word.as_bytes().first() {
        Some(b) if b.is_ascii_alphanumeric() => true,
        Some(_) => word.chars().any(char::is_alphanumeric),
        None => false,
    };
    if !alphanumeric {
        return true;
    }
    *words += 1;
    !visit(key) && *words < limit
}

/// The text up to the first white space at or after byte `length`, or all
/// of it. No token spans white space, so the tokens of the piece are the
/// first tokens of the whole text.
fn prefix_at_white_space(text: &str, length: usize) -> &str {
    let from = (length..text.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(text.len());
    let rest = text.get(from..).unwrap_or_default();
    let end = rest.find(char::is_whitespace).map_or(text.len(), |i| from + i);
    text.get(..end).unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for l in [Language::De, Language::En] {
            assert_eq!(Language::from_code(l.code()), Some(l));
        }
        assert_eq!(LanguageChoice::from_code("AUTO"), Some(LanguageChoice::Auto));
        assert_eq!(LanguageChoice::from_code("fr"), None);
    }

    #[test]
    fn detection_reads_stop_words() {
        assert_eq!(detect("Der Besuch markiert Kims erste Auslandsreise seit der Pandemie."), Language::De);
        assert_eq!(detect("The visit marks the first trip abroad since the pandemic."), Language::En);
        assert_eq!(detect(""), Language::De);
    }

    #[test]
    fn detection_reads_the_first_words_only() {
        let english = "the minister and the president met in the capital of the country . ".repeat(60);
        let german = "der Minister und die Präsidentin trafen sich in der Hauptstadt des Landes . ".repeat(60);
        assert_eq!(detect(&format!("{english}{german}")), Language::En);
        assert_eq!(detect(&format!("{german}{english}")), Language::De);
        // Long words: the first piece read holds too few of them.
        let padded = format!("{} {english}", "Donaudampfschifffahrtsgesellschaftskapitän ".repeat(120));
        assert_eq!(detect(&padded), Language::En);
        let padded = format!("{} {german}{english}", "Donaudampfschifffahrtsgesellschaftskapitän ".repeat(120));
        assert_eq!(detect(&padded), Language::De);
    }

    #[test]
    fn a_lead_of_twenty_stop_words_decides() {
        let german = "der Minister und die Präsidentin trafen sich in der Hauptstadt des Landes . ".repeat(20);
        // Seven English stop words a sentence, none German: three sentences
        // lead by 21, two by 14.
        let english = "the minister and the president met at the top of the hill . ";
        assert_eq!(detect(&format!("{}{german}", english.repeat(3))), Language::En);
        assert_eq!(detect(&format!("{}{german}", english.repeat(2))), Language::De);
    }

    #[test]
    fn stop_words_inside_web_addresses_do_not_count() {
        // The tokenizer keeps an address whole: one word, and no stop word.
        let text = "Mehr unter https://example.com/the-end-of-the-war-and-the-peace und www.the-and-of.com";
        assert_eq!(detect(text), Language::De);
    }

    #[test]
    fn stop_words_are_found_in_any_case() {
        let stop_words = &*STOPWORDS;
        for (word, languages) in [
            ("der", StopWords::DE),
            ("Der", StopWords::DE),
            ("DIE", StopWords::DE),
            ("über", StopWords::DE),
            ("ÜBER", StopWords::DE),
            ("The", StopWords::EN),
            ("Präsident", 0),
            ("Donaudampfschifffahrt", 0),
            ("", 0),
        ] {
            assert_eq!(stop_words.languages(word), languages, "{word:?}");
        }
    }

    #[test]
    fn each_part_of_a_compound_is_a_word() {
        assert_eq!(detect("Nord-Süd-Dialog: the-end-of-the-day"), Language::En);
        assert_eq!(detect("the Nord-und-Süd-der-die-das"), Language::De);
    }

    proptest::proptest! {
        #[test]
        fn detection_by_pieces_is_detection_over_all_tokens(
            text in "(( |\\n|\u{a0})?([A-Za-zäöüß]{1,12}|the|and|der|und|die|-|—|https://x.de/the|a@b.de|[.,:]|\u{301})){0,700}",
        ) {
            let tokens = crate::tokenize::tokenize(&text);
            proptest::prop_assert_eq!(detect(&text), detect_in_tokens(&text, &tokens));
        }
    }
}
