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
                        Lang::En => agree(format!($en)),
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

/// English nouns written `word(s)` agree with their number: the nearest
/// before them, up to three words back (`1 unit file(s)` reads `1 unit
/// file`, `2 error(s)` reads `2 errors`), else the list after them
/// (`line(s) 47` reads `line 47`, `line(s) 12, 47` reads `lines 12, 47`).
fn agree(text: String) -> String {
    if !text.contains("(s)") {
        return text;
    }
    fn number(w: &str) -> Option<&str> {
        let w = w.trim_start_matches(['(', '[']).trim_end_matches([',', ':', ';', ')']);
        w.starts_with(|c: char| c.is_ascii_digit()).then_some(w)
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(i) = rest.find("(s)") {
        out.push_str(&rest[..i]);
        rest = &rest[i + 3..];
        let before = out.split_whitespace().rev().skip(1).take(3).find_map(number);
        let one = match before {
            Some(n) => n == "1",
            None => {
                let after = rest.lines().next().unwrap_or_default();
                after.split_whitespace().next().and_then(number).is_some() && !after.contains(',')
            }
        };
        if !one {
            out.push('s');
        }
    }
    out.push_str(rest);
    out
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
    ColumnRequirement => vi: "Nội dung", en: "Requirement";
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
           en: "{pass} passed, {fail} failed, {pending} pending, {na} n/a, {error} error(s)";

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
    SourceDirectiveFor { number: &'a str, date: &'a str, file: &'a str, units: &'a str }
        => vi: "theo văn bản số {number} ngày {date} (chỉ áp dụng cho {units}; {file})",
           en: "set by directive {number} of {date} (for {units} only; {file})";
    DirectiveUnknownUnits { file: &'a str, units: &'a str }
        => vi: "văn bản chỉ đạo {file} nêu các đơn vị không có trong lần chạy này: {units}; kiểm tra lại mã đơn vị",
           en: "the overlay {file} names units this run does not have: {units}; check the unit ids";
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
    RulesIn { count: usize, dir: &'a str } => vi: "{count} quy tắc trong {dir}", en: "{count} rule(s) in {dir}";
    DocTitle => vi: "Các chỉ tiêu", en: "Targets";
    DocThresholdsAsOf { date: &'a str } => vi: "Ngưỡng áp dụng tính đến ngày {date}.", en: "Thresholds as of {date}.";
    DocThresholds => vi: "Ngưỡng", en: "Thresholds";
    DocPlanSection { section: &'a str } => vi: "Mục trong kế hoạch: {section}", en: "Plan section: {section}";
    DocArea { area: &'a str } => vi: "Lĩnh vực: {area}", en: "Area: {area}";
    DocDeadline { deadline: &'a str } => vi: "Thời hạn: {deadline}", en: "Deadline: {deadline}";
    DocRuleFile { file: &'a str } => vi: "Tệp quy tắc: `{file}`", en: "Rule file: `{file}`";
    DocDictionary => vi: "Từ điển dữ liệu", en: "Data dictionary";
    DocDictionaryIntro { file: &'a str }
        => vi: "Các hồ sơ mà quy tắc đọc, theo `{file}`: mỗi tập hồ sơ là một danh sách trong tệp đơn vị và một trang của bảng tính; nhãn ghi bằng tiếng Việt / tiếng Anh.",
           en: "The records the rules read, as `{file}` declares them: each collection is a list in a unit's file and a sheet of a workbook; labels are given in Vietnamese / English.";
    DocFieldHeader => vi: "| trường | nhãn | loại | bắt buộc |", en: "| field | label | kind | required |";
    DocStartEnd { start: &'a str, end: &'a str }
        => vi: "Bắt đầu: `{start}`; kết thúc: `{end}`.", en: "Starts: `{start}`; ends: `{end}`.";
    DocStarts { start: &'a str } => vi: "Bắt đầu: `{start}`.", en: "Starts: `{start}`.";
    DocEndFields { fields: &'a str }
        => vi: "Chỉ biết khi kết thúc (trước ngày đó coi như chưa có): {fields}.", en: "Known only once it ends (absent before that day): {fields}.";
    DocQuota { name: &'a str }
        => vi: "Tỉnh giao chỉ tiêu về loại hồ sơ này (`quotas.{name}` trong tệp đơn vị).",
           en: "The province gives a quota of these records (`quotas.{name}` in a unit file).";
    DocNested { sheet: &'a str } => vi: "hồ sơ lồng, trang {sheet}", en: "nested records, sheet {sheet}";
    DocValueLists => vi: "Danh mục giá trị", en: "Lists of values";
    DocValueHeader => vi: "| giá trị | nhãn |", en: "| value | label |";
    DocYes => vi: "có", en: "yes";
    DocParamHeader => vi: "| tham số | loại | giá trị | do ai đặt |", en: "| parameter | kind | value | set by |";
    DocUnreadable { file: &'a str, message: &'a str }
        => vi: "Không đọc được phần đầu của `{file}`: {message}", en: "The metadata of `{file}` cannot be read: {message}";
    MetadataUnreadable => vi: "(không đọc được phần đầu)", en: "(metadata unreadable)";

    // lint and test.
    LintClean { rules: usize, units: usize, datasets: usize }
        => vi: "{rules} quy tắc và {units} tệp đơn vị: không có lỗi (đã chạy quy tắc trên {datasets} bộ dữ liệu)",
           en: "{rules} rule(s) and {units} unit file(s): no errors (rules run over {datasets} dataset(s))";
    Problems { count: usize } => vi: "{count} lỗi", en: "{count} error(s)";
    Warnings { count: usize } => vi: "{count} cảnh báo", en: "{count} warning(s)";
    ProblemsAndWarnings { errors: usize, warnings: usize }
        => vi: "{errors} lỗi, {warnings} cảnh báo", en: "{errors} error(s), {warnings} warning(s)";
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
    WarningLine { message: &'a str } => vi: "cảnh báo: {message}", en: "warning: {message}";
    UnknownIds { unknown: &'a str, known: &'a str }
        => vi: "không có quy tắc nào mang mã {unknown}; các mã là: {known}",
           en: "no rule has id {unknown}; ids are: {known}";
    CannotWrite { error: &'a str } => vi: "không ghi được kết quả: {error}", en: "cannot write the output: {error}";
    OutputIsInput { output: &'a str, input: &'a str }
        => vi: "không ghi {output}: đó chính là tệp đầu vào {input} của lần chạy này; hãy chọn tệp khác",
           en: "will not write {output}: it is {input}, an input of this run; choose another file";
    OutputExists { output: &'a str }
        => vi: "không ghi đè {output}: tệp đã có và có thể chứa hồ sơ đã nhập; hãy chọn tên khác, hoặc thêm --force để thay nó",
           en: "will not overwrite {output}: the file exists and may hold records typed in; choose another name, or add --force to replace it";
    OutputExtension { output: &'a str, expected: &'a str }
        => vi: "không ghi {output}: định dạng này ghi ra tệp {expected}",
           en: "will not write {output}: this format is written to a {expected} file";
    OutputIsFolder { output: &'a str }
        => vi: "không ghi {output}: đó là một thư mục; hãy ghi tên tệp",
           en: "will not write {output}: it is a folder; name a file";
    HiddenSheet { sheet: &'a str }
        => vi: "trang «{sheet}» đang bị ẩn; hồ sơ trong đó vẫn được đọc và tính",
           en: "the sheet «{sheet}» is hidden; its records are still read and counted";
    HiddenRows { sheet: &'a str, rows: &'a str }
        => vi: "trang «{sheet}»: dòng {rows} đang bị ẩn; hồ sơ trong đó vẫn được đọc và tính",
           en: "sheet «{sheet}»: hidden row(s) {rows}; their records are still read and counted";
    HiddenColumns { sheet: &'a str, columns: &'a str }
        => vi: "trang «{sheet}»: cột {columns} đang bị ẩn; giá trị trong đó vẫn được đọc và tính",
           en: "sheet «{sheet}»: hidden columns: {columns}; their values are still read and counted";
    HiddenHelp
        => vi: "bỏ ẩn để thấy điều được tính; hồ sơ không còn dùng thì xóa hẳn",
           en: "unhide them to see what is counted; delete records that no longer apply";
    HiddenSheetLabel => vi: "trang bị ẩn", en: "hidden sheet";
    HiddenRowLabel => vi: "dòng bị ẩn", en: "hidden row";
    HiddenColumnLabel => vi: "cột bị ẩn", en: "hidden column";
    PlanPeriodMismatch { unit: &'a str, plan_period: &'a str, plan: &'a str }
        => vi: "kỳ thống kê của đơn vị ({unit}) không phải kỳ của bộ quy tắc ({plan_period}, {plan})",
           en: "the unit's statistics period ({unit}) is not the rule pack's ({plan_period}, {plan})";
    PlanPeriodHelp { year: &'a str, next: &'a str }
        => vi: "bộ quy tắc này dành cho kế hoạch năm {year}: hãy đánh giá đơn vị bằng bộ quy tắc của năm {next} (`chitieu new plan {next} --output THƯ_MỤC` tạo nó từ bộ này), hoặc sửa `period` nếu gõ nhầm",
           en: "this rule pack is for the {year} plan: evaluate the unit with a pack for {next} (`chitieu new plan {next} --output DIR` makes one from this pack), or correct `period` if it was mistyped";
    LabelUnitPeriod => vi: "kỳ của đơn vị", en: "the unit's period";
    PlanKeys
        => vi: "plan.yaml có `plan:` (title, issuer, year, có thể có number, implements) và `period:` (start, end)",
           en: "plan.yaml holds `plan:` (title, issuer, year, optionally number, implements) and `period:` (start, end)";
    PlanYear { year: &'a str, period: &'a str }
        => vi: "năm của kế hoạch ({year}) không phải năm kết thúc kỳ thống kê ({period})",
           en: "the plan's year ({year}) is not the year its statistics period ends ({period})";
    PlanYearHelp
        => vi: "kỳ thống kê của năm N chạy từ 15/10 năm N-1 đến 13/10 năm N",
           en: "the statistics period of year N runs from 15/10 of N-1 to 13/10 of N";
    SettingsUsed { file: &'a str }
        => vi: "cấu hình: {file} (tìm thấy ở thư mục trên; các giá trị trong đó áp dụng cho lần chạy này)",
           en: "settings: {file} (found in a folder above; its values apply to this run)";
    ExplainPlan { plan: &'a str, period: &'a str }
        => vi: "Kế hoạch: {plan} (kỳ thống kê {period})", en: "Plan: {plan} (statistics period {period})";
    DocPlan { plan: &'a str, issuer: &'a str, period: &'a str }
        => vi: "Bộ quy tắc của **{plan}** ({issuer}), kỳ thống kê {period}.",
           en: "The rule pack of **{plan}** ({issuer}), statistics period {period}.";
    NewPlanYear { year: &'a str } => vi: "{year} không phải là một năm kế hoạch", en: "{year} is not a plan year";
    NewPlanNotEmpty { dir: &'a str }
        => vi: "{dir} đã có tệp: chọn một thư mục mới hoặc trống", en: "{dir} holds files already: name a new or empty folder";
    ModelKeys
        => vi: "model.yaml có `values:` (các danh mục giá trị) và `collections:` (mỗi tập hồ sơ có `label:` và `fields:`)",
           en: "model.yaml holds `values:` (named lists of fixed values) and `collections:` (each with `label:` and `fields:`)";
    ModelUnknownKind { kind: &'a str } => vi: "không có loại trường `{kind}`", en: "there is no field kind `{kind}`";
    ModelKindsAre { kinds: &'a str } => vi: "các loại trường là: {kinds}", en: "field kinds are: {kinds}";
    ModelOption { option: &'a str, kind: &'a str }
        => vi: "`{option}:` không dùng cho trường loại `{kind}`", en: "`{option}:` does not apply to a field of kind `{kind}`";
    ModelOptionHelp { kind: &'a str, options: &'a str }
        => vi: "trường loại `{kind}` nhận: {options}", en: "a field of kind `{kind}` takes: {options}";
    ModelNeedsOption { kind: &'a str, option: &'a str }
        => vi: "trường loại `{kind}` cần `{option}:`", en: "a field of kind `{kind}` needs `{option}:`";
    ModelNoList { name: &'a str } => vi: "không có danh mục giá trị `{name}`", en: "there is no list of values `{name}`";
    ModelListsAre { names: &'a str } => vi: "các danh mục là: {names}", en: "the lists are: {names}";
    ModelNoCode { list: &'a str, code: &'a str }
        => vi: "`{code}` không phải là giá trị của danh mục `{list}`", en: "`{code}` is not a value of the list `{list}`";
    ModelNotADate { collection: &'a str, field: &'a str }
        => vi: "`{field}` của {collection} không phải là trường ngày: ngày bắt đầu, kết thúc phải là `date` hoặc `datetime`",
           en: "`{field}` of {collection} is not a date field: a start or end must be a `date` or `datetime`";
    ModelLabelMissing { what: &'a str, language: &'a str }
        => vi: "{what} thiếu nhãn {language}", en: "{what} has no label in {language}";
    ModelLabelHelp
        => vi: "viết nhãn bằng cả hai thứ tiếng: `label: {{ vi: …, en: … }}`",
           en: "give the label in both languages: `label: {{ vi: …, en: … }}`";
    ModelDuplicateLabel { sheet: &'a str, label: &'a str, first: &'a str, second: &'a str }
        => vi: "trang {sheet} có hai cột cùng nhãn \"{label}\": `{first}` và `{second}`",
           en: "the sheet {sheet} has two columns labelled \"{label}\": `{first}` and `{second}`";
    ModelDuplicateLabelHelp
        => vi: "mỗi cột của một trang cần nhãn riêng, để đọc bảng tính biết ô nào là trường nào",
           en: "each column of a sheet needs its own label, so a workbook's cells can be read back";
    ModelDuplicateSheet { label: &'a str, first: &'a str, second: &'a str }
        => vi: "hai trang cùng tên \"{label}\": {first} và `{second}`", en: "two sheets are named \"{label}\": {first} and `{second}`";
    ModelSheetName { label: &'a str }
        => vi: "\"{label}\" không dùng được làm tên trang: tối đa 31 ký tự, không có [ ] : * ? / \\",
           en: "\"{label}\" cannot name a sheet: at most 31 characters, none of [ ] : * ? / \\";
    ModelDuplicateValueLabel { list: &'a str, label: &'a str }
        => vi: "danh mục `{list}` có hai giá trị cùng nhãn \"{label}\"", en: "the list `{list}` has two values labelled \"{label}\"";
    ModelTooMany { what: &'a str, count: usize, max: usize }
        => vi: "`{what}` có {count} mục, vượt giới hạn {max}", en: "`{what}` has {count} entries, over the limit of {max}";
    ModelNested => vi: "hồ sơ lồng trong hồ sơ lồng: bảng tính chỉ giữ được một cấp", en: "records nested in nested records: a workbook holds one level";
    ModelReserved { name: &'a str }
        => vi: "`{name}` là một khóa ở phần đầu tệp đơn vị, không thể là tập hồ sơ", en: "`{name}` is part of a unit file's header and cannot be a collection";
    ModelNestedKind { kind: &'a str }
        => vi: "bản ghi lồng trong bản ghi khác không có trường loại `{kind}`", en: "nested records have no field of kind `{kind}`";
    ModelParentKey { field: &'a str, collection: &'a str }
        => vi: "`{field}` là cột ghi mã {collection} của bảng bản ghi lồng: đặt tên khác cho trường này",
           en: "`{field}` is the nested sheet's column naming the record of {collection}: give this field another name";
    ModelBounds { field: &'a str, min: &'a str, max: &'a str }
        => vi: "`{field}`: min {min} lớn hơn max {max}", en: "`{field}`: min {min} is greater than max {max}";
    ModelEndField { collection: &'a str, field: &'a str }
        => vi: "{collection}.{field} chỉ có khi bản ghi kết thúc, nên phải là trường bản ghi được để trống: không bắt buộc, và không phải id, đúng/sai hay danh sách",
           en: "{collection}.{field} is known only when a record ends, so a record must be able to leave it out: not required, and not an id, a flag or a list";
    ModelBadName { name: &'a str }
        => vi: "`{name}` không dùng được làm tên: chữ thường không dấu, chữ số và `_`, bắt đầu bằng chữ",
           en: "`{name}` cannot be a name: lower-case letters, digits and `_`, starting with a letter";
    ModelBadDefault { field: &'a str, kind: &'a str }
        => vi: "giá trị mặc định của `{field}` không hợp với loại `{kind}`", en: "the default of `{field}` does not fit its kind `{kind}`";
    ModelTwoIds { collection: &'a str }
        => vi: "{collection} có hơn một trường loại `id`", en: "{collection} has more than one field of kind `id`";
    ModelLinkBy { field: &'a str }
        => vi: "`by:` phải là tên một trường loại `value` có danh mục mà `to:` liệt kê (`{field}` không phải)",
           en: "`by:` must name a field of kind `value` whose list `to:` maps (`{field}` is not one)";
    ModelEmptyList { name: &'a str } => vi: "danh mục `{name}` không có giá trị nào", en: "the list `{name}` has no values";
    ModelAdds { what: &'a str } => vi: "thêm {what}", en: "adds {what}";
    ModelRemoves { what: &'a str } => vi: "bỏ {what}", en: "removes {what}";
    ModelChanges { what: &'a str } => vi: "sửa {what}", en: "changes {what}";
    ModelChangesWords { what: &'a str } => vi: "đổi nhãn {what}", en: "changes the words of {what}";
    NewPlanNoPlan { dir: &'a str }
        => vi: "bộ quy tắc {dir} không có plan.yaml: chưa biết kế hoạch năm nào để dời",
           en: "the rule pack {dir} has no plan.yaml: there is no plan year to move from";
    NewPlanInsidePack { dir: &'a str, rules: &'a str }
        => vi: "không ghi {dir}: thư mục nằm trong bộ quy tắc {rules} đang chép; hãy chọn thư mục ở ngoài",
           en: "will not write {dir}: it is inside the rule pack {rules} being copied; choose a folder outside it";
    OverlayNoUnits { name: &'a str }
        => vi: "{name}: `units: []` không nêu đơn vị nào; bỏ dòng đó để áp dụng cho mọi đơn vị, hoặc ghi mã đơn vị",
           en: "{name}: `units: []` names no unit; remove it to apply to every unit, or list the unit ids";
    NewPlanTitle { year: i32 } => vi: "Bộ quy tắc cho kế hoạch năm {year}", en: "The rule pack for the {year} plan";
    NewPlanMoved { from: &'a str }
        => vi: "Chép từ {from}: kỳ thống kê của kế hoạch, ngày mặc định của các tham số kiểu ngày, ngày của các văn bản chỉ đạo và dữ liệu của các ca kiểm thử đã được dời sang năm mới. Tệp miễn trừ (quyết định về hồ sơ của năm cũ) không được chép.",
           en: "Copied from {from}: the plan's statistics period, the defaults of date parameters, the overlays' dates and the rule tests' datasets are moved to the new year. Waiver files (decisions about the old year's records) are not copied.";
    NewPlanReread { count: usize }
        => vi: "Cần đọc lại {count} dòng còn nhắc năm cũ hoặc ngày của năm cũ (tên, diễn giải, tham chiếu kế hoạch):",
           en: "Re-read {count} line(s) that still name the old year or one of its dates (titles, readings, references to the plan):";
    NewPlanNothingToReread => vi: "Không còn dòng nào nhắc năm cũ.", en: "No line names the old year any more.";
    NewPlanWrote { dir: &'a str, year: i32, count: usize }
        => vi: "đã ghi bộ quy tắc năm {year} vào {dir} ({count} tệp)", en: "wrote the {year} rule pack to {dir} ({count} file(s))";
    NewPlanNext { dir: &'a str }
        => vi: "Tiếp theo: `chitieu test --rules {dir}` rồi `chitieu check --rules {dir} --data …`",
           en: "Next: `chitieu test --rules {dir}`, then `chitieu check --rules {dir} --data …`";
    NameAUnit { path: &'a str, count: usize }
        => vi: "{path} chứa {count} tệp đơn vị; chọn một bằng --unit",
           en: "{path} holds {count} unit files; name one with --unit";
    NoSuchUnit { path: &'a str, unit: &'a str } => vi: "không có tệp đơn vị `{unit}` trong {path}", en: "no unit file in {path} is `{unit}`";
    DiffNeedsSides
        => vi: "hãy nói cần so sánh gì: --directive FILE (quy tắc khi không có và khi có văn bản) hoặc --base-rules DIR (một thư mục quy tắc khác so với thư mục hiện tại)",
           en: "say what to compare: --directive FILE (the rules without and with it) or --base-rules DIR (another rule folder against the current one)";
    DiffModel { change: &'a str } => vi: "mô hình hồ sơ: {change}", en: "data model: {change}";
    DiffSide { side: &'a str, rules: &'a str, directives: &'a str }
        => vi: "{side} quy tắc trong {rules} (văn bản: {directives})", en: "{side} rules in {rules} (directives: {directives})";
    DiffBefore => vi: "trước", en: "before";
    DiffAfter => vi: "sau", en: "after";
    DiffNoDirectives => vi: "không có", en: "none";
    DiffNone { units: usize, targets: usize }
        => vi: "không có chỉ tiêu nào thay đổi ở {units} đơn vị ({targets} chỉ tiêu được so sánh)",
           en: "no target changes in {units} unit(s) ({targets} target(s) compared)";
    DiffChanged { changed: usize, units_changed: usize, units: usize, status_changed: usize }
        => vi: "{changed} chỉ tiêu thay đổi ở {units_changed}/{units} đơn vị: {status_changed} đổi trạng thái",
           en: "{changed} target(s) changed in {units_changed} of {units} unit(s): {status_changed} with a new status";
    DiffThresholds { changed: usize, unchanged: usize }
        => vi: ", {changed} đổi ngưỡng; {unchanged} không đổi", en: ", {changed} with a new threshold; {unchanged} unchanged";
    DiffNoSide => vi: "(không có)", en: "(none)";

    BadLangVariable { value: &'a str }
        => vi: "cảnh báo: CHITIEU_LANG={value} không phải vi hoặc en; bỏ qua",
           en: "warning: CHITIEU_LANG={value} is neither vi nor en; ignored";

    // Markdown.
    MdRulePack { message: &'a str } => vi: "bộ quy tắc: {message}", en: "rule pack: {message}";
    MdAsOf { file: &'a str, date: &'a str } => vi: "{file}, tính đến ngày {date}", en: "{file}, as of {date}";
    MdInvalid => vi: "Dữ liệu không hợp lệ; chưa đánh giá chỉ tiêu nào:", en: "The data is invalid; no target was evaluated:";

    // Reading a unit file.
    DataTooLarge { name: &'a str, size: u64, max: u64 }
        => vi: "{name} có {size} byte, vượt giới hạn {max} byte của một tệp đơn vị",
           en: "{name} is {size} bytes, over the limit of {max} bytes for one unit file";
    DataSplit => vi: "tách dữ liệu thành mỗi đơn vị một tệp", en: "split the dataset into one file per unit";
    NotUtf8 { name: &'a str } => vi: "{name} không phải văn bản UTF-8", en: "{name} is not valid UTF-8";
    NotUtf8Label => vi: "byte này không phải UTF-8", en: "this byte is not UTF-8";
    SaveAsUtf8 => vi: "lưu tệp dưới dạng UTF-8", en: "save the file as UTF-8";
    DataEmpty { name: &'a str } => vi: "{name} rỗng", en: "{name} is empty";
    DataEmptyHelp => vi: "tệp đơn vị cần ít nhất `unit:` và `period:`", en: "a unit file needs at least `unit:` and `period:`";
    CannotRead { name: &'a str, error: &'a str } => vi: "không đọc được {name}: {error}", en: "cannot read {name}: {error}";
    CheckDataPath => vi: "kiểm tra đường dẫn đưa vào --data", en: "check the path given with --data";
    NoUnitFiles { path: &'a str } => vi: "{path} không chứa tệp .yaml, .yml hay .json nào", en: "{path} holds no .yaml, .yml or .json file";
    OneFilePerUnit => vi: "đặt mỗi đơn vị một tệp trong thư mục", en: "put one unit file per unit in the folder";
    GiveDataPath => vi: "chỉ ra một tệp đơn vị hoặc thư mục bằng --data", en: "give a unit file or a folder of them with --data";
    YamlUnknownField { field: &'a str, expected: &'a str }
        => vi: "không có trường `{field}`; các trường là: {expected}", en: "unknown field `{field}`, expected one of {expected}";
    YamlUnknownValue { value: &'a str, expected: &'a str }
        => vi: "`{value}` không phải giá trị cho phép; các giá trị là: {expected}",
           en: "unknown variant `{value}`, expected one of {expected}";
    YamlMissingField { field: &'a str } => vi: "thiếu trường `{field}`", en: "missing field `{field}`";
    UnknownQuota { name: &'a str }
        => vi: "chỉ tiêu giao `{name}` không phải tập hồ sơ nào mô hình dữ liệu cho giao chỉ tiêu (`quota: true`)",
           en: "quota `{name}` is not of a collection the data model gives quotas of (`quota: true`)";
    NotSameCollection { a: &'a str, b: &'a str }
        => vi: "không so được bản ghi của {a} với bản ghi của {b}", en: "records of {a} and of {b} cannot be combined";
    YamlDuplicateField { field: &'a str } => vi: "trường `{field}` viết hai lần", en: "duplicate field `{field}`";
    YamlOutOfRange { value: &'a str }
        => vi: "`{value}` là ngày không có thật", en: "`{value}` is out of range: no such day";
    YamlInvalidBool { value: &'a str }
        => vi: "`{value}` không phải giá trị đúng/sai (true hoặc false)",
           en: "`{value}` is an invalid boolean: write true or false";
    YamlInvalidType { found: &'a str, expected: &'a str }
        => vi: "sai kiểu dữ liệu: {found}, cần {expected}", en: "invalid type: {found}, expected {expected}";
    JsonData { what: &'a str } => vi: "giá trị JSON sai kiểu: {what}", en: "{what}";
    ExpectedMapping
        => vi: "cần các cặp `khóa: giá trị` ở đây", en: "expected a mapping (`key: value` pairs) here";
    ExpectedItems => vi: "cần một danh sách (các dòng `- …`) ở đây", en: "expected a list (lines `- …`) here";
    ExpectedValue
        => vi: "cần một giá trị ở đây, không phải danh sách hay các cặp `khóa: giá trị`",
           en: "expected one value here, not a list or `key: value` pairs";
    LabelUnknownField => vi: "trường không có trong mô hình", en: "unknown field";
    LabelNotAllowed => vi: "giá trị không cho phép", en: "not an allowed value";
    LabelInThisRecord => vi: "trong bản ghi này", en: "in this record";
    LabelNotARealDate => vi: "ngày không có thật", en: "not a real date";
    LabelWrongType => vi: "sai kiểu hoặc giá trị", en: "wrong type or value";
    LabelDuplicateKey => vi: "khóa bị lặp", en: "duplicate key";
    LabelLimit => vi: "vượt giới hạn tại đây", en: "limit reached here";
    LabelHere => vi: "tại đây", en: "here";
    HelpFieldNear { near: &'a str }
        => vi: "có phải ý bạn là `{near}`? Tên trường do mô hình dữ liệu quy định (xem `chitieu schema`)",
           en: "did you mean `{near}`? Field names are fixed by the data model (see `chitieu schema`)";
    HelpFieldNames
        => vi: "tên trường do mô hình dữ liệu quy định; kiểm tra chính tả (xem `chitieu schema`)",
           en: "field names are fixed by the data model; check the spelling (see `chitieu schema`)";
    HelpValuesAbove => vi: "dùng một trong các giá trị liệt kê ở trên", en: "use one of the values listed above";
    HelpAddField
        => vi: "thêm trường này; xem `chitieu schema` để biết mỗi bản ghi cần gì",
           en: "add the field; see `chitieu schema` for what each record needs";
    HelpValueForms
        => vi: "ngày viết YYYY-MM-DD, giờ YYYY-MM-DDTHH:MM, giá trị đúng/sai là true hoặc false",
           en: "dates are YYYY-MM-DD, times YYYY-MM-DDTHH:MM, flags true or false";
    HelpLimit
        => vi: "tệp sâu hoặc lớn hơn mức một tệp đơn vị có thể có; có thể là tệp độc hại",
           en: "the file is deeper or larger than a unit file can be; it may be hostile";
    HelpMapping
        => vi: "tệp đơn vị là một ánh xạ: `unit:`, `period:` và các tập hồ sơ (xem `chitieu schema`)",
           en: "a unit file is a mapping: `unit:`, `period:` and the collections (see `chitieu schema`)";
    HelpSyntax => vi: "kiểm tra cú pháp YAML quanh dòng này", en: "check the YAML syntax around this line";

    // Checking a unit's records.
    PeriodBackwards => vi: "kỳ kết thúc trước khi bắt đầu", en: "the period ends before it starts";
    PeriodBackwardsLabel => vi: "period.end trước period.start", en: "period.end is before period.start";
    CrackByBeforeDeadline { name: &'a str }
        => vi: "chỉ tiêu `{name}`: crack_by trước thời hạn của nó", en: "quota `{name}`: crack_by is before its deadline";
    BeforeDeadline => vi: "trước thời hạn", en: "before the deadline";
    DuplicateId { collection: &'a str, id: &'a str }
        => vi: "{collection}: mã `{id}` bị dùng hai lần", en: "{collection}: id `{id}` is used twice";
    DuplicateIdHelp { collection: &'a str }
        => vi: "mã là duy nhất trong {collection}; đổi tên một trong hai", en: "ids are unique within {collection}; rename one of them";
    UsedAgain => vi: "dùng lại ở đây", en: "used again here";
    FirstUsed => vi: "dùng lần đầu ở đây", en: "first used here";
    DanglingNear { target: &'a str, id: &'a str, near: &'a str }
        => vi: "không có bản ghi nào trong {target} mang mã `{id}`; có phải ý bạn là `{near}`?",
           en: "no record in {target} has id `{id}`; did you mean `{near}`?";
    DanglingAdd { target: &'a str, id: &'a str }
        => vi: "thêm bản ghi mã `{id}` vào {target}, hoặc sửa tham chiếu",
           en: "add a record with id `{id}` to {target}, or correct the reference";
    Dangling { owner: &'a str, field: &'a str, id: &'a str, target: &'a str }
        => vi: "{owner}: {field} ghi `{id}`, không có trong {target}", en: "{owner}: {field} names `{id}`, which is not in {target}";
    NotIn { target: &'a str } => vi: "không có trong {target}", en: "not in {target}";
    OriginNeedsRef { owner: &'a str, kind: &'a str }
        => vi: "{owner}: nguồn loại `{kind}` cần `ref`", en: "{owner}: an origin of kind `{kind}` needs `ref`";
    OriginNeedsRefHelp { target: &'a str }
        => vi: "ghi bản ghi trong {target} làm nguồn: ref: <mã>", en: "name the record in {target} it came from: ref: <id>";
    RefMissing => vi: "thiếu ref", en: "ref missing";
    EndedWithout { owner: &'a str, end: &'a str, field: &'a str }
        => vi: "{owner}: đã {end} nhưng thiếu {field}", en: "{owner}: {end} but no {field}";
    EndedWithoutLabel { end: &'a str, field: &'a str } => vi: "{end} mà không có {field}", en: "{end} without {field}";
    AddResult { field: &'a str } => vi: "thêm `{field}:` ghi kết quả", en: "add `{field}:` with the result";
    GivenNotEnded { owner: &'a str, field: &'a str, end: &'a str }
        => vi: "{owner}: có {field} nhưng chưa {end}", en: "{owner}: {field} given but not {end}";
    NoEndDate { end: &'a str } => vi: "không có ngày `{end}`", en: "no `{end}` date";
    CellEndedWithout { owner: &'a str, end: &'a str, field: &'a str }
        => vi: "{owner}: có {end} nhưng chưa ghi {field}", en: "{owner}: {end} is filled in but not {field}";
    CellAddResult { field: &'a str } => vi: "ghi {field} vào ô của cột đó", en: "fill in the {field} cell";
    CellGivenNotEnded { owner: &'a str, field: &'a str, end: &'a str }
        => vi: "{owner}: có {field} nhưng chưa ghi {end}", en: "{owner}: {field} is filled in but not {end}";
    CellAddEndOrRemove { end: &'a str, field: &'a str }
        => vi: "ghi {end}, hoặc xóa {field}", en: "fill in {end}, or clear {field}";
    AddEndOrRemove { end: &'a str, field: &'a str }
        => vi: "thêm ngày `{end}`, hoặc bỏ `{field}`", en: "add the `{end}` date, or remove `{field}`";
    EndsBeforeStart { owner: &'a str, end_field: &'a str, end: &'a str, start_field: &'a str, start: &'a str }
        => vi: "{owner}: {end_field} {end} trước {start_field} {start}", en: "{owner}: {end_field} {end} is before {start_field} {start}";
    EndsBeforeStartHelp { start_field: &'a str, end_field: &'a str }
        => vi: "bản ghi không thể kết thúc trước khi bắt đầu; kiểm tra `{start_field}` và `{end_field}`",
           en: "a record cannot end before it begins; check `{start_field}` and `{end_field}`";
    BeforeStart { start_field: &'a str } => vi: "trước {start_field}", en: "before {start_field}";

    // Parameter kinds.
    KindIsOneOf { kinds: &'a str } => vi: "loại tham số là một trong: {kinds}", en: "a kind is one of: {kinds}";
    KindNames
        => vi: "share, count, number, time, date, flag, text, ids, hoặc một trường có danh sách giá trị cố định như arrests.severity",
           en: "share, count, number, time, date, flag, text, ids, or a field with fixed values such as arrests.severity";
    KindNoFixedValues { field: &'a str, kinds: &'a str }
        => vi: "{field} không có danh sách giá trị cố định; hãy ghi một trường như arrests.severity, hoặc một loại thông thường ({kinds})",
           en: "{field} has no fixed list of values; name a field such as arrests.severity, or a plain kind ({kinds})";
    CountNegative { value: &'a str } => vi: "số lượng không thể âm, không thể là {value}", en: "a count cannot be negative, not {value}";
    LabelNegative => vi: "số âm", en: "negative";
    WriteWholeZeroOrMore => vi: "ghi một số nguyên từ 0 trở lên", en: "write a whole number of 0 or more";
    CountNotWhole { value: &'a str } => vi: "số lượng phải là số nguyên, không phải {value}", en: "a count is a whole number, not {value}";
    LabelNotWhole => vi: "không phải số nguyên", en: "not a whole number";
    WriteWholeNotShare
        => vi: "ghi một số nguyên như 2; với tỷ lệ, quy tắc cần tham số loại share",
           en: "write a whole number such as 2; for a proportion the rule needs a share parameter";
    NotATime { value: &'a str } => vi: "`{value}` không phải giờ trong ngày", en: "`{value}` is not a time of day";
    LabelNotHhMm => vi: "không phải HH:MM", en: "not HH:MM";
    WriteTime => vi: "ghi giờ dạng \"HH:MM\", ví dụ \"11:00\"", en: "write a time as \"HH:MM\", e.g. \"11:00\"";
    NotADate { value: &'a str } => vi: "`{value}` không phải ngày", en: "`{value}` is not a date";
    LabelNotADate => vi: "không phải ngày", en: "not a date";
    NotADateTime { value: &'a str }
        => vi: "`{value}` không phải ngày giờ; ghi dạng YYYY-MM-DDTHH:MM hoặc dd/mm/yyyy HH:MM, ví dụ 2024-03-14T09:30",
           en: "`{value}` is not a date and time; write YYYY-MM-DDTHH:MM or dd/mm/yyyy HH:MM, e.g. 2024-03-14T09:30";
    NotACovered { value: &'a str }
        => vi: "`{value}` không phải một kỳ báo cáo; ghi tháng thống kê dạng 2024-03 (hoặc 03/2024, 3/2024, tháng 3/2024, T3/2024) hay tuần dạng 2024-W12 (báo cáo 6 tháng, 9 tháng, năm: 2024-H1, 2024-9M, 2024)",
           en: "`{value}` is not a reporting period; write a statistics month as 2024-03 (or 03/2024, 3/2024, tháng 3/2024, T3/2024) or a week as 2024-W12 (the 6-month, 9-month and annual reports: 2024-H1, 2024-9M, 2024)";
    CheckTheDay => vi: "kiểm tra lại ngày trong tháng", en: "check the day of the month";
    DaysInMonth { month: &'a str, year: &'a str, days: &'a str }
        => vi: "tháng {month} năm {year} có {days} ngày", en: "month {month} of {year} has {days} days";
    WriteDateEither
        => vi: "ghi ngày dạng YYYY-MM-DD hoặc dd/mm/yyyy, ví dụ 2024-06-30 hay 30/06/2024",
           en: "write a date as YYYY-MM-DD or dd/mm/yyyy, e.g. 2024-06-30 or 30/06/2024";
    DateBoundOnText { collection: &'a str, field: &'a str, value: &'a str }
        => vi: "{collection}.{field} là chữ, không phải ngày: không so sánh được với ngày `{value}`",
           en: "{collection}.{field} is text, not a date: it cannot be compared with the date `{value}`";
    NotANumberBound { field: &'a str, value: &'a str }
        => vi: "`{value}` không phải số, mà {field} là số", en: "`{value}` is not a number, and {field} is one";
    NoOrder { collection: &'a str, field: &'a str }
        => vi: "{collection}.{field} không có thứ tự trước/sau để so sánh", en: "{collection}.{field} has no before or after to compare";
    WriteDate => vi: "ghi ngày dạng YYYY-MM-DD, ví dụ 2024-06-30", en: "write a date as YYYY-MM-DD, e.g. 2024-06-30";
    NotAValueOf { value: &'a str, field: &'a str } => vi: "`{value}` không phải giá trị của {field}", en: "`{value}` is not a value of {field}";
    ValuesOf { field: &'a str, values: &'a str } => vi: "các giá trị của {field} là: {values}", en: "the values of {field} are: {values}";
    LabelUnknownValue => vi: "giá trị không có", en: "unknown value";
    ExpectedNot { want: &'a str, kind: &'a str, value: &'a str }
        => vi: "cần {want}, không phải {kind} `{value}`", en: "expected {want}, not {kind} `{value}`";
    LabelNot { want: &'a str } => vi: "không phải {want}", en: "not {want}";
    ShareOverOne { value: &'a str }
        => vi: "`{value}` không phải tỷ lệ: tỷ lệ nằm giữa 0 và 1, hoặc là phần trăm đến 100%",
           en: "`{value}` is not a share: a share is between 0 and 1, or a percentage up to 100%";
    LabelOver100 => vi: "quá 100%", en: "over 100%";
    DidYouMeanPercent { value: &'a str, decimal: &'a str }
        => vi: "có phải ý bạn là {value}%? Ghi `{value}%` hoặc {decimal}", en: "did you mean {value}%? Write `{value}%` or {decimal}";
    WriteShare
        => vi: "ghi phần trăm như 90% hoặc số thập phân như 0.9", en: "write a percentage such as 90% or a decimal such as 0.9";
    ShareNegative { value: &'a str } => vi: "tỷ lệ không thể âm, không thể là {value}", en: "a share cannot be negative, not {value}";
    Write0To100 => vi: "ghi từ 0% đến 100%", en: "write 0% to 100%";
    NotAShare { value: &'a str } => vi: "`{value}` không phải tỷ lệ", en: "`{value}` is not a share";
    LabelNotAShare => vi: "không phải tỷ lệ", en: "not a share";
    ShareOver100 { value: &'a str } => vi: "`{value}` vượt quá 100%", en: "`{value}` is over 100%";
    ShareAtMost100 => vi: "tỷ lệ tối đa là 100%", en: "a share is at most 100%";
    WantCount => vi: "một số lượng", en: "a count";
    WantNumber => vi: "một số", en: "a number";
    WantTime => vi: "một giờ", en: "a time";
    WantDate => vi: "một ngày", en: "a date";
    WantFlag => vi: "giá trị đúng/sai", en: "a flag";
    WantText => vi: "một đoạn văn bản", en: "a text";
    WantId => vi: "một mã", en: "an id";
    WantList => vi: "một danh sách", en: "a list";
    WantShare => vi: "một tỷ lệ", en: "a share";
    FormWhole => vi: "ghi một số nguyên như 2", en: "write a whole number such as 2";
    FormNumber => vi: "ghi một số như 1.5", en: "write a number such as 1.5";
    FormTime => vi: "ghi giờ trong ngoặc kép: \"11:00\"", en: "write a time in quotes: \"11:00\"";
    FormDate => vi: "ghi ngày dạng YYYY-MM-DD", en: "write a date as YYYY-MM-DD";
    FormFlag => vi: "ghi true hoặc false", en: "write true or false";
    FormText => vi: "ghi văn bản, trong ngoặc kép nếu trông giống một số", en: "write a text, in quotes if it looks like a number";
    FormId => vi: "mã là văn bản: đặt trong ngoặc kép mã trông giống một số", en: "ids are texts: quote one that looks like a number";
    FormList => vi: "ghi danh sách trong ngoặc vuông: [a, b]", en: "write a list in brackets: [a, b]";
    FormShare => vi: "ghi phần trăm như 90% hoặc số thập phân như 0.9", en: "write a percentage such as 90% or a decimal such as 0.9";

    // Rule headers.
    NoMetadata { name: &'a str } => vi: "{name} không có phần đầu mô tả quy tắc", en: "{name} has no metadata header";
    ExpectedIdHere => vi: "cần `//! id: ...` ở đây", en: "expected `//! id: ...` here";
    StartWithHeader
        => vi: "mở đầu tệp bằng các dòng //!: id, title, section và params (xem README, \"Writing a rule\")",
           en: "start the file with //! lines: id, title, section and params (see README, \"Writing a rule\")";
    MetadataProblem { name: &'a str, message: &'a str } => vi: "{name}: phần đầu: {message}", en: "{name}: metadata: {message}";
    HeaderFields
        => vi: "phần đầu //! là YAML với các trường id, title, section, area, deadline, interpretation, labels, params",
           en: "the //! header is YAML with fields id, title, section, area, deadline, interpretation, labels, params";
    ParameterProblem { name: &'a str, param: &'a str, message: &'a str }
        => vi: "{name}: tham số `{param}`: {message}", en: "{name}: parameter `{param}`: {message}";
    UnknownKey { key: &'a str } => vi: "không có khóa `{key}`", en: "unknown key `{key}`";
    LabelUnknownKey => vi: "khóa không có", en: "unknown key";
    ParamForms
        => vi: "tham số viết `tên: giá trị`, hoặc `tên: {{ kind: ..., value: ... }}`",
           en: "a parameter is `name: value`, or `name: {{ kind: ..., value: ... }}`";
    LongFormNeedsBoth => vi: "dạng đầy đủ cần cả `kind` và `value`", en: "the long form needs both `kind` and `value`";
    LabelIncomplete => vi: "thiếu", en: "incomplete";
    WriteLongForm { param: &'a str, kinds: &'a str }
        => vi: "viết `{param}: {{ kind: share, value: 90% }}`; các loại: {kinds}",
           en: "write `{param}: {{ kind: share, value: 90% }}`; kinds: {kinds}";
    UnknownKind { kind: &'a str } => vi: "không có loại `{kind}`", en: "unknown kind `{kind}`";
    LabelUnknownKind => vi: "loại không có", en: "unknown kind";
    KindUnknownFromValue { value: &'a str }
        => vi: "không biết được loại của tham số từ giá trị `{value}`", en: "its kind cannot be told from its value `{value}`";
    LabelWhichKind => vi: "loại nào?", en: "which kind?";
    DeclareKind { param: &'a str, kinds: &'a str }
        => vi: "khai báo loại: `{param}: {{ kind: ..., value: ... }}`; các loại: {kinds}",
           en: "declare it: `{param}: {{ kind: ..., value: ... }}`; kinds: {kinds}";
    WithKind { message: &'a str, kind: &'a str } => vi: "{message} (loại {kind})", en: "{message} (kind {kind})";

    // Directive overlays.
    OverlaySyntax { name: &'a str, message: &'a str } => vi: "{name}: {message}", en: "{name}: {message}";
    OverlayShape
        => vi: "tệp văn bản chỉ đạo có `directive:` (number, date, issuer, effective_from) và `overrides:` (mã quy tắc → tham số → giá trị)",
           en: "a directive overlay has `directive:` (number, date, issuer, effective_from) and `overrides:` (rule id → parameter → value)";
    OverlayUnknownRule { name: &'a str, id: &'a str } => vi: "{name}: không có quy tắc mã `{id}`", en: "{name}: no rule has id `{id}`";
    LabelUnknownRule => vi: "quy tắc không có", en: "unknown rule";
    RuleIdsAre { ids: &'a str } => vi: "các mã quy tắc là: {ids}", en: "rule ids are: {ids}";
    OverlayUnknownParam { name: &'a str, id: &'a str, param: &'a str }
        => vi: "{name}: quy tắc {id} không có tham số `{param}`", en: "{name}: rule {id} has no parameter `{param}`";
    LabelUnknownParam => vi: "tham số không có", en: "unknown parameter";
    RuleDeclares { id: &'a str, params: &'a str } => vi: "quy tắc {id} khai báo: {params}", en: "rule {id} declares: {params}";
    RuleDeclaresNone { id: &'a str }
        => vi: "quy tắc {id} không khai báo tham số nào: ngưỡng của nó viết trong quy tắc, văn bản chỉ đạo không đổi được",
           en: "rule {id} declares no parameter: its thresholds are written in the rule, and no overlay can change them";
    CountOneOf { field: &'a str, first: &'a str, last: &'a str, value: &'a str }
        => vi: "{field} phải là {first} hoặc {last}, không phải {value}", en: "{field} must be {first} or {last}, not {value}";
    CountAtLeast { field: &'a str, min: &'a str, value: &'a str }
        => vi: "{field} phải từ {min} trở lên, không phải {value}", en: "{field} must be {min} or more, not {value}";
    CountAtMost { field: &'a str, max: &'a str, value: &'a str }
        => vi: "{field} phải từ {max} trở xuống, không phải {value}", en: "{field} must be {max} or less, not {value}";
    CountBetween { field: &'a str, min: &'a str, max: &'a str, value: &'a str }
        => vi: "{field} phải từ {min} đến {max}, không phải {value}", en: "{field} must be from {min} to {max}, not {value}";
    OverlayBadValue { name: &'a str, id: &'a str, param: &'a str, message: &'a str, kind: &'a str, default: &'a str }
        => vi: "{name}: {id}.{param}: {message} (loại {kind}, mặc định {default})",
           en: "{name}: {id}.{param}: {message} (kind {kind}, default {default})";

    // Waivers.
    WaiverCite { number: &'a str, date: &'a str, issuer: &'a str, until: &'a str }
        => vi: "quyết định {number} ngày {date} của {issuer}, hiệu lực đến {until}",
           en: "decision {number} of {date} by {issuer}, in force until {until}";
    WaivedCount { count: &'a str } => vi: " (miễn trừ {count})", en: " ({count} waived)";
    RequirementWaived => vi: " (được miễn trừ)", en: " (waived)";
    PassedByWaiver { count: &'a str }
        => vi: "{count} chỉ tiêu đạt nhờ miễn trừ", en: "{count} target(s) passed only thanks to a waiver";
    PassedByWaiverMark => vi: "đạt nhờ miễn trừ", en: "passes thanks to a waiver";
    WaivedRecord { id: &'a str, record: &'a str, reason: &'a str }
        => vi: "chỉ tiêu {id}: {record} được miễn trừ — {reason}", en: "target {id}: {record} waived — {reason}";
    WaivedRequirement { id: &'a str, label: &'a str, reason: &'a str }
        => vi: "chỉ tiêu {id}: yêu cầu \"{label}\" được miễn trừ — {reason}",
           en: "target {id}: requirement \"{label}\" waived — {reason}";
    LabelWaiver => vi: "miễn trừ này", en: "this waiver";
    WaiverShape
        => vi: "tệp miễn trừ có `waivers:`, mỗi mục có target, records (tập hồ sơ → mã) hoặc requirement (số thứ tự), reason, decision (number, date, issuer), from, until",
           en: "a waiver file has `waivers:`, each with target, records (collection → ids) or requirement (its number), reason, decision (number, date, issuer), from, until";
    WaiverUnknownTarget { name: &'a str, id: &'a str } => vi: "{name}: không có chỉ tiêu mã `{id}`", en: "{name}: no target has id `{id}`";
    LabelUnknownTarget => vi: "chỉ tiêu không có", en: "unknown target";
    WaiverUnknownCollection { name: &'a str, collection: &'a str }
        => vi: "{name}: không có tập hồ sơ `{collection}`", en: "{name}: no collection `{collection}`";
    LabelUnknownCollection => vi: "tập hồ sơ không có", en: "unknown collection";
    WaiverWhat { name: &'a str }
        => vi: "{name}: một miễn trừ ghi đúng một trong hai: `records:` (các bản ghi) hoặc `requirement:` (cả một yêu cầu)",
           en: "{name}: a waiver names exactly one of `records:` (some records) or `requirement:` (a whole requirement)";
    WaiverRequirementZero { name: &'a str }
        => vi: "{name}: các yêu cầu của một chỉ tiêu đánh số từ 1", en: "{name}: a target's requirements are numbered from 1";
    WaiverUntilBeforeFrom { name: &'a str, from: &'a str, until: &'a str }
        => vi: "{name}: ngày hết hiệu lực {until} trước ngày bắt đầu {from}",
           en: "{name}: the waiver ends ({until}) before it starts ({from})";
    WaiverEmpty { name: &'a str, field: &'a str } => vi: "{name}: `{field}` để trống", en: "{name}: `{field}` is empty";
    WaiverWhy => vi: "một miễn trừ phải nói lý do và quyết định cho phép nó", en: "a waiver must say why and which decision grants it";
    WaiverUnknownId { name: &'a str, collection: &'a str, id: &'a str, unit: &'a str }
        => vi: "{name}: đơn vị {unit} không có bản ghi {collection} mã `{id}`",
           en: "{name}: unit {unit} has no {collection} record with id `{id}`";
    LabelUnknownId => vi: "mã không có", en: "unknown id";
    IdsAre { ids: &'a str } => vi: "các mã có: {ids}", en: "ids are: {ids}";
    WaiverNotInForce { name: &'a str, id: &'a str, date: &'a str, from: &'a str, until: &'a str }
        => vi: "{name}: miễn trừ cho chỉ tiêu {id} không có hiệu lực ngày {date} (từ {from} đến {until}); không áp dụng",
           en: "{name}: the waiver for target {id} is not in force on {date} (from {from} until {until}); not applied";
    WaiverRenew => vi: "gia hạn bằng một quyết định mới, hoặc xoá miễn trừ đã hết hạn", en: "renew it with a new decision, or remove it";
    WaiverMatchesNothing { name: &'a str, id: &'a str }
        => vi: "{name}: miễn trừ cho chỉ tiêu {id} không khớp bản ghi hay yêu cầu nào quy tắc đã xét; không có tác dụng",
           en: "{name}: the waiver for target {id} matches nothing the rule looked at; it has no effect";
    WaiverCheckIds
        => vi: "kiểm tra mã bản ghi, tập hồ sơ và chỉ tiêu: quy tắc chỉ xét các bản ghi thuộc phạm vi của nó tại ngày tính",
           en: "check the ids, collection and target: the rule looks only at the records within its scope as of the date";
    NotEvaluatedBadWaiver { id: &'a str, places: &'a str }
        => vi: "chỉ tiêu {id} không được đánh giá: miễn trừ cho nó không hợp lệ ({places})",
           en: "target {id} was not evaluated: a waiver for it is invalid ({places})";
    FileTooLarge { name: &'a str, size: u64, max: u64 }
        => vi: "{name} quá lớn ({size} byte; tối đa {max})", en: "{name} is too large ({size} bytes; at most {max})";
    ReportedAtWaiver => vi: "lỗi được báo tại dòng của miễn trừ", en: "the problem is reported at the waiver's line";
    ExplainWaivers => vi: "Miễn trừ:", en: "Waivers:";
    ExplainWithoutWaivers { status: &'a str }
        => vi: "không có miễn trừ, chỉ tiêu sẽ là: {status}", en: "without the waivers, the target would be: {status}";

    // Rule packs and evaluation.
    CannotReadRules { dir: &'a str, error: &'a str }
        => vi: "không đọc được thư mục quy tắc {dir}: {error}", en: "cannot read the rules folder {dir}: {error}";
    RunFromRepo
        => vi: "chạy từ thư mục dự án, hoặc chỉ ra thư mục bằng --rules", en: "run from the repository, or give the folder with --rules";
    TwoRulesOneId { id: &'a str, first: &'a str, second: &'a str }
        => vi: "hai quy tắc cùng mã `{id}`: {first} và {second}", en: "two rules have id `{id}`: {first} and {second}";
    OwnIdEach
        => vi: "mỗi quy tắc một mã riêng; bảng và các kết quả gọi chỉ tiêu theo mã",
           en: "give each rule its own id; the table and outputs refer to targets by id";
    NotEvaluatedBadParam { id: &'a str, places: &'a str }
        => vi: "quy tắc {id} không được đánh giá: một giá trị ghi cho tham số của nó không hợp lệ ({places})",
           en: "rule {id} is not evaluated: a value written for one of its parameters is invalid ({places})";
    ReportedAtValue
        => vi: "lỗi được báo tại chính giá trị đó; sửa rồi chạy lại (`chitieu lint` liệt kê mọi lỗi)",
           en: "the problem is reported at the value itself; fix it and run again (`chitieu lint` lists every problem)";
    NoRequirement { id: &'a str } => vi: "quy tắc {id} không ghi nhận yêu cầu nào", en: "rule {id} recorded no requirement";
    ThisRule => vi: "quy tắc này", en: "this rule";
    CallRequire
        => vi: "gọi require(...), require_share(...), require_count(...) hoặc require_none(...) ít nhất một lần",
           en: "call require(...), require_share(...), require_count(...) or require_none(...) at least once";
    SyntaxError { name: &'a str, message: &'a str } => vi: "{name}: lỗi cú pháp: {message}", en: "{name}: syntax error: {message}";
    FixSyntax
        => vi: "sửa cú pháp tại chỗ này; xem hướng dẫn viết quy tắc trong README",
           en: "fix the syntax at this point; see the rule-writing guide in the README";
    TooManyOperations { max: u64 } => vi: "quy tắc chạy quá {max} phép tính", en: "the rule ran more than {max} operations";
    TooLong { seconds: u64 } => vi: "quy tắc chạy quá {seconds} giây", en: "the rule ran longer than {seconds} s";
    EndlessLoop
        => vi: "vòng lặp vô tận? Hãy lặp qua bản ghi bằng filter(...) hoặc các hàm đếm",
           en: "an endless loop? Loop over records with filter(...) or count methods instead";
    TooDeep => vi: "quy tắc gọi hàm lồng nhau quá sâu", en: "the rule called functions too deeply";
    NoRecursion => vi: "đệ quy không giới hạn? Quy tắc không cần đệ quy", en: "unbounded recursion? A rule needs no recursion";
    TooLarge { what: &'a str } => vi: "{what} vượt giới hạn của hộp cát", en: "{what} grew over the sandbox limit";
    NoLargeValues
        => vi: "quy tắc đếm và lọc bản ghi; không tạo giá trị lớn", en: "rules count and filter records; they do not build large values";
    NoFunction { signature: &'a str } => vi: "không có hàm {signature}", en: "no function {signature}";
    CheckApi
        => vi: "kiểm tra tên và kiểu đối số theo API quy tắc trong README",
           en: "check the name and the argument types against the rule API in the README";
    NoModule { name: &'a str } => vi: "không có mô-đun `{name}` trong rules/lib", en: "no module `{name}` in rules/lib";
    ImportLib
        => vi: "quy tắc chỉ nhập được mô-đun trong rules/lib, theo tên tệp không có .rhai",
           en: "rules can import only modules in rules/lib, by file name without .rhai";
    SeeApi => vi: "xem API quy tắc trong README", en: "see the rule API in the README";

    // The rule API's errors: what is wrong; what to do.
    NoField { collection: &'a str, field: &'a str } => vi: "{collection} không có trường `{field}`", en: "{collection} have no field `{field}`";
    FieldsAre { fields: &'a str } => vi: "các trường là: {fields}", en: "their fields are: {fields}";
    NoCollection { name: &'a str } => vi: "không có tập hồ sơ `{name}`", en: "no collection `{name}`";
    CollectionsAre { names: &'a str } => vi: "các tập hồ sơ là: {names}", en: "collections are: {names}";
    CannotCompareType { kind: &'a str }
        => vi: "không so sánh được một trường với giá trị kiểu {kind}", en: "cannot compare a field with a value of type {kind}";
    NestedNotComparable { field: &'a str }
        => vi: "{field} chứa bản ghi lồng nhau, không so sánh được với một giá trị",
           en: "{field} holds nested records, which cannot be compared with a value";
    NotAValueOfField { value: &'a str, field: &'a str } => vi: "`{value}` không phải giá trị của {field}", en: "`{value}` is not a value of {field}";
    ItsValuesAre { values: &'a str } => vi: "các giá trị là: {values}", en: "its values are: {values}";
    NotADateField { value: &'a str, field: &'a str }
        => vi: "`{value}` không phải ngày (YYYY-MM-DD), mà {field} chứa ngày",
           en: "`{value}` is not a date (YYYY-MM-DD), and {field} holds dates";
    CompareTimes { field: &'a str }
        => vi: "{field} chứa ngày giờ; so sánh bằng where_before, where_until hoặc where_between",
           en: "{field} holds dates and times; compare them with where_before, where_until or where_between";
    HoldsNever { field: &'a str, holds: &'a str, value: &'a str }
        => vi: "{field} chứa {holds}, không bao giờ là {value}", en: "{field} holds {holds}, never {value}";
    TheNumber { n: &'a str } => vi: "số {n}", en: "the number {n}";
    TheText { text: &'a str } => vi: "văn bản `{text}`", en: "the text `{text}`";
    HoldsTexts => vi: "văn bản", en: "texts";
    HoldsIds => vi: "mã", en: "ids";
    HoldsFlags => vi: "giá trị đúng/sai", en: "true or false";
    HoldsWhole => vi: "số nguyên", en: "whole numbers";
    HoldsDates => vi: "ngày", en: "dates";
    HoldsTimes => vi: "ngày giờ", en: "dates and times";
    HoldsFixed => vi: "giá trị cố định", en: "fixed values";
    HoldsNested => vi: "bản ghi lồng nhau", en: "nested records";
    ExpectedList { kind: &'a str } => vi: "cần một danh sách giá trị, không phải {kind}", en: "expected a list of values, not {kind}";
    NoMonthField { field: &'a str } => vi: "tháng thống kê không có trường `{field}`", en: "a statistics month has no field `{field}`";
    NoWeekField { field: &'a str } => vi: "tuần không có trường `{field}`", en: "a week has no field `{field}`";
    ItsFieldsAre { fields: &'a str } => vi: "các trường của nó là: {fields}", en: "its fields are: {fields}";
    WithoutItems { kind: &'a str }
        => vi: "without() so sánh văn bản, số và true/false, không so sánh {kind}", en: "without() compares texts, numbers and true/false, not {kind}";
    PeriodReadOnly { field: &'a str }
        => vi: "không sửa được tháng và tuần của lịch: `{field}` chỉ đọc", en: "months and weeks of the calendar cannot be changed: `{field}` is read-only";
    NotAPeriod { kind: &'a str }
        => vi: "cần các tháng hoặc tuần (từ `stat_months()`, `weeks()`, …), không phải {kind}",
           en: "expected months or weeks (from `stat_months()`, `weeks()`, …), not {kind}";
    NoLabel { key: &'a str } => vi: "không có nhãn `{key}`", en: "no label `{key}`";
    NoKey { key: &'a str } => vi: "bảng không có khóa `{key}`", en: "the map has no key `{key}`";
    MapNoKey { map: &'a str, key: &'a str } => vi: "`{map}` không có khóa `{key}`", en: "`{map}` has no key `{key}`";
    MapKeysAre { keys: &'a str } => vi: "các khóa có: {keys}", en: "its keys are: {keys}";
    MapEmpty => vi: "bảng này không có khóa nào", en: "this map has no keys";
    OptionalKey { map: &'a str, key: &'a str }
        => vi: "khóa không bắt buộc thì kiểm tra bằng `\"{key}\" in {map}`, hoặc ghi giá trị mặc định: `{map}.get(\"{key}\") ?? 0`",
           en: "test an optional key with `\"{key}\" in {map}`, or give a default: `{map}.get(\"{key}\") ?? 0`";
    TheMap => vi: "bảng", en: "map";
    LabelsAre { keys: &'a str } => vi: "các nhãn là: {keys}", en: "its labels are: {keys}";
    NoLabels => vi: "phần đầu quy tắc không có `labels:`", en: "this rule's header has no `labels:`";
    OptionBool { option: &'a str, value: &'a str } => vi: "`{option}` phải là true hoặc false, không phải {value}", en: "`{option}` must be true or false, not {value}";
    OptionDateText { value: &'a str } => vi: "`deadline` phải là ngày dạng văn bản, không phải {value}", en: "`deadline` must be a date text, not {value}";
    OptionNotDate { value: &'a str } => vi: "`deadline` {value} không phải ngày (YYYY-MM-DD)", en: "`deadline` {value} is not a date (YYYY-MM-DD)";
    OptionRecords { kind: &'a str } => vi: "`offending` phải là bản ghi (data.x...), không phải {kind}", en: "`offending` must be records (data.x...), not {kind}";
    OptionTexts { value: &'a str } => vi: "`notes` phải là danh sách văn bản, không phải {value}", en: "`notes` must be a list of texts, not {value}";
    UnknownOption { option: &'a str }
        => vi: "không có tùy chọn yêu cầu `{option}`; các tùy chọn là warning, deadline, offending, notes, against",
           en: "unknown requirement option `{option}`; options are warning, deadline, offending, notes, against";
    MustBeNumber { what: &'a str, kind: &'a str } => vi: "{what} phải là một số, không phải {kind}", en: "{what} must be a number, not {kind}";
    TheThreshold => vi: "ngưỡng", en: "the threshold";
    CountOf { key: &'a str } => vi: "số đếm của `{key}`", en: "the count for `{key}`";
    CountsNameNoRecord { collection: &'a str }
        => vi: "không khóa nào của bảng đếm là mã trong {collection}: bảng đếm có được đếm theo trường khác không?",
           en: "none of the counts' keys is an id in {collection}: were they counted by another field?";
    TheMeasured => vi: "giá trị đo", en: "the measured value";
    NotAComparison { op: &'a str }
        => vi: "`{op}` không phải phép so sánh; dùng một trong >=, >, <=, <, ==", en: "`{op}` is not a comparison; use one of >=, >, <=, <, ==";
    NoParameter { name: &'a str, declared: &'a str }
        => vi: "quy tắc này không khai báo tham số `{name}`; các tham số đã khai báo: {declared}",
           en: "this rule declares no parameter `{name}`; it declares: {declared}";
    NoneDeclared => vi: "không có", en: "none";
    NotADateText { value: &'a str } => vi: "`{value}` không phải ngày (YYYY-MM-DD)", en: "`{value}` is not a date (YYYY-MM-DD)";

    DidYouMean { near: &'a str, rest: &'a str } => vi: "có phải ý bạn là `{near}`? {rest}", en: "did you mean `{near}`? {rest}";

    // The settings file.
    SettingsTooLarge { name: &'a str, size: u64, max: u64 }
        => vi: "{name} có {size} byte; tệp cấu hình tối đa {max} byte", en: "{name} is {size} bytes; a settings file is at most {max} bytes";
    SettingsKeys
        => vi: "chitieu.yaml có các khóa rules, data, directives, language (vi hoặc en), format và information_uri",
           en: "chitieu.yaml has the keys rules, data, directives, language (vi or en), format and information_uri";
    SettingsNotUri { name: &'a str, value: &'a str } => vi: "{name}: `{value}` không phải URI tuyệt đối", en: "{name}: `{value}` is not an absolute URI";
    LabelNotUri => vi: "không phải URI", en: "not a URI";
    UriHelp
        => vi: "ghi địa chỉ đầy đủ, ví dụ https://git.example.vn/chitieu, nơi người đọc cảnh báo SARIF tìm hiểu về công cụ",
           en: "write a full address, e.g. https://git.example.vn/chitieu, where readers of a SARIF alert learn about the tool";
    SettingsNotLanguage { name: &'a str, value: &'a str } => vi: "{name}: `{value}` không phải ngôn ngữ", en: "{name}: `{value}` is not a language";
    LabelNotViEn => vi: "không phải vi hoặc en", en: "not vi or en";
    LanguageIs => vi: "language là vi (tiếng Việt) hoặc en (tiếng Anh)", en: "language is vi (Vietnamese) or en (English)";
    SettingsNotFormat { name: &'a str, value: &'a str } => vi: "{name}: `{value}` không phải định dạng kết quả", en: "{name}: `{value}` is not an output format";
    LabelUnknownFormat => vi: "định dạng không có", en: "unknown format";
    FormatsAre { formats: &'a str } => vi: "các định dạng là: {formats}", en: "formats are: {formats}";

    // JUnit and GitHub annotations (their structure stays; their prose follows the language).
    LabelMeasured { label: &'a str, measured: &'a str, required: &'a str }
        => vi: "{label}: kết quả {measured}, yêu cầu {required}", en: "{label}: measured {measured}, required {required}";
    JunitOffending { count: usize, names: &'a str } => vi: "bản ghi không đạt ({count}): {names}", en: "offending ({count}): {names}";
    JunitPendingDue { date: &'a str } => vi: "chưa đến hạn: thời hạn {date}", en: "pending: not yet due, deadline {date}";
    JunitNothing => vi: "không áp dụng: không có gì để đo", en: "n/a: nothing to measure";
    JunitRulePack => vi: "bộ quy tắc", en: "rule pack";
    GithubRulePack => vi: "chitieu: bộ quy tắc", en: "chitieu: rule pack";
    GithubInvalidData { file: &'a str } => vi: "chitieu: dữ liệu không hợp lệ trong {file}", en: "chitieu: invalid data in {file}";
    GithubTarget { unit: &'a str, id: &'a str } => vi: "{unit} chỉ tiêu {id}", en: "{unit} target {id}";
    GithubRuleError { title: &'a str } => vi: "{title}: lỗi quy tắc", en: "{title}: rule error";
    GithubPendingDue { date: &'a str } => vi: " (chưa đến hạn, hạn {date})", en: " (pending, due {date})";
    GithubOffending { count: usize, names: &'a str } => vi: "Bản ghi không đạt ({count}): {names}", en: "Offending ({count}): {names}";

    SarifParam => vi: "tham số", en: "parameter";
    SarifValue => vi: "giá trị", en: "value";
    SarifSetBy => vi: "do ai đặt", en: "set by";
    SarifFrom { date: &'a str } => vi: ", từ ngày {date}", en: ", from {date}";

    MdFooter { version: &'a str, as_of: &'a str, count: usize, digest: &'a str }
        => vi: "<sub>chitieu {version}{as_of} · {count} tệp đầu vào, mã kiểm tra `{digest}` (SHA-256; danh sách đầy đủ trong `--format json`)</sub>",
           en: "<sub>chitieu {version}{as_of} · {count} input files, digest `{digest}` (SHA-256; every file in `--format json`)</sub>";
    MdFooterAsOf { date: &'a str } => vi: " · tính đến ngày {date}", en: " · as of {date}";

    // verify.
    VerifyUnreadable { file: &'a str, error: &'a str }
        => vi: "không đọc được {file} như một kết quả JSON của chitieu: {error}",
           en: "cannot read {file} as a chitieu JSON result: {error}";
    VerifyNoAudit { file: &'a str }
        => vi: "{file} không ghi lại lệnh và các tệp đầu vào (tạo bằng `chitieu check --format json` từ phiên bản này)",
           en: "{file} records no invocation and inputs (write it with `chitieu check --format json` of this version)";
    VerifyInputs { checked: usize, changed: usize }
        => vi: "tệp đầu vào: kiểm tra {checked}, khác {changed}", en: "inputs: {checked} checked, {changed} differ";
    VerifyChanged { path: &'a str, role: &'a str } => vi: "  đã thay đổi: {path} ({role})", en: "  changed: {path} ({role})";
    VerifyMissing { path: &'a str, role: &'a str } => vi: "  không còn: {path} ({role})", en: "  missing: {path} ({role})";
    VerifyAdded { path: &'a str, role: &'a str } => vi: "  mới thêm: {path} ({role})", en: "  added: {path} ({role})";
    VerifyVerdicts { checked: usize, changed: usize }
        => vi: "kết quả: kiểm tra {checked}, khác {changed}", en: "verdicts: {checked} checked, {changed} differ";
    VerifyVerdict { unit: &'a str, target: &'a str, before: &'a str, after: &'a str }
        => vi: "  {unit} {target}: {before} → {after}", en: "  {unit} {target}: {before} → {after}";
    VerifyReproduced => vi: "kết quả được tái lập đúng", en: "the result is reproduced";
    VerifyNotReproduced => vi: "kết quả KHÔNG được tái lập", en: "the result is NOT reproduced";

    // A folder of units on a terminal.
    MatrixLegend { legend: &'a str } => vi: "Chú thích: {legend}", en: "Key: {legend}";
    MatrixInvalid { file: &'a str, count: usize }
        => vi: "dữ liệu không hợp lệ ({count} lỗi): {file}", en: "invalid data ({count} problem(s)): {file}";
    MatrixShort { fail: usize, error: usize } => vi: "{fail} không đạt, {error} lỗi", en: "{fail} failed, {error} error(s)";
    MatrixTarget { id: &'a str, fail: &'a str, share: &'a str, error: &'a str }
        => vi: "chỉ tiêu {id}: {fail} đơn vị không đạt ({share}), {error} lỗi",
           en: "target {id}: {fail} unit(s) failed ({share}), {error} error(s)";
    MatrixNoFailure => vi: "không chỉ tiêu nào không đạt ở đơn vị nào", en: "no target failed in any unit";
    MatrixInvalidFiles { count: usize }
        => vi: "{count} tệp đơn vị có dữ liệu không hợp lệ (xem `chitieu lint`)", en: "{count} unit file(s) with invalid data (see `chitieu lint`)";
    MatrixDetails
        => vi: "Chi tiết từng chỉ tiêu không đạt: thêm --details, hoặc chọn một đơn vị bằng --unit MÃ",
           en: "Each failure in detail: add --details, or pick one unit with --unit ID";

    // progress.
    // The parsed-unit cache.
    CacheCleaned { dir: &'a str, count: usize }
        => vi: "đã xóa bộ đệm {dir} ({count} mục)", en: "removed the cache {dir} ({count} entry(s))";
    CacheKept { dir: &'a str }
        => vi: "giữ lại thư mục {dir}: trong đó còn tệp không phải của chitieu",
           en: "kept the folder {dir}: it holds files that are not chitieu's";
    CacheUnusable { dir: &'a str, why: &'a str }
        => vi: "cảnh báo: không dùng bộ đệm {dir}: {why}; lần chạy này không dùng bộ đệm",
           en: "warning: not using the cache {dir}: {why}; this run is uncached";
    CacheNotOwned { owner: u32 }
        => vi: "thư mục thuộc người dùng khác (uid {owner})", en: "another user owns it (uid {owner})";
    CacheWritable { mode: &'a str }
        => vi: "người khác ghi được vào thư mục (quyền {mode}; `chmod go-w` để dùng lại)",
           en: "others may write in it (mode {mode}; `chmod go-w` it to use it again)";
    CacheNotOurs
        => vi: "thư mục đã có tệp khác và không có thẻ CACHEDIR.TAG của chitieu",
           en: "it holds other files and no CACHEDIR.TAG of chitieu's";
    CacheNotAFolder => vi: "không phải là thư mục", en: "it is not a folder";
    CacheNone { dir: &'a str } => vi: "không có bộ đệm ở {dir}", en: "no cache at {dir}";

    // `--watch`.
    WatchStart { count: usize }
        => vi: "chitieu --watch: đang theo dõi {count} thư mục/tệp; Ctrl-C để dừng",
           en: "chitieu --watch: watching {count} path(s); Ctrl-C stops";
    WatchRun { run: usize, files: &'a str }
        => vi: "chitieu --watch: lần chạy {run}, sau khi thay đổi: {files}", en: "chitieu --watch: run {run}, after changes to: {files}";
    WatchChanged { what: &'a str, before: &'a str, after: &'a str }
        => vi: "  {what}: {before} → {after}", en: "  {what}: {before} → {after}";
    WatchNoChange => vi: "  không có gì đổi trạng thái", en: "  no status changed";
    WatchStopped => vi: "đã dừng theo dõi", en: "stopped watching";
    WatchCannot { error: &'a str } => vi: "không theo dõi được tệp: {error}", en: "cannot watch the files: {error}";

    // `chitieu test --coverage`.
    CoverageTitle => vi: "Độ phủ của các ca kiểm thử", en: "Coverage of the rule tests";
    CoverageRule { id: &'a str, file: &'a str, covered: usize, lines: usize, percent: &'a str }
        => vi: "{id:>4}  {percent:>5}  {covered}/{lines} dòng  {file}", en: "{id:>4}  {percent:>5}  {covered}/{lines} lines  {file}";
    CoverageMissed { lines: &'a str } => vi: "      chưa chạy: dòng {lines}", en: "      never run: line(s) {lines}";
    CoverageRequirement { line: usize, seen: &'a str }
        => vi: "      yêu cầu ở dòng {line}: {seen}", en: "      requirement at line {line}: {seen}";
    CoverageSeenNothing => vi: "chưa ca nào chạy tới", en: "no case reaches it";
    CoverageSeenPassOnly => vi: "chỉ thấy đạt, chưa thấy không đạt", en: "seen passing only, never falling short";
    CoverageSeenShortOnly => vi: "chỉ thấy không đạt, chưa thấy đạt", en: "seen falling short only, never passing";
    CoverageTotal { percent: &'a str, covered: usize, lines: usize, both: usize, requirements: usize }
        => vi: "Tổng: {percent} số dòng ({covered}/{lines}); {both}/{requirements} yêu cầu đã thấy cả đạt lẫn không đạt",
           en: "Total: {percent} of lines ({covered}/{lines}); {both} of {requirements} requirements seen both passing and falling short";
    NotAPercentage { text: &'a str }
        => vi: "`{text}` không phải tỷ lệ phần trăm từ 1 đến 100", en: "`{text}` is not a percentage from 1 to 100";
    FractionNotPercentage { text: &'a str, hundred: &'a str }
        => vi: "`{text}` là phân số; hãy ghi phần trăm: {hundred} (không phải {text}%)",
           en: "`{text}` is a fraction; give the percentage: {hundred} (not {text}%)";
    CoverageBelow { percent: &'a str, min: &'a str }
        => vi: "độ phủ {percent} thấp hơn mức tối thiểu {min} (--min-coverage)", en: "coverage {percent} is under the minimum {min} (--min-coverage)";

    // `chitieu new rule`.
    NewBadId { id: &'a str }
        => vi: "`{id}` không dùng được làm mã chỉ tiêu: chỉ chữ cái, chữ số, `_`, `-`, `.` (ví dụ 19, D11)",
           en: "`{id}` cannot be a target id: letters, digits, `_`, `-` and `.` only (19, D11)";
    NewBadArea { area: &'a str }
        => vi: "`{area}` không dùng được làm tên lĩnh vực (thư mục): chỉ chữ cái không dấu, chữ số, `_`, `-`, `.`",
           en: "`{area}` cannot be an area (a folder name): letters, digits, `_`, `-` and `.` only";
    NewExists { id: &'a str, file: &'a str }
        => vi: "đã có chỉ tiêu {id} trong {file}; chọn mã khác", en: "target {id} exists already in {file}; pick another id";
    NewFileExists { file: &'a str }
        => vi: "{file} đã có; không ghi đè", en: "{file} exists already; it is not overwritten";
    NewWrote { file: &'a str } => vi: "đã tạo {file}", en: "wrote {file}";
    NewNext { id: &'a str }
        => vi: "Tiếp theo: sửa phần đầu (nội dung, mục, tham số) và cách tính của chỉ tiêu {id}, rồi chạy `chitieu test` (hai ca mẫu: một đạt, một không đạt).",
           en: "Next: edit target {id}'s header (wording, section, parameters) and its measure, then run `chitieu test` (two sample cases: one passes, one fails).";

    // The HTML report.
    HtmlTitle => vi: "Báo cáo tiến độ chỉ tiêu", en: "Target progress report";
    HtmlAsOf { date: &'a str } => vi: "tính đến ngày {date}", en: "as of {date}";
    HtmlUnitsCount { count: &'a str } => vi: "{count} đơn vị", en: "{count} unit(s)";
    HtmlMatrix => vi: "Các đơn vị và chỉ tiêu", en: "Units and targets";
    HtmlSortUnit => vi: "Sắp theo đơn vị", en: "Sort by unit";
    HtmlSortFails => vi: "Sắp theo số chỉ tiêu không đạt", en: "Sort by failures";
    HtmlUnit => vi: "Đơn vị", en: "Unit";
    HtmlFails => vi: "Không đạt", en: "Failed";
    HtmlPassRates => vi: "Tỷ lệ đơn vị đạt theo chỉ tiêu", en: "Share of units passing each target";
    HtmlPassRate { pass: &'a str, total: &'a str } => vi: "{pass}/{total} đơn vị", en: "{pass}/{total} units";
    HtmlTargetsHeading => vi: "Các chỉ tiêu", en: "The targets";
    HtmlSection => vi: "Mục", en: "Section";
    HtmlRequiredWord => vi: "yêu cầu", en: "required";
    HtmlLegend => vi: "Ký hiệu", en: "Key";
    HtmlDetails => vi: "Chi tiết từng đơn vị", en: "Each unit in detail";
    HtmlOpenHint
        => vi: "Mở một đơn vị để xem vì sao từng chỉ tiêu không đạt và biểu đồ theo tháng.",
           en: "Open a unit to see why each target failed and its month-by-month charts.";
    HtmlWhy => vi: "Vì sao", en: "Why";
    HtmlSetBy { source: &'a str } => vi: "Ngưỡng: {source}", en: "Threshold: {source}";
    HtmlOffending { count: &'a str } => vi: "Bản ghi không đạt ({count}):", en: "Records that fell short ({count}):";
    HtmlWaived => vi: "Được miễn trừ:", en: "Waived:";
    HtmlProgress => vi: "Theo từng tháng (ngày 13)", en: "Month by month (on the 13th)";
    HtmlChartOf { id: &'a str, label: &'a str } => vi: "Chỉ tiêu {id}: {label} theo tháng", en: "Target {id}: {label} by month";
    HtmlThreshold => vi: "ngưỡng", en: "threshold";
    HtmlCutoffShort6 => vi: "6 tháng", en: "6 mo.";
    HtmlCutoffShort9 => vi: "9 tháng", en: "9 mo.";
    HtmlCutoffShortYear => vi: "năm", en: "year";
    HtmlNoScript
        => vi: "Biểu đồ cần JavaScript; các số liệu có đầy đủ trong bảng trên.",
           en: "The charts need JavaScript; every figure is in the table above.";
    HtmlRecords => vi: "Bản ghi:", en: "Records:";
    HtmlLineWord => vi: "dòng", en: "line";
    HtmlNoMonths => vi: "Chưa hết tháng thống kê nào.", en: "No statistics month has ended yet.";
    HtmlInvalid { count: usize }
        => vi: "Dữ liệu có {count} lỗi; chưa đánh giá chỉ tiêu nào.", en: "The data has {count} problem(s); no target was evaluated.";
    HtmlRulePack => vi: "Lỗi của bộ quy tắc", en: "Problems with the rules";
    HtmlFooter { version: &'a str, count: &'a str, digest: &'a str }
        => vi: "chitieu {version} · {count} tệp đầu vào, mã kiểm tra {digest} (SHA-256)",
           en: "chitieu {version} · {count} input files, digest {digest} (SHA-256)";
    HtmlSkip => vi: "Bỏ qua, đến nội dung", en: "Skip to the content";
    HtmlPrint => vi: "In", en: "Print";

    CutoffSix => vi: "báo cáo 6 tháng", en: "6-month report";
    CutoffNine => vi: "báo cáo 9 tháng", en: "9-month report";
    CutoffYear => vi: "báo cáo năm", en: "annual report";
    ProgressCutoffs { mark: &'a str, list: &'a str } => vi: "{mark} kỳ báo cáo: {list}", en: "{mark} report cut-offs: {list}";
    ProgressNoMonth => vi: "chưa tháng thống kê nào kết thúc", en: "no statistics month has ended yet";

    // Notes the rule API writes.
    NoteLate { label: &'a str, time: &'a str, due: &'a str }
        => vi: "{label}: không có báo cáo trước {time} ngày {due}", en: "{label}: no report before {time} on {due}";
    NoteShortfall { label: &'a str, got: &'a str, wanted: &'a str, unit: &'a str }
        => vi: "{label}: {got}/{wanted} {unit}", en: "{label}: {got} of {wanted} {unit}";

    // Workbooks as unit files.
    SheetRow { row: usize } => vi: "dòng {row}", en: "row {row}";
    NotAWorkbook { name: &'a str }
        => vi: "{name} không phải là một bảng tính .xlsx hay .ods", en: "{name} is not an .xlsx or .ods workbook";
    NotAWorkbookHelp
        => vi: "mở tệp bằng Excel hoặc LibreOffice Calc rồi lưu lại dạng .xlsx", en: "open it in Excel or LibreOffice Calc and save it as .xlsx";
    WorkbookEncrypted { name: &'a str }
        => vi: "{name} được đặt mật khẩu; chitieu không mở tệp có mật khẩu", en: "{name} is protected by a password; chitieu does not open such files";
    WorkbookEncryptedHelp
        => vi: "lưu một bản không đặt mật khẩu để kiểm tra", en: "save a copy without the password to check it";
    WorkbookOldFormat { name: &'a str }
        => vi: "{name} là bảng tính định dạng cũ (.xls hoặc .xlsb)", en: "{name} is a workbook in an old format (.xls or .xlsb)";
    WorkbookTooLarge { name: &'a str, size: u64, max: u64 }
        => vi: "{name} giải nén ra {size} byte, quá giới hạn {max} byte", en: "{name} unpacks to {size} bytes, over the limit of {max}";
    WorkbookTooLargeHelp
        => vi: "một đơn vị chỉ cần vài trăm KB; chia dữ liệu hoặc xóa các trang không dùng", en: "one unit needs a few hundred KB; split the data or remove sheets it does not use";
    WorkbookBroken { name: &'a str, error: &'a str }
        => vi: "không đọc được bảng tính {name}: {error}", en: "cannot read the workbook {name}: {error}";
    SheetTooLarge { sheet: &'a str, max: &'a str }
        => vi: "trang {sheet} vượt giới hạn: hơn {max} ô có dữ liệu, hoặc quá 100.000 dòng hay 256 cột", en: "sheet {sheet} is over the limits: more than {max} cells with a value, or past row 100,000 or column 256";
    CellTooLong { sheet: &'a str, cell: &'a str, max: &'a str }
        => vi: "ô {cell} của trang {sheet} dài hơn {max} ký tự", en: "cell {cell} of sheet {sheet} is longer than {max} characters";
    UnknownSheet { name: &'a str, sheet: &'a str }
        => vi: "{name}: trang `{sheet}` không phải là trang nào chitieu biết", en: "{name}: sheet `{sheet}` is not one chitieu knows";
    UnknownSheetHelp { known: &'a str }
        => vi: "các trang: {known}; đổi tên trang, hoặc xóa nó nếu không phải dữ liệu của đơn vị", en: "the sheets are: {known}; rename the sheet, or remove it if it holds none of the unit's records";
    NoUnitSheet { name: &'a str, sheet: &'a str }
        => vi: "{name} không có trang `{sheet}` (mã, tên đơn vị và kỳ thống kê)", en: "{name} has no `{sheet}` sheet (the unit's id, name and statistics year)";
    NoUnitSheetHelp
        => vi: "tạo bảng tính mẫu bằng `chitieu template --output don-vi.xlsx`", en: "make the template with `chitieu template --output unit.xlsx`";
    UnknownColumn { sheet: &'a str, header: &'a str }
        => vi: "trang {sheet} không có cột `{header}`", en: "sheet {sheet} has no column `{header}`";
    UnknownColumnLabel => vi: "cột không rõ", en: "unknown column";
    ColumnsAre { known: &'a str } => vi: "các cột: {known}", en: "the columns are: {known}";
    DuplicateColumn { sheet: &'a str, key: &'a str }
        => vi: "trang {sheet} có hai cột `{key}`", en: "sheet {sheet} has two `{key}` columns";
    MissingColumn { sheet: &'a str, column: &'a str }
        => vi: "trang {sheet} thiếu cột bắt buộc `{column}`", en: "sheet {sheet} lacks the required column `{column}`";
    MissingColumnLabel => vi: "dòng tiêu đề", en: "the header row";
    UnnamedColumn => vi: "ô có dữ liệu ở một cột không có tiêu đề", en: "a value in a column with no header";
    UnnamedColumnHelp
        => vi: "đặt tiêu đề cho cột (tên trường ở dòng 2) hoặc xóa giá trị", en: "give the column a header (the field's key in row 2) or remove the value";
    CellProblem { what: &'a str } => vi: "{what}", en: "{what}";
    CellNotDate { value: &'a str } => vi: "`{value}` không phải là một ngày", en: "`{value}` is not a date";
    CellNotDateHelp
        => vi: "nhập ngày dạng dd/mm/yyyy (15/10/2023) hoặc yyyy-mm-dd, hoặc định dạng ô là Ngày", en: "type the date as dd/mm/yyyy (15/10/2023) or yyyy-mm-dd, or format the cell as a date";
    CellNumberNotDate { value: &'a str }
        => vi: "ô là số `{value}`, không phải ngày", en: "the cell holds the number `{value}`, not a date";
    CellNumberNotDateHelp
        => vi: "định dạng ô là Ngày (dd/mm/yyyy), hoặc nhập lại ngày", en: "format the cell as a date (dd/mm/yyyy), or type the date again";
    CellDateHasTime { value: &'a str }
        => vi: "`{value}` có cả giờ, cột này chỉ nhận ngày", en: "`{value}` has a time of day; this column takes a date";
    CellNotTime { value: &'a str }
        => vi: "`{value}` không phải là ngày giờ", en: "`{value}` is not a date and time";
    CellNotTimeHelp
        => vi: "nhập dạng dd/mm/yyyy hh:mm (14/10/2024 10:30)", en: "type it as dd/mm/yyyy hh:mm (14/10/2024 10:30)";
    CellNotFlag { value: &'a str } => vi: "`{value}` không phải là có hay không", en: "`{value}` is not yes or no";
    CellNotFlagHelp
        => vi: "nhập `có` hoặc `không` (hoặc `x` cho có), để trống là không", en: "type `yes` or `no` (or `x` for yes); empty means no";
    CellNotInt { value: &'a str } => vi: "`{value}` không phải là số nguyên", en: "`{value}` is not a whole number";
    CellNotIntHelp => vi: "nhập một số nguyên (1, 2 hoặc 3)", en: "type a whole number (1, 2 or 3)";
    CellNotAllowed { value: &'a str } => vi: "`{value}` không phải là giá trị được phép", en: "`{value}` is not an allowed value";
    CellAllowed { allowed: &'a str } => vi: "giá trị được phép: {allowed}", en: "the allowed values: {allowed}";
    CellErrorValue { value: &'a str }
        => vi: "ô báo lỗi `{value}`", en: "the cell shows the error `{value}`";
    CellErrorValueHelp
        => vi: "sửa công thức hoặc nhập giá trị", en: "fix the formula or type the value";
    CellDateInText { value: &'a str }
        => vi: "ô là ngày {value}, cột này nhận chữ", en: "the cell holds the date {value}; this column takes text";
    CellDateInTextHelp
        => vi: "nhập lại dạng chữ: thêm dấu ' phía trước (ví dụ '2024-03)", en: "type it as text: put ' in front (for example '2024-03)";
    CellNotText => vi: "ô có giá trị đúng/sai, cột này nhận chữ", en: "the cell holds true or false; this column takes text";
    FormulaNoValue { formula: &'a str }
        => vi: "công thức `{formula}` chưa có giá trị đã lưu", en: "the formula `{formula}` has no saved value";
    FormulaNoValueHelp
        => vi: "mở tệp bằng Excel hoặc LibreOffice và lưu lại để công thức được tính", en: "open the file in Excel or LibreOffice and save it, so the formula is computed";
    MergedCells { range: &'a str }
        => vi: "các ô {range} được gộp; mỗi ô phải có giá trị riêng", en: "cells {range} are merged; each cell must hold its own value";
    MergedCellsHelp
        => vi: "bỏ gộp ô và điền giá trị vào từng ô", en: "unmerge the cells and fill in each one";
    UnknownSurveyReport { survey: &'a str }
        => vi: "báo cáo ĐTCB nêu hồ sơ `{survey}` không có trong trang hồ sơ ĐTCB", en: "a survey report names the survey `{survey}`, which is not in the surveys sheet";
    UnknownUnitRow { key: &'a str }
        => vi: "`{key}` không phải là một mục của đơn vị", en: "`{key}` is not one of the unit's entries";
    UnitRowsAre
        => vi: "các mục: unit.id, unit.name, unit.team, unit.province, period.start, period.end, as_of, baseline.TÊN, quotas.TÊN.count|deadline|crack_by", en: "the entries are: unit.id, unit.name, unit.team, unit.province, period.start, period.end, as_of, baseline.NAME, quotas.NAME.count|deadline|crack_by";
    MissingUnitRow { key: &'a str, sheet: &'a str }
        => vi: "trang {sheet} thiếu `{key}`", en: "sheet {sheet} lacks `{key}`";
    DuplicateUnitRow { key: &'a str } => vi: "`{key}` được nhập hai lần", en: "`{key}` is given twice";
    RecordRejected { what: &'a str } => vi: "dòng này không đọc được: {what}", en: "this row cannot be read: {what}";
    LabelThisCell => vi: "ô này", en: "this cell";
    RollupPool
        => vi: "cộng tử số và mẫu số (hoặc số đếm và ngưỡng) của các đơn vị rồi so với ngưỡng", en: "the units' parts and wholes (or counts and their thresholds) summed, then compared";
    RollupEach
        => vi: "tỷ lệ đơn vị đạt; đạt khi mọi đơn vị đạt", en: "the share of units that meet it; met when every unit does";
    RollupNone => vi: "không tính số liệu toàn tỉnh", en: "no province figure";
    RollupUndeclared => vi: "quy tắc chưa khai báo `rollup:`", en: "the rule declares no `rollup:`";
    RollupEveryUnit => vi: "mọi đơn vị", en: "every unit";
    RollupMixed
        => vi: "ngưỡng khác nhau giữa các đơn vị (văn bản chỉ đạo riêng): không gộp được", en: "the units' thresholds differ (their own directives): cannot be pooled";
    RollupHeader { units: &'a str, pooled: &'a str }
        => vi: "Toàn tỉnh ({units} đơn vị, gộp được {pooled})", en: "Province ({units} units, {pooled} pooled)";
    RollupColumnReading => vi: "Cách gộp", en: "Pooling";
    RollupColumnUnits => vi: "Đơn vị", en: "Units";
    HtmlProvince => vi: "Toàn tỉnh (gộp)", en: "Province (pooled)";
    ExplainRollup { reading: &'a str } => vi: "Số liệu toàn tỉnh (--rollup): {reading}", en: "The province's figure (--rollup): {reading}";
    DocRollup { kind: &'a str, reading: &'a str } => vi: "Gộp toàn tỉnh: `{kind}` ({reading})", en: "Province roll-up: `{kind}` ({reading})";
    RollupShortPool => vi: "cộng gộp", en: "pooled";
    RollupShortEach => vi: "từng đơn vị", en: "each unit";
    RollupShortNone => vi: "không tính", en: "none";
    RollupFormats => vi: "--rollup dùng với --format human, json hoặc markdown", en: "--rollup goes with --format human, json or markdown";
    AnnotateNeedsWorkbook
        => vi: "--annotate cần --data là một bảng tính (.xlsx, .xlsm, .ods) của một đơn vị", en: "--annotate needs --data to be one unit's workbook (.xlsx, .xlsm, .ods)";
    AnnotateMacrosNotMarked { name: &'a str } => vi: "{name}: không đánh dấu được bảng tính có macro này mà vẫn giữ nguyên nó, nên không ghi bản sao", en: "{name}: this workbook with macros cannot be marked as it is, so no copy is written";
    AnnotateMacrosHelp => vi: "lưu bảng tính thành .xlsx trong Excel rồi chạy lại, hoặc sửa theo các lỗi in ở trên", en: "save the workbook as .xlsx in Excel and run again, or fix it by the problems printed above";
    AnnotateRebuilt { file: &'a str } => vi: "{file} được chép lại chỉ với giá trị (không giữ danh sách chọn, định dạng, công thức)", en: "{file} is a copy of the values only (its drop-downs, formats and formulas are not kept)";
    AnnotateWrote { file: &'a str, count: usize }
        => vi: "đã ghi {file}: {count} ghi chú", en: "wrote {file}: {count} note(s)";
    TemplateBaseline { name: &'a str } => vi: "Số liệu năm trước: {name}", en: "Previous year: {name}";
    BaselineSubjectsOpened => vi: "số đối tượng đưa vào sưu tra", en: "subjects put on the watch list";
    TemplateQuota { name: &'a str, what: &'a str } => vi: "Chỉ tiêu {name}: {what}", en: "Quota {name}: {what}";
    KindText => vi: "chữ", en: "text";
    KindDate => vi: "ngày (dd/mm/yyyy)", en: "a date (dd/mm/yyyy)";
    KindTime => vi: "ngày và giờ (dd/mm/yyyy hh:mm)", en: "a date and time (dd/mm/yyyy hh:mm)";
    KindFlag => vi: "có hoặc không (để trống là không)", en: "yes or no (empty means no)";
    KindInt => vi: "số nguyên", en: "a whole number";
    KindValue => vi: "một giá trị trong danh sách", en: "one value of the list";
    KindValues => vi: "một hoặc nhiều giá trị trong danh sách, cách nhau bởi dấu phẩy", en: "one or more values of the list, separated by commas";
    KindRef { sheet: &'a str } => vi: "mã của một dòng ở trang {sheet}", en: "the id of a row of the {sheet} sheet";
    KindRefs { sheet: &'a str }
        => vi: "mã của các dòng ở trang {sheet}, cách nhau bởi dấu phẩy", en: "ids of rows of the {sheet} sheet, separated by commas";
    GuideTitle => vi: "Hướng dẫn nhập dữ liệu cho chitieu", en: "How to enter records for chitieu";
    GuideIntro
        => vi: "Mỗi trang là một loại hồ sơ; dòng 1 là tên cột, dòng 2 là khóa của cột (không sửa); nhập từ dòng 3, mỗi dòng một hồ sơ.\nNgày nhập dạng dd/mm/yyyy. Nhiều giá trị trong một ô: cách nhau bởi dấu phẩy (hoặc chấm phẩy). Có thể để trống dòng giữa các hồ sơ.\nTrang Đơn vị: mỗi dòng một mục (mã, tên, kỳ thống kê, số liệu năm trước, chỉ tiêu giao), nhập ở cột Giá trị.\nKiểm tra: chitieu check --data ten-tep.xlsx — mỗi lỗi được chỉ ra ở trang, ô của nó.",
           en: "Each sheet is one kind of record; row 1 names the columns, row 2 holds each column's key (leave it as it is); enter records from row 3, one per row.\nDates as dd/mm/yyyy. Several values in one cell: separate them with commas (or semicolons). Empty rows between records are fine.\nThe Unit sheet: one entry per row (id, name, statistics year, previous year's figures, quotas), in the Value column.\nCheck it: chitieu check --data file.xlsx — each mistake is named at its sheet and cell.";
    GuideSheet => vi: "Trang", en: "Sheet";
    GuideColumn => vi: "Cột", en: "Column";
    GuideKey => vi: "Khóa", en: "Key";
    GuideRequired => vi: "Bắt buộc", en: "Required";
    GuideHolds => vi: "Nội dung", en: "Holds";
    GuideAllowed => vi: "Giá trị được phép", en: "Allowed values";
    GuideExample => vi: "Ví dụ", en: "Example";
    DocxNation => vi: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", en: "SOCIALIST REPUBLIC OF VIETNAM";
    DocxMotto => vi: "Độc lập - Tự do - Hạnh phúc", en: "Independence - Freedom - Happiness";
    DocxNumber => vi: "Số: …/BC-…", en: "No.: …/BC-…";
    DocxPlaceDate { place: &'a str, day: u32, month: &'a str, year: i32, date: &'a str }
        => vi: "{place}, ngày {day:02} tháng {month} năm {year}", en: "{place}, {date}";
    DocxReport => vi: "BÁO CÁO", en: "REPORT";
    DocxTitleMonth { month: &'a str, year: i32 }
        => vi: "Kết quả thực hiện chỉ tiêu công tác NVCB tháng {month}/{year}", en: "Progress on the basic operational work targets, month {month}/{year}";
    DocxTitleSix { year: i32 }
        => vi: "Kết quả thực hiện chỉ tiêu công tác NVCB 6 tháng đầu năm {year}", en: "Progress on the basic operational work targets, first 6 months of {year}";
    DocxTitleNine { year: i32 }
        => vi: "Kết quả thực hiện chỉ tiêu công tác NVCB 9 tháng năm {year}", en: "Progress on the basic operational work targets, 9 months of {year}";
    DocxTitleYear { year: i32 }
        => vi: "Kết quả thực hiện chỉ tiêu công tác NVCB năm {year}", en: "Progress on the basic operational work targets, year {year}";
    DocxProvinceTitle { title: &'a str } => vi: "{title} toàn tỉnh", en: "{title}, province";
    DocxWindow { from: &'a str, to: &'a str, start: &'a str }
        => vi: "Số liệu tính từ ngày {from} đến ngày {to}; các chỉ tiêu năm tính lũy kế từ ngày {start}.", en: "Figures from {from} to {to}; the year's targets count from {start}.";
    DocxSourcePlan { section: &'a str } => vi: "Kế hoạch, mục {section}", en: "the plan, section {section}";
    DocxSourcePlanPlain => vi: "Kế hoạch", en: "the plan";
    DocxSourceDirective { number: &'a str, date: &'a str }
        => vi: "văn bản số {number} ngày {date}", en: "directive {number} of {date}";
    DocxSourceDirectiveFor { number: &'a str, date: &'a str, units: &'a str }
        => vi: "văn bản số {number} ngày {date} (chỉ áp dụng cho {units})", en: "directive {number} of {date} (for {units} only)";
    DocxQuotaOf { what: &'a str } => vi: "số {what} được giao", en: "the {what} assigned";
    LabelProgramWords { key: &'a str, words: &'a str } => vi: "nhãn `{key}` đưa vào báo cáo Word cả {words}: tên trong chương trình, PC04 không đọc được", en: "label `{key}` puts {words} into the Word report: the program's names, which PC04 cannot read";
    LabelProgramWordsHelp => vi: "viết như kế hoạch viết; tên trường đặt trong ngoặc đơn, như `(baseline.subjects_opened)`, thì báo cáo tự bỏ đi", en: "write it as the plan does; a field's name in brackets, such as `(baseline.subjects_opened)`, is left out of the report";
    DocxWeek { week: &'a str, year: &'a str } => vi: "tuần {week}/{year}", en: "week {week} of {year}";
    DocxAtLeastShare { value: &'a str } => vi: "từ {value} trở lên", en: "{value} or more";
    DocxAtLeast { value: &'a str } => vi: "ít nhất {value}", en: "at least {value}";
    DocxMoreThan { value: &'a str } => vi: "trên {value}", en: "more than {value}";
    DocxAtMost { value: &'a str } => vi: "không quá {value}", en: "at most {value}";
    DocxLessThan { value: &'a str } => vi: "dưới {value}", en: "less than {value}";
    DocxEqual { value: &'a str } => vi: "bằng {value}", en: "exactly {value}";
    DocxIntroPlan { plan: &'a str, team: &'a str }
        => vi: "Thực hiện {plan}, {team} báo cáo kết quả thực hiện các chỉ tiêu công tác nghiệp vụ cơ bản như sau:",
           en: "Under the plan \"{plan}\", {team} reports its progress on the basic operational work targets as follows:";
    DocxIntro { team: &'a str } => vi: "{team} báo cáo kết quả thực hiện các chỉ tiêu công tác nghiệp vụ cơ bản như sau:", en: "{team} reports its progress on the basic operational work targets as follows:";
    DocxIntroProvince { count: &'a str } => vi: "Tổng hợp kết quả thực hiện các chỉ tiêu công tác nghiệp vụ cơ bản của {count} đơn vị như sau:", en: "The progress of {count} unit(s) on the basic operational work targets, pooled:";
    DocxResults => vi: "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", en: "I. PROGRESS ON THE TARGETS";
    DocxShort => vi: "II. CÁC CHỈ TIÊU CHƯA ĐẠT HOẶC CÓ NGUY CƠ KHÔNG ĐẠT", en: "II. TARGETS FALLING SHORT OR AT RISK";
    DocxNoneShort => vi: "Không có chỉ tiêu chưa đạt.", en: "No target falls short.";
    DocxIssues => vi: "III. TỒN TẠI, HẠN CHẾ", en: "III. SHORTCOMINGS";
    DocxNext => vi: "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", en: "IV. DIRECTIONS AND TASKS AHEAD";
    DocxNo => vi: "TT", en: "No.";
    DocxChange => vi: "So với tháng trước", en: "Since last month";
    DocxUnitsMeeting => vi: "Đơn vị đạt", en: "Units meeting it";
    DocxUnchanged => vi: "không đổi", en: "unchanged";
    DocxPoints { delta: &'a str } => vi: "{delta} điểm %", en: "{delta} pts";
    DocxWas { status: &'a str } => vi: "tháng trước: {status}", en: "last month: {status}";
    DocxTargetHeading { number: usize, id: &'a str, title: &'a str } => vi: "{number}. Chỉ tiêu {id}: {title}", en: "{number}. Target {id}: {title}";
    DocxRequirement { label: &'a str, required: &'a str, measured: &'a str, status: &'a str }
        => vi: "Yêu cầu: {label} {required}; kết quả: {measured} ({status}).", en: "Required: {label} {required}; measured: {measured} ({status}).";
    DocxThreshold { source: &'a str } => vi: "Ngưỡng theo: {source}.", en: "Threshold set by: {source}.";
    DocxDeadline { date: &'a str } => vi: "Hạn: {date}.", en: "Deadline: {date}.";
    DocxRecords { count: &'a str, list: &'a str } => vi: "Hồ sơ chưa đạt ({count}): {list}.", en: "Records falling short ({count}): {list}.";
    DocxMore { count: &'a str } => vi: "và {count} hồ sơ khác", en: "and {count} more";
    DocxWaiver { what: &'a str, cite: &'a str } => vi: "Miễn trừ: {what} — {cite}.", en: "Waived: {what} — {cite}.";
    DocxError { message: &'a str } => vi: "Không đánh giá được: {message}", en: "Could not be evaluated: {message}";
    DocxUnitsShort { meeting: &'a str, units: &'a str, list: &'a str }
        => vi: "Đơn vị đạt: {meeting}/{units}; đơn vị chưa đạt: {list}.", en: "Units meeting it: {meeting}/{units}; falling short: {list}.";
    DocxPooled { label: &'a str, measured: &'a str, required: &'a str, status: &'a str }
        => vi: "Toàn tỉnh (gộp) — {label}: {measured}, yêu cầu {required} ({status}).", en: "Province (pooled) — {label}: {measured}, required {required} ({status}).";
    DocxPc04Body => vi: "PHÒNG CẢNH SÁT ĐIỀU TRA TỘI PHẠM VỀ MA TÚY", en: "DRUG CRIME INVESTIGATION POLICE DEPARTMENT";
    DocxRecipientLeaders => vi: "- Lãnh đạo Công an tỉnh;", en: "- The provincial police's leadership;";
    DocxRecipients => vi: "Nơi nhận:", en: "To:";
    DocxRecipientPc04 { province: &'a str } => vi: "- PC04 Công an tỉnh {province};", en: "- PC04, {province} provincial police;";
    DocxRecipientPc04Plain => vi: "- PC04;", en: "- PC04;";
    DocxRecipientFiles => vi: "- Lưu: VT, hồ sơ.", en: "- Filed: records office, file copy.";
    DocxKinhGui { to: &'a str } => vi: "Kính gửi: {to}", en: "To: {to}";
    DocxPc04Of { province: &'a str } => vi: "Phòng PC04 Công an tỉnh {province}", en: "PC04, {province} provincial police";
    DocxSigner => vi: "ĐỘI TRƯỞNG", en: "TEAM COMMANDER";
    DocxProvinceSigner => vi: "TRƯỞNG PHÒNG", en: "HEAD OF DEPARTMENT";
    DocxProvinceBody { province: &'a str } => vi: "CÔNG AN TỈNH {province}", en: "{province} PROVINCIAL POLICE";
    DocxNoMonth { date: &'a str } => vi: "chưa có tháng thống kê nào kết thúc đến ngày {date}: báo cáo tháng cần ít nhất một tháng (kết thúc ngày 13)", en: "no statistics month has ended by {date}: a monthly report needs at least one (they end on the 13th)";
    DocxMonthsDiffer { first: &'a str, other: &'a str, unit: &'a str }
        => vi: "các đơn vị không cùng tháng báo cáo ({first}; {unit}: {other}): cho --as-of để báo cáo cùng một tháng", en: "the units' report months differ ({first}; {unit}: {other}): give --as-of to report one month";
    DocxInvalidUnit { unit: &'a str, count: usize }
        => vi: "dữ liệu của {unit} có {count} lỗi: không lập được báo cáo (xem chitieu check)", en: "{unit}'s data has {count} problem(s): no report can be made (see chitieu check)";
    DocxWrote { file: &'a str, title: &'a str } => vi: "đã ghi {file}: {title}", en: "wrote {file}: {title}";
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

    #[test]
    fn english_counts_agree_in_number() {
        let m = |pass, error| Msg::Totals { pass, fail: "0", pending: "0", na: "0", error }.text(Lang::En);
        assert_eq!(m("1", "1"), "1 passed, 0 failed, 0 pending, 0 n/a, 1 error");
        assert_eq!(m("2", "2"), "2 passed, 0 failed, 0 pending, 0 n/a, 2 errors");
        assert_eq!(Msg::Problems { count: 1 }.text(Lang::En), "1 error");
        assert_eq!(Msg::Problems { count: 11 }.text(Lang::En), "11 errors");
        assert_eq!(Msg::InvalidUnits { count: "1" }.text(Lang::En), "1 unit file with invalid data, not evaluated");
        assert_eq!(Msg::ProblemsAndWarnings { errors: 1, warnings: 3 }.text(Lang::En), "1 error, 3 warnings");
        assert_eq!(Msg::CoverageMissed { lines: "47" }.text(Lang::En), "      never run: line 47");
        assert_eq!(Msg::CoverageMissed { lines: "12, 47" }.text(Lang::En), "      never run: lines 12, 47");
        let m = Msg::DiffNone { units: 1, targets: 1 }.text(Lang::En);
        assert_eq!(m, "no target changes in 1 unit (1 target compared)");
        // Vietnamese has no plural: the same words for one and many.
        assert_eq!(Msg::ProblemsAndWarnings { errors: 1, warnings: 3 }.text(Lang::Vi), "1 lỗi, 3 cảnh báo");
    }
}
