//! `chitieu progress`: each unit evaluated as of the closing day of every
//! statistics month (the 13th) from the first month of the period up to the
//! as-of date, as the plan's monthly review asks (section IV.2). Each unit is
//! read once and evaluated once per month. The plan's report cut-offs — 6
//! months, 9 months, the year — are the 6th, 9th and 12th statistics months.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::outcome::Status;
use crate::rules::{Evaluator, RulePack};
use crate::{Options, dataset};

/// A report cut-off of the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cutoff {
    SixMonths,
    NineMonths,
    Year,
}

/// One target as of one month's end.
#[derive(Debug, Clone, Serialize)]
pub struct TargetMonth {
    pub id: String,
    pub status: Status,
    /// Each requirement's measured value (a ratio as a fraction), in order.
    pub measured: Vec<Option<f64>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Month {
    /// The statistics month, named after the month it ends in (`2024-03`).
    pub label: String,
    pub as_of: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cutoff: Option<Cutoff>,
    pub targets: Vec<TargetMonth>,
}

/// One unit's progress over the months.
#[derive(Debug, Clone)]
pub struct UnitProgress {
    pub unit: String,
    pub name: String,
    pub file: String,
    pub months: Vec<Month>,
    pub data_errors: Vec<Diagnostic>,
}

/// The closing days of the statistics months of a period, up to `as_of`,
/// each with the cut-off it is, if any.
pub fn month_ends(
    period: &crate::dataset::record::Period,
    as_of: NaiveDate,
) -> Vec<(String, NaiveDate, Option<Cutoff>)> {
    crate::dataset::calendar::stat_months(period)
        .iter()
        .enumerate()
        .filter(|(_, m)| m.end <= as_of)
        .map(|(i, m)| {
            let cutoff = match i + 1 {
                6 => Some(Cutoff::SixMonths),
                9 => Some(Cutoff::NineMonths),
                12 => Some(Cutoff::Year),
                _ => None,
            };
            (m.label(), m.end, cutoff)
        })
        .collect()
}

/// A unit evaluated as of the end of each statistics month up to `as_of`:
/// the month's label, its end, its cut-off, and the outcome that day.
pub fn monthly(
    evaluator: &Evaluator<'_>,
    unit: &Arc<dataset::UnitFile>,
    as_of: NaiveDate,
    only: Option<&[String]>,
) -> Vec<(String, NaiveDate, Option<Cutoff>, crate::outcome::UnitOutcome)> {
    month_ends(&unit.data.period.value, as_of)
        .into_iter()
        .map(|(label, end, cutoff)| {
            let outcome = evaluator.evaluate(unit.clone(), end, only);
            (label, end, cutoff, outcome)
        })
        .collect()
}

/// Progress of every unit file on `options.jobs` threads, handed to `each`
/// in file order.
pub fn progress_each(pack: &RulePack, files: &[PathBuf], options: &Options, each: impl FnMut(UnitProgress)) {
    crate::in_parallel(
        files,
        options.workers(files.len()),
        || Evaluator::new(pack, options.rule_limits),
        |evaluator, file| unit_progress(evaluator, file, options),
        each,
        |_| (),
    );
}

fn unit_progress(evaluator: &Evaluator<'_>, path: &Path, options: &Options) -> UnitProgress {
    let unit = match evaluator.pack().load_unit(options, path) {
        Ok(unit) => Arc::new(unit),
        Err(problems) => {
            let invalid = crate::invalid_unit(path, options, problems, &evaluator.pack().model);
            return UnitProgress {
                unit: invalid.unit,
                name: invalid.name,
                file: invalid.file,
                months: Vec::new(),
                data_errors: invalid.data_errors,
            };
        }
    };
    let as_of = crate::as_of(options, &unit);
    let months = monthly(evaluator, &unit, as_of, options.only.as_deref())
        .into_iter()
        .map(|(label, end, cutoff, outcome)| {
            let targets = outcome
                .targets
                .iter()
                .map(|t| TargetMonth {
                    id: t.id.clone(),
                    status: t.status,
                    measured: t.requirements.iter().map(|r| r.measured.as_f64()).collect(),
                })
                .collect();
            Month { label, as_of: end, cutoff, targets }
        })
        .collect();
    let data = &unit.data.unit.value;
    UnitProgress {
        unit: data.id.clone(),
        name: data.name.clone(),
        file: unit.source.name.clone(),
        months,
        data_errors: Vec::new(),
    }
}

/// A unit as the report renderers receive it: its outcome as of its date,
/// its outcome as of every statistics month's end up to that date, and what
/// a document says of the unit besides its targets. Plain data: renderers
/// never load or evaluate.
#[derive(Debug, Clone)]
pub struct Timeline {
    pub outcome: crate::outcome::UnitOutcome,
    /// Each month's label, end, cut-off and outcome that day, in order.
    pub months: Vec<(String, NaiveDate, Option<Cutoff>, crate::outcome::UnitOutcome)>,
    /// None when the unit's data could not be read.
    pub about: Option<About>,
}

/// What a report says of a unit besides its targets: the team, the
/// province, the statistics year and who signs for the team.
#[derive(Debug, Clone)]
pub struct About {
    pub team: Option<String>,
    pub province: Option<String>,
    pub period: crate::dataset::record::Period,
    /// The team's commander (the first officer whose role is `commander`):
    /// their title and name.
    pub signer: Option<(Option<String>, String)>,
}

/// Every unit file read once and evaluated as of its date and every month's
/// end, on `options.jobs` threads, handed to `each` in file order (memory by
/// units in flight).
pub fn timelines(pack: &RulePack, files: &[PathBuf], options: &Options, each: impl FnMut(Timeline)) {
    crate::in_parallel(
        files,
        options.workers(files.len()),
        || Evaluator::new(pack, options.rule_limits),
        |evaluator, file| timeline(evaluator, file, options),
        each,
        |_| (),
    );
}

fn timeline(evaluator: &Evaluator<'_>, path: &Path, options: &Options) -> Timeline {
    match evaluator.pack().load_unit(options, path) {
        Err(problems) => {
            let outcome = crate::invalid_unit(path, options, problems, &evaluator.pack().model);
            Timeline { outcome, months: Vec::new(), about: None }
        }
        Ok(unit) => {
            let unit = Arc::new(unit);
            let as_of = crate::as_of(options, &unit);
            let only = options.only.as_deref();
            let outcome = evaluator.evaluate(unit.clone(), as_of, only);
            // On a month's closing day (the usual as-of date) that month's
            // outcome is the one just made: not evaluated again.
            let months = month_ends(&unit.data.period.value, as_of)
                .into_iter()
                .map(|(label, end, cutoff)| {
                    let month =
                        if end == as_of { outcome.clone() } else { evaluator.evaluate(unit.clone(), end, only) };
                    (label, end, cutoff, month)
                })
                .collect();
            let data = &unit.data;
            let signer = signer(data);
            let about = About {
                team: data.unit.value.team.clone(),
                province: data.unit.value.province.clone(),
                period: data.period.value,
                signer,
            };
            Timeline { outcome, months, about: Some(about) }
        }
    }
}

/// Who signs the unit's report: its first officer whose `role` is
/// `commander`, by title and name, when the model has those fields.
fn signer(data: &crate::dataset::Dataset) -> Option<(Option<String>, String)> {
    let model = data.model;
    let c = model.collection("officers")?;
    let coll = &model.collections[c];
    let (role, title, name) = (coll.field("role")?, coll.field("title"), coll.field("name")?);
    data.of(c).iter().map(|o| &o.value).find(|o| o.text(role) == Some("commander")).map(|o| {
        let title = title.and_then(|t| o.text(t)).map(str::to_string);
        (title, o.text(name).unwrap_or_default().to_string())
    })
}
