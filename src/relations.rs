//! Stage 5: entities → relations: who meets whom, who trades with whom.
//!
//! Triggers and their argument patterns live in `gazetteers/<lang>/relations.txt`.
//! For each trigger word in a sentence the stage looks for:
//!
//! - the **partner**: an entity after one of the trigger's prepositions
//!   (`Gespräche mit Putin`, `Verkauf … an Moskau`, `Lieferungen aus
//!   Pjöngjang`), allowing articles, adjectives and a title between them;
//!   `zwischen X und Y` and `mit X und Y` give two partners;
//! - the **agent**: for a `trades_with` noun, a derived word between trigger
//!   and partner (`Verkauf nordkoreanischer Waffen an Moskau`); otherwise the
//!   first entity before the trigger in its sentence, or after the partner;
//!   for a noun with no agent in its sentence, the first person the document
//!   named before it (the story's protagonist: `Beim Empfang durch Präsident
//!   X` after a lead that named the visitor);
//! - for a verb without a partner preposition, the first two entities of its
//!   clause: coordination (`Putin und Kim würden sich treffen`), verb-second
//!   (`Am Montag traf X Y`), verb-final (`dass X Y getroffen habe`) and
//!   passive (`X wurde von Y empfangen`) all put both sides there.
//!
//! `meets` joins people and organisations only: visiting a place is no
//! meeting. `trades_with` joins any two entities, derived mentions included,
//! unless the clause says what is exchanged is no good (`Gefangene`,
//! `Vorwürfe`: `gazetteers/<lang>/trade-non-goods.txt`).
//!
//! The status comes from cue words (`gazetteers/<lang>/status-cues.tsv`):
//! negation or modality in the trigger's clause, attribution anywhere in the
//! sentence; negated beats planned beats reported beats asserted.

use once_cell::sync::Lazy;

use crate::gazetteer::normalize::fold;
use crate::gazetteer::units::KeptKeys;
use crate::hash::FxHashMap;
use crate::lang::Language;
use crate::lexicon::{lines, Vocabulary, WordSet};
use crate::model::{Entity, EntityId, EntityKind, Evidence, Relation, RelationKind, Status};
use crate::sentences::Sentence;
use crate::tokenize::{Token, TokenKind};

/// Who gives and who takes in a trade.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Supplier,
    Buyer,
    Either,
}

impl Role {
    fn parse(name: &str) -> Role {
        match name {
            "supplier" => Role::Supplier,
            "buyer" => Role::Buyer,
            _ => Role::Either,
        }
    }

    fn opposite(self) -> Role {
        match self {
            Role::Supplier => Role::Buyer,
            Role::Buyer => Role::Supplier,
            Role::Either => Role::Either,
        }
    }
}

/// An example sentence of a trigger.
#[derive(Clone, Debug)]
pub struct Example {
    pub positive: bool,
    pub sentence: String,
    /// The two sides, or `None` for "no relation at all".
    pub pair: Option<(String, String)>,
}

/// One trigger line of a relations file.
#[derive(Debug)]
pub struct Trigger {
    pub relation: RelationKind,
    pub verb: bool,
    /// The forms as written in the file, `|`-separated (`*suffix` entries allowed).
    forms: String,
    prepositions: Vec<(String, Role)>,
    agent_role: Role,
    pub examples: Vec<Example>,
}

pub(crate) struct RelationLexicon {
    pub triggers: Vec<Trigger>,
    /// The forms of every trigger: bit `i` stands for `triggers[i]` (files
    /// have at most [`MAX_TRIGGERS`] triggers; a test checks).
    forms: Vocabulary<u128>,
    non_goods: WordSet,
    status: FxHashMap<String, Status>,
    /// The mention rules' lists (titles).
    rules: &'static crate::lexicon::RuleLexicon,
}

/// Parses a relations file; errors name the line.
pub fn parse_triggers(data: &str) -> Result<Vec<Trigger>, String> {
    let mut triggers: Vec<Trigger> = Vec::new();
    for (number, line) in data.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let columns: Vec<&str> = line.split('\t').collect();
        let fail = |what: &str| Err(format!("line {}: {what}: {line:?}", number + 1));
        match columns[0] {
            "trigger" => {
                let [_, relation, pos, forms, preps, agent] = columns[..] else {
                    return fail("expected trigger, relation, verb|noun, forms, prepositions, agent role");
                };
                let relation = match relation {
                    "meets" => RelationKind::Meets,
                    "trades_with" => RelationKind::TradesWith,
                    _ => return fail("unknown relation"),
                };
                let verb = match pos {
                    "verb" => true,
                    "noun" => false,
                    _ => return fail("expected verb or noun"),
                };
                let prepositions = preps
                    .split('|')
                    .filter(|p| !p.is_empty())
                    .map(|p| {
                        let (prep, role) = p.split_once(':').unwrap_or((p, "-"));
                        (fold(prep), Role::parse(role))
                    })
                    .collect();
                triggers.push(Trigger {
                    relation,
                    verb,
                    forms: forms.to_string(),
                    prepositions,
                    agent_role: Role::parse(agent),
                    examples: Vec::new(),
                });
            }
            sign @ ("+" | "-") => {
                let Some(trigger) = triggers.last_mut() else { return fail("example before any trigger") };
                let [_, sentence, pair] = columns[..] else { return fail("expected sign, sentence, pair") };
                let pair = pair.split_once('|').map(|(a, b)| (a.trim().to_string(), b.trim().to_string()));
                trigger.examples.push(Example { positive: sign == "+", sentence: sentence.to_string(), pair });
            }
            _ => return fail("a line starts with trigger, + or -"),
        }
    }
    Ok(triggers)
}

fn load(language: Language) -> RelationLexicon {
    let (relations, non_goods, status) = match language {
        Language::De => (
            include_str!("../gazetteers/de/relations.txt"),
            include_str!("../gazetteers/de/trade-non-goods.txt"),
            include_str!("../gazetteers/de/status-cues.tsv"),
        ),
        Language::En => (
            include_str!("../gazetteers/en/relations.txt"),
            include_str!("../gazetteers/en/trade-non-goods.txt"),
            include_str!("../gazetteers/en/status-cues.tsv"),
        ),
    };
    // The files are tested by `relation_files_parse`; a broken file gives no triggers, not a panic.
    let triggers = parse_triggers(relations).unwrap_or_default();
    let mut forms = Vocabulary::default();
    for (i, trigger) in triggers.iter().enumerate().take(MAX_TRIGGERS) {
        forms.add_list(&trigger.forms.replace('|', "\n"), 1u128 << i);
    }
    RelationLexicon {
        triggers,
        forms,
        non_goods: WordSet::parse(non_goods),
        status: lines(status)
            .filter_map(|l| {
                let (status, word) = l.split_once('\t')?;
                let status = match status {
                    "negated" => Status::Negated,
                    "planned" => Status::Planned,
                    "reported" => Status::Reported,
                    _ => return None,
                };
                Some((fold(word.trim()), status))
            })
            .collect(),
        rules: crate::lexicon::rules(language),
    }
}

/// Triggers a relations file may have: the index of trigger forms gives each one bit.
pub const MAX_TRIGGERS: usize = 128;

static DE: Lazy<RelationLexicon> = Lazy::new(|| load(Language::De));
static EN: Lazy<RelationLexicon> = Lazy::new(|| load(Language::En));

/// Parses the trigger files of the given languages.
pub(crate) fn warm_up(languages: &[Language]) {
    for &language in languages {
        lexicon(language);
    }
}

pub(crate) fn lexicon(language: Language) -> &'static RelationLexicon {
    match language {
        Language::De => &DE,
        Language::En => &EN,
    }
}

/// An entity mention located by tokens.
#[derive(Clone, Copy, Debug)]
struct Occurrence {
    first: usize,
    end: usize,
    entity: usize,
    kind: EntityKind,
    derived: bool,
    press: bool,
}

/// Gazetteer subtypes of the press: talking to a newspaper or broadcaster
/// (`im Gespräch mit den Oberösterreichischen Nachrichten`) is an interview,
/// not a meeting.
const PRESS_SUBTYPES: [&str; 3] = ["newspaper", "broadcaster", "agency"];

/// How far after a trigger its preposition may stand, and how far after the
/// preposition the partner.
const PREPOSITION_WINDOW: usize = 8;
const PARTNER_WINDOW: usize = 6;

struct Sides {
    agent: usize,
    partner: usize,
    /// The partner's role in a trade.
    partner_role: Role,
}

/// Which words of a sentence are tried as triggers.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scan {
    /// Only words that may still find a partner.
    Pruned,
    /// Every word: what the pruned scan must agree with.
    #[cfg_attr(not(test), allow(dead_code))]
    Whole,
}

// Called once per document: out of line, the stage stands alone in profiles.
#[inline(never)]
pub(crate) fn find(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    keys: &KeptKeys,
    entities: &[Entity<'_>],
    language: Language,
) -> Vec<Relation> {
    find_scanning(text, tokens, sentences, keys, entities, language, Scan::Pruned)
}

fn find_scanning(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    keys: &KeptKeys,
    entities: &[Entity<'_>],
    language: Language,
    scan: Scan,
) -> Vec<Relation> {
    let lex = lexicon(language);
    if entities.len() < 2 || lex.triggers.is_empty() {
        return Vec::new();
    }
    let occurrences = locate(tokens, sentences, entities);
    let mut relations: Vec<Relation> = Vec::new();
    let mut index: FxHashMap<(RelationKind, usize, usize), usize> = FxHashMap::default();
    let mut first_person: Option<(usize, usize)> = None; // (entity, sentence of its first mention)
    let mut occ_start = 0;
    for (s, sentence) in sentences.iter().enumerate() {
        let range = sentence.token_range();
        while occ_start < occurrences.len() && occurrences[occ_start].first < range.start {
            occ_start += 1;
        }
        let mut occ_end = occ_start;
        while occ_end < occurrences.len() && occurrences[occ_end].first < range.end {
            occ_end += 1;
        }
        let occs = &occurrences[occ_start..occ_end];
        let cx = Clause { tokens, text, range: range.clone(), keys, occs, lex };
        // A relation needs a partner named in its sentence: one after a
        // preposition after the trigger, or for a verb a second entity. Where
        // the sentence names one entity only, no word from the one before its
        // last mention on can be the trigger.
        let several = occs.first().is_some_and(|first| occs.iter().any(|o| o.entity != first.entity));
        let end = match occs.last() {
            Some(_) if several || scan == Scan::Whole => range.end,
            Some(last) => last.first.saturating_sub(1).min(range.end),
            None => range.start,
        };
        let range = range.start..end.max(range.start);
        for t in range {
            if tokens[t].kind != TokenKind::Word {
                continue;
            }
            let mut candidates = lex.forms.classes_of_key(keys.folded_token_key(t));
            // The last part of a word of one part is the word: one look-up answers for both.
            if tokens[t].hyphenated {
                candidates |= lex.forms.classes_of_key(keys.folded_last_part_key(t));
            }
            while candidates != 0 {
                let i = candidates.trailing_zeros() as usize;
                candidates &= candidates - 1;
                let Some(trigger) = lex.triggers.get(i) else { break };
                if !trigger.verb && language == Language::De && !tokens[t].shape.is_upper_initial() {
                    continue;
                }
                let fallback = first_person.filter(|&(_, first)| first < s).map(|(e, _)| e);
                let Some(sides) = cx.sides(trigger, t, fallback) else { continue };
                if trigger.relation == RelationKind::TradesWith && cx.no_goods(t) {
                    continue;
                }
                let (a, b) = (sides.agent.min(sides.partner), sides.agent.max(sides.partner));
                let supplier = match sides.partner_role {
                    Role::Supplier => Some(EntityId(sides.partner)),
                    Role::Buyer => Some(EntityId(sides.agent)),
                    Role::Either => None,
                }
                .filter(|_| trigger.relation == RelationKind::TradesWith);
                let evidence = Evidence {
                    sentence: s,
                    span: sentence.span,
                    trigger: tokens[t].span,
                    status: cx.status(t),
                    supplier,
                };
                let slot = *index.entry((trigger.relation, a, b)).or_insert_with(|| {
                    relations.push(Relation {
                        kind: trigger.relation,
                        source: EntityId(a),
                        target: EntityId(b),
                        evidence: Vec::new(),
                    });
                    relations.len() - 1
                });
                let evidences = &mut relations[slot].evidence;
                // Evidence arrives in text order, one trigger per word: comparing with the last is enough.
                if evidences.last().is_none_or(|e| e.trigger != evidence.trigger) {
                    evidences.push(evidence);
                }
                break;
            }
        }
        if first_person.is_none() {
            first_person = occs.iter().find(|o| o.kind == EntityKind::Person && !o.derived).map(|o| (o.entity, s));
        }
        occ_start = occ_end;
    }
    relations.sort_by_key(|r| r.evidence.first().map(|e| (e.sentence, e.trigger.start)));
    relations
}

/// Every mention as a token range, in text order.
fn locate(tokens: &[Token], sentences: &[Sentence], entities: &[Entity<'_>]) -> Vec<Occurrence> {
    let mut occurrences = Vec::with_capacity(entities.iter().map(|e| e.mentions.len()).sum());
    for (entity, e) in entities.iter().enumerate() {
        let press = e.subtype.as_deref().is_some_and(|s| PRESS_SUBTYPES.contains(&s));
        for m in &e.mentions {
            let first = first_token_of(tokens, sentences.get(m.sentence), m.span.start);
            // A mention is a few tokens long: its end is found by walking on from its
            // first token, where a second binary search took as many steps as the first.
            let mut end = first;
            while tokens.get(end).is_some_and(|t| t.span.start < m.span.end) {
                end += 1;
            }
            let end = end.max(first + 1);
            occurrences.push(Occurrence { first, end, entity, kind: e.kind, derived: m.derived, press });
        }
    }
    occurrences.sort_by_key(|o| (o.first, o.end, o.entity));
    occurrences
}

/// The first token that ends after byte `start`, sought among the tokens of
/// `sentence` (the mention's) when the answer lies there: a long document's
/// tokens take megabytes, and a search over all of them read a dozen far
/// apart for each mention.
fn first_token_of(tokens: &[Token], sentence: Option<&Sentence>, start: usize) -> usize {
    let before = |t: &Token| t.span.end <= start;
    if let Some(sentence) = sentence {
        let (low, high) = (sentence.first_token, sentence.end_token);
        let all_before_low = low == 0 || tokens.get(low - 1).is_some_and(before);
        let none_before_high = tokens.get(high).is_none_or(|t| !before(t));
        if let (true, true, Some(window)) = (all_before_low, none_before_high, tokens.get(low..high)) {
            return low + window.partition_point(before);
        }
    }
    tokens.partition_point(before)
}

struct Clause<'a> {
    tokens: &'a [Token],
    text: &'a str,
    range: std::ops::Range<usize>,
    keys: &'a KeptKeys,
    occs: &'a [Occurrence],
    lex: &'a RelationLexicon,
}

impl Clause<'_> {
    fn word(&self, t: usize) -> &str {
        self.keys.folded_token(t)
    }

    fn is_boundary(&self, t: usize) -> bool {
        let token = self.tokens[t];
        token.kind == TokenKind::Punctuation && matches!(token.text(self.text), "," | ";" | ":" | "–" | "—" | "(" | ")")
    }

    /// The clause around token `t`: between the punctuation marks that delimit it.
    fn clause(&self, t: usize) -> std::ops::Range<usize> {
        let mut start = t;
        while start > self.range.start && !self.is_boundary(start - 1) {
            start -= 1;
        }
        let mut end = t + 1;
        while end < self.range.end && !self.is_boundary(end) {
            end += 1;
        }
        start..end
    }

    fn allowed(&self, relation: RelationKind, o: &Occurrence) -> bool {
        match relation {
            RelationKind::Meets => {
                !o.derived && !o.press && matches!(o.kind, EntityKind::Person | EntityKind::Organisation)
            }
            RelationKind::TradesWith => true,
        }
    }

    fn occurrence_at(&self, t: usize, relation: RelationKind) -> Option<&Occurrence> {
        self.occs.iter().find(|o| o.first == t && self.allowed(relation, o))
    }

    /// The first entity within `PARTNER_WINDOW` tokens from `start`, skipping
    /// words that may stand between a preposition and a name.
    fn partner_from(&self, start: usize, relation: RelationKind) -> Option<&Occurrence> {
        let limit = self.range.end.min(start + PARTNER_WINDOW);
        let mut t = start;
        while t < limit {
            if let Some(o) = self.occurrence_at(t, relation) {
                return Some(o);
            }
            let token = self.tokens[t];
            let skip = match token.kind {
                TokenKind::Word => {
                    self.occs.iter().any(|o| o.first <= t && t < o.end)
                        || !token.shape.is_upper_initial()
                        || self.lex.rules.is_title(self.word(t))
                }
                // `his Israeli counterpart, Ariel Sharon`: a comma after a title.
                TokenKind::Punctuation => {
                    token.text(self.text) == "," && t > start && self.lex.rules.is_title(self.word(t - 1))
                }
                _ => false,
            };
            if !skip {
                return None;
            }
            t += 1;
        }
        None
    }

    fn sides(&self, trigger: &Trigger, t: usize, fallback: Option<usize>) -> Option<Sides> {
        let relation = trigger.relation;
        let clause = self.clause(t);
        // The partner after one of the trigger's prepositions.
        let mut partner: Option<(Occurrence, Role, usize, Option<Occurrence>)> = None;
        let limit = self.range.end.min(t + 1 + PREPOSITION_WINDOW);
        for p in t + 1..limit {
            if matches!(self.word(p), "." | ";" | ":") {
                break;
            }
            let Some((_, role)) = trigger.prepositions.iter().find(|(prep, _)| prep == self.word(p)) else { continue };
            if let Some(first) = self.partner_from(p + 1, relation).copied() {
                let second = self.coordinated(first.end, relation).copied();
                partner = Some((first, *role, p, second));
                break;
            }
        }
        if let Some((first, role, prep, second)) = partner {
            if let Some(second) = second.filter(|s| s.entity != first.entity) {
                if matches!(self.word(prep), "zwischen" | "between") {
                    return Some(Sides { agent: first.entity, partner: second.entity, partner_role: Role::Either });
                }
            }
            let agent = self.agent(trigger, t, prep, &first, fallback)?;
            return Some(Sides { agent, partner: first.entity, partner_role: role });
        }
        if !trigger.verb {
            return None;
        }
        // A verb: the first two entities of its clause.
        let mut seen: Vec<&Occurrence> = Vec::new();
        for o in self.occs.iter().filter(|o| clause.contains(&o.first) && self.allowed(relation, o) && !o.derived) {
            if seen.iter().all(|s| s.entity != o.entity) {
                seen.push(o);
            }
            if seen.len() == 2 {
                break;
            }
        }
        let [agent, object] = seen[..] else { return None };
        Some(Sides { agent: agent.entity, partner: object.entity, partner_role: trigger.agent_role.opposite() })
    }

    /// `… und Y` right after a partner.
    fn coordinated(&self, after: usize, relation: RelationKind) -> Option<&Occurrence> {
        if matches!(self.word(after), "und" | "and" | "sowie") {
            self.partner_from(after + 1, relation)
        } else {
            None
        }
    }

    fn agent(
        &self,
        trigger: &Trigger,
        t: usize,
        prep: usize,
        partner: &Occurrence,
        fallback: Option<usize>,
    ) -> Option<usize> {
        let relation = trigger.relation;
        let other = |o: &&Occurrence| o.entity != partner.entity && self.allowed(relation, o);
        if relation == RelationKind::TradesWith {
            // `Verkauf nordkoreanischer Waffen an Moskau`: the goods' origin.
            if let Some(o) = self.occs.iter().filter(other).find(|o| o.derived && o.first > t && o.first < prep) {
                return Some(o.entity);
            }
        }
        let before = self.occs.iter().filter(other).find(|o| o.first < t && !o.derived);
        let after = || self.occs.iter().filter(other).find(|o| o.first >= partner.end && !o.derived);
        before
            .or_else(after)
            .map(|o| o.entity)
            .or_else(|| fallback.filter(|&e| e != partner.entity && (!trigger.verb || relation == RelationKind::Meets)))
    }

    fn no_goods(&self, t: usize) -> bool {
        let clause = self.clause(t);
        clause.into_iter().any(|k| self.lex.non_goods.contains_folded(self.word(k)))
    }

    fn status(&self, t: usize) -> Status {
        let clause = self.clause(t);
        let mut status = Status::Asserted;
        for k in self.range.clone() {
            let Some(&cue) = self.lex.status.get(self.word(k)) else { continue };
            let counts = cue == Status::Reported || clause.contains(&k);
            if counts && rank(cue) > rank(status) {
                status = cue;
            }
        }
        status
    }
}

fn rank(status: Status) -> u8 {
    match status {
        Status::Asserted => 0,
        Status::Reported => 1,
        Status::Planned => 2,
        Status::Negated => 3,
    }
}

/// The trigger files of both languages, for tests and tools.
pub fn triggers(language: Language) -> &'static [Trigger] {
    &lexicon(language).triggers
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn a_search_within_a_sentence_finds_what_one_over_all_tokens_finds(
            text in "(([A-Z][a-z]{0,6}|[a-z]{1,6})( |, |\\. |\n\n)){0,25}",
            start in 0usize..200,
            sentence in 0usize..12,
        ) {
            let tokens = crate::tokenize::tokenize(&text);
            let sentences = crate::sentences::split(&text, &tokens);
            let expected = tokens.partition_point(|t| t.span.end <= start);
            // Any sentence, the mention's or not, or none.
            proptest::prop_assert_eq!(first_token_of(&tokens, sentences.get(sentence), start), expected);
        }
    }

    #[test]
    fn relation_files_parse() {
        for data in [include_str!("../gazetteers/de/relations.txt"), include_str!("../gazetteers/en/relations.txt")] {
            let triggers = parse_triggers(data).unwrap();
            assert!(triggers.len() >= 4);
            assert!(triggers.len() <= MAX_TRIGGERS, "{} triggers: more than the forms index holds", triggers.len());
            for t in &triggers {
                assert!(t.examples.iter().any(|e| e.positive), "every trigger has a positive example");
                assert!(t.examples.iter().any(|e| !e.positive), "every trigger has a negative example");
            }
        }
    }

    #[test]
    fn the_ending_filter_turns_away_no_trigger() {
        for language in [Language::De, Language::En] {
            let lex = lexicon(language);
            let mut words: Vec<String> = Vec::new();
            for trigger in &lex.triggers {
                for form in trigger.forms.split('|') {
                    let form = fold(form.trim_start_matches('*'));
                    // The form itself, as the end of a compound, and one byte short or long.
                    words.push(format!("waffen{form}"));
                    words.push(format!("{form}s"));
                    words.extend(form.char_indices().map(|(i, _)| form[i..].to_string()));
                    words.extend(form.char_indices().map(|(i, _)| form[..i].to_string()));
                    words.push(form);
                }
                for example in &trigger.examples {
                    words.extend(example.sentence.split(|c: char| !c.is_alphanumeric()).map(fold));
                }
            }
            let mut turned_away = 0;
            for word in &words {
                let classes = lex.forms.classes_of_any_ending(word.as_str().into());
                assert_eq!(lex.forms.classes(word), classes, "{language} {word:?}");
                turned_away += usize::from(classes == 0 && !lex.forms.may_end(word));
            }
            assert!(turned_away > 0, "{language}: the filter turns no word away");
        }
    }

    #[test]
    fn sentences_naming_one_entity_are_scanned_only_before_its_last_mention() {
        let article = include_str!("../examples/articles/kim-putin-de.txt");
        let mut texts: Vec<(&str, Language)> = vec![
            (article, Language::De),
            ("Gespräche mit Putin. Putin kam zu Gesprächen. Die Lieferungen an Moskau und Kiew.", Language::De),
            ("Kim reiste ab. Beim Empfang durch Präsident Putin lachte er. Putin traf sich mit ihm.", Language::De),
            ("Biden met Putin. Talks with Putin. Putin held talks. Arms sales to Moscow were reported.", Language::En),
        ];
        for language in [Language::De, Language::En] {
            for trigger in triggers(language) {
                texts.extend(trigger.examples.iter().map(|e| (e.sentence.as_str(), language)));
            }
        }
        let mut relations = 0;
        for (language, extractor) in [Language::De, Language::En]
            .map(|l| (l, crate::Extractor::builder().language(l).build().expect("default extractor")))
        {
            for &(text, _) in texts.iter().filter(|(_, l)| *l == language) {
                let doc = extractor.extract(text);
                let units = crate::gazetteer::units::Units::new(text, &doc.tokens);
                let keys = KeptKeys::of(units);
                let find_with =
                    |scan| find_scanning(text, &doc.tokens, &doc.sentences, &keys, &doc.entities, language, scan);
                let pruned = find_with(Scan::Pruned);
                assert_eq!(pruned, find_with(Scan::Whole), "{language} {text:?}");
                relations += pruned.len();
            }
        }
        assert!(relations > 10, "only {relations} relations: the comparison shows little");
    }

    #[test]
    fn malformed_trigger_lines_name_their_line() {
        assert!(parse_triggers("trigger\tloves\tverb\tx\t-\t-\n").unwrap_err().starts_with("line 1: unknown relation"));
    }
}

#[cfg(test)]
mod examples {
    use crate::{Document, Extractor, Language};

    fn names_of<'d>(doc: &'d Document<'_>, id: crate::EntityId) -> Vec<&'d str> {
        let Some(e) = doc.entity(id) else { return Vec::new() };
        let mut names: Vec<&str> = e.mentions.iter().map(|m| doc.slice(m.span)).collect();
        names.push(&e.name);
        names
    }

    /// Runs every example sentence of every trigger of both languages.
    #[test]
    fn trigger_examples() {
        let mut failures = Vec::new();
        let mut count = 0;
        for language in [Language::De, Language::En] {
            let extractor = Extractor::builder().language(language).build().expect("default extractor");
            for trigger in super::triggers(language) {
                for example in &trigger.examples {
                    count += 1;
                    let doc = extractor.extract(&example.sentence);
                    let of_kind: Vec<_> = doc.relations.iter().filter(|r| r.kind == trigger.relation).collect();
                    let holds = |a: &str, b: &str| {
                        of_kind.iter().any(|r| {
                            let (s, t) = (names_of(&doc, r.source), names_of(&doc, r.target));
                            (s.contains(&a) && t.contains(&b)) || (s.contains(&b) && t.contains(&a))
                        })
                    };
                    let ok = match (&example.pair, example.positive) {
                        (Some((a, b)), true) => holds(a, b),
                        (Some((a, b)), false) => !holds(a, b),
                        (None, false) => of_kind.is_empty(),
                        (None, true) => false,
                    };
                    if !ok {
                        let found: Vec<String> = of_kind
                            .iter()
                            .map(|r| {
                                format!(
                                    "{} — {}",
                                    names_of(&doc, r.source).join("/"),
                                    names_of(&doc, r.target).join("/")
                                )
                            })
                            .collect();
                        failures.push(format!(
                            "{language} {} {} {:?}: expected {:?}, found {found:?}; entities {:?}",
                            trigger.relation.as_str(),
                            if example.positive { "+" } else { "-" },
                            example.sentence,
                            example.pair,
                            doc.entities.iter().map(|e| (&e.name, e.kind)).collect::<Vec<_>>()
                        ));
                    }
                }
            }
        }
        assert!(count >= 30, "only {count} trigger examples");
        assert!(failures.is_empty(), "{} of {count} trigger examples fail:\n{}", failures.len(), failures.join("\n"));
    }
}
