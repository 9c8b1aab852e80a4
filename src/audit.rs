//! Reproducible audits: every output records the tool's version, the as-of
//! date and a SHA-256 of every input that shaped it (unit files, rule files
//! and library modules, directive overlays, waivers, the settings file), so that
//! `chitieu verify` can say whether a recorded result still follows from the
//! files it names.

use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::rules::RulePack;

/// What an input is to the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Unit,
    Rule,
    Library,
    Directive,
    Waiver,
    Settings,
    /// The pack's `plan.yaml`: its statistics period decides which units it
    /// evaluates.
    Plan,
    /// The pack's `model.yaml`: the records its rules read.
    Model,
}

/// One file that shaped a result, as outputs record it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Input {
    pub path: String,
    pub role: Role,
    pub sha256: String,
}

/// What a run was asked to evaluate, recorded so `chitieu verify` can ask
/// again: the rules folder, the overlays given besides its own, the data,
/// the as-of date and the targets.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invocation {
    pub rules: String,
    pub directives: Vec<String>,
    /// Waiver files given besides the rules folder's own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub waivers: Vec<String>,
    pub data: String,
    pub as_of: Option<chrono::NaiveDate>,
    pub only: Option<Vec<String>>,
    /// The settings file that applied, when one did (found in the working
    /// folder or above it, up to the repository's root).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<String>,
    /// The plan the pack is for, when it names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<crate::rules::plan::Plan>,
}

/// The SHA-256 of some bytes, in lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The SHA-256 of a file's bytes, read in chunks; None when it cannot be
/// read (or is no regular file, or past `input::MAX_DIGEST_BYTES`).
pub fn file_digest(path: &Path) -> Option<String> {
    crate::input::digest(path)
}

/// The rule pack's own inputs: its rule files, library modules and overlays,
/// as they are on disk now.
pub fn pack_inputs(pack: &RulePack) -> Vec<Input> {
    let rules = pack.rules.iter().map(|r| (r.source.name.clone(), Role::Rule));
    let libs = pack.libs.iter().map(|(_, s)| (s.name.clone(), Role::Library));
    let directives = pack.directives.iter().map(|d| (d.file.clone(), Role::Directive));
    let waivers = pack.waiver_files.iter().map(|f| (f.clone(), Role::Waiver));
    let plan = pack.plan.iter().map(|p| (p.file.clone(), Role::Plan));
    let model = pack.model_file.iter().map(|f| (f.clone(), Role::Model));
    let mut inputs: Vec<Input> = rules
        .chain(libs)
        .chain(directives)
        .chain(waivers)
        .chain(plan)
        .chain(model)
        .filter_map(|(path, role)| file_digest(Path::new(&path)).map(|sha256| Input { path, role, sha256 }))
        .collect();
    inputs.sort_by(|a, b| (a.role as u8, &a.path).cmp(&(b.role as u8, &b.path)));
    inputs
}

/// One short digest for a whole set of inputs, for a printed footer: the
/// first 12 hex digits of the SHA-256 over every path and digest, in order.
pub fn short_digest(inputs: &[Input]) -> String {
    let mut sorted: Vec<&Input> = inputs.iter().collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    let mut hasher = Sha256::new();
    for i in sorted {
        hasher.update(i.path.as_bytes());
        hasher.update([0]);
        hasher.update(i.sha256.as_bytes());
        hasher.update([b'\n']);
    }
    hasher.finalize().iter().take(6).map(|b| format!("{b:02x}")).collect()
}

/// How a recorded input differs from the file on disk now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputChange {
    /// The file's bytes differ from the recorded digest.
    Changed(Input),
    /// The recorded file is gone (or unreadable).
    Missing(Input),
    /// A file shapes the result now that the recorded run did not have.
    Added(Input),
}

/// Every difference between the inputs a result recorded and those of now,
/// in the recorded order, then the new ones.
pub fn compare_inputs(recorded: &[Input], now: &[Input]) -> Vec<InputChange> {
    let mut changes = Vec::new();
    for r in recorded {
        match now.iter().find(|n| n.path == r.path && n.role == r.role) {
            Some(n) if n.sha256 != r.sha256 => changes.push(InputChange::Changed(r.clone())),
            Some(_) => {}
            None => changes.push(InputChange::Missing(r.clone())),
        }
    }
    for n in now {
        if !recorded.iter().any(|r| r.path == n.path && r.role == n.role) {
            changes.push(InputChange::Added(n.clone()));
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_are_sha256() {
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        let a = Input { path: "a".into(), role: Role::Unit, sha256: sha256_hex(b"1") };
        let b = Input { path: "b".into(), role: Role::Rule, sha256: sha256_hex(b"2") };
        assert_eq!(short_digest(&[a.clone(), b.clone()]), short_digest(&[b.clone(), a.clone()]));
        let changed = Input { sha256: sha256_hex(b"3"), ..b };
        assert_ne!(
            short_digest(&[a.clone(), changed]),
            short_digest(&[a, Input { path: "b".into(), role: Role::Rule, sha256: sha256_hex(b"2") }])
        );
        assert_eq!(short_digest(&[]).len(), 12);
    }
}
