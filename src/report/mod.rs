//! Renderers: one module per output format. They read outcomes only; none
//! evaluates anything.

pub mod catalogue;
pub mod explain;
pub mod human;
pub mod json;

/// How text output may look: colours and Unicode only on a terminal.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub unicode: bool,
    pub width: u16,
}

impl Style {
    /// Plain ASCII at a fixed width: CI logs, files and tests.
    pub const PLAIN: Style = Style { color: false, unicode: false, width: 100 };
}

/// Text from data and rules with terminal control characters made visible,
/// so a name in the YAML cannot drive the terminal.
pub fn clean(text: &str) -> String {
    if !text.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return text.to_string();
    }
    text.chars()
        .map(|c| if c.is_control() && c != '\n' && c != '\t' { char::REPLACEMENT_CHARACTER } else { c })
        .collect()
}
