//! The word table's lists and layout, shared by `build.rs` (which lays the
//! table out) and the library (which reads it) through `#[path]`: one
//! definition, so that the look-up that `build.rs` checks for every word is
//! the one the binary runs. `src/wordtable.rs` describes the layout.

use std::collections::{BTreeMap, HashSet};

use crate::hash::{fingerprint_padded, fingerprint_str, hash_padded, hash_str, PaddedKey};

/// Bits of the table's answer: the lists that hold a word, spelled as it is spelled there.
pub mod list {
    pub const FIRST_NAME: u8 = 1;
    pub const SURNAME: u8 = 1 << 1;
    /// German nouns (`german-nouns`), capitalised as nouns are.
    pub const GERMAN_NOUN: u8 = 1 << 2;
    /// English common words, in lower case.
    pub const ENGLISH_WORD: u8 = 1 << 3;
}

/// The files of the lists, relative to the crate's root, and their bits.
#[cfg_attr(not(test), allow(dead_code))]
pub const LIST_FILES: &[(&str, u8)] = &[
    ("gazetteers/en/first-names.txt", list::FIRST_NAME),
    ("gazetteers/de/first-names.txt", list::FIRST_NAME),
    ("gazetteers/en/surnames.txt", list::SURNAME),
    ("gazetteers/de/surnames.txt", list::SURNAME),
    ("gazetteers/de/common-nouns.txt", list::GERMAN_NOUN),
    ("gazetteers/en/common-words.txt", list::ENGLISH_WORD),
];

/// A bucket is one cache line, so that a look-up reads one.
pub const BUCKET_BYTES: usize = 64;
const ENTRY_BYTES: usize = 8;
const BUCKET_ENTRIES: usize = BUCKET_BYTES / ENTRY_BYTES;

/// The low bits of an entry hold the word's lists, the others its fingerprint.
const LISTS_BITS: u32 = 4;
const LISTS_MASK: u64 = (1 << LISTS_BITS) - 1;

/// The words of the lists, each with the bits of the lists that hold it,
/// from the lists' texts and bits: a word is the first tab-separated column
/// of a line; blank lines and `#` comments hold none.
#[cfg_attr(not(test), allow(dead_code))]
pub fn words<'a>(lists: impl IntoIterator<Item = (&'a str, u8)>) -> BTreeMap<String, u8> {
    let mut words: BTreeMap<String, u8> = BTreeMap::new();
    for (text, bits) in lists {
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let word = line.split('\t').next().unwrap_or(line).trim();
            if !word.is_empty() {
                *words.entry(word.to_string()).or_default() |= bits;
            }
        }
    }
    words
}

/// Buckets for `words` words: a power of two, at most three-quarters full.
/// Today's 412,000 words take 2^17 buckets (8 MB, 39 % full). 2^16 buckets
/// (4 MB, 79 % full) did worse: two in five were full, and a look-up of an
/// unlisted word reads a second line past a full one (in a cache
/// simulation, 44 % more cache misses and 38 % more instructions in look-ups).
#[cfg_attr(not(test), allow(dead_code))]
fn bucket_count(words: usize) -> usize {
    const MAX_LOAD_PERCENT: usize = 75;
    (words * 100).div_ceil(BUCKET_ENTRIES * MAX_LOAD_PERCENT).next_power_of_two()
}

/// The bucket where the search for `word` starts, in a table of `buckets`
/// (a power of two) buckets: the high bits of its hash, which are the best
/// mixed bits of an Fx hash.
#[inline]
pub fn home_bucket(word: &str, buckets: usize) -> usize {
    bucket_of_hash(hash_str(word), buckets)
}

#[inline]
fn bucket_of_hash(hash: u64, buckets: usize) -> usize {
    // A rotation rather than a shift by `64 - log2(buckets)`, which would
    // overflow for a table of one bucket.
    (hash.rotate_left(buckets.trailing_zeros()) as usize) & (buckets - 1)
}

/// `word`'s fingerprint, in the bits of an entry that hold one.
#[inline]
pub fn fingerprint(word: &str) -> u64 {
    fingerprint_str(word) & !LISTS_MASK
}

/// The table of `words` (each with its lists, at least one): its bytes.
///
/// # Panics
///
/// At build time, if a word's lists do not fit an entry, if two words share
/// their home bucket and fingerprint (a look-up could not tell them apart),
/// or if a word's look-up does not answer its lists.
#[cfg_attr(not(test), allow(dead_code))]
pub fn lay_out(words: &BTreeMap<String, u8>) -> Vec<u8> {
    let buckets = bucket_count(words.len());
    let mut entries = vec![0u64; buckets * BUCKET_ENTRIES];
    let mut homes_and_fingerprints = HashSet::with_capacity(words.len());
    for (word, &lists) in words {
        // A word in no list is not in the table, and so an entry is never 0, the empty entry.
        assert!(
            lists != 0 && u64::from(lists) <= LISTS_MASK,
            "{word:?}: its lists {lists:#b} must be at least one and fit in {LISTS_BITS} bits",
        );
        let (home, fingerprint) = (home_bucket(word, buckets), fingerprint(word));
        assert!(
            homes_and_fingerprints.insert((home, fingerprint)),
            "{word:?} has the home bucket and fingerprint of another word: change FINGERPRINT_SEED in src/hash.rs",
        );
        let mut bucket = home;
        // Terminates: there are more entries than words (`bucket_count`).
        let free = loop {
            let start = bucket * BUCKET_ENTRIES;
            if let Some(offset) = entries[start..start + BUCKET_ENTRIES].iter().position(|&e| e == 0) {
                break start + offset;
            }
            bucket = (bucket + 1) & (buckets - 1);
        };
        entries[free] = fingerprint | u64::from(lists);
    }
    let table: Vec<u8> = entries.iter().flat_map(|e| e.to_le_bytes()).collect();
    for (word, &expected) in words {
        assert_eq!(lists(&table, word), expected, "{word:?} is not found by its own look-up");
    }
    table
}

/// The lists (bits of [`list`]) that hold `word`, `0` for none, in `table`:
/// buckets of `BUCKET_BYTES` bytes, a power of two of them (a table of
/// another shape answers wrongly, but without a panic).
#[inline]
pub fn lists(table: &[u8], word: &str) -> u8 {
    match search(table, word.into()) {
        Some(search) => probe(table, search),
        None => 0,
    }
}

/// Where the search for `word` starts in `table`, and what it looks for;
/// `None` for a table without buckets, which holds no word.
#[derive(Clone, Copy, Default)]
pub struct Search {
    bucket: usize,
    fingerprint: u64,
}

#[inline]
pub fn search(table: &[u8], word: PaddedKey<'_>) -> Option<Search> {
    let buckets = table.len() / BUCKET_BYTES;
    (buckets != 0).then(|| Search {
        bucket: bucket_of_hash(hash_padded(word), buckets),
        fingerprint: fingerprint_padded(word) & !LISTS_MASK,
    })
}

/// The first byte of the home bucket of `search`: reading it brings the
/// bucket's cache line in, and a run of such reads waits for all of their
/// lines at once.
#[inline]
#[allow(dead_code)] // build.rs lays the table out and reads no batches
pub fn first_byte(table: &[u8], search: Search) -> u8 {
    table.get(search.bucket * BUCKET_BYTES).copied().unwrap_or(0)
}

/// The lists of the word of `search`: its home bucket and those after it
/// are scanned for its fingerprint.
#[inline]
pub fn probe(table: &[u8], search: Search) -> u8 {
    let buckets = table.len() / BUCKET_BYTES;
    let Search { mut bucket, fingerprint } = search;
    // Bounded by the number of buckets: a full table (never laid out) would loop.
    for _ in 0..buckets {
        let Some(line) = table.get(bucket * BUCKET_BYTES..).and_then(<[u8]>::first_chunk::<BUCKET_BYTES>) else {
            return 0;
        };
        for entry in line.chunks_exact(ENTRY_BYTES) {
            let entry = u64::from_le_bytes(entry.try_into().unwrap_or_default());
            // An empty entry matches only a fingerprint of 0 and then answers 0: right either way.
            if entry & !LISTS_MASK == fingerprint {
                return (entry & LISTS_MASK) as u8;
            }
            // A bucket fills from its first entry, and a word goes on to the
            // next bucket only if its own is full: past an empty entry, no word is.
            if entry == 0 {
                return 0;
            }
        }
        bucket = (bucket + 1) & (buckets - 1);
    }
    0
}
