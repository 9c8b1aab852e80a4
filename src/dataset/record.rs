//! One unit's records for one plan year, as the pack's model declares
//! them (`rules/model.yaml`): a record is a value per field of its
//! collection, in the model's order, so that rules and checks reach a field
//! by its slot, resolved once by name. The header (unit, period, as-of,
//! baseline, quotas) is built in.

use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};
use indexmap::IndexMap;
use serde::{Serialize, Serializer};
use serde_saphyr::{Location, Spanned};

use super::field::Field;
use crate::model::{Collection, Model};

/// A local date and time, written `YYYY-MM-DDTHH:MM` (seconds optional).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp(pub NaiveDateTime);

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.format("%Y-%m-%dT%H:%M:%S").to_string().serialize(s)
    }
}

impl Timestamp {
    /// The time `text` names: `YYYY-MM-DDTHH:MM` (seconds optional), or
    /// `dd/mm/yyyy HH:MM` — a date is a date however it is typed.
    pub fn parse(text: &str) -> Option<Timestamp> {
        let text = text.trim();
        NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S")
            .ok()
            .or_else(|| crate::dataset::calendar::parse_time(text))
            .map(Timestamp)
    }
}

/// The period a report covers: a statistics month (`2024-03`), an ISO week
/// (`2024-W12`), the first six or nine months (`2024-H1`, `2024-9M`) or the
/// year (`2024`), parsed where it is read and kept in that one form, so
/// that `03/2024`, `tháng 3/2024` or `T3/2024` name the same month and
/// anything else is an error at its line, never a report of no period.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Covered(pub String);

impl Covered {
    /// The period `text` names, in its one form; None when it names none.
    pub fn parse(text: &str) -> Option<Covered> {
        let text = text.trim();
        let digits =
            |s: &str, n: std::ops::RangeInclusive<usize>| n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
        if digits(text, 4..=4) {
            return Some(Covered(text.to_string()));
        }
        if let Some((year, part)) = text.split_once('-')
            && digits(year, 4..=4)
            && (part.eq_ignore_ascii_case("H1") || part.eq_ignore_ascii_case("9M"))
        {
            return Some(Covered(format!("{year}-{}", part.to_ascii_uppercase())));
        }
        if let Some((year, week)) = text.split_once("-W").or_else(|| text.split_once("-w")) {
            let (y, w) = (digits(year, 4..=4), digits(week, 2..=2));
            let week: u32 = week.parse().ok()?;
            chrono::NaiveDate::from_isoywd_opt(year.parse().ok()?, week, chrono::Weekday::Mon).filter(|_| y && w)?;
            return Some(Covered(format!("{year}-W{week:02}")));
        }
        let (year, month) = if let Some((year, month)) = text.split_once('-') {
            (digits(year, 4..=4) && digits(month, 2..=2)).then_some((year, month))?
        } else {
            // `03/2024`, `3/2024`, `tháng 3/2024`, `T3/2024`.
            let lower = text.to_lowercase();
            let rest = lower.strip_prefix("tháng").or_else(|| lower.strip_prefix('t')).unwrap_or(&lower).trim_start();
            let (month, year) = rest.split_once('/')?;
            let (month, year) = (month.trim(), year.trim());
            (digits(year, 4..=4) && digits(month, 1..=2)).then_some(())?;
            return Self::month(year, month);
        };
        Self::month(year, month)
    }

    fn month(year: &str, month: &str) -> Option<Covered> {
        let month: u32 = month.parse().ok().filter(|m| (1..=12).contains(m))?;
        Some(Covered(format!("{year}-{month:02}")))
    }
}

impl Serialize for Covered {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Unit {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub team: Option<String>,
    #[serde(default)]
    pub province: Option<String>,
}

/// The statistics year: both bounds inclusive.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// A quota assigned by the province (duties D1, D2).
#[derive(Debug, Clone, Serialize)]
pub struct Quota {
    pub count: u32,
    #[serde(default)]
    pub deadline: Option<NaiveDate>,
    #[serde(default)]
    pub crack_by: Option<NaiveDate>,
}

/// One value of a record's field, in the form its kind gives it: what the
/// model declares, read once by the loader, never a map of strings.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Date(NaiveDate),
    Time(NaiveDateTime),
    /// An id, a text, a name, a reference, a period.
    Text(Box<str>),
    /// One of a `values:` list, shared with the model's list.
    Code(Arc<str>),
    /// Ids of records of another collection.
    Ids(Box<[String]>),
    /// Several of a `values:` list.
    Codes(Box<[Arc<str>]>),
    Origin(Box<Origin>),
    /// Records nested in this one (a survey's reports).
    Records(Box<[Record]>),
}

/// Where a record came from: a kind of its list, and for a kind that names
/// a collection, the id of a record there.
#[derive(Debug, Clone, PartialEq)]
pub struct Origin {
    pub kind: Arc<str>,
    pub reference: Option<String>,
}

/// One record: a value for each field of its collection, in the model's
/// order (slot `i` is field `i`).
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub values: Box<[Value]>,
}

impl Record {
    /// The value in slot `i`, borrowed.
    pub fn get(&self, i: usize) -> Field<'_> {
        match &self.values[i] {
            Value::Null => Field::Null,
            Value::Bool(b) => Field::Bool(*b),
            Value::Int(n) => Field::Int(*n),
            Value::Date(d) => Field::Date(*d),
            Value::Time(t) => Field::Timestamp(Timestamp(*t)),
            Value::Text(s) => Field::Str(s),
            Value::Code(s) => Field::Str(s),
            Value::Ids(ids) => Field::Ids(ids),
            Value::Codes(codes) => Field::Codes(codes),
            Value::Origin(o) => Field::Origin(o),
            Value::Records(r) => Field::Records(r),
        }
    }

    /// The record's id, when its collection has an id field.
    pub fn id<'a>(&'a self, c: &Collection) -> Option<&'a str> {
        match c.id.map(|i| &self.values[i]) {
            Some(Value::Text(s)) => Some(s),
            _ => None,
        }
    }

    /// The day the record comes into existence (None: it always existed).
    pub fn start(&self, c: &Collection) -> Option<NaiveDate> {
        c.start.and_then(|i| self.get(i).date())
    }

    /// The day the record ended, if it has.
    pub fn end(&self, c: &Collection) -> Option<NaiveDate> {
        c.end.and_then(|i| self.get(i).date())
    }

    /// The text of a text field in slot `i` (an id, a reference).
    pub fn text(&self, i: usize) -> Option<&str> {
        match &self.values[i] {
            Value::Text(s) => Some(s),
            Value::Code(s) => Some(s),
            _ => None,
        }
    }
}

/// One unit's file: its header (built in) and its records, a list for each
/// collection of the model it was read by, in the model's order.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub unit: Spanned<Unit>,
    pub period: Spanned<Period>,
    pub as_of: Option<NaiveDate>,
    /// Figures of the previous year, by name (`subjects_opened`).
    pub baseline: IndexMap<String, i64>,
    pub quotas: IndexMap<String, Spanned<Quota>>,
    /// The model the records were read by; `records[c]` are of its
    /// collection `c`.
    pub model: &'static Model,
    pub records: Vec<Vec<Spanned<Record>>>,
}

impl Dataset {
    /// The same records at no place in their file (for a format whose
    /// places the parser does not give).
    pub fn without_places(mut self) -> Dataset {
        fn forget<T>(s: &mut Spanned<T>) {
            s.referenced = Location::UNKNOWN;
            s.defined = Location::UNKNOWN;
        }
        forget(&mut self.unit);
        forget(&mut self.period);
        self.quotas.values_mut().for_each(forget);
        self.records.iter_mut().flatten().for_each(forget);
        self
    }
}

impl Dataset {
    /// The records of collection `c`.
    pub fn of(&self, c: usize) -> &[Spanned<Record>] {
        &self.records[c]
    }

    /// The records of the collection `name`; none when the model has none.
    pub fn named(&self, name: &str) -> &[Spanned<Record>] {
        self.model.collection(name).map_or(&[], |c| &self.records[c])
    }
}

/// The dataset as the unit file writes it (for the parsed-unit cache),
/// with every record's position, in the form the loader reads back: each
/// field by name, absent when it holds nothing.
impl Serialize for Dataset {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("unit", &spanned::with(&self.unit))?;
        map.serialize_entry("period", &spanned::with(&self.period))?;
        if let Some(as_of) = &self.as_of {
            map.serialize_entry("as_of", as_of)?;
        }
        map.serialize_entry("baseline", &self.baseline)?;
        map.serialize_entry("quotas", &spanned::Map(&self.quotas))?;
        for (c, records) in self.model.collections.iter().zip(&self.records) {
            let fields = &c.fields[..];
            let list: Vec<_> = records
                .iter()
                .map(|r| spanned::Placed(RecordOut { record: &r.value, fields }, &r.referenced, &r.defined))
                .collect();
            map.serialize_entry(&c.name, &list)?;
        }
        map.end()
    }
}

/// A record written field by field.
pub(crate) struct RecordOut<'a> {
    pub record: &'a Record,
    pub fields: &'a [crate::model::Field],
}

impl Serialize for RecordOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(None)?;
        for (f, v) in self.fields.iter().zip(self.record.values.iter()) {
            match v {
                Value::Null => {}
                Value::Bool(b) => map.serialize_entry(&f.name, b)?,
                Value::Int(n) => map.serialize_entry(&f.name, n)?,
                Value::Date(d) => map.serialize_entry(&f.name, d)?,
                Value::Time(t) => map.serialize_entry(&f.name, &Timestamp(*t))?,
                Value::Text(t) => map.serialize_entry(&f.name, t)?,
                Value::Code(c) => map.serialize_entry(&f.name, c)?,
                Value::Ids(ids) => map.serialize_entry(&f.name, ids)?,
                Value::Codes(codes) => map.serialize_entry(&f.name, codes)?,
                Value::Origin(o) => {
                    let mut m = IndexMap::new();
                    m.insert("kind", o.kind.as_ref());
                    if let Some(r) = &o.reference {
                        m.insert("ref", r.as_str());
                    }
                    map.serialize_entry(&f.name, &m)?
                }
                Value::Records(records) => {
                    let crate::model::Kind::Records(nested) = &f.kind else {
                        return Err(serde::ser::Error::custom("nested records in a field of another kind"));
                    };
                    let fields = &nested.fields[..];
                    let list: Vec<RecordOut<'_>> = records.iter().map(|record| RecordOut { record, fields }).collect();
                    map.serialize_entry(&f.name, &list)?
                }
            }
        }
        map.end()
    }
}

/// `Spanned<T>` written with its positions, as serde-saphyr's `Spanned`
/// deserialises them from a self-describing format: a map marked
/// `__serde_saphyr_private_spanned` with `value`, `referenced` and `defined`
/// (each a line and a column).
mod spanned {
    use indexmap::IndexMap;
    use serde::ser::SerializeMap;
    use serde::{Serialize, Serializer};
    use serde_saphyr::{Location, Spanned};

    struct At(Location);

    impl Serialize for At {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut map = s.serialize_map(Some(2))?;
            map.serialize_entry("line", &self.0.line())?;
            map.serialize_entry("column", &self.0.column())?;
            map.end()
        }
    }

    /// A value with its two places.
    pub struct Placed<'a, V>(pub V, pub &'a Location, pub &'a Location);

    impl<V: Serialize> Serialize for Placed<'_, V> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut map = s.serialize_map(Some(4))?;
            map.serialize_entry("__serde_saphyr_private_spanned", &true)?;
            map.serialize_entry("value", &self.0)?;
            map.serialize_entry("referenced", &At(*self.1))?;
            map.serialize_entry("defined", &At(*self.2))?;
            map.end()
        }
    }

    /// A spanned value as it is.
    pub fn with<T>(v: &Spanned<T>) -> Placed<'_, &T> {
        Placed(&v.value, &v.referenced, &v.defined)
    }

    /// A map of spanned values.
    pub struct Map<'a, T>(pub &'a IndexMap<String, Spanned<T>>);

    impl<T: Serialize> Serialize for Map<'_, T> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut map = s.serialize_map(Some(self.0.len()))?;
            for (k, item) in self.0 {
                map.serialize_entry(k, &with(item))?;
            }
            map.end()
        }
    }
}

#[cfg(test)]
mod covered {
    use super::Covered;

    #[test]
    fn a_period_typed_any_listed_way_is_one_period() {
        for typed in
            ["2024-03", "03/2024", "3/2024", "tháng 3/2024", "Tháng 3/2024", "T3/2024", "t03/2024", " 2024-03 "]
        {
            assert_eq!(Covered::parse(typed), Some(Covered("2024-03".into())), "{typed}");
        }
        assert_eq!(Covered::parse("2024-W09"), Some(Covered("2024-W09".into())));
        assert_eq!(Covered::parse("2024-h1"), Some(Covered("2024-H1".into())));
        assert_eq!(Covered::parse("2024-9m"), Some(Covered("2024-9M".into())));
        assert_eq!(Covered::parse("2024"), Some(Covered("2024".into())));
        for bad in ["2024-13", "13/2024", "2024-W54", "2024-W9", "March 2024", "03/24", "2024-3", "", "tháng ba"] {
            assert_eq!(Covered::parse(bad), None, "{bad}");
        }
    }
}
