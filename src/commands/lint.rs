//! `chitieu lint`: every problem `check` would meet, without verdicts: the
//! pack's headers, overlays and code, the data, the waivers against the
//! units they are given, and the errors the rules raise when they run over
//! the pack's own test datasets (and over the unit, when `--data` names one).

use std::sync::Arc;

use chitieu::diagnostic::{Diagnostic, Severity};
use chitieu::i18n::{Msg, t};
use chitieu::rules::Evaluator;

use super::show;
use crate::cli::DataArgs;

pub fn run(args: DataArgs) -> u8 {
    run_counting(args).0
}

/// `lint`, with how many errors and warnings it found (for `--watch`).
pub fn run_counting(args: DataArgs) -> (u8, usize, usize) {
    let pack = args.rules.pack();
    let evaluator = Evaluator::new(&pack, Default::default());
    let mut problems: Vec<Diagnostic> =
        pack.problems.iter().chain(&evaluator.problems).chain(evaluator.compile_problems()).cloned().collect();
    let files = match chitieu::data_files(args.path()) {
        Ok(files) => files,
        Err(d) => {
            problems.push(d);
            Vec::new()
        }
    };
    let (datasets, case_problems) =
        chitieu::ruletest::datasets(&chitieu::ruletest::case_files(args.rules.dir()), &pack.model);
    problems.extend(case_problems);
    let options = args.options(None, None);
    let mut unit = None;
    // The units' ids, for the overlays that name some; unknown when a unit
    // cannot be read (it is reported already).
    let mut ids = std::collections::HashSet::new();
    let mut unreadable = false;
    if let [file] = files.as_slice() {
        // One unit: run the rules (and so its waivers) over it too. A folder
        // stays parse-only but for its waivers, the benchmark's floor.
        match pack.load_unit(&options, file) {
            Ok(loaded) => {
                ids.insert(loaded.data.unit.value.id.clone());
                problems.extend(loaded.warnings.iter().cloned());
                let as_of = chitieu::as_of(&options, &loaded);
                unit = Some((Arc::new(loaded), as_of));
            }
            Err(found) => {
                unreadable = true;
                problems.extend(found);
            }
        }
    } else {
        chitieu::validate_each(&pack, &files, &options, |(id, found)| {
            match id {
                Some(id) => ids.insert(id),
                None => {
                    unreadable = true;
                    false
                }
            };
            problems.extend(found);
        });
    }
    // An overlay naming a unit the data lacks: given the folder, an error (a
    // typo there would leave that unit's own threshold unapplied); given one
    // unit, a warning, as in check.
    if !unreadable {
        let severity = if args.path().is_dir() { Severity::Error } else { Severity::Warning };
        for (file, units) in pack.unmatched_units(&ids) {
            let message = t(Msg::DirectiveUnknownUnits { file: &file, units: &units.join(", ") });
            problems.push(Diagnostic::error("directive::unknown-unit", message).with_severity(severity));
        }
    }
    problems.extend(label_words(&pack));
    let ran = datasets.len() + usize::from(unit.is_some());
    problems.extend(evaluator.rule_errors(datasets, unit));
    show(&problems);
    let warnings = problems.iter().filter(|d| d.severity != Severity::Error).count();
    let errors = problems.len() - warnings;
    if errors == 0 {
        println!("{}", t(Msg::LintClean { rules: pack.rules.len(), units: files.len(), datasets: ran }));
        if warnings > 0 {
            eprintln!("{}", t(Msg::Warnings { count: warnings }));
        }
        (0, errors, warnings)
    } else {
        let totals =
            if warnings == 0 { Msg::Problems { count: errors } } else { Msg::ProblemsAndWarnings { errors, warnings } };
        eprintln!("{}", t(totals));
        (2, errors, warnings)
    }
}

/// A warning for each rule label that would put the program's own names
/// into the Word report (`report::docx::program_words`), in either
/// language, at the label's key in the rule's header.
fn label_words(pack: &chitieu::rules::RulePack) -> Vec<Diagnostic> {
    use chitieu::i18n::Localized;
    let words = chitieu::dataset::workbook::labels::of(&pack.model);
    let mut out = Vec::new();
    for rule in &pack.rules {
        let text = &rule.source.text;
        // The header's `labels:` line, then the key's line after it.
        let header = text.find("//! labels:");
        for (key, label) in rule.labels.iter() {
            let texts: Vec<&str> = match label {
                Localized::One(one) => vec![one],
                Localized::Both { vi, en } => vi.iter().chain(en).map(String::as_str).collect(),
            };
            let mut found: Vec<String> = Vec::new();
            for shown in texts {
                for word in chitieu::report::docx::program_words(shown, words) {
                    if !found.contains(&word) {
                        found.push(word);
                    }
                }
            }
            if found.is_empty() {
                continue;
            }
            let listed = found.iter().map(|w| format!("`{w}`")).collect::<Vec<_>>().join(", ");
            let message = t(Msg::LabelProgramWords { key, words: &listed });
            let mut d = Diagnostic::error("rule::label-words", message)
                .with_severity(Severity::Warning)
                .in_file(&rule.source)
                .help(t(Msg::LabelProgramWordsHelp));
            let at = header.and_then(|h| {
                let k = text[h..].match_indices(&format!("{key}:")).find(|(i, _)| {
                    let line = text[..h + i].rsplit('\n').next().unwrap_or_default();
                    line.starts_with("//!") && line[3..].trim().is_empty()
                })?;
                Some(h + k.0)
            });
            if let Some(at) = at {
                d = d.label(at..at + key.len(), t(Msg::LabelHere));
            }
            out.push(d);
        }
    }
    out
}
