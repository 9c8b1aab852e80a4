//! The `chitieu` command: parses arguments, runs the library, prints, and
//! maps the result to the exit code (0 on target, 1 a target failed,
//! 2 rules or data could not be evaluated).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use chitieu::Options;
use chitieu::diagnostic::Diagnostic;
use chitieu::report::{self, Renderer, Style};
use chitieu::rules::{Evaluator, RulePack};
use indicatif::{ProgressBar, ProgressStyle};

/// Checks a police unit's annual work plan targets: Rhai rule files over a
/// YAML dataset of the unit's records.
#[derive(Parser)]
#[command(name = "chitieu", version, about, long_about = None)]
#[command(after_help = "Exit codes: 0 every target passed, pending or n/a; 1 a target failed; \
2 a rule or the data could not be evaluated.\n\nStart with `chitieu check` in the repository.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Evaluate every rule over the dataset and report each target.
    Check(CheckArgs),
    /// The audit trail of one target: plan text, parameters and who set them,
    /// measured values, offending records, the rule's source.
    Explain(ExplainArgs),
    /// Run the rule pack's own test cases (rules/tests/*.yaml).
    Test(RulesArgs),
    /// Compile every rule and validate the data, without evaluating.
    Lint(DataArgs),
    /// The catalogue of targets with their effective thresholds.
    List(CatalogueArgs),
    /// The catalogue of targets as Markdown: plan wording, interpretation, parameters.
    Doc(CatalogueArgs),
    /// The JSON Schema of a unit file, for editor completion and validation.
    Schema,
}

#[derive(Args)]
struct RulesArgs {
    /// The rule pack: a folder of .rhai files.
    #[arg(long, default_value = "rules", value_name = "DIR")]
    rules: PathBuf,
    /// A directive overlay to apply after those in <rules>/directives (repeatable).
    #[arg(long = "directive", value_name = "FILE")]
    directives: Vec<PathBuf>,
}

impl RulesArgs {
    fn pack(&self) -> RulePack {
        RulePack::load_with_directives(&self.rules, &self.directives)
    }
}

#[derive(Args)]
struct DataArgs {
    #[command(flatten)]
    rules: RulesArgs,
    /// A unit file (.yaml, .yml, .json) or a folder of them.
    #[arg(long, default_value = "data", value_name = "FILE|DIR")]
    data: PathBuf,
    /// Units evaluated at once (default: one per core).
    #[arg(long, short = 'j', default_value_t = 0, value_name = "N", hide_default_value = true)]
    jobs: usize,
}

#[derive(Args)]
struct CatalogueArgs {
    #[command(flatten)]
    rules: RulesArgs,
    /// Show thresholds as of this date (which directives apply); default today.
    #[arg(long, value_name = "DATE")]
    as_of: Option<NaiveDate>,
}

#[derive(Args)]
struct CheckArgs {
    #[command(flatten)]
    data: DataArgs,
    /// Evaluate as of this date (YYYY-MM-DD): later records do not exist yet.
    #[arg(long, value_name = "DATE")]
    as_of: Option<NaiveDate>,
    /// Only these targets (comma-separated ids, e.g. 07,09,D3).
    #[arg(long, value_delimiter = ',', value_name = "ID,...")]
    only: Option<Vec<String>>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Write the output to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Args)]
struct ExplainArgs {
    /// The target's id (07, D3, ...).
    id: String,
    #[command(flatten)]
    data: DataArgs,
    /// Evaluate as of this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    as_of: Option<NaiveDate>,
    /// The unit (its id or file name) when --data holds several.
    #[arg(long, value_name = "UNIT")]
    unit: Option<String>,
    /// How many offending records to show with their YAML.
    #[arg(long, default_value_t = 10, value_name = "N")]
    limit: usize,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// A table and diagnostics (colours on a terminal).
    Human,
    /// The documented JSON contract (docs/json-output.md).
    Json,
    /// JUnit XML: a test suite per unit, a test case per target.
    Junit,
    /// SARIF 2.1.0: failures located in the rule files.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// A Markdown summary for a job summary or merge-request comment.
    Markdown,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check(args) => check(args),
        Command::Explain(args) => explain(args),
        Command::Test(args) => run_tests(args),
        Command::Lint(args) => lint(args),
        Command::List(args) => catalogue(args, false),
        Command::Doc(args) => catalogue(args, true),
        Command::Schema => {
            print!("{}", chitieu::dataset::SCHEMA);
            0
        }
    };
    ExitCode::from(code)
}

fn style_for(to_terminal: bool) -> Style {
    if to_terminal && std::env::var_os("NO_COLOR").is_none() {
        let width = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).unwrap_or(120);
        Style { color: true, unicode: true, width }
    } else {
        Style::PLAIN
    }
}

fn show(problems: &[Diagnostic]) {
    let style = style_for(std::io::stderr().is_terminal());
    for d in problems {
        eprint!("{}", report::human::diagnostic(d, style));
    }
}

/// Ids in `only` that no rule has, as a usage error.
fn unknown_ids(pack: &RulePack, only: &[String]) -> Option<String> {
    let unknown: Vec<&str> = only.iter().filter(|id| pack.get(id).is_none()).map(String::as_str).collect();
    if unknown.is_empty() {
        return None;
    }
    let known: Vec<&str> = pack.rules.iter().map(|r| r.id.as_str()).collect();
    Some(format!("no rule has id {}; ids are: {}", unknown.join(", "), known.join(", ")))
}

fn check(args: CheckArgs) -> u8 {
    let pack = args.data.rules.pack();
    let files = match chitieu::data_files(&args.data.data) {
        Ok(f) => f,
        Err(d) => {
            show(&[d]);
            return 2;
        }
    };
    if let Some(message) = args.only.as_deref().and_then(|only| unknown_ids(&pack, only)) {
        eprintln!("error: {message}");
        return 2;
    }
    let options = Options { as_of: args.as_of, only: args.only.clone(), jobs: args.data.jobs, ..Options::default() };
    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let mut renderer: Box<dyn Renderer> = match args.format {
        Format::Human => Box::new(report::human::Human { style: style_for(to_terminal) }),
        Format::Json => Box::new(report::json::Json::new(args.as_of)),
        Format::Junit => Box::new(report::junit::Junit::new()),
        Format::Sarif => Box::new(report::sarif::SarifLog::new(&pack)),
        Format::Github => Box::new(report::github::Github),
        Format::Markdown => Box::new(report::markdown::Markdown),
    };
    let mut sink = match Sink::open(args.output.as_deref()) {
        Ok(sink) => sink,
        Err(e) => {
            eprintln!("error: cannot write the output: {e}");
            return 2;
        }
    };
    let progress = progress_bar(files.len());
    let mut written = sink.write(&renderer.begin(&pack.problems));
    let totals = chitieu::check_each(&pack, &files, &options, |unit| {
        progress.inc(1);
        if written.is_ok() {
            written = sink.write(&renderer.unit(&unit));
        }
    });
    progress.finish_and_clear();
    let result = written.and_then(|()| sink.write(&renderer.end(&totals))).and_then(|()| sink.finish());
    match result {
        Ok(()) => totals.exit_code(),
        Err(e) => {
            eprintln!("error: cannot write the output: {e}");
            2
        }
    }
}

/// A bar on stderr for runs over several units, only when stderr is a terminal.
fn progress_bar(units: usize) -> ProgressBar {
    if units < 2 || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(units as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} units  {elapsed} (eta {eta})") {
        bar.set_style(style);
    }
    bar
}

/// Where output goes: standard output, or a temporary file beside the
/// target that replaces it only once complete, so a crash never leaves half
/// a file.
enum Sink {
    Stdout(std::io::Stdout),
    File { tmp: PathBuf, path: PathBuf, file: std::io::BufWriter<std::fs::File> },
}

impl Sink {
    fn open(output: Option<&Path>) -> std::io::Result<Sink> {
        Ok(match output {
            None => Sink::Stdout(std::io::stdout()),
            Some(path) => {
                let mut tmp = path.as_os_str().to_owned();
                tmp.push(".chitieu-tmp");
                let tmp = PathBuf::from(tmp);
                let file = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
                Sink::File { tmp, path: path.to_path_buf(), file }
            }
        })
    }

    fn write(&mut self, text: &str) -> std::io::Result<()> {
        match self {
            Sink::Stdout(out) => {
                let mut out = out.lock();
                out.write_all(text.as_bytes())?;
                out.flush()
            }
            Sink::File { file, .. } => file.write_all(text.as_bytes()),
        }
    }

    fn finish(self) -> std::io::Result<()> {
        match self {
            Sink::Stdout(_) => Ok(()),
            Sink::File { tmp, path, file } => {
                file.into_inner().map_err(|e| e.into_error())?.sync_all()?;
                std::fs::rename(&tmp, &path)
            }
        }
    }
}

fn explain(args: ExplainArgs) -> u8 {
    let mut pack = args.data.rules.pack();
    let Some(rule_index) = pack.rules.iter().position(|r| r.id.eq_ignore_ascii_case(&args.id)) else {
        eprintln!("error: {}", unknown_ids(&pack, std::slice::from_ref(&args.id)).unwrap_or_default());
        return 2;
    };
    show(&pack.problems);
    let files = match chitieu::data_files(&args.data.data) {
        Ok(f) => f,
        Err(d) => {
            show(&[d]);
            return 2;
        }
    };
    let file = match &args.unit {
        None if files.len() == 1 => files[0].clone(),
        None => {
            eprintln!("error: {} holds {} unit files; name one with --unit", args.data.data.display(), files.len());
            return 2;
        }
        Some(unit) => match find_unit(&files, unit) {
            Some(f) => f,
            None => {
                eprintln!("error: no unit file in {} is `{unit}`", args.data.data.display());
                return 2;
            }
        },
    };
    let id = pack.rules[rule_index].id.clone();
    let options = Options { as_of: args.as_of, only: Some(vec![id]), ..Options::default() };
    let problems = std::mem::take(&mut pack.problems);
    let mut evaluator = Evaluator::new(&pack, options.rule_limits);
    evaluator.excerpt_limit = args.limit;
    let outcome = chitieu::evaluate_file(&evaluator, &file, &options);
    if !outcome.data_errors.is_empty() {
        show(&outcome.data_errors);
        return 2;
    }
    let Some(target) = outcome.targets.first() else {
        return 2;
    };
    let rule = &pack.rules[rule_index];
    let params = pack.params(rule, Some(outcome.as_of));
    let style = style_for(std::io::stdout().is_terminal());
    print!("{}", report::explain::render(rule, &params, &outcome, target, style));
    let mut totals = chitieu::Totals { problems, ..Default::default() };
    totals.add(&outcome);
    totals.exit_code()
}

/// The unit file whose stem, or whose unit id, is `unit`.
fn find_unit(files: &[PathBuf], unit: &str) -> Option<PathBuf> {
    let by_name = files.iter().find(|f| f.file_stem().is_some_and(|s| s.eq_ignore_ascii_case(unit)));
    by_name.cloned().or_else(|| {
        files
            .iter()
            .find(|f| chitieu::dataset::load(f, Default::default()).is_ok_and(|u| u.data.unit.value.id == unit))
            .cloned()
    })
}

fn lint(args: DataArgs) -> u8 {
    let pack = args.rules.pack();
    let evaluator = Evaluator::new(&pack, Default::default());
    let mut problems: Vec<Diagnostic> =
        pack.problems.iter().chain(&evaluator.problems).chain(evaluator.compile_problems()).cloned().collect();
    let files = match chitieu::data_files(&args.data) {
        Ok(files) => files,
        Err(d) => {
            problems.push(d);
            Vec::new()
        }
    };
    let options = Options { jobs: args.jobs, ..Options::default() };
    chitieu::validate_each(&files, &options, |found| problems.extend(found));
    show(&problems);
    if problems.is_empty() {
        println!("{} rules and {} unit file(s): no problems", pack.rules.len(), files.len());
        0
    } else {
        eprintln!("{} problem(s)", problems.len());
        2
    }
}

fn catalogue(args: CatalogueArgs, markdown: bool) -> u8 {
    let pack = args.rules.pack();
    let as_of = args.as_of.unwrap_or_else(today);
    let text = if markdown {
        report::catalogue::markdown(&pack, as_of)
    } else {
        report::catalogue::table(&pack, as_of, style_for(std::io::stdout().is_terminal()))
    };
    print!("{text}");
    let broken: Vec<Diagnostic> =
        pack.problems.iter().cloned().chain(pack.rules.iter().filter_map(|r| r.meta.as_ref().err().cloned())).collect();
    show(&broken);
    if broken.is_empty() { 0 } else { 2 }
}

fn today() -> NaiveDate {
    let days = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() / 86_400);
    NaiveDate::default() + chrono::Duration::days(i64::try_from(days).unwrap_or(0))
}

fn run_tests(args: RulesArgs) -> u8 {
    let pack = args.pack();
    show(&pack.problems);
    let evaluator = Evaluator::new(&pack, Default::default());
    let files = chitieu::ruletest::case_files(&args.rules);
    if files.is_empty() {
        eprintln!("error: no test cases in {}/tests (*.yaml)", args.rules.display());
        return 2;
    }
    let report = chitieu::ruletest::run(&evaluator, &files);
    show(&report.problems);
    print!("{}", report.render());
    if pack.problems.is_empty() { report.exit_code() } else { 2 }
}
