#!/usr/bin/env bash
# Runs one experiment spec as a Slurm job array: array task i of n runs
# shard i/n of the sweep (`netgov sweep SPEC --shard i/n`) into
# $OUT/shard-i.  Every shard is an ordinary sweep folder, so a task that
# was killed (time limit, preemption) resumes where it stopped when it is
# submitted again.  When all tasks are done, join the shards into the same
# files one unsharded sweep writes:
#
#     netgov merge --out "$OUT/all" "$OUT"/shard-*
#
# Submit (the number of shards is the size of the array; sbatch exports the
# environment, so SPEC, OUT and NETGOV can be set on the command line):
#
#     SPEC=experiments/governance.json OUT=results/governance \
#     NETGOV=$PWD/build/netgov sbatch --array=1-16 scripts/slurm-sweep.sh
#
# or give the spec and the folder as arguments:
#
#     sbatch --array=1-16 scripts/slurm-sweep.sh SPEC OUT
#
# The array must be a plain range starting at 1 (1-N, optionally with a
# %limit on the tasks running at once: --array=1-16%4); task ids are shard
# numbers.  A range that starts elsewhere (0-15) is shifted by
# SLURM_ARRAY_TASK_MIN.  Outside Slurm (or on a Slurm too old to set
# SLURM_ARRAY_TASK_COUNT) set SHARDS to the number of shards, e.g.
#
#     SLURM_ARRAY_TASK_ID=2 SHARDS=4 SPEC=s.json OUT=res bash slurm-sweep.sh
#
# Each task uses the CPUs Slurm gives it (--cpus-per-task, default below)
# as threads: -j ${SLURM_CPUS_PER_TASK}.  Progress and errors go to the
# task's log file (--output); the results are in $OUT/shard-i/.
#
#SBATCH --job-name=netgov-sweep
#SBATCH --array=1-8
#SBATCH --cpus-per-task=4
#SBATCH --mem-per-cpu=1G
#SBATCH --time=04:00:00
#SBATCH --output=netgov-sweep-%A_%a.log
set -euo pipefail

SPEC=${1:-${SPEC:-}}
OUT=${2:-${OUT:-}}
NETGOV=${NETGOV:-netgov}
if [ -z "$SPEC" ] || [ -z "$OUT" ]; then
    echo "slurm-sweep.sh: set SPEC and OUT (or pass SPEC OUT as arguments)" >&2
    exit 2
fi
if [ -z "${SLURM_ARRAY_TASK_ID:-}" ]; then
    echo "slurm-sweep.sh: SLURM_ARRAY_TASK_ID is not set: submit with" \
         "sbatch --array=1-N (or set it and SHARDS by hand)" >&2
    exit 2
fi
n=${SLURM_ARRAY_TASK_COUNT:-${SHARDS:-}}
if [ -z "$n" ]; then
    echo "slurm-sweep.sh: neither SLURM_ARRAY_TASK_COUNT nor SHARDS is set" >&2
    exit 2
fi
i=$((SLURM_ARRAY_TASK_ID - ${SLURM_ARRAY_TASK_MIN:-1} + 1))
if [ "$i" -lt 1 ] || [ "$i" -gt "$n" ]; then
    echo "slurm-sweep.sh: task $SLURM_ARRAY_TASK_ID is not a shard of 1..$n" \
         "(use a plain range --array=1-$n)" >&2
    exit 2
fi

mkdir -p "$OUT"
exec "$NETGOV" sweep "$SPEC" --shard "$i/$n" --out "$OUT/shard-$i" \
    -j "${SLURM_CPUS_PER_TASK:-1}"
