//! claimgraph compares claims with counterclaims.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod case;
pub mod config;
pub mod error;
pub mod load;
pub mod model;
pub mod text;
