//! Every message a person reads, in Vietnamese and in English. The macro
//! takes both texts for each message, so one missing in either language does
//! not compile; arguments are named in both.

use super::Lang;

macro_rules! messages {
    ($( $(#[$meta:meta])* $name:ident $({ $($arg:ident : $ty:ty),* $(,)? })? => vi: $vi:literal, en: $en:literal; )+) => {
        /// A message with its arguments; `text` gives it in a language.
        #[derive(Debug, Clone, Copy)]
        pub enum Msg<'a> {
            $( $(#[$meta])* $name $({ $($arg: $ty),* })?, )+
            #[doc(hidden)]
            _Lifetime(std::marker::PhantomData<&'a ()>),
        }

        impl Msg<'_> {
            #[allow(unused_variables)]
            pub fn text(&self, lang: Lang) -> String {
                match *self {
                    $( Msg::$name $({ $($arg),* })? => match lang {
                        Lang::Vi => format!($vi),
                        Lang::En => format!($en),
                    }, )+
                    Msg::_Lifetime(_) => String::new(),
                }
            }
        }

        /// One example of every message, for the test that both languages
        /// are written and differ where words are involved.
        #[cfg(test)]
        pub(crate) const NAMES: &[&str] = &[$(stringify!($name)),+];
    };
}

messages! {
    // Statuses.
    StatusPass => vi: "Đạt", en: "pass";
    StatusFail => vi: "Không đạt", en: "fail";
    StatusPending => vi: "Chưa đến hạn", en: "pending";
    StatusNotApplicable => vi: "Không áp dụng", en: "n/a";
    StatusError => vi: "Lỗi", en: "error";
    StatusWarning => vi: "Cảnh báo", en: "warning";

    // The table of a unit.
    UnitHeader { unit: &'a str, name: &'a str, file: &'a str, date: &'a str }
        => vi: "{unit} — {name} ({file}), tính đến ngày {date}",
           en: "{unit} — {name} ({file}), as of {date}";
    ColumnTarget => vi: "Chỉ tiêu", en: "Target";
    ColumnStatus => vi: "Trạng thái", en: "Status";
    ColumnMeasured => vi: "Kết quả", en: "Measured";
    ColumnRequired => vi: "Yêu cầu", en: "Required";
    ColumnSection => vi: "Mục", en: "Section";
    ColumnParameters => vi: "Tham số", en: "Parameters";
    ColumnDeadline => vi: "Thời hạn", en: "Deadline";
    ColumnRequirement => vi: "Yêu cầu", en: "Requirement";
    WarningMark => vi: " (cảnh báo)", en: " (warning)";
    DataProblems { file: &'a str, count: usize }
        => vi: "{file}: dữ liệu có {count} lỗi; chưa đánh giá chỉ tiêu nào",
           en: "{file}: the data has {count} problem(s); no target was evaluated";
    Units { count: &'a str } => vi: "{count} đơn vị", en: "{count} unit(s)";
    InvalidUnits { count: &'a str }
        => vi: "{count} tệp đơn vị có dữ liệu không hợp lệ, chưa được đánh giá",
           en: "{count} unit file(s) with invalid data, not evaluated";
    Totals { pass: &'a str, fail: &'a str, pending: &'a str, na: &'a str, error: &'a str }
        => vi: "{pass} đạt, {fail} không đạt, {pending} chưa đến hạn, {na} không áp dụng, {error} lỗi",
           en: "{pass} passed, {fail} failed, {pending} pending, {na} n/a, {error} errors";

    // A failing requirement as a diagnostic.
    TargetFailed { id: &'a str, label: &'a str } => vi: "chỉ tiêu {id} không đạt: {label}", en: "target {id} failed: {label}";
    TargetPending { id: &'a str, label: &'a str }
        => vi: "chỉ tiêu {id} chưa đến hạn: {label}", en: "target {id} pending: {label}";
    TargetWarning { id: &'a str, label: &'a str }
        => vi: "chỉ tiêu {id} cảnh báo: {label}", en: "target {id} warning: {label}";
    MeasuredRequired { measured: &'a str, required: &'a str }
        => vi: "kết quả {measured}, yêu cầu {required}", en: "measured {measured}, required {required}";
    ThresholdIs { source: &'a str } => vi: "ngưỡng: {source}", en: "threshold: {source}";
    NotYetDue { date: &'a str } => vi: "chưa đến hạn: thời hạn là {date}", en: "not yet due: the deadline is {date}";
    AndMore { count: usize, list: &'a str } => vi: "và {count} bản ghi khác: {list}", en: "and {count} more: {list}";
    RecordAtLine { collection: &'a str, line: usize } => vi: "{collection} ở dòng {line}", en: "{collection} at line {line}";

    // Where a threshold was set.
    SourceDefault { file: &'a str } => vi: "mặc định trong {file}", en: "default in {file}";
    SourceDirective { number: &'a str, date: &'a str, file: &'a str }
        => vi: "theo văn bản số {number} ngày {date} ({file})",
           en: "set by directive {number} of {date} ({file})";
    SourceLiteral { file: &'a str } => vi: "ghi trong {file}", en: "written in {file}";

    // explain.
    ExplainTarget { id: &'a str, title: &'a str } => vi: "Chỉ tiêu {id} — {title}", en: "Target {id} — {title}";
    ExplainSection { section: &'a str } => vi: "Mục trong kế hoạch: {section}", en: "Plan section: {section}";
    ExplainArea { area: &'a str } => vi: "Lĩnh vực: {area}", en: "Area: {area}";
    ExplainDeadline { deadline: &'a str } => vi: "Thời hạn: {deadline}", en: "Deadline: {deadline}";
    ExplainRuleFile { file: &'a str } => vi: "Tệp quy tắc: {file}", en: "Rule file: {file}";
    ExplainUnit { unit: &'a str, name: &'a str, file: &'a str, date: &'a str }
        => vi: "Đơn vị: {unit} — {name} ({file}), tính đến ngày {date}",
           en: "Unit: {unit} — {name} ({file}), as of {date}";
    ExplainStatus { status: &'a str } => vi: "Trạng thái: {status}", en: "Status: {status}";
    ExplainInterpretation => vi: "Cách hiểu:", en: "Interpretation:";
    ExplainParameters => vi: "Tham số:", en: "Parameters:";
    ExplainNone => vi: "(không có)", en: "(none)";
    ExplainRequirements => vi: "Các yêu cầu:", en: "Requirements:";
    ExplainNoneRecorded => vi: "(không ghi nhận yêu cầu nào)", en: "(none recorded)";
    ExplainLine { label: &'a str, line: usize } => vi: "{label} (dòng {line})", en: "{label} (line {line})";
    ExplainVerdict { measured: &'a str, required: &'a str, verdict: &'a str }
        => vi: "kết quả {measured}, yêu cầu {required} → {verdict}",
           en: "measured {measured}, required {required} → {verdict}";
    ExplainPendingDue { date: &'a str } => vi: "chưa đến hạn (hạn {date})", en: "pending (due {date})";
    ExplainOffending { count: usize, names: &'a str }
        => vi: "bản ghi không đạt ({count}): {names}", en: "offending records ({count}): {names}";
    ExplainOffendingRecords => vi: "Các bản ghi không đạt:", en: "Offending records:";
    ExplainOfRequirement { name: &'a str, n: usize } => vi: "{name} (yêu cầu {n})", en: "{name} (requirement {n})";
    ExplainSource { file: &'a str } => vi: "Mã nguồn quy tắc ({file}):", en: "Rule source ({file}):";

    // list and doc.
    PeriodEnd => vi: "cuối kỳ", en: "end of period";
    RulesIn { count: usize, dir: &'a str } => vi: "{count} quy tắc trong {dir}", en: "{count} rules in {dir}";
    DocTitle => vi: "Các chỉ tiêu", en: "Targets";
    DocThresholdsAsOf { date: &'a str } => vi: "Ngưỡng áp dụng tính đến ngày {date}.", en: "Thresholds as of {date}.";
    DocThresholds => vi: "Ngưỡng", en: "Thresholds";
    DocPlanSection { section: &'a str } => vi: "Mục trong kế hoạch: {section}", en: "Plan section: {section}";
    DocArea { area: &'a str } => vi: "Lĩnh vực: {area}", en: "Area: {area}";
    DocDeadline { deadline: &'a str } => vi: "Thời hạn: {deadline}", en: "Deadline: {deadline}";
    DocRuleFile { file: &'a str } => vi: "Tệp quy tắc: `{file}`", en: "Rule file: `{file}`";
    DocParamHeader => vi: "| tham số | loại | giá trị | do ai đặt |", en: "| parameter | kind | value | set by |";
    DocUnreadable { file: &'a str, message: &'a str }
        => vi: "Không đọc được phần đầu của `{file}`: {message}", en: "The metadata of `{file}` cannot be read: {message}";
    MetadataUnreadable => vi: "(không đọc được phần đầu)", en: "(metadata unreadable)";

    // lint and test.
    LintClean { rules: usize, units: usize, datasets: usize }
        => vi: "{rules} quy tắc và {units} tệp đơn vị: không có lỗi (đã chạy quy tắc trên {datasets} bộ dữ liệu)",
           en: "{rules} rules and {units} unit file(s): no problems (rules run over {datasets} dataset(s))";
    Problems { count: usize } => vi: "{count} lỗi", en: "{count} problem(s)";
    CaseOk => vi: "đạt", en: "ok";
    CaseFailed => vi: "KHÔNG ĐẠT", en: "FAILED";
    CasesTotals { passed: usize, failed: usize } => vi: "{passed} đạt, {failed} không đạt", en: "{passed} passed, {failed} failed";
    CaseNotAStatus { id: &'a str, given: &'a str }
        => vi: "{id}: `{given}` không phải trạng thái; dùng pass, fail, pending, n/a hoặc error",
           en: "{id}: `{given}` is not a status; use pass, fail, pending, n/a or error";
    CaseStatus { id: &'a str, expected: &'a str, got: &'a str, why: &'a str }
        => vi: "{id}: mong đợi trạng thái {expected}, kết quả {got}{why}",
           en: "{id}: expected status {expected}, got {got}{why}";
    CaseMeasured { id: &'a str, expected: &'a str, got: &'a str }
        => vi: "{id}: mong đợi kết quả đo {expected}, kết quả {got}",
           en: "{id}: expected measured {expected}, got {got}";
    CaseOffending { id: &'a str, expected: &'a str, got: &'a str }
        => vi: "{id}: mong đợi bản ghi không đạt {expected}, kết quả {got}",
           en: "{id}: expected offending {expected}, got {got}";
    CaseNoRule { id: &'a str } => vi: "{id}: không có quy tắc nào mang mã này", en: "{id}: no rule has this id";
    NoCases { dir: &'a str } => vi: "không có ca kiểm thử nào trong {dir}/tests (*.yaml)", en: "no test cases in {dir}/tests (*.yaml)";

    // Command-line errors.
    Error { message: &'a str } => vi: "lỗi: {message}", en: "error: {message}";
    UnknownIds { unknown: &'a str, known: &'a str }
        => vi: "không có quy tắc nào mang mã {unknown}; các mã là: {known}",
           en: "no rule has id {unknown}; ids are: {known}";
    CannotWrite { error: &'a str } => vi: "không ghi được kết quả: {error}", en: "cannot write the output: {error}";
    NameAUnit { path: &'a str, count: usize }
        => vi: "{path} chứa {count} tệp đơn vị; chọn một bằng --unit",
           en: "{path} holds {count} unit files; name one with --unit";
    NoSuchUnit { path: &'a str, unit: &'a str } => vi: "không có tệp đơn vị `{unit}` trong {path}", en: "no unit file in {path} is `{unit}`";
    DiffNeedsSides
        => vi: "hãy nói cần so sánh gì: --directive FILE (quy tắc khi không có và khi có văn bản) hoặc --base-rules DIR (một thư mục quy tắc khác so với thư mục hiện tại)",
           en: "say what to compare: --directive FILE (the rules without and with it) or --base-rules DIR (another rule folder against the current one)";
    DiffSide { side: &'a str, rules: &'a str, directives: &'a str }
        => vi: "{side} quy tắc trong {rules} (văn bản: {directives})", en: "{side} rules in {rules} (directives: {directives})";
    DiffBefore => vi: "trước", en: "before";
    DiffAfter => vi: "sau", en: "after";
    DiffNoDirectives => vi: "không có", en: "none";
    DiffNone { units: usize, targets: usize }
        => vi: "không có chỉ tiêu nào thay đổi ở {units} đơn vị ({targets} chỉ tiêu được so sánh)",
           en: "no target changes in {units} unit(s) ({targets} targets compared)";
    DiffChanged { changed: usize, units_changed: usize, units: usize, status_changed: usize }
        => vi: "{changed} chỉ tiêu thay đổi ở {units_changed}/{units} đơn vị: {status_changed} đổi trạng thái",
           en: "{changed} target(s) change in {units_changed} of {units} unit(s): {status_changed} change status";
    DiffThresholds { changed: usize, unchanged: usize }
        => vi: ", {changed} đổi ngưỡng; {unchanged} không đổi", en: ", {changed} change a threshold; {unchanged} unchanged";
    DiffNoSide => vi: "(không có)", en: "(none)";

    BadLangVariable { value: &'a str }
        => vi: "cảnh báo: CHITIEU_LANG={value} không phải vi hoặc en; bỏ qua",
           en: "warning: CHITIEU_LANG={value} is neither vi nor en; ignored";

    // Markdown.
    MdRulePack { message: &'a str } => vi: "bộ quy tắc: {message}", en: "rule pack: {message}";
    MdAsOf { file: &'a str, date: &'a str } => vi: "`{file}`, tính đến ngày {date}", en: "`{file}`, as of {date}";
    MdInvalid => vi: "Dữ liệu không hợp lệ; chưa đánh giá chỉ tiêu nào:", en: "The data is invalid; no target was evaluated:";

    // Notes the rule API writes.
    NoteLate { label: &'a str, time: &'a str, due: &'a str }
        => vi: "{label}: không có báo cáo trước {time} ngày {due}", en: "{label}: no report before {time} on {due}";
    NoteShortfall { label: &'a str, got: &'a str, wanted: &'a str, unit: &'a str }
        => vi: "{label}: {got}/{wanted} {unit}", en: "{label}: {got} of {wanted} {unit}";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_is_not_empty_and_statuses_are_translated() {
        assert!(NAMES.len() > 50);
        assert_eq!(Msg::StatusFail.text(Lang::Vi), "Không đạt");
        assert_eq!(Msg::StatusFail.text(Lang::En), "fail");
        let m = Msg::Totals { pass: "23", fail: "5", pending: "0", na: "0", error: "0" };
        assert_eq!(m.text(Lang::En), "23 passed, 5 failed, 0 pending, 0 n/a, 0 errors");
        assert_eq!(m.text(Lang::Vi), "23 đạt, 5 không đạt, 0 chưa đến hạn, 0 không áp dụng, 0 lỗi");
    }
}
