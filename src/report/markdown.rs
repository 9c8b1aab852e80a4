//! Markdown for a CI job summary or a merge-request comment: one table per
//! unit, then the totals.

use std::fmt::Write;

use super::human::{measured, required};
use super::{Renderer, clean};
use crate::Totals;
use crate::diagnostic::Diagnostic;
use crate::outcome::{Status, UnitOutcome};

pub struct Markdown;

/// Text safe in a table cell: no pipes, no HTML, no line breaks.
pub fn cell(text: &str) -> String {
    clean(text)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

fn mark(status: Status) -> &'static str {
    match status {
        Status::Pass => "✅ pass",
        Status::Fail => "❌ fail",
        Status::Pending => "⏳ pending",
        Status::NotApplicable => "➖ n/a",
        Status::Error => "⚠️ error",
    }
}

impl Renderer for Markdown {
    fn begin(&mut self, problems: &[Diagnostic]) -> String {
        let mut out = String::from("# chitieu\n\n");
        for d in problems {
            let _ = writeln!(out, "- ⚠️ rule pack: {}", cell(&d.message));
        }
        if !problems.is_empty() {
            out.push('\n');
        }
        out
    }

    fn unit(&mut self, unit: &UnitOutcome) -> String {
        let mut out = format!("## {} — {}\n\n", cell(&unit.unit), cell(&unit.name));
        let _ = writeln!(out, "`{}`, as of {}\n", unit.file, unit.as_of.format("%d/%m/%Y"));
        if !unit.data_errors.is_empty() {
            let _ = writeln!(out, "The data is invalid; no target was evaluated:\n");
            for d in &unit.data_errors {
                let place = d.location().map(|(f, l, c)| format!("`{f}:{l}:{c}` ")).unwrap_or_default();
                let _ = writeln!(out, "- {place}{}", cell(&d.message));
            }
            out.push('\n');
            return out;
        }
        out.push_str("| # | Target | Status | Measured | Required |\n|---|---|---|---|---|\n");
        for t in &unit.targets {
            let (m, r): (Vec<String>, Vec<String>) = if t.requirements.is_empty() {
                (vec!["—".into()], vec!["—".into()])
            } else {
                t.requirements.iter().map(|q| (cell(&measured(q)), cell(&required(q)))).unzip()
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                cell(&t.id),
                cell(&t.title),
                mark(t.status),
                m.join("<br>"),
                r.join("<br>")
            );
        }
        out.push('\n');
        out
    }

    fn end(&mut self, totals: &Totals) -> String {
        let s = totals.summary;
        format!(
            "**{} unit(s)**: {} passed, {} failed, {} pending, {} n/a, {} errors{}\n",
            totals.units,
            s.pass,
            s.fail,
            s.pending,
            s.not_applicable,
            s.error,
            if totals.invalid > 0 {
                format!("; {} unit file(s) with invalid data", totals.invalid)
            } else {
                String::new()
            }
        )
    }
}
