//! The one integration-test binary: CLI runs, report snapshots for every
//! bundled case, the bad-input catalogue, invariants and tidy checks.

// Tests may panic on failure: that is how they fail.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod analysis;
mod bad_input;
mod cli;
mod invariants;
mod reports;
mod support;
mod tidy;
