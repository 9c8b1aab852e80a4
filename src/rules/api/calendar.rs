//! Date helpers for rules. Dates are texts `YYYY-MM-DD` (times
//! `YYYY-MM-DDTHH:MM`), so they also compare correctly as plain text.

use chrono::{Datelike, Duration, NaiveDate};
use rhai::{Array, Dynamic, Engine, Map};

use super::Data;
use super::records::RhaiResult;
use crate::dataset::calendar::stat_months;

fn date(text: &str) -> RhaiResult<NaiveDate> {
    let day = text.get(..10).unwrap_or(text);
    day.parse::<NaiveDate>().map_err(|_| format!("`{text}` is not a date (YYYY-MM-DD)").into())
}

pub fn register(engine: &mut Engine) {
    engine.register_fn("stat_months", |d: &mut Data| -> Array {
        let as_of = d.view.as_of;
        stat_months(&d.view.period)
            .into_iter()
            .map(|m| {
                let mut map = Map::new();
                map.insert("label".into(), m.label().into());
                map.insert("start".into(), m.start.to_string().into());
                map.insert("end".into(), m.end.to_string().into());
                map.insert("due".into(), m.due().to_string().into());
                map.insert("ended".into(), (m.end <= as_of).into());
                Dynamic::from_map(map)
            })
            .collect()
    });
    engine.register_fn("weeks", |d: &mut Data| -> Array {
        // ISO weeks whose Wednesday lies in the period, with that Wednesday.
        let period = d.view.period;
        let as_of = d.view.as_of;
        let mut wednesday = period.start;
        while wednesday.weekday() != chrono::Weekday::Wed {
            wednesday += Duration::days(1);
        }
        let mut weeks = Array::new();
        while wednesday <= period.end {
            let w = wednesday.iso_week();
            let mut map = Map::new();
            map.insert("label".into(), format!("{:04}-W{:02}", w.year(), w.week()).into());
            map.insert("wednesday".into(), wednesday.to_string().into());
            map.insert("due".into(), wednesday.to_string().into());
            map.insert("ended".into(), (wednesday <= as_of).into());
            weeks.push(Dynamic::from_map(map));
            wednesday += Duration::days(7);
        }
        weeks
    });
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
