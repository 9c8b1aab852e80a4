//! The `chitieu` command: parses arguments and hands them to the command's
//! function in `commands/`, which returns the exit code (0 on target, 1 a
//! target failed, 2 rules or data could not be evaluated).

mod cli;
mod commands;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check(args) => commands::check::run(args),
        Command::Explain(args) => commands::explain::run(args),
        Command::Test(args) => commands::test::run(args),
        Command::Lint(args) => commands::lint::run(args),
        Command::List(args) => commands::catalogue::run(args, false),
        Command::Doc(args) => commands::catalogue::run(args, true),
        Command::Diff(args) => commands::diff::run(args),
        Command::Schema => {
            print!("{}", chitieu::dataset::SCHEMA);
            0
        }
    };
    ExitCode::from(code)
}
