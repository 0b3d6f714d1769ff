//! Lays out the largest word lists as one hash table at compile time.
//!
//! German nouns, English common words, given and family names are 400,000
//! words. Hashing them into sets cost 40 ms at every start, and asking four
//! sets about every capitalised word cost four look-ups; the library now
//! reads one table that this script writes to `OUT_DIR/words.table` and the
//! binary carries (`wordtable::WordTable`): a word's look-up says which lists
//! hold it, and reads one cache line. `src/wordtable.rs` describes the
//! layout, `src/wordtable/layout.rs` defines it for both sides.
//!
//! The table keeps no words, only fingerprints of them; the build fails if
//! two listed words could be told apart by neither their bucket nor their
//! fingerprint, or if a word's own look-up does not answer its lists.

#[allow(dead_code)]
#[path = "src/hash.rs"]
mod hash;

#[path = "src/wordtable/layout.rs"]
mod layout;

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for file in ["build.rs", "src/hash.rs", "src/wordtable/layout.rs"] {
        println!("cargo:rerun-if-changed={file}");
    }
    let texts: Vec<(String, u8)> = layout::LIST_FILES
        .iter()
        .map(|&(file, bits)| {
            println!("cargo:rerun-if-changed={file}");
            (std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}")), bits)
        })
        .collect();
    let words = layout::words(texts.iter().map(|(text, bits)| (text.as_str(), *bits)));
    let table = layout::lay_out(&words);
    std::fs::write(std::path::Path::new(&out).join("words.table"), table).expect("write the word table");
}
