//! The word lists under `gazetteers/<lang>/`, parsed once.
//!
//! The files are compiled into the library, so a built binary needs nothing on
//! disk. Each list is parsed on first use and then shared by every
//! [`Extractor`](crate::Extractor).

use std::collections::HashSet;

use once_cell::sync::Lazy;

use crate::lang::Language;
use crate::wordtable::{list, WordTable};

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
    /// Whether the German nouns of [`WordTable`] are nouns of the language.
    pub german_nouns: bool,
    pub abbreviations: &'static str,
    pub months: &'static str,
    pub ordinal_cues: &'static str,
    pub ordinal_nouns: &'static str,
    pub stopwords: &'static str,
    pub function_words: &'static str,
    pub person_titles: &'static str,
    pub name_particles: &'static str,
    pub reporting_verbs: &'static str,
    pub source_cues: &'static str,
    pub organisation_heads: &'static str,
    pub organisation_cues: &'static str,
    pub place_cues: &'static str,
    pub place_prepositions: &'static str,
    pub weak_person_prepositions: &'static str,
    pub noble_titles: &'static str,
    pub subject_verbs: &'static str,
    pub rules: &'static str,
    pub noun_suffixes: &'static str,
    pub modifier_endings: &'static str,
    pub place_suffixes: &'static str,
    pub place_heads: &'static str,
    pub place_prefixes: &'static str,
    pub place_adjectives: &'static str,
    pub numbered_places: &'static str,
    pub institution_heads: &'static str,
    pub name_prepositions: &'static str,
    pub coordinators: &'static str,
    /// Endings of a head noun in the genitive (`des Hessischen Rundfunks`).
    pub head_genitive_endings: &'static [&'static str],
    pub determiners: &'static str,
}

pub(crate) const DE: Files = Files {
    german_nouns: true,
    abbreviations: include_str!("../gazetteers/de/abbreviations.txt"),
    months: include_str!("../gazetteers/de/months.txt"),
    ordinal_cues: include_str!("../gazetteers/de/ordinal-cues.txt"),
    ordinal_nouns: include_str!("../gazetteers/de/ordinal-nouns.txt"),
    stopwords: include_str!("../gazetteers/de/stopwords.txt"),
    function_words: include_str!("../gazetteers/de/function-words.txt"),
    person_titles: include_str!("../gazetteers/de/person-titles.txt"),
    name_particles: include_str!("../gazetteers/de/name-particles.txt"),
    reporting_verbs: include_str!("../gazetteers/de/reporting-verbs.txt"),
    source_cues: include_str!("../gazetteers/de/source-cues.txt"),
    organisation_heads: include_str!("../gazetteers/de/organisation-heads.txt"),
    organisation_cues: include_str!("../gazetteers/de/organisation-cues.txt"),
    place_cues: include_str!("../gazetteers/de/place-cues.txt"),
    place_prepositions: include_str!("../gazetteers/de/place-prepositions.txt"),
    weak_person_prepositions: include_str!("../gazetteers/de/weak-person-prepositions.txt"),
    noble_titles: include_str!("../gazetteers/de/noble-titles.txt"),
    subject_verbs: include_str!("../gazetteers/de/subject-verbs.txt"),
    rules: include_str!("../gazetteers/de/rules.txt"),
    noun_suffixes: include_str!("../gazetteers/de/noun-suffixes.txt"),
    modifier_endings: include_str!("../gazetteers/de/modifier-endings.txt"),
    place_suffixes: include_str!("../gazetteers/de/place-suffixes.txt"),
    place_heads: include_str!("../gazetteers/de/place-heads.txt"),
    place_prefixes: include_str!("../gazetteers/de/place-prefixes.txt"),
    place_adjectives: include_str!("../gazetteers/de/place-adjectives.txt"),
    numbered_places: include_str!("../gazetteers/de/numbered-places.txt"),
    institution_heads: include_str!("../gazetteers/de/institution-heads.txt"),
    name_prepositions: include_str!("../gazetteers/de/name-prepositions.txt"),
    coordinators: include_str!("../gazetteers/de/coordinators.txt"),
    head_genitive_endings: &["s", "es"],
    determiners: include_str!("../gazetteers/de/determiners.txt"),
};

pub(crate) const EN: Files = Files {
    german_nouns: false,
    abbreviations: include_str!("../gazetteers/en/abbreviations.txt"),
    months: include_str!("../gazetteers/en/months.txt"),
    ordinal_cues: "",
    ordinal_nouns: "",
    stopwords: include_str!("../gazetteers/en/stopwords.txt"),
    function_words: include_str!("../gazetteers/en/function-words.txt"),
    person_titles: include_str!("../gazetteers/en/person-titles.txt"),
    name_particles: include_str!("../gazetteers/en/name-particles.txt"),
    reporting_verbs: include_str!("../gazetteers/en/reporting-verbs.txt"),
    source_cues: include_str!("../gazetteers/en/source-cues.txt"),
    organisation_heads: include_str!("../gazetteers/en/organisation-heads.txt"),
    organisation_cues: include_str!("../gazetteers/en/organisation-cues.txt"),
    place_cues: include_str!("../gazetteers/en/place-cues.txt"),
    place_prepositions: include_str!("../gazetteers/en/place-prepositions.txt"),
    weak_person_prepositions: "",
    noble_titles: "",
    subject_verbs: "",
    rules: include_str!("../gazetteers/en/rules.txt"),
    noun_suffixes: "",
    modifier_endings: "",
    place_suffixes: "",
    place_heads: "",
    place_prefixes: "",
    place_adjectives: "",
    numbered_places: "",
    institution_heads: include_str!("../gazetteers/en/institution-heads.txt"),
    name_prepositions: include_str!("../gazetteers/en/name-prepositions.txt"),
    coordinators: include_str!("../gazetteers/en/coordinators.txt"),
    head_genitive_endings: &[],
    determiners: include_str!("../gazetteers/en/determiners.txt"),
};

pub(crate) const LEGAL_FORMS: &str = include_str!("../gazetteers/common/legal-forms.txt");
pub(crate) const ACRONYM_STOPLIST: &str = include_str!("../gazetteers/de/acronym-stoplist.txt");
pub(crate) const SURNAME_FIRST_LIST: &str = include_str!("../gazetteers/common/surname-first.txt");

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

/// The lists of a language that hold a word, as bits of [`Vocabulary::classes`].
pub(crate) mod class {
    pub const FUNCTION_WORD: u32 = 1;
    pub const MONTH: u32 = 1 << 1;
    pub const PERSON_TITLE: u32 = 1 << 2;
    pub const REPORTING_VERB: u32 = 1 << 3;
    pub const NAME_PARTICLE: u32 = 1 << 4;
    pub const ORGANISATION_HEAD: u32 = 1 << 5;
    pub const ORGANISATION_CUE: u32 = 1 << 6;
    pub const PLACE_PREPOSITION: u32 = 1 << 7;
    pub const DETERMINER: u32 = 1 << 8;
    pub const PLACE_CUE: u32 = 1 << 9;
    /// A place cue that belongs to the name (`Kosmodrom Wostotschny`).
    pub const PLACE_CUE_IN_NAME: u32 = 1 << 10;
    pub const SURNAME_FIRST: u32 = 1 << 11;
    pub const NOUN_SUFFIX: u32 = 1 << 12;
    pub const PLACE_SUFFIX: u32 = 1 << 13;
    /// The first word of a source cue (`laut`, `according` in `according to`).
    pub const SOURCE_CUE_START: u32 = 1 << 14;
    /// A noun that names a site after a capitalised modifier (`Gubener Straße`).
    pub const PLACE_HEAD: u32 = 1 << 15;
    /// The head of an institution named with a preposition (`Bundesamt` of `Bundesamt für Gesundheit`).
    pub const INSTITUTION_HEAD: u32 = 1 << 16;
    /// The preposition inside such a name (`für`, `for`).
    pub const NAME_PREPOSITION: u32 = 1 << 17;
    /// A word joining the members of an enumeration (`und`, `or`).
    pub const COORDINATOR: u32 = 1 << 18;
    /// An ending of adjectives, adverbs and participles (`-lich`, `-weise`, `-iert`).
    pub const MODIFIER_ENDING: u32 = 1 << 19;
    /// The head of a place named by a number (`Bundesstraße 216`, `A 7`).
    pub const NUMBERED_PLACE: u32 = 1 << 20;
    /// Such a head only after an article or a preposition (`auf der A 7`).
    pub const NUMBERED_PLACE_AFTER_ARTICLE: u32 = 1 << 21;
    /// A determiner of common nouns only, not of names (`ein`, `kein`, `sein`).
    pub const COMMON_DETERMINER: u32 = 1 << 22;
    /// A preposition after which a lone unknown word is seldom a person (`von`, `bei`).
    pub const WEAK_PERSON_PREPOSITION: u32 = 1 << 23;
    /// A title of nobility inside a name (`Graf` in `Otto Graf Lambsdorff`).
    pub const NOBLE_TITLE: u32 = 1 << 24;
    /// A modal or `haben` that, though a function word, shows the verb-second subject before it (`Fiedler will`).
    pub const SUBJECT_VERB: u32 = 1 << 25;
    /// A place preposition that also takes its place through a linking word (`südlich von Modrava`).
    pub const LINKED_PLACE_PREPOSITION: u32 = 1 << 26;
    /// That linking word (`von`, `of`).
    pub const PLACE_PREPOSITION_LINK: u32 = 1 << 27;
    /// A lower-case adjective of origin or position that, after an article, marks the unknown word after it as a place (`im aargauischen Riniken`).
    pub const PLACE_ADJECTIVE: u32 = 1 << 28;
    /// The first word of a company's legal form (`GmbH` of `GmbH & Co. KG`),
    /// folded: a necessary condition of the spelled look-up, which most
    /// capitalised words fail without it.
    pub const LEGAL_FORM_START: u32 = 1 << 29;
    /// Every list's bit. The cache of words keeps two flags of its own
    /// beside them, in the two highest bits: a list more takes one of those.
    pub const ALL: u32 = (LEGAL_FORM_START << 1) - 1;
}

/// Every short list of a language in one table: one look-up of a folded
/// word says which lists hold it (as bits `B`), where asking each list would
/// hash the word a dozen times.
pub(crate) struct Vocabulary<B = u32> {
    words: crate::hash::HashedWords<B>,
    /// `*suffix` entries as a trie of their bytes read backwards from the
    /// word's end: one walk over the ending finds every suffix that matches,
    /// where comparing the word with each suffix took most of a look-up.
    suffixes: SuffixTrie<B>,
    /// The endings of every word and suffix: most words of a text are in no
    /// list of a few forms (the relation triggers), and are turned away here.
    endings: Endings,
    /// Whether some word of `words` begins with the byte, and the longest
    /// word's length: punctuation, numbers and long compounds, a good part of
    /// a text, skip the hash table.
    first_bytes: [bool; 256],
    longest_word: usize,
}

/// The trie of [`Vocabulary::suffixes`], its transitions in one dense
/// table: every word walks it, and a step is one load, where a list of
/// children per node cost a pointer and a search at each byte. Node 0 is the
/// root (the empty ending) and, as a transition, "no node".
struct SuffixTrie<B> {
    /// The column of each byte in `next`; 0 for the bytes no suffix has.
    columns: [u16; 256],
    /// Columns per row, column 0 (no byte) included.
    width: usize,
    /// Node `n`'s child by column `c` at `next[n * width + c]`.
    next: Vec<u32>,
    /// The lists of the suffixes that end at each node.
    class: Vec<B>,
}

impl<B: Copy + Default + std::ops::BitOrAssign> SuffixTrie<B> {
    fn new() -> Self {
        SuffixTrie { columns: [0; 256], width: 1, next: vec![0], class: vec![B::default()] }
    }

    fn insert(&mut self, folded: &str, class: B) {
        let mut node = 0;
        for &byte in folded.as_bytes().iter().rev() {
            let column = self.column(byte);
            let slot = node * self.width + column;
            node = match self.next.get(slot).copied() {
                Some(child) if child != 0 => child as usize,
                _ => {
                    let child = self.class.len();
                    self.class.push(B::default());
                    self.next.resize(self.next.len() + self.width, 0);
                    if let Some(entry) = self.next.get_mut(slot) {
                        *entry = child as u32;
                    }
                    child
                }
            };
        }
        if let Some(lists) = self.class.get_mut(node) {
            *lists |= class;
        }
    }

    /// The column of `byte`, widening every row the first time a suffix has it.
    fn column(&mut self, byte: u8) -> usize {
        let known = self.columns[usize::from(byte)];
        if known != 0 {
            return usize::from(known);
        }
        let (old, new) = (self.width, self.width + 1);
        let mut next = Vec::with_capacity(self.class.len() * new);
        for row in self.next.chunks(old) {
            next.extend_from_slice(row);
            next.push(0);
        }
        self.next = next;
        self.width = new;
        self.columns[usize::from(byte)] = old as u16;
        old
    }

    /// The lists of every suffix `ending`, read backwards, spells.
    fn classes(&self, ending: &[u8]) -> B {
        let mut classes = B::default();
        let mut node = 0;
        for &byte in ending.iter().rev() {
            let column = usize::from(self.columns[usize::from(byte)]);
            if column == 0 {
                break;
            }
            node = self.next.get(node * self.width + column).map_or(0, |&child| child as usize);
            let Some(&lists) = self.class.get(node).filter(|_| node != 0) else { break };
            classes |= lists;
        }
        classes
    }
}

/// The last [`Endings::LENGTH`] bytes of every word and suffix of a
/// [`Vocabulary`] (a shorter word whole). A word of a list, or one ending in
/// a listed suffix, ends in the same bytes as the entry, so a word whose
/// ending was never added is in no list.
#[derive(Default)]
struct Endings {
    bits: crate::hash::KeyBits,
    /// Some word is shorter than the ending read (`met`): short words are asked whole.
    short_words: bool,
    /// A suffix is shorter than the ending read (`ung`): every word may end in one.
    open: bool,
}

impl Endings {
    const LENGTH: usize = 4;

    /// The key of a word shorter than the ending: its bytes and its length,
    /// so that it matches only itself.
    fn short_key(bytes: &[u8]) -> u64 {
        bytes
            .iter()
            .enumerate()
            .fold(1 << 40 | (bytes.len() as u64) << 32, |key, (i, &b)| key | u64::from(b) << (8 * i))
    }

    fn add(&mut self, folded: &str, suffix: bool) {
        let bytes = folded.as_bytes();
        match bytes.split_last_chunk::<{ Endings::LENGTH }>() {
            Some((_, ending)) => self.bits.insert(u64::from(u32::from_le_bytes(*ending))),
            None if suffix => self.open = true,
            None => {
                self.short_words = true;
                self.bits.insert(Endings::short_key(bytes));
            }
        }
    }

    #[inline]
    fn may_end(&self, folded: &str) -> bool {
        let bytes = folded.as_bytes();
        self.open
            || match bytes.split_last_chunk::<{ Endings::LENGTH }>() {
                Some((_, ending)) => self.bits.may_hold(u64::from(u32::from_le_bytes(*ending))),
                None => self.short_words && self.bits.may_hold(Endings::short_key(bytes)),
            }
    }
}

impl<B: Copy + Default + std::ops::BitOrAssign> Default for Vocabulary<B> {
    fn default() -> Self {
        Vocabulary {
            words: Default::default(),
            suffixes: SuffixTrie::new(),
            endings: Endings::default(),
            first_bytes: [false; 256],
            longest_word: 0,
        }
    }
}

impl<B: Copy + Default + std::ops::BitOrAssign> Vocabulary<B> {
    pub fn add_word(&mut self, folded: &str, class: B) {
        let Some(&first) = folded.as_bytes().first() else { return };
        self.first_bytes[first as usize] = true;
        self.longest_word = self.longest_word.max(folded.len());
        self.endings.add(folded, false);
        self.words.update(folded, |classes| *classes |= class);
    }

    /// Adds a word list in the format of [`WordSet::parse`].
    pub fn add_list(&mut self, data: &str, class: B) {
        for line in lines(data) {
            let word = line.split('\t').next().unwrap_or(line);
            match word.strip_prefix('*') {
                Some(suffix) => self.add_suffix(&crate::gazetteer::normalize::fold(suffix), class),
                None => self.add_word(&crate::gazetteer::normalize::fold(word), class),
            }
        }
    }

    pub fn add_suffix(&mut self, folded: &str, class: B) {
        if !folded.is_empty() {
            self.endings.add(folded, true);
            self.suffixes.insert(folded, class);
        }
    }

    /// The lists that hold a folded word, whole or (for `*suffix` entries) as
    /// its ending; like [`WordSet::contains_folded`], a suffix must leave a stem.
    pub fn classes(&self, folded: &str) -> B {
        self.classes_of_key(folded.into())
    }

    /// [`classes`](Self::classes) of a key in a buffer that goes on after
    /// it (see [`PaddedKey`](crate::hash::PaddedKey)).
    pub fn classes_of_key(&self, key: crate::hash::PaddedKey<'_>) -> B {
        if !self.endings.may_end(key.as_str()) {
            return B::default();
        }
        self.classes_of_any_ending(key)
    }

    /// Whether a folded word may be in some list: it ends as some word or
    /// suffix does.
    #[cfg(test)]
    pub fn may_end(&self, folded: &str) -> bool {
        self.endings.may_end(folded)
    }

    /// [`classes_of_key`](Self::classes_of_key) without the filter of endings.
    pub(crate) fn classes_of_any_ending(&self, key: crate::hash::PaddedKey<'_>) -> B {
        let folded = key.as_str();
        let listed_start = folded.as_bytes().first().is_some_and(|&b| self.first_bytes[b as usize]);
        let mut classes =
            if listed_start && folded.len() <= self.longest_word { self.words.get_padded(key) } else { B::default() };
        // The whole word is no suffix of itself: the walk stops one byte short.
        if let Some((_, stem_and_ending)) = folded.as_bytes().split_first() {
            classes |= self.suffixes.classes(stem_and_ending);
        }
        classes
    }
}

/// Everything the mention and relation rules of one language know.
pub(crate) struct RuleLexicon {
    /// The short lists (titles, heads, cues, function words, …) in one table.
    pub vocabulary: Vocabulary,
    /// Given and family names, German nouns and English common words: the
    /// long lists, in one table (German nouns count for German only).
    words: WordTable,
    german_nouns: bool,
    /// Source cues; the flag says the cue needs a comma before it.
    pub source_cues: Vec<(String, bool)>,
    pub legal_forms: Vec<String>,
    /// The legal forms as tokens (`GmbH`, `&`, `Co`, `.`, `KG`), as the rules match them.
    pub legal_form_tokens: Vec<Vec<String>>,
    /// The first token of each legal form, as spelled.
    pub legal_form_starts: crate::hash::FxHashSet<String>,
    /// Capital abbreviations that name no organisation (`CD`, `GmbH`, `DNA`).
    pub acronym_stoplist: SortedList,
    /// Endings of place names, folded, with what may come before them.
    pub place_suffixes: Vec<(String, PlaceStem)>,
    /// First parts of compounds that name a part of a place (`nord` of `Nordhessen`), folded.
    pub place_prefixes: Vec<String>,
    /// The first two bytes of [`place_prefixes`](Self::place_prefixes): most words start with none.
    pub place_prefix_openings: Openings,
}

/// What may come before a place ending (see `place-suffixes.txt`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PlaceStem {
    /// A name, not a German noun (`Swisttal`, not `Seitental`).
    Name,
    /// Also a noun, when the noun list does not hold the compound
    /// (`Hofburg`, `Steinbach`; not `Eisberg`): flag `noun`.
    UnlistedCompound,
    /// Any word (`Schulstraße`): flag `street`.
    Any,
}

fn place_suffixes(data: &str) -> Vec<(String, PlaceStem)> {
    lines(data)
        .map(|line| {
            let mut columns = line.split('\t');
            let ending = crate::gazetteer::normalize::fold(columns.next().unwrap_or_default());
            let stem = match columns.next().map(str::trim) {
                Some("street") => PlaceStem::Any,
                Some("noun") => PlaceStem::UnlistedCompound,
                _ => PlaceStem::Name,
            };
            (ending, stem)
        })
        .collect()
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
    /// The long lists (bits of [`list`]) that hold `word` as spelled.
    pub fn lists(&self, word: &str) -> u8 {
        let lists = self.words.lists(word);
        if self.german_nouns {
            lists
        } else {
            lists & !list::GERMAN_NOUN
        }
    }

    /// [`lists`](Self::lists) of each of `words`, in order, pushed onto
    /// `out`: faster than one by one (see `WordTable::lists_of_each`).
    pub fn lists_of_each<'w>(&self, words: impl IntoIterator<Item = crate::hash::PaddedKey<'w>>, out: &mut Vec<u8>) {
        let from = out.len();
        self.words.lists_of_each(words, out);
        if !self.german_nouns {
            out[from..].iter_mut().for_each(|lists| *lists &= !list::GERMAN_NOUN);
        }
    }

    /// A folded word of the function-word list (`der`, `the`).
    pub fn is_function_word(&self, folded: &str) -> bool {
        self.vocabulary.classes(folded) & class::FUNCTION_WORD != 0
    }

    /// A folded word of the titles list, or one ending like a title (`*minister`).
    pub fn is_title(&self, folded: &str) -> bool {
        self.vocabulary.classes(folded) & class::PERSON_TITLE != 0
    }

    /// A German noun, spelled as nouns are (`Treffen`); never for English.
    pub fn is_noun(&self, word: &str) -> bool {
        self.lists(word) & list::GERMAN_NOUN != 0
    }

    /// [`is_noun`](Self::is_noun) of a word's tail or of a folded word, its
    /// first letter made a capital as nouns are spelled (`singen` → `Singen`).
    /// The spelling is made on the stack: the compound test asks this of
    /// many tails of many words.
    pub fn is_noun_capitalised(&self, word: &str) -> bool {
        let mut chars = word.chars();
        let Some(first) = chars.next() else { return self.is_noun(word) };
        let rest = chars.as_str();
        let mut capitals = first.to_uppercase();
        let mut stack = [0u8; 64];
        if let (Some(capital), None) = (capitals.next(), capitals.next()) {
            let length = capital.len_utf8() + rest.len();
            if let Some(spelled) = stack.get_mut(..length) {
                let (head, tail) = spelled.split_at_mut(capital.len_utf8());
                capital.encode_utf8(head);
                tail.copy_from_slice(rest.as_bytes());
                if let Ok(spelled) = std::str::from_utf8(spelled) {
                    return self.is_noun(spelled);
                }
            }
        }
        let mut spelled = String::with_capacity(word.len() + 4);
        spelled.extend(first.to_uppercase());
        spelled.push_str(rest);
        self.is_noun(&spelled)
    }
}

fn vocabulary(files: &Files, legal_form_starts: &crate::hash::FxHashSet<String>) -> Vocabulary {
    use class::*;
    let mut vocabulary = Vocabulary::default();
    for (data, class) in [
        (files.function_words, FUNCTION_WORD),
        (files.months, MONTH),
        (files.person_titles, PERSON_TITLE),
        (files.reporting_verbs, REPORTING_VERB),
        (files.name_particles, NAME_PARTICLE),
        (files.place_prepositions, PLACE_PREPOSITION),
        (files.weak_person_prepositions, WEAK_PERSON_PREPOSITION),
        (files.noble_titles, NOBLE_TITLE),
        (files.subject_verbs, SUBJECT_VERB),
        (files.determiners, DETERMINER),
        (SURNAME_FIRST_LIST, SURNAME_FIRST),
        (files.place_heads, PLACE_HEAD),
        (files.name_prepositions, NAME_PREPOSITION),
        (files.coordinators, COORDINATOR),
        (files.place_adjectives, PLACE_ADJECTIVE),
    ] {
        vocabulary.add_list(data, class);
    }
    // Heads and cues of names, also in the genitive: `des Hessischen Rundfunks`,
    // `des Instituts für …`, `des Konzerns Kyocera`, `des Spielzeugherstellers Mattel`.
    for (data, class) in [
        (files.organisation_heads, ORGANISATION_HEAD),
        (files.institution_heads, INSTITUTION_HEAD),
        (files.organisation_cues, ORGANISATION_CUE),
    ] {
        vocabulary.add_list(data, class);
        for word in lines(data) {
            let word = word.split('\t').next().unwrap_or(word);
            for ending in files.head_genitive_endings {
                let folded = crate::gazetteer::normalize::fold(&format!("{word}{ending}"));
                match folded.strip_prefix('*') {
                    Some(suffix) => vocabulary.add_suffix(suffix, class),
                    None => vocabulary.add_word(&folded, class),
                }
            }
        }
    }
    for (determiner, common) in flagged(files.determiners, "common") {
        if common {
            vocabulary.add_word(&determiner, COMMON_DETERMINER);
        }
    }
    for (head, after_article) in flagged(files.numbered_places, "article") {
        vocabulary.add_word(&head, NUMBERED_PLACE | if after_article { NUMBERED_PLACE_AFTER_ARTICLE } else { 0 });
    }
    // A second column names the word that may stand between a preposition
    // and its place, as in `südlich von Modrava`.
    for line in lines(files.place_prepositions) {
        let mut columns = line.split('\t');
        let preposition = columns.next().unwrap_or_default();
        if let Some(link) = columns.next().map(str::trim).filter(|link| !link.is_empty()) {
            vocabulary.add_word(&crate::gazetteer::normalize::fold(preposition), LINKED_PLACE_PREPOSITION);
            vocabulary.add_word(&crate::gazetteer::normalize::fold(link), PLACE_PREPOSITION_LINK);
        }
    }
    for (cue, in_name) in flagged(files.place_cues, "include") {
        vocabulary.add_word(&cue, PLACE_CUE | if in_name { PLACE_CUE_IN_NAME } else { 0 });
    }
    for suffix in lines(files.noun_suffixes) {
        vocabulary.add_suffix(&crate::gazetteer::normalize::fold(suffix), NOUN_SUFFIX);
    }
    for ending in lines(files.modifier_endings) {
        vocabulary.add_suffix(&crate::gazetteer::normalize::fold(ending), MODIFIER_ENDING);
    }
    for (suffix, _) in place_suffixes(files.place_suffixes) {
        vocabulary.add_suffix(&suffix, PLACE_SUFFIX);
    }
    for cue in lines(files.source_cues) {
        let cue = cue.strip_prefix(", ").unwrap_or(cue);
        if let Some(first) = crate::gazetteer::normalize::fold(cue).split(' ').next() {
            vocabulary.add_word(first, SOURCE_CUE_START);
        }
    }
    for start in legal_form_starts {
        vocabulary.add_word(&crate::gazetteer::normalize::fold(start), LEGAL_FORM_START);
    }
    vocabulary
}

impl RuleLexicon {
    fn load(files: &'static Files) -> RuleLexicon {
        let place_prefixes: Vec<String> = lines(files.place_prefixes).map(crate::gazetteer::normalize::fold).collect();
        let legal_forms: Vec<String> = lines(LEGAL_FORMS).map(str::to_string).collect();
        let legal_form_tokens: Vec<Vec<String>> = legal_forms
            .iter()
            .map(|form| crate::tokenize::tokenize(form).iter().map(|t| t.text(form).to_string()).collect())
            .collect();
        let legal_form_starts = legal_form_tokens.iter().filter_map(|form| form.first().cloned()).collect();
        RuleLexicon {
            vocabulary: vocabulary(files, &legal_form_starts),
            // The name lists and English words serve both languages: German
            // news quote English and name people from everywhere.
            words: WordTable::get(),
            german_nouns: files.german_nouns,
            source_cues: lines(files.source_cues)
                .map(|l| match l.strip_prefix(", ") {
                    Some(cue) => (crate::gazetteer::normalize::fold(cue), true),
                    None => (crate::gazetteer::normalize::fold(l), false),
                })
                .collect(),
            legal_forms,
            legal_form_tokens,
            legal_form_starts,
            acronym_stoplist: SortedList::parse(ACRONYM_STOPLIST),
            place_suffixes: place_suffixes(files.place_suffixes),
            place_prefix_openings: Openings::of(&place_prefixes),
            place_prefixes,
        }
    }
}

/// The first two bytes of a few words, as a set of 65,536 bits: most
/// words of a text begin as none of them, and one load tells.
pub(crate) struct Openings(Box<[u64; 1024]>);

impl Openings {
    pub(crate) fn of(words: &[String]) -> Openings {
        let mut bits = Box::new([0u64; 1024]);
        let mut set = |pair: usize| {
            if let Some(word) = bits.get_mut(pair / 64) {
                *word |= 1 << (pair % 64);
            }
        };
        for word in words {
            match *word.as_bytes() {
                [a, b, ..] => set(usize::from(a) << 8 | usize::from(b)),
                // A one-byte word opens every pair it begins.
                [a] => (0..256).for_each(|b| set(usize::from(a) << 8 | b)),
                [] => {}
            }
        }
        Openings(bits)
    }

    /// Whether `word` may begin with one of the words: always, when it
    /// does; never, when it is shorter than two bytes.
    pub(crate) fn may_open(&self, word: &str) -> bool {
        let [a, b, ..] = *word.as_bytes() else { return false };
        self.may_open_pair(a, b)
    }

    /// Whether a word whose first two bytes are `a`, `b` may begin with one of the words.
    pub(crate) fn may_open_pair(&self, a: u8, b: u8) -> bool {
        let pair = usize::from(a) << 8 | usize::from(b);
        self.0.get(pair / 64).is_some_and(|bits| bits & 1 << (pair % 64) != 0)
    }
}

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
    pub abbreviations: crate::hash::FxHashSet<String>,
    /// The abbreviations ending in a full stop, without it (`Dr`, `Mio`):
    /// such a word is an abbreviation even where its full stop is missing.
    pub stems: crate::hash::FxHashSet<String>,
    /// Abbreviations that may also end a sentence (`usw.`, `Inc.`).
    pub final_abbreviations: crate::hash::FxHashSet<String>,
    /// Titles before a name, without their full stop (`Dr`, `St`): tokenised
    /// text may set the stop apart (`St . Georg`), and it still ends no sentence.
    pub name_abbreviations: crate::hash::FxHashSet<String>,
    pub months: crate::hash::FxHashSet<String>,
    pub ordinal_cues: crate::hash::FxHashSet<String>,
    /// Nouns after an ordinal that no sentence opens with (`Jahrhundert`, `FC`).
    pub ordinal_nouns: crate::hash::FxHashSet<String>,
    /// The longest abbreviation in tokens, to bound the look-back.
    pub max_abbreviation_tokens: usize,
    /// Every ending of the [`last_alphanumeric_run`] of every stem (`B` of
    /// `z.B`; `CoKG`, `oKG`, `KG` and `G` of `CoKG`, as a word before the
    /// stop may be the last of several without a dot between them): the
    /// last run of the word before a full stop is one of them, or no
    /// abbreviation ends at that stop. Most full stops end sentences, and
    /// this one look-up is all they cost.
    pub stem_endings: crate::hash::FxHashSet<String>,
}

/// The letters and digits after the last other character of `s` (`B` of
/// `z.B`, all of `Dr`, nothing of `Co.`).
pub(crate) fn last_alphanumeric_run(s: &str) -> &str {
    s.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or_default()
}

pub(crate) static SPLITTER: Lazy<SplitterLexicon> = Lazy::new(|| {
    let mut abbreviations = crate::hash::FxHashSet::default();
    let mut final_abbreviations = crate::hash::FxHashSet::default();
    let mut name_abbreviations = crate::hash::FxHashSet::default();
    let mut max_abbreviation_tokens = 2;
    for data in [DE.abbreviations, EN.abbreviations] {
        for line in lines(data) {
            let mut columns = line.split('\t');
            let form = columns.next().unwrap_or_default();
            let flags: Vec<&str> = columns.map(str::trim).collect();
            let is_final = flags.contains(&"final");
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
            if flags.contains(&"name") {
                if let Some(stem) = compact.strip_suffix('.') {
                    name_abbreviations.insert(stem.to_string());
                }
            }
            abbreviations.insert(compact);
        }
    }
    let stems: crate::hash::FxHashSet<String> =
        abbreviations.iter().filter_map(|a| a.strip_suffix('.')).map(str::to_string).collect();
    SplitterLexicon {
        stem_endings: stems
            .iter()
            .map(|stem| last_alphanumeric_run(stem))
            // The run itself (`""` for a stem that ends in a dot or a dash) and its shorter endings.
            .flat_map(|run| std::iter::once(run).chain(run.char_indices().skip(1).map(|(i, _)| &run[i..])))
            .map(str::to_string)
            .collect(),
        stems,
        abbreviations,
        final_abbreviations,
        name_abbreviations,
        months: [DE.months, EN.months].into_iter().flat_map(set).collect(),
        ordinal_cues: set(DE.ordinal_cues).into_iter().chain(set(EN.ordinal_cues)).collect(),
        ordinal_nouns: set(DE.ordinal_nouns).into_iter().chain(set(EN.ordinal_nouns)).collect(),
        max_abbreviation_tokens,
    }
});

/// The stop words of both languages, for [`detect`](crate::lang::detect).
pub(crate) static STOPWORDS: Lazy<StopWords> =
    Lazy::new(|| StopWords::new(&[(DE.stopwords, StopWords::DE), (EN.stopwords, StopWords::EN)]));

/// Stop words in one table: each word with a bit per language that lists it.
pub(crate) struct StopWords {
    languages: crate::hash::HashedWords<u8>,
    /// The most chars of a stop word: lower-casing never makes a word
    /// shorter in chars, so no longer word can be one.
    longest: usize,
}

impl StopWords {
    /// The bit of German stop words.
    pub const DE: u8 = 1;
    /// The bit of English stop words.
    pub const EN: u8 = 1 << 1;

    /// Each list's words, with its language's bit.
    fn new(lists: &[(&str, u8)]) -> StopWords {
        let mut languages = crate::hash::HashedWords::default();
        let mut longest = 0;
        for &(list, bit) in lists {
            for word in set(list) {
                longest = longest.max(word.chars().count());
                languages.update(&word, |bits: &mut u8| *bits |= bit);
            }
        }
        StopWords { languages, longest }
    }

    /// The languages ([`Self::DE`], [`Self::EN`]) of which `word`, in lower
    /// case, is a stop word.
    #[cfg(test)]
    pub(crate) fn languages(&self, word: &str) -> u8 {
        self.languages_of_key(word.into())
    }

    /// [`languages`](Self::languages) of a word in a buffer that goes on after it.
    #[inline]
    pub(crate) fn languages_of_key(&self, key: crate::hash::PaddedKey<'_>) -> u8 {
        // Most words: ASCII, short, hashed lower-cased as they are read, with
        // no branch on what they are; a word longer than any stop word is none.
        match self.languages.get_short_ascii_lowercase(key) {
            Some(languages) if key.as_str().len() <= self.longest => languages,
            Some(_) => 0,
            None => self.languages_of_any_key(key),
        }
    }

    /// [`languages_of_key`](Self::languages_of_key) of a key not read in two
    /// words: longer, beyond ASCII, or at the end of its text.
    #[inline(never)]
    fn languages_of_any_key(&self, key: crate::hash::PaddedKey<'_>) -> u8 {
        let word = key.as_str();
        // A char has at most four bytes, and an ASCII one one.
        if word.len() > self.longest && (word.len() > 4 * self.longest || word.is_ascii()) {
            return 0;
        }
        // Lower-cased as it is hashed (most words).
        if let Some(languages) = self.languages.get_ascii_lowercase(key) {
            return languages;
        }
        if word.chars().count() > self.longest {
            return 0;
        }
        // Lower-cased on the stack: `für`, `über`, `während` are among the
        // commonest words of German text, and a `String` each cost more
        // than the look-up.
        let mut lower = [0u8; 64];
        let mut len = 0;
        for c in word.chars().flat_map(char::to_lowercase) {
            let Some(room) = lower.get_mut(len..len + c.len_utf8()) else {
                let lower: String = word.chars().flat_map(char::to_lowercase).collect();
                return self.languages.get(&lower);
            };
            c.encode_utf8(room);
            len += c.len_utf8();
        }
        lower.get(..len).and_then(|bytes| std::str::from_utf8(bytes).ok()).map_or(0, |lower| self.languages.get(lower))
    }
}

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
    fn openings_let_through_every_word_that_begins_with_a_listed_one() {
        let words: Vec<String> = ["nord", "ost", "x"].iter().map(|w| w.to_string()).collect();
        let openings = Openings::of(&words);
        for word in ["nord", "nordhessen", "norden", "ostukraine", "os", "xy"] {
            assert!(openings.may_open(word), "{word}");
        }
        for word in ["n", "x", "", "nerz", "west", "unternehmen"] {
            assert!(!openings.may_open(word), "{word}");
        }
    }

    #[test]
    fn a_tail_is_a_noun_in_the_spelling_of_nouns() {
        let lexicon = rules(Language::De);
        assert!(lexicon.is_noun_capitalised("treffen"));
        assert!(lexicon.is_noun_capitalised("ärger"), "a capital of two bytes");
        assert!(!lexicon.is_noun_capitalised("treffenxyz"));
        assert!(!lexicon.is_noun_capitalised(""));
        // Longer than the spelling made on the stack: the same answers.
        let long = "a".repeat(70);
        assert_eq!(lexicon.is_noun_capitalised(&long), lexicon.is_noun(&format!("A{}", &long[1..])));
        // `ß` has no capital of its own (`SS`): spelled as Unicode spells it.
        assert_eq!(lexicon.is_noun_capitalised("ßtraße"), lexicon.is_noun("SStraße"));
    }

    #[test]
    fn comment_and_blank_lines_are_skipped() {
        let got: Vec<&str> = lines("# head\n\n Dr. \n#x\nNr.\tfinal\n").collect();
        assert_eq!(got, ["Dr.", "Nr.\tfinal"]);
    }

    #[test]
    fn suffixes_match_endings_that_leave_a_stem() {
        let mut vocabulary: Vocabulary = Vocabulary::default();
        vocabulary.add_suffix("ung", 1);
        vocabulary.add_suffix("ng", 2);
        vocabulary.add_suffix("ung", 4);
        vocabulary.add_word("ung", 8);
        assert_eq!(vocabulary.classes("zeitung"), 7);
        assert_eq!(vocabulary.classes("ung"), 8 | 2);
        assert_eq!(vocabulary.classes("ng"), 0);
        assert_eq!(vocabulary.classes("ring"), 2);
        assert_eq!(vocabulary.classes(""), 0);
        assert_eq!(Vocabulary::<u32>::default().classes("zeitung"), 0);
        vocabulary.add_word("&", 16);
        assert_eq!(vocabulary.classes("&"), 16);
        assert_eq!(vocabulary.classes("ungx"), 0);
        assert_eq!(vocabulary.classes(","), 0);
    }

    proptest::proptest! {
        /// The trie finds what comparing the word's ending with each suffix
        /// finds, whatever order the suffixes (and so the trie's columns) came in.
        #[test]
        fn suffix_trie_agrees_with_comparing_each_ending(
            suffixes in proptest::collection::vec("[aegnuä]{1,4}", 0..12),
            word in "[aegnuäk]{0,8}",
        ) {
            let mut vocabulary: Vocabulary = Vocabulary::default();
            for (i, suffix) in suffixes.iter().enumerate() {
                vocabulary.add_suffix(suffix, 1 << i);
            }
            let expected = suffixes
                .iter()
                .enumerate()
                .filter(|(_, s)| word.len() > s.len() && word.ends_with(s.as_str()))
                .fold(0, |classes, (i, _)| classes | 1 << i);
            proptest::prop_assert_eq!(vocabulary.classes(&word), expected);
        }
    }

    #[test]
    fn multi_part_abbreviations_are_compacted_with_their_prefixes() {
        assert!(SPLITTER.abbreviations.contains("z.B."));
        assert!(SPLITTER.abbreviations.contains("z."));
        assert!(SPLITTER.abbreviations.contains("u.a."));
        assert!(SPLITTER.abbreviations.contains("U.S."));
        assert!(SPLITTER.final_abbreviations.contains("usw."));
        assert!(!SPLITTER.final_abbreviations.contains("Dr."));
        assert!(SPLITTER.name_abbreviations.contains("St"));
        assert!(!SPLITTER.name_abbreviations.contains("usw"));
    }
}
