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
    let mut inputs = chitieu::audit::pack_inputs(&pack);
    if let Some(file) = &args.settings_file
        && let Some(sha256) = chitieu::audit::file_digest(file)
    {
        let path = chitieu::diagnostic::shown_path(file);
        inputs.push(chitieu::audit::Input { path, role: chitieu::audit::Role::Settings, sha256 });
    }
    match html::write(&pack, &files, &options, args.show_names, args.as_of, inputs, &args.output) {
        Ok(written) if !written.invalid && !written.errors && pack.problems.is_empty() => 0,
        Ok(_) => 2,
        Err(e) => {
            error(&t(Msg::CannotWrite { error: &e }));
            2
        }
    }
}
