//! The parsed-unit cache, in the manner of ruff's and mypy's: a unit file
//! that has not changed since it was last read is not parsed again.
//!
//! - **Key**: SHA-256 over the file's content hash, the tool's version, the
//!   data model (the unit schema's hash), the parse limits and the syntax
//!   (YAML or JSON). A changed byte, a new release or a new model is a miss.
//! - **Value**: the validated `Dataset`, every record with its line and
//!   column (`model::spanned`), as MessagePack (rmp-serde): a self-describing
//!   format, which the model's deserialisers (`null` as absent, `Spanned`'s
//!   positions) need, so the cache reads back through the same model instead
//!   of a mirror of it. The entry also holds the content hash it was made
//!   from and a SHA-256 of its payload; both are checked on read.
//! - **Where**: `.chitieu/cache/` under the project root (with `CACHEDIR.TAG`
//!   and a `.gitignore`), or `CHITIEU_CACHE_DIR`; entries are written to a
//!   temporary file and renamed, readable by the owner only.
//! - Any unreadable, truncated, foreign or altered entry is a miss, rebuilt
//!   silently; a cache that cannot be written is no cache. Invalid data is
//!   never cached (its diagnostics need the source text, which is read anyway).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::Limits;
use super::model::Dataset;
use crate::audit::sha256_hex;

/// Bumped when the layout of an entry changes.
const FORMAT: u32 = 1;
const MAGIC: &[u8; 8] = b"CHITIEU\x1a";
const HEADER: usize = 8 + 4 + 64 + 64 + 8;

/// The folder of cached units.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

/// What a cache lookup gave, for `CHITIEU_CACHE_LOG`.
fn log(what: &str, name: &str) {
    if std::env::var_os("CHITIEU_CACHE_LOG").is_some() {
        eprintln!("cache: {what} {name}");
    }
}

fn model_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| sha256_hex(super::SCHEMA.as_bytes()))
}

impl Cache {
    pub fn new(dir: impl Into<PathBuf>) -> Cache {
        Cache { dir: dir.into() }
    }

    /// `.chitieu/cache` under a project root.
    pub fn in_project(root: &Path) -> Cache {
        Cache::new(root.join(".chitieu").join("cache"))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The key of a file's content as this build would parse it.
    pub fn key(content_sha256: &str, json: bool, limits: &Limits) -> String {
        let version = env!("CARGO_PKG_VERSION");
        sha256_hex(format!("{FORMAT}\0{version}\0{}\0{limits:?}\0{json}\0{content_sha256}", model_hash()).as_bytes())
    }

    fn entry(&self, key: &str) -> PathBuf {
        self.dir.join(&key[..2]).join(format!("{key}.bin"))
    }

    /// The dataset cached under `key` for this content, if a sound entry
    /// holds it.
    pub fn get(&self, key: &str, content_sha256: &str, name: &str) -> Option<Dataset> {
        let found = std::fs::read(self.entry(key)).ok().and_then(|bytes| decode(&bytes, key, content_sha256));
        log(if found.is_some() { "hit" } else { "miss" }, name);
        found
    }

    /// Stores a valid dataset; any failure leaves the cache as it was.
    pub fn put(&self, key: &str, content_sha256: &str, data: &Dataset, name: &str) {
        let Ok(payload) = rmp_serde::to_vec_named(data) else { return };
        let mut bytes = Vec::with_capacity(HEADER + payload.len() + 32);
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&FORMAT.to_le_bytes());
        bytes.extend_from_slice(key.as_bytes());
        bytes.extend_from_slice(content_sha256.as_bytes());
        bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&payload);
        bytes.extend_from_slice(&sha256_raw(&payload));
        if self.write(key, &bytes).is_ok() {
            log("write", name);
        }
    }

    fn write(&self, key: &str, bytes: &[u8]) -> std::io::Result<()> {
        self.prepare()?;
        let path = self.entry(key);
        let folder = path.parent().unwrap_or(&self.dir);
        private_dir(folder)?;
        let tmp = folder.join(format!(".{key}.{}.{:?}.tmp", std::process::id(), std::thread::current().id()));
        let written =
            private_file(&tmp).and_then(|mut f| f.write_all(bytes)).and_then(|()| std::fs::rename(&tmp, &path));
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        written
    }

    /// The cache folder with its tag and its `.gitignore`, made once.
    fn prepare(&self) -> std::io::Result<()> {
        let tag = self.dir.join("CACHEDIR.TAG");
        if tag.is_file() {
            return Ok(());
        }
        private_dir(&self.dir)?;
        std::fs::write(
            &tag,
            "Signature: 8a477f597d28d172789f06886806bc55\n\
             # This file is a cache directory tag created by chitieu.\n\
             # For information about cache directory tags see https://bford.info/cachedir/\n",
        )?;
        std::fs::write(self.dir.join(".gitignore"), "# Created by chitieu: the parsed-unit cache.\n*\n")
    }

    /// Removes the cache: only a folder chitieu made (it has the tag).
    /// Whether there was one.
    pub fn clean(&self) -> std::io::Result<bool> {
        if !self.dir.join("CACHEDIR.TAG").is_file() {
            return Ok(false);
        }
        std::fs::remove_dir_all(&self.dir)?;
        Ok(true)
    }
}

fn sha256_raw(bytes: &[u8]) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).into()
}

fn decode(bytes: &[u8], key: &str, content_sha256: &str) -> Option<Dataset> {
    if bytes.len() < HEADER + 32 || &bytes[..8] != MAGIC {
        return None;
    }
    let format = u32::from_le_bytes(bytes[8..12].try_into().ok()?);
    let stored_key = &bytes[12..76];
    let stored_content = &bytes[76..140];
    let len = u64::from_le_bytes(bytes[140..148].try_into().ok()?);
    let len = usize::try_from(len).ok()?;
    if format != FORMAT || stored_key != key.as_bytes() || stored_content != content_sha256.as_bytes() {
        return None;
    }
    if bytes.len() != HEADER.checked_add(len)?.checked_add(32)? {
        return None;
    }
    let payload = &bytes[HEADER..HEADER + len];
    if sha256_raw(payload)[..] != bytes[HEADER + len..] {
        return None;
    }
    rmp_serde::from_slice(payload).ok()
}

#[cfg(unix)]
fn private_dir(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(path)
}

#[cfg(not(unix))]
fn private_dir(path: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(path)
}

#[cfg(unix)]
fn private_file(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)
}

#[cfg(not(unix))]
fn private_file(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new().write(true).create_new(true).open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    const UNIT: &str = "
unit: { id: U, name: Đơn vị }
period: { start: 2023-10-15, end: 2024-10-13 }
officers:
  - { id: CB1, name: Một, role: leader }
subjects:
  - id: ST1
    category: B
    list: III
    opened: 2024-01-02
    informants: ~
";

    fn parsed() -> super::super::UnitFile {
        super::super::parse("u.yaml".into(), UNIT.as_bytes().to_vec(), false, Limits::default()).unwrap()
    }

    #[test]
    fn a_dataset_comes_back_with_its_positions() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path());
        let unit = parsed();
        let key = Cache::key(&unit.sha256, false, &Limits::default());
        cache.put(&key, &unit.sha256, &unit.data, "u.yaml");
        let back = cache.get(&key, &unit.sha256, "u.yaml").expect("a hit");
        assert_eq!(back.subjects[0].referenced.line(), unit.data.subjects[0].referenced.line());
        assert_eq!(back.subjects[0].referenced.column(), unit.data.subjects[0].referenced.column());
        assert_eq!(back.subjects[0].referenced.line(), 7);
        assert_eq!(back.unit.value.name, "Đơn vị");
        assert_eq!(back.officers[0].value.id, "CB1");
        assert!(back.subjects[0].value.informants.is_empty());
        // Every value the same (plain serde writes values only), and every
        // record's line and column (what positions are used for; byte
        // offsets are not kept).
        assert_eq!(serde_json::to_string(&back).unwrap(), serde_json::to_string(&unit.data).unwrap());
        let at = |l: &serde_saphyr::Location| (l.line(), l.column());
        assert_eq!(at(&back.unit.referenced), at(&unit.data.unit.referenced));
        assert_eq!(at(&back.period.defined), at(&unit.data.period.defined));
        assert_eq!(at(&back.officers[0].defined), at(&unit.data.officers[0].defined));
        assert!(dir.path().join("CACHEDIR.TAG").is_file());
    }

    #[test]
    fn a_damaged_or_foreign_entry_is_a_miss() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path());
        let unit = parsed();
        let key = Cache::key(&unit.sha256, false, &Limits::default());
        cache.put(&key, &unit.sha256, &unit.data, "u.yaml");
        let path = cache.entry(&key);
        let good = std::fs::read(&path).unwrap();
        let mut cases: Vec<Vec<u8>> = vec![good[..good.len() / 2].to_vec(), Vec::new(), b"garbage".to_vec()];
        let mut flipped = good.clone();
        let middle = HEADER + 10;
        flipped[middle] ^= 1;
        cases.push(flipped);
        let mut foreign = good.clone();
        foreign[8] = 99;
        cases.push(foreign);
        for bytes in cases {
            std::fs::write(&path, &bytes).unwrap();
            assert!(cache.get(&key, &unit.sha256, "u.yaml").is_none());
        }
        // Another content's hash never reads this entry.
        std::fs::write(&path, &good).unwrap();
        assert!(cache.get(&key, &"0".repeat(64), "u.yaml").is_none());
        assert!(cache.get(&key, &unit.sha256, "u.yaml").is_some());
    }

    #[test]
    fn the_key_changes_with_content_syntax_and_limits() {
        let limits = Limits::default();
        let a = Cache::key(&"a".repeat(64), false, &limits);
        assert_ne!(a, Cache::key(&"b".repeat(64), false, &limits));
        assert_ne!(a, Cache::key(&"a".repeat(64), true, &limits));
        assert_ne!(a, Cache::key(&"a".repeat(64), false, &Limits { max_depth: 8, ..Limits::default() }));
    }
}
