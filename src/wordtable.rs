//! Hash tables of words laid out at compile time, for the large lists
//! (German nouns, English words, given and family names).
//!
//! Hashing a third of a million words into sets took 40 ms at every start,
//! and a lookup in a `HashSet<String>` is no faster than one here: `build.rs`
//! writes each list as an open-addressing table that the binary carries, so
//! start-up builds nothing and pages in only the slots a text touches.

use crate::hash::hash_str as hash;

/// Bits of [`WordTable::lists`]: the lists that hold a word, spelled as it is spelled there.
pub(crate) mod list {
    pub const FIRST_NAME: u8 = 1;
    pub const SURNAME: u8 = 1 << 1;
    /// German nouns (`german-nouns`), capitalised as nouns are.
    pub const GERMAN_NOUN: u8 = 1 << 2;
    /// English common words, in lower case.
    pub const ENGLISH_WORD: u8 = 1 << 3;
}

/// The long word lists, laid out as one hash table at compile time by
/// `build.rs` (which documents the layout): nothing to build at start-up.
#[derive(Clone, Copy)]
pub(crate) struct WordTable {
    slots: &'static [u8],
    words: &'static str,
    /// `64 - log2(number of slots)`: a hash's home slot is its high bits.
    shift: u32,
    /// A blocked Bloom filter of the words (see [`crate::hash::bloom_probe`]).
    bloom: &'static [u8],
}

// The slot layout of `build.rs`.
const TAG_SHIFT: u32 = 48;
const LISTS_SHIFT: u32 = 40;
const LEN_SHIFT: u32 = 32;

impl WordTable {
    /// The table `build.rs` wrote.
    pub fn get() -> WordTable {
        WordTable::new(
            include_bytes!(concat!(env!("OUT_DIR"), "/words.slots")),
            include_str!(concat!(env!("OUT_DIR"), "/words.txt")),
            include_bytes!(concat!(env!("OUT_DIR"), "/words.bloom")),
        )
    }

    /// A malformed table (which the build never writes) is an empty one, not a panic.
    fn new(slots: &'static [u8], words: &'static str, bloom: &'static [u8]) -> WordTable {
        let count = slots.len() / 8;
        let blocks = bloom.len() / 64;
        if !count.is_power_of_two() || slots.len() % 8 != 0 || !blocks.is_power_of_two() || bloom.len() % 64 != 0 {
            return WordTable { slots: &[], words: "", shift: 0, bloom: &[] };
        }
        WordTable { slots, words, shift: 64 - count.trailing_zeros(), bloom }
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
    fn may_contain(&self, hash: u64) -> bool {
        let (block, bits) = crate::hash::bloom_probe(hash, self.bloom.len() / 64);
        let block = &self.bloom[block * 64..block * 64 + 64];
        bits.iter().all(|&bit| block[bit / 8] & (1 << (bit % 8)) != 0)
    }

    /// The lists (bits of [`list`]) that hold `word` as spelled; `0` for none.
    #[inline]
    pub fn lists(&self, word: &str) -> u8 {
        let count = self.slots.len() / 8;
        if count == 0 {
            return 0;
        }
        let h = hash(word);
        if !self.may_contain(h) {
            return 0;
        }
        let tag = ((h >> 8) & 0xffff) << TAG_SHIFT;
        let mut index = (h >> self.shift) as usize;
        // A full table (never written) would loop: the probes are bounded by its size.
        for _ in 0..count {
            let slot = self.slot(index);
            if slot == 0 {
                return 0;
            }
            let len = ((slot >> LEN_SHIFT) & 0xff) as usize;
            let offset = (slot & 0xffff_ffff) as usize;
            if slot >> TAG_SHIFT << TAG_SHIFT == tag
                && len == word.len()
                && self.words.get(offset..offset + len) == Some(word)
            {
                return (slot >> LISTS_SHIFT) as u8;
            }
            index = (index + 1) & (count - 1);
        }
        0
    }

    /// The words, in byte order.
    #[cfg(test)]
    pub fn words(&self) -> impl Iterator<Item = &'static str> {
        self.words.lines()
    }
}

#[cfg(test)]
mod tests {
    use super::{list, WordTable};

    #[test]
    fn the_table_holds_exactly_its_lists() {
        let table = WordTable::get();
        for (data, bit) in [
            (include_str!("../gazetteers/de/common-nouns.txt"), list::GERMAN_NOUN),
            (include_str!("../gazetteers/en/common-words.txt"), list::ENGLISH_WORD),
            (include_str!("../gazetteers/en/surnames.txt"), list::SURNAME),
            (include_str!("../gazetteers/de/first-names.txt"), list::FIRST_NAME),
        ] {
            assert!(crate::lexicon::lines(data).all(|w| table.lists(w) & bit != 0));
        }
        assert_eq!(table.lists("Treffen") & list::GERMAN_NOUN, list::GERMAN_NOUN);
        assert_eq!(table.lists("Wladimir") & list::FIRST_NAME, list::FIRST_NAME);
        for absent in ["treffen", "Treffe", "Treffenx", "Waffenhandel\n", "", "Treffen\nWaffe"] {
            assert_eq!(table.lists(absent) & list::GERMAN_NOUN, 0, "{absent:?}");
        }
        let words: Vec<&str> = table.words().collect();
        assert!(words.windows(2).all(|w| w[0] < w[1]), "one entry per word, in byte order");
    }
}
