//! Hostile input: data and rules from many hands may not crash, hang or
//! subvert the tool. Every case ends quickly with a diagnostic naming the
//! file, and a broken rule leaves every other target evaluated. The corpus is
//! `tests/hostile/`; the huge cases are generated here.

mod common;

use std::time::{Duration, Instant};

use common::Test;

const RULES: &str = "tests/fixtures/rules/clean";

fn check_data(path: &str) -> (common::Output, Duration) {
    let start = Instant::now();
    let out = Test::new().args(["check", "--rules", RULES, "--data", path, "--format", "json"]).run();
    (out, start.elapsed())
}

/// (file, exit code, problem code, words in the message)
const DATA: &[(&str, i32, &str, &str)] = &[
    ("alias-bomb.yaml", 2, "data::unknown-field", "unknown field `a`"),
    ("bad-date.yaml", 2, "data::invalid-value", "`2024-02-30` is out of range"),
    ("bom.yaml", 1, "", ""),
    ("crlf.yaml", 2, "data::invalid-value", "out of range"),
    ("dangling-and-duplicate.yaml", 2, "data::duplicate-id", "id `CB1` is used twice"),
    ("dup-key.yaml", 2, "data::duplicate-key", "duplicate field `unit`"),
    ("empty.yaml", 2, "data::empty", "is empty"),
    ("five-wrong-records.yaml", 2, "data::unknown-value", "unknown variant `chief`"),
    ("escape.yaml", 1, "", ""),
    ("invalid-utf8.yaml", 2, "data::encoding", "is not valid UTF-8"),
    ("list.yaml", 2, "data::syntax", "expected a mapping"),
    ("no-reason.yaml", 2, "data::close-fields", "closed but no close_reason"),
    ("tabs.yaml", 2, "data::syntax", "tabs"),
    ("wrong-type.yaml", 2, "data::invalid-value", "`maybe` is an invalid boolean"),
    // What the model-driven loader meets where a field wants another shape.
    ("map-for-text.yaml", 2, "data::syntax", "expected one value here, not a list"),
    ("count-overflow.yaml", 2, "data::invalid-value", "is not a whole number"),
    ("nested-not-a-list.yaml", 2, "data::syntax", "expected a list"),
    ("origin-scalar.yaml", 2, "data::syntax", "expected a mapping"),
    ("twice-in-record.yaml", 2, "data::duplicate-key", "duplicate field `opened`"),
    ("code-as-list.json", 2, "data::invalid-value", "sequence, expected one of A, B"),
    // The header is read by its built-in fields, with the same typed problems.
    ("header-as-of.yaml", 2, "data::invalid-value", "`13/10/2024` is not a date (YYYY-MM-DD)"),
    ("header-baseline.yaml", 2, "data::invalid-value", "`[…]` is not a whole number"),
    ("header-quota.yaml", 2, "data::invalid-value", "count must be from 0 to 1000000, not -3"),
    ("header-unknown.yaml", 2, "data::unknown-field", "unknown field `provnce`, expected one of id, name, team"),
    ("header-period.json", 2, "data::invalid-value", "`2024-02-30` is out of range: no such day"),
    ("deep-lists.yaml", 2, "data::limit", "recursion limit exceeded"),
    // A JSON file writing the YAML parser's own marker of places, with a
    // column 0 and a line past its end: no place is taken from it.
    ("forged-places.json", 2, "data::duplicate-id", "id `A` is used twice"),
];

/// The loader's typed problems speak the run's language: a Vietnamese run
/// shows none of the parser's English for a value that does not fit.
#[test]
fn typed_data_problems_are_in_vietnamese() {
    let cases = [
        ("header-as-of.yaml", "`13/10/2024` không phải ngày (YYYY-MM-DD)"),
        ("header-baseline.yaml", "`[…]` không phải là số nguyên"),
        ("header-quota.yaml", "count phải từ 0 đến 1000000, không phải -3"),
        ("header-unknown.yaml", "không có trường `provnce`; các trường là: id, name,"),
        ("header-period.json", "`2024-02-30` là ngày không có thật"),
        ("dup-key.yaml", "trường `unit` viết hai lần"),
        ("wrong-type.yaml", "`maybe` không phải giá trị đúng/sai (true hoặc false)"),
        ("list.yaml", "cần các cặp `khóa: giá trị` ở đây"),
        ("nested-not-a-list.yaml", "cần một danh sách (các dòng `- …`) ở đây"),
        ("map-for-text.yaml", "cần một giá trị ở đây, không phải danh sách"),
    ];
    for (file, says) in cases {
        let path = format!("tests/hostile/data/{file}");
        let out = Test::new().env("CHITIEU_LANG", "vi").args(["check", "--rules", RULES, "--data", &path]).run();
        assert_eq!(out.code, 2, "{file}: {}", out.stderr);
        let shown = format!("{}{}", out.stdout, out.stderr);
        assert!(shown.contains(says), "{file}: {shown}");
        for english in ["expected", "invalid", "input", "duplicate"] {
            assert!(!shown.contains(english), "{file} says `{english}`: {shown}");
        }
    }
}

#[test]
fn hostile_data_ends_with_a_diagnostic_naming_the_file() {
    for (file, code, problem, words) in DATA {
        let path = format!("tests/hostile/data/{file}");
        let (out, took) = check_data(&path);
        assert_eq!(out.code, *code, "{file}: {}{}", out.stdout, out.stderr);
        assert!(took < Duration::from_secs(20), "{file} took {took:?}");
        if out.code == 2 {
            let json = out.json();
            let first = &json["units"][0]["data_errors"][0];
            assert_eq!(first["code"], *problem, "{file}: {first}");
            assert!(first["message"].as_str().unwrap().contains(words), "{file}: {first}");
            let named = first["message"].as_str().unwrap().contains(file)
                || first["file"].as_str().is_some_and(|f| f.ends_with(file));
            assert!(named, "{file}: the diagnostic names the file: {first}");
        }
    }
}

/// (file, problem code, words in the message, cell): hostile workbooks,
/// made by `tests/workbooks/make.py`.
const WORKBOOKS: &[(&str, &str, &str, Option<&str>)] = &[
    ("bomb.xlsx", "data::too-large", "unpacks to", None),
    ("encrypted.xlsx", "data::workbook-encrypted", "password", None),
    ("error-cell.xlsx", "data::invalid-value", "#REF!", Some("F2")),
    ("formula-no-value.xlsx", "data::invalid-value", "no saved value", Some("B4")),
    ("huge-string.xlsx", "data::limit", "longer than", None),
    ("merged.xlsx", "data::merged-cells", "B2:C2", Some("B2")),
    ("million-rows.xlsx", "data::limit", "over the limits", None),
    ("not-a-workbook.xlsx", "data::workbook-format", "is not an .xlsx or .ods workbook", None),
];

#[test]
fn hostile_workbooks_end_with_a_diagnostic_naming_the_file_and_cell() {
    for (file, problem, words, cell) in WORKBOOKS {
        let path = format!("tests/hostile/workbooks/{file}");
        let (out, took) = check_data(&path);
        assert_eq!(out.code, 2, "{file}: {}{}", out.stdout, out.stderr);
        assert!(took < Duration::from_secs(20), "{file} took {took:?}");
        let json = out.json();
        let errors = json["units"][0]["data_errors"].as_array().unwrap();
        assert_eq!(errors.len(), 1, "{file}: {errors:?}");
        let first = &errors[0];
        assert_eq!(first["code"], *problem, "{file}: {first}");
        assert!(first["message"].as_str().unwrap().contains(words), "{file}: {first}");
        assert_eq!(json["units"][0]["file"].as_str(), Some(path.as_str()));
        assert_eq!(first["cell"].as_str(), *cell, "{file}: {first}");
    }
    // Macros are never run; the values are read as from any workbook.
    let (out, _) = check_data("tests/hostile/workbooks/macros.xlsm");
    assert_eq!(out.code, 1, "{}", out.stderr);
    let (plain, _) = check_data("tests/workbooks/openpyxl-unit.xlsx");
    assert_eq!(out.json()["summary"], plain.json()["summary"]);
}

#[test]
fn every_data_problem_is_reported_at_once() {
    let (out, _) = check_data("tests/hostile/data/dangling-and-duplicate.yaml");
    let json = out.json();
    let codes: Vec<&str> =
        json["units"][0]["data_errors"].as_array().unwrap().iter().map(|p| p["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["data::duplicate-id", "data::dangling-reference"]);
    assert_eq!(json["units"][0]["data_errors"][1]["line"], 7);
}

#[test]
fn every_wrongly_typed_record_is_reported_in_one_run() {
    let (out, _) = check_data("tests/hostile/data/five-wrong-records.yaml");
    assert_eq!(out.code, 2);
    let json = out.json();
    let found: Vec<(String, u64)> = json["units"][0]["data_errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["code"].as_str().unwrap().to_string(), p["line"].as_u64().unwrap()))
        .collect();
    let expected = [
        ("data::unknown-value", 9),
        ("data::unknown-value", 11),
        ("data::invalid-value", 12),
        ("data::invalid-value", 17),
        ("data::unknown-field", 23),
    ];
    assert_eq!(found, expected.map(|(c, l)| (c.to_string(), l)));
}

#[test]
fn recovery_from_wrong_types_is_bounded() {
    // Thousands of wrong records: the first fifty are reported, quickly.
    let dir = tempfile::tempdir().unwrap();
    let mut text =
        String::from("unit: { id: U, name: N }\nperiod: { start: 2023-10-15, end: 2024-10-13 }\nsubjects:\n");
    for i in 0..5000 {
        text.push_str(&format!("  - {{ id: S{i}, category: Z, list: III, opened: 2024-01-01 }}\n"));
    }
    let path = dir.path().join("many.yaml");
    std::fs::write(&path, text).unwrap();
    let (out, took) = check_data(path.to_str().unwrap());
    assert_eq!(out.code, 2);
    assert!(took < Duration::from_secs(20), "took {took:?}");
    assert_eq!(out.json()["units"][0]["data_errors"].as_array().unwrap().len(), 50);
}

#[test]
fn huge_and_deep_data_is_refused_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let base = "unit: { id: U, name: N }\nperiod: { start: 2023-10-15, end: 2024-10-13 }\n";
    let deep = format!("{base}officers: {}{}\n", "[".repeat(20_000), "]".repeat(20_000));
    let scalar = format!("{base}officers:\n  - {{ id: A, name: \"{}\", role: leader }}\n", "x".repeat(60_000_000));
    let mut laughs = String::from(base);
    laughs.push_str("officers: &l0\n  - { id: A, name: B, role: leader }\n");
    for i in 1..30 {
        laughs.push_str(&format!(
            "communes: &l{i} [*l{p}, *l{p}, *l{p}, *l{p}, *l{p}, *l{p}, *l{p}, *l{p}]\n",
            p = i - 1
        ));
    }
    for (name, text, problem) in
        [("deep.yaml", deep, "data::limit"), ("scalar.yaml", scalar, "data::too-large"), ("laughs.yaml", laughs, "")]
    {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let (out, took) = check_data(path.to_str().unwrap());
        assert_eq!(out.code, 2, "{name}: {}", out.stderr);
        assert!(took < Duration::from_secs(20), "{name} took {took:?}");
        let json = out.json();
        let code = json["units"][0]["data_errors"][0]["code"].as_str().unwrap().to_string();
        assert!(code.starts_with("data::"), "{name}: {code}");
        if !problem.is_empty() {
            assert_eq!(code, problem, "{name}");
        }
    }
}

#[test]
fn hostile_rules_fail_alone_and_everything_else_runs() {
    let start = Instant::now();
    let out = Test::new()
        .args([
            "check",
            "--rules",
            "tests/hostile/rules",
            "--data",
            "tests/fixtures/data/small.yaml",
            "--format",
            "json",
        ])
        .run();
    assert!(start.elapsed() < Duration::from_secs(30), "took {:?}", start.elapsed());
    assert_eq!(out.code, 2);
    let json = out.json();
    let outcome: Vec<(String, String, String)> = json["units"][0]["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let code = t["error"]["code"].as_str().unwrap_or("").to_string();
            (t["id"].as_str().unwrap().to_string(), t["status"].as_str().unwrap().to_string(), code)
        })
        .collect();
    let expected = [
        ("H01", "error", "rule::limit"),
        ("H02", "error", "rule::limit"),
        ("H03", "error", "rule::limit"),
        ("H04", "error", "rule::limit"),
        ("H05", "error", "rule::syntax"),
        ("H06", "error", "rule::runtime"),
        ("H07", "error", "rule::runtime"),
        ("H08", "error", "rule::import"),
        ("H09", "error", "rule::syntax"),
        ("H10", "error", "rule::no-requirement"),
        ("H11", "pass", ""),
        ("H11", "pass", ""),
        ("H13", "error", "rule::runtime"),
        ("H14", "pass", ""),
        ("H15", "error", "rule::limit"),
        ("missing-metadata", "error", "rule::no-metadata"),
    ];
    let expected: Vec<(String, String, String)> =
        expected.iter().map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string())).collect();
    assert_eq!(outcome, expected);
    for t in json["units"][0]["targets"].as_array().unwrap() {
        if let Some(message) = t["error"]["message"].as_str() {
            assert!(
                message.contains("tests/hostile/rules/") || message.contains("rule H"),
                "names the rule: {message}"
            );
        }
    }
    assert_eq!(json["problems"][0]["code"], "rule::duplicate-id");
}

#[test]
fn hostile_rule_diagnostics() {
    let out = Test::new()
        .args(["check", "--rules", "tests/hostile/rules", "--data", "tests/fixtures/data/small.yaml"])
        .args(["--only", "H01,H03,H08,H09"])
        .run();
    assert_eq!(out.code, 2);
    insta::assert_snapshot!(out.stdout);
}

/// Random mutations of the sample: whatever the bytes, the tool answers
/// with 0, 1 or 2 and never panics.
#[test]
fn mutated_samples_never_panic() {
    let sample = std::fs::read("data/binh-luc-2024.yaml").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut rng = fastrand::Rng::with_seed(7);
    let noise: &[&[u8]] =
        &[b":", b"-", b"[", b"{", b"&a", b"*a", b"\t", b"\n", b"\"", b"2024-02-30", b"null", b"\xff", b"#"];
    for case in 0..40 {
        let mut bytes = sample.clone();
        for _ in 0..rng.usize(1..6) {
            let at = rng.usize(..bytes.len());
            match rng.u8(..3) {
                0 => {
                    let n = rng.usize(1..20).min(bytes.len() - at);
                    bytes.drain(at..at + n);
                }
                1 => {
                    let piece = noise[rng.usize(..noise.len())];
                    bytes.splice(at..at, piece.iter().copied());
                }
                _ => bytes.truncate(at.max(1)),
            }
        }
        let path = dir.path().join(format!("m{case}.yaml"));
        std::fs::write(&path, &bytes).unwrap();
        let out = Test::new().args(["check", "--data", path.to_str().unwrap(), "--format", "json"]).run();
        assert!(matches!(out.code, 0..=2), "case {case}: exit {}\n{}", out.code, out.stderr);
        assert!(!out.stderr.contains("panicked"), "case {case}: {}", out.stderr);
    }
}

/// Random mutations of rule headers' parameters and of overlay values: every
/// result is a list of problems or parameters, never a panic (spans stay on
/// character boundaries whatever the bytes around them).
#[test]
fn mutated_parameters_never_panic() {
    let rule = std::fs::read_to_string("rules/suu-tra/09-bat-khoi-to-trong-dien.rhai").unwrap();
    let pack = chitieu::rules::RulePack::load(std::path::Path::new("rules"));
    let overlay = "directive:\n  number: 1/X\n  date: 2024-11-01\noverrides:\n  \"09\": { min_share: 70%, serious: [very_serious] }\n";
    let mut rng = fastrand::Rng::with_seed(11);
    let noise = ["ệ", "%", ",", "[", "]", "{", "}", ":", " ", "\"", "kind", "value", "70", "-1", "2.5", "\n//!   "];
    for case in 0..300 {
        let (base, header) = if case % 2 == 0 { (rule.as_str(), true) } else { (overlay, false) };
        let mut text = base.to_string();
        for _ in 0..rng.usize(1..5) {
            let mut at = rng.usize(..text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            if rng.bool() {
                text.insert_str(at, noise[rng.usize(..noise.len())]);
            } else {
                let mut end = (at + rng.usize(1..4)).min(text.len());
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                text.replace_range(at..end, "");
            }
        }
        if header {
            let source = chitieu::diagnostic::SourceFile::new("m.rhai", text);
            if let Ok(meta) = chitieu::rules::meta::read(&source) {
                let (_, problems) = chitieu::rules::meta::params(&source, &meta, chitieu::model::Model::shipped_ref());
                for p in problems {
                    assert!(p.location().is_some(), "case {case}: {}", p.message);
                    let _ = chitieu::report::human::diagnostic(&p, chitieu::report::Style::PLAIN);
                }
            }
        } else if let Err(failed) = chitieu::rules::directive::parse("m.yaml", text, &pack.rules) {
            for p in failed.problems {
                let _ = chitieu::report::human::diagnostic(&p, chitieu::report::Style::PLAIN);
            }
        }
    }
}
