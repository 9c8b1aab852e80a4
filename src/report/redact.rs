//! Names stay out of outputs meant to leave the machine. CI logs, code-
//! scanning pages and uploaded reports are read by many people, so the
//! formats that go there (junit, sarif, github, markdown) show each person by
//! the id of their record: every officer's name the unit's data holds is
//! replaced in every text of the outcome before it is rendered. The terminal
//! and `explain` (local use) keep showing them; `--show-names` opts in.

use super::Renderer;
use crate::Totals;
use crate::diagnostic::Diagnostic;
use crate::outcome::{ThresholdSource, UnitOutcome};

/// A renderer whose units reach it with personal names replaced.
pub struct Redacting(pub Box<dyn Renderer>);

impl Renderer for Redacting {
    fn begin(&mut self, problems: &[Diagnostic]) -> String {
        self.0.begin(problems)
    }

    fn unit(&mut self, unit: &UnitOutcome) -> String {
        self.0.unit(&redacted(unit))
    }

    fn end(&mut self, totals: &Totals) -> String {
        self.0.end(totals)
    }
}

/// The outcome with every personal name of the unit replaced by its id.
pub fn redacted(unit: &UnitOutcome) -> UnitOutcome {
    let mut names: Vec<&(String, String)> = unit.personal_names.iter().filter(|(n, _)| !n.trim().is_empty()).collect();
    // The longest first, so that a name containing another goes whole.
    names.sort_by_key(|(n, _)| std::cmp::Reverse(n.chars().count()));
    let hide = |text: &str| -> String {
        let mut out = text.to_string();
        for (name, id) in &names {
            if out.contains(name.as_str()) {
                out = out.replace(name.as_str(), &format!("[{id}]"));
            }
        }
        out
    };
    let hide_diagnostic = |d: &Diagnostic| -> Diagnostic {
        let mut d = d.clone();
        d.message = hide(&d.message).into();
        d.help = d.help.as_deref().map(|h| hide(h).into());
        for label in &mut d.labels {
            label.text = label.text.as_deref().map(&hide);
        }
        d.related = d.related.iter().map(|r| Diagnostic { message: hide(&r.message).into(), ..r.clone() }).collect();
        d
    };
    // A waiver's reason and issuer are written by people, and may name one.
    let hide_waiver = |w: &std::sync::Arc<crate::outcome::WaiverRef>| {
        let mut w = (**w).clone();
        w.reason = hide(&w.reason);
        w.decision.issuer = hide(&w.decision.issuer);
        std::sync::Arc::new(w)
    };
    let mut out = unit.clone();
    out.name = hide(&out.name);
    for t in &mut out.targets {
        t.error = t.error.as_ref().map(hide_diagnostic);
        t.warnings = t.warnings.iter().map(hide_diagnostic).collect();
        for r in &mut t.requirements {
            r.waived_whole = r.waived_whole.as_ref().map(hide_waiver);
            for w in &mut r.waived {
                w.waiver = hide_waiver(&w.waiver);
            }
            r.label = hide(&r.label);
            r.notes = r.notes.iter().map(|n| hide(n)).collect();
            if let ThresholdSource::Measured { what } = &mut r.threshold.source {
                *what = hide(what);
            }
        }
    }
    out.data_errors = out.data_errors.iter().map(hide_diagnostic).collect();
    out
}
