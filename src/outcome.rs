//! What evaluation produces: plain data, no references back into the
//! dataset or the engine. Renderers read only this.

use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Excerpt, Place, SourceFile};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Status {
    #[serde(rename = "pass")]
    Pass,
    #[serde(rename = "n/a")]
    NotApplicable,
    #[serde(rename = "pending")]
    Pending,
    #[serde(rename = "fail")]
    Fail,
    #[serde(rename = "error")]
    Error,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::Pending => "pending",
            Status::NotApplicable => "n/a",
            Status::Error => "error",
        }
    }

    /// The status as a person reads it, in the language of the run.
    pub fn label(self) -> String {
        use crate::i18n::{Msg, t};
        t(match self {
            Status::Pass => Msg::StatusPass,
            Status::Fail => Msg::StatusFail,
            Status::Pending => Msg::StatusPending,
            Status::NotApplicable => Msg::StatusNotApplicable,
            Status::Error => Msg::StatusError,
        })
    }

    pub const ALL: [Status; 5] = [Status::Pass, Status::Fail, Status::Pending, Status::NotApplicable, Status::Error];
}

/// A comparison a requirement makes: measured OP threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Op {
    #[serde(rename = ">=")]
    AtLeast,
    #[serde(rename = ">")]
    MoreThan,
    #[serde(rename = "<=")]
    AtMost,
    #[serde(rename = "<")]
    LessThan,
    #[serde(rename = "==")]
    Equal,
}

impl Op {
    pub fn parse(text: &str) -> Option<Op> {
        Some(match text {
            ">=" => Op::AtLeast,
            ">" => Op::MoreThan,
            "<=" => Op::AtMost,
            "<" => Op::LessThan,
            "==" => Op::Equal,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Op::AtLeast => ">=",
            Op::MoreThan => ">",
            Op::AtMost => "<=",
            Op::LessThan => "<",
            Op::Equal => "==",
        }
    }

    pub fn holds(self, ord: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::*;
        match self {
            Op::AtLeast => ord != Less,
            Op::MoreThan => ord == Greater,
            Op::AtMost => ord != Greater,
            Op::LessThan => ord == Less,
            Op::Equal => ord == Equal,
        }
    }
}

/// A measured value: a count, a number, or a ratio kept as its two counts so
/// that it compares exactly.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Measure {
    Count(i64),
    Number(f64),
    Ratio { part: i64, whole: i64 },
}

impl Measure {
    pub fn as_f64(self) -> Option<f64> {
        match self {
            Measure::Count(n) => Some(n as f64),
            Measure::Number(x) => Some(x),
            Measure::Ratio { whole: 0, .. } => None,
            Measure::Ratio { part, whole } => Some(part as f64 / whole as f64),
        }
    }

    pub fn display(self) -> String {
        match self {
            Measure::Count(n) => crate::i18n::int(n),
            Measure::Number(x) => format_number(x),
            Measure::Ratio { part, whole: 0 } => format!("{}/0", crate::i18n::int(part)),
            Measure::Ratio { part, whole } => {
                let (p, w) = (crate::i18n::int(part), crate::i18n::int(whole));
                format!("{} ({p}/{w})", percent(part as f64 / whole as f64))
            }
        }
    }
}

pub use crate::i18n::{exact_percent, number as format_number, percent};

/// Where a threshold's value was set.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ThresholdSource {
    /// A parameter at the default its rule file declares.
    Default { param: String, file: String },
    /// A parameter a directive overlay set (for `units` only, when it names
    /// some).
    Directive {
        param: String,
        file: String,
        number: String,
        date: NaiveDate,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        units: Vec<String>,
    },
    /// A number written in the rule's logic (a structural constant such as 0).
    Literal { file: String },
    /// Another measured value (B > A compares two counts).
    Measured { what: String },
}

impl ThresholdSource {
    pub fn file(&self) -> Option<&str> {
        match self {
            ThresholdSource::Default { file, .. }
            | ThresholdSource::Directive { file, .. }
            | ThresholdSource::Literal { file } => Some(file),
            ThresholdSource::Measured { .. } => None,
        }
    }

    /// "min_share, default in rules/…": the parameter and where it was set.
    pub fn describe(&self) -> String {
        match self {
            ThresholdSource::Default { param, .. } | ThresholdSource::Directive { param, .. } => {
                format!("{param}, {}", self.origin())
            }
            _ => self.origin(),
        }
    }

    /// Where the value was set, without the parameter's name.
    pub fn origin(&self) -> String {
        use crate::i18n::{Msg, t};
        match self {
            ThresholdSource::Default { file, .. } => t(Msg::SourceDefault { file }),
            ThresholdSource::Directive { file, number, date, units, .. } if units.is_empty() => {
                t(Msg::SourceDirective { number, date: &crate::i18n::date(*date), file })
            }
            ThresholdSource::Directive { file, number, date, units, .. } => {
                t(Msg::SourceDirectiveFor { number, date: &crate::i18n::date(*date), file, units: &units.join(", ") })
            }
            ThresholdSource::Literal { file } => t(Msg::SourceLiteral { file }),
            ThresholdSource::Measured { what } => what.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Threshold {
    pub value: f64,
    pub source: ThresholdSource,
}

/// A record that made a requirement fall short.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    pub collection: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub file: Arc<str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// For a workbook's record: its sheet and row (and no line).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<Arc<str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
    #[serde(skip)]
    pub excerpt: Option<Arc<Excerpt>>,
}

impl Evidence {
    pub fn name(&self) -> String {
        match (&self.id, self.place()) {
            (Some(id), _) => format!("{} {id}", self.collection),
            (None, Some(Place::Line { line, .. })) => {
                crate::i18n::t(crate::i18n::Msg::RecordAtLine { collection: self.collection, line })
            }
            (None, Some(place)) => format!("{} ({})", self.collection, place.shown(&self.file)),
            (None, None) => self.collection.to_string(),
        }
    }

    /// Where the record is: its line, or its sheet and row.
    pub fn place(&self) -> Option<Place> {
        match (&self.sheet, self.row, self.line) {
            (Some(sheet), Some(row), _) => Some(Place::Cell { sheet: sheet.clone(), row, column: None }),
            (_, _, Some(line)) => Some(Place::Line { line, column: 1 }),
            _ => None,
        }
    }

    /// `file:line`, or `file › sheet › row N`.
    pub fn shown_place(&self) -> Option<String> {
        Some(match self.place()? {
            Place::Line { line, .. } => format!("{}:{line}", self.file),
            cell => cell.shown(&self.file),
        })
    }
}

/// One check a rule recorded.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Requirement {
    pub label: String,
    pub measured: Measure,
    pub op: Op,
    pub threshold: Threshold,
    pub status: Status,
    /// A warning's shortfall is reported but does not fail the target.
    pub warning: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline: Option<NaiveDate>,
    pub offending: Vec<Evidence>,
    /// How many records fell short; `offending` may hold only the first few.
    pub offending_total: usize,
    /// What fell short where no record can show it (months, officers' loads).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// 1-based line and column of the call in the rule file.
    pub line: usize,
    pub column: usize,
    /// Records waivers took out of this requirement (out of part and whole,
    /// or out of the count), each with its waiver.
    pub waived: Vec<Waived>,
    /// A waiver that takes the whole requirement out of the target's status.
    pub waived_whole: Option<Arc<WaiverRef>>,
    /// The status the requirement would have had without any waiver, when a
    /// waiver took something out of it.
    pub unwaived: Option<Status>,
}

impl Requirement {
    /// The requirement's status as a person reads it: a warning that
    /// falls short reads as a warning, never as a failure (its target
    /// passes).
    pub fn status_label(&self) -> String {
        if self.warning && self.status == Status::Fail {
            crate::i18n::t(crate::i18n::Msg::StatusWarning)
        } else {
            self.status.label()
        }
    }

    pub fn passed(&self) -> bool {
        matches!(self.status, Status::Pass | Status::NotApplicable)
    }

    /// What counts towards the target: a warning never, a waived
    /// requirement as passed.
    fn counted(&self) -> Option<Status> {
        match (self.warning, &self.waived_whole) {
            (true, _) => None,
            (false, Some(_)) => Some(Status::Pass),
            (false, None) => Some(self.status),
        }
    }

    /// Whether a waiver took anything out of this requirement.
    pub fn is_waived(&self) -> bool {
        !self.waived.is_empty() || self.waived_whole.is_some()
    }
}

/// A commander's decision behind a waiver.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub number: String,
    pub date: NaiveDate,
    pub issuer: String,
}

/// A waiver as outputs show it: where it is written, why, by whose decision,
/// for how long.
#[derive(Debug, Clone, Serialize)]
pub struct WaiverRef {
    pub file: String,
    pub line: usize,
    pub reason: String,
    pub decision: Decision,
    pub from: NaiveDate,
    pub until: NaiveDate,
    /// The waiver's text, for diagnostics that point at it.
    #[serde(skip)]
    pub source: Option<Arc<SourceFile>>,
    #[serde(skip)]
    pub span: std::ops::Range<usize>,
}

impl PartialEq for WaiverRef {
    fn eq(&self, other: &Self) -> bool {
        (&self.file, self.line, &self.reason, &self.decision, self.from, self.until)
            == (&other.file, other.line, &other.reason, &other.decision, other.from, other.until)
    }
}

impl WaiverRef {
    /// "45/QĐ-CAH ngày 02/05/2024 của Trưởng Công an huyện": the decision as
    /// a person cites it.
    pub fn cite(&self) -> String {
        use crate::i18n::{Msg, date, t};
        let d = &self.decision;
        t(Msg::WaiverCite { number: &d.number, date: &date(d.date), issuer: &d.issuer, until: &date(self.until) })
    }
}

/// A record a waiver took out of a requirement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Waived {
    #[serde(flatten)]
    pub record: Evidence,
    pub waiver: Arc<WaiverRef>,
}

/// The result of one rule over one unit.
#[derive(Debug, Clone)]
pub struct TargetOutcome {
    pub id: String,
    pub title: String,
    pub rule_file: Arc<SourceFile>,
    pub status: Status,
    pub requirements: Vec<Requirement>,
    /// Why the rule could not be evaluated, when status is `error`.
    pub error: Option<Diagnostic>,
    /// Waivers for this target that did not apply (not in force, or matching
    /// nothing the rule looked at).
    pub warnings: Vec<Diagnostic>,
}

impl TargetOutcome {
    /// Fails if any requirement fails; else pending if any is pending; else
    /// n/a if any had nothing to measure; else pass. Warnings never fail; a
    /// requirement waived whole counts as passed.
    pub fn combine(requirements: &[Requirement]) -> Status {
        requirements.iter().filter_map(Requirement::counted).max().unwrap_or(Status::Error)
    }

    /// The status the target would have had without any waiver.
    pub fn unwaived_status(&self) -> Status {
        if self.error.is_some() {
            return self.status;
        }
        let each = self.requirements.iter().filter(|r| !r.warning).map(|r| r.unwaived.unwrap_or(r.status));
        each.max().unwrap_or(self.status)
    }

    /// Passes (or is not applicable) only because a waiver took records or a
    /// requirement out of it.
    pub fn passed_by_waiver(&self) -> bool {
        matches!(self.status, Status::Pass | Status::NotApplicable)
            && matches!(self.unwaived_status(), Status::Fail | Status::Pending | Status::Error)
    }
}

/// Everything evaluated for one unit file.
#[derive(Debug, Clone)]
pub struct UnitOutcome {
    pub unit: String,
    pub name: String,
    pub file: String,
    pub as_of: NaiveDate,
    pub targets: Vec<TargetOutcome>,
    /// Why the unit's data could not be evaluated at all.
    pub data_errors: Vec<Diagnostic>,
    /// What the data holds that is worth a word but was evaluated (a
    /// workbook's hidden rows, columns and sheets).
    pub data_warnings: Vec<Diagnostic>,
    /// Each officer's name with the id of their record: what outputs that
    /// leave the machine replace (`report::redact`).
    pub personal_names: Vec<(String, String)>,
    /// SHA-256 of the unit file's bytes (None when it could not be read).
    pub sha256: Option<String>,
}

impl UnitOutcome {
    /// The unit's worst target status; `error` when its data is invalid.
    pub fn status(&self) -> Status {
        if self.data_errors.is_empty() {
            self.targets.iter().map(|t| t.status).max().unwrap_or(Status::Pass)
        } else {
            Status::Error
        }
    }
}

/// Counts by status over any number of units.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub pass: usize,
    pub fail: usize,
    pub pending: usize,
    #[serde(rename = "n/a")]
    pub not_applicable: usize,
    pub error: usize,
    /// Targets counted as passed that would fail or be pending without a
    /// waiver (also in `pass` or `n/a`).
    #[serde(skip_serializing_if = "is_zero")]
    pub passed_by_waiver: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Summary {
    /// One target: its status, and whether it passes only thanks to a waiver.
    pub fn count(&mut self, status: Status, by_waiver: bool) {
        self.add(status);
        if by_waiver {
            self.passed_by_waiver += 1;
        }
    }

    pub fn add(&mut self, status: Status) {
        match status {
            Status::Pass => self.pass += 1,
            Status::Fail => self.fail += 1,
            Status::Pending => self.pending += 1,
            Status::NotApplicable => self.not_applicable += 1,
            Status::Error => self.error += 1,
        }
    }
}
