//! Vietnamese first: the language of every word a person reads, and the
//! Vietnamese conventions for numbers (`97,2%`, `1.234`) and dates. The
//! language is chosen once, before the arguments are parsed (`--lang`, then
//! `CHITIEU_LANG`, then the settings file, then Vietnamese); machine outputs
//! (JSON keys, status codes) never depend on it. Every message lives in
//! `catalogue.rs`, where a message missing in one language does not compile.

pub mod catalogue;

use std::cell::Cell;
use std::sync::OnceLock;

pub use catalogue::Msg;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, serde::Serialize)]
pub enum Lang {
    #[default]
    #[serde(rename = "vi")]
    Vi,
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// `vi` or `en` (also `vi_VN`, `en-US`, any case); None for anything else.
    pub fn parse(text: &str) -> Option<Lang> {
        let code = text.trim().get(..2)?.to_ascii_lowercase();
        let rest = &text.trim()[2..];
        if !(rest.is_empty() || rest.starts_with(['_', '-', '.'])) {
            return None;
        }
        match code.as_str() {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }
}

/// A text a rule pack writes in one language or both: `text` or
/// `{ vi: …, en: … }`. Shown in the run's language, else in the one there is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(untagged)]
pub enum Localized {
    One(String),
    Both {
        #[serde(default)]
        vi: Option<String>,
        #[serde(default)]
        en: Option<String>,
    },
}

impl Localized {
    pub fn text(&self) -> &str {
        match self {
            Localized::One(text) => text,
            Localized::Both { vi, en } => {
                let (first, second) = if lang() == Lang::En { (en, vi) } else { (vi, en) };
                first.as_deref().or(second.as_deref()).unwrap_or_default()
            }
        }
    }

    /// Whether both languages are written (a test holds shipped rules to it).
    pub fn is_bilingual(&self) -> bool {
        matches!(self, Localized::Both { vi: Some(_), en: Some(_) })
    }
}

static CHOSEN: OnceLock<Lang> = OnceLock::new();

thread_local! {
    static OVERRIDE: Cell<Option<Lang>> = const { Cell::new(None) };
}

/// Sets the language of this run; the first call wins.
pub fn set(lang: Lang) {
    let _ = CHOSEN.set(lang);
}

/// The language of this run (Vietnamese unless chosen otherwise).
pub fn lang() -> Lang {
    OVERRIDE.with(Cell::get).or_else(|| CHOSEN.get().copied()).unwrap_or_default()
}

/// Runs `f` with another language on this thread (tests, and renderers that
/// must produce both).
pub fn with<T>(lang: Lang, f: impl FnOnce() -> T) -> T {
    let before = OVERRIDE.with(|o| o.replace(Some(lang)));
    let result = f();
    OVERRIDE.with(|o| o.set(before));
    result
}

/// A message in the language of this run.
pub fn t(msg: Msg<'_>) -> String {
    msg.text(lang())
}

/// A whole number, with a dot between thousands in Vietnamese (`1.234`).
pub fn int(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let sign = if n < 0 { "-" } else { "" };
    if lang() == Lang::En || digits.len() <= 3 {
        return format!("{sign}{digits}");
    }
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    format!("{sign}{out}")
}

/// A decimal written by the program (`0.5` → `0,5` in Vietnamese).
pub fn decimal(text: &str) -> String {
    let (int_part, frac) = text.split_once('.').unwrap_or((text, ""));
    let whole = int_part.parse::<i64>().map_or_else(|_| int_part.to_string(), int);
    let whole = if int_part == "-0" { "-0".to_string() } else { whole };
    match (frac.is_empty(), lang()) {
        (true, _) => whole,
        (false, Lang::Vi) => format!("{whole},{frac}"),
        (false, Lang::En) => format!("{whole}.{frac}"),
    }
}

/// A number as a person reads it: whole numbers without decimals.
pub fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 { int(x as i64) } else { decimal(&format!("{x}")) }
}

/// A measured proportion, to one decimal where it is not whole: `97,2%`.
pub fn percent(x: f64) -> String {
    let p = x * 100.0;
    if (p - p.round()).abs() < 1e-9 {
        format!("{}%", int(p.round() as i64))
    } else {
        format!("{}%", decimal(&format!("{p:.1}")))
    }
}

/// A share as the percentage it was written as, to the last decimal: 0.975
/// is `97,5%` (`97.5%` in English), never rounded to look like a neighbour.
pub fn exact_percent(x: f64) -> String {
    let text = format!("{x}");
    let (negative, text) = match text.strip_prefix('-') {
        Some(t) => (true, t),
        None => (false, text.as_str()),
    };
    let (int_part, frac) = text.split_once('.').unwrap_or((text, ""));
    let frac = format!("{frac:0<2}");
    let (shifted, rest) = frac.split_at(2);
    let whole = format!("{int_part}{shifted}").trim_start_matches('0').to_string();
    let whole = if whole.is_empty() { "0".to_string() } else { whole };
    let sign = if negative { "-" } else { "" };
    let number = if rest.is_empty() { whole } else { format!("{whole}.{rest}") };
    format!("{sign}{}%", decimal(&number))
}

/// A date as people write it here: `13/10/2024`.
pub fn date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let year = d.year();
    if !(0..=9999).contains(&year) {
        return d.format("%d/%m/%Y").to_string();
    }
    // What chrono's "%d/%m/%Y" writes, without its formatting machinery
    // (notes write thousands of dates per run).
    format!("{:02}/{:02}/{year:04}", d.day(), d.month())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_as_chrono_writes_them() {
        use chrono::Datelike;
        let mut d = chrono::NaiveDate::from_ymd_opt(2022, 1, 1).unwrap();
        while d.year() < 2026 {
            assert_eq!(date(d), d.format("%d/%m/%Y").to_string());
            d = d.succ_opt().unwrap();
        }
        for (y, m, day) in [(1, 2, 3), (999, 12, 31), (9999, 12, 31), (10000, 1, 1), (-5, 6, 7)] {
            let d = chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap();
            assert_eq!(date(d), d.format("%d/%m/%Y").to_string());
        }
    }

    #[test]
    fn vietnamese_numbers_use_a_decimal_comma_and_dots_between_thousands() {
        with(Lang::Vi, || {
            assert_eq!(int(1234), "1.234");
            assert_eq!(int(1_234_567), "1.234.567");
            assert_eq!(int(-1234), "-1.234");
            assert_eq!(int(123), "123");
            assert_eq!(percent(35.0 / 36.0), "97,2%");
            assert_eq!(percent(0.9), "90%");
            assert_eq!(exact_percent(0.975), "97,5%");
            assert_eq!(exact_percent(1.0), "100%");
            assert_eq!(exact_percent(0.972222), "97,2222%");
            assert_eq!(number(2.5), "2,5");
            assert_eq!(number(1500.0), "1.500");
        });
        with(Lang::En, || {
            assert_eq!(int(1234), "1234");
            assert_eq!(percent(35.0 / 36.0), "97.2%");
            assert_eq!(exact_percent(0.975), "97.5%");
            assert_eq!(number(2.5), "2.5");
        });
    }

    #[test]
    fn language_codes_read_as_people_write_them() {
        assert_eq!(Lang::parse("vi"), Some(Lang::Vi));
        assert_eq!(Lang::parse("vi_VN.UTF-8"), Some(Lang::Vi));
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("en-US"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
        assert_eq!(Lang::parse("english"), None);
        assert_eq!(Lang::parse("C"), None);
    }
}
