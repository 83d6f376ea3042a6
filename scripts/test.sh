#!/usr/bin/env bash
# Builds netgov, runs the whole test suite (unit, CLI, docs, browser) with
# ctest, then compares the golden outputs (scripts/golden.sh): a change of
# any output must come with its updated tests/golden/expected/.
# The normal build includes the MPI runner (-DNETGOV_MPI=ON), so the suite
# also compares `mpirun -n K netgov sweep` with a single-process sweep.
# With --sanitize, builds into build-asan with AddressSanitizer and
# UndefinedBehaviorSanitizer (without MPI, whose library's own allocations
# the leak checker would report) and runs the suite there, all but the
# scaffolding test (label scaffold: it builds a scratch copy of the tree
# and runs the suite in it, which the first pass has done).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=build
opts=(-DCMAKE_BUILD_TYPE=Release -DNETGOV_MPI=ON)
skip=()
if [ "${1:-}" = "--sanitize" ]; then
    dir=build-asan
    opts=(-DCMAKE_BUILD_TYPE=Debug -DNG_SANITIZE=ON -DNETGOV_MPI=OFF)
    skip=(-LE scaffold)
fi
scripts/install-deps.sh
cmake -B "$dir" -S . "${opts[@]}" >/dev/null
cmake --build "$dir" -j "$(nproc)"
ctest --test-dir "$dir" --output-on-failure -j "$(nproc)" "${skip[@]}"
scripts/golden.sh --netgov "$dir/netgov"
