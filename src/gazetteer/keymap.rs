//! The gazetteer's maps of keys, hashed once.

use crate::hash::hash_str;

/// A map from string keys to `V` hashed by [`hash_str`], the hash the Bloom
/// filters take: a caller that asked a filter first looks the key up without
/// hashing it again, and the filter is built from the stored hashes.
#[derive(Clone)]
pub(crate) struct StrMap<V> {
    table: hashbrown::HashTable<StrEntry<V>>,
    /// The text of the keys too long to live in their entry, one after another.
    arena: String,
}

#[derive(Clone)]
pub(crate) struct StrEntry<V> {
    key: KeyText,
    pub hash: u64,
    pub value: V,
}

/// Keys of up to this many bytes live in their entry, which then stays as
/// large as one with a pointer to its key: most keys asked about are single
/// words, and comparing them reads no cache line but the entry's.
const INLINE_KEY: usize = 18;

/// A key's text: in the entry, or a slice of the map's arena (offset and
/// length, each as two halves: the entry stays 4-aligned, and so small).
#[derive(Clone, Copy)]
enum KeyText {
    Inline { len: u8, bytes: [u8; INLINE_KEY] },
    InArena { start: [u32; 2], len: [u32; 2] },
}

fn halves(n: usize) -> [u32; 2] {
    let n = n as u64;
    [n as u32, (n >> 32) as u32]
}

fn whole(halves: [u32; 2]) -> usize {
    (u64::from(halves[0]) | (u64::from(halves[1]) << 32)) as usize
}

impl<V> Default for StrMap<V> {
    fn default() -> Self {
        StrMap { table: hashbrown::HashTable::new(), arena: String::new() }
    }
}

impl<V> StrMap<V> {
    pub fn with_capacity(capacity: usize) -> Self {
        StrMap { table: hashbrown::HashTable::with_capacity(capacity), arena: String::new() }
    }

    /// The text of an entry's key.
    #[cfg(test)]
    pub fn key<'m>(&'m self, entry: &'m StrEntry<V>) -> &'m str {
        std::str::from_utf8(self.key_bytes(entry)).unwrap_or("")
    }

    /// The bytes of an entry's key (a whole string when stored).
    pub fn key_bytes<'m>(&'m self, entry: &'m StrEntry<V>) -> &'m [u8] {
        stored_bytes(&self.arena, &entry.key)
    }

    /// The value of `key`, whose [`hash_str`] is `hash`.
    #[inline]
    pub fn get_hashed(&self, key: &str, hash: u64) -> Option<&V> {
        self.table.find(hash, |e| e.hash == hash && key_is(&self.arena, &e.key, key)).map(|e| &e.value)
    }

    #[inline]
    pub fn get(&self, key: &str) -> Option<&V> {
        self.get_hashed(key, hash_str(key))
    }

    /// The value of `key` changed by `change`, a default one first if `key`
    /// is new; the key is copied only then, and hashed once either way.
    pub fn update(&mut self, key: &str, change: impl FnOnce(&mut V))
    where
        V: Default,
    {
        let hash = hash_str(key);
        let arena = &self.arena;
        match self.table.entry(hash, |e| e.hash == hash && key_is(arena, &e.key, key), |e| e.hash) {
            hashbrown::hash_table::Entry::Occupied(mut found) => change(&mut found.get_mut().value),
            hashbrown::hash_table::Entry::Vacant(vacant) => {
                let mut value = V::default();
                change(&mut value);
                let text = if key.len() <= INLINE_KEY {
                    let mut bytes = [0; INLINE_KEY];
                    bytes[..key.len()].copy_from_slice(key.as_bytes());
                    KeyText::Inline { len: key.len() as u8, bytes }
                } else {
                    let start = self.arena.len();
                    self.arena.push_str(key);
                    KeyText::InArena { start: halves(start), len: halves(key.len()) }
                };
                vacant.insert(StrEntry { key: text, hash, value });
            }
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &StrEntry<V>> {
        self.table.iter()
    }

    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.table.iter().map(|e| &e.value)
    }
}

/// The bytes of a stored key; no UTF-8 check, for comparing.
#[inline]
fn stored_bytes<'m>(arena: &'m str, text: &'m KeyText) -> &'m [u8] {
    match text {
        KeyText::Inline { len, bytes } => bytes.get(..usize::from(*len)).unwrap_or_default(),
        KeyText::InArena { start, len } => {
            let start = whole(*start);
            arena.as_bytes().get(start..start + whole(*len)).unwrap_or_default()
        }
    }
}

/// Whether a stored key is `key`.
#[inline]
fn key_is(arena: &str, text: &KeyText, key: &str) -> bool {
    stored_bytes(arena, text) == key.as_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    proptest::proptest! {
        /// The map answers as a `HashMap` given the same updates.
        #[test]
        fn str_map_agrees_with_a_hash_map(keys in proptest::collection::vec("[a-cä ]{0,4}|[a-cä ]{15,40}", 0..200)) {
            let mut map = StrMap::<usize>::default();
            let mut reference = HashMap::<String, usize>::new();
            for key in &keys {
                map.update(key, |v| *v += key.len() + 1);
                *reference.entry(key.clone()).or_default() += key.len() + 1;
            }
            proptest::prop_assert_eq!(map.iter().count(), reference.len());
            for entry in map.iter() {
                proptest::prop_assert_eq!(entry.hash, hash_str(map.key(entry)));
            }
            for key in keys.iter().map(String::as_str).chain(["", "zz", "a b"]) {
                proptest::prop_assert_eq!(map.get(key), reference.get(key));
                proptest::prop_assert_eq!(map.get_hashed(key, hash_str(key)), reference.get(key));
            }
        }
    }
}
