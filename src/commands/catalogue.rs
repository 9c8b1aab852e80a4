//! `chitieu list` and `chitieu doc`: the targets from rule headers alone.

use std::io::IsTerminal;

use chrono::NaiveDate;

use chitieu::diagnostic::Diagnostic;
use chitieu::report;

use super::{show, style_for};
use crate::cli::CatalogueArgs;

pub fn run(args: CatalogueArgs, markdown: bool) -> u8 {
    let pack = args.rules.pack();
    let as_of = args.as_of.unwrap_or_else(today);
    let text = if markdown {
        report::catalogue::markdown(&pack, as_of)
    } else {
        report::catalogue::table(&pack, as_of, style_for(std::io::stdout().is_terminal()))
    };
    print!("{text}");
    let broken: Vec<Diagnostic> =
        pack.problems.iter().cloned().chain(pack.rules.iter().filter_map(|r| r.meta.as_ref().err().cloned())).collect();
    show(&broken);
    if broken.is_empty() { 0 } else { 2 }
}

fn today() -> NaiveDate {
    let days = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() / 86_400);
    NaiveDate::default() + chrono::Duration::days(i64::try_from(days).unwrap_or(0))
}
