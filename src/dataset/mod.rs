//! The dataset: a unit's records as the pack's model declares them, the
//! model-driven loader with source spans, the checks run before any rule,
//! and the plan's calendar.

pub mod cache;
pub mod calendar;
pub mod field;
pub mod load;
pub mod problem;
pub mod record;
pub mod seed;
pub mod validate;
pub mod workbook;

pub use cache::Cache;
pub use load::{Limits, UnitFile, load, load_with, parse, personal_names, personal_names_in_file};
pub use record::Dataset;
