//! The API rules are written against, by family: `records` (collections,
//! filters, counts), `require` (checks that make an outcome), `param`
//! (thresholds that remember where they were set) and `calendar` (dates).
//! The rule-writing guide in the README documents every function here.

pub mod calendar;
pub mod definitions;
pub mod param;
pub mod records;
pub mod require;
pub mod view;

use std::rc::Rc;

use rhai::{Array, Dynamic, Engine, Map};

use self::records::Records;
use self::view::View;
use crate::dataset::calendar::iso_date;
use crate::dataset::record::Period;

/// An error of the rule API, typed where it arises: what is wrong, and
/// what to do about it (the names there are, the nearest one). The
/// evaluator reads the two parts as they are, never by splitting text.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub what: String,
    pub help: String,
}

impl ApiError {
    pub fn new(what: String, help: String) -> ApiError {
        ApiError { what, help }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}; {}", self.what, self.help)
    }
}

impl From<ApiError> for Box<rhai::EvalAltResult> {
    fn from(e: ApiError) -> Self {
        Box::new(rhai::EvalAltResult::ErrorRuntime(Dynamic::from(e), rhai::Position::NONE))
    }
}

/// `data` in a rule: the unit's dataset as of the evaluation date.
#[derive(Clone)]
pub struct Data {
    pub view: Rc<View>,
}

pub(crate) fn date_map(period: &Period) -> Map {
    let mut m = Map::new();
    m.insert("start".into(), iso_date(period.start).into());
    m.insert("end".into(), iso_date(period.end).into());
    m
}

/// `param_names`: every parameter the pack's rules declare; `model`: the
/// pack's model, whose collections are `data.<name>`.
pub fn register<'a>(
    engine: &mut Engine,
    recorder: &require::SharedRecorder,
    param_names: impl IntoIterator<Item = &'a str>,
    model: &'static crate::model::Model,
) {
    engine.register_type_with_name::<Data>("dataset");
    // An API error a rule catches (`catch (e)`) reads as its text.
    engine.register_type_with_name::<ApiError>("error");
    engine.register_fn("to_string", |e: &mut ApiError| e.to_string());
    records::register(engine, model);
    for (c, coll) in model.collections.iter().enumerate() {
        let name = coll.name.as_str();
        engine.register_get(name, move |d: &mut Data| -> Result<Records, Box<rhai::EvalAltResult>> {
            // A unit is read by the pack's model; one read by another is
            // looked up by name.
            let unit_model = d.view.model();
            let c = if std::ptr::eq(unit_model, model) { Some(c) } else { unit_model.collection(name) };
            match c {
                Some(c) => Ok(Records::all(d.view.clone(), c)),
                None => Err(view::field_kind(unit_model, name, "").unwrap_err().into()),
            }
        });
    }
    // `data.<name>` of a collection the model lacks (Rhai falls back to the
    // indexer when no getter has the name), and `data["<name>"]`: the
    // collections there are, and the nearest.
    engine.register_indexer_get(|d: &mut Data, name: &str| -> Result<Records, Box<rhai::EvalAltResult>> {
        let model = d.view.model();
        match model.collection(name) {
            Some(c) => Ok(Records::all(d.view.clone(), c)),
            None => Err(view::field_kind(model, name, "").unwrap_err().into()),
        }
    });

    engine.register_get("unit", |d: &mut Data| {
        let u = &d.view.unit.data.unit.value;
        let mut m = Map::new();
        m.insert("id".into(), u.id.clone().into());
        m.insert("name".into(), u.name.clone().into());
        m.insert("team".into(), u.team.clone().map_or(Dynamic::UNIT, Into::into));
        m.insert("province".into(), u.province.clone().map_or(Dynamic::UNIT, Into::into));
        m
    });
    engine.register_get("baseline", |d: &mut Data| -> Map {
        d.view.unit.data.baseline.iter().map(|(k, v)| (k.as_str().into(), Dynamic::from_int(*v))).collect()
    });
    engine.register_get("quotas", |d: &mut Data| -> Map {
        d.view
            .unit
            .data
            .quotas
            .iter()
            .map(|(k, q)| {
                let q = &q.value;
                let mut m = Map::new();
                m.insert("count".into(), Dynamic::from_int(i64::from(q.count)));
                m.insert("deadline".into(), q.deadline.map_or(Dynamic::UNIT, |d| d.to_string().into()));
                m.insert("crack_by".into(), q.crack_by.map_or(Dynamic::UNIT, |d| d.to_string().into()));
                (k.as_str().into(), Dynamic::from_map(m))
            })
            .collect()
    });
    engine.register_fn("without", without);
    engine.register_get("period", |d: &mut Data| d.view.period_map.clone());
    engine.register_get("as_of", |d: &mut Data| d.view.as_of_text.clone());

    param::register(engine, param_names);
    calendar::register(engine);
    require::register(engine, recorder);
}

/// The variables every rule sees, in the order they are pushed.
pub const SCOPE_VARIABLES: [&str; 4] = ["data", "params", "period", "as_of"];

/// Builds a rule's scope: `data`, `params`, `period`, `as_of`.
pub fn scope(view: &Rc<View>, params: Rc<Map>) -> rhai::Scope<'static> {
    let mut scope = rhai::Scope::new();
    scope.push_constant("data", Data { view: view.clone() });
    scope.push_constant("params", param::Params(params));
    scope.push_constant("period", view.period_map.clone());
    scope.push_constant("as_of", view.as_of_text.clone());
    scope
}

/// `without(list, other)`: the items of `list` that are not in `other`, in
/// order; in Rust, where a `filter` closure with `contains` costs a closure
/// call per item. Items are texts, numbers or true/false (a parameter's
/// number by its value); anything else is an error, not a silent mismatch.
fn without(list: Array, other: Array) -> Result<Array, Box<rhai::EvalAltResult>> {
    let key = |v: &Dynamic| -> Result<Item, Box<rhai::EvalAltResult>> {
        let v = param::plain(v);
        if let Some(s) = v.read_lock::<rhai::ImmutableString>() {
            return Ok(Item::Text(s.clone()));
        }
        if let Ok(n) = v.as_int() {
            return Ok(Item::Number(n as rhai::FLOAT));
        }
        if let Ok(x) = v.as_float() {
            return Ok(Item::Number(x));
        }
        if let Ok(b) = v.as_bool() {
            return Ok(Item::Flag(b));
        }
        if v.is_unit() {
            return Ok(Item::Nothing);
        }
        Err(crate::i18n::t(crate::i18n::Msg::WithoutItems { kind: v.type_name() }).into())
    };
    let other: Vec<Item> = other.iter().map(key).collect::<Result<_, _>>()?;
    let mut kept = Array::new();
    for v in list {
        if !other.contains(&key(&v)?) {
            kept.push(v);
        }
    }
    Ok(kept)
}

/// An item of a list as `without` compares it (`1 == 1.0`, as in Rhai).
#[derive(PartialEq)]
enum Item {
    Text(rhai::ImmutableString),
    Number(rhai::FLOAT),
    Flag(bool),
    Nothing,
}
