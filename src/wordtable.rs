//! The long word lists (German nouns, English words, given and family
//! names) as one hash table laid out at compile time by `build.rs`.
//!
//! Hashing 400,000 words into sets took 40 ms at every start; the binary
//! carries the table instead, so start-up builds nothing and pages in only
//! what a text touches. The rules ask it about nearly every word, so a
//! look-up must cost one cache line:
//!
//! - The table is an array of buckets of 64 bytes, one cache line each,
//!   aligned to 64 bytes in the binary; a bucket holds 8 little-endian `u64`
//!   entries, `0` for an empty one. There are a power of two of buckets, at
//!   most three-quarters full (`layout::bucket_count`).
//! - A word's home bucket is given by the high bits of its [`hash_str`]; its
//!   entry holds the high 60 bits of a second, independent hash of it
//!   ([`fingerprint_str`]) and, in the low 4 bits, the lists that hold it
//!   (never none, so an entry is never 0).
//! - A look-up scans its home bucket for its fingerprint; an empty entry
//!   ends the search, and a full bucket without the fingerprint sends it on
//!   to the next (rarely: most buckets have room).
//!
//! The table keeps no text of its words, which a look-up would have had to
//! read from a second cache line (and a Bloom filter before it, a third).
//! `build.rs` checks that every listed word answers its own lists and that
//! no two share their home bucket and fingerprint, so listed words are
//! answered exactly. An unlisted word answers `0` unless its fingerprint
//! happens to equal one of the (at most 8) fingerprints in its bucket: the
//! odds are below 8 · 2^-60 ≈ 7 · 10^-18 per look-up (a little more in the
//! rare case that the search goes on to a next bucket), that is, once in
//! about 4,500 years at a million look-ups a second.
//!
//! [`hash_str`]: crate::hash::hash_str
//! [`fingerprint_str`]: crate::hash::fingerprint_str

mod layout;

pub(crate) use layout::list;

use crate::hash::PaddedKey;

/// An over-aligned type of no use but its alignment.
#[repr(C, align(64))]
struct CacheLine([u8; layout::BUCKET_BYTES]);

/// `bytes`, aligned as `Align` is: `Align` is the first field, of size 0.
#[repr(C)]
struct Aligned<Align, Bytes: ?Sized> {
    _align: [Align; 0],
    bytes: Bytes,
}

/// The table `build.rs` wrote, each bucket in one cache line.
static TABLE: &Aligned<CacheLine, [u8]> =
    &Aligned { _align: [], bytes: *include_bytes!(concat!(env!("OUT_DIR"), "/words.table")) };

/// The long word lists, laid out as one hash table at compile time by
/// `build.rs`: nothing to build at start-up.
#[derive(Clone, Copy)]
pub(crate) struct WordTable {
    /// Buckets of [`layout::BUCKET_BYTES`] bytes, a power of two of them.
    buckets: &'static [u8],
}

impl WordTable {
    /// The table `build.rs` wrote.
    pub fn get() -> WordTable {
        WordTable::new(&TABLE.bytes)
    }

    /// A malformed table (which the build never writes) is an empty one, not a panic.
    fn new(buckets: &'static [u8]) -> WordTable {
        let well_formed =
            buckets.len() % layout::BUCKET_BYTES == 0 && (buckets.len() / layout::BUCKET_BYTES).is_power_of_two();
        WordTable { buckets: if well_formed { buckets } else { &[] } }
    }

    /// The lists (bits of [`list`]) that hold `word` as spelled; `0` for none.
    #[inline]
    pub fn lists(&self, word: &str) -> u8 {
        layout::lists(self.buckets, word)
    }

    /// [`lists`](Self::lists) of each of `words`, in order, pushed onto `out`.
    ///
    /// Most look-ups of a text miss the cache: the table is larger than it,
    /// and a look-up is a wait for one line from memory. One at a time, the
    /// waits add up; here the lines of a batch of words are read first, by
    /// loads that nothing waits on, so that their waits overlap, and then
    /// each bucket is scanned.
    pub fn lists_of_each<'w>(&self, words: impl IntoIterator<Item = PaddedKey<'w>>, out: &mut Vec<u8>) {
        const BATCH: usize = 16;
        let mut words = words.into_iter().peekable();
        let mut searches = [None; BATCH];
        while words.peek().is_some() {
            let mut count = 0;
            for (slot, word) in searches.iter_mut().zip(words.by_ref()) {
                *slot = layout::search(self.buckets, word);
                count += 1;
            }
            let batch = &searches[..count];
            // The loads are kept (the optimiser may not drop them) but no
            // branch depends on them, so none stalls the next.
            let lines_read = batch.iter().flatten().fold(0u8, |sink, &s| sink ^ layout::first_byte(self.buckets, s));
            std::hint::black_box(lines_read);
            out.extend(batch.iter().map(|s| s.map_or(0, |s| layout::probe(self.buckets, s))));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{layout, list, WordTable, TABLE};
    use crate::hash::PaddedKey;
    use proptest::prelude::*;
    use proptest::sample::Index;
    use std::collections::BTreeMap;
    use std::sync::OnceLock;

    /// The words of the lists that `build.rs` read, read again here.
    fn listed() -> &'static BTreeMap<String, u8> {
        static LISTED: OnceLock<BTreeMap<String, u8>> = OnceLock::new();
        LISTED.get_or_init(|| {
            let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
            let texts: Vec<(String, u8)> = layout::LIST_FILES
                .iter()
                .map(|&(file, bits)| (std::fs::read_to_string(root.join(file)).expect(file), bits))
                .collect();
            layout::words(texts.iter().map(|(text, bits)| (text.as_str(), *bits)))
        })
    }

    /// The listed words, to pick the `n`th without walking the map.
    fn listed_words() -> &'static [&'static str] {
        static WORDS: OnceLock<Vec<&'static str>> = OnceLock::new();
        WORDS.get_or_init(|| listed().keys().map(String::as_str).collect())
    }

    /// A word that `words` does not hold answers 0 in `table`.
    fn assert_unlisted_answers_nothing(table: &[u8], words: &BTreeMap<String, u8>, word: &str) {
        if !words.contains_key(word) {
            assert_eq!(layout::lists(table, word), 0, "{word:?}");
        }
    }

    #[test]
    fn every_listed_word_answers_exactly_its_lists() {
        let table = WordTable::get();
        for (word, &lists) in listed() {
            assert_eq!(table.lists(word), lists, "{word:?}");
        }
        let entries = table.buckets.chunks_exact(8).filter(|entry| entry.iter().any(|&b| b != 0)).count();
        assert_eq!(entries, listed().len(), "one entry per listed word, and no other");
        assert_eq!(table.lists("Treffen") & list::GERMAN_NOUN, list::GERMAN_NOUN);
        assert_eq!(table.lists("Wladimir") & list::FIRST_NAME, list::FIRST_NAME);
    }

    #[test]
    fn the_table_is_aligned_to_cache_lines() {
        assert_eq!(TABLE.bytes.as_ptr().align_offset(layout::BUCKET_BYTES), 0);
        assert!(!WordTable::get().buckets.is_empty());
    }

    #[test]
    fn words_in_no_list_answer_nothing() {
        let table = WordTable::get();
        let long = "Treffen".repeat(100);
        for absent in [
            "treffen",
            "Treffe",
            "Treffenx",
            "Waffenhandel\n",
            "",
            "Treffen\nWaffe",
            " Treffen",
            "Treffen\0",
            &long,
            "Bürgermeisterwahlkampfauftaktveranstaltungsort",
            "Ärgerlichkeitsüberschuß",
            "東京都庁舎",
            "Пескову",
            "🦀🦀",
        ] {
            assert!(!listed().contains_key(absent), "{absent:?} is listed: pick another");
            assert_eq!(table.lists(absent), 0, "{absent:?}");
        }
    }

    #[test]
    fn a_malformed_table_is_an_empty_one() {
        let malformed: [&'static [u8]; 4] = [&[1; 63], &[1; 65], &[1; 3 * 64], &[]];
        for bytes in malformed {
            let table = WordTable::new(bytes);
            assert!(table.buckets.is_empty());
            assert_eq!(table.lists("Treffen"), 0);
        }
    }

    #[test]
    fn a_full_table_answers_without_looping() {
        assert_eq!(WordTable::new(&[0xa5; 4 * 64]).lists("Treffen"), 0);
        assert_eq!(WordTable::new(&[0xa5; 64]).lists("Treffen"), 0);
    }

    /// A small table whose buckets overflow into the next and the last into
    /// the first, which the real table seldom shows. (Fx spreads most
    /// counted words evenly over buckets; these ones overflow.)
    #[test]
    fn a_small_table_answers_its_words_exactly() {
        let words: BTreeMap<String, u8> = (0..47u8).map(|i| (format!("{i}. Wort"), i % 15 + 1)).collect();
        let table = layout::lay_out(&words);
        assert_eq!(table.len(), 8 * 64, "47 words in 8 buckets: some overflow");
        // An entry's low 4 bits are its lists, the others the word's fingerprint.
        let bucket_of = |word: &str| {
            let entry = table
                .chunks_exact(8)
                .position(|e| u64::from_le_bytes(e.try_into().expect("8 bytes")) & !0xf == layout::fingerprint(word));
            entry.expect("every word has an entry") / 8
        };
        let homes_and_buckets: Vec<(usize, usize)> =
            words.keys().map(|word| (layout::home_bucket(word, 8), bucket_of(word))).collect();
        assert!(homes_and_buckets.iter().any(|&(home, bucket)| bucket > home), "a word in a next bucket");
        assert!(
            homes_and_buckets.iter().any(|&(home, bucket)| bucket < home),
            "a word in the first bucket from the last"
        );
        for (word, &lists) in &words {
            assert_eq!(layout::lists(&table, word), lists, "{word:?}");
        }
        for i in 47..10_000 {
            assert_unlisted_answers_nothing(&table, &words, &format!("{i}. Wort"));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(10_000))]

        #[test]
        fn random_strings_in_no_list_answer_nothing(word in "\\PC{0,24}") {
            assert_unlisted_answers_nothing(WordTable::get().buckets, listed(), &word);
        }

        #[test]
        fn capitalised_words_in_no_list_answer_nothing(word in "[A-ZÄÖÜ][a-zäöüß]{1,15}") {
            assert_unlisted_answers_nothing(WordTable::get().buckets, listed(), &word);
        }

        /// Listed words with a letter more, fewer or changed: the near misses
        /// that a weak fingerprint would confuse with them.
        #[test]
        fn near_misses_of_listed_words_answer_nothing(
            at in any::<Index>(),
            edit in any::<Index>(),
            letter in any::<char>(),
        ) {
            let word = at.get(listed_words());
            let boundaries: Vec<usize> = (0..=word.len()).filter(|&i| word.is_char_boundary(i)).collect();
            let i = *edit.get(&boundaries);
            let next = boundaries.iter().copied().find(|&j| j > i).unwrap_or(i);
            for near in [
                format!("{}{letter}{}", &word[..i], &word[i..]),
                format!("{}{}", &word[..i], &word[next..]),
                format!("{}{letter}{}", &word[..i], &word[next..]),
            ] {
                assert_unlisted_answers_nothing(WordTable::get().buckets, listed(), &near);
            }
        }
    }

    proptest! {
        /// Batches of every length, across the batch size, of listed and
        /// unlisted words: each answer that of its own look-up, in order.
        #[test]
        fn a_batch_of_look_ups_answers_as_each_look_up(
            picks in proptest::collection::vec((any::<Index>(), "\\PC{0,12}", any::<bool>()), 0..40),
        ) {
            let table = WordTable::get();
            let words: Vec<&str> =
                picks.iter().map(|(at, other, listed)| if *listed { *at.get(listed_words()) } else { other.as_str() }).collect();
            // The words in one buffer, as the words of a text are, each read on past its end.
            let buffer = words.join(" ");
            let mut keys = Vec::new();
            let mut start = 0;
            for word in &words {
                keys.push(PaddedKey::in_buffer(&buffer, start..start + word.len()));
                start += word.len() + 1;
            }
            let mut answers = vec![7];
            table.lists_of_each(keys.iter().copied(), &mut answers);
            let one_by_one: Vec<u8> = std::iter::once(7).chain(words.iter().map(|word| table.lists(word))).collect();
            prop_assert_eq!(&answers, &one_by_one);
            let mut alone = vec![7];
            table.lists_of_each(words.iter().map(|&word| PaddedKey::from(word)), &mut alone);
            prop_assert_eq!(alone, one_by_one);
            let mut from_empty_table = Vec::new();
            WordTable::new(&[]).lists_of_each(keys.iter().copied(), &mut from_empty_table);
            prop_assert_eq!(from_empty_table, vec![0; words.len()]);
        }

        #[test]
        fn small_random_tables_answer_exactly(
            words in proptest::collection::btree_map("\\PC{0,12}", 1u8..16, 0..300),
            others in proptest::collection::vec("\\PC{0,12}", 0..50),
        ) {
            let table = layout::lay_out(&words);
            for (word, &lists) in &words {
                prop_assert_eq!(layout::lists(&table, word), lists);
            }
            for other in &others {
                assert_unlisted_answers_nothing(&table, &words, other);
            }
        }
    }
}
