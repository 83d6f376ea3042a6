#!/usr/bin/env python3
"""The limits of experiment specs and designs through the CLI: a design
file held to the run limit, the sensitivity table's placeholder for indices
that do not exist, and a sweep report of many points in linear time.
(The spec files refused for their size are in tests/data/bad_specs/.)"""
import json
import os
import resource
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clitest  # noqa: E402


def write_json(d, name, doc):
    path = os.path.join(d, name)
    with open(path, "w") as f:
        json.dump(doc, f)
    return path


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def design_over_run_limit(s):
    """1,001 rows x 10,000 replications: over the 10,000,000 runs."""
    d = s.fresh_dir("runlimit")
    write_json(d, "spec.json", {"name": "runlimit", "replications": 10000})
    with open(os.path.join(d, "design.csv"), "w") as f:
        f.write("alliance.ambition\n")
        for i in range(1001):
            f.write("%g\n" % (0.1 + (i % 50) / 100))
    r = s.run("sweep", "spec.json", "--design", "design.csv", cwd=d)
    s.check("design over the run limit: exit 2", r.status == 2,
            "got %s; %r" % (r.status, r.err))
    s.check("design over the run limit: names the limit and the sizes",
            "expected at most 10000000 runs" in r.err and
            "found 1001 x 10000" in r.err, repr(r.err))
    s.check("design over the run limit: no output folder",
            not os.path.exists(os.path.join(d, "out")), repr(os.listdir(d)))
    # The same design with fewer replications is within the limit.
    write_json(d, "spec.json", {"name": "runlimit", "replications": 1,
                                "set": {"run.ticks": 1}})
    r = s.run("sweep", "spec.json", "--design", "design.csv", "-q",
              "-j", "2", cwd=d)
    s.check("design within the run limit: exit 0", r.status == 0,
            "got %s; %r" % (r.status, r.err))


def sensitivity_placeholders(s):
    """Two ticks: every alliance survives, the output does not vary and
    every index is null; without bootstrap there are no intervals."""
    for method, size in (("sobol", "samples"), ("morris", "trajectories")):
        d = s.fresh_dir("sens-" + method)
        write_json(d, "spec.json", {
            "name": "flat",
            "set": {"run.ticks": 2},
            "axes": [{"path": "alliance.ambition", "min": 0.1, "max": 0.9},
                     {"path": "process.share", "min": 0, "max": 0.3}],
            "sensitivity": {"method": method, size: 4, "bootstrap": 0,
                            "outputs": ["survival"]}})
        r = s.run("sensitivity", "spec.json", "-j", "2", cwd=d)
        s.check("%s on a flat output: exit 0" % method, r.status == 0,
                "got %s; %r" % (r.status, r.err))
        out = r.out.decode("utf-8", errors="replace")
        rows = [line for line in out.splitlines()
                if line.strip().startswith(("alliance.ambition",
                                            "process.share"))]
        s.check("%s on a flat output: a row per parameter" % method,
                len(rows) == 2, repr(out))
        s.check("%s on a flat output: n/a where there is no number"
                % method, all("n/a" in line for line in rows), repr(rows))
        s.check("%s on a flat output: no nan printed" % method,
                "nan" not in out.lower(), repr(out))
        path = os.path.join(d, "out", "flat", "sensitivity.json")
        if not s.check("%s on a flat output: sensitivity.json" % method,
                       os.path.isfile(path)):
            continue
        doc = clitest.load_json_file(path)
        first = doc["outputs"]["survival"][0]
        key = "first_low" if method == "sobol" else "mu_star_low"
        s.check("%s on a flat output: the file holds null" % method,
                first.get(key, 0) is None, repr(first))


def sensitivity_reads_points_checked(s):
    """runs.jsonl is read back for the analysis: a line whose point is not
    a whole number in range (1.5, -1, 1e300) is set aside in
    quarantine.jsonl and its run done again, so the analysis never converts
    it to an index and ends as if nothing had happened."""
    for bad in ("1.5", "-1", "1e300"):
        d = s.fresh_dir("points")
        write_json(d, "spec.json", {
            "name": "pts", "set": {"run.ticks": 3},
            "axes": [{"path": "alliance.ambition", "min": 0.1, "max": 0.9}],
            "sensitivity": {"method": "sobol", "samples": 2, "bootstrap": 0}})
        r = s.run("sensitivity", "spec.json", "-q", "-j", "2", cwd=d)
        if not s.check("points %s: first attempt exit 0" % bad,
                       r.status == 0, repr(r.err)):
            continue
        folder = os.path.join(d, "out", "pts")
        with open(os.path.join(folder, "sensitivity.json"), "rb") as f:
            first = f.read()
        runs = os.path.join(folder, "runs.jsonl")
        with open(runs) as f:
            lines = f.read().splitlines()
        k = [i for i, line in enumerate(lines) if '"point":1,' in line]
        if not s.check("points %s: one line of point 1" % bad, len(k) == 1,
                       repr(k)):
            continue
        lines[k[0]] = lines[k[0]].replace('"point":1,', '"point":%s,' % bad)
        with open(runs, "w") as f:
            f.write("\n".join(lines) + "\n")
        r = s.run("sensitivity", "spec.json", "-q", "-j", "2", cwd=d)
        s.check("points %s: exit 0, the line set aside" % bad,
                r.status == 0 and "quarantine.jsonl" in r.err,
                "got %s; %r" % (r.status, r.err))
        with open(os.path.join(folder, "sensitivity.json"), "rb") as f:
            again = f.read()
        s.check("points %s: the analysis as before the damage" % bad,
                again == first)


def report_of_many_points(s):
    """A sweep folder of 40,000 points: the report walks the points as a
    list.  Looking each point up from the head of the list took about 40 s
    of CPU; walking it takes about a second."""
    d = s.fresh_dir("report")
    src = s.fresh_dir("small")
    write_json(src, "spec.json", {
        "name": "small", "set": {"run.ticks": 2},
        "axes": [{"path": "process.share", "values": [0, 0.1]}]})
    r = s.run("sweep", "spec.json", "-q", "--out", "small", cwd=src)
    if not s.check("small sweep for the report: exit 0", r.status == 0,
                   repr(r.err)):
        return
    summary = clitest.load_json_file(os.path.join(src, "small",
                                                  "summary.json"))
    manifest = clitest.load_json_file(os.path.join(src, "small",
                                                   "manifest.json"))
    n = 40000
    keep = ("survival", "cumulative_value")
    points = []
    for i in range(n):
        p = dict(summary["points"][i % 2])
        p["point"] = i
        p["id"] = str(i)
        p["metrics"] = {k: v for k, v in p["metrics"].items() if k in keep}
        # The best point on cumulative value is in the middle of the list.
        if i == n // 2:
            p["metrics"]["cumulative_value"] = dict(
                p["metrics"]["cumulative_value"], mean=1e9)
        if i not in (0, n // 2):
            p.pop("series", None)
        points.append(p)
    summary["points"] = points
    manifest["points"] = n
    manifest["runs"] = manifest["runs_done"] = n
    folder = os.path.join(d, "big")
    os.makedirs(folder)
    write_json(folder, "summary.json", summary)
    write_json(folder, "manifest.json", manifest)
    open(os.path.join(folder, "runs.jsonl"), "w").close()
    before = children_cpu()
    r = s.run("report", "big", "-o", "big.html", "--quiet", cwd=d,
              timeout=240)
    cpu = children_cpu() - before
    print("report of %d points: %.2f s CPU" % (n, cpu))
    s.check("report of 40000 points: exit 0", r.status == 0, repr(r.err))
    s.check("report of 40000 points: under 15 s of CPU (was about 40)",
            cpu < 15, "%.1f s" % cpu)
    html = clitest.read_bytes(os.path.join(d, "big.html")) or b""
    s.check("report of 40000 points: the page names the last point",
            b'"id":"39999"' in html, "%d bytes" % len(html))


def sweep_limit_options(s):
    """--max-runs raises the run limit; every point is held to the memory
    and work limits of one run (times the threads) before anything runs,
    and --max-memory / --max-work raise them."""
    d = s.fresh_dir("sweeplimits")
    write_json(d, "many.json", {
        "name": "many", "set": {"run.ticks": 2}, "replications": 4,
        "axes": [{"path": "network.max_degree", "values": [10, 20, 30]}]})
    r = s.run("sweep", "many.json", "--out", "m", "-q", "--max-runs", "11",
              cwd=d)
    s.check("--max-runs 11 for 12 runs: exit 2, says how to raise it",
            r.status == 2 and "expected at most 11 runs" in r.err and
            "--max-runs" in r.err, "%s %r" % (r.status, r.err))
    r = s.run("sweep", "many.json", "--out", "m", "-q", "--max-runs", "12",
              "-j", "2", cwd=d)
    s.check("--max-runs 12 for 12 runs: exit 0", r.status == 0, repr(r.err))
    r = s.run("sweep", "many.json", "--out", "m2", "--max-runs", "0", cwd=d)
    s.check("--max-runs 0: usage error", r.status == 2 and
            "--max-runs expects" in r.err, repr(r.err))
    # 3,000,000 partners x max_degree 1000 is about 46 GiB a run.
    write_json(d, "big.json", {
        "name": "big", "replications": 1,
        "set": {"run.ticks": 5, "population.government.count": 3000000},
        "axes": [{"path": "network.max_degree", "values": [10, 1000]}]})
    r = s.run("sweep", "big.json", "--out", "b", "-q", "-j", "2", cwd=d)
    s.check("a point over the memory limit: exit 2 before any run, naming "
            "the point, the limit and the threads",
            r.status == 2 and "design point 1" in r.err and
            "memory limit of 8 GiB" in r.err and "x 2 threads" in r.err and
            not os.path.exists(os.path.join(d, "b")),
            "%s %r" % (r.status, r.err))
    r = s.run("sweep", "big.json", "--out", "b", "-q", "-j", "1",
              "--max-memory", "100", "--max-work", "1e9", cwd=d)
    s.check("with --max-memory 100 --max-work 1e9: the work limit names point 1",
            r.status == 2 and "design point 1" in r.err and
            "work limit" in r.err and "--max-work" in r.err, "%s %r" % (r.status, r.err))


def main():
    for k, v in (("OMPI_MCA_ess_singleton_isolated", "1"),
                 ("OMPI_MCA_pml", "ob1"), ("OMPI_MCA_btl", "self")):
        os.environ.setdefault(k, v)
    s = clitest.Suite("spec and design limits")
    design_over_run_limit(s)
    sweep_limit_options(s)
    sensitivity_placeholders(s)
    sensitivity_reads_points_checked(s)
    report_of_many_points(s)
    s.finish()


if __name__ == "__main__":
    main()
