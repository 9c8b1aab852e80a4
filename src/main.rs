//! The `chitieu` command: parses arguments, runs the library, prints, and
//! maps the result to the exit code (0 on target, 1 a target failed,
//! 2 rules or data could not be evaluated).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use chitieu::Options;
use chitieu::report::{self, Style};
use chitieu::rules::RulePack;

/// Checks a police unit's annual work plan targets: Rhai rule files over a
/// YAML dataset of the unit's records.
#[derive(Parser)]
#[command(name = "chitieu", version, about, long_about = None)]
#[command(
    after_help = "Exit codes: 0 every target passed, pending or n/a; 1 a target failed; \
2 a rule or the data could not be evaluated."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Evaluate every rule over the dataset and report each target.
    Check(CheckArgs),
    /// Compile every rule and validate the data, without evaluating.
    Lint(CommonArgs),
    /// The catalogue of targets with their effective thresholds.
    List(RulesArgs),
    /// The catalogue of targets as Markdown: plan wording, interpretation, parameters.
    Doc(RulesArgs),
    /// Run the rule pack's own test cases (rules/tests/*.yaml).
    Test(RulesArgs),
}

#[derive(Args)]
struct RulesArgs {
    /// The rule pack: a folder of .rhai files.
    #[arg(long, default_value = "rules", value_name = "DIR")]
    rules: PathBuf,
}

#[derive(Args)]
struct CommonArgs {
    /// The rule pack: a folder of .rhai files.
    #[arg(long, default_value = "rules", value_name = "DIR")]
    rules: PathBuf,
    /// A unit file (.yaml, .yml, .json) or a folder of them.
    #[arg(long, default_value = "data", value_name = "FILE|DIR")]
    data: PathBuf,
}

#[derive(Args)]
struct CheckArgs {
    #[command(flatten)]
    common: CommonArgs,
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

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check(args) => check(args),
        Command::Lint(args) => lint(args),
        Command::List(args) => list(args),
        Command::Doc(args) => catalogue_doc(args),
        Command::Test(args) => run_tests(args),
    };
    ExitCode::from(code)
}

fn style_for(to_terminal: bool) -> Style {
    if to_terminal && std::env::var_os("NO_COLOR").is_none() {
        let width = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(120);
        Style {
            color: true,
            unicode: true,
            width,
        }
    } else {
        Style::PLAIN
    }
}

fn check(args: CheckArgs) -> u8 {
    let pack = RulePack::load(&args.common.rules);
    let files = match chitieu::data_files(&args.common.data) {
        Ok(f) => f,
        Err(d) => return fail(&d),
    };
    let options = Options {
        as_of: args.as_of,
        only: args.only.clone(),
        ..Options::default()
    };
    if let Some(only) = &args.only {
        let unknown: Vec<&String> = only.iter().filter(|id| pack.get(id).is_none()).collect();
        if !unknown.is_empty() {
            let known: Vec<&str> = pack.rules.iter().map(|r| r.id.as_str()).collect();
            eprintln!(
                "error: no rule has id {}; ids are: {}",
                join(&unknown),
                known.join(", ")
            );
            return 2;
        }
    }
    let run = chitieu::check(&pack, &files, &options);
    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let text = match args.format {
        Format::Human => report::human::render(&run, style_for(to_terminal)),
        Format::Json => report::json::render(&run, args.as_of),
    };
    match emit(&text, args.output.as_ref()) {
        Ok(()) => run.exit_code(),
        Err(e) => {
            eprintln!("error: {e}");
            2
        }
    }
}

fn lint(args: CommonArgs) -> u8 {
    let pack = RulePack::load(&args.rules);
    let evaluator = chitieu::rules::Evaluator::new(&pack, Default::default());
    let style = style_for(std::io::stderr().is_terminal());
    let mut problems: Vec<_> = pack
        .problems
        .iter()
        .chain(&evaluator.problems)
        .chain(evaluator.compile_problems())
        .cloned()
        .collect();
    let files = match chitieu::data_files(&args.data) {
        Ok(files) => files,
        Err(d) => {
            problems.push(d);
            Vec::new()
        }
    };
    for f in &files {
        if let Err(found) = chitieu::dataset::load(f, Default::default()) {
            problems.extend(found);
        }
    }
    for d in &problems {
        eprint!("{}", report::human::diagnostic(d, style));
    }
    if problems.is_empty() {
        println!(
            "{} rules and {} unit file(s): no problems",
            pack.rules.len(),
            files.len()
        );
        0
    } else {
        eprintln!("{} problem(s)", problems.len());
        2
    }
}

fn list(args: RulesArgs) -> u8 {
    let pack = RulePack::load(&args.rules);
    print!(
        "{}",
        report::catalogue::table(&pack, style_for(std::io::stdout().is_terminal()))
    );
    pack_status(&pack)
}

fn catalogue_doc(args: RulesArgs) -> u8 {
    let pack = RulePack::load(&args.rules);
    print!("{}", report::catalogue::markdown(&pack));
    pack_status(&pack)
}

/// 2 when the pack's metadata has problems (they are shown on stderr).
fn pack_status(pack: &RulePack) -> u8 {
    let style = style_for(std::io::stderr().is_terminal());
    let broken: Vec<_> = pack
        .problems
        .iter()
        .chain(pack.rules.iter().filter_map(|r| r.meta.as_ref().err()))
        .collect();
    for d in &broken {
        eprint!("{}", report::human::diagnostic(d, style));
    }
    if broken.is_empty() { 0 } else { 2 }
}

fn run_tests(args: RulesArgs) -> u8 {
    let pack = RulePack::load(&args.rules);
    let evaluator = chitieu::rules::Evaluator::new(&pack, Default::default());
    let files = chitieu::ruletest::case_files(&args.rules);
    if files.is_empty() {
        eprintln!(
            "error: no test cases in {}/tests (*.yaml)",
            args.rules.display()
        );
        return 2;
    }
    let report = chitieu::ruletest::run(&evaluator, &files);
    let style = style_for(std::io::stderr().is_terminal());
    for d in &report.problems {
        eprint!("{}", report::human::diagnostic(d, style));
    }
    print!("{}", report.render());
    report.exit_code()
}

fn join(ids: &[&String]) -> String {
    ids.iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn fail(d: &chitieu::diagnostic::Diagnostic) -> u8 {
    eprint!(
        "{}",
        report::human::diagnostic(d, style_for(std::io::stderr().is_terminal()))
    );
    2
}

/// Writes to the file atomically (a temporary beside it, then renamed), or
/// to standard output.
fn emit(text: &str, output: Option<&PathBuf>) -> std::io::Result<()> {
    match output {
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()
        }
        Some(path) => {
            let tmp = path.with_extension("chitieu-tmp");
            std::fs::write(&tmp, text)?;
            std::fs::rename(&tmp, path)
        }
    }
}
