#!/usr/bin/env bash
# Installs what netgov needs on Debian/Ubuntu: a C toolchain, CMake, GSL,
# cJSON, cmocka, OpenMPI (for the optional cluster runner, built and tested
# by scripts/test.sh), Debian's python3 with numpy and matplotlib (CLI tests,
# figures in analysis/), valgrind (the memcheck test), and for the browser
# tests Debian's chromium, Node.js and playwright-core (pinned in
# tests/browser/package-lock.json).  Runs
# apt-get only for packages that are missing and npm only when
# tests/browser/node_modules is missing; needs root (or sudo).
set -euo pipefail
cd "$(dirname "$0")/.."
packages=(build-essential cmake pkg-config libgsl-dev libcjson-dev
          libcmocka-dev openmpi-bin libopenmpi-dev python3 python3-numpy
          python3-matplotlib chromium fonts-dejavu-core valgrind)
# Node.js may come from Debian or from another package source; either will do.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    packages+=(nodejs npm)
fi
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
        missing+=("$p")
done
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# playwright-core drives Debian's chromium; it never downloads a browser.
if [ ! -d tests/browser/node_modules/playwright-core ]; then
    echo "installing: playwright-core (npm, tests/browser)" >&2
    npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error >/dev/null
fi
