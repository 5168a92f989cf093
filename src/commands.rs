//! One function per subcommand: turn validated arguments into library calls
//! and write the results. Standard output is only written here and through
//! [`claimgraph::output`].

use std::io::{IsTerminal, Write};
use std::path::Path;

use claimgraph::report::{self, Format};
use claimgraph::{Error, Options, Pipeline, Result, SearchMode, load};

use crate::cli::{Cli, ColorChoice, Command, ReportFormat};

/// What a successful command found.
pub enum Outcome {
    /// Nothing to flag.
    Clean,
    /// Findings, and the user asked to gate on them.
    Findings,
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<Outcome> {
    match cli.command {
        Command::Check { path } => check(&path),
        Command::Report {
            path,
            format,
            output,
            exhaustive,
            limit,
            quiet,
            fail_on_dispute,
            color,
        } => {
            let options = Options {
                mode: if exhaustive {
                    SearchMode::Exhaustive
                } else {
                    SearchMode::Indexed
                },
                ..Options::default()
            };
            let bars = crate::bars::Bars::new(!quiet && std::io::stderr().is_terminal());
            let pipeline = Pipeline::run_with_progress(&path, options, &bars)?;
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
                        report::render_limited(&pipeline.report, format, limit, out)
                    })?;
                }
                None => {
                    to_stdout(|out| report::render_limited(&pipeline.report, format, limit, out))?
                }
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
            let case = load::load_case(&path)?;
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

fn check(path: &Path) -> Result<Outcome> {
    let case = load::load_case(path)?;
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
