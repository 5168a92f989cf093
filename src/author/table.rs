//! `claimgraph import csv`: a case from a spreadsheet that a newsroom keeps.
//!
//! The first row names the columns, in any order and in any case:
//!
//! | column | required | meaning |
//! |---|---|---|
//! | `id` | yes | the claim id, unique |
//! | `party` | yes | the party id; any other text (`Laure Beccuau`) becomes the party's name and its slug the id |
//! | `speaker` | column yes, value optional | who said it |
//! | `text` | yes | the statement |
//! | `date` | column yes, value optional | `YYYY-MM-DD`, `YYYY-MM` or `YYYY` |
//! | `source` | column yes, value optional | the source id; other text becomes the source's title |
//! | `language` | no | `fr` or `en` |
//! | `quote` | no | `true`/`false` (also `yes`/`no`, `1`/`0`) |
//! | `topics` | no | labels separated by `;` |
//! | `party_role` | no | the party's role (`prosecution`, `defense`, ...); `other` when absent |
//! | `supersedes` | no | the id of an earlier claim of the same party that this row revises |
//!
//! Every problem is reported as `file.csv:ROW:COLUMN` (the header is row 1,
//! columns count from 1), all of them, sorted. Pure: it reads text.

use std::collections::BTreeMap;

use crate::error::{Diagnostic, Error, Result};
use crate::model::{Claim, ClaimFile, FORMAT_V1, Language, Party, Role, Source};

use super::scaffold::CaseSkeleton;
use super::{is_identifier, slug, to_json};

/// The columns a table must have.
pub const REQUIRED_COLUMNS: [&str; 6] = ["id", "party", "speaker", "text", "date", "source"];
/// The columns a table may have.
pub const OPTIONAL_COLUMNS: [&str; 5] = ["language", "quote", "topics", "party_role", "supersedes"];

/// A case read from a table.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedCase {
    /// Parties and sources, in order of first use.
    pub skeleton: CaseSkeleton,
    /// The claims, in row order.
    pub claims: Vec<Claim>,
    /// The row (line) of each claim, in the order of `claims`.
    pub rows: Vec<usize>,
    /// The 1-based column of each column name, such as `text`.
    pub columns: BTreeMap<String, usize>,
}

impl ImportedCase {
    /// The files of the new case (name, text).
    #[must_use]
    pub fn files(&self) -> Vec<(String, String)> {
        let mut files = self.skeleton.files();
        let claims = ClaimFile {
            format: Some(FORMAT_V1.to_owned()),
            claims: self.claims.clone(),
            ..ClaimFile::default()
        };
        files.push(("claims.json".to_owned(), to_json(&claims)));
        files.sort();
        files
    }
}

/// Reads a CSV table. `shown` is the file name used in diagnostics.
///
/// # Errors
/// [`Error::Invalid`] with every problem found, sorted.
pub fn import_csv(shown: &str, text: &str, case_id: &str) -> Result<ImportedCase> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => return Err(Error::one(csv_problem(shown, &e))),
    };
    let columns = read_columns(shown, &headers).map_err(Error::Invalid)?;
    let mut table = Table {
        shown,
        columns: &columns,
        n_columns: headers.len(),
        parties: Vec::new(),
        party_rows: BTreeMap::new(),
        sources: Vec::new(),
        claims: Vec::new(),
        claim_rows: BTreeMap::new(),
        rows: Vec::new(),
        problems: Vec::new(),
    };
    for record in reader.records() {
        match record {
            Ok(record) => table.add_record(&record),
            Err(e) => table.problems.push(csv_problem(shown, &e)),
        }
    }
    table.check_references();
    if table.problems.is_empty() && table.claims.is_empty() {
        table.problems.push(
            Diagnostic::file(shown, "the table has no rows")
                .with_help("add one claim per row below the header"),
        );
    }
    let Table {
        mut problems,
        parties,
        sources,
        claims,
        rows,
        ..
    } = table;
    if !problems.is_empty() {
        problems.sort();
        problems.dedup();
        return Err(Error::Invalid(problems));
    }
    Ok(ImportedCase {
        skeleton: CaseSkeleton {
            id: case_id.to_owned(),
            title: None,
            language: None,
            parties,
            sources,
            aliases: Vec::new(),
        },
        claims,
        rows,
        columns: columns
            .iter()
            .map(|(name, i)| (name.clone(), i + 1))
            .collect(),
    })
}

/// The 0-based index of each column the header names, or every problem
/// with the header, sorted.
fn read_columns(
    shown: &str,
    headers: &csv::StringRecord,
) -> std::result::Result<BTreeMap<String, usize>, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut columns: BTreeMap<String, usize> = BTreeMap::new();
    for (i, name) in headers.iter().enumerate() {
        let name = name.trim().to_lowercase();
        if !REQUIRED_COLUMNS.contains(&name.as_str()) && !OPTIONAL_COLUMNS.contains(&name.as_str())
        {
            let known = REQUIRED_COLUMNS
                .iter()
                .chain(OPTIONAL_COLUMNS.iter())
                .copied();
            let hint = crate::load::shape::suggest(&name, known)
                .map(|s| format!("; did you mean \"{s}\"?"))
                .unwrap_or_default();
            problems.push(
                Diagnostic::at(shown, 1, i + 1, format!("unknown column \"{name}\"{hint}"))
                    .with_help(format!("the columns are {}", column_list())),
            );
        } else if columns.insert(name.clone(), i).is_some() {
            problems.push(Diagnostic::at(
                shown,
                1,
                i + 1,
                format!("column \"{name}\" given twice"),
            ));
        }
    }
    for name in REQUIRED_COLUMNS {
        if !columns.contains_key(name) {
            problems.push(
                Diagnostic::at(shown, 1, 1, format!("missing column \"{name}\"")).with_help(
                    format!("the first row must name the columns: {}", column_list()),
                ),
            );
        }
    }
    if problems.is_empty() {
        Ok(columns)
    } else {
        problems.sort();
        Err(problems)
    }
}

/// A table being read, row by row: what it has found so far and every
/// problem.
struct Table<'a> {
    shown: &'a str,
    /// The 0-based index of each column.
    columns: &'a BTreeMap<String, usize>,
    /// How many fields the header has.
    n_columns: usize,
    parties: Vec<Party>,
    /// The first row of each party and the role it gave, if any.
    party_rows: BTreeMap<String, (usize, Option<Role>)>,
    sources: Vec<Source>,
    claims: Vec<Claim>,
    /// The row of each claim id.
    claim_rows: BTreeMap<String, usize>,
    rows: Vec<usize>,
    problems: Vec<Diagnostic>,
}

/// One row of a table, read by column name.
struct Row<'a> {
    shown: &'a str,
    columns: &'a BTreeMap<String, usize>,
    record: &'a csv::StringRecord,
    /// Its line in the file.
    line: usize,
}

impl Row<'_> {
    /// The trimmed field of a column, empty when the table has none.
    fn get(&self, name: &str) -> &str {
        self.columns
            .get(name)
            .and_then(|&i| self.record.get(i))
            .map_or("", str::trim)
    }

    /// A problem at this row, in the column `name`.
    fn at(&self, name: &str, message: String) -> Diagnostic {
        let column = self.columns.get(name).map_or(1, |i| i + 1);
        Diagnostic::at(self.shown, self.line, column, message)
    }
}

impl Table<'_> {
    /// Reads one record: a claim, when its row has no problem.
    fn add_record(&mut self, record: &csv::StringRecord) {
        let line = record
            .position()
            .map_or(0, |p| usize::try_from(p.line()).unwrap_or(0));
        if record.iter().all(|f| f.trim().is_empty()) {
            return;
        }
        if record.len() != self.n_columns {
            self.problems.push(Diagnostic::at(
                self.shown,
                line,
                record.len().min(self.n_columns) + 1,
                format!(
                    "row has {} fields, the header has {}",
                    record.len(),
                    self.n_columns
                ),
            ));
            return;
        }
        let row = Row {
            shown: self.shown,
            columns: self.columns,
            record,
            line,
        };
        let n_before = self.problems.len();
        let id = row.get("id");
        if id.is_empty() {
            self.problems
                .push(row.at("id", "empty claim id".to_owned()));
        } else if let Some(first) = self.claim_rows.get(id) {
            self.problems.push(row.at(
                "id",
                format!("duplicate claim id \"{id}\" (first on row {first})"),
            ));
        }
        let text = row.get("text");
        if text.is_empty() {
            self.problems.push(row.at("text", "empty text".to_owned()));
        }
        let Some(party) = self.party(&row) else {
            return;
        };
        let source = self.source(&row);
        let date = optional_field(&row, "date", &mut self.problems, parse_date);
        let language = optional_field(&row, "language", &mut self.problems, parse_language);
        let quote = optional_field(&row, "quote", &mut self.problems, parse_quote);
        let topics: Vec<String> = row
            .get("topics")
            .split(';')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect();
        if self.problems.len() > n_before {
            return;
        }
        self.claim_rows.insert(id.to_owned(), line);
        self.rows.push(line);
        let optional = |name: &str| {
            Some(row.get(name))
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        self.claims.push(Claim {
            id: id.to_owned(),
            party,
            speaker: optional("speaker"),
            text: text.to_owned(),
            language,
            source,
            date,
            quote: quote.unwrap_or(false),
            topics,
            needs_review: false,
            supersedes: optional("supersedes"),
            locator: None,
        });
    }

    /// The row's party id, the party added on its first row and given the
    /// first role a row names; `None` when the row names no party.
    fn party(&mut self, row: &Row<'_>) -> Option<String> {
        let party_text = row.get("party");
        let party_id = if is_identifier(party_text) {
            Some(party_text.to_owned())
        } else {
            slug(party_text)
        };
        let Some(party_id) = party_id else {
            self.problems
                .push(row.at("party", "empty party".to_owned()));
            return None;
        };
        let role = optional_field(row, "party_role", &mut self.problems, |r| {
            parse_role(r).ok_or_else(|| {
                (
                    format!("unknown role \"{r}\""),
                    Some("use prosecution, defense, plaintiff, witness, press or other"),
                )
            })
        });
        match self.party_rows.get_mut(&party_id) {
            None => {
                self.party_rows.insert(party_id.clone(), (row.line, role));
                self.parties.push(Party {
                    id: party_id.clone(),
                    name: party_text.to_owned(),
                    role: role.unwrap_or(Role::Other),
                });
            }
            Some((first_row, first_role)) => {
                if let (Some(new), Some(old)) = (role, *first_role) {
                    if new != old {
                        self.problems.push(row.at(
                            "party_role",
                            format!(
                                "party \"{party_id}\" is {} here but {} on row {first_row}",
                                new.as_str(),
                                old.as_str()
                            ),
                        ));
                    }
                } else if first_role.is_none() && role.is_some() {
                    *first_role = role;
                    if let Some(p) = self.parties.iter_mut().find(|p| p.id == party_id) {
                        p.role = role.unwrap_or(Role::Other);
                    }
                }
            }
        }
        Some(party_id)
    }

    /// The row's source id, the source added on its first row.
    fn source(&mut self, row: &Row<'_>) -> Option<String> {
        let s = row.get("source");
        if s.is_empty() {
            return None;
        }
        let source_id = if is_identifier(s) {
            Some(s.to_owned())
        } else {
            slug(s)
        };
        let Some(source_id) = source_id else {
            self.problems
                .push(row.at("source", format!("source \"{s}\" has no letters or digits")));
            return None;
        };
        if !self.sources.iter().any(|x| x.id == source_id) {
            self.sources.push(Source {
                id: source_id.clone(),
                title: (!is_identifier(s)).then(|| s.to_owned()),
                publisher: None,
                date: None,
                url: None,
            });
        }
        Some(source_id)
    }

    /// Revisions point at another claim of the same party, and claim ids
    /// are unique across parties, sources and claims.
    fn check_references(&mut self) {
        let column = |name: &str| self.columns.get(name).map_or(1, |i| i + 1);
        for claim in &self.claims {
            let row = self.claim_rows.get(&claim.id).copied().unwrap_or(0);
            let Some(earlier) = &claim.supersedes else {
                continue;
            };
            let problem = match self.claims.iter().find(|c| &c.id == earlier) {
                None => Some(format!("supersedes unknown claim \"{earlier}\"")),
                Some(c) if c.id == claim.id => Some("a claim cannot supersede itself".to_owned()),
                Some(c) if c.party != claim.party => Some(format!(
                    "supersedes \"{earlier}\" of party \"{}\", not of \"{}\"",
                    c.party, claim.party
                )),
                Some(_) => None,
            };
            if let Some(message) = problem {
                self.problems.push(Diagnostic::at(
                    self.shown,
                    row,
                    column("supersedes"),
                    message,
                ));
            }
        }
        for claim in &self.claims {
            let taken = self.parties.iter().any(|p| p.id == claim.id)
                || self.sources.iter().any(|s| s.id == claim.id);
            if taken {
                let row = self.claim_rows.get(&claim.id).copied().unwrap_or(0);
                self.problems.push(Diagnostic::at(
                    self.shown,
                    row,
                    column("id"),
                    format!("claim id \"{}\" is also a party or source id", claim.id),
                ));
            }
        }
    }
}

/// A problem with a field: its message and, when it helps, a hint.
type FieldProblem = (String, Option<&'static str>);

/// The value of an optional field, `None` when it is empty or wrong (a
/// wrong one is a problem at its row and column).
fn optional_field<T>(
    row: &Row<'_>,
    name: &str,
    problems: &mut Vec<Diagnostic>,
    parse: impl FnOnce(&str) -> std::result::Result<T, FieldProblem>,
) -> Option<T> {
    let field = row.get(name);
    if field.is_empty() {
        return None;
    }
    match parse(field) {
        Ok(value) => Some(value),
        Err((message, help)) => {
            let problem = row.at(name, message);
            problems.push(match help {
                Some(help) => problem.with_help(help),
                None => problem,
            });
            None
        }
    }
}

fn parse_date(d: &str) -> std::result::Result<String, FieldProblem> {
    if is_date(d) {
        Ok(d.to_owned())
    } else {
        Err((
            format!("invalid date \"{d}\""),
            Some("write YYYY-MM-DD, YYYY-MM or YYYY"),
        ))
    }
}

fn parse_language(text: &str) -> std::result::Result<Language, FieldProblem> {
    match text.to_lowercase().as_str() {
        "fr" => Ok(Language::Fr),
        "en" => Ok(Language::En),
        other => Err((
            format!("unknown language \"{other}\""),
            Some("use fr or en"),
        )),
    }
}

fn parse_quote(text: &str) -> std::result::Result<bool, FieldProblem> {
    match text.to_lowercase().as_str() {
        "false" | "no" | "0" => Ok(false),
        "true" | "yes" | "1" => Ok(true),
        other => Err((format!("\"{other}\" is not true or false"), None)),
    }
}

fn column_list() -> String {
    let required = REQUIRED_COLUMNS.join(", ");
    let optional = OPTIONAL_COLUMNS.join(", ");
    format!("{required} (optional: {optional})")
}

fn csv_problem(shown: &str, error: &csv::Error) -> Diagnostic {
    let line = error
        .position()
        .map_or(0, |p| usize::try_from(p.line()).unwrap_or(0));
    let message = match error.kind() {
        csv::ErrorKind::Utf8 { err, .. } => format!("invalid UTF-8 in field {}", err.field() + 1),
        _ => format!("malformed CSV: {error}").to_lowercase(),
    };
    Diagnostic::at(shown, line, usize::from(line > 0), message)
}

fn parse_role(text: &str) -> Option<Role> {
    match text.to_lowercase().as_str() {
        "prosecution" => Some(Role::Prosecution),
        "defense" | "defence" => Some(Role::Defense),
        "plaintiff" => Some(Role::Plaintiff),
        "witness" => Some(Role::Witness),
        "press" => Some(Role::Press),
        "other" => Some(Role::Other),
        _ => None,
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with plausible month and day.
fn is_date(text: &str) -> bool {
    crate::load::is_valid_date(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_table_with_names_as_parties() {
        let csv = "id,party,speaker,text,date,source,quote,topics\n\
                   p1,parquet,Laure Beccuau,\"Elle n'a pas réagi.\",2024-08,RTL Radio,yes,a; b\n\
                   d1,Pavel Durov,,\"J'ai coopéré, dit-il.\",,,,\n";
        let case = import_csv("t.csv", csv, "demo").unwrap();
        assert_eq!(case.claims.len(), 2);
        assert_eq!(case.claims[0].source.as_deref(), Some("rtl-radio"));
        assert!(case.claims[0].quote);
        assert_eq!(case.claims[0].topics, ["a", "b"]);
        assert_eq!(case.skeleton.parties[1].id, "pavel-durov");
        assert_eq!(case.skeleton.parties[1].role, Role::Other);
    }

    #[test]
    fn points_at_row_and_column() {
        let csv = "id,party,speaker,text,date,source\np1,a,,x,2024-13,\np1,a,,,,\n";
        let error = import_csv("t.csv", csv, "demo").unwrap_err().to_string();
        assert!(
            error.contains("t.csv:2:5: error: invalid date \"2024-13\""),
            "{error}"
        );
        assert!(error.contains("t.csv:3:4: error: empty text"), "{error}");
    }
}
