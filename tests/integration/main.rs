//! The one integration-test binary: CLI runs, report snapshots for every
//! bundled case, the bad-input catalogue, invariants and tidy checks.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod bad_input;
mod cli;
mod invariants;
mod reports;
mod scale;
mod support;
mod tidy;
