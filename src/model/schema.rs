//! The JSON Schema of a unit file, made from a model (`chitieu schema
//! --kind unit`): the header chitieu builds in (unit, period, as-of,
//! baseline, quotas) and, for each collection, its records as the model
//! declares them. An editor checks a unit file against it as it is typed.

use serde_json::{Map, Value, json};

use super::{Field, Kind, Model};

const DATE: &str = r"^\d{4}-\d{2}-\d{2}$";
const DATE_TIME: &str = r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?$";

fn date() -> Value {
    json!({ "type": "string", "format": "date", "pattern": DATE })
}

/// `value` or null: the data model says the two mean the same.
fn nullable(value: Value) -> Value {
    json!({ "anyOf": [value, { "type": "null" }] })
}

/// The unit schema `model` gives, as pretty JSON.
pub fn unit(model: &Model) -> String {
    let mut properties = Map::new();
    properties.insert(
        "unit".into(),
        json!({
            "type": "object",
            "additionalProperties": false,
            "required": ["id", "name"],
            "properties": {
                "id": { "type": "string" },
                "name": { "type": "string" },
                "team": nullable(json!({ "type": "string" })),
                "province": nullable(json!({ "type": "string" })),
            }
        }),
    );
    properties.insert(
        "period".into(),
        json!({
            "type": "object",
            "additionalProperties": false,
            "required": ["start", "end"],
            "properties": { "start": date(), "end": date() }
        }),
    );
    properties.insert("as_of".into(), nullable(date()));
    properties.insert(
        "baseline".into(),
        nullable(json!({ "type": "object", "additionalProperties": { "type": "integer" } })),
    );
    properties.insert(
        "quotas".into(),
        nullable(json!({ "type": "object", "additionalProperties": { "$ref": "#/$defs/quota" } })),
    );
    let mut defs = Map::new();
    for c in &model.collections {
        properties.insert(
            c.name.clone(),
            nullable(json!({ "type": "array", "items": { "$ref": format!("#/$defs/{}", c.name) } })),
        );
        let record = record(model, &c.fields, &mut defs);
        defs.insert(c.name.clone(), record);
    }
    defs.insert(
        "quota".into(),
        json!({
            "type": "object",
            "additionalProperties": false,
            "required": ["count"],
            "properties": {
                "count": { "type": "integer", "minimum": 0 },
                "deadline": nullable(date()),
                "crack_by": nullable(date()),
            }
        }),
    );
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://chitieu.invalid/dataset.schema.json",
        "title": "chitieu unit dataset",
        "description": format!(
            "One unit's records for one plan year, as the rule pack's data model ({}) declares them.",
            model.file
        ),
        "type": "object",
        "additionalProperties": false,
        "required": ["unit", "period"],
        "properties": properties,
        "$defs": defs,
    });
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}

/// A record of some fields: every field the model gives, no other, the
/// required ones present.
fn record(model: &Model, fields: &[Field], defs: &mut Map<String, Value>) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for f in fields {
        let must = f.required || f.kind == Kind::Id;
        if must {
            required.push(Value::String(f.name.clone()));
        }
        let value = value(model, f, defs);
        properties.insert(f.name.clone(), if must { value } else { nullable(value) });
    }
    json!({ "type": "object", "additionalProperties": false, "required": required, "properties": properties })
}

/// What one field's value may be.
fn value(model: &Model, f: &Field, defs: &mut Map<String, Value>) -> Value {
    let codes = |list: usize| model.values[list].codes.clone();
    match &f.kind {
        Kind::Id | Kind::Text | Kind::PersonName | Kind::Ref(_) | Kind::Link { .. } | Kind::Period => {
            json!({ "type": "string" })
        }
        Kind::Flag => json!({ "type": "boolean" }),
        Kind::Count { min, max } => {
            let mut v = json!({ "type": "integer" });
            if let Some(min) = min {
                v["minimum"] = json!(min);
            }
            if let Some(max) = max {
                v["maximum"] = json!(max);
            }
            v
        }
        Kind::Date => date(),
        Kind::DateTime => json!({ "type": "string", "pattern": DATE_TIME }),
        Kind::Value(list) => json!({ "type": "string", "enum": codes(*list) }),
        Kind::Values(list) => json!({ "type": "array", "items": { "type": "string", "enum": codes(*list) } }),
        Kind::Refs(_) => json!({ "type": "array", "items": { "type": "string" } }),
        Kind::Records(nested) => json!({ "type": "array", "items": record(model, &nested.fields, defs) }),
        Kind::Origin(link) => {
            // One definition per field name, shared by every collection
            // with such a field (`origin`).
            defs.insert(
                f.name.clone(),
                json!({
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["kind"],
                    "properties": {
                        "kind": { "type": "string", "enum": codes(link.values) },
                        "ref": nullable(json!({ "type": "string" })),
                    }
                }),
            );
            json!({ "$ref": format!("#/$defs/{}", f.name) })
        }
    }
}
