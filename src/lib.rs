//! chitieu: checks whether a unit's annual work plan is on target.
//!
//! The pipeline runs one way: **load** a unit file into a typed dataset with
//! source spans and **validate** it (`dataset`) → **compile** the rule pack
//! once (`rules::pack`, `rules::sandbox`) → **evaluate** every rule over the
//! unit in the sandbox (`rules::evaluate`) → **outcomes** as plain data
//! (`outcome`) → **render** them (`report`). `main.rs` only parses
//! arguments and maps the result to an exit code.

pub mod dataset;
pub mod diagnostic;
pub mod outcome;
pub mod report;
pub mod rules;
pub mod ruletest;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;

use crate::diagnostic::Diagnostic;
use crate::outcome::UnitOutcome;
use crate::rules::{Evaluator, RulePack};

/// What to evaluate.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Evaluate as of this date instead of the data's `as_of` or period end.
    pub as_of: Option<NaiveDate>,
    /// Only these rule ids.
    pub only: Option<Vec<String>>,
    pub data_limits: dataset::Limits,
    pub rule_limits: rules::sandbox::Limits,
}

/// The result of evaluating a pack over some unit files.
#[derive(Debug)]
pub struct Run {
    pub units: Vec<UnitOutcome>,
    /// Problems with the rule pack itself (libraries, duplicate ids).
    pub problems: Vec<Diagnostic>,
}

impl Run {
    pub fn exit_code(&self) -> u8 {
        if self.problems.is_empty() { outcome::exit_code(&self.units) } else { 2 }
    }
}

/// The unit files a `--data` path names: the file itself, or every `.yaml`,
/// `.yml` and `.json` file in the folder, in name order.
pub fn data_files(path: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let cannot = |e: std::io::Error| {
        Diagnostic::error("data::io", format!("cannot read {}: {e}", path.display()))
            .help("give a unit file or a folder of them with --data")
    };
    if !path.is_dir() {
        std::fs::metadata(path).map_err(cannot)?;
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(path).map_err(cannot)? {
        let p = entry.map_err(cannot)?.path();
        let known = p.extension().and_then(|e| e.to_str()).is_some_and(|e| matches!(e, "yaml" | "yml" | "json"));
        if known && p.is_file() {
            files.push(p);
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(Diagnostic::error(
            "data::empty-folder",
            format!("{} holds no .yaml, .yml or .json file", path.display()),
        )
        .help("put one unit file per unit in the folder"));
    }
    Ok(files)
}

/// Loads and evaluates every unit file in turn.
pub fn check(pack: &RulePack, files: &[PathBuf], options: &Options) -> Run {
    let evaluator = Evaluator::new(pack, options.rule_limits);
    let mut problems = pack.problems.clone();
    problems.extend(evaluator.problems.iter().cloned());
    let units = files.iter().map(|f| evaluate_file(&evaluator, f, options)).collect();
    Run { units, problems }
}

/// Loads one unit file and evaluates it; invalid data becomes the outcome's
/// `data_errors` and no rule runs.
pub fn evaluate_file(evaluator: &Evaluator<'_>, path: &Path, options: &Options) -> UnitOutcome {
    match dataset::load(path, options.data_limits) {
        Ok(unit) => {
            let as_of = options.as_of.or(unit.data.as_of).unwrap_or(unit.data.period.value.end);
            evaluator.evaluate(Arc::new(unit), as_of, options.only.as_deref())
        }
        Err(problems) => UnitOutcome {
            unit: path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
            name: String::new(),
            file: path.display().to_string(),
            as_of: options.as_of.unwrap_or_default(),
            targets: Vec::new(),
            data_errors: problems,
        },
    }
}
