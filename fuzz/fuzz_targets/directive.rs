//! The directive overlay loader, checked against the bundled rule pack.
#![no_main]

use std::sync::OnceLock;

use chitieu::rules::RulePack;
use libfuzzer_sys::fuzz_target;

fn pack() -> &'static RulePack {
    static PACK: OnceLock<RulePack> = OnceLock::new();
    PACK.get_or_init(|| RulePack::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../rules").as_ref()))
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let _ = chitieu::rules::directive::parse("fuzz.yaml", text, &pack().rules);
});
