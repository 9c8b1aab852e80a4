//! A small builder for running the `chitieu` binary from the repository root,
//! the way a user would: `Test::new().args(["check"]).run()`.

#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;

pub struct Test {
    args: Vec<String>,
    dir: PathBuf,
    env: Vec<(String, String)>,
    removed: Vec<String>,
}

pub struct Output {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

impl Test {
    pub fn new() -> Test {
        // Tests read English unless they ask for Vietnamese, the product's default.
        Test {
            args: Vec::new(),
            dir: PathBuf::from(env!("CARGO_MANIFEST_DIR")),
            // The parsed-unit cache of test runs stays out of the repository.
            env: vec![
                ("CHITIEU_LANG".into(), "en".into()),
                ("CHITIEU_CACHE_DIR".into(), concat!(env!("CARGO_TARGET_TMPDIR"), "/test-cache").into()),
            ],
            removed: Vec::new(),
        }
    }

    /// Runs without an environment variable (`CI`, `CHITIEU_CACHE_DIR`).
    pub fn without_env(mut self, key: &str) -> Test {
        self.env.retain(|(k, _)| k != key);
        self.removed.push(key.to_string());
        self
    }

    pub fn arg(mut self, arg: &str) -> Test {
        self.args.push(arg.to_string());
        self
    }

    pub fn args<const N: usize>(mut self, args: [&str; N]) -> Test {
        self.args.extend(args.iter().map(|a| a.to_string()));
        self
    }

    /// Sets an environment variable for the run (`CHITIEU_LANG` is `en`
    /// unless set here).
    pub fn env(mut self, key: &str, value: &str) -> Test {
        self.env.retain(|(k, _)| k != key);
        self.env.push((key.to_string(), value.to_string()));
        self
    }

    /// Runs with no `CHITIEU_LANG`: the language a new user gets.
    pub fn default_language(mut self) -> Test {
        self.env.retain(|(k, _)| k != "CHITIEU_LANG");
        self
    }

    /// Runs in another working directory (relative paths then resolve there).
    pub fn current_dir(mut self, dir: impl Into<PathBuf>) -> Test {
        self.dir = dir.into();
        self
    }

    pub fn run(self) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_chitieu"));
        command
            .args(&self.args)
            .current_dir(&self.dir)
            .env_remove("NO_COLOR")
            .env_remove("CHITIEU_LANG")
            .env("COLUMNS", "100")
            .envs(self.env.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        for key in &self.removed {
            command.env_remove(key);
        }
        let out = command.output().expect("the chitieu binary runs");
        Output {
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            code: out.status.code().unwrap_or(-1),
        }
    }
}

impl Output {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).expect("stdout is JSON")
    }
}

/// The status of target `id` in the first unit of a JSON output.
pub fn status(json: &serde_json::Value, id: &str) -> String {
    json["units"][0]["targets"]
        .as_array()
        .and_then(|ts| ts.iter().find(|t| t["id"] == id))
        .map(|t| t["status"].as_str().unwrap_or_default().to_string())
        .unwrap_or_else(|| panic!("no target {id} in the output"))
}

/// A copy of a folder and everything in it.
pub fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The repository's rules and sample in a temporary folder, with one more
/// rule, `Z1`, whose body is `body` (its first line is line 6).
pub fn with_rule(body: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_tree(&root.join("rules"), &dir.path().join("rules"));
    copy_tree(&root.join("data"), &dir.path().join("data"));
    let header = "//! id: \"Z1\"\n//! title: An extra rule\n//! section: I.1\n//! area: duties\n\n";
    std::fs::write(dir.path().join("rules/duties/Z1-extra.rhai"), format!("{header}{body}")).unwrap();
    dir
}

/// `chitieu ARGS` in `dir`.
pub fn run_in(dir: &tempfile::TempDir, args: &[&str]) -> Output {
    let mut test = Test::new().current_dir(dir.path());
    for a in args {
        test = test.arg(a);
    }
    test.run()
}

/// Z1's first requirement in `check --format json`; the rule must not fail.
pub fn z1(dir: &tempfile::TempDir) -> serde_json::Value {
    let out = run_in(dir, &["check", "--only", "Z1", "--format", "json", "--no-cache"]);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stderr));
    let target = &json["units"][0]["targets"][0];
    assert_eq!(target["id"], "Z1");
    assert!(target["error"].is_null(), "{target}");
    target["requirements"][0].clone()
}

/// LibreOffice, headless, with its own profile in `dir` (so that tests can
/// run it at once), writing what it converts to `outdir`.
pub fn soffice(args: &[&str], dir: &std::path::Path, outdir: &std::path::Path) {
    let profile = format!("-env:UserInstallation=file://{}", dir.join("lo-profile").display());
    let out = Command::new("soffice")
        .arg(&profile)
        .args(["--headless", "--norestore"])
        .args(args)
        .arg("--outdir")
        .arg(outdir)
        .output()
        .expect("LibreOffice (soffice) is installed: .ci/run installs libreoffice-calc-nogui and -writer-nogui");
    assert!(out.status.success(), "soffice {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}
