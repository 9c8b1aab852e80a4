//! What differs between the machines staff run chitieu on, tested where it
//! can be on Linux: files saved with Windows line ends (CRLF) read and report
//! exactly as with LF.

mod common;

use std::path::Path;

use common::Test;

fn crlf_copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            crlf_copy(&entry.path(), &target);
        } else {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            std::fs::write(target, text.replace("\r\n", "\n").replace('\n', "\r\n")).unwrap();
        }
    }
}

#[test]
fn a_repository_saved_with_crlf_line_ends_gives_the_same_verdicts_at_the_same_lines() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for part in ["rules", "data"] {
        crlf_copy(&root.join(part), &dir.path().join(part));
    }
    std::fs::write(dir.path().join("chitieu.yaml"), "rules: rules\r\ndata: data\r\nlanguage: en\r\n").unwrap();
    std::fs::write(
        dir.path().join("o.yaml"),
        "directive:\r\n  number: 1/X\r\n  date: 2024-11-01\r\noverrides:\r\n  \"07\": { min_share: 90% }\r\n",
    )
    .unwrap();
    // The same JSON, lines included, but the digests of the files' bytes.
    let without_digests = |mut v: serde_json::Value| {
        v.as_object_mut().unwrap().remove("inputs");
        v["units"][0].as_object_mut().unwrap().remove("sha256");
        v
    };
    let lf = without_digests(Test::new().args(["check", "--format", "json"]).run().json());
    let crlf = without_digests(Test::new().current_dir(dir.path()).args(["check", "--format", "json"]).run().json());
    assert_eq!(crlf, lf);
    let human = Test::new().current_dir(dir.path()).arg("check").run().stdout;
    assert!(human.contains("rules/suu-tra/07-loai-b-co-ctvbm.rhai:22:1]"), "{human}");
    assert!(!human.contains('\r'), "no carriage return reaches the terminal");
    let out = Test::new().current_dir(dir.path()).args(["check", "--directive", "o.yaml", "--only", "07"]).run();
    assert_eq!(out.code, 0, "the CRLF overlay applies: {}", out.stderr);
    assert_eq!(Test::new().current_dir(dir.path()).arg("test").run().code, 0);
    let lint = Test::new().current_dir(dir.path()).arg("lint").run();
    assert_eq!(lint.code, 0, "{}", lint.stderr);
}
