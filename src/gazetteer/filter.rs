//! One Bloom filter for a chain of tables.
//!
//! The built-in lists load as two tables, and each had a filter of its own:
//! every capitalised word of a text cost two probes, each a likely cache miss
//! in filters of hundreds of kilobytes, to learn (for most words) that no
//! table holds it. Here a key's bits for every table lie in one 64-bit word:
//! one read tells which tables may hold it.

/// Tables a filter tells apart; those past them are always asked.
const MAX_TABLES: usize = 64;

/// A Bloom filter over the keys of several tables at once, blocked by
/// 64-bit words: a key's bits for table `t` are four bits of one word,
/// at places that differ from table to table (see [`mask`]).
#[derive(Clone, Default)]
pub(crate) struct TableFilter {
    words: Vec<u64>,
    /// Number of tables.
    tables: usize,
}

/// The tables of a chain that may hold a key: bit `t` for table `t`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Holders(u64);

impl Holders {
    /// Every table: what a filter that knows nothing says.
    const ALL: Holders = Holders(u64::MAX);
    /// No table.
    pub const NONE: Holders = Holders(0);

    /// Whether table `table` of the chain may hold the key: `false` only when it does not.
    #[inline]
    pub fn may_hold(self, table: usize) -> bool {
        table >= MAX_TABLES || (self.0 >> table) & 1 != 0
    }

    /// Whether some table of the chain may hold the key.
    #[inline]
    pub fn any(self) -> bool {
        self.0 != 0
    }
}

impl TableFilter {
    /// A filter of `tables`, each the hashes of one table's keys, in the
    /// order [`Holders::may_hold`] names them, with about `bits_per_key` bits for each.
    pub fn new(tables: &[Vec<u64>], bits_per_key: usize) -> TableFilter {
        let total: usize = tables.iter().map(Vec::len).sum();
        // Any number of words, not a power of two: the filters are sized to
        // stay in the cache, and rounding up would double some.
        let words = (total * bits_per_key).div_ceil(64).max(1);
        let mut filter = TableFilter { words: vec![0; words], tables: tables.len() };
        for (table, hashes) in tables.iter().enumerate().take(MAX_TABLES) {
            for &hash in hashes {
                let (word, bits) = place(hash, filter.words.len());
                if let Some(word) = filter.words.get_mut(word) {
                    *word |= mask(bits, table);
                }
            }
        }
        filter
    }

    /// The tables that may hold a key of this hash; one word read.
    #[inline]
    pub fn holders(&self, hash: u64) -> Holders {
        let (word, bits) = place(hash, self.words.len());
        // An unbuilt filter knows nothing and lets every key through.
        let Some(&word) = self.words.get(word) else { return Holders::ALL };
        if self.tables > MAX_TABLES {
            return Holders::ALL;
        }
        let mut holders = 0;
        for table in 0..self.tables {
            let mask = mask(bits, table);
            holders |= u64::from(word & mask == mask) << table;
        }
        Holders(holders)
    }
}

/// The word of a key among `words`, and the bits that place its bits in the
/// word. The hash is mixed again: FxHash leaves its low bits weak, and a
/// hash table already places its keys by the high ones.
#[inline]
fn place(hash: u64, words: usize) -> (usize, u64) {
    let mixed = hash.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ (hash >> 29);
    // The word at `mixed`'s fraction of the filter: a multiply, no division.
    let word = ((u128::from(mixed) * words as u128) >> 64) as usize;
    let bits = (mixed ^ (mixed >> 32)).wrapping_mul(0xff51_afd7_ed55_8ccd);
    (word, bits)
}

/// The bits of a key for table `table`: one of [`PATTERNS`], picked by ten
/// bits of `bits` that shift with the table. A table of patterns, not four
/// shifts: the compiler turned those into vector code that cost more than
/// the rest of the filter.
#[inline]
fn mask(bits: u64, table: usize) -> u64 {
    let bits = bits.rotate_right(10 * (table as u32 % 64));
    PATTERNS[(bits & 1023) as usize]
}

/// Words of four bits each, at pseudo-random places: 8 KB, which stay in the cache.
static PATTERNS: [u64; 1024] = patterns();

const fn patterns() -> [u64; 1024] {
    let mut patterns = [0u64; 1024];
    // SplitMix64, as const code can run it.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut i = 0;
    while i < patterns.len() {
        let mut pattern = 0u64;
        while pattern.count_ones() < 4 {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^= z >> 31;
            pattern |= 1 << (z & 63);
        }
        patterns[i] = pattern;
        i += 1;
    }
    patterns
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::hash_str;

    proptest::proptest! {
        /// A filter never says no to a key of a table, whatever the tables' sizes.
        #[test]
        fn no_key_of_a_table_is_turned_away(
            tables in proptest::collection::vec(proptest::collection::vec("[a-zäöß ]{0,12}", 0..300), 0..11),
            bits_per_key in 1usize..16,
        ) {
            let hashes: Vec<Vec<u64>> =
                tables.iter().map(|keys| keys.iter().map(|k| hash_str(k)).collect()).collect();
            let filter = TableFilter::new(&hashes, bits_per_key);
            for (table, keys) in tables.iter().enumerate() {
                for key in keys {
                    let holders = filter.holders(hash_str(key));
                    proptest::prop_assert!(holders.may_hold(table) && holders.any(), "{key:?} of table {table}");
                }
            }
        }
    }

    #[test]
    fn keys_of_other_tables_are_mostly_turned_away() {
        let words =
            |prefix: &str, n: usize| -> Vec<u64> { (0..n).map(|i| hash_str(&format!("{prefix}{i}"))).collect() };
        // Unequal tables, as the built-in halves are.
        let filter = TableFilter::new(&[words("a", 3_000), words("b", 20_000)], 12);
        let strangers = words("c", 20_000);
        for table in 0..2 {
            let passed = strangers.iter().filter(|&&h| filter.holders(h).may_hold(table)).count();
            assert!(passed < strangers.len() / 50, "table {table}: {passed} false positives");
        }
        // A key of another table shares its word with that table's bits, which fill it a little more.
        let of_a = words("a", 3_000);
        let passed = of_a.iter().filter(|&&h| filter.holders(h).may_hold(1)).count();
        assert!(passed < of_a.len() / 25, "{passed} of table 0 pass for table 1");
    }

    #[test]
    fn patterns_have_four_bits() {
        assert!(PATTERNS.iter().all(|p| p.count_ones() == 4));
    }

    #[test]
    fn unbuilt_filters_and_tables_past_the_last_let_every_key_through() {
        let holders = TableFilter::default().holders(hash_str("x"));
        assert!(holders.may_hold(0) && holders.may_hold(5) && holders.may_hold(100));
        let filter = TableFilter::new(&[vec![hash_str("a")], vec![]], 12);
        assert!(filter.holders(hash_str("a")).may_hold(0));
        assert!(filter.holders(hash_str("a")).may_hold(MAX_TABLES + 1));
        let many: Vec<Vec<u64>> = vec![vec![]; MAX_TABLES + 1];
        let holders = TableFilter::new(&many, 12).holders(hash_str("a"));
        assert!(holders.any() && holders.may_hold(MAX_TABLES));
    }
}
