//! A copy of a workbook with marks on it (`check --annotate`): each cell
//! with a data problem filled red and carrying a note saying what is wrong,
//! each row behind a failing target filled amber with a note on its first
//! cell. An .xlsx or .xlsm is the same package with the marks spliced in
//! (`in_place`): drop-downs, panes, widths, styles, number formats and
//! formulas as they were. An .ods (or a package `in_place` cannot read) is
//! rebuilt here as an .xlsx, its values copied cell by cell (a formula as
//! the value it last computed), dates written dd/mm/yyyy.

use std::collections::BTreeMap;

use calamine::Data;
use chrono::Timelike;
use rust_xlsxwriter::{Color, Format, Note, Workbook, XlsxError};

use super::read::all_sheets;
use crate::diagnostic::Diagnostic;

/// One thing to show on a sheet: at a cell (`column`), or on a whole row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub sheet: String,
    /// 1-based, as the sheet numbers it.
    pub row: usize,
    pub column: Option<u32>,
    pub text: String,
}

/// A marked copy: its bytes, and whether it is the same package with the
/// marks added (false: rebuilt from the values).
pub struct Annotated {
    pub bytes: Vec<u8>,
    pub in_place: bool,
}

/// The workbook's bytes again, with the marks. `name` is the file's, whose
/// extension says what it is: an .xlsm's copy is marked in place or not
/// at all (rebuilt, it would lose its macros and no longer open as one).
pub fn annotate(
    name: &str,
    bytes: Vec<u8>,
    marks: &[Mark],
    labels: &'static super::labels::Labels,
) -> Result<Annotated, Vec<Diagnostic>> {
    // An .xlsx or .xlsm: the same package with the marks spliced in.
    if let Some(marked) = super::in_place::annotate(&bytes, marks) {
        return Ok(Annotated { bytes: marked, in_place: true });
    }
    if name.to_ascii_lowercase().ends_with(".xlsm") {
        return Err(vec![
            Diagnostic::error("data::workbook", crate::i18n::t(crate::i18n::Msg::AnnotateMacrosNotMarked { name }))
                .help(crate::i18n::t(crate::i18n::Msg::AnnotateMacrosHelp)),
        ]);
    }
    let sheets = all_sheets(name, bytes, labels)?;
    let bytes = build(&sheets, marks).map_err(|e| vec![Diagnostic::error("data::workbook", e.to_string())])?;
    Ok(Annotated { bytes, in_place: false })
}

fn build(sheets: &[super::read::RawSheet], marks: &[Mark]) -> Result<Vec<u8>, XlsxError> {
    let problem = Format::new().set_background_color(Color::RGB(0xFFC7CE)).set_font_color(Color::RGB(0x9C0006));
    let behind = Format::new().set_background_color(Color::RGB(0xFFEB9C));
    let mut book = Workbook::new();
    for sheet in sheets {
        let ws = book.add_worksheet();
        ws.set_name(&sheet.name)?;
        // Notes by cell; a cell's own problem wins over its row's fill.
        let mut notes: BTreeMap<(u32, u32), Vec<&str>> = BTreeMap::new();
        let mut cells_marked = std::collections::HashSet::new();
        let mut rows_marked = std::collections::HashSet::new();
        let name = crate::diagnostic::nfc(sheet.name.clone());
        for m in marks.iter().filter(|m| m.sheet == name && m.row > 0) {
            let row = (m.row - 1) as u32;
            match m.column {
                Some(c) => {
                    cells_marked.insert((row, c));
                    notes.entry((row, c)).or_default().push(&m.text);
                }
                None => {
                    rows_marked.insert(row);
                    notes.entry((row, 0)).or_default().push(&m.text);
                }
            }
        }
        let width = sheet.rows.values().map(|cells| cells.last().map_or(0, |c| c.col + 1)).max().unwrap_or(0);
        for (&row, cells) in &sheet.rows {
            let fill = |col: u32| {
                if cells_marked.contains(&(row, col)) {
                    Some(&problem)
                } else if rows_marked.contains(&row) {
                    Some(&behind)
                } else {
                    None
                }
            };
            for cell in cells {
                let col = cell.col as u16;
                let f = fill(cell.col);
                match &cell.value {
                    Data::Empty => {}
                    Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => match f {
                        Some(f) => {
                            ws.write_string_with_format(row, col, s, f)?;
                        }
                        None => {
                            ws.write_string(row, col, s)?;
                        }
                    },
                    Data::Float(x) => match f {
                        Some(f) => {
                            ws.write_number_with_format(row, col, *x, f)?;
                        }
                        None => {
                            ws.write_number(row, col, *x)?;
                        }
                    },
                    Data::Int(i) => match f {
                        Some(f) => {
                            ws.write_number_with_format(row, col, *i as f64, f)?;
                        }
                        None => {
                            ws.write_number(row, col, *i as f64)?;
                        }
                    },
                    Data::Bool(b) => match f {
                        Some(f) => {
                            ws.write_boolean_with_format(row, col, *b, f)?;
                        }
                        None => {
                            ws.write_boolean(row, col, *b)?;
                        }
                    },
                    Data::Error(e) => match f {
                        Some(f) => {
                            ws.write_string_with_format(row, col, e.to_string(), f)?;
                        }
                        None => {
                            ws.write_string(row, col, e.to_string())?;
                        }
                    },
                    Data::DateTime(d) => {
                        let shown = match d.as_datetime() {
                            Some(dt) if dt.time().num_seconds_from_midnight() == 0 => "dd/mm/yyyy",
                            _ => "dd/mm/yyyy hh:mm",
                        };
                        let format = f.cloned().unwrap_or_default().set_num_format(shown);
                        ws.write_number_with_format(row, col, d.as_f64(), &format)?;
                    }
                }
            }
            // A marked row is filled across its used width, blanks too.
            if rows_marked.contains(&row) {
                for col in 0..width {
                    if !cells.iter().any(|c| c.col == col) && !cells_marked.contains(&(row, col)) {
                        ws.write_blank(row, col as u16, &behind)?;
                    }
                }
            }
        }
        // A marked cell that is empty is still filled, so it can be found.
        for &(row, col) in &cells_marked {
            let present = sheet.rows.get(&row).is_some_and(|cells| cells.iter().any(|c| c.col == col));
            if !present {
                ws.write_blank(row, col as u16, &problem)?;
            }
        }
        for ((row, col), texts) in notes {
            let note = Note::new(texts.join("\n")).set_author("chitieu").add_author_prefix(false).set_width(360);
            ws.insert_note(row, col as u16, &note)?;
        }
    }
    book.save_to_buffer()
}
