//! `claimgraph suggest`: the pairs to annotate next.

use std::collections::BTreeSet;

use claimgraph::Result;
use claimgraph::author::suggest::{self, SuggestOptions};

use super::{Outcome, RunConfig, stdout};
use crate::cli::{SuggestArgs, SuggestFormat};

/// Lists the suggestions of the case, at most `--limit` of them.
pub fn run(args: &SuggestArgs, config: &RunConfig) -> Result<Outcome> {
    let case = config.load_case(&args.path)?;
    let options = SuggestOptions { all: args.all };
    let list = suggest::for_case(&case, options, &BTreeSet::new())?;
    let list = &list[..args.limit.unwrap_or(list.len()).min(list.len())];
    match args.format {
        SuggestFormat::Text => {
            stdout::to_terminal(&mut |out| suggest::render_text(&case, list, out))?;
        }
        SuggestFormat::Json => stdout::to_stdout(|out| suggest::render_json(list, out))?,
    }
    Ok(Outcome::Clean)
}
