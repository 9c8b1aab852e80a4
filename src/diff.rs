//! `chitieu diff`: what a change to the rules would do before it is adopted.
//! Each unit is read once and evaluated by two rule packs (without and with a
//! directive overlay, or a base rule folder and the current one); the
//! targets whose status or thresholds differ are the changes.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;

use crate::Options;
use crate::diagnostic::Diagnostic;
use crate::outcome::{Requirement, Status, TargetOutcome, UnitOutcome};
use crate::rules::{Evaluator, RulePack};

/// One requirement on either side; absent where one side has fewer.
#[derive(Debug, Clone)]
pub struct RequirementChange {
    pub before: Option<Requirement>,
    pub after: Option<Requirement>,
}

impl RequirementChange {
    pub fn label(&self) -> &str {
        self.after.as_ref().or(self.before.as_ref()).map_or("", |r| r.label.as_str())
    }
}

/// A target whose status or thresholds differ between the two sides.
#[derive(Debug, Clone)]
pub struct TargetChange {
    pub id: String,
    pub title: String,
    /// None where that side has no rule with this id.
    pub before: Option<Status>,
    pub after: Option<Status>,
    /// The requirements that differ (status, measured value or threshold).
    pub requirements: Vec<RequirementChange>,
}

impl TargetChange {
    pub fn status_changed(&self) -> bool {
        self.before != self.after
    }
}

/// One unit's changes, and why it could not be compared where it could not.
#[derive(Debug, Clone)]
pub struct UnitDiff {
    pub unit: String,
    pub name: String,
    pub file: String,
    pub as_of: NaiveDate,
    /// Targets compared (on either side).
    pub targets: usize,
    pub changes: Vec<TargetChange>,
    /// Invalid data, or targets in error on either side.
    pub errors: Vec<Diagnostic>,
}

/// Compares two outcomes of the same unit.
pub fn compare(before: &UnitOutcome, after: &UnitOutcome) -> UnitDiff {
    // A side whose model refuses the file has its problems shown too.
    let mut errors: Vec<Diagnostic> = before.data_errors.clone();
    let theirs = errors.len();
    for e in &after.data_errors {
        if !errors[..theirs].iter().any(|x| same_problem(x, e)) {
            errors.push(e.clone());
        }
    }
    let mut ids: Vec<&str> = before.targets.iter().map(|t| t.id.as_str()).collect();
    for t in &after.targets {
        if !ids.contains(&t.id.as_str()) {
            ids.push(&t.id);
        }
    }
    ids.sort_by_key(|id| crate::rules::pack::sort_key(id));
    let find = |o: &'_ UnitOutcome, id: &str| o.targets.iter().find(|t| t.id == id).cloned();
    let mut changes = Vec::new();
    for id in &ids {
        let (b, a) = (find(before, id), find(after, id));
        for t in [&b, &a].into_iter().flatten() {
            if let Some(e) = &t.error
                && !errors.iter().any(|x| same_problem(x, e))
            {
                errors.push(e.clone());
            }
        }
        if let Some(change) = target_change(b.as_ref(), a.as_ref()) {
            changes.push(change);
        }
    }
    // The unit as the side that could read it says it (the after side's
    // when both could, or neither).
    let read = if after.data_errors.is_empty() || !before.data_errors.is_empty() { after } else { before };
    UnitDiff {
        unit: read.unit.clone(),
        name: read.name.clone(),
        file: read.file.clone(),
        as_of: read.as_of,
        targets: ids.len(),
        changes,
        errors,
    }
}

/// The same problem seen by both sides: its words at the same place.
fn same_problem(a: &Diagnostic, b: &Diagnostic) -> bool {
    let at = |d: &Diagnostic| d.labels.first().map(|l| l.span.clone());
    a.message == b.message && at(a) == at(b)
}

fn target_change(before: Option<&TargetOutcome>, after: Option<&TargetOutcome>) -> Option<TargetChange> {
    let none: &[Requirement] = &[];
    let (b, a) = (before.map_or(none, |t| &t.requirements), after.map_or(none, |t| &t.requirements));
    let requirements: Vec<RequirementChange> = (0..b.len().max(a.len()))
        .filter_map(|i| {
            let (rb, ra) = (b.get(i), a.get(i));
            let same = match (rb, ra) {
                (Some(x), Some(y)) => {
                    x.status == y.status && x.measured == y.measured && x.threshold.value == y.threshold.value
                }
                _ => false,
            };
            (!same).then(|| RequirementChange { before: rb.map(stripped), after: ra.map(stripped) })
        })
        .collect();
    let (sb, sa) = (before.map(|t| t.status), after.map(|t| t.status));
    let thresholds_differ = requirements.iter().any(|r| match (&r.before, &r.after) {
        (Some(x), Some(y)) => x.threshold.value != y.threshold.value,
        _ => true,
    });
    if sb == sa && !thresholds_differ {
        return None;
    }
    let either = after.or(before)?;
    Some(TargetChange { id: either.id.clone(), title: either.title.clone(), before: sb, after: sa, requirements })
}

/// A requirement without its evidence: a diff shows values, not records.
fn stripped(r: &Requirement) -> Requirement {
    Requirement { offending: Vec::new(), notes: Vec::new(), ..r.clone() }
}

/// Reads each unit once and evaluates it with both packs, on
/// `options.jobs` threads, handing each unit's diff to `each` in file order.
pub fn diff_each(
    before: &RulePack,
    after: &RulePack,
    files: &[PathBuf],
    options: &Options,
    each: impl FnMut(UnitDiff),
) {
    crate::in_parallel(
        files,
        options.workers(files.len()),
        || (Evaluator::new(before, options.rule_limits), Evaluator::new(after, options.rule_limits)),
        |(b, a), file| diff_file(b, a, file, options),
        each,
        |_| (),
    );
}

fn diff_file(before: &Evaluator<'_>, after: &Evaluator<'_>, path: &Path, options: &Options) -> UnitDiff {
    // Each side reads the unit by its own pack's model (a model edit can make
    // a file readable by one side only), and both packs' plans must be the
    // unit's.
    let load = |pack: &RulePack, other: &RulePack| {
        pack.load_unit(options, path).map(Arc::new).and_then(|unit| match other.period_problem(&unit) {
            Some(problem) => Err(vec![problem]),
            None => Ok(unit),
        })
    };
    let (b, a) = (before.pack(), after.pack());
    let read_after = load(a, b);
    let read_before = if b.model.sha256 == a.model.sha256 { read_after.clone() } else { load(b, a) };
    let outcome = |side: &Evaluator<'_>, read: Result<Arc<crate::dataset::UnitFile>, Vec<Diagnostic>>| match read {
        Ok(unit) => {
            let as_of = crate::as_of(options, &unit);
            side.evaluate(unit, as_of, options.only.as_deref())
        }
        Err(problems) => crate::invalid_unit(path, options, problems, &side.pack().model),
    };
    compare(&outcome(before, read_before), &outcome(after, read_after))
}
