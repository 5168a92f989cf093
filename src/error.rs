//! The library's one error type and the positioned diagnostics it carries.
//!
//! Input problems are collected as [`Diagnostic`]s (every problem, then
//! sorted) and returned together as [`Error::Invalid`]. Everything else that
//! can go wrong (an output that cannot be written, a refused path) has its
//! own variant. The binary maps every variant to exit code 2.

use std::fmt;
use std::path::PathBuf;

use crate::terminal::visible;

/// A place in an input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
}

/// A problem in an input file, with its position when one exists.
///
/// Diagnostics sort by path, then position (a problem of the whole file
/// first), then message.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// The file as the user named it (relative paths stay relative).
    pub path: String,
    /// Where in the file, or `None` when the problem has no position (an
    /// empty directory, an unreadable file).
    pub position: Option<Position>,
    /// Lower-case, no trailing period.
    pub message: String,
    /// What to do about it, when that is not obvious from the message.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A problem at a position (1-based line and column). Line 0, which
    /// serde_json reports for an error that has no position, gives none.
    #[must_use]
    pub fn at(path: &str, line: usize, column: usize, message: impl Into<String>) -> Diagnostic {
        let position = (line > 0).then_some(Position { line, column });
        Diagnostic::placed(path, position, message)
    }

    /// A problem at a position when there is one, else with the whole file.
    #[must_use]
    pub fn placed(
        path: &str,
        position: Option<Position>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            path: path.to_owned(),
            position,
            message: message.into(),
            help: None,
        }
    }

    /// A problem with a whole file or directory.
    #[must_use]
    pub fn file(path: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::placed(path, None, message)
    }

    /// The 1-based line, when the problem has a position.
    #[must_use]
    pub fn line(&self) -> Option<usize> {
        self.position.map(|p| p.line)
    }

    /// Adds advice on what to do.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Paths, messages and help quote input (file names, field names,
        // ids, values): a terminal must never act on what they hold.
        let path = visible(&self.path);
        let message = visible(&self.message);
        match self.position {
            None => write!(f, "{path}: error: {message}")?,
            Some(Position { line, column }) => {
                write!(f, "{path}:{line}:{column}: error: {message}")?;
            }
        }
        if let Some(help) = &self.help {
            write!(f, "\n  help: {}", visible(help))?;
        }
        Ok(())
    }
}

/// Everything that can go wrong in claimgraph.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input has problems; every one found is listed, sorted.
    #[error("{}", render_diagnostics(.0))]
    Invalid(Vec<Diagnostic>),
    /// A report or a case file could not be written.
    #[error("{}: error: cannot write: {source}", shown(.path))]
    Write {
        /// Where we tried to write.
        path: PathBuf,
        /// Why it failed.
        source: std::io::Error,
    },
    /// A command-line request that cannot be carried out.
    #[error("error: {}", visible(.0))]
    Usage(String),
    /// An output path that is one of the inputs.
    #[error("error: refusing to overwrite input file {}; choose another --output", shown(.output))]
    OverwriteInput {
        /// The output the user named.
        output: PathBuf,
    },
    /// An output that would land in an input case as a claim file, which
    /// the case would then read and no longer load.
    #[error("error: refusing to write {} into the input case {}: the case would read it as a claim file and no longer load; choose a path outside the case", shown(.output), shown(.case))]
    IntoInputCase {
        /// The output the user named.
        output: PathBuf,
        /// The input case.
        case: PathBuf,
    },
    /// A new case cannot be written where the user asked.
    #[error("error: {} {why}", shown(.dir))]
    CaseDirTaken {
        /// The directory asked for.
        dir: PathBuf,
        /// What is there.
        why: Taken,
    },
    /// A file name from untrusted input that would land outside the
    /// output directory.
    #[error("error: refusing to write {} outside {}: {why}", shown(.relative), shown(.dir))]
    OutsideOutput {
        /// The name asked for.
        relative: PathBuf,
        /// The output directory.
        dir: PathBuf,
        /// How it would leave the directory.
        why: &'static str,
    },
    /// Another claimgraph run held the case's lock for too long.
    #[error("error: {} is being changed by another claimgraph run (it holds {}); nothing was written, try again when it has finished", shown(.case), shown(.lock))]
    Locked {
        /// The case.
        case: PathBuf,
        /// Its lock file.
        lock: PathBuf,
    },
    /// A claim id the case does not have, with the closest one it has.
    #[error("error: unknown claim \"{}\"{}", visible(.id), did_you_mean(.suggestion.as_deref()))]
    UnknownClaim {
        /// The id asked for.
        id: String,
        /// The case's closest claim id, when one is close enough.
        suggestion: Option<String>,
    },
    /// The terminal could not be read or set to raw mode (`review`).
    #[error("error: cannot read the terminal: {source}")]
    Terminal {
        /// Why it failed.
        source: std::io::Error,
    },
    /// A failure no input can cause, such as a value that cannot be
    /// serialised: a bug in claimgraph.
    #[error("internal error: cannot {what}: {message}; please report this bug")]
    Internal {
        /// What claimgraph was doing.
        what: &'static str,
        /// The underlying error.
        message: String,
    },
    /// An edge's explanation does not give the verdict the graph holds: the
    /// rules are pure, so this is a bug in claimgraph, never in the input.
    /// No explanation is shown rather than one that is not the reason.
    #[error(
        "internal error: the rules no longer give the edge {from} {relation} {to} (the graph holds confidence {held:.6}; explaining it gives {found}); please report this bug"
    )]
    VerdictMismatch {
        /// The edge's first claim.
        from: String,
        /// `contradicts` or `supports`.
        relation: &'static str,
        /// The edge's second claim.
        to: String,
        /// The confidence the graph holds.
        held: f64,
        /// What running the rules again found.
        found: String,
    },
}

/// Why a directory cannot become a new case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Taken {
    /// It is a file.
    File,
    /// It holds something.
    NotEmpty,
    /// Another run made it while this one built the case.
    ByAnotherRun,
}

impl fmt::Display for Taken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Taken::File => "is a file; choose a new directory for the case",
            Taken::NotEmpty => "is not empty; choose a new directory for the case",
            Taken::ByAnotherRun => "was created by another run meanwhile; nothing was written",
        })
    }
}

impl Error {
    /// A single positioned input problem.
    #[must_use]
    pub fn one(diagnostic: Diagnostic) -> Error {
        Error::Invalid(vec![diagnostic])
    }

    /// [`Error::UnknownClaim`] for `id`, suggesting the closest of `known`
    /// (the case's claim ids).
    #[must_use]
    pub fn unknown_claim<'k>(id: &str, known: impl IntoIterator<Item = &'k str>) -> Error {
        Error::UnknownClaim {
            id: id.to_owned(),
            suggestion: crate::load::shape::suggest(id, known).map(str::to_owned),
        }
    }
}

/// A path as a terminal may show it.
fn shown(path: &std::path::Path) -> String {
    visible(&path.display().to_string()).into_owned()
}

/// The "did you mean" tail of an unknown name's message.
fn did_you_mean(suggestion: Option<&str>) -> String {
    suggestion
        .map(|s| format!("; did you mean \"{}\"?", visible(s)))
        .unwrap_or_default()
}

fn render_diagnostics(diagnostics: &[Diagnostic]) -> String {
    let lines: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    lines.join("\n")
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
