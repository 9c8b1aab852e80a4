//! The dataset: the YAML contract as types, its loader with source spans, the
//! checks run before any rule, and the plan's calendar.

pub mod cache;
pub mod calendar;
pub mod field;
pub mod load;
pub mod model;
pub mod validate;
pub mod workbook;

pub use cache::Cache;
pub use load::{Limits, UnitFile, load, load_with, parse, personal_names, personal_names_in_file};
pub use model::Dataset;

/// The JSON Schema of a unit file (`chitieu schema`). Kept in step with the
/// model by a test that checks every field of every record appears in it.
pub const SCHEMA: &str = include_str!("../../schema/dataset.schema.json");
