//! `chitieu diff`: every target whose status or threshold would change with
//! a directive overlay, or with the current rules against a base folder.

use std::io::IsTerminal;

use chitieu::Options;
use chitieu::diagnostic::Diagnostic;
use chitieu::report::diff::{self, Side, Summary};
use chitieu::rules::RulePack;

use super::{show, style_for, unknown_ids};
use crate::cli::{DiffArgs, DiffFormat};

pub fn run(args: DiffArgs) -> u8 {
    let rules = &args.data.rules;
    if rules.directives.is_empty() && args.base_rules.is_none() {
        eprintln!(
            "error: say what to compare: --directive FILE (the rules without and with it) or --base-rules DIR \
             (another rule folder against the current one)"
        );
        return 2;
    }
    let base_dir = args.base_rules.as_deref().unwrap_or(&rules.rules);
    let before = RulePack::load_with_directives(base_dir, &[]);
    let after = rules.pack();
    if let Some(message) = args.only.as_deref().and_then(|only| unknown_ids(&after, only)) {
        eprintln!("error: {message}");
        return 2;
    }
    let files = match chitieu::data_files(&args.data.data) {
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
    let options = Options { as_of: args.as_of, only: args.only.clone(), jobs: args.data.jobs, ..Options::default() };
    let style = style_for(std::io::stdout().is_terminal());
    let human = args.format == DiffFormat::Human;
    if human {
        for (name, side) in [("before", &side_before), ("after", &side_after)] {
            let directives = if side.directives.is_empty() { "none".to_string() } else { side.directives.join(", ") };
            println!("{name:6} rules in {} (directives: {directives})", side.rules);
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
        print!("{}", diff::json(&units, args.as_of, &side_before, &side_after, &summary, &problems));
    }
    if problems.is_empty() && errors == 0 { 0 } else { 2 }
}
