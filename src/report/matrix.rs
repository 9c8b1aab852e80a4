//! A folder of units on a terminal: one line per unit, one symbol per target
//! (a status is never shown by colour alone), then each target's count of
//! failures across units and the totals — readable for 700 units through a
//! pager. The per-failure diagnostics come with `--details`, or for one unit
//! chosen with `--unit`.

use std::fmt::Write;

use super::{Renderer, Style, clean};
use crate::Totals;
use crate::diagnostic::Diagnostic;
use crate::i18n::{Msg, int, t};
use crate::outcome::{Status, Summary, UnitOutcome};

pub struct Matrix {
    pub style: Style,
    /// The targets, in the order of the columns.
    pub ids: Vec<String>,
    /// Per target: counts by status over the units seen.
    per_target: Vec<Summary>,
    invalid: Vec<String>,
}

impl Matrix {
    pub fn new(style: Style, ids: Vec<String>) -> Matrix {
        let per_target = vec![Summary::default(); ids.len()];
        Matrix { style, ids, per_target, invalid: Vec::new() }
    }

    fn symbol(&self, status: Status) -> &'static str {
        super::symbol(status, self.style)
    }
}

/// Width of the unit column: an id and a short name.
const UNIT_WIDTH: usize = 34;

fn fit(text: &str, width: usize) -> String {
    let count = text.chars().count();
    if count <= width {
        format!("{text}{}", " ".repeat(width - count))
    } else {
        let cut: String = text.chars().take(width.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

impl Renderer for Matrix {
    fn begin(&mut self, problems: &[Diagnostic]) -> String {
        let mut out: String = problems.iter().map(|d| super::human::diagnostic(d, self.style)).collect();
        let legend = [Status::Pass, Status::Fail, Status::Pending, Status::NotApplicable, Status::Error]
            .map(|s| format!("{} {}", self.symbol(s), s.label()))
            .join("  ");
        let _ = writeln!(out, "{}", t(Msg::MatrixLegend { legend: &legend }));
        // The target ids, written downwards over their columns.
        let rows = self.ids.iter().map(|id| id.chars().count()).max().unwrap_or(0);
        for row in 0..rows {
            let cells: String = self.ids.iter().map(|id| id.chars().nth(row).unwrap_or(' ')).collect();
            let _ = writeln!(out, "{} {}", " ".repeat(UNIT_WIDTH), cells.trim_end());
        }
        out
    }

    fn unit(&mut self, unit: &UnitOutcome) -> String {
        let name = clean(&format!("{} {}", unit.unit, unit.name));
        if !unit.data_errors.is_empty() {
            self.invalid.push(unit.file.clone());
            let problem = t(Msg::MatrixInvalid { file: &unit.file, count: unit.data_errors.len() });
            return format!("{} {problem}\n", fit(&name, UNIT_WIDTH));
        }
        let mut cells = String::new();
        let mut counts = Summary::default();
        for (i, id) in self.ids.iter().enumerate() {
            match unit.targets.iter().find(|tg| &tg.id == id) {
                Some(tg) => {
                    cells.push_str(self.symbol(tg.status));
                    self.per_target[i].add(tg.status);
                    counts.add(tg.status);
                }
                None => cells.push(' '),
            }
        }
        let shortfalls = counts.fail + counts.error;
        let tally = if shortfalls == 0 {
            String::new()
        } else {
            format!("  {}", t(Msg::MatrixShort { fail: counts.fail, error: counts.error }))
        };
        format!("{} {cells}{tally}\n", fit(&name, UNIT_WIDTH))
    }

    fn end(&mut self, totals: &Totals) -> String {
        let mut out = String::from("\n");
        let units = totals.units.max(1);
        let mut any = false;
        for (id, s) in self.ids.iter().zip(&self.per_target) {
            if s.fail + s.error == 0 {
                continue;
            }
            any = true;
            let share = crate::i18n::percent(s.fail as f64 / units as f64);
            let _ = writeln!(
                out,
                "{}",
                t(Msg::MatrixTarget { id, fail: &int(s.fail as i64), share: &share, error: &int(s.error as i64) })
            );
        }
        if !any {
            let _ = writeln!(out, "{}", t(Msg::MatrixNoFailure));
        }
        if !self.invalid.is_empty() {
            let _ = writeln!(out, "{}", t(Msg::MatrixInvalidFiles { count: self.invalid.len() }));
        }
        let _ = writeln!(out, "{}", t(Msg::MatrixDetails));
        out.push('\n');
        out.push_str(&super::human::Human { style: self.style }.end(totals));
        out
    }
}
