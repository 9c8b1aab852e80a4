//! What is wrong with a file the loader reads, typed where it arises: the
//! model's own problems (a field it lacks, a value its list does not hold),
//! found by the seeds, and the parser's, taken from the variant of the
//! parser's typed error. Each says its code, message, label and help in the
//! run's language; nothing here reads a message back.

use std::fmt;

use serde_saphyr::{Location, MessageFormatter};

use crate::i18n::{Msg, t};

/// The shape a value has in YAML or JSON, where another was expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Keys and values (`key: value`).
    Mapping,
    /// Items (`- …`).
    List,
    /// One value written on its line.
    Text,
}

/// A value that does not fit, as the loader found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A key the record's collection (or the file) does not have.
    UnknownField { field: String, expected: Vec<String> },
    /// A value its list does not hold.
    UnknownValue { value: String, expected: Vec<String> },
    /// A required field left out.
    MissingField { field: String },
    /// A field given twice in one record.
    DuplicateField { field: String },
    /// Not a date (`out_of_range`: a day no calendar has, 30 February).
    NotADate { value: String, out_of_range: bool },
    /// Not a date and time.
    NotATime { value: String },
    /// Not a statistics period (a report's `covers`).
    NotAPeriod { value: String },
    /// Not a whole number where a count must be.
    NotACount { value: String },
    /// Not `true` or `false` where a flag must be.
    NotAFlag { value: String },
    /// A whole number out of its field's bounds.
    OutOfBounds { field: String, value: i64, min: Option<i64>, max: Option<i64> },
    /// A value of one shape where the file needs another (a list where a
    /// text goes); `top`: at the file's first level.
    Expected { shape: Shape, top: bool },
    /// A value of another type than its place takes, in serde's words for
    /// both (`sequence`, `one of A, B`).
    WrongType { found: String, expected: String },
    /// A value its own type refused, in that type's words.
    Refused { what: String },
    /// A JSON value its place does not take, in serde_json's words.
    JsonData { what: String },
    /// Past what one file may hold (depth, size, aliases).
    Limit { what: String },
    /// Not YAML or JSON, in the parser's words.
    Syntax { what: String },
}

impl Problem {
    /// The problem a YAML parser's error stands for. `written` gives the
    /// text at a place of the file (what a value that is not a number says).
    pub fn from_yaml(e: &serde_saphyr::Error, written: &dyn Fn(Location) -> String) -> Problem {
        use serde_saphyr::Error as E;
        let e = innermost(e);
        let words = || serde_saphyr::DefaultMessageFormatter.format_message(e).into_owned();
        let list = |names: &[&str]| names.iter().map(ToString::to_string).collect();
        match e {
            E::SerdeUnknownField { field, expected, .. } => {
                Problem::UnknownField { field: field.clone(), expected: list(expected) }
            }
            E::SerdeUnknownVariant { variant, expected, .. } => {
                Problem::UnknownValue { value: variant.clone(), expected: list(expected) }
            }
            E::SerdeMissingField { field, .. } => Problem::MissingField { field: field.to_string() },
            E::DuplicateMappingKey { key: Some(key), .. } => Problem::DuplicateField { field: key.clone() },
            E::SerdeInvalidType { unexpected, expected, .. } | E::SerdeInvalidValue { unexpected, expected, .. } => {
                Problem::WrongType { found: unexpected.clone(), expected: expected.clone() }
            }
            E::InvalidBooleanStrict { location } | E::InvalidScalar { ty: "boolean" | "bool", location } => {
                Problem::NotAFlag { value: written(*location) }
            }
            E::InvalidScalar { ty, location } if WHOLE_NUMBERS.contains(ty) => {
                Problem::NotACount { value: written(*location) }
            }
            E::InvalidScalar { ty, location } => {
                Problem::WrongType { found: format!("`{}`", written(*location)), expected: ty.to_string() }
            }
            E::Unexpected { expected, location } => {
                let top = location.column() <= 1;
                match *expected {
                    "mapping start" | "mapping" => Problem::Expected { shape: Shape::Mapping, top },
                    "sequence start" | "sequence" => Problem::Expected { shape: Shape::List, top },
                    "string scalar" | "scalar" => Problem::Expected { shape: Shape::Text, top },
                    _ => Problem::Syntax { what: words() },
                }
            }
            E::Budget { .. }
            | E::AliasReplayCounterOverflow { .. }
            | E::AliasReplayLimitExceeded { .. }
            | E::AliasExpansionLimitExceeded { .. }
            | E::AliasReplayStackDepthExceeded { .. } => Problem::Limit { what: words() },
            E::ExternalMessage { source, .. }
                if matches!(
                    source.as_ref(),
                    serde_saphyr::ExternalMessageSource::Parser(scan)
                        if matches!(scan.kind(), serde_saphyr::granit_parser::ErrorKind::RecursionLimitExceeded)
                ) =>
            {
                Problem::Limit { what: words() }
            }
            E::Message { msg, .. } => Problem::Refused { what: msg.clone() },
            _ => Problem::Syntax { what: words() },
        }
    }

    /// The problem a JSON parser's error stands for: its syntax, or a value
    /// its place does not take, in serde_json's words.
    pub fn from_json(e: &serde_json::Error) -> Problem {
        let text = e.to_string();
        // serde_json adds where it is; diagnostics show that themselves.
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        let what = text.strip_suffix(&suffix).unwrap_or(&text).to_string();
        match e.classify() {
            serde_json::error::Category::Data => Problem::JsonData { what },
            _ => Problem::Syntax { what },
        }
    }

    /// Its code, as diagnostics name it.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::UnknownField { .. } => "data::unknown-field",
            Problem::UnknownValue { .. } => "data::unknown-value",
            Problem::MissingField { .. } => "data::missing-field",
            Problem::DuplicateField { .. } => "data::duplicate-key",
            Problem::OutOfBounds { .. }
            | Problem::NotACount { .. }
            | Problem::NotAFlag { .. }
            | Problem::NotADate { .. }
            | Problem::NotATime { .. }
            | Problem::NotAPeriod { .. }
            | Problem::WrongType { .. }
            | Problem::Refused { .. }
            | Problem::JsonData { .. } => "data::invalid-value",
            Problem::Limit { .. } => "data::limit",
            Problem::Expected { .. } | Problem::Syntax { .. } => "data::syntax",
        }
    }

    /// What is wrong, in the run's language.
    pub fn message(&self) -> String {
        match self {
            Problem::UnknownField { field, expected } => {
                t(Msg::YamlUnknownField { field, expected: &expected.join(", ") })
            }
            Problem::UnknownValue { value, expected } => {
                t(Msg::YamlUnknownValue { value, expected: &expected.join(", ") })
            }
            Problem::MissingField { field } => t(Msg::YamlMissingField { field }),
            Problem::DuplicateField { field } => t(Msg::YamlDuplicateField { field }),
            Problem::NotACount { value } => t(Msg::CellNotInt { value }),
            Problem::NotAFlag { value } => t(Msg::YamlInvalidBool { value }),
            Problem::NotADate { value, out_of_range: true } => t(Msg::YamlOutOfRange { value }),
            Problem::NotADate { value, .. } => t(Msg::NotADateText { value }),
            Problem::NotATime { value } => t(Msg::NotADateTime { value }),
            Problem::NotAPeriod { value } => t(Msg::NotACovered { value }),
            Problem::OutOfBounds { field, value, min, max } => {
                let value = &value.to_string();
                match (min, max) {
                    // A few values: each named (`1, 2 hoặc 3`).
                    (Some(min), Some(max)) if max > min && max.checked_sub(*min).is_some_and(|d| d < 10) => {
                        let first: Vec<String> = (*min..*max).map(|n| n.to_string()).collect();
                        t(Msg::CountOneOf { field, first: &first.join(", "), last: &max.to_string(), value })
                    }
                    (Some(min), Some(max)) => {
                        t(Msg::CountBetween { field, min: &min.to_string(), max: &max.to_string(), value })
                    }
                    (Some(min), None) => t(Msg::CountAtLeast { field, min: &min.to_string(), value }),
                    (None, Some(max)) => t(Msg::CountAtMost { field, max: &max.to_string(), value }),
                    (None, None) => value.clone(),
                }
            }
            Problem::Expected { shape, .. } => t(match shape {
                Shape::Mapping => Msg::ExpectedMapping,
                Shape::List => Msg::ExpectedItems,
                Shape::Text => Msg::ExpectedValue,
            }),
            Problem::WrongType { found, expected } => t(Msg::YamlInvalidType { found, expected }),
            Problem::JsonData { what } => t(Msg::JsonData { what }),
            Problem::Refused { what } | Problem::Limit { what } | Problem::Syntax { what } => what.clone(),
        }
    }

    /// The label under the place.
    pub fn label(&self) -> String {
        t(match self {
            Problem::UnknownField { .. } => Msg::LabelUnknownField,
            Problem::UnknownValue { .. } => Msg::LabelNotAllowed,
            Problem::MissingField { .. } => Msg::LabelInThisRecord,
            Problem::DuplicateField { .. } => Msg::LabelDuplicateKey,
            Problem::NotADate { out_of_range: true, .. } => Msg::LabelNotARealDate,
            Problem::NotACount { .. }
            | Problem::NotAFlag { .. }
            | Problem::NotADate { .. }
            | Problem::WrongType { .. }
            | Problem::Refused { .. }
            | Problem::JsonData { .. } => Msg::LabelWrongType,
            Problem::Limit { .. } => Msg::LabelLimit,
            Problem::OutOfBounds { .. }
            | Problem::NotATime { .. }
            | Problem::NotAPeriod { .. }
            | Problem::Expected { .. }
            | Problem::Syntax { .. } => Msg::LabelHere,
        })
    }

    /// What to do about it.
    pub fn help(&self) -> String {
        match self {
            Problem::UnknownField { field, expected } => {
                let names: Vec<&str> = expected.iter().map(String::as_str).collect();
                match closest_within(field, &names, 2) {
                    Some(near) => t(Msg::HelpFieldNear { near }),
                    None => t(Msg::HelpFieldNames),
                }
            }
            Problem::UnknownValue { .. } => t(Msg::HelpValuesAbove),
            Problem::MissingField { .. } => t(Msg::HelpAddField),
            Problem::NotACount { .. }
            | Problem::NotAFlag { .. }
            | Problem::NotADate { .. }
            | Problem::WrongType { .. }
            | Problem::Refused { .. }
            | Problem::JsonData { .. } => t(Msg::HelpValueForms),
            Problem::Limit { .. } => t(Msg::HelpLimit),
            Problem::Expected { shape: Shape::Mapping, top: true } => t(Msg::HelpMapping),
            Problem::DuplicateField { .. }
            | Problem::OutOfBounds { .. }
            | Problem::NotATime { .. }
            | Problem::NotAPeriod { .. }
            | Problem::Expected { .. }
            | Problem::Syntax { .. } => t(Msg::HelpSyntax),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

/// The types serde-saphyr names for a whole number it could not read.
const WHOLE_NUMBERS: [&str; 12] =
    ["i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize"];

/// The error inside serde-saphyr's wrappers (snippets, aliases).
pub fn innermost(mut e: &serde_saphyr::Error) -> &serde_saphyr::Error {
    while let serde_saphyr::Error::WithSnippet { error, .. } | serde_saphyr::Error::AliasError { error, .. } = e {
        e = error;
    }
    e
}

/// The nearest of `names` to `given`, at most `most` edits away.
fn closest_within<'a>(given: &str, names: &[&'a str], most: usize) -> Option<&'a str> {
    names.iter().map(|n| (strsim::levenshtein(given, n), *n)).filter(|(d, _)| *d <= most).min().map(|(_, n)| n)
}
