//! What one evaluator shares between the units it evaluates (each rule's
//! parameters, the calendar lists of a plan year and as-of date) never
//! carries one unit into another's verdict: units evaluated together, on one
//! thread, give what each gives alone.

mod common;

use common::Test;

/// The generated unit, and a second one whose plan year starts later (so
/// its weeks and statistics months differ) and ends at another date.
fn units(dir: &std::path::Path) {
    let text = std::fs::read_to_string("tests/fixtures/generated/unit.yaml").unwrap();
    std::fs::write(dir.join("a.yaml"), &text).unwrap();
    let shifted = text.replacen("id: CAH-0000", "id: CAH-0001", 1).replacen(
        "period: { start: 2023-10-15, end: 2024-10-13 }",
        "period: { start: 2023-12-14, end: 2024-08-20 }",
        1,
    );
    assert_ne!(shifted, text.replacen("id: CAH-0000", "id: CAH-0001", 1), "the fixture's period line moved");
    std::fs::write(dir.join("b.yaml"), shifted).unwrap();
}

/// The pack without its plan, made once: a pack that names no plan
/// evaluates units of any period (the shipped one refuses the second unit).
fn planless_rules() -> &'static tempfile::TempDir {
    static RULES: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    RULES.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        common::copy_tree(std::path::Path::new("rules"), dir.path());
        std::fs::remove_file(dir.path().join("plan.yaml")).unwrap();
        dir
    })
}

fn targets(path: &std::path::Path, as_of: Option<&str>) -> Vec<serde_json::Value> {
    let rules = planless_rules();
    let mut test = Test::new()
        .args([
            "check",
            "--format",
            "json",
            "--jobs",
            "1",
            "--no-cache",
            "--rules",
            rules.path().to_str().unwrap(),
            "--data",
        ])
        .arg(path.to_str().unwrap());
    if let Some(date) = as_of {
        test = test.args(["--as-of", date]);
    }
    let json = test.run().json();
    json["units"].as_array().unwrap().iter().map(|u| u["targets"].clone()).collect()
}

#[test]
fn units_evaluated_together_get_what_each_gets_alone() {
    let dir = tempfile::tempdir().unwrap();
    units(dir.path());
    for as_of in [None, Some("2024-06-30")] {
        let together = targets(dir.path(), as_of);
        assert_eq!(together.len(), 2);
        let alone = [targets(&dir.path().join("a.yaml"), as_of), targets(&dir.path().join("b.yaml"), as_of)];
        assert_eq!(together[0], alone[0][0], "unit a, as of {as_of:?}");
        assert_eq!(together[1], alone[1][0], "unit b, as of {as_of:?}");
        // The two plan years really do count different weeks and months.
        let whole = |targets: &serde_json::Value, id: &str| {
            let target = targets.as_array().unwrap().iter().find(|t| t["id"] == id).unwrap();
            target["requirements"].as_array().unwrap().iter().map(|r| r["whole"].clone()).collect::<Vec<_>>()
        };
        assert_ne!(whole(&together[0], "D7"), whole(&together[1], "D7"), "as of {as_of:?}");
        assert_ne!(whole(&together[0], "D6")[0], whole(&together[1], "D6")[0], "as of {as_of:?}");
    }
}
