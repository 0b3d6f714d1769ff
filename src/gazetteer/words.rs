//! What each spelling of a word comes to, remembered from one
//! document to the next: its folded and skeleton keys, the short lists that
//! hold it ([`crate::lexicon::class`]), the long lists that hold it as
//! spelled ([`crate::wordtable::list`]), the gazetteer's first step at it
//! and what the mention rules learnt of it.
//!
//! Words repeat: a few thousand spellings make up most of the words of any
//! news text, and every one of them was folded, reduced to its skeleton and
//! looked up in the lists each time it came up. A [`WordCache`] keeps the
//! answers for the spellings it has seen, in tables of fixed size (one of
//! short words, one of long words); a word it holds costs one look-up
//! instead. Every answer is a function of the
//! spelling, the language and the extractor's lists alone, so what the
//! cache holds never changes an output, only how soon it is ready.
//!
//! An [`Extractor`](crate::Extractor) lends one cache to each extraction,
//! in a [`Workspace`](crate::workspace::Workspace), and takes it back
//! afterwards: threads never share one, and each cache stays warm for the
//! next document.

use crate::lang::Language;
use crate::span::Span;
use crate::tokenize::{Shape, Token, TokenKind};

/// The longest spelling the cache holds, in bytes: four words of 8.
pub(crate) const MAX_SPELLING: usize = 32;
/// The longest spelling of a short word, which the table of short words
/// holds: two words of 8. Longer ones (`Ministerpräsident`,
/// `Bundesverfassungsgericht`: German compounds, and frequent) have a
/// table of their own, of slots twice as large: short words in such slots
/// made the table twice as large and slower to read.
const SHORT_SPELLING: usize = 16;
/// Slots in the table of short words: 65,536 of 64 bytes, 4 MiB, in sets
/// of two. Half as many found fewer words of a few MB of news, and missed
/// words cost more than the larger table's longer reach.
const SHORT_SLOT_BITS: u32 = 16;
/// Slots in the table of long words: 8,192 of 128 bytes, 1 MiB.
const LONG_SLOT_BITS: u32 = 13;

/// Words whose slots [`WordCache::touch`] finds before it reads them.
const TOUCHED_AT_ONCE: usize = 256;
/// A bit of a slot's index in [`WordCache::touch`]: a slot of the table of long words.
const LONG_SLOT: u32 = 1 << 31;
const _: () = assert!(SHORT_SLOT_BITS < 31 && LONG_SLOT_BITS < 31);

/// The largest room for a key in a slot: a long word's skeleton.
pub(crate) const KEY_ROOM: usize = 40;

/// The table of short words: spellings of two words, the folded key and the
/// skeleton in 16 bytes each (a key may be longer than its spelling, `ß` →
/// `ss`, `x` → `ks`, and then the word is not held). One cache line a slot,
/// with everything the units stage reads of a word: a word it holds costs
/// one line from memory, where the first steps, once kept beside the
/// slots, cost a capitalised word a second.
type ShortTable = Table<2, 16, 16>;
/// The table of long words: four words, 32 bytes of folded key, 40 of skeleton.
type LongTable = Table<4, 32, KEY_ROOM>;

/// What one spelling comes to, in a slot of [`Table`]: a spelling of
/// `WORDS` words of 8 bytes, its folded key in `FOLDED` bytes and its
/// skeleton in `SKELETON`, each zero-padded: a key's length is where its
/// padding begins (keys with a zero byte are not held).
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct Slot<const WORDS: usize, const FOLDED: usize, const SKELETON: usize> {
    /// The spelling, zero-padded, as little-endian words.
    spelling: [u64; WORDS],
    folded: [u8; FOLDED],
    skeleton: [u8; SKELETON],
    /// The gazetteer's first steps at the word, by spelling and by skeleton
    /// (see [`FirstStep`](crate::gazetteer::FirstStep)); 0 where unknown.
    steps: [u32; 2],
    /// The short lists that hold the word (see [`crate::lexicon::class`]),
    /// and in the two highest bits [`COMPLETE`] and [`STARTS_NO_NAME`].
    classes: u32,
    /// The spelling's length; 0 for an empty slot.
    len: u8,
    /// The token's kind and shape, which the keys and lists depend on.
    tag: u8,
    /// The long lists that hold the word as spelled (capitalised words only).
    lists: u8,
    /// What the mention rules learnt of the word, as they keep it (the
    /// features of a capitalised German word that are the word's alone,
    /// see `mentions`); 0 before they have.
    features: u8,
}

/// A bit of [`Slot::classes`]: `classes`, `lists`, `steps` and whether the
/// word starts no name are filled in. A slot is claimed with its keys while
/// its document is read, and completed after.
const COMPLETE: u32 = 1 << 31;
/// A bit of [`Slot::classes`]: no name of the lists starts with the word
/// (see [`Layers::first_steps`](crate::gazetteer::Layers::first_steps)).
const STARTS_NO_NAME: u32 = 1 << 30;
// The lists' own bits stay below the slot's two.
const _: () = assert!(crate::lexicon::class::ALL & (COMPLETE | STARTS_NO_NAME) == 0);
// One cache line a short word, two a long one.
const _: () = assert!(std::mem::size_of::<Slot<2, 16, 16>>() == 64);
const _: () = assert!(std::mem::size_of::<Slot<4, 32, KEY_ROOM>>() == 128);

/// The length of a key zero-padded in `room`: up to its last byte that is not 0.
fn padded_len(room: &[u8]) -> usize {
    let mut len = room.len();
    // Eight bytes at a time from the end: the padding of a key is mostly a word or two.
    for chunk in room.rchunks(8) {
        let mut word = [0u8; 8];
        word[..chunk.len()].copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        if word != 0 {
            return len - chunk.len() + 8 - (word.leading_zeros() / 8) as usize;
        }
        len -= chunk.len();
    }
    0
}

impl<const WORDS: usize, const FOLDED: usize, const SKELETON: usize> Slot<WORDS, FOLDED, SKELETON> {
    const EMPTY: Self = Slot {
        spelling: [0; WORDS],
        folded: [0; FOLDED],
        skeleton: [0; SKELETON],
        steps: [0; 2],
        classes: 0,
        len: 0,
        tag: 0,
        lists: 0,
        features: 0,
    };

    /// What the slot holds beside the keys, once it is complete.
    fn remembered(&self) -> Option<Remembered> {
        (self.classes & COMPLETE != 0).then_some(Remembered {
            classes: self.classes & !(COMPLETE | STARTS_NO_NAME),
            lists: self.lists,
            starts_no_name: self.classes & STARTS_NO_NAME != 0,
        })
    }

    fn holds(&self, spelling: &Spelling) -> bool {
        (spelling.words.get(..WORDS) == Some(&self.spelling[..]))
            & (self.len == spelling.len)
            & (self.tag == spelling.tag)
    }
}

/// A spelling as the cache looks it up.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Spelling {
    words: [u64; 4],
    len: u8,
    tag: u8,
}

impl Spelling {
    /// The spelling of `token`, if the cache may hold it: a token of one
    /// part (not hyphenated), no URL, of at most [`MAX_SPELLING`] bytes.
    pub fn of(text: &str, token: &Token) -> Option<Spelling> {
        let Span { start, end } = token.span;
        let len = end.checked_sub(start).filter(|&len| len > 0 && len <= MAX_SPELLING)?;
        if token.hyphenated || token.kind == TokenKind::Url {
            return None;
        }
        let bytes = text.as_bytes();
        let words = if len <= SHORT_SPELLING {
            let [first, second] = masked_head(bytes, start, len)?;
            [first, second, 0, 0]
        } else {
            let [first, second] = masked_head(bytes, start, SHORT_SPELLING)?;
            let [third, fourth] = masked_head(bytes, start + SHORT_SPELLING, len - SHORT_SPELLING)?;
            [first, second, third, fourth]
        };
        Some(Spelling { words, len: len as u8, tag: tag_of(token.kind, token.shape) })
    }

    fn is_short(&self) -> bool {
        usize::from(self.len) <= SHORT_SPELLING
    }

    /// The first slot of the spelling's set in a table of `1 << slot_bits` slots.
    fn set(&self, slot_bits: u32) -> usize {
        let [first, second, third, fourth] = self.words;
        let mixed = (first.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ second ^ u64::from(self.len))
            .wrapping_mul(0xD6E8_FEB8_6659_FD93)
            ^ (third.wrapping_mul(0xC2B2_AE3D_27D4_EB4F) ^ fourth).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        ((mixed >> (64 - slot_bits)) as usize) & !1
    }
}

/// The `len` (at most 16) bytes of `bytes` from `start` as two little-endian
/// words, zero-padded: two whole words where the text goes on far enough
/// (nearly always), cut by masks.
fn masked_head(bytes: &[u8], start: usize, len: usize) -> Option<[u64; 2]> {
    let head: [u8; SHORT_SPELLING] = match bytes.get(start..start + SHORT_SPELLING) {
        Some(head) => head.try_into().ok()?,
        None => {
            let mut head = [0u8; SHORT_SPELLING];
            head.iter_mut().zip(bytes.get(start..start + len)?).for_each(|(h, &b)| *h = b);
            head
        }
    };
    Some(crate::hash::masked_words(&head, len))
}

fn tag_of(kind: TokenKind, shape: Shape) -> u8 {
    (kind as u8) << 4 | shape as u8
}

/// The keys and lists of a spelling the cache holds.
pub(crate) struct Known<'c> {
    /// The folded key, in the first `folded_len` bytes.
    pub folded: &'c [u8],
    pub folded_len: usize,
    /// The skeleton key, in the first `skeleton_len` bytes.
    pub skeleton: &'c [u8],
    pub skeleton_len: usize,
    /// The rest, when the slot is complete.
    pub lists: Option<Remembered>,
    /// The gazetteer's first steps at the word (see
    /// [`FirstStep`](crate::gazetteer::FirstStep)), where it does not
    /// start no name; 0 where unknown.
    pub steps: [u32; 2],
    /// What the mention rules learnt of the word (see [`WordCache::learn`]).
    pub features: u8,
}

/// What a complete slot holds beside the keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Remembered {
    /// The short lists that hold the word (see [`crate::lexicon::class`]).
    pub classes: u32,
    /// The long lists that hold it as spelled, if it is a capitalised word.
    pub lists: u8,
    pub starts_no_name: bool,
}

/// Slots of one size, in sets of two.
struct Table<const WORDS: usize, const FOLDED: usize, const SKELETON: usize> {
    slots: Box<[Slot<WORDS, FOLDED, SKELETON>]>,
    slot_bits: u32,
}

impl<const WORDS: usize, const FOLDED: usize, const SKELETON: usize> Table<WORDS, FOLDED, SKELETON> {
    fn new(slot_bits: u32) -> Self {
        Table { slots: vec![Slot::EMPTY; 1 << slot_bits].into_boxed_slice(), slot_bits }
    }

    /// The slot that holds `spelling`.
    fn find(&self, spelling: &Spelling) -> Option<usize> {
        let set = spelling.set(self.slot_bits);
        match (self.slots.get(set), self.slots.get(set + 1)) {
            (Some(first), _) if first.holds(spelling) => Some(set),
            (_, Some(second)) if second.holds(spelling) => Some(set + 1),
            _ => None,
        }
    }

    /// What the table holds of `spelling`, found at `found`.
    fn get(&mut self, spelling: &Spelling) -> (bool, Option<Known<'_>>) {
        let mut found = self.find(spelling);
        // A word found in its set's second slot moves to the first, and the
        // set gives up the word it met less recently when a new one comes.
        if let Some(second) = found.filter(|index| index % 2 == 1) {
            self.slots.swap(second - 1, second);
            found = Some(second - 1);
        }
        let Some(index) = found else { return (false, None) };
        let known = self.slots.get(index).map(|slot| Known {
            folded: &slot.folded,
            folded_len: padded_len(&slot.folded),
            skeleton: &slot.skeleton,
            skeleton_len: padded_len(&slot.skeleton),
            lists: slot.remembered(),
            features: slot.features,
            steps: slot.steps,
        });
        (true, known)
    }

    fn completed(&self, spelling: &Spelling) -> Option<(Remembered, [u32; 2])> {
        let slot = self.slots.get(self.find(spelling)?)?;
        Some((slot.remembered()?, slot.steps))
    }

    fn claim(&mut self, spelling: &Spelling, folded: &[u8], skeleton: &[u8]) -> Option<()> {
        // A key's length is where its padding begins.
        if folded.len() > FOLDED || skeleton.len() > SKELETON || folded.contains(&0) || skeleton.contains(&0) {
            return None;
        }
        let set = spelling.set(self.slot_bits);
        // The first of a set's two slots is the one met more recently: it moves to the second.
        let first = *self.slots.get(set)?;
        *self.slots.get_mut(set + 1)? = first;
        let slot = self.slots.get_mut(set)?;
        *slot = Slot::EMPTY;
        slot.spelling.copy_from_slice(spelling.words.get(..WORDS)?);
        slot.len = spelling.len;
        slot.tag = spelling.tag;
        slot.folded.get_mut(..folded.len())?.copy_from_slice(folded);
        slot.skeleton.get_mut(..skeleton.len())?.copy_from_slice(skeleton);
        Some(())
    }

    fn complete(&mut self, spelling: &Spelling, remembered: Remembered, steps: [u32; 2]) {
        let Some(slot) = self.find(spelling).and_then(|index| self.slots.get_mut(index)) else { return };
        // Lists of bits the slot keeps for itself are not kept (none are).
        if remembered.classes & (COMPLETE | STARTS_NO_NAME) != 0 {
            return;
        }
        slot.classes = remembered.classes | COMPLETE | if remembered.starts_no_name { STARTS_NO_NAME } else { 0 };
        slot.lists = remembered.lists;
        slot.steps = steps;
    }

    fn learn(&mut self, spelling: &Spelling, features: u8) {
        if let Some(slot) = self.find(spelling).and_then(|index| self.slots.get_mut(index)) {
            slot.features = features;
        }
    }
}

/// Tables of spellings and what they come to, for one language: one of
/// short words, one of long words.
pub(crate) struct WordCache {
    language: Language,
    short: ShortTable,
    long: LongTable,
    hits: u64,
    misses: u64,
}

impl WordCache {
    pub fn new(language: Language) -> WordCache {
        WordCache { language, short: Table::new(SHORT_SLOT_BITS), long: Table::new(LONG_SLOT_BITS), hits: 0, misses: 0 }
    }

    /// Reads the first slot of each spelling's set, before the words are
    /// looked up one by one. A word met once in a while waits for its slot
    /// to come from the shared cache; read together in one short loop, many
    /// come at once, where the look-ups, each amid the work on its word,
    /// waited for them one after the other (the units stage −2 to −3 %).
    /// The slots are found for [`TOUCHED_AT_ONCE`] words first and read
    /// after, in a loop of a few instructions a word: a read waits until
    /// its line is in, and the fewer instructions between two reads, the
    /// more of them the processor has under way. Changes nothing the cache holds.
    pub fn touch(&self, spellings: impl Iterator<Item = Spelling>) {
        let mut spellings = spellings;
        let mut slots = [0u32; TOUCHED_AT_ONCE];
        let mut read = 0u64;
        loop {
            let mut count = 0;
            for (slot, spelling) in slots.iter_mut().zip(spellings.by_ref()) {
                *slot = match spelling.is_short() {
                    true => spelling.set(self.short.slot_bits) as u32,
                    false => spelling.set(self.long.slot_bits) as u32 | LONG_SLOT,
                };
                count += 1;
            }
            // The lines a look-up reads. A short word's set is two slots of
            // a line each: a word not in the first (not cached, or the set's
            // second word) is looked for in the second. A long word's slot is
            // two lines, its spelling in the first and its length in the
            // second. Lines left out here each cost their look-up a miss of
            // its own.
            for &slot in slots.get(..count).unwrap_or_default() {
                let lines = match slot & LONG_SLOT {
                    0 => match self.short.slots.get(slot as usize..slot as usize + 2) {
                        Some([first, second]) => Some(first.spelling[0] ^ second.spelling[0]),
                        _ => None,
                    },
                    _ => self
                        .long
                        .slots
                        .get((slot & !LONG_SLOT) as usize)
                        .map(|slot| slot.spelling[0] ^ u64::from(slot.len)),
                };
                read = read.wrapping_add(lines.unwrap_or(0));
            }
            if count < TOUCHED_AT_ONCE {
                break;
            }
        }
        // Read for the reading's sake: what was read must not be optimised away.
        std::hint::black_box(read);
    }

    /// What the cache holds of `spelling`; counted as a hit or a miss.
    pub fn get(&mut self, spelling: &Spelling) -> Option<Known<'_>> {
        let (found, known) = if spelling.is_short() { self.short.get(spelling) } else { self.long.get(spelling) };
        match found {
            true => self.hits += 1,
            false => self.misses += 1,
        }
        known
    }

    /// The lists and steps of `spelling`, if the cache holds it complete;
    /// not counted as a look-up.
    pub fn completed(&self, spelling: &Spelling) -> Option<(Remembered, [u32; 2])> {
        if spelling.is_short() {
            self.short.completed(spelling)
        } else {
            self.long.completed(spelling)
        }
    }

    /// Claims a slot for `spelling` with its keys; the lists follow with
    /// [`complete`](Self::complete). The set gives up the slot it met less
    /// recently. Whether a slot was claimed: not when a key does not fit.
    pub fn claim(&mut self, spelling: &Spelling, folded: &[u8], skeleton: &[u8]) -> bool {
        let claimed = if spelling.is_short() {
            self.short.claim(spelling, folded, skeleton)
        } else {
            self.long.claim(spelling, folded, skeleton)
        };
        claimed.is_some()
    }

    /// Fills in the lists of the slot claimed for `spelling`, if the cache
    /// still holds it: sought by its spelling, since a later claim in its
    /// set moves it to the set's second slot, and a second one gives it up.
    pub fn complete(&mut self, spelling: &Spelling, remembered: Remembered, steps: [u32; 2]) {
        if spelling.is_short() {
            self.short.complete(spelling, remembered, steps);
        } else {
            self.long.complete(spelling, remembered, steps);
        }
    }

    /// Keeps what the mention rules learnt of `spelling`, if the cache still holds it.
    pub fn learn(&mut self, spelling: &Spelling, features: u8) {
        if spelling.is_short() {
            self.short.learn(spelling, features);
        } else {
            self.long.learn(spelling, features);
        }
    }

    /// The cache's language.
    pub fn language(&self) -> Language {
        self.language
    }

    /// How many look-ups found their spelling, and how many did not.
    pub fn counts(&self) -> (u64, u64) {
        (self.hits, self.misses)
    }

    /// The slot of `spelling` in its table, if the table holds it.
    #[cfg(test)]
    fn find(&self, spelling: &Spelling) -> Option<usize> {
        if spelling.is_short() {
            self.short.find(spelling)
        } else {
            self.long.find(spelling)
        }
    }
}

/// Three capitalised words of one set of a cache's slots (`W` and a number), found by trying.
#[cfg(test)]
pub(crate) fn words_of_one_set() -> [String; 3] {
    let words: Vec<String> = (0..200_000).map(|n| format!("W{n}")).collect();
    let set_of = |word: &String| {
        let tokens = crate::tokenize::tokenize(word);
        tokens.first().and_then(|token| Spelling::of(word, token)).map(|spelling| spelling.set(SHORT_SLOT_BITS))
    };
    let first = set_of(&words[0]);
    let mut same = words.iter().filter(|word| set_of(word) == first).cloned();
    [(); 3].map(|_| same.next().unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    #[test]
    fn a_spelling_is_its_bytes_kind_and_shape() {
        let text = "Kim KIM Kim, Kim-Sprecher kim";
        let tokens = tokenize(text);
        let spellings: Vec<Option<Spelling>> = tokens.iter().map(|t| Spelling::of(text, t)).collect();
        assert_eq!(spellings[0], spellings[2]);
        assert_ne!(spellings[0], spellings[1]);
        assert!(spellings[4].is_none(), "a hyphenated token is not held");
        assert_ne!(spellings[0], spellings[5]);
        // The last word of a text reads no byte past it.
        assert_eq!(spellings[5].map(|s| s.words[0]), Some(u64::from_le_bytes(*b"kim\0\0\0\0\0")));
        // A long word is held up to 32 bytes, and its every byte counts.
        let long = "Bundesverfassungsgericht Bundesverfassungsgerichts Bundesverfassungsgerichtsurteilen";
        let tokens = tokenize(long);
        let spellings: Vec<Option<Spelling>> = tokens.iter().map(|t| Spelling::of(long, t)).collect();
        assert!(spellings[0].is_some_and(|s| !s.is_short()));
        assert!(spellings[1].is_some() && spellings[0] != spellings[1]);
        assert!(spellings[2].is_none(), "longer than 32 bytes");
    }

    #[test]
    fn a_long_word_has_a_table_of_its_own() {
        let text = "Ministerpräsidentin Ministerpräsident Minister";
        let tokens = tokenize(text);
        let [long, longer_by_one, short] = [0, 1, 2].map(|i| Spelling::of(text, &tokens[i]).unwrap());
        assert!(!long.is_short() && !longer_by_one.is_short() && short.is_short());
        let mut cache = WordCache::new(Language::De);
        let (folded, skeleton) = ("ministerpräsidentin".as_bytes(), "ministerprasidentin".as_bytes());
        assert!(cache.claim(&long, folded, skeleton));
        assert!(cache.get(&longer_by_one).is_none() && cache.get(&short).is_none());
        let known = cache.get(&long).unwrap();
        assert_eq!(&known.folded[..known.folded_len], folded);
        assert_eq!(&known.skeleton[..known.skeleton_len], skeleton);
        let remembered = Remembered { classes: 2, lists: 1, starts_no_name: false };
        cache.complete(&long, remembered, [7, 9]);
        cache.learn(&long, 0b11);
        let known = cache.get(&long).unwrap();
        assert_eq!((known.lists, known.steps, known.features), (Some(remembered), [7, 9], 0b11));
        assert_eq!(cache.completed(&long), Some((remembered, [7, 9])));
        // Keys too long for a long word's room are not held.
        assert!(!cache.claim(&longer_by_one, &[b'a'; 33], b"a"));
        assert!(!cache.claim(&longer_by_one, b"a", &[b'a'; KEY_ROOM + 1]));
    }

    #[test]
    fn a_claimed_slot_is_found_and_completed() {
        let text = "Putin traf Kim";
        let tokens = tokenize(text);
        let mut cache = WordCache::new(Language::De);
        let putin = Spelling::of(text, &tokens[0]).unwrap();
        assert!(cache.get(&putin).is_none());
        assert!(cache.claim(&putin, b"putin", b"putin"));
        let known = cache.get(&putin).unwrap();
        assert_eq!((&known.folded[..known.folded_len], known.lists), (&b"putin"[..], None));
        assert_eq!(cache.completed(&putin), None);
        let remembered = Remembered { classes: 7, lists: 3, starts_no_name: true };
        cache.complete(&putin, remembered, [3, 5]);
        assert_eq!(cache.get(&putin).unwrap().lists, Some(remembered));
        assert_eq!(cache.get(&putin).unwrap().steps, [3, 5]);
        assert_eq!(cache.completed(&putin), Some((remembered, [3, 5])));
        cache.learn(&putin, 0b101);
        assert_eq!(cache.get(&putin).unwrap().features, 0b101);
        assert_eq!(cache.counts(), (4, 1), "`completed` is no look-up of its own");
        // A key too long for its room is not held, nor one with a zero
        // byte, which would end it early: a key's length is where its padding begins.
        assert!(!cache.claim(&putin, &[b'a'; 17], b"a"));
        assert!(!cache.claim(&putin, b"a", &[b'a'; 17]));
        assert!(!cache.claim(&putin, b"pu\0in", b"putin"));
        assert!(!cache.claim(&putin, b"putin", b"pu\0in"));
        assert_eq!(cache.get(&putin).unwrap().lists, Some(remembered), "a refused claim leaves the slot as it was");
    }

    #[test]
    fn touching_any_number_of_words_changes_nothing_the_cache_holds() {
        let text: String = (0..600).map(|n| format!("W{n} Bundesverfassungsgericht{n} ")).collect();
        let tokens = tokenize(&text);
        let spellings: Vec<Spelling> = tokens.iter().filter_map(|t| Spelling::of(&text, t)).collect();
        let mut cache = WordCache::new(Language::De);
        assert!(cache.claim(&spellings[0], b"w0", b"w0"));
        for count in [0, 1, TOUCHED_AT_ONCE - 1, TOUCHED_AT_ONCE, TOUCHED_AT_ONCE + 1, spellings.len()] {
            cache.touch(spellings.iter().copied().take(count));
            assert_eq!(cache.counts(), (0, 0), "touching is no look-up");
        }
        assert!(cache.get(&spellings[0]).is_some() && cache.get(&spellings[1]).is_none());
    }

    #[test]
    fn a_key_is_as_long_as_its_room_up_to_its_padding() {
        assert_eq!(padded_len(&[0; 16]), 0);
        assert_eq!(padded_len(b"putin\0\0\0\0\0\0\0\0\0\0\0"), 5);
        assert_eq!(padded_len(b"ministerpraesid\0"), 15);
        assert_eq!(padded_len(b"ministerpraesidt"), 16);
        assert_eq!(padded_len(b"abcdefgh\0\0\0\0\0\0\0\0"), 8);
        assert_eq!(padded_len(b"abcdefghi\0\0\0\0\0\0\0"), 9);
        let mut long = [0u8; KEY_ROOM];
        long[..33].fill(b'a');
        assert_eq!(padded_len(&long), 33);
        // Each length a short and a long key's room may hold, through the cache.
        let text = "Kim Bundesverfassungsgerichts";
        let tokens = tokenize(text);
        let [short, long] = [0, 1].map(|i| Spelling::of(text, &tokens[i]).unwrap());
        for (spelling, room) in [(short, 16), (long, 32)] {
            for len in 0..=room {
                let key = vec![b'k'; len];
                let mut cache = WordCache::new(Language::De);
                assert!(cache.claim(&spelling, &key, &key[..len / 2]));
                let known = cache.get(&spelling).unwrap();
                assert_eq!((known.folded_len, known.skeleton_len), (len, len / 2));
            }
        }
    }

    #[test]
    fn the_first_steps_and_both_flags_are_kept_in_the_slot() {
        let text = "Kim";
        let spelling = Spelling::of(text, &tokenize(text)[0]).unwrap();
        let mut cache = WordCache::new(Language::De);
        assert!(cache.claim(&spelling, b"kim", b"kim"));
        for (classes, starts_no_name) in [(0, false), (crate::lexicon::class::ALL, true), (5, true), (1 << 29, false)] {
            let remembered = Remembered { classes, lists: 0b101, starts_no_name };
            cache.complete(&spelling, remembered, [u32::MAX, 1]);
            let known = cache.get(&spelling).unwrap();
            assert_eq!((known.lists, known.steps), (Some(remembered), [u32::MAX, 1]));
        }
    }

    /// The spellings of [`words_of_one_set`].
    fn spellings_of_one_set() -> Vec<Spelling> {
        words_of_one_set().iter().map(|word| Spelling::of(word, &tokenize(word)[0]).unwrap()).collect()
    }

    #[test]
    fn a_set_keeps_the_two_spellings_claimed_last() {
        let mut cache = WordCache::new(Language::De);
        let same_set = spellings_of_one_set();
        assert_eq!(same_set.len(), 3);
        let first = same_set[0];
        let remembered = Remembered { classes: 1, lists: 1, starts_no_name: true };
        for spelling in &same_set {
            assert!(cache.claim(spelling, b"w", b"w"));
        }
        assert!(cache.find(&same_set[0]).is_none());
        assert_eq!(cache.find(&same_set[1]), Some(first.set(SHORT_SLOT_BITS) + 1));
        assert_eq!(cache.find(&same_set[2]), Some(first.set(SHORT_SLOT_BITS)));
        // A spelling given up is not completed; one moved to the set's
        // second slot is, where it is now.
        cache.complete(&same_set[0], remembered, [1, 1]);
        assert!(cache.get(&same_set[0]).is_none());
        cache.complete(&same_set[1], remembered, [1, 1]);
        assert_eq!(cache.get(&same_set[1]).unwrap().lists, Some(remembered));
        assert_eq!(cache.get(&same_set[2]).unwrap().lists, None);
    }

    #[test]
    fn a_set_gives_up_the_word_it_met_less_recently() {
        let mut cache = WordCache::new(Language::De);
        let spellings = spellings_of_one_set();
        assert!(cache.claim(&spellings[0], b"w", b"w"));
        assert!(cache.claim(&spellings[1], b"w", b"w"));
        // Met again, the first claimed is the newer of the two.
        assert!(cache.get(&spellings[0]).is_some());
        assert!(cache.claim(&spellings[2], b"w", b"w"));
        assert!(cache.get(&spellings[1]).is_none());
        assert!(cache.get(&spellings[0]).is_some());
        assert!(cache.get(&spellings[2]).is_some());
    }
}
