//! The JSON output: a documented contract (docs/json-output.md). Field order
//! is fixed by these structs, so the same inputs give the same bytes.

use serde::Serialize;

use super::Renderer;
use crate::Totals;
use crate::audit::{Input, Invocation, Role};
use crate::dataset::calendar::iso_date;
use crate::diagnostic::{Diagnostic, Place};
use crate::outcome::{Requirement, Status, ThresholdSource, UnitOutcome};

/// Version of the JSON contract; bumped on any incompatible change.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Unit<'a> {
    unit: &'a str,
    name: &'a str,
    file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    sha256: Option<&'a str>,
    as_of: String,
    status: &'static str,
    targets: Vec<Target<'a>>,
    data_errors: Vec<Problem>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    data_warnings: Vec<Problem>,
}

#[derive(Serialize)]
struct Target<'a> {
    id: &'a str,
    title: &'a str,
    rule_file: &'a str,
    status: Status,
    /// The status as a person reads it, in the run's language.
    status_label: String,
    requirements: Vec<Req<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<Problem>,
    /// Passes only because a waiver took something out of it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    passed_by_waiver: bool,
    /// Waivers for the target that did not apply.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<Problem>,
}

#[derive(Serialize)]
struct Req<'a> {
    label: &'a str,
    measured: Option<f64>,
    #[serde(flatten)]
    counts: Counts,
    op: &'static str,
    threshold: f64,
    threshold_source: &'a str,
    threshold_origin: &'a ThresholdSource,
    passed: bool,
    status: Status,
    status_label: String,
    warning: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    deadline: Option<String>,
    line: usize,
    offending: &'a [crate::outcome::Evidence],
    offending_total: usize,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    notes: &'a [String],
    /// Records waivers took out of part and whole (or the count).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    waived: &'a [crate::outcome::Waived],
    /// The waiver that takes this whole requirement out of the target.
    #[serde(skip_serializing_if = "Option::is_none")]
    waived_requirement: Option<&'a crate::outcome::WaiverRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status_without_waivers: Option<Status>,
}

#[derive(Serialize)]
struct Counts {
    #[serde(skip_serializing_if = "Option::is_none")]
    part: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    whole: Option<i64>,
}

#[derive(Serialize)]
pub(crate) struct Problem {
    code: &'static str,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    /// A workbook's problem: its sheet, row and cell (`C12`) instead of a line.
    #[serde(skip_serializing_if = "Option::is_none")]
    sheet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    row: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cell: Option<String>,
}

pub(crate) fn problem(d: &crate::diagnostic::Diagnostic) -> Problem {
    let loc = d.location();
    Problem {
        code: d.code,
        message: d.message.to_string(),
        // The file even where no line is known (a JSON unit's records).
        file: loc.as_ref().map(|l| l.0.clone()).or_else(|| d.file_name().map(str::to_string)),
        line: loc.as_ref().and_then(|l| l.1.line()),
        column: loc.as_ref().and_then(|l| match l.1 {
            Place::Line { column, .. } => Some(column),
            Place::Cell { .. } => None,
        }),
        sheet: loc.as_ref().and_then(|l| match &l.1 {
            Place::Cell { sheet, .. } => Some(sheet.to_string()),
            Place::Line { .. } => None,
        }),
        row: loc.as_ref().and_then(|l| match l.1 {
            Place::Cell { row, .. } => Some(row),
            Place::Line { .. } => None,
        }),
        cell: loc.as_ref().and_then(|l| l.1.cell()),
    }
}

fn requirement(r: &Requirement) -> Req<'_> {
    let (part, whole) = match r.measured {
        crate::outcome::Measure::Ratio { part, whole } => (Some(part), Some(whole)),
        _ => (None, None),
    };
    Req {
        label: &r.label,
        measured: r.measured.as_f64(),
        counts: Counts { part, whole },
        op: r.op.as_str(),
        threshold: r.threshold.value,
        threshold_source: r.threshold.source.file().unwrap_or("measured"),
        threshold_origin: &r.threshold.source,
        passed: r.passed(),
        status: r.status,
        status_label: r.status.label(),
        warning: r.warning,
        deadline: r.deadline.map(iso_date),
        line: r.line,
        offending: &r.offending,
        offending_total: r.offending_total,
        notes: &r.notes,
        waived: &r.waived,
        waived_requirement: r.waived_whole.as_deref(),
        status_without_waivers: r.unwaived,
    }
}

/// The JSON output, written unit by unit: the document is opened in
/// `begin`, each unit is an element of `units`, and `end` closes it with the
/// problems and the summary.
pub struct Json {
    pub as_of: Option<chrono::NaiveDate>,
    first: bool,
    invocation: Invocation,
    /// The pack's inputs, then each unit's as it is written.
    inputs: Vec<Input>,
    /// Length of the last unit written.
    unit_size: usize,
    /// `check --rollup`: the province's figures, pooled as units pass.
    pub rollup: Option<crate::rollup::Pool>,
}

impl Json {
    pub fn new(as_of: Option<chrono::NaiveDate>) -> Json {
        Json::audited(Invocation { as_of, ..Invocation::default() }, Vec::new())
    }

    /// A JSON output that records what was asked and the inputs it came from.
    pub fn audited(invocation: Invocation, inputs: Vec<Input>) -> Json {
        Json { as_of: invocation.as_of, first: true, invocation, inputs, unit_size: 4096, rollup: None }
    }
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

fn unit_view(u: &UnitOutcome) -> Unit<'_> {
    Unit {
        unit: &u.unit,
        name: &u.name,
        file: &u.file,
        sha256: u.sha256.as_deref(),
        as_of: iso_date(u.as_of),
        status: u.status().as_str(),
        targets: u
            .targets
            .iter()
            .map(|t| Target {
                id: &t.id,
                title: &t.title,
                rule_file: &t.rule_file.name,
                status: t.status,
                status_label: t.status.label(),
                requirements: t.requirements.iter().map(requirement).collect(),
                error: t.error.as_ref().map(problem),
                passed_by_waiver: t.passed_by_waiver(),
                warnings: t.warnings.iter().map(problem).collect(),
            })
            .collect(),
        data_errors: u.data_errors.iter().map(problem).collect(),
        data_warnings: u.data_warnings.iter().map(problem).collect(),
    }
}

/// Pretty JSON of `value` after `prefix`, every line but the first
/// indented by `indent` (spaces): serde_json's pretty layout, written once
/// with the indentation in place rather than re-indented afterwards.
fn pretty_after<T: Serialize>(prefix: &str, value: &T, indent: &str, capacity: usize) -> String {
    let out = pretty_bytes(prefix, value, indent, capacity);
    // Only `str`s and serde_json's own UTF-8 output went in.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// `pretty_after` as the bytes serde_json wrote, for writing straight out.
fn pretty_bytes<T: Serialize>(prefix: &str, value: &T, indent: &str, capacity: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(prefix.len() + capacity);
    out.extend_from_slice(prefix.as_bytes());
    let formatter = Nested { level: indent.len() / 2, has_value: false };
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
    if let Err(e) = value.serialize(&mut serializer) {
        out.truncate(prefix.len());
        out.extend_from_slice(format!("{{\"error\": \"{e}\"}}").as_bytes());
    }
    out
}

fn pretty<T: Serialize>(value: &T, indent: &str) -> String {
    pretty_after("", value, indent, 4096)
}

/// serde_json's `PrettyFormatter` (two spaces a level) starting at `level`.
struct Nested {
    level: usize,
    has_value: bool,
}

impl Nested {
    fn newline<W: ?Sized + std::io::Write>(&self, w: &mut W) -> std::io::Result<()> {
        const SPACES: &[u8] = b"                                                                ";
        w.write_all(b"\n")?;
        let mut n = self.level * 2;
        while n > 0 {
            let step = n.min(SPACES.len());
            w.write_all(&SPACES[..step])?;
            n -= step;
        }
        Ok(())
    }

    fn open<W: ?Sized + std::io::Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + std::io::Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.newline(w)?;
        }
        w.write_all(bracket)
    }

    fn item<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        self.newline(w)
    }
}

impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.item(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.item(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

impl Renderer for Json {
    fn begin(&mut self, _problems: &[Diagnostic]) -> String {
        let tool = Tool { name: "chitieu", version: env!("CARGO_PKG_VERSION") };
        format!(
            "{{\n  \"version\": {VERSION},\n  \"as_of\": {},\n  \"tool\": {},\n  \"invocation\": {},\n  \"units\": [",
            pretty(&self.as_of.map(|d| d.to_string()), "  "),
            pretty(&tool, "  "),
            pretty(&self.invocation, "  ")
        )
    }

    fn unit(&mut self, unit: &UnitOutcome) -> String {
        let bytes = self.unit_bytes(unit);
        // Only `str`s and serde_json's own UTF-8 output went in.
        String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }

    /// Written out as serde_json made it: checking that it is UTF-8 again
    /// costs a tenth of writing it.
    fn unit_bytes(&mut self, unit: &UnitOutcome) -> Vec<u8> {
        let sep = if self.first { "" } else { "," };
        self.first = false;
        if let Some(sha256) = &unit.sha256 {
            self.inputs.push(Input { path: unit.file.clone(), role: Role::Unit, sha256: sha256.clone() });
        }
        if let Some(pool) = &mut self.rollup {
            pool.add(unit);
        }
        // Units are alike in size: room for a bit more than the last one
        // saves growing the buffer by copies.
        let capacity = self.unit_size + self.unit_size / 8;
        let bytes = pretty_bytes(&format!("{sep}\n    "), &unit_view(unit), "    ", capacity);
        self.unit_size = bytes.len();
        bytes
    }

    fn end(&mut self, totals: &Totals) -> String {
        let close = if self.first { "]" } else { "\n  ]" };
        let problems: Vec<Problem> = totals.problems.iter().map(problem).collect();
        let rollup = match self.rollup.take() {
            Some(pool) => format!(",\n  \"rollup\": {}", pretty(&pool.finish(), "  ")),
            None => String::new(),
        };
        format!(
            "{close},\n  \"problems\": {},\n  \"summary\": {}{rollup},\n  \"inputs\": {}\n}}\n",
            pretty(&problems, "  "),
            pretty(&totals.summary, "  "),
            pretty(&self.inputs, "  ")
        )
    }
}
