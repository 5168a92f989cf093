//! `claimgraph explain`: the full trace of the rules for one pair.

use claimgraph::{Error, Result};

use super::{Outcome, RunConfig, stdout};
use crate::cli::{EvalFormat, ExplainArgs};

/// Explains the pair of claims the arguments name.
pub fn run(args: &ExplainArgs, config: &RunConfig) -> Result<Outcome> {
    let case = config.load_case(&args.path)?;
    let find = |id: &str| {
        case.claim_index(id)
            .ok_or_else(|| Error::unknown_claim(id, case.claims.iter().map(|c| c.id.as_str())))
    };
    let (i, j) = (find(&args.claim_a)?, find(&args.claim_b)?);
    if i == j {
        return Err(Error::Usage(
            "explain needs two different claims".to_owned(),
        ));
    }
    let analyzed = claimgraph::AnalyzedCase::new(&case);
    stdout::print(
        args.format == EvalFormat::Text,
        &mut |out| match args.format {
            EvalFormat::Text => claimgraph::explain::render(&case, &analyzed, i, j, out),
            EvalFormat::Json => claimgraph::explain::render_json(&case, &analyzed, i, j, out),
        },
    )?;
    Ok(Outcome::Clean)
}
