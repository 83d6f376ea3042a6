"""CLI tests of `netgov explain` and `netgov run --explain`.

Every preset is run and explained; the explanation's numbers are checked
against the run document they come from (the first departure, the count of
departures, the phases covering the run), the text and JSON forms against
each other, and bad documents against their error messages.
"""
import json
import os

import clitest
from clitest import Suite, load_json_file, try_json

s = Suite("netgov explain")

_, presets = clitest.preset_names(s)
s.check("presets found", len(presets) >= 11, repr(presets))

KEYS = ["scenario", "outcome", "cause", "lifetime", "headline", "phases",
        "turning_points", "mechanism", "mechanisms", "departures",
        "held_together"]


def check_against_document(label, x, doc):
    summary = doc["summary"]
    s.check("%s: outcome, cause and lifetime as in the summary" % label,
            (x["outcome"], x["cause"], x["lifetime"]) ==
            (summary["outcome"], summary["cause"], summary["lifetime"]))
    left = [e for e in doc["events"] if e["type"] in ("exit", "exclusion")]
    s.check("%s: one departure per exit or exclusion event" % label,
            len(x["departures"]) == len(left) ==
            summary["exits"] + summary["exclusions"])
    firsts = [p for p in x["turning_points"] if p["kind"] == "first_exit"]
    if summary["first_exit_tick"] is not None:
        s.check("%s: first exit at summary.first_exit_tick" % label,
                len(firsts) == 1 and
                firsts[0]["tick"] == summary["first_exit_tick"],
                repr(firsts))
    else:
        s.check("%s: no first exit when nobody left" % label, not firsts)
    phases = x["phases"]
    s.check("%s: phases cover the run without gaps, ending with 'end'"
            % label,
            phases[0]["from"] == doc["series"]["tick"][0]
            and all(a["to"] + 1 == b["from"]
                    for a, b in zip(phases[:-2], phases[1:-1]))
            and phases[-2]["to"] == doc["series"]["tick"][-1]
            and phases[-1]["phase"] == "end",
            json.dumps([(p["phase"], p["from"], p["to"]) for p in phases]))
    ticks = [p["tick"] for p in x["turning_points"]]
    s.check("%s: turning points in time order" % label, ticks == sorted(ticks))
    scores = [m["score"] for m in x["mechanisms"]]
    s.check("%s: candidate mechanisms best first, scores in [0, 1]" % label,
            scores == sorted(scores, reverse=True)
            and all(0 <= v <= 1 for v in scores))
    failed = summary["outcome"] == "dissolved"
    if failed:
        s.check("%s: a dissolved alliance has a main mechanism with evidence"
                % label, isinstance(x["mechanism"], dict)
                and x["mechanism"]["evidence"])
    if x["mechanism"] is None:
        s.check("%s: a surviving alliance says what held it together"
                % label, len(x["held_together"]) > 0)


for name in presets:
    d = s.fresh_dir(name)
    r = s.run("run", "--preset", name, "--out", "run.json", "--explain",
              cwd=d)
    s.check("%s: run --explain exits 0" % name, r.status == 0, r.err[-500:])
    doc = load_json_file(os.path.join(d, "run.json"))
    e = s.run("explain", "run.json", cwd=d)
    s.check("%s: explain exits 0" % name, e.status == 0, e.err[-500:])
    s.check("%s: run --explain prints the same text as explain" % name,
            r.text == e.text and len(e.text) > 200, r.text[:300])
    j = s.run("explain", "run.json", "--json", cwd=d)
    x, err = try_json(j.text)
    s.check("%s: --json gives a JSON object with every key" % name,
            x is not None and all(k in x for k in KEYS), err or "")
    if x is None:
        continue
    check_against_document(name, x, doc)
    s.check("%s: the headline leads the text" % name,
            e.text.replace("\n", " ").startswith(x["headline"][:60]))
    o = s.run("explain", "run.json", "--json", "--out", "x.json", cwd=d)
    s.check("%s: --out writes what stdout shows" % name,
            o.status == 0 and o.text == "" and
            open(os.path.join(d, "x.json"), "rb").read() == j.out)

# The stories the teaching presets are built to tell (with the preset's
# seed unless one is given).
expected = [("free-rider-collapse", [], "free_riding"),
            ("data-leak", [], "data_incidents"),
            ("all-process", ["--seed", "1"], "process_heavy")]
for name, extra, mechanism in expected:
    d = s.fresh_dir(name)
    s.run("run", "--preset", name, *extra, "--out", "run.json", "--quiet",
          cwd=d)
    x, _ = try_json(s.run("explain", "run.json", "--json", cwd=d).text)
    s.check("%s: the main mechanism is %s" % (name, mechanism),
            x and x["mechanism"] and x["mechanism"]["name"] == mechanism,
            json.dumps(x and x["mechanism"]))
d = s.fresh_dir("healthy")
s.run("run", "--preset", "digital-security-region", "--out", "run.json",
      "--quiet", cwd=d)
x, _ = try_json(s.run("explain", "run.json", "--json", cwd=d).text)
s.check("digital-security-region: held together, no failure mechanism",
        x and x["mechanism"] is None and x["held_together"],
        json.dumps(x and x["held_together"]))

# With --out -, the document owns standard output and the explanation goes
# to standard error.
d = s.fresh_dir("stdout")
r = s.run("run", "--preset", "free-rider-collapse", "--out", "-",
          "--explain", "--quiet", cwd=d)
doc, err = try_json(r.text)
s.check("run --out - --explain: stdout is only the run document",
        doc is not None, err or "")
s.check("run --out - --explain: the explanation is on stderr",
        "Main failure mechanism" in r.err, r.err[-300:])

# A run document from a sweep's runs/ folder explains too.
d = s.fresh_dir("sweep")
spec = {"name": "tiny", "base": {"preset": "free-rider-collapse"},
        "replications": 2, "seed": 3,
        "axes": [{"path": "governance.mode", "values": ["shared", "nao"]}]}
with open(os.path.join(d, "spec.json"), "w") as f:
    json.dump(spec, f)
r = s.run("sweep", "spec.json", "--out", "sw", "--series", "-j", "1",
          "--quiet", cwd=d)
runs = sorted(os.listdir(os.path.join(d, "sw", "runs"))) if r.status == 0 \
    else []
s.check("sweep --series wrote run documents", len(runs) == 4, r.err[-300:])
for f in runs[:2]:
    e = s.run("explain", os.path.join("sw", "runs", f), cwd=d)
    s.check("explain %s from a sweep exits 0" % f, e.status == 0, e.err)

# ---- bad input: exit 2, the path named, nothing written ----
d = s.fresh_dir("bad")
s.run("run", "--preset", "default", "--out", "good.json", "--quiet", cwd=d)
doc = load_json_file(os.path.join(d, "good.json"))


def write(name, text):
    with open(os.path.join(d, name), "w") as f:
        f.write(text)


no_members = json.loads(json.dumps(doc))
del no_members["series"]["members"]
write("no_members.json", json.dumps(no_members))
short = json.loads(json.dumps(doc))
short["series"]["contribution"] = short["series"]["contribution"][:5]
write("short.json", json.dumps(short))
bad_partner = json.loads(json.dumps(doc))
bad_partner["partners"][3]["capacity"] = "big"
write("bad_partner.json", json.dumps(bad_partner))
write("array.json", "[1, 2]")
write("broken.json", '{"series": {"tick": [1, 2,,]}}')

cases = [
    (["explain", "missing.json"], "missing.json"),
    (["explain", "broken.json"], "broken.json:1:"),
    (["explain", "array.json"], "a netgov run document"),
    (["explain", "no_members.json"], "series.members"),
    (["explain", "short.json"], "series.contribution"),
    (["explain", "bad_partner.json"], "partners[3].capacity"),
    (["explain", "no_members.json", "--out", "x.txt"], "series.members"),
    (["explain"], "missing the run document (RUN.json)"),
    (["explain", "good.json", "--bogus"], "--bogus"),
]
for args, text in cases:
    r = s.run(*args, cwd=d)
    s.check("%s: exit 2 naming %s" % (" ".join(args), text),
            r.status == 2 and text in r.err, "%s %s" % (r.status, r.err))
s.check("a failed explain --out leaves no file",
        not os.path.exists(os.path.join(d, "x.txt")))
h = s.run("explain", "--help")
s.check("explain --help exits 0 with usage", h.status == 0 and
        "usage: netgov explain" in h.text)

s.finish()
