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
pub use error::{Diagnostic, Error, Result};
pub use graph::{ClaimGraph, SearchMode};
pub use report::Report;

/// Options for a whole run.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// How candidate pairs are chosen.
    pub mode: SearchMode,
    /// Input limits.
    pub limits: load::Limits,
    /// Overrides the case's `max_relations_per_claim` when set.
    pub max_relations_per_claim: Option<usize>,
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
    pub analysis: analysis::Analysis,
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
        Pipeline::run_with(
            path,
            options,
            &analysis::Scenario::default(),
            &progress::NoProgress,
        )
    }

    /// [`Pipeline::run`] with claims assumed or excluded.
    ///
    /// # Errors
    /// [`Error::Invalid`] when the case does not validate, [`Error::Usage`]
    /// when the scenario does not fit the case.
    pub fn run_scenario(
        path: &Path,
        options: Options,
        scenario: &analysis::Scenario,
    ) -> Result<Pipeline> {
        Pipeline::run_with(path, options, scenario, &progress::NoProgress)
    }

    /// [`Pipeline::run`], reporting progress at every stage.
    ///
    /// # Errors
    /// [`Error::Invalid`] when the case does not validate.
    pub fn run_with_progress(
        path: &Path,
        options: Options,
        progress: &dyn progress::Progress,
    ) -> Result<Pipeline> {
        Pipeline::run_with(path, options, &analysis::Scenario::default(), progress)
    }

    /// Loads a case and runs every stage with a scenario, reporting progress.
    ///
    /// # Errors
    /// [`Error::Invalid`] when the case does not validate, [`Error::Usage`]
    /// when the scenario does not fit the case.
    pub fn run_with(
        path: &Path,
        options: Options,
        scenario: &analysis::Scenario,
        progress: &dyn progress::Progress,
    ) -> Result<Pipeline> {
        progress.start(progress::Stage::Loading, 0);
        let case = load::load_case_with(path, options.limits);
        progress.finish(progress::Stage::Loading);
        let mut case = case?;
        if let Some(k) = options.max_relations_per_claim {
            // 0 would keep nothing; the command line and the config refuse it.
            case.config.max_relations_per_claim = k.max(1);
        }
        Pipeline::from_case_with(case, options.mode, scenario, progress)
    }

    /// Runs every stage on a loaded case.
    #[must_use]
    pub fn from_case(case: Case, mode: SearchMode) -> Pipeline {
        Pipeline::from_case_with_progress(case, mode, &progress::NoProgress)
    }

    /// [`Pipeline::from_case`], reporting progress.
    #[must_use]
    pub fn from_case_with_progress(
        case: Case,
        mode: SearchMode,
        progress: &dyn progress::Progress,
    ) -> Pipeline {
        let analyzed = AnalyzedCase::with_progress(&case, &[], progress);
        let graph = ClaimGraph::build_with_progress(&case, &analyzed, mode, progress);
        progress.start(progress::Stage::Disputes, 0);
        let disputes = dispute::find(&case, &analyzed, &graph);
        let analysis = analysis::Analysis::baseline(&case, &graph, &disputes);
        progress.finish(progress::Stage::Disputes);
        Pipeline {
            case,
            analyzed,
            graph,
            disputes,
            analysis,
            report: std::sync::OnceLock::new(),
        }
    }

    /// Runs every stage on a loaded case, with claims assumed or excluded.
    ///
    /// # Errors
    /// [`Error::Usage`] when the scenario names an unknown or superseded
    /// claim, or assumes two claims that contradict each other.
    pub fn from_case_scenario(
        case: Case,
        mode: SearchMode,
        scenario: &analysis::Scenario,
    ) -> Result<Pipeline> {
        Pipeline::from_case_with(case, mode, scenario, &progress::NoProgress)
    }

    /// Runs every stage on a loaded case with a scenario, reporting progress.
    ///
    /// # Errors
    /// As [`Pipeline::from_case_scenario`].
    pub fn from_case_with(
        case: Case,
        mode: SearchMode,
        scenario: &analysis::Scenario,
        progress: &dyn progress::Progress,
    ) -> Result<Pipeline> {
        // A claim the scenario names is never grouped with its duplicates:
        // what is assumed or excluded is that claim alone.
        let pinned: Vec<usize> = scenario
            .assume
            .iter()
            .chain(&scenario.exclude)
            .filter_map(|id| case.claim_index(id))
            .collect();
        let analyzed = AnalyzedCase::with_progress(&case, &pinned, progress);
        let graph = ClaimGraph::build_with_progress(&case, &analyzed, mode, progress);
        progress.start(progress::Stage::Disputes, 0);
        let disputes = dispute::find(&case, &analyzed, &graph);
        let analysis = analysis::Analysis::compute(&case, &graph, &disputes, scenario);
        progress.finish(progress::Stage::Disputes);
        let analysis = analysis?;
        Ok(Pipeline {
            case,
            analyzed,
            graph,
            disputes,
            analysis,
            report: std::sync::OnceLock::new(),
        })
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
