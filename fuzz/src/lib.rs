//! The fuzz targets' bodies, shared with the test suite: the integration
//! test `fuzz_corpus` includes `entries.rs` and replays every committed
//! corpus file through the same functions, on the stable toolchain.

pub mod entries;
