//! `report --format docx`: the report to PC04 as a Word document, read by
//! programs no one here wrote. LibreOffice opens it, exports its text (a
//! table cell a line) and converts it to PDF, whose first page pdftoppm
//! renders. Every measured value in the document's table is held to
//! `check --format json` for the month it reports, and the change column to
//! the month before.

mod common;

use std::path::Path;
use std::process::Command;

use common::Test;
use serde_json::Value;

const SAMPLE: &str = "data/binh-luc-2024.yaml";

fn soffice(args: &[&str], dir: &Path) {
    common::soffice(args, dir, dir);
}

/// The document's text as LibreOffice exports it: a paragraph (or a table
/// cell) a line.
fn text_of(docx: &Path) -> Vec<String> {
    let dir = docx.parent().unwrap();
    soffice(&["--convert-to", "txt:Text (encoded):UTF8", docx.to_str().unwrap()], dir);
    let text = std::fs::read_to_string(docx.with_extension("txt")).unwrap();
    text.trim_start_matches('\u{feff}').lines().map(str::to_string).collect()
}

/// Writes the report (Vietnamese, as a team runs it) and returns its path
/// and what the program printed.
fn report(dir: &Path, name: &str, args: &[&str]) -> (std::path::PathBuf, common::Output) {
    let out = dir.join(name);
    let mut t = Test::new().default_language().args(["report", "--output", out.to_str().unwrap()]);
    for a in args {
        t = t.arg(a);
    }
    let run = t.run();
    (out, run)
}

fn check_json(data: &str, as_of: &str) -> Value {
    let out =
        Test::new().default_language().args(["check", "--data", data, "--as-of", as_of, "--format", "json"]).run();
    assert!(out.code <= 1, "{}", out.stderr);
    out.json()
}

/// A measured value as people here write it, from the JSON's numbers:
/// `97,2% (35/36)`, `18`.
fn shown(r: &Value) -> String {
    let comma = |s: String| s.replace('.', ",");
    // A requirement that does not apply shows no figure.
    if r["status"] == "n/a" {
        return "—".to_string();
    }
    match (r["part"].as_i64(), r["whole"].as_i64()) {
        (Some(part), Some(0)) => format!("{part}/0"),
        (Some(part), Some(whole)) => {
            // One decimal where the share is not a whole percent.
            let pct = if (part * 100) % whole == 0 {
                format!("{}", part * 100 / whole)
            } else {
                format!("{:.1}", part as f64 * 100.0 / whole as f64)
            };
            format!("{}% ({part}/{whole})", comma(pct))
        }
        _ => {
            let v = r["measured"].as_f64().unwrap();
            assert_eq!(v.fract(), 0.0, "a count: {r}");
            format!("{}", v as i64)
        }
    }
}

/// The rows of the document's table of targets: six cells each, from the
/// header row on, as many as the JSON's requirements.
fn rows(lines: &[String], count: usize) -> Vec<Vec<String>> {
    let start = lines.iter().position(|l| l == "TT").expect("the table's header row");
    assert_eq!(lines[start..start + 6], ["TT", "Chỉ tiêu", "Kết quả", "Yêu cầu", "Trạng thái", "So với tháng trước"]);
    lines[start + 6..start + 6 + 6 * count].chunks(6).map(|c| c.to_vec()).collect()
}

/// Every requirement of the JSON's one unit, in order, with its target.
fn requirements(json: &Value) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for t in json["units"][0]["targets"].as_array().unwrap() {
        let id = t["id"].as_str().unwrap().to_string();
        for r in t["requirements"].as_array().unwrap() {
            out.push((id.clone(), r.clone()));
        }
    }
    out
}

#[test]
fn every_measured_value_in_the_table_is_checks_for_the_month_reported() {
    let dir = tempfile::tempdir().unwrap();
    // Mid-month: the report closes the month that ended on the 13th.
    for (as_of, month_end, before, title) in [
        ("2024-10-13", "2024-10-13", "2024-09-13", "Kết quả thực hiện chỉ tiêu công tác NVCB năm 2024"),
        ("2024-05-20", "2024-05-13", "2024-04-13", "Kết quả thực hiện chỉ tiêu công tác NVCB tháng 5/2024"),
        ("2024-04-13", "2024-04-13", "2024-03-13", "Kết quả thực hiện chỉ tiêu công tác NVCB 6 tháng đầu năm 2024"),
        ("2024-07-13", "2024-07-13", "2024-06-13", "Kết quả thực hiện chỉ tiêu công tác NVCB 9 tháng năm 2024"),
    ] {
        let (file, run) = report(dir.path(), &format!("bao-cao-{as_of}.docx"), &["--as-of", as_of]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(run.stderr.contains(title), "{}", run.stderr);
        let lines = text_of(&file);
        assert!(lines.iter().any(|l| l == title), "{as_of}: {lines:?}");
        let json = check_json(SAMPLE, month_end);
        let earlier = check_json(SAMPLE, before);
        let now = requirements(&json);
        let then = requirements(&earlier);
        let table = rows(&lines, now.len());
        for (i, ((id, r), row)) in now.iter().zip(&table).enumerate() {
            let at = format!("{as_of}, target {id}, row {}", i + 1);
            assert!(row[2].starts_with(&shown(r)), "{at}: measured {:?}, check says {}", row[2], shown(r));
            // A warning that falls short reads as one, never as a failure.
            let status = if r["warning"] == true && r["status"] == "fail" {
                "Cảnh báo"
            } else {
                r["status_label"].as_str().unwrap()
            };
            assert_eq!(row[4], status, "{at}");
            for op in [">=", "<=", "==", "> ", "< "] {
                assert!(!row[3].contains(op), "{at}: the requirement in words, not {op}: {:?}", row[3]);
            }
            if row[0].is_empty() {
                assert!(!row[1].is_empty(), "{at}: a second requirement is named by its label");
            } else {
                assert!(row[1].starts_with(&format!("{id}. ")), "{at}: {row:?}");
            }
            // The change since the month before, from its own check.
            let (_, prev) = then.iter().find(|(pid, p)| pid == id && p["label"] == r["label"]).expect("last month's");
            let moved = if let (Some(a), Some(b)) = (r["measured"].as_f64(), prev["measured"].as_f64()) {
                moved(r, a, b)
            } else {
                "—".to_string()
            };
            assert!(row[5].starts_with(&moved), "{at}: change {:?}, expected {moved}", row[5]);
            if prev["status"] != r["status"] {
                assert!(row[5].contains(&format!("tháng trước: {}", prev["status_label"].as_str().unwrap())), "{at}");
            }
        }
    }
}

/// How a value moved, as the change column writes it: share in points to
/// one decimal, a count by its difference.
fn moved(r: &Value, a: f64, b: f64) -> String {
    if r["whole"].is_i64() {
        let d = ((a - b) * 1000.0).round() / 10.0;
        if d == 0.0 { "không đổi".to_string() } else { format!("{d:+} điểm %").replace('.', ",") }
    } else if a == b {
        "không đổi".to_string()
    } else {
        format!("{:+}", (a - b) as i64)
    }
}

#[test]
fn the_document_reads_as_an_administrative_report() {
    let dir = tempfile::tempdir().unwrap();
    let (file, run) = report(dir.path(), "bao-cao.docx", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines = text_of(&file);
    // The table's cells (a line each) are long and many: the rest is the
    // document's frame, which is snapshotted whole.
    let start = lines.iter().position(|l| l == "TT").unwrap();
    let end = lines.iter().position(|l| l.starts_with("II. ")).unwrap();
    let mut frame: Vec<&str> = lines[..start].iter().map(String::as_str).collect();
    frame.push("[bảng]");
    frame.extend(lines[end..].iter().map(String::as_str));
    let frame = frame.join("\n");
    insta::assert_snapshot!(frame);
    // No officer's name leaves the machine unless asked.
    let yaml: Value = serde_saphyr::from_str(&std::fs::read_to_string(SAMPLE).unwrap()).unwrap();
    let names: Vec<&str> = yaml["officers"].as_array().unwrap().iter().map(|o| o["name"].as_str().unwrap()).collect();
    let all = lines.join("\n");
    for name in &names {
        assert!(!all.contains(name), "{name} is in the report");
    }
    let (named, run) = report(dir.path(), "bao-cao-ten.docx", &["--show-names"]);
    assert_eq!(run.code, 0);
    let text = text_of(&named).join("\n");
    // The commander signs: their name under the title.
    assert!(text.contains("ĐỘI TRƯỞNG\n\n\n\n\nPhạm Quốc Khánh"), "{text}");
}

#[test]
fn the_same_inputs_give_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let (a, _) = report(dir.path(), "a.docx", &[]);
    let (b, _) = report(dir.path(), "b.docx", &[]);
    assert_eq!(std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
}

#[test]
fn libreoffice_makes_a_pdf_of_it_whose_pages_render() {
    let dir = tempfile::tempdir().unwrap();
    let (file, run) = report(dir.path(), "bao-cao.docx", &[]);
    assert_eq!(run.code, 0);
    soffice(&["--convert-to", "pdf", file.to_str().unwrap()], dir.path());
    let pdf = file.with_extension("pdf");
    let png = dir.path().join("page");
    let out = Command::new("pdftoppm")
        .args(["-r", "50", "-png"])
        .arg(&pdf)
        .arg(&png)
        .output()
        .expect("pdftoppm is installed: .ci/run installs poppler-utils");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let pages: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("page"))
        .collect();
    // A4 at 50 dpi: 413 × 585; the sample's report runs to several pages.
    assert!(pages.len() >= 3, "{} page(s)", pages.len());
    let first =
        std::fs::read(dir.path().join(format!("page-{}.png", if pages.len() >= 10 { "01" } else { "1" }))).unwrap();
    assert_eq!(&first[12..16], b"IHDR");
    let (w, h) =
        (u32::from_be_bytes(first[16..20].try_into().unwrap()), u32::from_be_bytes(first[20..24].try_into().unwrap()));
    // A4 (210 × 297 mm) at 50 dpi.
    assert!((412..=415).contains(&w) && h == 585, "{w} × {h}");
}

#[test]
fn a_province_reports_its_pooled_figures_and_units_meeting_each_target() {
    let dir = tempfile::tempdir().unwrap();
    let units = dir.path().join("units");
    std::fs::create_dir(&units).unwrap();
    std::fs::copy(SAMPLE, units.join("a.yaml")).unwrap();
    std::fs::copy("tests/fixtures/generated/unit.yaml", units.join("b.yaml")).unwrap();
    let (file, run) = report(dir.path(), "tinh.docx", &["--data", units.to_str().unwrap(), "--as-of", "2024-10-13"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines = text_of(&file);
    assert!(lines.iter().any(|l| l == "Kết quả thực hiện chỉ tiêu công tác NVCB năm 2024 toàn tỉnh"), "{lines:?}");
    // A target some unit falls short of: its pooled figure, where its
    // threshold was set, the units meeting it and those short.
    let at = lines.iter().position(|l| l.contains(". Chỉ tiêu 07: ")).expect("07 has its section");
    assert_eq!(
        lines[at + 1..at + 4],
        [
            "Toàn tỉnh (gộp) — Đối tượng loại B đang sưu tra có CTVBM đang hoạt động theo dõi: 88,1% (133/151), yêu cầu >= 100% (Không đạt).",
            "Ngưỡng theo: min_share, mặc định trong rules/suu-tra/07-loai-b-co-ctvbm.rhai.",
            "Đơn vị đạt: 0/2; đơn vị chưa đạt: CAH-BINHLUC, CAH-0000.",
        ]
    );
    let out = Test::new()
        .default_language()
        .args(["check", "--data", units.to_str().unwrap(), "--as-of", "2024-10-13", "--format", "json", "--rollup"])
        .run();
    let json = out.json();
    let start = lines.iter().position(|l| l == "TT").unwrap();
    assert_eq!(lines[start..start + 6], ["TT", "Chỉ tiêu", "Toàn tỉnh (gộp)", "Yêu cầu", "Trạng thái", "Đơn vị đạt"]);
    let mut at = start + 6;
    let units_json = json["units"].as_array().unwrap();
    for target in json["rollup"]["targets"].as_array().unwrap() {
        let id = target["id"].as_str().unwrap();
        let meeting = units_json
            .iter()
            .filter(|u| {
                u["targets"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|t| t["id"] == id && (t["status"] == "pass" || t["status"] == "not_applicable"))
            })
            .count();
        for (j, r) in target["requirements"].as_array().unwrap().iter().enumerate() {
            let row = &lines[at..at + 6];
            at += 6;
            assert_eq!(row[2], shown(r), "{id}: {row:?}");
            assert_eq!(row[4], r["status_label"].as_str().unwrap(), "{id}");
            if j == 0 {
                assert!(row[1].starts_with(&format!("{id}. ")), "{id}: {row:?}");
                assert_eq!(row[5], format!("{meeting}/2"), "{id}");
            }
        }
    }
}

#[test]
fn a_report_that_cannot_be_made_says_why_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (file, run) = report(dir.path(), "som.docx", &["--as-of", "2023-11-01"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("chưa có tháng thống kê nào kết thúc đến ngày 01/11/2023"), "{}", run.stderr);
    assert!(!file.exists());
    // A unit whose data is invalid.
    let bad = dir.path().join("bad.yaml");
    std::fs::write(&bad, "unit: { id: X, name: Đội X }\nperiod: { start: 2023-10-15, end: 2024-10-13 }\nofficers: 3\n")
        .unwrap();
    let (file, run) = report(dir.path(), "bad.docx", &["--data", bad.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("không lập được báo cáo"), "{}", run.stderr);
    assert!(!file.exists());
    // Units whose months differ: one month is reported, or none.
    let units = dir.path().join("units");
    std::fs::create_dir(&units).unwrap();
    std::fs::copy(SAMPLE, units.join("a.yaml")).unwrap();
    let early = std::fs::read_to_string(SAMPLE)
        .unwrap()
        .replace("as_of: 2024-10-13", "as_of: 2024-06-20")
        .replace("id: CAH-BINHLUC", "id: CAH-KHAC");
    std::fs::write(units.join("b.yaml"), early).unwrap();
    let (file, run) = report(dir.path(), "mixed.docx", &["--data", units.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("không cùng tháng báo cáo"), "{}", run.stderr);
    assert!(!file.exists());
}

#[test]
fn a_shortfall_names_its_records_where_a_person_looks_and_its_waivers_with_their_decision() {
    let dir = tempfile::tempdir().unwrap();
    // A waiver: the target passes only thanks to it, and says so.
    let (file, run) = report(dir.path(), "w.docx", &["--waivers", "tests/fixtures/waivers/st047.yaml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines = text_of(&file);
    let at = lines.iter().position(|l| l.starts_with("1. Chỉ tiêu 07: ")).expect("07 has its section");
    assert_eq!(
        lines[at + 1],
        "Yêu cầu: Đối tượng loại B đang sưu tra có CTVBM đang hoạt động theo dõi từ 100% trở lên; kết quả: 100% (35/35) (miễn trừ 1) (Đạt)."
    );
    assert!(lines[at + 3].starts_with("Miễn trừ: chỉ tiêu 07: subjects ST047 được miễn trừ — "), "{}", lines[at + 3]);
    assert!(lines[at + 3].contains("quyết định 45/QĐ-CAH ngày 02/05/2024"), "{}", lines[at + 3]);
    // A workbook's records are named by sheet and row; a YAML file's by id.
    let book = dir.path().join("u.xlsx");
    let out = Test::new().default_language().args(["export", SAMPLE, "--output", book.to_str().unwrap()]).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let (file, run) = report(dir.path(), "u.docx", &["--data", book.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let records: Vec<String> = text_of(&file).into_iter().filter(|l| l.starts_with("Hồ sơ chưa đạt")).collect();
    assert_eq!(
        records,
        [
            "Hồ sơ chưa đạt (1): ST047 (Đối tượng sưu tra › dòng 49).",
            "Hồ sơ chưa đạt (1): BT-38 (Bắt giữ › dòng 40).",
            "Hồ sơ chưa đạt (1): CB09 (Cán bộ › dòng 11).",
        ]
    );
}

#[test]
fn the_document_speaks_english_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("en.docx");
    let run = Test::new().args(["report", "--output", out.to_str().unwrap(), "--as-of", "2024-04-13"]).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines = text_of(&out);
    for line in [
        "SOCIALIST REPUBLIC OF VIETNAM",
        "Bình Lục, 14/04/2024",
        "Progress on the basic operational work targets, first 6 months of 2024",
        "I. PROGRESS ON THE TARGETS",
        "III. SHORTCOMINGS",
    ] {
        assert!(lines.iter().any(|l| l == line), "{line}: {lines:?}");
    }
    // Numbers the English way.
    assert!(lines.iter().any(|l| l.contains('.') && l.ends_with(')') && l.contains('%')), "{lines:?}");
}

#[test]
fn a_target_that_cannot_be_evaluated_is_in_the_report_as_such() {
    // A rule that errs at run time: its row and its section say so, and the
    // exit code is 2; nothing reads as met.
    let dir =
        common::with_rule("let n = data.subjects.len();\nrequire_count(\"n\", n, \">=\", n + data.no_such_field);\n");
    let out = dir.path().join("z.docx");
    let run = Test::new()
        .default_language()
        .current_dir(dir.path())
        .args(["report", "--only", "07,Z1", "--output", out.to_str().unwrap()])
        .run();
    assert_eq!(run.code, 2, "{}", run.stderr);
    let lines = text_of(&out);
    let table = rows(&lines, 2);
    assert_eq!(table[1][..5], ["2", "Z1. An extra rule", "—", "—", "Lỗi"]);
    let at = lines.iter().position(|l| l.starts_with("2. Chỉ tiêu Z1: ")).expect("Z1 has its section");
    assert!(lines[at + 1].starts_with("Không đánh giá được: "), "{}", lines[at + 1]);
    assert!(lines[at + 1].contains("no_such_field"), "{}", lines[at + 1]);
}

/// A part of the document's package, as text.
fn part(docx: &Path, name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(docx).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut text).unwrap();
    text
}

/// Issue 33: the decree's elements and nothing of the program's own. The
/// document is in Vietnamese (w:lang), numbers its pages from the second
/// (a PAGE field in the header, none on the first page), is addressed
/// ("Kính gửi:"), files a copy ("Lưu: VT"), sets item headings bold and
/// upright, keeps the issuing body's name in balanced lines; and nowhere
/// names a file, a parameter, a field, an ISO date or an operator.
#[test]
fn the_document_meets_the_decree_and_speaks_to_pc04_only() {
    let dir = tempfile::tempdir().unwrap();
    let (file, run) = report(dir.path(), "bc.docx", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(part(&file, "word/styles.xml").contains(r#"<w:lang w:val="vi-VN""#));
    let document = part(&file, "word/document.xml");
    assert!(document.contains("<w:titlePg"), "no number on the first page");
    let headers: Vec<String> = ["word/header1.xml", "word/header2.xml"].iter().map(|h| part(&file, h)).collect();
    assert_eq!(headers.iter().filter(|h| h.contains("PAGE")).count(), 1, "one header numbers the pages");
    let lines = text_of(&file);
    assert!(lines.iter().any(|l| l == "Kính gửi: Phòng PC04 Công an tỉnh Hà Nam"), "{lines:?}");
    assert!(lines.iter().any(|l| l == "- Lưu: VT, hồ sơ."), "{lines:?}");
    assert!(lines.iter().any(|l| l == "ĐỘI CSĐTTP VỀ") && lines.iter().any(|l| l == "KINH TẾ - MA TÚY"), "{lines:?}");
    // Item headings: bold, not italic.
    let heading = document.find("1. Chỉ tiêu 07").expect("07's section");
    let run_start = document[..heading].rfind("<w:r>").unwrap();
    let props = &document[run_start..heading];
    assert!(props.contains("<w:b ") || props.contains("<w:b/>"), "{props}");
    assert!(!props.contains("<w:i "), "{props}");
    let text = lines.join("\n");
    for internal in ["rules/", ".rhai", "min_share", "baseline.", "quotas.", ">=", "<=", "==", "2024-06-30", "2024-02"]
    {
        assert!(!text.contains(internal), "the report names {internal:?}:\n{text}");
    }
    assert!(text.contains("Ngưỡng theo: Kế hoạch, mục II.2.1 (7)."), "{text}");
}

/// A Python with python-docx (the system's, where pyenv's lacks it).
fn python_with_docx() -> String {
    for python in ["python3", "/usr/bin/python3"] {
        let ok = Command::new(python).args(["-c", "import docx"]).status().is_ok_and(|s| s.success());
        if ok {
            return python.to_string();
        }
    }
    panic!("python-docx is installed: .ci/run installs python3-docx");
}

/// What python-docx, a reader no one here wrote, measures of the document.
const MEASURE: &str = r#"
import json, sys
import docx
from docx.oxml.ns import qn
d = docx.Document(sys.argv[1])
s = d.sections[0]
mm = lambda v: round(v.mm, 1)
def runs(p):
    return [r for r in p.runs if r.text.strip()]
def look(p):
    rs = runs(p)
    return {"text": p.text, "bold": all(r.bold for r in rs), "italic": any(r.italic for r in rs),
            "sizes": sorted({r.font.size.pt for r in rs if r.font.size is not None})}
def short_lines(paragraphs):
    found = []
    for p in paragraphs:
        b = p._p.find(qn("w:pPr") + "/" + qn("w:pBdr") + "/" + qn("w:bottom"))
        if b is not None and not p.text.strip():
            ind = p._p.find(qn("w:pPr") + "/" + qn("w:ind"))
            found.append({"val": b.get(qn("w:val")), "left": int(ind.get(qn("w:left")) or 0),
                          "right": int(ind.get(qn("w:right")) or ind.get(qn("w:end")) or 0)})
    return found
body_paragraphs = d.paragraphs
issuer = d.tables[0].cell(0, 0)
header_xml = s.header._element.xml
styles = d.styles.element.xml
out = {
    "page": [mm(s.page_width), mm(s.page_height)],
    "margins": [mm(s.top_margin), mm(s.bottom_margin), mm(s.left_margin), mm(s.right_margin)],
    "header_distance": mm(s.header_distance),
    "different_first_page": s.different_first_page_header_footer,
    "first_header_text": s.first_page_header.paragraphs[0].text if s.first_page_header.paragraphs else "",
    "page_field": "PAGE" in header_xml,
    "header_sizes": sorted({r.font.size.pt for p in s.header.paragraphs for r in p.runs if r.font.size is not None}
                           | ({int(e.get(qn("w:val"))) / 2 for e in s.header._element.iter(qn("w:sz"))})),
    "font": d.styles["Normal"].font.name or "",
    "defaults": "Times New Roman" in styles,
    "lang": "vi-VN" in styles,
    "issuer": [look(p) for p in issuer.paragraphs if p.text.strip()],
    "issuer_lines": short_lines(issuer.paragraphs),
    "title_lines": short_lines(body_paragraphs),
    "headings": [look(p) for p in body_paragraphs if p.text[:3] in ("1. ", "2. ", "3. ")],
    "title": [look(p) for p in body_paragraphs if p.text.startswith("BÁO CÁO")],
}
print(json.dumps(out, ensure_ascii=False))
"#;

/// Issue 33: the decree's presentation (Nghị định 30/2020, Phụ lục I),
/// measured by python-docx: A4 with 20/20/30/15 mm margins; page numbers
/// centred in the top margin in 14 pt, none on the first page; Times New
/// Roman and the Vietnamese language; the issuing body in 12 pt, its name
/// bold, with a short solid line under it, and another under the trích
/// yếu; item headings bold and upright.
#[test]
fn python_docx_measures_the_decree_s_presentation() {
    let dir = tempfile::tempdir().unwrap();
    let (file, run) = report(dir.path(), "bc.docx", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let script = dir.path().join("measure.py");
    std::fs::write(&script, MEASURE).unwrap();
    let out = Command::new(python_with_docx()).arg(&script).arg(&file).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let m: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(m["page"], serde_json::json!([210.0, 297.0]), "A4: {m}");
    assert_eq!(m["margins"], serde_json::json!([20.0, 20.0, 30.0, 15.0]), "{m}");
    assert_eq!(m["header_distance"], 10.0, "{m}");
    assert_eq!(m["different_first_page"], true, "{m}");
    assert_eq!(m["first_header_text"], "", "{m}");
    assert_eq!(m["page_field"], true, "{m}");
    assert_eq!(m["header_sizes"], serde_json::json!([14.0]), "{m}");
    assert_eq!(m["defaults"], true, "{m}");
    assert_eq!(m["lang"], true, "{m}");
    let issuer = m["issuer"].as_array().unwrap();
    assert!(
        issuer.iter().all(|l| l["sizes"] == serde_json::json!([12.0]) || l["text"].as_str().unwrap().starts_with("Số")),
        "{m}"
    );
    let name_lines: Vec<&Value> = issuer.iter().filter(|l| l["bold"] == true).collect();
    assert_eq!(name_lines.len(), 2, "the body's name, bold, in two balanced lines: {m}");
    assert!(issuer.iter().any(|l| l["bold"] == false), "the superior body upright, not bold: {m}");
    // One short line under the body (a third of its column), one under the
    // trích yếu: each centred, solid.
    let line = &m["issuer_lines"].as_array().unwrap()[..];
    assert_eq!(line.len(), 1, "{m}");
    assert_eq!((line[0]["val"].as_str(), line[0]["left"] == line[0]["right"]), (Some("single"), true), "{m}");
    let title = &m["title_lines"].as_array().unwrap()[..];
    assert_eq!(title.len(), 1, "{m}");
    assert_eq!((title[0]["val"].as_str(), title[0]["left"] == title[0]["right"]), (Some("single"), true), "{m}");
    assert!(title[0]["left"].as_i64().unwrap() > 3000, "short, not the text's width: {m}");
    let headings = m["headings"].as_array().unwrap();
    assert!(!headings.is_empty(), "{m}");
    for h in headings {
        assert_eq!((h["bold"].as_bool(), h["italic"].as_bool()), (Some(true), Some(false)), "{h}");
    }
    assert_eq!(m["title"][0]["bold"], true, "{m}");
}

/// Issue 33: a rule's label is what the Word report shows of it, so lint
/// holds labels to words PC04 reads: a field's or parameter's name outside
/// brackets, or an operator, is a warning at the label's key in the rule's
/// header (lint still passes); a name in brackets, a placeholder filled
/// from the data, a collection's name and a quota's are words.
#[test]
fn lint_warns_of_a_label_that_would_show_program_names_in_the_word_report() {
    let dir = common::with_rule("");
    let rule = r#"//! id: "Z1"
//! title: An extra rule
//! section: I.1
//! area: duties
//! labels:
//!   fine:
//!     vi: "Đối tượng mở trong kỳ (subjects.opened), {name}, quotas.subjects.count"
//!     en: "subjects opened (subjects.opened), {name}, quotas.subjects.count"
//!   coded:
//!     vi: "Tỷ lệ >= min_share_b"
//!     en: "share at least min_share_b of `subjects`"

require("fine", data.subjects.len(), ">=", 0);
require("coded", data.subjects.len(), ">=", 0);
"#;
    std::fs::write(dir.path().join("rules/duties/Z1-extra.rhai"), rule).unwrap();
    let out = common::run_in(&dir, &["lint"]);
    assert_eq!(out.code, 0, "a warning: {}{}", out.stdout, out.stderr);
    let said = format!("{}{}", out.stdout, out.stderr);
    assert_eq!(said.matches("into the Word report").count(), 1, "{said}");
    assert!(said.contains("label `coded` puts `>=`, `min_share_b`, `subjects` into the Word report"), "{said}");
    assert!(said.contains("[rules/duties/Z1-extra.rhai:9:7]"), "{said}");
}
