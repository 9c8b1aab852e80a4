//! `chitieu schema`: the JSON Schema of a kind of file. A unit file's is
//! made from the rule pack's data model, so it names the records that pack
//! reads; the others are fixed.

use crate::cli::{SchemaArgs, SchemaKind};

pub fn run(args: SchemaArgs) -> u8 {
    let text = match args.kind {
        SchemaKind::Unit => {
            // Not the schema of records the loader would refuse.
            match chitieu::model::of_pack(args.rules.as_deref()) {
                Ok(model) => chitieu::model::schema::unit(&model),
                Err(problems) => {
                    super::show(&problems);
                    return 2;
                }
            }
        }
        SchemaKind::Overlay => chitieu::rules::directive::SCHEMA.to_string(),
        SchemaKind::Waiver => chitieu::rules::waiver::SCHEMA.to_string(),
        SchemaKind::Settings => chitieu::settings::SCHEMA.to_string(),
        SchemaKind::RuleHeader => chitieu::rules::meta::SCHEMA.to_string(),
        SchemaKind::RuleTests => chitieu::ruletest::SCHEMA.to_string(),
        SchemaKind::Plan => chitieu::rules::plan::SCHEMA.to_string(),
        SchemaKind::Model => chitieu::model::SCHEMA.to_string(),
    };
    print!("{text}");
    0
}
