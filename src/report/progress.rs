//! What `chitieu progress` prints: per unit, a targets × months table with
//! one symbol per cell (coloured on a terminal, never by colour alone), the
//! plan's report cut-offs marked; or the documented JSON; or Markdown.

use std::fmt::Write;

use serde::Serialize;

use super::json::{Problem, problem};
use super::{Style, clean, symbol};
use crate::i18n::{Msg, t};
use crate::outcome::Status;
use crate::progress::{Cutoff, Month, UnitProgress};

fn coloured(status: Status, text: &str, style: Style) -> String {
    if !style.color {
        return text.to_string();
    }
    let code = match status {
        Status::Pass => "32",
        Status::Fail => "31",
        Status::Pending => "33",
        Status::NotApplicable => "2",
        Status::Error => "35",
    };
    format!("\u{1b}[{code}m{text}\u{1b}[0m")
}

fn cutoff_name(c: Cutoff) -> String {
    t(match c {
        Cutoff::SixMonths => Msg::CutoffSix,
        Cutoff::NineMonths => Msg::CutoffNine,
        Cutoff::Year => Msg::CutoffYear,
    })
}

/// One unit's table for people.
pub fn human(unit: &UnitProgress, style: Style) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} — {} ({})", clean(&unit.unit), clean(&unit.name), clean(&unit.file));
    if !unit.data_errors.is_empty() {
        let _ = writeln!(out, "{}\n", t(Msg::DataProblems { file: &unit.file, count: unit.data_errors.len() }));
        for d in &unit.data_errors {
            out.push_str(&super::human::diagnostic(d, style));
        }
        return out;
    }
    if unit.months.is_empty() {
        let _ = writeln!(out, "{}\n", t(Msg::ProgressNoMonth));
        return out;
    }
    let width = 5;
    let months: String = unit.months.iter().map(|m| format!("{:>3}", &m.label[5..])).collect();
    let _ = writeln!(out, "{:width$}{months}", "#");
    let marks: String = unit
        .months
        .iter()
        .map(|m| format!("{:>3}", if m.cutoff.is_some() { if style.unicode { "▲" } else { "^" } } else { "" }))
        .collect();
    let _ = writeln!(out, "{:width$}{}", "", marks.trim_end());
    let ids: Vec<&str> = unit.months[0].targets.iter().map(|t| t.id.as_str()).collect();
    for (row, id) in ids.iter().enumerate() {
        let cells: String = unit
            .months
            .iter()
            .map(|m| {
                let status = m.targets.get(row).map_or(Status::Error, |t| t.status);
                format!("  {}", coloured(status, symbol(status, style), style))
            })
            .collect();
        let _ = writeln!(out, "{id:width$}{cells}");
    }
    let cutoffs: Vec<String> = unit
        .months
        .iter()
        .filter_map(|m| m.cutoff.map(|c| format!("{} ({})", cutoff_name(c), crate::i18n::date(m.as_of))))
        .collect();
    let legend = [Status::Pass, Status::Fail, Status::Pending, Status::NotApplicable, Status::Error]
        .map(|s| format!("{} {}", symbol(s, style), s.label()))
        .join("  ");
    let _ = writeln!(out, "\n{}", t(Msg::MatrixLegend { legend: &legend }));
    if !cutoffs.is_empty() {
        let mark = if style.unicode { "▲" } else { "^" };
        let _ = writeln!(out, "{}", t(Msg::ProgressCutoffs { mark, list: &cutoffs.join(", ") }));
    }
    out.push('\n');
    out
}

#[derive(Serialize)]
struct UnitView<'a> {
    unit: &'a str,
    name: &'a str,
    file: &'a str,
    months: &'a [Month],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    data_errors: Vec<Problem>,
}

/// The JSON document, streamed: `{ "version": 1, "units": [ … ] }`.
#[derive(Default)]
pub struct Json {
    first: bool,
}

impl Json {
    pub fn begin(&mut self) -> String {
        self.first = true;
        format!("{{\n  \"version\": {},\n  \"units\": [", super::json::VERSION)
    }

    pub fn unit(&mut self, unit: &UnitProgress) -> String {
        let view = UnitView {
            unit: &unit.unit,
            name: &unit.name,
            file: &unit.file,
            months: &unit.months,
            data_errors: unit.data_errors.iter().map(problem).collect(),
        };
        let sep = if self.first { "" } else { "," };
        self.first = false;
        let text = serde_json::to_string_pretty(&view).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
        format!("{sep}\n    {}", text.replace('\n', "\n    "))
    }

    pub fn end(&mut self) -> String {
        if self.first { "]\n}\n".to_string() } else { "\n  ]\n}\n".to_string() }
    }
}

/// One unit's table in Markdown.
pub fn markdown(unit: &UnitProgress) -> String {
    let mut out = format!("## {} — {}\n\n", super::markdown::cell(&unit.unit), super::markdown::cell(&unit.name));
    if !unit.data_errors.is_empty() {
        let _ = writeln!(out, "{}\n", t(Msg::MdInvalid));
        return out;
    }
    let Some(first) = unit.months.first() else {
        let _ = writeln!(out, "{}\n", t(Msg::ProgressNoMonth));
        return out;
    };
    let head: Vec<String> = unit
        .months
        .iter()
        .map(|m| match m.cutoff {
            Some(c) => format!("{} ({})", &m.label, cutoff_name(c)),
            None => m.label.clone(),
        })
        .collect();
    let _ = writeln!(out, "| # | {} |\n|---|{}", head.join(" | "), "---|".repeat(head.len()));
    for (row, target) in first.targets.iter().enumerate() {
        let cells: Vec<String> = unit
            .months
            .iter()
            .map(|m| super::markdown::mark(m.targets.get(row).map_or(Status::Error, |t| t.status)))
            .collect();
        let _ = writeln!(out, "| {} | {} |", super::markdown::cell(&target.id), cells.join(" | "));
    }
    out.push('\n');
    out
}
