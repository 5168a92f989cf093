//! The fuzz corpus, replayed on the stable toolchain: every seed
//! (`fuzz/seeds/<target>/`), every regression (`fuzz/regressions/<target>/`)
//! and a fixed sample of the minimised corpus (`fuzz/corpus/<target>/`, all
//! of it with `CLAIMGRAPH_FULL_CORPUS=1`) goes through the fuzz target's own
//! body (`fuzz/src/entries.rs`, compiled into this test too), with the same
//! invariants. A crash the fuzzer once found stays fixed, and a run of
//! `cargo fuzz` is never needed to catch a regression.

#[path = "../../fuzz/src/entries.rs"]
mod entries;

use crate::support::root;

/// Corpus files replayed per target in a default test run: the whole
/// corpus takes minutes in a debug build.
const SAMPLE: usize = 120;

fn list(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

fn replay(target: &str, run: fn(&[u8])) {
    let fuzz = root().join("fuzz");
    let seeds = list(&fuzz.join("seeds").join(target));
    assert!(seeds.len() >= 10, "{target}: the seed corpus is committed");
    let corpus = list(&fuzz.join("corpus").join(target));
    let full = std::env::var_os("CLAIMGRAPH_FULL_CORPUS").is_some();
    let step = if full {
        1
    } else {
        corpus.len().div_ceil(SAMPLE).max(1)
    };
    let mut files = seeds;
    files.extend(list(&fuzz.join("regressions").join(target)));
    files.extend(corpus.into_iter().step_by(step));
    for file in files {
        let bytes = std::fs::read(&file).expect("reads");
        let outcome = std::panic::catch_unwind(|| run(&bytes));
        assert!(outcome.is_ok(), "{target} panics on {}", file.display());
    }
}

#[test]
fn load_corpus() {
    replay("load", entries::load);
}

#[test]
fn analyze_corpus() {
    replay("analyze", entries::analyze);
}

#[test]
fn pipeline_corpus() {
    replay("pipeline", entries::pipeline);
}
