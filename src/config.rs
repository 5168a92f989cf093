//! Inference settings: built-in defaults, and the per-case overrides read from
//! the `config` field of a claim file.
//!
//! The file form ([`ConfigFile`]) has every field optional so a case only
//! writes what it changes; [`Config::resolve`] layers it over the defaults.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The `config` field of a claim file: every field overrides a default.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// Minimum weighted similarity (0 to 1) for two claims to count as being
    /// about the same thing. Default 0.20.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub related_threshold: Option<f64>,
    /// Minimum similarity for an inferred `supports` edge. Default 0.30 (halved for two claims of the same speaker).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_threshold: Option<f64>,
    /// Minimum score of the rules (0 to 1: the cue's strength times
    /// relatedness and modifiers) for an inferred edge to be kept: the
    /// recall operating point. Default 0.50.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_score: Option<f64>,
    /// The name of `min_score` before the printed confidence was
    /// calibrated, still read as it (`min_score` wins when both are given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_confidence: Option<f64>,
    /// Minimum calibrated confidence (0 to 1: the share of such edges
    /// annotators confirmed on the labelled dev files) for an inferred edge
    /// to be kept; [`PRECISION_POINT`] is the publishing point of
    /// `docs/eval.md` (`--operating-point precision`). Default 0 (every
    /// edge the rules score high enough: the recall point).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_calibrated: Option<f64>,
    /// Jaro-Winkler similarity above which two words are taken as spelling
    /// variants of each other (Durov/Dourov). Default 0.90.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fuzzy_threshold: Option<f64>,
    /// Minimum number of shared anchor terms (content words or entities) for
    /// a contradiction. Default 2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_shared_anchors: Option<usize>,
    /// Number of shared anchor terms that makes two claims related whatever
    /// their length (long passages share many terms but cover little of
    /// each other). Default 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strong_anchors: Option<usize>,
    /// Confidence factor (0 to 1) for a contradiction between two claims of
    /// the same speaker, who rarely contradicts themself; the same speaker
    /// also halves the support threshold. Default 0.65.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub same_speaker_factor: Option<f64>,
    /// How many inferred contradictions, and how many supports, each claim
    /// keeps at most: its strongest of each (by confidence, then by the
    /// other claim's id); an edge stands when either of its claims keeps
    /// it. Annotations do not count. Default 16.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_relations_per_claim: Option<usize>,
    /// Groups of names for one entity. The first name of each group is the
    /// canonical one, e.g. `[["Telegram", "la plateforme", "la messagerie"]]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<Vec<String>>,
    /// Count the words of one built-in thesaurus group (WordNet for
    /// English, the LibreOffice thesaurus for French) as one shared term:
    /// `coopérer` and `collaboration`. For relatedness only, never for
    /// polarity. Default true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub synonyms: Option<bool>,
    /// Words added to the built-in cue lists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lexicon: Option<LexiconAdditions>,
}

/// Extra cue words, added to the built-in lists for both languages.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LexiconAdditions {
    /// Extra stop words, ignored by similarity.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stopwords: Vec<String>,
    /// Extra negation words (like `not`, `jamais`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub negations: Vec<String>,
    /// Extra denial or refutation words (like `deny`, `faux`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub denials: Vec<String>,
    /// Extra hedging words (like `allegedly`, `prétendument`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hedges: Vec<String>,
    /// Extra antonym pairs, e.g. `[["open", "closed"]]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub antonyms: Vec<[String; 2]>,
}

/// Resolved inference settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// See [`ConfigFile::related_threshold`].
    pub related_threshold: f64,
    /// See [`ConfigFile::support_threshold`].
    pub support_threshold: f64,
    /// See [`ConfigFile::min_score`].
    pub min_score: f64,
    /// See [`ConfigFile::min_calibrated`].
    pub min_calibrated: f64,
    /// See [`ConfigFile::fuzzy_threshold`].
    pub fuzzy_threshold: f64,
    /// See [`ConfigFile::min_shared_anchors`].
    pub min_shared_anchors: usize,
    /// See [`ConfigFile::strong_anchors`].
    pub strong_anchors: usize,
    /// See [`ConfigFile::same_speaker_factor`].
    pub same_speaker_factor: f64,
    /// See [`ConfigFile::max_relations_per_claim`].
    pub max_relations_per_claim: usize,
    /// See [`ConfigFile::aliases`].
    pub aliases: Vec<Vec<String>>,
    /// See [`ConfigFile::synonyms`].
    pub synonyms: bool,
    /// See [`ConfigFile::lexicon`].
    pub lexicon: LexiconAdditions,
}

/// The `min_calibrated` of the high-precision operating point, for
/// published reports (`--operating-point precision`): the lowest bar at
/// which the contradictions of the three redistributable dev files pooled
/// are right 80% of the time (0.811 there; `docs/eval.md`, "The
/// high-precision point", gives each file's figure, fitted and left out).
pub const PRECISION_POINT: f64 = 0.7;

impl Default for Config {
    fn default() -> Self {
        Config {
            related_threshold: 0.20,
            support_threshold: 0.30,
            min_score: 0.50,
            min_calibrated: 0.0,
            fuzzy_threshold: 0.90,
            min_shared_anchors: 2,
            strong_anchors: 3,
            same_speaker_factor: 0.65,
            max_relations_per_claim: 16,
            aliases: Vec::new(),
            synonyms: true,
            lexicon: LexiconAdditions::default(),
        }
    }
}

impl Config {
    /// Layers a case's overrides over the defaults.
    #[must_use]
    pub fn resolve(file: Option<&ConfigFile>) -> Config {
        let mut config = Config::default();
        let Some(file) = file else { return config };
        if let Some(v) = file.related_threshold {
            config.related_threshold = v;
        }
        if let Some(v) = file.support_threshold {
            config.support_threshold = v;
        }
        if let Some(v) = file.min_score.or(file.min_confidence) {
            config.min_score = v;
        }
        if let Some(v) = file.min_calibrated {
            config.min_calibrated = v;
        }
        if let Some(v) = file.fuzzy_threshold {
            config.fuzzy_threshold = v;
        }
        if let Some(v) = file.min_shared_anchors {
            config.min_shared_anchors = v;
        }
        if let Some(v) = file.strong_anchors {
            config.strong_anchors = v;
        }
        if let Some(v) = file.same_speaker_factor {
            config.same_speaker_factor = v;
        }
        if let Some(v) = file.max_relations_per_claim {
            config.max_relations_per_claim = v;
        }
        config.aliases.clone_from(&file.aliases);
        if let Some(v) = file.synonyms {
            config.synonyms = v;
        }
        if let Some(lexicon) = &file.lexicon {
            config.lexicon = lexicon.clone();
        }
        config
    }

    /// The defaults written out as a config file, for `claimgraph init`.
    #[must_use]
    pub fn defaults_file() -> ConfigFile {
        let d = Config::default();
        ConfigFile {
            related_threshold: Some(d.related_threshold),
            support_threshold: Some(d.support_threshold),
            min_score: Some(d.min_score),
            min_confidence: None,
            min_calibrated: Some(d.min_calibrated),
            fuzzy_threshold: Some(d.fuzzy_threshold),
            min_shared_anchors: Some(d.min_shared_anchors),
            strong_anchors: Some(d.strong_anchors),
            same_speaker_factor: Some(d.same_speaker_factor),
            max_relations_per_claim: Some(d.max_relations_per_claim),
            aliases: Vec::new(),
            synonyms: None,
            lexicon: None,
        }
    }
}
