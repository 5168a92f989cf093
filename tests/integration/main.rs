//! The one integration-test binary: CLI runs, report snapshots for every
//! bundled case, the bad-input catalogue (committed files and generated
//! hostile input), property tests, nothing-lost checks, the fuzz-corpus
//! replay, invariants and tidy checks.
// Tests build and inspect cases on disk: the file-system rule of
// clippy.toml is the library's, not theirs.
#![allow(clippy::disallowed_methods)]
// Tests may unwrap: a panic is how a test fails. (The library denies both
// lints in Cargo.toml; clippy.toml allows them in #[test] functions, and
// this covers the helpers too.)
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod aif;
mod analysis;
mod authoring;
mod authoring_drafts;
mod authoring_fixtures;
mod authoring_shapes;
mod bad_input;
mod browser;
mod cli;
mod eval;
mod formats;
mod fuzz_corpus;
mod hostile;
mod invariants;
mod map;
mod nothing_lost;
mod properties;
mod readable;
mod readme;
mod reports;
mod rules;
mod scale;
mod shell;
mod support;
mod tidy;
