//! The words of a workbook: each collection's sheet name, each column's
//! label, each fixed value's label, in Vietnamese and English. The layout
//! itself (which columns, their kinds, what they refer to) comes from the
//! model (`Record::FIELDS`, `KINDS`, the unit schema); a test holds this table
//! to it field by field, so a field added to the model without its words
//! does not pass.

use crate::i18n::{Lang, lang};

/// One column of a collection's sheet.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// The field's key (`opened`), or a nested field's path (`origin.kind`).
    pub key: &'static str,
    pub vi: &'static str,
    pub en: &'static str,
    /// The collection whose ids it holds, if it is a reference.
    pub refers: Option<&'static str>,
    /// Several values in one cell (a list field), separated by `,` or `;`.
    pub many: bool,
}

impl Column {
    pub fn label(&self) -> &'static str {
        if lang() == Lang::En { self.en } else { self.vi }
    }
}

/// One sheet: a collection of the model (or the survey reports nested in
/// surveys, which a grid holds in a sheet of their own).
#[derive(Debug, Clone, Copy)]
pub struct Sheet {
    pub collection: &'static str,
    pub vi: &'static str,
    pub en: &'static str,
    pub columns: &'static [Column],
}

impl Sheet {
    pub fn name(&self) -> &'static str {
        if lang() == Lang::En { self.en } else { self.vi }
    }

    pub fn column(&self, key: &str) -> Option<&'static Column> {
        self.columns.iter().find(|c| c.key == key)
    }
}

const fn c(key: &'static str, vi: &'static str, en: &'static str) -> Column {
    Column { key, vi, en, refers: None, many: false }
}
const fn r(key: &'static str, vi: &'static str, en: &'static str, refers: &'static str) -> Column {
    Column { key, vi, en, refers: Some(refers), many: false }
}
const fn rs(key: &'static str, vi: &'static str, en: &'static str, refers: &'static str) -> Column {
    Column { key, vi, en, refers: Some(refers), many: true }
}
const fn many(key: &'static str, vi: &'static str, en: &'static str) -> Column {
    Column { key, vi, en, refers: None, many: true }
}

const ID: Column = c("id", "Mã", "Id");
const NAME: Column = c("name", "Tên", "Name");
const CYBER: Column = c("cyber", "Trên không gian mạng", "Online");
const ORIGIN_KIND: Column = c("origin.kind", "Nguồn", "Origin");
const ORIGIN_REF: Column = c("origin.ref", "Mã nguồn", "Origin id");
const SEVERITY: Column = c("severity", "Mức độ", "Severity");

/// The unit's own sheet: labelled rows (`unit.id`, `period.start`,
/// `baseline.NAME`, `quotas.NAME.count`…), a label, a key and a value each.
pub const UNIT_SHEET: (&str, &str) = ("Đơn vị", "Unit");
/// The instructions sheet: read by people, skipped by the reader.
pub const GUIDE_SHEET: (&str, &str) = ("Hướng dẫn", "Instructions");
/// The hidden sheet the drop-downs take their values from, one column a
/// list: a value holding a comma ("Mua bán, vận chuyển") stays one item,
/// as a list written into the validation itself would split it.
pub const LISTS_SHEET: (&str, &str) = ("Danh mục giá trị", "Value lists");

/// The sheet of survey reports (`surveys[].reports`), each naming its survey.
pub const SURVEY_REPORTS: &str = "survey_reports";

pub const SHEETS: &[Sheet] = &[
    Sheet {
        collection: "officers",
        vi: "Cán bộ",
        en: "Officers",
        columns: &[
            c("id", "Mã cán bộ", "Officer id"),
            c("name", "Họ tên", "Name"),
            c("role", "Vai trò", "Role"),
            c("title", "Chức vụ", "Title"),
            c("drug_work", "Trực tiếp làm ma túy", "Works on drug crime"),
        ],
    },
    Sheet { collection: "communes", vi: "Công an xã", en: "Communes", columns: &[ID, NAME] },
    Sheet {
        collection: "key_areas",
        vi: "Địa bàn trọng điểm",
        en: "Key areas",
        columns: &[ID, NAME, c("kind", "Loại", "Kind"), CYBER],
    },
    Sheet {
        collection: "surveys",
        vi: "Hồ sơ ĐTCB",
        en: "Surveys",
        columns: &[
            ID,
            c("field", "Lĩnh vực", "Field"),
            c("subject", "Nội dung điều tra", "Subject"),
            rs("covers", "Địa bàn trọng điểm", "Key areas covered", "key_areas"),
            CYBER,
            r("manager", "Cán bộ quản lý", "Manager", "officers"),
            c("opened", "Ngày mở", "Opened"),
            c("closed", "Ngày kết thúc", "Closed"),
        ],
    },
    Sheet {
        collection: SURVEY_REPORTS,
        vi: "Báo cáo ĐTCB",
        en: "Survey reports",
        columns: &[
            r("survey", "Mã hồ sơ ĐTCB", "Survey id", "surveys"),
            c("date", "Ngày báo cáo", "Date"),
            c("has_evidence", "Có tài liệu", "Has evidence"),
            c("assessment", "Có đánh giá", "Has an assessment"),
            c("proposals", "Có đề xuất", "Has proposals"),
        ],
    },
    Sheet {
        collection: "hotspots",
        vi: "Điểm, tụ điểm",
        en: "Hotspots",
        columns: &[
            ID,
            NAME,
            CYBER,
            c("found", "Ngày phát hiện", "Found"),
            c("eliminated", "Ngày xóa bỏ", "Eliminated"),
        ],
    },
    Sheet {
        collection: "missed_detections",
        vi: "Để lọt",
        en: "Missed detections",
        columns: &[
            ID,
            c("date", "Ngày", "Date"),
            r("key_area", "Địa bàn trọng điểm", "Key area", "key_areas"),
            c("found_by", "Đơn vị phát hiện", "Found by"),
            c("note", "Ghi chú", "Note"),
        ],
    },
    Sheet {
        collection: "subjects",
        vi: "Đối tượng sưu tra",
        en: "Subjects",
        columns: &[
            ID,
            c("category", "Loại", "Category"),
            c("list", "Danh mục", "List"),
            c("key_subject", "Trọng điểm", "Key subject"),
            c("mobile", "Lưu động", "Mobile"),
            CYBER,
            r("officer", "Cán bộ quản lý", "Officer", "officers"),
            rs("informants", "CTVBM theo dõi", "Informants", "informants"),
            ORIGIN_KIND,
            ORIGIN_REF,
            c("opened", "Ngày đưa vào", "Opened"),
            c("closed", "Ngày đưa ra", "Closed"),
            c("close_reason", "Lý do đưa ra", "Close reason"),
        ],
    },
    Sheet {
        collection: "suspicions",
        vi: "Hiềm nghi",
        en: "Suspicions",
        columns: &[
            ID,
            ORIGIN_KIND,
            ORIGIN_REF,
            CYBER,
            r("officer", "Cán bộ quản lý", "Officer", "officers"),
            c("opened", "Ngày xác lập", "Opened"),
            c("closed", "Ngày kết thúc", "Closed"),
            c("outcome", "Kết quả", "Outcome"),
        ],
    },
    Sheet {
        collection: "operations",
        vi: "Chuyên án",
        en: "Operations",
        columns: &[
            ID,
            ORIGIN_KIND,
            ORIGIN_REF,
            CYBER,
            SEVERITY,
            many("covert_means", "Biện pháp đã dùng", "Covert means"),
            c("opened", "Ngày xác lập", "Opened"),
            c("cracked", "Ngày phá án", "Cracked"),
            c("outcome", "Kết quả", "Outcome"),
        ],
    },
    Sheet {
        collection: "informants",
        vi: "CTVBM",
        en: "Informants",
        columns: &[
            c("id", "Bí số", "Code name"),
            c("kind", "Loại", "Kind"),
            c("agent_class", "Loại đặc tình", "Agent class"),
            r("handler", "Cán bộ sử dụng", "Handler", "officers"),
            CYBER,
            c("recruited", "Ngày tuyển chọn", "Recruited"),
            c("ended", "Ngày dừng", "Ended"),
            c("rating", "Xếp loại", "Rating"),
        ],
    },
    Sheet {
        collection: "personas",
        vi: "Vai ảo",
        en: "Personas",
        columns: &[
            ID,
            r("handler", "Cán bộ sử dụng", "Handler", "officers"),
            c("platform", "Nền tảng", "Platform"),
            c("created", "Ngày tạo", "Created"),
            c("ended", "Ngày dừng", "Ended"),
        ],
    },
    Sheet {
        collection: "arrests",
        vi: "Bắt giữ",
        en: "Arrests",
        columns: &[
            ID,
            c("date", "Ngày bắt", "Date"),
            c("prosecuted", "Đã khởi tố", "Prosecuted"),
            c("prior", "Diện quản lý trước", "Prior status"),
            c("prior_ref", "Mã hồ sơ trước", "Prior record id"),
            c("in_ring", "Trong đường dây", "In a ring"),
            SEVERITY,
        ],
    },
    Sheet {
        collection: "cases",
        vi: "Vụ án",
        en: "Cases",
        columns: &[ID, c("date", "Ngày xảy ra", "Date"), SEVERITY, c("solved", "Đã làm rõ", "Solved")],
    },
    Sheet {
        collection: "inspections",
        vi: "Kiểm tra CA xã",
        en: "Inspections",
        columns: &[
            ID,
            c("date", "Ngày kiểm tra", "Date"),
            r("commune", "Công an xã", "Commune", "communes"),
            r("by", "Người kiểm tra", "Inspected by", "officers"),
            c("record", "Biên bản", "Record"),
        ],
    },
    Sheet {
        collection: "file_reviews",
        vi: "Kiểm tra hồ sơ",
        en: "File reviews",
        columns: &[
            c("date", "Ngày kiểm tra", "Date"),
            r("reviewer", "Người kiểm tra", "Reviewer", "officers"),
            rs("reviewed", "Cán bộ được kiểm tra", "Officers reviewed", "officers"),
        ],
    },
    Sheet {
        collection: "reports",
        vi: "Báo cáo",
        en: "Reports",
        columns: &[
            c("kind", "Loại báo cáo", "Kind"),
            c("covers", "Kỳ báo cáo", "Period covered"),
            c("submitted", "Thời gian gửi", "Submitted"),
        ],
    },
    Sheet {
        collection: "trainings",
        vi: "Tập huấn",
        en: "Trainings",
        columns: &[
            ID,
            c("kind", "Hình thức", "Kind"),
            c("date", "Ngày", "Date"),
            rs("attendees", "Cán bộ tham dự", "Attendees", "officers"),
        ],
    },
];

/// The unit sheet's fixed rows: key, Vietnamese and English label.
pub const UNIT_ROWS: &[(&str, &str, &str)] = &[
    ("unit.id", "Mã đơn vị", "Unit id"),
    ("unit.name", "Tên đơn vị", "Unit name"),
    ("unit.team", "Đội", "Team"),
    ("unit.province", "Tỉnh", "Province"),
    ("period.start", "Kỳ thống kê từ ngày", "Statistics year from"),
    ("period.end", "Kỳ thống kê đến ngày", "Statistics year to"),
    ("as_of", "Ngày tính", "Evaluated as of"),
];

/// A quota's fields (`quotas.NAME.FIELD`).
pub const QUOTA_FIELDS: &[(&str, &str, &str)] = &[
    ("count", "Chỉ tiêu giao", "Quota"),
    ("deadline", "Thời hạn", "Deadline"),
    ("crack_by", "Phá án trước", "Crack by"),
];

/// An example id of a collection's records, as the sample numbers them
/// (`ST001`, `CB02`): the template's guide shows each column a value it
/// takes.
pub fn id_example(collection: &str, n: usize) -> String {
    let (prefix, width) = match collection {
        "officers" => ("CB", 2),
        "communes" => ("X", 2),
        "key_areas" => ("KV", 2),
        "surveys" => ("DT", 2),
        "hotspots" => ("TD", 2),
        "missed_detections" => ("PH", 2),
        "subjects" => ("ST", 3),
        "suspicions" => ("HN-", 2),
        "operations" => ("CA-", 2),
        "informants" => ("MD-", 2),
        "personas" => ("VA", 2),
        "arrests" => ("BT-", 2),
        "cases" => ("VA-", 3),
        "inspections" => ("KT-", 2),
        "trainings" => ("TH", 2),
        _ => ("", 2),
    };
    format!("{prefix}{n:0width$}")
}

/// The label of a fixed value (`B` → `Loại B`), in the run's language;
/// values with no label of their own read as their code.
pub fn value_label(allowed: &[&str], code: &'static str) -> &'static str {
    let found = VALUES
        .iter()
        .find(|(codes, _)| *codes == allowed)
        .and_then(|(_, labels)| labels.iter().find(|(c, _, _)| *c == code));
    match found {
        Some((_, vi, en)) => {
            if lang() == Lang::En {
                en
            } else {
                vi
            }
        }
        None => code,
    }
}

/// The code a cell names, by its code or its label in either language
/// (case, spaces and `_` aside).
pub fn value_code(allowed: &[&'static str], text: &str) -> Option<&'static str> {
    let norm = |s: &str| s.trim().to_lowercase().replace('_', " ").split_whitespace().collect::<Vec<_>>().join(" ");
    // A list typed in Arabic numerals is the one in Roman: `Danh mục 3`,
    // `List 3` or `3` is III.
    let text = roman_numbered(&norm(text));
    if let Some(code) = allowed.iter().find(|c| norm(c) == text) {
        return Some(code);
    }
    let (_, labels) = VALUES.iter().find(|(codes, _)| *codes == allowed)?;
    labels.iter().find(|(_, vi, en)| norm(vi) == text || norm(en) == text).map(|(c, _, _)| *c)
}

/// `text` with a last word of 1 to 10 in Arabic numerals written in Roman.
fn roman_numbered(text: &str) -> String {
    const ROMAN: [&str; 10] = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"];
    let (head, last) = text.rsplit_once(' ').unwrap_or(("", text));
    match last.parse::<usize>() {
        Ok(n @ 1..=10) if head.is_empty() => ROMAN[n - 1].to_string(),
        Ok(n @ 1..=10) => format!("{head} {}", ROMAN[n - 1]),
        _ => text.to_string(),
    }
}

type Labels = &'static [(&'static str, &'static str, &'static str)];

use crate::dataset::model as m;

/// Each fixed value's labels, by the list of values it belongs to.
pub const VALUES: &[(&[&str], Labels)] = &[
    (
        m::Role::ALL,
        &[
            ("leader", "Lãnh đạo", "Leader"),
            ("commander", "Chỉ huy", "Commander"),
            ("officer", "Trinh sát", "Officer"),
            ("investigator", "Điều tra viên", "Investigator"),
        ],
    ),
    (
        m::KeyAreaKind::ALL,
        &[
            ("area", "Địa bàn", "Area"),
            ("route", "Tuyến", "Route"),
            ("field", "Lĩnh vực", "Field of work"),
            ("subject_class", "Loại đối tượng", "Class of subjects"),
            ("organization", "Cơ quan, tổ chức", "Organization"),
            ("group", "Nhóm", "Group"),
            ("online_group", "Nhóm trên mạng", "Online group"),
            ("online_account", "Tài khoản mạng", "Online account"),
        ],
    ),
    (
        m::DrugField::ALL,
        &[
            ("production", "Sản xuất", "Production"),
            ("trafficking", "Mua bán, vận chuyển", "Trafficking"),
            ("use_venues", "Tổ chức sử dụng", "Use venues"),
            ("legal_control", "Quản lý hợp pháp", "Legal control"),
            ("addicts", "Người nghiện", "Addicts"),
        ],
    ),
    (m::Category::ALL, &[("A", "Loại A", "Category A"), ("B", "Loại B", "Category B")]),
    (
        m::SubjectList::ALL,
        &[
            ("I", "Danh mục I", "List I"),
            ("II", "Danh mục II", "List II"),
            ("III", "Danh mục III", "List III"),
            ("IV", "Danh mục IV", "List IV"),
        ],
    ),
    (
        m::CloseReason::ALL,
        &[
            ("developed", "Chuyển hiềm nghi, chuyên án", "Developed into a file"),
            ("died", "Chết", "Died"),
            ("moved_away", "Chuyển đi nơi khác", "Moved away"),
            ("out_of_jurisdiction", "Ngoài địa bàn quản lý", "Out of jurisdiction"),
            ("inactive", "Không còn hoạt động", "Inactive"),
            ("other", "Lý do khác", "Other"),
        ],
    ),
    (
        m::SuspicionOutcome::ALL,
        &[
            ("operation", "Xác lập chuyên án", "Operation opened"),
            ("prosecuted", "Khởi tố", "Prosecuted"),
            ("grounds_for_prosecution", "Đủ căn cứ khởi tố", "Grounds for prosecution"),
            ("dropped", "Dừng", "Dropped"),
            ("other", "Kết quả khác", "Other"),
        ],
    ),
    (
        m::Severity::ALL,
        &[
            ("less_serious", "Ít nghiêm trọng", "Less serious"),
            ("serious", "Nghiêm trọng", "Serious"),
            ("very_serious", "Rất nghiêm trọng", "Very serious"),
            ("especially_serious", "Đặc biệt nghiêm trọng", "Especially serious"),
        ],
    ),
    (
        m::CovertMeans::ALL,
        &[
            ("agent", "Đặc tình", "Agent"),
            ("secret_base", "Cơ sở bí mật", "Secret base"),
            ("persona", "Vai ảo", "Persona"),
        ],
    ),
    (
        m::OperationOutcome::ALL,
        &[
            ("prosecuted", "Khởi tố", "Prosecuted"),
            ("grounds_for_prosecution", "Đủ căn cứ khởi tố", "Grounds for prosecution"),
            ("suspended", "Tạm đình chỉ", "Suspended"),
            ("terminated", "Đình chỉ", "Terminated"),
        ],
    ),
    (
        m::OriginKind::ALL,
        &[
            ("survey", "ĐTCB", "Survey"),
            ("subject", "Sưu tra", "Subject"),
            ("suspicion", "Hiềm nghi", "Suspicion"),
            ("informant", "CTVBM", "Informant"),
            ("persona", "Vai ảo", "Persona"),
            ("denunciation", "Tố giác, tin báo", "Denunciation"),
            ("other", "Nguồn khác", "Other"),
        ],
    ),
    (
        m::InformantKind::ALL,
        &[
            ("agent", "Đặc tình", "Agent"),
            ("secret_base", "Cơ sở bí mật", "Secret base"),
            ("honorary", "CTV danh dự", "Honorary"),
        ],
    ),
    (
        m::Rating::ALL,
        &[
            ("good", "Tốt", "Good"),
            ("fair", "Khá", "Fair"),
            ("average", "Trung bình", "Average"),
            ("weak", "Yếu", "Weak"),
        ],
    ),
    (
        m::Prior::ALL,
        &[
            ("subject", "Sưu tra", "Subject"),
            ("suspicion", "Hiềm nghi", "Suspicion"),
            ("operation", "Chuyên án", "Operation"),
            ("none", "Chưa quản lý", "None"),
        ],
    ),
    (
        m::ReportKind::ALL,
        &[
            ("monthly_statistics", "Thống kê tháng", "Monthly statistics"),
            ("semiannual", "Báo cáo 6 tháng", "Six-month report"),
            ("nine_month", "Báo cáo 9 tháng", "Nine-month report"),
            ("annual", "Báo cáo năm", "Annual report"),
            ("weekly_self_inspection", "Tự kiểm tra tuần", "Weekly self-inspection"),
            ("monthly_self_inspection", "Tự kiểm tra tháng", "Monthly self-inspection"),
            ("scoring", "Chấm điểm", "Scoring"),
        ],
    ),
    (m::TrainingKind::ALL, &[("course", "Lớp tập huấn", "Course"), ("seminar", "Hội thảo", "Seminar")]),
];

/// Yes and no, as a cell writes them.
pub fn yes_no(value: bool) -> &'static str {
    match (lang(), value) {
        (Lang::En, true) => "yes",
        (Lang::En, false) => "no",
        (_, true) => "có",
        (_, false) => "không",
    }
}

/// A flag typed in a cell: `có`/`không`, `x`, `yes`/`no`, `true`/`false`, `1`/`0`.
pub fn flag(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "có" | "co" | "x" | "yes" | "y" | "true" | "1" | "đúng" => Some(true),
        "không" | "khong" | "no" | "n" | "false" | "0" | "sai" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::field::FieldKind;
    use crate::dataset::workbook::read::kind_of;

    fn model_fields(collection: &str) -> Vec<&'static str> {
        fn f<T: m::Record>() -> Vec<&'static str> {
            T::FIELDS.to_vec()
        }
        match collection {
            "officers" => f::<m::Officer>(),
            "communes" => f::<m::Commune>(),
            "key_areas" => f::<m::KeyArea>(),
            "surveys" => f::<m::Survey>(),
            "hotspots" => f::<m::Hotspot>(),
            "missed_detections" => f::<m::MissedDetection>(),
            "subjects" => f::<m::Subject>(),
            "suspicions" => f::<m::Suspicion>(),
            "operations" => f::<m::Operation>(),
            "informants" => f::<m::Informant>(),
            "personas" => f::<m::Persona>(),
            "arrests" => f::<m::Arrest>(),
            "cases" => f::<m::Case>(),
            "inspections" => f::<m::Inspection>(),
            "file_reviews" => f::<m::FileReview>(),
            "reports" => f::<m::Report>(),
            "trainings" => f::<m::Training>(),
            SURVEY_REPORTS => vec!["survey", "date", "has_evidence", "assessment", "proposals"],
            other => panic!("no collection {other}"),
        }
    }

    #[test]
    fn every_field_of_the_model_has_a_column_and_every_column_a_field() {
        let collections = [
            "officers",
            "communes",
            "key_areas",
            "surveys",
            "hotspots",
            "missed_detections",
            "subjects",
            "suspicions",
            "operations",
            "informants",
            "personas",
            "arrests",
            "cases",
            "inspections",
            "file_reviews",
            "reports",
            "trainings",
        ];
        assert_eq!(SHEETS.iter().filter(|s| s.collection != SURVEY_REPORTS).count(), collections.len());
        for sheet in SHEETS {
            let mut want: Vec<String> = Vec::new();
            for field in model_fields(sheet.collection) {
                match (field, kind_of(sheet.collection, field)) {
                    ("origin", _) => want.extend(["origin.kind".to_string(), "origin.ref".to_string()]),
                    (_, Some(FieldKind::Nested)) => {}
                    (f, _) => want.push(f.to_string()),
                }
            }
            let have: Vec<String> = sheet.columns.iter().map(|c| c.key.to_string()).collect();
            assert_eq!(have, want, "sheet {}", sheet.collection);
            for c in sheet.columns {
                assert!(!c.vi.is_empty() && !c.en.is_empty(), "{}.{}", sheet.collection, c.key);
                let many = matches!(kind_of(sheet.collection, c.key), Some(FieldKind::Ids)) || c.key == "covert_means";
                assert_eq!(c.many, many, "{}.{}: several values in a cell", sheet.collection, c.key);
            }
        }
    }

    #[test]
    fn every_fixed_value_has_a_label_unique_in_its_list() {
        for (codes, labels) in VALUES {
            let listed: Vec<&str> = labels.iter().map(|(c, _, _)| *c).collect();
            assert_eq!(&listed, codes);
            for (code, vi, en) in *labels {
                assert_eq!(value_code(codes, vi), Some(*code), "{vi}");
                assert_eq!(value_code(codes, en), Some(*code), "{en}");
                assert_eq!(value_code(codes, code), Some(*code));
            }
        }
        assert_eq!(value_code(m::CloseReason::ALL, " moved away "), Some("moved_away"));
        assert_eq!(value_code(m::Category::ALL, "loại b"), Some("B"));
        assert_eq!(value_code(m::Category::ALL, "C"), None);
        // A list typed in Arabic numerals (issue 33).
        for typed in ["Danh mục 3", "danh mục  3", "List 3", "3", "III"] {
            assert_eq!(value_code(m::SubjectList::ALL, typed), Some("III"), "{typed}");
        }
        assert_eq!(value_code(m::SubjectList::ALL, "Danh mục 9"), None);
    }

    #[test]
    fn sheet_names_fit_a_workbook() {
        for name in SHEETS.iter().flat_map(|s| [s.vi, s.en]).chain([
            UNIT_SHEET.0,
            UNIT_SHEET.1,
            GUIDE_SHEET.0,
            LISTS_SHEET.0,
            LISTS_SHEET.1,
        ]) {
            assert!(name.chars().count() <= 31 && !name.contains(['[', ']', ':', '*', '?', '/', '\\']), "{name}");
        }
    }
}
