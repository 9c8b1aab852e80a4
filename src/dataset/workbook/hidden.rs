//! Which rows, columns and sheets of a workbook are hidden. calamine reads
//! values and sheet visibility, not rows or columns, so those are read here
//! from the workbook's own XML as `read::sniff` unpacks it: hidden data is
//! still data (it is read and counted), and it is named, never silent.
//!
//! - xlsx: `<row r="5" hidden="1">` and `<col min="2" max="3" hidden="1">`
//!   in each worksheet part, found by name through `xl/workbook.xml` and
//!   its relationships.
//! - ods: `table:visibility="collapse"` (or `"filter"`) on
//!   `table:table-row` and `table:table-column` in `content.xml`, counted
//!   in document order with their `number-…-repeated`.

use std::collections::{BTreeSet, HashMap};

use quick_xml::events::{BytesStart, Event};

use super::read::{MAX_COLUMNS, MAX_ROWS};

/// A sheet's hidden rows and columns, 0-based.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Hidden {
    pub(crate) rows: BTreeSet<u32>,
    pub(crate) cols: BTreeSet<u32>,
}

/// What the unpacked parts say, gathered as `sniff` reads them.
#[derive(Debug, Default)]
pub(crate) struct Parts {
    /// Each worksheet part's hidden rows and columns, by its path.
    by_part: HashMap<String, Hidden>,
    workbook: Vec<u8>,
    rels: Vec<u8>,
    /// An ods file's tables, by name.
    ods: HashMap<String, Hidden>,
}

impl Parts {
    /// Whether `sniff` should hand over this entry's bytes.
    pub(crate) fn wants(entry: &str) -> bool {
        entry == "xl/workbook.xml"
            || entry == "xl/_rels/workbook.xml.rels"
            || entry == "content.xml"
            || (entry.starts_with("xl/worksheets/") && entry.ends_with(".xml"))
    }

    /// An entry's bytes, read whole (within `sniff`'s budget).
    pub(crate) fn add(&mut self, entry: &str, bytes: Vec<u8>) {
        match entry {
            "xl/workbook.xml" => self.workbook = bytes,
            "xl/_rels/workbook.xml.rels" => self.rels = bytes,
            "content.xml" => self.ods = ods(&bytes),
            _ => {
                self.by_part.insert(entry.to_string(), xlsx_sheet(&bytes));
            }
        }
    }

    /// Each sheet's hidden rows and columns, by the sheet's name.
    pub(crate) fn by_sheet(mut self) -> HashMap<String, Hidden> {
        if !self.ods.is_empty() {
            return self.ods;
        }
        let targets: HashMap<String, String> = relationships(&self.rels);
        let mut out = HashMap::new();
        for (name, id) in sheets(&self.workbook) {
            let Some(target) = targets.get(&id) else { continue };
            let path = match target.strip_prefix('/') {
                Some(absolute) => absolute.to_string(),
                None => format!("xl/{target}"),
            };
            if let Some(hidden) = self.by_part.remove(&path) {
                out.insert(name, hidden);
            }
        }
        out
    }
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.local_name().as_ref() == name).map(|a| a.value.into_owned())
}

fn truthy(value: Option<String>) -> bool {
    value.is_some_and(|v| v == "1" || v.eq_ignore_ascii_case("true"))
}

/// Calls `each` with every start or empty element of `xml`; a broken
/// document ends the walk (calamine reports it).
fn walk(xml: &[u8], mut each: impl FnMut(&BytesStart, bool)) {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => each(&e, false),
            Ok(Event::Empty(e)) => each(&e, true),
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
        buf.clear();
    }
}

/// A worksheet part's hidden rows and columns.
fn xlsx_sheet(xml: &[u8]) -> Hidden {
    let mut hidden = Hidden::default();
    let mut next_row = 1u32;
    walk(xml, |e, _| match e.local_name().as_ref() {
        "row" => {
            let r = attr(e, "r").and_then(|r| r.parse().ok()).unwrap_or(next_row);
            next_row = r.saturating_add(1);
            if truthy(attr(e, "hidden")) && (1..=MAX_ROWS).contains(&r) {
                hidden.rows.insert(r - 1);
            }
        }
        "col" if truthy(attr(e, "hidden")) => {
            let min: u32 = attr(e, "min").and_then(|v| v.parse().ok()).unwrap_or(1);
            let max: u32 = attr(e, "max").and_then(|v| v.parse().ok()).unwrap_or(min);
            for c in min.max(1)..=max.min(MAX_COLUMNS) {
                hidden.cols.insert(c - 1);
            }
        }
        _ => {}
    });
    hidden
}

/// `xl/workbook.xml`: each sheet's name and relationship id.
fn sheets(xml: &[u8]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    walk(xml, |e, _| {
        if e.local_name().as_ref() == "sheet"
            && let (Some(name), Some(id)) = (attr(e, "name"), attr(e, "id"))
        {
            out.push((name, id));
        }
    });
    out
}

/// `xl/_rels/workbook.xml.rels`: each relationship's target.
fn relationships(xml: &[u8]) -> HashMap<String, String> {
    let mut out = HashMap::new();
    walk(xml, |e, _| {
        if e.local_name().as_ref() == "Relationship"
            && let (Some(id), Some(target)) = (attr(e, "Id"), attr(e, "Target"))
        {
            out.insert(id, target);
        }
    });
    out
}

/// An ods `content.xml`: each table's hidden rows and columns.
fn ods(xml: &[u8]) -> HashMap<String, Hidden> {
    let mut out: HashMap<String, Hidden> = HashMap::new();
    let mut table: Option<String> = None;
    let (mut row, mut col) = (0u32, 0u32);
    walk(xml, |e, _| {
        let collapsed = || attr(e, "visibility").is_some_and(|v| v == "collapse" || v == "filter");
        match e.local_name().as_ref() {
            "table" => {
                table = attr(e, "name");
                (row, col) = (0, 0);
            }
            "table-row" => {
                let repeated: u32 = attr(e, "number-rows-repeated").and_then(|v| v.parse().ok()).unwrap_or(1);
                if collapsed()
                    && let Some(name) = &table
                {
                    let hidden = out.entry(name.clone()).or_default();
                    for r in row..row.saturating_add(repeated).min(MAX_ROWS) {
                        hidden.rows.insert(r);
                    }
                }
                row = row.saturating_add(repeated);
            }
            "table-column" => {
                let repeated: u32 = attr(e, "number-columns-repeated").and_then(|v| v.parse().ok()).unwrap_or(1);
                if collapsed()
                    && let Some(name) = &table
                {
                    let hidden = out.entry(name.clone()).or_default();
                    for c in col..col.saturating_add(repeated).min(MAX_COLUMNS) {
                        hidden.cols.insert(c);
                    }
                }
                col = col.saturating_add(repeated);
            }
            _ => {}
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xlsx_rows_and_columns() {
        let sheet = br#"<worksheet><cols><col min="2" max="3" hidden="1"/><col min="5" max="5"/></cols>
            <sheetData><row r="1"/><row r="4" hidden="1"/><row hidden="true"/></sheetData></worksheet>"#;
        let hidden = xlsx_sheet(sheet);
        assert_eq!(hidden.rows, BTreeSet::from([3, 4]));
        assert_eq!(hidden.cols, BTreeSet::from([1, 2]));
        let mut parts = Parts::default();
        parts.add("xl/workbook.xml", r#"<workbook><sheets><sheet name="Cán bộ" sheetId="1" r:id="rId2"/></sheets></workbook>"#.as_bytes().to_vec());
        parts.add(
            "xl/_rels/workbook.xml.rels",
            br#"<Relationships><Relationship Id="rId2" Target="worksheets/sheet9.xml"/></Relationships>"#.to_vec(),
        );
        parts.add("xl/worksheets/sheet9.xml", sheet.to_vec());
        assert_eq!(parts.by_sheet().get("Cán bộ"), Some(&hidden));
    }

    #[test]
    fn ods_rows_and_columns_with_repeats() {
        let content = br#"<office:document-content><table:table table:name="T">
            <table:table-column table:number-columns-repeated="2"/><table:table-column table:visibility="collapse"/>
            <table:table-row/><table:table-row table:number-rows-repeated="2" table:visibility="collapse"/>
            <table:table-row table:number-rows-repeated="1048570" table:visibility="collapse"/>
            </table:table></office:document-content>"#;
        let hidden = ods(content);
        let t = &hidden["T"];
        assert_eq!(t.cols, BTreeSet::from([2]));
        assert!(t.rows.contains(&1) && t.rows.contains(&2) && !t.rows.contains(&0));
        assert_eq!(t.rows.len() as u32, MAX_ROWS - 1, "a huge repeat stops at the row limit");
    }
}
