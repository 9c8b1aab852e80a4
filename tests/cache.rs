//! The parsed-unit cache: warm, cold and uncached runs agree byte for byte;
//! a changed file is parsed again while the others come from the cache; a
//! damaged, foreign or unwritable cache is no cache; `--no-cache` and CI
//! touch no file unless asked.

mod common;

use std::path::{Path, PathBuf};

use common::Test;

/// A project with the sample and a generated unit, and a cache folder.
struct Project {
    dir: tempfile::TempDir,
}

impl Project {
    fn new() -> Project {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        std::fs::create_dir_all(&data).unwrap();
        std::fs::copy("data/binh-luc-2024.yaml", data.join("binh-luc-2024.yaml")).unwrap();
        std::fs::copy("tests/fixtures/generated/unit.yaml", data.join("generated.yaml")).unwrap();
        Project { dir }
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn cache(&self) -> PathBuf {
        self.dir.path().join("cache")
    }

    /// `check --format json` over the project's units, with the cache log.
    fn check(&self, extra: &[&str]) -> common::Output {
        let mut test = Test::new()
            .without_env("CI")
            .env("CHITIEU_CACHE_DIR", self.cache().to_str().unwrap())
            .env("CHITIEU_CACHE_LOG", "1")
            .args(["check", "--format", "json", "--data", self.data().to_str().unwrap()]);
        for a in extra {
            test = test.arg(a);
        }
        test.run()
    }

    fn entries(&self) -> Vec<PathBuf> {
        let mut found = Vec::new();
        for folder in std::fs::read_dir(self.cache()).into_iter().flatten().flatten() {
            if folder.path().is_dir() {
                found.extend(std::fs::read_dir(folder.path()).unwrap().flatten().map(|e| e.path()));
            }
        }
        found.sort();
        found
    }
}

/// The output without what differs between runs by design: nothing does.
fn lines(log: &str, what: &str) -> usize {
    log.lines().filter(|l| l.starts_with(&format!("cache: {what} "))).count()
}

#[test]
fn warm_cold_and_uncached_runs_agree_and_a_changed_file_is_parsed_again() {
    let p = Project::new();
    let cold = p.check(&[]);
    assert_eq!(cold.code, 1, "{}", cold.stderr);
    assert_eq!((lines(&cold.stderr, "miss"), lines(&cold.stderr, "write")), (2, 2), "{}", cold.stderr);
    assert_eq!(p.entries().len(), 2);
    assert!(p.cache().join("CACHEDIR.TAG").is_file());
    assert_eq!(std::fs::read_to_string(p.cache().join(".gitignore")).unwrap().lines().last(), Some("*"));
    let warm = p.check(&[]);
    assert_eq!(lines(&warm.stderr, "hit"), 2, "{}", warm.stderr);
    let uncached = p.check(&["--no-cache"]);
    assert_eq!(uncached.stderr, "", "--no-cache neither reads nor writes");
    assert_eq!(cold.stdout, warm.stdout);
    assert_eq!(cold.stdout, uncached.stdout);
    // Positions survive: the offending record's line is the file's.
    assert!(warm.stdout.contains("\"line\": 512"));

    // ST047 becomes category A: 07 passes, read from the changed file.
    let sample = p.data().join("binh-luc-2024.yaml");
    let text = std::fs::read_to_string(&sample).unwrap();
    let edited = text.replacen("  - id: ST047\n    category: B", "  - id: ST047\n    category: A", 1);
    assert_ne!(text, edited);
    std::fs::write(&sample, edited).unwrap();
    let after = p.check(&[]);
    assert!(after.stderr.contains("cache: miss "), "{}", after.stderr);
    assert!(after.stderr.contains("binh-luc-2024.yaml"), "{}", after.stderr);
    assert!(
        after.stderr.lines().any(|l| l.starts_with("cache: hit ") && l.ends_with("generated.yaml")),
        "{}",
        after.stderr
    );
    assert_eq!(common::status(&after.json(), "07"), "pass");
    assert_eq!(common::status(&cold.json(), "07"), "fail");
}

#[test]
fn a_damaged_or_foreign_entry_gives_the_same_output_as_no_cache() {
    let p = Project::new();
    let first = p.check(&[]);
    let entries = p.entries();
    assert_eq!(entries.len(), 2);
    let damage: [fn(Vec<u8>) -> Vec<u8>; 4] = [
        |b| b[..b.len() / 3].to_vec(),
        |_| b"not a cache entry".to_vec(),
        |mut b| {
            let n = b.len() / 2;
            b[n] ^= 0x55;
            b
        },
        // Another format version.
        |mut b| {
            b[8] = b[8].wrapping_add(1);
            b
        },
    ];
    for hurt in damage {
        for e in &entries {
            let bytes = std::fs::read(e).unwrap();
            std::fs::write(e, hurt(bytes)).unwrap();
        }
        let again = p.check(&[]);
        assert_eq!(again.stdout, first.stdout);
        assert_eq!(lines(&again.stderr, "miss"), 2, "{}", again.stderr);
        assert_eq!(lines(&again.stderr, "write"), 2, "rebuilt: {}", again.stderr);
    }
}

#[test]
fn no_cache_and_ci_touch_no_file_unless_asked() {
    let p = Project::new();
    let data = p.data();
    // In the project, without CHITIEU_CACHE_DIR: `.chitieu/cache` is the place.
    let run = |extra: &[&str], ci: bool| {
        let mut test = Test::new().without_env("CHITIEU_CACHE_DIR").current_dir(p.dir.path()).args([
            "check",
            "--data",
            data.to_str().unwrap(),
            "--rules",
            &repo("rules"),
        ]);
        test = if ci { test.env("CI", "true") } else { test.without_env("CI") };
        for a in extra {
            test = test.arg(a);
        }
        test.run()
    };
    let here = p.dir.path().join(".chitieu");
    assert_eq!(run(&["--no-cache"], false).code, 1);
    assert!(!here.exists(), "--no-cache wrote nothing");
    assert_eq!(run(&[], true).code, 1);
    assert!(!here.exists(), "CI without --cache wrote nothing");
    assert_eq!(run(&["--cache"], true).code, 1);
    assert!(here.join("cache/CACHEDIR.TAG").is_file(), "--cache under CI");
    // `cache clean` removes what chitieu made, and only that.
    let clean = Test::new().without_env("CHITIEU_CACHE_DIR").current_dir(p.dir.path()).args(["cache", "clean"]).run();
    assert_eq!(clean.code, 0, "{}", clean.stderr);
    assert!(clean.stdout.contains("removed the cache .chitieu/cache"), "{}", clean.stdout);
    assert!(!here.join("cache").exists());
    let plain = p.dir.path().join("not-a-cache");
    std::fs::create_dir_all(&plain).unwrap();
    std::fs::write(plain.join("keep.txt"), "mine").unwrap();
    let clean = Test::new().env("CHITIEU_CACHE_DIR", plain.to_str().unwrap()).args(["cache", "clean"]).run();
    assert_eq!(clean.code, 0);
    assert!(plain.join("keep.txt").is_file(), "a folder without CACHEDIR.TAG is left alone");
}

#[test]
fn a_cache_that_cannot_be_written_is_no_cache() {
    let p = Project::new();
    // The cache "folder" is a file.
    std::fs::write(p.cache(), "in the way").unwrap();
    let out = p.check(&[]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(!out.stderr.contains("panicked"));
    assert_eq!(out.stdout, p.check(&["--no-cache"]).stdout);
}

fn repo(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path).to_str().unwrap().to_string()
}
