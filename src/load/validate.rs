//! Merging parsed claim files into one [`Case`] and checking what a schema
//! cannot: unique ids, references that resolve, non-empty text, sane
//! annotations and settings.

use std::collections::BTreeMap;

use unicode_normalization::UnicodeNormalization;

use super::{Limits, Origin, Parsed, Problem};
use crate::FastMap;
use crate::case::Case;
use crate::config::{Config, ConfigFile};
use crate::model::{Annotation, CaseMeta, Claim, FORMAT_V1, PointTitle, StatusAnnotation};

/// Merges the files and validates the result. Returns `None` when a problem
/// makes the case unusable; every problem is pushed to `problems`.
pub(crate) fn merge(
    parsed: &Parsed,
    file_names: &[String],
    default_id: &str,
    limits: Limits,
    problems: &mut Vec<Problem>,
) -> Option<Case> {
    // Items are placed in their source file, which a file that could not
    // be parsed at all shifts away from the index in `parsed.files`.
    let root = |file_idx: usize| Origin {
        file: parsed.file_of.get(file_idx).copied().unwrap_or(file_idx),
        line: None,
        pointer: String::new(),
    };
    let mut meta: Option<(CaseMeta, Origin)> = None;
    let mut config: Option<(ConfigFile, Origin)> = None;
    // Ids are unique across parties, sources and claims, and no two may
    // differ only by case or Unicode normalisation.
    let mut ids = Ids::default();
    let mut parties = Vec::new();
    let mut sources = Vec::new();
    let mut claims = Vec::new();
    let mut annotations: Vec<(&Annotation, Origin)> = Vec::new();
    let mut statuses: Vec<(&StatusAnnotation, Origin)> = Vec::new();
    let mut point_titles: Vec<(&PointTitle, Origin)> = Vec::new();

    for (file_idx, file) in parsed.files.iter().enumerate() {
        let origin = root(file_idx);
        if let Some(format) = &file.format {
            if format != FORMAT_V1 {
                problems.push(
                    Problem::new(
                        origin.child("format"),
                        format!("unsupported format \"{format}\""),
                    )
                    .help(format!("this version reads \"{FORMAT_V1}\"")),
                );
            }
        }
        if let Some(case_meta) = &file.case {
            let here = origin.child("case");
            check_chars(&case_meta.id, &here.child("id"), "case id", false, problems);
            for (field, value) in [
                ("title", &case_meta.title),
                ("description", &case_meta.description),
            ] {
                if let Some(value) = value {
                    check_chars(value, &here.child(field), field, true, problems);
                }
            }
            match &meta {
                Some((_, first)) => problems.push(Problem::new(
                    here,
                    format!(
                        "case metadata given twice (first in {})",
                        file_names.get(first.file).map_or("?", String::as_str)
                    ),
                )),
                None => meta = Some((case_meta.clone(), here)),
            }
        }
        if let Some(file_config) = &file.config {
            let here = origin.child("config");
            match &config {
                Some((_, first)) => problems.push(Problem::new(
                    here,
                    format!(
                        "config given twice (first in {})",
                        file_names.get(first.file).map_or("?", String::as_str)
                    ),
                )),
                None => {
                    check_config(file_config, &here, problems);
                    config = Some((file_config.clone(), here));
                }
            }
        }
        for (i, party) in file.parties.iter().enumerate() {
            let here = origin.child("parties").child(&i.to_string());
            claim_id(&mut ids, &party.id, "party", &here, problems);
            check_chars(
                &party.name,
                &here.child("name"),
                "party name",
                false,
                problems,
            );
            parties.push(party.clone());
        }
        for (i, source) in file.sources.iter().enumerate() {
            let here = origin.child("sources").child(&i.to_string());
            claim_id(&mut ids, &source.id, "source", &here, problems);
            for (field, value) in [
                ("title", &source.title),
                ("publisher", &source.publisher),
                ("url", &source.url),
            ] {
                if let Some(value) = value {
                    check_chars(value, &here.child(field), field, false, problems);
                }
            }
            if let Some(date) = &source.date {
                check_date(date, &here.child("date"), problems);
            }
            sources.push(source.clone());
        }
        for (i, annotation) in file.annotations.iter().enumerate() {
            let here = origin.child("annotations").child(&i.to_string());
            for (field, value) in [("note", &annotation.note), ("author", &annotation.author)] {
                if let Some(value) = value {
                    check_chars(value, &here.child(field), field, field == "note", problems);
                }
            }
            annotations.push((annotation, here));
        }
        for (i, status) in file.statuses.iter().enumerate() {
            let here = origin.child("statuses").child(&i.to_string());
            for (field, value) in [("note", &status.note), ("author", &status.author)] {
                if let Some(value) = value {
                    check_chars(value, &here.child(field), field, field == "note", problems);
                }
            }
            statuses.push((status, here));
        }
        for (i, point) in file.points.iter().enumerate() {
            let here = origin.child("points").child(&i.to_string());
            check_chars(&point.title, &here.child("title"), "title", false, problems);
            point_titles.push((point, here));
        }
    }
    for (file_idx, file) in parsed.files.iter().enumerate() {
        for (claim, here) in file.claims.iter().zip(&parsed.claim_origins[file_idx]) {
            claim_id(&mut ids, &claim.id, "claim", here, problems);
            check_chars(
                &claim.text,
                &here.child("text"),
                "claim text",
                true,
                problems,
            );
            if let Some(speaker) = &claim.speaker {
                check_chars(speaker, &here.child("speaker"), "speaker", false, problems);
            }
            for (i, topic) in claim.topics.iter().enumerate() {
                check_chars(
                    topic,
                    &here.child("topics").child(&i.to_string()),
                    "topic",
                    false,
                    problems,
                );
            }
            claims.push((claim, here.clone()));
        }
    }
    if claims.len() > limits.max_claims {
        problems.push(
            Problem::new(
                root(0),
                format!(
                    "the case has {} claims, over the limit of {}",
                    claims.len(),
                    limits.max_claims
                ),
            )
            .help("raise --max-claims if this machine has the memory"),
        );
        return None;
    }

    let party_ids: Vec<&str> = parties.iter().map(|p| p.id.as_str()).collect();
    let source_ids: Vec<&str> = sources.iter().map(|s| s.id.as_str()).collect();
    for (claim, here) in &claims {
        if !party_ids.contains(&claim.party.as_str()) {
            problems.push(unknown_ref(
                here.child("party"),
                "party",
                &claim.party,
                &party_ids,
            ));
        }
        if let Some(source) = &claim.source {
            if !source_ids.contains(&source.as_str()) {
                problems.push(unknown_ref(
                    here.child("source"),
                    "source",
                    source,
                    &source_ids,
                ));
            }
        }
        if claim.text.trim().is_empty() {
            problems.push(
                Problem::new(here.child("text"), "empty claim text")
                    .help("write the statement, or remove the claim"),
            );
        } else if claim.text.len() > limits.max_claim_bytes {
            problems.push(
                Problem::new(
                    here.child("text"),
                    format!(
                        "claim text is {} bytes, over the limit of {} bytes",
                        claim.text.len(),
                        limits.max_claim_bytes
                    ),
                )
                .help("split the statement into several claims or raise --max-claim-bytes"),
            );
        }
        if let Some(date) = &claim.date {
            check_date(date, &here.child("date"), problems);
        }
        if let Some(locator) = &claim.locator {
            if locator.start > locator.end {
                problems.push(
                    Problem::new(
                        here.child("locator"),
                        format!(
                            "locator starts at {} after it ends at {}",
                            locator.start, locator.end
                        ),
                    )
                    .help("start is the offset of the first character, end one past the last"),
                );
            }
        }
    }

    let claim_ids: FastMap<&str, ()> = claims.iter().map(|(c, _)| (c.id.as_str(), ())).collect();
    let mut sorted_claim_ids: Vec<&str> = claim_ids.keys().copied().collect();
    sorted_claim_ids.sort_unstable();
    // Each unordered pair may be annotated once.
    let mut pairs: BTreeMap<(&str, &str), (&Annotation, &Origin)> = BTreeMap::new();
    for (annotation, here) in &annotations {
        let [a, b] = &annotation.claims;
        let mut ok = true;
        for (i, id) in [a, b].into_iter().enumerate() {
            if !claim_ids.contains_key(id.as_str()) {
                problems.push(unknown_ref(
                    here.child("claims").child(&i.to_string()),
                    "claim",
                    id,
                    &sorted_claim_ids,
                ));
                ok = false;
            }
        }
        if a == b {
            problems.push(
                Problem::new(
                    here.child("claims"),
                    format!("annotation links claim \"{a}\" with itself"),
                )
                .help("an annotation relates two different claims"),
            );
            continue;
        }
        if !ok {
            continue;
        }
        let key = if a < b {
            (a.as_str(), b.as_str())
        } else {
            (b.as_str(), a.as_str())
        };
        if let Some((first, first_origin)) = pairs.get(&key) {
            let where_first = file_names
                .get(first_origin.file)
                .map_or("?", String::as_str);
            let message = if first.relation == annotation.relation {
                format!(
                    "duplicate annotation of \"{}\" and \"{}\" (first in {where_first})",
                    key.0, key.1
                )
            } else {
                format!(
                    "annotations disagree on \"{}\" and \"{}\": {} here, {} in {where_first}",
                    key.0,
                    key.1,
                    annotation.relation.as_str(),
                    first.relation.as_str()
                )
            };
            problems.push(
                Problem::new(here.child("relation"), message)
                    .help("keep one annotation per pair of claims"),
            );
            continue;
        }
        pairs.insert(key, (annotation, here));
    }

    check_supersedes(&claims, &sorted_claim_ids, problems);
    let statuses = check_statuses(&statuses, &sorted_claim_ids, &party_ids, problems);
    check_point_titles(&point_titles, &sorted_claim_ids, problems);

    parties.sort_by(|a, b| a.id.cmp(&b.id));
    sources.sort_by(|a, b| a.id.cmp(&b.id));
    let mut claims: Vec<_> = claims.into_iter().map(|(c, _)| c.clone()).collect();
    claims.sort_by(|a, b| a.id.cmp(&b.id));
    let mut annotations: Vec<Annotation> = pairs.values().map(|(a, _)| (*a).clone()).collect();
    annotations.sort_by(|x, y| {
        sorted_pair(&x.claims)
            .cmp(&sorted_pair(&y.claims))
            .then(x.relation.cmp(&y.relation))
    });
    let mut files = file_names.to_vec();
    files.sort();
    Some(Case {
        meta: meta.map_or_else(
            || CaseMeta {
                id: default_id.to_owned(),
                ..CaseMeta::default()
            },
            |(m, _)| m,
        ),
        parties,
        sources,
        claims,
        annotations,
        statuses,
        points: point_titles.iter().map(|(p, _)| (*p).clone()).collect(),
        config: Config::resolve(config.as_ref().map(|(c, _)| c)),
        files,
    })
}

/// A claim may revise an earlier claim of its own party; the chain of
/// revisions must end.
fn check_supersedes(claims: &[(&Claim, Origin)], known: &[&str], problems: &mut Vec<Problem>) {
    let by_id: FastMap<&str, &Claim> = claims.iter().map(|(c, _)| (c.id.as_str(), *c)).collect();
    for (claim, here) in claims {
        let Some(old_id) = claim.supersedes.as_deref() else {
            continue;
        };
        let at = here.child("supersedes");
        if old_id == claim.id {
            problems.push(
                Problem::new(at, format!("claim \"{old_id}\" supersedes itself"))
                    .help("name the earlier claim that this one revises"),
            );
            continue;
        }
        let Some(old) = by_id.get(old_id) else {
            problems.push(unknown_ref(at, "claim", old_id, known));
            continue;
        };
        if old.party != claim.party {
            problems.push(
                Problem::new(
                    at,
                    format!(
                        "claim \"{}\" of party \"{}\" supersedes \"{old_id}\" of party \"{}\"",
                        claim.id, claim.party, old.party
                    ),
                )
                .help("a claim can only revise a statement of its own party"),
            );
            continue;
        }
        // Follow the chain; a cycle is reported once, at its smallest id.
        let mut chain = vec![claim.id.as_str()];
        let mut next = Some(old_id);
        while let Some(id) = next {
            if id == claim.id {
                if chain.iter().all(|c| claim.id.as_str() <= *c) {
                    chain.push(id);
                    problems.push(
                        Problem::new(
                            here.child("supersedes"),
                            format!("supersedes cycle: {}", chain.join(" -> ")),
                        )
                        .help("a revision must point to an earlier claim; remove one supersedes"),
                    );
                }
                break;
            }
            if chain.contains(&id) || chain.len() > by_id.len() {
                // A cycle that does not pass through this claim is reported
                // by one of its own members.
                break;
            }
            chain.push(id);
            next = by_id.get(id).and_then(|c| c.supersedes.as_deref());
        }
    }
}

/// Checks the statuses set by hand and returns them sorted by claim id.
fn check_statuses(
    statuses: &[(&StatusAnnotation, Origin)],
    claim_ids: &[&str],
    party_ids: &[&str],
    problems: &mut Vec<Problem>,
) -> Vec<StatusAnnotation> {
    let mut by_claim: BTreeMap<&str, (&StatusAnnotation, &Origin)> = BTreeMap::new();
    for (status, here) in statuses {
        let mut ok = true;
        if claim_ids.binary_search(&status.claim.as_str()).is_err() {
            problems.push(unknown_ref(
                here.child("claim"),
                "claim",
                &status.claim,
                claim_ids,
            ));
            ok = false;
        }
        for (i, party) in status.parties.iter().enumerate() {
            if !party_ids.contains(&party.as_str()) {
                problems.push(unknown_ref(
                    here.child("parties").child(&i.to_string()),
                    "party",
                    party,
                    party_ids,
                ));
            }
        }
        if !ok {
            continue;
        }
        if let Some((_, first)) = by_claim.get(status.claim.as_str()) {
            problems.push(
                Problem::new(
                    here.child("claim"),
                    format!("status of claim \"{}\" set twice", status.claim),
                )
                .related(first.child("claim"))
                .help("keep one status per claim"),
            );
            continue;
        }
        by_claim.insert(status.claim.as_str(), (status, here));
    }
    by_claim.into_values().map(|(s, _)| s.clone()).collect()
}

/// Checks the titles set by hand: each names known claims, each claim in
/// one title at most, and says something.
fn check_point_titles(
    points: &[(&PointTitle, Origin)],
    claim_ids: &[&str],
    problems: &mut Vec<Problem>,
) {
    let mut titled: BTreeMap<&str, Origin> = BTreeMap::new();
    for (point, here) in points {
        if point.title.trim().is_empty() {
            problems.push(
                Problem::new(here.child("title"), "empty point title")
                    .help("write the title readers should see, or remove the entry"),
            );
        }
        if point.claims.is_empty() {
            problems.push(
                Problem::new(here.child("claims"), "point title names no claim")
                    .help("list the ids of claims in the disputed point, one of each side"),
            );
        }
        for (i, id) in point.claims.iter().enumerate() {
            let at = here.child("claims").child(&i.to_string());
            if claim_ids.binary_search(&id.as_str()).is_err() {
                problems.push(unknown_ref(at, "claim", id, claim_ids));
                continue;
            }
            if let Some(first) = titled.get(id.as_str()) {
                problems.push(
                    Problem::new(at, format!("claim \"{id}\" is named by two point titles"))
                        .related(first.clone())
                        .help("name each disputed point once; a claim belongs to one point"),
                );
                continue;
            }
            titled.insert(id.as_str(), at);
        }
    }
}

fn sorted_pair(pair: &[String; 2]) -> (&str, &str) {
    if pair[0] <= pair[1] {
        (&pair[0], &pair[1])
    } else {
        (&pair[1], &pair[0])
    }
}

/// Every id defined so far, exactly and folded (NFC, then lower case).
#[derive(Default)]
struct Ids<'a> {
    exact: FastMap<&'a str, (&'static str, Origin)>,
    folded: FastMap<String, &'a str>,
}

fn claim_id<'a>(
    ids: &mut Ids<'a>,
    id: &'a str,
    kind: &'static str,
    here: &Origin,
    problems: &mut Vec<Problem>,
) {
    if id.trim().is_empty() {
        problems.push(Problem::new(here.child("id"), format!("empty {kind} id")));
        return;
    }
    // A case has a million ids: the checks build their messages (and the
    // id's position) only for an id that fails them.
    if id.chars().any(char::is_control) {
        check_chars(
            id,
            &here.child("id"),
            &format!("{kind} id"),
            false,
            problems,
        );
    }
    check_id_looks(id, here, kind, problems);
    if let Some((first_kind, first)) = ids.exact.get(id) {
        problems.push(
            Problem::new(here.child("id"), format!("duplicate id \"{id}\" of a {kind}"))
                .related(first.child("id"))
                .help(format!(
                    "the first is a {first_kind}; ids are unique across parties, sources and claims, so rename one"
                )),
        );
        return;
    }
    let folded: String = if id.is_ascii() {
        id.to_ascii_lowercase()
    } else {
        id.nfc().collect::<String>().to_lowercase()
    };
    if let Some(other) = ids.folded.get(&folded) {
        if let Some((first_kind, first)) = ids.exact.get(other) {
            // Escaped (Rust debug form) so that the two ids look different
            // in the message: "Cafe\u{301}" against "Café".
            let (shown, shown_other, how) = if id.nfc().eq(other.nfc()) {
                (
                    format!("{id:?}"),
                    format!("{other:?}"),
                    "Unicode normalisation",
                )
            } else if id.to_lowercase() == other.to_lowercase() {
                (format!("\"{id}\""), format!("\"{other}\""), "case")
            } else {
                (
                    format!("{id:?}"),
                    format!("{other:?}"),
                    "case and Unicode normalisation",
                )
            };
            problems.push(
                Problem::new(
                    here.child("id"),
                    format!("{kind} id {shown} differs from the {first_kind} id {shown_other} only by {how}"),
                )
                .related(first.child("id"))
                .help("ids that look alike are easy to confuse in references; rename one"),
            );
        }
    } else {
        ids.folded.insert(folded, id);
    }
    ids.exact.insert(id, (kind, here.clone()));
}

/// Rejects control characters, which could rewrite a terminal (escape
/// sequences) or hide text in a report. Tabs and line breaks are allowed
/// where `multiline` is true (claim text, notes, descriptions).
fn check_chars(
    value: &str,
    here: &Origin,
    what: &str,
    multiline: bool,
    problems: &mut Vec<Problem>,
) {
    let bad = value.chars().find(|&c| {
        let allowed = multiline && matches!(c, '\n' | '\r' | '\t');
        c.is_control() && !allowed
    });
    if let Some(c) = bad {
        problems.push(
            Problem::new(
                here.clone(),
                format!("control character U+{:04X} in {what}", u32::from(c)),
            )
            .help(if multiline {
                "remove it; only tabs and line breaks are allowed"
            } else {
                "remove it; this field is a single line of printable text"
            }),
        );
    }
}

fn unknown_ref(here: Origin, kind: &str, id: &str, known: &[&str]) -> Problem {
    let help = match super::shape::suggest(id, known.iter().copied()) {
        Some(s) => format!("did you mean \"{s}\"?"),
        None if known.is_empty() => {
            format!("no {kind} is defined; define it in one of the case's files")
        }
        None if known.len() <= 12 => format!("known {kind} ids: {}", known.join(", ")),
        None => format!("define the {kind} first"),
    };
    let mut problem = Problem::new(here, format!("unknown {kind} \"{id}\"")).help(help);
    problem.unresolved = Some(id.to_owned());
    problem
}

fn check_config(config: &ConfigFile, here: &Origin, problems: &mut Vec<Problem>) {
    let unit = [
        ("related_threshold", config.related_threshold),
        ("support_threshold", config.support_threshold),
        ("min_score", config.min_score),
        ("min_confidence", config.min_confidence),
        ("min_calibrated", config.min_calibrated),
        ("fuzzy_threshold", config.fuzzy_threshold),
        ("same_speaker_factor", config.same_speaker_factor),
    ];
    for (name, value) in unit {
        if let Some(v) = value {
            if !(0.0..=1.0).contains(&v) {
                problems.push(
                    Problem::new(here.child(name), format!("{name} must be between 0 and 1"))
                        .help(format!("found {v}")),
                );
            }
        }
    }
    if config.strong_anchors == Some(0) {
        problems.push(
            Problem::new(
                here.child("strong_anchors"),
                "strong_anchors must be at least 1",
            )
            .help("with 0 every pair of claims would count as related"),
        );
    }
    if config.max_relations_per_claim == Some(0) {
        problems.push(
            Problem::new(
                here.child("max_relations_per_claim"),
                "max_relations_per_claim must be at least 1",
            )
            .help("with 0 no claim would keep an inferred relation; remove the field for the default (16)"),
        );
    }
    // Either threshold may be left at its default: the pair that the
    // inference will use is compared, not only two given values.
    if config.support_threshold.is_some() || config.related_threshold.is_some() {
        let defaults = crate::config::Config::default();
        let support = config
            .support_threshold
            .unwrap_or(defaults.support_threshold);
        let related = config
            .related_threshold
            .unwrap_or(defaults.related_threshold);
        if support < related {
            let (field, help) = match (config.support_threshold, config.related_threshold) {
                (Some(_), Some(_)) => ("support_threshold", format!("found {support} < {related}")),
                (Some(_), None) => (
                    "support_threshold",
                    format!("found {support} < {related} (the default related_threshold)"),
                ),
                _ => (
                    "related_threshold",
                    format!("found {related} > {support} (the default support_threshold)"),
                ),
            };
            problems.push(
                Problem::new(
                    here.child(field),
                    "support_threshold must not be below related_threshold",
                )
                .help(help),
            );
        }
    }
    for (i, group) in config.aliases.iter().enumerate() {
        if group.len() < 2 || group.iter().any(|a| a.trim().is_empty()) {
            problems.push(
                Problem::new(
                    here.child("aliases").child(&i.to_string()),
                    "an alias group needs at least two non-empty names",
                )
                .help("write the canonical name first, e.g. [\"Telegram\", \"la plateforme\"]"),
            );
        }
    }
}

/// Accepts `YYYY`, `YYYY-MM` and `YYYY-MM-DD` with plausible fields.
/// True for a date written `YYYY-MM-DD`, `YYYY-MM` or `YYYY` that exists
/// on the calendar (no 2024-02-30, no 2023-02-29).
#[must_use]
pub fn is_valid_date(date: &str) -> bool {
    let parts: Vec<&str> = date.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let number = |s: &str| s.parse::<u32>().unwrap_or(0);
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && (1..=12).contains(&number(m)),
        [y, m, d] => {
            digits(y, 4)
                && digits(m, 2)
                && digits(d, 2)
                && (1..=12).contains(&number(m))
                && (1..=days_in_month(number(y), number(m))).contains(&number(d))
        }
        _ => false,
    }
}

/// The number of days of a month of the Gregorian calendar.
fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// Refuses an id that does not look like what it is: one holding a format
/// character (a bidi control, a zero-width space or joiner), a line
/// separator, or an unassigned code point, which shows as nothing or as
/// something else (`r\u{200b}s` looks like `rs`). Controls are reported by
/// [`check_chars`]. `here` is the object that holds the id.
fn check_id_looks(id: &str, here: &Origin, kind: &str, problems: &mut Vec<Problem>) {
    use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};
    let found = id
        .chars()
        .enumerate()
        .find(|(_, c)| !c.is_control() && crate::terminal::is_hidden(*c));
    if let Some((position, c)) = found {
        let what = match c.general_category() {
            GeneralCategory::Format => "an invisible format character (bidi control or zero-width)",
            GeneralCategory::LineSeparator | GeneralCategory::ParagraphSeparator => {
                "a line separator"
            }
            _ => "an unassigned code point or a noncharacter",
        };
        problems.push(
            Problem::new(
                here.child("id"),
                format!(
                    "{kind} id \"{}\" holds U+{:04X}, {what}, at character {}",
                    crate::terminal::visible(id),
                    u32::from(c),
                    position + 1
                ),
            )
            .help("ids must look like what they are: remove the character"),
        );
    }
}

fn check_date(date: &str, here: &Origin, problems: &mut Vec<Problem>) {
    let valid = is_valid_date(date);
    if !valid {
        problems.push(
            Problem::new(here.clone(), format!("invalid date \"{date}\""))
                .help("write dates as YYYY-MM-DD, YYYY-MM or YYYY"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AnnotatedRelation;

    #[test]
    fn dates() {
        let origin = Origin {
            file: 0,
            line: None,
            pointer: String::new(),
        };
        let mut problems = Vec::new();
        for good in [
            "2024",
            "2024-08",
            "2024-08-28",
            "2024-02-29",
            "2000-02-29",
            "2023-12-31",
        ] {
            check_date(good, &origin, &mut problems);
        }
        assert!(problems.is_empty());
        let bad = [
            "24-08-28",
            "2024-13",
            "2024-08-32",
            "août 2024",
            "",
            "2024-02-30",
            "2023-02-29",
            "1900-02-29",
            "2024-04-31",
            "2024-00-10",
            "2024-01-00",
        ];
        for date in bad {
            check_date(date, &origin, &mut problems);
        }
        assert_eq!(problems.len(), bad.len());
    }

    #[test]
    fn relation_names() {
        assert_eq!(AnnotatedRelation::Unrelated.as_str(), "unrelated");
    }
}
