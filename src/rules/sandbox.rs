//! The Rhai engine rules run in: no file, network or environment access
//! (Rhai has none unless given), no `eval`, imports only from `rules/lib/`,
//! and limits on operations, time, call depth and value sizes.

use std::cell::Cell;
use std::rc::Rc;
use std::time::{Duration, Instant};

use rhai::module_resolvers::StaticModuleResolver;
use rhai::{AST, Caches, Dynamic, Engine, EvalAltResult, Module, OptimizationLevel, Scope};

use super::api;
use super::api::require::SharedRecorder;
use super::pack::RulePack;
use crate::diagnostic::Diagnostic;

/// Limits one rule run may not pass. Documented in the README.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_operations: u64,
    pub max_time: Duration,
    pub max_call_levels: usize,
    pub max_expr_depth: usize,
    pub max_string_size: usize,
    pub max_array_size: usize,
    pub max_map_size: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_operations: 2_000_000,
            max_time: Duration::from_secs(5),
            max_call_levels: 32,
            max_expr_depth: 64,
            max_string_size: 1 << 20,
            max_array_size: 100_000,
            max_map_size: 10_000,
        }
    }
}

/// When the rule now running must stop, checked as it runs.
pub type Deadline = Rc<Cell<Option<Instant>>>;

pub struct Sandbox {
    pub engine: Engine,
    pub deadline: Deadline,
    pub limits: Limits,
}

impl Sandbox {
    /// An engine with the rule API, the pack's library modules and the limits.
    /// Library modules that fail to compile are returned as diagnostics.
    pub fn new(pack: &RulePack, recorder: &SharedRecorder, limits: Limits) -> (Sandbox, Vec<Diagnostic>) {
        let mut engine = Engine::new();
        engine
            .set_max_operations(limits.max_operations)
            .set_max_call_levels(limits.max_call_levels)
            .set_max_expr_depths(limits.max_expr_depth, limits.max_expr_depth)
            .set_max_string_size(limits.max_string_size)
            .set_max_array_size(limits.max_array_size)
            .set_max_map_size(limits.max_map_size)
            .set_max_modules(16)
            .set_strict_variables(true)
            .set_fail_on_invalid_map_property(true)
            // Not `Simple`: Rhai's optimiser folds a property or string index
            // of a literal or constant map at compile time and reads a key the
            // map lacks as `()` (`#{a: 1}.b`, `const M = #{..}; M.c`), before
            // `fail_on_invalid_map_property` can see it. Unoptimised, each is
            // an error at its line (tests/silent_paths.rs).
            .set_optimization_level(OptimizationLevel::None);
        engine.disable_symbol("eval");
        // A rule's output is its requirements; printing goes nowhere.
        engine.on_print(|_| {});
        engine.on_debug(|_, _, _| {});
        let deadline: Deadline = Rc::default();
        let watch = deadline.clone();
        engine.on_progress(move |ops| {
            if ops % 4096 == 0 && watch.get().is_some_and(|d| Instant::now() > d) {
                Some(Dynamic::from("time limit"))
            } else {
                None
            }
        });
        let param_names: std::collections::BTreeSet<&str> =
            pack.rules.iter().flat_map(|r| r.params.keys().map(String::as_str)).collect();
        api::register(&mut engine, recorder, param_names, pack.model.interned());

        let mut problems = Vec::new();
        let mut resolver = StaticModuleResolver::new();
        for (name, source) in &pack.libs {
            let module =
                engine.compile(&source.text).map_err(|e| super::evaluate::parse_error(source, &e)).and_then(|ast| {
                    Module::eval_ast_as_new(Scope::new(), &ast, &engine)
                        .map_err(|e| super::evaluate::runtime_error(source, &e, &limits))
                });
            match module {
                Ok(module) => resolver.insert(name.clone(), module),
                Err(d) => problems.push(d),
            }
        }
        engine.set_module_resolver(resolver);
        (Sandbox { engine, deadline, limits }, problems)
    }

    /// Runs a compiled rule, as `Engine::run_ast_with_scope` does, but
    /// with a function-resolution cache kept by the caller. Rhai starts each
    /// run with an empty one and resolves every call site afresh (a method
    /// call taking a `Dynamic` tries up to eight signatures); a cache kept for
    /// one rule across units resolves each call site once. The cache is only
    /// valid for the AST it was filled by, on this engine.
    /// Not for an engine with a debugger attached (`test --coverage`): the
    /// plain API also tells the debugger that the run ended.
    #[allow(deprecated)] // `eval_statements_raw`: kept through Rhai 1.x.
    pub fn run(&self, caches: &mut Caches, scope: &mut Scope, ast: &AST) -> Result<(), Box<EvalAltResult>> {
        let mut global = self.engine.new_global_runtime_state();
        global.source = ast.source().map(Into::into);
        global.lib.push(ast.shared_lib().clone());
        global.embedded_module_resolver = ast.resolver().cloned();
        let result = self.engine.eval_statements_raw(&mut global, caches, scope, ast.statements()).map(|_| ());
        if result.is_err() {
            // An error may leave a nested function's cache on the stack.
            *caches = Caches::new();
        }
        result
    }
}
