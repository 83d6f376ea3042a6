"""Checks docs/TEACHING.md against the pages scripts/lesson.sh makes.

Runs scripts/lesson.sh with the binary under test into a fresh folder and
checks that every case has its four files and that the explanation quoted
in TEACHING.md is what netgov says today (so the lesson never shows the
class a story the program no longer tells).

    /usr/bin/python3 tests/check_teaching.py NETGOV SOURCE_DIR
"""
import os
import re
import subprocess
import sys
import tempfile

netgov, source = os.path.abspath(sys.argv[1]), sys.argv[2]
failed = 0


def check(ok, what):
    global failed
    print(("ok    " if ok else "FAIL  ") + what)
    failed += not ok


with tempfile.TemporaryDirectory(prefix="netgov-lesson-") as d:
    p = subprocess.run(["bash", os.path.join(source, "scripts", "lesson.sh"),
                        d], env=dict(os.environ, NETGOV=netgov),
                       capture_output=True, text=True)
    check(p.returncode == 0, "scripts/lesson.sh exits 0 " + p.stderr[-500:])
    cases = sorted(f[:-5] for f in os.listdir(d) if f.endswith(".json"))
    check(len(cases) == 12, "twelve cases: %r" % cases)
    for case in cases:
        for ext in (".txt", ".view.html", ".report.html"):
            path = os.path.join(d, case + ext)
            check(os.path.getsize(path) > 1000 if ext != ".txt"
                  else os.path.getsize(path) > 200, case + ext)
    with open(os.path.join(source, "docs", "TEACHING.md")) as f:
        doc = f.read()
    with open(os.path.join(d, "1-free-riders.txt")) as f:
        said = f.read()
    quoted = re.search(r"`1-free-riders.txt` begins:\n\n```\n(.*?)```", doc,
                       re.S).group(1)
    for line in quoted.splitlines():
        if line != "...":
            check(line in said.splitlines(),
                  "TEACHING.md quotes the explanation: %s" % line.strip())

print("%s" % ("all passed" if not failed else "%d failed" % failed))
sys.exit(1 if failed else 0)
