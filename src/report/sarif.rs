//! SARIF 2.1.0: one result per failed requirement (and per error), located
//! at the rule file and line, with related locations at the offending
//! records in the YAML. Every rule of the pack is described in
//! `tool.driver.rules`. Built with serde-sarif's types.

use serde_sarif::sarif::{
    Artifact, ArtifactLocation, Location, LogicalLocation, Message, MultiformatMessageString, PhysicalLocation, Region,
    ReportingDescriptor, Result as SarifResult, ResultLevel, Run, Sarif, Suppression, Tool, ToolComponent,
};

use super::human::{measured, required};
use super::{Renderer, clean};
use crate::Totals;
use crate::diagnostic::{Diagnostic, Place};
use crate::i18n::{Msg, t};
use crate::outcome::{Status, UnitOutcome};
use crate::rules::RulePack;
use crate::rules::pack::Rule;

pub struct SarifLog {
    rules: Vec<ReportingDescriptor>,
    ids: Vec<String>,
    results: Vec<SarifResult>,
    information_uri: String,
    /// The pack's inputs, then each unit's: the run's artifacts with hashes.
    pub inputs: Vec<crate::audit::Input>,
}

/// Where a person learns about chitieu when `chitieu.yaml` names no
/// `information_uri` (an absolute URI, as SARIF asks, naming this version).
pub fn default_information_uri() -> String {
    format!("urn:chitieu:{}", env!("CARGO_PKG_VERSION"))
}

/// What an engineer opening an alert needs about a target: the plan's
/// wording, the section, how the rule reads it, each parameter with its
/// default and every overlay that changes it. Plain text and Markdown.
fn rule_help(pack: &RulePack, rule: &Rule) -> MultiformatMessageString {
    let mut text = format!("{} — {}\n", rule.id, rule.title());
    let mut markdown = format!("**{} — {}**\n\n", rule.id, md(&rule.title()));
    if let Ok(meta) = &rule.meta {
        let section = t(Msg::DocPlanSection { section: &meta.section });
        text.push_str(&format!("{section}\n"));
        markdown.push_str(&format!("{}\n\n", md(&section)));
        if let Some(i) = &meta.interpretation {
            text.push_str(&format!("\n{}\n", i.text().trim()));
            markdown.push_str(&format!("{}\n\n", md(i.text().trim())));
        }
    }
    if !rule.params.is_empty() {
        text.push_str(&format!("\n{}\n", t(Msg::ExplainParameters)));
        markdown.push_str(&format!(
            "| {} | {} | {} |\n|---|---|---|\n",
            t(Msg::SarifParam),
            t(Msg::SarifValue),
            t(Msg::SarifSetBy)
        ));
    }
    for (name, p) in &rule.params {
        let mut set = vec![(p.display(), p.source.origin())];
        for d in &pack.directives {
            for o in d.overrides.iter().filter(|o| o.rule == rule.id && &o.param == name) {
                let value = p.kind.display(&o.value);
                let source = crate::outcome::ThresholdSource::Directive {
                    param: name.clone(),
                    file: d.file.clone(),
                    number: d.meta.number.clone(),
                    date: d.meta.date,
                    units: d.meta.units().to_vec(),
                };
                let from = d.meta.effective_from.map(|f| t(Msg::SarifFrom { date: &crate::i18n::date(f) }));
                set.push((value, format!("{}{}", source.origin(), from.unwrap_or_default())));
            }
        }
        for (value, origin) in set {
            text.push_str(&format!("  {name} = {value} ({origin})\n"));
            markdown.push_str(&format!("| `{name}` | {} | {} |\n", md(&value), md(&origin)));
        }
    }
    MultiformatMessageString::builder().text(clean(text.trim_end())).markdown(markdown.trim_end().to_string()).build()
}

/// Text safe in a Markdown table cell or paragraph.
fn md(text: &str) -> String {
    clean(text).replace('|', "\\|").replace('<', "&lt;").replace('>', "&gt;").replace('\n', " ")
}

/// The identity of a result that survives lines moving: what failed, not where.
fn fingerprint(key: String) -> std::collections::BTreeMap<String, String> {
    std::collections::BTreeMap::from([("chitieu/v1".to_string(), key)])
}

impl SarifLog {
    pub fn new(pack: &RulePack, information_uri: Option<&str>) -> SarifLog {
        let rules = pack
            .rules
            .iter()
            .map(|r| {
                let section = r.meta.as_ref().map(|m| m.section.clone()).unwrap_or_default();
                let interpretation =
                    r.meta.as_ref().ok().and_then(|m| m.interpretation.as_ref()).map_or("", |i| i.text()).to_string();
                ReportingDescriptor::builder()
                    .id(r.id.clone())
                    .name(format!("target-{}", r.id))
                    .short_description(MultiformatMessageString::builder().text(clean(&r.title())).build())
                    .full_description(
                        MultiformatMessageString::builder()
                            .text(clean(&format!(
                                "{}. {}",
                                t(Msg::DocPlanSection { section: &section }),
                                interpretation.trim()
                            )))
                            .build(),
                    )
                    .help(rule_help(pack, r))
                    .build()
            })
            .collect();
        SarifLog {
            rules,
            ids: pack.rules.iter().map(|r| r.id.clone()).collect(),
            results: Vec::new(),
            information_uri: information_uri.map_or_else(default_information_uri, str::to_string),
            inputs: Vec::new(),
        }
    }

    fn rule_index(&self, id: &str) -> Option<i64> {
        self.ids.iter().position(|i| i == id).map(|i| i as i64)
    }
}

/// A place in a unit file: a region at its line, or for a workbook's cell,
/// the file with the sheet and cell as a logical location (`Sheet!C12`).
fn place_location(file: &str, place: &Place, message: Option<String>) -> Location {
    match place {
        Place::Line { line, column } => location(file, *line, Some(*column), message),
        Place::Cell { sheet, row, column } => {
            let physical = PhysicalLocation::builder()
                .artifact_location(ArtifactLocation::builder().uri(file.replace('\\', "/")).build())
                .build();
            let mut location = Location::builder().physical_location(physical).build();
            let at = match column {
                Some(c) => format!("{sheet}!{}{row}", crate::diagnostic::column_name(*c)),
                None => format!("{sheet}!{row}:{row}"),
            };
            location.logical_locations = Some(vec![LogicalLocation::builder().fully_qualified_name(at).build()]);
            location.message = message.map(|m| Message::builder().text(clean(&m)).build());
            location
        }
    }
}

fn location(file: &str, line: usize, column: Option<usize>, message: Option<String>) -> Location {
    let mut region = Region::builder().start_line(line.max(1) as i64).build();
    region.start_column = column.map(|c| c.max(1) as i64);
    let physical = PhysicalLocation::builder()
        .artifact_location(ArtifactLocation::builder().uri(file.replace('\\', "/")).build())
        .region(region)
        .build();
    let mut location = Location::builder().physical_location(physical).build();
    location.message = message.map(|m| Message::builder().text(clean(&m)).build());
    location
}

fn diagnostic_result(d: &Diagnostic, rule: Option<(String, i64)>) -> SarifResult {
    let mut result = SarifResult::builder()
        .message(Message::builder().text(clean(&d.message)).build())
        .level(match d.severity {
            crate::diagnostic::Severity::Error => ResultLevel::Error,
            crate::diagnostic::Severity::Warning => ResultLevel::Warning,
            crate::diagnostic::Severity::Advice => ResultLevel::Note,
        })
        .build();
    let file = d.location().map(|l| l.0).unwrap_or_default();
    let target = rule.as_ref().map_or("", |r| r.0.as_str());
    result.partial_fingerprints =
        Some(fingerprint(format!("{}/{target}/{}/{}", file.replace('\\', "/"), d.code, d.message)));
    if let Some((file, place)) = d.location() {
        result.locations = Some(vec![place_location(&file, &place, None)]);
    }
    if let Some((id, index)) = rule {
        result.rule_id = Some(id);
        result.rule_index = Some(index);
    }
    result
}

impl Renderer for SarifLog {
    fn begin(&mut self, problems: &[Diagnostic]) -> String {
        self.results.extend(problems.iter().map(|d| diagnostic_result(d, None)));
        String::new()
    }

    fn unit(&mut self, unit: &UnitOutcome) -> String {
        if let Some(sha256) = &unit.sha256 {
            let role = crate::audit::Role::Unit;
            self.inputs.push(crate::audit::Input { path: unit.file.clone(), role, sha256: sha256.clone() });
        }
        self.results.extend(unit.data_errors.iter().chain(&unit.data_warnings).map(|d| diagnostic_result(d, None)));
        for tg in &unit.targets {
            let index = self.rule_index(&tg.id);
            for d in tg.error.iter().chain(&tg.warnings) {
                self.results.push(diagnostic_result(d, index.map(|i| (tg.id.clone(), i))));
            }
            for (n, r) in tg.requirements.iter().enumerate() {
                // A shortfall a waiver covers is still a result, suppressed
                // with the waiver's decision as its justification.
                let waived = r.is_waived() && (r.waived_whole.is_some() || r.passed());
                let shown = if waived { r.unwaived.unwrap_or(r.status) } else { r.status };
                let level = match shown {
                    Status::Fail if !r.warning => ResultLevel::Error,
                    Status::Fail | Status::Pending => ResultLevel::Warning,
                    _ => continue,
                };
                let title = t(Msg::GithubTarget { unit: &unit.unit, id: &tg.id });
                let what = t(Msg::LabelMeasured { label: &r.label, measured: &measured(r), required: &required(r) });
                let text = format!("{title}: {what} ({})", r.threshold.source.describe());
                let waived_records = r.waived.iter().map(|w| &w.record);
                let related: Vec<Location> = r
                    .offending
                    .iter()
                    .chain(waived_records)
                    .filter_map(|e| {
                        e.place().map(|place| match place {
                            // A record is a line: no column.
                            Place::Line { line, .. } => location(&e.file, line, None, Some(e.name())),
                            cell => place_location(&e.file, &cell, Some(e.name())),
                        })
                    })
                    .collect();
                let mut result = SarifResult::builder()
                    .message(Message::builder().text(clean(&text)).build())
                    .level(level)
                    .locations(vec![location(&tg.rule_file.name, r.line, Some(r.column), None)])
                    .build();
                result.rule_id = Some(tg.id.clone());
                result.rule_index = index;
                result.partial_fingerprints = Some(fingerprint(format!("{}/{}/{n}", unit.unit, tg.id)));
                if !related.is_empty() {
                    result.related_locations = Some(related);
                }
                if waived {
                    let mut seen = Vec::new();
                    let waivers = r.waived_whole.iter().chain(r.waived.iter().map(|w| &w.waiver));
                    let suppressions = waivers
                        .filter(|w| {
                            let new = !seen.contains(&(w.file.clone(), w.line));
                            seen.push((w.file.clone(), w.line));
                            new
                        })
                        .map(|w| {
                            let mut s = Suppression::builder()
                                .kind(serde_json::json!("external"))
                                .justification(clean(&format!("{} ({})", w.reason, w.cite())))
                                .location(location(&w.file, w.line, None, None))
                                .build();
                            s.status = Some(serde_json::json!("accepted"));
                            s
                        })
                        .collect();
                    result.suppressions = Some(suppressions);
                }
                self.results.push(result);
            }
        }
        String::new()
    }

    fn end(&mut self, _totals: &Totals) -> String {
        let driver = ToolComponent::builder()
            .name("chitieu")
            .version(env!("CARGO_PKG_VERSION"))
            .information_uri(self.information_uri.clone())
            .rules(std::mem::take(&mut self.rules))
            .build();
        let artifacts: Vec<Artifact> = self
            .inputs
            .iter()
            .map(|i| {
                let location = ArtifactLocation::builder().uri(i.path.replace('\\', "/")).build();
                let mut artifact = Artifact::builder().location(location).build();
                artifact.hashes = Some(std::collections::BTreeMap::from([("sha-256".to_string(), i.sha256.clone())]));
                artifact
            })
            .collect();
        let run = Run::builder()
            .tool(Tool::builder().driver(driver).build())
            .artifacts(artifacts)
            // Columns count characters (a Vietnamese letter is one column).
            .column_kind(serde_json::json!("unicodeCodePoints"))
            .results(std::mem::take(&mut self.results))
            .build();
        let log = Sarif::builder()
            .schema(serde_sarif::sarif::SCHEMA_URL)
            .version(serde_json::json!("2.1.0"))
            .runs(vec![run])
            .build();
        let mut text = serde_json::to_string_pretty(&log).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
        text.push('\n');
        text
    }
}
