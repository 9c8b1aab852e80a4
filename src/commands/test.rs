//! `chitieu test`: the rule pack's own cases, and with `--coverage` which
//! lines of each rule they ran and which requirements they saw both pass and
//! fall short.

use chitieu::coverage::Coverage;
use chitieu::rules::Evaluator;

use chitieu::i18n::{Msg, t};

use super::{error, show};
use crate::cli::{DiffFormat, TestArgs};

pub fn run(args: TestArgs) -> u8 {
    run_seeing(args, &mut |_| {})
}

/// `test`, handing the report of the cases to `seen` (for `--watch`).
pub fn run_seeing(args: TestArgs, seen: &mut dyn FnMut(&chitieu::ruletest::TestReport)) -> u8 {
    let pack = args.rules.pack();
    show(&pack.problems);
    let coverage = args.coverage || args.min_coverage.is_some();
    let evaluator = if coverage {
        Evaluator::with_coverage(&pack, Default::default())
    } else {
        Evaluator::new(&pack, Default::default())
    };
    let files = chitieu::ruletest::case_files(args.rules.dir());
    if files.is_empty() {
        error(&t(Msg::NoCases { dir: &args.rules.dir().display().to_string() }));
        return 2;
    }
    let report = chitieu::ruletest::run(&evaluator, &files);
    seen(&report);
    show(&report.problems);
    let json = matches!(args.format, DiffFormat::Json) && coverage;
    if !json {
        print!("{}", report.render());
    }
    let mut code = if pack.problems.is_empty() { report.exit_code() } else { 2 };
    if let Some(measured) = evaluator.coverage(&report.outcomes) {
        if json {
            let passed = report.results.len() - report.failed();
            let document = serde_json::json!({
                "cases": { "passed": passed, "failed": report.failed() },
                "coverage": measured,
            });
            println!("{}", serde_json::to_string_pretty(&document).unwrap_or_default());
        } else {
            print!("{}", render(&measured));
        }
        if let Some(min) = args.min_coverage
            && measured.percent < min
        {
            error(&t(Msg::CoverageBelow { percent: &percent(measured.percent), min: &percent(min) }));
            code = code.max(1);
        }
    }
    code
}

/// A share of 0–100, cut (not rounded) to one decimal: 99.96% is not 100%.
fn percent(x: f64) -> String {
    chitieu::i18n::percent((x * 10.0).floor() / 1000.0)
}

/// A line per rule, the lines never run and the requirements not seen both
/// ways under it, then the totals.
fn render(c: &Coverage) -> String {
    let mut out = format!("\n{}\n", t(Msg::CoverageTitle));
    for r in &c.rules {
        let share = if r.lines == 0 { 100.0 } else { r.covered as f64 * 100.0 / r.lines as f64 };
        let line = t(Msg::CoverageRule {
            id: &r.id,
            file: &r.file,
            covered: r.covered,
            lines: r.lines,
            percent: &percent(share),
        });
        out.push_str(&line);
        out.push('\n');
        if !r.missed.is_empty() {
            let lines: Vec<String> = r.missed.iter().map(usize::to_string).collect();
            out.push_str(&t(Msg::CoverageMissed { lines: &lines.join(", ") }));
            out.push('\n');
        }
        for q in r.requirements.iter().filter(|q| !(q.passed && q.fell_short)) {
            let seen = t(match (q.passed, q.fell_short) {
                (false, false) => Msg::CoverageSeenNothing,
                (true, _) => Msg::CoverageSeenPassOnly,
                (false, true) => Msg::CoverageSeenShortOnly,
            });
            out.push_str(&t(Msg::CoverageRequirement { line: q.line, seen: &seen }));
            out.push('\n');
        }
    }
    let total = t(Msg::CoverageTotal {
        percent: &percent(c.percent),
        covered: c.covered,
        lines: c.lines,
        both: c.both_outcomes,
        requirements: c.requirements,
    });
    out.push_str(&format!("\n{total}\n"));
    out
}
