//! The `chitieu` command: chooses the language (before parsing, so `--help`
//! and argument errors are translated too), parses arguments, applies the
//! project settings, and hands them to the command's function in
//! `commands/`, which returns the exit code (0 on target, 1 a target failed,
//! 2 rules or data could not be evaluated).

mod cli;
mod commands;
mod console;

use std::ffi::OsString;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use chitieu::i18n::{self, Lang};
use cli::{Cli, Command};

fn main() -> ExitCode {
    console::init();
    // Ctrl-C or SIGTERM: no temporary file is left beside an output, then
    // the process ends with exit 130 (`--watch` instead stops its loop).
    let _ = ctrlc::set_handler(|| {
        chitieu::write::interrupted();
    });
    let args: Vec<OsString> = std::env::args_os().collect();
    let cwd = std::env::current_dir().unwrap_or_default();
    let settings = chitieu::settings::discover(&cwd);
    let from_env = std::env::var("CHITIEU_LANG").ok().filter(|v| !v.trim().is_empty());
    let env_lang = from_env.as_deref().and_then(Lang::parse);
    let lang = flag_lang(&args).or(env_lang).or(settings.as_ref().ok().and_then(|s| s.language)).unwrap_or_default();
    i18n::set(lang);
    if let (Some(value), None) = (&from_env, env_lang) {
        eprintln!("{}", i18n::t(i18n::Msg::BadLangVariable { value }));
    }
    let matches = match cli::localized(Cli::command(), lang).try_get_matches_from(args) {
        Ok(m) => m,
        Err(e) => return ExitCode::from(cli::report_error(e, lang)),
    };
    let mut cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => return ExitCode::from(cli::report_error(e, lang)),
    };
    let settings = match settings {
        Ok(s) => s,
        Err(problems) => {
            commands::show(&problems);
            return ExitCode::from(2);
        }
    };
    cli.command.fill(&settings);
    let code = match cli.command {
        Command::Check(args) if args.watch.watch => commands::watch::check(args),
        Command::Check(args) => commands::check::run(args),
        Command::Explain(args) if args.watch.watch => commands::watch::explain(args),
        Command::Explain(args) => commands::explain::run(args),
        Command::Test(args) if args.watch.watch => commands::watch::test(args),
        Command::Lint(args) if args.watch.watch => commands::watch::lint(args),
        Command::Lint(args) => commands::lint::run(args.data),
        Command::Test(args) => commands::test::run(args),
        Command::List(args) => commands::catalogue::run(args, false),
        Command::Doc(args) => commands::catalogue::run(args, true),
        Command::Diff(args) => commands::diff::run(args),
        Command::Verify(args) => commands::verify::run(args),
        Command::Progress(args) => commands::progress::run(args),
        Command::Report(args) => commands::report::run(args),
        Command::Cache(args) => commands::cache::run(args),
        Command::New(args) => commands::new::run(args),
        Command::Api(args) => commands::api::run(args),
        Command::Template(args) => commands::workbook::template(args),
        Command::Export(args) => commands::workbook::export(args),
        Command::Import(args) => commands::workbook::import(args),
        Command::Schema(args) => commands::schema::run(args),
    };
    ExitCode::from(code)
}

/// `--lang X` or `--lang=X` among the arguments (before a lone `--`), read
/// before clap so that its help and errors come in that language.
fn flag_lang(args: &[OsString]) -> Option<Lang> {
    let mut words = args.iter().skip(1).map(|a| a.to_string_lossy()).take_while(|a| a != "--");
    while let Some(word) = words.next() {
        if word == "--lang" {
            return words.next().and_then(|v| Lang::parse(&v));
        }
        if let Some(v) = word.strip_prefix("--lang=") {
            return Lang::parse(v);
        }
    }
    None
}
