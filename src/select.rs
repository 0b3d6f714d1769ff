//! Choosing items of a sequence without a branch on each item.

/// The positions at which `flags` is `true`, in order.
///
/// Every position is written to the next free place, and the count of
/// places moves on only past the chosen ones: no branch asks of each item
/// whether it is chosen. Where that is anyone's guess (is this word
/// capitalised, is it covered by a mention), such a branch was mispredicted
/// for a good part of the items and cost more than the rest of the loop.
pub(crate) fn positions_where(flags: impl ExactSizeIterator<Item = bool>) -> Vec<usize> {
    let mut positions = Vec::new();
    positions_where_into(flags, &mut positions);
    positions
}

/// [`positions_where`] into `positions`, which is cleared first.
pub(crate) fn positions_where_into(flags: impl ExactSizeIterator<Item = bool>, positions: &mut Vec<usize>) {
    positions.clear();
    positions.resize(flags.len(), 0);
    let mut count = 0;
    for (i, flag) in flags.enumerate() {
        if let Some(place) = positions.get_mut(count) {
            *place = i;
        }
        count += usize::from(flag);
    }
    positions.truncate(count);
}

#[cfg(test)]
mod tests {
    use super::positions_where;

    proptest::proptest! {
        #[test]
        fn positions_are_those_a_filter_keeps(flags in proptest::collection::vec(proptest::bool::ANY, 0..200)) {
            let expected: Vec<usize> = flags.iter().enumerate().filter(|(_, &f)| f).map(|(i, _)| i).collect();
            proptest::prop_assert_eq!(positions_where(flags.iter().copied()), expected.clone());
            let mut reused = vec![7; 3];
            super::positions_where_into(flags.iter().copied(), &mut reused);
            proptest::prop_assert_eq!(reused, expected);
        }
    }

    #[test]
    fn no_items_no_positions() {
        assert!(positions_where(std::iter::empty()).is_empty());
        assert_eq!(positions_where([false, true, false, true].into_iter()), [1, 3]);
    }
}
