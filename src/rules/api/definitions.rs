//! Rhai definition files for the rule API (`chitieu api --definitions DIR`),
//! so that an editor with the Rhai extension completes
//! `data.subjects.where_eq(…)` and shows what each function does. Rhai writes
//! the signatures of everything registered; the doc comments come from
//! `DOCS` below, in Vietnamese and English.

use std::path::{Path, PathBuf};

use super::require::SharedRecorder;
use crate::rules::RulePack;
use crate::rules::sandbox::{Limits, Sandbox};

/// What each function of the rule API does: name, its parameters' names
/// (the records a method is called on first), Vietnamese, English. A test
/// holds this list to the README's tables.
pub const DOCS: &[(&str, &str, &str, &str)] = &[
    (
        "open",
        "records",
        "Các bản ghi chưa kết thúc tính đến ngày tính.",
        "Records not ended as of the evaluation date.",
    ),
    ("in_period", "records", "Các bản ghi có ngày bắt đầu trong kỳ.", "Records whose start date is in the period."),
    (
        "where_eq",
        "records, field, value",
        "Trường bằng giá trị (trường danh sách: có chứa giá trị).",
        "A field equal to a value (a list field: contains it).",
    ),
    ("where_ne", "records, field, value", "Trường khác giá trị.", "A field not equal to a value."),
    ("where_in", "records, field, values", "Trường thuộc danh sách giá trị.", "A field among values."),
    ("where_not_in", "records, field, values", "Trường không thuộc danh sách giá trị.", "A field not among values."),
    ("where_true", "records, field", "Trường đúng/sai có giá trị đúng.", "A true/false field that is true."),
    ("where_false", "records, field", "Trường đúng/sai không đúng.", "A true/false field that is not true."),
    (
        "where_set",
        "records, field",
        "Trường có giá trị (danh sách: không rỗng).",
        "A field present (a list: not empty).",
    ),
    ("where_unset", "records, field", "Trường không có giá trị.", "A field absent (a list: empty)."),
    ("where_before", "records, field, bound", "Ngày/giờ trước mốc (<).", "Dates and times before the bound (<)."),
    ("where_until", "records, field, bound", "Ngày/giờ đến hết mốc (<=).", "Dates and times up to the bound (<=)."),
    (
        "where_between",
        "records, field, from, to",
        "Ngày/giờ trong khoảng, kể cả hai đầu.",
        "Dates and times in the inclusive range.",
    ),
    (
        "filter",
        "records, condition",
        "Điều kiện bất kỳ: `|| this.x > 1` (this là bản ghi).",
        "Any condition: `|| this.x > 1` (this is the record).",
    ),
    ("except", "records, other", "Hiệu hai tập cùng loại.", "Set difference within one collection."),
    ("union", "records, other", "Hợp hai tập cùng loại.", "Set union within one collection."),
    ("len", "records", "Số bản ghi.", "How many records."),
    ("is_empty", "records", "Không có bản ghi nào.", "Whether there are none."),
    ("ids", "records", "Danh sách mã bản ghi.", "The records' ids, a list."),
    ("values", "records, field", "Các giá trị khác nhau của một trường.", "The distinct values of a field."),
    (
        "count_by",
        "records, field",
        "Bảng giá trị → số bản ghi: `count_by(\"handler\")`.",
        "A map from value to count: `count_by(\"handler\")`.",
    ),
    (
        "where_count",
        "records, counts, op, n",
        "Các bản ghi có số đếm trong bảng theo mã (từ `count_by`; mã không có trong bảng tính là 0) so với n đạt phép so sánh: `where_count(load, \">=\", 2)`.",
        "The records whose count in a map by id (from `count_by`; an id not in it counts 0) compares with n: `where_count(load, \">=\", 2)`.",
    ),
    (
        "max_count",
        "records, counts",
        "Số đếm lớn nhất của các bản ghi trong bảng theo mã (0 nếu không có).",
        "The highest count among the records in a map by id (0 when none has one).",
    ),
    ("get", "records, id", "Một bản ghi theo mã, hoặc ().", "One record by id, or ()."),
    (
        "without",
        "list, other",
        "Các phần tử của list không có trong other, giữ thứ tự (so sánh văn bản, số, true/false).",
        "The items of list that are not in other, in order (texts, numbers, true/false).",
    ),
    (
        "distinct_per_month",
        "records, field",
        "Bảng tháng thống kê → số giá trị khác nhau của trường trong tháng.",
        "A map from statistics month to the number of distinct values of the field.",
    ),
    (
        "earliest_by",
        "records, group, field",
        "Bảng nhóm → giá trị nhỏ nhất: `earliest_by(\"covers\", \"submitted\")`.",
        "A map from each group to the smallest value: `earliest_by(\"covers\", \"submitted\")`.",
    ),
    (
        "latest_by",
        "records, group, field",
        "Bảng nhóm → giá trị lớn nhất.",
        "A map from each group to the largest value.",
    ),
    (
        "require_share",
        "label, part, whole, op, threshold, options",
        "Tỷ lệ của part trong whole so với ngưỡng; whole trừ part là bản ghi không đạt.",
        "part's share of whole against the threshold; whole minus part are the offending records.",
    ),
    (
        "require_count",
        "label, records, op, threshold, options",
        "Số bản ghi so với ngưỡng.",
        "How many records, against the threshold.",
    ),
    ("require_none", "label, records, options", "Không được có bản ghi nào.", "That there are no records."),
    (
        "require",
        "label, measured, op, threshold, options",
        "Một số đo bất kỳ so với ngưỡng.",
        "Any number against a threshold.",
    ),
    (
        "require_ratio",
        "label, part, whole, op, threshold, options",
        "Tỷ số hai số đếm so với ngưỡng; mẫu 0: không áp dụng.",
        "A ratio of two counts against the threshold; whole 0: n/a.",
    ),
    ("not_applicable", "label", "Ghi một yêu cầu không áp dụng.", "Records an n/a requirement."),
    (
        "label",
        "key, values",
        "Nội dung nhãn `key` trong phần đầu, theo ngôn ngữ đang dùng, điền `{tên}`.",
        "The header's text for `key` in the run's language, `{name}` filled in.",
    ),
    (
        "stat_months",
        "data",
        "Các tháng thống kê (14 đến 13) của kỳ, chỉ đọc: label, start, end, due, ended.",
        "The statistics months (14th to 13th), read-only: label, start, end, due, ended.",
    ),
    (
        "ended_stat_months",
        "data",
        "Các tháng thống kê đã kết thúc tính đến ngày tính.",
        "The statistics months ended by the as-of date.",
    ),
    (
        "due_stat_months",
        "data",
        "Các tháng có ngày báo cáo (ngày 14) trong kỳ và không sau ngày tính.",
        "The months whose report day (the 14th) is in the period and not after as-of.",
    ),
    (
        "weeks",
        "data",
        "Các tuần ISO của kỳ, chỉ đọc: label, wednesday, due, ended.",
        "The ISO weeks of the period, read-only: label, wednesday, due, ended.",
    ),
    (
        "ended_weeks",
        "data",
        "Các tuần đã qua thứ Tư tính đến ngày tính.",
        "The weeks whose Wednesday is not after as-of.",
    ),
    (
        "late",
        "periods, first, time",
        "Ghi chú cho từng kỳ mà báo cáo đầu tiên không gửi trước giờ đó của ngày hạn.",
        "A note for each period whose first report was not sent before that time on its due day.",
    ),
    (
        "shortfalls",
        "periods, counts, wanted, unit",
        "Ghi chú cho từng kỳ có số đếm dưới mức yêu cầu.",
        "A note for each period whose count is under what is wanted.",
    ),
    ("days_between", "a, b", "Số ngày từ a đến b.", "Days from a to b."),
    ("add_days", "date, days", "Ngày cộng thêm n ngày.", "The date n days later."),
    ("month_of", "date", "Tháng của ngày (YYYY-MM).", "The date's month (YYYY-MM)."),
    ("iso_week", "date", "Tuần ISO của ngày (YYYY-Www).", "The date's ISO week (YYYY-Www)."),
    ("weekday", "date", "Thứ trong tuần, 1 = thứ Hai.", "The day of the week, 1 = Monday."),
];

/// What a rule sees besides functions, for the scope file.
const SCOPE: &str = "module static;

/// Dữ liệu của đơn vị tính đến ngày tính: data.subjects, data.officers, …
/// The unit's dataset as of the evaluation date: data.subjects, data.officers, …
const data: dataset;

/// Các tham số trong phần đầu quy tắc: params.min_share.
/// The header's parameters: params.min_share.
const params: parameters;

/// Năm kế hoạch: #{ start, end }, dạng YYYY-MM-DD.
/// The plan year: #{ start, end }, as YYYY-MM-DD texts.
const period: Map;

/// Ngày tính, YYYY-MM-DD. / The evaluation date, YYYY-MM-DD.
const as_of: String;
";

/// Writes the definition files into `dir` (created if missing); returns
/// the files written.
pub fn write(pack: &RulePack, dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let recorder = SharedRecorder::default();
    let (sandbox, _) = Sandbox::new(pack, &recorder, Limits::default());
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for (name, text) in sandbox.engine.definitions().iter_files() {
        let text = if name == "__static__.d.rhai" { documented(&text) } else { text };
        let path = dir.join(&name);
        crate::write_whole(&path, text.as_bytes())?;
        written.push(path);
    }
    let path = dir.join("__scope__.d.rhai");
    crate::write_whole(&path, SCOPE.as_bytes())?;
    written.push(path);
    Ok(written)
}

/// The static module's definitions with each documented function's
/// comment above each of its forms and its parameters named. Rhai cannot
/// name the success type of a function that may fail; it is left open (`?`).
fn documented(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for line in text.lines() {
        let line = match line.strip_suffix("-> EvalAltResult>>;") {
            Some(head) => format!("{head}-> ?;"),
            None => line.to_string(),
        };
        let name = line.strip_prefix("fn ").and_then(|rest| rest.split('(').next()).unwrap_or_default();
        let (params, vi, en) = match DOCS.iter().find(|(d, ..)| *d == name) {
            Some((_, params, vi, en)) => (*params, vi.to_string(), en.to_string()),
            // `opened_in_period()`, `closed_in_period()`…: one per date field.
            None => match name.strip_suffix("_in_period") {
                Some(field) => (
                    "records",
                    format!("Các bản ghi có `{field}` trong kỳ."),
                    format!("Records whose `{field}` is in the period."),
                ),
                None => {
                    out.push_str(&line);
                    out.push('\n');
                    continue;
                }
            },
        };
        out.push_str(&format!("/// {vi}\n/// {en}\n"));
        // `_: type` in order, named from `params`.
        let mut names = params.split(", ");
        let mut rest = line.as_str();
        while let Some(i) = rest.find("_: ") {
            out.push_str(&rest[..i]);
            out.push_str(names.next().unwrap_or("_"));
            out.push_str(": ");
            rest = &rest[i + 3..];
        }
        out.push_str(rest);
        out.push('\n');
    }
    out
}
