//! Stage 3a: gazetteers — lists of names matched against the text.
//!
//! The default lists under `gazetteers/common/` are compiled into the library
//! and parsed once, on first use. Users add their own lists in the same format
//! (see `gazetteers/README.md`) through
//! [`ExtractorBuilder::gazetteer_str`](crate::ExtractorBuilder::gazetteer_str)
//! and [`ExtractorBuilder::gazetteer_file`](crate::ExtractorBuilder::gazetteer_file);
//! their entries are looked up first and so win over the defaults.
//!
//! # How names match
//!
//! Names and text go through one [normalisation](normalize): Unicode lower
//! case with `ß` → `ss`. A match covers whole tokens or whole parts of a
//! hyphenated token (`Kreml` in `Kreml-Sprecher`), never a piece of a word.
//! Beyond the exact form a match may take:
//!
//! - a genitive `-s` or `'s` (`Kims`, `Russlands`, `Putin's`);
//! - another transliteration of the name (`Peskov` for `Peskow`), through the
//!   skeleton key, for capitalised words only;
//! - all capitals (`JAPAN`); acronyms of up to four letters, conversely, match
//!   only in capitals, so `US` does not match the English `us`.
//!
//! Derived words (`nordkoreanische`, `Moskauer`, `Russian`) come from
//! `common/adjectives.tsv` and give *derived* mentions of their place.
//!
//! # Ambiguous names
//!
//! Entries flagged `ambiguous` are also common words (`Essen`, `Halle`,
//! `Bild`). The gazetteer reports such hits as ambiguous; the
//! [mention stage](crate::mentions) keeps them only with evidence: a cue word
//! before them (`in Essen`, `die Zeitung Bild`), a name of their kind beside
//! them in an enumeration (`Dortmund, Essen und Bochum`), or a longer name
//! around them.
//!
//! # Words remembered
//!
//! Each [`Extractor`](crate::Extractor) keeps a cache of words: for each
//! spelling it has met (up to 32 bytes, one part), its folded and
//! skeleton keys, the word lists that hold it, the first step of matching
//! at it (its hit alone, and whether a longer name may start with it), and
//! what the mention rules found of it that depends on the word alone. A
//! word found there skips that work; most words of news are. Every answer
//! kept is a function of the spelling, the language and the extractor's
//! lists, so the cache changes how soon an output is ready, never the
//! output (`tests/properties.rs` compares a new extractor with one that has
//! read thousands of texts). A cache is 5 MiB, of fixed size: a table of
//! short words (32,768 sets of two slots of one cache line) and one of
//! long words (4,096 sets of two slots of two lines), each slot holding
//! all that is kept of its word, the matching's first steps too, the slot
//! of a set met less recently given up for a new word. An extractor holds one per
//! language for each thread that extracts at the same time.

mod filter;
mod keymap;
pub mod normalize;
pub(crate) mod units;
pub(crate) mod words;

use std::borrow::Cow;
use std::sync::Arc;

use once_cell::sync::Lazy;

use crate::error::Error;
use crate::hash::{hash_padded, hash_str, FxHashMap, FxHashSet};
use crate::lang::Language;
use crate::lexicon::lines;
use crate::model::EntityKind;
use crate::tokenize::{tokenize, Shape, TokenKind};
use filter::{Holders, TableFilter};
use keymap::StrMap;
use normalize::{fold_into, skeleton_into};
use units::Units;

/// One named thing of a list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub kind: EntityKind,
    /// The finer class from the list (`city`, `broadcaster`, …).
    pub subtype: Box<str>,
    /// Wikidata id, when the list has one.
    pub kb_id: Option<Box<str>>,
    pub name_en: Box<str>,
    pub name_de: Option<Box<str>>,
    /// Also a common word: needs context before it becomes an entity.
    pub ambiguous: bool,
    /// Never matched as part of a hyphenated compound.
    pub no_part: bool,
    /// From a generated list: too long to flag each of its names that is also
    /// a common word, so the mention stage asks the noun list instead.
    /// Curated lists (and users' lists) flag their own.
    pub generated: bool,
}

impl Entry {
    /// The canonical name in `language`.
    pub fn name(&self, language: Language) -> &str {
        match (language, &self.name_de) {
            (Language::De, Some(de)) => de,
            _ => &self.name_en,
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct Key {
    entry: u32,
    /// An acronym of up to four letters: matches only in capitals.
    caps_only: bool,
    /// Written with a lower-case first letter (`al-Sisi`): may match so.
    lower_start: bool,
}

/// What a key of [`Gazetteer::exact`] or [`Gazetteer::skeletons`] stands
/// for. Names, the beginnings of longer names and derived forms share one
/// map: a key that passes the filter costs one probe instead of three.
#[derive(Clone, Copy, Default)]
struct Slot {
    key: Option<Key>,
    /// The first units of a multi-unit name, to know when to read on.
    prefix: bool,
    /// An adjective or demonym of the entry (`russisch`, `Israelis`).
    derived: Option<u32>,
}

/// The class of an entry's `subtype` that the mention rules ask about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Subtype {
    Country,
    Continent,
    Region,
    Site,
    City,
    Other,
}

impl Subtype {
    const ALL: [Subtype; 6] =
        [Subtype::Country, Subtype::Continent, Subtype::Region, Subtype::Site, Subtype::City, Subtype::Other];

    fn of(subtype: &str) -> Subtype {
        match subtype {
            "country" => Subtype::Country,
            "continent" => Subtype::Continent,
            "region" => Subtype::Region,
            "site" => Subtype::Site,
            "city" => Subtype::City,
            _ => Subtype::Other,
        }
    }

    /// A town, a region or a site: a place a person may be named like.
    pub fn is_minor_place(self) -> bool {
        matches!(self, Subtype::City | Subtype::Region | Subtype::Site)
    }
}

/// What the mention rules ask of an entry, in two bytes: the kind, the
/// subtype's class and the flags. The rules ask them of every name the
/// lists find in a text, and the entries (some 70 bytes each, their
/// strings elsewhere) take megabytes that a text's hits read from all over;
/// these take 2 bytes an entry, beside them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Facts(u16);

impl Facts {
    const AMBIGUOUS: u16 = 1 << 2;
    const NO_PART: u16 = 1 << 3;
    const GENERATED: u16 = 1 << 4;
    const KB_ID: u16 = 1 << 5;
    const NAME_IN_CAPITALS: u16 = 1 << 6;
    const SUBTYPE_SHIFT: u16 = 8;

    fn of(entry: &Entry) -> Facts {
        let kind = match entry.kind {
            EntityKind::Person => 0,
            EntityKind::Place => 1,
            EntityKind::Organisation => 2,
        };
        let flag = |on: bool, bit: u16| if on { bit } else { 0 };
        // The variant's place in `Subtype::ALL`, which `subtype` reads it back by.
        let subtype = Subtype::of(&entry.subtype) as u16;
        Facts(
            kind | flag(entry.ambiguous, Facts::AMBIGUOUS)
                | flag(entry.no_part, Facts::NO_PART)
                | flag(entry.generated, Facts::GENERATED)
                | flag(entry.kb_id.is_some(), Facts::KB_ID)
                | flag(Shape::of(&entry.name_en) == Shape::AllCaps, Facts::NAME_IN_CAPITALS)
                | subtype << Facts::SUBTYPE_SHIFT,
        )
    }

    pub fn kind(self) -> EntityKind {
        match self.0 & 3 {
            0 => EntityKind::Person,
            1 => EntityKind::Place,
            _ => EntityKind::Organisation,
        }
    }

    pub fn subtype(self) -> Subtype {
        Subtype::ALL.get(usize::from(self.0 >> Facts::SUBTYPE_SHIFT)).copied().unwrap_or(Subtype::Other)
    }

    /// [`Entry::ambiguous`].
    pub fn ambiguous(self) -> bool {
        self.0 & Facts::AMBIGUOUS != 0
    }

    /// [`Entry::no_part`].
    pub fn no_part(self) -> bool {
        self.0 & Facts::NO_PART != 0
    }

    /// [`Entry::generated`].
    pub fn generated(self) -> bool {
        self.0 & Facts::GENERATED != 0
    }

    /// Whether the entry has a Wikidata id.
    pub fn has_kb_id(self) -> bool {
        self.0 & Facts::KB_ID != 0
    }

    /// Whether the English name is written in capitals (`DEMOS`).
    pub fn name_in_capitals(self) -> bool {
        self.0 & Facts::NAME_IN_CAPITALS != 0
    }
}

/// A set of lists, ready for matching.
#[derive(Default)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    /// [`Facts`] of each entry.
    facts: Vec<Facts>,
    /// Folded names, the first units of longer ones and derived forms.
    exact: StrMap<Slot>,
    /// Skeletons of names and the first units of longer ones (never derived forms).
    skeletons: StrMap<Slot>,
    by_kb_id: FxHashMap<Box<str>, u32>,
    /// First words of people's names of two words or more (`wladimir`, `kim`):
    /// a cue that a surname follows.
    person_first_words: FxHashSet<Box<str>>,
    /// Keys that some entry flags as a common word: ambiguous whichever entry they find.
    ambiguous_keys: FxHashSet<Box<str>>,
    /// First words of the names that do not begin with a capital (`al`,
    /// `nordkoreanische`, `1`): only these send a lower-case word to the
    /// look-ups, and most words of a text are lower case.
    lower_starts: FxHashSet<Box<str>>,
    max_units: usize,
    /// Lists of lower priority, built on a thread of their own: the built-in
    /// lists are loaded in two halves at once.
    later: Option<Box<Gazetteer>>,
    /// Filters over this table and those after it, on the first table of a
    /// chain only: asked first, they turn away the words that begin no name
    /// without a look into any map.
    filters: ChainFilters,
}

/// Filters of a chain of tables ([`Gazetteer::tables`]), one probe each for
/// all the tables: most words of a text begin no name, and asking one filter
/// per table cost a cache miss per table.
#[derive(Clone, Default)]
struct ChainFilters {
    /// The keys of [`Gazetteer::exact`] (`[0]`) and [`Gazetteer::skeletons`]
    /// (`[1]`), those of one word (`[_][0]`) apart from the longer ones: a
    /// text asks about one word at every capital, and about longer keys only
    /// after some name's first word, so the filter of single words, a third
    /// of the keys, is the one that has to stay in the cache.
    keys: [[TableFilter; 2]; 2],
    /// [`Gazetteer::lower_starts`]: few, so the filter stays in the cache,
    /// and asked of most words of a text.
    lower_starts: TableFilter,
    /// [`Gazetteer::ambiguous_keys`].
    ambiguous_keys: TableFilter,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer")
            .field("entries", &self.entries.len())
            .field("keys", &self.exact.values().filter(|s| s.key.is_some()).count())
            .field("derived", &self.exact.values().filter(|s| s.derived.is_some()).count())
            .finish()
    }
}

/// Bits of a filter per key: about one key in 200 not held passes.
const BITS_PER_KEY: usize = 12;

/// Whether a key is of more than one unit: whether it has a space. Asked of
/// every key a text looks up and of every key of the lists: eight bytes at a
/// time, where a search byte by byte cost more than the filter.
#[inline]
fn is_phrase(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const SPACES: u64 = u64::from_le_bytes([b' '; 8]);
    let has_space = |word: u64| {
        let x = word ^ SPACES;
        x.wrapping_sub(ONES) & !x & (ONES << 7) != 0
    };
    if let Some(last) = bytes.last_chunk::<8>() {
        // The last word overlaps the one before it: no bytes left over.
        return bytes
            .chunks_exact(8)
            .any(|chunk| chunk.first_chunk::<8>().is_some_and(|w| has_space(u64::from_le_bytes(*w))))
            || has_space(u64::from_le_bytes(*last));
    }
    match (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) {
        // (The zero bytes of the upper half are no spaces.)
        (Some(head), Some(tail)) => {
            has_space(u64::from(u32::from_le_bytes(*head)) | u64::from(u32::from_le_bytes(*tail)) << 32)
        }
        _ => bytes.contains(&b' '),
    }
}

impl ChainFilters {
    /// The filter of `key` among the keys of the exact maps or the skeleton maps.
    #[inline]
    fn of_key(&self, by_skeleton: bool, key: &str) -> &TableFilter {
        &self.keys[usize::from(by_skeleton)][usize::from(is_phrase(key.as_bytes()))]
    }
}

/// The built-in lists, in priority order: where two lists name the same
/// thing, the earlier list wins. The flag says whether names of the list also
/// match in other transliterations (`Peskov` for `Peskow`); towns,
/// universities and parties are many, and their lists carry the spellings
/// news use as aliases, so they are not transliterated.
const BUILTIN_LISTS: &[(&str, &str, bool)] = &[
    ("people.tsv", include_str!("../../gazetteers/common/people.tsv"), true),
    ("notable-people.tsv", include_str!("../../gazetteers/common/notable-people.tsv"), true),
    ("government.tsv", include_str!("../../gazetteers/common/government.tsv"), true),
    ("media.tsv", include_str!("../../gazetteers/common/media.tsv"), true),
    ("companies.tsv", include_str!("../../gazetteers/common/companies.tsv"), true),
    ("sports.tsv", include_str!("../../gazetteers/common/sports.tsv"), false),
    ("associations.tsv", include_str!("../../gazetteers/common/associations.tsv"), false),
    ("international.tsv", include_str!("../../gazetteers/common/international.tsv"), true),
    ("countries.tsv", include_str!("../../gazetteers/common/countries.tsv"), true),
    ("places.tsv", include_str!("../../gazetteers/common/places.tsv"), true),
    ("geography.tsv", include_str!("../../gazetteers/common/geography.tsv"), true),
    ("regions.tsv", include_str!("../../gazetteers/common/regions.tsv"), true),
    ("leaders.tsv", include_str!("../../gazetteers/common/leaders.tsv"), true),
    ("parties.tsv", include_str!("../../gazetteers/common/parties.tsv"), false),
    ("universities.tsv", include_str!("../../gazetteers/common/universities.tsv"), false),
    ("cities.tsv", include_str!("../../gazetteers/common/cities.tsv"), false),
];

/// `BUILTIN_LISTS[LATER_LISTS..]`, the largest generated lists, load on a
/// second thread: about half the work on either side.
const LATER_LISTS: usize = 14;

const ADJECTIVES: &str = include_str!("../../gazetteers/common/adjectives.tsv");
const GERMAN_ADJECTIVE_ENDINGS: &str = include_str!("../../gazetteers/de/adjective-endings.txt");

/// The default lists, parsed on first use.
pub static BUILTIN: Lazy<Gazetteer> = Lazy::new(|| {
    let build = |lists: &[(&str, &str, bool)], keys: usize| {
        let mut gazetteer = Gazetteer::with_capacity(keys);
        for (origin, data, transliterate) in lists {
            // The built-in lists are checked by tests; a bad line is skipped, not fatal.
            let _ = gazetteer.add_tsv(origin, data, false, *transliterate);
        }
        gazetteer
    };
    let (first, later) = BUILTIN_LISTS.split_at(LATER_LISTS.min(BUILTIN_LISTS.len()));
    let (mut gazetteer, later) = std::thread::scope(|scope| {
        let handle = std::thread::Builder::new().spawn_scoped(scope, || build(later, 60_000));
        let gazetteer = build(first, 30_000);
        // Without a second thread (or should it fail), the caller's thread does it all.
        let later = match handle.map(|h| h.join()) {
            Ok(Ok(built)) => built,
            _ => build(later, 60_000),
        };
        (gazetteer, later)
    });
    gazetteer.later = Some(Box::new(later));
    gazetteer.add_adjectives(ADJECTIVES);
    gazetteer.build_filters();
    gazetteer
});

impl Gazetteer {
    /// Parses a list in the format of `gazetteers/README.md`. `origin` names
    /// the list in error messages.
    ///
    /// # Errors
    ///
    /// [`Error::Gazetteer`] with the line number when a line has the wrong
    /// number of columns, an unknown kind, or an empty name.
    pub fn from_tsv(origin: &str, data: &str) -> Result<Gazetteer, Error> {
        let mut gazetteer = Gazetteer::default();
        gazetteer.add_tsv(origin, data, true, true)?;
        gazetteer.build_filters();
        Ok(gazetteer)
    }

    fn with_capacity(keys: usize) -> Gazetteer {
        Gazetteer {
            exact: StrMap::with_capacity(keys + keys / 2),
            skeletons: StrMap::with_capacity(keys + keys / 2),
            ..Gazetteer::default()
        }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.tables().map(|g| g.entries.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// This gazetteer's tables, highest priority first.
    fn tables(&self) -> impl Iterator<Item = &Gazetteer> {
        std::iter::successors(Some(self), |g| g.later.as_deref())
    }

    /// The entry a name (or alias) in its exact written form refers to.
    pub fn lookup(&self, name: &str) -> Option<&Entry> {
        let key = name_key(name, false);
        self.tables().find_map(|g| g.exact.get(key.as_str())?.key.and_then(|k| g.entries.get(k.entry as usize)))
    }

    /// The entry with this Wikidata id.
    pub fn by_kb_id(&self, kb_id: &str) -> Option<&Entry> {
        self.tables().find_map(|g| g.by_kb_id.get(kb_id).and_then(|&i| g.entries.get(i as usize)))
    }

    pub(crate) fn entry(&self, index: u32) -> Option<&Entry> {
        self.entries.get(index as usize)
    }

    fn facts(&self, index: u32) -> Option<Facts> {
        self.facts.get(index as usize).copied()
    }

    fn add_tsv(&mut self, origin: &str, data: &str, strict: bool, transliterate: bool) -> Result<(), Error> {
        let mut keys = KeyBuilder::default();
        let generated = data.starts_with("# generated");
        for (number, raw) in data.lines().enumerate() {
            let line = raw.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            match parse_row(line) {
                Ok(row) => self.add_entry(row, transliterate, generated, &mut keys),
                Err(message) if strict => {
                    return Err(Error::Gazetteer { origin: origin.to_string(), line: number + 1, message });
                }
                Err(_) => {}
            }
        }
        Ok(())
    }

    fn add_entry(&mut self, row: Row<'_>, transliterate: bool, generated: bool, keys: &mut KeyBuilder) {
        let index = self.entries.len() as u32;
        let entry = Entry {
            kind: row.kind,
            subtype: row.subtype.into(),
            kb_id: (!row.kb_id.is_empty()).then(|| row.kb_id.into()),
            name_en: row.name_en.into(),
            name_de: (!row.name_de.is_empty() && row.name_de != row.name_en).then(|| row.name_de.into()),
            ambiguous: split_ascii(row.flags, b',').any(|f| f.trim() == "ambiguous"),
            no_part: split_ascii(row.flags, b',').any(|f| f.trim() == "nopart"),
            generated,
        };
        if let Some(kb_id) = &entry.kb_id {
            self.by_kb_id.entry(kb_id.clone()).or_insert(index);
        }
        self.facts.push(Facts::of(&entry));
        self.entries.push(entry);
        let ambiguous = self.entries[index as usize].ambiguous;
        let names = [row.name_en, row.name_de].into_iter().chain(split_ascii(row.aliases, b'|'));
        for (position, name) in names.enumerate().map(|(i, n)| (i, n.trim())).filter(|(_, n)| !n.is_empty()) {
            let Some(units) = self.add_name(name, index, transliterate, keys) else { continue };
            if ambiguous {
                self.ambiguous_keys.insert(keys.key.as_str().into());
            }
            if row.kind == EntityKind::Person && units >= 2 && name.chars().next().is_some_and(char::is_uppercase) {
                let first = split_ascii(&keys.key, b' ').next().unwrap_or_default();
                if !self.person_first_words.contains(first) {
                    self.person_first_words.insert(first.into());
                }
            }
            // German names decline like German (`Vereinigte Staaten`): the
            // main names (lists of German names keep them in the first column:
            // `Süddeutsche Zeitung`; English ones rarely end in `-e`, `-er`,
            // `-es`), all names of organisations, which lists write in their own
            // language (`Deutsche Bahn`, `Passauer Neue Presse`), and aliases that
            // open with a German adjective (`Russische Föderation`).
            let german_adjective_first = split_ascii(name, b' ').next().is_some_and(|first| first.ends_with("ische"));
            if position <= 1 || row.kind == EntityKind::Organisation || german_adjective_first {
                self.add_declined_names(name, index, transliterate, keys);
            }
        }
    }

    /// German multi-word names decline their leading adjective
    /// (`Vereinigte Staaten` → `in den Vereinigten Staaten`, `Naher Osten` →
    /// `im Nahen Osten`): the declined forms are names too.
    ///
    /// After a place's `-er` form, which never declines, the adjective is the
    /// second word: `Passauer Neue Presse` → `der Passauer Neuen Presse`.
    fn add_declined_names(&mut self, name: &str, entry: u32, transliterate: bool, keys: &mut KeyBuilder) {
        let Some((first, rest)) = name.split_once(' ') else { return };
        let Some(stem) = adjective_stem(first) else { return };
        // Further adjectives in `-e` decline alike (`die Vereinigten
        // Arabischen Emirate`); others are indeclinable (`Neue Zürcher Zeitung`),
        // so the first word alone declines too.
        let words: Vec<&str> = rest.split(' ').collect();
        let further = words[..words.len() - 1]
            .iter()
            .take_while(|w| w.chars().next().is_some_and(char::is_uppercase) && w.ends_with('e'))
            .count();
        for ending in lines(GERMAN_ADJECTIVE_ENDINGS) {
            let variant = format!("{stem}{ending} {rest}");
            if variant != name {
                self.add_name(&variant, entry, transliterate, keys);
            }
            if further > 0 {
                // (`w` ends in the one-byte `e`.)
                let adjectives = words[..further].iter().map(|w| format!("{}{ending}", &w[..w.len() - 1]));
                let declined: Vec<String> = std::iter::once(format!("{stem}{ending}"))
                    .chain(adjectives)
                    .chain(words[further..].iter().map(|w| w.to_string()))
                    .collect();
                let variant = declined.join(" ");
                if variant != name {
                    self.add_name(&variant, entry, transliterate, keys);
                }
            }
        }
        if !first.ends_with("er") {
            return;
        }
        let (second, tail) = rest.split_once(' ').map_or((rest, None), |(second, tail)| (second, Some(tail)));
        // Only a weak or strong nominative ending in `-e` (`Neue`, `Allgemeine`)
        // marks an adjective here; `Berliner Zeitung` has none.
        let Some(second_stem) = adjective_stem(second).filter(|_| second.ends_with('e')) else { return };
        for ending in lines(GERMAN_ADJECTIVE_ENDINGS) {
            let declined = format!("{second_stem}{ending}");
            if declined == second {
                continue;
            }
            let variant = match tail {
                Some(tail) => format!("{first} {declined} {tail}"),
                None => format!("{first} {declined}"),
            };
            self.add_name(&variant, entry, transliterate, keys);
        }
    }

    /// Adds one name of an entry; returns its number of units, and leaves its
    /// folded key in `keys.key`.
    fn add_name(&mut self, name: &str, entry: u32, transliterate: bool, keys: &mut KeyBuilder) -> Option<usize> {
        let mut letters = 0;
        let mut all_upper = true;
        // Most names are ASCII, whose letters need no decoding nor Unicode tables.
        if name.is_ascii() {
            for byte in name.bytes().filter(u8::is_ascii_alphabetic) {
                letters += 1;
                all_upper &= byte.is_ascii_uppercase();
            }
        } else {
            for c in name.chars().filter(|c| c.is_alphabetic()) {
                letters += 1;
                all_upper &= c.is_uppercase();
            }
        }
        let caps_only = all_upper && (2..=4).contains(&letters);
        let key = Key { entry, caps_only, lower_start: name.chars().next().is_some_and(char::is_lowercase) };
        // Short names and acronyms are too easily confused by their skeleton.
        if transliterate && letters >= 4 && !caps_only {
            let (skeleton, _) = keys.build(name, true);
            add_prefixes(&mut self.skeletons, skeleton);
            self.skeletons.update(skeleton, |slot| {
                slot.key.get_or_insert(key);
            });
        }
        let (folded, unit_count) = keys.build(name, false);
        if folded.is_empty() {
            return None;
        }
        if !name.chars().next().is_some_and(char::is_uppercase) {
            let first = split_ascii(folded, b' ').next().unwrap_or_default();
            if !self.lower_starts.contains(first) {
                self.lower_starts.insert(first.into());
            }
        }
        self.max_units = self.max_units.max(unit_count);
        add_prefixes(&mut self.exact, folded);
        // An entry that also lists its acronym in lower case (`UEFA`, `Uefa`;
        // `NATO`, `Nato`) matches in both spellings.
        self.exact.update(folded, |slot| match &mut slot.key {
            Some(existing) if existing.entry == entry && !caps_only => existing.caps_only = false,
            Some(_) => {}
            None => slot.key = Some(key),
        });
        Some(unit_count)
    }

    fn add_adjectives(&mut self, data: &str) {
        let endings: Vec<&str> = lines(GERMAN_ADJECTIVE_ENDINGS).collect();
        for line in lines(data) {
            let columns: Vec<&str> = line.split('\t').collect();
            let [language, form, kb_id, target, ..] = columns[..] else { continue };
            let key = name_key(target, false);
            let find = |g: &Gazetteer| {
                g.by_kb_id
                    .get(kb_id.trim())
                    .copied()
                    .or_else(|| g.exact.get(key.as_str()).and_then(|s| s.key).map(|k| k.entry))
            };
            // The derived forms go to the table that holds their place.
            let found = self.tables().enumerate().find_map(|(depth, g)| find(g).map(|entry| (depth, entry)));
            let Some((depth, entry)) = found else { continue };
            let table = self.table_mut(depth);
            let form = form.trim();
            if language.trim() == "de" && form.ends_with("isch") {
                for ending in std::iter::once("").chain(endings.iter().copied()) {
                    table.add_derived(&format!("{form}{ending}"), entry);
                }
            } else {
                table.add_derived(form, entry);
                // English demonyms take a plural `-s` (`Israelis`, `Palestinians`).
                if language.trim() == "en" && form.ends_with(|c: char| c.is_alphabetic() && c != 's' && c != 'h') {
                    table.add_derived(&format!("{form}s"), entry);
                }
            }
        }
    }

    /// Builds [`Gazetteer::filters`] of the chain this table begins, once
    /// every list and derived form is in.
    fn build_filters(&mut self) {
        // [exact, skeletons][word, phrase][table]: the hashes, in one pass over each map.
        let mut keys: [[Vec<Vec<u64>>; 2]; 2] = Default::default();
        for g in self.tables() {
            for (map, of_map) in [&g.exact, &g.skeletons].into_iter().zip(&mut keys) {
                let [words, phrases] = of_map;
                let (mut in_words, mut in_phrases) = (Vec::new(), Vec::new());
                for entry in map.iter() {
                    if is_phrase(map.key_bytes(entry)) { &mut in_phrases } else { &mut in_words }.push(entry.hash);
                }
                words.push(in_words);
                phrases.push(in_phrases);
            }
        }
        let set = |set: fn(&Gazetteer) -> &FxHashSet<Box<str>>| {
            let hashes: Vec<Vec<u64>> = self.tables().map(|g| set(g).iter().map(|k| hash_str(k)).collect()).collect();
            TableFilter::new(&hashes, BITS_PER_KEY)
        };
        self.filters = ChainFilters {
            keys: keys.map(|of_map| of_map.map(|hashes| TableFilter::new(&hashes, BITS_PER_KEY))),
            lower_starts: set(|g| &g.lower_starts),
            ambiguous_keys: set(|g| &g.ambiguous_keys),
        };
    }

    /// The table `depth` steps down the chain of [`Gazetteer::tables`] (the last one if it is shorter).
    fn table_mut(&mut self, depth: usize) -> &mut Gazetteer {
        if depth == 0 || self.later.is_none() {
            return self;
        }
        match self.later {
            Some(ref mut later) => later.table_mut(depth - 1),
            None => self,
        }
    }

    fn add_derived(&mut self, form: &str, entry: u32) {
        let mut keys = KeyBuilder::default();
        let (key, units) = keys.build(form, false);
        if key.is_empty() {
            return;
        }
        self.max_units = self.max_units.max(units);
        add_prefixes(&mut self.exact, key);
        let first = split_ascii(key, b' ').next().unwrap_or_default();
        if !self.lower_starts.contains(first) {
            self.lower_starts.insert(first.into());
        }
        self.exact.update(key, |slot| {
            slot.derived.get_or_insert(entry);
        });
    }
}

/// Builds the folded (or skeleton) key of a name: the same units the text is
/// cut into, so that `Rossija-24` and `Rossija 24` have one key. Keeps its
/// buffers between names: loading 100,000 names must not allocate 300,000 times.
#[derive(Default)]
struct KeyBuilder {
    key: String,
    folded: String,
    scratch: String,
}

impl KeyBuilder {
    /// The key of `name` and its number of units.
    fn build(&mut self, name: &str, skeleton: bool) -> (&str, usize) {
        self.key.clear();
        let mut count = 0;
        // Most names are words of letters and inner hyphens: cut those without
        // the full tokenizer.
        if is_plain_name(name) {
            for part in name.split(|c: char| c == ' ' || crate::tokenize::is_hyphen(c)).filter(|p| !p.is_empty()) {
                self.push_unit(part, true, skeleton, &mut count);
            }
        } else {
            for token in tokenize(name) {
                for part in token.parts(name) {
                    self.push_unit(part.slice(name), token.kind == TokenKind::Word, skeleton, &mut count);
                }
            }
        }
        (&self.key, count)
    }

    fn push_unit(&mut self, part: &str, word: bool, skeleton: bool, count: &mut usize) {
        if *count > 0 {
            self.key.push(' ');
        }
        *count += 1;
        if skeleton && word {
            self.folded.clear();
            fold_into(part, &mut self.folded);
            skeleton_into(&self.folded, &mut self.key, &mut self.scratch);
        } else {
            fold_into(part, &mut self.key);
        }
    }
}

/// Words of letters with inner hyphens or apostrophes, separated by single
/// spaces, each starting and ending with a letter: the tokenizer would cut
/// them exactly at the spaces and hyphens. Digits take the tokenizer's path.
fn is_plain_name(name: &str) -> bool {
    let mut previous: Option<char> = None;
    for c in name.chars() {
        let joiner = c == ' ' || crate::tokenize::is_hyphen(c) || c == '\'' || c == '’';
        if joiner {
            if !previous.is_some_and(char::is_alphabetic) {
                return false;
            }
        } else if !c.is_alphabetic() {
            return false;
        }
        previous = Some(c);
    }
    previous.is_none_or(char::is_alphabetic)
}

/// The stem of a capitalised word that may be a declined adjective
/// (`Vereinigte` → `Vereinigt`), or `None` for short words and other endings.
fn adjective_stem(word: &str) -> Option<&str> {
    if !word.chars().next().is_some_and(char::is_uppercase) || word.chars().count() < 4 {
        return None;
    }
    word.strip_suffix("er").or_else(|| word.strip_suffix("es")).or_else(|| word.strip_suffix('e'))
}

fn name_key(name: &str, skeleton: bool) -> String {
    KeyBuilder::default().build(name, skeleton).0.to_string()
}

fn add_prefixes(map: &mut StrMap<Slot>, key: &str) {
    // (A space is one byte: the key is cut at a character boundary.)
    for (i, &byte) in key.as_bytes().iter().enumerate() {
        if let (b' ', Some(prefix)) = (byte, key.get(..i)) {
            map.update(prefix, |slot| slot.prefix = true);
        }
    }
}

/// `text.split(separator)` for an ASCII `separator`: loading the lists cuts
/// 600,000 short columns and names, and `str::split` set up its `memchr`
/// search for each piece at a cost above the piece's own scan.
fn split_ascii(text: &str, separator: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let current = rest?;
        match current.bytes().position(|byte| byte == separator) {
            // An ASCII byte is a character boundary: both `get`s succeed.
            Some(at) => {
                rest = current.get(at + 1..);
                current.get(..at)
            }
            None => {
                rest = None;
                Some(current)
            }
        }
    })
}

struct Row<'a> {
    kind: EntityKind,
    subtype: &'a str,
    kb_id: &'a str,
    name_en: &'a str,
    name_de: &'a str,
    aliases: &'a str,
    flags: &'a str,
}

fn parse_row(line: &str) -> Result<Row<'_>, String> {
    let mut columns = [""; 7];
    let mut count = 0;
    for column in split_ascii(line, b'\t') {
        if count == columns.len() {
            count += 1;
            break;
        }
        columns[count] = column.trim();
        count += 1;
    }
    if !(4..=7).contains(&count) {
        return Err(format!(
            "expected 4 to 7 tab-separated columns (kind, subtype, kb_id, name_en, name_de, aliases, flags), found {}",
            line.split('\t').count()
        ));
    }
    let [kind, subtype, kb_id, name_en, name_de, aliases, flags] = columns;
    let kind = EntityKind::from_name(kind)
        .ok_or_else(|| format!("unknown kind {kind:?}: use person, place or organisation"))?;
    if name_en.is_empty() {
        return Err("empty name_en".to_string());
    }
    Ok(Row { kind, subtype, kb_id, name_en, name_de, aliases, flags })
}

/// A gazetteer hit: units `first..=last` name `entry` of `layer`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Hit {
    pub first: usize,
    pub last: usize,
    pub layer: usize,
    pub entry: u32,
    pub derived: bool,
    pub ambiguous: bool,
    /// Matched only after taking off a genitive ending.
    pub genitive: bool,
    /// Matched by the transliteration skeleton, not the spelling.
    pub fuzzy: bool,
}

/// What [`Layers::first_steps`] says of a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FirstStepsAt {
    /// Not asked, or not kept.
    Unknown,
    /// No name starts with the word: `find` goes on to the next.
    NoName,
    /// What the word alone comes to, by spelling and by skeleton.
    Known([FirstStep; 2]),
}

/// The hit of a word of one unit alone and whether a longer name may begin
/// with it, packed in 32 bits for the cache of words, which keeps it in the
/// word's own slot: bit 0 set, then `read_on`, a hit, its `derived`,
/// `ambiguous`, `genitive` and `fuzzy`, its layer in five bits from bit 7,
/// its entry in twenty from bit 12.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct FirstStep(u32);

impl FirstStep {
    const PACKED: u32 = 1;
    const READ_ON: u32 = 1 << 1;
    const HIT: u32 = 1 << 2;
    const DERIVED: u32 = 1 << 3;
    const AMBIGUOUS: u32 = 1 << 4;
    const GENITIVE: u32 = 1 << 5;
    const FUZZY: u32 = 1 << 6;
    const LAYER_SHIFT: u32 = 7;
    const LAYER_BITS: u32 = 5;
    const ENTRY_SHIFT: u32 = 12;

    /// `None` for a layer or an entry past what the bits hold (32 layers,
    /// 1,048,576 entries a layer; the built-in lists have 2 and about
    /// 65,000): such a word's first steps are looked up wherever it stands.
    fn pack((hit, read_on): (Option<Hit>, bool)) -> Option<FirstStep> {
        let flag = |on: bool, bit: u32| if on { bit } else { 0 };
        let mut word = FirstStep::PACKED | flag(read_on, FirstStep::READ_ON);
        if let Some(hit) = hit {
            let layer = u32::try_from(hit.layer).ok().filter(|&layer| layer < 1 << FirstStep::LAYER_BITS)?;
            let entry = Some(hit.entry).filter(|&entry| entry < 1 << (32 - FirstStep::ENTRY_SHIFT))?;
            word |= FirstStep::HIT
                | flag(hit.derived, FirstStep::DERIVED)
                | flag(hit.ambiguous, FirstStep::AMBIGUOUS)
                | flag(hit.genitive, FirstStep::GENITIVE)
                | flag(hit.fuzzy, FirstStep::FUZZY)
                | layer << FirstStep::LAYER_SHIFT
                | entry << FirstStep::ENTRY_SHIFT;
        }
        Some(FirstStep(word))
    }

    /// The step at unit `i`.
    fn unpack(self, i: usize) -> (Option<Hit>, bool) {
        let word = self.0;
        let on = |bit: u32| word & bit != 0;
        let hit = on(FirstStep::HIT).then(|| Hit {
            first: i,
            last: i,
            layer: ((word >> FirstStep::LAYER_SHIFT) & ((1 << FirstStep::LAYER_BITS) - 1)) as usize,
            entry: word >> FirstStep::ENTRY_SHIFT,
            derived: on(FirstStep::DERIVED),
            ambiguous: on(FirstStep::AMBIGUOUS),
            genitive: on(FirstStep::GENITIVE),
            fuzzy: on(FirstStep::FUZZY),
        });
        (hit, on(FirstStep::READ_ON))
    }

    /// The word the cache of words keeps; never 0.
    pub fn to_bits(self) -> u32 {
        self.0
    }

    /// A step the cache kept, `None` for 0 (none kept).
    pub fn from_bits(bits: u32) -> Option<FirstStep> {
        (bits & FirstStep::PACKED != 0).then_some(FirstStep(bits))
    }
}

/// A gazetteer entry, with whose lists it comes from: the built-in lists
/// live as long as the program, so what a document takes of their entries
/// it borrows; a user's lists live as long as their extractor, which a
/// document may outlive, so what it takes of them it copies.
#[derive(Clone, Copy)]
pub(crate) enum EntryOf<'l> {
    Builtin(&'static Entry),
    User(&'l Entry),
}

impl EntryOf<'_> {
    /// A string of the entry, for a document of any lifetime.
    pub fn text<'t>(self, of: impl for<'e> Fn(&'e Entry) -> &'e str) -> Cow<'t, str> {
        self.text_if(|entry| Some(of(entry))).unwrap_or_default()
    }

    /// [`text`](Self::text) of a string the entry may not have.
    pub fn text_if<'t>(self, of: impl for<'e> Fn(&'e Entry) -> Option<&'e str>) -> Option<Cow<'t, str>> {
        match self {
            EntryOf::Builtin(entry) => of(entry).map(Cow::Borrowed),
            EntryOf::User(entry) => of(entry).map(|text| Cow::Owned(text.to_owned())),
        }
    }
}

/// The user's lists (if any) over the built-in ones.
#[derive(Clone, Debug)]
pub(crate) struct Layers {
    user: Option<Arc<Gazetteer>>,
}

impl Layers {
    pub fn new(user: Option<Arc<Gazetteer>>) -> Layers {
        Layers { user }
    }

    /// Every table of every layer, highest priority first; a hit's `layer` indexes this sequence.
    fn each(&self) -> impl Iterator<Item = &Gazetteer> {
        self.user.as_deref().into_iter().flat_map(Gazetteer::tables).chain(BUILTIN.tables())
    }

    /// Entry `index` of table `layer` of [`each`](Self::each), told apart by
    /// whose lists it comes from.
    pub(crate) fn entry(&self, layer: usize, index: u32) -> Option<EntryOf<'_>> {
        let user_tables = self.user.as_deref().map_or(0, |g| g.tables().count());
        match layer.checked_sub(user_tables) {
            None => self.user.as_deref()?.tables().nth(layer)?.entry(index).map(EntryOf::User),
            Some(builtin_layer) => {
                let builtin: &'static Gazetteer = &BUILTIN;
                builtin.tables().nth(builtin_layer)?.entry(index).map(EntryOf::Builtin)
            }
        }
    }

    /// The [`Facts`] of [`entry`](Self::entry).
    pub(crate) fn facts(&self, layer: usize, index: u32) -> Option<Facts> {
        self.each().nth(layer).and_then(|g| g.facts(index))
    }

    /// The entry a name refers to, the user's lists first.
    pub fn lookup(&self, name: &str) -> Option<&Entry> {
        self.user.as_deref().and_then(|g| g.lookup(name)).or_else(|| BUILTIN.lookup(name))
    }

    /// Whether a folded word begins some person's name in the lists.
    pub fn is_person_first_word(&self, folded: &str) -> bool {
        self.each().any(|g| g.person_first_words.contains(folded))
    }

    fn max_units(&self) -> usize {
        self.each().map(|g| g.max_units).max().unwrap_or(1).max(1)
    }

    /// The chains of tables (each [`Gazetteer::tables`]), highest priority
    /// first; their tables, in order, are [`Layers::each`].
    fn chains(&self) -> [Option<&Gazetteer>; 2] {
        [self.user.as_deref(), Some(&*BUILTIN)]
    }

    /// All hits in units `range`, left to right, longest first, not overlapping.
    pub fn find(&self, units: &Units, range: std::ops::Range<usize>, out: &mut Vec<Hit>) {
        let max_units = self.max_units();
        // Walking the chains once per call, not once per key: asking the
        // built-in lists whether they are loaded took a tenth of the matching.
        let chains = self.chains();
        let mut i = range.start;
        while i < range.end {
            let first = units.units[i];
            // Most words are known to start no name, and the first steps of
            // most others are known too (see `Units::first_steps`).
            let known = units.first_steps(i);
            let steps = match known {
                FirstStepsAt::NoName => None,
                FirstStepsAt::Known(steps) => Some(steps.map(Some)),
                FirstStepsAt::Unknown => Layers::may_start(&chains, units, i).then_some([None, None]),
            };
            let Some([exact, by_skeleton]) = steps else {
                i += 1;
                continue;
            };
            let limit = range.end.min(i + max_units);
            let mut best = self.longest(&chains, units, i, limit, false, exact);
            if best.is_none() && first.shape.is_upper_initial() {
                best = self.longest(&chains, units, i, limit, true, by_skeleton);
            }
            match best {
                Some(hit) => {
                    out.push(hit);
                    i = hit.last + 1;
                }
                None => i += 1,
            }
        }
    }

    /// Whether a name may start at unit `i`, by its kind and shape and, for
    /// a word in lower case, by the lists of names that start so.
    fn may_start(chains: &[Option<&Gazetteer>; 2], units: &Units, i: usize) -> bool {
        let Some(first) = units.units.get(i) else { return false };
        // The kind first: punctuation, a good part of the units, needs no hashing.
        matches!(first.kind, TokenKind::Word | TokenKind::Number)
            && match first.shape {
                Shape::Capitalised | Shape::AllCaps => true,
                _ => {
                    let word = units.folded_key(i, i);
                    let hash = hash_padded(word);
                    any_table_holds(chains, hash, |f| &f.lower_starts, |g| g.lower_starts.contains(word.as_str()))
                }
            }
    }

    /// What [`find`](Self::find) finds at unit `i`, a word of one unit,
    /// before it reads the next: the question it asks first there, of the
    /// word alone, its answer the same wherever the word stands.
    pub(crate) fn first_steps(&self, units: &Units, i: usize) -> FirstStepsAt {
        let chains = self.chains();
        if !Layers::may_start(&chains, units, i) {
            return FirstStepsAt::NoName;
        }
        let Some(first) = units.units.get(i) else { return FirstStepsAt::NoName };
        let exact = self.at(&chains, units, i, i, false);
        // The skeleton is asked of capitalised words only.
        let by_skeleton =
            if first.shape.is_upper_initial() { self.at(&chains, units, i, i, true) } else { (None, false) };
        if matches!((exact, by_skeleton), ((None, false), (None, false))) {
            return FirstStepsAt::NoName;
        }
        match (FirstStep::pack(exact), FirstStep::pack(by_skeleton)) {
            (Some(exact), Some(by_skeleton)) => FirstStepsAt::Known([exact, by_skeleton]),
            _ => FirstStepsAt::Unknown,
        }
    }

    /// The longest name at unit `i`; `chains` are [`Layers::chains`].
    /// `first` is the step at `i` alone, when it is known.
    fn longest(
        &self,
        chains: &[Option<&Gazetteer>; 2],
        units: &Units,
        i: usize,
        limit: usize,
        by_skeleton: bool,
        first: Option<FirstStep>,
    ) -> Option<Hit> {
        let mut best = None;
        for j in i..limit {
            // A name never ends on the hyphen of `Mecklenburg- Vorpommern`; it may read through it.
            if units.units[j].bridge {
                continue;
            }
            let (found, read_on) = match first {
                Some(step) if j == i => step.unpack(i),
                _ => self.at(chains, units, i, j, by_skeleton),
            };
            if let Some(hit) = found {
                best = Some(Hit { fuzzy: by_skeleton, ..hit });
            }
            if !read_on {
                break;
            }
        }
        best
    }

    /// The hit of the key of units `i..=j`, and whether some table has a
    /// longer name that begins with it.
    fn at(
        &self,
        chains: &[Option<&Gazetteer>; 2],
        units: &Units,
        i: usize,
        j: usize,
        by_skeleton: bool,
    ) -> (Option<Hit>, bool) {
        let key = if by_skeleton { units.skeleton_key(i, j) } else { units.folded_key(i, j) };
        let hash = hash_padded(key);
        let key = key.as_str();
        // The filters say for sure when no table's map holds the key; most
        // keys are in none, and those that cannot be genitives are done.
        let phrase = is_phrase(key.as_bytes());
        let mut holders = [Holders::NONE; 2];
        for (holders, head) in holders.iter_mut().zip(chains) {
            if let Some(head) = head {
                *holders = head.filters.keys[usize::from(by_skeleton)][usize::from(phrase)].holders(hash);
            }
        }
        let may_be_genitive = !by_skeleton & key.ends_with('s');
        // One branch on all three (`|`, not `||`): each alone is anyone's
        // guess, while together they mostly say stop.
        if !(may_be_genitive | holders[0].any() | holders[1].any()) {
            return (None, false);
        }
        let candidate = Candidate { key, hash, first: i, last: j, layer: 0 };
        self.look_up(chains, &holders, units, candidate, by_skeleton)
    }

    /// The hit of `candidate` in the first table that has one, and whether
    /// some table has a longer name that begins with it. `holders` are the
    /// tables of each chain that may hold the key.
    fn look_up(
        &self,
        chains: &[Option<&Gazetteer>; 2],
        holders: &[Holders; 2],
        units: &Units,
        candidate: Candidate,
        by_skeleton: bool,
    ) -> (Option<Hit>, bool) {
        let Candidate { key, hash, first: i, last: j, .. } = candidate;
        // Two fuzzy steps at once (`Hans` → `Haan`) find too much: no genitive by skeleton.
        // Hashed once, when some table does not know the key itself.
        let mut genitive_keys = None;
        let mut genitives = || {
            *genitive_keys.get_or_insert_with(|| {
                if by_skeleton { [None, None] } else { genitives(key) }.map(|k| k.map(|k| (k, hash_str(k))))
            })
        };
        let mut read_on = false;
        let mut found = None;
        // As for the entries, short words are too easily confused by their skeleton (`I` is not `Jiji`).
        // Asked only of a key some table holds: most keys are in none.
        let mut fuzzy_enough_answer = None;
        let mut fuzzy_enough = || {
            *fuzzy_enough_answer.get_or_insert_with(|| {
                !by_skeleton || units.folded(i, j).chars().filter(|c| c.is_alphabetic()).nth(3).is_some()
            })
        };
        let mut layer = 0;
        for (head, &holders) in chains.iter().zip(holders).filter_map(|(g, h)| Some((g.as_ref()?, h))) {
            // Where the genitives fall in this chain's filter, once some table asks.
            let mut genitive_holders = None;
            for (depth, g) in head.tables().enumerate() {
                let candidate = Candidate { layer, ..candidate };
                layer += 1;
                let map = if by_skeleton { &g.skeletons } else { &g.exact };
                let slot = if holders.may_hold(depth) { map.get_hashed(key, hash) } else { None };
                read_on |= slot.is_some_and(|s| s.prefix);
                // (Without a slot, a key by skeleton finds nothing: no genitives, no derived forms.)
                if found.is_some() || (slot.is_some() && !fuzzy_enough()) {
                    continue;
                }
                if let Some(hit) = slot.and_then(|s| self.accept(g, &candidate, s.key.as_ref(), units)) {
                    found = Some(hit);
                    continue;
                }
                let genitive_holders = genitive_holders.get_or_insert_with(|| {
                    genitives().map(|k| k.map(|(k, hash)| (k, hash, head.filters.of_key(false, k).holders(hash))))
                });
                let genitive = genitive_holders.iter().flatten().filter(|(_, _, h)| h.may_hold(depth)).find_map(
                    |&(k, hash, _)| {
                        let candidate = Candidate { key: k, hash, ..candidate };
                        self.accept(g, &candidate, map.get_hashed(k, hash).and_then(|s| s.key.as_ref()), units)
                    },
                );
                if let Some(hit) = genitive {
                    found = Some(Hit { genitive: true, ..hit });
                } else if !by_skeleton {
                    if let Some(entry) = slot.and_then(|s| s.derived) {
                        if units.units[i].first_part {
                            found = Some(Hit {
                                first: i,
                                last: j,
                                layer: candidate.layer,
                                entry,
                                derived: true,
                                ambiguous: false,
                                genitive: false,
                                fuzzy: false,
                            });
                        }
                    }
                }
            }
        }
        (found, read_on)
    }

    /// The hit of `candidate` if its table's `key` may match the text there.
    fn accept(&self, g: &Gazetteer, candidate: &Candidate, key: Option<&Key>, units: &Units) -> Option<Hit> {
        let key = key?;
        let entry = g.facts(key.entry)?;
        let (i, j) = (candidate.first, candidate.last);
        let span = &units.units[i..=j];
        // `BBC's` is the acronym in the genitive: its `s` does not count.
        let capitals = |u: &units::Unit| {
            let text = u.span().slice(units.text());
            let text = text.strip_suffix("'s").or_else(|| text.strip_suffix("’s")).unwrap_or(text);
            matches!(Shape::of(text), Shape::AllCaps | Shape::Digits | Shape::Other)
        };
        if key.caps_only && !span.iter().all(capitals) {
            return None;
        }
        if !key.lower_start && !matches!(span[0].shape, Shape::Capitalised | Shape::AllCaps | Shape::Digits) {
            return None;
        }
        if !units.whole_tokens(i, j) {
            // `Kreml` in `Kreml-Sprecher`, but not `Ji` in `Ji-hoon`: a lower-case
            // part after the match makes it one word, not a compound of names.
            let lower_next =
                !units.units[j].last_part && units.units.get(j + 1).is_some_and(|u| u.shape == Shape::Lower);
            if entry.no_part() || lower_next {
                return None;
            }
        }
        let ambiguous = entry.ambiguous()
            || any_table_holds(
                &self.chains(),
                candidate.hash,
                |f| &f.ambiguous_keys,
                |g| g.ambiguous_keys.contains(candidate.key),
            );
        Some(Hit {
            first: i,
            last: j,
            layer: candidate.layer,
            entry: key.entry,
            derived: false,
            ambiguous,
            genitive: false,
            fuzzy: false,
        })
    }
}

/// A key of the text that a table holds: units `first..=last` of the text,
/// the table of layer `layer`.
#[derive(Clone, Copy)]
struct Candidate<'k> {
    key: &'k str,
    hash: u64,
    first: usize,
    last: usize,
    layer: usize,
}

/// Whether some table of `chains` holds a key of this hash, as `holds` says,
/// asking only those tables that the chain's filter (`filter`) lets through.
fn any_table_holds(
    chains: &[Option<&Gazetteer>],
    hash: u64,
    filter: impl Fn(&ChainFilters) -> &TableFilter,
    holds: impl Fn(&Gazetteer) -> bool,
) -> bool {
    chains.iter().flatten().any(|head| {
        let holders = filter(&head.filters).holders(hash);
        holders.any() && head.tables().enumerate().any(|(depth, g)| holders.may_hold(depth) && holds(g))
    })
}

/// The key without a genitive ending: `kims` → `kim`, `putin's` → `putin`,
/// `griechenlandes` → `griechenland`.
fn genitives(key: &str) -> [Option<&str>; 2] {
    // Every genitive ends in `s`: most keys are done before looking for their last unit.
    if !key.ends_with('s') {
        return [None, None];
    }
    genitives_of_key_in_s(key)
}

/// [`genitives`] for a key that ends in `s`.
fn genitives_of_key_in_s(key: &str) -> [Option<&str>; 2] {
    let last_unit_len = key.rsplit(' ').next().map_or(0, str::len);
    if let Some(stripped) = key.strip_suffix("'s") {
        return [Some(stripped), None];
    }
    if last_unit_len <= 3 {
        return [None, None];
    }
    let es = if last_unit_len > 5 { key.strip_suffix("es") } else { None };
    [key.strip_suffix('s'), es]
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn split_ascii_cuts_as_str_split(text in "[a-c\t|, äß’]{0,12}") {
            for separator in [b'\t', b'|', b',', b' '] {
                let expected: Vec<&str> = text.split(char::from(separator)).collect();
                let cut: Vec<&str> = split_ascii(&text, separator).collect();
                proptest::prop_assert_eq!(cut, expected);
            }
        }

        #[test]
        fn ascii_letter_counts_agree_with_unicode_ones(name in "[A-Za-z0-9 '.-]{0,8}") {
            let mut g = Gazetteer::default();
            let mut keys = KeyBuilder::default();
            g.add_name(&name, 0, true, &mut keys);
            let letters = name.chars().filter(|c| c.is_alphabetic()).count();
            let all_upper = name.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
            let caps_only = all_upper && (2..=4).contains(&letters);
            let folded = name_key(&name, false);
            if let Some(key) = g.exact.get(&folded).and_then(|s| s.key) {
                proptest::prop_assert_eq!(key.caps_only, caps_only);
            }
        }
    }

    #[test]
    fn a_first_step_packs_every_field_it_holds_and_refuses_what_it_cannot() {
        let hit = |layer: usize, entry: u32, flags: u8| Hit {
            first: 3,
            last: 3,
            layer,
            entry,
            derived: flags & 1 != 0,
            ambiguous: flags & 2 != 0,
            genitive: flags & 4 != 0,
            fuzzy: flags & 8 != 0,
        };
        let same = |a: Option<Hit>, b: Option<Hit>| format!("{a:?}") == format!("{b:?}");
        for (layer, entry) in [(0, 0), (1, 64_453), (31, (1 << 20) - 1)] {
            for flags in 0..16 {
                for read_on in [false, true] {
                    let step = FirstStep::pack((Some(hit(layer, entry, flags)), read_on)).unwrap();
                    assert_ne!(step.to_bits(), 0);
                    let (unpacked, read_on_again) = FirstStep::from_bits(step.to_bits()).unwrap().unpack(3);
                    assert!(same(unpacked, Some(hit(layer, entry, flags))) && read_on_again == read_on);
                }
            }
        }
        let no_hit = FirstStep::pack((None, true)).unwrap();
        assert!(matches!(no_hit.unpack(0), (None, true)));
        // Past the bits, the step is not kept, and the word is looked up wherever it stands.
        assert!(FirstStep::pack((Some(hit(32, 0, 0)), false)).is_none());
        assert!(FirstStep::pack((Some(hit(0, 1 << 20, 0)), false)).is_none());
        assert!(FirstStep::from_bits(0).is_none());
        // The built-in lists fit.
        let entries = BUILTIN.tables().map(|g| g.entries.len()).max().unwrap_or(0);
        assert!(BUILTIN.tables().count() < 32 && entries < 1 << 20, "{entries} entries");
    }

    #[test]
    fn the_facts_of_every_entry_say_what_the_entry_says() {
        let mut subtypes = std::collections::BTreeSet::new();
        for g in BUILTIN.tables() {
            assert_eq!(g.facts.len(), g.entries.len());
            for (entry, &facts) in g.entries.iter().zip(&g.facts) {
                assert_eq!(facts.kind(), entry.kind);
                assert_eq!(facts.ambiguous(), entry.ambiguous);
                assert_eq!(facts.no_part(), entry.no_part);
                assert_eq!(facts.generated(), entry.generated);
                assert_eq!(facts.has_kb_id(), entry.kb_id.is_some());
                assert_eq!(facts.name_in_capitals(), Shape::of(&entry.name_en) == Shape::AllCaps);
                let named = match facts.subtype() {
                    Subtype::Country => Some("country"),
                    Subtype::Continent => Some("continent"),
                    Subtype::Region => Some("region"),
                    Subtype::Site => Some("site"),
                    Subtype::City => Some("city"),
                    Subtype::Other => None,
                };
                match named {
                    Some(name) => assert_eq!(&*entry.subtype, name),
                    None => assert!(!["country", "continent", "region", "site", "city"].contains(&&*entry.subtype)),
                }
                subtypes.insert(facts.subtype() as u8);
            }
        }
        assert_eq!(subtypes.len(), Subtype::ALL.len(), "the built-in lists have every class of subtype");
        // Each kind and flag both ways, beyond the lists.
        for kind in [EntityKind::Person, EntityKind::Place, EntityKind::Organisation] {
            for flags in 0..32u8 {
                let on = |bit: u8| flags & bit != 0;
                let entry = Entry {
                    kind,
                    subtype: "site".into(),
                    kb_id: on(1).then(|| "Q1".into()),
                    name_en: if on(2) { "DEMOS" } else { "Demos" }.into(),
                    name_de: None,
                    ambiguous: on(4),
                    no_part: on(8),
                    generated: on(16),
                };
                let facts = Facts::of(&entry);
                assert_eq!(
                    (facts.kind(), facts.has_kb_id(), facts.name_in_capitals(), facts.ambiguous()),
                    (kind, on(1), on(2), on(4))
                );
                assert_eq!((facts.no_part(), facts.generated(), facts.subtype()), (on(8), on(16), Subtype::Site));
            }
        }
    }

    #[test]
    fn entries_with_their_key_inside_are_no_larger_than_with_a_pointer_to_it() {
        assert!(std::mem::size_of::<keymap::StrEntry<Slot>>() <= 48);
    }

    #[test]
    fn built_in_filters_turn_away_no_key_of_a_table() {
        for (depth, g) in BUILTIN.tables().enumerate() {
            for (by_skeleton, map) in [(false, &g.exact), (true, &g.skeletons)] {
                for entry in map.iter() {
                    let key = map.key(entry);
                    let holders = BUILTIN.filters.of_key(by_skeleton, key).holders(entry.hash);
                    assert!(holders.may_hold(depth), "{key:?} of table {depth}");
                }
            }
            for word in &g.lower_starts {
                assert!(BUILTIN.filters.lower_starts.holders(hash_str(word)).may_hold(depth), "{word:?}");
            }
            for key in &g.ambiguous_keys {
                assert!(BUILTIN.filters.ambiguous_keys.holders(hash_str(key)).may_hold(depth), "{key:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn phrases_are_keys_with_a_space(key in "[a b]{0,20}|[a-zäöß ]{0,30}|[a-z]{0,40} ?[a-z]{0,10}") {
            proptest::prop_assert_eq!(is_phrase(key.as_bytes()), key.contains(' '));
        }
    }

    #[test]
    fn genitives_of_keys_without_an_s_are_found_early() {
        for key in [
            "",
            "s",
            "es",
            "'s",
            "bbc's",
            "bbc’s",
            "putins",
            "moskaus",
            "rundfunkes",
            "hauses",
            "haus",
            "kreml",
            "vereinigte staaten",
            "van der bellens",
            "nahost konflikt",
            "a s",
            "ab es",
            "ßs",
            "zürichs",
        ] {
            assert_eq!(genitives(key), genitives_of_key_in_s(key), "{key:?}");
        }
    }

    const LIST: &str = "# curated by hand; test list\n\
        #kind\tsubtype\tkb_id\tname_en\tname_de\taliases\tflags\n\
        person\tpolitician\tQ7747\tVladimir Putin\tWladimir Putin\tPutin\t\n\
        place\tcity\tQ649\tMoscow\tMoskau\t\t\n\
        place\tcountry\tQ30\tUnited States\tVereinigte Staaten\tUSA|US\t\n\
        place\tcity\t\tEssen\t\t\tambiguous\n\
        organisation\tbroadcaster\t\tRossiya-24\tRossija-24\t\t\n\
        organisation\tgovernment\t\tKremlin\tKreml\t\t\n";

    fn hits(g: Gazetteer, text: &str) -> Vec<(String, bool, bool)> {
        let layers = Layers { user: Some(Arc::new(g)) };
        let tokens = tokenize(text);
        let units = Units::new(text, &tokens);
        let mut out = Vec::new();
        layers.find(&units, 0..units.units.len(), &mut out);
        out.iter()
            .filter(|h| h.layer == 0)
            .map(|h| {
                (
                    text[units.units[h.first].span().start..units.units[h.last].span().end].to_string(),
                    h.derived,
                    h.ambiguous,
                )
            })
            .collect()
    }

    fn names(g: Gazetteer, text: &str) -> Vec<String> {
        hits(g, text).into_iter().map(|h| h.0).collect()
    }

    fn list() -> Gazetteer {
        Gazetteer::from_tsv("test", LIST).unwrap()
    }

    #[test]
    fn exact_genitive_and_transliterated_forms_match() {
        assert_eq!(names(list(), "Wladimir Putin und Putins Moskau"), ["Wladimir Putin", "Putins", "Moskau"]);
        assert_eq!(names(list(), "Vladimir Putin in MOSCOW"), ["Vladimir Putin", "MOSCOW"]);
        assert_eq!(
            names(list(), "Rossija-24 und Rossiya-24 und Rossija 24"),
            ["Rossija-24", "Rossiya-24", "Rossija 24"]
        );
    }

    #[test]
    fn german_names_decline_their_adjectives() {
        let rows = "place\tcountry\t\tUnited Arab Emirates\tVereinigte Arabische Emirate\tRussische Föderation\t\n\
                    organisation\tnewspaper\t\tNeue Zürcher Zeitung\t\t\t\n";
        let g = || Gazetteer::from_tsv("test", rows).unwrap();
        assert_eq!(
            names(g(), "in die Vereinigten Arabischen Emirate, aus der Russischen Föderation"),
            ["Vereinigten Arabischen Emirate", "Russischen Föderation"]
        );
        // A city's adjective in `-er` does not decline.
        assert_eq!(names(g(), "in der Neuen Zürcher Zeitung"), ["Neuen Zürcher Zeitung"]);
    }

    #[test]
    fn compound_parts_match_but_not_pieces_of_words() {
        assert_eq!(names(list(), "Der Kreml-Sprecher im Kremlgebäude"), ["Kreml"]);
        assert_eq!(names(list(), "US-Beamte"), ["US"]);
    }

    #[test]
    fn acronyms_match_only_in_capitals_and_names_only_capitalised() {
        assert_eq!(names(list(), "let us go to the USA"), ["USA"]);
        assert!(names(list(), "in moskau").is_empty());
    }

    #[test]
    fn names_of_organisations_decline_their_adjective() {
        let list = Gazetteer::from_tsv(
            "test",
            "organisation\tnewspaper\t\tPassauer Neue Presse\t\t\t\n\
             organisation\tcompany\t\tDeutsche Bahn\t\t\t\n\
             organisation\tnewspaper\t\tBerliner Zeitung\t\t\t\n",
        )
        .unwrap();
        assert_eq!(
            names(list, "Der Passauer Neuen Presse sagte der Chef der Deutschen Bahn nichts."),
            ["Passauer Neuen Presse", "Deutschen Bahn"]
        );
        let list = Gazetteer::from_tsv("test", "organisation\tnewspaper\t\tBerliner Zeitung\t\t\t\n").unwrap();
        // Only an adjective declines: the noun after a place's `-er` form does not.
        assert!(names(list, "Die Berliner Zeitunge und Berliner Zeitungem").is_empty());
    }

    #[test]
    fn ambiguous_entries_are_reported_as_such() {
        assert_eq!(hits(list(), "in Essen"), [("Essen".to_string(), false, true)]);
    }

    #[test]
    fn malformed_user_lists_name_the_line() {
        let err = Gazetteer::from_tsv("mine.tsv", "# x\nplanet\t\t\tMars\n").unwrap_err();
        assert_eq!(err.to_string(), "mine.tsv:2: unknown kind \"planet\": use person, place or organisation");
        let err = Gazetteer::from_tsv("mine.tsv", "person\n").unwrap_err();
        assert!(err.to_string().starts_with("mine.tsv:1: expected 4 to 7"));
    }

    #[test]
    fn entry_names_follow_the_language() {
        let g = list();
        let e = g.lookup("Moskau").unwrap();
        assert_eq!(e.name(Language::De), "Moskau");
        assert_eq!(e.name(Language::En), "Moscow");
        assert_eq!(e.kb_id.as_deref(), Some("Q649"));
        assert_eq!(g.by_kb_id("Q30").map(|e| &*e.name_en), Some("United States"));
    }
}
