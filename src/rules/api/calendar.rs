//! Date helpers for rules. Dates are texts `YYYY-MM-DD` (times
//! `YYYY-MM-DDTHH:MM`), so they also compare correctly as plain text.

use chrono::{Datelike, Duration, NaiveDate};
use rhai::{Array, Dynamic, Engine, ImmutableString, Map};

use super::Data;
use super::records::RhaiResult;
use crate::dataset::calendar::{StatMonth, iso_date, stat_months};
use crate::dataset::model::Period;

fn date(text: &str) -> RhaiResult<NaiveDate> {
    let day = text.get(..10).unwrap_or(text);
    day.parse::<NaiveDate>().map_err(|_| crate::i18n::t(crate::i18n::Msg::NotADateText { value: text }).into())
}

fn month_map(m: &StatMonth, as_of: NaiveDate) -> Dynamic {
    let mut map = Map::new();
    map.insert("label".into(), m.label().into());
    map.insert("start".into(), iso_date(m.start).into());
    map.insert("end".into(), iso_date(m.end).into());
    map.insert("due".into(), iso_date(m.due()).into());
    map.insert("ended".into(), (m.end <= as_of).into());
    Dynamic::from_map(map)
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

fn week_map(label: String, wednesday: NaiveDate, as_of: NaiveDate) -> Dynamic {
    let mut map = Map::new();
    map.insert("label".into(), label.into());
    map.insert("wednesday".into(), iso_date(wednesday).into());
    map.insert("due".into(), iso_date(wednesday).into());
    map.insert("ended".into(), (wednesday <= as_of).into());
    Dynamic::from_map(map)
}

/// A text entry of a period map (a cheap copy of the shared text).
fn text(map: &Map, key: &str) -> ImmutableString {
    map.get(key)
        .map(|v| v.read_lock::<ImmutableString>().map_or_else(|| v.to_string().into(), |s| s.clone()))
        .unwrap_or_default()
}

pub fn register(engine: &mut Engine) {
    engine.register_fn("stat_months", |d: &mut Data| -> Array {
        let view = &d.view;
        view.calendar("stat_months", || stat_months(&view.period).iter().map(|m| month_map(m, view.as_of)).collect())
    });
    engine.register_fn("ended_stat_months", |d: &mut Data| -> Array {
        let (view, as_of) = (&d.view, d.view.as_of);
        view.calendar("ended_stat_months", || {
            stat_months(&view.period).iter().filter(|m| m.end <= as_of).map(|m| month_map(m, as_of)).collect()
        })
    });
    engine.register_fn("due_stat_months", |d: &mut Data| -> Array {
        let (view, as_of, period) = (&d.view, d.view.as_of, d.view.period);
        view.calendar("due_stat_months", || {
            stat_months(&period)
                .iter()
                .filter(|m| period.contains(m.due()) && m.due() <= as_of)
                .map(|m| month_map(m, as_of))
                .collect()
        })
    });
    engine.register_fn("weeks", |d: &mut Data| -> Array {
        let view = &d.view;
        view.calendar("weeks", || {
            weeks(&view.period).into_iter().map(|(label, wed)| week_map(label, wed, view.as_of)).collect()
        })
    });
    engine.register_fn("ended_weeks", |d: &mut Data| -> Array {
        let (view, as_of) = (&d.view, d.view.as_of);
        view.calendar("ended_weeks", || {
            weeks(&view.period)
                .into_iter()
                .filter(|(_, wed)| *wed <= as_of)
                .map(|(label, wed)| week_map(label, wed, as_of))
                .collect()
        })
    });
    // Periods (months or weeks, as the functions above give) whose first
    // report, per `first` (from `earliest_by`), was not sent before `time`
    // on the period's due day: one note each.
    engine.register_fn("late", |periods: &mut Array, first: Map, time: &str| -> Array {
        let mut notes = Array::new();
        let mut deadline = String::new();
        for p in periods.iter().filter_map(|p| p.read_lock::<Map>()) {
            let (label, due) = (text(&p, "label"), text(&p, "due"));
            deadline.clear();
            deadline.push_str(&due);
            deadline.push('T');
            deadline.push_str(time);
            let sent = first.get(label.as_str()).and_then(|s| s.read_lock::<ImmutableString>().map(|s| s.clone()));
            if sent.is_none_or(|s| s.as_str() >= deadline.as_str()) {
                let due = due.parse::<NaiveDate>().map_or_else(|_| due.to_string(), crate::i18n::date);
                notes.push(crate::i18n::t(crate::i18n::Msg::NoteLate { label: &label, time, due: &due }).into());
            }
        }
        notes
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
            for p in periods.iter().filter_map(|p| p.read_lock::<Map>()) {
                let label = text(&p, "label");
                let got = counts.get(label.as_str()).and_then(|c| c.as_int().ok()).unwrap_or(0);
                if got < wanted {
                    let (got, wanted) = (got.to_string(), wanted.to_string());
                    notes.push(
                        crate::i18n::t(crate::i18n::Msg::NoteShortfall {
                            label: &label,
                            got: &got,
                            wanted: &wanted,
                            unit,
                        })
                        .into(),
                    );
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
