//! The words of a workbook: each collection's sheet name, each column's
//! label, each fixed value's label, in Vietnamese and English, as the
//! pack's data model (`rules/model.yaml`) gives them; only the unit's own
//! sheet (its header, built in) has its words here.

use crate::i18n::{Lang, lang};

/// One column of a collection's sheet.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// The field's key (`opened`), or a nested field's path (`origin.kind`).
    pub key: &'static str,
    pub vi: &'static str,
    pub en: &'static str,
    /// The collection whose ids it holds, if it is a reference.
    pub refers: Option<&'static str>,
    /// Several values in one cell (a list field), separated by `,` or `;`.
    pub many: bool,
    /// Every record gives it: the model's `required` (an id always).
    pub required: bool,
    /// What values it holds.
    pub kind: crate::dataset::field::FieldKind,
    /// A person's name: hidden wherever names are.
    pub person: bool,
}

impl Column {
    pub fn label(&self) -> &'static str {
        if lang() == Lang::En { self.en } else { self.vi }
    }
}

/// One sheet: a collection of the model (or the survey reports nested in
/// surveys, which a grid holds in a sheet of their own).
#[derive(Debug, Clone, Copy)]
pub struct Sheet {
    pub collection: &'static str,
    pub vi: &'static str,
    pub en: &'static str,
    pub columns: &'static [Column],
    /// For a sheet of nested records: the collection and the field they
    /// are nested in (`surveys`, `reports`); the first column names the
    /// record of that collection each row belongs to.
    pub nested_in: Option<(&'static str, &'static str)>,
    /// The key of the column holding each record's id, if records have one.
    pub id_key: Option<&'static str>,
}

impl Sheet {
    pub fn name(&self) -> &'static str {
        if lang() == Lang::En { self.en } else { self.vi }
    }

    pub fn column(&self, key: &str) -> Option<&'static Column> {
        self.columns.iter().find(|c| c.key == key)
    }
}

/// The unit's own sheet: labelled rows (`unit.id`, `period.start`,
/// `baseline.NAME`, `quotas.NAME.count`…), a label, a key and a value each.
pub const UNIT_SHEET: (&str, &str) = ("Đơn vị", "Unit");
/// The instructions sheet: read by people, skipped by the reader.
pub const GUIDE_SHEET: (&str, &str) = ("Hướng dẫn", "Instructions");
/// The hidden sheet the drop-downs take their values from, one column a
/// list: a value holding a comma ("Mua bán, vận chuyển") stays one item,
/// as a list written into the validation itself would split it.
pub const LISTS_SHEET: (&str, &str) = ("Danh mục giá trị", "Value lists");

/// The unit sheet's fixed rows: key, Vietnamese and English label.
pub const UNIT_ROWS: &[(&str, &str, &str)] = &[
    ("unit.id", "Mã đơn vị", "Unit id"),
    ("unit.name", "Tên đơn vị", "Unit name"),
    ("unit.team", "Đội", "Team"),
    ("unit.province", "Tỉnh", "Province"),
    ("period.start", "Kỳ thống kê từ ngày", "Statistics year from"),
    ("period.end", "Kỳ thống kê đến ngày", "Statistics year to"),
    ("as_of", "Ngày tính", "Evaluated as of"),
];

/// A quota's fields (`quotas.NAME.FIELD`).
pub const QUOTA_FIELDS: &[(&str, &str, &str)] = &[
    ("count", "Chỉ tiêu giao", "Quota"),
    ("deadline", "Thời hạn", "Deadline"),
    ("crack_by", "Phá án trước", "Crack by"),
];

/// The words of a workbook as a model gives them: each collection's sheet
/// and columns (a nested collection, such as a survey's reports, on a sheet
/// of its own after its parent's), and each fixed value's labels. Built once
/// per model a process reads and kept for the rest of it (`of`), so readers
/// and writers hold plain `&'static` words.
/// A fixed value: its code, its Vietnamese and its English label.
type ValueWords = (&'static str, &'static str, &'static str);

#[derive(Debug)]
pub struct Labels {
    pub sheets: &'static [Sheet],
    values: Vec<(&'static [&'static str], Vec<ValueWords>)>,
    /// Each collection's example id (`ST001`), by collection.
    examples: Vec<(&'static str, String)>,
    /// The collections the province gives a quota of (`quota: true`), in
    /// the model's order: the unit sheet's quota rows.
    pub quotas: Vec<&'static str>,
}

fn leak(s: &str) -> &'static str {
    Box::leak(s.to_string().into_boxed_str())
}

/// The words of `model`, made the first time a process meets it (by its
/// digest): a run reads one or two models, a watch session one per edit.
pub fn of(model: &crate::model::Model) -> &'static Labels {
    let model = model.interned();
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static MADE: OnceLock<Mutex<HashMap<String, &'static Labels>>> = OnceLock::new();
    let mut made = MADE.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    if let Some(labels) = made.get(&model.sha256) {
        return labels;
    }
    made.entry(model.sha256.clone()).or_insert_with(|| Box::leak(Box::new(build(model))))
}

/// The words of the model shipped with chitieu.
pub fn shipped() -> &'static Labels {
    static SHIPPED: std::sync::OnceLock<&'static Labels> = std::sync::OnceLock::new();
    SHIPPED.get_or_init(|| of(crate::model::Model::shipped_ref()))
}

fn build(model: &'static crate::model::Model) -> Labels {
    use crate::dataset::field::FieldKind;
    use crate::model::Kind;
    let column = |key: &str, w: &crate::model::Words, refers: Option<usize>, many: bool, required: bool, kind| Column {
        key: leak(key),
        vi: leak(&w.vi),
        en: leak(&w.en),
        refers: refers.map(|i| leak(&model.collections[i].name)),
        many,
        required,
        kind,
        person: false,
    };
    let kind = |f: &'static crate::model::Field| FieldKind::of(model, &f.kind);
    let must = |f: &crate::model::Field| f.required || f.kind == Kind::Id;
    // A field's one column (not an origin's two, nor nested records' sheet).
    let of_field = |f: &'static crate::model::Field| match &f.kind {
        Kind::Ref(t) => column(&f.name, &f.label, Some(*t), false, must(f), kind(f)),
        Kind::Refs(t) => column(&f.name, &f.label, Some(*t), true, must(f), kind(f)),
        Kind::Values(_) => column(&f.name, &f.label, None, true, must(f), kind(f)),
        Kind::PersonName => Column { person: true, ..column(&f.name, &f.label, None, false, must(f), kind(f)) },
        _ => column(&f.name, &f.label, None, false, must(f), kind(f)),
    };
    let mut sheets = Vec::new();
    for c in &model.collections {
        let mut columns = Vec::new();
        let mut nested = Vec::new();
        for f in &c.fields {
            match &f.kind {
                Kind::Origin(link) => {
                    columns.push(column(&format!("{}.kind", f.name), &f.label, None, false, must(f), kind(f)));
                    if let Some(r) = &link.ref_label {
                        columns.push(column(&format!("{}.ref", f.name), r, None, false, false, FieldKind::Text));
                    }
                }
                Kind::Records(n) => {
                    // The column naming the record they belong to: the
                    // parent's name in the singular (`survey`).
                    let parent = crate::model::parent_key(&c.name);
                    let mut cols =
                        vec![column(parent, &n.parent, model.collection(&c.name), false, true, FieldKind::Text)];
                    cols.extend(n.fields.iter().map(&of_field));
                    nested.push(Sheet {
                        collection: leak(&n.sheet),
                        vi: leak(&n.sheet_label.vi),
                        en: leak(&n.sheet_label.en),
                        columns: Box::leak(cols.into_boxed_slice()),
                        nested_in: Some((c.name.as_str(), f.name.as_str())),
                        id_key: None,
                    });
                }
                _ => columns.push(of_field(f)),
            }
        }
        sheets.push(Sheet {
            collection: leak(&c.name),
            vi: leak(&c.label.vi),
            en: leak(&c.label.en),
            columns: Box::leak(columns.into_boxed_slice()),
            nested_in: None,
            id_key: c.id.map(|i| leak(&c.fields[i].name)),
        });
        sheets.extend(nested);
    }
    let values = model
        .values
        .iter()
        .map(|l| {
            let codes: Vec<&'static str> = l.codes.iter().map(|c| leak(c)).collect();
            let labels = codes.iter().zip(&l.labels).map(|(c, w)| (*c, leak(&w.vi), leak(&w.en))).collect();
            (&*Box::leak(codes.into_boxed_slice()), labels)
        })
        .collect();
    let examples = model.collections.iter().map(|c| (leak(&c.name), c.id_pattern().to_string())).collect();
    let quotas = model.collections.iter().filter(|c| c.quota).map(|c| c.name.as_str()).collect();
    Labels { sheets: Box::leak(sheets.into_boxed_slice()), values, examples, quotas }
}

impl Labels {
    /// The words of the list holding exactly the codes `allowed`, written
    /// in that order or another.
    fn list<S: AsRef<str>>(&self, allowed: &[S]) -> Option<&[ValueWords]> {
        let same_set =
            |codes: &[&str]| codes.len() == allowed.len() && allowed.iter().all(|a| codes.contains(&a.as_ref()));
        let same = |codes: &[&str]| codes.iter().copied().eq(allowed.iter().map(|a| a.as_ref()));
        self.values
            .iter()
            .find(|(codes, _)| same(codes))
            .or_else(|| self.values.iter().find(|(codes, _)| same_set(codes)))
            .map(|(_, labels)| labels.as_slice())
    }

    /// The sheet of a collection (or of nested records, `survey_reports`).
    pub fn sheet(&self, collection: &str) -> Option<&'static Sheet> {
        self.sheets.iter().find(|s| s.collection == collection)
    }

    /// An example id of a collection's records, as the model's example
    /// numbers them (`ST001`, `CB02`): the template's guide shows each
    /// column a value it takes.
    pub fn id_example(&self, collection: &str, n: usize) -> String {
        let example = self.examples.iter().find(|(c, _)| *c == collection).map_or("", |(_, e)| e.as_str());
        crate::model::numbered_like(example, n)
    }

    /// The label of a fixed value (`B` → `Loại B`), in the run's language;
    /// values with no label of their own read as their code.
    pub fn value_label<'a, S: AsRef<str>>(&self, allowed: &[S], code: &'a str) -> &'a str {
        let found = self.list(allowed).and_then(|labels| labels.iter().find(|(c, _, _)| *c == code));
        match found {
            Some((_, vi, en)) => {
                if lang() == Lang::En {
                    en
                } else {
                    vi
                }
            }
            None => code,
        }
    }

    /// The code a cell names, by its code or its label in either language
    /// (case, spaces and `_` aside).
    pub fn value_code<S: AsRef<str>>(&self, allowed: &[S], text: &str) -> Option<&'static str> {
        let norm = |s: &str| s.trim().to_lowercase().replace('_', " ").split_whitespace().collect::<Vec<_>>().join(" ");
        // A list typed in Arabic numerals is the one in Roman: `Danh mục 3`,
        // `List 3` or `3` is III.
        let text = roman_numbered(&norm(text));
        let labels = self.list(allowed)?;
        if let Some((code, _, _)) = labels.iter().find(|(c, _, _)| norm(c) == text) {
            return Some(code);
        }
        labels.iter().find(|(_, vi, en)| norm(vi) == text || norm(en) == text).map(|(c, _, _)| *c)
    }
}

/// `text` with a last word of 1 to 10 in Arabic numerals written in Roman.
fn roman_numbered(text: &str) -> String {
    const ROMAN: [&str; 10] = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"];
    let (head, last) = text.rsplit_once(' ').unwrap_or(("", text));
    match last.parse::<usize>() {
        Ok(n @ 1..=10) if head.is_empty() => ROMAN[n - 1].to_string(),
        Ok(n @ 1..=10) => format!("{head} {}", ROMAN[n - 1]),
        _ => text.to_string(),
    }
}

/// Yes and no, as a cell writes them.
pub fn yes_no(value: bool) -> &'static str {
    match (lang(), value) {
        (Lang::En, true) => "yes",
        (Lang::En, false) => "no",
        (_, true) => "có",
        (_, false) => "không",
    }
}

/// A flag typed in a cell: `có`/`không`, `x`, `yes`/`no`, `true`/`false`, `1`/`0`.
pub fn flag(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "có" | "co" | "x" | "yes" | "y" | "true" | "1" | "đúng" => Some(true),
        "không" | "khong" | "no" | "n" | "false" | "0" | "sai" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fixed_value_has_a_label_unique_in_its_list() {
        let labels = shipped();
        for (codes, list) in &labels.values {
            let listed: Vec<&str> = list.iter().map(|(c, _, _)| *c).collect();
            assert_eq!(&listed, codes);
            for (code, vi, en) in list {
                assert_eq!(labels.value_code(codes, vi), Some(*code), "{vi}");
                assert_eq!(labels.value_code(codes, en), Some(*code), "{en}");
                assert_eq!(labels.value_code(codes, code), Some(*code));
            }
        }
        let model = crate::model::Model::shipped_ref();
        let codes = |list: &str| -> Vec<&'static str> {
            let list = &model.values[model.list(list).unwrap()];
            list.codes.iter().map(|c| &*Box::leak(c.clone().into_boxed_str())).collect()
        };
        assert_eq!(labels.value_code(&codes("close_reason"), " moved away "), Some("moved_away"));
        assert_eq!(labels.value_code(&codes("category"), "loại b"), Some("B"));
        assert_eq!(labels.value_code(&codes("category"), "C"), None);
        // A list typed in Arabic numerals (issue 33).
        for typed in ["Danh mục 3", "danh mục  3", "List 3", "3", "III"] {
            assert_eq!(labels.value_code(&codes("subject_list"), typed), Some("III"), "{typed}");
        }
        assert_eq!(labels.value_code(&codes("subject_list"), "Danh mục 9"), None);
    }

    #[test]
    fn the_shipped_sheets_are_the_models_collections_with_survey_reports_after_surveys() {
        let labels = shipped();
        let names: Vec<&str> = labels.sheets.iter().map(|s| s.collection).collect();
        assert_eq!(names[3..5], ["surveys", "survey_reports"]);
        assert_eq!(names.len(), 18);
        let reports = labels.sheet("survey_reports").unwrap();
        assert_eq!(reports.nested_in, Some(("surveys", "reports")));
        assert_eq!(reports.columns[0].key, "survey");
        assert_eq!(reports.columns[0].refers, Some("surveys"));
        let subjects = labels.sheet("subjects").unwrap();
        assert_eq!(subjects.column("origin.ref").map(|c| c.vi), Some("Mã nguồn"));
        assert!(subjects.column("informants").unwrap().many);
        assert_eq!(labels.id_example("cases", 3), "VA-003");
        assert_eq!(labels.id_example("file_reviews", 3), "03");
    }
}
