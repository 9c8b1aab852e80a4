//! CI outputs: every format on the sample (snapshots), SARIF against the
//! official 2.1.0 schema, JUnit read back by a parser, determinism, and
//! text from the data escaped in every format.

mod common;

use common::Test;

fn sample(format: &str) -> String {
    let out = Test::new().args(["check", "--format", format]).run();
    assert_eq!(out.code, 1, "{}", out.stderr);
    out.stdout
}

fn hostile(format: &str) -> String {
    let out = Test::new()
        .args(["check", "--rules", "tests/fixtures/rules/clean", "--data", "tests/fixtures/data/hostile-text.yaml"])
        .args(["--format", format])
        .run();
    assert_eq!(out.code, 1, "{}", out.stderr);
    out.stdout
}

#[test]
fn json_on_the_sample() {
    insta::assert_snapshot!(sample("json"));
}

#[test]
fn junit_on_the_sample() {
    insta::assert_snapshot!(sample("junit"));
}

#[test]
fn sarif_on_the_sample() {
    insta::assert_snapshot!(sample("sarif"));
}

#[test]
fn github_on_the_sample() {
    insta::assert_snapshot!(sample("github"));
}

#[test]
fn markdown_on_the_sample() {
    insta::assert_snapshot!(sample("markdown"));
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("sarif-2.1.0-schema.json")).expect("the vendored schema is JSON");
    // The vendored schema is the official one (as shipped in serde-sarif's
    // source) with one fix: run.language's pattern had an unbalanced `]`
    // that regex engines reject; it reads `^[a-zA-Z]{2}(-[a-zA-Z]{2})?$`.
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    for log in [sample("sarif"), hostile("sarif")] {
        let instance: serde_json::Value = serde_json::from_str(&log).expect("SARIF output is JSON");
        let errors: Vec<String> = validator.iter_errors(&instance).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:#?}");
        assert_eq!(instance["version"], "2.1.0");
    }
    let log: serde_json::Value = serde_json::from_str(&sample("sarif")).unwrap();
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["rules"].as_array().unwrap().len(), 28);
    let results = run["results"].as_array().unwrap();
    let rules: Vec<&str> = results.iter().map(|r| r["ruleId"].as_str().unwrap()).collect();
    assert_eq!(rules, ["07", "09", "17", "D3", "D5", "D6"]);
    let first = &results[0];
    assert_eq!(
        first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "rules/suu-tra/07-loai-b-co-ctvbm.rhai"
    );
    assert_eq!(first["locations"][0]["physicalLocation"]["region"]["startLine"], 22);
    assert_eq!(first["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"], "data/binh-luc-2024.yaml");
    assert_eq!(first["relatedLocations"][0]["physicalLocation"]["region"]["startLine"], 512);
    assert_eq!(results[4]["level"], "warning", "D5's upper bound is a warning");
}

#[test]
fn junit_reads_back_with_one_case_per_target() {
    let report = quick_junit::Report::deserialize_from_str(&sample("junit")).expect("valid JUnit XML");
    assert_eq!(report.test_suites.len(), 1);
    let suite = &report.test_suites[0];
    assert_eq!(suite.test_cases.len(), 28);
    assert_eq!(suite.failures, 5);
    assert_eq!(suite.errors, 0);
    let failed: Vec<String> = suite
        .test_cases
        .iter()
        .filter(|c| matches!(c.status, quick_junit::TestCaseStatus::NonSuccess { .. }))
        .map(|c| c.name.as_str().split(' ').next().unwrap().to_string())
        .collect();
    assert_eq!(failed, ["07", "09", "17", "D3", "D6"]);

    let pending = Test::new().args(["check", "--format", "junit", "--as-of", "2024-04-13"]).run().stdout;
    let report = quick_junit::Report::deserialize_from_str(&pending).expect("valid JUnit XML");
    let skipped = report.test_suites[0]
        .test_cases
        .iter()
        .filter(|c| matches!(c.status, quick_junit::TestCaseStatus::Skipped { .. }))
        .count();
    assert_eq!(skipped, 8, "pending targets are skipped with their reason");
    assert!(pending.contains("pending: not yet due, deadline 30/06/2024"), "{pending}");
}

#[test]
fn every_format_is_deterministic() {
    for format in ["human", "json", "junit", "sarif", "github", "markdown"] {
        let a = Test::new().args(["check", "--format", format]).run().stdout;
        let b = Test::new().args(["check", "--format", format]).run().stdout;
        assert_eq!(a, b, "{format}");
    }
}

#[test]
fn text_from_the_data_is_escaped_in_every_format() {
    for format in ["human", "json", "junit", "sarif", "github", "markdown"] {
        let out = hostile(format);
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{format} passes a control character through");
    }
    let json: serde_json::Value = serde_json::from_str(&hostile("json")).expect("JSON stays JSON");
    assert_eq!(json["units"][0]["unit"], "CAH-<script>alert(1)</script>");
    quick_junit::Report::deserialize_from_str(&hostile("junit")).expect("XML stays XML");
    let markdown = hostile("markdown");
    assert!(!markdown.contains("<script>") && markdown.contains("&lt;script&gt;"), "{markdown}");
    let github = hostile("github");
    assert_eq!(github.lines().count(), 2, "one annotation and the notice: {github}");
    assert!(github.contains("%250A"), "a literal %0A in the data is escaped: {github}");
}

/// The validator GitHub code scanning's ingestion rules come from: where
/// `.ci/run` installs it, or `SARIF_MULTITOOL`.
fn sarif_multitool() -> Option<std::path::PathBuf> {
    if let Some(path) = std::env::var_os("SARIF_MULTITOOL") {
        return Some(path.into());
    }
    let installed = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");
    installed.is_file().then_some(installed)
}

#[test]
fn sarif_is_accepted_by_the_code_scanning_validator() {
    use std::io::Write;
    let Some(tool) = sarif_multitool() else {
        assert!(std::env::var_os("CI").is_none(), "CI must run the SARIF validator: .ci/run installs it");
        // Written past the test harness's capture, so it is never silent.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED sarif_is_accepted_by_the_code_scanning_validator: no SARIF Multitool \
             (npm install --prefix target/tools @microsoft/sarif-multitool-linux@5.7.0, or set SARIF_MULTITOOL)"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    // The sample in both languages, and with a waiver (a suppressed result).
    for (lang, waivers) in [("en", None), ("vi", None), ("vi", Some("tests/fixtures/waivers/st047.yaml"))] {
        let mut test = Test::new().args(["check", "--format", "sarif", "--lang", lang]);
        if let Some(w) = waivers {
            test = test.args(["--waivers", w]);
        }
        let out = test.run();
        let path = dir.path().join(format!("{lang}-{}.sarif", waivers.is_some()));
        std::fs::write(&path, &out.stdout).unwrap();
        for kinds in [None, Some("Gh")] {
            let mut cmd = std::process::Command::new(&tool);
            let log = dir.path().join("log.sarif");
            let _ = std::fs::remove_file(&log);
            cmd.arg("validate").arg(&path).arg("--output").arg(&log);
            if let Some(k) = kinds {
                cmd.args(["--rule-kind", k]);
            }
            let run = cmd.output().expect("the SARIF Multitool runs");
            let text = String::from_utf8_lossy(&run.stdout).to_string() + &String::from_utf8_lossy(&run.stderr);
            let findings: Vec<&str> =
                text.lines().filter(|l| l.contains(": error ") || l.contains(": warning ")).collect();
            assert!(run.status.success(), "{lang} {kinds:?}: the validator failed:\n{text}");
            assert!(text.contains("Analysis completed successfully"), "{lang} {kinds:?}:\n{text}");
            assert!(findings.is_empty(), "{lang} {kinds:?}: {findings:#?}");
        }
    }
}

#[test]
fn sarif_rules_carry_help_and_results_a_stable_identity() {
    let log: serde_json::Value = serde_json::from_str(&sample("sarif")).unwrap();
    let driver = &log["runs"][0]["tool"]["driver"];
    assert_eq!(driver["informationUri"], format!("urn:chitieu:{}", env!("CARGO_PKG_VERSION")));
    let d4 = driver["rules"].as_array().unwrap().iter().find(|r| r["id"] == "D4").unwrap();
    let help = d4["help"]["text"].as_str().unwrap();
    assert!(help.contains("min_communes = 3 (default in rules/duties/D4-kiem-tra-cong-an-xa.rhai)"), "{help}");
    assert!(!help.contains("123/KH-CAT-PC04"), "the example overlay is not part of the pack: {help}");
    assert!(d4["help"]["markdown"].as_str().unwrap().contains("| `min_communes` | 3 |"));
    let first = &log["runs"][0]["results"][0];
    assert_eq!(first["partialFingerprints"]["chitieu/v1"], "CAH-BINHLUC/07/0");
    // The identity does not depend on where the call stands in the rule file.
    let text = std::fs::read_to_string("rules/suu-tra/07-loai-b-co-ctvbm.rhai").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules");
    std::fs::create_dir_all(rules.join("suu-tra")).unwrap();
    std::fs::write(rules.join("suu-tra/07.rhai"), text.replace("let b =", "\n\nlet b =")).unwrap();
    let out = Test::new().args(["check", "--rules", rules.to_str().unwrap(), "--format", "sarif"]).run();
    let moved: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let result = &moved["runs"][0]["results"][0];
    assert_ne!(
        result["locations"][0]["physicalLocation"]["region"]["startLine"],
        first["locations"][0]["physicalLocation"]["region"]["startLine"]
    );
    assert_eq!(result["partialFingerprints"], first["partialFingerprints"]);
}
