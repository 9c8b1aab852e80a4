//! Evaluation of a rule pack over one unit: every rule compiled once per
//! evaluator, each run in the sandbox over a read-only view of the unit as of
//! a date. A rule that cannot be compiled or run is an `error` outcome for
//! its target only.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Instant;

use chrono::NaiveDate;
use rhai::{AST, EvalAltResult, Map, ParseError, Position, Scope};

use super::api::param::Param;
use super::api::require::{Recorder, SharedRecorder};
use super::api::view::{CalendarCache, View};
use super::api::{self, SCOPE_VARIABLES};
use super::meta::{Deadline, ParamValue};
use super::pack::{EffectiveParam, Rule, RulePack};
use super::sandbox::{Limits, Sandbox};
use crate::dataset::UnitFile;
use crate::diagnostic::{Diagnostic, SourceFile};
use crate::i18n::{Msg, t};
use crate::outcome::{Status, TargetOutcome, ThresholdSource, UnitOutcome};
use indexmap::IndexMap;

pub struct Evaluator<'p> {
    pack: &'p RulePack,
    sandbox: Sandbox,
    compiled: Vec<Result<AST, Diagnostic>>,
    recorder: SharedRecorder,
    /// Problems with the pack that every unit's outcome would repeat.
    pub problems: Vec<Diagnostic>,
    /// How many offending records per requirement keep their YAML excerpt.
    pub excerpt_limit: usize,
    /// Each rule's parameters (by rule index), by which overlays are in force.
    prepared: RefCell<HashMap<Vec<bool>, PreparedRules>>,
    /// Calendar lists shared by the units this evaluator sees.
    calendar: CalendarCache,
    /// The lines run, by rule, when coverage is recorded.
    executed: Option<crate::coverage::Executed>,
    /// Each rule's function-resolution cache, by rule index, kept across
    /// units (see `Sandbox::run`).
    caches: RefCell<Vec<rhai::Caches>>,
}

/// Each rule's prepared parameters, by rule index, once made.
type PreparedRules = Vec<Option<Rc<Prepared>>>;

/// A rule's parameters as the rule sees them, and where each was set.
struct Prepared {
    values: Rc<Map>,
    sources: Rc<HashMap<String, ThresholdSource>>,
}

impl<'p> Evaluator<'p> {
    /// The model of the pack it evaluates.
    pub fn model(&self) -> &'static crate::model::Model {
        self.pack.model.interned()
    }

    /// Compiles every rule of the pack, once.
    /// The pack this evaluator runs.
    pub fn pack(&self) -> &'p RulePack {
        self.pack
    }

    pub fn new(pack: &'p RulePack, limits: Limits) -> Evaluator<'p> {
        Evaluator::build(pack, limits, false)
    }

    /// An evaluator that records the line of every statement it runs, by
    /// rule (`chitieu test --coverage`); slower, for tests only.
    pub fn with_coverage(pack: &'p RulePack, limits: Limits) -> Evaluator<'p> {
        Evaluator::build(pack, limits, true)
    }

    fn build(pack: &'p RulePack, limits: Limits, coverage: bool) -> Evaluator<'p> {
        let recorder: SharedRecorder = Rc::new(RefCell::new(Recorder::default()));
        let (mut sandbox, problems) = Sandbox::new(pack, &recorder, limits);
        let executed = coverage.then(|| crate::coverage::instrument(&mut sandbox.engine));
        let mut scope = Scope::new();
        for name in SCOPE_VARIABLES {
            scope.push(name, ());
        }
        let compiled = pack
            .rules
            .iter()
            .map(|rule| match &rule.meta {
                Err(d) => Err(d.clone()),
                Ok(_) => {
                    let compiled = sandbox.engine.compile_with_scope(&scope, &rule.source.text);
                    compiled
                        .map(|mut ast| {
                            // The coverage hook files each statement under its rule.
                            if coverage {
                                ast.set_source(rule.id.as_str());
                            }
                            ast
                        })
                        .map_err(|e| parse_error(&rule.source, &e))
                }
            })
            .collect();
        Evaluator {
            pack,
            sandbox,
            compiled,
            recorder,
            problems,
            excerpt_limit: 5,
            prepared: RefCell::default(),
            calendar: CalendarCache::default(),
            executed,
            caches: RefCell::new(vec![rhai::Caches::new(); pack.rules.len()]),
        }
    }

    /// What the runs so far covered of each compiled rule, given what the
    /// requirements did in them; None unless built `with_coverage`.
    pub fn coverage(&self, outcomes: &crate::coverage::Outcomes) -> Option<crate::coverage::Coverage> {
        let executed = self.executed.as_ref()?.borrow();
        let rules = self.pack.rules.iter().zip(&self.compiled).filter_map(|(rule, ast)| {
            let (statements, calls) = crate::coverage::lines_of(ast.as_ref().ok()?);
            Some(crate::coverage::RuleLines { id: &rule.id, file: &rule.source.name, statements, calls })
        });
        Some(crate::coverage::measure(rules, &executed, outcomes))
    }

    /// The compile problems of every rule, for `lint`.
    pub fn compile_problems(&self) -> impl Iterator<Item = &Diagnostic> {
        self.compiled.iter().filter_map(|c| c.as_ref().err())
    }

    /// The errors the rules raise over the pack's test datasets and, when
    /// `lint` is given one, a unit, each once: what `check` would meet,
    /// without the verdicts. Errors already reported for the pack (compile
    /// problems, invalid parameters) are left out. Waivers are checked
    /// against the unit only (they name its records, not the test data's),
    /// in the same run: their errors and warnings.
    pub fn rule_errors(
        &self,
        cases: impl IntoIterator<Item = (Arc<UnitFile>, NaiveDate)>,
        unit: Option<(Arc<UnitFile>, NaiveDate)>,
    ) -> Vec<Diagnostic> {
        let mut seen = std::collections::HashSet::new();
        let mut errors = Vec::new();
        for ((data, as_of), is_unit) in cases.into_iter().map(|c| (c, false)).chain(unit.map(|u| (u, true))) {
            let outcome = self.evaluate(data, as_of, None);
            for (target, compiled) in outcome.targets.into_iter().zip(&self.compiled) {
                if is_unit {
                    errors.extend(target.warnings.into_iter().filter(is_waiver));
                }
                let Some(error) = target.error else { continue };
                let pack_problem = matches!(error.code, "rule::invalid-parameter" | "rule::invalid-waiver");
                if compiled.is_err() || pack_problem || (is_waiver(&error) && !is_unit) {
                    continue;
                }
                if seen.insert((error.code, error.message.clone(), error.location())) {
                    errors.push(error);
                }
            }
        }
        errors
    }

    /// What the pack's waivers meet in a unit, for `lint` over a folder:
    /// ids the unit does not have (errors), waivers out of their dates or
    /// matching nothing the rule looked at (warnings). The same evaluation
    /// `check` makes, of the waived targets only; nothing when no waiver
    /// applies to the unit.
    pub fn waiver_problems(&self, unit: Arc<UnitFile>, as_of: NaiveDate) -> Vec<Diagnostic> {
        let unit_id = &unit.data.unit.value.id;
        let mut waived: Vec<String> = Vec::new();
        for w in self.pack.waivers.iter().filter(|w| w.unit.as_ref().is_none_or(|u| u == unit_id)) {
            if !waived.contains(&w.target) {
                waived.push(w.target.clone());
            }
        }
        if waived.is_empty() {
            return Vec::new();
        }
        let outcome = self.evaluate(unit, as_of, Some(&waived));
        let findings = outcome.targets.into_iter().flat_map(|t| t.error.into_iter().chain(t.warnings));
        findings.filter(is_waiver).collect()
    }

    /// Evaluates the rules whose ids `only` keeps (all when None) over a unit.
    pub fn evaluate(&self, unit: Arc<UnitFile>, as_of: NaiveDate, only: Option<&[String]>) -> UnitOutcome {
        let view = Rc::new(View::new(unit.clone(), as_of, self.excerpt_limit, self.calendar.clone()));
        let id = unit.data.unit.value.id.as_str();
        let in_force: Vec<bool> = self.pack.directives.iter().map(|d| d.applies(Some(as_of), Some(id))).collect();
        let targets = self
            .pack
            .rules
            .iter()
            .zip(&self.compiled)
            .enumerate()
            .filter(|(_, (rule, _))| only.is_none_or(|ids| ids.iter().any(|id| id.eq_ignore_ascii_case(&rule.id))))
            .map(|(index, (rule, ast))| self.run(index, rule, ast, &view, &unit, &in_force))
            .collect();
        let data = &unit.data;
        UnitOutcome {
            unit: data.unit.value.id.clone(),
            name: data.unit.value.name.clone(),
            file: unit.source.name.clone(),
            as_of,
            targets,
            data_errors: Vec::new(),
            data_warnings: unit.warnings.clone(),
            personal_names: crate::dataset::personal_names(data),
            sha256: (!unit.sha256.is_empty()).then(|| unit.sha256.clone()),
        }
    }

    /// A rule's parameters with the overlays `in_force`, made once for each
    /// set of them: units and months mostly share them.
    fn params(&self, index: usize, rule: &Rule, in_force: &[bool]) -> Rc<Prepared> {
        let mut cache = self.prepared.borrow_mut();
        if !cache.contains_key(in_force) {
            cache.insert(in_force.to_vec(), vec![None; self.pack.rules.len()]);
        }
        let slot = &mut cache.get_mut(in_force).expect("inserted above")[index];
        slot.get_or_insert_with(|| {
            let params = super::directive::effective_where(rule, &self.pack.directives, |i, _| in_force[i]);
            Rc::new(Prepared {
                values: Rc::new(params_map(&params)),
                sources: Rc::new(params.iter().map(|(k, p)| (k.clone(), p.source.clone())).collect()),
            })
        })
        .clone()
    }

    fn run(
        &self,
        index: usize,
        rule: &Rule,
        ast: &Result<AST, Diagnostic>,
        view: &Rc<View>,
        unit: &UnitFile,
        in_force: &[bool],
    ) -> TargetOutcome {
        let error = |d: Diagnostic| TargetOutcome {
            id: rule.id.clone(),
            title: rule.title().to_string(),
            rule_file: rule.source.clone(),
            status: Status::Error,
            requirements: Vec::new(),
            error: Some(d),
            warnings: Vec::new(),
        };
        let ast = match ast {
            Ok(ast) => ast,
            Err(d) => return error(d.clone()),
        };
        if let Some(places) = self.pack.unusable.get(&rule.id) {
            return error(
                Diagnostic::error(
                    "rule::invalid-parameter",
                    t(Msg::NotEvaluatedBadParam { id: &rule.id, places: &places.join(", ") }),
                )
                .help(t(Msg::ReportedAtValue)),
            );
        }
        if let Some(places) = self.pack.unusable_waivers.get(&rule.id) {
            return error(
                Diagnostic::error(
                    "rule::invalid-waiver",
                    t(Msg::NotEvaluatedBadWaiver { id: &rule.id, places: &places.join(", ") }),
                )
                .help(t(Msg::ReportedAtWaiver)),
            );
        }
        let (waivers, mut warnings) = match super::waiver::for_target(&self.pack.waivers, &rule.id, unit, view.as_of) {
            Ok(applied) => applied,
            Err(mut problems) => {
                let mut first = problems.remove(0);
                for more in problems {
                    first = first.related(more);
                }
                return error(first);
            }
        };
        let params = self.params(index, rule, in_force);
        {
            let mut rec = self.recorder.borrow_mut();
            *rec = Recorder {
                requirements: Vec::new(),
                rule_file: rule.source.name.clone(),
                sources: params.sources.clone(),
                deadline: rule.deadline().map(|d| match d {
                    Deadline::Date(date) => date,
                    Deadline::PeriodEnd => view.period.end,
                }),
                as_of: Some(view.as_of),
                labels: rule.labels.clone(),
                waivers,
            };
        }
        let mut scope = api::scope(view, params.values.clone());
        self.sandbox.deadline.set(Some(Instant::now() + self.sandbox.limits.max_time));
        let result = if self.executed.is_some() {
            self.sandbox.engine.run_ast_with_scope(&mut scope, ast)
        } else {
            self.sandbox.run(&mut self.caches.borrow_mut()[index], &mut scope, ast)
        };
        self.sandbox.deadline.set(None);
        let (requirements, waivers) = {
            let mut rec = self.recorder.borrow_mut();
            (std::mem::take(&mut rec.requirements), std::mem::take(&mut rec.waivers))
        };
        warnings.extend(waivers.unmatched(&rule.id));
        if let Err(e) = result {
            let mut d = runtime_error(&rule.source, &e, &self.sandbox.limits);
            if let Some((map, key, keys)) = map_keys_at(&self.sandbox.engine, &mut scope, &rule.source, &e) {
                d = no_key(d, &rule.source.name, &map, &key, &keys);
            }
            return error(d);
        }
        if requirements.is_empty() {
            return error(
                Diagnostic::error("rule::no-requirement", t(Msg::NoRequirement { id: &rule.id }))
                    .in_file(&rule.source)
                    .label(0..rule.source.line_range(1).end, t(Msg::ThisRule))
                    .help(t(Msg::CallRequire)),
            );
        }
        TargetOutcome {
            id: rule.id.clone(),
            title: rule.title().to_string(),
            rule_file: rule.source.clone(),
            status: TargetOutcome::combine(&requirements),
            requirements,
            error: None,
            warnings,
        }
    }
}

/// `params` in a rule: shares, counts and numbers become parameters that
/// remember their name; other kinds are plain values.
fn params_map(params: &IndexMap<String, EffectiveParam>) -> Map {
    params.iter().map(|(name, p)| (name.as_str().into(), to_dynamic(name, &p.value, p.kind.is_numeric()))).collect()
}

fn to_dynamic(name: &str, value: &ParamValue, numeric: bool) -> rhai::Dynamic {
    match value {
        ParamValue::Int(n) if numeric => rhai::Dynamic::from(Param { name: name.into(), value: *n as f64 }),
        ParamValue::Float(x) if numeric => rhai::Dynamic::from(Param { name: name.into(), value: *x }),
        ParamValue::Int(n) => (*n).into(),
        ParamValue::Float(x) => (*x).into(),
        ParamValue::Bool(b) => (*b).into(),
        ParamValue::Text(s) => s.clone().into(),
        ParamValue::List(items) => items.iter().map(|v| to_dynamic(name, v, numeric)).collect::<rhai::Array>().into(),
        ParamValue::Map(entries) => {
            entries.iter().map(|(k, v)| (k.as_str().into(), to_dynamic(name, v, numeric))).collect::<Map>().into()
        }
    }
}

fn span_at(source: &SourceFile, pos: Position) -> Option<std::ops::Range<usize>> {
    let line = pos.line()?;
    let col = pos.position().unwrap_or(1).max(1);
    let mut start = source.offset(line, col);
    let line_end = source.line_range(line).end;
    let rest = &source.text[start..line_end];
    // A property read is reported at its dot: underline the name after it.
    if rest.starts_with('.') && rest[1..].starts_with(|c: char| c.is_alphabetic() || c == '_') {
        start += 1;
    }
    // An index written as a text: the whole literal.
    if let Some(literal) = rest.strip_prefix('"')
        && let Some(close) = literal.find('"')
    {
        return Some(start..start + close + 2);
    }
    let end =
        source.text[start..line_end].find(|c: char| !(c.is_alphanumeric() || c == '_')).map_or(line_end, |i| start + i);
    Some(start..end.max((start + 1).min(line_end.max(start + 1))).min(source.text.len()))
}

/// Whether a diagnostic is about a waiver (`waiver::unknown-id`, `waiver::not-applied`).
fn is_waiver(d: &Diagnostic) -> bool {
    d.code.starts_with("waiver::")
}

/// A missing key's diagnostic once the map is known: which map, its keys,
/// the nearest one. `name` is the rule file's, as the message begins.
fn no_key(mut d: Diagnostic, name: &str, map: &str, key: &str, keys: &[String]) -> Diagnostic {
    let message = t(Msg::MapNoKey { map, key });
    d.message = format!("{name}: {message}").into_boxed_str();
    if let Some(label) = d.labels.first_mut() {
        label.text = Some(short(&message));
    }
    let known: Vec<&str> = keys.iter().map(String::as_str).collect();
    let near = crate::diagnostic::closest(key, &known);
    let rest = if known.is_empty() { t(Msg::MapEmpty) } else { t(Msg::MapKeysAre { keys: &known.join(", ") }) };
    match near {
        Some(_) => d.help(crate::diagnostic::did_you_mean(near, &rest)),
        None => d.help(format!("{rest}; {}", t(Msg::OptionalKey { map, key }))),
    }
}

pub(crate) fn parse_error(source: &Arc<SourceFile>, e: &ParseError) -> Diagnostic {
    let message = e.err_type().to_string();
    let d = Diagnostic::error("rule::syntax", t(Msg::SyntaxError { name: &source.name, message: &message }))
        .in_file(source)
        .help(t(Msg::FixSyntax));
    match span_at(source, e.position()) {
        Some(span) => d.label(span, short(&message)),
        None => d,
    }
}

pub(crate) fn runtime_error(source: &Arc<SourceFile>, e: &EvalAltResult, limits: &Limits) -> Diagnostic {
    // Errors inside a closure or function come wrapped; the innermost says what
    // went wrong, the outermost where in this file.
    let mut inner = e;
    while let EvalAltResult::ErrorInFunctionCall(_, _, next, _) | EvalAltResult::ErrorInModule(_, next, _) = inner {
        inner = next;
    }
    let (code, message, help) = match inner {
        EvalAltResult::ErrorTooManyOperations(_) => {
            ("rule::limit", t(Msg::TooManyOperations { max: limits.max_operations }), t(Msg::EndlessLoop))
        }
        EvalAltResult::ErrorTerminated(..) => {
            ("rule::limit", t(Msg::TooLong { seconds: limits.max_time.as_secs() }), t(Msg::EndlessLoop))
        }
        EvalAltResult::ErrorStackOverflow(_) | EvalAltResult::ErrorTooManyModules(_) => {
            ("rule::limit", t(Msg::TooDeep), t(Msg::NoRecursion))
        }
        EvalAltResult::ErrorDataTooLarge(what, _) => ("rule::limit", t(Msg::TooLarge { what }), t(Msg::NoLargeValues)),
        EvalAltResult::ErrorFunctionNotFound(sig, _) => {
            ("rule::runtime", t(Msg::NoFunction { signature: sig }), t(Msg::CheckApi))
        }
        EvalAltResult::ErrorModuleNotFound(name, _) => ("rule::import", t(Msg::NoModule { name }), t(Msg::ImportLib)),
        EvalAltResult::ErrorPropertyNotFound(key, _) => {
            ("rule::no-key", t(Msg::NoKey { key }), t(Msg::OptionalKey { map: &t(Msg::TheMap), key }))
        }
        // The API's own errors say what is wrong, then what to do.
        EvalAltResult::ErrorRuntime(value, _) => match value.read_lock::<super::api::ApiError>() {
            Some(e) => ("rule::runtime", e.what.clone(), e.help.clone()),
            None => ("rule::runtime", value.to_string(), t(Msg::SeeApi)),
        },
        other => ("rule::runtime", strip_position(&other.to_string()), t(Msg::SeeApi)),
    };
    let d = Diagnostic::error(code, format!("{}: {message}", source.name)).in_file(source).help(help);
    match span_at(source, position_in_file(e)) {
        Some(span) => d.label(span, short(&message)),
        None => d,
    }
}

/// Where in the rule the error happened. Inside a closure or function the
/// rule defines, that is the expression in it that failed (Rhai reports the
/// call that ran it outermost); inside a library's function, the call in
/// this file. Native functions' own errors carry no position: then the call.
fn position_in_file(e: &EvalAltResult) -> Position {
    let mut pos = e.position();
    let mut at = e;
    // A library's functions come wrapped in ErrorInModule: stop at its call.
    while let EvalAltResult::ErrorInFunctionCall(_, _, next, _) = at {
        if matches!(**next, EvalAltResult::ErrorInModule(..)) {
            break;
        }
        if !next.position().is_none() {
            pos = next.position();
        }
        at = next;
    }
    pos
}

/// The map a rule read a missing key of, the key, and the map's keys, when the map is a
/// plain path the rule's scope still holds (`data.baseline`, `quota`,
/// `counts[o.id]`): evaluated again, as `in` would see it. None inside a
/// closure (its parameters are gone) or for anything that calls a function.
fn map_keys_at(
    engine: &rhai::Engine,
    scope: &mut rhai::Scope,
    source: &SourceFile,
    e: &EvalAltResult,
) -> Option<(String, String, Vec<String>)> {
    let mut inner = e;
    while let EvalAltResult::ErrorInFunctionCall(_, _, next, _) = inner {
        inner = next;
    }
    let EvalAltResult::ErrorPropertyNotFound(key, _) = inner else { return None };
    let span = span_at(source, position_in_file(e))?;
    let line = source.line_range(source.line_col(span.start).0);
    let before = source.text[line.start..span.start].trim_end();
    let before = before.strip_suffix('.').or_else(|| before.strip_suffix('[').map(str::trim_end))?;
    // The receiver: the longest tail of identifiers, dots and brackets
    // (anything inside brackets; a call anywhere is refused below).
    let mut depth = 0usize;
    let mut start = before.len();
    for (i, c) in before.char_indices().rev() {
        match c {
            ']' => depth += 1,
            '[' if depth > 0 => depth -= 1,
            c if depth > 0 || c.is_alphanumeric() || c == '_' || c == '.' => {}
            _ => break,
        }
        start = i;
    }
    let receiver = before[start..].trim_start_matches('.');
    if receiver.is_empty()
        || depth > 0
        || receiver.contains('(')
        || !receiver.starts_with(|c: char| c.is_alphabetic() || c == '_')
    {
        return None;
    }
    let value = engine.eval_expression_with_scope::<rhai::Dynamic>(scope, receiver).ok()?;
    let map = value.read_lock::<rhai::Map>()?;
    Some((receiver.to_string(), key.to_string(), map.keys().map(|k| k.to_string()).collect()))
}

fn strip_position(text: &str) -> String {
    match text.rfind(" (line ") {
        Some(i) if text.ends_with(')') => text[..i].to_string(),
        _ => text.to_string(),
    }
}

/// A label under the code: what is wrong, when it is short.
fn short(message: &str) -> String {
    if message.chars().count() > 60 { t(Msg::LabelHere) } else { message.to_string() }
}
