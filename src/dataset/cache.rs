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
//! - **Whose**: chitieu writes only in a folder it made, an empty one, or
//!   one its tag marks as its own, and only if this user owns it and no one
//!   else may write in it ([`Cache::open`]); `clean` removes only its own
//!   entries, tag and `.gitignore`. Entries unused for 30 days, and the
//!   least recently used past 256 MiB, are pruned by a run that writes one.
//! - Any unreadable, truncated, foreign or altered entry is a miss, rebuilt
//!   silently; a cache that cannot be written is no cache. Invalid data is
//!   never cached (its diagnostics need the source text, which is read anyway).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, SystemTime};

use super::Limits;
use super::record::Dataset;
use crate::audit::sha256_hex;

/// Bumped when the layout of an entry changes (2: records written by the
/// model, field by field, absent fields left out).
const FORMAT: u32 = 2;
const MAGIC: &[u8; 8] = b"CHITIEU\x1a";
const HEADER: usize = 8 + 4 + 64 + 64 + 8;

/// The folder of cached units.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
    /// Set once this process has pruned old entries (on its first write).
    pruned: Arc<OnceLock<()>>,
    /// Whether the folder was made ready (or found ready), once for all of
    /// this process's workers: two writing at once must not take each
    /// other's half-made folder for someone else's.
    prepared: Arc<OnceLock<bool>>,
}

/// Entries not used for this long are removed (on a run that writes one).
pub const MAX_AGE: Duration = Duration::from_secs(30 * 24 * 60 * 60);
/// Past this total size the least recently used entries are removed.
pub const MAX_BYTES: u64 = 256 * 1024 * 1024;

/// Why a cache folder is not used: the run goes on uncached, saying so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unusable {
    /// Another user owns it (numeric user id).
    NotOwned { owner: u32 },
    /// Its group or others may write in it (the permission bits).
    Writable { mode: u32 },
    /// It holds files, and no tag says it is chitieu's.
    NotOurs,
    /// It is not a folder.
    NotAFolder,
}

/// What `cache clean` did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cleaned {
    /// The folder was chitieu's cache (else nothing was touched).
    pub found: bool,
    /// Entries removed.
    pub entries: usize,
    /// The folder stays: it holds files that are not chitieu's.
    pub kept: bool,
}

/// What a cache lookup gave, for `CHITIEU_CACHE_LOG`.
fn log(what: &str, name: &str) {
    if std::env::var_os("CHITIEU_CACHE_LOG").is_some() {
        eprintln!("cache: {what} {name}");
    }
}

const TAG: &str = "Signature: 8a477f597d28d172789f06886806bc55\n\
                   # This file is a cache directory tag created by chitieu.\n\
                   # For information about cache directory tags see https://bford.info/cachedir/\n";
const GITIGNORE: &str = "# Created by chitieu: the parsed-unit cache.\n*\n";

impl Cache {
    /// The cache at `dir`, unchecked (tests, and callers that check it
    /// with [`Cache::open`]).
    pub fn new(dir: impl Into<PathBuf>) -> Cache {
        Cache { dir: dir.into(), pruned: Arc::default(), prepared: Arc::default() }
    }

    /// The cache at `dir` if this user may trust it: a folder that does not
    /// exist yet (made on the first write), or one owned by this user,
    /// writable by no one else, and either empty or tagged as chitieu's. A
    /// symlinked folder is followed to the folder it names, which is checked.
    pub fn open(dir: impl Into<PathBuf>) -> Result<Cache, Unusable> {
        let dir: PathBuf = dir.into();
        let Ok(meta) = std::fs::metadata(&dir) else { return Ok(Cache::new(dir)) };
        let dir = std::fs::canonicalize(&dir).unwrap_or(dir);
        if !meta.is_dir() {
            return Err(Unusable::NotAFolder);
        }
        trusted(&meta)?;
        if !is_ours(&dir) && !is_empty(&dir) {
            return Err(Unusable::NotOurs);
        }
        Ok(Cache::new(dir))
    }

    /// `.chitieu/cache` under a project root.
    pub fn project_dir(root: &Path) -> PathBuf {
        root.join(".chitieu").join("cache")
    }

    /// The cache folder a run uses: `CHITIEU_CACHE_DIR`, else the
    /// project's.
    pub fn chosen_dir(root: &Path) -> PathBuf {
        match std::env::var_os("CHITIEU_CACHE_DIR").filter(|d| !d.is_empty()) {
            Some(dir) => PathBuf::from(dir),
            None => Self::project_dir(root),
        }
    }

    /// `.chitieu/cache` under a project root, unchecked.
    pub fn in_project(root: &Path) -> Cache {
        Cache::new(Self::project_dir(root))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The key of a file's content as this build would parse it.
    pub fn key(content_sha256: &str, json: bool, limits: &Limits, model_sha256: &str) -> String {
        let version = env!("CARGO_PKG_VERSION");
        sha256_hex(format!("{FORMAT}\0{version}\0{model_sha256}\0{limits:?}\0{json}\0{content_sha256}").as_bytes())
    }

    fn entry(&self, key: &str) -> PathBuf {
        self.dir.join(&key[..2]).join(format!("{key}.bin"))
    }

    /// The dataset cached under `key` for this content, if a sound entry
    /// holds it (one this user wrote, that no one else may write).
    pub fn get(
        &self,
        key: &str,
        content_sha256: &str,
        name: &str,
        model: &'static crate::model::Model,
    ) -> Option<Dataset> {
        let found = read_entry(&self.entry(key)).and_then(|bytes| decode(&bytes, key, content_sha256, model));
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
        if !*self.prepared.get_or_init(|| self.prepare().is_ok()) {
            return Err(std::io::Error::other("the cache folder is not usable"));
        }
        self.pruned.get_or_init(|| {
            self.prune(SystemTime::now());
        });
        let path = self.entry(key);
        private_dir(path.parent().unwrap_or(&self.dir))?;
        let mut out = crate::write::Output::private(&path)?;
        out.write_all(bytes)?;
        out.commit()
    }

    /// The cache folder with its tag and `.gitignore`: made when missing,
    /// or an empty folder taken; never a folder holding anything else.
    fn prepare(&self) -> std::io::Result<()> {
        if is_ours(&self.dir) {
            return Ok(());
        }
        if self.dir.exists() && !is_empty(&self.dir) {
            return Err(std::io::Error::other("not chitieu's folder"));
        }
        private_dir(&self.dir)?;
        let mut ignore = crate::write::Output::private(&self.dir.join(".gitignore"))?;
        ignore.write_all(GITIGNORE.as_bytes())?;
        // Never over a `.gitignore` that appeared in the meantime.
        let _ = ignore.commit_new();
        crate::write::write_whole(&self.dir.join("CACHEDIR.TAG"), TAG.as_bytes())
    }

    /// The entries of the cache: each `<key>.bin` in a two-letter folder,
    /// and temporary files left there.
    fn entries(&self) -> Vec<(PathBuf, std::fs::Metadata)> {
        let mut found = Vec::new();
        for shard in std::fs::read_dir(&self.dir).into_iter().flatten().flatten() {
            if !is_shard(&shard.file_name()) {
                continue;
            }
            for entry in std::fs::read_dir(shard.path()).into_iter().flatten().flatten() {
                let file = entry.file_name();
                let file = file.to_string_lossy();
                let is_entry =
                    file.len() == 68 && file.ends_with(".bin") && file[..64].bytes().all(|b| b.is_ascii_hexdigit());
                let is_temporary = file.starts_with('.') && file.ends_with(crate::write::TEMP_SUFFIX);
                if let Ok(meta) = entry.metadata()
                    && meta.is_file()
                    && (is_entry || is_temporary)
                {
                    found.push((entry.path(), meta));
                }
            }
        }
        found
    }

    /// Removes entries unused for [`MAX_AGE`], then the least recently used
    /// until the rest fit in [`MAX_BYTES`]. Returns how many went.
    pub fn prune(&self, now: SystemTime) -> usize {
        let mut entries: Vec<(PathBuf, u64, SystemTime)> =
            self.entries().into_iter().map(|(path, meta)| (path, meta.len(), meta.modified().unwrap_or(now))).collect();
        entries.sort_by_key(|(_, _, used)| std::cmp::Reverse(*used));
        let mut kept = 0u64;
        let mut removed = 0;
        for (path, len, used) in entries {
            let age = now.duration_since(used).unwrap_or_default();
            // Another run's temporary file is its own business for a while.
            let temporary = path.extension().is_some_and(|e| e == "chitieu-tmp");
            if temporary && age < Duration::from_secs(3600) {
                continue;
            }
            let old = age > MAX_AGE;
            if old || kept + len > MAX_BYTES {
                if std::fs::remove_file(&path).is_ok() {
                    removed += 1;
                }
            } else {
                kept += len;
            }
        }
        removed
    }

    /// Removes chitieu's own entries, tag and `.gitignore`, and the folder
    /// once empty; a folder that is not chitieu's cache is not touched, and
    /// one holding other files is kept with them. A symlink is followed.
    pub fn clean(&self) -> std::io::Result<Cleaned> {
        let dir = std::fs::canonicalize(&self.dir).unwrap_or_else(|_| self.dir.clone());
        let cache = Cache::new(dir.clone());
        if !is_ours(&dir) {
            return Ok(Cleaned::default());
        }
        let mut cleaned = Cleaned { found: true, ..Cleaned::default() };
        for (path, _) in cache.entries() {
            std::fs::remove_file(&path)?;
            cleaned.entries += 1;
        }
        for shard in std::fs::read_dir(&dir)?.flatten() {
            if is_shard(&shard.file_name()) {
                // Only when empty: anything else in it stays.
                let _ = std::fs::remove_dir(shard.path());
            }
        }
        let ignore = dir.join(".gitignore");
        if crate::input::read_limited(&ignore, 4096).is_ok_and(|b| b == GITIGNORE.as_bytes()) {
            std::fs::remove_file(&ignore)?;
        }
        std::fs::remove_file(dir.join("CACHEDIR.TAG"))?;
        if std::fs::remove_dir(&dir).is_err() {
            // Not empty: what is left is not chitieu's.
            cleaned.kept = true;
        }
        Ok(cleaned)
    }
}

/// A folder of entries: two hex digits, the first of their keys.
fn is_shard(name: &std::ffi::OsStr) -> bool {
    name.len() == 2 && name.to_string_lossy().bytes().all(|b| b.is_ascii_hexdigit())
}

/// The folder carries chitieu's cache tag.
fn is_ours(dir: &Path) -> bool {
    let tag = dir.join("CACHEDIR.TAG");
    let Ok(meta) = std::fs::symlink_metadata(&tag) else { return false };
    meta.is_file()
        && meta.len() <= 4096
        && std::fs::read_to_string(&tag).is_ok_and(|t| {
            t.starts_with("Signature: 8a477f597d28d172789f06886806bc55") && t.contains("created by chitieu")
        })
}

fn is_empty(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none())
}

/// An entry's bytes: a regular file this user owns that no one else may
/// write, and no larger than an entry can be.
fn read_entry(path: &Path) -> Option<Vec<u8>> {
    use std::io::Read;
    let file = std::fs::File::open(path).ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file() || trusted(&meta).is_err() || meta.len() > MAX_ENTRY {
        return None;
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    (&file).take(MAX_ENTRY + 1).read_to_end(&mut bytes).ok()?;
    // Used now: pruning by age keeps it (the owner may set its times; on
    // Windows only through a handle that may write).
    if file.set_modified(SystemTime::now()).is_err()
        && let Ok(writable) = std::fs::File::options().write(true).open(path)
    {
        let _ = writable.set_modified(SystemTime::now());
    }
    Some(bytes)
}

/// No entry is larger than this (a unit file is at most 16 MiB).
const MAX_ENTRY: u64 = 256 * 1024 * 1024;

/// Owned by this user and writable by no one else, as ssh asks of its keys.
#[cfg(unix)]
fn trusted(meta: &std::fs::Metadata) -> Result<(), Unusable> {
    use std::os::unix::fs::MetadataExt;
    // SAFETY: geteuid has no preconditions and cannot fail.
    let me = unsafe { libc::geteuid() };
    if meta.uid() != me {
        return Err(Unusable::NotOwned { owner: meta.uid() });
    }
    if meta.mode() & 0o022 != 0 {
        return Err(Unusable::Writable { mode: meta.mode() & 0o777 });
    }
    Ok(())
}

#[cfg(not(unix))]
fn trusted(_: &std::fs::Metadata) -> Result<(), Unusable> {
    Ok(())
}

fn sha256_raw(bytes: &[u8]) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).into()
}

fn decode(bytes: &[u8], key: &str, content_sha256: &str, model: &'static crate::model::Model) -> Option<Dataset> {
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
    let found = super::seed::Found::default();
    let mut de = rmp_serde::Deserializer::from_read_ref(payload);
    serde::de::DeserializeSeed::deserialize(super::seed::DatasetSeed { model, found: &found }, &mut de).ok()
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
        super::super::parse(
            "u.yaml".into(),
            UNIT.as_bytes().to_vec(),
            false,
            Limits::default(),
            crate::model::Model::shipped_ref(),
        )
        .unwrap()
    }

    /// Workers of one run writing their first entries at once into a cache
    /// folder not yet made: each entry is written (none takes another's
    /// half-made folder for someone else's).
    #[test]
    fn workers_making_the_folder_at_once_all_write() {
        let unit = parsed();
        for _ in 0..20 {
            let dir = tempfile::tempdir().unwrap();
            let cache = Cache::new(dir.path().join("cache"));
            let barrier = std::sync::Barrier::new(8);
            std::thread::scope(|scope| {
                for n in 0..8 {
                    let (cache, barrier, unit) = (cache.clone(), &barrier, &unit);
                    scope.spawn(move || {
                        let key = Cache::key(&unit.sha256, false, &Limits::default(), &n.to_string());
                        barrier.wait();
                        cache.put(&key, &unit.sha256, &unit.data, "u.yaml");
                    });
                }
            });
            assert_eq!(cache.entries().len(), 8);
        }
    }

    #[test]
    fn a_dataset_comes_back_with_its_positions() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path());
        let unit = parsed();
        let key = Cache::key(&unit.sha256, false, &Limits::default(), "m");
        cache.put(&key, &unit.sha256, &unit.data, "u.yaml");
        let back = cache.get(&key, &unit.sha256, "u.yaml", crate::model::Model::shipped_ref()).expect("a hit");
        assert_eq!(back.named("subjects")[0].referenced.line(), unit.data.named("subjects")[0].referenced.line());
        assert_eq!(back.named("subjects")[0].referenced.column(), unit.data.named("subjects")[0].referenced.column());
        assert_eq!(back.named("subjects")[0].referenced.line(), 7);
        assert_eq!(back.unit.value.name, "Đơn vị");
        assert_eq!(back.named("officers")[0].value.text(0), Some("CB1"));
        let values = |d: &Dataset| -> Vec<Vec<super::super::record::Record>> {
            d.records.iter().map(|list| list.iter().map(|r| r.value.clone()).collect()).collect()
        };
        assert_eq!(values(&back), values(&unit.data));
        // Every value the same (plain serde writes values only), and every
        // record's line and column (what positions are used for; byte
        // offsets are not kept).
        assert_eq!(serde_json::to_string(&back).unwrap(), serde_json::to_string(&unit.data).unwrap());
        let at = |l: &serde_saphyr::Location| (l.line(), l.column());
        assert_eq!(at(&back.unit.referenced), at(&unit.data.unit.referenced));
        assert_eq!(at(&back.period.defined), at(&unit.data.period.defined));
        assert_eq!(at(&back.named("officers")[0].defined), at(&unit.data.named("officers")[0].defined));
        assert!(dir.path().join("CACHEDIR.TAG").is_file());
    }

    #[test]
    fn a_damaged_or_foreign_entry_is_a_miss() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path());
        let unit = parsed();
        let key = Cache::key(&unit.sha256, false, &Limits::default(), "m");
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
            assert!(cache.get(&key, &unit.sha256, "u.yaml", crate::model::Model::shipped_ref()).is_none());
        }
        // Another content's hash never reads this entry.
        std::fs::write(&path, &good).unwrap();
        assert!(cache.get(&key, &"0".repeat(64), "u.yaml", crate::model::Model::shipped_ref()).is_none());
        assert!(cache.get(&key, &unit.sha256, "u.yaml", crate::model::Model::shipped_ref()).is_some());
    }

    #[test]
    fn the_key_changes_with_content_syntax_and_limits() {
        let limits = Limits::default();
        let a = Cache::key(&"a".repeat(64), false, &limits, "m");
        assert_ne!(a, Cache::key(&"b".repeat(64), false, &limits, "m"));
        assert_ne!(a, Cache::key(&"a".repeat(64), true, &limits, "m"));
        assert_ne!(a, Cache::key(&"a".repeat(64), false, &Limits { max_depth: 8, ..Limits::default() }, "m"));
        // Another model (its file's digest) is another key.
        assert_ne!(a, Cache::key(&"a".repeat(64), false, &limits, "n"));
    }
}
