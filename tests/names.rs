//! Names stay out of CI-bound outputs: junit, sarif, github and markdown
//! name each person by the id of their record, whatever a rule or a data
//! problem writes; the terminal keeps the names; `--show-names` opts in.

mod common;

use common::Test;

const CI_FORMATS: [&str; 4] = ["junit", "sarif", "github", "markdown"];

fn officer_names(path: &str) -> Vec<String> {
    let unit =
        chitieu::dataset::load(std::path::Path::new(path), Default::default(), &chitieu::model::Model::shipped())
            .unwrap();
    chitieu::dataset::personal_names(&unit.data).into_iter().map(|(name, _)| name).collect()
}

fn found<'a>(names: &'a [String], text: &str) -> Vec<&'a String> {
    names.iter().filter(|n| text.contains(n.as_str())).collect()
}

#[test]
fn no_officer_name_of_the_sample_reaches_a_ci_format() {
    let names = officer_names("data/binh-luc-2024.yaml");
    assert_eq!(names.len(), 12);
    for rules in ["rules", "tests/fixtures/rules/names"] {
        for format in CI_FORMATS {
            for lang in ["vi", "en"] {
                let out = Test::new().args(["check", "--rules", rules, "--format", format, "--lang", lang]).run();
                assert!(matches!(out.code, 0 | 1), "{rules} {format}: {}", out.stderr);
                assert!(
                    found(&names, &out.stdout).is_empty(),
                    "{rules} {format} {lang}: {:?}",
                    found(&names, &out.stdout)
                );
            }
        }
    }
    // The rule that writes names does write them: shown on request, and on the terminal.
    // (the ten officers doing drug work)
    let shown =
        Test::new().args(["check", "--rules", "tests/fixtures/rules/names", "--format", "junit", "--show-names"]).run();
    assert_eq!(found(&names, &shown.stdout).len(), 10, "{}", shown.stdout);
    let terminal = Test::new().args(["check", "--rules", "tests/fixtures/rules/names"]).run();
    assert_eq!(found(&names, &terminal.stdout).len(), 10);
    // Each person is named by the id of their record instead.
    let hidden = Test::new().args(["check", "--rules", "tests/fixtures/rules/names", "--format", "junit"]).run();
    assert!(hidden.stdout.contains("[CB01] (CB01) has too much to do"), "{}", hidden.stdout);
}

#[test]
fn a_name_written_where_an_id_belongs_stays_out_of_ci_formats() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("tests/fixtures/data/small.yaml").unwrap();
    let names = officer_names("tests/fixtures/data/small.yaml");
    let name = names.first().expect("the fixture has an officer").clone();
    // A staff member types the officer's name instead of the id.
    let informant = format!("informants:\n  - {{ id: X9, kind: agent, handler: {name}, recruited: 2024-01-01 }}\n");
    let path = dir.path().join("u.yaml");
    let broken = if text.contains("informants:\n") {
        text.replacen("informants:\n", &informant, 1)
    } else {
        format!("{text}\n{informant}")
    };
    std::fs::write(&path, broken).unwrap();
    let path = path.to_str().unwrap();
    let terminal = Test::new().args(["check", "--rules", "rules", "--data", path]).run();
    assert_eq!(terminal.code, 2);
    assert!(terminal.stdout.contains(&name), "the terminal shows what was written: {}", terminal.stdout);
    for format in CI_FORMATS {
        let out = Test::new().args(["check", "--rules", "rules", "--data", path, "--format", format]).run();
        assert_eq!(out.code, 2, "{format}");
        assert!(!out.stdout.contains(&name), "{format}: {}", out.stdout);
    }
}
