//! What one extraction works in: the cache of words of its language and the
//! buffers of the stages, lent by an [`Extractor`](crate::Extractor) to
//! each extraction and given back afterwards.
//!
//! Threads never share a workspace: each extraction running at the same
//! time has one of its own, so an extractor holds as many as threads ever
//! extracted with it at once. Nothing a workspace keeps changes an output;
//! the cache makes known words cheaper (see [`crate::gazetteer`]), and the
//! buffers spare the allocator a few dozen requests a document.

use std::sync::Mutex;

use crate::gazetteer::units::UnitBuffers;
use crate::gazetteer::words::WordCache;
use crate::lang::Language;
use crate::mentions::MentionBuffers;

/// One extraction's cache of words and buffers.
pub(crate) struct Workspace {
    pub words: WordCache,
    pub units: UnitBuffers,
    pub mentions: MentionBuffers,
}

impl Workspace {
    fn new(language: Language) -> Workspace {
        Workspace {
            words: WordCache::new(language),
            units: UnitBuffers::default(),
            mentions: MentionBuffers::default(),
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
