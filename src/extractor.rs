//! The [`Extractor`]: built once, shared across threads, runs the stages.

use std::sync::Arc;
use std::time::Duration;

use crate::entities;
use crate::error::Error;
use crate::gazetteer::units::Units;
use crate::gazetteer::{Gazetteer, Layers};
use crate::lang::{Language, LanguageChoice};
use crate::lexicon;
use crate::mentions;
use crate::model::Document;
use crate::relations;
use crate::sentences;
use crate::sentences::Sentence;
use crate::tokenize;
use crate::workspace::{Workspace, WorkspacePool};

/// Runs the pipeline text → tokens → sentences → mentions → entities →
/// relations. Its settings are fixed once built, and it is `Send + Sync`:
/// build one and share it. It remembers, from one call to the next, what
/// each short word comes to (its keys and the lists that hold it; see
/// [`crate::gazetteer`]), which makes words it has seen cheaper and never
/// changes an output.
///
/// ```
/// use newsgraph::{Extractor, Language};
///
/// let extractor = Extractor::builder().language(Language::De).build()?;
/// let doc = extractor.extract("Putin traf Kim in Wladiwostok.");
/// assert_eq!(doc.sentences.len(), 1);
/// # Ok::<(), newsgraph::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Extractor {
    language: LanguageChoice,
    layers: Layers,
    /// What each word comes to, remembered across documents, and the
    /// buffers of the stages (shared by clones).
    workspaces: Arc<WorkspacePool>,
}

impl Default for Extractor {
    fn default() -> Self {
        Extractor::new()
    }
}

impl Extractor {
    /// An extractor with the default gazetteers and language detection.
    pub fn new() -> Self {
        warm_up(LanguageChoice::Auto);
        Extractor { language: LanguageChoice::Auto, layers: Layers::new(None), workspaces: Arc::default() }
    }

    /// Options beyond the defaults.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::default()
    }

    /// The language setting.
    pub fn language(&self) -> LanguageChoice {
        self.language
    }

    /// Extracts the document graph of `text`. Never fails and never panics;
    /// the cost is linear in the length of `text`. The extractor reads the
    /// first [`LONGEST_TEXT`] bytes of a text (1 GiB); nothing past them is
    /// found.
    pub fn extract<'t>(&self, text: &'t str) -> Document<'t> {
        self.extract_as(text, self.language)
    }

    /// Like [`extract`](Self::extract), with the language given for this text
    /// (the `lang` field of a JSONL line).
    pub fn extract_as<'t>(&self, text: &'t str, language: LanguageChoice) -> Document<'t> {
        self.run(text, language, None)
    }

    /// [`extract_as`](Self::extract_as), timing each stage: for the benches
    /// (`cargo bench`), which report MB/s per stage.
    #[doc(hidden)]
    pub fn extract_timed<'t>(&self, text: &'t str, language: LanguageChoice) -> (Document<'t>, StageTimes) {
        let mut times = StageTimes::default();
        let document = self.run(text, language, Some(&mut times));
        (document, times)
    }

    /// [`extract_as`](Self::extract_as), building units and finding
    /// mentions in blocks of sentences of at least `block_tokens` tokens
    /// (see [`BLOCK_TOKENS`]), not of the default size: for the tests,
    /// which check that no size changes an output.
    #[doc(hidden)]
    pub fn extract_in_blocks<'t>(&self, text: &'t str, language: LanguageChoice, block_tokens: usize) -> Document<'t> {
        self.run_in_blocks(text, language, None, block_tokens)
    }

    /// How many words the extractor's caches of words found and did not
    /// find (see [`crate::gazetteer`]'s word cache), over the caches not in
    /// use: for the benches, which report the share found.
    #[doc(hidden)]
    pub fn word_cache_counts(&self) -> (u64, u64) {
        self.workspaces.word_counts()
    }

    fn run<'t>(&self, text: &'t str, language: LanguageChoice, times: Option<&mut StageTimes>) -> Document<'t> {
        self.run_in_blocks(text, language, times, BLOCK_TOKENS)
    }

    /// Runs the stages, from the units to the mentions a block of at least
    /// `block_tokens` tokens at a time (see [`BLOCK_TOKENS`]).
    fn run_in_blocks<'t>(
        &self,
        text: &'t str,
        language: LanguageChoice,
        mut times: Option<&mut StageTimes>,
        block_tokens: usize,
    ) -> Document<'t> {
        let mut clock = times.is_some().then(std::time::Instant::now);
        let mut lap = |slot: fn(&mut StageTimes) -> &mut Duration, times: &mut Option<&mut StageTimes>| {
            if let (Some(times), Some(clock)) = (times.as_deref_mut(), clock.as_mut()) {
                let now = std::time::Instant::now();
                *slot(times) += now - *clock;
                *clock = now;
            }
        };
        let whole = text;
        let text = prefix_within(text, LONGEST_TEXT);
        let tokens = tokenize::tokenize(text);
        let language = language.resolve_in_tokens(text, &tokens);
        lap(|t| &mut t.tokenize, &mut times);
        let sentences = sentences::split(text, &tokens);
        lap(|t| &mut t.sentences, &mut times);
        let lexicon = lexicon::rules(language);
        let mut workspace = self.workspaces.take(language);
        let Workspace { words, units: unit_buffers, mentions: mention_buffers, block_sentences, keys, candidates } =
            &mut workspace;
        keys.clear();
        candidates.clear();
        let mut gazetteer = Duration::ZERO;
        for block in sentences::blocks(text, &tokens, &sentences, block_tokens) {
            let Some(in_block) = sentences.get(block.clone()) else { continue };
            let first_token = in_block.first().map_or(0, |s| s.first_token);
            let end_token = in_block.last().map_or(0, |s| s.end_token);
            let Some(block_tokens) = tokens.get(first_token..end_token) else { continue };
            // The block's sentences, counted from its first token.
            block_sentences.clear();
            block_sentences.extend(in_block.iter().map(|s| Sentence {
                first_token: s.first_token - first_token,
                end_token: s.end_token - first_token,
                ..*s
            }));
            let mut units = Units::with_word_lists(text, block_tokens, lexicon, &self.layers, words, unit_buffers);
            lap(|t| &mut t.units, &mut times);
            let gazetteer_time = times.is_some().then_some(&mut gazetteer);
            let found = mentions::find(
                text,
                block_tokens,
                block_sentences,
                &units,
                &self.layers,
                language,
                mention_buffers,
                gazetteer_time,
            );
            units.teach(words, mentions::WORD_ALONE_FEATURES);
            lap(|t| &mut t.rules, &mut times);
            let block = entities::Block {
                text,
                units: &units,
                keys_start: keys.next_start(),
                first_sentence: block.start,
                first_token,
            };
            candidates.add(&block, &found, lexicon);
            lap(|t| &mut t.entities, &mut times);
            keys.add(&mut units);
            lap(|t| &mut t.relations, &mut times);
            units.recycle(unit_buffers);
            mention_buffers.found = found;
        }
        keys.finish();
        if let Some(times) = times.as_deref_mut() {
            times.gazetteer += gazetteer;
            times.rules = times.rules.saturating_sub(gazetteer);
        }
        let input =
            entities::Input { text, keys, candidates, sentences: &sentences, layers: &self.layers, lexicon, language };
        let entities = entities::link(&input);
        lap(|t| &mut t.entities, &mut times);
        let relations = relations::find(text, &tokens, &sentences, keys, &entities, language);
        lap(|t| &mut t.relations, &mut times);
        workspace.after_text_of(text.len());
        self.workspaces.give_back(workspace);
        Document { text: whole, language, tokens, sentences, entities, relations }
    }
}

/// The fewest tokens of a block of sentences (see [`sentences::blocks`]):
/// the extractor builds units and finds mentions a block at a time, and
/// keeps of each block only the keys and candidates the entity and
/// relation stages read. A block's units, keys and word lists, some seventy
/// bytes a token, stay in the second-level cache (1 or 2 MiB a core on
/// current processors) from the stage that writes them to those that read
/// them; a long document's, built whole, went out to the shared cache and
/// came back, and took longer per byte than an article's (the README gives
/// the figures). An article is one block.
const BLOCK_TOKENS: usize = 2048;

/// The most bytes of a text an [`Extractor`] reads: 1 GiB. The stages keep
/// offsets in 32 bits (a long document has a few for every word, read by
/// every stage), and the keys of a text, a space after every word and a
/// lower case that may take more bytes than the capital, take more bytes
/// than the text.
pub const LONGEST_TEXT: usize = 1 << 30;

/// `text` up to `limit` bytes, cut back to a char boundary.
fn prefix_within(text: &str, limit: usize) -> &str {
    let mut end = text.len().min(limit);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or_default()
}

/// Time spent in each stage by [`Extractor::extract_timed`]. What is kept
/// of each block of sentences counts to the stage that reads it: its
/// candidates to `entities`, its keys to `relations`.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, Default)]
pub struct StageTimes {
    pub tokenize: Duration,
    pub sentences: Duration,
    /// Matching units: the folded and skeleton keys of every word.
    pub units: Duration,
    pub gazetteer: Duration,
    /// Mention rules and the overlap policy.
    pub rules: Duration,
    pub entities: Duration,
    pub relations: Duration,
}

/// Parses the built-in lists now, not in the middle of the first text: the
/// gazetteers, and the word lists of the languages this extractor will meet.
fn warm_up(language: LanguageChoice) {
    once_cell::sync::Lazy::force(&crate::gazetteer::BUILTIN);
    let languages: &[Language] = match language {
        LanguageChoice::De => &[Language::De],
        LanguageChoice::En => &[Language::En],
        LanguageChoice::Auto => &[Language::De, Language::En],
    };
    lexicon::warm_up(languages);
    relations::warm_up(languages);
}

/// Builds an [`Extractor`].
#[derive(Debug, Clone, Default)]
pub struct ExtractorBuilder {
    language: LanguageChoice,
    user_lists: Vec<(String, Source)>,
}

#[derive(Debug, Clone)]
enum Source {
    Text(String),
    File(std::path::PathBuf),
}

impl ExtractorBuilder {
    /// Fix the language, or [`LanguageChoice::Auto`] (the default) to detect it per text.
    pub fn language(mut self, language: impl Into<LanguageChoice>) -> Self {
        self.language = language.into();
        self
    }

    /// Adds a gazetteer given as a string in the format of
    /// `gazetteers/README.md`. User lists are looked up before the built-in
    /// ones, so their entries win; `origin` names the list in errors.
    ///
    /// ```
    /// use newsgraph::{Extractor, EntityKind};
    ///
    /// let list = "organisation\tcompany\t\tVoltara Energy\t\tVoltara\t\n";
    /// let extractor = Extractor::builder().gazetteer_str("my-companies", list).build()?;
    /// let doc = extractor.extract("Voltara liefert Strom nach Graz.");
    /// assert!(doc.entities.iter().any(|e| e.name == "Voltara Energy" && e.kind == EntityKind::Organisation));
    /// # Ok::<(), newsgraph::Error>(())
    /// ```
    pub fn gazetteer_str(mut self, origin: &str, data: &str) -> Self {
        self.user_lists.push((origin.to_string(), Source::Text(data.to_string())));
        self
    }

    /// Adds a gazetteer file (see [`gazetteer_str`](Self::gazetteer_str)).
    pub fn gazetteer_file(mut self, path: impl AsRef<std::path::Path>) -> Self {
        let path = path.as_ref().to_path_buf();
        self.user_lists.push((path.display().to_string(), Source::File(path)));
        self
    }

    /// Builds the extractor.
    ///
    /// # Errors
    ///
    /// [`Error::Gazetteer`] when a user gazetteer does
    /// not parse, [`Error::Io`] when its file cannot be read.
    pub fn build(self) -> Result<Extractor, Error> {
        let user = if self.user_lists.is_empty() {
            None
        } else {
            let mut data = String::new();
            for (origin, source) in &self.user_lists {
                let text = match source {
                    Source::Text(text) => text.clone(),
                    Source::File(path) => {
                        std::fs::read_to_string(path).map_err(|source| Error::Io { path: origin.clone(), source })?
                    }
                };
                // Parse each list alone first so that errors name the right list and line.
                Gazetteer::from_tsv(origin, &text)?;
                data.push_str(&text);
                data.push('\n');
            }
            Some(Arc::new(Gazetteer::from_tsv("user lists", &data)?))
        };
        warm_up(self.language);
        Ok(Extractor { language: self.language, layers: Layers::new(user), workspaces: Arc::default() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extractor_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Extractor>();
    }

    #[test]
    fn blocks_of_sentences_change_no_output() {
        let article = include_str!("../examples/articles/kim-putin-de.txt");
        // Names established in one block and met again in others, alone
        // (`Kim`, `Peskow`), in the genitive, as acronyms; a compound broken
        // by a stray space; relations in every block.
        let more = "Kim Jong Un reiste nach Russland.\n\nKims Zug fuhr los. Der Kreml-Sprecher Dmitri Peskow \
                    sagte nichts.\nPeskow schwieg.\n\nIn Mecklenburg- Vorpommern tagte das Eastern Economic \
                    Forum (EEF). Das EEF-Panel begann. Putin traf Kim in Wladiwostok.\n\nKim lachte. Russland \
                    liefert Munition an Nordkorea.";
        let english = "Kim Jong Un traveled to Russia.\n\nVladimir Putin met Kim Jong Un in Vladivostok. Putin said \
                       nothing. Russia sold weapons to North Korea.\n\nKim's train left. Putin held talks with Kim.";
        let text = [article, more, english, article, more, english].join("\n\n");
        for language in [LanguageChoice::De, LanguageChoice::Auto, LanguageChoice::En] {
            let extractor = Extractor::builder().language(language).build().expect("default extractor");
            let whole = extractor.extract_in_blocks(&text, language, usize::MAX);
            assert!(whole.entities.len() > 10 && !whole.relations.is_empty(), "{language:?}: little to compare");
            for block_tokens in [0, 1, 7, 60, 500] {
                assert_eq!(
                    extractor.extract_in_blocks(&text, language, block_tokens),
                    whole,
                    "{language:?} {block_tokens}"
                );
            }
            assert_eq!(extractor.extract_as(&text, language), whole, "{language:?}");
        }
    }

    #[test]
    fn a_text_is_read_up_to_the_limit_at_a_char_boundary() {
        assert_eq!(prefix_within("Kim traf Putin", 8), "Kim traf");
        assert_eq!(prefix_within("Kim traf Putin", 100), "Kim traf Putin");
        // `ü` is two bytes: a limit inside it cuts before it.
        assert_eq!(prefix_within("für", 2), "f");
        assert_eq!(prefix_within("für", 3), "fü");
        assert_eq!(prefix_within("", 0), "");
    }
}
