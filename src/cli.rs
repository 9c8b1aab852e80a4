//! The command line: every command's arguments (clap derive). Parsing only;
//! the work is in `commands/`, one file per command.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use chitieu::dataset::Cache;
use chitieu::dataset::cache::Unusable;
use chitieu::i18n::{Lang, Msg, t};
use chitieu::rules::RulePack;
use chitieu::settings::Settings;

/// Checks a police unit's annual work plan targets: Rhai rule files over a
/// YAML dataset of the unit's records.
#[derive(Parser)]
#[command(name = "chitieu", version, about, long_about = None)]
#[command(after_help = "Exit codes: 0 every target passed, pending or n/a; 1 a target failed; \
2 a rule or the data could not be evaluated.\n\nStart with `chitieu check` in the repository.")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// The language of what is printed: vi (Vietnamese, the default) or en.
    /// Also CHITIEU_LANG, or `language:` in chitieu.yaml.
    #[arg(long, global = true, value_name = "LANG", value_parser = ["vi", "en"])]
    pub lang: Option<String>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Evaluate every rule over the dataset and report each target.
    Check(CheckArgs),
    /// The audit trail of one target: plan text, parameters and who set them,
    /// measured values, offending records, the rule's source.
    Explain(ExplainArgs),
    /// Run the rule pack's own test cases (rules/tests/*.yaml).
    Test(TestArgs),
    /// Compile every rule and validate the data, without evaluating.
    Lint(LintArgs),
    /// The catalogue of targets with their effective thresholds.
    List(CatalogueArgs),
    /// The catalogue of targets as Markdown: plan wording, interpretation, parameters.
    Doc(CatalogueArgs),
    /// The JSON Schema of a unit file (or of another kind of file), for
    /// editor completion and validation.
    Schema(SchemaArgs),
    /// What a change would do: every target whose status or threshold differs
    /// without and with the given --directive overlays, or between
    /// --base-rules and the current rules.
    Diff(DiffArgs),
    /// Whether a recorded JSON result still follows from the files it names:
    /// each input's SHA-256 compared, every verdict evaluated again.
    Verify(VerifyArgs),
    /// Every target of every unit as of the end of each statistics month
    /// (the 13th) so far, with the plan's 6-month, 9-month and year cut-offs.
    Progress(ProgressArgs),
    /// The parsed-unit cache: `chitieu cache clean` removes it.
    Cache(CacheArgs),
    /// Rhai definition files of the rule API, for completion and help in an
    /// editor with the Rhai extension.
    Api(ApiArgs),
    /// Scaffolds a new file: `new rule ID` writes a rule with its header and
    /// a rule-test file with a passing and a failing case.
    New(NewArgs),
    /// One self-contained HTML file for commanders (the units × targets
    /// matrix, pass rates, the province's pooled figures, each unit's targets
    /// with why they failed and a month-by-month chart per target), or the
    /// monthly, 6-month, 9-month or annual report to PC04 as a Word
    /// document (--format docx).
    Report(ReportArgs),
    /// An empty workbook to keep a unit's records in: a sheet per kind of
    /// record, drop-down lists, an instructions sheet.
    Template(TemplateArgs),
    /// A unit file written as a workbook in the template's layout.
    Export(ExportArgs),
    /// A workbook written as a YAML unit file.
    Import(ImportArgs),
}

#[derive(Args, Clone)]
pub struct TemplateArgs {
    /// The workbook to write (.xlsx).
    #[arg(long, short, value_name = "FILE")]
    pub output: PathBuf,
    /// Replace the file if it exists (it may hold records typed in).
    #[arg(long)]
    pub force: bool,
    /// The rule pack whose data model (its model.yaml) the workbook follows [default: rules, or `rules:` in chitieu.yaml].
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
}

#[derive(Args, Clone)]
pub struct ExportArgs {
    /// The unit file (.yaml, .yml or .json).
    #[arg(value_name = "FILE")]
    pub unit: PathBuf,
    /// The workbook to write (.xlsx).
    #[arg(long, short, value_name = "FILE")]
    pub output: PathBuf,
    /// Replace the file if it exists (it may hold records typed in).
    #[arg(long)]
    pub force: bool,
    /// The rule pack whose data model (its model.yaml) the workbook follows [default: rules, or `rules:` in chitieu.yaml].
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
}

#[derive(Args, Clone)]
pub struct ImportArgs {
    /// The workbook (.xlsx, .xlsm or .ods).
    #[arg(value_name = "FILE")]
    pub unit: PathBuf,
    /// The YAML file to write.
    #[arg(long, short, value_name = "FILE")]
    pub output: PathBuf,
    /// Replace the file if it exists (it may hold records typed in).
    #[arg(long)]
    pub force: bool,
    /// The rule pack whose data model (its model.yaml) the workbook follows [default: rules, or `rules:` in chitieu.yaml].
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
}

#[derive(Args, Clone)]
pub struct RulesArgs {
    /// The rule pack: a folder of .rhai files [default: rules, or `rules:` in chitieu.yaml].
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// A directive overlay to apply after those in <rules>/directives (repeatable).
    #[arg(long = "directive", value_name = "FILE")]
    pub directives: Vec<PathBuf>,
    /// A waiver file to apply after those in <rules>/waivers (repeatable).
    #[arg(long = "waivers", value_name = "FILE")]
    pub waivers: Vec<PathBuf>,
}

impl RulesArgs {
    pub fn pack(&self) -> RulePack {
        RulePack::load_with(self.dir(), &self.directives, &self.waivers)
    }

    /// The rules folder (settings and defaults applied by `Settings::fill`).
    pub fn dir(&self) -> &Path {
        self.rules.as_deref().unwrap_or(Path::new("rules"))
    }

    fn fill(&mut self, settings: &Settings) {
        if self.rules.is_none() {
            self.rules = Some(settings.rules.clone().unwrap_or_else(|| PathBuf::from("rules")));
        }
        // The settings' overlays apply before those given on the command line.
        let mut directives = settings.directives.clone();
        directives.append(&mut self.directives);
        self.directives = directives;
    }
}

#[derive(Args, Clone)]
pub struct DataArgs {
    #[command(flatten)]
    pub rules: RulesArgs,
    /// A unit file (.yaml, .yml, .json, or a workbook: .xlsx, .xlsm, .ods) or a folder of them [default: data, or `data:` in chitieu.yaml].
    #[arg(long, value_name = "FILE|DIR")]
    pub data: Option<PathBuf>,
    /// Units evaluated at once (default: one per core).
    #[arg(long, short = 'j', default_value_t = 0, value_name = "N", hide_default_value = true)]
    pub jobs: usize,
    /// Parse every unit file again: neither read nor write the parsed-unit cache.
    #[arg(long, conflicts_with = "cache")]
    pub no_cache: bool,
    /// Use the parsed-unit cache even when the CI variable is set.
    #[arg(long)]
    pub cache: bool,
    /// The project root (the settings file's folder, else the working one).
    #[arg(skip)]
    pub root: Option<PathBuf>,
}

#[derive(Args, Clone)]
pub struct CatalogueArgs {
    #[command(flatten)]
    pub rules: RulesArgs,
    /// Show thresholds as of this date (which directives apply); default today.
    #[arg(long, value_name = "DATE", value_parser = date)]
    pub as_of: Option<NaiveDate>,
}

#[derive(Args, Clone)]
pub struct CheckArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Evaluate as of this date (YYYY-MM-DD or dd/mm/yyyy): later records do not exist yet.
    #[arg(long, value_name = "DATE", value_parser = date)]
    pub as_of: Option<NaiveDate>,
    /// Only these targets (comma-separated ids, e.g. 07,09,D3).
    #[arg(long, value_delimiter = ',', value_name = "ID,...")]
    pub only: Option<Vec<String>>,
    /// Output format [default: human, or `format:` in chitieu.yaml].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write the output to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// With a folder of units: every failure's diagnostic, not only the summary matrix.
    #[arg(long)]
    pub details: bool,
    /// With a folder of units: only this one (its id or file name), in full.
    #[arg(long, value_name = "UNIT")]
    pub unit: Option<String>,
    /// Show officers' names in junit, sarif, github and markdown output too
    /// (by default they name each person by the id of their record).
    #[arg(long)]
    pub show_names: bool,
    /// For a workbook unit: write a copy of it to FILE (.xlsx) in which each
    /// cell with a data problem and each row behind a failing target is
    /// highlighted and carries a note saying why.
    #[arg(long, value_name = "FILE")]
    pub annotate: Option<PathBuf>,
    /// With --annotate: replace the copy if it exists.
    #[arg(long, requires = "annotate")]
    pub force: bool,
    /// Add the province's own figures: each target's requirements pooled
    /// over the units as its rule's `rollup:` says (human, json, markdown).
    #[arg(long)]
    pub rollup: bool,
    /// The settings file that applied, if any (for the audit trail).
    #[arg(skip)]
    pub settings_file: Option<PathBuf>,
    /// From `information_uri:` in chitieu.yaml: where SARIF tells readers to
    /// learn about the tool.
    #[arg(skip)]
    pub information_uri: Option<String>,
    #[command(flatten)]
    pub watch: WatchArg,
}

#[derive(Args, Clone)]
pub struct ExplainArgs {
    /// The target's id (07, D3, ...).
    pub id: String,
    #[command(flatten)]
    pub data: DataArgs,
    /// Evaluate as of this date (YYYY-MM-DD or dd/mm/yyyy).
    #[arg(long, value_name = "DATE", value_parser = date)]
    pub as_of: Option<NaiveDate>,
    /// The unit (its id or file name) when --data holds several.
    #[arg(long, value_name = "UNIT")]
    pub unit: Option<String>,
    /// How many offending records to show with their YAML.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub limit: usize,
    #[command(flatten)]
    pub watch: WatchArg,
}

#[derive(Args, Clone)]
pub struct SchemaArgs {
    /// Which file: unit (a unit's records), overlay (a directive), waiver (a
    /// waiver file), settings (chitieu.yaml), rule-header (a rule's `//!` lines),
    /// rule-tests (a file of rule-test cases), plan (the plan of a rule pack, rules/plan.yaml)
    /// or model (the records a rule pack's plan needs, rules/model.yaml).
    #[arg(long, value_enum, default_value = "unit", value_name = "KIND")]
    pub kind: SchemaKind,
    /// The rule pack whose data model (its model.yaml) a unit file's schema follows [default: rules, or `rules:` in chitieu.yaml].
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum SchemaKind {
    Unit,
    Overlay,
    Waiver,
    Settings,
    RuleHeader,
    RuleTests,
    /// The plan a rule pack is for (rules/plan.yaml).
    Plan,
    /// The records the plan needs (rules/model.yaml).
    Model,
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

#[derive(Args, Clone)]
pub struct DiffArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Compare the current rules against this rule folder (e.g. the last
    /// released pack) instead of against the rules without --directive.
    #[arg(long, value_name = "DIR")]
    pub base_rules: Option<PathBuf>,
    /// Evaluate as of this date (YYYY-MM-DD or dd/mm/yyyy).
    #[arg(long, value_name = "DATE", value_parser = date)]
    pub as_of: Option<NaiveDate>,
    /// Only these targets (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "ID,...")]
    pub only: Option<Vec<String>>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,
}

#[derive(Args, Clone)]
pub struct ProgressArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// The last date to show (YYYY-MM-DD or dd/mm/yyyy): months that ended by then.
    #[arg(long, value_name = "DATE", value_parser = date)]
    pub as_of: Option<NaiveDate>,
    /// Only these targets (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "ID,...")]
    pub only: Option<Vec<String>>,
    /// With a folder of units: only this one (its id or file name).
    #[arg(long, value_name = "UNIT")]
    pub unit: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ProgressFormat::Human)]
    pub format: ProgressFormat,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProgressFormat {
    /// A targets × months table per unit.
    Human,
    /// The documented JSON document (docs/json-output.md).
    Json,
    /// A Markdown table per unit.
    Markdown,
}

#[derive(Args, Clone)]
pub struct CacheArgs {
    #[command(subcommand)]
    pub action: CacheAction,
    /// The project root (the settings file's folder, else the working one).
    #[arg(skip)]
    pub root: Option<PathBuf>,
}

#[derive(Subcommand, Clone)]
pub enum CacheAction {
    /// Remove the parsed-unit cache (`.chitieu/cache`, or CHITIEU_CACHE_DIR).
    Clean,
}

/// A percentage, 1–100. A fraction (`0.9` for 90%) is refused rather than
/// read as 0.9%, which every pack would meet.
fn percentage(text: &str) -> Result<f64, String> {
    let value: f64 = text
        .trim()
        .trim_end_matches('%')
        .parse()
        .map_err(|_| chitieu::i18n::t(chitieu::i18n::Msg::NotAPercentage { text }))?;
    if value > 0.0 && value < 1.0 {
        let hundred = chitieu::i18n::number(value * 100.0);
        return Err(chitieu::i18n::t(chitieu::i18n::Msg::FractionNotPercentage { text, hundred: &hundred }));
    }
    if !(0.0..=100.0).contains(&value) {
        return Err(chitieu::i18n::t(chitieu::i18n::Msg::NotAPercentage { text }));
    }
    Ok(value)
}

/// `--watch`: run again whenever an input changes.
#[derive(Args, Clone)]
pub struct WatchArg {
    /// Run again whenever a rule, library module, overlay, waiver, settings or unit file changes;
    /// Ctrl-C stops.
    #[arg(long)]
    pub watch: bool,
}

#[derive(Args, Clone)]
pub struct LintArgs {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub watch: WatchArg,
}

#[derive(Args, Clone)]
pub struct TestArgs {
    #[command(flatten)]
    pub rules: RulesArgs,
    #[command(flatten)]
    pub watch: WatchArg,
    /// Also report which lines of each rule the cases ran, and whether they
    /// saw each requirement both pass and fall short.
    #[arg(long)]
    pub coverage: bool,
    /// Exit 1 when the cases run less than this share of the rules' lines, a percentage 1–100
    /// (implies --coverage).
    #[arg(long, value_name = "PCT", value_parser = percentage)]
    pub min_coverage: Option<f64>,
    /// How to show the coverage: human (a line per rule) or json.
    #[arg(long, value_enum, default_value = "human", value_name = "FORMAT")]
    pub format: DiffFormat,
}

#[derive(Args, Clone)]
pub struct ApiArgs {
    /// The folder to write the definition files (*.d.rhai) to.
    #[arg(long, value_name = "DIR")]
    pub definitions: PathBuf,
    #[command(flatten)]
    pub rules: RulesArgs,
}

#[derive(Args, Clone)]
pub struct NewArgs {
    #[command(subcommand)]
    pub kind: NewKind,
}

#[derive(Subcommand, Clone)]
pub enum NewKind {
    /// A rule file <rules>/<area>/<ID>.rhai and its cases <rules>/tests/<ID>.yaml.
    Rule {
        /// The target's id (19, D11); not one the pack has.
        #[arg(value_name = "ID")]
        id: String,
        /// The area: the folder under <rules> it goes in.
        #[arg(long, default_value = "custom", value_name = "AREA")]
        area: String,
        /// The rule pack: a folder of .rhai files [default: rules, or `rules:` in chitieu.yaml].
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
    },
    /// A copy of the rule pack for another plan year: the plan's period,
    /// date parameters, overlays and rule tests moved; what names the old
    /// year in the rules is listed to re-read.
    Plan {
        /// The plan year of the copy (2025).
        #[arg(value_name = "YEAR")]
        year: i32,
        /// The folder to write the copy in (new, or empty).
        #[arg(long, short, value_name = "DIR")]
        output: PathBuf,
        /// The rule pack: a folder of .rhai files [default: rules, or `rules:` in chitieu.yaml].
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
    },
}

#[derive(Args, Clone)]
pub struct ReportArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// The file to write (replaced only once complete).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: PathBuf,
    /// html (the commander's page) or docx (the report to PC04, to edit and sign) [default: by the output's extension, else html].
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<ReportFormat>,
    /// Evaluate as of this date (YYYY-MM-DD or dd/mm/yyyy) [default: each unit's `as_of`, else its period's end].
    #[arg(long, value_name = "DATE", value_parser = date)]
    pub as_of: Option<NaiveDate>,
    /// Only these targets (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "ID,...")]
    pub only: Option<Vec<String>>,
    /// With a folder of units: only this one (its id or file name).
    #[arg(long, value_name = "UNIT")]
    pub unit: Option<String>,
    /// Show officers' names (a report is meant to be passed around: they are replaced by ids).
    #[arg(long)]
    pub show_names: bool,
    /// The settings file that applied, if any (for the footer's digest).
    #[arg(skip)]
    pub settings_file: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// One self-contained HTML page.
    Html,
    /// A Word document in the layout of an administrative report.
    Docx,
}

impl ReportArgs {
    /// The format asked for, else the output's extension's.
    pub fn format(&self) -> ReportFormat {
        let docx = self.output.extension().is_some_and(|e| e.eq_ignore_ascii_case("docx"));
        self.format.unwrap_or(if docx { ReportFormat::Docx } else { ReportFormat::Html })
    }
}

#[derive(Args, Clone)]
pub struct VerifyArgs {
    /// A result written by `chitieu check --format json`.
    #[arg(value_name = "RESULT.json")]
    pub result: PathBuf,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// A table per unit with changes, then a summary.
    Human,
    /// The documented JSON document (docs/json-output.md).
    Json,
}

impl DataArgs {
    /// The unit file or folder (settings and defaults applied by `fill`).
    pub fn path(&self) -> &Path {
        self.data.as_deref().unwrap_or(Path::new("data"))
    }

    fn fill(&mut self, settings: &Settings) {
        self.rules.fill(settings);
        if self.data.is_none() {
            self.data = Some(settings.data.clone().unwrap_or_else(|| PathBuf::from("data")));
        }
        self.root = settings.file.as_deref().and_then(Path::parent).map(Path::to_path_buf);
    }

    /// How units are read and evaluated: as of a date, these targets, on
    /// `--jobs` threads, through the cache unless it is off.
    pub fn options(&self, as_of: Option<NaiveDate>, only: Option<Vec<String>>) -> chitieu::Options {
        chitieu::Options { as_of, only, jobs: self.jobs, cache: self.cache(), ..chitieu::Options::default() }
    }

    /// The parsed-unit cache: on by default, off with `--no-cache`, and off
    /// when `CI` is set unless `--cache` is given (a cache restored from
    /// elsewhere must not decide a verdict). `CHITIEU_CACHE_DIR` moves it.
    pub fn cache(&self) -> Option<Cache> {
        if self.no_cache || (std::env::var_os("CI").is_some() && !self.cache) {
            return None;
        }
        let dir = Cache::chosen_dir(self.root.as_deref().unwrap_or(Path::new("")));
        match Cache::open(&dir) {
            Ok(cache) => Some(cache),
            Err(why) => {
                // Said once a process, however often the options are built.
                static SAID: std::sync::Once = std::sync::Once::new();
                SAID.call_once(|| {
                    let why = match why {
                        Unusable::NotOwned { owner } => t(Msg::CacheNotOwned { owner }),
                        Unusable::Writable { mode } => t(Msg::CacheWritable { mode: &format!("{mode:o}") }),
                        Unusable::NotOurs => t(Msg::CacheNotOurs),
                        Unusable::NotAFolder => t(Msg::CacheNotAFolder),
                    };
                    let dir = chitieu::diagnostic::shown_path(&dir);
                    eprintln!("{}", chitieu::report::clean(&t(Msg::CacheUnusable { dir: &dir, why: &why })));
                });
                None
            }
        }
    }
}

/// `--as-of` and other dates: `YYYY-MM-DD` or `dd/mm/yyyy`, as every
/// output writes them.
fn date(text: &str) -> Result<NaiveDate, String> {
    chitieu::dataset::calendar::parse_date(text).ok_or_else(|| {
        let message = chitieu::i18n::t(chitieu::i18n::Msg::NotADate { value: text });
        match chitieu::dataset::calendar::impossible_day(text) {
            Some(why) => format!("{message}: {why}"),
            None => format!("{message}; {}", chitieu::i18n::t(chitieu::i18n::Msg::WriteDateEither)),
        }
    })
}

impl Command {
    /// Gives every option the command line left out its value from the
    /// settings file, else the built-in default: flags override settings.
    pub fn fill(&mut self, settings: &Settings) {
        match self {
            Command::Check(a) => {
                a.data.fill(settings);
                a.information_uri = settings.information_uri.clone();
                a.settings_file = settings.file.clone();
                if a.format.is_none() {
                    let named = settings.format.as_deref().and_then(|f| Format::from_str(f, true).ok());
                    a.format = Some(named.unwrap_or(Format::Human));
                }
            }
            Command::Explain(a) => a.data.fill(settings),
            Command::Test(a) => a.rules.fill(settings),
            Command::Lint(a) => a.data.fill(settings),
            Command::List(a) | Command::Doc(a) => a.rules.fill(settings),
            Command::Diff(a) => a.data.fill(settings),
            Command::Progress(a) => a.data.fill(settings),
            Command::Report(a) => {
                a.data.fill(settings);
                a.settings_file = settings.file.clone();
            }
            Command::Api(a) => a.rules.fill(settings),
            Command::New(a) => {
                let (NewKind::Rule { rules, .. } | NewKind::Plan { rules, .. }) = &mut a.kind;
                if rules.is_none() {
                    *rules = Some(settings.rules.clone().unwrap_or_else(|| PathBuf::from("rules")));
                }
            }
            Command::Cache(a) => a.root = settings.file.as_deref().and_then(Path::parent).map(Path::to_path_buf),
            Command::Template(TemplateArgs { rules, .. })
            | Command::Export(ExportArgs { rules, .. })
            | Command::Import(ImportArgs { rules, .. }) => {
                if rules.is_none() {
                    *rules = Some(settings.rules.clone().unwrap_or_else(|| PathBuf::from("rules")));
                }
            }
            Command::Schema(SchemaArgs { rules, .. }) => {
                if rules.is_none() {
                    *rules = Some(settings.rules.clone().unwrap_or_else(|| PathBuf::from("rules")));
                }
            }
            Command::Verify(_) => {}
        }
    }
}

/// The command line in the run's language: English as the derive above
/// writes it; Vietnamese with every heading, help text and value name
/// translated (`vi_help`), and clap's own words replaced.
pub fn localized(cmd: clap::Command, lang: Lang) -> clap::Command {
    if lang == Lang::En {
        return cmd;
    }
    localize_vi(cmd, None)
}

fn localize_vi(cmd: clap::Command, parent: Option<&str>) -> clap::Command {
    let name = cmd.get_name().to_string();
    let sub = parent.map(|_| name.as_str());
    let path = match parent {
        Some(p) => format!("{p} {name}"),
        None => name.clone(),
    };
    let has_subcommands = cmd.has_subcommands();
    let positional =
        cmd.get_positionals().map(|a| format!(" <{}>", vi_value_name(a.get_id().as_str()))).collect::<String>();
    let usage = if has_subcommands {
        format!("{path} [TÙY_CHỌN] <LỆNH>")
    } else {
        format!("{path} [TÙY_CHỌN]{positional}")
    };
    let ids: Vec<String> = cmd.get_arguments().map(|a| a.get_id().to_string()).collect();
    let mut cmd = cmd
        .disable_help_flag(true)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .subcommand_help_heading("Lệnh")
        .subcommand_value_name("LỆNH")
        .override_usage(usage)
        .help_template("{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}")
        .arg(
            clap::Arg::new("help")
                .short('h')
                .long("help")
                .action(clap::ArgAction::Help)
                .help("In hướng dẫn này")
                .help_heading("Tùy chọn"),
        );
    if parent.is_none() {
        cmd = cmd
            .about(vi_about(None))
            .after_help(
                "Mã thoát: 0 mọi chỉ tiêu đạt, chưa đến hạn hoặc không áp dụng; 1 có chỉ tiêu không đạt; \
                 2 không đánh giá được quy tắc hoặc dữ liệu.\n\nBắt đầu bằng `chitieu check` trong thư mục dự án. \
                 Ngôn ngữ: --lang vi|en, biến môi trường CHITIEU_LANG, hoặc `language:` trong chitieu.yaml.",
            )
            .arg(
                clap::Arg::new("version")
                    .short('V')
                    .long("version")
                    .action(clap::ArgAction::Version)
                    .help("In phiên bản")
                    .help_heading("Tùy chọn"),
            );
    } else {
        cmd = cmd.about(vi_about(sub));
    }
    for id in ids {
        let (help, heading) = vi_help(sub, &id);
        cmd = cmd.mut_arg(&id, |a| {
            let a = a.help(help);
            let a =
                if a.get_action().takes_values() { a.hide_possible_values(true).hide_default_value(true) } else { a };
            let a = if a.is_positional() { a.help_heading("Đối số") } else { a.help_heading(heading) };
            match a.get_value_names().map(|v| v.iter().map(|n| vi_value_name(n)).collect::<Vec<_>>()) {
                Some(names) => a.value_names(names),
                None if a.is_positional() => a.value_name(vi_value_name(id.as_str())),
                None => a,
            }
        });
    }
    let subs: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for s in subs {
        let p = path.clone();
        cmd = cmd.mut_subcommand(&s, |c| localize_vi(c, Some(&p)));
    }
    cmd
}

/// What each command does, in Vietnamese.
fn vi_about(command: Option<&str>) -> &'static str {
    match command {
        None => {
            "Kiểm tra việc thực hiện chỉ tiêu kế hoạch công tác năm của đơn vị: các tệp quy tắc Rhai \
                 áp dụng trên bộ dữ liệu YAML về hồ sơ của đơn vị."
        }
        Some("check") => "Đánh giá mọi quy tắc trên dữ liệu và báo cáo từng chỉ tiêu.",
        Some("explain") => {
            "Giải trình một chỉ tiêu: nội dung kế hoạch, tham số và nơi quy định, kết quả đo, \
                            bản ghi không đạt, mã nguồn quy tắc."
        }
        Some("test") => "Chạy các ca kiểm thử của bộ quy tắc (rules/tests/*.yaml).",
        Some("lint") => {
            "Tìm mọi lỗi mà check sẽ gặp (phần đầu quy tắc, tham số, văn bản chỉ đạo, mã quy tắc, \
                         dữ liệu), không đưa ra kết quả."
        }
        Some("list") => "Danh mục chỉ tiêu với các ngưỡng đang áp dụng.",
        Some("doc") => "Danh mục chỉ tiêu dạng Markdown: nội dung kế hoạch, cách hiểu, tham số.",
        Some("template") => {
            "Bảng tính trống để ghi hồ sơ của đơn vị: mỗi loại hồ sơ một trang, danh sách chọn, trang hướng dẫn."
        }
        Some("export") => "Ghi một tệp đơn vị thành bảng tính theo mẫu.",
        Some("import") => "Ghi một bảng tính thành tệp đơn vị YAML.",
        Some("schema") => "JSON Schema của tệp đơn vị (hoặc loại tệp khác), để trình soạn thảo gợi ý và kiểm tra.",
        Some("cache") => "Bộ đệm dữ liệu đã đọc: `chitieu cache clean` xóa nó.",
        Some("api") => "Tệp định nghĩa Rhai của các hàm viết quy tắc, để trình soạn thảo gợi ý và giải thích từng hàm.",
        Some("new") => {
            "Tạo tệp mới: `new rule MÃ` tạo quy tắc có phần đầu đầy đủ và tệp kiểm thử với một ca đạt, một ca không đạt; \
             `new plan NĂM --output THƯ_MỤC` chép bộ quy tắc sang kế hoạch năm khác."
        }
        Some("rule") => "Tệp quy tắc <rules>/<lĩnh vực>/<MÃ>.rhai và các ca kiểm thử <rules>/tests/<MÃ>.yaml.",
        Some("plan") => {
            "Bản sao bộ quy tắc cho kế hoạch năm khác: kỳ thống kê, tham số kiểu ngày, văn bản chỉ đạo và ca kiểm \
             thử được dời sang năm mới; các dòng còn nhắc năm cũ được liệt kê để đọc lại."
        }
        Some("clean") => "Xóa bộ đệm dữ liệu đã đọc (`.chitieu/cache`, hoặc CHITIEU_CACHE_DIR).",
        Some("report") => {
            "Một tệp HTML trọn vẹn cho chỉ huy (bảng đơn vị × chỉ tiêu, tỷ lệ đạt, số liệu gộp toàn tỉnh, từng \
             chỉ tiêu của từng đơn vị với lý do không đạt và biểu đồ theo tháng), hoặc báo cáo tháng, 6 tháng, \
             9 tháng, năm gửi PC04 dạng Word (--format docx)."
        }
        Some("progress") => {
            "Mọi chỉ tiêu của mọi đơn vị tính đến cuối từng tháng thống kê (ngày 13) đến nay, đánh dấu các kỳ báo \
             cáo 6 tháng, 9 tháng và năm."
        }
        Some("verify") => {
            "Một kết quả JSON đã ghi có còn đúng với các tệp nó ghi tên không: so mã SHA-256 của từng tệp đầu \
             vào và đánh giá lại mọi chỉ tiêu."
        }
        Some("diff") => {
            "Một thay đổi sẽ làm gì: các chỉ tiêu có trạng thái hoặc ngưỡng khác đi khi không có và \
                         khi có --directive, hoặc giữa --base-rules và bộ quy tắc hiện tại."
        }
        Some(_) => "",
    }
}

/// Each option's help in Vietnamese, by command and argument id; the
/// heading it goes under. A test holds every argument to having one.
pub fn vi_help(command: Option<&str>, id: &str) -> (&'static str, &'static str) {
    let help = match (command, id) {
        (_, "lang") => {
            "Ngôn ngữ hiển thị: vi (tiếng Việt, mặc định) hoặc en. Cũng có thể đặt bằng CHITIEU_LANG hoặc \
             `language:` trong chitieu.yaml."
        }
        (Some("template" | "export" | "import" | "schema"), "rules") => {
            "Bộ quy tắc có mô hình hồ sơ (model.yaml) mà bảng tính, tệp đơn vị theo [mặc định: rules, hoặc `rules:` \
             trong chitieu.yaml]."
        }
        (_, "rules") => "Bộ quy tắc: thư mục các tệp .rhai [mặc định: rules, hoặc `rules:` trong chitieu.yaml].",
        (_, "waivers") => "Tệp miễn trừ áp dụng sau các tệp trong <rules>/waivers (có thể lặp lại).",
        (_, "directives") => {
            "Văn bản chỉ đạo (tệp overlay) áp dụng sau các tệp trong <rules>/directives (có thể lặp lại)."
        }
        (_, "data") => {
            "Tệp đơn vị (.yaml, .yml, .json, hoặc bảng tính .xlsx, .xlsm, .ods) hoặc thư mục chứa các tệp đó \
             [mặc định: data, hoặc `data:` trong chitieu.yaml]."
        }
        (_, "jobs") => "Số đơn vị đánh giá cùng lúc (mặc định: bằng số nhân CPU).",
        (Some("list" | "doc"), "as_of") => {
            "Hiện ngưỡng tính đến ngày này (văn bản chỉ đạo nào đang áp dụng); mặc định là hôm nay."
        }
        (Some("progress"), "as_of") => {
            "Ngày cuối cùng cần xem (YYYY-MM-DD hoặc dd/mm/yyyy): các tháng đã kết thúc đến ngày đó."
        }
        (_, "as_of") => "Đánh giá tính đến ngày này (YYYY-MM-DD hoặc dd/mm/yyyy): bản ghi sau ngày đó coi như chưa có.",
        (_, "only") => "Chỉ các chỉ tiêu này (các mã cách nhau bằng dấu phẩy, ví dụ 07,09,D3).",
        (Some("progress"), "format") => "Định dạng kết quả: human (bảng), json hoặc markdown [mặc định: human].",
        (Some("progress"), "unit") => "Với thư mục nhiều đơn vị: chỉ đơn vị này (mã hoặc tên tệp).",
        (Some("schema"), "kind") => {
            "Tệp nào: unit (dữ liệu một đơn vị), overlay (văn bản chỉ đạo), waiver (tệp miễn trừ), settings (chitieu.yaml), rule-header (các dòng `//!` đầu quy tắc), rule-tests (tệp ca kiểm thử), plan (kế hoạch của bộ quy tắc, rules/plan.yaml) hoặc model (mô hình hồ sơ của bộ quy tắc, rules/model.yaml) [mặc định: unit]."
        }
        (Some("test"), "format") => "Cách trình bày độ phủ: human (mỗi quy tắc một dòng) hoặc json [mặc định: human].",
        (Some("report"), "format") => {
            "html (trang cho chỉ huy) hoặc docx (báo cáo gửi PC04, để sửa và ký) [mặc định: theo đuôi tệp ghi ra, \
             nếu không thì html]."
        }
        (Some("diff"), "format") => "Định dạng kết quả: human (bảng) hoặc json [mặc định: human].",
        (_, "format") => {
            "Định dạng kết quả: human (bảng và chẩn đoán), json, junit, sarif, github, markdown [mặc định: human, \
             hoặc `format:` trong chitieu.yaml]."
        }
        (_, "details") => "Với thư mục nhiều đơn vị: in chẩn đoán của từng chỉ tiêu không đạt, không chỉ bảng tóm tắt.",
        (Some("check"), "unit") => "Với thư mục nhiều đơn vị: chỉ đơn vị này (mã hoặc tên tệp), in đầy đủ.",
        (Some("report"), "show_names") => {
            "Hiện tên cán bộ (báo cáo để chuyển cho người khác đọc nên mặc định thay tên bằng mã)."
        }
        (_, "show_names") => {
            "Hiện cả tên cán bộ trong kết quả junit, sarif, github và markdown (mặc định chỉ ghi mã hồ sơ của \
             từng người)."
        }
        (_, "rollup") => {
            "Thêm số liệu toàn tỉnh: các yêu cầu của từng chỉ tiêu được gộp trên mọi đơn vị theo `rollup:` của \
             quy tắc (human, json, markdown)."
        }
        (_, "annotate") => {
            "Với đơn vị là bảng tính: ghi một bản sao vào TỆP (.xlsx), tô màu và ghi chú từng ô có lỗi dữ liệu và \
             từng dòng làm chỉ tiêu không đạt."
        }
        (Some("check"), "force") => "Kèm --annotate: thay bản sao nếu tệp đã có.",
        (_, "force") => "Thay tệp nếu đã có (tệp đó có thể chứa hồ sơ đã nhập).",
        (_, "no_cache") => "Đọc lại mọi tệp đơn vị: không đọc, không ghi bộ đệm dữ liệu đã đọc.",
        (_, "cache") => "Dùng bộ đệm dữ liệu đã đọc cả khi có biến môi trường CI.",
        (Some("plan"), "output") => "Thư mục ghi bản sao (mới, hoặc trống).",
        (Some("report"), "output") => "Tệp cần ghi (chỉ thay tệp cũ khi đã ghi xong).",
        (Some("template" | "export"), "output") => "Bảng tính cần ghi (.xlsx).",
        (Some("import"), "output") => "Tệp YAML cần ghi.",
        (Some("export"), "unit") => "Tệp đơn vị (.yaml, .yml hoặc .json).",
        (Some("import"), "unit") => "Bảng tính (.xlsx, .xlsm hoặc .ods).",
        (_, "output") => "Ghi kết quả vào tệp này (ghi trọn vẹn hoặc không ghi) thay vì ra màn hình.",
        (Some("rule"), "id") => "Mã chỉ tiêu mới (19, D11), chưa có trong bộ quy tắc.",
        (Some("plan"), "year") => "Năm kế hoạch của bản sao (2025).",
        (Some("test"), "coverage") => {
            "Báo cáo thêm các dòng của từng quy tắc mà các ca kiểm thử đã chạy, và từng yêu cầu đã được thấy \
             cả đạt lẫn không đạt chưa."
        }
        (Some("test"), "min_coverage") => {
            "Thoát với mã 1 khi các ca chạy ít hơn tỷ lệ phần trăm này (1–100) số dòng của các quy tắc (kèm \
             --coverage)."
        }
        (_, "watch") => {
            "Chạy lại mỗi khi tệp quy tắc, mô-đun dùng chung, văn bản chỉ đạo, miễn trừ, cấu hình hoặc dữ liệu \
             thay đổi; Ctrl-C để dừng."
        }
        (_, "definitions") => "Thư mục ghi các tệp định nghĩa (*.d.rhai).",
        (_, "area") => "Lĩnh vực: thư mục trong <rules> chứa quy tắc [mặc định: custom].",
        (_, "id") => "Mã chỉ tiêu (07, D3, ...).",
        (_, "result") => "Một kết quả do `chitieu check --format json` ghi ra.",
        (_, "unit") => "Đơn vị (mã đơn vị hoặc tên tệp) khi --data chứa nhiều đơn vị.",
        (_, "limit") => "Số bản ghi không đạt hiển thị kèm YAML [mặc định: 10].",
        (_, "base_rules") => {
            "So sánh bộ quy tắc hiện tại với thư mục quy tắc này (ví dụ bộ đã ban hành) thay vì với bộ quy tắc \
             khi không có --directive."
        }
        _ => "",
    };
    (help, "Tùy chọn")
}

fn vi_value_name(name: &str) -> &'static str {
    match name {
        "DIR" => "THƯ_MỤC",
        "FILE" => "TỆP",
        "FILE|DIR" => "TỆP|THƯ_MỤC",
        "DATE" => "NGÀY",
        "ID,..." => "MÃ,...",
        "UNIT" => "ĐƠN_VỊ",
        "LANG" => "NGÔN_NGỮ",
        "FORMAT" | "format" => "ĐỊNH_DẠNG",
        "id" | "ID" => "MÃ",
        "RESULT.json" | "result" => "KẾT_QUẢ.json",
        "FILE.html" => "TỆP.html",
        "KIND" => "LOẠI",
        "AREA" => "LĨNH_VỰC",
        "YEAR" | "year" => "NĂM",
        "PCT" => "PHẦN_TRĂM",
        "N" => "N",
        _ => "GIÁ_TRỊ",
    }
}

/// A command-line error in the run's language; exit code 2 (0 for help and
/// version, which clap reports as errors too).
pub fn report_error(e: clap::Error, lang: Lang) -> u8 {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let code = if e.use_stderr() { 2 } else { 0 };
    if lang == Lang::En || !e.use_stderr() || e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        let _ = e.print();
        return code;
    }
    let text = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) if kind == ContextKind::ValidValue => v.join(", "),
        Some(ContextValue::Strings(v)) => v.join("` hoặc `"),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let (arg, value) = (text(ContextKind::InvalidArg), text(ContextKind::InvalidValue));
    let mut message = match e.kind() {
        ErrorKind::InvalidValue => format!("giá trị `{value}` không hợp lệ cho {arg}"),
        ErrorKind::ValueValidation => match std::error::Error::source(&e) {
            Some(why) => format!("{arg}: {why}"),
            None => format!("giá trị `{value}` không hợp lệ cho {arg}"),
        },
        ErrorKind::UnknownArgument => format!("không có tùy chọn `{arg}`"),
        ErrorKind::InvalidSubcommand => format!("không có lệnh `{}`", text(ContextKind::InvalidSubcommand)),
        ErrorKind::MissingRequiredArgument => format!("thiếu đối số bắt buộc: {arg}"),
        ErrorKind::MissingSubcommand => "thiếu lệnh".to_string(),
        ErrorKind::NoEquals | ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("số giá trị không đúng cho {arg}")
        }
        ErrorKind::ArgumentConflict => format!("{arg} không dùng cùng với {}", text(ContextKind::PriorArg)),
        _ => "dòng lệnh không hợp lệ".to_string(),
    };
    let valid = text(ContextKind::ValidValue);
    if !valid.is_empty() {
        message.push_str(&format!("; các giá trị: {valid}"));
    }
    for kind in [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand, ContextKind::SuggestedValue] {
        let near = text(kind);
        if !near.is_empty() {
            message.push_str(&format!("; có phải ý bạn là `{near}`?"));
        }
    }
    eprintln!("lỗi: {message}\n\nXem hướng dẫn: chitieu --help");
    code
}
