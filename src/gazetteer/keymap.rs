//! The gazetteer's maps of keys, hashed once.

use crate::hash::hash_str;

/// A map from string keys to `V` hashed by [`hash_str`], the hash the Bloom
/// filters take: a caller that asked a filter first looks the key up without
/// hashing it again, and the filter is built from the stored hashes.
#[derive(Clone)]
pub(crate) struct StrMap<V> {
    table: hashbrown::HashTable<StrEntry<V>>,
}

#[derive(Clone)]
pub(crate) struct StrEntry<V> {
    pub key: Box<str>,
    pub hash: u64,
    pub value: V,
}

impl<V> Default for StrMap<V> {
    fn default() -> Self {
        StrMap { table: hashbrown::HashTable::new() }
    }
}

impl<V> StrMap<V> {
    pub fn with_capacity(capacity: usize) -> Self {
        StrMap { table: hashbrown::HashTable::with_capacity(capacity) }
    }

    /// The value of `key`, whose [`hash_str`] is `hash`.
    #[inline]
    pub fn get_hashed(&self, key: &str, hash: u64) -> Option<&V> {
        self.table.find(hash, |e| e.hash == hash && *e.key == *key).map(|e| &e.value)
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
        match self.table.entry(hash, |e| e.hash == hash && *e.key == *key, |e| e.hash) {
            hashbrown::hash_table::Entry::Occupied(mut found) => change(&mut found.get_mut().value),
            hashbrown::hash_table::Entry::Vacant(vacant) => {
                let mut value = V::default();
                change(&mut value);
                vacant.insert(StrEntry { key: key.into(), hash, value });
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    proptest::proptest! {
        /// The map answers as a `HashMap` given the same updates.
        #[test]
        fn str_map_agrees_with_a_hash_map(keys in proptest::collection::vec("[a-cä ]{0,4}", 0..200)) {
            let mut map = StrMap::<usize>::default();
            let mut reference = HashMap::<String, usize>::new();
            for key in &keys {
                map.update(key, |v| *v += key.len() + 1);
                *reference.entry(key.clone()).or_default() += key.len() + 1;
            }
            proptest::prop_assert_eq!(map.iter().count(), reference.len());
            for entry in map.iter() {
                proptest::prop_assert_eq!(entry.hash, hash_str(&entry.key));
            }
            for key in keys.iter().map(String::as_str).chain(["", "zz", "a b"]) {
                proptest::prop_assert_eq!(map.get(key), reference.get(key));
                proptest::prop_assert_eq!(map.get_hashed(key, hash_str(key)), reference.get(key));
            }
        }
    }
}
