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
    }
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
