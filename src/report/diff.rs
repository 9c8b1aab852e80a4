//! What `chitieu diff` prints: per unit, the targets whose status or
//! thresholds change, before → after (a table for people, a documented JSON
//! document for machines).

use std::fmt::Write;

use serde::Serialize;

use super::human::{measured, required};
use super::json::{Problem, problem};
use super::{Style, clean};
use crate::diff::{RequirementChange, TargetChange, UnitDiff};
use crate::i18n::{Msg, t};
use crate::outcome::{Requirement, Status, ThresholdSource};

/// Counts over every unit compared.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    pub units: usize,
    /// Units with at least one change.
    pub units_changed: usize,
    /// Targets compared, over all units.
    pub targets: usize,
    pub changed: usize,
    pub status_changed: usize,
    pub threshold_changed: usize,
    pub transitions: Vec<Transition>,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Transition {
    pub before: Option<Status>,
    pub after: Option<Status>,
    pub count: usize,
}

impl Summary {
    pub fn add(&mut self, unit: &UnitDiff) {
        self.units += 1;
        self.targets += unit.targets;
        if !unit.changes.is_empty() {
            self.units_changed += 1;
        }
        for c in &unit.changes {
            self.changed += 1;
            if c.status_changed() {
                self.status_changed += 1;
                match self.transitions.iter_mut().find(|t| t.before == c.before && t.after == c.after) {
                    Some(t) => t.count += 1,
                    None => self.transitions.push(Transition { before: c.before, after: c.after, count: 1 }),
                }
            }
            if c.requirements.iter().any(threshold_changed) {
                self.threshold_changed += 1;
            }
        }
    }
}

fn threshold_changed(r: &RequirementChange) -> bool {
    match (&r.before, &r.after) {
        (Some(b), Some(a)) => b.threshold.value != a.threshold.value,
        _ => true,
    }
}

fn status_text(s: Option<Status>) -> String {
    s.map_or_else(|| t(Msg::DiffNoSide), Status::label)
}

/// `a → b`, or `a` when both sides say the same.
fn arrow(before: &str, after: &str, style: Style) -> String {
    if before == after {
        before.to_string()
    } else {
        format!("{before} {} {after}", if style.unicode { "→" } else { "->" })
    }
}

fn side(r: &Option<Requirement>, f: fn(&Requirement) -> String) -> String {
    r.as_ref().map_or_else(|| "—".to_string(), f)
}

/// One unit's changes as a table; nothing for a unit without changes.
pub fn unit(diff: &UnitDiff, style: Style) -> String {
    if diff.changes.is_empty() {
        return String::new();
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        t(Msg::UnitHeader {
            unit: &clean(&diff.unit),
            name: &clean(&diff.name),
            file: &clean(&diff.file),
            date: &crate::i18n::date(diff.as_of)
        })
    );
    let mut table = super::table(
        style,
        [
            "#".to_string(),
            t(Msg::ColumnStatus),
            t(Msg::ColumnRequirement),
            t(Msg::ColumnMeasured),
            t(Msg::ColumnRequired),
        ],
    );
    for change in &diff.changes {
        let status = arrow(&status_text(change.before), &status_text(change.after), style);
        let rows = requirement_rows(change, style);
        if rows.is_empty() {
            table.add_row([change.id.clone(), status.clone(), String::new(), String::new(), String::new()]);
        }
        for (i, (label, m, r)) in rows.into_iter().enumerate() {
            let (id, status) = if i == 0 { (change.id.clone(), status.clone()) } else { Default::default() };
            table.add_row([id, status, label, m, r]);
        }
    }
    let _ = writeln!(out, "{table}\n");
    out
}

fn requirement_rows(change: &TargetChange, style: Style) -> Vec<(String, String, String)> {
    change
        .requirements
        .iter()
        .map(|r| {
            let m = arrow(&side(&r.before, measured), &side(&r.after, measured), style);
            let q = arrow(&side(&r.before, required), &side(&r.after, required), style);
            (clean(r.label()), m, q)
        })
        .collect()
}

/// The closing lines: what changed over all units.
pub fn summary(s: &Summary, style: Style) -> String {
    if s.changed == 0 {
        return format!("{}\n", t(Msg::DiffNone { units: s.units, targets: s.targets }));
    }
    let transitions: Vec<String> = s
        .transitions
        .iter()
        .map(|tr| format!("{} {}", tr.count, arrow(&status_text(tr.before), &status_text(tr.after), style)))
        .collect();
    let mut line = t(Msg::DiffChanged {
        changed: s.changed,
        units_changed: s.units_changed,
        units: s.units,
        status_changed: s.status_changed,
    });
    if !transitions.is_empty() {
        let _ = write!(line, " ({})", transitions.join(", "));
    }
    let unchanged = s.targets - s.changed;
    let _ = writeln!(line, "{}", t(Msg::DiffThresholds { changed: s.threshold_changed, unchanged }));
    line
}

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    as_of: Option<String>,
    before: &'a Side,
    after: &'a Side,
    /// How the after side's data model differs from the before side's.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    model_changes: Vec<ModelChange<'a>>,
    changes: Vec<Change<'a>>,
    errors: Vec<Problem>,
    summary: &'a Summary,
}

/// One change to the data model (`added_field`, `[officers, nvcb_account]`).
#[derive(Serialize)]
struct ModelChange<'a> {
    change: &'static str,
    keys: Vec<&'a str>,
}

/// What one side of the comparison evaluated: its rule folder and overlays.
#[derive(Debug, Serialize)]
pub struct Side {
    pub rules: String,
    pub directives: Vec<String>,
}

#[derive(Serialize)]
struct Change<'a> {
    unit: &'a str,
    name: &'a str,
    file: &'a str,
    as_of: String,
    target: &'a str,
    title: &'a str,
    before: Option<Status>,
    after: Option<Status>,
    requirements: Vec<ReqChange<'a>>,
}

#[derive(Serialize)]
struct ReqChange<'a> {
    label: &'a str,
    before: Option<ReqSide<'a>>,
    after: Option<ReqSide<'a>>,
}

#[derive(Serialize)]
struct ReqSide<'a> {
    status: Status,
    measured: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    part: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    whole: Option<i64>,
    op: &'static str,
    threshold: f64,
    threshold_origin: &'a ThresholdSource,
}

fn req_side(r: &Requirement) -> ReqSide<'_> {
    let (part, whole) = match r.measured {
        crate::outcome::Measure::Ratio { part, whole } => (Some(part), Some(whole)),
        _ => (None, None),
    };
    ReqSide {
        status: r.status,
        measured: r.measured.as_f64(),
        part,
        whole,
        op: r.op.as_str(),
        threshold: r.threshold.value,
        threshold_origin: &r.threshold.source,
    }
}

/// The whole comparison as the JSON document of docs/json-output.md.
pub fn json(
    units: &[UnitDiff],
    as_of: Option<chrono::NaiveDate>,
    before: &Side,
    after: &Side,
    summary: &Summary,
    problems: &[crate::diagnostic::Diagnostic],
    model: &[crate::model::Change],
) -> String {
    let changes = units
        .iter()
        .flat_map(|u| {
            u.changes.iter().map(move |c| Change {
                unit: &u.unit,
                name: &u.name,
                file: &u.file,
                as_of: u.as_of.to_string(),
                target: &c.id,
                title: &c.title,
                before: c.before,
                after: c.after,
                requirements: c
                    .requirements
                    .iter()
                    .map(|r| ReqChange {
                        label: r.label(),
                        before: r.before.as_ref().map(req_side),
                        after: r.after.as_ref().map(req_side),
                    })
                    .collect(),
            })
        })
        .collect();
    let errors = problems.iter().chain(units.iter().flat_map(|u| &u.errors)).map(problem).collect();
    let doc = Document {
        version: super::json::VERSION,
        as_of: as_of.map(|d| d.to_string()),
        before,
        after,
        model_changes: model.iter().map(|c| ModelChange { change: c.code(), keys: c.keys() }).collect(),
        changes,
        errors,
        summary,
    };
    serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}")) + "\n"
}
