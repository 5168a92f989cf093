//! Times `Analyzer::analyze` on hostile claims (about 1 MB of one
//! construction repeated) and prints what each analysis found. Not a test:
//! the figures in `docs/scale.md` ("Text analysis of hostile claims") come
//! from it.
//!
//! ```sh
//! cargo run --release --example hostile_text            # every input
//! cargo run --release --example hostile_text -- 5s ne   # some of them
//! cargo run --release --example hostile_text -- --dump < texts.txt > analyses.txt
//! ```
//!
//! `--dump` reads one text per line from standard input and prints the
//! `Debug` form of its analysis in French, in English and with the
//! language detected: two builds that print the same bytes analyse those
//! texts identically.
// An example writes its output files: the file-system rule of clippy.toml
// is the library's.
#![allow(clippy::disallowed_methods)]

use std::io::{BufRead, Write};
use std::time::Instant;

use claimgraph::config::Config;
use claimgraph::model::Language;
use claimgraph::text::Analyzer;

/// About a megabyte of `unit`, repeated.
fn megabyte(unit: &str) -> String {
    unit.repeat((1 << 20) / unit.len())
}

fn inputs() -> Vec<(&'static str, String, Option<Language>)> {
    let (fr, en) = (Some(Language::Fr), Some(Language::En));
    vec![
        ("5s", megabyte("5 "), fr),
        ("5s-en", megabyte("5 "), en),
        ("nepas", "ne pas ".repeat(100_000), fr),
        ("ne", megabyte("ne "), fr),
        ("neni", megabyte("ne ni "), fr),
        ("ni", megabyte("ni "), fr),
        ("nix", megabyte("ni x "), fr),
        (
            "ni-then-ne",
            format!("{}{}", "ni ".repeat(1 << 18), "ne ".repeat(1 << 18)),
            fr,
        ),
        ("sans", megabyte("sans "), fr),
        ("not", megabyte("not "), en),
        ("dont", megabyte("don't "), en),
        ("notuntrue", megabyte("not untrue "), en),
        ("neither", megabyte("neither "), en),
        ("pasfaux", megabyte("pas faux "), fr),
        ("selon", megabyte("selon certains "), fr),
        ("claims", megabyte("claims that "), en),
        ("may", megabyte("may "), en),
        ("word", megabyte("a"), fr),
        ("word-qu", megabyte("qu"), fr),
        ("word-ui", megabyte("ui"), fr),
        ("word-ay", megabyte("ay"), fr),
        ("guillemets", megabyte("« "), fr),
        ("quotes", megabyte("\" "), en),
        ("elisions", megabyte("l'"), fr),
        ("apostrophes", megabyte("x'"), en),
        ("groups", format!("1{}", megabyte(" 000")), fr),
        ("groups-en", format!("1{}", megabyte(",000")), en),
        ("dates", megabyte("le 28 août 2024 "), fr),
        ("dates-en", megabyte("August 28, 2024 "), en),
        ("vingt", megabyte("vingt-"), fr),
        ("ans", megabyte("5 ans "), fr),
        ("detected", megabyte("le chat "), None),
    ]
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let analyzer = Analyzer::new(&Config::default());
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.first().map(String::as_str) == Some("--dump") {
        for line in std::io::stdin().lock().lines() {
            let line = line?;
            for language in [Some(Language::Fr), Some(Language::En), None] {
                writeln!(out, "{:?}", analyzer.analyze(&line, language))?;
            }
        }
        return out.flush();
    }
    for (name, text, language) in inputs() {
        if !args.is_empty() && !args.iter().any(|a| a == name) {
            continue;
        }
        let start = Instant::now();
        let a = analyzer.analyze(&text, language);
        let seconds = start.elapsed().as_secs_f64();
        writeln!(
            out,
            "{name:12} {:>8} bytes {seconds:8.3} s  tokens {} cues {} cancelled {} quantities {} negated {}",
            text.len(),
            a.tokens.len(),
            a.cues.len(),
            a.cancelled.len(),
            a.quantities.len(),
            a.tokens.iter().filter(|t| t.negated).count(),
        )?;
        out.flush()?;
    }
    Ok(())
}
