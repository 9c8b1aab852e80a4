//! Every file chitieu writes goes through here, so that nothing a user has is
//! ever lost to it:
//!
//! - **Whole or not at all.** An output is written to a temporary file in
//!   its own folder — uniquely named, created exclusively (an existing name,
//!   a planted symlink included, is never opened), synced — and renamed over
//!   the target only once complete. Two runs writing one output each leave
//!   one whole run's file, never a mix.
//! - **Cleaned on every path.** A temporary file is removed when its writer
//!   is dropped (an error, a panic unwinding) and, through [`interrupted`],
//!   on Ctrl-C and SIGTERM.
//! - **An existing output keeps its permissions**; a new one gets the
//!   user's umask (a cache entry, owner-only).
//! - **Outputs never replace inputs.** [`Target::check`] refuses, before
//!   anything is written, an output that is the same file as an input of the
//!   run (compared by identity, not by spelling), an existing file where
//!   people type records unless forced, and an extension that is not the
//!   format's.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The temporary files alive now, for [`interrupted`].
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// What runs on Ctrl-C once temporaries are gone: `--watch`'s way to stop
/// its loop. None: the process ends.
type OnInterrupt = Box<dyn Fn() + Send>;
static ON_INTERRUPT: Mutex<Option<OnInterrupt>> = Mutex::new(None);

/// The suffix of every temporary file chitieu makes beside an output.
pub const TEMP_SUFFIX: &str = ".chitieu-tmp";

fn live() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    LIVE.lock().unwrap_or_else(|e| e.into_inner())
}

fn forget(path: &Path) {
    let mut live = live();
    if let Some(i) = live.iter().position(|p| p == path) {
        live.swap_remove(i);
    }
}

/// Removes every temporary file still alive (called on Ctrl-C or SIGTERM),
/// then stops `--watch` if it asked to be told (returning), else ends the
/// process with exit 130.
pub fn interrupted() {
    // The list stays locked from here until the process ends: no temporary
    // file can be made (and so left) after the others were removed.
    let mut live = live();
    for path in live.drain(..) {
        let _ = std::fs::remove_file(path);
    }
    match &*ON_INTERRUPT.lock().unwrap_or_else(|e| e.into_inner()) {
        Some(stop) => {
            drop(live);
            stop();
        }
        None => {
            // Ctrl-C's and SIGTERM's conventional exit (ctrlc tells them
            // apart from nothing).
            std::process::exit(130)
        }
    }
}

/// Removes the live temporary files that `which` picks.
#[cfg(test)]
fn remove_live(which: impl Fn(&Path) -> bool) {
    live().retain(|path| {
        if which(path) {
            let _ = std::fs::remove_file(path);
            false
        } else {
            true
        }
    });
}

/// Asks to be told of Ctrl-C instead of the process ending (`--watch`).
pub fn on_interrupt(stop: impl Fn() + Send + 'static) {
    *ON_INTERRUPT.lock().unwrap_or_else(|e| e.into_inner()) = Some(Box::new(stop));
}

/// A uniquely named file in `folder`, created exclusively and registered
/// for removal on interrupt; `private` makes it owner-only on Unix.
fn temporary(folder: &Path, stem: &str, private: bool) -> io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(stem).suffix(TEMP_SUFFIX).rand_bytes(8);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(if private { 0o600 } else { 0o666 }));
    }
    #[cfg(not(unix))]
    let _ = private;
    // Made and listed under the lock, so an interrupt finds it.
    let mut live = live();
    let file = builder.tempfile_in(folder)?;
    live.push(file.path().to_path_buf());
    Ok(file)
}

/// The folder a path is in (`.` for a bare name).
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// `.name.` — the hidden prefix of a temporary file beside `target`.
fn stem_for(target: &Path) -> String {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    // Long names are cut to 150 bytes (on a character boundary), so the
    // temporary name stays within the file system's 255.
    let mut end = name.len().min(150);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    format!(".{}.", &name[..end])
}

/// An output being written: a temporary file beside the target, renamed
/// over it by [`Output::commit`]; dropped uncommitted, it is removed.
pub struct Output {
    file: io::BufWriter<tempfile::NamedTempFile>,
    target: PathBuf,
    _registered: Registered,
}

/// A temporary file's place in the list of live ones, left when dropped
/// (the file itself is removed by its own drop, or renamed).
struct Registered(PathBuf);

impl Drop for Registered {
    fn drop(&mut self) {
        forget(&self.0);
    }
}

impl Output {
    /// Starts writing `target`.
    pub fn create(target: &Path) -> io::Result<Output> {
        Self::make(target, false)
    }

    /// Starts writing `target`, owner-only (the parsed-unit cache).
    pub fn private(target: &Path) -> io::Result<Output> {
        Self::make(target, true)
    }

    fn make(target: &Path, private: bool) -> io::Result<Output> {
        let file = temporary(folder_of(target), &stem_for(target), private)?;
        let registered = Registered(file.path().to_path_buf());
        Ok(Output {
            file: io::BufWriter::with_capacity(64 * 1024, file),
            target: target.to_path_buf(),
            _registered: registered,
        })
    }

    /// Syncs the file and renames it over the target, whose permissions it
    /// takes when there is one.
    pub fn commit(self) -> io::Result<()> {
        self.finish(true)
    }

    /// As `commit`, but never replaces an existing file (`new rule`).
    pub fn commit_new(self) -> io::Result<()> {
        self.finish(false)
    }

    fn finish(self, replace: bool) -> io::Result<()> {
        let Output { file, target, _registered } = self;
        let file = file.into_inner().map_err(|e| e.into_error())?;
        file.as_file().sync_all()?;
        if let Ok(meta) = std::fs::metadata(&target) {
            file.as_file().set_permissions(meta.permissions())?;
        }
        let persisted = if replace { file.persist(&target) } else { file.persist_noclobber(&target) };
        persisted.map(drop).map_err(|e| e.error)
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.file.write_all(buf)
    }
}

/// Writes `bytes` to `path` whole or not at all.
pub fn write_whole(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut out = Output::create(path)?;
    out.write_all(bytes)?;
    out.commit()
}

/// A scratch file beside an output (the HTML page's spool): uniquely named,
/// read back before the output is committed, removed when dropped.
pub struct Scratch {
    file: tempfile::NamedTempFile,
    _registered: Registered,
}

impl Scratch {
    pub fn beside(target: &Path) -> io::Result<Scratch> {
        let file = temporary(folder_of(target), &stem_for(target), true)?;
        let registered = Registered(file.path().to_path_buf());
        Ok(Scratch { file, _registered: registered })
    }

    /// The file from its start, for reading it back.
    pub fn reopen(&self) -> io::Result<std::fs::File> {
        self.file.reopen()
    }
}

impl Write for Scratch {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// Why an output path is refused, before anything is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The output is the same file as an input of the run.
    IsInput { output: PathBuf, input: PathBuf },
    /// The output exists and is a file people type records into.
    Exists { output: PathBuf },
    /// The output's extension is not its format's.
    Extension { output: PathBuf, expected: &'static [&'static str] },
    /// The output names a folder.
    IsFolder { output: PathBuf },
}

/// Where a command is about to write, and what it must not touch.
pub struct Target<'a> {
    pub output: &'a Path,
    /// The extensions the format is written with (lower case, no dot).
    pub extensions: &'static [&'static str],
    /// A file people type records into: an existing one is replaced only
    /// with `--force`.
    pub records: bool,
    pub force: bool,
}

impl Target<'_> {
    /// Refuses the output if it is one of the files the run reads
    /// (`inputs`, compared by identity), an existing records file unforced,
    /// or if its extension is not the format's.
    pub fn check<P: AsRef<Path>>(&self, inputs: &[P]) -> Result<(), Refusal> {
        let output = self.output.to_path_buf();
        let ext = self.output.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        if !ext.as_deref().is_some_and(|e| self.extensions.contains(&e)) {
            return Err(Refusal::Extension { output, expected: self.extensions });
        }
        let Ok(meta) = std::fs::metadata(self.output) else { return Ok(()) };
        if meta.is_dir() {
            return Err(Refusal::IsFolder { output });
        }
        // A file that cannot be opened is still there: only the records
        // test below decides for it.
        if let Ok(handle) = same_file::Handle::from_path(self.output) {
            let same = |input: &Path| same_file::Handle::from_path(input).is_ok_and(|h| h == handle);
            if let Some(input) = inputs.iter().map(AsRef::as_ref).find(|i| same(i)) {
                return Err(Refusal::IsInput { output, input: input.to_path_buf() });
            }
        }
        if self.records && !self.force {
            return Err(Refusal::Exists { output });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temporaries(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(TEMP_SUFFIX))
            .collect()
    }

    #[test]
    fn an_output_appears_whole_and_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.json");
        let mut out = Output::create(&target).unwrap();
        out.write_all(b"half").unwrap();
        assert!(!target.exists(), "nothing at the target before commit");
        assert_eq!(temporaries(dir.path()).len(), 1);
        out.commit().unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"half");
        assert!(temporaries(dir.path()).is_empty());
        // Dropped uncommitted: the old file stays, the temporary goes.
        let mut out = Output::create(&target).unwrap();
        out.write_all(b"other").unwrap();
        drop(out);
        assert_eq!(std::fs::read(&target).unwrap(), b"half");
        assert!(temporaries(dir.path()).is_empty());
        assert!(!live().iter().any(|p| p.starts_with(dir.path())), "nothing left to remove on interrupt");
    }

    #[cfg(unix)]
    #[test]
    fn an_existing_output_keeps_its_permissions_and_a_symlink_is_replaced_not_followed() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("page.html");
        std::fs::write(&target, "old").unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_whole(&target, b"new").unwrap();
        assert_eq!(std::fs::metadata(&target).unwrap().permissions().mode() & 0o777, 0o640);
        // A link at the output: the link is replaced, what it points at kept.
        let victim = dir.path().join("victim.yaml");
        std::fs::write(&victim, "records").unwrap();
        let link = dir.path().join("link.html");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        write_whole(&link, b"page").unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"records");
        assert_eq!(std::fs::read(&link).unwrap(), b"page");
    }

    #[test]
    fn commit_new_never_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("rule.rhai");
        std::fs::write(&target, "mine").unwrap();
        let mut out = Output::create(&target).unwrap();
        out.write_all(b"theirs").unwrap();
        assert!(out.commit_new().is_err());
        assert_eq!(std::fs::read(&target).unwrap(), b"mine");
        assert!(temporaries(dir.path()).is_empty());
    }

    #[test]
    fn interrupted_removes_live_temporaries() {
        // Other tests' temporaries are live too: this one removes its own
        // (`interrupted` removes all; tests/safety.rs sends the signal).
        let dir = tempfile::tempdir().unwrap();
        let out = Output::create(&dir.path().join("a.html")).unwrap();
        let scratch = Scratch::beside(&dir.path().join("a.html")).unwrap();
        assert_eq!(temporaries(dir.path()).len(), 2);
        remove_live(|p| p.starts_with(dir.path()));
        assert!(temporaries(dir.path()).is_empty());
        drop((out, scratch));
    }

    #[test]
    fn targets_are_refused_by_identity_records_and_extension() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        std::fs::create_dir(&data).unwrap();
        let unit = data.join("u.yaml");
        std::fs::write(&unit, "unit").unwrap();
        // The same file by another spelling.
        let spelled = dir.path().join("data/../data/./u.yaml");
        fn target(output: &Path, records: bool, force: bool) -> Target<'_> {
            Target { output, extensions: &["yaml", "yml"], records, force }
        }
        let refused = target(&spelled, false, false).check(&[&unit]);
        assert_eq!(refused, Err(Refusal::IsInput { output: spelled.clone(), input: unit.clone() }));
        // Forced or not, an input is never replaced.
        assert!(matches!(target(&unit, true, true).check(&[&unit]), Err(Refusal::IsInput { .. })));
        let other = dir.path().join("other.yaml");
        assert_eq!(target(&other, true, false).check(&[&unit]), Ok(()));
        std::fs::write(&other, "typed").unwrap();
        assert_eq!(target(&other, true, false).check(&[&unit]), Err(Refusal::Exists { output: other.clone() }));
        assert_eq!(target(&other, true, true).check(&[&unit]), Ok(()));
        assert_eq!(target(&other, false, false).check(&[&unit]), Ok(()));
        let wrong = dir.path().join("other.xlsx");
        let none: [&Path; 0] = [];
        assert!(matches!(target(&wrong, false, false).check(&none), Err(Refusal::Extension { .. })));
        assert!(matches!(target(&data.join("x.YML"), false, false).check(&none), Ok(())));
        // A long name of many-byte letters still gets a temporary file.
        let long = dir.path().join(format!("{}.yaml", "ệ".repeat(80)));
        write_whole(&long, b"x").unwrap();
    }
}
