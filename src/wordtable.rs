//! Hash tables of words laid out at compile time, for the large lists
//! (German nouns, English words, given and family names).
//!
//! Hashing a third of a million words into sets took 40 ms at every start,
//! and a lookup in a `HashSet<String>` is no faster than one here: `build.rs`
//! writes each list as an open-addressing table that the binary carries, so
//! start-up builds nothing and pages in only the slots a text touches.

use crate::hash::hash_str as hash;

/// A set of words laid out as a hash table at compile time by `build.rs`
/// (which documents the layout): nothing to build at start-up.
#[derive(Clone, Copy)]
pub(crate) struct FrozenSet {
    /// Little-endian `u64` slots: 24-bit tag, 8-bit length, 32-bit offset into `words`; `0` is empty.
    slots: &'static [u8],
    words: &'static str,
    /// `64 - log2(number of slots)`: a hash's home slot is its high bits.
    shift: u32,
    /// A blocked Bloom filter of the words (see [`crate::hash::bloom_probe`]).
    bloom: &'static [u8],
}

// The slot layout of `build.rs`.
const LEN_BITS: u32 = 8;
const OFFSET_BITS: u32 = 32;

impl FrozenSet {
    pub const EMPTY: FrozenSet = FrozenSet { slots: &[], words: "", shift: 0, bloom: &[] };

    /// A set over the files `build.rs` wrote. A malformed table (which the
    /// build never writes) is an empty set, not a panic.
    pub const fn new(slots: &'static [u8], words: &'static str, bloom: &'static [u8]) -> FrozenSet {
        let count = slots.len() / 8;
        let blocks = bloom.len() / 64;
        if !count.is_power_of_two() || slots.len() % 8 != 0 || !blocks.is_power_of_two() || bloom.len() % 64 != 0 {
            return FrozenSet::EMPTY;
        }
        FrozenSet { slots, words, shift: 64 - count.trailing_zeros(), bloom }
    }

    #[inline]
    fn may_contain(&self, hash: u64) -> bool {
        let (block, bits) = crate::hash::bloom_probe(hash, self.bloom.len() / 64);
        let block = &self.bloom[block * 64..block * 64 + 64];
        bits.iter().all(|&bit| block[bit / 8] & (1 << (bit % 8)) != 0)
    }

    #[inline]
    fn slot(&self, index: usize) -> u64 {
        let mut bytes = [0u8; 8];
        if let Some(b) = self.slots.get(index * 8..index * 8 + 8) {
            bytes.copy_from_slice(b);
        }
        u64::from_le_bytes(bytes)
    }

    #[inline]
    pub fn contains(&self, key: &str) -> bool {
        let count = self.slots.len() / 8;
        if count == 0 {
            return false;
        }
        let h = hash(key);
        if !self.may_contain(h) {
            return false;
        }
        // 24 bits of the hash that the home slot (its high bits) does not already say.
        let tag = ((h >> 8) & 0xff_ffff) << (LEN_BITS + OFFSET_BITS);
        let tag_mask = u64::MAX << (LEN_BITS + OFFSET_BITS);
        let mut index = (h >> self.shift) as usize;
        // A full table (never written) would loop: the probes are bounded by its size.
        for _ in 0..count {
            let slot = self.slot(index);
            if slot == 0 {
                return false;
            }
            let len = ((slot >> OFFSET_BITS) & ((1 << LEN_BITS) - 1)) as usize;
            let offset = (slot & ((1 << OFFSET_BITS) - 1)) as usize;
            if slot & tag_mask == tag && len == key.len() && self.words.get(offset..offset + len) == Some(key) {
                return true;
            }
            index = (index + 1) & (count - 1);
        }
        false
    }

    /// The words, in byte order.
    #[cfg(test)]
    pub fn words(&self) -> impl Iterator<Item = &'static str> {
        self.words.lines()
    }
}

/// The [`FrozenSet`] `build.rs` wrote for the table `name`.
macro_rules! frozen_set {
    ($name:literal) => {
        $crate::wordtable::FrozenSet::new(
            include_bytes!(concat!(env!("OUT_DIR"), "/", $name, ".slots")),
            include_str!(concat!(env!("OUT_DIR"), "/", $name, ".words")),
            include_bytes!(concat!(env!("OUT_DIR"), "/", $name, ".bloom")),
        )
    };
}
pub(crate) use frozen_set;

#[cfg(test)]
mod tests {

    #[test]
    fn frozen_sets_hold_exactly_their_lists() {
        let nouns = frozen_set!("common-nouns-de");
        assert!(nouns.contains("Treffen") && nouns.contains("Waffenhandel"));
        assert!(!nouns.contains("treffen") && !nouns.contains("Treffe") && !nouns.contains(""));
        let words: Vec<&str> = crate::lexicon::lines(include_str!("../gazetteers/de/common-nouns.txt")).collect();
        assert_eq!(nouns.words().count(), words.len());
        assert!(words.iter().all(|w| nouns.contains(w)));
        assert!(!nouns.contains("Treffenx") && !nouns.contains("Waffenhandel\n"));
        let names = frozen_set!("first-names");
        assert!(names.contains("Wladimir") && names.contains("John"));
    }
}
