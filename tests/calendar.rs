//! The calendar lists rules take (`stat_months()`, `ended_weeks()`, …): each
//! month or week reads and prints as the map it used to be, a field it does
//! not have is an error at its line, and a list one rule changes is whole
//! again for the next rule and the next unit.

mod common;

use common::{run_in as run, with_rule, z1};

#[test]
fn months_and_weeks_read_and_print_as_maps_of_their_fields() {
    // The sample's period runs from 2023-10-15 to 2024-10-13.
    let dir = with_rule(
        r#"let m = data.stat_months()[0];
let w = data.weeks()[0];
require("months", data.stat_months().len(), "==", 13, #{ notes: [
    `${m}`, `${w}`,
    m.label + " " + m.start + " " + m.end + " " + m.due + " " + m.ended,
    w.label + " " + w["wednesday"] + " " + w.due + " " + w.ended,
    type_of(m),
    `${data.stat_months().filter(|x| x.start >= "2024-09-01").map(|x| x.label)}`,
    `${data.stat_months().contains(m)} ${m == data.stat_months()[0]} ${m != w}`,
] });
"#,
    );
    let req = z1(&dir);
    // Notes are kept when a requirement falls short: 12 months, not 13.
    assert_eq!(req["status"], "fail", "{req}");
    assert_eq!(req["measured"], 12.0);
    assert_eq!(
        req["notes"],
        serde_json::json!([
            r#"#{"due": "2023-11-14", "end": "2023-11-13", "ended": true, "label": "2023-11", "start": "2023-10-15"}"#,
            r#"#{"due": "2023-10-18", "ended": true, "label": "2023-W42", "wednesday": "2023-10-18"}"#,
            "2023-11 2023-10-15 2023-11-13 2023-11-14 true",
            "2023-W42 2023-10-18 2023-10-18 true",
            "calendar_period",
            r#"["2024-10"]"#,
            "true true true",
        ])
    );
}

#[test]
fn a_misspelt_field_of_a_month_is_an_error_naming_its_fields() {
    let dir = with_rule(
        r#"let late = data.stat_months().filter(|m| m.strat >= "2024-06-14");
require("months", late.len(), ">=", 1);
"#,
    );
    let out = run(&dir, &["lint"]);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    insta::assert_snapshot!(out.stderr);
}

#[test]
fn a_week_has_no_month_fields() {
    let dir = with_rule("let w = data.weeks()[0];\nrequire(\"weeks\", 1, \">=\", 1, #{ notes: [w.start] });\n");
    let out = run(&dir, &["lint"]);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("a week has no field `start`"), "{}", out.stderr);
    assert!(out.stderr.contains("its fields are: label, wednesday, due, ended"), "{}", out.stderr);
    assert!(out.stderr.contains("Z1-extra.rhai:7:43"), "{}", out.stderr);
}

#[test]
fn late_refuses_a_list_that_is_not_months_or_weeks() {
    // A list of month labels instead of months once gave no note, so the
    // requirement passed whatever was sent.
    let dir = with_rule(
        r#"let sent = data.reports.earliest_by("covers", "submitted");
let late = late(["2024-01", "2024-02"], sent, "15:00");
require("months", 2 - late.len(), ">=", 2);
"#,
    );
    let out = run(&dir, &["lint"]);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    let oneline = out.stderr.replace("\n  | ", " ");
    assert!(oneline.contains("expected months or weeks (from `stat_months()`, `weeks()`, …), not string"), "{oneline}");
    assert!(out.stderr.contains("Z1-extra.rhai:7:12"), "{}", out.stderr);
}

#[test]
fn a_list_a_rule_changes_is_whole_again_for_the_next_rule_and_unit() {
    // Z1 empties its copy of the months; D6, which runs after it in the
    // same unit, still judges every month due.
    let dir = with_rule(
        r#"let months = data.due_stat_months();
months.clear();
require("months", months.len(), "==", 0);
"#,
    );
    let out = run(&dir, &["check", "--only", "Z1,D6", "--format", "json", "--no-cache"]);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stderr));
    let targets = json["units"][0]["targets"].as_array().unwrap();
    let by_id = |id: &str| targets.iter().find(|t| t["id"] == id).unwrap().clone();
    assert_eq!(by_id("Z1")["requirements"][0]["measured"], 0.0);
    // Months due in the sample's period: 14/11/2023 to 14/09/2024.
    assert_eq!(by_id("D6")["requirements"][0]["whole"], 11, "{}", by_id("D6"));
}

#[test]
fn a_month_cannot_be_changed_in_place() {
    let dir = with_rule("let m = data.stat_months()[0];\nm.label = \"2024-01\";\nrequire(\"months\", 1, \">=\", 1);\n");
    let out = run(&dir, &["lint"]);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    let oneline = out.stderr.replace("\n  | ", " ");
    assert!(oneline.contains("months and weeks of the calendar cannot be changed: `label` is read-only"), "{oneline}");
    assert!(out.stderr.contains("Z1-extra.rhai:7:3"), "{}", out.stderr);
}
