//! Stage 3: sentences → mentions, from gazetteers and rules.
//!
//! Both sources propose *candidates*; one overlap policy picks the mentions:
//!
//! 1. Gazetteer entries and strong rules (titles, heads, cues, legal forms,
//!    first names, credits) outrank weak rules (a verb of saying or a
//!    preposition next to an unknown word), which outrank guesses (a
//!    capitalised word no list knows, an unknown acronym) and ambiguous
//!    gazetteer hits (`Essen`, `Bild`).
//! 2. Within a rank the longer candidate wins (`Universität Wien` over
//!    `Wien`, `George Washington` over `Washington`).
//! 3. At equal length, a gazetteer entry beats a rule, an earlier rule in the
//!    rules file beats a later one.
//! 4. An organisation directly followed by a town is one organisation
//!    (`Inter Mailand`).
//!
//! A gazetteer hit is ambiguous, and kept only with a cue word before it
//! (`in Essen`, `Zeitung Bild`), in an enumeration beside an unambiguous name
//! of its kind (`Dortmund, Essen und Bochum`), or when it spans more than one word, when its
//! list flags it, when it is a town named like a German common noun (`Zug`),
//! a small town named like a person (`Kim`, `Andreas`), or an everyday
//! abbreviation (`CD`). Months and function words are never names on their own.

pub mod rules;

/// The most tokens a name found by a rule may have.
pub(crate) const MAX_NAME_TOKENS: usize = 5;

/// Particles in a row inside a name: `Bernardo el de los Lobitos`.
const MAX_PARTICLES: usize = 3;

/// The longest common noun the compound test tries as the tail of a word, in chars.
const MAX_NOUN_CHARS: usize = 24;

/// Compound tails of up to this many chars count only after a noun.
const SHORT_NOUN_TAIL: usize = 4;

use once_cell::sync::Lazy;

use crate::gazetteer::units::{Units, WordLists};
use crate::gazetteer::{Hit, Layers, Subtype};
use crate::lang::Language;
use crate::lexicon::{self, class, PlaceStem, RuleLexicon};
use crate::model::EntityKind;
use crate::sentences::Sentence;
use crate::span::Span;
use crate::tokenize::{Shape, Token, TokenKind};
use crate::wordtable::list;
use rules::{parse_rules, Rule};

/// How much a candidate's source can be trusted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Strength {
    /// A name-like word with no cue at all: the last resort.
    Guess,
    Weak,
    Strong,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Origin {
    Gazetteer { ambiguous: bool },
    Rule(Strength),
}

/// A proposed mention over units `first..=last`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Candidate {
    pub first: usize,
    pub last: usize,
    pub kind: EntityKind,
    pub origin: Origin,
    /// The gazetteer entry (layer, index), for gazetteer hits.
    pub entry: Option<(usize, u32)>,
    pub derived: bool,
    /// Position among the sources, to break ties deterministically.
    order: usize,
}

impl Candidate {
    pub(crate) fn tokens(cx: &Context<'_>, first: usize, end: usize, kind: EntityKind, origin: Origin) -> Candidate {
        let units = cx.units.of_tokens(first, end);
        Candidate {
            first: units.start,
            last: units.end.saturating_sub(1).max(units.start),
            kind,
            origin,
            entry: None,
            derived: false,
            order: 0,
        }
    }

    fn rank(&self) -> (u8, usize, u8, std::cmp::Reverse<usize>) {
        let class = match self.origin {
            Origin::Gazetteer { ambiguous: false } | Origin::Rule(Strength::Strong) => 2,
            Origin::Rule(Strength::Weak) => 1,
            Origin::Gazetteer { ambiguous: true } | Origin::Rule(Strength::Guess) => 0,
        };
        let gazetteer_first = u8::from(matches!(self.origin, Origin::Gazetteer { .. }));
        (class, self.last - self.first, gazetteer_first, std::cmp::Reverse(self.order))
    }
}

/// What the gazetteer says about one token.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TokenHit {
    pub kind: EntityKind,
    /// A one-word town, region or site: a person's name may still take the word
    /// (`Andreas`, `Jackson` are towns too).
    pub yields_to_person: bool,
}

/// A mention chosen by the overlap policy.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Found {
    pub span: Span,
    pub first_unit: usize,
    pub last_unit: usize,
    pub sentence: usize,
    pub kind: EntityKind,
    pub entry: Option<(usize, u32)>,
    pub derived: bool,
    /// Found by a guess (an unknown capitalised word), not by a list or a cue.
    pub guess: bool,
}

static RULES: Lazy<[Vec<Rule>; 2]> = Lazy::new(|| {
    // The rules files are part of the library and tested; a parse error is a bug caught by `rules_files_parse`.
    [parse_rules(lexicon::DE.rules).unwrap_or_default(), parse_rules(lexicon::EN.rules).unwrap_or_default()]
});

pub(crate) fn rules_for(language: Language) -> &'static [Rule] {
    match language {
        Language::De => &RULES[0],
        Language::En => &RULES[1],
    }
}

/// What rules read about one sentence.
pub(crate) struct Context<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub units: &'a Units<'a>,
    pub lexicon: &'a RuleLexicon,
    pub sentence: Sentence,
    pub language: Language,
    layers: &'a Layers,
    /// The non-derived, unambiguous gazetteer hit covering each token of the sentence.
    gazetteer: Vec<Option<TokenHit>>,
    /// Tokens some list names, kept or not: a listed name dropped for want of
    /// evidence (`Zug`) is a word here, not an unknown name.
    listed: Vec<bool>,
    /// Most words capitalised: a headline, where capitals say nothing.
    title_case: bool,
    /// Word features, computed once per token on first use: every rule asks
    /// the same questions of the same words.
    features: &'a [std::cell::Cell<u32>],
    /// The short lists that hold each token of the document, whole and by
    /// its last part (see [`lexicon::class`] and [`WordLists`]).
    classes: &'a [(u32, u32)],
    /// The long, case-sensitive lists that hold each token (see [`exact`]).
    exact: &'a [std::cell::Cell<u32>],
    /// Which tokens of the sentence pass which gate bits (see [`gate_bits`]).
    gates: GateIndex,
}

/// A bit of [`gate_bits`] beside the classes (which fill the low 32 bits):
/// a capitalised word, not hyphenated, whose first two letters are those of
/// a place prefix (`Nordhessen`, also `Norden`, `Unternehmen`).
pub(crate) const PLACE_PREFIX: u64 = 1 << 32;
/// A bit of [`gate_bits`]: a word all in capitals and not hyphenated
/// (`KCNA`, not `KCNA-Bericht`), as acronyms are.
pub(crate) const ACRONYM_SHAPE: u64 = 1 << 33;
/// A bit of [`gate_bits`]: the copyright sign that opens a credit.
pub(crate) const COPYRIGHT: u64 = 1 << 34;
/// A bit of [`gate_bits`]: a word that [`Context::is_name_token`] takes
/// for some kind (a listed name, or a capitalised word that is no common
/// word). Most capitalised words of German text are nouns: rules that read
/// a name from the token they stand on skip them all at once.
pub(crate) const NAME_WORD: u64 = 1 << 35;
/// A bit of [`gate_bits`]: a capitalised family name of the lists that is
/// no [`NAME_WORD`] (`Bauer`, also a noun).
pub(crate) const LISTED_SURNAME: u64 = 1 << 36;
/// A bit of [`gate_bits`]: a comma (appositions are read from the commas).
const COMMA: u64 = 1 << 37;
/// A bit of [`gate_bits`]: a token after a place preposition or a
/// lower-case adjective of places (`in`, `aargauischen`), which make an
/// unknown word a place.
pub(crate) const AFTER_PLACE_WORD: u64 = 1 << 38;
/// How many gate bits there are.
const GATE_BITS: usize = 39;

/// What the gates of the rules ask of a token, once per sentence: the short
/// lists that hold it (whole or by its last part), [`PLACE_PREFIX`],
/// [`ACRONYM_SHAPE`], [`COPYRIGHT`], [`NAME_WORD`], [`LISTED_SURNAME`],
/// [`COMMA`] and [`AFTER_PLACE_WORD`], indexed by bit in `gates`.
/// Only the bits of `used` (those some rule's gate asks, and [`COMMA`]) are
/// indexed: the lists no gate names (function words, months, …) hold most
/// words of a text, and indexing their bits cost a loop per word.
fn gate_bits(cx: &Context<'_>, gates: &mut GateIndex, used: u64) {
    gates.reset(cx.sentence.end_token.saturating_sub(cx.sentence.first_token));
    let mut previous_classes = 0;
    for (i, t) in cx.sentence.token_range().enumerate() {
        let (whole, last) = cx.classes(t);
        let after_place_word = previous_classes & (class::PLACE_PREPOSITION | class::PLACE_ADJECTIVE) != 0;
        previous_classes = whole | last;
        let shape = cx.tokens.get(t).map(|tok| tok.shape);
        let upper_word = cx.is_upper_word(t);
        let place_prefix = cx.may_name_part_of_place(t);
        // A listed name is a name token of its own kind, any other word of every kind or none.
        let name_word = upper_word && (cx.gazetteer_hit(t).is_some() || cx.is_name_token(t, EntityKind::Person));
        let listed_surname = !name_word && shape == Some(Shape::Capitalised) && cx.is_listed_surname(t);
        let acronym_shape = shape == Some(Shape::AllCaps) && cx.tokens.get(t).is_some_and(|tok| !tok.hyphenated);
        let (comma, copyright) = cx.tokens.get(t).map_or((false, false), |tok| sign_of(cx.text, tok.span));
        let bits = u64::from(whole | last)
            | if place_prefix { PLACE_PREFIX } else { 0 }
            | if acronym_shape { ACRONYM_SHAPE } else { 0 }
            | if copyright { COPYRIGHT } else { 0 }
            | if name_word { NAME_WORD } else { 0 }
            | if listed_surname { LISTED_SURNAME } else { 0 }
            | if comma { COMMA } else { 0 }
            | if after_place_word { AFTER_PLACE_WORD } else { 0 };
        gates.insert(i, bits & used);
    }
}

/// Whether the token at `span` is a comma, and whether it is the copyright
/// sign: its length and first two bytes compared at once, with no branch on
/// the length of the token (a branch most tokens mispredicted).
fn sign_of(text: &str, span: Span) -> (bool, bool) {
    let bytes = text.as_bytes();
    let first = bytes.get(span.start).copied().unwrap_or(0);
    let second = bytes.get(span.start + 1).copied().unwrap_or(0);
    let len = span.len();
    ((len == 1) & (first == b','), (len == 2) & (first == 0xC2) & (second == 0xA9))
}

/// For each gate bit, the set of the sentence's tokens that have
/// it, as a bitmap: a rule visits only the tokens its gate lets through,
/// not every token of the sentence, and most gates let few through.
#[derive(Default)]
pub(crate) struct GateIndex {
    /// Bit `b`'s bitmap is `rows[b * words..(b + 1) * words]`, token `i` at bit `i % 64` of word `i / 64`.
    rows: Vec<u64>,
    words: usize,
    tokens: usize,
    /// The bits of all tokens together: a rule whose gate no token passes skips the sentence.
    all: u64,
}

impl GateIndex {
    fn reset(&mut self, tokens: usize) {
        self.tokens = tokens;
        self.words = tokens.div_ceil(64);
        self.all = 0;
        self.rows.clear();
        self.rows.resize(GATE_BITS * self.words, 0);
    }

    fn insert(&mut self, token: usize, mut bits: u64) {
        self.all |= bits;
        while bits != 0 {
            let bit = bits.trailing_zeros() as usize;
            if let Some(word) = self.rows.get_mut(bit * self.words + token / 64) {
                *word |= 1 << (token % 64);
            }
            bits &= bits - 1;
        }
    }

    /// Word `w` of the bitmap of the tokens with a bit of `mask`, or of every token for `None`.
    fn word(&self, mask: Option<u64>, w: usize) -> u64 {
        let Some(mut mask) = mask else {
            let left = self.tokens.saturating_sub(w * 64);
            return if left >= 64 { u64::MAX } else { (1u64 << left) - 1 };
        };
        let mut word = 0;
        while mask != 0 {
            let bit = mask.trailing_zeros() as usize;
            word |= self.rows.get(bit * self.words + w).copied().unwrap_or(0);
            mask &= mask - 1;
        }
        word
    }

    /// Whether some token has a bit of `mask`.
    fn any(&self, mask: u64) -> bool {
        self.all & mask != 0
    }
}

/// The tokens a gate lets through, in order (see [`Context::gated_tokens`]).
pub(crate) struct GatedTokens<'c> {
    gates: &'c GateIndex,
    mask: Option<u64>,
    first: usize,
    /// The index of the bitmap word in `current`.
    w: usize,
    /// The tokens of word `w` not yet visited.
    current: u64,
}

impl Iterator for GatedTokens<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        while self.current == 0 {
            self.w += 1;
            if self.w >= self.gates.words {
                return None;
            }
            self.current = self.gates.word(self.mask, self.w);
        }
        let bit = self.current.trailing_zeros() as usize;
        self.current &= self.current - 1;
        Some(self.first + self.w * 64 + bit)
    }
}

/// Bits of [`Context::exact`]: the long lists, asked in the word's own spelling.
mod exact {
    pub const FIRST_NAME: u32 = 1;
    pub const SURNAME: u32 = 1 << 1;
    pub const COMMON_NOUN: u32 = 1 << 2;
    /// The last part of a hyphenated word is a German noun (`Kreml-Sprecher`).
    pub const COMMON_NOUN_LAST: u32 = 1 << 3;
    pub const ACRONYM_STOP: u32 = 1 << 4;
    /// An abbreviation whose full stop is missing (`Mio`, `Dr`).
    pub const ABBREVIATION: u32 = 1 << 5;
    /// English common words, asked in folded form, whole and of the last part.
    pub const ENGLISH_WORD: u32 = 1 << 6;
    pub const ENGLISH_WORD_LAST: u32 = 1 << 7;
    /// The first word of a company's legal form (`GmbH`, `Co` of `GmbH & Co. KG`).
    pub const LEGAL_FORM_START: u32 = 1 << 8;

    use crate::wordtable::list;

    /// What one look-up of a word as spelled, which found it in the long
    /// `lists`, answers: (which bits are known, which hold). Three lists,
    /// and the last part's noun list when the word has one part only.
    pub fn of_spelled_word(lists: u8, hyphenated: bool) -> (u32, u32) {
        let holds = |list: u8, bit: u32| if lists & list != 0 { bit } else { 0 };
        let noun_last = if hyphenated { 0 } else { COMMON_NOUN_LAST };
        let known = FIRST_NAME | SURNAME | COMMON_NOUN | noun_last;
        let values = holds(list::FIRST_NAME, FIRST_NAME)
            | holds(list::SURNAME, SURNAME)
            | holds(list::GERMAN_NOUN, COMMON_NOUN | noun_last);
        (known, values)
    }
}

// The cache of [`Context::exact`] keeps answers in the low half of a `u32`, known bits in the high half.
const _: () = assert!(exact::LEGAL_FORM_START < 1 << 16);

/// The signs after which a clause may begin, as before its first word
/// (see [`Context::opens_verb_second_clause`]); none is a word.
const CLAUSE_OPENING_SIGNS: &[&str] = &[":", "\"", "„", "“", "”", "«", "»", "(", "–", "-"];

/// Feature bits of [`Context::features`]: each feature has a "known" bit and a value bit.
const COMMON: u32 = 0b11;
const LOOKS_COMMON: u32 = 0b11 << 2;

const FIRST_NAME: u32 = 0b11 << 4;

/// The features of a capitalised German word (one token of one part) that
/// depend on the word alone, not on where it stands: the cache of words
/// keeps them (see [`Units::teach`]). `is_common` reads the sentence's
/// case and position only for words in capitals and in English;
/// `looks_common` reads the lists and the word; `is_first_name` the lists
/// of given names and the gazetteer's names of people.
pub(crate) const WORD_ALONE_FEATURES: u32 = COMMON | LOOKS_COMMON | FIRST_NAME;

// The cache of words keeps them in a byte with a bit of its own (the highest).
const _: () = assert!(WORD_ALONE_FEATURES < 0x80);
const NAME_TOKEN: u32 = 0b11 << 6;
const NAME_TOKEN_INSIDE: u32 = 0b11 << 8;
const PLACE_SUFFIX: u32 = 0b11 << 10;

impl<'a> Context<'a> {
    /// The feature `bits` of token `t`, computed by `compute` the first time.
    fn cached(&self, t: usize, bits: u32, compute: impl FnOnce() -> bool) -> bool {
        let known = bits & (bits >> 1);
        let value = bits & !known;
        let Some(cell) = t.checked_sub(self.sentence.first_token).and_then(|i| self.features.get(i)) else {
            return compute();
        };
        let flags = cell.get();
        if flags & known != 0 {
            return flags & value != 0;
        }
        let result = compute();
        cell.set(flags | known | if result { value } else { 0 });
        result
    }

    /// The short lists that hold token `t` as a whole word and by its last part.
    fn classes(&self, t: usize) -> (u32, u32) {
        self.classes.get(t).copied().unwrap_or_default()
    }

    /// The tokens of the sentence whose [`gate_bits`] share a bit with the
    /// gate `mask`, or every token for `None`.
    pub(crate) fn gated_tokens(&self, mask: Option<u64>) -> GatedTokens<'_> {
        let gates = &self.gates;
        let skip_all = mask.is_some_and(|mask| !gates.any(mask)) || gates.words == 0;
        GatedTokens {
            gates,
            mask,
            first: self.sentence.first_token,
            w: if skip_all { gates.words } else { 0 },
            current: if skip_all { 0 } else { gates.word(mask, 0) },
        }
    }

    /// The sentence's commas, in order.
    pub(crate) fn commas(&self) -> GatedTokens<'_> {
        self.gated_tokens(Some(COMMA))
    }

    /// The word itself is in one of the lists `class`.
    fn in_class(&self, t: usize, class: u32) -> bool {
        self.in_sentence(t) && self.classes(t).0 & class != 0
    }

    /// The word or the last part of its compound is in one of the lists `class` (`Kreml-Sprecher`).
    fn in_class_or_last_part(&self, t: usize, class: u32) -> bool {
        self.in_sentence(t) && {
            let (whole, last) = self.classes(t);
            (whole | last) & class != 0
        }
    }

    /// Which of the long lists `bits` (bits of [`exact`]) hold token `t`.
    /// Each list is asked the first time some rule wants it: most words need
    /// only one or two of the half-dozen look-ups.
    fn exact(&self, t: usize, bits: u32) -> u32 {
        let Some(cell) = t.checked_sub(self.sentence.first_token).and_then(|i| self.exact.get(i)) else {
            return self.compute_exact(t, bits).1 & bits;
        };
        // Low half: the answers; high half: which answers are known.
        let cached = cell.get();
        let missing = bits & !(cached >> 16);
        if missing == 0 {
            return cached & bits;
        }
        let (known, values) = self.compute_exact(t, missing);
        let cached = cached | known << 16 | values;
        cell.set(cached);
        cached & bits
    }

    /// The answers for at least the lists `wanted`: (which are known, which hold the word).
    fn compute_exact(&self, t: usize, wanted: u32) -> (u32, u32) {
        use exact::*;
        let lex = self.lexicon;
        let word = self.word(t);
        let hyphenated = self.tokens.get(t).is_some_and(|tok| tok.hyphenated);
        let (mut known, mut values) = (0, 0);
        let spelled = FIRST_NAME | SURNAME | COMMON_NOUN;
        if wanted & spelled != 0 || (!hyphenated && wanted & COMMON_NOUN_LAST != 0) {
            let (spelled_known, spelled_values) = exact::of_spelled_word(lex.lists(word), hyphenated);
            known |= spelled_known;
            values |= spelled_values;
        }
        let mut answer = |bit: u32, holds: bool| {
            known |= bit;
            if holds {
                values |= bit;
            }
        };
        if hyphenated && wanted & COMMON_NOUN_LAST != 0 {
            let r = self.unit_range(t);
            let last_part = r.end.checked_sub(1).map_or("", |u| self.units.units[u].span().slice(self.text));
            answer(COMMON_NOUN_LAST, lex.lists(last_part) & list::GERMAN_NOUN != 0);
        }
        // English words are listed in lower case.
        if wanted & ENGLISH_WORD != 0 || (!hyphenated && wanted & ENGLISH_WORD_LAST != 0) {
            let english = lex.lists(self.folded_whole(t)) & list::ENGLISH_WORD != 0;
            answer(ENGLISH_WORD, english);
            if !hyphenated {
                answer(ENGLISH_WORD_LAST, english);
            }
        }
        if hyphenated && wanted & ENGLISH_WORD_LAST != 0 {
            answer(ENGLISH_WORD_LAST, lex.lists(self.folded_last_part(t)) & list::ENGLISH_WORD != 0);
        }
        if wanted & ACRONYM_STOP != 0 {
            answer(ACRONYM_STOP, lex.acronym_stoplist.contains(word));
        }
        if wanted & ABBREVIATION != 0 {
            answer(ABBREVIATION, crate::lexicon::SPLITTER.stems.contains(word));
        }
        if wanted & LEGAL_FORM_START != 0 {
            answer(LEGAL_FORM_START, lex.legal_form_starts.contains(word));
        }
        (known, values)
    }

    fn has_exact(&self, t: usize, bit: u32) -> bool {
        t < self.tokens.len() && self.exact(t, bit) != 0
    }

    pub fn is_title(&self, t: usize) -> bool {
        self.in_class_or_last_part(t, class::PERSON_TITLE)
    }

    pub fn is_reporting_verb(&self, t: usize) -> bool {
        self.in_class_or_last_part(t, class::REPORTING_VERB)
    }

    pub fn is_organisation_head(&self, t: usize) -> bool {
        self.in_class_or_last_part(t, class::ORGANISATION_HEAD)
    }

    pub fn is_organisation_cue(&self, t: usize) -> bool {
        self.in_class_or_last_part(t, class::ORGANISATION_CUE)
    }

    pub fn is_place_preposition(&self, t: usize) -> bool {
        self.in_class_or_last_part(t, class::PLACE_PREPOSITION)
    }

    /// The word after place preposition `t` that links it to the place (`von` in
    /// `südlich von Modrava`), if the preposition takes one there.
    pub fn is_place_preposition_link(&self, preposition: usize, link: usize) -> bool {
        self.in_class(preposition, class::LINKED_PLACE_PREPOSITION)
            && self.in_class(link, class::PLACE_PREPOSITION_LINK)
    }

    /// An adjective of origin or position (`englischen`, `benachbarten`), in lower case as German writes adjectives.
    pub fn is_place_adjective(&self, t: usize) -> bool {
        self.is_lower_word(t) && self.in_class(t, class::PLACE_ADJECTIVE)
    }

    pub fn is_determiner(&self, t: usize) -> bool {
        self.in_class_or_last_part(t, class::DETERMINER)
    }

    /// A word of the function-word list (`der`, `und`, `the`), not a name whatever its capitals.
    pub fn is_function_word(&self, t: usize) -> bool {
        self.in_class(t, class::FUNCTION_WORD)
    }

    pub fn is_month(&self, t: usize) -> bool {
        self.in_class(t, class::MONTH)
    }

    pub fn is_name_particle(&self, t: usize) -> bool {
        self.in_class(t, class::NAME_PARTICLE)
    }

    /// A particle as names write it inside, in lower case (`van`, `de`, `al`).
    fn is_lower_particle(&self, t: usize) -> bool {
        self.is_lower_word(t) && self.is_name_particle(t)
    }

    /// An East Asian family name that comes first (`Kim`, `Park`).
    pub fn is_surname_first(&self, t: usize) -> bool {
        self.in_class(t, class::SURNAME_FIRST)
    }

    /// A place ending (`-hausen`, `-tal`, `-straße`) after a name, not after a
    /// German noun (`Glasberg`, `Notenkopf` are compounds of nouns); street
    /// endings after anything (`Schulstraße`); the endings of settlements and
    /// castles after a noun too, where the noun list does not hold the
    /// compound (`Hofburg`, `Steinbach`) and it is no listed person's name (`Greenberg`).
    pub fn has_place_suffix(&self, t: usize) -> bool {
        // The place rules ask it several times of a word, and it may try the word's compound tails.
        self.in_class(t, class::PLACE_SUFFIX) && self.cached(t, PLACE_SUFFIX, || self.compute_has_place_suffix(t))
    }

    fn compute_has_place_suffix(&self, t: usize) -> bool {
        let (word, folded) = (self.word(t), self.folded_whole(t));
        let Some((suffix, stem_kind)) = self
            .lexicon
            .place_suffixes
            .iter()
            .filter(|(suffix, _)| folded.len() > suffix.len() && folded.ends_with(suffix.as_str()))
            .max_by_key(|(suffix, _)| suffix.len())
        else {
            return false;
        };
        // Folding keeps the length of German words (`ß` → `ss`): the stem is the word's own beginning.
        let stem = (folded.len() == word.len()).then(|| word.get(..word.len() - suffix.len())).flatten();
        match stem_kind {
            PlaceStem::Any => return true,
            PlaceStem::UnlistedCompound
                if !self.is_listed_noun(t) && !self.is_listed_person_word(t) && !self.after_common_determiner(t) =>
            {
                return true
            }
            _ => {}
        }
        // A noun longer than the ending makes the word a compound noun that
        // happens to end like a place (`Netz|ausbau`, `Himmels|schau`).
        let longer_noun = || self.noun_tail(word).is_some_and(|i| word.len() - i > suffix.len());
        stem.is_none_or(|stem| !self.is_noun_stem(stem)) && !longer_noun()
    }

    /// A two-letter prefix before a German noun (`Ab|singen`, `Um|bauten`):
    /// the verbal prefixes too short for [`noun_tail`](Self::noun_tail) to read as a compound's head.
    pub fn is_prefixed_noun(&self, t: usize) -> bool {
        let word = self.word(t);
        let Some((split, _)) = word.char_indices().nth(2) else { return false };
        let rest = &word[split..];
        rest.chars().count() > SHORT_NOUN_TAIL && self.lexicon.is_noun_capitalised(rest)
    }

    /// A German noun, perhaps with a linking `-s`, `-es`, `-n`, `-en` (`Universitäts`, `Katzen`).
    fn is_noun_stem(&self, stem: &str) -> bool {
        let candidates = [
            Some(stem),
            stem.strip_suffix('s'),
            stem.strip_suffix("es"),
            stem.strip_suffix('n'),
            stem.strip_suffix("en"),
        ];
        candidates.into_iter().flatten().any(|s| s.chars().count() >= 3 && self.lexicon.is_noun(s))
    }

    /// The head of an institution named with a preposition (`Bundesamt`, and
    /// in the genitive `Bundesamtes`, `Instituts`: the vocabulary holds both).
    pub fn is_institution_head(&self, t: usize) -> bool {
        self.in_sentence(t) && self.tokens[t].shape.is_upper_initial() && self.in_class(t, class::INSTITUTION_HEAD)
    }

    /// A numbered place's head that counts only after an article (`A` of `die A 7`).
    pub fn numbered_place_needs_article(&self, t: usize) -> bool {
        self.in_class(t, class::NUMBERED_PLACE_AFTER_ARTICLE)
    }

    /// A preposition inside an institution's name (`für`, `for`).
    pub fn is_name_preposition(&self, t: usize) -> bool {
        self.is_lower_word(t) && self.in_class(t, class::NAME_PREPOSITION)
    }

    /// A noun naming a site after its modifier (`Straße` in `Gubener Straße`).
    pub fn is_place_head(&self, t: usize) -> bool {
        self.in_class(t, class::PLACE_HEAD)
    }

    /// A place cue before a name (`Stadt`, `Provinz`, `Kosmodrom`): `Some(true)`
    /// when the cue belongs to the name. Compounds count by their last part.
    pub fn place_cue(&self, t: usize) -> Option<bool> {
        if !self.in_sentence(t) {
            return None;
        }
        let last = self.classes(t).1;
        (last & class::PLACE_CUE != 0).then_some(last & class::PLACE_CUE_IN_NAME != 0)
    }

    /// The first word of some source cue (`laut`, `according`).
    pub fn may_start_source_cue(&self, t: usize) -> bool {
        self.in_class(t, class::SOURCE_CUE_START)
    }

    /// A given name of the lists, spelled as the list spells it.
    pub fn is_listed_first_name(&self, t: usize) -> bool {
        self.has_exact(t, exact::FIRST_NAME)
    }

    /// A family name of the lists, spelled as the list spells it.
    pub fn is_listed_surname(&self, t: usize) -> bool {
        self.has_exact(t, exact::SURNAME)
    }

    /// A given or family name of the lists.
    pub fn is_listed_person_word(&self, t: usize) -> bool {
        self.has_exact(t, exact::FIRST_NAME | exact::SURNAME)
    }

    /// A German noun of the lists, in its own spelling.
    pub fn is_listed_noun(&self, t: usize) -> bool {
        self.has_exact(t, exact::COMMON_NOUN)
    }

    /// A head noun of English, not German (`Council`, `Theatre`): German news
    /// keep an English name whole, and English puts every word of the name,
    /// nouns and people's names too, before its head (`Danish Refugee Council`,
    /// `Lee Strasberg Theatre`).
    pub fn is_english_head(&self, t: usize) -> bool {
        self.language == Language::De && self.has_exact(t, exact::ENGLISH_WORD) && !self.is_listed_noun(t)
    }

    /// A word of an English name before its head: a capitalised word but an
    /// article or preposition, and no German noun (`Unternehmen CGX Energy`)
    /// or German adjective of a place (`Schweizer SAM Group`), which only
    /// describe the name.
    pub fn is_english_name_word(&self, t: usize) -> bool {
        if !self.is_upper_word(t) || self.is_function_word(t) || self.is_title(t) {
            return false;
        }
        if self.has_exact(t, exact::ENGLISH_WORD) {
            return true;
        }
        let german_place_adjective = self.word(t).ends_with("er") && self.gazetteer_kind(t) != Some(EntityKind::Person);
        !self.is_listed_noun(t) && !german_place_adjective
    }

    /// `Nordhessen`, `Oberitaliens`, `Ostukraine`: a compass or position
    /// prefix before a country, continent, region or landscape of the lists
    /// (perhaps in the genitive) names a part of that place, even where the
    /// noun list holds it (`Ostukraine`). Not a compound whose rest is a noun
    /// that only a generated list also names as a town (`Unter|grund`), and
    /// before a town only a compound that is no noun (`Mittel|füßen`).
    pub fn names_part_of_place(&self, t: usize) -> bool {
        if !self.may_name_part_of_place(t) || self.gazetteer_kind(t).is_some() {
            return false;
        }
        let folded = self.folded_whole(t);
        // (The first byte before the rest: a comparison of the whole prefix is a call.)
        let prefixes = self
            .lexicon
            .place_prefixes
            .iter()
            .filter(|p| p.as_bytes().first() == folded.as_bytes().first() && folded.starts_with(p.as_str()));
        let mut rests = prefixes.filter_map(|p| folded.get(p.len()..)).filter(|rest| rest.chars().count() >= 4);
        let names_place = |rest: &str| {
            let Some(entry) = self.layers.lookup(rest) else { return false };
            let larger_than_a_town = matches!(&*entry.subtype, "country" | "continent" | "region" | "site");
            entry.kind == EntityKind::Place
                && !entry.ambiguous
                && (entry.kb_id.is_some() || !self.lexicon.is_noun_capitalised(rest))
                && (larger_than_a_town || (&*entry.subtype == "city" && !self.is_listed_noun(t)))
        };
        rests.any(|rest| names_place(rest) || rest.strip_suffix('s').is_some_and(names_place))
    }

    /// The necessary condition of [`names_part_of_place`](Self::names_part_of_place)
    /// read from the word alone: a capitalised word, not hyphenated, that
    /// begins as some place prefix does.
    fn may_name_part_of_place(&self, t: usize) -> bool {
        self.tokens.get(t).is_some_and(|token| token.shape == Shape::Capitalised && !token.hyphenated)
            && self.lexicon.place_prefix_openings.may_open(self.folded_whole(t))
    }

    /// An abbreviation, written without its full stop (`Dr`, `St`).
    pub fn is_abbreviation(&self, t: usize) -> bool {
        self.in_sentence(t) && self.has_exact(t, exact::ABBREVIATION)
    }

    /// A capital abbreviation that names no organisation (`CD`, `DNA`).
    pub fn is_everyday_acronym(&self, t: usize) -> bool {
        self.is_roman_numeral(t) || self.has_exact(t, exact::ACRONYM_STOP)
    }

    /// A roman number in capitals (`II`, `IV`, `XIV`): volumes, classes, rulers.
    fn is_roman_numeral(&self, t: usize) -> bool {
        self.in_sentence(t)
            && self.tokens[t].shape == Shape::AllCaps
            && self.word(t).len() <= 5
            && self.word(t).chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
    }

    /// A given name from the lists, or the first word of a listed person's name.
    pub fn is_first_name(&self, t: usize) -> bool {
        self.cached(t, FIRST_NAME, || self.is_listed_first_name(t) || self.first_names_from_gazetteer(t))
    }

    /// Whether the word has fewer than three chars; most have more bytes
    /// than two chars can fill, and are not counted.
    pub fn is_shorter_than_three_chars(&self, t: usize) -> bool {
        let word = self.word(t);
        word.len() < 9 && word.chars().count() < 3
    }

    pub fn word(&self, t: usize) -> &'a str {
        self.tokens.get(t).map_or("", |tok| tok.text(self.text))
    }

    fn unit_range(&self, t: usize) -> std::ops::Range<usize> {
        self.units.of_tokens(t, t + 1)
    }

    pub fn folded_whole(&self, t: usize) -> &str {
        self.units.folded_token(t)
    }

    pub fn folded_last_part(&self, t: usize) -> &str {
        self.units.folded_last_part(t)
    }

    fn in_sentence(&self, t: usize) -> bool {
        // `&`, not `&&`: two comparisons are cheaper than a branch between them.
        (t >= self.sentence.first_token) & (t < self.sentence.end_token)
    }

    /// Whether some list names the token, whether or not the name was kept.
    pub fn is_listed(&self, t: usize) -> bool {
        t.checked_sub(self.sentence.first_token).and_then(|i| self.listed.get(i)).copied().unwrap_or(false)
    }

    pub fn title_case(&self) -> bool {
        self.title_case
    }

    pub fn is_text(&self, t: usize, s: &str) -> bool {
        // The length first: it rules out most tokens without slicing the text.
        self.in_sentence(t) && self.tokens.get(t).is_some_and(|tok| tok.span.len() == s.len()) && self.word(t) == s
    }

    pub fn is_any_text(&self, t: usize, options: &[&str]) -> bool {
        self.in_sentence(t) && {
            let length = self.tokens.get(t).map_or(0, |tok| tok.span.len());
            options.iter().any(|o| o.len() == length) && options.contains(&self.word(t))
        }
    }

    pub fn is_lower_word(&self, t: usize) -> bool {
        // One branch, on the token being there at all; the tests themselves
        // are joined by `&`: whether a word is capitalised is anyone's guess.
        self.tokens
            .get(t)
            .is_some_and(|token| self.in_sentence(t) & (token.kind == TokenKind::Word) & (token.shape == Shape::Lower))
    }

    pub fn is_upper_word(&self, t: usize) -> bool {
        self.tokens
            .get(t)
            .is_some_and(|token| self.in_sentence(t) & (token.kind == TokenKind::Word) & token.shape.is_upper_initial())
    }

    pub fn gazetteer_kind(&self, t: usize) -> Option<EntityKind> {
        self.gazetteer_hit(t).map(|h| h.kind)
    }

    fn gazetteer_hit(&self, t: usize) -> Option<TokenHit> {
        if !self.in_sentence(t) {
            return None;
        }
        self.gazetteer.get(t - self.sentence.first_token).copied().flatten()
    }

    pub fn line_break_before(&self, k: usize, first: usize) -> bool {
        k > first
            && k > 0
            && self.text.get(self.tokens[k - 1].span.end..self.tokens[k].span.start).is_some_and(|g| g.contains('\n'))
    }

    /// The cue's words (folded, space-separated) start at `t`; returns the token after them.
    pub fn matches_phrase(&self, t: usize, cue: &str) -> Option<usize> {
        let mut k = t;
        for word in cue.split(' ') {
            if !self.in_sentence(k) || self.folded_whole(k) != word {
                return None;
            }
            k += 1;
        }
        Some(k)
    }

    pub fn first_names_from_gazetteer(&self, t: usize) -> bool {
        self.layers.is_person_first_word(self.folded_whole(t))
    }

    /// A word that is not a name whatever its capitals.
    pub(crate) fn is_common(&self, t: usize) -> bool {
        self.cached(t, COMMON, || self.compute_is_common(t))
    }

    fn compute_is_common(&self, t: usize) -> bool {
        let token = self.tokens[t];
        if self.in_class(t, class::FUNCTION_WORD | class::MONTH) {
            return true;
        }
        // A word in capitals is common by the lists only in a headline.
        let common_word = (token.shape != Shape::AllCaps || self.title_case)
            && match self.language {
                Language::De => self.has_exact(t, exact::COMMON_NOUN | exact::COMMON_NOUN_LAST),
                Language::En => {
                    let sentence_initial = t == self.sentence.first_token
                        || (t > self.sentence.first_token
                            && self.tokens[t - 1].kind == TokenKind::Punctuation
                            && matches!(self.word(t - 1), "\"" | "“" | "‘" | "'" | "(" | ":"));
                    (sentence_initial || self.title_case) && self.has_exact(t, exact::ENGLISH_WORD)
                }
            };
        // `Mio`, `Mrd`, `Dr`: abbreviations, with or without their full stop, in any
        // case. Asked last: most capitalised words are nouns the first look-up (which
        // the name questions have made already) finds.
        common_word || self.has_exact(t, exact::ABBREVIATION)
    }

    /// A common word, or a German compound whose last part is a common noun
    /// (`Kapazitätsgründen`). Too strict for names found by strong rules
    /// (`Hofmann` ends in `Mann`); weak rules read it.
    pub(crate) fn looks_common(&self, t: usize) -> bool {
        self.cached(t, LOOKS_COMMON, || self.compute_looks_common(t))
    }

    fn compute_looks_common(&self, t: usize) -> bool {
        if self.is_common(t) {
            return true;
        }
        if self.language != Language::De || self.tokens[t].shape != Shape::Capitalised {
            return false;
        }
        let word = self.word(t);
        // (Abbreviations were caught by `is_common`.) English words in German
        // text (`Special`, `Remix`) are no names either.
        if self.classes(t).1 & class::NOUN_SUFFIX != 0 || self.has_exact(t, exact::ENGLISH_WORD_LAST) {
            return true;
        }
        self.noun_tail(word).is_some()
    }

    /// Where the longest common-noun tail of a German compound begins
    /// (`Kapazitäts|gründen`), as a byte index into `word`. Tails have 4 to 24
    /// letters after a head of at least 3: nouns are no longer, and a fixed
    /// bound keeps a word of any length linear.
    fn noun_tail(&self, word: &str) -> Option<usize> {
        // (No list of the char positions: this runs for most capitalised
        // words, most of them too short to try.)
        let length = word.chars().count();
        let first_tail = length.saturating_sub(MAX_NOUN_CHARS).max(3);
        let tails = length.saturating_sub(3).saturating_sub(first_tail);
        for (n, (i, _)) in word.char_indices().enumerate().skip(first_tail).take(tails) {
            let rest = &word[i..];
            // A short tail is a noun inside many a name (`Rütt|gers`): it makes
            // a compound only after a noun or a linking `-s`, `-n` (`Sonnen|kult`).
            let short = length - n <= SHORT_NOUN_TAIL;
            let head = &word[..i];
            let compound_head = || head.ends_with(['s', 'n']) || self.is_noun_stem(head);
            if self.lexicon.is_noun_capitalised(rest) && (!short || compound_head()) {
                return Some(i);
            }
        }
        None
    }

    /// A token that can be part of a name of `kind`.
    pub fn is_name_token(&self, t: usize, kind: EntityKind) -> bool {
        self.name_token(t, kind, false)
    }

    /// `inside`: the token continues a name already begun.
    fn name_token(&self, t: usize, kind: EntityKind, inside: bool) -> bool {
        // Only the person question is asked often enough to cache.
        if kind == EntityKind::Person {
            let bits = if inside { NAME_TOKEN_INSIDE } else { NAME_TOKEN };
            return self.cached(t, bits, || self.compute_name_token(t, kind, inside));
        }
        self.compute_name_token(t, kind, inside)
    }

    fn compute_name_token(&self, t: usize, kind: EntityKind, inside: bool) -> bool {
        if !self.in_sentence(t) {
            return false;
        }
        let token = self.tokens[t];
        if token.kind != TokenKind::Word || !token.shape.is_upper_initial() {
            return false;
        }
        if let Some(hit) = self.gazetteer_hit(t) {
            let person_word = inside || self.is_listed_person_word(t);
            return hit.kind == kind || (kind == EntityKind::Person && hit.yields_to_person && person_word);
        }
        // `und Anders Ahlgren`: a given name that is also a function word, capitalised
        // inside a sentence before another name word, is the given name.
        let given_name_not_word = || {
            kind == EntityKind::Person
                && !inside
                && self.capital_marks_a_name(t)
                && self.is_listed_first_name(t)
                && self.is_upper_word(t + 1)
                && !self.looks_common(t + 1)
        };
        if self.is_function_word(t) && !given_name_not_word() {
            return false;
        }
        // A given name that is also a word (`Mark`, `Sommer`) still opens a name before another capitalised word.
        // So does one before a family name that is also a noun (`Lars Müller`).
        // A month before a whole name is the date (`seit Mai Peter Müller`); before a family name it may be a given name (`April Ryan`).
        let opens_name = !inside
            && self.is_listed_first_name(t)
            && self.is_upper_word(t + 1)
            && (!self.looks_common(t + 1) || self.has_exact(t + 1, exact::SURNAME))
            && !(self.is_month(t) && self.is_listed_first_name(t + 1) && self.is_upper_word(t + 2));
        !self.is_title(t) && !self.is_reporting_verb(t) && (opens_name || !self.is_common(t))
    }

    /// A German clause that opens with a single capitalised word and goes on
    /// with a lower-case word that is no function word: the verb of a main
    /// clause stands second (`Pinkwart plädierte …`), so the first word is its
    /// subject, and a subject without an article is mostly a name. Adverbs
    /// and adjectives stand there too (`Regelmäßig fanden …`): not a word
    /// with their endings.
    pub fn opens_verb_second_clause(&self, t: usize) -> bool {
        // (Mostly a word stands before: its kind rules the signs out without reading it.)
        self.language == Language::De
            && (t == self.sentence.first_token
                || (self.tokens[t - 1].kind != TokenKind::Word
                    && self.is_any_text(t - 1, CLAUSE_OPENING_SIGNS)))
            && self.is_lower_word(t + 1)
            && (!self.is_function_word(t + 1) || self.in_class(t + 1, class::SUBJECT_VERB))
            && !self.in_class(t, class::MODIFIER_ENDING)
            // `Expander existieren …`: a verb in `-en` is plural, and its subject no one person.
            && !self.word(t + 1).ends_with("en")
            // `(Choloepus didactylus)`: two words in brackets are a name of a species, no clause.
            && !(t > self.sentence.first_token && self.is_text(t - 1, "(") && self.is_text(t + 2, ")"))
    }

    /// `Lido di Pomposa`, `Pont del Diable`: `t` follows lower-case particles
    /// after a capitalised word, so it ends a longer name that opens with that
    /// word, and alone is none. Particles that are all German words
    /// (`Kommando von Brians Sohn`, `zu Robinho`) say nothing of the kind.
    pub fn ends_name_after_particles(&self, t: usize) -> bool {
        let mut k = t;
        let mut foreign = false;
        while k > self.sentence.first_token && t - k < MAX_PARTICLES && self.tokens[k - 1].shape == Shape::Lower {
            if !self.is_name_particle(k - 1) {
                return false;
            }
            foreign |= !self.is_function_word(k - 1);
            k -= 1;
        }
        foreign && k > self.sentence.first_token && self.is_upper_word(k - 1) && !self.is_title(k - 1)
    }

    /// `3 Mio`, `121,5 MHz`: right after an amount comes its unit, not a
    /// name; a year may stand before a name (`1801 Robert Livingston`).
    pub fn after_amount(&self, t: usize) -> bool {
        t > self.sentence.first_token
            && self.tokens[t - 1].kind == TokenKind::Number
            && self.ascii_digits(t - 1) != Some(4)
    }

    /// How many digits the number `t` has, if it is ASCII digits alone (`1860`; not `1,5`).
    fn ascii_digits(&self, t: usize) -> Option<usize> {
        let number = self.word(t);
        let digits = self.tokens.get(t).is_some_and(|tok| tok.kind == TokenKind::Number)
            && number.bytes().all(|b| b.is_ascii_digit());
        digits.then_some(number.len())
    }

    /// `nach Buurmanns Ausscheiden`, `Melanies Eltern`: a word in `-s` before
    /// a noun, with no article, is a genitive standing for an article, which
    /// German writes so mostly of people.
    pub fn genitive_before_noun(&self, t: usize) -> bool {
        if self.language != Language::De || self.tokens[t].shape != Shape::Capitalised || self.tokens[t].hyphenated {
            return false;
        }
        let word = self.word(t);
        // `-ss` ends nouns (`Fluss`), not genitives of names.
        let genitive = word.ends_with('s') && !word.ends_with("ss");
        genitive
            && word.chars().count() >= 4
            && self.is_upper_word(t + 1)
            && self.looks_common(t + 1)
            && !self.is_function_word(t + 1)
            && !self.after_article(t)
            && !self.in_class(t, class::MODIFIER_ENDING)
            && !self.is_declined_adjective(t)
            && !self.lexicon.is_noun(&word[..word.len() - 1])
    }

    /// A word of a name next to a verb of saying (`sagte Bauer.`, `erklärt van
    /// der Vaart,`): no common word, but a particle, or a family name even
    /// where it is a noun too, which the verb's place rules out.
    pub fn may_be_speaker_word(&self, t: usize) -> bool {
        !self.looks_common(t) || self.is_lower_particle(t) || (self.is_upper_word(t) && self.is_listed_surname(t))
    }

    /// `feinstkörniger Magnetit`, `fixiertes Mokeül`: a declined adjective
    /// with no article before it goes with a noun; a person takes an article
    /// there (`der junge Müller`). Only the endings no verb has: `-e` and
    /// `-en` end verbs too (`charakterisierte Critchlows Stil`).
    pub fn after_bare_adjective(&self, t: usize) -> bool {
        t > self.sentence.first_token
            && self.is_lower_word(t - 1)
            && !self.is_function_word(t - 1)
            && ["es", "er", "em"].iter().any(|ending| self.word(t - 1).ends_with(ending))
            && self.is_declined_adjective(t - 1)
            && !(t > self.sentence.first_token + 1 && self.is_determiner(t - 2))
    }

    /// `Gitarre und Sitar, Tabla und Schlagzeug`: a word listed with common
    /// nouns, by `und`, `oder` or a comma, is one of them. Nouns that name
    /// people (`Trainer und Müller`) say nothing of the kind, and a comma
    /// alone may end a clause (`stellt ihn zur Rede, Kitengé weicht aus`):
    /// it lists only inside a list that goes on.
    pub fn listed_with_common_nouns(&self, t: usize) -> bool {
        let coordinator = |k: usize| self.in_class(k, class::COORDINATOR);
        let joins = |k: usize| self.is_text(k, ",") || coordinator(k);
        // The joining words first: most words stand beside none, and the
        // nouns' questions (their compounds' tails) cost more.
        let listed_before = t >= self.sentence.first_token + 2
            && (coordinator(t - 1)
                || (self.is_text(t - 1, ",") && (t >= self.sentence.first_token + 3 && joins(t - 3) || joins(t + 1))))
            && self.is_thing_noun(t - 2);
        let listed_after = self.in_sentence(t + 2)
            && (coordinator(t + 1)
                || (self.is_text(t + 1, ",") && (joins(t + 3) || (t > self.sentence.first_token && joins(t - 1)))))
            && self.is_thing_noun(t + 2);
        listed_before || listed_after
    }

    /// `die Uranzonen Tranomaro`, `im Atomkraftwerk Krümmel`: a common noun
    /// right before a name says what it names, and only nouns of people,
    /// which the titles list, name a person so. A name in `-s` after a noun
    /// is its genitive (`nach Ansicht Müllers`).
    pub fn named_by_a_thing_noun(&self, t: usize) -> bool {
        t > self.sentence.first_token && !self.word(t).ends_with('s') && self.is_thing_noun(t - 1)
    }

    /// A capitalised common word that names no person (the titles list
    /// holds the nouns of people) and no listed name: `Sitar`, `Uranzonen`.
    fn is_thing_noun(&self, t: usize) -> bool {
        self.is_upper_word(t)
            && !self.is_function_word(t)
            && self.looks_common(t)
            && !self.is_title(t)
            && self.gazetteer_kind(t).is_none()
    }

    /// `t` begins a name: the token before it is no name token.
    pub fn starts_run(&self, t: usize, kind: EntityKind) -> bool {
        // A compound noun before it (`Wirtschaftslandesrat Michael Strugl`) is no part of the name.
        t == self.sentence.first_token || !self.is_name_token(t - 1, kind) || self.looks_common(t - 1)
    }

    /// `ein kleines Katzenheim`, `seinen Glasberg`: a determiner that only
    /// common nouns take, perhaps adjectives, then this word.
    pub fn after_common_determiner(&self, t: usize) -> bool {
        let mut k = t;
        while k > self.sentence.first_token && t - k < 4 {
            k -= 1;
            if self.is_determiner(k) {
                return self.in_class(k, class::COMMON_DETERMINER);
            }
            if !self.is_lower_word(k) {
                return false;
            }
        }
        false
    }

    /// `einem ersten Abtasten`: an article, perhaps adjectives, then this word.
    pub fn after_article(&self, t: usize) -> bool {
        let mut k = t;
        while k > self.sentence.first_token && t - k < 4 {
            k -= 1;
            if self.is_determiner(k) {
                return true;
            }
            // German adjectives stand between article and noun; English lower-case words may be verbs.
            if !self.is_lower_word(k) || self.language == Language::En {
                return false;
            }
        }
        false
    }

    /// Whether [`name_run`](Self::name_run) can find a name at `t`, asked
    /// of the token alone: a capitalised word, or for people a lower-case
    /// particle (`van der Bellen`). Rules ask it first to pass over most
    /// words without reading their context; it must stay a necessary
    /// condition of `name_run` (the test `may_open_name_before_every_name_run` checks).
    pub fn may_open_name(&self, t: usize, kind: EntityKind) -> bool {
        self.is_upper_word(t) || (kind == EntityKind::Person && self.is_lower_particle(t))
    }

    /// The end (exclusive) of the name starting at `start`: name tokens, with
    /// lower-case particles (`von`, `al`) inside.
    pub fn name_run(&self, start: usize, kind: EntityKind) -> Option<usize> {
        // `Herr van der Bellen`: a name may open with particles, though not
        // with those that are also German articles and prepositions
        // (`der`, `von`: `Präsident der Bundesärztekammer`).
        let mut first = start;
        while kind == EntityKind::Person
            && first < start + 3
            && self.tokens.get(first).is_some_and(|t| t.shape == Shape::Lower)
            && self.is_name_particle(first)
            && (first > start || !self.is_function_word(first))
        {
            first += 1;
        }
        if first > start && !self.is_name_token(first, kind) {
            return None;
        }
        if !self.is_name_token(start, kind) && first == start {
            return None;
        }
        let start = first;
        let mut end = start + 1;
        let limit = self.sentence.end_token.min(start + MAX_NAME_TOKENS);
        // Inside a name, a compound of common nouns (`Geschäftsabschlüsse`) ends it.
        let continues = |t: usize| {
            self.name_token(t, kind, true)
                && (self.gazetteer_hit(t).is_some() || !self.looks_common(t))
                && !self.line_break_before(t, start)
        };
        while end < limit {
            if continues(end) {
                end += 1;
            } else if let Some(after) = self.after_noble_title(end, kind) {
                end = after;
            } else if kind == EntityKind::Person
                && self.is_initial(end)
                && (continues(end + 2) || self.surname_after_initial(end + 2))
            {
                // `Robert R. Livingston`, `Clarence E. Case`.
                end += 3;
            } else if kind == EntityKind::Person
                && end <= start + 3
                && (start..end).all(|k| self.is_listed_first_name(k))
                && self.surname_after_first_name(start, end)
                // `Matthew Williams Liebeskummer`: after a word that is a family name too,
                // a compound noun ends the name; simple nouns are family names (`Wilhelm Krause`).
                && !(end > start + 1
                    && self.is_listed_surname(end - 1)
                    && self.noun_tail(self.word(end)).is_some())
            {
                // `Hans Eichel`, `Lars Müller`, `Franz Josef Jung`: right after
                // given names, a capitalised word is the surname, even when it
                // is also a noun. Only another given name (`Hans Peter`) may follow it.
                end += 1;
                if !self.is_listed_first_name(end - 1) {
                    break;
                }
            } else if let Some(surname) = self.surname_after_particles(end, kind, continues) {
                // `Rafael van der Vaart`, `Pepe de la Matrona`; after a particle that is no
                // German word comes the family name, even one that is also a noun (`bin Salman`).
                end = surname + 1;
            } else if kind == EntityKind::Person && self.is_particle_compound(end) {
                // `Ali al-Nuaimi`.
                end += 1;
            } else if kind == EntityKind::Person && self.is_roman_numeral(end) {
                // `Bernhard IV.`, `Elisabeth II.`: the number belongs to the name, and ends it.
                end += 1;
                break;
            } else if let Some(after) =
                self.particles_inside_place(end).filter(|&after| kind == EntityKind::Place && continues(after))
            {
                // `Lido di Spina`, `Gorge de la Langouette`: Romance particles join the words of a place's name.
                end = after + 1;
            } else if kind == EntityKind::Organisation && self.is_text(end, "&") && continues(end + 1) {
                // `Schelhammer & Schattera`, `Procter & Gamble`.
                end += 2;
            } else {
                break;
            }
        }
        // `Susanne R.`: a name that ends in an initial keeps its full stop.
        if kind == EntityKind::Person && end > start + 1 && self.is_initial(end - 1) {
            end += 1;
        }
        Some(end.min(self.sentence.end_token))
    }

    /// After the one or two lower-case particles at `t` that are no German
    /// words (`di`, `de la`, not `von`, `das`), the token that goes on with a place's name.
    pub fn particles_inside_place(&self, t: usize) -> Option<usize> {
        let particle = |k: usize| self.is_lower_particle(k) && !self.is_function_word(k);
        if !particle(t) {
            return None;
        }
        Some(if particle(t + 1) { t + 2 } else { t + 1 })
    }

    /// The family name after the lower-case particles at `t` inside a name
    /// (`van der`, `de la`, `el de los`): a name word, or after a first
    /// particle that is no German word any capitalised word (`bin Salman`).
    fn surname_after_particles(&self, t: usize, kind: EntityKind, continues: impl Fn(usize) -> bool) -> Option<usize> {
        if kind != EntityKind::Person {
            return None;
        }
        let mut surname = t;
        while surname < t + MAX_PARTICLES && self.is_lower_particle(surname) {
            surname += 1;
        }
        let found =
            surname > t && (continues(surname) || (!self.is_function_word(t) && self.surname_after_initial(surname)));
        found.then_some(surname)
    }

    /// The first half of a shortened compound, a hyphen right after it
    /// (`Schwer-` in `Schwer- und Leichtgewicht`).
    pub fn is_truncated(&self, t: usize) -> bool {
        self.is_text(t + 1, "-") && self.tokens.get(t + 1).is_some_and(|h| h.span.start == self.tokens[t].span.end)
    }

    /// After a given name, a title of nobility, its particles and the family
    /// name belong to the name (`Otto Graf Lambsdorff`, `Karl-Theodor Freiherr
    /// zu Guttenberg`): the end of that family name.
    fn after_noble_title(&self, t: usize, kind: EntityKind) -> Option<usize> {
        if kind != EntityKind::Person || !self.in_sentence(t) || !self.in_class(t, class::NOBLE_TITLE) {
            return None;
        }
        let mut k = t + 1;
        while k < t + 3 && self.is_lower_particle(k) {
            k += 1;
        }
        self.surname_after_initial(k).then_some(k + 1)
    }

    /// Two or four digits, as clubs write the year they were founded: `01`, `1860`.
    pub fn is_founding_year(&self, t: usize) -> bool {
        self.in_sentence(t) && matches!(self.ascii_digits(t), Some(2 | 4))
    }

    /// A one-digit rank and its full stop right before `t`: `1.` in `1. FC Nürnberg`.
    pub fn is_rank_before(&self, t: usize) -> bool {
        t >= self.sentence.first_token + 2 && self.ascii_digits(t - 2) == Some(1) && self.word(t - 1) == "."
    }

    /// A single capital and its full stop: `R.` in `Robert R. Livingston`.
    pub fn is_initial(&self, t: usize) -> bool {
        self.in_sentence(t + 1)
            && self.tokens[t].shape == Shape::Capitalised
            && self.word(t).chars().count() == 1
            && self.word(t + 1) == "."
    }

    /// A capital that only a name explains: a word inside a sentence, after a
    /// word, where German writes function words in lower case (`Elisabeth
    /// Will`, `und Anders Ahlgren`). Headlines capitalise every word.
    /// English words in German text keep their capitals (`Bedford Falls`):
    /// callers ask for a listed name too.
    fn capital_marks_a_name(&self, t: usize) -> bool {
        t > self.sentence.first_token
            && self.tokens[t - 1].kind == TokenKind::Word
            && self.tokens[t].shape == Shape::Capitalised
            && !self.title_case
    }

    fn surname_after_first_name(&self, start: usize, t: usize) -> bool {
        t > start
            && self.is_listed_first_name(t - 1)
            && self.tokens[t].kind == TokenKind::Word
            && self.tokens[t].shape == Shape::Capitalised
            && (!self.is_function_word(t) || (self.capital_marks_a_name(t) && self.is_listed_person_word(t)))
            && !self.is_title(t)
            && self.gazetteer_hit(t).is_none_or(|h| h.kind == EntityKind::Person || h.yields_to_person)
    }

    /// After a given name and an initial, a capitalised word is the family
    /// name, whatever else it names (`Robert R. Livingston`).
    fn surname_after_initial(&self, t: usize) -> bool {
        self.in_sentence(t)
            && self.tokens[t].kind == TokenKind::Word
            && self.tokens[t].shape == Shape::Capitalised
            && !self.is_function_word(t)
            && !self.is_title(t)
            && self.gazetteer_hit(t).is_none_or(|h| h.kind != EntityKind::Organisation)
    }

    /// A family name joined to its particle: `al-Nuaimi`, `el-Baradei`, `bin-Laden`.
    fn is_particle_compound(&self, t: usize) -> bool {
        if !self.in_sentence(t) || !self.tokens[t].hyphenated || self.tokens[t].kind != TokenKind::Word {
            return false;
        }
        let mut parts = self.tokens[t].parts(self.text);
        let (Some(particle), Some(name), None) = (parts.next(), parts.next(), parts.next()) else { return false };
        let particle = particle.slice(self.text);
        Shape::of(particle) == Shape::Lower
            && self.lexicon.vocabulary.classes(particle) & class::NAME_PARTICLE != 0
            && Shape::of(name.slice(self.text)) == Shape::Capitalised
    }

    /// Given names after an East Asian family name: `Jae-chun`, `Jong Un`, `Jinping`.
    pub fn is_given_name_shape(&self, t: usize) -> bool {
        if !self.in_sentence(t) || self.tokens[t].shape != Shape::Capitalised || self.tokens[t].kind != TokenKind::Word
        {
            return false;
        }
        if self.gazetteer_kind(t).is_some_and(|k| k != EntityKind::Person) {
            return false;
        }
        let token = self.tokens[t];
        let r = self.unit_range(t);
        let lower_second_part = token.hyphenated && r.len() == 2 && self.units.units[r.start + 1].shape == Shape::Lower;
        let letters = self.word(t).chars().count();
        lower_second_part || (!token.hyphenated && letters <= 8 && !self.is_common(t) && !self.is_reporting_verb(t))
    }

    /// A capitalised word that can stand before an organisation's head noun.
    pub fn is_head_modifier(&self, t: usize) -> bool {
        self.is_upper_word(t)
            && !self.is_function_word(t)
            && !self.is_title(t)
            && self.gazetteer_kind(t) != Some(EntityKind::Person)
            && (self.language == Language::En || !self.is_listed_noun(t))
    }

    /// A capitalised word that can stand before a head noun, or a capitalised
    /// adjective that German also uses as a noun (`Medizinischen` in
    /// `Medizinischen Hochschule`, `Deutsche` in `Deutsche Institut`).
    pub fn is_name_adjective(&self, t: usize) -> bool {
        // `das FDP-geführte Ministerium`, `die SPD-nahe Stiftung`: an adjective
        // written in lower case after the hyphen describes; only its first part is a name.
        if self.tokens[t].hyphenated
            && self.tokens[t].parts(self.text).last().is_some_and(|p| Shape::of(p.slice(self.text)) == Shape::Lower)
        {
            return false;
        }
        self.is_head_modifier(t)
            || (self.language == Language::De
                && self.is_upper_word(t)
                && !self.is_function_word(t)
                && !self.is_title(t)
                && self.is_declined_adjective(t))
    }

    /// A declined adjective: an adjective's ending, then a declension ending
    /// (`Medizin|isch|en`, `Deutsch|es`), and not a noun that merely ends in
    /// `-en` (`Unternehmen`).
    fn is_declined_adjective(&self, t: usize) -> bool {
        let folded = self.folded_whole(t);
        ["e", "es", "en", "er", "em"].iter().any(|ending| {
            folded.strip_suffix(ending).is_some_and(|stem| {
                stem.chars().count() >= 3 && self.lexicon.vocabulary.classes(stem) & class::MODIFIER_ENDING != 0
            })
        })
    }

    /// A word of a company's name before its legal form (`Deutsche Telekom AG`).
    pub fn is_company_word(&self, t: usize) -> bool {
        (self.is_upper_word(t) && !self.is_function_word(t)) || self.is_text(t, "&")
    }

    /// The end of a legal form starting at `t`.
    pub fn legal_form_at(&self, t: usize) -> Option<usize> {
        if t == self.sentence.first_token
            || !self.tokens[t].shape.is_upper_initial() && self.tokens[t].shape != Shape::Mixed
            || !self.has_exact(t, exact::LEGAL_FORM_START)
        {
            return None;
        }
        // `Teva Pharmaceutical Industries Ltd .`: a full stop set apart at the
        // sentence's end closes the sentence, not the abbreviation.
        let closes_sentence = |end: usize| {
            end == self.sentence.end_token
                && end >= t + 2
                && self.word(end - 1) == "."
                && self.tokens[end - 2].span.end != self.tokens[end - 1].span.start
        };
        self.lexicon
            .legal_form_tokens
            .iter()
            .filter(|form| form.iter().enumerate().all(|(i, w)| self.is_text(t + i, w)))
            .map(|form| t + form.len())
            .filter(|&end| !closes_sentence(end))
            .max()
    }
}

/// The buffers [`find`] works in, kept for the next document (see
/// [`crate::workspace`]).
#[derive(Default)]
pub(crate) struct MentionBuffers {
    /// What `find` found last; given back when the entities are linked.
    pub found: Vec<Found>,
    gate_masks: Vec<Option<u64>>,
    hits: Vec<Hit>,
    candidates: Vec<Candidate>,
    held_back: Vec<Candidate>,
    taken: Vec<bool>,
    exact: Vec<std::cell::Cell<u32>>,
    gates: GateIndex,
    listed: Vec<bool>,
    gazetteer: Vec<Option<TokenHit>>,
}

/// Finds the mentions of one document, sentence by sentence, working in `buffers`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn find(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    units: &Units,
    layers: &Layers,
    language: Language,
    buffers: &mut MentionBuffers,
    mut gazetteer_time: Option<&mut std::time::Duration>,
) -> Vec<Found> {
    let lexicon = lexicon::rules(language);
    let rules = rules_for(language);
    let MentionBuffers { found, gate_masks, hits, candidates, held_back, taken, exact, gates, listed, gazetteer } =
        buffers;
    gate_masks.clear();
    gate_masks.extend(rules.iter().map(Rule::gate_mask));
    let used_gate_bits = gate_masks.iter().flatten().fold(COMMA, |used, mask| used | mask);
    let mut found = std::mem::take(found);
    found.clear();
    let computed;
    let word_lists = match &units.word_lists {
        Some(lists) => lists,
        None => {
            computed = WordLists::of(text, tokens, units, lexicon);
            &computed
        }
    };
    let classes = &word_lists.classes;
    // The per-token caches of every sentence's context, allocated once.
    let features = &word_lists.features;
    spelled_word_lists(tokens, word_lists, exact);
    // Buffers of each sentence's context, reused from one sentence to the next.
    let (mut gate_buffer, mut listed_buffer, mut gazetteer_buffer) =
        (std::mem::take(gates), std::mem::take(listed), std::mem::take(gazetteer));
    for (index, sentence) in sentences.iter().enumerate() {
        hits.clear();
        let unit_range = units.of_tokens(sentence.first_token, sentence.end_token);
        let started = gazetteer_time.is_some().then(std::time::Instant::now);
        layers.find(units, unit_range.clone(), hits);
        if let (Some(total), Some(started)) = (gazetteer_time.as_deref_mut(), started) {
            *total += started.elapsed();
        }
        let mut cx = Context {
            text,
            tokens,
            units,
            lexicon,
            sentence: *sentence,
            language,
            layers,
            gazetteer: Vec::new(),
            listed: listed_tokens(sentence, units, hits, std::mem::take(&mut listed_buffer)),
            title_case: is_title_case(&tokens[sentence.token_range()]),
            features: features.get(sentence.token_range()).unwrap_or_default(),
            classes,
            exact: exact.get(sentence.token_range()).unwrap_or_default(),
            gates: std::mem::take(&mut gate_buffer),
        };
        candidates.clear();
        held_back.clear();
        for hit in hits.iter() {
            match gazetteer_candidate(&cx, layers, hit) {
                Listed::Candidate(candidate) => candidates.push(candidate),
                Listed::NeedsEvidence(candidate) => held_back.push(candidate),
                Listed::Nothing => {}
            }
        }
        // Rules see the list entries that stand: not those dropped for want of evidence.
        cx.gazetteer = gazetteer_kinds(sentence, units, layers, candidates, std::mem::take(&mut gazetteer_buffer));
        mark_towns_after_heads(&mut cx, held_back);
        // An ambiguous name listed with names of its kind is one of them
        // (`SPD und Grünen`, `Allianz und Commerzbank`).
        candidates.extend(held_back.iter().filter(|c| listed_with_its_kind(&cx, c)));
        let mut gates = std::mem::take(&mut cx.gates);
        gate_bits(&cx, &mut gates, used_gate_bits);
        cx.gates = gates;
        #[cfg(test)]
        {
            tests::check_may_open_name(&cx);
            tests::check_gates(&cx);
        }
        for (rule, mask) in rules.iter().zip(gate_masks.iter()) {
            // Most rules' gates let no token of a sentence through: setting
            // a rule up cost more than its visit to the tokens.
            if mask.is_some_and(|mask| !cx.gates.any(mask)) {
                continue;
            }
            rule.apply_gated(&cx, candidates, *mask);
        }
        for (order, c) in candidates.iter_mut().enumerate() {
            c.order = order;
        }
        candidates.sort_by_key(|c| std::cmp::Reverse(c.rank()));
        taken.clear();
        taken.resize(unit_range.len(), false);
        let before = found.len();
        for c in candidates.iter() {
            let (Some(a), Some(b)) = (c.first.checked_sub(unit_range.start), c.last.checked_sub(unit_range.start))
            else {
                continue;
            };
            if b >= taken.len() || taken[a..=b].iter().any(|&x| x) {
                continue;
            }
            taken[a..=b].iter_mut().for_each(|x| *x = true);
            found.push(Found {
                span: Span::new(units.units[c.first].span().start, units.units[c.last].span().end),
                first_unit: c.first,
                last_unit: c.last,
                sentence: index,
                kind: c.kind,
                entry: c.entry,
                derived: c.derived,
                guess: c.origin == Origin::Rule(Strength::Guess),
            });
        }
        found[before..].sort_by_key(|f| f.first_unit);
        join_organisation_and_town(text, units, &mut found, before);
        places_in_enumerations(&cx, &mut found[before..]);
        abbreviations_in_brackets(&cx, &mut found, before, index);
        gate_buffer = std::mem::take(&mut cx.gates);
        listed_buffer = std::mem::take(&mut cx.listed);
        gazetteer_buffer = std::mem::take(&mut cx.gazetteer);
    }
    (*gates, *listed, *gazetteer) = (gate_buffer, listed_buffer, gazetteer_buffer);
    found
}

/// The cache of [`Context::exact`] for every token of a document, with the
/// answers of the long lists for every capitalised word already in it (the
/// units stage asks them all at once, see [`WordLists`]): the gates ask them
/// of nearly every such word (`is_name_token`).
fn spelled_word_lists(tokens: &[Token], word_lists: &WordLists, cells: &mut Vec<std::cell::Cell<u32>>) {
    cells.clear();
    cells.extend(tokens.iter().zip(&word_lists.spelled).map(|(token, spelled)| {
        let (known, values) = spelled.map_or((0, 0), |lists| exact::of_spelled_word(lists, token.hyphenated));
        std::cell::Cell::new(known << 16 | values)
    }));
}

/// `Inter Mailand`, `THW Kiel`, `Universität Wien`: an organisation named
/// with its town right after it is one organisation, not an organisation and
/// a place.
fn join_organisation_and_town(text: &str, units: &Units, found: &mut Vec<Found>, from: usize) {
    let mut k = from;
    while k + 1 < found.len() {
        let (organisation, town) = (found[k], found[k + 1]);
        let adjacent = town.first_unit == organisation.last_unit + 1
            && units.units[town.first_unit].first_part
            && text.get(organisation.span.end..town.span.start).is_some_and(|gap| gap == " ");
        if organisation.kind == EntityKind::Organisation
            && town.kind == EntityKind::Place
            && !organisation.derived
            && !town.derived
            && town.first_unit == town.last_unit
            && adjacent
        {
            found[k].span.end = town.span.end;
            found[k].last_unit = town.last_unit;
            found.remove(k + 1);
        }
        k += 1;
    }
}

/// `der Bundesverband deutscher Banken (BdB)`: an abbreviation in brackets
/// right after an organisation's name is that organisation, whatever the
/// abbreviation alone would be taken for (a person, a place, or nothing).
/// Its first letter must open a word of the name: a news agency in brackets
/// after a name (`Siemens (AFP)`) is no abbreviation of it.
fn abbreviations_in_brackets(cx: &Context<'_>, found: &mut Vec<Found>, from: usize, sentence: usize) {
    let mut added = Vec::new();
    for i in from..found.len() {
        let organisation = found[i];
        if organisation.kind != EntityKind::Organisation || organisation.derived {
            continue;
        }
        let open = cx.units.units[organisation.last_unit].token() + 1;
        let abbreviation = open + 1;
        if !cx.is_text(open, "(") || !cx.is_text(abbreviation + 1, ")") || !cx.in_sentence(abbreviation + 1) {
            continue;
        }
        let word = cx.word(abbreviation);
        let capitals = word.chars().filter(|c| c.is_uppercase()).count();
        let Some(initial) = word.chars().next() else { continue };
        if capitals < 2 || !initial.is_uppercase() || !word.chars().all(char::is_alphabetic) {
            continue;
        }
        let name = organisation.span.slice(cx.text);
        let opens_a_word = name
            .split(|c: char| c.is_whitespace() || c == '-')
            .filter_map(|w| w.chars().next())
            .any(|c| c.to_lowercase().eq(initial.to_lowercase()));
        if !opens_a_word {
            continue;
        }
        let units = cx.units.of_tokens(abbreviation, abbreviation + 1);
        if units.len() != 1 {
            continue;
        }
        match found[from..].iter().position(|f| f.first_unit == units.start && f.last_unit == units.start) {
            Some(k) if !found[from + k].derived && found[from + k].kind != EntityKind::Organisation => {
                // A listed name of another kind (`DRC`, a country) is not the entry meant here.
                found[from + k] =
                    Found { kind: EntityKind::Organisation, entry: None, guess: false, ..found[from + k] };
            }
            Some(_) => {}
            None if !found[from..].iter().any(|f| f.first_unit <= units.start && units.start <= f.last_unit) => {
                added.push(Found {
                    span: cx.units.units[units.start].span(),
                    first_unit: units.start,
                    last_unit: units.start,
                    sentence,
                    kind: EntityKind::Organisation,
                    entry: None,
                    derived: false,
                    guess: false,
                });
            }
            None => {}
        }
    }
    if !added.is_empty() {
        found.append(&mut added);
        found[from..].sort_by_key(|f| f.first_unit);
    }
}

/// `die Dörfer Hokkala, Kumpula und Nurmijoki`, `zwischen Gudme und
/// Lundborg`: a guessed name listed with places (joined by commas and
/// coordinators only) is a place too. The guess defaults to a person; the
/// enumeration is better evidence.
fn places_in_enumerations(cx: &Context<'_>, found: &mut [Found]) {
    let joined = |a: &Found, b: &Found| {
        let (end, start) = (cx.units.units[a.last_unit].token() + 1, cx.units.units[b.first_unit].token());
        start > end
            && start - end <= 2
            && (end..start).all(|k| cx.is_text(k, ",") || cx.in_class(k, class::COORDINATOR))
    };
    let place = |f: &Found| f.kind == EntityKind::Place && !f.derived;
    // A sweep each way carries the kind along a list of any length.
    for _ in 0..2 {
        for i in 1..found.len() {
            let (a, b) = (found[i - 1], found[i]);
            if !joined(&a, &b) {
                continue;
            }
            if place(&a) && b.guess && b.kind == EntityKind::Person {
                found[i].kind = EntityKind::Place;
            } else if place(&b) && a.guess && a.kind == EntityKind::Person {
                found[i - 1].kind = EntityKind::Place;
            }
        }
        found.reverse();
    }
}

fn gazetteer_kinds(
    sentence: &Sentence,
    units: &Units,
    layers: &Layers,
    accepted: &[Candidate],
    mut kinds: Vec<Option<TokenHit>>,
) -> Vec<Option<TokenHit>> {
    kinds.clear();
    kinds.resize(sentence.end_token - sentence.first_token, None);
    let unambiguous = accepted.iter().filter(|c| !c.derived && c.origin == Origin::Gazetteer { ambiguous: false });
    for candidate in unambiguous {
        let Some(entry) = candidate.entry.and_then(|(layer, index)| layers.facts(layer, index)) else { continue };
        let one_word = units.units[candidate.first].token() == units.units[candidate.last].token();
        let minor_place = entry.kind() == EntityKind::Place && entry.subtype().is_minor_place();
        let token_hit = TokenHit { kind: entry.kind(), yields_to_person: one_word && minor_place };
        for unit in &units.units[candidate.first..=candidate.last] {
            if let Some(slot) = unit.token().checked_sub(sentence.first_token).and_then(|i| kinds.get_mut(i)) {
                *slot = Some(token_hit);
            }
        }
    }
    kinds
}

fn listed_tokens(sentence: &Sentence, units: &Units, hits: &[Hit], mut listed: Vec<bool>) -> Vec<bool> {
    listed.clear();
    listed.resize(sentence.end_token - sentence.first_token, false);
    for hit in hits {
        for unit in &units.units[hit.first..=hit.last] {
            if let Some(slot) = unit.token().checked_sub(sentence.first_token).and_then(|i| listed.get_mut(i)) {
                *slot = true;
            }
        }
    }
    listed
}

/// Headlines in title case or capitals: capitals there are no evidence of a name.
fn is_title_case(tokens: &[Token]) -> bool {
    // Counted without a branch on each token, which its kind and length made anyone's guess.
    let (mut words, mut capitalised) = (0, 0);
    for token in tokens {
        let long_word = (token.kind == TokenKind::Word) & (token.span.len() > 3);
        words += usize::from(long_word);
        capitalised += usize::from(long_word & token.shape.is_upper_initial());
    }
    words >= 3 && capitalised * 10 >= words * 8
}

/// What a gazetteer hit proposes.
enum Listed {
    Candidate(Candidate),
    /// An ambiguous hit with no cue before it: kept only with other evidence.
    NeedsEvidence(Candidate),
    Nothing,
}

fn gazetteer_candidate(cx: &Context<'_>, layers: &Layers, hit: &Hit) -> Listed {
    let Some(entry) = layers.facts(hit.layer, hit.entry) else { return Listed::Nothing };
    if hit.derived && entry.kind() != EntityKind::Place {
        return Listed::Nothing;
    }
    // A name that is also a common word (`Zug`, `Feier` by its skeleton) needs evidence.
    let single_word = hit.first == hit.last;
    let token = cx.units.units[hit.first].token();
    let whole_token = cx.units.whole_tokens(hit.first, hit.last);
    let one_whole_word = single_word && whole_token;
    // A hit on one part of a compound (`Bonus-CD`, `Entführungs-Drama`).
    let one_part = single_word && !whole_token;
    let part = cx.units.units[hit.first].span().slice(cx.text);
    // `in March`: a month or a function word is never a name on its own, whatever a list says.
    // (Checks of the whole word apply only when the hit is the whole word: a
    // hit on one part of a long compound must not read the compound each time.)
    if one_whole_word && !hit.derived && (cx.is_function_word(token) || cx.is_month(token)) {
        return Listed::Nothing;
    }
    // A listed given or family name is that name, not another one reached by
    // taking off a genitive (`Hans` is no genitive of some place `Han`) or by
    // another spelling (`Teemu` is not the company `Temu`; a person spelled
    // otherwise still is: `Peskov`).
    let reached_otherwise = hit.genitive || (hit.fuzzy && entry.kind() != EntityKind::Person);
    if reached_otherwise && one_whole_word && cx.is_listed_person_word(token) {
        return Listed::Nothing;
    }
    // `Blätter` is not `Blatter` spelled otherwise, nor `Jäger` `Jagger`: a
    // common noun a person's name reaches only through its skeleton stays a noun.
    if hit.fuzzy && entry.kind() == EntityKind::Person && one_whole_word && cx.is_listed_noun(token) {
        return Listed::Nothing;
    }
    // Only the generated place lists are too large to flag every town named
    // like a noun; curated lists flag their common words themselves (`Macron`,
    // `Siemens`, `Reuters` and `Kiel` are also nouns somewhere, and names first),
    // but not the nouns spelled like their names (`Maß` is not the `Maas`).
    // Countries are few and each a name first (`Chinas`, a genitive, is also a plural noun).
    // So are the regions named after their people (`Bayern`, `Sachsen`, `Hessen`:
    // plurals of `Bayer`, `Sachse`, `Hesse`), which news name as regions far more
    // often than as people.
    let named_after_people = || {
        entry.subtype() == Subtype::Region
            && entry.has_kb_id()
            && cx.word(token).strip_suffix('n').is_some_and(|singular| cx.lexicon.is_noun(singular))
    };
    // A name the generated lists write in capitals (`DEMOS`) is spelled
    // like a noun only where the text means the noun (`weitere Demos`).
    let common_organisation = !hit.derived
        && one_whole_word
        && entry.kind() == EntityKind::Organisation
        && entry.generated()
        && cx.tokens[token].shape == Shape::Capitalised
        && entry.name_in_capitals()
        && cx.is_common(token);
    let common = !hit.derived
        && one_whole_word
        && entry.kind() == EntityKind::Place
        && (entry.generated() || hit.fuzzy)
        && entry.subtype() != Subtype::Country
        && cx.is_common(token)
        && !named_after_people();
    // `Entführungs-Drama`, `Löwen-Keeper`, `Esche-Ahorn`: a town of the generated
    // lists named like a German noun is, as one part of a compound, that noun.
    let noun_in_compound = !hit.derived
        && one_part
        && entry.kind() == EntityKind::Place
        && entry.generated()
        && entry.subtype() != Subtype::Country
        && cx.lexicon.is_noun(part);
    if noun_in_compound {
        return Listed::Nothing;
    }
    // `CD`, `PS`: abbreviations of everyday things name some party somewhere too,
    // also as a part of a compound (`Bonus-CD`, `NS-Herrschaft`).
    let everyday_acronym = if one_whole_word {
        cx.tokens[token].shape == Shape::AllCaps && cx.is_everyday_acronym(token)
    } else {
        one_part && Shape::of(part) == Shape::AllCaps && cx.lexicon.acronym_stoplist.contains(part)
    };
    // A small town named like a person (`Kim`, `Andreas`): without a cue, the person is likelier.
    // The curated lists name prominent places and flag their own doubts (`Elsass` is a family name too).
    let person_name = one_whole_word
        && entry.kind() == EntityKind::Place
        && entry.generated()
        && !entry.has_kb_id()
        && entry.subtype().is_minor_place()
        && cx.is_listed_person_word(token);
    // `Max Planck Institut`, `Leibniz Universität`: a person's name right before
    // an organisation's head word is the organisation's name, for its rules to find;
    // a genitive is its owner (`Mikl-Leitners Ministerium`).
    let names_organisation = entry.kind() == EntityKind::Person && whole_token && !hit.genitive && {
        let next = cx.units.units[hit.last].token() + 1;
        next < cx.sentence.end_token && cx.is_organisation_head(next)
    };
    let ambiguous =
        hit.ambiguous || common || common_organisation || everyday_acronym || person_name || names_organisation;
    let candidate = Candidate {
        first: hit.first,
        last: hit.last,
        kind: entry.kind(),
        origin: Origin::Gazetteer { ambiguous },
        entry: Some((hit.layer, hit.entry)),
        derived: hit.derived,
        order: 0,
    };
    if ambiguous && single_word && !ambiguity_resolved(cx, hit, entry.kind()) {
        // Months, function words and everyday abbreviations get no second chance.
        return if hit.derived || everyday_acronym { Listed::Nothing } else { Listed::NeedsEvidence(candidate) };
    }
    Listed::Candidate(candidate)
}

/// A town that is also a word (`Gießen`, `Halle`, `Hof`) right after the head
/// of an organisation's name is the town of that name (`Universität Gießen`,
/// `TU Halle`): the head-before rules see it as the place it is, though it
/// needs more evidence to stand alone.
fn mark_towns_after_heads(cx: &mut Context<'_>, held_back: &[Candidate]) {
    for candidate in held_back.iter().filter(|c| c.kind == EntityKind::Place && !c.derived) {
        let first = cx.units.units[candidate.first].token();
        let last = cx.units.units[candidate.last].token();
        let after_head = first > cx.sentence.first_token
            && matches!(cx.tokens[first - 1].shape, Shape::Capitalised | Shape::AllCaps)
            && cx.is_organisation_head(first - 1);
        // `Verlag Paul Haupt`: a town named like a given name is the person's name
        // here; `Süd-West-Metall`: a piece of a compound is no town.
        if !after_head || cx.tokens[first].hyphenated || cx.is_listed_first_name(first) {
            continue;
        }
        let offset = cx.sentence.first_token;
        for token in first..=last {
            if let Some(slot) = token.checked_sub(offset).and_then(|i| cx.gazetteer.get_mut(i)) {
                slot.get_or_insert(TokenHit { kind: EntityKind::Place, yields_to_person: false });
            }
        }
    }
}

/// An enumeration puts the candidate beside a name of its kind that a list
/// gives without doubt: a comma or a coordinator between them.
fn listed_with_its_kind(cx: &Context<'_>, candidate: &Candidate) -> bool {
    let first = cx.units.units[candidate.first].token();
    let last = cx.units.units[candidate.last].token();
    let joiner = |k: usize| cx.is_text(k, ",") || cx.in_class(k, class::COORDINATOR);
    let same_kind = |k: usize| cx.gazetteer_kind(k) == Some(candidate.kind);
    (first >= cx.sentence.first_token + 2 && joiner(first - 1) && same_kind(first - 2))
        || (joiner(last + 1) && same_kind(last + 2))
}

/// Evidence for an ambiguous single-word hit: the cue word before it.
fn ambiguity_resolved(cx: &Context<'_>, hit: &Hit, kind: EntityKind) -> bool {
    let token = cx.units.units[hit.first].token();
    if token == cx.sentence.first_token {
        return false;
    }
    let before = token - 1;
    // `dem „Spiegel“ zufolge`: titles of papers and programmes stand in quotes.
    let quoted = || {
        let last = cx.units.units[hit.last].token();
        cx.is_any_text(before, &["„", "\"", "“", "«", "»", "‚"])
            && cx.is_any_text(last + 1, &["“", "\"", "”", "«", "»", "‘"])
    };
    match kind {
        EntityKind::Place => cx.is_place_preposition(before) || cx.place_cue(before).is_some(),
        EntityKind::Organisation => cx.is_organisation_cue(before) || quoted(),
        EntityKind::Person => cx.is_title(before),
    }
}

#[cfg(test)]
mod tests {
    use super::{class, lexicon, list, sign_of, spelled_word_lists, Units, WordLists};
    use crate::{EntityKind, Extractor, Language};

    thread_local! {
        /// Tokens where `name_run` found a name that `may_open_name` ruled out.
        static MISSED_OPENINGS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
        /// Rules that found something else with their gate than without it.
        static GATE_MISSES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    /// Every rule finds the same with its gate as without it.
    pub(super) fn check_gates(cx: &super::Context<'_>) {
        let key = |c: &super::Candidate| (c.first, c.last, c.kind, c.origin);
        for rule in super::rules_for(cx.language) {
            let (mut gated, mut every) = (Vec::new(), Vec::new());
            rule.apply_gated(cx, &mut gated, rule.gate_mask());
            rule.apply_gated(cx, &mut every, None);
            if gated.iter().map(key).ne(every.iter().map(key)) {
                GATE_MISSES.with(|m| m.set(m.get() + 1));
            }
        }
    }

    pub(super) fn check_may_open_name(cx: &super::Context<'_>) {
        for t in cx.sentence.token_range() {
            for kind in [EntityKind::Person, EntityKind::Place, EntityKind::Organisation] {
                if cx.name_run(t, kind).is_some() && !cx.may_open_name(t, kind) {
                    MISSED_OPENINGS.with(|m| m.set(m.get() + 1));
                }
            }
        }
    }

    #[test]
    fn may_open_name_before_every_name_run() {
        let extractor = Extractor::builder().language(Language::De).build().expect("default extractor");
        let mut texts = vec![include_str!("../../examples/articles/kim-putin-de.txt").to_string()];
        for language in [Language::De, Language::En] {
            texts.extend(super::rules_for(language).iter().flat_map(|r| r.examples.iter().map(|e| e.sentence.clone())));
        }
        texts.push("Herr van der Bellen traf de Gaulle und al-Sisi, den Präsidenten.".to_string());
        for text in &texts {
            extractor.extract(text);
        }
        assert_eq!(MISSED_OPENINGS.with(|m| m.get()), 0);
    }

    #[test]
    fn gates_find_what_every_token_finds() {
        let mut texts = vec![(Language::De, include_str!("../../examples/articles/kim-putin-de.txt").to_string())];
        for language in [Language::De, Language::En] {
            texts.extend(
                super::rules_for(language)
                    .iter()
                    .flat_map(|r| r.examples.iter().map(move |e| (language, e.sentence.clone()))),
            );
        }
        for (language, text) in &texts {
            let extractor = Extractor::builder().language(*language).build().expect("default extractor");
            extractor.extract(text);
        }
        assert_eq!(GATE_MISSES.with(|m| m.get()), 0);
    }

    #[test]
    fn a_compound_has_the_lists_of_its_last_part_beside_its_own() {
        let text = "Der Kreml-Sprecher und Kreml-der Sprecher";
        let tokens = crate::tokenize::tokenize(text);
        let units = Units::new(text, &tokens);
        let classes = WordLists::of(text, &tokens, &units, lexicon::rules(Language::De)).classes;
        assert_ne!(classes[1].1 & class::PERSON_TITLE, 0, "the last part of Kreml-Sprecher is a title");
        let (whole, last) = classes[3];
        assert_eq!((whole & class::FUNCTION_WORD, last & class::FUNCTION_WORD), (0, class::FUNCTION_WORD));
        assert_eq!(classes[4].0, classes[4].1, "a word of one part is its last part");
        assert_ne!(classes[4].0 & class::PERSON_TITLE, 0);
        assert_ne!(classes[0].0 & class::FUNCTION_WORD, 0);
    }

    #[test]
    fn capitalised_words_come_with_the_answers_of_the_long_lists() {
        use super::exact::{COMMON_NOUN, COMMON_NOUN_LAST, FIRST_NAME, SURNAME};
        let text = "Wladimir Treffen Kreml-Sprecher treffen WALDEN, Bauer";
        let tokens = crate::tokenize::tokenize(text);
        let known = |cell: &std::cell::Cell<u32>| cell.get() >> 16;
        let holds = |cell: &std::cell::Cell<u32>| cell.get() & 0xffff;
        for language in [Language::De, Language::En] {
            let lexicon = lexicon::rules(language);
            let units = Units::new(text, &tokens);
            // Filled over what a document before left.
            let mut cells = vec![std::cell::Cell::new(u32::MAX); 3];
            spelled_word_lists(&tokens, &WordLists::of(text, &tokens, &units, lexicon), &mut cells);
            assert_eq!(cells.len(), tokens.len());
            for (token, cell) in tokens.iter().zip(&cells) {
                let word = token.span.slice(text);
                if !token.shape.is_upper_initial() || token.kind != crate::TokenKind::Word {
                    assert_eq!(cell.get(), 0, "{word:?} is asked when a rule asks");
                    continue;
                }
                let lists = lexicon.lists(word);
                let expected = |list: u8, bit: u32| if lists & list != 0 { bit } else { 0 };
                assert_eq!(
                    holds(cell) & (FIRST_NAME | SURNAME | COMMON_NOUN),
                    expected(list::FIRST_NAME, FIRST_NAME)
                        | expected(list::SURNAME, SURNAME)
                        | expected(list::GERMAN_NOUN, COMMON_NOUN),
                    "{word:?}"
                );
            }
            assert_eq!(known(&cells[2]) & COMMON_NOUN_LAST, 0, "a compound's last part is asked apart");
            assert_ne!(holds(&cells[0]) & FIRST_NAME, 0);
            let noun = if language == Language::De { COMMON_NOUN | COMMON_NOUN_LAST } else { 0 };
            assert_eq!(holds(&cells[1]) & (COMMON_NOUN | COMMON_NOUN_LAST), noun, "German nouns count for German");
            assert_eq!(known(&cells[1]) & COMMON_NOUN_LAST, COMMON_NOUN_LAST);
        }
    }

    #[test]
    fn the_gates_know_commas_and_the_copyright_sign_by_their_bytes() {
        let text = "©, ,© ©© ,, a";
        let tokens = crate::tokenize::tokenize(text);
        let signs: Vec<(bool, bool)> = tokens.iter().map(|t| sign_of(text, t.span)).collect();
        let expected: Vec<(bool, bool)> =
            tokens.iter().map(|t| (t.span.slice(text) == ",", t.span.slice(text) == "©")).collect();
        assert_eq!(signs, expected);
        assert!(signs.contains(&(true, false)) && signs.contains(&(false, true)));
    }

    #[test]
    fn clause_opening_signs_are_no_words() {
        for sign in super::CLAUSE_OPENING_SIGNS {
            let tokens = crate::tokenize::tokenize(sign);
            assert_eq!(tokens.len(), 1, "{sign}");
            assert_ne!(tokens[0].kind, crate::tokenize::TokenKind::Word, "{sign}");
        }
    }

    #[test]
    fn gate_index_lists_the_tokens_of_a_mask_in_order_across_bitmap_words() {
        fn visit(gates: &super::GateIndex, mask: Option<u64>) -> Vec<usize> {
            super::GatedTokens { gates, mask, first: 10, w: 0, current: gates.word(mask, 0) }.collect()
        }
        let mut gates = super::GateIndex::default();
        gates.reset(130);
        for (token, bits) in [(0, 1), (63, 2), (64, 1 | 2), (129, super::COMMA), (70, 4)] {
            gates.insert(token, bits);
        }
        assert_eq!(visit(&gates, Some(1)), [10, 74]);
        assert_eq!(visit(&gates, Some(1 | 2)), [10, 73, 74]);
        assert!(visit(&gates, Some(8)).is_empty());
        assert_eq!(visit(&gates, None).len(), 130);
        assert_eq!(visit(&gates, Some(super::COMMA)), [139]);
        assert_eq!(visit(&gates, Some(4)), [80]);
        gates.reset(0);
        assert!(visit(&gates, None).is_empty());
    }

    fn place(name: &str) -> (EntityKind, String) {
        (EntityKind::Place, name.to_string())
    }

    fn person(name: &str) -> (EntityKind, String) {
        (EntityKind::Person, name.to_string())
    }

    fn organisation(name: &str) -> (EntityKind, String) {
        (EntityKind::Organisation, name.to_string())
    }

    fn mentions(text: &str) -> Vec<(EntityKind, String)> {
        let extractor = Extractor::builder().language(Language::De).build().expect("default extractor");
        let doc = extractor.extract(text);
        let mut all: Vec<(usize, EntityKind, String)> = doc
            .entities
            .iter()
            .flat_map(|e| e.mentions.iter().map(move |m| (m.span.start, e.kind, m.span)))
            .map(|(start, kind, span)| (start, kind, doc.slice(span).to_string()))
            .collect();
        all.sort();
        all.into_iter().map(|(_, kind, text)| (kind, text)).collect()
    }

    #[test]
    fn a_compass_prefix_on_a_listed_place_names_a_part_of_it() {
        assert_eq!(mentions("Die Armee rückte in die Ostukraine vor."), [place("Ostukraine")]);
        assert_eq!(mentions("Die Häfen Oberitaliens sind voll."), [place("Oberitaliens")]);
        assert_eq!(mentions("Sie fuhren durch Mittelhessen."), [place("Mittelhessen")]);
        // The rest is no listed place, or a common noun that only names some town.
        assert!(mentions("Im Südosten regnet es.").is_empty());
        assert!(mentions("Der Untergrund ist weich.").is_empty());
    }

    #[test]
    fn settlement_endings_after_a_noun_make_a_place_unless_the_compound_is_a_noun() {
        assert_eq!(mentions("Sie stiegen zur Rabenburg hinauf."), [place("Rabenburg")]);
        // A listed noun (`Eisberg`), or a determiner of common nouns before it.
        assert!(mentions("Sie sahen den Eisberg.").is_empty());
        assert!(mentions("Sie sahen einen großen Rabenberg.").is_empty());
    }

    #[test]
    fn an_adjective_of_origin_after_an_article_makes_an_unknown_word_a_place() {
        assert_eq!(mentions("Die Turbinen entstehen im schottischen Kirkwhelpington."), [place("Kirkwhelpington")]);
        assert_eq!(mentions("Der Bus fuhr ins benachbarte Oberwössen."), [place("Oberwössen")]);
        // Without the article the adjective describes a thing; a noun after it stays a noun.
        assert!(mentions("Er kaufte schottischen Whisky.").is_empty());
        assert!(mentions("Er bestellte im schottischen Restaurant.").is_empty());
    }

    #[test]
    fn romance_particles_join_the_words_of_a_place_name() {
        assert_eq!(mentions("Die Fähre legt in Isola del Giglio an."), [place("Isola del Giglio")]);
        assert_eq!(mentions("Sie baden am Lido delle Nazioni."), [place("Lido delle Nazioni")]);
        // German prepositions and articles are no such particles.
        assert_eq!(mentions("Sie kam aus San Remo zu Besuch."), [place("San Remo")]);
    }

    #[test]
    fn a_town_named_like_a_noun_is_the_noun_inside_a_compound() {
        // `Drama` and `Ahorn` are towns of the generated lists too.
        assert!(mentions("Das Entführungs-Drama geht weiter.").is_empty());
        assert!(mentions("Im Wald wachsen Esche-Ahorn-Bestände.").is_empty());
        // A town named like no noun still names its part of the compound.
        assert_eq!(mentions("Die Berlin-Reise war schön."), [place("Berlin")]);
    }

    #[test]
    fn a_verb_made_a_noun_after_an_article_is_no_place_for_its_ending() {
        // `-ingen` ends many towns, and `Absingen`, `Abspringen` too: `ab` before a listed noun.
        assert!(mentions("Nach dem Absingen der Hymne ging es los.").is_empty());
        // After an article a place ending still makes a place where no noun follows the first two letters.
        assert_eq!(mentions("Das Treffen am Wörlitzsee fand statt."), [place("Wörlitzsee")]);
    }

    #[test]
    fn a_curated_region_named_like_a_family_name_needs_no_cue() {
        // `Elsass` is a family name too; the curated list names the region without doubt.
        assert_eq!(mentions("Sie reisten ins Elsass."), [place("Elsass")]);
    }

    #[test]
    fn st_with_its_full_stop_opens_a_place_spaced_or_not() {
        assert_eq!(mentions("Die St. Nikolauskirche brannte."), [place("St. Nikolauskirche")]);
        assert_eq!(mentions("Die St . Nikolauskirche brannte ."), [place("St . Nikolauskirche")]);
    }

    #[test]
    fn an_organisation_with_its_town_is_one_organisation() {
        assert_eq!(
            mentions("Die Hanseatische Bank Hamburg erhöhte die Zinsen."),
            [organisation("Hanseatische Bank Hamburg")]
        );
    }

    #[test]
    fn longer_candidates_win_and_list_entries_win_ties() {
        // `Universität Wien` (a rule) over `Wien` (a list); `Wladimir Putin` from the list.
        assert_eq!(
            mentions("Präsident Wladimir Putin sprach an der Universität Wien."),
            [person("Wladimir Putin"), organisation("Universität Wien")]
        );
    }

    #[test]
    fn compounds_that_end_like_places_are_nouns() {
        // A preposition before a compound noun is no evidence of a place,
        // nor is a place ending inside a longer noun (`Netz|ausbau`, `Himmels|schau`).
        for text in [
            "Das geht schon aus Kapazitätsgründen nicht.",
            "Die Himmelsschau war beliebt.",
            "Ein Jahr nach Marktstart kam der Netzausbau voran.",
        ] {
            let found = mentions(text);
            assert!(found.is_empty(), "{text}: {found:?}");
        }
        assert_eq!(
            mentions("Er wohnt in Schwielowsee am Glienicker Ufer."),
            [place("Schwielowsee"), place("Glienicker Ufer")]
        );
    }

    #[test]
    fn short_nouns_at_the_end_of_a_name_make_no_compound() {
        // `Gers` is a noun, but `Rütt` is none: `Rüttgers` is a name.
        assert_eq!(mentions("Das sei gut, sagte Rüttgers."), [person("Rüttgers")]);
        // After a linking `-n`, the short noun makes a compound (`Sonnen|kult`).
        assert_eq!(mentions("Das sei gut, sagte Sonnenkult."), []);
    }

    #[test]
    fn an_abbreviation_in_brackets_after_an_organisation_is_that_organisation() {
        let found = mentions("Der Bundesverband deutscher Banken ( BdB ) warnte.");
        assert!(found.contains(&organisation("BdB")), "{found:?}");
        let found = mentions("Das Bundesamt für Kommunikation (BAKOM) prüft den Antrag.");
        assert!(found.contains(&organisation("BAKOM")), "{found:?}");
        // A country in brackets abbreviates no word of the name before it.
        let found = mentions("Die Kestor Energy Inc. (USA) bohrt vor der Küste.");
        assert!(found.contains(&place("USA")), "{found:?}");
    }

    #[test]
    fn a_party_the_lists_write_in_capitals_is_no_plural_noun() {
        // Some party is called `DEMOS`; `weitere Demos` are recordings.
        let found = mentions("Zwei Lieder waren neben weiteren Demos schon im Netz.");
        assert!(!found.iter().any(|(kind, _)| *kind == EntityKind::Organisation), "{found:?}");
        // The German parties' names are nouns too, and they stay parties.
        let found = mentions("Gestern stimmten die Grünen dagegen.");
        assert!(found.contains(&organisation("Grünen")), "{found:?}");
    }

    #[test]
    fn everyday_abbreviations_in_compounds_name_no_party() {
        // Some party somewhere is called `CD` or `NS`; in a compound they are the disc and the era.
        for text in ["Auf der Bonus-CD sind drei Lieder.", "Im Laufe der NS-Herrschaft wurde sie verboten."] {
            let found = mentions(text);
            assert!(found.is_empty(), "{text}: {found:?}");
        }
        // A party's own acronym still names it inside a compound.
        assert_eq!(mentions("Der SPD-Chef sprach."), [organisation("SPD")]);
    }

    #[test]
    fn ambiguous_names_listed_with_names_of_their_kind_stand() {
        // `Allianz` is also a noun; beside `Commerzbank` it is the company.
        assert_eq!(
            mentions("Die Aufsichtsräte von Allianz und Commerzbank stimmten zu."),
            [organisation("Allianz"), organisation("Commerzbank")]
        );
        let towns = mentions("Die Tour führt durch Dortmund, Essen und Bochum.");
        assert!(towns.contains(&place("Essen")), "{towns:?}");
        // Without a name of its kind beside it, the word stays a word.
        assert_eq!(mentions("Das Essen und die Getränke waren gut."), []);
    }

    #[test]
    fn famous_people_are_found_by_one_name() {
        assert_eq!(mentions("Schon damals lobte Beckenbauer die junge Mannschaft."), [person("Beckenbauer")]);
        // The genitive of a listed name is that person too.
        assert_eq!(mentions("Die Truppen Napoleons zogen im Winter zurück."), [person("Napoleons")]);
        // A first name of the list before an unknown family name is someone else's name.
        assert_eq!(mentions("Im Finale traf Jesus Navas zum Ausgleich."), [person("Jesus Navas")]);
    }

    #[test]
    fn famous_names_that_are_also_words_need_a_title() {
        // `Bach` is also a brook: alone it stays a word, after a title it is the composer.
        assert_eq!(mentions("Der Bach trat nach dem Regen über die Ufer."), []);
        assert_eq!(mentions("Am Abend spielte das Orchester Werke von Komponist Bach."), [person("Bach")]);
        // Before an organisation's head word, the name is the organisation's.
        assert_eq!(mentions("Sie forscht am Max Planck Institut."), [organisation("Max Planck Institut")]);
        assert_eq!(mentions("Das hat Beckenbauers Verein entschieden."), [person("Beckenbauers")]);
        // `Blätter` is a noun, not another spelling of the listed `Blatter`.
        assert_eq!(mentions("Im Herbst fallen die Blätter von den Bäumen."), []);
    }

    #[test]
    fn curated_places_are_names_first_but_not_their_spellings() {
        // `Westfalen` is also a plural noun; the curated list names the region without a flag.
        assert_eq!(mentions("Die Kirche von Westfalen äußerte sich."), [place("Westfalen")]);
        // `Maß` is spelled like the river `Maas`, and is a noun.
        assert_eq!(mentions("Ein logarithmisches Maß für den Schalldruck."), []);
    }

    #[test]
    fn particles_and_regnal_numbers_belong_to_names() {
        assert_eq!(
            mentions("Gestern sprach Ölminister Ali al-Nuaimi in Wien."),
            [person("Ali al-Nuaimi"), place("Wien")]
        );
        assert_eq!(mentions("Das Bistum wurde unter Bernhard IV. geteilt."), [person("Bernhard IV")]);
        // Particles that are also German words (`den`, `der`) take no noun after them.
        assert_eq!(mentions("Trotzdem hält Kurt Miller den Test für nötig."), [person("Kurt Miller")]);
    }

    #[test]
    fn quoted_titles_and_lower_case_acronyms_are_names() {
        // `Spiegel` is also a noun; in quotes it is the magazine.
        let found = mentions("Dem „Spiegel“ zufolge wird verhandelt.");
        assert_eq!(found, [organisation("Spiegel")]);
        // Lists give `UEFA` and `Uefa`: both spellings match.
        let found = mentions("Die Uefa und die UEFA sind eins.");
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().all(|(kind, _)| *kind == EntityKind::Organisation), "{found:?}");
    }

    #[test]
    fn regions_named_after_their_people_need_no_cue() {
        assert_eq!(mentions("Hessen und Niedersachsen stimmten zu."), [place("Hessen"), place("Niedersachsen")]);
    }

    #[test]
    fn several_given_names_and_initials_lead_to_the_family_name() {
        for name in ["Hans Peter Schmidt", "Franz Josef Jung", "Johann Wilhelm Krause", "Clarence E. Case"] {
            let found = mentions(&format!("Gestern kam {name} in die Stadt."));
            assert_eq!(found, [person(name)], "{name}");
        }
    }

    #[test]
    fn guessed_names_listed_with_places_are_places() {
        assert_eq!(
            mentions("Die Dörfer Hokkala, Kumpula und Nurmijoki liegen im Norden."),
            [place("Hokkala"), place("Kumpula"), place("Nurmijoki")]
        );
        // People listed with a place stay people when a list names them.
        let people = mentions("Gestern reisten Thomas Ebner und Maria Gruber nach Graz.");
        assert!(people.contains(&person("Maria Gruber")), "{people:?}");
    }

    #[test]
    fn spellings_of_other_names_do_not_take_given_names_or_short_words() {
        // `Teemu` spelled like the company `Temu`; `I` and `II` spelled like `Jiji` (Press).
        let found = mentions("Gestern kam Teemu Tainio an. Die Anlagen I und II sind fertig.");
        assert!(found.iter().all(|(kind, _)| *kind == EntityKind::Person), "{found:?}");
        // A spelling variant of a long name still matches: `Peskov` for `Peskow`.
        assert_eq!(
            mentions("Kreml-Sprecher Dmitri Peskov sagte nichts."),
            [organisation("Kreml"), person("Dmitri Peskov")]
        );
    }

    #[test]
    fn countries_named_like_nouns_need_no_cue() {
        assert_eq!(mentions("Der Einfluss Chinas wächst."), [place("Chinas")]);
    }

    #[test]
    fn a_town_named_like_a_word_after_an_organisation_head_is_its_town() {
        assert_eq!(mentions("Sie lehrt an der Universität Gießen."), [organisation("Universität Gießen")]);
        // A town named like a given name is a person's name after the head.
        assert!(!mentions("Das Buch erschien im Verlag Paul Haupt.").contains(&organisation("Verlag Paul")));
    }

    #[test]
    fn a_town_named_like_a_common_word_needs_a_cue() {
        assert!(mentions("Das Essen war kalt.").is_empty());
        assert_eq!(mentions("Er wohnt in Essen."), [place("Essen")]);
    }

    #[test]
    fn particles_in_a_row_join_the_family_name_to_the_given_names() {
        assert_eq!(mentions("Gestern traf Rafael van der Meulen den Trainer."), [person("Rafael van der Meulen")]);
        assert_eq!(mentions("Am Abend sang Carlos de la Fuente im Theater."), [person("Carlos de la Fuente")]);
        // German articles after a name join nothing to it.
        assert!(mentions("Er gab Peter das Buch.").iter().all(|(_, name)| !name.contains("Buch")));
    }

    #[test]
    fn a_name_ending_in_an_initial_keeps_its_full_stop() {
        assert_eq!(mentions("Gestern hat Michael K. gestanden."), [person("Michael K.")]);
    }

    #[test]
    fn a_word_after_foreign_particles_is_no_person_of_its_own() {
        // The name opens with the capitalised word before the particles.
        assert!(mentions("Sie fuhren zum Pont del Sorrel.").is_empty());
        // Where that word opens a place's name, the particles and the word join the place.
        assert_eq!(mentions("Die Isola di Brenta liegt im Süden."), [place("Isola di Brenta")]);
        // German prepositions among the particles say nothing of the kind.
        assert_eq!(mentions("Gestern kam die Pille zu Kessaro."), [person("Kessaro")]);
    }

    #[test]
    fn a_unit_after_an_amount_is_no_person_but_a_year_may_stand_before_one() {
        assert!(mentions("Der Gewinn lag bei 654 Mlrd im Jahr.").is_empty());
        assert_eq!(mentions("Im Jahr 1801 Marco Bellingsen traf ihn."), [person("Marco Bellingsen")]);
    }

    #[test]
    fn a_lone_word_in_brackets_is_no_person() {
        assert!(mentions("Die Tiere (Holostei) leben im Wasser.").is_empty());
        assert!(mentions("Die Art (Choloepus didactylus) schläft viel.").is_empty());
    }

    #[test]
    fn a_genitive_before_a_noun_and_an_interview_speaker_are_people() {
        assert_eq!(mentions("Seit Wendholts Rücktritt ist alles anders."), [person("Wendholts")]);
        assert_eq!(mentions("Corinnes Eltern zogen nach Bonn.")[0], person("Corinnes"));
        assert!(mentions("Neues Geld kommt nicht.").is_empty());
        assert_eq!(mentions("Güllner: Das war nichts."), [person("Güllner")]);
        assert!(mentions("Geschichte: Das war nichts.").is_empty());
    }

    #[test]
    fn a_given_name_that_is_also_a_function_word_opens_or_ends_a_name_inside_a_sentence() {
        assert_eq!(mentions("Sie verlor gegen Ivana Brandt und Anders Lindqvist.")[1], person("Anders Lindqvist"));
        assert_eq!(mentions("Elisabeth Will wurde 1942 verhaftet."), [person("Elisabeth Will")]);
        // At the start of a sentence the word is the function word.
        assert!(mentions("Anders als erwartet kam er.").is_empty());
    }

    #[test]
    fn a_compound_noun_ends_given_names_that_are_family_names_too() {
        assert_eq!(
            mentions("Sie trauert um ihren Freund Matthew Williams Liebeskummer."),
            [person("Matthew Williams")]
        );
        assert_eq!(mentions("Das Amt übernahm Johann Wilhelm Krause im Mai."), [person("Johann Wilhelm Krause")]);
    }

    #[test]
    fn a_speaker_may_have_particles_and_a_family_name_that_is_an_english_word() {
        assert_eq!(mentions("Das wird eng, sagte van der Meulen."), [person("van der Meulen")]);
        assert_eq!(mentions("Er einigte sich auf eine Lösung mit Peters."), [person("Peters")]);
    }

    #[test]
    fn a_bare_adjective_before_or_a_plural_verb_after_a_word_makes_it_no_person() {
        assert!(mentions("Dabei entsteht feinstkörniger Kessarit im Gestein.").is_empty());
        assert!(mentions("Kessarit schützen die Zellen vor Hitze.").is_empty());
        // A verb in `-e` may follow a word that looks like an adjective.
        assert_eq!(mentions("Ein Kritiker charakterisierte Wendholts Stil genau."), [person("Wendholts")]);
    }

    #[test]
    fn a_word_listed_with_common_nouns_is_no_person() {
        assert!(mentions("Im Orchester spielen Gitarre und Sitar, Tabla und Schlagzeug.").is_empty());
        assert!(mentions("Er musizierte mit Violine und Brenolin am Abend.").is_empty());
        // The list may open the sentence.
        assert!(mentions("Brenolin, Gitarre und Sitar lagen bereit.").is_empty());
        // Nouns of people, and a comma that ends a clause, list no nouns.
        assert_eq!(mentions("Der Trainer und Wendholt stritten sich."), [person("Wendholt")]);
        assert_eq!(mentions("Er stellt ihn zur Rede, Wendholt weicht aus."), [person("Wendholt")]);
    }

    #[test]
    fn a_thing_noun_before_a_word_names_no_person_but_a_person_noun_does() {
        assert!(mentions("Nach dem Brand im Kraftwerk Wendholt ermittelt die Polizei.").is_empty());
        // A genitive in `-s` after a noun is a person's.
        assert_eq!(mentions("Nach Angaben Wendholts war es ein Unfall."), [person("Wendholts")]);
        assert_eq!(mentions("Das Gut wurde von der Familie Wendholt verwaltet."), [person("Wendholt")]);
    }
}
