//! `claimgraph schema`, `completions` and `man`: text generated from the
//! claim-file types and from the clap definitions.

use claimgraph::{Result, load};

use super::{Outcome, stdout};

/// Prints the JSON Schema of claim files.
pub fn schema() -> Result<Outcome> {
    stdout::json(&load::shape::claim_file_schema())?;
    Ok(Outcome::Clean)
}

/// Prints the completion script of `shell`.
pub fn completions(shell: clap_complete::Shell) -> Result<Outcome> {
    stdout::to_stdout(|out| crate::cli::write_completions(shell, out))?;
    Ok(Outcome::Clean)
}

/// Prints the manual page.
pub fn man() -> Result<Outcome> {
    stdout::to_stdout(|out| crate::cli::write_man(out))?;
    Ok(Outcome::Clean)
}
