//! Lays out the largest word lists as one hash table at compile time.
//!
//! German nouns, English common words, given and family names are a third of
//! a million words. Hashing them into sets cost 40 ms at every start, and
//! asking four sets about every capitalised word cost four look-ups; the
//! library now reads one table that this script writes to `OUT_DIR` and the
//! binary carries (`wordtable::WordTable`): a word's look-up says which lists
//! hold it. Three files:
//!
//! - `words.txt`: the words, joined by line breaks, in byte order;
//! - `words.slots`: an open-addressing table over them, little-endian `u64`
//!   slots of a 16-bit hash tag, 8 bits of lists, the word's 8-bit length and
//!   32-bit offset; `0` is an empty slot;
//! - `words.bloom`: a blocked Bloom filter in front of the table.

use std::collections::BTreeMap;
use std::path::Path;

#[allow(dead_code)]
#[path = "src/hash.rs"]
mod hash;

use hash::hash_str as hash;

/// The lists and their bits; `src/wordtable.rs` names the same bits.
const LISTS: &[(&str, u8)] = &[
    ("gazetteers/en/first-names.txt", 1),
    ("gazetteers/de/first-names.txt", 1),
    ("gazetteers/en/surnames.txt", 1 << 1),
    ("gazetteers/de/surnames.txt", 1 << 1),
    ("gazetteers/de/common-nouns.txt", 1 << 2),
    ("gazetteers/en/common-words.txt", 1 << 3),
];

// The slot layout; `src/wordtable.rs` reads it with the same constants.
const TAG_SHIFT: u32 = 48;
const LISTS_SHIFT: u32 = 40;
const LEN_SHIFT: u32 = 32;

/// 16 bits of the hash that the slot's position (its high bits) does not already say.
fn tag(hash: u64) -> u64 {
    ((hash >> 8) & 0xffff) << TAG_SHIFT
}

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/hash.rs");
    let mut words: BTreeMap<String, u8> = BTreeMap::new();
    for &(file, list) in LISTS {
        println!("cargo:rerun-if-changed={file}");
        let data = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"));
        for line in data.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let word = line.split('\t').next().unwrap_or(line).trim();
            if !word.is_empty() && word.len() < 256 {
                *words.entry(word.to_string()).or_default() |= list;
            }
        }
    }
    write_table(Path::new(&out), &words);
}

fn write_table(out: &Path, words: &BTreeMap<String, u8>) {
    let slots_len = (words.len() * 2).next_power_of_two().max(8);
    let shift = 64 - slots_len.trailing_zeros();
    let mut slots = vec![0u64; slots_len];
    let mut blob = String::new();
    // A Bloom filter in front of the table: most words asked about are in no
    // list, and the filter (an eighth of the table's size) answers them from cache.
    let blocks = hash::bloom_blocks(words.len());
    let mut bloom = vec![0u8; blocks * 64];
    for (word, &lists) in words {
        let offset = blob.len() as u64;
        assert!(offset < 1 << LEN_SHIFT, "the word lists are too large for the slot layout");
        blob.push_str(word);
        blob.push('\n');
        let h = hash(word);
        let mut slot = (h >> shift) as usize;
        while slots[slot] != 0 {
            slot = (slot + 1) & (slots_len - 1);
        }
        slots[slot] = tag(h) | u64::from(lists) << LISTS_SHIFT | (word.len() as u64) << LEN_SHIFT | offset;
        let (block, bits) = hash::bloom_probe(h, blocks);
        for bit in bits {
            bloom[block * 64 + bit / 8] |= 1 << (bit % 8);
        }
    }
    let bytes: Vec<u8> = slots.iter().flat_map(|s| s.to_le_bytes()).collect();
    std::fs::write(out.join("words.slots"), bytes).expect("write slots");
    std::fs::write(out.join("words.txt"), blob).expect("write words");
    std::fs::write(out.join("words.bloom"), bloom).expect("write bloom");
}
