//! `chitieu schema`: the JSON Schema of a unit file stays in step with the
//! model, accepts the sample and rejects what the loader rejects.

mod common;

use common::Test;

fn schema() -> serde_json::Value {
    let out = Test::new().arg("schema").run();
    assert_eq!(out.code, 0);
    out.json()
}

fn as_json(path: &str) -> serde_json::Value {
    serde_saphyr::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn the_sample_is_valid_and_broken_data_is_not() {
    let schema = schema();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let sample = as_json("data/binh-luc-2024.yaml");
    let errors: Vec<String> =
        validator.iter_errors(&sample).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    for broken in ["tests/fixtures/data/bad-enum.yaml", "tests/fixtures/data/unknown-field.yaml"] {
        assert!(!validator.is_valid(&as_json(broken)), "{broken} should not validate");
    }
}

#[test]
fn every_field_of_the_model_is_in_the_schema() {
    let schema = schema();
    let model = chitieu::model::Model::shipped();
    for c in &model.collections {
        let def = c.name.as_str();
        let props = schema["$defs"][def]["properties"].as_object().unwrap_or_else(|| panic!("no $defs/{def}"));
        let mut in_schema: Vec<&str> = props.keys().map(String::as_str).collect();
        let mut in_model: Vec<&str> = c.field_names();
        in_schema.sort_unstable();
        in_model.sort_unstable();
        assert_eq!(in_schema, in_model, "{def}");
        assert!(schema["properties"][def].is_object(), "no top-level {def}");
    }
    assert_eq!(model.collections.len(), 17);
}

/// Each kind of file a person edits, its schema, and the shipped files of it.
const KINDS: [(&str, &str); 8] = [
    ("unit", "schema/dataset.schema.json"),
    ("overlay", "schema/overlay.schema.json"),
    ("waiver", "schema/waivers.schema.json"),
    ("settings", "schema/settings.schema.json"),
    ("rule-header", "schema/rule-header.schema.json"),
    ("rule-tests", "schema/rule-tests.schema.json"),
    ("plan", "schema/plan.schema.json"),
    ("model", "schema/model.schema.json"),
];

/// A validator for a kind's schema, with the unit schema it may refer to.
fn validator(kind: &str) -> jsonschema::Validator {
    let unit: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("schema/dataset.schema.json").unwrap()).unwrap();
    let registry = jsonschema::Registry::new()
        .add("https://chitieu.invalid/dataset.schema.json", unit)
        .expect("the unit schema's id")
        .prepare()
        .expect("the registry");
    jsonschema::options().with_registry(&registry).build(&schema_of(kind)).expect("the schema compiles")
}

fn schema_of(kind: &str) -> serde_json::Value {
    let out = Test::new().args(["schema", "--kind", kind]).run();
    assert_eq!(out.code, 0, "{kind}: {}", out.stderr);
    let printed = out.json();
    let file = KINDS.iter().find(|(k, _)| *k == kind).unwrap().1;
    let shipped: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    assert_eq!(printed, shipped, "`chitieu schema --kind {kind}` prints {file}");
    printed
}

fn yaml_files(dir: &str) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    files.retain(|f| f.ends_with(".yaml") || f.ends_with(".yml"));
    files.sort();
    files
}

/// Every rule file of the bundled pack.
fn rule_files() -> Vec<std::path::PathBuf> {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rhai") && !path.starts_with("rules/lib") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(std::path::Path::new("rules"), &mut files);
    files.sort();
    files
}

fn assert_valid(validator: &jsonschema::Validator, value: &serde_json::Value, what: &str) {
    let errors: Vec<String> = validator.iter_errors(value).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
}

#[test]
fn every_shipped_file_validates_against_the_schema_of_its_kind_and_names_it() {
    let shipped = [
        ("unit", yaml_files("data")),
        ("overlay", [yaml_files("rules/directives"), vec!["docs/examples/directive-2025.yaml".to_string()]].concat()),
        ("waiver", [yaml_files("rules/waivers"), vec!["docs/examples/waivers.yaml".to_string()]].concat()),
        ("settings", vec!["chitieu.yaml".to_string()]),
        ("rule-tests", yaml_files("rules/tests")),
        ("plan", vec!["rules/plan.yaml".to_string()]),
        ("model", vec!["rules/model.yaml".to_string()]),
    ];
    for (kind, files) in shipped {
        let validator = validator(kind);
        assert!(!files.is_empty(), "no shipped {kind} file");
        let schema_file = KINDS.iter().find(|(k, _)| *k == kind).unwrap().1;
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            assert_valid(&validator, &serde_saphyr::from_str(&text).unwrap(), &file);
            // The editor's line names this kind's schema, relative to the file.
            let line = text
                .lines()
                .find_map(|l| l.strip_prefix("# yaml-language-server: $schema="))
                .unwrap_or_else(|| panic!("{file} has no yaml-language-server line"));
            let named = std::path::Path::new(&file).parent().unwrap().join(line);
            assert_eq!(
                std::fs::canonicalize(&named).unwrap(),
                std::fs::canonicalize(schema_file).unwrap(),
                "{file} names {line}"
            );
        }
    }
    let validator = jsonschema::validator_for(&schema_of("rule-header")).expect("the schema compiles");
    let rules = rule_files();
    assert!(rules.len() >= 28, "{} rule files", rules.len());
    for rule in rules {
        let header: serde_json::Value =
            serde_saphyr::from_str(&chitieu::rules::meta::header_yaml(&std::fs::read_to_string(&rule).unwrap()))
                .unwrap();
        assert_valid(&validator, &header, &rule.display().to_string());
    }
}

/// The keys a loader accepts, from its "unknown field" error.
fn keys_the_loader_accepts(error: &str) -> Vec<String> {
    let list = error.split("expected one of ").nth(1).unwrap_or_else(|| panic!("no key list in: {error}"));
    // A rendered diagnostic wraps long messages onto `  | ` lines.
    let mut lines = list.lines();
    let mut joined = lines.next().unwrap().to_string();
    for more in lines.map_while(|l| l.trim_start().strip_prefix("| ")) {
        joined.push(' ');
        joined.push_str(more);
    }
    let mut keys: Vec<String> = joined.split(", ").map(|k| k.trim_matches(['`', ' ', '.', ',']).to_string()).collect();
    keys.sort();
    keys
}

fn schema_keys(props: &serde_json::Value) -> Vec<String> {
    let mut keys: Vec<String> = props.as_object().expect("properties").keys().cloned().collect();
    keys.sort();
    keys
}

#[test]
fn each_schema_has_the_keys_its_loader_accepts_no_more_no_fewer() {
    // The loaders' messages in English, whose key list this reads.
    chitieu::i18n::set(chitieu::i18n::Lang::En);
    // Settings.
    let err = chitieu::settings::parse("chitieu.yaml", "zzz: 1\n".into(), std::path::Path::new(".")).unwrap_err();
    let schema = schema_of("settings");
    assert_eq!(schema_keys(&schema["properties"]), keys_the_loader_accepts(&err[0].message));
    assert!(!jsonschema::is_valid(&schema, &serde_json::json!({ "zzz": 1 })));
    // An overlay's `directive:` block, and the file's own keys.
    let overlay = "directive:\n  number: x\n  date: 2024-01-01\n  zzz: 1\noverrides: {}\n";
    let err = chitieu::rules::directive::parse("o.yaml", overlay.into(), &[]).unwrap_err();
    let schema = schema_of("overlay");
    assert_eq!(
        schema_keys(&schema["properties"]["directive"]["properties"]),
        keys_the_loader_accepts(&err.problems[0].message)
    );
    let err = chitieu::rules::directive::parse("o.yaml", "zzz: 1\n".into(), &[]).unwrap_err();
    assert_eq!(schema_keys(&schema["properties"]), keys_the_loader_accepts(&err.problems[0].message));
    // A rule-test case file: the file, a case, an expectation.
    let schema = schema_of("rule-tests");
    let case_keys = &schema["properties"]["cases"]["items"];
    let expect_keys = &case_keys["properties"]["expect"]["additionalProperties"];
    for (yaml, props) in [
        ("zzz: 1\ncases: []\n", &schema["properties"]),
        ("cases:\n  - { name: x, zzz: 1 }\n", &case_keys["properties"]),
        (
            "cases:\n  - name: x\n    data: { unit: { id: T, name: U }, period: { start: 2024-01-01, end: 2024-12-31 } }\n    expect: { \"07\": { status: pass, zzz: 1 } }\n",
            &expect_keys["properties"],
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("tests")).unwrap();
        std::fs::write(dir.path().join("tests/cases.yaml"), yaml).unwrap();
        let out = Test::new().args(["test", "--rules"]).arg(dir.path().to_str().unwrap()).run();
        assert_eq!(schema_keys(props), keys_the_loader_accepts(&out.stderr), "{yaml}");
    }
    // A rule header.
    let source = chitieu::diagnostic::SourceFile::new("r.rhai", "//! id: \"01\"\n//! zzz: 1\n".into());
    let err = chitieu::rules::meta::read(&source).unwrap_err();
    let schema = schema_of("rule-header");
    assert_eq!(schema_keys(&schema["properties"]), keys_the_loader_accepts(&err.message));
}

#[test]
fn schemas_reject_the_mistakes_their_loaders_reject() {
    let check = |kind: &str, yaml: &str| {
        let value: serde_json::Value = serde_saphyr::from_str(yaml).unwrap();
        assert!(!jsonschema::is_valid(&schema_of(kind), &value), "{kind} accepts {yaml:?}");
    };
    check("settings", "language: fr\n");
    check("settings", "format: html\n");
    check("settings", "directives: rules/directives/x.yaml\n");
    check("overlay", "directive: { number: x }\noverrides: {}\n");
    check("overlay", "directive: { number: x, date: 15/01/2025 }\noverrides: {}\n");
    check("rule-header", "id: \"01\"\ntitle: T\n");
    check("rule-header", "id: \"01\"\ntitle: T\nsection: I\ndeadline: soon\n");
    check("rule-header", "id: \"01\"\ntitle: T\nsection: I\nparams: { x: { kind: share } }\n");
    check("rule-header", "id: \"01\"\ntitle: T\nsection: I\nlabels: { a: { vi: x, fr: y } }\n");
    let cases = |yaml: &str| {
        let value: serde_json::Value = serde_saphyr::from_str(yaml).unwrap();
        validator("rule-tests").is_valid(&value)
    };
    let unit = "{ unit: { id: T, name: Unit }, period: { start: 2023-10-15, end: 2024-10-13 } }";
    assert!(cases(&format!("cases: [{{ name: x, data: {unit}, expect: {{ \"07\": {{ status: pass }} }} }}]")));
    assert!(!cases(&format!("cases: [{{ name: x, data: {unit}, expect: {{ \"07\": {{ status: passed }} }} }}]")));
    assert!(!cases(&format!(
        "cases: [{{ name: x, data: {unit}, expect: {{ \"07\": {{ status: pass, measure: [1] }} }} }}]"
    )));
    // The case's data is checked as a unit file is.
    let typo = unit.replace("period", "periods");
    assert!(!cases(&format!("cases: [{{ name: x, data: {typo}, expect: {{ \"07\": {{ status: pass }} }} }}]")));
}

#[test]
fn the_plan_schema_names_the_keys_its_loader_accepts() {
    let schema = schema_of("plan");
    let text = "plan: { title: T, issuer: I, year: 2024, nope: 1 }\nperiod: { start: 2023-10-15, end: 2024-10-13 }\n";
    let err = chitieu::rules::plan::parse("plan.yaml", text.into()).unwrap_err();
    assert_eq!(schema_keys(&schema["properties"]["plan"]["properties"]), keys_the_loader_accepts(&err[0].message));
}

#[test]
fn the_model_schema_refuses_what_the_model_check_refuses() {
    let validator = validator("model");
    let shipped: serde_json::Value =
        serde_saphyr::from_str(&std::fs::read_to_string("rules/model.yaml").unwrap()).unwrap();
    for (what, bad) in [
        (
            "an unknown kind",
            r#"{"collections": {"officers": {"label": {"vi": "A", "en": "B"}, "fields": {"id": {"kind": "idd", "label": {"vi": "A", "en": "B"}}}}}}"#,
        ),
        ("a label in one language", r#"{"collections": {"officers": {"label": {"vi": "A"}, "fields": {}}}}"#),
        ("a reserved name", r#"{"collections": {"unit": {"label": {"vi": "A", "en": "B"}, "fields": {}}}}"#),
    ] {
        let value: serde_json::Value = serde_json::from_str(bad).unwrap();
        assert!(!validator.is_valid(&value), "the schema takes {what}");
        let yaml = serde_saphyr::to_string(&value).unwrap();
        assert!(chitieu::model::parse("model.yaml", yaml).is_err(), "the check takes {what}");
    }
    assert_valid(&validator, &shipped, "rules/model.yaml");
}

#[test]
fn a_packs_unit_schema_is_its_models() {
    // The shipped file is what the shipped model gives (regenerate it with
    // `chitieu schema --kind unit > schema/dataset.schema.json`).
    let printed = Test::new().args(["schema", "--kind", "unit"]).run();
    assert_eq!(printed.stdout, std::fs::read_to_string("schema/dataset.schema.json").unwrap());
    // A pack whose model words a value differently gives the same schema;
    // one with a new value gives a schema that takes it.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("rules")).unwrap();
    let rules = dir.path().join("rules");
    let text = std::fs::read_to_string("rules/model.yaml").unwrap();
    let reworded = text.replace("died: { vi: Chết, en: Died }", "died: { vi: Đã chết, en: Died }");
    std::fs::write(rules.join("model.yaml"), reworded).unwrap();
    let out = Test::new().args(["schema", "--kind", "unit", "--rules", rules.to_str().unwrap()]).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.json()["$defs"], printed.json()["$defs"]);
    let added = text.replace(
        "    other: { vi: Lý do khác, en: Other }\n",
        "    other: { vi: Lý do khác, en: Other }\n    rehabilitated: { vi: Đã cai nghiện, en: Rehabilitated }\n",
    );
    std::fs::write(rules.join("model.yaml"), added).unwrap();
    let out = Test::new().args(["schema", "--kind", "unit", "--rules", rules.to_str().unwrap()]).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let reasons = out.json()["$defs"]["subjects"]["properties"]["close_reason"].to_string();
    assert!(reasons.contains("\"rehabilitated\""), "{reasons}");
    assert!(!printed.json()["$defs"]["subjects"]["properties"]["close_reason"].to_string().contains("rehabilitated"));
    // A broken model: its problems, and no schema.
    std::fs::write(dir.path().join("rules/model.yaml"), "collections: {officers: {label: {vi: A}, fields: {}}}\n")
        .unwrap();
    let out =
        Test::new().args(["schema", "--kind", "unit", "--rules", dir.path().join("rules").to_str().unwrap()]).run();
    assert_eq!(out.code, 2);
    assert!(out.stdout.is_empty());
    assert!(out.stderr.contains("has no label in `en`"), "{}", out.stderr);
}
