//! `claimgraph eval`: cases scored against their annotations, `.jsonl`
//! pair files pair by pair; one run takes one kind.

use claimgraph::config::Config;
use claimgraph::eval::pairs::{self, Split};
use claimgraph::eval::{Input, breakdown, discovery};
use claimgraph::{Error, Result};

use super::{Outcome, RunConfig, stdout};
use crate::cli::{EvalArgs, EvalFormat, EvalSplit};

/// Evaluates the cases or the pair files of the arguments.
pub fn run(args: &EvalArgs, config: &RunConfig) -> Result<Outcome> {
    let inputs: Vec<Input> = args.paths.iter().map(|p| Input::classify(p)).collect();
    let n_pairs = inputs
        .iter()
        .filter(|i| matches!(i, Input::Pairs(_)))
        .count();
    if n_pairs == inputs.len() {
        return eval_pairs(args, config);
    }
    if n_pairs > 0 {
        return Err(Error::Usage(
            "give eval either cases or .jsonl pair files, not both".to_owned(),
        ));
    }
    if args.split != EvalSplit::All || args.errors || args.by_rule || args.pairs {
        return Err(Error::Usage(
            "--split, --errors, --by-rule and --pairs apply to .jsonl pair files".to_owned(),
        ));
    }
    let mut cases = Vec::new();
    for path in &args.paths {
        let case = config.load_case(path)?;
        cases.push(discovery::evaluate_case(&case, config.options.mode)?);
    }
    let evaluation = discovery::summarise(cases);
    match args.format {
        EvalFormat::Text => {
            stdout::to_terminal(&mut |out| discovery::render_text(&evaluation, out))?;
        }
        EvalFormat::Json => stdout::json(&evaluation)?,
    }
    Ok(Outcome::Clean)
}

/// `eval` on labelled pair files: every file's problems are told together.
fn eval_pairs(args: &EvalArgs, config: &RunConfig) -> Result<Outcome> {
    let split = Split::from(args.split);
    // The built-in configuration, at the operating point asked for.
    let mut pair_config = Config::default();
    if let Some(bar) = config.options.min_calibrated {
        pair_config.min_calibrated = bar;
    }
    let mut evals = Vec::with_capacity(args.paths.len());
    let mut diagnostics = Vec::new();
    for path in &args.paths {
        match pairs::evaluate_path(path, split, config.limits(), &pair_config) {
            Ok(eval) => evals.push(eval),
            Err(Error::Invalid(found)) => diagnostics.extend(found),
            Err(e) => return Err(e),
        }
    }
    if !diagnostics.is_empty() {
        diagnostics.sort();
        return Err(Error::Invalid(diagnostics));
    }
    let sections = pairs::Sections {
        by_rule: args.by_rule,
        errors: args.errors,
        pairs: args.pairs,
    };
    stdout::print(args.format == EvalFormat::Text, &mut |out| {
        match args.format {
            EvalFormat::Text => {
                pairs::render_text(&evals, out)?;
                if sections.by_rule {
                    breakdown::render_by_rule(&evals, out)?;
                }
                if sections.errors {
                    breakdown::render_errors(&evals, out)?;
                }
                if sections.pairs {
                    pairs::render_pairs(&evals, out)?;
                }
            }
            EvalFormat::Json => pairs::render_json(&evals, sections, out)?,
        }
        Ok(())
    })?;
    Ok(Outcome::Clean)
}
