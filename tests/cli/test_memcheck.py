"""valgrind memcheck over the commands people run most: a run, a small
sweep (with resume and a report of the folder), a comparison, explain, view
and report of a run.  Every command must exit 0 with no memory error and
no leak of any kind (definite, indirect, possible or still reachable):
valgrind exits 99 otherwise and its report is printed.

Registered in ctest only for builds without the sanitizers (valgrind and
AddressSanitizer do not mix) and when valgrind is installed.  Sizes are
small: valgrind runs the engine about 30 times slower.
"""
import json
import os
import shutil
import subprocess
import sys

from clitest import Suite

VALGRIND = [shutil.which("valgrind") or "valgrind", "--quiet",
            "--error-exitcode=99", "--leak-check=full",
            "--show-leak-kinds=all", "--errors-for-leak-kinds=all",
            "--track-origins=yes"]


def memcheck(s, name, args, timeout=600):
    """Runs netgov ARGS under valgrind in the suite's directory."""
    p = subprocess.run(VALGRIND + [s.binary] + args, cwd=s.dir,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       timeout=timeout)
    err = p.stderr.decode("utf-8", errors="replace")
    s.check("%s: exit 0, no memory error, no leak" % name,
            p.returncode == 0, "exit %d\n%s" % (p.returncode, err[-4000:]))


def main():
    s = Suite("valgrind memcheck")
    path = lambda name: os.path.join(s.dir, name)
    memcheck(s, "run", ["run", "--preset", "care-safety-house", "--set",
                        "run.ticks=36", "--out", "run.json", "--csv",
                        "run.csv", "-q"])
    memcheck(s, "explain", ["explain", "run.json"])
    memcheck(s, "view", ["view", "run.json", "-o", "run.view.html", "-q"])
    memcheck(s, "report of a run", ["report", "run.json", "-o",
                                    "run.report.html", "--quiet"])
    spec = {"name": "mc", "base": {"preset": "free-rider-collapse"},
            "set": {"run.ticks": 24},
            "axes": [{"path": "governance.mode", "values": ["shared", "nao"]}],
            "replications": 3, "seed": 5}
    with open(path("spec.json"), "w") as f:
        json.dump(spec, f)
    memcheck(s, "sweep (2 threads)", ["sweep", "spec.json", "--out", "sw",
                                      "-j", "2", "-q"])
    memcheck(s, "sweep resume of a finished folder",
             ["sweep", "spec.json", "--out", "sw", "-j", "2", "-q"])
    memcheck(s, "report of a sweep folder", ["report", "sw", "-o",
                                             "sw.report.html", "--quiet"])
    memcheck(s, "compare", ["compare", "--preset", "care-safety-house",
                            "--set", "run.ticks=24", "--reps", "2", "-j", "2",
                            "--out", "cmp.json", "-q"])
    memcheck(s, "report of a comparison", ["report", "cmp.json", "-o",
                                           "cmp.report.html", "--quiet"])
    for name in ("run.json", "run.csv", "run.view.html", "run.report.html",
                 "sw/summary.json", "sw.report.html", "cmp.json",
                 "cmp.report.html"):
        s.check("%s written" % name, os.path.getsize(path(name)) > 0)
    return s.finish()


if __name__ == "__main__":
    sys.exit(main())
