//! The default output: a table of targets per unit, then one miette
//! diagnostic per failing requirement (the rule's call underlined, the
//! offending records' YAML after it) and per error.

use std::fmt::Write;
use std::sync::Arc;

use comfy_table::{ContentArrangement, Table, presets};
use miette::{GraphicalReportHandler, GraphicalTheme};

use super::{Renderer, Style, clean};
use crate::Totals;
use crate::diagnostic::{Diagnostic, Severity};
use crate::outcome::{Requirement, Status, TargetOutcome, UnitOutcome};

/// The human output, unit by unit as they finish.
pub struct Human {
    pub style: Style,
}

impl Renderer for Human {
    fn begin(&mut self, problems: &[Diagnostic]) -> String {
        problems.iter().map(|d| diagnostic(d, self.style)).collect()
    }

    fn unit(&mut self, unit: &UnitOutcome) -> String {
        let mut out = String::new();
        render_unit(&mut out, unit, self.style);
        out
    }

    fn end(&mut self, totals: &Totals) -> String {
        let mut out = String::new();
        let s = totals.summary;
        if totals.units > 1 {
            let _ = writeln!(out, "{} units", totals.units);
        }
        if totals.invalid > 0 {
            let _ = writeln!(out, "{} unit file(s) with invalid data, not evaluated", totals.invalid);
        }
        let _ = writeln!(
            out,
            "{} passed, {} failed, {} pending, {} n/a, {} errors",
            s.pass, s.fail, s.pending, s.not_applicable, s.error
        );
        out
    }
}

fn render_unit(out: &mut String, unit: &UnitOutcome, style: Style) {
    if !unit.data_errors.is_empty() {
        let _ = writeln!(
            out,
            "{}: the data has {} problem(s); no target was evaluated\n",
            unit.file,
            unit.data_errors.len()
        );
        for d in &unit.data_errors {
            out.push_str(&diagnostic(d, style));
        }
        return;
    }
    let _ = writeln!(
        out,
        "{} — {} ({}), as of {}",
        clean(&unit.unit),
        clean(&unit.name),
        clean(&unit.file),
        unit.as_of.format("%d/%m/%Y")
    );
    out.push_str(&table(unit, style));
    out.push('\n');
    for t in &unit.targets {
        if let Some(e) = &t.error {
            out.push_str(&diagnostic(e, style));
        }
        for r in t.requirements.iter().filter(|r| matches!(r.status, Status::Fail | Status::Pending)) {
            out.push_str(&diagnostic(&requirement_diagnostic(t, r), style));
        }
    }
}

/// The table of one unit's targets: a row per target; a target with several
/// requirements lists each under its title, its values on the same line.
pub fn table(unit: &UnitOutcome, style: Style) -> String {
    let title_width = usize::from(style.width).saturating_sub(58).max(30);
    let mut table = Table::new();
    table
        .load_preset(if style.unicode { presets::UTF8_FULL_CONDENSED } else { presets::ASCII_FULL_CONDENSED })
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(["#", "Target", "Status", "Measured", "Required"]);
    for t in &unit.targets {
        let mut target = wrap(&clean(&t.title), title_width, "");
        let mut values = vec![(String::new(), String::new()); target.len()];
        match t.requirements.as_slice() {
            [] => values[0] = ("—".into(), "—".into()),
            [only] => values[0] = (measured(only), required(only)),
            all => {
                for r in all {
                    let lines = wrap(&clean(&r.label), title_width - 2, "  ");
                    values.push((measured(r), required(r)));
                    values.extend(std::iter::repeat_n((String::new(), String::new()), lines.len() - 1));
                    target
                        .extend(lines.into_iter().enumerate().map(|(i, l)| if i == 0 { format!("· {l}") } else { l }));
                }
            }
        }
        let (m, r): (Vec<String>, Vec<String>) = values.into_iter().unzip();
        table.add_row([t.id.clone(), target.join("\n"), t.status.as_str().to_string(), m.join("\n"), r.join("\n")]);
    }
    table.to_string() + "\n"
}

fn wrap(text: &str, width: usize, indent: &str) -> Vec<String> {
    let options = textwrap::Options::new(width).subsequent_indent(indent);
    textwrap::wrap(text, options).into_iter().map(|l| l.into_owned()).collect()
}

pub fn measured(r: &Requirement) -> String {
    let mark = if r.warning && !r.passed() { " (warning)" } else { "" };
    format!("{}{mark}", r.measured.display())
}

pub fn required(r: &Requirement) -> String {
    format!("{} {}", r.op.as_str(), threshold(r))
}

pub fn threshold(r: &Requirement) -> String {
    match r.measured {
        crate::outcome::Measure::Ratio { .. } => crate::outcome::exact_percent(r.threshold.value),
        _ => crate::outcome::format_number(r.threshold.value),
    }
}

/// A failing (or pending) requirement as a diagnostic on its rule file.
pub fn requirement_diagnostic(t: &TargetOutcome, r: &Requirement) -> Diagnostic {
    let source = &t.rule_file;
    let verb = match r.status {
        Status::Pending => "pending",
        _ if r.warning => "warning",
        _ => "failed",
    };
    let mut d = Diagnostic::error("target::requirement", format!("target {} {verb}: {}", t.id, clean(&r.label)))
        .in_file(source);
    if r.warning || r.status == Status::Pending {
        d = d.with_severity(Severity::Warning);
    }
    if r.line > 0 {
        let start = source.offset(r.line, r.column.max(1));
        let line_end = source.line_range(r.line).end;
        let call_end = source.text[start..line_end].find('(').map_or(line_end, |i| start + i);
        d = d.label(
            start..call_end.max(start + 1).min(source.text.len()),
            format!("measured {}, required {}", measured(r), required(r)),
        );
    }
    let mut help = format!("threshold: {}", r.threshold.source.describe());
    if let (Status::Pending, Some(deadline)) = (r.status, r.deadline) {
        let _ = write!(help, "; not yet due: the deadline is {}", deadline.format("%d/%m/%Y"));
    }
    for note in &r.notes {
        let _ = write!(help, "\n{}", clean(note));
    }
    d = d.help(help);
    for ev in &r.offending {
        let Some(excerpt) = &ev.excerpt else { continue };
        let rd = Diagnostic::error("target::offending", clean(&ev.name()))
            .with_severity(Severity::Advice)
            .in_excerpt(Arc::clone(excerpt))
            .label(excerpt.span(), clean(ev.id.as_deref().unwrap_or(ev.collection)));
        d = d.related(rd);
    }
    let shown = r.offending.iter().filter(|e| e.excerpt.is_some()).count();
    if r.offending_total > shown {
        let rest: Vec<String> = r.offending.iter().skip(shown).take(20).map(|e| clean(&e.name())).collect();
        let more = r.offending_total - shown;
        let list = if rest.len() < more { format!("{}, …", rest.join(", ")) } else { rest.join(", ") };
        d = d.related(
            Diagnostic::error("target::offending", format!("and {more} more: {list}")).with_severity(Severity::Advice),
        );
    }
    d
}

pub fn diagnostic(d: &Diagnostic, style: Style) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else if style.unicode {
        GraphicalTheme::unicode_nocolor()
    } else {
        GraphicalTheme::none()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(usize::from(style.width)).with_context_lines(1);
    let mut out = String::new();
    if handler.render_report(&mut out, d).is_err() {
        let _ = writeln!(out, "{}", d.message);
    }
    out.push('\n');
    out
}
