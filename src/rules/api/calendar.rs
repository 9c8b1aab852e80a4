//! Date helpers for rules. Dates are texts `YYYY-MM-DD` (times
//! `YYYY-MM-DDTHH:MM`), so they also compare correctly as plain text.

use chrono::{Datelike, Duration, NaiveDate};
use std::rc::Rc;

use rhai::{Array, Dynamic, Engine, ImmutableString, Map};

use super::Data;
use super::records::RhaiResult;
use crate::dataset::calendar::{StatMonth, iso_date, stat_months};
use crate::dataset::record::Period;
use crate::i18n::{Msg, t};

fn date(text: &str) -> RhaiResult<NaiveDate> {
    let day = text.get(..10).unwrap_or(text);
    day.parse::<NaiveDate>().map_err(|_| t(Msg::NotADateText { value: text }).into())
}

/// A statistics month or an ISO week, as the calendar lists give them
/// (`stat_months()`, `ended_weeks()`, …): read-only, with its texts made
/// once and shared by every rule and unit that takes the list. A field it
/// does not have is an error, not `()`.
#[derive(Debug, Clone, PartialEq)]
pub struct CalendarPeriod(Rc<Slot>);

#[derive(Debug, PartialEq)]
struct Slot {
    label: ImmutableString,
    /// A month's first and last day; None for a week, whose Wednesday is
    /// its due day.
    span: Option<(ImmutableString, ImmutableString)>,
    due_text: ImmutableString,
    /// The due day as notes show it (dd/mm/yyyy), written once.
    due_shown: Rc<str>,
    ended: bool,
}

const MONTH_FIELDS: &[&str] = &["label", "start", "end", "due", "ended"];
const WEEK_FIELDS: &[&str] = &["label", "wednesday", "due", "ended"];
/// Every field either has, each with a getter and a refusing setter.
const ALL_FIELDS: &[&str] = &["label", "start", "end", "wednesday", "due", "ended"];

impl CalendarPeriod {
    fn month(m: &StatMonth, as_of: NaiveDate) -> Dynamic {
        Dynamic::from(CalendarPeriod(Rc::new(Slot {
            label: m.label().into(),
            span: Some((iso_date(m.start).into(), iso_date(m.end).into())),
            due_text: iso_date(m.due()).into(),
            due_shown: crate::i18n::date(m.due()).into(),
            ended: m.end <= as_of,
        })))
    }

    fn week(label: String, wednesday: NaiveDate, as_of: NaiveDate) -> Dynamic {
        Dynamic::from(CalendarPeriod(Rc::new(Slot {
            label: label.into(),
            span: None,
            due_text: iso_date(wednesday).into(),
            due_shown: crate::i18n::date(wednesday).into(),
            ended: wednesday <= as_of,
        })))
    }

    fn fields(&self) -> &'static [&'static str] {
        if self.0.span.is_some() { MONTH_FIELDS } else { WEEK_FIELDS }
    }

    /// The field `name`, or an error naming the fields there are.
    fn get(&self, name: &str) -> RhaiResult<Dynamic> {
        let slot = &self.0;
        let text = |t: &ImmutableString| Dynamic::from(t.clone());
        let value = match (name, &slot.span) {
            ("label", _) => text(&slot.label),
            ("due", _) | ("wednesday", None) => text(&slot.due_text),
            ("ended", _) => slot.ended.into(),
            ("start", Some((start, _))) => text(start),
            ("end", Some((_, end))) => text(end),
            _ => {
                let fields = self.fields();
                let what = if slot.span.is_some() {
                    t(Msg::NoMonthField { field: name })
                } else {
                    t(Msg::NoWeekField { field: name })
                };
                let rest = t(Msg::ItsFieldsAre { fields: &fields.join(", ") });
                let near = crate::diagnostic::closest(name, fields);
                return Err(super::ApiError::new(what, crate::diagnostic::did_you_mean(near, &rest)).into());
            }
        };
        Ok(value)
    }

    /// As a map of the same fields would print (keys in order).
    fn debug(&self) -> String {
        let mut names = self.fields().to_vec();
        names.sort_unstable();
        let inner: Vec<String> =
            names.iter().map(|n| format!("{n:?}: {:?}", self.get(n).unwrap_or_default())).collect();
        format!("#{{{}}}", inner.join(", "))
    }
}

/// What `late` and `shortfalls` read of a period: a calendar period, or a
/// map with `label` (and `due`) that a rule made itself.
fn label_and_due(p: &Dynamic) -> RhaiResult<(ImmutableString, DueDay)> {
    if let Some(c) = p.read_lock::<CalendarPeriod>() {
        return Ok((c.0.label.clone(), DueDay::Known(c.0.clone())));
    }
    if let Some(map) = p.read_lock::<Map>() {
        return Ok((text(&map, "label"), DueDay::Text(text(&map, "due"))));
    }
    Err(t(Msg::NotAPeriod { kind: p.type_name() }).into())
}

/// A period's due day: a calendar period's is known; a map's is a text.
enum DueDay {
    Known(Rc<Slot>),
    Text(ImmutableString),
}

impl DueDay {
    fn iso(&self) -> &str {
        match self {
            DueDay::Known(slot) => &slot.due_text,
            DueDay::Text(iso) => iso,
        }
    }

    /// As a person reads it.
    fn shown(&self) -> std::borrow::Cow<'_, str> {
        match self {
            DueDay::Known(slot) => std::borrow::Cow::Borrowed(&slot.due_shown),
            DueDay::Text(due) => due.parse::<NaiveDate>().map_or_else(|_| due.to_string(), crate::i18n::date).into(),
        }
    }
}

/// ISO weeks whose Wednesday lies in the period: (label, Wednesday).
fn weeks(period: &Period) -> Vec<(String, NaiveDate)> {
    let mut wednesday = period.start;
    while wednesday.weekday() != chrono::Weekday::Wed {
        wednesday += Duration::days(1);
    }
    let mut weeks = Vec::new();
    while wednesday <= period.end {
        let w = wednesday.iso_week();
        weeks.push((format!("{:04}-W{:02}", w.year(), w.week()), wednesday));
        wednesday += Duration::days(7);
    }
    weeks
}

/// A text entry of a map (a cheap copy of the shared text).
fn text(map: &Map, key: &str) -> ImmutableString {
    map.get(key)
        .map(|v| v.read_lock::<ImmutableString>().map_or_else(|| v.to_string().into(), |s| s.clone()))
        .unwrap_or_default()
}

pub fn register(engine: &mut Engine) {
    engine.register_type_with_name::<CalendarPeriod>("calendar_period");
    // They are shared by every rule and unit: a change would leak.
    for &name in ALL_FIELDS {
        engine.register_get(name, move |p: &mut CalendarPeriod| p.get(name));
        engine.register_set(name, move |_: &mut CalendarPeriod, _: Dynamic| -> RhaiResult<()> {
            Err(t(Msg::PeriodReadOnly { field: name }).into())
        });
    }
    engine.register_indexer_get(|p: &mut CalendarPeriod, name: &str| p.get(name));
    engine.register_indexer_set(|_: &mut CalendarPeriod, name: &str, _: Dynamic| -> RhaiResult<()> {
        Err(t(Msg::PeriodReadOnly { field: name }).into())
    });
    engine.register_fn("to_string", |p: &mut CalendarPeriod| p.debug());
    engine.register_fn("to_debug", |p: &mut CalendarPeriod| p.debug());
    engine.register_fn("==", |a: &mut CalendarPeriod, b: CalendarPeriod| *a == b);
    engine.register_fn("!=", |a: &mut CalendarPeriod, b: CalendarPeriod| *a != b);
    engine.register_fn("stat_months", |d: &mut Data| -> Array {
        let view = &d.view;
        view.calendar("stat_months", || {
            stat_months(&view.period).iter().map(|m| CalendarPeriod::month(m, view.as_of)).collect()
        })
    });
    engine.register_fn("ended_stat_months", |d: &mut Data| -> Array {
        let (view, as_of) = (&d.view, d.view.as_of);
        view.calendar("ended_stat_months", || {
            stat_months(&view.period)
                .iter()
                .filter(|m| m.end <= as_of)
                .map(|m| CalendarPeriod::month(m, as_of))
                .collect()
        })
    });
    engine.register_fn("due_stat_months", |d: &mut Data| -> Array {
        let (view, as_of, period) = (&d.view, d.view.as_of, d.view.period);
        view.calendar("due_stat_months", || {
            stat_months(&period)
                .iter()
                .filter(|m| period.contains(m.due()) && m.due() <= as_of)
                .map(|m| CalendarPeriod::month(m, as_of))
                .collect()
        })
    });
    engine.register_fn("weeks", |d: &mut Data| -> Array {
        let view = &d.view;
        view.calendar("weeks", || {
            weeks(&view.period).into_iter().map(|(label, wed)| CalendarPeriod::week(label, wed, view.as_of)).collect()
        })
    });
    engine.register_fn("ended_weeks", |d: &mut Data| -> Array {
        let (view, as_of) = (&d.view, d.view.as_of);
        view.calendar("ended_weeks", || {
            weeks(&view.period)
                .into_iter()
                .filter(|(_, wed)| *wed <= as_of)
                .map(|(label, wed)| CalendarPeriod::week(label, wed, as_of))
                .collect()
        })
    });
    // Periods (months or weeks, as the functions above give) whose first
    // report, per `first` (from `earliest_by`), was not sent before `time`
    // on the period's due day: one note each.
    engine.register_fn("late", |periods: &mut Array, first: Map, time: &str| -> RhaiResult<Array> {
        let mut notes = Array::new();
        let mut deadline = String::new();
        for p in periods.iter() {
            let (label, due) = label_and_due(p)?;
            deadline.clear();
            deadline.push_str(due.iso());
            deadline.push('T');
            deadline.push_str(time);
            let sent = first.get(label.as_str()).and_then(|s| s.read_lock::<ImmutableString>().map(|s| s.clone()));
            if sent.is_none_or(|s| s.as_str() >= deadline.as_str()) {
                notes.push(t(Msg::NoteLate { label: &label, time, due: &due.shown() }).into());
            }
        }
        Ok(notes)
    });
    // Periods whose count in `counts` (from `distinct_per_month`) is under
    // `wanted`: "2024-03: 1 of 2 days".
    engine.register_fn(
        "shortfalls",
        |periods: &mut Array, counts: Map, wanted: Dynamic, unit: &str| -> RhaiResult<Array> {
            let wanted = super::param::plain(&wanted)
                .as_int()
                .map_err(|t| format!("`wanted` must be a whole number, not {t}"))?;
            let mut notes = Array::new();
            for p in periods.iter() {
                let (label, _) = label_and_due(p)?;
                let got = counts.get(label.as_str()).and_then(|c| c.as_int().ok()).unwrap_or(0);
                if got < wanted {
                    let (got, wanted) = (got.to_string(), wanted.to_string());
                    notes.push(t(Msg::NoteShortfall { label: &label, got: &got, wanted: &wanted, unit }).into());
                }
            }
            Ok(notes)
        },
    );
    engine.register_fn("days_between", |a: &str, b: &str| -> RhaiResult<i64> { Ok((date(b)? - date(a)?).num_days()) });
    engine.register_fn("add_days", |a: &str, n: i64| -> RhaiResult<String> {
        Ok((date(a)? + Duration::days(n)).to_string())
    });
    engine.register_fn("month_of", |a: &str| -> RhaiResult<String> {
        let d = date(a)?;
        Ok(format!("{:04}-{:02}", d.year(), d.month()))
    });
    engine.register_fn("iso_week", |a: &str| -> RhaiResult<String> {
        let w = date(a)?.iso_week();
        Ok(format!("{:04}-W{:02}", w.year(), w.week()))
    });
    engine.register_fn("weekday", |a: &str| -> RhaiResult<i64> {
        Ok(i64::from(date(a)?.weekday().number_from_monday()))
    });
    engine.register_fn("day_of", |a: &str| -> RhaiResult<String> { Ok(date(a)?.to_string()) });
}
