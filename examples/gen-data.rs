//! Writes N deterministic unit files that follow the data model, for the
//! benchmark: `cargo run --release --example gen-data -- --units 700 --seed 1 --out DIR`.
//! Each unit has about 750 records (each collection varies ±50% around the
//! averages in docs/performance.md); every reference resolves, and the
//! outcomes are a mix of pass and fail.

use std::fmt::Write;
use std::path::PathBuf;

use chrono::{Duration, NaiveDate};
use clap::Parser;

#[derive(Parser)]
struct Args {
    /// How many unit files.
    #[arg(long, default_value_t = 10)]
    units: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The folder to write them to (created if missing).
    #[arg(long)]
    out: PathBuf,
    /// Write JSON instead of YAML.
    #[arg(long)]
    json: bool,
}

const FIELDS: [&str; 5] = ["production", "trafficking", "use_venues", "legal_control", "addicts"];
const SEVERITY: [&str; 4] = ["less_serious", "serious", "very_serious", "especially_serious"];
const FAMILY: [&str; 12] = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"];
const GIVEN: [&str; 12] = ["An", "Bình", "Chi", "Dũng", "Giang", "Hải", "Khoa", "Lan", "Minh", "Nga", "Phúc", "Quân"];

struct Gen {
    rng: fastrand::Rng,
    start: NaiveDate,
}

impl Gen {
    /// `avg` varied by ±50%.
    fn count(&mut self, avg: usize) -> usize {
        let low = avg / 2;
        let high = avg + avg / 2;
        self.rng.usize(low.max(1)..=high.max(1))
    }

    /// A day of the plan year (plus `before` days earlier).
    fn day(&mut self, before: i64) -> NaiveDate {
        self.start + Duration::days(self.rng.i64(-before..364))
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.rng.usize(..items.len())]
    }

    fn chance(&mut self, percent: u32) -> bool {
        self.rng.u32(0..100) < percent
    }
}

fn unit(g: &mut Gen, n: usize, json: bool) -> String {
    let mut y = String::new();
    let start = g.start;
    let _ = writeln!(y, "unit: {{ id: CAH-{n:04}, name: Công an huyện số {n}, province: Tỉnh thử }}");
    let _ = writeln!(y, "period: {{ start: {start}, end: {} }}", start + Duration::days(364));
    let _ = writeln!(y, "baseline: {{ subjects_opened: {} }}", g.rng.usize(5..40));
    let _ = writeln!(y, "quotas:\n  subjects: {{ count: {}, deadline: 2024-06-30 }}", g.rng.usize(5..30));
    let _ = writeln!(y, "  operations: {{ count: {}, deadline: 2024-06-30, crack_by: 2024-09-30 }}", g.rng.usize(1..5));

    let officers = g.count(12).max(3);
    y.push_str("officers:\n");
    for i in 0..officers {
        let role = match i {
            0 => "leader",
            1 | 2 => "commander",
            _ if g.chance(20) => "investigator",
            _ => "officer",
        };
        let name = format!("{} {}", g.pick(&FAMILY), g.pick(&GIVEN));
        let _ = writeln!(y, "  - {{ id: CB{i:02}, name: {name}, role: {role} }}");
    }
    let officer = |g: &mut Gen| format!("CB{:02}", g.rng.usize(..officers));

    let communes = g.count(15);
    y.push_str("communes:\n");
    for i in 0..communes {
        let _ = writeln!(y, "  - {{ id: X{i:02}, name: Xã {i} }}");
    }
    let areas = g.count(25);
    y.push_str("key_areas:\n");
    for i in 0..areas {
        let kind = if i % 7 == 0 { "online_group" } else { "area" };
        let _ = writeln!(y, "  - {{ id: KV{i:02}, name: Địa bàn {i}, kind: {kind}, cyber: {} }}", i % 7 == 0);
    }
    let surveys = g.count(10).max(5);
    y.push_str("surveys:\n");
    for i in 0..surveys {
        let field = FIELDS[i % 5];
        let covers: Vec<String> = (0..3).map(|_| format!("KV{:02}", g.rng.usize(..areas))).collect();
        let _ = writeln!(
            y,
            "  - id: DT{i:02}\n    field: {field}\n    covers: [{}]\n    cyber: {}\n    manager: {}\n    opened: 2022-0{}-01\n    reports:",
            covers.join(", "),
            i == 5,
            officer(g),
            1 + i % 9
        );
        for _ in 0..g.count(3) {
            let date = g.day(0);
            let _ = writeln!(
                y,
                "      - {{ date: {date}, has_evidence: {}, assessment: true, proposals: true }}",
                g.chance(95)
            );
        }
    }
    y.push_str("hotspots:\n");
    for i in 0..g.count(6) {
        let found = g.day(200);
        let gone = if g.chance(60) {
            format!(", eliminated: {}", found + Duration::days(g.rng.i64(10..150)))
        } else {
            String::new()
        };
        let _ = writeln!(y, "  - {{ id: TD{i:02}, name: Tụ điểm {i}, cyber: {}, found: {found}{gone} }}", i == 0);
    }
    y.push_str("missed_detections:\n");
    for i in 0..g.rng.usize(0..3) {
        let _ = writeln!(y, "  - {{ id: PH{i}, date: {}, key_area: KV00, found_by: Phòng PC04 }}", g.day(30));
    }

    let informants = g.count(25).max(2);
    y.push_str("informants:\n");
    for i in 0..informants {
        let kind = ["agent", "agent", "secret_base", "honorary"][i % 4];
        let rating = if kind != "honorary" && g.chance(80) {
            format!(", rating: {}", g.pick(&["good", "good", "fair", "fair", "average", "weak"]))
        } else {
            String::new()
        };
        let ended = if g.chance(10) { format!(", ended: {}", g.day(0)) } else { String::new() };
        let _ = writeln!(
            y,
            "  - {{ id: MD{i:03}, kind: {kind}, handler: {}, recruited: 2022-05-0{}{ended}{rating} }}",
            officer(g),
            1 + i % 9
        );
    }
    y.push_str("personas:\n");
    for i in 0..g.count(12) {
        let _ = writeln!(
            y,
            "  - {{ id: VA{i:02}, handler: {}, platform: Zalo, created: 2023-0{}-10 }}",
            officer(g),
            1 + i % 9
        );
    }

    let subjects = g.count(200).max(2);
    y.push_str("subjects:\n");
    for i in 0..subjects {
        let category = if g.chance(60) { "B" } else { "A" };
        let list = g.pick(&["I", "II", "III", "III", "IV"]);
        let opened = if g.chance(25) { g.day(0) } else { g.start - Duration::days(g.rng.i64(30..900)) };
        let informant =
            if category == "B" && g.chance(97) { format!("[MD{:03}]", g.rng.usize(..informants)) } else { "[]".into() };
        let origin = if g.chance(50) {
            format!("\n    origin: {{ kind: survey, ref: DT{:02} }}", g.rng.usize(..surveys))
        } else {
            String::new()
        };
        let _ = write!(
            y,
            "  - id: ST{i:04}\n    category: {category}\n    list: {list}\n    cyber: {}\n    officer: {}\n    informants: {informant}{origin}\n    opened: {opened}\n",
            g.chance(2),
            officer(g)
        );
        if g.chance(15) {
            let closed = (opened + Duration::days(g.rng.i64(30..400))).min(start + Duration::days(364));
            let reason = g.pick(&[
                "developed",
                "developed",
                "developed",
                "developed",
                "developed",
                "developed",
                "developed",
                "developed",
                "died",
                "inactive",
            ]);
            let _ = writeln!(y, "    closed: {closed}\n    close_reason: {reason}");
        }
    }
    let suspicions = g.count(25);
    y.push_str("suspicions:\n");
    for i in 0..suspicions {
        let opened = g.day(60);
        let origin = if g.chance(93) {
            format!("{{ kind: subject, ref: ST{:04} }}", g.rng.usize(..subjects))
        } else {
            "{ kind: denunciation }".into()
        };
        let _ = write!(
            y,
            "  - {{ id: HN{i:03}, origin: {origin}, cyber: {}, officer: {}, opened: {opened}",
            g.chance(5),
            officer(g)
        );
        if g.chance(50) {
            let outcome =
                g.pick(&["operation", "prosecuted", "grounds_for_prosecution", "operation", "prosecuted", "dropped"]);
            let _ = write!(y, ", closed: {}, outcome: {outcome}", opened + Duration::days(g.rng.i64(20..60)));
        }
        y.push_str(" }\n");
    }
    let operations = g.count(8);
    y.push_str("operations:\n");
    for i in 0..operations {
        let opened = g.day(60);
        let origin = if g.chance(92) {
            format!("{{ kind: suspicion, ref: HN{:03}, }}", g.rng.usize(..suspicions.max(1)))
        } else {
            "{ kind: denunciation }".into()
        };
        let origin = if suspicions == 0 { "{ kind: other }".to_string() } else { origin.replace(", }", " }") };
        let _ = write!(
            y,
            "  - {{ id: CA{i:02}, origin: {origin}, cyber: {}, severity: {}, covert_means: [agent], opened: {opened}",
            g.chance(15),
            g.pick(&SEVERITY)
        );
        if g.chance(60) {
            let outcome = g.pick(&["prosecuted", "prosecuted", "grounds_for_prosecution", "prosecuted", "suspended"]);
            let _ = write!(y, ", cracked: {}, outcome: {outcome}", opened + Duration::days(g.rng.i64(30..120)));
        }
        y.push_str(" }\n");
    }
    y.push_str("arrests:\n");
    for i in 0..g.count(120) {
        let prior = g.pick(&["subject", "subject", "subject", "subject", "suspicion", "operation", "none"]);
        let reference = match prior {
            "subject" => format!(", prior_ref: ST{:04}", g.rng.usize(..subjects)),
            _ => String::new(),
        };
        let _ = writeln!(
            y,
            "  - {{ id: BT{i:04}, date: {}, prosecuted: {}, prior: {prior}{reference}, in_ring: {}, severity: {} }}",
            g.day(0),
            g.chance(80),
            g.chance(3),
            g.pick(&SEVERITY)
        );
    }
    y.push_str("cases:\n");
    for i in 0..g.count(150) {
        let _ = writeln!(
            y,
            "  - {{ id: VA{i:04}, date: {}, severity: {}, solved: {} }}",
            g.day(0),
            g.pick(&SEVERITY),
            g.chance(93)
        );
    }
    y.push_str("inspections:\n");
    for i in 0..g.count(45) {
        let _ = writeln!(
            y,
            "  - {{ id: KT{i:03}, date: {}, commune: X{:02}, by: {}, record: BB-{i} }}",
            g.day(0),
            g.rng.usize(..communes),
            officer(g)
        );
    }
    y.push_str("file_reviews:\n");
    for _ in 0..g.count(36) {
        let _ =
            writeln!(y, "  - {{ date: {}, reviewer: CB0{}, reviewed: [{}] }}", g.day(0), g.rng.usize(1..3), officer(g));
    }
    y.push_str("reports:\n");
    for _ in 0..g.count(70) {
        let day = g.day(0);
        let kind = g.pick(&[
            "monthly_statistics",
            "weekly_self_inspection",
            "weekly_self_inspection",
            "monthly_self_inspection",
        ]);
        let covers = if kind.starts_with("weekly") {
            let w = chrono::Datelike::iso_week(&day);
            format!("{}-W{:02}", w.year(), w.week())
        } else {
            day.format("%Y-%m").to_string()
        };
        let _ = writeln!(y, "  - {{ kind: {kind}, covers: '{covers}', submitted: {day}T{:02}:30 }}", g.rng.u32(7..17));
    }
    y.push_str("trainings:\n");
    for i in 0..g.count(4) {
        let kind = if i % 2 == 0 { "course" } else { "seminar" };
        let attendees: Vec<String> = (0..officers).filter(|_| g.chance(85)).map(|o| format!("CB{o:02}")).collect();
        let _ =
            writeln!(y, "  - {{ id: TH{i}, kind: {kind}, date: {}, attendees: [{}] }}", g.day(0), attendees.join(", "));
    }
    if json { to_json(&y) } else { y }
}

/// The same unit as JSON, through the YAML parser's generic value.
fn to_json(yaml: &str) -> String {
    let value: serde_json::Value = serde_saphyr::from_str(yaml).expect("the generated YAML parses");
    serde_json::to_string(&value).expect("JSON serialises")
}

fn main() -> std::io::Result<()> {
    let args = Args::parse();
    std::fs::create_dir_all(&args.out)?;
    let mut g =
        Gen { rng: fastrand::Rng::with_seed(args.seed), start: NaiveDate::from_ymd_opt(2023, 10, 15).expect("a date") };
    let ext = if args.json { "json" } else { "yaml" };
    let mut bytes = 0;
    for n in 0..args.units {
        let text = unit(&mut g, n, args.json);
        bytes += text.len();
        std::fs::write(args.out.join(format!("unit-{n:04}.{ext}")), text)?;
    }
    eprintln!("wrote {} units ({} MB) to {}", args.units, bytes / 1_000_000, args.out.display());
    Ok(())
}
