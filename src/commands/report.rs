//! `chitieu report --output FILE.html`: the commander's view as one
//! self-contained HTML file.

use chitieu::i18n::{Msg, t};
use chitieu::report::html;

use super::{error, selection, show};
use crate::cli::ReportArgs;

pub fn run(args: ReportArgs) -> u8 {
    let pack = args.data.rules.pack();
    show(&pack.problems);
    let Some(files) = selection(&pack, args.data.path(), args.unit.as_deref(), args.only.as_deref()) else {
        return 2;
    };
    let options = args.data.options(args.as_of, args.only.clone());
    let units = html::units(&pack, &files, &options, args.show_names);
    let mut inputs = chitieu::audit::pack_inputs(&pack);
    if let Some(file) = &args.settings_file
        && let Some(sha256) = chitieu::audit::file_digest(file)
    {
        let path = chitieu::diagnostic::shown_path(file);
        inputs.push(chitieu::audit::Input { path, role: chitieu::audit::Role::Settings, sha256 });
    }
    let page = match html::render(&pack, &units, args.as_of, inputs) {
        Ok(page) => page,
        Err(e) => {
            error(&t(Msg::CannotWrite { error: &e }));
            return 2;
        }
    };
    if let Err(e) = super::write_atomically(&args.output, page.as_bytes()) {
        error(&t(Msg::CannotWrite { error: &e.to_string() }));
        return 2;
    }
    let invalid = units.list.iter().any(|u| u.invalid.is_some());
    let errors = units.list.iter().flat_map(|u| &u.cells).any(|c| c.status == chitieu::outcome::Status::Error);
    if invalid || errors || !pack.problems.is_empty() { 2 } else { 0 }
}
