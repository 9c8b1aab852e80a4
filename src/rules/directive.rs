//! Directive overlays: YAML files that name a directive (number, date,
//! issuer) and override parameters of given rules, optionally from an
//! effective date. Applied in order: every file in `rules/directives/`
//! (by name), then each `--directive FILE` as given.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use indexmap::IndexMap;
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::meta::ParamValue;
use super::pack::{EffectiveParam, Rule};
use crate::diagnostic::{Diagnostic, SourceFile};
use crate::i18n::{Msg, t};
use crate::outcome::ThresholdSource;

/// The JSON Schema of an overlay file (`chitieu schema --kind overlay`).
pub const SCHEMA: &str = include_str!("../../schema/overlay.schema.json");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DirectiveMeta {
    pub number: String,
    pub date: NaiveDate,
    #[serde(default)]
    pub issuer: Option<String>,
    /// Applies to evaluations as of this date or later.
    #[serde(default)]
    pub effective_from: Option<NaiveDate>,
    /// Applies to these units only (their `unit.id`); every unit when absent.
    #[serde(default)]
    pub units: Option<Vec<String>>,
}

impl DirectiveMeta {
    /// The units the overlay is for; none: every unit.
    pub fn units(&self) -> &[String] {
        self.units.as_deref().unwrap_or_default()
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DirectiveFile {
    directive: DirectiveMeta,
    overrides: IndexMap<Spanned<String>, IndexMap<Spanned<String>, Spanned<ParamValue>>>,
}

/// One parameter a directive sets.
#[derive(Debug, Clone)]
pub struct Override {
    pub rule: String,
    pub param: String,
    pub value: ParamValue,
}

#[derive(Debug, Clone)]
pub struct Directive {
    pub file: String,
    pub meta: DirectiveMeta,
    pub overrides: Vec<Override>,
}

impl Directive {
    /// Whether the overlay is in force as of a date (None: any date) for a
    /// unit (None: no unit in particular, where an overlay for some units
    /// only is not).
    pub fn applies(&self, as_of: Option<NaiveDate>, unit: Option<&str>) -> bool {
        let dated = match (self.meta.effective_from, as_of) {
            (Some(from), Some(as_of)) => as_of >= from,
            _ => true,
        };
        dated
            && (self.meta.units().is_empty()
                || unit.is_some_and(|u| self.meta.units().iter().any(|x| x.eq_ignore_ascii_case(u))))
    }
}

/// The overlay files of a rules folder, in name order.
pub fn default_files(rules_dir: &Path) -> Vec<PathBuf> {
    crate::yaml_files_in(&rules_dir.join("directives"))
}

/// An overlay that cannot be applied: its problems, and the rules it meant
/// to change (not to be evaluated without it).
#[derive(Debug)]
pub struct Failed {
    pub problems: Vec<Diagnostic>,
    pub rules: Vec<String>,
}

impl From<Diagnostic> for Failed {
    fn from(d: Diagnostic) -> Failed {
        Failed { problems: vec![d], rules: Vec::new() }
    }
}

/// The largest overlay file read (an overlay is a few parameters).
pub const MAX_BYTES: u64 = 4 * 1024 * 1024;

/// Reads one overlay and checks it against the rules: an unknown rule or
/// parameter, or a value that does not fit the parameter's kind, is an error
/// at its line.
pub fn load(path: &Path, rules: &[Rule]) -> Result<Directive, Failed> {
    let name = crate::diagnostic::shown_path(path);
    let codes =
        crate::input::Codes { io: "directive::io", encoding: "directive::encoding", too_large: "directive::too-large" };
    let text = crate::input::read_text_file(path, MAX_BYTES, codes)?;
    parse(&name, text, rules)
}

/// Parses an overlay's text; `name` is what diagnostics call it.
pub fn parse(name: &str, text: String, rules: &[Rule]) -> Result<Directive, Failed> {
    let name = name.to_string();
    let source = SourceFile::new(&name, text);
    let file: DirectiveFile = serde_saphyr::from_str_with_options(
        &source.text,
        serde_saphyr::options! { with_snippet: false },
    )
    .map_err(|e| {
        let message = crate::dataset::load::shown_yaml_message(&e, &source);
        let d = Diagnostic::error("directive::syntax", t(Msg::OverlaySyntax { name: &name, message: &message }))
            .in_file(&source)
            .help(t(Msg::OverlayShape));
        Failed::from(match e.location().filter(|l| l.line() > 0) {
            Some(l) => d.label(source.line_range(l.line() as usize), t(Msg::LabelHere)),
            None => d,
        })
    })?;
    let mut problems = Vec::new();
    // `units: []` names no unit: not "every unit" by an oversight.
    if file.directive.units.as_ref().is_some_and(Vec::is_empty) {
        problems
            .push(Diagnostic::error("directive::no-units", t(Msg::OverlayNoUnits { name: &name })).in_file(&source));
    }
    let mut overrides = Vec::new();
    let at = |loc: &serde_saphyr::Location| {
        let start = source.offset(loc.line() as usize, loc.column() as usize);
        start..source.line_range(loc.line() as usize).end.max(start)
    };
    // Every rule the overlay means to change, known or not yet matched.
    let mut touched = Vec::new();
    for (rule_id, params) in file.overrides {
        let Some(rule) = rules.iter().find(|r| r.id == rule_id.value) else {
            let known: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
            problems.push(
                Diagnostic::error(
                    "directive::unknown-rule",
                    t(Msg::OverlayUnknownRule { name: &name, id: &rule_id.value }),
                )
                .in_file(&source)
                .label(at(&rule_id.referenced), t(Msg::LabelUnknownRule))
                .help(t(Msg::RuleIdsAre { ids: &known.join(", ") })),
            );
            continue;
        };
        touched.push(rule.id.clone());
        for (param, value) in params {
            let Some(default) = rule.params.get(&param.value) else {
                let declared: Vec<&str> = rule.params.keys().map(String::as_str).collect();
                // A rule with no parameter says so, not an empty list.
                let help = if declared.is_empty() {
                    t(Msg::RuleDeclaresNone { id: &rule.id })
                } else {
                    t(Msg::RuleDeclares { id: &rule.id, params: &declared.join(", ") })
                };
                problems.push(
                    Diagnostic::error(
                        "directive::unknown-parameter",
                        t(Msg::OverlayUnknownParam { name: &name, id: &rule.id, param: &param.value }),
                    )
                    .in_file(&source)
                    .label(at(&param.referenced), t(Msg::LabelUnknownParam))
                    .help(help),
                );
                continue;
            };
            match default.kind.check(&value.value) {
                Ok(checked) => overrides.push(Override { rule: rule.id.clone(), param: param.value, value: checked }),
                Err(misfits) => {
                    let start = source.offset(value.referenced.line() as usize, value.referenced.column() as usize);
                    let span = crate::diagnostic::value_span(&source.text, start);
                    for m in misfits {
                        let at = match &m.element {
                            Some(e) => crate::diagnostic::element_span(&source.text, span.clone(), e),
                            None => span.clone(),
                        };
                        problems.push(
                            Diagnostic::error(
                                "directive::parameter",
                                t(Msg::OverlayBadValue {
                                    name: &name,
                                    id: &rule.id,
                                    param: &param.value,
                                    message: &m.message,
                                    kind: default.kind.name(),
                                    default: &default.display(),
                                }),
                            )
                            .in_file(&source)
                            .label(at, m.label)
                            .help(m.help),
                        );
                    }
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(Directive { file: name, meta: file.directive, overrides })
    } else {
        Err(Failed { problems, rules: touched })
    }
}

/// A rule's parameters with every applicable directive applied, in order.
pub fn effective(
    rule: &Rule,
    directives: &[Arc<Directive>],
    as_of: Option<NaiveDate>,
    unit: Option<&str>,
) -> IndexMap<String, EffectiveParam> {
    effective_where(rule, directives, |_, d| d.applies(as_of, unit))
}

/// A rule's parameters with the overlays `in_force` picks applied, in order.
pub fn effective_where(
    rule: &Rule,
    directives: &[Arc<Directive>],
    in_force: impl Fn(usize, &Directive) -> bool,
) -> IndexMap<String, EffectiveParam> {
    let mut params = rule.params.clone();
    for d in directives.iter().enumerate().filter(|(i, d)| in_force(*i, d)).map(|(_, d)| d) {
        for o in d.overrides.iter().filter(|o| o.rule == rule.id) {
            if let Some(p) = params.get_mut(&o.param) {
                p.value = o.value.clone();
                p.source = ThresholdSource::Directive {
                    param: o.param.clone(),
                    file: d.file.clone(),
                    number: d.meta.number.clone(),
                    date: d.meta.date,
                    units: d.meta.units().to_vec(),
                };
            }
        }
    }
    params
}
