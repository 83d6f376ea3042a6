"""Reproduces the figures of docs/VALIDATION.md and checks its claims.

Runs the netgov binary over many seeds for each validation pattern and
prints Markdown tables (mean and 95% interval, mean +- 1.96 s / sqrt(n)).
With --check it also tests each pattern's claim and exits non-zero when one
fails (ctest runs it that way).  Standard library only; run it with
Debian's interpreter:

    /usr/bin/python3 analysis/validation.py [--bin build/netgov] [--seeds 50]
"""
import argparse
import concurrent.futures as futures
import json
import math
import os
import statistics
import subprocess
import sys

# A laboratory-like fixed group: nobody joins, leaves or dissolves it.
FIXED_GROUP = [
    "population.founders=10", "recruitment.invite_probability=0",
    "exit.patience=100000", "alliance.breakdown_window=100000",
    "alliance.min_members=1",
]
NO_MONITORING = FIXED_GROUP + ["governance.shared.monitoring=0"]


class Runner:
    """Runs a preset with --set overrides over seeds 1..n, in parallel."""

    def __init__(self, binary, seeds):
        self.binary = binary
        self.seeds = seeds

    def one(self, preset, sets, seed):
        cmd = [self.binary, "run", "--preset", preset, "--seed", str(seed),
               "--out", "-", "--quiet"]
        for s in sets:
            cmd += ["--set", s]
        done = subprocess.run(cmd, capture_output=True, check=True)
        return json.loads(done.stdout)

    def many(self, sets, preset="default"):
        with futures.ThreadPoolExecutor(os.cpu_count() or 2) as pool:
            return list(pool.map(lambda s: self.one(preset, sets, s),
                                 range(1, self.seeds + 1)))


# ---- statistics over runs ----

def mean_ci(values):
    m = statistics.mean(values)
    h = 1.96 * statistics.stdev(values) / math.sqrt(len(values)) \
        if len(values) > 1 else 0.0
    return m, h


def interval(values):
    if not values:
        return "n/a"
    m, h = mean_ci(values)
    return "%.3f [%.3f, %.3f]" % (m, m - h, m + h)


def series_at(docs, name, tick):
    return [d["series"][name][tick - 1] for d in docs
            if len(d["series"]["tick"]) >= tick]


def window_mean(doc, name, first, last):
    vals = doc["series"][name][first - 1:last]
    return statistics.mean(vals) if vals else 0.0


def survival(docs):
    return sum(d["summary"]["outcome"] == "survived" for d in docs) / len(docs)


def median_of_joined(doc, key):
    vals = sorted(p[key] for p in doc["partners"] if p["ever_joined"])
    return vals[len(vals) // 2] if vals else 0


def left_share(docs, select, types=("exit", "exclusion")):
    """Per run: share of the selected ever-joined partners that left at least
    once by an event of the given types; runs selecting nobody are skipped."""
    out = []
    for d in docs:
        gone = {e["partner"] for e in d["events"]
                if e["type"] in types and "partner" in e}
        chosen = [p for p in d["partners"] if p["ever_joined"] and select(d, p)]
        if chosen:
            out.append(sum(p["id"] in gone for p in chosen) / len(chosen))
    return out


def avg(values):
    return statistics.mean(values) if values else 0.0


# ---- the five patterns; each prints its table and returns its facts ----

def decay(run):
    print("### 1. Contribution decays without monitoring\n")
    print("A fixed group as in the laboratory: shared governance with peer "
          "monitoring switched off (`governance.shared.monitoring=0`), "
          "default disposition mix, 10 founders, no recruitment, no exit "
          "and no breakdown; mean contribution rate of members (share of "
          "quota).\n")
    docs = run.many(NO_MONITORING)
    print("| tick | mean contribution [95% CI] | runs |")
    print("|---|---|---|")
    for t in (1, 5, 10, 15, 20, 30):
        v = series_at(docs, "contribution", t)
        print("| %d | %s | %d |" % (t, interval(v), len(v)))
    print()
    return {"tick1": avg(series_at(docs, "contribution", 1)),
            "tick20": avg(series_at(docs, "contribution", 20)),
            "late": avg([window_mean(d, "contribution", 11, 60)
                         for d in docs])}


def sanctions(run):
    print("### 2. NAO monitoring with sanctions sustains contributions\n")
    print("The same fixed group of 10, without monitoring and under the NAO "
          "(exclusion switched off so the group stays the same); mean "
          "contribution over ticks 1-10 and 11-60 of each run.\n")
    rows = (("shared, no monitoring", run.many(NO_MONITORING)),
            ("NAO (monitoring 0.9, graduated sanctions)",
             run.many(FIXED_GROUP + ["governance.mode=nao",
                                     "governance.nao.exclusion_after=1000000"
                                     ])))
    print("| governance | ticks 1-10 | ticks 11-60 |")
    print("|---|---|---|")
    late = {}
    for label, docs in rows:
        early = [window_mean(d, "contribution", 1, 10) for d in docs]
        later = [window_mean(d, "contribution", 11, 60) for d in docs]
        late[label.split(" ")[0].strip(",")] = avg(later)
        print("| %s | %s | %s |" % (label, interval(early), interval(later)))
    print()
    return late


def overhead(run):
    print("### 3. Overhead grows with size; the NAO is worst for a very "
          "small alliance\n")
    print("Fixed membership (n founders, no recruitment, pool scaled to n), "
          "24 ticks, means over ticks 1-12. Overhead / budget is the "
          "structural burden (mean overhead over the mean budget members "
          "are asked to pay); overhead / input is the share it takes of what "
          "they actually paid (ratio of the means); value per member = "
          "public value / n, in units of resources per tick.\n")
    print("| n | governance | overhead / budget | overhead / input | "
          "value per member | survived 24 ticks |")
    print("|---|---|---|---|---|---|")
    facts = {}
    for n in (3, 5, 10, 20, 40, 80):
        scale = max(1, math.ceil(n / 40))
        pool = ["population.government.count=%d" % (10 * scale),
                "population.business.count=%d" % (14 * scale),
                "population.knowledge.count=%d" % (6 * scale),
                "population.civil.count=%d" % (10 * scale)]
        modes = ("shared", "lead", "nao") if n <= 10 else ("shared", "nao")
        for mode in modes:
            docs = run.many(pool + [
                "governance.mode=%s" % mode, "population.founders=%d" % n,
                "recruitment.invite_probability=0",
                "governance.nao.outreach=0", "run.ticks=24"])
            burden = [window_mean(d, "overhead", 1, 12) /
                      window_mean(d, "budget", 1, 12) for d in docs]
            # Ratio of means: a tick with almost no input would dominate a
            # mean of per-tick ratios.
            ratio = [window_mean(d, "overhead", 1, 12) /
                     max(window_mean(d, "pooled_input", 1, 12), 1e-12)
                     for d in docs]
            per = [window_mean(d, "public_value", 1, 12) / n for d in docs]
            facts[(n, mode)] = {"burden": avg(burden), "value": avg(per)}
            print("| %d | %s | %s | %s | %s | %.0f%% |" % (
                n, mode, interval(burden), interval(ratio), interval(per),
                100 * survival(docs)))
    print()
    return facts


def dominant_lead(run):
    print("### 4. A dominant lead drives out weak, poorly aligned partners\n")
    print("Preset `dominant-partner` (a national agency with most capacity "
          "and authority and eight regional partners) under lead and under "
          "shared governance, same seeds. Weak and poorly aligned = power "
          "and alignment both below the median of partners that ever "
          "joined; share of them that left (exit or exclusion), per run; "
          "and their mean system trust at the end.\n")
    print("| governance | weak, poorly aligned partners who left | "
          "of them excluded | all other partners who left | final system "
          "trust of weak, poorly aligned members | survived |")
    print("|---|---|---|---|---|---|")

    def weak(d, p):
        return (p["power"] < median_of_joined(d, "power")
                and p["alignment"] < median_of_joined(d, "alignment"))

    facts = {}
    for mode in ("lead", "shared"):
        docs = run.many(["governance.mode=%s" % mode], "dominant-partner")
        left = left_share(docs, weak)
        excluded = left_share(docs, weak, ("exclusion",))
        rest = left_share(docs, lambda d, p: not weak(d, p))
        trust = [statistics.mean(ps) for ps in (
            [p["system_trust"] for p in d["partners"]
             if p["state"] == "member" and weak(d, p)] for d in docs) if ps]
        facts[mode] = {"left": avg(left), "trust": avg(trust)}
        print("| %s | %s | %s | %s | %s | %.0f%% |" % (
            mode, interval(left), interval(excluded), interval(rest),
            interval(trust), 100 * survival(docs)))
    print()
    return facts


def cost_split(run):
    print("### 5. The equal split drives small partners out\n")
    print("Default scenario under the equal and the capacity split, same "
          "seeds. Small = capacity below the median of partners that ever "
          "joined; share of them that left, per run.\n")
    print("| cost rule | small partners who left | large partners who left "
          "| survived |")
    print("|---|---|---|---|")
    facts = {}
    for rule in ("equal", "capacity"):
        docs = run.many(["cost_sharing.rule=%s" % rule])
        small = left_share(docs, lambda d, p: p["capacity"] < median_of_joined(
            d, "capacity"))
        large = left_share(docs, lambda d, p: p["capacity"] >= median_of_joined(
            d, "capacity"))
        facts[rule] = avg(small)
        print("| %s | %s | %s | %.0f%% |" % (rule, interval(small),
                                              interval(large),
                                              100 * survival(docs)))
    print()
    return facts


# ---- the claims, as checks with margins that hold across seed sets ----

def shared_burdens(o):
    return [o[(n, "shared")]["burden"] for n in (3, 5, 10, 20, 40, 80)]


CHECKS = [
    (1, "contribution falls by a third or more from tick 1 to tick 20 "
        "without monitoring",
     lambda f: f["tick20"] < 2 / 3 * f["tick1"]),
    (2, "the NAO keeps contributions at least 0.3 above no monitoring "
        "(ticks 11-60)",
     lambda f: f["NAO"] > f["shared"] + 0.3),
    (3, "shared overhead / budget rises with every size step",
     lambda o: all(a < b for a, b in zip(shared_burdens(o),
                                         shared_burdens(o)[1:]))),
    (3, "at n = 3 the NAO has the highest burden and the lowest value",
     lambda o: all(o[(3, "nao")]["burden"] > o[(3, m)]["burden"] and
                   o[(3, "nao")]["value"] < o[(3, m)]["value"]
                   for m in ("shared", "lead"))),
    (4, "weak, poorly aligned partners leave more often under the lead "
        "than under shared governance, and trust the system less",
     lambda f: f["lead"]["left"] > f["shared"]["left"] and
     f["lead"]["trust"] < f["shared"]["trust"]),
    (5, "small partners leave more often under the equal split than under "
        "the capacity split (by 0.1 or more)",
     lambda f: f["equal"] > f["capacity"] + 0.1),
]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default="build/netgov")
    ap.add_argument("--seeds", type=int, default=50)
    ap.add_argument("--only", type=int, default=0,
                    help="run only pattern N (1-5)")
    ap.add_argument("--check", action="store_true",
                    help="test the claims; exit 1 if any fails")
    a = ap.parse_args()
    run = Runner(a.bin, a.seeds)
    patterns = {1: decay, 2: sanctions, 3: overhead, 4: dominant_lead,
                5: cost_split}
    print("Seeds 1..%d for every row.\n" % a.seeds)
    facts = {k: fn(run) for k, fn in patterns.items()
             if a.only in (0, k)}
    if not a.check:
        return 0
    passed = failed = 0
    for pattern, name, holds in CHECKS:
        if pattern in facts:
            ok = holds(facts[pattern])
            print("%s  %s" % ("ok  " if ok else "FAIL", name))
            passed += ok
            failed += not ok
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
