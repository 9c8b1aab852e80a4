//! Issue 31: a pack belongs to one plan. A unit of another statistics
//! period is refused, naming both periods, wherever units are read; the
//! settings file that applies is found no further than the repository's
//! root and is named.

mod common;

use common::{Test, copy_tree};

/// The sample moved one year on: every date a year later.
fn next_year_sample() -> String {
    let text = std::fs::read_to_string("data/binh-luc-2024.yaml").unwrap();
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    // `20YY-` anywhere (dates, times, months, weeks) becomes `20YY+1-`.
    while let Some(i) = rest.find("20") {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let year = tail.get(..4).and_then(|y| y.parse::<u32>().ok());
        match year {
            Some(y) if (2000..2100).contains(&y) && tail[4..].starts_with('-') => {
                out.push_str(&(y + 1).to_string());
                rest = &tail[4..];
            }
            _ => {
                out.push_str("20");
                rest = &tail[2..];
            }
        }
    }
    out.push_str(rest);
    out.replace("2025-02-29", "2025-02-28")
}

#[test]
fn a_unit_of_another_plan_year_is_refused_naming_both_periods() {
    let dir = tempfile::tempdir().unwrap();
    let unit = dir.path().join("u2025.yaml");
    std::fs::write(&unit, next_year_sample()).unwrap();
    let data = unit.to_str().unwrap();
    let period_line =
        next_year_sample().lines().position(|l| l.trim_start().starts_with("start: 2024-10-15")).unwrap() + 1;
    let json = Test::new().args(["check", "--data", data, "--format", "json", "--no-cache"]).run();
    assert_eq!(json.code, 2);
    let problem = &json.json()["units"][0]["data_errors"][0];
    assert_eq!(problem["code"], "data::plan-period");
    let message = problem["message"].as_str().unwrap();
    assert!(message.contains("(15/10/2024–13/10/2025)") && message.contains("(15/10/2023–13/10/2024"), "{message}");
    assert_eq!(problem["line"], period_line);
    for command in [&["lint", "--data", data][..], &["progress", "--data", data], &["explain", "07", "--data", data]] {
        let mut test = Test::new();
        for a in command {
            test = test.arg(a);
        }
        let out = test.arg("--no-cache").run();
        assert_eq!(out.code, 2, "{command:?}: {}{}", out.stdout, out.stderr);
        assert!(format!("{}{}", out.stdout, out.stderr).contains("is not the rule pack's"), "{command:?}");
    }
    let page = dir.path().join("p.html");
    let report = Test::new().args(["report", "--data", data, "--no-cache", "--output", page.to_str().unwrap()]).run();
    assert_eq!(report.code, 2, "{}", report.stderr);
    // It says how to get a pack for that year (the help, unwrapped).
    let human = Test::new().args(["check", "--data", data, "--no-cache"]).env("COLUMNS", "400").run();
    let help: String = human.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(help.contains("`chitieu new plan 2025 --output DIR` makes one from this pack"), "{}", human.stdout);
}

#[test]
fn a_settings_file_above_the_repository_is_not_read_and_one_above_the_folder_is_named() {
    let outer = tempfile::tempdir().unwrap();
    // chitieu.yaml above a repository: not this project's.
    std::fs::write(outer.path().join("chitieu.yaml"), "directives: [missing-overlay.yaml]\n").unwrap();
    let repo = outer.path().join("repo");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    copy_tree(std::path::Path::new("rules"), &repo.join("rules"));
    copy_tree(std::path::Path::new("data"), &repo.join("data"));
    let run = |dir: &std::path::Path, format: &str| {
        Test::new().current_dir(dir).args(["check", "--only", "07", "--no-cache", "--format", format]).run()
    };
    let inside = run(&repo, "json");
    assert_eq!(inside.code, 1, "the outer file's overlay would make it 2: {}", inside.stderr);
    assert!(inside.json()["invocation"]["settings"].is_null());
    // One in the repository's root, run from a folder below it: named.
    std::fs::write(repo.join("chitieu.yaml"), "rules: rules\ndata: data\n").unwrap();
    let below = repo.join("work");
    std::fs::create_dir_all(&below).unwrap();
    let json = run(&below, "json");
    assert_eq!(json.json()["invocation"]["settings"], "../chitieu.yaml");
    let human = run(&below, "human");
    assert!(human.stdout.starts_with("settings: ../chitieu.yaml (found in a folder above"), "{}", human.stdout);
    // In the working folder itself: the user knows it; JSON still names it.
    let here = run(&repo, "human");
    assert!(!here.stdout.contains("settings:"), "{}", here.stdout);
    assert_eq!(run(&repo, "json").json()["invocation"]["settings"], "chitieu.yaml");
}

/// Issue 31, item 2: `new plan 2025` moves the pack; the shipped sample
/// moved one year (its dates as the pack's are moved) and checked with the
/// new pack gives the statuses and figures of the 2024 sample with the 2024
/// pack. What still names 2024 in the rules is listed, printed and in the
/// new folder's README.
#[test]
fn the_pack_moved_a_year_gives_the_moved_sample_the_same_verdicts() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("rules-2025");
    let out = Test::new().args(["new", "plan", "2025", "--output", pack.to_str().unwrap()]).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("Re-read 10 lines that still name the old year"), "{}", out.stdout);
    let readme = std::fs::read_to_string(pack.join("README.md")).unwrap();
    assert!(readme.contains("`duties/D8-tap-huan-hoi-thao.rhai:2`"), "{readme}");
    assert!(readme.contains("`plan.yaml:7`: title: Kế hoạch"), "the plan's title names its year: {readme}");
    let plan = std::fs::read_to_string(pack.join("plan.yaml")).unwrap();
    assert!(plan.contains("year: 2025") && plan.contains("start: 2024-10-15") && plan.contains("end: 2025-10-13"));
    let d8 = std::fs::read_to_string(pack.join("duties/D8-tap-huan-hoi-thao.rhai")).unwrap();
    assert!(d8.contains("course_by: { kind: date, value: 2025-06-30 }"), "date defaults move");
    assert!(!pack.join("waivers").exists());
    // Never over what is there.
    let again = Test::new().args(["new", "plan", "2025", "--output", pack.to_str().unwrap()]).run();
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("holds files already"), "{}", again.stderr);

    let moved = chitieu::rules::year::shift_dates(&std::fs::read_to_string("data/binh-luc-2024.yaml").unwrap(), 1);
    let unit = dir.path().join("binh-luc-2025.yaml");
    std::fs::write(&unit, moved).unwrap();
    let figures = |rules: &str, data: &str| -> Vec<(String, String, Vec<serde_json::Value>)> {
        let json = Test::new()
            .args(["check", "--rules", rules, "--data", data, "--format", "json", "--no-cache"])
            .run()
            .json();
        let targets = json["units"][0]["targets"].as_array().unwrap_or_else(|| panic!("{json}")).clone();
        targets
            .iter()
            .map(|t| {
                let figures =
                    t["requirements"].as_array().unwrap().iter().map(|r| {
                        serde_json::json!([r["status"], r["measured"], r["part"], r["whole"], r["threshold"]])
                    });
                (t["id"].as_str().unwrap().to_string(), t["status"].as_str().unwrap().to_string(), figures.collect())
            })
            .collect()
    };
    let before = figures("rules", "data/binh-luc-2024.yaml");
    let after = figures(pack.to_str().unwrap(), unit.to_str().unwrap());
    assert_eq!(before.len(), 28);
    assert_eq!(after, before);
    // With the 2024 pack, the moved unit is refused, not evaluated.
    let refused = Test::new().args(["check", "--data", unit.to_str().unwrap(), "--no-cache"]).run();
    assert_eq!(refused.code, 2);
    // The moved pack's own tests pass (a case's as-of moves by whole weeks,
    // so the weeks due by then are the same), and it moves again.
    let tests = Test::new().args(["test", "--rules", pack.to_str().unwrap()]).run();
    assert_eq!(tests.code, 0, "{}", tests.stdout);
    assert!(tests.stdout.contains("88 passed, 0 failed"), "{}", tests.stdout);
    let again = dir.path().join("rules-2026");
    let out = Test::new()
        .args(["new", "plan", "2026", "--rules", pack.to_str().unwrap(), "--output", again.to_str().unwrap()])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(std::fs::read_to_string(again.join("plan.yaml")).unwrap().contains("end: 2026-10-13"));
    // Never inside the pack it copies, and nothing half-written.
    let inside = pack.join("next");
    let out = Test::new()
        .args(["new", "plan", "2026", "--rules", pack.to_str().unwrap(), "--output", inside.to_str().unwrap()])
        .run();
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("inside the rule pack"), "{}", out.stderr);
    assert!(!inside.exists());
}

/// Issue 31, item 3: an overlay for some units only. In a folder of two
/// districts, the one the overlay names gets its threshold, and only it.
#[test]
fn an_overlay_for_one_district_changes_that_district_only() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("units");
    std::fs::create_dir_all(&data).unwrap();
    let sample = std::fs::read_to_string("data/binh-luc-2024.yaml").unwrap();
    std::fs::write(data.join("binh-luc.yaml"), &sample).unwrap();
    let kim_bang = sample.replacen("id: CAH-BINHLUC", "id: CAH-KIMBANG", 1);
    assert_ne!(kim_bang, sample);
    std::fs::write(data.join("kim-bang.yaml"), kim_bang).unwrap();
    let overlay = dir.path().join("kim-bang-07.yaml");
    std::fs::write(
        &overlay,
        "directive:\n  number: 45/CV-PC04\n  date: 2024-03-01\n  units: [CAH-KIMBANG, CAH-THANHLIEM]\noverrides:\n  \"07\": { min_share: 90% }\n",
    )
    .unwrap();
    let (data, overlay) = (data.to_str().unwrap(), overlay.to_str().unwrap());
    let out =
        Test::new().args(["check", "--data", data, "--directive", overlay, "--format", "json", "--no-cache"]).run();
    let json = out.json();
    let of = |unit: &str| {
        let u = json["units"].as_array().unwrap().iter().find(|u| u["unit"] == unit).unwrap();
        let t = u["targets"].as_array().unwrap().iter().find(|t| t["id"] == "07").unwrap().clone();
        (
            t["status"].as_str().unwrap().to_string(),
            t["requirements"][0]["threshold"].clone(),
            t["requirements"][0]["threshold_origin"].clone(),
        )
    };
    let (status, threshold, _) = of("CAH-BINHLUC");
    assert_eq!((status.as_str(), threshold), ("fail", serde_json::json!(1.0)));
    let (status, threshold, source) = of("CAH-KIMBANG");
    assert_eq!((status.as_str(), threshold), ("pass", serde_json::json!(0.9)));
    assert_eq!(source["units"], serde_json::json!(["CAH-KIMBANG", "CAH-THANHLIEM"]), "{source}");
    // A unit id no unit of the run has: a warning naming it, and in lint
    // over the folder an error.
    assert!(out.stderr.contains("names units this run does not have: CAH-THANHLIEM;"), "{}", out.stderr);
    let lint = Test::new().args(["lint", "--data", data, "--directive", overlay, "--no-cache"]).run();
    assert_eq!(lint.code, 2, "{}", lint.stderr);
    assert!(lint.stderr.contains("THANHLIEM; check the unit ids"), "{}", lint.stderr);
    // Unit ids as the data spells them in any case; `units: []` is an error,
    // never "every unit"; one unit's lint warns of an id it lacks.
    let lower = dir.path().join("lower.yaml");
    std::fs::write(&lower, std::fs::read_to_string(overlay).unwrap().replace("CAH-KIMBANG", "cah-kimbang")).unwrap();
    let json = Test::new()
        .args(["check", "--data", data, "--directive", lower.to_str().unwrap(), "--format", "json", "--no-cache"])
        .run()
        .json();
    let kim = json["units"].as_array().unwrap().iter().find(|u| u["unit"] == "CAH-KIMBANG").unwrap().clone();
    assert_eq!(kim["targets"].as_array().unwrap().iter().find(|t| t["id"] == "07").unwrap()["status"], "pass");
    let empty = dir.path().join("empty.yaml");
    std::fs::write(
        &empty,
        "directive:\n  number: 1/CV\n  date: 2024-03-01\n  units: []\noverrides:\n  \"07\": { min_share: 90% }\n",
    )
    .unwrap();
    let out = Test::new().args(["check", "--data", data, "--directive", empty.to_str().unwrap(), "--no-cache"]).run();
    assert_eq!(out.code, 2);
    assert!(format!("{}{}", out.stdout, out.stderr).contains("`units: []` names no unit"), "{}", out.stdout);
    let one =
        Test::new().args(["lint", "--data", "data/binh-luc-2024.yaml", "--directive", overlay, "--no-cache"]).run();
    assert_eq!(one.code, 0, "{}", one.stderr);
    assert!(one.stderr.contains("CAH-KIMBANG"), "a warning names the ids: {}", one.stderr);
    // explain reads the threshold the unit gets.
    let explain = Test::new()
        .args(["explain", "07", "--data", data, "--unit", "CAH-KIMBANG", "--directive", overlay, "--no-cache"])
        .run();
    let words: String = explain.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("min_share = 90%"), "{words}");
    assert!(words.contains("45/CV-PC04 of 01/03/2024 (for CAH-KIMBANG, CAH-THANHLIEM only;"), "{words}");
}
