//! A province's own figures: each requirement of each target pooled over
//! the units as its rule header says (`rollup: pool | each | none`), after
//! evaluation, from the units' outcomes (plain data). Fed one unit at a time
//! by the renderers that show it, so memory follows targets, not units.

use std::collections::HashMap;

use indexmap::IndexMap;
use serde::Serialize;

use crate::i18n::{Msg, t};
use crate::outcome::{Measure, Op, Status, Threshold, ThresholdSource, UnitOutcome};
use crate::rules::RulePack;
use crate::rules::meta::Rollup;

/// What is summed for one requirement (a target's, by its label).
#[derive(Debug, Clone)]
struct Acc {
    label: String,
    op: Op,
    threshold: Option<Threshold>,
    mixed: bool,
    ratio: bool,
    part: i64,
    whole: i64,
    /// Counts: the thresholds summed (the province's quota is its units').
    threshold_sum: f64,
    units: usize,
    met: usize,
    judged: usize,
    pending: usize,
}

/// Every target's pooling, in the pack's order.
pub struct Pool {
    readings: IndexMap<String, (String, Option<Rollup>)>,
    reqs: HashMap<String, IndexMap<String, Acc>>,
    units: usize,
    pooled: usize,
}

/// One pooled requirement, as JSON and every renderer show it.
#[derive(Debug, Clone, Serialize)]
pub struct PooledRequirement {
    pub label: String,
    pub measured: Option<f64>,
    pub part: Option<i64>,
    pub whole: Option<i64>,
    pub op: &'static str,
    pub threshold: Option<f64>,
    /// As a unit's requirement writes them: the file that set the
    /// threshold (or `measured`), and where it came from in full.
    pub threshold_source: Option<String>,
    pub threshold_origin: Option<ThresholdSource>,
    pub status: Status,
    pub status_label: String,
    /// Units whose figure went in.
    pub units: usize,
    #[serde(skip)]
    pub shown: String,
    #[serde(skip)]
    pub required: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PooledTarget {
    pub id: String,
    pub title: String,
    /// `pool`, `each`, `none`, or null when the rule declares none.
    pub rollup: Option<&'static str>,
    pub reading: String,
    pub status: Option<Status>,
    pub requirements: Vec<PooledRequirement>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Province {
    /// Units read, and those evaluated (invalid data pools nothing).
    pub units: usize,
    pub pooled: usize,
    pub targets: Vec<PooledTarget>,
}

impl Pool {
    pub fn new(pack: &RulePack) -> Pool {
        let readings = pack
            .rules
            .iter()
            .map(|r| {
                let meta = r.meta.as_ref().ok();
                let title = meta.map(|m| m.title.clone()).unwrap_or_default();
                (r.id.clone(), (title, meta.and_then(|m| m.rollup)))
            })
            .collect();
        Pool { readings, reqs: HashMap::new(), units: 0, pooled: 0 }
    }

    pub fn add(&mut self, unit: &UnitOutcome) {
        self.units += 1;
        if !unit.data_errors.is_empty() {
            return;
        }
        self.pooled += 1;
        for target in &unit.targets {
            let Some((_, Some(kind))) = self.readings.get(&target.id) else { continue };
            if *kind == Rollup::None {
                continue;
            }
            let reqs = self.reqs.entry(target.id.clone()).or_default();
            // A warning never fails a target: it pools nothing either.
            for r in target.requirements.iter().filter(|r| !r.warning) {
                let acc = reqs.entry(r.label.clone()).or_insert_with(|| Acc {
                    label: r.label.clone(),
                    op: r.op,
                    threshold: None,
                    mixed: false,
                    ratio: matches!(r.measured, Measure::Ratio { .. }),
                    part: 0,
                    whole: 0,
                    threshold_sum: 0.0,
                    units: 0,
                    met: 0,
                    judged: 0,
                    pending: 0,
                });
                acc.units += 1;
                match r.status {
                    Status::Pass => {
                        acc.met += 1;
                        acc.judged += 1;
                    }
                    Status::Fail => acc.judged += 1,
                    Status::Pending => {
                        acc.judged += 1;
                        acc.pending += 1;
                    }
                    Status::NotApplicable | Status::Error => {}
                }
                match r.measured {
                    Measure::Ratio { part, whole } => {
                        acc.part += part;
                        acc.whole += whole;
                    }
                    Measure::Count(n) => {
                        acc.ratio = false;
                        acc.part += n;
                        acc.threshold_sum += r.threshold.value;
                    }
                    Measure::Number(_) => acc.mixed = true,
                }
                match &acc.threshold {
                    None => acc.threshold = Some(r.threshold.clone()),
                    // A share keeps one threshold; a count's may differ
                    // (a unit's own quota, measured) since it is summed.
                    Some(t) if acc.ratio && t.value != r.threshold.value => acc.mixed = true,
                    Some(_) => {}
                }
            }
        }
    }

    pub fn finish(self) -> Province {
        let mut targets = Vec::new();
        for (id, (title, kind)) in &self.readings {
            let reading = match kind {
                Some(k) => k.reading(),
                None => t(Msg::RollupUndeclared),
            };
            let accs = self.reqs.get(id);
            let requirements: Vec<PooledRequirement> = match kind {
                Some(Rollup::Pool) => accs.into_iter().flat_map(|a| a.values()).map(pooled).collect(),
                Some(Rollup::Each) => accs.into_iter().flat_map(|a| a.values()).map(each).collect(),
                _ => Vec::new(),
            };
            let status = (!requirements.is_empty()).then(|| {
                requirements
                    .iter()
                    .map(|r| r.status)
                    .filter(|s| *s != Status::NotApplicable)
                    .max()
                    .unwrap_or(Status::NotApplicable)
            });
            targets.push(PooledTarget {
                id: id.clone(),
                title: title.clone(),
                rollup: kind.map(Rollup::as_str),
                reading,
                status,
                requirements,
            });
        }
        Province { units: self.units, pooled: self.pooled, targets }
    }
}

fn status_of(holds: Option<bool>, pending: bool) -> Status {
    match holds {
        None => Status::NotApplicable,
        Some(true) => Status::Pass,
        Some(false) if pending => Status::Pending,
        Some(false) => Status::Fail,
    }
}

fn pooled(a: &Acc) -> PooledRequirement {
    let op = a.op;
    if a.mixed {
        return PooledRequirement {
            label: a.label.clone(),
            measured: None,
            part: None,
            whole: None,
            op: op.as_str(),
            threshold: None,
            threshold_source: None,
            threshold_origin: None,
            status: Status::Error,
            status_label: Status::Error.label(),
            units: a.units,
            shown: t(Msg::RollupMixed),
            required: String::new(),
        };
    }
    let threshold = a.threshold.clone();
    let (measure, value, source) = if a.ratio {
        let th = threshold.as_ref().map_or(0.0, |t| t.value);
        (Measure::Ratio { part: a.part, whole: a.whole }, th, threshold.map(|t| t.source))
    } else {
        // Counts: the province's threshold is its units' summed; its source
        // is the rule's (or "measured", when each unit's was).
        (Measure::Count(a.part), a.threshold_sum, threshold.map(|t| t.source))
    };
    let holds = crate::rules::api::require::compare(measure, value).map(|o| op.holds(o));
    let required = format!(
        "{} {}",
        op.as_str(),
        if a.ratio { crate::outcome::percent(value) } else { crate::outcome::format_number(value) }
    );
    PooledRequirement {
        label: a.label.clone(),
        measured: measure.as_f64(),
        part: Some(a.part),
        whole: a.ratio.then_some(a.whole),
        op: op.as_str(),
        threshold: Some(value),
        threshold_source: source.as_ref().map(|s| s.file().unwrap_or("measured").to_string()),
        threshold_origin: source,
        status_label: status_of(holds, a.pending > 0).label(),
        status: status_of(holds, a.pending > 0),
        units: a.units,
        shown: measure.display(),
        required,
    }
}

fn each(a: &Acc) -> PooledRequirement {
    let measure = Measure::Ratio { part: a.met as i64, whole: a.judged as i64 };
    let holds = (a.judged > 0).then_some(a.met == a.judged);
    PooledRequirement {
        label: a.label.clone(),
        measured: measure.as_f64(),
        part: Some(a.met as i64),
        whole: Some(a.judged as i64),
        op: Op::AtLeast.as_str(),
        threshold: Some(1.0),
        threshold_source: Some("measured".to_string()),
        threshold_origin: Some(ThresholdSource::Measured { what: t(Msg::RollupEveryUnit) }),
        status_label: status_of(holds, a.pending > 0).label(),
        status: status_of(holds, a.pending > 0),
        units: a.units,
        shown: measure.display(),
        required: format!(">= {}", crate::outcome::percent(1.0)),
    }
}
