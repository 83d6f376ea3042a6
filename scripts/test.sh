#!/usr/bin/env bash
# Builds netgov and runs the whole test suite (unit, CLI) with ctest.
# With --sanitize, builds into build-asan with AddressSanitizer and
# UndefinedBehaviorSanitizer and runs the suite there.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=build
opts=(-DCMAKE_BUILD_TYPE=Release)
if [ "${1:-}" = "--sanitize" ]; then
    dir=build-asan
    opts=(-DCMAKE_BUILD_TYPE=Debug -DNG_SANITIZE=ON)
fi
scripts/install-deps.sh
cmake -B "$dir" -S . "${opts[@]}" >/dev/null
cmake --build "$dir" -j "$(nproc)"
ctest --test-dir "$dir" --output-on-failure -j "$(nproc)"
