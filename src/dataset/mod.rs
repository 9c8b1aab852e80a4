//! The dataset: a unit's records as the pack's model declares them, the
//! model-driven loader with source spans, the checks run before any rule,
//! and the plan's calendar.

pub mod cache;
pub mod calendar;
pub mod field;
pub mod load;
pub mod record;
pub mod seed;
pub mod validate;
pub mod workbook;

use crate::diagnostic::{Diagnostic, SourceFile};
use crate::i18n::{Msg, t};

pub use cache::Cache;
pub use load::{Limits, UnitFile, load, load_with, parse, personal_names, personal_names_in_file};
pub use record::Dataset;

/// The model of the rules folder `dir`, refused (with its problems) when
/// it does not check or when the loader cannot yet read its records: what
/// a command that makes files from a model (`template`, `schema`) uses.
pub fn readable_model(dir: &std::path::Path) -> Result<crate::model::Model, Vec<Diagnostic>> {
    let model = crate::model::load(dir)?;
    match not_yet_read(&model, dir) {
        Some(problem) => Err(vec![problem]),
        None => Ok(model),
    }
}

/// The loader, the checks and the workbook still read the records this
/// build was made with (the shipped model): a model that declares others is
/// refused, at the first line that differs, rather than read as if its
/// change applied.
pub fn not_yet_read(model: &crate::model::Model, dir: &std::path::Path) -> Option<Diagnostic> {
    // Words are the model's alone (the workbook, messages and reports read
    // them from it): a change of words applies.
    let changes: Vec<crate::model::Change> =
        model.changes_from(crate::model::Model::shipped_ref()).into_iter().filter(|c| !c.is_words()).collect();
    let first = changes.first()?;
    let listed: Vec<String> = changes.iter().take(5).map(crate::model::Change::describe).collect();
    let more = if changes.len() > 5 { format!(", … (+{})", changes.len() - 5) } else { String::new() };
    let message = t(Msg::ModelNotYetRead { changes: &format!("{}{more}", listed.join(", ")) });
    let mut d = Diagnostic::error("model::not-yet-read", message).help(t(Msg::ModelNotYetReadHelp));
    let path = dir.join(crate::model::FILE);
    if let Ok(text) = crate::input::read_text_file(&path, crate::model::MAX_BYTES, crate::model::CODES) {
        let source = SourceFile::new(crate::diagnostic::shown_path(&path), text);
        // The innermost key of the change that is there, each found in the
        // block of the one before it, as the file nests them.
        use crate::model::Change;
        let keys = first.keys();
        let mut path = vec![match first {
            Change::AddedList(_)
            | Change::RemovedList(_)
            | Change::AddedValue(..)
            | Change::RemovedValue(..)
            | Change::ValueWords(..) => "values",
            _ => "collections",
        }];
        path.push(keys[0]);
        if path[0] == "collections" && keys.len() > 1 {
            path.push("fields");
        }
        path.extend(&keys[1..]);
        let found = locate(&source.text, &path);
        d = d.in_file(&source);
        if let Some(span) = found {
            d = d.label(span, t(Msg::LabelHere));
        }
    }
    Some(d)
}

/// The span of the last key of `path` that a YAML text holds, each key
/// looked for at the start of a line, one level inside the key before it
/// (`collections`, `reports`: the collection, not a field of another).
fn locate(text: &str, path: &[&str]) -> Option<std::ops::Range<usize>> {
    let lines: Vec<(usize, &str)> = text
        .split_inclusive('\n')
        .scan(0, |at, line| {
            let start = *at;
            *at += line.len();
            Some((start, line.trim_end_matches(['\n', '\r'])))
        })
        .collect();
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let content = |l: &str| !l.trim().is_empty() && !l.trim_start().starts_with('#');
    let mut found = None;
    let (mut from, mut level) = (0, 0);
    for key in path {
        let pattern = format!("{key}:");
        let mut hit = None;
        for (n, (start, line)) in lines.iter().enumerate().skip(from) {
            if !content(line) {
                continue;
            }
            if indent(line) < level {
                break;
            }
            if indent(line) == level && line.trim_start().starts_with(&pattern) {
                hit = Some((n, start + indent(line)));
                break;
            }
        }
        let Some((n, at)) = hit else { break };
        found = Some(at..at + key.len());
        // The block below the key: its first line's indentation.
        let Some(next) = lines.iter().skip(n + 1).position(|(_, l)| content(l)).map(|i| n + 1 + i) else { break };
        if indent(lines[next].1) <= level {
            break;
        }
        (from, level) = (next, indent(lines[next].1));
    }
    found
}
