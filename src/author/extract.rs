//! `claimgraph extract`: draft claims from a French or English news article.
//!
//! The article is cut into paragraphs (lines), then into sentences with the
//! Unicode sentence boundaries of `unicode-segmentation`; sentences are
//! merged back together when a boundary falls inside a quotation, so that
//! a quotation and the clause that attributes it stay in one unit. In each
//! unit the extractor looks for:
//!
//! - direct quotations in `« »`, `“ ”` and `" "`: a quotation that stands
//!   on its own (capitalised, and either 8 words or more, or introduced by a
//!   colon, or directly followed by a speech cue) becomes one `quote: true`
//!   claim per sentence; a short or lower-case quotation stays inside its
//!   sentence;
//! - speech cues: `a déclaré`, `a-t-il ajouté`, `s'est exprimée`,
//!   `, affirme X`, `insistant sur le fait que`, `selon X`, `said`,
//!   `told`, `according to`, ... The reported clause (`… a ajouté que
//!   CLAUSE`, `CLAUSE, a-t-il déclaré`, `selon X, CLAUSE`) becomes a
//!   paraphrase claim;
//! - the speaker: a name in the subject slot of the cue (`Beccuau a
//!   déclaré`, `said Smith`, `John Brown, the opposition leader, said`;
//!   a leading title is dropped: `Prime Minister Rishi Sunak`), a title
//!   (`le procureur` refers back to the
//!   person introduced as `la procureure … Laure Beccuau`), or a pronoun
//!   (`elle a expliqué` refers to the most recently mentioned woman). The
//!   gender of a name comes from the article itself: titles (`la
//!   procureure`, `Mrs`) and participle agreement (`Durov a été arrêté`,
//!   `Beccuau s'est exprimée`).
//!
//! Sentences with no cue and no quotation are the publication's own voice;
//! they go to a `press` party. Every claim records the character offsets of
//! its passage in the article (`locator`), and claims the extractor is
//! unsure of (a pronoun that could mean two people, a carried-over speaker,
//! a narrator sentence) are marked `needs_review`. Pure: text in, claims
//! out; nothing here knows any particular article.

use std::collections::{BTreeMap, BTreeSet};

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

use crate::model::{Claim, Language, Locator, Party, Role, Source};

use super::PartySpec;
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
        files.sort();
        files
    }
}

/// The id of the source every drafted claim points to.
pub const SOURCE_ID: &str = "article";
/// The id of the party for the publication's own voice.
pub const PRESS_ID: &str = "press";
/// The id of the party for speakers that could not be identified.
pub const UNKNOWN_ID: &str = "unattributed";

/// Drafts the claims of an article.
#[must_use]
pub fn extract(article: &str, options: &ExtractOptions) -> Extraction {
    let language = options.language.unwrap_or_else(|| detect_language(article));
    let units = units(article);
    let mut people = People::default();
    for spec in &options.parties {
        let key = surname_key(&spec.name);
        let person = people.find_or_add(&key, &spec.name);
        people.list[person].is_person = true;
        people.list[person].party = Some(spec.id.clone());
    }
    // Pass 1: names, gender evidence, titles and cues of every unit.
    let analyses: Vec<UnitAnalysis> = units
        .iter()
        .map(|unit| analyse_unit(article, unit, &mut people))
        .collect();
    // Pass 2: resolve speakers in reading order and draft the claims.
    let mut drafter = Drafter {
        article,
        people,
        mentions: Vec::new(),
        last_speaker: None,
        drafts: Vec::new(),
    };
    for analysis in &analyses {
        drafter.draft_unit(analysis);
    }
    drafter.finish(options, language, article)
}

/// The article's language from its text, French or English.
#[must_use]
pub fn detect_language(text: &str) -> Language {
    match whatlang::detect_lang(text) {
        Some(whatlang::Lang::Fra) => Language::Fr,
        Some(whatlang::Lang::Eng) => Language::En,
        _ => {
            let lower = text.to_lowercase();
            let fr = [" le ", " la ", " les ", " des ", " est ", " que "];
            let en = [" the ", " and ", " is ", " of ", " that ", " was "];
            let count = |words: &[&str]| {
                words
                    .iter()
                    .map(|w| lower.matches(w).count())
                    .sum::<usize>()
            };
            if count(&fr) > count(&en) {
                Language::Fr
            } else {
                Language::En
            }
        }
    }
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

fn units(article: &str) -> Vec<Unit> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in article.split_inclusive('\n') {
        let paragraph_start = offset;
        offset += line.len();
        let text = line.trim_end();
        if text.trim().is_empty() {
            continue;
        }
        let quotes = quote_spans(text, paragraph_start);
        let mut unit_start: Option<usize> = None;
        for (start, sentence) in text.split_sentence_bound_indices() {
            let (start, end) = (
                paragraph_start + start,
                paragraph_start + start + sentence.len(),
            );
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
}

const ELIDED: [&str; 12] = [
    "l", "d", "qu", "s", "n", "j", "c", "m", "t", "jusqu", "lorsqu", "puisqu",
];

fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase()
        .replace('’', "'")
}

fn tokens(article: &str, unit: &Unit) -> Vec<Token> {
    let mut out = Vec::new();
    let text = &article[unit.start..unit.end];
    for (offset, piece) in text.split_word_bound_indices() {
        if piece.trim().is_empty() {
            continue;
        }
        let start = unit.start + offset;
        // Split an elided article or pronoun off its word: l'enquête, qu'il.
        let mut parts = vec![(start, piece)];
        if let Some(cut) = piece.find(['\'', '’']) {
            let prefix = fold(&piece[..cut]);
            if ELIDED.contains(&prefix.as_str()) && cut + 3 < piece.len() + 3 {
                let apostrophe_len = piece[cut..].chars().next().map_or(1, char::len_utf8);
                let split = cut + apostrophe_len;
                if split < piece.len() {
                    parts = vec![(start, &piece[..split]), (start + split, &piece[split..])];
                }
            }
        }
        for (s, p) in parts {
            let in_quote = unit.quotes.iter().any(|&(qs, qe)| qs < s && s < qe);
            out.push(Token {
                start: s,
                end: s + p.len(),
                norm: fold(p),
                lower: p.to_lowercase().replace('’', "'"),
                word: p.chars().any(char::is_alphanumeric),
                capital: p.chars().next().is_some_and(char::is_uppercase),
                in_quote,
            });
        }
    }
    out
}

/// French participles that report speech after an auxiliary (`a déclaré`),
/// folded; the English simple past forms are [`ENGLISH_PAST`].
const PAST_CUES: &[&str] = &[
    "declare", "affirme", "ajoute", "explique", "note", "souligne", "indique", "precise", "assure",
    "estime", "dit", "repondu", "confie", "insiste", "rappele", "martele", "annonce", "reconnu",
    "dementi", "nie", "ecrit", "averti", "denonce", "juge", "admis", "raconte", "temoigne",
    "soutenu", "confirme", "signale", "observe", "commente", "exprime", "concede", "maintenu",
    "reitere", "plaide", "objecte", "tranche", "deplore", "conteste", "revele",
];

/// English past forms that are cues without an auxiliary.
const ENGLISH_PAST: &[&str] = &[
    "said",
    "told",
    "stated",
    "added",
    "insisted",
    "explained",
    "noted",
    "claimed",
    "argued",
    "asserted",
    "maintained",
    "declared",
    "announced",
    "warned",
    "wrote",
    "replied",
    "responded",
    "admitted",
    "acknowledged",
    "denied",
    "confirmed",
    "stressed",
    "emphasised",
    "emphasized",
    "affirmed",
    "countered",
    "testified",
    "alleged",
    "contended",
    "observed",
    "remarked",
    "says",
    "tells",
    "states",
    "adds",
    "insists",
    "explains",
    "notes",
    "claims",
    "argues",
    "writes",
    "denies",
    "maintains",
];

/// French present forms, cues when inverted (`, affirme X`) or before `que`.
const PRESENT_CUES: &[&str] = &[
    "declare",
    "affirme",
    "ajoute",
    "explique",
    "souligne",
    "indique",
    "precise",
    "assure",
    "estime",
    "dit",
    "repond",
    "confie",
    "insiste",
    "rappelle",
    "martele",
    "annonce",
    "reconnait",
    "dement",
    "nie",
    "ecrit",
    "avertit",
    "denonce",
    "juge",
    "raconte",
    "temoigne",
    "soutient",
    "confirme",
    "note",
    "observe",
    "conteste",
    "deplore",
];

/// Present participles that report speech (`insistant sur le fait que`).
const PARTICIPLE_CUES: &[&str] = &[
    "declarant",
    "affirmant",
    "ajoutant",
    "expliquant",
    "soulignant",
    "indiquant",
    "precisant",
    "assurant",
    "estimant",
    "disant",
    "repondant",
    "insistant",
    "rappelant",
    "notant",
    "martelant",
    "reconnaissant",
    "denoncant",
    "jugeant",
    "soutenant",
    "confirmant",
    "saying",
    "adding",
    "insisting",
    "explaining",
    "noting",
    "arguing",
    "claiming",
    "stressing",
    "stating",
    "telling",
    "denying",
    "warning",
];

const AUXILIARIES: &[&str] = &[
    "a", "ont", "avait", "avaient", "aurait", "auraient", "has", "have", "had",
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

/// A title: its key (masculine form) and the gender its form shows.
fn title(norm: &str) -> Option<(&'static str, Option<Gender>)> {
    use Gender::{Female as F, Male as M};
    const TITLES: &[(&str, &str, Option<Gender>)] = &[
        ("procureure", "procureur", Some(F)),
        ("procureur", "procureur", Some(M)),
        ("avocate", "avocat", Some(F)),
        ("avocat", "avocat", Some(M)),
        ("presidente", "president", Some(F)),
        ("president", "president", None),
        ("directrice", "directeur", Some(F)),
        ("directeur", "directeur", Some(M)),
        ("deputee", "depute", Some(F)),
        ("depute", "depute", Some(M)),
        ("senatrice", "senateur", Some(F)),
        ("senateur", "senateur", Some(M)),
        ("fondatrice", "fondateur", Some(F)),
        ("fondateur", "fondateur", Some(M)),
        ("dirigeante", "dirigeant", Some(F)),
        ("dirigeant", "dirigeant", Some(M)),
        ("enqueteuse", "enqueteur", Some(F)),
        ("enqueteur", "enqueteur", Some(M)),
        ("inspectrice", "inspecteur", Some(F)),
        ("inspecteur", "inspecteur", Some(M)),
        ("ambassadrice", "ambassadeur", Some(F)),
        ("ambassadeur", "ambassadeur", Some(M)),
        ("chanceliere", "chancelier", Some(F)),
        ("chancelier", "chancelier", Some(M)),
        ("ministre", "ministre", None),
        ("juge", "juge", None),
        ("maire", "maire", None),
        ("pdg", "pdg", None),
        ("ceo", "ceo", None),
        ("commissaire", "commissaire", None),
        ("prosecutor", "procureur", None),
        ("lawyer", "avocat", None),
        ("attorney", "avocat", None),
        ("minister", "ministre", None),
        ("judge", "juge", None),
        ("mayor", "maire", None),
        ("senator", "senateur", None),
        ("spokesman", "spokesperson", Some(M)),
        ("spokeswoman", "spokesperson", Some(F)),
        ("spokesperson", "spokesperson", None),
        ("chairman", "chair", Some(M)),
        ("chairwoman", "chair", Some(F)),
        ("director", "directeur", None),
        ("founder", "fondateur", None),
        ("governor", "governor", None),
        ("mr", "mr", Some(M)),
        ("m", "mr", Some(M)),
        ("sir", "mr", Some(M)),
        ("mrs", "mrs", Some(F)),
        ("ms", "mrs", Some(F)),
        ("miss", "mrs", Some(F)),
        ("mme", "mrs", Some(F)),
    ];
    TITLES
        .iter()
        .find(|(form, _, _)| *form == norm)
        .map(|&(_, key, gender)| (key, gender))
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

fn surname_key(name: &str) -> String {
    name.split_whitespace().last().map(fold).unwrap_or_default()
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
    Pronoun(Gender),
    Title(&'static str, String),
    /// The nearest person named before this token in the unit.
    Preceding,
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
}

#[derive(Debug, Clone)]
struct UnitAnalysis {
    unit: Unit,
    tokens: Vec<Token>,
    names: Vec<NameRun>,
    cues: Vec<Cue>,
    /// Quotes that stand on their own.
    standalone: Vec<(usize, usize)>,
}

fn analyse_unit(article: &str, unit: &Unit, people: &mut People) -> UnitAnalysis {
    let tokens = tokens(article, unit);
    let names = name_runs(article, &tokens, people);
    gender_evidence(&tokens, &names, people);
    let cues = cues(&tokens, &names);
    for cue in &cues {
        if let Subject::Name(person) = cue.subject {
            people.list[person].is_person = true;
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
        cues,
        standalone,
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
            && title(&t.norm).is_none();
        if !starts {
            i += 1;
            continue;
        }
        let mut last = i;
        while last + 1 < tokens.len() {
            let next = &tokens[last + 1];
            let joined = next.start == tokens[last].end
                || article[tokens[last].end..next.start].trim().is_empty();
            if next.word
                && next.capital
                && !next.in_quote
                && joined
                && !NOT_NAMES.contains(&next.norm.as_str())
            {
                last += 1;
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
        // "Prime Minister Rishi Sunak": the name starts after the title.
        let start = match (i..last).rev().find(|&k| title(&tokens[k].norm).is_some()) {
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
        let name = &article[tokens[first].start..tokens[last].end];
        let key = fold(&tokens[last].lower);
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
                let person = &mut people.list[run.person];
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

/// The name, title or pronoun in tokens `from..to`, the last one found.
fn subject_in(
    tokens: &[Token],
    names: &[NameRun],
    from: usize,
    to: usize,
    prefer_last: bool,
) -> Subject {
    let mut found = Subject::None;
    let range: Vec<usize> = (from..to).collect();
    let ordered: Box<dyn Iterator<Item = &usize>> = if prefer_last {
        Box::new(range.iter())
    } else {
        Box::new(range.iter().rev())
    };
    for &i in ordered {
        if let Some(run) = names.iter().find(|r| r.first <= i && i <= r.last) {
            found = Subject::Name(run.person);
        } else if let Some(gender) = pronoun_gender(&tokens[i].norm) {
            if tokens[i].word && !matches!(found, Subject::Name(_)) {
                found = Subject::Pronoun(gender);
            }
        } else if let Some((key, _)) = title(&tokens[i].norm) {
            if !matches!(found, Subject::Name(_)) {
                let shown_from = i.saturating_sub(1);
                let shown_from =
                    if matches!(tokens[shown_from].norm.as_str(), "le" | "la" | "l'" | "the") {
                        shown_from
                    } else {
                        i
                    };
                found = Subject::Title(
                    key,
                    tokens[shown_from..=i]
                        .iter()
                        .map(|t| t.lower.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                );
            }
        }
    }
    found
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
            is_clause_break(&tokens[k]) || tokens[k].in_quote || is_punct(&tokens[k], &["."])
        })
        .unwrap_or(tokens.len())
}

fn cues(tokens: &[Token], names: &[NameRun]) -> Vec<Cue> {
    let mut out = Vec::new();
    let n = tokens.len();
    let mut i = 0;
    while i < n {
        let t = &tokens[i];
        if !t.word || t.in_quote {
            i += 1;
            continue;
        }
        let norm = t.norm.as_str();
        let prev = i.checked_sub(1).map(|k| tokens[k].norm.as_str());
        // "a déclaré", "a-t-il déclaré", "s'est exprimée", "said".
        let participle = PAST_CUES.iter().chain(ENGLISH_PAST).any(|c| {
            norm == *c
                || norm.strip_suffix('e').is_some_and(|s| s == *c)
                || norm.strip_suffix("es").is_some_and(|s| s == *c)
                || norm.strip_suffix('s').is_some_and(|s| s == *c)
        });
        if participle {
            // Find the auxiliary and any inverted pronoun before the participle.
            let (aux_at, inverted) = if i >= 5
                && tokens[i - 5].norm == "a"
                && tokens[i - 3].norm == "t"
                && pronoun_gender(&tokens[i - 1].norm).is_some()
            {
                (Some(i - 5), Some(i - 1))
            } else if prev.is_some_and(|p| AUXILIARIES.contains(&p)) {
                (Some(i - 1), None)
            } else if i >= 2 && prev == Some("est") && tokens[i - 2].norm == "s'" {
                (Some(i - 2), None)
            } else if i >= 2 && prev == Some("ete") {
                // A passive ("a été dit") is not a statement by the subject.
                (None, None)
            } else if ENGLISH_PAST.contains(&norm) {
                (Some(i), None)
            } else {
                (None, None)
            };
            if let Some(aux) = aux_at {
                let mut subject_after = false;
                let subject = if let Some(p) = inverted {
                    pronoun_gender(&tokens[p].norm).map_or(Subject::None, Subject::Pronoun)
                } else {
                    let start = clause_start(tokens, aux);
                    // "John Brown, the opposition leader, said": the name
                    // is in a short clause before an apposition.
                    let mut before_apposition = Subject::None;
                    let mut end = start;
                    for _ in 0..2 {
                        if end < 2 || tokens[end - 1].norm != "," {
                            break;
                        }
                        let outer = clause_start(tokens, end - 1);
                        if end - 1 - outer > 5 {
                            break;
                        }
                        before_apposition = subject_in(tokens, names, outer, end - 1, true);
                        if !matches!(before_apposition, Subject::None) {
                            break;
                        }
                        end = outer;
                    }
                    match subject_in(tokens, names, start, aux, true) {
                        Subject::None if !matches!(before_apposition, Subject::None) => {
                            before_apposition
                        }
                        Subject::None => {
                            subject_after = true;
                            subject_in(tokens, names, i + 1, clause_end(tokens, i + 1), false)
                        }
                        s => s,
                    }
                };
                let content = content_after(tokens, i + 1)
                    .or_else(|| content_before(tokens, aux, i + 1, subject_after))
                    .or_else(|| {
                        // "Smith said the figures were wrong": English drops
                        // "that" after a subject.
                        (!subject_after && ENGLISH_PAST.contains(&norm))
                            .then(|| bare_clause(tokens, i + 1))
                            .flatten()
                    });
                out.push(Cue {
                    at: i,
                    subject,
                    content,
                    cut: false,
                });
                i += 1;
                continue;
            }
        }
        // ", affirme Laure Beccuau", "affirme-t-il", "X affirme que".
        if PRESENT_CUES.contains(&norm) {
            let next = tokens.get(i + 1);
            let inverted_pronoun = next.is_some_and(|t| t.norm == "-")
                && tokens.get(i + 2).is_some_and(|t| t.norm == "t")
                && tokens
                    .get(i + 4)
                    .is_some_and(|t| pronoun_gender(&t.norm).is_some());
            let after_comma = prev == Some(",");
            let before_que = next.is_some_and(|t| COMPLEMENTISERS.contains(&t.norm.as_str()));
            if inverted_pronoun {
                let p = i + 4;
                let subject =
                    pronoun_gender(&tokens[p].norm).map_or(Subject::None, Subject::Pronoun);
                let content = content_after(tokens, p + 1)
                    .or_else(|| content_before(tokens, i, p + 1, false));
                out.push(Cue {
                    at: i,
                    subject,
                    content,
                    cut: false,
                });
            } else if after_comma {
                let subject = subject_in(tokens, names, i + 1, clause_end(tokens, i + 1), false);
                if !matches!(subject, Subject::None) {
                    let content = content_before(tokens, i, i + 1, true);
                    out.push(Cue {
                        at: i,
                        subject,
                        content,
                        cut: false,
                    });
                }
            } else if before_que {
                let start = clause_start(tokens, i);
                let subject = subject_in(tokens, names, start, i, true);
                if !matches!(subject, Subject::None) {
                    out.push(Cue {
                        at: i,
                        subject,
                        content: content_after(tokens, i + 1),
                        cut: false,
                    });
                }
            }
            i += 1;
            continue;
        }
        // "insistant sur le fait que", "adding that".
        if PARTICIPLE_CUES.contains(&norm) {
            if let Some(content) = content_after(tokens, i + 1) {
                out.push(Cue {
                    at: i,
                    subject: Subject::Preceding,
                    content: Some(content),
                    cut: false,
                });
            }
            i += 1;
            continue;
        }
        // "selon X", "d'après X", "according to X".
        let preposition = match norm {
            "selon" => Some(i + 1),
            "apres" if prev == Some("d'") => Some(i + 1),
            "according" if tokens.get(i + 1).is_some_and(|t| t.norm == "to") => Some(i + 2),
            _ => None,
        };
        if let Some(from) = preposition {
            let relative = tokens.get(from).is_some_and(|t| {
                t.norm.starts_with("lequel")
                    || t.norm.starts_with("laquelle")
                    || t.norm.starts_with("lesquel")
                    || t.norm == "moi"
            });
            if !relative {
                let to = clause_end(tokens, from);
                let subject = subject_in(tokens, names, from, to, false);
                if !matches!(subject, Subject::None) {
                    let starts_unit = clause_start(tokens, i) == 0
                        && (0..i).all(|k| !tokens[k].word || k + 1 == i && tokens[k].norm == "d'");
                    let content = if starts_unit && to < n && tokens[to].norm == "," {
                        Some((
                            tokens.get(to + 1).map_or(tokens[to].end, |t| t.start),
                            tokens[n - 1].end,
                        ))
                    } else {
                        content_before(tokens, if norm == "apres" { i - 1 } else { i }, i + 1, true)
                    };
                    out.push(Cue {
                        at: i,
                        subject,
                        content,
                        cut: false,
                    });
                }
            }
        }
        i += 1;
    }
    out
}

/// "… a ajouté que CLAUSE": the clause after a complementiser that follows
/// the cue within a few words.
fn content_after(tokens: &[Token], from: usize) -> Option<(usize, usize)> {
    for k in from..tokens.len().min(from + 6) {
        let t = &tokens[k];
        if t.in_quote || (is_clause_break(t) && t.norm != ",") {
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
    // procureur") and the final punctuation.
    let rest = if subject_after {
        clause_end(tokens, verb_end)
    } else {
        verb_end
    };
    if tokens[rest.min(tokens.len())..].iter().any(|t| t.word) {
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
    Some((tokens[0].start, tokens[last - 1].end))
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
        cue.content = (words >= 3).then_some((trimmed_start, trimmed_start + trimmed.len()));
    }
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
    ) -> (Option<usize>, Option<String>, bool) {
        let at = analysis.tokens[cue.at].start;
        self.mention_names_before(analysis, at);
        match &cue.subject {
            Subject::Name(p) => (Some(*p), None, false),
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
                match (matching, unknown) {
                    (Some(m), Some(u)) => (Some(recent[m]), None, u < m),
                    (Some(m), None) => (Some(recent[m]), None, false),
                    (None, Some(u)) => (Some(recent[u]), None, true),
                    (None, None) => (None, None, true),
                }
            }
            Subject::Title(key, shown) => {
                let holders: Vec<usize> = (0..self.people.list.len())
                    .filter(|&p| self.people.list[p].titles.contains(key))
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
                let before: Vec<&NameRun> = analysis
                    .names
                    .iter()
                    .filter(|r| r.last < cue.at && self.people.list[r.person].is_person)
                    .collect();
                match before.last() {
                    Some(run) => (Some(run.person), None, false),
                    None => (self.last_speaker, None, true),
                }
            }
            Subject::None => (self.last_speaker, None, true),
        }
    }

    fn draft_unit(&mut self, analysis: &UnitAnalysis) {
        let article = self.article;
        let mut resolved = Vec::new();
        for cue in &analysis.cues {
            let (speaker, text, unsure) = self.resolve(analysis, cue);
            if let Some(p) = speaker {
                self.mentions.push((analysis.tokens[cue.at].start, p));
                self.mentions.sort_unstable();
                self.last_speaker = Some(p);
            }
            resolved.push((speaker, text, unsure));
        }
        let mut drafts = Vec::new();
        for (cue, (speaker, speaker_text, unsure)) in analysis.cues.iter().zip(&resolved) {
            if let Some((start, end)) = cue.content {
                drafts.push(Draft {
                    speaker: *speaker,
                    speaker_text: speaker_text.clone(),
                    text: sentence_case(&article[start..end]),
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
                let text = sentence.trim();
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
        // People named in the unit count as mentioned from here on.
        self.mention_names_before(analysis, analysis.unit.end);
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
                    let name = options
                        .parties
                        .iter()
                        .find(|p| p.id == id)
                        .map_or_else(|| person.name.clone(), |p| p.name.clone());
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
        Extraction {
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
            texts.contains(&("smith", "The city has never been in better shape,", true)),
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
}
