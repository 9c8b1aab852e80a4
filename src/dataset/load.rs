//! Reading one unit file (YAML, or JSON for machine exports) into a typed
//! [`Dataset`], within limits that hostile input cannot get past.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use serde_saphyr::{Budget, Location};

use super::record::Dataset;
use super::seed::{DatasetSeed, Found, Problem};
use super::validate::validate;
use crate::diagnostic::{Diagnostic, SourceFile};
use crate::i18n::{Msg, t};

/// Limits on one unit file. A unit holds about ten thousand YAML nodes; the
/// defaults leave two orders of magnitude of room and no more.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_file_bytes: u64,
    pub max_depth: usize,
    pub max_nodes: usize,
    pub max_aliases: usize,
    /// All scalar text together, so one huge value cannot pass.
    pub max_scalar_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 16 << 20,
            max_depth: 32,
            max_nodes: 2_000_000,
            max_aliases: 10_000,
            max_scalar_bytes: 16 << 20,
        }
    }
}

/// One unit's file, parsed and validated: ready for rules.
#[derive(Debug)]
pub struct UnitFile {
    pub source: Arc<SourceFile>,
    pub data: Dataset,
    /// SHA-256 of the file's bytes as read, for audits.
    pub sha256: String,
    /// What is worth a word but does not stop evaluation (a workbook's
    /// hidden rows, columns and sheets).
    pub warnings: Vec<Diagnostic>,
    /// The words of the model it was read by: a workbook's sheets and
    /// columns, which its messages name things by.
    pub labels: &'static super::workbook::labels::Labels,
}

impl UnitFile {
    /// The model its records were read by.
    pub fn model(&self) -> &'static crate::model::Model {
        self.data.model
    }
}

pub fn record_extent(source: &SourceFile, loc: &Location) -> Option<Range<usize>> {
    if loc.line() == 0 {
        return None;
    }
    if source.grid.is_some() {
        // A workbook's record is its row: one line.
        return Some(source.line_range(loc.line() as usize));
    }
    let start = source.offset(loc.line() as usize, loc.column() as usize);
    let indent = (loc.column() as usize).saturating_sub(1);
    let mut end = source.line_range(loc.line() as usize).end;
    for line in loc.line() as usize + 1..=source.line_count() {
        let range = source.line_range(line);
        let text = &source.text[range.clone()];
        let trimmed = text.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if text.len() - trimmed.len() < indent || (text.len() - trimmed.len() == indent && trimmed.starts_with("- ")) {
            break;
        }
        end = range.end;
    }
    Some(start..end)
}

/// Reads, parses and validates one unit file. Every problem found is
/// returned at once; a unit with any problem is not evaluated.
pub fn load(path: &Path, limits: Limits, model: &crate::model::Model) -> Result<UnitFile, Vec<Diagnostic>> {
    load_with(path, limits, None, model)
}

/// Reads one unit file, from the parsed-unit cache when it holds this
/// content; a valid file parsed here is added to it.
pub fn load_with(
    path: &Path,
    limits: Limits,
    cache: Option<&super::Cache>,
    model: &crate::model::Model,
) -> Result<UnitFile, Vec<Diagnostic>> {
    let model = model.interned();
    let labels = super::workbook::labels::of(model);
    let name = crate::diagnostic::shown_path(path);
    // Read no further than the limit, whatever the file claims its size is.
    let read = || match crate::input::read_limited(path, limits.max_file_bytes) {
        Ok(b) => Ok(b),
        Err(crate::input::ReadError::Io(e)) => Err(vec![io_error(&name, &e)]),
        Err(crate::input::ReadError::TooLarge { size }) => Err(vec![
            Diagnostic::error(
                "data::too-large",
                t(Msg::DataTooLarge { name: &name, size, max: limits.max_file_bytes }),
            )
            .help(t(Msg::DataSplit)),
        ]),
    };
    let bytes = read()?;
    if super::workbook::is_workbook(path) {
        // A workbook is not cached: its grid (where each row and cell is)
        // is rebuilt from the file on every read anyway.
        return super::workbook::parse(name, bytes, model);
    }
    let json = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let Some(cache) = cache else { return parse(name, bytes, json, limits, model) };
    let sha256 = crate::audit::sha256_hex(&bytes);
    let key = super::Cache::key(&sha256, json, &limits, &model.sha256);
    let bytes = match cache.get(&key, &sha256, &name, model) {
        None => bytes,
        // The text is still read: excerpts and positions refer to it. The
        // checks run again (they are cheap), so data a newer build finds
        // invalid is never evaluated from an older entry; then the file is
        // parsed as if there were no entry.
        Some(data) => match String::from_utf8(bytes) {
            Err(e) => e.into_bytes(),
            Ok(text) => {
                let text = match text.strip_prefix('\u{feff}') {
                    Some(rest) => rest.to_string(),
                    None => text,
                };
                let unit = UnitFile {
                    source: SourceFile::new(name.clone(), text),
                    data,
                    sha256: sha256.clone(),
                    warnings: Vec::new(),
                    labels,
                };
                if validate(&unit).is_empty() {
                    return Ok(unit);
                }
                read()?
            }
        },
    };
    let unit = parse(name, bytes, json, limits, model)?;
    cache.put(&key, &unit.sha256, &unit.data, &unit.source.name);
    Ok(unit)
}

/// Parses a unit file's bytes by `model`; `name` is what diagnostics call it.
pub fn parse(
    name: String,
    bytes: Vec<u8>,
    json: bool,
    limits: Limits,
    model: &'static crate::model::Model,
) -> Result<UnitFile, Vec<Diagnostic>> {
    let labels = super::workbook::labels::of(model);
    let sha256 = crate::audit::sha256_hex(&bytes);
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let source = SourceFile::new(&name, text);
            let start = source.offset(source.line_col(at).0, source.line_col(at).1);
            return Err(vec![
                Diagnostic::error("data::encoding", t(Msg::NotUtf8 { name: &name }))
                    .in_file(&source)
                    .label(start..start + 1, t(Msg::NotUtf8Label))
                    .help(t(Msg::SaveAsUtf8)),
            ]);
        }
    };
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    let source = SourceFile::new(name, text);
    if source.text.trim().is_empty() {
        return Err(vec![
            Diagnostic::error("data::empty", t(Msg::DataEmpty { name: &source.name })).help(t(Msg::DataEmptyHelp)),
        ]);
    }
    let data =
        if json { parse_json(&source, model).map_err(|d| vec![d])? } else { parse_yaml(&source, limits, model)? };
    let unit = UnitFile { source, data, sha256, warnings: Vec::new(), labels };
    let problems = validate(&unit);
    if problems.is_empty() { Ok(unit) } else { Err(problems) }
}

/// How many wrongly typed records one file reports before it stops, and how
/// many times its size it may re-read to find them: a hostile file cannot
/// turn error recovery into a long run.
const MAX_TYPE_ERRORS: usize = 50;
const MAX_REREADS_BYTES: usize = 32 << 20;

/// Parses YAML into the typed dataset. serde stops at the first wrongly typed
/// value; to report every wrongly typed record in one run, the record that
/// held it is blanked out (same bytes, so every line and column stays where
/// it was) and the text parsed again, until it parses or only a problem that
/// is not a record's remains.
fn parse_yaml(
    source: &Arc<SourceFile>,
    limits: Limits,
    model: &'static crate::model::Model,
) -> Result<Dataset, Vec<Diagnostic>> {
    let found = Found::default();
    let error = match parse_yaml_text(&source.text, limits, model, &found) {
        Ok(data) => return Ok(data),
        Err(e) => e,
    };
    let mut problems = vec![yaml_diagnostic(source, &error, found.take())];
    let mut text = source.text.clone().into_bytes();
    let mut reread = 0;
    let mut at = error.location();
    while let Some(loc) = at.filter(|_| is_record_error(&problems[problems.len() - 1])) {
        let Some(record) = enclosing_item(source, loc.line() as usize, loc.column() as usize) else { break };
        if problems.len() >= MAX_TYPE_ERRORS || reread + text.len() > MAX_REREADS_BYTES.max(text.len()) {
            break;
        }
        reread += text.len();
        for b in &mut text[record] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
        // Only ASCII bytes were replaced, and whole characters: still UTF-8.
        let Ok(blanked) = std::str::from_utf8(&text) else { break };
        match parse_yaml_text(blanked, limits, model, &found) {
            Ok(_) => break,
            Err(e) => {
                let next = yaml_diagnostic(source, &e, found.take());
                if !is_record_error(&next) || e.location() == at {
                    break;
                }
                problems.push(next);
                at = e.location();
            }
        }
    }
    Err(problems)
}

fn parse_yaml_text(
    text: &str,
    limits: Limits,
    model: &'static crate::model::Model,
    found: &Found,
) -> Result<Dataset, serde_saphyr::Error> {
    let options = serde_saphyr::options! { budget: Some(budget(limits)), with_snippet: false };
    serde_saphyr::with_deserializer_from_str_with_options(text, options, |d| {
        serde::de::DeserializeSeed::deserialize(DatasetSeed { model, found }, d)
    })
}

/// serde-saphyr's budget for one unit file.
fn budget(limits: Limits) -> Budget {
    let mut budget = Budget::default();
    budget.max_depth = limits.max_depth;
    budget.max_nodes = limits.max_nodes;
    budget.max_aliases = limits.max_aliases;
    budget.max_anchors = limits.max_aliases;
    budget.max_documents = 1;
    budget.max_total_scalar_bytes = limits.max_scalar_bytes;
    budget
}

/// A value of a record that does not fit the model, after which the other
/// records can still be read.
fn is_record_error(d: &Diagnostic) -> bool {
    matches!(d.code, "data::unknown-field" | "data::unknown-value" | "data::missing-field" | "data::invalid-value")
}

/// The byte range of the innermost list item (`- …`) holding a 1-based line
/// and column, through its last line; None when the place is in no list.
fn enclosing_item(source: &SourceFile, line: usize, col: usize) -> Option<Range<usize>> {
    let indent_of = |text: &str| text.len() - text.trim_start_matches(' ').len();
    let is_item = |t: &str| t == "-" || t.starts_with("- ");
    // Going up, the item's dash is left of every line of its body seen so far.
    let mut bound = col.saturating_sub(1);
    let mut start = None;
    for l in (1..=line).rev() {
        let text = &source.text[source.line_range(l)];
        let trimmed = text.trim_start_matches(' ');
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = indent_of(text);
        if is_item(trimmed) && indent < bound {
            start = Some((l, indent));
            break;
        }
        if l != line || !is_item(trimmed) {
            bound = bound.min(indent);
        }
        if bound == 0 {
            return None;
        }
    }
    let (first, indent) = start?;
    let mut last = first;
    for l in first + 1..=source.line_count() {
        let text = &source.text[source.line_range(l)];
        let trimmed = text.trim_start_matches(' ');
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if indent_of(text) <= indent {
            break;
        }
        last = l;
    }
    (last >= line).then(|| source.line_range(first).start..source.line_range(last).end)
}

/// A problem the parser's error stands for, at the error's place: the
/// model's own (`problem`), or the parser's.
fn yaml_diagnostic(source: &Arc<SourceFile>, e: &serde_saphyr::Error, problem: Option<Problem>) -> Diagnostic {
    let problem = problem.unwrap_or_else(|| parser_problem(e, source));
    let d = Diagnostic::error(problem.code(), format!("{}: {}", source.name, problem.message())).in_file(source);
    match e.location().filter(|l| l.line() > 0) {
        Some(loc) => d.label(value_at(source, &loc), problem.label()).help(problem.help()),
        None => d.help(problem.help()),
    }
}

/// The problem a YAML parser's error stands for, in `source`.
fn parser_problem(e: &serde_saphyr::Error, source: &SourceFile) -> Problem {
    Problem::from_yaml(e, &|loc| written_at(source, &loc))
}

/// The text written at a place: a scalar the parser refused, as it reads.
fn written_at(source: &SourceFile, loc: &Location) -> String {
    if loc.line() == 0 {
        return String::new();
    }
    let range = value_at(source, loc);
    source.text[range].trim().trim_matches(['"', '\'']).to_string()
}

/// The value written at a place, to the end of its line (or a comment, a
/// comma, a closing brace).
fn value_at(source: &SourceFile, loc: &Location) -> Range<usize> {
    let at = source.offset(loc.line() as usize, loc.column() as usize);
    let end = source.line_range(loc.line() as usize).end.max(at);
    let end = source.text[at..end].find(['#', ',', '}']).map_or(end, |i| at + i);
    if end > at { at..end } else { at..(at + 1).min(source.text.len()).max(at) }
}

fn parse_json(source: &Arc<SourceFile>, model: &'static crate::model::Model) -> Result<Dataset, Diagnostic> {
    let found = Found::default();
    let mut de = serde_json::Deserializer::from_str(&source.text);
    let read = serde::de::DeserializeSeed::deserialize(DatasetSeed { model, found: &found }, &mut de);
    // JSON has no places of its own: any a file wrote (serde-saphyr's
    // marker, forged) are not taken for the file's lines.
    let read = read.map(Dataset::without_places);
    read.and_then(|data| de.end().map(|()| data)).map_err(|e| {
        let at = source.offset(e.line(), e.column().max(1));
        let span = at..(at + 1).min(source.text.len());
        if let Some(problem) = found.take() {
            let message = format!("{}: {}", source.name, problem.message());
            return Diagnostic::error(problem.code(), message)
                .in_file(source)
                .label(span, problem.label())
                .help(problem.help());
        }
        let problem = Problem::from_json(&e);
        Diagnostic::error(problem.code(), format!("{}: {}", source.name, problem.message()))
            .in_file(source)
            .label(span, problem.label())
            .help(problem.help())
    })
}

/// A YAML error's message as a person reads it, in the run's language,
/// without its place (diagnostics show that): for every small file the tool
/// reads (settings, overlays, waivers, headers, cases), whose text `source` holds.
pub(crate) fn shown_yaml_message(e: &serde_saphyr::Error, source: &SourceFile) -> String {
    parser_problem(e, source).message()
}

/// A small hand-written file's YAML problem (settings, plan) as a
/// diagnostic: the message in the run's language, at its line, with `help`.
pub(crate) fn hand_written_problem(
    source: &Arc<SourceFile>,
    e: &serde_saphyr::Error,
    code: &'static str,
    help: String,
) -> Diagnostic {
    let d = Diagnostic::error(code, format!("{}: {}", source.name, shown_yaml_message(e, source)))
        .in_file(source)
        .help(help);
    match e.location().filter(|l| l.line() > 0) {
        Some(l) => {
            let at = source.offset(l.line() as usize, l.column() as usize);
            d.label(crate::diagnostic::value_span(&source.text, at), t(Msg::LabelHere))
        }
        None => d,
    }
}

fn io_error(name: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error("data::io", t(Msg::CannotRead { name, error: &e.to_string() })).help(t(Msg::CheckDataPath))
}

/// Each person's name with their record's id (every field of kind
/// `person_name`): the personal names a unit's outputs that leave the
/// machine must not show.
pub fn personal_names(data: &Dataset) -> Vec<(String, String)> {
    use crate::model::Kind;
    let mut names = Vec::new();
    for (c, records) in data.model.collections.iter().zip(&data.records) {
        for r in records {
            let id = r.value.id(c).unwrap_or_default();
            for (f, v) in c.fields.iter().zip(r.value.values.iter()) {
                match (&f.kind, v) {
                    (Kind::PersonName, super::record::Value::Text(name)) => {
                        names.push((name.to_string(), id.to_string()))
                    }
                    // A name in a record nested in this one: hidden behind this one's id.
                    (Kind::Records(nested), super::record::Value::Records(inner)) => {
                        for n in inner.iter() {
                            for (nf, nv) in nested.fields.iter().zip(n.values.iter()) {
                                if let (Kind::PersonName, super::record::Value::Text(name)) = (&nf.kind, nv) {
                                    names.push((name.to_string(), id.to_string()));
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    names
}

/// The personal names of a file whose data is invalid, read leniently (any
/// other field or problem ignored), so that its diagnostics can be shown
/// without them too. None found: nothing to hide.
pub fn personal_names_in_file(path: &Path, limits: Limits, model: &crate::model::Model) -> Vec<(String, String)> {
    let Ok(bytes) = crate::input::read_limited(path, limits.max_file_bytes) else { return Vec::new() };
    if super::workbook::is_workbook(path) {
        return super::workbook::read::personal_names(&bytes, super::workbook::labels::of(model));
    }
    let Ok(text) = String::from_utf8(bytes) else { return Vec::new() };
    let text = crate::diagnostic::nfc(text);
    let options = serde_saphyr::options! { budget: Some(budget(limits)), with_snippet: false };
    let json = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let found: Option<serde_json::Value> =
        if json { serde_json::from_str(&text).ok() } else { serde_saphyr::from_str_with_options(&text, options).ok() };
    let Some(serde_json::Value::Object(file)) = found else { return Vec::new() };
    let mut names = Vec::new();
    for c in &model.collections {
        let Some(serde_json::Value::Array(records)) = file.get(&c.name) else { continue };
        let id_field = c.id.map(|i| c.fields[i].name.as_str());
        let text = |r: &serde_json::Value, key: &str| {
            r.get(key).and_then(serde_json::Value::as_str).unwrap_or_default().to_string()
        };
        for r in records {
            let id = id_field.map(|k| text(r, k)).unwrap_or_default();
            for f in &c.fields {
                match &f.kind {
                    crate::model::Kind::PersonName => names.push((text(r, &f.name), id.clone())),
                    crate::model::Kind::Records(nested) => {
                        let inner = r.get(&f.name).and_then(serde_json::Value::as_array).into_iter().flatten();
                        for n in inner {
                            for nf in nested.fields.iter().filter(|nf| nf.kind == crate::model::Kind::PersonName) {
                                names.push((text(n, &nf.name), id.clone()));
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        names.retain(|(name, _)| !name.is_empty());
    }
    names
}
