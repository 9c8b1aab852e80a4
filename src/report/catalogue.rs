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
    out.push_str(&dictionary(&pack.model));
    out
}

/// The data dictionary: every collection of the pack's model with its
/// fields, kinds and words in both languages, then every list of values.
fn dictionary(model: &crate::model::Model) -> String {
    use crate::model::{Kind, Words};
    let both = |w: &Words| if w.vi == w.en { md(&w.vi) } else { format!("{} / {}", md(&w.vi), md(&w.en)) };
    let kind = |k: &Kind| -> String {
        let coll = |i: usize| format!("`{}`", model.collections[i].name);
        let list = |i: usize| format!("`{}`", model.values[i].name);
        let to = |l: &crate::model::Link| {
            l.to.iter()
                .map(|(v, c)| format!("`{}` → {}", model.values[l.values].codes[*v], coll(*c)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match k {
            Kind::Id => "id".into(),
            Kind::Text => "text".into(),
            Kind::PersonName => "person_name".into(),
            Kind::Flag => "flag".into(),
            Kind::Count { min, max } => match (min, max) {
                (Some(a), Some(b)) => format!("count {a}–{b}"),
                (Some(a), None) => format!("count ≥ {a}"),
                (None, Some(b)) => format!("count ≤ {b}"),
                (None, None) => "count".into(),
            },
            Kind::Date => "date".into(),
            Kind::DateTime => "datetime".into(),
            Kind::Period => "period".into(),
            Kind::Value(l) => format!("value {}", list(*l)),
            Kind::Values(l) => format!("values {}", list(*l)),
            Kind::Ref(c) => format!("ref {}", coll(*c)),
            Kind::Refs(c) => format!("refs {}", coll(*c)),
            Kind::Records(n) => format!("records ({})", t(Msg::DocNested { sheet: &both(&n.sheet_label) })),
            Kind::Origin(l) => format!("origin {} ({})", list(l.values), to(l)),
            Kind::Link { by, link } => format!("link `{by}` ({})", to(link)),
        }
    };
    let mut out = format!("\n## {}\n\n{}\n", t(Msg::DocDictionary), t(Msg::DocDictionaryIntro { file: &model.file }));
    let field_rows = |out: &mut String, fields: &[crate::model::Field], prefix: &str| {
        for f in fields {
            // An id is always given: it is how records are named.
            let required = if f.required || f.kind == Kind::Id { t(Msg::DocYes) } else { String::new() };
            let kind = match &f.kind {
                Kind::Link { by, link } => kind(&Kind::Link { by: *by, link: link.clone() })
                    .replace(&format!("`{by}`"), &format!("`{}`", fields.get(*by).map_or("?", |b| b.name.as_str()))),
                k => kind(k),
            };
            let _ = writeln!(out, "| `{prefix}{}` | {} | {} | {required} |", f.name, both(&f.label), kind);
        }
    };
    for c in &model.collections {
        let _ = writeln!(out, "\n### {} (`{}`)", both(&c.label), c.name);
        let name = |i: Option<usize>| i.map_or("—".to_string(), |i| c.fields[i].name.clone());
        let mut notes = Vec::new();
        match (c.start, c.end) {
            (Some(_), Some(_)) => notes.push(t(Msg::DocStartEnd { start: &name(c.start), end: &name(c.end) })),
            (Some(_), None) => notes.push(t(Msg::DocStarts { start: &name(c.start) })),
            _ => {}
        }
        if !c.end_fields.is_empty() {
            let fields: Vec<String> = c.end_fields.iter().map(|&i| format!("`{}`", c.fields[i].name)).collect();
            notes.push(t(Msg::DocEndFields { fields: &fields.join(", ") }));
        }
        if c.quota {
            notes.push(t(Msg::DocQuota { name: &c.name }));
        }
        if !notes.is_empty() {
            let _ = write!(out, "\n{}\n", notes.join("\n"));
        }
        let _ = writeln!(out, "\n{}\n|---|---|---|---|", t(Msg::DocFieldHeader));
        field_rows(&mut out, &c.fields, "");
        for f in &c.fields {
            if let Kind::Records(n) = &f.kind {
                field_rows(&mut out, &n.fields, &format!("{}[].", f.name));
            }
        }
    }
    let _ = writeln!(out, "\n### {}", t(Msg::DocValueLists));
    for list in &model.values {
        let _ = writeln!(out, "\n`{}`\n\n{}\n|---|---|", list.name, t(Msg::DocValueHeader));
        for (code, words) in list.codes.iter().zip(&list.labels) {
            let _ = writeln!(out, "| `{code}` | {} |", both(words));
        }
    }
    out
}

/// Text safe inside a Markdown table cell or paragraph.
fn md(text: &str) -> String {
    clean(text).replace('|', "\\|").replace('<', "&lt;").replace('>', "&gt;").replace('\n', " ")
}
