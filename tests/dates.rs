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
    assert!(
        bad.stderr.contains("`31/02/2024` is not a date; write a date as YYYY-MM-DD or dd/mm/yyyy"),
        "{}",
        bad.stderr
    );
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
