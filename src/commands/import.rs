//! `claimgraph import csv` and `import aif`: other formats turned into a
//! new case, checked like `check` before it is written.

use std::io::Write;
use std::path::{Path, PathBuf};

use claimgraph::author::{scaffold, table, verify};
use claimgraph::import::aif;
use claimgraph::{Error, Position, Result, load};

use super::init::replaced_note;
use super::{Outcome, RunConfig, stdout};

/// Imports a spreadsheet.
pub fn csv(file: &Path, output: &Path, config: &RunConfig) -> Result<Outcome> {
    let text = load::read_file_with(file, config.limits())?;
    let imported = table::import_csv(
        &file.display().to_string(),
        &text,
        &scaffold::case_id_for(output),
    )?;
    let files = imported.files();
    let shown = file.display().to_string();
    verify::check_new_case(&files, config.limits(), &|i, field| {
        let row = *imported.rows.get(i)?;
        let column = field
            .and_then(|f| imported.columns.get(f).copied())
            .unwrap_or(1);
        Some(verify::ItemOrigin {
            path: shown.clone(),
            position: Some(Position { line: row, column }),
            label: String::new(),
        })
    })?;
    let replaced = super::new_case::fill_new_case(output, &files, &[file])?;
    let mut message = replaced_note(replaced, output);
    message.push_str(&format!(
        "imported {} claims, {} parties, {} sources into {}\n",
        imported.claims.len(),
        imported.skeleton.parties.len(),
        imported.skeleton.sources.len(),
        output.display()
    ));
    stdout::message(&message)?;
    Ok(Outcome::Clean)
}

/// Imports AIF maps; what was mapped is told on standard error.
pub fn aif(aif_files: &[PathBuf], output: &Path, config: &RunConfig) -> Result<Outcome> {
    let maps = load::read_aif_maps(aif_files, config.limits())?;
    let (case_file, summary) = aif::convert(&maps);
    let mut text = serde_json::to_string_pretty(&case_file).map_err(|e| Error::Internal {
        what: "serialise the imported case",
        message: e.to_string(),
    })?;
    text.push('\n');
    let files = [("case.json".to_owned(), text)];
    verify::check_new_case(&files, config.limits(), &|i, _field| {
        let claim = case_file.claims.get(i)?;
        // Maps are named by their file stem; the claim's source is titled
        // after its map.
        let map_name = claim
            .source
            .as_ref()
            .and_then(|id| case_file.sources.iter().find(|s| &s.id == id))
            .and_then(|s| s.title.as_deref())
            .and_then(|t| t.strip_prefix("AIF map "));
        let path = aif_files
            .iter()
            .find(|p| {
                p.file_stem()
                    .is_some_and(|s| Some(s.to_string_lossy().as_ref()) == map_name)
            })
            .or_else(|| aif_files.first())
            .map(|p| p.display().to_string())?;
        let node = claim.id.strip_prefix('i').unwrap_or(&claim.id);
        let node = node.split_once('@').map_or(node, |(n, _)| n);
        Some(verify::ItemOrigin {
            path,
            position: None,
            label: format!("I-node \"{node}\""),
        })
    })?;
    let inputs: Vec<&Path> = aif_files.iter().map(PathBuf::as_path).collect();
    let replaced = super::new_case::fill_new_case(output, &files, &inputs)?;
    let mut message = replaced_note(replaced, output);
    message.push_str(&aif_summary(&summary, &output.join("case.json")));
    let mut stderr = claimgraph::terminal::VisibleWriter::new(std::io::stderr().lock());
    let _ = stderr.write_all(message.as_bytes());
    let _ = stderr.flush();
    Ok(Outcome::Clean)
}

/// What the AIF import made of the maps, and what it could not map.
fn aif_summary(summary: &aif::ImportSummary, target: &Path) -> String {
    let mut message = format!(
        "imported {} map(s) into {}: {} claims, {} parties, {} annotations",
        summary.maps,
        target.display(),
        summary.claims,
        summary.parties,
        summary.relations.values().sum::<usize>()
    );
    let relations: Vec<String> = summary
        .relations
        .iter()
        .map(|(relation, n)| format!("{n} {relation}"))
        .collect();
    if !relations.is_empty() {
        message.push_str(&format!(" ({})", relations.join(", ")));
    }
    message.push('\n');
    if summary.inferred > 0 {
        message.push_str(&format!(
            "{} relations the export marks as inferred by the rules are left to the rules, which infer them again (not written as annotations)\n",
            summary.inferred
        ));
    }
    if summary.unmapped.is_empty() {
        message.push_str("everything was mapped\n");
    } else {
        message.push_str("not mapped, by kind:\n");
        for (kind, n) in &summary.unmapped {
            message.push_str(&format!("{n:>8}  {kind}\n"));
        }
    }
    message
}
