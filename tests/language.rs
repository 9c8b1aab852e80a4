//! Vietnamese first: every word a person reads comes in Vietnamese by
//! default and in English on request; numbers and dates follow Vietnamese
//! conventions; machine outputs do not change with the language; the
//! project settings file is found, validated and overridden by flags.

mod common;

use std::path::Path;

use chitieu::i18n::{self, Lang};
use common::Test;

/// A run as a new user on a Vietnamese machine gets it: nothing set but
/// the locale.
fn vi() -> Test {
    Test::new().default_language().env("LANG", "vi_VN.UTF-8")
}

/// Words of the program's own English that must not appear in Vietnamese
/// output (rule code excerpts and data aside).
const ENGLISH: &[&str] = &[
    "passed",
    "failed",
    " pending",
    "n/a",
    "errors",
    "Target",
    "Status",
    "Measured",
    "Required",
    "measured",
    "required",
    "threshold",
    "as of",
    "help:",
    "default in",
    "Usage",
    "Options",
    "Commands",
    "Print help",
    "Parameters",
    "Requirements",
    "Interpretation",
    "Rule file",
    "problems",
    "no errors",
    "target::",
    "waiver::",
    "data::",
    "rule::",
    "rules in",
    "offending",
    "Deadline",
    "Section",
];

/// The program's own words: without the rule code a diagnostic quotes.
/// Diagnostic codes (`target::requirement`) are English identifiers: none
/// may stand in a Vietnamese page.
fn own_words(text: &str) -> String {
    text.lines().filter(|l| !l.contains(" | ") || l.contains("+--")).collect::<Vec<_>>().join("\n")
}

fn assert_no_english(what: &str, text: &str) {
    for word in ENGLISH {
        assert!(!text.contains(word), "{what} prints the English `{word}`:\n{text}");
    }
}

#[test]
fn check_speaks_vietnamese_by_default() {
    let out = vi().arg("check").run();
    assert_eq!(out.code, 1);
    // The rule code a diagnostic underlines is the rule's own text: only the
    // program's words are checked.
    let own = own_words(&out.stdout);
    assert_no_english("check", &own);
    assert!(
        out.stdout.contains(
            "| 07  | 100% đối tượng sưu tra loại B phải | Không đạt  | 97,2% (35/36) | >= 100%              |"
        )
    );
    assert!(out.stdout.contains("23 đạt, 5 không đạt, 0 chưa đến hạn, 0 không áp dụng, 0 lỗi"));
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn explain_speaks_vietnamese_by_default() {
    let out = vi().args(["explain", "07"]).run();
    assert_eq!(out.code, 1);
    let own = own_words(out.stdout.split("Mã nguồn quy tắc").next().unwrap());
    assert_no_english("explain", &own);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn every_command_and_help_speaks_vietnamese() {
    for args in [
        vec!["lint"],
        vec!["test"],
        vec!["list"],
        vec!["doc"],
        vec!["--help"],
        vec!["check", "--help"],
        vec!["explain", "--help"],
        vec!["diff", "--help"],
        vec!["chek"],
        vec!["check", "--as-of", "2024-13-01"],
    ] {
        let mut t = vi();
        for a in &args {
            t = t.arg(a);
        }
        let out = t.run();
        let text = format!("{}{}", out.stdout, out.stderr);
        // Case names in rules/tests and parameter names are the pack's own.
        let own: String = own_words(&text).lines().filter(|l| !l.starts_with("đạt ")).collect::<Vec<_>>().join("\n");
        assert_no_english(&args.join(" "), &own);
    }
}

#[test]
fn english_on_request_is_todays_english() {
    let english = Test::new().arg("check").run().stdout;
    assert!(english.contains("23 passed, 5 failed, 0 pending, 0 n/a, 0 errors"));
    assert_eq!(vi().args(["--lang", "en", "check"]).run().stdout, english);
    assert_eq!(vi().args(["check", "--lang=en"]).run().stdout, english);
    assert_eq!(vi().env("CHITIEU_LANG", "en").arg("check").run().stdout, english);
    assert_eq!(
        Test::new().env("CHITIEU_LANG", "en").args(["--lang", "vi", "check"]).run().stdout,
        vi().arg("check").run().stdout,
        "the flag wins"
    );
    let help = vi().args(["--lang", "en", "--help"]).run().stdout;
    assert!(help.contains("Usage: chitieu [OPTIONS] <COMMAND>"), "{help}");
    insta::assert_snapshot!(
        "english_failing_requirement",
        english.split("\n\n").find(|p| p.contains("target 07 failed")).unwrap()
    );
}

#[test]
fn a_locale_of_c_or_english_does_not_switch_to_english() {
    for locale in ["C", "en_US.UTF-8", "POSIX"] {
        let out = Test::new().default_language().env("LANG", locale).env("LC_ALL", locale).arg("check").run();
        assert!(out.stdout.contains("Không đạt"), "{locale}: {}", out.stdout);
    }
}

#[test]
fn json_is_the_same_in_both_languages_but_the_human_text() {
    let json = |lang: &str| Test::new().args(["check", "--format", "json", "--lang", lang]).run().json();
    let (mut vi, mut en) = (json("vi"), json("en"));
    assert_ne!(vi, en);
    // The documented human-text fields (docs/json-output.md).
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                for key in ["label", "status_label", "notes", "what", "message"] {
                    m.remove(key);
                }
                m.values_mut().for_each(strip);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    assert_eq!(vi["units"][0]["targets"][6]["status_label"], "Không đạt");
    assert_eq!(en["units"][0]["targets"][6]["status_label"], "fail");
    assert_eq!(vi["units"][0]["targets"][6]["status"], "fail");
    strip(&mut vi);
    strip(&mut en);
    assert_eq!(vi, en);
}

#[test]
fn every_shipped_rule_speaks_both_languages() {
    let pack = chitieu::rules::RulePack::load_with_directives(Path::new("rules"), &[]);
    for rule in &pack.rules {
        let meta = rule.meta.as_ref().unwrap();
        assert!(meta.interpretation.as_ref().is_some_and(|i| i.is_bilingual()), "{}: interpretation", rule.id);
        for (key, text) in &meta.labels {
            assert!(text.is_bilingual(), "{}: label {key} lacks a language", rule.id);
        }
    }
    // Every label and note the rules record, over the sample and every rule
    // test dataset, is one of those texts: it differs between the languages.
    let evaluator = chitieu::rules::Evaluator::new(&pack, Default::default());
    let (mut units, problems) = chitieu::ruletest::datasets(
        &chitieu::ruletest::case_files(Path::new("rules")),
        chitieu::model::Model::shipped_ref(),
    );
    assert!(problems.is_empty());
    let sample = chitieu::dataset::load(
        Path::new("data/binh-luc-2024.yaml"),
        Default::default(),
        &chitieu::model::Model::shipped(),
    )
    .unwrap();
    let as_of = sample.data.period.value.end;
    units.push((std::sync::Arc::new(sample), as_of));
    let mut seen = 0;
    for (unit, as_of) in units {
        let vi = i18n::with(Lang::Vi, || evaluator.evaluate(unit.clone(), as_of, None));
        let en = i18n::with(Lang::En, || evaluator.evaluate(unit.clone(), as_of, None));
        for (a, b) in vi.targets.iter().zip(&en.targets) {
            for (x, y) in a.requirements.iter().zip(&b.requirements) {
                assert_ne!(x.label, y.label, "{}: `{}` is not translated", a.id, x.label);
                for (n, m) in x.notes.iter().zip(&y.notes) {
                    assert_ne!(n, m, "{}: note `{n}` is not translated", a.id);
                }
                seen += 1;
            }
        }
    }
    assert!(seen > 1000, "{seen}");
}

#[test]
fn the_settings_file_is_found_above_and_flags_override_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::write(
        dir.path().join("chitieu.yaml"),
        format!(
            "# settings of this folder\nrules: {}\ndata: {}\nlanguage: en\n",
            root.join("rules").display(),
            root.join("data").display()
        ),
    )
    .unwrap();
    let below = dir.path().join("a/b");
    std::fs::create_dir_all(&below).unwrap();
    let out = Test::new().default_language().current_dir(&below).arg("check").run();
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stdout.contains("23 passed, 5 failed"), "{}", out.stdout);
    let out = Test::new().default_language().current_dir(&below).args(["check", "--lang", "vi"]).run();
    assert!(out.stdout.contains("23 đạt, 5 không đạt"), "{}", out.stdout);
    let out = Test::new()
        .default_language()
        .current_dir(&below)
        .args(["check", "--data", root.join("tests/fixtures/data/small.yaml").to_str().unwrap()])
        .run();
    assert!(out.stdout.contains("CAH-THU"), "the --data flag wins: {}", out.stdout);

    std::fs::write(dir.path().join("chitieu.yaml"), "format: json\n").unwrap();
    let out = Test::new()
        .current_dir(&below)
        .args(["check", "--rules", root.join("rules").to_str().unwrap(), "--data", root.join("data").to_str().unwrap()])
        .run();
    assert!(out.stdout.starts_with("{\n  \"version\": 1"), "format from the settings: {}", out.stdout);

    std::fs::write(dir.path().join("chitieu.yaml"), "information_uri: https://git.example.vn/chitieu\n").unwrap();
    let out = Test::new()
        .current_dir(&below)
        .args(["check", "--format", "sarif", "--rules", root.join("rules").to_str().unwrap()])
        .args(["--data", root.join("data").to_str().unwrap()])
        .run();
    let sarif: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(sarif["runs"][0]["tool"]["driver"]["informationUri"], "https://git.example.vn/chitieu");
}

/// (file, problem code, line)
/// Each hostile settings file, what its diagnostic says (codes are for JSON
/// and SARIF, not the terminal) and the line it points at.
const SETTINGS: &[(&str, &str, Option<u64>)] = &[
    ("unknown-key.yaml", "không có trường `languge`", Some(2)),
    ("bad-values.yaml", "`fr` không phải ngôn ngữ", Some(1)),
    ("syntax.yaml", "chitieu.yaml: cần một giá trị ở đây", Some(1)),
    ("wrong-type.yaml", "chitieu.yaml: cần một danh sách", Some(1)),
    ("alias.yaml", "không có trường `a`", Some(1)),
    ("not-utf8.yaml", "không phải văn bản UTF-8", None),
    ("huge.yaml", "tệp cấu hình tối đa 65536 byte", None),
    ("bad-uri.yaml", "không phải URI tuyệt đối", Some(1)),
];

#[test]
fn hostile_settings_files_are_errors_at_their_line() {
    for (file, says, line) in SETTINGS {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(format!("tests/hostile/settings/{file}"), dir.path().join("chitieu.yaml")).unwrap();
        let out = Test::new().current_dir(dir.path()).arg("list").run();
        assert_eq!(out.code, 2, "{file}: {}", out.stderr);
        assert!(out.stderr.contains(says), "{file}: {}", out.stderr);
        assert!(!out.stderr.contains("settings::"), "no code in the terminal: {}", out.stderr);
        if let Some(line) = line {
            assert!(out.stderr.contains(&format!("chitieu.yaml:{line}:")), "{file}: {}", out.stderr);
        }
        assert!(!out.stderr.contains("panicked"), "{file}");
    }
    // An empty settings file is no settings.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy("tests/hostile/settings/empty.yaml", dir.path().join("chitieu.yaml")).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Test::new().current_dir(dir.path()).args(["list", "--rules", root.join("rules").to_str().unwrap()]).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn text_is_compared_in_normal_form_and_columns_count_letters() {
    let dir = tempfile::tempdir().unwrap();
    // `ệ` written decomposed in the id, composed in the reference.
    let decomposed = "Nguye\u{0302}\u{0323}n";
    let text = [
        "unit: { id: U, name: Đơn vị }".to_string(),
        "period: { start: 2023-10-15, end: 2024-10-13 }".to_string(),
        "officers:".to_string(),
        format!("  - {{ id: {decomposed}, name: Cán bộ, role: leader }}"),
        "informants:".to_string(),
        "  - { id: X1, kind: agent, handler: Nguyễn, recruited: 2024-01-01 }".to_string(),
        "  - { id: X2, kind: agent, handler: Nguyễn, recruited: 2024-01-01, tên: Một }".to_string(),
    ]
    .join("\n");
    let path = dir.path().join("u.yaml");
    std::fs::write(&path, text).unwrap();
    let out = Test::new().args(["lint", "--data", path.to_str().unwrap()]).run();
    // Only X2 is wrong (an unknown field after Vietnamese letters); the
    // decomposed and composed Nguyễn are the same officer.
    assert_eq!(out.code, 2);
    assert!(!out.stderr.contains("dangling"), "{}", out.stderr);
    assert!(out.stderr.contains("u.yaml:7:68]"), "the column counts characters: {}", out.stderr);
}

#[test]
fn mistakes_in_settings_overlays_waivers_and_headers_are_told_in_vietnamese() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rules = root.join("rules");
    let rules = rules.to_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    // Settings with a misspelt key.
    std::fs::copy("tests/hostile/settings/unknown-key.yaml", dir.path().join("chitieu.yaml")).unwrap();
    let out = vi().current_dir(dir.path()).args(["list", "--rules", rules]).run();
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("không có trường `"), "{}", out.stderr);
    assert!(!out.stderr.contains("unknown field"), "{}", out.stderr);
    std::fs::remove_file(dir.path().join("chitieu.yaml")).unwrap();
    // An overlay and a waiver file each with an unknown key.
    let overlay = dir.path().join("o.yaml");
    std::fs::write(&overlay, "directive:\n  number: x\n  date: 2024-01-01\n  isuer: y\noverrides: {}\n").unwrap();
    let out = vi().current_dir(dir.path()).args(["list", "--rules", rules, "--directive", "o.yaml"]).run();
    assert!(out.stderr.contains("không có trường `isuer`; các trường là: number, date, issuer"), "{}", out.stderr);
    let waivers = dir.path().join("w.yaml");
    std::fs::write(&waivers, "waiver:\n  - target: \"07\"\n").unwrap();
    let out = vi().current_dir(dir.path()).args(["list", "--rules", rules, "--waivers", "w.yaml"]).run();
    assert!(out.stderr.contains("không có trường `waiver`"), "{}", out.stderr);
    // A rule header with a misspelt field.
    let pack = dir.path().join("pack");
    std::fs::create_dir(&pack).unwrap();
    std::fs::write(
        pack.join("19.rhai"),
        "//! id: \"19\"\n//! title: T\n//! sectoin: I\nrequire(\"x\", 1, \">=\", 1);\n",
    )
    .unwrap();
    let out = vi().current_dir(dir.path()).args(["lint", "--rules", "pack", "--data", "pack"]).run();
    assert!(out.stderr.contains("không có trường `sectoin`"), "{}{}", out.stdout, out.stderr);
    assert!(!out.stderr.contains("unknown field"), "{}", out.stderr);
}

/// Issue 33, item 5: a Vietnamese run over a YAML unit names collections
/// and fields in the model's words, each with the key the file uses, and
/// tells which key to type; an English run names them by their keys.
#[test]
fn a_yaml_units_problems_speak_the_models_words_with_their_keys() {
    let dir = tempfile::tempdir().unwrap();
    let unit = dir.path().join("u.yaml");
    let text = std::fs::read_to_string("data/binh-luc-2024.yaml").unwrap();
    let text = text.replacen("officer: CB06", "officer: CB66", 1);
    let at = text.find("    close_reason:").unwrap();
    let end = at + text[at..].find('\n').unwrap() + 1;
    std::fs::write(&unit, format!("{}{}", &text[..at], &text[end..])).unwrap();
    let out = vi().args(["check", "--data", unit.to_str().unwrap()]).run();
    assert_eq!(out.code, 2, "{}", out.stderr);
    let said = out.stdout.replace("\n  | ", " ");
    assert!(
        said.contains("Đối tượng sưu tra (subjects) `ST003`: Cán bộ quản lý (officer) ghi `CB66`, không có trong Cán bộ (officers)"),
        "{said}"
    );
    assert!(said.contains(": có Ngày đưa ra (closed) nhưng chưa ghi Lý do đưa ra (close_reason)"), "{said}");
    assert!(said.contains("gợi ý: thêm `close_reason:` ghi kết quả"), "{said}");
    let out = Test::new().args(["check", "--data", unit.to_str().unwrap()]).run();
    assert!(out.stdout.contains("subjects `ST003`: officer names `CB66`, which is not in officers"), "{}", out.stdout);
}
