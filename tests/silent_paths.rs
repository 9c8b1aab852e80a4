//! Slips that once read as nothing: a waiver `lint` did not check against
//! the unit, a misspelt key of a map that read as `()`, a diagnostic's code
//! standing alone as a heading, a closure's error underlined at its caller.

mod common;

use common::Test;

/// A one-rule pack whose rule reads `body` after `data` and `params`.
fn pack_with(dir: &std::path::Path, body: &str) -> String {
    let rules = dir.join("rules");
    std::fs::create_dir_all(&rules).unwrap();
    let header = "//! id: \"K1\"\n//! title: a key test\n//! section: X\n//! area: test\n\n";
    std::fs::write(rules.join("k1.rhai"), format!("{header}{body}\n")).unwrap();
    rules.to_str().unwrap().to_string()
}

/// The error of target K1 over the sample, as JSON.
fn k1_error(body: &str) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let rules = pack_with(dir.path(), body);
    let out = Test::new().args(["check", "--rules", &rules, "--format", "json"]).run();
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    let json = out.json();
    let target = &json["units"][0]["targets"][0];
    assert_eq!(target["status"], "error", "{target}");
    target["error"].clone()
}

// --- lint meets the waivers check meets -------------------------------------

#[test]
fn lint_finds_a_waiver_naming_a_subject_the_unit_does_not_have() {
    let waivers = "tests/fixtures/waivers/unknown-id.yaml";
    let check = Test::new().args(["check", "--only", "07", "--waivers", waivers, "--format", "json"]).run().json();
    assert_eq!(check["units"][0]["targets"][0]["error"]["code"], "waiver::unknown-id");
    let lint = Test::new().args(["lint", "--data", "data/binh-luc-2024.yaml", "--waivers", waivers]).run();
    assert_eq!(lint.code, 2, "{}{}", lint.stdout, lint.stderr);
    assert!(lint.stderr.contains("unit CAH-BINHLUC has no subjects record with id"), "{}", lint.stderr);
    assert!(lint.stderr.contains("[tests/fixtures/waivers/unknown-id.yaml:3:27]"), "{}", lint.stderr);
    assert!(lint.stderr.contains("did you mean `ST009`?"), "{}", lint.stderr);
    assert!(lint.stderr.trim_end().ends_with("\n1 error"), "{}", lint.stderr);
    assert!(!lint.stdout.contains("no errors"), "{}", lint.stdout);
}

#[test]
fn lint_checks_waivers_against_every_unit_of_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let sample = std::fs::read_to_string("data/binh-luc-2024.yaml").unwrap();
    std::fs::write(dir.path().join("a.yaml"), &sample).unwrap();
    std::fs::write(dir.path().join("b.yaml"), sample.replace("CAH-BINHLUC", "CAH-KHAC")).unwrap();
    let waivers = "tests/fixtures/waivers/unknown-id.yaml";
    let lint = Test::new().args(["lint", "--data", dir.path().to_str().unwrap(), "--waivers", waivers]).run();
    assert_eq!(lint.code, 2, "{}", lint.stderr);
    // The waiver names no unit: each unit is missing ST999.
    assert!(lint.stderr.contains("unit CAH-BINHLUC has no subjects record"), "{}", lint.stderr);
    assert!(lint.stderr.contains("unit CAH-KHAC has no subjects record"), "{}", lint.stderr);
    assert!(lint.stderr.trim_end().ends_with("\n2 errors"), "{}", lint.stderr);
    // The same folder without waivers lints clean.
    let clean = Test::new().args(["lint", "--data", dir.path().to_str().unwrap()]).run();
    assert_eq!(clean.code, 0, "{}", clean.stderr);
}

#[test]
fn lint_warns_of_a_waiver_that_matches_nothing_or_is_out_of_its_dates() {
    let dir = tempfile::tempdir().unwrap();
    // ST001 is category A: rule 07 never looks at it.
    let text =
        std::fs::read_to_string("tests/fixtures/waivers/unknown-id.yaml").unwrap().replace("ST999, ST047", "ST001");
    let file = dir.path().join("w.yaml");
    std::fs::write(&file, text).unwrap();
    let lint =
        Test::new().args(["lint", "--data", "data/binh-luc-2024.yaml", "--waivers", file.to_str().unwrap()]).run();
    assert_eq!(lint.code, 0, "a warning is no error: {}", lint.stderr);
    assert!(lint.stderr.contains("matches nothing the rule looked at"), "{}", lint.stderr);
    assert!(lint.stderr.trim_end().ends_with("\n1 warning"), "{}", lint.stderr);
    let expired = "tests/fixtures/waivers/expired.yaml";
    let lint = Test::new().args(["lint", "--data", "data/binh-luc-2024.yaml", "--waivers", expired]).run();
    assert!(lint.stderr.contains("is not in force on 13/10/2024"), "{}", lint.stderr);
}

#[test]
fn lint_reads_through_the_cache_it_is_given_options_for() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let lint = Test::new().env("CHITIEU_CACHE_DIR", cache.to_str().unwrap()).without_env("CI").arg("lint").run();
    assert_eq!(lint.code, 0, "{}", lint.stderr);
    assert!(std::fs::read_dir(&cache).is_ok_and(|mut d| d.next().is_some()), "lint fills the cache");
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let lint = Test::new()
        .env("CHITIEU_CACHE_DIR", cache.to_str().unwrap())
        .without_env("CI")
        .args(["lint", "--no-cache"])
        .run();
    assert_eq!(lint.code, 0, "{}", lint.stderr);
    assert!(!cache.exists(), "--no-cache writes nothing");
}

// --- a key a map does not have ----------------------------------------------

#[test]
fn a_misspelt_key_of_each_kind_of_map_is_an_error_at_its_line() {
    // (rule body, the map as the message names it, the key, the nearest key, the column)
    let cases = [
        ("require(\"x\", data.unit.provnce, \"==\", 1);", "`data.unit`", "provnce", "province", 24),
        (
            "let b = data.baseline;\nrequire(\"x\", b.subjects_opend, \">\", 1);",
            "`b`",
            "subjects_opend",
            "subjects_opened",
            16,
        ),
        ("require(\"x\", data.quotas.subject.count, \">\", 1);", "`data.quotas`", "subject", "subjects", 26),
        ("let q = data.quotas.subjects;\nrequire(\"x\", q.dedline, \"==\", 1);", "`q`", "dedline", "deadline", 16),
        (
            "let c = data.informants.count_by(\"handler\");\nrequire(\"x\", c[\"CB99\"], \">\", 1);",
            "`c`",
            "CB99",
            "CB09",
            16,
        ),
        ("require(\"x\", period.strat, \"==\", 1);", "`period`", "strat", "start", 21),
    ];
    for (body, map, key, near, column) in cases {
        let error = k1_error(body);
        assert_eq!(error["code"], "rule::no-key", "{body}: {error}");
        let message = error["message"].as_str().unwrap();
        assert!(message.ends_with(&format!("{map} has no key `{key}`")), "{body}: {message}");
        assert_eq!(error["line"], body.lines().count() + 5, "{body}");
        assert_eq!(error["column"], column, "{body}");
        // The terminal adds the keys the map has and the nearest one.
        let dir = tempfile::tempdir().unwrap();
        let rules = pack_with(dir.path(), body);
        let human = Test::new().env("COLUMNS", "200").args(["check", "--rules", &rules]).run();
        assert!(
            human.stdout.contains(&format!("help: did you mean `{near}`? Its keys are: ")),
            "{body}: {}",
            human.stdout
        );
    }
}

#[test]
fn a_missing_key_of_a_map_written_in_the_rule_is_an_error_too() {
    // Rhai's optimiser used to read these as `()` before the rule ran (it
    // folds a literal or constant map's property at compile time), so
    // `?? default`-free code took the missing key as "nothing".
    let cases = [
        "let n = #{ a: 3, b: 5 }.c;",
        "let n = #{ a: 3, b: 5 }[\"c\"];",
        "const WEIGHTS = #{ a: 3, b: 5 };\nlet n = WEIGHTS.c;",
        "const WEIGHTS = #{ a: 3, b: 5 };\nlet n = WEIGHTS[\"c\"];",
    ];
    for case in cases {
        let body = format!("{case}\nlet t = if n == () {{ 1 }} else {{ n }};\nrequire(\"x\", 2, \">\", t);");
        let error = k1_error(&body);
        assert_eq!(error["code"], "rule::no-key", "{case}: {error}");
        assert!(error["message"].as_str().unwrap().ends_with("has no key `c`"), "{case}: {error}");
        assert_eq!(error["line"], case.lines().count() + 5, "{case}");
    }
    // A key the map has still reads.
    let dir = tempfile::tempdir().unwrap();
    let rules = pack_with(dir.path(), "const W = #{ a: 3 };\nrequire(\"x\", W.a, \"==\", #{ b: 3 }.b);");
    let out = Test::new().args(["check", "--rules", &rules, "--format", "json"]).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn an_unknown_option_and_a_missing_key_inside_a_closure_are_errors_too() {
    let error = k1_error("require(\"x\", 2, \">\", 1, #{ dedline: \"2024-01-01\" });");
    assert!(error["message"].as_str().unwrap().contains("unknown requirement option `dedline`"), "{error}");
    // Inside a closure the map is gone by the time of the report: the key
    // is still named, with how to read an optional one.
    let body = "let n = [#{ a: 1 }].filter(|m| m.b == 1).len();\nrequire(\"x\", n, \">\", 1);";
    let error = k1_error(body);
    assert_eq!(error["code"], "rule::no-key", "{error}");
    assert!(error["message"].as_str().unwrap().ends_with("the map has no key `b`"), "{error}");
    assert_eq!((error["line"].as_u64(), error["column"].as_u64()), (Some(6), Some(34)), "{error}");
    let dir = tempfile::tempdir().unwrap();
    let human = Test::new().env("COLUMNS", "200").args(["check", "--rules", &pack_with(dir.path(), body)]).run();
    assert!(human.stdout.contains("test an optional key with `\"b\" in map`"), "{}", human.stdout);
}

#[test]
fn in_and_get_with_a_default_stay_the_way_to_read_an_optional_key() {
    let dir = tempfile::tempdir().unwrap();
    let body = "let c = data.informants.count_by(\"handler\");\n\
                let none = c.get(\"CB99\") ?? 0;\n\
                let some = if \"CB01\" in c { c[\"CB01\"] } else { 0 };\n\
                let m = #{};\nm.new_key = 1;\n\
                require(\"x\", none + some + m.new_key, \">\", 1);";
    let rules = pack_with(dir.path(), body);
    let out = Test::new().args(["check", "--rules", &rules, "--format", "json"]).run();
    let json = out.json();
    let target = &json["units"][0]["targets"][0];
    assert_eq!(target["status"], "pass", "{target}");
    assert!(target["requirements"][0]["measured"].as_f64().unwrap() >= 2.0, "{target}");
}

#[test]
fn a_misspelt_key_reads_in_vietnamese_with_its_keys() {
    let dir = tempfile::tempdir().unwrap();
    let rules = pack_with(dir.path(), "let q = data.quotas.subjects;\nrequire(\"x\", q.dedline, \"==\", 1);");
    let out = Test::new().default_language().env("COLUMNS", "100").args(["check", "--rules", &rules]).run();
    let shown = out.stdout.split("\n\n").find(|p| p.contains("dedline")).unwrap().to_string();
    insta::assert_snapshot!("no_key_vi", shown.replace(&rules, "RULES"));
}

// --- a closure's error at the expression in it --------------------------------

#[test]
fn an_error_inside_a_closure_points_inside_it() {
    let error = k1_error("let w = data.ended_weeks().filter(|w| w.wednesdy > 1);\nrequire(\"x\", w.len(), \">\", 1);");
    assert!(error["message"].as_str().unwrap().contains("no field `wednesdy`"), "{error}");
    // `w.wednesdy`: the field, not `filter` (column 28).
    assert_eq!((error["line"].as_u64(), error["column"].as_u64()), (Some(6), Some(41)), "{error}");
    let error = k1_error("let n = data.officers.filter(|o| o.nam == \"x\").len();\nrequire(\"x\", n, \">\", 1);");
    assert_eq!((error["line"].as_u64(), error["column"].as_u64()), (Some(6), Some(36)), "{error}");
}

// --- codes are no headings ------------------------------------------------------

#[test]
fn no_diagnostic_code_stands_alone_on_a_line() {
    let bare = |text: &str| {
        text.lines()
            .map(|l| l.trim().trim_start_matches("Advice:").trim_start_matches("Tham khảo:").trim())
            .find(|l| !l.contains(' ') && l.contains("::"))
            .map(str::to_string)
    };
    for lang in ["vi", "en"] {
        let explain = Test::new().env("CHITIEU_LANG", lang).args(["explain", "09"]).run();
        assert_eq!(bare(&explain.stdout), None, "{lang}: {}", explain.stdout);
        assert!(explain.stdout.contains("arrests BT-38"), "{}", explain.stdout);
        let check = Test::new()
            .env("CHITIEU_LANG", lang)
            .args(["check", "--only", "07", "--waivers", "tests/fixtures/waivers/unknown-id.yaml"])
            .run();
        assert_eq!(bare(&check.stdout), None, "{lang}: {}", check.stdout);
        assert!(!check.stdout.contains("waiver::unknown-id"), "{}", check.stdout);
    }
    // Machines keep them.
    let json = Test::new()
        .args(["check", "--only", "07", "--waivers", "tests/fixtures/waivers/unknown-id.yaml", "--format", "sarif"])
        .run();
    assert!(json.stdout.contains("waiver::unknown-id"), "{}", json.stdout);
}
