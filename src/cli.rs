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
        /// Compare every pair of claims instead of only pairs that share a term.
        #[arg(long)]
        exhaustive: bool,
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
    /// Turn another tool's files into a claimgraph case.
    Import {
        /// The input format.
        #[command(subcommand)]
        format: ImportFormat,
    },
    /// Measure the inference against a case's annotations.
    ///
    /// A case (a directory or a .json claim file) is evaluated whole: its
    /// annotations are hidden, the inference runs, and every pair of claims
    /// is scored, unannotated pairs counting as unrelated. Prints precision,
    /// recall and F1 of contradicts and supports.
    Eval {
        /// Case directories or claim files.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = EvalFormat::Text)]
        format: EvalFormat,
        /// Compare every pair of claims instead of only pairs that share a term.
        #[arg(long)]
        exhaustive: bool,
    },
}

/// Formats `import` reads.
#[derive(Debug, Subcommand)]
pub enum ImportFormat {
    /// Argument Interchange Format (AIF JSON) maps, as from AIFdb or OVA.
    ///
    /// I-nodes become claims, speakers become parties (role other), CA
    /// nodes contradicts annotations, RA nodes supports, and MA nodes
    /// supports noted "rephrase". What cannot be mapped is counted on
    /// standard error. Several maps make one case.
    Aif {
        /// AIF JSON files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The case directory to write (created if missing; the case goes
        /// to DIR/case.json).
        #[arg(long, short)]
        output: PathBuf,
    },
}

/// Evaluation output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EvalFormat {
    /// A table.
    Text,
    /// The claimgraph.eval/1 JSON document.
    Json,
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
    /// One self-contained HTML page (inline CSS and SVG, no network).
    Html,
    /// Graphviz DOT (render with `dot -Tsvg`).
    Dot,
    /// GraphML, for Gephi and yEd.
    Graphml,
    /// Argument Interchange Format (AIF JSON), for AIFdb and OVA.
    Aif,
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
