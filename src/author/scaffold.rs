//! `claimgraph init`: the files of a new, empty case.
//!
//! A scaffolded case has four files: `case.json` (metadata and parties),
//! an empty `annotations.json`, `config.json` with every inference default
//! written out, and a `README.md` that says what each setting does (JSON
//! has no comments). `extract` and `import csv` write the same layout plus
//! a `claims.json`.

use crate::config::Config;
use crate::model::{CaseMeta, ClaimFile, FORMAT_V1, Language, Party, Role, Source};

use super::{PartySpec, annotate, to_json};

/// The README written next to a new case's files.
pub const CASE_README: &str = "# A claimgraph case

Each `*.json` file here is a claim file in the `claimgraph/1` format; the
loader merges them all (see `claims/README.md` in the claimgraph repository).

- `case.json`: the case metadata, the parties and the sources.
- `claims.json`: the statements (written by `extract` or `import csv`).
- `annotations.json`: relations confirmed by a person (`annotate`, `review`).
- `config.json`: the inference settings, every one at its default value.

The settings in `config.json` (JSON has no comments, so they are explained
here; delete a line to fall back to the built-in default):

- `related_threshold` (0 to 1, default 0.2): minimum weighted similarity for
  two claims to count as being about the same thing.
- `support_threshold` (0 to 1, default 0.4): minimum similarity for an
  inferred `supports` edge.
- `min_score` (0 to 1, default 0.5; `min_confidence` is read as this):
  minimum score of the rules for an inferred edge to be kept.
- `min_calibrated` (0 to 1, default 0): minimum calibrated confidence (the
  share of such edges annotators confirmed) for an inferred edge to be kept.
- `fuzzy_threshold` (0 to 1, default 0.9): Jaro-Winkler similarity above
  which two words count as spelling variants (Durov/Dourov).
- `min_shared_anchors` (integer, default 2): minimum number of shared anchor
  terms for a contradiction.
- `aliases` (optional): groups of names for one entity, such as
  `[[\"Telegram\", \"la plateforme\"]]`.
- `lexicon` (optional): extra `stopwords`, `negations`, `denials`, `hedges`
  and `antonyms`.

Next steps: `claimgraph check .`, `claimgraph review .`, `claimgraph report .`
";

/// What a new case holds besides its claims.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseSkeleton {
    /// The case id (usually the directory name).
    pub id: String,
    /// A human title.
    pub title: Option<String>,
    /// The claims' language.
    pub language: Option<Language>,
    /// The parties.
    pub parties: Vec<Party>,
    /// The sources.
    pub sources: Vec<Source>,
    /// Alias groups written into `config.json` (for example the spellings
    /// of one person's name that `extract` found).
    pub aliases: Vec<Vec<String>>,
}

impl CaseSkeleton {
    /// The skeleton `init` writes: the given parties (the first one as the
    /// prosecution, the others as the defense), or two placeholders.
    #[must_use]
    pub fn for_init(id: &str, language: Option<Language>, parties: &[PartySpec]) -> CaseSkeleton {
        let parties = if parties.is_empty() {
            vec![
                Party {
                    id: "party-a".to_owned(),
                    name: "Party A".to_owned(),
                    role: Role::Prosecution,
                },
                Party {
                    id: "party-b".to_owned(),
                    name: "Party B".to_owned(),
                    role: Role::Defense,
                },
            ]
        } else {
            parties
                .iter()
                .enumerate()
                .map(|(i, p)| Party {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    role: if i == 0 {
                        Role::Prosecution
                    } else {
                        Role::Defense
                    },
                })
                .collect()
        };
        CaseSkeleton {
            id: id.to_owned(),
            title: None,
            language,
            parties,
            sources: Vec::new(),
            aliases: Vec::new(),
        }
    }

    /// The files of the case (name, text), without `claims.json`.
    #[must_use]
    pub fn files(&self) -> Vec<(String, String)> {
        let case_file = ClaimFile {
            format: Some(FORMAT_V1.to_owned()),
            case: Some(CaseMeta {
                id: self.id.clone(),
                title: self.title.clone(),
                language: self.language,
                description: None,
            }),
            parties: self.parties.clone(),
            sources: self.sources.clone(),
            ..ClaimFile::default()
        };
        let config_file = ClaimFile {
            format: Some(FORMAT_V1.to_owned()),
            config: Some(crate::config::ConfigFile {
                aliases: self.aliases.clone(),
                ..Config::defaults_file()
            }),
            ..ClaimFile::default()
        };
        vec![
            ("README.md".to_owned(), CASE_README.to_owned()),
            ("annotations.json".to_owned(), annotate::empty_file()),
            ("case.json".to_owned(), to_json(&case_file)),
            ("config.json".to_owned(), to_json(&config_file)),
        ]
    }
}

/// The case id for a directory: its last component, or `case`.
#[must_use]
pub fn case_id_for(dir: &std::path::Path) -> String {
    dir.file_name()
        .and_then(|n| n.to_str())
        .and_then(super::slug)
        .unwrap_or_else(|| "case".to_owned())
}

/// The files `claimgraph init` writes, and nothing else may be in a
/// directory that a new case replaces.
pub const SCAFFOLD_FILES: [&str; 4] = ["README.md", "annotations.json", "case.json", "config.json"];

/// Whether the files of a directory, each with its text (only JSON files
/// are read; others may be given empty), are a case as `claimgraph init`
/// leaves it: exactly [`SCAFFOLD_FILES`], each JSON one a `claimgraph/1`
/// file (and `case.json` holding the case), with no claim, annotation,
/// status or point title in any of them.
#[must_use]
pub fn is_empty_scaffold(files: &[(String, String)]) -> bool {
    let mut names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
    names.sort_unstable();
    names == SCAFFOLD_FILES
        && files
            .iter()
            .filter(|(name, _)| name.ends_with(".json"))
            .all(|(name, text)| is_empty_scaffold_json(name, text))
}

fn is_empty_scaffold_json(name: &str, text: &str) -> bool {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
        return false;
    };
    if value.get("format").and_then(serde_json::Value::as_str) != Some(FORMAT_V1)
        || (name == "case.json" && value.get("case").is_none())
    {
        return false;
    }
    let holds = |key: &str| {
        value
            .get(key)
            .and_then(serde_json::Value::as_array)
            .is_some_and(|a| !a.is_empty())
    };
    !(holds("claims") || holds("annotations") || holds("statuses") || holds("points"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scaffold() -> Vec<(String, String)> {
        CaseSkeleton::for_init("demo", None, &[]).files()
    }

    #[test]
    fn an_init_scaffold_is_empty_until_something_is_added() {
        assert!(is_empty_scaffold(&scaffold()));
        let mut files = scaffold();
        files.reverse();
        assert!(
            is_empty_scaffold(&files),
            "the order of the listing does not matter"
        );
        let mut files = scaffold();
        files.push(("claims.json".to_owned(), "{}".to_owned()));
        assert!(!is_empty_scaffold(&files), "a fifth file");
        let mut files = scaffold();
        files[1].1 = r#"{"format": "claimgraph/1", "annotations": [{"claims": ["a", "b"], "relation": "supports"}]}"#.to_owned();
        assert!(!is_empty_scaffold(&files), "an annotation");
        let mut files = scaffold();
        files[2].1 = r#"{"format": "claimgraph/1"}"#.to_owned();
        assert!(!is_empty_scaffold(&files), "case.json without the case");
        let mut files = scaffold();
        files[3].1 = "not json".to_owned();
        assert!(
            !is_empty_scaffold(&files),
            "a JSON file that does not parse"
        );
    }
}
