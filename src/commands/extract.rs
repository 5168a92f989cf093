//! `claimgraph extract`: draft a case from an article.

use std::path::Path;

use claimgraph::author::{extract, scaffold, verify};
use claimgraph::{Diagnostic, Error, Position, Result, load};

use super::init::{language, parse_parties, replaced_note};
use super::{Outcome, RunConfig, stdout};
use crate::cli::ExtractArgs;

/// Drafts the article's statements into a new case.
pub fn run(args: &ExtractArgs, config: &RunConfig) -> Result<Outcome> {
    let (article, output) = (args.article.as_path(), args.output.as_path());
    let parties = parse_parties(&args.parties)?;
    let text = load::read_file_with(article, config.limits())?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let shown = article.display().to_string();
    if text.trim().is_empty() {
        return Err(Error::one(Diagnostic::file(&shown, "the article is empty")));
    }
    let options = extract::ExtractOptions {
        parties,
        language: language(args.language),
        case_id: scaffold::case_id_for(output),
    };
    let extraction = extract::extract(text, &options);
    if extraction.claims.is_empty() {
        return Err(Error::one(
            Diagnostic::file(&shown, "no statements found in the article")
            .with_help("the extractor looks for quotations and speech verbs such as \"said\" or \"a déclaré\""),
        ));
    }
    let files = extraction.files();
    verify::check_new_case(&files, config.limits(), &|i, _field| {
        let claim = extraction.claims.get(i)?;
        let position = claim
            .locator
            .as_ref()
            .map(|l| line_column_of_char(text, l.start));
        Some(verify::ItemOrigin {
            path: shown.clone(),
            position,
            label: format!("statement {} (claim \"{}\")", i + 1, claim.id),
        })
    })?;
    let replaced = super::new_case::fill_new_case(output, &files, &[article])?;
    let mut message = replaced_note(replaced, output);
    message.push_str(&summary(&extraction, output));
    stdout::message(&message)?;
    Ok(Outcome::Clean)
}

/// What was drafted, party by party, and the sentences left uncovered.
fn summary(extraction: &extract::Extraction, output: &Path) -> String {
    let claims = &extraction.claims;
    let n_quotes = claims.iter().filter(|c| c.quote).count();
    let n_review = claims.iter().filter(|c| c.needs_review).count();
    let mut message = format!(
        "drafted {} claims ({} quotes, {} paraphrases; {} need review) into {}\n",
        claims.len(),
        n_quotes,
        claims.len() - n_quotes,
        n_review,
        output.display()
    );
    for party in &extraction.skeleton.parties {
        let n = claims.iter().filter(|c| c.party == party.id).count();
        message.push_str(&format!(
            "  {} ({}, {}): {} claims\n",
            party.id,
            party.name,
            party.role.as_str(),
            n
        ));
    }
    if !extraction.uncovered.is_empty() {
        message.push_str(&format!(
            "{} sentences with a quotation or a speech verb gave no speaker's claim (listed in {}):\n",
            extraction.uncovered.len(),
            output.join(extract::REVIEW_FILE).display()
        ));
        for sentence in &extraction.uncovered {
            message.push_str(&format!("  line {}: {}\n", sentence.line, sentence.text));
        }
    }
    message.push_str(&format!("next: claimgraph review {}\n", output.display()));
    message
}

/// The 1-based line and column (in characters) of the character at
/// `offset` (in characters) of `text`.
fn line_column_of_char(text: &str, offset: usize) -> Position {
    let (mut line, mut column) = (1, 1);
    for c in text.chars().take(offset) {
        if c == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    Position { line, column }
}
