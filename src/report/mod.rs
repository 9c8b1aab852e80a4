//! Renderers: one module per output format. They read outcomes only; none
//! evaluates anything.

pub mod annotate;
pub mod catalogue;
pub mod diff;
pub mod docx;
pub mod explain;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod matrix;
pub mod progress;
pub mod redact;
pub mod rollup;
pub mod sarif;
pub mod svg;

use crate::diagnostic::Diagnostic;
use crate::outcome::UnitOutcome;
use crate::{Run, Totals};

/// An output format, written in pieces so that a national run need not keep
/// every unit's outcome: the head, each unit as it is evaluated, the tail.
pub trait Renderer {
    fn begin(&mut self, problems: &[Diagnostic]) -> String;
    fn unit(&mut self, unit: &UnitOutcome) -> String;
    /// `unit` as UTF-8 bytes, for writing out.
    fn unit_bytes(&mut self, unit: &UnitOutcome) -> Vec<u8> {
        self.unit(unit).into_bytes()
    }
    fn end(&mut self, totals: &Totals) -> String;
}

/// A whole run rendered at once.
pub fn render(renderer: &mut dyn Renderer, run: &Run) -> String {
    let mut out = renderer.begin(&run.problems);
    for unit in &run.units {
        out.push_str(&renderer.unit(unit));
    }
    out.push_str(&renderer.end(&run.totals()));
    out
}

/// How text output may look: colours and Unicode only on a terminal.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub unicode: bool,
    pub width: u16,
}

impl Style {
    /// Plain ASCII at a fixed width: CI logs, files and tests.
    pub const PLAIN: Style = Style { color: false, unicode: false, width: 100 };
}

/// One status as one character, never by colour alone: `✓ ✗ … – !` on a
/// terminal, `. X ~ - !` elsewhere.
pub fn symbol(status: crate::outcome::Status, style: Style) -> &'static str {
    use crate::outcome::Status;
    match (status, style.unicode) {
        (Status::Pass, true) => "✓",
        (Status::Fail, true) => "✗",
        (Status::Pending, true) => "…",
        (Status::NotApplicable, true) => "–",
        (Status::Pass, false) => ".",
        (Status::Fail, false) => "X",
        (Status::Pending, false) => "~",
        (Status::NotApplicable, false) => "-",
        (Status::Error, _) => "!",
    }
}

/// A table for people: Unicode on a terminal, ASCII elsewhere, as wide as the
/// output, with these column headings.
pub fn table<const N: usize>(style: Style, headings: [String; N]) -> comfy_table::Table {
    use comfy_table::{ContentArrangement, presets};
    let mut table = comfy_table::Table::new();
    table
        .load_preset(if style.unicode { presets::UTF8_FULL_CONDENSED } else { presets::ASCII_FULL_CONDENSED })
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(style.width)
        .set_header(headings);
    table
}

/// Text from data and rules with terminal control and bidi characters
/// replaced, so a name in the YAML cannot drive the terminal or reorder
/// what it shows.
pub fn clean(text: &str) -> String {
    let steering = |c: char| c == '\r' || crate::diagnostic::is_steering(c);
    if !text.chars().any(steering) {
        return text.to_string();
    }
    text.chars().map(|c| if steering(c) { char::REPLACEMENT_CHARACTER } else { c }).collect()
}

/// What waivers took out of a target, a line each, with the waiver: "target
/// 07: subjects ST047 waived — reason".
pub fn waiver_lines(tg: &crate::outcome::TargetOutcome) -> Vec<(String, &crate::outcome::WaiverRef)> {
    use crate::i18n::{Msg, t};
    let mut lines = Vec::new();
    for r in &tg.requirements {
        if let Some(w) = &r.waived_whole {
            let (label, reason) = (clean(&r.label), clean(&w.reason));
            lines.push((t(Msg::WaivedRequirement { id: &tg.id, label: &label, reason: &reason }), &**w));
        }
        for w in &r.waived {
            let (record, reason) = (clean(&w.record.name()), clean(&w.waiver.reason));
            lines.push((t(Msg::WaivedRecord { id: &tg.id, record: &record, reason: &reason }), &*w.waiver));
        }
    }
    lines
}

/// The totals of a run as one line, with the targets that pass only thanks
/// to a waiver when there are any.
pub fn totals_line(s: &crate::outcome::Summary) -> String {
    use crate::i18n::{Msg, t};
    let n = |x: usize| crate::i18n::int(x as i64);
    let (pass, fail, pending, na, error) = (n(s.pass), n(s.fail), n(s.pending), n(s.not_applicable), n(s.error));
    let mut line = t(Msg::Totals { pass: &pass, fail: &fail, pending: &pending, na: &na, error: &error });
    if s.passed_by_waiver > 0 {
        line.push_str(&format!("; {}", t(Msg::PassedByWaiver { count: &n(s.passed_by_waiver) })));
    }
    line
}

/// `text` without the program names it brackets (`(baseline.subjects_opened)`):
/// a name with a dot or an underscore and nothing but letters, digits, dots
/// and underscores; "(CTVBM)" or "(2023)" are words and stay.
pub fn without_program_names(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find(" (") {
        let Some(close) = rest[open..].find(')') else { break };
        let inner = &rest[open + 2..open + close];
        let code =
            inner.contains(['.', '_']) && inner.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_'));
        out.push_str(&rest[..open]);
        if !code {
            out.push_str(&rest[open..open + close + 1]);
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// `text` with its first letter small, unless it starts an acronym (ĐTCB).
pub fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    let acronym = text.chars().nth(1).is_some_and(char::is_uppercase);
    match chars.next() {
        Some(c) if !acronym => c.to_lowercase().chain(chars).collect(),
        _ => text.to_string(),
    }
}
