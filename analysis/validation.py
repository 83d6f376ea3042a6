"""Reproduces the figures of docs/VALIDATION.md.

Runs the netgov binary over many seeds for each validation pattern and
prints Markdown tables (mean and 95% interval, mean +- 1.96 s / sqrt(n)).
Standard library only; run with Debian's interpreter:

    /usr/bin/python3 analysis/validation.py [--bin build/netgov] [--seeds 50]
"""
import argparse
import concurrent.futures as futures
import json
import math
import os
import statistics
import subprocess

# A laboratory-like fixed group: nobody joins, leaves or dissolves it.
FIXED_GROUP = [
    "population.founders=10", "recruitment.invite_probability=0",
    "exit.patience=100000", "alliance.breakdown_window=100000",
    "alliance.min_members=1",
]


def run(binary, sets, seed):
    cmd = [binary, "run", "--preset", "default", "--seed", str(seed),
           "--out", "-", "--quiet"]
    for s in sets:
        cmd += ["--set", s]
    done = subprocess.run(cmd, capture_output=True, check=True)
    return json.loads(done.stdout)


def runs(binary, sets, seeds):
    with futures.ThreadPoolExecutor(os.cpu_count() or 2) as pool:
        return list(pool.map(lambda s: run(binary, sets, s),
                             range(1, seeds + 1)))


def interval(values):
    if not values:
        return "n/a"
    m = statistics.mean(values)
    if len(values) < 2:
        return "%.3f" % m
    h = 1.96 * statistics.stdev(values) / math.sqrt(len(values))
    return "%.3f [%.3f, %.3f]" % (m, m - h, m + h)


def series_at(docs, name, tick):
    return [d["series"][name][tick - 1] for d in docs
            if len(d["series"]["tick"]) >= tick]


def window_mean(doc, name, first, last):
    vals = doc["series"][name][first - 1:last]
    return statistics.mean(vals) if vals else None


def survival(docs):
    return sum(d["summary"]["outcome"] == "survived" for d in docs) / len(docs)


def exited_partners(doc, types):
    return {e["partner"] for e in doc["events"]
            if e["type"] in types and "partner" in e}


def exit_share(docs, select, types=("exit", "exclusion")):
    """Share of the selected ever-joined partners that left at least once
    (by an event of the given types), one value per run; runs where nobody
    was selected are skipped."""
    out = []
    for d in docs:
        gone = exited_partners(d, types)
        chosen = [p for p in d["partners"] if p["ever_joined"] and select(d, p)]
        if chosen:
            out.append(sum(p["id"] in gone for p in chosen) / len(chosen))
    return out


def decay(binary, seeds):
    print("### 1. Contribution decays without monitoring\n")
    print("A fixed group as in the laboratory: shared governance with peer "
          "monitoring switched off (`governance.shared.monitoring=0`), "
          "default disposition mix, 10 founders, no recruitment, no exit "
          "and no breakdown; mean contribution rate of members (share of "
          "quota).\n")
    docs = runs(binary, FIXED_GROUP + ["governance.shared.monitoring=0"],
                seeds)
    print("| tick | mean contribution [95% CI] | runs alive |")
    print("|---|---|---|")
    for t in (1, 5, 10, 15, 20, 30):
        v = series_at(docs, "contribution", t)
        print("| %d | %s | %d |" % (t, interval(v), len(v)))
    print()
    return docs


def sanctions(binary, seeds, no_monitoring):
    print("### 2. NAO monitoring with sanctions sustains contributions\n")
    print("The same fixed group of 10 under the NAO; mean contribution over "
          "ticks 1-10 and 11-60 of each run.\n")
    nao = runs(binary, FIXED_GROUP + ["governance.mode=nao",
                                      "governance.nao.exclusion_after=1000000"],
               seeds)
    print("| governance | ticks 1-10 | ticks 11-60 |")
    print("|---|---|---|")
    for label, docs in (("shared, no monitoring", no_monitoring),
                        ("NAO (monitoring 0.9, graduated sanctions)", nao)):
        early = [window_mean(d, "contribution", 1, 10) for d in docs]
        late = [window_mean(d, "contribution", 11, 60) for d in docs]
        print("| %s | %s | %s |" % (label, interval(early), interval(late)))
    print()


def overhead(binary, seeds):
    print("### 3. Overhead grows with size; the NAO is worst for a very "
          "small alliance\n")
    print("Fixed membership (n founders, no recruitment, pool scaled to n), "
          "24 ticks, means over ticks 1-12. Overhead / budget is the "
          "structural burden (overhead over what members are asked to "
          "pay); overhead / input is what it takes of what they actually "
          "paid; value per member = public value / n, in units of "
          "resources per tick.\n")
    print("| n | governance | overhead / budget | overhead / input | "
          "value per member | survived 24 ticks |")
    print("|---|---|---|---|---|---|")
    for n in (3, 5, 10, 20, 40, 80):
        scale = max(1, math.ceil(n / 40))
        pool = ["population.government.count=%d" % (10 * scale),
                "population.business.count=%d" % (14 * scale),
                "population.knowledge.count=%d" % (6 * scale),
                "population.civil.count=%d" % (10 * scale)]
        modes = ("shared", "lead", "nao") if n <= 10 else ("shared", "nao")
        for mode in modes:
            docs = runs(binary, pool + [
                "governance.mode=%s" % mode, "population.founders=%d" % n,
                "recruitment.invite_probability=0",
                "governance.nao.outreach=0", "run.ticks=24"], seeds)
            burden = [window_mean(d, "overhead", 1, 12) /
                      window_mean(d, "budget", 1, 12) for d in docs]
            ratio = [window_mean(d, "overhead_ratio", 1, 12) for d in docs]
            per = [window_mean(d, "public_value", 1, 12) / n for d in docs]
            print("| %d | %s | %s | %s | %s | %.0f%% |" % (
                n, mode, interval(burden), interval(ratio), interval(per),
                100 * survival(docs)))
    print()


def below_median(doc, key):
    vals = sorted(p[key] for p in doc["partners"] if p["ever_joined"])
    return vals[len(vals) // 2] if vals else 0


def dominant_lead(binary, seeds):
    print("### 4. A dominant lead drives out weak, poorly aligned partners\n")
    print("Preset `dominant-partner` (one partner with most capacity and "
          "authority) under lead and under shared governance, same seeds. "
          "Weak and poorly aligned = power and alignment both below the "
          "median of partners that ever joined; share of them that left "
          "(exit or exclusion), per run.\n")
    print("| governance | weak, poorly aligned partners who left | "
          "of them excluded | all other partners who left | final system "
          "trust of weak, poorly aligned members | survived |")
    print("|---|---|---|---|---|---|")

    def weak(d, p):
        return (p["power"] < below_median(d, "power")
                and p["alignment"] < below_median(d, "alignment"))

    for mode in ("lead", "shared"):
        docs = [run_preset(binary, "dominant-partner",
                           ["governance.mode=%s" % mode], s)
                for s in range(1, seeds + 1)]
        left = exit_share(docs, weak)
        excluded = exit_share(docs, weak, ("exclusion",))
        rest = exit_share(docs, lambda d, p: not weak(d, p))
        trust = [statistics.mean(ps) for ps in (
            [p["system_trust"] for p in d["partners"]
             if p["state"] == "member" and weak(d, p)] for d in docs) if ps]
        print("| %s | %s | %s | %s | %s | %.0f%% |" % (
            mode, interval(left), interval(excluded), interval(rest),
            interval(trust), 100 * survival(docs)))
    print()


def run_preset(binary, preset, sets, seed):
    cmd = [binary, "run", "--preset", preset, "--seed", str(seed), "--out",
           "-", "--quiet"]
    for s in sets:
        cmd += ["--set", s]
    return json.loads(subprocess.run(cmd, capture_output=True,
                                     check=True).stdout)


def cost_split(binary, seeds):
    print("### 5. The equal split drives small partners out\n")
    print("Default scenario under the equal and the capacity split, same "
          "seeds. Small = capacity below the median of partners that ever "
          "joined; share of them that left, per run.\n")
    print("| cost rule | small partners who left | large partners who left "
          "| survived |")
    print("|---|---|---|---|")
    for rule in ("equal", "capacity"):
        docs = runs(binary, ["cost_sharing.rule=%s" % rule], seeds)
        small = exit_share(docs, lambda d, p: p["capacity"] < below_median(
            d, "capacity"))
        large = exit_share(docs, lambda d, p: p["capacity"] >= below_median(
            d, "capacity"))
        print("| %s | %s | %s | %.0f%% |" % (rule, interval(small),
                                              interval(large),
                                              100 * survival(docs)))
    print()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default="build/netgov")
    ap.add_argument("--seeds", type=int, default=50)
    ap.add_argument("--only", type=int, default=0,
                    help="run only pattern N (1-5)")
    a = ap.parse_args()
    print("Seeds 1..%d for every row.\n" % a.seeds)
    none = None
    if a.only in (0, 1, 2):
        none = decay(a.bin, a.seeds) if a.only != 2 else runs(
            a.bin, FIXED_GROUP + ["governance.shared.monitoring=0"], a.seeds)
    if a.only in (0, 2):
        sanctions(a.bin, a.seeds, none)
    if a.only in (0, 3):
        overhead(a.bin, a.seeds)
    if a.only in (0, 4):
        dominant_lead(a.bin, a.seeds)
    if a.only in (0, 5):
        cost_split(a.bin, a.seeds)


if __name__ == "__main__":
    main()
