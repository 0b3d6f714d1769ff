//! The one normalisation shared by list entries and text.
//!
//! Two keys are built for every word:
//! - the **folded** key: Unicode lower case, `ß` → `ss`, typographic
//!   apostrophes and hyphens unified; exact matching uses it;
//! - the **skeleton** key: the folded key without diacritics, with repeated
//!   letters collapsed and the rewrite rules of `common/transliteration.tsv`
//!   applied, so that transliterations of one name meet (`Peskow`/`Peskov`).

use once_cell::sync::Lazy;

use crate::lexicon::{lines, Openings};

/// Appends the folded form of `word` to `out`.
pub fn fold_into(word: &str, out: &mut String) {
    // Most words are ASCII, where folding is lower-casing each byte; the
    // first other byte starts the word over, a character at a time.
    let start = out.len();
    out.reserve(word.len());
    for &b in word.as_bytes() {
        if !b.is_ascii() || b == b'`' {
            out.truncate(start);
            fold_chars_into(word, out);
            return;
        }
        out.push(char::from(b.to_ascii_lowercase()));
    }
}

/// [`fold_into`] beyond ASCII.
fn fold_chars_into(word: &str, out: &mut String) {
    for c in word.chars() {
        match c {
            'ß' | 'ẞ' => out.push_str("ss"),
            '’' | '‘' | '`' | '´' => out.push('\''),
            '\u{2010}' | '\u{2011}' | '–' => out.push('-'),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => match latin1_lowercase(c) {
                Some(lower) => out.push(lower),
                None => out.extend(c.to_lowercase()),
            },
        }
    }
}

/// The lower case of a Latin-1 letter (`Ä` → `ä`, `ö` → `ö`) without the
/// Unicode case tables, which most non-ASCII letters of German text would
/// otherwise cost; `None` beyond (and for `ß`, `×`, `÷`). A test checks it
/// against `char::to_lowercase`.
fn latin1_lowercase(c: char) -> Option<char> {
    match c {
        'À'..='Ö' | 'Ø'..='Þ' => char::from_u32(u32::from(c) + 0x20),
        'à'..='ö' | 'ø'..='ÿ' => Some(c),
        _ => None,
    }
}

/// The folded form of `word`.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    fold_into(word, &mut out);
    out
}

struct Rewrite {
    from: String,
    to: String,
}

/// A rewrite rule packed for [`skeleton_of_window`]: `from` as the low bytes
/// of a word compared with eight letters read at once under `mask`, so that
/// trying a rule is one comparison rather than a loop over its bytes.
#[derive(Clone, Copy)]
struct PackedRewrite {
    from: u64,
    mask: u64,
    from_len: usize,
    to: u64,
    to_len: usize,
}

/// The longest `from` and `to` a packed rule holds.
const PACKED_LEN: usize = 8;

/// The rewrite rules, longest `from` first (stable, so file order breaks
/// ties), indexed by their first byte: most letters start no rule.
struct Rewrites {
    by_first_byte: Vec<Vec<Rewrite>>,
    /// The same rules packed, in the same order, or `None` when some rule is
    /// not ASCII or too long to pack (the window path then stands aside).
    packed_by_first_byte: Option<Vec<Vec<PackedRewrite>>>,
    /// The first two letters of the rules (a rule of one letter opens every
    /// pair it begins). Most letters that begin a rule (`s`, `t`, `o`) do
    /// not go on as any rule does, and are passed over with one look-up
    /// rather than a try of each rule.
    rule_openings: Openings,
}

fn pack(rule: &Rewrite) -> Option<PackedRewrite> {
    let (from, to) = (rule.from.as_bytes(), rule.to.as_bytes());
    // A NUL in `from` could match the padding after a word's letters.
    if !rule.from.is_ascii()
        || !rule.to.is_ascii()
        || from.len() > PACKED_LEN
        || to.len() > PACKED_LEN
        || from.contains(&0)
    {
        return None;
    }
    let mut from_bytes = [0u8; PACKED_LEN];
    let mut mask_bytes = [0u8; PACKED_LEN];
    for ((f, m), &b) in from_bytes.iter_mut().zip(mask_bytes.iter_mut()).zip(from) {
        *f = b;
        *m = 0xff;
    }
    let mut to_bytes = [0u8; PACKED_LEN];
    to_bytes.iter_mut().zip(to).for_each(|(t, &b)| *t = b);
    Some(PackedRewrite {
        from: u64::from_le_bytes(from_bytes),
        mask: u64::from_le_bytes(mask_bytes),
        from_len: from.len(),
        to: u64::from_le_bytes(to_bytes),
        to_len: to.len(),
    })
}

static REWRITES: Lazy<Rewrites> = Lazy::new(|| {
    let mut rules: Vec<Rewrite> = lines(include_str!("../../gazetteers/common/transliteration.tsv"))
        .filter_map(|line| {
            let (from, to) = line.split_once('\t')?;
            Some(Rewrite { from: from.trim().to_string(), to: to.trim().to_string() })
        })
        .filter(|r| !r.from.is_empty())
        .collect();
    rules.sort_by_key(|r| std::cmp::Reverse(r.from.len()));
    let mut by_first_byte: Vec<Vec<Rewrite>> = (0..256).map(|_| Vec::new()).collect();
    for rule in rules {
        by_first_byte[rule.from.as_bytes()[0] as usize].push(rule);
    }
    let packed_by_first_byte =
        by_first_byte.iter().map(|rules| rules.iter().map(pack).collect::<Option<Vec<_>>>()).collect();
    let froms: Vec<String> = by_first_byte.iter().flatten().map(|rule| rule.from.clone()).collect();
    Rewrites { by_first_byte, packed_by_first_byte, rule_openings: Openings::of(&froms) }
});

/// How many bytes of a word the window path reads: longer words (rare) take
/// the general path.
pub(crate) const WINDOW: usize = 32;

/// Room for a window's skeleton: rewrites may lengthen it (`x` → `ks`).
pub(crate) const SKELETON_ROOM: usize = 2 * WINDOW;

/// The folded form of the first `len` bytes of `window` when they are ASCII
/// without a backtick or letters of Latin-1 other than `ß` (most words of
/// German text), lowering the whole window: a fixed length the compiler
/// turns into a few vector instructions, with no branch on the bytes. A
/// capital of Latin-1 (`Ä`, `Ö`, `É`) is two bytes, the first `0xC3`, and
/// its small letter differs in the second byte by `0x20`, as in ASCII; `ß`
/// (`ss`) and every other character change the length or need the tables,
/// and take the general path. The bytes past `len` are lowered too and mean
/// nothing; the caller copies the whole window and cuts it to `len`, a
/// fixed-size copy where copying `len` bytes was a call to `memcpy` of an
/// unpredictable length.
pub(crate) fn fold_window(window: &[u8; WINDOW], len: usize) -> Option<[u8; WINDOW]> {
    let in_word = in_word_marks(len)?;
    let mut lowered = [0u8; WINDOW];
    let mut foreign = 0u8;
    // Bytes, not wider lanes, so that the loop is vectorised. ASCII first:
    // most words are, and the loop for Latin-1 costs twice as much.
    for ((&b, &in_word), lower) in window.iter().zip(in_word).zip(lowered.iter_mut()) {
        *lower = b | (u8::from(b.is_ascii_uppercase()) << 5);
        foreign |= in_word & ((b & 0x80) | u8::from(b == b'`'));
    }
    if foreign == 0 {
        return Some(lowered);
    }
    foreign = 0;
    let mut previous = 0u8;
    for ((&b, &in_word), lower) in window.iter().zip(in_word).zip(lowered.iter_mut()) {
        let after_lead = previous == LATIN1_LEAD;
        // `À`..=`Þ` but `×` (0x97) and `ß` (0x9F).
        let latin1_capital = after_lead & (0x80..=0x9E).contains(&b) & (b != 0x97);
        *lower = b | (u8::from(b.is_ascii_uppercase() | latin1_capital) << 5);
        let beyond_latin1 = (b & 0x80 != 0) & (b != LATIN1_LEAD) & !after_lead;
        let sharp_s = after_lead & (b == 0x9F);
        foreign |= in_word & u8::from(beyond_latin1 | sharp_s | (b == b'`'));
        previous = b;
    }
    (foreign == 0).then_some(lowered)
}

/// The first byte of the letters of Latin-1 beyond ASCII in UTF-8 (`À` to `ÿ`).
const LATIN1_LEAD: u8 = 0xC3;

/// The base letter (as [`strip_diacritic`] gives it) of each small letter of
/// Latin-1 beyond ASCII, by the second byte of its UTF-8 less `0xA0`
/// (`ä` is `C3 A4`); 0 where the base is not one ASCII letter (`æ`, `þ`, `÷`).
static LATIN1_BASES: Lazy<[u8; 32]> = Lazy::new(|| {
    std::array::from_fn(|i| {
        let base = char::from_u32(0xE0 + i as u32).and_then(strip_diacritic);
        match base.map(str::as_bytes) {
            Some(&[letter]) if letter.is_ascii_alphabetic() => letter,
            _ => 0,
        }
    })
});

/// `0xff` for each of the first `len` bytes of a window, `0` for the others;
/// `None` for a `len` past the window.
fn in_word_marks(len: usize) -> Option<&'static [u8; WINDOW]> {
    IN_WORD.get(WINDOW.checked_sub(len)?..)?.get(..WINDOW)?.try_into().ok()
}

/// `IN_WORD[WINDOW - len..][..WINDOW]` marks the first `len` bytes of a window.
const IN_WORD: [u8; 2 * WINDOW] = {
    let mut marks = [0u8; 2 * WINDOW];
    let mut at = 0;
    while at < WINDOW {
        marks[at] = 0xff;
        at += 1;
    }
    marks
};

/// The skeleton of the folded word in the first `len` bytes of `folded`
/// (as [`skeleton_into`] makes it) and its length, in one pass of each kind
/// over fixed buffers on the stack: no `String` grows and no short piece is
/// copied by a call. The word is ASCII and small letters of Latin-1 as
/// [`fold_window`] leaves them, which the first pass reads as their base
/// letters (`ö` as `o`); a word with nothing for that pass to do (most)
/// skips it. `None` when the rules cannot be packed, a letter has no base
/// letter of its own (`æ`), or the skeleton does not fit.
pub(crate) fn skeleton_of_window(folded: &[u8; WINDOW], len: usize) -> Option<([u8; SKELETON_ROOM], usize)> {
    let packed = REWRITES.packed_by_first_byte.as_ref()?;
    let openings = &REWRITES.rule_openings;
    // The base letters, and room to read a packed rule's eight bytes past the last.
    let mut letters = [0u8; WINDOW + PACKED_LEN];
    let kept = if is_plain(folded, len)? {
        // No letter to drop or to read as another: the letters are the word.
        letters.get_mut(..WINDOW)?.copy_from_slice(folded);
        len
    } else {
        base_letters_of_window(folded, len, &mut letters)?
    };
    let may_begin_rule = |at: usize| match (letters.get(at), letters.get(at + 1)) {
        (Some(&a), Some(&b)) => openings.may_open_pair(a, b),
        _ => false,
    };
    // The letters before the first that may begin a rule are the skeleton's
    // first letters as they are (no two alike, by the first pass): copied
    // at once, and for a word where no rule may apply (about half), all of it.
    let first_rule = (0..kept.min(WINDOW)).find(|&at| may_begin_rule(at)).unwrap_or(kept);
    let mut out = [0u8; SKELETON_ROOM];
    out.get_mut(..WINDOW)?.copy_from_slice(letters.get(..WINDOW)?);
    let mut written = first_rule;
    let mut last = first_rule.checked_sub(1).and_then(|i| letters.get(i)).copied().unwrap_or(0);
    let mut at = first_rule;
    while at < kept {
        let b = *letters.get(at)?;
        let may_begin_rule = may_begin_rule(at);
        let rule = match packed.get(usize::from(b)) {
            Some(candidates) if may_begin_rule => {
                let ahead = u64::from_le_bytes(letters.get(at..at + PACKED_LEN)?.try_into().ok()?);
                let left = kept - at;
                candidates.iter().find(|r| r.from_len <= left && ahead & r.mask == r.from)
            }
            _ => None,
        };
        match rule {
            Some(rule) => {
                for &e in rule.to.to_le_bytes().get(..rule.to_len)? {
                    *out.get_mut(written)? = e;
                    written += usize::from(!((e == last) & e.is_ascii_alphabetic()));
                    last = e;
                }
                at += rule.from_len;
            }
            None => {
                *out.get_mut(written)? = b;
                written += usize::from(!((b == last) & b.is_ascii_alphabetic()));
                last = b;
                at += 1;
            }
        }
    }
    Some((out, written))
}

/// Whether the first `len` bytes of a folded window are ASCII with no
/// hyphen, apostrophe or doubled letter: the first pass of a skeleton would
/// keep them all. One pass over the whole window, which the compiler
/// vectorises; `None` for a `len` past the window.
fn is_plain(folded: &[u8; WINDOW], len: usize) -> Option<bool> {
    let in_word = in_word_marks(len)?;
    // Byte `i` of `next` is byte `i + 1` of the word, marked by `next_in_word`
    // while that is in the word: fixed lengths, one loop, whole vectors.
    let mut next = [0u8; WINDOW];
    next.get_mut(..WINDOW - 1)?.copy_from_slice(folded.get(1..)?);
    let next_in_word = in_word_marks(len.saturating_sub(1))?;
    let mut special = 0u8;
    for (((&b, &in_word), &next), &next_in_word) in folded.iter().zip(in_word).zip(&next).zip(next_in_word) {
        special |= in_word & u8::from((b == b'-') | (b == b'\'') | (b & 0x80 != 0));
        // A letter and the next one in the word, alike.
        special |= next_in_word & u8::from((b == next) & b.is_ascii_alphabetic());
    }
    Some(special == 0)
}

/// The first pass of [`skeleton_of_window`]: the base letters of the first
/// `len` bytes of `folded`, each written and the write position moved on by
/// whether it is kept, rather than branching on that; how many there are.
fn base_letters_of_window(folded: &[u8; WINDOW], len: usize, letters: &mut [u8; WINDOW + PACKED_LEN]) -> Option<usize> {
    let bases = &*LATIN1_BASES;
    let mut kept = 0;
    // 0 is no letter: a NUL is never collapsed, as it is not alphabetic.
    let mut last = 0u8;
    let mut previous = 0u8;
    for &byte in folded.get(..len)? {
        let after_lead = previous == LATIN1_LEAD;
        previous = byte;
        let b = match byte {
            LATIN1_LEAD => continue,
            0x80.. if after_lead => bases.get(usize::from(byte).wrapping_sub(0xA0)).copied().filter(|&b| b != 0)?,
            0x80.. => return None,
            _ => byte,
        };
        let stripped = (b == b'-') | (b == b'\'');
        let doubled = (b == last) & b.is_ascii_alphabetic();
        *letters.get_mut(kept)? = b;
        kept += usize::from(!(stripped | doubled));
        if !stripped {
            last = b;
        }
    }
    Some(kept)
}

/// Appends the skeleton of an already folded `folded` to `out`, using
/// `scratch` as working space.
pub fn skeleton_into(folded: &str, out: &mut String, scratch: &mut String) {
    scratch.clear();
    // Most words are short and ASCII, or ASCII once their diacritics are off:
    // the window path does both passes on the stack. (The first pass leaves
    // its own output as it is, so base letters may go through it again.)
    if folded.is_ascii() && push_window_skeleton(folded, out) {
        return;
    }
    base_letters(folded, scratch);
    if !folded.is_ascii() && scratch.is_ascii() && push_window_skeleton(scratch, out) {
        return;
    }
    rewrite(scratch, &REWRITES, out);
}

/// Appends [`skeleton_of_window`] of an ASCII word to `out`; `false` (and
/// nothing appended) when the word does not fit a window.
fn push_window_skeleton(word: &str, out: &mut String) -> bool {
    let mut window = [0u8; WINDOW];
    let Some(letters) = window.get_mut(..word.len()) else { return false };
    letters.copy_from_slice(word.as_bytes());
    let skeleton = skeleton_of_window(&window, word.len());
    match skeleton.as_ref().and_then(|(bytes, len)| std::str::from_utf8(bytes.get(..*len)?).ok()) {
        Some(skeleton) => {
            out.push_str(skeleton);
            true
        }
        None => false,
    }
}

/// The rewrite pass of [`skeleton_into`]: each rule's `from` (longest
/// first) becomes its `to`, doubled letters once.
fn rewrite(letters: &str, rules: &Rewrites, out: &mut String) {
    let mut rest = letters;
    let mut last = None;
    while let Some(c) = rest.chars().next() {
        let candidates = &rules.by_first_byte[rest.as_bytes()[0] as usize];
        let (emit, used) = match candidates.iter().find(|r| rest.starts_with(r.from.as_str())) {
            Some(rule) => (rule.to.as_str(), rule.from.len()),
            None => (&rest[..c.len_utf8()], c.len_utf8()),
        };
        for e in emit.chars() {
            if Some(e) != last || !e.is_alphabetic() {
                out.push(e);
            }
            last = Some(e);
        }
        rest = &rest[used..];
    }
}

/// The first pass of [`skeleton_into`]: diacritics off, doubled letters once.
fn base_letters(folded: &str, scratch: &mut String) {
    let mut last = None;
    let mut push = |b: char, scratch: &mut String| {
        if Some(b) != last || !b.is_alphabetic() {
            scratch.push(b);
        }
        last = Some(b);
    };
    for c in folded.chars() {
        match strip_diacritic(c) {
            Some(base) => base.chars().for_each(|b| push(b, scratch)),
            None => push(c, scratch),
        }
    }
}

/// The skeleton of `word` (folded first).
pub fn skeleton(word: &str) -> String {
    let folded = fold(word);
    let mut out = String::with_capacity(folded.len());
    skeleton_into(&folded, &mut out, &mut String::new());
    out
}

/// The base letters of a Latin letter with diacritics (German umlauts lose
/// their dots: `Pjöngjang` meets `Pjongjang`; `æ` becomes two letters), or
/// `None` for a character that stays as it is.
fn strip_diacritic(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'þ' => "th",
        '-' | '\'' => "",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_is_unicode_lower_case_with_sharp_s() {
        assert_eq!(fold("STRAẞE"), "strasse");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("ÖSTERREICH"), "österreich");
        assert_eq!(fold("Putin’s"), "putin's");
        assert_eq!(fold("ΑΘΗΝΑ"), "αθηνα");
        // ASCII text takes a shortcut that must agree with the character-wise folding.
        assert_eq!(fold("O`Neill-GmbH 24"), "o'neill-gmbh 24");
        assert_eq!(fold("O`Neill-GmbHé"), "o'neill-gmbhé");
    }

    /// The skeleton by the two general passes, character by character.
    fn general_skeleton_into(word: &str, out: &mut String) {
        let mut letters = String::new();
        base_letters(word, &mut letters);
        rewrite(&letters, &REWRITES, out);
    }

    #[test]
    fn ascii_skeletons_of_short_words_are_those_of_the_general_passes() {
        let alphabet: Vec<char> = (b' '..=b'~').map(char::from).collect();
        for &a in &alphabet {
            for &b in &alphabet {
                for c in ['a', 'b', 'B', '-', '\'', '1', 'l'] {
                    let word = format!("{a}{b}{c}{b}");
                    let (mut fast, mut general) = (String::new(), String::new());
                    skeleton_into(&word, &mut fast, &mut String::new());
                    general_skeleton_into(&word, &mut general);
                    assert_eq!(fast, general, "{word:?}");
                }
            }
        }
    }

    #[test]
    fn latin1_lower_case_is_the_unicode_one() {
        for c in '\u{80}'..='\u{ff}' {
            if let Some(lower) = latin1_lowercase(c) {
                assert_eq!(c.to_lowercase().collect::<String>(), lower.to_string(), "{c:?}");
            }
        }
    }

    #[test]
    fn ascii_skeletons_of_rule_letters_are_those_of_the_general_passes() {
        let letters = ['a', 'c', 'd', 'h', 'i', 'k', 'o', 'p', 's', 't', 'u', 'w', 'x', 'y', 'z', 'j', '-', '1'];
        let mut words = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> =
                words.iter().flat_map(|w| letters.iter().map(move |c| format!("{w}{c}"))).collect();
            words.extend(longer);
            words.dedup();
        }
        for word in words.iter().filter(|w| w.len() == 4).chain(["tschechisch", "dschingis"].map(String::from).iter()) {
            let (mut fast, mut general) = (String::new(), String::new());
            skeleton_into(word, &mut fast, &mut String::new());
            general_skeleton_into(word, &mut general);
            assert_eq!(fast, general, "{word:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn folding_byte_by_byte_is_folding_char_by_char(word in "[ -~äÖß’`]{0,12}|\\PC{0,8}") {
            let mut fast = String::from("kept ");
            fold_into(&word, &mut fast);
            let mut chars = String::from("kept ");
            fold_chars_into(&word, &mut chars);
            proptest::prop_assert_eq!(fast, chars);
        }

        #[test]
        fn ascii_skeleton_is_that_of_the_general_passes(word in "[abcdehijknostuwxyz\\-'1 ]{0,16}") {
            let mut letters = String::new();
            base_letters(&word, &mut letters);
            let mut general = String::new();
            rewrite(&letters, &REWRITES, &mut general);
            let mut fast = String::from("kept ");
            skeleton_into(&word, &mut fast, &mut String::from("stale"));
            proptest::prop_assert_eq!(fast, format!("kept {general}"));
        }
    }

    /// `word` at the start of a window whose other bytes are `filler`.
    fn window_of(word: &str, filler: u8) -> Option<[u8; WINDOW]> {
        let mut window = [filler; WINDOW];
        window.get_mut(..word.len())?.copy_from_slice(word.as_bytes());
        Some(window)
    }

    proptest::proptest! {
        #[test]
        fn folding_a_window_is_folding_the_word(word in "[ -~äÖß’`]{0,12}|[A-Za-z\\-]{20,32}|\\PC{0,8}", filler in proptest::num::u8::ANY) {
            if let Some(window) = window_of(&word, filler) {
                if let Some(lowered) = fold_window(&window, word.len()) {
                    proptest::prop_assert_eq!(lowered[..word.len()].to_vec(), fold(&word).into_bytes());
                } else {
                    proptest::prop_assert!(!word.is_ascii() || word.contains('`'));
                }
            }
        }

        #[test]
        fn skeletons_of_words_with_diacritics_are_those_of_the_general_passes(
            word in "[a-zäöüéçøñ\\-']{0,40}|\\PC{0,12}",
        ) {
            let folded = fold(&word);
            let mut fast = String::from("kept ");
            skeleton_into(&folded, &mut fast, &mut String::from("stale"));
            let mut general = String::new();
            general_skeleton_into(&folded, &mut general);
            proptest::prop_assert_eq!(fast, format!("kept {general}"));
        }

        #[test]
        fn skeleton_of_a_window_is_that_of_the_general_path(
            word in "[abcdehijknopstuwxyz\\-'1 ]{0,16}|[a-z\\-]{24,32}|[a-zA-Z0-9\\-'. ]{0,32}",
            filler in proptest::num::u8::ANY,
        ) {
            let window = window_of(&word, filler).unwrap_or([0; WINDOW]);
            let mut general = String::new();
            general_skeleton_into(&word, &mut general);
            match skeleton_of_window(&window, word.len()) {
                Some((out, len)) => proptest::prop_assert_eq!(&out[..len], general.as_bytes()),
                None => proptest::prop_assert!(general.len() >= SKELETON_ROOM),
            }
        }
    }

    proptest::proptest! {
        /// Words of German and other Latin-1 letters, capitals too, as the
        /// window path folds them and reads their base letters.
        #[test]
        fn windows_of_latin1_words_are_folded_and_skeletonised_as_the_general_path(
            word in "[a-zA-ZäöüÄÖÜéÉèàÀçÇñÑøØåÅÿ\\-']{0,14}|[a-zäöüæÆþÞ×÷ßẞ\\-']{0,10}",
            filler in proptest::num::u8::ANY,
        ) {
            let window = window_of(&word, filler).unwrap_or([0; WINDOW]);
            let folded = fold(&word);
            match fold_window(&window, word.len()) {
                Some(lowered) => proptest::prop_assert_eq!(&lowered[..word.len()], folded.as_bytes()),
                None => proptest::prop_assert!(word.contains(['ß', 'ẞ', '×', '÷', '`']) || word.len() > WINDOW),
            }
            let mut general = String::new();
            general_skeleton_into(&folded, &mut general);
            let folded_window = window_of(&folded, filler).unwrap_or([0; WINDOW]);
            match skeleton_of_window(&folded_window, folded.len()) {
                Some((out, len)) => proptest::prop_assert_eq!(&out[..len], general.as_bytes()),
                None => proptest::prop_assert!(folded.contains(['æ', 'þ', '×', '÷', 'ß']) || folded.len() > WINDOW),
            }
        }
    }

    #[test]
    fn umlauts_fold_and_lose_their_dots_in_a_window() {
        let window = window_of("ÖSTERREICHs Äbte", 0).unwrap_or([0; WINDOW]);
        let lowered = fold_window(&window, "ÖSTERREICHs Äbte".len()).expect("Latin-1 letters take the window path");
        assert_eq!(&lowered[.."ÖSTERREICHs Äbte".len()], "österreichs äbte".as_bytes());
        let folded = window_of("pjöngjang", 0).unwrap_or([0; WINDOW]);
        let (skeleton, len) = skeleton_of_window(&folded, "pjöngjang".len()).expect("ö has a base letter");
        assert_eq!(&skeleton[..len], b"piongiang");
        assert!(
            fold_window(&window_of("Straße", 0).unwrap_or([0; WINDOW]), "Straße".len()).is_none(),
            "ß is two letters"
        );
    }

    #[test]
    fn transliterations_share_a_skeleton() {
        for group in [
            &["Wladimir", "Vladimir"][..],
            &["Sergej", "Sergei", "Sergey"],
            &["Schoigu", "Shoigu"],
            &["Peskow", "Peskov"],
            &["Rossija", "Rossiya"],
            &["Wostotschny", "Wostochny", "Vostochny"],
            &["Pjöngjang", "Pyongyang"],
            &["Selenskyj", "Zelensky", "Zelenskyy"],
            &["Dmitri", "Dmitry"],
            &["Chodorkowski", "Khodorkovsky"],
        ] {
            let keys: Vec<String> = group.iter().map(|w| skeleton(w)).collect();
            assert!(keys.windows(2).all(|w| w[0] == w[1]), "{group:?} → {keys:?}");
        }
    }

    #[test]
    fn different_names_keep_different_skeletons() {
        assert_ne!(skeleton("Putin"), skeleton("Peskow"));
        assert_ne!(skeleton("Kim"), skeleton("Kiew"));
        assert_ne!(skeleton("Moskau"), skeleton("Minsk"));
    }
}
