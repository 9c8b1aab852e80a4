//! A rule file's header: the `//!` lines at its top hold YAML metadata (id,
//! title, plan section, parameters). It is read without running the rule, so
//! `list` and `doc` work even when the rule's code is broken.

use std::sync::Arc;

use chrono::NaiveDate;
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use super::kind::{ParamKind, kind_names};
use crate::diagnostic::{Diagnostic, SourceFile};
use crate::i18n::{Localized, Msg, t};

/// A parameter's value: what a threshold or setting can be.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum ParamValue {
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(String),
    List(Vec<ParamValue>),
    /// Only in a header's long form: `{ kind: share, value: 90% }`.
    Map(IndexMap<String, ParamValue>),
}

impl ParamValue {
    pub fn type_name(&self) -> &'static str {
        match self {
            ParamValue::Bool(_) => "true/false",
            ParamValue::Int(_) | ParamValue::Float(_) => "number",
            ParamValue::Text(_) => "text",
            ParamValue::List(_) => "list",
            ParamValue::Map(_) => "mapping",
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            ParamValue::Int(n) => Some(*n as f64),
            ParamValue::Float(x) => Some(*x),
            _ => None,
        }
    }

    pub fn display(&self) -> String {
        match self {
            ParamValue::Bool(b) => b.to_string(),
            ParamValue::Int(n) => n.to_string(),
            ParamValue::Float(x) => format!("{x:?}"),
            ParamValue::Text(s) => s.clone(),
            ParamValue::List(items) => {
                format!("[{}]", items.iter().map(ParamValue::display).collect::<Vec<_>>().join(", "))
            }
            ParamValue::Map(entries) => format!(
                "{{ {} }}",
                entries.iter().map(|(k, v)| format!("{k}: {}", v.display())).collect::<Vec<_>>().join(", ")
            ),
        }
    }
}

/// The JSON Schema of a rule's header (`chitieu schema --kind rule-header`).
pub const SCHEMA: &str = include_str!("../../schema/rule-header.schema.json");

/// When shortfalls stop being pending and become failures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Deadline {
    Date(NaiveDate),
    /// The end of the statistics year: for "at least N in the year" counts.
    PeriodEnd,
}

impl<'de> Deserialize<'de> for Deadline {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        if text == "period_end" {
            return Ok(Deadline::PeriodEnd);
        }
        text.parse::<NaiveDate>().map(Deadline::Date).map_err(|_| {
            serde::de::Error::custom(format!("deadline `{text}` is neither a date (YYYY-MM-DD) nor `period_end`"))
        })
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleMeta {
    /// `01`…`18` for the numbered targets, `D1`… for duties.
    pub id: String,
    /// The plan's own wording, in Vietnamese.
    pub title: String,
    /// The plan section it comes from (`II.2.3`).
    pub section: String,
    #[serde(default)]
    pub area: Option<String>,
    #[serde(default)]
    pub deadline: Option<Deadline>,
    /// How a province's figure is made from its units' (`check --rollup`).
    #[serde(default)]
    pub rollup: Option<Rollup>,
    /// How the rule reads the plan where the plan is ambiguous.
    #[serde(default)]
    pub interpretation: Option<Localized>,
    /// The texts of the rule's requirement labels and notes, by key, in
    /// Vietnamese and English: a label written as a key is shown translated.
    #[serde(default)]
    pub labels: IndexMap<String, Localized>,
    #[serde(default)]
    pub params: IndexMap<String, Spanned<ParamValue>>,
}

/// How a target's figure for a province pools its units' figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Rollup {
    /// Part and whole (a share) summed across units and compared with the
    /// threshold; a count summed, and its threshold summed with it.
    Pool,
    /// The share of units that meet the requirement (all must).
    Each,
    /// No province figure.
    None,
}

impl Rollup {
    pub fn as_str(self) -> &'static str {
        match self {
            Rollup::Pool => "pool",
            Rollup::Each => "each",
            Rollup::None => "none",
        }
    }

    /// How the province's figure reads, in the run's language.
    pub fn reading(self) -> String {
        use crate::i18n::{Msg, t};
        t(match self {
            Rollup::Pool => Msg::RollupPool,
            Rollup::Each => Msg::RollupEach,
            Rollup::None => Msg::RollupNone,
        })
    }
}

/// The header's lines: the leading `//!` comment block.
pub fn header(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(|l| l.trim_end_matches('\r')).take_while(|l| l.starts_with("//!"))
}

/// The header as the YAML it is: one line per header line, so that YAML
/// locations map back 1:1 (columns shift by the `//! ` prefix).
pub fn header_yaml(text: &str) -> String {
    let mut yaml = String::new();
    for line in header(text) {
        let body = line.strip_prefix("//!").unwrap_or(line);
        yaml.push_str(body.strip_prefix(' ').unwrap_or(body));
        yaml.push('\n');
    }
    yaml
}

/// Reads the header of a rule file. Line numbers of errors are the file's.
pub fn read(source: &Arc<SourceFile>) -> Result<RuleMeta, Diagnostic> {
    let yaml = header_yaml(&source.text);
    if yaml.trim().is_empty() {
        return Err(Diagnostic::error("rule::no-metadata", t(Msg::NoMetadata { name: &source.name }))
            .in_file(source)
            .label(0..source.line_range(1).end, t(Msg::ExpectedIdHere))
            .help(t(Msg::StartWithHeader)));
    }
    let options = serde_saphyr::options! { with_snippet: false };
    serde_saphyr::from_str_with_options::<RuleMeta>(&yaml, options).map_err(|e| {
        let header = SourceFile::new("", yaml.clone());
        let message = crate::dataset::load::shown_yaml_message(&e, &header);
        let d = Diagnostic::error("rule::metadata", t(Msg::MetadataProblem { name: &source.name, message: &message }))
            .in_file(source)
            .help(t(Msg::HeaderFields));
        match e.location().filter(|l| l.line() > 0) {
            Some(loc) => {
                let at = header_offset(source, &loc);
                d.label(at..source.line_range(loc.line() as usize).end.max(at), t(Msg::LabelHere))
            }
            None => d,
        }
    })
}

/// Byte offset in the rule file of a location in its header's YAML (the
/// same line; the column shifted by the `//! ` prefix).
fn header_offset(source: &SourceFile, loc: &serde_saphyr::Location) -> usize {
    let line = loc.line() as usize;
    let range = source.line_range(line);
    let prefix = if source.text[range.clone()].starts_with("//! ") { 4 } else { 3 };
    (source.offset(line, loc.column() as usize) + prefix).min(range.end)
}

/// A parameter as its header declares it: kind, default, where it is written.
#[derive(Debug, Clone)]
pub struct ParamSpec {
    pub kind: ParamKind,
    /// Whether the header names the kind (`{ kind: share, value: 90% }`)
    /// rather than leaving it to be inferred from a terse default.
    pub declared: bool,
    pub value: ParamValue,
}

/// Every parameter of a header, checked against its kind. Problems are
/// reported at the offending value, all of them; a parameter with one is
/// left out of the result.
/// `model`: the pack's, whose fields a `collection.field` kind names.
pub fn params(
    source: &Arc<SourceFile>,
    meta: &RuleMeta,
    model: &'static crate::model::Model,
) -> (IndexMap<String, ParamSpec>, Vec<Diagnostic>) {
    let header_end = header(&source.text).map(|l| l.len() + 1).sum::<usize>().min(source.text.len());
    let mut specs = IndexMap::new();
    let mut problems = Vec::new();
    for (name, written) in &meta.params {
        let at = header_offset(source, &written.referenced);
        let problem = |message: String, span: std::ops::Range<usize>, label: &str, help: String| {
            Diagnostic::error(
                "rule::parameter",
                t(Msg::ParameterProblem { name: &source.name, param: name, message: &message }),
            )
            .in_file(source)
            .label(span, label)
            .help(help)
        };
        // The long form names the kind; its value stands after `value:`.
        let (kind, declared, value, value_at) = match &written.value {
            ParamValue::Map(entries) => {
                let within = at..header_end.max(at);
                let key_at = |key: &str| {
                    crate::diagnostic::find_key(&source.text[within.clone()], key).map(|i| {
                        let after = within.start + i + key.len() + 1;
                        after + source.text[after..].len() - source.text[after..].trim_start_matches(' ').len()
                    })
                };
                if let Some(unknown) = entries.keys().find(|k| !matches!(k.as_str(), "kind" | "value")) {
                    let span = crate::diagnostic::value_span(&source.text, at);
                    problems.push(problem(
                        t(Msg::UnknownKey { key: unknown }),
                        crate::diagnostic::element_span(&source.text, span, unknown),
                        &t(Msg::LabelUnknownKey),
                        t(Msg::ParamForms),
                    ));
                    continue;
                }
                let (Some(kind), Some(value)) = (entries.get("kind"), entries.get("value")) else {
                    problems.push(problem(
                        t(Msg::LongFormNeedsBoth),
                        crate::diagnostic::value_span(&source.text, at),
                        &t(Msg::LabelIncomplete),
                        t(Msg::WriteLongForm { param: name, kinds: &kind_names() }),
                    ));
                    continue;
                };
                let kind_at = key_at("kind").unwrap_or(at);
                let kind = match kind {
                    ParamValue::Text(k) => ParamKind::parse(k, model).map_err(|help| (k.clone(), help)),
                    other => Err((other.display(), t(Msg::KindIsOneOf { kinds: &kind_names() }))),
                };
                match kind {
                    Ok(kind) => (kind, true, value.clone(), key_at("value").unwrap_or(at)),
                    Err((k, help)) => {
                        problems.push(problem(
                            t(Msg::UnknownKind { kind: &k }),
                            crate::diagnostic::value_span(&source.text, kind_at),
                            &t(Msg::LabelUnknownKind),
                            help,
                        ));
                        continue;
                    }
                }
            }
            terse => match ParamKind::infer(terse) {
                Some(kind) => (kind, false, terse.clone(), at),
                None => {
                    problems.push(problem(
                        t(Msg::KindUnknownFromValue { value: &terse.display() }),
                        crate::diagnostic::value_span(&source.text, at),
                        &t(Msg::LabelWhichKind),
                        t(Msg::DeclareKind { param: name, kinds: &kind_names() }),
                    ));
                    continue;
                }
            },
        };
        match kind.check(&value) {
            Ok(value) => {
                specs.insert(name.clone(), ParamSpec { kind, declared, value });
            }
            Err(misfits) => {
                let span = crate::diagnostic::value_span(&source.text, value_at);
                for m in misfits {
                    let at = match &m.element {
                        Some(e) => crate::diagnostic::element_span(&source.text, span.clone(), e),
                        None => span.clone(),
                    };
                    let message = t(Msg::WithKind { message: &m.message, kind: kind.name() });
                    problems.push(problem(message, at, &m.label, m.help));
                }
            }
        }
    }
    (specs, problems)
}
