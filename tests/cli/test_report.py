"""netgov report: a self-contained HTML page for every preset's run, for a
sweep folder and for a comparison; the default output path; and bad
inputs (missing file, invalid JSON, a JSON of neither kind, a folder
without summary.json, a run document with a field of the wrong type),
which exit 2 naming the path and leave no output file.  The pages' charts
are checked in a browser by tests/browser/test_report.mjs."""
import json
import os
import re
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clitest  # noqa: E402

DATA_BLOCK = '<script type="application/json" id="netgov-data">'
REMOTE = re.compile(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", re.I)


def page_data(html):
    """The JSON of the page's data block, or None."""
    start = html.find(DATA_BLOCK)
    if start < 0:
        return None
    start += len(DATA_BLOCK)
    end = html.find("</script>", start)
    try:
        return json.loads(html[start:end])
    except ValueError:
        return None


def check_page(s, label, path, kind, name):
    html = clitest.read_bytes(path)
    if not s.check("%s: page written" % label, html is not None, path):
        return None
    html = html.decode("utf-8")
    s.check("%s: starts with <!DOCTYPE html>" % label,
            html.startswith("<!DOCTYPE html>"))
    s.check("%s: has the data block" % label, DATA_BLOCK in html)
    data = page_data(html)
    s.check("%s: data block is JSON of kind %s" % (label, kind),
            data is not None and data.get("kind") == kind,
            data and data.get("kind"))
    s.check("%s: names %s" % (label, name), name in html)
    s.check("%s: no remote src or href" % label, not REMOTE.search(html),
            REMOTE.search(html) and REMOTE.search(html).group(0))
    s.check("%s: no http:// or https:// src/href" % label,
            not re.search(r"(src|href)=[\"']?https?://", html))
    s.check("%s: scripts inlined, none loaded" % label,
            "<script src" not in html and "<link" not in html)
    return data


def check_bad(s, label, args, needle, out):
    r = s.run("report", *args, "-o", out)
    s.check("%s: exit 2" % label, r.status == 2,
            "status %s: %s" % (r.status, r.err))
    s.check("%s: message names %s" % (label, needle), needle in r.err,
            r.err)
    s.check("%s: no output file left" % label, not os.path.exists(out))
    return r


def main():
    s = clitest.Suite("netgov report")
    params = json.loads(s.run("params", "--json").text)
    r, presets = clitest.preset_names(s)
    s.check("presets listed", r.status == 0 and presets, r.err)

    # ---- every preset's run ----
    for name in presets:
        d = s.fresh_dir("run")
        doc = os.path.join(d, "run.json")
        r = s.run("run", "--preset", name, "--out", doc, "--quiet")
        if not s.check("%s: run exit 0" % name, r.status == 0, r.err):
            continue
        page = os.path.join(d, "run.html")
        r = s.run("report", doc, "-o", page)
        s.check("%s: report exit 0" % name, r.status == 0, r.err)
        s.check("%s: prints the path written" % name, page in r.err, r.err)
        data = check_page(s, name, page, "run", name)
        if not data:
            continue
        s.check("%s: one parameter row per registry parameter" % name,
                len(data.get("params", [])) == len(params),
                "%d of %d" % (len(data.get("params", [])), len(params)))
        s.check("%s: reproduce command uses the preset and seed" % name,
                data.get("reproduce", {}).get("command", "").startswith(
                    "netgov run --preset %s --seed " % name),
                data.get("reproduce", {}).get("command"))
        s.check("%s: explanation present" % name,
                isinstance(data.get("explanation"), dict) and
                data["explanation"].get("headline"),
                data.get("explanation_error"))

    # ---- --set changes show in the reproduce command and the table ----
    d = s.fresh_dir("set")
    doc = os.path.join(d, "run.json")
    s.run("run", "--preset", "free-rider-collapse", "--set",
          "governance.mode=nao", "--ticks", "24", "--out", doc, "--quiet")
    page = os.path.join(d, "run.html")
    r = s.run("report", doc, "-o", page, "--quiet")
    s.check("--set run: exit 0, nothing printed with --quiet",
            r.status == 0 and r.err == "", r.err)
    data = check_page(s, "--set run", page, "run", "free-rider-collapse")
    if data:
        cmd = data["reproduce"]["command"]
        s.check("--set run: reproduce names the --set values",
                "--set governance.mode=nao" in cmd and
                "--set run.ticks=24" in cmd, cmd)
        rows = {p["path"]: p for p in data["params"]}
        s.check("--set run: governance.mode changed to nao",
                rows["governance.mode"]["value"] == "nao" and
                rows["governance.mode"]["changed"])

    # ---- default output path ----
    d = s.fresh_dir("default")
    s.run("run", "--preset", "default", "--out", "run.json", "--quiet",
          cwd=d)
    r = s.run("report", "run.json", cwd=d)
    path = os.path.join(d, "out", "default.report.html")
    s.check("default output: out/<scenario>.report.html",
            r.status == 0 and os.path.exists(path), r.err)

    # ---- sweep folder ----
    d = s.fresh_dir("sweep")
    spec = {"name": "tiny", "base": {"preset": "default"},
            "axes": [{"path": "governance.shared.monitoring",
                      "values": [0, 0.3, 0.6]}],
            "replications": 3, "seed": 3}
    with open(os.path.join(d, "spec.json"), "w") as f:
        json.dump(spec, f)
    r = s.run("sweep", "spec.json", "--out", "tiny", "--quiet", "--series",
              "-j", "2", cwd=d)
    s.check("sweep: exit 0", r.status == 0, r.err)
    r = s.run("report", "tiny", "--quiet", cwd=d)
    s.check("sweep report: exit 0", r.status == 0, r.err)
    data = check_page(s, "sweep report",
                      os.path.join(d, "out", "tiny.report.html"), "sweep",
                      "tiny")
    if data:
        s.check("sweep report: one entry per point",
                len(data.get("points", [])) == 3)
        s.check("sweep report: axis meaning from the registry",
                data.get("axis_info", [{}])[0].get("meaning"))

    # ---- sensitivity folder ----
    src = s.src("configs", "experiments", "sensitivity-default.json")
    spec = clitest.load_json_file(src)
    spec["name"] = "sens"
    spec["sensitivity"]["samples"] = 4
    spec["sensitivity"]["bootstrap"] = 20
    with open(os.path.join(d, "sens.json"), "w") as f:
        json.dump(spec, f)
    r = s.run("sensitivity", "sens.json", "--out", "sens", "--quiet",
              "-j", "2", cwd=d)
    s.check("sensitivity: exit 0", r.status == 0, r.err)
    r = s.run("report", "sens", "-o", "sens.html", "--quiet", cwd=d)
    s.check("sensitivity report: exit 0", r.status == 0, r.err)
    data = check_page(s, "sensitivity report", os.path.join(d, "sens.html"),
                      "sweep", "sens")
    if data:
        s.check("sensitivity report: carries sensitivity.json",
                isinstance(data.get("sensitivity"), dict))
        kept = [p for p in data["points"] if "series" in p]
        s.check("sensitivity report: series kept for a few points only",
                0 < len(kept) <= 6, "%d kept" % len(kept))

    # ---- comparison ----
    r = s.run("compare", "--preset", "default", "--reps", "3", "--out",
              "cmp.json", "--quiet", "-j", "2", cwd=d)
    s.check("compare: exit 0", r.status == 0, r.err)
    r = s.run("report", "cmp.json", "--quiet", cwd=d)
    s.check("compare report: exit 0", r.status == 0, r.err)
    data = check_page(s, "compare report",
                      os.path.join(d, "out", "cmp.report.html"), "compare",
                      "default")
    if data:
        s.check("compare report: ranking and verdict carried",
                data.get("ranking") and "best_vs_next" in data)

    # ---- bad inputs ----
    d = s.fresh_dir("bad")
    out = os.path.join(d, "page.html")
    check_bad(s, "missing file", [os.path.join(d, "nope.json")],
              "nope.json", out)
    with open(os.path.join(d, "broken.json"), "w") as f:
        f.write('{\n  "series": {\n    "tick": [1, 2,,]\n  }\n}\n')
    r = check_bad(s, "invalid JSON", [os.path.join(d, "broken.json")],
                  "broken.json", out)
    s.check("invalid JSON: line:column", re.search(r"broken\.json:3:\d+",
                                                   r.err), r.err)
    with open(os.path.join(d, "other.json"), "w") as f:
        json.dump({"name": "x", "axes": []}, f)
    r = check_bad(s, "neither kind", [os.path.join(d, "other.json")],
                  "other.json", out)
    s.check("neither kind: says what was expected",
            "expected a run document" in r.err and "found" in r.err, r.err)
    with open(os.path.join(d, "array.json"), "w") as f:
        f.write("[1, 2]\n")
    check_bad(s, "JSON array", [os.path.join(d, "array.json")],
              "array.json", out)
    half = os.path.join(d, "half")
    os.makedirs(half)
    with open(os.path.join(half, "manifest.json"), "w") as f:
        f.write("{}\n")
    r = check_bad(s, "folder without summary.json", [half], "half", out)
    s.check("folder without summary.json: names summary.json",
            "summary.json" in r.err, r.err)
    r = s.run("run", "--preset", "default", "--set", "run.ticks=3",
              "--out", "small.json", "--quiet", cwd=d)
    s.check("small run for bad documents: exit 0", r.status == 0, r.err)
    badrun = clitest.load_json_file(os.path.join(d, "small.json"))
    badrun["series"]["tick"] = "no"
    with open(os.path.join(d, "badrun.json"), "w") as f:
        json.dump(badrun, f)
    r = check_bad(s, "run with series.tick a string",
                  [os.path.join(d, "badrun.json")], "badrun.json", out)
    s.check("run with series.tick a string: names the field path",
            "series.tick" in r.err and "expected" in r.err, r.err)
    r = s.run("report")
    s.check("no INPUT: exit 2", r.status == 2, r.err)
    r = s.run("report", "a", "b")
    s.check("two INPUTs: exit 2", r.status == 2, r.err)
    r = s.run("report", "--bogus", "x")
    s.check("unknown option: exit 2", r.status == 2, r.err)
    r = s.run("report", "--help")
    s.check("--help: exit 0 and usage on stdout",
            r.status == 0 and "usage: netgov report" in r.text, r.err)
    s.finish()


if __name__ == "__main__":
    main()
