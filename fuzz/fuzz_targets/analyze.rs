//! Fuzz target `analyze`: see `claimgraph_fuzz::entries::analyze`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| claimgraph_fuzz::entries::analyze(data));
