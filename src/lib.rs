//! claimgraph compares claims with counterclaims.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod config;
pub mod model;
pub mod text;
