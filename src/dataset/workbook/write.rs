//! Writing a workbook in the layout the reader reads: the empty template, or
//! a unit's records exported into it. Sheets, columns, kinds, drop-downs and
//! the instructions all come from the model and `labels`, never from a
//! hand-kept copy of the layout.

use rust_xlsxwriter::{Color, DataValidation, ExcelDateTime, Format, Formula, Workbook, Worksheet, XlsxError};

use super::labels::{self, GUIDE_SHEET, LISTS_SHEET, Labels, QUOTA_FIELDS, Sheet, UNIT_ROWS, UNIT_SHEET};
use crate::dataset::field::{Field, FieldKind, Slot};
use crate::dataset::record::{self as m, Dataset};
use crate::i18n::{Lang, Msg, lang, t};

/// Rows a template's drop-downs and date formats cover.
const ROWS: u32 = 2000;
/// The baseline figures the unit's header holds (the previous year's, for
/// the rules that compare with it): the template offers a row for each; a
/// unit may add others. Quota rows are the model's (`quota: true`).
pub const BASELINE: &[&str] = &["subjects_opened"];

struct Formats {
    header: Format,
    key: Format,
    date: Format,
    time: Format,
    title: Format,
    wrap: Format,
    /// The words of the pack's model.
    labels: &'static Labels,
}

fn formats(labels: &'static Labels) -> Formats {
    Formats {
        labels,
        header: Format::new().set_bold().set_background_color(Color::RGB(0xDDEBF7)).set_text_wrap(),
        key: Format::new().set_italic().set_font_color(Color::RGB(0x808080)).set_font_size(9),
        date: Format::new().set_num_format("dd/mm/yyyy"),
        time: Format::new().set_num_format("dd/mm/yyyy hh:mm"),
        title: Format::new().set_bold().set_font_size(14),
        wrap: Format::new().set_text_wrap(),
    }
}

fn en() -> bool {
    lang() == Lang::En
}

fn excel_date(d: chrono::NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    use chrono::Datelike;
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
}

/// The template (no data) or a unit's records, as `.xlsx` bytes.
pub fn workbook(data: Option<&Dataset>, labels: &'static Labels) -> Result<Vec<u8>, String> {
    build(data, labels).map_err(|e| e.to_string())
}

fn build(data: Option<&Dataset>, labels: &'static Labels) -> Result<Vec<u8>, XlsxError> {
    let f = formats(labels);
    let mut book = Workbook::new();
    let mut lists = Lists::default();
    unit_sheet(book.add_worksheet(), data, &f)?;
    for sheet in f.labels.sheets {
        let ws = book.add_worksheet();
        collection_sheet(ws, sheet, &f, &mut lists)?;
        if let Some(data) = data {
            records(ws, sheet, data, &f)?;
        }
    }
    guide(book.add_worksheet(), &f)?;
    lists.write(book.add_worksheet())?;
    book.save_to_buffer()
}

/// The drop-downs' lists, each written once as a column of the hidden
/// lists sheet, where every validation takes its values from a range.
#[derive(Default)]
struct Lists {
    columns: Vec<Vec<&'static str>>,
}

impl Lists {
    /// The range holding `items` (written once however many columns use it).
    fn range(&mut self, items: Vec<&'static str>) -> String {
        let col = match self.columns.iter().position(|c| *c == items) {
            Some(i) => i,
            None => {
                self.columns.push(items);
                self.columns.len() - 1
            }
        };
        let letter = crate::diagnostic::column_name(col as u32);
        format!("='{}'!${letter}$1:${letter}${}", Self::name(), self.columns[col].len())
    }

    fn name() -> &'static str {
        if en() { LISTS_SHEET.1 } else { LISTS_SHEET.0 }
    }

    fn write(&self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        ws.set_name(Self::name())?;
        for (col, items) in self.columns.iter().enumerate() {
            for (row, item) in items.iter().enumerate() {
                ws.write_string(row as u32, col as u16, *item)?;
            }
        }
        ws.set_hidden(true);
        Ok(())
    }
}

/// How a sheet prints: A4, as wide as the page (landscape when it has many
/// columns), its header rows on every page.
fn printed(ws: &mut Worksheet, wide: bool) -> Result<(), XlsxError> {
    ws.set_paper_size(9);
    if wide {
        ws.set_landscape();
    }
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 1)?;
    Ok(())
}

fn unit_sheet(ws: &mut Worksheet, data: Option<&Dataset>, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(if en() { UNIT_SHEET.1 } else { UNIT_SHEET.0 })?;
    printed(ws, false)?;
    let heads = if en() { ["Item", "Key", "Value"] } else { ["Mục", "Khóa", "Giá trị"] };
    for (col, (head, key)) in heads.iter().zip(["label", "key", "value"]).enumerate() {
        ws.write_string_with_format(0, col as u16, *head, &f.header)?;
        ws.write_string_with_format(1, col as u16, key, &f.key)?;
    }
    ws.set_column_width(0, 34)?;
    ws.set_column_width(1, 28)?;
    ws.set_column_width(2, 34)?;
    ws.set_freeze_panes(2, 0)?;
    let mut row = 2u32;
    let mut put = |ws: &mut Worksheet, label: &str, key: &str, value: Option<Value>| -> Result<(), XlsxError> {
        ws.write_string(row, 0, label)?;
        ws.write_string(row, 1, key)?;
        match value {
            Some(Value::Text(s)) => {
                ws.write_string(row, 2, s)?;
            }
            Some(Value::Int(n)) => {
                ws.write_number(row, 2, n as f64)?;
            }
            Some(Value::Date(d)) => {
                ws.write_datetime_with_format(row, 2, excel_date(d)?, &f.date)?;
            }
            None => {}
        }
        // The template's date rows show a date as one is typed (dd/mm/yyyy).
        if data.is_none() && unit_kind(key) == UnitKind::Date {
            ws.write_blank(row, 2, &f.date)?;
        }
        row += 1;
        Ok(())
    };
    for (key, vi, en_label) in UNIT_ROWS {
        let label = if en() { *en_label } else { *vi };
        let value = data.and_then(|d| match *key {
            "unit.id" => Some(Value::Text(d.unit.value.id.clone())),
            "unit.name" => Some(Value::Text(d.unit.value.name.clone())),
            "unit.team" => d.unit.value.team.clone().map(Value::Text),
            "unit.province" => d.unit.value.province.clone().map(Value::Text),
            "period.start" => Some(Value::Date(d.period.value.start)),
            "period.end" => Some(Value::Date(d.period.value.end)),
            "as_of" => d.as_of.map(Value::Date),
            _ => None,
        });
        put(ws, label, key, value)?;
    }
    let baseline: Vec<(String, Option<i64>)> = match data {
        Some(d) => d.baseline.iter().map(|(k, v)| (k.clone(), Some(*v))).collect(),
        None => BASELINE.iter().map(|k| (k.to_string(), None)).collect(),
    };
    for (name, value) in baseline {
        put(ws, &baseline_label(&name), &format!("baseline.{name}"), value.map(Value::Int))?;
    }
    let quotas: Vec<(String, Option<&m::Quota>)> = match data {
        Some(d) => d.quotas.iter().map(|(k, q)| (k.clone(), Some(&q.value))).collect(),
        None => f.labels.quotas.iter().map(|k| (k.to_string(), None)).collect(),
    };
    for (name, quota) in quotas {
        for field in QUOTA_FIELDS {
            let label = quota_label(&name, field, f.labels);
            let value = quota.and_then(|q| match field.0 {
                "count" => Some(Value::Int(i64::from(q.count))),
                "deadline" => q.deadline.map(Value::Date),
                _ => q.crack_by.map(Value::Date),
            });
            // An exported quota writes only the fields it has.
            if quota.is_some() && value.is_none() {
                continue;
            }
            put(ws, &label, &format!("quotas.{name}.{}", field.0), value)?;
        }
    }
    Ok(())
}

/// A baseline figure's row on the unit sheet, in the clerk's words.
fn baseline_label(name: &str) -> String {
    let what = match name {
        "subjects_opened" => t(Msg::BaselineSubjectsOpened),
        other => other.to_string(),
    };
    t(Msg::TemplateBaseline { name: &what })
}

/// A quota's field's row, the quota named by its sheet ("Đối tượng sưu tra").
fn quota_label(name: &str, field: &(&str, &str, &str), labels: &Labels) -> String {
    let what = if en() { field.2 } else { field.1 };
    let shown = labels.sheet(name).map_or(name, |s| s.name());
    t(Msg::TemplateQuota { name: shown, what })
}

/// What a row of the unit sheet holds, by its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum UnitKind {
    Text,
    Date,
    Int,
}

fn unit_kind(key: &str) -> UnitKind {
    if matches!(key, "period.start" | "period.end" | "as_of")
        || key.ends_with(".deadline")
        || key.ends_with(".crack_by")
    {
        UnitKind::Date
    } else if key.starts_with("baseline.") || key.ends_with(".count") {
        UnitKind::Int
    } else {
        UnitKind::Text
    }
}

/// The guide's rows for the unit sheet: each row of the template's unit
/// sheet, what it holds, whether it is required and an example that fits.
fn unit_guide(f: &Formats) -> Vec<[String; 7]> {
    let sheet = if en() { UNIT_SHEET.1 } else { UNIT_SHEET.0 };
    let mut rows: Vec<(String, String)> = UNIT_ROWS
        .iter()
        .map(|(key, vi, en_label)| ((if en() { *en_label } else { *vi }).to_string(), key.to_string()))
        .collect();
    for name in BASELINE {
        rows.push((baseline_label(name), format!("baseline.{name}")));
    }
    for name in &f.labels.quotas {
        for field in QUOTA_FIELDS {
            rows.push((quota_label(name, field, f.labels), format!("quotas.{name}.{}", field.0)));
        }
    }
    rows.into_iter()
        .map(|(label, key)| {
            // A quota is the province's to give: its rows may stay empty.
            let required = matches!(key.as_str(), "unit.id" | "unit.name" | "period.start" | "period.end");
            let (holds, example) = match unit_kind(&key) {
                UnitKind::Date if key == "period.end" => (t(Msg::KindDate), "14/10/2024".to_string()),
                UnitKind::Date if key == "as_of" => (t(Msg::KindDate), "14/03/2024".to_string()),
                UnitKind::Date if key.ends_with(".deadline") => (t(Msg::KindDate), "30/06/2024".to_string()),
                UnitKind::Date if key.ends_with(".crack_by") => (t(Msg::KindDate), "30/09/2024".to_string()),
                UnitKind::Date => (t(Msg::KindDate), "15/10/2023".to_string()),
                UnitKind::Int => (t(Msg::KindInt), "12".to_string()),
                UnitKind::Text => (t(Msg::KindText), unit_example(&key)),
            };
            let required = labels::yes_no(required).to_string();
            [sheet.to_string(), label, key, required, holds, String::new(), example]
        })
        .collect()
}

/// An example for a text row of the unit sheet (invented names).
fn unit_example(key: &str) -> String {
    match (key, en()) {
        ("unit.id", _) => "DV01".to_string(),
        ("unit.name", false) => "Công an huyện A".to_string(),
        ("unit.name", true) => "District A Police".to_string(),
        ("unit.team", false) => "Đội CSĐTTP về ma túy".to_string(),
        ("unit.team", true) => "Drug crime team".to_string(),
        ("unit.province", false) => "Tỉnh B".to_string(),
        ("unit.province", true) => "Province B".to_string(),
        _ => String::new(),
    }
}

enum Value {
    Text(String),
    Int(i64),
    Date(chrono::NaiveDate),
}

/// The list a drop-down offers for a kind of column, if any.
fn choices(sheet: &Sheet, key: &str, labels: &Labels) -> Option<Vec<&'static str>> {
    match sheet.column(key)?.kind {
        FieldKind::Values(all) => Some(all.iter().map(|c| labels.value_label(all, c.as_str())).collect()),
        FieldKind::Flag => Some(vec![labels::yes_no(true), labels::yes_no(false)]),
        _ => None,
    }
}

fn collection_sheet(ws: &mut Worksheet, sheet: &Sheet, f: &Formats, lists: &mut Lists) -> Result<(), XlsxError> {
    ws.set_name(sheet.name())?;
    printed(ws, sheet.columns.len() > 6)?;
    for (col, column) in sheet.columns.iter().enumerate() {
        let col = col as u16;
        ws.write_string_with_format(0, col, column.label(), &f.header)?;
        ws.write_string_with_format(1, col, column.key, &f.key)?;
        let width = column.label().chars().count().max(column.key.len()).clamp(10, 30) + 2;
        ws.set_column_width(col, width as f64)?;
        match column.kind {
            FieldKind::Date => {
                ws.set_column_format(col, &f.date)?;
            }
            FieldKind::Time => {
                ws.set_column_format(col, &f.time)?;
            }
            _ => {}
        }
        let validation = if column.many {
            None
        } else if let Some(list) = choices(sheet, column.key, f.labels) {
            Some(DataValidation::new().allow_list_formula(Formula::new(lists.range(list))))
        } else if let Some(target) = column.refers.and_then(|r| f.labels.sheet(r)) {
            let range = format!("='{}'!$A$3:$A${}", target.name(), ROWS + 2);
            Some(DataValidation::new().allow_list_formula(Formula::new(range)))
        } else {
            None
        };
        if let Some(v) = validation {
            // A value the list lacks is refused by the spreadsheet program
            // too; chitieu says which and why when it reads the file.
            ws.add_data_validation(2, col, ROWS + 1, col, &v)?;
        }
    }
    ws.set_row_height(0, 30)?;
    ws.set_freeze_panes(2, 0)?;
    Ok(())
}

/// One cell of a record, as the template's column writes it.
fn cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    field: Field<'_>,
    allowed: Option<&[String]>,
    f: &Formats,
) -> Result<(), XlsxError> {
    let label = |code: &str| -> String {
        allowed.map(|all| f.labels.value_label(all, code).to_string()).unwrap_or_else(|| code.to_string())
    };
    match field {
        Field::Null => {}
        Field::Bool(b) => {
            ws.write_string(row, col, labels::yes_no(b))?;
        }
        Field::Int(n) => {
            ws.write_number(row, col, n as f64)?;
        }
        Field::Str(s) => {
            ws.write_string(row, col, label(s))?;
        }
        Field::Date(d) => {
            ws.write_datetime_with_format(row, col, excel_date(d)?, &f.date)?;
        }
        Field::Timestamp(ts) => {
            use chrono::Timelike;
            let t = ts.0;
            let dt = excel_date(t.date())?.and_hms(t.hour() as u16, t.minute() as u8, t.second() as f64)?;
            ws.write_datetime_with_format(row, col, dt, &f.time)?;
        }
        Field::Ids(ids) if !ids.is_empty() => {
            ws.write_string(row, col, ids.join(", "))?;
        }
        Field::Codes(codes) if !codes.is_empty() => {
            let text: Vec<String> = codes.iter().map(|m| label(m)).collect();
            ws.write_string(row, col, text.join(", "))?;
        }
        Field::Ids(_) | Field::Codes(_) | Field::Origin(_) | Field::Records(_) => {}
    }
    Ok(())
}

/// The records of a sheet's collection, or of the records nested in it,
/// each a row under the header.
fn records(ws: &mut Worksheet, sheet: &Sheet, d: &Dataset, f: &Formats) -> Result<(), XlsxError> {
    let model = d.model;
    let allowed = |column: &labels::Column| match column.kind {
        FieldKind::Values(all) => Some(all),
        _ => None,
    };
    if let Some((parent, field)) = sheet.nested_in {
        let Some(c) = model.collection(parent) else { return Ok(()) };
        let coll = &model.collections[c];
        let Some(slot) = coll.field(field) else { return Ok(()) };
        let crate::model::Kind::Records(nested) = &coll.fields[slot].kind else { return Ok(()) };
        let mut row = 2u32;
        for r in d.of(c) {
            let Field::Records(inner) = r.value.get(slot) else { continue };
            for n in inner {
                ws.write_string(row, 0, r.value.id(coll).unwrap_or_default())?;
                for (col, column) in sheet.columns.iter().enumerate().skip(1) {
                    let Some(i) = nested.fields.iter().position(|f| f.name == column.key) else { continue };
                    cell(ws, row, col as u16, n.get(i), allowed(column), f)?;
                }
                row += 1;
            }
        }
        return Ok(());
    }
    let Some(c) = model.collection(sheet.collection) else { return Ok(()) };
    let slots: Vec<Option<Slot>> =
        sheet.columns.iter().map(|column| Slot::resolve(model, c, column.key).map(|(s, _)| s)).collect();
    for (n, r) in d.of(c).iter().enumerate() {
        let row = 2 + n as u32;
        for (col, (column, slot)) in sheet.columns.iter().zip(&slots).enumerate() {
            let field = slot.map_or(Field::Null, |s| s.of(&r.value));
            cell(ws, row, col as u16, field, allowed(column), f)?;
        }
    }
    Ok(())
}

/// What a column holds, in words, for the instructions sheet.
fn holds(column: &labels::Column, labels: &Labels) -> String {
    let target = column.refers.and_then(|r| labels.sheet(r)).map(Sheet::name);
    match (column.kind, target) {
        (_, Some(target)) if column.many => t(Msg::KindRefs { sheet: target }),
        (_, Some(target)) => t(Msg::KindRef { sheet: target }),
        (FieldKind::Date, _) => t(Msg::KindDate),
        (FieldKind::Time, _) => t(Msg::KindTime),
        (FieldKind::Flag, _) => t(Msg::KindFlag),
        (FieldKind::Int, _) => t(Msg::KindInt),
        (FieldKind::Values(_), _) if column.many => t(Msg::KindValues),
        (FieldKind::Values(_), _) => t(Msg::KindValue),
        _ => t(Msg::KindText),
    }
}

fn example(sheet: &Sheet, column: &labels::Column, labels: &Labels) -> String {
    match column.kind {
        FieldKind::Date => "15/10/2023".to_string(),
        FieldKind::Time => "14/10/2024 10:30".to_string(),
        FieldKind::Flag => labels::yes_no(true).to_string(),
        FieldKind::Int => "1".to_string(),
        FieldKind::Values(all) if !all.is_empty() => labels.value_label(all, all[0].as_str()).to_string(),
        // An id fits its collection: a subject's is ST001, an officer's CB01.
        _ if column.many => {
            let of = column.refers.unwrap_or(sheet.collection);
            format!("{}, {}", labels.id_example(of, 1), labels.id_example(of, 2))
        }
        _ if sheet.id_key == Some(column.key) => labels.id_example(sheet.collection, 1),
        _ if column.refers.is_some() => labels.id_example(column.refers.unwrap_or_default(), 1),
        _ if column.key == "covers" => "03/2024".to_string(),
        _ => String::new(),
    }
}

fn guide(ws: &mut Worksheet, f: &Formats) -> Result<(), XlsxError> {
    ws.set_paper_size(9).set_landscape().set_print_fit_to_pages(1, 0);
    ws.set_name(if en() { GUIDE_SHEET.1 } else { GUIDE_SHEET.0 })?;
    ws.write_string_with_format(0, 0, t(Msg::GuideTitle), &f.title)?;
    for (i, line) in t(Msg::GuideIntro).lines().enumerate() {
        ws.write_string(1 + i as u32, 0, line)?;
    }
    let top = 7u32;
    let heads = [
        t(Msg::GuideSheet),
        t(Msg::GuideColumn),
        t(Msg::GuideKey),
        t(Msg::GuideRequired),
        t(Msg::GuideHolds),
        t(Msg::GuideAllowed),
        t(Msg::GuideExample),
    ];
    for (col, head) in heads.iter().enumerate() {
        ws.write_string_with_format(top, col as u16, head, &f.header)?;
    }
    for (col, width) in [22, 26, 16, 10, 40, 60, 18].iter().enumerate() {
        ws.set_column_width(col as u16, *width)?;
    }
    let mut row = top + 1;
    for cells in unit_guide(f) {
        for (col, text) in cells.iter().enumerate() {
            ws.write_string_with_format(row, col as u16, text, &f.wrap)?;
        }
        row += 1;
    }
    for sheet in f.labels.sheets {
        for column in sheet.columns {
            let allowed = match column.kind {
                FieldKind::Values(all) => {
                    all.iter().map(|c| format!("{} ({c})", f.labels.value_label(all, c))).collect::<Vec<_>>().join(", ")
                }
                FieldKind::Flag => format!("{}, {}", labels::yes_no(true), labels::yes_no(false)),
                _ => String::new(),
            };
            let cells = [
                sheet.name().to_string(),
                column.label().to_string(),
                column.key.to_string(),
                labels::yes_no(column.required).to_string(),
                holds(column, f.labels),
                allowed,
                example(sheet, column, f.labels),
            ];
            for (col, text) in cells.iter().enumerate() {
                ws.write_string_with_format(row, col as u16, text, &f.wrap)?;
            }
            row += 1;
        }
    }
    ws.set_freeze_panes(top + 1, 0)?;
    Ok(())
}
