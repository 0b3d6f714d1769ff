//! What one extraction works in: the cache of words of its language and the
//! buffers of the stages, lent by an [`Extractor`](crate::Extractor) to
//! each extraction and given back afterwards.
//!
//! Threads never share a workspace: each extraction running at the same
//! time has one of its own, so an extractor holds as many as threads ever
//! extracted with it at once. Nothing a workspace keeps changes an output;
//! the cache makes known words cheaper (see [`crate::gazetteer`]), and the
//! buffers spare the allocator a few dozen requests a document. The buffers
//! of the units and the mentions hold one block of sentences (a few
//! thousand tokens, see [`crate::Extractor`]); those kept for a whole text,
//! its keys and the entity stage's candidates, grow with it, so those of a
//! text longer than [`KEEP_BUFFERS_UP_TO`] are given up, not kept: a
//! workspace never keeps more than one extraction of that size needed at
//! its peak.

use std::sync::Mutex;

use crate::entities::Candidates;
use crate::gazetteer::units::{KeptKeys, UnitBuffers};
use crate::gazetteer::words::WordCache;
use crate::lang::Language;
use crate::mentions::MentionBuffers;
use crate::sentences::Sentence;

/// The longest text whose buffers a workspace keeps: 4 MiB.
pub(crate) const KEEP_BUFFERS_UP_TO: usize = 4 << 20;

/// One extraction's cache of words and buffers.
pub(crate) struct Workspace {
    pub words: WordCache,
    pub units: UnitBuffers,
    pub mentions: MentionBuffers,
    /// The sentences of a block, counted from the block's first token.
    pub block_sentences: Vec<Sentence>,
    /// What the entity and relation stages read of the units of every block.
    pub keys: KeptKeys,
    pub candidates: Candidates,
}

impl Workspace {
    fn new(language: Language) -> Workspace {
        Workspace {
            words: WordCache::new(language),
            units: UnitBuffers::default(),
            mentions: MentionBuffers::default(),
            block_sentences: Vec::new(),
            keys: KeptKeys::default(),
            candidates: Candidates::default(),
        }
    }

    /// Keeps the buffers for the next text after a text of `len` bytes, or
    /// gives them up after a longer one than [`KEEP_BUFFERS_UP_TO`].
    pub fn after_text_of(&mut self, len: usize) {
        if len > KEEP_BUFFERS_UP_TO {
            self.units = UnitBuffers::default();
            self.mentions = MentionBuffers::default();
            self.block_sentences = Vec::new();
            self.keys = KeptKeys::default();
            self.candidates = Candidates::default();
        }
    }
}

/// The workspaces of an extractor not in use.
#[derive(Default)]
pub(crate) struct WorkspacePool {
    idle: Mutex<Vec<Workspace>>,
}

impl std::fmt::Debug for WorkspacePool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let idle = self.idle.lock().map(|idle| idle.len()).unwrap_or(0);
        f.debug_struct("WorkspacePool").field("idle", &idle).finish()
    }
}

impl WorkspacePool {
    /// An idle workspace whose cache is of `language`, or a new one.
    pub fn take(&self, language: Language) -> Workspace {
        let taken = self.idle.lock().ok().and_then(|mut idle| {
            let at = idle.iter().position(|workspace| workspace.words.language() == language)?;
            Some(idle.swap_remove(at))
        });
        taken.unwrap_or_else(|| Workspace::new(language))
    }

    /// Gives a workspace back for the next extraction.
    pub fn give_back(&self, workspace: Workspace) {
        if let Ok(mut idle) = self.idle.lock() {
            idle.push(workspace);
        }
    }

    /// Look-ups of the idle caches of words that found their spelling and
    /// that did not.
    pub fn word_counts(&self) -> (u64, u64) {
        self.idle.lock().map_or((0, 0), |idle| {
            idle.iter().map(|workspace| workspace.words.counts()).fold((0, 0), |(h, m), (a, b)| (h + a, m + b))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::words::Spelling;
    use crate::tokenize::tokenize;

    #[test]
    fn the_buffers_of_a_long_text_are_given_up() {
        use crate::gazetteer::units::Units;
        use crate::gazetteer::Layers;
        let text = "Putin traf Kim in Wladiwostok.";
        let tokens = tokenize(text);
        let lexicon = crate::lexicon::rules(Language::De);
        let mut workspace = Workspace::new(Language::De);
        for (len, kept) in [(text.len(), true), (KEEP_BUFFERS_UP_TO, true), (KEEP_BUFFERS_UP_TO + 1, false)] {
            let units = Units::with_word_lists(
                text,
                &tokens,
                lexicon,
                &Layers::new(None),
                &mut workspace.words,
                &mut workspace.units,
            );
            units.recycle(&mut workspace.units);
            workspace.after_text_of(len);
            assert_eq!(workspace.units.capacity() > 0, kept, "after {len} bytes");
        }
    }

    #[test]
    fn the_pool_lends_a_workspace_of_the_language_asked() {
        let pool = WorkspacePool::default();
        let mut german = pool.take(Language::De);
        let text = "Putin";
        let putin = Spelling::of(text, &tokenize(text)[0]).unwrap();
        assert!(german.words.get(&putin).is_none());
        pool.give_back(german);
        assert_eq!(pool.word_counts(), (0, 1));
        assert_eq!(pool.take(Language::En).words.language(), Language::En);
        let again = pool.take(Language::De);
        assert_eq!(again.words.counts(), (0, 1));
        assert_eq!(pool.word_counts(), (0, 0));
    }
}
