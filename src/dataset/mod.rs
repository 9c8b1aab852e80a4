//! The dataset: the YAML contract as types, its loader with source spans, the
//! checks run before any rule, and the plan's calendar.

pub mod cache;
pub mod calendar;
pub mod field;
pub mod load;
pub mod model;
pub mod validate;
pub mod workbook;

use crate::diagnostic::{Diagnostic, SourceFile};
use crate::i18n::{Msg, t};

pub use cache::Cache;
pub use load::{Limits, UnitFile, load, load_with, parse, personal_names, personal_names_in_file};
pub use model::Dataset;

/// The loader, the checks and the workbook still read the records this
/// build was made with (the shipped model): a model that declares others is
/// refused, at the first line that differs, rather than read as if its
/// change applied.
pub fn not_yet_read(model: &crate::model::Model, dir: &std::path::Path) -> Option<Diagnostic> {
    // Words are the model's alone (the workbook, messages and reports read
    // them from it): a change of words applies.
    let changes: Vec<crate::model::Change> =
        model.changes_from(&crate::model::Model::shipped()).into_iter().filter(|c| !c.is_words()).collect();
    let first = changes.first()?;
    let listed: Vec<String> = changes.iter().take(5).map(crate::model::Change::describe).collect();
    let more = if changes.len() > 5 { format!(", … (+{})", changes.len() - 5) } else { String::new() };
    let message = t(Msg::ModelNotYetRead { changes: &format!("{}{more}", listed.join(", ")) });
    let mut d = Diagnostic::error("model::not-yet-read", message).help(t(Msg::ModelNotYetReadHelp));
    let path = dir.join(crate::model::FILE);
    if let Ok(text) = std::fs::read_to_string(&path) {
        let source = SourceFile::new(crate::diagnostic::shown_path(&path), text);
        // The innermost key that is there, found after those around it.
        let mut found = None;
        let mut from = 0;
        for key in first.keys() {
            match crate::diagnostic::find_key(&source.text[from..], key) {
                Some(i) => {
                    found = Some(from + i..from + i + key.len());
                    from += i + key.len();
                }
                None => break,
            }
        }
        d = d.in_file(&source);
        if let Some(span) = found {
            d = d.label(span, t(Msg::LabelHere));
        }
    }
    Some(d)
}
