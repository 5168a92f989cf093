//! What each fuzz target does with one input, and the invariants it checks.
//! This file is compiled twice: by the fuzz crate (`fuzz/`) and, through a
//! `#[path]` module, by the integration tests that replay the corpus. It
//! only uses `claimgraph`'s public API and `serde_json`.

use claimgraph::load::{self, Limits};
use claimgraph::model::Language;
use claimgraph::report::{self, Format, Report};
use claimgraph::text::Analyzer;
use claimgraph::{Error, Pipeline, SearchMode};

/// Small limits, so that an input can only be slow by being clever.
fn limits() -> Limits {
    Limits {
        max_file_bytes: 1 << 20,
        max_claim_bytes: 64 * 1024,
        max_claims: 2_000,
        ..Limits::default()
    }
}

/// Loads `data` as a JSON claim file and as a JSON Lines file. Either
/// the case loads, or every problem is a well-formed diagnostic.
pub fn load(data: &[u8]) {
    for name in ["case.json", "case.jsonl"] {
        let _ = load_checked(name, data);
    }
}

fn load_checked(name: &str, data: &[u8]) -> Option<claimgraph::Case> {
    match load::load_bytes(name, data, limits()) {
        Ok(case) => {
            assert!(!case.claims.is_empty(), "a loaded case has claims");
            assert!(
                case.claims.windows(2).all(|w| w[0].id < w[1].id),
                "claims are sorted by unique id"
            );
            for claim in &case.claims {
                assert!(case.party(&claim.party).is_some(), "parties resolve");
            }
            Some(case)
        }
        Err(Error::Invalid(diagnostics)) => {
            assert!(!diagnostics.is_empty(), "an invalid case says why");
            for d in &diagnostics {
                assert!(d.path == name || d.path == "case", "path: {d:?}");
                assert!(!d.message.is_empty(), "message: {d:?}");
                assert!(!d.message.ends_with('.'), "no trailing period: {d:?}");
                assert!(
                    d.position.is_none_or(|p| p.line > 0 && p.column > 0),
                    "position: {d:?}"
                );
                let shown = d.to_string();
                assert!(shown.starts_with(&d.path), "rendering: {shown}");
            }
            None
        }
        Err(other) => panic!("loading bytes can only fail as invalid input: {other}"),
    }
}

/// Analyses `data` (when it is UTF-8) in French, in English and with the
/// language detected. Spans must lie on character boundaries inside the
/// text.
pub fn analyze(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let analyzer = Analyzer::new(&claimgraph::config::Config::default());
    for language in [Some(Language::Fr), Some(Language::En), None] {
        let analysis = analyzer.analyze(text, language);
        let spans = analysis
            .tokens
            .iter()
            .map(|t| t.span())
            .chain(analysis.cues.iter().map(|c| c.span))
            .chain(analysis.quantities.iter().map(|q| q.span));
        for span in spans {
            assert!(span.start <= span.end && span.end <= text.len(), "{span:?}");
            assert!(text.is_char_boundary(span.start), "{span:?}");
            assert!(text.is_char_boundary(span.end), "{span:?}");
        }
        for quantity in &analysis.quantities {
            assert!(!quantity.value.is_nan(), "{quantity:?}");
        }
    }
}

/// Runs the whole pipeline from bytes to a report in every format. The
/// JSON report must read back as the same report.
pub fn pipeline(data: &[u8]) {
    let Some(case) = load_checked("case.json", data) else {
        return;
    };
    for mode in [SearchMode::Indexed, SearchMode::Exhaustive] {
        let run = Pipeline::from_case(case.clone(), mode);
        for format in [
            Format::Text { color: false },
            Format::Text { color: true },
            Format::Markdown,
            Format::Json,
        ] {
            let mut out = Vec::new();
            report::render(
                run.report().expect("explanations agree with verdicts"),
                format,
                &mut out,
            )
            .expect("rendering to memory succeeds");
            let text = String::from_utf8(out).expect("reports are UTF-8");
            if format == Format::Json {
                let back: Report = serde_json::from_str(&text).expect("the JSON report reads back");
                assert_eq!(
                    &back,
                    run.report().expect("explanations agree with verdicts"),
                    "the JSON report round-trips"
                );
            }
        }
    }
}
