//! The catalogue of targets (`list`, `doc`): read from rule metadata only,
//! so it works even when a rule's code is broken.

use std::fmt::Write;

use chrono::NaiveDate;

use super::{Style, clean};
use crate::i18n::{Msg, t};
use crate::rules::RulePack;
use crate::rules::pack::Rule;

fn params(pack: &RulePack, rule: &Rule, as_of: NaiveDate) -> String {
    pack.params(rule, Some(as_of))
        .iter()
        .map(|(name, p)| format!("{name} = {} ({})", p.display(), p.kind.name()))
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn table(pack: &RulePack, as_of: NaiveDate, style: Style) -> String {
    let mut table = super::table(
        style,
        [
            "#".to_string(),
            t(Msg::ColumnSection),
            t(Msg::ColumnTarget),
            t(Msg::ColumnParameters),
            t(Msg::ColumnDeadline),
        ],
    );
    for rule in &pack.rules {
        let (section, deadline) = match &rule.meta {
            Ok(m) => (m.section.clone(), m.deadline.map(deadline_text).unwrap_or_default()),
            Err(_) => ("?".into(), String::new()),
        };
        table.add_row([rule.id.clone(), section, clean(&rule.title()), params(pack, rule, as_of), deadline]);
    }
    let mut out = table.to_string();
    let _ = writeln!(out, "\n{}", t(Msg::RulesIn { count: pack.rules.len(), dir: &pack.dir.display().to_string() }));
    out
}

pub fn deadline_text(d: crate::rules::meta::Deadline) -> String {
    match d {
        crate::rules::meta::Deadline::Date(date) => crate::i18n::date(date),
        crate::rules::meta::Deadline::PeriodEnd => t(Msg::PeriodEnd),
    }
}

/// The catalogue as Markdown: one section per target with its plan wording,
/// section, interpretation and parameters.
pub fn markdown(pack: &RulePack, as_of: NaiveDate) -> String {
    let plan = pack
        .plan
        .as_ref()
        .map(|p| {
            format!(
                "{}\n\n",
                t(Msg::DocPlan { plan: &md(&p.name()), issuer: &md(&p.identity.issuer), period: &p.period_shown() })
            )
        })
        .unwrap_or_default();
    let mut out = format!(
        "# {}\n\n{plan}{}\n\n| # | {} | {} | {} |\n|---|---|---|---|\n",
        t(Msg::DocTitle),
        t(Msg::DocThresholdsAsOf { date: &crate::i18n::date(as_of) }),
        t(Msg::ColumnSection),
        t(Msg::ColumnTarget),
        t(Msg::DocThresholds)
    );
    for rule in &pack.rules {
        let section = rule.meta.as_ref().map_or("?", |m| m.section.as_str());
        let params = params(pack, rule, as_of).replace('\n', "; ");
        let _ = writeln!(out, "| {} | {} | {} | {} |", rule.id, md(section), md(&rule.title()), md(&params));
    }
    for rule in &pack.rules {
        let _ = writeln!(out, "\n## {} — {}\n", rule.id, md(&rule.title()));
        match &rule.meta {
            Ok(m) => {
                let _ = writeln!(out, "- {}", t(Msg::DocPlanSection { section: &md(&m.section) }));
                if let Some(area) = &m.area {
                    let _ = writeln!(out, "- {}", t(Msg::DocArea { area: &md(area) }));
                }
                if let Some(d) = m.deadline {
                    let _ = writeln!(out, "- {}", t(Msg::DocDeadline { deadline: &deadline_text(d) }));
                }
                let _ = writeln!(out, "- {}", t(Msg::DocRuleFile { file: &rule.source.name }));
                if let Some(rollup) = m.rollup {
                    let _ = writeln!(
                        out,
                        "- {}",
                        t(Msg::DocRollup { kind: rollup.as_str(), reading: &md(&rollup.reading()) })
                    );
                }
                if let Some(text) = &m.interpretation {
                    let _ = writeln!(out, "\n{}", md(text.text().trim()));
                }
                let effective = pack.params(rule, Some(as_of));
                if !effective.is_empty() {
                    let _ = writeln!(out, "\n{}\n|---|---|---|---|", t(Msg::DocParamHeader));
                    for (name, p) in &effective {
                        let _ = writeln!(
                            out,
                            "| `{name}` | {} | {} | {} |",
                            md(p.kind.name()),
                            md(&p.display()),
                            md(&p.source.describe())
                        );
                    }
                }
            }
            Err(d) => {
                let _ =
                    writeln!(out, "{}", t(Msg::DocUnreadable { file: &rule.source.name, message: &md(&d.message) }));
            }
        }
    }
    out
}

/// Text safe inside a Markdown table cell or paragraph.
fn md(text: &str) -> String {
    clean(text).replace('|', "\\|").replace('<', "&lt;").replace('>', "&gt;").replace('\n', " ")
}
