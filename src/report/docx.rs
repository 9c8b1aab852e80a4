//! `chitieu report --format docx`: the report the plan (IV.2) has the team
//! send PC04 — the monthly review, or on a cut-off the 6-month, 9-month or
//! annual report — as a Word document in the layout of an administrative
//! report (Nghị định 30/2020/NĐ-CP, Phụ lục I): the issuing body beside the
//! Quốc hiệu and Tiêu ngữ, the number line left for the clerk, place and
//! date, the title, a table of every target, a section per target that falls
//! short, headings for the team's own assessment, then "Nơi nhận" and the
//! signature block. Times New Roman, 14 pt body, A4 with the decree's
//! margins. Written with docx-rs.
//!
//! For a folder of units it is the province's report: each target's pooled
//! figure (`crate::rollup`) and how many units meet it.
//!
//! Like the HTML page it renders timelines (`progress::timelines`) as they
//! arrive and keeps no unit: one unit's report needs only that unit; a
//! province's, the pool and per target a count and the ids of the units
//! falling short.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use docx_rs::{
    AlignmentType, Docx, LineSpacing, PageMargin, Paragraph, Run, RunFonts, Table, TableCell, TableRow, WidthType,
};

use super::clean;
use crate::i18n::{Msg, int, t};
use crate::outcome::{Measure, Requirement, Status, TargetOutcome, UnitOutcome};
use crate::progress::{About, Cutoff, Timeline};
use crate::rules::RulePack;

const FONT: &str = "Times New Roman";
/// A4, in twentieths of a point.
const PAGE: (u32, u32) = (11906, 16838);
/// The text's width: A4 less the left (30 mm) and right (15 mm) margins.
const WIDTH: usize = 9354;
/// The results table's columns (number, target, measured or pooled,
/// required, status, change or units meeting), in twips: `WIDTH` in all.
const COLUMNS: [usize; 6] = [567, 3387, 1600, 1200, 1100, 1500];
/// Records named under a shortfall; the count says how many there are.
const RECORDS_SHOWN: usize = 30;

fn mm(x: f64) -> i32 {
    (x * 1440.0 / 25.4).round() as i32
}

/// How a paragraph's text looks.
#[derive(Clone, Copy)]
struct Look {
    size: usize,
    bold: bool,
    italic: bool,
    underline: bool,
    align: AlignmentType,
    /// Space after, in points.
    after: u32,
    /// First-line indent, in twips.
    indent: i32,
}

const BODY: Look =
    Look { size: 14, bold: false, italic: false, underline: false, align: AlignmentType::Both, after: 6, indent: 567 };
const CENTER: Look = Look { align: AlignmentType::Center, indent: 0, after: 0, ..BODY };
const HEADING: Look = Look { bold: true, indent: 567, ..BODY };
const CELL: Look = Look { size: 12, align: AlignmentType::Left, after: 0, indent: 0, ..BODY };

impl Look {
    fn bold(self) -> Look {
        Look { bold: true, ..self }
    }
    fn italic(self) -> Look {
        Look { italic: true, ..self }
    }
    fn size(self, size: usize) -> Look {
        Look { size, ..self }
    }
    fn align(self, align: AlignmentType) -> Look {
        Look { align, ..self }
    }
}

fn run(text: &str, look: Look) -> Run {
    // Every text of the document passes here: none may break its XML.
    let mut run = Run::new().add_text(crate::diagnostic::xml_safe(text)).size(look.size * 2);
    if look.bold {
        run = run.bold();
    }
    if look.italic {
        run = run.italic();
    }
    if look.underline {
        run = run.underline("single");
    }
    run
}

fn para(text: &str, look: Look) -> Paragraph {
    let mut p = Paragraph::new()
        .add_run(run(text, look))
        .align(look.align)
        .line_spacing(LineSpacing::new().before(0).after(look.after * 20));
    if look.indent != 0 {
        p = p.indent(None, Some(docx_rs::SpecialIndentType::FirstLine(look.indent)), None, None);
    }
    p
}

/// The decree's short solid line (Nghị định 30/2020, Phụ lục I) under the
/// issuing body and under the trích yếu: an empty paragraph `length` twips
/// wide, centred in `within`, drawn as its bottom border.
fn short_line(length: usize, within: usize) -> Paragraph {
    let side = (within.saturating_sub(length) / 2) as i32;
    let mut p = Paragraph::new()
        .add_run(run("", Look { size: 2, ..CENTER }))
        .line_spacing(LineSpacing::new().before(0).after(0))
        .indent(Some(side), None, Some(side), None);
    let bottom = docx_rs::ParagraphBorder::new(docx_rs::ParagraphBorderPosition::Bottom).size(6).color("000000");
    p.property = p.property.set_borders(docx_rs::ParagraphBorders::with_empty().set(bottom));
    p
}

/// A cell of one paragraph (a reader sees a cell per line).
fn cell(text: &str, look: Look, width: usize) -> TableCell {
    TableCell::new()
        .width(width, WidthType::Dxa)
        .vertical_align(docx_rs::VAlignType::Center)
        .add_paragraph(para(text, look))
}

/// A month as the decree writes it in a date: January and February with a
/// leading zero (`01`, `02`), the others without (`3` … `12`).
fn month(m: u32) -> String {
    if m < 3 { format!("{m:02}") } else { m.to_string() }
}

/// The report's kind, from the statistics month it closes.
fn title(label_end: NaiveDate, cutoff: Option<Cutoff>, year: i32) -> String {
    let m = month(label_end.month());
    t(match cutoff {
        None => Msg::DocxTitleMonth { month: &m, year: label_end.year() },
        Some(Cutoff::SixMonths) => Msg::DocxTitleSix { year },
        Some(Cutoff::NineMonths) => Msg::DocxTitleNine { year },
        Some(Cutoff::Year) => Msg::DocxTitleYear { year },
    })
}

/// Where the team is, for the place-and-date line: the unit's name without
/// "Công an huyện" and the like ("Bình Lục"), else the province, else the
/// unit's name.
fn place(name: &str, province: Option<&str>) -> String {
    const KINDS: [&str; 6] = ["huyện ", "quận ", "thị xã ", "thành phố ", "thị trấn ", "tỉnh "];
    let lower = name.to_lowercase();
    if let Some(rest) = lower.strip_prefix("công an ") {
        for kind in KINDS {
            if rest.starts_with(kind) {
                let skip = "công an ".chars().count() + kind.chars().count();
                let place: String = name.chars().skip(skip).collect();
                if !place.trim().is_empty() {
                    return place.trim().to_string();
                }
            }
        }
    }
    province.map(str::to_string).unwrap_or_else(|| name.to_string())
}

/// The report's date: the day after the statistics month closes (the 14th).
fn report_date(end: NaiveDate) -> NaiveDate {
    end.succ_opt().unwrap_or(end)
}

/// `text` as one line, or two split at the space nearest its middle when
/// it is longer than `max` characters.
fn balanced(text: &str, max: usize) -> Vec<String> {
    let count = text.chars().count();
    if count <= max {
        return vec![text.to_string()];
    }
    let middle = text.char_indices().nth(count / 2).map_or(0, |(i, _)| i);
    let split = text.match_indices(' ').map(|(i, _)| i).min_by_key(|&i| i.abs_diff(middle));
    match split {
        Some(i) => vec![text[..i].trim_end().to_string(), text[i..].trim_start().to_string()],
        None => vec![text.to_string()],
    }
}

/// The issuing body beside the Quốc hiệu and Tiêu ngữ, the number line, the
/// place and date.
fn heading(body: &[String], place: &str, date: NaiveDate) -> Table {
    let (left, right) = (3754, WIDTH - 3754);
    let mut l = TableCell::new().width(left, WidthType::Dxa);
    for (i, line) in body.iter().enumerate() {
        let look = if i + 1 == body.len() { CENTER.size(12).bold() } else { CENTER.size(12) };
        // A name too long for its column breaks into two balanced lines,
        // never leaving one word alone ("TÚY").
        for part in balanced(&line.to_uppercase(), 26) {
            l = l.add_paragraph(para(&part, look));
        }
    }
    // A third of the column, under the body's name.
    l = l
        .add_paragraph(short_line(left / 3, left))
        .add_paragraph(para("", CENTER.size(13)))
        .add_paragraph(para(&t(Msg::DocxNumber), CENTER.size(13)));
    let r = TableCell::new()
        .width(right, WidthType::Dxa)
        .add_paragraph(para(&t(Msg::DocxNation), CENTER.size(12).bold()))
        .add_paragraph(para(&t(Msg::DocxMotto), Look { underline: true, ..CENTER.size(13).bold() }))
        .add_paragraph(para("", CENTER.size(13)))
        .add_paragraph(para(
            &t(Msg::DocxPlaceDate {
                place,
                day: date.day(),
                month: &month(date.month()),
                year: date.year(),
                date: &crate::i18n::date(date),
            }),
            CENTER.size(14).italic(),
        ));
    Table::without_borders(vec![TableRow::new(vec![l, r])]).set_grid(vec![left, right]).width(WIDTH, WidthType::Dxa)
}

/// "Nơi nhận" on the left, the signer's title and name on the right (the
/// name left for the signer to write unless names are shown).
fn signature(recipients: &[String], title: &str, name: Option<&str>) -> Table {
    let (left, right) = (4677, WIDTH - 4677);
    let small = Look { size: 11, align: AlignmentType::Left, after: 0, indent: 0, ..BODY };
    let mut l = TableCell::new()
        .width(left, WidthType::Dxa)
        .add_paragraph(para(&t(Msg::DocxRecipients), small.size(12).bold().italic()));
    for r in recipients {
        l = l.add_paragraph(para(r, small));
    }
    let mut r = TableCell::new().width(right, WidthType::Dxa).add_paragraph(para(&title.to_uppercase(), CENTER.bold()));
    for _ in 0..4 {
        r = r.add_paragraph(para("", CENTER));
    }
    r = r.add_paragraph(para(name.unwrap_or(""), CENTER.bold()));
    Table::without_borders(vec![TableRow::new(vec![l, r])]).set_grid(vec![left, right]).width(WIDTH, WidthType::Dxa)
}

/// A results table: a header row and a row each.
fn table(header: &[String], widths: &[usize], rows: Vec<Vec<String>>) -> Table {
    let head = TableRow::new(
        header.iter().zip(widths).map(|(h, w)| cell(h, CELL.bold().align(AlignmentType::Center), *w)).collect(),
    );
    let mut all = vec![head];
    for row in rows {
        let cells = row
            .iter()
            .zip(widths)
            .enumerate()
            .map(|(i, (text, w))| {
                let look = if i == 1 { CELL } else { CELL.align(AlignmentType::Center) };
                cell(text, look, *w)
            })
            .collect();
        all.push(TableRow::new(cells).cant_split());
    }
    Table::new(all).set_grid(widths.to_vec()).width(WIDTH, WidthType::Dxa)
}

/// How a requirement moved since the month before: `+2,8 điểm %`, `+3`,
/// `không đổi`, with last month's status where it differs.
fn change(now: &Requirement, before: Option<&Requirement>) -> String {
    let Some(before) = before else { return "—".into() };
    let moved = match (now.measured.as_f64(), before.measured.as_f64()) {
        (Some(a), Some(b)) => {
            let ratio = matches!(now.measured, Measure::Ratio { .. });
            let delta = if ratio { ((a - b) * 1000.0).round() / 10.0 } else { a - b };
            if delta == 0.0 {
                t(Msg::DocxUnchanged)
            } else {
                let sign = if delta > 0.0 { "+" } else { "" };
                let number = format!("{sign}{}", crate::i18n::number(delta));
                if ratio { t(Msg::DocxPoints { delta: &number }) } else { number }
            }
        }
        _ => "—".into(),
    };
    if before.status == now.status {
        moved
    } else {
        format!("{moved}; {}", t(Msg::DocxWas { status: &before.status.label() }))
    }
}

/// The target as a table row names it: on its first row, id and the plan's
/// wording, with the requirement's label where a target has several (the
/// `label` given); on the rows after, that label alone.
fn target_cell(
    id: &str,
    title: &str,
    label: Option<&str>,
    first: bool,
    labels: &'static crate::dataset::workbook::labels::Labels,
) -> String {
    match (first, label) {
        (true, Some(l)) => format!("{id}. {} — {}", clean(title), plain(l, labels)),
        (true, None) => format!("{id}. {}", clean(title)),
        (false, l) => l.map(|l| plain(l, labels)).unwrap_or_default(),
    }
}

/// The unit report's rows: one per requirement.
fn unit_rows(
    now: &UnitOutcome,
    before: Option<&UnitOutcome>,
    labels: &'static crate::dataset::workbook::labels::Labels,
) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for (i, tg) in now.targets.iter().enumerate() {
        let earlier = before.and_then(|b| b.targets.iter().find(|x| x.id == tg.id));
        if tg.requirements.is_empty() {
            let status = tg.status.label();
            let name = target_cell(&tg.id, &tg.title, None, true, labels);
            rows.push(vec![int(i as i64 + 1), name, "—".into(), "—".into(), status, "—".into()]);
            continue;
        }
        for (j, r) in tg.requirements.iter().enumerate() {
            let prior = earlier.and_then(|e| e.requirements.get(j)).filter(|p| p.label == r.label);
            rows.push(vec![
                if j == 0 { int(i as i64 + 1) } else { String::new() },
                target_cell(&tg.id, &tg.title, (tg.requirements.len() > 1).then_some(r.label.as_str()), j == 0, labels),
                clean(&super::human::measured(r)),
                required_words(r, labels),
                r.status_label(),
                change(r, prior),
            ]);
        }
    }
    rows
}

/// A record as the report names it: its id, with its sheet and row for a
/// workbook's, or its line.
fn record(e: &crate::outcome::Evidence) -> String {
    let id = clean(e.id.as_deref().unwrap_or(e.collection));
    match e.place() {
        Some(crate::diagnostic::Place::Cell { sheet, row, .. }) => {
            format!("{id} ({} › {})", clean(&sheet), t(Msg::SheetRow { row }))
        }
        _ => id,
    }
}

/// Whether a target needs its own section: it fails, is at risk before its
/// deadline, could not be evaluated, or passes only thanks to a waiver.
fn short(tg: &TargetOutcome) -> bool {
    matches!(tg.status, Status::Fail | Status::Pending | Status::Error) || tg.passed_by_waiver()
}

/// A target's section: each requirement that falls short, where its
/// threshold was set, its deadline, the records behind it, its waivers.
fn section(
    number: usize,
    tg: &TargetOutcome,
    plan_section: Option<&str>,
    labels: &'static crate::dataset::workbook::labels::Labels,
) -> Vec<Paragraph> {
    // A numbered item's heading: bold and upright, as the decree sets it.
    let mut out = vec![para(&t(Msg::DocxTargetHeading { number, id: &tg.id, title: &clean(&tg.title) }), BODY.bold())];
    if let Some(e) = &tg.error {
        out.push(para(&t(Msg::DocxError { message: &clean(&e.message) }), BODY));
    }
    for r in &tg.requirements {
        let falls_short = matches!(r.status, Status::Fail | Status::Pending) && r.waived_whole.is_none();
        if !falls_short && r.waived.is_empty() && r.waived_whole.is_none() {
            continue;
        }
        out.push(para(
            &t(Msg::DocxRequirement {
                label: &plain(&r.label, labels),
                required: &required_words(r, labels),
                measured: &clean(&super::human::measured(r)),
                status: &r.status_label(),
            }),
            BODY,
        ));
        let mut facts = t(Msg::DocxThreshold { source: &source_words(&r.threshold.source, plan_section, labels) });
        if let Some(d) = r.deadline {
            facts.push(' ');
            facts.push_str(&t(Msg::DocxDeadline { date: &crate::i18n::date(d) }));
        }
        out.push(para(&facts, BODY));
        if falls_short && r.offending_total > 0 {
            let mut names: Vec<String> = r.offending.iter().take(RECORDS_SHOWN).map(record).collect();
            let listed = names.len();
            if r.offending_total > listed {
                names.push(t(Msg::DocxMore { count: &int((r.offending_total - listed) as i64) }));
            }
            let list = names.join(", ");
            out.push(para(&t(Msg::DocxRecords { count: &int(r.offending_total as i64), list: &list }), BODY));
        }
        for note in &r.notes {
            out.push(para(&plain(note, labels), BODY));
        }
    }
    for (what, w) in super::waiver_lines(tg) {
        out.push(para(&t(Msg::DocxWaiver { what: &clean(&what), cite: &clean(&w.cite()) }), BODY));
    }
    for w in &tg.warnings {
        out.push(para(&clean(&w.message), BODY.italic()));
    }
    out
}

/// What the report was written from, for its exit code.
#[derive(Debug, Default)]
pub struct Written {
    /// A unit's data could not be evaluated.
    pub invalid: bool,
    /// A target of some unit is an error.
    pub errors: bool,
    /// The document's title, for the line the command prints.
    pub title: String,
}

/// The month a report closes: its label, end and cut-off.
type Closing = (String, NaiveDate, Option<Cutoff>);

/// One target of a province: how many units have it, meet it, and which
/// fall short.
#[derive(Default)]
struct Across {
    units: usize,
    meeting: usize,
    short: Vec<String>,
}

/// What one unit's report is made of.
struct Single {
    now: UnitOutcome,
    before: Option<UnitOutcome>,
    about: About,
    closing: Closing,
}

/// The document being written: one unit's report, or a province's.
pub struct Writer<'p> {
    pack: &'p RulePack,
    out: PathBuf,
    show_names: bool,
    single: bool,
    /// The one unit's report, once its timeline is in: the month it closes
    /// (redacted unless names are shown), the month before, the unit.
    unit: Option<Single>,
    /// A province's: the pooled figures, per target its units, the month.
    pool: crate::rollup::Pool,
    across: std::collections::BTreeMap<String, Across>,
    closing: Option<(Closing, About, String)>,
    provinces: std::collections::BTreeSet<Option<String>>,
    invalid: Vec<String>,
    errors: bool,
    count: usize,
    /// Each unit file read, for the digest the document carries.
    read: Vec<crate::audit::Input>,
    failed: Option<String>,
}

impl<'p> Writer<'p> {
    /// The words of the pack's model, which the report names records by.
    fn labels(&self) -> &'static crate::dataset::workbook::labels::Labels {
        crate::dataset::workbook::labels::of(&self.pack.model)
    }

    pub fn begin(pack: &'p RulePack, units: usize, show_names: bool, out: &Path) -> Writer<'p> {
        Writer {
            pack,
            out: out.to_path_buf(),
            show_names,
            single: units == 1,
            unit: None,
            pool: crate::rollup::Pool::new(pack),
            across: Default::default(),
            closing: None,
            provinces: Default::default(),
            invalid: Vec::new(),
            errors: false,
            count: 0,
            read: Vec::new(),
            failed: None,
        }
    }

    /// One unit, in file order.
    pub fn unit(&mut self, mut timeline: Timeline) {
        if self.failed.is_some() {
            return;
        }
        self.count += 1;
        let outcome = &timeline.outcome;
        if let Some(sha256) = &outcome.sha256 {
            let role = crate::audit::Role::Unit;
            self.read.push(crate::audit::Input { path: outcome.file.clone(), role, sha256: sha256.clone() });
        }
        if !outcome.data_errors.is_empty() || timeline.about.is_none() {
            if self.single {
                self.failed = Some(t(Msg::DocxInvalidUnit { unit: &outcome.unit, count: outcome.data_errors.len() }));
            }
            self.invalid.push(clean(&outcome.unit));
            return;
        }
        let Some((label, end, cutoff, month)) = timeline.months.last() else {
            self.failed = Some(t(Msg::DocxNoMonth { date: &crate::i18n::date(outcome.as_of) }));
            return;
        };
        let closing: Closing = (label.clone(), *end, *cutoff);
        self.errors |= month.targets.iter().any(|t| t.status == Status::Error);
        if self.single {
            let now = if self.show_names { month.clone() } else { super::redact::redacted(month) };
            // Only the measures and statuses of the month before are shown.
            let before = timeline.months.len().checked_sub(2).map(|i| timeline.months.swap_remove(i).3);
            let about = timeline.about.take().expect("checked above");
            self.unit = Some(Single { now, before, about, closing });
            return;
        }
        match &self.closing {
            Some(((first, ..), ..), ..) if *first != closing.0 => {
                self.failed = Some(t(Msg::DocxMonthsDiffer { first, other: &closing.0, unit: &month.unit }));
                return;
            }
            Some(_) => {}
            None => {
                let about = timeline.about.clone().expect("checked above");
                self.closing = Some((closing, about, month.name.clone()));
            }
        }
        self.provinces.insert(timeline.about.as_ref().and_then(|a| a.province.clone()));
        self.pool.add(month);
        for tg in &month.targets {
            let across = self.across.entry(tg.id.clone()).or_default();
            across.units += 1;
            match tg.status {
                Status::Pass | Status::NotApplicable => across.meeting += 1,
                Status::Fail | Status::Pending | Status::Error => across.short.push(clean(&month.unit)),
            }
        }
    }

    /// Writes the document (to a temporary file renamed over the output).
    pub fn finish(mut self, mut inputs: Vec<crate::audit::Input>) -> Result<Written, String> {
        if let Some(e) = self.failed {
            return Err(e);
        }
        inputs.append(&mut self.read);
        let digest = crate::audit::short_digest(&inputs);
        let (docx, title) = if self.single {
            let Some(single) = &self.unit else { return Err(t(Msg::DocxNoMonth { date: "—" })) };
            self.unit_document(single)
        } else {
            let pooled = std::mem::replace(&mut self.pool, crate::rollup::Pool::new(self.pack)).finish();
            self.province_document(pooled)?
        };
        // Page numbers, as the decree sets them: centred in the top margin,
        // 13-14 pt, from the second page on (the first has an empty header),
        // 10 mm from the page's edge.
        let number = Paragraph::new().add_page_num(docx_rs::PageNum::new()).align(AlignmentType::Center).size(28);
        let docx = docx
            .header(docx_rs::Header::new().add_paragraph(number))
            .first_header(docx_rs::Header::new())
            .custom_property("chitieu", format!("{} {digest}", env!("CARGO_PKG_VERSION")))
            .page_size(PAGE.0, PAGE.1)
            .page_margin(
                PageMargin::new()
                    .top(mm(20.0))
                    .bottom(mm(20.0))
                    .left(mm(30.0))
                    .right(mm(15.0))
                    .header(mm(10.0))
                    .footer(mm(10.0)),
            )
            .default_fonts(RunFonts::new().ascii(FONT).hi_ansi(FONT).cs(FONT).east_asia(FONT))
            .default_size(28);
        let mut bytes = std::io::Cursor::new(Vec::new());
        let cannot = |e: String| t(Msg::CannotWrite { error: &e });
        docx.build().pack(&mut bytes).map_err(|e| cannot(e.to_string()))?;
        let bytes = repack(&bytes.into_inner()).map_err(|e| cannot(e.to_string()))?;
        crate::write_whole(&self.out, &bytes)
            .map_err(|e| cannot(format!("{}: {e}", crate::diagnostic::shown_path(&self.out))))?;
        Ok(Written { invalid: !self.invalid.is_empty(), errors: self.errors, title })
    }

    fn unit_document(&self, single: &Single) -> (Docx, String) {
        let Single { now, before, about, closing: (_, end, cutoff) } = single;
        let before = before.as_ref();
        let year = about.period.end.year();
        let title = title(*end, *cutoff, year);
        let team = about.team.clone().unwrap_or_else(|| now.name.clone());
        let date = report_date(*end);
        let mut body = vec![now.name.clone()];
        if let Some(team) = &about.team {
            body.push(team.clone());
        }
        let mut docx = start(
            Docx::new(),
            &body,
            &place(&now.name, about.province.as_deref()),
            date,
            &title,
            &window(*end, *cutoff, about.period.start),
        );
        let intro = match &self.pack.plan {
            Some(plan) => t(Msg::DocxIntroPlan { plan: &plan.name(), team: &team }),
            None => t(Msg::DocxIntro { team: &team }),
        };
        // A report to a higher body names it: "Kính gửi: …".
        let to = match about.province.as_deref() {
            Some(p) => t(Msg::DocxKinhGui { to: &t(Msg::DocxPc04Of { province: p }) }),
            None => t(Msg::DocxKinhGui { to: "PC04" }),
        };
        docx = docx.add_paragraph(para(&to, CENTER)).add_paragraph(para("", CENTER));
        docx = docx.add_paragraph(para(&intro, BODY));
        docx = docx.add_paragraph(para(&t(Msg::DocxResults), HEADING));
        let header = [
            t(Msg::DocxNo),
            t(Msg::ColumnTarget),
            t(Msg::ColumnMeasured),
            t(Msg::ColumnRequired),
            t(Msg::ColumnStatus),
            t(Msg::DocxChange),
        ];
        docx = docx.add_table(table(&header, &COLUMNS, unit_rows(now, before, self.labels())));
        let mut summary = crate::outcome::Summary::default();
        for tg in &now.targets {
            summary.count(tg.status, tg.passed_by_waiver());
        }
        docx = docx.add_paragraph(para("", BODY)).add_paragraph(para(&super::totals_line(&summary), BODY));
        docx = docx.add_paragraph(para(&t(Msg::DocxShort), HEADING));
        let shorts: Vec<&TargetOutcome> = now.targets.iter().filter(|tg| short(tg)).collect();
        if shorts.is_empty() {
            docx = docx.add_paragraph(para(&t(Msg::DocxNoneShort), BODY));
        }
        for (n, tg) in shorts.iter().enumerate() {
            let plan_section = self.pack.get(&tg.id).and_then(|r| r.meta.as_ref().ok()).map(|m| m.section.as_str());
            for p in section(n + 1, tg, plan_section, self.labels()) {
                docx = docx.add_paragraph(p);
            }
        }
        let name = about.signer.as_ref().filter(|_| self.show_names).map(|(_, name)| name.as_str());
        let signer = about.signer.as_ref().and_then(|(title, _)| title.clone()).unwrap_or_else(|| t(Msg::DocxSigner));
        let pc04 = match about.province.as_deref() {
            Some(p) => t(Msg::DocxRecipientPc04 { province: p }),
            None => t(Msg::DocxRecipientPc04Plain),
        };
        let recipients = [pc04, t(Msg::DocxRecipientFiles)];
        docx = end_matter(docx).add_table(signature(&recipients, &signer, name));
        (stamped(docx, date), title)
    }

    fn province_document(&self, pooled: crate::rollup::Province) -> Result<(Docx, String), String> {
        let Some(((_, end, cutoff), about, _)) = &self.closing else {
            return Err(t(Msg::DocxInvalidUnit { unit: &self.invalid.join(", "), count: self.invalid.len() }));
        };
        let province = match self.provinces.iter().collect::<Vec<_>>().as_slice() {
            [Some(p)] => Some(p.clone()),
            _ => None,
        };
        let title = t(Msg::DocxProvinceTitle { title: &title(*end, *cutoff, about.period.end.year()) });
        let date = report_date(*end);
        let body = match &province {
            Some(p) => vec![t(Msg::DocxProvinceBody { province: p }), t(Msg::DocxPc04Body)],
            None => vec![t(Msg::DocxPc04Body)],
        };
        // Where the province's office is, unless the units name different
        // provinces (or none): then the clerk writes it.
        let place = province.clone().unwrap_or_else(|| "……".to_string());
        let mut docx = start(Docx::new(), &body, &place, date, &title, &window(*end, *cutoff, about.period.start));
        let valid = self.count - self.invalid.len();
        docx = docx.add_paragraph(para(&t(Msg::DocxIntroProvince { count: &int(valid as i64) }), BODY));
        if !self.invalid.is_empty() {
            let message = t(Msg::HtmlInvalid { count: self.invalid.len() });
            docx = docx.add_paragraph(para(&format!("{message}: {}", self.invalid.join(", ")), BODY.bold()));
        }
        docx = docx.add_paragraph(para(&t(Msg::DocxResults), HEADING));
        let mut rows = Vec::new();
        for (i, rule) in self.pack.rules.iter().enumerate() {
            let Some(across) = self.across.get(&rule.id) else { continue };
            let meeting = format!("{}/{}", int(across.meeting as i64), int(across.units as i64));
            let target = pooled.targets.iter().find(|x| x.id == rule.id);
            let requirements = target.map(|x| x.requirements.as_slice()).unwrap_or_default();
            let title = rule.title();
            if requirements.is_empty() {
                let name = target_cell(&rule.id, &title, None, true, self.labels());
                rows.push(vec![int(i as i64 + 1), name, "—".into(), "—".into(), "—".into(), meeting]);
                continue;
            }
            for (j, r) in requirements.iter().enumerate() {
                let name = target_cell(
                    &rule.id,
                    &title,
                    (requirements.len() > 1).then_some(r.label.as_str()),
                    j == 0,
                    self.labels(),
                );
                let number = if j == 0 { int(i as i64 + 1) } else { String::new() };
                let shown_meeting = if j == 0 { meeting.clone() } else { String::new() };
                rows.push(vec![number, name, clean(&r.shown), r.required.clone(), r.status.label(), shown_meeting]);
            }
        }
        let header = [
            t(Msg::DocxNo),
            t(Msg::ColumnTarget),
            t(Msg::HtmlProvince),
            t(Msg::ColumnRequired),
            t(Msg::ColumnStatus),
            t(Msg::DocxUnitsMeeting),
        ];
        docx = docx.add_table(table(&header, &COLUMNS, rows));
        docx = docx.add_paragraph(para("", BODY)).add_paragraph(para(&t(Msg::DocxShort), HEADING));
        let mut n = 0;
        for rule in &self.pack.rules {
            let Some(across) = self.across.get(&rule.id) else { continue };
            if across.short.is_empty() {
                continue;
            }
            n += 1;
            let heading = t(Msg::DocxTargetHeading { number: n, id: &rule.id, title: &clean(&rule.title()) });
            docx = docx.add_paragraph(para(&heading, BODY.bold().italic()));
            if let Some(target) = pooled.targets.iter().find(|x| x.id == rule.id) {
                for r in &target.requirements {
                    let text = t(Msg::DocxPooled {
                        label: &clean(&r.label),
                        measured: &clean(&r.shown),
                        required: &r.required,
                        status: &r.status.label(),
                    });
                    docx = docx.add_paragraph(para(&text, BODY));
                    if let Some(origin) = &r.threshold_origin {
                        let source = t(Msg::DocxThreshold { source: &clean(&origin.describe()) });
                        docx = docx.add_paragraph(para(&source, BODY));
                    }
                }
            }
            let units = t(Msg::DocxUnitsShort {
                meeting: &int(across.meeting as i64),
                units: &int(across.units as i64),
                list: &across.short.join(", "),
            });
            docx = docx.add_paragraph(para(&units, BODY));
        }
        if n == 0 {
            docx = docx.add_paragraph(para(&t(Msg::DocxNoneShort), BODY));
        }
        let recipients = [t(Msg::DocxRecipientLeaders), t(Msg::DocxRecipientFiles)];
        docx = end_matter(docx).add_table(signature(&recipients, &t(Msg::DocxProvinceSigner), None));
        Ok((stamped(docx, date), title))
    }
}

/// docx-rs's package written again: its parts deflated (it stores them),
/// in its order, without directory entries, each marked as made on Unix in
/// 1980, so that the same document is the same bytes on every system (the
/// zip writer otherwise marks entries with the system it runs on).
fn repack(bytes: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
    use zip::write::SimpleFileOptions;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .system(zip::System::Unix)
        .unix_permissions(0o644)
        .last_modified_time(zip::DateTime::default());
    for i in 0..archive.len() {
        let mut part = archive.by_index(i)?;
        if part.is_dir() {
            continue;
        }
        let name = part.name()?.into_owned();
        out.start_file(name.clone(), options)?;
        if name == "word/styles.xml" {
            // The document's language, so Word checks its spelling as
            // Vietnamese (docx-rs has no setting for it).
            let mut styles = String::new();
            std::io::Read::read_to_string(&mut part, &mut styles)?;
            let lang = if crate::i18n::lang() == crate::i18n::Lang::Vi { "vi-VN" } else { "en-US" };
            let tag = format!("<w:lang w:val=\"{lang}\" w:eastAsia=\"{lang}\" w:bidi=\"ar-SA\" />");
            let styles = match styles.find("</w:rPr></w:rPrDefault>") {
                Some(at) => format!("{}{tag}{}", &styles[..at], &styles[at..]),
                None => styles,
            };
            std::io::Write::write_all(&mut out, styles.as_bytes())?;
            continue;
        }
        std::io::copy(&mut part, &mut out)?;
    }
    Ok(out.finish()?.into_inner())
}

/// The statistics window a report covers: the month it closes, or the year
/// up to a cut-off.
fn window(end: NaiveDate, cutoff: Option<Cutoff>, start: NaiveDate) -> String {
    let from = match cutoff {
        Some(_) => start,
        // The statistics month: from the 14th of the month before.
        None => {
            let month_before = end.checked_sub_months(chrono::Months::new(1)).unwrap_or(end);
            report_date(month_before).max(start)
        }
    };
    let (from, to, start) = (crate::i18n::date(from), crate::i18n::date(end), crate::i18n::date(start));
    t(Msg::DocxWindow { from: &from, to: &to, start: &start })
}

/// The head of a report: issuer, place and date, title, window.
fn start(docx: Docx, body: &[String], place: &str, date: NaiveDate, title: &str, window: &str) -> Docx {
    docx.add_table(heading(body, place, date))
        .add_paragraph(para("", CENTER))
        .add_paragraph(para(&t(Msg::DocxReport), CENTER.bold()))
        .add_paragraph(para(title, CENTER.bold()))
        .add_paragraph(short_line(WIDTH / 5, WIDTH))
        .add_paragraph(para("", CENTER))
        .add_paragraph(para(window, BODY.italic()))
}

/// Headings where the team writes its own assessment, each with room.
fn end_matter(mut docx: Docx) -> Docx {
    for heading in [t(Msg::DocxIssues), t(Msg::DocxNext)] {
        docx = docx.add_paragraph(para(&heading, HEADING));
        for _ in 0..3 {
            docx = docx.add_paragraph(para("", BODY));
        }
    }
    docx.add_paragraph(para("", BODY))
}

/// The document's dates: the report's, so that the same inputs give the
/// same bytes.
fn stamped(docx: Docx, date: NaiveDate) -> Docx {
    let stamp = format!("{}T00:00:00Z", date.format("%Y-%m-%d"));
    docx.created_at(&stamp).updated_at(&stamp)
}

/// What a requirement asks, as the plan writes it: "từ 60% trở lên", "ít
/// nhất 01", "không quá 2", "bằng 0" — never an operator — and, for a
/// threshold taken from the data, what it is ("trên 12 (số đối tượng năm
/// 2023)"), without the names of fields or parameters.
fn required_words(
    r: &crate::outcome::Requirement,
    labels: &'static crate::dataset::workbook::labels::Labels,
) -> String {
    use crate::outcome::{Measure, Op, ThresholdSource};
    if r.status == Status::NotApplicable {
        return "—".to_string();
    }
    let value = match r.measured {
        Measure::Ratio { .. } => crate::i18n::exact_percent(r.threshold.value),
        _ => {
            let n = crate::i18n::number(r.threshold.value);
            // Counts below ten as the plan writes them: 01, 03.
            let whole = r.threshold.value.fract() == 0.0 && (0.0..10.0).contains(&r.threshold.value);
            if whole && crate::i18n::lang() == crate::i18n::Lang::Vi && r.threshold.value > 0.0 {
                format!("0{n}")
            } else {
                n
            }
        }
    };
    let words = t(match r.op {
        Op::AtLeast if matches!(r.measured, Measure::Ratio { .. }) => Msg::DocxAtLeastShare { value: &value },
        Op::AtLeast => Msg::DocxAtLeast { value: &value },
        Op::MoreThan => Msg::DocxMoreThan { value: &value },
        // "không quá 0" reads as none allowed: "bằng 0".
        Op::AtMost if r.threshold.value == 0.0 => Msg::DocxEqual { value: &value },
        Op::AtMost => Msg::DocxAtMost { value: &value },
        Op::LessThan => Msg::DocxLessThan { value: &value },
        Op::Equal => Msg::DocxEqual { value: &value },
    });
    match &r.threshold.source {
        ThresholdSource::Measured { what } => format!("{words} ({})", plain(what, labels)),
        _ => words,
    }
}

/// Where a threshold was set, as PC04 knows it: the plan's section, or the
/// directive's number and date (and the units it is for) — never a file or
/// a parameter's name.
fn source_words(
    source: &crate::outcome::ThresholdSource,
    plan_section: Option<&str>,
    labels: &'static crate::dataset::workbook::labels::Labels,
) -> String {
    use crate::outcome::ThresholdSource;
    match source {
        ThresholdSource::Default { .. } | ThresholdSource::Literal { .. } => match plan_section {
            Some(section) => t(Msg::DocxSourcePlan { section: &clean(section) }),
            None => t(Msg::DocxSourcePlanPlain),
        },
        ThresholdSource::Directive { number, date, units, .. } => {
            let date = crate::i18n::date(*date);
            if units.is_empty() {
                t(Msg::DocxSourceDirective { number: &clean(number), date: &date })
            } else {
                t(Msg::DocxSourceDirectiveFor { number: &clean(number), date: &date, units: &clean(&units.join(", ")) })
            }
        }
        ThresholdSource::Measured { what } => plain(what, labels),
    }
}

/// Text for PC04: parenthesised program names (`(baseline.subjects_opened)`)
/// left out, dates written dd/mm/yyyy and statistics months mm/yyyy, and
/// what is left cleaned.
fn plain(text: &str, labels: &'static crate::dataset::workbook::labels::Labels) -> String {
    let dated = vietnamese_dates(&model_words(text, labels));
    clean(&super::without_program_names(&dated))
}

/// `2024-06-30` as `30/06/2024`, `2024-02` as `02/2024`, `2024-W12` as
/// `tuần 12/2024` (week 12 of 2024); the rest unchanged.
fn vietnamese_dates(text: &str) -> String {
    let b = text.as_bytes();
    let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        let boundary = i == 0 || !b[i - 1].is_ascii_alphanumeric();
        let rest = &b[i..];
        if boundary && rest.len() >= 7 && digits(&rest[..4]) && rest[4] == b'-' {
            let end = |n: usize| rest.get(n).is_none_or(|c| !c.is_ascii_alphanumeric());
            let (y, tail) = (&text[i..i + 4], &text[i + 5..]);
            if rest.len() >= 10 && digits(&rest[5..7]) && rest[7] == b'-' && digits(&rest[8..10]) {
                // A time after it (`2024-03-14T09:30`) reads `14/03/2024 09:30`.
                let time = rest.len() >= 16 && rest[10] == b'T' && digits(&rest[11..13]) && rest[13] == b':';
                if end(10) || time {
                    out.push_str(&format!("{}/{}/{y}", &tail[3..5], &tail[..2]));
                    if time {
                        out.push(' ');
                        i += 11;
                    } else {
                        i += 10;
                    }
                    continue;
                }
            }
            if digits(&rest[5..7]) && end(7) && rest.get(7) != Some(&b'-') {
                out.push_str(&format!("{}/{y}", &tail[..2]));
                i += 7;
                continue;
            }
            if rest.len() >= 8 && rest[5] == b'W' && digits(&rest[6..8]) && end(8) {
                out.push_str(&t(Msg::DocxWeek { week: &tail[1..3], year: y }));
                i += 8;
                continue;
            }
        }
        let c = text[i..].chars().next().expect("not at the end");
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// A collection's name (`subjects`) as its sheet calls it ("đối tượng sưu
/// tra"), and a quota's field (`quotas.subjects.count`) as the quota
/// assigned, wherever a rule's text uses them: the data model's own words.
fn model_words(text: &str, labels: &'static crate::dataset::workbook::labels::Labels) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let core = word.trim_end_matches([',', '.', ';', ':', ')']);
        let tail = &word[core.len()..];
        if let Some(name) = core.strip_prefix("quotas.").and_then(|r| r.strip_suffix(".count")) {
            let sheet = labels.sheet(name).map_or(name.to_string(), |s| super::lower_first(s.name()));
            out.push_str(&t(Msg::DocxQuotaOf { what: &sheet }));
            out.push_str(tail);
        } else if let Some(sheet) = labels.sheet(core) {
            out.push_str(&super::lower_first(sheet.name()));
            out.push_str(tail);
        } else {
            out.push_str(word);
        }
    }
    out
}

/// What of a rule's label PC04 would still read as the program's own once
/// the Word report has put it in words (`plain`): a name in backticks, a
/// field's or parameter's name (`baseline.subjects_opened`,
/// `min_share`), a comparison operator. Placeholders (`{name}`) are filled
/// from the data and are not the label's. Empty: the label reads as words.
pub fn program_words(text: &str, labels: &'static crate::dataset::workbook::labels::Labels) -> Vec<String> {
    let mut filled = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { break };
        filled.push_str(&rest[..open]);
        filled.push('X');
        rest = &rest[open + close + 1..];
    }
    filled.push_str(rest);
    let shown = plain(&filled, labels);
    let mut found = Vec::new();
    for word in shown.split_whitespace() {
        let core = word.trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '(' | ')' | '"' | '\'') || c == '.');
        let code = core.contains('`')
            || (core.contains(['.', '_'])
                && core.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_')))
            || matches!(core, ">=" | "<=" | "==" | "!=" | ">" | "<");
        let core = core.trim_matches('`');
        if code && !found.iter().any(|f: &String| f == core) {
            found.push(core.to_string());
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_place_is_the_district_of_the_units_name() {
        assert_eq!(place("Công an huyện Bình Lục", Some("Hà Nam")), "Bình Lục");
        assert_eq!(place("Công an thành phố Phủ Lý", None), "Phủ Lý");
        assert_eq!(place("CÔNG AN QUẬN Ba Đình", None), "Ba Đình");
        assert_eq!(place("Đội 3", Some("Hà Nam")), "Hà Nam");
        assert_eq!(place("Đội 3", None), "Đội 3");
        assert_eq!(place("Công an huyện ", Some("Hà Nam")), "Hà Nam");
    }

    #[test]
    fn a_monthly_window_is_the_statistics_month() {
        crate::i18n::with(crate::i18n::Lang::Vi, || {
            let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
            let start = d(2023, 10, 15);
            assert_eq!(
                window(d(2024, 9, 13), None, start),
                "Số liệu tính từ ngày 14/08/2024 đến ngày 13/09/2024; các chỉ tiêu năm tính lũy kế từ ngày 15/10/2023."
            );
            assert!(
                window(d(2024, 4, 13), Some(Cutoff::SixMonths), start).starts_with("Số liệu tính từ ngày 15/10/2023")
            );
            // The first month starts with the year.
            assert!(window(d(2023, 11, 13), None, start).starts_with("Số liệu tính từ ngày 15/10/2023"));
        });
    }
}
