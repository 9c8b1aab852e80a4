//! One file per command, each a plain function from parsed arguments to an
//! exit code (0 on target, 1 a target failed, 2 could not evaluate); the
//! helpers they share sit here.

pub mod api;
pub mod cache;
pub mod catalogue;
pub mod check;
pub mod diff;
pub mod explain;
pub mod lint;
pub mod new;
pub mod progress;
pub mod report;
pub mod schema;
pub mod test;
pub mod verify;
pub mod watch;
pub mod workbook;

use std::io::IsTerminal;

use chitieu::diagnostic::Diagnostic;
use chitieu::i18n::{Msg, t};
use chitieu::report::Style;
use chitieu::rules::RulePack;

pub fn style_for(to_terminal: bool) -> Style {
    if to_terminal && std::env::var_os("NO_COLOR").is_none() && crate::console::colours() {
        let width = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).unwrap_or(120);
        Style { color: true, unicode: true, width }
    } else {
        Style::PLAIN
    }
}

pub fn show(problems: &[Diagnostic]) {
    let style = style_for(std::io::stderr().is_terminal());
    for d in problems {
        eprint!("{}", chitieu::report::human::diagnostic(d, style));
    }
}

/// The unit files a command reads (one unit of a folder with `unit`), once
/// every id in `only` is known to the pack; None after saying what is wrong.
pub fn selection(
    pack: &RulePack,
    data: &std::path::Path,
    unit: Option<&str>,
    only: Option<&[String]>,
) -> Option<Vec<std::path::PathBuf>> {
    let files = unit_files(data, unit, &pack.model)?;
    if let Some(message) = only.and_then(|only| unknown_ids(pack, only)) {
        error(&message);
        return None;
    }
    Some(files)
}

/// Ids in `only` that no rule has, as a usage error.
pub fn unknown_ids(pack: &RulePack, only: &[String]) -> Option<String> {
    let unknown: Vec<&str> = only.iter().filter(|id| pack.get(id).is_none()).map(String::as_str).collect();
    if unknown.is_empty() {
        return None;
    }
    let known: Vec<&str> = pack.rules.iter().map(|r| r.id.as_str()).collect();
    Some(t(Msg::UnknownIds { unknown: &unknown.join(", "), known: &known.join(", ") }))
}

/// Whether a command may write `target`: refused (said, for exit 2) when it
/// would replace one of the run's `inputs` or an existing records file
/// unforced, or its extension is not the format's. Nothing is written.
pub fn may_write<P: AsRef<std::path::Path>>(target: chitieu::write::Target, inputs: &[P]) -> bool {
    use chitieu::write::Refusal;
    let Err(refusal) = target.check(inputs) else { return true };
    let shown = chitieu::diagnostic::shown_path;
    error(&match refusal {
        Refusal::IsInput { output, input } => t(Msg::OutputIsInput { output: &shown(&output), input: &shown(&input) }),
        Refusal::Exists { output } => t(Msg::OutputExists { output: &shown(&output) }),
        Refusal::Extension { output, expected } => {
            let expected: Vec<String> = expected.iter().map(|e| format!(".{e}")).collect();
            t(Msg::OutputExtension { output: &shown(&output), expected: &expected.join(", ") })
        }
        Refusal::IsFolder { output } => t(Msg::OutputIsFolder { output: &shown(&output) }),
    });
    false
}

/// Every file a run of `pack` over `units` reads: its rules, libraries,
/// overlays, waivers and plan, the units, and the settings file.
pub fn run_inputs(
    pack: &RulePack,
    units: &[std::path::PathBuf],
    settings: Option<&std::path::Path>,
) -> Vec<std::path::PathBuf> {
    let pack = chitieu::audit::pack_inputs(pack).into_iter().map(|i| std::path::PathBuf::from(i.path));
    pack.chain(units.iter().cloned()).chain(settings.map(std::path::Path::to_path_buf)).collect()
}

/// `error: …` on stderr, in the run's language.
pub fn error(message: &str) {
    eprintln!("{}", t(Msg::Error { message }));
}

/// The unit file whose stem, or whose unit id, is `unit`.
pub fn find_unit(
    files: &[std::path::PathBuf],
    unit: &str,
    model: &chitieu::model::Model,
) -> Option<std::path::PathBuf> {
    let by_name = files.iter().find(|f| f.file_stem().is_some_and(|s| s.eq_ignore_ascii_case(unit)));
    by_name.cloned().or_else(|| {
        files
            .iter()
            .find(|f| chitieu::dataset::load(f, Default::default(), model).is_ok_and(|u| u.data.unit.value.id == unit))
            .cloned()
    })
}

/// Writes to standard output; false once the reader has gone away (a pipe
/// closed by `head`), which is not an error worth a word.
pub fn emit(text: &str) -> bool {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes()).and_then(|()| out.flush()).is_ok()
}

/// The unit files `--data` names, or only the one `--unit` picks; the
/// problem already reported when there is none.
pub fn unit_files(
    data: &std::path::Path,
    unit: Option<&str>,
    model: &chitieu::model::Model,
) -> Option<Vec<std::path::PathBuf>> {
    let files = match chitieu::data_files(data) {
        Ok(f) => f,
        Err(d) => {
            show(&[d]);
            return None;
        }
    };
    let Some(unit) = unit else { return Some(files) };
    match find_unit(&files, unit, model) {
        Some(file) => Some(vec![file]),
        None => {
            error(&t(Msg::NoSuchUnit { path: &chitieu::diagnostic::shown_path(data), unit }));
            None
        }
    }
}
