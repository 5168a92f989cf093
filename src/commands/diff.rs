//! `claimgraph diff`: compare two reports, or the reports of two cases.

use std::path::Path;

use claimgraph::report::Format;
use claimgraph::{Pipeline, Result, load};

use super::{Outcome, RunConfig, stdout};
use crate::cli::DiffArgs;

/// Compares the two sides; changes are findings.
pub fn run(args: &DiffArgs, config: &RunConfig) -> Result<Outcome> {
    let old = report_of(&args.old, config)?;
    let new = report_of(&args.new, config)?;
    let changes = claimgraph::diff::diff(&old, &new);
    let format = Format::from(args.format);
    stdout::print(format == (Format::Text { color: false }), &mut |out| {
        claimgraph::diff::render(&changes, format, out)
    })?;
    if changes.is_empty() {
        Ok(Outcome::Clean)
    } else {
        Ok(Outcome::Findings)
    }
}

/// A JSON report read as is, or the report of a case.
fn report_of(path: &Path, config: &RunConfig) -> Result<claimgraph::Report> {
    match load::read_report(path, config.limits())? {
        Some(report) => Ok(report),
        None => Pipeline::run(path, config.options)?.into_report(),
    }
}
