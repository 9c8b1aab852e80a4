//! The province's row (`check --rollup`): a renderer around another that
//! pools each unit it passes on (`crate::rollup`) and adds the pooled table
//! after the run's own end, as a terminal table or a Markdown section.

use comfy_table::{ContentArrangement, Table, presets};

use super::{Renderer, Style, clean};
use crate::Totals;
use crate::diagnostic::Diagnostic;
use crate::i18n::{Msg, int, t};
use crate::outcome::UnitOutcome;
use crate::rollup::{Pool, Province};

pub struct WithRollup {
    pub inner: Box<dyn Renderer>,
    pub pool: Option<Pool>,
    pub markdown: bool,
    pub style: Style,
}

impl Renderer for WithRollup {
    fn begin(&mut self, problems: &[Diagnostic]) -> String {
        self.inner.begin(problems)
    }

    fn unit(&mut self, unit: &UnitOutcome) -> String {
        if let Some(pool) = &mut self.pool {
            pool.add(unit);
        }
        self.inner.unit(unit)
    }

    fn unit_bytes(&mut self, unit: &UnitOutcome) -> Vec<u8> {
        if let Some(pool) = &mut self.pool {
            pool.add(unit);
        }
        self.inner.unit_bytes(unit)
    }

    fn end(&mut self, totals: &Totals) -> String {
        let mut out = self.inner.end(totals);
        if let Some(pool) = self.pool.take() {
            let province = pool.finish();
            out.push_str(&if self.markdown { markdown(&province) } else { table(&province, self.style) });
        }
        out
    }
}

/// The pooling in a word of the run's language.
fn short(rollup: Option<&str>) -> String {
    match rollup {
        Some("pool") => t(Msg::RollupShortPool),
        Some("each") => t(Msg::RollupShortEach),
        Some(_) => t(Msg::RollupShortNone),
        None => "—".to_string(),
    }
}

fn wrap(text: &str, width: usize) -> String {
    textwrap::wrap(text, width).join("\n")
}

fn header(p: &Province) -> String {
    t(Msg::RollupHeader { units: &int(p.units as i64), pooled: &int(p.pooled as i64) })
}

/// The province's figures as a terminal table: a row per pooled requirement.
pub fn table(p: &Province, style: Style) -> String {
    let mut table = Table::new();
    table
        .load_preset(if style.unicode { presets::UTF8_FULL_CONDENSED } else { presets::ASCII_FULL_CONDENSED })
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header([
            "#".to_string(),
            t(Msg::ColumnRequirement),
            t(Msg::RollupColumnReading),
            t(Msg::ColumnStatus),
            t(Msg::ColumnMeasured),
            t(Msg::ColumnRequired),
            t(Msg::RollupColumnUnits),
        ]);
    let width = usize::from(style.width).saturating_sub(80).max(30);
    for target in &p.targets {
        let reading = short(target.rollup);
        if target.requirements.is_empty() {
            let title = wrap(&clean(&target.title), width);
            table.add_row([target.id.clone(), title, reading, "—".into(), "—".into(), "—".into(), "—".into()]);
            continue;
        }
        for (i, r) in target.requirements.iter().enumerate() {
            let id = if i == 0 { target.id.clone() } else { String::new() };
            let read = if i == 0 { reading.clone() } else { String::new() };
            let label = wrap(&clean(&r.label), width);
            table.add_row([
                id,
                label,
                read,
                r.status.label(),
                clean(&r.shown),
                r.required.clone(),
                int(r.units as i64),
            ]);
        }
    }
    format!("\n{}\n{table}\n", header(p))
}

pub fn markdown(p: &Province) -> String {
    let mut out = format!("\n## {}\n\n", header(p));
    out.push_str(&format!(
        "| # | {} | {} | {} | {} | {} | {} |\n|---|---|---|---|---|---|---|\n",
        t(Msg::ColumnRequirement),
        t(Msg::RollupColumnReading),
        t(Msg::ColumnStatus),
        t(Msg::ColumnMeasured),
        t(Msg::ColumnRequired),
        t(Msg::RollupColumnUnits)
    ));
    for target in &p.targets {
        for r in &target.requirements {
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} | {} |\n",
                target.id,
                super::markdown::cell(&r.label),
                short(target.rollup),
                r.status.label(),
                super::markdown::cell(&r.shown),
                super::markdown::cell(&r.required),
                r.units
            ));
        }
    }
    out
}
