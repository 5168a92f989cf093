//! Fuzz target `load`: see `claimgraph_fuzz::entries::load`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| claimgraph_fuzz::entries::load(data));
