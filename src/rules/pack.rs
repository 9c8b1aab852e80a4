//! The rule pack: every `.rhai` file under the rules folder (but `lib/`,
//! which holds modules rules may import), with its metadata and effective
//! parameters. Read once per run; shared by every unit.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::Datelike;
use indexmap::IndexMap;

use super::directive::Directive;
use super::kind::ParamKind;
use super::meta::{self, Deadline, ParamValue, RuleMeta};
use crate::diagnostic::{Diagnostic, SourceFile};
use crate::i18n::{Msg, t};
use crate::outcome::ThresholdSource;

/// The largest rule or library file read.
pub const MAX_RULE_BYTES: u64 = 4 * 1024 * 1024;

/// A parameter's value for this run and where it was set.
#[derive(Debug, Clone)]
pub struct EffectiveParam {
    pub value: ParamValue,
    pub kind: ParamKind,
    /// Whether the rule's header names the kind (or it was inferred).
    pub declared: bool,
    pub source: ThresholdSource,
}

impl EffectiveParam {
    /// The value as a reader writes it (a share as a percentage).
    pub fn display(&self) -> String {
        self.kind.display(&self.value)
    }
}

#[derive(Debug)]
pub struct Rule {
    /// The id from the metadata, or the file's stem when that is unreadable.
    pub id: String,
    pub source: Arc<SourceFile>,
    pub meta: Result<RuleMeta, Diagnostic>,
    /// Parameters whose default fits their kind.
    pub params: IndexMap<String, EffectiveParam>,
    /// Defaults that do not fit their kind, each at its value.
    pub param_problems: Vec<Diagnostic>,
    /// The header's texts by key (`labels:`), in both languages.
    pub labels: Arc<IndexMap<String, crate::i18n::Localized>>,
}

impl Rule {
    pub fn title(&self) -> String {
        self.meta.as_ref().map_or_else(|_| crate::i18n::t(crate::i18n::Msg::MetadataUnreadable), |m| m.title.clone())
    }

    pub fn deadline(&self) -> Option<Deadline> {
        self.meta.as_ref().ok().and_then(|m| m.deadline)
    }
}

#[derive(Debug, Default)]
pub struct RulePack {
    pub dir: PathBuf,
    pub rules: Vec<Rule>,
    /// Modules under `lib/`, by the name rules import them with.
    pub libs: Vec<(String, Arc<SourceFile>)>,
    /// Directive overlays, in the order they apply.
    pub directives: Vec<Arc<Directive>>,
    /// Waivers, in the order of their files.
    pub waivers: Vec<super::waiver::Waiver>,
    /// The waiver files read (valid or not), for audits.
    pub waiver_files: Vec<String>,
    /// Problems with the pack as a whole (unreadable folder, duplicate ids,
    /// parameters and overlays that do not fit the rules).
    pub problems: Vec<Diagnostic>,
    /// Rules not to evaluate because a value written for one of their
    /// parameters (a default, or an overlay's) is invalid: by rule id, where.
    pub unusable: IndexMap<String, Vec<String>>,
    /// Rules not to evaluate because a waiver for them is invalid: by rule
    /// id, the waiver files.
    pub unusable_waivers: IndexMap<String, Vec<String>>,
    /// The plan the pack encodes (`plan.yaml`), when it names one.
    pub plan: Option<super::plan::Plan>,
    /// The records the rules read (`model.yaml`, or the shipped model when
    /// the folder has none): read before any rule.
    pub model: Arc<crate::model::Model>,
    /// The pack's own `model.yaml`, when it has one, for audits.
    pub model_file: Option<String>,
}

impl RulePack {
    /// The pack with its own overlays (`directives/`) and then `extra` ones,
    /// and its own waivers (`waivers/`).
    pub fn load_with_directives(dir: &Path, extra: &[PathBuf]) -> RulePack {
        RulePack::load_with(dir, extra, &[])
    }

    /// The pack with its overlays and waivers, then the `directives` and
    /// `waivers` files given.
    pub fn load_with(dir: &Path, directives: &[PathBuf], waivers: &[PathBuf]) -> RulePack {
        let mut pack = RulePack::load_overlays(dir, directives);
        let files = super::waiver::default_files(dir).into_iter().chain(waivers.iter().cloned());
        for file in files {
            pack.waiver_files.push(crate::diagnostic::shown_path(&file));
            match super::waiver::load(&file, &pack.rules, pack.model.interned()) {
                Ok(w) => pack.waivers.extend(w),
                Err(failed) => {
                    for id in failed.rules {
                        pack.unusable_waivers.entry(id).or_default().push(crate::diagnostic::shown_path(&file));
                    }
                    pack.problems.extend(failed.problems);
                }
            }
        }
        pack
    }

    fn load_overlays(dir: &Path, extra: &[PathBuf]) -> RulePack {
        let mut pack = RulePack::load(dir);
        let files = super::directive::default_files(dir).into_iter().chain(extra.iter().cloned());
        for file in files {
            match super::directive::load(&file, &pack.rules) {
                Ok(d) => pack.directives.push(Arc::new(d)),
                Err(failed) => {
                    for id in failed.rules {
                        pack.unusable.entry(id).or_default().push(crate::diagnostic::shown_path(&file));
                    }
                    pack.problems.extend(failed.problems);
                }
            }
        }
        pack
    }

    /// A rule's parameters as of a date (None: every overlay applied) for no
    /// unit in particular (overlays for some units only left out).
    pub fn params(&self, rule: &Rule, as_of: Option<chrono::NaiveDate>) -> IndexMap<String, EffectiveParam> {
        super::directive::effective(rule, &self.directives, as_of, None)
    }

    /// A rule's parameters as of a date for one unit.
    pub fn params_for(&self, rule: &Rule, as_of: chrono::NaiveDate, unit: &str) -> IndexMap<String, EffectiveParam> {
        super::directive::effective(rule, &self.directives, Some(as_of), Some(unit))
    }

    /// The unit ids overlays name that none of `seen` is: each overlay's
    /// file with the ids it names in vain.
    pub fn unmatched_units(&self, seen: &std::collections::HashSet<String>) -> Vec<(String, Vec<String>)> {
        self.directives
            .iter()
            .filter_map(|d| {
                let missing: Vec<String> = d
                    .meta
                    .units()
                    .iter()
                    .filter(|u| !seen.iter().any(|s| s.eq_ignore_ascii_case(u)))
                    .cloned()
                    .collect();
                (!missing.is_empty()).then(|| (d.file.clone(), missing))
            })
            .collect()
    }

    /// Reads a unit file for this pack: a unit whose statistics period is
    /// not the plan's is refused at its period line (no unit is evaluated
    /// with another year's dates).
    pub fn load_unit(
        &self,
        options: &crate::Options,
        path: &Path,
    ) -> Result<crate::dataset::UnitFile, Vec<Diagnostic>> {
        let unit = options.load(path, &self.model)?;
        match self.period_problem(&unit) {
            Some(problem) => Err(vec![problem]),
            None => Ok(unit),
        }
    }

    /// Why a unit cannot be evaluated by this pack's plan, if it cannot.
    pub fn period_problem(&self, unit: &crate::dataset::UnitFile) -> Option<Diagnostic> {
        let plan = self.plan.as_ref()?;
        let period = unit.data.period.value;
        if (period.start, period.end) == (plan.period.start, plan.period.end) {
            return None;
        }
        let theirs = super::plan::shown(super::plan::Period { start: period.start, end: period.end });
        let message =
            t(Msg::PlanPeriodMismatch { unit: &theirs, plan_period: &plan.period_shown(), plan: &plan.name() });
        let year = plan.identity.year.to_string();
        let help = t(Msg::PlanPeriodHelp { year: &year, next: &(period.end.year()).to_string() });
        Some(crate::dataset::validate::at_period(unit, Diagnostic::error("data::plan-period", message).help(help)))
    }

    /// The pack without overlays.
    pub fn load(dir: &Path) -> RulePack {
        let mut pack = RulePack { dir: dir.to_path_buf(), ..RulePack::default() };
        // The model first: everything after it reads the records it declares.
        match crate::model::load(dir) {
            Ok(model) => {
                pack.model_file = dir.join(crate::model::FILE).exists().then(|| model.file.clone());
                pack.model = Arc::new(model);
            }
            Err(problems) => pack.problems.extend(problems),
        }
        match super::plan::load(dir) {
            Some(Ok(plan)) => pack.plan = Some(plan),
            Some(Err(problems)) => pack.problems.extend(problems),
            None => {}
        }
        let mut files = Vec::new();
        if let Err(e) = collect(dir, &mut files) {
            pack.problems.push(
                Diagnostic::error(
                    "rule::io",
                    t(Msg::CannotReadRules { dir: &crate::diagnostic::shown_path(dir), error: &e.to_string() }),
                )
                .help(t(Msg::RunFromRepo)),
            );
            return pack;
        }
        files.sort();
        let lib_dir = dir.join("lib");
        for path in files {
            let codes =
                crate::input::Codes { io: "rule::io", encoding: "rule::encoding", too_large: "rule::too-large" };
            let text = match crate::input::read_text_file(&path, MAX_RULE_BYTES, codes) {
                Ok(t) => t,
                Err(problem) => {
                    pack.problems.push(problem);
                    continue;
                }
            };
            let source = SourceFile::new(crate::diagnostic::shown_path(&path), text);
            if path.starts_with(&lib_dir) {
                let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                pack.libs.push((name, source));
                continue;
            }
            let rule = Rule::new(&path, source, pack.model.interned());
            if !rule.param_problems.is_empty() {
                pack.unusable.entry(rule.id.clone()).or_default().push(rule.source.name.clone());
                pack.problems.extend(rule.param_problems.iter().cloned());
            }
            pack.rules.push(rule);
        }
        pack.rules.sort_by_key(|r| sort_key(&r.id));
        pack.check_unique_ids();
        pack
    }

    fn check_unique_ids(&mut self) {
        let mut seen: IndexMap<&str, &Rule> = IndexMap::new();
        for rule in &self.rules {
            if rule.meta.is_err() {
                continue;
            }
            if let Some(first) = seen.get(rule.id.as_str()) {
                self.problems.push(
                    Diagnostic::error(
                        "rule::duplicate-id",
                        t(Msg::TwoRulesOneId { id: &rule.id, first: &first.source.name, second: &rule.source.name }),
                    )
                    .help(t(Msg::OwnIdEach)),
                );
            } else {
                seen.insert(&rule.id, rule);
            }
        }
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id.eq_ignore_ascii_case(id))
    }
}

impl Rule {
    fn new(path: &Path, source: Arc<SourceFile>, model: &'static crate::model::Model) -> Rule {
        let meta = meta::read(&source);
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let id = meta.as_ref().map_or(stem, |m| m.id.clone());
        let (specs, param_problems) = meta.as_ref().map(|m| meta::params(&source, m, model)).unwrap_or_default();
        let params = specs
            .into_iter()
            .map(|(name, spec)| {
                let source = ThresholdSource::Default { param: name.clone(), file: source.name.clone() };
                let p = EffectiveParam { value: spec.value, kind: spec.kind, declared: spec.declared, source };
                (name, p)
            })
            .collect();
        let labels = Arc::new(meta.as_ref().map(|m| m.labels.clone()).unwrap_or_default());
        Rule { id, source, meta, params, param_problems, labels }
    }
}

/// `01`…`18` first in number order, then `D1`…`D10`, then anything else.
pub fn sort_key(id: &str) -> (u8, u64, String) {
    let digits: String = id.chars().filter(char::is_ascii_digit).collect();
    let n = digits.parse().unwrap_or(u64::MAX);
    let class = if id.chars().all(|c| c.is_ascii_digit()) {
        0
    } else if id.starts_with(['D', 'd']) {
        1
    } else {
        2
    };
    (class, n, id.to_string())
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            collect(&path, out)?;
        } else if kind.is_file() && path.extension().is_some_and(|e| e == "rhai") {
            out.push(path);
        }
    }
    Ok(())
}
