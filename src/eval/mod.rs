//! Measuring the inference on labelled data.
//!
//! [`pairs`] scores labelled claim pairs (the JSON Lines format of
//! `shared/eval/README.md`) with the same [`crate::infer::assess`] that
//! builds the graph, so a measured figure is a figure about the real engine.

pub mod pairs;
