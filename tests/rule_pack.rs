//! The bundled rule pack: its own cases (`chitieu test`), their coverage,
//! the catalogue (`list`, `doc`) and `lint`.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use chitieu::rules::{Evaluator, RulePack};
use common::Test;

#[test]
fn every_rule_pack_case_passes() {
    let pack = RulePack::load(Path::new("rules"));
    let evaluator = Evaluator::new(&pack, Default::default());
    let report = chitieu::ruletest::run(&evaluator, &chitieu::ruletest::case_files(Path::new("rules")));
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.failed(), 0, "{}", report.render());
    assert!(report.results.len() >= 80, "only {} cases", report.results.len());
}

#[test]
fn every_rule_has_a_passing_and_a_failing_case() {
    let pack = RulePack::load(Path::new("rules"));
    let evaluator = Evaluator::new(&pack, Default::default());
    let report = chitieu::ruletest::run(&evaluator, &chitieu::ruletest::case_files(Path::new("rules")));
    let mut seen: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for r in &report.results {
        for (id, status) in &r.expected {
            seen.entry(id.clone()).or_default().insert(status.clone());
        }
    }
    assert_eq!(pack.rules.len(), 28);
    for rule in &pack.rules {
        let statuses = seen.get(&rule.id).cloned().unwrap_or_default();
        assert!(statuses.contains("pass") && statuses.contains("fail"), "rule {} has cases {statuses:?}", rule.id);
    }
    let pending: Vec<&String> = seen.iter().filter(|(_, s)| s.contains("pending")).map(|(id, _)| id).collect();
    let na: Vec<&String> = seen.iter().filter(|(_, s)| s.contains("n/a")).map(|(id, _)| id).collect();
    assert_eq!(pending, ["01", "03", "05", "10", "12", "15", "16", "D1", "D2", "D6", "D8"]);
    assert_eq!(na, ["02", "04", "05", "07", "08", "09", "11", "13", "14", "17", "18", "D1", "D2", "D3", "D4", "D9"]);
}

#[test]
fn test_command_passes_on_the_bundled_pack() {
    let out = Test::new().arg("test").run();
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.ends_with("88 passed, 0 failed\n"), "{}", out.stdout);
}

#[test]
fn test_command_shows_expected_against_actual() {
    let out = Test::new().args(["test", "--rules", "tests/fixtures/rules/clean"]).run();
    assert_eq!(out.code, 1);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn list_reads_metadata_of_every_rule() {
    let out = Test::new().args(["list", "--as-of", "2024-10-13"]).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn doc_is_a_markdown_catalogue() {
    let out = Test::new().args(["doc", "--as-of", "2024-10-13"]).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn list_works_when_a_rule_is_broken() {
    let out = Test::new().args(["list", "--rules", "tests/fixtures/rules/broken"]).run();
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("A rule with a syntax error"), "{}", out.stdout);
}

#[test]
fn lint_passes_on_the_repository() {
    let out = Test::new().arg("lint").run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "28 rules and 1 unit file: no errors (rules run over 89 datasets)\n");
}

#[test]
fn lint_reports_every_problem_at_once() {
    let out = Test::new()
        .args(["lint", "--rules", "tests/fixtures/rules/broken", "--data", "tests/fixtures/data/duplicate-id.yaml"])
        .run();
    assert_eq!(out.code, 2);
    insta::assert_snapshot!(out.stderr);
}
