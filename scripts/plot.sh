#!/usr/bin/env bash
# Draws figures from netgov's outputs: scripts/plot.sh KIND INPUT [options]
# is `/usr/bin/python3 -m analysis KIND INPUT [options]` run from the
# repository root (Debian's interpreter, which has python3-matplotlib).
# Relative INPUT and -o paths are taken relative to the current folder.
# Kinds: run, sweep, compare, sensitivity; see docs/FIGURES.md.
set -euo pipefail
here="$(pwd)"
root="$(cd "$(dirname "$0")/.." && pwd)"
export PYTHONPATH="$root${PYTHONPATH:+:$PYTHONPATH}"
exec /usr/bin/python3 -m analysis "$@"
