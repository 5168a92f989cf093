//! Command-line arguments (clap) and their conversion into library calls.
//!
//! This module belongs to the binary: clap types never reach the library.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Compare claims with counterclaims: load statements as a graph, infer
/// contradictions and support with explainable rules, and report the
/// disputed points.
///
/// Exit codes: 0 success; 1 findings when a gate was asked for
/// (--fail-on-dispute), or changes found by `diff`; 2 invalid input or any
/// other error.
#[derive(Debug, Parser)]
#[command(name = "claimgraph", version, about, long_about, max_term_width = 100)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// Refuse claim files larger than this many bytes.
    #[arg(long, global = true, value_name = "BYTES",
          default_value_t = claimgraph::load::Limits::DEFAULT_MAX_FILE_BYTES)]
    pub max_file_bytes: u64,
    /// Refuse claims whose text is longer than this many bytes.
    #[arg(long, global = true, value_name = "BYTES",
          default_value_t = claimgraph::load::Limits::DEFAULT_MAX_CLAIM_BYTES)]
    pub max_claim_bytes: usize,
    /// Refuse cases with more than this many claims.
    #[arg(long, global = true, value_name = "N",
          default_value_t = claimgraph::load::Limits::DEFAULT_MAX_CLAIMS)]
    pub max_claims: usize,
}

impl Cli {
    /// The input limits asked for.
    pub fn limits(&self) -> claimgraph::load::Limits {
        claimgraph::load::Limits {
            max_file_bytes: self.max_file_bytes,
            max_claim_bytes: self.max_claim_bytes,
            max_claims: self.max_claims,
        }
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a case and print every problem as path:line:column.
    ///
    /// Exits 0 when the case is valid, 2 when it is not.
    Check {
        /// A case directory or a single claim file.
        path: PathBuf,
    },
    /// Write the disputed-points report of a case.
    Report {
        /// A case directory or a single claim file.
        path: PathBuf,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        /// Write to this file (atomically) instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Compare every pair of claims instead of only pairs that share a term.
        #[arg(long)]
        exhaustive: bool,
        /// Exit with 1 when the report has at least one disputed point.
        #[arg(long)]
        fail_on_dispute: bool,
        /// When to colour text output (also honours NO_COLOR).
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
        /// Take this claim as established (nothing can attack it) and show
        /// which acceptance labels change. Repeatable.
        #[arg(long, value_name = "ID")]
        assume: Vec<String>,
        /// Strike this claim out of the argumentation and show which
        /// acceptance labels change. Repeatable.
        #[arg(long, value_name = "ID")]
        exclude: Vec<String>,
    },
    /// Explain why two claims are, or are not, linked.
    Explain {
        /// A case directory or a single claim file.
        path: PathBuf,
        /// The first claim id.
        claim_a: String,
        /// The second claim id.
        claim_b: String,
    },
    /// Compare two JSON reports, or two cases, and list what changed.
    ///
    /// OLD and NEW are each a `claimgraph.report/1` JSON file (from
    /// `report --format json`), a case directory or a single claim file.
    /// Lists the disputed points that appeared, vanished or changed members
    /// (matched by the claims they hold, not by number), the edges added or
    /// removed with their reasons, and the claims whose status changed.
    ///
    /// Exits 0 when nothing changed, 1 when something did, 2 on error.
    Diff {
        /// The old report or case.
        old: PathBuf,
        /// The new report or case.
        new: PathBuf,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        /// When a side is a case: compare every pair of claims.
        #[arg(long)]
        exhaustive: bool,
    },
    /// Print the JSON Schema of claim files.
    Schema,
}

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// For the terminal.
    Text,
    /// For articles and wikis.
    Markdown,
    /// Versioned JSON: claimgraph.report/1 (claimgraph.diff/1 for diff).
    Json,
}

/// When to colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// When writing to a terminal and NO_COLOR is unset.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}
