//! Collections and records as rules use them. A collection value is a view
//! (a list of indices) into the unit's data: passing it around, filtering
//! and counting never copies records, and the per-record work runs in Rust.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::HashSet;

use chrono::{NaiveDate, NaiveDateTime};
use std::rc::Rc;

use rhai::{Array, Dynamic, Engine, EvalAltResult, FLOAT, FnPtr, ImmutableString, Map, NativeCallContext, Position};

use super::view::View;
use crate::dataset::calendar::{iso_date, iso_time};
use crate::dataset::field::{Field, FieldKind, Slot};
use crate::dataset::record::Record;
use crate::i18n::{Msg, t};

pub type RhaiResult<T> = Result<T, Box<EvalAltResult>>;

/// Some records of one collection, as of the evaluation date.
#[derive(Clone)]
pub struct Records {
    pub view: Rc<View>,
    /// The collection, by its index in the model.
    pub c: usize,
    pub idx: Rc<[u32]>,
}

/// One record.
#[derive(Clone)]
pub struct Rec {
    pub view: Rc<View>,
    pub c: usize,
    pub i: u32,
}

impl Records {
    pub fn all(view: Rc<View>, c: usize) -> Self {
        let idx = view.existing(c);
        Records { view, c, idx }
    }

    pub(crate) fn with(&self, idx: Vec<u32>) -> Self {
        Records { view: self.view.clone(), c: self.c, idx: idx.into() }
    }

    /// The collection's name.
    pub fn name(&self) -> &'static str {
        self.view.collection(self.c).name.as_str()
    }

    fn select(&self, mut keep: impl FnMut(&Record) -> bool) -> Self {
        let records = self.view.records(self.c);
        // Room for all at once, rather than growing (and copying) as it fills.
        let mut kept = Vec::with_capacity(self.idx.len());
        kept.extend(self.idx.iter().copied().filter(|&i| keep(&records[i as usize].value)));
        self.with(kept)
    }

    fn select_field(&self, name: &str, mut keep: impl FnMut(Field<'_>) -> bool) -> RhaiResult<Self> {
        let (slot, _) = self.slot(name)?;
        let view = self.view.clone();
        let c = self.c;
        Ok(self.select(|r| keep(view.field(c, r, slot))))
    }

    /// The records whose field `name` holds something as of the day (`set`),
    /// or those whose field does not.
    fn select_set(&self, name: &str, set: bool) -> RhaiResult<Self> {
        let (slot, _) = self.slot(name)?;
        let view = self.view.clone();
        let c = self.c;
        Ok(self.select(|r| view.is_set(c, r, slot) == set))
    }

    /// The slot of the field `name`, resolved once for a whole selection,
    /// and its kind; or an error naming the fields there are.
    fn slot(&self, name: &str) -> RhaiResult<(Slot, FieldKind)> {
        check_field(&self.view, self.c, name)
    }

    pub(crate) fn same_collection(&self, other: &Records) -> RhaiResult<()> {
        if self.c == other.c {
            return Ok(());
        }
        Err(t(Msg::NotSameCollection { a: self.name(), b: other.name() }).into())
    }

    pub fn evidence(&self) -> Vec<crate::outcome::Evidence> {
        self.view.evidence(self.c, &self.idx)
    }
}

impl IntoIterator for Records {
    type Item = Rec;
    type IntoIter = std::vec::IntoIter<Rec>;

    fn into_iter(self) -> Self::IntoIter {
        self.idx.iter().map(|&i| Rec { view: self.view.clone(), c: self.c, i }).collect::<Vec<_>>().into_iter()
    }
}

/// The slot and kind of a field, or an error naming the fields there are.
fn check_field(view: &View, c: usize, name: &str) -> RhaiResult<(Slot, FieldKind)> {
    super::view::field_kind_at(view.model(), c, name).map_err(Into::into)
}

/// A value from a rule, prepared once for comparing against many fields.
#[derive(Debug)]
enum Probe {
    Unit,
    Bool(bool),
    Int(i64),
    Text(ImmutableString),
    /// A text compared with a date field, parsed once.
    Date(NaiveDate),
}

impl Probe {
    fn from(value: &Dynamic) -> RhaiResult<Probe> {
        let value = super::param::plain(value);
        if value.is_unit() {
            Ok(Probe::Unit)
        } else if let Ok(b) = value.as_bool() {
            Ok(Probe::Bool(b))
        } else if let Ok(n) = value.as_int() {
            Ok(Probe::Int(n))
        } else if let Some(s) = value.clone().try_cast::<ImmutableString>() {
            Ok(Probe::Text(s))
        } else {
            Err(t(Msg::CannotCompareType { kind: value.type_name() }).into())
        }
    }

    /// Refuses a value the field can never hold, so that a typo (`"b"` for
    /// `"B"`) is an error instead of an empty selection. A text compared
    /// with a date field becomes that date.
    fn fits(self, collection: &str, name: &str, kind: FieldKind) -> RhaiResult<Probe> {
        match (&self, kind) {
            (_, FieldKind::Nested) => {}
            (Probe::Unit, _) => return Ok(self),
            (Probe::Text(v), FieldKind::Values(allowed)) if allowed.iter().any(|a| a == v.as_str()) => return Ok(self),
            (Probe::Text(_), FieldKind::Text | FieldKind::Ids) => return Ok(self),
            (Probe::Text(v), FieldKind::Date) => {
                if let Some(d) = crate::dataset::calendar::parse_date(v) {
                    return Ok(Probe::Date(d));
                }
            }
            (Probe::Bool(_), FieldKind::Flag) | (Probe::Int(_), FieldKind::Int) => return Ok(self),
            _ => {}
        }
        // What is wrong, in words: only now, as it is rarely needed.
        let field = format!("{collection}.{name}");
        let holds = t(match kind {
            FieldKind::Text => Msg::HoldsTexts,
            FieldKind::Ids => Msg::HoldsIds,
            FieldKind::Flag => Msg::HoldsFlags,
            FieldKind::Int => Msg::HoldsWhole,
            FieldKind::Date => Msg::HoldsDates,
            FieldKind::Time => Msg::HoldsTimes,
            FieldKind::Values(_) => Msg::HoldsFixed,
            FieldKind::Nested => Msg::HoldsNested,
        });
        let field = field.as_str();
        let never = |value: String| t(Msg::HoldsNever { field, holds: &holds, value: &value });
        let problem = match (&self, kind) {
            (_, FieldKind::Nested) => t(Msg::NestedNotComparable { field }),
            (Probe::Text(v), FieldKind::Values(allowed)) => {
                let allowed: Vec<&str> = allowed.iter().map(String::as_str).collect();
                let near = crate::diagnostic::closest(v, &allowed);
                let values = t(Msg::ItsValuesAre { values: &allowed.join(", ") });
                let what = t(Msg::NotAValueOfField { value: v, field });
                return Err(super::ApiError::new(what, crate::diagnostic::did_you_mean(near, &values)).into());
            }
            (Probe::Text(v), FieldKind::Date) => t(Msg::NotADateField { value: v, field }),
            (Probe::Text(_), FieldKind::Time) => t(Msg::CompareTimes { field }),
            (Probe::Bool(b), _) => never(b.to_string()),
            (Probe::Int(n), _) => never(t(Msg::TheNumber { n: &n.to_string() })),
            (Probe::Text(v), _) => never(t(Msg::TheText { text: v })),
            (Probe::Unit | Probe::Date(_), _) => unreachable!("accepted above"),
        };
        Err(problem.into())
    }

    /// Equality; a list field matches when it contains the value, an origin
    /// when its kind is the value.
    fn matches(&self, field: &Field<'_>) -> bool {
        match (self, field) {
            (Probe::Unit, Field::Null) => true,
            (Probe::Bool(a), Field::Bool(b)) => a == b,
            (Probe::Int(a), Field::Int(b)) => a == b,
            (Probe::Text(a), Field::Str(b)) => a.as_str() == *b,
            (Probe::Date(a), Field::Date(d)) => a == d,
            (Probe::Text(a), Field::Ids(ids)) => ids.iter().any(|i| i == a.as_str()),
            (Probe::Text(a), Field::Codes(m)) => m.iter().any(|i| i.as_ref() == a.as_str()),
            (Probe::Text(a), Field::Origin(o)) => o.kind.as_ref() == a.as_str(),
            _ => false,
        }
    }
}

/// A value checked against the field it is compared with.
fn probe(r: &Records, name: &str, value: &Dynamic) -> RhaiResult<(Slot, Probe)> {
    let (slot, kind) = r.slot(name)?;
    Ok((slot, Probe::from(value)?.fits(r.name(), name, kind)?))
}

fn probes(r: &Records, name: &str, values: &Dynamic) -> RhaiResult<(Slot, Vec<Probe>)> {
    let (slot, kind) = r.slot(name)?;
    match values.read_lock::<Array>() {
        Some(items) => {
            let probes = items.iter().map(|v| Probe::from(v)?.fits(r.name(), name, kind)).collect::<RhaiResult<_>>()?;
            Ok((slot, probes))
        }
        None => Err(t(Msg::ExpectedList { kind: super::param::plain(values).type_name() }).into()),
    }
}

/// The values of `where_in`: a field matches when it matches any of them.
/// Long lists of texts (ids, most often) are looked up in a hash set
/// rather than compared one by one with every record.
struct ProbeSet<'a> {
    texts: HashSet<&'a str>,
    others: Vec<&'a Probe>,
}

impl<'a> ProbeSet<'a> {
    /// Below this many texts, comparing is as quick as hashing.
    const HASHED: usize = 8;

    fn new(probes: &'a [Probe]) -> ProbeSet<'a> {
        let texts = probes.iter().filter(|p| matches!(p, Probe::Text(_))).count();
        if texts < Self::HASHED {
            return ProbeSet { texts: Default::default(), others: probes.iter().collect() };
        }
        let mut set = ProbeSet { texts: HashSet::with_capacity(texts), others: Vec::new() };
        for p in probes {
            match p {
                Probe::Text(t) => {
                    set.texts.insert(t.as_str());
                }
                other => set.others.push(other),
            }
        }
        set
    }

    /// As `Probe::matches` for any of the values.
    fn matches(&self, field: &Field<'_>) -> bool {
        let hashed = !self.texts.is_empty()
            && match field {
                Field::Str(s) => self.texts.contains(*s),
                Field::Ids(ids) => ids.iter().any(|i| self.texts.contains(i.as_str())),
                Field::Codes(m) => m.iter().any(|i| self.texts.contains(i.as_ref())),
                Field::Origin(o) => self.texts.contains(o.kind.as_ref()),
                _ => false,
            };
        hashed || self.others.iter().any(|p| p.matches(field))
    }
}

/// A bound for `where_before` and friends, parsed once by the kind of the
/// field it bounds: a date or time field takes a date (`YYYY-MM-DD` or
/// `dd/mm/yyyy`) or a time, and compares as such (a date bound against a
/// time compares the time's day start); a text field takes text, a number
/// field a number. Anything else is an error at the rule's line, never a
/// comparison of unlike things as text.
enum Bound<'a> {
    Date(NaiveDate),
    Time(NaiveDateTime),
    Text(&'a str),
}

impl<'a> Bound<'a> {
    fn for_field(r: &Records, name: &str, text: &'a str) -> RhaiResult<Bound<'a>> {
        use crate::dataset::calendar::{parse_date, parse_time};
        let collection = r.name();
        match r.slot(name)?.1 {
            FieldKind::Date | FieldKind::Time => {
                if let Some(d) = parse_date(text) {
                    Ok(Bound::Date(d))
                } else if let Some(t) = parse_time(text) {
                    Ok(Bound::Time(t))
                } else if let Some(why) = crate::dataset::calendar::impossible_day(text) {
                    Err(format!("{}: {why}", t(Msg::NotADate { value: text })).into())
                } else {
                    Err(super::ApiError::new(t(Msg::NotADate { value: text }), t(Msg::WriteDateEither)).into())
                }
            }
            FieldKind::Text if parse_date(text).is_some() || parse_time(text).is_some() => {
                Err(t(Msg::DateBoundOnText { collection, field: name, value: text }).into())
            }
            FieldKind::Text => Ok(Bound::Text(text)),
            FieldKind::Int if text.trim().parse::<i64>().is_ok() => Ok(Bound::Text(text)),
            FieldKind::Int => Err(t(Msg::NotANumberBound { field: name, value: text }).into()),
            FieldKind::Flag | FieldKind::Ids | FieldKind::Values(_) | FieldKind::Nested => {
                Err(t(Msg::NoOrder { collection, field: name }).into())
            }
        }
    }

    /// How the field compares with the bound; None when it has no value.
    fn cmp(&self, field: &Field<'_>) -> Option<Ordering> {
        match (field, self) {
            (Field::Date(d), Bound::Date(b)) => Some(d.cmp(b)),
            (Field::Date(d), Bound::Time(b)) => Some(d.and_hms_opt(0, 0, 0)?.cmp(b)),
            (Field::Timestamp(t), Bound::Time(b)) => Some(t.0.cmp(b)),
            (Field::Timestamp(t), Bound::Date(b)) => Some(t.0.cmp(&b.and_hms_opt(0, 0, 0)?)),
            (Field::Str(s), _) => Some((*s).cmp(self.text())),
            (Field::Int(n), _) => self.text().parse::<i64>().ok().map(|b| n.cmp(&b)),
            (Field::Null, _) => None,
            (other, _) => field_text(other).map(|t| t.as_str().cmp(self.text())),
        }
    }

    fn text(&self) -> &str {
        match self {
            Bound::Text(t) => t,
            // Only texts compare as text; a date bound never reaches here for
            // dates, and other fields have no order.
            _ => "",
        }
    }
}

fn field_text(field: &Field<'_>) -> Option<String> {
    match field {
        Field::Str(s) => Some((*s).to_string()),
        Field::Date(d) => Some(iso_date(*d)),
        Field::Timestamp(t) => Some(iso_time(t.0)),
        _ => None,
    }
}

/// Text of each value of a field (each element for a list field), borrowed
/// from the record where it is text already.
fn field_texts<'a>(field: &Field<'a>, out: &mut dyn FnMut(Cow<'a, str>)) {
    match *field {
        Field::Null => {}
        Field::Bool(b) => out(Cow::Borrowed(if b { "true" } else { "false" })),
        Field::Int(n) => out(Cow::Owned(n.to_string())),
        Field::Str(s) => out(Cow::Borrowed(s)),
        Field::Date(d) => out(Cow::Owned(iso_date(d))),
        Field::Timestamp(t) => out(Cow::Owned(iso_time(t.0))),
        Field::Ids(ids) => ids.iter().for_each(|i| out(Cow::Borrowed(i))),
        Field::Codes(m) => m.iter().for_each(|i| out(Cow::Borrowed(i.as_ref()))),
        Field::Origin(o) => out(Cow::Borrowed(o.kind.as_ref())),
        Field::Records(_) => {}
    }
}

/// Registers `Records` and `Rec` with all their methods, for the
/// collections of `model`: a getter for each field name any collection
/// has, and `<start>_in_period`, `<end>_in_period` for each start and end
/// field name.
pub fn register(engine: &mut Engine, model: &'static crate::model::Model) {
    engine.register_type_with_name::<Records>("records");
    engine.register_type_with_name::<Rec>("record");
    engine.register_iterator::<Records>();

    engine.register_fn("len", |r: &mut Records| r.idx.len() as i64);
    engine.register_fn("is_empty", |r: &mut Records| r.idx.is_empty());
    engine.register_fn("to_string", |r: &mut Records| format!("{} ({})", r.name(), r.idx.len()));
    engine.register_fn("to_debug", |r: &mut Records| format!("{} ({})", r.name(), r.idx.len()));

    engine.register_fn("open", |r: &mut Records| {
        let (view, c) = (r.view.clone(), r.c);
        r.select(|x| view.end(c, x).is_none())
    });
    engine.register_fn("in_period", |r: &mut Records| {
        let (view, c) = (r.view.clone(), r.c);
        let coll = view.collection(c);
        r.select(|x| view.in_period(x.start(coll)))
    });
    let mut starts = indexmap::IndexSet::new();
    let mut ends = indexmap::IndexSet::new();
    for coll in &model.collections {
        starts.extend(coll.start.map(|i| coll.fields[i].name.as_str()));
        ends.extend(coll.end.map(|i| coll.fields[i].name.as_str()));
    }
    for start in starts {
        engine.register_fn(format!("{start}_in_period"), move |r: &mut Records| -> RhaiResult<Records> {
            let (view, c) = (r.view.clone(), r.c);
            let coll = view.collection(c);
            if coll.start.map(|i| coll.fields[i].name.as_str()) != Some(start) {
                return Err(no_such_function(r, &format!("{start}_in_period")));
            }
            Ok(r.select(|x| view.in_period(x.start(coll))))
        });
    }
    for end in ends {
        engine.register_fn(format!("{end}_in_period"), move |r: &mut Records| -> RhaiResult<Records> {
            let (view, c) = (r.view.clone(), r.c);
            let coll = view.collection(c);
            if coll.end.map(|i| coll.fields[i].name.as_str()) != Some(end) {
                return Err(no_such_function(r, &format!("{end}_in_period")));
            }
            Ok(r.select(|x| view.in_period(view.end(c, x))))
        });
    }

    engine.register_fn("where_eq", |r: &mut Records, name: &str, value: Dynamic| {
        let (_, probe) = probe(r, name, &value)?;
        r.select_field(name, |f| probe.matches(&f))
    });
    engine.register_fn("where_ne", |r: &mut Records, name: &str, value: Dynamic| {
        let (_, probe) = probe(r, name, &value)?;
        r.select_field(name, |f| !probe.matches(&f))
    });
    engine.register_fn("where_in", |r: &mut Records, name: &str, values: Dynamic| {
        let (_, probes) = probes(r, name, &values)?;
        let set = ProbeSet::new(&probes);
        r.select_field(name, |f| set.matches(&f))
    });
    engine.register_fn("where_not_in", |r: &mut Records, name: &str, values: Dynamic| {
        let (_, probes) = probes(r, name, &values)?;
        let set = ProbeSet::new(&probes);
        r.select_field(name, |f| !set.matches(&f))
    });
    engine.register_fn("where_true", |r: &mut Records, name: &str| {
        Probe::Bool(true).fits(r.name(), name, r.slot(name)?.1)?;
        r.select_field(name, |f| matches!(f, Field::Bool(true)))
    });
    engine.register_fn("where_false", |r: &mut Records, name: &str| {
        Probe::Bool(false).fits(r.name(), name, r.slot(name)?.1)?;
        r.select_field(name, |f| !matches!(f, Field::Bool(true)))
    });
    engine.register_fn("where_set", |r: &mut Records, name: &str| r.select_set(name, true));
    engine.register_fn("where_unset", |r: &mut Records, name: &str| r.select_set(name, false));

    engine.register_fn("where_before", |r: &mut Records, name: &str, bound: &str| {
        let bound = Bound::for_field(r, name, bound)?;
        r.select_field(name, |f| bound.cmp(&f) == Some(Ordering::Less))
    });
    engine.register_fn("where_until", |r: &mut Records, name: &str, bound: &str| {
        let bound = Bound::for_field(r, name, bound)?;
        r.select_field(name, |f| bound.cmp(&f).is_some_and(|o| o != Ordering::Greater))
    });
    engine.register_fn("where_between", |r: &mut Records, name: &str, from: &str, to: &str| {
        let (from, to) = (Bound::for_field(r, name, from)?, Bound::for_field(r, name, to)?);
        r.select_field(name, |f| {
            from.cmp(&f).is_some_and(|o| o != Ordering::Less) && to.cmp(&f).is_some_and(|o| o != Ordering::Greater)
        })
    });
    engine.register_fn("distinct_per_month", |r: &mut Records, name: &str| -> RhaiResult<Map> {
        distinct_per_month(r, name)
    });
    engine.register_fn("earliest_by", |r: &mut Records, group: &str, value: &str| -> RhaiResult<Map> {
        extreme_by(r, group, value, Ordering::Less)
    });
    engine.register_fn("latest_by", |r: &mut Records, group: &str, value: &str| -> RhaiResult<Map> {
        extreme_by(r, group, value, Ordering::Greater)
    });

    engine.register_fn("filter", |ctx: NativeCallContext, r: &mut Records, f: FnPtr| filter(&ctx, r, &f));

    engine.register_fn("except", |r: &mut Records, other: Records| -> RhaiResult<Records> {
        r.same_collection(&other)?;
        let drop: HashSet<u32> = other.idx.iter().copied().collect();
        Ok(r.with(r.idx.iter().copied().filter(|i| !drop.contains(i)).collect()))
    });
    engine.register_fn("union", |r: &mut Records, other: Records| -> RhaiResult<Records> {
        r.same_collection(&other)?;
        let mut all: Vec<u32> = r.idx.iter().chain(other.idx.iter()).copied().collect();
        all.sort_unstable();
        all.dedup();
        Ok(r.with(all))
    });
    engine.register_fn("ids", |r: &mut Records| -> Array {
        let records = r.view.records(r.c);
        let coll = r.view.collection(r.c);
        r.idx
            .iter()
            .filter_map(|&i| records[i as usize].value.id(coll))
            .map(|id| Dynamic::from(id.to_string()))
            .collect()
    });
    engine.register_fn("values", |r: &mut Records, name: &str| -> RhaiResult<Array> {
        let (slot, _) = r.slot(name)?;
        let mut seen = indexmap::IndexSet::new();
        let records = r.view.records(r.c);
        for &i in r.idx.iter() {
            let f = r.view.field(r.c, &records[i as usize].value, slot);
            field_texts(&f, &mut |s| {
                seen.insert(s);
            });
        }
        Ok(seen.into_iter().map(|v| Dynamic::from(v.into_owned())).collect())
    });
    engine.register_fn("count_by", |r: &mut Records, name: &str| -> RhaiResult<Map> {
        let (slot, _) = r.slot(name)?;
        let mut counts = indexmap::IndexMap::<Cow<'_, str>, i64>::new();
        let records = r.view.records(r.c);
        for &i in r.idx.iter() {
            let f = r.view.field(r.c, &records[i as usize].value, slot);
            field_texts(&f, &mut |s| *counts.entry(s).or_default() += 1);
        }
        Ok(counts.into_iter().map(|(k, v)| (k.as_ref().into(), Dynamic::from(v))).collect())
    });
    // `where_count(counts, op, n)`: the records whose count in `counts` (a
    // map by record id, as `count_by("handler")` gives; an id not in it
    // counts 0) compares with `n`: `officers.where_count(load, ">=", 2)`.
    engine.register_fn("where_count", |r: &mut Records, counts: Map, op: &str, n: Dynamic| -> RhaiResult<Records> {
        let op = crate::outcome::Op::parse(op).ok_or_else(|| t(Msg::NotAComparison { op }))?;
        let wanted = super::require::number(&n, Msg::TheThreshold)?.0;
        let counts = Counts::of(r, &counts)?;
        let records = r.view.records(r.c);
        let keep = r.idx.iter().copied().filter(|&i| {
            let count = counts.of_record(&records[i as usize].value);
            count.partial_cmp(&wanted).is_some_and(|ord| op.holds(ord))
        });
        Ok(r.with(keep.collect()))
    });
    // `max_count(counts)`: the highest count in `counts` among the records
    // (0 when none has one).
    engine.register_fn("max_count", |r: &mut Records, counts: Map| -> RhaiResult<Dynamic> {
        let counts = Counts::of(r, &counts)?;
        let records = r.view.records(r.c);
        let most = r.idx.iter().map(|&i| counts.of_record(&records[i as usize].value)).fold(0.0, FLOAT::max);
        Ok(super::param::number(most))
    });
    engine.register_fn("get", |r: &mut Records, id: &str| -> Dynamic {
        let records = r.view.records(r.c);
        let coll = r.view.collection(r.c);
        r.idx
            .iter()
            .find(|&&i| records[i as usize].value.id(coll) == Some(id))
            .map_or(Dynamic::UNIT, |&i| Dynamic::from(Rec { view: r.view.clone(), c: r.c, i }))
    });

    engine.register_indexer_get(|r: &mut Rec, name: &str| -> RhaiResult<Dynamic> {
        let (slot, _) = check_field(&r.view, r.c, name)?;
        Ok(get_field(r, slot))
    });
    // `record.id` is one call with a getter per field; without one, Rhai
    // looks for a getter, builds the error, then falls back to the indexer.
    let mut names = indexmap::IndexSet::new();
    for coll in &model.collections {
        names.extend(coll.fields.iter().map(|f| f.name.as_str()));
    }
    for name in names {
        engine.register_get(name, move |r: &mut Rec| -> RhaiResult<Dynamic> {
            let (slot, _) = check_field(&r.view, r.c, name)?;
            Ok(get_field(r, slot))
        });
    }
    engine.register_fn("to_string", |r: &mut Rec| {
        let coll = r.view.collection(r.c);
        let record = &r.view.records(r.c)[r.i as usize].value;
        format!("{} {}", coll.name, record.id(coll).unwrap_or("(no id)"))
    });
}

/// The error of a function a collection does not have.
fn no_such_function(r: &Records, name: &str) -> Box<EvalAltResult> {
    EvalAltResult::ErrorFunctionNotFound(format!("{name} ({})", r.name()), Position::NONE).into()
}

/// A field of a record as a rule value; `()` when it has none.
fn get_field(r: &Rec, slot: Slot) -> Dynamic {
    let record = &r.view.records(r.c)[r.i as usize].value;
    let nested = match &r.view.collection(r.c).fields[slot.index].kind {
        crate::model::Kind::Records(n) => Some(&**n),
        _ => None,
    };
    r.view.to_dynamic(r.view.field(r.c, record, slot), nested)
}

/// For each value of `group`, the smallest (or largest) value of `value`:
/// `reports.earliest_by("covers", "submitted")` maps each period covered to
/// the first time a report on it was sent.
fn extreme_by(r: &Records, group: &str, value: &str, keep: Ordering) -> RhaiResult<Map> {
    let (group, _) = r.slot(group)?;
    let (value, _) = r.slot(value)?;
    let records = r.view.records(r.c);
    let mut best: indexmap::IndexMap<Cow<'_, str>, Field<'_>> = indexmap::IndexMap::new();
    for &i in r.idx.iter() {
        let rec = &records[i as usize].value;
        let (g, v) = (r.view.field(r.c, rec, group), r.view.field(r.c, rec, value));
        let Some(key) = key_text(&g) else { continue };
        // Only values with a text (`field_text`) have an order.
        if !matches!(v, Field::Str(_) | Field::Date(_) | Field::Timestamp(_)) {
            continue;
        }
        match best.get(&key) {
            Some(current) if text_order(&v, current) != keep => {}
            _ => {
                best.insert(key, v);
            }
        }
    }
    Ok(best.into_iter().map(|(k, v)| (k.as_ref().into(), r.view.to_dynamic(v, None))).collect())
}

/// A field's text, borrowed when it is text already.
fn key_text<'a>(field: &Field<'a>) -> Option<Cow<'a, str>> {
    match field {
        Field::Str(s) => Some(Cow::Borrowed(s)),
        other => field_text(other).map(Cow::Owned),
    }
}

/// How two values of one field compare as texts (`field_text`), without
/// writing them out when their order as values is the same.
fn text_order(a: &Field<'_>, b: &Field<'_>) -> Ordering {
    let four_digits = |d: &NaiveDate| (0..=9999).contains(&chrono::Datelike::year(d));
    match (a, b) {
        (Field::Str(a), Field::Str(b)) => a.cmp(b),
        (Field::Date(a), Field::Date(b)) if four_digits(a) && four_digits(b) => a.cmp(b),
        (Field::Timestamp(a), Field::Timestamp(b)) if four_digits(&a.0.date()) && four_digits(&b.0.date()) => {
            // Minutes are all the text shows.
            let minute = |t: &NaiveDateTime| (t.date(), chrono::Timelike::hour(t), chrono::Timelike::minute(t));
            minute(&a.0).cmp(&minute(&b.0))
        }
        _ => field_text(a).cmp(&field_text(b)),
    }
}

/// For each statistics month of the period, how many distinct values of
/// `field` the records dated in it have: distinct communes inspected, distinct
/// days with a file review. Months without records are absent.
fn distinct_per_month(r: &Records, field: &str) -> RhaiResult<Map> {
    let (slot, _) = r.slot(field)?;
    let months = crate::dataset::calendar::stat_months(&r.view.period);
    let records = r.view.records(r.c);
    let coll = r.view.collection(r.c);
    let mut seen: Vec<HashSet<Cow<'_, str>>> = vec![HashSet::new(); months.len()];
    for &i in r.idx.iter() {
        let rec = &records[i as usize].value;
        let Some(day) = rec.start(coll) else { continue };
        let Some(m) = months.iter().position(|m| m.start <= day && day <= m.end) else { continue };
        field_texts(&r.view.field(r.c, rec, slot), &mut |s| {
            seen[m].insert(s);
        });
    }
    Ok(months
        .iter()
        .zip(seen)
        .filter(|(_, s)| !s.is_empty())
        .map(|(m, s)| (m.label().into(), Dynamic::from_int(s.len() as i64)))
        .collect())
}

/// Counts by record id, checked: every count a number, and (when there are
/// any) some key the id of a record of the collection, so that counts made
/// by the wrong field (`count_by("kind")`) are an error, not all zeros.
struct Counts<'a> {
    by_id: std::collections::HashMap<&'a str, FLOAT>,
    coll: &'static crate::model::Collection,
}

impl<'a> Counts<'a> {
    fn of(r: &Records, counts: &'a Map) -> RhaiResult<Self> {
        let mut by_id = std::collections::HashMap::with_capacity(counts.len());
        for (key, value) in counts {
            let value = super::param::plain(value);
            let count = match (value.as_int(), value.as_float()) {
                (Ok(n), _) => n as FLOAT,
                (_, Ok(x)) => x,
                _ => {
                    let what = t(Msg::CountOf { key });
                    return Err(t(Msg::MustBeNumber { what: &what, kind: value.type_name() }).into());
                }
            };
            by_id.insert(key.as_str(), count);
        }
        let names_a_record = |id: &str| by_id.contains_key(id);
        let coll = r.view.collection(r.c);
        if !by_id.is_empty() && !r.view.records(r.c).iter().any(|rec| rec.value.id(coll).is_some_and(names_a_record)) {
            return Err(t(Msg::CountsNameNoRecord { collection: r.name() }).into());
        }
        Ok(Counts { by_id, coll })
    }

    fn of_record(&self, record: &Record) -> FLOAT {
        record.id(self.coll).and_then(|id| self.by_id.get(id)).copied().unwrap_or(0.0)
    }
}

fn filter(ctx: &NativeCallContext, r: &Records, f: &FnPtr) -> RhaiResult<Records> {
    let mut keep = Vec::new();
    // A closure is written `|| this.x` (faster) or `|s| s.x`: try the
    // one-argument form first and fall back when it takes none.
    let mut with_arg = true;
    for &i in r.idx.iter() {
        let rec = Dynamic::from(Rec { view: r.view.clone(), c: r.c, i });
        let mut this = rec.clone();
        let result = if with_arg {
            match f.call_raw(ctx, Some(&mut this), [rec]) {
                Err(e) if is_arity_error(&e, f) => {
                    with_arg = false;
                    let mut this = Dynamic::from(Rec { view: r.view.clone(), c: r.c, i });
                    f.call_raw(ctx, Some(&mut this), [])
                }
                other => other,
            }
        } else {
            f.call_raw(ctx, Some(&mut this), [])
        }?;
        match result.as_bool() {
            Ok(true) => keep.push(i),
            Ok(false) => {}
            Err(t) => {
                return Err(EvalAltResult::ErrorMismatchOutputType("bool".into(), t.into(), Position::NONE).into());
            }
        }
    }
    Ok(r.with(keep))
}

fn is_arity_error(e: &EvalAltResult, f: &FnPtr) -> bool {
    matches!(e, EvalAltResult::ErrorFunctionNotFound(name, _) if name.starts_with(f.fn_name()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `where_in` with a long list matches exactly what comparing with each
    /// value would: texts against texts, lists of ids and origins; `()`
    /// against a missing value.
    #[test]
    fn a_hashed_list_matches_as_each_value_would() {
        let mut probes: Vec<Probe> = (0..12).map(|i| Probe::Text(format!("CB{i:02}").into())).collect();
        probes.push(Probe::Unit);
        let set = ProbeSet::new(&probes);
        assert_eq!(set.texts.len(), 12, "long lists are hashed");
        let ids = ["CB99".to_string(), "CB07".to_string()];
        let other = ["CB99".to_string()];
        let origin = crate::dataset::record::Origin { kind: "survey".into(), reference: None };
        let fields = [
            Field::Str("CB03"),
            Field::Str("CB3"),
            Field::Ids(&ids),
            Field::Ids(&other),
            Field::Ids(&[]),
            Field::Null,
            Field::Int(3),
            Field::Origin(&origin),
        ];
        let each: Vec<bool> = fields.iter().map(|f| probes.iter().any(|p| p.matches(f))).collect();
        let hashed: Vec<bool> = fields.iter().map(|f| set.matches(f)).collect();
        assert_eq!(hashed, each);
        assert_eq!(hashed, [true, false, true, false, false, true, false, false]);

        probes.push(Probe::Text("survey".into()));
        assert!(ProbeSet::new(&probes).matches(&Field::Origin(&origin)));
        // Short lists are compared one by one, with the same result.
        let short = ProbeSet::new(&probes[..3]);
        assert!(short.texts.is_empty());
        assert!(short.matches(&Field::Str("CB01")) && !short.matches(&Field::Str("CB05")));
    }
}
