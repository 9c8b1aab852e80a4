//! A unit's dataset written as a YAML unit file (`chitieu import`): the
//! fields of each record in the model's order, what is absent left out, read
//! back by the YAML loader as the same dataset.

use indexmap::IndexMap;
use serde::{Serialize, Serializer};

use crate::dataset::field::Field;
use crate::dataset::record::{Dataset, Record};
use crate::model;

/// A YAML value, maps in the order they are built.
enum Y {
    Str(String),
    Int(i64),
    Bool(bool),
    Seq(Vec<Y>),
    Map(IndexMap<&'static str, Y>),
    Named(IndexMap<String, Y>),
}

impl Serialize for Y {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Y::Str(v) => v.serialize(s),
            Y::Int(v) => v.serialize(s),
            Y::Bool(v) => v.serialize(s),
            Y::Seq(v) => v.serialize(s),
            Y::Map(v) => v.serialize(s),
            Y::Named(v) => v.serialize(s),
        }
    }
}

/// A field's value as the file writes it; None: left out (nothing, an
/// empty list, or a flag at its default).
fn field(f: &model::Field, value: Field<'_>) -> Option<Y> {
    let default_flag = match f.default {
        Some(model::Default::Flag(b)) => b,
        _ => false,
    };
    Some(match value {
        Field::Null => return None,
        Field::Bool(b) if b == default_flag => return None,
        Field::Bool(b) => Y::Bool(b),
        Field::Int(n) => Y::Int(n),
        Field::Str(s) => Y::Str(s.to_string()),
        Field::Date(d) => Y::Str(d.to_string()),
        Field::Timestamp(t) => Y::Str(t.0.format("%Y-%m-%dT%H:%M").to_string()),
        Field::Ids([]) => return None,
        Field::Ids(ids) => Y::Seq(ids.iter().map(|i| Y::Str(i.clone())).collect()),
        Field::Codes([]) => return None,
        Field::Codes(m) => Y::Seq(m.iter().map(|v| Y::Str(v.to_string())).collect()),
        Field::Origin(o) => {
            let mut map = IndexMap::new();
            map.insert("kind", Y::Str(o.kind.to_string()));
            if let Some(r) = &o.reference {
                map.insert("ref", Y::Str(r.clone()));
            }
            Y::Map(map)
        }
        Field::Records([]) => return None,
        Field::Records(records) => {
            let model::Kind::Records(nested) = &f.kind else { return None };
            Y::Seq(records.iter().map(|r| record(&nested.fields, r)).collect())
        }
    })
}

fn record(fields: &[model::Field], r: &Record) -> Y {
    let mut map = IndexMap::new();
    for (i, f) in fields.iter().enumerate() {
        if let Some(v) = field(f, r.get(i)) {
            map.insert(f.name.clone(), v);
        }
    }
    Y::Named(map)
}

/// The dataset as the text of a YAML unit file.
pub fn to_yaml(d: &Dataset) -> Result<String, String> {
    let mut top: IndexMap<String, Y> = IndexMap::new();
    let u = &d.unit.value;
    let mut unit = IndexMap::new();
    unit.insert("id", Y::Str(u.id.clone()));
    unit.insert("name", Y::Str(u.name.clone()));
    if let Some(team) = &u.team {
        unit.insert("team", Y::Str(team.clone()));
    }
    if let Some(province) = &u.province {
        unit.insert("province", Y::Str(province.clone()));
    }
    top.insert("unit".into(), Y::Map(unit));
    let mut period = IndexMap::new();
    period.insert("start", Y::Str(d.period.value.start.to_string()));
    period.insert("end", Y::Str(d.period.value.end.to_string()));
    top.insert("period".into(), Y::Map(period));
    if let Some(as_of) = d.as_of {
        top.insert("as_of".into(), Y::Str(as_of.to_string()));
    }
    if !d.baseline.is_empty() {
        top.insert("baseline".into(), Y::Named(d.baseline.iter().map(|(k, v)| (k.clone(), Y::Int(*v))).collect()));
    }
    if !d.quotas.is_empty() {
        let quotas = d
            .quotas
            .iter()
            .map(|(k, q)| {
                let mut map = IndexMap::new();
                map.insert("count", Y::Int(i64::from(q.value.count)));
                if let Some(v) = q.value.deadline {
                    map.insert("deadline", Y::Str(v.to_string()));
                }
                if let Some(v) = q.value.crack_by {
                    map.insert("crack_by", Y::Str(v.to_string()));
                }
                (k.clone(), Y::Map(map))
            })
            .collect();
        top.insert("quotas".into(), Y::Named(quotas));
    }
    for (c, records) in d.model.collections.iter().zip(&d.records) {
        if !records.is_empty() {
            top.insert(c.name.clone(), Y::Seq(records.iter().map(|r| record(&c.fields, &r.value)).collect()));
        }
    }
    let body = serde_saphyr::to_string(&Y::Named(top)).map_err(|e| e.to_string())?;
    Ok(format!("# yaml-language-server: $schema=../schema/dataset.schema.json\n{body}"))
}
