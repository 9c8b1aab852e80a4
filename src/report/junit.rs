//! JUnit XML: one test suite per unit, one test case per target. A failure
//! carries measured vs threshold and the offending ids; pending and n/a are
//! skipped with their reason; an error is an error. Written with quick-junit.

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use super::human::{measured, required};
use super::{Renderer, clean};
use crate::Totals;
use crate::diagnostic::Diagnostic;
use crate::i18n::{Msg, t};
use crate::outcome::{Status, TargetOutcome, UnitOutcome};

pub struct Junit {
    report: Report,
}

impl Junit {
    pub fn new() -> Junit {
        Junit { report: Report::new("chitieu") }
    }
}

impl Default for Junit {
    fn default() -> Self {
        Junit::new()
    }
}

/// What a target measured, one requirement a line, with offending ids.
pub fn details(tg: &TargetOutcome) -> String {
    let mut lines = Vec::new();
    for r in &tg.requirements {
        let label = format!("{} [{}]", clean(&r.label), r.status.as_str());
        let mut line = format!(
            "{} ({})",
            t(Msg::LabelMeasured { label: &label, measured: &measured(r), required: &required(r) }),
            clean(&r.threshold.source.describe())
        );
        if r.offending_total > 0 {
            let ids: Vec<String> = r.offending.iter().map(|e| clean(&e.name())).collect();
            line.push_str(&format!(
                "; {}",
                t(Msg::JunitOffending { count: r.offending_total, names: &ids.join(", ") })
            ));
        }
        for note in &r.notes {
            line.push_str(&format!("; {}", clean(note)));
        }
        lines.push(line);
    }
    for (line, w) in super::waiver_lines(tg) {
        lines.push(format!("{line} ({}:{}; {})", w.file, w.line, clean(&w.cite())));
    }
    for d in &tg.warnings {
        lines.push(error_text(d));
    }
    lines.join("\n")
}

fn error_text(d: &Diagnostic) -> String {
    match d.location() {
        Some((file, place)) => format!("{}: {}", place.shown(&file), clean(&d.message)),
        None => clean(&d.message),
    }
}

fn case(tg: &TargetOutcome) -> TestCase {
    let first_short = tg.requirements.iter().find(|r| !r.passed() && !r.warning);
    let summary = first_short
        .map(|r| t(Msg::LabelMeasured { label: &clean(&r.label), measured: &measured(r), required: &required(r) }));
    let status = match tg.status {
        Status::Pass => TestCaseStatus::success(),
        Status::Fail => {
            let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
            s.set_type("target missed").set_message(summary.unwrap_or_default()).set_description(details(tg));
            s
        }
        Status::Error => {
            let mut s = TestCaseStatus::non_success(NonSuccessKind::Error);
            let text = tg.error.as_ref().map(error_text).unwrap_or_default();
            s.set_type("rule error").set_message(text.clone()).set_description(text);
            s
        }
        Status::Pending => {
            let mut s = TestCaseStatus::skipped();
            let due = tg.requirements.iter().filter_map(|r| r.deadline.filter(|_| r.status == Status::Pending)).min();
            let reason = match due {
                Some(d) => t(Msg::JunitPendingDue { date: &crate::i18n::date(d) }),
                None => Status::Pending.label(),
            };
            s.set_type("pending").set_message(format!("{reason}; {}", summary.unwrap_or_default()));
            s
        }
        Status::NotApplicable => {
            let mut s = TestCaseStatus::skipped();
            s.set_type("n/a").set_message(t(Msg::JunitNothing));
            s
        }
    };
    let mut case = TestCase::new(format!("{} {}", tg.id, clean(&tg.title)), status);
    case.set_classname(tg.rule_file.name.clone());
    // A pass that a waiver made, or a waiver not applied, is said beside it.
    if tg.status != Status::Fail && (!tg.warnings.is_empty() || tg.requirements.iter().any(|r| r.is_waived())) {
        case.set_system_out(details(tg));
    }
    case
}

impl Renderer for Junit {
    fn begin(&mut self, problems: &[Diagnostic]) -> String {
        if !problems.is_empty() {
            let mut suite = TestSuite::new(t(Msg::JunitRulePack));
            for d in problems {
                let mut s = TestCaseStatus::non_success(NonSuccessKind::Error);
                s.set_type(d.code).set_message(error_text(d));
                suite.add_test_case(TestCase::new(d.code, s));
            }
            self.report.add_test_suite(suite);
        }
        String::new()
    }

    fn unit(&mut self, unit: &UnitOutcome) -> String {
        let mut suite = TestSuite::new(format!("{} ({})", clean(&unit.unit), unit.file));
        for d in &unit.data_errors {
            let mut s = TestCaseStatus::non_success(NonSuccessKind::Error);
            s.set_type(d.code).set_message(error_text(d));
            let mut case = TestCase::new(format!("data: {}", d.code), s);
            case.set_classname(unit.file.clone());
            suite.add_test_case(case);
        }
        suite.add_test_cases(unit.targets.iter().map(case));
        // What was counted but is worth a word (hidden rows): the suite's
        // own output, a line each, as no test case fails for it.
        if !unit.data_warnings.is_empty() {
            let lines: Vec<String> = unit.data_warnings.iter().map(error_text).collect();
            suite.set_system_out(lines.join("\n"));
        }
        self.report.add_test_suite(suite);
        String::new()
    }

    fn end(&mut self, _totals: &Totals) -> String {
        self.report.to_string().unwrap_or_else(|e| format!("<!-- cannot write JUnit XML: {e} -->\n"))
    }
}
