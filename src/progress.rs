//! Progress reporting for long runs, without any I/O in the library.
//!
//! The pipeline calls a [`Progress`] at each stage; the binary passes one
//! that draws `indicatif` bars on a terminal, tests and library users pass
//! [`NoProgress`]. Calls may come from several threads at once.

/// A stage of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading and validating the claim files (counted in claims).
    Loading,
    /// Sorting the claims into duplicate groups (counted in claims).
    Grouping,
    /// Analysing the claim texts (counted in distinct statements: a
    /// duplicate group is analysed once).
    Analysis,
    /// The search for pairs of passages that share `strong_anchors`
    /// uncommon terms whatever their containment, which the join cannot
    /// see (counted in distinct statements).
    Anchors,
    /// The similarity join (counted in distinct statements probed).
    Candidates,
    /// Running the rules on candidate pairs (counted in pairs).
    Inference,
    /// Reading the disputes, statuses and acceptance off the graph.
    Disputes,
    /// Building the report model.
    Report,
    /// Rendering and writing the report (the binary's own stage).
    Writing,
}

impl Stage {
    /// What the stage counts.
    #[must_use]
    pub fn unit(self) -> &'static str {
        match self {
            Stage::Inference => "pairs",
            Stage::Analysis | Stage::Candidates | Stage::Anchors => "statements",
            _ => "claims",
        }
    }

    /// A short label for display.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Stage::Loading => "loading",
            Stage::Grouping => "grouping",
            Stage::Analysis => "analysing",
            Stage::Anchors => "anchor search",
            Stage::Candidates => "candidate search",
            Stage::Inference => "inference",
            Stage::Disputes => "disputes",
            Stage::Report => "report",
            Stage::Writing => "writing",
        }
    }
}

/// Receives progress; every method has a default that does nothing.
pub trait Progress: Sync {
    /// A stage starts with `total` units of work (0 when unknown).
    fn start(&self, stage: Stage, total: u64) {
        let _ = (stage, total);
    }
    /// `units` more units of the current stage are done.
    fn advance(&self, units: u64) {
        let _ = units;
    }
    /// The stage is done.
    fn finish(&self, stage: Stage) {
        let _ = stage;
    }
}

/// Progress that is not shown.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {}
