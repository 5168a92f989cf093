//! `claimgraph init`: scaffold an empty case, and the party and language
//! arguments that `extract` shares.

use std::path::Path;

use claimgraph::author::{self, scaffold};
use claimgraph::model::Language;
use claimgraph::{Error, Result};

use super::{Outcome, stdout};
use crate::cli::{InitArgs, LanguageArg};

/// Writes the scaffold of a new case.
pub fn run(args: &InitArgs) -> Result<Outcome> {
    let dir = &args.dir;
    let parties = parse_parties(&args.parties)?;
    let mut skeleton = scaffold::CaseSkeleton::for_init(
        &scaffold::case_id_for(dir),
        language(args.language),
        &parties,
    );
    // `--party id="Name|alias|alias"`: the aliases name one side, so the
    // case's config keeps them as one entity group, the party's name first.
    skeleton.aliases = parties
        .iter()
        .filter(|p| !p.aliases.is_empty())
        .map(|p| {
            std::iter::once(&p.name)
                .chain(&p.aliases)
                .cloned()
                .collect()
        })
        .collect();
    let files = skeleton.files();
    super::new_case::write_new_case(dir, &files)?;
    let mut message = format!("created case {} with:\n", dir.display());
    for (name, _) in &files {
        message.push_str(&format!("  {name}\n"));
    }
    let shown = dir.display();
    message.push_str(&format!(
        "next: write claims in {shown}/claims.json (see claims/README.md), or fill the case from an article or a spreadsheet with claimgraph extract ARTICLE --output {shown} or claimgraph import csv FILE --output {shown} (either replaces this empty case whole); then claimgraph check {shown}\n"
    ));
    stdout::message(&message)?;
    Ok(Outcome::Clean)
}

/// The library's language for `--language`.
pub fn language(arg: Option<LanguageArg>) -> Option<Language> {
    arg.map(Language::from)
}

/// The `--party` specifications, each id given once.
pub fn parse_parties(specs: &[String]) -> Result<Vec<author::PartySpec>> {
    let parties: Vec<author::PartySpec> = specs
        .iter()
        .map(|s| author::parse_party(s))
        .collect::<Result<_>>()?;
    for (i, p) in parties.iter().enumerate() {
        if parties[..i].iter().any(|q| q.id == p.id) {
            return Err(Error::Usage(format!("--party \"{}\" is given twice", p.id)));
        }
    }
    Ok(parties)
}

/// The line that says an empty case made by `init` was replaced.
pub fn replaced_note(replaced: bool, output: &Path) -> String {
    if replaced {
        format!(
            "replaced the empty case that claimgraph init made in {}\n",
            output.display()
        )
    } else {
        String::new()
    }
}
