//! One function per subcommand: turn validated arguments into library calls
//! and write the results. Standard output is only written here and through
//! [`claimgraph::output`].

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use claimgraph::report::{self, Format};
use claimgraph::{Error, Options, Pipeline, Result, SearchMode, load};

use crate::cli::{Cli, ColorChoice, Command, EvalFormat, ImportFormat, ReportFormat};

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
            let pipeline = Pipeline::run(&path, options)?;
            let format = match format {
                ReportFormat::Text => Format::Text {
                    color: output.is_none() && use_color(color),
                },
                ReportFormat::Markdown => Format::Markdown,
                ReportFormat::Json => Format::Json,
                ReportFormat::Html => Format::Html,
                ReportFormat::Dot => Format::Dot,
                ReportFormat::Graphml => Format::Graphml,
                ReportFormat::Aif => Format::Aif,
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
        Command::Import {
            format: ImportFormat::Aif { files, output },
        } => import_aif(&files, &output),
        Command::Eval {
            paths,
            format,
            exhaustive,
        } => eval(&paths, format, exhaustive),
    }
}

fn import_aif(files: &[PathBuf], output: &Path) -> Result<Outcome> {
    let maps = load::read_aif_maps(files)?;
    let (case_file, summary) = claimgraph::import::aif::convert(&maps);
    claimgraph::output::ensure_dir(output)?;
    let target = output.join("case.json");
    let inputs: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    claimgraph::output::refuse_input(&target, &inputs)?;
    claimgraph::output::write_atomic(&target, |out| {
        serde_json::to_writer_pretty(&mut *out, &case_file)?;
        writeln!(out)
    })?;
    let mut message = format!(
        "imported {} map(s) into {}: {} claims, {} parties, {} annotations",
        summary.maps,
        target.display(),
        summary.claims,
        summary.parties,
        summary.relations.values().sum::<usize>()
    );
    let relations: Vec<String> = summary
        .relations
        .iter()
        .map(|(relation, n)| format!("{n} {relation}"))
        .collect();
    if !relations.is_empty() {
        message.push_str(&format!(" ({})", relations.join(", ")));
    }
    message.push('\n');
    if summary.unmapped.is_empty() {
        message.push_str("everything was mapped\n");
    } else {
        message.push_str("not mapped, by kind:\n");
        for (kind, n) in &summary.unmapped {
            message.push_str(&format!("{n:>8}  {kind}\n"));
        }
    }
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(message.as_bytes());
    Ok(Outcome::Clean)
}

fn eval(paths: &[PathBuf], format: EvalFormat, exhaustive: bool) -> Result<Outcome> {
    use claimgraph::eval::{Input, discovery};
    let mode = if exhaustive {
        SearchMode::Exhaustive
    } else {
        SearchMode::Indexed
    };
    let mut cases = Vec::new();
    for path in paths {
        match Input::classify(path) {
            Input::Case(path) => {
                let case = load::load_case(&path)?;
                cases.push(discovery::evaluate_case(&case, mode));
            }
            Input::Pairs(path) => {
                return Err(Error::Usage(format!(
                    "{}: pair-file evaluation (.jsonl) is not available in this version; give a case directory or a .json claim file",
                    path.display()
                )));
            }
        }
    }
    let evaluation = discovery::summarise(cases);
    match format {
        EvalFormat::Text => to_stdout(|out| discovery::render_text(&evaluation, out))?,
        EvalFormat::Json => to_stdout(|out| {
            serde_json::to_writer_pretty(&mut *out, &evaluation)?;
            writeln!(out)
        })?,
    }
    Ok(Outcome::Clean)
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
