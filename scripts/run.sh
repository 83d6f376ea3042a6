#!/usr/bin/env bash
# Installs what is missing, builds netgov and runs a scenario.  With no
# arguments it runs the built-in default scenario and writes
# out/default.json; any arguments are passed to `netgov run`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -B build -S . -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j "$(nproc)" >/dev/null
exec ./build/netgov run "$@"
