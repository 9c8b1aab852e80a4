//! `chitieu check`: statuses, exit codes and the rendered table and
//! diagnostics, on the bundled sample and on small fixtures.

mod common;

use common::{Test, status};

const CLEAN: &str = "tests/fixtures/rules/clean";
const BROKEN: &str = "tests/fixtures/rules/broken";

#[test]
fn sample_check_exits_one_and_names_its_failures() {
    let out = Test::new().args(["check", "--format", "json"]).run();
    assert_eq!(out.code, 1, "{}", out.stderr);
    let json = out.json();
    let failing: Vec<&str> = json["units"][0]["targets"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["status"] == "fail")
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(failing, ["07", "09", "17", "D3", "D6"]);
    assert_eq!(json["summary"]["pass"], 23);
    assert_eq!(json["summary"]["error"], 0);
}

#[test]
fn sample_check_human_output() {
    let out = Test::new().arg("check").run();
    assert_eq!(out.code, 1);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn failing_requirement_reports_value_threshold_source_and_records() {
    let out = Test::new()
        .args(["check", "--rules", CLEAN, "--data", "tests/fixtures/data/small.yaml", "--format", "json"])
        .run();
    assert_eq!(out.code, 1);
    let json = out.json();
    assert_eq!(status(&json, "06"), "pass");
    assert_eq!(status(&json, "07"), "fail");
    let req = &json["units"][0]["targets"][1]["requirements"][0];
    assert_eq!(req["measured"], 0.5);
    assert_eq!(req["part"], 1);
    assert_eq!(req["whole"], 2);
    assert_eq!(req["threshold"], 1.0);
    assert_eq!(req["threshold_source"], "tests/fixtures/rules/clean/suu-tra/07.rhai");
    assert_eq!(req["passed"], false);
    assert_eq!(req["line"], 9);
    assert_eq!(req["offending"][0]["id"], "ST02");
    assert_eq!(req["offending"][0]["line"], 20);
}

#[test]
fn failing_requirement_diagnostic() {
    let out =
        Test::new().args(["check", "--rules", CLEAN, "--data", "tests/fixtures/data/small.yaml", "--only", "07"]).run();
    assert_eq!(out.code, 1);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn broken_rules_are_errors_and_the_rest_still_runs() {
    let out = Test::new()
        .args(["check", "--rules", BROKEN, "--data", "tests/fixtures/data/small.yaml", "--format", "json"])
        .run();
    assert_eq!(out.code, 2);
    let json = out.json();
    assert_eq!(status(&json, "07"), "fail");
    assert_eq!(status(&json, "90"), "error");
    assert_eq!(status(&json, "91"), "error");
    assert_eq!(json["summary"]["error"], 2);
}

#[test]
fn rhai_syntax_error_diagnostic() {
    let out = Test::new()
        .args(["check", "--rules", BROKEN, "--data", "tests/fixtures/data/small.yaml", "--only", "90"])
        .run();
    assert_eq!(out.code, 2);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn rhai_runtime_error_diagnostic() {
    let out = Test::new()
        .args(["check", "--rules", BROKEN, "--data", "tests/fixtures/data/small.yaml", "--only", "91"])
        .run();
    assert_eq!(out.code, 2);
    insta::assert_snapshot!(out.stdout);
}

fn data_problem(file: &str) -> String {
    let out = Test::new().args(["check", "--rules", CLEAN, "--data", &format!("tests/fixtures/data/{file}")]).run();
    assert_eq!(out.code, 2, "invalid data exits 2");
    out.stdout
}

#[test]
fn invalid_yaml_diagnostic() {
    insta::assert_snapshot!(data_problem("yaml-syntax.yaml"));
}

#[test]
fn unknown_field_diagnostic() {
    insta::assert_snapshot!(data_problem("unknown-field.yaml"));
}

#[test]
fn wrong_enum_value_diagnostic() {
    insta::assert_snapshot!(data_problem("bad-enum.yaml"));
}

#[test]
fn dangling_reference_diagnostic() {
    insta::assert_snapshot!(data_problem("dangling.yaml"));
}

#[test]
fn duplicate_id_diagnostic_reports_every_problem_at_once() {
    let text = data_problem("duplicate-id.yaml");
    assert!(text.contains("has 3 problems"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn passing_targets_exit_zero() {
    let out =
        Test::new().args(["check", "--rules", CLEAN, "--data", "tests/fixtures/data/small.yaml", "--only", "06"]).run();
    assert_eq!(out.code, 0, "{}", out.stdout);
}

#[test]
fn unknown_target_id_is_a_usage_error() {
    let out = Test::new().args(["check", "--only", "99"]).run();
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("no rule has id 99"), "{}", out.stderr);
}

#[test]
fn missing_data_path_is_an_error() {
    let out = Test::new().args(["check", "--data", "no/such/file.yaml"]).run();
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("cannot read no/such/file.yaml"), "{}", out.stderr);
}

#[test]
fn same_inputs_give_identical_output() {
    let a = Test::new().args(["check", "--format", "json"]).run();
    let b = Test::new().args(["check", "--format", "json"]).run();
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn a_folder_is_evaluated_unit_by_unit_and_invalid_units_are_skipped() {
    let run = |jobs: &str| {
        Test::new()
            .args(["check", "--rules", CLEAN, "--data", "tests/fixtures/data", "--format", "json", "--jobs", jobs])
            .run()
    };
    let out = run("2");
    assert_eq!(out.code, 2, "the worst: invalid data");
    let json = out.json();
    let units: Vec<(&str, &str)> = json["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| (u["file"].as_str().unwrap(), u["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        units,
        [
            ("tests/fixtures/data/bad-enum.yaml", "error"),
            ("tests/fixtures/data/dangling.yaml", "error"),
            ("tests/fixtures/data/duplicate-id.yaml", "error"),
            ("tests/fixtures/data/hostile-text.yaml", "fail"),
            ("tests/fixtures/data/small.yaml", "fail"),
            ("tests/fixtures/data/unknown-field.yaml", "error"),
            ("tests/fixtures/data/yaml-syntax.yaml", "error"),
        ]
    );
    assert_eq!(json["summary"]["fail"], 2);
    assert_eq!(json["summary"]["pass"], 2);
    assert_eq!(run("1").stdout, out.stdout, "one worker or two, the same bytes");
}

#[test]
fn output_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.json");
    let out = Test::new().args(["check", "--format", "json", "--output", path.to_str().unwrap()]).run();
    assert_eq!(out.code, 1);
    assert_eq!(out.stdout, "");
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(written, Test::new().args(["check", "--format", "json"]).run().stdout);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file left");
}

/// A folder of `n` units: the sample under other unit ids.
fn folder_of_units(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let sample = std::fs::read_to_string("data/binh-luc-2024.yaml").unwrap();
    for i in 0..n {
        let text = sample.replacen("id: CAH-BINHLUC", &format!("id: CAH-{i:03}"), 1);
        std::fs::write(dir.path().join(format!("unit-{i:03}.yaml")), text).unwrap();
    }
    dir
}

#[test]
fn a_folder_in_the_terminal_is_a_summary() {
    let dir = folder_of_units(60);
    let path = dir.path().to_str().unwrap();
    let out = Test::new().args(["check", "--data", path]).run();
    assert_eq!(out.code, 1);
    let lines = out.stdout.lines().count();
    assert!(lines <= 300, "{lines} lines");
    assert_eq!(out.stdout.lines().filter(|l| l.starts_with("CAH-")).count(), 60);
    assert!(
        out.stdout.contains("CAH-000 Công an huyện Bình Lục     ......X.X.......X...X..X....  5 failed, 0 errors"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("target 07: 60 units failed (100%), 0 errors"));
    assert!(!out.stdout.contains("target::requirement"), "no per-failure diagnostics by default");
    assert!(out.stdout.ends_with("60 units\n1380 passed, 300 failed, 0 pending, 0 n/a, 0 errors\n"), "{}", out.stdout);

    let details = Test::new().args(["check", "--data", path, "--details"]).run();
    assert_eq!(details.stdout.matches("x target 07 failed").count(), 60);

    let one = Test::new().args(["check", "--data", path, "--unit", "CAH-007"]).run();
    assert_eq!(one.code, 1);
    assert!(one.stdout.starts_with("CAH-007 — Công an huyện Bình Lục"), "{}", one.stdout);
    assert!(one.stdout.contains("x target 07 failed"));
    let none = Test::new().args(["check", "--data", path, "--unit", "CAH-999"]).run();
    assert_eq!(none.code, 2);
}

#[test]
fn the_summary_of_a_small_folder() {
    let dir = folder_of_units(3);
    let out = Test::new().args(["check", "--data", dir.path().to_str().unwrap()]).run();
    insta::assert_snapshot!(out.stdout);
}
