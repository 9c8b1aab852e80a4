//! `chitieu verify RESULT.json`: does a recorded result still follow from
//! the files it names? Every input's digest is compared with the file on disk
//! and every verdict re-evaluated. Exit 0 when everything matches, 1 when an
//! input or a verdict differs (each named), 2 when it cannot be checked.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chitieu::Options;
use chitieu::audit::{Input, InputChange, Invocation, Role};
use chitieu::i18n::{Msg, t};
use chitieu::rules::RulePack;
use serde::Deserialize;

use super::{error, show};
use crate::cli::VerifyArgs;

/// The parts of a JSON result that verify reads.
#[derive(Deserialize)]
struct Recorded {
    invocation: Option<Invocation>,
    #[serde(default)]
    inputs: Vec<Input>,
    #[serde(default)]
    units: Vec<RecordedUnit>,
}

#[derive(Deserialize)]
struct RecordedUnit {
    unit: String,
    file: String,
    status: String,
    #[serde(default)]
    targets: Vec<RecordedTarget>,
}

#[derive(Deserialize)]
struct RecordedTarget {
    id: String,
    status: String,
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Unit => "unit",
        Role::Rule => "rule",
        Role::Library => "library",
        Role::Directive => "directive",
        Role::Waiver => "waiver",
        Role::Settings => "settings",
        Role::Plan => "plan",
        Role::Model => "model",
    }
}

pub fn run(args: VerifyArgs) -> u8 {
    let name = chitieu::diagnostic::shown_path(&args.result);
    let read = match chitieu::input::read_limited(&args.result, 256 * 1024 * 1024) {
        Ok(bytes) => Ok(bytes),
        Err(chitieu::input::ReadError::Io(e)) => Err(e.to_string()),
        Err(chitieu::input::ReadError::TooLarge { size }) => Err(format!("{size} B")),
    };
    let recorded: Recorded = match read.and_then(|bytes| serde_json::from_slice(&bytes).map_err(|e| e.to_string())) {
        Ok(r) => r,
        Err(e) => {
            error(&t(Msg::VerifyUnreadable { file: &name, error: &e }));
            return 2;
        }
    };
    let Some(invocation) = recorded.invocation else {
        error(&t(Msg::VerifyNoAudit { file: &name }));
        return 2;
    };
    let directives: Vec<PathBuf> = invocation.directives.iter().map(PathBuf::from).collect();
    let waivers: Vec<PathBuf> = invocation.waivers.iter().map(PathBuf::from).collect();
    let pack = RulePack::load_with(Path::new(&invocation.rules), &directives, &waivers);
    let files = match chitieu::data_files(Path::new(&invocation.data)) {
        Ok(f) => f,
        Err(d) => {
            show(&[d]);
            return 2;
        }
    };

    // The inputs as they are now: the pack's, the settings file that applies
    // here, every unit file.
    let mut now = chitieu::audit::pack_inputs(&pack);
    let cwd = std::env::current_dir().unwrap_or_default();
    // Named as `check` names it: the settings' own path as seen from here.
    if let Some(settings) = chitieu::settings::discover(&cwd).ok().and_then(|s| s.file)
        && let Some(sha256) = chitieu::audit::file_digest(&settings)
    {
        now.push(Input { path: chitieu::diagnostic::shown_path(&settings), role: Role::Settings, sha256 });
    }
    for file in &files {
        if let Some(sha256) = chitieu::audit::file_digest(file) {
            now.push(Input { path: chitieu::diagnostic::shown_path(file), role: Role::Unit, sha256 });
        }
    }
    let changes = chitieu::audit::compare_inputs(&recorded.inputs, &now);
    println!("{}", t(Msg::VerifyInputs { checked: recorded.inputs.len(), changed: changes.len() }));
    for c in &changes {
        let line = match c {
            InputChange::Changed(i) => t(Msg::VerifyChanged { path: &i.path, role: role_name(i.role) }),
            InputChange::Missing(i) => t(Msg::VerifyMissing { path: &i.path, role: role_name(i.role) }),
            InputChange::Added(i) => t(Msg::VerifyAdded { path: &i.path, role: role_name(i.role) }),
        };
        println!("{line}");
    }

    // The verdicts again, by unit file and target.
    let was: BTreeMap<(String, String), String> = recorded
        .units
        .iter()
        .flat_map(|u| {
            let whole = std::iter::once(((u.file.clone(), String::new()), u.status.clone()));
            whole.chain(u.targets.iter().map(move |tg| ((u.file.clone(), tg.id.clone()), tg.status.clone())))
        })
        .collect();
    let names: BTreeMap<&str, &str> = recorded.units.iter().map(|u| (u.file.as_str(), u.unit.as_str())).collect();
    let options = Options { as_of: invocation.as_of, only: invocation.only.clone(), ..Options::default() };
    let mut is: BTreeMap<(String, String), String> = BTreeMap::new();
    let totals = chitieu::check_each(&pack, &files, &options, |unit| {
        is.insert((unit.file.clone(), String::new()), unit.status().as_str().to_string());
        for tg in &unit.targets {
            is.insert((unit.file.clone(), tg.id.clone()), tg.status.as_str().to_string());
        }
    });
    let mut differ = Vec::new();
    for (key, before) in &was {
        let after = is.get(key).map_or("—", String::as_str);
        if after != before && !key.1.is_empty() {
            differ.push((key.clone(), before.clone(), after.to_string()));
        }
    }
    for (key, after) in &is {
        if !was.contains_key(key) && !key.1.is_empty() {
            differ.push((key.clone(), "—".to_string(), after.clone()));
        }
    }
    let checked = was.keys().filter(|k| !k.1.is_empty()).count();
    println!("{}", t(Msg::VerifyVerdicts { checked, changed: differ.len() }));
    for ((file, target), before, after) in &differ {
        let unit = names.get(file.as_str()).copied().unwrap_or(file);
        println!("{}", t(Msg::VerifyVerdict { unit, target, before, after }));
    }
    show(&totals.problems);
    if changes.is_empty() && differ.is_empty() {
        println!("{}", t(Msg::VerifyReproduced));
        0
    } else {
        println!("{}", t(Msg::VerifyNotReproduced));
        1
    }
}
