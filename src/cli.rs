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
/// (--fail-on-dispute); 2 invalid input or any other error.
#[derive(Debug, Parser)]
#[command(name = "claimgraph", version, about, long_about, max_term_width = 100)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
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
        /// Compare every pair of claims instead of only the candidate pairs
        /// of the similarity join (same edges, much slower).
        #[arg(long)]
        exhaustive: bool,
        /// Show at most N disputed points (the heaviest), common-ground
        /// edges and unanswered claims in text and Markdown, with a count of
        /// what was left out. JSON always holds everything.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
        /// Do not show progress bars (they are only shown when standard
        /// error is a terminal).
        #[arg(long, short)]
        quiet: bool,
        /// Exit with 1 when the report has at least one disputed point.
        #[arg(long)]
        fail_on_dispute: bool,
        /// When to colour text output (also honours NO_COLOR).
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
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
    /// The versioned claimgraph.report/1 schema.
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
