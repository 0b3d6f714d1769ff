//! Stage 1: text → tokens.
//!
//! Tokens follow the Unicode word boundaries of UAX #29 (so `1.000`, `2,5`,
//! `Putin's` and `O'Brien` stay whole), with two additions that news text
//! needs: URLs and e-mail addresses are one token each, and words joined by
//! hyphens without spaces (`Kreml-Sprecher`, `Covid-19-Pandemie`,
//! `Jae-chun`) are one token whose [parts](Token::parts) stay inspectable.

use once_cell::sync::Lazy;
use regex::Regex;
use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

use crate::span::Span;

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// Letters, possibly with digits, apostrophes and inner hyphens.
    Word,
    /// Digits with inner `.` or `,` (`2019`, `1.000`, `2,5`).
    Number,
    /// Punctuation: `.`, `,`, `„`, `–`, `…`.
    Punctuation,
    /// Anything else: `©`, `€`, `%`, emoji.
    Symbol,
    /// A URL or an e-mail address.
    Url,
}

/// The letter case pattern of a token, the first feature name rules look at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Shape {
    /// First letter upper case, not all letters upper case: `Kim`, `Covid-19-Pandemie`.
    Capitalised,
    /// At least two letters, all upper case: `KCNA`, `EEF-Panel` is not.
    AllCaps,
    /// All letters lower case: `traf`, `al-Sisi`.
    Lower,
    /// First letter lower case, some later letter upper case: `iPhone`.
    Mixed,
    /// No letters, some digits: `2019`, `1.000`.
    Digits,
    /// No letters and no digits.
    Other,
}

impl Shape {
    /// The shape of a piece of text: one pass over its characters' case
    /// flags.
    pub fn of(text: &str) -> Shape {
        let latin1 = &*LATIN1_FLAGS;
        if text.is_ascii() {
            return Shape::of_flags(text.bytes().map(|b| latin1[usize::from(b)]));
        }
        Shape::of_flags(text.chars().map(|c| char_flags(c, latin1)))
    }

    /// The shape from the case flags of each character in turn. Every
    /// upper- or lower-case character is a letter, so the flags after the
    /// first letter are read together.
    fn of_flags(mut flags: impl Iterator<Item = u8>) -> Shape {
        let mut numeric = false;
        let first = loop {
            match flags.next() {
                None => return if numeric { Shape::Digits } else { Shape::Other },
                Some(f) if f & case::LETTER != 0 => break f,
                Some(f) => numeric |= f & case::NUMERIC != 0,
            }
        };
        let after = flags.fold(0, |all, f| all | f);
        Shape::of_cases(first & case::UPPER != 0, after & case::UPPER != 0, after & case::LOWER != 0)
    }

    /// [`Shape::of`] as the Unicode character properties define it, the
    /// reference the tests compare with.
    #[cfg(test)]
    fn of_chars(text: &str) -> Shape {
        let mut letters = text.chars().filter(|c| c.is_alphabetic());
        let Some(first) = letters.next() else {
            return if text.chars().any(|c| c.is_numeric()) { Shape::Digits } else { Shape::Other };
        };
        let mut any_upper_after = false;
        let mut any_lower_after = false;
        for c in letters {
            any_upper_after |= c.is_uppercase();
            any_lower_after |= c.is_lowercase();
        }
        Shape::of_cases(first.is_uppercase(), any_upper_after, any_lower_after)
    }

    /// The shape of a word by the case of its first letter and of the letters
    /// after it. Read from a table, not decided by branches: the case of
    /// each word of a text is anyone's guess, and those branches were
    /// mispredicted for a good part of the words.
    fn of_cases(first_upper: bool, any_upper_after: bool, any_lower_after: bool) -> Shape {
        // By first upper, then any upper after, then any lower after.
        const SHAPES: [Shape; 8] = [
            Shape::Lower,
            Shape::Lower,
            Shape::Mixed,
            Shape::Mixed,
            // A single capital letter is an initial: capitalised.
            Shape::Capitalised,
            Shape::Capitalised,
            Shape::AllCaps,
            Shape::Capitalised,
        ];
        let index = usize::from(first_upper) << 2 | usize::from(any_upper_after) << 1 | usize::from(any_lower_after);
        SHAPES.get(index).copied().unwrap_or(Shape::Other)
    }

    /// Capitalised or all capitals: what a name looks like.
    pub fn is_upper_initial(self) -> bool {
        matches!(self, Shape::Capitalised | Shape::AllCaps)
    }
}

/// Bits of [`char_flags`]: the Unicode properties [`Shape`] reads.
mod case {
    pub const LETTER: u8 = 1;
    pub const UPPER: u8 = 1 << 1;
    pub const LOWER: u8 = 1 << 2;
    pub const NUMERIC: u8 = 1 << 3;
    /// ASCII punctuation; only [`LATIN_BYTES`](super::LATIN_BYTES) sets it.
    pub const PUNCTUATION: u8 = 1 << 4;
    /// Neither a digit nor `.` nor `,`, which a number may hold; only
    /// [`LATIN_BYTES`](super::LATIN_BYTES) sets it.
    pub const BEYOND_NUMBER: u8 = 1 << 5;
    /// `_`, ASCII punctuation that starts a word; only
    /// [`LATIN_BYTES`](super::LATIN_BYTES) sets it.
    pub const UNDERSCORE: u8 = 1 << 6;
    /// A byte of a non-ASCII letter; only
    /// [`LATIN_BYTES`](super::LATIN_BYTES) sets it.
    pub const BEYOND_ASCII: u8 = 1 << 7;
}

/// [`char_flags`] of the first 256 characters (ASCII and Latin-1: nearly
/// every character of German text), from the Unicode tables once rather than
/// for every character of every word.
static LATIN1_FLAGS: Lazy<[u8; 256]> = Lazy::new(|| {
    let mut flags = [0; 256];
    for (byte, f) in (0..=u8::MAX).zip(flags.iter_mut()) {
        *f = unicode_flags(char::from(byte));
    }
    flags
});

/// The [`case`] flags of a character; `latin1` is [`LATIN1_FLAGS`].
fn char_flags(c: char, latin1: &[u8; 256]) -> u8 {
    match latin1.get(c as usize) {
        Some(&flags) => flags,
        None => unicode_flags(c),
    }
}

fn unicode_flags(c: char) -> u8 {
    let mut flags = 0;
    for (holds, bit) in [
        (c.is_alphabetic(), case::LETTER),
        (c.is_uppercase(), case::UPPER),
        (c.is_lowercase(), case::LOWER),
        (c.is_numeric(), case::NUMERIC),
    ] {
        if holds {
            flags |= bit;
        }
    }
    flags
}

/// One token of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    pub shape: Shape,
    /// Whether the token is several words joined by hyphens.
    pub hyphenated: bool,
}

impl Token {
    /// The token's text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        self.span.slice(text)
    }

    /// The hyphen-separated parts of the token (`Kreml`, `Sprecher` in
    /// `Kreml-Sprecher`); a token without hyphens is its own single part.
    pub fn parts<'a>(&self, text: &'a str) -> impl Iterator<Item = Span> + 'a {
        let span = self.span;
        let whole = span.slice(text);
        let hyphenated = self.hyphenated;
        let mut offset = 0;
        let mut done = false;
        std::iter::from_fn(move || {
            if done {
                return None;
            }
            let rest = &whole[offset..];
            let cut = if hyphenated { rest.find(is_hyphen) } else { None };
            match cut {
                Some(i) => {
                    let part = Span::new(span.start + offset, span.start + offset + i);
                    let hyphen_len = rest[i..].chars().next().map_or(1, char::len_utf8);
                    offset += i + hyphen_len;
                    Some(part)
                }
                None => {
                    done = true;
                    Some(Span::new(span.start + offset, span.end))
                }
            }
        })
    }
}

/// Hyphens that join compounds: ASCII hyphen-minus, U+2010 and the
/// non-breaking U+2011.
pub fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

static URL: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r#"(?i)(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>"“”„«»]+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+"#)
        .expect("URL pattern is valid")
});

/// Splits `text` into tokens. Whitespace is not a token; the text between two
/// tokens is still there to look at (the sentence splitter reads line breaks
/// from it).
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let urls = find_urls(text);
    let mut next_url = 0;
    for_each_word_segment(text, |start, end, look| {
        let segment = || text.get(start..end).unwrap_or_default();
        while next_url < urls.len() && urls[next_url].end <= start {
            next_url += 1;
        }
        if let Some(url) = urls.get(next_url) {
            if url.start <= start && start < url.end {
                if url.start == start {
                    tokens.push(Token { span: *url, kind: TokenKind::Url, shape: Shape::Other, hyphenated: false });
                }
                return;
            }
        }
        let kind = match look {
            Some(look) => look.kind,
            None => {
                let segment = segment();
                let Some(first) = segment.chars().next().filter(|c| !c.is_whitespace()) else { return };
                classify(segment, first)
            }
        };
        let span = Span::new(start, end);
        if matches!(kind, TokenKind::Word | TokenKind::Number) && joins_previous_compound(&tokens, text, span) {
            let hyphen = tokens.pop();
            if let (Some(_), Some(word)) = (hyphen, tokens.last_mut()) {
                word.span.end = end;
                word.hyphenated = true;
                if kind == TokenKind::Word {
                    word.kind = TokenKind::Word;
                }
            }
            return;
        }
        let shape = look.and_then(|look| look.shape).unwrap_or_else(|| Shape::of(segment()));
        tokens.push(Token { span, kind, shape, hyphenated: false });
    });
    // A compound's shape is read once it is complete, not at every joint: a
    // chain of 100,000 hyphenated parts must cost linear time.
    for token in tokens.iter_mut().filter(|t| t.hyphenated) {
        token.shape = Shape::of(token.span.slice(text));
    }
    tokens
}

/// The UAX #29 word segments of `text` that do not begin with whitespace,
/// as `split_word_bound_indices` gives them, faster, handed to `emit` as
/// their start and end in `text`.
///
/// Most of a news text is words between spaces, where the word boundary
/// rules reduce to a few character classes. The text is cut after each
/// ASCII white space that an ASCII non-space follows: UAX #29 always breaks
/// there, and no rule looks across it. Pieces whose characters all have a
/// [`Break`] class here (ASCII, the Latin letters of German and its
/// neighbours, typographic quotes, dashes and common signs) are segmented
/// here ([`latin_segments`], [`simple_segments`]); the others, with combining marks, format
/// characters such as the soft hyphen, or other scripts, by
/// `unicode-segmentation`. Tests compare both on arbitrary text.
///
/// All the pieces before the piece of the next character that is neither
/// ASCII nor a Latin letter are segmented in one run of [`latin_segments`]:
/// no segment of them reaches across their white space, and so the run is
/// not cut into pieces first. Its segments come with their [`SegmentLook`].
pub(crate) fn for_each_word_segment(text: &str, mut emit: impl FnMut(usize, usize, Option<SegmentLook>)) {
    let bytes = text.as_bytes();
    let mut classes: Vec<(usize, Break)> = Vec::new();
    let mut done = 0;
    while done < text.len() {
        let latin_end = piece_start_at(bytes, done, first_beyond_latin(text, done));
        if done < latin_end {
            latin_segments(text.get(done..latin_end).unwrap_or_default(), done, &mut emit);
        }
        if latin_end >= text.len() {
            break;
        }
        let (end, ascii) = piece_end(bytes, latin_end);
        let piece = text.get(latin_end..end).unwrap_or_default();
        piece_segments(piece, latin_end, ascii, &mut classes, &mut emit);
        done = end;
    }
}

/// The position of the first character at or after `from` that is neither
/// ASCII nor a letter of [`break_class_beyond_ascii`] (ä, ß, é, ł …), or the
/// length of `text`; `from` is a character boundary.
fn first_beyond_latin(text: &str, from: usize) -> usize {
    let mut at = from;
    loop {
        at = first_non_ascii(text.as_bytes(), at);
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else { return text.len() };
        if break_class_beyond_ascii(c) != Some(Break::Letter) {
            return at;
        }
        at += c.len_utf8();
    }
}

/// The position of the first non-ASCII byte at or after `from`, or the
/// length of `bytes`. Eight bytes are tested at once: German text has a
/// non-ASCII letter only every hundred bytes or so.
fn first_non_ascii(bytes: &[u8], from: usize) -> usize {
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let rest = bytes.get(from..).unwrap_or_default();
    let mut chunks = rest.chunks_exact(8);
    let mut offset = from;
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        if u64::from_ne_bytes(word) & HIGHS != 0 {
            break;
        }
        offset += 8;
    }
    let tail = bytes.get(offset..).unwrap_or_default();
    tail.iter().position(|b| !b.is_ascii()).map_or(bytes.len(), |i| offset + i)
}

/// The start of the piece that holds position `at`, given that a piece
/// starts at `from` (at or before `at`): the last ASCII non-space after ASCII
/// white space up to `at`. `at` past the text gives the text's length.
fn piece_start_at(bytes: &[u8], from: usize, at: usize) -> usize {
    if at >= bytes.len() {
        return bytes.len();
    }
    let mut start = at;
    while start > from {
        let (Some(before), Some(here)) = (bytes.get(start - 1), bytes.get(start)) else { break };
        if before.is_ascii_whitespace() && here.is_ascii_graphic() {
            return start;
        }
        start -= 1;
    }
    from
}

/// The end of the piece that begins at `start` (the first ASCII non-space
/// after ASCII white space), and whether the piece is all ASCII.
#[inline]
fn piece_end(bytes: &[u8], start: usize) -> (usize, bool) {
    let Some(&first) = bytes.get(start) else { return (bytes.len(), true) };
    let mut ascii = first.is_ascii();
    let mut after_space = first.is_ascii_whitespace();
    let mut end = start + 1;
    while let Some(&byte) = bytes.get(end) {
        if after_space && byte.is_ascii_graphic() {
            break;
        }
        ascii &= byte.is_ascii();
        after_space = byte.is_ascii_whitespace();
        end += 1;
    }
    (end, ascii)
}

/// The word segments of one piece, at `offset` in the text, to `emit`;
/// `classes` is working space.
#[inline]
fn piece_segments(
    piece: &str,
    offset: usize,
    ascii: bool,
    classes: &mut Vec<(usize, Break)>,
    emit: &mut impl FnMut(usize, usize, Option<SegmentLook>),
) {
    if ascii {
        latin_segments(piece, offset, emit);
    } else if simple_classes(piece, classes) {
        simple_segments(piece, offset, classes, emit);
    } else {
        for (at, segment) in piece.split_word_bound_indices() {
            if !segment.starts_with(char::is_whitespace) {
                emit(offset + at, offset + at + segment.len(), None);
            }
        }
    }
}

/// The word break class of a character (UAX #29, table 3), as far as the
/// rules for the characters of [`break_class`] and
/// [`break_class_beyond_ascii`] need it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Break {
    Letter,
    Numeric,
    ExtendNumLet,
    MidLetter,
    MidNum,
    /// `MidNumLet` or `Single_Quote`: `.`, `'`, `‘` and `’`.
    MidNumLetQ,
    /// White space, which never joins a neighbour and whose segments are dropped.
    Space,
    Other,
}

impl Break {
    fn is_alphanumeric(self) -> bool {
        matches!(self, Break::Letter | Break::Numeric)
    }

    /// Whether no rule joins a character of this class to the one before
    /// ([`joins_word`] says no at once): most words end at a space.
    fn never_joins(self) -> bool {
        matches!(self, Break::Space | Break::Other)
    }
}

fn break_class(b: u8) -> Break {
    latin_byte(b).class
}

/// What the segmenter reads from a byte of Latin text: its word break
/// class, and its [`case`] flags for the kind and shape of the segment it is
/// in.
#[derive(Clone, Copy)]
struct LatinByte {
    class: Break,
    flags: u8,
}

fn latin_byte(b: u8) -> LatinByte {
    LATIN_BYTES[usize::from(b)]
}

/// [`LatinByte`] of each byte, looked up once per byte of text. A
/// non-ASCII byte is read only in Latin text, where it is part of a letter:
/// a letter of two bytes read as two letters is cut by the same rules, and
/// its case is left to [`Shape::of`].
static LATIN_BYTES: [LatinByte; 256] = {
    let beyond_ascii =
        LatinByte { class: Break::Letter, flags: case::LETTER | case::BEYOND_NUMBER | case::BEYOND_ASCII };
    let mut bytes = [beyond_ascii; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        let class = match byte {
            b'a'..=b'z' | b'A'..=b'Z' => Break::Letter,
            b'0'..=b'9' => Break::Numeric,
            b'_' => Break::ExtendNumLet,
            b':' => Break::MidLetter,
            b',' | b';' => Break::MidNum,
            b'.' | b'\'' => Break::MidNumLetQ,
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => Break::Space,
            _ => Break::Other,
        };
        let mut flags = match byte {
            b'A'..=b'Z' => case::LETTER | case::UPPER,
            b'a'..=b'z' => case::LETTER | case::LOWER,
            b'0'..=b'9' => case::NUMERIC,
            _ => 0,
        };
        if byte.is_ascii_punctuation() {
            flags |= case::PUNCTUATION;
        }
        if byte == b'_' {
            flags |= case::UNDERSCORE;
        }
        if !matches!(byte, b'0'..=b'9' | b'.' | b',') {
            flags |= case::BEYOND_NUMBER;
        }
        bytes[b] = LatinByte { class, flags };
        b += 1;
    }
    bytes
};

/// The class of the non-ASCII characters common in European news, `None`
/// for the rest: those go to `unicode-segmentation`. A test checks each
/// class against it.
fn break_class_beyond_ascii(c: char) -> Option<Break> {
    Some(match c {
        // Latin-1 and Latin Extended-A letters: ä ö ü ß é ł š …
        'ª' | 'µ' | 'º' | 'À'..='Ö' | 'Ø'..='ö' | 'ø'..='ſ' => Break::Letter,
        '‘' | '’' => Break::MidNumLetQ,
        '·' => Break::MidLetter,
        '\u{a0}' | '\u{2002}'..='\u{200a}' => Break::Space,
        '„' | '“' | '”' | '‚' | '«' | '»' | '‹' | '›' | '–' | '—' | '−' | '…' | '•' | '†' | '€' | '£' | '©' | '®'
        | '°' | '§' => Break::Other,
        _ => return None,
    })
}

/// The start and [`Break`] class of each character of `piece` into
/// `classes`; false when some character has no class here.
fn simple_classes(piece: &str, classes: &mut Vec<(usize, Break)>) -> bool {
    classes.clear();
    for (at, c) in piece.char_indices() {
        let class = if c.is_ascii() { Some(break_class(c as u8)) } else { break_class_beyond_ascii(c) };
        match class {
            Some(class) => classes.push((at, class)),
            None => return false,
        }
    }
    true
}

/// [`simple_segments`] of Latin text: ASCII and the letters of
/// [`break_class_beyond_ascii`] (most of a text), reading each byte once: its
/// class for the word boundary, its flags for the segment's [`SegmentLook`].
fn latin_segments(piece: &str, offset: usize, emit: &mut impl FnMut(usize, usize, Option<SegmentLook>)) {
    use Break::*;
    let bytes = piece.as_bytes();
    let class = |i: usize| bytes.get(i).map_or(Other, |&b| break_class(b));
    let mut i = 0;
    while let Some(&first) = bytes.get(i) {
        let first = latin_byte(first);
        if first.class == Space {
            i += 1;
            continue;
        }
        let start = i;
        let mut before = first.class;
        let mut after_first = 0;
        i += 1;
        loop {
            if before.is_alphanumeric() {
                // Letters and digits after a letter or digit always join
                // (WB5, WB8 to WB10): most of every word, in a loop of its own.
                let run_start = i;
                i = alphanumeric_run_end(bytes, i, &mut after_first);
                if i > run_start {
                    before = class(i - 1);
                }
            }
            let Some(here) = bytes.get(i).map(|&b| latin_byte(b)) else { break };
            if here.class.never_joins() || !joins_word(before, here.class, i, class) {
                break;
            }
            after_first |= here.flags;
            before = here.class;
            i += 1;
        }
        emit(offset + start, offset + i, SegmentLook::of_latin(first.flags, after_first));
    }
}

/// The end of the run of letters and digits from `start`, the [`case`]
/// flags of its bytes added to `flags`. Eight bytes at a time, all eight
/// classed at once in one word (see [`alphanumeric_bytes`]): where a word
/// ends is anyone's guess, and a loop that stopped at the first other byte
/// mispredicted its end once a word. Only a run that reaches past eight
/// bytes takes a second turn.
fn alphanumeric_run_end(bytes: &[u8], start: usize, flags: &mut u8) -> usize {
    let mut i = start;
    while let Some(chunk) = bytes.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        let classes = alphanumeric_bytes(u64::from_le_bytes(*chunk));
        let others = !classes.alphanumeric() & HIGH_BITS;
        // The run's bytes: the low ones up to the first other byte.
        let run = (others.trailing_zeros() / 8) as usize;
        let inside = if run == 8 { u64::MAX } else { (1u64 << (8 * run)) - 1 };
        *flags |= classes.flags_within(inside);
        i += run;
        if run < chunk.len() {
            return i;
        }
    }
    // The last bytes of the text, one by one.
    while let Some(here) = bytes.get(i).map(|&b| latin_byte(b)) {
        if !here.class.is_alphanumeric() {
            break;
        }
        *flags |= here.flags;
        i += 1;
    }
    i
}

/// The high bit of each byte of a word.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The byte `b` in each byte of a word.
const fn splat(b: u8) -> u64 {
    0x0101_0101_0101_0101 * b as u64
}

/// Which bytes of a word of text are upper- or lower-case ASCII letters,
/// ASCII digits or bytes beyond ASCII (each a letter in Latin text, see
/// [`LATIN_BYTES`]): the high bit of each byte says, as the table would
/// byte by byte.
struct AlphanumericBytes {
    upper: u64,
    lower: u64,
    digit: u64,
    beyond_ascii: u64,
}

fn alphanumeric_bytes(word: u64) -> AlphanumericBytes {
    let beyond_ascii = word & HIGH_BITS;
    let ascii = !word & HIGH_BITS;
    // With the high bits cleared no sum carries into the next byte: a byte's
    // high bit after adding `0x80 - lo` says it is at least `lo`, after
    // adding `0x7F - hi` that it is above `hi`.
    let low = word & !HIGH_BITS;
    let within = |lo: u8, hi: u8| {
        let at_least = low.wrapping_add(splat(0x80 - lo));
        let above = low.wrapping_add(splat(0x7F - hi));
        at_least & !above & ascii
    };
    AlphanumericBytes { upper: within(b'A', b'Z'), lower: within(b'a', b'z'), digit: within(b'0', b'9'), beyond_ascii }
}

impl AlphanumericBytes {
    fn alphanumeric(&self) -> u64 {
        self.upper | self.lower | self.digit | self.beyond_ascii
    }

    /// The [`case`] flags of [`LATIN_BYTES`] of the bytes of `inside`, together.
    fn flags_within(&self, inside: u64) -> u8 {
        use case::*;
        let any = |bytes: u64, flags: u8| if bytes & inside != 0 { flags } else { 0 };
        any(self.upper, LETTER | UPPER | BEYOND_NUMBER)
            | any(self.lower, LETTER | LOWER | BEYOND_NUMBER)
            | any(self.digit, NUMERIC)
            | any(self.beyond_ascii, LETTER | BEYOND_NUMBER | BEYOND_ASCII)
    }
}

/// The kind and shape of a segment, where the segmenter read them on its way
/// over the segment's bytes; [`classify`] and [`Shape::of`] give the same.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct SegmentLook {
    kind: TokenKind,
    /// `None` for a word with non-ASCII letters, whose case the flags do not tell.
    shape: Option<Shape>,
}

impl SegmentLook {
    /// The look of a segment of Latin text from the [`case`] flags of its
    /// first byte and those of the bytes after it taken together; `None` for
    /// a segment whose first letter is not its first byte (`1a`, `_x`).
    fn of_latin(first: u8, after_first: u8) -> Option<SegmentLook> {
        use case::*;
        if first & LETTER == 0 && after_first & LETTER != 0 {
            return None;
        }
        let shape = if (first | after_first) & BEYOND_ASCII != 0 {
            None
        } else if first & LETTER != 0 {
            Some(Shape::of_cases(first & UPPER != 0, after_first & UPPER != 0, after_first & LOWER != 0))
        } else if (first | after_first) & NUMERIC != 0 {
            Some(Shape::Digits)
        } else {
            Some(Shape::Other)
        };
        let kind = if first & LETTER != 0 {
            TokenKind::Word
        } else if first & NUMERIC != 0 {
            if after_first & BEYOND_NUMBER == 0 {
                TokenKind::Number
            } else {
                TokenKind::Word
            }
        } else if first & UNDERSCORE != 0 {
            TokenKind::Word
        } else if first & PUNCTUATION != 0 {
            TokenKind::Punctuation
        } else if after_first & (LETTER | NUMERIC) != 0 {
            TokenKind::Word
        } else {
            TokenKind::Symbol
        };
        Some(SegmentLook { kind, shape })
    }
}

/// Whether UAX #29 keeps the character at `k` (class `here`) in the word of
/// the one before it (class `before`): rules WB5 to WB13b. `class` gives the
/// class of any position, for the middle signs' look-ahead and look-behind.
#[inline]
fn joins_word(before: Break, here: Break, k: usize, class: impl Fn(usize) -> Break) -> bool {
    use Break::*;
    let word_like = |c: Break| matches!(c, Letter | Numeric | ExtendNumLet);
    match (before, here) {
        // WB5, WB8, WB9, WB10, WB13a, WB13b
        (Letter | Numeric, Letter | Numeric) => true,
        (b, ExtendNumLet) if word_like(b) => true,
        (ExtendNumLet, Letter | Numeric) => true,
        // WB6, WB12: a letter (digit) before a middle sign followed by a letter (digit).
        (Letter, MidLetter | MidNumLetQ) => class(k + 1) == Letter,
        (Numeric, MidNum | MidNumLetQ) => class(k + 1) == Numeric,
        // WB7, WB11: the other side of the middle sign.
        (MidLetter | MidNumLetQ, Letter) => k >= 2 && class(k - 2) == Letter,
        (MidNum | MidNumLetQ, Numeric) => k >= 2 && class(k - 2) == Numeric,
        _ => false,
    }
}

/// UAX #29 on a piece of simple characters (rules WB5 to WB13b; white space
/// is dropped). `classes` holds each character's start and class.
fn simple_segments(
    piece: &str,
    offset: usize,
    classes: &[(usize, Break)],
    emit: &mut impl FnMut(usize, usize, Option<SegmentLook>),
) {
    use Break::*;
    let class = |k: usize| classes.get(k).map_or(Other, |&(_, class)| class);
    let start_of = |k: usize| classes.get(k).map_or(piece.len(), |&(at, _)| at);
    let mut k = 0;
    while k < classes.len() {
        if class(k) == Space {
            k += 1;
            continue;
        }
        let start = k;
        k += 1;
        while k < classes.len() {
            if !joins_word(class(k - 1), class(k), k, class) {
                break;
            }
            k += 1;
        }
        let (from, to) = (start_of(start), start_of(k));
        emit(offset + from, offset + to, None);
    }
}

/// URLs and e-mail addresses. The pattern runs only on the whitespace-free
/// stretches around `://`, `www.` and `@`: most text has none, and running a
/// Unicode-aware pattern over all of it would cost more than the rest of the
/// tokenizer.
fn find_urls(text: &str) -> Vec<Span> {
    let mut urls = Vec::new();
    let bytes = text.as_bytes();
    let mut search_from = 0;
    while let Some(offset) = memchr3(b':', b'w', b'@', &bytes[search_from..]) {
        let at = search_from + offset;
        let marker = match bytes[at] {
            b':' => text[at..].starts_with("://"),
            b'w' => text[at..].starts_with("www.") && (at == 0 || !bytes[at - 1].is_ascii_alphanumeric()),
            _ => true,
        };
        if !marker {
            search_from = at + 1;
            continue;
        }
        let start = text[..at]
            .rfind(|c: char| c.is_whitespace())
            .map_or(0, |i| i + text[i..].chars().next().map_or(1, char::len_utf8));
        let end = text[at..].find(|c: char| c.is_whitespace()).map_or(text.len(), |i| at + i);
        for m in URL.find_iter(&text[start..end]) {
            let span = trim_url(text, Span::new(start + m.start(), start + m.end()));
            if !span.is_empty() {
                urls.push(span);
            }
        }
        search_from = end.max(at + 1);
    }
    urls
}

/// The first position of `a`, `b` or `c` in `haystack`. Eight bytes are
/// tested at once (a zero byte in the word XOR each needle marks a match):
/// the scan runs over the whole text, and a byte at a time was a tenth of
/// the tokenizer.
fn memchr3(a: u8, b: u8, c: u8, haystack: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let has_zero_byte = |word: u64| word.wrapping_sub(ONES) & !word & HIGHS != 0;
    let (na, nb, nc) = (ONES * u64::from(a), ONES * u64::from(b), ONES * u64::from(c));
    let mut chunks = haystack.chunks_exact(8);
    let mut offset = 0;
    for chunk in &mut chunks {
        let mut bytes = [0; 8];
        bytes.copy_from_slice(chunk);
        let word = u64::from_ne_bytes(bytes);
        if has_zero_byte(word ^ na) || has_zero_byte(word ^ nb) || has_zero_byte(word ^ nc) {
            break;
        }
        offset += 8;
    }
    haystack.get(offset..)?.iter().position(|&x| x == a || x == b || x == c).map(|i| offset + i)
}

fn classify(segment: &str, first: char) -> TokenKind {
    if first.is_alphabetic() || first == '_' {
        TokenKind::Word
    } else if first.is_numeric() {
        if segment.chars().all(|c| c.is_numeric() || c == '.' || c == ',') {
            TokenKind::Number
        } else {
            TokenKind::Word
        }
    } else if is_punctuation(first) {
        TokenKind::Punctuation
    } else if segment.chars().any(char::is_alphanumeric) {
        TokenKind::Word
    } else {
        TokenKind::Symbol
    }
}

/// `word - word` with nothing in between: the hyphen and the new word join the
/// previous token.
fn joins_previous_compound(tokens: &[Token], text: &str, span: Span) -> bool {
    let [.., word, hyphen] = tokens else { return false };
    matches!(word.kind, TokenKind::Word | TokenKind::Number)
        && hyphen.kind == TokenKind::Punctuation
        && hyphen.span.end == span.start
        && word.span.end == hyphen.span.start
        && hyphen.span.slice(text).chars().all(is_hyphen)
        && hyphen.span.len() <= 3
}

fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(
            c,
            '„' | '“'
                | '”'
                | '‚'
                | '‘'
                | '’'
                | '«'
                | '»'
                | '‹'
                | '›'
                | '–'
                | '—'
                | '‐'
                | '‑'
                | '…'
                | '·'
                | '•'
                | '¡'
                | '¿'
                | '「'
                | '」'
                | '。'
                | '、'
        )
}

fn trim_url(text: &str, mut span: Span) -> Span {
    while let Some(c) = span.slice(text).chars().next_back() {
        if matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '\'' | '’') {
            span.end -= c.len_utf8();
        } else {
            break;
        }
    }
    span
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eight_bytes_at_once_are_classed_as_the_table_classes_each() {
        // Every byte at every position of a word, beside bytes of each class.
        for b in 0..=u8::MAX {
            for at in 0..8 {
                for filler in [b'a', b'Z', b'5', b' ', 0xC3, b'.'] {
                    let mut chunk = [filler; 8];
                    chunk[at] = b;
                    let classes = alphanumeric_bytes(u64::from_le_bytes(chunk));
                    let mut flags = 0;
                    let mut run = 0;
                    for &byte in chunk.iter().take_while(|&&byte| latin_byte(byte).class.is_alphanumeric()) {
                        flags |= latin_byte(byte).flags;
                        run += 1;
                    }
                    let mut found = 0;
                    assert_eq!(alphanumeric_run_end(&chunk, 0, &mut found), run, "{chunk:?}");
                    assert_eq!(found, flags, "{chunk:?}");
                    for (k, &byte) in chunk.iter().enumerate() {
                        let alphanumeric = classes.alphanumeric() >> (8 * k + 7) & 1 == 1;
                        assert_eq!(alphanumeric, latin_byte(byte).class.is_alphanumeric(), "byte {byte:#x}");
                    }
                }
            }
        }
    }

    #[test]
    fn memchr3_finds_the_first_of_three_bytes_anywhere() {
        let haystack: Vec<u8> = (0..40).map(|i| b'a' + (i % 20) as u8).collect();
        for needle in [b'a', b'h', b'i', b'p', b't', b'z'] {
            let expected = haystack.iter().position(|&x| x == needle || x == b'#' || x == 0xff);
            for start in 0..haystack.len() {
                let found = memchr3(needle, b'#', 0xff, &haystack[start..]);
                let expected = haystack[start..].iter().position(|&x| x == needle);
                assert_eq!(found, expected, "{needle} from {start}");
            }
            assert_eq!(memchr3(needle, b'#', 0xff, &haystack), expected);
        }
        assert_eq!(memchr3(b'a', b'b', b'c', b""), None);
        assert_eq!(memchr3(b':', b'w', b'@', "Grüße an x@y.de".as_bytes()), Some(12));
    }

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn hyphenated_compounds_are_one_token_with_parts() {
        let text = "Kreml-Sprecher Kim Jae-chun, US-Beamte und die Mercedes-Benz-Limousine";
        assert_eq!(
            words(text),
            ["Kreml-Sprecher", "Kim", "Jae-chun", ",", "US-Beamte", "und", "die", "Mercedes-Benz-Limousine"]
        );
        let tokens = tokenize(text);
        let parts: Vec<&str> = tokens[7].parts(text).map(|s| s.slice(text)).collect();
        assert_eq!(parts, ["Mercedes", "Benz", "Limousine"]);
        assert!(tokens[0].hyphenated);
        assert!(!tokens[1].hyphenated);
        assert_eq!(tokens[1].parts(text).map(|s| s.slice(text)).collect::<Vec<_>>(), ["Kim"]);
    }

    #[test]
    fn digits_inside_compounds() {
        let text = "Rossija-24 und die Covid-19-Pandemie";
        assert_eq!(words(text), ["Rossija-24", "und", "die", "Covid-19-Pandemie"]);
        let t = tokenize(text);
        assert_eq!(t[0].kind, TokenKind::Word);
        assert_eq!(t[3].parts(text).map(|s| s.slice(text)).collect::<Vec<_>>(), ["Covid", "19", "Pandemie"]);
    }

    #[test]
    fn hyphen_before_a_space_is_punctuation() {
        assert_eq!(words("Staats- und Regierungschefs"), ["Staats", "-", "und", "Regierungschefs"]);
        assert_eq!(words("Berlin - Moskau"), ["Berlin", "-", "Moskau"]);
    }

    #[test]
    fn apostrophes_stay_inside_words() {
        assert_eq!(words("Putin's O'Brien Putin’s"), ["Putin's", "O'Brien", "Putin’s"]);
    }

    #[test]
    fn numbers_keep_their_separators() {
        let text = "1.000 Waggons, 2,5 Mio. und 59 km/h im Jahr 2019";
        assert_eq!(
            words(text),
            ["1.000", "Waggons", ",", "2,5", "Mio", ".", "und", "59", "km", "/", "h", "im", "Jahr", "2019"]
        );
        let t = tokenize(text);
        assert_eq!(t[0].kind, TokenKind::Number);
        assert_eq!(t[0].shape, Shape::Digits);
        assert_eq!(t[13].kind, TokenKind::Number);
    }

    #[test]
    fn urls_and_mail_addresses_are_single_tokens() {
        let text = "Siehe https://example.org/a-b?x=1. Mail an presse@example.de, danke";
        let w = words(text);
        assert!(w.contains(&"https://example.org/a-b?x=1"), "{w:?}");
        assert!(w.contains(&"presse@example.de"), "{w:?}");
        assert_eq!(tokenize(text)[1].kind, TokenKind::Url);
    }

    #[test]
    fn ascii_shapes_are_the_unicode_shapes() {
        let printable: Vec<char> = (b' '..=b'~').map(char::from).collect();
        let mut texts = vec![String::new()];
        for &a in &printable {
            for &b in &printable {
                texts.push(format!("{a}{b}"));
                for c in ['a', 'Z', '7', '-'] {
                    texts.push(format!("{a}{b}{c}"));
                }
            }
        }
        for text in &texts {
            assert_eq!(Shape::of(text), Shape::of_chars(text), "{text:?}");
        }
    }

    #[test]
    fn shapes_beyond_ascii_are_the_unicode_shapes() {
        let letters = [
            'a', 'Z', '7', '-', 'ä', 'Ö', 'ß', 'ª', 'µ', '²', '½', '×', 'Σ', 'σ', 'ǅ', 'Ⅳ', 'ⅳ', '٣', '中', 'İ',
            '\u{301}',
        ];
        for &a in &letters {
            for &b in &letters {
                for &c in &letters {
                    let text = format!("{a}{b}{c}");
                    assert_eq!(Shape::of(&text), Shape::of_chars(&text), "{text:?}");
                }
            }
        }
        for c in (0..=u8::MAX).map(char::from) {
            assert_eq!(Shape::of(&c.to_string()), Shape::of_chars(&c.to_string()), "{c:?}");
        }
    }

    #[test]
    fn kinds_and_shapes() {
        let text = "KCNA © iPhone traf „Kim“";
        let t = tokenize(text);
        assert_eq!((t[0].kind, t[0].shape), (TokenKind::Word, Shape::AllCaps));
        assert_eq!(t[1].kind, TokenKind::Symbol);
        assert_eq!(t[2].shape, Shape::Mixed);
        assert_eq!(t[3].shape, Shape::Lower);
        assert_eq!(t[4].kind, TokenKind::Punctuation);
        assert_eq!(t[5].shape, Shape::Capitalised);
    }

    /// The segments of [`super::for_each_word_segment`], with their text.
    fn fast_segments(text: &str) -> Vec<(usize, &str)> {
        let mut segments = Vec::new();
        super::for_each_word_segment(text, |start, end, _| segments.push((start, &text[start..end])));
        segments
    }

    #[test]
    fn runs_of_letters_end_where_the_first_other_byte_is_at_any_length() {
        for length in 0..=20 {
            let word = "aZ9ä".repeat(6);
            let word = &word[..word.char_indices().nth(length).map_or(word.len(), |(i, _)| i)];
            for after in ["", " ", ".x", "-"] {
                let text = format!("{word}{after}");
                let mut flags = 0;
                assert_eq!(super::alphanumeric_run_end(text.as_bytes(), 0, &mut flags), word.len(), "{text:?}");
                let expected = word.bytes().fold(0, |all, b| all | super::latin_byte(b).flags);
                assert_eq!(flags, expected, "{text:?}");
            }
        }
    }

    #[test]
    fn fast_word_segments_are_the_unicode_ones() {
        for text in [
            "Putin's O'Brien U.S. 3.5 3,5 a:b 1a a1 _x x_ 1_2 a.1 1.a a'b' 'a .a a. ,1 1, k:a 1:2 a;b 1;2",
            "Am Montag traf Kim Jong Un in Wladiwostok ein.\r\n\t„Wir reden“, sagte er.  © KCNA/AFP",
            "a \u{301}b  c\u{200d}d e\u{fe0f} 🇩🇪🇩🇪 x\u{2060}y 1\u{301}.2",
        ] {
            let fast: Vec<(usize, &str)> = fast_segments(text);
            let unicode: Vec<(usize, &str)> =
                text.split_word_bound_indices().filter(|(_, s)| !s.starts_with(char::is_whitespace)).collect();
            assert_eq!(fast, unicode, "{text:?}");
        }
    }

    /// Every character with a class of its own in the fast path, next to
    /// every kind of neighbour, is cut as `unicode-segmentation` cuts it.
    #[test]
    fn fast_classes_are_the_unicode_classes() {
        let classified: Vec<char> =
            ('\u{80}'..='\u{2fff}').filter(|&c| super::break_class_beyond_ascii(c).is_some()).collect();
        let neighbours = ['a', 'Z', '1', '_', '.', ':', ',', '\'', ' ', '-', 'ä', '’', '\u{a0}', '·'];
        for &c in &classified {
            for &x in &neighbours {
                for &y in &neighbours {
                    for text in
                        [format!("{c}{x}{y}"), format!("{x}{c}{y}"), format!("{x}{y}{c}"), format!("{x}{c}{y}{c}")]
                    {
                        let fast: Vec<(usize, &str)> = fast_segments(&text);
                        let unicode: Vec<(usize, &str)> = text
                            .split_word_bound_indices()
                            .filter(|(_, s)| !s.starts_with(char::is_whitespace))
                            .collect();
                        assert_eq!(fast, unicode, "{text:?}");
                    }
                }
            }
        }
    }

    /// The flags of ASCII bytes are the Unicode properties and the tests of
    /// [`classify`] they stand for.
    #[test]
    fn ascii_table_flags_are_the_unicode_properties() {
        for byte in 0..=0x7f_u8 {
            let c = char::from(byte);
            let flags = latin_byte(byte).flags;
            let case_bits = case::LETTER | case::UPPER | case::LOWER | case::NUMERIC;
            assert_eq!(flags & case_bits, unicode_flags(c), "{c:?}");
            assert_eq!(flags & case::PUNCTUATION != 0, is_punctuation(c), "{c:?}");
            assert_eq!(flags & case::UNDERSCORE != 0, c == '_', "{c:?}");
            assert_eq!(flags & case::BEYOND_NUMBER != 0, !(c.is_numeric() || c == '.' || c == ','), "{c:?}");
        }
    }

    /// The segments [`tokenize`] reads, with the kind and shape the fast
    /// path read on its way, are the Unicode segments, and each look is what
    /// [`classify`] and [`Shape::of`] say.
    fn check_segments_and_looks(text: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        let mut segments = Vec::new();
        for_each_word_segment(text, |start, end, look| segments.push((start, &text[start..end], look)));
        let unicode: Vec<(usize, &str)> =
            text.split_word_bound_indices().filter(|(_, s)| !s.starts_with(char::is_whitespace)).collect();
        let cut: Vec<(usize, &str)> = segments.iter().map(|&(start, segment, _)| (start, segment)).collect();
        proptest::prop_assert_eq!(cut, unicode);
        for (_, segment, look) in segments {
            if let (Some(look), Some(first)) = (look, segment.chars().next()) {
                proptest::prop_assert_eq!(look.kind, classify(segment, first), "{:?}", segment);
                if let Some(shape) = look.shape {
                    proptest::prop_assert_eq!(shape, Shape::of(segment), "{:?}", segment);
                }
            }
        }
        Ok(())
    }

    #[test]
    fn segment_looks_on_examples() {
        for text in [
            "Kreml-Sprecher KCNA iPhone 2019 1.000 2,5 3D 2019er _x x_ _ __ a_1 US-Beamte O'Brien 5.a a.5 ,. ;: #@!",
            "\u{1}\u{7f}a\u{1}1 \u{b}x\u{c}\ty\r\nz  Über Moskau nach Pjöngjang — 900 km. Grüße an x@y.de",
            "",
            " ",
            "ä",
            "a ä b",
            "Grüße, Ärger: Łódź's Straße 3ä ä3 ä.b ä'ö Ä-Ö ÄÖ äÖ ª µ º × ÷ 2×3 a÷b ſ „Zitat“ – ’ ä\u{301} ä\u{a0}ö",
        ] {
            check_segments_and_looks(text).unwrap();
        }
    }

    proptest::proptest! {
        #[test]
        fn segments_and_looks_agree_on_mostly_ascii_text(text in "[ a-zA-Z0-9_.,;:'\\-\t\r\n\u{1}\u{b}#@/()äÖéßłſªµ×÷„“–\u{a0}\u{301}\u{ad}’]{0,60}") {
            check_segments_and_looks(&text)?;
        }

        #[test]
        fn segments_and_looks_agree_on_arbitrary_unicode(text in proptest::prelude::any::<String>()) {
            check_segments_and_looks(&text)?;
        }

        #[test]
        fn fast_word_segments_agree_on_any_text(text in "[ a-zA-Z0-9_.,;:'\\-\t\r\n\u{301}\u{200d}\u{ad}\u{a0}\u{2009}\u{202f}äößÄÉéłµª·‘’‚„“”«»–—…€©°²🇩]{0,40}") {
            let fast: Vec<(usize, &str)> = fast_segments(&text);
            let unicode: Vec<(usize, &str)> =
                text.split_word_bound_indices().filter(|(_, s)| !s.starts_with(char::is_whitespace)).collect();
            proptest::prop_assert_eq!(fast, unicode);
        }

        #[test]
        fn fast_word_segments_agree_on_arbitrary_unicode(text in proptest::prelude::any::<String>()) {
            let fast: Vec<(usize, &str)> = fast_segments(&text);
            let unicode: Vec<(usize, &str)> =
                text.split_word_bound_indices().filter(|(_, s)| !s.starts_with(char::is_whitespace)).collect();
            proptest::prop_assert_eq!(fast, unicode);
        }
    }

    #[test]
    fn spans_slice_to_the_token_text() {
        let text = "Über Moskau nach Pjöngjang — 900 km.";
        for t in tokenize(text) {
            assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
            assert!(!t.text(text).trim().is_empty());
        }
    }
}
