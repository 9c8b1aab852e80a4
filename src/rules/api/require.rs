//! Requirement functions: each call records one check (label, measured,
//! threshold and its source, pass or not, offending records, the call's line)
//! into the rule's recorder. A rule's outcome is built from these alone.

use std::cell::RefCell;
use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use chrono::NaiveDate;
use rhai::{Dynamic, Engine, FLOAT, Map, NativeCallContext};

use super::param::Param;
use super::records::{Records, RhaiResult};
use crate::i18n::{Msg, t};
use crate::outcome::{Evidence, Measure, Op, Requirement, Status, Threshold, ThresholdSource, Waived};

/// What a rule run has recorded, and what it needs to know to record it.
#[derive(Debug, Default)]
pub struct Recorder {
    pub requirements: Vec<Requirement>,
    pub rule_file: String,
    /// Where each parameter's value came from, by name.
    pub sources: Rc<HashMap<String, ThresholdSource>>,
    /// The rule's deadline, resolved to a date.
    pub deadline: Option<NaiveDate>,
    pub as_of: Option<NaiveDate>,
    /// The rule's texts by key: a label written as a key is shown in the
    /// run's language.
    pub labels: std::sync::Arc<indexmap::IndexMap<String, crate::i18n::Localized>>,
    /// The waivers in force for this rule and unit.
    pub waivers: crate::rules::waiver::Applied,
}

impl Recorder {
    /// A label or note as written, or its text when it is one of the keys.
    fn text(&self, written: String) -> String {
        self.labels.get(&written).map_or(written, |l| l.text().to_string())
    }

    /// `label(key, #{ name: value })`: the rule's text for `key` with each
    /// `{name}` replaced.
    fn label(&self, key: &str, args: &Map) -> RhaiResult<String> {
        let Some(text) = self.labels.get(key) else {
            let keys: Vec<&str> = self.labels.keys().map(String::as_str).collect();
            let near = crate::diagnostic::closest(key, &keys);
            let known = if keys.is_empty() { t(Msg::NoLabels) } else { t(Msg::LabelsAre { keys: &keys.join(", ") }) };
            let what = t(Msg::NoLabel { key });
            return Err(super::ApiError::new(what, crate::diagnostic::did_you_mean(near, &known)).into());
        };
        // One pass over the text: `{name}` with an argument of that name is
        // replaced by it (what is put in is not read again); any other
        // brace stays as written.
        let mut rest = text.text();
        let mut out = String::with_capacity(rest.len() + 16);
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let value = after.find('}').and_then(|close| Some((close, args.get(&after[..close])?)));
            let Some((close, value)) = value else {
                out.push('{');
                rest = after;
                continue;
            };
            let value = super::param::plain(value);
            if let Ok(n) = value.as_int() {
                out.push_str(&crate::i18n::int(n));
            } else if let Ok(x) = value.as_float() {
                out.push_str(&crate::i18n::number(x));
            } else if let Some(s) = value.read_lock::<rhai::ImmutableString>() {
                out.push_str(&s);
            } else {
                out.push_str(&value.to_string());
            }
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }
}

pub type SharedRecorder = Rc<RefCell<Recorder>>;

/// Options a requirement call may end with: `#{ warning: true, ... }`.
#[derive(Default)]
struct Options {
    warning: bool,
    deadline: Option<NaiveDate>,
    offending: Option<(Vec<Evidence>, usize)>,
    notes: Vec<String>,
    /// What a threshold that is itself measured stands for (B > A: "category A").
    against: Option<String>,
}

impl Options {
    fn parse(map: Map) -> RhaiResult<Options> {
        let mut o = Options::default();
        for (key, value) in map {
            match key.as_str() {
                "warning" => {
                    o.warning = value.as_bool().map_err(|kind| t(Msg::OptionBool { option: "warning", value: kind }))?
                }
                "deadline" => {
                    let text = value.into_string().map_err(|kind| t(Msg::OptionDateText { value: kind }))?;
                    let date = text.parse::<NaiveDate>().map_err(|_| t(Msg::OptionNotDate { value: &text }))?;
                    o.deadline = Some(date);
                }
                "offending" => {
                    let ev = evidence_of(&value).ok_or_else(|| t(Msg::OptionRecords { kind: value.type_name() }))?;
                    let total = ev.len();
                    o.offending = Some((ev, total));
                }
                "against" => o.against = Some(value.to_string()),
                "notes" => {
                    let items = value.into_array().map_err(|kind| t(Msg::OptionTexts { value: kind }))?;
                    o.notes = items.into_iter().map(|d| d.to_string()).collect();
                }
                other => {
                    return Err(t(Msg::UnknownOption { option: other }).into());
                }
            }
        }
        Ok(o)
    }
}

fn evidence_of(value: &Dynamic) -> Option<Vec<Evidence>> {
    value.read_lock::<Records>().map(|r| r.evidence())
}

/// A number from a rule (a count, a float, or a parameter), with the
/// parameter's name when it was one.
pub(super) fn number(value: &Dynamic, what: Msg<'_>) -> RhaiResult<(FLOAT, Option<String>)> {
    if let Some(p) = value.read_lock::<Param>() {
        return Ok((p.value, Some(p.name.to_string())));
    }
    if let Ok(n) = value.as_int() {
        return Ok((n as FLOAT, None));
    }
    if let Ok(x) = value.as_float() {
        return Ok((x, None));
    }
    Err(t(Msg::MustBeNumber { what: &t(what), kind: value.type_name() }).into())
}

/// A decimal threshold as an exact fraction: 0.9 is 9/10, so 9 of 10 passes.
fn exact(x: f64) -> Option<(i128, i128)> {
    // Most thresholds are whole numbers or have a few decimals: the first
    // n / 10^k (k ≤ 6) that is x is what the text would give, as below 1e9 two
    // such fractions with k digits are further apart than x's precision.
    if x.is_finite() && x.abs() < 1e9 {
        let mut den = 1.0;
        for _ in 0..=6 {
            let n = (x * den).round();
            if n / den == x {
                return Some((n as i128, den as i128));
            }
            den *= 10.0;
        }
    }
    exact_by_text(x)
}

/// The decimal Rust writes for `x` (the shortest that reads back as `x`).
fn exact_by_text(x: f64) -> Option<(i128, i128)> {
    let text = format!("{x}");
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    if frac.len() > 18 {
        return None;
    }
    let den = 10i128.checked_pow(frac.len() as u32)?;
    let digits: i128 = format!("{int}{frac}").parse().ok()?;
    Some((digits, den))
}

pub(crate) fn compare(measured: Measure, threshold: f64) -> Option<Ordering> {
    match (measured, exact(threshold)) {
        (Measure::Ratio { whole: 0, .. }, _) => None,
        (Measure::Ratio { part, whole }, Some((n, d))) => Some((part as i128 * d).cmp(&(n * whole as i128))),
        (Measure::Count(c), Some((n, d))) => Some((c as i128 * d).cmp(&n)),
        (m, _) => m.as_f64()?.partial_cmp(&threshold),
    }
}

struct Call<'a> {
    ctx: &'a NativeCallContext<'a>,
    label: String,
    measured: Measure,
    op: String,
    threshold: Dynamic,
    options: Options,
    offending: Option<(Vec<Evidence>, usize)>,
    /// Records waivers took out, and what was measured before they were.
    waived: Option<(Vec<Waived>, Measure)>,
}

impl Recorder {
    /// The records among `idx` that a waiver in force takes out of a
    /// requirement, marking their waivers as used; None when there are none.
    fn waived_in(&mut self, records: &Records) -> Option<(HashSet<u32>, Vec<Waived>)> {
        if self.waivers.records.is_empty() {
            return None;
        }
        let all = records.view.records(records.c);
        let coll = records.view.collection(records.c);
        let mut out = HashSet::new();
        let mut which = Vec::new();
        for &i in records.idx.iter() {
            let Some(id) = all[i as usize].value.id(coll) else { continue };
            if let Some(&w) = self.waivers.records.get(&(coll.name.as_str(), id.to_string())) {
                out.insert(i);
                which.push((i, w));
                self.waivers.matched[w] = true;
            }
        }
        if out.is_empty() {
            return None;
        }
        let idx: Vec<u32> = which.iter().map(|(i, _)| *i).collect();
        let evidence = records.view.evidence(records.c, &idx);
        let waived = evidence
            .into_iter()
            .zip(which)
            .map(|(record, (_, w))| Waived { record, waiver: self.waivers.waivers[w].clone() })
            .collect();
        Some((out, waived))
    }

    fn status(&self, measured: Measure, op: Op, value: f64, deadline: Option<NaiveDate>) -> Status {
        match compare(measured, value) {
            None => Status::NotApplicable,
            Some(ord) if op.holds(ord) => Status::Pass,
            Some(_) if deadline.zip(self.as_of).is_some_and(|(d, a)| a < d) => Status::Pending,
            Some(_) => Status::Fail,
        }
    }

    fn record(&mut self, call: Call<'_>) -> RhaiResult<()> {
        let op = Op::parse(&call.op).ok_or_else(|| t(Msg::NotAComparison { op: &call.op }))?;
        let (value, param) = number(&call.threshold, Msg::TheThreshold)?;
        let source = match param {
            Some(name) => {
                self.sources.get(&name).cloned().unwrap_or(ThresholdSource::Literal { file: self.rule_file.clone() })
            }
            None => match call.options.against.clone() {
                Some(what) => ThresholdSource::Measured { what: self.text(what) },
                None => ThresholdSource::Literal { file: self.rule_file.clone() },
            },
        };
        let deadline = call.options.deadline.or(self.deadline);
        let status = self.status(call.measured, op, value, deadline);
        let (waived, mut unwaived) = match call.waived {
            Some((waived, before)) => (waived, Some(self.status(before, op, value, deadline))),
            None => (Vec::new(), None),
        };
        let waived_whole = match self.waivers.whole.get(&(self.requirements.len() + 1)) {
            Some(&w) => {
                self.waivers.matched[w] = true;
                unwaived = unwaived.or(Some(status));
                Some(self.waivers.waivers[w].clone())
            }
            None => None,
        };
        let passed = matches!(status, Status::Pass | Status::NotApplicable);
        let (offending, offending_total) = match call.options.offending.or(call.offending) {
            Some((ev, total)) if !passed => (ev, total),
            _ => (Vec::new(), 0),
        };
        let pos = call.ctx.call_position();
        let notes = if passed { Vec::new() } else { call.options.notes.into_iter().map(|n| self.text(n)).collect() };
        self.requirements.push(Requirement {
            label: self.text(call.label),
            measured: call.measured,
            op,
            threshold: Threshold { value, source },
            status,
            warning: call.options.warning,
            deadline,
            offending,
            offending_total,
            notes,
            line: pos.line().unwrap_or(0),
            column: pos.position().unwrap_or(0),
            waived,
            waived_whole,
            unwaived,
        });
        Ok(())
    }
}

fn measure(value: &Dynamic) -> RhaiResult<Measure> {
    let (x, _) = number(value, Msg::TheMeasured)?;
    Ok(if value.is_int() { Measure::Count(x as i64) } else { Measure::Number(x) })
}

/// Registers `$name` twice: as given, and with a last argument of options.
macro_rules! with_options {
    ($engine:expr, $recorder:expr, $name:literal, $record:expr, $($arg:ident : $ty:ty),*) => {{
        let r = $recorder.clone();
        $engine.register_fn($name, move |ctx: NativeCallContext, $($arg: $ty),*| {
            $record(&r, &ctx, $($arg,)* Options::default())
        });
        let r = $recorder.clone();
        $engine.register_fn($name, move |ctx: NativeCallContext, $($arg: $ty,)* opts: Map| {
            $record(&r, &ctx, $($arg,)* Options::parse(opts)?)
        });
    }};
}

pub fn register(engine: &mut Engine, recorder: &SharedRecorder) {
    with_options!(engine, recorder, "require", record_number, label: &str, measured: Dynamic, op: &str, threshold: Dynamic);
    with_options!(engine, recorder, "require_ratio", record_ratio, label: &str, part: i64, whole: i64, op: &str, threshold: Dynamic);
    let r = recorder.clone();
    engine.register_fn("label", move |key: &str| r.borrow().label(key, &Map::new()));
    let r = recorder.clone();
    engine.register_fn("label", move |key: &str, args: Map| r.borrow().label(key, &args));
    let r = recorder.clone();
    engine.register_fn("not_applicable", move |ctx: NativeCallContext, label: &str| {
        record_ratio(&r, &ctx, label, 0, 0, ">=", Dynamic::from_int(0), Options::default())
    });

    with_options!(engine, recorder, "require_share", record_share, label: &str, part: Records, whole: Records, op: &str, threshold: Dynamic);
    with_options!(engine, recorder, "require_count", record_count, label: &str, records: Records, op: &str, threshold: Dynamic);
    with_options!(engine, recorder, "require_none", record_none, label: &str, records: Records);
}

fn record_number(
    r: &SharedRecorder,
    ctx: &NativeCallContext,
    label: &str,
    measured: Dynamic,
    op: &str,
    threshold: Dynamic,
    options: Options,
) -> RhaiResult<()> {
    record_measure(r, ctx, label, measure(&measured)?, op, threshold, options)
}

#[allow(clippy::too_many_arguments)]
fn record_ratio(
    r: &SharedRecorder,
    ctx: &NativeCallContext,
    label: &str,
    part: i64,
    whole: i64,
    op: &str,
    threshold: Dynamic,
    options: Options,
) -> RhaiResult<()> {
    record_measure(r, ctx, label, Measure::Ratio { part, whole }, op, threshold, options)
}

/// A requirement on a value with no records behind it.
fn record_measure(
    r: &SharedRecorder,
    ctx: &NativeCallContext,
    label: &str,
    measured: Measure,
    op: &str,
    threshold: Dynamic,
    options: Options,
) -> RhaiResult<()> {
    r.borrow_mut().record(Call {
        ctx,
        label: label.into(),
        measured,
        op: op.into(),
        threshold,
        options,
        offending: None,
        waived: None,
    })
}

#[allow(clippy::too_many_arguments)]
fn record_share(
    r: &SharedRecorder,
    ctx: &NativeCallContext,
    label: &str,
    part: Records,
    whole: Records,
    op: &str,
    threshold: Dynamic,
    options: Options,
) -> RhaiResult<()> {
    whole.same_collection(&part)?;
    let ratio = |whole: &[u32]| {
        let missing = not_in(whole, &part.idx);
        (Measure::Ratio { part: (whole.len() - missing.len()) as i64, whole: whole.len() as i64 }, missing)
    };
    let waived = r.borrow_mut().waived_in(&whole);
    let (measured, missing, waived) = match waived {
        None => {
            let (measured, missing) = ratio(&whole.idx);
            (measured, missing, None)
        }
        Some((out, waived)) => {
            let kept: Vec<u32> = whole.idx.iter().copied().filter(|i| !out.contains(i)).collect();
            let (measured, missing) = ratio(&kept);
            (measured, missing, Some((waived, ratio(&whole.idx).0)))
        }
    };
    let evidence = whole.view.evidence(whole.c, &missing);
    let total = evidence.len();
    let call = Call {
        ctx,
        label: label.into(),
        measured,
        op: op.into(),
        threshold,
        options,
        offending: Some((evidence, total)),
        waived,
    };
    r.borrow_mut().record(call)
}

/// The indices of `whole` that are not in `part`, in order. Selections keep
/// the records' order, so both are usually sorted: one pass then.
fn not_in(whole: &[u32], part: &[u32]) -> Vec<u32> {
    if !(whole.is_sorted() && part.is_sorted()) {
        let inside: HashSet<u32> = part.iter().copied().collect();
        return whole.iter().copied().filter(|i| !inside.contains(i)).collect();
    }
    let mut part = part.iter().peekable();
    whole
        .iter()
        .copied()
        .filter(|&i| {
            while part.next_if(|&&p| p < i).is_some() {}
            part.peek().is_none_or(|&&p| p != i)
        })
        .collect()
}

fn record_count(
    r: &SharedRecorder,
    ctx: &NativeCallContext,
    label: &str,
    records: Records,
    op: &str,
    threshold: Dynamic,
    options: Options,
) -> RhaiResult<()> {
    let (records, waived) = without_waived(r, records);
    // Too many records is what an upper bound objects to; too few has no
    // record to show.
    let offending = matches!(op, "<=" | "<" | "==").then(|| {
        let ev = records.evidence();
        let total = ev.len();
        (ev, total)
    });
    let call = Call {
        ctx,
        label: label.into(),
        measured: Measure::Count(records.idx.len() as i64),
        op: op.into(),
        threshold,
        options,
        offending,
        waived,
    };
    r.borrow_mut().record(call)
}

fn record_none(
    r: &SharedRecorder,
    ctx: &NativeCallContext,
    label: &str,
    records: Records,
    options: Options,
) -> RhaiResult<()> {
    let (records, waived) = without_waived(r, records);
    let ev = records.evidence();
    let total = ev.len();
    let call = Call {
        ctx,
        label: label.into(),
        measured: Measure::Count(records.idx.len() as i64),
        op: "==".into(),
        threshold: Dynamic::from_int(0),
        options,
        offending: Some((ev, total)),
        waived,
    };
    r.borrow_mut().record(call)
}

/// The records with those waived taken out, and what was waived with the
/// count before.
fn without_waived(r: &SharedRecorder, records: Records) -> (Records, Option<(Vec<Waived>, Measure)>) {
    match r.borrow_mut().waived_in(&records) {
        None => (records, None),
        Some((out, waived)) => {
            let before = Measure::Count(records.idx.len() as i64);
            let kept = records.idx.iter().copied().filter(|i| !out.contains(i)).collect();
            (records.with(kept), Some((waived, before)))
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn exact_fractions_are_those_of_the_decimal_text() {
        let mut values: Vec<f64> =
            vec![0.0, -0.0, 1.0, 0.9, 0.95, 0.333, 1.0 / 3.0, 0.1 + 0.2, 2.5e-7, 123456.789, 1e9, 1e15, -0.75];
        values.extend((0..=2000).map(|i| f64::from(i) / 1000.0));
        values.extend((0..=200).map(|i| f64::from(i) * 0.01));
        values.extend((1..=100).map(|i| 1.0 / f64::from(i)));
        for x in values {
            assert_eq!(super::exact(x), super::exact_by_text(x), "{x}");
        }
    }

    #[test]
    fn a_label_fills_each_named_brace_once_and_leaves_others() {
        let mut labels = indexmap::IndexMap::new();
        labels.insert("load".to_string(), crate::i18n::Localized::One("{officer}: {n} of {want} {unknown} {".into()));
        let recorder = super::Recorder { labels: std::sync::Arc::new(labels), ..Default::default() };
        let mut args = rhai::Map::new();
        args.insert("officer".into(), "CB01 {n}".into());
        args.insert("n".into(), rhai::Dynamic::from_int(1234));
        args.insert("want".into(), rhai::Dynamic::from_float(2.5));
        let text = crate::i18n::with(crate::i18n::Lang::Vi, || recorder.label("load", &args).unwrap());
        // Numbers the Vietnamese way: thousands grouped, a decimal comma.
        assert_eq!(text, "CB01 {n}: 1.234 of 2,5 {unknown} {");
        let text = crate::i18n::with(crate::i18n::Lang::En, || recorder.label("load", &args).unwrap());
        assert_eq!(text, "CB01 {n}: 1234 of 2.5 {unknown} {");
        assert!(recorder.label("lod", &args).is_err());
    }

    #[test]
    fn not_in_keeps_the_order_of_whole_sorted_or_not() {
        assert_eq!(super::not_in(&[1, 2, 4, 7, 9], &[0, 2, 3, 9, 12]), [1, 4, 7]);
        assert_eq!(super::not_in(&[1, 2, 2, 4], &[2]), [1, 4]);
        assert_eq!(super::not_in(&[9, 1, 4], &[4, 9]), [1]);
        assert_eq!(super::not_in(&[], &[1]), Vec::<u32>::new());
        assert_eq!(super::not_in(&[3, 5], &[]), [3, 5]);
    }
}
