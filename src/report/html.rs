//! `chitieu report`: one self-contained HTML file for commanders — the
//! units × targets matrix, the share of units passing each target, and each
//! unit in detail (measured against required, who set the threshold, the
//! records behind a failure, waivers) with a month-by-month chart per target.
//!
//! Rendered with minijinja from `templates/report.html` (auto-escaped as
//! HTML); the values come from the outcomes `check` produces, turned here
//! into plain view structs. Nothing on the page loads from elsewhere: inline
//! CSS, inline script, inline SVG, and a Content-Security-Policy that forbids
//! the rest. The month-by-month data travels as JSON (`tojson` escapes `<`)
//! and each unit's charts are drawn when it is opened, so a national report
//! stays small and opens quickly.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

use super::svg::{self, Bar};
use super::{clean, symbol};
use crate::i18n::{Msg, int, t};
use crate::outcome::{Status, Summary, TargetOutcome, UnitOutcome};
use crate::progress::Cutoff;
use crate::rules::RulePack;

/// Records listed under a shortfall; the count says how many there are.
const OFFENDING_SHOWN: usize = 10;

const TEMPLATE: &str = include_str!("../../templates/report.html");

/// A status as the page shows it: a class for colour, a symbol and a word.
#[derive(Debug, Clone, Serialize)]
pub struct Mark {
    pub status: Status,
    pub class: &'static str,
    pub symbol: &'static str,
    pub word: String,
}

impl Mark {
    fn of(status: Status) -> Mark {
        let class = match status {
            Status::Pass => "s-pass",
            Status::Fail => "s-fail",
            Status::Pending => "s-pending",
            Status::NotApplicable => "s-na",
            Status::Error => "s-error",
        };
        Mark {
            status,
            class,
            symbol: symbol(status, super::Style { color: false, unicode: true, width: 80 }),
            word: status.label(),
        }
    }
}

/// One requirement of a target in a unit's detail (compact keys: a national
/// report carries 700 units' worth).
#[derive(Debug, Clone, Serialize)]
pub struct RequirementView {
    /// Label, where it differs from the page's usual one (`Shared::labels`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub l: Option<String>,
    /// Measured, as a person reads it ("97,2% (35/36) (miễn trừ 1)").
    pub m: String,
    /// Required (">= 100%").
    pub r: String,
    /// Status code (`Series`).
    pub s: char,
    /// Falls short (failed or pending, and not waived whole).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub x: bool,
    /// Where the threshold was set, for a shortfall, where it differs from
    /// the page's usual one (`Shared::sources`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub src: Option<String>,
    /// Records that fell short: id, and line.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub o: Vec<(String, Option<usize>)>,
    /// How many fell short, when more than are listed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub n: Vec<String>,
    /// What waivers took out, with their decisions.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub w: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TargetView {
    pub id: String,
    /// Status code.
    pub s: char,
    /// Passes only thanks to a waiver.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub pw: bool,
    pub q: Vec<RequirementView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub e: Option<String>,
    /// Waivers for the target that did not apply.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub wr: Vec<String>,
}

/// What a unit's section shows once opened: its targets and charts, or why
/// its data could not be evaluated.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Detail {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub t: Vec<TargetView>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<String>,
    /// Hidden rows, columns or sheets whose records were counted.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    pub series: Series,
}

/// One unit: its matrix row, its summary, its detail.
#[derive(Debug, Clone, Serialize)]
pub struct UnitView {
    pub anchor: String,
    pub unit: String,
    pub name: String,
    pub file: String,
    pub mark: Mark,
    /// Targets failed or in error; for a unit whose data is invalid, more
    /// than any (so it sorts first).
    pub fails: usize,
    /// "as of 13/10/2024", or empty when the data is invalid.
    pub as_of: String,
    /// Whether the data could not be evaluated, and what the matrix says then.
    pub invalid: Option<String>,
    /// One status per target, in rule order (the matrix row).
    pub cells: Vec<Cell>,
    pub detail: Detail,
    #[serde(skip)]
    pub sha256: Option<(String, String)>,
}

/// A matrix cell.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub id: String,
    pub class: &'static str,
    pub symbol: &'static str,
    /// The status in words, only where it is not a pass (kept short).
    pub word: Option<String>,
    #[serde(skip)]
    pub status: Status,
    /// Whether the target passes only thanks to a waiver (for the totals).
    #[serde(skip)]
    pub by_waiver: bool,
}

/// What a unit's charts need, compact (a national report carries 700 of
/// these): month labels and cut-offs, and per target one status code a month
/// and each requirement's measured values.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Series {
    /// `MM/YYYY` of each month's end.
    pub m: Vec<String>,
    /// The cut-off each month is (short text), or empty.
    pub c: Vec<String>,
    pub t: Vec<TargetSeries>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TargetSeries {
    pub id: String,
    /// The target's status each month, a letter each: `p`ass, `f`ail,
    /// pending (`w`), `n`/a, `e`rror.
    pub s: String,
    pub r: Vec<RequirementSeries>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RequirementSeries {
    /// The requirement's label, only where it differs from the page's
    /// default for this target and position (`Page::labels`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub l: Option<String>,
    /// Whether values are shares (0–1), shown as percentages.
    pub p: bool,
    /// The measured value each month, to four decimals (null: nothing to measure).
    pub v: Vec<Option<f64>>,
    /// The threshold as of the last month.
    pub th: f64,
}

fn code(status: Status) -> char {
    match status {
        Status::Pass => 'p',
        Status::Fail => 'f',
        Status::Pending => 'w',
        Status::NotApplicable => 'n',
        Status::Error => 'e',
    }
}

/// What the page's script reads besides each unit's detail: titles, the
/// usual label of each requirement, status words and the page's texts.
#[derive(Serialize)]
struct Shared<'a> {
    titles: BTreeMap<&'a str, String>,
    labels: &'a BTreeMap<String, Vec<String>>,
    sources: &'a BTreeMap<String, Vec<String>>,
    words: BTreeMap<char, String>,
    text: Texts,
}

#[derive(Serialize)]
struct TargetHead {
    id: String,
    title: String,
    section: String,
    fails: usize,
    rate: String,
    /// The province's own figure: each pooled requirement's value and status.
    province: Vec<String>,
}

/// A target's pooled figures as the targets table shows them (`82,8%
/// (500/604) — Không đạt`); none for `rollup: none`.
fn province_cell(province: &crate::rollup::Province, id: &str) -> Vec<String> {
    let Some(target) = province.targets.iter().find(|t| t.id == id) else { return Vec::new() };
    // A count reads with what it is held to (`75 (> 44)`); a share carries
    // its part and whole already.
    let shown = |r: &crate::rollup::PooledRequirement| match r.whole {
        None if !r.required.is_empty() => format!("{} ({})", clean(&r.shown), r.required),
        _ => clean(&r.shown),
    };
    target.requirements.iter().map(|r| format!("{} — {}", shown(r), r.status.label())).collect()
}

#[derive(Serialize)]
struct Page<'a> {
    lang: &'static str,
    title: String,
    subtitle: String,
    single: bool,
    units: &'a [UnitView],
    targets: Vec<TargetHead>,
    rates_svg: String,
    legend: Vec<Mark>,
    totals: String,
    problems: Vec<String>,
    footer: String,
    /// What the script shares across units.
    shared: Shared<'a>,
    text: Texts,
}

/// Every fixed text of the page, in the run's language.
#[derive(Serialize, Clone)]
struct Texts {
    matrix: String,
    sort_unit: String,
    sort_fails: String,
    unit: String,
    fails: String,
    pass_rates: String,
    province: String,
    targets: String,
    section: String,
    target: String,
    status: String,
    measured: String,
    required: String,
    required_word: String,
    legend: String,
    details: String,
    open_hint: String,
    why: String,
    waived: String,
    progress: String,
    no_months: String,
    no_script: String,
    records: String,
    line: String,
    rule_pack: String,
    threshold: String,
    skip: String,
    print: String,
    passed_by_waiver: String,
}

impl Texts {
    fn new() -> Texts {
        Texts {
            matrix: t(Msg::HtmlMatrix),
            sort_unit: t(Msg::HtmlSortUnit),
            sort_fails: t(Msg::HtmlSortFails),
            unit: t(Msg::HtmlUnit),
            fails: t(Msg::HtmlFails),
            pass_rates: t(Msg::HtmlPassRates),
            province: t(Msg::HtmlProvince),
            targets: t(Msg::HtmlTargetsHeading),
            section: t(Msg::HtmlSection),
            target: t(Msg::ColumnTarget),
            status: t(Msg::ColumnStatus),
            measured: t(Msg::ColumnMeasured),
            required: t(Msg::ColumnRequired),
            required_word: t(Msg::HtmlRequiredWord),
            legend: t(Msg::HtmlLegend),
            details: t(Msg::HtmlDetails),
            open_hint: t(Msg::HtmlOpenHint),
            why: t(Msg::HtmlWhy),
            waived: t(Msg::HtmlWaived),
            progress: t(Msg::HtmlProgress),
            no_months: t(Msg::HtmlNoMonths),
            no_script: t(Msg::HtmlNoScript),
            records: t(Msg::HtmlRecords),
            line: t(Msg::HtmlLineWord),
            rule_pack: t(Msg::HtmlRulePack),
            threshold: t(Msg::HtmlThreshold),
            skip: t(Msg::HtmlSkip),
            print: t(Msg::HtmlPrint),
            passed_by_waiver: t(Msg::PassedByWaiverMark),
        }
    }
}

fn target_view(tg: &TargetOutcome) -> TargetView {
    let q = tg
        .requirements
        .iter()
        .map(|r| {
            let short = matches!(r.status, Status::Fail | Status::Pending) && r.waived_whole.is_none();
            let listed = r.offending.len().min(OFFENDING_SHOWN);
            RequirementView {
                l: Some(clean(&r.label)),
                m: super::human::measured(r),
                r: super::human::required(r),
                s: code(r.status),
                x: short,
                src: Some(t(Msg::HtmlSetBy { source: &clean(&r.threshold.source.describe()) })),
                o: if short {
                    r.offending
                        .iter()
                        .take(OFFENDING_SHOWN)
                        .map(|e| {
                            let name = clean(e.id.as_deref().unwrap_or(e.collection));
                            match e.place() {
                                // A workbook's record: its sheet and row, after its id.
                                Some(crate::diagnostic::Place::Cell { sheet, row, .. }) => {
                                    (format!("{name} ({} › {})", clean(&sheet), t(Msg::SheetRow { row })), None)
                                }
                                _ => (name, e.line),
                            }
                        })
                        .collect()
                } else {
                    Vec::new()
                },
                on: (short && r.offending_total > listed).then(|| int(r.offending_total as i64)),
                n: if short { r.notes.iter().map(|n| clean(n)).collect() } else { Vec::new() },
                w: Vec::new(),
            }
        })
        .collect();
    let mut view = TargetView {
        id: tg.id.clone(),
        s: code(tg.status),
        pw: tg.passed_by_waiver(),
        q,
        e: tg.error.as_ref().map(located),
        wr: tg.warnings.iter().map(located).collect(),
    };
    // What waivers took out, under the first requirement (waived records
    // are listed whichever requirement counted them).
    for (line, w) in super::waiver_lines(tg) {
        let text = format!("{line} — {} ({}:{})", clean(&w.cite()), w.file, w.line);
        if let Some(first) = view.q.first_mut() {
            first.w.push(text);
        }
    }
    view
}

fn located(d: &crate::diagnostic::Diagnostic) -> String {
    match d.location() {
        Some((file, crate::diagnostic::Place::Line { line, .. })) => format!("{file}:{line}: {}", clean(&d.message)),
        Some((file, cell)) => format!("{}: {}", cell.shown(&file), clean(&d.message)),
        None => clean(&d.message),
    }
}

fn cutoff_text(c: Option<Cutoff>) -> String {
    match c {
        None => String::new(),
        Some(Cutoff::SixMonths) => t(Msg::HtmlCutoffShort6),
        Some(Cutoff::NineMonths) => t(Msg::HtmlCutoffShort9),
        Some(Cutoff::Year) => t(Msg::HtmlCutoffShortYear),
    }
}

/// One unit's timeline turned into what the page shows. The unit's
/// outcome comes back too, for the province's figures (pooled and dropped
/// as the unit is written).
fn unit_view(timeline: crate::progress::Timeline, show_names: bool) -> (UnitView, UnitOutcome) {
    let outcome = if show_names { timeline.outcome } else { super::redact::redacted(&timeline.outcome) };
    let series = series(&timeline.months);
    let valid = outcome.data_errors.is_empty();
    let view = UnitView {
        anchor: String::new(),
        unit: clean(&outcome.unit),
        name: clean(&outcome.name),
        file: outcome.file.clone(),
        mark: Mark::of(outcome.status()),
        fails: if valid {
            outcome.targets.iter().filter(|t| matches!(t.status, Status::Fail | Status::Error)).count()
        } else {
            1_000_000
        },
        as_of: if valid { t(Msg::HtmlAsOf { date: &crate::i18n::date(outcome.as_of) }) } else { String::new() },
        invalid: (!valid).then(|| t(Msg::HtmlInvalid { count: outcome.data_errors.len() })),
        cells: outcome
            .targets
            .iter()
            .map(|tg| {
                let mark = Mark::of(tg.status);
                let word = (tg.status != Status::Pass).then_some(mark.word);
                let by_waiver = tg.passed_by_waiver();
                Cell { id: tg.id.clone(), class: mark.class, symbol: mark.symbol, word, status: tg.status, by_waiver }
            })
            .collect(),
        detail: Detail {
            t: outcome.targets.iter().map(target_view).collect(),
            errors: outcome.data_errors.iter().map(located).collect(),
            warnings: outcome.data_warnings.iter().map(located).collect(),
            series,
        },
        sha256: outcome.sha256.clone().map(|s| (outcome.file.clone(), s)),
    };
    (view, outcome)
}

fn series(months: &[(String, chrono::NaiveDate, Option<Cutoff>, UnitOutcome)]) -> Series {
    let Some((_, _, _, last)) = months.last() else { return Series::default() };
    let t = last
        .targets
        .iter()
        .enumerate()
        .map(|(i, target)| {
            fn at<'m>(m: &'m UnitOutcome, i: usize, id: &str) -> Option<&'m TargetOutcome> {
                m.targets.get(i).filter(|x| x.id == id)
            }
            let r = target
                .requirements
                .iter()
                .enumerate()
                .map(|(j, req)| RequirementSeries {
                    l: Some(clean(&req.label)),
                    p: matches!(req.measured, crate::outcome::Measure::Ratio { .. }),
                    v: months
                        .iter()
                        .map(|(.., m)| {
                            let value = at(m, i, &target.id)
                                .and_then(|x| x.requirements.get(j))
                                .and_then(|r| r.measured.as_f64());
                            value.map(|v| (v * 1e4).round() / 1e4)
                        })
                        .collect(),
                    th: req.threshold.value,
                })
                .collect();
            TargetSeries {
                id: target.id.clone(),
                s: months
                    .iter()
                    .map(|(.., m)| code(at(m, i, &target.id).map_or(Status::Error, |x| x.status)))
                    .collect(),
                r,
            }
        })
        .collect();
    Series {
        m: months.iter().map(|(_, end, ..)| end.format("%m/%Y").to_string()).collect(),
        c: months.iter().map(|(_, _, c, _)| cutoff_text(*c)).collect(),
        t,
    }
}

/// The page's three parts: what comes before the units' details (title,
/// matrix, targets), one unit's details, and what follows them (footer, the
/// script and what it shares across units). `templates/report.html` marks
/// the loop over units with `{# units #}` and `{# /units #}`.
struct Templates {
    env: minijinja::Environment<'static>,
}

impl Templates {
    fn new() -> Result<Templates, String> {
        let (head, rest) = TEMPLATE.split_once("{# units #}").ok_or("the template has no {# units #}")?;
        let (units, tail) = rest.split_once("{# /units #}").ok_or("the template has no {# /units #}")?;
        let unit = units
            .strip_prefix("{% for u in units %}")
            .and_then(|u| u.strip_suffix("{% endfor %}"))
            .ok_or("the units of the template are not one loop")?;
        // `.html` names turn auto-escaping on.
        let mut env = minijinja::Environment::new();
        // No text from data or rules puts a character in the page that
        // HTML or XML forbids (it would show as nothing, or stop a reader).
        env.set_formatter(|out, state, value| match value.as_str() {
            Some(text) if text.chars().any(crate::diagnostic::is_unwritable) => {
                let safe = crate::diagnostic::xml_safe(text).into_owned();
                let safe = if value.is_safe() {
                    minijinja::Value::from_safe_string(safe)
                } else {
                    minijinja::Value::from(safe)
                };
                minijinja::escape_formatter(out, state, &safe)
            }
            _ => minijinja::escape_formatter(out, state, value),
        });
        for (name, text) in [("head.html", head), ("unit.html", unit), ("tail.html", tail)] {
            env.add_template(name, text).map_err(|e| e.to_string())?;
        }
        Ok(Templates { env })
    }

    /// A part as the whole file renders it: minijinja drops a template's
    /// last newline, which only the tail's is (the file's).
    fn render(&self, name: &str, context: impl Serialize) -> Result<String, String> {
        let template = self.env.get_template(name).map_err(|e| e.to_string())?;
        let mut text = template.render(minijinja::value::Serde(&context)).map_err(|e| e.to_string())?;
        if name != "tail.html" && template.source().ends_with('\n') {
            text.push('\n');
        }
        Ok(text)
    }
}

/// What a unit's details are rendered with.
#[derive(Serialize)]
struct UnitContext<'a> {
    u: &'a UnitView,
    single: bool,
    text: &'a Texts,
}

/// What the page says of the units in it, for the exit code.
#[derive(Debug, Default)]
pub struct Written {
    /// A unit's data could not be evaluated.
    pub invalid: bool,
    /// A target of some unit is an error.
    pub errors: bool,
}

/// The page being written, streaming: each unit's timeline (handed on in
/// file order by `progress::timelines`) has its details rendered and spooled
/// beside the output at once, and only its matrix row is kept; `finish`
/// writes the head, which counts every unit, then the spooled details, then
/// the tail. Memory follows the units in flight, not the units in the page.
/// The file appears whole or not at all.
pub struct Writer<'p> {
    pack: &'p RulePack,
    out: PathBuf,
    show_names: bool,
    single: bool,
    templates: Templates,
    text: Texts,
    spool: std::io::BufWriter<crate::write::Scratch>,
    rows: Vec<UnitView>,
    /// Each requirement's label and threshold source once for the page (the
    /// first unit's that has the target), and in a unit only where they differ.
    labels: BTreeMap<String, Vec<String>>,
    sources: BTreeMap<String, Vec<String>>,
    pool: crate::rollup::Pool,
    failed: Option<String>,
}

impl<'p> Writer<'p> {
    /// A page of `units` units, to be written to `out`.
    pub fn begin(pack: &'p RulePack, units: usize, show_names: bool, out: &std::path::Path) -> Result<Self, String> {
        // The spooled details: a scratch file beside the output, uniquely
        // named and removed however the writing ends.
        let spool = std::io::BufWriter::new(crate::write::Scratch::beside(out).map_err(|e| e.to_string())?);
        Ok(Writer {
            pack,
            out: out.to_path_buf(),
            show_names,
            single: units == 1,
            templates: Templates::new()?,
            text: Texts::new(),
            spool,
            rows: Vec::with_capacity(units),
            labels: BTreeMap::new(),
            sources: BTreeMap::new(),
            pool: crate::rollup::Pool::new(pack),
            failed: None,
        })
    }

    /// One unit, in file order.
    pub fn unit(&mut self, timeline: crate::progress::Timeline) {
        use std::io::Write;
        if self.failed.is_some() {
            return;
        }
        let (mut u, outcome) = unit_view(timeline, self.show_names);
        self.pool.add(&outcome);
        drop(outcome);
        u.anchor = format!("u{}", self.rows.len() + 1);
        shared_once(&mut u, &mut self.labels, &mut self.sources);
        let written = self
            .templates
            .render("unit.html", UnitContext { u: &u, single: self.single, text: &self.text })
            .and_then(|html| self.spool.write_all(html.as_bytes()).map_err(|e| e.to_string()));
        if let Err(e) = written {
            self.failed = Some(e);
        }
        // The details are in the spool: the page keeps the row.
        u.detail = Detail::default();
        self.rows.push(u);
    }

    /// Writes the page: head, the spooled details, tail.
    pub fn finish(self, as_of: Option<chrono::NaiveDate>, inputs: Vec<crate::audit::Input>) -> Result<Written, String> {
        use std::io::Write;
        let io = |e: std::io::Error| e.to_string();
        let Writer { pack, out, templates, spool, rows, labels, sources, pool, failed, .. } = self;
        if let Some(e) = failed {
            return Err(e);
        }
        let spool = spool.into_inner().map_err(|e| e.error().to_string())?;
        let province = pool.finish();
        let page = page(pack, &rows, &labels, &sources, as_of, inputs, &province);
        // Head, spool and tail into the output's own temporary file, which
        // replaces the output only once whole.
        let mut file = crate::write::Output::create(&out).map_err(io)?;
        file.write_all(templates.render("head.html", &page)?.as_bytes()).map_err(io)?;
        std::io::copy(&mut spool.reopen().map_err(io)?, &mut file).map_err(io)?;
        file.write_all(templates.render("tail.html", &page)?.as_bytes()).map_err(io)?;
        file.commit().map_err(io)?;
        drop(spool);
        Ok(Written {
            invalid: rows.iter().any(|u| u.invalid.is_some()),
            errors: rows.iter().flat_map(|u| &u.cells).any(|c| c.status == Status::Error),
        })
    }
}

/// Leaves out of a unit's details each label and threshold source that is
/// the page's default for its target and position (the first unit's).
fn shared_once(
    u: &mut UnitView,
    labels: &mut BTreeMap<String, Vec<String>>,
    sources: &mut BTreeMap<String, Vec<String>>,
) {
    for target in &mut u.detail.t {
        let default = labels
            .entry(target.id.clone())
            .or_insert_with(|| target.q.iter().map(|q| q.l.clone().unwrap_or_default()).collect());
        let source = sources
            .entry(target.id.clone())
            .or_insert_with(|| target.q.iter().map(|q| q.src.clone().unwrap_or_default()).collect());
        for (j, q) in target.q.iter_mut().enumerate() {
            if q.l.as_ref() == default.get(j) {
                q.l = None;
            }
            if q.src.as_ref() == source.get(j) || !q.x {
                q.src = None;
            }
        }
    }
    for target in &mut u.detail.series.t {
        let default = labels.get(&target.id);
        for (j, r) in target.r.iter_mut().enumerate() {
            if r.l.as_ref() == default.and_then(|d| d.get(j)) {
                r.l = None;
            }
        }
    }
}

/// What the head and tail of the page are rendered with: the units' rows
/// (their details are already written), the targets' pass rates, totals.
fn page<'a>(
    pack: &'a RulePack,
    units: &'a [UnitView],
    labels: &'a BTreeMap<String, Vec<String>>,
    sources: &'a BTreeMap<String, Vec<String>>,
    as_of: Option<chrono::NaiveDate>,
    mut inputs: Vec<crate::audit::Input>,
    province: &crate::rollup::Province,
) -> Page<'a> {
    let single = units.len() == 1;
    let total = units.iter().filter(|u| u.invalid.is_none()).count();
    let mut summary = Summary::default();
    let mut targets: Vec<TargetHead> = Vec::new();
    let mut bars = Vec::new();
    let mut passes = Vec::new();
    for rule in &pack.rules {
        let statuses: Vec<Status> =
            units.iter().flat_map(|u| u.cells.iter().filter(|c| c.id == rule.id).map(|c| c.status)).collect();
        if statuses.is_empty() && !units.is_empty() {
            continue;
        }
        let pass = statuses.iter().filter(|s| matches!(s, Status::Pass | Status::NotApplicable)).count();
        let fails = statuses.iter().filter(|s| matches!(s, Status::Fail | Status::Error)).count();
        passes.push((rule.id.clone(), pass));
        targets.push(TargetHead {
            id: rule.id.clone(),
            title: clean(&rule.title()),
            section: rule.meta.as_ref().map(|m| clean(&m.section)).unwrap_or_default(),
            fails,
            rate: t(Msg::HtmlPassRate { pass: &int(pass as i64), total: &int(total as i64) }),
            province: province_cell(province, &rule.id),
        });
    }
    for (id, pass) in &passes {
        let share = if total == 0 { 0.0 } else { *pass as f64 / total as f64 };
        bars.push(Bar {
            label: id,
            share,
            text: format!("{} ({}/{})", crate::i18n::percent(share), int(*pass as i64), int(total as i64)),
            class: if *pass == total { "s-pass" } else { "s-fail" },
            href: Some(format!("#t-{id}")),
        });
    }
    for u in units {
        for cell in &u.cells {
            summary.count(cell.status, cell.by_waiver);
        }
        if let Some((path, sha256)) = &u.sha256 {
            let role = crate::audit::Role::Unit;
            inputs.push(crate::audit::Input { path: path.clone(), role, sha256: sha256.clone() });
        }
    }
    let date = as_of.map(crate::i18n::date);
    let subtitle = match (single, &date) {
        (true, _) => units.first().map(|u| format!("{} — {}", u.unit, u.name)).unwrap_or_default(),
        (false, _) => t(Msg::HtmlUnitsCount { count: &int(units.len() as i64) }),
    };
    let subtitle = match date {
        Some(d) => format!("{subtitle} · {}", t(Msg::HtmlAsOf { date: &d })),
        None => subtitle,
    };
    let footer = t(Msg::HtmlFooter {
        version: env!("CARGO_PKG_VERSION"),
        count: &int(inputs.len() as i64),
        digest: &crate::audit::short_digest(&inputs),
    });
    Page {
        lang: match crate::i18n::lang() {
            crate::i18n::Lang::Vi => "vi",
            crate::i18n::Lang::En => "en",
        },
        title: t(Msg::HtmlTitle),
        subtitle,
        single,
        units,
        targets,
        rates_svg: svg::bars(&t(Msg::HtmlPassRates), &bars),
        legend: Status::ALL.iter().map(|s| Mark::of(*s)).collect(),
        totals: super::totals_line(&summary),
        problems: pack.problems.iter().map(located).collect(),
        footer,
        shared: Shared {
            titles: pack.rules.iter().map(|r| (r.id.as_str(), clean(&r.title()))).collect(),
            labels,
            sources,
            words: Status::ALL.iter().map(|s| (code(*s), s.label())).collect(),
            text: Texts::new(),
        },
        text: Texts::new(),
    }
}
