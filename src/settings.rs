//! The project settings file, `chitieu.yaml`, found by walking up from the
//! working directory as cargo and ruff find theirs: the default rules
//! folder, data path, directive overlays, language and output format of a
//! repository. Flags override it; paths in it are relative to its folder. It
//! is validated like any input: an unknown key or a wrong value is an error
//! at its line.

use serde::Deserialize;
use serde_saphyr::Spanned;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, SourceFile};
use crate::i18n::{Lang, Msg, t};

/// The file's name, at the root of a repository.
pub const FILE_NAME: &str = "chitieu.yaml";

/// The JSON Schema of the settings file (`chitieu schema --kind settings`).
pub const SCHEMA: &str = include_str!("../schema/settings.schema.json");

/// The largest settings file read: a settings file is a few lines.
const MAX_BYTES: u64 = 64 << 10;

/// The output formats `format:` may name (those of `check --format`).
pub const FORMATS: &[&str] = &["human", "json", "junit", "sarif", "github", "markdown"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    rules: Option<PathBuf>,
    #[serde(default)]
    data: Option<PathBuf>,
    #[serde(default)]
    directives: Vec<PathBuf>,
    #[serde(default)]
    language: Option<Spanned<String>>,
    #[serde(default)]
    format: Option<Spanned<String>>,
    #[serde(default)]
    information_uri: Option<Spanned<String>>,
}

/// How a small file a person writes (settings, waivers) is read: one
/// document, no aliases or anchors, shallow, at most `max_nodes` nodes.
pub(crate) fn hand_written_yaml(max_nodes: usize) -> serde_saphyr::Options {
    hand_written_yaml_nested(max_nodes, 8)
}

/// As [`hand_written_yaml`], for a file that nests `max_depth` deep (a
/// data model's nested records and their labels).
pub(crate) fn hand_written_yaml_nested(max_nodes: usize, max_depth: usize) -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = max_depth;
    budget.max_nodes = max_nodes;
    budget.max_aliases = 0;
    budget.max_anchors = 0;
    budget.max_documents = 1;
    serde_saphyr::options! { budget: Some(budget), with_snippet: false }
}

/// Settings as read, with paths made relative to the working directory.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The file they came from; None when there is none.
    pub file: Option<PathBuf>,
    pub rules: Option<PathBuf>,
    pub data: Option<PathBuf>,
    pub directives: Vec<PathBuf>,
    pub language: Option<Lang>,
    pub format: Option<String>,
    /// Where SARIF readers learn about the tool here (an absolute URI).
    pub information_uri: Option<String>,
}

/// The nearest `chitieu.yaml` in `dir` or a folder above it.
pub fn find(dir: &Path) -> Option<PathBuf> {
    // Up to the repository's root (a `.git` folder) or the user's home,
    // and no further: a settings file above them is not this project's.
    let home = ["HOME", "USERPROFILE"].iter().find_map(std::env::var_os).map(PathBuf::from);
    for folder in dir.ancestors() {
        let file = folder.join(FILE_NAME);
        if file.is_file() {
            return Some(file);
        }
        if folder.join(".git").exists() || home.as_deref() == Some(folder) {
            return None;
        }
    }
    None
}

/// The settings that apply in `cwd`: the nearest file's, or none.
pub fn discover(cwd: &Path) -> Result<Settings, Vec<Diagnostic>> {
    match find(cwd) {
        Some(path) => load(&path, cwd),
        None => Ok(Settings::default()),
    }
}

/// Reads one settings file; its paths are made relative to `cwd` when they
/// can be (so diagnostics name them as a person in `cwd` would).
pub fn load(path: &Path, cwd: &Path) -> Result<Settings, Vec<Diagnostic>> {
    let name = crate::diagnostic::shown_path(&relative(path, cwd));
    let cannot = |e: std::io::Error| {
        vec![Diagnostic::error("settings::io", t(Msg::CannotRead { name: &name, error: &e.to_string() }))]
    };
    let bytes = match crate::input::read_limited(path, MAX_BYTES) {
        Ok(bytes) => bytes,
        Err(crate::input::ReadError::Io(e)) => return Err(cannot(e)),
        Err(crate::input::ReadError::TooLarge { size }) => {
            return Err(vec![Diagnostic::error(
                "settings::too-large",
                t(Msg::SettingsTooLarge { name: &name, size, max: MAX_BYTES }),
            )]);
        }
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return Err(vec![Diagnostic::error("settings::encoding", t(Msg::NotUtf8 { name: &name }))]);
    };
    let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
    let base = relative(path.parent().unwrap_or(Path::new(".")), cwd);
    parse(&name, text, &base)
}

/// Parses a settings file's text; `base` is its folder as seen from the
/// working directory.
pub fn parse(name: &str, text: String, base: &Path) -> Result<Settings, Vec<Diagnostic>> {
    let source = SourceFile::new(name, text);
    if source.text.trim().is_empty() {
        return Ok(Settings { file: Some(PathBuf::from(name)), ..Settings::default() });
    }
    let options = hand_written_yaml(1_000);
    let file: File = serde_saphyr::from_str_with_options(&source.text, options).map_err(|e| {
        vec![crate::dataset::load::hand_written_problem(&source, &e, "settings::invalid", t(Msg::SettingsKeys))]
    })?;
    let mut problems = Vec::new();
    let at = |s: &Spanned<String>| {
        let start = source.offset(s.referenced.line() as usize, s.referenced.column() as usize);
        crate::diagnostic::value_span(&source.text, start)
    };
    let language = file.language.as_ref().and_then(|l| {
        let lang = Lang::parse(&l.value);
        if lang.is_none() {
            problems.push(
                Diagnostic::error("settings::language", t(Msg::SettingsNotLanguage { name, value: &l.value }))
                    .in_file(&source)
                    .label(at(l), t(Msg::LabelNotViEn))
                    .help(t(Msg::LanguageIs)),
            );
        }
        lang
    });
    if let Some(f) = &file.format
        && !FORMATS.contains(&f.value.as_str())
    {
        let near = crate::diagnostic::closest(&f.value, FORMATS);
        problems.push(
            Diagnostic::error("settings::format", t(Msg::SettingsNotFormat { name, value: &f.value }))
                .in_file(&source)
                .label(at(f), t(Msg::LabelUnknownFormat))
                .help(crate::diagnostic::did_you_mean(near, &t(Msg::FormatsAre { formats: &FORMATS.join(", ") }))),
        );
    }
    if let Some(u) = &file.information_uri
        && !is_absolute_uri(&u.value)
    {
        problems.push(
            Diagnostic::error("settings::uri", t(Msg::SettingsNotUri { name, value: &u.value }))
                .in_file(&source)
                .label(at(u), t(Msg::LabelNotUri))
                .help(t(Msg::UriHelp)),
        );
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let path = |p: PathBuf| if p.is_absolute() || base == Path::new("") { p } else { base.join(p) };
    Ok(Settings {
        file: Some(PathBuf::from(name)),
        rules: file.rules.map(path),
        data: file.data.map(path),
        directives: file.directives.into_iter().map(path).collect(),
        language,
        format: file.format.map(|f| f.value),
        information_uri: file.information_uri.map(|u| u.value),
    })
}

/// `scheme:rest` with a scheme of letters, digits, `+`, `-` or `.`, as an
/// absolute URI begins (https://…, urn:…).
fn is_absolute_uri(text: &str) -> bool {
    match text.split_once(':') {
        Some((scheme, rest)) => {
            !rest.is_empty()
                && !text.contains(char::is_whitespace)
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// `path` as seen from `cwd`: relative when it lies below it.
fn relative(path: &Path, cwd: &Path) -> PathBuf {
    if path.is_relative() {
        return path.to_path_buf();
    }
    let mut up = PathBuf::new();
    for ancestor in cwd.ancestors() {
        if let Ok(rest) = path.strip_prefix(ancestor) {
            return up.join(rest);
        }
        up.push("..");
    }
    path.to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, with};

    #[test]
    fn a_settings_file_names_paths_relative_to_its_folder() {
        let s = parse(
            "../chitieu.yaml",
            "rules: rules\ndata: data/units\ndirectives: [rules/extra.yaml]\nlanguage: en\nformat: json\n".into(),
            Path::new(".."),
        )
        .unwrap();
        assert_eq!(s.rules, Some(PathBuf::from("../rules")));
        assert_eq!(s.data, Some(PathBuf::from("../data/units")));
        assert_eq!(s.directives, [PathBuf::from("../rules/extra.yaml")]);
        assert_eq!(s.language, Some(Lang::En));
        assert_eq!(s.format.as_deref(), Some("json"));
    }

    #[test]
    fn unknown_keys_and_values_are_errors_at_their_line() {
        with(Lang::En, || {
            let e = parse("chitieu.yaml", "rules: rules\nlanguge: vi\n".into(), Path::new("")).unwrap_err();
            assert_eq!(e[0].code, "settings::invalid");
            assert_eq!(e[0].location().and_then(|l| l.1.line()), Some(2));
            let e = parse("chitieu.yaml", "language: fr\nformat: jsn\n".into(), Path::new("")).unwrap_err();
            assert_eq!(e.len(), 2);
            assert_eq!(e[0].location().and_then(|l| l.1.line()), Some(1));
            assert_eq!(e[1].location().and_then(|l| l.1.line()), Some(2));
            assert!(e[1].help.as_deref().unwrap().starts_with("did you mean `json`?"));
        });
    }

    #[test]
    fn relative_paths_step_up_from_the_working_directory() {
        assert_eq!(relative(Path::new("/a/b/chitieu.yaml"), Path::new("/a/b/c")), PathBuf::from("../chitieu.yaml"));
        assert_eq!(relative(Path::new("/a/b/chitieu.yaml"), Path::new("/a/b")), PathBuf::from("chitieu.yaml"));
    }
}
