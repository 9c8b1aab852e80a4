//! List helpers rules use in place of a closure per item: `without`.

mod common;

use common::{run_in, with_rule, z1};

#[test]
fn without_keeps_the_items_not_in_the_other_list_in_order() {
    let dir = with_rule(
        r#"let left = without(["ma_tuy", "kinh_te", "hinh_su", "kinh_te", 3, true], ["kinh_te", 3.0, false]);
let none = without([], ["a"]);
require("left", left.len(), "==", 0, #{ notes: [`${left}`, `${none}`] });
"#,
    );
    let req = z1(&dir);
    assert_eq!(req["measured"], 3.0);
    assert_eq!(req["status"], "fail");
    assert_eq!(req["notes"][0], r#"["ma_tuy", "hinh_su", true]"#);
    assert_eq!(req["notes"][1], "[]");
}

#[test]
fn without_refuses_items_it_cannot_compare() {
    let dir = with_rule("let left = without([#{ a: 1 }], [1]);\nrequire(\"left\", left.len(), \"==\", 0);\n");
    let out = run_in(&dir, &["lint"]);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("without() compares texts, numbers and true/false, not map"), "{}", out.stderr);
    assert!(out.stderr.contains("Z1-extra.rhai:6:"), "{}", out.stderr);
}
