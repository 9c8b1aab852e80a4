//! The rule pack's own tests (`chitieu test`): YAML case files under
//! `rules/tests/`, each case a small dataset, an as-of date, and the expected
//! status, measured values and offending ids of named targets.

use std::collections::BTreeSet;
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use indexmap::IndexMap;
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::dataset::{Dataset, UnitFile, validate::validate};
use crate::diagnostic::{Diagnostic, SourceFile};
use crate::i18n::{Msg, t};
use crate::outcome::{Status, TargetOutcome};
use crate::rules::Evaluator;

/// The JSON Schema of a case file (`chitieu schema --kind rule-tests`); its
/// `data` refers to the unit schema, `dataset.schema.json`.
pub const SCHEMA: &str = include_str!("../schema/rule-tests.schema.json");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    /// Anything to share between cases with YAML anchors (`<<: *base`).
    #[serde(default)]
    #[allow(dead_code)]
    base: Option<serde::de::IgnoredAny>,
    cases: Vec<Spanned<Case>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    #[serde(default)]
    as_of: Option<NaiveDate>,
    data: Dataset,
    expect: IndexMap<String, Expect>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    status: String,
    /// Measured value of each requirement in order; `null` where n/a.
    #[serde(default)]
    measured: Option<Vec<Option<f64>>>,
    /// Ids of the offending records over all requirements.
    #[serde(default)]
    offending: Option<Vec<String>>,
}

/// One case's result.
#[derive(Debug)]
pub struct CaseResult {
    pub file: String,
    pub line: usize,
    pub name: String,
    /// What differed from the expectation; empty when the case passed.
    pub mismatches: Vec<String>,
    /// Target ids and expected statuses, for coverage checks.
    pub expected: Vec<(String, String)>,
}

#[derive(Debug, Default)]
pub struct TestReport {
    pub results: Vec<CaseResult>,
    /// What each requirement call did across the cases, for coverage.
    pub outcomes: crate::coverage::Outcomes,
    /// Case files that could not be read or whose data is invalid.
    pub problems: Vec<Diagnostic>,
}

impl TestReport {
    pub fn failed(&self) -> usize {
        self.results.iter().filter(|r| !r.mismatches.is_empty()).count()
    }

    pub fn exit_code(&self) -> u8 {
        if !self.problems.is_empty() {
            2
        } else if self.failed() > 0 {
            1
        } else {
            0
        }
    }

    /// `ok`/`FAILED` per case, then what differed, then a count.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for r in &self.results {
            let mark = t(if r.mismatches.is_empty() { Msg::CaseOk } else { Msg::CaseFailed });
            let _ = writeln!(out, "{mark:6} {}:{} {}", r.file, r.line, r.name);
            for m in &r.mismatches {
                let _ = writeln!(out, "         {m}");
            }
        }
        let (passed, failed) = (self.results.len() - self.failed(), self.failed());
        let _ = writeln!(out, "\n{}", t(Msg::CasesTotals { passed, failed }));
        out
    }
}

/// The case files of a rules folder: `tests/*.yaml`, in name order.
pub fn case_files(rules_dir: &Path) -> Vec<PathBuf> {
    crate::yaml_files_in(&rules_dir.join("tests"))
}

pub fn run(evaluator: &Evaluator<'_>, files: &[PathBuf]) -> TestReport {
    let mut report = TestReport::default();
    for path in files {
        run_file(evaluator, path, &mut report);
    }
    report
}

/// A case file's text and cases, or why it cannot be read.
/// Each case's data is read by `model`, the pack's.
fn read(path: &Path, model: &'static crate::model::Model) -> Result<(Arc<SourceFile>, Vec<Spanned<Case>>), Diagnostic> {
    let name = crate::diagnostic::shown_path(path);
    let codes = crate::input::Codes { io: "test::io", encoding: "test::encoding", too_large: "test::too-large" };
    let text = crate::input::read_text_file(path, 16 << 20, codes)?;
    let source = SourceFile::new(&name, text);
    let file: CaseFile = crate::dataset::seed::reading_with(model, || {
        serde_saphyr::from_str_with_options(&source.text, serde_saphyr::options! { with_snippet: false })
    })
    .map_err(|e| {
        let line = e.location().map_or(0, |l| l.line());
        let message = crate::dataset::load::shown_yaml_message(&e, &source);
        Diagnostic::error("test::case-file", format!("{name}:{line}: {message}"))
    })?;
    Ok((source, file.cases))
}

/// Every case's dataset, validated, with its as-of date: what `lint` runs
/// the rules over to find the errors `check` would meet.
pub fn datasets(files: &[PathBuf], model: &crate::model::Model) -> (Vec<(Arc<UnitFile>, NaiveDate)>, Vec<Diagnostic>) {
    let model = model.interned();
    let mut units = Vec::new();
    let mut problems = Vec::new();
    for path in files {
        match read(path, model) {
            Ok((source, cases)) => {
                for case in cases {
                    match prepare(&source, case.value.data, case.value.as_of) {
                        Ok(ready) => units.push(ready),
                        Err(found) => problems.extend(found),
                    }
                }
            }
            Err(d) => problems.push(d),
        }
    }
    (units, problems)
}

/// A case's dataset validated, with the date it is evaluated as of (the
/// case's, else the data's, else the end of its period).
fn prepare(
    source: &Arc<SourceFile>,
    data: Dataset,
    as_of: Option<NaiveDate>,
) -> Result<(Arc<UnitFile>, NaiveDate), Vec<Diagnostic>> {
    // A case's data is YAML: it names things by their keys, not a sheet's words.
    let labels = crate::dataset::workbook::labels::of(data.model);
    let unit = UnitFile { source: Arc::clone(source), data, sha256: String::new(), warnings: Vec::new(), labels };
    let problems = validate(&unit);
    if !problems.is_empty() {
        return Err(problems);
    }
    let as_of = as_of.or(unit.data.as_of).unwrap_or(unit.data.period.value.end);
    Ok((Arc::new(unit), as_of))
}

fn run_file(evaluator: &Evaluator<'_>, path: &Path, report: &mut TestReport) {
    let name = crate::diagnostic::shown_path(path);
    let (source, cases) = match read(path, evaluator.model()) {
        Ok(read) => read,
        Err(d) => {
            report.problems.push(d);
            return;
        }
    };
    for case in cases {
        let line = case.referenced.line() as usize;
        let case = case.value;
        let expected = case.expect.iter().map(|(id, e)| (id.clone(), e.status.clone())).collect();
        let (unit, as_of) = match prepare(&source, case.data, case.as_of) {
            Ok(ready) => ready,
            Err(problems) => {
                report.problems.extend(problems);
                continue;
            }
        };
        let ids: Vec<String> = case.expect.keys().cloned().collect();
        let outcome = evaluator.evaluate(unit, as_of, Some(&ids));
        report.outcomes.add(&outcome);
        let mut mismatches = Vec::new();
        for (id, expect) in &case.expect {
            match outcome.targets.iter().find(|t| t.id.eq_ignore_ascii_case(id)) {
                Some(t) => compare(t, expect, &mut mismatches),
                None => mismatches.push(t(Msg::CaseNoRule { id })),
            }
        }
        report.results.push(CaseResult { file: name.clone(), line, name: case.name, mismatches, expected });
    }
}

fn compare(tg: &TargetOutcome, expect: &Expect, mismatches: &mut Vec<String>) {
    let id = &tg.id;
    if !is_status(&expect.status) {
        mismatches.push(t(Msg::CaseNotAStatus { id, given: &expect.status }));
    } else if tg.status.as_str() != expect.status {
        let why = tg.error.as_ref().map(|e| format!(" ({})", e.message)).unwrap_or_default();
        let got = tg.status.as_str();
        mismatches.push(t(Msg::CaseStatus { id, expected: &expect.status, got, why: &why }));
    }
    if let Some(want) = &expect.measured {
        let got: Vec<Option<f64>> = tg.requirements.iter().map(|r| r.measured.as_f64()).collect();
        let same = want.len() == got.len()
            && want.iter().zip(&got).all(|(w, g)| match (w, g) {
                (Some(w), Some(g)) => (w - g).abs() < 1e-9,
                (None, None) => true,
                _ => false,
            });
        if !same {
            mismatches.push(t(Msg::CaseMeasured { id, expected: &list(want), got: &list(&got) }));
        }
    }
    if let Some(want) = &expect.offending {
        let got: BTreeSet<&str> =
            tg.requirements.iter().flat_map(|r| &r.offending).filter_map(|e| e.id.as_deref()).collect();
        let want: BTreeSet<&str> = want.iter().map(String::as_str).collect();
        if got != want {
            mismatches.push(t(Msg::CaseOffending { id, expected: &format!("{want:?}"), got: &format!("{got:?}") }));
        }
    }
}

fn list(values: &[Option<f64>]) -> String {
    let items: Vec<String> = values.iter().map(|v| v.map_or("null".into(), crate::outcome::format_number)).collect();
    format!("[{}]", items.join(", "))
}

/// Statuses a valid expectation may name.
pub fn is_status(text: &str) -> bool {
    Status::ALL.iter().any(|s| s.as_str() == text)
}
