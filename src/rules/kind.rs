//! Parameter kinds: what a rule's parameter may be (a share, a count, a time,
//! values of a data-model field, …) and the check of every value written for
//! it, in a rule's header and in each directive overlay. A value that does not
//! fit its kind is an error where it is written, never a quietly different
//! threshold: `70` for a share is not 7000%.

use chrono::NaiveTime;

use super::meta::ParamValue;
use crate::dataset::field::FieldKind;
use crate::i18n::{Msg, t};

/// What a parameter holds. Written in a rule header as `kind: share`, or
/// inferred from a terse default where that is safe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamKind {
    /// A proportion, 0–100%: `0.7`, `70%` or `"70%"`.
    Share,
    /// A whole number ≥ 0.
    Count,
    /// Any number.
    Number,
    /// A time of day, `"HH:MM"`.
    Time,
    /// A date, `YYYY-MM-DD`.
    Date,
    /// `true` or `false`.
    Flag,
    /// Free text.
    Text,
    /// A list of texts (record ids, labels).
    Ids,
    /// A list of values of a data-model field with fixed values
    /// (`arrests.severity`).
    Values { field: String, allowed: &'static [String] },
}

/// Why a value does not fit its kind: what to say, what to underline
/// (a list's element, when one is at fault), and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Misfit {
    pub message: String,
    /// The offending element's text within the value, when the value is a list.
    pub element: Option<String>,
    pub label: String,
    pub help: String,
}

impl Misfit {
    fn new(message: impl Into<String>, label: impl Into<String>, help: impl Into<String>) -> Misfit {
        Misfit { message: message.into(), element: None, label: label.into(), help: help.into() }
    }
}

/// The kinds a header can name, for help texts.
pub fn kind_names() -> String {
    t(Msg::KindNames)
}

impl ParamKind {
    /// The kind a header names: one of the plain kinds or `collection.field`.
    pub fn parse(name: &str, model: &'static crate::model::Model) -> Result<ParamKind, String> {
        Ok(match name.trim() {
            "share" => ParamKind::Share,
            "count" => ParamKind::Count,
            "number" => ParamKind::Number,
            "time" => ParamKind::Time,
            "date" => ParamKind::Date,
            "flag" => ParamKind::Flag,
            "text" => ParamKind::Text,
            "ids" => ParamKind::Ids,
            other => {
                let Some((collection, field)) = other.split_once('.') else {
                    let near = crate::diagnostic::closest(
                        other,
                        &["share", "count", "number", "time", "date", "flag", "text", "ids"],
                    );
                    let kinds = t(Msg::KindIsOneOf { kinds: &kind_names() });
                    return Err(crate::diagnostic::did_you_mean(near, &kinds));
                };
                match crate::rules::api::view::field_kind(model, collection, field).map_err(|e| e.to_string())? {
                    FieldKind::Values(allowed) => ParamKind::Values { field: other.to_string(), allowed },
                    _ => {
                        return Err(t(Msg::KindNoFixedValues { field: other, kinds: &kind_names() }));
                    }
                }
            }
        })
    }

    #[cfg(test)]
    fn parse_shipped(name: &str) -> Result<ParamKind, String> {
        ParamKind::parse(name, crate::model::Model::shipped_ref())
    }

    /// The kind a terse default (`min_share: 0.6`) implies, when it implies
    /// one safely; None when the header must say.
    pub fn infer(value: &ParamValue) -> Option<ParamKind> {
        Some(match value {
            ParamValue::Bool(_) => ParamKind::Flag,
            ParamValue::Int(n) if *n >= 0 => ParamKind::Count,
            ParamValue::Int(_) => ParamKind::Number,
            ParamValue::Float(x) if (0.0..=1.0).contains(x) => ParamKind::Share,
            ParamValue::Float(_) => ParamKind::Number,
            ParamValue::Text(t) if t.trim_end().ends_with('%') => ParamKind::Share,
            ParamValue::Text(t) if parse_time(t).is_some() => ParamKind::Time,
            ParamValue::Text(t) if crate::dataset::calendar::parse_date(t).is_some() => ParamKind::Date,
            // Plain text could be a misspelt number or a value of a field:
            // the header must say which.
            ParamValue::Text(_) => return None,
            ParamValue::List(items) if items.iter().all(|i| matches!(i, ParamValue::Text(_))) => ParamKind::Ids,
            ParamValue::List(_) | ParamValue::Map(_) => return None,
        })
    }

    pub fn name(&self) -> &str {
        match self {
            ParamKind::Share => "share",
            ParamKind::Count => "count",
            ParamKind::Number => "number",
            ParamKind::Time => "time",
            ParamKind::Date => "date",
            ParamKind::Flag => "flag",
            ParamKind::Text => "text",
            ParamKind::Ids => "ids",
            ParamKind::Values { field, .. } => field,
        }
    }

    /// Whether a rule receives it as a number that remembers its name.
    pub fn is_numeric(&self) -> bool {
        matches!(self, ParamKind::Share | ParamKind::Count | ParamKind::Number)
    }

    /// The value as a reader writes it: a share as a percentage.
    pub fn display(&self, value: &ParamValue) -> String {
        match (self, value) {
            (ParamKind::Share, ParamValue::Float(x)) => crate::outcome::exact_percent(*x),
            _ => value.display(),
        }
    }

    /// Checks a written value against the kind and returns it in the form
    /// rules receive: shares as exact decimals (`"70%"` → 0.7), times and
    /// dates normalised, a single value of a list kind as a list of one.
    /// Every misfit is returned, one per offending list element.
    pub fn check(&self, value: &ParamValue) -> Result<ParamValue, Vec<Misfit>> {
        let one = |m: Misfit| Err(vec![m]);
        match self {
            ParamKind::Share => share(value).map(ParamValue::Float).map_err(|m| vec![m]),
            ParamKind::Count => match value {
                ParamValue::Int(n) if *n >= 0 => Ok(ParamValue::Int(*n)),
                ParamValue::Float(x) if *x >= 0.0 && x.fract() == 0.0 && *x < 9.0e15 => Ok(ParamValue::Int(*x as i64)),
                ParamValue::Int(_) | ParamValue::Float(_) if value.as_f64().is_some_and(|x| x < 0.0) => {
                    one(Misfit::new(
                        t(Msg::CountNegative { value: &value.display() }),
                        t(Msg::LabelNegative),
                        t(Msg::WriteWholeZeroOrMore),
                    ))
                }
                ParamValue::Float(_) => one(Misfit::new(
                    t(Msg::CountNotWhole { value: &value.display() }),
                    t(Msg::LabelNotWhole),
                    t(Msg::WriteWholeNotShare),
                )),
                other => one(wrong_form(other, Msg::WantCount, Msg::FormWhole)),
            },
            ParamKind::Number => match value {
                ParamValue::Int(_) | ParamValue::Float(_) => Ok(value.clone()),
                other => one(wrong_form(other, Msg::WantNumber, Msg::FormNumber)),
            },
            ParamKind::Time => match value {
                ParamValue::Text(text) => {
                    parse_time(text).map(|time| ParamValue::Text(time.format("%H:%M").to_string())).ok_or_else(|| {
                        vec![Misfit::new(t(Msg::NotATime { value: text }), t(Msg::LabelNotHhMm), t(Msg::WriteTime))]
                    })
                }
                other => one(wrong_form(other, Msg::WantTime, Msg::FormTime)),
            },
            ParamKind::Date => match value {
                ParamValue::Text(text) => {
                    // Either way it is typed, rules receive `YYYY-MM-DD`.
                    crate::dataset::calendar::parse_date(text).map(|d| ParamValue::Text(d.to_string())).ok_or_else(
                        || {
                            vec![Misfit::new(
                                t(Msg::NotADate { value: text }),
                                t(Msg::LabelNotADate),
                                t(Msg::WriteDateEither),
                            )]
                        },
                    )
                }
                other => one(wrong_form(other, Msg::WantDate, Msg::FormDate)),
            },
            ParamKind::Flag => match value {
                ParamValue::Bool(_) => Ok(value.clone()),
                other => one(wrong_form(other, Msg::WantFlag, Msg::FormFlag)),
            },
            ParamKind::Text => match value {
                ParamValue::Text(_) => Ok(value.clone()),
                other => one(wrong_form(other, Msg::WantText, Msg::FormText)),
            },
            ParamKind::Ids => list(value, |item| match item {
                ParamValue::Text(_) => Ok(()),
                other => Err(Misfit { element: Some(other.display()), ..wrong_form(other, Msg::WantId, Msg::FormId) }),
            }),
            ParamKind::Values { field, allowed } => list(value, |item| match item {
                ParamValue::Text(t) if allowed.iter().any(|a| a == t) => Ok(()),
                other => {
                    let given = other.display();
                    let names: Vec<&str> = allowed.iter().map(String::as_str).collect();
                    let near = crate::diagnostic::closest(&given, &names);
                    let help = t(Msg::ValuesOf { field, values: &allowed.join(", ") });
                    Err(Misfit {
                        message: t(Msg::NotAValueOf { value: &given, field }),
                        element: Some(given),
                        label: t(Msg::LabelUnknownValue),
                        help: crate::diagnostic::did_you_mean(near, &help),
                    })
                }
            }),
        }
    }
}

/// A list kind's value: every element checked, a lone value read as a list of one.
fn list(value: &ParamValue, each: impl Fn(&ParamValue) -> Result<(), Misfit>) -> Result<ParamValue, Vec<Misfit>> {
    let items = match value {
        ParamValue::List(items) => items.clone(),
        ParamValue::Map(_) => return Err(vec![wrong_form(value, Msg::WantList, Msg::FormList)]),
        single => vec![single.clone()],
    };
    let misfits: Vec<Misfit> = items.iter().filter_map(|i| each(i).err()).collect();
    if misfits.is_empty() { Ok(ParamValue::List(items)) } else { Err(misfits) }
}

fn wrong_form(value: &ParamValue, want: Msg<'_>, help: Msg<'_>) -> Misfit {
    let want = t(want);
    Misfit::new(
        t(Msg::ExpectedNot { want: &want, kind: value.type_name(), value: &value.display() }),
        t(Msg::LabelNot { want: &want }),
        t(help),
    )
}

fn parse_time(text: &str) -> Option<NaiveTime> {
    let text = text.trim();
    // "HH:MM" only: a bare number is not a time.
    if !text.contains(':') || text.len() > 5 {
        return None;
    }
    NaiveTime::parse_from_str(text, "%H:%M").ok()
}

/// A share as the exact decimal it was written as: `0.7`, `70%`, `"70,5%"`.
fn share(value: &ParamValue) -> Result<f64, Misfit> {
    let over = |shown: &str| {
        Misfit::new(
            t(Msg::ShareOverOne { value: shown }),
            t(Msg::LabelOver100),
            match shown.parse::<f64>() {
                Ok(x) if x <= 100.0 => t(Msg::DidYouMeanPercent { value: shown, decimal: &(x / 100.0).to_string() }),
                _ => t(Msg::WriteShare),
            },
        )
    };
    let negative =
        |shown: &str| Misfit::new(t(Msg::ShareNegative { value: shown }), t(Msg::LabelNegative), t(Msg::Write0To100));
    match value {
        ParamValue::Int(n) if (0..=1).contains(n) => Ok(*n as f64),
        ParamValue::Float(x) if (0.0..=1.0).contains(x) => Ok(*x),
        ParamValue::Int(_) | ParamValue::Float(_) => {
            let shown = value.display();
            if value.as_f64().is_some_and(|x| x < 0.0) { Err(negative(&shown)) } else { Err(over(&shown)) }
        }
        ParamValue::Text(text) => {
            let trimmed = text.trim();
            let (number, percent) = match trimmed.strip_suffix('%') {
                Some(n) => (n.trim_end(), true),
                None => (trimmed, false),
            };
            // A decimal comma reads as the decimal point (Vietnamese style).
            let number = number.replacen(',', ".", 1);
            let valid = !number.is_empty()
                && number.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-')
                && number.parse::<f64>().is_ok();
            if !valid {
                return Err(Misfit::new(t(Msg::NotAShare { value: text }), t(Msg::LabelNotAShare), t(Msg::WriteShare)));
            }
            // Shifting the decimal text keeps the value exactly as written.
            let x: f64 = if percent { format!("{number}e-2").parse() } else { number.parse() }.unwrap_or(f64::NAN);
            if x < 0.0 {
                Err(negative(trimmed))
            } else if x > 1.0 {
                Err(if percent {
                    Misfit::new(t(Msg::ShareOver100 { value: trimmed }), t(Msg::LabelOver100), t(Msg::ShareAtMost100))
                } else {
                    over(&number)
                })
            } else {
                Ok(x)
            }
        }
        other => Err(wrong_form(other, Msg::WantShare, Msg::FormShare)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, with};

    fn text(t: &str) -> ParamValue {
        ParamValue::Text(t.into())
    }

    #[test]
    fn a_share_reads_decimals_and_percentages_exactly() {
        let k = ParamKind::Share;
        assert_eq!(k.check(&ParamValue::Float(0.7)), Ok(ParamValue::Float(0.7)));
        assert_eq!(k.check(&text("70%")), Ok(ParamValue::Float(0.7)));
        assert_eq!(k.check(&text(" 97,5 %")), Ok(ParamValue::Float(0.975)));
        assert_eq!(k.check(&text("33.333%")), Ok(ParamValue::Float(0.33333)));
        assert_eq!(k.check(&ParamValue::Int(1)), Ok(ParamValue::Float(1.0)));
        assert_eq!(k.check(&text("100%")), Ok(ParamValue::Float(1.0)));
    }

    #[test]
    fn a_share_over_one_without_a_percent_sign_is_refused_with_a_hint() {
        with(Lang::En, || {
            let m = ParamKind::Share.check(&ParamValue::Int(70)).unwrap_err();
            assert_eq!(m[0].help, "did you mean 70%? Write `70%` or 0.7");
            assert!(ParamKind::Share.check(&text("170%")).is_err());
            assert!(ParamKind::Share.check(&text("sixty")).is_err());
            assert!(ParamKind::Share.check(&ParamValue::Float(-0.1)).is_err());
            assert!(ParamKind::Share.check(&ParamValue::Float(1.01)).is_err());
        });
    }

    #[test]
    fn a_count_is_whole_and_not_negative() {
        let k = ParamKind::Count;
        assert_eq!(k.check(&ParamValue::Int(2)), Ok(ParamValue::Int(2)));
        assert!(k.check(&ParamValue::Float(2.5)).is_err());
        assert!(k.check(&ParamValue::Int(-1)).is_err());
        assert!(k.check(&text("2")).is_err());
    }

    #[test]
    fn times_and_dates_have_one_form() {
        assert_eq!(ParamKind::Time.check(&text("9:05")), Ok(text("09:05")));
        assert!(ParamKind::Time.check(&text("25:00")).is_err());
        assert!(ParamKind::Time.check(&ParamValue::Int(660)).is_err());
        assert!(ParamKind::Time.check(&text("1100")).is_err());
        assert_eq!(ParamKind::Date.check(&text("2024-06-30")), Ok(text("2024-06-30")));
        assert!(ParamKind::Date.check(&text("2024-06-31")).is_err());
    }

    #[test]
    fn values_of_a_field_name_the_allowed_ones_and_the_nearest() {
        with(Lang::En, || {
            let k = ParamKind::parse_shipped("arrests.severity").unwrap();
            let ok = ParamValue::List(vec![text("very_serious"), text("especially_serious")]);
            assert_eq!(k.check(&ok), Ok(ok.clone()));
            let bad = ParamValue::List(vec![text("very_serius"), text("minor")]);
            let misfits = k.check(&bad).unwrap_err();
            assert_eq!(misfits.len(), 2);
            assert_eq!(misfits[0].element.as_deref(), Some("very_serius"));
            assert_eq!(
                misfits[0].help,
                "did you mean `very_serious`? The values of arrests.severity are: less_serious, serious, very_serious, \
                 especially_serious"
            );
            assert!(misfits[1].help.starts_with("the values of arrests.severity are: less_serious"));
            assert_eq!(k.check(&text("serious")), Ok(ParamValue::List(vec![text("serious")])));
        });
    }

    #[test]
    fn kinds_are_named_or_refused() {
        with(Lang::En, || {
            assert_eq!(ParamKind::parse_shipped("share"), Ok(ParamKind::Share));
            assert!(ParamKind::parse_shipped("shares").unwrap_err().starts_with("did you mean `share`?"));
            assert!(ParamKind::parse_shipped("arrests.date").is_err());
            assert!(ParamKind::parse_shipped("arrest.severity").is_err());
            assert!(ParamKind::parse_shipped("arrests.sevrity").is_err());
        });
    }

    #[test]
    fn terse_defaults_infer_only_safe_kinds() {
        assert_eq!(ParamKind::infer(&ParamValue::Float(0.6)), Some(ParamKind::Share));
        assert_eq!(ParamKind::infer(&text("60%")), Some(ParamKind::Share));
        assert_eq!(ParamKind::infer(&ParamValue::Int(2)), Some(ParamKind::Count));
        assert_eq!(ParamKind::infer(&text("11:00")), Some(ParamKind::Time));
        assert_eq!(ParamKind::infer(&text("2024-06-30")), Some(ParamKind::Date));
        assert_eq!(ParamKind::infer(&ParamValue::List(vec![ParamValue::Int(1)])), None);
        assert_eq!(ParamKind::infer(&text("sixty")), None, "plain text may be a misspelt share");
    }
}
