//! `claimgraph report`: run the pipeline and write the report in one
//! format, to standard output or atomically to a file.

use std::io::IsTerminal;

use claimgraph::analysis::Scenario;
use claimgraph::progress::{Progress, Stage};
use claimgraph::report::{self, Format};
use claimgraph::{Pipeline, Result, Stages};

use super::{Outcome, RunConfig, stdout};
use crate::cli::{ColorChoice, ReportArgs, ReportFormat};

/// Runs the pipeline on the case and writes its report.
pub fn run(args: &ReportArgs, config: &RunConfig) -> Result<Outcome> {
    if let Some(output) = &args.output {
        claimgraph::output::refuse_into_case(output, &args.path)?;
    }
    let scenario = Scenario {
        assume: args.assume.clone(),
        exclude: args.exclude.clone(),
    };
    let bars = crate::bars::Bars::new(!args.quiet && std::io::stderr().is_terminal(), args.timings);
    let stages = Stages {
        scenario: &scenario,
        progress: &bars,
    };
    let pipeline = Pipeline::run_with(&args.path, config.options, stages)?;
    let format = format(args);
    // JSON is streamed from the pipeline; every other format reads the
    // report model, built here.
    if format != Format::Json {
        bars.start(Stage::Report, 0);
        pipeline.report()?;
        bars.finish(Stage::Report);
    }
    bars.start(Stage::Writing, 0);
    write(&pipeline, format, args)?;
    bars.finish(Stage::Writing);
    if let Some(table) = bars.timings_table() {
        eprint!("{table}");
    }
    let findings = args.fail_on_dispute && !pipeline.disputes.points.is_empty();
    // The process ends right after this: freeing the millions of
    // allocations of a large case one by one would take longer than
    // writing the report, and the system reclaims them at once.
    std::mem::forget(pipeline);
    if findings {
        Ok(Outcome::Findings)
    } else {
        Ok(Outcome::Clean)
    }
}

/// The library's format for `--format`, coloured text only on a terminal
/// that wants it.
fn format(args: &ReportArgs) -> Format {
    let color = args.format == ReportFormat::Text && args.output.is_none() && use_color(args.color);
    args.format.with_color(color)
}

/// Writes the report to `--output` or standard output.
fn write(pipeline: &Pipeline, format: Format, args: &ReportArgs) -> Result<()> {
    let render = |out: &mut dyn std::io::Write| match format {
        Format::Json => pipeline.write_json(out),
        _ => match pipeline.report() {
            // AIF carries the case's settings, which the report model does
            // not hold.
            Ok(report) if format == Format::Aif => {
                report::aif::render_with_settings(report, &pipeline.case.config, out)
            }
            Ok(report) => report::render_limited(report, format, args.limit, out),
            // Built by the caller: an error was returned there already.
            Err(error) => Err(std::io::Error::other(error.to_string())),
        },
    };
    match &args.output {
        Some(output) => {
            claimgraph::output::refuse_input(output, &pipeline.case.files)?;
            claimgraph::output::write_atomic(output, render)
        }
        // Plain text also goes through the sanitising writer; a coloured
        // report has its own escapes, and relies on the renderer showing
        // each input string visibly.
        None if format == (Format::Text { color: false }) => {
            stdout::to_terminal(&mut |out| render(out))
        }
        None => stdout::to_stdout(render),
    }
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
