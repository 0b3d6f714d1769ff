//! Stage 4: mentions → entities: one entity per referent in the document.
//!
//! In the spirit of GATE's OrthoMatcher:
//!
//! 1. Mentions of one gazetteer entry are one entity; so are mentions whose
//!    transliteration skeletons agree (`Rossija-24` and `Rossiya-24`).
//! 2. Every name of two words or more registers its short forms: a person's
//!    first and last word (`Putin`, `Kim`), a place's last word after a cue
//!    (`Wostotschny` of `Kosmodrom Wostotschny`), an organisation's acronym
//!    (`EEF` of `Eastern Economic Forum`).
//! 3. One-word mentions join the entity whose short form they are; a short
//!    form shared by two entities (`Kim` of `Kim Jong Un` and of
//!    `Kim Jae-chun`) goes to the more salient one, the one with more mentions.
//! 4. One sense per document: every other capitalised word in the document
//!    that equals a name or short form established this way, also in the
//!    genitive (`Kims`) or as part of a compound (`EEF-Panel`), becomes a
//!    mention too.
//!
//! Each step is a hash look-up per mention or word: the stage is linear in
//! the length of the document.

use std::borrow::Cow;

use crate::gazetteer::units::{KeptKeys, KeyRange, Units};
use crate::gazetteer::Layers;
use crate::hash::FxHashMap;
use crate::lang::Language;
use crate::lexicon::RuleLexicon;
use crate::mentions::Found;
use crate::model::{Entity, EntityId, EntityKind, Mention, MentionSource};
use crate::sentences::Sentence;
use crate::span::Span;
use crate::tokenize::{Shape, TokenKind};

struct Draft {
    kind: EntityKind,
    entry: Option<(usize, u32)>,
    mentions: Vec<Mention>,
    /// The fullest non-derived mention: most units, then earliest.
    best: Option<(usize, Span)>,
}

impl Draft {
    fn add(&mut self, mention: Mention, units: usize) {
        if !mention.derived && self.best.is_none_or(|(n, _)| units > n) {
            self.best = Some((units, mention.span));
        }
        self.mentions.push(mention);
    }
}

/// Short forms and names, each mapping to the entities it may refer to.
/// Keys are slices of the document's unit keys, or of the initials of its names (acronyms).
struct Aliases<K> {
    map: FxHashMap<K, Targets>,
    /// Most capitalised words of a document are no alias: the filter turns
    /// them away without hashing them.
    filter: KeyFilter,
}

/// The entities of one key: nearly always one, which needs no list of its own.
struct Targets {
    first: usize,
    others: Vec<usize>,
}

impl Targets {
    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        std::iter::once(self.first).chain(self.others.iter().copied())
    }
}

/// A set of keys' first two bytes and lengths: a key not in the set is
/// certainly no key of the map; one in the set may be.
#[derive(Default)]
struct KeyFilter {
    bits: crate::hash::KeyBits,
}

impl KeyFilter {
    fn key(key: &str) -> u64 {
        let bytes = key.as_bytes();
        let first = bytes.first().copied().unwrap_or(0) as u64;
        let second = bytes.get(1).copied().unwrap_or(0) as u64;
        first | second << 8 | (bytes.len() as u64) << 16
    }

    fn insert(&mut self, key: &str) {
        self.bits.insert(KeyFilter::key(key));
    }

    fn may_hold(&self, key: &str) -> bool {
        self.bits.may_hold(KeyFilter::key(key))
    }
}

impl<K> Default for Aliases<K> {
    fn default() -> Self {
        Aliases { map: FxHashMap::default(), filter: KeyFilter::default() }
    }
}

impl<K: std::borrow::Borrow<str> + std::hash::Hash + Eq> Aliases<K> {
    fn add(&mut self, key: K, entity: usize) {
        if key.borrow().is_empty() {
            return;
        }
        self.filter.insert(key.borrow());
        match self.map.entry(key) {
            std::collections::hash_map::Entry::Occupied(mut slot) => {
                let targets = slot.get_mut();
                if targets.first != entity && !targets.others.contains(&entity) {
                    targets.others.push(entity);
                }
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(Targets { first: entity, others: Vec::new() });
            }
        }
    }

    fn contains(&self, key: &str) -> bool {
        self.filter.may_hold(key) && self.map.contains_key(key)
    }

    /// The most salient entity for a key, optionally only of one kind.
    #[inline]
    fn resolve(&self, key: &str, drafts: &[Draft], kind: Option<EntityKind>) -> Option<usize> {
        // The filter in line, the look-up out of it: most words stop at the filter.
        if !self.filter.may_hold(key) {
            return None;
        }
        self.resolve_listed(key, drafts, kind)
    }

    #[inline(never)]
    fn resolve_listed(&self, key: &str, drafts: &[Draft], kind: Option<EntityKind>) -> Option<usize> {
        self.map
            .get(key)?
            .iter()
            .filter(|&e| kind.is_none_or(|k| drafts[e].kind == k))
            .max_by_key(|&e| (drafts[e].mentions.len(), std::cmp::Reverse(e)))
    }
}

pub(crate) struct Input<'a, 't> {
    pub text: &'t str,
    pub keys: &'a KeptKeys,
    pub candidates: &'a Candidates,
    pub sentences: &'a [Sentence],
    pub layers: &'a Layers,
    pub lexicon: &'a RuleLexicon,
    pub language: Language,
}

/// What the stage reads of a document's mentions and of its capitalised
/// words that no mention covers, gathered from the units of each block of
/// sentences while they are at hand (see [`crate::Extractor`]); their keys
/// are ranges of the document's [`KeptKeys`].
#[derive(Default)]
pub(crate) struct Candidates {
    mentions: Vec<Named>,
    /// The capitalised words no mention covers, in text order.
    words: Vec<Word>,
    /// The initials of the organisations' names.
    initials: String,
    /// Of the units of the block being added: whether a mention covers them.
    covered: Vec<bool>,
    uncovered: Vec<usize>,
}

/// A mention and the keys it is linked by.
struct Named {
    span: Span,
    sentence: usize,
    kind: EntityKind,
    entry: Option<(usize, u32)>,
    derived: bool,
    units: usize,
    /// The skeleton of the name (of a company, without its legal form).
    name: KeyRange,
    /// The folded key of a one-word mention.
    folded: KeyRange,
    /// The skeletons of the short forms a full name registers: a person's
    /// first and last word, a place's last word.
    short_forms: [Option<KeyRange>; 2],
    /// The initials of an organisation's capitalised words, folded: a range
    /// of [`Candidates::initials`].
    initials: KeyRange,
}

/// A capitalised word no mention covers.
struct Word {
    start: u32,
    end: u32,
    token: u32,
    all_caps: bool,
    skeleton: KeyRange,
    folded: KeyRange,
}

impl Block<'_> {
    /// Where the folded and the skeleton key of units `first..=last` are kept.
    fn keys_of(&self, first: usize, last: usize) -> (KeyRange, KeyRange) {
        let ((f0, f1), (s0, s1)) = self.units.key_ranges(first, last);
        let (folded, skeleton) = self.keys_start;
        ((folded + f0, folded + f1), (skeleton + s0, skeleton + s1))
    }

    /// Where the folded key of units `first..=last` is kept.
    fn folded_of(&self, first: usize, last: usize) -> KeyRange {
        self.keys_of(first, last).0
    }

    /// Where the skeleton key of units `first..=last` is kept.
    fn skeleton_of(&self, first: usize, last: usize) -> KeyRange {
        self.keys_of(first, last).1
    }
}

impl Candidates {
    /// Empties the candidates for the next document, keeping the buffers.
    pub fn clear(&mut self) {
        self.mentions.clear();
        self.words.clear();
        self.initials.clear();
    }

    /// Adds the mentions `found` in the units of `block`, and the
    /// capitalised words no mention covers.
    pub fn add(&mut self, block: &Block<'_>, found: &[Found], lexicon: &RuleLexicon) {
        let units = block.units;
        for f in found {
            self.add_mention(block, f, lexicon);
        }
        let mut covered = std::mem::take(&mut self.covered);
        covered.clear();
        covered.resize(units.units.len(), false);
        for f in found {
            if let Some(run) = covered.get_mut(f.first_unit..=f.last_unit) {
                run.fill(true);
            }
        }
        // The capitalised words no mention covers, gathered first (see
        // `positions_where`), a stretch of units at a time.
        let mut uncovered = std::mem::take(&mut self.uncovered);
        let stretches = units.units.chunks(UNITS_AT_A_TIME).zip(covered.chunks(UNITS_AT_A_TIME));
        for (stretch, (stretch_units, stretch_covered)) in stretches.enumerate() {
            crate::select::positions_where_into(
                stretch_units
                    .iter()
                    .zip(stretch_covered)
                    .map(|(unit, &covered)| !covered & (unit.kind == TokenKind::Word) & unit.shape.is_upper_initial()),
                &mut uncovered,
            );
            self.words.extend(uncovered.iter().filter_map(|&i| {
                let i = stretch * UNITS_AT_A_TIME + i;
                let unit = units.units.get(i)?;
                let span = unit.span();
                let (folded, skeleton) = block.keys_of(i, i);
                Some(Word {
                    start: span.start as u32,
                    end: span.end as u32,
                    token: (block.first_token + unit.token()) as u32,
                    all_caps: unit.shape == Shape::AllCaps,
                    skeleton,
                    folded,
                })
            }));
        }
        self.covered = covered;
        self.uncovered = uncovered;
    }

    fn add_mention(&mut self, block: &Block<'_>, f: &Found, lexicon: &RuleLexicon) {
        let mut named = Named {
            span: f.span,
            sentence: block.first_sentence + f.sentence,
            kind: f.kind,
            entry: f.entry,
            derived: f.derived,
            units: f.last_unit.saturating_sub(f.first_unit) + 1,
            name: block.skeleton_of(f.first_unit, f.last_unit),
            folded: (0, 0),
            short_forms: [None; 2],
            initials: (0, 0),
        };
        if named.units > 1 {
            // `Casinos Austria AG` is `Casinos Austria`: a legal form does not make another company.
            if f.kind == EntityKind::Organisation && is_legal_form(block, lexicon, f.last_unit) {
                named.name = block.skeleton_of(f.first_unit, f.last_unit - 1);
            }
            if !f.derived {
                self.add_short_forms(block, f, &mut named);
            }
        } else {
            named.folded = block.folded_of(f.first_unit, f.last_unit);
        }
        self.mentions.push(named);
    }

    /// The short forms of the full name `f` (see [`Named::short_forms`]).
    fn add_short_forms(&mut self, block: &Block<'_>, f: &Found, named: &mut Named) {
        let units = block.units;
        let is_name_word = |u: usize| units.units[u].shape.is_upper_initial() && units.units[u].kind == TokenKind::Word;
        match f.kind {
            EntityKind::Person => {
                // Hyphenated given names (`Jae-chun`) are one short form, not two.
                let last_token = units.units[f.last_unit].token();
                let last_token_first_unit = units.of_tokens(last_token, last_token + 1).start;
                if is_name_word(f.first_unit) {
                    named.short_forms[0] = Some(block.skeleton_of(f.first_unit, f.first_unit));
                }
                if last_token_first_unit > f.first_unit && is_name_word(last_token_first_unit) {
                    named.short_forms[1] = Some(block.skeleton_of(last_token_first_unit, f.last_unit));
                }
            }
            EntityKind::Place => {
                if is_name_word(f.last_unit) {
                    named.short_forms[0] = Some(block.skeleton_of(f.last_unit, f.last_unit));
                }
            }
            EntityKind::Organisation => {
                let start = self.initials.len() as u32;
                for u in (f.first_unit..=f.last_unit).filter(|&u| is_name_word(u)) {
                    if let Some(initial) = units.folded(u, u).chars().next() {
                        self.initials.push(initial);
                    }
                }
                named.initials = (start, self.initials.len() as u32);
            }
        }
    }

    fn initials(&self, range: KeyRange) -> &str {
        self.initials.get(range.0 as usize..range.1 as usize).unwrap_or_default()
    }
}

/// One block of a document's sentences, its units and where their keys are kept.
pub(crate) struct Block<'a> {
    pub text: &'a str,
    pub units: &'a Units<'a>,
    /// Where the keys of `units` are kept (see [`KeptKeys::next_start`]).
    pub keys_start: (u32, u32),
    /// The document's index of the block's first sentence and first token.
    pub first_sentence: usize,
    pub first_token: usize,
}

/// Groups mentions into entities, ordered by first mention.
// Called once per document: out of line, the stage stands alone in profiles.
#[inline(never)]
pub(crate) fn link<'t>(input: &Input<'_, 't>) -> Vec<Entity<'t>> {
    let (keys, candidates) = (input.keys, input.candidates);
    let found = &candidates.mentions;
    // Sized for a draft per mention at most: no table grows and rehashes on the way.
    let mut drafts: Vec<Draft> = Vec::with_capacity(found.len());
    let mut by_entry: FxHashMap<(usize, u32), usize> =
        FxHashMap::with_capacity_and_hasher(found.len(), Default::default());
    let mut by_name: FxHashMap<(EntityKind, &str), usize> =
        FxHashMap::with_capacity_and_hasher(found.len(), Default::default());
    let mut aliases: Aliases<&str> = Aliases::default();
    // Two short forms per full name at most, then the one-word names.
    aliases.map.reserve(found.len() + 2 * found.iter().filter(|f| f.units > 1).count());
    let mut acronyms: Aliases<&str> = Aliases::default();

    let mention_of =
        |f: &Named| Mention { span: f.span, sentence: f.sentence, derived: f.derived, source: source_of(f.entry) };

    // 1. Entries and full names of two words or more.
    let full = found.iter().filter(|f| f.units > 1);
    let single = found.iter().filter(|f| f.units <= 1);
    for f in full {
        let key = keys.skeleton(f.name);
        let id = match f.entry {
            Some(entry) => match by_entry.get(&entry) {
                Some(&id) => id,
                None => {
                    // A name the rules found first may turn out to be this entry.
                    let id = by_name.get(&(f.kind, key)).copied().unwrap_or_else(|| new_draft(&mut drafts, f));
                    drafts[id].entry = drafts[id].entry.or(Some(entry));
                    by_entry.insert(entry, id);
                    id
                }
            },
            None => *by_name.entry((f.kind, key)).or_insert_with(|| new_draft(&mut drafts, f)),
        };
        if !f.derived {
            by_name.entry((f.kind, key)).or_insert(id);
            register_short_forms(keys, candidates, f, id, &mut aliases, &mut acronyms);
        }
        drafts[id].add(mention_of(f), f.units);
    }

    // 2. One-word mentions: a short form of a person named in full wins over
    // any list entry (`Kim` is no place where Kim Jong Un is named), then the
    // entry, then a short form or acronym, then a name of its own.
    for f in single {
        let whole = keys.skeleton(f.name);
        let folded = keys.folded(f.folded);
        // The word as it stands, or else without a genitive `-s` (`Abbas` is no genitive of `Abba`).
        let person = (!f.derived)
            .then(|| {
                aliases
                    .resolve(whole, &drafts, Some(EntityKind::Person))
                    .or_else(|| aliases.resolve(strip_genitive(whole), &drafts, Some(EntityKind::Person)))
            })
            .flatten();
        let key = if aliases.contains(whole) || by_name.contains_key(&(f.kind, whole)) {
            whole
        } else {
            strip_genitive(whole)
        };
        let id = match (person, f.entry) {
            (Some(id), _) => id,
            (None, Some(entry)) => *by_entry.entry(entry).or_insert_with(|| new_draft(&mut drafts, f)),
            (None, None) => match aliases
                .resolve(key, &drafts, None)
                .or_else(|| acronyms.resolve(folded, &drafts, None))
                .or_else(|| by_name.get(&(f.kind, key)).copied())
            {
                Some(id) => id,
                None => {
                    let id = new_draft(&mut drafts, f);
                    by_name.insert((f.kind, key), id);
                    id
                }
            },
        };
        if !f.derived && f.entry.is_some() {
            by_name.entry((f.kind, key)).or_insert(id);
        }
        drafts[id].add(mention_of(f), 1);
    }
    for (&(_, key), &id) in &by_name {
        if !key.contains(' ') {
            aliases.add(key, id);
        }
    }

    // 3. One sense per document.
    let mut sentence = 0;
    for word in &candidates.words {
        let key = keys.skeleton(word.skeleton);
        let target = aliases
            .resolve(key, &drafts, None)
            .or_else(|| aliases.resolve(strip_genitive(key), &drafts, None))
            .or_else(|| {
                word.all_caps
                    .then(|| acronyms.resolve(keys.folded(word.folded), &drafts, Some(EntityKind::Organisation)))
                    .flatten()
            });
        // Asked only of the few words that name an entity: most capitalised words name none.
        let function_word = || input.lexicon.is_function_word(keys.folded(word.folded));
        if let Some(id) = target.filter(|_| !function_word()) {
            // Sought only for the words that join an entity: words come in text order.
            while sentence + 1 < input.sentences.len() && input.sentences[sentence].end_token <= word.token as usize {
                sentence += 1;
            }
            let span = Span::new(word.start as usize, word.end as usize);
            drafts[id].add(Mention { span, sentence, derived: false, source: MentionSource::Document }, 1);
        }
    }

    finish(input, drafts)
}

/// Units read at a time where a stage reads them twice: a stretch of them
/// stays in the first-level cache.
const UNITS_AT_A_TIME: usize = 512;

fn is_legal_form(block: &Block<'_>, lexicon: &RuleLexicon, unit: usize) -> bool {
    let text = block.units.units[unit].span().slice(block.text);
    lexicon.legal_forms.iter().any(|form| form == text)
}

fn new_draft(drafts: &mut Vec<Draft>, f: &Named) -> usize {
    // Most entities are named once: room for one mention, where a first push reserves four.
    drafts.push(Draft { kind: f.kind, entry: f.entry, mentions: Vec::with_capacity(1), best: None });
    drafts.len() - 1
}

fn source_of(entry: Option<(usize, u32)>) -> MentionSource {
    if entry.is_some() {
        MentionSource::Gazetteer
    } else {
        MentionSource::Rule
    }
}

fn strip_genitive(key: &str) -> &str {
    if key.len() > 3 {
        key.strip_suffix('s').unwrap_or(key)
    } else {
        key
    }
}

fn register_short_forms<'k>(
    keys: &'k KeptKeys,
    candidates: &'k Candidates,
    f: &Named,
    id: usize,
    aliases: &mut Aliases<&'k str>,
    acronyms: &mut Aliases<&'k str>,
) {
    for short_form in f.short_forms.iter().flatten() {
        aliases.add(keys.skeleton(*short_form), id);
    }
    // Initials of the name's capitalised words, folded: `eef`; and their
    // beginnings from three letters on, since legal forms and generic words
    // often go unabbreviated (`LLI` for `Leipnik-Lundenburger Invest Beteiligungs AG`).
    let initials = candidates.initials(f.initials);
    if initials.chars().count() >= 2 {
        for (end, _) in initials.char_indices().skip(3) {
            acronyms.add(&initials[..end], id);
        }
        acronyms.add(initials, id);
    }
}

fn finish<'t>(input: &Input<'_, 't>, drafts: Vec<Draft>) -> Vec<Entity<'t>> {
    let mut entities: Vec<Entity<'t>> = drafts
        .into_iter()
        .filter(|d| !d.mentions.is_empty())
        .map(|mut d| {
            // Mostly one mention, or several in text order: sorting is then a call for nothing.
            if !d.mentions.is_sorted_by_key(|m| (m.span.start, m.span.end)) {
                d.mentions.sort_by_key(|m| (m.span.start, m.span.end));
            }
            d.mentions.dedup_by_key(|m| m.span);
            let entry = d.entry.and_then(|(layer, index)| input.layers.entry(layer, index));
            let name = match entry {
                Some(e) => e.text(|e| e.name(input.language)),
                None => Cow::Borrowed(
                    d.best.or_else(|| d.mentions.first().map(|m| (1, m.span))).map_or("", |(_, s)| s.slice(input.text)),
                ),
            };
            Entity {
                id: EntityId(0),
                kind: d.kind,
                name,
                kb_id: entry.and_then(|e| e.text_if(|e| e.kb_id.as_deref())),
                subtype: entry.and_then(|e| e.text_if(|e| Some(&*e.subtype).filter(|s| !s.is_empty()))),
                mentions: d.mentions,
            }
        })
        .collect();
    entities.sort_by_key(|e| e.mentions.first().map(|m| (m.span.start, m.span.end)));
    for (i, e) in entities.iter_mut().enumerate() {
        e.id = EntityId(i);
    }
    entities
}

#[cfg(test)]
mod tests {
    use crate::{Document, EntityKind, Extractor, Language};

    fn entities(text: &str) -> Vec<(EntityKind, String, Vec<String>)> {
        let extractor = Extractor::builder().language(Language::De).build().expect("default extractor");
        let doc: Document<'_> = extractor.extract(text);
        doc.entities
            .iter()
            .map(|e| (e.kind, e.name.to_string(), e.mentions.iter().map(|m| doc.slice(m.span).to_string()).collect()))
            .collect()
    }

    fn mentions_of<'e>(all: &'e [(EntityKind, String, Vec<String>)], name: &str) -> &'e [String] {
        all.iter().find(|(_, n, _)| n == name).map(|(_, _, m)| m.as_slice()).unwrap_or_default()
    }

    #[test]
    fn entity_strings_borrow_the_text_and_the_builtin_lists_and_copy_a_users_list() {
        use std::borrow::Cow;
        let text = "Olaf Scholz traf Wolodymyr Selenskyj und Hanna Voltenbrink in Kyjiw. Voltara liefert Strom.";
        let borrowed = |name: &Cow<'_, str>| matches!(name, Cow::Borrowed(_));
        let builtin = Extractor::builder().language(Language::De).build().expect("default extractor");
        let doc = builtin.extract(text);
        fn named<'t>(doc: &Document<'t>, name: &str) -> Option<crate::Entity<'t>> {
            doc.entities.iter().find(|e| e.name == name).cloned()
        }
        // A gazetteer entry: name, id and subtype borrow the built-in lists.
        let scholz = named(&doc, "Olaf Scholz").expect("Olaf Scholz is in the built-in lists");
        assert!(scholz.kb_id.is_some() && scholz.subtype.is_some());
        assert!(borrowed(&scholz.name) && scholz.kb_id.iter().chain(&scholz.subtype).all(borrowed));
        // A name the text spells out borrows the text.
        let unlisted = named(&doc, "Hanna Voltenbrink").expect("a name found by the rules");
        assert!(unlisted.kb_id.is_none() && borrowed(&unlisted.name));

        // A user's list may be dropped with its extractor before the document.
        let list = "organisation\tcompany\tQ999999999\tVoltara Energy\t\tVoltara\t\n";
        let doc = {
            let user = Extractor::builder().gazetteer_str("test", list).build().expect("a valid list");
            user.extract(text)
        };
        let voltara = named(&doc, "Voltara Energy").expect("the user's entry");
        assert_eq!((voltara.kb_id.as_deref(), voltara.subtype.as_deref()), (Some("Q999999999"), Some("company")));
        assert!(!borrowed(&voltara.name) && !voltara.kb_id.iter().chain(&voltara.subtype).any(borrowed));
    }

    #[test]
    fn the_alias_filter_turns_away_no_key_and_lists_each_entity_once() {
        use super::{Aliases, Draft};
        let keys = ["putin", "kim", "kims", "eef", "wostotschny", "a", "ab", "peskow", "rossija-24", "ök"];
        let mut aliases: Aliases<&str> = Aliases::default();
        for (entity, key) in keys.iter().enumerate() {
            aliases.add(key, entity);
            aliases.add(key, entity);
        }
        aliases.add("kim", 3);
        let draft = |mentions: usize| Draft {
            kind: EntityKind::Person,
            entry: None,
            mentions: vec![
                crate::model::Mention {
                    span: crate::span::Span::new(0, 1),
                    sentence: 0,
                    derived: false,
                    source: crate::model::MentionSource::Rule
                };
                mentions
            ],
            best: None,
        };
        let drafts: Vec<Draft> = (0..keys.len()).map(|e| draft(if e == 3 { 2 } else { 1 })).collect();
        let text = "Putin Kim Kims EEF Wostotschny A Ab Peskow Rossija-24 Ök Pu Putins Kimm Ki EE Wostok Moskau Öl";
        for word in text.split(' ').map(str::to_lowercase).chain(keys.iter().map(|k| k.to_string())) {
            let listed = aliases.map.contains_key(word.as_str());
            assert_eq!(aliases.contains(&word), listed, "{word}");
            let general = aliases
                .map
                .get(word.as_str())
                .and_then(|targets| targets.iter().max_by_key(|&e| (drafts[e].mentions.len(), std::cmp::Reverse(e))));
            assert_eq!(aliases.resolve(&word, &drafts, None), general, "{word}");
        }
        let kim = aliases.map.get("kim").map(|t| t.iter().collect::<Vec<_>>());
        assert_eq!(kim, Some(vec![1, 3]), "each entity once per key");
        assert_eq!(aliases.resolve("kim", &drafts, None), Some(3), "the more salient entity");
    }

    #[test]
    fn short_forms_and_genitives_join_the_full_name() {
        let all = entities("Kim Jong Un reiste ab. Kims Zug fuhr los. Kim winkte.");
        assert_eq!(mentions_of(&all, "Kim Jong Un"), ["Kim Jong Un", "Kims", "Kim"]);
    }

    #[test]
    fn two_people_sharing_a_name_stay_apart_and_a_bare_name_goes_to_the_more_salient() {
        let all =
            entities("Kim Jong Un kam. Kim winkte. Kim lachte. Das sagte Kim Jae-chun, Professor in Seoul. Kim ging.");
        assert_eq!(mentions_of(&all, "Kim Jong Un"), ["Kim Jong Un", "Kim", "Kim", "Kim"]);
        assert_eq!(mentions_of(&all, "Kim Jae-chun"), ["Kim Jae-chun"]);
    }

    #[test]
    fn transliterations_are_one_entity() {
        let all = entities("Der Sender Rossija-24 zeigte Bilder. Rossiya-24 sagte, der Zug sei da.");
        let broadcaster = all.iter().find(|(_, _, m)| m.iter().any(|t| t == "Rossija-24")).expect("the broadcaster");
        assert_eq!(broadcaster.2, ["Rossija-24", "Rossiya-24"]);
    }

    #[test]
    fn acronyms_join_their_long_form() {
        let all = entities("Putin sprach beim Eastern Economic Forum. Auf einem EEF-Panel sagte er nichts.");
        assert_eq!(mentions_of(&all, "Eastern Economic Forum"), ["Eastern Economic Forum", "EEF"]);
    }

    #[test]
    fn a_legal_form_does_not_make_another_company() {
        let all = entities("Die Brenner Logistik GmbH wächst. Brenner Logistik stellt ein.");
        let companies: Vec<_> = all.iter().filter(|(k, _, _)| *k == EntityKind::Organisation).collect();
        assert_eq!(companies.len(), 1, "{all:?}");
    }

    #[test]
    fn a_name_established_once_is_recognised_everywhere() {
        let all = entities("Kreml-Sprecher Dmitri Peskow sagte nichts. Später schwieg Peskow.");
        assert_eq!(mentions_of(&all, "Dmitri Peskow"), ["Dmitri Peskow", "Peskow"]);
    }
}
