//! `claimgraph annotate`: add one annotation to a case.

use claimgraph::Result;
use claimgraph::author::annotate;
use claimgraph::model::{AnnotatedRelation, Annotation};

use super::{Outcome, RunConfig, stdout};
use crate::cli::AnnotateArgs;

/// Adds the annotation the arguments describe.
pub fn run(args: AnnotateArgs, config: &RunConfig) -> Result<Outcome> {
    let relation = AnnotatedRelation::from(args.relation);
    let annotation = Annotation {
        claims: [args.claim_a, args.claim_b],
        relation,
        note: args.note,
        author: args.author,
    };
    let file = annotate::add(&args.path, &annotation, config.limits())?;
    stdout::message(&format!(
        "annotated {} {} {} in {}\n",
        annotation.claims[0],
        relation.as_str(),
        annotation.claims[1],
        file.display()
    ))?;
    Ok(Outcome::Clean)
}
