//! The console the output goes to. On Windows its code page is set to UTF-8
//! (Vietnamese letters would otherwise turn into mojibake) and escape
//! sequences are switched on where the console supports them; where they
//! cannot be, output has no colours. Elsewhere terminals take both as is.

use std::sync::OnceLock;

static COLOURS: OnceLock<bool> = OnceLock::new();

/// Prepares the console once, at start.
pub fn init() {
    COLOURS.get_or_init(setup);
}

/// Whether a terminal here can show colours.
pub fn colours() -> bool {
    *COLOURS.get_or_init(setup)
}

#[cfg(windows)]
fn setup() -> bool {
    use windows_sys::Win32::System::Console::{
        ENABLE_VIRTUAL_TERMINAL_PROCESSING, GetConsoleMode, GetStdHandle, STD_ERROR_HANDLE, STD_OUTPUT_HANDLE,
        SetConsoleMode, SetConsoleOutputCP,
    };
    const CP_UTF8: u32 = 65001;
    // SAFETY: plain Win32 calls on this process's own standard handles; a
    // handle that is not a console makes them fail, which is handled.
    unsafe {
        SetConsoleOutputCP(CP_UTF8);
        let mut ansi = true;
        for which in [STD_OUTPUT_HANDLE, STD_ERROR_HANDLE] {
            let handle = GetStdHandle(which);
            let mut mode = 0;
            if GetConsoleMode(handle, &mut mode) == 0
                || SetConsoleMode(handle, mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING) == 0
            {
                ansi = false;
            }
        }
        ansi
    }
}

#[cfg(not(windows))]
fn setup() -> bool {
    true
}
