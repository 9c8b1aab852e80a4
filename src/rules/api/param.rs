//! Numeric parameters carry their name into the rule, so that a requirement
//! given `params.min_share` can say where that threshold was set. They
//! behave as numbers in comparisons and arithmetic.

use rhai::{Dynamic, Engine, FLOAT, INT};

use crate::i18n::{Msg, t};

/// `params` in a rule: its declared parameters by name. Asking for one it
/// does not declare is an error, so a misspelt name cannot read as nothing.
#[derive(Debug, Clone)]
pub struct Params(pub std::rc::Rc<rhai::Map>);

#[derive(Debug, Clone)]
pub struct Param {
    pub name: rhai::ImmutableString,
    pub value: FLOAT,
}

/// A value with any parameter wrapper taken off.
pub fn plain(value: &Dynamic) -> Dynamic {
    match value.read_lock::<Param>() {
        Some(p) => number(p.value),
        None => value.clone(),
    }
}

/// Whole numbers stay integers so `len() >= params.min` reads naturally.
pub fn number(x: FLOAT) -> Dynamic {
    if x.fract() == 0.0 && x.abs() < 9.0e15 { Dynamic::from_int(x as INT) } else { Dynamic::from_float(x) }
}

macro_rules! compare {
    ($engine:ident, $($op:literal => $cmp:tt),+) => {$(
        $engine.register_fn($op, |a: Param, b: Param| a.value $cmp b.value);
        $engine.register_fn($op, |a: Param, b: INT| a.value $cmp b as FLOAT);
        $engine.register_fn($op, |a: INT, b: Param| (a as FLOAT) $cmp b.value);
        $engine.register_fn($op, |a: Param, b: FLOAT| a.value $cmp b);
        $engine.register_fn($op, |a: FLOAT, b: Param| a $cmp b.value);
    )+};
}

macro_rules! arithmetic {
    ($engine:ident, $($op:literal => $f:tt),+) => {$(
        $engine.register_fn($op, |a: Param, b: Param| number(a.value $f b.value));
        $engine.register_fn($op, |a: Param, b: INT| number(a.value $f b as FLOAT));
        $engine.register_fn($op, |a: INT, b: Param| number(a as FLOAT $f b.value));
        $engine.register_fn($op, |a: Param, b: FLOAT| number(a.value $f b));
        $engine.register_fn($op, |a: FLOAT, b: Param| number(a $f b.value));
    )+};
}

/// `params.name` or `params["name"]`: the parameter, or an error naming
/// those the rule declares.
fn get(p: &Params, name: &str) -> Result<Dynamic, Box<rhai::EvalAltResult>> {
    p.0.get(name).cloned().ok_or_else(|| {
        let declared: Vec<&str> = p.0.keys().map(|k| k.as_str()).collect();
        let declared = if declared.is_empty() { t(Msg::NoneDeclared) } else { declared.join(", ") };
        t(Msg::NoParameter { name, declared: &declared }).into()
    })
}

/// `names`: every parameter some rule of the pack declares. Each gets a
/// property getter, so that `params.min_share` is one call; without it Rhai
/// looks for a getter, builds the error, then falls back to the indexer.
pub fn register<'a>(engine: &mut Engine, names: impl IntoIterator<Item = &'a str>) {
    engine.register_type_with_name::<Params>("parameters");
    engine.register_indexer_get(|p: &mut Params, name: &str| get(p, name));
    for name in names {
        let name = rhai::ImmutableString::from(name);
        engine.register_get(name.clone(), move |p: &mut Params| get(p, &name));
    }
    engine.register_type_with_name::<Param>("parameter");
    engine.register_get("value", |p: &mut Param| number(p.value));
    engine.register_get("name", |p: &mut Param| p.name.clone());
    engine.register_fn("to_string", |p: &mut Param| crate::outcome::format_number(p.value));
    engine.register_fn("to_debug", |p: &mut Param| format!("{} = {}", p.name, crate::outcome::format_number(p.value)));
    compare!(engine, "==" => ==, "!=" => !=, "<" => <, "<=" => <=, ">" => >, ">=" => >=);
    arithmetic!(engine, "+" => +, "-" => -, "*" => *, "/" => /);
}
