//! `chitieu schema`: the JSON Schema of a unit file stays in step with the
//! model, accepts the sample and rejects what the loader rejects.

mod common;

use chitieu::dataset::model::*;
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
    fn check<T: Record>(schema: &serde_json::Value, def: &str) {
        let props = schema["$defs"][def]["properties"].as_object().unwrap_or_else(|| panic!("no $defs/{def}"));
        let mut in_schema: Vec<&str> = props.keys().map(String::as_str).collect();
        let mut in_model: Vec<&str> = T::FIELDS.to_vec();
        in_schema.sort_unstable();
        in_model.sort_unstable();
        assert_eq!(in_schema, in_model, "{def}");
        let collection = &schema["properties"][T::COLLECTION];
        assert!(collection.is_object(), "no top-level {}", T::COLLECTION);
    }
    check::<Officer>(&schema, "officer");
    check::<Commune>(&schema, "commune");
    check::<KeyArea>(&schema, "key_area");
    check::<Survey>(&schema, "survey");
    check::<Hotspot>(&schema, "hotspot");
    check::<MissedDetection>(&schema, "missed_detection");
    check::<Subject>(&schema, "subject");
    check::<Suspicion>(&schema, "suspicion");
    check::<Operation>(&schema, "operation");
    check::<Informant>(&schema, "informant");
    check::<Persona>(&schema, "persona");
    check::<Arrest>(&schema, "arrest");
    check::<Case>(&schema, "case");
    check::<Inspection>(&schema, "inspection");
    check::<FileReview>(&schema, "file_review");
    check::<Report>(&schema, "report");
    check::<Training>(&schema, "training");
}
