//! Matching units: every part of every token, with its folded and skeleton
//! keys laid out in one buffer per document so that the key of any run of
//! units is a slice, not a new string.

use crate::gazetteer::normalize::{fold_into, fold_window, skeleton_into, skeleton_of_window, SKELETON_ROOM, WINDOW};
use crate::gazetteer::words::{self, Remembered, Spelling, WordCache};
use crate::gazetteer::{FirstStep, FirstStepsAt, Layers};
use crate::hash::PaddedKey;
use crate::lexicon::RuleLexicon;
use crate::span::Span;
use crate::tokenize::{is_hyphen, Shape, Token, TokenKind};

/// One unit: a token, or one part of a hyphenated token.
///
/// Offsets are kept in 32 bits (the extractor reads at most 4 GiB of a
/// text): a long document has a unit for every word, read again by every
/// stage after this one, and at 40 bytes instead of 56 they took that much
/// less of the memory traffic of a document of megabytes.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Unit {
    start: u32,
    end: u32,
    token: u32,
    pub shape: Shape,
    pub kind: TokenKind,
    /// First and last part of its token (both for an unhyphenated token).
    pub first_part: bool,
    pub last_part: bool,
    /// A hyphen left between the halves of a compound by a stray space
    /// (`Mecklenburg- Vorpommern`): it adds nothing to the keys, so the name
    /// is found as written whole.
    pub bridge: bool,
    /// What the gazetteer's first steps at the unit are known to come to
    /// (see [`Units::first_steps`]): 0 unknown, 1 no name, `n` the steps
    /// `Units::first_steps[n - 2]`.
    first_steps: u32,
    folded: (u32, u32),
    skeleton: (u32, u32),
}

impl Unit {
    /// Token `index` as one unit, with its folded and skeleton keys at these
    /// ranges of their buffers.
    fn of_token(index: usize, token: &Token, keys: ((u32, u32), (u32, u32))) -> Unit {
        Unit::of_part(index, token, token.span, token.shape, keys)
    }

    /// Part `span` of token `index`, of shape `shape`, with its keys.
    fn of_part(
        index: usize,
        token: &Token,
        span: Span,
        shape: Shape,
        (folded, skeleton): ((u32, u32), (u32, u32)),
    ) -> Unit {
        Unit {
            start: span.start as u32,
            end: span.end as u32,
            token: index as u32,
            shape,
            kind: token.kind,
            first_part: true,
            last_part: true,
            bridge: false,
            first_steps: UNKNOWN_STEPS,
            folded,
            skeleton,
        }
    }

    /// The unit's bytes in the text.
    pub fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }

    /// The index of the unit's token.
    pub fn token(&self) -> usize {
        self.token as usize
    }
}

/// The units of a block of a document's sentences (see
/// [`crate::Extractor`]), or of any run of tokens: token indices count from
/// the first token given.
pub(crate) struct Units<'t> {
    text: &'t str,
    pub units: Vec<Unit>,
    /// Index of the first unit of each token, plus one past the end.
    pub token_first_unit: Vec<usize>,
    folded: String,
    skeleton: String,
    /// The lists of each token, when asked for ([`Units::with_word_lists`]).
    pub word_lists: Option<WordLists>,
    /// The words whose features the cache of words may learn from the
    /// mention rules (see [`Units::teach`]): token and spelling.
    to_learn: Vec<(usize, Spelling)>,
    /// The first steps known of units (see [`Unit::first_steps`]).
    first_steps: Vec<[FirstStep; 2]>,
}

/// The buffers a document's [`Units`] are built in, kept for the next
/// document ([`Units::recycle`]): an article's units, keys and lists take
/// some tens of kilobytes in a dozen buffers, and asking the allocator for
/// each anew, growing and freeing it cost more than the look-ups of the
/// words the cache of words holds.
#[derive(Default)]
pub(crate) struct UnitBuffers {
    units: Vec<Unit>,
    token_first_unit: Vec<usize>,
    folded: Vec<u8>,
    skeleton: Vec<u8>,
    lists: Option<WordLists>,
    to_learn: Vec<(usize, Spelling)>,
    first_steps: Vec<[FirstStep; 2]>,
    /// The tokens whose lists the cache of words did not hold, and the
    /// spellings it claimed a slot for.
    pending: Vec<(usize, Option<Spelling>)>,
    /// The tokens whose spelling was claimed earlier in the document and
    /// not complete yet when they were read.
    waiting: Vec<(usize, Spelling)>,
    asked: Vec<usize>,
}

impl UnitBuffers {
    /// The units the buffers have room for.
    #[cfg(test)]
    pub fn capacity(&self) -> usize {
        self.units.capacity()
    }
}

/// [`Unit::first_steps`] of a unit whose first steps are unknown.
const UNKNOWN_STEPS: u32 = 0;
/// [`Unit::first_steps`] of a word no name starts with.
const NO_NAME: u32 = 1;

/// The lists that hold each token of a document, as the mention rules ask
/// them: the short lists of [`crate::lexicon::class`], of the whole token
/// and of its last part, and, for a capitalised word, the long lists of
/// [`crate::wordtable::list`] that hold it as spelled.
pub(crate) struct WordLists {
    pub classes: Vec<(u32, u32)>,
    /// `None` for a token that is no capitalised word (the rules never ask).
    pub spelled: Vec<Option<u8>>,
    /// The features the mention rules keep of each token (see `mentions`),
    /// those of the word alone already there when the cache of words had
    /// learnt them.
    pub features: Vec<std::cell::Cell<u32>>,
}

impl WordLists {
    fn empty(tokens: usize) -> WordLists {
        WordLists::reset(None, tokens)
    }

    /// Empty lists for `tokens` tokens, in the buffers of `old` if given.
    fn reset(old: Option<WordLists>, tokens: usize) -> WordLists {
        let mut lists = old.unwrap_or(WordLists { classes: Vec::new(), spelled: Vec::new(), features: Vec::new() });
        lists.classes.clear();
        lists.classes.resize(tokens, (0, 0));
        lists.spelled.clear();
        lists.spelled.resize(tokens, None);
        lists.features.clear();
        lists.features.resize(tokens, std::cell::Cell::new(0));
        lists
    }

    /// The lists of every token, with no cache.
    pub fn of(text: &str, tokens: &[Token], units: &Units, lexicon: &RuleLexicon) -> WordLists {
        let mut lists = WordLists::empty(tokens.len());
        lists.fill(text, tokens, units, lexicon, &(0..tokens.len()).collect::<Vec<_>>());
        lists
    }

    /// Whether the rules ask the long lists of a token: of capitalised words only.
    fn asks_spelled(token: &Token) -> bool {
        (token.kind == TokenKind::Word) & token.shape.is_upper_initial()
    }

    /// Sets the lists of token `t` of one part from a cache.
    fn set(&mut self, t: usize, token: &Token, classes: u32, spelled: u8) {
        if let (Some(c), Some(s)) = (self.classes.get_mut(t), self.spelled.get_mut(t)) {
            *c = (classes, classes);
            *s = WordLists::asks_spelled(token).then_some(spelled);
        }
    }

    /// The lists of token `t` of one part, as a cache keeps them.
    fn of_one_part(&self, t: usize) -> (u32, u8) {
        let classes = self.classes.get(t).map_or(0, |c| c.0);
        (classes, self.spelled.get(t).copied().flatten().unwrap_or(0))
    }

    /// Looks up the lists of the tokens `asked`: the short lists by their
    /// folded keys; the long lists of the capitalised words among them all
    /// at once, which costs a fraction of asking one by one, each waiting
    /// for its own cache miss (see [`RuleLexicon::lists_of_each`]).
    fn fill(&mut self, text: &str, tokens: &[Token], units: &Units, lexicon: &RuleLexicon, asked: &[usize]) {
        let vocabulary = &lexicon.vocabulary;
        for &t in asked {
            let Some(token) = tokens.get(t) else { continue };
            let whole = vocabulary.classes_of_key(units.folded_token_key(t));
            let last = if token.hyphenated { vocabulary.classes_of_key(units.folded_last_part_key(t)) } else { whole };
            if let Some(classes) = self.classes.get_mut(t) {
                *classes = (whole, last);
            }
        }
        // The capitalised words, gathered first (see `positions_where`).
        let capitalised =
            crate::select::positions_where(asked.iter().map(|&t| tokens.get(t).is_some_and(WordLists::asks_spelled)));
        let capitalised: Vec<usize> = capitalised.iter().filter_map(|&i| asked.get(i).copied()).collect();
        // Keys of the text itself, which goes on after most words: read in whole words.
        let key = |t: usize| {
            tokens
                .get(t)
                .map_or_else(PaddedKey::default, |token| PaddedKey::in_buffer(text, token.span.start..token.span.end))
        };
        let mut found = Vec::with_capacity(capitalised.len());
        lexicon.lists_of_each(capitalised.iter().map(|&t| key(t)), &mut found);
        for (&t, lists) in capitalised.iter().zip(found) {
            if let Some(spelled) = self.spelled.get_mut(t) {
                *spelled = Some(lists);
            }
        }
    }
}

/// Whether token `index` is a hyphen glued to the word before it and
/// followed, after a space, by a capitalised word: a compound name broken by
/// a stray space (`Mecklenburg- Vorpommern`), not the elliptic hyphen of
/// `Nord- und Südamerika`.
fn is_bridging_hyphen(text: &str, tokens: &[Token], index: usize) -> bool {
    let (Some(before), Some(hyphen), Some(after)) =
        (index.checked_sub(1).and_then(|i| tokens.get(i)), tokens.get(index), tokens.get(index + 1))
    else {
        return false;
    };
    hyphen.kind == TokenKind::Punctuation
        && hyphen.span.slice(text).chars().all(is_hyphen)
        && hyphen.span.len() <= 3
        && before.kind == TokenKind::Word
        && before.span.end == hyphen.span.start
        && after.kind == TokenKind::Word
        && after.shape.is_upper_initial()
        && text.get(hyphen.span.end..after.span.start).is_some_and(|gap| gap == " ")
}

/// [`Unit::first_steps`] of a word the cache of words holds complete: no
/// name starts with it, or its kept `steps`, added to `first_steps`.
fn kept_steps(remembered: Remembered, steps: [u32; 2], first_steps: &mut Vec<[FirstStep; 2]>) -> u32 {
    if remembered.starts_no_name {
        return NO_NAME;
    }
    match steps.map(FirstStep::from_bits) {
        [Some(exact), Some(by_skeleton)] => {
            first_steps.push([exact, by_skeleton]);
            first_steps.len() as u32 + 1
        }
        _ => UNKNOWN_STEPS,
    }
}

/// Working strings for the words the window path leaves to the general one.
#[derive(Default)]
struct KeyScratch {
    folded: String,
    skeleton: String,
    letters: String,
}

/// A bit of the features the cache of words keeps: the word was taught
/// (see [`Units::teach`]), the other bits being all the rules found.
const TAUGHT: u8 = 0x80;

/// Whether the cache of words learns the features of `token` from the
/// mention rules: those of a capitalised German word, which some of its
/// features depend on alone (see `mentions::WORD_ALONE_FEATURES`).
fn learns_features(language: crate::lang::Language, token: &Token) -> bool {
    language == crate::lang::Language::De && token.kind == TokenKind::Word && token.shape == Shape::Capitalised
}

/// Appends the folded key of `part` to `folded` and its skeleton (or, without
/// `with_skeleton`, the folded key again) to `skeleton`.
fn add_keys(
    text: &str,
    part: Span,
    with_skeleton: bool,
    folded: &mut Vec<u8>,
    skeleton: &mut Vec<u8>,
    scratch: &mut KeyScratch,
) {
    let len = part.len();
    let bytes = text.as_bytes();
    let window: Option<[u8; WINDOW]> = if len > WINDOW {
        None
    } else if let Some(window) = bytes.get(part.start..part.start + WINDOW).and_then(|w| w.try_into().ok()) {
        Some(window)
    } else {
        // The last words of a text: the window runs past its end.
        let mut window = [0u8; WINDOW];
        window.iter_mut().zip(bytes.get(part.start..part.end).unwrap_or_default()).for_each(|(w, &b)| *w = b);
        Some(window)
    };
    if let Some(lowered) = window.and_then(|w| fold_window(&w, len)) {
        let skeleton_window = if with_skeleton { skeleton_of_window(&lowered, len) } else { None };
        if !with_skeleton || skeleton_window.is_some() {
            append_cut(folded, &lowered, len);
            match skeleton_window {
                Some((letters, skeleton_len)) => append_cut(skeleton, &letters, skeleton_len),
                None => append_cut(skeleton, &lowered, len),
            }
            return;
        }
    }
    let word = part.slice(text);
    scratch.folded.clear();
    fold_into(word, &mut scratch.folded);
    folded.extend_from_slice(scratch.folded.as_bytes());
    if with_skeleton {
        scratch.skeleton.clear();
        skeleton_into(&scratch.folded, &mut scratch.skeleton, &mut scratch.letters);
        skeleton.extend_from_slice(scratch.skeleton.as_bytes());
    } else {
        skeleton.extend_from_slice(scratch.folded.as_bytes());
    }
}

/// Appends the first `len` bytes of `buffer` to `out` by copying all of it
/// (a fixed size, copied in line) and cutting the rest off again.
fn append_cut<const N: usize>(out: &mut Vec<u8>, buffer: &[u8; N], len: usize) {
    let end = out.len() + len.min(N);
    out.extend_from_slice(buffer);
    out.truncate(end);
}

/// Appends the first `len` bytes of a key the cache of words keeps in
/// `room`: the room of a short word's key as a whole, as [`append_cut`]
/// does, a long word's as long as it is.
fn append_known<const SHORT: usize>(out: &mut Vec<u8>, room: &[u8], len: usize) {
    match room.first_chunk::<SHORT>() {
        Some(short) if room.len() == SHORT => append_cut(out, short, len),
        _ => out.extend_from_slice(room.get(..len).unwrap_or_default()),
    }
}

/// The key buffer as a string. Only UTF-8 pieces are written to it, so the
/// lossy branch is never taken; it is there so that no input can panic.
fn into_string(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

impl<'t> Units<'t> {
    /// The units of `tokens` and their keys.
    #[cfg(test)]
    pub fn new(text: &'t str, tokens: &[Token]) -> Units<'t> {
        Units::build(text, tokens, None, &mut UnitBuffers::default())
    }

    /// The units of `tokens`, their keys, and the [`WordLists`] of every
    /// token: what `cache` holds of a word is taken from it, the rest found
    /// and added to it. Built in `buffers`, which [`recycle`](Self::recycle)
    /// gives back.
    pub fn with_word_lists(
        text: &'t str,
        tokens: &[Token],
        lexicon: &RuleLexicon,
        layers: &Layers,
        cache: &mut WordCache,
        buffers: &mut UnitBuffers,
    ) -> Units<'t> {
        Units::build(text, tokens, Some((lexicon, layers, cache)), buffers)
    }

    /// Gives the units' buffers back for the next document.
    pub fn recycle(self, buffers: &mut UnitBuffers) {
        buffers.units = self.units;
        buffers.token_first_unit = self.token_first_unit;
        buffers.folded = self.folded.into_bytes();
        buffers.skeleton = self.skeleton.into_bytes();
        buffers.lists = self.word_lists.or(buffers.lists.take());
        buffers.to_learn = self.to_learn;
        buffers.first_steps = self.first_steps;
    }

    fn build(
        text: &'t str,
        tokens: &[Token],
        words: Option<(&RuleLexicon, &Layers, &mut WordCache)>,
        buffers: &mut UnitBuffers,
    ) -> Units<'t> {
        let mut units = std::mem::take(&mut buffers.units);
        units.clear();
        units.reserve(tokens.len() + tokens.len() / 8);
        let mut token_first_unit = std::mem::take(&mut buffers.token_first_unit);
        token_first_unit.clear();
        token_first_unit.reserve(tokens.len() + 1);
        // Keys are built as bytes so that whole windows can be copied in and
        // cut back (see `fold_window`); every piece written is UTF-8.
        // The slack is room for the last window copied.
        let room = text.len() + tokens.len() + SKELETON_ROOM.max(words::KEY_ROOM);
        let mut folded = std::mem::take(&mut buffers.folded);
        folded.clear();
        folded.reserve(room);
        let mut skeleton = std::mem::take(&mut buffers.skeleton);
        skeleton.clear();
        skeleton.reserve(room);
        let mut scratch = KeyScratch::default();
        let (lexicon, layers, mut cache) = match words {
            Some((lexicon, layers, cache)) => (Some(lexicon), Some(layers), Some(cache)),
            None => (None, None, None),
        };
        let mut word_lists = lexicon.map(|_| WordLists::reset(buffers.lists.take(), tokens.len()));
        let pending = &mut buffers.pending;
        pending.clear();
        let waiting = &mut buffers.waiting;
        waiting.clear();
        let mut to_learn = std::mem::take(&mut buffers.to_learn);
        to_learn.clear();
        let mut first_steps = std::mem::take(&mut buffers.first_steps);
        first_steps.clear();
        if let Some(cache) = cache.as_deref() {
            cache.touch(tokens.iter().filter_map(|token| Spelling::of(text, token)));
        }
        for (index, token) in tokens.iter().enumerate() {
            token_first_unit.push(units.len());
            let first_unit = units.len();
            if is_bridging_hyphen(text, tokens, index) {
                // The key of a run through the hyphen reads on from the word before it.
                let previous = units.last().map_or((0, 0), |u: &Unit| (u.folded.1, u.skeleton.1));
                let keys = ((previous.0, previous.0), (previous.1, previous.1));
                units.push(Unit { bridge: true, ..Unit::of_token(index, token, keys) });
                pending.push((index, None));
                continue;
            }
            let spelling = cache.as_ref().and_then(|_| Spelling::of(text, token));
            if let (Some(cache), Some(spelling), Some(lists)) = (cache.as_deref_mut(), spelling, word_lists.as_mut()) {
                let learns = learns_features(cache.language(), token);
                if let Some(known) = cache.get(&spelling) {
                    let (f0, s0) = (folded.len(), skeleton.len());
                    append_known::<16>(&mut folded, known.folded, known.folded_len);
                    append_known::<16>(&mut skeleton, known.skeleton, known.skeleton_len);
                    let (f1, s1) = (folded.len(), skeleton.len());
                    folded.push(b' ');
                    skeleton.push(b' ');
                    let steps = match known.lists {
                        Some(remembered) => kept_steps(remembered, known.steps, &mut first_steps),
                        None => UNKNOWN_STEPS,
                    };
                    let keys = ((f0 as u32, f1 as u32), (s0 as u32, s1 as u32));
                    units.push(Unit { first_steps: steps, ..Unit::of_token(index, token, keys) });
                    if learns && known.features & !TAUGHT != 0 {
                        if let Some(cell) = lists.features.get(index) {
                            cell.set(u32::from(known.features & !TAUGHT));
                        }
                    }
                    match known.lists {
                        Some(remembered) => lists.set(index, token, remembered.classes, remembered.lists),
                        None => waiting.push((index, spelling)),
                    }
                    if learns && known.features == 0 {
                        to_learn.push((index, spelling));
                    }
                    continue;
                }
            }
            let mut add_part = |part: Span, shape: Shape, units: &mut Vec<Unit>| {
                let (f0, s0) = (folded.len(), skeleton.len());
                // Only names are looked up by skeleton, and names are capitalised.
                let with_skeleton = token.kind == TokenKind::Word && shape.is_upper_initial();
                add_keys(text, part, with_skeleton, &mut folded, &mut skeleton, &mut scratch);
                let f1 = folded.len();
                let s1 = skeleton.len();
                folded.push(b' ');
                skeleton.push(b' ');
                let keys = ((f0 as u32, f1 as u32), (s0 as u32, s1 as u32));
                let first_part = units.len() == first_unit;
                units.push(Unit { first_part, last_part: false, ..Unit::of_part(index, token, part, shape, keys) });
            };
            if token.hyphenated {
                for part in token.parts(text) {
                    add_part(part, Shape::of(part.slice(text)), &mut units);
                }
            } else {
                // A token without hyphens is its one part, of the token's shape.
                add_part(token.span, token.shape, &mut units);
            }
            if let Some(last) = units.last_mut() {
                last.last_part = true;
            }
            let claimed = match (cache.as_deref_mut(), spelling, units.last()) {
                (Some(cache), Some(spelling), Some(unit)) => {
                    let folded_key = folded.get(unit.folded.0 as usize..unit.folded.1 as usize).unwrap_or_default();
                    let skeleton_key =
                        skeleton.get(unit.skeleton.0 as usize..unit.skeleton.1 as usize).unwrap_or_default();
                    let claimed = cache.claim(&spelling, folded_key, skeleton_key);
                    if claimed && learns_features(cache.language(), token) {
                        to_learn.push((index, spelling));
                    }
                    claimed.then_some(spelling)
                }
                _ => None,
            };
            pending.push((index, claimed));
        }
        token_first_unit.push(units.len());
        // Room for the hashes to read the last keys in whole words (see `PaddedKey`).
        folded.extend_from_slice(&[b' '; PaddedKey::SLACK]);
        skeleton.extend_from_slice(&[b' '; PaddedKey::SLACK]);
        let mut done = Units {
            text,
            units,
            token_first_unit,
            folded: into_string(folded),
            skeleton: into_string(skeleton),
            word_lists: None,
            to_learn,
            first_steps,
        };
        if let (Some(lexicon), Some(mut lists)) = (lexicon, word_lists) {
            let asked = &mut buffers.asked;
            asked.clear();
            asked.extend(pending.iter().map(|&(t, _)| t));
            lists.fill(text, tokens, &done, lexicon, asked);
            if let (Some(cache), Some(layers)) = (cache, layers) {
                for &(t, claimed) in pending.iter() {
                    let (Some(spelling), Some(&unit)) = (claimed, done.token_first_unit.get(t)) else { continue };
                    let (classes, spelled) = lists.of_one_part(t);
                    let steps = layers.first_steps(&done, unit);
                    let kept = done.set_first_steps(unit, steps);
                    let starts_no_name = steps == FirstStepsAt::NoName;
                    cache.complete(&spelling, Remembered { classes, lists: spelled, starts_no_name }, kept);
                }
                // A word met again before the slot claimed at its first
                // meeting in the document was complete: the slot holds its
                // lists now, unless later words took it over. In a long
                // document most words come again before its end, and were
                // all looked up again, each.
                asked.clear();
                for &(t, spelling) in waiting.iter() {
                    let (Some(&unit), Some(token)) = (done.token_first_unit.get(t), tokens.get(t)) else { continue };
                    match cache.completed(&spelling) {
                        Some((remembered, steps)) => {
                            lists.set(t, token, remembered.classes, remembered.lists);
                            let code = kept_steps(remembered, steps, &mut done.first_steps);
                            if let Some(unit) = done.units.get_mut(unit) {
                                unit.first_steps = code;
                            }
                        }
                        None => asked.push(t),
                    }
                }
                lists.fill(text, tokens, &done, lexicon, asked);
                for &t in asked.iter() {
                    let Some(&unit) = done.token_first_unit.get(t) else { continue };
                    let steps = layers.first_steps(&done, unit);
                    done.set_first_steps(unit, steps);
                }
            }
            done.word_lists = Some(lists);
        }
        done
    }

    /// Keeps what `steps` says of the first steps at `unit`, as
    /// [`Unit::first_steps`], and returns them as the cache of words keeps them.
    fn set_first_steps(&mut self, unit: usize, steps: FirstStepsAt) -> [u32; 2] {
        let (code, kept) = match steps {
            FirstStepsAt::NoName => (NO_NAME, [0; 2]),
            FirstStepsAt::Known(known) => {
                self.first_steps.push(known);
                (self.first_steps.len() as u32 + 1, known.map(FirstStep::to_bits))
            }
            FirstStepsAt::Unknown => (UNKNOWN_STEPS, [0; 2]),
        };
        if let Some(unit) = self.units.get_mut(unit) {
            unit.first_steps = code;
        }
        kept
    }

    /// The text the units cut.
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// The folded key of units `first..=last`: their folded forms joined by single spaces.
    pub fn folded(&self, first: usize, last: usize) -> &str {
        self.folded_key(first, last).as_str()
    }

    /// The skeleton key of units `first..=last`.
    #[cfg(test)]
    pub fn skeleton(&self, first: usize, last: usize) -> &str {
        self.skeleton_key(first, last).as_str()
    }

    /// [`folded`](Self::folded) as a key to hash.
    pub fn folded_key(&self, first: usize, last: usize) -> PaddedKey<'_> {
        let (Some(a), Some(b)) = (self.units.get(first), self.units.get(last)) else { return PaddedKey::default() };
        PaddedKey::in_buffer(&self.folded, a.folded.0 as usize..b.folded.1 as usize)
    }

    /// [`skeleton`](Self::skeleton) as a key to hash.
    pub fn skeleton_key(&self, first: usize, last: usize) -> PaddedKey<'_> {
        let (Some(a), Some(b)) = (self.units.get(first), self.units.get(last)) else { return PaddedKey::default() };
        PaddedKey::in_buffer(&self.skeleton, a.skeleton.0 as usize..b.skeleton.1 as usize)
    }

    /// The ranges of the folded and the skeleton key of units `first..=last`
    /// in their buffers: empty for no units, and reversed (a key of its own,
    /// read as empty) for `last` before `first`.
    pub fn key_ranges(&self, first: usize, last: usize) -> (KeyRange, KeyRange) {
        let (Some(a), Some(b)) = (self.units.get(first), self.units.get(last)) else { return ((0, 0), (0, 0)) };
        ((a.folded.0, b.folded.1), (a.skeleton.0, b.skeleton.1))
    }

    /// The folded key of token `t`: of all its parts, joined by spaces; ""
    /// for no token. Folded once for the whole document: no string per word.
    pub fn folded_token(&self, t: usize) -> &str {
        self.folded_token_key(t).as_str()
    }

    /// The folded key of the last part of token `t` (`sprecher` of
    /// `Kreml-Sprecher`), the whole token's when it has one part.
    pub fn folded_last_part(&self, t: usize) -> &str {
        self.folded_last_part_key(t).as_str()
    }

    /// [`folded_token`](Self::folded_token) as a key to hash.
    pub fn folded_token_key(&self, t: usize) -> PaddedKey<'_> {
        self.first_and_last_unit(t).map_or_else(PaddedKey::default, |(first, last)| self.folded_key(first, last))
    }

    /// [`folded_last_part`](Self::folded_last_part) as a key to hash.
    pub fn folded_last_part_key(&self, t: usize) -> PaddedKey<'_> {
        self.first_and_last_unit(t).map_or_else(PaddedKey::default, |(_, last)| self.folded_key(last, last))
    }

    /// The first and the last unit of token `t`; `None` for no token.
    fn first_and_last_unit(&self, t: usize) -> Option<(usize, usize)> {
        let parts = self.of_tokens(t, t + 1);
        Some((parts.start, parts.end.checked_sub(1).filter(|_| !parts.is_empty())?))
    }

    /// Keeps in `cache` the features of `mask` that the mention rules
    /// found for the words it holds and had not learnt yet (those the
    /// rules keep in [`WordLists::features`] and that depend on the word
    /// alone: `mask` says which).
    pub fn teach(&self, cache: &mut WordCache, mask: u32) {
        let Some(lists) = &self.word_lists else { return };
        for (t, spelling) in &self.to_learn {
            let features = lists.features.get(*t).map_or(0, |cell| cell.get() & mask);
            // Taught once, whatever the rules found: a word they never ask
            // about is not put on the list again and again.
            cache.learn(spelling, features as u8 | TAUGHT);
        }
    }

    /// What the gazetteer's first steps at unit `i` are known to come to
    /// ([`Layers::first_steps`]): for a word the cache of words holds, they
    /// were asked before. Most words start no name.
    pub fn first_steps(&self, i: usize) -> FirstStepsAt {
        match self.units.get(i).map_or(UNKNOWN_STEPS, |unit| unit.first_steps) {
            UNKNOWN_STEPS => FirstStepsAt::Unknown,
            NO_NAME => FirstStepsAt::NoName,
            n => {
                self.first_steps.get(n as usize - 2).map_or(FirstStepsAt::Unknown, |&steps| FirstStepsAt::Known(steps))
            }
        }
    }

    /// The units of tokens `first_token..end_token`.
    pub fn of_tokens(&self, first_token: usize, end_token: usize) -> std::ops::Range<usize> {
        let start = self.token_first_unit.get(first_token).copied().unwrap_or(self.units.len());
        let end = self.token_first_unit.get(end_token).copied().unwrap_or(self.units.len());
        start..end
    }

    /// Whether units `first..=last` cover whole tokens.
    pub fn whole_tokens(&self, first: usize, last: usize) -> bool {
        self.units.get(first).is_some_and(|u| u.first_part) && self.units.get(last).is_some_and(|u| u.last_part)
    }
}

/// A key buffer without the room after its last key (see [`PaddedKey`]).
fn written(keys: &str) -> &str {
    keys.get(..keys.len().saturating_sub(PaddedKey::SLACK)).unwrap_or_default()
}

/// A range of [`KeptKeys`]' buffers.
pub(crate) type KeyRange = (u32, u32);

/// The keys of every unit of a document, kept from the units of each block
/// of its sentences (see [`crate::Extractor`]) for the stages after the
/// mentions, which read them when the units of the block are gone: the
/// folded and skeleton keys, and where each token's folded key lies. Some
/// 25 bytes a token, where the units and their lists take seventy.
#[derive(Default)]
pub(crate) struct KeptKeys {
    folded: String,
    skeleton: String,
    /// Of each token: where its folded key starts, where the key of its
    /// last part starts, and where both end.
    token_at: Vec<[u32; 3]>,
}

impl KeptKeys {
    /// The keys of `units`, as those of a whole document.
    #[cfg(test)]
    pub fn of(mut units: Units<'_>) -> KeptKeys {
        let mut keys = KeptKeys::default();
        keys.add(&mut units);
        keys.finish();
        keys
    }

    /// Empties the keys for the next document, keeping the buffers.
    pub fn clear(&mut self) {
        self.folded.clear();
        self.skeleton.clear();
        self.token_at.clear();
    }

    /// Where the keys of the next block added will start in each buffer.
    pub fn next_start(&self) -> (u32, u32) {
        (self.folded.len() as u32, self.skeleton.len() as u32)
    }

    /// Takes the keys of `units`, whose tokens follow those added before:
    /// the units keep their ranges of keys, not the keys. The keys of a
    /// document's first block (of an article, all of them) change hands,
    /// and are not copied.
    pub fn add(&mut self, units: &mut Units<'_>) {
        let start = self.next_start();
        if start == (0, 0) {
            std::mem::swap(&mut self.folded, &mut units.folded);
            std::mem::swap(&mut self.skeleton, &mut units.skeleton);
            units.folded.clear();
            units.skeleton.clear();
            self.folded.truncate(written(&self.folded).len());
            self.skeleton.truncate(written(&self.skeleton).len());
        } else {
            self.folded.push_str(written(&units.folded));
            self.skeleton.push_str(written(&units.skeleton));
        }
        // A token's first unit starts its entry, and each later part moves its last part and end.
        for unit in &units.units {
            let (key_start, key_end) = (start.0 + unit.folded.0, start.0 + unit.folded.1);
            match self.token_at.last_mut() {
                Some(at) if !unit.first_part => (at[1], at[2]) = (key_start, key_end),
                _ => self.token_at.push([key_start, key_start, key_end]),
            }
        }
    }

    /// Ends the keys of a document with room to read the last of them in whole words.
    pub fn finish(&mut self) {
        self.folded.extend(std::iter::repeat_n(' ', PaddedKey::SLACK));
        self.skeleton.extend(std::iter::repeat_n(' ', PaddedKey::SLACK));
    }

    /// The folded key kept at `range`.
    pub fn folded(&self, range: KeyRange) -> &str {
        self.folded.get(range.0 as usize..range.1 as usize).unwrap_or_default()
    }

    /// The skeleton key kept at `range`.
    pub fn skeleton(&self, range: KeyRange) -> &str {
        self.skeleton.get(range.0 as usize..range.1 as usize).unwrap_or_default()
    }

    /// The folded key of token `t` of the document (see [`Units::folded_token`]).
    pub fn folded_token(&self, t: usize) -> &str {
        self.folded_token_key(t).as_str()
    }

    /// [`folded_token`](Self::folded_token) as a key to hash.
    pub fn folded_token_key(&self, t: usize) -> PaddedKey<'_> {
        self.token_at.get(t).map_or_else(PaddedKey::default, |&[start, _, end]| {
            PaddedKey::in_buffer(&self.folded, start as usize..end as usize)
        })
    }

    /// The folded key of the last part of token `t` of the document (see
    /// [`Units::folded_last_part`]), as a key to hash.
    pub fn folded_last_part_key(&self, t: usize) -> PaddedKey<'_> {
        self.token_at.get(t).map_or_else(PaddedKey::default, |&[_, start, end]| {
            PaddedKey::in_buffer(&self.folded, start as usize..end as usize)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::normalize::{fold, skeleton};
    use crate::tokenize::tokenize;

    #[test]
    fn keys_of_unit_runs_are_slices() {
        let text = "Der Kreml-Sprecher Dmitri Peskow";
        let tokens = tokenize(text);
        let units = Units::new(text, &tokens);
        assert_eq!(units.units.len(), 5);
        assert_eq!(units.folded(1, 1), "kreml");
        assert_eq!(units.folded(3, 4), "dmitri peskow");
        assert_eq!(units.skeleton(3, 4), "dmitri peskov");
        assert!(units.whole_tokens(1, 2));
        assert!(!units.whole_tokens(1, 1));
        assert_eq!(units.of_tokens(1, 2), 1..3);
        assert_eq!(units.folded_token(1), "kreml sprecher");
        assert_eq!(units.folded_last_part(1), "sprecher");
        assert_eq!(units.folded_last_part(2), "dmitri");
        assert_eq!((units.folded_token(9), units.folded_last_part(9)), ("", ""));
        // The last key of the document is followed by room to read it in whole words.
        let last = units.folded_key(4, 4);
        assert_eq!(last.as_str(), "peskow");
        assert_eq!(crate::hash::hash_padded(last), crate::hash::hash_str("peskow"));
    }

    proptest::proptest! {
        #[test]
        fn keys_are_those_of_the_general_folding_and_skeleton(
            text in "([A-Za-z]{1,40}|[A-ZÄÖÜ][a-zäöüß]{0,12}|[A-Z][a-z]{0,8}-[A-Za-z]{1,8}|[0-9]{1,3}|[.,’`-]|Ç[a-z]{2,5}) ( ?([A-Za-z]{1,40}|[A-ZÄÖÜ][a-zäöüß]{0,12}|[A-Z][a-z]{0,8}-[A-Za-z]{1,8}|[0-9]{1,3}|[.,’`-]|Ç[a-z]{2,5}) ){0,12}",
        ) {
            let tokens = tokenize(&text);
            let units = Units::new(&text, &tokens);
            for (index, unit) in units.units.iter().enumerate().filter(|(_, u)| !u.bridge) {
                let word = unit.span().slice(&text);
                proptest::prop_assert_eq!(units.folded(index, index), fold(word));
                let expected = if unit.kind == TokenKind::Word && unit.shape.is_upper_initial() {
                    skeleton(word)
                } else {
                    fold(word)
                };
                proptest::prop_assert_eq!(units.skeleton(index, index), expected);
            }
            let last = units.units.len().saturating_sub(1);
            for (first, end) in [(0, last), (last, last), (last / 2, last)] {
                proptest::prop_assert_eq!(units.folded_key(first, end).as_str(), units.folded(first, end));
                proptest::prop_assert_eq!(units.skeleton_key(first, end).as_str(), units.skeleton(first, end));
            }
            for t in 0..=tokens.len() {
                proptest::prop_assert_eq!(units.folded_token_key(t).as_str(), units.folded_token(t));
                proptest::prop_assert_eq!(units.folded_last_part_key(t).as_str(), units.folded_last_part(t));
            }
        }
    }

    /// The keys and lists of `units` against those made without a cache.
    fn assert_as_without_cache(text: &str, tokens: &[Token], units: &Units, lexicon: &RuleLexicon) {
        let plain = Units::new(text, tokens);
        assert_eq!(units.units.len(), plain.units.len());
        for (index, (unit, expected)) in units.units.iter().zip(&plain.units).enumerate() {
            assert_eq!(
                (unit.span(), unit.first_part, unit.last_part, unit.bridge),
                (expected.span(), expected.first_part, expected.last_part, expected.bridge)
            );
            assert_eq!(units.folded(index, index), plain.folded(index, index), "{:?}", unit.span().slice(text));
            assert_eq!(units.skeleton(index, index), plain.skeleton(index, index), "{:?}", unit.span().slice(text));
            let known = units.first_steps(index);
            if known != FirstStepsAt::Unknown {
                assert_eq!(known, Layers::new(None).first_steps(&plain, index), "{:?}", unit.span().slice(text));
            }
        }
        let last = units.units.len().saturating_sub(1);
        assert_eq!(units.folded(0, last), plain.folded(0, last));
        let expected = WordLists::of(text, tokens, &plain, lexicon);
        let lists = units.word_lists.as_ref().expect("asked for");
        assert_eq!(lists.classes, expected.classes);
        assert_eq!(lists.spelled, expected.spelled);
    }

    #[test]
    fn a_warm_cache_of_words_changes_no_key_and_no_list() {
        use crate::gazetteer::words::WordCache;
        use crate::lang::Language;
        let text = "Der Kreml-Sprecher Dmitri Peskow sagte, Peskow und Kim, Kims Straße, KIM in Wladiwostok. \
                    Mecklenburg- Vorpommern, Bundesverfassungsgericht, der Minister Straße Kim";
        let tokens = tokenize(text);
        for language in [Language::De, Language::En] {
            let lexicon = crate::lexicon::rules(language);
            let mut cache = WordCache::new(language);
            let mut buffers = UnitBuffers::default();
            for _ in 0..3 {
                let units =
                    Units::with_word_lists(text, &tokens, lexicon, &Layers::new(None), &mut cache, &mut buffers);
                assert_as_without_cache(text, &tokens, &units, lexicon);
                units.recycle(&mut buffers);
            }
            let (hits, misses) = cache.counts();
            assert!(hits > misses, "words seen before are found: {hits} hits, {misses} misses");
        }
    }

    #[test]
    fn a_word_met_again_after_its_slot_was_given_up_is_looked_up() {
        use crate::gazetteer::words::{words_of_one_set, WordCache};
        use crate::lang::Language;
        // `a` is claimed, met again before its slot is complete, then given
        // up for `b` and `c` of the same set before the document ends.
        let [a, b, c] = words_of_one_set();
        assert!(!c.is_empty());
        let text = format!("{a} {a} {b} {c}");
        let tokens = tokenize(&text);
        let lexicon = crate::lexicon::rules(Language::De);
        let mut cache = WordCache::new(Language::De);
        let mut buffers = UnitBuffers::default();
        for _ in 0..2 {
            let units = Units::with_word_lists(&text, &tokens, lexicon, &Layers::new(None), &mut cache, &mut buffers);
            assert_as_without_cache(&text, &tokens, &units, lexicon);
            units.recycle(&mut buffers);
        }
    }

    proptest::proptest! {
        #[test]
        fn the_cache_of_words_changes_no_key_and_no_list(
            texts in proptest::collection::vec("([A-Za-z]{1,18}|[A-ZÄÖÜ][a-zäöüß]{0,12}|[A-Z][a-z]{0,8}-[A-Za-z]{1,8}|[0-9]{1,3}|[.,’`©-]|Ç[a-z]{2,5}) ( ?([A-Za-z]{1,18}|[A-ZÄÖÜ][a-zäöüß]{0,12}|[A-Z][a-z]{0,8}-[A-Za-z]{1,8}|[0-9]{1,3}|[.,’`©-]|Ç[a-z]{2,5}) ){0,12}", 1..4),
        ) {
            use crate::gazetteer::words::WordCache;
            use crate::lang::Language;
            let lexicon = crate::lexicon::rules(Language::De);
            let mut cache = WordCache::new(Language::De);
            // Built in the buffers of the text before.
            let mut buffers = UnitBuffers::default();
            // Each text twice: the second time its words are in the cache.
            for text in texts.iter().chain(&texts) {
                let tokens = tokenize(text);
                let units = Units::with_word_lists(text, &tokens, lexicon, &Layers::new(None), &mut cache, &mut buffers);
                assert_as_without_cache(text, &tokens, &units, lexicon);
                units.recycle(&mut buffers);
            }
        }
    }

    #[test]
    fn keys_kept_block_by_block_are_those_of_the_whole_text() {
        let text = "Der Kreml-Sprecher Dmitri Peskow sagte. Kim Jong-un kam nach Wladiwostok. US-Präsident Biden";
        let tokens = tokenize(text);
        let whole = Units::new(text, &tokens);
        let mut kept = KeptKeys::default();
        // Twice: the second document is kept in the buffers of the first.
        for _ in 0..2 {
            kept.clear();
            for block in [0..6, 6..13, 13..tokens.len()] {
                let mut units = Units::new(text, &tokens[block]);
                let start = kept.next_start();
                let last = units.units.len() - 1;
                let (folded, skeleton) = units.key_ranges(0, last);
                let expected = (units.folded(0, last).to_string(), units.skeleton(0, last).to_string());
                kept.add(&mut units);
                assert_eq!(kept.folded((start.0 + folded.0, start.0 + folded.1)), expected.0);
                assert_eq!(kept.skeleton((start.1 + skeleton.0, start.1 + skeleton.1)), expected.1);
            }
            kept.finish();
            for t in 0..=tokens.len() {
                assert_eq!(kept.folded_token(t), whole.folded_token(t), "token {t}");
                assert_eq!(kept.folded_last_part_key(t).as_str(), whole.folded_last_part(t), "token {t}");
            }
            let last = kept.folded_token_key(tokens.len() - 1);
            assert_eq!(crate::hash::hash_padded(last), crate::hash::hash_str("biden"));
        }
    }

    #[test]
    fn a_stray_space_after_a_hyphen_leaves_the_compound_one_key() {
        let text = "in Mecklenburg- Vorpommern und Nord- und Südamerika";
        let tokens = tokenize(text);
        let units = Units::new(text, &tokens);
        assert!(units.units[2].bridge);
        assert_eq!(units.folded(1, 3), "mecklenburg vorpommern");
        assert_eq!(units.folded(1, 2), "mecklenburg");
        assert!(!units.units.iter().skip(3).any(|u| u.bridge));
    }
}
