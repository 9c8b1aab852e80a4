//! `model.yaml` resolved into a [`Model`], checked as a rule is: every
//! problem found at once, each at its line, with the nearest name when a
//! name is unknown.

use std::collections::HashMap;
use std::sync::Arc;

use indexmap::IndexMap;
use serde_saphyr::{Location, Spanned};

use super::raw;
use super::{Collection, Default, Field, Kind, Link, Model, Nested, ValueList, Words};
use crate::diagnostic::{Diagnostic, SourceFile, closest, did_you_mean, value_span};
use crate::i18n::{Msg, t};

/// Every field kind a model can name.
pub const KINDS: &[&str] = &[
    "id",
    "text",
    "person_name",
    "flag",
    "count",
    "date",
    "datetime",
    "value",
    "values",
    "ref",
    "refs",
    "period",
    "records",
    "origin",
    "link",
];

/// The unit file's header keys: no collection may take their name.
const RESERVED: &[&str] = &["unit", "period", "as_of", "baseline", "quotas"];

/// Bounds a hostile model cannot pass.
const MAX_LISTS: usize = 500;
const MAX_VALUES: usize = 1_000;
const MAX_COLLECTIONS: usize = 200;
const MAX_FIELDS: usize = 200;
const MAX_NODES: usize = 200_000;

/// The sheets a workbook always has, whose names no collection may take.
const FIXED_SHEETS: &[(&str, &str)] =
    &[("Đơn vị", "Unit"), ("Hướng dẫn", "Instructions"), ("Danh mục giá trị", "Value lists")];

/// Parses and checks a model file's text; `name` is what diagnostics call it.
pub fn parse(name: &str, text: String) -> Result<Model, Vec<Diagnostic>> {
    let sha256 = crate::audit::sha256_hex(text.as_bytes());
    let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
    let source = SourceFile::new(name, text);
    let options = crate::settings::hand_written_yaml_nested(MAX_NODES, 16);
    let file: raw::File = serde_saphyr::from_str_with_options(&source.text, options).map_err(|e| {
        vec![crate::dataset::load::hand_written_problem(&source, &e, "model::invalid", t(Msg::ModelKeys))]
    })?;
    let mut c = Checker { source: &source, problems: Vec::new() };
    let model = c.model(file, sha256, name);
    if c.problems.is_empty() { Ok(model) } else { Err(c.problems) }
}

struct Checker<'a> {
    source: &'a Arc<SourceFile>,
    problems: Vec<Diagnostic>,
}

fn is_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

impl Checker<'_> {
    fn problem(&mut self, at: Location, code: &'static str, message: String, help: Option<String>) {
        let mut d = Diagnostic::error(code, message).in_file(self.source);
        if at.line() > 0 {
            let offset = self.source.offset(at.line() as usize, at.column() as usize);
            d = d.label(value_span(&self.source.text, offset), t(Msg::LabelHere));
        }
        if let Some(help) = help {
            d = d.help(help);
        }
        self.problems.push(d);
    }

    fn words(&mut self, words: Option<&Spanned<raw::Words>>, at: Location, what: &str) -> Words {
        let (vi, en, at) = match words {
            Some(w) => (w.value.vi.clone(), w.value.en.clone(), w.referenced),
            None => (None, None, at),
        };
        let blank = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
        for (missing, language) in [(blank(&vi), "vi"), (blank(&en), "en")] {
            if missing {
                let language = format!("`{language}`");
                self.problem(
                    at,
                    "model::label",
                    t(Msg::ModelLabelMissing { what, language: &language }),
                    Some(t(Msg::ModelLabelHelp)),
                );
            }
        }
        Words { vi: vi.unwrap_or_default(), en: en.unwrap_or_default() }
    }

    fn too_many(&mut self, at: Location, what: &str, count: usize, max: usize) -> bool {
        if count > max {
            self.problem(at, "model::limit", t(Msg::ModelTooMany { what, count, max }), None);
        }
        count > max
    }

    fn name(&mut self, at: Location, name: &str) {
        if !is_name(name) {
            self.problem(at, "model::name", t(Msg::ModelBadName { name }), None);
        }
    }

    fn model(&mut self, file: raw::File, sha256: String, name: &str) -> Model {
        let top = Location::UNKNOWN;
        let mut values = Vec::new();
        if !self.too_many(top, "values", file.values.len(), MAX_LISTS) {
            for (list, codes) in &file.values {
                self.name(codes.referenced, list);
                if codes.value.is_empty() {
                    self.problem(codes.referenced, "model::values", t(Msg::ModelEmptyList { name: list }), None);
                }
                if self.too_many(codes.referenced, list, codes.value.len(), MAX_VALUES) {
                    // Kept, empty, so that what names it still finds it.
                    values.push(ValueList::new(list.clone(), Vec::new(), Vec::new()));
                    continue;
                }
                let mut labels = Vec::new();
                // Each label (in either language, as a cell is read) by the
                // code it names: two codes may not share one.
                let mut seen: HashMap<String, &str> = HashMap::new();
                for (code, words) in &codes.value {
                    let what = format!("`{list}.{code}`");
                    let w = self.words(Some(words), words.referenced, &what);
                    for label in [&w.vi, &w.en] {
                        let key = crate::diagnostic::nfc(label.to_lowercase())
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" ");
                        if key.is_empty() {
                            continue;
                        }
                        match seen.insert(key, code) {
                            Some(other) if other != code => self.problem(
                                words.referenced,
                                "model::duplicate-label",
                                t(Msg::ModelDuplicateValueLabel { list, label }),
                                None,
                            ),
                            _ => {}
                        }
                    }
                    labels.push(w);
                }
                values.push(ValueList::new(list.clone(), codes.value.keys().cloned().collect(), labels));
            }
        }
        // The lists as read (none when there were too many), so that an
        // index into one is an index into the other.
        let lists: Vec<&str> = values.iter().map(|l: &ValueList| l.name.as_str()).collect();
        let names: Vec<&str> = file.collections.keys().map(String::as_str).collect();
        let mut collections = Vec::new();
        if !self.too_many(top, "collections", names.len(), MAX_COLLECTIONS) {
            for (cname, raw) in &file.collections {
                let at = raw.referenced;
                self.name(at, cname);
                if RESERVED.contains(&cname.as_str()) {
                    self.problem(at, "model::name", t(Msg::ModelReserved { name: cname }), None);
                }
                let label = self.words(raw.value.label.as_ref(), at, &format!("`{cname}`"));
                if self.too_many(at, cname, raw.value.fields.len(), MAX_FIELDS) {
                    continue;
                }
                let scope = Scope { lists: &lists, values: &values, collections: &names };
                let fields = self.fields(&raw.value.fields, cname, &scope, 0);
                let ids: Vec<usize> =
                    fields.iter().enumerate().filter(|(_, f)| f.kind == Kind::Id).map(|(i, _)| i).collect();
                if ids.len() > 1 {
                    self.problem(at, "model::id", t(Msg::ModelTwoIds { collection: cname }), None);
                }
                let field_names: Vec<&str> = raw.value.fields.keys().map(String::as_str).collect();
                let named = |c: &mut Self, f: &Spanned<String>, date: bool| -> Option<usize> {
                    let Some(i) = field_names.iter().position(|n| *n == f.value) else {
                        let near = closest(&f.value, &field_names);
                        let fields = t(Msg::FieldsAre { fields: &field_names.join(", ") });
                        c.problem(
                            f.referenced,
                            "model::unknown-field",
                            t(Msg::NoField { collection: cname, field: &f.value }),
                            Some(did_you_mean(near, &fields)),
                        );
                        return None;
                    };
                    if date && !matches!(fields.get(i).map(|f| &f.kind), Some(Kind::Date | Kind::DateTime)) {
                        c.problem(
                            f.referenced,
                            "model::not-a-date",
                            t(Msg::ModelNotADate { collection: cname, field: &f.value }),
                            None,
                        );
                    }
                    Some(i)
                };
                let start = raw.value.start.as_ref().and_then(|f| named(self, f, true));
                let end = raw.value.end.as_ref().and_then(|f| named(self, f, true));
                let end_fields: Vec<usize> =
                    raw.value.end_fields.iter().filter_map(|f| named(self, f, false)).collect();
                // Known only when the record ends: a field a record may leave
                // out, of a kind that can be absent (never a flag or a list).
                for (&i, written) in end_fields.iter().zip(&raw.value.end_fields) {
                    let Some(f) = fields.get(i) else { continue };
                    let listed =
                        matches!(f.kind, Kind::Id | Kind::Flag | Kind::Refs(_) | Kind::Values(_) | Kind::Records(_));
                    if listed || f.required {
                        self.end_field(written, cname);
                    }
                }
                let collection = Collection {
                    name: cname.clone(),
                    label,
                    start,
                    end,
                    end_fields,
                    quota: raw.value.quota,
                    id: ids.first().copied(),
                    fields,
                };
                let places: Vec<Location> = raw.value.fields.values().map(|f| f.referenced).collect();
                self.columns(&collection, at, &places);
                collections.push(collection);
            }
        }
        let model = Model { values, collections, sha256, file: name.to_string() };
        self.sheets(&model, &file);
        model
    }

    fn fields(
        &mut self,
        raw: &IndexMap<String, Spanned<raw::Field>>,
        collection: &str,
        scope: &Scope<'_>,
        depth: usize,
    ) -> Vec<Field> {
        let names: Vec<&str> = raw.keys().map(String::as_str).collect();
        let mut fields = Vec::new();
        for (name, f) in raw {
            self.name(f.referenced, name);
            let what = format!("`{collection}.{name}`");
            let label = self.words(f.value.label.as_ref(), f.referenced, &what);
            let help = f.value.help.as_ref().map(|h| self.words(Some(h), h.referenced, &what));
            let example = f.value.example.as_ref().map(|e| match &e.value {
                raw::Example::Same(s) => Words { vi: s.clone(), en: s.clone() },
                raw::Example::Both(w) => Words {
                    vi: w.vi.clone().unwrap_or_default(),
                    en: w.en.clone().or_else(|| w.vi.clone()).unwrap_or_default(),
                },
            });
            let kind = self.kind(f, collection, name, &names, raw, scope, depth);
            let default =
                f.value.default.as_ref().and_then(|d| self.default(d, name, &kind, scope, &f.value.kind.value));
            fields.push(Field {
                name: name.clone(),
                kind: kind.unwrap_or(Kind::Text),
                required: f.value.required,
                default,
                label,
                help,
                example,
            });
        }
        fields
    }

    fn default(
        &mut self,
        d: &Spanned<raw::Scalar>,
        field: &str,
        kind: &Option<Kind>,
        scope: &Scope<'_>,
        kind_name: &str,
    ) -> Option<Default> {
        let fits = match (&d.value, kind) {
            (raw::Scalar::Flag(b), Some(Kind::Flag)) => Some(Default::Flag(*b)),
            (raw::Scalar::Count(n), Some(Kind::Count { min, max }))
                if min.is_none_or(|m| *n >= m) && max.is_none_or(|m| *n <= m) =>
            {
                Some(Default::Count(*n))
            }
            (raw::Scalar::Text(s), Some(Kind::Text)) => Some(Default::Text(s.clone())),
            (raw::Scalar::Text(s), Some(Kind::Value(list))) if scope.values[*list].code(s).is_some() => {
                Some(Default::Text(s.clone()))
            }
            (_, None) => return None,
            _ => None,
        };
        if fits.is_none() {
            self.problem(d.referenced, "model::default", t(Msg::ModelBadDefault { field, kind: kind_name }), None);
        }
        fits
    }

    /// An end-only field that a record could not leave out.
    fn end_field(&mut self, written: &Spanned<String>, collection: &str) {
        let message = t(Msg::ModelEndField { collection, field: &written.value });
        self.problem(written.referenced, "model::end-field", message, None);
    }

    #[allow(clippy::too_many_arguments)]
    fn kind(
        &mut self,
        f: &Spanned<raw::Field>,
        collection: &str,
        name: &str,
        siblings: &[&str],
        raw: &IndexMap<String, Spanned<raw::Field>>,
        scope: &Scope<'_>,
        depth: usize,
    ) -> Option<Kind> {
        let r = &f.value;
        let kind = r.kind.value.as_str();
        if !KINDS.contains(&kind) {
            let near = closest(kind, KINDS);
            let kinds = t(Msg::ModelKindsAre { kinds: &KINDS.join(", ") });
            self.problem(
                r.kind.referenced,
                "model::unknown-kind",
                t(Msg::ModelUnknownKind { kind }),
                Some(did_you_mean(near, &kinds)),
            );
            return None;
        }
        // Which options the kind takes; any other written is a slip.
        let takes: &[&str] = match kind {
            "count" => &["min", "max"],
            "value" | "values" => &["values"],
            "ref" | "refs" => &["to"],
            "records" => &["fields", "sheet", "parent"],
            "origin" => &["values", "to", "ref_label"],
            "link" => &["by", "to"],
            _ => &[],
        };
        let written = [
            ("values", r.values.as_ref().map(|v| v.referenced)),
            ("to", r.to.as_ref().map(|v| v.referenced)),
            ("by", r.by.as_ref().map(|v| v.referenced)),
            ("min", r.min.map(|_| f.referenced)),
            ("max", r.max.map(|_| f.referenced)),
            ("fields", r.fields.as_ref().map(|_| f.referenced)),
            ("sheet", r.sheet.as_ref().map(|s| s.label.referenced)),
            ("parent", r.parent.as_ref().map(|v| v.referenced)),
            ("ref_label", r.ref_label.as_ref().map(|v| v.referenced)),
        ];
        let mut ok = true;
        for (option, at) in written {
            if let Some(at) = at
                && !takes.contains(&option)
            {
                let options = if takes.is_empty() { "—".to_string() } else { takes.join(", ") };
                self.problem(
                    at,
                    "model::option",
                    t(Msg::ModelOption { option, kind }),
                    Some(t(Msg::ModelOptionHelp { kind, options: &options })),
                );
                ok = false;
            }
        }
        let needs = |c: &mut Self, option: &str| {
            c.problem(r.kind.referenced, "model::option", t(Msg::ModelNeedsOption { kind, option }), None);
        };
        let list = |c: &mut Self| -> Option<usize> {
            let Some(v) = &r.values else {
                needs(c, "values");
                return None;
            };
            let found = scope.lists.iter().position(|l| *l == v.value);
            if found.is_none() {
                let near = closest(&v.value, scope.lists);
                let lists = t(Msg::ModelListsAre { names: &scope.lists.join(", ") });
                c.problem(
                    v.referenced,
                    "model::unknown-values",
                    t(Msg::ModelNoList { name: &v.value }),
                    Some(did_you_mean(near, &lists)),
                );
            }
            found.filter(|i| *i < scope.values.len())
        };
        let collection_named = |c: &mut Self, name: &str, at: Location| -> Option<usize> {
            let found = scope.collections.iter().position(|n| *n == name);
            if found.is_none() {
                let near = closest(name, scope.collections);
                let known = t(Msg::CollectionsAre { names: &scope.collections.join(", ") });
                c.problem(
                    at,
                    "model::unknown-collection",
                    t(Msg::NoCollection { name }),
                    Some(did_you_mean(near, &known)),
                );
            }
            found
        };
        let by_value = |c: &mut Self, values: usize| -> Option<Vec<(usize, usize)>> {
            let to = r.to.as_ref()?;
            let raw::To::ByValue(map) = &to.value else {
                c.problem(to.referenced, "model::option", t(Msg::ModelNeedsOption { kind, option: "to" }), None);
                return None;
            };
            let mut pairs = Vec::new();
            for (code, target) in map {
                let list = &scope.values[values];
                match list.code(code) {
                    Some(v) => {
                        if let Some(coll) = collection_named(c, target, to.referenced) {
                            pairs.push((v, coll));
                        }
                    }
                    None => {
                        let codes: Vec<&str> = list.codes.iter().map(String::as_str).collect();
                        let near = closest(code, &codes);
                        let values = t(Msg::ItsValuesAre { values: &codes.join(", ") });
                        c.problem(
                            to.referenced,
                            "model::unknown-value",
                            t(Msg::ModelNoCode { list: &list.name, code }),
                            Some(did_you_mean(near, &values)),
                        );
                    }
                }
            }
            Some(pairs)
        };
        // Nested records are read from their parent's: no id, origin or link
        // of their own.
        if depth > 0 && matches!(kind, "id" | "origin" | "link") {
            self.problem(r.kind.referenced, "model::nested", t(Msg::ModelNestedKind { kind }), None);
            return None;
        }
        let resolved = match kind {
            "id" => Some(Kind::Id),
            "text" => Some(Kind::Text),
            "person_name" => Some(Kind::PersonName),
            "flag" => Some(Kind::Flag),
            "count" => {
                if let (Some(min), Some(max)) = (r.min, r.max)
                    && min > max
                {
                    let (min, max) = (min.to_string(), max.to_string());
                    self.problem(
                        f.referenced,
                        "model::bounds",
                        t(Msg::ModelBounds { field: name, min: &min, max: &max }),
                        None,
                    );
                }
                Some(Kind::Count { min: r.min, max: r.max })
            }
            "date" => Some(Kind::Date),
            "datetime" => Some(Kind::DateTime),
            "period" => Some(Kind::Period),
            "value" => list(self).map(Kind::Value),
            "values" => list(self).map(Kind::Values),
            "ref" | "refs" => match &r.to {
                None => {
                    needs(self, "to");
                    None
                }
                Some(to) => match &to.value {
                    raw::To::One(name) => collection_named(self, name, to.referenced)
                        .map(|c| if kind == "ref" { Kind::Ref(c) } else { Kind::Refs(c) }),
                    raw::To::ByValue(_) => {
                        needs(self, "to");
                        None
                    }
                },
            },
            "origin" => {
                let values = list(self);
                if r.to.is_none() {
                    needs(self, "to");
                }
                let ref_label = r
                    .ref_label
                    .as_ref()
                    .map(|w| self.words(Some(w), w.referenced, &format!("`{collection}.{name}.ref`")));
                values.and_then(|values| by_value(self, values).map(|to| Kind::Origin(Link { values, to, ref_label })))
            }
            "link" => {
                let by = match &r.by {
                    None => {
                        needs(self, "by");
                        None
                    }
                    Some(by) => {
                        let i = siblings.iter().position(|s| *s == by.value);
                        let list = i
                            .and_then(|i| raw[i].value.values.as_ref())
                            .and_then(|v| scope.lists.iter().position(|l| *l == v.value));
                        let is_value = i.is_some_and(|i| raw[i].value.kind.value == "value");
                        match (i, list) {
                            (Some(i), Some(list)) if is_value => Some((i, list)),
                            _ => {
                                self.problem(
                                    by.referenced,
                                    "model::link",
                                    t(Msg::ModelLinkBy { field: &by.value }),
                                    None,
                                );
                                None
                            }
                        }
                    }
                };
                if r.to.is_none() {
                    needs(self, "to");
                }
                by.and_then(|(by, values)| {
                    by_value(self, values).map(|to| Kind::Link { by, link: Link { values, to, ref_label: None } })
                })
            }
            "records" => {
                if depth > 0 {
                    self.problem(r.kind.referenced, "model::nested", t(Msg::ModelNested), None);
                    return None;
                }
                // The sheet's first column names the record each row is of.
                let parent_key = super::parent_key(collection);
                if let Some((_, taken)) = r.fields.iter().flatten().find(|(n, _)| *n == parent_key) {
                    let message = t(Msg::ModelParentKey { field: parent_key, collection });
                    self.problem(taken.referenced, "model::name", message, None);
                }
                let (Some(fields), Some(sheet)) = (&r.fields, &r.sheet) else {
                    needs(self, if r.fields.is_none() { "fields" } else { "sheet" });
                    return None;
                };
                if self.too_many(f.referenced, name, fields.len(), MAX_FIELDS) {
                    return None;
                }
                self.name(sheet.label.referenced, &sheet.name);
                let sheet_label =
                    self.words(Some(&sheet.label), sheet.label.referenced, &format!("`{collection}.{name}`"));
                let parent = self.words(r.parent.as_ref(), f.referenced, &format!("`{collection}.{name}.parent`"));
                let fields = self.fields(fields, &format!("{collection}.{name}"), scope, depth + 1);
                Some(Kind::Records(Box::new(Nested { sheet: sheet.name.clone(), sheet_label, parent, fields })))
            }
            _ => None,
        };
        if ok { resolved } else { None }
    }

    /// No two columns of one sheet share a label in either language: a
    /// workbook's header row is read back by label.
    fn columns(&mut self, c: &Collection, at: Location, places: &[Location]) {
        type Columns = Vec<(String, Words, Location)>;
        let mut sheets: Vec<(Words, Columns)> = vec![(c.label.clone(), Vec::new())];
        for (i, f) in c.fields.iter().enumerate() {
            let place = places.get(i).copied().unwrap_or(at);
            match &f.kind {
                Kind::Records(n) => {
                    let mut cols = vec![(c.name.clone(), n.parent.clone(), place)];
                    cols.extend(n.fields.iter().map(|f| (f.name.clone(), f.label.clone(), place)));
                    sheets.push((n.sheet_label.clone(), cols));
                }
                Kind::Origin(link) => {
                    sheets[0].1.push((format!("{}.kind", f.name), f.label.clone(), place));
                    if let Some(r) = &link.ref_label {
                        sheets[0].1.push((format!("{}.ref", f.name), r.clone(), place));
                    }
                }
                _ => sheets[0].1.push((f.name.clone(), f.label.clone(), place)),
            }
        }
        for (sheet, columns) in sheets {
            for lang in [crate::i18n::Lang::Vi, crate::i18n::Lang::En] {
                let mut seen: HashMap<String, &str> = HashMap::new();
                for (key, words, at) in &columns {
                    let at = *at;
                    let label = words.of(lang);
                    if label.is_empty() {
                        continue;
                    }
                    if let Some(first) = seen.insert(label.trim().to_lowercase(), key) {
                        let message = t(Msg::ModelDuplicateLabel { sheet: sheet.of(lang), label, first, second: key });
                        self.problem(at, "model::duplicate-label", message, Some(t(Msg::ModelDuplicateLabelHelp)));
                    }
                }
            }
        }
    }

    /// Every sheet's name fits a workbook and is its own.
    fn sheets(&mut self, model: &Model, file: &raw::File) {
        let mut all: Vec<(String, Words, Location)> = FIXED_SHEETS
            .iter()
            .map(|(vi, en)| (String::new(), Words { vi: vi.to_string(), en: en.to_string() }, Location::UNKNOWN))
            .collect();
        for c in &model.collections {
            let at = file.collections.get(&c.name).map_or(Location::UNKNOWN, |r| r.referenced);
            all.push((c.name.clone(), c.label.clone(), at));
            for f in &c.fields {
                if let Kind::Records(n) = &f.kind {
                    all.push((n.sheet.clone(), n.sheet_label.clone(), at));
                }
            }
        }
        for lang in [crate::i18n::Lang::Vi, crate::i18n::Lang::En] {
            let mut seen: HashMap<String, String> = HashMap::new();
            for (key, words, at) in &all {
                let label = words.of(lang);
                if label.is_empty() {
                    continue;
                }
                if label.chars().count() > 31 || label.contains(['[', ']', ':', '*', '?', '/', '\\']) {
                    self.problem(*at, "model::sheet-name", t(Msg::ModelSheetName { label }), None);
                }
                if let Some(first) = seen.insert(label.trim().to_lowercase(), key.clone()) {
                    // A built-in sheet by its name, a collection by its key.
                    let first = if first.is_empty() { format!("\"{label}\"") } else { format!("`{first}`") };
                    self.problem(
                        *at,
                        "model::duplicate-label",
                        t(Msg::ModelDuplicateSheet { label, first: &first, second: key }),
                        None,
                    );
                }
            }
        }
    }
}

/// What a field may name: lists and collections, by name.
struct Scope<'a> {
    lists: &'a [&'a str],
    values: &'a [ValueList],
    collections: &'a [&'a str],
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        crate::i18n::with(crate::i18n::Lang::En, || match parse("model.yaml", text.to_string()) {
            Ok(_) => Vec::new(),
            Err(p) => p.iter().map(|d| format!("{} {}", d.code, d.message)).collect(),
        })
    }

    const BASE: &str = "values:\n  category:\n    A: { vi: Loại A, en: Category A }\ncollections:\n";

    #[test]
    fn the_shipped_model_reads() {
        let model = Model::shipped();
        assert_eq!(model.collections.len(), 17);
        let subjects = &model.collections[model.collection("subjects").unwrap()];
        assert_eq!(subjects.fields[subjects.start.unwrap()].name, "opened");
        assert_eq!(subjects.fields[subjects.end.unwrap()].name, "closed");
        assert_eq!(
            subjects.end_fields.iter().map(|&i| subjects.fields[i].name.as_str()).collect::<Vec<_>>(),
            ["close_reason"]
        );
        assert_eq!(subjects.id_example(7), "ST007");
    }

    #[test]
    fn an_unknown_kind_is_an_error_with_the_nearest() {
        let text = format!(
            "{BASE}  officers:\n    label: {{ vi: Cán bộ, en: Officers }}\n    fields:\n      id: {{ kind: idd, label: {{ vi: Mã, en: Id }} }}\n"
        );
        let p = problems(&text);
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].starts_with("model::unknown-kind there is no field kind `idd`"), "{p:?}");
    }

    #[test]
    fn a_ref_to_a_missing_collection_and_a_missing_list_are_errors() {
        let text = format!(
            "{BASE}  subjects:\n    label: {{ vi: ST, en: Subjects }}\n    fields:\n      officer: {{ kind: ref, to: oficers, label: {{ vi: CB, en: Officer }} }}\n      category: {{ kind: value, values: categry, label: {{ vi: Loại, en: Category }} }}\n"
        );
        let p = problems(&text);
        assert_eq!(
            p,
            [
                "model::unknown-collection no collection `oficers`",
                "model::unknown-values there is no list of values `categry`"
            ]
        );
    }

    #[test]
    fn a_start_that_is_not_a_date_and_a_missing_label_are_errors() {
        let text = format!(
            "{BASE}  subjects:\n    label: {{ vi: ST }}\n    start: name\n    fields:\n      name: {{ kind: text, label: {{ vi: Tên, en: Name }} }}\n"
        );
        let p = problems(&text);
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p[0].starts_with("model::label `subjects` has no label in"), "{p:?}");
        assert_eq!(
            p[1],
            "model::not-a-date `name` of subjects is not a date field: a start or end must be a `date` or `datetime`"
        );
    }

    #[test]
    fn two_columns_of_a_sheet_with_one_label_are_an_error() {
        let text = format!(
            "{BASE}  subjects:\n    label: {{ vi: ST, en: Subjects }}\n    fields:\n      a: {{ kind: text, label: {{ vi: Tên, en: Name }} }}\n      b: {{ kind: text, label: {{ vi: tên, en: Other }} }}\n"
        );
        let p = problems(&text);
        assert_eq!(p, ["model::duplicate-label the sheet ST has two columns labelled \"tên\": `a` and `b`"]);
    }
}
