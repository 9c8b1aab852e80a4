//! Diagnostics as plain data: a message, labelled spans in a source, help,
//! related diagnostics. Built where a problem is found; rendered in one place
//! (`report::human`) through miette.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use miette::{LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use serde::Serialize;

use crate::i18n::{Msg, t};

/// A file's text, kept whole while its unit is in flight.
#[derive(Debug)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
    /// The text with control characters made harmless, when it has any: what
    /// snippets show, so a file cannot drive the terminal. Same byte offsets.
    display: Option<String>,
    line_starts: Vec<usize>,
    /// For a workbook: which sheet, row and cell each line and offset of the
    /// text is (the text holds one line per row). None for a text file.
    pub grid: Option<Grid>,
}

/// Where something is in a unit file, as a person finds it there: a line and
/// column of a text file, or a sheet, row and cell of a workbook.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Place {
    Line { line: usize, column: usize },
    Cell { sheet: Arc<str>, row: usize, column: Option<u32> },
}

impl Place {
    /// The line of a text file; None in a workbook.
    pub fn line(&self) -> Option<usize> {
        match self {
            Place::Line { line, .. } => Some(*line),
            Place::Cell { .. } => None,
        }
    }

    /// The cell's name (`C12`), or None (a text file, or a whole row).
    pub fn cell(&self) -> Option<String> {
        match self {
            Place::Cell { row, column: Some(c), .. } => Some(format!("{}{row}", column_name(*c))),
            _ => None,
        }
    }

    /// As a person reads it after the file's name: `:12:3`, or
    /// ` › Đối tượng sưu tra › C12` (` › … › dòng 12` for a whole row).
    pub fn shown(&self, file: &str) -> String {
        match self {
            Place::Line { line, column } => format!("{file}:{line}:{column}"),
            Place::Cell { sheet, row, column } => match column {
                Some(c) => format!("{file} › {sheet} › {}{row}", column_name(*c)),
                None => format!("{file} › {sheet} › {}", t(Msg::SheetRow { row: *row })),
            },
        }
    }
}

/// A column's letters: 0 → `A`, 25 → `Z`, 26 → `AA`.
pub fn column_name(column: u32) -> String {
    let mut n = column as u64 + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        out.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// One sheet's rows in a workbook's text.
#[derive(Debug, Clone)]
pub struct GridSheet {
    pub name: Arc<str>,
    /// The 1-based line of the text that holds the sheet's row 1.
    pub first_line: usize,
    pub rows: usize,
    /// Each field's column, once the sheet's header is read.
    pub fields: std::sync::OnceLock<Vec<(&'static str, u32)>>,
}

/// How a workbook's text maps back to its cells: each sheet's run of lines,
/// and where each cell of a line starts and ends.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    pub sheets: Vec<GridSheet>,
    /// Per line (0-based): each cell's byte range in the text and its column.
    pub cells: Vec<Vec<(Range<usize>, u32)>>,
}

impl Grid {
    pub fn sheet_of(&self, line: usize) -> Option<&GridSheet> {
        self.sheets.iter().find(|s| line >= s.first_line && line < s.first_line + s.rows)
    }

    /// The column holding a field in the sheet of a line.
    pub fn column_of(&self, line: usize, key: &str) -> Option<u32> {
        let fields = self.sheet_of(line)?.fields.get()?;
        fields.iter().find(|(k, _)| *k == key).map(|(_, c)| *c)
    }

    /// The byte range of a cell of a line, if the line has it.
    pub fn cell_span(&self, line: usize, column: u32) -> Option<Range<usize>> {
        let cells = self.cells.get(line.checked_sub(1)?)?;
        cells.iter().find(|(_, c)| *c == column).map(|(r, _)| r.clone())
    }

    fn place(&self, line: usize, offset: usize) -> Option<Place> {
        let sheet = self.sheet_of(line)?;
        let cells = self.cells.get(line - 1)?;
        let column = cells.iter().rev().find(|(r, _)| r.start <= offset).or(cells.first()).map(|(_, c)| *c);
        Some(Place::Cell { sheet: sheet.name.clone(), row: line + 1 - sheet.first_line, column })
    }
}

/// The text in Unicode normal form C; unchanged (and not copied) when it is
/// already, as nearly all text is.
pub fn nfc(text: String) -> String {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return text;
    }
    text.nfc().collect()
}

/// A character that would steer a terminal or reorder what is shown:
/// control characters (C0, DEL, C1) but tab and line ends, bidirectional
/// overrides, embeddings, isolates and marks, and the noncharacters
/// U+FFFE/U+FFFF.
pub fn is_steering(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// A character no XML 1.0 document may hold (C0 controls but tab and line
/// ends, U+FFFE, U+FFFF), with DEL and the C1 controls, which HTML counts
/// as errors.
pub fn is_unwritable(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// Text fit for an XML or HTML document: each unwritable character
/// replaced by U+FFFD, so the document stays well-formed and the reader
/// sees that something was there.
pub fn xml_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_unwritable) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars().map(|c| if is_unwritable(c) { char::REPLACEMENT_CHARACTER } else { c }).collect(),
    )
}

/// Steering characters replaced by characters of the same UTF-8 length, so
/// that offsets into the text stay valid.
pub fn defang(text: &str) -> Option<String> {
    if !text.chars().any(is_steering) {
        return None;
    }
    Some(
        text.chars()
            .map(|c| {
                if !is_steering(c) {
                    c
                } else {
                    match c.len_utf8() {
                        1 => '?',
                        2 => '¿',
                        _ => char::REPLACEMENT_CHARACTER,
                    }
                }
            })
            .collect(),
    )
}

/// Steering characters written out as `\u{1b}`, so a person sees them
/// and they act on nothing: how file names are shown.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| is_steering(c) || matches!(c, '\n' | '\r' | '\t')) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_steering(c) || matches!(c, '\n' | '\r' | '\t') {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

impl SourceFile {
    /// A file's text, normalised to NFC: `ệ` typed as `e` + two combining
    /// marks and `ệ` typed as one character are the same letter, so ids,
    /// values and labels compare as a person reads them.
    pub fn new(name: impl Into<String>, text: String) -> Arc<Self> {
        let text = nfc(text);
        let line_starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        let display = defang(&text);
        Arc::new(SourceFile { name: name.into(), text, display, line_starts, grid: None })
    }

    /// A workbook's text (one line per row, NFC already) with its grid.
    pub fn workbook(name: impl Into<String>, text: String, grid: Grid) -> Arc<Self> {
        let line_starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        let display = defang(&text);
        Arc::new(SourceFile { name: name.into(), text, display, line_starts, grid: Some(grid) })
    }

    /// Where a byte offset is, as a person finds it in the file.
    pub fn place(&self, offset: usize) -> Place {
        let (line, column) = self.line_col(offset);
        match self.grid.as_ref().and_then(|g| g.place(line, offset)) {
            Some(cell) => cell,
            None => Place::Line { line, column },
        }
    }

    /// The place of a whole record starting at a 1-based line: its line, or
    /// its sheet and row.
    pub fn record_place(&self, line: usize) -> Place {
        match self.grid.as_ref().and_then(|g| g.sheet_of(line)) {
            Some(s) => Place::Cell { sheet: s.name.clone(), row: line + 1 - s.first_line, column: None },
            None => Place::Line { line, column: 1 },
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let col = self.text.get(start..offset).map_or(offset - start, |s| s.chars().count());
        (line + 1, col + 1)
    }

    /// Byte offset of a 1-based line and column (in characters).
    pub fn offset(&self, line: usize, col: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let rest = &self.text[start..];
        rest.char_indices().nth(col.saturating_sub(1)).map_or(self.text.len(), |(i, _)| start + i)
    }

    /// Byte range of the whole 1-based line, without its line end.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let start = self.line_starts.get(line.saturating_sub(1)).copied().unwrap_or(self.text.len());
        let end = self.text[start..].find('\n').map_or(self.text.len(), |i| start + i);
        let end = if self.text[..end].ends_with('\r') { end - 1 } else { end };
        start..end
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// A copy of some lines of the file, that can be shown after the file
    /// itself is gone.
    pub fn excerpt(self: &Arc<Self>, range: Range<usize>) -> Excerpt {
        let range = range.start.min(self.text.len())..range.end.min(self.text.len());
        let (line, _) = self.line_col(range.start);
        let start = self.line_starts[line - 1];
        let text = &self.text[start..range.end];
        let text = defang(text).unwrap_or_else(|| text.to_string());
        match self.grid.as_ref().and_then(|g| g.sheet_of(line)) {
            // A row of a sheet: numbered as the sheet numbers it.
            Some(s) => Excerpt {
                name: self.name.clone(),
                text,
                first_line: line + 1 - s.first_line,
                base: start,
                sheet: Some(s.name.clone()),
            },
            None => Excerpt { name: self.name.clone(), text, first_line: line, base: start, sheet: None },
        }
    }
}

/// A few lines of a source file with their original line numbers and offsets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Excerpt {
    /// The file it is from (`title` adds a workbook's sheet).
    #[serde(skip)]
    pub name: String,
    pub text: String,
    /// 1-based line number of the excerpt's first line.
    pub first_line: usize,
    /// Byte offset of the excerpt's start in the original file.
    #[serde(skip)]
    pub base: usize,
    /// The sheet, for a workbook's row (`first_line` is then its row).
    #[serde(skip)]
    pub sheet: Option<Arc<str>>,
}

impl Excerpt {
    /// What the excerpt is headed by: its file, and a workbook's sheet
    /// (`don-vi.xlsx › Đối tượng sưu tra`).
    pub fn title(&self) -> String {
        match &self.sheet {
            Some(sheet) => format!("{} › {sheet}", self.name),
            None => self.name.clone(),
        }
    }

    pub fn span(&self) -> Range<usize> {
        self.base..self.base + self.text.trim_end().len()
    }
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let offset = span.offset().checked_sub(self.base).ok_or(MietteError::OutOfBounds)?;
        let inner = SourceSpan::new(offset.into(), span.len());
        let contents = self.text.as_str().read_span(&inner, before, after)?;
        let at = contents.span().offset();
        let line_start = self.text[..at.min(self.text.len())].rfind('\n').map_or(0, |i| i + 1);
        let column = self.text.get(line_start..at).map_or(0, |s| s.chars().count());
        Ok(Box::new(MietteSpanContents::new_named(
            self.title(),
            contents.data(),
            SourceSpan::new((contents.span().offset() + self.base).into(), contents.span().len()),
            contents.line() + self.first_line - 1,
            column,
            contents.line_count(),
        )))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Advice,
}

/// Where a diagnostic's source text comes from.
#[derive(Debug, Clone)]
pub enum Source {
    File(Arc<SourceFile>),
    Excerpt(Arc<Excerpt>),
}

#[derive(Debug, Clone)]
pub struct Label {
    pub span: Range<usize>,
    pub text: Option<String>,
    pub primary: bool,
}

#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable code (`data::unknown-field`), shown and used by tests.
    pub code: &'static str,
    pub message: Box<str>,
    pub source: Option<Source>,
    pub labels: Vec<Label>,
    pub help: Option<Box<str>>,
    pub related: Vec<Diagnostic>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into().into_boxed_str(),
            source: None,
            labels: Vec::new(),
            help: None,
            related: Vec::new(),
        }
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn in_file(mut self, file: &Arc<SourceFile>) -> Self {
        self.source = Some(Source::File(file.clone()));
        self
    }

    pub fn in_excerpt(mut self, excerpt: Arc<Excerpt>) -> Self {
        self.source = Some(Source::Excerpt(excerpt));
        self
    }

    pub fn label(mut self, span: Range<usize>, text: impl Into<String>) -> Self {
        let primary = self.labels.is_empty();
        self.labels.push(Label { span, text: Some(text.into()), primary });
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into().into_boxed_str());
        self
    }

    pub fn related(mut self, related: Diagnostic) -> Self {
        self.related.push(related);
        self
    }

    /// File and place of the primary label, for machine outputs.
    pub fn location(&self) -> Option<(String, Place)> {
        let label = self.labels.first()?;
        match self.source.as_ref()? {
            Source::File(f) => Some((f.name.clone(), f.place(label.span.start))),
            Source::Excerpt(e) => match &e.sheet {
                Some(sheet) => {
                    Some((e.name.clone(), Place::Cell { sheet: sheet.clone(), row: e.first_line, column: None }))
                }
                None => Some((e.name.clone(), Place::Line { line: e.first_line, column: 1 })),
            },
        }
    }

    /// The name of the file it is about, placed in it or not.
    pub fn file_name(&self) -> Option<&str> {
        match self.source.as_ref()? {
            Source::File(f) => Some(&f.name),
            Source::Excerpt(e) => Some(&e.name),
        }
    }

    /// Whether its source is a workbook's (placed by sheet and cell, not line).
    pub fn in_workbook(&self) -> bool {
        match &self.source {
            Some(Source::File(f)) => f.grid.is_some(),
            Some(Source::Excerpt(e)) => e.sheet.is_some(),
            None => false,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Diagnostic {}

impl miette::Diagnostic for Diagnostic {
    /// None: miette renders for people, and a code there would be a line of
    /// its own (an English identifier on a Vietnamese page). Codes are for
    /// machines: JSON, SARIF, JUnit and GitHub read `Diagnostic::code`.
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        None
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Advice => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        match self.source.as_ref()? {
            Source::File(f) => Some(f.as_ref() as &dyn SourceCode),
            Source::Excerpt(e) => Some(e.as_ref() as &dyn SourceCode),
        }
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() || self.source.is_none() {
            return None;
        }
        Some(Box::new(self.labels.iter().map(|l| {
            let span = SourceSpan::new(l.span.start.into(), l.span.len());
            if l.primary {
                LabeledSpan::new_primary_with_span(l.text.clone(), span)
            } else {
                LabeledSpan::new_with_span(l.text.clone(), span)
            }
        })))
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(self.related.iter().map(|d| d as &dyn miette::Diagnostic)))
    }
}

impl SourceCode for SourceFile {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let shown = self.display.as_deref().unwrap_or(&self.text);
        if let Some(grid) = &self.grid {
            // A workbook: rows of one sheet only, numbered as the sheet
            // numbers them, under the name of the sheet and cell.
            let line = self.line_col(span.offset()).0;
            if let Some(sheet) = grid.sheet_of(line) {
                let before = before.min(line - sheet.first_line);
                let after = after.min(sheet.first_line + sheet.rows - 1 - line);
                let contents = shown.read_span(span, before, after)?;
                let first = self.line_col(contents.span().offset()).0;
                return Ok(Box::new(MietteSpanContents::new_named(
                    self.place(span.offset()).shown(&self.name),
                    contents.data(),
                    *contents.span(),
                    first - sheet.first_line,
                    0,
                    contents.line_count(),
                )));
            }
        }
        let contents = shown.read_span(span, before, after)?;
        // miette counts the column in bytes; a person counts characters
        // (a Vietnamese letter is one column, not two or three bytes).
        let column = self.line_col(contents.span().offset()).1 - 1;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            contents.data(),
            *contents.span(),
            contents.line(),
            column,
            contents.line_count(),
        )))
    }
}

/// The known name nearest a mistyped one (at most two edits, or the same but
/// for case), for "did you mean".
pub fn closest<'b>(given: &str, known: &[&'b str]) -> Option<&'b str> {
    if let Some(same) = known.iter().find(|k| k.eq_ignore_ascii_case(given)) {
        return Some(same);
    }
    known.iter().map(|k| (strsim::levenshtein(given, k), *k)).filter(|(d, _)| *d <= 2).min().map(|(_, k)| k)
}

/// A help text that starts with "did you mean `x`?" when a near name is known.
pub fn did_you_mean(near: Option<&str>, rest: &str) -> String {
    match near {
        Some(near) => {
            let mut chars = rest.chars();
            let first = chars.next().map(|c| c.to_uppercase().collect::<String>()).unwrap_or_default();
            let rest = format!("{first}{}", chars.as_str());
            crate::i18n::t(crate::i18n::Msg::DidYouMean { near, rest: &rest })
        }
        None => rest.to_string(),
    }
}

/// Offset of `key:` at the start of a line (after indentation or a `- `), or
/// after `{` / `,` in flow style.
pub fn find_key(text: &str, key: &str) -> Option<usize> {
    let pattern = format!("{key}:");
    text.match_indices(&pattern).map(|(i, _)| i).find(|&i| {
        let before = text[..i].trim_end_matches(' ');
        before.is_empty() || before.ends_with(['\n', '{', ',', '-'])
    })
}

/// Offset of `word` as a whole token (not part of a longer id).
pub fn find_word(text: &str, word: &str) -> Option<usize> {
    let is_id = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    text.match_indices(word)
        .map(|(i, _)| i)
        .find(|&i| !text[..i].ends_with(is_id) && !text[i + word.len()..].starts_with(is_id))
}

/// The extent of a YAML value written at `at`: a flow list or mapping to its
/// closing bracket, a scalar to the end of its token (a comma, a closing
/// bracket, a comment or the line's end).
pub fn value_span(text: &str, at: usize) -> Range<usize> {
    let at = at.min(text.len());
    let rest = &text[at..];
    let line_end = rest.find('\n').map_or(text.len(), |i| at + i);
    if let Some(open @ ('[' | '{')) = rest.chars().next() {
        let close = if open == '[' { ']' } else { '}' };
        let mut depth = 0usize;
        for (i, c) in rest.char_indices().take(4096) {
            if c == open {
                depth += 1;
            } else if c == close {
                depth -= 1;
                if depth == 0 {
                    return at..at + i + 1;
                }
            }
        }
        return at..line_end;
    }
    let quoted = rest.starts_with(['"', '\'']);
    let end = if quoted {
        let q = &rest[..1];
        rest[1..].find(q).map_or(line_end, |i| at + i + 2).min(line_end)
    } else {
        rest.find([',', ']', '}', '#', '\n']).map_or(text.len(), |i| at + i)
    };
    let trimmed = text[at..end].trim_end().len();
    if trimmed > 0 {
        return at..at + trimmed;
    }
    // Nothing written: one character, so a label still has something to mark.
    at..rest.chars().next().map_or(at, |c| at + c.len_utf8())
}

/// Where `element` stands inside the value at `value`, or the whole value.
pub fn element_span(text: &str, value: Range<usize>, element: &str) -> Range<usize> {
    find_word(&text[value.clone()], element).map_or(value.clone(), |i| value.start + i..value.start + i + element.len())
}

/// A path as outputs name it: with forward slashes on Windows too, so that
/// `rules\\suu-tra\\07.rhai` and `rules/suu-tra/07.rhai` read back the same in
/// every output (Windows accepts both; SARIF URIs need `/`).
pub fn shown_path(path: &std::path::Path) -> String {
    // A name cannot steer the terminal it is printed on, nor any output.
    // (Slashes first: `\u{..}` must not read as a folder on Windows.)
    let shown = forward_slashes(&path.display().to_string(), cfg!(windows));
    visible(&shown).into_owned()
}

/// `text` with its backslashes as forward slashes where they separate folders.
pub fn forward_slashes(text: &str, windows: bool) -> String {
    if windows { text.replace('\\', "/") } else { text.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_back_with_forward_slashes_on_windows_only() {
        assert_eq!(forward_slashes(r"rules\suu-tra\07.rhai", true), "rules/suu-tra/07.rhai");
        assert_eq!(forward_slashes(r"C:\data\u.yaml", true), "C:/data/u.yaml");
        // On Linux a backslash is a letter of the name.
        assert_eq!(forward_slashes(r"odd\name.yaml", false), r"odd\name.yaml");
    }

    #[test]
    fn lines_of_a_crlf_file_end_before_the_carriage_return() {
        let f = SourceFile::new("x.yaml", "a: 1\r\nbé: 2\r\n".to_string());
        assert_eq!(&f.text[f.line_range(2)], "bé: 2");
        assert_eq!(f.line_col(f.text.find('2').unwrap()), (2, 5));
    }
}
