//! The catalogue of targets (`list`, `doc`): read from rule metadata only,
//! so it works even when a rule's code is broken.

use std::fmt::Write;

use comfy_table::{ContentArrangement, Table, presets};

use super::{Style, clean};
use crate::rules::RulePack;
use crate::rules::pack::Rule;

fn params(rule: &Rule) -> String {
    rule.params
        .iter()
        .map(|(name, p)| format!("{name} = {}", p.value.display()))
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn table(pack: &RulePack, style: Style) -> String {
    let mut table = Table::new();
    table
        .load_preset(if style.unicode {
            presets::UTF8_FULL_CONDENSED
        } else {
            presets::ASCII_FULL_CONDENSED
        })
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(style.width)
        .set_header(["#", "Section", "Target", "Parameters", "Deadline"]);
    for rule in &pack.rules {
        let (section, deadline) = match &rule.meta {
            Ok(m) => (
                m.section.clone(),
                m.deadline.map(deadline_text).unwrap_or_default(),
            ),
            Err(_) => ("?".into(), String::new()),
        };
        table.add_row([
            rule.id.clone(),
            section,
            clean(rule.title()),
            params(rule),
            deadline,
        ]);
    }
    let mut out = table.to_string();
    let _ = writeln!(
        out,
        "\n{} rules in {}",
        pack.rules.len(),
        pack.dir.display()
    );
    out
}

pub fn deadline_text(d: crate::rules::meta::Deadline) -> String {
    match d {
        crate::rules::meta::Deadline::Date(date) => date.format("%d/%m/%Y").to_string(),
        crate::rules::meta::Deadline::PeriodEnd => "end of period".into(),
    }
}
