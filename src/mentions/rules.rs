//! Rules that find names from their context, read from `gazetteers/<lang>/rules.txt`.
//!
//! A rule names a *mechanism* (how the context is read), the kind of entity
//! it finds, and the word list that triggers it. The mechanisms:
//!
//! | mechanism | reads | example |
//! | --- | --- | --- |
//! | `title-before` | a title, then a name | `Kreml-Sprecher Dmitri Peskow` |
//! | `apposition` | a name, a comma, a head word | `Kim Jae-chun, Professor an …`, `Ussurijsk, einer Stadt` |
//! | `first-name` | a known given name, then a surname | `Kirill Kudryavtsev` |
//! | `surname-first` | an East Asian family name, then given names | `Kim Jae-chun` |
//! | `speaker-before` / `speaker-after` | a verb of saying next to a name | `sagte Peskow,`, `Peskow sagte` |
//! | `source-cue` | `laut`, `according to` before a name | `laut Yonhap` |
//! | `credit` | a photo credit after `©` | `© Kirill Kudryavtsev/AFP` |
//! | `head-compound` | a hyphenated word ending in a head noun | `Sogang-Universität` |
//! | `head-before` | a head noun before a place name | `Universität Wien`, `University of Vienna` |
//! | `head-after` | capitalised words before a head noun | `Eastern Economic Forum` |
//! | `cue-before` | a cue noun before the name | `der Sender YTN`, `Kosmodrom Wostotschny` |
//! | `legal-form` | a company's legal form after its name | `Siemens AG` |
//! | `head-for` | an institution's head, a preposition, capitalised words | `Bundesamt für Gesundheit` |
//! | `number-after` | a road's head, then its number | `Bundesstraße 216`, `auf der A 7` |
//! | `preposition` | a preposition before a single unknown name | `in Ussurijsk` |
//! | `prefix-compound` | a compass or position prefix on a listed place | `Nordhessen`, `Oberitaliens` |
//!
//! Every rule carries example sentences (`+` must be found, `-` must not);
//! the test `rule_examples` runs them all.

use crate::model::EntityKind;
use crate::tokenize::{Shape, TokenKind};

use super::{Candidate, Context, Origin, Strength, MAX_NAME_TOKENS};

/// How a rule reads the context.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mechanism {
    TitleBefore,
    Apposition,
    FirstName,
    SurnameFirst,
    SpeakerBefore,
    SpeakerAfter,
    SourceCue,
    Credit,
    HeadCompound,
    HeadBefore,
    HeadAfter,
    CueBefore,
    LegalForm,
    HeadFor,
    NumberAfter,
    Preposition,
    UnknownName,
    Acronym,
    PrefixCompound,
}

impl Mechanism {
    fn from_name(name: &str) -> Option<Mechanism> {
        Some(match name {
            "title-before" => Mechanism::TitleBefore,
            "apposition" => Mechanism::Apposition,
            "first-name" => Mechanism::FirstName,
            "surname-first" => Mechanism::SurnameFirst,
            "speaker-before" => Mechanism::SpeakerBefore,
            "speaker-after" => Mechanism::SpeakerAfter,
            "source-cue" => Mechanism::SourceCue,
            "credit" => Mechanism::Credit,
            "head-compound" => Mechanism::HeadCompound,
            "head-before" => Mechanism::HeadBefore,
            "head-after" => Mechanism::HeadAfter,
            "cue-before" => Mechanism::CueBefore,
            "legal-form" => Mechanism::LegalForm,
            "head-for" => Mechanism::HeadFor,
            "number-after" => Mechanism::NumberAfter,
            "preposition" => Mechanism::Preposition,
            "unknown-name" => Mechanism::UnknownName,
            "acronym" => Mechanism::Acronym,
            "prefix-compound" => Mechanism::PrefixCompound,
            _ => return None,
        })
    }

    /// Rules that only read one neighbouring word are weak: any gazetteer
    /// entry or strong rule overrides them.
    fn strength(self) -> Strength {
        match self {
            Mechanism::SpeakerBefore | Mechanism::SpeakerAfter | Mechanism::SourceCue | Mechanism::Preposition => {
                Strength::Weak
            }
            Mechanism::UnknownName | Mechanism::Acronym => Strength::Guess,
            _ => Strength::Strong,
        }
    }
}

/// The word list a rule is triggered by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum List {
    PersonTitles,
    OrganisationHeads,
    OrganisationCues,
    PlaceCues,
    FirstNames,
    SurnameFirst,
    ReportingVerbs,
    SourceCues,
    LegalForms,
    PlacePrepositions,
    PlaceHeads,
    InstitutionHeads,
    NumberedPlaces,
    AcronymStoplist,
    PlacePrefixes,
    None,
}

impl List {
    fn from_name(name: &str) -> Option<List> {
        Some(match name {
            "person-titles" => List::PersonTitles,
            "organisation-heads" => List::OrganisationHeads,
            "organisation-cues" => List::OrganisationCues,
            "place-cues" => List::PlaceCues,
            "first-names" => List::FirstNames,
            "surname-first" => List::SurnameFirst,
            "reporting-verbs" => List::ReportingVerbs,
            "source-cues" => List::SourceCues,
            "legal-forms" => List::LegalForms,
            "place-prepositions" => List::PlacePrepositions,
            "place-heads" => List::PlaceHeads,
            "institution-heads" => List::InstitutionHeads,
            "numbered-places" => List::NumberedPlaces,
            "acronym-stoplist" => List::AcronymStoplist,
            "place-prefixes" => List::PlacePrefixes,
            "-" => List::None,
            _ => return None,
        })
    }
}

/// An example sentence of a rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Example {
    /// `true` for `+` (the mention must be found), `false` for `-`.
    pub positive: bool,
    pub sentence: String,
    /// The mention text; for negatives empty means no mention of the kind at all.
    pub mention: String,
}

/// One rule of a rules file.
#[derive(Clone, Debug)]
pub struct Rule {
    pub id: String,
    pub mechanism: Mechanism,
    pub kind: EntityKind,
    pub list: List,
    pub examples: Vec<Example>,
}

/// Parses a rules file. Malformed lines are reported with their number.
pub fn parse_rules(data: &str) -> Result<Vec<Rule>, String> {
    let mut rules: Vec<Rule> = Vec::new();
    for (number, line) in data.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let columns: Vec<&str> = line.split('\t').collect();
        let fail = |what: &str| Err(format!("line {}: {what}: {line:?}", number + 1));
        match columns[0] {
            "rule" => {
                let [_, id, mechanism, kind, list] = columns[..] else {
                    return fail("expected rule, id, mechanism, kind, list");
                };
                let Some(mechanism) = Mechanism::from_name(mechanism) else { return fail("unknown mechanism") };
                let Some(kind) = EntityKind::from_name(kind) else { return fail("unknown kind") };
                let Some(list) = List::from_name(list) else { return fail("unknown list") };
                rules.push(Rule { id: id.to_string(), mechanism, kind, list, examples: Vec::new() });
            }
            sign @ ("+" | "-") => {
                let Some(rule) = rules.last_mut() else { return fail("example before any rule") };
                let (sentence, mention) = match columns[..] {
                    [_, sentence, mention] => (sentence, mention),
                    [_, sentence] if sign == "-" => (sentence, ""),
                    _ => return fail("expected sign, sentence, mention"),
                };
                rule.examples.push(Example {
                    positive: sign == "+",
                    sentence: sentence.to_string(),
                    mention: mention.to_string(),
                });
            }
            _ => return fail("a line starts with rule, + or -"),
        }
    }
    Ok(rules)
}

/// What a token must be for a rule to find anything there: most rules
/// fire only at a word of their list, and skipping the other words without
/// a look at their context saves most of a rule's time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gate {
    /// A word of one of these short lists, whole or by its last part (see
    /// [`crate::lexicon::class`]), or with one of the other bits of [`super::gate_bits`].
    Classes(u64),
    Any,
}

impl Rule {
    /// The [`Gate`] of the rule: a necessary condition, at the token a
    /// rule's loop stands on, of every mechanism's first test. The test
    /// `gates_find_what_every_token_finds` runs every rule with and without it.
    fn gate(&self) -> Gate {
        use crate::lexicon::class;
        let list_class = match self.list {
            List::PersonTitles => class::PERSON_TITLE,
            List::OrganisationHeads => class::ORGANISATION_HEAD,
            List::OrganisationCues => class::ORGANISATION_CUE,
            List::PlaceCues => class::PLACE_CUE,
            List::SurnameFirst => class::SURNAME_FIRST,
            List::ReportingVerbs => class::REPORTING_VERB,
            List::PlacePrepositions => class::PLACE_PREPOSITION,
            List::PlaceHeads => class::PLACE_HEAD,
            List::InstitutionHeads => class::INSTITUTION_HEAD,
            List::NumberedPlaces => class::NUMBERED_PLACE,
            List::FirstNames
            | List::SourceCues
            | List::LegalForms
            | List::AcronymStoplist
            | List::PlacePrefixes
            | List::None => 0,
        };
        match self.mechanism {
            Mechanism::TitleBefore
            | Mechanism::SurnameFirst
            | Mechanism::SpeakerBefore
            | Mechanism::HeadCompound
            | Mechanism::HeadBefore
            | Mechanism::HeadAfter
            | Mechanism::CueBefore
            | Mechanism::HeadFor
            | Mechanism::NumberAfter
            | Mechanism::Preposition
                if list_class != 0 =>
            {
                Gate::Classes(u64::from(list_class))
            }
            Mechanism::SourceCue => Gate::Classes(u64::from(crate::lexicon::class::SOURCE_CUE_START)),
            // Each reads a name token at the token first (`name_run`, `is_name_token`).
            Mechanism::FirstName | Mechanism::SpeakerAfter => Gate::Classes(super::NAME_WORD),
            // A person's name may also open with a particle (`van der Bellen`).
            Mechanism::Apposition if self.kind == EntityKind::Person => {
                Gate::Classes(super::NAME_WORD | u64::from(class::NAME_PARTICLE))
            }
            Mechanism::Apposition => Gate::Classes(super::NAME_WORD),
            // A person may also be a listed family name that is also a noun (`Bauer erhielt …`).
            Mechanism::UnknownName if self.kind == EntityKind::Person => {
                Gate::Classes(super::NAME_WORD | super::LISTED_SURNAME)
            }
            // A place needs a place's ending or a word before it that marks a place.
            Mechanism::UnknownName if self.kind == EntityKind::Place => {
                Gate::Classes(u64::from(class::PLACE_SUFFIX) | super::AFTER_PLACE_WORD)
            }
            Mechanism::UnknownName => Gate::Classes(super::NAME_WORD),
            Mechanism::PrefixCompound => Gate::Classes(super::PLACE_PREFIX),
            // An acronym is one word in capitals; a legal form starts with a word of its list.
            Mechanism::Acronym | Mechanism::HeadBefore if self.list == List::AcronymStoplist => {
                Gate::Classes(super::ACRONYM_SHAPE)
            }
            Mechanism::LegalForm => Gate::Classes(u64::from(class::LEGAL_FORM_START)),
            Mechanism::Credit => Gate::Classes(super::COPYRIGHT),
            _ => Gate::Any,
        }
    }

    /// The [`super::gate_bits`] of which a token needs one for the rule to
    /// find anything there; `None` when any token may do.
    pub(crate) fn gate_mask(&self) -> Option<u64> {
        match self.gate() {
            Gate::Classes(classes) => Some(classes),
            Gate::Any => None,
        }
    }

    /// Adds the candidates this rule finds in the context's sentence at the
    /// tokens that pass `mask`: the rule's [`gate_mask`](Self::gate_mask)
    /// (which the caller keeps, as it asks once per sentence), or `None` for
    /// every token.
    pub(crate) fn apply_gated(&self, cx: &Context<'_>, out: &mut Vec<Candidate>, mask: Option<u64>) {
        let lex = cx.lexicon;
        let range = cx.sentence.token_range();
        let origin = Origin::Rule(self.mechanism.strength());
        let mut credits = Vec::new();
        let mut push = |first: usize, end: usize| {
            if first < end {
                out.push(Candidate::tokens(cx, first, end, self.kind, origin));
            }
        };
        if self.mechanism == Mechanism::Apposition {
            self.appositions(cx, mask, &mut push);
            return;
        }
        for t in cx.gated_tokens(mask) {
            match self.mechanism {
                Mechanism::TitleBefore => {
                    if self.triggered(cx, t) {
                        if let Some(end) = cx.name_run(t + 1, self.kind) {
                            push(t + 1, end);
                        }
                    }
                }
                // Read from the commas (see `appositions`).
                Mechanism::Apposition => {}
                Mechanism::FirstName => {
                    // `654 Mio EUR`: a given name after an amount is a unit.
                    if cx.is_name_token(t, EntityKind::Person)
                        && self.triggered(cx, t)
                        && cx.starts_run(t, EntityKind::Person)
                        && !cx.after_amount(t)
                    {
                        if let Some(end) = cx.name_run(t, EntityKind::Person) {
                            if end >= t + 2 {
                                push(t, end);
                            }
                        }
                    }
                }
                Mechanism::SurnameFirst => {
                    if self.triggered(cx, t) && cx.tokens[t].shape == Shape::Capitalised {
                        let mut end = t + 1;
                        while end < range.end && end < t + 3 && cx.is_given_name_shape(end) {
                            end += 1;
                        }
                        if end > t + 1 {
                            push(t, end);
                        }
                    }
                }
                Mechanism::SpeakerBefore => {
                    if self.triggered(cx, t) {
                        if let Some(end) = cx.name_run(t + 1, self.kind) {
                            let plain = (t + 1..end).all(|k| cx.may_be_speaker_word(k));
                            if plain && end <= t + 4 && (end == range.end || cx.is_any_text(end, &[",", ".", ":", ";"]))
                            {
                                push(t + 1, end);
                            }
                        }
                    }
                }
                Mechanism::SpeakerAfter => {
                    let opens_clause =
                        || t == range.start || cx.is_any_text(t - 1, &[",", "“", "”", "\"", "«", "»", ":"]);
                    // The verb ends a name of up to three words: most names have none so close.
                    let verb_after = || (t + 1..=t + 3).any(|k| self.triggered(cx, k));
                    if cx.is_name_token(t, self.kind) && verb_after() && opens_clause() {
                        if let Some(end) = cx.name_run(t, self.kind) {
                            let plain = (t..end).all(|k| cx.may_be_speaker_word(k));
                            if plain && end < range.end && end <= t + 3 && self.triggered(cx, end) {
                                push(t, end);
                            }
                        }
                    }
                }
                Mechanism::SourceCue => {
                    if !cx.may_start_source_cue(t) {
                        continue;
                    }
                    for (cue, needs_comma) in &lex.source_cues {
                        let Some(after) = cx.matches_phrase(t, cue) else { continue };
                        if *needs_comma && !(t > range.start && cx.is_text(t - 1, ",")) {
                            continue;
                        }
                        if let Some(end) = cx.name_run(after, self.kind) {
                            if (after..end).all(|k| !cx.looks_common(k)) {
                                push(after, end);
                            }
                        }
                    }
                }
                Mechanism::Credit => {
                    if cx.is_text(t, "©") {
                        self.credit(cx, t + 1, &mut credits);
                    }
                }
                Mechanism::HeadCompound => {
                    let token = cx.tokens[t];
                    if token.hyphenated && token.shape.is_upper_initial() && self.triggered(cx, t) {
                        let first = cx.units.of_tokens(t, t + 1).start;
                        let first_part = cx.units.units[first].span().slice(cx.text);
                        if !lex.is_noun(first_part) {
                            push(t, t + 1);
                        }
                    }
                }
                Mechanism::HeadBefore => {
                    let head_shape = cx.tokens[t].shape == Shape::Capitalised || self.list == List::AcronymStoplist;
                    // `Hanseatische Bank Hamburg`: a modifier before the head makes it `head-after`'s name.
                    let opens_name = || {
                        t == range.start
                            || match self.kind {
                                EntityKind::Organisation => !cx.is_name_adjective(t - 1),
                                _ => !cx.is_head_modifier(t - 1),
                            }
                    };
                    if head_shape && self.triggered(cx, t) && opens_name() {
                        // A club's abbreviation (a head of the list in capitals) carries its
                        // founding year before the town and its rank before itself:
                        // `SG 01 Höchst`, `1. FC Nürnberg`.
                        let club = self.kind == EntityKind::Organisation
                            && cx.tokens[t].shape == Shape::AllCaps
                            && cx.is_organisation_head(t);
                        let mut k = t + 1;
                        if cx.is_text(k, "of") || (club && cx.is_founding_year(k)) {
                            k += 1;
                        }
                        // An acronym names its town even where no list knows the town,
                        // if the word ends like a town's name: `SK Wißgoldingen`.
                        let town = |e: usize| match cx.gazetteer_kind(e) {
                            Some(kind) => kind == EntityKind::Place,
                            None => {
                                self.list == List::AcronymStoplist
                                    && cx.tokens[e].shape == Shape::Capitalised
                                    && cx.has_place_suffix(e)
                                    && !cx.is_common(e)
                            }
                        };
                        let mut end = k;
                        while end < range.end && end < k + 3 && town(end) {
                            end += 1;
                        }
                        // `TSV Odenhausen/Lahn`: the river or region after a slash tells the town apart.
                        if end > k
                            && end + 1 < range.end
                            && cx.is_text(end, "/")
                            && cx.tokens[end + 1].shape == Shape::Capitalised
                            && !cx.is_common(end + 1)
                        {
                            end += 2;
                        }
                        let first = if club && cx.is_rank_before(t) { t - 2 } else { t };
                        if end > k {
                            push(first, end);
                        }
                    }
                }
                Mechanism::HeadAfter => {
                    // `Österreichische Bundes- und …`: a shortened compound is no head.
                    if cx.tokens[t].shape == Shape::Capitalised
                        && self.triggered(cx, t)
                        && t > range.start
                        && !cx.is_truncated(t)
                    {
                        let english_head = cx.is_english_head(t);
                        // Places take the adjective of a town, which German also uses
                        // as a noun for its people (`Lehrter Bahnhof`, `Berliner Platz`).
                        let modifier = |k: usize| match self.kind {
                            EntityKind::Place => {
                                cx.is_head_modifier(k)
                                    || (cx.is_upper_word(k) && !cx.is_function_word(k) && cx.word(k).ends_with("er"))
                            }
                            _ if english_head => cx.is_english_name_word(k),
                            _ => cx.is_name_adjective(k),
                        };
                        let mut first = t;
                        while first > range.start && first + MAX_NAME_TOKENS > t && modifier(first - 1) {
                            first -= 1;
                        }
                        // A cue before the name only says what the organisation is
                        // (`das Label Sternklang Records`), though English spells it like a name's word.
                        if english_head && first + 1 < t && cx.is_organisation_cue(first) {
                            first += 1;
                        }
                        // A sentence's first word is capitalised whatever it is: alone
                        // before the head it is a name only where it is no word of the language.
                        let sentence_initial = first == range.start;
                        let plain_name =
                            || !cx.is_common(first) && !cx.looks_common(first) && !cx.is_declined_adjective(first);
                        if first < t && (!sentence_initial || t - first >= 2 || plain_name()) {
                            push(first, t + 1);
                        }
                    }
                }
                Mechanism::CueBefore => {
                    let Some(include) = self.cue(cx, t) else { continue };
                    let mut start = t + 1;
                    // `das Magazin „The Face“`: quotes after the cue mark out the whole
                    // name, whatever its words (articles and common nouns too).
                    if self.kind == EntityKind::Organisation && cx.is_any_text(start, &["„", "\"", "«", "»", "“"])
                    {
                        let close = (start + 2..(start + 7).min(range.end)).find(|&k| {
                            cx.is_any_text(k, &["“", "\"", "»", "«", "”"]) || cx.is_any_text(k, &[",", ".", ":"])
                        });
                        if let Some(close) = close {
                            let quoted = !cx.is_any_text(close, &[",", ".", ":"]);
                            if quoted && cx.tokens[start + 1].shape.is_upper_initial() {
                                push(start + 1, close);
                            }
                        }
                        continue;
                    }
                    // `St. Nikolauskapelle`: an abbreviated cue keeps its full stop, and
                    // names a saint, whose name or dedicated building follows even where
                    // the noun list holds it.
                    let abbreviated = include && cx.is_text(start, ".") && cx.is_abbreviation(t);
                    if abbreviated {
                        start += 1;
                    }
                    if cx.is_text(start, "of") {
                        start += 1;
                    }
                    let saint_or_building =
                        || (abbreviated && cx.is_upper_word(start) && !cx.is_function_word(start)).then_some(start + 1);
                    // `Lido di Spina`, `Isola delle Femmine`: a first word of a Romance place name takes its particles.
                    let romance = || {
                        let after =
                            cx.particles_inside_place(start).filter(|_| include && self.kind == EntityKind::Place)?;
                        cx.name_run(after, self.kind).filter(|&end| end <= after + 2)
                    };
                    if let Some(end) = cx.name_run(start, self.kind).or_else(saint_or_building).or_else(romance) {
                        if end <= start + 3 {
                            push(if include { t } else { start }, end);
                        }
                    }
                }
                Mechanism::LegalForm => {
                    if let Some(form_end) = cx.legal_form_at(t) {
                        let mut first = t;
                        while first > range.start && first + MAX_NAME_TOKENS > t && cx.is_company_word(first - 1) {
                            first -= 1;
                        }
                        // A cue before the name only says what the company is
                        // (`Formenbau-Unternehmen Läpple AG`, `die Firma Brenner GmbH`).
                        if first + 1 < t && cx.is_organisation_cue(first) {
                            first += 1;
                        }
                        if first < t {
                            push(first, form_end);
                        }
                    }
                }
                Mechanism::HeadFor => {
                    // [modifiers] HEAD für Name [und Name]: `Deutsches Institut für Wirtschaftsforschung`.
                    // The preposition first: it is the rarer word.
                    if !cx.is_name_preposition(t + 1) || !self.triggered(cx, t) {
                        continue;
                    }
                    let mut end = t + 2;
                    let name_word = |k: usize| cx.is_upper_word(k) && !cx.is_function_word(k);
                    // Lower-case adjectives and `und` inside, each followed by a name word:
                    // `für wirtschaftliche Zusammenarbeit und Entwicklung`.
                    let adjective =
                        |k: usize| cx.is_lower_word(k) && !cx.is_function_word(k) && !cx.is_reporting_verb(k);
                    let joiner = |k: usize| cx.is_any_text(k, &["und", "and", "&"]);
                    while end < range.end && end < t + 2 + 2 * MAX_NAME_TOKENS {
                        if name_word(end) {
                            end += 1;
                        } else if (adjective(end) || (end > t + 2 && joiner(end))) && name_word(end + 1) {
                            end += 2;
                        } else {
                            break;
                        }
                    }
                    if end == t + 2 {
                        continue;
                    }
                    // Capitalised adjectives before the head belong to the name (`Deutsches Institut`).
                    let mut first = t;
                    while first > range.start && first + MAX_NAME_TOKENS > t && cx.is_name_adjective(first - 1) {
                        first -= 1;
                    }
                    push(first, end);
                }
                Mechanism::NumberAfter => {
                    // `Bundesstraße 216`, `auf der A 7`.
                    let number = cx.tokens.get(t + 1).is_some_and(|next| next.kind == TokenKind::Number)
                        && t + 1 < range.end
                        && cx.word(t + 1).bytes().all(|b| b.is_ascii_digit());
                    if !number || !self.triggered(cx, t) || !cx.tokens[t].shape.is_upper_initial() {
                        continue;
                    }
                    let after_article = t > range.start
                        && (cx.is_function_word(t - 1) || cx.in_class(t - 1, crate::lexicon::class::COORDINATOR));
                    if !cx.numbered_place_needs_article(t) || after_article {
                        push(t, t + 2);
                    }
                }
                Mechanism::Preposition => {
                    if self.triggered(cx, t) && cx.tokens[t].shape == Shape::Lower {
                        // `südlich von Modrava`: the direction names its place through `von`.
                        let name = if cx.is_place_preposition_link(t, t + 1) { t + 2 } else { t + 1 };
                        if name < range.end
                            && cx.is_name_token(name, self.kind)
                            && !cx.looks_common(name)
                            && cx.gazetteer_kind(name).is_none()
                            && !cx.is_listed_first_name(name)
                            && !cx.is_name_token(name + 1, self.kind)
                            && !(cx.word(name).ends_with('s') && cx.is_upper_word(name + 1))
                        {
                            push(name, name + 1);
                        }
                    }
                }
                Mechanism::UnknownName => {
                    // A capitalised word that no list knows and that is no noun,
                    // inside a sentence, where German capitals mark nouns and names.
                    // At the start of a sentence only a known given or family name is a guess worth making.
                    // A word some list names is that list's, whatever its context:
                    // the cheapest question first, as most names here are listed.
                    if cx.tokens[t].shape != Shape::Capitalised || cx.gazetteer_kind(t).is_some() {
                        continue;
                    }
                    // `Bauer erhielt sein Abitur`: a family name that is also a noun, opening
                    // a main clause before its verb with no article: the person.
                    if self.kind == EntityKind::Person
                        && cx.opens_verb_second_clause(t)
                        && cx.is_listed_surname(t)
                        && cx.is_common(t)
                        && !cx.is_function_word(t)
                        && !cx.is_title(t)
                    {
                        push(t, t + 1);
                        continue;
                    }
                    let known_name = cx.is_listed_person_word(t);
                    let person = self.kind == EntityKind::Person;
                    let genitive = person && cx.genitive_before_noun(t);
                    // `( Amiiformes )`, `( Abreiten )`: a lone word in brackets is mostly a
                    // gloss, a scientific name or an abbreviation, rarely a person.
                    let punctuation_before_name: &[&str] = if person { &[",", "&"] } else { &[",", "(", "&"] };
                    // `Güllner: Solidarität …`: the speaker of an interview's answer.
                    let speaker = person && t == range.start && cx.is_text(t + 1, ":");
                    let inner = t > range.start && cx.tokens[t - 1].kind != TokenKind::Punctuation
                        || (t > range.start + 1 && cx.is_any_text(t - 1, punctuation_before_name))
                        || speaker
                        || (known_name && !cx.is_common(t))
                        || (person && cx.opens_verb_second_clause(t))
                        || (person && t >= range.start + 2 && cx.is_initial(t - 2))
                        || genitive;
                    // Where a lone word no list names as a person is rather a thing or a unit:
                    // `auf der Basis von Cyhalothrin`, `bei Discount24` (after some prepositions,
                    // unless a name goes on), `121,5 MHz`, `feinstkörniger Magnetit`,
                    // `Sitar, Tabla und Schlagzeug`, `die Uranzonen Tranomaro`.
                    let thing_not_person = || {
                        let weak_before = t > range.start
                            && cx.in_class(t - 1, crate::lexicon::class::WEAK_PERSON_PREPOSITION)
                            && !cx.is_upper_word(t + 1);
                        weak_before
                            || cx.after_amount(t)
                            || cx.after_bare_adjective(t)
                            || cx.listed_with_common_nouns(t)
                            || cx.named_by_a_thing_noun(t)
                    };
                    // The questions most words fail and whose answers are kept
                    // come first: most capitalised words are nouns, and both
                    // rules (person, place) ask of each.
                    if !inner
                        || (person && !known_name && thing_not_person())
                        || (person && cx.ends_name_after_particles(t))
                        || (cx.is_listed(t) && !known_name)
                        || !cx.is_name_token(t, EntityKind::Person)
                        || !cx.starts_run(t, EntityKind::Person)
                        || cx.is_shorter_than_three_chars(t)
                    {
                        continue;
                    }
                    // Compounds with a name in them (`EEF-Panel`) are no names of their own.
                    let plain_compound = || {
                        !cx.tokens[t].hyphenated
                            || cx.tokens[t].parts(cx.text).all(|p| Shape::of(p.slice(cx.text)) == Shape::Capitalised)
                    };
                    // `des Verteilens`, `beim Sparen`: after an article comes a noun;
                    // `am Schwielowsee`, `in der Knoopstraße`: an article before a place ending is no evidence of a noun.
                    // `im englischen Hatfield`, `das aargauische Riniken`: an article and an
                    // adjective of origin or position before an unknown word mark a place, not a noun.
                    let after_place_adjective = || {
                        self.kind == EntityKind::Place
                            && t >= range.start + 2
                            && cx.is_place_adjective(t - 1)
                            && cx.is_determiner(t - 2)
                    };
                    // `nach dem Absingen`: a verb made a noun, its short prefix before a listed noun, is no place.
                    let place_ending = || cx.has_place_suffix(t) && !cx.is_prefixed_noun(t);
                    let after_article = || {
                        cx.after_article(t)
                            && !(self.kind == EntityKind::Place && (place_ending() || after_place_adjective()))
                    };
                    // `Schwer- und Leichtgewicht`: the first half of a shortened compound.
                    if !cx.is_truncated(t) && plain_compound() && !after_article() {
                        // A place ending (`Swisttal`) or a place preposition before it makes the guess a place.
                        let place_cue = self.kind == EntityKind::Place;
                        // `nach Buurmanns Ausscheiden`: the preposition governs the noun, not the genitive.
                        let looks_like_place = cx.has_place_suffix(t)
                            || (t > range.start && cx.is_place_preposition(t - 1) && !genitive)
                            || after_place_adjective();
                        if looks_like_place != place_cue {
                            continue;
                        }
                        if let Some(end) = cx.name_run(t, EntityKind::Person) {
                            // A place ending is evidence enough against a noun at its end (`…hausen`, `Hausen`);
                            // a preposition is not (`aus Kapazitätsgründen`).
                            let end = if place_cue { t + 1 } else { end };
                            let plain = |k: usize| {
                                if place_cue && cx.has_place_suffix(k) {
                                    !cx.is_common(k)
                                } else {
                                    // `arbeitete Hill wieder`: a family name that is an English word, and no German one.
                                    !cx.looks_common(k) || (!place_cue && cx.is_listed_surname(k) && !cx.is_common(k))
                                }
                            };
                            if (t..end).all(|k| plain(k) && cx.gazetteer_kind(k).is_none()) {
                                // `H. Dietz`: an initial before the name belongs to it.
                                let first =
                                    if !place_cue && t >= range.start + 2 && cx.is_initial(t - 2) { t - 2 } else { t };
                                push(first, end);
                            }
                        }
                    }
                }
                Mechanism::PrefixCompound => {
                    if cx.names_part_of_place(t) {
                        push(t, t + 1);
                    }
                }
                Mechanism::Acronym => {
                    // `PMID 17117481`, `DIN 4102`: capitals before a number name a code or a standard.
                    let before_number =
                        cx.tokens.get(t + 1).is_some_and(|next| next.kind == TokenKind::Number && t + 1 < range.end);
                    if !before_number && self.triggered(cx, t) && cx.gazetteer_kind(t).is_none() {
                        push(t, t + 1);
                    }
                }
            }
        }
        out.append(&mut credits);
    }

    /// `NAME , [article] [adjectives] HEAD`: `Kim Jae-chun, Professor an …`,
    /// `Ussurijsk, einer Stadt`. Read from the commas: few are followed by
    /// the rule's head, and a name before one runs from a token after the
    /// comma before it (a name holds no comma), so the names before the
    /// other commas are never read.
    fn appositions(&self, cx: &Context<'_>, mask: Option<u64>, push: &mut impl FnMut(usize, usize)) {
        let mut tokens = cx.gated_tokens(mask).peekable();
        let mut from = cx.sentence.first_token;
        for comma in cx.commas() {
            let head_follows = self.head_after_comma(cx, comma);
            while let Some(t) = tokens.next_if(|&t| t < comma) {
                if !head_follows || t < from || !cx.may_open_name(t, self.kind) || !cx.starts_run(t, self.kind) {
                    continue;
                }
                if cx.name_run(t, self.kind) == Some(comma) {
                    push(t, comma);
                }
            }
            from = comma + 1;
        }
    }

    /// The rule's head after the comma: straight after it (`, Professor an
    /// der …`), or after an article and lower-case adjectives (`, die
    /// südkoreanische Nachrichtenagentur`).
    fn head_after_comma(&self, cx: &Context<'_>, comma: usize) -> bool {
        let mut k = comma + 1;
        if self.triggered(cx, k) {
            return true;
        }
        if !cx.is_lower_word(k) || !cx.is_function_word(k) {
            return false;
        }
        let end = cx.sentence.end_token;
        while k < end && k <= comma + 4 && cx.is_lower_word(k) && !cx.is_reporting_verb(k) {
            k += 1;
        }
        k < end && self.triggered(cx, k)
    }

    fn triggered(&self, cx: &Context<'_>, t: usize) -> bool {
        if t >= cx.sentence.end_token {
            return false;
        }
        match self.list {
            List::PersonTitles => cx.is_title(t),
            List::OrganisationHeads => cx.is_organisation_head(t),
            List::OrganisationCues => cx.is_organisation_cue(t),
            List::PlaceCues => cx.place_cue(t).is_some(),
            List::FirstNames => cx.is_first_name(t),
            List::SurnameFirst => cx.is_surname_first(t),
            List::ReportingVerbs => cx.is_reporting_verb(t),
            List::PlacePrepositions => cx.is_place_preposition(t),
            List::PlaceHeads => cx.is_place_head(t),
            List::InstitutionHeads => cx.is_institution_head(t),
            List::NumberedPlaces => cx.in_class(t, crate::lexicon::class::NUMBERED_PLACE),
            // Triggered by an acronym the stoplist does not name.
            List::AcronymStoplist => {
                // The shape first: it rules out almost every token without reading the word.
                if cx.tokens[t].shape != Shape::AllCaps || cx.tokens[t].hyphenated {
                    return false;
                }
                let word = cx.word(t);
                let letters = word.chars().filter(|c| c.is_alphabetic()).count();
                // Roman numerals (`IV`, `III`) and codes with digits are no organisations.
                let roman = word.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M'));
                letters == word.chars().count()
                    && !roman
                    && cx.tokens[t].shape == Shape::AllCaps
                    && !cx.tokens[t].hyphenated
                    && (2..=6).contains(&letters)
                    && !cx.title_case()
                    && !cx.is_everyday_acronym(t)
                    && !cx.is_function_word(t)
            }
            // Read by the mechanism itself: the prefix is part of the word.
            List::SourceCues | List::LegalForms | List::PlacePrefixes | List::None => false,
        }
    }

    /// A cue word at `t`; `Some(true)` when the cue belongs to the name.
    fn cue(&self, cx: &Context<'_>, t: usize) -> Option<bool> {
        match self.list {
            List::PlaceCues => cx.place_cue(t),
            _ => self.triggered(cx, t).then_some(false),
        }
    }

    /// `© Kirill Kudryavtsev/AFP/Getty Images`: slash-separated credits up to the line's end.
    fn credit(&self, cx: &Context<'_>, start: usize, out: &mut Vec<Candidate>) {
        let end = cx.sentence.end_token;
        let mut first = start;
        while first < end {
            let mut last = first;
            while last < end && !cx.is_text(last, "/") && !cx.line_break_before(last, first) {
                last += 1;
            }
            let names = (first..last).filter(|&k| cx.tokens[k].shape.is_upper_initial()).count();
            let all_words = (first..last).all(|k| cx.tokens[k].kind == TokenKind::Word);
            if all_words && names == last - first && last > first {
                let known = (first..last).any(|k| cx.gazetteer_kind(k).is_some());
                let kind = if last - first >= 2 && !known && cx.tokens[first].shape == Shape::Capitalised {
                    EntityKind::Person
                } else {
                    EntityKind::Organisation
                };
                if kind == self.kind || self.kind == EntityKind::Person {
                    out.push(Candidate::tokens(cx, first, last, kind, Origin::Rule(Strength::Strong)));
                }
            }
            if last < end && cx.line_break_before(last, first) {
                break;
            }
            first = last + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_files_parse() {
        for data in [crate::lexicon::DE.rules, crate::lexicon::EN.rules] {
            let rules = parse_rules(data).unwrap();
            assert!(rules.len() >= 10);
            assert!(rules.iter().all(|r| r.examples.iter().any(|e| e.positive)), "every rule has a positive example");
            assert!(rules.iter().all(|r| r.examples.iter().any(|e| !e.positive)), "every rule has a negative example");
        }
    }

    #[test]
    fn malformed_rules_name_their_line() {
        assert!(parse_rules("rule\tx\tnope\tperson\t-\n").unwrap_err().starts_with("line 1: unknown mechanism"));
        assert!(parse_rules("+\tsentence\tx\n").unwrap_err().contains("before any rule"));
    }
}

#[cfg(test)]
mod examples {
    use crate::{Extractor, Language};

    /// Runs every example sentence of every rule of both languages.
    #[test]
    fn rule_examples() {
        let mut failures = Vec::new();
        let mut count = 0;
        for language in [Language::De, Language::En] {
            let extractor = Extractor::builder().language(language).build().expect("default extractor");
            for rule in super::super::rules_for(language) {
                for example in &rule.examples {
                    count += 1;
                    let doc = extractor.extract(&example.sentence);
                    let of_kind: Vec<&str> = doc
                        .entities
                        .iter()
                        .filter(|e| e.kind == rule.kind)
                        .flat_map(|e| e.mentions.iter().filter(|m| !m.derived).map(|m| doc.slice(m.span)))
                        .collect();
                    let ok = if example.positive {
                        of_kind.contains(&example.mention.as_str())
                    } else if example.mention.is_empty() {
                        of_kind.is_empty()
                    } else {
                        !of_kind.contains(&example.mention.as_str())
                    };
                    if !ok {
                        failures.push(format!(
                            "{language} {} {} {:?}: expected {}{:?}, found {:?}",
                            rule.id,
                            if example.positive { "+" } else { "-" },
                            example.sentence,
                            if example.positive { "" } else { "no " },
                            example.mention,
                            of_kind
                        ));
                    }
                }
            }
        }
        assert!(count >= 60, "only {count} rule examples");
        assert!(failures.is_empty(), "{} of {count} rule examples fail:\n{}", failures.len(), failures.join("\n"));
    }
}
