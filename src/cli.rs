//! Command-line arguments (clap) and their conversion into library calls.
//!
//! This module belongs to the binary: clap types never reach the library.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Compare claims with counterclaims: load statements as a graph, infer
/// contradictions and support with explainable rules, and report the
/// disputed points.
///
/// Exit codes: 0 success; 1 findings when a gate was asked for
/// (--fail-on-dispute), or changes found by `diff`; 2 invalid input or any
/// other error.
#[derive(Debug, Parser)]
#[command(name = "claimgraph", version, about, long_about, max_term_width = 100)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// Refuse claim files larger than this many bytes.
    #[arg(long, global = true, value_name = "BYTES",
          default_value_t = claimgraph::load::Limits::DEFAULT_MAX_FILE_BYTES)]
    pub max_file_bytes: u64,
    /// Refuse claims whose text is longer than this many bytes (at most
    /// 268435455: the analysis reads no further into a claim).
    #[arg(long, global = true, value_name = "BYTES",
          default_value_t = claimgraph::load::Limits::DEFAULT_MAX_CLAIM_BYTES,
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new()
              .range(1..=claimgraph::text::Token::MAX_OFFSET as u64))]
    pub max_claim_bytes: usize,
    /// Refuse cases with more than this many claims.
    #[arg(long, global = true, value_name = "N",
          default_value_t = claimgraph::load::Limits::DEFAULT_MAX_CLAIMS)]
    pub max_claims: usize,
    /// Keep at most N inferred relations per claim, its strongest (an edge
    /// stands when either of its claims keeps it), overriding the case's
    /// `max_relations_per_claim` (default 16).
    #[arg(long, global = true, value_name = "N",
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
    pub max_relations_per_claim: Option<usize>,
    /// Which inferred edges to keep, overriding the case's
    /// `min_calibrated` (without the option the case's own setting holds,
    /// 0 unless set): `recall` keeps every edge the rules score high
    /// enough (for review), `precision` only those whose calibrated
    /// confidence is 0.7 or more (for published reports; docs/eval.md says
    /// how often they are right). Read wherever a case is turned into a
    /// graph (report, explain, suggest, review, eval, diff of cases); a
    /// saved JSON report given to `diff` is compared as it was written.
    #[arg(long, global = true, value_enum, value_name = "POINT")]
    pub operating_point: Option<OperatingPoint>,
    /// Read claim files of a case directory that are symlinks to files
    /// outside it (refused by default).
    #[arg(long, global = true)]
    pub follow_symlinks: bool,
}

/// Reads a `--limit`: a count, so 0 or more. Negative numbers are let
/// through to here (instead of clap's "use -- -1" tip) to be refused in
/// words.
fn parse_limit(value: &str) -> Result<usize, String> {
    match value.parse::<usize>() {
        Ok(n) => Ok(n),
        Err(_) if value.trim_start().starts_with('-') => Err(format!(
            "a limit counts items shown, so it is 0 or more, not {value}; leave --limit out to show everything"
        )),
        Err(_) => Err(format!(
            "{value} is not a number; give how many items to show, such as --limit 10"
        )),
    }
}

/// Writes the completion script of `shell` for the whole command line.
///
/// # Errors
/// When the writer fails.
pub fn write_completions(
    shell: clap_complete::Shell,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut command = <Cli as clap::CommandFactory>::command();
    // clap_complete writes to an `impl Write`; collect the script first so
    // that a write error is returned rather than lost.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "claimgraph", &mut script);
    out.write_all(&script)
}

/// Writes the manual page, `claimgraph(1)`, with a section per
/// subcommand.
///
/// # Errors
/// When the writer fails.
pub fn write_man(out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let command = <Cli as clap::CommandFactory>::command();
    let mut page = Vec::new();
    let man = clap_mangen::Man::new(command.clone());
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    man.render_options_section(&mut page)?;
    man.render_subcommands_section(&mut page)?;
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = sub.get_name();
        roff_heading(&mut page, &format!("claimgraph {name}"))?;
        let sub = sub.clone().bin_name(format!("claimgraph {name}"));
        let sub_man = clap_mangen::Man::new(sub);
        sub_man.render_synopsis_section(&mut page)?;
        sub_man.render_description_section(&mut page)?;
        sub_man.render_options_section(&mut page)?;
    }
    man.render_version_section(&mut page)?;
    out.write_all(&page)
}

/// A roff section heading.
fn roff_heading(page: &mut Vec<u8>, title: &str) -> std::io::Result<()> {
    use std::io::Write;
    writeln!(page, ".SH \"{}\"", title.to_uppercase())
}

impl Cli {
    /// The input limits asked for.
    pub fn limits(&self) -> claimgraph::load::Limits {
        claimgraph::load::Limits {
            max_file_bytes: self.max_file_bytes,
            max_claim_bytes: self.max_claim_bytes,
            max_claims: self.max_claims,
            follow_symlinks: self.follow_symlinks,
        }
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a case and print every problem as path:line:column.
    ///
    /// Exits 0 when the case is valid, 2 when it is not.
    Check {
        /// A case directory or a single claim file.
        path: PathBuf,
    },
    /// Write the disputed-points report of a case.
    Report(ReportArgs),
    /// Explain why two claims are, or are not, linked.
    Explain(ExplainArgs),
    /// Compare two JSON reports, or two cases, and list what changed.
    ///
    /// OLD and NEW are each a `claimgraph.report/1` JSON file (from
    /// `report --format json`), a case directory or a single claim file.
    /// Lists the disputed points that appeared, vanished or changed members
    /// (matched by the claims they hold, not by number), the edges added or
    /// removed with their reasons, and the claims whose status changed.
    ///
    /// Exits 0 when nothing changed, 1 when something did, 2 on error.
    Diff(DiffArgs),
    /// Print the JSON Schema of claim files.
    Schema,
    /// Print a shell completion script for claimgraph.
    ///
    /// For example `claimgraph completions bash >
    /// ~/.local/share/bash-completion/completions/claimgraph`, or for zsh
    /// `claimgraph completions zsh > ~/.zfunc/_claimgraph` with `~/.zfunc`
    /// in `fpath`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), generated from the same definitions as
    /// --help.
    ///
    /// For example `claimgraph man > ~/.local/share/man/man1/claimgraph.1`
    /// or `claimgraph man | man -l -`.
    Man,
    /// Scaffold a new case: case.json with two parties, an empty
    /// annotations.json, config.json with every default, and a README.md.
    ///
    /// Refuses a directory that exists and is not empty.
    Init(InitArgs),
    /// Draft a case from a news article in French or English: quotations and
    /// reported speech, each attributed to its speaker.
    ///
    /// Uncertain claims are marked "needs_review": true. Sentences in the
    /// article's own voice go to a "press" party.
    Extract(ExtractArgs),
    /// Import claims from another format into a new case.
    Import {
        /// The format to import.
        #[command(subcommand)]
        format: ImportFormat,
    },
    /// Measure the inference against a case's annotations, or on labelled
    /// pair files (`.jsonl`).
    ///
    /// A case (a directory or a .json claim file) is evaluated whole: its
    /// annotations are hidden, the inference runs, and every pair of claims
    /// is scored, unannotated pairs counting as unrelated. Prints precision,
    /// recall and F1 of contradicts and supports.
    ///
    /// A `.jsonl` file holds labelled pairs (see shared/eval/README.md): each
    /// is classified by the same rules, and each file gets the confusion
    /// matrix of gold label by predicted relation, then precision, recall
    /// and F1 of `contradicts` and of `supports` against everything else.
    /// Give either cases or pair files, not both.
    Eval(EvalArgs),
    /// List the pairs of claims not yet annotated, most likely to be
    /// confirmed first: inferred edges by confidence, lifted for two
    /// parties, shared topics and one side negating what the other asserts;
    /// each pair says what its score counts.
    Suggest(SuggestArgs),
    /// Add an annotation to the case's annotations.json, leaving the rest of
    /// the file untouched.
    ///
    /// Refuses unknown claim ids and pairs that are already annotated.
    Annotate(AnnotateArgs),
    /// Review the suggestions one by one in the terminal: c contradicts,
    /// s supports, u unrelated, k skip, q quit.
    ///
    /// Each decision is saved at once; a later run resumes where this one
    /// stopped. Needs an interactive terminal.
    Review(ReviewArgs),
}

// The arguments of `report` (a `//` comment: clap reads the
// variant's `///` doc as the subcommand's help).
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// A case directory or a single claim file.
    pub path: PathBuf,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// Write to this file (atomically) instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Compare every pair of claims instead of only the candidate pairs
    /// of the similarity join (same edges, much slower).
    #[arg(long)]
    pub exhaustive: bool,
    /// Show at most N disputed points (the heaviest), common-ground
    /// edges and unanswered claims in text and Markdown, with a count of
    /// what was left out. JSON always holds everything.
    #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = parse_limit)]
    pub limit: Option<usize>,
    /// Do not show progress bars (they are only shown when standard
    /// error is a terminal).
    #[arg(long, short)]
    pub quiet: bool,
    /// Print the wall time of every stage (loading, analysis, candidate
    /// search, inference, disputes, report, writing) on standard error.
    #[arg(long)]
    pub timings: bool,
    /// Exit with 1 when the report has at least one disputed point.
    #[arg(long)]
    pub fail_on_dispute: bool,
    /// When to colour text output (also honours NO_COLOR).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Take this claim as established (nothing can attack it) and show
    /// which acceptance labels change. Repeatable.
    #[arg(long, value_name = "ID")]
    pub assume: Vec<String>,
    /// Strike this claim out of the argumentation and show which
    /// acceptance labels change. Repeatable.
    #[arg(long, value_name = "ID")]
    pub exclude: Vec<String>,
}

// The arguments of `explain` (a `//` comment: clap reads the
// variant's `///` doc as the subcommand's help).
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A case directory or a single claim file.
    pub path: PathBuf,
    /// The first claim id.
    pub claim_a: String,
    /// The second claim id.
    pub claim_b: String,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = EvalFormat::Text)]
    pub format: EvalFormat,
}

// The arguments of `diff` (a `//` comment: clap reads the
// variant's `///` doc as the subcommand's help).
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The old report or case.
    pub old: PathBuf,
    /// The new report or case.
    pub new: PathBuf,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// When a side is a case: compare every pair of claims.
    #[arg(long)]
    pub exhaustive: bool,
}

// The arguments of `init` (a `//` comment: clap reads the
// variant's `///` doc as the subcommand's help).
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The new case directory.
    pub dir: PathBuf,
    /// A party as ID=Name (repeatable); two placeholders when absent.
    #[arg(long = "party", value_name = "ID=NAME")]
    pub parties: Vec<String>,
    /// The claims' language.
    #[arg(long, value_enum)]
    pub language: Option<LanguageArg>,
}

// The arguments of `extract` (a `//` comment: clap reads the
// variant's `///` doc as the subcommand's help).
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// The article, as UTF-8 text (title on the first line).
    pub article: PathBuf,
    /// Map speakers to a party as ID=Name, matched on the surname
    /// (repeatable), e.g. --party beccuau="Laure Beccuau". Add the
    /// other people, organisations and role nouns that speak for the
    /// same side after "|": --party parquet="Laure Beccuau|le
    /// procureur|le parquet".
    #[arg(long = "party", value_name = "ID=NAME[|ALIAS...]")]
    pub parties: Vec<String>,
    /// The article's language; detected when absent.
    #[arg(long, value_enum)]
    pub language: Option<LanguageArg>,
    /// The new case directory (must not exist or be empty).
    #[arg(long, short)]
    pub output: PathBuf,
}

// The arguments of `eval` (a `//` comment: clap reads the
// variant's `///` doc as the subcommand's help).
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Case directories, claim files, or `.jsonl` pair files.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = EvalFormat::Text)]
    pub format: EvalFormat,
    /// Compare every pair of claims instead of only pairs that share a term.
    #[arg(long)]
    pub exhaustive: bool,
    /// Pair files: score only one half of each file, fixed by a hash of
    /// the pair id (develop on `dev`, check on `held-out`).
    #[arg(long, value_enum, default_value_t = EvalSplit::All)]
    pub split: EvalSplit,
    /// Pair files: also list every misclassified pair, grouped by the
    /// trail of rules that fired (largest group first).
    #[arg(long)]
    pub errors: bool,
    /// Pair files: also print, per rule, how often it fires and the
    /// precision of the relations decided with it.
    #[arg(long)]
    pub by_rule: bool,
    /// Pair files: also list every pair with its prediction, the rules'
    /// score, the calibrated confidence and (JSON) the calibration
    /// features that `scripts/calibration/fit.py` fits.
    #[arg(long)]
    pub pairs: bool,
}

// The arguments of `suggest` (a `//` comment: clap reads the
// variant's `///` doc as the subcommand's help).
#[derive(Debug, Args)]
pub struct SuggestArgs {
    /// A case directory or a single claim file.
    pub path: PathBuf,
    /// Show at most this many pairs.
    #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = parse_limit)]
    pub limit: Option<usize>,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = SuggestFormat::Text)]
    pub format: SuggestFormat,
    /// Also list every pair of claims the rules left unlinked, scored the
    /// same way.
    #[arg(long)]
    pub all: bool,
}

// The arguments of `annotate` (a `//` comment: clap reads the
// variant's `///` doc as the subcommand's help).
#[derive(Debug, Args)]
pub struct AnnotateArgs {
    /// A case directory or a single claim file.
    pub path: PathBuf,
    /// The first claim id (for supports: the supporting claim).
    pub claim_a: String,
    /// The second claim id.
    pub claim_b: String,
    /// The relation.
    #[arg(value_enum)]
    pub relation: RelationArg,
    /// Why you see this relation.
    #[arg(long)]
    pub note: Option<String>,
    /// Who you are.
    #[arg(long)]
    pub author: Option<String>,
}

// The arguments of `review` (a `//` comment: clap reads the
// variant's `///` doc as the subcommand's help).
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// A case directory or a single claim file.
    pub path: PathBuf,
    /// Recorded as the author of each annotation.
    #[arg(long)]
    pub author: Option<String>,
    /// Also review pairs the rules left unlinked (see suggest --all).
    #[arg(long)]
    pub all: bool,
    /// Review the drafts that `extract` marked needs_review instead:
    /// a accept, d drop, p move to another party, e edit the text, s
    /// set the speaker, i split in two (type the words the second
    /// claim starts with), m merge with another claim (Enter: the
    /// next draft), k skip, q quit.
    #[arg(long, conflicts_with = "all")]
    pub drafts: bool,
}

/// Formats `import` reads.
#[derive(Debug, Subcommand)]
pub enum ImportFormat {
    /// A spreadsheet saved as CSV with a header row: id, party, speaker,
    /// text, date, source (optional: language, quote, topics, party_role,
    /// supersedes). Errors point at file.csv:ROW:COLUMN.
    Csv {
        /// The CSV file.
        file: PathBuf,
        /// The new case directory (must not exist or be empty).
        #[arg(long, short)]
        output: PathBuf,
    },
    /// Argument Interchange Format (AIF JSON) maps, as from AIFdb or OVA.
    ///
    /// I-nodes become claims, speakers become parties (role other), CA
    /// nodes contradicts annotations, RA nodes supports, and MA nodes
    /// supports noted "rephrase". What cannot be mapped is counted on
    /// standard error. Several maps make one case, written to
    /// DIR/case.json.
    Aif {
        /// AIF JSON files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The new case directory (must not exist or be empty).
        #[arg(long, short)]
        output: PathBuf,
    },
}

/// Output formats of `eval` and `explain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EvalFormat {
    /// Tables and traces for the terminal.
    Text,
    /// JSON: claimgraph.eval/1 for cases, claimgraph.eval-pairs/1 for pair
    /// files, claimgraph.explain/1 for explain.
    Json,
}

/// Diff formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// For the terminal.
    Text,
    /// For articles and wikis.
    Markdown,
    /// Versioned JSON: claimgraph.diff/1.
    Json,
}

/// Languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LanguageArg {
    /// French.
    Fr,
    /// English.
    En,
}

/// Suggestion formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SuggestFormat {
    /// For people.
    Text,
    /// The claimgraph.suggestions/1 schema.
    Json,
}

/// Relations a person can assert.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RelationArg {
    /// The two claims cannot both be true.
    Contradicts,
    /// The first claim supports the second.
    Supports,
    /// The claims are not linked.
    Unrelated,
}

/// Which pairs of each file `eval` scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EvalSplit {
    /// Every pair.
    All,
    /// The half of the pairs whose id hash is even.
    Dev,
    /// The other half.
    HeldOut,
}

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// For the terminal.
    Text,
    /// For articles and wikis.
    Markdown,
    /// Versioned JSON: claimgraph.report/1.
    Json,
    /// One self-contained HTML page (inline CSS and SVG, no network).
    Html,
    /// Graphviz DOT (render with `dot -Tsvg`).
    Dot,
    /// GraphML, for Gephi and yEd.
    Graphml,
    /// Argument Interchange Format (AIF JSON), for AIFdb and OVA.
    Aif,
}

/// An operating point of the inference (`--operating-point`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OperatingPoint {
    /// Every edge the rules score high enough (`min_calibrated` 0).
    Recall,
    /// Edges whose calibrated confidence is 0.7 or more.
    Precision,
}

impl OperatingPoint {
    /// The `min_calibrated` bar of the point.
    #[must_use]
    pub fn min_calibrated(self) -> f64 {
        match self {
            OperatingPoint::Recall => 0.0,
            OperatingPoint::Precision => claimgraph::config::PRECISION_POINT,
        }
    }
}

/// When to colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// When writing to a terminal and NO_COLOR is unset.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

// The second stage: each clap value becomes the library's own value here,
// so that no command converts one by hand and no clap type reaches the
// library.

impl From<RelationArg> for claimgraph::model::AnnotatedRelation {
    fn from(relation: RelationArg) -> Self {
        match relation {
            RelationArg::Contradicts => Self::Contradicts,
            RelationArg::Supports => Self::Supports,
            RelationArg::Unrelated => Self::Unrelated,
        }
    }
}

impl From<LanguageArg> for claimgraph::model::Language {
    fn from(language: LanguageArg) -> Self {
        match language {
            LanguageArg::Fr => Self::Fr,
            LanguageArg::En => Self::En,
        }
    }
}

impl From<EvalSplit> for claimgraph::eval::pairs::Split {
    fn from(split: EvalSplit) -> Self {
        match split {
            EvalSplit::All => Self::All,
            EvalSplit::Dev => Self::Dev,
            EvalSplit::HeldOut => Self::HeldOut,
        }
    }
}

impl From<DiffFormat> for claimgraph::report::Format {
    fn from(format: DiffFormat) -> Self {
        match format {
            DiffFormat::Text => Self::Text { color: false },
            DiffFormat::Markdown => Self::Markdown,
            DiffFormat::Json => Self::Json,
        }
    }
}

impl ReportFormat {
    /// The library's format; `color` is read by text only.
    pub fn with_color(self, color: bool) -> claimgraph::report::Format {
        use claimgraph::report::Format;
        match self {
            ReportFormat::Text => Format::Text { color },
            ReportFormat::Markdown => Format::Markdown,
            ReportFormat::Json => Format::Json,
            ReportFormat::Html => Format::Html,
            ReportFormat::Dot => Format::Dot,
            ReportFormat::Graphml => Format::Graphml,
            ReportFormat::Aif => Format::Aif,
        }
    }
}
