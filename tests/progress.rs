//! `chitieu progress`: a unit as of the end of every statistics month agrees
//! with `check --as-of` that day, and the plan's report cut-offs are marked.

mod common;

use common::Test;

fn statuses(check: &serde_json::Value) -> Vec<(String, String, serde_json::Value)> {
    check["units"][0]["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let measured: Vec<serde_json::Value> =
                t["requirements"].as_array().unwrap().iter().map(|r| r["measured"].clone()).collect();
            (t["id"].as_str().unwrap().to_string(), t["status"].as_str().unwrap().to_string(), measured.into())
        })
        .collect()
}

#[test]
fn every_month_agrees_with_check_as_of_that_day() {
    for data in ["data/binh-luc-2024.yaml", "tests/fixtures/generated/unit.yaml"] {
        let out = Test::new().args(["progress", "--data", data, "--format", "json"]).run();
        assert_eq!(out.code, 0, "{data}: {}", out.stderr);
        let progress = out.json();
        let months = progress["units"][0]["months"].as_array().unwrap();
        assert_eq!(months.len(), 12, "{data}");
        for month in months {
            let as_of = month["as_of"].as_str().unwrap();
            let check = Test::new().args(["check", "--data", data, "--as-of", as_of, "--format", "json"]).run().json();
            let expected = statuses(&check);
            let got: Vec<(String, String, serde_json::Value)> = month["targets"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| {
                    (
                        t["id"].as_str().unwrap().to_string(),
                        t["status"].as_str().unwrap().to_string(),
                        t["measured"].clone(),
                    )
                })
                .collect();
            assert_eq!(got, expected, "{data} as of {as_of}");
        }
    }
}

#[test]
fn the_report_cut_offs_come_from_the_period() {
    let json = Test::new().args(["progress", "--format", "json"]).run().json();
    let months = json["units"][0]["months"].as_array().unwrap();
    let cutoffs: Vec<(&str, &str, &str)> = months
        .iter()
        .filter_map(|m| Some((m["label"].as_str()?, m["as_of"].as_str()?, m["cutoff"].as_str()?)))
        .collect();
    assert_eq!(
        cutoffs,
        [
            ("2024-04", "2024-04-13", "six_months"),
            ("2024-07", "2024-07-13", "nine_months"),
            ("2024-10", "2024-10-13", "year")
        ]
    );
    assert_eq!(months[0]["label"], "2023-11");
    // Up to the as-of date only.
    let june = Test::new().args(["progress", "--as-of", "2024-06-20", "--format", "json"]).run().json();
    assert_eq!(june["units"][0]["months"].as_array().unwrap().len(), 8);
}

#[test]
fn progress_for_people() {
    let vi = Test::new().default_language().args(["progress"]).run();
    assert_eq!(vi.code, 0);
    insta::assert_snapshot!(vi.stdout);
    let md = Test::new().args(["progress", "--format", "markdown", "--only", "07,D6"]).run();
    assert!(md.stdout.contains("| 2024-04 (6-month report) |"), "{}", md.stdout);
    assert!(md.stdout.contains("| 07 | ❌ fail |"), "{}", md.stdout);
}
