//! `claimgraph check`: validate a case and count what it holds.

use std::path::Path;

use claimgraph::Result;

use super::{Outcome, RunConfig, stdout};

/// Loads the case at `path`; its problems are the error.
pub fn run(path: &Path, config: &RunConfig) -> Result<Outcome> {
    let case = config.load_case(path)?;
    stdout::message(&format!(
        "ok: {} claims, {} parties, {} sources, {} annotations in {} file(s)\n",
        case.claims.len(),
        case.parties.len(),
        case.sources.len(),
        case.annotations.len(),
        case.files.len()
    ))?;
    Ok(Outcome::Clean)
}
