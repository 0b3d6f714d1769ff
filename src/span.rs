//! Byte ranges into the caller's text.

use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into the text given to
/// [`Extractor::extract`](crate::Extractor::extract).
///
/// Spans produced by the library always lie on `char` boundaries, so
/// [`Span::slice`] never fails on the text they came from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (exclusive).
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Length in bytes.
    pub const fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The text this span covers, or `""` when the span does not fit `text`
    /// (a span from another text): slicing never panics.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// Whether `other` lies completely inside this span.
    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two spans share at least one byte.
    pub const fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slice_outside_the_text_is_empty_not_a_panic() {
        assert_eq!(Span::new(0, 3).slice("Kim"), "Kim");
        assert_eq!(Span::new(2, 9).slice("Kim"), "");
        assert_eq!(Span::new(0, 1).slice("ü"), "");
    }

    #[test]
    fn overlap_and_containment() {
        let a = Span::new(0, 5);
        assert!(a.contains(Span::new(1, 5)));
        assert!(!a.contains(Span::new(1, 6)));
        assert!(a.overlaps(Span::new(4, 9)));
        assert!(!a.overlaps(Span::new(5, 9)));
        assert_eq!(a.cover(Span::new(7, 9)), Span::new(0, 9));
    }
}
