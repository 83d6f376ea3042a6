"""netgov view: every preset's run becomes a self-contained viewer page
with its data block; the replay check catches an edited document; bad
input exits 2 with a message naming the file and field, and leaves no
page behind (docs/VIEWER.md, sim/report/view.c)."""
import json
import os
import re
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clitest  # noqa: E402

DATA_RE = re.compile(
    r'<script type="application/json" id="netgov-data">(.*?)</script>', re.S)
REMOTE_RE = re.compile(r'(?:src|href)\s*=\s*["\']?\s*(?:https?:)?//', re.I)


def page_data(html):
    m = DATA_RE.search(html)
    return json.loads(m.group(1)) if m else None


def check_page(s, label, path, doc):
    html = open(path, encoding="utf-8").read()
    data = page_data(html)
    s.check("%s: page holds the data block" % label, data is not None)
    s.check("%s: no remote src/href" % label, not REMOTE_RE.search(html),
            str(REMOTE_RE.findall(html)[:3]))
    s.check("%s: scripts and styles inlined" % label,
            "NG.lineChart" in html and "<style>" in html
            and 'id="network"' in html)
    if data is None:
        return
    n = len(doc["partners"])
    frames = data["frames"]
    s.check("%s: one name per partner" % label,
            len(data["partners"]["name"]) == n)
    s.check("%s: frames from tick 0 to the lifetime" % label,
            frames["tick"][0] == 0
            and frames["tick"][-1] == doc["summary"]["lifetime"]
            and len(frames["tick"]) <= 301, repr(frames["tick"][-3:]))
    s.check("%s: one state letter per partner per frame" % label,
            all(len(st) == n and set(st) <= set("cmxe")
                for st in frames["state"]))
    last = frames["state"][-1].count("m")
    s.check("%s: last frame has the final members" % label,
            last == doc["summary"]["final_members"],
            "%d vs %d" % (last, doc["summary"]["final_members"]))
    s.check("%s: ties come in triples" % label,
            all(len(t) % 3 == 0 for t in frames["ties"]))
    s.check("%s: outcome and cause" % label,
            data["outcome"] == doc["summary"]["outcome"]
            and data["cause"] == doc["summary"]["cause"])


def check_presets(s):
    _r, presets = clitest.preset_names(s)
    s.check("presets listed", len(presets) >= 5, repr(presets))
    sizes = []
    for name in presets:
        d = s.fresh_dir("preset")
        r = s.run("run", "--preset", name, "--out", "run.json", "--quiet",
                  cwd=d)
        if not s.check("%s: run exits 0" % name, r.status == 0, r.err):
            continue
        r = s.run("view", "run.json", cwd=d)
        page = os.path.join(d, "run.view.html")
        s.check("%s: view exits 0" % name, r.status == 0, r.err)
        s.check("%s: default output run.view.html" % name,
                os.path.isfile(page), repr(os.listdir(d)))
        s.check("%s: path written on stderr" % name, "run.view.html" in r.err,
                r.err)
        if os.path.isfile(page):
            doc = clitest.load_json_file(os.path.join(d, "run.json"))
            check_page(s, name, page, doc)
            sizes.append((os.path.getsize(page), name))
    if sizes:
        print("page sizes: " + ", ".join("%s %d KB" % (n, b // 1024)
                                         for b, n in sorted(sizes)))


def expect_bad(s, label, args, d, needles, out_name):
    r = s.run("view", *args, cwd=d)
    s.check("%s: exit 2" % label, r.status == 2,
            "status %s, stderr %s" % (r.status, r.err))
    for needle in needles:
        s.check("%s: message names %s" % (label, needle), needle in r.err,
                r.err)
    s.check("%s: no page left" % label,
            not os.path.exists(os.path.join(d, out_name))
            and not any(".tmp." in f for f in os.listdir(d)),
            repr(os.listdir(d)))


def write_json(path, doc):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f)


def check_bad_input(s):
    d = s.fresh_dir("bad")
    r = s.run("run", "--preset", "free-rider-collapse", "--out", "run.json",
              "--quiet", cwd=d)
    s.check("base run exits 0", r.status == 0, r.err)
    doc = clitest.load_json_file(os.path.join(d, "run.json"))

    expect_bad(s, "missing file", ["nope.json", "-o", "p.html"], d,
               ["nope.json"], "p.html")
    with open(os.path.join(d, "text.json"), "w") as f:
        f.write("this is not json\n")
    expect_bad(s, "not JSON", ["text.json", "-o", "p.html"], d,
               ["text.json"], "p.html")
    write_json(os.path.join(d, "array.json"), [1, 2])
    expect_bad(s, "not an object", ["array.json", "-o", "p.html"], d,
               ["array.json"], "p.html")
    write_json(os.path.join(d, "other.json"), {"name": "a scenario"})
    expect_bad(s, "not a run document", ["other.json", "-o", "p.html"], d,
               ["other.json:format_version"], "p.html")

    def edited(label, change, needles):
        e = json.loads(json.dumps(doc))
        change(e)
        write_json(os.path.join(d, "edited.json"), e)
        expect_bad(s, label, ["edited.json", "-o", "p.html"], d,
                   ["edited.json"] + needles, "p.html")

    edited("wrong format_version",
           lambda e: e.__setitem__("format_version", 1),
           ["format_version", "found 1"])
    edited("missing series", lambda e: e.pop("series"), ["series"])
    edited("missing summary.lifetime",
           lambda e: e["summary"].pop("lifetime"), ["summary.lifetime"])
    edited("series too short",
           lambda e: e["series"]["members"].pop(), ["series.members"])
    edited("series value not a number",
           lambda e: e["series"]["contribution"].__setitem__(3, "x"),
           ["series.contribution[3]"])
    edited("bad config value",
           lambda e: e["config"]["governance"].__setitem__("mode", "x"),
           ["config", "governance.mode"])
    edited("partners missing", lambda e: e.__setitem__("partners", []),
           ["partners"])
    edited("edited members series (replay check)",
           lambda e: e["series"]["members"].__setitem__(
               9, e["series"]["members"][9] + 1),
           ["replay differs", "tick 10", "engine"])
    edited("edited public value (replay check)",
           lambda e: e["series"]["public_value"].__setitem__(
               4, e["series"]["public_value"][4] * 1.000001),
           ["replay differs", "tick 5"])
    edited("edited seed (replay check)",
           lambda e: e.__setitem__("seed", e["seed"] + 1),
           ["replay differs"])
    edited("edited outcome (replay check)",
           lambda e: e["summary"].__setitem__("outcome", "survived"),
           ["replay differs"])

    r = s.run("run", "--preset", "default", "--set",
              "population.civil.count=2500", "--set", "run.ticks=2",
              "--out", "big.json", "--quiet", cwd=d)
    s.check("run of a pool of 2524 exits 0", r.status == 0, r.err)
    expect_bad(s, "pool too large", ["big.json", "-o", "p.html"], d,
               ["big.json", "2000"], "p.html")

    for args, label in ((["--bogus", "run.json"], "unknown option"),
                        ([], "no run document"),
                        (["run.json", "-o"], "missing -o value"),
                        (["run.json", "run.json"], "two documents")):
        r = s.run("view", *args, cwd=d)
        s.check("usage: %s exits 2" % label, r.status == 2, r.err)
    r = s.run("view", "--help", cwd=d)
    s.check("--help exits 0 with usage", r.status == 0
            and b"netgov view RUN.json" in r.out, r.err)

    # -o and --quiet, and the page can be written into a new folder.
    r = s.run("view", "run.json", "--out", "sub/page.html", "--quiet", cwd=d)
    s.check("--out into a new folder, --quiet: exit 0, silent",
            r.status == 0 and r.err == "", r.err)
    s.check("--out file written",
            os.path.isfile(os.path.join(d, "sub", "page.html")))


def check_long_run(s):
    d = s.fresh_dir("long")
    r = s.run("run", "--preset", "care-safety-house", "--ticks", "700",
              "--out", "long.json", "--quiet", cwd=d)
    if not s.check("long run exits 0", r.status == 0, r.err):
        return
    r = s.run("view", "long.json", "-o", "long.html", cwd=d)
    s.check("long run: view exits 0", r.status == 0, r.err)
    html = open(os.path.join(d, "long.html"), encoding="utf-8").read()
    data = page_data(html)
    ticks = data["frames"]["tick"]
    life = data["lifetime"]
    s.check("long run: at most 300 frames", len(ticks) <= 300,
            str(len(ticks)))
    s.check("long run: frames start at 0, end at the lifetime, increase",
            ticks[0] == 0 and ticks[-1] == life
            and all(a < b for a, b in zip(ticks, ticks[1:])))
    s.check("long run: charts keep every tick",
            len(data["series"]["members"]) == life)


def main():
    s = clitest.Suite("netgov view")
    check_presets(s)
    check_bad_input(s)
    check_long_run(s)
    s.finish()


if __name__ == "__main__":
    main()
