//! The typed dataset: one unit's records for one plan year, exactly as
//! `data-model.md` names them. Field names here are the contract rules rely on.

use chrono::{NaiveDate, NaiveDateTime};
use indexmap::IndexMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_saphyr::Spanned;

use super::field::{AsField, Field, FieldKind};

/// A record of one collection, readable field by field by name, which is how
/// rules and generic validation reach it without knowing its Rust type.
pub trait Record {
    /// The collection's name in the YAML (`subjects`).
    const COLLECTION: &'static str;
    /// Every field name, in declaration order, for "unknown field" help.
    const FIELDS: &'static [&'static str];
    /// Each field's kind, in the order of `FIELDS`.
    const KINDS: &'static [FieldKind];
    /// Fields that become known only when the record ends (a close reason);
    /// evaluated as of an earlier date they read as absent.
    const END_FIELDS: &'static [&'static str] = &[];
    /// The field holding the start date, if the record has one.
    const START: Option<&'static str> = None;
    /// The field holding the end date, if the record has one.
    const END: Option<&'static str> = None;

    fn id(&self) -> Option<&str>;
    fn field(&self, name: &str) -> Option<Field<'_>>;

    /// The kind of a field or field path (`origin.kind`); None: no such field.
    fn kind_of(name: &str) -> Option<FieldKind> {
        match name {
            "origin.kind" => Self::kind_of("origin"),
            "origin.ref" => Self::kind_of("origin").map(|_| FieldKind::Text),
            _ => Self::FIELDS.iter().position(|f| *f == name).map(|i| Self::KINDS[i]),
        }
    }

    /// The day the record comes into existence (None: it always existed).
    fn start(&self) -> Option<NaiveDate> {
        Self::START.and_then(|f| self.field(f)).and_then(|v| v.date())
    }
    /// The day the record ended, if it has.
    fn end(&self) -> Option<NaiveDate> {
        Self::END.and_then(|f| self.field(f)).and_then(|v| v.date())
    }
}

/// Declares string enumerations: lower-case snake_case in the data, an
/// unknown value rejected by serde with the list of allowed ones.
macro_rules! enumeration {
    ($( $(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? } )+) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
        pub enum $name { $( #[serde(rename = $text)] $variant ),+ }
        impl $name {
            pub const ALL: &'static [&'static str] = &[$($text),+];
            pub fn as_str(self) -> &'static str {
                match self { $( $name::$variant => $text ),+ }
            }
        }
        impl AsField for $name {
            const KIND: FieldKind = FieldKind::Values(Self::ALL);
            fn as_field(&self) -> Field<'_> { Field::Str(self.as_str()) }
        }
    )+};
}

enumeration! {
    Role { Leader = "leader", Commander = "commander", Officer = "officer", Investigator = "investigator" }
    KeyAreaKind {
        Area = "area", Route = "route", FieldOfWork = "field", SubjectClass = "subject_class",
        Organization = "organization", Group = "group", OnlineGroup = "online_group",
        OnlineAccount = "online_account",
    }
    /// The five fields of drug work (5 lĩnh vực).
    DrugField {
        Production = "production", Trafficking = "trafficking", UseVenues = "use_venues",
        LegalControl = "legal_control", Addicts = "addicts",
    }
    Category { A = "A", B = "B" }
    SubjectList { I = "I", II = "II", III = "III", IV = "IV" }
    CloseReason {
        Developed = "developed", Died = "died", MovedAway = "moved_away",
        OutOfJurisdiction = "out_of_jurisdiction", Inactive = "inactive", Other = "other",
    }
    SuspicionOutcome {
        Operation = "operation", Prosecuted = "prosecuted",
        GroundsForProsecution = "grounds_for_prosecution", Dropped = "dropped", Other = "other",
    }
    Severity {
        LessSerious = "less_serious", Serious = "serious", VerySerious = "very_serious",
        EspeciallySerious = "especially_serious",
    }
    CovertMeans { Agent = "agent", SecretBase = "secret_base", Persona = "persona" }
    OperationOutcome {
        Prosecuted = "prosecuted", GroundsForProsecution = "grounds_for_prosecution",
        Suspended = "suspended", Terminated = "terminated",
    }
    OriginKind {
        Survey = "survey", Subject = "subject", Suspicion = "suspicion", Informant = "informant",
        Persona = "persona", Denunciation = "denunciation", Other = "other",
    }
    InformantKind { Agent = "agent", SecretBase = "secret_base", Honorary = "honorary" }
    Rating { Good = "good", Fair = "fair", Average = "average", Weak = "weak" }
    Prior { Subject = "subject", Suspicion = "suspicion", Operation = "operation", None = "none" }
    ReportKind {
        MonthlyStatistics = "monthly_statistics", Semiannual = "semiannual",
        NineMonth = "nine_month", Annual = "annual",
        WeeklySelfInspection = "weekly_self_inspection",
        MonthlySelfInspection = "monthly_self_inspection", Scoring = "scoring",
    }
    TrainingKind { Course = "course", Seminar = "seminar" }
}

impl OriginKind {
    /// The collection an origin of this kind must name, if it names one.
    pub fn collection(self) -> Option<&'static str> {
        match self {
            OriginKind::Survey => Some("surveys"),
            OriginKind::Subject => Some("subjects"),
            OriginKind::Suspicion => Some("suspicions"),
            OriginKind::Informant => Some("informants"),
            OriginKind::Persona => Some("personas"),
            OriginKind::Denunciation | OriginKind::Other => None,
        }
    }
}

/// Declares record structs: serde with unknown fields rejected, plus the
/// by-name field access of [`Record`].
macro_rules! records {
    ($(
        $(#[$meta:meta])*
        $name:ident in $collection:literal
            $(, start $start:literal)? $(, end $end:literal)? $(, end_fields [$($ef:literal),*])?
            $(, id $id:ident)?
        {
            $( $(#[$fmeta:meta])* $field:ident : $ty:ty ),+ $(,)?
        }
    )+) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, Deserialize, Serialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name { $( $(#[$fmeta])* pub $field: $ty ),+ }

        impl Record for $name {
            const COLLECTION: &'static str = $collection;
            const FIELDS: &'static [&'static str] = &[$(stringify!($field)),+];
            const KINDS: &'static [FieldKind] = &[$(<$ty as AsField>::KIND),+];
            $(const START: Option<&'static str> = Some($start);)?
            $(const END: Option<&'static str> = Some($end);)?
            $(const END_FIELDS: &'static [&'static str] = &[$($ef),*];)?

            fn id(&self) -> Option<&str> {
                records!(@id self $($id)?)
            }
            fn field(&self, name: &str) -> Option<Field<'_>> {
                match name {
                    $( stringify!($field) => Some(self.$field.as_field()), )+
                    _ => None,
                }
            }
        }
    )+};
    (@id $self:ident $id:ident) => { Some(&$self.$id) };
    (@id $self:ident) => { None };
}

records! {
    /// CBCS of the team and its leadership.
    Officer in "officers", id id {
        id: String,
        name: String,
        role: Role,
        #[serde(default)] title: Option<String>,
        #[serde(default = "yes", deserialize_with = "bool_or_default_true")] drug_work: bool,
    }

    /// Commune-level police.
    Commune in "communes", id id { id: String, name: String }

    /// What must be surveyed (target 2).
    KeyArea in "key_areas", id id {
        id: String,
        name: String,
        kind: KeyAreaKind,
        #[serde(default, deserialize_with = "nullable")] cyber: bool,
    }

    /// ĐTCB: a basic survey file.
    Survey in "surveys", start "opened", end "closed", id id {
        id: String,
        field: DrugField,
        #[serde(default)] subject: Option<String>,
        #[serde(default, deserialize_with = "nullable")] covers: Vec<String>,
        #[serde(default, deserialize_with = "nullable")] cyber: bool,
        #[serde(default)] manager: Option<String>,
        opened: NaiveDate,
        #[serde(default)] closed: Option<NaiveDate>,
        #[serde(default, deserialize_with = "nullable")] reports: Vec<SurveyReport>,
    }

    /// Điểm, tụ điểm: a drug hotspot.
    Hotspot in "hotspots", start "found", end "eliminated", id id {
        id: String,
        name: String,
        #[serde(default, deserialize_with = "nullable")] cyber: bool,
        found: NaiveDate,
        #[serde(default)] eliminated: Option<NaiveDate>,
    }

    /// Something in the unit's area that another unit found first.
    MissedDetection in "missed_detections", start "date", id id {
        id: String,
        date: NaiveDate,
        #[serde(default)] key_area: Option<String>,
        #[serde(default)] found_by: Option<String>,
        #[serde(default)] note: Option<String>,
    }

    /// Sưu tra: a watch-listed subject.
    Subject in "subjects", start "opened", end "closed", end_fields ["close_reason"], id id {
        id: String,
        category: Category,
        list: SubjectList,
        #[serde(default, deserialize_with = "nullable")] key_subject: bool,
        #[serde(default, deserialize_with = "nullable")] mobile: bool,
        #[serde(default, deserialize_with = "nullable")] cyber: bool,
        #[serde(default)] officer: Option<String>,
        #[serde(default, deserialize_with = "nullable")] informants: Vec<String>,
        #[serde(default)] origin: Option<Origin>,
        opened: NaiveDate,
        #[serde(default)] closed: Option<NaiveDate>,
        #[serde(default)] close_reason: Option<CloseReason>,
    }

    /// Hiềm nghi: a suspicion file.
    Suspicion in "suspicions", start "opened", end "closed", end_fields ["outcome"], id id {
        id: String,
        origin: Origin,
        #[serde(default, deserialize_with = "nullable")] cyber: bool,
        #[serde(default)] officer: Option<String>,
        opened: NaiveDate,
        #[serde(default)] closed: Option<NaiveDate>,
        #[serde(default)] outcome: Option<SuspicionOutcome>,
    }

    /// Chuyên án: an investigative operation.
    Operation in "operations", start "opened", end "cracked", end_fields ["outcome"], id id {
        id: String,
        origin: Origin,
        #[serde(default, deserialize_with = "nullable")] cyber: bool,
        #[serde(default)] severity: Option<Severity>,
        #[serde(default, deserialize_with = "nullable")] covert_means: Vec<CovertMeans>,
        opened: NaiveDate,
        #[serde(default)] cracked: Option<NaiveDate>,
        #[serde(default)] outcome: Option<OperationOutcome>,
    }

    /// CTVBM: a covert collaborator, by code name only.
    Informant in "informants", start "recruited", end "ended", id id {
        id: String,
        kind: InformantKind,
        #[serde(default)] agent_class: Option<AgentClass>,
        #[serde(default)] handler: Option<String>,
        #[serde(default, deserialize_with = "nullable")] cyber: bool,
        recruited: NaiveDate,
        #[serde(default)] ended: Option<NaiveDate>,
        #[serde(default)] rating: Option<Rating>,
    }

    /// Vai ảo: a virtual persona.
    Persona in "personas", start "created", end "ended", id id {
        id: String,
        #[serde(default)] handler: Option<String>,
        #[serde(default)] platform: Option<String>,
        created: NaiveDate,
        #[serde(default)] ended: Option<NaiveDate>,
    }

    /// A person arrested or prosecuted for drug crime (target 9).
    Arrest in "arrests", start "date", id id {
        id: String,
        date: NaiveDate,
        #[serde(default, deserialize_with = "nullable")] prosecuted: bool,
        prior: Prior,
        #[serde(default)] prior_ref: Option<String>,
        #[serde(default, deserialize_with = "nullable")] in_ring: bool,
        #[serde(default)] severity: Option<Severity>,
    }

    /// A criminal case, for clearance rates (D9).
    Case in "cases", start "date", id id {
        id: String,
        date: NaiveDate,
        #[serde(default)] severity: Option<Severity>,
        #[serde(default, deserialize_with = "nullable")] solved: bool,
    }

    /// An inspection of a commune (D4).
    Inspection in "inspections", start "date", id id {
        id: String,
        date: NaiveDate,
        commune: String,
        #[serde(default)] by: Option<String>,
        #[serde(default)] record: Option<String>,
    }

    /// A commander checking officers' files (D3).
    FileReview in "file_reviews", start "date" {
        date: NaiveDate,
        reviewer: String,
        #[serde(default, deserialize_with = "nullable")] reviewed: Vec<String>,
    }

    /// A report sent upward (D6, D7).
    Report in "reports", start "submitted" {
        kind: ReportKind,
        covers: Covered,
        submitted: Timestamp,
    }

    /// A training course or seminar (D8).
    Training in "trainings", start "date", id id {
        id: String,
        kind: TrainingKind,
        date: NaiveDate,
        #[serde(default, deserialize_with = "nullable")] attendees: Vec<String>,
    }
}

/// A periodic report inside a survey file (target 4).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SurveyReport {
    pub date: NaiveDate,
    #[serde(default, deserialize_with = "nullable")]
    pub has_evidence: bool,
    #[serde(default, deserialize_with = "nullable")]
    pub assessment: bool,
    #[serde(default, deserialize_with = "nullable")]
    pub proposals: bool,
}

/// Where a subject, suspicion or operation came from.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Origin {
    pub kind: OriginKind,
    #[serde(default, rename = "ref")]
    pub reference: Option<String>,
}

/// Đặc tình class 1–3.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgentClass(pub u8);

impl<'de> Deserialize<'de> for AgentClass {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n = u8::deserialize(d)?;
        if (1..=3).contains(&n) {
            Ok(AgentClass(n))
        } else {
            Err(serde::de::Error::custom(crate::i18n::t(crate::i18n::Msg::AgentClassRange { value: &n.to_string() })))
        }
    }
}

impl Serialize for AgentClass {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

/// A local date and time, written `YYYY-MM-DDTHH:MM` (seconds optional).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp(pub NaiveDateTime);

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.format("%Y-%m-%dT%H:%M:%S").to_string().serialize(s)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        let text = text.trim();
        // `dd/mm/yyyy HH:MM` too: a date is a date however it is typed.
        NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S")
            .ok()
            .or_else(|| crate::dataset::calendar::parse_time(text))
            .map(Timestamp)
            .ok_or_else(|| serde::de::Error::custom(crate::i18n::t(crate::i18n::Msg::NotADateTime { value: text })))
    }
}

/// The period a report covers: a statistics month (`2024-03`), an ISO week
/// (`2024-W12`), the first six or nine months (`2024-H1`, `2024-9M`) or the
/// year (`2024`), parsed where it is read and kept in that one form, so
/// that `03/2024`, `tháng 3/2024` or `T3/2024` name the same month and
/// anything else is an error at its line, never a report of no period.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Covered(pub String);

impl Covered {
    /// The period `text` names, in its one form; None when it names none.
    pub fn parse(text: &str) -> Option<Covered> {
        let text = text.trim();
        let digits =
            |s: &str, n: std::ops::RangeInclusive<usize>| n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
        if digits(text, 4..=4) {
            return Some(Covered(text.to_string()));
        }
        if let Some((year, part)) = text.split_once('-')
            && digits(year, 4..=4)
            && (part.eq_ignore_ascii_case("H1") || part.eq_ignore_ascii_case("9M"))
        {
            return Some(Covered(format!("{year}-{}", part.to_ascii_uppercase())));
        }
        if let Some((year, week)) = text.split_once("-W").or_else(|| text.split_once("-w")) {
            let (y, w) = (digits(year, 4..=4), digits(week, 2..=2));
            let week: u32 = week.parse().ok()?;
            chrono::NaiveDate::from_isoywd_opt(year.parse().ok()?, week, chrono::Weekday::Mon).filter(|_| y && w)?;
            return Some(Covered(format!("{year}-W{week:02}")));
        }
        let (year, month) = if let Some((year, month)) = text.split_once('-') {
            (digits(year, 4..=4) && digits(month, 2..=2)).then_some((year, month))?
        } else {
            // `03/2024`, `3/2024`, `tháng 3/2024`, `T3/2024`.
            let lower = text.to_lowercase();
            let rest = lower.strip_prefix("tháng").or_else(|| lower.strip_prefix('t')).unwrap_or(&lower).trim_start();
            let (month, year) = rest.split_once('/')?;
            let (month, year) = (month.trim(), year.trim());
            (digits(year, 4..=4) && digits(month, 1..=2)).then_some(())?;
            return Self::month(year, month);
        };
        Self::month(year, month)
    }

    fn month(year: &str, month: &str) -> Option<Covered> {
        let month: u32 = month.parse().ok().filter(|m| (1..=12).contains(m))?;
        Some(Covered(format!("{year}-{month:02}")))
    }
}

impl Serialize for Covered {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Covered {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Covered::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(crate::i18n::t(crate::i18n::Msg::NotACovered { value: text.trim() }))
        })
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub team: Option<String>,
    #[serde(default)]
    pub province: Option<String>,
}

/// The statistics year: both bounds inclusive.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// A quota assigned by the province (duties D1, D2).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Quota {
    pub count: u32,
    #[serde(default)]
    pub deadline: Option<NaiveDate>,
    #[serde(default)]
    pub crack_by: Option<NaiveDate>,
}

/// One unit's file, as written. It serialises (for the parsed-unit cache,
/// `dataset::cache`) with every record's position kept, in the form
/// `Spanned` reads back.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    #[serde(serialize_with = "spanned::one")]
    pub unit: Spanned<Unit>,
    #[serde(serialize_with = "spanned::one")]
    pub period: Spanned<Period>,
    #[serde(default)]
    pub as_of: Option<NaiveDate>,
    /// Figures of the previous year, by name (`subjects_opened`).
    #[serde(default, deserialize_with = "nullable")]
    pub baseline: IndexMap<String, i64>,
    #[serde(default, deserialize_with = "nullable", serialize_with = "spanned::map")]
    pub quotas: IndexMap<String, Spanned<Quota>>,
    #[serde(default, deserialize_with = "nullable", serialize_with = "spanned::list")]
    pub officers: Vec<Spanned<Officer>>,
    #[serde(default, deserialize_with = "nullable", serialize_with = "spanned::list")]
    pub communes: Vec<Spanned<Commune>>,
    #[serde(default, deserialize_with = "nullable", serialize_with = "spanned::list")]
    pub key_areas: Vec<Spanned<KeyArea>>,
    #[serde(default, deserialize_with = "nullable", serialize_with = "spanned::list")]
    pub surveys: Vec<Spanned<Survey>>,
    #[serde(default, deserialize_with = "nullable", serialize_with = "spanned::list")]
    pub hotspots: Vec<Spanned<Hotspot>>,
    #[serde(default, deserialize_with = "nullable", serialize_with = "spanned::list")]
    pub missed_detections: Vec<Spanned<MissedDetection>>,
    #[serde(default, deserialize_with = "nullable", serialize_with = "spanned::list")]
    pub subjects: Vec<Spanned<Subject>>,
    #[serde(default, deserialize_with = "nullable", serialize_with = "spanned::list")]
    pub suspicions: Vec<Spanned<Suspicion>>,
    #[serde(default, deserialize_with = "nullable", serialize_with = "spanned::list")]
    pub operations: Vec<Spanned<Operation>>,
    #[serde(default, deserialize_with = "nullable", serialize_with = "spanned::list")]
    pub informants: Vec<Spanned<Informant>>,
    #[serde(default, deserialize_with = "nullable", serialize_with = "spanned::list")]
    pub personas: Vec<Spanned<Persona>>,
    #[serde(default, deserialize_with = "nullable", serialize_with = "spanned::list")]
    pub arrests: Vec<Spanned<Arrest>>,
    #[serde(default, deserialize_with = "nullable", serialize_with = "spanned::list")]
    pub cases: Vec<Spanned<Case>>,
    #[serde(default, deserialize_with = "nullable", serialize_with = "spanned::list")]
    pub inspections: Vec<Spanned<Inspection>>,
    #[serde(default, deserialize_with = "nullable", serialize_with = "spanned::list")]
    pub file_reviews: Vec<Spanned<FileReview>>,
    #[serde(default, deserialize_with = "nullable", serialize_with = "spanned::list")]
    pub reports: Vec<Spanned<Report>>,
    #[serde(default, deserialize_with = "nullable", serialize_with = "spanned::list")]
    pub trainings: Vec<Spanned<Training>>,
}

/// `Spanned<T>` written with its positions, as serde-saphyr's `Spanned`
/// deserialises them from a self-describing format: a map marked
/// `__serde_saphyr_private_spanned` with `value`, `referenced` and `defined`
/// (each a line and a column).
mod spanned {
    use indexmap::IndexMap;
    use serde::ser::{SerializeMap, SerializeSeq};
    use serde::{Serialize, Serializer};
    use serde_saphyr::{Location, Spanned};

    struct At(Location);

    impl Serialize for At {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut map = s.serialize_map(Some(2))?;
            map.serialize_entry("line", &self.0.line())?;
            map.serialize_entry("column", &self.0.column())?;
            map.end()
        }
    }

    struct With<'a, T>(&'a Spanned<T>);

    impl<T: Serialize> Serialize for With<'_, T> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut map = s.serialize_map(Some(4))?;
            map.serialize_entry("__serde_saphyr_private_spanned", &true)?;
            map.serialize_entry("value", &self.0.value)?;
            map.serialize_entry("referenced", &At(self.0.referenced))?;
            map.serialize_entry("defined", &At(self.0.defined))?;
            map.end()
        }
    }

    pub fn one<T: Serialize, S: Serializer>(v: &Spanned<T>, s: S) -> Result<S::Ok, S::Error> {
        With(v).serialize(s)
    }

    pub fn list<T: Serialize, S: Serializer>(v: &[Spanned<T>], s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(v.len()))?;
        for item in v {
            seq.serialize_element(&With(item))?;
        }
        seq.end()
    }

    pub fn map<T: Serialize, S: Serializer>(v: &IndexMap<String, Spanned<T>>, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(v.len()))?;
        for (k, item) in v {
            map.serialize_entry(k, &With(item))?;
        }
        map.end()
    }
}

/// The data model says `null` and an absent field mean the same.
fn nullable<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

fn yes() -> bool {
    true
}

fn bool_or_default_true<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(Option::<bool>::deserialize(d)?.unwrap_or(true))
}

#[cfg(test)]
mod covered {
    use super::Covered;

    #[test]
    fn a_period_typed_any_listed_way_is_one_period() {
        for typed in
            ["2024-03", "03/2024", "3/2024", "tháng 3/2024", "Tháng 3/2024", "T3/2024", "t03/2024", " 2024-03 "]
        {
            assert_eq!(Covered::parse(typed), Some(Covered("2024-03".into())), "{typed}");
        }
        assert_eq!(Covered::parse("2024-W09"), Some(Covered("2024-W09".into())));
        assert_eq!(Covered::parse("2024-h1"), Some(Covered("2024-H1".into())));
        assert_eq!(Covered::parse("2024-9m"), Some(Covered("2024-9M".into())));
        assert_eq!(Covered::parse("2024"), Some(Covered("2024".into())));
        for bad in ["2024-13", "13/2024", "2024-W54", "2024-W9", "March 2024", "03/24", "2024-3", "", "tháng ba"] {
            assert_eq!(Covered::parse(bad), None, "{bad}");
        }
    }
}
