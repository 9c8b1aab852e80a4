//! The plan's calendar: the statistics year, as-of dates, and statistics
//! months (the 14th of one month to the 13th of the next).

use chrono::{Datelike, Months, NaiveDate, Timelike};

use super::record::Period;

impl Period {
    /// Inclusive on both ends.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }

    /// The part of the period visible as of `as_of`: an event is "in the
    /// period" when it is inside both. An as-of after the end does not widen it.
    pub fn until(&self, as_of: NaiveDate) -> Option<Period> {
        let end = self.end.min(as_of);
        (self.start <= end).then_some(Period { start: self.start, end })
    }
}

/// A date as people type it: `YYYY-MM-DD`, or `dd/mm/yyyy` as every output
/// writes it (`d/m/yyyy` too); a year of four digits. None for anything
/// else, an impossible day included.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let (y, m, d) = date_numbers(text)?;
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Year, month and day of a text shaped as a date, either form (not yet
/// known to be a real day).
fn date_numbers(text: &str) -> Option<(i32, u32, u32)> {
    let text = text.trim();
    let digits =
        |s: &str, min: usize, max: usize| (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    let (y, m, d) = if let [y, m, d] = text.split('-').collect::<Vec<_>>()[..] {
        (digits(y, 4, 4) && digits(m, 2, 2) && digits(d, 2, 2)).then_some((y, m, d))?
    } else if let [d, m, y] = text.split('/').collect::<Vec<_>>()[..] {
        (digits(y, 4, 4) && digits(m, 1, 2) && digits(d, 1, 2)).then_some((y, m, d))?
    } else {
        return None;
    };
    Some((y.parse().ok()?, m.parse().ok()?, d.parse().ok()?))
}

/// Why `text`, shaped as a date (either form), is none: "tháng 2 năm 2024
/// có 29 ngày". None when it is a date, or not shaped as one.
pub fn impossible_day(text: &str) -> Option<String> {
    let (y, m, d) = date_numbers(text)?;
    if !(1..=12).contains(&m) || NaiveDate::from_ymd_opt(y, m, d).is_some() {
        return None;
    }
    let next = if m == 12 { NaiveDate::from_ymd_opt(y + 1, 1, 1) } else { NaiveDate::from_ymd_opt(y, m + 1, 1) }?;
    let days = next.pred_opt()?.day();
    let (month, year, days) = (m.to_string(), y.to_string(), days.to_string());
    Some(crate::i18n::t(crate::i18n::Msg::DaysInMonth { month: &month, year: &year, days: &days }))
}

/// A time as people type it: a date (either form), then `T` or a space,
/// then `HH:MM`.
pub fn parse_time(text: &str) -> Option<chrono::NaiveDateTime> {
    let text = text.trim();
    let (date, time) = text.split_once('T').or_else(|| text.split_once(' '))?;
    let time = chrono::NaiveTime::parse_from_str(time.trim(), "%H:%M").ok()?;
    Some(parse_date(date)?.and_time(time))
}

/// `YYYY-MM-DD`, as `NaiveDate`'s `Display` writes it, without going
/// through the formatter: rules turn many dates into text.
pub fn iso_date(d: NaiveDate) -> String {
    let mut out = String::with_capacity(16);
    push_iso_date(&mut out, d);
    out
}

/// `YYYY-MM-DDTHH:MM`, the form times take in the data and in rules.
pub fn iso_time(t: chrono::NaiveDateTime) -> String {
    let mut out = String::with_capacity(16);
    push_iso_date(&mut out, t.date());
    out.push('T');
    push_two(&mut out, t.hour());
    out.push(':');
    push_two(&mut out, t.minute());
    out
}

fn push_iso_date(out: &mut String, d: NaiveDate) {
    let year = d.year();
    if !(0..=9999).contains(&year) {
        out.push_str(&d.to_string());
        return;
    }
    let year = year as u32;
    push_two(out, year / 100);
    push_two(out, year % 100);
    out.push('-');
    push_two(out, d.month());
    out.push('-');
    push_two(out, d.day());
}

fn push_two(out: &mut String, n: u32) {
    out.push(char::from(b'0' + (n / 10) as u8));
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// A statistics month: from the 14th of one month to the 13th of the next,
/// clipped to the period. It is named after the month it ends in, which is
/// the month whose 14th its report is due on (`2024-03` ends 13/03/2024).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatMonth {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl StatMonth {
    pub fn label(&self) -> String {
        let named = if self.end.day() == 13 || self.end.day() < 14 {
            self.end
        } else {
            self.end.checked_add_months(Months::new(1)).unwrap_or(self.end)
        };
        format!("{:04}-{:02}", named.year(), named.month())
    }

    /// The 14th that follows the month: when its reports are due.
    pub fn due(&self) -> NaiveDate {
        let base = if self.end.day() <= 13 {
            self.end
        } else {
            self.end.checked_add_months(Months::new(1)).unwrap_or(self.end)
        };
        base.with_day(14).unwrap_or(base)
    }
}

/// The statistics months of a period, in order, each clipped to it.
pub fn stat_months(period: &Period) -> Vec<StatMonth> {
    let mut months = Vec::new();
    // The month containing period.start begins on the 14th on or before it.
    let mut start = if period.start.day() >= 14 {
        period.start.with_day(14)
    } else {
        period.start.checked_sub_months(Months::new(1)).and_then(|d| d.with_day(14))
    };
    while let Some(s) = start {
        if s > period.end {
            break;
        }
        let Some(next) = s.checked_add_months(Months::new(1)) else {
            break;
        };
        let end = next.pred_opt().unwrap_or(next);
        months.push(StatMonth { start: s.max(period.start), end: end.min(period.end) });
        start = Some(next);
    }
    months
}

#[cfg(test)]
mod tests {
    #[test]
    fn iso_texts_are_those_chrono_writes() {
        use chrono::NaiveDateTime;
        let days = ["0001-01-01", "0999-12-31", "2024-02-29", "2024-10-13", "9999-12-31"];
        for day in days {
            let d: NaiveDate = day.parse().unwrap();
            assert_eq!(super::iso_date(d), d.to_string());
            let t = NaiveDateTime::parse_from_str(&format!("{day}T07:05"), "%Y-%m-%dT%H:%M").unwrap();
            assert_eq!(super::iso_time(t), t.format("%Y-%m-%dT%H:%M").to_string());
        }
        let far = NaiveDate::from_ymd_opt(10000, 1, 2).unwrap();
        assert_eq!(super::iso_date(far), far.to_string());
        let before = NaiveDate::from_ymd_opt(-5, 1, 2).unwrap();
        assert_eq!(super::iso_date(before), before.to_string());
        let mut d = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
        while d.year() < 2026 {
            assert_eq!(super::iso_date(d), d.to_string());
            d = d.succ_opt().unwrap();
        }
    }

    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn plan_year_has_twelve_statistics_months() {
        let p = Period { start: d("2023-10-15"), end: d("2024-10-13") };
        let months = stat_months(&p);
        assert_eq!(months.len(), 12);
        assert_eq!(months[0], StatMonth { start: d("2023-10-15"), end: d("2023-11-13") });
        assert_eq!(months[0].label(), "2023-11");
        assert_eq!(months[0].due(), d("2023-11-14"));
        assert_eq!(months[11], StatMonth { start: d("2024-09-14"), end: d("2024-10-13") });
        assert_eq!(months[11].label(), "2024-10");
    }

    #[test]
    fn period_bounds_are_inclusive_and_as_of_does_not_widen() {
        let p = Period { start: d("2023-10-15"), end: d("2024-10-13") };
        assert!(p.contains(d("2023-10-15")));
        assert!(p.contains(d("2024-10-13")));
        assert!(!p.contains(d("2024-10-14")));
        assert_eq!(p.until(d("2025-01-01")), Some(p));
        assert_eq!(p.until(d("2024-03-01")).map(|q| q.end), Some(d("2024-03-01")));
        assert_eq!(p.until(d("2023-01-01")), None);
    }
}

#[cfg(test)]
mod typed_dates {
    use super::*;

    #[test]
    fn a_date_is_a_date_either_way_it_is_typed() {
        let june30 = NaiveDate::from_ymd_opt(2024, 6, 30);
        for typed in ["2024-06-30", "30/06/2024", "30/6/2024", " 30/06/2024 "] {
            assert_eq!(parse_date(typed), june30, "{typed}");
        }
        for bad in ["2024-13-01", "31/02/2024", "30/06/24", "2024/06/30", "30-06-2024", "2024-6-30", "tháng 6", ""] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        let t = parse_time("14/03/2024 09:30").unwrap();
        assert_eq!(t, parse_time("2024-03-14T09:30").unwrap());
        assert_eq!(iso_time(t), "2024-03-14T09:30");
    }
}
