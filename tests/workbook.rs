//! Workbooks as unit files: the sample exported and read back to the same
//! verdicts, through LibreOffice too; a workbook typed by hand (openpyxl,
//! `tests/workbooks/make.py`) read as typed; every mistake at its cell.

mod common;

use std::path::Path;

use common::Test;
use serde_json::Value;

const SAMPLE: &str = "data/binh-luc-2024.yaml";

fn run_ok(args: &[&str]) {
    let mut t = Test::new();
    for a in args {
        t = t.arg(a);
    }
    let out = t.run();
    assert_eq!(out.code, 0, "{args:?}: {}{}", out.stdout, out.stderr);
}

fn check_json(data: &str) -> (i32, Value) {
    let out = Test::new().args(["check", "--data", data, "--format", "json"]).run();
    let code = out.code;
    (code, out.json())
}

/// A check's JSON without what names the input (path, digest, where each
/// record sits in it): the verdicts alone.
fn verdicts(mut v: Value) -> Value {
    fn strip(v: &mut Value) {
        match v {
            Value::Object(map) => {
                for key in ["file", "sha256", "line", "sheet", "row", "inputs", "invocation"] {
                    map.remove(key);
                }
                map.values_mut().for_each(strip);
            }
            Value::Array(list) => list.iter_mut().for_each(strip),
            _ => {}
        }
    }
    strip(&mut v);
    v
}

fn evidence(v: &Value) -> Vec<&Value> {
    let mut out = Vec::new();
    for unit in v["units"].as_array().unwrap() {
        for target in unit["targets"].as_array().unwrap() {
            for r in target["requirements"].as_array().unwrap() {
                out.extend(r["offending"].as_array().into_iter().flatten());
            }
        }
    }
    out
}

#[test]
fn the_sample_as_a_workbook_gives_the_same_verdicts_with_its_records_at_their_rows() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("binh-luc.xlsx");
    run_ok(&["export", SAMPLE, "--output", xlsx.to_str().unwrap()]);
    let (code_yaml, yaml) = check_json(SAMPLE);
    let (code_xlsx, book) = check_json(xlsx.to_str().unwrap());
    assert_eq!((code_yaml, code_xlsx), (1, 1));
    assert_eq!(verdicts(book.clone()), verdicts(yaml.clone()));
    let places: Vec<_> =
        evidence(&book).iter().map(|e| (e["id"].clone(), e["sheet"].clone(), e["row"].clone())).collect();
    assert!(!places.is_empty());
    for e in evidence(&book) {
        assert!(e.get("line").is_none(), "a workbook's record has no line: {e}");
        assert!(e["sheet"].is_string() && e["row"].as_u64().is_some_and(|r| r >= 3), "{e}");
    }
    // ST047 is the 47th subject: row 49 under the two header rows.
    let st047 = places.iter().find(|(id, _, _)| id == "ST047").expect("ST047 is offending in the sample");
    assert_eq!((st047.1.as_str(), st047.2.as_u64()), (Some("Subjects"), Some(49)));
}

#[test]
fn yaml_to_workbook_to_yaml_keeps_the_dataset() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("u.xlsx");
    let yaml = dir.path().join("u.yaml");
    let again = dir.path().join("again.xlsx");
    let yaml2 = dir.path().join("u2.yaml");
    run_ok(&["export", SAMPLE, "--output", xlsx.to_str().unwrap()]);
    run_ok(&["import", xlsx.to_str().unwrap(), "--output", yaml.to_str().unwrap()]);
    let (_, original) = check_json(SAMPLE);
    let (_, imported) = check_json(yaml.to_str().unwrap());
    assert_eq!(verdicts(imported), verdicts(original));
    // The imported YAML is a fixed point: exported and imported again, the
    // same bytes.
    run_ok(&["export", yaml.to_str().unwrap(), "--output", again.to_str().unwrap()]);
    run_ok(&["import", again.to_str().unwrap(), "--output", yaml2.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&yaml).unwrap(), std::fs::read_to_string(&yaml2).unwrap());
}

#[test]
fn a_folder_may_mix_yaml_and_workbooks() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(SAMPLE, dir.path().join("a.yaml")).unwrap();
    run_ok(&["export", SAMPLE, "--output", dir.path().join("b.xlsx").to_str().unwrap()]);
    // Excel's lock file beside an open workbook is not a unit.
    std::fs::write(dir.path().join("~$b.xlsx"), b"lock").unwrap();
    let (code, json) = check_json(dir.path().to_str().unwrap());
    assert_eq!(code, 1);
    let units = json["units"].as_array().unwrap();
    assert_eq!(units.len(), 2);
    assert_eq!(verdicts(units[0].clone()), verdicts(units[1].clone()));
}

fn soffice(args: &[&str], dir: &Path) {
    common::soffice(args, dir, &dir.join("lo"));
}

#[test]
fn libreoffice_saves_the_template_and_a_unit_and_chitieu_reads_them_back() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let unit = d.join("unit.xlsx");
    let template = d.join("template.xlsx");
    run_ok(&["export", SAMPLE, "--output", unit.to_str().unwrap()]);
    run_ok(&["template", "--output", template.to_str().unwrap()]);
    soffice(&["--convert-to", "ods", unit.to_str().unwrap(), template.to_str().unwrap()], d);
    // Saved again by LibreOffice as .xlsx, from its own .ods.
    std::fs::create_dir_all(d.join("resaved")).unwrap();
    std::fs::rename(d.join("lo/unit.ods"), d.join("resaved/unit.ods")).unwrap();
    soffice(&["--convert-to", "xlsx:Calc MS Excel 2007 XML", d.join("resaved/unit.ods").to_str().unwrap()], d);
    let (_, original) = check_json(SAMPLE);
    for file in [d.join("resaved/unit.ods"), d.join("lo/unit.xlsx")] {
        let (code, json) = check_json(file.to_str().unwrap());
        assert_eq!(code, 1, "{}: {json}", file.display());
        assert_eq!(verdicts(json), verdicts(original.clone()), "{}", file.display());
    }
    // The empty template, through LibreOffice: every sheet and column still
    // known; what it lacks is the unit's own entries.
    let (code, json) = check_json(d.join("lo/template.ods").to_str().unwrap());
    assert_eq!(code, 2);
    let errors = json["units"][0]["data_errors"].as_array().unwrap();
    let codes: Vec<&str> = errors.iter().map(|e| e["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["data::missing-field"], "{errors:?}");
    assert!(errors[0]["message"].as_str().unwrap().contains("unit.id"), "{errors:?}");
}

#[test]
fn a_workbook_typed_by_hand_reads_as_typed() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = dir.path().join("typed.yaml");
    run_ok(&["import", "tests/workbooks/openpyxl-unit.xlsx", "--output", yaml.to_str().unwrap()]);
    insta::assert_snapshot!(std::fs::read_to_string(&yaml).unwrap());
}

#[test]
fn every_mistake_is_shown_at_its_cell_in_one_run() {
    let out = Test::new()
        .default_language()
        .args(["check", "--rules", "tests/fixtures/rules/clean", "--data", "tests/workbooks/mistakes.xlsx"])
        .run();
    assert_eq!(out.code, 2);
    insta::assert_snapshot!(out.stdout);
    let out = Test::new()
        .args([
            "check",
            "--rules",
            "tests/fixtures/rules/clean",
            "--data",
            "tests/workbooks/mistakes.xlsx",
            "--format",
            "json",
        ])
        .run();
    let errors = out.json()["units"][0]["data_errors"].clone();
    let cells: Vec<(String, String)> = errors
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["sheet"].as_str().unwrap().to_string(), e["cell"].as_str().unwrap().to_string()))
        .collect();
    let want = [
        ("Cán bộ", "E1"),
        ("Đối tượng sưu tra", "B2"),
        ("Đối tượng sưu tra", "F3"),
        ("Đối tượng sưu tra", "C4"),
        ("Đơn vị", "C4"),
    ];
    assert_eq!(cells, want.map(|(s, c)| (s.to_string(), c.to_string())));
    assert!(errors.as_array().unwrap().iter().all(|e| e.get("line").is_none()));
}

#[test]
fn a_dangling_reference_is_at_its_cell_in_every_format() {
    let args = ["check", "--rules", "tests/fixtures/rules/clean", "--data", "tests/workbooks/dangling.xlsx"];
    let json = Test::new().args(args).args(["--format", "json"]).run().json();
    let e = &json["units"][0]["data_errors"][0];
    assert_eq!(
        (e["code"].as_str(), e["sheet"].as_str(), e["cell"].as_str()),
        (Some("data::dangling-reference"), Some("Đối tượng sưu tra"), Some("D3"))
    );
    let sarif = Test::new().args(args).args(["--format", "sarif"]).run().json();
    let loc = &sarif["runs"][0]["results"][0]["locations"][0];
    assert_eq!(loc["logicalLocations"][0]["fullyQualifiedName"], "Đối tượng sưu tra!D3");
    assert!(loc["physicalLocation"]["region"].is_null(), "no line for a cell: {loc}");
    let github = Test::new().args(args).args(["--format", "github"]).run().stdout;
    assert!(github.contains("file=tests/workbooks/dangling.xlsx,title="), "{github}");
    assert!(github.contains("::tests/workbooks/dangling.xlsx › Đối tượng sưu tra › D3: "), "{github}");
}

#[test]
fn the_template_has_every_sheet_and_column_of_the_model() {
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("t.xlsx");
    run_ok(&["template", "--output", t.to_str().unwrap()]);
    // Read back as a unit: every sheet and column known, nothing but the
    // unit's own entries missing.
    let (code, json) = check_json(t.to_str().unwrap());
    assert_eq!(code, 2);
    let errors = json["units"][0]["data_errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["code"], "data::missing-field");
    assert_eq!(errors[0]["sheet"], "Unit");
}

#[test]
fn an_offending_record_of_a_workbook_is_shown_at_its_sheet_and_row() {
    // Inside the checkout, so that the snapshot names relative paths only.
    let dir = Path::new("target/test-workbook-offending");
    std::fs::create_dir_all(dir).unwrap();
    let book = dir.join("u.xlsx");
    // The folder outlives the run: the last run's copy is replaced.
    run_ok(&["export", SAMPLE, "--output", book.to_str().unwrap(), "--force"]);
    let out = Test::new().default_language().args(["check", "--data", book.to_str().unwrap(), "--only", "07"]).run();
    assert_eq!(out.code, 1, "{}", out.stderr);
    insta::assert_snapshot!(out.stdout);
}

/// The notes a workbook carries, by cell reference, from its comment parts.
fn notes(path: &Path) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        if !entry.name().unwrap().starts_with("xl/comments") {
            continue;
        }
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut entry, &mut xml).unwrap();
        for part in xml.split("<comment ref=\"").skip(1) {
            let (cell, rest) = part.split_once('"').unwrap();
            let text: String = rest
                .split("<t")
                .skip(1)
                .filter_map(|t| t.split_once('>').map(|(_, v)| v.split('<').next().unwrap_or("")))
                .collect();
            out.push((cell.to_string(), text));
        }
    }
    out.sort();
    out
}

#[test]
fn annotate_marks_each_problem_at_its_cell_and_each_failing_row() {
    let dir = tempfile::tempdir().unwrap();
    let marked = dir.path().join("marked.xlsx");
    let out = Test::new()
        .args(["check", "--rules", "tests/fixtures/rules/clean", "--data", "tests/workbooks/mistakes.xlsx"])
        .args(["--annotate", marked.to_str().unwrap()])
        .run();
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("5 notes"), "{}", out.stderr);
    let cells: Vec<String> = notes(&marked).into_iter().map(|(c, _)| c).collect();
    // Sorted by reference across the sheets that have them.
    let mut want = vec!["B2", "C4", "C4", "E1", "F3"];
    want.sort();
    assert_eq!(cells, want);
    let texts = notes(&marked);
    assert!(texts.iter().any(|(c, t)| c == "F3" && t.contains("`31/02/2024` is not a date")), "{texts:?}");

    // A valid unit: the rows behind failing requirements, and the copy is
    // itself the same unit (LibreOffice opens it, chitieu reads it again).
    let book = dir.path().join("u.xlsx");
    let copy = dir.path().join("u-marked.xlsx");
    run_ok(&["export", SAMPLE, "--output", book.to_str().unwrap()]);
    let out = Test::new().args(["check", "--data", book.to_str().unwrap(), "--annotate", copy.to_str().unwrap()]).run();
    assert_eq!(out.code, 1, "{}", out.stderr);
    let texts = notes(&copy);
    assert!(texts.iter().any(|(c, t)| c == "A49" && t.starts_with("target 07 failed")), "{texts:?}");
    assert!(texts.iter().all(|(_, t)| !t.starts_with("target D5")), "a warning is no failure: {texts:?}");
    let (_, original) = check_json(SAMPLE);
    let (_, again) = check_json(copy.to_str().unwrap());
    assert_eq!(verdicts(again), verdicts(original.clone()));
    soffice(&["--convert-to", "ods", copy.to_str().unwrap()], dir.path());
    let (_, via_lo) = check_json(dir.path().join("lo/u-marked.ods").to_str().unwrap());
    assert_eq!(verdicts(via_lo), verdicts(original));

    let out = Test::new().args(["check", "--annotate", copy.to_str().unwrap()]).run();
    assert_eq!(out.code, 2, "--annotate needs a workbook unit");
    assert!(out.stderr.contains("--annotate needs --data to be one unit's workbook"), "{}", out.stderr);
}

#[test]
fn the_report_names_a_workbook_record_by_its_sheet_and_row() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("u.xlsx");
    let page = dir.path().join("r.html");
    run_ok(&["export", SAMPLE, "--output", book.to_str().unwrap()]);
    run_ok(&["report", "--data", book.to_str().unwrap(), "--output", page.to_str().unwrap()]);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("ST047 (Subjects › row 49)"), "the page names ST047 at its row");
}

/// A Python with openpyxl (the system's, where pyenv's lacks it).
fn python_with_openpyxl() -> String {
    for python in ["python3", "/usr/bin/python3"] {
        let ok = std::process::Command::new(python).args(["-c", "import openpyxl"]).status().is_ok_and(|s| s.success());
        if ok {
            return python.to_string();
        }
    }
    panic!("openpyxl is installed: .ci/run installs python3-openpyxl");
}

/// Issue 33: every value a drop-down offers is accepted. openpyxl reads
/// every list validation of the workbook chitieu writes and puts each item
/// it offers into a record's cell of that column; chitieu then finds no
/// value it refuses in any of those cells ("Mua bán, vận chuyển" was split
/// in two at its comma, each half refused).
#[test]
fn every_value_a_drop_down_offers_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("u.xlsx");
    // The clerk's workbook: Vietnamese, whose values hold commas.
    let out = Test::new().default_language().args(["export", SAMPLE, "--output", book.to_str().unwrap()]).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let filled = dir.path().join("filled.xlsx");
    let script = r#"
import json, sys, openpyxl
from openpyxl.utils import range_boundaries
book = openpyxl.load_workbook(sys.argv[1])
placed = []
for ws in book.worksheets:
    for dv in ws.data_validations.dataValidation:
        if dv.type != "list":
            continue
        formula = dv.formula1
        assert formula.startswith("'"), "a list from a range, not a string: %r" % formula
        sheet, cells = formula.rsplit("!", 1)
        lists = book[sheet.strip("'")]
        c1, r1, c2, r2 = range_boundaries(cells.replace("$", ""))
        if lists.sheet_state != "hidden":
            continue  # a list of ids, from a sheet of records
        items = [lists.cell(row=r, column=c1).value for r in range(r1, r2 + 1)]
        assert all(items), "an empty item in %s" % formula
        col = range_boundaries(str(dv.sqref).split()[0])[0]
        for i, item in enumerate(items):
            row = 3 + i
            if ws.cell(row=row, column=1).value is None:
                break
            ws.cell(row=row, column=col).value = item
            placed.append([ws.title, ws.cell(row=row, column=col).coordinate, item])
book.save(sys.argv[2])
print(json.dumps(placed))
"#;
    let out = std::process::Command::new(python_with_openpyxl())
        .args(["-c", script, book.to_str().unwrap(), filled.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let placed: Vec<(String, String, String)> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(placed.len() > 30, "{placed:?}");
    assert!(placed.iter().any(|(_, _, item)| item.contains(", ")), "a value with a comma is offered whole: {placed:?}");
    let (_, json) = check_json(filled.to_str().unwrap());
    let refused: Vec<&Value> = json["units"][0]["data_errors"]
        .as_array()
        .map(|a| a.iter().collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .filter(|p| matches!(p["code"].as_str(), Some("data::unknown-value" | "data::invalid-value")))
        .filter(|p| placed.iter().any(|(sheet, cell, _)| p["sheet"] == sheet.as_str() && p["cell"] == cell.as_str()))
        .collect();
    assert!(refused.is_empty(), "values a drop-down offers were refused: {refused:#?}");
}

/// Issue 33, item 2: every problem of a workbook in one run — its cells'
/// and the whole file's together — and a record set aside for a bad cell
/// still exists for what refers to it (no false "missing DT01").
#[test]
fn every_problem_of_a_workbook_comes_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("u.xlsx");
    let out = Test::new().default_language().args(["export", SAMPLE, "--output", book.to_str().unwrap()]).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let edited = dir.path().join("edited.xlsx");
    let script = r#"
import sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1])
def put(sheet, rid, key, value):
    ws = book[sheet]
    col = next(c.column for c in ws[2] if c.value == key)
    row = next(r for r in range(3, ws.max_row + 1) if ws.cell(row=r, column=1).value == rid)
    ws.cell(row=row, column=col).value = value
put("Hồ sơ ĐTCB", "DT01", "opened", "31/02/2024")
put("Đối tượng sưu tra", "ST001", "opened", "hôm qua")
put("Đối tượng sưu tra", "ST002", "list", "Danh mục 9")
put("Đối tượng sưu tra", "ST003", "officer", "CB15")
put("Đối tượng sưu tra", "ST004", "closed", "01/05/2024")
book.save(sys.argv[2])
"#;
    let run = std::process::Command::new(python_with_openpyxl())
        .args(["-c", script, book.to_str().unwrap(), edited.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let out = Test::new()
        .default_language()
        .args(["check", "--data", edited.to_str().unwrap(), "--format", "json", "--no-cache"])
        .run();
    assert_eq!(out.code, 2);
    let errors = out.json()["units"][0]["data_errors"].as_array().unwrap().clone();
    let said: Vec<(String, String, String)> = errors
        .iter()
        .map(|e| {
            let s = |k: &str| e[k].as_str().unwrap_or_default().to_string();
            (s("code"), format!("{} {}", s("sheet"), s("cell")), s("message"))
        })
        .collect();
    let codes: Vec<&str> = said.iter().map(|(c, _, _)| c.as_str()).collect();
    assert_eq!(
        codes.iter().filter(|c| matches!(**c, "data::invalid-value" | "data::unknown-value")).count(),
        3,
        "{said:#?}"
    );
    assert!(said.iter().any(|(c, _, m)| c == "data::dangling-reference" && m.contains("CB15")), "{said:#?}");
    assert!(said.iter().any(|(c, _, _)| c == "data::missing-close-reason" || c.contains("close")), "{said:#?}");
    assert!(!said.iter().any(|(_, _, m)| m.contains("`DT01`")), "DT01 is there, only set aside: {said:#?}");
    // An impossible day says why.
    assert!(
        said.iter().any(|(_, _, m)| m.contains("`31/02/2024`") && m.contains("tháng 2 năm 2024 có 29 ngày")),
        "{said:#?}"
    );
}

/// Issue 33, item 7: the template's unit sheet labels every row in the
/// clerk's words (no `subjects_opened`, no `Chỉ tiêu subjects`), and the
/// empty template prints as a page or so a sheet (it printed 44 pages).
#[test]
fn the_template_speaks_the_clerks_words_and_prints_compactly() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("don-vi.xlsx");
    let out = Test::new().default_language().args(["template", "--output", book.to_str().unwrap()]).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let script = r#"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Đơn vị"]
for row in range(3, ws.max_row + 1):
    print(ws.cell(row=row, column=1).value)
guide = openpyxl.load_workbook(sys.argv[1])["Hướng dẫn"]
for row in guide.iter_rows(min_row=9, values_only=True):
    if row[2] in ("id", "officer", "informants") and row[0] in ("Đối tượng sưu tra", "Cán bộ"):
        print("example", row[0], row[2], row[6])
    if row[0] == "Đơn vị":
        print("unit", row[2], row[3], row[6])
for row in range(3, ws.max_row + 1):
    if ws.cell(row=row, column=2).value in ("period.start", "as_of", "quotas.subjects.deadline"):
        print("format", ws.cell(row=row, column=2).value, ws.cell(row=row, column=3).number_format)
print("landscape" if openpyxl.load_workbook(sys.argv[1])["Đối tượng sưu tra"].page_setup.orientation == "landscape" else "portrait")
"#;
    let run = std::process::Command::new(python_with_openpyxl())
        .args(["-c", script, book.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let labels = String::from_utf8(run.stdout).unwrap();
    assert!(labels.contains("Số liệu năm trước: số đối tượng đưa vào sưu tra"), "{labels}");
    assert!(labels.contains("Chỉ tiêu Đối tượng sưu tra: Chỉ tiêu giao"), "{labels}");
    let unit_rows: Vec<&str> =
        labels.lines().filter(|l| !["example ", "unit ", "format "].iter().any(|p| l.starts_with(p))).collect();
    // The guide covers the unit sheet, row by row, each with an example
    // that fits; its date cells show a date as one is typed.
    for line in [
        "unit unit.id có DV01",
        "unit period.start có 15/10/2023",
        "unit as_of không 14/03/2024",
        "unit baseline.subjects_opened không 12",
        "unit quotas.subjects.count không 12",
        "unit quotas.subjects.deadline không 30/06/2024",
        "format period.start dd/mm/yyyy",
        "format as_of dd/mm/yyyy",
        "format quotas.subjects.deadline dd/mm/yyyy",
    ] {
        assert!(labels.lines().any(|l| l == line), "{line}: {labels}");
    }
    let guided = labels.lines().filter(|l| l.starts_with("unit ")).count();
    assert_eq!(guided, unit_rows.len() - 1, "a guide row for every row of the unit sheet: {labels}");
    for code in ["subjects", "suspicions", "informants", "operations"] {
        let named =
            unit_rows.iter().flat_map(|l| l.split_whitespace()).any(|w| w.trim_matches(':') == code || w.contains('_'));
        assert!(!named, "{code}: {unit_rows:?}");
    }
    assert!(labels.trim_end().ends_with("landscape"), "{labels}");
    // Each column's example fits it: a subject's id is no officer's.
    for line in
        ["example Đối tượng sưu tra id ST001", "example Đối tượng sưu tra officer CB01", "example Cán bộ id CB01"]
    {
        assert!(labels.contains(line), "{line}: {labels}");
    }
    assert!(labels.contains("example Đối tượng sưu tra informants MD-01, MD-02"), "{labels}");
    soffice(&["--convert-to", "pdf", book.to_str().unwrap()], dir.path());
    let info = std::process::Command::new("pdfinfo").arg(dir.path().join("lo/don-vi.pdf")).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout).to_string();
    let count: usize = info.lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim().parse().unwrap();
    assert!(count <= 25, "the empty template prints {count} pages");
}

/// Issue 33, item 6: the annotated copy is the clerk's own workbook with
/// marks added. A workbook exported by chitieu and then typed into with
/// openpyxl (a wrong value, an impossible day, a note of the clerk's, a
/// formula) is marked; openpyxl then finds in the copy every drop-down,
/// frozen pane, column width, number format, formula and note the original
/// had, each marked cell filled red with its note, and LibreOffice opens it
/// with every note there.
#[test]
fn annotate_keeps_the_clerks_workbook_and_adds_its_marks() {
    let dir = tempfile::tempdir().unwrap();
    let exported = dir.path().join("u.xlsx");
    let typed = dir.path().join("typed.xlsx");
    let marked = dir.path().join("marked.xlsx");
    let out = Test::new().default_language().args(["export", SAMPLE, "--output", exported.to_str().unwrap()]).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let python = python_with_openpyxl();
    let type_in = r#"
import sys, openpyxl
from openpyxl.comments import Comment
b = openpyxl.load_workbook(sys.argv[1])
ws = b["Đối tượng sưu tra"]
keys = [c.value for c in ws[2]]
ws.cell(row=4, column=2).value = "Loại Z"
ws.cell(row=5, column=keys.index("opened") + 1).value = "31/02/2024"
ws["A3"].comment = Comment("ghi chú của cán bộ", "Clerk")
ws["P1"] = "=COUNTA(A3:A100)"
b.save(sys.argv[2])
"#;
    let run = std::process::Command::new(&python)
        .args(["-c", type_in, exported.to_str().unwrap(), typed.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let out = Test::new()
        .default_language()
        .args(["check", "--data", typed.to_str().unwrap(), "--annotate", marked.to_str().unwrap()])
        .run();
    assert_eq!(out.code, 2, "{}", out.stderr);
    let measure = r#"
import json, sys, openpyxl
out = {}
for f in sys.argv[1:]:
    b = openpyxl.load_workbook(f)
    sheets = {}
    for ws in b.worksheets:
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None or c.comment is not None:
                    cells[c.coordinate] = [str(c.value), c.number_format, c.fill.fgColor.rgb if c.fill.fill_type else None,
                                           c.comment.text if c.comment else None, bool(c.font.bold)]
        sheets[ws.title] = {
            "state": ws.sheet_state,
            "panes": ws.freeze_panes,
            "validations": sorted(str(v.sqref) + " " + str(v.formula1) for v in ws.data_validations.dataValidation),
            "widths": {k: d.width for k, d in ws.column_dimensions.items()},
            "cells": cells,
        }
    out[f] = sheets
print(json.dumps(out, ensure_ascii=False))
"#;
    let run = std::process::Command::new(&python)
        .args(["-c", measure, typed.to_str().unwrap(), marked.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let m: Value = serde_json::from_slice(&run.stdout).unwrap();
    let (before, after) = (&m[typed.to_str().unwrap()], &m[marked.to_str().unwrap()]);
    assert_eq!(
        before.as_object().unwrap().keys().collect::<Vec<_>>(),
        after.as_object().unwrap().keys().collect::<Vec<_>>()
    );
    let marked_cells = ["B4", "K5"];
    for (name, sheet) in before.as_object().unwrap() {
        let copy = &after[name];
        for key in ["state", "panes", "validations", "widths"] {
            assert_eq!(sheet[key], copy[key], "{name}: {key}");
        }
        for (cell, was) in sheet["cells"].as_object().unwrap() {
            let now = &copy["cells"][cell];
            let marked_here = name == "Đối tượng sưu tra" && marked_cells.contains(&cell.as_str());
            // Value, number format and bold as they were; the fill and
            // note are the marks'.
            assert_eq!((&was[0], &was[1], &was[4]), (&now[0], &now[1], &now[4]), "{name}!{cell}");
            if !marked_here {
                assert_eq!((&was[2], &was[3]), (&now[2], &now[3]), "{name}!{cell} is not marked");
            }
        }
    }
    let subjects = &after["Đối tượng sưu tra"]["cells"];
    assert_eq!(subjects["P1"][0], "=COUNTA(A3:A100)", "the formula is a formula still");
    assert_eq!(subjects["A3"][3], "ghi chú của cán bộ", "the clerk's own note");
    for cell in marked_cells {
        assert_eq!(subjects[cell][2], "FFFFC7CE", "{cell} filled");
    }
    assert!(subjects["B4"][3].as_str().unwrap().contains("`Loại Z` không phải là giá trị được phép"), "{subjects}");
    assert!(subjects["K5"][3].as_str().unwrap().contains("tháng 2 năm 2024 có 29 ngày"), "{subjects}");
    assert_eq!(subjects["K5"][1], "dd/mm/yyyy", "a marked date cell keeps its format");

    // LibreOffice opens the copy and finds every note, the clerk's too.
    soffice(&["--convert-to", "ods", marked.to_str().unwrap()], dir.path());
    let ods = std::fs::File::open(dir.path().join("lo/marked.ods")).unwrap();
    let mut content = String::new();
    std::io::Read::read_to_string(
        &mut zip::ZipArchive::new(ods).unwrap().by_name("content.xml").unwrap(),
        &mut content,
    )
    .unwrap();
    assert_eq!(content.matches("<office:annotation").count() - content.matches("<office:annotation-end").count(), 3);
}

/// Issue 33, item 6: staff fix the marked copy and check it again. Marking
/// a marked copy gives each note box an id of its own across the workbook
/// (Excel repairs a workbook whose drawings share ids), keeps one author
/// `chitieu`, and does not write a note's text into it twice.
#[test]
fn a_marked_copy_marked_again_stays_one_valid_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.xlsx");
    let second = dir.path().join("second.xlsx");
    for (input, output) in [("tests/workbooks/mistakes.xlsx", &first), (first.to_str().unwrap(), &second)] {
        let out = Test::new()
            .args(["check", "--rules", "tests/fixtures/rules/clean", "--data", input])
            .args(["--annotate", output.to_str().unwrap()])
            .run();
        assert_eq!(out.code, 2, "{}", out.stderr);
    }
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&second).unwrap()).unwrap();
    let mut ids = Vec::new();
    let mut comments = String::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut entry, &mut text).unwrap();
        if name.ends_with(".vml") {
            ids.extend(text.split("id=\"_x0000_s").skip(1).map(|s| s.split('"').next().unwrap().to_string()));
        }
        if name.starts_with("xl/comments") {
            comments.push_str(&text);
        }
    }
    let unique: std::collections::HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
    assert_eq!(ids.len(), 5, "a box for each note: {ids:?}");
    // One author `chitieu` in each comments part, not one more a run.
    assert_eq!(comments.matches("<author>chitieu</author>").count(), comments.matches("<authors>").count());
    assert_eq!(notes(&second), notes(&first), "each note once, as the first run wrote it");
}
