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

use std::collections::HashMap;
use std::ops::Range;

use quick_xml::events::{BytesStart, Event};

use super::read::{MAX_COLUMNS, MAX_ROWS};

/// The most hidden spans kept for a workbook: a repeat counts once, so a
/// small file claiming millions of hidden rows costs nothing.
const MAX_SPANS: usize = 100_000;

/// A sheet's hidden rows and columns, 0-based, as spans (a repeated row or
/// a range of columns is one).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Hidden {
    pub(crate) rows: Vec<Range<u32>>,
    pub(crate) cols: Vec<Range<u32>>,
}

impl Hidden {
    pub(crate) fn row(&self, r: u32) -> bool {
        self.rows.iter().any(|s| s.contains(&r))
    }

    pub(crate) fn col(&self, c: u32) -> bool {
        self.cols.iter().any(|s| s.contains(&c))
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.rows.is_empty() && self.cols.is_empty()
    }
}

/// Adds a span, counting against the workbook's budget.
fn push(spans: &mut Vec<Range<u32>>, span: Range<u32>, budget: &mut usize) {
    if span.is_empty() || *budget == 0 {
        return;
    }
    *budget -= 1;
    match spans.last_mut() {
        Some(last) if last.end == span.start => last.end = span.end,
        _ => spans.push(span),
    }
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
    /// Spans still to be kept (`MAX_SPANS` for the workbook).
    budget: Option<usize>,
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
        let budget = self.budget.get_or_insert(MAX_SPANS);
        // Most sheets hide nothing: a part without the attribute is not
        // parsed at all (it cost a fifth of reading a workbook).
        let mentions = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
        match entry {
            "xl/workbook.xml" => self.workbook = bytes,
            "xl/_rels/workbook.xml.rels" => self.rels = bytes,
            "content.xml" if mentions(b"visibility=") => self.ods = ods(&bytes, budget),
            "content.xml" => {}
            _ if mentions(b"hidden=") => {
                self.by_part.insert(entry.to_string(), xlsx_sheet(&bytes, budget));
            }
            _ => {}
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

/// An attribute's value, its entities (`&amp;`, `&#7879;`) read as the
/// characters they stand for, as calamine reads sheet names.
pub(crate) fn attr(e: &BytesStart, name: &str) -> Option<String> {
    let found = e.attributes().flatten().find(|a| a.key.local_name().as_ref() == name)?;
    let value = found.normalized_value(quick_xml::XmlVersion::default()).map(|v| v.into_owned());
    Some(value.unwrap_or_else(|_| found.value.into_owned()))
}

fn truthy(value: Option<String>) -> bool {
    value.is_some_and(|v| v == "1" || v.eq_ignore_ascii_case("true"))
}

/// What `walk` meets: an element's start (or an empty element), or the
/// end of one, by its local name.
pub(crate) enum Step<'a> {
    Open(&'a BytesStart<'a>),
    Close(&'a str),
}

/// Calls `each` with every element of `xml` as it opens and closes; a
/// broken document ends the walk (calamine reports it).
pub(crate) fn walk(xml: &[u8], mut each: impl FnMut(Step<'_>)) {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => each(Step::Open(&e)),
            Ok(Event::Empty(e)) => {
                each(Step::Open(&e));
                each(Step::Close(e.local_name().as_ref()));
            }
            Ok(Event::End(e)) => each(Step::Close(e.local_name().as_ref())),
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
        buf.clear();
    }
}

/// A worksheet part's hidden rows and columns.
fn xlsx_sheet(xml: &[u8], budget: &mut usize) -> Hidden {
    let mut hidden = Hidden::default();
    let mut next_row = 1u32;
    walk(xml, |step| {
        let Step::Open(e) = step else { return };
        match e.local_name().as_ref() {
            "row" => {
                let r = attr(e, "r").and_then(|r| r.parse().ok()).unwrap_or(next_row);
                next_row = r.saturating_add(1);
                if truthy(attr(e, "hidden")) && (1..=MAX_ROWS).contains(&r) {
                    push(&mut hidden.rows, r - 1..r, budget);
                }
            }
            "col" if truthy(attr(e, "hidden")) => {
                let min: u32 = attr(e, "min").and_then(|v| v.parse().ok()).unwrap_or(1).max(1);
                let max: u32 = attr(e, "max").and_then(|v| v.parse().ok()).unwrap_or(min).min(MAX_COLUMNS);
                push(&mut hidden.cols, min - 1..max, budget);
            }
            _ => {}
        }
    });
    hidden
}

/// `xl/workbook.xml`: each sheet's name and relationship id.
pub(crate) fn sheets(xml: &[u8]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    walk(xml, |step| {
        if let Step::Open(e) = step
            && e.local_name().as_ref() == "sheet"
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
    walk(xml, |step| {
        if let Step::Open(e) = step
            && e.local_name().as_ref() == "Relationship"
            && let (Some(id), Some(target)) = (attr(e, "Id"), attr(e, "Target"))
        {
            out.insert(id, target);
        }
    });
    out
}

/// An ods `content.xml`: each table's hidden rows and columns, counted in
/// document order with their repeats; a table nested in a cell is counted
/// on its own and the outer one resumes after it.
fn ods(xml: &[u8], budget: &mut usize) -> HashMap<String, Hidden> {
    struct Table {
        name: String,
        row: u32,
        col: u32,
        hidden: Hidden,
    }
    let mut out: HashMap<String, Hidden> = HashMap::new();
    let mut open: Vec<Table> = Vec::new();
    walk(xml, |step| match step {
        Step::Open(e) => {
            let collapsed = || attr(e, "visibility").is_some_and(|v| v == "collapse" || v == "filter");
            let repeated = |key: &str| attr(e, key).and_then(|v| v.parse::<u32>().ok()).unwrap_or(1);
            match e.local_name().as_ref() {
                "table" => {
                    let name = attr(e, "name").unwrap_or_default();
                    open.push(Table { name, row: 0, col: 0, hidden: Hidden::default() });
                }
                "table-row" => {
                    let Some(t) = open.last_mut() else { return };
                    let n = repeated("number-rows-repeated");
                    if collapsed() && t.row < MAX_ROWS {
                        push(&mut t.hidden.rows, t.row..t.row.saturating_add(n).min(MAX_ROWS), budget);
                    }
                    t.row = t.row.saturating_add(n);
                }
                "table-column" => {
                    let Some(t) = open.last_mut() else { return };
                    let n = repeated("number-columns-repeated");
                    if collapsed() && t.col < MAX_COLUMNS {
                        push(&mut t.hidden.cols, t.col..t.col.saturating_add(n).min(MAX_COLUMNS), budget);
                    }
                    t.col = t.col.saturating_add(n);
                }
                _ => {}
            }
        }
        Step::Close("table") => {
            if let Some(t) = open.pop()
                && !t.hidden.is_empty()
            {
                out.insert(t.name, t.hidden);
            }
        }
        Step::Close(_) => {}
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
        let hidden = xlsx_sheet(sheet, &mut 100);
        assert_eq!(hidden.rows, vec![(3..5)]);
        assert_eq!(hidden.cols, vec![(1..3)]);
        let mut parts = Parts::default();
        let workbook = r#"<workbook><sheets><sheet name="C&#225;n b&#7897; &amp; x" sheetId="1" r:id="rId2"/></sheets></workbook>"#;
        parts.add("xl/workbook.xml", workbook.as_bytes().to_vec());
        parts.add(
            "xl/_rels/workbook.xml.rels",
            br#"<Relationships><Relationship Id="rId2" Target="worksheets/sheet9.xml"/></Relationships>"#.to_vec(),
        );
        parts.add("xl/worksheets/sheet9.xml", sheet.to_vec());
        assert_eq!(parts.by_sheet().get("Cán bộ & x"), Some(&hidden), "names read through their entities");
    }

    #[test]
    fn ods_rows_and_columns_with_repeats_and_nested_tables() {
        let content = br#"<office:document-content><table:table table:name="T">
            <table:table-column table:number-columns-repeated="2"/><table:table-column table:visibility="collapse"/>
            <table:table-row/><table:table-row table:number-rows-repeated="2" table:visibility="collapse"/>
            <table:table-row><table:table-cell><table:table table:name="inner"><table:table-row/></table:table></table:table-cell></table:table-row>
            <table:table-row table:number-rows-repeated="1048570" table:visibility="collapse"/>
            </table:table></office:document-content>"#;
        let hidden = ods(content, &mut 100);
        let t = &hidden["T"];
        assert_eq!(t.cols, vec![(2..3)]);
        assert_eq!(t.rows, [1..3, 4..MAX_ROWS], "the outer table resumes after the inner one");
        assert!(!hidden.contains_key("inner"));
    }

    #[test]
    fn many_tables_claiming_many_rows_cost_a_span_each_within_a_budget() {
        let mut content = String::from("<office:document-content>");
        for i in 0..5000 {
            content.push_str(&format!(
                r#"<table:table table:name="t{i}"><table:table-row table:number-rows-repeated="1000000" table:visibility="collapse"/></table:table>"#
            ));
        }
        let started = std::time::Instant::now();
        let mut budget = 1000;
        let hidden = ods(content.as_bytes(), &mut budget);
        assert_eq!(hidden.len(), 1000);
        assert_eq!(budget, 0);
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }
}
