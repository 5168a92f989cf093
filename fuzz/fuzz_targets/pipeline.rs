//! Fuzz target `pipeline`: see `claimgraph_fuzz::entries::pipeline`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| claimgraph_fuzz::entries::pipeline(data));
