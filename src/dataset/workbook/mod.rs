//! Workbooks as unit files: the reader (`read`: .xlsx, .xlsm and .ods into
//! the same `Dataset` a YAML file gives, every record at its sheet and row),
//! the writer (`write`: the template, and a unit exported in its layout) and
//! the words both use (`labels`). Nothing past `dataset/` knows a unit came
//! from a workbook but by the places its diagnostics and evidence name.

pub mod annotate;
mod hidden;
mod in_place;
pub mod labels;
pub mod read;
pub mod write;
pub mod yaml;

pub use read::{is_workbook, parse};
