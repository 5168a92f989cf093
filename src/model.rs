//! The claim-file format (`claimgraph/1`) as Rust types.
//!
//! These types are what the loader deserialises and what `claimgraph schema`
//! turns into a JSON Schema, so the documentation comments here double as the
//! field descriptions that editors show. `claims/README.md` documents the same
//! format for people.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The only claim-file format this version reads.
pub const FORMAT_V1: &str = "claimgraph/1";

/// One claim file. Every top-level field is optional, so a case can be split
/// across several files (for example `case.json`, `claims.json` and
/// `annotations.json`); the loader merges them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClaimFile {
    /// Must be `"claimgraph/1"` when present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// Case metadata. At most one file of a case may hold it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case: Option<CaseMeta>,
    /// The parties to the dispute.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<Party>,
    /// Where the claims were published.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    /// The statements themselves.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<Claim>,
    /// Relations asserted by a person; they always win over inference.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub annotations: Vec<Annotation>,
    /// Statuses set by hand; each replaces the computed status of one claim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub statuses: Vec<StatusAnnotation>,
    /// Titles set by hand for disputed points, each naming its point by
    /// some of its claims.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub points: Vec<PointTitle>,
    /// Per-case overrides of the inference settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<crate::config::ConfigFile>,
}

/// A claim's or a case's language.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// French.
    Fr,
    /// English.
    En,
}

impl Language {
    /// The ISO 639-1 code, as written in claim files.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Language::Fr => "fr",
            Language::En => "en",
        }
    }
}

/// Case metadata.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CaseMeta {
    /// A short identifier, such as `durov-telegram`.
    pub id: String,
    /// A human title for reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The default language of the claims.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    /// A longer description of what the case is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// The role a party plays in the dispute.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// The side that brings the charges.
    Prosecution,
    /// The side that answers them.
    Defense,
    /// A party that brings a civil claim.
    Plaintiff,
    /// A witness.
    Witness,
    /// The press: facts reported by the publication itself.
    Press,
    /// Anything else.
    Other,
}

impl Role {
    /// The role as written in claim files.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Prosecution => "prosecution",
            Role::Defense => "defense",
            Role::Plaintiff => "plaintiff",
            Role::Witness => "witness",
            Role::Press => "press",
            Role::Other => "other",
        }
    }

    /// The place of the role in the order reports list parties in: the
    /// accusing side first, then the answering side, then witnesses, the
    /// press and others.
    #[must_use]
    pub fn rank(self) -> u8 {
        match self {
            Role::Prosecution => 0,
            Role::Plaintiff => 1,
            Role::Defense => 2,
            Role::Witness => 3,
            Role::Press => 4,
            Role::Other => 5,
        }
    }
}

/// A party to the dispute: a person, an institution or a side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// Unique across the case.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The party's role.
    pub role: Role,
}

/// A publication a claim comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Unique across the case.
    pub id: String,
    /// Title of the article, interview or document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Who published it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Publication date, `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Where to read it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// One statement by one party.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// Unique across the case.
    pub id: String,
    /// The id of the party that holds the claim.
    pub party: String,
    /// The person who said it, when that is narrower than the party.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// The statement, in its original language.
    pub text: String,
    /// Defaults to the case's language; detected from the text when neither is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    /// The id of the source the claim comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// When the claim was made, `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// True when `text` is a verbatim quotation rather than a paraphrase.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub quote: bool,
    /// Free-form topic labels.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    /// The id of an earlier claim of the same party that this one revises.
    /// The earlier claim is still shown, but no longer counts as the party's
    /// position.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supersedes: Option<String>,
    /// True when a person should check the claim before relying on it, for
    /// example when `claimgraph extract` was unsure who said it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub needs_review: bool,
    /// Where in the source document the claim was found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locator: Option<Locator>,
}

/// A passage of a source document, in characters (Unicode scalar values)
/// from the start of the document: `start` is the first character, `end`
/// one past the last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Locator {
    /// Offset of the first character.
    pub start: usize,
    /// Offset one past the last character.
    pub end: usize,
}

/// The relation an annotation asserts between two claims.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum AnnotatedRelation {
    /// The two claims cannot both be true.
    Contradicts,
    /// The first claim supports the second.
    Supports,
    /// The claims are not linked; this removes any inferred edge.
    Unrelated,
}

impl AnnotatedRelation {
    /// The relation as written in claim files.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            AnnotatedRelation::Contradicts => "contradicts",
            AnnotatedRelation::Supports => "supports",
            AnnotatedRelation::Unrelated => "unrelated",
        }
    }
}

/// A relation between two claims asserted by a person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Annotation {
    /// The two claim ids. For `supports`, the first supports the second.
    pub claims: [String; 2],
    /// The relation.
    pub relation: AnnotatedRelation,
    /// Why the annotator sees this relation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Who made the annotation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
}

/// Where a claim stands in the dispute.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum StatusKind {
    /// Nothing contradicts it, and it is not unanswered: another party
    /// addresses it, it takes part in a disputed point, or it is a fact the
    /// press reports.
    Undisputed,
    /// A claim of another party contradicts it.
    Disputed,
    /// No claim of another party addresses it, and it takes no part in a
    /// disputed point.
    Unanswered,
    /// A claim of another party supports it, or it supports one.
    CommonGround,
    /// Another claim of the same party contradicts it.
    SelfContradicted,
}

impl StatusKind {
    /// The status as written in claim files and reports.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            StatusKind::Undisputed => "undisputed",
            StatusKind::Disputed => "disputed",
            StatusKind::Unanswered => "unanswered",
            StatusKind::CommonGround => "common-ground",
            StatusKind::SelfContradicted => "self-contradicted",
        }
    }
}

/// A claim's status set by a person. It replaces the computed status in
/// reports, which mark it as manual; the computed one is still shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusAnnotation {
    /// The claim id.
    pub claim: String,
    /// The status.
    pub status: StatusKind,
    /// For `disputed` and `common-ground`: the ids of the other parties.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<String>,
    /// Why the annotator sets this status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Who set it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
}

/// A title set by hand for a disputed point. The point is named by its
/// claims rather than by its `D` number, which moves whenever the ranking
/// does: the title goes to the disputed point that holds the most of
/// `claims` (at least one).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PointTitle {
    /// Ids of claims in the point, usually one claim of each side.
    pub claims: Vec<String>,
    /// The title readers see, such as a question: "Did Telegram cooperate
    /// with the French authorities?".
    pub title: String,
}
