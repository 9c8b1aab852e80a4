//! Checks that need the whole file: unique ids, references that resolve,
//! dates in order, close reasons present exactly when closed. Every problem
//! is collected; none stops the others from being found.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use serde_saphyr::Spanned;

use super::load::{UnitFile, record_extent};
use super::model::{Origin, Prior, Record};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::{closest, find_key, find_word};
use crate::i18n::{Msg, t};

pub fn validate(unit: &UnitFile) -> Vec<Diagnostic> {
    validate_with(unit, &SetAside::new())
}

/// The ids of records set aside for a bad value (each reported where it
/// is), by collection: they exist, so nothing that refers to them is
/// reported missing.
pub type SetAside = HashMap<&'static str, HashSet<String>>;

/// Every check of `validate`, knowing the records set aside.
pub fn validate_with(unit: &UnitFile, set_aside: &SetAside) -> Vec<Diagnostic> {
    let d = &unit.data;
    let mut c = Checker { unit, problems: Vec::new(), ids: HashMap::new(), set_aside };

    if d.period.value.end < d.period.value.start {
        let span = c.span_at(&d.period.referenced, "end", None);
        c.push(Diagnostic::error("data::period", t(Msg::PeriodBackwards)), span, &t(Msg::PeriodBackwardsLabel));
    }

    c.unique(&d.officers);
    c.unique(&d.communes);
    c.unique(&d.key_areas);
    c.unique(&d.surveys);
    c.unique(&d.hotspots);
    c.unique(&d.missed_detections);
    c.unique(&d.subjects);
    c.unique(&d.suspicions);
    c.unique(&d.operations);
    c.unique(&d.informants);
    c.unique(&d.personas);
    c.unique(&d.arrests);
    c.unique(&d.cases);
    c.unique(&d.inspections);
    c.unique(&d.trainings);

    for s in &d.surveys {
        c.refs(s, "covers", "key_areas", &s.value.covers);
        c.opt_ref(s, "manager", "officers", s.value.manager.as_deref());
    }
    for m in &d.missed_detections {
        c.opt_ref(m, "key_area", "key_areas", m.value.key_area.as_deref());
    }
    for s in &d.subjects {
        c.opt_ref(s, "officer", "officers", s.value.officer.as_deref());
        c.refs(s, "informants", "informants", &s.value.informants);
        if let Some(o) = &s.value.origin {
            c.origin(s, o);
        }
        c.closing(s, "close_reason", s.value.closed.is_some(), s.value.close_reason.is_some());
    }
    for s in &d.suspicions {
        c.opt_ref(s, "officer", "officers", s.value.officer.as_deref());
        c.origin(s, &s.value.origin);
        c.closing(s, "outcome", s.value.closed.is_some(), s.value.outcome.is_some());
    }
    for o in &d.operations {
        c.origin(o, &o.value.origin);
        c.closing(o, "outcome", o.value.cracked.is_some(), o.value.outcome.is_some());
    }
    for i in &d.informants {
        c.opt_ref(i, "handler", "officers", i.value.handler.as_deref());
    }
    for p in &d.personas {
        c.opt_ref(p, "handler", "officers", p.value.handler.as_deref());
    }
    for a in &d.arrests {
        let target = match a.value.prior {
            Prior::Subject => Some("subjects"),
            Prior::Suspicion => Some("suspicions"),
            Prior::Operation => Some("operations"),
            Prior::None => None,
        };
        if let Some(target) = target {
            c.opt_ref(a, "prior_ref", target, a.value.prior_ref.as_deref());
        }
    }
    for i in &d.inspections {
        c.one_ref(i, "commune", "communes", &i.value.commune);
        c.opt_ref(i, "by", "officers", i.value.by.as_deref());
    }
    for f in &d.file_reviews {
        c.one_ref(f, "reviewer", "officers", &f.value.reviewer);
        c.refs(f, "reviewed", "officers", &f.value.reviewed);
    }
    for t in &d.trainings {
        c.refs(t, "attendees", "officers", &t.value.attendees);
    }

    c.order(&d.surveys);
    c.order(&d.hotspots);
    c.order(&d.subjects);
    c.order(&d.suspicions);
    c.order(&d.operations);
    c.order(&d.informants);
    c.order(&d.personas);
    for (name, quota) in &d.quotas {
        if let (Some(deadline), Some(crack_by)) = (quota.value.deadline, quota.value.crack_by)
            && crack_by < deadline
        {
            let span = c.span_at(&quota.referenced, "crack_by", None);
            c.push(
                Diagnostic::error("data::date-order", t(Msg::CrackByBeforeDeadline { name })),
                span,
                &t(Msg::BeforeDeadline),
            );
        }
    }
    c.problems
}

/// `d` placed at the unit's `period` (its start), labelled as the unit's.
pub fn at_period(unit: &UnitFile, d: Diagnostic) -> Diagnostic {
    let none = SetAside::new();
    let mut c = Checker { unit, problems: Vec::new(), ids: HashMap::new(), set_aside: &none };
    let span = c.span_at(&unit.data.period.referenced, "start", None);
    c.push(d, span, &t(Msg::LabelUnitPeriod));
    c.problems.pop().expect("pushed")
}

struct Checker<'a> {
    unit: &'a UnitFile,
    problems: Vec<Diagnostic>,
    ids: HashMap<&'static str, HashSet<&'a str>>,
    set_aside: &'a SetAside,
}

impl<'a> Checker<'a> {
    fn push(&mut self, d: Diagnostic, span: Option<Range<usize>>, label: &str) {
        let d = d.in_file(&self.unit.source);
        self.problems.push(match span {
            Some(span) => d.label(span, label),
            None => d,
        });
    }

    /// The span of `field` inside the record at `loc` (of `value` inside it,
    /// when given), else of the record's first line.
    fn span_at(&self, loc: &serde_saphyr::Location, field: &str, value: Option<&str>) -> Option<Range<usize>> {
        if let Some(grid) = &self.unit.source.grid {
            // A workbook: the field's cell in the record's row.
            let line = loc.line() as usize;
            let key = match field {
                "origin" => "origin.kind",
                "ref" => "origin.ref",
                other => other,
            };
            let cell = grid.column_of(line, key).and_then(|c| grid.cell_span(line, c));
            let cell = cell.unwrap_or_else(|| self.unit.source.line_range(line));
            let text = &self.unit.source.text[cell.clone()];
            return Some(match value.and_then(|v| find_word(text, v).map(|i| (i, v.len()))) {
                Some((i, n)) => cell.start + i..cell.start + i + n,
                None => cell,
            });
        }
        let extent = record_extent(&self.unit.source, loc)?;
        let text = &self.unit.source.text[extent.clone()];
        let key = find_key(text, field);
        let found = key.and_then(|k| match value {
            Some(v) => find_word(&text[k..], v).map(|i| k + i..k + i + v.len()),
            None => {
                let after = k + field.len() + 1;
                let line_end = text[after..].find('\n').map_or(text.len(), |i| after + i);
                let value_text = &text[after..line_end];
                let lead = value_text.len() - value_text.trim_start().len();
                let v = value_text.trim().trim_end_matches([',', '}']);
                if v.is_empty() { Some(k..k + field.len()) } else { Some(after + lead..after + lead + v.len()) }
            }
        });
        let first_line_end = text.find('\n').unwrap_or(text.len());
        Some(match found {
            Some(r) => extent.start + r.start..extent.start + r.end,
            None => extent.start..extent.start + first_line_end,
        })
    }

    /// Whether messages name things by the sheet's words: a workbook's
    /// are read by a clerk who sees labels, not keys.
    fn in_sheet_words(&self) -> bool {
        self.unit.source.grid.is_some()
    }

    /// Whether a YAML or JSON unit's messages give the model's words with
    /// each key: in Vietnamese, which the staff who read them read first
    /// ("Cán bộ quản lý (officer)"); in English the keys are the words.
    fn words_with_keys(&self) -> bool {
        !self.in_sheet_words() && crate::i18n::lang() == crate::i18n::Lang::Vi
    }

    /// A collection as the run names it: its sheet's name in a workbook,
    /// its name and key in a Vietnamese run over YAML, else its key.
    fn coll(&self, collection: &str) -> String {
        let sheet = self.unit.labels.sheet(collection);
        match sheet {
            Some(s) if self.in_sheet_words() => s.name().to_string(),
            Some(s) if self.words_with_keys() => format!("{} ({collection})", s.name()),
            _ => collection.to_string(),
        }
    }

    /// A field as the run names it: its column's label in a workbook.
    fn fld(&self, collection: &str, key: &str) -> String {
        let key = match key {
            "ref" => "origin.ref",
            "origin" => "origin.kind",
            other => other,
        };
        let column = self.unit.labels.sheet(collection).and_then(|s| s.column(key));
        let shown = key.trim_start_matches("origin.");
        match column {
            Some(c) if self.in_sheet_words() => c.label().to_string(),
            Some(c) if self.words_with_keys() => format!("{} ({shown})", c.label()),
            _ => shown.to_string(),
        }
    }

    fn record_name<T: Record>(&self, record: &T, index: usize) -> String {
        let collection = self.coll(T::COLLECTION);
        match record.id() {
            Some(id) => format!("{collection} `{id}`"),
            None => format!("{collection} #{}", index + 1),
        }
    }

    fn unique<T: Record>(&mut self, records: &'a [Spanned<T>]) {
        let mut first: HashMap<&str, &Spanned<T>> = HashMap::new();
        let mut ids = HashSet::new();
        for r in records {
            let Some(id) = r.value.id() else { continue };
            ids.insert(id);
            if let Some(previous) = first.get(id) {
                let again = self.span_at(&r.referenced, "id", Some(id));
                let first_use = self.span_at(&previous.referenced, "id", Some(id));
                let collection = self.coll(T::COLLECTION);
                let collection = collection.as_str();
                let mut d = Diagnostic::error("data::duplicate-id", t(Msg::DuplicateId { collection, id }))
                    .in_file(&self.unit.source)
                    .help(t(Msg::DuplicateIdHelp { collection }));
                if let Some(span) = again {
                    d = d.label(span, t(Msg::UsedAgain));
                }
                if let Some(span) = first_use {
                    d = d.label(span, t(Msg::FirstUsed));
                }
                self.problems.push(d);
            } else {
                first.insert(id, r);
            }
        }
        self.ids.insert(T::COLLECTION, ids);
    }

    fn exists(&self, collection: &str, id: &str) -> bool {
        self.ids.get(collection).is_some_and(|ids| ids.contains(id))
            || self.set_aside.get(collection).is_some_and(|ids| ids.contains(id))
    }

    fn one_ref<T: Record>(&mut self, r: &Spanned<T>, field: &str, target: &'static str, id: &str) {
        if self.exists(target, id) {
            return;
        }
        let span = self.span_at(&r.referenced, field, Some(id));
        let owner = self.record_name(&r.value, 0);
        let known: Vec<&str> = self.ids.get(target).map(|s| s.iter().copied().collect()).unwrap_or_default();
        let (field, target) = (self.fld(T::COLLECTION, field), self.coll(target));
        let (field, target) = (field.as_str(), target.as_str());
        let help = match closest(id, &known) {
            Some(near) => t(Msg::DanglingNear { target, id, near }),
            None => t(Msg::DanglingAdd { target, id }),
        };
        self.push(
            Diagnostic::error("data::dangling-reference", t(Msg::Dangling { owner: &owner, field, id, target }))
                .help(help),
            span,
            &t(Msg::NotIn { target }),
        );
    }

    fn opt_ref<T: Record>(&mut self, r: &Spanned<T>, field: &str, target: &'static str, id: Option<&str>) {
        if let Some(id) = id {
            self.one_ref(r, field, target, id);
        }
    }

    fn refs<T: Record>(&mut self, r: &Spanned<T>, field: &str, target: &'static str, ids: &[String]) {
        for id in ids {
            self.one_ref(r, field, target, id);
        }
    }

    fn origin<T: Record>(&mut self, r: &Spanned<T>, origin: &Origin) {
        match (origin.kind.collection(), origin.reference.as_deref()) {
            (Some(target), Some(id)) => self.one_ref(r, "ref", target, id),
            (Some(target), None) => {
                let span = self.span_at(&r.referenced, "origin", None);
                let owner = self.record_name(&r.value, 0);
                self.push(
                    Diagnostic::error(
                        "data::missing-field",
                        t(Msg::OriginNeedsRef { owner: &owner, kind: origin.kind.as_str() }),
                    )
                    .help(t(Msg::OriginNeedsRefHelp { target })),
                    span,
                    &t(Msg::RefMissing),
                );
            }
            (None, _) => {}
        }
    }

    fn closing<T: Record>(&mut self, r: &Spanned<T>, field: &str, ended: bool, has_field: bool) {
        if ended == has_field {
            return;
        }
        let at_end = T::END.unwrap_or("closed");
        let owner = self.record_name(&r.value, 0);
        let owner = owner.as_str();
        let (end_word, field_word) = (self.fld(T::COLLECTION, at_end), self.fld(T::COLLECTION, field));
        let (end, key) = (end_word.as_str(), field);
        let field = field_word.as_str();
        let sheet = self.in_sheet_words();
        let (message, at, label, help) = if ended && self.words_with_keys() {
            // YAML in Vietnamese: the words with their keys, the keys to type.
            (
                t(Msg::CellEndedWithout { owner, end, field }),
                at_end,
                t(Msg::EndedWithoutLabel { end, field }),
                t(Msg::AddResult { field: key }),
            )
        } else if self.words_with_keys() {
            (
                t(Msg::CellGivenNotEnded { owner, field, end }),
                key,
                t(Msg::NoEndDate { end: at_end }),
                t(Msg::AddEndOrRemove { end: at_end, field: key }),
            )
        } else if ended && sheet {
            (
                t(Msg::CellEndedWithout { owner, end, field }),
                at_end,
                t(Msg::EndedWithoutLabel { end, field }),
                t(Msg::CellAddResult { field }),
            )
        } else if sheet {
            (
                t(Msg::CellGivenNotEnded { owner, field, end }),
                key,
                t(Msg::NoEndDate { end }),
                t(Msg::CellAddEndOrRemove { end, field }),
            )
        } else if ended {
            (
                t(Msg::EndedWithout { owner, end, field }),
                at_end,
                t(Msg::EndedWithoutLabel { end, field }),
                t(Msg::AddResult { field }),
            )
        } else {
            (
                t(Msg::GivenNotEnded { owner, field, end }),
                key,
                t(Msg::NoEndDate { end }),
                t(Msg::AddEndOrRemove { end, field }),
            )
        };
        let span = self.span_at(&r.referenced, at, None);
        self.push(Diagnostic::error("data::close-fields", message).help(help), span, &label);
    }

    fn order<T: Record>(&mut self, records: &[Spanned<T>]) {
        for (i, r) in records.iter().enumerate() {
            if let (Some(start), Some(end)) = (r.value.start(), r.value.end())
                && end < start
            {
                let (s_key, e_key) = (T::START.unwrap_or("start"), T::END.unwrap_or("end"));
                let span = self.span_at(&r.referenced, e_key, None);
                let (s_word, e_word) = (self.fld(T::COLLECTION, s_key), self.fld(T::COLLECTION, e_key));
                let (s, e) = (s_word.as_str(), e_word.as_str());
                let owner = self.record_name(&r.value, i);
                // The dates as the file writes them, as the excerpt below shows them.
                let (end, start) = (end.to_string(), start.to_string());
                let message =
                    t(Msg::EndsBeforeStart { owner: &owner, end_field: e, end: &end, start_field: s, start: &start });
                self.push(
                    Diagnostic::error("data::date-order", message)
                        .help(t(Msg::EndsBeforeStartHelp { start_field: s, end_field: e })),
                    span,
                    &t(Msg::BeforeStart { start_field: s }),
                );
            }
        }
    }
}
