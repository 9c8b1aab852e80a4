//! The dataset as rules see it: read-only, as of a date. Records opened after
//! the as-of date are not there; end dates (and what comes with them, such as
//! a close reason) after it read as absent.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use chrono::NaiveDate;
use rhai::{Array, Dynamic, Map};
use serde_saphyr::Spanned;

use crate::dataset::UnitFile;
use crate::dataset::calendar::{iso_date, iso_time};
use crate::dataset::field::{Field, FieldKind, Slot};
use crate::dataset::load::record_extent;
use crate::dataset::record::{Period, Record};
use crate::i18n::{Msg, t};
use crate::model::{Collection, Model};
use crate::outcome::Evidence;

/// The slot and kind of `collection.field` in the data model, or what is
/// wrong with the name (with the known names, and the nearest one).
pub fn field_kind(model: &'static Model, collection: &str, field: &str) -> Result<FieldKind, super::ApiError> {
    let Some(c) = model.collection(collection) else {
        let names = model.collection_names();
        let near = crate::diagnostic::closest(collection, &names);
        let known = t(Msg::CollectionsAre { names: &names.join(", ") });
        let what = t(Msg::NoCollection { name: collection });
        return Err(super::ApiError::new(what, crate::diagnostic::did_you_mean(near, &known)));
    };
    field_kind_at(model, c, field).map(|(_, kind)| kind)
}

/// The slot and kind of `field` in collection `c`, or what is wrong with
/// the name.
pub fn field_kind_at(model: &'static Model, c: usize, field: &str) -> Result<(Slot, FieldKind), super::ApiError> {
    Slot::resolve(model, c, field).ok_or_else(|| {
        let coll = &model.collections[c];
        let names = coll.field_names();
        let near = crate::diagnostic::closest(field, &names);
        let fields = t(Msg::FieldsAre { fields: &names.join(", ") });
        let what = t(Msg::NoField { collection: &coll.name, field });
        super::ApiError::new(what, crate::diagnostic::did_you_mean(near, &fields))
    })
}

/// Calendar lists (`ended_weeks()`, …) by period, as-of date and name, as
/// made the first time a rule asked: they depend on nothing else, and the
/// units of a run mostly share their plan year.
#[derive(Clone, Default)]
pub struct CalendarCache(Rc<RefCell<HashMap<CalendarKey, Array>>>);

/// Period start, period end, as-of date, list name.
type CalendarKey = (NaiveDate, NaiveDate, NaiveDate, &'static str);

impl CalendarCache {
    /// At most this many lists are kept; then the cache starts again.
    const ENTRIES: usize = 64;
}

pub struct View {
    pub unit: Arc<UnitFile>,
    pub as_of: NaiveDate,
    pub period: Period,
    /// The period up to as-of; None when as-of is before it starts.
    pub visible: Option<Period>,
    /// How many offending records keep a YAML excerpt.
    pub excerpt_limit: usize,
    existing: RefCell<HashMap<usize, Rc<[u32]>>>,
    /// Calendar lists (`ended_weeks()`, …), shared by the units of a run.
    calendar: CalendarCache,
    /// `period` and `as_of` as rules see them, made once for every rule.
    pub period_map: Map,
    pub as_of_text: rhai::ImmutableString,
}

impl View {
    pub fn new(unit: Arc<UnitFile>, as_of: NaiveDate, excerpt_limit: usize, calendar: CalendarCache) -> Self {
        let period = unit.data.period.value;
        View {
            visible: period.until(as_of),
            unit,
            as_of,
            period,
            excerpt_limit,
            existing: RefCell::default(),
            calendar,
            period_map: super::date_map(&period),
            as_of_text: iso_date(as_of).into(),
        }
    }

    /// The model the unit's records were read by.
    pub fn model(&self) -> &'static Model {
        self.unit.data.model
    }

    /// Collection `c` of the model.
    pub fn collection(&self, c: usize) -> &'static Collection {
        &self.model().collections[c]
    }

    /// The records of collection `c`, all of them.
    pub fn records(&self, c: usize) -> &[Spanned<Record>] {
        &self.unit.data.records[c]
    }

    /// Indices of the records of collection `c` that exist as of the
    /// evaluation date.
    pub fn existing(&self, c: usize) -> Rc<[u32]> {
        self.existing
            .borrow_mut()
            .entry(c)
            .or_insert_with(|| {
                let coll = self.collection(c);
                let records = self.records(c);
                let mut idx = Vec::with_capacity(records.len());
                idx.extend(
                    records
                        .iter()
                        .enumerate()
                        .filter(|(_, r)| r.value.start(coll).is_none_or(|s| s <= self.as_of))
                        .map(|(i, _)| i as u32),
                );
                idx.into()
            })
            .clone()
    }

    /// The calendar list `name` for this period and as-of date, made by
    /// `make` the first time.
    pub fn calendar(&self, name: &'static str, make: impl FnOnce() -> Array) -> Array {
        let key = (self.period.start, self.period.end, self.as_of, name);
        if let Some(list) = self.calendar.0.borrow().get(&key) {
            return list.clone();
        }
        let list = make();
        let mut cache = self.calendar.0.borrow_mut();
        if cache.len() >= CalendarCache::ENTRIES {
            cache.clear();
        }
        cache.insert(key, list.clone());
        list
    }

    /// The end date of a record of collection `c` as of the evaluation date.
    pub fn end(&self, c: usize, r: &Record) -> Option<NaiveDate> {
        r.end(self.collection(c)).filter(|e| *e <= self.as_of)
    }

    pub fn in_period(&self, date: Option<NaiveDate>) -> bool {
        match (date, self.visible) {
            (Some(d), Some(p)) => p.contains(d),
            _ => false,
        }
    }

    /// A field of a record of collection `c` as of the evaluation date: an
    /// end date after it, and what comes with the end (a close reason),
    /// read as absent.
    pub fn field<'a>(&self, c: usize, r: &'a Record, slot: Slot) -> Field<'a> {
        let coll = self.collection(c);
        let at_end = coll.end == Some(slot.index) || coll.end_fields.contains(&slot.index);
        if at_end && slot.part == crate::dataset::field::Part::Whole && r.end(coll).is_some_and(|e| e > self.as_of) {
            return Field::Null;
        }
        slot.of(r)
    }

    /// Nested records as of the evaluation date: one dated after it is not
    /// there yet.
    pub fn nested_as_of<'a>(
        &self,
        nested: &crate::model::Nested,
        records: &'a [Record],
    ) -> impl Iterator<Item = &'a Record> + use<'a> {
        let dated = nested.fields.iter().position(|f| f.kind == crate::model::Kind::Date);
        let as_of = self.as_of;
        records.iter().filter(move |r| dated.is_none_or(|i| r.get(i).date().is_none_or(|d| d <= as_of)))
    }

    /// Whether field `slot` of a record of collection `c` holds something as
    /// of the evaluation date: a flag that is true, a list that is not empty,
    /// nested records of which one is there by then.
    pub fn is_set(&self, c: usize, r: &Record, slot: Slot) -> bool {
        match self.field(c, r, slot) {
            Field::Null => false,
            Field::Bool(b) => b,
            Field::Ids(ids) => !ids.is_empty(),
            Field::Codes(m) => !m.is_empty(),
            Field::Records(records) => match &self.collection(c).fields[slot.index].kind {
                crate::model::Kind::Records(nested) => self.nested_as_of(nested, records).next().is_some(),
                _ => !records.is_empty(),
            },
            _ => true,
        }
    }

    /// A field as a rule value; `nested`: the fields of nested records.
    pub fn to_dynamic(&self, field: Field<'_>, nested: Option<&crate::model::Nested>) -> Dynamic {
        match field {
            Field::Null => Dynamic::UNIT,
            Field::Bool(b) => b.into(),
            Field::Int(n) => n.into(),
            Field::Str(s) => s.into(),
            Field::Date(d) => iso_date(d).into(),
            Field::Timestamp(t) => iso_time(t.0).into(),
            Field::Ids(ids) => ids.iter().map(|s| Dynamic::from(s.clone())).collect::<Array>().into(),
            Field::Codes(m) => m.iter().map(|s| Dynamic::from(s.to_string())).collect::<Array>().into(),
            Field::Origin(o) => {
                let mut map = Map::new();
                map.insert("kind".into(), o.kind.as_ref().into());
                map.insert("ref".into(), o.reference.clone().map_or(Dynamic::UNIT, Into::into));
                map.into()
            }
            Field::Records(records) => {
                let Some(nested) = nested else { return Dynamic::UNIT };
                self.nested_as_of(nested, records)
                    .map(|r| {
                        let mut map = Map::new();
                        for (i, f) in nested.fields.iter().enumerate() {
                            map.insert(f.name.as_str().into(), self.to_dynamic(r.get(i), None));
                        }
                        Dynamic::from_map(map)
                    })
                    .collect::<Array>()
                    .into()
            }
        }
    }

    /// The evidence for some records: all of them located, the first
    /// `excerpt_limit` with their YAML.
    pub fn evidence(&self, c: usize, idx: &[u32]) -> Vec<Evidence> {
        let file: Arc<str> = Arc::from(self.unit.source.name.as_str());
        let coll = self.collection(c);
        let records = self.records(c);
        idx.iter()
            .enumerate()
            .map(|(n, &i)| {
                let r = &records[i as usize];
                let at = (r.referenced.line() > 0).then(|| self.unit.source.record_place(r.referenced.line() as usize));
                let (line, sheet, row) = match at {
                    Some(crate::diagnostic::Place::Line { line, .. }) => (Some(line), None, None),
                    Some(crate::diagnostic::Place::Cell { sheet, row, .. }) => (None, Some(sheet), Some(row)),
                    None => (None, None, None),
                };
                let excerpt = (n < self.excerpt_limit)
                    .then(|| record_extent(&self.unit.source, &r.referenced))
                    .flatten()
                    .map(|range| Arc::new(self.unit.source.excerpt(range)));
                Evidence {
                    collection: coll.name.as_str(),
                    id: r.value.id(coll).map(str::to_string),
                    file: file.clone(),
                    line,
                    sheet,
                    row,
                    excerpt,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{Limits, parse};

    const UNIT: &str = "
unit: { id: U, name: Unit }
period: { start: 2023-10-15, end: 2024-10-13 }
subjects:
  - { id: S1, category: B, list: III, opened: 2023-01-01 }
  - { id: S2, category: B, list: III, opened: 2024-03-01, closed: 2024-05-01, close_reason: developed }
  - { id: S3, category: A, list: I, opened: 2024-06-01 }
";

    fn view(as_of: &str) -> View {
        let unit = parse(
            "u.yaml".into(),
            UNIT.as_bytes().to_vec(),
            false,
            Limits::default(),
            crate::model::Model::shipped_ref(),
        )
        .unwrap();
        View::new(Arc::new(unit), as_of.parse().unwrap(), 5, CalendarCache::default())
    }

    fn ids(v: &View, idx: &[u32]) -> Vec<String> {
        let c = v.model().collection("subjects").unwrap();
        idx.iter().map(|&i| v.records(c)[i as usize].value.id(v.collection(c)).unwrap().to_string()).collect()
    }

    #[test]
    fn records_opened_after_as_of_do_not_exist() {
        let v = view("2024-04-13");
        let c = v.model().collection("subjects").unwrap();
        assert_eq!(ids(&v, &v.existing(c)), ["S1", "S2"]);
        let v = view("2024-06-01");
        assert_eq!(ids(&v, &v.existing(c)), ["S1", "S2", "S3"]);
    }

    #[test]
    fn a_record_closed_after_as_of_is_still_open_and_its_reason_unknown() {
        let v = view("2024-04-13");
        let c = v.model().collection("subjects").unwrap();
        let slot = |name: &str| Slot::resolve(v.model(), c, name).unwrap().0;
        let s2 = &v.records(c)[1].value;
        assert_eq!(v.end(c, s2), None);
        assert!(v.field(c, s2, slot("closed")).is_null());
        assert!(v.field(c, s2, slot("close_reason")).is_null());
        let v = view("2024-05-01");
        let s2 = &v.records(c)[1].value;
        assert_eq!(v.end(c, s2), Some("2024-05-01".parse().unwrap()));
        assert!(matches!(v.field(c, s2, slot("close_reason")), Field::Str("developed")));
    }

    #[test]
    fn the_period_is_inclusive_and_cut_at_as_of() {
        let v = view("2024-04-13");
        assert!(v.in_period(Some("2023-10-15".parse().unwrap())));
        assert!(v.in_period(Some("2024-04-13".parse().unwrap())));
        assert!(!v.in_period(Some("2024-04-14".parse().unwrap())));
        assert!(!v.in_period(Some("2023-10-14".parse().unwrap())));
        let late = view("2025-01-01");
        assert!(!late.in_period(Some("2024-10-14".parse().unwrap())), "as-of after the period does not widen it");
        assert!(late.in_period(Some("2024-10-13".parse().unwrap())));
    }

    #[test]
    fn json_units_load_with_the_same_model() {
        let json = r#"{"unit": {"id": "U", "name": "Unit"}, "period": {"start": "2023-10-15", "end": "2024-10-13"},
            "subjects": [{"id": "S1", "category": "B", "list": "III", "opened": "2023-01-01"}]}"#;
        let unit = parse(
            "u.json".into(),
            json.as_bytes().to_vec(),
            true,
            Limits::default(),
            crate::model::Model::shipped_ref(),
        )
        .unwrap();
        let subjects = unit.data.named("subjects");
        assert_eq!(subjects[0].value.id(&unit.model().collections[6]), Some("S1"));
        let bad = json.replace("\"list\"", "\"lists\"");
        let problems =
            parse("u.json".into(), bad.into_bytes(), true, Limits::default(), crate::model::Model::shipped_ref())
                .unwrap_err();
        assert_eq!(problems[0].code, "data::unknown-field");
        assert_eq!(problems[0].location().and_then(|l| l.1.line()), Some(2));
    }
}
