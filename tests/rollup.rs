//! A province's pooled figures (`check --rollup`): each pooled share is the
//! units' parts and wholes summed, each `each` figure the units that meet
//! it, and one figure is counted again here straight from the unit files.

mod common;

use common::Test;
use serde_json::Value;

const AS_OF: &str = "2024-10-13";

fn province() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy("data/binh-luc-2024.yaml", dir.path().join("a.yaml")).unwrap();
    std::fs::copy("tests/fixtures/generated/unit.yaml", dir.path().join("b.yaml")).unwrap();
    dir
}

fn check(dir: &std::path::Path, extra: &[&str]) -> Value {
    let mut t = Test::new().args(["check", "--data", dir.to_str().unwrap(), "--as-of", AS_OF, "--format", "json"]);
    for a in extra {
        t = t.arg(a);
    }
    let out = t.run();
    assert_eq!(out.code, 1, "{}", out.stderr);
    out.json()
}

/// Open subjects of one category at the date, counted from a unit file.
fn open_subjects(file: &str, category: &str) -> i64 {
    let text = std::fs::read_to_string(file).unwrap();
    let data: Value = serde_saphyr::from_str(&text).unwrap();
    let day = |v: &Value| v.as_str().map(str::to_string);
    data["subjects"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["category"] == category)
        .filter(|s| day(&s["opened"]).is_some_and(|o| o.as_str() <= AS_OF))
        .filter(|s| day(&s["closed"]).is_none_or(|c| c.as_str() > AS_OF))
        .count() as i64
}

#[test]
fn pooled_figures_are_the_units_summed() {
    let dir = province();
    let plain = check(dir.path(), &[]);
    assert!(plain.get("rollup").is_none(), "no rollup unless asked");
    let json = check(dir.path(), &["--rollup"]);
    let rollup = &json["rollup"];
    assert_eq!((rollup["units"].as_u64(), rollup["pooled"].as_u64()), (Some(2), Some(2)));
    let units = json["units"].as_array().unwrap();
    let targets = rollup["targets"].as_array().unwrap();
    assert_eq!(targets.len(), 28);
    for target in targets {
        let id = target["id"].as_str().unwrap();
        assert!(target["rollup"].is_string(), "{id} declares its rollup");
        for r in target["requirements"].as_array().unwrap() {
            let label = r["label"].as_str().unwrap();
            let per_unit: Vec<&Value> = units
                .iter()
                .flat_map(|u| u["targets"].as_array().unwrap())
                .filter(|t| t["id"] == id)
                .flat_map(|t| t["requirements"].as_array().unwrap())
                .filter(|q| q["label"] == label)
                .collect();
            assert_eq!(r["units"].as_u64(), Some(per_unit.len() as u64), "{id} {label}");
            match target["rollup"].as_str().unwrap() {
                "pool" if r["whole"].is_i64() => {
                    let sum = |k: &str| per_unit.iter().map(|q| q[k].as_i64().unwrap()).sum::<i64>();
                    assert_eq!(
                        (r["part"].as_i64(), r["whole"].as_i64()),
                        (Some(sum("part")), Some(sum("whole"))),
                        "{id} {label}"
                    );
                    let (p, w) = (sum("part"), sum("whole"));
                    let threshold = r["threshold"].as_f64().unwrap();
                    let holds = match r["op"].as_str().unwrap() {
                        ">=" => p as f64 >= threshold * w as f64,
                        ">" => p as f64 > threshold * w as f64,
                        "<=" => p as f64 <= threshold * w as f64,
                        _ => continue,
                    };
                    assert_eq!(r["status"] == "pass", holds && w > 0, "{id} {label}: {r}");
                }
                "pool" => {
                    let sum: f64 = per_unit.iter().map(|q| q["measured"].as_f64().unwrap()).sum();
                    assert_eq!(r["part"].as_f64(), Some(sum), "{id} {label}");
                    let thresholds: f64 = per_unit.iter().map(|q| q["threshold"].as_f64().unwrap()).sum();
                    assert_eq!(r["threshold"].as_f64(), Some(thresholds), "{id} {label}");
                }
                "each" => {
                    let met = per_unit.iter().filter(|q| q["status"] == "pass").count() as i64;
                    assert_eq!(r["part"].as_i64(), Some(met), "{id} {label}");
                    assert_eq!(r["status"] == "pass", Some(met) == r["whole"].as_i64(), "{id} {label}");
                }
                other => panic!("{id}: {other}"),
            }
        }
    }
    // 06, counted again from the files: open category-B subjects against A.
    let t06 = targets.iter().find(|t| t["id"] == "06").unwrap();
    let open_b = &t06["requirements"][0];
    let files = [dir.path().join("a.yaml"), dir.path().join("b.yaml")];
    let count = |c: &str| files.iter().map(|f| open_subjects(f.to_str().unwrap(), c)).sum::<i64>();
    assert_eq!(open_b["part"].as_i64(), Some(count("B")));
    assert_eq!(open_b["threshold"].as_f64(), Some(count("A") as f64));
    assert_eq!(open_b["threshold_source"], "measured");
    assert_eq!(open_b["threshold_origin"]["kind"], "measured");
    // A share's threshold keeps the file that set it.
    let t07 = &targets.iter().find(|t| t["id"] == "07").unwrap()["requirements"][0];
    assert_eq!(t07["threshold_source"], "rules/suu-tra/07-loai-b-co-ctvbm.rhai");
}

#[test]
fn the_province_table_follows_the_units_in_human_and_markdown() {
    let dir = province();
    let args = ["check", "--data", dir.path().to_str().unwrap(), "--as-of", AS_OF, "--rollup"];
    let human = Test::new().default_language().args(args).run();
    assert_eq!(human.code, 1);
    assert!(human.stdout.contains("Toàn tỉnh (2 đơn vị, gộp được 2)"), "{}", human.stdout);
    let t07 = human.stdout.lines().find(|l| l.starts_with("| 07")).unwrap();
    assert!(t07.contains("cộng gộp") && t07.contains("Không đạt"), "{t07}");
    let md = Test::new().args(args).args(["--format", "markdown"]).run();
    assert!(md.stdout.contains("## Province (2 units, 2 pooled)"), "{}", md.stdout);
    let junit = Test::new().args(args).args(["--format", "junit"]).run();
    assert_eq!(junit.code, 2);
    assert!(junit.stderr.contains("--rollup goes with --format human, json or markdown"));
}

#[test]
fn the_report_shows_the_province_figure_beside_the_pass_rates() {
    let dir = province();
    let json = check(dir.path(), &["--rollup"]);
    let t07 =
        &json["rollup"]["targets"].as_array().unwrap().iter().find(|t| t["id"] == "07").unwrap()["requirements"][0];
    let (part, whole) = (t07["part"].as_i64().unwrap(), t07["whole"].as_i64().unwrap());
    let page = dir.path().join("r.html");
    let out = Test::new()
        .args(["report", "--data", dir.path().to_str().unwrap(), "--as-of", AS_OF, "--output", page.to_str().unwrap()])
        .run();
    assert!(out.code <= 1, "{}", out.stderr);
    let html = std::fs::read_to_string(&page).unwrap();
    let row = html.split("<tr id=\"t-07\">").nth(1).unwrap().split("</tr>").next().unwrap();
    assert!(row.contains(&format!("({part}&#x2f;{whole}) — fail")), "{row}");
}

/// Every shipped rule says in its interpretation, in both languages, how
/// the province's figure reads, and says it as its `rollup:` header does:
/// sums for `pool`, the share of units for `each`.
#[test]
fn every_rules_interpretation_says_how_the_province_reads() {
    let mut files = Vec::new();
    let mut stack = vec![std::path::PathBuf::from("rules")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() && !path.ends_with("lib") {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rhai") {
                files.push(path);
            }
        }
    }
    assert_eq!(files.len(), 28);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let header: String =
            text.lines().take_while(|l| l.starts_with("//!")).map(|l| format!("{}\n", &l[3..])).collect();
        let meta: Value = serde_saphyr::from_str(&header).unwrap();
        let (vi, en) = (meta["interpretation"]["vi"].as_str().unwrap(), meta["interpretation"]["en"].as_str().unwrap());
        let at = file.display();
        let vi = &vi[vi.find("Toàn tỉnh: ").unwrap_or_else(|| panic!("{at}: no province reading in vi"))..];
        let en = &en[en.find("Province: ").unwrap_or_else(|| panic!("{at}: no province reading in en"))..];
        match meta["rollup"].as_str().unwrap() {
            "pool" => {
                assert!(vi.contains("cộng"), "{at}: {vi}");
                assert!(en.contains("summed"), "{at}: {en}");
            }
            "each" => {
                assert!(vi.starts_with("Toàn tỉnh: tỷ lệ đơn vị đạt"), "{at}: {vi}");
                assert!(en.starts_with("Province: the share of units meeting"), "{at}: {en}");
            }
            other => panic!("{at}: rollup {other}"),
        }
    }
}
