//! A workbook (.xlsx, .xlsm, .ods) read as a unit file: the same `Dataset` a
//! YAML file gives, every record placed at its sheet and row. The workbook's
//! rows become the lines of a text (one line per row, cells between `│`), so
//! excerpts and labels work as they do for YAML; the text's `Grid` turns a
//! line and offset back into the sheet, row and cell a person looks for.
//!
//! Cells are read as people type them (see `convert`); anything else is an
//! error at its cell, never a guess.

use std::collections::{BTreeMap, HashMap};
use std::io::{Cursor, Read};
use std::ops::Range;
use std::sync::Arc;

use calamine::{Data, Ods, Reader, Xlsx};
use chrono::{NaiveDate, NaiveDateTime, Timelike};
use indexmap::IndexMap;
use serde_json::{Map, Value};
use serde_saphyr::{Location, Spanned};

use super::hidden::{Hidden, Parts};
use super::labels::{self, Column, GUIDE_SHEET, LISTS_SHEET, Labels, Sheet, UNIT_SHEET};
use crate::dataset::field::FieldKind;
use crate::dataset::load::UnitFile;
use crate::dataset::record::{self as m, Dataset, Record};
use crate::dataset::seed::{Found, HeaderPart, Problem, RecordSeed};
use crate::diagnostic::{Diagnostic, Grid, GridSheet, SourceFile, closest, column_name, did_you_mean, nfc};
use crate::i18n::{Msg, t};
use crate::model::Model;

/// What one workbook may unpack to: a unit's workbook is a few hundred KB.
pub const MAX_UNPACKED: u64 = 64 << 20;
/// Cells with a value in one workbook.
pub const MAX_CELLS: usize = 1_000_000;
/// Columns a sheet may use (the widest sheet has 13).
pub const MAX_COLUMNS: u32 = 256;
/// Rows a sheet may reach: a unit keeps hundreds of records, not 100,000.
pub const MAX_ROWS: u32 = 100_000;
/// The most characters a cell holds (Excel's own limit).
pub const MAX_CELL_CHARS: usize = 32_767;

/// Whether a path names a workbook by its extension.
pub fn is_workbook(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "xlsx" | "xlsm" | "ods"))
}

pub(crate) struct RawCell {
    pub(crate) col: u32,
    pub(crate) value: Data,
    pub(crate) formula: Option<String>,
}

pub(crate) struct RawSheet {
    pub(crate) name: String,
    role: Role,
    /// 0-based row → its cells, in column order.
    pub(crate) rows: BTreeMap<u32, Vec<RawCell>>,
    merged: Vec<((u32, u32), (u32, u32))>,
    /// The sheet is hidden, and which of its rows and columns are.
    pub(crate) hidden_sheet: bool,
    pub(crate) hidden: Hidden,
}

#[derive(Clone, Copy)]
enum Role {
    Unit,
    Collection(&'static Sheet),
    /// A sheet no unit's records are read from (the instructions, or any
    /// other when a workbook is only copied).
    Other,
}

enum Format {
    Xlsx,
    Ods,
}

/// Parses a workbook's bytes; `name` is what diagnostics call it.
pub fn parse(name: String, bytes: Vec<u8>, model: &'static Model) -> Result<UnitFile, Vec<Diagnostic>> {
    let labels = labels::of(model);
    let sha256 = crate::audit::sha256_hex(&bytes);
    let (format, parts) = sniff(&name, &bytes).map_err(|d| vec![d])?;
    let sheets = read_any(&name, bytes, format, parts.by_sheet(), false, labels)?;
    let (source, rows) = lay_out(&name, &sheets);
    let mut reader = Builder { source: &source, problems: Vec::new(), set_aside: Default::default(), labels, model };
    let data = reader.dataset(&name, &sheets, &rows);
    let Builder { mut problems, set_aside, .. } = reader;
    let Some(data) = data else { return Err(problems) };
    let warnings = hidden_warnings(&source, &sheets, &rows);
    let unit = UnitFile { source, data, sha256, warnings, labels };
    // Every problem in one run: the cells' and the whole file's together,
    // records set aside for a bad cell still counting as there.
    problems.extend(crate::dataset::validate::validate_with(&unit, &set_aside));
    if problems.is_empty() { Ok(unit) } else { Err(problems) }
}

fn broken(name: &str, error: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::error("data::workbook", t(Msg::WorkbookBroken { name, error: &error.to_string() }))
        .help(t(Msg::NotAWorkbookHelp))
}

/// What the bytes are, checked before any reader sees them: a zip of a
/// known kind whose entries unpack within the budget (counted by unpacking
/// them, not by what their headers claim), or an encrypted or old file.
fn sniff(name: &str, bytes: &[u8]) -> Result<(Format, Parts), Diagnostic> {
    const CFB: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(CFB) {
        let marker: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let encrypted = bytes.windows(marker.len()).any(|w| w == marker);
        return Err(if encrypted {
            Diagnostic::error("data::workbook-encrypted", t(Msg::WorkbookEncrypted { name }))
                .help(t(Msg::WorkbookEncryptedHelp))
        } else {
            Diagnostic::error("data::workbook-format", t(Msg::WorkbookOldFormat { name }))
                .help(t(Msg::NotAWorkbookHelp))
        });
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(
            Diagnostic::error("data::workbook-format", t(Msg::NotAWorkbook { name })).help(t(Msg::NotAWorkbookHelp))
        );
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| broken(name, e))?;
    let mut total: u64 = 0;
    let mut mimetype = String::new();
    let mut parts = Parts::default();
    let (mut xlsx, mut xlsb) = (false, false);
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|e| broken(name, e))?;
        let entry_name = entry.name().map_err(|e| broken(name, e))?.to_string();
        xlsx |= entry_name == "xl/workbook.xml";
        xlsb |= entry_name == "xl/workbook.bin";
        let room = MAX_UNPACKED - total;
        let mut limited = (&mut entry).take(room + 1);
        let read = if entry_name == "mimetype" {
            let mut buf = Vec::new();
            let n = limited.read_to_end(&mut buf).map_err(|e| broken(name, e))?;
            mimetype = String::from_utf8_lossy(&buf).into_owned();
            n as u64
        } else if Parts::wants(&entry_name) {
            // What is hidden is read from these parts' XML.
            let mut buf = Vec::new();
            let n = limited.read_to_end(&mut buf).map_err(|e| broken(name, e))?;
            if n as u64 <= room {
                parts.add(&entry_name, buf);
            }
            n as u64
        } else {
            std::io::copy(&mut limited, &mut std::io::sink()).map_err(|e| broken(name, e))?
        };
        total += read;
        if total > MAX_UNPACKED {
            return Err(Diagnostic::error(
                "data::too-large",
                t(Msg::WorkbookTooLarge { name, size: total, max: MAX_UNPACKED }),
            )
            .help(t(Msg::WorkbookTooLargeHelp)));
        }
    }
    if mimetype.trim() == "application/vnd.oasis.opendocument.spreadsheet" {
        Ok((Format::Ods, parts))
    } else if xlsx {
        Ok((Format::Xlsx, parts))
    } else if xlsb {
        Err(Diagnostic::error("data::workbook-format", t(Msg::WorkbookOldFormat { name }))
            .help(t(Msg::NotAWorkbookHelp)))
    } else {
        Err(Diagnostic::error("data::workbook-format", t(Msg::NotAWorkbook { name })).help(t(Msg::NotAWorkbookHelp)))
    }
}

fn norm(text: &str) -> String {
    nfc(text.trim().to_lowercase()).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A sheet's role by its name, in either language or by its collection's key.
fn role_of(sheet: &str, labels: &'static Labels) -> Option<Option<Role>> {
    let n = norm(sheet);
    if n == norm(UNIT_SHEET.0) || n == norm(UNIT_SHEET.1) || n == "unit" {
        return Some(Some(Role::Unit));
    }
    if [GUIDE_SHEET.0, GUIDE_SHEET.1, LISTS_SHEET.0, LISTS_SHEET.1].iter().any(|s| n == norm(s)) {
        return Some(None);
    }
    labels
        .sheets
        .iter()
        .find(|s| n == norm(s.vi) || n == norm(s.en) || n == s.collection)
        .map(|s| Some(Role::Collection(s)))
}

fn known_sheets(labels: &'static Labels) -> Vec<&'static str> {
    let mut names = vec![if crate::i18n::lang() == crate::i18n::Lang::En { UNIT_SHEET.1 } else { UNIT_SHEET.0 }];
    names.extend(labels.sheets.iter().map(Sheet::name));
    names
}

/// Every sheet of a workbook with its cells, whatever it holds: what a
/// copy of it (`annotate`) writes out again.
pub(crate) fn all_sheets(
    name: &str,
    bytes: Vec<u8>,
    labels: &'static Labels,
) -> Result<Vec<RawSheet>, Vec<Diagnostic>> {
    let (format, parts) = sniff(name, &bytes).map_err(|d| vec![d])?;
    read_any(name, bytes, format, parts.by_sheet(), true, labels)
}

fn read_any(
    name: &str,
    bytes: Vec<u8>,
    format: Format,
    mut hidden: HashMap<String, Hidden>,
    every: bool,
    labels: &'static Labels,
) -> Result<Vec<RawSheet>, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut sheets = Vec::new();
    let mut cells = 0usize;
    let too_long = |sheet: &str, pos: (u32, u32)| {
        let cell = format!("{}{}", column_name(pos.1), pos.0 + 1);
        Diagnostic::error(
            "data::limit",
            t(Msg::CellTooLong { sheet, cell: &cell, max: &crate::i18n::int(MAX_CELL_CHARS as i64) }),
        )
    };
    let too_many = |sheet: &str| {
        Diagnostic::error("data::limit", t(Msg::SheetTooLarge { sheet, max: &crate::i18n::int(MAX_CELLS as i64) }))
            .help(t(Msg::WorkbookTooLargeHelp))
    };
    let mut roles = |names: Vec<String>| -> Vec<(String, Role)> {
        let known = known_sheets(labels);
        let mut out = Vec::new();
        for sheet in names {
            match role_of(&sheet, labels) {
                Some(Some(role)) => out.push((sheet, role)),
                Some(None) | None if every => out.push((sheet, Role::Other)),
                Some(None) => {}
                None => {
                    let near = closest(&sheet, &known);
                    let rest = t(Msg::UnknownSheetHelp { known: &known.join(", ") });
                    problems.push(
                        Diagnostic::error("data::unknown-sheet", t(Msg::UnknownSheet { name, sheet: &sheet }))
                            .help(did_you_mean(near, &rest)),
                    );
                }
            }
        }
        out
    };
    match format {
        Format::Xlsx => {
            let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| vec![broken(name, e)])?;
            let hidden_sheets = hidden_sheets(wb.sheets_metadata());
            for (sheet, role) in roles(wb.sheet_names()) {
                let merged = wb
                    .merge_cells_by_sheet_name(&sheet)
                    .map_err(|e| vec![broken(name, e)])?
                    .into_iter()
                    .map(|d| (d.start, d.end))
                    .collect();
                let mut rows: BTreeMap<u32, Vec<RawCell>> = BTreeMap::new();
                let mut reader = wb.worksheet_cells_reader(&sheet).map_err(|e| vec![broken(name, e)])?;
                while let Some(cell) = reader.next_cell_with_formula().map_err(|e| vec![broken(name, e)])? {
                    let value: Data = cell.value.into();
                    let formula = cell.formula.filter(|f| !f.is_empty());
                    if value == Data::Empty && formula.is_none() {
                        continue;
                    }
                    cells += 1;
                    if cells > MAX_CELLS || cell.pos.1 >= MAX_COLUMNS || cell.pos.0 >= MAX_ROWS {
                        return Err(vec![too_many(&sheet)]);
                    }
                    if matches!(&value, Data::String(s) if s.chars().count() > MAX_CELL_CHARS) {
                        return Err(vec![too_long(&sheet, cell.pos)]);
                    }
                    rows.entry(cell.pos.0).or_default().push(RawCell { col: cell.pos.1, value, formula });
                }
                for row in rows.values_mut() {
                    row.sort_by_key(|c| c.col);
                }
                let (hidden_sheet, hidden) =
                    (hidden_sheets.contains(&sheet), hidden.remove(&sheet).unwrap_or_default());
                sheets.push(RawSheet { name: sheet, role, rows, merged, hidden_sheet, hidden });
            }
        }
        Format::Ods => {
            let mut wb: Ods<_> = Ods::new(Cursor::new(bytes)).map_err(|e| vec![broken(name, e)])?;
            let hidden_sheets = hidden_sheets(wb.sheets_metadata());
            for (sheet, role) in roles(wb.sheet_names()) {
                let range = wb.worksheet_range(&sheet).map_err(|e| vec![broken(name, e)])?;
                let mut rows: BTreeMap<u32, Vec<RawCell>> = BTreeMap::new();
                let (r0, c0) = range.start().unwrap_or((0, 0));
                for (r, c, value) in range.used_cells() {
                    let (row, col) = (r0 + r as u32, c0 + c as u32);
                    cells += 1;
                    if cells > MAX_CELLS || col >= MAX_COLUMNS || row >= MAX_ROWS {
                        return Err(vec![too_many(&sheet)]);
                    }
                    if matches!(value, Data::String(s) if s.chars().count() > MAX_CELL_CHARS) {
                        return Err(vec![too_long(&sheet, (row, col))]);
                    }
                    rows.entry(row).or_default().push(RawCell { col, value: value.clone(), formula: None });
                }
                let (hidden_sheet, hidden) =
                    (hidden_sheets.contains(&sheet), hidden.remove(&sheet).unwrap_or_default());
                sheets.push(RawSheet { name: sheet, role, rows, merged: Vec::new(), hidden_sheet, hidden });
            }
        }
    }
    if problems.is_empty() { Ok(sheets) } else { Err(problems) }
}

/// The names of the sheets calamine reads as hidden (either degree).
fn hidden_sheets(metadata: &[calamine::Sheet]) -> Vec<String> {
    metadata.iter().filter(|s| s.visible != calamine::SheetVisible::Visible).map(|s| s.name.clone()).collect()
}

/// The most hidden rows one warning points at (the message counts them all).
const HIDDEN_SHOWN: usize = 20;

/// A warning for each sheet of records that is hidden, or has hidden rows
/// or columns holding values: they are read and counted like the rest, and
/// a person looking at the sheet does not see them.
fn hidden_warnings(source: &Arc<SourceFile>, sheets: &[RawSheet], firsts: &[usize]) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let warning = |code, message: String| {
        Diagnostic::error(code, message).with_severity(crate::diagnostic::Severity::Warning).in_file(source)
    };
    let line_span = |line: usize| source.line_range(line);
    let cell_span = |line: usize, col: u32| {
        source.grid.as_ref().and_then(|g| g.cell_span(line, col)).unwrap_or_else(|| source.line_range(line))
    };
    for (sheet, &first) in sheets.iter().zip(firsts) {
        if matches!(sheet.role, Role::Other) || sheet.rows.is_empty() {
            continue;
        }
        let shown_name = nfc(sheet.name.clone());
        if sheet.hidden_sheet {
            let d = warning("data::hidden-sheet", t(Msg::HiddenSheet { sheet: &shown_name }))
                .help(t(Msg::HiddenHelp))
                .label(line_span(first), t(Msg::HiddenSheetLabel));
            warnings.push(d);
        }
        // Only rows that hold something: a filter hides empty rows too.
        let rows: Vec<u32> = sheet.rows.keys().copied().filter(|&r| sheet.hidden.row(r)).collect();
        if !rows.is_empty() {
            let list = spans(rows.iter().map(|r| r + 1), |r| r.to_string());
            let mut d = warning("data::hidden-rows", t(Msg::HiddenRows { sheet: &shown_name, rows: &list }))
                .help(t(Msg::HiddenHelp));
            for r in rows.iter().take(HIDDEN_SHOWN) {
                d = d.label(line_span(first + *r as usize), t(Msg::HiddenRowLabel));
            }
            warnings.push(d);
        }
        let used: std::collections::BTreeSet<u32> = sheet.rows.values().flatten().map(|cell| cell.col).collect();
        let cols: Vec<u32> = used.into_iter().filter(|&c| sheet.hidden.col(c)).collect();
        if !cols.is_empty() {
            let list = spans(cols.iter().copied(), column_name);
            let header = first + *sheet.rows.keys().next().unwrap_or(&0) as usize;
            let mut d = warning("data::hidden-columns", t(Msg::HiddenColumns { sheet: &shown_name, columns: &list }))
                .help(t(Msg::HiddenHelp));
            for &c in cols.iter().take(HIDDEN_SHOWN) {
                d = d.label(cell_span(header, c), t(Msg::HiddenColumnLabel));
            }
            warnings.push(d);
        }
    }
    warnings
}

/// Numbers in order as a person lists them: runs as `5–120`, the rest
/// by commas (`3, 5–120, 200`).
fn spans(sorted: impl Iterator<Item = u32>, name: impl Fn(u32) -> String) -> String {
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for n in sorted {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == n => *end = n,
            _ => runs.push((n, n)),
        }
    }
    let shown: Vec<String> =
        runs.iter().map(|&(a, b)| if a == b { name(a) } else { format!("{}–{}", name(a), name(b)) }).collect();
    shown.join(", ")
}

/// How a cell shows in the text: as the spreadsheet shows it, on one line.
fn shown(cell: &RawCell) -> String {
    let text = match &cell.value {
        Data::Empty => cell.formula.as_ref().map(|f| format!("={f}")).unwrap_or_default(),
        Data::String(s) => s.clone(),
        Data::Float(f) => number(*f),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(d) => match d.as_datetime() {
            Some(dt) if dt.time().num_seconds_from_midnight() == 0 => dt.format("%d/%m/%Y").to_string(),
            Some(dt) => dt.format("%d/%m/%Y %H:%M").to_string(),
            None => number(d.as_f64()),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    };
    nfc(text.replace(['\n', '\r', '\t'], " "))
}

fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 { format!("{}", f as i64) } else { f.to_string() }
}

/// Each known sheet's rows as lines of one text, and the grid that maps
/// them back. Returns, per sheet, the 1-based line of its row 1.
fn lay_out(name: &str, sheets: &[RawSheet]) -> (Arc<SourceFile>, Vec<usize>) {
    let mut text = String::new();
    let mut grid = Grid::default();
    let mut firsts = Vec::new();
    let mut line = 1;
    for sheet in sheets {
        firsts.push(line);
        let last = sheet.rows.keys().next_back().map_or(0, |r| r + 1);
        let sheet_name: Arc<str> = Arc::from(nfc(sheet.name.clone()));
        grid.sheets.push(GridSheet {
            name: sheet_name,
            first_line: line,
            rows: last as usize,
            fields: Default::default(),
        });
        for r in 0..last {
            let mut cells = Vec::new();
            if let Some(row) = sheet.rows.get(&r) {
                let width = row.last().map_or(0, |c| c.col + 1);
                let mut by_col = row.iter().peekable();
                for col in 0..width {
                    if col > 0 {
                        text.push_str(" │ ");
                    }
                    let start = text.len();
                    if by_col.peek().is_some_and(|c| c.col == col)
                        && let Some(cell) = by_col.next()
                    {
                        text.push_str(&shown(cell));
                    }
                    cells.push((start..text.len(), col));
                }
            }
            text.push('\n');
            grid.cells.push(cells);
            line += 1;
        }
    }
    (SourceFile::workbook(name, text, grid), firsts)
}

/// The unit sheet's columns: a label for people, the entry's key, its value.
const UNIT_COLUMNS: &[Column] = &[
    Column {
        key: "label",
        vi: "Mục",
        en: "Item",
        refers: None,
        many: false,
        required: false,
        kind: FieldKind::Text,
        person: false,
    },
    Column {
        key: "key",
        vi: "Khóa",
        en: "Key",
        refers: None,
        many: false,
        required: false,
        kind: FieldKind::Text,
        person: false,
    },
    Column {
        key: "value",
        vi: "Giá trị",
        en: "Value",
        refers: None,
        many: false,
        required: false,
        kind: FieldKind::Text,
        person: false,
    },
];
const UNIT: Sheet = Sheet {
    collection: "unit",
    vi: UNIT_SHEET.0,
    en: UNIT_SHEET.1,
    columns: UNIT_COLUMNS,
    nested_in: None,
    id_key: None,
};

/// A record's row: its line in the text and its fields.
type Row = (usize, Map<String, Value>);

struct Builder<'a> {
    source: &'a Arc<SourceFile>,
    problems: Vec<Diagnostic>,
    /// Records set aside for a bad cell, by collection and id: they exist.
    set_aside: crate::dataset::validate::SetAside,
    labels: &'static Labels,
    model: &'static Model,
}

/// A problem with one cell: its message and help.
struct Bad {
    message: String,
    help: String,
}

fn location(line: usize) -> Location {
    serde_json::from_value(serde_json::json!({ "line": line, "column": 1 })).unwrap_or(Location::UNKNOWN)
}

impl Builder<'_> {
    fn line_span(&self, line: usize) -> Range<usize> {
        self.source.line_range(line)
    }

    fn cell_span(&self, line: usize, col: u32) -> Range<usize> {
        self.source.grid.as_ref().and_then(|g| g.cell_span(line, col)).unwrap_or_else(|| self.line_span(line))
    }

    fn at(&mut self, d: Diagnostic, span: Range<usize>, label: &str) {
        self.problems.push(d.in_file(self.source).label(span, label));
    }

    /// A sheet's columns, from its header: row 1 names each column by its
    /// label (either language), its key or `Label (key)`; a row 2 of keys
    /// only, as the template writes, names them instead. Returns the columns
    /// by index and the 0-based row the records start at.
    fn header(
        &mut self,
        sheet: &RawSheet,
        spec: &Sheet,
        first: usize,
    ) -> Option<(BTreeMap<u32, &'static Column>, u32)> {
        let by_key = |text: &str| spec.columns.iter().find(|c| c.key == text.trim());
        let resolve = |text: &str| -> Option<&'static Column> {
            let n = norm(text);
            if let Some(c) = by_key(text) {
                return Some(c);
            }
            if let Some(inner) = text.trim().strip_suffix(')').and_then(|t| t.rsplit_once('(')).map(|(_, k)| k)
                && let Some(c) = by_key(inner)
            {
                return Some(c);
            }
            spec.columns.iter().find(|c| norm(c.vi) == n || norm(c.en) == n)
        };
        let text = |c: &RawCell| shown(c);
        let row0 = sheet.rows.get(&0);
        let row1 = sheet.rows.get(&1);
        let key_row = row1.filter(|cells| {
            cells.iter().any(|c| !text(c).is_empty())
                && cells.iter().all(|c| text(c).is_empty() || by_key(&text(c)).is_some())
        });
        let (header_row, cells, start) = match (key_row, row0) {
            (Some(cells), _) => (1u32, cells, 2),
            (None, Some(cells)) => (0, cells, 1),
            (None, None) => return Some((BTreeMap::new(), 1)),
        };
        let line = first + header_row as usize;
        let mut columns = BTreeMap::new();
        let mut ok = true;
        for cell in cells {
            let label = text(cell);
            if label.is_empty() {
                continue;
            }
            match resolve(&label) {
                Some(column) => {
                    if columns.values().any(|c: &&Column| c.key == column.key) {
                        ok = false;
                        let d = Diagnostic::error(
                            "data::duplicate-column",
                            t(Msg::DuplicateColumn { sheet: &sheet.name, key: column.key }),
                        );
                        self.at(d, self.cell_span(line, cell.col), &t(Msg::LabelThisCell));
                    } else {
                        columns.insert(cell.col, column);
                    }
                }
                None => {
                    ok = false;
                    let keys: Vec<&str> = spec.columns.iter().map(|c| c.key).collect();
                    let labels: Vec<&str> = spec.columns.iter().map(|c| c.label()).collect();
                    let near = closest(&label, &keys).or_else(|| closest(&label, &labels));
                    let help = did_you_mean(near, &t(Msg::ColumnsAre { known: &keys.join(", ") }));
                    let d = Diagnostic::error(
                        "data::unknown-column",
                        t(Msg::UnknownColumn { sheet: &sheet.name, header: &label }),
                    )
                    .help(help);
                    self.at(d, self.cell_span(line, cell.col), &t(Msg::UnknownColumnLabel));
                }
            }
        }
        for column in spec.columns {
            if column.required && !columns.values().any(|c| c.key == column.key) {
                ok = false;
                let d = Diagnostic::error(
                    "data::missing-column",
                    t(Msg::MissingColumn { sheet: &sheet.name, column: column.key }),
                );
                self.at(d, self.line_span(line), &t(Msg::MissingColumnLabel));
            }
        }
        if let Some(grid_sheet) = self.source.grid.as_ref().and_then(|g| g.sheet_of(first)) {
            let _ = grid_sheet.fields.set(columns.iter().map(|(col, c)| (c.key, *col)).collect());
        }
        ok.then_some((columns, start))
    }

    fn merged(&mut self, sheet: &RawSheet, first: usize) -> bool {
        for &((r0, c0), (r1, c1)) in &sheet.merged {
            if (r0, c0) == (r1, c1) {
                continue;
            }
            let range = format!("{}{}:{}{}", column_name(c0), r0 + 1, column_name(c1), r1 + 1);
            let d = Diagnostic::error("data::merged-cells", t(Msg::MergedCells { range: &range }))
                .help(t(Msg::MergedCellsHelp));
            // Labelled at its first cell when that row is in the text (it has
            // a value); a merge over empty rows is named by its range alone.
            if sheet.rows.contains_key(&r0) {
                self.at(d, self.cell_span(first + r0 as usize, c0), &t(Msg::LabelThisCell));
            } else {
                self.problems.push(d);
            }
        }
        sheet.merged.iter().all(|(a, b)| a == b)
    }

    /// The records of one sheet: each row with a value, as a map of its
    /// fields; problems at their cells.
    fn rows(&mut self, sheet: &RawSheet, spec: &'static Sheet, first: usize) -> Vec<(usize, Map<String, Value>)> {
        let mut out = Vec::new();
        let fine = self.merged(sheet, first);
        let Some((columns, start)) = self.header(sheet, spec, first) else { return out };
        for (&r, cells) in sheet.rows.range(start..) {
            let line = first + r as usize;
            let mut map = Map::new();
            let mut row_ok = fine;
            let mut any = false;
            for cell in cells {
                let is_empty = matches!(&cell.value, Data::Empty) && cell.formula.is_none()
                    || matches!(&cell.value, Data::String(s) if s.trim().is_empty());
                if is_empty {
                    continue;
                }
                any = true;
                let Some(column) = columns.get(&cell.col) else {
                    row_ok = false;
                    let d = Diagnostic::error("data::unnamed-column", t(Msg::UnnamedColumn))
                        .help(t(Msg::UnnamedColumnHelp));
                    self.at(d, self.cell_span(line, cell.col), &t(Msg::LabelThisCell));
                    continue;
                };
                match convert(column, column.kind, cell, self.labels) {
                    Ok(value) => insert(&mut map, column.key, value),
                    Err(bad) => {
                        row_ok = false;
                        let d = Diagnostic::error("data::invalid-value", bad.message).help(bad.help);
                        self.at(d, self.cell_span(line, cell.col), &t(Msg::LabelThisCell));
                    }
                }
            }
            if any && row_ok {
                out.push((line, map));
            } else if any && let Some(Value::String(id)) = spec.id_key.and_then(|k| map.get(k)) {
                self.set_aside.entry(spec.collection).or_default().insert(id.clone());
            }
        }
        out
    }

    /// A part of the unit sheet (the unit, its period, a quota), read as a
    /// record of the header's fields: a value they refuse is reported at the
    /// row.
    fn header_part<T: HeaderPart>(&mut self, line: usize, map: Map<String, Value>) -> Option<Spanned<T>> {
        let record = self.model_record(line, map, T::fields())?;
        Some(Spanned::new(T::of(&record), location(line), location(line)))
    }

    /// A row's fields read as a record of `fields`, by the model's seed:
    /// a value the model refuses is reported at the row.
    fn model_record(
        &mut self,
        line: usize,
        map: Map<String, Value>,
        fields: &'static [crate::model::Field],
    ) -> Option<Record> {
        let found = Found::default();
        let seed = RecordSeed { model: self.model, fields, found: &found };
        match serde::de::DeserializeSeed::deserialize(seed, Value::Object(map)) {
            Ok(record) => Some(record),
            Err(e) => {
                let what = found.take().unwrap_or_else(|| Problem::from_json(&e)).message();
                let d = Diagnostic::error("data::invalid-value", t(Msg::RecordRejected { what: &what }))
                    .help(t(Msg::HelpValueForms));
                self.at(d, self.line_span(line), &t(Msg::LabelThisCell));
                None
            }
        }
    }

    fn records(&mut self, c: usize, rows: Vec<(usize, Map<String, Value>)>) -> Vec<Spanned<Record>> {
        let coll = &self.model.collections[c];
        let mut out = Vec::with_capacity(rows.len());
        for (line, map) in rows {
            let id = coll.id.and_then(|i| map.get(&coll.fields[i].name)).and_then(Value::as_str).map(str::to_string);
            match self.model_record(line, map, &coll.fields) {
                Some(record) => out.push(Spanned::new(record, location(line), location(line))),
                None => {
                    if let Some(id) = id {
                        self.set_aside.entry(coll.name.as_str()).or_default().insert(id);
                    }
                }
            }
        }
        out
    }

    fn dataset(&mut self, name: &str, sheets: &[RawSheet], firsts: &[usize]) -> Option<Dataset> {
        let mut unit_rows = None;
        let mut by_sheet: HashMap<&'static str, Vec<Row>> = HashMap::new();
        for (sheet, &first) in sheets.iter().zip(firsts) {
            match sheet.role {
                Role::Unit => unit_rows = Some((sheet, first)),
                Role::Collection(spec) => {
                    let rows = self.rows(sheet, spec, first);
                    by_sheet.entry(spec.collection).or_default().extend(rows);
                }
                Role::Other => {}
            }
        }
        let Some((unit_sheet, unit_first)) = unit_rows else {
            let sheet = if crate::i18n::lang() == crate::i18n::Lang::En { UNIT_SHEET.1 } else { UNIT_SHEET.0 };
            self.problems.push(
                Diagnostic::error("data::missing-field", t(Msg::NoUnitSheet { name, sheet }))
                    .help(t(Msg::NoUnitSheetHelp)),
            );
            return None;
        };
        let model = self.model;
        let rows: Vec<Vec<Row>> =
            model.collections.iter().map(|c| by_sheet.remove(c.name.as_str()).unwrap_or_default()).collect();
        let head = self.unit_sheet(unit_sheet, unit_first);
        let records = rows.into_iter().enumerate().map(|(c, rows)| self.records(c, rows)).collect();
        let mut data = Dataset { records, ..head? };
        // Records nested in another's (a survey's reports), each row naming
        // the record it belongs to in its first column.
        for sheet in self.labels.sheets {
            let Some((parent, field)) = sheet.nested_in else { continue };
            let (Some(c), Some(parent_key)) = (model.collection(parent), sheet.columns.first().map(|c| c.key)) else {
                continue;
            };
            let coll = &model.collections[c];
            let Some(slot) = coll.field(field) else { continue };
            let crate::model::Kind::Records(nested) = &coll.fields[slot].kind else { continue };
            for (line, mut map) in by_sheet.remove(sheet.collection).unwrap_or_default() {
                let owner = map.remove(parent_key).and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
                let Some(record) = self.model_record(line, map, &nested.fields) else { continue };
                let found = data.records[c].iter_mut().find(|r| r.value.id(coll) == Some(owner.as_str()));
                match found {
                    Some(r) => {
                        if let m::Value::Records(list) = &mut r.value.values[slot] {
                            let mut all = std::mem::take(list).into_vec();
                            all.push(record);
                            *list = all.into_boxed_slice();
                        }
                    }
                    // Its parent was set aside for a bad cell, reported there.
                    None if self.set_aside.get(coll.name.as_str()).is_some_and(|ids| ids.contains(&owner)) => {}
                    None => {
                        let col = self.column_of(line, parent_key);
                        let d = Diagnostic::error(
                            "data::dangling-reference",
                            t(Msg::UnknownSurveyReport { survey: &owner }),
                        )
                        .help(t(Msg::DanglingAdd { target: &coll.name, id: &owner }));
                        self.at(d, self.cell_span(line, col), &t(Msg::LabelThisCell));
                    }
                }
            }
        }
        Some(data)
    }

    /// The column of a field in the row's sheet (by the sheet's header).
    fn column_of(&self, line: usize, key: &str) -> u32 {
        self.source.grid.as_ref().and_then(|g| g.column_of(line, key)).unwrap_or(0)
    }

    /// The unit sheet's entries: `unit.*`, `period.*`, `as_of`,
    /// `baseline.NAME`, `quotas.NAME.FIELD`, each a row of label, key and value.
    fn unit_sheet(&mut self, sheet: &RawSheet, first: usize) -> Option<Dataset> {
        let (columns, start) = self.header(sheet, &UNIT, first)?;
        let col = |key: &str| columns.iter().find(|(_, c)| c.key == key).map(|(i, _)| *i);
        let (key_col, value_col) = (col("key")?, col("value")?);
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut unit = Map::new();
        let mut period = Map::new();
        let (mut unit_line, mut period_line) = (None, None);
        let mut as_of = None;
        let mut baseline = IndexMap::new();
        let mut quotas: IndexMap<String, (usize, Map<String, Value>)> = IndexMap::new();
        let mut ok = self.merged(sheet, first);
        let text_kind = Column {
            key: "value",
            vi: "",
            en: "",
            refers: None,
            many: false,
            required: false,
            kind: FieldKind::Text,
            person: false,
        };
        for (&r, cells) in sheet.rows.range(start..) {
            let line = first + r as usize;
            let cell = |c: u32| cells.iter().find(|x| x.col == c).filter(|x| !shown(x).trim().is_empty());
            let key = cell(key_col).map(|c| shown(c).trim().to_string()).unwrap_or_default();
            let value = cell(value_col);
            let value_span = self.cell_span(line, value_col);
            if key.is_empty() {
                if value.is_some() {
                    ok = false;
                    let d = Diagnostic::error("data::unknown-field", t(Msg::UnknownUnitRow { key: "" }))
                        .help(t(Msg::UnitRowsAre));
                    self.at(d, value_span, &t(Msg::LabelThisCell));
                }
                continue;
            }
            if seen.insert(key.clone(), line).is_some() {
                ok = false;
                let d = Diagnostic::error("data::duplicate-key", t(Msg::DuplicateUnitRow { key: &key }));
                self.at(d, self.cell_span(line, key_col), &t(Msg::LabelThisCell));
                continue;
            }
            let parts: Vec<&str> = key.split('.').collect();
            let kind = match parts.as_slice() {
                ["unit", "id" | "name" | "team" | "province"] => Some(FieldKind::Text),
                ["period", "start" | "end"] | ["as_of"] => Some(FieldKind::Date),
                ["baseline", name] if !name.is_empty() => Some(FieldKind::Int),
                ["quotas", name, "count"] if !name.is_empty() => Some(FieldKind::Int),
                ["quotas", name, "deadline" | "crack_by"] if !name.is_empty() => Some(FieldKind::Date),
                _ => None,
            };
            let Some(kind) = kind else {
                ok = false;
                let d = Diagnostic::error("data::unknown-field", t(Msg::UnknownUnitRow { key: &key }))
                    .help(t(Msg::UnitRowsAre));
                self.at(d, self.cell_span(line, key_col), &t(Msg::LabelThisCell));
                continue;
            };
            let Some(value) = value else { continue };
            let value = match convert(&text_kind, kind, value, self.labels) {
                Ok(v) => v,
                Err(bad) => {
                    ok = false;
                    let d = Diagnostic::error("data::invalid-value", bad.message).help(bad.help);
                    self.at(d, value_span, &t(Msg::LabelThisCell));
                    continue;
                }
            };
            match parts.as_slice() {
                ["unit", field] => {
                    unit_line.get_or_insert(line);
                    unit.insert(field.to_string(), value);
                }
                ["period", field] => {
                    period_line.get_or_insert(line);
                    period.insert(field.to_string(), value);
                }
                ["as_of"] => as_of = value.as_str().and_then(|d| d.parse().ok()),
                ["baseline", name] => {
                    baseline.insert(name.to_string(), value.as_i64().unwrap_or_default());
                }
                [_, name, field] => {
                    let entry = quotas.entry(name.to_string()).or_insert_with(|| (line, Map::new()));
                    entry.1.insert(field.to_string(), value);
                }
                _ => {}
            }
        }
        let sheet_name = sheet.name.as_str();
        for (key, present) in [
            ("unit.id", unit.contains_key("id")),
            ("unit.name", unit.contains_key("name")),
            ("period.start", period.contains_key("start")),
            ("period.end", period.contains_key("end")),
        ] {
            if !present && ok {
                ok = false;
                let d = Diagnostic::error("data::missing-field", t(Msg::MissingUnitRow { key, sheet: sheet_name }))
                    .help(t(Msg::UnitRowsAre));
                let span = match seen.get(key) {
                    Some(&line) => self.cell_span(line, value_col),
                    None => self.line_span(first),
                };
                self.at(d, span, &t(Msg::LabelThisCell));
            }
        }
        if !ok {
            return None;
        }
        let unit = self.header_part::<m::Unit>(unit_line.unwrap_or(first), unit)?;
        let period = self.header_part::<m::Period>(period_line.unwrap_or(first), period)?;
        let mut quota_map = IndexMap::new();
        for (name, (line, map)) in quotas {
            quota_map.insert(name, self.header_part::<m::Quota>(line, map)?);
        }
        Some(Dataset { unit, period, as_of, baseline, quotas: quota_map, model: self.model, records: Vec::new() })
    }
}

/// Puts a field's value in a record's map; `origin.kind` goes into `origin`.
fn insert(map: &mut Map<String, Value>, key: &str, value: Value) {
    match key.split_once('.') {
        Some((outer, inner)) => {
            let entry = map.entry(outer.to_string()).or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(o) = entry {
                o.insert(inner.to_string(), value);
            }
        }
        None => {
            map.insert(key.to_string(), value);
        }
    }
}

/// A date typed as text: `15/10/2023` (also `-` or `.` between), or
/// `2023-10-15`. The year has four digits: `15/10/23` is refused.
fn date_text(text: &str) -> Result<NaiveDate, Bad> {
    let text = text.trim();
    let text = text.strip_suffix("T00:00:00").or_else(|| text.strip_suffix(" 00:00:00")).unwrap_or(text);
    let parts: Vec<&str> = text.split(['/', '-', '.']).collect();
    let bad = || Bad { message: t(Msg::CellNotDate { value: text }), help: t(Msg::CellNotDateHelp) };
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit())) {
        return Err(bad());
    }
    let n = |s: &str| s.parse::<u32>().map_err(|_| bad());
    let (y, m, d) = if parts[0].len() == 4 {
        (parts[0], parts[1], parts[2])
    } else if parts[2].len() == 4 {
        (parts[2], parts[1], parts[0])
    } else {
        return Err(bad());
    };
    if m.len() > 2 || d.len() > 2 {
        return Err(bad());
    }
    NaiveDate::from_ymd_opt(n(y)? as i32, n(m)?, n(d)?).ok_or_else(|| {
        match crate::dataset::calendar::impossible_day(text) {
            // The form was right; the day is not in the month: say why.
            Some(why) => {
                Bad { message: format!("{}: {why}", t(Msg::CellNotDate { value: text })), help: t(Msg::CheckTheDay) }
            }
            None => bad(),
        }
    })
}

fn time_text(text: &str) -> Result<NaiveDateTime, Bad> {
    let text = text.trim();
    let formats = [
        "%d/%m/%Y %H:%M",
        "%d/%m/%Y %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d %H:%M:%S",
    ];
    let four_digit_year = text.split([' ', 'T']).next().is_some_and(|d| date_text(d).is_ok());
    formats
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
        .filter(|_| four_digit_year)
        .ok_or_else(|| Bad { message: t(Msg::CellNotTime { value: text }), help: t(Msg::CellNotTimeHelp) })
}

/// One cell's value as the field's kind wants it, in the form the YAML
/// would have written it.
fn convert(column: &Column, kind: FieldKind, cell: &RawCell, labels: &'static Labels) -> Result<Value, Bad> {
    let shown_text = shown(cell);
    if let Data::Error(e) = &cell.value {
        return Err(Bad {
            message: t(Msg::CellErrorValue { value: &e.to_string() }),
            help: t(Msg::CellErrorValueHelp),
        });
    }
    if let (Data::Empty, Some(f)) = (&cell.value, &cell.formula) {
        return Err(Bad { message: t(Msg::FormulaNoValue { formula: f }), help: t(Msg::FormulaNoValueHelp) });
    }
    let text = || match &cell.value {
        Data::String(s) => Some(nfc(s.trim().to_string())),
        Data::Float(f) => Some(number(*f)),
        Data::Int(i) => Some(i.to_string()),
        _ => None,
    };
    let date_in_text =
        || Bad { message: t(Msg::CellDateInText { value: &shown_text }), help: t(Msg::CellDateInTextHelp) };
    match kind {
        FieldKind::Text => match &cell.value {
            Data::Bool(_) => Err(Bad { message: t(Msg::CellNotText), help: t(Msg::CellDateInTextHelp) }),
            Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => Err(date_in_text()),
            _ => Ok(Value::String(text().unwrap_or_default())),
        },
        FieldKind::Ids => match &cell.value {
            Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => Err(date_in_text()),
            Data::Bool(_) => Err(Bad { message: t(Msg::CellNotText), help: t(Msg::CellDateInTextHelp) }),
            _ => Ok(Value::Array(split(&text().unwrap_or_default()).into_iter().map(Value::String).collect())),
        },
        FieldKind::Flag => {
            let not = || Bad { message: t(Msg::CellNotFlag { value: &shown_text }), help: t(Msg::CellNotFlagHelp) };
            match &cell.value {
                Data::Bool(b) => Ok(Value::Bool(*b)),
                Data::Float(_) | Data::Int(_) | Data::String(_) => {
                    text().as_deref().and_then(labels::flag).map(Value::Bool).ok_or_else(not)
                }
                _ => Err(not()),
            }
        }
        FieldKind::Int => {
            let not = || Bad { message: t(Msg::CellNotInt { value: &shown_text }), help: t(Msg::CellNotIntHelp) };
            match &cell.value {
                Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => Ok(Value::from(*f as i64)),
                Data::Int(i) => Ok(Value::from(*i)),
                Data::String(s) => s.trim().parse::<i64>().map(Value::from).map_err(|_| not()),
                _ => Err(not()),
            }
        }
        FieldKind::Date => match &cell.value {
            Data::DateTime(d) => match d.as_datetime() {
                Some(dt) if dt.time().num_seconds_from_midnight() == 0 => Ok(Value::String(dt.date().to_string())),
                Some(_) => {
                    Err(Bad { message: t(Msg::CellDateHasTime { value: &shown_text }), help: t(Msg::CellNotDateHelp) })
                }
                None => Err(Bad { message: t(Msg::CellNotDate { value: &shown_text }), help: t(Msg::CellNotDateHelp) }),
            },
            Data::DateTimeIso(s) | Data::String(s) => match date_text(s) {
                Ok(d) => Ok(Value::String(d.to_string())),
                Err(b) if matches!(cell.value, Data::DateTimeIso(_)) && s.contains('T') => {
                    Err(Bad { message: t(Msg::CellDateHasTime { value: &shown_text }), help: b.help })
                }
                Err(b) => Err(b),
            },
            Data::Float(_) | Data::Int(_) => Err(Bad {
                message: t(Msg::CellNumberNotDate { value: &shown_text }),
                help: t(Msg::CellNumberNotDateHelp),
            }),
            _ => Err(Bad { message: t(Msg::CellNotDate { value: &shown_text }), help: t(Msg::CellNotDateHelp) }),
        },
        FieldKind::Time => {
            let dt = match &cell.value {
                Data::DateTime(d) => d.as_datetime().ok_or_else(|| Bad {
                    message: t(Msg::CellNotTime { value: &shown_text }),
                    help: t(Msg::CellNotTimeHelp),
                }),
                Data::DateTimeIso(s) | Data::String(s) => time_text(s),
                _ => Err(Bad { message: t(Msg::CellNotTime { value: &shown_text }), help: t(Msg::CellNotTimeHelp) }),
            }?;
            Ok(Value::String(dt.format("%Y-%m-%dT%H:%M:%S").to_string()))
        }
        FieldKind::Values(allowed) => {
            let one = |value: &str| -> Result<Value, Bad> {
                labels.value_code(allowed, value).map(|c| Value::String(c.to_string())).ok_or_else(|| {
                    let shown: Vec<String> =
                        allowed.iter().map(|c| format!("{} ({c})", labels.value_label(allowed, c))).collect();
                    let names: Vec<&str> = allowed
                        .iter()
                        .map(String::as_str)
                        .chain(allowed.iter().map(|c| labels.value_label(allowed, c)))
                        .collect();
                    let near = closest(value, &names).and_then(|n| labels.value_code(allowed, n));
                    let near = near.map(|c| labels.value_label(allowed, c));
                    Bad {
                        message: t(Msg::CellNotAllowed { value }),
                        help: did_you_mean(near, &t(Msg::CellAllowed { allowed: &shown.join(", ") })),
                    }
                })
            };
            let text = text().unwrap_or_else(|| shown_text.clone());
            if column.many {
                split(&text).iter().map(|v| one(v)).collect::<Result<Vec<_>, _>>().map(Value::Array)
            } else {
                one(&text)
            }
        }
        FieldKind::Nested => Err(Bad { message: t(Msg::CellNotAllowed { value: &shown_text }), help: String::new() }),
    }
}

/// Several values in one cell: separated by `,`, `;` or line ends.
pub fn split(text: &str) -> Vec<String> {
    text.split([',', ';', '\n']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

/// People's names (every column of a `person_name` field) with their
/// record's id, from a workbook that may not be a valid unit, read
/// leniently: the names its diagnostics must not show outside.
pub fn personal_names(bytes: &[u8], labels: &'static Labels) -> Vec<(String, String)> {
    let name = String::new();
    let Ok((format, _)) = sniff(&name, bytes) else { return Vec::new() };
    let Ok(sheets) = read_any(&name, bytes.to_vec(), format, HashMap::new(), false, labels) else { return Vec::new() };
    let mut names = Vec::new();
    for sheet in &sheets {
        let Role::Collection(spec) = sheet.role else { continue };
        let cell = |row: &[RawCell], col: u32| row.iter().find(|c| c.col == col).map(shown);
        // Columns by any header row naming them (key or label).
        let is = |text: &str, key: &str| {
            let n = norm(text);
            spec.column(key).is_some_and(|c| text.trim() == key || norm(c.vi) == n || norm(c.en) == n)
        };
        for person in spec.columns.iter().filter(|c| c.person) {
            let header = sheet.rows.values().take(2).find(|r| r.iter().any(|c| is(&shown(c), person.key)));
            let Some(header) = header else { continue };
            let col = |key: &str| header.iter().find(|c| is(&shown(c), key)).map(|c| c.col);
            let Some(name_col) = col(person.key) else { continue };
            let id_col = spec.id_key.and_then(col);
            names.extend(
                sheet
                    .rows
                    .values()
                    .filter_map(|r| Some((cell(r, name_col)?, id_col.and_then(|i| cell(r, i)).unwrap_or_default())))
                    .filter(|(n, _)| !n.is_empty() && !is(n, person.key)),
            );
        }
    }
    names
}
