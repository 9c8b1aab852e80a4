//! `chitieu new rule ID`: the scaffold is a rule the pack accepts, with a
//! passing and a failing case that `chitieu test` runs; nothing is overwritten.

mod common;

use common::{Test, copy_tree};

fn pack_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(std::path::Path::new("rules"), &dir.path().join("rules"));
    copy_tree(std::path::Path::new("data"), &dir.path().join("data"));
    dir
}

/// "N passed, M failed" of `chitieu test`.
fn totals(out: &common::Output) -> (usize, usize) {
    let line = out.stdout.lines().last().unwrap_or_default();
    let numbers: Vec<usize> = line.split(|c: char| !c.is_ascii_digit()).filter_map(|n| n.parse().ok()).collect();
    assert_eq!(numbers.len(), 2, "{line}");
    (numbers[0], numbers[1])
}

#[test]
fn a_new_rule_and_its_two_cases_run_at_once() {
    let dir = pack_copy();
    let before = Test::new().args(["test", "--rules", "rules"]).current_dir(dir.path()).run();
    assert_eq!(before.code, 0, "{}", before.stdout);
    let (passed, failed) = totals(&before);
    assert_eq!(failed, 0);

    let out = Test::new().args(["new", "rule", "19", "--area", "rieng"]).current_dir(dir.path()).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("wrote rules/rieng/19.rhai"), "{}", out.stdout);
    assert!(out.stdout.contains("wrote rules/tests/19.yaml"), "{}", out.stdout);

    let after = Test::new().args(["test", "--rules", "rules"]).current_dir(dir.path()).run();
    assert_eq!(after.code, 0, "{}", after.stdout);
    assert_eq!(totals(&after), (passed + 2, 0));
    assert!(after.stdout.contains("19 passes when every open subject is in category B"), "{}", after.stdout);
    assert!(after.stdout.contains("19 fails when half the open subjects are in category B"), "{}", after.stdout);

    // The rule is a rule like the others: lint is clean, check evaluates it.
    let lint = Test::new().args(["lint", "--rules", "rules", "--data", "data"]).current_dir(dir.path()).run();
    assert_eq!(lint.code, 0, "{}{}", lint.stdout, lint.stderr);
    let check = Test::new()
        .args(["check", "--rules", "rules", "--only", "19", "--format", "json"])
        .current_dir(dir.path())
        .run();
    let json = check.json();
    assert_eq!(json["units"][0]["targets"][0]["id"], "19");
    let requirement = &json["units"][0]["targets"][0]["requirements"][0];
    assert_eq!(requirement["threshold"], 0.9);
    assert_eq!(requirement["threshold_origin"]["param"], "min_share");
    assert_eq!(requirement["line"], 25);

    // Its header follows the rule-header schema.
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("schema/rule-header.schema.json").unwrap()).unwrap();
    let text = std::fs::read_to_string(dir.path().join("rules/rieng/19.rhai")).unwrap();
    let yaml = chitieu::rules::meta::header_yaml(&text);
    let header: serde_json::Value = serde_saphyr::from_str(&yaml).unwrap();
    assert!(jsonschema::is_valid(&schema, &header), "{yaml}");
}

#[test]
fn nothing_is_overwritten_and_bad_ids_are_refused() {
    let dir = pack_copy();
    let run = |args: &[&str]| {
        let mut t = Test::new();
        for a in args {
            t = t.arg(a);
        }
        t.current_dir(dir.path()).run()
    };
    assert_eq!(run(&["new", "rule", "D11"]).code, 0);
    let rule = dir.path().join("rules/custom/D11.rhai");
    std::fs::write(&rule, "edited").unwrap();
    let again = run(&["new", "rule", "D11"]);
    assert_eq!(again.code, 2);
    assert_eq!(std::fs::read_to_string(&rule).unwrap(), "edited");

    let taken = run(&["new", "rule", "07"]);
    assert_eq!(taken.code, 2);
    assert!(
        taken.stderr.contains("target 07 exists already in rules/suu-tra/07-loai-b-co-ctvbm.rhai"),
        "{}",
        taken.stderr
    );
    assert!(!dir.path().join("rules/tests/07.yaml").exists());

    // A case file of that name is not replaced either.
    std::fs::write(dir.path().join("rules/tests/20.yaml"), "cases: []\n").unwrap();
    let cases = run(&["new", "rule", "20"]);
    assert_eq!(cases.code, 2);
    assert!(cases.stderr.contains("rules/tests/20.yaml exists already"), "{}", cases.stderr);
    assert!(!dir.path().join("rules/custom/20.rhai").exists(), "nothing is written when one file is in the way");

    for bad in ["a b", "../x", "-x", ""] {
        let out = run(&["new", "rule", bad]);
        assert_eq!(out.code, 2, "{bad:?}");
    }
    let area = run(&["new", "rule", "21", "--area", "../outside"]);
    assert_eq!(area.code, 2);
    assert!(!dir.path().join("outside").exists());

    let vi = Test::new().args(["new", "rule", "07"]).default_language().current_dir(dir.path()).run();
    assert!(vi.stderr.contains("đã có chỉ tiêu 07"), "{}", vi.stderr);
}
