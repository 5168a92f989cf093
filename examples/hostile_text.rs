//! Times `Analyzer::analyze` on hostile claims (about 1 MB of one
//! construction repeated) and prints what each analysis found, then times
//! the rules on hostile pairs of such claims (`pair-*`: the decision the
//! graph runs, and the explained run of `explain`). Not a test: the
//! figures in `docs/scale.md` ("Text analysis of hostile claims") come
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
use claimgraph::infer::{ClaimText, Scratch, Weights, rules};
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

/// Pairs of hostile claims: each side about a megabyte.
fn pairs() -> Vec<(&'static str, String, String, Option<Language>)> {
    let (fr, en) = (Some(Language::Fr), Some(Language::En));
    vec![
        (
            "pair-numbers",
            megabyte("5 morts "),
            megabyte("7 morts "),
            fr,
        ),
        (
            "pair-dates",
            megabyte("le 28 août 2024 "),
            megabyte("le 3 mai 2021 "),
            fr,
        ),
        (
            "pair-negation",
            megabyte("ne paie pas "),
            megabyte("paie "),
            fr,
        ),
        (
            "pair-denial",
            megabyte("faux rapport "),
            megabyte("rapport "),
            fr,
        ),
        (
            "pair-antonym",
            megabyte("open border "),
            megabyte("closed border "),
            en,
        ),
        (
            "pair-hedge",
            megabyte("allegedly paid "),
            megabyte("paid "),
            en,
        ),
        (
            "pair-words",
            megabyte("alpha beta gamma "),
            megabyte("gamma delta alpha "),
            en,
        ),
        ("pair-names", names(1, 1 << 18), names(2, 1 << 18), en),
    ]
}

/// About `bytes` of distinct capitalised pseudo-names (`Bakedolifu …`),
/// a different list for each seed: each name of one side is a candidate
/// spelling variant of each name of the other.
fn names(seed: u64, bytes: usize) -> String {
    const SYLLABLES: [&str; 16] = [
        "ba", "ke", "li", "do", "fu", "ra", "mo", "si", "te", "vo", "ni", "zu", "pa", "go", "he",
        "ju",
    ];
    let mut out = String::with_capacity(bytes + 16);
    let mut state = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    while out.len() < bytes {
        out.push_str("then ");
        // xorshift: deterministic, no dependency.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        for k in 0..5 {
            let syllable = SYLLABLES[usize::try_from((state >> (k * 4)) & 15).unwrap_or(0)];
            if k == 0 {
                out.push_str(&syllable[..1].to_ascii_uppercase());
                out.push_str(&syllable[1..]);
            } else {
                out.push_str(syllable);
            }
        }
        out.push(' ');
    }
    out
}

/// Times the rules on one pair.
fn time_pair(
    analyzer: &Analyzer,
    (name, a, b, language): &(&'static str, String, String, Option<Language>),
    out: &mut impl Write,
) -> std::io::Result<()> {
    let config = Config::default();
    let (x, y) = (
        analyzer.analyze(a, *language),
        analyzer.analyze(b, *language),
    );
    let weights = Weights::from_analyses([&x, &y]);
    let side = |text, analysis| ClaimText {
        text,
        analysis,
        speaker: None,
        term_weights: None,
    };
    let (side_a, side_b) = (side(a.as_str(), &x), side(b.as_str(), &y));
    let start = Instant::now();
    let decided = rules::decide(
        side_a,
        side_b,
        &weights,
        analyzer,
        &config,
        &mut Scratch::default(),
    );
    let decide_seconds = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let run = rules::run(side_a, side_b, &weights, analyzer, &config);
    let run_seconds = start.elapsed().as_secs_f64();
    let fired: Vec<&str> = run.fired().map(|r| r.rule).collect();
    writeln!(
        out,
        "{name:14} {:>8}+{:<8} bytes decide {decide_seconds:7.3} s  explain {run_seconds:7.3} s  {} ({})",
        a.len(),
        b.len(),
        decided.map_or("no relation", |v| v.relation.as_str()),
        fired.join(", "),
    )?;
    out.flush()
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
            a.tokens.iter().filter(|t| t.negated()).count(),
        )?;
        out.flush()?;
    }
    for pair in pairs() {
        if args.is_empty() || args.iter().any(|a| a == pair.0) {
            time_pair(&analyzer, &pair, &mut out)?;
        }
    }
    Ok(())
}
