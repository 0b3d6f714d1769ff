//! A fast non-cryptographic hasher for the gazetteer's string keys (the
//! Firefox/rustc "Fx" hash), and a second hash for the word table's
//! fingerprints. The keys are the library's own data and the
//! caller's words; no attacker picks both, and SipHash would be the hot
//! path's largest cost.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

/// Feeds `bytes` to `add` as little-endian words of 8 bytes, the last one
/// zero-padded; the hashes mix in the length, which tells the padding from
/// zero bytes.
#[inline]
fn for_each_le_word(bytes: &[u8], mut add: impl FnMut(u64)) {
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        add(u64::from_le_bytes(word));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        add(padded_le_word(rest));
    }
}

/// The 1 to 7 bytes of `rest` as a little-endian word, zero-padded. Read in
/// overlapping loads of fixed length: a copy of variable length was a call
/// to `memcpy` for every word hashed, and reading pieces of 4, 2 and 1 bytes
/// as the length asks took three branches that words of every length
/// mispredicted.
#[inline]
fn padded_le_word(rest: &[u8]) -> u64 {
    let n = rest.len();
    let byte = |i: usize| u64::from(rest.get(i).copied().unwrap_or(0));
    let four = |i: usize| {
        let piece = rest.get(i..i + 4).and_then(|piece| <[u8; 4]>::try_from(piece).ok());
        u64::from(piece.map_or(0, u32::from_le_bytes))
    };
    if n >= 4 {
        // Bytes 0..4, and bytes 4..n from the end of the last four.
        four(0) | (four(n - 4) >> (8 * 8usize.saturating_sub(n))) << 32
    } else {
        // Byte 0, byte n/2 and byte n-1 (for n = 1, 2 or 3: each byte at least once).
        byte(0) | byte(n / 2) << (8 * (n / 2)) | byte(n.saturating_sub(1)) << (8 * n.saturating_sub(1))
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for_each_le_word(bytes, |word| self.add(word));
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

pub(crate) type FxBuild = BuildHasherDefault<FxHasher>;
pub(crate) type FxHashMap<K, V> = HashMap<K, V, FxBuild>;
pub(crate) type FxHashSet<K> = HashSet<K, FxBuild>;

/// The hash of a word, for the word table (`wordtable`, `build.rs`), the
/// gazetteer's maps and Bloom filters: one function, so that the table
/// `build.rs` lays out is the one the library reads.
#[inline]
pub(crate) fn hash_str(key: &str) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(key.as_bytes());
    hasher.write_usize(key.len());
    hasher.finish()
}

/// A second hash of a word, independent of [`hash_str`], for the word
/// table (`wordtable`, `build.rs`): it keeps a fingerprint of each word in
/// place of the word, in the bucket that [`hash_str`] chooses. Fx itself would
/// not do: a multiplication carries differences only upwards, so words that
/// differ in their last letters share most low bits of their Fx hash. Here
/// each word of input goes through a full 64×64→128-bit product whose halves
/// are folded together (as in wyhash), which carries every input bit to
/// every output bit, and the seed and multiplier share nothing with Fx's.
#[inline]
pub(crate) fn fingerprint_str(key: &str) -> u64 {
    fingerprint_bytes(key.as_bytes())
}

#[inline]
fn fingerprint_bytes(key: &[u8]) -> u64 {
    let mut hash = FINGERPRINT_SEED ^ key.len() as u64;
    for_each_le_word(key, |word| hash = folded_multiply(hash ^ word, FINGERPRINT_MULTIPLIER));
    folded_multiply(hash ^ FINGERPRINT_SEED, FINGERPRINT_MULTIPLIER)
}

/// A key inside a buffer that goes on for at least [`PaddedKey::SLACK`]
/// bytes after the key's start: a key of up to that many bytes is read in
/// two loads of 8 bytes and cut to its length by masks. The general hashes
/// read a key's last bytes in pieces chosen by its length, and a branch on
/// the length of each word of a text was mispredicted for a good part of
/// them. Hashed with [`hash_padded`] and [`fingerprint_padded`], a key has
/// the hash [`hash_str`] and [`fingerprint_str`] give it.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct PaddedKey<'a> {
    key: &'a str,
    /// The key's bytes and those after it, to the buffer's end.
    from_key: &'a [u8],
}

/// A key with nothing known after it: hashed as the `str` it is.
impl<'a> From<&'a str> for PaddedKey<'a> {
    fn from(key: &'a str) -> Self {
        PaddedKey { key, from_key: key.as_bytes() }
    }
}

impl<'a> PaddedKey<'a> {
    /// How far a buffer must go on after a key's start for the key to be
    /// read in two loads (without it, the key is hashed as a `str`).
    pub const SLACK: usize = 16;

    /// The key at `range` of `buffer`; the empty key for a range that is
    /// not one of `buffer`.
    pub fn in_buffer(buffer: &'a str, range: std::ops::Range<usize>) -> PaddedKey<'a> {
        match buffer.get(range.clone()) {
            Some(key) => PaddedKey { key, from_key: buffer.as_bytes().get(range.start..).unwrap_or_default() },
            None => PaddedKey { key: "", from_key: &[] },
        }
    }

    pub fn as_str(&self) -> &'a str {
        self.key
    }

    /// The key as two little-endian words, zero-padded, if it is no longer
    /// than 16 bytes and its buffer goes on far enough to read both words.
    #[inline]
    fn two_words(&self) -> Option<[u64; 2]> {
        let len = self.key.len();
        let head = self.from_key.first_chunk::<{ PaddedKey::SLACK }>().filter(|_| len <= PaddedKey::SLACK)?;
        Some(masked_words(head, len))
    }
}

/// The first `len` bytes (at most 16) of `head` as two little-endian
/// words, zero past `len`: cut by masks, with no branch on the length.
#[inline]
pub(crate) fn masked_words(head: &[u8; PaddedKey::SLACK], len: usize) -> [u64; 2] {
    let (first, second) = head.split_at(8);
    let word = |bytes: &[u8], len: usize| {
        let word = u64::from_le_bytes(bytes.try_into().unwrap_or_default());
        word & LOW_BYTES.get(len).copied().unwrap_or(u64::MAX)
    };
    [word(first, len.min(8)), word(second, len.saturating_sub(8))]
}

/// The masks of the low 0 to 8 bytes of a word.
const LOW_BYTES: [u64; 9] = {
    let mut masks = [u64::MAX; 9];
    let mut n = 0;
    while n < 8 {
        masks[n] = (1 << (8 * n)) - 1;
        n += 1;
    }
    masks
};

/// Of the hashes after no word, one and two words of a key of `len` bytes,
/// the one after as many as the key has (chosen without a branch).
#[inline]
fn after_words(len: usize, none: u64, one: u64, two: u64) -> u64 {
    let hash = if len > 8 { two } else { one };
    if len == 0 {
        none
    } else {
        hash
    }
}

/// [`hash_str`] of a key, read in whole words where its buffer allows.
#[inline]
pub(crate) fn hash_padded(key: PaddedKey<'_>) -> u64 {
    let Some([first, second]) = key.two_words() else { return hash_str(key.key) };
    let mut hasher = FxHasher::default();
    hasher.add(first);
    let one = hasher.hash;
    hasher.add(second);
    let mut hasher = FxHasher { hash: after_words(key.key.len(), 0, one, hasher.hash) };
    hasher.write_usize(key.key.len());
    hasher.finish()
}

/// [`fingerprint_str`] of a key, read in whole words where its buffer allows.
#[inline]
pub(crate) fn fingerprint_padded(key: PaddedKey<'_>) -> u64 {
    let Some([first, second]) = key.two_words() else { return fingerprint_str(key.key) };
    fingerprint_of_words(key.key.len(), first, second)
}

/// [`fingerprint_str`] of an ASCII key in lower case, lower-cased a word of
/// 8 bytes at a time as it is read: no copy of it is made, and no branch
/// asks which bytes are capitals. A key that is not ASCII has no such
/// fingerprint: `None`.
#[inline]
pub(crate) fn fingerprint_ascii_lowercase(key: PaddedKey<'_>) -> Option<u64> {
    if key.two_words().is_some() {
        return fingerprint_short_ascii_lowercase(key);
    }
    let bytes = key.key.as_bytes();
    bytes.is_ascii().then(|| fingerprint_bytes(&bytes.to_ascii_lowercase()))
}

/// [`fingerprint_ascii_lowercase`] of a key read in two words; `None` for
/// any other key (beyond ASCII, longer than 16 bytes, or with too little
/// room after it).
#[inline]
fn fingerprint_short_ascii_lowercase(key: PaddedKey<'_>) -> Option<u64> {
    let [first, second] = key.two_words()?;
    // The words hold the key's bytes and zeros: a high bit is a byte beyond ASCII.
    ((first | second) & HIGH_BITS == 0)
        .then(|| fingerprint_of_words(key.key.len(), ascii_lowercase_word(first), ascii_lowercase_word(second)))
}

/// The high bit of each byte of a word.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The ASCII bytes of `word` in lower case. For a byte below `0x80`, adding
/// `0x80 - b'A'` sets its high bit exactly when it is `A` or past it, and
/// adding `0x7f - b'Z'` exactly when it is past `Z`; neither sum carries into
/// the next byte. Where the first is set and the second not, `0x20` is added.
#[inline]
fn ascii_lowercase_word(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let from_a = word.wrapping_add(ONES * u64::from(0x80 - b'A'));
    let past_z = word.wrapping_add(ONES * u64::from(0x7f - b'Z'));
    let capitals = from_a & !past_z & (ONES * 0x80);
    word | capitals >> 2
}

/// The fingerprint of a key of `len` bytes, at most 16, given as two words.
#[inline]
fn fingerprint_of_words(len: usize, first: u64, second: u64) -> u64 {
    let none = FINGERPRINT_SEED ^ len as u64;
    let one = folded_multiply(none ^ first, FINGERPRINT_MULTIPLIER);
    let two = folded_multiply(one ^ second, FINGERPRINT_MULTIPLIER);
    folded_multiply(after_words(len, none, one, two) ^ FINGERPRINT_SEED, FINGERPRINT_MULTIPLIER)
}

// Digits of pi and of e: arbitrary, odd, and unrelated to Fx's `SEED`.
const FINGERPRINT_SEED: u64 = 0x243f_6a88_85a3_08d3;
const FINGERPRINT_MULTIPLIER: u64 = 0xb7e1_5162_8aed_2a6b;

/// The high and the low half of a 128-bit product, folded into one: every
/// bit of either factor reaches every bit of the result.
#[inline]
fn folded_multiply(a: u64, b: u64) -> u64 {
    let product = u128::from(a) * u128::from(b);
    (product as u64) ^ (product >> 64) as u64
}

/// A set of 64-bit keys as 4,096 bits, each key hashed to one of them: a
/// key whose bit is clear was never inserted, one whose bit is set may have
/// been. Half a kilobyte stays in the cache, and most look-ups of words that
/// no list holds stop here, before a table's hashing and probing.
#[derive(Clone)]
pub(crate) struct KeyBits {
    bits: [u64; KeyBits::WORDS],
}

impl Default for KeyBits {
    fn default() -> Self {
        KeyBits { bits: [0; KeyBits::WORDS] }
    }
}

impl KeyBits {
    const WORDS: usize = 64;

    fn slot(key: u64) -> (usize, u64) {
        // The top 12 bits of a Fibonacci hash: 64 words of 64 bits.
        let bit = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 52) as usize;
        (bit / 64, 1 << (bit % 64))
    }

    pub fn insert(&mut self, key: u64) {
        let (word, mask) = KeyBits::slot(key);
        if let Some(bits) = self.bits.get_mut(word) {
            *bits |= mask;
        }
    }

    #[inline]
    pub fn may_hold(&self, key: u64) -> bool {
        let (word, mask) = KeyBits::slot(key);
        self.bits.get(word).is_some_and(|bits| bits & mask != 0)
    }
}

/// Values keyed by the [`fingerprint_str`] of their words, in one
/// open-addressed array of (fingerprint, value) pairs: a look-up hashes the
/// word once and compares 64-bit fingerprints, with no key to follow to the
/// heap and no string to compare (a map of strings spent most of a
/// vocabulary look-up on both). Not [`hash_str`]: Fx gives short words that
/// differ in their last byte and their length the same hash (`wort109`,
/// `wort1098`), where the fingerprint carries every bit to every bit.
///
/// Two words with one hash cannot be told apart there; for 64-bit hashes
/// that is about one pair in 2^64, and the lists have some thousands of
/// words. The table keeps its words in a map too, to tell a new word from
/// an old one as they come in, and answers from that map whenever two words
/// share a hash (or a word hashes to the empty slot's 0): exact either way.
#[derive(Clone)]
pub(crate) struct HashedWords<V> {
    /// A power of two of slots, at most a quarter full, each word in one of
    /// the two slots its hash names (cuckoo hashing): a look-up reads both
    /// and needs no loop. Probing on from a taken slot until the word or an
    /// empty slot turned up was a branch that look-ups mispredicted, whatever
    /// the load. Hash 0 is an empty slot. One more slot after the power of
    /// two stays empty: a look-up that finds its word in neither slot reads
    /// its value there, so that no branch asks where the word was found.
    slots: Vec<(u64, V)>,
    len: usize,
    words: FxHashMap<Box<str>, V>,
    /// Some two words share a hash, or a word's hash is 0: `words` answers.
    ambiguous: bool,
}

impl<V: Copy + Default> Default for HashedWords<V> {
    fn default() -> Self {
        HashedWords { slots: Vec::new(), len: 0, words: FxHashMap::default(), ambiguous: false }
    }
}

impl<V: Copy + Default> HashedWords<V> {
    /// How many words a new word may move on to their other slot before the
    /// table doubles: at a quarter full, a handful at most.
    const MAX_MOVES: usize = 64;

    /// Changes the value of `word` (the default for a new word) by `change`.
    pub fn update(&mut self, word: &str, change: impl FnOnce(&mut V)) {
        let new = !self.words.contains_key(word);
        let value = self.words.entry(word.into()).or_default();
        change(value);
        let value = *value;
        let hash = fingerprint_str(word);
        if hash == 0 {
            self.ambiguous = true;
            return;
        }
        let (first, second) = self.places(hash);
        for place in [first, second] {
            if let Some(entry) = self.slots.get_mut(place).filter(|entry| entry.0 == hash) {
                // A new word on an old word's hash: the hashes no longer tell them apart.
                self.ambiguous |= new;
                entry.1 = value;
                return;
            }
        }
        if (self.len + 1) * 4 > self.buckets() {
            self.grow();
        }
        self.insert((hash, value));
        self.len += 1;
    }

    /// The value of `word`; the default for a word never added.
    #[inline]
    pub fn get(&self, word: &str) -> V {
        self.get_padded(word.into())
    }

    /// [`get`](Self::get) of a key in a buffer that goes on after it.
    #[inline]
    pub fn get_padded(&self, key: PaddedKey<'_>) -> V {
        if self.ambiguous {
            return self.words.get(key.as_str()).copied().unwrap_or_default();
        }
        self.get_by_fingerprint(fingerprint_padded(key))
    }

    /// [`get`](Self::get) of an ASCII key in lower case (see
    /// [`fingerprint_ascii_lowercase`]); `None` for a key that is not ASCII.
    #[inline]
    pub fn get_ascii_lowercase(&self, key: PaddedKey<'_>) -> Option<V> {
        if self.ambiguous {
            let word = key.as_str();
            return word.is_ascii().then(|| self.words.get(&*word.to_ascii_lowercase()).copied().unwrap_or_default());
        }
        fingerprint_ascii_lowercase(key).map(|hash| self.get_by_fingerprint(hash))
    }

    /// [`get_ascii_lowercase`](Self::get_ascii_lowercase) of a key read in
    /// two words (ASCII, at most 16 bytes, with room after it); `None` for
    /// any other key, and in a table whose fingerprints are not enough.
    #[inline]
    pub fn get_short_ascii_lowercase(&self, key: PaddedKey<'_>) -> Option<V> {
        if self.ambiguous {
            return None;
        }
        fingerprint_short_ascii_lowercase(key).map(|hash| self.get_by_fingerprint(hash))
    }

    #[inline]
    fn get_by_fingerprint(&self, hash: u64) -> V {
        let (first, second) = self.places(hash);
        let empty = self.slots.len().wrapping_sub(1);
        // All ones where the word is found, as masks to pick the slot with.
        let found = |slot: usize| 0usize.wrapping_sub(usize::from(self.slots.get(slot).is_some_and(|e| e.0 == hash)));
        let (in_first, in_second) = (found(first), found(second));
        let slot = first & in_first | (second & in_second | empty & !in_second) & !in_first;
        self.slots.get(slot).map_or(V::default(), |&(_, value)| value)
    }

    /// The slots words go in: a power of two of them, or none.
    fn buckets(&self) -> usize {
        self.slots.len().saturating_sub(1)
    }

    /// The two slots where a word of `hash` may be: from its high bits and
    /// from its low bits (the fingerprint mixes every bit into both).
    #[inline]
    fn places(&self, hash: u64) -> (usize, usize) {
        let buckets = self.buckets();
        let mask = buckets.wrapping_sub(1);
        ((hash.rotate_left(buckets.trailing_zeros()) as usize) & mask, (hash as usize) & mask)
    }

    /// Puts `entry` in one of its slots, moving the words in its way to
    /// their other slots, and doubles the table if that does not end.
    fn insert(&mut self, mut entry: (u64, V)) {
        loop {
            let (first, second) = self.places(entry.0);
            let mut place = if self.slots.get(first).is_some_and(|e| e.0 != 0) { second } else { first };
            for _ in 0..Self::MAX_MOVES {
                let Some(slot) = self.slots.get_mut(place) else { break };
                let moved = std::mem::replace(slot, entry);
                if moved.0 == 0 {
                    return;
                }
                entry = moved;
                let (first, second) = self.places(entry.0);
                place = if place == first { second } else { first };
            }
            self.grow();
        }
    }

    fn grow(&mut self) {
        let size = (self.buckets() * 2).max(16);
        let old = std::mem::replace(&mut self.slots, vec![(0, V::default()); size + 1]);
        for entry in old.into_iter().filter(|&(hash, _)| hash != 0) {
            self.insert(entry);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hash as first written: the word tables `build.rs` laid out before must still be read.
    fn reference(key: &str) -> u64 {
        let mut hash = 0u64;
        let mut add = |word: u64| hash = (hash.rotate_left(5) ^ word).wrapping_mul(SEED);
        for chunk in key.as_bytes().chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            add(u64::from_le_bytes(word));
        }
        add(key.len() as u64);
        hash
    }

    #[test]
    fn hashed_words_answer_their_values_and_nothing_for_other_words() {
        let mut table = HashedWords::<u32>::default();
        for i in 0..1000u32 {
            table.update(&format!("wort{i}"), |v| *v |= 1 << (i % 7));
            table.update(&format!("wort{i}"), |v| *v |= 1 << 8);
        }
        assert!(!table.ambiguous);
        for i in 0..1000u32 {
            assert_eq!(table.get(&format!("wort{i}")), 1 << (i % 7) | 1 << 8);
            assert_eq!(table.get(&format!("wort{}", i + 1000)), 0);
        }
        assert_eq!(HashedWords::<u32>::default().get("wort"), 0);
        // Words that Fx hashes alike, as the table must not.
        assert_eq!(hash_str("wort109"), hash_str("wort1098"));
        assert_eq!(table.get("wort1098"), 0);
    }

    proptest::proptest! {
        /// However the words came in, and however many moved to their other
        /// slot on the way, each answers its value from one of its two slots.
        #[test]
        fn every_word_sits_in_one_of_its_two_slots(words in proptest::collection::vec("[a-zäß]{1,9}", 0..600)) {
            let mut table = HashedWords::<u32>::default();
            for (i, word) in words.iter().enumerate() {
                table.update(word, |v| *v |= 1 << (i % 31));
            }
            proptest::prop_assert!(table.len * 4 <= table.buckets().max(4));
            proptest::prop_assert!(table.slots.last().is_none_or(|&(hash, value)| hash == 0 && value == 0));
            for word in &words {
                let hash = fingerprint_str(word);
                let (first, second) = table.places(hash);
                proptest::prop_assert!(table.slots[first].0 == hash || table.slots[second].0 == hash, "{}", word);
                proptest::prop_assert_eq!(table.get(word), table.words[word.as_str()]);
            }
            proptest::prop_assert_eq!(table.slots.iter().filter(|e| e.0 != 0).count(), table.len);
        }
    }

    #[test]
    fn words_that_share_a_hash_are_answered_from_the_words() {
        let mut table = HashedWords::<u32>::default();
        table.update("der", |v| *v = 1);
        // Two words on one hash, as the slots see them: put there by hand.
        let hash = fingerprint_str("der");
        let slot = table.slots.iter().position(|&(found, _)| found == hash).expect("der has a slot");
        table.slots[slot].1 = 7;
        assert_eq!(table.get("der"), 7, "the slots answer while hashes tell the words apart");
        table.ambiguous = true;
        assert_eq!(table.get("der"), 1);
        assert_eq!(table.get("die"), 0);
    }

    proptest::proptest! {
        /// Read in whole words from its buffer, a key hashes as the key
        /// alone does: at every length, at the buffer's end and short of
        /// the slack, and for a range that is no key of the buffer.
        #[test]
        fn padded_keys_hash_as_their_str(buffer in "[a-zäß ]{0,40}", start in 0usize..44, len in 0usize..44) {
            let key = PaddedKey::in_buffer(&buffer, start..start + len);
            let expected = buffer.get(start..start + len).unwrap_or("");
            proptest::prop_assert_eq!(key.as_str(), expected);
            proptest::prop_assert_eq!(hash_padded(key), hash_str(expected));
            proptest::prop_assert_eq!(fingerprint_padded(key), fingerprint_str(expected));
        }
    }

    proptest::proptest! {
        /// Lower-cased as it is hashed, an ASCII word has the fingerprint of
        /// its lower case, whatever bytes it holds and whatever follows it;
        /// a word with a byte beyond ASCII has none.
        #[test]
        fn ascii_words_are_lower_cased_as_they_are_hashed(word in "[\\x00-\\x7f]{0,24}", after in "[A-Za-zÄ ]{0,20}") {
            let buffer = format!("{word}{after}");
            for key in [PaddedKey::in_buffer(&buffer, 0..word.len()), PaddedKey::from(word.as_str())] {
                proptest::prop_assert_eq!(fingerprint_ascii_lowercase(key), Some(fingerprint_str(&word.to_ascii_lowercase())));
            }
            let beyond = format!("{word}Ä");
            proptest::prop_assert_eq!(fingerprint_ascii_lowercase(PaddedKey::from(beyond.as_str())), None);
        }
    }

    #[test]
    fn every_byte_is_lower_cased_as_ascii_lower_cases_it() {
        for byte in 0..0x80u8 {
            let word = u64::from_le_bytes([byte; 8]);
            assert_eq!(ascii_lowercase_word(word), u64::from_le_bytes([byte.to_ascii_lowercase(); 8]), "{byte:#x}");
        }
    }

    #[test]
    fn padded_keys_of_every_length_up_to_and_past_two_words() {
        let buffer = format!("{} {}", "abcdefghijklmnopqrstuvwxyz", " ".repeat(PaddedKey::SLACK));
        for len in 0..=26 {
            let key = PaddedKey::in_buffer(&buffer, 0..len);
            assert_eq!(hash_padded(key), hash_str(&buffer[..len]), "{len}");
            assert_eq!(fingerprint_padded(key), fingerprint_str(&buffer[..len]), "{len}");
            assert!(key.two_words().is_some() == (len <= PaddedKey::SLACK), "{len}");
        }
        assert_eq!(PaddedKey::default().as_str(), "");
        assert_eq!(hash_padded(PaddedKey::default()), hash_str(""));
    }

    #[test]
    fn hashes_of_every_length_are_those_of_the_reference() {
        let text = "Kreml-Sprecher Dmitri Peskow sagte: „Österreich“";
        for start in 0..text.len() {
            for end in start..=text.len() {
                if let Some(key) = text.get(start..end) {
                    assert_eq!(hash_str(key), reference(key), "{key:?}");
                }
            }
        }
    }
}
