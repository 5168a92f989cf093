//! Invariants checked on random inputs: file order never changes a byte of
//! the report, and annotations always beat inference.

use std::path::Path;

use claimgraph::report::{self, Format};
use claimgraph::{Options, Pipeline};
use proptest::prelude::*;

use crate::support::root;

fn report_bytes(dir: &Path) -> Vec<u8> {
    let pipeline = Pipeline::run(dir, Options::default()).expect("loads");
    let mut out = Vec::new();
    report::render(pipeline.report().unwrap(), Format::Json, &mut out).expect("renders");
    report::render(pipeline.report().unwrap(), Format::Markdown, &mut out).expect("renders");
    out
}

/// Splits the seed case's claims over several files in a shuffled order
/// (file names decide the load order) and checks the report is unchanged.
fn write_shuffled(dir: &Path, order: &[usize], chunks: usize) {
    let source = root().join("claims/durov-telegram");
    let mut claims: Vec<serde_json::Value> = Vec::new();
    let mut rest = serde_json::Map::new();
    for file in ["case.json", "claims.json", "annotations.json"] {
        let text = std::fs::read_to_string(source.join(file)).expect("reads");
        let value: serde_json::Value = serde_json::from_str(&text).expect("json");
        for (key, v) in value.as_object().expect("object") {
            if key == "claims" {
                claims.extend(v.as_array().expect("array").iter().cloned());
            } else {
                rest.insert(key.clone(), v.clone());
            }
        }
    }
    let shuffled: Vec<serde_json::Value> = order
        .iter()
        .map(|&i| claims[i % claims.len()].clone())
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    let unique: Vec<serde_json::Value> = shuffled
        .into_iter()
        .filter(|c| seen.insert(c["id"].as_str().unwrap_or("").to_owned()))
        .collect();
    std::fs::create_dir_all(dir).expect("mkdir");
    std::fs::write(
        dir.join("0-meta.json"),
        serde_json::to_string(&rest).expect("ser"),
    )
    .expect("write");
    let per = unique.len().div_ceil(chunks);
    for (k, chunk) in unique.chunks(per.max(1)).enumerate() {
        let file = serde_json::json!({"claims": chunk});
        std::fs::write(
            dir.join(format!("{}-claims.json", chunks - k)),
            file.to_string(),
        )
        .expect("write");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]
    #[test]
    fn file_and_claim_order_do_not_change_the_report(seed in any::<u64>(), chunks in 1usize..5) {
        let tmp = tempfile::tempdir().expect("tempdir");
        let n = 28;
        let identity: Vec<usize> = (0..n).collect();
        let mut order = identity.clone();
        // A seeded Fisher-Yates shuffle.
        let mut state = seed | 1;
        for i in (1..n).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            let j = usize::try_from(state % (i as u64 + 1)).expect("fits");
            order.swap(i, j);
        }
        write_shuffled(&tmp.path().join("a"), &identity, 1);
        write_shuffled(&tmp.path().join("b"), &order, chunks);
        prop_assert_eq!(report_bytes(&tmp.path().join("a")), report_bytes(&tmp.path().join("b")));
    }
}

#[test]
fn unrelated_annotation_removes_an_inferred_edge() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let case = serde_json::json!({
        "case": {"id": "t", "language": "en"},
        "parties": [{"id": "a", "name": "A", "role": "prosecution"}, {"id": "b", "name": "B", "role": "defense"}],
        "claims": [
            {"id": "a1", "party": "a", "text": "The company paid the fine to the regulator in March."},
            {"id": "b1", "party": "b", "text": "The company never paid the fine to the regulator in March."}
        ]
    });
    std::fs::write(tmp.path().join("case.json"), case.to_string()).expect("write");
    let before = Pipeline::run(tmp.path(), Options::default()).expect("loads");
    assert_eq!(
        before.report().unwrap().edges.len(),
        1,
        "the negation is inferred: {:#?}",
        before.report().unwrap().edges
    );
    std::fs::write(
        tmp.path().join("annotations.json"),
        r#"{"annotations": [{"claims": ["b1", "a1"], "relation": "unrelated", "note": "different fines"}]}"#,
    )
    .expect("write");
    let after = Pipeline::run(tmp.path(), Options::default()).expect("loads");
    assert!(after.report().unwrap().edges.is_empty());
    assert!(after.report().unwrap().disputed_points.is_empty());
}
