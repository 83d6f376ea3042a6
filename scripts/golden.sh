#!/usr/bin/env bash
# Golden outputs: what netgov writes, byte for byte, for a fixed set of
# scenarios, seeds and experiments.  A change that alters any of them must
# say so: update the stored set in the same commit and give the reason.
#
#   scripts/golden.sh [--netgov BIN]
#       writes the small set with BIN (default build/netgov) and compares it
#       with the stored one in tests/golden/expected/ (scripts/test.sh runs it)
#   scripts/golden.sh --update [--netgov BIN]
#       rewrites tests/golden/expected/ (a deliberate change of outputs)
#   scripts/golden.sh --against OLD [--netgov BIN] [--keep DIR]
#       writes the full set (every preset over seeds 1-5 at its own horizon
#       with explanations, pages and ODD texts, a sweep, a comparison and a
#       sensitivity run) with OLD and with BIN and compares them: the check
#       that a restructuring left every output as it was
#
# The small set: every preset at seed 1 for 36 ticks (run document, CSV,
# explanation as text and JSON), the viewer and the report of the default
# run, ODD texts, `params --json` and `--markdown`, the sweep and the
# sensitivity run of tests/golden/*.json with their reports, and a
# comparison.  Only the wall-clock fields of sweep manifests (started,
# finished, threads) are left out.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
netgov="$root/build/netgov"
mode=check
old=""
keep=""
while [ $# -gt 0 ]; do
    case "$1" in
    --netgov) netgov=$(realpath "$2"); shift 2 ;;
    --update) mode=update; shift ;;
    --against) mode=against; old=$(realpath "$2"); shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "golden.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
    esac
done
expected="$root/tests/golden/expected"
specs="$root/tests/golden"

# Sweep folders carry the time they ran and the threads they used.
strip_clock() {
    local f
    for f in "$1"/manifest.json; do
        grep -v -E '^\s*"(started|finished|threads)":' "$f" >"$f.tmp"
        mv "$f.tmp" "$f"
    done
}

# generate BIN DIR small|full: every output of the set into DIR, written
# from inside DIR so that no absolute path enters an output.
generate() {
    local bin=$1 dir=$2 scope=$3
    mkdir -p "$dir"
    (
        cd "$dir"
        local presets seeds ticks p s
        presets=$("$bin" presets | awk 'NF && $1 !~ /:$/ && $1 != "run" {print $1}')
        if [ "$scope" = small ]; then seeds="1"; ticks=(--ticks 36); else seeds="1 2 3 4 5"; ticks=(); fi
        mkdir -p runs odd pages
        for p in $presets; do
            for s in $seeds; do
                local r="runs/$p-s$s"
                "$bin" run --preset "$p" --seed "$s" "${ticks[@]}" --quiet \
                    --out "$r.json" --csv "$r.csv"
                "$bin" explain "$r.json" >"$r.explain.txt"
                "$bin" explain "$r.json" --json >"$r.explain.json"
                if [ "$scope" = full ] || [ "$p" = default ]; then
                    # A page that cannot be made is an output too: its message.
                    "$bin" view "$r.json" --out "pages/view-$p-s$s.html" --quiet \
                        2>"pages/view-$p-s$s.err" || true
                    "$bin" report "$r.json" --out "pages/report-$p-s$s.html" --quiet
                fi
            done
            if [ "$scope" = full ] || [ "$p" = default ] || [ "$p" = port-crime-coalition ] ||
                [ "$p" = rigid-alliance ]; then
                "$bin" odd --preset "$p" --out "odd/$p.md"
            fi
        done
        "$bin" run --preset default --seed 7 --ticks 24 --explain --quiet \
            --out runs/run-explain.json >runs/run-explain.txt
        "$bin" params --json >params.json
        "$bin" params --markdown >params.md
        "$bin" sweep "$specs/sweep.json" --out sweep -j 2 --quiet
        strip_clock sweep
        "$bin" report sweep --out pages/report-sweep.html --quiet
        "$bin" sensitivity "$specs/sensitivity.json" --out sensitivity -j 2 \
            --quiet >sensitivity.txt
        strip_clock sensitivity
        if [ "$scope" = small ]; then
            "$bin" compare --preset default --reps 2 --set run.ticks=24 --seed 5 -j 2 \
                --out compare.json --quiet
        else
            "$bin" compare --preset default --reps 5 -j 2 --out compare.json --quiet
            "$bin" compare --preset port-crime-coalition --reps 5 -j 2 \
                --out compare-lead.json --quiet
        fi
        "$bin" report compare.json --out pages/report-compare.html --quiet
    )
}

# Lists what differs; returns 1 if anything does.
differ() {
    if diff -rq "$1" "$2"; then
        return 0
    fi
    echo "golden.sh: outputs differ (first lines of each difference):" >&2
    diff -r "$1" "$2" | cut -c 1-300 | head -60 >&2 || true
    return 1
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
case $mode in
check)
    generate "$netgov" "$work/new" small
    differ "$expected" "$work/new"
    echo "golden.sh: $(find "$expected" -type f | wc -l) outputs identical"
    ;;
update)
    generate "$netgov" "$work/new" small
    rm -rf "$expected"
    mv "$work/new" "$expected"
    echo "golden.sh: wrote $(find "$expected" -type f | wc -l) outputs to tests/golden/expected"
    ;;
against)
    generate "$old" "$work/old" full
    generate "$netgov" "$work/new" full
    if [ -n "$keep" ]; then
        mkdir -p "$keep"
        cp -r "$work/old" "$work/new" "$keep"/
    fi
    differ "$work/old" "$work/new"
    echo "golden.sh: $(find "$work/new" -type f | wc -l) outputs identical to $old's"
    ;;
esac
