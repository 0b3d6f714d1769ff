//! The word lists under `gazetteers/<lang>/`, parsed once.
//!
//! The files are compiled into the library, so a built binary needs nothing on
//! disk. Each list is parsed on first use and then shared by every
//! [`Extractor`](crate::Extractor).

use std::collections::HashSet;

use once_cell::sync::Lazy;

use crate::lang::Language;

/// Lines of a word-list file: comments (`#`) and blank lines dropped,
/// surrounding whitespace trimmed. Further tab-separated columns stay on the line.
pub(crate) fn lines(data: &str) -> impl Iterator<Item = &str> {
    data.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn set(data: &str) -> HashSet<String> {
    lines(data).map(|l| l.split('\t').next().unwrap_or(l).to_string()).collect()
}

/// Raw file contents per language, in one place so that every list a
/// language has is visible at a glance.
pub(crate) struct Files {
    pub abbreviations: &'static str,
    pub months: &'static str,
    pub ordinal_cues: &'static str,
    pub stopwords: &'static str,
    pub function_words: &'static str,
    pub common_nouns: &'static str,
    pub first_names: &'static str,
    pub person_titles: &'static str,
    pub name_particles: &'static str,
    pub reporting_verbs: &'static str,
    pub source_cues: &'static str,
    pub organisation_heads: &'static str,
    pub organisation_cues: &'static str,
    pub place_cues: &'static str,
    pub place_prepositions: &'static str,
    pub rules: &'static str,
    pub noun_suffixes: &'static str,
    pub place_suffixes: &'static str,
    pub determiners: &'static str,
}

pub(crate) const DE: Files = Files {
    abbreviations: include_str!("../gazetteers/de/abbreviations.txt"),
    months: include_str!("../gazetteers/de/months.txt"),
    ordinal_cues: include_str!("../gazetteers/de/ordinal-cues.txt"),
    stopwords: include_str!("../gazetteers/de/stopwords.txt"),
    function_words: include_str!("../gazetteers/de/function-words.txt"),
    common_nouns: include_str!("../gazetteers/de/common-nouns.txt"),
    first_names: include_str!("../gazetteers/de/first-names.txt"),
    person_titles: include_str!("../gazetteers/de/person-titles.txt"),
    name_particles: include_str!("../gazetteers/de/name-particles.txt"),
    reporting_verbs: include_str!("../gazetteers/de/reporting-verbs.txt"),
    source_cues: include_str!("../gazetteers/de/source-cues.txt"),
    organisation_heads: include_str!("../gazetteers/de/organisation-heads.txt"),
    organisation_cues: include_str!("../gazetteers/de/organisation-cues.txt"),
    place_cues: include_str!("../gazetteers/de/place-cues.txt"),
    place_prepositions: include_str!("../gazetteers/de/place-prepositions.txt"),
    rules: include_str!("../gazetteers/de/rules.txt"),
    noun_suffixes: include_str!("../gazetteers/de/noun-suffixes.txt"),
    place_suffixes: include_str!("../gazetteers/de/place-suffixes.txt"),
    determiners: include_str!("../gazetteers/de/determiners.txt"),
};

pub(crate) const EN: Files = Files {
    abbreviations: include_str!("../gazetteers/en/abbreviations.txt"),
    months: include_str!("../gazetteers/en/months.txt"),
    ordinal_cues: "",
    stopwords: include_str!("../gazetteers/en/stopwords.txt"),
    function_words: include_str!("../gazetteers/en/function-words.txt"),
    common_nouns: "",
    first_names: include_str!("../gazetteers/en/first-names.txt"),
    person_titles: include_str!("../gazetteers/en/person-titles.txt"),
    name_particles: include_str!("../gazetteers/en/name-particles.txt"),
    reporting_verbs: include_str!("../gazetteers/en/reporting-verbs.txt"),
    source_cues: include_str!("../gazetteers/en/source-cues.txt"),
    organisation_heads: include_str!("../gazetteers/en/organisation-heads.txt"),
    organisation_cues: include_str!("../gazetteers/en/organisation-cues.txt"),
    place_cues: include_str!("../gazetteers/en/place-cues.txt"),
    place_prepositions: include_str!("../gazetteers/en/place-prepositions.txt"),
    rules: include_str!("../gazetteers/en/rules.txt"),
    noun_suffixes: "",
    place_suffixes: "",
    determiners: include_str!("../gazetteers/en/determiners.txt"),
};

/// English lower-case common words: a capitalised word whose lower case is
/// here is no name without further evidence (`Officials said`).
pub(crate) const EN_COMMON_WORDS: &str = include_str!("../gazetteers/en/common-words.txt");
pub(crate) const LEGAL_FORMS: &str = include_str!("../gazetteers/common/legal-forms.txt");
pub(crate) const ACRONYM_STOPLIST: &str = include_str!("../gazetteers/de/acronym-stoplist.txt");
pub(crate) const SURNAME_FIRST: &str = include_str!("../gazetteers/common/surname-first.txt");

/// A list of words compared in folded form, with `*suffix` entries.
#[derive(Default, Debug)]
pub(crate) struct WordSet {
    words: crate::hash::FxHashSet<String>,
    suffixes: Vec<String>,
}

impl WordSet {
    pub fn parse(data: &str) -> WordSet {
        let mut set = WordSet::default();
        for line in lines(data) {
            let word = line.split('\t').next().unwrap_or(line);
            match word.strip_prefix('*') {
                Some(suffix) => set.suffixes.push(crate::gazetteer::normalize::fold(suffix)),
                None => {
                    set.words.insert(crate::gazetteer::normalize::fold(word));
                }
            }
        }
        set
    }

    /// Whether the (already folded) word is in the list or ends with one of its suffixes.
    pub fn contains_folded(&self, folded: &str) -> bool {
        self.words.contains(folded)
            || self.suffixes.iter().any(|s| folded.len() > s.len() && folded.ends_with(s.as_str()))
    }

    pub fn contains(&self, word: &str) -> bool {
        self.contains_folded(&crate::gazetteer::normalize::fold(word))
    }
}

/// A large sorted list (common nouns, names) searched without building a
/// hash set: start-up stays cheap however long the list is. A table of where
/// each first byte's words begin narrows every search.
pub(crate) struct SortedList {
    words: Vec<&'static str>,
    /// `buckets[b]..buckets[b + 1]`: the words whose first byte is `b`.
    buckets: Vec<u32>,
}

impl SortedList {
    pub fn parse(data: &'static str) -> SortedList {
        let mut words: Vec<&'static str> = lines(data).collect();
        if !words.windows(2).all(|w| w[0] <= w[1]) {
            words.sort_unstable();
        }
        words.dedup();
        let mut list = SortedList { words, buckets: Vec::new() };
        list.index();
        list
    }

    fn index(&mut self) {
        self.buckets = vec![0; 257];
        for word in &self.words {
            if let Some(&b) = word.as_bytes().first() {
                self.buckets[b as usize + 1] += 1;
            }
        }
        for b in 1..self.buckets.len() {
            self.buckets[b] += self.buckets[b - 1];
        }
    }

    pub fn contains(&self, word: &str) -> bool {
        let Some(&first) = word.as_bytes().first() else { return false };
        let (start, end) = (self.buckets[first as usize] as usize, self.buckets[first as usize + 1] as usize);
        self.words.get(start..end).is_some_and(|bucket| bucket.binary_search(&word).is_ok())
    }
}

/// A list of exact words in a hash set: for the lists asked about nearly
/// every capitalised word (given names, family names).
#[derive(Default)]
pub(crate) struct HashedList {
    words: crate::hash::FxHashSet<&'static str>,
}

impl HashedList {
    pub fn parse(data: &'static str) -> HashedList {
        let mut words = crate::hash::FxHashSet::default();
        words.reserve(data.len() / 8);
        words.extend(lines(data));
        HashedList { words }
    }

    pub fn contains(&self, word: &str) -> bool {
        self.words.contains(word)
    }

    /// Adds the words of another list.
    pub fn merge(&mut self, other: HashedList) {
        self.words.extend(other.words);
    }
}

/// Everything the mention and relation rules of one language know.
pub(crate) struct RuleLexicon {
    pub function_words: WordSet,
    pub common_nouns: HashedList,
    pub common_words: &'static HashedList,
    pub first_names: &'static HashedList,
    pub surnames: &'static HashedList,
    pub person_titles: WordSet,
    pub name_particles: WordSet,
    pub reporting_verbs: WordSet,
    /// Source cues; the flag says the cue needs a comma before it.
    pub source_cues: Vec<(String, bool)>,
    pub organisation_heads: WordSet,
    pub organisation_cues: WordSet,
    /// Place cues; the flag says the cue belongs to the name.
    pub place_cues: Vec<(String, bool)>,
    pub place_prepositions: WordSet,
    pub legal_forms: Vec<String>,
    pub surname_first: WordSet,
    pub months: WordSet,
    /// Capital abbreviations that name no organisation (`CD`, `GmbH`, `DNA`).
    pub acronym_stoplist: SortedList,
    /// Endings of common nouns (`-ung`, `-heit`), as `*suffix` entries.
    pub noun_suffixes: WordSet,
    /// Endings of place names (`-tal`, `-hausen`), as `*suffix` entries.
    pub place_suffixes: WordSet,
    /// Articles and their kin: what follows them is a noun phrase.
    pub determiners: WordSet,
}

fn flagged(data: &str, flag: &str) -> Vec<(String, bool)> {
    lines(data)
        .map(|line| {
            let mut columns = line.split('\t');
            let word = columns.next().unwrap_or_default();
            let has_flag = columns.any(|c| c.trim() == flag);
            (crate::gazetteer::normalize::fold(word), has_flag)
        })
        .collect()
}

impl RuleLexicon {
    fn load(files: &'static Files) -> RuleLexicon {
        RuleLexicon {
            function_words: WordSet::parse(files.function_words),
            common_nouns: HashedList::parse(files.common_nouns),
            common_words: &ENGLISH_COMMON_WORDS,
            first_names: &FIRST_NAMES,
            surnames: &SURNAMES,
            person_titles: WordSet::parse(files.person_titles),
            name_particles: WordSet::parse(files.name_particles),
            reporting_verbs: WordSet::parse(files.reporting_verbs),
            source_cues: lines(files.source_cues)
                .map(|l| match l.strip_prefix(", ") {
                    Some(cue) => (crate::gazetteer::normalize::fold(cue), true),
                    None => (crate::gazetteer::normalize::fold(l), false),
                })
                .collect(),
            organisation_heads: WordSet::parse(files.organisation_heads),
            organisation_cues: WordSet::parse(files.organisation_cues),
            place_cues: flagged(files.place_cues, "include"),
            place_prepositions: WordSet::parse(files.place_prepositions),
            legal_forms: lines(LEGAL_FORMS).map(str::to_string).collect(),
            surname_first: WordSet::parse(SURNAME_FIRST),
            months: WordSet::parse(files.months),
            acronym_stoplist: SortedList::parse(ACRONYM_STOPLIST),
            noun_suffixes: WordSet::parse(&lines(files.noun_suffixes).map(|s| format!("*{s}\n")).collect::<String>()),
            place_suffixes: WordSet::parse(&lines(files.place_suffixes).map(|s| format!("*{s}\n")).collect::<String>()),
            determiners: WordSet::parse(files.determiners),
        }
    }
}

// The name lists and English words serve both languages (German news quote
// English and name people from everywhere): parsed once, shared.
static ENGLISH_COMMON_WORDS: Lazy<HashedList> = Lazy::new(|| HashedList::parse(EN_COMMON_WORDS));
static FIRST_NAMES: Lazy<HashedList> = Lazy::new(|| {
    let mut names = HashedList::parse(EN.first_names);
    names.merge(HashedList::parse(DE.first_names));
    names
});
// Family names: the international list, filtered against common words
// (german-nouns tags many nouns as surnames too: `Zeit`, `Montag`).
static SURNAMES: Lazy<HashedList> = Lazy::new(|| HashedList::parse(include_str!("../gazetteers/en/surnames.txt")));

static RULES_DE: Lazy<RuleLexicon> = Lazy::new(|| RuleLexicon::load(&DE));
static RULES_EN: Lazy<RuleLexicon> = Lazy::new(|| RuleLexicon::load(&EN));

pub(crate) fn rules(language: Language) -> &'static RuleLexicon {
    match language {
        Language::De => &RULES_DE,
        Language::En => &RULES_EN,
    }
}

/// What the sentence splitter knows. German and English are merged: news in
/// either language quotes the other (`U.S.`, `Dr.`), and a wrong language guess
/// must not break sentences.
pub(crate) struct SplitterLexicon {
    /// Abbreviations with their spaces removed (`z.B.`), plus the first parts
    /// of multi-part ones (`z.`), which must not end a sentence either.
    pub abbreviations: HashSet<String>,
    /// Abbreviations that may also end a sentence (`usw.`, `Inc.`).
    pub final_abbreviations: HashSet<String>,
    pub months: HashSet<String>,
    pub ordinal_cues: HashSet<String>,
    /// The longest abbreviation in tokens, to bound the look-back.
    pub max_abbreviation_tokens: usize,
}

pub(crate) static SPLITTER: Lazy<SplitterLexicon> = Lazy::new(|| {
    let mut abbreviations = HashSet::new();
    let mut final_abbreviations = HashSet::new();
    let mut max_abbreviation_tokens = 2;
    for data in [DE.abbreviations, EN.abbreviations] {
        for line in lines(data) {
            let mut columns = line.split('\t');
            let form = columns.next().unwrap_or_default();
            let is_final = columns.any(|c| c.trim() == "final");
            let compact: String = form.chars().filter(|c| !c.is_whitespace()).collect();
            // `z. B.` is `z`, `.`, `B`, `.`: each dot-terminated piece is a token pair.
            max_abbreviation_tokens = max_abbreviation_tokens.max(2 * compact.matches('.').count());
            let mut prefix = String::new();
            for piece in compact.split_inclusive('.') {
                prefix.push_str(piece);
                if prefix.len() < compact.len() {
                    abbreviations.insert(prefix.clone());
                }
            }
            if is_final {
                final_abbreviations.insert(compact.clone());
            }
            abbreviations.insert(compact);
        }
    }
    SplitterLexicon {
        abbreviations,
        final_abbreviations,
        months: [DE.months, EN.months].into_iter().flat_map(set).collect(),
        ordinal_cues: set(DE.ordinal_cues).into_iter().chain(set(EN.ordinal_cues)).collect(),
        max_abbreviation_tokens,
    }
});

/// Stop words per language, for [`detect`](crate::lang::detect).
pub(crate) static STOPWORDS: Lazy<[HashSet<String>; 2]> = Lazy::new(|| [set(DE.stopwords), set(EN.stopwords)]);

/// Parses every word list of both languages.
/// Parses the word lists of the languages an extractor will meet.
pub(crate) fn warm_up(languages: &[Language]) {
    Lazy::force(&SPLITTER);
    Lazy::force(&STOPWORDS);
    for &language in languages {
        rules(language);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_and_blank_lines_are_skipped() {
        let got: Vec<&str> = lines("# head\n\n Dr. \n#x\nNr.\tfinal\n").collect();
        assert_eq!(got, ["Dr.", "Nr.\tfinal"]);
    }

    #[test]
    fn multi_part_abbreviations_are_compacted_with_their_prefixes() {
        assert!(SPLITTER.abbreviations.contains("z.B."));
        assert!(SPLITTER.abbreviations.contains("z."));
        assert!(SPLITTER.abbreviations.contains("u.a."));
        assert!(SPLITTER.abbreviations.contains("U.S."));
        assert!(SPLITTER.final_abbreviations.contains("usw."));
        assert!(!SPLITTER.final_abbreviations.contains("Dr."));
    }
}
