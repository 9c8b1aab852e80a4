//! Edits checked by meaning: the slips a person makes when a directive
//! arrives (70 for 70%, a misspelt value, a field name typo) are errors at
//! their own line in `lint` and `check`, never a quietly different verdict;
//! and `chitieu diff` shows what an overlay would change before it is adopted.

mod common;

use std::path::Path;

use common::{Test, status};

/// A copy of the repository's rules and sample in a temporary folder, where
/// an edit can be made as a staff member would make it.
struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    fn new() -> Workspace {
        let dir = tempfile::tempdir().unwrap();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        common::copy_tree(&root.join("rules"), &dir.path().join("rules"));
        common::copy_tree(&root.join("data"), &dir.path().join("data"));
        Workspace { dir }
    }

    /// Replaces `from` by `to` in one file; the text must be there.
    fn edit(&self, file: &str, from: &str, to: &str) -> &Workspace {
        let path = self.dir.path().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} has no `{from}`");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
        self
    }

    fn write(&self, file: &str, text: &str) -> &Workspace {
        std::fs::write(self.dir.path().join(file), text).unwrap();
        self
    }

    fn run<const N: usize>(&self, args: [&str; N]) -> common::Output {
        Test::new().current_dir(self.dir.path()).args(args).run()
    }
}

fn overlay(overrides: &str) -> String {
    format!("directive:\n  number: 12/KH-PC04\n  date: 2024-11-01\noverrides:\n  {overrides}\n")
}

/// `lint` and `check` both stop with exit 2; lint's diagnostic is returned.
fn refused(ws: &Workspace, extra: &[&str]) -> String {
    let mut lint = Test::new().current_dir(ws.dir.path()).arg("lint");
    let mut check = Test::new().current_dir(ws.dir.path()).arg("check");
    for a in extra {
        lint = lint.arg(a);
        check = check.arg(a);
    }
    let (lint, check) = (lint.run(), check.run());
    assert_eq!(lint.code, 2, "lint: {}{}", lint.stdout, lint.stderr);
    assert_eq!(check.code, 2, "check: {}{}", check.stdout, check.stderr);
    lint.stderr
}

#[test]
fn a_share_written_as_a_bare_number_over_one_is_an_error_at_the_overlay_line() {
    let ws = Workspace::new();
    ws.write("o.yaml", &overlay(r#""09": { min_share: 70 }"#));
    insta::assert_snapshot!(refused(&ws, &["--directive", "o.yaml"]));
}

#[test]
fn a_misspelt_value_in_an_overlay_is_an_error_with_the_nearest_value() {
    let ws = Workspace::new();
    ws.write("o.yaml", &overlay(r#""09": { serious: [very_serius] }"#));
    insta::assert_snapshot!(refused(&ws, &["--directive", "o.yaml"]));
}

#[test]
fn a_header_default_that_is_not_a_share_is_an_error_at_the_header() {
    let ws = Workspace::new();
    ws.edit("rules/suu-tra/09-bat-khoi-to-trong-dien.rhai", "value: 60% }", "value: sixty }");
    insta::assert_snapshot!(refused(&ws, &[]));
}

#[test]
fn a_terse_header_default_of_unknown_kind_is_an_error_at_the_header() {
    let ws = Workspace::new();
    ws.edit(
        "rules/suu-tra/09-bat-khoi-to-trong-dien.rhai",
        "min_share: { kind: share, value: 60% }",
        "min_share: sixty",
    );
    insta::assert_snapshot!(refused(&ws, &[]));
}

#[test]
fn a_value_no_record_can_hold_is_an_error_at_the_call() {
    let ws = Workspace::new();
    ws.edit("rules/suu-tra/07-loai-b-co-ctvbm.rhai", r#"where_eq("category", "B")"#, r#"where_eq("category", "b")"#);
    insta::assert_snapshot!(refused(&ws, &[]));
}

#[test]
fn counts_made_by_the_wrong_field_are_an_error_at_the_call() {
    // Informants counted by kind (agent, …) where by handler was meant: no
    // officer's id is a key, so every officer would count 0.
    let ws = Workspace::new();
    ws.edit("rules/duties/D5-so-luong-ctvbm.rhai", r#"count_by("handler")"#, r#"count_by("kind")"#);
    insta::assert_snapshot!(refused(&ws, &[]));
}

#[test]
fn a_long_message_points_at_its_call_in_the_run_s_language() {
    let ws = Workspace::new();
    ws.edit("rules/duties/D5-so-luong-ctvbm.rhai", r#"count_by("handler")"#, r#"count_by("kind")"#);
    let out = Test::new().current_dir(ws.dir.path()).default_language().arg("check").run();
    let shown = format!("{}{}", out.stdout, out.stderr);
    assert!(shown.contains("không khóa nào của bảng đếm là mã trong officers"), "{shown}");
    assert!(shown.contains("`-- tại đây"), "{shown}");
    assert!(!shown.contains("-- here"), "{shown}");
}

#[test]
fn a_comparison_written_backwards_is_an_error_at_the_call() {
    let ws = Workspace::new();
    ws.edit("rules/duties/D5-so-luong-ctvbm.rhai", r#"where_count(load, ">", "#, r#"where_count(load, "=>", "#);
    let shown = refused(&ws, &[]);
    assert!(shown.contains("`=>` is not a comparison"), "{shown}");
    assert!(shown.contains("D5-so-luong-ctvbm.rhai:44:18"), "{shown}");
}

#[test]
fn a_misspelt_field_is_an_error_found_by_lint() {
    let ws = Workspace::new();
    ws.edit("rules/suu-tra/07-loai-b-co-ctvbm.rhai", r#"where_eq("category", "B")"#, r#"where_eq("categry", "B")"#);
    insta::assert_snapshot!(refused(&ws, &[]));
}

#[test]
fn a_percentage_in_quotes_reads_as_the_exact_share_in_overlays_and_headers() {
    let ws = Workspace::new();
    ws.write("o.yaml", &overlay(r#""09": { min_share: "70%" }"#));
    let out = ws.run(["check", "--directive", "o.yaml", "--only", "09", "--format", "json"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let json = out.json();
    let req = &json["units"][0]["targets"][0]["requirements"][0];
    assert_eq!(req["threshold"], 0.7);
    assert_eq!(req["threshold_origin"]["kind"], "directive");

    ws.edit("rules/suu-tra/09-bat-khoi-to-trong-dien.rhai", "value: 60% }", r#"value: "70%" }"#);
    let out = ws.run(["check", "--only", "09", "--format", "json"]);
    let json = out.json();
    assert_eq!(json["units"][0]["targets"][0]["requirements"][0]["threshold"], 0.7);
    assert_eq!(json["units"][0]["targets"][0]["requirements"][0]["threshold_origin"]["kind"], "default");
    let shown = ws.run(["explain", "09"]).stdout;
    assert!(shown.contains("min_share = 70%  (default in"), "{shown}");
}

#[test]
fn a_ratio_exactly_at_a_percentage_threshold_passes() {
    // 35 of 36 is 97.2222…%; a threshold of 35/36 written to the digit
    // above passes, the digit below fails: the comparison is exact.
    let ws = Workspace::new();
    ws.write("o.yaml", &overlay(r#""07": { min_share: "97.2222%" }"#));
    assert_eq!(status(&ws.run(["check", "--directive", "o.yaml", "--format", "json"]).json(), "07"), "pass");
    ws.write("o.yaml", &overlay(r#""07": { min_share: "97.2223%" }"#));
    assert_eq!(status(&ws.run(["check", "--directive", "o.yaml", "--format", "json"]).json(), "07"), "fail");
}

#[test]
fn a_rule_whose_overlay_value_is_wrong_is_not_evaluated() {
    let ws = Workspace::new();
    ws.write("o.yaml", &overlay(r#""07": { min_share: 90 }"#));
    let out = ws.run(["check", "--directive", "o.yaml", "--format", "json"]);
    assert_eq!(out.code, 2);
    let json = out.json();
    assert_eq!(status(&json, "07"), "error");
    assert_eq!(status(&json, "09"), "fail", "other targets are still evaluated");
    let error = json["units"][0]["targets"].as_array().unwrap().iter().find(|t| t["id"] == "07").unwrap();
    assert_eq!(error["error"]["code"], "rule::invalid-parameter");
}

#[test]
fn every_shipped_parameter_declares_its_kind() {
    let pack = chitieu::rules::RulePack::load_with_directives(Path::new("rules"), &[]);
    assert!(pack.problems.is_empty(), "{:?}", pack.problems.iter().map(|p| &p.message).collect::<Vec<_>>());
    let mut undeclared = Vec::new();
    for rule in &pack.rules {
        assert!(rule.meta.is_ok(), "{}", rule.source.name);
        for (name, p) in &rule.params {
            if !p.declared {
                undeclared.push(format!("{}.{name}", rule.id));
            }
        }
        let written = rule.meta.as_ref().unwrap().params.len();
        assert_eq!(rule.params.len(), written, "{}: every parameter fits its kind", rule.id);
    }
    assert!(undeclared.is_empty(), "parameters without a kind: {undeclared:?}");
}

#[test]
fn diff_shows_what_an_overlay_changes_and_nothing_else() {
    let out = Test::new().args(["diff", "--directive", "tests/fixtures/directives/lower-07-to-90.yaml"]).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!(out.stdout);

    let out = Test::new()
        .args(["diff", "--directive", "tests/fixtures/directives/lower-07-to-90.yaml", "--format", "json"])
        .run();
    assert_eq!(out.code, 0);
    let json = out.json();
    assert_eq!(json["version"], 1);
    let changes = json["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(changes[0]["unit"], "CAH-BINHLUC");
    assert_eq!(changes[0]["target"], "07");
    assert_eq!(changes[0]["before"], "fail");
    assert_eq!(changes[0]["after"], "pass");
    let req = &changes[0]["requirements"][0];
    assert_eq!((req["before"]["threshold"].as_f64(), req["after"]["threshold"].as_f64()), (Some(1.0), Some(0.9)));
    assert_eq!((req["after"]["part"].as_i64(), req["after"]["whole"].as_i64()), (Some(35), Some(36)));
    assert_eq!(req["after"]["threshold_origin"]["number"], "15/KH-PC04");
    assert_eq!(json["summary"]["changed"], 1);
    assert_eq!(json["summary"]["targets"], 28);
    assert_eq!(json["summary"]["transitions"][0]["count"], 1);
}

#[test]
fn diff_against_a_base_rule_folder() {
    let ws = Workspace::new();
    ws.edit("rules/suu-tra/09-bat-khoi-to-trong-dien.rhai", "value: 60% }", "value: 50% }");
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let out = ws.run(["diff", "--base-rules", base.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json = out.json();
    let changes: Vec<(&str, &str, &str)> = json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["target"].as_str().unwrap(), c["before"].as_str().unwrap(), c["after"].as_str().unwrap()))
        .collect();
    // 09 still fails (its second requirement), but its threshold moved.
    assert_eq!(changes, [("09", "fail", "fail")]);
    assert_eq!(json["changes"][0]["requirements"][0]["after"]["threshold"], 0.5);
}

#[test]
fn diff_needs_something_to_compare_and_says_so() {
    let out = Test::new().args(["diff"]).run();
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--directive FILE"), "{}", out.stderr);
    let out = Test::new().args(["diff", "--directive", "tests/fixtures/directives/broken.yaml"]).run();
    assert_eq!(out.code, 2, "an overlay that cannot be read makes the comparison fail");
}
