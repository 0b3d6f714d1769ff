//! Which language a text is in.

use serde::{Deserialize, Serialize};

use crate::lexicon::STOPWORDS;

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

/// Guesses German or English by counting each language's stop words among the
/// first words of `text`. Ties, and texts without any stop word, are German,
/// the library's first language.
///
/// ```
/// use newsgraph::{lang::detect, Language};
/// assert_eq!(detect("Putin und Kim trafen sich in Wladiwostok."), Language::De);
/// assert_eq!(detect("Putin and Kim met in Vladivostok on Wednesday."), Language::En);
/// ```
pub fn detect(text: &str) -> Language {
    let [de, en] = &*STOPWORDS;
    let (mut de_hits, mut en_hits) = (0usize, 0usize);
    let mut lower = String::new();
    // `unicode_words`, by the tokenizer's faster segmentation.
    let words = crate::tokenize::word_segments(text).map(|(_, s)| s).filter(|s| s.chars().any(char::is_alphanumeric));
    for word in words.take(DETECTION_WORDS) {
        lower.clear();
        lower.extend(word.chars().flat_map(char::to_lowercase));
        de_hits += usize::from(de.contains(&lower));
        en_hits += usize::from(en.contains(&lower));
    }
    if en_hits > de_hits {
        Language::En
    } else {
        Language::De
    }
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
}
