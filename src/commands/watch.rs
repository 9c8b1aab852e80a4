//! `--watch` on `check`, `explain`, `lint` and `test`: run, then run again
//! whenever one of the inputs changes (rules, library modules, overlays,
//! waivers, the settings file, unit files), with what changed status since
//! the previous run below the usual output (one evaluation per run: the
//! statuses are the command's own). A broken edit shows its
//! diagnostic and watching goes on; Ctrl-C stops (exit 0).

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use chitieu::i18n::{Msg, t};
use notify_debouncer_mini::notify::RecursiveMode;

use super::error;
use crate::cli::{CheckArgs, DataArgs, ExplainArgs, LintArgs, RulesArgs, TestArgs};

/// What each watched thing was after a run: a target of a unit, or a case,
/// and its status in words.
type Statuses = BTreeMap<String, String>;

enum Wake {
    Changed(Vec<PathBuf>),
    Failed(String),
    Stop,
}

pub fn check(args: CheckArgs) -> u8 {
    let paths = data_paths(&args.data);
    // The run's own outputs are not inputs, even inside a watched folder.
    let outputs = Outputs::new(args.output.iter().chain(&args.annotate));
    watch(paths, outputs, move || {
        let mut seen = Seen::default();
        let code = super::check::run_seeing(args.clone(), &mut |u| seen.unit(u));
        (code, seen.statuses())
    })
}

pub fn explain(args: ExplainArgs) -> u8 {
    let paths = data_paths(&args.data);
    watch(paths, Outputs::default(), move || {
        let mut seen = Seen::default();
        let code = super::explain::run_seeing(args.clone(), &mut |u| seen.unit(u));
        (code, seen.statuses())
    })
}

pub fn lint(args: LintArgs) -> u8 {
    let paths = data_paths(&args.data);
    watch(paths, Outputs::default(), move || {
        let (code, errors, warnings) = super::lint::run_counting(args.data.clone());
        let found = t(Msg::ProblemsAndWarnings { errors, warnings });
        (code, Statuses::from([("lint".to_string(), found)]))
    })
}

pub fn test(args: TestArgs) -> u8 {
    let paths = rules_paths(&args.rules);
    watch(paths, Outputs::default(), move || {
        let mut statuses = Statuses::new();
        let code = super::test::run_seeing(args.clone(), &mut |report| statuses = case_statuses(report));
        (code, statuses)
    })
}

/// The statuses of the targets a run evaluated, unit by unit as it went.
#[derive(Default)]
struct Seen {
    targets: Vec<(String, String, String)>,
    units: usize,
}

impl Seen {
    fn unit(&mut self, unit: &chitieu::outcome::UnitOutcome) {
        self.units += 1;
        for target in &unit.targets {
            self.targets.push((unit.unit.clone(), target.id.clone(), target.status.label()));
        }
    }

    /// Each target (of each unit, when there are several) and its status.
    fn statuses(self) -> Statuses {
        let several = self.units > 1;
        let name = |unit: String, id: String| if several { format!("{unit} {id}") } else { id };
        self.targets.into_iter().map(|(unit, id, status)| (name(unit, id), status)).collect()
    }
}

/// The rules folder (its libraries, overlays, waivers and tests are inside
/// it), the overlay and waiver files given, and the settings file.
fn rules_paths(rules: &RulesArgs) -> Vec<PathBuf> {
    let mut paths = vec![rules.dir().to_path_buf()];
    paths.extend(rules.directives.iter().cloned());
    paths.extend(rules.waivers.iter().cloned());
    if let Some(settings) = std::env::current_dir().ok().and_then(|d| chitieu::settings::find(&d)) {
        paths.push(settings);
    }
    paths
}

fn data_paths(data: &DataArgs) -> Vec<PathBuf> {
    let mut paths = rules_paths(&data.rules);
    paths.push(data.path().to_path_buf());
    paths
}

/// Every rule-test case, passed or not.
fn case_statuses(report: &chitieu::ruletest::TestReport) -> Statuses {
    report
        .results
        .iter()
        .map(|r| {
            let mark = t(if r.mismatches.is_empty() { Msg::CaseOk } else { Msg::CaseFailed });
            (r.name.clone(), mark.trim().to_string())
        })
        .collect()
}

/// The files a run writes, by where they are (their folder resolved), so
/// that writing them never wakes the watch.
#[derive(Default)]
struct Outputs(Vec<PathBuf>);

impl Outputs {
    fn new<'a>(paths: impl Iterator<Item = &'a PathBuf>) -> Outputs {
        Outputs(paths.filter_map(|p| place(p)).collect())
    }

    fn holds(&self, path: &Path) -> bool {
        !self.0.is_empty() && place(path).is_some_and(|p| self.0.contains(&p))
    }
}

/// A file's folder, resolved, with its name: the same for every spelling.
fn place(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?;
    Some(std::fs::canonicalize(chitieu::write::folder_of(path)).ok()?.join(name))
}

/// Whether a changed path is one the runs read: not the cache, not an
/// editor's swap or backup file, not the run's own output.
fn relevant(path: &Path, outputs: &Outputs) -> bool {
    let input =
        path.extension().and_then(|e| e.to_str()).is_some_and(|e| matches!(e, "rhai" | "yaml" | "yml" | "json"))
            || chitieu::dataset::workbook::is_workbook(path);
    input && !path.components().any(|c| c.as_os_str() == ".chitieu") && !outputs.holds(path)
}

/// Size and modification time of every input file under `paths`.
fn fingerprint(paths: &[PathBuf], outputs: &Outputs) -> BTreeMap<PathBuf, (u64, Option<std::time::SystemTime>)> {
    fn visit(path: &Path, outputs: &Outputs, out: &mut BTreeMap<PathBuf, (u64, Option<std::time::SystemTime>)>) {
        let Ok(meta) = std::fs::metadata(path) else { return };
        if meta.is_dir() {
            if path.file_name().is_some_and(|n| n == ".chitieu") {
                return;
            }
            for entry in std::fs::read_dir(path).into_iter().flatten().flatten() {
                visit(&entry.path(), outputs, out);
            }
        } else if relevant(path, outputs) {
            out.insert(path.to_path_buf(), (meta.len(), meta.modified().ok()));
        }
    }
    let mut out = BTreeMap::new();
    for path in paths {
        visit(path, outputs, &mut out);
    }
    out
}

/// `run` is the command itself, which says where everything stands after
/// it: each run evaluates once, and what changed status since the run
/// before is printed under its output (the last lines a terminal shows).
fn watch(paths: Vec<PathBuf>, outputs: Outputs, run: impl Fn() -> (u8, Statuses)) -> u8 {
    let (tx, rx) = mpsc::channel::<Wake>();
    let stop = tx.clone();
    // Without a handler Ctrl-C would kill the process mid-line; with one the
    // loop ends and says so.
    chitieu::write::on_interrupt(move || {
        let _ = stop.send(Wake::Stop);
    });
    let changes = tx.clone();
    let debouncer = notify_debouncer_mini::new_debouncer(
        Duration::from_millis(200),
        move |result: notify_debouncer_mini::DebounceEventResult| {
            let _ = changes.send(match result {
                Ok(events) => Wake::Changed(Vec::from_iter(
                    events.into_iter().map(|e: notify_debouncer_mini::DebouncedEvent| e.path),
                )),
                Err(e) => Wake::Failed(e.to_string()),
            });
        },
    );
    let mut debouncer = match debouncer {
        Ok(d) => d,
        Err(e) => {
            error(&t(Msg::WatchCannot { error: &e.to_string() }));
            return 2;
        }
    };
    let mut watched = 0;
    for path in &paths {
        let mode = if path.is_dir() { RecursiveMode::Recursive } else { RecursiveMode::NonRecursive };
        if debouncer.watcher().watch(path, mode).is_ok() {
            watched += 1;
        }
    }
    let terminal = std::io::stdout().is_terminal();
    println!("{}", t(Msg::WatchStart { count: watched }));
    let mut seen = fingerprint(&paths, &outputs);
    let (_, mut before) = run();
    let mut runs = 1;
    loop {
        let _ = std::io::stdout().flush();
        let changed = match rx.recv() {
            Ok(Wake::Changed(paths)) => paths,
            Ok(Wake::Failed(e)) => {
                error(&t(Msg::WatchCannot { error: &e }));
                continue;
            }
            Ok(Wake::Stop) | Err(_) => break,
        };
        // Reading a file is an event too (the run itself reads them all):
        // only a file whose size, time or presence moved counts.
        if !changed.iter().any(|p| relevant(p, &outputs)) {
            continue;
        }
        let mut now = fingerprint(&paths, &outputs);
        // A save can come as several writes (truncate, then write): when
        // something moved, wait until the files stop moving, so that a run
        // never reads half a file and one save is one run.
        if now != seen {
            for _ in 0..40 {
                std::thread::sleep(Duration::from_millis(50));
                let later = fingerprint(&paths, &outputs);
                if later == now {
                    break;
                }
                now = later;
            }
        }
        let changed: Vec<String> = now
            .iter()
            .filter(|(path, stamp)| seen.get(*path) != Some(stamp))
            .map(|(path, _)| path)
            .chain(seen.keys().filter(|path| !now.contains_key(*path)))
            .map(|p| chitieu::diagnostic::shown_path(p))
            .collect();
        seen = now;
        if changed.is_empty() {
            continue;
        }
        runs += 1;
        if terminal {
            // Clear the screen and go home, as cargo-watch and ruff do.
            print!("\x1b[2J\x1b[H");
        }
        println!("{}", t(Msg::WatchRun { run: runs, files: &changed.join(", ") }));
        let (_, after) = run();
        let moved: Vec<String> = after
            .iter()
            .filter_map(|(what, now)| {
                let was = before.get(what).map_or("–", String::as_str);
                (was != now).then(|| t(Msg::WatchChanged { what, before: was, after: now }))
            })
            .collect();
        println!("\n{}", if moved.is_empty() { t(Msg::WatchNoChange) } else { moved.join("\n") });
        before = after;
    }
    println!("{}", t(Msg::WatchStopped));
    0
}
