//! `claimgraph extract`: draft claims from a French or English news article.
//!
//! The article is cut into paragraphs (lines), then into sentences with
//! [`crate::text::sentences`] (Unicode sentence boundaries that do not break
//! after `M.`, `Sen.`, `Dr.` or an initial); sentences are merged back
//! together when a boundary falls inside a quotation, so that a quotation
//! and the clause that attributes it stay in one unit. Short lines with no
//! final punctuation after the title are sub-headings and are skipped.
//! Words are normalised, folded and split at elision with the rules of
//! [`crate::text`], and the language comes from its detector.
//!
//! Each draft is a **speech event**: a speaker mention, a cue, a content
//! span and whether it is a quotation or a paraphrase.
//!
//! - Cues come from the lexicon of [`super::cues`] (data files, both
//!   languages): participles after an auxiliary (`a déclaré`, `a-t-il
//!   ajouté`, `a quant à lui indiqué`), French presents (`, affirme X`, `X
//!   estime que`, `X conteste …`), English forms with or without an
//!   auxiliary (`said`, `has slammed`, `now says`), gerunds (`adding
//!   that`), locutions (`a fait savoir`), and the prepositions `selon X`,
//!   `d'après X`, `according to X` and, opening a sentence, `pour X,`. A
//!   negated cue (`hasn't said whether`, `ne dément pas`) is no speech
//!   event, and neither is a passive (`could be explained`) or a cue inside
//!   another cue's reported clause.
//! - The content is a `que`/`that` clause, an infinitive (`a affirmé ne
//!   s'être « jamais » dopée`), a clause after an audience (`told reporters
//!   …`), an English bare clause (`said the figures were wrong`), a noun
//!   phrase for the verbs that take one (`denied doping`, `conteste la
//!   fiabilité de l'analyse`), or the clause before an inverted cue (`…, a
//!   déclaré le procureur`); it ends before a coordinated cue (`…, adding
//!   that`, `and said`). Quotations that stand on their own (capitalised,
//!   and 8 words or more, or introduced by a colon, or followed by a cue)
//!   become one `quote: true` claim per sentence.
//! - Each cue has a stance. A denial keeps its cue in the claim's text
//!   (`Brauchler denied that …`), so the inference reads it as a denial; see
//!   `claims/README.md`.
//! - The speaker is the name, party alias, title or pronoun in the cue's
//!   subject slot, or in a short apposition or relative clause before it
//!   (`John Brown, the opposition leader, said`); never a name after a
//!   preposition (`sur son compte Instagram`), a dateline (`DENVER —`), a
//!   name that complements a noun (`le parquet de Rennes`) when something
//!   better is there, or the owner in a possessive (`Orchard's rules`).
//!   Titles (`la procureure`, `Me`, `Sen.`) refer back to the person they
//!   introduced, pronouns to the last person of their gender (from titles
//!   and participle agreement in the article) or else the last speaker.
//!   `--party id="Name|alias|alias"` maps names and role nouns
//!   (`prosecutors`, `l'opérateur`) to one party.
//!
//! Sentences with no cue and no quotation are the publication's own voice;
//! they go to a `press` party. Sentences with a quotation mark or a speech
//! verb that gave no speaker's claim are listed in [`Extraction::uncovered`]
//! (and written to [`REVIEW_FILE`]). Every claim records the character
//! offsets of its passage in the article (`locator`), and claims the
//! extractor is unsure of are marked `needs_review`. Pure: text in, claims
//! out; nothing here knows any particular article.

use std::collections::{BTreeMap, BTreeSet};

use unicode_segmentation::UnicodeSegmentation;

use crate::model::{Claim, Language, Locator, Party, Role, Source};

use super::PartySpec;
use super::cues::{CueClass, CueWord, Lexicon, Stance};
use super::scaffold::CaseSkeleton;

/// What `extract` needs besides the article.
#[derive(Debug, Clone, Default)]
pub struct ExtractOptions {
    /// Parties named on the command line; speakers are matched to them by
    /// surname.
    pub parties: Vec<PartySpec>,
    /// The article's language; detected when `None`.
    pub language: Option<Language>,
    /// The case id.
    pub case_id: String,
}

/// The drafted case.
#[derive(Debug, Clone, PartialEq)]
pub struct Extraction {
    /// Metadata, parties and the article as the one source.
    pub skeleton: CaseSkeleton,
    /// The drafted claims, in article order.
    pub claims: Vec<Claim>,
    /// The sentences with a quotation mark or a speech verb that gave no
    /// claim, in article order; written to [`REVIEW_FILE`].
    pub uncovered: Vec<Uncovered>,
}

impl Extraction {
    /// The files of the new case (name, text).
    #[must_use]
    pub fn files(&self) -> Vec<(String, String)> {
        let mut files = self.skeleton.files();
        let claims = crate::model::ClaimFile {
            format: Some(crate::model::FORMAT_V1.to_owned()),
            claims: self.claims.clone(),
            ..crate::model::ClaimFile::default()
        };
        files.push(("claims.json".to_owned(), super::to_json(&claims)));
        if !self.uncovered.is_empty() {
            files.push((REVIEW_FILE.to_owned(), self.review_text()));
        }
        files.sort();
        files
    }
}

impl Extraction {
    /// The text of [`REVIEW_FILE`]: every uncovered sentence with its line
    /// and why it is listed.
    #[must_use]
    pub fn review_text(&self) -> String {
        let mut text = String::from(
            "# Sentences to review\n\nThese sentences of the article hold a quotation mark or a speech verb,\nbut `claimgraph extract` drafted no statement from them. Add the claims\nby hand if they state something (or leave them: the loader reads only\n`*.json` files).\n\n",
        );
        for u in &self.uncovered {
            text.push_str(&format!("- line {}: {} ({})\n", u.line, u.text, u.reason));
        }
        text
    }
}

/// The id of the source every drafted claim points to.
pub const SOURCE_ID: &str = "article";
/// The id of the party for the publication's own voice.
pub const PRESS_ID: &str = "press";
/// The id of the party for speakers that could not be identified.
pub const UNKNOWN_ID: &str = "unattributed";

/// A sentence that holds a quotation mark or a speech cue but gave no
/// draft: `extract` lists them so that nothing disappears silently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uncovered {
    /// The sentence.
    pub text: String,
    /// Character offsets of the sentence in the article.
    pub locator: Locator,
    /// 1-based line of the article.
    pub line: usize,
    /// Why it is listed.
    pub reason: &'static str,
}

/// The name of the side file that lists the [`Uncovered`] sentences.
pub const REVIEW_FILE: &str = "needs-review.md";

/// Drafts the claims of an article.
#[must_use]
pub fn extract(article: &str, options: &ExtractOptions) -> Extraction {
    let language = options.language.unwrap_or_else(|| detect_language(article));
    let units = units(article, language);
    let mut people = People::default();
    let mut roles: Vec<RoleAlias> = Vec::new();
    for spec in &options.parties {
        let key = surname_key(&spec.name);
        let person = people.find_or_add(&key, &spec.name);
        people.list[person].is_person = true;
        people.list[person].party = Some(spec.id.clone());
        for alias in &spec.aliases {
            // "the Commission" and "Célia Télécom" are names; "prosecutors"
            // and "le procureur" are role nouns, matched as phrases.
            let words = alias_words(alias);
            let named = words
                .first()
                .is_some_and(|(raw, _)| raw.chars().next().is_some_and(char::is_uppercase));
            if named {
                let name = words
                    .iter()
                    .map(|(raw, _)| raw.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                let key = surname_key(&name);
                let other = people.find_or_add(&key, &name);
                if people.list[other].party.is_none() {
                    people.list[other].party = Some(spec.id.clone());
                    people.list[other].is_person = true;
                }
            }
            if !words.is_empty() {
                roles.push(RoleAlias {
                    words: words.into_iter().map(|(_, norm)| norm).collect(),
                    person,
                });
            }
        }
    }
    // Pass 1: names, gender evidence, titles and cues of every unit.
    let headline_end = headline_end(article);
    let analyses: Vec<UnitAnalysis> = units
        .iter()
        .map(|unit| {
            let mut analysis = analyse_unit(article, unit, &mut people, &roles);
            // A headline ("… as union accuses retailer of …") summarises
            // the body: what it reports is drafted, for review.
            analysis.headline = unit.end <= headline_end;
            analysis
        })
        .collect();
    // Pass 2: resolve speakers in reading order and draft the claims.
    let mut drafter = Drafter {
        article,
        people,
        mentions: Vec::new(),
        last_speaker: None,
        drafts: Vec::new(),
        uncovered: Vec::new(),
    };
    for analysis in &analyses {
        drafter.draft_unit(analysis);
    }
    drafter.finish(options, language, article)
}

/// The end of the article's headline: its first line when a blank line
/// follows it and it has no final punctuation; else 0.
fn headline_end(article: &str) -> usize {
    let mut offset = 0;
    let mut lines = article.split_inclusive('\n');
    for line in lines.by_ref() {
        offset += line.len();
        if !line.trim().is_empty() {
            break;
        }
    }
    let first = article[..offset].trim();
    let blank_after = lines.next().is_some_and(|l| l.trim().is_empty());
    if blank_after
        && !first.is_empty()
        && !first.ends_with(['.', '!', '?', '»', '”', '"', ':', '…'])
    {
        offset
    } else {
        0
    }
}

/// The words of an alias without a leading determiner (`the`, `le`,
/// `l'`): (as written, folded).
fn alias_words(alias: &str) -> Vec<(String, String)> {
    let mut words: Vec<(String, String)> = Vec::new();
    for piece in alias.split_whitespace() {
        let folded = fold(piece);
        // "l'opérateur": the elided article is a determiner.
        let (raw, norm) = match folded.split_once('\'') {
            Some((head, _)) if is_elided(head) => {
                let cut = piece
                    .char_indices()
                    .find(|(_, c)| crate::text::normalize::is_apostrophe(*c))
                    .map_or(0, |(i, c)| i + c.len_utf8());
                (piece[cut..].to_owned(), fold(&piece[cut..]))
            }
            _ => (piece.to_owned(), folded),
        };
        if words.is_empty() && DETERMINERS.contains(&norm.as_str()) {
            continue;
        }
        if !norm.is_empty() {
            words.push((raw, norm));
        }
    }
    words
}

/// Determiners dropped before a role noun or an alias.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "le", "la", "les", "un", "une", "son", "sa", "ses", "his", "her", "its",
    "their",
];

/// A role noun or organisation name given as a party alias.
#[derive(Debug, Clone)]
struct RoleAlias {
    /// Folded words, determiner dropped.
    words: Vec<String>,
    /// The party's person (its first name on the command line).
    person: usize,
}

/// The article's language from its text, French or English, with the
/// detector of [`crate::text`] (whatlang restricted to the two languages,
/// and a stop-word vote when it is unsure).
#[must_use]
pub fn detect_language(text: &str) -> Language {
    crate::text::Analyzer::new(&crate::config::Config::default()).detect_language(text)
}

// ---------------------------------------------------------------------------
// Segmentation.

/// A unit: one or more sentences of one paragraph, never cut inside a quote.
#[derive(Debug, Clone)]
struct Unit {
    start: usize,
    end: usize,
    quotes: Vec<(usize, usize)>,
}

fn units(article: &str, language: Language) -> Vec<Unit> {
    let mut out = Vec::new();
    let mut offset = 0;
    let mut first_line = true;
    for line in article.split_inclusive('\n') {
        let paragraph_start = offset;
        offset += line.len();
        let text = line.trim_end();
        if text.trim().is_empty() {
            continue;
        }
        // A sub-heading ("Sour Apple", "In his response"): a short line
        // with no final punctuation, after the title. It states nothing
        // and names nobody who speaks.
        let is_title = std::mem::replace(&mut first_line, false);
        if !is_title && is_heading(text) {
            continue;
        }
        let quotes = quote_spans(text, paragraph_start);
        let mut unit_start: Option<usize> = None;
        for (start, end) in crate::text::sentences::sentence_spans(text, language) {
            let (start, end) = (paragraph_start + start, paragraph_start + end);
            let unit_begin = *unit_start.get_or_insert(start);
            let inside_quote = quotes.iter().any(|&(qs, qe)| qs < end && end < qe);
            if inside_quote {
                continue;
            }
            push_unit(article, unit_begin, end, &quotes, &mut out);
            unit_start = None;
        }
        if let Some(begin) = unit_start {
            push_unit(
                article,
                begin,
                paragraph_start + text.len(),
                &quotes,
                &mut out,
            );
        }
    }
    out
}

/// A line of at most six words with no final punctuation.
fn is_heading(line: &str) -> bool {
    let line = line.trim();
    line.split_whitespace().count() <= 6
        && !line.ends_with(['.', '!', '?', '»', '”', '"', ':', '…'])
}

fn push_unit(
    article: &str,
    start: usize,
    end: usize,
    quotes: &[(usize, usize)],
    out: &mut Vec<Unit>,
) {
    let slice = &article[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let (start, end) = (start + lead, start + slice.trim_end().len());
    if start >= end {
        return;
    }
    out.push(Unit {
        start,
        end,
        quotes: quotes
            .iter()
            .copied()
            .filter(|&(qs, qe)| qs >= start && qe <= end)
            .collect(),
    });
}

/// Byte spans (open mark to one past the close mark) of the quotations.
fn quote_spans(text: &str, base: usize) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, c) in text.char_indices() {
        match (open, c) {
            (None, '«') => open = Some((i, '»')),
            (None, '“') => open = Some((i, '”')),
            (None, '"') => open = Some((i, '"')),
            (Some((start, close)), c) if c == close => {
                spans.push((base + start, base + i + c.len_utf8()));
                open = None;
            }
            _ => {}
        }
    }
    spans
}

// ---------------------------------------------------------------------------
// Tokens and lexicons.

#[derive(Debug, Clone)]
struct Token {
    start: usize,
    end: usize,
    /// Lower-cased with diacritics folded.
    norm: String,
    /// Lower-cased, diacritics kept (for participle agreement).
    lower: String,
    word: bool,
    capital: bool,
    in_quote: bool,
    /// A full stop that ends an abbreviation or an initial (`M.`, `Sen.`,
    /// `A.`), not a sentence.
    abbreviation_stop: bool,
    /// Letters, all in capitals (`DENVER`).
    upper: bool,
}

/// True for an elided French clitic (`l'`, `qu'`), with the list of
/// [`crate::text`].
fn is_elided(prefix: &str) -> bool {
    crate::text::tokenize::ELISIONS
        .iter()
        .any(|(clitic, _)| *clitic == prefix)
}

fn fold(text: &str) -> String {
    crate::text::normalize::fold(text)
}

fn tokens(article: &str, unit: &Unit) -> Vec<Token> {
    use crate::text::tokenize::{SegKind, segment};
    let mut out = Vec::new();
    let text = &article[unit.start..unit.end];
    // Word boundaries, elision (`l'enquête`, `qu'il`) and contractions
    // (`Orchard's`, `hasn't`) as the text analysis splits them; the
    // extractor keeps each piece as written, folded.
    let layout = segment(text);
    let parts: Vec<(usize, &str)> = layout
        .segs
        .iter()
        .filter(|seg| !matches!(seg.kind, SegKind::Newline))
        .map(|seg| {
            let start = unit.start + seg.span.start;
            (start, &article[start..unit.start + seg.span.end])
        })
        .collect();
    for (s, p) in parts {
        let in_quote = unit.quotes.iter().any(|&(qs, qe)| qs < s && s < qe);
        let abbreviation_stop = p == "."
            && out.last().is_some_and(|prev: &Token| {
                prev.end == s
                    && prev.word
                    && [Language::Fr, Language::En].iter().any(|&l| {
                        crate::text::sentences::is_abbreviation(&article[prev.start..prev.end], l)
                    })
            });
        out.push(Token {
            abbreviation_stop,
            start: s,
            end: s + p.len(),
            norm: fold(p),
            lower: super::cues::lower(p),
            word: p.chars().any(char::is_alphanumeric),
            capital: p.chars().next().is_some_and(char::is_uppercase),
            upper: p.chars().any(char::is_alphabetic) && !p.chars().any(char::is_lowercase),
            in_quote,
        });
    }
    out
}

const AUXILIARIES: &[&str] = &[
    "a", "ont", "avait", "avaient", "aurait", "auraient", "has", "have", "had",
];

/// Adverbs that may sit between an auxiliary or a subject and a speech
/// verb, or between the verb and its content (`a toutefois admis`, `has
/// always denied`, `a affirmé jeudi`, `conteste par ailleurs`).
const ADVERBS: &[&str] = &[
    "aussi",
    "egalement",
    "deja",
    "toujours",
    "encore",
    "ensuite",
    "enfin",
    "toutefois",
    "cependant",
    "pourtant",
    "neanmoins",
    "notamment",
    "finalement",
    "alors",
    "aujourd'hui",
    "hier",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "fermement",
    "formellement",
    "categoriquement",
    "vigoureusement",
    "publiquement",
    "d'ailleurs",
    "ailleurs",
    "par",
    "also",
    "always",
    "already",
    "again",
    "later",
    "repeatedly",
    "previously",
    "initially",
    "now",
    "then",
    "since",
    "once",
    "publicly",
    "strongly",
    "flatly",
    "firmly",
    "vehemently",
    "categorically",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
];

/// Words that end a speech verb's reach when negated (`hasn't said`,
/// `has not denied`, `ne dément pas`).
fn is_negation(norm: &str) -> bool {
    matches!(norm, "not" | "never" | "n't" | "ne" | "n'" | "jamais") || norm.ends_with("n't")
}

/// Prepositions after which a name is a place, a platform or an object,
/// never the speaker (`sur son compte Instagram`, `in the Aurora theater`).
const PREPOSITIONS: &[&str] = &[
    "sur", "dans", "en", "à", "au", "aux", "depuis", "vers", "via", "chez", "on", "in", "at",
    "from", "into", "onto", "outside", "near", "during", "across", "inside",
];

const COMPLEMENTISERS: &[&str] = &["que", "qu'", "that"];

/// Lower-case words that may join the parts of a name.
const CONNECTORS: &[&str] = &[
    "for", "of", "de", "du", "des", "von", "van", "da", "di", "del",
];

/// Capitalised words that do not start a name.
const NOT_NAMES: &[&str] = &[
    "le",
    "la",
    "les",
    "l'",
    "un",
    "une",
    "des",
    "du",
    "de",
    "d'",
    "il",
    "elle",
    "ils",
    "elles",
    "on",
    "nous",
    "vous",
    "je",
    "j'",
    "selon",
    "mais",
    "et",
    "dans",
    "en",
    "pour",
    "par",
    "sur",
    "avec",
    "ce",
    "cette",
    "ces",
    "c'",
    "son",
    "sa",
    "ses",
    "leur",
    "leurs",
    "lors",
    "apres",
    "avant",
    "quand",
    "si",
    "interroge",
    "interrogee",
    "the",
    "a",
    "an",
    "he",
    "she",
    "they",
    "we",
    "i",
    "it",
    "according",
    "but",
    "and",
    "in",
    "on",
    "for",
    "with",
    "this",
    "that",
    "his",
    "her",
    "their",
    "after",
    "before",
    "when",
    "while",
    "last",
    "as",
    "at",
    "if",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mr",
    "mrs",
    "ms",
    "miss",
    "m",
    "mme",
    "dr",
    "sir",
    "me",
    "sen",
    "rep",
    "d'apres",
    "according",
    "selon",
    "interrogee",
    "from",
    "to",
    "by",
    "at",
    "sous",
    "vers",
    "depuis",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gender {
    Female,
    Male,
}

fn pronoun_gender(norm: &str) -> Option<Gender> {
    match norm {
        "elle" | "she" => Some(Gender::Female),
        "il" | "he" | "lui" => Some(Gender::Male),
        _ => None,
    }
}

/// One entry of the title list (`data/titles.txt`).
#[derive(Debug, Clone, Copy)]
struct TitleEntry {
    /// The masculine or neutral form: one role, whatever the gender.
    key: &'static str,
    gender: Option<Gender>,
    /// Also an ordinary capitalised word (`General Motors`): a title only
    /// before a name of two words or more.
    weak: bool,
}

const TITLES: &str = include_str!("data/titles.txt");

/// The title list, parsed once: folded form → entry.
fn titles() -> &'static BTreeMap<&'static str, TitleEntry> {
    static LIST: std::sync::OnceLock<BTreeMap<&'static str, TitleEntry>> =
        std::sync::OnceLock::new();
    LIST.get_or_init(|| {
        let mut list = BTreeMap::new();
        for line in TITLES.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut fields = line.split_whitespace();
            let (Some(form), Some(key)) = (fields.next(), fields.next()) else {
                continue;
            };
            let mut entry = TitleEntry {
                key,
                gender: None,
                weak: false,
            };
            for flag in fields {
                match flag {
                    "f" => entry.gender = Some(Gender::Female),
                    "m" => entry.gender = Some(Gender::Male),
                    "weak" => entry.weak = true,
                    _ => {}
                }
            }
            list.entry(form).or_insert(entry);
        }
        list
    })
}

/// A title: its key (masculine form) and the gender its form shows.
fn title(norm: &str) -> Option<(&'static str, Option<Gender>)> {
    titles().get(norm).map(|e| (e.key, e.gender))
}

/// A title that is never an ordinary capitalised word.
fn strong_title(norm: &str) -> bool {
    titles().get(norm).is_some_and(|e| !e.weak)
}

fn is_punct(token: &Token, marks: &[&str]) -> bool {
    !token.word && marks.iter().any(|m| token.norm == *m)
}

fn is_clause_break(token: &Token) -> bool {
    !token.word
        && matches!(
            token.norm.as_str(),
            "," | ":" | ";" | "«" | "»" | "“" | "”" | "\"" | "(" | ")" | "–" | "—"
        )
}

// ---------------------------------------------------------------------------
// People.

#[derive(Debug, Clone, Default)]
struct Person {
    /// The longest form of the name seen.
    name: String,
    key: String,
    female: i32,
    male: i32,
    titles: BTreeSet<&'static str>,
    is_person: bool,
    party: Option<String>,
    /// Every way the article writes the name (`Pavel Durov`, `Dourov`).
    forms: BTreeSet<String>,
}

impl Person {
    fn gender(&self) -> Option<Gender> {
        match self.female.cmp(&self.male) {
            std::cmp::Ordering::Greater => Some(Gender::Female),
            std::cmp::Ordering::Less => Some(Gender::Male),
            std::cmp::Ordering::Equal => None,
        }
    }
}

#[derive(Debug, Clone, Default)]
struct People {
    list: Vec<Person>,
}

/// The key a person is found by: the last word of the name that is not a
/// suffix (`Jr.`) or an initial, folded (`Gény-Santoni` → `santoni`, as
/// the word segmentation of the article sees it).
fn surname_key(name: &str) -> String {
    let words: Vec<&str> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    fn keyable(w: &str) -> bool {
        w.chars().count() > 1 && !matches!(fold(w).as_str(), "jr" | "sr" | "ii" | "iii" | "iv")
    }
    // The last capitalised word ("Agence régionale de santé" → agence),
    // else the last word.
    words
        .iter()
        .rev()
        .find(|w| keyable(w) && w.chars().next().is_some_and(char::is_uppercase))
        .or_else(|| words.iter().rev().find(|w| keyable(w)))
        .or(words.last())
        .map(|w| fold(w))
        .unwrap_or_default()
}

impl People {
    fn find(&self, key: &str) -> Option<usize> {
        self.list.iter().position(|p| p.key == key).or_else(|| {
            // Spelling variants of one surname (Durov, Dourov).
            let skeleton = crate::text::normalize::skeleton(key);
            self.list.iter().position(|p| {
                key.len() >= 4
                    && p.key.len() >= 4
                    && (strsim::jaro_winkler(&p.key, key) >= 0.9
                        || strsim::jaro_winkler(
                            &crate::text::normalize::skeleton(&p.key),
                            &skeleton,
                        ) >= 0.9)
            })
        })
    }

    fn find_or_add(&mut self, key: &str, name: &str) -> usize {
        if let Some(i) = self.find(key) {
            self.list[i].forms.insert(name.to_owned());
            if name.chars().count() > self.list[i].name.chars().count() {
                self.list[i].name = name.to_owned();
            }
            return i;
        }
        self.list.push(Person {
            name: name.to_owned(),
            key: key.to_owned(),
            forms: BTreeSet::from([name.to_owned()]),
            ..Person::default()
        });
        self.list.len() - 1
    }
}

// ---------------------------------------------------------------------------
// Pass 1: one unit.

/// A run of capitalised words: token range.
#[derive(Debug, Clone, Copy)]
struct NameRun {
    first: usize,
    last: usize,
    person: usize,
}

#[derive(Debug, Clone)]
enum Subject {
    Name(usize),
    /// A party alias (a role noun such as `le procureur`): the party's
    /// person, and the alias as the article writes it.
    Party(usize, String),
    /// A name that complements a noun (`le parquet de Rennes`).
    Complement(usize),
    Pronoun(Gender),
    Title(&'static str, String),
    /// The nearest person named before this token in the unit.
    Preceding,
    /// A source named by a phrase that is no person, party or title (`the
    /// shipping association`): unattributed, shown as written.
    Phrase(String),
    None,
}

#[derive(Debug, Clone)]
struct Cue {
    /// Token index of the cue word.
    at: usize,
    subject: Subject,
    /// Byte span of the reported clause, if any.
    content: Option<(usize, usize)>,
    /// True when the clause runs into a quotation and was cut there.
    cut: bool,
    /// What the speaker does with the content.
    stance: Stance,
    /// Token where a denial's text starts: its subject when it is in the
    /// cue's clause, else its auxiliary or the cue itself.
    from: usize,
    /// True when the content follows the cue (the reported clause), false
    /// when it precedes it (the speaker's own words, `« … », a-t-il dit`).
    content_follows: bool,
    /// The role noun and party alias in an apposition beside the named
    /// subject (`Tom Baxter, the lawyer for the contractors, denied`).
    apposed: Vec<Subject>,
    /// The named subject's byte span when it stands outside the cue's
    /// clause, so that a denial's text can name its speaker.
    named: Option<(usize, usize)>,
    /// The content is a noun phrase (`slammed the offer`, `dénonce « un
    /// dossier monté »`): it says something only with its cue, which the
    /// draft keeps, as a denial does.
    object: bool,
}

impl Cue {
    /// The cue at token `at` of a verb that reports the clause after it
    /// (`found that …`, `X estime que …`), said by the subject `found`.
    fn of_clause(at: usize, found: Found, stance: Stance, content: (usize, usize)) -> Cue {
        Cue {
            at,
            subject: found.subject,
            content: Some(content),
            cut: false,
            stance,
            from: found.from,
            content_follows: true,
            apposed: found.apposed,
            named: found.named,
            object: false,
        }
    }
}

#[derive(Debug, Clone)]
struct UnitAnalysis {
    unit: Unit,
    tokens: Vec<Token>,
    names: Vec<NameRun>,
    /// Party aliases found in the unit.
    roles: Vec<NameRun>,
    cues: Vec<Cue>,
    /// Quotes that stand on their own.
    standalone: Vec<(usize, usize)>,
    /// The article's headline: its drafts need review.
    headline: bool,
}

fn analyse_unit(
    article: &str,
    unit: &Unit,
    people: &mut People,
    roles: &[RoleAlias],
) -> UnitAnalysis {
    let tokens = tokens(article, unit);
    let names = name_runs(article, &tokens, people);
    gender_evidence(&tokens, &names, people);
    let role_runs = role_runs(&tokens, roles);
    let slots = Slots {
        article,
        people,
        tokens: &tokens,
        names: &names,
        roles: &role_runs,
    };
    let cues = cues(&slots);
    for cue in &cues {
        if let Subject::Name(person) = cue.subject {
            people.list[person].is_person = true;
            // "Tom Baxter, the lawyer for the contractors, denied …",
            // "Halvorsen's lawyer, Mark D. Feldman, …": the named speaker
            // speaks for the side of the apposition, and holds its title.
            for apposed in &cue.apposed {
                match apposed {
                    Subject::Party(side, _) | Subject::Complement(side)
                        if people.list[person].party.is_none() && *side != person =>
                    {
                        people.list[person].party = people.list[*side].party.clone();
                    }
                    Subject::Title(key, shown) => {
                        let gender = shown
                            .split_whitespace()
                            .last()
                            .and_then(|w| title(&fold(w)))
                            .and_then(|(_, g)| g);
                        let holder = &mut people.list[person];
                        holder.titles.insert(key);
                        match gender {
                            Some(Gender::Female) => holder.female += 2,
                            Some(Gender::Male) => holder.male += 2,
                            None => {}
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    let standalone = unit
        .quotes
        .iter()
        .copied()
        .filter(|&q| is_standalone(article, &tokens, &cues, q))
        .collect();
    let mut analysis = UnitAnalysis {
        unit: unit.clone(),
        tokens,
        names,
        roles: role_runs,
        cues,
        standalone,
        headline: false,
    };
    trim_contents(article, &mut analysis);
    analysis
}

fn name_runs(article: &str, tokens: &[Token], people: &mut People) -> Vec<NameRun> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let starts = t.word
            && t.capital
            && !t.in_quote
            && !NOT_NAMES.contains(&t.norm.as_str())
            && !strong_title(&t.norm);
        if !starts {
            i += 1;
            continue;
        }
        let mut last = i;
        while last + 1 < tokens.len() {
            let next = &tokens[last + 1];
            let joined = next.start == tokens[last].end
                || article[tokens[last].end..next.start].trim().is_empty();
            let glued_to_next = |k: usize| {
                tokens.get(k + 1).is_some_and(|after| {
                    after.word
                        && after.capital
                        && !after.in_quote
                        && after.start == tokens[k].end
                        && tokens[k].start == tokens[k - 1].end
                })
            };
            let spaced_capital = |k: usize| {
                tokens.get(k + 1).is_some_and(|after| {
                    after.word
                        && after.capital
                        && !after.in_quote
                        && article[tokens[k].end..after.start].trim().is_empty()
                })
            };
            if next.word
                && next.capital
                && !next.in_quote
                && joined
                && !NOT_NAMES.contains(&next.norm.as_str())
            {
                last += 1;
            } else if !next.word
                && matches!(next.norm.as_str(), "-" | "‐")
                && glued_to_next(last + 1)
            {
                // "So-Ah Boyadjian", "Jean-Marc Vallat", "SNEP-FO".
                last += 2;
            } else if next.word
                && next.capital
                && next.norm.chars().count() == 1
                && tokens
                    .get(last + 2)
                    .is_some_and(|stop| stop.norm == "." && stop.start == next.end)
                && spaced_capital(last + 2)
            {
                // An initial that is also a word ("Carlos A. Samour").
                last += 3;
            } else if next.norm == "."
                && next.start == tokens[last].end
                && tokens[last].norm.chars().count() == 1
                && spaced_capital(last + 1)
            {
                // An initial: "Dale A. Whitcomb", "Carlos A. Samour Jr.".
                last += 2;
            } else if CONNECTORS.contains(&next.norm.as_str())
                && tokens
                    .get(last + 2)
                    .is_some_and(|after| after.word && after.capital && !after.in_quote)
            {
                // "Office for National Statistics".
                last += 2;
            } else {
                break;
            }
        }
        // "Prime Minister Rishi Sunak", "Cal Fire Chief Marisa Duarte": the
        // name starts after the last title, which is never an initial
        // ("Carla M. Reyes") and, when it is also an ordinary word, is
        // followed by two words of the name ("General Motors" stays whole).
        let is_title_at = |k: usize| {
            let initial = k > i
                && tokens[k].norm.chars().count() == 1
                && tokens
                    .get(k + 1)
                    .is_some_and(|stop| stop.norm == "." && stop.start == tokens[k].end);
            let words_after = tokens[k + 1..=last].iter().filter(|t| t.word).count();
            !initial
                && titles()
                    .get(tokens[k].norm.as_str())
                    .is_some_and(|e| !e.weak || words_after >= 2)
        };
        let start = match (i..last).rev().find(|&k| is_title_at(k)) {
            Some(k) => k + 1,
            None => i,
        };
        // "la procureure de Paris Laure Beccuau": the first word is the
        // title's complement, not part of the name.
        let first = if last >= start + 2
            && start >= 2
            && matches!(tokens[start - 1].norm.as_str(), "de" | "du" | "of")
            && title(&tokens[start - 2].norm).is_some()
        {
            start + 1
        } else {
            start
        };
        // A dateline ("DENVER —") names a place.
        let dateline = first == 0
            && tokens[first..=last]
                .iter()
                .all(|t| !t.word || !t.lower.chars().any(char::is_lowercase))
            && tokens
                .get(last + 1)
                .is_some_and(|t| matches!(t.norm.as_str(), "—" | "–" | "-"));
        if dateline {
            i = last + 1;
            continue;
        }
        let name = &article[tokens[first].start..tokens[last].end];
        // The surname is the last word that is not a suffix or an initial.
        let key_token = (first..=last)
            .rev()
            .find(|&k| {
                tokens[k].word
                    && tokens[k].norm.chars().count() > 1
                    && !matches!(tokens[k].norm.as_str(), "jr" | "sr" | "ii" | "iii" | "iv")
            })
            .unwrap_or(last);
        let key = fold(&tokens[key_token].lower);
        let person = people.find_or_add(&key, name);
        runs.push(NameRun {
            first,
            last,
            person,
        });
        i = last + 1;
    }
    runs
}

fn gender_evidence(tokens: &[Token], names: &[NameRun], people: &mut People) {
    for run in names {
        // A title just before the name, possibly with a complement:
        // "la procureure de Paris Laure Beccuau", "Mrs Smith".
        let mut j = run.first;
        let mut steps = 0;
        while j > 0 && steps < 4 {
            j -= 1;
            steps += 1;
            let t = &tokens[j];
            if let Some((key, gender)) = title(&t.norm) {
                let gender = gender.or_else(|| {
                    j.checked_sub(1)
                        .and_then(|k| match tokens[k].norm.as_str() {
                            "la" => Some(Gender::Female),
                            "le" => Some(Gender::Male),
                            _ => None,
                        })
                });
                // "La procureure de Rennes, Anne-Laure Daniel": the title's
                // complement is a place; the title is the apposition's.
                let complement_only = tokens[j + 1..run.first]
                    .iter()
                    .any(|t| matches!(t.norm.as_str(), "de" | "du" | "d'" | "des" | "of"))
                    && tokens.get(run.last + 1).is_some_and(|t| t.norm == ",");
                let holder = if complement_only {
                    match names.iter().find(|r| r.first == run.last + 2) {
                        Some(next) => next.person,
                        None => break,
                    }
                } else {
                    run.person
                };
                let person = &mut people.list[holder];
                person.titles.insert(key);
                person.is_person = true;
                match gender {
                    Some(Gender::Female) => person.female += 2,
                    Some(Gender::Male) => person.male += 2,
                    None => {}
                }
                break;
            }
            let complement = t.word
                && (t.capital
                    || matches!(
                        t.norm.as_str(),
                        "de" | "du" | "d'" | "des" | "of" | "the" | "."
                    ));
            if !complement && t.norm != "." {
                break;
            }
        }
        // Participle agreement: "Durov a été arrêté", "Beccuau s'est exprimée".
        let after: Vec<&Token> = tokens[run.last + 1..].iter().take(4).collect();
        let norms: Vec<&str> = after.iter().map(|t| t.norm.as_str()).collect();
        let participle = match norms.as_slice() {
            ["a", "ete", ..] | ["avait", "ete", ..] | ["s'", "est", ..] | ["s'", "etait", ..] => {
                after.get(2)
            }
            ["est", ..] | ["etait", ..] => after.get(1),
            _ => None,
        };
        if let Some(word) = participle {
            let w = word.lower.as_str();
            let person = &mut people.list[run.person];
            if w.ends_with("ée") || w.ends_with("ées") {
                person.female += 1;
            } else if w.ends_with('é') || w.ends_with("és") {
                person.male += 1;
            }
        }
    }
}

/// The token slots of a unit that can hold a speaker.
struct Slots<'a> {
    article: &'a str,
    people: &'a People,
    tokens: &'a [Token],
    names: &'a [NameRun],
    /// Party aliases found in the unit (a role noun's `person` is its
    /// party's person).
    roles: &'a [NameRun],
}

/// Where the party aliases (`prosecutors`, `le procureur`, `the
/// company`) occur in a unit.
fn role_runs(tokens: &[Token], roles: &[RoleAlias]) -> Vec<NameRun> {
    let mut out = Vec::new();
    for first in 0..tokens.len() {
        if tokens[first].in_quote || !tokens[first].word {
            continue;
        }
        // The longest alias that starts here.
        let found = roles
            .iter()
            .filter(|role| {
                role.words.iter().enumerate().all(|(k, w)| {
                    tokens
                        .get(first + k)
                        .is_some_and(|t| !t.in_quote && t.norm == *w)
                })
            })
            .max_by_key(|role| role.words.len());
        if let Some(role) = found {
            let last = first + role.words.len() - 1;
            if out.last().is_none_or(|prev: &NameRun| prev.last < first) {
                out.push(NameRun {
                    first,
                    last,
                    person: role.person,
                });
            }
        }
    }
    out
}

impl Subject {
    fn is_none(&self) -> bool {
        matches!(self, Subject::None)
    }
}

impl Slots<'_> {
    /// True when a name at `first` is the object of a preposition (`sur
    /// son compte Instagram`, `in the Aurora Heights theater`): a place or
    /// a platform, not a speaker.
    fn after_preposition(&self, first: usize) -> bool {
        let mut k = first;
        for _ in 0..3 {
            if k == 0 {
                return false;
            }
            k -= 1;
            let t = &self.tokens[k];
            if !t.word {
                return false;
            }
            if PREPOSITIONS.contains(&t.lower.as_str()) {
                return true;
            }
            let skippable = DETERMINERS.contains(&t.norm.as_str())
                || matches!(t.norm.as_str(), "l'" | "d'" | "compte" | "account" | "site");
            if !skippable {
                return false;
            }
        }
        false
    }

    /// The name, party alias, title or pronoun in tokens `from..to`: the
    /// last one found when `prefer_last`, else the first. A name beats a
    /// party alias, which beats a title, which beats a pronoun; names after
    /// a preposition are skipped unless `allow_objects` (`selon X`).
    fn subject_in(
        &self,
        from: usize,
        to: usize,
        prefer_last: bool,
        allow_objects: bool,
    ) -> Subject {
        let mut found = Subject::None;
        let rank = |s: &Subject| match s {
            Subject::Name(_) => 5,
            Subject::Party(..) => 4,
            Subject::Title(..) => 3,
            Subject::Complement(_) => 2,
            Subject::Pronoun(_) => 1,
            _ => 0,
        };
        let to = to.min(self.tokens.len());
        let indices: Vec<usize> = if prefer_last {
            (from..to).collect()
        } else {
            (from..to).rev().collect()
        };
        for i in indices {
            let t = &self.tokens[i];
            let candidate =
                if let Some(run) = self.roles.iter().find(|r| r.first <= i && i <= r.last) {
                    // An alias that is also a name run ("Prosecutors" at the
                    // start of a sentence) is the alias.
                    let shown_from = run
                        .first
                        .checked_sub(1)
                        .filter(|&k| DETERMINERS.contains(&self.tokens[k].norm.as_str()))
                        .unwrap_or(run.first);
                    Subject::Party(
                        run.person,
                        self.article[self.tokens[shown_from].start..self.tokens[run.last].end]
                            .to_owned(),
                    )
                } else if let Some(run) = self.names.iter().find(|r| r.first <= i && i <= r.last) {
                    if !allow_objects && self.after_preposition(run.first) {
                        continue;
                    }
                    // "le parquet de Rennes", "the mayor of Denver": a name
                    // that complements a noun is a place or an organisation,
                    // weaker than the noun, unless it names a party.
                    let complement = run.first > 0
                        && matches!(
                            self.tokens[run.first - 1].norm.as_str(),
                            "de" | "du" | "des" | "d'" | "of"
                        );
                    if complement && self.people.list[run.person].party.is_none() {
                        Subject::Complement(run.person)
                    } else {
                        Subject::Name(run.person)
                    }
                } else if let Some(gender) = pronoun_gender(&t.norm).filter(|_| t.word) {
                    Subject::Pronoun(gender)
                } else if let Some((key, _)) = title(&t.norm).filter(|_| {
                    // A role noun speaks with a determiner ("the researcher",
                    // "l'avocate", "son avocat"); a title without one only
                    // when capitalised ("Me", never the pronoun "me", nor "au
                    // col de …"), and an ordinary word never alone.
                    // ("a court spokesman", "the company's lawyer").
                    let is_determiner = |k: usize| {
                        DETERMINERS.contains(&self.tokens[k].norm.as_str())
                            || matches!(self.tokens[k].norm.as_str(), "l'" | "leur" | "this" | "'s")
                    };
                    let determined = (i > 0 && is_determiner(i - 1))
                        || (i > 1 && self.tokens[i - 1].word && is_determiner(i - 2));
                    determined || (t.capital && strong_title(&t.norm))
                }) {
                    let shown_from = i.saturating_sub(1);
                    let shown_from = if matches!(
                        self.tokens[shown_from].norm.as_str(),
                        "le" | "la" | "l'" | "the" | "a"
                    ) {
                        shown_from
                    } else {
                        i
                    };
                    Subject::Title(
                        key,
                        self.tokens[shown_from..=i]
                            .iter()
                            .map(|t| t.lower.as_str())
                            .collect::<Vec<_>>()
                            .join(" "),
                    )
                } else {
                    continue;
                };
            if rank(&candidate) >= rank(&found) {
                found = candidate;
            }
        }
        found
    }

    /// The subject of a verb whose auxiliary (or itself) is at `aux`: in
    /// the clause before it (`Beccuau a déclaré`), else in a short
    /// apposition or relative clause before that (`John Brown, the
    /// opposition leader, said`, `Dr Castellano, who led the team,
    /// said`). A name beats the role noun of its apposition (`Me So-Ah
    /// Boyadjian, l'avocate du club, a démenti`), and the role noun or
    /// party alias is kept as the apposition (`A spokeswoman for the
    /// council, Mia Torres, rejected`).
    fn subject_before(&self, aux: usize) -> Found {
        let tokens = self.tokens;
        let start = clause_start(tokens, aux);
        // "Workers walk out as union accuses …": a verb after a
        // subordinating conjunction has its subject after it.
        let subordinate = (start..aux)
            .rev()
            .find(|&k| {
                tokens[k].word
                    && matches!(
                        tokens[k].norm.as_str(),
                        "as" | "after"
                            | "because"
                            | "while"
                            | "when"
                            | "although"
                            | "though"
                            | "whereas"
                            | "until"
                            | "lorsque"
                            | "lorsqu'"
                            | "quand"
                            | "puisque"
                            | "puisqu'"
                            | "car"
                            | "tandis"
                            | "comme"
                    )
            })
            .map(|k| k + 1);
        if let Some(after) = subordinate {
            let direct = self.subject_in(after, aux, true, false);
            if !direct.is_none() {
                return Found {
                    subject: direct,
                    from: after,
                    apposed: Vec::new(),
                    named: None,
                };
            }
        }
        let direct = self.subject_in(start, aux, true, false);
        if !matches!(direct, Subject::None) {
            let apposed = match direct {
                Subject::Name(_) if self.only_a_name(start, aux) => self.apposition_before(start),
                _ => Vec::new(),
            };
            return Found {
                subject: direct,
                from: start,
                apposed,
                named: None,
            };
        }
        // "Les éleveurs ont affirmé", "Some residents said": a noun
        // phrase that names no person, party or title is still the
        // subject; the draft is unattributed under it, never given to the
        // last speaker.
        let determiner = tokens.get(start).is_some_and(|t| {
            matches!(
                t.norm.as_str(),
                "le" | "la"
                    | "les"
                    | "l'"
                    | "des"
                    | "un"
                    | "une"
                    | "the"
                    | "some"
                    | "many"
                    | "several"
                    | "plusieurs"
                    | "certains"
                    | "certaines"
                    | "de"
                    | "d'"
            )
        });
        if determiner && start < aux && aux - start <= 5 {
            let nouns = tokens[start..aux].iter().all(|t| t.word && !t.in_quote);
            if nouns {
                return Found {
                    subject: Subject::Phrase(article_slice(self.article, &tokens[start..aux])),
                    from: start,
                    apposed: Vec::new(),
                    named: None,
                };
            }
        }
        let mut end = start;
        for step in 0..3 {
            if end < 2 || tokens[end - 1].norm != "," {
                break;
            }
            let outer = clause_start(tokens, end - 1);
            // "La ville ne financera pas le stade, a déclaré la maire": a
            // clause that opens the sentence right before the verb is what
            // is said, not an apposition of its subject.
            if step == 0 && start == aux && (outer == 0 || outer == body_start(tokens)) {
                break;
            }
            let relative = tokens.get(outer).is_some_and(|t| {
                matches!(
                    t.norm.as_str(),
                    "who" | "which" | "qui" | "dont" | "age" | "agee" | "aged"
                )
            });
            let limit = if relative { 16 } else { 8 };
            if end - 1 - outer > limit {
                break;
            }
            let found = self.subject_in(outer, end - 1, true, false);
            if matches!(found, Subject::None) {
                end = outer;
                continue;
            }
            let role = matches!(
                found,
                Subject::Title(..) | Subject::Party(..) | Subject::Complement(_)
            );
            if role && !relative {
                if let Some(run) = self.name_before_comma(outer) {
                    return Found {
                        subject: Subject::Name(run.person),
                        from: aux,
                        apposed: self.apposition_in(outer, end - 1),
                        named: Some((tokens[run.first].start, tokens[run.last].end)),
                    };
                }
            }
            let (apposed, named) = match found {
                Subject::Name(person) | Subject::Party(person, _) => {
                    let run = self
                        .names
                        .iter()
                        .chain(self.roles)
                        .rfind(|r| r.person == person && r.first >= outer && r.last < end);
                    let apposed = if self.only_a_name(outer, end - 1) {
                        self.apposition_before(outer)
                    } else {
                        Vec::new()
                    };
                    // "The union, which represents …, has called": the
                    // alias with its determiner.
                    let shown_first = |r: &NameRun| {
                        r.first
                            .checked_sub(1)
                            .filter(|&k| DETERMINERS.contains(&tokens[k].norm.as_str()))
                            .unwrap_or(r.first)
                    };
                    (
                        apposed,
                        run.map(|r| (tokens[shown_first(r)].start, tokens[r.last].end)),
                    )
                }
                _ => (Vec::new(), None),
            };
            return Found {
                subject: found,
                from: aux,
                apposed,
                named,
            };
        }
        Found {
            subject: Subject::None,
            from: aux,
            apposed: Vec::new(),
            named: None,
        }
    }

    /// The subject after an inverted cue, in the clause that starts at
    /// `from` (`…, a déclaré le procureur`): the first one found; a name in
    /// the apposition that follows beats a role noun (`…, a déclaré lundi
    /// la maire, Mme Claire Duval`), and a role noun after a name is its
    /// apposition (`…, said Linda Osei, the mayor`).
    fn inverted_subject(&self, from: usize) -> (Subject, Option<Subject>) {
        // The subject starts right after the verb and its adverbs (a
        // title, a name, a pronoun or a party alias within three words):
        // in ", conteste les chiffres du club", "le club" is the object's.
        let k = skip_adverbs(self.tokens, from);
        let starts_here = self
            .tokens
            .iter()
            .enumerate()
            .skip(k)
            .take(3)
            .any(|(j, t)| {
                t.word
                    && (title(&t.norm).is_some()
                        || (t.capital && !t.in_quote)
                        || pronoun_gender(&t.norm).is_some()
                        || self.roles.iter().any(|r| r.first == j))
            });
        if !starts_here {
            return (Subject::None, None);
        }
        let end = clause_end(self.tokens, from);
        let first = self.subject_in(from, end, false, false);
        if first.is_none() || self.tokens.get(end).is_none_or(|t| t.norm != ",") {
            return (first, None);
        }
        let next_end = clause_end(self.tokens, end + 1);
        if next_end - end > 7 {
            return (first, None);
        }
        let next = self.subject_in(end + 1, next_end, false, false);
        match (first, next) {
            (
                role @ (Subject::Title(..) | Subject::Complement(_)),
                named @ (Subject::Name(_) | Subject::Party(..)),
            ) => (named, Some(role)),
            (
                named @ (Subject::Name(_) | Subject::Party(..)),
                role @ (Subject::Title(..) | Subject::Party(..) | Subject::Complement(_)),
            ) => (named, Some(role)),
            (first, _) => (first, None),
        }
    }

    /// True when tokens `from..to` hold one name and nothing else but
    /// titles and determiners (`Mayor Linda Osei`, `Me So-Ah Boyadjian`).
    fn only_a_name(&self, from: usize, to: usize) -> bool {
        let Some(run) = self.names.iter().find(|r| r.first >= from && r.last < to) else {
            return false;
        };
        run.last + 1 == to
            && self.tokens[from..run.first].iter().all(|t| {
                !t.word || title(&t.norm).is_some() || DETERMINERS.contains(&t.norm.as_str())
            })
    }

    /// The name that ends right before the comma at `clause - 1`, when it
    /// is the whole of its clause but for titles: `Me So-Ah Boyadjian` in
    /// `Me So-Ah Boyadjian, l'avocate du club, …`.
    fn name_before_comma(&self, clause: usize) -> Option<NameRun> {
        if clause < 2 || self.tokens[clause - 1].norm != "," {
            return None;
        }
        let run = *self.names.iter().find(|r| r.last + 2 == clause)?;
        let start = clause_start(self.tokens, run.first);
        (self.only_a_name(start, run.last + 1) && !self.after_preposition(run.first)).then_some(run)
    }

    /// The role noun or party alias of a short apposition that ends at the
    /// comma before `clause`: `the lawyer for the contractors` in `The
    /// lawyer for the contractors, Tom Baxter, denied …`, `Halvorsen's
    /// lawyer` in `Halvorsen's lawyer, Mark D. Feldman, …`.
    fn apposition_before(&self, clause: usize) -> Vec<Subject> {
        if clause < 2 || self.tokens[clause - 1].norm != "," {
            return Vec::new();
        }
        let outer = clause_start(self.tokens, clause - 1);
        if clause - 1 - outer > 8 {
            return Vec::new();
        }
        self.apposition_in(outer, clause - 1)
    }

    /// What an apposition in tokens `from..to` says of the person beside
    /// it: the side (a party alias, or the owner in `Halvorsen's lawyer`,
    /// `l'avocate de Marie Dupont`) and the title (`l'avocate`).
    fn apposition_in(&self, from: usize, to: usize) -> Vec<Subject> {
        let mut out = Vec::new();
        let role_at = (from..to).find(|&k| {
            let t = &self.tokens[k];
            t.word && title(&t.norm).is_some()
        });
        match self.subject_in(from, to, true, true) {
            party @ Subject::Party(..) => out.push(party),
            Subject::Name(p) | Subject::Complement(p) if role_at.is_some() => {
                out.push(Subject::Complement(p));
            }
            _ => {}
        }
        if let Some(k) = role_at {
            if let Some((key, _)) = title(&self.tokens[k].norm) {
                out.push(Subject::Title(key, self.tokens[k].lower.clone()));
            }
        }
        out
    }
}

/// The subject [`Slots::subject_before`] finds.
#[derive(Debug, Clone)]
struct Found {
    subject: Subject,
    /// The token where the subject's clause starts, or the auxiliary when
    /// the subject stands in an apposition before it.
    from: usize,
    /// The role noun and party alias beside a named subject.
    apposed: Vec<Subject>,
    /// The named subject's byte span when it stands outside the cue's
    /// clause.
    named: Option<(usize, usize)>,
}

fn clause_start(tokens: &[Token], before: usize) -> usize {
    (0..before)
        .rev()
        .find(|&k| is_clause_break(&tokens[k]) || tokens[k].in_quote)
        .map_or(0, |k| k + 1)
}

fn clause_end(tokens: &[Token], after: usize) -> usize {
    (after..tokens.len())
        .find(|&k| {
            is_clause_break(&tokens[k])
                || tokens[k].in_quote
                || (is_punct(&tokens[k], &["."]) && !tokens[k].abbreviation_stop)
        })
        .unwrap_or(tokens.len())
}

/// The auxiliary of a participle at `i` (`a déclaré`, `has always
/// denied`, `a toutefois admis`), if any.
fn auxiliary_before(tokens: &[Token], i: usize) -> Option<usize> {
    // On the lower-cased form: the preposition "à" is not the auxiliary.
    let is_aux = |k: usize| AUXILIARIES.contains(&tokens[k].lower.as_str());
    if i >= 1 && is_aux(i - 1) {
        return Some(i - 1);
    }
    // Up to four interposed words: an adverb, "quant à lui", "pour sa
    // part" ("a quant à lui indiqué", "has always denied").
    const INTERPOSED: &[&str] = &[
        "quant", "à", "lui", "elle", "eux", "elles", "pour", "sa", "son", "leur", "part", "de",
        "son", "cote",
    ];
    // Commas around the interposed words count too ("ont, de leur côté,
    // affirmé"), up to six tokens in all.
    let mut k = i;
    while k > 0 && i - k < 6 {
        k -= 1;
        let t = &tokens[k];
        if is_aux(k) && k + 1 < i {
            return Some(k);
        }
        let interposed = ADVERBS.contains(&t.norm.as_str())
            || INTERPOSED.contains(&t.lower.as_str())
            || INTERPOSED.contains(&t.norm.as_str())
            || (!t.word && t.norm == ",");
        if !interposed {
            return None;
        }
    }
    None
}

/// True when the participle at `i` is passive: `a été dit`, `was told`,
/// `could only be explained`.
fn passive_before(tokens: &[Token], i: usize) -> bool {
    let mut k = i;
    for _ in 0..2 {
        if k == 0 {
            return false;
        }
        k -= 1;
        let norm = tokens[k].norm.as_str();
        if matches!(
            norm,
            "ete" | "be" | "been" | "being" | "is" | "was" | "were" | "are" | "get" | "got"
        ) {
            return true;
        }
        if !ADVERBS.contains(&norm) && !matches!(norm, "only" | "not" | "never") {
            return false;
        }
    }
    false
}

/// True when the speech verb at `verb` (auxiliary at `aux`) is negated:
/// `hasn't said`, `has not denied`, `n'a pas dit`, `ne dément pas`.
fn negated(tokens: &[Token], aux: usize, verb: usize) -> bool {
    let before = aux.saturating_sub(2)..verb;
    let after_ne = tokens
        .get(verb + 1)
        .is_some_and(|t| matches!(t.norm.as_str(), "pas" | "jamais" | "plus" | "guere"));
    tokens[before].iter().any(|t| is_negation(&t.norm))
        || (after_ne && aux > 0 && matches!(tokens[aux - 1].norm.as_str(), "ne" | "n'"))
}

/// "X accuse Y d'avoir …, ce que Y dément", "…, which the company
/// denies": a denial whose object is the clause before it. The whole unit
/// is the content, so that the denial and what it denies stay together.
fn relative_denial(tokens: &[Token], cue: usize, stance: Stance) -> Option<(usize, usize)> {
    if stance != Stance::Deny {
        return None;
    }
    let start = clause_start(tokens, cue);
    let relative = match (tokens.get(start), tokens.get(start + 1)) {
        (Some(a), Some(b)) => {
            (a.norm == "ce" && matches!(b.norm.as_str(), "que" | "qu'")) || a.norm == "which"
        }
        _ => false,
    };
    let rest_is_adverbs = tokens[cue + 1..]
        .iter()
        .all(|t| !t.word || ADVERBS.contains(&t.norm.as_str()));
    (relative && start > 0 && rest_is_adverbs)
        .then(|| (tokens[0].start, tokens[tokens.len() - 1].end))
}

/// The first token after `from` that is not an adverb or a time word.
fn skip_adverbs(tokens: &[Token], from: usize) -> usize {
    let mut k = from;
    while k < tokens.len() && k < from + 3 && ADVERBS.contains(&tokens[k].norm.as_str()) {
        k += 1;
    }
    k
}

/// French: a verb that takes an infinitive (`a affirmé ne s'être
/// « jamais » dopée`, `a dit être « choquée »`, `dément avoir été
/// consulté`): the infinitive phrase to the end of the unit.
fn infinitive(tokens: &[Token], from: usize) -> Option<(usize, usize)> {
    const NOT_INFINITIVES: &[&str] = &[
        "notre", "votre", "autre", "contre", "entre", "centre", "titre", "quatre", "premier",
        "dernier", "hier", "leur", "sur", "pour", "par",
    ];
    let k = skip_adverbs(tokens, from);
    let t = tokens.get(k)?;
    if t.in_quote || !t.word {
        return None;
    }
    let norm = t.norm.as_str();
    let infinitive = matches!(norm, "ne" | "n'" | "s'" | "se" | "etre" | "avoir")
        || (!t.capital
            && norm.chars().count() > 3
            && (norm.ends_with("er") || norm.ends_with("ir") || norm.ends_with("re"))
            && !NOT_INFINITIVES.contains(&norm));
    infinitive.then(|| (t.start, tokens[tokens.len() - 1].end))
}

/// English `told AUDIENCE (that) CLAUSE`: skips the audience (`reporters`,
/// `the BBC`, `Belgian broadcaster VRT`) and returns the clause.
fn after_audience(tokens: &[Token], from: usize) -> Option<(usize, usize)> {
    const AUDIENCES: &[&str] = &[
        "reporters",
        "journalists",
        "lawmakers",
        "legislators",
        "senators",
        "members",
        "investigators",
        "jurors",
        "jury",
        "court",
        "committee",
        "parliament",
        "congress",
        "broadcaster",
        "newspaper",
        "radio",
        "television",
        "station",
        "network",
        "channel",
        "press",
        "supporters",
        "students",
        "workers",
        "staff",
        "employees",
        "crowd",
        "audience",
        "listeners",
        "viewers",
        "readers",
        "magazine",
        "agency",
        "officials",
        "delegates",
        "shareholders",
        "investors",
        "analysts",
        "me",
        "us",
        "him",
        "her",
        "them",
    ];
    let mut k = from;
    let mut consumed = false;
    while k < tokens.len() && k < from + 5 {
        let t = &tokens[k];
        if AUDIENCES.contains(&t.norm.as_str()) {
            k += 1;
            consumed = true;
            break;
        }
        if t.word && (t.capital || matches!(t.norm.as_str(), "the" | "a" | "an")) {
            k += 1;
            continue;
        }
        break;
    }
    if !consumed && k == from {
        return None;
    }
    if tokens.get(k).is_some_and(|t| t.norm == "that") {
        k += 1;
    }
    bare_clause(tokens, k)
}

/// A noun phrase after a verb that takes one (`denied doping`, `conteste
/// la fiabilité de l'analyse`, `has slammed the offer as « an insult »`):
/// to the next comma, semicolon or colon, quotations included.
fn object_phrase(tokens: &[Token], from: usize) -> Option<(usize, usize)> {
    let k = skip_adverbs(tokens, from);
    let first = tokens.get(k)?;
    let opens_quote = !first.word && matches!(first.norm.as_str(), "«" | "“" | "\"");
    if !(first.word || opens_quote) || first.in_quote {
        return None;
    }
    let end = (k..tokens.len())
        .find(|&j| {
            let t = &tokens[j];
            !t.word && !t.in_quote && matches!(t.norm.as_str(), "," | ";" | ":" | "(")
        })
        .unwrap_or(tokens.len());
    let last = tokens[k..end]
        .iter()
        .rev()
        .find(|t| t.word || "»”\"".contains(t.norm.as_str()))?;
    Some((first.start, last.end))
}

/// The content after a cue at `at` (next token `from`): a `que`/`that`
/// clause, an infinitive, an English bare clause, an audience then a
/// clause, or a noun phrase, in that order, as the cue allows.
fn content_following(
    tokens: &[Token],
    at: usize,
    from: usize,
    class: CueClass,
    takes_object: bool,
    subject_after: bool,
) -> Option<(usize, usize)> {
    let norm = tokens[at].norm.as_str();
    content_after(tokens, from)
        .or_else(|| {
            matches!(class, CueClass::Participle | CueClass::Present)
                .then(|| infinitive(tokens, from))
                .flatten()
        })
        .or_else(|| {
            (matches!(norm, "told" | "tells") && !subject_after)
                .then(|| after_audience(tokens, from))
                .flatten()
        })
        .or_else(|| {
            // "told" always has an audience first (handled above).
            (class == CueClass::Finite
                && !subject_after
                && !takes_object
                && !matches!(norm, "told" | "tells"))
            .then(|| bare_clause(tokens, skip_adverbs(tokens, from)))
            .flatten()
        })
        .or_else(|| {
            (takes_object && !subject_after)
                .then(|| object_phrase(tokens, from))
                .flatten()
        })
        .or_else(|| {
            (class == CueClass::Finite && !subject_after && takes_object)
                .then(|| bare_clause(tokens, skip_adverbs(tokens, from)))
                .flatten()
        })
}

fn cues(slots: &Slots<'_>) -> Vec<Cue> {
    let tokens = slots.tokens;
    let lexicon = Lexicon::builtin();
    let mut out = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if !t.word || t.in_quote {
            continue;
        }
        // "Dr Omar Said told reporters": a word inside a name is no cue.
        if t.capital && slots.names.iter().any(|r| r.first < i && i <= r.last) {
            continue;
        }
        if let Some(cue) = cue_at(slots, lexicon, i, !out.is_empty()) {
            out.push(cue);
        }
    }
    out
}

/// The speech event whose cue is the token at `i`, if any: a verb after
/// its auxiliary or a finite verb, else a present, a gerund or a
/// preposition that names a source. `after_cue` is true when an earlier
/// token of the unit was a cue.
fn cue_at(slots: &Slots<'_>, lexicon: &Lexicon, i: usize, after_cue: bool) -> Option<Cue> {
    let form = slots.tokens[i].lower.as_str();
    if let Some(event) = verb_cue(slots, lexicon, i, after_cue) {
        return event;
    }
    if let Some(word) = lexicon.get(form, CueClass::Present) {
        return present_cue(slots, word, i);
    }
    if let Some(word) = lexicon.get(form, CueClass::Gerund) {
        return gerund_cue(slots.tokens, word, i);
    }
    preposition_cue(slots, i)
}

/// A participle after its auxiliary, or a finite verb: "a déclaré",
/// "a-t-il déclaré", "s'est exprimée", "said", "has slammed". `None` when
/// the token is no such verb (it may still be a present or a gerund);
/// `Some(None)` when it is one that makes no speech event (negated, or a
/// clause-only verb with no clause).
fn verb_cue(
    slots: &Slots<'_>,
    lexicon: &Lexicon,
    i: usize,
    after_cue: bool,
) -> Option<Option<Cue>> {
    let tokens = slots.tokens;
    let prev = i.checked_sub(1).map(|k| tokens[k].norm.as_str());
    // A locution ("a fait savoir que"): its last word is the cue, its
    // first takes the auxiliary.
    // Cues are looked up with their diacritics: `affirme` is a present,
    // `affirmé` a participle.
    let form = tokens[i].lower.as_str();
    let locution = i
        .checked_sub(1)
        .and_then(|k| lexicon.participle(&format!("{}_{form}", tokens[k].lower)));
    let word = locution
        .or_else(|| lexicon.participle(form))
        .or_else(|| lexicon.get(form, CueClass::Finite))?;
    let verb_at = if locution.is_some() { i - 1 } else { i };
    let finite = word.class == CueClass::Finite;
    let (aux_at, inverted) = if i >= 5
        && tokens[i - 5].norm == "a"
        && tokens[i - 3].norm == "t"
        && pronoun_gender(&tokens[i - 1].norm).is_some()
    {
        (Some(i - 5), Some(i - 1))
    } else if let Some(aux) = auxiliary_before(tokens, verb_at) {
        (Some(aux), None)
    } else if i >= 2 && prev == Some("est") && tokens[i - 2].norm == "s'" {
        (Some(i - 2), None)
    } else if passive_before(tokens, i) {
        // A passive ("a été dit", "could be explained") is not a
        // statement by the subject.
        (None, None)
    } else if finite
        || (prev.is_some_and(|p| matches!(p, "et" | "mais"))
            && word.class == CueClass::Participle
            && after_cue)
    {
        // "a qualifié la décision d'« injuste » et annoncé qu'il
        // ferait appel": the auxiliary of the cue before is shared
        // (not that of "a été arrêté … et accusé", a passive).
        (Some(i), None)
    } else {
        (None, None)
    };
    let aux = aux_at?;
    if negated(tokens, aux, i) {
        return Some(None);
    }
    Some(verb_event(slots, word, i, aux, inverted))
}

/// The speech event of a verb cue at `i` with its auxiliary at `aux` (and
/// the pronoun of an inverted `a-t-il` at `inverted`).
fn verb_event(
    slots: &Slots<'_>,
    word: CueWord,
    i: usize,
    aux: usize,
    inverted: Option<usize>,
) -> Option<Cue> {
    let tokens = slots.tokens;
    let (found, subject_after) = verb_subject(slots, i, aux, inverted);
    let after_verb = inverted.map_or(i + 1, |p| p + 1).max(i + 1);
    if word.clause_only {
        // "found that …", "a conclu que …": no clause, no
        // speech ("found cracks").
        let content = content_after(tokens, after_verb)?;
        return Some(Cue::of_clause(i, found, word.stance, content));
    }
    let Found {
        subject,
        from,
        apposed,
        named,
    } = found;
    let before = content_before(tokens, aux, after_verb, subject_after);
    let following = if before.is_some() {
        None
    } else {
        content_following(
            tokens,
            i,
            after_verb,
            word.class,
            word.takes_object,
            subject_after,
        )
    };
    let object =
        word.takes_object && following.is_some() && following == object_phrase(tokens, after_verb);
    Some(Cue {
        at: i,
        subject,
        content: following.or(before),
        cut: false,
        stance: if following.is_some() {
            word.stance
        } else {
            Stance::Assert
        },
        from,
        content_follows: following.is_some(),
        apposed,
        named,
        object,
    })
}

/// The subject of a verb cue at `i`, and whether it stands after the verb
/// (`…, a déclaré le procureur`).
fn verb_subject(slots: &Slots<'_>, i: usize, aux: usize, inverted: Option<usize>) -> (Found, bool) {
    let tokens = slots.tokens;
    let found = |subject: Subject, apposed: Vec<Subject>| Found {
        subject,
        from: aux,
        apposed,
        named: None,
    };
    if let Some(p) = inverted {
        let subject = pronoun_gender(&tokens[p].norm).map_or(Subject::None, Subject::Pronoun);
        return (found(subject, Vec::new()), false);
    }
    // "…, but insisted the fault was repaired": a verb coordinated with an
    // earlier one shares its subject.
    let coordinated = aux > 0
        && matches!(tokens[aux - 1].norm.as_str(), "and" | "but" | "et" | "mais")
        && slots
            .subject_in(clause_start(tokens, aux), aux, true, false)
            .is_none();
    if coordinated {
        return (found(Subject::Preceding, Vec::new()), false);
    }
    let before = slots.subject_before(aux);
    if before.subject.is_none() {
        let (subject, role) = slots.inverted_subject(i + 1);
        return (found(subject, role.into_iter().collect()), true);
    }
    (before, false)
}

/// A French present: ", affirme Laure Beccuau", "affirme-t-il", "X estime
/// que", "X conteste la fiabilité de l'analyse".
fn present_cue(slots: &Slots<'_>, word: CueWord, i: usize) -> Option<Cue> {
    let tokens = slots.tokens;
    let prev = i.checked_sub(1).map(|k| tokens[k].norm.as_str());
    let next = tokens.get(i + 1);
    let inverted_pronoun = next.is_some_and(|t| t.norm == "-")
        && tokens.get(i + 2).is_some_and(|t| t.norm == "t")
        && tokens
            .get(i + 4)
            .is_some_and(|t| pronoun_gender(&t.norm).is_some());
    let negated_here = prev.is_some_and(|p| matches!(p, "ne" | "n'"));
    if negated_here {
        return None;
    }
    if inverted_pronoun {
        let p = i + 4;
        let subject = pronoun_gender(&tokens[p].norm).map_or(Subject::None, Subject::Pronoun);
        let following = content_after(tokens, p + 1);
        return Some(Cue {
            at: i,
            subject,
            content: following.or_else(|| content_before(tokens, i, p + 1, false)),
            cut: false,
            stance: if following.is_some() {
                word.stance
            } else {
                Stance::Assert
            },
            from: i,
            content_follows: following.is_some(),
            apposed: Vec::new(),
            named: None,
            object: false,
        });
    }
    if prev == Some(",") {
        let (subject, apposed) = slots.inverted_subject(i + 1);
        if !matches!(subject, Subject::None) {
            return Some(Cue {
                at: i,
                subject,
                content: content_before(tokens, i, i + 1, true),
                cut: false,
                stance: Stance::Assert,
                from: i,
                content_follows: false,
                apposed: apposed.into_iter().collect(),
                named: None,
                object: false,
            });
        }
    }
    present_event(tokens, word, i, slots.subject_before(i))
}

/// The speech event of a present at `i` whose subject comes before it.
fn present_event(tokens: &[Token], word: CueWord, i: usize, found: Found) -> Option<Cue> {
    if word.clause_only {
        let content = content_after(tokens, skip_adverbs(tokens, i + 1))
            .filter(|_| !found.subject.is_none())?;
        return Some(Cue::of_clause(i, found, word.stance, content));
    }
    let Found {
        subject,
        from,
        apposed,
        named,
    } = found;
    if matches!(subject, Subject::None) {
        return None;
    }
    let content = content_after(tokens, skip_adverbs(tokens, i + 1))
        .or_else(|| infinitive(tokens, i + 1))
        .or_else(|| {
            word.takes_object
                .then(|| object_phrase(tokens, i + 1))
                .flatten()
        });
    let relative = relative_denial(tokens, i, word.stance);
    let object = word.takes_object
        && content.is_some()
        && content == object_phrase(tokens, i + 1)
        && content_after(tokens, skip_adverbs(tokens, i + 1)).is_none()
        && infinitive(tokens, i + 1).is_none();
    if content.is_none() && relative.is_none() {
        return None;
    }
    Some(Cue {
        at: i,
        subject,
        content: content.or(relative),
        cut: content.is_none(),
        stance: word.stance,
        from: if content.is_some() { from } else { 0 },
        content_follows: true,
        apposed,
        named,
        object,
    })
}

/// A gerund: "insistant sur le fait que", "adding that", "saying
/// prosecutors had …".
fn gerund_cue(tokens: &[Token], word: CueWord, i: usize) -> Option<Cue> {
    let english = tokens[i].norm.ends_with("ing");
    let content = content_after(tokens, i + 1)
        .or_else(|| {
            word.takes_object
                .then(|| object_phrase(tokens, i + 1))
                .flatten()
        })
        .or_else(|| english.then(|| bare_clause(tokens, i + 1)).flatten())?;
    Some(Cue {
        at: i,
        subject: Subject::Preceding,
        content: Some(content),
        cut: false,
        stance: word.stance,
        from: i,
        content_follows: true,
        apposed: Vec::new(),
        named: None,
        object: false,
    })
}

/// "selon X", "d'après X", "according to X", and at the start of a
/// sentence "pour X, …".
fn preposition_cue(slots: &Slots<'_>, i: usize) -> Option<Cue> {
    let tokens = slots.tokens;
    let n = tokens.len();
    let norm = tokens[i].norm.as_str();
    let prev = i.checked_sub(1).map(|k| tokens[k].norm.as_str());
    let at_start = (0..i).all(|k| !tokens[k].word || (k + 1 == i && tokens[k].norm == "d'"));
    let from = match norm {
        "selon" => Some(i + 1),
        "apres" if prev == Some("d'") => Some(i + 1),
        "according" if tokens.get(i + 1).is_some_and(|t| t.norm == "to") => Some(i + 2),
        "pour" if at_start => Some(i + 1),
        _ => None,
    }?;
    let relative = tokens.get(from).is_some_and(|t| {
        t.norm.starts_with("lequel")
            || t.norm.starts_with("laquelle")
            || t.norm.starts_with("lesquel")
            || t.norm == "moi"
    });
    if relative {
        return None;
    }
    let (subject, to) = preposition_subject(slots, norm, from)?;
    let starts_unit = clause_start(tokens, i) == 0 && at_start;
    let content = if starts_unit && to < n && tokens[to].norm == "," {
        tokens.get(to + 1).map(|t| (t.start, tokens[n - 1].end))
    } else if norm == "pour" {
        None
    } else {
        content_before(tokens, if norm == "apres" { i - 1 } else { i }, i + 1, true)
    };
    Some(Cue {
        at: i,
        subject,
        content,
        cut: false,
        stance: Stance::Assert,
        from: i,
        content_follows: false,
        apposed: Vec::new(),
        named: None,
        object: false,
    })
}

/// The source that the preposition `norm` names from the token `from`,
/// and where its phrase ends; `None` when it names none (for `pour`, none
/// that can hold a view).
fn preposition_subject(slots: &Slots<'_>, norm: &str, from: usize) -> Option<(Subject, usize)> {
    let tokens = slots.tokens;
    let mut to = clause_end(tokens, from);
    let mut subject = slots.subject_in(from, to, false, true);
    // "D'après l'adjoint à l'éducation, Louis Marchetti, …": the
    // name in the apposition that follows.
    if tokens.get(to).is_some_and(|t| t.norm == ",") {
        let next_end = clause_end(tokens, to + 1);
        let named = slots.subject_in(to + 1, next_end, false, true);
        let apposition = matches!(named, Subject::Name(_) | Subject::Party(..))
            && next_end - (to + 1) <= 5
            && tokens.get(next_end).is_some_and(|t| t.norm == ",");
        if apposition {
            // The named person is the speaker unless a name was
            // already found ("Pour le préfet de Vaucluse, Bernard
            // Aubry, …": the content starts after the apposition).
            if !matches!(subject, Subject::Name(_)) || matches!(named, Subject::Name(_)) {
                subject = named;
            }
            to = next_end;
        }
    }
    // "According to the shipping association, …", "selon un
    // communiqué du syndicat": a source nobody named is still a
    // source, drafted under the phrase for review.
    if matches!(subject, Subject::None) && norm != "pour" && to > from {
        let phrase = article_slice(slots.article, &tokens[from..to]);
        if phrase.split_whitespace().count() <= 6 && !tokens[from..to].iter().any(|t| t.in_quote) {
            subject = Subject::Phrase(phrase);
        }
    }
    // "Pour lui, …" opening a sentence is an attribution; "pour
    // lui" elsewhere is a benefactive.
    let pronoun_then_comma = matches!(subject, Subject::Pronoun(_))
        && to == from + 1
        && tokens.get(to).is_some_and(|t| t.norm == ",");
    if matches!(subject, Subject::None)
        || (norm == "pour"
            && !pronoun_then_comma
            && !matches!(
                subject,
                Subject::Name(_) | Subject::Party(..) | Subject::Title(..)
            ))
    {
        return None;
    }
    Some((subject, to))
}

/// The article's text from the first to the last of `tokens`.
fn article_slice(article: &str, tokens: &[Token]) -> String {
    match (tokens.first(), tokens.last()) {
        (Some(first), Some(last)) => article[first.start..last.end].to_owned(),
        _ => String::new(),
    }
}

/// "… a ajouté que CLAUSE": the clause after a complementiser that follows
/// the cue within a few words.
fn content_after(tokens: &[Token], from: usize) -> Option<(usize, usize)> {
    for k in from..tokens.len().min(from + 6) {
        let t = &tokens[k];
        if t.in_quote || (is_clause_break(t) && t.norm != ",") {
            return None;
        }
        // "a rejeté ces accusations, assurant que …": the "que" is the
        // next verb's.
        if k > from && t.word && Lexicon::builtin().any(&t.lower).is_some() {
            return None;
        }
        if COMPLEMENTISERS.contains(&t.norm.as_str()) {
            let first = tokens.get(k + 1)?;
            return Some((first.start, tokens[tokens.len() - 1].end));
        }
    }
    None
}

/// "CLAUSE, a-t-il déclaré": when nothing but the subject follows the
/// cue, the clause before the comma that precedes the cue's clause.
fn content_before(
    tokens: &[Token],
    cue_start: usize,
    verb_end: usize,
    subject_after: bool,
) -> Option<(usize, usize)> {
    let clause = clause_start(tokens, cue_start);
    if clause == 0 {
        return None;
    }
    let comma = clause - 1;
    if tokens[comma].norm != "," && !tokens[comma].in_quote {
        return None;
    }
    // Nothing may follow the cue but an inverted subject ("…, a déclaré le
    // procureur"), its apposition, time and place adjuncts ("said on
    // Monday", "a déclaré lundi à la presse") and the final punctuation.
    let rest = if subject_after {
        clause_end(tokens, verb_end)
    } else {
        verb_end
    };
    if !adjuncts_only(tokens, rest.min(tokens.len())) {
        return None;
    }
    let last = if tokens[comma].norm == "," {
        comma
    } else {
        clause
    };
    if last == 0 {
        return None;
    }
    let first = body_start(tokens);
    if first >= last {
        return None;
    }
    Some((tokens[first].start, tokens[last - 1].end))
}

/// Words that may end a sentence after a speech verb without being what
/// is said: prepositions, determiners, times, venues and audiences (`said
/// on Monday`, `said in a statement`, `told reporters after the
/// hearing`, `a déclaré lundi lors d'une conférence de presse`).
const ADJUNCT_WORDS: &[&str] = &[
    "on",
    "at",
    "in",
    "to",
    "after",
    "before",
    "during",
    "outside",
    "inside",
    "from",
    "by",
    "with",
    "via",
    "over",
    "late",
    "early",
    "last",
    "this",
    "next",
    "earlier",
    "week",
    "weekend",
    "month",
    "year",
    "morning",
    "afternoon",
    "evening",
    "night",
    "day",
    "statement",
    "interview",
    "conference",
    "news",
    "briefing",
    "hearing",
    "meeting",
    "session",
    "call",
    "phone",
    "telephone",
    "email",
    "release",
    "letter",
    "post",
    "video",
    "speech",
    "press",
    "reporters",
    "journalists",
    "a",
    "an",
    "the",
    "his",
    "her",
    "its",
    "their",
    "our",
    "of",
    "lors",
    "d'",
    "de",
    "du",
    "des",
    "une",
    "un",
    "le",
    "la",
    "les",
    "l'",
    "au",
    "aux",
    "dans",
    "devant",
    "pendant",
    "apres",
    "avant",
    "sur",
    "en",
    "chez",
    "matin",
    "soir",
    "soiree",
    "semaine",
    "mois",
    "annee",
    "communique",
    "entretien",
    "presse",
    "point",
    "audience",
    "reunion",
    "seance",
    "courriel",
    "lettre",
    "discours",
    "micro",
    "antenne",
    "radio",
    "television",
    "dernier",
    "derniere",
    "prochain",
    "prochaine",
    "ce",
    "cette",
    "son",
    "sa",
    "ses",
    "leur",
    "leurs",
    "veille",
    "lendemain",
    "fin",
    "debut",
    "sortie",
    "issue",
];

/// True when the tokens from `from` to the end of the unit are only
/// punctuation, names, titles, adverbs and [`ADJUNCT_WORDS`], with no
/// complementiser, quotation or other speech verb: nothing there is the
/// content of the cue before them.
fn adjuncts_only(tokens: &[Token], from: usize) -> bool {
    let rest = &tokens[from.min(tokens.len())..];
    // After a comma, an apposition or a relative clause about the speaker
    // ("…, said Dr. Alan Price, who chairs the hospital board") says
    // nothing of the content: any words but a cue or a complementiser.
    let comma = rest.iter().position(|t| !t.word && t.norm == ",");
    if let Some(c) = comma {
        let (head, tail) = rest.split_at(c);
        let tail_ok = tail.len() <= 14
            && tail.iter().all(|t| {
                !t.in_quote
                    && !(t.word
                        && (COMPLEMENTISERS.contains(&t.norm.as_str())
                            || Lexicon::builtin().any(&t.lower).is_some()))
                    && !matches!(t.norm.as_str(), "«" | "»" | "“" | "”" | "\"" | ":")
            });
        return tail_ok && adjunct_words_only(head);
    }
    adjunct_words_only(rest)
}

/// True when `rest` is at most 16 tokens of punctuation, names, titles,
/// adverbs and [`ADJUNCT_WORDS`], with no complementiser, quotation or
/// speech verb.
fn adjunct_words_only(rest: &[Token]) -> bool {
    rest.len() <= 16
        && rest.iter().all(|t| {
            if t.in_quote {
                return false;
            }
            if !t.word {
                return !matches!(t.norm.as_str(), "«" | "»" | "“" | "”" | "\"" | ":");
            }
            !COMPLEMENTISERS.contains(&t.norm.as_str())
                && Lexicon::builtin().any(&t.lower).is_none()
                && (t.capital
                    || t.norm.chars().all(|c| c.is_ascii_digit())
                    || ADVERBS.contains(&t.norm.as_str())
                    || ADJUNCT_WORDS.contains(&t.norm.as_str())
                    || title(&t.norm).is_some())
        })
}

/// The first token after a dateline (`DENVER —`, `SACRAMENTO, Calif. —`)
/// at the start of a unit, else 0.
fn body_start(tokens: &[Token]) -> usize {
    let Some(dash) = tokens
        .iter()
        .take(8)
        .position(|t| !t.word && matches!(t.norm.as_str(), "—" | "–"))
    else {
        return 0;
    };
    // A place in capitals, then perhaps a state or country ("Calif.").
    let dateline = tokens
        .first()
        .is_some_and(|t| t.upper && t.norm.chars().count() > 1)
        && tokens[..dash]
            .iter()
            .all(|t| !t.word || t.upper || t.capital);
    if dateline { dash + 1 } else { 0 }
}

/// The clause right after an English speech verb with no "that"
/// ("said the figures were wrong"), unless a preposition or an object
/// follows the verb instead.
fn bare_clause(tokens: &[Token], from: usize) -> Option<(usize, usize)> {
    const NOT_A_CLAUSE: &[&str] = &[
        "on",
        "in",
        "at",
        "to",
        "during",
        "after",
        "before",
        "when",
        "while",
        "by",
        "for",
        "with",
        "from",
        "of",
        "about",
        "reporters",
        "journalists",
        "me",
        "us",
        "him",
        "her",
        "them",
        "so",
        "yesterday",
        "today",
        "last",
        "in",
        "earlier",
        "later",
        "outside",
        "inside",
        "whether",
        "if",
        "how",
        "why",
        "what",
        "who",
        "which",
        "nothing",
        "anything",
    ];
    let first = tokens.get(from)?;
    if !first.word || first.in_quote || NOT_A_CLAUSE.contains(&first.norm.as_str()) {
        return None;
    }
    Some((first.start, tokens[tokens.len() - 1].end))
}

fn is_standalone(article: &str, tokens: &[Token], cues: &[Cue], quote: (usize, usize)) -> bool {
    let inner =
        article[quote.0..quote.1].trim_matches(|c: char| "«»“”\" \u{a0}\u{202f}".contains(c));
    let capital = inner.chars().next().is_some_and(char::is_uppercase);
    let n_words = inner.split_whitespace().count();
    if !capital {
        return false;
    }
    if n_words >= 8 {
        return true;
    }
    // A shorter quote stands alone when a colon introduces it or a cue
    // follows it directly ("« … », a déclaré X", "« … », a-t-il dit").
    let before = tokens.iter().rev().find(|t| t.end <= quote.0);
    let introduced = before.is_none_or(|t| t.norm == ":");
    let followed = tokens
        .iter()
        .position(|t| t.start >= quote.1)
        .is_some_and(|next| {
            let next = if tokens[next].norm == "," {
                next + 1
            } else {
                next
            };
            // Up to six tokens: the auxiliary, "-t-il", the participle.
            cues.iter().any(|c| {
                c.at >= next && c.at <= next + 5 && !tokens[next..c.at].iter().any(is_clause_break)
            })
        });
    n_words >= 3 && (introduced || followed)
}

/// Cuts each cue's content at the first standalone quote inside it, and
/// drops content that is nothing but standalone quotes.
fn trim_contents(article: &str, analysis: &mut UnitAnalysis) {
    for cue in &mut analysis.cues {
        let Some((start, end)) = cue.content else {
            continue;
        };
        let mut end = end;
        let mut start = start;
        for &(qs, qe) in &analysis.standalone {
            if qs >= start && qs < end {
                if article[start..qs]
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .is_empty()
                {
                    start = qe.min(end);
                } else {
                    end = qs;
                    cue.cut = true;
                }
            }
        }
        let text = &article[start..end];
        let trimmed_start = start
            + (text.len()
                - text
                    .trim_start_matches(|c: char| !c.is_alphanumeric() && !"«“\"".contains(c))
                    .len());
        let text = &article[trimmed_start..end];
        let mut trimmed =
            text.trim_end_matches(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == ':');
        for tail in [" et", " and", " mais", " but"] {
            if let Some(t) = trimmed.strip_suffix(tail) {
                trimmed = t.trim_end_matches(|c: char| c.is_whitespace() || c == ',');
                // "CLAUSE et « QUOTE »": the clause was complete.
                cue.cut = false;
            }
        }
        let words = trimmed.split_whitespace().count();
        // A denial keeps its cue in its text ("Whitcomb rejected that
        // figure"), so a short object is enough.
        let min_words = if cue.stance == Stance::Deny && cue.content_follows {
            1
        } else {
            3
        };
        cue.content =
            (words >= min_words).then_some((trimmed_start, trimmed_start + trimmed.len()));
    }
    cut_at_later_cues(&mut analysis.cues, &analysis.tokens);
    // A cue inside another cue's reported clause is part of what is
    // reported ("Brady said prosecutors told witnesses …"), not a speech
    // event of its own.
    let spans: Vec<(usize, usize, usize)> = analysis
        .cues
        .iter()
        .filter(|c| c.content_follows)
        .filter_map(|c| c.content.map(|(start, end)| (c.at, start, end)))
        .collect();
    let tokens = &analysis.tokens;
    analysis.cues.retain(|c| {
        let at = tokens[c.at].start;
        !spans
            .iter()
            .any(|&(outer, start, end)| outer < c.at && at >= start && at < end)
    });
    // The clause before a cue ("CLAUSE, a-t-il dit") is that cue's only when
    // no other cue speaks in it ("X nie Y, comme l'a affirmé Z").
    let ats: Vec<usize> = analysis
        .cues
        .iter()
        .map(|c| analysis.tokens[c.at].start)
        .collect();
    for cue in &mut analysis.cues {
        if let (Some((start, end)), false) = (cue.content, cue.content_follows) {
            if ats.iter().any(|&at| at >= start && at < end) {
                cue.content = None;
            }
        }
    }
}

/// A content that runs into a later cue of the same unit ends before it:
/// "rejected the decision and said it would appeal", "a reconnu que …,
/// tout en assurant que …", "denied that …, insisting that …".
fn cut_at_later_cues(cues: &mut [Cue], tokens: &[Token]) {
    let positions: Vec<usize> = cues.iter().map(|c| c.at).collect();
    for cue in cues.iter_mut() {
        let Some((start, end)) = cue.content else {
            continue;
        };
        if !cue.content_follows {
            continue;
        }
        for &later in positions.iter().filter(|&&p| p > cue.at) {
            if tokens[later].start <= start || tokens[later].start >= end {
                continue;
            }
            // Back from the later cue over its auxiliary and subject to a
            // conjunction or a comma.
            let floor = later.saturating_sub(6);
            let cut = (floor..later).rev().find(|&k| {
                tokens[k].start > start
                    && (matches!(tokens[k].norm.as_str(), "and" | "but" | "et" | "mais")
                        || (!tokens[k].word && tokens[k].norm == ","))
            });
            if let Some(k) = cut {
                let last = tokens[..k]
                    .iter()
                    .rev()
                    .find(|t| t.start >= start && (t.word || "»”\"".contains(t.norm.as_str())));
                if let Some(last) = last {
                    cue.content = Some((start, last.end));
                }
                break;
            }
        }
    }
}

/// True when the tokens hold a speech verb in a position where it reports
/// speech: an English form, a French participle after an auxiliary, a
/// French present before `que` or after a comma, or a gerund.
fn has_speech_verb(tokens: &[Token]) -> bool {
    let lexicon = Lexicon::builtin();
    (0..tokens.len()).any(|i| {
        let t = &tokens[i];
        if !t.word || t.in_quote {
            return false;
        }
        let form = t.lower.as_str();
        lexicon.get(form, CueClass::Finite).is_some()
            || lexicon.get(form, CueClass::Gerund).is_some()
            || (lexicon.participle(form).is_some() && auxiliary_before(tokens, i).is_some())
            || (lexicon.get(form, CueClass::Present).is_some()
                && (i > 0 && tokens[i - 1].norm == ","
                    || tokens
                        .get(i + 1)
                        .is_some_and(|n| COMPLEMENTISERS.contains(&n.norm.as_str()))))
    })
}

// ---------------------------------------------------------------------------
// Pass 2: speakers and claims.

#[derive(Debug, Clone)]
struct Draft {
    speaker: Option<usize>,
    speaker_text: Option<String>,
    text: String,
    start: usize,
    end: usize,
    quote: bool,
    needs_review: bool,
}

struct Drafter<'a> {
    article: &'a str,
    people: People,
    /// (byte offset, person) of every mention of a person so far.
    mentions: Vec<(usize, usize)>,
    last_speaker: Option<usize>,
    drafts: Vec<Draft>,
    uncovered: Vec<(usize, usize, &'static str)>,
}

impl Drafter<'_> {
    fn mention_names_before(&mut self, analysis: &UnitAnalysis, before: usize) {
        for run in &analysis.names {
            let at = analysis.tokens[run.first].start;
            if at < before
                && self.people.list[run.person].is_person
                && !self.mentions.contains(&(at, run.person))
            {
                self.mentions.push((at, run.person));
            }
        }
        self.mentions.sort_unstable();
    }

    /// Resolves a cue's subject: (person, unsure).
    fn resolve(
        &mut self,
        analysis: &UnitAnalysis,
        cue: &Cue,
        unit_speakers: &[(usize, usize)],
    ) -> (Option<usize>, Option<String>, bool) {
        let at = analysis.tokens[cue.at].start;
        self.mention_names_before(analysis, at);
        match &cue.subject {
            Subject::Name(p) => (Some(*p), None, false),
            Subject::Complement(p) => (Some(*p), None, true),
            // The speaker is the alias as written ("prosecutors"), the
            // party the one it names.
            Subject::Party(p, shown) => (Some(*p), Some(shown.clone()), false),
            Subject::Pronoun(gender) => {
                let mut recent: Vec<usize> = Vec::new();
                for &(_, p) in self.mentions.iter().rev() {
                    if !recent.contains(&p) {
                        recent.push(p);
                    }
                }
                let matching = recent
                    .iter()
                    .position(|&p| self.people.list[p].gender() == Some(*gender));
                let unknown = recent
                    .iter()
                    .position(|&p| self.people.list[p].gender().is_none());
                // With no one of the pronoun's gender in sight, the last
                // speaker (when their gender is unknown) is the likeliest.
                let last_speaker = self
                    .last_speaker
                    .filter(|&p| self.people.list[p].gender().is_none());
                match (matching, unknown, last_speaker) {
                    (Some(m), Some(u), _) => (Some(recent[m]), None, u < m),
                    (Some(m), None, _) => (Some(recent[m]), None, false),
                    (None, _, Some(p)) => (Some(p), None, true),
                    (None, Some(u), None) => (Some(recent[u]), None, true),
                    (None, None, None) => (None, None, true),
                }
            }
            Subject::Title(key, shown) => {
                // Only someone named before holds a title that refers back,
                // and "l'avocate" is not the man of the same title (a
                // masculine form may be generic: "le procureur" for Laure
                // Beccuau).
                let shown_gender = shown
                    .split(|c: char| c.is_whitespace() || c == '\'' || c == '’')
                    .next_back()
                    .and_then(|w| title(&fold(w)))
                    .and_then(|(_, g)| g)
                    .filter(|g| *g == Gender::Female);
                let holders: Vec<usize> = (0..self.people.list.len())
                    .filter(|&p| self.people.list[p].titles.contains(key))
                    .filter(|&p| self.mentions.iter().any(|&(_, q)| q == p))
                    .filter(|&p| {
                        shown_gender.is_none()
                            || self.people.list[p]
                                .gender()
                                .is_none_or(|g| Some(g) == shown_gender)
                    })
                    .collect();
                match holders.as_slice() {
                    [one] => (Some(*one), None, false),
                    [] => (None, Some(shown.clone()), true),
                    many => {
                        let latest = self
                            .mentions
                            .iter()
                            .rev()
                            .find(|(_, p)| many.contains(p))
                            .map_or(many[0], |&(_, p)| p);
                        (Some(latest), None, true)
                    }
                }
            }
            Subject::Preceding => {
                // "X said …, adding that …": the speaker of the cue before
                // it in the unit; else the first person or party alias of
                // the unit ("Defense lawyers … asked …, saying …").
                if let Some(&(p, _)) = unit_speakers.last() {
                    return (Some(p), None, false);
                }
                let first = analysis
                    .roles
                    .iter()
                    .chain(
                        analysis
                            .names
                            .iter()
                            .filter(|r| self.people.list[r.person].is_person),
                    )
                    .filter(|r| r.last < cue.at)
                    .min_by_key(|r| r.first);
                match first {
                    Some(run) => (Some(run.person), None, false),
                    None => (self.last_speaker, None, true),
                }
            }
            Subject::None => (self.last_speaker, None, true),
            Subject::Phrase(shown) => (None, Some(shown.clone()), true),
        }
    }

    fn draft_unit(&mut self, analysis: &UnitAnalysis) {
        let article = self.article;
        let mut resolved = Vec::new();
        let mut unit_speakers: Vec<(usize, usize)> = Vec::new();
        for cue in &analysis.cues {
            let (speaker, text, unsure) = self.resolve(analysis, cue, &unit_speakers);
            if let Some(p) = speaker {
                unit_speakers.push((p, cue.at));
                self.mentions.push((analysis.tokens[cue.at].start, p));
                self.mentions.sort_unstable();
                self.last_speaker = Some(p);
            }
            resolved.push((speaker, text, unsure));
        }
        let mut drafts = Vec::new();
        for (cue, (speaker, speaker_text, unsure)) in analysis.cues.iter().zip(&resolved) {
            if let Some((start, end)) = cue.content {
                // A denial keeps its cue: "Brauchler denied that …", never
                // the denied clause alone under the denier's name.
                let denial = (cue.stance == Stance::Deny || cue.object) && cue.content_follows;
                let start = if denial {
                    analysis.tokens[cue.from].start.min(start)
                } else {
                    start
                };
                // "Me So-Ah Boyadjian, l'avocate du club, a démenti que …":
                // the denial names its speaker, not the apposition.
                let (start, text) = match cue.named {
                    Some((name_start, name_end)) if denial && name_end <= start => (
                        name_start,
                        sentence_case(&format!(
                            "{} {}",
                            &article[name_start..name_end],
                            &article[start..end]
                        )),
                    ),
                    _ => (start, sentence_case(&article[start..end])),
                };
                drafts.push(Draft {
                    speaker: *speaker,
                    speaker_text: speaker_text.clone(),
                    text,
                    start,
                    end,
                    quote: false,
                    needs_review: *unsure || speaker.is_none() || cue.cut,
                });
            }
        }
        for &(qs, qe) in &analysis.standalone {
            // The cue nearest to the quote speaks it.
            let nearest = analysis
                .cues
                .iter()
                .enumerate()
                .min_by_key(|(_, c)| {
                    let at = analysis.tokens[c.at].start;
                    if at >= qe {
                        at - qe
                    } else {
                        qs.saturating_sub(at)
                    }
                })
                .map(|(k, _)| k);
            let (speaker, speaker_text, unsure) = match nearest {
                Some(k) => resolved[k].clone(),
                None => (self.last_speaker, None, true),
            };
            let inner_start = qs + article[qs..].chars().next().map_or(1, char::len_utf8);
            let inner_end = qe - article[..qe].chars().next_back().map_or(1, char::len_utf8);
            let inner = &article[inner_start..inner_end];
            for (offset, sentence) in inner.split_sentence_bound_indices() {
                let lead = sentence.len() - sentence.trim_start().len();
                // "« … », a-t-il dit": the comma belongs to the sentence
                // around the quotation, not to the quotation.
                let text = sentence.trim().trim_end_matches([',', ';']).trim_end();
                if text.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
                    continue;
                }
                let start = inner_start + offset + lead;
                drafts.push(Draft {
                    speaker,
                    speaker_text: speaker_text.clone(),
                    text: text.to_owned(),
                    start,
                    end: start + text.len(),
                    quote: true,
                    needs_review: unsure || speaker.is_none(),
                });
            }
            // A clause that leads straight into the quote, with no cue of
            // its own, is probably the same speaker's paraphrase.
            let before = &article[analysis.unit.start..qs];
            let covered = drafts
                .iter()
                .any(|d| d.start < qs && d.end > analysis.unit.start && !d.quote);
            let clause_start = before
                .char_indices()
                .rfind(|(_, c)| ['»', '”', '"', ':', ','].contains(c))
                .map_or(analysis.unit.start, |(i, c)| {
                    analysis.unit.start + i + c.len_utf8()
                });
            let clause = article[clause_start..qs].trim();
            let has_cue = analysis.cues.iter().any(|c| {
                let at = analysis.tokens[c.at].start;
                at >= clause_start && at < qs
            });
            if !covered
                && !has_cue
                && clause.split_whitespace().count() >= 4
                && clause_start == analysis.unit.start
            {
                let start = clause_start
                    + (article[clause_start..qs].len()
                        - article[clause_start..qs].trim_start().len());
                drafts.push(Draft {
                    speaker,
                    speaker_text: speaker_text.clone(),
                    text: sentence_case(clause),
                    start,
                    end: start + clause.len(),
                    quote: false,
                    needs_review: true,
                });
            }
        }
        if analysis.cues.is_empty() && analysis.standalone.is_empty() {
            let text = article[analysis.unit.start..analysis.unit.end].trim();
            if text.split_whitespace().count() >= 4 {
                drafts.push(Draft {
                    speaker: None,
                    speaker_text: Some(String::new()),
                    text: text.to_owned(),
                    start: analysis.unit.start,
                    end: analysis.unit.end,
                    quote: false,
                    needs_review: true,
                });
            }
        }
        // Coverage: a sentence with a quotation mark or a speech verb that
        // gave no statement is listed for review.
        let spoken = drafts
            .iter()
            .any(|d| d.speaker.is_some() || d.speaker_text.as_ref().is_some_and(|t| !t.is_empty()));
        if !spoken {
            let reason = if !analysis.unit.quotes.is_empty() {
                Some("a quotation, but no speaker's statement was drafted")
            } else if has_speech_verb(&analysis.tokens) {
                Some("a speech verb, but no speaker's statement was drafted")
            } else {
                None
            };
            if let Some(reason) = reason {
                self.uncovered
                    .push((analysis.unit.start, analysis.unit.end, reason));
            }
        }
        // People named in the unit count as mentioned from here on.
        self.mention_names_before(analysis, analysis.unit.end);
        if analysis.headline {
            for draft in &mut drafts {
                draft.needs_review = true;
            }
        }
        drafts.sort_by_key(|d| (d.start, d.end));
        // Two cues can report the same clause ("said, adding that …").
        drafts.dedup_by(|later, earlier| later.start == earlier.start && later.end == earlier.end);
        self.drafts.extend(drafts);
    }

    fn finish(self, options: &ExtractOptions, language: Language, article: &str) -> Extraction {
        let mut parties: Vec<Party> = options
            .parties
            .iter()
            .enumerate()
            .map(|(i, p)| Party {
                id: p.id.clone(),
                name: p.name.clone(),
                role: if i == 0 {
                    Role::Prosecution
                } else if i == 1 {
                    Role::Defense
                } else {
                    Role::Other
                },
            })
            .collect();
        let mut counters: BTreeMap<String, usize> = BTreeMap::new();
        let mut claims = Vec::new();
        let mut used_ids: BTreeSet<String> = parties.iter().map(|p| p.id.clone()).collect();
        used_ids.insert(SOURCE_ID.to_owned());
        for draft in &self.drafts {
            let (party_id, speaker) = match (draft.speaker, &draft.speaker_text) {
                (Some(p), _) => {
                    let person = &self.people.list[p];
                    let id = match &person.party {
                        Some(id) => id.clone(),
                        None => {
                            let joined_name = person
                                .name
                                .split_whitespace()
                                .any(|w| CONNECTORS.contains(&w));
                            // A person goes by their surname; an institution
                            // ("Office for National Statistics") by its name.
                            let base = if joined_name {
                                &person.name
                            } else {
                                &person.key
                            };
                            let id = super::slug(base).unwrap_or_else(|| UNKNOWN_ID.to_owned());
                            if !parties.iter().any(|x| x.id == id) {
                                parties.push(Party {
                                    id: id.clone(),
                                    name: person.name.clone(),
                                    role: Role::Other,
                                });
                            }
                            id
                        }
                    };
                    // The party's own name for its first person ("Beccuau"
                    // → "Laure Beccuau"); the alias as written for a role
                    // noun; a person's own name otherwise ("Tom Reyes").
                    let primary = options
                        .parties
                        .iter()
                        .find(|p| p.id == id && surname_key(&p.name) == person.key);
                    let name = match (&draft.speaker_text, primary) {
                        (Some(shown), _) if !shown.is_empty() => sentence_start(shown),
                        (_, Some(p)) => p.name.clone(),
                        _ => person.name.clone(),
                    };
                    (id, Some(name))
                }
                (None, Some(text)) if text.is_empty() => {
                    if !parties.iter().any(|x| x.id == PRESS_ID) {
                        parties.push(Party {
                            id: PRESS_ID.to_owned(),
                            name: "Press (the article's own voice)".to_owned(),
                            role: Role::Press,
                        });
                    }
                    (PRESS_ID.to_owned(), None)
                }
                (None, text) => {
                    if !parties.iter().any(|x| x.id == UNKNOWN_ID) {
                        parties.push(Party {
                            id: UNKNOWN_ID.to_owned(),
                            name: "Unidentified speakers".to_owned(),
                            role: Role::Other,
                        });
                    }
                    (UNKNOWN_ID.to_owned(), text.clone())
                }
            };
            let n = counters.entry(party_id.clone()).or_insert(0);
            *n += 1;
            let mut id = format!("{party_id}-{n:02}");
            while used_ids.contains(&id) {
                *n += 1;
                id = format!("{party_id}-{n:02}");
            }
            used_ids.insert(id.clone());
            claims.push(Claim {
                id,
                party: party_id,
                speaker,
                text: draft.text.clone(),
                language: None,
                source: Some(SOURCE_ID.to_owned()),
                date: None,
                quote: draft.quote,
                topics: Vec::new(),
                needs_review: draft.needs_review,
                supersedes: None,
                locator: Some(Locator {
                    start: article[..draft.start].chars().count(),
                    end: article[..draft.end].chars().count(),
                }),
            });
        }
        // The spellings of each speaker's name, so that the inference sees
        // `Dourov` and `Pavel Durov` as one entity.
        let mut aliases: Vec<Vec<String>> = Vec::new();
        for person in self.people.list.iter().filter(|p| p.is_person) {
            let canonical = person
                .party
                .as_ref()
                .and_then(|id| options.parties.iter().find(|p| &p.id == id))
                .map_or_else(|| person.name.clone(), |p| p.name.clone());
            let mut group = vec![canonical.clone()];
            group.extend(person.forms.iter().filter(|f| **f != canonical).cloned());
            if group.len() > 1 {
                aliases.push(group);
            }
        }
        let title = article
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .map(str::to_owned);
        let uncovered = self
            .uncovered
            .iter()
            .map(|&(start, end, reason)| Uncovered {
                text: article[start..end].trim().to_owned(),
                locator: Locator {
                    start: article[..start].chars().count(),
                    end: article[..end].chars().count(),
                },
                line: article[..start].matches('\n').count() + 1,
                reason,
            })
            .collect();
        Extraction {
            uncovered,
            skeleton: CaseSkeleton {
                id: options.case_id.clone(),
                title: title.clone(),
                language: Some(language),
                parties,
                sources: vec![Source {
                    id: SOURCE_ID.to_owned(),
                    title,
                    publisher: None,
                    date: None,
                    url: None,
                }],
                aliases,
            },
            claims,
        }
    }
}

/// Upper-cases the first letter.
fn sentence_start(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Upper-cases the first letter and ends with a full stop when the text
/// has no final punctuation.
fn sentence_case(text: &str) -> String {
    let text = text.trim();
    let mut chars = text.chars();
    let mut out: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    };
    if !out.ends_with(['.', '!', '?', '»', '”', '"']) {
        out.push('.');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, parties: &[(&str, &str)]) -> Vec<Claim> {
        let options = ExtractOptions {
            parties: parties
                .iter()
                .map(|(id, name)| PartySpec {
                    id: (*id).to_owned(),
                    name: (*name).to_owned(),
                    aliases: Vec::new(),
                })
                .collect(),
            language: None,
            case_id: "t".to_owned(),
        };
        extract(text, &options).claims
    }

    #[test]
    fn english_quotes_and_reported_speech() {
        let claims = run(
            "Mayor Jane Smith defended the budget on Monday. \"The city has never been in better shape,\" she said. John Brown, the opposition leader, said that the figures were wrong.\n",
            &[("smith", "Jane Smith")],
        );
        let texts: Vec<(&str, &str, bool)> = claims
            .iter()
            .map(|c| (c.party.as_str(), c.text.as_str(), c.quote))
            .collect();
        assert!(
            texts.contains(&("smith", "The city has never been in better shape", true)),
            "{texts:?}"
        );
        assert!(
            texts.contains(&("brown", "The figures were wrong.", false)),
            "{texts:?}"
        );
    }

    #[test]
    fn a_pronoun_refers_back_to_the_last_person_of_its_gender() {
        let claims = run(
            "La ministre Anne Martin a été interrogée. Paul Durand a été arrêté. « Nous ne céderons jamais à la pression des lobbies », a-t-elle déclaré.\n",
            &[],
        );
        let quote = claims.iter().find(|c| c.quote).unwrap();
        assert_eq!(quote.party, "martin");
        assert!(!quote.needs_review);
    }

    fn run_with(text: &str, parties: &[&str]) -> Extraction {
        let options = ExtractOptions {
            parties: parties
                .iter()
                .filter_map(|p| super::super::parse_party(p).ok())
                .collect(),
            language: None,
            case_id: "t".to_owned(),
        };
        extract(text, &options)
    }

    #[test]
    fn a_negated_speech_verb_drafts_no_statement_and_is_listed() {
        let e = run_with(
            "Title line here\n\nJudge Carlos A. Samour Jr. hasn't said whether he will hold a hearing.\n",
            &[],
        );
        assert!(
            e.claims.iter().all(|c| c.party == PRESS_ID),
            "{:?}",
            e.claims
        );
        assert_eq!(e.uncovered.len(), 1, "{:?}", e.uncovered);
        assert_eq!(e.uncovered[0].line, 3);
    }

    #[test]
    fn names_keep_initials_hyphens_and_lose_titles() {
        let e = run_with(
            "Judge Carlos A. Samour Jr. said the hearing would start on Monday.\nMe So-Ah Boyadjian a déclaré que l'enquête était bâclée.\n",
            &[],
        );
        let speakers: Vec<&str> = e
            .claims
            .iter()
            .filter_map(|c| c.speaker.as_deref())
            .collect();
        assert!(speakers.contains(&"Carlos A. Samour Jr"), "{speakers:?}");
        assert!(speakers.contains(&"So-Ah Boyadjian"), "{speakers:?}");
    }

    #[test]
    fn places_platforms_datelines_and_headings_never_speak() {
        let e = run_with(
            "Une sprinteuse suspendue\n\nPARIS — Sur son compte Instagram, elle a dit être « choquée » par la décision.\n\nSour Apple\n\nIn the Aurora Heights theater, prosecutors said the witnesses had lied.\n",
            &["durand=Maëlle Durand", "parquet=Le Parquet|prosecutors"],
        );
        for claim in &e.claims {
            assert!(
                !matches!(
                    claim.party.as_str(),
                    "paris" | "instagram" | "apple" | "heights"
                ),
                "{claim:?}"
            );
        }
        let parquet: Vec<&Claim> = e.claims.iter().filter(|c| c.party == "parquet").collect();
        assert_eq!(parquet.len(), 1, "{:?}", e.claims);
        assert_eq!(parquet[0].speaker.as_deref(), Some("Prosecutors"));
    }

    #[test]
    fn a_denial_keeps_its_cue_in_both_languages() {
        let e = run_with(
            "Le propriétaire, Henri Castaing, a démenti avoir reçu les courriers des locataires.\nThe agency denied that it had ignored the warnings.\n",
            &["defense=Henri Castaing", "agency=Robert Redmond|the agency"],
        );
        let texts: Vec<(&str, &str)> = e
            .claims
            .iter()
            .map(|c| (c.party.as_str(), c.text.as_str()))
            .collect();
        assert!(
            texts.contains(&(
                "defense",
                "Henri Castaing a démenti avoir reçu les courriers des locataires."
            )),
            "{texts:?}"
        );
        assert!(
            texts.contains(&(
                "agency",
                "The agency denied that it had ignored the warnings."
            )),
            "{texts:?}"
        );
    }

    #[test]
    fn locators_are_character_offsets() {
        let article = "Élise a dit : « Ceci est une phrase assez longue pour compter. »\n";
        let claims = run(article, &[]);
        let claim = claims.iter().find(|c| c.quote).unwrap();
        let locator = claim.locator.unwrap();
        let passage: String = article
            .chars()
            .skip(locator.start)
            .take(locator.end - locator.start)
            .collect();
        assert_eq!(passage, claim.text);
    }

    #[test]
    fn a_headline_is_a_first_line_without_final_punctuation_before_a_blank_line() {
        assert_eq!(headline_end("Title here\n\nBody."), "Title here\n".len());
        assert_eq!(
            headline_end("\nTitle here\n\nBody."),
            "\nTitle here\n".len()
        );
        // A sentence, or a first line with no blank line after it, is no
        // headline.
        assert_eq!(headline_end("He said it.\n\nBody."), 0);
        assert_eq!(headline_end("Title here\nBody."), 0);
        assert_eq!(headline_end(""), 0);
    }

    #[test]
    fn a_dateline_is_skipped_only_in_capitals() {
        let unit = |text: &str| Unit {
            start: 0,
            end: text.len(),
            quotes: Vec::new(),
        };
        for (text, body) in [
            ("SACRAMENTO, Calif. — The fire spread.", "The"),
            ("DENVER — Prosecutors said so.", "Prosecutors"),
            ("Paul Hardy — the senator — said so.", "Paul"),
        ] {
            let tokens = tokens(text, &unit(text));
            let first = &tokens[body_start(&tokens)];
            assert_eq!(&text[first.start..first.end], body, "{text}");
        }
    }
}
