#!/usr/bin/env bash
# The benchmark of docs/performance.md: generates the workload, runs every
# figure as whole processes (median of several runs) and prints a table.
# Usage: scripts/bench.sh [RUNS]   (default 3 runs per large figure)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
work=${BENCH_DIR:-target/bench}

cargo build --release --quiet --bin chitieu --example gen-data
bin=target/release/chitieu
gen=target/release/examples/gen-data
for n in 100 300 700; do
  [ -d "$work/u$n" ] || "$gen" --units "$n" --seed 1 --out "$work/u$n"
done

# Median wall time in seconds of a command run $1 times.
median_time() {
  local n=$1; shift
  for _ in $(seq "$n"); do
    local s e
    s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N)
    echo "$(( (e - s) / 1000 ))"
  done | sort -n | awk '{a[NR]=$1} END {printf "%.3f\n", a[int((NR+1)/2)]/1e6}'
}

# Peak resident memory in KB of one run.
peak_kb() {
  { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null || true; } | tail -n 1
}

# Every figure but W1 is measured without the parsed-unit cache.
l1=$(median_time 11 "$bin" check --no-cache)
# lint also runs the rules over the pack's own test datasets (a fixed cost);
# the parse floor is measured with a copy of the pack without them.
rm -rf "$work/rules-parse" && cp -r rules "$work/rules-parse" && rm -rf "$work/rules-parse/tests"
t1=$(median_time "$runs" "$bin" lint --rules "$work/rules-parse" --data "$work/u700" --no-cache)
t2=$(median_time "$runs" "$bin" check --data "$work/u700" --format json --no-cache)
t2j1=$(median_time "$runs" "$bin" check --data "$work/u700" --format json --jobs 1 --no-cache)
t2j2=$(median_time "$runs" "$bin" check --data "$work/u700" --format json --jobs 2 --no-cache)
m700=$(peak_kb "$bin" check --data "$work/u700" --format json --no-cache)
m100=$(peak_kb "$bin" check --data "$work/u100" --format json --no-cache)

# W1, W2: the parsed-unit cache over 300 units, cold (emptied first) and warm.
export CHITIEU_CACHE_DIR="$work/cache"
cold() { rm -rf "$CHITIEU_CACHE_DIR"; "$bin" check --data "$work/u300" --format json --cache; }
w_cold=$(median_time "$runs" cold)
cold >"$work/cold.json" 2>/dev/null || true
w_warm=$(median_time "$runs" "$bin" check --data "$work/u300" --format json --cache)
"$bin" check --data "$work/u300" --format json --cache >"$work/warm.json" 2>/dev/null || true
"$bin" check --data "$work/u300" --format json --no-cache >"$work/uncached.json" 2>/dev/null || true
if cmp -s "$work/cold.json" "$work/warm.json" && cmp -s "$work/cold.json" "$work/uncached.json"; then
  w2=byte-identical
else
  w2=DIFFERENT
fi
# E1: evaluation per unit, check minus the parse floor, one thread.
e_check=$(median_time "$runs" "$bin" check --data "$work/u300" --format json --jobs 1 --no-cache)
e_lint=$(median_time "$runs" "$bin" lint --rules "$work/rules-parse" --data "$work/u300" --jobs 1 --no-cache)
mb=$(du -sm "$work/u700" | cut -f1)
# E1 in instructions (steady where wall clock is not): callgrind over 10 units.
e1i="(valgrind not installed)"
if command -v valgrind >/dev/null; then
  [ -d "$work/u10" ] || "$gen" --units 10 --seed 1 --out "$work/u10"
  # (check exits 1 when a target fails: the count is what matters here)
  instructions() {
    { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null || true; } |
      awk '/Collected/ {print $4}'
  }
  i_check=$(instructions "$bin" check --data "$work/u10" --format json --jobs 1 --no-cache)
  i_lint=$(instructions "$bin" lint --rules "$work/rules-parse" --data "$work/u10" --jobs 1 --no-cache)
  e1i="$(awk -v a="$i_check" -v b="$i_lint" 'BEGIN {printf "%.2f", (a - b) / 10 / 1e6}') M instructions"
fi

# X1: the same 300 units as workbooks (made by export), loaded by lint.
if [ ! -d "$work/u300x" ]; then
  mkdir -p "$work/u300x"
  for f in "$work"/u300/*.yaml; do
    "$bin" export "$f" --output "$work/u300x/$(basename "$f" .yaml).xlsx" >/dev/null
  done
fi
x_yaml=$(median_time "$runs" "$bin" lint --rules "$work/rules-parse" --data "$work/u300" --no-cache)
x_book=$(median_time "$runs" "$bin" lint --rules "$work/rules-parse" --data "$work/u300x" --no-cache)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
cat <<TABLE
workload: 700 units, ${mb} MB of YAML ($(nproc) cores)
| figure | value | target |
|---|---|---|
| L1 latency (check on the sample) | ${l1} s | well under 0.1 s |
| T1 parse floor (lint, 700 units) | ${t1} s | |
| T2 full run (check --format json, 700 units) | ${t2} s | |
| R1 evaluation overhead T2/T1 | $(ratio "$t2" "$t1") | <= 1.25 |
| R2 parallel speedup jobs1/jobs2 | $(ratio "$t2j1" "$t2j2") (${t2j1} s / ${t2j2} s) | >= 1.8 |
| M1 memory growth RSS700/RSS100 | $(ratio "$m700" "$m100") (${m700} KB / ${m100} KB) | <= 1.2 |
| W1 warm/cold check, 300 units | $(ratio "$w_warm" "$w_cold") (${w_warm} s / ${w_cold} s) | <= 0.35 |
| W2 cold, warm, --no-cache outputs | ${w2} | byte-identical |
| E1 evaluation per unit (check - lint, jobs 1, 300 units) | $(awk -v a="$e_check" -v b="$e_lint" 'BEGIN {printf "%.2f", (a - b) * 1000 / 300}') ms | |
| X1 load as workbooks / as YAML (lint, 300 units) | $(ratio "$x_book" "$x_yaml") (${x_book} s / ${x_yaml} s) | |
| E1 in instructions (check - lint, 10 units, callgrind) | ${e1i} | 5.78 M (half of 11.55 M) |
TABLE
