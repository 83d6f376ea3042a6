#!/usr/bin/env bash
# Property test over N random valid configs (tests/property/property.py):
# every parameter within its registry range, validate, run and explain;
# no crash, no sanitizer report, no broken invariant, no NaN, every share
# and trust within [0, 1].
#
#   scripts/property.sh [N] [--netgov BIN] [--seed S] [--jobs J]
#       N configs (default 2000) against BIN (default build-asan/netgov,
#       the Debug build with sanitizers and invariant checks, built first
#       if it is missing); failing configs are saved in out/property/ and
#       replayed with
#   scripts/property.sh --replay FILE... [--netgov BIN]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
netgov=""
count=2000
seed=1
jobs=2
replay=()
while [ $# -gt 0 ]; do
    case "$1" in
    --netgov) netgov=$(realpath "$2"); shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --replay) shift; while [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; do
                  replay+=("$(realpath "$1")"); shift; done ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    [0-9]*) count=$1; shift ;;
    *) echo "property.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
    esac
done
if [ -z "$netgov" ]; then
    netgov="$root/build-asan/netgov"
    if [ ! -x "$netgov" ]; then
        cmake -B "$root/build-asan" -S "$root" -DCMAKE_BUILD_TYPE=Debug \
            -DNG_SANITIZE=ON -DNETGOV_MPI=OFF >/dev/null
        cmake --build "$root/build-asan" -j 2 --target ng_cli
    fi
fi
py=/usr/bin/python3
if [ ${#replay[@]} -gt 0 ]; then
    exec "$py" "$root/tests/property/property.py" --netgov "$netgov" \
        --replay "${replay[@]}"
fi
start=$(date +%s)
status=0
"$py" "$root/tests/property/property.py" --netgov "$netgov" --count "$count" \
    --seed "$seed" --jobs "$jobs" --save "$root/out/property" || status=$?
echo "property.sh: $count configs in $(( $(date +%s) - start )) s"
exit $status
