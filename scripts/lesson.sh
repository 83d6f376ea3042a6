#!/usr/bin/env bash
# Prepares the pages of the 45-minute lesson of docs/TEACHING.md in one
# folder (default out/lesson): for each teaching case and its contrast a
# run document, its explanation (.txt), the animated viewer (.view.html)
# and a report (.report.html).  Open the .view.html files in any browser;
# they need no network.
#   scripts/lesson.sh [FOLDER]
# NETGOV=path/to/netgov uses that binary instead of building build/netgov.
set -euo pipefail
dir=$(realpath -m "${1:-out/lesson}")
cd "$(dirname "$0")/.."
netgov=${NETGOV:-build/netgov}
if [ -z "${NETGOV:-}" ] && [ ! -x build/netgov ]; then
    scripts/install-deps.sh
    cmake -B build -S . -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build build -j "$(nproc)" >/dev/null
fi
mkdir -p "$dir"

# name preset [--set path=value ...]
make_case() {
    local name=$1 preset=$2
    shift 2
    "$netgov" run --preset "$preset" "$@" --out "$dir/$name.json" --quiet
    "$netgov" explain "$dir/$name.json" --out "$dir/$name.txt"
    "$netgov" view "$dir/$name.json" --out "$dir/$name.view.html" --quiet
    "$netgov" report "$dir/$name.json" --out "$dir/$name.report.html" --quiet
    echo "  $name: $dir/$name.view.html"
}

echo "lesson pages in $dir:"
make_case 1-free-riders free-rider-collapse
make_case 1-free-riders-nao free-rider-collapse --set governance.mode=nao
make_case 2-dominant-partner dominant-partner
make_case 2-dominant-partner-shared dominant-partner --set governance.mode=shared
make_case 3-rigid-alliance rigid-alliance
make_case 3-rigid-alliance-majority rigid-alliance --set decision.rule=governance
make_case 4-data-leak data-leak
make_case 4-data-leak-privacy data-leak --set information.privacy_tech=0.9
make_case 5-all-process all-process
make_case 5-all-process-none all-process --set process.share=0
make_case 6-mission-accomplished mission-accomplished
make_case 6-mission-accomplished-no-goal mission-accomplished --set evaluation.goal=0
