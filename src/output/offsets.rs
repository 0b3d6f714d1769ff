//! Byte offsets → char offsets, computed once per document.
//!
//! The library works in UTF-8 byte offsets throughout because slicing a `&str`
//! by bytes is free. Python and JavaScript users index strings by Unicode
//! scalar values (Python) or close to it, so the output carries both. Counting
//! chars from the start of the text for every span would make writing a
//! document quadratic in its length; [`CharOffsets`] instead collects every
//! offset a writer needs, walks the text once, and answers lookups by binary
//! search.

/// A table from byte offsets to char offsets for one text.
///
/// ```
/// use newsgraph::output::CharOffsets;
///
/// let text = "Grüße aus Pjöngjang";
/// let offsets = CharOffsets::new(text, [0, 7, 12, text.len()]);
/// assert_eq!(offsets.char_offset(7), 5); // after "Grüße"
/// assert_eq!(offsets.char_offset(12), 10); // "Pjöngjang" starts here
/// assert_eq!(offsets.char_offset(text.len()), text.chars().count());
/// ```
#[derive(Clone, Debug)]
pub struct CharOffsets<'t> {
    text: &'t str,
    /// Sorted, distinct byte offsets.
    bytes: Vec<usize>,
    /// `chars[i]` is the char offset of `bytes[i]`.
    chars: Vec<usize>,
}

impl<'t> CharOffsets<'t> {
    /// Builds the table for the given byte offsets of `text` in one pass over
    /// the text. Offsets may come in any order and repeat.
    pub fn new(text: &'t str, offsets: impl IntoIterator<Item = usize>) -> Self {
        let mut bytes: Vec<usize> = offsets.into_iter().collect();
        bytes.sort_unstable();
        bytes.dedup();
        let mut counter = CharCounter::new(text);
        let chars = bytes.iter().map(|&byte| counter.chars_before(byte)).collect();
        CharOffsets { text, bytes, chars }
    }

    /// The char offset of a byte offset: the number of chars that start before
    /// it. On a char boundary that is the usual char index; inside a
    /// multi-byte char it counts that char; past the end of the text it is the
    /// text's length in chars. Offsets not given to [`new`](Self::new) are
    /// answered too, by counting from the nearest known offset below.
    pub fn char_offset(&self, byte: usize) -> usize {
        let i = self.bytes.partition_point(|&b| b <= byte);
        let (from_byte, from_char) = match i.checked_sub(1) {
            Some(k) => (self.bytes[k], self.chars[k]),
            None => (0, 0),
        };
        if from_byte == byte {
            return from_char;
        }
        let end = byte.min(self.text.len());
        from_char + char_starts(self.text.as_bytes().get(from_byte..end).unwrap_or_default())
    }

    /// The text the table was built for.
    pub fn text(&self) -> &'t str {
        self.text
    }
}

/// The char offset of each of `offsets` ([`CharOffsets::char_offset`]), in
/// their order: for a writer that knows the order in which it will need
/// them, one sort and one pass over the text, and then no search per span
/// (two binary searches a span took a fifth of the JSON output's time).
pub(crate) fn char_offsets_of_each(text: &str, offsets: &[usize]) -> Vec<usize> {
    let mut by_byte: Vec<(usize, usize)> = offsets.iter().copied().zip(0..).collect();
    by_byte.sort_unstable();
    let mut counter = CharCounter::new(text);
    let mut chars = vec![0; offsets.len()];
    for (byte, index) in by_byte {
        let count = counter.chars_before(byte);
        if let Some(char_offset) = chars.get_mut(index) {
            *char_offset = count;
        }
    }
    chars
}

/// The chars of a text before byte offsets asked in increasing order: each
/// question counts only the bytes since the one before.
struct CharCounter<'t> {
    bytes: &'t [u8],
    counted_to: usize,
    count: usize,
}

impl<'t> CharCounter<'t> {
    fn new(text: &'t str) -> Self {
        CharCounter { bytes: text.as_bytes(), counted_to: 0, count: 0 }
    }

    /// The chars that start before `byte` (all of them past the end).
    fn chars_before(&mut self, byte: usize) -> usize {
        let end = byte.min(self.bytes.len());
        if end > self.counted_to {
            self.count += char_starts(self.bytes.get(self.counted_to..end).unwrap_or_default());
            self.counted_to = end;
        }
        self.count
    }
}

/// The char offset of a byte offset is the number of char-starting bytes
/// before it: counting them is a plain loop the compiler vectorises, where
/// decoding chars was not.
fn char_starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| !is_continuation(b)).count()
}

/// UTF-8 continuation bytes are `0b10xx_xxxx`; every other byte starts a char.
fn is_continuation(byte: u8) -> bool {
    byte & 0xC0 == 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(text: &str, byte: usize) -> usize {
        text.char_indices().take_while(|&(i, _)| i < byte).count()
    }

    #[test]
    fn multi_byte_text() {
        let text = "Kim trifft Putin 🤝 in 北京, Grüße ü";
        let all: Vec<usize> = (0..=text.len() + 3).collect();
        let table = CharOffsets::new(text, all.iter().rev().copied());
        for &b in &all {
            assert_eq!(table.char_offset(b), naive(text, b), "byte {b}");
        }
    }

    #[test]
    fn unregistered_offsets_are_counted_from_the_nearest_known_one() {
        let text = "ü🤝北x";
        let table = CharOffsets::new(text, [2]);
        assert_eq!(table.char_offset(0), 0);
        assert_eq!(table.char_offset(2), 1);
        assert_eq!(table.char_offset(6), 2);
        assert_eq!(table.char_offset(9), 3);
        assert_eq!(table.char_offset(10), 4);
        assert_eq!(table.char_offset(100), 4);
        // Inside the emoji: the emoji has started.
        assert_eq!(table.char_offset(3), 2);
    }

    #[test]
    fn offsets_in_any_order_get_their_char_offsets_in_that_order() {
        let text = "Kim trifft Putin 🤝 in 北京, Grüße ü";
        let mut offsets: Vec<usize> = (0..=text.len() + 3).rev().collect();
        offsets.extend([7, 0, 7, text.len(), 19, 3]);
        let chars = char_offsets_of_each(text, &offsets);
        let expected: Vec<usize> = offsets.iter().map(|&b| naive(text, b)).collect();
        assert_eq!(chars, expected);
        assert!(char_offsets_of_each("", &[]).is_empty());
        assert_eq!(char_offsets_of_each("", &[0, 4]), [0, 0]);
    }

    #[test]
    fn empty_text_and_no_offsets() {
        assert_eq!(CharOffsets::new("", []).char_offset(0), 0);
        assert_eq!(CharOffsets::new("", [0, 5]).char_offset(5), 0);
        assert_eq!(CharOffsets::new("abc", []).char_offset(2), 2);
    }
}
