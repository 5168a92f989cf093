//! One function per subcommand: turn validated arguments into library calls
//! and write the results. Standard output is only written here and through
//! [`claimgraph::output`].

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use claimgraph::analysis::Scenario;
use claimgraph::progress::{Progress, Stage};
use claimgraph::report::{self, Format};
use claimgraph::{Error, Options, Pipeline, Result, SearchMode, load};

use crate::cli::{
    Cli, ColorChoice, Command, DiffFormat, EvalFormat, EvalSplit, ImportFormat, LanguageArg,
    RelationArg, ReportFormat, SuggestFormat,
};
use claimgraph::author::{self, annotate, extract, scaffold, suggest, table, verify};
use claimgraph::model::{AnnotatedRelation, Annotation, Language};

/// What a successful command found.
pub enum Outcome {
    /// Nothing to flag.
    Clean,
    /// Findings, and the user asked to gate on them (or `diff` found changes).
    Findings,
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<Outcome> {
    let limits = cli.limits();
    let max_relations_per_claim = cli.max_relations_per_claim;
    match cli.command {
        Command::Check { path } => check(&path, limits),
        Command::Report {
            path,
            format,
            output,
            exhaustive,
            limit,
            quiet,
            timings,
            fail_on_dispute,
            color,
            assume,
            exclude,
        } => {
            let options = Options {
                mode: if exhaustive {
                    SearchMode::Exhaustive
                } else {
                    SearchMode::Indexed
                },
                limits,
                max_relations_per_claim,
            };
            if let Some(output) = &output {
                claimgraph::output::refuse_into_case(output, &path)?;
            }
            let scenario = Scenario { assume, exclude };
            let bars = crate::bars::Bars::new(!quiet && std::io::stderr().is_terminal(), timings);
            let pipeline = Pipeline::run_with(&path, options, &scenario, &bars)?;
            let format = match format {
                ReportFormat::Text => Format::Text {
                    color: output.is_none() && use_color(color),
                },
                ReportFormat::Markdown => Format::Markdown,
                ReportFormat::Json => Format::Json,
                ReportFormat::Html => Format::Html,
                ReportFormat::Dot => Format::Dot,
                ReportFormat::Graphml => Format::Graphml,
                ReportFormat::Aif => Format::Aif,
            };
            // JSON is streamed from the pipeline; every other format reads
            // the report model, built here.
            if format != Format::Json {
                bars.start(Stage::Report, 0);
                pipeline.report()?;
                bars.finish(Stage::Report);
            }
            let render = |out: &mut dyn std::io::Write| match format {
                Format::Json => pipeline.write_json(out),
                _ => match pipeline.report() {
                    // AIF carries the case's settings, which the report
                    // model does not hold.
                    Ok(report) if format == Format::Aif => {
                        report::aif::render_with_settings(report, &pipeline.case.config, out)
                    }
                    Ok(report) => report::render_limited(report, format, limit, out),
                    // Built above: an error was returned there already.
                    Err(error) => Err(std::io::Error::other(error.to_string())),
                },
            };
            bars.start(Stage::Writing, 0);
            match output {
                Some(output) => {
                    claimgraph::output::refuse_input(&output, &pipeline.case.files)?;
                    claimgraph::output::write_atomic(&output, render)?;
                }
                // Plain text also goes through the sanitising writer; a
                // coloured report has its own escapes, and relies on the
                // renderer showing each input string visibly.
                None if format == (Format::Text { color: false }) => {
                    to_terminal(&mut |out| render(out))?;
                }
                None => to_stdout(render)?,
            }
            bars.finish(Stage::Writing);
            if let Some(table) = bars.timings_table() {
                eprint!("{table}");
            }
            let findings = fail_on_dispute && !pipeline.disputes.points.is_empty();
            // The process ends right after this: freeing the millions of
            // allocations of a large case one by one would take longer than
            // writing the report, and the system reclaims them at once.
            std::mem::forget(pipeline);
            if findings {
                Ok(Outcome::Findings)
            } else {
                Ok(Outcome::Clean)
            }
        }
        Command::Explain {
            path,
            claim_a,
            claim_b,
            format,
        } => {
            let case = load::load_case_with(&path, limits)?;
            let find = |id: &str| {
                case.claim_index(id).ok_or_else(|| {
                    let known: Vec<&str> = case.claims.iter().map(|c| c.id.as_str()).collect();
                    let hint = load::shape::suggest(id, known.iter().copied())
                        .map(|s| format!("; did you mean \"{s}\"?"))
                        .unwrap_or_default();
                    Error::Usage(format!("unknown claim \"{id}\"{hint}"))
                })
            };
            let (i, j) = (find(&claim_a)?, find(&claim_b)?);
            if i == j {
                return Err(Error::Usage(
                    "explain needs two different claims".to_owned(),
                ));
            }
            let analyzed = claimgraph::AnalyzedCase::new(&case);
            print(format == EvalFormat::Text, &mut |out| match format {
                EvalFormat::Text => claimgraph::explain::render(&case, &analyzed, i, j, out),
                EvalFormat::Json => claimgraph::explain::render_json(&case, &analyzed, i, j, out),
            })?;
            Ok(Outcome::Clean)
        }
        Command::Diff {
            old,
            new,
            format,
            exhaustive,
        } => {
            let options = Options {
                mode: if exhaustive {
                    SearchMode::Exhaustive
                } else {
                    SearchMode::Indexed
                },
                limits,
                max_relations_per_claim,
            };
            let old = report_of(&old, options)?;
            let new = report_of(&new, options)?;
            let changes = claimgraph::diff::diff(&old, &new);
            let format = match format {
                DiffFormat::Text => Format::Text { color: false },
                DiffFormat::Markdown => Format::Markdown,
                DiffFormat::Json => Format::Json,
            };
            if format == (Format::Text { color: false }) {
                to_terminal(&mut |out| claimgraph::diff::render(&changes, format, out))?;
            } else {
                to_stdout(|out| claimgraph::diff::render(&changes, format, out))?;
            }
            if changes.is_empty() {
                Ok(Outcome::Clean)
            } else {
                Ok(Outcome::Findings)
            }
        }
        Command::Schema => {
            let schema = load::shape::claim_file_schema();
            to_stdout(|out| {
                serde_json::to_writer_pretty(&mut *out, &schema)?;
                writeln!(out)
            })?;
            Ok(Outcome::Clean)
        }
        Command::Completions { shell } => {
            to_stdout(|out| crate::cli::write_completions(shell, out))?;
            Ok(Outcome::Clean)
        }
        Command::Man => {
            to_stdout(|out| crate::cli::write_man(out))?;
            Ok(Outcome::Clean)
        }
        Command::Init {
            dir,
            parties,
            language,
        } => init(&dir, &parties, language),
        Command::Extract {
            article,
            parties,
            language,
            output,
        } => extract_article(&article, &parties, language, &output, limits),
        Command::Import {
            format: ImportFormat::Csv { file, output },
        } => import_csv(&file, &output, limits),
        Command::Import {
            format: ImportFormat::Aif { files, output },
        } => import_aif(&files, &output, limits),
        Command::Eval {
            paths,
            format,
            exhaustive,
            split,
            errors,
            by_rule,
        } => eval(&paths, format, exhaustive, split, (errors, by_rule), limits),
        Command::Suggest {
            path,
            limit,
            format,
            all,
        } => {
            let list = suggestions(&path, all, false, limits)?;
            let list = &list[..limit.unwrap_or(list.len()).min(list.len())];
            let case = load::load_case_with(&path, limits)?;
            match format {
                SuggestFormat::Text => {
                    to_terminal(&mut |out| suggest::render_text(&case, list, out))?;
                }
                SuggestFormat::Json => to_stdout(|out| suggest::render_json(list, out))?,
            }
            Ok(Outcome::Clean)
        }
        Command::Annotate {
            path,
            claim_a,
            claim_b,
            relation,
            note,
            author,
        } => {
            let relation = match relation {
                RelationArg::Contradicts => AnnotatedRelation::Contradicts,
                RelationArg::Supports => AnnotatedRelation::Supports,
                RelationArg::Unrelated => AnnotatedRelation::Unrelated,
            };
            let annotation = Annotation {
                claims: [claim_a, claim_b],
                relation,
                note,
                author,
            };
            let file = annotate::add(&path, &annotation, limits)?;
            let message = format!(
                "annotated {} {} {} in {}\n",
                annotation.claims[0],
                relation.as_str(),
                annotation.claims[1],
                file.display()
            );
            to_terminal(&mut |out| out.write_all(message.as_bytes()))?;
            Ok(Outcome::Clean)
        }
        Command::Review {
            path,
            author,
            all,
            drafts,
        } => {
            if drafts {
                crate::review::run_drafts(&path, limits)
            } else {
                crate::review::run(&path, author, all, limits)
            }
        }
    }
}

/// A JSON report read as is, or the report of a case.
fn report_of(path: &Path, options: Options) -> Result<claimgraph::Report> {
    match load::read_report(path, options.limits)? {
        Some(report) => Ok(report),
        None => Pipeline::run(path, options)?.into_report(),
    }
}

/// The suggestions for the case at `path`, leaving out the pairs skipped
/// in an earlier review when `exclude_skipped` is true.
pub fn suggestions(
    path: &Path,
    all: bool,
    exclude_skipped: bool,
    limits: load::Limits,
) -> Result<Vec<suggest::Suggestion>> {
    let case = load::load_case_with(path, limits)?;
    let skipped = if exclude_skipped {
        author::review_state::read(&author::review_state::state_path(path))?.skipped
    } else {
        std::collections::BTreeSet::new()
    };
    let analyzed = claimgraph::AnalyzedCase::new(&case);
    let mode = if all {
        SearchMode::Exhaustive
    } else {
        SearchMode::Indexed
    };
    let graph = claimgraph::ClaimGraph::build(&case, &analyzed, mode);
    suggest::suggestions(
        &case,
        &analyzed,
        &graph,
        suggest::SuggestOptions { all },
        &skipped,
    )
}

fn language(arg: Option<LanguageArg>) -> Option<Language> {
    arg.map(|l| match l {
        LanguageArg::Fr => Language::Fr,
        LanguageArg::En => Language::En,
    })
}

fn parse_parties(specs: &[String]) -> Result<Vec<author::PartySpec>> {
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

fn init(dir: &Path, parties: &[String], lang: Option<LanguageArg>) -> Result<Outcome> {
    let parties = parse_parties(parties)?;
    let mut skeleton =
        scaffold::CaseSkeleton::for_init(&scaffold::case_id_for(dir), language(lang), &parties);
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
    claimgraph::output::write_new_case(dir, &files)?;
    let mut message = format!("created case {} with:\n", dir.display());
    for (name, _) in &files {
        message.push_str(&format!("  {name}\n"));
    }
    let shown = dir.display();
    message.push_str(&format!(
        "next: write claims in {shown}/claims.json (see claims/README.md), or fill the case from an article or a spreadsheet with claimgraph extract ARTICLE --output {shown} or claimgraph import csv FILE --output {shown} (either replaces this empty case whole); then claimgraph check {shown}\n"
    ));
    to_terminal(&mut |out| out.write_all(message.as_bytes()))?;
    Ok(Outcome::Clean)
}

fn extract_article(
    article: &Path,
    parties: &[String],
    lang: Option<LanguageArg>,
    output: &Path,
    limits: load::Limits,
) -> Result<Outcome> {
    let parties = parse_parties(parties)?;
    let text = load::read_file_with(article, limits)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if text.trim().is_empty() {
        return Err(Error::one(claimgraph::Diagnostic::file(
            &article.display().to_string(),
            "the article is empty",
        )));
    }
    let options = extract::ExtractOptions {
        parties,
        language: language(lang),
        case_id: scaffold::case_id_for(output),
    };
    let extraction = extract::extract(text, &options);
    if extraction.claims.is_empty() {
        return Err(Error::one(
            claimgraph::Diagnostic::file(
                &article.display().to_string(),
                "no statements found in the article",
            )
            .with_help("the extractor looks for quotations and speech verbs such as \"said\" or \"a déclaré\""),
        ));
    }
    let files = extraction.files();
    let shown = article.display().to_string();
    verify::check_new_case(&files, limits, &|i, _field| {
        let claim = extraction.claims.get(i)?;
        let (line, column) = claim
            .locator
            .as_ref()
            .map_or((0, 0), |l| line_column_of_char(text, l.start));
        Some(verify::ItemOrigin {
            path: shown.clone(),
            line,
            column,
            label: format!("statement {} (claim \"{}\")", i + 1, claim.id),
        })
    })?;
    let replaced = claimgraph::output::fill_new_case(output, &files, &[article])?;
    let claims = &extraction.claims;
    let n_quotes = claims.iter().filter(|c| c.quote).count();
    let n_review = claims.iter().filter(|c| c.needs_review).count();
    let mut message = replaced_note(replaced, output);
    message.push_str(&format!(
        "drafted {} claims ({} quotes, {} paraphrases; {} need review) into {}\n",
        claims.len(),
        n_quotes,
        claims.len() - n_quotes,
        n_review,
        output.display()
    ));
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
    to_terminal(&mut |out| out.write_all(message.as_bytes()))?;
    Ok(Outcome::Clean)
}

/// The line that says an empty case made by `init` was replaced.
fn replaced_note(replaced: bool, output: &Path) -> String {
    if replaced {
        format!(
            "replaced the empty case that claimgraph init made in {}\n",
            output.display()
        )
    } else {
        String::new()
    }
}

fn import_csv(file: &Path, output: &Path, limits: load::Limits) -> Result<Outcome> {
    let text = load::read_file_with(file, limits)?;
    let imported = table::import_csv(
        &file.display().to_string(),
        &text,
        &scaffold::case_id_for(output),
    )?;
    let files = imported.files();
    let shown = file.display().to_string();
    verify::check_new_case(&files, limits, &|i, field| {
        let row = *imported.rows.get(i)?;
        let column = field
            .and_then(|f| imported.columns.get(f).copied())
            .unwrap_or(1);
        Some(verify::ItemOrigin {
            path: shown.clone(),
            line: row,
            column,
            label: String::new(),
        })
    })?;
    let replaced = claimgraph::output::fill_new_case(output, &files, &[file])?;
    let mut message = replaced_note(replaced, output);
    message.push_str(&format!(
        "imported {} claims, {} parties, {} sources into {}\n",
        imported.claims.len(),
        imported.skeleton.parties.len(),
        imported.skeleton.sources.len(),
        output.display()
    ));
    to_terminal(&mut |out| out.write_all(message.as_bytes()))?;
    Ok(Outcome::Clean)
}

/// The 1-based line and column (in characters) of the character at
/// `offset` (in characters) of `text`.
fn line_column_of_char(text: &str, offset: usize) -> (usize, usize) {
    let (mut line, mut column) = (1, 1);
    for c in text.chars().take(offset) {
        if c == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    (line, column)
}

fn check(path: &Path, limits: load::Limits) -> Result<Outcome> {
    let case = load::load_case_with(path, limits)?;
    let message = format!(
        "ok: {} claims, {} parties, {} sources, {} annotations in {} file(s)\n",
        case.claims.len(),
        case.parties.len(),
        case.sources.len(),
        case.annotations.len(),
        case.files.len()
    );
    to_terminal(&mut |out| out.write_all(message.as_bytes()))?;
    Ok(Outcome::Clean)
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

/// [`to_stdout`] for text meant for people: every hidden character of the
/// output except line breaks is shown visibly (see
/// [`claimgraph::terminal::VisibleWriter`]), whatever the renderer escaped.
pub fn to_terminal(fill: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
    to_stdout(|out| {
        let mut visible = claimgraph::terminal::VisibleWriter::new(out);
        fill(&mut visible)?;
        visible.flush()
    })
}

/// [`to_terminal`] when `for_people`, [`to_stdout`] otherwise (JSON is
/// escaped by its serialiser and must stay byte-exact).
fn print(
    for_people: bool,
    fill: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    if for_people {
        to_terminal(fill)
    } else {
        to_stdout(|out| fill(out))
    }
}

pub fn to_stdout(fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
    let stdout = std::io::stdout();
    let mut lock = std::io::BufWriter::new(stdout.lock());
    fill(&mut lock)
        .and_then(|()| lock.flush())
        .map_err(|source| Error::Write {
            path: "<stdout>".into(),
            source,
        })
}

fn import_aif(aif_files: &[PathBuf], output: &Path, limits: load::Limits) -> Result<Outcome> {
    let maps = load::read_aif_maps(aif_files, limits)?;
    let (case_file, summary) = claimgraph::import::aif::convert(&maps);
    let mut text = serde_json::to_string_pretty(&case_file)
        .map_err(|e| Error::Usage(format!("cannot serialise the imported case: {e}")))?;
    text.push('\n');
    let files = [("case.json".to_owned(), text)];
    verify::check_new_case(&files, limits, &|i, _field| {
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
            line: 0,
            column: 0,
            label: format!("I-node \"{node}\""),
        })
    })?;
    let [(_, text)] = files;
    let inputs: Vec<&Path> = aif_files.iter().map(PathBuf::as_path).collect();
    let replaced =
        claimgraph::output::fill_new_case(output, &[("case.json".to_owned(), text)], &inputs)?;
    let target = output.join("case.json");
    let mut message = replaced_note(replaced, output);
    message += &format!(
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
    let mut stderr = claimgraph::terminal::VisibleWriter::new(std::io::stderr().lock());
    let _ = stderr.write_all(message.as_bytes());
    let _ = stderr.flush();
    Ok(Outcome::Clean)
}

/// `eval`: cases are scored against their annotations, `.jsonl` pair files
/// pair by pair; one run takes one kind.
fn eval(
    paths: &[PathBuf],
    format: EvalFormat,
    exhaustive: bool,
    split: EvalSplit,
    (errors, by_rule): (bool, bool),
    limits: load::Limits,
) -> Result<Outcome> {
    use claimgraph::eval::{Input, discovery};
    let inputs: Vec<Input> = paths.iter().map(|p| Input::classify(p)).collect();
    let n_pairs = inputs
        .iter()
        .filter(|i| matches!(i, Input::Pairs(_)))
        .count();
    if n_pairs == inputs.len() {
        return eval_pairs(paths, format, split, (errors, by_rule), limits);
    }
    if n_pairs > 0 {
        return Err(Error::Usage(
            "give eval either cases or .jsonl pair files, not both".to_owned(),
        ));
    }
    if split != EvalSplit::All || errors || by_rule {
        return Err(Error::Usage(
            "--split, --errors and --by-rule apply to .jsonl pair files".to_owned(),
        ));
    }
    let mode = if exhaustive {
        SearchMode::Exhaustive
    } else {
        SearchMode::Indexed
    };
    let mut cases = Vec::new();
    for path in paths {
        let case = load::load_case_with(path, limits)?;
        cases.push(discovery::evaluate_case(&case, mode)?);
    }
    let evaluation = discovery::summarise(cases);
    match format {
        EvalFormat::Text => to_terminal(&mut |out| discovery::render_text(&evaluation, out))?,
        EvalFormat::Json => to_stdout(|out| {
            serde_json::to_writer_pretty(&mut *out, &evaluation)?;
            writeln!(out)
        })?,
    }
    Ok(Outcome::Clean)
}

/// `eval` on labelled pair files.
fn eval_pairs(
    paths: &[PathBuf],
    format: EvalFormat,
    split: EvalSplit,
    (errors, by_rule): (bool, bool),
    limits: load::Limits,
) -> Result<Outcome> {
    use claimgraph::eval::breakdown;
    use claimgraph::eval::pairs::{self, Split};
    let split = match split {
        EvalSplit::All => Split::All,
        EvalSplit::Dev => Split::Dev,
        EvalSplit::HeldOut => Split::HeldOut,
    };
    let mut evals = Vec::with_capacity(paths.len());
    let mut diagnostics = Vec::new();
    for path in paths {
        match pairs::evaluate_path(path, split, limits) {
            Ok(eval) => evals.push(eval),
            Err(Error::Invalid(found)) => diagnostics.extend(found),
            Err(e) => return Err(e),
        }
    }
    if !diagnostics.is_empty() {
        diagnostics.sort();
        return Err(Error::Invalid(diagnostics));
    }
    print(format == EvalFormat::Text, &mut |out| {
        match format {
            EvalFormat::Text => {
                pairs::render_text(&evals, out)?;
                if by_rule {
                    breakdown::render_by_rule(&evals, out)?;
                }
                if errors {
                    breakdown::render_errors(&evals, out)?;
                }
            }
            EvalFormat::Json => pairs::render_json(&evals, by_rule, errors, out)?,
        }
        Ok(())
    })?;
    Ok(Outcome::Clean)
}
