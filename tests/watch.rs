//! `--watch`: a second run after an edit, with what changed status above
//! it; a broken edit shows its diagnostic and watching goes on; Ctrl-C
//! stops cleanly.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::copy_tree;

/// The watcher, and its output line by line.
fn start(dir: &std::path::Path, args: &[&str]) -> (Child, mpsc::Receiver<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_chitieu"))
        .args(args)
        .current_dir(dir)
        .env("CHITIEU_LANG", "en")
        .env("CHITIEU_CACHE_DIR", dir.join("cache"))
        .env("COLUMNS", "100")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chitieu starts");
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    (child, rx)
}

/// Lines until one contains `wanted` (all of them, for the message).
fn until(rx: &mpsc::Receiver<String>, wanted: &str, seen: &mut Vec<String>) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        match rx.recv_timeout(Duration::from_millis(200)) {
            Ok(line) => {
                let found = line.contains(wanted);
                seen.push(line);
                if found {
                    return;
                }
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
    }
    panic!("no line with {wanted:?} in:\n{}", seen.join("\n"));
}

fn edit(path: &std::path::Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from}");
    std::fs::write(path, text.replace(from, to)).unwrap();
}

#[test]
fn check_runs_again_after_an_edit_and_stops_on_ctrl_c() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(std::path::Path::new("rules"), &dir.path().join("rules"));
    copy_tree(std::path::Path::new("data"), &dir.path().join("data"));
    let (mut child, rx) = start(dir.path(), &["check", "--watch"]);
    let mut seen = Vec::new();
    until(&rx, "chitieu --watch: watching", &mut seen);
    until(&rx, "passed,", &mut seen);
    assert!(seen.iter().any(|l| l.starts_with("| 07") && l.contains("fail")), "{}", seen.join("\n"));

    // 07 at 90% instead of 100%: it passes, and the second run says so first.
    let rule = dir.path().join("rules/suu-tra/07-loai-b-co-ctvbm.rhai");
    edit(&rule, "value: 100% }", "value: 90% }");
    until(&rx, "run 2, after changes to: rules/suu-tra/07-loai-b-co-ctvbm.rhai", &mut seen);
    until(&rx, "| 07 ", &mut seen);
    assert!(seen.last().unwrap().contains("pass") && seen.last().unwrap().contains(">= 90%"), "{}", seen.join("\n"));
    until(&rx, "passed,", &mut seen);
    // What changed comes under the run's output, from that same run.
    until(&rx, "07: fail → pass", &mut seen);

    // A broken edit: its diagnostic, and the watch goes on.
    edit(&rule, "require_share(", "require_share((");
    until(&rx, "passed,", &mut seen);
    until(&rx, "07: pass → error", &mut seen);
    edit(&rule, "require_share((", "require_share(");
    until(&rx, "passed,", &mut seen);
    until(&rx, "07: error → pass", &mut seen);
    // No other run: reading the files is not a change.
    std::thread::sleep(Duration::from_millis(800));
    assert!(rx.try_recv().is_err(), "a run nobody asked for");

    #[cfg(unix)]
    {
        let pid = child.id().to_string();
        assert!(Command::new("kill").args(["-INT", &pid]).status().unwrap().success());
        until(&rx, "stopped watching", &mut seen);
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(0), "{}", seen.join("\n"));
    }
    #[cfg(not(unix))]
    {
        child.kill().unwrap();
        child.wait().unwrap();
    }
}

#[test]
fn test_runs_again_when_a_case_file_changes() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(std::path::Path::new("rules"), &dir.path().join("rules"));
    let (mut child, rx) = start(dir.path(), &["test", "--watch"]);
    let mut seen = Vec::new();
    until(&rx, "88 passed, 0 failed", &mut seen);
    let cases = dir.path().join("rules/tests/suu-tra.yaml");
    edit(&cases, r#""07": { status: pass, measured: [1.0] }"#, r#""07": { status: fail, measured: [1.0] }"#);
    until(&rx, "87 passed, 1 failed", &mut seen);
    until(&rx, "07 passes when every open B subject has an active informant: ok → FAILED", &mut seen);
    child.kill().unwrap();
    child.wait().unwrap();
}

/// How often a file is opened while `during` runs (inotify's open events).
#[cfg(target_os = "linux")]
fn opens_of(path: &std::path::Path, during: impl FnOnce()) -> usize {
    use notify_debouncer_mini::notify::{self, Watcher};
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |e: notify::Result<notify::Event>| {
        if let Ok(e) = e
            && matches!(e.kind, notify::EventKind::Access(notify::event::AccessKind::Open(_)))
        {
            let _ = tx.send(());
        }
    })
    .unwrap();
    watcher.watch(path, notify::RecursiveMode::NonRecursive).unwrap();
    during();
    std::thread::sleep(Duration::from_millis(300));
    drop(watcher);
    rx.try_iter().count()
}

#[cfg(target_os = "linux")]
#[test]
fn each_run_reads_and_evaluates_the_unit_once() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(std::path::Path::new("rules"), &dir.path().join("rules"));
    copy_tree(std::path::Path::new("data"), &dir.path().join("data"));
    let unit = dir.path().join("data/binh-luc-2024.yaml");
    let mut seen = Vec::new();
    let mut watcher = None;
    let first = opens_of(&unit, || {
        let (child, rx) = start(dir.path(), &["check", "--watch", "--no-cache"]);
        until(&rx, "passed,", &mut seen);
        watcher = Some((child, rx));
    });
    let (mut child, rx) = watcher.unwrap();
    let rule = dir.path().join("rules/suu-tra/07-loai-b-co-ctvbm.rhai");
    let second = opens_of(&unit, || {
        edit(&rule, "value: 100% }", "value: 90% }");
        until(&rx, "07: fail → pass", &mut seen);
    });
    child.kill().unwrap();
    child.wait().unwrap();
    // The command's run reads the unit; the statuses are that run's.
    assert_eq!((first, second), (1, 1), "{}", seen.join("\n"));
}

/// Issue 30: an output written inside a watched folder is the run's own,
/// not a change: one run, and a real edit still makes a second.
#[test]
fn the_runs_own_output_does_not_wake_the_watch() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(std::path::Path::new("rules"), &dir.path().join("rules"));
    copy_tree(std::path::Path::new("data"), &dir.path().join("data"));
    let unit = dir.path().join("data/binh-luc-2024.yaml");
    let (mut child, rx) = start(
        dir.path(),
        &["check", "--watch", "--data", "data/binh-luc-2024.yaml", "--format", "json", "--output", "rules/out.json"],
    );
    let mut seen = Vec::new();
    until(&rx, "chitieu --watch: watching", &mut seen);
    std::thread::sleep(Duration::from_millis(1500));
    assert!(dir.path().join("rules/out.json").is_file());
    let runs = |seen: &[String]| seen.iter().filter(|l| l.contains("chitieu --watch: run ")).count();
    while let Ok(line) = rx.try_recv() {
        seen.push(line);
    }
    assert_eq!(runs(&seen), 0, "the output woke the watch:\n{}", seen.join("\n"));
    edit(&unit, "as_of: 2024-10-13", "as_of: 2024-10-12");
    until(&rx, "chitieu --watch: run 2, after changes to: data/binh-luc-2024.yaml", &mut seen);
    std::thread::sleep(Duration::from_millis(1500));
    while let Ok(line) = rx.try_recv() {
        seen.push(line);
    }
    assert_eq!(runs(&seen), 1, "{}", seen.join("\n"));
    child.kill().unwrap();
    child.wait().unwrap();
}
