//! The data model a pack declares (`rules/model.yaml`): read first, checked
//! like a rule (every problem at its line, with the nearest name), an input
//! of every result, and refused whole when hostile.

mod common;

use common::Test;

/// The bundled pack copied, with its model edited by `edit`.
fn pack_with_model(edit: impl Fn(String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::copy_tree(std::path::Path::new("rules"), &dir.path().join("rules"));
    let path = dir.path().join("rules/model.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, edit(text)).unwrap();
    dir
}

fn lint(dir: &tempfile::TempDir) -> common::Output {
    Test::new().args(["lint", "--rules", dir.path().join("rules").to_str().unwrap()]).run()
}

#[test]
fn a_model_with_slips_is_an_error_at_each_line_with_the_nearest_name() {
    let dir = pack_with_model(|text| {
        text.replace("manager: { kind: ref, to: officers,", "manager: { kind: ref, to: oficers,")
            .replace(
                "covert_means: { kind: values, values: covert_means,",
                "covert_means: { kind: valuess, values: covert_means,",
            )
            .replace(
                "close_reason: { kind: value, values: close_reason,",
                "close_reason: { kind: value, values: close_reasons,",
            )
            .replace("    start: found\n", "    start: name\n")
            .replace(
                "platform: { kind: text, label: { vi: Nền tảng, en: Platform } }",
                "platform: { kind: text, label: { vi: Nền tảng } }",
            )
            .replace(
                "record: { kind: text, label: { vi: Biên bản, en: Record } }",
                "record: { kind: text, label: { vi: Ngày kiểm tra, en: Record } }",
            )
    });
    let out = lint(&dir);
    assert_eq!(out.code, 2, "{}", out.stderr);
    let shown = out.stderr.replace(dir.path().to_str().unwrap(), "TMP");
    insta::assert_snapshot!(shown);
}

#[test]
fn a_broken_model_stops_check_and_the_model_is_an_input_of_every_result() {
    let dir = pack_with_model(|text| text.replace("kind: period", "kind: periodd"));
    let rules = dir.path().join("rules");
    let out = Test::new().args(["check", "--rules", rules.to_str().unwrap(), "--data", "data/"]).run();
    assert_eq!(out.code, 2, "{}", out.stderr);
    let shown = format!("{}{}", out.stdout, out.stderr);
    assert!(shown.contains("there is no field kind `periodd`"), "{shown}");
    assert!(shown.contains("did you mean `period`?"), "{shown}");

    let out = Test::new().args(["check", "--format", "json"]).run();
    let inputs = out.json()["inputs"].as_array().unwrap().clone();
    let model: Vec<&serde_json::Value> = inputs.iter().filter(|i| i["role"] == "model").collect();
    assert_eq!(model.len(), 1, "{inputs:?}");
    assert_eq!(model[0]["path"], "rules/model.yaml");
    assert_eq!(model[0]["sha256"].as_str().unwrap().len(), 64);
}

#[test]
fn hostile_model_files_are_refused_at_their_line() {
    let cases: &[(&str, &str)] = &[
        ("nested.yaml", "records nested in nested records"),
        ("alias.yaml", "model.yaml"),
        ("empty.yaml", "model.yaml"),
        ("not-utf8.yaml", "UTF-8"),
        ("unknown-key.yaml", "feilds"),
        ("deep.yaml", "model.yaml"),
    ];
    for (file, says) in cases {
        let dir =
            pack_with_model(|_| std::fs::read_to_string(format!("tests/hostile/models/{file}")).unwrap_or_default());
        std::fs::copy(format!("tests/hostile/models/{file}"), dir.path().join("rules/model.yaml")).unwrap();
        let out = lint(&dir);
        assert_eq!(out.code, 2, "{file}: {}", out.stderr);
        assert!(out.stderr.contains(says), "{file}: {}", out.stderr);
        assert!(!out.stderr.contains("panicked"), "{file}");
    }
    // A million values, and a file past the size a model may have.
    let mut text = String::from("values:\n  many:\n");
    for i in 0..1_000_000 {
        text.push_str(&format!("    v{i}: {{ vi: a{i}, en: b{i} }}\n"));
    }
    let dir = pack_with_model(|_| text.clone());
    let started = std::time::Instant::now();
    let out = lint(&dir);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("too large") || out.stderr.contains("larger"), "{}", out.stderr);
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    // Too many values in a file that fits.
    let mut text = String::from("values:\n  many:\n");
    for i in 0..1_500 {
        text.push_str(&format!("    v{i}: {{ vi: a{i}, en: b{i} }}\n"));
    }
    text.push_str("collections: {}\n");
    let dir = pack_with_model(|_| text.clone());
    let out = lint(&dir);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("`many` has 1500 entries, over the limit of 1000"), "{}", out.stderr);
}

#[test]
fn diff_shows_what_a_model_edit_changes() {
    let dir = pack_with_model(|text| {
        text.replace(
            "    other: { vi: Lý do khác, en: Other }\n",
            "    other: { vi: Lý do khác, en: Other }\n    rehabilitated: { vi: Đã cai nghiện, en: Rehabilitated }\n",
        )
        .replace("      platform: { kind: text, label: { vi: Nền tảng, en: Platform } }\n", "")
        .replace("{ vi: Lãnh đạo, en: Leader }", "{ vi: Lãnh đạo đơn vị, en: Leader }")
    });
    let rules = dir.path().join("rules");
    let args = ["diff", "--base-rules", "rules", "--rules", rules.to_str().unwrap(), "--data", "data/"];
    let out = Test::new().args(args).run();
    assert_eq!(out.code, 2, "the edited model is not yet read: {}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().filter(|l| l.starts_with("data model:")).collect();
    assert_eq!(
        lines,
        [
            "data model: changes the words of `role.leader`",
            "data model: adds `close_reason.rehabilitated`",
            "data model: removes `personas.platform`"
        ]
    );
    let json = Test::new().args(args).args(["--format", "json"]).run().json();
    assert_eq!(
        json["model_changes"],
        serde_json::json!([
            { "change": "changed_value", "keys": ["role", "leader"] },
            { "change": "added_value", "keys": ["close_reason", "rehabilitated"] },
            { "change": "removed_field", "keys": ["personas", "platform"] },
        ])
    );
    // The same model on both sides: no model changes, and none in JSON.
    let same = Test::new().args(["diff", "--base-rules", "rules", "--data", "data/", "--format", "json"]).run().json();
    assert!(same.get("model_changes").is_none(), "{same}");
}

/// Each side of `diff` reads the unit by its own pack's model: a required
/// field the after side adds leaves the before side's verdicts as they were
/// and shows the after side's problems, each at its record.
#[test]
fn diff_reads_each_side_by_its_own_model() {
    let dir = pack_with_model(|text| {
        text.replace(
            "      drug_work: { kind: flag, default: true, label: { vi: Trực tiếp làm ma túy, en: Works on drug crime } }\n",
            "      drug_work: { kind: flag, default: true, label: { vi: Trực tiếp làm ma túy, en: Works on drug crime } }\n      nvcb_account: { kind: text, required: true, label: { vi: Tài khoản NVCB, en: NVCB account } }\n",
        )
    });
    let rules = dir.path().join("rules");
    let rules = rules.to_str().unwrap();
    let check = Test::new().args(["check", "--data", "data/", "--format", "json"]).run().json();
    let verdicts: Vec<(String, String)> = check["units"][0]["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["id"].as_str().unwrap().to_string(), t["status"].as_str().unwrap().to_string()))
        .collect();
    for (base, after, gone) in [("rules", rules, true), (rules, "rules", false)] {
        let args = ["diff", "--base-rules", base, "--rules", after, "--data", "data/", "--format", "json"];
        let out = Test::new().args(args).run();
        assert_eq!(out.code, 2, "{}", out.stderr);
        let json = out.json();
        let changes = json["changes"].as_array().unwrap();
        assert_eq!(changes.len(), verdicts.len(), "{json}");
        for (change, (id, status)) in changes.iter().zip(&verdicts) {
            assert_eq!(change["unit"], "CAH-BINHLUC");
            assert_eq!(change["target"], id.as_str());
            let (read, refused) = if gone { ("before", "after") } else { ("after", "before") };
            assert_eq!(change[read], status.as_str(), "{change}");
            assert_eq!(change[refused], serde_json::Value::Null, "{change}");
        }
        let errors = json["errors"].as_array().unwrap();
        assert_eq!(errors.len(), 12, "one for each officer: {errors:?}");
        assert!(errors.iter().all(|e| e["message"].as_str().unwrap().ends_with("missing field `nvcb_account`")));
        assert_eq!(errors[0]["line"], 21);
    }
}

#[test]
fn the_models_words_are_the_workbooks_the_checks_and_the_reports() {
    let dir = pack_with_model(|text| {
        text.replace("label: { vi: Cán bộ, en: Officers }", "label: { vi: Cán bộ chiến sĩ, en: Officers }")
            .replace(
                "name: { kind: person_name, required: true, label: { vi: Họ tên, en: Name } }",
                "name: { kind: person_name, required: true, label: { vi: Họ và tên, en: Name } }",
            )
            .replace("died: { vi: Chết, en: Died }", "died: { vi: Đã chết, en: Died }")
    });
    let rules = dir.path().join("rules");
    let rules = rules.to_str().unwrap();
    // Words are not records: the pack reads, and lint passes.
    let out = Test::new().args(["lint", "--rules", rules]).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    // The sample as a workbook in the pack's words.
    let book = dir.path().join("unit.xlsx");
    let out = Test::new()
        .default_language()
        .args(["export", "data/binh-luc-2024.yaml", "--rules", rules, "-o", book.to_str().unwrap()])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(&book).unwrap();
    use calamine::Reader;
    let names = workbook.sheet_names();
    assert!(names.iter().any(|n| n == "Cán bộ chiến sĩ"), "{names:?}");
    assert!(!names.iter().any(|n| n == "Cán bộ"), "{names:?}");
    let officers = workbook.worksheet_range("Cán bộ chiến sĩ").unwrap();
    assert_eq!(officers.get((0, 1)).map(|c| c.to_string()), Some("Họ và tên".to_string()));
    let subjects = workbook.worksheet_range("Đối tượng sưu tra").unwrap();
    let reasons: Vec<String> = subjects.rows().skip(2).filter_map(|r| r.get(12).map(|c| c.to_string())).collect();
    assert!(reasons.iter().any(|r| r == "Đã chết"), "{reasons:?}");
    // Read back by the same pack, it gives the YAML's verdicts; by the
    // shipped pack, whose words it does not use, its sheet is unknown.
    let json = |data: &str, rules: &str| {
        let out = Test::new().args(["check", "--rules", rules, "--data", data, "--format", "json", "--no-cache"]).run();
        let json = out.json();
        json["units"][0]["targets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| (t["id"].clone(), t["status"].clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(json(book.to_str().unwrap(), rules), json("data/binh-luc-2024.yaml", rules));
    let shipped = Test::new().default_language().args(["check", "--data", book.to_str().unwrap()]).run();
    assert_eq!(shipped.code, 2, "{}", shipped.stdout);
    assert!(format!("{}{}", shipped.stdout, shipped.stderr).contains("Cán bộ chiến sĩ"), "{}", shipped.stdout);
    // A misspelt value is named by the pack's words.
    let template = dir.path().join("template.xlsx");
    let out =
        Test::new().default_language().args(["template", "--rules", rules, "-o", template.to_str().unwrap()]).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(&template).unwrap();
    let guide = workbook.worksheet_range("Hướng dẫn").unwrap();
    let text: Vec<String> = guide.rows().flat_map(|r| r.iter().map(|c| c.to_string())).collect();
    assert!(text.iter().any(|c| c.contains("Đã chết (died)")), "the guide lists the pack's words");
}

#[test]
fn what_a_record_holds_follows_the_model() {
    // A field made optional, and a list's values in another order: the
    // records are read as the model now says (issue 32), not refused.
    let dir = pack_with_model(|text| {
        text.replace(
            "    A: { vi: Loại A, en: Category A }\n    B: { vi: Loại B, en: Category B }\n",
            "    B: { vi: Loại B, en: Category B }\n    A: { vi: Loại A, en: Category A }\n",
        )
        .replace(
            "      kind: { kind: value, values: key_area_kind, required: true,",
            "      kind: { kind: value, values: key_area_kind,",
        )
    });
    let unit = dir.path().join("unit.yaml");
    let text = std::fs::read_to_string("data/binh-luc-2024.yaml").unwrap();
    let line = text.lines().position(|l| l.contains("kind: area")).expect("a key area of kind area");
    let edited: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, l)| if i == line { l.replace(", kind: area", "").replace("kind: area", "") } else { l.to_string() })
        .collect();
    std::fs::write(&unit, edited.join("\n") + "\n").unwrap();
    let rules = dir.path().join("rules");
    let args = ["lint", "--rules", rules.to_str().unwrap(), "--data", unit.to_str().unwrap()];
    let out = Test::new().args(args).run();
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    // By the shipped model the same unit lacks a required field.
    let out = Test::new().args(["lint", "--data", unit.to_str().unwrap()]).run();
    let shown = format!("{}{}", out.stdout, out.stderr);
    assert_eq!(out.code, 2, "{shown}");
    assert!(shown.contains("missing field `kind`"), "{shown}");
}

#[test]
fn a_model_with_too_many_lists_is_refused_without_a_panic() {
    let mut text = String::from("values:\n");
    for i in 0..501 {
        text.push_str(&format!("  l{i}:\n    a: {{ vi: A, en: A }}\n"));
    }
    text.push_str("collections:\n  arrests:\n    label: { vi: B, en: Arrests }\n    fields:\n");
    text.push_str("      prior: { kind: value, values: l3, label: { vi: P, en: P } }\n");
    text.push_str("      prior_ref: { kind: link, by: prior, to: { a: arrests }, label: { vi: R, en: R } }\n");
    let dir = pack_with_model(|_| text.clone());
    let out = lint(&dir);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("`values` has 501 entries, over the limit of 500"), "{}", out.stderr);
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
}

#[test]
fn bounds_out_of_order_and_end_fields_a_record_cannot_leave_out_are_refused() {
    let dir = pack_with_model(|text| {
        text.replace("agent_class: { kind: count, min: 1, max: 3,", "agent_class: { kind: count, min: 3, max: 1,")
            .replace("    end_fields: [close_reason]\n", "    end_fields: [close_reason, mobile]\n")
    });
    let out = lint(&dir);
    assert_eq!(out.code, 2, "{}", out.stderr);
    let shown = out.stderr.replace("\n  | ", " ");
    assert!(shown.contains("`agent_class`: min 3 is greater than max 1"), "{shown}");
    assert!(shown.contains("subjects.mobile is known only when a record ends"), "{shown}");
    // A unit's count beyond the widest bounds is an error, never a panic.
    let wide = pack_with_model(|text| {
        text.replace(
            "agent_class: { kind: count, min: 1, max: 3,",
            "agent_class: { kind: count, min: -9223372036854775808, max: 5,",
        )
    });
    let unit = wide.path().join("unit.yaml");
    let text =
        std::fs::read_to_string("data/binh-luc-2024.yaml").unwrap().replacen("agent_class: 2", "agent_class: 9", 1);
    std::fs::write(&unit, text).unwrap();
    let rules = wide.path().join("rules");
    let out = Test::new().args(["check", "--rules", rules.to_str().unwrap(), "--data", unit.to_str().unwrap()]).run();
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("agent_class must be from -9223372036854775808 to 5, not 9"), "{}", out.stdout);
}

/// A pack folder given that is not there is an error for the commands that
/// read only its model: never the shipped model in its place, and no file
/// written.
#[test]
fn a_missing_pack_folder_is_refused_not_replaced_by_the_shipped_model() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("khong-co");
    let missing = missing.to_str().unwrap();
    let out_file = dir.path().join("mau.xlsx");
    let runs: [&[&str]; 3] = [
        &["template", "-o", out_file.to_str().unwrap(), "--rules", missing],
        &["schema", "--kind", "unit", "--rules", missing],
        &["export", "data/binh-luc-2024.yaml", "-o", out_file.to_str().unwrap(), "--rules", missing],
    ];
    for args in runs {
        let out = args.iter().fold(Test::new(), |test, a| test.arg(a)).run();
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(
            out.stderr.contains("cannot read the rules folder") && out.stderr.contains("khong-co"),
            "{}",
            out.stderr
        );
        assert_eq!(out.stdout, "", "{args:?}");
        assert!(!out_file.exists(), "{args:?} wrote a file");
    }
}
