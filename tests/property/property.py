"""Property test: random valid configs never crash netgov or break its ranges.

    /usr/bin/python3 tests/property/property.py --netgov BIN [--count N]
        [--seed S] [--jobs J] [--timeout SEC] [--save DIR]
    /usr/bin/python3 tests/property/property.py --netgov BIN --replay FILE...

The generator takes every parameter's type, range and choices from
`netgov params --json` (docs/OUTPUT.md, section 4), so a new parameter or
rule is sampled without a change here.  A config sets each parameter with
probability 0.7 (the rest keep their defaults): 20% of the values are at
an end of the range, the others uniform over it or, half of the time, a
log-uniform factor of 1/10 to 10 around the default (uniform draws over
wide ranges would almost always sit near the top).  Choices are uniform.
Odd configs are repaired to meet the constraints between parameters
that validate checks (slope_min <= slope_max and the like), so most of
them run; even ones are left as drawn.  The pool is small (0 to 12
partners per sector) and runs are short (at
most 80 ticks), so a run takes well under a second even in the sanitizer
build.  Config k of seed S is the same on every machine.

For each config: `netgov validate`, then `netgov run`, and for every
fifth accepted config `netgov explain` of the run document.  A failure is
any of: a sanitizer report or a broken invariant on stderr, a timeout, an
exit status other than 0 or 2, a run whose status differs from what
validate said, a run document that is not JSON, holds NaN or infinity, or
null where a number belongs (the writer prints a non-finite number as
null), a share or trust outside [0, 1], a negative count or amount.
Each failing config is printed and saved under --save as
property-<seed>-<k>.json, to be replayed with --replay.
"""
import argparse
import concurrent.futures
import json
import math
import os
import random
import subprocess
import sys
import tempfile

SANITIZER_MARKS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer",
                   "runtime error:", "SUMMARY: UndefinedBehaviorSanitizer",
                   "invariant broken")

MAX_TICKS = 80
MAX_SECTOR = 12

# Integer parameters whose registry range allows values that make a run
# long or its pool large: drawn from a modest range instead.
INT_CAPS = {
    "run.ticks": (1, MAX_TICKS),
    "population.government.count": (0, MAX_SECTOR),
    "population.business.count": (0, MAX_SECTOR),
    "population.knowledge.count": (0, MAX_SECTOR),
    "population.civil.count": (0, MAX_SECTOR),
    "population.founders": (1, 2 * MAX_SECTOR),
}
# Integers counted in ticks: mostly within the run, sometimes beyond it.
TICK_LIKE = {"environment.shock_tick", "evaluation.interval",
             "alliance.breakdown_window", "alliance.cooldown",
             "exit.patience", "decision.retry_delay",
             "process.onboarding_ticks"}

# Series (docs/OUTPUT.md) by the range they must keep.
UNIT_SERIES = ("contribution", "free_riding", "interpersonal_trust",
               "system_trust", "commitment", "power_concentration",
               "alignment", "diversity", "fit", "threat")
COUNT_SERIES = ("members", "joins", "exits", "exclusions", "violations",
                "sanctions", "incidents", "votes_held", "votes_failed")
NONNEG_SERIES = ("budget", "pooled_input", "overhead", "process_spending",
                 "mission_change")
# Partner fields by range.
UNIT_PARTNER = ("authority", "support", "alignment", "belief",
                "system_trust", "commitment", "contribution")
NONNEG_PARTNER = ("capacity", "power", "valuation", "asked", "paid",
                  "benefit")
COUNT_PARTNER = ("ties", "violations")
NUMBER_PARTNER = ("value",)
UNIT_SUMMARY = ("share_ever_joined", "final_interpersonal_trust",
                "final_system_trust", "mean_contribution", "mean_fit",
                "final_fit")
COUNT_SUMMARY = ("lifetime", "peak_members", "final_members", "joins",
                 "exits", "exclusions", "sanctions", "small_partners",
                 "small_partners_left", "events_dropped", "shocks",
                 "incidents", "votes_held", "votes_failed")
# Rounding slack: a mean of values in [0, 1] may end a bit past 1.
SLACK = 1e-9


def registry(netgov):
    out = subprocess.run([netgov, "params", "--json"], check=True,
                         capture_output=True, timeout=60).stdout
    return json.loads(out)


def sample_real(r, lo, hi, default):
    u = r.random()
    if u < 0.1:
        return lo
    if u < 0.2:
        return hi
    if u < 0.6 or default is None:
        return r.uniform(lo, hi)
    if default == 0:
        return min(hi, max(lo, r.uniform(lo, min(hi, lo + 1))))
    v = default * math.exp(r.uniform(-math.log(10), math.log(10)))
    return min(hi, max(lo, v))


def sample_int(r, path, lo, hi, ticks):
    if path in INT_CAPS:
        lo, hi = max(lo, INT_CAPS[path][0]), min(hi, INT_CAPS[path][1])
    elif path in TICK_LIKE and r.random() < 0.8:
        hi = min(hi, max(lo, ticks + 5))
    elif hi - lo > 1000 and r.random() < 0.8:
        hi = lo + 1000
    u = r.random()
    if u < 0.1:
        return lo
    if u < 0.2:
        return hi
    return r.randint(lo, hi)


def put(cfg, path, value):
    keys = path.split(".")
    node = cfg
    for k in keys[:-1]:
        node = node.setdefault(k, {})
    node[keys[-1]] = value


def get(cfg, params, path):
    node = cfg
    for key in path.split("."):
        if not isinstance(node, dict) or key not in node:
            return next(p["default"] for p in params if p["path"] == path)
        node = node[key]
    return node


def repair(cfg, params):
    """Meets the constraints between parameters that validate checks, so
    that most repaired configs are accepted: slope_min <= slope_max,
    mean_degree <= max_degree, founders within the pool, a lead for a rule
    that needs one (taken from the rules' capabilities)."""
    lo, hi = (get(cfg, params, "behaviour.slope_min"),
              get(cfg, params, "behaviour.slope_max"))
    if lo > hi:
        put(cfg, "behaviour.slope_min", hi)
        put(cfg, "behaviour.slope_max", lo)
    k, kmax = (get(cfg, params, "network.mean_degree"),
               get(cfg, params, "network.max_degree"))
    if k > kmax:
        put(cfg, "network.mean_degree", kmax)
    pool = sum(get(cfg, params, "population.%s.count" % s)
               for s in ("government", "business", "knowledge", "civil"))
    if pool == 0:
        put(cfg, "population.civil.count", 1)
        pool = 1
    if get(cfg, params, "population.founders") > pool:
        put(cfg, "population.founders", pool)
    rules = {p["path"]: p.get("rules", []) for p in params
             if p["type"] == "choice"}
    cost = get(cfg, params, "cost_sharing.rule")
    needs = any(r["name"] == cost and "needs_lead" in r["capabilities"]
                for r in rules["cost_sharing.rule"])
    mode = get(cfg, params, "governance.mode")
    leads = [r["name"] for r in rules["governance.mode"]
             if "has_lead" in r["capabilities"]]
    if needs and mode not in leads:
        put(cfg, "governance.mode", leads[0])


def generate(params, seed, k):
    """Config k of seed `seed`: the same on every machine.  Odd configs are
    repaired (repair()), even ones test what validate rejects too."""
    r = random.Random("%d/%d" % (seed, k))
    cfg = {"name": "property-%d-%d" % (seed, k)}
    ticks = r.randint(1, MAX_TICKS)
    put(cfg, "run.ticks", ticks)
    for p in params:
        path, kind = p["path"], p["type"]
        if path == "run.ticks" or r.random() >= 0.7:
            continue
        if kind == "choice":
            put(cfg, path, r.choice(p["choices"]))
        elif kind == "integer":
            put(cfg, path, sample_int(r, path, int(p["min"]), int(p["max"]),
                                      ticks))
        elif kind == "real":
            put(cfg, path, sample_real(r, p["min"], p["max"], p["default"]))
        elif kind == "vector":
            put(cfg, path, [sample_real(r, p["min"], p["max"], d)
                            for d in p["default"]])
    if k % 2:
        repair(cfg, params)
    return cfg


class Checker:
    def __init__(self, netgov, timeout):
        self.netgov = netgov
        self.timeout = timeout

    def call(self, args, problems, what):
        try:
            res = subprocess.run([self.netgov] + args, capture_output=True,
                                 timeout=self.timeout)
        except subprocess.TimeoutExpired:
            problems.append("%s: no answer within %g s" % (what, self.timeout))
            return None, ""
        err = res.stderr.decode("utf-8", errors="replace")
        for mark in SANITIZER_MARKS:
            if mark in err:
                problems.append("%s: %r on stderr: %s" %
                                (what, mark, err.strip()[-1500:]))
                break
        if res.returncode not in (0, 2):
            problems.append("%s: exit status %d: %s" %
                            (what, res.returncode, err.strip()[-600:]))
        return res.returncode, err

    def check(self, cfg, workdir, explain):
        """The problems found with config cfg (a list of strings), and
        whether validate accepted it."""
        problems = []
        path = os.path.join(workdir, "config.json")
        out = os.path.join(workdir, "run.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(cfg, f, indent=1)
        valid, verr = self.call(["validate", path], problems, "validate")
        if valid is None or problems:
            return problems, False
        ran, rerr = self.call(["run", path, "--out", out, "--quiet"],
                              problems, "run")
        if ran is None or problems:
            return problems, valid == 0
        if ran != valid:
            problems.append("validate exits %d but run exits %d: %s" %
                            (valid, ran, (rerr or verr).strip()[-600:]))
            return problems, valid == 0
        if ran != 0:
            return problems, False
        check_document(out, problems)
        if explain and not problems:
            self.call(["explain", out], problems, "explain")
            self.call(["explain", out, "--json"], problems, "explain --json")
        return problems, True


def reject_constant(name):
    raise ValueError("non-finite number %s in the JSON text" % name)


def check_document(path, problems):
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f, parse_constant=reject_constant)
    except (OSError, ValueError) as e:
        problems.append("run document: %s" % e)
        return
    ticks = len(doc.get("series", {}).get("tick", []))

    def number(where, v, lo=-math.inf, hi=math.inf, integer=False):
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            problems.append("%s is %s, expected a number" %
                            (where, json.dumps(v)))
        elif not math.isfinite(v):
            problems.append("%s is %r" % (where, v))
        elif v < lo - SLACK or v > hi + SLACK:
            problems.append("%s is %r, expected %g to %g" % (where, v, lo, hi))
        elif integer and v != int(v):
            problems.append("%s is %r, expected a whole number" % (where, v))

    series = doc.get("series")
    if not isinstance(series, dict):
        problems.append("run document has no series")
        return
    for name, values in series.items():
        if not isinstance(values, list) or len(values) != ticks:
            problems.append("series.%s: expected %d values" % (name, ticks))
            continue
        lo, hi, integer = -math.inf, math.inf, False
        if name in UNIT_SERIES:
            lo, hi = 0, 1
        elif name in COUNT_SERIES or name == "tick":
            lo, integer = 0, True
        elif name in NONNEG_SERIES:
            lo = 0
        for t, v in enumerate(values):
            number("series.%s[%d]" % (name, t), v, lo, hi, integer)
    for p in doc.get("partners", []):
        who = "partners[%s]" % p.get("id")
        for key in UNIT_PARTNER:
            number("%s.%s" % (who, key), p.get(key), 0, 1)
        for key in NONNEG_PARTNER:
            number("%s.%s" % (who, key), p.get(key), 0)
        for key in COUNT_PARTNER:
            number("%s.%s" % (who, key), p.get(key), 0, integer=True)
        for key in NUMBER_PARTNER:
            number("%s.%s" % (who, key), p.get(key))
        for d, v in enumerate(p.get("interests", [])):
            number("%s.interests[%d]" % (who, d), v, 0, 1)
    summary = doc.get("summary", {})
    for key in UNIT_SUMMARY:
        number("summary.%s" % key, summary.get(key), 0, 1)
    for key in COUNT_SUMMARY:
        number("summary.%s" % key, summary.get(key), 0, integer=True)
    for key in ("cumulative_value", "mission_turn", "process_spending"):
        number("summary.%s" % key, summary.get(key))
    for key in ("final_mission", "final_focus"):
        for d, v in enumerate(summary.get(key, [])):
            number("summary.%s[%d]" % (key, d), v, 0, 1)
    for e, ev in enumerate(doc.get("events", [])):
        if "amount" in ev:
            number("events[%d].amount" % e, ev["amount"])


def run_one(checker, cfg, explain):
    with tempfile.TemporaryDirectory(prefix="netgov-property-") as d:
        return checker.check(cfg, d, explain)


def report(label, cfg, problems, save):
    print("FAIL %s" % label)
    for p in problems[:10]:
        print("  " + p)
    if len(problems) > 10:
        print("  ... and %d more" % (len(problems) - 10))
    if save:
        os.makedirs(save, exist_ok=True)
        path = os.path.join(save, "%s.json" % label)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(cfg, f, indent=1)
            f.write("\n")
        print("  saved as %s" % path)
    else:
        print("  config: %s" % json.dumps(cfg, sort_keys=True))
    sys.stdout.flush()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--netgov", required=True)
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--first", type=int, default=0,
                    help="index of the first config (to resume)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--save", default=None,
                    help="folder for failing configs")
    ap.add_argument("--replay", nargs="*", default=None,
                    help="check these config files instead")
    a = ap.parse_args()
    checker = Checker(os.path.abspath(a.netgov), a.timeout)

    if a.replay is not None:
        failed = 0
        for path in a.replay:
            with open(path, encoding="utf-8") as f:
                cfg = json.load(f)
            problems, _ = run_one(checker, cfg, True)
            if problems:
                failed += 1
                report(os.path.basename(path).rsplit(".", 1)[0], cfg,
                       problems, None)
            else:
                print("ok   %s" % path)
        return 1 if failed else 0

    params = registry(checker.netgov)
    failed = accepted = 0
    indices = range(a.first, a.first + a.count)
    with concurrent.futures.ThreadPoolExecutor(max_workers=a.jobs) as pool:
        jobs = {}
        for k in indices:
            cfg = generate(params, a.seed, k)
            jobs[pool.submit(run_one, checker, cfg, k % 5 == 0)] = (k, cfg)
        for fut in concurrent.futures.as_completed(jobs):
            k, cfg = jobs[fut]
            problems, ok = fut.result()
            accepted += ok
            if problems:
                failed += 1
                report("property-%d-%d" % (a.seed, k), cfg, problems, a.save)
    print("property: %d configs (seed %d, from %d), %d accepted by validate, "
          "%d failed" % (a.count, a.seed, a.first, accepted, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
