//! `chitieu test`: the rule pack's own cases.

use chitieu::rules::Evaluator;

use chitieu::i18n::{Msg, t};

use super::{error, show};
use crate::cli::RulesArgs;

pub fn run(args: RulesArgs) -> u8 {
    let pack = args.pack();
    show(&pack.problems);
    let evaluator = Evaluator::new(&pack, Default::default());
    let files = chitieu::ruletest::case_files(args.dir());
    if files.is_empty() {
        error(&t(Msg::NoCases { dir: &args.dir().display().to_string() }));
        return 2;
    }
    let report = chitieu::ruletest::run(&evaluator, &files);
    show(&report.problems);
    print!("{}", report.render());
    if pack.problems.is_empty() { report.exit_code() } else { 2 }
}
