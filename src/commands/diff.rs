//! `chitieu diff`: every target whose status or threshold would change with
//! a directive overlay, or with the current rules against a base folder.

use std::io::IsTerminal;

use chitieu::diagnostic::Diagnostic;
use chitieu::report::diff::{self, Side, Summary};
use chitieu::rules::RulePack;

use chitieu::i18n::{Msg, t};

use super::{error, show, style_for, unknown_ids};
use crate::cli::{DiffArgs, DiffFormat};

pub fn run(args: DiffArgs) -> u8 {
    let rules = &args.data.rules;
    if rules.directives.is_empty() && args.base_rules.is_none() {
        error(&t(Msg::DiffNeedsSides));
        return 2;
    }
    let base_dir = args.base_rules.as_deref().unwrap_or(rules.dir());
    let before = RulePack::load_with_directives(base_dir, &[]);
    let after = rules.pack();
    if let Some(message) = args.only.as_deref().and_then(|only| unknown_ids(&after, only)) {
        error(&message);
        return 2;
    }
    let files = match chitieu::data_files(args.data.path()) {
        Ok(f) => f,
        Err(d) => {
            show(&[d]);
            return 2;
        }
    };
    // The same folder on both sides reports its problems once.
    let mut problems: Vec<Diagnostic> = before.problems.clone();
    for p in &after.problems {
        if !problems.iter().any(|q| q.message == p.message) {
            problems.push(p.clone());
        }
    }
    let describe = |pack: &RulePack| Side {
        rules: pack.dir.display().to_string(),
        directives: pack.directives.iter().map(|d| d.file.clone()).collect(),
    };
    let (side_before, side_after) = (describe(&before), describe(&after));
    let model_changes = after.model.changes_from(&before.model);
    let options = args.data.options(args.as_of, args.only.clone());
    let style = style_for(std::io::stdout().is_terminal());
    let human = args.format == DiffFormat::Human;
    if human {
        let names = [t(Msg::DiffBefore), t(Msg::DiffAfter)];
        let width = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
        for (name, side) in names.iter().zip([&side_before, &side_after]) {
            let directives =
                if side.directives.is_empty() { t(Msg::DiffNoDirectives) } else { side.directives.join(", ") };
            let name = format!("{name:width$}");
            println!("{}", t(Msg::DiffSide { side: &name, rules: &side.rules, directives: &directives }));
        }
        for change in &model_changes {
            println!("{}", t(Msg::DiffModel { change: &change.describe() }));
        }
        println!();
    }
    let mut summary = Summary::default();
    let mut units = Vec::new();
    let mut errors = 0;
    chitieu::diff::diff_each(&before, &after, &files, &options, |unit| {
        summary.add(&unit);
        errors += unit.errors.len();
        if human {
            print!("{}", diff::unit(&unit, style));
            show(&unit.errors);
        } else {
            units.push(unit);
        }
    });
    if human {
        show(&problems);
        print!("{}", diff::summary(&summary, style));
    } else {
        print!("{}", diff::json(&units, args.as_of, &side_before, &side_after, &summary, &problems, &model_changes));
    }
    if problems.is_empty() && errors == 0 { 0 } else { 2 }
}
