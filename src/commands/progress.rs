//! `chitieu progress`: every target of every unit as of the end of each
//! statistics month so far, with the plan's report cut-offs marked.

use std::io::IsTerminal;

use chitieu::Options;
use chitieu::i18n::{Msg, t};
use chitieu::report;

use super::{emit, error, find_unit, show, style_for, unknown_ids};
use crate::cli::{ProgressArgs, ProgressFormat};

pub fn run(args: ProgressArgs) -> u8 {
    let pack = args.data.rules.pack();
    show(&pack.problems);
    let mut files = match chitieu::data_files(args.data.path()) {
        Ok(f) => f,
        Err(d) => {
            show(&[d]);
            return 2;
        }
    };
    if let Some(message) = args.only.as_deref().and_then(|only| unknown_ids(&pack, only)) {
        error(&message);
        return 2;
    }
    if let Some(unit) = &args.unit {
        match find_unit(&files, unit) {
            Some(file) => files = vec![file],
            None => {
                error(&t(Msg::NoSuchUnit { path: &chitieu::diagnostic::shown_path(args.data.path()), unit }));
                return 2;
            }
        }
    }
    let options = Options { as_of: args.as_of, only: args.only.clone(), jobs: args.data.jobs, ..Options::default() };
    let style = style_for(std::io::stdout().is_terminal());
    let mut json = report::progress::Json::default();
    let mut open = args.format != ProgressFormat::Json || emit(&json.begin());
    let mut invalid = false;
    chitieu::progress::progress_each(&pack, &files, &options, |unit| {
        invalid |= !unit.data_errors.is_empty();
        let text = match args.format {
            ProgressFormat::Human => report::progress::human(&unit, style),
            ProgressFormat::Json => json.unit(&unit),
            ProgressFormat::Markdown => report::progress::markdown(&unit),
        };
        open = open && emit(&text);
    });
    if open && args.format == ProgressFormat::Json {
        emit(&json.end());
    }
    if invalid || !pack.problems.is_empty() { 2 } else { 0 }
}
