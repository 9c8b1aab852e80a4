//! The HTML report in a real browser: headless Chromium loads the page,
//! runs its script, and the DOM it leaves is checked (unit ids, statuses,
//! links, a unit's drill-down with its charts); a screenshot and a
//! print-to-PDF are taken; any console message or Content-Security-Policy
//! violation fails the test. Without a browser the test says SKIPPED past
//! the harness's capture (and fails under `CI`, where `.ci/run` installs
//! Debian's `chromium`).

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::Test;

/// Chromium: `CHROMIUM` if set, else the first of the usual names on PATH.
fn browser() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

fn browser_or_skip(test: &str) -> Option<PathBuf> {
    let found = browser();
    if found.is_none() {
        assert!(std::env::var_os("CI").is_none(), "{test}: no Chromium in CI (.ci/run installs it)");
        // Written past the test harness's capture, so it is never silent.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED {test}: no Chromium (install Debian's `chromium`, or set CHROMIUM to a Chrome binary)"
        );
    }
    found
}

struct Page {
    /// The DOM after the page's script ran.
    dom: String,
    /// What the browser logged: console messages and CSP violations.
    log: String,
}

/// Loads `url` in a fresh headless profile with `extra` arguments.
fn load(chromium: &Path, url: &str, extra: &[String]) -> Page {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=5000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(url)
        .output()
        .expect("Chromium runs");
    Page {
        dom: String::from_utf8_lossy(&out.stdout).into_owned(),
        log: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Console messages and policy violations the page caused.
fn complaints(log: &str) -> Vec<&str> {
    let bad = ["CONSOLE", "Content Security Policy", "Refused to", "Uncaught"];
    log.lines().filter(|l| bad.iter().any(|b| l.contains(b))).collect()
}

fn report(args: &[&str], dir: &Path) -> PathBuf {
    let path = dir.join("report.html");
    let mut test = Test::new().args(["report", "--output", path.to_str().unwrap()]);
    for a in args {
        test = test.arg(a);
    }
    let out = test.run();
    assert!(matches!(out.code, 0 | 2), "{}", out.stderr);
    path
}

fn url(path: &Path, fragment: &str) -> String {
    format!("file://{}{fragment}", path.canonicalize().unwrap().display())
}

#[test]
fn the_detector_sees_a_policy_violation_and_a_script_error() {
    let Some(chromium) = browser_or_skip("the_detector_sees_a_policy_violation_and_a_script_error") else { return };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("bad.html");
    std::fs::write(
        &page,
        r#"<!doctype html><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'">
<img src="https://example.invalid/x.png"><script>undefinedFunction();</script>"#,
    )
    .unwrap();
    let loaded = load(&chromium, &url(&page, ""), &["--dump-dom".into()]);
    let found = complaints(&loaded.log);
    assert!(found.iter().any(|l| l.contains("Content Security Policy") || l.contains("Refused to")), "{}", loaded.log);
    assert!(found.iter().any(|l| l.contains("Uncaught")), "{}", loaded.log);
}

#[test]
fn one_unit_renders_its_targets_charts_and_prints() {
    let Some(chromium) = browser_or_skip("one_unit_renders_its_targets_charts_and_prints") else { return };
    let dir = tempfile::tempdir().unwrap();
    let path = report(&["--lang", "vi"], dir.path());
    let page = load(&chromium, &url(&path, ""), &["--dump-dom".into()]);
    assert!(complaints(&page.log).is_empty(), "{:#?}", complaints(&page.log));
    let dom = &page.dom;
    assert!(dom.contains(r#"<details class="unit" id="u1" open="" data-drawn="1">"#), "the unit is drawn");
    // Every target's row, with its status as a symbol and a word.
    assert_eq!(dom.matches(r#"<tr id="u1-"#).count(), 28);
    assert!(dom.contains(r#"<tr id="u1-07" data-status="f">"#));
    assert!(dom.contains(r#"<span class="s-fail"><b aria-hidden="true">✗</b> Không đạt</span>"#));
    // Why 07 failed: the requirement, the threshold's source, the record.
    let why = dom
        .split(r#"<section class="why s-fail" id="u1-why-07">"#)
        .nth(1)
        .expect("07's why")
        .split("</section>")
        .next()
        .unwrap();
    assert!(why.contains("97,2% (35/36)"), "{why}");
    assert!(why.contains("Ngưỡng: min_share, mặc định trong rules/suu-tra/07-loai-b-co-ctvbm.rhai"), "{why}");
    assert!(why.contains("<code>ST047</code>") && why.contains("(dòng 512)"), "{why}");
    // A chart per requirement, months and cut-offs on it.
    let charts = dom.matches(r#"<figure class="chart-box""#).count();
    assert!(charts >= 28, "{charts} charts");
    let chart07 =
        dom.split(r#"<figure class="chart-box" data-target="07">"#).nth(1).unwrap().split("</figure>").next().unwrap();
    assert!(chart07.contains(r#"<svg viewBox="0 0 360 136" role="img" class="chart line""#), "{chart07}");
    assert_eq!(chart07.matches("<circle").count(), 12, "{chart07}");
    for cut in ["6 tháng", "9 tháng", "năm"] {
        assert!(chart07.contains(&format!(">{cut}</text>")), "{cut}: {chart07}");
    }
    assert!(chart07.contains(">ngưỡng 100%</text>"), "{chart07}");

    // What a person sees, and what prints on A4.
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&shots).unwrap();
    let png = shots.join("report-unit.png");
    let pdf = shots.join("report-unit.pdf");
    let page = load(
        &chromium,
        &url(&path, ""),
        &[format!("--screenshot={}", png.display()), "--window-size=1280,1600".into()],
    );
    assert!(complaints(&page.log).is_empty(), "{:#?}", complaints(&page.log));
    let image = std::fs::read(&png).unwrap();
    assert!(image.starts_with(b"\x89PNG") && image.len() > 20_000, "{} bytes", image.len());
    let page = load(
        &chromium,
        &url(&path, ""),
        &[format!("--print-to-pdf={}", pdf.display()), "--no-pdf-header-footer".into()],
    );
    assert!(complaints(&page.log).is_empty(), "{:#?}", complaints(&page.log));
    let document = std::fs::read(&pdf).unwrap();
    assert!(document.starts_with(b"%PDF") && document.len() > 20_000, "{} bytes", document.len());
    // Printing opens every unit: several A4 pages (page objects, not the
    // `/Pages` tree).
    let text = String::from_utf8_lossy(&document).into_owned();
    let mut pages = 0;
    for marker in ["/Type /Page", "/Type/Page"] {
        pages += text.match_indices(marker).filter(|(i, _)| !text[i + marker.len()..].starts_with('s')).count();
    }
    assert!(pages >= 2, "{pages} pages");
}

#[test]
fn a_folder_links_each_unit_and_opens_one_on_request() {
    let Some(chromium) = browser_or_skip("a_folder_links_each_unit_and_opens_one_on_request") else { return };
    let dir = tempfile::tempdir().unwrap();
    let path = report(&["--data", "tests/fixtures/data", "--lang", "en"], dir.path());
    // Closed by default: nothing drawn.
    let page = load(&chromium, &url(&path, ""), &["--dump-dom".into()]);
    assert!(complaints(&page.log).is_empty(), "{:#?}", complaints(&page.log));
    assert!(!page.dom.contains(r#"data-drawn="1""#), "no unit drawn before it is opened");
    for n in 1..=7 {
        assert!(page.dom.contains(&format!(r##"<a href="#u{n}">"##)), "u{n}");
    }
    // The hostile unit's id is text, never markup: no element came of it.
    assert!(page.dom.contains("CAH-&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!page.dom.contains("<script>alert(1)"));
    // A link to a unit's target opens that unit and draws it.
    let page = load(&chromium, &url(&path, "#u5-07"), &["--dump-dom".into()]);
    assert!(complaints(&page.log).is_empty(), "{:#?}", complaints(&page.log));
    assert!(page.dom.contains(r#"<details class="unit" id="u5" open="" data-drawn="1">"#), "u5 opened");
    assert!(page.dom.contains(r#"<tr id="u5-07" data-status="f">"#));
    assert_eq!(page.dom.matches(r#"data-drawn="1""#).count(), 1, "only the unit asked for");
    // A unit whose data is invalid says why when opened.
    let page = load(&chromium, &url(&path, "#u1"), &["--dump-dom".into()]);
    assert!(page.dom.contains(r#"<li class="err">tests/fixtures/data/bad-enum.yaml:"#), "u1's problems");
    // The hostile unit opened: its ids are text in the table too.
    let page = load(&chromium, &url(&path, "#u4"), &["--dump-dom".into()]);
    assert!(complaints(&page.log).is_empty(), "{:#?}", complaints(&page.log));
    assert!(
        page.dom.contains("<code>ST-&lt;i&gt;1&lt;/i&gt;|x</code>") || page.dom.contains("ST-&lt;i&gt;1&lt;/i&gt;|x")
    );
    assert!(!page.dom.contains("<i>1</i>"));
}
