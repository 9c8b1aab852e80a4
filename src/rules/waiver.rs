//! Waivers (miễn trừ): a commander's decision that some records, or a whole
//! requirement, do not count against a target for a while. Files in
//! `rules/waivers/` apply in name order, then each `--waivers FILE`.
//!
//! A waiver file is checked against the rules where it is read (unknown
//! target or collection, dates out of order: errors at their line); its
//! record ids are checked against each unit it applies to, as that unit is
//! evaluated (an unknown id makes the target an error, never a quietly
//! different count). A waiver applies only between its dates; out of them,
//! or when the rule never looked at what it names, it is a warning.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use indexmap::IndexMap;
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::directive::Failed;
use super::pack::Rule;
use crate::dataset::UnitFile;
use crate::diagnostic::{Diagnostic, Severity, SourceFile};
use crate::i18n::{Msg, date, t};
use crate::outcome::{Decision, WaiverRef};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WaiverFile {
    waivers: Vec<Spanned<RawWaiver>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWaiver {
    target: Spanned<String>,
    /// Only this unit (by its id); every unit when absent.
    #[serde(default)]
    unit: Option<String>,
    #[serde(default)]
    records: Option<IndexMap<Spanned<String>, Vec<Spanned<String>>>>,
    #[serde(default)]
    requirement: Option<Spanned<usize>>,
    reason: Spanned<String>,
    decision: Spanned<Decision>,
    from: NaiveDate,
    until: Spanned<NaiveDate>,
}

/// Record ids a waiver names, each with where it is written.
pub type WrittenIds = Vec<(String, Range<usize>)>;

/// One waiver, checked against the rules.
#[derive(Debug, Clone)]
pub struct Waiver {
    /// The target's id as the rule declares it.
    pub target: String,
    pub unit: Option<String>,
    /// The records it covers: collection, then each id with where it is written.
    pub records: Vec<(&'static str, WrittenIds)>,
    /// A whole requirement, by its 1-based number in the rule.
    pub requirement: Option<usize>,
    pub info: Arc<WaiverRef>,
}

impl Waiver {
    pub fn in_force(&self, as_of: NaiveDate) -> bool {
        self.info.from <= as_of && as_of <= self.info.until
    }
}

/// The waiver files of a rules folder, in name order.
pub fn default_files(rules_dir: &Path) -> Vec<PathBuf> {
    crate::yaml_files_in(&rules_dir.join("waivers"))
}

/// The JSON Schema of a waiver file (`chitieu schema --kind waiver`).
pub const SCHEMA: &str = include_str!("../../schema/waivers.schema.json");

/// A waiver file larger than this is refused before it is read: a unit's
/// waivers are a few lines each.
const MAX_BYTES: u64 = 4 << 20;

/// Reads one waiver file and checks it against the rules.
pub fn load(path: &Path, rules: &[Rule], model: &'static crate::model::Model) -> Result<Vec<Waiver>, Failed> {
    let name = crate::diagnostic::shown_path(path);
    let codes = crate::input::Codes { io: "waiver::io", encoding: "waiver::encoding", too_large: "waiver::too-large" };
    let text = crate::input::read_text_file(path, MAX_BYTES, codes)?;
    let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
    parse(&name, text, rules, model)
}

/// Parses a waiver file's text; `name` is what diagnostics call it.
/// The collections a waiver may name are `model`'s.
pub fn parse(
    name: &str,
    text: String,
    rules: &[Rule],
    model: &'static crate::model::Model,
) -> Result<Vec<Waiver>, Failed> {
    let source = SourceFile::new(name, text);
    if source.text.trim().is_empty() {
        return Ok(Vec::new());
    }
    // Waivers are small, flat files: no aliases, little nesting.
    let options = crate::settings::hand_written_yaml(500_000);
    let file: WaiverFile = serde_saphyr::from_str_with_options(&source.text, options).map_err(|e| {
        let message = crate::dataset::load::shown_yaml_message(&e, &source);
        let d = Diagnostic::error("waiver::syntax", t(Msg::OverlaySyntax { name, message: &message }))
            .in_file(&source)
            .help(t(Msg::WaiverShape));
        Failed::from(match e.location().filter(|l| l.line() > 0) {
            Some(l) => d.label(source.line_range(l.line() as usize), t(Msg::LabelHere)),
            None => d,
        })
    })?;
    let at = |loc: &serde_saphyr::Location| {
        let start = source.offset(loc.line() as usize, loc.column() as usize);
        crate::diagnostic::value_span(&source.text, start)
    };
    let line_of = |loc: &serde_saphyr::Location| source.line_range(loc.line().max(1) as usize);
    let error = |code, message: String, span: Range<usize>, label: String| {
        Diagnostic::error(code, message).in_file(&source).label(span, label)
    };
    let collections: Vec<&'static str> = model.collections.iter().map(|c| c.name.as_str()).collect();
    let mut problems = Vec::new();
    let mut touched = Vec::new();
    let mut waivers = Vec::new();
    for item in file.waivers {
        let w = item.value;
        let before = problems.len();
        let rule = rules.iter().find(|r| r.id == w.target.value);
        match rule {
            Some(rule) => touched.push(rule.id.clone()),
            None => {
                let known: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
                let near = crate::diagnostic::closest(&w.target.value, &known);
                let rest = t(Msg::RuleIdsAre { ids: &known.join(", ") });
                problems.push(
                    error(
                        "waiver::unknown-target",
                        t(Msg::WaiverUnknownTarget { name, id: &w.target.value }),
                        at(&w.target.referenced),
                        t(Msg::LabelUnknownTarget),
                    )
                    .help(crate::diagnostic::did_you_mean(near, &rest)),
                );
            }
        }
        let mut records = Vec::new();
        for (collection, ids) in w.records.iter().flatten() {
            match collections.iter().find(|c| **c == collection.value) {
                Some(c) => {
                    let ids = ids.iter().map(|id| (id.value.clone(), at(&id.referenced))).collect();
                    records.push((*c, ids));
                }
                None => {
                    let near = crate::diagnostic::closest(&collection.value, &collections);
                    let rest = t(Msg::CollectionsAre { names: &collections.join(", ") });
                    problems.push(
                        error(
                            "waiver::unknown-collection",
                            t(Msg::WaiverUnknownCollection { name, collection: &collection.value }),
                            at(&collection.referenced),
                            t(Msg::LabelUnknownCollection),
                        )
                        .help(crate::diagnostic::did_you_mean(near, &rest)),
                    );
                }
            }
        }
        let names_records = w.records.as_ref().is_some_and(|r| r.values().any(|ids| !ids.is_empty()));
        if names_records == w.requirement.is_some() {
            problems.push(
                error("waiver::what", t(Msg::WaiverWhat { name }), line_of(&item.referenced), t(Msg::LabelWaiver))
                    .help(t(Msg::WaiverShape)),
            );
        }
        if let Some(n) = &w.requirement
            && n.value == 0
        {
            let span = at(&n.referenced);
            problems.push(error(
                "waiver::requirement",
                t(Msg::WaiverRequirementZero { name }),
                span,
                t(Msg::LabelHere),
            ));
        }
        if w.until.value < w.from {
            let (from, until) = (date(w.from), date(w.until.value));
            problems.push(error(
                "waiver::dates",
                t(Msg::WaiverUntilBeforeFrom { name, from: &from, until: &until }),
                at(&w.until.referenced),
                t(Msg::LabelHere),
            ));
        }
        let blank = [
            ("reason", w.reason.value.trim().is_empty(), &w.reason.referenced),
            ("decision.number", w.decision.value.number.trim().is_empty(), &w.decision.referenced),
            ("decision.issuer", w.decision.value.issuer.trim().is_empty(), &w.decision.referenced),
        ];
        for (field, empty, loc) in blank {
            if empty {
                problems.push(
                    error("waiver::empty", t(Msg::WaiverEmpty { name, field }), line_of(loc), t(Msg::LabelHere))
                        .help(t(Msg::WaiverWhy)),
                );
            }
        }
        if problems.len() > before {
            continue;
        }
        let Some(rule) = rule else { continue };
        let info = WaiverRef {
            file: name.to_string(),
            line: item.referenced.line() as usize,
            reason: w.reason.value.trim().to_string(),
            decision: w.decision.value,
            from: w.from,
            until: w.until.value,
            source: Some(source.clone()),
            span: line_of(&item.referenced),
        };
        waivers.push(Waiver {
            target: rule.id.clone(),
            unit: w.unit,
            records,
            requirement: w.requirement.map(|n| n.value),
            info: Arc::new(info),
        });
    }
    if problems.is_empty() { Ok(waivers) } else { Err(Failed { problems, rules: touched }) }
}

/// The waivers one rule run applies to one unit: by record, by requirement.
#[derive(Debug, Default)]
pub struct Applied {
    /// (collection, id) → index into `waivers`.
    pub records: HashMap<(&'static str, String), usize>,
    /// Requirement number → index into `waivers`.
    pub whole: HashMap<usize, usize>,
    pub waivers: Vec<Arc<WaiverRef>>,
    /// Whether each waiver took anything out of the run.
    pub matched: Vec<bool>,
}

impl Applied {
    /// After the run: a waiver in force that took nothing out of it.
    pub fn unmatched(&self, target: &str) -> Vec<Diagnostic> {
        self.waivers
            .iter()
            .zip(&self.matched)
            .filter(|(_, matched)| !**matched)
            .map(|(w, _)| {
                warning(w, t(Msg::WaiverMatchesNothing { name: &w.file, id: target }), t(Msg::WaiverCheckIds))
            })
            .collect()
    }
}

fn warning(w: &WaiverRef, message: String, help: String) -> Diagnostic {
    let d = Diagnostic::error("waiver::not-applied", message).with_severity(Severity::Warning).help(help);
    match &w.source {
        Some(source) => d.in_file(source).label(w.span.clone(), t(Msg::LabelWaiver)),
        None => d,
    }
}

/// The waivers for `target` that apply to `unit` as of a date, with a
/// warning for each one not in force. An id the unit does not have is an
/// error (the target is not evaluated).
pub fn for_target(
    waivers: &[Waiver],
    target: &str,
    unit: &UnitFile,
    as_of: NaiveDate,
) -> Result<(Applied, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut applied = Applied::default();
    let mut warnings = Vec::new();
    let mut errors = Vec::new();
    let unit_id = &unit.data.unit.value.id;
    for w in waivers.iter().filter(|w| w.target == target && w.unit.as_ref().is_none_or(|u| u == unit_id)) {
        for (collection, ids) in &w.records {
            let known = ids_of(unit, collection);
            for (id, span) in ids {
                if known.contains(&id.as_str()) {
                    continue;
                }
                let near = crate::diagnostic::closest(id, &known);
                let shown: Vec<&str> = known.iter().take(20).copied().collect();
                let more = if known.len() > shown.len() { ", …" } else { "" };
                let rest = t(Msg::IdsAre { ids: &format!("{}{more}", shown.join(", ")) });
                let mut d = Diagnostic::error(
                    "waiver::unknown-id",
                    t(Msg::WaiverUnknownId { name: &w.info.file, collection, id, unit: unit_id }),
                )
                .label(span.clone(), t(Msg::LabelUnknownId))
                .help(crate::diagnostic::did_you_mean(near, &rest));
                if let Some(source) = &w.info.source {
                    d = d.in_file(source);
                }
                errors.push(d);
            }
        }
        if !w.in_force(as_of) {
            let (from, until) = (date(w.info.from), date(w.info.until));
            let message = t(Msg::WaiverNotInForce {
                name: &w.info.file,
                id: target,
                date: &date(as_of),
                from: &from,
                until: &until,
            });
            warnings.push(warning(&w.info, message, t(Msg::WaiverRenew)));
            continue;
        }
        let n = applied.waivers.len();
        applied.waivers.push(w.info.clone());
        applied.matched.push(false);
        for (collection, ids) in &w.records {
            for (id, _) in ids {
                applied.records.entry((collection, id.clone())).or_insert(n);
            }
        }
        if let Some(r) = w.requirement {
            applied.whole.entry(r).or_insert(n);
        }
    }
    if errors.is_empty() { Ok((applied, warnings)) } else { Err(errors) }
}

/// The ids of a collection's records in a unit (whatever their dates).
fn ids_of<'u>(unit: &'u UnitFile, collection: &str) -> Vec<&'u str> {
    let model = unit.model();
    let Some(c) = model.collection(collection) else { return Vec::new() };
    let coll = &model.collections[c];
    unit.data.of(c).iter().filter_map(|r| r.value.id(coll)).collect()
}
