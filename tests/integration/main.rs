//! The one integration-test binary: CLI runs, report snapshots for every
//! bundled case, the bad-input catalogue, invariants and tidy checks.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod analysis;
mod authoring;
mod bad_input;
mod cli;
mod eval;
mod invariants;
mod reports;
mod rules;
mod support;
mod tidy;
