//! `chitieu template`, `export` and `import`: a unit's records between YAML
//! and a workbook in the template's layout (`dataset::workbook`). Each file
//! is written whole or not at all.

use std::path::Path;

use chitieu::dataset::{self, Limits, workbook};
use chitieu::diagnostic::shown_path;
use chitieu::i18n::{Msg, t};

use super::{error, show};
use crate::cli::{ExportArgs, ImportArgs, TemplateArgs};

/// Writes beside the target and renames over it: never half a file.
fn write(path: &Path, bytes: &[u8]) -> u8 {
    match chitieu::write_whole(path, bytes) {
        Ok(()) => {
            println!("{}", t(Msg::NewWrote { file: &shown_path(path) }));
            0
        }
        Err(e) => {
            error(&t(Msg::CannotWrite { error: &format!("{}: {e}", shown_path(path)) }));
            2
        }
    }
}

fn workbook_bytes(data: Option<&dataset::Dataset>, model: &chitieu::model::Model) -> Result<Vec<u8>, u8> {
    workbook::write::workbook(data, workbook::labels::of(model)).map_err(|e| {
        error(&t(Msg::CannotWrite { error: &e }));
        2
    })
}

/// Where the command may write: never over its input, and over an existing
/// file (a workbook or unit file someone filled in) only with `--force`.
fn may_write_records(output: &Path, extensions: &'static [&'static str], force: bool, input: Option<&Path>) -> bool {
    let target = chitieu::write::Target { output, extensions, records: true, force };
    super::may_write(target, &input.into_iter().collect::<Vec<_>>())
}

pub fn template(args: TemplateArgs) -> u8 {
    if !may_write_records(&args.output, &["xlsx"], args.force, None) {
        return 2;
    }
    let Ok(model) = model(args.rules.as_deref()) else { return 2 };
    match workbook_bytes(None, &model) {
        Ok(bytes) => write(&args.output, &bytes),
        Err(code) => code,
    }
}

/// The data model of the rule pack `rules` (its `model.yaml`), or its
/// problems shown.
fn model(rules: Option<&Path>) -> Result<chitieu::model::Model, ()> {
    chitieu::model::of_pack(rules).map_err(|problems| show(&problems))
}

/// A unit's file, valid, or its problems shown.
fn unit(path: &Path, model: &chitieu::model::Model) -> Result<dataset::UnitFile, u8> {
    dataset::load(path, Limits::default(), model).map_err(|problems| {
        show(&problems);
        2
    })
}

pub fn export(args: ExportArgs) -> u8 {
    if !may_write_records(&args.output, &["xlsx"], args.force, Some(&args.unit)) {
        return 2;
    }
    let Ok(model) = model(args.rules.as_deref()) else { return 2 };
    let unit = match unit(&args.unit, &model) {
        Ok(u) => u,
        Err(code) => return code,
    };
    match workbook_bytes(Some(&unit.data), &model) {
        Ok(bytes) => write(&args.output, &bytes),
        Err(code) => code,
    }
}

pub fn import(args: ImportArgs) -> u8 {
    if !may_write_records(&args.output, &["yaml", "yml"], args.force, Some(&args.unit)) {
        return 2;
    }
    let Ok(model) = model(args.rules.as_deref()) else { return 2 };
    let unit = match unit(&args.unit, &model) {
        Ok(u) => u,
        Err(code) => return code,
    };
    match workbook::yaml::to_yaml(&unit.data) {
        Ok(text) => write(&args.output, text.as_bytes()),
        Err(e) => {
            error(&t(Msg::CannotWrite { error: &e }));
            2
        }
    }
}
