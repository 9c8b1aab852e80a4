//! `chitieu test`: the rule pack's own cases.

use chitieu::rules::Evaluator;

use super::show;
use crate::cli::RulesArgs;

pub fn run(args: RulesArgs) -> u8 {
    let pack = args.pack();
    show(&pack.problems);
    let evaluator = Evaluator::new(&pack, Default::default());
    let files = chitieu::ruletest::case_files(&args.rules);
    if files.is_empty() {
        eprintln!("error: no test cases in {}/tests (*.yaml)", args.rules.display());
        return 2;
    }
    let report = chitieu::ruletest::run(&evaluator, &files);
    show(&report.problems);
    print!("{}", report.render());
    if pack.problems.is_empty() { report.exit_code() } else { 2 }
}
