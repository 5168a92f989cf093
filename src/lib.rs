//! claimgraph compares claims with counterclaims.
//!
//! A case (a directory of claim files) is loaded and validated, every claim's
//! text is analysed, candidate pairs are assessed by explainable rules, the
//! resulting edges and the case's annotations form a petgraph graph, and the
//! disputed points are read off that graph into a report.
//!
//! ```
//! use claimgraph::{Pipeline, report::Format};
//!
//! let dir = std::env::temp_dir().join(format!("claimgraph-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! std::fs::write(dir.join("case.json"), r#"{
//!   "format": "claimgraph/1",
//!   "case": {"id": "demo", "language": "en"},
//!   "parties": [{"id": "a", "name": "Alice", "role": "prosecution"},
//!               {"id": "b", "name": "Bob", "role": "defense"}],
//!   "claims": [
//!     {"id": "a1", "party": "a", "text": "The company paid the 5 million euro fine."},
//!     {"id": "b1", "party": "b", "text": "The company never paid the fine."}
//!   ]
//! }"#).unwrap();
//! let pipeline = Pipeline::run(&dir, Default::default()).unwrap();
//! assert_eq!(pipeline.report().unwrap().disputed_points.len(), 1);
//! let mut out = Vec::new();
//! claimgraph::report::render(pipeline.report().unwrap(), Format::Markdown, &mut out).unwrap();
//! assert!(String::from_utf8(out).unwrap().contains("contradicts"));
//! # std::fs::remove_dir_all(&dir).unwrap();
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod analysis;
pub mod analyzed;
pub mod author;
pub mod case;
pub mod config;
pub mod diff;
pub mod dispute;
pub mod duplicates;
pub mod error;
pub mod eval;
pub mod explain;
pub mod graph;
pub mod import;
pub mod infer;
mod lists;
pub mod load;
pub mod model;
pub mod output;
pub mod progress;
pub mod report;
pub mod terminal;
pub mod text;

use std::path::Path;

pub use analyzed::AnalyzedCase;
pub use case::Case;
pub use error::{Diagnostic, Error, Position, Result};
pub use graph::{ClaimGraph, SearchMode};
pub use report::Report;

/// A hash map with a fast, fixed-seed hasher: analysis and inference look
/// up words and stems for every token and every pair, and a fixed seed keeps
/// runs reproducible (no map's iteration order reaches output anyway).
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;
/// The set counterpart of [`FastMap`].
pub(crate) type FastSet<T> = std::collections::HashSet<T, foldhash::fast::FixedState>;

/// Options for a whole run.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// How candidate pairs are chosen.
    pub mode: SearchMode,
    /// Input limits.
    pub limits: load::Limits,
    /// Overrides the case's `max_relations_per_claim` when set.
    pub max_relations_per_claim: Option<usize>,
    /// Overrides the case's `min_calibrated` when set (the operating
    /// point of the command line).
    pub min_calibrated: Option<f64>,
}

impl Options {
    /// Loads the case at `path` within [`Options::limits`], with
    /// [`Options::max_relations_per_claim`] and [`Options::min_calibrated`]
    /// applied to its settings.
    ///
    /// # Errors
    /// [`Error::Invalid`] when the case does not validate.
    pub fn load_case(&self, path: &Path) -> Result<Case> {
        let mut case = load::load_case_with(path, self.limits)?;
        if let Some(k) = self.max_relations_per_claim {
            // 0 would keep nothing; the command line and the config refuse it.
            case.config.max_relations_per_claim = k.max(1);
        }
        if let Some(bar) = self.min_calibrated {
            case.config.min_calibrated = bar;
        }
        Ok(case)
    }
}

/// What a run does besides its stages: the claims assumed or excluded, and
/// where progress is reported. [`Stages::default`] is no scenario and no
/// progress.
#[derive(Clone, Copy)]
pub struct Stages<'a> {
    /// Claims assumed or excluded.
    pub scenario: &'a analysis::Scenario,
    /// Told of every stage.
    pub progress: &'a dyn progress::Progress,
}

/// The empty scenario of [`Stages::default`].
static NO_SCENARIO: analysis::Scenario = analysis::Scenario {
    assume: Vec::new(),
    exclude: Vec::new(),
};

impl Default for Stages<'_> {
    fn default() -> Self {
        Stages {
            scenario: &NO_SCENARIO,
            progress: &progress::NoProgress,
        }
    }
}

impl std::fmt::Debug for Stages<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Stages")
            .field("scenario", self.scenario)
            .finish_non_exhaustive()
    }
}

/// Every stage of a run, kept so that callers can inspect any of them.
#[derive(Debug)]
pub struct Pipeline {
    /// The loaded case.
    pub case: Case,
    /// The analysed claims.
    pub analyzed: AnalyzedCase,
    /// The claim graph.
    pub graph: ClaimGraph,
    /// The disputes read off the graph.
    pub disputes: dispute::Disputes,
    /// Statuses and acceptance of every claim.
    pub analysis: analysis::CaseAnalysis,
    /// The report model, built on first use by [`Pipeline::report`]: the
    /// JSON report ([`Pipeline::write_json`]) does not need it.
    report: std::sync::OnceLock<Report>,
}

impl Pipeline {
    /// Loads a case and runs every stage.
    ///
    /// # Errors
    /// [`Error::Invalid`] when the case does not validate.
    pub fn run(path: &Path, options: Options) -> Result<Pipeline> {
        Pipeline::run_with(path, options, Stages::default())
    }

    /// Loads a case and runs every stage with a scenario, reporting
    /// progress.
    ///
    /// # Errors
    /// [`Error::Invalid`] when the case does not validate, [`Error::Usage`]
    /// when the scenario does not fit the case.
    pub fn run_with(path: &Path, options: Options, stages: Stages<'_>) -> Result<Pipeline> {
        stages.progress.start(progress::Stage::Loading, 0);
        let case = options.load_case(path);
        stages.progress.finish(progress::Stage::Loading);
        Pipeline::from_case_with(case?, options.mode, stages)
    }

    /// Runs every stage on a loaded case, without a scenario.
    #[must_use]
    pub fn from_case(case: Case, mode: SearchMode) -> Pipeline {
        let (analyzed, graph, disputes) = Pipeline::stages(&case, mode, &[], &progress::NoProgress);
        let analysis = analysis::CaseAnalysis::baseline(&case, &graph, &disputes);
        Pipeline::of(case, analyzed, graph, disputes, analysis)
    }

    /// Runs every stage on a loaded case with a scenario, reporting
    /// progress.
    ///
    /// # Errors
    /// [`Error::Usage`] when the scenario names an unknown or superseded
    /// claim, or assumes two claims that contradict each other.
    pub fn from_case_with(case: Case, mode: SearchMode, stages: Stages<'_>) -> Result<Pipeline> {
        let scenario = stages.scenario;
        // A claim the scenario names is never grouped with its duplicates:
        // what is assumed or excluded is that claim alone.
        let pinned: Vec<usize> = scenario
            .assume
            .iter()
            .chain(&scenario.exclude)
            .filter_map(|id| case.claim_index(id))
            .collect();
        let (analyzed, graph, disputes) = Pipeline::stages(&case, mode, &pinned, stages.progress);
        let analysis = analysis::CaseAnalysis::compute(&case, &graph, &disputes, scenario);
        stages.progress.finish(progress::Stage::Disputes);
        Ok(Pipeline::of(case, analyzed, graph, disputes, analysis?))
    }

    /// The analysis, the graph and the disputes of a case; the disputes
    /// stage is left open for the caller's analysis.
    fn stages(
        case: &Case,
        mode: SearchMode,
        pinned: &[usize],
        progress: &dyn progress::Progress,
    ) -> (AnalyzedCase, ClaimGraph, dispute::Disputes) {
        let analyzed = AnalyzedCase::with_progress(case, pinned, progress);
        let graph = ClaimGraph::build_with_progress(case, &analyzed, mode, progress);
        progress.start(progress::Stage::Disputes, 0);
        let disputes = dispute::find(case, &analyzed, &graph);
        (analyzed, graph, disputes)
    }

    fn of(
        case: Case,
        analyzed: AnalyzedCase,
        graph: ClaimGraph,
        disputes: dispute::Disputes,
        analysis: analysis::CaseAnalysis,
    ) -> Pipeline {
        Pipeline {
            case,
            analyzed,
            graph,
            disputes,
            analysis,
            report: std::sync::OnceLock::new(),
        }
    }

    /// The report model, built on the first call.
    ///
    /// # Errors
    /// [`Error::VerdictMismatch`] when an inferred edge's explanation no
    /// longer gives its verdict (a bug in claimgraph).
    pub fn report(&self) -> Result<&Report> {
        if let Some(report) = self.report.get() {
            return Ok(report);
        }
        let report = Report::build(
            &self.case,
            &self.analyzed,
            &self.graph,
            &self.disputes,
            &self.analysis,
        )?;
        Ok(self.report.get_or_init(|| report))
    }

    /// The report model, built unless it already was.
    ///
    /// # Errors
    /// As [`Pipeline::report`].
    pub fn into_report(self) -> Result<Report> {
        match self.report.into_inner() {
            Some(report) => Ok(report),
            None => Report::build(
                &self.case,
                &self.analyzed,
                &self.graph,
                &self.disputes,
                &self.analysis,
            ),
        }
    }

    /// Writes the `claimgraph.report/1` JSON report, streamed from the
    /// case and the graph: the same bytes as rendering [`Pipeline::report`]
    /// as [`report::Format::Json`], without building the report model.
    ///
    /// # Errors
    /// When the writer fails.
    pub fn write_json(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        match self.report.get() {
            Some(report) => report::json::write(report, out),
            None => report::json::write_pipeline(
                &self.case,
                &self.analyzed,
                &self.graph,
                &self.disputes,
                &self.analysis,
                out,
            ),
        }
    }
}
