//! Turning other tools' files into claimgraph cases.
//!
//! Each format is a module with a pure conversion from parsed input to a
//! [`crate::model::ClaimFile`] plus a summary of what could not be mapped;
//! the binary reads the inputs and writes the case through
//! [`crate::output::write_atomic`]. AIF (argument maps) is the first; a
//! tabular format can sit beside it.

pub mod aif;
