//! SARIF 2.1.0: one result per failed requirement (and per error), located
//! at the rule file and line, with related locations at the offending
//! records in the YAML. Every rule of the pack is described in
//! `tool.driver.rules`. Built with serde-sarif's types.

use serde_sarif::sarif::{
    ArtifactLocation, Location, Message, MultiformatMessageString, PhysicalLocation, Region, ReportingDescriptor,
    Result as SarifResult, ResultLevel, Run, Sarif, Tool, ToolComponent,
};

use super::human::{measured, required};
use super::{Renderer, clean};
use crate::Totals;
use crate::diagnostic::Diagnostic;
use crate::i18n::{Msg, t};
use crate::outcome::{Status, UnitOutcome};
use crate::rules::RulePack;

pub struct SarifLog {
    rules: Vec<ReportingDescriptor>,
    ids: Vec<String>,
    results: Vec<SarifResult>,
}

impl SarifLog {
    pub fn new(pack: &RulePack) -> SarifLog {
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
                    .build()
            })
            .collect();
        SarifLog { rules, ids: pack.rules.iter().map(|r| r.id.clone()).collect(), results: Vec::new() }
    }

    fn rule_index(&self, id: &str) -> Option<i64> {
        self.ids.iter().position(|i| i == id).map(|i| i as i64)
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
        .level(ResultLevel::Error)
        .build();
    if let Some((file, line, col)) = d.location() {
        result.locations = Some(vec![location(&file, line, Some(col), None)]);
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
        self.results.extend(unit.data_errors.iter().map(|d| diagnostic_result(d, None)));
        for t in &unit.targets {
            let index = self.rule_index(&t.id);
            if let Some(e) = &t.error {
                self.results.push(diagnostic_result(e, index.map(|i| (t.id.clone(), i))));
            }
            for r in &t.requirements {
                let level = match r.status {
                    Status::Fail if !r.warning => ResultLevel::Error,
                    Status::Fail | Status::Pending => ResultLevel::Warning,
                    _ => continue,
                };
                let text = format!(
                    "{} target {}: {}: measured {}, required {} ({})",
                    unit.unit,
                    t.id,
                    r.label,
                    measured(r),
                    required(r),
                    r.threshold.source.describe()
                );
                let related: Vec<Location> = r
                    .offending
                    .iter()
                    .filter_map(|e| e.line.map(|line| location(&e.file, line, None, Some(e.name()))))
                    .collect();
                let mut result = SarifResult::builder()
                    .message(Message::builder().text(clean(&text)).build())
                    .level(level)
                    .locations(vec![location(&t.rule_file.name, r.line, Some(r.column), None)])
                    .build();
                result.rule_id = Some(t.id.clone());
                result.rule_index = index;
                if !related.is_empty() {
                    result.related_locations = Some(related);
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
            .rules(std::mem::take(&mut self.rules))
            .build();
        let run = Run::builder()
            .tool(Tool::builder().driver(driver).build())
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
