//! The model-driven loader: a unit's file read into records by the pack's
//! model, straight from the parser's events (serde seeds over YAML, JSON,
//! a workbook's rows or the cache's entries alike). A field the model does
//! not declare, a value its list does not hold, a required field left out
//! are [`Problem`]s, typed where they arise and kept beside the parser's
//! error, which gives their place; nothing reads them back from its text.

use std::cell::RefCell;
use std::fmt;

use chrono::NaiveDate;
use indexmap::IndexMap;
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Location, Spanned};

pub use super::problem::Problem;
use super::record::{Covered, Dataset, Origin, Period, Quota, Record, Timestamp, Unit, Value};
use crate::model::{self, Kind, Model};

/// Where the loader keeps the problem that stopped it, beside the
/// parser's error (which says where).
#[derive(Debug, Default)]
pub struct Found(RefCell<Option<Problem>>);

impl Found {
    fn fail<E: de::Error>(&self, problem: Problem) -> E {
        let text = problem.message();
        *self.0.borrow_mut() = Some(problem);
        E::custom(text)
    }

    /// The problem found, if the error was one.
    pub fn take(&self) -> Option<Problem> {
        self.0.borrow_mut().take()
    }
}

/// Reads a whole unit file.
pub struct DatasetSeed<'f> {
    pub model: &'static Model,
    pub found: &'f Found,
}

/// The header's keys, before the model's collections.
const HEADER: [&str; 5] = ["unit", "period", "as_of", "baseline", "quotas"];

impl<'de> DeserializeSeed<'de> for DatasetSeed<'_> {
    type Value = Dataset;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Dataset, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for DatasetSeed<'_> {
    type Value = Dataset;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a unit's file: unit, period and the records of each collection")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Dataset, A::Error> {
        let model = self.model;
        let mut unit = None;
        let mut period = None;
        let mut as_of = None;
        let mut baseline = None;
        let mut quotas = None;
        let mut records: Vec<Option<Vec<Spanned<Record>>>> = vec![None; model.collections.len()];
        while let Some(key) = map.next_key_seed(TopKey { model, found: self.found })? {
            let twice = |found: &Found| found.fail(Problem::DuplicateField { field: key.clone() });
            match key.as_str() {
                "unit" if unit.is_some() => return Err(twice(self.found)),
                "unit" => unit = Some(header_part(&mut map, model, self.found)?),
                "period" if period.is_some() => return Err(twice(self.found)),
                "period" => period = Some(header_part(&mut map, model, self.found)?),
                "as_of" if as_of.is_some() => return Err(twice(self.found)),
                "as_of" => {
                    let seed = FieldSeed { model, field: &HEADER_FIELDS.as_of, found: self.found };
                    as_of = Some(match map.next_value_seed(seed)? {
                        Value::Date(day) => Some(day),
                        _ => None,
                    })
                }
                "baseline" if baseline.is_some() => return Err(twice(self.found)),
                "baseline" => baseline = Some(map.next_value_seed(Nullable(Counts { found: self.found }))?),
                "quotas" if quotas.is_some() => return Err(twice(self.found)),
                "quotas" => quotas = Some(map.next_value_seed(Nullable(Quotas { model, found: self.found }))?),
                name => {
                    let Some(c) = model.collection(name) else {
                        map.next_value::<IgnoredAny>()?;
                        continue;
                    };
                    if records[c].is_some() {
                        return Err(twice(self.found));
                    }
                    let fields = &model.collections[c].fields[..];
                    let seed = Nullable(ListSeed(SpannedSeed(RecordSeed { model, fields, found: self.found })));
                    records[c] = Some(map.next_value_seed(seed)?);
                }
            }
        }
        let missing = |field: &str| self.found.fail(Problem::MissingField { field: field.to_string() });
        let unit = unit.ok_or_else(|| missing("unit"))?;
        let period = period.ok_or_else(|| missing("period"))?;
        Ok(Dataset {
            unit,
            period,
            as_of: as_of.flatten(),
            baseline: baseline.unwrap_or_default(),
            quotas: quotas.unwrap_or_default(),
            model,
            records: records.into_iter().map(Option::unwrap_or_default).collect(),
        })
    }
}

/// The header's parts (unit, period, as-of day, quotas), built in: read
/// as records of these fields, with the same typed problems as a
/// collection's records.
struct Header {
    unit: Vec<model::Field>,
    period: Vec<model::Field>,
    quota: Vec<model::Field>,
    as_of: model::Field,
}

static HEADER_FIELDS: std::sync::LazyLock<Header> = std::sync::LazyLock::new(|| {
    let field = |name: &str, kind: Kind, required: bool| model::Field {
        name: name.to_string(),
        kind,
        required,
        default: None,
        label: model::Words { vi: name.to_string(), en: name.to_string() },
        help: None,
        example: None,
    };
    Header {
        unit: vec![
            field("id", Kind::Text, true),
            field("name", Kind::Text, true),
            field("team", Kind::Text, false),
            field("province", Kind::Text, false),
        ],
        period: vec![field("start", Kind::Date, true), field("end", Kind::Date, true)],
        quota: vec![
            // A province's quota is a count of records: never below none, and
            // within what a count of records can be.
            field("count", Kind::Count { min: Some(0), max: Some(QUOTA_MAX) }, true),
            field("deadline", Kind::Date, false),
            field("crack_by", Kind::Date, false),
        ],
        as_of: field("as_of", Kind::Date, false),
    }
});

/// The largest quota a unit file may give (a million records).
const QUOTA_MAX: i64 = 1_000_000;

/// A part of the header: the built-in fields it is read by.
pub trait HeaderPart: Sized {
    fn fields() -> &'static [model::Field];
    /// The part, from a record of its fields that was read whole.
    fn of(record: &Record) -> Self;
}

impl HeaderPart for Unit {
    fn fields() -> &'static [model::Field] {
        &HEADER_FIELDS.unit
    }

    fn of(r: &Record) -> Unit {
        Unit {
            id: text_at(r, 0).unwrap_or_default(),
            name: text_at(r, 1).unwrap_or_default(),
            team: text_at(r, 2),
            province: text_at(r, 3),
        }
    }
}

impl HeaderPart for Period {
    fn fields() -> &'static [model::Field] {
        &HEADER_FIELDS.period
    }

    fn of(r: &Record) -> Period {
        Period { start: date_at(r, 0).unwrap_or_default(), end: date_at(r, 1).unwrap_or_default() }
    }
}

impl HeaderPart for Quota {
    fn fields() -> &'static [model::Field] {
        &HEADER_FIELDS.quota
    }

    fn of(r: &Record) -> Quota {
        let count = match r.values[0] {
            // Read within its bounds, so it fits.
            Value::Int(n) => u32::try_from(n).unwrap_or_default(),
            _ => 0,
        };
        Quota { count, deadline: date_at(r, 1), crack_by: date_at(r, 2) }
    }
}

/// One part of the header, at its place in the file.
fn header_part<'de, A: MapAccess<'de>, T: HeaderPart>(
    map: &mut A,
    model: &'static Model,
    found: &Found,
) -> Result<Spanned<T>, A::Error> {
    let seed = SpannedSeed(RecordSeed { model, fields: T::fields(), found });
    let read = map.next_value_seed(seed)?;
    Ok(Spanned { value: T::of(&read.value), referenced: read.referenced, defined: read.defined })
}

/// A text of a header's record, as the header's fields hold it.
fn text_at(r: &Record, i: usize) -> Option<String> {
    match &r.values[i] {
        Value::Text(s) => Some(s.to_string()),
        _ => None,
    }
}

/// A date of a header's record.
fn date_at(r: &Record, i: usize) -> Option<NaiveDate> {
    match r.values[i] {
        Value::Date(day) => Some(day),
        _ => None,
    }
}

/// The baseline: names and whole numbers.
struct Counts<'f> {
    found: &'f Found,
}

impl<'de> DeserializeSeed<'de> for Counts<'_> {
    type Value = IndexMap<String, i64>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Counts<'_> {
    type Value = IndexMap<String, i64>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("names and whole numbers")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = IndexMap::new();
        while let Some(name) = map.next_key::<String>()? {
            let n = map.next_value_seed(CountSeed { found: self.found })?;
            out.insert(name, n);
        }
        Ok(out)
    }
}

/// The province's quotas: a collection's name and its quota.
struct Quotas<'f> {
    model: &'static Model,
    found: &'f Found,
}

impl<'de> DeserializeSeed<'de> for Quotas<'_> {
    type Value = IndexMap<String, Spanned<Quota>>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Quotas<'_> {
    type Value = IndexMap<String, Spanned<Quota>>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("collections' names and their quotas")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = IndexMap::new();
        while let Some(name) = map.next_key::<String>()? {
            let quota = header_part(&mut map, self.model, self.found)?;
            out.insert(name, quota);
        }
        Ok(out)
    }
}

/// A key of the file: the header's or a collection's, checked where the
/// parser reads it.
struct TopKey<'f> {
    model: &'static Model,
    found: &'f Found,
}

impl<'de> DeserializeSeed<'de> for TopKey<'_> {
    type Value = String;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for TopKey<'_> {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key of a unit's file")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<String, E> {
        if HEADER.contains(&key) || self.model.collection(key).is_some() {
            return Ok(key.to_string());
        }
        let mut expected: Vec<String> = HEADER.iter().map(|h| h.to_string()).collect();
        expected.extend(self.model.collections.iter().map(|c| c.name.clone()));
        Err(self.found.fail(Problem::UnknownField { field: key.to_string(), expected }))
    }
}

/// `null` or absent, the same as empty: the data model says so.
struct Nullable<S>(S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Nullable<S>
where
    S::Value: Default,
{
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de, S: DeserializeSeed<'de>> Visitor<'de> for Nullable<S>
where
    S::Value: Default,
{
    type Value = S::Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value or nothing")
    }

    fn visit_none<E: de::Error>(self) -> Result<S::Value, E> {
        Ok(S::Value::default())
    }

    fn visit_unit<E: de::Error>(self) -> Result<S::Value, E> {
        Ok(S::Value::default())
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.0.deserialize(d)
    }
}

/// A list, each item read by the same seed.
struct ListSeed<S>(S);

impl<'de, S: DeserializeSeed<'de> + Clone> DeserializeSeed<'de> for ListSeed<S> {
    type Value = Vec<S::Value>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, S: DeserializeSeed<'de> + Clone> Visitor<'de> for ListSeed<S> {
    type Value = Vec<S::Value>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element_seed(self.0.clone())? {
            items.push(item);
        }
        Ok(items)
    }
}

/// A value with where it is, as serde-saphyr's `Spanned` reads it (the
/// parser hands a marked map of the value and its two places); a format
/// without places (JSON) gives the value at no place.
#[derive(Clone)]
pub struct SpannedSeed<S>(pub S);

const SPANNED_MARKER: &str = "__serde_saphyr_private_spanned";

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for SpannedSeed<S> {
    type Value = Spanned<S::Value>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_newtype_struct("__yaml_spanned", self)
    }
}

impl<'de, S: DeserializeSeed<'de>> Visitor<'de> for SpannedSeed<S> {
    type Value = Spanned<S::Value>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a record")
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(SpannedMap(self.0))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        SpannedMap(self.0).visit_map(map)
    }
}

struct SpannedMap<S>(S);

impl<'de, S: DeserializeSeed<'de>> Visitor<'de> for SpannedMap<S> {
    type Value = Spanned<S::Value>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let Some(first) = map.next_key::<String>()? else {
            let value = self.0.deserialize(de::value::MapAccessDeserializer::new(map))?;
            return Ok(Spanned::new(value, Location::UNKNOWN, Location::UNKNOWN));
        };
        if first != SPANNED_MARKER {
            let rest = Prepended { first: Some(first), tail: map };
            let value = self.0.deserialize(de::value::MapAccessDeserializer::new(rest))?;
            return Ok(Spanned::new(value, Location::UNKNOWN, Location::UNKNOWN));
        }
        map.next_value::<IgnoredAny>()?;
        let (mut value, mut referenced, mut defined) = (None, None, None);
        let mut seed = Some(self.0);
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "value" => match seed.take() {
                    Some(s) => value = Some(map.next_value_seed(s)?),
                    None => return Err(de::Error::duplicate_field("value")),
                },
                "referenced" => referenced = Some(map.next_value::<Location>()?),
                "defined" => defined = Some(map.next_value::<Location>()?),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let value = value.ok_or_else(|| de::Error::missing_field("value"))?;
        Ok(Spanned::new(value, referenced.unwrap_or(Location::UNKNOWN), defined.unwrap_or(Location::UNKNOWN)))
    }

    // A record that is not a mapping: the seed says what it expected.
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        let value = self.0.deserialize(de::value::StrDeserializer::<E>::new(v))?;
        Ok(Spanned::new(value, Location::UNKNOWN, Location::UNKNOWN))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        let value = self.0.deserialize(de::value::SeqAccessDeserializer::new(seq))?;
        Ok(Spanned::new(value, Location::UNKNOWN, Location::UNKNOWN))
    }
}

/// A map whose first key was already read.
struct Prepended<A> {
    first: Option<String>,
    tail: A,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Prepended<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        match self.first.take() {
            Some(first) => seed.deserialize(de::value::StringDeserializer::new(first)).map(Some),
            None => self.tail.next_key_seed(seed),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.tail.next_value_seed(seed)
    }
}

/// One record of a collection (or of a nested list), by its fields.
#[derive(Clone, Copy)]
pub struct RecordSeed<'f> {
    pub model: &'static Model,
    pub fields: &'static [model::Field],
    pub found: &'f Found,
}

impl<'de> DeserializeSeed<'de> for RecordSeed<'_> {
    type Value = Record;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Record, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for RecordSeed<'_> {
    type Value = Record;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a record: a mapping of its fields")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record, A::Error> {
        let fields = self.fields;
        let mut values: Vec<Option<Value>> = vec![None; fields.len()];
        while let Some(i) = map.next_key_seed(KeySeed { fields, seen: &values, found: self.found })? {
            let seed = FieldSeed { model: self.model, field: &fields[i], found: self.found };
            values[i] = Some(map.next_value_seed(seed)?);
        }
        let mut out = Vec::with_capacity(fields.len());
        for (f, v) in fields.iter().zip(values) {
            out.push(match v {
                Some(v) => v,
                None if f.required || f.kind == Kind::Id => {
                    return Err(self.found.fail(Problem::MissingField { field: f.name.clone() }));
                }
                None => absent(self.model, f),
            });
        }
        Ok(Record { values: out.into_boxed_slice() })
    }
}

/// A record's key, resolved to its field's slot where the parser reads it
/// (so that a problem with it is placed at the key).
struct KeySeed<'a, 'f> {
    fields: &'static [model::Field],
    seen: &'a [Option<Value>],
    found: &'f Found,
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_, '_> {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_, '_> {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field's name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<usize, E> {
        let Some(i) = self.fields.iter().position(|f| f.name == key) else {
            let expected = self.fields.iter().map(|f| f.name.clone()).collect();
            return Err(self.found.fail(Problem::UnknownField { field: key.to_string(), expected }));
        };
        if self.seen[i].is_some() {
            return Err(self.found.fail(Problem::DuplicateField { field: key.to_string() }));
        }
        Ok(i)
    }
}

/// What a field the data leaves out holds.
fn absent(model: &Model, f: &model::Field) -> Value {
    match (&f.kind, &f.default) {
        (_, Some(model::Default::Flag(b))) => Value::Bool(*b),
        (_, Some(model::Default::Count(n))) => Value::Int(*n),
        // A fixed value's default is one of its list, held as records hold it.
        (Kind::Value(l), Some(model::Default::Text(s))) => match model.values[*l].code(s) {
            Some(i) => Value::Code(model.values[*l].shared[i].clone()),
            None => Value::Text(s.as_str().into()),
        },
        (_, Some(model::Default::Text(s))) => Value::Text(s.as_str().into()),
        (Kind::Flag, None) => Value::Bool(false),
        (Kind::Refs(_), None) => Value::Ids(Box::default()),
        (Kind::Values(_), None) => Value::Codes(Box::default()),
        (Kind::Records(_), None) => Value::Records(Box::default()),
        _ => Value::Null,
    }
}

/// One field's value, read as its kind says.
#[derive(Clone, Copy)]
struct FieldSeed<'f> {
    model: &'static Model,
    field: &'static model::Field,
    found: &'f Found,
}

impl<'de> DeserializeSeed<'de> for FieldSeed<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        let f = self.field;
        let required = f.required || f.kind == Kind::Id;
        // A field that may be left out may also be `null`; one that must be
        // there must hold a value.
        macro_rules! read {
            ($ty:ty, $make:expr) => {{
                if required {
                    let v = <$ty>::deserialize(d)?;
                    $make(v)
                } else {
                    match Option::<$ty>::deserialize(d)? {
                        Some(v) => $make(v),
                        None => absent(self.model, f),
                    }
                }
            }};
        }
        Ok(match &f.kind {
            Kind::Id | Kind::Text | Kind::PersonName | Kind::Ref(_) | Kind::Link { .. } => {
                read!(String, |s: String| Value::Text(s.into_boxed_str()))
            }
            Kind::Flag => match Option::<bool>::deserialize(d)? {
                Some(b) => Value::Bool(b),
                None => absent(self.model, f),
            },
            Kind::Count { min, max } => {
                let seed = CountSeed { found: self.found };
                let n = if required { Some(seed.deserialize(d)?) } else { d.deserialize_option(OptionOf(seed))? };
                match n {
                    None => absent(self.model, f),
                    Some(n) if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) => {
                        let problem = Problem::OutOfBounds { field: f.name.clone(), value: n, min: *min, max: *max };
                        return Err(self.found.fail(problem));
                    }
                    Some(n) => Value::Int(n),
                }
            }
            Kind::Date | Kind::DateTime | Kind::Period => {
                let parse = match f.kind {
                    Kind::Date => date,
                    Kind::DateTime => time,
                    _ => period,
                };
                let seed = Parsed { parse, found: self.found };
                if required {
                    d.deserialize_str(seed)?
                } else {
                    match d.deserialize_option(OptionOf(seed))? {
                        Some(v) => v,
                        None => absent(self.model, f),
                    }
                }
            }
            Kind::Value(list) => {
                let seed = CodeSeed { list: &self.model.values[*list], found: self.found };
                if required {
                    Value::Code(d.deserialize_option(RequiredCode(seed))?)
                } else {
                    match d.deserialize_option(OptionOf(seed))? {
                        Some(code) => Value::Code(code),
                        None => absent(self.model, f),
                    }
                }
            }
            Kind::Values(list) => {
                let seed = CodeSeed { list: &self.model.values[*list], found: self.found };
                Value::Codes(Nullable(ListSeed(seed)).deserialize(d)?.into_boxed_slice())
            }
            Kind::Refs(_) => Value::Ids(Option::<Vec<String>>::deserialize(d)?.unwrap_or_default().into_boxed_slice()),
            Kind::Records(nested) => {
                let seed = RecordSeed { model: self.model, fields: &nested.fields, found: self.found };
                Value::Records(Nullable(ListSeed(seed)).deserialize(d)?.into_boxed_slice())
            }
            Kind::Origin(link) => {
                let seed = OriginSeed { list: &self.model.values[link.values], found: self.found };
                if required {
                    Value::Origin(Box::new(seed.deserialize(d)?))
                } else {
                    match d.deserialize_option(OptionOf(seed))? {
                        Some(o) => Value::Origin(Box::new(o)),
                        None => absent(self.model, f),
                    }
                }
            }
        })
    }
}

/// A seed's value, or `None` for `null`.
struct OptionOf<S>(S);

impl<'de, S: DeserializeSeed<'de>> Visitor<'de> for OptionOf<S> {
    type Value = Option<S::Value>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value or nothing")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.0.deserialize(d).map(Some)
    }
}

/// One of a list of fixed values, checked against it.
#[derive(Clone, Copy)]
struct CodeSeed<'f> {
    list: &'static model::ValueList,
    found: &'f Found,
}

impl<'de> DeserializeSeed<'de> for CodeSeed<'_> {
    type Value = std::sync::Arc<str>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for CodeSeed<'_> {
    type Value = std::sync::Arc<str>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "one of {}", self.list.codes.join(", "))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        match self.list.code(v) {
            Some(i) => Ok(self.list.shared[i].clone()),
            None => {
                let problem = Problem::UnknownValue { value: v.to_string(), expected: self.list.codes.clone() };
                Err(self.found.fail(problem))
            }
        }
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        self.visit_str(&v.to_string())
    }

    // `~` where a value must be: not one of the list.
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        self.visit_str("~")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        self.visit_str("~")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        self.visit_str(&v.to_string())
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        self.visit_str(if v { "true" } else { "false" })
    }
}

/// One of a list where a value must be: `null` is not one of it.
struct RequiredCode<'f>(CodeSeed<'f>);

impl<'de> Visitor<'de> for RequiredCode<'_> {
    type Value = std::sync::Arc<str>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.0.expecting(f)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        self.0.visit_str("~")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        self.0.visit_str("~")
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.0.deserialize(d)
    }
}

/// An origin: `{ kind, ref }`.
#[derive(Clone, Copy)]
struct OriginSeed<'f> {
    list: &'static model::ValueList,
    found: &'f Found,
}

impl<'de> DeserializeSeed<'de> for OriginSeed<'_> {
    type Value = Origin;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Origin, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for OriginSeed<'_> {
    type Value = Origin;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an origin: { kind, ref }")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Origin, A::Error> {
        let (mut kind, mut reference) = (None, None);
        while let Some(key) = map.next_key_seed(OriginKey { found: self.found })? {
            match key {
                "kind" if kind.is_some() => return Err(self.found.fail(Problem::DuplicateField { field: key.into() })),
                "kind" => kind = Some(map.next_value_seed(CodeSeed { list: self.list, found: self.found })?),
                _ if reference.is_some() => {
                    return Err(self.found.fail(Problem::DuplicateField { field: key.into() }));
                }
                _ => reference = Some(map.next_value::<Option<String>>()?),
            }
        }
        let kind = kind.ok_or_else(|| self.found.fail(Problem::MissingField { field: "kind".into() }))?;
        Ok(Origin { kind, reference: reference.flatten() })
    }
}

thread_local! {
    /// The model a `Dataset` nested in another file (a rule test's case) is
    /// read by, for the length of `reading_with`.
    static READING: std::cell::Cell<Option<&'static Model>> = const { std::cell::Cell::new(None) };
}

/// Runs `f` with datasets nested in what it reads read by `model`.
pub fn reading_with<T>(model: &'static Model, f: impl FnOnce() -> T) -> T {
    let before = READING.with(|r| r.replace(Some(model)));
    let out = f();
    READING.with(|r| r.set(before));
    out
}

/// A dataset inside another file (a rule test's case): read by the model
/// `reading_with` names, else the shipped one; a problem is its message.
impl<'de> Deserialize<'de> for Dataset {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Dataset, D::Error> {
        let model = READING.with(|r| r.get()).unwrap_or_else(Model::shipped_ref);
        DatasetSeed { model, found: &Found::default() }.deserialize(d)
    }
}

/// An origin's key (`kind` or `ref`), checked where the parser reads it.
struct OriginKey<'f> {
    found: &'f Found,
}

impl<'de> DeserializeSeed<'de> for OriginKey<'_> {
    type Value = &'static str;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<&'static str, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for OriginKey<'_> {
    type Value = &'static str;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("`kind` or `ref`")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<&'static str, E> {
        match key {
            "kind" => Ok("kind"),
            "ref" => Ok("ref"),
            _ => {
                let expected = vec!["kind".to_string(), "ref".to_string()];
                Err(self.found.fail(Problem::UnknownField { field: key.to_string(), expected }))
            }
        }
    }
}

/// A whole number; anything else a typed problem.
#[derive(Clone, Copy)]
struct CountSeed<'f> {
    found: &'f Found,
}

impl<'de> DeserializeSeed<'de> for CountSeed<'_> {
    type Value = i64;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<i64, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for CountSeed<'_> {
    type Value = i64;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a whole number")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
        Ok(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
        i64::try_from(v).map_err(|_| self.found.fail(Problem::NotACount { value: v.to_string() }))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<i64, E> {
        Err(self.found.fail(Problem::NotACount { value: v.to_string() }))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<i64, E> {
        Err(self.found.fail(Problem::NotACount { value: v.to_string() }))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<i64, E> {
        Err(self.found.fail(Problem::NotACount { value: v.to_string() }))
    }

    fn visit_unit<E: de::Error>(self) -> Result<i64, E> {
        Err(self.found.fail(Problem::NotACount { value: "null".to_string() }))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<i64, A::Error> {
        Err(self.found.fail(Problem::NotACount { value: "[…]".to_string() }))
    }

    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<i64, A::Error> {
        Err(self.found.fail(Problem::NotACount { value: "{…}".to_string() }))
    }
}

/// A value written as text and parsed by its kind: a date, a time, a period.
#[derive(Clone, Copy)]
struct Parsed<'f> {
    parse: fn(&str) -> Result<Value, Problem>,
    found: &'f Found,
}

impl<'de> DeserializeSeed<'de> for Parsed<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Parsed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        (self.parse)(v).map_err(|p| self.found.fail(p))
    }
}

/// A date as the data writes it (`2024-03-05`).
fn date(text: &str) -> Result<Value, Problem> {
    text.parse::<NaiveDate>().map(Value::Date).map_err(|e| Problem::NotADate {
        value: text.trim().to_string(),
        out_of_range: e.kind() == chrono::format::ParseErrorKind::OutOfRange,
    })
}

/// A date and time (`2024-03-05T09:30`, or `05/03/2024 09:30`).
fn time(text: &str) -> Result<Value, Problem> {
    Timestamp::parse(text).map(|t| Value::Time(t.0)).ok_or_else(|| Problem::NotATime { value: text.trim().into() })
}

/// A statistics period, in its one form.
fn period(text: &str) -> Result<Value, Problem> {
    Covered::parse(text)
        .map(|c| Value::Text(c.0.into_boxed_str()))
        .ok_or_else(|| Problem::NotAPeriod { value: text.trim().into() })
}
