#!/usr/bin/env bash
# Regenerates the pictures in docs/images/: the figures drawn by analysis/
# and the screenshots of the viewer and the report (headless Chromium, as
# in the browser tests).  Needs a build in build/ (scripts/run.sh makes it)
# and the browser-test packages (scripts/install-deps.sh installs them).
#   scripts/doc-images.sh
set -euo pipefail
cd "$(dirname "$0")/.."
netgov=build/netgov
img=docs/images
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python=/usr/bin/python3

# Screenshots are stored with a 128-colour palette: a third of the size.
shot() { # page.html out.png [screenshot.mjs options]
    local page=$1 out=$2
    shift 2
    node tests/browser/screenshot.mjs "$page" "$work/shot.png" "$@"
    "$python" -c 'import sys; from PIL import Image
Image.open(sys.argv[1]).convert("RGB").quantize(128).save(sys.argv[2], optimize=True)' \
        "$work/shot.png" "$out"
}

# name preset [--set ...]: a run, its viewer and its report in $work
case_pages() {
    local name=$1 preset=$2
    shift 2
    "$netgov" run --preset "$preset" "$@" --out "$work/$name.json" --quiet
    "$netgov" view "$work/$name.json" --out "$work/$name.view.html" --quiet
    "$netgov" report "$work/$name.json" --out "$work/$name.report.html" --quiet
}

case_pages frc free-rider-collapse
case_pages frc-nao free-rider-collapse --set governance.mode=nao
case_pages data-leak data-leak
shot "$work/frc.view.html" "$img/viewer-free-rider-collapse.png" --tick 33
shot "$work/frc-nao.view.html" "$img/teaching-free-riders-nao.png" --tick 60
shot "$work/data-leak.view.html" "$img/teaching-data-leak.png" --tick 36
shot "$work/frc.report.html" "$img/report-run.png"

"$netgov" compare --preset default --reps 20 --out "$work/compare.json" --quiet
"$netgov" report "$work/compare.json" --out "$work/compare.report.html" --quiet
shot "$work/compare.report.html" "$img/report-compare.png"

# Figures (docs/FIGURES.md), at 100 dpi to keep the repository small.
figures() { "$python" -m analysis "$@" --format png --dpi 100 -o "$work/fig" >/dev/null; }
figures run "$work/frc.json"
cp "$work/fig/run-dashboard.png" "$img/figure-run-free-rider-collapse.png"
"$netgov" sweep configs/experiments/changing-threats.json --out "$work/ct" --quiet
figures sweep "$work/ct"
cp "$work/fig/sweep-cumulative_value-by-mission-adaptation_rate.png" "$img/figure-sweep-changing-threats.png"
"$netgov" sweep configs/experiments/care-safety-house.json --out "$work/csh" --quiet
figures sweep "$work/csh"
cp "$work/fig/sweep-cumulative_value-heatmap-governance-shared-monitoring-governance-shared-sanction.png" "$img/figure-heatmap-care-safety-house.png"
figures compare "$work/compare.json"
cp "$work/fig/compare-overview.png" "$img/figure-compare-default.png"
"$netgov" sensitivity configs/experiments/morris-default.json --out "$work/morris" --quiet
figures sensitivity "$work/morris"
cp "$work/fig/sensitivity-morris-cumulative_value.png" "$img/figure-morris-default.png"
ls -l "$img"
