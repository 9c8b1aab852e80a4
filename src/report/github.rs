//! GitHub Actions workflow commands: `::error` for each failed requirement
//! (at its line in the rule file) and each error, `::warning` for pending
//! requirements and warnings (and waivers not applied), a `::notice` at each
//! waiver that took something out of a target, then one with the totals.

use std::fmt::Write;

use super::human::{measured, required};
use super::{Renderer, clean};
use crate::Totals;
use crate::diagnostic::{Diagnostic, Place};
use crate::i18n::{Msg, t};
use crate::outcome::{Status, UnitOutcome};

pub struct Github;

/// A command's message: `%`, CR and LF escaped as the runner expects.
fn data(text: &str) -> String {
    clean(text).replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A command's property value: also `:` and `,`.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

fn command(out: &mut String, level: &str, file: Option<(&str, usize)>, title: &str, message: &str) {
    let mut props = Vec::new();
    if let Some((file, line)) = file {
        props.push(format!("file={}", property(file)));
        if line > 0 {
            props.push(format!("line={line}"));
        }
    }
    props.push(format!("title={}", property(title)));
    let _ = writeln!(out, "::{level} {}::{}", props.join(","), data(message));
}

fn diagnostic(out: &mut String, d: &Diagnostic, title: &str) {
    placed(out, "error", d, title);
}

/// A diagnostic's command at its file and line; a workbook's cell, which
/// has no line, is named at the head of the message.
fn placed(out: &mut String, level: &str, d: &Diagnostic, title: &str) {
    match d.location() {
        Some((file, Place::Line { line, .. })) => command(out, level, Some((&file, line)), title, &d.message),
        Some((file, cell)) => {
            command(out, level, Some((&file, 0)), title, &format!("{}: {}", cell.shown(&file), d.message))
        }
        None => command(out, level, None, title, &d.message),
    }
}

impl Renderer for Github {
    fn begin(&mut self, problems: &[Diagnostic]) -> String {
        let mut out = String::new();
        for d in problems {
            diagnostic(&mut out, d, &t(Msg::GithubRulePack));
        }
        out
    }

    fn unit(&mut self, unit: &UnitOutcome) -> String {
        let mut out = String::new();
        for d in &unit.data_errors {
            diagnostic(&mut out, d, &t(Msg::GithubInvalidData { file: &unit.file }));
        }
        for d in &unit.data_warnings {
            diagnostic(&mut out, d, &unit.file);
        }
        for tg in &unit.targets {
            let title = t(Msg::GithubTarget { unit: &unit.unit, id: &tg.id });
            if let Some(e) = &tg.error {
                diagnostic(&mut out, e, &t(Msg::GithubRuleError { title: &title }));
            }
            for r in &tg.requirements {
                let level = match r.status {
                    Status::Fail if !r.warning => "error",
                    Status::Fail | Status::Pending => "warning",
                    _ => continue,
                };
                let mut message =
                    t(Msg::LabelMeasured { label: &r.label, measured: &measured(r), required: &required(r) });
                if r.status == Status::Pending
                    && let Some(d) = r.deadline
                {
                    message.push_str(&t(Msg::GithubPendingDue { date: &crate::i18n::date(d) }));
                }
                if r.offending_total > 0 {
                    let ids: Vec<String> = r.offending.iter().take(20).map(|e| e.name()).collect();
                    let names = ids.join(", ");
                    let _ =
                        write!(message, "\n{}", t(Msg::GithubOffending { count: r.offending_total, names: &names }));
                }
                command(&mut out, level, Some((&tg.rule_file.name, r.line)), &title, &message);
            }
            // What a waiver took out, at the waiver: the measure with "(1
            // waived)", then each record and decision.
            let waived: Vec<_> = super::waiver_lines(tg);
            if let Some((_, first)) = waived.first() {
                let mut message = String::new();
                for r in tg.requirements.iter().filter(|r| r.is_waived()) {
                    let what =
                        t(Msg::LabelMeasured { label: &r.label, measured: &measured(r), required: &required(r) });
                    let _ = writeln!(message, "{what}");
                }
                for (line, w) in &waived {
                    let _ = writeln!(message, "{line} ({})", w.cite());
                }
                command(&mut out, "notice", Some((&first.file, first.line)), &title, message.trim_end());
            }
            for d in &tg.warnings {
                placed(&mut out, "warning", d, &title);
            }
        }
        out
    }

    fn end(&mut self, totals: &Totals) -> String {
        let units = crate::i18n::int(totals.units as i64);
        let counts = super::totals_line(&totals.summary);
        format!("::notice title=chitieu::{}: {counts}\n", t(Msg::Units { count: &units }))
    }
}
