"""The MPI sweep runner (a build with -DNETGOV_MPI=ON): `mpirun -n K
netgov sweep SPEC` for K = 2 and 3 writes the same runs.jsonl, summary.json
and summary.csv, byte for byte, as a single process with -j 1, and its
manifest records the K ranks; likewise `netgov sensitivity`.

Run by ctest as
    /usr/bin/python3 tests/cli/test_mpi.py NETGOV SOURCE_DIR [MPIRUN]
(MPIRUN found by CMake; otherwise mpirun on PATH or /usr/bin/mpirun)."""
import json
import os
import shutil
import subprocess
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clitest  # noqa: E402

OUTPUT_FILES = ("runs.jsonl", "summary.json", "summary.csv")


def find_mpirun():
    if len(sys.argv) > 3:
        return os.path.abspath(sys.argv.pop(3))
    return shutil.which("mpirun") or "/usr/bin/mpirun"


def load_json(path):
    try:
        return clitest.load_json_file(path)
    except (OSError, ValueError):
        return None


def mpi_env():
    env = dict(os.environ)
    env.update(OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
               OMPI_MCA_rmaps_base_oversubscribe="1")
    env.setdefault("ASAN_OPTIONS", "detect_leaks=1")
    return env


def mpirun(s, mpi, k, args, cwd, timeout=180):
    cmd = [mpi, "--oversubscribe", "-n", str(k), s.binary] + args
    try:
        p = subprocess.run(cmd, cwd=cwd, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           env=mpi_env(), timeout=timeout)
    except subprocess.TimeoutExpired:
        s.check("mpirun -n %d %s finishes within %d s"
                % (k, " ".join(args), timeout), False)
        return None
    except OSError as e:
        s.check("mpirun can be started (%s)" % mpi, False, str(e))
        return None
    return p


def main():
    mpi = find_mpirun()
    s = clitest.Suite("MPI sweep runner (%s)" % mpi)
    s.check("mpirun found", os.path.isfile(mpi) and os.access(mpi, os.X_OK),
            mpi)
    d = s.fresh_dir("mpi")
    spec = {"name": "mpi", "base": {"preset": "free-rider-collapse"},
            "set": {"run.ticks": 30},
            "axes": [{"path": "governance.mode", "values": ["shared", "nao"]},
                     {"path": "cost_sharing.rule",
                      "values": ["equal", "lead_pays"]},
                     {"path": "governance.nao.monitoring",
                      "min": 0.1, "max": 0.9}],
            "sampler": {"method": "lhs", "samples": 3},
            "replications": 3, "seed": 13}
    runs = 2 * 2 * 3 * 3
    with open(os.path.join(d, "mpi.json"), "w") as f:
        json.dump(spec, f)
    r = s.run("sweep", "mpi.json", "-j", "1", "--out", "ref", "-q", cwd=d,
              timeout=120)
    s.check("-j 1 reference sweep: exit 0", r.status == 0, r.err[-1000:])
    ref_runs = clitest.read_bytes(os.path.join(d, "ref", "runs.jsonl")) or b""
    s.check("reference: %d runs, some of them failed (lead_pays)" % runs,
            ref_runs.count(b"\n") == runs and b'"error":{' in ref_runs)

    sens = {"name": "mpisens", "base": {"preset": "free-rider-collapse"},
            "set": {"run.ticks": 30},
            "axes": [{"path": "governance.shared.monitoring",
                      "min": 0.0, "max": 0.8},
                     {"path": "behaviour.trust_sensitivity",
                      "min": 0.1, "max": 1.0}],
            "sensitivity": {"method": "sobol", "samples": 8, "bootstrap": 20},
            "replications": 2, "seed": 9}
    with open(os.path.join(d, "sens.json"), "w") as f:
        json.dump(sens, f)
    r = s.run("sensitivity", "sens.json", "-j", "1", "--out", "sref", "-q",
              cwd=d, timeout=120)
    s.check("-j 1 reference sensitivity: exit 0", r.status == 0,
            r.err[-1000:])

    for k in (2, 3):
        out = "mpi%d" % k
        p = mpirun(s, mpi, k, ["sweep", "mpi.json", "--out", out, "-q"], d)
        if p is None:
            continue
        err = p.stderr.decode("utf-8", "replace")
        s.check("mpirun -n %d sweep: exit 0" % k, p.returncode == 0,
                "got %s; %s" % (p.returncode, err[-1500:]))
        s.check("mpirun -n %d sweep --quiet: nothing on stdout" % k,
                p.stdout == b"", repr(p.stdout[:300]))
        for mark in clitest.SANITIZER_MARKS:
            if mark in err:
                s.check("mpirun -n %d: no sanitizer report" % k, False,
                        err[-2000:])
        s.same_files("mpirun -n %d sweep" % k, os.path.join(d, "ref"),
                        os.path.join(d, out), OUTPUT_FILES)
        man = load_json(os.path.join(d, out, "manifest.json")) or {}
        s.check("mpirun -n %d: manifest ranks %d, complete, %d runs done"
                % (k, k, runs),
                man.get("ranks") == k and man.get("status") == "complete" and
                man.get("runs_done") == runs and man.get("attempts") == 1,
                repr({x: man.get(x) for x in ("ranks", "status", "runs_done",
                                              "attempts")}))
        ref_man = load_json(os.path.join(d, "ref", "manifest.json")) or {}
        s.check("mpirun -n %d: manifest runs_failed and spec_hash as -j 1"
                % k, man.get("runs_failed") == ref_man.get("runs_failed") and
                man.get("spec_hash") == ref_man.get("spec_hash"),
                "%r %r" % (man.get("runs_failed"), ref_man.get("runs_failed")))
        # Only rank 0 writes: the folder holds the sweep's files only.
        left = sorted(os.listdir(os.path.join(d, out)))
        s.check("mpirun -n %d: only the sweep's files in the folder" % k,
                left == sorted(OUTPUT_FILES + ("manifest.json",)),
                repr(left))

        out = "smpi%d" % k
        p = mpirun(s, mpi, k, ["sensitivity", "sens.json", "--out", out,
                               "-q"], d)
        if p is None:
            continue
        s.check("mpirun -n %d sensitivity: exit 0" % k, p.returncode == 0,
                "got %s; %s" % (p.returncode,
                                p.stderr.decode("utf-8", "replace")[-1500:]))
        s.same_files("mpirun -n %d sensitivity" % k,
                        os.path.join(d, "sref"), os.path.join(d, out),
                        OUTPUT_FILES + ("sensitivity.json",
                                        "sensitivity.csv"))
        man = load_json(os.path.join(d, out, "manifest.json")) or {}
        s.check("mpirun -n %d sensitivity: manifest ranks %d" % (k, k),
                man.get("ranks") == k and man.get("command") == "sensitivity")

    # A bad spec under mpirun: exit 2 from every rank, one report, nothing
    # written.
    with open(os.path.join(d, "bad.json"), "w") as f:
        json.dump({"name": "bad", "replications": 0}, f)
    p = mpirun(s, mpi, 2, ["sweep", "bad.json", "--out", "badout"], d)
    if p is not None:
        err = p.stderr.decode("utf-8", "replace")
        s.check("mpirun -n 2 with a bad spec: exit 2", p.returncode == 2,
                "got %s; %s" % (p.returncode, err[-800:]))
        s.check("mpirun -n 2 with a bad spec: the error printed once",
                err.count("replications: expected a whole number") == 1,
                repr(err[-800:]))
        s.check("mpirun -n 2 with a bad spec: nothing written",
                not os.path.exists(os.path.join(d, "badout")))
    s.finish()


if __name__ == "__main__":
    main()
