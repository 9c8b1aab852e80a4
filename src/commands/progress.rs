//! `chitieu progress`: every target of every unit as of the end of each
//! statistics month so far, with the plan's report cut-offs marked.

use std::io::IsTerminal;

use chitieu::report;

use super::{emit, selection, show, style_for};
use crate::cli::{ProgressArgs, ProgressFormat};

pub fn run(args: ProgressArgs) -> u8 {
    let pack = args.data.rules.pack();
    show(&pack.problems);
    let Some(files) = selection(&pack, args.data.path(), args.unit.as_deref(), args.only.as_deref()) else {
        return 2;
    };
    let options = args.data.options(args.as_of, args.only.clone());
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
