//! `chitieu new plan YEAR`: a rule pack moved to another plan year. The
//! plan's year and period, every date-kind parameter's default, every
//! overlay's dates and the rule tests' datasets move by the same number of
//! years; waivers (decisions about one year's records) stay behind. What a
//! program cannot move — a title that names the year, a plan's wording —
//! is listed, line by line, for the author to re-read.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use super::RulePack;
use super::kind::ParamKind;

/// The pack for another year: each file (relative to the pack's folder)
/// with its text, and the lines left to re-read.
#[derive(Debug)]
pub struct Moved {
    pub files: Vec<(PathBuf, Vec<u8>)>,
    /// File (relative), line (1-based) and text of each line that still
    /// names the old year or one of its dates.
    pub reread: Vec<(PathBuf, usize, String)>,
}

/// A date `years` on; 29 February becomes the 28th where there is none.
fn shift_date(d: NaiveDate, years: i32) -> NaiveDate {
    let year = d.year() + years;
    NaiveDate::from_ymd_opt(year, d.month(), d.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, d.month(), 28))
        .unwrap_or(d)
}

/// Every date-like token of `text` moved `years` on: `YYYY-MM-DD` (and the
/// times that start with one), `dd/mm/yyyy`, `YYYY-MM`, `YYYY-Www`,
/// `YYYY-H1`, `YYYY-9M`, and a year quoted alone (`'2024'`, a report's
/// period). Other numbers are left as they are. A line that names a week
/// moves its dates with the week (the same weekday of the same week
/// number), so a Wednesday's weekly report stays on a Wednesday.
pub fn shift_dates(text: &str, years: i32) -> String {
    if years == 0 {
        return text.to_string();
    }
    text.split_inclusive('\n').map(|line| shift_line(line, years, week_shift(line, years))).collect()
}

/// A rule-test file moved: as `shift_dates`, but a case's `as_of` moves by
/// whole weeks (364 days, the nearest to a year), so it falls on the same
/// weekday and the weeks due by then are the same ones.
pub fn shift_test_dates(text: &str, years: i32) -> String {
    if years == 0 {
        return text.to_string();
    }
    text.split_inclusive('\n')
        .map(|line| {
            let days = if line.trim_start().starts_with("as_of:") {
                Some(i64::from(years) * 364)
            } else {
                week_shift(line, years)
            };
            shift_line(line, years, days)
        })
        .collect()
}

/// The days from the first week a line names to the same week `years` on.
fn week_shift(line: &str, years: i32) -> Option<i64> {
    let bytes = line.as_bytes();
    (0..bytes.len().saturating_sub(7)).find_map(|i| {
        let t = &bytes[i..i + 8];
        let boundary = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        let shaped = t[..4].iter().all(u8::is_ascii_digit)
            && t[4] == b'-'
            && matches!(t[5], b'W' | b'w')
            && t[6..8].iter().all(u8::is_ascii_digit)
            && bytes.get(i + 8).is_none_or(|b| !b.is_ascii_digit());
        if !(boundary && shaped) {
            return None;
        }
        let year: i32 = line[i..i + 4].parse().ok()?;
        let week: u32 = line[i + 6..i + 8].parse().ok()?;
        let from = NaiveDate::from_isoywd_opt(year, week, chrono::Weekday::Mon)?;
        let to = NaiveDate::from_isoywd_opt(year + years, week, chrono::Weekday::Mon)
            .or_else(|| NaiveDate::from_isoywd_opt(year + years, week - 1, chrono::Weekday::Mon))?;
        Some((to - from).num_days())
    })
}

/// One line's dates moved by `years`, or by `days` when its week says so.
fn shift_line(text: &str, years: i32, days: Option<i64>) -> String {
    let shift_date = |d: NaiveDate| match days {
        Some(n) => d + chrono::Duration::days(n),
        None => shift_date(d, years),
    };
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    // A token starts a word: after no letter, digit, `-` or `_`, nor inside
    // a word of other letters (`HS-2024-03`, `Đ2024-03` are ids).
    let boundary = |j: usize| {
        j == 0 || !(bytes[j - 1].is_ascii_alphanumeric() || matches!(bytes[j - 1], b'-' | b'_') || bytes[j - 1] >= 0x80)
    };
    // Digits at `s[a..b]`, as a number (byte offsets: digits are ASCII).
    let num = |s: &[u8], a: usize, b: usize| -> Option<u32> {
        let part = s.get(a..b)?;
        (!part.is_empty() && part.iter().all(u8::is_ascii_digit))
            .then(|| part.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    };
    while i < text.len() {
        let rest = &bytes[i..];
        let at = |k: usize| rest.get(k).copied();
        let digit_at = |k: usize| at(k).is_some_and(|b| b.is_ascii_digit());
        if boundary(i) {
            // dd/mm/yyyy (d and m of one or two digits)
            let d_len = (1..=2).find(|&n| at(n) == Some(b'/') && num(rest, 0, n).is_some());
            if let Some(dl) = d_len {
                let m_len = (1..=2).find(|&n| at(dl + 1 + n) == Some(b'/') && num(rest, dl + 1, dl + 1 + n).is_some());
                if let Some(ml) = m_len {
                    let y0 = dl + ml + 2;
                    if let (Some(d), Some(m), Some(y)) =
                        (num(rest, 0, dl), num(rest, dl + 1, dl + 1 + ml), num(rest, y0, y0 + 4))
                        && !digit_at(y0 + 4)
                        && let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d)
                    {
                        let moved = shift_date(date);
                        out.push_str(&format!("{:0dl$}/{:0ml$}/{}", moved.day(), moved.month(), moved.year()));
                        i += y0 + 4;
                        continue;
                    }
                }
            }
            if let Some(year) = num(rest, 0, 4)
                && at(4) == Some(b'-')
            {
                // YYYY-MM-DD
                if let (Some(m), Some(d)) = (num(rest, 5, 7), num(rest, 8, 10))
                    && at(7) == Some(b'-')
                    && !digit_at(10)
                    && let Some(date) = NaiveDate::from_ymd_opt(year as i32, m, d)
                {
                    out.push_str(&shift_date(date).format("%Y-%m-%d").to_string());
                    i += 10;
                    continue;
                }
                // YYYY-MM, YYYY-Www, YYYY-H1, YYYY-9M
                let part_len = rest[5..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
                let part = &rest[5..5 + part_len];
                let month = part.len() == 2 && num(part, 0, 2).is_some_and(|m| (1..=12).contains(&m));
                let week = part.len() == 3 && matches!(part[0], b'W' | b'w') && num(part, 1, 3).is_some();
                let half = part.eq_ignore_ascii_case(b"H1") || part.eq_ignore_ascii_case(b"9M");
                if (1900..2200).contains(&year) && (month || week || half) {
                    let moved = year as i32 + years;
                    // Week 53 of a year that has none is its week 52.
                    if week
                        && num(part, 1, 3) == Some(53)
                        && NaiveDate::from_isoywd_opt(moved, 53, chrono::Weekday::Mon).is_none()
                    {
                        out.push_str(&format!("{moved}-{}52", part[0] as char));
                        i += 8;
                        continue;
                    }
                    out.push_str(&moved.to_string());
                    i += 4;
                    continue;
                }
            }
        }
        // '2024' or "2024": a period that is a whole year.
        if let Some(q) = at(0).filter(|q| matches!(q, b'\'' | b'"'))
            && at(5) == Some(q)
            && let Some(year) = num(rest, 1, 5)
            && (1900..2200).contains(&year)
        {
            let q = q as char;
            out.push_str(&format!("{q}{}{q}", year as i32 + years));
            i += 6;
            continue;
        }
        let c = text[i..].chars().next().expect("not at the end");
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// Whether a line names `year` or a date of it (as a whole number).
fn names_year(line: &str, year: i32) -> bool {
    let year = year.to_string();
    line.match_indices(&year).any(|(i, _)| {
        let before = line[..i].chars().next_back();
        let after = line[i + year.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_digit()) && !after.is_some_and(|c| c.is_ascii_digit())
    })
}

/// The pack at `pack.dir` moved to `year`; None when it names no plan.
pub fn move_to(pack: &RulePack, year: i32) -> Option<Moved> {
    let plan = pack.plan.as_ref()?;
    let years = year - plan.identity.year;
    let old_years = [plan.identity.year, plan.identity.year - 1];
    let mut moved = Moved { files: Vec::new(), reread: Vec::new() };
    let mut files = Vec::new();
    collect(&pack.dir, &mut files);
    files.sort();
    for path in files {
        let Ok(relative) = path.strip_prefix(&pack.dir).map(Path::to_path_buf) else { continue };
        // Waivers stay with their year; the new folder's README is written anew.
        if relative.starts_with("waivers") || relative == Path::new("README.md") {
            continue;
        }
        let Ok(bytes) = crate::input::read_limited(&path, 16 << 20) else { continue };
        let Ok(text) = String::from_utf8(bytes.clone()) else {
            moved.files.push((relative, bytes));
            continue;
        };
        let ext = relative.extension().and_then(|e| e.to_str()).unwrap_or_default();
        let new_text = if relative == Path::new(super::plan::FILE) {
            shift_dates(&text, years).replace(&format!("year: {}", plan.identity.year), &format!("year: {year}"))
        } else if relative.starts_with("tests") {
            shift_test_dates(&text, years)
        } else if relative.starts_with("directives") {
            shift_dates(&text, years)
        } else if ext == "rhai" {
            shift_rule(pack, &path, &text, years)
        } else {
            text.clone()
        };
        for (n, line) in new_text.lines().enumerate() {
            let plan = relative == Path::new(super::plan::FILE);
            // The plan's period is moved, not words to re-read.
            let moved_date = plan && ["start:", "end:", "period:"].iter().any(|k| line.trim_start().starts_with(k));
            let read_by_people = (ext == "rhai" || plan) && !moved_date;
            if read_by_people && old_years.iter().any(|&y| names_year(line, y)) {
                moved.reread.push((relative.clone(), n + 1, line.trim().to_string()));
            }
        }
        moved.files.push((relative, new_text.into_bytes()));
    }
    Some(moved)
}

/// A rule's text with the dates of its date-kind parameters' defaults
/// moved (in the header lines that set them); nothing else is touched.
fn shift_rule(pack: &RulePack, path: &Path, text: &str, years: i32) -> String {
    let shown = crate::diagnostic::shown_path(path);
    let Some(rule) = pack.rules.iter().find(|r| r.source.name == shown) else { return text.to_string() };
    let dated: Vec<&str> =
        rule.params.iter().filter(|(_, p)| p.kind == ParamKind::Date).map(|(name, _)| name.as_str()).collect();
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let header = line.trim_start().strip_prefix("//!");
        let sets_date = header.is_some_and(|h| {
            let key = h.trim_start().split(':').next().unwrap_or_default().trim();
            dated.contains(&key) || key == "deadline"
        });
        if sets_date {
            out.push_str(&shift_dates(line, years));
        } else {
            out.push_str(line);
        }
    }
    out
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        match entry.file_type() {
            Ok(t) if t.is_dir() => collect(&path, out),
            Ok(t) if t.is_file() => out.push(path),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_date_like_token_moves_and_nothing_else() {
        let text = "period: { start: 2023-10-15, end: 2024-10-13 } at 2024-03-14T09:30, leap 2024-02-29, \
                    30/06/2024 or 1/7/2024, month '2024-03', H1 2024-H1, 9M 2024-9m, year '2024', \
                    code KV2024-01, count 2024, id ST2024\nweek 2023-W42";
        assert_eq!(
            shift_dates(text, 1),
            "period: { start: 2024-10-15, end: 2025-10-13 } at 2025-03-14T09:30, leap 2025-02-28, \
             30/06/2025 or 1/7/2025, month '2025-03', H1 2025-H1, 9M 2025-9m, year '2025', \
             code KV2024-01, count 2024, id ST2024\nweek 2024-W42"
        );
        assert_eq!(shift_dates(text, 0), text);
        // Ids that hold a year are ids; week 53 of a year without one is 52.
        assert_eq!(shift_dates("HS-2024-03 Đ2024-03 x_2024-05", 1), "HS-2024-03 Đ2024-03 x_2024-05");
        assert_eq!(shift_dates("covers: 2020-W53", 1), "covers: 2021-W52");
        // A weekly report's Wednesday stays a Wednesday of the same week.
        let weekly = "- { kind: weekly_self_inspection, covers: 2023-W42, submitted: 2023-10-18T14:00 }\n";
        assert_eq!(
            shift_dates(weekly, 1),
            "- { kind: weekly_self_inspection, covers: 2024-W42, submitted: 2024-10-16T14:00 }\n"
        );
    }

    #[test]
    fn a_year_is_named_as_a_whole_number_only() {
        assert!(names_year("trước 14/10/2024", 2024));
        assert!(names_year("năm 2024.", 2024));
        assert!(!names_year("ST20245", 2024));
    }
}
