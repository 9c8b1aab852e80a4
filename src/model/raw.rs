//! `model.yaml` as written: every part kept with its place, so a problem
//! found when the model is resolved is shown at its line.

use indexmap::IndexMap;
use serde::Deserialize;
use serde_saphyr::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct File {
    #[serde(default)]
    pub values: IndexMap<String, Spanned<IndexMap<String, Spanned<Words>>>>,
    pub collections: IndexMap<String, Spanned<Collection>>,
}

/// Words as written: a language left out is a problem at its line, not a
/// parse error of the whole file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    #[serde(default)]
    pub vi: Option<String>,
    #[serde(default)]
    pub en: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Collection {
    #[serde(default)]
    pub label: Option<Spanned<Words>>,
    #[serde(default)]
    pub start: Option<Spanned<String>>,
    #[serde(default)]
    pub end: Option<Spanned<String>>,
    #[serde(default)]
    pub end_fields: Vec<Spanned<String>>,
    /// The province gives the unit a quota of these records (its rows on the
    /// workbook's unit sheet).
    #[serde(default)]
    pub quota: bool,
    pub fields: IndexMap<String, Spanned<Field>>,
}

/// An example in both languages, or one that reads the same in both.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Example {
    Same(String),
    Both(Words),
}

/// `to:` names one collection (a `ref`) or, for each value of a list, the
/// collection it names (an `origin`, a `link`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum To {
    One(String),
    ByValue(IndexMap<String, String>),
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Scalar {
    Flag(bool),
    Count(i64),
    Text(String),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sheet {
    pub name: String,
    pub label: Spanned<Words>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub kind: Spanned<String>,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub default: Option<Spanned<Scalar>>,
    #[serde(default)]
    pub label: Option<Spanned<Words>>,
    #[serde(default)]
    pub help: Option<Spanned<Words>>,
    #[serde(default)]
    pub example: Option<Spanned<Example>>,
    #[serde(default)]
    pub values: Option<Spanned<String>>,
    #[serde(default)]
    pub to: Option<Spanned<To>>,
    #[serde(default)]
    pub by: Option<Spanned<String>>,
    #[serde(default)]
    pub min: Option<i64>,
    #[serde(default)]
    pub max: Option<i64>,
    #[serde(default)]
    pub fields: Option<IndexMap<String, Spanned<Field>>>,
    #[serde(default)]
    pub sheet: Option<Sheet>,
    #[serde(default)]
    pub parent: Option<Spanned<Words>>,
    #[serde(default)]
    pub ref_label: Option<Spanned<Words>>,
}
