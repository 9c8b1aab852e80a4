//! `chitieu explain ID`: the audit trail of one target over one unit — what
//! the plan says, how the rule reads it, each parameter and who set it, each
//! requirement with its measured value, the offending records, and the rule.

use std::fmt::Write;
use std::sync::Arc;

use indexmap::IndexMap;

use super::human::{diagnostic, measured, required};
use super::{Style, clean};
use crate::diagnostic::{Diagnostic, Severity};
use crate::outcome::{Status, TargetOutcome, UnitOutcome};
use crate::rules::pack::{EffectiveParam, Rule};

pub fn render(
    rule: &Rule,
    params: &IndexMap<String, EffectiveParam>,
    unit: &UnitOutcome,
    target: &TargetOutcome,
    style: Style,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Target {} — {}", rule.id, clean(rule.title()));
    if let Ok(meta) = &rule.meta {
        let _ = writeln!(out, "Plan section: {}", clean(&meta.section));
        if let Some(area) = &meta.area {
            let _ = writeln!(out, "Area: {}", clean(area));
        }
        if let Some(d) = meta.deadline {
            let _ = writeln!(out, "Deadline: {}", super::catalogue::deadline_text(d));
        }
    }
    let _ = writeln!(out, "Rule file: {}", rule.source.name);
    let _ = writeln!(
        out,
        "Unit: {} — {} ({}), as of {}",
        clean(&unit.unit),
        clean(&unit.name),
        unit.file,
        unit.as_of.format("%d/%m/%Y")
    );
    let _ = writeln!(out, "Status: {}", target.status.as_str());

    if let Some(text) = rule.meta.as_ref().ok().and_then(|m| m.interpretation.as_ref()) {
        let _ = writeln!(out, "\nInterpretation:");
        for line in textwrap::wrap(text.trim(), usize::from(style.width).saturating_sub(4)) {
            let _ = writeln!(out, "  {}", clean(&line));
        }
    }

    let _ = writeln!(out, "\nParameters:");
    if params.is_empty() {
        let _ = writeln!(out, "  (none)");
    }
    let width = params.keys().map(|k| k.len()).max().unwrap_or(0);
    for (name, p) in params {
        let _ = writeln!(out, "  {name:width$} = {}  ({})", clean(&p.display()), clean(&p.source.origin()));
    }

    let _ = writeln!(out, "\nRequirements:");
    if target.requirements.is_empty() {
        let _ = writeln!(out, "  (none recorded)");
    }
    let mut records = Vec::new();
    for (n, r) in target.requirements.iter().enumerate() {
        let verdict = match r.status {
            Status::Fail if r.warning => "warning".to_string(),
            Status::Pending => match r.deadline {
                Some(d) => format!("pending (due {})", d.format("%d/%m/%Y")),
                None => "pending".into(),
            },
            s => s.as_str().to_string(),
        };
        let _ = writeln!(out, "  {}. {} (line {})", n + 1, clean(&r.label), r.line);
        let _ = writeln!(out, "     measured {}, required {} → {verdict}", measured(r), required(r));
        let _ = writeln!(out, "     threshold: {}", clean(&r.threshold.source.describe()));
        for note in &r.notes {
            let _ = writeln!(out, "     - {}", clean(note));
        }
        if r.offending_total > 0 {
            let names: Vec<String> = r.offending.iter().map(|e| clean(&e.name())).collect();
            let _ = writeln!(out, "     offending records ({}): {}", r.offending_total, names.join(", "));
            records.extend(r.offending.iter().filter(|e| e.excerpt.is_some()).map(|e| (n + 1, e)));
        }
    }
    if let Some(e) = &target.error {
        let _ = writeln!(out);
        out.push_str(&diagnostic(e, style));
    }

    if !records.is_empty() {
        let _ = writeln!(out, "\nOffending records:\n");
        for (n, e) in records {
            let Some(excerpt) = &e.excerpt else { continue };
            let d = Diagnostic::error("target::offending", format!("{} (requirement {n})", clean(&e.name())))
                .with_severity(Severity::Advice)
                .in_excerpt(Arc::clone(excerpt))
                .label(excerpt.span(), clean(e.id.as_deref().unwrap_or(e.collection)));
            out.push_str(&diagnostic(&d, style));
        }
    }

    let _ = writeln!(out, "\nRule source ({}):", rule.source.name);
    let digits = rule.source.line_count().to_string().len();
    for (i, line) in rule.source.text.lines().enumerate() {
        let _ = writeln!(out, "{:>digits$} | {}", i + 1, clean(line));
    }
    out
}
