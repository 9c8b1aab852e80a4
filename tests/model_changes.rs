//! Issue 32: what a directive asks the unit to record, done by editing the
//! pack only. The four changes of the issue, made to a copy of the shipped
//! pack (`rules/model.yaml` and a rule), each end to end: from YAML and from
//! a workbook made by `template` and `export`, through `check`, `explain`,
//! the HTML and Word reports and `--annotate`.

mod common;

use std::path::Path;

use common::Test;
use serde_json::Value;

/// The shipped pack with the four changes, and the sample unit recording
/// them: an officer's NVCB account (a new field), informant meetings (a new
/// collection), a sixth field of drug work (a new value) and a new close
/// reason that target 08 counts as developed.
fn changed_pack() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::copy_tree(Path::new("rules"), &dir.path().join("rules"));
    let edit = |path: &str, edit: &dyn Fn(String) -> String| {
        let path = dir.path().join(path);
        let text = std::fs::read_to_string(&path).unwrap();
        let edited = edit(text.clone());
        assert_ne!(edited, text, "{} is edited", path.display());
        std::fs::write(&path, edited).unwrap();
    };
    edit("rules/model.yaml", &|text| {
        let text = text
            .replace(
                "      drug_work: { kind: flag, default: true, label: { vi: Trực tiếp làm ma túy, en: Works on drug crime } }\n",
                "      drug_work: { kind: flag, default: true, label: { vi: Trực tiếp làm ma túy, en: Works on drug crime } }\n      nvcb_account: { kind: flag, label: { vi: Có tài khoản NVCB, en: Has an NVCB account } }\n",
            )
            .replace(
                "    addicts: { vi: Người nghiện, en: Addicts }\n",
                "    addicts: { vi: Người nghiện, en: Addicts }\n    precursors: { vi: Tiền chất, en: Precursors }\n",
            )
            .replace(
                "    other: { vi: Lý do khác, en: Other }\n  suspicion_outcome:",
                "    other: { vi: Lý do khác, en: Other }\n    rehabilitated: { vi: Đã cai nghiện thành công, en: Rehabilitated }\n  suspicion_outcome:",
            );
        text + "
  # Sinh hoạt CTVBM: a leader meeting informants (plan III.1.2).
  informant_meetings:
    label: { vi: Sinh hoạt CTVBM, en: Informant meetings }
    start: date
    fields:
      id: { kind: id, example: SH01, label: { vi: Mã, en: Id } }
      date: { kind: date, required: true, label: { vi: Ngày sinh hoạt, en: Date } }
      informant: { kind: ref, to: informants, required: true, label: { vi: CTVBM, en: Informant } }
      officers: { kind: refs, to: officers, label: { vi: Cán bộ tham dự, en: Officers present } }
"
    });
    edit("rules/suu-tra/08-ket-thuc-co-hieu-qua.rhai", &|text| {
        text.replace(
            r#"closed.where_eq("close_reason", "developed")"#,
            r#"closed.where_in("close_reason", ["developed", "rehabilitated"])"#,
        )
    });
    for rule in ["B1-tai-khoan-nvcb.rhai", "B2-sinh-hoat-ctvbm.rhai"] {
        std::fs::copy(Path::new("tests/fixtures/model-changes").join(rule), dir.path().join("rules/duties").join(rule))
            .unwrap();
    }
    let unit = std::fs::read_to_string("data/binh-luc-2024.yaml").unwrap();
    let unit = unit
        .replacen("    role: leader\n", "    role: leader\n    nvcb_account: true\n", 1)
        .replace(
            "informants:   # code names only",
            "informant_meetings:\n  - { id: SH01, date: 2024-03-15, informant: MD-01, officers: [CB01] }\n\ninformants:   # code names only",
        )
        .replacen("close_reason: inactive", "close_reason: rehabilitated", 1)
        .replacen("    field: addicts", "    field: precursors", 1);
    std::fs::write(dir.path().join("unit.yaml"), unit).unwrap();
    dir
}

fn run(dir: &tempfile::TempDir, args: &[&str]) -> common::Output {
    let mut t = Test::new().default_language().current_dir(dir.path());
    for a in args {
        t = t.arg(a);
    }
    t.run()
}

/// Each target's id, status and measured values.
fn verdicts(json: &Value) -> Vec<(String, String, Vec<Value>)> {
    json["units"][0]["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let measured = t["requirements"].as_array().unwrap().iter().map(|r| r["measured"].clone()).collect();
            (t["id"].as_str().unwrap().to_string(), t["status"].as_str().unwrap().to_string(), measured)
        })
        .collect()
}

fn of<'a>(v: &'a [(String, String, Vec<Value>)], id: &str) -> &'a (String, String, Vec<Value>) {
    v.iter().find(|t| t.0 == id).unwrap_or_else(|| panic!("no target {id}"))
}

#[test]
fn the_four_changes_of_a_directive_are_made_by_editing_the_pack() {
    let dir = changed_pack();
    let out = run(&dir, &["lint", "--rules", "rules", "--data", "unit.yaml"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);

    // From YAML.
    let out = run(&dir, &["check", "--rules", "rules", "--data", "unit.yaml", "--format", "json", "--no-cache"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let yaml = verdicts(&out.json());
    assert_eq!(yaml.len(), 30);
    // One officer of 12 has an account; one meeting a leader attended; the
    // rehabilitated subject counts as developed (0.9 before: 9 of 10).
    assert_eq!(of(&yaml, "B1").1, "fail");
    assert_eq!(of(&yaml, "B1").2[0].as_f64().unwrap(), 1.0 / 12.0);
    assert_eq!((of(&yaml, "B2").1.as_str(), of(&yaml, "B2").2[0].as_f64()), ("pass", Some(1.0)));
    assert_eq!((of(&yaml, "08").1.as_str(), of(&yaml, "08").2[0].as_f64()), ("pass", Some(1.0)));
    let shipped =
        Test::new().args(["check", "--data", "data/binh-luc-2024.yaml", "--only", "08", "--format", "json"]).run();
    assert_eq!(verdicts(&shipped.json())[0].2[0].as_f64(), Some(0.9));
    // The new value is one a rule may select by, and others are refused.
    let probe = dir.path().join("rules/duties/B3-tien-chat.rhai");
    std::fs::write(
        &probe,
        "//! id: \"B3\"\n//! title: ĐTCB tiền chất\n//! section: II.1\n//! area: duties\n\nrequire_count(\"n\", data.surveys.where_eq(\"field\", \"precursors\"), \">=\", 1);\n",
    )
    .unwrap();
    let out = run(&dir, &["check", "--rules", "rules", "--data", "unit.yaml", "--only", "B3", "--format", "json"]);
    assert_eq!(verdicts(&out.json())[0].1, "pass", "{}", out.stdout);
    std::fs::write(&probe, std::fs::read_to_string(&probe).unwrap().replace("precursors", "precursor")).unwrap();
    let out = run(&dir, &["check", "--rules", "rules", "--data", "unit.yaml", "--only", "B3"]);
    assert_ne!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("| B3 | ĐTCB tiền chất | Lỗi"), "{}", out.stdout);
    let shown = out.stdout.replace("\n  | ", " ").replace("\n         ", " ");
    assert!(shown.contains("`precursor` không phải giá trị của surveys.field"), "{shown}");
    assert!(shown.contains("có phải ý bạn là `precursors`?"), "{shown}");
    std::fs::remove_file(&probe).unwrap();

    // A fresh template has the new sheet, column and drop-down value, in
    // Vietnamese.
    let out = run(&dir, &["template", "--rules", "rules", "-o", "t.xlsx"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(dir.path().join("t.xlsx")).unwrap();
    let sheets = book.sheet_names();
    assert!(sheets.iter().any(|s| s == "Sinh hoạt CTVBM"), "{sheets:?}");
    let meetings = book.worksheet_range("Sinh hoạt CTVBM").unwrap();
    let header: Vec<String> = meetings.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(header, ["Mã", "Ngày sinh hoạt", "CTVBM", "Cán bộ tham dự"]);
    let officers = book.worksheet_range("Cán bộ").unwrap();
    assert_eq!(officers.get((0, 5)).map(|c| c.to_string()), Some("Có tài khoản NVCB".to_string()));
    let lists = book.worksheet_range("Danh mục giá trị").unwrap();
    let offered: Vec<String> = lists.rows().flat_map(|r| r.iter().map(|c| c.to_string())).collect();
    for value in ["Tiền chất", "Đã cai nghiện thành công"] {
        assert!(offered.iter().any(|v| v == value), "{value} in {offered:?}");
    }

    // From the unit exported into that layout: the same verdicts.
    let out = run(&dir, &["export", "unit.yaml", "--rules", "rules", "-o", "unit.xlsx"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = run(&dir, &["check", "--rules", "rules", "--data", "unit.xlsx", "--format", "json"]);
    assert_eq!(verdicts(&out.json()), yaml);

    // `explain` of the new target, over the workbook.
    let out = run(&dir, &["explain", "--rules", "rules", "--data", "unit.xlsx", "B2"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("Chỉ tiêu B2 — Lãnh đạo định kỳ 6 tháng tham dự sinh hoạt CTVBM"), "{}", out.stdout);
    assert!(out.stdout.contains("kết quả 1, yêu cầu >= 1 → Đạt"), "{}", out.stdout);

    // The reports name the new targets in the pack's words.
    let out = run(&dir, &["report", "--rules", "rules", "--data", "unit.yaml", "--format", "html", "-o", "r.html"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = std::fs::read_to_string(dir.path().join("r.html")).unwrap();
    assert!(html.contains("100% CBCS tạo lập tài khoản phần mềm NVCB"), "B1 in the HTML report");
    let out = run(&dir, &["report", "--rules", "rules", "--data", "unit.yaml", "--format", "docx", "-o", "r.docx"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut docx = zip::ZipArchive::new(std::fs::File::open(dir.path().join("r.docx")).unwrap()).unwrap();
    let mut document = String::new();
    std::io::Read::read_to_string(&mut docx.by_name("word/document.xml").unwrap(), &mut document).unwrap();
    assert!(document.contains("tài khoản phần mềm NVCB"), "B1 in the Word report");

    // A mistake in the new sheet and in the new column: each at its cell,
    // in one run, and marked there by --annotate.
    let python = ["python3", "/usr/bin/python3"]
        .into_iter()
        .find(|p| std::process::Command::new(p).args(["-c", "import openpyxl"]).status().is_ok_and(|s| s.success()))
        .expect("openpyxl is installed: .ci/run installs python3-openpyxl");
    let script = "import openpyxl,sys\nwb=openpyxl.load_workbook(sys.argv[1])\nwb['Sinh hoạt CTVBM']['C3']='MD-99'\nwb['Cán bộ']['F4']='có lẽ'\nwb.save(sys.argv[2])\n";
    let status = std::process::Command::new(python)
        .args(["-c", script, "unit.xlsx", "bad.xlsx"])
        .current_dir(dir.path())
        .status()
        .unwrap();
    assert!(status.success());
    let out = run(&dir, &["check", "--rules", "rules", "--data", "bad.xlsx", "--format", "json"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    let errors = out.json()["units"][0]["data_errors"].clone();
    let at: Vec<(String, String)> = errors
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["sheet"].as_str().unwrap_or_default().to_string(), e["code"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(
        at,
        [
            ("Cán bộ".to_string(), "data::invalid-value".to_string()),
            ("Sinh hoạt CTVBM".to_string(), "data::dangling-reference".to_string())
        ]
    );
    let out = run(&dir, &["check", "--rules", "rules", "--data", "bad.xlsx", "--annotate", "marked.xlsx"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    let mut marked = zip::ZipArchive::new(std::fs::File::open(dir.path().join("marked.xlsx")).unwrap()).unwrap();
    let mut notes = String::new();
    for i in 0..marked.len() {
        let mut part = marked.by_index(i).unwrap();
        if part.name().is_ok_and(|n| n.contains("comments")) {
            std::io::Read::read_to_string(&mut part, &mut notes).unwrap();
        }
    }
    assert!(notes.contains("ref=\"C3\""), "{notes}");
    assert!(notes.contains("MD-99"), "{notes}");
    assert!(notes.contains("ref=\"F4\""), "{notes}");
}

#[test]
fn a_model_edit_a_unit_does_not_follow_is_caught_by_lint() {
    let dir = changed_pack();
    let model = dir.path().join("rules/model.yaml");
    let text = std::fs::read_to_string(&model).unwrap();
    // A field the unit still writes, removed: the unit's line says so.
    let text = text.replace("      platform: { kind: text, label: { vi: Nền tảng, en: Platform } }\n", "");
    std::fs::write(&model, &text).unwrap();
    let out = run(&dir, &["lint", "--rules", "rules", "--data", "unit.yaml"]);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    let shown = format!("{}{}", out.stdout, out.stderr).replace("\n  | ", " ");
    assert!(shown.contains("không có trường `platform`; các trường là: id, handler, created, ended"), "{shown}");
    // A collection a rule reads and the unit writes, renamed.
    std::fs::write(&model, text.replace("  informant_meetings:\n", "  informant_sessions:\n")).unwrap();
    let out = run(&dir, &["lint", "--rules", "rules", "--data", "unit.yaml"]);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    let shown = format!("{}{}", out.stdout, out.stderr).replace("\n  | ", " ");
    assert!(shown.contains("không có trường `informant_meetings`"), "{shown}");
    // The rule over the renamed collection, at its line, with the name the
    // model now has.
    let out = run(&dir, &["lint", "--rules", "rules"]);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    let shown = format!("{}{}", out.stdout, out.stderr).replace("\n  | ", " ");
    assert!(shown.contains("B2-sinh-hoat-ctvbm.rhai:19"), "{shown}");
    assert!(shown.contains("informant_sessions"), "{shown}");
}

#[test]
fn a_quota_names_a_collection_of_the_model() {
    let dir = changed_pack();
    let unit = std::fs::read_to_string(dir.path().join("unit.yaml")).unwrap();
    // A misspelt quota is an error at its name, with the nearest collection;
    // so is a quota of a collection the model gives none of.
    let unit = unit
        .replace("  subjects:   { count: 15", "  subjectz:   { count: 15")
        .replace("quotas:\n", "quotas:\n  informant_meetings: { count: 2, deadline: 2024-06-30 }\n");
    std::fs::write(dir.path().join("unit.yaml"), unit).unwrap();
    let errors = |dir: &tempfile::TempDir| {
        let out = run(dir, &["check", "--rules", "rules", "--data", "unit.yaml", "--format", "json"]);
        assert_eq!(out.code, 2, "{}", out.stderr);
        let errors = out.json()["units"][0]["data_errors"].clone();
        errors
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e["code"].as_str().unwrap().to_string(), e["line"].as_u64().unwrap()))
            .collect::<Vec<_>>()
    };
    let unknown = |line| ("data::unknown-quota".to_string(), line);
    assert_eq!(errors(&dir), [unknown(15), unknown(16)]);
    let out = run(&dir, &["check", "--rules", "rules", "--data", "unit.yaml"]);
    assert!(out.stdout.contains("có phải ý bạn là `subjects`?"), "{}", out.stdout);
    // The model says the province gives a quota of the new records: the
    // quota is one, and a fresh template offers its rows.
    let model = dir.path().join("rules/model.yaml");
    let text = std::fs::read_to_string(&model).unwrap();
    let marked = text.replace(
        "    label: { vi: Sinh hoạt CTVBM, en: Informant meetings }\n",
        "    label: { vi: Sinh hoạt CTVBM, en: Informant meetings }\n    quota: true\n",
    );
    assert_ne!(marked, text);
    std::fs::write(&model, marked).unwrap();
    assert_eq!(errors(&dir), [unknown(16)]);
    let out = run(&dir, &["template", "--rules", "rules", "-o", "mau.xlsx"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(dir.path().join("mau.xlsx")).unwrap();
    let sheet = book.worksheet_range("Đơn vị").unwrap();
    let keys: Vec<String> = sheet.rows().filter_map(|r| r.get(1).map(|c| c.to_string())).collect();
    let quotas: Vec<&str> =
        keys.iter().filter(|k| k.starts_with("quotas.") && k.ends_with(".count")).map(String::as_str).collect();
    assert_eq!(
        quotas,
        [
            "quotas.subjects.count",
            "quotas.suspicions.count",
            "quotas.operations.count",
            "quotas.informants.count",
            "quotas.informant_meetings.count"
        ]
    );
}

#[test]
fn records_nested_in_another_refer_and_read_as_top_level_ones_do() {
    let dir = changed_pack();
    let model = dir.path().join("rules/model.yaml");
    let text = std::fs::read_to_string(&model).unwrap();
    let nested = text.replace(
        "          proposals: { kind: flag, label: { vi: Có đề xuất, en: Has proposals } }\n",
        "          proposals: { kind: flag, label: { vi: Có đề xuất, en: Has proposals } }\n          by: { kind: ref, to: officers, label: { vi: Người báo cáo, en: Reported by } }\n",
    );
    assert_ne!(nested, text);
    std::fs::write(&model, &nested).unwrap();
    let unit = dir.path().join("unit.yaml");
    let data = std::fs::read_to_string(&unit).unwrap();
    let line = data.lines().position(|l| l.contains("has_evidence: true")).expect("a survey report") + 1;
    let edited: Vec<String> =
        data.lines()
            .enumerate()
            .map(|(i, l)| {
                if i + 1 == line {
                    l.replacen("has_evidence: true", "has_evidence: true, by: CB99", 1)
                } else {
                    l.into()
                }
            })
            .collect();
    std::fs::write(&unit, edited.join("\n") + "\n").unwrap();
    let out = run(&dir, &["check", "--rules", "rules", "--data", "unit.yaml", "--format", "json"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    let errors = out.json()["units"][0]["data_errors"].clone();
    assert_eq!(errors[0]["code"], "data::dangling-reference", "{errors}");
    assert_eq!(errors[0]["line"], line, "{errors}");
    // In the template, the nested sheet's new column offers the officers.
    let out = run(&dir, &["template", "--rules", "rules", "-o", "t.xlsx"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(dir.path().join("t.xlsx")).unwrap()).unwrap();
    let mut sheets = String::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        if part.name().is_ok_and(|n| n.starts_with("xl/worksheets/sheet")) {
            std::io::Read::read_to_string(&mut part, &mut sheets).unwrap();
        }
    }
    assert!(
        sheets.contains("&apos;Cán bộ&apos;!$A$3:$A$2002") || sheets.contains("'Cán bộ'!$A$3:$A$2002"),
        "a drop-down of officers"
    );

    // A nested record has no id, origin or link of its own, and no field
    // named as its sheet's parent column.
    for (field, problem) in [
        ("          num: { kind: id, label: { vi: Số, en: Number } }\n", "nested records have no field of kind `id`"),
        ("          survey: { kind: text, label: { vi: Hồ sơ, en: File } }\n", "`survey` is the nested sheet's column"),
    ] {
        let text = nested.replace(
            "          date: { kind: date, required: true, label: { vi: Ngày báo cáo",
            &format!("{field}          date: {{ kind: date, required: true, label: {{ vi: Ngày báo cáo"),
        );
        std::fs::write(&model, text).unwrap();
        let out = Test::new().args(["lint", "--rules", dir.path().join("rules").to_str().unwrap()]).run();
        assert_eq!(out.code, 2, "{}", out.stderr);
        assert!(out.stderr.replace("\n  | ", " ").contains(problem), "{}", out.stderr);
    }
}
