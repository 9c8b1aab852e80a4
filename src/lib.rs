//! chitieu: checks whether a unit's annual work plan is on target.
//!
//! The pipeline runs one way: **load** a unit file into a typed dataset with
//! source spans and **validate** it (`dataset`) → **compile** the rule pack
//! once (`rules::pack`, `rules::sandbox`) → **evaluate** every rule over the
//! unit in the sandbox (`rules::evaluate`) → **outcomes** as plain data
//! (`outcome`) → **render** them (`report`). `main.rs` only parses
//! arguments and maps the result to an exit code.

pub mod audit;
pub mod coverage;
pub mod dataset;
pub mod diagnostic;
pub mod diff;
pub mod i18n;
pub mod input;
pub mod model;
pub mod outcome;
pub mod progress;
pub mod report;
pub mod rollup;
pub mod rules;
pub mod ruletest;
pub mod settings;
pub mod write;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use chrono::NaiveDate;

use crate::diagnostic::Diagnostic;
use crate::outcome::{Summary, UnitOutcome};
use crate::rules::{Evaluator, RulePack};

/// What to evaluate.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Evaluate as of this date instead of the data's `as_of` or period end.
    pub as_of: Option<NaiveDate>,
    /// Only these rule ids.
    pub only: Option<Vec<String>>,
    /// Units evaluated at once; 0 means one per core.
    pub jobs: usize,
    pub data_limits: dataset::Limits,
    pub rule_limits: rules::sandbox::Limits,
    /// The parsed-unit cache, when it is on.
    pub cache: Option<dataset::Cache>,
    /// Offending records without their YAML excerpts, for outputs that do
    /// not show them (all but the human one): they cost a fifth of
    /// evaluating a unit whose records fall short often.
    pub no_excerpts: bool,
}

impl Options {
    /// Reads one unit file (through the cache when it is on).
    pub fn load(&self, path: &Path, model: &crate::model::Model) -> Result<dataset::UnitFile, Vec<Diagnostic>> {
        dataset::load_with(path, self.data_limits, self.cache.as_ref(), model)
    }
}

impl Options {
    pub fn workers(&self, units: usize) -> usize {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let jobs = if self.jobs == 0 { cores } else { self.jobs };
        jobs.clamp(1, units.max(1))
    }
}

/// The result of evaluating a pack over some unit files, all kept.
#[derive(Debug)]
pub struct Run {
    pub units: Vec<UnitOutcome>,
    /// Problems with the rule pack itself (libraries, duplicate ids, overlays).
    pub problems: Vec<Diagnostic>,
}

impl Run {
    pub fn totals(&self) -> Totals {
        let mut totals = Totals { problems: self.problems.clone(), ..Totals::default() };
        for u in &self.units {
            totals.add(u);
        }
        totals
    }

    pub fn exit_code(&self) -> u8 {
        self.totals().exit_code()
    }
}

/// What is left of a run once its units have been rendered: counts.
#[derive(Debug, Default)]
pub struct Totals {
    pub summary: Summary,
    pub units: usize,
    /// Units whose data was invalid, so none of their targets ran.
    pub invalid: usize,
    pub problems: Vec<Diagnostic>,
}

impl Totals {
    pub fn add(&mut self, unit: &UnitOutcome) {
        self.units += 1;
        if !unit.data_errors.is_empty() {
            self.invalid += 1;
        }
        for t in &unit.targets {
            self.summary.count(t.status, t.passed_by_waiver());
        }
    }

    /// 0 on target; 1 a target failed; 2 rules or data could not be evaluated.
    pub fn exit_code(&self) -> u8 {
        if !self.problems.is_empty() || self.invalid > 0 || self.summary.error > 0 {
            2
        } else if self.summary.fail > 0 {
            1
        } else {
            0
        }
    }
}

/// The unit files a `--data` path names: the file itself, or every `.yaml`,
/// `.yml` and `.json` file in the folder, in name order.
pub fn data_files(path: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let cannot = |e: std::io::Error| {
        let name = diagnostic::shown_path(path);
        Diagnostic::error("data::io", i18n::t(i18n::Msg::CannotRead { name: &name, error: &e.to_string() }))
            .help(i18n::t(i18n::Msg::GiveDataPath))
    };
    if !path.is_dir() {
        std::fs::metadata(path).map_err(cannot)?;
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(path).map_err(cannot)? {
        let p = entry.map_err(cannot)?.path();
        let known = p.extension().and_then(|e| e.to_str()).is_some_and(|e| matches!(e, "yaml" | "yml" | "json"))
            || dataset::workbook::is_workbook(&p);
        // `~$name.xlsx` is the lock file Excel keeps beside a workbook it has
        // open: not a unit's records.
        let lock = p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("~$"));
        if known && !lock && p.is_file() {
            files.push(p);
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(Diagnostic::error(
            "data::empty-folder",
            i18n::t(i18n::Msg::NoUnitFiles { path: &diagnostic::shown_path(path) }),
        )
        .help(i18n::t(i18n::Msg::OneFilePerUnit)));
    }
    Ok(files)
}

/// The `.yaml` and `.yml` files directly in `dir`, in name order; none when
/// the folder is missing.
pub fn yaml_files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    files.sort();
    files
}

/// Loads and evaluates every unit file, keeping every outcome.
pub fn check(pack: &RulePack, files: &[PathBuf], options: &Options) -> Run {
    let mut units = Vec::with_capacity(files.len());
    let totals = check_each(pack, files, options, |u| units.push(u));
    Run { units, problems: totals.problems }
}

/// Loads and evaluates every unit file on `options.jobs` threads, handing
/// each outcome to `each` in file order as soon as it and those before it
/// are done, then dropping it: memory is bounded by the units in flight.
pub fn check_each(pack: &RulePack, files: &[PathBuf], options: &Options, mut each: impl FnMut(UnitOutcome)) -> Totals {
    let mut totals = Totals { problems: pack.problems.clone(), ..Totals::default() };
    let library_problems = in_parallel(
        files,
        options.workers(files.len()),
        || {
            let mut evaluator = Evaluator::new(pack, options.rule_limits);
            if options.no_excerpts {
                evaluator.excerpt_limit = 0;
            }
            evaluator
        },
        |evaluator, file| evaluate_file(evaluator, file, options),
        |unit| {
            totals.add(&unit);
            each(unit);
        },
        |evaluator| evaluator.problems,
    );
    totals.problems.extend(library_problems.into_iter().next().unwrap_or_default());
    totals
}

/// Loads and validates every unit file without evaluating its targets
/// (`lint`), on `options.jobs` threads; `each` gets each file's problems in
/// file order. A unit that loads is checked against the pack's waivers as
/// `check` would (only the waived targets run, and only when there are
/// waivers: a folder without any stays parse-only).
pub fn validate_each(
    pack: &RulePack,
    files: &[PathBuf],
    options: &Options,
    each: impl FnMut((Option<String>, Vec<Diagnostic>)),
) {
    in_parallel(
        files,
        options.workers(files.len()),
        || (!pack.waivers.is_empty()).then(|| Evaluator::new(pack, options.rule_limits)),
        |evaluator, file| match (pack.load_unit(options, file), evaluator) {
            (Err(problems), _) => (None, problems),
            (Ok(unit), Some(evaluator)) => {
                let as_of = as_of(options, &unit);
                let id = unit.data.unit.value.id.clone();
                let mut found = unit.warnings.clone();
                found.extend(evaluator.waiver_problems(Arc::new(unit), as_of));
                (Some(id), found)
            }
            (Ok(unit), None) => (Some(unit.data.unit.value.id.clone()), unit.warnings),
        },
        each,
        |_| (),
    );
}

/// Runs `work` over `files` on `workers` threads, each with its own state
/// from `init` (rules compile once per thread), and hands results to `each`
/// in file order. Returns what `finish` makes of each thread's state.
pub(crate) fn in_parallel<S, T: Send, F: Send>(
    files: &[PathBuf],
    workers: usize,
    init: impl Fn() -> S + Sync,
    work: impl Fn(&S, &Path) -> T + Sync,
    mut each: impl FnMut(T),
    finish: impl Fn(S) -> F + Sync,
) -> Vec<F> {
    if workers <= 1 {
        let state = init();
        for f in files {
            each(work(&state, f));
        }
        return vec![finish(state)];
    }
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::sync_channel::<(usize, T)>(workers * 2);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let tx = tx.clone();
                let (next, init, work, finish) = (&next, &init, &work, &finish);
                scope.spawn(move || {
                    let state = init();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(file) = files.get(i) else { break };
                        if tx.send((i, work(&state, file))).is_err() {
                            break;
                        }
                    }
                    finish(state)
                })
            })
            .collect();
        drop(tx);
        // Results arrive in any order; hand them on in file order.
        let mut waiting = BTreeMap::new();
        let mut want = 0;
        for (i, result) in rx {
            waiting.insert(i, result);
            while let Some(result) = waiting.remove(&want) {
                each(result);
                want += 1;
            }
        }
        handles.into_iter().filter_map(|h| h.join().ok()).collect()
    })
}

/// Loads one unit file and evaluates it; invalid data becomes the outcome's
/// `data_errors` and no rule runs.
pub fn evaluate_file(evaluator: &Evaluator<'_>, path: &Path, options: &Options) -> UnitOutcome {
    match evaluator.pack().load_unit(options, path) {
        Ok(unit) => {
            let as_of = as_of(options, &unit);
            evaluator.evaluate(Arc::new(unit), as_of, options.only.as_deref())
        }
        Err(problems) => invalid_unit(path, options, problems, &evaluator.pack().model),
    }
}

pub use write::write_whole;

/// The evaluation date: `--as-of`, else the data's `as_of`, else the end of
/// its period.
pub fn as_of(options: &Options, unit: &dataset::UnitFile) -> NaiveDate {
    options.as_of.or(unit.data.as_of).unwrap_or(unit.data.period.value.end)
}

/// The outcome of a unit whose data could not be read: its problems, no targets.
pub(crate) fn invalid_unit(
    path: &Path,
    options: &Options,
    problems: Vec<Diagnostic>,
    model: &crate::model::Model,
) -> UnitOutcome {
    UnitOutcome {
        unit: path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
        name: String::new(),
        file: diagnostic::shown_path(path),
        as_of: options.as_of.unwrap_or_default(),
        targets: Vec::new(),
        data_errors: problems,
        data_warnings: Vec::new(),
        personal_names: dataset::personal_names_in_file(path, options.data_limits, model),
        sha256: audit::file_digest(path),
    }
}
