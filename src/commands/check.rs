//! `chitieu check`: every rule over every unit, streamed to the chosen format.

use std::io::{IsTerminal, Write};
use std::path::Path;

use chitieu::report::{self, Renderer};
use indicatif::{ProgressBar, ProgressStyle};

use chitieu::i18n::{Msg, t};

use super::{error, selection, style_for};
use crate::cli::{CheckArgs, Format};

pub fn run(args: CheckArgs) -> u8 {
    run_seeing(args, &mut |_| {})
}

/// `check`, handing each unit's outcome to `seen` as it is written (for
/// `--watch`, which reads the statuses off the same evaluation).
pub fn run_seeing(args: CheckArgs, seen: &mut dyn FnMut(&chitieu::outcome::UnitOutcome)) -> u8 {
    let pack = args.data.rules.pack();
    let Some(files) = selection(&pack, args.data.path(), args.unit.as_deref(), args.only.as_deref()) else {
        return 2;
    };
    let mut options = args.data.options(args.as_of, args.only.clone());
    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let format = args.format.unwrap_or(Format::Human);
    // Only the human output of a unit shows the YAML of offending records.
    let shows_excerpts = matches!(format, Format::Human) && (files.len() == 1 || args.details);
    options.no_excerpts = !shows_excerpts;
    // What shaped the result, for audits: the pack's files and the settings.
    let mut inputs = chitieu::audit::pack_inputs(&pack);
    if let Some(file) = &args.settings_file
        && let Some(sha256) = chitieu::audit::file_digest(file)
    {
        let path = chitieu::diagnostic::shown_path(file);
        inputs.push(chitieu::audit::Input { path, role: chitieu::audit::Role::Settings, sha256 });
    }
    let invocation = chitieu::audit::Invocation {
        rules: chitieu::diagnostic::shown_path(args.data.rules.dir()),
        directives: args.data.rules.directives.iter().map(|d| chitieu::diagnostic::shown_path(d)).collect(),
        waivers: args.data.rules.waivers.iter().map(|w| chitieu::diagnostic::shown_path(w)).collect(),
        data: chitieu::diagnostic::shown_path(args.data.path()),
        as_of: args.as_of,
        only: args.only.clone(),
        settings: args.settings_file.as_deref().map(chitieu::diagnostic::shown_path),
        plan: pack.plan.clone(),
    };
    let mut renderer: Box<dyn Renderer> = match format {
        // A folder on a terminal is a summary: a line per unit.
        Format::Human if !shows_excerpts => {
            let ids = pack.rules.iter().map(|r| r.id.clone());
            let ids =
                ids.filter(|id| args.only.as_deref().is_none_or(|o| o.iter().any(|x| x.eq_ignore_ascii_case(id))));
            Box::new(report::matrix::Matrix::new(style_for(to_terminal), ids.collect()))
        }
        Format::Human => Box::new(report::human::Human { style: style_for(to_terminal) }),
        Format::Json => {
            let mut json = report::json::Json::audited(invocation, inputs);
            json.rollup = args.rollup.then(|| chitieu::rollup::Pool::new(&pack));
            Box::new(json)
        }
        Format::Junit => Box::new(report::junit::Junit::new()),
        Format::Sarif => {
            let mut sarif = report::sarif::SarifLog::new(&pack, args.information_uri.as_deref());
            sarif.inputs = inputs;
            Box::new(sarif)
        }
        Format::Github => Box::new(report::github::Github),
        Format::Markdown => Box::new(report::markdown::Markdown { inputs, as_of: args.as_of }),
    };
    if args.rollup {
        match format {
            Format::Json => {}
            Format::Human | Format::Markdown => {
                renderer = Box::new(report::rollup::WithRollup {
                    inner: renderer,
                    pool: Some(chitieu::rollup::Pool::new(&pack)),
                    markdown: matches!(format, Format::Markdown),
                    style: style_for(to_terminal),
                });
            }
            Format::Junit | Format::Sarif | Format::Github => {
                error(&t(Msg::RollupFormats));
                return 2;
            }
        }
    }
    // Formats meant to leave the machine name people by their record's id.
    let leaves_the_machine = matches!(format, Format::Junit | Format::Sarif | Format::Github | Format::Markdown);
    if leaves_the_machine && !args.show_names {
        renderer = Box::new(report::redact::Redacting(renderer));
    }
    let annotate = match &args.annotate {
        Some(out) if files.len() == 1 && chitieu::dataset::workbook::is_workbook(&files[0]) => {
            Some((out.clone(), files[0].clone()))
        }
        Some(_) => {
            error(&t(Msg::AnnotateNeedsWorkbook));
            return 2;
        }
        None => None,
    };
    let inputs = super::run_inputs(&pack, &files, args.settings_file.as_deref());
    if let Some(output) = &args.output {
        let target = chitieu::write::Target { output, extensions: extensions(format), records: false, force: false };
        if !super::may_write(target, &inputs) {
            return 2;
        }
    }
    if let Some(output) = &args.annotate {
        // The marked copy is the same package: a workbook with macros stays
        // one (.xlsm), which Excel would refuse under .xlsx.
        let macros = files[0].extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsm"));
        let extensions: &[&str] = if macros { &["xlsm"] } else { &["xlsx"] };
        let target = chitieu::write::Target { output, extensions, records: true, force: args.force };
        if !super::may_write(target, &inputs) {
            return 2;
        }
    }
    let mut sink = match Sink::open(args.output.as_deref()) {
        Ok(sink) => sink,
        Err(e) => {
            error(&t(Msg::CannotWrite { error: &e.to_string() }));
            return 2;
        }
    };
    let mut marks = Vec::new();
    let mut ids = std::collections::HashSet::new();
    let mut unreadable = false;
    let progress = progress_bar(files.len());
    // A settings file found above the working folder shaped this run: say
    // which (JSON's invocation always names it).
    let mut written = match (&args.settings_file, format) {
        (Some(file), Format::Human) if file.parent().is_some_and(|p| !p.as_os_str().is_empty()) => {
            let file = chitieu::diagnostic::shown_path(file);
            sink.write(format!("{}\n\n", t(Msg::SettingsUsed { file: &file })))
        }
        _ => Ok(()),
    };
    written = written.and_then(|()| sink.write(renderer.begin(&pack.problems)));
    let totals = chitieu::check_each(&pack, &files, &options, |unit| {
        progress.inc(1);
        seen(&unit);
        // An invalid unit's id is not known (its file's name stands in).
        if unit.data_errors.is_empty() {
            ids.insert(unit.unit.clone());
        } else {
            unreadable = true;
        }
        if annotate.is_some() {
            marks = report::annotate::marks(&unit);
        }
        if written.is_ok() {
            written = sink.write(renderer.unit_bytes(&unit));
        }
    });
    progress.finish_and_clear();
    // An overlay for units none of which this run has: said, not fatal (a
    // run over one unit of a province need not hold the others).
    for (file, units) in pack.unmatched_units(&ids).into_iter().filter(|_| !unreadable) {
        let message = t(Msg::DirectiveUnknownUnits { file: &file, units: &units.join(", ") });
        eprintln!("{}", t(Msg::WarningLine { message: &message }));
    }
    let result = written.and_then(|()| sink.write(renderer.end(&totals))).and_then(|()| sink.finish());
    if let Some((out, unit)) = annotate
        && !write_annotated(&unit, &out, &marks, &pack.model)
    {
        return 2;
    }
    match result {
        Ok(()) => totals.exit_code(),
        // The reader went away (`chitieu check | head`): nothing to report.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => totals.exit_code(),
        Err(e) => {
            error(&t(Msg::CannotWrite { error: &e.to_string() }));
            2
        }
    }
}

/// The extensions a format's output file may have.
fn extensions(format: Format) -> &'static [&'static str] {
    match format {
        Format::Human | Format::Github => &["txt", "log"],
        Format::Json => &["json"],
        Format::Junit => &["xml"],
        Format::Sarif => &["sarif", "json"],
        Format::Markdown => &["md", "markdown"],
    }
}

/// The copy of a workbook unit with its marks, written whole or not at
/// all; said on stderr, since stdout may be a machine format.
fn write_annotated(
    unit: &Path,
    out: &Path,
    marks: &[chitieu::dataset::workbook::annotate::Mark],
    model: &chitieu::model::Model,
) -> bool {
    let name = chitieu::diagnostic::shown_path(unit);
    let max = chitieu::dataset::Limits::default().max_file_bytes;
    let bytes = match chitieu::input::read_limited(unit, max) {
        Ok(b) => b,
        Err(chitieu::input::ReadError::Io(e)) => {
            error(&t(Msg::CannotRead { name: &name, error: &e.to_string() }));
            return false;
        }
        Err(chitieu::input::ReadError::TooLarge { size }) => {
            error(&t(Msg::FileTooLarge { name: &name, size, max }));
            return false;
        }
    };
    let labels = chitieu::dataset::workbook::labels::of(model);
    let annotated = match chitieu::dataset::workbook::annotate::annotate(&name, bytes, marks, labels) {
        Ok(a) => {
            // An .ods is rebuilt by design; an .xlsx only when its package
            // is not one the marks can be spliced into: said.
            let xlsx = unit.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
            if !a.in_place && xlsx {
                let file = chitieu::diagnostic::shown_path(out);
                eprintln!("{}", t(Msg::WarningLine { message: &t(Msg::AnnotateRebuilt { file: &file }) }));
            }
            a.bytes
        }
        Err(problems) => {
            super::show(&problems);
            return false;
        }
    };
    match chitieu::write_whole(out, &annotated) {
        Ok(()) => {
            let file = chitieu::diagnostic::shown_path(out);
            eprintln!("{}", t(Msg::AnnotateWrote { file: &file, count: marks.len() }));
            true
        }
        Err(e) => {
            error(&t(Msg::CannotWrite { error: &format!("{}: {e}", chitieu::diagnostic::shown_path(out)) }));
            false
        }
    }
}

/// A bar on stderr for runs over several units, only when stderr is a terminal.
fn progress_bar(units: usize) -> ProgressBar {
    if units < 2 || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(units as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} units  {elapsed} (eta {eta})") {
        bar.set_style(style);
    }
    bar
}

/// Where output goes: standard output, or a file that replaces the target
/// only once complete (`chitieu::write::Output`), so a crash never leaves
/// half a file.
enum Sink {
    Stdout(std::io::Stdout),
    File(chitieu::write::Output),
}

impl Sink {
    fn open(output: Option<&Path>) -> std::io::Result<Sink> {
        Ok(match output {
            None => Sink::Stdout(std::io::stdout()),
            Some(path) => Sink::File(chitieu::write::Output::create(path)?),
        })
    }

    fn write(&mut self, text: impl AsRef<[u8]>) -> std::io::Result<()> {
        match self {
            Sink::Stdout(out) => {
                let mut out = out.lock();
                out.write_all(text.as_ref())?;
                out.flush()
            }
            Sink::File(file) => file.write_all(text.as_ref()),
        }
    }

    fn finish(self) -> std::io::Result<()> {
        match self {
            Sink::Stdout(_) => Ok(()),
            Sink::File(file) => file.commit(),
        }
    }
}
