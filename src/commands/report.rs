//! `chitieu report --output FILE`: the commander's view as one
//! self-contained HTML file, or the report to PC04 as a Word document.
//! Either way the units' timelines (`progress::timelines`) stream into a
//! renderer that writes them as they arrive.

use chitieu::i18n::{Msg, t};
use chitieu::report::{docx, html};

use super::{error, selection, show};
use crate::cli::{ReportArgs, ReportFormat};

pub fn run(args: ReportArgs) -> u8 {
    let pack = args.data.rules.pack();
    show(&pack.problems);
    let Some(files) = selection(&pack, args.data.path(), args.unit.as_deref(), args.only.as_deref()) else {
        return 2;
    };
    let extensions: &[&str] = match args.format() {
        ReportFormat::Html => &["html", "htm"],
        ReportFormat::Docx => &["docx"],
    };
    let target = chitieu::write::Target { output: &args.output, extensions, records: false, force: false };
    if !super::may_write(target, &super::run_inputs(&pack, &files, args.settings_file.as_deref())) {
        return 2;
    }
    let options = args.data.options(args.as_of, args.only.clone());
    let mut inputs = chitieu::audit::pack_inputs(&pack);
    if let Some(file) = &args.settings_file
        && let Some(sha256) = chitieu::audit::file_digest(file)
    {
        let path = chitieu::diagnostic::shown_path(file);
        inputs.push(chitieu::audit::Input { path, role: chitieu::audit::Role::Settings, sha256 });
    }
    let written = match args.format() {
        ReportFormat::Html => html::Writer::begin(&pack, files.len(), args.show_names, &args.output)
            .and_then(|mut page| {
                chitieu::progress::timelines(&pack, &files, &options, |unit| page.unit(unit));
                page.finish(args.as_of, inputs).map(|w| (w.invalid, w.errors))
            })
            .map_err(|e| t(Msg::CannotWrite { error: &e })),
        ReportFormat::Docx => {
            let mut document = docx::Writer::begin(&pack, files.len(), args.show_names, &args.output);
            chitieu::progress::timelines(&pack, &files, &options, |unit| document.unit(unit));
            document.finish(inputs).map(|w| {
                let file = chitieu::diagnostic::shown_path(&args.output);
                eprintln!("{}", t(Msg::DocxWrote { file: &file, title: &w.title }));
                (w.invalid, w.errors)
            })
        }
    };
    match written {
        Ok((invalid, errors)) if !invalid && !errors && pack.problems.is_empty() => 0,
        Ok(_) => 2,
        Err(e) => {
            error(&e);
            2
        }
    }
}
