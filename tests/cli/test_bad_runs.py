"""Damaged run documents (tests/data/bad_runs/expected.json) through
explain, view and report: each exits 2 with the same message, naming the
file and the field's JSON path, and writes nothing; the undamaged
document is accepted by all three (sim/report/run_document.c)."""
import json
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clitest  # noqa: E402


def edit(doc, case):
    """The document with one case's edit applied."""
    doc = json.loads(json.dumps(doc))
    *parents, last = case["path"]
    obj = doc
    for key in parents:
        obj = obj[key]
    if case.get("delete"):
        del obj[last]
    elif "append" in case:
        obj[last].append(case["append"])
    else:
        obj[last] = case["value"]
    return doc


def commands(path, out):
    """The three readers of a run document, each told to write out."""
    return {"explain": ["explain", path, "--out", out],
            "view": ["view", path, "-o", out],
            "report": ["report", path, "-o", out]}


def check_case(s, label, d, name, message):
    out = os.path.join(d, "page.out")
    want = "netgov: %s:%s\n" % (name, message)
    errs = {}
    for cmd, args in commands(name, out).items():
        r = s.run(*args, cwd=d)
        s.check("%s: %s exits 2" % (label, cmd), r.status == 2,
                "status %s, stderr %s" % (r.status, r.err))
        s.check("%s: %s writes nothing" % (label, cmd),
                not os.path.exists(out)
                and not any(".tmp." in f for f in os.listdir(d)),
                repr(os.listdir(d)))
        errs[cmd] = r.err
    if message is not None:
        s.check("%s: message is %r" % (label, want.strip()),
                errs["explain"] == want, errs["explain"])
    s.check("%s: explain, view and report give the same message" % label,
            errs["explain"] == errs["view"] == errs["report"],
            repr(errs))


def main():
    s = clitest.Suite("bad run documents through explain, view and report")
    data = s.src("tests", "data", "bad_runs")
    manifest = clitest.load_json_file(os.path.join(data, "expected.json"))
    d = s.fresh_dir("runs")
    r = s.run("run", *manifest["_run"], "--out", "base.json", "--quiet",
              cwd=d)
    if not s.check("base run exits 0", r.status == 0, r.err):
        s.finish()
    base = clitest.load_json_file(os.path.join(d, "base.json"))
    out = os.path.join(d, "page.out")
    for cmd, args in commands("base.json", out).items():
        r = s.run(*args, "--quiet" if cmd != "explain" else "--json", cwd=d)
        s.check("undamaged document: %s exits 0" % cmd, r.status == 0, r.err)
        if os.path.exists(out):
            os.remove(out)

    on_disk = sorted(f for f in os.listdir(data)
                     if f.endswith(".json") and f != "expected.json")
    s.check("expected.json covers every file in tests/data/bad_runs",
            sorted(manifest["files"]) == on_disk,
            "%s vs %s" % (sorted(manifest["files"]), on_disk))
    for name, message in sorted(manifest["files"].items()):
        with open(os.path.join(data, name), "rb") as f:
            text = f.read()
        with open(os.path.join(d, name), "wb") as f:
            f.write(text)
        check_case(s, name, d, name, message)
        os.remove(os.path.join(d, name))

    for label, case in sorted(manifest["edits"].items()):
        name = label + ".json"
        with open(os.path.join(d, name), "w", encoding="utf-8") as f:
            json.dump(edit(base, case), f)
        check_case(s, label, d, name, case["message"])
        os.remove(os.path.join(d, name))
    s.finish()


main()
