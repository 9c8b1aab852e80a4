//! `chitieu lint`: every problem `check` would meet, without verdicts: the
//! pack's headers, overlays and code, the data, and the errors the rules
//! raise when they run over the pack's own test datasets (and over the unit,
//! when `--data` names one).

use std::sync::Arc;

use chitieu::Options;
use chitieu::diagnostic::Diagnostic;
use chitieu::i18n::{Msg, t};
use chitieu::rules::Evaluator;

use super::show;
use crate::cli::DataArgs;

pub fn run(args: DataArgs) -> u8 {
    let pack = args.rules.pack();
    let evaluator = Evaluator::new(&pack, Default::default());
    let mut problems: Vec<Diagnostic> =
        pack.problems.iter().chain(&evaluator.problems).chain(evaluator.compile_problems()).cloned().collect();
    let files = match chitieu::data_files(args.path()) {
        Ok(files) => files,
        Err(d) => {
            problems.push(d);
            Vec::new()
        }
    };
    let (mut datasets, case_problems) = chitieu::ruletest::datasets(&chitieu::ruletest::case_files(args.rules.dir()));
    problems.extend(case_problems);
    let options = Options { jobs: args.jobs, ..Options::default() };
    if let [file] = files.as_slice() {
        // One unit: run the rules over it too. A folder stays parse-only, the
        // benchmark's floor.
        match chitieu::dataset::load(file, options.data_limits) {
            Ok(unit) => {
                let as_of = chitieu::as_of(&options, &unit);
                datasets.push((Arc::new(unit), as_of));
            }
            Err(found) => problems.extend(found),
        }
    } else {
        chitieu::validate_each(&files, &options, |found| problems.extend(found));
    }
    let ran = datasets.len();
    problems.extend(evaluator.rule_errors(datasets));
    show(&problems);
    if problems.is_empty() {
        println!("{}", t(Msg::LintClean { rules: pack.rules.len(), units: files.len(), datasets: ran }));
        0
    } else {
        eprintln!("{}", t(Msg::Problems { count: problems.len() }));
        2
    }
}
