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

pub trait AsField {
    fn as_field(&self) -> Field<'_>;
}

impl AsField for String {
    fn as_field(&self) -> Field<'_> {
        Field::Str(self)
    }
}
impl AsField for bool {
    fn as_field(&self) -> Field<'_> {
        Field::Bool(*self)
    }
}
impl AsField for NaiveDate {
    fn as_field(&self) -> Field<'_> {
        Field::Date(*self)
    }
}
impl AsField for Timestamp {
    fn as_field(&self) -> Field<'_> {
        Field::Timestamp(*self)
    }
}
impl AsField for AgentClass {
    fn as_field(&self) -> Field<'_> {
        Field::Int(i64::from(self.0))
    }
}
impl AsField for Vec<String> {
    fn as_field(&self) -> Field<'_> {
        Field::Ids(self)
    }
}
impl AsField for Vec<CovertMeans> {
    fn as_field(&self) -> Field<'_> {
        Field::Means(self)
    }
}
impl AsField for Vec<SurveyReport> {
    fn as_field(&self) -> Field<'_> {
        Field::SurveyReports(self)
    }
}
impl AsField for Origin {
    fn as_field(&self) -> Field<'_> {
        Field::Origin(self)
    }
}
impl<T: AsField> AsField for Option<T> {
    fn as_field(&self) -> Field<'_> {
        self.as_ref().map_or(Field::Null, AsField::as_field)
    }
}
