//! `chitieu explain ID`: the audit trail of one target over one unit — what
//! the plan says, how the rule reads it, each parameter and who set it, each
//! requirement with its measured value, the offending records, and the rule.

use std::fmt::Write;
use std::sync::Arc;

use indexmap::IndexMap;

use super::human::{diagnostic, measured, required};
use super::{Style, clean};
use crate::diagnostic::{Diagnostic, Severity};
use crate::i18n::{Msg, t};
use crate::outcome::{Status, TargetOutcome, UnitOutcome};
use crate::rules::pack::{EffectiveParam, Rule};

pub fn render(
    plan: Option<&crate::rules::plan::Plan>,
    rule: &Rule,
    params: &IndexMap<String, EffectiveParam>,
    unit: &UnitOutcome,
    target: &TargetOutcome,
    style: Style,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", t(Msg::ExplainTarget { id: &rule.id, title: &clean(&rule.title()) }));
    if let Ok(meta) = &rule.meta {
        let _ = writeln!(out, "{}", t(Msg::ExplainSection { section: &clean(&meta.section) }));
        if let Some(plan) = plan {
            let _ =
                writeln!(out, "{}", t(Msg::ExplainPlan { plan: &clean(&plan.name()), period: &plan.period_shown() }));
        }
        if let Some(area) = &meta.area {
            let _ = writeln!(out, "{}", t(Msg::ExplainArea { area: &clean(area) }));
        }
        if let Some(d) = meta.deadline {
            let _ = writeln!(out, "{}", t(Msg::ExplainDeadline { deadline: &super::catalogue::deadline_text(d) }));
        }
    }
    let _ = writeln!(out, "{}", t(Msg::ExplainRuleFile { file: &rule.source.name }));
    let _ = writeln!(
        out,
        "{}",
        t(Msg::ExplainUnit {
            unit: &clean(&unit.unit),
            name: &clean(&unit.name),
            file: &unit.file,
            date: &crate::i18n::date(unit.as_of)
        })
    );
    let _ = writeln!(out, "{}", t(Msg::ExplainStatus { status: &target.status.label() }));

    if let Some(text) = rule.meta.as_ref().ok().and_then(|m| m.interpretation.as_ref()) {
        let _ = writeln!(out, "\n{}", t(Msg::ExplainInterpretation));
        for line in textwrap::wrap(text.text().trim(), usize::from(style.width).saturating_sub(4)) {
            let _ = writeln!(out, "  {}", clean(&line));
        }
    }

    if let Some(rollup) = rule.meta.as_ref().ok().and_then(|m| m.rollup) {
        let _ = writeln!(out, "\n{}", t(Msg::ExplainRollup { reading: &rollup.reading() }));
    }

    let _ = writeln!(out, "\n{}", t(Msg::ExplainParameters));
    if params.is_empty() {
        let _ = writeln!(out, "  {}", t(Msg::ExplainNone));
    }
    let width = params.keys().map(|k| k.len()).max().unwrap_or(0);
    for (name, p) in params {
        let _ = writeln!(out, "  {name:width$} = {}  ({})", clean(&p.display()), clean(&p.source.origin()));
    }

    let _ = writeln!(out, "\n{}", t(Msg::ExplainRequirements));
    if target.requirements.is_empty() {
        let _ = writeln!(out, "  {}", t(Msg::ExplainNoneRecorded));
    }
    let mut records = Vec::new();
    for (n, r) in target.requirements.iter().enumerate() {
        let verdict = match r.status {
            Status::Fail if r.warning => t(Msg::StatusWarning),
            Status::Pending => match r.deadline {
                Some(d) => t(Msg::ExplainPendingDue { date: &crate::i18n::date(d) }),
                None => Status::Pending.label(),
            },
            s => s.label(),
        };
        let _ = writeln!(out, "  {}. {}", n + 1, t(Msg::ExplainLine { label: &clean(&r.label), line: r.line }));
        let (m, q) = (measured(r), required(r));
        let _ = writeln!(out, "     {}", t(Msg::ExplainVerdict { measured: &m, required: &q, verdict: &verdict }));
        let _ = writeln!(out, "     {}", t(Msg::ThresholdIs { source: &clean(&r.threshold.source.describe()) }));
        for note in &r.notes {
            let _ = writeln!(out, "     - {}", clean(note));
        }
        if r.offending_total > 0 {
            let names: Vec<String> = r.offending.iter().map(|e| clean(&e.name())).collect();
            let names = names.join(", ");
            let _ = writeln!(out, "     {}", t(Msg::ExplainOffending { count: r.offending_total, names: &names }));
            records.extend(r.offending.iter().filter(|e| e.excerpt.is_some()).map(|e| (n + 1, e)));
        }
    }
    let waived = super::waiver_lines(target);
    if !waived.is_empty() {
        let _ = writeln!(out, "\n{}", t(Msg::ExplainWaivers));
        for (line, w) in waived {
            let _ = writeln!(out, "  - {line}");
            let _ = writeln!(out, "    {} ({}:{})", clean(&w.cite()), w.file, w.line);
        }
        if target.passed_by_waiver() {
            let _ = writeln!(out, "  {}", t(Msg::ExplainWithoutWaivers { status: &target.unwaived_status().label() }));
        }
    }
    if let Some(e) = &target.error {
        let _ = writeln!(out);
        out.push_str(&diagnostic(e, style));
    }
    for d in &target.warnings {
        let _ = writeln!(out);
        out.push_str(&diagnostic(d, style));
    }

    if !records.is_empty() {
        let _ = writeln!(out, "\n{}\n", t(Msg::ExplainOffendingRecords));
        for (n, e) in records {
            let Some(excerpt) = &e.excerpt else { continue };
            let d = Diagnostic::error("target::offending", t(Msg::ExplainOfRequirement { name: &clean(&e.name()), n }))
                .with_severity(Severity::Advice)
                .in_excerpt(Arc::clone(excerpt))
                .label(excerpt.span(), clean(e.id.as_deref().unwrap_or(e.collection)));
            out.push_str(&diagnostic(&d, style));
        }
    }

    let _ = writeln!(out, "\n{}", t(Msg::ExplainSource { file: &rule.source.name }));
    let digits = rule.source.line_count().to_string().len();
    for (i, line) in rule.source.text.lines().enumerate() {
        let _ = writeln!(out, "{:>digits$} | {}", i + 1, clean(line));
    }
    out
}
