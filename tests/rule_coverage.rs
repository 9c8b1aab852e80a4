//! `chitieu test --coverage`: which lines of each rule the cases run, which
//! requirements they see both pass and fall short, and `--min-coverage`.

mod common;

use common::{Test, copy_tree};

fn coverage_json(dir: &std::path::Path) -> serde_json::Value {
    let out = Test::new().args(["test", "--coverage", "--format", "json"]).current_dir(dir).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.json()
}

#[test]
fn the_bundled_pack_reports_every_rule() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let json = coverage_json(root);
    assert_eq!(json["cases"]["failed"], 0);
    let rules = json["coverage"]["rules"].as_array().unwrap();
    let pack = chitieu::rules::RulePack::load(&root.join("rules"));
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let expected: Vec<&str> = pack.rules.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, expected);
    // 17's note for an officer short of informants or personas is reached
    // by "17 fails for an officer whose persona has ended".
    let r17 = rules.iter().find(|r| r["id"] == "17").unwrap();
    assert_eq!(r17["missed"], serde_json::json!([]));
    assert_eq!(r17["covered"], 8);
    // D5's upper bound (a warning) is never seen exceeded.
    let d5 = rules.iter().find(|r| r["id"] == "D5").unwrap();
    let most = d5["requirements"].as_array().unwrap().iter().find(|q| q["line"] == 38).unwrap();
    assert_eq!((most["passed"].as_bool(), most["fell_short"].as_bool()), (Some(true), Some(false)));
    let c = &json["coverage"];
    assert_eq!(c["covered"], 132);
    assert_eq!(c["lines"], 132);
    assert_eq!(c["both_outcomes"], 37);
    assert_eq!(c["requirements"], 40);

    let human = Test::new().args(["test", "--coverage"]).run();
    assert_eq!(human.code, 0);
    let section = &human.stdout[human.stdout.find("Coverage of the rule tests").unwrap()..];
    insta::assert_snapshot!(section);
}

#[test]
fn removing_a_case_lowers_the_figure_and_fails_the_minimum() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(std::path::Path::new("rules"), &dir.path().join("rules"));
    let before = coverage_json(dir.path());
    let ok = Test::new().args(["test", "--min-coverage", "100"]).current_dir(dir.path()).run();
    assert_eq!(ok.code, 0, "{}", ok.stderr);

    // Take out "D1 is n/a without quotas", the only case that reaches D1's
    // not_applicable line, and "D9 fails at exactly 90%", the only one that
    // sees D9's first requirement fall short.
    let cases = dir.path().join("rules/tests/duties.yaml");
    let text = std::fs::read_to_string(&cases).unwrap();
    let without = |text: &str, name: &str| {
        let start = text.find(&format!("  - name: {name}")).unwrap();
        let end = text[start + 1..].find("\n  - name: ").map_or(text.len(), |i| start + 2 + i);
        format!("{}{}", &text[..start], &text[end..])
    };
    let text = without(&text, "D1 is n/a without quotas");
    let text = without(&text, "D9 fails at exactly 90%");
    std::fs::write(&cases, text).unwrap();

    let after = coverage_json(dir.path());
    assert_eq!(after["cases"]["passed"], before["cases"]["passed"].as_u64().unwrap() - 2);
    assert_eq!(after["coverage"]["covered"], before["coverage"]["covered"].as_u64().unwrap() - 1);
    assert!(after["coverage"]["percent"].as_f64() < before["coverage"]["percent"].as_f64());
    assert!(after["coverage"]["both_outcomes"].as_u64() < before["coverage"]["both_outcomes"].as_u64());
    let d1 = after["coverage"]["rules"].as_array().unwrap().iter().find(|r| r["id"] == "D1").unwrap().clone();
    assert_eq!(d1["missed"], serde_json::json!([48]));

    let below = Test::new().args(["test", "--min-coverage", "100"]).current_dir(dir.path()).run();
    assert_eq!(below.code, 1, "{}", below.stdout);
    assert!(below.stderr.contains("coverage 99.2% is under the minimum 100%"), "{}", below.stderr);
    assert!(below.stdout.contains("never run: line 48"), "{}", below.stdout);
    let lower = Test::new().args(["test", "--min-coverage", "99"]).current_dir(dir.path()).run();
    assert_eq!(lower.code, 0, "{}", lower.stderr);
}

#[test]
fn a_block_ending_in_a_bare_value_counts_as_run() {
    // A closure whose last line is a variable (its value): Rhai reports that
    // line only as an expression. Every case runs it for every officer.
    let dir = tempfile::tempdir().unwrap();
    copy_tree(std::path::Path::new("rules"), &dir.path().join("rules"));
    let rule = dir.path().join("rules/ctvbm/17-moi-can-bo-ctvbm-vai-ao.rhai");
    let text = std::fs::read_to_string(&rule).unwrap();
    let start = text.find("let equipped").unwrap();
    let end = text.find("require_share").unwrap();
    let closure = "let notes = [];
let equipped = officers.filter(|| {
    let ok = (informants.get(this.id) ?? 0) >= params.min_informants
        && (personas.get(this.id) ?? 0) >= params.min_personas;
    if !ok { notes.push(this.id); }
    ok
});
";
    std::fs::write(&rule, format!("{}{closure}{}", &text[..start], &text[end..])).unwrap();
    let json = coverage_json(dir.path());
    assert_eq!(json["cases"]["failed"], 0);
    let r17 = json["coverage"]["rules"].as_array().unwrap().iter().find(|r| r["id"] == "17").unwrap().clone();
    assert_eq!(r17["missed"], serde_json::json!([]), "{r17}");
    assert_eq!(r17["covered"], r17["lines"]);
}

#[test]
fn a_fraction_for_a_percentage_is_refused() {
    let out = Test::new().args(["test", "--min-coverage", "0.99"]).run();
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(out.stderr.contains("`0.99` is a fraction; give the percentage: 99 (not 0.99%)"), "{}", out.stderr);
    for bad in ["150", "-5", "ninety"] {
        let out = Test::new().args(["test", &format!("--min-coverage={bad}")]).run();
        assert_eq!(out.code, 2, "{bad}");
        assert!(out.stderr.contains("is not a percentage from 1 to 100"), "{bad}: {}", out.stderr);
    }
    let vi = Test::new().default_language().args(["test", "--min-coverage", "0.99"]).run();
    assert!(vi.stderr.contains("là phân số; hãy ghi phần trăm: 99"), "{}", vi.stderr);
    let ok = Test::new().args(["test", "--min-coverage", "99%"]).run();
    assert_eq!(ok.code, 0, "{}", ok.stderr);
}
