//! The subcommands, one module each, in two stages: [`run`] turns the parsed
//! command line into one validated [`RunConfig`] (input limits, the
//! relation cap, the search mode), and hands it with the subcommand's own
//! arguments to that subcommand's module, which makes the library calls and
//! writes the results. Standard output is only written through
//! [`stdout`]; files only through [`claimgraph::output`] and, for new case
//! directories, [`new_case`].

mod annotate;
mod check;
mod diff;
mod eval;
mod explain;
mod extract;
mod generated;
mod import;
mod init;
mod new_case;
mod report;
mod review;
mod stdout;
mod suggest;

use std::path::Path;

use claimgraph::{Case, Options, Result, SearchMode, load};

use crate::cli::{Cli, Command, ImportFormat, OperatingPoint};

/// What a successful command found.
pub enum Outcome {
    /// Nothing to flag.
    Clean,
    /// Findings, and the user asked to gate on them (or `diff` found changes).
    Findings,
}

/// The settings every command runs with, built once from the command line.
#[derive(Debug, Clone, Copy)]
pub struct RunConfig {
    /// The global `--max-*` limits and `--follow-symlinks`, with
    /// `--max-relations-per-claim` and the search mode: whatever loads a
    /// case or builds a graph reads them from here.
    pub options: Options,
}

impl RunConfig {
    /// The configuration of a parsed command line.
    fn new(cli: &Cli) -> RunConfig {
        let exhaustive = match &cli.command {
            Command::Report(args) => args.exhaustive,
            Command::Diff(args) => args.exhaustive,
            Command::Eval(args) => args.exhaustive,
            _ => false,
        };
        RunConfig {
            options: Options {
                mode: if exhaustive {
                    SearchMode::Exhaustive
                } else {
                    SearchMode::Indexed
                },
                limits: cli.limits(),
                max_relations_per_claim: cli.max_relations_per_claim,
                min_calibrated: cli.operating_point.map(OperatingPoint::min_calibrated),
            },
        }
    }

    /// The input limits.
    fn limits(&self) -> load::Limits {
        self.options.limits
    }

    /// Loads the case at `path` within the limits, with the relation cap
    /// of the command line.
    fn load_case(&self, path: &Path) -> Result<Case> {
        self.options.load_case(path)
    }
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<Outcome> {
    let config = RunConfig::new(&cli);
    match cli.command {
        Command::Check { path } => check::run(&path, &config),
        Command::Report(args) => report::run(&args, &config),
        Command::Explain(args) => explain::run(&args, &config),
        Command::Diff(args) => diff::run(&args, &config),
        Command::Schema => generated::schema(),
        Command::Completions { shell } => generated::completions(shell),
        Command::Man => generated::man(),
        Command::Init(args) => init::run(&args),
        Command::Extract(args) => extract::run(&args, &config),
        Command::Import {
            format: ImportFormat::Csv { file, output },
        } => import::csv(&file, &output, &config),
        Command::Import {
            format: ImportFormat::Aif { files, output },
        } => import::aif(&files, &output, &config),
        Command::Eval(args) => eval::run(&args, &config),
        Command::Suggest(args) => suggest::run(&args, &config),
        Command::Annotate(args) => annotate::run(args, &config),
        Command::Review(args) => review::run(&args, &config),
    }
}
