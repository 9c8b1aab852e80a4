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
use crate::i18n::{Msg, int, t};
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
        let n = |x: usize| int(x as i64);
        if totals.units > 1 {
            let _ = writeln!(out, "{}", t(Msg::Units { count: &n(totals.units) }));
        }
        if totals.invalid > 0 {
            let _ = writeln!(out, "{}", t(Msg::InvalidUnits { count: &n(totals.invalid) }));
        }
        let _ = writeln!(out, "{}", super::totals_line(&totals.summary));
        out
    }
}

fn render_unit(out: &mut String, unit: &UnitOutcome, style: Style) {
    if !unit.data_errors.is_empty() {
        let _ = writeln!(out, "{}\n", t(Msg::DataProblems { file: &unit.file, count: unit.data_errors.len() }));
        for d in &unit.data_errors {
            out.push_str(&diagnostic(d, style));
        }
        return;
    }
    let _ = writeln!(
        out,
        "{}",
        t(Msg::UnitHeader {
            unit: &clean(&unit.unit),
            name: &clean(&unit.name),
            file: &clean(&unit.file),
            date: &crate::i18n::date(unit.as_of)
        })
    );
    out.push_str(&table(unit, style));
    out.push('\n');
    for d in &unit.data_warnings {
        out.push_str(&diagnostic(d, style));
    }
    for t in &unit.targets {
        if let Some(e) = &t.error {
            out.push_str(&diagnostic(e, style));
        }
        let shortfalls = t.requirements.iter().filter(|r| r.waived_whole.is_none());
        for r in shortfalls.filter(|r| matches!(r.status, Status::Fail | Status::Pending)) {
            out.push_str(&diagnostic(&requirement_diagnostic(t, r), style));
        }
        for d in waiver_notes(t).iter().chain(&t.warnings) {
            out.push_str(&diagnostic(d, style));
        }
    }
}

/// How wide the requirement column is: a threshold taken from the data
/// says what it is, in words, on lines of its own.
const REQUIRED_WIDTH: usize = 20;

/// The table of one unit's targets: a row per target; a target with several
/// requirements lists each under its title, its values on the same line.
pub fn table(unit: &UnitOutcome, style: Style) -> String {
    let title_width = usize::from(style.width).saturating_sub(66).max(30);
    let mut table = Table::new();
    table
        .load_preset(if style.unicode { presets::UTF8_FULL_CONDENSED } else { presets::ASCII_FULL_CONDENSED })
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header([
            "#".to_string(),
            t(Msg::ColumnTarget),
            t(Msg::ColumnStatus),
            t(Msg::ColumnMeasured),
            t(Msg::ColumnRequired),
        ]);
    for t in &unit.targets {
        // Lines of the three text columns, each block of a requirement
        // starting on one line and as long as its longest cell.
        let mut lines: Vec<[String; 3]> = Vec::new();
        let mut block = |target: Vec<String>, measured: String, required: String| {
            let required = wrap(&required, REQUIRED_WIDTH, "  ");
            let n = target.len().max(required.len()).max(1);
            for i in 0..n {
                let m = if i == 0 { measured.clone() } else { String::new() };
                lines.push([
                    target.get(i).cloned().unwrap_or_default(),
                    m,
                    required.get(i).cloned().unwrap_or_default(),
                ]);
            }
        };
        let title = wrap(&clean(&t.title), title_width, "");
        match t.requirements.as_slice() {
            [] => block(title, "—".into(), "—".into()),
            [only] => block(title, measured(only), required(only)),
            all => {
                block(title, String::new(), String::new());
                for r in all {
                    let label = wrap(&clean(&r.label), title_width - 2, "  ");
                    let label = label.into_iter().enumerate().map(|(i, l)| if i == 0 { format!("· {l}") } else { l });
                    block(label.collect(), measured(r), required(r));
                }
            }
        }
        let column = |i: usize| lines.iter().map(|l| l[i].as_str()).collect::<Vec<_>>().join("\n");
        table.add_row([t.id.clone(), column(0), t.status.label(), column(1), column(2)]);
    }
    table.to_string() + "\n"
}

fn wrap(text: &str, width: usize, indent: &str) -> Vec<String> {
    let options = textwrap::Options::new(width).subsequent_indent(indent);
    textwrap::wrap(text, options).into_iter().map(|l| l.into_owned()).collect()
}

pub fn measured(r: &Requirement) -> String {
    // A requirement that does not apply has measured nothing.
    if r.status == Status::NotApplicable {
        return "—".to_string();
    }
    let mark = if r.warning && !r.passed() { t(Msg::WarningMark) } else { String::new() };
    format!("{}{mark}{}", r.measured.display(), waived_mark(r))
}

/// " (1 waived)", " (waived)" or nothing: what waivers took out of a
/// requirement, beside its measure.
pub fn waived_mark(r: &Requirement) -> String {
    if r.waived_whole.is_some() {
        t(Msg::RequirementWaived)
    } else if r.waived.is_empty() {
        String::new()
    } else {
        t(Msg::WaivedCount { count: &int(r.waived.len() as i64) })
    }
}

/// Each record or requirement a waiver took out of a target, as a note at
/// the waiver: what, why, by whose decision.
pub fn waiver_notes(tg: &TargetOutcome) -> Vec<Diagnostic> {
    let note = |(message, w): (String, &crate::outcome::WaiverRef)| {
        let d = Diagnostic::error("target::waived", message).with_severity(Severity::Advice).help(clean(&w.cite()));
        match &w.source {
            Some(source) => d.in_file(source).label(w.span.clone(), t(Msg::LabelWaiver)),
            None => d,
        }
    };
    super::waiver_lines(tg).into_iter().map(note).collect()
}

pub fn required(r: &Requirement) -> String {
    if r.status == Status::NotApplicable {
        return "—".to_string();
    }
    let required = format!("{} {}", r.op.as_str(), threshold(r));
    match &r.threshold.source {
        // A threshold taken from the data says what it is: "> 12 (đối
        // tượng đưa vào diện sưu tra năm 2023)".
        crate::outcome::ThresholdSource::Measured { what } => {
            format!("{required} ({})", super::lower_first(super::without_program_names(what).trim()))
        }
        _ => required,
    }
}

pub fn threshold(r: &Requirement) -> String {
    match r.measured {
        crate::outcome::Measure::Ratio { .. } => crate::i18n::exact_percent(r.threshold.value),
        _ => crate::i18n::number(r.threshold.value),
    }
}

/// A failing (or pending) requirement as a diagnostic on its rule file.
pub fn requirement_diagnostic(tg: &TargetOutcome, r: &Requirement) -> Diagnostic {
    let source = &tg.rule_file;
    let (id, label) = (tg.id.as_str(), &clean(&r.label));
    let message = t(match r.status {
        Status::Pending => Msg::TargetPending { id, label },
        _ if r.warning => Msg::TargetWarning { id, label },
        _ => Msg::TargetFailed { id, label },
    });
    let mut d = Diagnostic::error("target::requirement", message).in_file(source);
    if r.warning || r.status == Status::Pending {
        d = d.with_severity(Severity::Warning);
    }
    if r.line > 0 {
        let start = source.offset(r.line, r.column.max(1));
        let line_end = source.line_range(r.line).end;
        let call_end = source.text[start..line_end].find('(').map_or(line_end, |i| start + i);
        d = d.label(
            start..call_end.max(start + 1).min(source.text.len()),
            t(Msg::MeasuredRequired { measured: &measured(r), required: &required(r) }),
        );
    }
    let mut help = t(Msg::ThresholdIs { source: &r.threshold.source.describe() });
    if let (Status::Pending, Some(deadline)) = (r.status, r.deadline) {
        let _ = write!(help, "; {}", t(Msg::NotYetDue { date: &crate::i18n::date(deadline) }));
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
            Diagnostic::error("target::offending", t(Msg::AndMore { count: more, list: &list }))
                .with_severity(Severity::Advice),
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
    // A workbook's place is its sheet and cell, which the source's name
    // carries; a line and column after it would count lines of no file.
    let for_cells = handler.clone().without_primary_span_start();
    let mut out = String::new();
    let render = |out: &mut String, d: &Diagnostic| {
        let handler = if d.in_workbook() { &for_cells } else { &handler };
        if handler.render_report(out, d).is_err() {
            let _ = writeln!(out, "{}", d.message);
        }
    };
    if !d.in_workbook() && d.related.iter().any(Diagnostic::in_workbook) {
        // A rule's failure (a line of its file) with a workbook's records:
        // each placed as its own source places it.
        let mut parent = d.clone();
        parent.related.clear();
        render(&mut out, &parent);
        for r in &d.related {
            out.push('\n');
            render(&mut out, r);
        }
    } else {
        render(&mut out, d);
    }
    out.push('\n');
    for_a_reader(&out, crate::i18n::lang() == crate::i18n::Lang::Vi)
}

/// What miette wrote, as a person reads it. A related diagnostic's
/// severity (`Advice: `) stands alone on its line, since diagnostics give
/// miette no code to follow it: it is left out. In Vietnamese, miette's
/// `help:` is `gợi ý:`, and the lines the help wraps onto move one column
/// right with it.
fn for_a_reader(rendered: &str, vietnamese: bool) -> String {
    let mut out = String::with_capacity(rendered.len() + 16);
    let mut in_help = None;
    for line in rendered.split_inclusive('\n') {
        if matches!(line.trim_end_matches(['\n', '\r']), "Advice: " | "Warning: " | "Error: ") {
            continue;
        }
        if !vietnamese {
            out.push_str(line);
            continue;
        }
        let indent = line.len() - line.trim_start_matches(' ').len();
        match in_help {
            Some(width) if indent >= width && !line.trim().is_empty() => out.push(' '),
            _ => in_help = None,
        }
        if line[indent..].starts_with("help: ") {
            in_help = Some(indent + "help: ".len());
            out.push_str(&line[..indent]);
            out.push_str("gợi ý: ");
            out.push_str(&line[indent + "help: ".len()..]);
        } else {
            out.push_str(line);
        }
    }
    out
}
