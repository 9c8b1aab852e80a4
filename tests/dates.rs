//! Issue 31, item 4: a date is a date wherever it is typed. A rule's bound
//! written `30/06/2024` selects what `2024-06-30` selects, in every
//! function that takes one; anything that is not a date, a date bound on a
//! text field, or an ordering of a field that has none is an error at the
//! rule's line, never a comparison of unlike things as text.

mod common;

use common::{run_in as run, with_rule, z1};

/// Z1's first requirement's measured value for a rule counting `expr`.
fn count(expr: &str) -> serde_json::Value {
    let dir = with_rule(&format!("require(\"n\", {expr}.len(), \">=\", 0);\n"));
    z1(&dir)["measured"].clone()
}

#[test]
fn each_bound_function_reads_both_forms_alike() {
    let cases = [
        ("data.trainings.where_until(\"date\", \"{}\")", "2024-05-20", "20/05/2024"),
        ("data.trainings.where_before(\"date\", \"{}\")", "2024-05-21", "21/05/2024"),
        ("data.trainings.where_between(\"date\", \"2023-10-15\", \"{}\")", "2024-05-20", "20/5/2024"),
        ("data.reports.where_before(\"submitted\", \"{}\")", "2024-03-14T09:30", "14/03/2024 09:30"),
        ("data.reports.where_until(\"submitted\", \"{}\")", "2024-03-14", "14/03/2024"),
        ("data.trainings.where_eq(\"date\", \"{}\")", "2024-05-20", "20/05/2024"),
    ];
    for (template, iso, vietnamese) in cases {
        let a = count(&template.replace("{}", iso));
        let b = count(&template.replace("{}", vietnamese));
        assert_eq!(a, b, "{template}: {iso} and {vietnamese}");
        assert!(a.as_f64().unwrap() > 0.0, "{template} selects something: {a}");
    }
    // August is after 30/06: typed either way, a course held then is not
    // "until" the deadline (as text, "2024-08-…" sorted before "30/…").
    let dir = with_rule(
        "let late = data.trainings.where_until(\"date\", \"30/06/2024\").where_eq(\"date\", \"2024-08-15\");\n\
         require(\"n\", late.len(), \"==\", 0);\n",
    );
    assert_eq!(z1(&dir)["measured"], 0.0);
}

/// Z1's error message for a rule whose one line is `line`.
fn error_of(line: &str) -> (String, u64) {
    let dir = with_rule(&format!("let x = {line};\nrequire(\"n\", x.len(), \">=\", 0);\n"));
    let out = run(&dir, &["check", "--only", "Z1", "--format", "json", "--no-cache"]);
    assert_eq!(out.code, 2, "{line}: {}", out.stdout);
    let target = &out.json()["units"][0]["targets"][0];
    let error = &target["error"];
    (error["message"].as_str().unwrap_or_default().to_string(), error["line"].as_u64().unwrap_or_default())
}

#[test]
fn what_is_not_a_date_is_an_error_at_the_rules_line() {
    let header_lines = 5;
    for (line, says) in [
        ("data.trainings.where_until(\"date\", \"2024-13-01\")", "`2024-13-01` is not a date"),
        ("data.trainings.where_before(\"date\", \"31/02/2024\")", "`31/02/2024` is not a date"),
        ("data.trainings.where_between(\"date\", \"2024-01-01\", \"June\")", "`June` is not a date"),
        ("data.reports.where_before(\"submitted\", \"14.03.2024\")", "`14.03.2024` is not a date"),
        ("data.officers.where_before(\"name\", \"30/06/2024\")", "officers.name is text, not a date"),
        ("data.trainings.where_until(\"kind\", \"course\")", "trainings.kind has no before or after"),
        ("data.trainings.where_eq(\"date\", \"30-06-2024\")", "30-06-2024"),
    ] {
        let (message, at) = error_of(line);
        assert!(message.contains(says), "{line}: {message}");
        assert_eq!(at, header_lines + 1, "{line}: at the rule's line");
    }
}

#[test]
fn as_of_reads_both_forms_and_refuses_others() {
    let iso = common::Test::new().args(["check", "--as-of", "2024-05-13", "--format", "json", "--no-cache"]).run();
    let vietnamese =
        common::Test::new().args(["check", "--as-of", "13/05/2024", "--format", "json", "--no-cache"]).run();
    assert_eq!(iso.json()["units"], vietnamese.json()["units"]);
    let bad = common::Test::new().args(["check", "--as-of", "31/02/2024"]).run();
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("`31/02/2024` is not a date: month 2 of 2024 has 29 days"), "{}", bad.stderr);
}

/// Issue 31, item 5: `covers` is a period. A clerk's `03/2024`,
/// `tháng 3/2024` or `T3/2024` is March's report, as `2024-03` is; anything
/// else is an error at its line with the forms accepted.
#[test]
fn a_reports_period_typed_any_listed_way_is_that_period() {
    let sample = std::fs::read_to_string("data/binh-luc-2024.yaml").unwrap();
    let original = "{ kind: monthly_statistics, covers: '2024-03'";
    assert!(sample.contains(original));
    let dir = tempfile::tempdir().unwrap();
    let json = |typed: &str| {
        let path = dir.path().join("u.yaml");
        std::fs::write(&path, sample.replace(original, &format!("{{ kind: monthly_statistics, covers: '{typed}'")))
            .unwrap();
        common::Test::new().args(["check", "--data", path.to_str().unwrap(), "--format", "json", "--no-cache"]).run()
    };
    let expected = json("2024-03").json()["units"][0]["targets"].clone();
    for typed in ["03/2024", "3/2024", "tháng 3/2024", "T3/2024"] {
        assert_eq!(json(typed).json()["units"][0]["targets"], expected, "{typed}");
    }
    let out = json("March 2024");
    assert_eq!(out.code, 2);
    let problem = &out.json()["units"][0]["data_errors"][0];
    assert!(problem["message"].as_str().unwrap().contains("`March 2024` is not a reporting period"), "{problem}");
    let line = sample.lines().position(|l| l.contains(original)).unwrap() + 1;
    assert_eq!(problem["line"], line, "{problem}");
}

/// Issue 31, item 7: every wrong time, period or agent class of a unit is
/// reported in one run, in the run's language, each at its line; a time
/// typed `dd/mm/yyyy HH:MM` is a time.
#[test]
fn every_wrong_value_of_a_unit_is_reported_in_one_run() {
    let sample = std::fs::read_to_string("data/binh-luc-2024.yaml").unwrap();
    let edits = [
        ("covers: '2023-11', submitted: 2023-11-14T09:30", "covers: '2023-11', submitted: hôm qua"),
        ("covers: '2024-01', submitted: 2024-01-14T09:30", "covers: '2024-01', submitted: 14/01"),
        ("covers: '2024-02', submitted: 2024-02-14T14:30", "covers: 'tháng hai', submitted: 2024-02-14T14:30"),
        ("kind: agent, agent_class: 2, handler: CB01", "kind: agent, agent_class: 7, handler: CB01"),
    ];
    let mut text = sample.clone();
    for (from, to) in edits {
        assert!(text.contains(from), "{from}");
        text = text.replacen(from, to, 1);
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("u.yaml");
    std::fs::write(&path, &text).unwrap();
    let out = common::Test::new()
        .default_language()
        .args(["check", "--data", path.to_str().unwrap(), "--format", "json", "--no-cache"])
        .run();
    let problems = out.json()["units"][0]["data_errors"].as_array().unwrap().clone();
    let said: Vec<(&str, u64)> =
        problems.iter().map(|p| (p["message"].as_str().unwrap(), p["line"].as_u64().unwrap())).collect();
    assert_eq!(said.len(), 4, "{said:#?}");
    let line_of = |to: &str| text.lines().position(|l| l.contains(to)).unwrap() as u64 + 1;
    let expected = [
        ("`hôm qua` không phải ngày giờ", line_of("submitted: hôm qua")),
        ("`14/01` không phải ngày giờ", line_of("submitted: 14/01")),
        ("`tháng hai` không phải một kỳ báo cáo", line_of("covers: 'tháng hai'")),
        ("agent_class phải là 1, 2 hoặc 3, không phải 7", line_of("agent_class: 7")),
    ];
    for (words, line) in expected {
        assert!(said.iter().any(|(m, l)| m.contains(words) && *l == line), "{words} at {line}: {said:#?}");
    }
    // A time typed the Vietnamese way is that time.
    let vietnamese = sample.replacen("submitted: 2024-03-14T09:30", "submitted: 14/03/2024 09:30", 1);
    std::fs::write(&path, vietnamese).unwrap();
    let json = common::Test::new()
        .args(["check", "--data", path.to_str().unwrap(), "--format", "json", "--no-cache"])
        .run()
        .json();
    let original = common::Test::new().args(["check", "--format", "json", "--no-cache"]).run().json();
    let statuses = |j: &serde_json::Value| {
        j["units"][0]["targets"].as_array().unwrap().iter().map(|t| t["status"].clone()).collect::<Vec<_>>()
    };
    assert_eq!(statuses(&json), statuses(&original));
}

/// Issue 31, item 7: a target that does not apply measured nothing: the
/// table says so and shows no `0/0` against a threshold.
#[test]
fn a_target_that_does_not_apply_shows_no_figures() {
    let out = common::Test::new().args(["check", "--as-of", "2023-11-01", "--no-cache"]).run();
    let row = out.stdout.lines().find(|l| l.starts_with("| 08")).unwrap();
    assert!(row.contains("n/a") && row.contains("—"), "{row}");
    assert!(!row.contains("0/0") && !row.contains(">= 90%"), "{row}");
}

/// Issue 31, item 7: an overlay setting a parameter of a rule that declares
/// none is told so, not handed an empty list.
#[test]
fn a_rule_without_parameters_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let overlay = dir.path().join("o.yaml");
    std::fs::write(&overlay, "directive: { number: \"1\", date: 2024-01-01 }\noverrides:\n  \"05\": { min: 3 }\n")
        .unwrap();
    let out = common::Test::new().args(["check", "--only", "05", "--directive", overlay.to_str().unwrap()]).run();
    let all: String = format!("{}{}", out.stdout, out.stderr).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(all.contains("rule 05 declares no parameter: its thresholds are written in the rule"), "{all}");
    assert!(!all.contains("rule 05 declares: "), "{all}");
}

/// Nested records dated after the as-of day are not there yet, whichever
/// way a rule asks: `where_set` and `where_unset` agree with the records'
/// own `reports` (the sample's surveys report from January 2024 on).
#[test]
fn nested_records_after_the_as_of_day_are_not_set() {
    let dir = with_rule(concat!(
        "require(\"n\", data.surveys.where_set(\"reports\").len(), \">=\", 0);\n",
        "require(\"n\", data.surveys.where_unset(\"reports\").len(), \">=\", 0);\n",
        "require(\"n\", data.surveys.filter(|s| s.reports.len() > 0).len(), \">=\", 0);\n",
    ));
    for (as_of, counts) in [("2023-12-01", [0.0, 6.0, 0.0]), ("2024-02-01", [6.0, 0.0, 6.0])] {
        let out = run(&dir, &["check", "--only", "Z1", "--format", "json", "--no-cache", "--as-of", as_of]);
        let json: serde_json::Value =
            serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stderr));
        let target = &json["units"][0]["targets"][0];
        assert!(target["error"].is_null(), "{target}");
        let measured: Vec<&serde_json::Value> =
            target["requirements"].as_array().unwrap().iter().map(|r| &r["measured"]).collect();
        assert_eq!(measured, counts.map(serde_json::Value::from).iter().collect::<Vec<_>>(), "as of {as_of}");
    }
}
