//! Markdown for a CI job summary or a merge-request comment: one table per
//! unit, then the totals.

use std::fmt::Write;

use super::human::{measured, required};
use super::{Renderer, clean};
use crate::Totals;
use crate::diagnostic::Diagnostic;
use crate::i18n::{Msg, t};
use crate::outcome::{Status, UnitOutcome};

#[derive(Default)]
pub struct Markdown {
    /// The pack's inputs, then each unit's, for the footer's digest.
    pub inputs: Vec<crate::audit::Input>,
    pub as_of: Option<chrono::NaiveDate>,
}

/// Text safe in a table cell: no pipes, no HTML, no line breaks.
pub fn cell(text: &str) -> String {
    clean(text)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

/// Text as a code span no text can close: fenced by more backticks than
/// any run in it, padded where it starts or ends with one, on one line, with
/// steering characters replaced. Inside a span nothing is markup, so a file
/// name cannot print lines or open an HTML comment.
pub fn code(text: &str) -> String {
    let text = clean(text).replace(['\n', '\r'], " ");
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') || text.starts_with(' ') { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// A status in a table cell: a symbol and its word.
pub fn mark(status: Status) -> String {
    let symbol = match status {
        Status::Pass => "✅",
        Status::Fail => "❌",
        Status::Pending => "⏳",
        Status::NotApplicable => "➖",
        Status::Error => "⚠️",
    };
    format!("{symbol} {}", status.label())
}

impl Renderer for Markdown {
    fn begin(&mut self, problems: &[Diagnostic]) -> String {
        let mut out = String::from("# chitieu\n\n");
        for d in problems {
            let _ = writeln!(out, "- ⚠️ {}", t(Msg::MdRulePack { message: &cell(&d.message) }));
        }
        if !problems.is_empty() {
            out.push('\n');
        }
        out
    }

    fn unit(&mut self, unit: &UnitOutcome) -> String {
        if let Some(sha256) = &unit.sha256 {
            let role = crate::audit::Role::Unit;
            self.inputs.push(crate::audit::Input { path: unit.file.clone(), role, sha256: sha256.clone() });
        }
        let mut out = format!("## {} — {}\n\n", cell(&unit.unit), cell(&unit.name));
        let _ = writeln!(out, "{}\n", t(Msg::MdAsOf { file: &code(&unit.file), date: &crate::i18n::date(unit.as_of) }));
        if !unit.data_errors.is_empty() {
            let _ = writeln!(out, "{}\n", t(Msg::MdInvalid));
            for d in &unit.data_errors {
                let place = d.location().map(|(f, p)| format!("{} ", code(&p.shown(&f)))).unwrap_or_default();
                let _ = writeln!(out, "- {place}{}", cell(&d.message));
            }
            out.push('\n');
            return out;
        }
        let _ = writeln!(
            out,
            "| # | {} | {} | {} | {} |\n|---|---|---|---|---|",
            t(Msg::ColumnTarget),
            t(Msg::ColumnStatus),
            t(Msg::ColumnMeasured),
            t(Msg::ColumnRequired)
        );
        for tg in &unit.targets {
            let (m, r): (Vec<String>, Vec<String>) = if tg.requirements.is_empty() {
                (vec!["—".into()], vec!["—".into()])
            } else {
                tg.requirements.iter().map(|q| (cell(&measured(q)), cell(&required(q)))).unzip()
            };
            let mut status = mark(tg.status);
            if tg.passed_by_waiver() {
                status.push_str(&format!(" ({})", t(Msg::PassedByWaiverMark)));
            }
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                cell(&tg.id),
                cell(&tg.title),
                status,
                m.join("<br>"),
                r.join("<br>")
            );
        }
        out.push('\n');
        let waived: Vec<_> = unit.targets.iter().flat_map(super::waiver_lines).collect();
        if !waived.is_empty() {
            let _ = writeln!(out, "**{}**\n", t(Msg::ExplainWaivers));
            for (line, w) in waived {
                let at = code(&format!("{}:{}", w.file, w.line));
                let _ = writeln!(out, "- {} ({at}; {})", cell(&line), cell(&w.cite()));
            }
            out.push('\n');
        }
        let warnings: Vec<_> =
            unit.data_warnings.iter().chain(unit.targets.iter().flat_map(|tg| &tg.warnings)).collect();
        for d in &warnings {
            let place = d
                .location()
                .map(|(f, p)| match p {
                    crate::diagnostic::Place::Line { line, .. } => format!("{} ", code(&format!("{f}:{line}"))),
                    cell => format!("{} ", code(&cell.shown(&f))),
                })
                .unwrap_or_default();
            let _ = writeln!(out, "- ⚠️ {place}{}", cell(&d.message));
        }
        if !warnings.is_empty() {
            out.push('\n');
        }
        out
    }

    fn end(&mut self, totals: &Totals) -> String {
        let n = |x: usize| crate::i18n::int(x as i64);
        let invalid = if totals.invalid > 0 {
            format!("; {}", t(Msg::InvalidUnits { count: &n(totals.invalid) }))
        } else {
            String::new()
        };
        let as_of = self.as_of.map(|d| t(Msg::MdFooterAsOf { date: &crate::i18n::date(d) })).unwrap_or_default();
        let footer = t(Msg::MdFooter {
            version: env!("CARGO_PKG_VERSION"),
            as_of: &as_of,
            count: self.inputs.len(),
            digest: &crate::audit::short_digest(&self.inputs),
        });
        format!(
            "**{}**: {}{invalid}\n\n---\n{footer}\n",
            t(Msg::Units { count: &n(totals.units) }),
            super::totals_line(&totals.summary)
        )
    }
}
