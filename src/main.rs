//! The `claimgraph` binary: parses arguments, calls the library, and owns
//! the exit-code policy (0 clean, 1 findings when gating, 2 error, 0 on a
//! broken pipe).

mod bars;
mod cli;
mod commands;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

/// Exit code for success.
const SUCCESS: u8 = 0;
/// Exit code for findings when a gate was asked for.
const FINDINGS: u8 = 1;
/// Exit code for invalid input and every other error.
const FAILURE: u8 = 2;

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help and --version echo nothing from the input.
            let _ = e.print();
            return ExitCode::from(SUCCESS);
        }
        Err(e) => {
            // A usage error quotes the argument it refuses, which may be a
            // file name holding escape sequences: shown visibly, like every
            // other message.
            let text = e.render().to_string();
            let mut stderr = std::io::stderr().lock();
            let _ = write!(stderr, "{}", claimgraph::terminal::visible_lines(&text));
            return ExitCode::from(FAILURE);
        }
    };
    match commands::run(cli) {
        Ok(commands::Outcome::Clean) => ExitCode::from(SUCCESS),
        Ok(commands::Outcome::Findings) => ExitCode::from(FINDINGS),
        Err(e) if is_broken_pipe(&e) => ExitCode::from(SUCCESS),
        Err(e) => {
            let mut stderr = std::io::stderr().lock();
            let _ = writeln!(stderr, "{e}");
            ExitCode::from(FAILURE)
        }
    }
}

fn is_broken_pipe(error: &claimgraph::Error) -> bool {
    matches!(error, claimgraph::Error::Write { source, .. }
        if source.kind() == std::io::ErrorKind::BrokenPipe)
}
