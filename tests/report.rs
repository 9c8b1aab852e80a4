//! `chitieu report`: one self-contained HTML file. What can be checked
//! without a browser: the file is complete and closed to the network, text
//! from the data is escaped, the matrix and pass rates are right, names stay
//! out, waivers show. `tests/browser.rs` opens it in Chromium.

mod common;

use common::Test;

fn report(args: &[&str]) -> (String, common::Output) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.html");
    let mut test = Test::new().args(["report", "--output", path.to_str().unwrap()]);
    for a in args {
        test = test.arg(a);
    }
    let out = test.run();
    let html = std::fs::read_to_string(&path).unwrap_or_default();
    (html, out)
}

/// The JSON of each unit's detail, as the page's script reads it.
fn details(html: &str) -> Vec<serde_json::Value> {
    html.split(r#"<script type="application/json" class="detail">"#)
        .skip(1)
        .map(|rest| serde_json::from_str(rest.split("</script>").next().unwrap()).unwrap())
        .collect()
}

#[test]
fn the_sample_is_one_closed_page_with_every_target() {
    let (html, out) = report(&["--lang", "vi"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(html.starts_with("<!doctype html>\n<html lang=\"vi\">"));
    assert!(html.contains(r#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">"#));
    // Nothing from elsewhere: no URL a browser would fetch.
    for forbidden in ["http://", "https://", "src=", "<link", "@import", "url("] {
        let hits: Vec<&str> = html.match_indices(forbidden).map(|(i, _)| &html[i.saturating_sub(40)..i + 40]).collect();
        let allowed = |h: &&str| h.contains("http://www.w3.org/2000/svg");
        assert!(hits.iter().all(allowed), "{forbidden}: {hits:?}");
    }
    assert!(html.contains("23 đạt, 5 không đạt, 0 chưa đến hạn, 0 không áp dụng, 0 lỗi"));
    assert!(html.contains(r#"<details class="unit" id="u1" open>"#), "one unit opens by itself");
    let detail = &details(&html)[0];
    let targets = detail["t"].as_array().unwrap();
    assert_eq!(targets.len(), 28);
    let t07 = targets.iter().find(|t| t["id"] == "07").unwrap();
    assert_eq!(t07["s"], "f");
    assert_eq!(t07["q"][0]["m"], "97,2% (35/36)");
    assert_eq!(t07["q"][0]["o"][0], serde_json::json!(["ST047", 512]));
    // Twelve statistics months, the cut-offs marked where the period puts them.
    let series = &detail["series"];
    assert_eq!(series["m"].as_array().unwrap().len(), 12);
    assert_eq!(series["m"][0], "11/2023");
    assert_eq!(series["c"][5], "6 tháng");
    assert_eq!(series["c"][8], "9 tháng");
    assert_eq!(series["c"][11], "năm");
    let s07 = series["t"].as_array().unwrap().iter().find(|t| t["id"] == "07").unwrap();
    assert_eq!(s07["s"].as_str().unwrap().len(), 12);
    assert!(s07["s"].as_str().unwrap().ends_with('f'));
    // The footer traces the inputs.
    assert!(html.contains("chitieu 0.1.0 · 33 tệp đầu vào, mã kiểm tra "), "{}", &html[html.len() - 3000..]);
}

#[test]
fn each_month_of_the_chart_is_what_check_gives_that_day() {
    let (html, _) = report(&["--lang", "en"]);
    let series = details(&html)[0]["series"].clone();
    let months: Vec<&str> = series["m"].as_array().unwrap().iter().map(|m| m.as_str().unwrap()).collect();
    for (i, month) in months.iter().enumerate().step_by(4) {
        let (mm, yyyy) = month.split_once('/').unwrap();
        let day = format!("{yyyy}-{mm}-13");
        let check = Test::new().args(["check", "--format", "json", "--as-of", &day]).run().json();
        for target in series["t"].as_array().unwrap() {
            let code = target["s"].as_str().unwrap().chars().nth(i).unwrap();
            let status = common::status(&check, target["id"].as_str().unwrap());
            let expected = match status.as_str() {
                "pass" => 'p',
                "fail" => 'f',
                "pending" => 'w',
                "n/a" => 'n',
                _ => 'e',
            };
            assert_eq!(code, expected, "{} on {day}", target["id"]);
        }
    }
}

#[test]
fn a_folder_is_a_matrix_with_pass_rates_and_hostile_text_stays_text() {
    let (html, out) = report(&["--data", "tests/fixtures/data", "--lang", "en"]);
    assert_eq!(out.code, 2, "invalid units are reported: {}", out.stderr);
    assert!(!html.contains("<script>alert(1)"), "the unit id is escaped");
    assert!(!html.contains("<b>đậm</b>"));
    assert!(!html.contains('\u{1b}'));
    assert!(html.contains("CAH-&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"));
    // In JSON for the script, `<` never appears raw.
    let bodies = html.split(r#"<script type="application/json""#).skip(1);
    for body in bodies.map(|b| b.split_once('>').unwrap().1.split("</script>").next().unwrap()) {
        assert!(!body.contains('<'), "{}", &body[..body.len().min(300)]);
    }
    assert!(
        html.contains(r"CAH-\u003cscript\u003ealert(1)\u003c/script\u003e") || !html.contains("alert(1)</"),
        "escaped in JSON"
    );
    // A row per unit linking to its section; invalid units say so.
    for n in 1..=7 {
        assert!(html.contains(&format!(r##"<a href="#u{n}">"##)), "u{n}");
        assert!(html.contains(&format!(r#"<details class="unit" id="u{n}">"#)), "u{n}");
    }
    assert!(html.contains(r#"<tr data-unit="bad-enum" data-fails="#));
    assert!(html.contains("! The data has 1 problem; no target was evaluated."));
    // The matrix, sortable, and the pass rates as a chart with their numbers.
    let matrix = &html[html.find(r#"<section id="matrix""#).unwrap()..html.find(r#"<section id="rates""#).unwrap()];
    insta::assert_snapshot!("folder_matrix", matrix);
    assert!(html.contains(r#"<button type="button" data-sort="fails" aria-pressed="false">Sort by failures</button>"#));
    let rates = &html[html.find(r#"<section id="rates""#).unwrap()..html.find(r#"<section id="targets""#).unwrap()];
    assert!(rates.contains("<svg class=\"chart bars\""));
    assert!(rates.contains(r##"<a href="#t-17"><text x="0" y="302" class="label">17</text></a>"##), "{rates}");
    assert!(rates.contains(">50% (1/2)</text>"), "{rates}");
}

#[test]
fn names_stay_out_unless_asked_and_waivers_show() {
    let unit = chitieu::dataset::load(
        std::path::Path::new("data/binh-luc-2024.yaml"),
        Default::default(),
        &chitieu::model::Model::shipped(),
    )
    .unwrap();
    let names: Vec<String> = chitieu::dataset::personal_names(&unit.data).into_iter().map(|(name, _)| name).collect();
    let rules = "tests/fixtures/rules/names";
    let (html, _) = report(&["--rules", rules]);
    let found: Vec<&String> = names.iter().filter(|n| html.contains(n.as_str())).collect();
    assert!(found.is_empty(), "{found:?}");
    let (html, _) = report(&["--rules", rules, "--show-names"]);
    assert!(names.iter().any(|n| html.contains(n.as_str())), "--show-names shows them");

    let (html, out) = report(&["--waivers", "tests/fixtures/waivers/st047.yaml", "--lang", "en", "--only", "07"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let t07 = &details(&html)[0]["t"][0];
    assert_eq!(t07["s"], "p");
    assert_eq!(t07["pw"], true);
    assert_eq!(t07["q"][0]["m"], "100% (35/35) (1 waived)");
    assert!(t07["q"][0]["w"][0].as_str().unwrap().contains("ST047 waived"), "{t07}");
    assert!(html.contains("1 target passed only thanks to a waiver"));
}

#[test]
fn a_report_that_cannot_be_written_says_so_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing/r.html");
    let out = Test::new().args(["report", "--output", path.to_str().unwrap()]).run();
    assert_eq!(out.code, 2);
    assert!(!path.exists());
    assert!(!out.stderr.is_empty());
    assert!(!out.stderr.contains("panicked"));
}

#[test]
fn the_page_is_written_in_pieces_and_appears_whole_or_not_at_all() {
    // A folder: details are spooled beside the output while units are
    // evaluated; nothing but the page is left.
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("r.html");
    let out = Test::new().args(["report", "--data", "tests/fixtures/data", "--output", page.to_str().unwrap()]).run();
    assert_eq!(out.code, 2, "invalid units in the fixtures: {}", out.stderr);
    let left: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(left, ["r.html"]);
    let html = std::fs::read_to_string(&page).unwrap();
    // Every unit of the matrix has its details, in the same order, and the
    // page ends where the template does.
    let rows = html.matches("<tr data-unit=").count();
    assert_eq!(details(&html).len(), rows);
    assert_eq!(html.matches("<details class=\"unit\"").count(), rows);
    for (i, anchor) in (1..=rows).map(|i| (i, format!("<details class=\"unit\" id=\"u{i}\""))) {
        assert!(html.contains(&anchor), "unit {i}");
    }
    assert!(html.ends_with("</html>"), "{}", &html[html.len() - 40..]);
    assert_eq!(html.matches("</section>\n</main>").count(), 1);
    // A folder that cannot be written to: an error, and no page.
    let missing = dir.path().join("no-such-folder/r.html");
    let out = Test::new().args(["report", "--output", missing.to_str().unwrap()]).run();
    assert_eq!(out.code, 2);
    assert!(!missing.exists());
    assert!(out.stderr.contains("no-such-folder") || out.stderr.contains("No such file"), "{}", out.stderr);
}
