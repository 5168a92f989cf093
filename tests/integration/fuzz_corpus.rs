//! The fuzz corpus, replayed on the stable toolchain: every file under
//! `fuzz/corpus/<target>/` and `fuzz/regressions/<target>/` goes through
//! the fuzz target's own body (`fuzz/src/entries.rs`, compiled into this
//! test too), with the same invariants. A crash the fuzzer once found stays
//! fixed, and a run of `cargo fuzz` is never needed to catch a regression.

#[path = "../../fuzz/src/entries.rs"]
mod entries;

use crate::support::root;

fn replay(target: &str, run: fn(&[u8])) {
    let mut files = Vec::new();
    for dir in ["corpus", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root().join("fuzz").join(dir).join(target)) else {
            continue;
        };
        files.extend(entries.flatten().map(|e| e.path()));
    }
    files.sort();
    assert!(files.len() >= 10, "{target}: the corpus is committed");
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
