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

use crate::dataset::calendar::{iso_date, iso_time};
use crate::dataset::field::{Field, FieldKind};
use crate::dataset::load::record_extent;
use crate::dataset::model::*;
use crate::dataset::{Dataset, UnitFile};
use crate::i18n::{Msg, t};
use crate::outcome::Evidence;

/// A collection of the dataset, reachable from rules as `data.<name>`.
pub trait Collection: Record + Sized + 'static {
    fn all(d: &Dataset) -> &[Spanned<Self>];
}

/// Runs `$m!(Type, name)` for every collection, as `data.<name>` names it.
macro_rules! each_collection {
    ($m:ident) => {
        $m!(Officer, officers);
        $m!(Commune, communes);
        $m!(KeyArea, key_areas);
        $m!(Survey, surveys);
        $m!(Hotspot, hotspots);
        $m!(MissedDetection, missed_detections);
        $m!(Subject, subjects);
        $m!(Suspicion, suspicions);
        $m!(Operation, operations);
        $m!(Informant, informants);
        $m!(Persona, personas);
        $m!(Arrest, arrests);
        $m!(Case, cases);
        $m!(Inspection, inspections);
        $m!(FileReview, file_reviews);
        $m!(Report, reports);
        $m!(Training, trainings);
    };
}
pub(crate) use each_collection;

macro_rules! impl_collection {
    ($ty:ident, $field:ident) => {
        impl Collection for $ty {
            fn all(d: &Dataset) -> &[Spanned<Self>] {
                &d.$field
            }
        }
    };
}
each_collection!(impl_collection);

/// The kind of `collection.field` in the data model, or what is wrong with
/// the name (with the known names, and the nearest one).
pub fn field_kind(collection: &str, field: &str) -> Result<FieldKind, super::ApiError> {
    let mut names = Vec::new();
    macro_rules! find {
        ($ty:ident, $name:ident) => {
            names.push($ty::COLLECTION);
            if collection == $ty::COLLECTION {
                return $ty::kind_of(field).ok_or_else(|| {
                    let near = crate::diagnostic::closest(field, $ty::FIELDS);
                    let fields = t(Msg::FieldsAre { fields: &$ty::FIELDS.join(", ") });
                    let what = t(Msg::NoField { collection, field });
                    super::ApiError::new(what, crate::diagnostic::did_you_mean(near, &fields))
                });
            }
        };
    }
    each_collection!(find);
    let near = crate::diagnostic::closest(collection, &names);
    let known = t(Msg::CollectionsAre { names: &names.join(", ") });
    let what = t(Msg::NoCollection { name: collection });
    Err(super::ApiError::new(what, crate::diagnostic::did_you_mean(near, &known)))
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
    existing: RefCell<HashMap<&'static str, Rc<[u32]>>>,
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

    pub fn records<T: Collection>(&self) -> &[Spanned<T>] {
        T::all(&self.unit.data)
    }

    /// Indices of the records that exist as of the evaluation date.
    pub fn existing<T: Collection>(&self) -> Rc<[u32]> {
        self.existing
            .borrow_mut()
            .entry(T::COLLECTION)
            .or_insert_with(|| {
                let records = self.records::<T>();
                let mut idx = Vec::with_capacity(records.len());
                idx.extend(
                    records
                        .iter()
                        .enumerate()
                        .filter(|(_, r)| r.value.start().is_none_or(|s| s <= self.as_of))
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

    /// The end date as of the evaluation date.
    pub fn end<T: Record>(&self, r: &T) -> Option<NaiveDate> {
        r.end().filter(|e| *e <= self.as_of)
    }

    pub fn in_period(&self, date: Option<NaiveDate>) -> bool {
        match (date, self.visible) {
            (Some(d), Some(p)) => p.contains(d),
            _ => false,
        }
    }

    /// A field as of the evaluation date. None: no such field.
    pub fn field<'a, T: Record>(&self, r: &'a T, name: &str) -> Option<Field<'a>> {
        if let Some(part) = name.strip_prefix("origin.") {
            return match r.field("origin")? {
                Field::Origin(o) if part == "kind" => Some(Field::Str(o.kind.as_str())),
                Field::Origin(o) if part == "ref" => Some(o.reference.as_deref().map_or(Field::Null, Field::Str)),
                _ => Some(Field::Null),
            };
        }
        let value = r.field(name)?;
        let ended_later = r.end().is_some_and(|e| e > self.as_of);
        if ended_later && (T::END == Some(name) || T::END_FIELDS.contains(&name)) {
            return Some(Field::Null);
        }
        Some(value)
    }

    pub fn to_dynamic(&self, field: Field<'_>) -> Dynamic {
        match field {
            Field::Null => Dynamic::UNIT,
            Field::Bool(b) => b.into(),
            Field::Int(n) => n.into(),
            Field::Str(s) => s.into(),
            Field::Date(d) => iso_date(d).into(),
            Field::Timestamp(t) => iso_time(t.0).into(),
            Field::Ids(ids) => ids.iter().map(|s| Dynamic::from(s.clone())).collect::<Array>().into(),
            Field::Means(m) => m.iter().map(|s| Dynamic::from(s.as_str())).collect::<Array>().into(),
            Field::Origin(o) => {
                let mut map = Map::new();
                map.insert("kind".into(), o.kind.as_str().into());
                map.insert("ref".into(), o.reference.clone().map_or(Dynamic::UNIT, Into::into));
                map.into()
            }
            Field::SurveyReports(reports) => reports
                .iter()
                .filter(|r| r.date <= self.as_of)
                .map(|r| {
                    let mut map = Map::new();
                    map.insert("date".into(), iso_date(r.date).into());
                    map.insert("has_evidence".into(), r.has_evidence.into());
                    map.insert("assessment".into(), r.assessment.into());
                    map.insert("proposals".into(), r.proposals.into());
                    Dynamic::from_map(map)
                })
                .collect::<Array>()
                .into(),
        }
    }

    /// The evidence for some records: all of them located, the first
    /// `excerpt_limit` with their YAML.
    pub fn evidence<T: Collection>(&self, idx: &[u32]) -> Vec<Evidence> {
        let file: Arc<str> = Arc::from(self.unit.source.name.as_str());
        let records = self.records::<T>();
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
                    collection: T::COLLECTION,
                    id: r.value.id().map(str::to_string),
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
            crate::dataset::workbook::labels::shipped(),
        )
        .unwrap();
        View::new(Arc::new(unit), as_of.parse().unwrap(), 5, CalendarCache::default())
    }

    fn ids(v: &View, idx: &[u32]) -> Vec<String> {
        idx.iter().map(|&i| v.records::<Subject>()[i as usize].value.id.clone()).collect()
    }

    #[test]
    fn records_opened_after_as_of_do_not_exist() {
        let v = view("2024-04-13");
        assert_eq!(ids(&v, &v.existing::<Subject>()), ["S1", "S2"]);
        let v = view("2024-06-01");
        assert_eq!(ids(&v, &v.existing::<Subject>()), ["S1", "S2", "S3"]);
    }

    #[test]
    fn a_record_closed_after_as_of_is_still_open_and_its_reason_unknown() {
        let v = view("2024-04-13");
        let s2 = &v.records::<Subject>()[1].value;
        assert_eq!(v.end(s2), None);
        assert!(v.field(s2, "closed").unwrap().is_null());
        assert!(v.field(s2, "close_reason").unwrap().is_null());
        let v = view("2024-05-01");
        let s2 = &v.records::<Subject>()[1].value;
        assert_eq!(v.end(s2), Some("2024-05-01".parse().unwrap()));
        assert!(matches!(v.field(s2, "close_reason"), Some(Field::Str("developed"))));
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
            crate::dataset::workbook::labels::shipped(),
        )
        .unwrap();
        assert_eq!(unit.data.subjects[0].value.id, "S1");
        let bad = json.replace("\"list\"", "\"lists\"");
        let problems = parse(
            "u.json".into(),
            bad.into_bytes(),
            true,
            Limits::default(),
            crate::dataset::workbook::labels::shipped(),
        )
        .unwrap_err();
        assert_eq!(problems[0].code, "data::unknown-field");
        assert_eq!(problems[0].location().and_then(|l| l.1.line()), Some(2));
    }
}
