#!/bin/sh
# Coverage-guided fuzzing of every input surface (docs/TESTING.md).
#
#   scripts/fuzz.sh [SECONDS] [HARNESS ...]
#
# Builds build-fuzz (clang, libFuzzer, ASan + UBSan), makes the seed
# corpora and the dictionary (tests/fuzz/make-corpus.sh), then runs each
# harness (default: all) for SECONDS (default 60), one at a time.  Inputs
# that crash, leak, trip a sanitizer, time out or run out of memory are
# kept in build-fuzz/findings/<harness>/ and listed at the end; the exit
# status is 1 if this run found any.  The corpus each harness grows stays
# in build-fuzz/corpus/<harness>/ for the next run.  If scripts/property.sh
# exists it runs too, with NG_PROPERTY_COUNT cases (default 10000).
#
# Environment: NG_FUZZ_TIMEOUT (seconds per input before it counts as a
# timeout, default 5), NG_FUZZ_RSS_MB (memory limit, default 2048),
# NG_FUZZ_MAX_LEN (largest input libFuzzer makes, default 65536).
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
seconds=${1:-60}
[ $# -gt 0 ] && shift
harnesses=${*:-config set spec table rundoc sweep}
case $seconds in
'' | *[!0-9]*)
    echo "usage: scripts/fuzz.sh [SECONDS] [HARNESS ...]" >&2
    exit 2
    ;;
esac
build=build-fuzz
timeout=${NG_FUZZ_TIMEOUT:-5}
rss=${NG_FUZZ_RSS_MB:-2048}
max_len=${NG_FUZZ_MAX_LEN:-65536}

targets=ng_cli
for h in $harnesses; do
    [ -f "tests/fuzz/fuzz_$h.c" ] || {
        echo "scripts/fuzz.sh: no harness $h (tests/fuzz/fuzz_$h.c)" >&2
        exit 2
    }
    targets="$targets fuzz_$h"
done
cmake -B $build -S . -DNG_FUZZ=ON -DCMAKE_C_COMPILER=clang \
    -DCMAKE_BUILD_TYPE=Debug >/dev/null
# shellcheck disable=SC2086 # targets is a list
cmake --build $build -j 2 --target $targets >/dev/null
# ASan's leak checker would report the generating runs' exit-time memory.
ASAN_OPTIONS=detect_leaks=0 tests/fuzz/make-corpus.sh \
    --netgov $build/netgov --out $build

stamp=$build/findings/.started
mkdir -p $build/findings
touch "$stamp"
summary=""
for h in $harnesses; do
    mkdir -p "$build/corpus/$h" "$build/findings/$h" "$build/logs"
    log=$build/logs/$h.log
    echo "fuzzing $h for ${seconds}s (log: $log)"
    # Fork mode with one job: a crash, timeout or leak is saved and the
    # fuzzing goes on, so one run collects every finding.
    $build/tests/fuzz/fuzz_$h -fork=1 -ignore_crashes=1 -ignore_timeouts=1 \
        -ignore_ooms=1 -max_total_time="$seconds" -timeout="$timeout" \
        -rss_limit_mb="$rss" -max_len="$max_len" -dict=$build/netgov.dict \
        -artifact_prefix="$build/findings/$h/" -print_final_stats=1 \
        "$build/corpus/$h" "$build/seeds/$h" >"$log" 2>&1 || true
    stats=$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)
    summary="$summary$(printf '%-7s %s' "$h" "$stats")
"
done

if [ -x scripts/property.sh ]; then
    echo "property test: scripts/property.sh ${NG_PROPERTY_COUNT:-10000}"
    scripts/property.sh "${NG_PROPERTY_COUNT:-10000}" || property_failed=1
fi

echo
echo "executions per harness (last libFuzzer status line):"
printf '%s' "$summary"
found=$(find $build/findings -type f -newer "$stamp" ! -name '.*' | sort)
if [ -n "$found" ]; then
    echo
    echo "new findings (replay one: $build/tests/fuzz/fuzz_<harness> FILE):"
    echo "$found"
    exit 1
fi
[ -z "${property_failed:-}" ] || exit 1
echo "no new findings"
