//! A unit's dataset written as a YAML unit file (`chitieu import`): the
//! fields of each record in the model's order, what is absent left out, read
//! back by the YAML loader as the same dataset.

use indexmap::IndexMap;
use serde::{Serialize, Serializer};

use crate::dataset::field::Field;
use crate::dataset::model::{Dataset, Record};

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

/// Flags whose absence means yes: written even when false, left out when true.
const DEFAULT_TRUE: &[&str] = &["drug_work"];

fn field(name: &str, f: Field<'_>) -> Option<Y> {
    Some(match f {
        Field::Null => return None,
        Field::Bool(b) if DEFAULT_TRUE.contains(&name) => {
            if b {
                return None;
            }
            Y::Bool(false)
        }
        Field::Bool(false) => return None,
        Field::Bool(true) => Y::Bool(true),
        Field::Int(n) => Y::Int(n),
        Field::Str(s) => Y::Str(s.to_string()),
        Field::Date(d) => Y::Str(d.to_string()),
        Field::Timestamp(t) => Y::Str(t.0.format("%Y-%m-%dT%H:%M").to_string()),
        Field::Ids([]) => return None,
        Field::Ids(ids) => Y::Seq(ids.iter().map(|i| Y::Str(i.clone())).collect()),
        Field::Means([]) => return None,
        Field::Means(m) => Y::Seq(m.iter().map(|v| Y::Str(v.as_str().to_string())).collect()),
        Field::Origin(o) => {
            let mut map = IndexMap::new();
            map.insert("kind", Y::Str(o.kind.as_str().to_string()));
            if let Some(r) = &o.reference {
                map.insert("ref", Y::Str(r.clone()));
            }
            Y::Map(map)
        }
        Field::SurveyReports([]) => return None,
        Field::SurveyReports(reports) => Y::Seq(
            reports
                .iter()
                .map(|r| {
                    let mut map = IndexMap::new();
                    map.insert("date", Y::Str(r.date.to_string()));
                    for (k, v) in
                        [("has_evidence", r.has_evidence), ("assessment", r.assessment), ("proposals", r.proposals)]
                    {
                        if v {
                            map.insert(k, Y::Bool(true));
                        }
                    }
                    Y::Map(map)
                })
                .collect(),
        ),
    })
}

fn records<T: Record>(list: &[serde_saphyr::Spanned<T>]) -> Y {
    Y::Seq(
        list.iter()
            .map(|r| {
                let mut map = IndexMap::new();
                for name in T::FIELDS {
                    if let Some(v) = r.value.field(name).and_then(|f| field(name, f)) {
                        map.insert(*name, v);
                    }
                }
                Y::Map(map)
            })
            .collect(),
    )
}

/// The dataset as the text of a YAML unit file.
pub fn to_yaml(d: &Dataset) -> Result<String, String> {
    let mut top: IndexMap<&'static str, Y> = IndexMap::new();
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
    top.insert("unit", Y::Map(unit));
    let mut period = IndexMap::new();
    period.insert("start", Y::Str(d.period.value.start.to_string()));
    period.insert("end", Y::Str(d.period.value.end.to_string()));
    top.insert("period", Y::Map(period));
    if let Some(as_of) = d.as_of {
        top.insert("as_of", Y::Str(as_of.to_string()));
    }
    if !d.baseline.is_empty() {
        top.insert("baseline", Y::Named(d.baseline.iter().map(|(k, v)| (k.clone(), Y::Int(*v))).collect()));
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
        top.insert("quotas", Y::Named(quotas));
    }
    let mut put = |name: &'static str, y: Y, empty: bool| {
        if !empty {
            top.insert(name, y);
        }
    };
    put("officers", records(&d.officers), d.officers.is_empty());
    put("communes", records(&d.communes), d.communes.is_empty());
    put("key_areas", records(&d.key_areas), d.key_areas.is_empty());
    put("surveys", records(&d.surveys), d.surveys.is_empty());
    put("hotspots", records(&d.hotspots), d.hotspots.is_empty());
    put("missed_detections", records(&d.missed_detections), d.missed_detections.is_empty());
    put("subjects", records(&d.subjects), d.subjects.is_empty());
    put("suspicions", records(&d.suspicions), d.suspicions.is_empty());
    put("operations", records(&d.operations), d.operations.is_empty());
    put("informants", records(&d.informants), d.informants.is_empty());
    put("personas", records(&d.personas), d.personas.is_empty());
    put("arrests", records(&d.arrests), d.arrests.is_empty());
    put("cases", records(&d.cases), d.cases.is_empty());
    put("inspections", records(&d.inspections), d.inspections.is_empty());
    put("file_reviews", records(&d.file_reviews), d.file_reviews.is_empty());
    put("reports", records(&d.reports), d.reports.is_empty());
    put("trainings", records(&d.trainings), d.trainings.is_empty());
    let body = serde_saphyr::to_string(&Y::Map(top)).map_err(|e| e.to_string())?;
    Ok(format!("# yaml-language-server: $schema=../schema/dataset.schema.json\n{body}"))
}
