//! Every file chitieu reads is size-checked before it is read, and read no
//! further than its limit: a file that grows while it is read, or one that
//! never ends (`/dev/zero`), costs at most the limit.

use std::io::Read;
use std::path::Path;

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// Larger than the limit: its size, or the limit plus one when its
    /// size could not be known beforehand.
    TooLarge {
        size: u64,
    },
    Io(std::io::Error),
}

impl From<std::io::Error> for ReadError {
    fn from(e: std::io::Error) -> Self {
        ReadError::Io(e)
    }
}

/// A file's bytes, when it holds at most `max` of them.
pub fn read_limited(path: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    if size > max {
        return Err(ReadError::TooLarge { size });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(ReadError::TooLarge { size: max + 1 });
    }
    Ok(bytes)
}

/// The same, as UTF-8 text (None when it is not).
pub fn read_text(path: &Path, max: u64) -> Result<Option<String>, ReadError> {
    read_limited(path, max).map(|b| String::from_utf8(b).ok())
}

/// The codes a kind of file's reading problems carry (`waiver::io`, …).
pub struct Codes {
    pub io: &'static str,
    pub encoding: &'static str,
    pub too_large: &'static str,
}

/// A text file people write (a rule, overlay, waiver file, plan, rule
/// tests): its text, or the one problem that kept it from being read.
pub fn read_text_file(path: &Path, max: u64, codes: Codes) -> Result<String, crate::diagnostic::Diagnostic> {
    use crate::diagnostic::Diagnostic;
    use crate::i18n::{Msg, t};
    let name = crate::diagnostic::shown_path(path);
    match read_text(path, max) {
        Ok(Some(text)) => Ok(text),
        Ok(None) => Err(Diagnostic::error(codes.encoding, t(Msg::NotUtf8 { name: &name }))),
        Err(ReadError::Io(e)) => {
            Err(Diagnostic::error(codes.io, t(Msg::CannotRead { name: &name, error: &e.to_string() })))
        }
        Err(ReadError::TooLarge { size }) => {
            Err(Diagnostic::error(codes.too_large, t(Msg::FileTooLarge { name: &name, size, max })))
        }
    }
}

/// The most a digest reads of one file.
pub const MAX_DIGEST_BYTES: u64 = 1 << 30;

/// The SHA-256 of a regular file's bytes, read in chunks (memory does not
/// grow with the file); None when it cannot be read, is not a regular
/// file, or is larger than [`MAX_DIGEST_BYTES`].
pub fn digest(path: &Path) -> Option<String> {
    use sha2::Digest;
    let file = std::fs::File::open(path).ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file() || meta.len() > MAX_DIGEST_BYTES {
        return None;
    }
    let mut hasher = sha2::Sha256::new();
    let mut reader = file.take(MAX_DIGEST_BYTES + 1);
    let mut buf = vec![0u8; 64 * 1024];
    let mut total = 0u64;
    loop {
        let n = reader.read(&mut buf).ok()?;
        if n == 0 {
            break;
        }
        total += n as u64;
        hasher.update(&buf[..n]);
    }
    if total > MAX_DIGEST_BYTES {
        return None;
    }
    Some(hasher.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_read_no_further_than_its_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, vec![b'a'; 100]).unwrap();
        assert_eq!(read_limited(&path, 100).unwrap().len(), 100);
        assert!(matches!(read_limited(&path, 99), Err(ReadError::TooLarge { size: 100 })));
        assert_eq!(digest(&path), Some(crate::audit::sha256_hex(&[b'a'; 100])));
    }

    #[cfg(unix)]
    #[test]
    fn a_file_without_end_costs_the_limit() {
        // /dev/zero reports no size and never ends.
        assert!(matches!(read_limited(Path::new("/dev/zero"), 1024), Err(ReadError::TooLarge { size: 1025 })));
        assert_eq!(digest(Path::new("/dev/zero")), None);
    }
}
