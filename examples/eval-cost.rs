//! Measures evaluation alone (E1 in docs/performance.md): loads the unit
//! files once, then evaluates every rule over each of them, as of its date,
//! `--rounds` times on one thread. Prints milliseconds per unit and the rules
//! that cost most.
//! `cargo run --release --example eval-cost -- --data DIR [--rules rules] [--rounds 5]`

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chitieu::Options;
use chitieu::rules::{Evaluator, RulePack};
use clap::Parser;

#[derive(Parser)]
struct Args {
    #[arg(long)]
    data: PathBuf,
    #[arg(long, default_value = "rules")]
    rules: PathBuf,
    #[arg(long, default_value_t = 5)]
    rounds: usize,
}

fn main() {
    let args = Args::parse();
    let pack = RulePack::load(&args.rules);
    let options = Options::default();
    let files = chitieu::data_files(&args.data).expect("a data folder");
    let units: Vec<_> = files.iter().filter_map(|f| options.load(f, &pack.model).ok().map(Arc::new)).collect();
    let evaluator = Evaluator::new(&pack, options.rule_limits);
    let mut digest = 0usize;
    let start = Instant::now();
    for _ in 0..args.rounds {
        for unit in &units {
            let outcome = evaluator.evaluate(unit.clone(), chitieu::as_of(&options, unit), None);
            digest += outcome.targets.iter().map(|t| t.status as usize).sum::<usize>();
        }
    }
    let total = start.elapsed();
    let evaluations = (args.rounds * units.len()) as f64;
    println!(
        "{} units x {} rounds: {:.3} ms per unit (status digest {digest})",
        units.len(),
        args.rounds,
        total.as_secs_f64() * 1e3 / evaluations
    );
    // Each rule alone, for where the time goes (includes each call's set-up).
    let mut per_rule = vec![Duration::ZERO; pack.rules.len()];
    for _ in 0..args.rounds {
        for unit in &units {
            let as_of = chitieu::as_of(&options, unit);
            for (i, rule) in pack.rules.iter().enumerate() {
                let only = [rule.id.clone()];
                let t = Instant::now();
                let outcome = evaluator.evaluate(unit.clone(), as_of, Some(&only));
                per_rule[i] += t.elapsed();
                std::hint::black_box(outcome);
            }
        }
    }
    let mut order: Vec<_> = (0..pack.rules.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(per_rule[i]));
    for i in order {
        println!("  {:>6} {:>8.1} µs", pack.rules[i].id, per_rule[i].as_secs_f64() * 1e6 / evaluations);
    }
}
