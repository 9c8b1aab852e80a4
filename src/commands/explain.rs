//! `chitieu explain ID`: the audit trail of one target over one unit.

use std::io::IsTerminal;

use chitieu::Options;
use chitieu::report;
use chitieu::rules::Evaluator;

use chitieu::i18n::{Msg, t};

use super::{error, find_unit, show, style_for, unknown_ids};
use crate::cli::ExplainArgs;

pub fn run(args: ExplainArgs) -> u8 {
    run_seeing(args, &mut |_| {})
}

/// `explain`, handing the unit's outcome (of the one target) to `seen`.
pub fn run_seeing(args: ExplainArgs, seen: &mut dyn FnMut(&chitieu::outcome::UnitOutcome)) -> u8 {
    let mut pack = args.data.rules.pack();
    let Some(rule_index) = pack.rules.iter().position(|r| r.id.eq_ignore_ascii_case(&args.id)) else {
        error(&unknown_ids(&pack, std::slice::from_ref(&args.id)).unwrap_or_default());
        return 2;
    };
    show(&pack.problems);
    let files = match chitieu::data_files(args.data.path()) {
        Ok(f) => f,
        Err(d) => {
            show(&[d]);
            return 2;
        }
    };
    let file = match &args.unit {
        None if files.len() == 1 => files[0].clone(),
        None => {
            error(&t(Msg::NameAUnit { path: &args.data.path().display().to_string(), count: files.len() }));
            return 2;
        }
        Some(unit) => match find_unit(&files, unit, &pack.model) {
            Some(f) => f,
            None => {
                error(&t(Msg::NoSuchUnit { path: &args.data.path().display().to_string(), unit }));
                return 2;
            }
        },
    };
    let id = pack.rules[rule_index].id.clone();
    let options = Options { as_of: args.as_of, only: Some(vec![id]), cache: args.data.cache(), ..Options::default() };
    let problems = std::mem::take(&mut pack.problems);
    let mut evaluator = Evaluator::new(&pack, options.rule_limits);
    evaluator.excerpt_limit = args.limit;
    let outcome = chitieu::evaluate_file(&evaluator, &file, &options);
    seen(&outcome);
    if !outcome.data_errors.is_empty() {
        show(&outcome.data_errors);
        return 2;
    }
    let Some(target) = outcome.targets.first() else {
        return 2;
    };
    let rule = &pack.rules[rule_index];
    let params = pack.params_for(rule, outcome.as_of, &outcome.unit);
    let style = style_for(std::io::stdout().is_terminal());
    print!("{}", report::explain::render(pack.plan.as_ref(), rule, &params, &outcome, target, style));
    let mut totals = chitieu::Totals { problems, ..Default::default() };
    totals.add(&outcome);
    totals.exit_code()
}
