//! A borrowed view of one field's value, so filters in Rust can compare
//! fields by name without allocating.

use chrono::NaiveDate;

use super::model::{AgentClass, CovertMeans, Origin, SurveyReport, Timestamp};

#[derive(Debug, Clone, Copy)]
pub enum Field<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Str(&'a str),
    Date(NaiveDate),
    Timestamp(Timestamp),
    Ids(&'a [String]),
    Means(&'a [CovertMeans]),
    Origin(&'a Origin),
    SurveyReports(&'a [SurveyReport]),
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
    Values(&'static [&'static str]),
    /// Nested records (a survey's reports): not compared.
    Nested,
}

pub trait AsField {
    const KIND: FieldKind;
    fn as_field(&self) -> Field<'_>;
}

impl AsField for String {
    const KIND: FieldKind = FieldKind::Text;
    fn as_field(&self) -> Field<'_> {
        Field::Str(self)
    }
}
impl AsField for bool {
    const KIND: FieldKind = FieldKind::Flag;
    fn as_field(&self) -> Field<'_> {
        Field::Bool(*self)
    }
}
impl AsField for NaiveDate {
    const KIND: FieldKind = FieldKind::Date;
    fn as_field(&self) -> Field<'_> {
        Field::Date(*self)
    }
}
impl AsField for super::model::Covered {
    const KIND: FieldKind = FieldKind::Text;
    fn as_field(&self) -> Field<'_> {
        Field::Str(&self.0)
    }
}
impl AsField for Timestamp {
    const KIND: FieldKind = FieldKind::Time;
    fn as_field(&self) -> Field<'_> {
        Field::Timestamp(*self)
    }
}
impl AsField for AgentClass {
    const KIND: FieldKind = FieldKind::Int;
    fn as_field(&self) -> Field<'_> {
        Field::Int(i64::from(self.0))
    }
}
impl AsField for Vec<String> {
    const KIND: FieldKind = FieldKind::Ids;
    fn as_field(&self) -> Field<'_> {
        Field::Ids(self)
    }
}
impl AsField for Vec<CovertMeans> {
    const KIND: FieldKind = FieldKind::Values(CovertMeans::ALL);
    fn as_field(&self) -> Field<'_> {
        Field::Means(self)
    }
}
impl AsField for Vec<SurveyReport> {
    const KIND: FieldKind = FieldKind::Nested;
    fn as_field(&self) -> Field<'_> {
        Field::SurveyReports(self)
    }
}
impl AsField for Origin {
    const KIND: FieldKind = FieldKind::Values(super::model::OriginKind::ALL);
    fn as_field(&self) -> Field<'_> {
        Field::Origin(self)
    }
}
impl<T: AsField> AsField for Option<T> {
    const KIND: FieldKind = T::KIND;
    fn as_field(&self) -> Field<'_> {
        self.as_ref().map_or(Field::Null, AsField::as_field)
    }
}
