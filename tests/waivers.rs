//! Waivers: a commander's decision takes records (or a whole requirement)
//! out of a target between two dates, counted apart and shown in every
//! format; a waiver out of its dates or matching nothing warns; one naming
//! what does not exist is an error at its line.

mod common;

use common::{Test, status};

const ST047: &str = "tests/fixtures/waivers/st047.yaml";

fn check(args: &[&str]) -> common::Output {
    let mut test = Test::new().args(["check", "--only", "07,09"]);
    for a in args {
        test = test.arg(a);
    }
    test.run()
}

fn write(dir: &std::path::Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

/// A waiver for the sample's unit, with the given target and what it covers.
fn waiver(target: &str, what: &str, from: &str, until: &str) -> String {
    format!(
        "waivers:\n  - target: \"{target}\"\n    {what}\n    reason: Nghỉ điều trị\n    \
         decision: {{ number: 45/QĐ-CAH, date: 2024-05-02, issuer: Trưởng Công an huyện }}\n    \
         from: {from}\n    until: {until}\n"
    )
}

#[test]
fn without_a_waiver_07_fails_on_st047() {
    let out = check(&["--format", "json"]);
    assert_eq!(out.code, 1);
    let json = out.json();
    assert_eq!(status(&json, "07"), "fail");
    let req = &json["units"][0]["targets"][0]["requirements"][0];
    assert_eq!((req["part"].as_i64(), req["whole"].as_i64()), (Some(35), Some(36)));
    assert_eq!(req["offending"][0]["id"], "ST047");
    assert!(req.get("waived").is_none());
    assert!(json["summary"].get("passed_by_waiver").is_none());
}

#[test]
fn a_waiver_turns_07_from_fail_to_pass_with_one_waived_in_json() {
    let out = check(&["--waivers", ST047, "--format", "json"]);
    assert_eq!(out.code, 1, "09 still fails: {}", out.stderr);
    let json = out.json();
    let target = &json["units"][0]["targets"][0];
    assert_eq!(target["id"], "07");
    assert_eq!(target["status"], "pass");
    assert_eq!(target["passed_by_waiver"], true);
    let req = &target["requirements"][0];
    assert_eq!((req["part"].as_i64(), req["whole"].as_i64()), (Some(35), Some(35)));
    assert_eq!(req["status_without_waivers"], "fail");
    assert_eq!(req["offending_total"], 0);
    let waived = &req["waived"][0];
    assert_eq!(waived["collection"], "subjects");
    assert_eq!(waived["id"], "ST047");
    assert_eq!(waived["line"], 512);
    assert_eq!(waived["waiver"]["file"], ST047);
    assert_eq!(waived["waiver"]["line"], 8);
    assert_eq!(waived["waiver"]["decision"]["number"], "45/QĐ-CAH");
    assert_eq!(waived["waiver"]["decision"]["issuer"], "Trưởng Công an huyện");
    assert_eq!(waived["waiver"]["from"], "2024-05-02");
    assert_eq!(waived["waiver"]["until"], "2024-12-31");
    assert_eq!(json["summary"]["pass"], 1);
    assert_eq!(json["summary"]["fail"], 1);
    assert_eq!(json["summary"]["passed_by_waiver"], 1);
    // The waiver file is an input of the result.
    let inputs = json["inputs"].as_array().unwrap();
    assert!(inputs.iter().any(|i| i["path"] == ST047 && i["role"] == "waiver"), "{inputs:?}");
    assert_eq!(json["invocation"]["waivers"][0], ST047);
}

#[test]
fn one_waived_is_visible_in_every_format() {
    let only_07 = |format: &str| {
        let out = Test::new().args(["check", "--only", "07", "--waivers", ST047, "--format", format]).run();
        assert_eq!(out.code, 0, "{format}: {}", out.stderr);
        out.stdout
    };
    let human = only_07("human");
    assert!(human.contains("| pass   | 100% (35/35) (1 waived) | >= 100%"), "{human}");
    assert!(human.contains("target 07: subjects ST047 waived — Đối tượng đang điều trị dài ngày tại bệnh viện"));
    assert!(human.contains("decision 45/QĐ-CAH of 02/05/2024 by Trưởng Công an huyện, in force until 31/12/2024"));
    assert!(human.contains("1 target passed only thanks to a waiver"), "{human}");
    insta::assert_snapshot!("waived_human", human);

    let markdown = only_07("markdown");
    assert!(markdown.contains("| ✅ pass (passes thanks to a waiver) | 100% (35/35) (1 waived) |"), "{markdown}");
    assert!(markdown.contains("(`tests/fixtures/waivers/st047.yaml:8`; decision 45/QĐ-CAH"), "{markdown}");

    let junit = only_07("junit");
    assert!(junit.contains("measured 100% (35/35) (1 waived)"), "{junit}");
    assert!(junit.contains("<system-out>") && junit.contains("45/QĐ-CAH"), "{junit}");

    let github = only_07("github");
    assert!(
        github.contains("::notice file=tests/fixtures/waivers/st047.yaml,line=8,title=CAH-BINHLUC target 07::"),
        "{github}"
    );
    assert!(github.contains("(35/35) (1 waived)") && github.contains("ST047 waived"), "{github}");

    let sarif: serde_json::Value = serde_json::from_str(&only_07("sarif")).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1, "the shortfall is a suppressed result");
    let result = &results[0];
    assert_eq!(result["ruleId"], "07");
    assert_eq!(result["level"], "error");
    assert!(result["message"]["text"].as_str().unwrap().contains("(1 waived)"));
    let suppression = &result["suppressions"][0];
    assert_eq!(suppression["kind"], "external");
    assert_eq!(suppression["status"], "accepted");
    assert!(suppression["justification"].as_str().unwrap().contains("45/QĐ-CAH"));
    assert_eq!(suppression["location"]["physicalLocation"]["region"]["startLine"], 8);
    let related = result["relatedLocations"].as_array().unwrap();
    assert_eq!(related[0]["physicalLocation"]["region"]["startLine"], 512);

    let explain = Test::new().args(["explain", "07", "--waivers", ST047]).run();
    assert_eq!(explain.code, 0, "{}", explain.stderr);
    assert!(explain.stdout.contains("measured 100% (35/35) (1 waived), required >= 100% → pass"), "{}", explain.stdout);
    assert!(explain.stdout.contains("Waivers:\n  - target 07: subjects ST047 waived"), "{}", explain.stdout);
    assert!(
        explain
            .stdout
            .contains("by Trưởng Công an huyện, in force until 31/12/2024 (tests/fixtures/waivers/st047.yaml:8)")
    );
    assert!(explain.stdout.contains("without the waivers, the target would be: fail"));
}

#[test]
fn in_vietnamese_a_waiver_reads_as_mien_tru() {
    let out = Test::new().args(["check", "--only", "07", "--waivers", ST047, "--lang", "vi"]).run();
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("100% (35/35) (miễn trừ 1)"), "{}", out.stdout);
    assert!(out.stdout.contains("1 chỉ tiêu đạt nhờ miễn trừ"), "{}", out.stdout);
    assert!(out.stdout.contains("quyết định 45/QĐ-CAH ngày 02/05/2024 của Trưởng Công an huyện"), "{}", out.stdout);
}

#[test]
fn an_expired_waiver_does_not_apply_and_warns() {
    let out = check(&["--waivers", "tests/fixtures/waivers/expired.yaml", "--format", "json"]);
    assert_eq!(out.code, 1);
    let json = out.json();
    assert_eq!(status(&json, "07"), "fail");
    let target = &json["units"][0]["targets"][0];
    assert_eq!(target["requirements"][0]["part"], 35);
    assert_eq!(target["requirements"][0]["whole"], 36);
    let warning = &target["warnings"][0];
    assert_eq!(warning["code"], "waiver::not-applied");
    assert_eq!(warning["file"], "tests/fixtures/waivers/expired.yaml");
    assert_eq!(warning["line"], 2);
    assert!(warning["message"].as_str().unwrap().contains("not in force on 13/10/2024"), "{warning}");
    // The same waiver is in force earlier in the year.
    let june =
        check(&["--waivers", "tests/fixtures/waivers/expired.yaml", "--as-of", "2024-06-13", "--format", "json"]);
    let target = &june.json()["units"][0]["targets"][0];
    assert_eq!(target["requirements"][0]["waived"][0]["id"], "ST047", "{target}");
    let human = Test::new().args(["check", "--only", "07", "--waivers", "tests/fixtures/waivers/expired.yaml"]).run();
    insta::assert_snapshot!(
        "expired_warning",
        human.stdout.split("\n\n").skip_while(|p| !p.contains("expired.yaml")).collect::<Vec<_>>().join("\n\n")
    );
}

#[test]
fn a_waiver_naming_st999_is_an_error_at_its_line() {
    let out = Test::new().args(["check", "--only", "07", "--waivers", "tests/fixtures/waivers/unknown-id.yaml"]).run();
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(!out.stdout.contains("waiver::unknown-id"), "codes are for JSON: {}", out.stdout);
    assert!(out.stdout.contains("[tests/fixtures/waivers/unknown-id.yaml:3:27]"), "{}", out.stdout);
    assert!(out.stdout.contains("unit CAH-BINHLUC has no subjects record with id"), "{}", out.stdout);
    assert!(out.stdout.contains("did you mean `ST009`?"), "{}", out.stdout);
    // The target is not evaluated without the waiver meant for it: no verdict.
    assert!(out.stdout.contains("| 07 | 100% đối tượng sưu tra loại B phải | error"), "{}", out.stdout);
    insta::assert_snapshot!(
        "unknown_id",
        out.stdout.split("\n\n").skip_while(|p| !p.contains("unknown-id.yaml")).collect::<Vec<_>>().join("\n\n")
    );
    let json = Test::new()
        .args(["check", "--only", "07", "--waivers", "tests/fixtures/waivers/unknown-id.yaml", "--format", "json"])
        .run()
        .json();
    assert_eq!(json["units"][0]["targets"][0]["error"]["code"], "waiver::unknown-id");
    assert_eq!(json["units"][0]["targets"][0]["error"]["line"], 3);
}

#[test]
fn an_unknown_target_or_collection_is_an_error_at_its_line_with_a_near_name() {
    let out = check(&["--waivers", "tests/fixtures/waivers/typos.yaml"]);
    assert_eq!(out.code, 2);
    let all = format!("{}{}", out.stdout, out.stderr);
    assert!(all.contains("no target has id `7`"), "{all}");
    assert!(all.contains("[tests/fixtures/waivers/typos.yaml:2:13]"), "{all}");
    assert!(all.contains("did you mean `07`?"), "{all}");
    assert!(all.contains("no collection `officer`"), "{all}");
    assert!(all.contains("[tests/fixtures/waivers/typos.yaml:9:16]"), "{all}");
    assert!(all.contains("did you mean `officers`?"), "{all}");
    assert!(all.contains("the waiver ends (30/04/2024) before it starts (02/05/2024)"), "{all}");
    insta::assert_snapshot!("typos", out.stdout.split("\nCAH-BINHLUC").next().unwrap());
}

#[test]
fn a_whole_requirement_can_be_waived() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "w.yaml", &waiver("09", "requirement: 2", "2024-01-01", "2024-12-31"));
    let out = check(&["--waivers", &file, "--format", "json"]);
    let json = out.json();
    assert_eq!(status(&json, "09"), "pass", "{}", out.stdout);
    let target = &json["units"][0]["targets"][1];
    assert_eq!(target["passed_by_waiver"], true);
    let req = &target["requirements"][1];
    assert_eq!(req["status"], "fail", "the requirement still reads as measured");
    assert_eq!(req["waived_requirement"]["decision"]["number"], "45/QĐ-CAH");
    let human = Test::new().args(["check", "--only", "09", "--waivers", &file]).run();
    assert_eq!(human.code, 0);
    assert!(human.stdout.contains("1 (waived)"), "{}", human.stdout);
    assert!(human.stdout.contains("requirement \"ring members or serious offenders"), "{}", human.stdout);
    assert!(!human.stdout.contains("target::requirement"), "no shortfall is reported: {}", human.stdout);
}

#[test]
fn a_waived_record_leaves_a_count_of_none() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "w.yaml", &waiver("09", "records: { arrests: [BT-38] }", "2024-01-01", "2024-12-31"));
    let out = check(&["--waivers", &file, "--format", "json"]);
    let json = out.json();
    assert_eq!(status(&json, "09"), "pass");
    let req = &json["units"][0]["targets"][1]["requirements"][1];
    assert_eq!(req["measured"], 0.0);
    assert_eq!(req["waived"][0]["id"], "BT-38");
    // The same arrest is also in the share: out of its whole too.
    let share = &json["units"][0]["targets"][1]["requirements"][0];
    assert_eq!(share["waived"][0]["id"], "BT-38");
    assert_eq!((share["part"].as_i64(), share["whole"].as_i64()), (Some(26), Some(39)), "26/40 before");
}

#[test]
fn a_waiver_matching_nothing_the_rule_looked_at_warns() {
    let dir = tempfile::tempdir().unwrap();
    // ST001 is category A: rule 07 never counts it.
    let file = write(dir.path(), "w.yaml", &waiver("07", "records: { subjects: [ST001] }", "2024-01-01", "2024-12-31"));
    let out = check(&["--waivers", &file, "--format", "json"]);
    assert_eq!(out.code, 1);
    let json = out.json();
    assert_eq!(status(&json, "07"), "fail");
    let warning = &json["units"][0]["targets"][0]["warnings"][0];
    assert_eq!(warning["code"], "waiver::not-applied");
    assert!(warning["message"].as_str().unwrap().contains("matches nothing the rule looked at"), "{warning}");
    // A requirement the rule does not record is nothing too.
    let file = write(dir.path(), "w.yaml", &waiver("07", "requirement: 3", "2024-01-01", "2024-12-31"));
    let json = check(&["--waivers", &file, "--format", "json"]).json();
    assert_eq!(json["units"][0]["targets"][0]["warnings"][0]["code"], "waiver::not-applied");
}

#[test]
fn a_waiver_for_another_unit_does_not_apply_here() {
    let dir = tempfile::tempdir().unwrap();
    let text = waiver("07", "records: { subjects: [ST999] }", "2024-01-01", "2024-12-31")
        .replace("  - target: \"07\"\n", "  - target: \"07\"\n    unit: CAH-KHAC\n");
    let file = write(dir.path(), "w.yaml", &text);
    let out = check(&["--waivers", &file, "--format", "json"]);
    assert_eq!(out.code, 1, "no error for another unit's ids: {}", out.stdout);
    let json = out.json();
    assert_eq!(status(&json, "07"), "fail");
    assert!(json["units"][0]["targets"][0].get("warnings").is_none());
}

#[test]
fn the_rules_folder_waivers_apply_to_every_run() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_tree(std::path::Path::new("rules"), &dir.path().join("rules"));
    std::fs::create_dir_all(dir.path().join("rules/waivers")).unwrap();
    std::fs::copy(ST047, dir.path().join("rules/waivers/2024-st047.yaml")).unwrap();
    let rules = dir.path().join("rules");
    let out = Test::new().args(["check", "--only", "07", "--rules", rules.to_str().unwrap(), "--format", "json"]).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(status(&out.json(), "07"), "pass");
}

#[test]
fn verify_names_an_edited_waiver() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "w.yaml", &std::fs::read_to_string(ST047).unwrap());
    let result = dir.path().join("result.json");
    let out = Test::new()
        .args(["check", "--only", "07", "--waivers", &file, "--format", "json", "--output", result.to_str().unwrap()])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let verified = Test::new().args(["verify", result.to_str().unwrap()]).run();
    assert_eq!(verified.code, 0, "{}{}", verified.stdout, verified.stderr);
    std::fs::write(&file, std::fs::read_to_string(&file).unwrap().replace("2024-12-31", "2024-09-30")).unwrap();
    let verified = Test::new().args(["verify", result.to_str().unwrap()]).run();
    assert_eq!(verified.code, 1, "{}{}", verified.stdout, verified.stderr);
    let all = format!("{}{}", verified.stdout, verified.stderr);
    assert!(all.contains("w.yaml"), "{all}");
    assert!(all.contains("07"), "the verdict that changed: {all}");
}

#[test]
fn a_reason_naming_an_officer_stays_out_of_ci_formats() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(ST047)
        .unwrap()
        .replace("Đối tượng đang", "Theo báo cáo của Kiều Văn Nam, đối tượng đang");
    let file = write(dir.path(), "w.yaml", &text);
    for format in ["junit", "sarif", "github", "markdown"] {
        let out = Test::new().args(["check", "--only", "07", "--waivers", &file, "--format", format]).run();
        assert_eq!(out.code, 0, "{format}");
        assert!(!out.stdout.contains("Kiều Văn Nam"), "{format}: {}", out.stdout);
        assert!(out.stdout.contains("[CB09]"), "{format}: {}", out.stdout);
    }
    let human = Test::new().args(["check", "--only", "07", "--waivers", &file]).run();
    assert!(human.stdout.contains("Kiều Văn Nam"), "the terminal keeps names");
}

#[test]
fn the_waiver_schema_accepts_the_example_and_knows_every_collection() {
    let out = Test::new().args(["schema", "--kind", "waiver"]).run();
    assert_eq!(out.code, 0);
    let schema = out.json();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    for file in ["docs/examples/waivers.yaml", ST047, "tests/fixtures/waivers/expired.yaml"] {
        let value: serde_json::Value = serde_saphyr::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        let errors: Vec<String> = validator.iter_errors(&value).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{file}: {errors:?}");
    }
    let typos: serde_json::Value =
        serde_saphyr::from_str(&std::fs::read_to_string("tests/fixtures/waivers/typos.yaml").unwrap()).unwrap();
    assert!(!validator.is_valid(&typos));
    let props = schema["$defs"]["waiver"]["properties"]["records"]["properties"].as_object().unwrap();
    let mut in_schema: Vec<&str> = props.keys().map(String::as_str).collect();
    let mut in_code = chitieu::model::Model::shipped_ref().collection_names();
    in_schema.sort_unstable();
    in_code.sort_unstable();
    assert_eq!(in_schema, in_code);
}

/// Hostile waiver files: each an error (exit 2) with its code, at its line
/// when it has one; never a panic, never a verdict.
const HOSTILE: &[(&str, &str, Option<u64>)] = &[
    ("alias.yaml", "waiver::syntax", Some(1)),
    ("syntax.yaml", "waiver::syntax", Some(2)),
    ("wrong-type.yaml", "waiver::syntax", Some(7)),
    ("unknown-key.yaml", "waiver::syntax", Some(8)),
    ("not-utf8.yaml", "waiver::encoding", None),
    ("deep.yaml", "waiver::syntax", None),
    ("both.yaml", "waiver::what", Some(2)),
    ("neither.yaml", "waiver::what", Some(2)),
    ("blank-reason.yaml", "waiver::empty", Some(4)),
    ("requirement-zero.yaml", "waiver::requirement", Some(3)),
    ("no-decision.yaml", "waiver::syntax", None),
    ("not-a-list.yaml", "waiver::syntax", Some(1)),
];

#[test]
fn hostile_waiver_files_are_errors_at_their_line() {
    for (file, code, line) in HOSTILE {
        let path = format!("tests/hostile/waivers/{file}");
        let out = Test::new().args(["check", "--only", "07", "--waivers", &path]).run();
        let all = format!("{}{}", out.stdout, out.stderr);
        assert_eq!(out.code, 2, "{file}: {all}");
        if let Some(line) = line {
            assert!(all.contains(&format!("{file}:{line}:")), "{file}: {all}");
        }
        assert!(!all.contains("panicked"), "{file}");
        // The code, for machines: in JSON, never a line of the terminal's.
        assert!(!all.contains(code), "{file}: {all}");
        let json = Test::new().args(["check", "--only", "07", "--waivers", &path, "--format", "json"]).run().json();
        let problem = &json["problems"][0];
        assert_eq!(problem["code"], *code, "{file}: {json}");
        if let Some(line) = line {
            assert_eq!(problem["line"], *line, "{file}: {json}");
        }
    }
}

#[test]
fn a_huge_waiver_file_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("waivers:\n");
    let item = waiver("07", "records: { subjects: [ST047] }", "2024-01-01", "2024-12-31");
    let item = item.trim_start_matches("waivers:\n");
    while text.len() <= 4 << 20 {
        text.push_str(item);
    }
    let file = write(dir.path(), "huge.yaml", &text);
    let out = Test::new().args(["check", "--only", "07", "--waivers", &file]).run();
    assert_eq!(out.code, 2);
    assert!(format!("{}{}", out.stdout, out.stderr).contains("huge.yaml"));
    let json = Test::new().args(["check", "--only", "07", "--waivers", &file, "--format", "json"]).run().json();
    assert_eq!(json["problems"][0]["code"], "waiver::too-large");
}

#[test]
fn an_empty_waiver_file_is_no_waiver_and_control_characters_stay_harmless() {
    let dir = tempfile::tempdir().unwrap();
    let empty = write(dir.path(), "empty.yaml", "");
    let out = check(&["--waivers", &empty, "--format", "json"]);
    assert_eq!(out.code, 1);
    assert_eq!(status(&out.json(), "07"), "fail");
    let text = std::fs::read_to_string(ST047).unwrap().replace("Đối tượng đang", "\\e[31mĐối tượng đang");
    let file = write(dir.path(), "w.yaml", &text.replace("reason: ", "reason: \"").replace("viện\n", "viện\"\n"));
    let out = Test::new().args(["check", "--only", "07", "--waivers", &file]).run();
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(!out.stdout.contains('\u{1b}'), "no escape reaches the terminal");
}
