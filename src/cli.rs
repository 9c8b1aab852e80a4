//! The command line: every command's arguments (clap derive). Parsing only;
//! the work is in `commands/`, one file per command.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use chitieu::rules::RulePack;

/// Checks a police unit's annual work plan targets: Rhai rule files over a
/// YAML dataset of the unit's records.
#[derive(Parser)]
#[command(name = "chitieu", version, about, long_about = None)]
#[command(after_help = "Exit codes: 0 every target passed, pending or n/a; 1 a target failed; \
2 a rule or the data could not be evaluated.\n\nStart with `chitieu check` in the repository.")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
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
    /// What a change would do: every target whose status or threshold differs
    /// without and with the given --directive overlays, or between
    /// --base-rules and the current rules.
    Diff(DiffArgs),
}

#[derive(Args)]
pub struct RulesArgs {
    /// The rule pack: a folder of .rhai files.
    #[arg(long, default_value = "rules", value_name = "DIR")]
    pub rules: PathBuf,
    /// A directive overlay to apply after those in <rules>/directives (repeatable).
    #[arg(long = "directive", value_name = "FILE")]
    pub directives: Vec<PathBuf>,
}

impl RulesArgs {
    pub fn pack(&self) -> RulePack {
        RulePack::load_with_directives(&self.rules, &self.directives)
    }
}

#[derive(Args)]
pub struct DataArgs {
    #[command(flatten)]
    pub rules: RulesArgs,
    /// A unit file (.yaml, .yml, .json) or a folder of them.
    #[arg(long, default_value = "data", value_name = "FILE|DIR")]
    pub data: PathBuf,
    /// Units evaluated at once (default: one per core).
    #[arg(long, short = 'j', default_value_t = 0, value_name = "N", hide_default_value = true)]
    pub jobs: usize,
}

#[derive(Args)]
pub struct CatalogueArgs {
    #[command(flatten)]
    pub rules: RulesArgs,
    /// Show thresholds as of this date (which directives apply); default today.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<NaiveDate>,
}

#[derive(Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Evaluate as of this date (YYYY-MM-DD): later records do not exist yet.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<NaiveDate>,
    /// Only these targets (comma-separated ids, e.g. 07,09,D3).
    #[arg(long, value_delimiter = ',', value_name = "ID,...")]
    pub only: Option<Vec<String>>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Write the output to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Args)]
pub struct ExplainArgs {
    /// The target's id (07, D3, ...).
    pub id: String,
    #[command(flatten)]
    pub data: DataArgs,
    /// Evaluate as of this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<NaiveDate>,
    /// The unit (its id or file name) when --data holds several.
    #[arg(long, value_name = "UNIT")]
    pub unit: Option<String>,
    /// How many offending records to show with their YAML.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub limit: usize,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
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

#[derive(Args)]
pub struct DiffArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Compare the current rules against this rule folder (e.g. the last
    /// released pack) instead of against the rules without --directive.
    #[arg(long, value_name = "DIR")]
    pub base_rules: Option<PathBuf>,
    /// Evaluate as of this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<NaiveDate>,
    /// Only these targets (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "ID,...")]
    pub only: Option<Vec<String>>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// A table per unit with changes, then a summary.
    Human,
    /// The documented JSON document (docs/json-output.md).
    Json,
}
