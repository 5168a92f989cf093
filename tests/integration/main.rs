//! The one integration-test binary: CLI runs, report snapshots for every
//! bundled case, the bad-input catalogue, invariants and tidy checks.

mod authoring;
mod bad_input;
mod cli;
mod invariants;
mod reports;
mod support;
mod tidy;
