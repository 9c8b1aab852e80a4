//! `chitieu api --definitions DIR`: Rhai definition files for the rule API,
//! for editor completion (`rules::api::definitions`).

use chitieu::i18n::{Msg, t};

use super::error;
use crate::cli::ApiArgs;

pub fn run(args: ApiArgs) -> u8 {
    let pack = args.rules.pack();
    match chitieu::rules::api::definitions::write(&pack, &args.definitions) {
        Ok(files) => {
            for file in files {
                println!("{}", t(Msg::NewWrote { file: &chitieu::diagnostic::shown_path(&file) }));
            }
            0
        }
        Err(e) => {
            let dir = chitieu::diagnostic::shown_path(&args.definitions);
            error(&t(Msg::CannotWrite { error: &format!("{dir}: {e}") }));
            2
        }
    }
}
