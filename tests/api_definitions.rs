//! `chitieu api --definitions DIR`: Rhai definition files in which every
//! function of the README's rule API tables has its signature and its doc
//! comment, for completion in an editor.

mod common;

use std::collections::BTreeSet;

use common::Test;

/// Every `name(` inside backticks in the README's rule API sections.
fn functions_in_the_readme() -> BTreeSet<String> {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let start = readme.find("### What a rule sees").expect("the API section");
    let end = readme[start..].find("### Shared helpers").expect("its end") + start;
    let mut names = BTreeSet::new();
    for (i, code) in readme[start..end].split('`').enumerate() {
        if i % 2 == 0 {
            continue;
        }
        let bytes: Vec<char> = code.chars().collect();
        let mut word = String::new();
        for c in bytes {
            if c.is_ascii_alphanumeric() || c == '_' {
                word.push(c);
            } else {
                if c == '(' && word.chars().next().is_some_and(|f| f.is_ascii_lowercase()) {
                    names.insert(word.clone());
                }
                word.clear();
            }
        }
    }
    names
}

#[test]
fn every_function_of_the_readme_is_defined_and_documented() {
    let dir = tempfile::tempdir().unwrap();
    let out = Test::new().args(["api", "--definitions"]).arg(dir.path().to_str().unwrap()).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    for file in ["__static__.d.rhai", "__scope__.d.rhai", "__builtin__.d.rhai"] {
        assert!(out.stdout.contains(file), "{}", out.stdout);
    }
    let defs = std::fs::read_to_string(dir.path().join("__static__.d.rhai")).unwrap();
    let lines: Vec<&str> = defs.lines().collect();
    let names = functions_in_the_readme();
    assert!(names.len() >= 40, "{names:?}");
    for name in &names {
        let forms: Vec<usize> =
            lines.iter().enumerate().filter(|(_, l)| l.starts_with(&format!("fn {name}("))).map(|(i, _)| i).collect();
        assert!(!forms.is_empty(), "`{name}` is in the README but not in the definitions");
        for i in forms {
            assert!(
                i >= 2 && lines[i - 1].starts_with("/// ") && lines[i - 2].starts_with("/// "),
                "`{name}` has no doc comment: {}",
                lines[i]
            );
            assert!(!lines[i].contains("_: "), "an unnamed parameter: {}", lines[i]);
        }
    }
    // Methods are defined once for records of any collection, with named
    // parameters; each collection of the model is a getter of `data`.
    assert!(defs.contains("fn where_eq(records: records, field: string, value: ?) -> ?;"), "{defs}");
    assert!(defs.contains("fn get id(_: record) -> ?;"));
    assert!(defs.contains("fn get subjects(_: dataset) -> ?;"));
    assert!(!defs.contains("EvalAltResult"));
    let scope = std::fs::read_to_string(dir.path().join("__scope__.d.rhai")).unwrap();
    for variable in ["const data: dataset;", "const params: parameters;", "const period: Map;", "const as_of: String;"]
    {
        assert!(scope.contains(variable), "{scope}");
    }
    // Every documented name is a function rules can call.
    for (name, ..) in chitieu::rules::api::definitions::DOCS {
        assert!(defs.contains(&format!("fn {name}(")), "{name} is documented but not registered");
    }
}

#[test]
fn an_unwritable_folder_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let out = Test::new().args(["api", "--definitions"]).arg(file.to_str().unwrap()).run();
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("a-file"), "{}", out.stderr);
}
