//! `check --annotate` on an `.xlsx` (or `.xlsm`): the same package with
//! marks added, every other byte of every part as it was. Drop-downs,
//! frozen panes, column widths, styles, number formats, formulas, macros
//! and the workbook's own notes are kept because they are never touched:
//! the edits are splices into the XML at positions a reader found.
//!
//! - `xl/styles.xml`: two fills (problem red, failing-row amber) added to
//!   `<fills>`, and for each style a marked cell had, a copy of it with the
//!   fill, added to `<cellXfs>`; a marked cell takes the copy, so its date
//!   format, font and borders stay.
//! - each marked sheet: its cells' `s` set, cells and rows that were not
//!   there added in order, and a `<legacyDrawing>` when it had none;
//! - its notes: a comments part and a VML drawing (new, or the sheet's own
//!   with ours appended), their relationships and content types.
//!
//! Anything this cannot place (no styles part, a sheet it cannot find) is
//! `None`, and the caller writes the rebuilt copy instead.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::{Read, Write};
use std::ops::Range;

use quick_xml::events::{BytesStart, Event};

use super::annotate::Mark;
use super::hidden::{attr, sheets};

/// A problem cell's fill and a failing row's, as ARGB.
const PROBLEM: &str = "FFFFC7CE";
const BEHIND: &str = "FFFFEB9C";

/// How a cell is marked: its own problem wins over its row's fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Fill {
    Problem,
    Behind,
}

/// An element as a scan meets it, with its byte range in the part.
enum Ev<'a> {
    Open(&'a BytesStart<'a>),
    Empty(&'a BytesStart<'a>),
    Close(&'a str),
}

/// Calls `each` with every element of `xml` and its byte range; false when
/// the part is not well-formed XML.
fn scan(xml: &[u8], mut each: impl FnMut(Ev<'_>, Range<usize>)) -> bool {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    loop {
        let start = reader.buffer_position() as usize;
        let event = reader.read_event_into(&mut buf);
        let end = reader.buffer_position() as usize;
        match event {
            Ok(Event::Start(e)) => each(Ev::Open(&e), start..end),
            Ok(Event::Empty(e)) => each(Ev::Empty(&e), start..end),
            Ok(Event::End(e)) => each(Ev::Close(e.local_name().as_ref()), start..end),
            Ok(Event::Eof) => return true,
            Err(_) => return false,
            Ok(_) => {}
        }
        buf.clear();
    }
}

/// An element's qualified name and its attributes as written (values raw).
fn parts(e: &BytesStart<'_>) -> (String, Vec<(String, String)>) {
    let attrs = e.attributes().flatten().map(|a| (a.key.0.to_string(), a.value.into_owned())).collect();
    (e.name().0.to_string(), attrs)
}

/// A start tag written again with `set` replacing or adding attributes.
fn tag(name: &str, attrs: &[(String, String)], set: &[(&str, String)], empty: bool) -> String {
    let mut out = format!("<{name}");
    for (k, v) in attrs {
        if !set.iter().any(|(s, _)| s == k) {
            // A value written between single quotes may hold a `"`.
            out.push_str(&format!(" {k}=\"{}\"", v.replace('"', "&quot;")));
        }
    }
    for (k, v) in set {
        out.push_str(&format!(" {k}=\"{v}\""));
    }
    out.push_str(if empty { "/>" } else { ">" });
    out
}

/// The prefix (`x:`) an element's name carries, for elements added beside it.
fn prefix(name: &str) -> &str {
    name.rfind(':').map_or("", |i| &name[..=i])
}

/// Splices: (range replaced, text), applied in order of position; an
/// insertion (an empty range) goes before a replacement at the same place.
fn apply(source: &[u8], mut edits: Vec<(Range<usize>, String)>) -> Vec<u8> {
    edits.sort_by_key(|(r, _)| (r.start, r.end != r.start));
    let mut out = Vec::with_capacity(source.len() + edits.iter().map(|(_, t)| t.len()).sum::<usize>());
    let mut at = 0;
    for (range, text) in edits {
        out.extend_from_slice(&source[at..range.start.max(at)]);
        out.extend_from_slice(text.as_bytes());
        at = at.max(range.end);
    }
    out.extend_from_slice(&source[at..]);
    out
}

/// The columns a sheet can have (Excel's XFD).
const MAX_SHEET_COLUMNS: u32 = 16_384;

/// "AB12" as (0-based column, 1-based row); None past the last column.
fn cell_ref(r: &str) -> Option<(u32, u32)> {
    let split = r.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = r.split_at(split);
    if letters.is_empty() || letters.len() > 3 || !letters.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let col = letters.bytes().fold(0u32, |n, b| n * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1));
    (col <= MAX_SHEET_COLUMNS).then_some((col - 1, digits.parse().ok()?))
}

fn reference(col: u32, row: u32) -> String {
    format!("{}{row}", crate::diagnostic::column_name(col))
}

/// Text for an XML part: escaped, and without the characters XML 1.0
/// cannot hold (a control character from a cell would break the part).
fn xml_text(text: &str) -> String {
    let kept: String = text
        .chars()
        .filter(|&c| matches!(c, '\t' | '\n' | '\r') || !(c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}'))
        .collect();
    quick_xml::escape::escape(&kept).into_owned()
}

/// The package, its entries in order.
struct Package {
    entries: Vec<(String, Vec<u8>)>,
}

impl Package {
    fn read(bytes: &[u8]) -> Option<Package> {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
        let mut entries = Vec::with_capacity(zip.len());
        // Unpacked within the reader's budget, counted as it unpacks (a
        // header can lie): a bomb is refused here as it is there.
        let mut left = super::read::MAX_UNPACKED;
        for i in 0..zip.len() {
            let entry = zip.by_index(i).ok()?;
            if entry.is_dir() {
                continue;
            }
            let name = entry.name().ok()?.to_string();
            let mut data = Vec::new();
            entry.take(left + 1).read_to_end(&mut data).ok()?;
            left = left.checked_sub(data.len() as u64)?;
            entries.push((name, data));
        }
        Some(Package { entries })
    }

    fn get(&self, name: &str) -> Option<&[u8]> {
        self.entries.iter().find(|(n, _)| n == name).map(|(_, d)| d.as_slice())
    }

    fn put(&mut self, name: &str, data: Vec<u8>) {
        match self.entries.iter_mut().find(|(n, _)| n == name) {
            Some(entry) => entry.1 = data,
            None => self.entries.push((name.to_string(), data)),
        }
    }

    /// `stem` with the first number that names no entry yet.
    fn free_name(&self, stem: &str, ext: &str) -> String {
        let taken: HashSet<&str> = self.entries.iter().map(|(n, _)| n.as_str()).collect();
        (1..).map(|n| format!("{stem}{n}.{ext}")).find(|name| !taken.contains(name.as_str())).expect("a free name")
    }

    fn write(&self) -> Option<Vec<u8>> {
        use zip::write::SimpleFileOptions;
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in &self.entries {
            out.start_file(name.as_str(), options).ok()?;
            out.write_all(data).ok()?;
        }
        Some(out.finish().ok()?.into_inner())
    }
}

/// A relationship of a part: its id, type and resolved target.
struct Rel {
    id: String,
    kind: String,
    target: String,
}

/// The relationships part of `part` (`xl/worksheets/_rels/sheet1.xml.rels`).
fn rels_path(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// A relationship's target as a package path, from the folder of its part.
fn resolve(dir: &str, target: &str) -> String {
    if let Some(absolute) = target.strip_prefix('/') {
        return absolute.to_string();
    }
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for piece in target.split('/') {
        match piece {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            other => parts.push(other),
        }
    }
    parts.join("/")
}

/// `target` (a package path) as seen from the folder `dir`.
fn relative(dir: &str, target: &str) -> String {
    let from: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    let to: Vec<&str> = target.split('/').filter(|p| !p.is_empty()).collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts = vec![".."; from.len() - common];
    parts.extend(&to[common..]);
    parts.join("/")
}

fn relationships(xml: &[u8], dir: &str) -> Vec<Rel> {
    let mut out = Vec::new();
    scan(xml, |ev, _| {
        if let Ev::Open(e) | Ev::Empty(e) = ev
            && e.local_name().as_ref() == "Relationship"
            && let (Some(id), Some(kind), Some(target)) = (attr(e, "Id"), attr(e, "Type"), attr(e, "Target"))
        {
            out.push(Rel { id, kind, target: resolve(dir, &target) });
        }
    });
    out
}

/// The marks of one sheet: each cell's fill and its notes' texts.
#[derive(Default)]
struct SheetMarks {
    cells: BTreeMap<(u32, u32), Fill>,
    rows: BTreeSet<u32>,
    notes: BTreeMap<(u32, u32), Vec<String>>,
}

/// The workbook's bytes with the marks, or None when its package is not
/// one this can edit in place.
pub fn annotate(bytes: &[u8], marks: &[Mark]) -> Option<Vec<u8>> {
    let mut package = Package::read(bytes)?;
    let workbook_rels = relationships(package.get("xl/_rels/workbook.xml.rels")?, "xl");
    let mut by_sheet: BTreeMap<String, SheetMarks> = BTreeMap::new();
    for m in marks.iter().filter(|m| m.row > 0) {
        // Names compared as one text (NFC): a name typed decomposed is the
        // same sheet the reader named.
        let s = by_sheet.entry(crate::diagnostic::nfc(m.sheet.clone())).or_default();
        let row = m.row as u32;
        match m.column {
            Some(c) => {
                s.cells.insert((row, c), Fill::Problem);
                s.notes.entry((row, c)).or_default().push(m.text.clone());
            }
            None => {
                s.rows.insert(row);
                s.notes.entry((row, 0)).or_default().push(m.text.clone());
            }
        }
    }
    let mut styles = Styles::read(package.get("xl/styles.xml")?)?;
    let names = sheets(package.get("xl/workbook.xml")?);
    let mut next_block = first_free_block(&package);
    for (name, id) in &names {
        let Some(marks) = by_sheet.remove(&crate::diagnostic::nfc(name.clone())) else { continue };
        let part = workbook_rels.iter().find(|r| &r.id == id)?.target.clone();
        let xml = package.get(&part)?.to_vec();
        let sheet = Sheet::read(&xml)?;
        let notes = Notes::place(&mut package, &part, &sheet, &mut next_block, &marks.notes)?;
        let edited = sheet.edit(&xml, &marks, &mut styles, notes.as_deref());
        package.put(&part, edited);
    }
    if !by_sheet.is_empty() {
        return None;
    }
    let styled = styles.write(package.get("xl/styles.xml")?);
    package.put("xl/styles.xml", styled);
    package.write()
}

/// The first block of 1024 note-box ids no drawing of the package uses:
/// past every `o:idmap` block and every `_x0000_sN` id (so a workbook marked
/// before, or drawn by another program, keeps its ids to itself).
fn first_free_block(package: &Package) -> usize {
    let mut last = 0usize;
    for (name, data) in &package.entries {
        if !name.to_ascii_lowercase().ends_with(".vml") {
            continue;
        }
        let text = String::from_utf8_lossy(data);
        for (i, _) in text.match_indices("_x0000_s") {
            let rest = &text[i + 8..];
            let end = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
            if let Ok(id) = rest[..end].parse::<usize>() {
                last = last.max(id / 1024);
            }
        }
        if let Some(data) = idmap_data(&text) {
            for block in text[data].split(',').filter_map(|n| n.trim().parse::<usize>().ok()) {
                last = last.max(block);
            }
        }
    }
    // Excel numbers a workbook's drawings from block 1.
    last.saturating_add(1).max(1)
}

/// Where a VML drawing's `o:idmap` lists its blocks: the `data` value,
/// between its quotes. None when it has none, or it is cut short.
fn idmap_data(text: &str) -> Option<Range<usize>> {
    let map = text.find("idmap")?;
    let at = map + text[map..].find("data=")? + "data=".len();
    let quote = text[at..].chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let start = at + 1;
    Some(start..start + text[start..].find(quote)?)
}

/// A cell style as written: its start tag's range, name and attributes,
/// and the range of the whole element.
type Xf = (Range<usize>, String, Vec<(String, String)>, Range<usize>);

/// What of `xl/styles.xml` the marks need: where its fills and cell styles
/// end, how many there are, and each cell style as written.
struct Styles {
    fills_open: (Range<usize>, String, Vec<(String, String)>),
    fills_close: usize,
    fills: usize,
    xfs_open: (Range<usize>, String, Vec<(String, String)>),
    xfs_close: usize,
    xfs: Vec<Xf>,
    /// The copies made, in order, and each one's place among them.
    made: Vec<(u32, Fill)>,
    index: HashMap<(u32, Fill), usize>,
}

impl Styles {
    fn read(xml: &[u8]) -> Option<Styles> {
        let mut fills_open = None;
        let mut fills_close = None;
        let mut fills = 0;
        let mut xfs_open = None;
        let mut xfs_close = None;
        let mut xfs = Vec::new();
        let mut within: Vec<String> = Vec::new();
        let ok = scan(xml, |ev, range| match ev {
            Ev::Open(e) | Ev::Empty(e) => {
                let local = e.local_name().as_ref().to_string();
                let empty = matches!(ev, Ev::Empty(_));
                let parent = within.last().map(String::as_str);
                match (parent, local.as_str()) {
                    (Some("styleSheet"), "fills") if !empty => {
                        let (n, a) = parts(e);
                        fills_open = Some((range.clone(), n, a));
                    }
                    (Some("fills"), "fill") => fills += 1,
                    (Some("styleSheet"), "cellXfs") if !empty => {
                        let (n, a) = parts(e);
                        xfs_open = Some((range.clone(), n, a));
                    }
                    (Some("cellXfs"), "xf") => {
                        let (n, a) = parts(e);
                        xfs.push((range.clone(), n, a, range.clone()));
                    }
                    _ => {}
                }
                if !empty {
                    within.push(local);
                }
            }
            Ev::Close(local) => {
                within.pop();
                match (within.last().map(String::as_str), local) {
                    (Some("styleSheet"), "fills") => fills_close = Some(range.start),
                    (Some("styleSheet"), "cellXfs") => xfs_close = Some(range.start),
                    (Some("cellXfs"), "xf") => {
                        if let Some(last) = xfs.last_mut() {
                            last.3.end = range.end;
                        }
                    }
                    _ => {}
                }
            }
        });
        if !ok {
            return None;
        }
        Some(Styles {
            fills_open: fills_open?,
            fills_close: fills_close?,
            fills,
            xfs_open: xfs_open?,
            xfs_close: xfs_close?,
            xfs,
            made: Vec::new(),
            index: HashMap::new(),
        })
    }

    /// The index of `original` with `fill`, made the first time.
    fn with_fill(&mut self, original: u32, fill: Fill) -> u32 {
        let made = &mut self.made;
        let at = *self.index.entry((original, fill)).or_insert_with(|| {
            made.push((original, fill));
            made.len() - 1
        });
        (self.xfs.len() + at) as u32
    }

    fn write(&self, xml: &[u8]) -> Vec<u8> {
        if self.made.is_empty() {
            return xml.to_vec();
        }
        let text = |r: &Range<usize>| String::from_utf8_lossy(&xml[r.clone()]).into_owned();
        let p = prefix(&self.fills_open.1).to_string();
        let fill = |argb: &str| {
            format!(
                "<{p}fill><{p}patternFill patternType=\"solid\"><{p}fgColor rgb=\"{argb}\"/><{p}bgColor indexed=\"64\"/></{p}patternFill></{p}fill>"
            )
        };
        let (problem, behind) = (self.fills, self.fills + 1);
        let mut edits = vec![
            (
                self.fills_open.0.clone(),
                tag(&self.fills_open.1, &self.fills_open.2, &[("count", (self.fills + 2).to_string())], false),
            ),
            (self.fills_close..self.fills_close, format!("{}{}", fill(PROBLEM), fill(BEHIND))),
            (
                self.xfs_open.0.clone(),
                tag(
                    &self.xfs_open.1,
                    &self.xfs_open.2,
                    &[("count", (self.xfs.len() + self.made.len()).to_string())],
                    false,
                ),
            ),
        ];
        let mut added = String::new();
        for &(original, which) in &self.made {
            let fill_id = if which == Fill::Problem { problem } else { behind }.to_string();
            let set = [("fillId", fill_id), ("applyFill", "1".to_string())];
            match self.xfs.get(original as usize).or(self.xfs.first()) {
                Some((open, name, attrs, whole)) => {
                    let empty = open.end == whole.end;
                    added.push_str(&tag(name, attrs, &set, empty));
                    if !empty {
                        added.push_str(&text(&(open.end..whole.end)));
                    }
                }
                None => added.push_str(&tag(
                    &format!("{}xf", prefix(&self.xfs_open.1)),
                    &[("numFmtId".into(), "0".into()), ("fontId".into(), "0".into()), ("borderId".into(), "0".into())],
                    &set,
                    true,
                )),
            }
        }
        edits.push((self.xfs_close..self.xfs_close, added));
        apply(xml, edits)
    }
}

/// A cell as a sheet's XML writes it.
struct Cell {
    col: u32,
    tag: Range<usize>,
    name: String,
    attrs: Vec<(String, String)>,
    empty: bool,
    style: u32,
}

/// A row: its tag, where it closes, its cells.
struct Row {
    r: u32,
    tag: Range<usize>,
    name: String,
    attrs: Vec<(String, String)>,
    empty: bool,
    explicit: bool,
    close: usize,
    cells: Vec<Cell>,
}

/// A worksheet part as the marks need it.
struct Sheet {
    rows: Vec<Row>,
    data_tag: Range<usize>,
    data_name: String,
    data_empty: bool,
    data_close: usize,
    /// The widest row's width, in columns.
    width: u32,
    /// Columns' own styles (`<col min max style>`), 0-based and inclusive.
    col_styles: Vec<(u32, u32, u32)>,
    /// Where a `<legacyDrawing>` goes, and the sheet's own if it has one.
    drawing_at: usize,
    legacy: Option<String>,
}

/// Elements a worksheet may have after `legacyDrawing`, in schema order.
const AFTER_LEGACY: &[&str] =
    &["legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst"];

impl Sheet {
    fn read(xml: &[u8]) -> Option<Sheet> {
        let mut rows: Vec<Row> = Vec::new();
        let mut data = None;
        let mut data_close = None;
        let mut drawing_at = None;
        let mut close_of_sheet = None;
        let mut legacy = None;
        let mut depth = 0usize;
        let mut next_row = 1u32;
        let mut next_col = 0u32;
        let mut width = 0u32;
        let mut col_styles = Vec::new();
        let ok = scan(xml, |ev, range| match ev {
            Ev::Open(e) | Ev::Empty(e) => {
                let empty = matches!(ev, Ev::Empty(_));
                let local = e.local_name();
                let local = local.as_ref();
                match (depth, local) {
                    (1, "sheetData") => {
                        let (name, _) = parts(e);
                        data = Some((range.clone(), name, empty));
                        if empty {
                            data_close = Some(range.end);
                        }
                    }
                    (1, "legacyDrawing") => legacy = attr(e, "id"),
                    (2, "col") => {
                        let number = |name: &str| attr(e, name).and_then(|v| v.parse::<u32>().ok());
                        if let (Some(min), Some(max), Some(style)) = (number("min"), number("max"), number("style"))
                            && min >= 1
                        {
                            col_styles.push((min - 1, max.saturating_sub(1), style));
                        }
                    }
                    (1, l) if AFTER_LEGACY.contains(&l) && drawing_at.is_none() => drawing_at = Some(range.start),
                    (2, "row") => {
                        let (name, attrs) = parts(e);
                        let explicit = attr(e, "r").and_then(|r| r.parse().ok());
                        let r = explicit.unwrap_or(next_row);
                        next_row = r.saturating_add(1);
                        next_col = 0;
                        let close = range.end;
                        rows.push(Row {
                            r,
                            tag: range.clone(),
                            name,
                            attrs,
                            empty,
                            explicit: explicit.is_some(),
                            close,
                            cells: Vec::new(),
                        });
                    }
                    (3, "c") => {
                        let (name, attrs) = parts(e);
                        let col = attr(e, "r").and_then(|r| cell_ref(&r)).map_or(next_col, |(c, _)| c);
                        next_col = col.saturating_add(1);
                        width = width.max(col + 1);
                        let style = attr(e, "s").and_then(|s| s.parse().ok()).unwrap_or(0);
                        if let Some(row) = rows.last_mut() {
                            row.cells.push(Cell { col, tag: range.clone(), name, attrs, empty, style });
                        }
                    }
                    _ => {}
                }
                if !empty {
                    depth += 1;
                }
            }
            Ev::Close(local) => {
                depth = depth.saturating_sub(1);
                match (depth, local) {
                    (1, "sheetData") => data_close = Some(range.start),
                    (2, "row") => {
                        if let Some(row) = rows.last_mut() {
                            row.close = range.start;
                        }
                    }
                    (0, "worksheet") => close_of_sheet = Some(range.start),
                    _ => {}
                }
            }
        });
        if !ok {
            return None;
        }
        let (data_tag, data_name, data_empty) = data?;
        Some(Sheet {
            rows,
            data_tag,
            data_name,
            data_empty,
            data_close: data_close?,
            // The reader reads no further: a record's row is filled as wide.
            width: width.clamp(1, super::read::MAX_COLUMNS),
            col_styles,
            drawing_at: drawing_at.or(close_of_sheet)?,
            legacy,
        })
    }

    /// The sheet's XML with the marks' fills, and `drawing` (a
    /// `<legacyDrawing>` to add) where the schema puts it.
    fn edit(&self, xml: &[u8], marks: &SheetMarks, styles: &mut Styles, drawing: Option<&str>) -> Vec<u8> {
        // Every cell to fill, by row: a problem cell, and each cell of a
        // failing record's row across the sheet's used width.
        let mut wanted: BTreeMap<u32, BTreeMap<u32, Fill>> = BTreeMap::new();
        for &row in &marks.rows {
            let cells = wanted.entry(row).or_default();
            for col in 0..self.width {
                cells.insert(col, Fill::Behind);
            }
        }
        for (&(row, col), &fill) in &marks.cells {
            wanted.entry(row).or_default().insert(col, fill);
        }
        let p = prefix(&self.data_name).to_string();
        let mut edits: Vec<(Range<usize>, String)> = Vec::new();
        // A cell added takes its column's style (a date column's format)
        // with the fill.
        let new_cell = |styles: &mut Styles, row: u32, col: u32, fill: Fill| {
            let own = self.col_styles.iter().find(|(min, max, _)| (*min..=*max).contains(&col)).map_or(0, |c| c.2);
            let s = styles.with_fill(own, fill);
            format!("<{p}c r=\"{}\" s=\"{s}\"/>", reference(col, row))
        };
        // New rows go before the first row numbered after them.
        let inserts_rows = wanted.keys().any(|r| !self.rows.iter().any(|row| row.r == *r));
        for row in &self.rows {
            // Rows not there yet that come before this one.
            let before: Vec<u32> = wanted.range(..row.r).map(|(r, _)| *r).collect();
            for r in before {
                let cells = wanted.remove(&r).unwrap_or_default();
                let text: String = cells.iter().map(|(&c, &f)| new_cell(styles, r, c, f)).collect();
                edits.push((row.tag.start..row.tag.start, format!("<{p}row r=\"{r}\">{text}</{p}row>")));
            }
            let Some(cells) = wanted.remove(&row.r) else {
                if inserts_rows && !row.explicit {
                    edits.push((row.tag.clone(), tag(&row.name, &row.attrs, &[("r", row.r.to_string())], row.empty)));
                }
                continue;
            };
            let inserts_cells = cells.keys().any(|c| !row.cells.iter().any(|cell| cell.col == *c));
            let mut added: BTreeMap<usize, String> = BTreeMap::new();
            for (&col, &fill) in &cells {
                if row.cells.iter().any(|c| c.col == col) {
                    continue;
                }
                let at = row.cells.iter().find(|c| c.col > col).map_or(row.close, |c| c.tag.start);
                added.entry(at).or_default().push_str(&new_cell(styles, row.r, col, fill));
            }
            for cell in &row.cells {
                let fill = cells.get(&cell.col);
                let mut set = Vec::new();
                if let Some(&fill) = fill {
                    set.push(("s", styles.with_fill(cell.style, fill).to_string()));
                }
                if inserts_cells && !cell.attrs.iter().any(|(k, _)| k == "r") {
                    set.push(("r", reference(cell.col, row.r)));
                }
                if !set.is_empty() {
                    edits.push((cell.tag.clone(), tag(&cell.name, &cell.attrs, &set, cell.empty)));
                }
            }
            // A row without its number gets it, so nothing added shifts it.
            let row_attrs: Vec<(&str, String)> = if row.explicit { Vec::new() } else { vec![("r", row.r.to_string())] };
            if row.empty && !added.is_empty() {
                // `<row r="5"/>` holds cells now.
                let text: String = added.into_values().collect();
                edits.push((
                    row.tag.clone(),
                    format!("{}{text}</{}>", tag(&row.name, &row.attrs, &row_attrs, false), row.name),
                ));
                continue;
            }
            if !row_attrs.is_empty() {
                edits.push((row.tag.clone(), tag(&row.name, &row.attrs, &row_attrs, row.empty)));
            }
            for (at, text) in added {
                edits.push((at..at, text));
            }
        }
        // Rows after the last one there.
        let rest: String = std::mem::take(&mut wanted)
            .into_iter()
            .map(|(r, cells)| {
                let text: String = cells.iter().map(|(&c, &f)| new_cell(styles, r, c, f)).collect();
                format!("<{p}row r=\"{r}\">{text}</{p}row>")
            })
            .collect();
        if !rest.is_empty() {
            if self.data_empty {
                let open = format!("<{}>", self.data_name);
                edits.push((self.data_tag.clone(), format!("{open}{rest}</{}>", self.data_name)));
            } else {
                edits.push((self.data_close..self.data_close, rest));
            }
        }
        if let Some(drawing) = drawing {
            edits.push((self.drawing_at..self.drawing_at, drawing.replace("{p}", &p)));
        }
        apply(xml, edits)
    }
}

const RELS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const COMMENTS_REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const VML_REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing";
const COMMENTS_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml";
const VML_TYPE: &str = "application/vnd.openxmlformats-officedocument.vmlDrawing";
const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

struct Notes;

impl Notes {
    /// Puts a sheet's notes in its comments part and VML drawing (its own,
    /// or new ones); the `<legacyDrawing>` the sheet needs, if it needs
    /// one (with `{p}` for its prefix). None: a part this cannot read.
    fn place(
        package: &mut Package,
        part: &str,
        sheet: &Sheet,
        next_block: &mut usize,
        notes: &BTreeMap<(u32, u32), Vec<String>>,
    ) -> Option<Option<String>> {
        if notes.is_empty() {
            return Some(None);
        }
        let dir = part.rsplit_once('/').map_or("", |(d, _)| d).to_string();
        let rels_part = rels_path(part);
        let rels = package.get(&rels_part).map(|x| relationships(x, &dir)).unwrap_or_default();
        let comments = rels.iter().find(|r| r.kind == COMMENTS_REL).map(|r| r.target.clone());
        let vml = match &sheet.legacy {
            Some(id) => Some(rels.iter().find(|r| &r.id == id)?.target.clone()),
            None => None,
        };
        let mut new_rels = Vec::new();
        let fresh_id = |n: usize| (n..).map(|k| format!("rIdChitieu{k}")).find(|id| !rels.iter().any(|r| &r.id == id));
        // The comments.
        let texts: BTreeMap<String, String> =
            notes.iter().map(|(&(row, col), t)| (reference(col, row), t.join("\n"))).collect();
        // Cells whose own note took ours: they have a box already.
        let mut merged = BTreeSet::new();
        match comments {
            Some(existing) => {
                let xml = package.get(&existing)?.to_vec();
                let (xml, seen) = append_comments(&xml, &texts)?;
                package.put(&existing, xml);
                merged = seen;
            }
            None => {
                let name = package.free_name("xl/comments", "xml");
                package.put(&name, new_comments(&texts).into_bytes());
                new_rels.push((fresh_id(1)?, COMMENTS_REL, name.clone()));
                add_override(package, &name, COMMENTS_TYPE)?;
            }
        }
        // The drawing of the notes' boxes, their ids in blocks of 1024 that
        // no drawing of the workbook uses yet (`o:idmap` names them).
        let boxes: Vec<(u32, u32)> =
            notes.keys().filter(|&&(row, col)| !merged.contains(&reference(col, row))).copied().collect();
        if boxes.is_empty() {
            return Some(None);
        }
        let first = *next_block * 1024 + 1;
        let last_block = (first + boxes.len() - 1) / 1024;
        let blocks: Vec<String> = (*next_block..=last_block).map(|b| b.to_string()).collect();
        *next_block = last_block + 1;
        let shapes: String = boxes.iter().enumerate().map(|(n, &(row, col))| shape(first + n, n, row, col)).collect();
        let drawing = match vml {
            Some(existing) => {
                let mut text = String::from_utf8(package.get(&existing)?.to_vec()).ok()?;
                let at = text.rfind("</xml>")?;
                let shapetype = if text.contains("_x0000_t202") { String::new() } else { SHAPETYPE.to_string() };
                text.insert_str(at, &format!("{shapetype}{shapes}"));
                // The drawing's idmap names our blocks too.
                if let Some(data) = idmap_data(&text) {
                    text.insert_str(data.end, &format!(",{}", blocks.join(",")));
                }
                package.put(&existing, text.into_bytes());
                None
            }
            None => {
                let name = package.free_name("xl/drawings/vmlDrawing", "vml");
                let data = blocks.join(",");
                let text = format!(
                    "<xml xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:x=\"urn:schemas-microsoft-com:office:excel\"><o:shapelayout v:ext=\"edit\"><o:idmap v:ext=\"edit\" data=\"{data}\"/></o:shapelayout>{SHAPETYPE}{shapes}</xml>"
                );
                package.put(&name, text.into_bytes());
                let id = fresh_id(new_rels.len() + 1)?;
                new_rels.push((id.clone(), VML_REL, name));
                add_default(package, "vml", VML_TYPE)?;
                Some(format!("<{{p}}legacyDrawing xmlns:r=\"{RELS}\" r:id=\"{id}\"/>"))
            }
        };
        if !new_rels.is_empty() {
            let added: String = new_rels
                .iter()
                .map(|(id, kind, target)| {
                    // Relative to the sheet's folder, as Excel writes it.
                    let target = relative(&dir, target);
                    format!("<Relationship Id=\"{id}\" Type=\"{kind}\" Target=\"{}\"/>", xml_text(&target))
                })
                .collect();
            let text = match package.get(&rels_part).map(|x| String::from_utf8_lossy(x).into_owned()) {
                Some(mut text) if text.contains("</Relationships>") => {
                    let at = text.rfind("</Relationships>")?;
                    text.insert_str(at, &added);
                    text
                }
                // None yet, or an empty `<Relationships/>`: nothing to keep.
                _ => format!(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{added}</Relationships>"
                ),
            };
            package.put(&rels_part, text.into_bytes());
        }
        Some(drawing)
    }
}

/// The note box's type. It and each box declare the VML prefixes they use,
/// so that they read the same appended to a drawing that declares others.
const SHAPETYPE: &str = "<v:shapetype xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" id=\"_x0000_t202\" coordsize=\"21600,21600\" o:spt=\"202\" path=\"m,l,21600r21600,l21600,xe\"><v:stroke joinstyle=\"miter\"/><v:path gradientshapeok=\"t\" o:connecttype=\"rect\"/></v:shapetype>";

/// A note's box, hidden until its cell is pointed at, as Excel draws one.
fn shape(id: usize, n: usize, row: u32, col: u32) -> String {
    let (r, c) = (row - 1, col);
    format!(
        "<v:shape xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:x=\"urn:schemas-microsoft-com:office:excel\" id=\"_x0000_s{id}\" type=\"#_x0000_t202\" style=\"position:absolute;margin-left:80pt;margin-top:2pt;width:270pt;height:90pt;z-index:{z};visibility:hidden\" fillcolor=\"#ffffe1\" o:insetmode=\"auto\"><v:fill color2=\"#ffffe1\"/><v:shadow on=\"t\" color=\"black\" obscured=\"t\"/><v:path o:connecttype=\"none\"/><v:textbox style=\"mso-direction-alt:auto\"><div style=\"text-align:left\"></div></v:textbox><x:ClientData ObjectType=\"Note\"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>{a}, 15, {r}, 2, {b}, 15, {e}, 16</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>{r}</x:Row><x:Column>{c}</x:Column></x:ClientData></v:shape>",
        z = n + 1,
        a = c + 1,
        b = c + 5,
        e = r + 6,
    )
}

fn comment(reference: &str, author: usize, text: &str) -> String {
    format!(
        "<comment ref=\"{reference}\" authorId=\"{author}\"><text><r><t xml:space=\"preserve\">{}</t></r></text></comment>",
        xml_text(text)
    )
}

fn new_comments(texts: &BTreeMap<String, String>) -> String {
    let list: String = texts.iter().map(|(r, t)| comment(r, 0, t)).collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<comments xmlns=\"{MAIN}\"><authors><author>chitieu</author></authors><commentList>{list}</commentList></comments>"
    )
}

/// A sheet's own comments part with ours added: a cell that has a note
/// gets ours as another paragraph of it (unless it holds it already, from
/// an earlier run); the others, a note each, by the author `chitieu`. With
/// the cells whose own note took ours.
fn append_comments(xml: &[u8], texts: &BTreeMap<String, String>) -> Option<(Vec<u8>, BTreeSet<String>)> {
    let mut edits = Vec::new();
    let mut authors = 0usize;
    let mut ours = None;
    let mut author_at = 0usize;
    let mut authors_close = None;
    let mut list_close = None;
    let mut name_prefix = String::new();
    let mut current: Option<(String, usize)> = None;
    // Where a run goes in the current note's text: before its phonetic
    // parts, which the schema puts after the runs.
    let mut phonetic: Option<usize> = None;
    let mut seen = BTreeSet::new();
    let mut within: Vec<String> = Vec::new();
    let ok = scan(xml, |ev, range| match ev {
        Ev::Open(e) | Ev::Empty(e) => {
            let local = e.local_name().as_ref().to_string();
            match local.as_str() {
                "comments" => name_prefix = prefix(e.name().0).to_string(),
                "author" if within.last().is_some_and(|w| w == "authors") => {
                    authors += 1;
                    author_at = range.end;
                }
                "comment" => {
                    current = attr(e, "ref").map(|r| (r, range.start));
                    phonetic = None;
                }
                "rPh" | "phoneticPr" if phonetic.is_none() && within.last().is_some_and(|w| w == "text") => {
                    phonetic = Some(range.start);
                }
                _ => {}
            }
            if matches!(ev, Ev::Open(_)) {
                within.push(local);
            }
        }
        Ev::Close(local) => {
            within.pop();
            match local {
                "author" if xml.get(author_at..range.start) == Some(b"chitieu".as_slice()) => {
                    ours = Some(authors - 1);
                }
                "authors" => authors_close = Some(range.start),
                "commentList" => list_close = Some(range.start),
                "text" if within.last().is_some_and(|w| w == "comment") => {
                    if let Some((r, start)) = &current
                        && let Some(text) = texts.get(r)
                    {
                        seen.insert(r.clone());
                        let escaped = xml_text(text);
                        let already = xml
                            .get(*start..range.start)
                            .is_some_and(|raw| raw.windows(escaped.len()).any(|w| w == escaped.as_bytes()));
                        if !already {
                            let p = &name_prefix;
                            let run = format!("<{p}r><{p}t xml:space=\"preserve\">\n{escaped}</{p}t></{p}r>");
                            let at = phonetic.unwrap_or(range.start);
                            edits.push((at..at, run));
                        }
                    }
                }
                "comment" => current = None,
                _ => {}
            }
        }
    });
    if !ok {
        return None;
    }
    let p = &name_prefix;
    let new: Vec<(&String, &String)> = texts.iter().filter(|(r, _)| !seen.contains(*r)).collect();
    if !new.is_empty() {
        let author = match ours {
            Some(i) => i,
            None => {
                edits.push((authors_close?..authors_close?, format!("<{p}author>chitieu</{p}author>")));
                authors
            }
        };
        let added: String = new
            .iter()
            .map(|(r, t)| {
                let c = comment(r, author, t);
                if p.is_empty() {
                    c
                } else {
                    c.replace("<", &format!("<{p}")).replace(&format!("<{p}/"), &format!("</{p}"))
                }
            })
            .collect();
        edits.push((list_close?..list_close?, added));
    }
    Some((apply(xml, edits), seen))
}

fn content_types(package: &Package) -> Option<String> {
    String::from_utf8(package.get("[Content_Types].xml")?.to_vec()).ok()
}

fn add_override(package: &mut Package, part: &str, kind: &str) -> Option<()> {
    let mut text = content_types(package)?;
    let at = text.rfind("</Types>")?;
    text.insert_str(at, &format!("<Override PartName=\"/{part}\" ContentType=\"{kind}\"/>"));
    package.put("[Content_Types].xml", text.into_bytes());
    Some(())
}

fn add_default(package: &mut Package, extension: &str, kind: &str) -> Option<()> {
    let mut text = content_types(package)?;
    // Declared already, in any case or quotes.
    let lower = text.to_ascii_lowercase();
    if [format!("extension=\"{extension}\""), format!("extension='{extension}'")].iter().any(|d| lower.contains(d)) {
        return Some(());
    }
    let at = text.rfind("</Types>")?;
    text.insert_str(at, &format!("<Default Extension=\"{extension}\" ContentType=\"{kind}\"/>"));
    package.put("[Content_Types].xml", text.into_bytes());
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reference_reads_as_its_column_and_row() {
        assert_eq!(cell_ref("A1"), Some((0, 1)));
        assert_eq!(cell_ref("AB12"), Some((27, 12)));
        assert_eq!(cell_ref("12"), None);
        assert_eq!(reference(27, 12), "AB12");
    }

    #[test]
    fn splices_apply_in_order_insertions_first() {
        let out = apply(b"<a><b/></a>", vec![(3..7, "<c/>".into()), (3..3, "<x/>".into()), (7..7, "<y/>".into())]);
        assert_eq!(String::from_utf8(out).unwrap(), "<a><x/><c/><y/></a>");
    }

    #[test]
    fn resolving_targets() {
        assert_eq!(relative("xl/worksheets", "xl/comments2.xml"), "../comments2.xml");
        assert_eq!(relative("xl/worksheets", "xl/drawings/vmlDrawing1.vml"), "../drawings/vmlDrawing1.vml");
        assert_eq!(resolve("xl/worksheets", "../comments1.xml"), "xl/comments1.xml");
        assert_eq!(resolve("xl/worksheets", "/xl/comments1.xml"), "xl/comments1.xml");
        assert_eq!(resolve("xl", "worksheets/sheet1.xml"), "xl/worksheets/sheet1.xml");
    }

    #[test]
    fn a_sheet_gets_cells_and_rows_in_order() {
        let xml = br#"<worksheet xmlns="m"><sheetData><row r="2"><c r="A2" s="3"><v>1</v></c><c r="C2"><v>2</v></c></row><row r="5"/></sheetData><pageMargins/></worksheet>"#;
        let sheet = Sheet::read(xml).unwrap();
        assert_eq!(sheet.width, 3);
        let styles_xml = br#"<styleSheet><fills count="2"><fill/><fill/></fills><cellXfs count="4"><xf/><xf/><xf/><xf numFmtId="14"/></cellXfs></styleSheet>"#;
        let mut styles = Styles::read(styles_xml).unwrap();
        let mut marks = SheetMarks::default();
        marks.cells.insert((2, 1), Fill::Problem);
        marks.cells.insert((2, 0), Fill::Problem);
        marks.rows.insert(4);
        let out = String::from_utf8(sheet.edit(xml, &marks, &mut styles, Some("<{p}legacyDrawing/>"))).unwrap();
        assert_eq!(
            out,
            r#"<worksheet xmlns="m"><sheetData><row r="2"><c r="A2" s="5"><v>1</v></c><c r="B2" s="4"/><c r="C2"><v>2</v></c></row><row r="4"><c r="A4" s="6"/><c r="B4" s="6"/><c r="C4" s="6"/></row><row r="5"/></sheetData><pageMargins/><legacyDrawing/></worksheet>"#
        );
        let styled = String::from_utf8(styles.write(styles_xml)).unwrap();
        assert!(styled.contains(r#"<fills count="4">"#), "{styled}");
        assert!(styled.contains(r#"<cellXfs count="7">"#), "{styled}");
        assert!(styled.contains(r#"<xf numFmtId="14" fillId="2" applyFill="1"/>"#), "the date format kept: {styled}");
        assert!(styled.contains(r#"<xf fillId="3" applyFill="1"/></cellXfs>"#), "{styled}");
    }

    #[test]
    fn a_package_unpacking_past_the_budget_is_not_read() {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..(super::super::read::MAX_UNPACKED >> 20) + 1 {
            zip.write_all(&zeros).unwrap();
        }
        let bytes = zip.finish().unwrap().into_inner();
        assert!(bytes.len() < 1 << 20, "small packed");
        assert!(Package::read(&bytes).is_none());
        assert!(annotate(&bytes, &[]).is_none());
    }

    #[test]
    fn a_drawing_s_blocks_are_read_where_they_are_and_a_cut_one_is_none() {
        let text = r#"<o:idmap v:ext="edit" data="1,3"/>"#;
        assert_eq!(&text[idmap_data(text).unwrap()], "1,3");
        assert_eq!(idmap_data("<o:idmap data='7'/>").map(|r| r.len()), Some(1));
        assert_eq!(idmap_data("<o:idmap data="), None);
        assert_eq!(idmap_data("<o:idmap data=\"1"), None);
    }

    #[test]
    fn text_from_cells_cannot_break_the_part() {
        assert_eq!(xml_text("a<b>&\u{1}c\nd"), "a&lt;b&gt;&amp;c\nd");
    }
}
