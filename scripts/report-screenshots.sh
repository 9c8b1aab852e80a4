#!/usr/bin/env bash
# Regenerates the README's pictures of `chitieu report`: a province's view
# (the sample with eleven generated units) and the sample alone, four of
# its targets with why they failed and their month-by-month charts.
# And the first page of the sample's Word report as LibreOffice prints it.
# Needs Chromium (Debian's `chromium`, or CHROMIUM=/path/to/chrome),
# LibreOffice (libreoffice-writer-nogui) and pdftoppm (poppler-utils).
# Usage: scripts/report-screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
browser=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome)}
work=target/screenshots
rm -rf "$work"
mkdir -p "$work/units"

cargo build --release --quiet --bin chitieu --example gen-data
target/release/examples/gen-data --units 11 --seed 7 --out "$work/units" >/dev/null
cp data/binh-luc-2024.yaml "$work/units/"
target/release/chitieu report --lang vi --data "$work/units" --output "$work/province.html" || true
target/release/chitieu report --lang vi --only 07,09,17,D6 --output "$work/unit.html" || true

shot() { # page, fragment, size, png
  "$browser" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$work/profile" \
    --virtual-time-budget=5000 --window-size="$3" --screenshot="$4" "file://$PWD/$1$2" >/dev/null 2>&1
}
shot "$work/province.html" "" 1100,900 docs/report-province.png
shot "$work/unit.html" "" 1100,1500 docs/report-unit.png
target/release/chitieu report --lang vi --output "$work/bao-cao.docx"
soffice -env:UserInstallation="file://$PWD/$work/lo-profile" --headless --norestore \
  --convert-to pdf --outdir "$work" "$work/bao-cao.docx" >/dev/null
pdftoppm -r 80 -png -f 1 -l 1 -singlefile "$work/bao-cao.pdf" docs/report-docx
ls -l docs/report-province.png docs/report-unit.png docs/report-docx.png
