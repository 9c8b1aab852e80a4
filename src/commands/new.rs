//! `chitieu new rule ID`: a rule file with a complete header and a working
//! example, and a rule-test file with a passing and a failing case, both of
//! which `chitieu test` runs at once. Nothing is overwritten.

use std::path::{Path, PathBuf};

use chitieu::i18n::{Msg, t};

use super::error;
use crate::cli::{NewArgs, NewKind};

const RULE: &str = include_str!("../../templates/new/rule.rhai");
const CASES: &str = include_str!("../../templates/new/cases.yaml");

pub fn run(args: NewArgs) -> u8 {
    match args.kind {
        NewKind::Rule { id, area, rules } => rule(rules.as_deref().unwrap_or(Path::new("rules")), &id, &area),
        NewKind::Plan { year, output, rules } => plan(rules.as_deref().unwrap_or(Path::new("rules")), year, &output),
    }
}

/// `new plan YEAR --output DIR`: the pack moved to YEAR, written into a new
/// (or empty) folder, never over a file; then what to re-read, printed and
/// in the folder's README.md.
fn plan(rules: &Path, year: i32, output: &Path) -> u8 {
    let pack = chitieu::rules::RulePack::load(rules);
    if !pack.problems.is_empty() {
        super::show(&pack.problems);
        return 2;
    }
    if !(2000..=2100).contains(&year) {
        error(&t(Msg::NewPlanYear { year: &year.to_string() }));
        return 2;
    }
    let shown = chitieu::diagnostic::shown_path;
    if std::fs::read_dir(output).is_ok_and(|mut d| d.next().is_some()) {
        error(&t(Msg::NewPlanNotEmpty { dir: &shown(output) }));
        return 2;
    }
    // Not inside the pack it copies: the copy would be read as its rules.
    let inside = |dir: &Path| {
        let folder = chitieu::write::folder_of(output);
        std::fs::canonicalize(folder).ok().zip(std::fs::canonicalize(dir).ok()).is_some_and(|(o, d)| o.starts_with(d))
    };
    if inside(rules) {
        error(&t(Msg::NewPlanInsidePack { dir: &shown(output), rules: &shown(rules) }));
        return 2;
    }
    let Some(moved) = chitieu::rules::year::move_to(&pack, year) else {
        error(&t(Msg::NewPlanNoPlan { dir: &shown(rules) }));
        return 2;
    };
    let mut readme =
        format!("# {}\n\n{}\n\n", t(Msg::NewPlanTitle { year }), t(Msg::NewPlanMoved { from: &shown(rules) }));
    if moved.reread.is_empty() {
        readme.push_str(&t(Msg::NewPlanNothingToReread));
        readme.push('\n');
    } else {
        readme.push_str(&format!("{}\n\n", t(Msg::NewPlanReread { count: moved.reread.len() })));
        for (file, line, text) in &moved.reread {
            readme.push_str(&format!("- `{}:{line}`: {}\n", shown(file), chitieu::report::clean(text)));
        }
    }
    let mut files = moved.files;
    files.push((std::path::PathBuf::from("README.md"), readme.clone().into_bytes()));
    // Whole or not at all: the pack is written in a new folder beside the
    // output, which becomes the output once every file is in it.
    let written = (|| -> std::io::Result<()> {
        let parent = chitieu::write::folder_of(output);
        std::fs::create_dir_all(parent)?;
        let staging = tempfile::Builder::new().prefix(".chitieu-plan-").tempdir_in(parent)?;
        for (relative, bytes) in &files {
            let path = staging.path().join(relative);
            path.parent().map_or(Ok(()), std::fs::create_dir_all)?;
            let mut file = chitieu::write::Output::create(&path)?;
            std::io::Write::write_all(&mut file, bytes)?;
            file.commit_new()?;
        }
        if output.exists() {
            std::fs::remove_dir(output)?;
        }
        std::fs::rename(staging.keep(), output)
    })();
    if let Err(e) = written {
        error(&t(Msg::CannotWrite { error: &format!("{}: {e}", shown(output)) }));
        return 2;
    }
    println!("{}", t(Msg::NewPlanWrote { dir: &shown(output), year, count: files.len() }));
    print!("\n{readme}");
    println!("\n{}", t(Msg::NewPlanNext { dir: &shown(output) }));
    0
}

fn rule(rules: &Path, id: &str, area: &str) -> u8 {
    let token = |s: &str| {
        let mut chars = s.chars();
        chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
            && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
    };
    if !token(id) {
        error(&t(Msg::NewBadId { id }));
        return 2;
    }
    if !token(area) {
        error(&t(Msg::NewBadArea { area }));
        return 2;
    }
    let pack = chitieu::rules::RulePack::load(rules);
    if let Some(existing) = pack.rules.iter().find(|r| r.id.eq_ignore_ascii_case(id)) {
        error(&t(Msg::NewExists { id, file: &existing.source.name }));
        return 2;
    }
    let files: [(PathBuf, String); 2] = [
        (rules.join(area).join(format!("{id}.rhai")), fill(RULE, id, area)),
        (rules.join("tests").join(format!("{id}.yaml")), fill(CASES, id, area)),
    ];
    if let Some((path, _)) = files.iter().find(|(path, _)| path.exists()) {
        error(&t(Msg::NewFileExists { file: &chitieu::diagnostic::shown_path(path) }));
        return 2;
    }
    for (path, text) in &files {
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| chitieu::write::Output::create(path))
            .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()).and_then(|()| f.commit_new()));
        if let Err(e) = written {
            error(&t(Msg::CannotWrite { error: &format!("{}: {e}", chitieu::diagnostic::shown_path(path)) }));
            return 2;
        }
        println!("{}", t(Msg::NewWrote { file: &chitieu::diagnostic::shown_path(path) }));
    }
    println!("{}", t(Msg::NewNext { id }));
    0
}

fn fill(template: &str, id: &str, area: &str) -> String {
    template.replace("{id}", id).replace("{area}", area)
}
