#!/usr/bin/env bash
# The Windows program, run: builds chitieu.exe with the profile
# scripts/dist.sh ships, runs it under Wine on the sample and on a folder of
# generated units, and holds it to the Linux program. Ends with one line
# `N passed, N failed`; exit 1 when a check failed.
#
# Debian's Wine (8.0) lacks bcryptprimitives.dll, from which Rust's standard
# library takes random numbers (ProcessPrng); scripts/windows-shim builds a
# stand-in for these runs only (release archives never hold it).
#
# Usage: scripts/windows-check.sh [LINUX_BINARY]   (default target/debug/chitieu)
# Needs: wine, Debian's gcc-mingw-w64-x86-64, rustup target x86_64-pc-windows-gnu.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
target=x86_64-pc-windows-gnu
linux=${1:-target/debug/chitieu}
linux=$(realpath "$linux")

CARGO_PROFILE_RELEASE_STRIP=true CARGO_PROFILE_RELEASE_DEBUG=false \
  cargo build --locked --release --quiet --bin chitieu --target "$target" || exit 1
[ -x "$linux" ] || cargo build --locked --quiet --bin chitieu || exit 1
cargo build --locked --quiet --example gen-data || exit 1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin="$work/bin"
mkdir -p "$bin"
cp "target/$target/release/chitieu.exe" "$bin/"
x86_64-w64-mingw32-gcc -O2 -shared -o "$bin/bcryptprimitives.dll" \
  scripts/windows-shim/bcryptprimitives.c scripts/windows-shim/bcryptprimitives.def -lbcrypt || exit 1

export WINEPREFIX="$work/wine" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
unset DISPLAY
wineboot --init >/dev/null 2>&1
wineserver -w 2>/dev/null

# The same project for both programs: the rules, the sample, and CRLF copies.
project="$work/project"
mkdir -p "$project"
cp -r rules data chitieu.yaml "$project/"
mkdir -p "$project/crlf/rules"
cp -r rules/. "$project/crlf/rules/"
cp data/binh-luc-2024.yaml "$project/crlf/unit.yaml"
find "$project/crlf" -type f \( -name '*.rhai' -o -name '*.yaml' \) -exec sed -i 's/\r*$/\r/' {} +
"target/debug/examples/gen-data" --units 12 --seed 7 --out "$project/units" >/dev/null || exit 1

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok     $1"; }
bad() { failed=$((failed + 1)); echo "FAILED $1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | head -20 | sed 's/^/       /'; }

# Runs a program in the project with CI set (no cache) and a fixed
# language; stdout to $out_file, exit code in $code.
win() { (cd "$project" && CI=true CHITIEU_LANG="${LANG_RUN:-vi}" wine "$bin/chitieu.exe" "$@"); }
lin() { (cd "$project" && CI=true CHITIEU_LANG="${LANG_RUN:-vi}" "$linux" "$@"); }

# Each program's JSON for the same arguments, compared byte for byte.
same_json() {
  local what=$1; shift
  win "$@" --format json >"$work/win.json" 2>"$work/win.err"; local wc=$?
  lin "$@" --format json >"$work/lin.json" 2>"$work/lin.err"; local lc=$?
  if [ "$wc" != "$lc" ]; then
    bad "$what: exit $wc on Windows, $lc on Linux" "$(cat "$work/win.err")"
  elif ! cmp -s "$work/win.json" "$work/lin.json"; then
    bad "$what: JSON differs" "$(diff "$work/win.json" "$work/lin.json" | head -20)"
  elif [ ! -s "$work/win.json" ]; then
    bad "$what: no JSON"
  else
    ok "$what: the same JSON as Linux (exit $wc)"
  fi
}

same_json "the sample" check
same_json "a folder of 12 generated units" check --data units
same_json "the sample as of 30/06/2024" check --as-of 2024-06-30
same_json "CRLF rules and data" check --rules crlf/rules --data crlf/unit.yaml

# Exit codes: 0 on target, 1 a target failed, 2 invalid data.
expect_code() {
  local what=$1 want=$2; shift 2
  win "$@" >/dev/null 2>&1; local got=$?
  if [ "$got" = "$want" ]; then ok "$what: exit $got"; else bad "$what: exit $got, not $want"; fi
}
expect_code "targets that pass" 0 check --only 08
expect_code "a target that fails" 1 check --only 07
printf 'unit: { id: X\n' >"$project/broken.yaml"
expect_code "invalid YAML" 2 check --data broken.yaml
expect_code "an unknown command" 2 no-such-command

# Vietnamese in the console: through a terminal (`script` gives Wine a
# console, so the program's own code-page and escape handling run).
if command -v script >/dev/null 2>&1; then
  # Wine's first console in a new prefix can come up empty: one more try.
  for _ in 1 2; do
    (cd "$project" && CI=true script -qec "stty cols 200 rows 60; wine '$bin/chitieu.exe' check --only 07" /dev/null) \
      >"$work/console.txt" 2>&1
    grep -q "Không đạt" "$work/console.txt" && break
  done
  if grep -q "Không đạt" "$work/console.txt" && grep -q "tính đến ngày 13/10/2024" "$work/console.txt" &&
    grep -q "đối tượng sưu tra loại B" "$work/console.txt" && grep -q "╭─" "$work/console.txt" &&
    grep -q $'\x1b\\[31m' "$work/console.txt"; then
    ok "Vietnamese reads intact in the console, with its box lines and colours"
  else
    bad "Vietnamese in the console" "$(head -c 2000 "$work/console.txt")"
  fi
else
  bad "Vietnamese in the console: no \`script\` to give Wine a terminal"
fi
# And through a pipe, as CI logs read it.
win check --only 07 >"$work/pipe.txt" 2>&1
if grep -q "Không đạt" "$work/pipe.txt" && ! grep -q $'\x1b\\[' "$work/pipe.txt"; then
  ok "Vietnamese intact through a pipe, no colour codes"
else
  bad "Vietnamese through a pipe" "$(head -c 1500 "$work/pipe.txt")"
fi

# Paths read with `/` even when given with `\`.
win check --data 'data\binh-luc-2024.yaml' --format json >"$work/slash.json" 2>/dev/null
if grep -q '"file": "data/binh-luc-2024.yaml"' "$work/slash.json" && ! grep -q '\\\\' "$work/slash.json"; then
  ok "paths given with \\ are written with /"
else
  bad "paths with /" "$(grep -n '"file"' "$work/slash.json" | head -5)"
fi
LANG_RUN=en win check --data broken.yaml >"$work/broken.txt" 2>&1
if grep -q "broken.yaml:1:" "$work/broken.txt" || grep -q "\[broken.yaml:" "$work/broken.txt"; then
  ok "a YAML error points at its file and line"
else
  bad "a YAML error's location" "$(head -c 1500 "$work/broken.txt")"
fi

# report writes its page.
rm -f "$project/page.html"
win report --output page.html >/dev/null 2>&1
if [ -s "$project/page.html" ] && grep -q "<html" "$project/page.html" && grep -q "CAH-BINHLUC" "$project/page.html"; then
  ok "report writes its page"
else
  bad "report writes its page"
fi
win report --data units --output units.html >/dev/null 2>&1
lin report --data units --output units-linux.html >/dev/null 2>&1
if [ -s "$project/units.html" ] && cmp -s "$project/units.html" "$project/units-linux.html"; then
  ok "report on a folder: the same page as Linux"
else
  bad "report on a folder" "$(diff <(head -c 3000 "$project/units.html") <(head -c 3000 "$project/units-linux.html") | head)"
fi

# The Word report: the same document as Linux's, byte for byte.
win report --output report.docx >/dev/null 2>&1
lin report --output report-linux.docx >/dev/null 2>&1
if [ -s "$project/report.docx" ] && cmp -s "$project/report.docx" "$project/report-linux.docx"; then
  ok "report --output FILE.docx: the same document as Linux"
else
  bad "report --output FILE.docx" "$(ls -l "$project"/report*.docx 2>&1)"
fi

# The rule pack's own tests pass on Windows too.
win test >"$work/test.txt" 2>&1; wc=$?
lin test >"$work/test-linux.txt" 2>&1
if [ "$wc" = 0 ] && cmp -s "$work/test.txt" "$work/test-linux.txt"; then
  ok "the pack's rule tests pass, as on Linux ($(tail -1 "$work/test.txt"))"
else
  bad "the pack's rule tests (exit $wc)" "$(diff "$work/test.txt" "$work/test-linux.txt" | head)"
fi

wineserver -k 2>/dev/null
echo "windows: $passed passed, $failed failed"
[ "$failed" = 0 ]
