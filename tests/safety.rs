//! Issue 30: nothing the user has is ever lost. Each case was a way a run
//! destroyed or poisoned a user's files, or let text from an input break an
//! output; each refused run leaves every file byte-identical, and no run
//! leaves a temporary file behind.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::{Test, copy_tree};

const SAMPLE: &str = "data/binh-luc-2024.yaml";

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            let kind = std::fs::symlink_metadata(&path).unwrap().file_type();
            if kind.is_dir() {
                stack.push(path);
            } else if kind.is_file() {
                out.insert(path.clone(), std::fs::read(&path).unwrap());
            } else {
                out.insert(path.clone(), std::fs::read_link(&path).unwrap().into_os_string().into_encoded_bytes());
            }
        }
    }
    out
}

/// Temporary files chitieu left under `dir`.
fn leftovers(dir: &Path) -> Vec<PathBuf> {
    snapshot(dir).into_keys().filter(|p| p.to_string_lossy().contains("chitieu-")).collect()
}

/// A project: rules, data and a settings file, as a user has them.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(Path::new("rules"), &dir.path().join("rules"));
    copy_tree(Path::new("data"), &dir.path().join("data"));
    std::fs::write(dir.path().join("chitieu.yaml"), "rules: rules\ndata: data\n").unwrap();
    std::fs::write(dir.path().join(".gitignore"), "target/\n").unwrap();
    dir
}

fn in_project(dir: &Path) -> Test {
    Test::new().current_dir(dir).without_env("CI")
}

#[test]
fn a_folder_that_is_not_chitieus_is_never_used_or_removed_as_its_cache() {
    let p = project();
    let before = snapshot(p.path());
    // The project itself, and a folder of another program's, as the cache.
    let other = tempfile::tempdir().unwrap();
    std::fs::write(other.path().join(".gitignore"), "mine\n").unwrap();
    std::fs::write(other.path().join("data.db"), "another program's").unwrap();
    let other_before = snapshot(other.path());
    for cache in [p.path(), other.path()] {
        let cache = cache.to_str().unwrap();
        let run = in_project(p.path()).env("CHITIEU_CACHE_DIR", cache).env("CHITIEU_CACHE_LOG", "1").arg("check").run();
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(run.stderr.contains("not using the cache"), "{}", run.stderr);
        assert!(run.stderr.contains("holds other files"), "{}", run.stderr);
        assert!(!run.stderr.contains("cache: "), "the cache was read or written: {}", run.stderr);
        let clean = in_project(p.path()).env("CHITIEU_CACHE_DIR", cache).args(["cache", "clean"]).run();
        assert_eq!(clean.code, 0, "{}", clean.stderr);
        assert!(clean.stdout.contains("no cache at"), "{}", clean.stdout);
    }
    assert_eq!(snapshot(p.path()), before, "the project is as it was");
    assert_eq!(snapshot(other.path()), other_before, "the other program's folder is as it was");
}

#[test]
fn cache_clean_removes_only_chitieus_own_files_and_works_through_a_symlink() {
    let p = project();
    let real = p.path().join("real-cache");
    let link = p.path().join("cache-link");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&real, &link).unwrap();
    #[cfg(not(unix))]
    let link = real.clone();
    std::fs::create_dir(&real).unwrap();
    let cache = link.to_str().unwrap();
    let run = in_project(p.path()).env("CHITIEU_CACHE_DIR", cache).arg("check").run();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(real.join("CACHEDIR.TAG").is_file(), "made through the link");
    // Someone keeps a file of their own in it.
    std::fs::write(real.join("notes.txt"), "mine").unwrap();
    let clean = in_project(p.path()).env("CHITIEU_CACHE_DIR", cache).args(["cache", "clean"]).run();
    assert_eq!(clean.code, 0, "{}", clean.stderr);
    assert!(clean.stdout.contains("removed the cache") && clean.stdout.contains("(1 entry)"), "{}", clean.stdout);
    assert!(clean.stdout.contains("kept the folder"), "{}", clean.stdout);
    let left: Vec<String> =
        std::fs::read_dir(&real).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(left, ["notes.txt"], "the entries and the tag went, the stranger's file stayed");
    // Without the stranger's file, the folder goes too.
    std::fs::remove_file(real.join("notes.txt")).unwrap();
    in_project(p.path()).env("CHITIEU_CACHE_DIR", cache).arg("check").run();
    let clean = in_project(p.path()).env("CHITIEU_CACHE_DIR", cache).args(["cache", "clean"]).run();
    assert!(!clean.stdout.contains("kept"), "{}", clean.stdout);
    assert!(!real.exists());
}

#[cfg(unix)]
#[test]
fn a_cache_others_may_write_is_not_trusted() {
    use std::os::unix::fs::PermissionsExt;
    let p = project();
    let cache = p.path().join("cache");
    let env = cache.to_str().unwrap();
    let check = || {
        in_project(p.path())
            .env("CHITIEU_CACHE_DIR", env)
            .env("CHITIEU_CACHE_LOG", "1")
            .args(["check", "--format", "json"])
            .run()
    };
    let first = check();
    assert!(first.stderr.contains("cache: write"), "{}", first.stderr);
    assert!(check().stderr.contains("cache: hit"));
    // Group-writable: anyone in the group could forge an entry.
    std::fs::set_permissions(&cache, std::fs::Permissions::from_mode(0o770)).unwrap();
    let shared = check();
    assert!(
        shared.stderr.contains("not using the cache") && shared.stderr.contains("others may write"),
        "{}",
        shared.stderr
    );
    assert!(shared.stderr.contains("mode 770"), "{}", shared.stderr);
    assert!(!shared.stderr.contains("cache: hit"), "{}", shared.stderr);
    assert_eq!(shared.stderr.matches("not using the cache").count(), 1, "said once");
    assert_eq!(shared.stdout, first.stdout);
    std::fs::set_permissions(&cache, std::fs::Permissions::from_mode(0o700)).unwrap();
    assert!(check().stderr.contains("cache: hit"));
    // Made by another user (root can give it away; others cannot test it).
    if unsafe_geteuid_is_root()
        && std::process::Command::new("chown").args(["-R", "65534", env]).status().is_ok_and(|s| s.success())
    {
        let foreign = check();
        assert!(foreign.stderr.contains("another user owns it (uid 65534)"), "{}", foreign.stderr);
        assert!(!foreign.stderr.contains("cache: hit"));
        // An entry alone given away in a folder still ours is a miss.
        std::process::Command::new("chown").args(["0", env]).status().unwrap();
        let entry = snapshot(&cache).into_keys().find(|p| p.extension().is_some_and(|e| e == "bin")).unwrap();
        std::process::Command::new("chown").args(["0", entry.parent().unwrap().to_str().unwrap()]).status().unwrap();
        let miss = check();
        assert!(miss.stderr.contains("cache: miss"), "{}", miss.stderr);
    }
}

fn unsafe_geteuid_is_root() -> bool {
    std::process::Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0\n"))
}

#[test]
fn old_entries_are_pruned_by_a_run_that_writes_one() {
    let p = project();
    let cache = p.path().join("cache");
    let env = cache.to_str().unwrap();
    in_project(p.path()).env("CHITIEU_CACHE_DIR", env).arg("check").run();
    let old: Vec<PathBuf> =
        snapshot(&cache).into_keys().filter(|p| p.extension().is_some_and(|e| e == "bin")).collect();
    assert_eq!(old.len(), 1);
    // Unused for 40 days; then an edited unit writes a new entry.
    let forty_days = std::time::SystemTime::now() - std::time::Duration::from_secs(40 * 24 * 3600);
    std::fs::File::options().write(true).open(&old[0]).unwrap().set_modified(forty_days).unwrap();
    let unit = p.path().join(SAMPLE);
    let text = std::fs::read_to_string(&unit).unwrap().replace("as_of: 2024-10-13", "as_of: 2024-10-12");
    std::fs::write(&unit, text).unwrap();
    in_project(p.path()).env("CHITIEU_CACHE_DIR", env).arg("check").run();
    let now: Vec<PathBuf> =
        snapshot(&cache).into_keys().filter(|p| p.extension().is_some_and(|e| e == "bin")).collect();
    assert_eq!(now.len(), 1, "{now:?}");
    assert_ne!(now[0], old[0], "the old entry went, the new one stays");
}

#[test]
fn an_output_never_replaces_an_input_and_records_are_not_overwritten_unforced() {
    let p = project();
    let dir = p.path();
    let book = dir.join("data/b.xlsx");
    let export = in_project(dir).args(["export", SAMPLE, "--output", "data/b.xlsx"]).run();
    assert_eq!(export.code, 0, "{}", export.stderr);
    let before = snapshot(dir);
    let refused: &[(&[&str], &str)] = &[
        (&["import", "data/b.xlsx", "--output", "data/b.xlsx"], "written to a .yaml, .yml file"),
        (
            &["import", "data/b.xlsx", "--output", "data/binh-luc-2024.yaml"],
            "will not overwrite data/binh-luc-2024.yaml",
        ),
        (&["export", SAMPLE, "--output", "data/binh-luc-2024.yaml"], "written to a .xlsx file"),
        (&["export", SAMPLE, "--output", "data/b.xlsx"], "will not overwrite data/b.xlsx"),
        (&["template", "--output", "data/b.xlsx"], "will not overwrite data/b.xlsx"),
        (&["check", "--data", "data/b.xlsx", "--annotate", "data/b.xlsx"], "it is data/b.xlsx, an input of this run"),
        (&["check", "--data", "data/b.xlsx", "--annotate", "data/b.xlsx", "--force"], "an input of this run"),
        (&["report", "--output", "data/binh-luc-2024.yaml"], "written to a .html, .htm file"),
        (&["report", "--format", "docx", "--output", "r.html"], "written to a .docx file"),
        (&["check", "--format", "json", "--output", "data/../data/./binh-luc-2024.yaml"], "written to a .json file"),
        (&["check", "--format", "sarif", "--output", "chitieu.yaml"], "written to a .sarif, .json file"),
        (&["check", "--output", "data"], "written to a .txt, .log file"),
    ];
    for (args, says) in refused {
        let mut test = in_project(dir).env("CHITIEU_LANG", "en");
        for a in *args {
            test = test.arg(a);
        }
        let out = test.run();
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains(says), "{args:?}: {}", out.stderr);
        assert_eq!(snapshot(dir), before, "{args:?} changed a file");
    }
    // A unit given as JSON, named by another spelling: the same file.
    std::fs::write(dir.join("data/u.json"), "{}").unwrap();
    let json =
        in_project(dir).args(["check", "--format", "json", "--data", "data", "--output", "data/../data/u.json"]).run();
    assert_eq!(json.code, 2);
    assert!(json.stderr.contains("it is data/u.json, an input of this run"), "{}", json.stderr);
    assert_eq!(std::fs::read(dir.join("data/u.json")).unwrap(), b"{}");
    std::fs::remove_file(dir.join("data/u.json")).unwrap();
    // Forced, a records file is replaced; a symlink at the output is
    // replaced, never written through.
    let forced = in_project(dir).args(["template", "--output", "data/b.xlsx", "--force"]).run();
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert_ne!(std::fs::read(&book).unwrap(), before[&book]);
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.join(SAMPLE), dir.join("copy.yaml")).unwrap();
        let out = in_project(dir).args(["import", "data/b.xlsx", "--output", "copy.yaml", "--force"]).run();
        assert_eq!(out.code, 2, "the blank template is no unit: {}", out.stderr);
        let sample = dir.join(SAMPLE);
        assert_eq!(std::fs::read(&sample).unwrap(), before[&sample]);
    }
    assert!(leftovers(dir).is_empty(), "{:?}", leftovers(dir));
}

#[cfg(unix)]
#[test]
fn a_planted_temporary_name_is_never_followed() {
    let p = project();
    let dir = p.path();
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, "keep me").unwrap();
    // The names chitieu used to write to beside an output.
    for name in ["page.html.chitieu-tmp", "page.html.chitieu-spool", "r.json.chitieu-tmp"] {
        std::os::unix::fs::symlink(&victim, dir.join(name)).unwrap();
    }
    assert_eq!(in_project(dir).args(["report", "--output", "page.html"]).run().code, 0);
    assert_eq!(in_project(dir).args(["check", "--format", "json", "--output", "r.json"]).run().code, 1);
    assert_eq!(std::fs::read(&victim).unwrap(), b"keep me");
    assert!(std::fs::read_to_string(dir.join("page.html")).unwrap().ends_with("</html>"));
}

/// A folder of `n` copies of the generated unit, each its own id.
fn units(dir: &Path, n: usize) -> PathBuf {
    let folder = dir.join("units");
    std::fs::create_dir_all(&folder).unwrap();
    let text = std::fs::read_to_string("tests/fixtures/generated/unit.yaml").unwrap();
    for i in 0..n {
        let unit = text.replacen("id: CAH-0000,", &format!("id: CAH-0000-{i:03},"), 1);
        std::fs::write(folder.join(format!("u{i:03}.yaml")), unit).unwrap();
    }
    folder
}

#[cfg(unix)]
#[test]
fn sigterm_and_ctrl_c_leave_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let folder = units(dir.path(), 150);
    for signal in ["-TERM", "-INT"] {
        let out = dir.path().join("page.html");
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_chitieu"))
            .args(["report", "--no-cache", "--jobs", "1", "--data"])
            .arg(&folder)
            .arg("--output")
            .arg(&out)
            .current_dir(dir.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Until the spool exists: the run is writing.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while leftovers(dir.path()).is_empty() && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        assert!(!leftovers(dir.path()).is_empty(), "the report never started writing");
        std::process::Command::new("kill").args([signal, &child.id().to_string()]).status().unwrap();
        let status = child.wait_with_output().unwrap().status;
        assert!(!status.success(), "{signal}: stopped, not finished");
        assert!(leftovers(dir.path()).is_empty(), "{signal}: {:?}", leftovers(dir.path()));
        assert!(!out.exists(), "{signal}: no half page");
    }
}

#[test]
fn two_runs_to_one_output_leave_one_whole_page() {
    let dir = tempfile::tempdir().unwrap();
    let a = units(&dir.path().join("a"), 20);
    let b = dir.path().join("b");
    std::fs::create_dir_all(&b).unwrap();
    std::fs::copy(SAMPLE, b.join("binh-luc-2024.yaml")).unwrap();
    let out = dir.path().join("page.html");
    let run = |data: &Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_chitieu"))
            .args(["report", "--no-cache", "--data"])
            .arg(data)
            .arg("--output")
            .arg(&out)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    let (first, second) = (run(&a), run(&b));
    first.wait_with_output().unwrap();
    second.wait_with_output().unwrap();
    let page = std::fs::read_to_string(&out).unwrap();
    assert_eq!(page.matches("</html>").count(), 1);
    assert!(!page.contains('\0'));
    let from_a = page.contains("-000");
    let from_b = page.contains("CAH-BINHLUC");
    assert!(from_a != from_b, "one run's units, not a mix (a: {from_a}, b: {from_b})");
    assert!(leftovers(dir.path()).is_empty());
}

/// A unit whose every text holds every C0 control character (but tab and
/// line ends, which are text) and U+FFFE/U+FFFF.
fn control_unit(dir: &Path) -> PathBuf {
    let mut bad = String::new();
    for c in (0u32..0x20).filter(|c| ![9, 10, 13].contains(c)) {
        bad.push_str(&format!("\\x{c:02x}"));
    }
    bad.push_str("\\uFFFE\\uFFFF");
    let text = std::fs::read_to_string(SAMPLE)
        .unwrap()
        .replace("name: Công an huyện Bình Lục", &format!("name: \"Công an huyện {bad} Bình Lục\""))
        .replace("name: Trần Đức Hạnh", &format!("name: \"Trần Đức Hạnh {bad}\""));
    let path = dir.join("control.yaml");
    std::fs::write(&path, text).unwrap();
    path
}

/// The characters XML 1.0 forbids.
fn forbidden(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

#[test]
fn control_characters_from_a_unit_never_break_a_document() {
    let dir = tempfile::tempdir().unwrap();
    let unit = control_unit(dir.path());
    let unit = unit.to_str().unwrap();
    let json = Test::new().args(["check", "--data", unit, "--format", "json", "--no-cache"]).run().json();
    let name = json["units"][0]["name"].as_str().unwrap();
    assert!(name.contains('\u{1}') && name.contains('\u{FFFF}'), "the loader keeps them: {name:?}");
    // JUnit: an XML parser reads it whole.
    let junit = Test::new().args(["check", "--data", unit, "--format", "junit", "--no-cache", "--show-names"]).run();
    assert!(!junit.stdout.chars().any(forbidden));
    let mut reader = quick_xml::Reader::from_str(&junit.stdout);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("JUnit is not well-formed: {e}"),
        }
    }
    // SARIF: JSON, and no such character in any string.
    let sarif = Test::new().args(["check", "--data", unit, "--format", "sarif", "--no-cache"]).run();
    let value: serde_json::Value = serde_json::from_str(&sarif.stdout).unwrap();
    assert!(!value.to_string().chars().any(forbidden) && !value.to_string().contains("\\u0001"));
    // The HTML page.
    let page = dir.path().join("page.html");
    let out = Test::new()
        .args(["report", "--data", unit, "--no-cache", "--show-names", "--output", page.to_str().unwrap()])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(!html.chars().any(forbidden));
    assert!(html.contains("Công an huyện"));
    // The Word report and an exported workbook, opened by LibreOffice.
    let docx = dir.path().join("bao-cao.docx");
    let out = Test::new()
        .args(["report", "--data", unit, "--no-cache", "--show-names", "--output", docx.to_str().unwrap()])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let xml = unzip(&docx, "word/document.xml");
    assert!(!xml.chars().any(forbidden), "document.xml holds a forbidden character");
    let xlsx = dir.path().join("book.xlsx");
    let out = Test::new().args(["export", unit, "--output", xlsx.to_str().unwrap()]).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let converted = dir.path().join("converted");
    common::soffice(&["--convert-to", "txt:Text", docx.to_str().unwrap()], dir.path(), &converted);
    let text = std::fs::read_to_string(converted.join("bao-cao.txt")).unwrap();
    assert!(text.to_lowercase().contains("bình lục") && text.contains('\u{FFFD}'), "{text}");
    common::soffice(
        &["--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", xlsx.to_str().unwrap()],
        dir.path(),
        &converted,
    );
    let csv = std::fs::read_to_string(converted.join("book.csv")).unwrap();
    assert!(csv.contains("Bình Lục"), "{csv}");
}

fn unzip(path: &Path, entry: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(entry).unwrap().read_to_string(&mut text).unwrap();
    text
}

#[cfg(unix)]
#[test]
fn a_file_name_cannot_steer_the_terminal_or_forge_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let name = "a\u{1b}[2J\u{202e}`\n28 passed, 0 failed ✅\n<!--.yaml";
    let path = dir.path().join(name);
    std::fs::copy(SAMPLE, &path).unwrap();
    let data = dir.path().to_str().unwrap();
    for format in ["human", "markdown", "github"] {
        let out = Test::new()
            .args(["check", "--data", data, "--unit", "CAH-BINHLUC", "--format", format, "--no-cache"])
            .run();
        assert_eq!(out.code, 1, "{format}: {}", out.stderr);
        let all = format!("{}{}", out.stdout, out.stderr);
        assert!(!all.contains('\u{1b}') && !all.contains('\u{202e}'), "{format}: {all}");
        if format != "github" {
            assert!(all.contains("\\u{1b}[2J\\u{202e}"), "{format}: the name shows what it holds: {all}");
        }
        assert!(
            !all.lines().any(|l| l.trim_start().starts_with("28 passed") || l.starts_with("<!--")),
            "{format}: {all}"
        );
    }
    let md = Test::new()
        .args(["check", "--data", data, "--unit", "CAH-BINHLUC", "--format", "markdown", "--no-cache"])
        .run();
    assert!(md.stdout.contains("``"), "a fence longer than the name's backtick: {}", md.stdout);
    let explain = Test::new().args(["explain", "07", "--data", data, "--unit", "CAH-BINHLUC", "--no-cache"]).run();
    assert!(!explain.stdout.contains('\u{1b}') && !explain.stdout.contains('\u{202e}'), "{}", explain.stdout);
}

#[test]
fn bidi_overrides_in_data_reach_neither_terminal_nor_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let unit = dir.path().join("u.yaml");
    let text =
        std::fs::read_to_string(SAMPLE).unwrap().replace("name: Công an huyện Bình Lục", "name: \"Bình \u{202e}cụL\"");
    std::fs::write(&unit, text).unwrap();
    for format in ["human", "markdown"] {
        let out = Test::new().args(["check", "--data", unit.to_str().unwrap(), "--format", format, "--no-cache"]).run();
        assert!(out.stdout.contains("Bình"), "{}", out.stdout);
        assert!(!out.stdout.contains('\u{202e}'), "{format}: {}", out.stdout);
    }
}

#[cfg(unix)]
#[test]
fn a_file_is_size_checked_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    // A file without end, as a unit and as the data itself.
    let zero = dir.path().join("zero.yaml");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    for data in [zero.to_str().unwrap(), "/dev/zero"] {
        let started = std::time::Instant::now();
        let out = Test::new().env("CHITIEU_LANG", "en").args(["check", "--data", data, "--no-cache"]).run();
        assert_eq!(out.code, 2, "{}", out.stderr);
        assert!(out.stdout.contains("over the limit of 16777216 bytes"), "{}{}", out.stdout, out.stderr);
        assert!(started.elapsed() < std::time::Duration::from_secs(30));
    }
    // Waivers, overlays and settings files likewise.
    let waivers =
        Test::new().env("CHITIEU_LANG", "en").args(["check", "--waivers", zero.to_str().unwrap(), "--no-cache"]).run();
    assert_eq!(waivers.code, 2, "{}", waivers.stderr);
    assert!(waivers.stdout.contains("zero.yaml is too large"), "{}", waivers.stdout);
    let overlay = Test::new()
        .env("CHITIEU_LANG", "en")
        .args(["check", "--directive", zero.to_str().unwrap(), "--no-cache"])
        .run();
    assert_eq!(overlay.code, 2, "{}", overlay.stderr);
    assert!(format!("{}{}", overlay.stdout, overlay.stderr).contains("zero.yaml is too large"), "{}", overlay.stderr);
}

#[test]
fn a_name_typed_another_way_is_still_redacted() {
    let dir = tempfile::tempdir().unwrap();
    let waivers = dir.path().join("w.yaml");
    let variants = ["TRẦN ĐỨC HẠNH", "Trần  Đức Hạnh", "Tran Duc Hanh", "trần đức hạnh"];
    let text = format!(
        "waivers:\n  - target: \"07\"\n    unit: CAH-BINHLUC\n    records: {{ subjects: [ST047] }}\n    \
         reason: \"đề nghị của đồng chí {}\"\n    \
         decision: {{ number: 45/QĐ-CAH, date: 2024-05-02, issuer: \"{}\" }}\n    \
         from: 2024-05-02\n    until: 2024-12-31\n",
        variants.join(", "),
        variants[2]
    );
    std::fs::write(&waivers, text).unwrap();
    let w = waivers.to_str().unwrap();
    for format in ["sarif", "markdown", "junit", "github"] {
        let out = Test::new().args(["check", "--only", "07", "--waivers", w, "--format", format, "--no-cache"]).run();
        assert!(out.code < 2, "{format}: {}", out.stderr);
        let folded = out.stdout.to_lowercase();
        for v in variants {
            assert!(!folded.contains(&v.to_lowercase()), "{format} shows {v}: {}", out.stdout);
        }
        assert!(!folded.contains("tran duc hanh") && !folded.contains("hạnh"), "{format}: {}", out.stdout);
    }
}

/// The sample exported, with row 5 and column D of the subjects' sheet and
/// the personas' sheet hidden, as Excel marks them.
fn hidden_workbook(dir: &Path) -> PathBuf {
    use std::io::{Read, Write};
    let plain = dir.join("plain.xlsx");
    // Sheets named in Vietnamese, as a clerk's workbook has them.
    let out = Test::new().default_language().args(["export", SAMPLE, "--output", plain.to_str().unwrap()]).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&plain).unwrap()).unwrap();
    let workbook = {
        let mut s = String::new();
        zip.by_name("xl/workbook.xml").unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let sheet_of = |name: &str| {
        let at = workbook.find(&format!("<sheet name=\"{name}\"")).unwrap();
        let id = &workbook[at..].split("r:id=\"rId").nth(1).unwrap();
        format!("xl/worksheets/sheet{}.xml", id.split('"').next().unwrap())
    };
    let subjects = sheet_of("Đối tượng sưu tra");
    let path = dir.join("hidden.xlsx");
    let mut out = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut text = String::new();
        entry.read_to_string(&mut text).unwrap();
        if name == subjects {
            assert!(text.contains("<row r=\"5\"") && text.contains("<col min=\"4\" max=\"4\""));
            text = text.replacen("<row r=\"5\"", "<row r=\"5\" hidden=\"1\"", 1);
            text = text.replacen("<col min=\"4\" max=\"4\"", "<col min=\"4\" max=\"4\" hidden=\"1\"", 1);
        }
        if name == "xl/workbook.xml" {
            text = text.replacen("<sheet name=\"Vai ảo\"", "<sheet name=\"Vai ảo\" state=\"hidden\"", 1);
        }
        out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }
    out.finish().unwrap();
    path
}

#[test]
fn hidden_rows_columns_and_sheets_are_counted_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let book = hidden_workbook(dir.path());
    let data = book.to_str().unwrap();
    let json = Test::new().args(["check", "--data", data, "--only", "07", "--format", "json"]).run().json();
    let unit = &json["units"][0];
    // Counted as before: the sample's 35/36.
    let requirement = &unit["targets"][0]["requirements"][0];
    assert_eq!((requirement["part"].as_u64(), requirement["whole"].as_u64()), (Some(35), Some(36)), "{requirement}");
    let warnings: Vec<(String, String)> = unit["data_warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| (w["code"].as_str().unwrap().to_string(), w["message"].as_str().unwrap().to_string()))
        .collect();
    let codes: Vec<&str> = warnings.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(codes, ["data::hidden-rows", "data::hidden-columns", "data::hidden-sheet"], "{warnings:?}");
    assert!(warnings[0].1.contains("«Đối tượng sưu tra»: hidden row 5;"), "{warnings:?}");
    assert!(warnings[1].1.contains("hidden columns: D;"), "{warnings:?}");
    assert!(warnings[2].1.contains("«Vai ảo»"), "{warnings:?}");
    // The terminal, lint and the report say so too.
    let human = Test::new().args(["check", "--data", data, "--only", "07"]).run();
    let shown: Vec<&str> = human.stdout.split("\n\n").filter(|b| b.trim_start().starts_with("! ")).collect();
    insta::assert_snapshot!("hidden_rows_human", shown.join("\n\n").replace(data, "hidden.xlsx"));
    let lint = Test::new().args(["lint", "--data", data]).run();
    assert!(lint.stderr.contains("hidden row 5;"), "{}", lint.stderr);
    let page = dir.path().join("page.html");
    Test::new().args(["report", "--data", data, "--output", page.to_str().unwrap()]).run();
    assert!(std::fs::read_to_string(&page).unwrap().contains("hidden row 5;"));
    // --annotate marks each hidden row and column.
    let marked = dir.path().join("marked.xlsx");
    let out = Test::new().args(["check", "--data", data, "--only", "07", "--annotate", marked.to_str().unwrap()]).run();
    assert!(out.stderr.contains("marked.xlsx"), "{}", out.stderr);
    let notes: String = (1..=30)
        .filter_map(|i| {
            let mut zip = zip::ZipArchive::new(std::fs::File::open(&marked).unwrap()).ok()?;
            let mut s = String::new();
            std::io::Read::read_to_string(&mut zip.by_name(&format!("xl/comments{i}.xml")).ok()?, &mut s).ok()?;
            Some(s)
        })
        .collect();
    assert!(notes.contains("hidden row 5;"), "{notes}");
    assert!(notes.contains("hidden columns: D;"), "{notes}");
}

#[test]
fn libreoffices_own_ods_names_its_hidden_rows_too() {
    let dir = tempfile::tempdir().unwrap();
    let book = hidden_workbook(dir.path());
    common::soffice(&["--convert-to", "ods", book.to_str().unwrap()], dir.path(), dir.path());
    let ods = dir.path().join("hidden.ods");
    let json =
        Test::new().args(["check", "--data", ods.to_str().unwrap(), "--only", "07", "--format", "json"]).run().json();
    let codes: Vec<&str> =
        json["units"][0]["data_warnings"].as_array().unwrap().iter().map(|w| w["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["data::hidden-rows", "data::hidden-columns", "data::hidden-sheet"], "{json}");
}
