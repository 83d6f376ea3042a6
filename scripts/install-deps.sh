#!/usr/bin/env bash
# Installs what netgov needs on Debian/Ubuntu: a C toolchain, CMake, GSL,
# cJSON, cmocka, OpenMPI (for the optional cluster runner, built and tested
# by scripts/test.sh), and Debian's python3 for the CLI tests.  Runs apt-get only
# for packages that are missing; needs root (or sudo).
set -euo pipefail
packages=(build-essential cmake pkg-config libgsl-dev libcjson-dev
          libcmocka-dev openmpi-bin libopenmpi-dev python3)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
        missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
echo "installing: ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
