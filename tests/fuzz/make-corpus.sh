#!/bin/sh
# Makes the seed corpora of the fuzz harnesses and their dictionary:
#   OUT/seeds/<harness>/   starting inputs (docs/TESTING.md)
#   OUT/netgov.dict        every parameter path and path segment, every
#                          choice name and the JSON tokens, for libFuzzer's
#                          -dict
# from the presets (configs/), the good and bad configs and specs of
# tests/data, the committed seeds (tests/fuzz/seeds), and documents the
# given netgov writes: a run document of a small preset, a comparison, a
# tiny sweep folder, a sharded and a sensitivity folder.
#
#   tests/fuzz/make-corpus.sh --netgov build/netgov --out build-fuzz
set -eu

netgov=
out=
while [ $# -gt 0 ]; do
    case $1 in
    --netgov) netgov=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "usage: $0 --netgov BIN --out DIR" >&2; exit 2 ;;
    esac
done
[ -n "$netgov" ] && [ -n "$out" ] || {
    echo "usage: $0 --netgov BIN --out DIR" >&2
    exit 2
}
root=$(cd "$(dirname "$0")/../.." && pwd)
py=/usr/bin/python3
corpus=$out/seeds
work=$out/corpus-work
rm -rf "$corpus" "$work"
for h in config set spec table rundoc sweep; do
    mkdir -p "$corpus/$h"
    cp "$root/tests/fuzz/seeds/$h/"* "$corpus/$h/" 2>/dev/null || true
done
mkdir -p "$work"

# ---- configs and specs from the tree ----
for f in "$root"/configs/*.json "$root"/tests/data/good/*.json \
    "$root"/tests/data/bad/*.json; do
    case $f in */expected.json) continue ;; esac
    cp "$f" "$corpus/config/$(basename "$(dirname "$f")")-$(basename "$f")"
done
for f in "$root"/configs/experiments/*.json "$root"/tests/data/bad_specs/*.json \
    "$root"/tests/golden/*.json; do
    case $f in */expected.json) continue ;; esac
    cp "$f" "$corpus/spec/$(basename "$(dirname "$f")")-$(basename "$f")"
done

# ---- --set lines and the dictionary, from the parameter registry ----
"$netgov" params --json >"$work/params.json"
"$py" - "$work/params.json" "$corpus/set" "$out/netgov.dict" <<'PY'
import json, sys
params = json.load(open(sys.argv[1]))
set_dir, dict_path = sys.argv[2], sys.argv[3]
words = set()
lines = []
for p in params:
    path = p["path"]
    words.add(path)
    words.update(path.split("."))
    for key in ("choices", "rules"):
        for c in p.get(key) or []:
            words.add(c if isinstance(c, str) else json.dumps(c))
    d = p.get("default")
    lines.append("%s=%s" % (path, json.dumps(d, separators=(",", ":"))))
    for bound in ("min", "max"):
        if isinstance(p.get(bound), (int, float)):
            lines.append("%s=%s" % (path, json.dumps(p[bound])))
# Ten assignments per file, in registry order.
for k in range(0, len(lines), 10):
    with open("%s/registry-%03d" % (set_dir, k // 10), "w") as f:
        f.write("\n".join(lines[k:k + 10]) + "\n")
words.update(["name", "description", "partners", "ties", "sector", "founder",
               "lead", "capacity", "authority", "support", "interests",
               "disposition", "location", "trust", "a", "b", "base", "preset",
               "file", "config", "set", "axes", "path", "values", "min", "max",
               "sampler", "samples", "lhs", "sobol", "replications", "seed",
               "random_numbers", "common", "independent", "series_every",
               "confidence", "sensitivity", "method", "morris", "trajectories",
               "levels", "bootstrap", "outputs", "columns", "rows", "id",
               "run", "point", "rep", "params", "outcome", "cause", "summary",
               "series", "events", "error", "manifest.json", "runs.jsonl",
               "summary.json", "sensitivity.json", "status", "complete",
               "running", "shard", "spec_hash", "engine_version",
               "format_version", "layout_version", "points", "runs",
               "runs_done", "runs_failed", "tick", "type"])
tokens = ["{", "}", "[", "]", ":", ",", "\"", "null", "true", "false", "0",
          "-1", "1e300", "-0", "0.5", "4294967295", "18446744073709551616",
          "\\u0000", "\\ud800", "\n", "==> ", " <==", "=", "\r\n"]
with open(dict_path, "w") as f:
    for w in sorted(words) + tokens:
        f.write('"%s"\n' % "".join(
            c if 32 <= ord(c) < 127 and c not in '"\\' else "\\x%02x" % ord(c)
            for c in w))
PY

# ---- documents netgov writes ----
"$netgov" run --preset dominant-partner --ticks 24 -q \
    --out "$corpus/rundoc/dominant-partner-24.json"
"$netgov" run --preset free-rider-collapse --ticks 40 -q \
    --out "$corpus/rundoc/free-rider-collapse-40.json"
"$netgov" run "$root/tests/data/good/small_alliance.json" --ticks 30 -q \
    --out "$corpus/rundoc/small-alliance-30.json"
"$netgov" compare --preset dominant-partner --reps 2 --set run.ticks=12 -q \
    -j 1 --out "$corpus/rundoc/compare.json"

# A sweep folder as the sweep harness reads it: its files one after
# another, each after a header "==> NAME <==".
folder() {
    (cd "$1" && for f in manifest.json runs.jsonl summary.json sensitivity.json; do
        if [ -f "$f" ]; then
            printf '==> %s <==\n' "$f"
            cat "$f"
        fi
    done) >"$2"
}
cat >"$work/tiny.json" <<'SPEC'
{"name": "tiny", "base": {"preset": "dominant-partner"},
 "set": {"run.ticks": 12},
 "axes": [{"path": "governance.mode", "values": ["lead", "shared"]}],
 "replications": 2, "seed": 3}
SPEC
cat >"$work/morris.json" <<'SPEC'
{"name": "tiny-morris", "base": {"preset": "dominant-partner"},
 "set": {"run.ticks": 6},
 "axes": [{"path": "governance.lead.monitoring", "min": 0, "max": 0.6},
          {"path": "alliance.ambition", "min": 0.05, "max": 0.2}],
 "replications": 1, "seed": 7,
 "sensitivity": {"method": "morris", "trajectories": 2, "levels": 4,
                 "bootstrap": 10, "outputs": ["survival", "cumulative_value"]}}
SPEC
"$netgov" sweep "$work/tiny.json" --out "$work/tiny" -q -j 1
folder "$work/tiny" "$corpus/sweep/tiny"
cp "$work/tiny.json" "$corpus/spec/tiny.json"
"$netgov" sweep "$work/tiny.json" --shard 1/2 --out "$work/shard1" -q -j 1
folder "$work/shard1" "$corpus/sweep/shard-1-of-2"
if "$netgov" sensitivity "$work/morris.json" --out "$work/morris" -q -j 1 \
    >/dev/null 2>&1; then
    folder "$work/morris" "$corpus/sweep/morris"
    cp "$work/morris.json" "$corpus/spec/tiny-morris.json"
fi

# ---- design tables ----
printf 'id,governance.mode,governance.nao.monitoring\na,shared,0.2\nb,nao,0.5\nc,nao,0.8\n' \
    >"$corpus/table/grid.csv"
printf '[{"id":"a","governance.mode":"shared","governance.nao.monitoring":0.2},{"id":"b","governance.mode":"nao","governance.nao.monitoring":0.5}]\n' \
    >"$corpus/table/rows.json"
printf '{"columns":["alliance.ambition","population.government.interests"],"rows":[[0.1,[1,2,3,4]],[0.15,[4,3,2,1]]]}\n' \
    >"$corpus/table/columns.json"
printf 'run.ticks,"governance.mode"\r\n12,"lead"\r\n\r\n24,shared\r\n' \
    >"$corpus/table/crlf.csv"

rm -rf "$work"
for h in config set spec table rundoc sweep; do
    printf '%-7s %4d inputs\n' "$h" "$(ls "$corpus/$h" | wc -l)"
done
