//! The one integration-test binary: CLI runs, report snapshots for every
//! bundled case, the bad-input catalogue, invariants and tidy checks.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod aif;
mod analysis;
mod authoring;
mod bad_input;
mod browser;
mod cli;
mod eval;
mod formats;
mod invariants;
mod reports;
mod rules;
mod support;
mod tidy;
