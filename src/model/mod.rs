//! The data model a rule pack declares (`rules/model.yaml`): which
//! collections a unit's file holds, their fields and kinds, the fixed values
//! a field may take, what refers to what, and the words a workbook and a
//! report show for each, in both languages. It is the pack's first file:
//! read before any rule, checked like one (`check`), and the one registry
//! of collections, fields and values.

mod check;
mod raw;
pub mod schema;

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::i18n::{Lang, Msg, lang, t};

pub use check::parse;

/// The file's name in a rules folder.
pub const FILE: &str = "model.yaml";

/// The JSON Schema of `model.yaml` (`chitieu schema --kind model`).
pub const SCHEMA: &str = include_str!("../../schema/model.schema.json");

/// The model shipped with chitieu, which a rules folder without its own
/// `model.yaml` (a rule test's scratch pack, an old pack) reads.
pub const SHIPPED: &str = include_str!("../../rules/model.yaml");

/// The largest model file read: a model is a few hundred lines.
pub(crate) const MAX_BYTES: u64 = 1 << 20;

/// The codes of a model file that cannot be read.
pub(crate) const CODES: crate::input::Codes =
    crate::input::Codes { io: "model::io", encoding: "model::encoding", too_large: "model::too-large" };

/// A word or phrase in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(deny_unknown_fields)]
pub struct Words {
    pub vi: String,
    pub en: String,
}

impl Words {
    /// The words in the run's language.
    pub fn get(&self) -> &str {
        self.of(lang())
    }

    pub fn of(&self, l: Lang) -> &str {
        if l == Lang::En { &self.en } else { &self.vi }
    }
}

/// A named list of fixed values (`close_reason`), each a code the data
/// writes and its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueList {
    pub name: String,
    pub codes: Vec<String>,
    pub labels: Vec<Words>,
    /// The codes as records hold them: one allocation each, shared by
    /// every record that takes the value.
    pub shared: Vec<std::sync::Arc<str>>,
}

impl ValueList {
    pub fn new(name: String, codes: Vec<String>, labels: Vec<Words>) -> ValueList {
        let shared = codes.iter().map(|c| std::sync::Arc::from(c.as_str())).collect();
        ValueList { name, codes, labels, shared }
    }

    /// The index of `code`, if the list holds it.
    pub fn code(&self, code: &str) -> Option<usize> {
        self.codes.iter().position(|c| c == code)
    }
}

/// What a field holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// The record's id, unique in its collection.
    Id,
    Text,
    /// A person's name: redacted wherever names are.
    PersonName,
    /// Yes or no.
    Flag,
    /// A whole number, within bounds when given.
    Count {
        min: Option<i64>,
        max: Option<i64>,
    },
    Date,
    /// A date and a time (`2024-03-05T09:30`).
    DateTime,
    /// One of a `values:` list (its index in the model).
    Value(usize),
    /// Several of a `values:` list.
    Values(usize),
    /// The id of a record of a collection (its index).
    Ref(usize),
    /// The ids of records of a collection.
    Refs(usize),
    /// A statistics period: a month, a week, a half or nine months, a year.
    Period,
    /// Records nested in each record (a survey's reports).
    Records(Box<Nested>),
    /// Where a record came from: a kind of a `values:` list, and for kinds
    /// that name a collection, the id of a record in it (`origin: { kind:
    /// survey, ref: DT01 }`).
    Origin(Link),
    /// The id of a record of the collection another field's value names
    /// (`prior_ref`, by `prior`).
    Link {
        by: usize,
        link: Link,
    },
}

/// Which collection each value of a list names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The `values:` list of the kinds.
    pub values: usize,
    /// (value index, collection index) for the values naming a collection.
    pub to: Vec<(usize, usize)>,
    /// The words of the id's column (an origin's).
    pub ref_label: Option<Words>,
}

impl Link {
    /// The collection the value `code` (an index in its list) names.
    pub fn target(&self, code: usize) -> Option<usize> {
        self.to.iter().find(|(v, _)| *v == code).map(|(_, c)| *c)
    }
}

/// Records nested in a field, and the sheet a workbook keeps them on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nested {
    /// The sheet's key (`survey_reports`).
    pub sheet: String,
    pub sheet_label: Words,
    /// The words of the column naming the record they belong to.
    pub parent: Words,
    pub fields: Vec<Field>,
}

/// A value a field takes when the data leaves it out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Default {
    Flag(bool),
    Count(i64),
    Text(String),
}

/// One field of a collection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub name: String,
    pub kind: Kind,
    pub required: bool,
    pub default: Option<Default>,
    pub label: Words,
    pub help: Option<Words>,
    pub example: Option<Words>,
}

/// One collection: a list of records in a unit's file and a sheet of a
/// workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collection {
    pub name: String,
    pub label: Words,
    /// The field holding the day a record starts (its index).
    pub start: Option<usize>,
    /// The field holding the day a record ends.
    pub end: Option<usize>,
    /// Fields known only when the record ends (a close reason); as of an
    /// earlier day they read as absent.
    pub end_fields: Vec<usize>,
    /// The province gives a unit a quota of these records.
    pub quota: bool,
    pub fields: Vec<Field>,
    /// The field of kind `id`, if records have one.
    pub id: Option<usize>,
}

impl Collection {
    /// The index of the field `name`.
    pub fn field(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.name == name)
    }

    /// Every field's name, in order.
    pub fn field_names(&self) -> Vec<&str> {
        self.fields.iter().map(|f| f.name.as_str()).collect()
    }

    /// An example id (`ST001`) the `n`th record could have: the id field's
    /// example with its number replaced.
    pub fn id_example(&self, n: usize) -> String {
        numbered_like(self.id_pattern(), n)
    }

    /// The example its id field gives (`ST001`), empty when none.
    pub fn id_pattern(&self) -> &str {
        self.id.and_then(|i| self.fields[i].example.as_ref()).map_or("", |w| w.vi.as_str())
    }
}

/// The key of a nested sheet's first column, naming the record of
/// `collection` each row belongs to: its name in the singular (`survey`).
pub fn parent_key(collection: &str) -> &str {
    collection.strip_suffix('s').unwrap_or(collection)
}

/// `n` written as `example` writes its number: `ST001` and 7 give `ST007`;
/// at least two digits.
pub fn numbered_like(example: &str, n: usize) -> String {
    let prefix = example.trim_end_matches(|c: char| c.is_ascii_digit());
    let width = (example.len() - prefix.len()).max(2);
    format!("{prefix}{n:0width$}")
}

/// The data model of a rule pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Model {
    pub values: Vec<ValueList>,
    pub collections: Vec<Collection>,
    /// SHA-256 of the file's bytes, for the audit and the cache key.
    pub sha256: String,
    /// The file it was read from, as shown.
    pub file: String,
}

impl Model {
    /// The index of the collection `name`.
    pub fn collection(&self, name: &str) -> Option<usize> {
        self.collections.iter().position(|c| c.name == name)
    }

    /// Every collection's name, in order.
    pub fn collection_names(&self) -> Vec<&str> {
        self.collections.iter().map(|c| c.name.as_str()).collect()
    }

    /// The index of the value list `name`.
    pub fn list(&self, name: &str) -> Option<usize> {
        self.values.iter().position(|l| l.name == name)
    }

    /// The model shipped with chitieu, read once.
    pub fn shipped_ref() -> &'static Model {
        static ONCE: std::sync::OnceLock<Model> = std::sync::OnceLock::new();
        ONCE.get_or_init(|| parse("rules/model.yaml", SHIPPED.to_string()).expect("the shipped model is valid"))
    }

    /// This model for the rest of the process, made the first time a process
    /// meets it (by its digest): records, rules and workbooks refer to its
    /// collections, fields and values for as long as they live. A run reads
    /// one or two models, a watch session one per edit.
    pub fn interned(&self) -> &'static Model {
        use std::collections::HashMap;
        use std::sync::{Mutex, OnceLock};
        static MADE: OnceLock<Mutex<HashMap<String, &'static Model>>> = OnceLock::new();
        let mut made = MADE.get_or_init(std::default::Default::default).lock().unwrap_or_else(|e| e.into_inner());
        made.entry(self.sha256.clone()).or_insert_with(|| Box::leak(Box::new(self.clone())))
    }

    /// A copy of the model shipped with chitieu.
    pub fn shipped() -> Model {
        Model::shipped_ref().clone()
    }
}

impl std::default::Default for Model {
    fn default() -> Self {
        Model::shipped()
    }
}

/// The model of the rules folder `dir`: its `model.yaml`, or the shipped
/// model when it has none; else its problems at their lines.
/// The model of the pack a command was given (`--rules` or the settings'
/// `rules:`), or of `rules/` when none was: a folder given that cannot be
/// read is an error, never the shipped model in its place. Without a
/// given folder and without `rules/`, the shipped model is the one.
pub fn of_pack(given: Option<&Path>) -> Result<Model, Vec<Diagnostic>> {
    match given {
        Some(dir) => match std::fs::read_dir(dir) {
            Ok(_) => load(dir),
            Err(e) => {
                let dir = crate::diagnostic::shown_path(dir);
                let d = Diagnostic::error("rule::io", t(Msg::CannotReadRules { dir: &dir, error: &e.to_string() }))
                    .help(t(Msg::RunFromRepo));
                Err(vec![d])
            }
        },
        None => load(Path::new("rules")),
    }
}

pub fn load(dir: &Path) -> Result<Model, Vec<Diagnostic>> {
    let path = dir.join(FILE);
    if !path.exists() {
        return Ok(Model::shipped());
    }
    let name = crate::diagnostic::shown_path(&path);
    let text = crate::input::read_text_file(&path, MAX_BYTES, CODES).map_err(|d| vec![d])?;
    parse(&name, text)
}

/// One way a model differs from another, as `diff` and the loader name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    AddedList(String),
    RemovedList(String),
    AddedValue(String, String),
    RemovedValue(String, String),
    /// A value's words (list, code).
    ValueWords(String, String),
    AddedCollection(String),
    RemovedCollection(String),
    /// Its start, end or end-only fields.
    CollectionChanged(String),
    /// Its words only.
    CollectionWords(String),
    AddedField(String, String),
    RemovedField(String, String),
    /// Its kind, whether required, its default or nested fields.
    FieldChanged(String, String),
    /// Its words only (label, help, example, an id column's or nested
    /// sheet's words).
    FieldWords(String, String),
}

impl Change {
    /// The keys leading to what changed, as the model file nests them
    /// (`close_reason`, then `rehabilitated`).
    pub fn keys(&self) -> Vec<&str> {
        match self {
            Change::AddedList(n) | Change::RemovedList(n) => vec![n],
            Change::AddedCollection(n)
            | Change::RemovedCollection(n)
            | Change::CollectionChanged(n)
            | Change::CollectionWords(n) => vec![n],
            Change::AddedValue(l, k) | Change::RemovedValue(l, k) | Change::ValueWords(l, k) => vec![l, k],
            Change::AddedField(c, k)
            | Change::RemovedField(c, k)
            | Change::FieldChanged(c, k)
            | Change::FieldWords(c, k) => vec![c, k],
        }
    }

    /// The change as data: what kind of change, and the keys it is about
    /// (`added_field`, `officers`, `nvcb_account`), for JSON.
    pub fn code(&self) -> &'static str {
        match self {
            Change::AddedList(_) => "added_list",
            Change::RemovedList(_) => "removed_list",
            Change::AddedValue(..) => "added_value",
            Change::RemovedValue(..) => "removed_value",
            Change::ValueWords(..) => "changed_value",
            Change::AddedCollection(_) => "added_collection",
            Change::RemovedCollection(_) => "removed_collection",
            Change::CollectionChanged(_) => "changed_collection",
            Change::CollectionWords(_) => "changed_collection_words",
            Change::AddedField(..) => "added_field",
            Change::RemovedField(..) => "removed_field",
            Change::FieldChanged(..) => "changed_field",
            Change::FieldWords(..) => "changed_field_words",
        }
    }

    /// Whether only words change: what a workbook, a message or a report
    /// shows, never what a record holds.
    pub fn is_words(&self) -> bool {
        matches!(self, Change::ValueWords(..) | Change::CollectionWords(_) | Change::FieldWords(..))
    }

    /// The change in the run's language.
    pub fn describe(&self) -> String {
        use crate::i18n::{Msg, t};
        let what = |a: &str, b: &str| format!("`{a}.{b}`");
        match self {
            Change::AddedList(n) => t(Msg::ModelAdds { what: &format!("`{n}`") }),
            Change::RemovedList(n) => t(Msg::ModelRemoves { what: &format!("`{n}`") }),
            Change::AddedValue(l, c) => t(Msg::ModelAdds { what: &what(l, c) }),
            Change::RemovedValue(l, c) => t(Msg::ModelRemoves { what: &what(l, c) }),
            Change::ValueWords(l, c) => t(Msg::ModelChangesWords { what: &what(l, c) }),
            Change::AddedCollection(n) => t(Msg::ModelAdds { what: &format!("`{n}`") }),
            Change::RemovedCollection(n) => t(Msg::ModelRemoves { what: &format!("`{n}`") }),
            Change::CollectionChanged(n) => t(Msg::ModelChanges { what: &format!("`{n}`") }),
            Change::CollectionWords(n) => t(Msg::ModelChangesWords { what: &format!("`{n}`") }),
            Change::AddedField(c, f) => t(Msg::ModelAdds { what: &what(c, f) }),
            Change::RemovedField(c, f) => t(Msg::ModelRemoves { what: &what(c, f) }),
            Change::FieldChanged(c, f) => t(Msg::ModelChanges { what: &what(c, f) }),
            Change::FieldWords(c, f) => t(Msg::ModelChangesWords { what: &what(c, f) }),
        }
    }
}

/// What a field holds, as text that compares by the names it refers to
/// (lists, collections, fields), never by their positions: two models
/// differ here exactly when a record read by one may not be read by the
/// other. An origin's id column is part of it (a workbook has it or not).
fn structure(m: &Model, fields: &[Field], f: &Field) -> String {
    let coll = |i: usize| m.collections.get(i).map_or("?", |c| c.name.as_str());
    let list = |i: usize| m.values.get(i).map_or("?", |l| l.name.as_str());
    let link = |l: &Link| {
        let code = |v: usize| m.values.get(l.values).and_then(|list| list.codes.get(v)).map_or("?", String::as_str);
        let to: Vec<String> = l.to.iter().map(|(v, c)| format!("{}:{}", code(*v), coll(*c))).collect();
        format!("{} {} {}", list(l.values), to.join(","), l.ref_label.is_some())
    };
    let kind = match &f.kind {
        Kind::Value(l) => format!("value {}", list(*l)),
        Kind::Values(l) => format!("values {}", list(*l)),
        Kind::Ref(c) => format!("ref {}", coll(*c)),
        Kind::Refs(c) => format!("refs {}", coll(*c)),
        Kind::Origin(l) => format!("origin {}", link(l)),
        Kind::Link { by, link: l } => {
            format!("link {} {}", fields.get(*by).map_or("?", |f| f.name.as_str()), link(l))
        }
        Kind::Records(n) => {
            let inner: Vec<String> =
                n.fields.iter().map(|f| format!("{}:{}", f.name, structure(m, &n.fields, f))).collect();
            format!("records {} [{}]", n.sheet, inner.join(", "))
        }
        other => format!("{other:?}"),
    };
    format!("{kind} {} {:?}", f.required, f.default)
}

impl Model {
    /// How this model differs from `base`: lists, values, collections and
    /// fields added, removed or changed, in the order the files write them.
    pub fn changes_from(&self, base: &Model) -> Vec<Change> {
        let mut changes = Vec::new();
        for list in &self.values {
            match base.list(&list.name).map(|i| &base.values[i]) {
                None => changes.push(Change::AddedList(list.name.clone())),
                Some(old) => {
                    for (code, words) in list.codes.iter().zip(&list.labels) {
                        match old.code(code) {
                            None => changes.push(Change::AddedValue(list.name.clone(), code.clone())),
                            Some(i) if old.labels[i] != *words => {
                                changes.push(Change::ValueWords(list.name.clone(), code.clone()))
                            }
                            Some(_) => {}
                        }
                    }
                    for code in old.codes.iter().filter(|c| list.code(c).is_none()) {
                        changes.push(Change::RemovedValue(list.name.clone(), code.clone()));
                    }
                }
            }
        }
        for old in base.values.iter().filter(|l| self.list(&l.name).is_none()) {
            changes.push(Change::RemovedList(old.name.clone()));
        }
        let field_text = |m: &Model, fields: &[Field], f: &Field| structure(m, fields, f);
        let field_words = |f: &Field| {
            let inner = match &f.kind {
                Kind::Origin(l) => format!("{:?}", l.ref_label),
                Kind::Records(n) => {
                    let labels: Vec<String> =
                        n.fields.iter().map(|f| format!("{:?}{:?}{:?}", f.label, f.help, f.example)).collect();
                    format!("{:?} {:?} {}", n.sheet_label, n.parent, labels.join(","))
                }
                _ => String::new(),
            };
            format!("{:?} {:?} {:?} {inner}", f.label, f.help, f.example)
        };
        for c in &self.collections {
            let Some(old) = base.collection(&c.name).map(|i| &base.collections[i]) else {
                changes.push(Change::AddedCollection(c.name.clone()));
                continue;
            };
            let name_of = |c: &Collection, i: Option<usize>| i.map(|i| c.fields[i].name.clone());
            let ends = |c: &Collection| c.end_fields.iter().map(|&i| c.fields[i].name.clone()).collect::<Vec<_>>();
            if name_of(c, c.start) != name_of(old, old.start)
                || name_of(c, c.end) != name_of(old, old.end)
                || ends(c) != ends(old)
                || c.quota != old.quota
            {
                changes.push(Change::CollectionChanged(c.name.clone()));
            } else if c.label != old.label {
                changes.push(Change::CollectionWords(c.name.clone()));
            }
            for f in &c.fields {
                match old.field(&f.name).map(|i| &old.fields[i]) {
                    None => changes.push(Change::AddedField(c.name.clone(), f.name.clone())),
                    Some(o) if field_text(self, &c.fields, f) != field_text(base, &old.fields, o) => {
                        changes.push(Change::FieldChanged(c.name.clone(), f.name.clone()))
                    }
                    Some(o) if field_words(f) != field_words(o) => {
                        changes.push(Change::FieldWords(c.name.clone(), f.name.clone()))
                    }
                    Some(_) => {}
                }
            }
            for o in old.fields.iter().filter(|o| c.field(&o.name).is_none()) {
                changes.push(Change::RemovedField(c.name.clone(), o.name.clone()));
            }
        }
        for old in base.collections.iter().filter(|c| self.collection(&c.name).is_none()) {
            changes.push(Change::RemovedCollection(old.name.clone()));
        }
        changes
    }
}

#[cfg(test)]
mod shipped {
    //! The shipped `model.yaml` is the plan's model: its collections, and
    //! what refers to what, as the checks of references read them.

    use super::*;

    #[test]
    fn the_shipped_model_has_the_plans_collections_and_references() {
        let model = Model::shipped();
        assert_eq!(
            model.collection_names(),
            [
                "officers",
                "communes",
                "key_areas",
                "surveys",
                "hotspots",
                "missed_detections",
                "subjects",
                "suspicions",
                "operations",
                "informants",
                "personas",
                "arrests",
                "cases",
                "inspections",
                "file_reviews",
                "reports",
                "trainings",
            ]
        );
        // What the checks of references read: each `ref` and `refs`.
        let mut refs = Vec::new();
        for c in &model.collections {
            for f in &c.fields {
                if let Kind::Ref(t) | Kind::Refs(t) = f.kind {
                    refs.push(format!("{}.{}>{}", c.name, f.name, model.collections[t].name));
                }
            }
        }
        assert_eq!(
            refs,
            [
                "surveys.covers>key_areas",
                "surveys.manager>officers",
                "missed_detections.key_area>key_areas",
                "subjects.officer>officers",
                "subjects.informants>informants",
                "suspicions.officer>officers",
                "informants.handler>officers",
                "personas.handler>officers",
                "inspections.commune>communes",
                "inspections.by>officers",
                "file_reviews.reviewer>officers",
                "file_reviews.reviewed>officers",
                "trainings.attendees>officers",
            ]
        );
    }
}
