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
        count_on(self.text.as_bytes(), (from_byte, from_char), byte)
    }

    /// The text the table was built for.
    pub fn text(&self) -> &'t str {
        self.text
    }
}

/// Char offsets of the spans of one document, each counted from the start
/// of the sentence it lies in: a writer that knows every span's sentence
/// (mentions and evidence do) counts only the bytes between the sentence's
/// start and the span, and sorts nothing. Sorting every offset of a
/// document, to count them all in one pass, took a tenth of the JSON
/// output's time on article-sized documents.
pub(crate) struct CharsBySentence<'t> {
    bytes: &'t [u8],
    /// The byte and char offset of each sentence's start.
    starts: Vec<(usize, usize)>,
}

impl<'t> CharsBySentence<'t> {
    /// Counts the chars before each sentence's start: one pass over the text
    /// when the sentences are in order, as a document's are.
    pub fn new(text: &'t str, sentences: &[crate::Sentence]) -> Self {
        let mut counter = CharCounter::new(text);
        let starts = sentences.iter().map(|s| (s.span.start, counter.chars_before(s.span.start))).collect();
        CharsBySentence { bytes: text.as_bytes(), starts }
    }

    /// The char offsets of `span`'s start and end
    /// ([`CharOffsets::char_offset`] of each), `span` said to lie in sentence
    /// `sentence`. Right for any span and any sentence; only fast when the
    /// span starts in or after the sentence.
    pub fn span(&self, span: crate::Span, sentence: usize) -> (usize, usize) {
        let base = match self.starts.get(sentence) {
            Some(&(byte, chars)) if byte <= span.start => (byte, chars),
            _ => (0, 0),
        };
        let start = count_on(self.bytes, base, span.start);
        let end = count_on(self.bytes, if span.end >= span.start { (span.start, start) } else { (0, 0) }, span.end);
        (start, end)
    }
}

/// The char offset of `byte` in `text`, counting on from a known pair of
/// byte and char offsets at or before it.
fn count_on(text: &[u8], (from_byte, from_chars): (usize, usize), byte: usize) -> usize {
    let end = byte.min(text.len());
    from_chars + char_starts(text.get(from_byte..end).unwrap_or_default())
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

    /// The chars that start before `byte` (all of them past the end). An
    /// offset before the last one asked is counted again from the start.
    fn chars_before(&mut self, byte: usize) -> usize {
        let end = byte.min(self.bytes.len());
        if end < self.counted_to {
            (self.counted_to, self.count) = (0, 0);
        }
        if end > self.counted_to {
            self.count += char_starts(self.bytes.get(self.counted_to..end).unwrap_or_default());
            self.counted_to = end;
        }
        self.count
    }
}

/// The char offset of a byte offset is the number of char-starting bytes
/// before it: every byte but the continuation bytes, counted eight at a
/// time in a word. Spans are short, and a byte loop the compiler vectorises
/// runs its scalar tail on most of them.
fn char_starts(bytes: &[u8]) -> usize {
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    let words = bytes.chunks_exact(8);
    let tail = words.remainder();
    // A continuation byte has its top bit set and the next one clear.
    let continuations: usize = words
        .map(|word| {
            let word = u64::from_le_bytes(word.try_into().unwrap_or_default());
            (word & !(word << 1) & HIGH_BITS).count_ones() as usize
        })
        .sum::<usize>()
        + tail.iter().filter(|&&b| is_continuation(b)).count();
    bytes.len() - continuations
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
    fn spans_counted_from_their_sentence_match_counting_from_the_text_start() {
        use crate::{Sentence, Span};
        let text = "Kim trifft Putin 🤝 in 北京. Grüße ü aus Pjöngjang! Ende";
        let sentence = |start, end| Sentence { span: Span::new(start, end), first_token: 0, end_token: 0 };
        let ends = [0, text.find("Grüße").unwrap_or(0), text.find("Ende").unwrap_or(0), text.len()];
        let in_order: Vec<Sentence> = ends.windows(2).map(|w| sentence(w[0], w[1])).collect();
        let shuffled: Vec<Sentence> = [2, 0, 1].iter().map(|&i| in_order[i]).collect();
        let hints = [0, 1, 2, 3, 99];
        for sentences in [&in_order[..], &shuffled[..], &[]] {
            let chars = CharsBySentence::new(text, sentences);
            for start in 0..=text.len() + 2 {
                for end in [start, start + 3, start.saturating_sub(2), text.len() + 1] {
                    for hint in hints {
                        let expected = (naive(text, start), naive(text, end));
                        assert_eq!(chars.span(Span::new(start, end), hint), expected, "{start}..{end} in {hint}");
                    }
                }
            }
        }
        assert_eq!(CharsBySentence::new("", &[]).span(Span::new(0, 4), 0), (0, 0));
    }

    #[test]
    fn empty_text_and_no_offsets() {
        assert_eq!(CharOffsets::new("", []).char_offset(0), 0);
        assert_eq!(CharOffsets::new("", [0, 5]).char_offset(5), 0);
        assert_eq!(CharOffsets::new("abc", []).char_offset(2), 2);
    }
}
