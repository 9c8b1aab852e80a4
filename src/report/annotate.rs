//! What `check --annotate` marks on a copy of a workbook unit: each data
//! problem at its cell, each record behind a failing requirement on its row
//! (plain data for `dataset::workbook::annotate`).

use super::human::{measured, required};
use crate::dataset::workbook::annotate::Mark;
use crate::diagnostic::Place;
use crate::i18n::{Msg, t};
use crate::outcome::{Status, UnitOutcome};

pub fn marks(unit: &UnitOutcome) -> Vec<Mark> {
    let mut marks = Vec::new();
    for d in &unit.data_errors {
        if let Some((_, Place::Cell { sheet, row, column })) = d.location() {
            let text = match &d.help {
                Some(help) => format!("{}\n{help}", d.message),
                None => d.message.to_string(),
            };
            marks.push(Mark { sheet: sheet.to_string(), row, column, text });
        }
    }
    // A hidden sheet, row or column: each place it points at.
    for d in &unit.data_warnings {
        let Some(crate::diagnostic::Source::File(file)) = &d.source else { continue };
        for label in &d.labels {
            if let Place::Cell { sheet, row, column } = file.place(label.span.start) {
                let text = format!("{}\n{}", d.message, d.help.as_deref().unwrap_or_default());
                marks.push(Mark { sheet: sheet.to_string(), row, column, text });
            }
        }
    }
    for target in &unit.targets {
        // A warning is not a failure; a waived shortfall is not one either.
        for r in target.requirements.iter().filter(|r| r.status == Status::Fail && !r.warning) {
            let what = t(Msg::LabelMeasured { label: &r.label, measured: &measured(r), required: &required(r) });
            let text = t(Msg::TargetFailed { id: &target.id, label: &what });
            for e in &r.offending {
                if let Some(Place::Cell { sheet, row, .. }) = e.place() {
                    marks.push(Mark { sheet: sheet.to_string(), row, column: None, text: text.clone() });
                }
            }
        }
    }
    marks
}
