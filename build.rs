//! Lays out the largest word lists as hash tables at compile time.
//!
//! German nouns, English common words, given and family names are a third of
//! a million words. Hashing them into sets cost 40 ms at every start; the
//! library now reads tables that this script writes to `OUT_DIR` and the
//! binary carries (`wordtable::FrozenSet`). Each list becomes two files:
//! `<name>.words`, its words joined by line breaks; `<name>.slots`, the
//! open-addressing table over them (little-endian `u64` slots); and
//! `<name>.bloom`, a blocked Bloom filter in front of the table.

use std::path::Path;

#[allow(dead_code)]
#[path = "src/hash.rs"]
mod hash;

/// Table name and the lists it merges.
const TABLES: &[(&str, &[&str])] = &[
    ("first-names", &["gazetteers/en/first-names.txt", "gazetteers/de/first-names.txt"]),
    ("surnames", &["gazetteers/en/surnames.txt"]),
    ("common-nouns-de", &["gazetteers/de/common-nouns.txt"]),
    ("common-words-en", &["gazetteers/en/common-words.txt"]),
];

// The slot layout; `src/wordtable.rs` reads it with the same constants.
const LEN_BITS: u32 = 8;
const OFFSET_BITS: u32 = 32;

use hash::hash_str as hash;

/// 24 bits of the hash that the slot's position does not already say (it takes the high bits).
fn tag(hash: u64) -> u64 {
    ((hash >> 8) & 0xff_ffff) << (LEN_BITS + OFFSET_BITS)
}

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/hash.rs");
    for (name, files) in TABLES {
        let mut words: Vec<String> = Vec::new();
        for file in *files {
            println!("cargo:rerun-if-changed={file}");
            let data = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"));
            for line in data.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
                let word = line.split('\t').next().unwrap_or(line).trim();
                if !word.is_empty() && word.len() < 1 << LEN_BITS {
                    words.push(word.to_string());
                }
            }
        }
        words.sort_unstable();
        words.dedup();
        write_table(Path::new(&out), name, &words);
    }
}

fn write_table(out: &Path, name: &str, words: &[String]) {
    let slots_len = (words.len() * 2).next_power_of_two().max(8);
    let shift = 64 - slots_len.trailing_zeros();
    let mut slots = vec![0u64; slots_len];
    let mut blob = String::new();
    for word in words {
        let offset = blob.len() as u64;
        assert!(offset < 1 << OFFSET_BITS, "{name}: list too large for the slot layout");
        blob.push_str(word);
        blob.push('\n');
        let h = hash(word);
        let tag = tag(h);
        let mut slot = (h >> shift) as usize;
        while slots[slot] != 0 {
            slot = (slot + 1) & (slots_len - 1);
        }
        slots[slot] = tag | (word.len() as u64) << OFFSET_BITS | offset;
    }
    // A Bloom filter in front of the table: most words asked about are in no
    // list, and the filter (an eighth of the table's size) answers them from cache.
    let blocks = hash::bloom_blocks(words.len());
    let mut bloom = vec![0u8; blocks * 64];
    for word in words {
        let (block, bits) = hash::bloom_probe(hash(word), blocks);
        for bit in bits {
            bloom[block * 64 + bit / 8] |= 1 << (bit % 8);
        }
    }
    std::fs::write(out.join(format!("{name}.bloom")), bloom).expect("write bloom");
    let bytes: Vec<u8> = slots.iter().flat_map(|s| s.to_le_bytes()).collect();
    std::fs::write(out.join(format!("{name}.slots")), bytes).expect("write slots");
    std::fs::write(out.join(format!("{name}.words")), blob).expect("write words");
}
