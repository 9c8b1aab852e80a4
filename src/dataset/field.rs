//! A borrowed view of one field's value, so filters in Rust can compare
//! fields without allocating, and what values a field holds.

use std::sync::Arc;

use chrono::NaiveDate;

use super::record::{Origin, Record, Timestamp};
use crate::model::{Kind, Model};

#[derive(Debug, Clone, Copy)]
pub enum Field<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Str(&'a str),
    Date(NaiveDate),
    Timestamp(Timestamp),
    Ids(&'a [String]),
    /// Several of a list of fixed values.
    Codes(&'a [Arc<str>]),
    Origin(&'a Origin),
    Records(&'a [Record]),
}

impl Field<'_> {
    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            Field::Date(d) => Some(*d),
            Field::Timestamp(t) => Some(t.0.date()),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Field::Null)
    }
}

/// What values a field of the data model holds: what a rule may compare it
/// with, and what a parameter naming `collection.field` may list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    Flag,
    Int,
    Date,
    Time,
    /// A list of ids: compared with one id (contains) or several.
    Ids,
    /// One of fixed values, or a list of them (an origin compares its kind).
    Values(&'static [String]),
    /// Nested records (a survey's reports): not compared.
    Nested,
}

impl FieldKind {
    /// The kind of a model's field as rules compare it.
    pub fn of(model: &'static Model, kind: &'static Kind) -> FieldKind {
        match kind {
            Kind::Id | Kind::Text | Kind::PersonName | Kind::Period | Kind::Ref(_) | Kind::Link { .. } => {
                FieldKind::Text
            }
            Kind::Flag => FieldKind::Flag,
            Kind::Count { .. } => FieldKind::Int,
            Kind::Date => FieldKind::Date,
            Kind::DateTime => FieldKind::Time,
            Kind::Refs(_) => FieldKind::Ids,
            Kind::Value(l) | Kind::Values(l) => FieldKind::Values(&model.values[*l].codes),
            Kind::Origin(link) => FieldKind::Values(&model.values[link.values].codes),
            Kind::Records(_) => FieldKind::Nested,
        }
    }
}

/// A field, or a part of an origin (`origin.kind`, `origin.ref`), resolved
/// to its slot in a collection's records once, by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub index: usize,
    pub part: Part,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Whole,
    OriginKind,
    OriginRef,
}

impl Slot {
    /// The slot of `name` in collection `c` of `model`, and its kind; None
    /// when the collection has no such field.
    pub fn resolve(model: &'static Model, c: usize, name: &str) -> Option<(Slot, FieldKind)> {
        let coll = &model.collections[c];
        let (field, part) = match name.split_once('.') {
            Some((field, "kind")) => (field, Part::OriginKind),
            Some((field, "ref")) => (field, Part::OriginRef),
            Some(_) => return None,
            None => (name, Part::Whole),
        };
        let index = coll.field(field)?;
        let kind = &coll.fields[index].kind;
        let kind = match (part, kind) {
            (Part::Whole, k) => FieldKind::of(model, k),
            (Part::OriginKind, k @ Kind::Origin(_)) => FieldKind::of(model, k),
            (Part::OriginRef, Kind::Origin(_)) => FieldKind::Text,
            _ => return None,
        };
        Some((Slot { index, part }, kind))
    }

    /// The field of `record` this slot names.
    pub fn of<'a>(&self, record: &'a Record) -> Field<'a> {
        let value = record.get(self.index);
        match (self.part, value) {
            (Part::Whole, v) => v,
            (Part::OriginKind, Field::Origin(o)) => Field::Str(&o.kind),
            (Part::OriginRef, Field::Origin(o)) => o.reference.as_deref().map_or(Field::Null, Field::Str),
            _ => Field::Null,
        }
    }
}
