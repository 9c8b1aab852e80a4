//! Checks that need the whole file: unique ids, references that resolve,
//! dates in order, close reasons present exactly when closed. Every problem
//! is collected; none stops the others from being found.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use serde_saphyr::Spanned;

use super::load::{UnitFile, record_extent};
use super::record::{Origin, Record, Value};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::{closest, find_key, find_word};
use crate::i18n::{Msg, t};
use crate::model::{Collection, Kind, Link};

pub fn validate(unit: &UnitFile) -> Vec<Diagnostic> {
    validate_with(unit, &SetAside::new())
}

/// The ids of records set aside for a bad value (each reported where it
/// is), by collection: they exist, so nothing that refers to them is
/// reported missing.
pub type SetAside = HashMap<&'static str, HashSet<String>>;

/// Every check of `validate`, knowing the records set aside. What to check
/// comes from the model: ids are unique where a collection has them, each
/// `ref`, `refs`, origin and link names a record that is there, end-only
/// fields are given exactly when the record ended, and no record ends
/// before it starts.
pub fn validate_with(unit: &UnitFile, set_aside: &SetAside) -> Vec<Diagnostic> {
    let d = &unit.data;
    let model = d.model;
    let mut c = Checker { unit, problems: Vec::new(), ids: HashMap::new(), set_aside };

    if d.period.value.end < d.period.value.start {
        let span = c.span_at(&d.period.referenced, "end", None);
        c.push(Diagnostic::error("data::period", t(Msg::PeriodBackwards)), span, &t(Msg::PeriodBackwardsLabel));
    }

    for (coll, records) in model.collections.iter().zip(&d.records) {
        if coll.id.is_some() {
            c.unique(coll, records);
        }
    }
    for (coll, records) in model.collections.iter().zip(&d.records) {
        for r in records {
            for (i, f) in coll.fields.iter().enumerate() {
                match (&f.kind, &r.value.values[i]) {
                    (Kind::Ref(to), Value::Text(id)) => c.one_ref(coll, r, &f.name, &model.collections[*to].name, id),
                    (Kind::Refs(to), Value::Ids(ids)) => {
                        for id in ids.iter() {
                            c.one_ref(coll, r, &f.name, &model.collections[*to].name, id);
                        }
                    }
                    (Kind::Origin(link), Value::Origin(o)) => c.origin(coll, r, &f.name, link, o),
                    // Records nested in this one refer as it does, placed at it.
                    (Kind::Records(nested), Value::Records(inner)) => {
                        for n in inner.iter() {
                            for (nf, v) in nested.fields.iter().zip(n.values.iter()) {
                                match (&nf.kind, v) {
                                    (Kind::Ref(to), Value::Text(id)) => {
                                        c.one_ref(coll, r, &nf.name, &model.collections[*to].name, id)
                                    }
                                    (Kind::Refs(to), Value::Ids(ids)) => {
                                        for id in ids.iter() {
                                            c.one_ref(coll, r, &nf.name, &model.collections[*to].name, id);
                                        }
                                    }
                                    _ => {}
                                }
                            }
                        }
                    }
                    (Kind::Link { by, link }, Value::Text(id)) => {
                        let kind = match &r.value.values[*by] {
                            Value::Code(code) => model.values[link.values].code(code),
                            _ => None,
                        };
                        if let Some(to) = kind.and_then(|k| link.target(k)) {
                            c.one_ref(coll, r, &f.name, &model.collections[to].name, id);
                        }
                    }
                    _ => {}
                }
            }
            for &i in &coll.end_fields {
                let ended = r.value.end(coll).is_some();
                c.closing(coll, r, &coll.fields[i].name, ended, !r.value.get(i).is_null());
            }
        }
    }
    for (coll, records) in model.collections.iter().zip(&d.records) {
        if coll.start.is_some() && coll.end.is_some() {
            c.order(coll, records);
        }
    }
    for (name, quota) in &d.quotas {
        // A quota is of a collection's records (`subjects`): one the model
        // says the province gives a quota of (`quota: true`).
        if model.collection(name).is_none_or(|i| !model.collections[i].quota) {
            let names: Vec<&str> = model.collections.iter().filter(|c| c.quota).map(|c| c.name.as_str()).collect();
            let near = closest(name, &names);
            let known = t(Msg::CollectionsAre { names: &names.join(", ") });
            let line = unit.source.line_range(quota.referenced.line().max(1) as usize);
            let span =
                find_word(&unit.source.text[line.clone()], name).map(|i| line.start + i..line.start + i + name.len());
            c.push(
                Diagnostic::error("data::unknown-quota", t(Msg::UnknownQuota { name }))
                    .help(crate::diagnostic::did_you_mean(near, &known)),
                span.or(Some(line)),
                &t(Msg::LabelUnknownCollection),
            );
        }
        if let (Some(deadline), Some(crack_by)) = (quota.value.deadline, quota.value.crack_by)
            && crack_by < deadline
        {
            let span = c.span_at(&quota.referenced, "crack_by", None);
            c.push(
                Diagnostic::error("data::date-order", t(Msg::CrackByBeforeDeadline { name })),
                span,
                &t(Msg::BeforeDeadline),
            );
        }
    }
    c.problems
}

/// `d` placed at the unit's `period` (its start), labelled as the unit's.
pub fn at_period(unit: &UnitFile, d: Diagnostic) -> Diagnostic {
    let none = SetAside::new();
    let mut c = Checker { unit, problems: Vec::new(), ids: HashMap::new(), set_aside: &none };
    let span = c.span_at(&unit.data.period.referenced, "start", None);
    c.push(d, span, &t(Msg::LabelUnitPeriod));
    c.problems.pop().expect("pushed")
}

struct Checker<'a> {
    unit: &'a UnitFile,
    problems: Vec<Diagnostic>,
    ids: HashMap<&'a str, HashSet<&'a str>>,
    set_aside: &'a SetAside,
}

impl<'a> Checker<'a> {
    fn push(&mut self, d: Diagnostic, span: Option<Range<usize>>, label: &str) {
        let d = d.in_file(&self.unit.source);
        self.problems.push(match span {
            Some(span) => d.label(span, label),
            None => d,
        });
    }

    /// The span of `field` inside the record at `loc` (of `value` inside it,
    /// when given), else of the record's first line.
    fn span_at(&self, loc: &serde_saphyr::Location, field: &str, value: Option<&str>) -> Option<Range<usize>> {
        if let Some(grid) = &self.unit.source.grid {
            // A workbook: the field's cell in the record's row.
            // An origin's cells are its kind's and its id's (`origin.kind`,
            // `origin.ref`); the origin itself is its kind's.
            let line = loc.line() as usize;
            let column = grid.column_of(line, field).or_else(|| grid.column_of(line, &format!("{field}.kind")));
            let cell = column.and_then(|c| grid.cell_span(line, c));
            let cell = cell.unwrap_or_else(|| self.unit.source.line_range(line));
            let text = &self.unit.source.text[cell.clone()];
            return Some(match value.and_then(|v| find_word(text, v).map(|i| (i, v.len()))) {
                Some((i, n)) => cell.start + i..cell.start + i + n,
                None => cell,
            });
        }
        let extent = record_extent(&self.unit.source, loc)?;
        let text = &self.unit.source.text[extent.clone()];
        // A nested key (`origin.ref`) is written `ref:` inside its field.
        let field = field.rsplit('.').next().unwrap_or(field);
        let key = find_key(text, field);
        let found = key.and_then(|k| match value {
            Some(v) => find_word(&text[k..], v).map(|i| k + i..k + i + v.len()),
            None => {
                let after = k + field.len() + 1;
                let line_end = text[after..].find('\n').map_or(text.len(), |i| after + i);
                let value_text = &text[after..line_end];
                let lead = value_text.len() - value_text.trim_start().len();
                let v = value_text.trim().trim_end_matches([',', '}']);
                if v.is_empty() { Some(k..k + field.len()) } else { Some(after + lead..after + lead + v.len()) }
            }
        });
        let first_line_end = text.find('\n').unwrap_or(text.len());
        Some(match found {
            Some(r) => extent.start + r.start..extent.start + r.end,
            None => extent.start..extent.start + first_line_end,
        })
    }

    /// Whether messages name things by the sheet's words: a workbook's
    /// are read by a clerk who sees labels, not keys.
    fn in_sheet_words(&self) -> bool {
        self.unit.source.grid.is_some()
    }

    /// Whether a YAML or JSON unit's messages give the model's words with
    /// each key: in Vietnamese, which the staff who read them read first
    /// ("Cán bộ quản lý (officer)"); in English the keys are the words.
    fn words_with_keys(&self) -> bool {
        !self.in_sheet_words() && crate::i18n::lang() == crate::i18n::Lang::Vi
    }

    /// A collection as the run names it: its sheet's name in a workbook,
    /// its name and key in a Vietnamese run over YAML, else its key.
    fn coll(&self, collection: &str) -> String {
        let sheet = self.unit.labels.sheet(collection);
        match sheet {
            Some(s) if self.in_sheet_words() => s.name().to_string(),
            Some(s) if self.words_with_keys() => format!("{} ({collection})", s.name()),
            _ => collection.to_string(),
        }
    }

    /// A field as the run names it: its column's label in a workbook.
    fn fld(&self, collection: &str, key: &str) -> String {
        let sheet = self.unit.labels.sheet(collection);
        // An origin is named by its kind's column.
        let (column, key) = match sheet.and_then(|s| s.column(key)) {
            Some(c) => (Some(c), key.to_string()),
            None => (sheet.and_then(|s| s.column(&format!("{key}.kind"))), format!("{key}.kind")),
        };
        let shown = key.split_once('.').map_or(key.as_str(), |(_, part)| part);
        match column {
            Some(c) if self.in_sheet_words() => c.label().to_string(),
            Some(c) if self.words_with_keys() => format!("{} ({shown})", c.label()),
            _ => shown.to_string(),
        }
    }

    fn record_name(&self, coll: &Collection, record: &Record, index: usize) -> String {
        let collection = self.coll(&coll.name);
        match record.id(coll) {
            Some(id) => format!("{collection} `{id}`"),
            None => format!("{collection} #{}", index + 1),
        }
    }

    fn unique(&mut self, coll: &'a Collection, records: &'a [Spanned<Record>]) {
        let mut first: HashMap<&str, &Spanned<Record>> = HashMap::new();
        let mut ids = HashSet::new();
        for r in records {
            let Some(id) = r.value.id(coll) else { continue };
            ids.insert(id);
            if let Some(previous) = first.get(id) {
                let key = coll.id.map_or("id", |i| coll.fields[i].name.as_str());
                let again = self.span_at(&r.referenced, key, Some(id));
                let first_use = self.span_at(&previous.referenced, key, Some(id));
                let collection = self.coll(&coll.name);
                let collection = collection.as_str();
                let mut d = Diagnostic::error("data::duplicate-id", t(Msg::DuplicateId { collection, id }))
                    .in_file(&self.unit.source)
                    .help(t(Msg::DuplicateIdHelp { collection }));
                if let Some(span) = again {
                    d = d.label(span, t(Msg::UsedAgain));
                }
                if let Some(span) = first_use {
                    d = d.label(span, t(Msg::FirstUsed));
                }
                self.problems.push(d);
            } else {
                first.insert(id, r);
            }
        }
        self.ids.insert(&coll.name, ids);
    }

    fn exists(&self, collection: &str, id: &str) -> bool {
        self.ids.get(collection).is_some_and(|ids| ids.contains(id))
            || self.set_aside.get(collection).is_some_and(|ids| ids.contains(id))
    }

    fn one_ref(&mut self, coll: &Collection, r: &Spanned<Record>, field: &str, target: &str, id: &str) {
        if self.exists(target, id) {
            return;
        }
        let span = self.span_at(&r.referenced, field, Some(id));
        let owner = self.record_name(coll, &r.value, 0);
        let known: Vec<&str> = self.ids.get(target).map(|s| s.iter().copied().collect()).unwrap_or_default();
        let (field, target) = (self.fld(&coll.name, field), self.coll(target));
        let (field, target) = (field.as_str(), target.as_str());
        let help = match closest(id, &known) {
            Some(near) => t(Msg::DanglingNear { target, id, near }),
            None => t(Msg::DanglingAdd { target, id }),
        };
        self.push(
            Diagnostic::error("data::dangling-reference", t(Msg::Dangling { owner: &owner, field, id, target }))
                .help(help),
            span,
            &t(Msg::NotIn { target }),
        );
    }

    /// An origin of a kind naming a collection names a record there.
    fn origin(&mut self, coll: &Collection, r: &Spanned<Record>, field: &str, link: &Link, origin: &Origin) {
        let model = self.unit.data.model;
        let target = model.values[link.values].code(&origin.kind).and_then(|k| link.target(k));
        let target = target.map(|t| model.collections[t].name.as_str());
        match (target, origin.reference.as_deref()) {
            (Some(target), Some(id)) => self.one_ref(coll, r, &format!("{field}.ref"), target, id),
            (Some(target), None) => {
                let span = self.span_at(&r.referenced, field, None);
                let owner = self.record_name(coll, &r.value, 0);
                self.push(
                    Diagnostic::error(
                        "data::missing-field",
                        t(Msg::OriginNeedsRef { owner: &owner, kind: &origin.kind }),
                    )
                    .help(t(Msg::OriginNeedsRefHelp { target })),
                    span,
                    &t(Msg::RefMissing),
                );
            }
            (None, _) => {}
        }
    }

    fn closing(&mut self, coll: &Collection, r: &Spanned<Record>, field: &str, ended: bool, has_field: bool) {
        if ended == has_field {
            return;
        }
        let at_end = coll.end.map_or("closed", |i| coll.fields[i].name.as_str());
        let owner = self.record_name(coll, &r.value, 0);
        let owner = owner.as_str();
        let (end_word, field_word) = (self.fld(&coll.name, at_end), self.fld(&coll.name, field));
        let (end, key) = (end_word.as_str(), field);
        let field = field_word.as_str();
        let sheet = self.in_sheet_words();
        let (message, at, label, help) = if ended && self.words_with_keys() {
            // YAML in Vietnamese: the words with their keys, the keys to type.
            (
                t(Msg::CellEndedWithout { owner, end, field }),
                at_end,
                t(Msg::EndedWithoutLabel { end, field }),
                t(Msg::AddResult { field: key }),
            )
        } else if self.words_with_keys() {
            (
                t(Msg::CellGivenNotEnded { owner, field, end }),
                key,
                t(Msg::NoEndDate { end: at_end }),
                t(Msg::AddEndOrRemove { end: at_end, field: key }),
            )
        } else if ended && sheet {
            (
                t(Msg::CellEndedWithout { owner, end, field }),
                at_end,
                t(Msg::EndedWithoutLabel { end, field }),
                t(Msg::CellAddResult { field }),
            )
        } else if sheet {
            (
                t(Msg::CellGivenNotEnded { owner, field, end }),
                key,
                t(Msg::NoEndDate { end }),
                t(Msg::CellAddEndOrRemove { end, field }),
            )
        } else if ended {
            (
                t(Msg::EndedWithout { owner, end, field }),
                at_end,
                t(Msg::EndedWithoutLabel { end, field }),
                t(Msg::AddResult { field }),
            )
        } else {
            (
                t(Msg::GivenNotEnded { owner, field, end }),
                key,
                t(Msg::NoEndDate { end }),
                t(Msg::AddEndOrRemove { end, field }),
            )
        };
        let span = self.span_at(&r.referenced, at, None);
        self.push(Diagnostic::error("data::close-fields", message).help(help), span, &label);
    }

    fn order(&mut self, coll: &Collection, records: &[Spanned<Record>]) {
        let name = |i: Option<usize>, or: &'static str| i.map_or(or, |i| coll.fields[i].name.as_str());
        for (i, r) in records.iter().enumerate() {
            if let (Some(start), Some(end)) = (r.value.start(coll), r.value.end(coll))
                && end < start
            {
                let (s_key, e_key) = (name(coll.start, "start"), name(coll.end, "end"));
                let span = self.span_at(&r.referenced, e_key, None);
                let (s_word, e_word) = (self.fld(&coll.name, s_key), self.fld(&coll.name, e_key));
                let (s, e) = (s_word.as_str(), e_word.as_str());
                let owner = self.record_name(coll, &r.value, i);
                // The dates as the file writes them, as the excerpt below shows them.
                let (end, start) = (end.to_string(), start.to_string());
                let message =
                    t(Msg::EndsBeforeStart { owner: &owner, end_field: e, end: &end, start_field: s, start: &start });
                self.push(
                    Diagnostic::error("data::date-order", message)
                        .help(t(Msg::EndsBeforeStartHelp { start_field: s, end_field: e })),
                    span,
                    &t(Msg::BeforeStart { start_field: s }),
                );
            }
        }
    }
}
