//! What each spelling of a short word comes to, remembered from one
//! document to the next: its folded and skeleton keys, the short lists that
//! hold it ([`crate::lexicon::class`]), the long lists that hold it as
//! spelled ([`crate::wordtable::list`]), the gazetteer's first step at it
//! and what the mention rules learnt of it.
//!
//! Words repeat: a few thousand spellings make up most of the words of any
//! news text, and every one of them was folded, reduced to its skeleton and
//! looked up in the lists each time it came up. A [`WordCache`] keeps the
//! answers for the spellings it has seen, in a table of fixed size; a word
//! it holds costs one look-up instead. Every answer is a function of the
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

/// The longest spelling the cache holds, in bytes: two words of 8.
pub(crate) const MAX_SPELLING: usize = 16;
/// Room for the folded key (a folded word may be longer than its spelling,
/// `ß` → `ss`, and then is not held when it does not fit).
const FOLDED_ROOM: usize = 16;
/// Room for the skeleton key.
const SKELETON_ROOM: usize = 20;
/// Slots in a cache: 65,536 of 64 bytes, 4 MiB, in sets of two (and 1 MiB
/// of the gazetteer's steps beside them). Half as many found fewer words of
/// a few MB of news, and missed words cost more than the larger table's
/// longer reach.
const SLOT_BITS: u32 = 16;

/// What one spelling comes to. One cache line.
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct Slot {
    /// The spelling, zero-padded, as two little-endian words.
    spelling: [u64; 2],
    folded: [u8; FOLDED_ROOM],
    skeleton: [u8; SKELETON_ROOM],
    /// The short lists that hold the word (see [`crate::lexicon::class`]).
    classes: u32,
    /// The spelling's length; 0 for an empty slot.
    len: u8,
    /// The token's kind and shape, which the keys and lists depend on.
    tag: u8,
    folded_len: u8,
    skeleton_len: u8,
    /// The long lists that hold the word as spelled (capitalised words only).
    lists: u8,
    /// Whether no name of the lists starts with the word (see
    /// [`Layers::first_steps`](crate::gazetteer::Layers::first_steps); the
    /// other steps are kept beside the slots).
    starts_no_name: bool,
    /// Whether `classes`, `lists` and `starts_no_name` are filled in: a slot
    /// is claimed with its keys while its document is read, and completed after.
    complete: bool,
    /// What the mention rules learnt of the word, as they keep it (the
    /// features of a capitalised German word that are the word's alone,
    /// see `mentions`); 0 before they have.
    features: u8,
}

impl Slot {
    fn holds(&self, spelling: &Spelling) -> bool {
        (self.spelling == spelling.words) & (self.len == spelling.len) & (self.tag == spelling.tag)
    }
}

const EMPTY: Slot = Slot {
    spelling: [0; 2],
    folded: [0; FOLDED_ROOM],
    skeleton: [0; SKELETON_ROOM],
    classes: 0,
    len: 0,
    tag: 0,
    folded_len: 0,
    skeleton_len: 0,
    lists: 0,
    starts_no_name: false,
    complete: false,
    features: 0,
};

/// A spelling as the cache looks it up.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Spelling {
    words: [u64; 2],
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
        // Two whole words where the text goes on far enough (nearly always), cut by masks.
        let head: [u8; MAX_SPELLING] = match bytes.get(start..start + MAX_SPELLING) {
            Some(head) => head.try_into().ok()?,
            None => {
                let mut head = [0u8; MAX_SPELLING];
                head.iter_mut().zip(bytes.get(start..end)?).for_each(|(h, &b)| *h = b);
                head
            }
        };
        Some(Spelling {
            words: crate::hash::masked_words(&head, len),
            len: len as u8,
            tag: tag_of(token.kind, token.shape),
        })
    }

    /// The first slot of the spelling's set.
    fn set(&self, slot_bits: u32) -> usize {
        let mixed = (self.words[0].wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ self.words[1] ^ u64::from(self.len))
            .wrapping_mul(0xD6E8_FEB8_6659_FD93);
        ((mixed >> (64 - slot_bits)) as usize) & !1
    }
}

fn tag_of(kind: TokenKind, shape: Shape) -> u8 {
    (kind as u8) << 4 | shape as u8
}

/// The keys and lists of a spelling the cache holds.
pub(crate) struct Known<'c> {
    pub folded: &'c [u8; FOLDED_ROOM],
    pub folded_len: usize,
    pub skeleton: &'c [u8; SKELETON_ROOM],
    pub skeleton_len: usize,
    /// The rest, when the slot is complete.
    pub lists: Option<Remembered>,
    /// The gazetteer's first steps at the word (see
    /// [`FirstStep`](crate::gazetteer::FirstStep)), where it does not
    /// start no name; 0 where unknown. Read only when asked: they are kept
    /// beside the slots, and most words do not need them.
    pub steps: Option<&'c [u64; 2]>,
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

/// A table of spellings and what they come to, for one language.
pub(crate) struct WordCache {
    language: Language,
    slots: Box<[Slot]>,
    /// The first steps of each slot's word (see [`Known::steps`]).
    steps: Box<[[u64; 2]]>,
    hits: u64,
    misses: u64,
}

impl WordCache {
    pub fn new(language: Language) -> WordCache {
        WordCache {
            language,
            slots: vec![EMPTY; 1 << SLOT_BITS].into_boxed_slice(),
            steps: vec![[0; 2]; 1 << SLOT_BITS].into_boxed_slice(),
            hits: 0,
            misses: 0,
        }
    }

    /// The slot that holds `spelling`.
    fn find(&self, spelling: &Spelling) -> Option<usize> {
        let set = spelling.set(SLOT_BITS);
        match (self.slots.get(set), self.slots.get(set + 1)) {
            (Some(first), _) if first.holds(spelling) => Some(set),
            (_, Some(second)) if second.holds(spelling) => Some(set + 1),
            _ => None,
        }
    }

    /// What the cache holds of `spelling`; counted as a hit or a miss.
    pub fn get(&mut self, spelling: &Spelling) -> Option<Known<'_>> {
        let mut found = self.find(spelling);
        match found {
            Some(_) => self.hits += 1,
            None => self.misses += 1,
        }
        // A word found in its set's second slot moves to the first, and the
        // set gives up the word it met less recently when a new one comes.
        if let Some(second) = found.filter(|index| index % 2 == 1) {
            self.slots.swap(second - 1, second);
            self.steps.swap(second - 1, second);
            found = Some(second - 1);
        }
        let index = found?;
        let slot = self.slots.get(index)?;
        let known = Known {
            folded: &slot.folded,
            folded_len: usize::from(slot.folded_len),
            skeleton: &slot.skeleton,
            skeleton_len: usize::from(slot.skeleton_len),
            lists: slot.complete.then_some(Remembered {
                classes: slot.classes,
                lists: slot.lists,
                starts_no_name: slot.starts_no_name,
            }),
            features: slot.features,
            steps: self.steps.get(index),
        };
        Some(known)
    }

    /// The lists and steps of `spelling`, if the cache holds it complete;
    /// not counted as a look-up.
    pub fn completed(&self, spelling: &Spelling) -> Option<(Remembered, [u64; 2])> {
        let index = self.find(spelling)?;
        let slot = self.slots.get(index).filter(|slot| slot.complete)?;
        let remembered = Remembered { classes: slot.classes, lists: slot.lists, starts_no_name: slot.starts_no_name };
        Some((remembered, *self.steps.get(index)?))
    }

    /// Claims a slot for `spelling` with its keys; the lists follow with
    /// [`complete`](Self::complete). The set gives up the slot it met less
    /// recently. Whether a slot was claimed: not when a key does not fit.
    pub fn claim(&mut self, spelling: &Spelling, folded: &[u8], skeleton: &[u8]) -> bool {
        self.try_claim(spelling, folded, skeleton).is_some()
    }

    fn try_claim(&mut self, spelling: &Spelling, folded: &[u8], skeleton: &[u8]) -> Option<()> {
        if folded.len() > FOLDED_ROOM || skeleton.len() > SKELETON_ROOM {
            return None;
        }
        let set = spelling.set(SLOT_BITS);
        // The first of a set's two slots is the one met more recently: it moves to the second.
        let first = *self.slots.get(set)?;
        *self.slots.get_mut(set + 1)? = first;
        let first_steps = *self.steps.get(set)?;
        *self.steps.get_mut(set + 1)? = first_steps;
        *self.steps.get_mut(set)? = [0; 2];
        let slot = self.slots.get_mut(set)?;
        *slot = EMPTY;
        slot.spelling = spelling.words;
        slot.len = spelling.len;
        slot.tag = spelling.tag;
        slot.folded.get_mut(..folded.len())?.copy_from_slice(folded);
        slot.folded_len = folded.len() as u8;
        slot.skeleton.get_mut(..skeleton.len())?.copy_from_slice(skeleton);
        slot.skeleton_len = skeleton.len() as u8;
        Some(())
    }

    /// Fills in the lists of the slot claimed for `spelling`, if the cache
    /// still holds it: sought by its spelling, since a later claim in its
    /// set moves it to the set's second slot, and a second one gives it up.
    pub fn complete(&mut self, spelling: &Spelling, remembered: Remembered, steps: [u64; 2]) {
        let Some(index) = self.find(spelling) else { return };
        let (Some(slot), Some(kept_steps)) = (self.slots.get_mut(index), self.steps.get_mut(index)) else { return };
        slot.classes = remembered.classes;
        slot.lists = remembered.lists;
        slot.starts_no_name = remembered.starts_no_name;
        slot.complete = true;
        *kept_steps = steps;
    }

    /// Keeps what the mention rules learnt of `spelling`, if the cache still holds it.
    pub fn learn(&mut self, spelling: &Spelling, features: u8) {
        if let Some(slot) = self.find(spelling).and_then(|index| self.slots.get_mut(index)) {
            slot.features = features;
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
}

/// Three capitalised words of one set of a cache's slots (`W` and a number), found by trying.
#[cfg(test)]
pub(crate) fn words_of_one_set() -> [String; 3] {
    let words: Vec<String> = (0..200_000).map(|n| format!("W{n}")).collect();
    let set_of = |word: &String| {
        let tokens = crate::tokenize::tokenize(word);
        tokens.first().and_then(|token| Spelling::of(word, token)).map(|spelling| spelling.set(SLOT_BITS))
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
        let long = "Bundesverfassungsgericht";
        assert!(Spelling::of(long, &tokenize(long)[0]).is_none());
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
        assert_eq!(cache.get(&putin).unwrap().steps, Some(&[3, 5]));
        assert_eq!(cache.completed(&putin), Some((remembered, [3, 5])));
        cache.learn(&putin, 0b101);
        assert_eq!(cache.get(&putin).unwrap().features, 0b101);
        assert_eq!(cache.counts(), (4, 1), "`completed` is no look-up of its own");
        // A key too long for its room is not held.
        assert!(!cache.claim(&putin, &[b'a'; 17], b"a"));
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
        assert_eq!(cache.find(&same_set[1]), Some(first.set(SLOT_BITS) + 1));
        assert_eq!(cache.find(&same_set[2]), Some(first.set(SLOT_BITS)));
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
