//! Names stay out of outputs meant to leave the machine. CI logs, code-
//! scanning pages and uploaded reports are read by many people, so the
//! formats that go there (junit, sarif, github, markdown) show each person by
//! the id of their record: every officer's name the unit's data holds is
//! replaced in every text of the outcome before it is rendered. The terminal
//! and `explain` (local use) keep showing them; `--show-names` opts in.

use super::Renderer;
use crate::Totals;
use crate::diagnostic::Diagnostic;
use crate::outcome::{ThresholdSource, UnitOutcome};

/// A renderer whose units reach it with personal names replaced.
pub struct Redacting(pub Box<dyn Renderer>);

impl Renderer for Redacting {
    fn begin(&mut self, problems: &[Diagnostic]) -> String {
        self.0.begin(problems)
    }

    fn unit(&mut self, unit: &UnitOutcome) -> String {
        self.0.unit(&redacted(unit))
    }

    fn end(&mut self, totals: &Totals) -> String {
        self.0.end(totals)
    }
}

/// Text folded as a person reads a name: lower case, without diacritics
/// (`đ`, and `Ð` typed for it, as `d`), in either Unicode form, with each
/// run of white space one space and invisible characters dropped; each
/// folded character keeps the byte range of the text it came from, so a
/// match can be replaced in the original.
struct Folded {
    chars: Vec<char>,
    spans: Vec<(usize, usize)>,
}

/// Characters that show as nothing: zero-width spaces and joiners, the
/// word joiner, the byte-order mark, the soft hyphen.
fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

/// `Ð` and `ð` typed for `Đ` and `đ`.
fn dee(c: char) -> char {
    match c {
        'Ð' => 'Đ',
        'ð' => 'đ',
        other => other,
    }
}

/// A name as written, but for case, spacing, invisible characters and
/// Unicode form: what must match when the text bears diacritics.
fn strict(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| w.chars().filter(|&c| !invisible(c)).map(dee).flat_map(char::to_lowercase).nfc().collect())
        .collect();
    words.join(" ")
}

/// Whether text bears any diacritic (a mark, or `đ`).
fn marked(text: &str) -> bool {
    use unicode_normalization::UnicodeNormalization;
    text.nfd().any(|c| unicode_normalization::char::is_combining_mark(c) || matches!(dee(c), 'đ' | 'Đ'))
}

fn fold(text: &str) -> Folded {
    use unicode_normalization::char::{decompose_canonical, is_combining_mark};
    let mut folded = Folded { chars: Vec::with_capacity(text.len()), spans: Vec::with_capacity(text.len()) };
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        if invisible(c) {
            if let Some(last) = folded.spans.last_mut() {
                last.1 = end;
            }
            continue;
        }
        let c = dee(c);
        if c.is_whitespace() {
            if folded.chars.last() == Some(&' ') {
                folded.spans.last_mut().expect("a space was pushed").1 = end;
            } else {
                folded.chars.push(' ');
                folded.spans.push((i, end));
            }
            continue;
        }
        let mut pushed = false;
        decompose_canonical(c, |d| {
            if is_combining_mark(d) {
                return;
            }
            let d = if matches!(d, 'đ' | 'Đ') { 'd' } else { d };
            for l in d.to_lowercase() {
                folded.chars.push(l);
                folded.spans.push((i, end));
                pushed = true;
            }
        });
        // A mark on its own (text in NFD) belongs to the letter before it.
        if !pushed && let Some(last) = folded.spans.last_mut() {
            last.1 = end;
        }
    }
    folded
}

/// A personal name to hide: folded, as written (`strict`), and its id.
struct Name<'a> {
    folded: Vec<char>,
    strict: String,
    id: &'a str,
}

/// `text` with each of `names` (longest first) replaced by `[id]` wherever
/// it stands as whole words, however it is cased, spaced or put in Unicode;
/// its diacritics must be the name's, or absent altogether (`Kieu Van Nam`),
/// so `định kỳ` is not the officer `Đinh Kỳ`.
fn hide_names(text: &str, names: &[Name<'_>]) -> String {
    let folded = fold(text);
    let word = |i: usize| folded.chars.get(i).is_some_and(|c| c.is_alphabetic());
    let mut found: Vec<(usize, usize, &str)> = Vec::new();
    for Name { folded: name, strict: written, id } in names {
        let n = name.len();
        let mut i = 0;
        while i + n <= folded.chars.len() {
            let same_letters = folded.chars[i..i + n] == name[..]
                && (i == 0 || !word(i - 1))
                && !word(i + n)
                && !found.iter().any(|(s, e, _)| i < *e && *s < i + n);
            let fits = same_letters && {
                let typed = &text[folded.spans[i].0..folded.spans[i + n - 1].1];
                !marked(typed) || strict(typed) == *written
            };
            if fits {
                found.push((i, i + n, id));
                i += n;
            } else {
                i += 1;
            }
        }
    }
    if found.is_empty() {
        return text.to_string();
    }
    found.sort_by_key(|(s, _, _)| *s);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (s, e, id) in found {
        let (start, end) = (folded.spans[s].0, folded.spans[e - 1].1);
        out.push_str(&text[at..start]);
        out.push_str(&format!("[{id}]"));
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

/// The outcome with every personal name of the unit replaced by its id.
pub fn redacted(unit: &UnitOutcome) -> UnitOutcome {
    let mut names: Vec<Name<'_>> = unit
        .personal_names
        .iter()
        .map(|(name, id)| Name { folded: fold(name.trim()).chars, strict: strict(name), id: id.as_str() })
        .filter(|name| name.folded.iter().any(|c| c.is_alphanumeric()))
        .collect();
    // The longest first, so that a name containing another goes whole.
    names.sort_by_key(|n| std::cmp::Reverse(n.folded.len()));
    let hide = |text: &str| -> String { hide_names(text, &names) };
    let hide_diagnostic = |d: &Diagnostic| -> Diagnostic {
        let mut d = d.clone();
        d.message = hide(&d.message).into();
        d.help = d.help.as_deref().map(|h| hide(h).into());
        for label in &mut d.labels {
            label.text = label.text.as_deref().map(&hide);
        }
        d.related = d.related.iter().map(|r| Diagnostic { message: hide(&r.message).into(), ..r.clone() }).collect();
        d
    };
    // A waiver's reason and issuer are written by people, and may name one.
    let hide_waiver = |w: &std::sync::Arc<crate::outcome::WaiverRef>| {
        let mut w = (**w).clone();
        w.reason = hide(&w.reason);
        w.decision.issuer = hide(&w.decision.issuer);
        std::sync::Arc::new(w)
    };
    let mut out = unit.clone();
    out.name = hide(&out.name);
    for t in &mut out.targets {
        t.error = t.error.as_ref().map(hide_diagnostic);
        t.warnings = t.warnings.iter().map(hide_diagnostic).collect();
        for r in &mut t.requirements {
            r.waived_whole = r.waived_whole.as_ref().map(hide_waiver);
            for w in &mut r.waived {
                w.waiver = hide_waiver(&w.waiver);
            }
            r.label = hide(&r.label);
            r.notes = r.notes.iter().map(|n| hide(n)).collect();
            if let ThresholdSource::Measured { what } = &mut r.threshold.source {
                *what = hide(what);
            }
        }
    }
    out.data_errors = out.data_errors.iter().map(hide_diagnostic).collect();
    out.data_warnings = out.data_warnings.iter().map(hide_diagnostic).collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_found_however_it_is_typed() {
        let name = |n: &str, id| Name { folded: fold(n).chars, strict: strict(n), id };
        let names = vec![name("Kiều Văn Nam", "CB03"), name("Đỗ An", "CB07"), name("Đinh Kỳ", "CB09")];
        let nfd: String = unicode_normalization::UnicodeNormalization::nfd("Kiều Văn Nam").collect();
        for typed in ["Kiều Văn Nam", "KIỀU VĂN NAM", "Kiều  Văn Nam", "Kieu Van Nam", "kiều\tvăn nam", nfd.as_str()]
        {
            assert_eq!(hide_names(&format!("đồng chí {typed} ký"), &names), "đồng chí [CB03] ký", "{typed:?}");
        }
        assert_eq!(hide_names("DO AN, đỗ an, Ðỗ An, Đỗ\u{200B} An.", &names), "[CB07], [CB07], [CB07], [CB07].");
        // Whole words only: a longer name or word is not a match; a digit
        // typed against it is.
        assert_eq!(hide_names("Đỗ Anh và Kiều Văn Nami", &names), "Đỗ Anh và Kiều Văn Nami");
        assert_eq!(hide_names("Kiều Văn Nam2", &names), "[CB03]2");
        // Other diacritics are other words: `định kỳ` is no officer.
        assert_eq!(hide_names("báo cáo định kỳ của Đinh Kỳ (dinh ky)", &names), "báo cáo định kỳ của [CB09] ([CB09])");
    }
}
