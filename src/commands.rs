//! One function per subcommand: turn validated arguments into library calls
//! and write the results. Standard output is only written here and through
//! [`claimgraph::output`].

use std::io::{IsTerminal, Write};
use std::path::Path;

use claimgraph::analysis::Scenario;
use claimgraph::report::{self, Format};
use claimgraph::{Error, Options, Pipeline, Result, SearchMode, load};

use crate::cli::{Cli, ColorChoice, Command, ReportFormat};

/// What a successful command found.
pub enum Outcome {
    /// Nothing to flag.
    Clean,
    /// Findings, and the user asked to gate on them (or `diff` found changes).
    Findings,
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<Outcome> {
    let limits = cli.limits();
    match cli.command {
        Command::Check { path } => check(&path, limits),
        Command::Report {
            path,
            format,
            output,
            exhaustive,
            fail_on_dispute,
            color,
            assume,
            exclude,
        } => {
            let options = Options {
                mode: if exhaustive {
                    SearchMode::Exhaustive
                } else {
                    SearchMode::Indexed
                },
                limits,
            };
            let scenario = Scenario { assume, exclude };
            let pipeline = Pipeline::run_scenario(&path, options, &scenario)?;
            let format = match format {
                ReportFormat::Text => Format::Text {
                    color: output.is_none() && use_color(color),
                },
                ReportFormat::Markdown => Format::Markdown,
                ReportFormat::Json => Format::Json,
            };
            match output {
                Some(output) => {
                    claimgraph::output::refuse_input(&output, &pipeline.case.files)?;
                    claimgraph::output::write_atomic(&output, |out| {
                        report::render(&pipeline.report, format, out)
                    })?;
                }
                None => to_stdout(|out| report::render(&pipeline.report, format, out))?,
            }
            if fail_on_dispute && !pipeline.report.disputed_points.is_empty() {
                Ok(Outcome::Findings)
            } else {
                Ok(Outcome::Clean)
            }
        }
        Command::Explain {
            path,
            claim_a,
            claim_b,
        } => {
            let case = load::load_case_with(&path, limits)?;
            let find = |id: &str| {
                case.claim_index(id).ok_or_else(|| {
                    let known: Vec<&str> = case.claims.iter().map(|c| c.id.as_str()).collect();
                    let hint = load::shape::suggest(id, known.iter().copied())
                        .map(|s| format!("; did you mean \"{s}\"?"))
                        .unwrap_or_default();
                    Error::Usage(format!("unknown claim \"{id}\"{hint}"))
                })
            };
            let (i, j) = (find(&claim_a)?, find(&claim_b)?);
            if i == j {
                return Err(Error::Usage(
                    "explain needs two different claims".to_owned(),
                ));
            }
            let analyzed = claimgraph::AnalyzedCase::new(&case);
            to_stdout(|out| claimgraph::explain::render(&case, &analyzed, i, j, out))?;
            Ok(Outcome::Clean)
        }
        Command::Diff {
            old,
            new,
            format,
            exhaustive,
        } => {
            let options = Options {
                mode: if exhaustive {
                    SearchMode::Exhaustive
                } else {
                    SearchMode::Indexed
                },
                limits,
            };
            let old = report_of(&old, options)?;
            let new = report_of(&new, options)?;
            let changes = claimgraph::diff::diff(&old, &new);
            let format = match format {
                ReportFormat::Text => Format::Text { color: false },
                ReportFormat::Markdown => Format::Markdown,
                ReportFormat::Json => Format::Json,
            };
            to_stdout(|out| claimgraph::diff::render(&changes, format, out))?;
            if changes.is_empty() {
                Ok(Outcome::Clean)
            } else {
                Ok(Outcome::Findings)
            }
        }
        Command::Schema => {
            let schema = load::shape::claim_file_schema();
            to_stdout(|out| {
                serde_json::to_writer_pretty(&mut *out, &schema)?;
                writeln!(out)
            })?;
            Ok(Outcome::Clean)
        }
    }
}

/// A JSON report read as is, or the report of a case.
fn report_of(path: &Path, options: Options) -> Result<claimgraph::Report> {
    match load::read_report(path, options.limits)? {
        Some(report) => Ok(report),
        None => Ok(Pipeline::run(path, options)?.report),
    }
}

fn check(path: &Path, limits: load::Limits) -> Result<Outcome> {
    let case = load::load_case_with(path, limits)?;
    let message = format!(
        "ok: {} claims, {} parties, {} sources, {} annotations in {} file(s)\n",
        case.claims.len(),
        case.parties.len(),
        case.sources.len(),
        case.annotations.len(),
        case.files.len()
    );
    to_stdout(|out| out.write_all(message.as_bytes()))?;
    Ok(Outcome::Clean)
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

fn to_stdout(fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
    let stdout = std::io::stdout();
    let mut lock = std::io::BufWriter::new(stdout.lock());
    fill(&mut lock)
        .and_then(|()| lock.flush())
        .map_err(|source| Error::Write {
            path: "<stdout>".into(),
            source,
        })
}
