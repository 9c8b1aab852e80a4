//! The rule metadata reader and the parameter-kind checks: any text as a
//! rule file's `//!` header.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let source = chitieu::diagnostic::SourceFile::new("fuzz.rhai", text);
    if let Ok(meta) = chitieu::rules::meta::read(&source) {
        let _ = chitieu::rules::meta::params(&source, &meta);
    }
});
