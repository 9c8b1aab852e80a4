//! The dataset loader: any bytes, as YAML and as JSON, must give a dataset
//! or diagnostics, never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = chitieu::dataset::Limits::default();
    let _ = chitieu::dataset::parse("fuzz.yaml".into(), data.to_vec(), false, limits);
    let _ = chitieu::dataset::parse("fuzz.json".into(), data.to_vec(), true, limits);
});
