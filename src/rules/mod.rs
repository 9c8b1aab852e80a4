//! Rule files: discovery and metadata (`pack`, `meta`), directive overlays
//! (`directive`), waivers (`waiver`), the sandboxed Rhai
//! engine (`sandbox`), the API given to rules (`api`), and evaluation of a
//! rule pack over one unit (`evaluate`).

pub mod api;
pub mod directive;
pub mod evaluate;
pub mod kind;
pub mod meta;
pub mod pack;
pub mod plan;
pub mod sandbox;
pub mod waiver;
pub mod year;

pub use evaluate::Evaluator;
pub use pack::{Rule, RulePack};
