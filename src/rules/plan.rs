//! The plan a rule pack encodes (`rules/plan.yaml`): its identity, named by
//! `explain`, `doc`, JSON results and the Word report, and its statistics
//! period. A pack belongs to one plan: a unit whose period is not the
//! plan's is refused where it is loaded (`RulePack::load_unit`), at the
//! unit's period line, so no unit is ever evaluated with another year's
//! dates.

use std::path::Path;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use crate::diagnostic::{Diagnostic, SourceFile};
use crate::i18n::{Msg, t};

/// The JSON Schema of `plan.yaml` (`chitieu schema --kind plan`).
pub const SCHEMA: &str = include_str!("../../schema/plan.schema.json");

/// The file's name in a rules folder.
pub const FILE: &str = "plan.yaml";

/// The largest plan file read.
const MAX_BYTES: u64 = 64 * 1024;

/// Who issued the plan, its title and year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Identity {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    pub issuer: String,
    pub year: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implements: Option<String>,
}

/// The plan's statistics period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    plan: Identity,
    period: Spanned<Period>,
}

/// A rule pack's plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    #[serde(flatten)]
    pub identity: Identity,
    pub period: Period,
    /// The file it was read from, as shown.
    #[serde(skip)]
    pub file: String,
}

impl Plan {
    /// The plan as a person names it: its title, and its number when it
    /// has one.
    pub fn name(&self) -> String {
        match &self.identity.number {
            Some(n) if !n.trim().is_empty() => format!("{} ({n})", self.identity.title),
            _ => self.identity.title.clone(),
        }
    }

    /// `15/10/2023–13/10/2024`.
    pub fn period_shown(&self) -> String {
        shown(self.period)
    }
}

/// A period as people write it.
pub fn shown(p: Period) -> String {
    format!("{}–{}", crate::i18n::date(p.start), crate::i18n::date(p.end))
}

/// The plan of the rules folder `dir`: None when it has no `plan.yaml`
/// (a pack that names no plan checks no period), else the plan or its
/// problems at their lines.
pub fn load(dir: &Path) -> Option<Result<Plan, Vec<Diagnostic>>> {
    let path = dir.join(FILE);
    if !path.exists() {
        return None;
    }
    let name = crate::diagnostic::shown_path(&path);
    let codes = crate::input::Codes { io: "plan::io", encoding: "plan::encoding", too_large: "plan::too-large" };
    Some(crate::input::read_text_file(&path, MAX_BYTES, codes).map_err(|d| vec![d]).and_then(|text| parse(&name, text)))
}

/// Parses a plan file's text; `name` is what diagnostics call it.
pub fn parse(name: &str, text: String) -> Result<Plan, Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
    let source = SourceFile::new(name, text);
    let file: File = serde_saphyr::from_str_with_options(&source.text, crate::settings::hand_written_yaml(1_000))
        .map_err(|e| {
            vec![crate::dataset::load::hand_written_problem(&source, &e, "plan::invalid", t(Msg::PlanKeys))]
        })?;
    let period = file.period.value;
    let at = source.offset(file.period.referenced.line() as usize, file.period.referenced.column() as usize);
    let span = crate::diagnostic::value_span(&source.text, at);
    if period.end < period.start {
        return Err(vec![
            Diagnostic::error("plan::period", t(Msg::PeriodBackwards))
                .in_file(&source)
                .label(span, t(Msg::PeriodBackwardsLabel)),
        ]);
    }
    if period.end.year() != file.plan.year {
        let year = file.plan.year.to_string();
        return Err(vec![
            Diagnostic::error("plan::year", t(Msg::PlanYear { year: &year, period: &shown(period) }))
                .in_file(&source)
                .label(span, t(Msg::LabelHere))
                .help(t(Msg::PlanYearHelp)),
        ]);
    }
    Ok(Plan { identity: file.plan, period, file: name.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_plan_reads() {
        let plan = load(Path::new("rules")).expect("rules/plan.yaml").expect("valid");
        assert_eq!(plan.identity.year, 2024);
        assert_eq!(plan.period.start, NaiveDate::from_ymd_opt(2023, 10, 15).unwrap());
        assert_eq!(plan.period.end, NaiveDate::from_ymd_opt(2024, 10, 13).unwrap());
    }

    #[test]
    fn a_year_that_is_not_the_periods_is_an_error_at_the_period() {
        let text = "plan: { title: T, issuer: I, year: 2025 }\nperiod: { start: 2023-10-15, end: 2024-10-13 }\n";
        let problems = parse("plan.yaml", text.into()).unwrap_err();
        assert_eq!(problems[0].code, "plan::year");
        let unknown = parse("plan.yaml", "plan: { title: T, issuer: I, year: 2024, yaer: 1 }\n".into()).unwrap_err();
        assert_eq!(unknown[0].code, "plan::invalid");
    }
}
