"""The experiment runner: `netgov sweep`, `sensitivity`, `merge` and
`compare`.  Determinism across thread counts, design sizes and coverage,
summary statistics recomputed from runs.jsonl, resume after SIGKILL and
after a line cut short, a changed spec refused, shards merged (also through
scripts/slurm-sweep.sh, without Slurm), --design tables, failed runs
recorded, --series, --quiet and progress, the bad specs of
tests/data/bad_specs/ (expectations in its expected.json), compare and
sensitivity analyses."""
import csv
import json
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clitest  # noqa: E402

OUTPUT_FILES = ("runs.jsonl", "summary.json", "summary.csv")
LINE_KEYS = ("run", "point", "id", "rep", "seed", "params", "outcome",
             "cause", "summary", "series")
# Student's t quantile t_{0.975, 4} (5 replications) and the normal
# quantile z_{0.975}, for the 95% intervals of summary.json.
T_975_4 = 2.7764451051977987
Z_975 = 1.959963984540054


# ---- helpers ----

def write_spec(d, name, spec):
    path = os.path.join(d, name)
    with open(path, "w") as f:
        json.dump(spec, f, indent=2)
    return path


def load_runs(path):
    """The parsed lines of a runs.jsonl ([] when missing)."""
    data = clitest.read_bytes(path)
    if data is None:
        return []
    return [clitest.load_json_strict(line)
            for line in data.decode("utf-8").splitlines()]


def load_json(path):
    try:
        return clitest.load_json_file(path)
    except (OSError, ValueError):
        return None


def count_lines(path):
    data = clitest.read_bytes(path)
    return 0 if data is None else data.count(b"\n")


def close(a, b, tol=1e-9):
    return (isinstance(a, (int, float)) and isinstance(b, (int, float))
            and abs(a - b) <= tol * max(1.0, abs(a), abs(b)))


def same_outputs(s, label, d1, d2, files=OUTPUT_FILES):
    s.same_files(label, d1, d2, files)


def sweep_ok(s, label, *args, cwd=None, timeout=120):
    r = s.run("sweep", *args, cwd=cwd, timeout=timeout)
    s.check("%s: exit 0" % label, r.status == 0,
            "got %s; %s" % (r.status, r.err[-1500:]))
    return r


def small_env():
    env = dict(os.environ)
    env.setdefault("ASAN_OPTIONS", "detect_leaks=1")
    return env


# ---- 1. determinism, run lines, seeds ----

def determinism(s):
    d = s.fresh_dir("det")
    spec = {"name": "det", "base": {"preset": "free-rider-collapse"},
            "set": {"run.ticks": 30},
            "axes": [{"path": "governance.mode", "values": ["shared", "nao"]},
                     {"path": "governance.nao.monitoring",
                      "min": 0.1, "max": 0.9}],
            "sampler": {"method": "lhs", "samples": 3},
            "replications": 4, "seed": 7}
    write_spec(d, "det.json", spec)
    sweep_ok(s, "det -j 1", "det.json", "-j", "1", "--out", "j1", "-q",
             cwd=d)
    sweep_ok(s, "det -j 2", "det.json", "-j", "2", "--out", "j2", "-q",
             cwd=d)
    same_outputs(s, "-j 1 vs -j 2", os.path.join(d, "j1"),
                 os.path.join(d, "j2"))
    m1 = load_json(os.path.join(d, "j1", "manifest.json")) or {}
    m2 = load_json(os.path.join(d, "j2", "manifest.json")) or {}
    s.check("manifest records the thread count (1 and 2)",
            m1.get("threads") == 1 and m2.get("threads") == 2,
            "%r %r" % (m1.get("threads"), m2.get("threads")))
    s.check("manifest: status complete, 6 points x 4 replications = 24 runs",
            m1.get("status") == "complete" and m1.get("points") == 6 and
            m1.get("replications") == 4 and m1.get("runs") == 24 and
            m1.get("runs_done") == 24 and m1.get("runs_failed") == 0 and
            m1.get("master_seed") == 7 and m1.get("attempts") == 1 and
            m1.get("random_numbers") == "common" and
            m1.get("shard") == "1/1" and m1.get("command") == "sweep",
            json.dumps(m1)[:600])
    s.check("manifest holds the spec", m1.get("spec") == spec,
            repr(m1.get("spec")))

    runs = load_runs(os.path.join(d, "j1", "runs.jsonl"))
    s.check("runs.jsonl: points x replications = 24 lines", len(runs) == 24,
            str(len(runs)))
    s.check("runs.jsonl: sorted by run id, ids 0..23",
            [r.get("run") for r in runs] == list(range(24)))
    s.check("runs.jsonl: point = run / 4, rep = run % 4",
            all(r.get("point") == r["run"] // 4 and
                r.get("rep") == r["run"] % 4 for r in runs))
    missing = [(r.get("run"), k) for r in runs for k in LINE_KEYS
               if k not in r]
    s.check("runs.jsonl: every line has %s" % ", ".join(LINE_KEYS),
            not missing, repr(missing[:5]))
    s.check("runs.jsonl: no line has an error",
            all("error" not in r for r in runs))
    s.check("runs.jsonl: the id of a spec's point is its number",
            all(r.get("id") == str(r.get("point")) for r in runs))
    s.check("runs.jsonl: params name exactly the axes",
            all(sorted(r.get("params", {})) ==
                ["governance.mode", "governance.nao.monitoring"]
                for r in runs))
    s.check("runs.jsonl: summary outcome agrees with the line's outcome",
            all(r.get("summary", {}).get("outcome") == r.get("outcome")
                for r in runs))
    s.check("runs.jsonl: series has tick and the key observables",
            all(set(r.get("series", {})) >=
                {"tick", "members", "contribution", "free_riding",
                 "interpersonal_trust", "system_trust", "public_value"}
                for r in runs))
    s.check("runs.jsonl: series at most run.ticks (30) long",
            all(0 < len(r["series"]["tick"]) <= 30 for r in runs))
    by_rep = {}
    for r in runs:
        by_rep.setdefault(r["rep"], set()).add(r["seed"])
    s.check("common random numbers: one seed per replication at every point",
            all(len(v) == 1 for v in by_rep.values()), repr(by_rep))
    s.check("common random numbers: the replications' seeds differ",
            len({next(iter(v)) for v in by_rep.values()}) == 4)
    s.check("seeds are valid run seeds (1 to 2^32-1)",
            all(1 <= r["seed"] <= 4294967295 for r in runs))

    spec["random_numbers"] = "independent"
    write_spec(d, "ind.json", spec)
    sweep_ok(s, "independent", "ind.json", "-j", "2", "--out", "ind", "-q",
             cwd=d)
    ind = load_runs(os.path.join(d, "ind", "runs.jsonl"))
    seeds = [r.get("seed") for r in ind]
    s.check("independent: 24 runs, all seeds distinct",
            len(ind) == 24 and len(set(seeds)) == 24, repr(seeds))
    s.check("independent: same design points as common",
            [r.get("params") for r in ind] == [r.get("params") for r in runs])
    mi = load_json(os.path.join(d, "ind", "manifest.json")) or {}
    s.check("independent: manifest says so",
            mi.get("random_numbers") == "independent")


# ---- 2. design sizes and coverage ----

def design_runs(s, d, name, spec):
    write_spec(d, name + ".json", spec)
    sweep_ok(s, name, name + ".json", "--out", name, "-q", cwd=d)
    return load_runs(os.path.join(d, name, "runs.jsonl"))


def designs(s):
    d = s.fresh_dir("designs")
    base = {"set": {"run.ticks": 5}, "replications": 1, "seed": 3}

    grid = dict(base, name="grid", axes=[
        {"path": "governance.mode", "values": ["shared", "nao"]},
        {"path": "cost_sharing.rule",
         "values": ["equal", "capacity", "benefit"]}])
    runs = design_runs(s, d, "grid", grid)
    combos = [(r["params"]["governance.mode"],
               r["params"]["cost_sharing.rule"]) for r in runs]
    want = [(g, c) for g in ("shared", "nao")
            for c in ("equal", "capacity", "benefit")]
    s.check("grid 2 x 3: 6 points", len(runs) == 6, str(len(runs)))
    s.check("grid 2 x 3: every combination once",
            sorted(combos) == sorted(want), repr(combos))
    s.check("grid 2 x 3: first axis varies slowest", combos == want,
            repr(combos))

    lhs = dict(base, name="lhs", axes=[
        {"path": "governance.nao.monitoring", "min": 0.1, "max": 0.9},
        {"path": "behaviour.noise", "min": 0.0, "max": 0.2}],
        sampler={"method": "lhs", "samples": 8})
    runs = design_runs(s, d, "lhs", lhs)
    s.check("lhs 8: 8 points", len(runs) == 8, str(len(runs)))
    for path, lo, hi in (("governance.nao.monitoring", 0.1, 0.9),
                         ("behaviour.noise", 0.0, 0.2)):
        vals = [r["params"][path] for r in runs]
        s.check("lhs 8: %s: 8 distinct values" % path,
                len(set(vals)) == 8, repr(vals))
        s.check("lhs 8: %s: within [%g, %g]" % (path, lo, hi),
                all(lo <= v <= hi for v in vals), repr(vals))
        bins = sorted(min(7, int((v - lo) / (hi - lo) * 8)) for v in vals)
        s.check("lhs 8: %s: one value in each eighth of the range" % path,
                bins == list(range(8)), repr(bins))

    sob = dict(base, name="sobol", axes=[
        {"path": "governance.nao.monitoring", "min": 0.2, "max": 0.6}],
        sampler={"method": "sobol", "samples": 5})
    runs = design_runs(s, d, "sobol", sob)
    vals = [r["params"]["governance.nao.monitoring"] for r in runs]
    s.check("sobol sampler 5: 5 points", len(runs) == 5, str(len(runs)))
    s.check("sobol sampler 5: distinct values within [0.2, 0.6]",
            len(set(vals)) == 5 and all(0.2 <= v <= 0.6 for v in vals),
            repr(vals))

    # An integer parameter, found in `netgov params --json`.
    r = s.run("params", "--json")
    params = clitest.try_json(r.text)[0] or []
    ints = [p for p in params if p.get("type") == "integer" and
            p.get("path") == "governance.nao.exclusion_after"]
    s.check("params --json lists governance.nao.exclusion_after as integer",
            len(ints) == 1 and ints[0]["min"] <= 1 and ints[0]["max"] >= 6,
            repr(ints))
    intd = dict(base, name="int", axes=[
        {"path": "governance.nao.exclusion_after", "min": 1, "max": 6}],
        sampler={"method": "lhs", "samples": 6})
    runs = design_runs(s, d, "int", intd)
    vals = [r["params"]["governance.nao.exclusion_after"] for r in runs]
    s.check("integer range 1..6: whole numbers (JSON integers)",
            len(vals) == 6 and all(type(v) is int for v in vals), repr(vals))
    s.check("integer range 1..6: within bounds",
            all(1 <= v <= 6 for v in vals), repr(vals))
    s.check("integer range 1..6, lhs 6: every whole value once",
            sorted(vals) == [1, 2, 3, 4, 5, 6], repr(vals))
    intd = dict(base, name="int2", axes=[
        {"path": "exit.patience", "min": 2, "max": 9}],
        sampler={"method": "sobol", "samples": 7})
    runs = design_runs(s, d, "int2", intd)
    vals = [r["params"]["exit.patience"] for r in runs]
    s.check("integer range 2..9, sobol 7: whole numbers within bounds",
            len(vals) == 7 and all(type(v) is int and 2 <= v <= 9
                                   for v in vals), repr(vals))


# ---- 3. summary statistics ----

def mean_sd(xs):
    n = len(xs)
    m = sum(xs) / n
    sd = math.sqrt(sum((x - m) ** 2 for x in xs) / (n - 1))
    return m, sd


def summaries(s):
    d = s.fresh_dir("summary")
    spec = {"name": "sum", "base": {"preset": "free-rider-collapse"},
            "set": {"run.ticks": 40},
            "axes": [{"path": "governance.mode", "values": ["shared", "nao"]}],
            "replications": 5, "seed": 11}
    write_spec(d, "sum.json", spec)
    sweep_ok(s, "summary sweep", "sum.json", "--out", "o", "-q", cwd=d)
    runs = load_runs(os.path.join(d, "o", "runs.jsonl"))
    summ = load_json(os.path.join(d, "o", "summary.json"))
    if not s.check("summary.json parses with 2 points",
                   summ and len(summ.get("points", [])) == 2):
        return
    s.check("summary.json: confidence 0.95", summ.get("confidence") == 0.95)
    for p, point in enumerate(summ["points"]):
        mine = [r for r in runs if r["point"] == p]
        label = "summary point %d" % p
        s.check("%s: point, id, params, runs 5, failed 0" % label,
                point.get("point") == p and point.get("id") == str(p) and
                point.get("params") == mine[0]["params"] and
                point.get("runs") == 5 and point.get("failed") == 0,
                repr({k: point.get(k) for k in
                      ("point", "id", "params", "runs", "failed")}))
        xs = [r["summary"]["cumulative_value"] for r in mine]
        m, sd = mean_sd(xs)
        half = T_975_4 * sd / math.sqrt(5)
        cv = point.get("metrics", {}).get("cumulative_value", {})
        s.check("%s: cumulative_value n 5" % label, cv.get("n") == 5)
        s.check("%s: cumulative_value mean (recomputed)" % label,
                close(cv.get("mean"), m), "%r vs %r" % (cv.get("mean"), m))
        s.check("%s: cumulative_value sd, n - 1 (recomputed)" % label,
                close(cv.get("sd"), sd), "%r vs %r" % (cv.get("sd"), sd))
        s.check("%s: cumulative_value 95%% t interval (recomputed)" % label,
                close(cv.get("ci_low"), m - half) and
                close(cv.get("ci_high"), m + half),
                "%r %r vs %r %r" % (cv.get("ci_low"), cv.get("ci_high"),
                                    m - half, m + half))
        outcomes = point.get("outcomes", {})
        for o in ("survived", "dissolved", "completed"):
            share = sum(r["outcome"] == o for r in mine) / 5
            s.check("%s: outcome share %s = %g" % (label, o, share),
                    close(outcomes.get(o), share), repr(outcomes))
        causes = {}
        for r in mine:
            if r["cause"] != "none":
                causes[r["cause"]] = causes.get(r["cause"], 0) + 1
        s.check("%s: causes counted" % label,
                point.get("causes") == causes,
                "%r vs %r" % (point.get("causes"), causes))
        # Survival: Wilson's score interval.
        surv = point["metrics"].get("survival", {})
        k = sum(r["outcome"] != "dissolved" for r in mine)
        ph, n = k / 5, 5
        z2n = Z_975 ** 2 / n
        centre = (ph + z2n / 2) / (1 + z2n)
        w = Z_975 / (1 + z2n) * math.sqrt(ph * (1 - ph) / n + z2n / (4 * n))
        s.check("%s: survival mean and Wilson interval (recomputed)" % label,
                close(surv.get("mean"), ph) and
                close(surv.get("ci_low"), max(0, centre - w)) and
                close(surv.get("ci_high"), min(1, centre + w)),
                "%r vs %r [%r, %r]" % (surv, ph, centre - w, centre + w))
        # The mean band of a key series at the first tick.
        first = [r["series"]["members"][0] for r in mine]
        band = point.get("series", {}).get("members", {}).get("mean", [None])
        s.check("%s: series members mean at tick 1 (recomputed)" % label,
                close(band[0], sum(first) / 5), repr(band[:1]))
    # summary.csv agrees with summary.json.
    try:
        with open(os.path.join(d, "o", "summary.csv"), newline="") as f:
            rows = list(csv.reader(f))
    except OSError as e:
        rows = []
        s.check("summary.csv written", False, str(e))
    if rows:
        head = rows[0]
        s.check("summary.csv: header starts point,id,governance.mode,runs",
                head[:4] == ["point", "id", "governance.mode", "runs"],
                repr(head[:6]))
        s.check("summary.csv: one row per point, as wide as the header",
                len(rows) == 3 and all(len(r) == len(head) for r in rows))
        col = head.index("cumulative_value_mean") \
            if "cumulative_value_mean" in head else None
        s.check("summary.csv: cumulative_value_mean equals summary.json",
                col is not None and all(
                    float(rows[1 + p][col]) ==
                    summ["points"][p]["metrics"]["cumulative_value"]["mean"]
                    for p in range(2)))


# ---- 4. resume after SIGKILL and after a line cut short ----

def resume(s):
    d = s.fresh_dir("resume")
    spec = {"name": "big", "set": {"run.ticks": 120},
            "axes": [{"path": "governance.mode", "values": ["shared", "nao"]}],
            "replications": 1000, "seed": 3}
    total = 2000
    write_spec(d, "big.json", spec)
    killed = os.path.join(d, "killed")
    args = [s.binary, "sweep", "big.json", "-j", "1", "--out", "killed"]
    p = subprocess.Popen(args, cwd=d, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         env=small_env())
    start = time.monotonic()
    running = False
    while time.monotonic() - start < 30:
        lines = count_lines(os.path.join(killed, "runs.jsonl"))
        if p.poll() is not None:
            break
        if lines >= 1 and (time.monotonic() - start >= 1.0 or
                           lines >= total // 4):
            running = True
            break
        time.sleep(0.02)
    if p.poll() is None:
        os.kill(p.pid, signal.SIGKILL)
    status = p.wait()
    s.check("resume: sweep still running when killed (make it bigger if not)",
            running and status == -signal.SIGKILL, "status %r" % status)
    before = count_lines(os.path.join(killed, "runs.jsonl"))
    s.check("resume: killed sweep left fewer lines than runs (%d < %d)"
            % (before, total), 0 < before < total, str(before))
    man = load_json(os.path.join(killed, "manifest.json")) or {}
    s.check("resume: killed sweep's manifest says running",
            man.get("status") == "running" and man.get("attempts") == 1,
            repr({k: man.get(k) for k in ("status", "attempts")}))
    s.check("resume: killed sweep wrote no summary",
            not os.path.exists(os.path.join(killed, "summary.json")))
    # A crash in the middle of a write leaves half a line at the end.
    runs_path = os.path.join(killed, "runs.jsonl")
    data = clitest.read_bytes(runs_path) or b""
    last = data.rstrip(b"\n").split(b"\n")[-1]
    with open(runs_path, "ab") as f:
        f.write(last[:len(last) // 2])
    r = s.run("sweep", "big.json", "-j", "2", "--out", "killed", cwd=d,
              timeout=120)
    s.check("resume: second attempt exits 0", r.status == 0, r.err[-1000:])
    m = re.search(r"(\d+) runs \((\d+) this time", r.err)
    s.check("resume: runs only what was missing (%d of %d)"
            % (total - before, total),
            m and int(m.group(1)) == total and
            int(m.group(2)) == total - before, r.err[-300:])
    sweep_ok(s, "resume: uninterrupted sweep", "big.json", "-j", "2",
             "--out", "whole", "-q", cwd=d)
    whole = os.path.join(d, "whole")
    same_outputs(s, "resume: killed + resumed vs uninterrupted", killed,
                 whole)
    man = load_json(os.path.join(killed, "manifest.json")) or {}
    s.check("resume: manifest complete, attempts 2, runs_done %d" % total,
            man.get("status") == "complete" and man.get("attempts") == 2 and
            man.get("runs_done") == total,
            repr({k: man.get(k) for k in ("status", "attempts",
                                          "runs_done")}))
    mw = load_json(os.path.join(whole, "manifest.json")) or {}
    s.check("resume: manifest started time kept from the first attempt",
            man.get("started") and man.get("started") <= mw.get("started",
                                                                 ""),
            "%r vs %r" % (man.get("started"), mw.get("started")))

    # Reopening a finished sweep with half a line appended: nothing to run,
    # the same files again.
    saved = {f: clitest.read_bytes(os.path.join(whole, f)) for f in OUTPUT_FILES}
    first = (saved["runs.jsonl"] or b"").split(b"\n")[0]
    with open(os.path.join(whole, "runs.jsonl"), "ab") as f:
        f.write(first[:len(first) // 2])
    r = s.run("sweep", "big.json", "-j", "2", "--out", "whole", cwd=d)
    s.check("reopen finished sweep with a cut line: exit 0", r.status == 0,
            r.err[-1000:])
    s.check("reopen finished sweep: 0 runs this time",
            "(0 this time" in r.err, r.err[-300:])
    for f in OUTPUT_FILES:
        s.check("reopen finished sweep: %s unchanged" % f,
                saved[f] is not None and
                clitest.read_bytes(os.path.join(whole, f)) == saved[f])
    mw = load_json(os.path.join(whole, "manifest.json")) or {}
    s.check("reopen finished sweep: attempts 2, complete",
            mw.get("attempts") == 2 and mw.get("status") == "complete",
            repr(mw.get("attempts")))

    # SIGINT: the runs in flight are written, the sweep says how to resume
    # and exits 1; the same command then finishes it.
    p = subprocess.Popen([s.binary, "sweep", "big.json", "-j", "2", "--out",
                          "int"], cwd=d, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         env=small_env())
    start = time.monotonic()
    running = False
    while time.monotonic() - start < 30 and p.poll() is None:
        if count_lines(os.path.join(d, "int", "runs.jsonl")) >= total // 5:
            running = p.poll() is None
            break
        time.sleep(0.01)
    if p.poll() is None:
        os.kill(p.pid, signal.SIGINT)
    try:
        _, err = p.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        p.kill()
        _, err = p.communicate()
    err = err.decode("utf-8", "replace")
    s.check("SIGINT: sweep still running when interrupted", running)
    s.check("SIGINT: exit 1", p.returncode == 1,
            "got %s; %r" % (p.returncode, err[-500:]))
    m = re.search(r"interrupted after (\d+) of (\d+) runs; run the same "
                  r"command again to resume", err)
    s.check("SIGINT: says how far it got and how to resume", m, repr(err))
    data = clitest.read_bytes(os.path.join(d, "int", "runs.jsonl")) or b""
    s.check("SIGINT: runs.jsonl ends with a whole line, as many as reported",
            data.endswith(b"\n") and m and
            data.count(b"\n") == int(m.group(1)) and int(m.group(2)) == total,
            "%d lines" % data.count(b"\n"))
    man = load_json(os.path.join(d, "int", "manifest.json")) or {}
    s.check("SIGINT: manifest still running", man.get("status") == "running")
    r = s.run("sweep", "big.json", "-j", "1", "--out", "int", "-q", cwd=d,
              timeout=120)
    s.check("SIGINT: resuming exits 0", r.status == 0, r.err[-500:])
    same_outputs(s, "SIGINT + resume vs uninterrupted",
                 os.path.join(d, "int"), whole)


# ---- 5. a changed spec is refused ----

def changed_spec(s):
    d = s.fresh_dir("changed")
    spec = {"name": "ch", "set": {"run.ticks": 10}, "replications": 3,
            "seed": 5}
    write_spec(d, "ch.json", spec)
    sweep_ok(s, "changed spec: first sweep", "ch.json", "--out", "o", "-q",
             cwd=d)
    saved = {f: clitest.read_bytes(os.path.join(d, "o", f))
             for f in OUTPUT_FILES + ("manifest.json",)}
    spec["replications"] = 4
    write_spec(d, "ch.json", spec)
    r = s.run("sweep", "ch.json", "--out", "o", "-q", cwd=d)
    s.check("changed spec: exit 2", r.status == 2,
            "got %s; %r" % (r.status, r.err))
    s.check("changed spec: message names manifest.json",
            "o/manifest.json" in r.err, repr(r.err))
    s.check("changed spec: message says the sweep changed",
            "different sweep" in r.err and "changed" in r.err, repr(r.err))
    s.check("changed spec: folder left as it was",
            all(clitest.read_bytes(os.path.join(d, "o", f)) == saved[f]
                for f in saved))
    spec["replications"] = 3
    spec["set"]["run.ticks"] = 11
    write_spec(d, "ch.json", spec)
    r = s.run("sweep", "ch.json", "--out", "o", "-q", cwd=d)
    s.check("changed set (run.ticks): exit 2", r.status == 2,
            "got %s; %r" % (r.status, r.err))


# ---- 6. shards and merge, and the Slurm script ----

def shards(s):
    d = s.fresh_dir("shards")
    spec = {"name": "sh", "base": {"preset": "free-rider-collapse"},
            "set": {"run.ticks": 30},
            "axes": [{"path": "governance.mode", "values": ["shared", "nao"]},
                     {"path": "cost_sharing.rule",
                      "values": ["equal", "capacity"]}],
            "replications": 4, "seed": 9}
    write_spec(d, "sh.json", spec)
    sweep_ok(s, "unsharded", "sh.json", "--out", "all", "-q", cwd=d)
    for i in (1, 2, 3):
        sweep_ok(s, "shard %d/3" % i, "sh.json", "--shard", "%d/3" % i,
                 "--out", "s%d" % i, "-q", cwd=d)
        runs = load_runs(os.path.join(d, "s%d" % i, "runs.jsonl"))
        s.check("shard %d/3: runs r with r %% 3 == %d, in order"
                % (i, i - 1),
                [r["run"] for r in runs] == list(range(i - 1, 16, 3)),
                repr([r["run"] for r in runs]))
        man = load_json(os.path.join(d, "s%d" % i, "manifest.json")) or {}
        s.check("shard %d/3: manifest shard %d/3, complete" % (i, i),
                man.get("shard") == "%d/3" % i and
                man.get("status") == "complete")
        s.check("shard %d/3: no summary for a single shard" % i,
                not os.path.exists(os.path.join(d, "s%d" % i,
                                                "summary.json")))
    r = s.run("merge", "--out", "m", "s1", "s2", "s3", cwd=d)
    s.check("merge 3 shards: exit 0", r.status == 0, r.err)
    same_outputs(s, "merge vs unsharded", os.path.join(d, "m"),
                 os.path.join(d, "all"))
    man = load_json(os.path.join(d, "m", "manifest.json")) or {}
    s.check("merged manifest: complete, shard 1/1, 16 runs done, "
            "merged_from", man.get("status") == "complete" and
            man.get("shard") == "1/1" and man.get("runs_done") == 16 and
            man.get("merged_from") == ["s1", "s2", "s3"], repr(man)[:500])
    r = s.run("merge", "--out", "m2", "s3", "s1", "s2", cwd=d)
    s.check("merge in another order: exit 0", r.status == 0, r.err)
    same_outputs(s, "merge in another order vs unsharded",
                 os.path.join(d, "m2"), os.path.join(d, "all"))

    r = s.run("merge", "--out", "bad", "s1", "s2", cwd=d)
    s.check("merge with a missing shard: exit 2", r.status == 2,
            "got %s; %r" % (r.status, r.err))
    s.check("merge with a missing shard: message names a shard folder "
            "and the shards found", "netgov: s1: " in r.err and
            "1/3" in r.err, repr(r.err))
    s.check("merge with a missing shard: message names the missing shard "
            "(3/3)", "3/3" in r.err, repr(r.err))
    s.check("merge with a missing shard: no output folder",
            not os.path.exists(os.path.join(d, "bad")))
    r = s.run("merge", "--out", "bad", "s1", "s1", "s3", cwd=d)
    s.check("merge with a shard twice: exit 2", r.status == 2,
            "got %s; %r" % (r.status, r.err))
    r = s.run("merge", "--out", "bad", "s1", "all", "s3", cwd=d)
    s.check("merge with an unsharded folder: exit 2", r.status == 2,
            "got %s; %r" % (r.status, r.err))
    r = s.run("sweep", "sh.json", "--shard", "2/3", "--out", "s1", "-q",
              cwd=d)
    s.check("another shard into a shard's folder: exit 2, explained",
            r.status == 2 and "s1/manifest.json" in r.err and
            "shard 1/3, not 2/3" in r.err, repr(r.err))
    shutil.copytree(os.path.join(d, "s2"), os.path.join(d, "s2run"))
    mpath = os.path.join(d, "s2run", "manifest.json")
    man = load_json(mpath) or {}
    man["status"] = "running"
    with open(mpath, "w") as f:
        json.dump(man, f)
    r = s.run("merge", "--out", "bad", "s1", "s2run", "s3", cwd=d)
    s.check("merge with an unfinished shard: exit 2, explained",
            r.status == 2 and "netgov: s2run: " in r.err and
            "expected a complete shard" in r.err, repr(r.err))
    r = s.run("merge", "s1", "s2", "s3", cwd=d)
    s.check("merge without --out: exit 2 with usage", r.status == 2 and
            "expected --out DIR" in r.err, repr(r.err))
    s.check("failed merges wrote nothing",
            not os.path.exists(os.path.join(d, "bad")))
    for arg in ("0/3", "4/3", "1/3x", "x"):
        r = s.run("sweep", "sh.json", "--shard", arg, "--out", "u", cwd=d)
        s.check("--shard %s: exit 2" % arg, r.status == 2 and
                "--shard expects i/n" in r.err, repr(r.err))
    s.check("bad --shard wrote nothing",
            not os.path.exists(os.path.join(d, "u")))
    slurm(s, d)


def slurm(s, d):
    script = s.src("scripts", "slurm-sweep.sh")
    text = (clitest.read_bytes(script) or b"").decode("utf-8")
    s.check("slurm-sweep.sh: exists with #SBATCH --array and the merge step",
            "#SBATCH --array=1-" in text and "netgov merge --out" in text,
            script)
    r = subprocess.run(["bash", "-n", script], capture_output=True)
    s.check("slurm-sweep.sh: bash -n accepts it", r.returncode == 0,
            r.stderr.decode()[-500:])
    base = {k: v for k, v in os.environ.items()
            if not k.startswith("SLURM_") and k != "SHARDS"}
    base.setdefault("ASAN_OPTIONS", "detect_leaks=1")
    out = os.path.join(d, "slurm")
    base.update(SPEC=os.path.join(d, "sh.json"), OUT=out, NETGOV=s.binary)

    def task(env_extra, out_dir=out):
        env = dict(base, OUT=out_dir, **env_extra)
        return subprocess.run(["bash", script], cwd=d, env=env,
                              stdin=subprocess.DEVNULL, capture_output=True,
                              timeout=120)

    for i in (1, 2, 3):
        extra = {"SLURM_ARRAY_TASK_ID": str(i), "SLURM_ARRAY_TASK_COUNT": "3"}
        if i == 1:
            extra["SLURM_CPUS_PER_TASK"] = "2"
        r = task(extra)
        s.check("slurm task %d/3: exit 0, progress in the task's log" % i,
                r.returncode == 0 and r.stdout == b""
                and (b"shard %d/3" % i) in r.stderr,
                "%s %r" % (r.returncode, r.stderr[-500:]))
    dirs = [os.path.join(out, "shard-%d" % i) for i in (1, 2, 3)]
    mans = [load_json(os.path.join(x, "manifest.json")) or {} for x in dirs]
    s.check("slurm: shard-i folders hold shards i/3",
            [m.get("shard") for m in mans] == ["1/3", "2/3", "3/3"],
            repr([m.get("shard") for m in mans]))
    s.check("slurm: -j from SLURM_CPUS_PER_TASK (2), else 1",
            [m.get("threads") for m in mans] == [2, 1, 1],
            repr([m.get("threads") for m in mans]))
    r = s.run("merge", "--out", os.path.join(out, "all"), *dirs, cwd=d)
    s.check("slurm: merge exits 0", r.status == 0, r.err)
    same_outputs(s, "slurm shards merged vs unsharded",
                 os.path.join(out, "all"), os.path.join(d, "all"))
    r = task({"SLURM_ARRAY_TASK_ID": "2", "SHARDS": "3"},
             os.path.join(d, "slurm-shards"))
    s.check("slurm: SHARDS stands in for SLURM_ARRAY_TASK_COUNT",
            r.returncode == 0 and
            clitest.read_bytes(os.path.join(d, "slurm-shards", "shard-2",
                                    "runs.jsonl")) ==
            clitest.read_bytes(os.path.join(dirs[1], "runs.jsonl")),
            r.stderr.decode()[-500:])
    r = task({"SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_COUNT": "3"},
             os.path.join(d, "slurm-bad"))
    s.check("slurm: task id beyond the count fails",
            r.returncode != 0 and
            not os.path.exists(os.path.join(d, "slurm-bad", "shard-4")),
            r.stderr.decode()[-300:])
    r = task({"SLURM_ARRAY_TASK_COUNT": "3"}, os.path.join(d, "slurm-bad"))
    s.check("slurm: no task id fails with a message",
            r.returncode != 0 and b"SLURM_ARRAY_TASK_ID" in r.stderr,
            r.stderr.decode()[-300:])


# ---- 7. --design tables ----

def design_files(s):
    d = s.fresh_dir("design")
    rows = [("a", "shared", 0.2), ("b", "nao", 0.5), ("c", "nao", 0.8)]
    with open(os.path.join(d, "d.csv"), "w") as f:
        f.write("id,governance.mode,governance.nao.monitoring\n")
        for row in rows:
            f.write("%s,%s,%s\n" % row)
    with open(os.path.join(d, "d.json"), "w") as f:
        json.dump([{"id": i, "governance.mode": g,
                    "governance.nao.monitoring": m} for i, g, m in rows], f)
    write_spec(d, "ds.json", {"name": "ds", "base":
                              {"preset": "free-rider-collapse"},
                              "set": {"run.ticks": 30},
                              "replications": 2, "seed": 5})
    for kind in ("csv", "json"):
        sweep_ok(s, "--design d.%s" % kind, "ds.json", "--design",
                 "d." + kind, "--out", kind, "-q", cwd=d)
        runs = load_runs(os.path.join(d, kind, "runs.jsonl"))
        s.check("--design d.%s: 3 rows x 2 replications" % kind,
                len(runs) == 6, str(len(runs)))
        s.check("--design d.%s: ids are the rows' ids in order" % kind,
                [r.get("id") for r in runs] == ["a", "a", "b", "b", "c", "c"],
                repr([r.get("id") for r in runs]))
        s.check("--design d.%s: params equal the rows" % kind,
                [r.get("params") for r in runs] ==
                [{"governance.mode": g, "governance.nao.monitoring": m}
                 for _, g, m in rows for _ in (0, 1)],
                repr([r.get("params") for r in runs]))
        man = load_json(os.path.join(d, kind, "manifest.json")) or {}
        s.check("--design d.%s: manifest records the design file" % kind,
                man.get("design_file") == "d." + kind and
                man.get("points") == 3, repr(man.get("design_file")))
        summ = load_json(os.path.join(d, kind, "summary.json")) or {}
        s.check("--design d.%s: summary points carry the ids" % kind,
                [p.get("id") for p in summ.get("points", [])] ==
                ["a", "b", "c"])
    same_outputs(s, "--design CSV vs JSON", os.path.join(d, "csv"),
                 os.path.join(d, "json"))

    with open(os.path.join(d, "d.csv"), "a") as f:
        f.write("d,lead,0.3\n")
    r = s.run("sweep", "ds.json", "--design", "d.csv", "--out", "csv", "-q",
              cwd=d)
    s.check("--design changed since the first attempt: exit 2, names the "
            "manifest", r.status == 2 and "csv/manifest.json" in r.err and
            "changed" in r.err, repr(r.err))
    with open(os.path.join(d, "bad.csv"), "w") as f:
        f.write("id,governance.mode,governance.nao.monitorin\na,nao,0.2\n")
    r = s.run("sweep", "ds.json", "--design", "bad.csv", "--out", "bad",
              cwd=d)
    s.check("--design with an unknown column: exit 2", r.status == 2,
            "got %s; %r" % (r.status, r.err))
    s.check("--design with an unknown column: names the column",
            "governance.nao.monitorin" in r.err and
            "did you mean \"governance.nao.monitoring\"?" in r.err,
            repr(r.err))
    s.check("--design with an unknown column: nothing written",
            not os.path.exists(os.path.join(d, "bad")))
    write_spec(d, "axes.json", {"name": "ax", "set": {"run.ticks": 10},
                                "axes": [{"path": "governance.mode",
                                          "values": ["nao"]}]})
    r = s.run("sweep", "axes.json", "--design", "d.csv", "--out", "bad",
              cwd=d)
    s.check("--design with a spec that has axes: exit 2", r.status == 2,
            "got %s; %r" % (r.status, r.err))
    s.check("--design with a spec that has axes: explains",
            "expected no axes in a spec used with --design" in r.err,
            repr(r.err))
    s.check("--design with axes: nothing written",
            not os.path.exists(os.path.join(d, "bad")))
    r = s.run("sweep", "ds.json", "--design", "missing.csv", "--out", "bad",
              cwd=d)
    s.check("--design missing file: exit 2 naming it",
            r.status == 2 and "missing.csv" in r.err, repr(r.err))


# ---- 8. failed runs ----

def failed_runs(s):
    d = s.fresh_dir("failed")
    write_spec(d, "lp.json", {
        "name": "lp", "set": {"run.ticks": 20, "governance.mode": "shared"},
        "axes": [{"path": "cost_sharing.rule",
                  "values": ["equal", "lead_pays", "capacity"]}],
        "replications": 3, "seed": 5})
    r = s.run("sweep", "lp.json", "--out", "o", "-q", cwd=d)
    s.check("lead_pays under shared: sweep exits 0", r.status == 0, r.err)
    runs = load_runs(os.path.join(d, "o", "runs.jsonl"))
    bad = [x for x in runs if x["params"]["cost_sharing.rule"] == "lead_pays"]
    good = [x for x in runs if x not in bad]
    s.check("failed runs: 9 lines, 3 of them lead_pays",
            len(runs) == 9 and len(bad) == 3)
    s.check("failed runs: lead_pays lines carry error {code, where, message}",
            bad and all(isinstance(x.get("error"), dict) and
                        set(x["error"]) == {"code", "where", "message"}
                        for x in bad), repr(bad[:1])[:400])
    s.check("failed runs: the error is the config check's",
            bad and all(x["error"]["code"] == "ECONFIG" and
                        x["error"]["where"] == "cost_sharing.rule" and
                        "lead" in x["error"]["message"] for x in bad),
            repr(bad[0].get("error") if bad else None))
    s.check("failed runs: still have run, point, id, rep, seed, params",
            all(all(k in x for k in LINE_KEYS[:6]) for x in bad))
    s.check("failed runs: no outcome, summary or series",
            all(not any(k in x for k in ("outcome", "summary", "series"))
                for x in bad))
    s.check("failed runs: the other points ran",
            len(good) == 6 and all("error" not in x and "summary" in x
                                   for x in good))
    man = load_json(os.path.join(d, "o", "manifest.json")) or {}
    s.check("failed runs: manifest runs_failed 3, complete",
            man.get("runs_failed") == 3 and man.get("status") == "complete",
            repr(man.get("runs_failed")))
    summ = load_json(os.path.join(d, "o", "summary.json")) or {}
    pts = summ.get("points", [])
    s.check("failed runs: summary.json failed 3 for the lead_pays point, "
            "0 elsewhere", [p.get("failed") for p in pts] == [0, 3, 0],
            repr([p.get("failed") for p in pts]))
    try:
        with open(os.path.join(d, "o", "summary.csv"), newline="") as f:
            rows = list(csv.reader(f))
    except OSError:
        rows = []
    s.check("failed runs: summary.csv rows as wide as the header",
            len(rows) == 4 and all(len(x) == len(rows[0]) for x in rows))


# ---- 9. --series ----

def series_docs(s):
    d = s.fresh_dir("series")
    write_spec(d, "se.json", {"name": "se", "set": {"run.ticks": 15},
                              "axes": [{"path": "governance.mode",
                                        "values": ["shared", "nao"]}],
                              "replications": 2, "seed": 4})
    sweep_ok(s, "--series", "se.json", "--series", "--out", "with", "-q",
             cwd=d)
    sweep_ok(s, "without --series", "se.json", "--out", "without", "-q",
             cwd=d)
    files = sorted(os.listdir(os.path.join(d, "with", "runs"))) \
        if os.path.isdir(os.path.join(d, "with", "runs")) else []
    s.check("--series: runs/run-000000.json .. run-000003.json",
            files == ["run-%06d.json" % i for i in range(4)], repr(files))
    runs = load_runs(os.path.join(d, "with", "runs.jsonl"))
    for i, name in enumerate(files):
        doc = load_json(os.path.join(d, "with", "runs", name))
        line = runs[i] if i < len(runs) else {}
        ok = (doc and "format_version" in doc and
              doc.get("seed") == line.get("seed") and
              doc["config"]["governance"]["mode"] ==
              line["params"]["governance.mode"] and
              doc["summary"]["outcome"] == line["outcome"])
        s.check("--series: %s is a run document (format_version) of run %d"
                % (name, i), ok)
        if not ok:
            continue
        # runs.jsonl keeps the key series to 9 significant digits; the
        # document has them in full.
        series_ok = all(
            len(doc["series"][k]) >= len(line["series"][k]) and
            all(close(a, b, 1e-8) for a, b in
                zip(doc["series"][k], line["series"][k]))
            for k in line["series"] if k != "tick")
        s.check("--series: %s series agree with the run line" % name,
                series_ok)
        nums = [k for k, v in line["summary"].items()
                if isinstance(v, float)]
        s.check("--series: %s summary agrees with the run line (1e-12)"
                % name, all(close(doc["summary"][k], line["summary"][k],
                                  1e-12) for k in nums))
        # Both files say their numbers read back exactly, so the same
        # double must print the same.
        differ = [(k, doc["summary"][k], line["summary"][k]) for k in nums
                  if doc["summary"][k] != line["summary"][k]]
        s.check("--series: %s summary numbers equal the run line's exactly"
                % name, not differ, repr(differ))
        last = {k: doc["series"][m][-1] for k, m in
                (("final_system_trust", "system_trust"),
                 ("final_interpersonal_trust", "interpersonal_trust"))}
        s.check("--series: %s summary final trusts equal the last tick of "
                "its own series exactly" % name,
                all(doc["summary"][k] == v for k, v in last.items()),
                repr([(k, doc["summary"][k], v) for k, v in last.items()]))
    s.check("without --series: no runs/ folder",
            not os.path.exists(os.path.join(d, "without", "runs")))
    same_outputs(s, "--series does not change the outputs",
                 os.path.join(d, "with"), os.path.join(d, "without"))


# ---- 10. --quiet and progress ----

def progress(s):
    d = s.fresh_dir("progress")
    write_spec(d, "p.json", {"name": "p", "set": {"run.ticks": 10},
                             "replications": 10, "seed": 2})
    r = s.run("sweep", "p.json", "--out", "q", "--quiet", cwd=d)
    s.check("--quiet: exit 0, nothing on stderr or stdout",
            r.status == 0 and r.err == "" and r.out == b"",
            repr(r.err))
    r = s.run("sweep", "p.json", "--out", "v", cwd=d)
    s.check("no --quiet: exit 0", r.status == 0, r.err)
    s.check("no --quiet, not a terminal: progress line "
            "\"netgov: 10/10 runs\"",
            re.search(r"^netgov: 10/10 runs", r.err, re.M), repr(r.err))
    s.check("no --quiet: no terminal control characters", "\r" not in r.err)
    s.check("no --quiet: final line names the folder",
            "10 runs (10 this time" in r.err and "wrote v/" in r.err,
            repr(r.err))
    s.check("sweep prints nothing on stdout", r.out == b"")


# ---- 11. bad specs ----

def error_lines(err):
    return [line for line in err.splitlines() if line.startswith("netgov: ")]


def bad_specs(s):
    data, cases = s.error_cases("bad_specs", "bad specs")
    for name in sorted(cases):
        want = cases[name]
        if not os.path.isfile(os.path.join(data, name)):
            continue
        for cmd in want.get("commands", ["sweep"]):
            d = s.fresh_dir("badspec")
            shutil.copy(os.path.join(data, name), os.path.join(d, name))
            label = "%s (%s)" % (name, cmd)
            r = s.run(cmd, name, cwd=d)
            s.check("%s: exit status %d" % (label, want["status"]),
                    r.status == want["status"],
                    "got %s; stderr %r" % (r.status, r.err))
            s.check("%s: nothing on stdout" % label, r.out == b"",
                    repr(r.text[:200]))
            missing = [f for f in want.get("stderr_contains", [])
                       if f not in r.err]
            s.check("%s: stderr holds what was expected and found" % label,
                    not missing, "missing %r in %r" % (missing, r.err))
            lines = error_lines(r.err)
            s.check("%s: every stderr line is `netgov: ...`" % label,
                    lines and len(lines) == len(r.err.splitlines()),
                    repr(r.err))
            for path in want.get("paths", []):
                path = path.replace("{file}", name)
                heads = ("netgov: %s: " % path, "netgov: %s:%s: "
                         % (name, path))
                s.check("%s: stderr names the field path %s" % (label, path),
                        any(line.startswith(h) for line in lines
                            for h in heads), repr(r.err))
            vague = [line for line in lines if "unknown key" not in line and
                     not ("expected" in line and "found" in line)]
            s.check("%s: every error says what was expected and what was "
                    "found" % label, not vague, repr(vague))
            if "errors" in want:
                s.check("%s: exactly %d error line(s)"
                        % (label, want["errors"]),
                        len(lines) == want["errors"],
                        "%d: %r" % (len(lines), r.err))
            left = clitest.listdir_recursive(d)
            s.check("%s: no output folder written" % label, left == [name],
                    repr(left))


def usage_errors(s):
    d = s.fresh_dir("usage")
    write_spec(d, "ok.json", {"name": "ok", "set": {"run.ticks": 5}})
    write_spec(d, "sens.json", {
        "name": "sens", "set": {"run.ticks": 5},
        "axes": [{"path": "governance.nao.monitoring", "min": 0.1,
                  "max": 0.9}],
        "sensitivity": {"method": "sobol", "samples": 4}})
    cases = [
        ("sweep: no spec", ["sweep"], ["missing the experiment spec"]),
        ("sweep: missing spec file", ["sweep", "missing.json"],
         ["missing.json", "cannot open"]),
        ("sweep: two specs", ["sweep", "ok.json", "ok.json"],
         ["more than one experiment spec"]),
        ("sweep: unknown option", ["sweep", "ok.json", "--bogus"],
         ["unknown option --bogus"]),
        ("sweep: -j 0", ["sweep", "ok.json", "-j", "0"],
         ["-j expects 1 to 1024 threads, found 0"]),
        ("sweep: --out without value", ["sweep", "ok.json", "--out"],
         ["missing value after --out"]),
        ("sweep: a sensitivity spec", ["sweep", "sens.json"],
         ["run it with netgov sensitivity"]),
        ("sensitivity: a spec without sensitivity",
         ["sensitivity", "ok.json"],
         ["expected a \"sensitivity\" section"]),
    ]
    for label, args, fragments in cases:
        r = s.run(*args, cwd=d)
        s.check("%s: exit 2" % label, r.status == 2,
                "got %s; %r" % (r.status, r.err))
        missing = [f for f in fragments if f not in r.err]
        s.check("%s: stderr explains" % label, not missing,
                "missing %r in %r" % (missing, r.err))
    s.check("usage errors: nothing written",
            clitest.listdir_recursive(d) == ["ok.json", "sens.json"],
            repr(clitest.listdir_recursive(d)))


# ---- 12. compare ----

def compare(s):
    d = s.fresh_dir("compare")
    base = ["compare", "--preset", "free-rider-collapse", "--reps", "5"]
    r = s.run(*base, "--out", "F.json", cwd=d)
    s.check("compare: exit 0", r.status == 0, r.err[-1000:])
    out = r.text
    s.check("compare: table header names governance and cost rule",
            re.search(r"^\s*#\s+governance\s+cost rule", out, re.M),
            out[:600])
    for g in ("shared", "nao"):
        s.check("compare: lead_pays listed as not applicable for %s" % g,
                re.search(r"not applicable: %s \+ lead_pays" % g, out),
                out[-800:])
    s.check("compare: names the best combination", "best: " in out)
    doc = load_json(os.path.join(d, "F.json"))
    if not s.check("compare: --out is JSON with a ranking",
                   doc and isinstance(doc.get("ranking"), list)):
        return
    ranking = doc["ranking"]
    r = s.run("params", "--json")
    params = {p["path"]: p for p in (clitest.try_json(r.text)[0] or [])}
    modes = params.get("governance.mode", {}).get("choices", [])
    rules = params.get("cost_sharing.rule", {}).get("choices", [])
    combos = sorted((g, c) for g in modes for c in rules)
    listed = sorted([(x.get("governance"), x.get("cost_rule"))
                     for x in ranking] +
                    [(x.get("governance"), x.get("cost_rule"))
                     for x in doc.get("not_applicable", [])])
    s.check("compare: ranking + not_applicable = every mode x rule once "
            "(%d)" % len(combos), combos and listed == combos, repr(listed))
    # Not applicable: a cost rule that needs a lead under a mode without.
    caps = {(fam, x["name"]): set(x.get("capabilities", []))
            for fam in ("governance.mode", "cost_sharing.rule")
            for x in params.get(fam, {}).get("rules", [])}
    want = sorted((g, c) for g in modes for c in rules
                  if "needs_lead" in caps.get(("cost_sharing.rule", c), ())
                  and "has_lead" not in caps.get(("governance.mode", g), ()))
    s.check("compare: not_applicable is every mode without a lead + every "
            "rule that needs one (%s)" % want,
            want and sorted((x.get("governance"), x.get("cost_rule"))
                            for x in doc.get("not_applicable", [])) == want)
    s.check("compare: one table row per ranked combination",
            len(re.findall(r"^\s*\d+\s+(%s)\s+\w+" % "|".join(modes), out,
                           re.M)) == len(ranking))
    fields_ok = all(
        isinstance(x.get("rank"), int) and
        x.get("params", {}).get("governance.mode") == x.get("governance") and
        x.get("params", {}).get("cost_sharing.rule") == x.get("cost_rule") and
        all(isinstance(x.get("metrics", {}).get("cumulative_value", {})
                       .get(k), (int, float))
            for k in ("mean", "ci_low", "ci_high"))
        for x in ranking)
    s.check("compare: entries have rank, governance, cost_rule, "
            "metrics.cumulative_value.{mean,ci_low,ci_high}", fields_ok)
    s.check("compare: ranks 1..n", [x.get("rank") for x in ranking] ==
            list(range(1, len(ranking) + 1)))
    means = [x["metrics"]["cumulative_value"]["mean"] for x in ranking]
    s.check("compare: sorted by mean cumulative_value, descending",
            means == sorted(means, reverse=True), repr(means))
    s.check("compare: intervals contain the means",
            all(x["metrics"]["cumulative_value"]["ci_low"] <= m <=
                x["metrics"]["cumulative_value"]["ci_high"]
                for x, m in zip(ranking, means)))
    s.check("compare: 5 runs per combination, rank_by cumulative_value",
            all(x.get("runs") == 5 for x in ranking) and
            doc.get("replications") == 5 and
            doc.get("rank_by") == "cumulative_value" and
            doc.get("lower_is_better") is False)
    first = clitest.read_bytes(os.path.join(d, "F.json"))
    r = s.run(*base, "--out", "F2.json", cwd=d)
    s.check("compare twice: byte-identical --out",
            r.status == 0 and clitest.read_bytes(os.path.join(d, "F2.json")) == first)
    s.check("compare twice: identical table", r.text == out)
    r1 = s.run(*base, "-j", "1", "--out", "J1.json", cwd=d)
    r2 = s.run(*base, "-j", "2", "--out", "J2.json", cwd=d)
    s.check("compare -j 1 vs -j 2: byte-identical --out",
            r1.status == 0 and r2.status == 0 and
            clitest.read_bytes(os.path.join(d, "J1.json")) ==
            clitest.read_bytes(os.path.join(d, "J2.json")) == first)
    r = s.run(*base, "--rank-by", "small_partners_left", "--out", "S.json",
              cwd=d)
    s.check("compare --rank-by small_partners_left: exit 0", r.status == 0,
            r.err[-500:])
    sd = load_json(os.path.join(d, "S.json")) or {}
    vals = [x["metrics"]["small_partners_left"]["mean"]
            for x in sd.get("ranking", [])]
    s.check("compare --rank-by small_partners_left: ascending",
            vals and vals == sorted(vals), repr(vals))
    s.check("compare --rank-by small_partners_left: lower_is_better",
            sd.get("lower_is_better") is True and
            sd.get("rank_by") == "small_partners_left")
    s.check("compare --rank-by small_partners_left: table says lower",
            "lower is better" in r.text)
    r = s.run(*base, "--rank-by", "bogus", "--out", "B.json", cwd=d)
    s.check("compare --rank-by bogus: exit 2", r.status == 2,
            "got %s; %r" % (r.status, r.err))
    s.check("compare --rank-by bogus: explains",
            "--rank-by" in r.err and "found \"bogus\"" in r.err, repr(r.err))
    s.check("compare --rank-by bogus: no --out written",
            not os.path.exists(os.path.join(d, "B.json")))
    r = s.run("compare", "--reps", "1", cwd=d)
    s.check("compare --reps 1: exit 2", r.status == 2 and
            "--reps expects 2" in r.err, repr(r.err))


# ---- 13. sensitivity ----

def sensitivity(s):
    d = s.fresh_dir("sens")
    axes = [{"path": "governance.shared.monitoring", "min": 0.0, "max": 0.8},
            {"path": "behaviour.trust_sensitivity", "min": 0.1, "max": 1.0}]
    names = [a["path"] for a in axes]
    sob = {"name": "sob", "base": {"preset": "free-rider-collapse"},
           "set": {"run.ticks": 30}, "axes": axes,
           "sensitivity": {"method": "sobol", "samples": 16, "bootstrap": 50,
                           "outputs": ["cumulative_value", "survival"]},
           "replications": 2, "seed": 9}
    write_spec(d, "sob.json", sob)
    r = s.run("sensitivity", "sob.json", "-j", "2", "--out", "sob", cwd=d)
    s.check("sobol: exit 0", r.status == 0, r.err[-1000:])
    out = r.text
    s.check("sobol: prints a table per output",
            "Sobol indices of cumulative_value" in out and
            "Sobol indices of survival" in out and
            "first order S_i" in out and "total S_Ti" in out, out[:800])
    s.check("sobol: the table names both parameters",
            all(n in out for n in names))
    s.check("sobol: says where it wrote",
            "sob/sensitivity.json" in out)
    n_lines = count_lines(os.path.join(d, "sob", "runs.jsonl"))
    s.check("sobol: runs.jsonl has 16 x (2 + 2) x 2 = 128 lines",
            n_lines == 128, str(n_lines))
    for f in ("summary.json", "summary.csv", "sensitivity.csv"):
        s.check("sobol: %s written" % f,
                os.path.isfile(os.path.join(d, "sob", f)))
    man = load_json(os.path.join(d, "sob", "manifest.json")) or {}
    s.check("sobol: manifest command sensitivity, 64 points",
            man.get("command") == "sensitivity" and man.get("points") == 64)
    doc = load_json(os.path.join(d, "sob", "sensitivity.json")) or {}
    s.check("sobol: sensitivity.json method, samples, points",
            doc.get("method") == "sobol" and doc.get("samples") == 16 and
            doc.get("points") == 64 and doc.get("replications") == 2,
            repr({k: doc.get(k) for k in ("method", "samples", "points")}))
    outputs = doc.get("outputs", {})
    s.check("sobol: outputs are the requested ones, in order",
            list(outputs) == ["cumulative_value", "survival"],
            repr(list(outputs)))
    keys = {"parameter", "first", "first_low", "first_high", "total",
            "total_low", "total_high"}
    for o, rows in outputs.items():
        s.check("sobol: %s: one row per parameter, in axis order" % o,
                [x.get("parameter") for x in rows] == names)
        s.check("sobol: %s: rows have first, total and intervals" % o,
                all(set(x) == keys for x in rows), repr(rows[:1]))
    cv = outputs.get("cumulative_value", [])
    s.check("sobol: cumulative_value indices are numbers, total >= 0, "
            "low <= high",
            cv and all(isinstance(x.get(k), (int, float)) for x in cv
                       for k in keys - {"parameter"}) and
            all(x["total"] >= 0 and x["first_low"] <= x["first_high"] and
                x["total_low"] <= x["total_high"] for x in cv), repr(cv))
    # Saltelli's design in the run lines: A (rows 0..n-1), B (n..2n-1),
    # AB_i (rows (2+i)n + j) = A_j with column i from B_j.
    runs = load_runs(os.path.join(d, "sob", "runs.jsonl"))
    pts = [runs[2 * p]["params"] for p in range(64)] if len(runs) == 128 \
        else []
    n = 16
    ok = bool(pts)
    for i, name in enumerate(names):
        for j in range(n if pts else 0):
            a, b, ab = pts[j], pts[n + j], pts[(2 + i) * n + j]
            ok = ok and ab == {k: (b[k] if k == name else a[k]) for k in a}
    s.check("sobol: design is A, B and AB_i (A with column i from B)", ok)
    s.check("sobol: design within the axes' ranges",
            pts and all(a["min"] <= p[a["path"]] <= a["max"]
                        for p in pts for a in axes))
    try:
        with open(os.path.join(d, "sob", "sensitivity.csv"), newline="") as f:
            rows = list(csv.reader(f))
    except OSError:
        rows = []
    s.check("sobol: sensitivity.csv header output,parameter,first,...",
            rows and rows[0][:3] == ["output", "parameter", "first"],
            repr(rows[:1]))
    s.check("sobol: sensitivity.csv one row per output and parameter",
            len(rows) == 1 + 2 * 2 and
            [x[:2] for x in rows[1:]] ==
            [[o, p] for o in ("cumulative_value", "survival") for p in names],
            repr([x[:2] for x in rows[1:]]))

    def number_or_empty(cell):
        if cell == "":
            return True
        try:
            return math.isfinite(float(cell))
        except ValueError:
            return False
    cells = [c for x in rows[1:] for c in x[2:]]
    s.check("sobol: sensitivity.csv cells are numbers or empty "
            "(undefined indices empty, as in summary.csv)",
            cells and all(number_or_empty(c) for c in cells),
            repr(sorted(set(c for c in cells if not number_or_empty(c)))))
    r = s.run("sensitivity", "sob.json", "-j", "1", "--out", "sob1", "-q",
              cwd=d)
    s.check("sobol -j 1: exit 0, quiet prints nothing",
            r.status == 0 and r.out == b"" and r.err == "", repr(r.err))
    same_outputs(s, "sobol -j 1 vs -j 2", os.path.join(d, "sob"),
                 os.path.join(d, "sob1"),
                 OUTPUT_FILES + ("sensitivity.json", "sensitivity.csv"))

    # Sharded: the shards and their merge hold the runs; running the
    # analysis on the merged folder resumes it (nothing to run) and writes
    # the same indices.
    for i in (1, 2):
        r = s.run("sensitivity", "sob.json", "--shard", "%d/2" % i, "--out",
                  "ss%d" % i, "-q", cwd=d)
        s.check("sobol --shard %d/2: exit 0, no analysis for a shard" % i,
                r.status == 0 and not os.path.exists(
                    os.path.join(d, "ss%d" % i, "sensitivity.json")),
                r.err[-500:])
    r = s.run("merge", "--out", "smerged", "ss1", "ss2", "-q", cwd=d)
    s.check("sobol shards: merge exits 0", r.status == 0, r.err)
    r = s.run("sensitivity", "sob.json", "--out", "smerged", "-q", cwd=d)
    s.check("sobol: analysis of the merged shards exits 0", r.status == 0,
            r.err[-500:])
    same_outputs(s, "sobol sharded + merged + analysed vs one sweep",
                 os.path.join(d, "smerged"), os.path.join(d, "sob"),
                 OUTPUT_FILES + ("sensitivity.json", "sensitivity.csv"))

    mor = dict(sob, name="mor", sensitivity={
        "method": "morris", "trajectories": 4, "levels": 4, "bootstrap": 50,
        "outputs": ["cumulative_value", "survival"]})
    write_spec(d, "mor.json", mor)
    r = s.run("sensitivity", "mor.json", "--out", "mor", cwd=d)
    s.check("morris: exit 0", r.status == 0, r.err[-1000:])
    s.check("morris: prints a table with mu*",
            "Morris indices of cumulative_value" in r.text and
            "mu*" in r.text and all(n in r.text for n in names),
            r.text[:600])
    n_lines = count_lines(os.path.join(d, "mor", "runs.jsonl"))
    s.check("morris: runs.jsonl has 4 x (2 + 1) x 2 = 24 lines",
            n_lines == 24, str(n_lines))
    doc = load_json(os.path.join(d, "mor", "sensitivity.json")) or {}
    s.check("morris: sensitivity.json method morris, 4 trajectories, "
            "4 levels", doc.get("method") == "morris" and
            doc.get("trajectories") == 4 and doc.get("levels") == 4)
    mkeys = {"parameter", "mu", "mu_star", "sigma", "mu_star_low",
             "mu_star_high"}
    rows = doc.get("outputs", {}).get("cumulative_value", [])
    s.check("morris: cumulative_value rows with mu_star per parameter",
            [x.get("parameter") for x in rows] == names and
            all(set(x) == mkeys for x in rows), repr(rows))
    s.check("morris: mu_star >= |mu| >= 0",
            rows and all(x["mu_star"] + 1e-12 >= abs(x["mu"]) for x in rows),
            repr(rows))
    runs = load_runs(os.path.join(d, "mor", "runs.jsonl"))
    pts = [runs[2 * p]["params"] for p in range(12)] if len(runs) == 24 \
        else []
    ok = bool(pts)
    for t in range(4 if pts else 0):
        moved = []
        for step in range(2):
            a, b = pts[3 * t + step], pts[3 * t + step + 1]
            diff = [k for k in a if a[k] != b[k]]
            ok = ok and len(diff) == 1
            for k in diff:
                ax = next(x for x in axes if x["path"] == k)
                ok = ok and close(abs(a[k] - b[k]),
                                  2 / 3 * (ax["max"] - ax["min"]))
            moved += diff
        ok = ok and sorted(moved) == sorted(names)
    s.check("morris: each trajectory moves every parameter once by "
            "delta = 2/3 of its range", ok)


# ---- base sources, a run equals `netgov run`, shipped specs ----

def base_sources(s):
    d = s.fresh_dir("base")
    os.makedirs(os.path.join(d, "sub"))
    good = s.src("tests", "data", "good", "small_alliance.json")
    shutil.copy(good, os.path.join(d, "sub", "base.json"))
    common = {"name": "b", "set": {"run.ticks": 10},
              "axes": [{"path": "governance.lead.monitoring",
                        "values": [0.2, 0.7]}],
              "replications": 3, "seed": 4}
    write_spec(os.path.join(d, "sub"), "f.json",
               dict(common, base={"file": "base.json"}))
    write_spec(d, "i.json", dict(common, base={
        "config": clitest.load_json_file(good)}))
    sweep_ok(s, "base file relative to the spec's folder", "sub/f.json",
             "--out", "f", "-q", cwd=d)
    sweep_ok(s, "base config inline", "i.json", "--out", "i", "-q", cwd=d)
    # The same runs; only the lines' checks differ, since they cover the
    # spec (which names its base differently).
    f_runs = clitest.read_bytes(os.path.join(d, "f", "runs.jsonl")) or b""
    i_runs = clitest.read_bytes(os.path.join(d, "i", "runs.jsonl")) or b""
    unchecked = re.compile(rb',"check":"[0-9a-f]{16}"}$', re.M)
    s.check("base file vs the same config inline: the same runs",
            f_runs and unchecked.sub(b"}", f_runs) ==
            unchecked.sub(b"}", i_runs))
    same_outputs(s, "base file vs the same config inline",
                 os.path.join(d, "f"), os.path.join(d, "i"),
                 ("summary.json", "summary.csv"))
    runs = load_runs(os.path.join(d, "f", "runs.jsonl"))
    if not s.check("base file: 6 runs", len(runs) == 6, str(len(runs))):
        return
    line = runs[4]
    r = s.run("run", "sub/base.json", "--ticks", "10", "--seed",
              line["seed"], "--set",
              "governance.lead.monitoring=%r" %
              line["params"]["governance.lead.monitoring"],
              "--out", "one.json", "-q", cwd=d)
    doc = load_json(os.path.join(d, "one.json"))
    s.check("a sweep's run equals `netgov run` with its seed and params",
            r.status == 0 and doc and
            doc["summary"]["outcome"] == line["outcome"] and
            all(close(doc["summary"][k], v, 1e-12)
                for k, v in line["summary"].items()
                if isinstance(v, (int, float)) and not isinstance(v, bool)),
            r.err[-300:])


def shipped_specs(s):
    """Every spec in configs/experiments/ loads and its design checks out,
    run as the one shard of a million that holds no run."""
    folder = s.src("configs", "experiments")
    specs = sorted(f for f in os.listdir(folder) if f.endswith(".json")) \
        if os.path.isdir(folder) else []
    d = s.fresh_dir("shipped")
    for name in specs:
        path = os.path.join(folder, name)
        with open(path) as f:
            cmd = "sensitivity" if "\"sensitivity\"" in f.read() else "sweep"
        r = s.run(cmd, path, "--shard", "1000000/1000000", "--out",
                  name[:-5], "-q", cwd=d)
        s.check("configs/experiments/%s: accepted by netgov %s" % (name, cmd),
                r.status == 0, r.err[-500:])


def output_failures(s):
    """An output folder that cannot be made is a runtime failure (exit 1),
    as for `netgov run` and `netgov compare`."""
    d = s.fresh_dir("iofail")
    with open(os.path.join(d, "blocker"), "w") as f:
        f.write("a file, not a directory\n")
    write_spec(d, "t.json", {"name": "t", "set": {"run.ticks": 5},
                             "replications": 2})
    r = s.run("sweep", "t.json", "--out", "blocker/x", "-q", cwd=d)
    s.check("sweep --out under a regular file: message names the path",
            "netgov: blocker/x" in r.err and "cannot create" in r.err,
            repr(r.err))
    s.check("sweep --out under a regular file: exit 1 (runtime failure, "
            "as netgov run)", r.status == 1, "got %s" % r.status)
    sweep_ok(s, "sweep for merge", "t.json", "--out", "o", "-q", cwd=d)
    r = s.run("merge", "--out", "blocker/m", "o", cwd=d)
    s.check("merge --out under a regular file: exit 1 (runtime failure)",
            r.status == 1 and "blocker/m" in r.err,
            "got %s; %r" % (r.status, r.err))
    r = s.run("compare", "--reps", "2", "--set", "run.ticks=5", "--out",
              "blocker/c.json", "-q", cwd=d)
    s.check("compare --out under a regular file: exit 1", r.status == 1,
            "got %s; %r" % (r.status, r.err))


def main():
    # In a build with -DNETGOV_MPI=ON every `netgov sweep` starts MPI as a
    # singleton (about 0.5 s each with Open MPI's defaults); a one-process
    # start without network transports keeps this suite's many short
    # sweeps fast.  tests/cli/test_mpi.py runs the real multi-rank sweeps.
    for k, v in (("OMPI_MCA_ess_singleton_isolated", "1"),
                 ("OMPI_MCA_pml", "ob1"), ("OMPI_MCA_btl", "self")):
        os.environ.setdefault(k, v)
    s = clitest.Suite("sweep, sensitivity, merge, compare")
    timings = []
    for part in (determinism, designs, summaries, resume, changed_spec,
                 shards, design_files, failed_runs, series_docs, progress,
                 bad_specs, usage_errors, compare, sensitivity, base_sources,
                 shipped_specs, output_failures):
        t0 = time.monotonic()
        part(s)
        timings.append((part.__name__, time.monotonic() - t0))
    print("times: " + ", ".join("%s %.1fs" % t for t in timings))
    s.finish()


if __name__ == "__main__":
    main()
