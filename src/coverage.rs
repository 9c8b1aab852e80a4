//! Coverage of rule tests (`chitieu test --coverage`): which lines of each
//! rule the cases ran, and whether the cases saw each requirement call both
//! pass and fall short. Lines are those of the rule's statements in its
//! compiled AST; a Rhai debugger hook, registered only for such a run,
//! records each statement as it is evaluated.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use rhai::{AST, ASTNode, Expr, Stmt};
use serde::Serialize;

use crate::outcome::{Status, UnitOutcome};

/// The functions that record a requirement which can pass or fall short
/// (`not_applicable` can do neither; its line counts as a line).
const REQUIREMENT_CALLS: &[&str] = &["require", "require_share", "require_count", "require_none", "require_ratio"];

/// Lines run, by rule id; shared with the debugger hook.
pub type Executed = Rc<RefCell<BTreeMap<String, BTreeSet<usize>>>>;

/// Registers the hook that records the line of each statement and
/// expression evaluated under the running rule's id (each rule's AST
/// carries its id as source).
pub fn instrument(engine: &mut rhai::Engine) -> Executed {
    let executed: Executed = Rc::default();
    let seen = executed.clone();
    #[allow(deprecated)] // Rhai marks its debugger interface volatile, not deprecated.
    engine.register_debugger(
        |_, debugger| debugger,
        move |_, _, _node, source, pos| {
            // Statements, and expressions too: Rhai reports an expression
            // statement (a block's value, `ok` at the end of a closure) only
            // as its expression. A line counts as run when something on it ran.
            if let (Some(source), Some(line)) = (source, pos.line()) {
                seen.borrow_mut().entry(source.to_string()).or_default().insert(line);
            }
            Ok(rhai::debugger::DebuggerCommand::StepInto)
        },
    );
    executed
}

/// What a rule's compiled AST can run: its statements' lines, and the lines
/// of its requirement calls.
pub fn lines_of(ast: &AST) -> (BTreeSet<usize>, BTreeSet<usize>) {
    let mut statements = BTreeSet::new();
    let mut requirements = BTreeSet::new();
    ast.walk(&mut |path: &[ASTNode]| {
        // A call is a statement of its own or part of an expression.
        let call = match path.last() {
            Some(ASTNode::Stmt(stmt)) => {
                if let Some(line) = stmt.position().line() {
                    statements.insert(line);
                }
                match stmt {
                    Stmt::FnCall(call, pos) => Some((call, pos)),
                    _ => None,
                }
            }
            Some(ASTNode::Expr(Expr::FnCall(call, pos))) => Some((call, pos)),
            _ => None,
        };
        if let Some((call, pos)) = call
            && REQUIREMENT_CALLS.contains(&call.name.as_str())
            && let Some(line) = pos.line()
        {
            requirements.insert(line);
        }
        true
    });
    (statements, requirements)
}

/// One rule's coverage.
#[derive(Debug, Serialize)]
pub struct RuleCoverage {
    pub id: String,
    pub file: String,
    /// Lines with a statement.
    pub lines: usize,
    pub covered: usize,
    /// Lines with a statement no case ran.
    pub missed: Vec<usize>,
    pub requirements: Vec<RequirementCoverage>,
}

/// One requirement call: whether some case saw it pass, and fall short.
#[derive(Debug, Serialize)]
pub struct RequirementCoverage {
    pub line: usize,
    pub passed: bool,
    /// Seen failing, or pending (short before its deadline).
    pub fell_short: bool,
}

#[derive(Debug, Serialize)]
pub struct Coverage {
    pub rules: Vec<RuleCoverage>,
    pub lines: usize,
    pub covered: usize,
    /// Share of lines run, 0–100.
    pub percent: f64,
    pub requirements: usize,
    /// Requirement calls seen both passing and falling short.
    pub both_outcomes: usize,
}

/// What each requirement call of each rule did in the cases' outcomes:
/// (rule id, line) → (passed, fell short).
#[derive(Debug, Default)]
pub struct Outcomes(BTreeMap<(String, usize), (bool, bool)>);

impl Outcomes {
    pub fn add(&mut self, unit: &UnitOutcome) {
        for target in &unit.targets {
            for r in &target.requirements {
                let seen = self.0.entry((target.id.clone(), r.line)).or_default();
                seen.0 |= r.status == Status::Pass;
                seen.1 |= matches!(r.status, Status::Fail | Status::Pending);
            }
        }
    }
}

/// A compiled rule's lines (`lines_of`).
pub struct RuleLines<'a> {
    pub id: &'a str,
    pub file: &'a str,
    pub statements: BTreeSet<usize>,
    pub calls: BTreeSet<usize>,
}

/// Coverage of every rule, from the lines each ran and what its
/// requirements did.
pub fn measure<'a>(
    rules: impl IntoIterator<Item = RuleLines<'a>>,
    executed: &BTreeMap<String, BTreeSet<usize>>,
    outcomes: &Outcomes,
) -> Coverage {
    let none = BTreeSet::new();
    let rules: Vec<RuleCoverage> = rules
        .into_iter()
        .map(|RuleLines { id, file, statements, calls }| {
            let ran = executed.get(id).unwrap_or(&none);
            let missed: Vec<usize> = statements.difference(ran).copied().collect();
            let requirements = calls
                .iter()
                .map(|&line| {
                    let (passed, fell_short) = outcomes.0.get(&(id.to_string(), line)).copied().unwrap_or_default();
                    RequirementCoverage { line, passed, fell_short }
                })
                .collect();
            RuleCoverage {
                covered: statements.len() - missed.len(),
                lines: statements.len(),
                missed,
                id: id.to_string(),
                file: file.to_string(),
                requirements,
            }
        })
        .collect();
    let lines = rules.iter().map(|r| r.lines).sum::<usize>();
    let covered = rules.iter().map(|r| r.covered).sum::<usize>();
    let requirements = rules.iter().map(|r| r.requirements.len()).sum();
    let both_outcomes = rules.iter().flat_map(|r| &r.requirements).filter(|q| q.passed && q.fell_short).count();
    let percent = if lines == 0 { 100.0 } else { covered as f64 * 100.0 / lines as f64 };
    Coverage { rules, lines, covered, percent, requirements, both_outcomes }
}
