"""Reproducibility and run options: same seed -> byte-identical output,
different seeds differ, --out -, --csv, --quiet, --set, and the resolved
config round-trips (run the output's "config" again: same series)."""
import csv
import json
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clitest  # noqa: E402


def read_bytes(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return None


def run_to_file(s, label, args, d, name):
    """Runs netgov run ARGS --out NAME in d; returns (bytes, document)."""
    r = s.run("run", *args, "--out", name, cwd=d)
    s.check("%s: exit 0" % label, r.status == 0, r.err)
    data = read_bytes(os.path.join(d, name))
    doc, why = (clitest.try_json(data.decode("utf-8")) if data is not None
                else (None, "no output file"))
    s.check("%s: output parses" % label, doc is not None, why)
    return data, doc


def main():
    s = clitest.Suite("determinism, run options, config round-trip")
    metrics, _, _ = clitest.record_names(s.source)
    good = s.src("tests", "data", "good", "small_alliance.json")
    d = s.fresh_dir("det")

    # ---- same config and seed twice: byte-identical ----
    base = ["--preset", "default", "--ticks", "60", "--seed", "7"]
    a, doc_a = run_to_file(s, "seed 7 (first)", base, d, "a.json")
    b, _ = run_to_file(s, "seed 7 (second)", base, d, "b.json")
    s.check("same preset and seed twice: byte-identical JSON",
            a is not None and a == b)
    c, doc_c = run_to_file(s, "seed 8",
                           ["--preset", "default", "--ticks", "60",
                            "--seed", "8"], d, "c.json")
    s.check("seed 7 vs seed 8: documents differ", a != c)
    if doc_a and doc_c:
        s.check("seed 7 vs seed 8: series differ",
                doc_a["series"] != doc_c["series"])
        s.check("seed echoed in the output (7 and 8)",
                doc_a["seed"] == 7 and doc_c["seed"] == 8,
                "%r %r" % (doc_a["seed"], doc_c["seed"]))

    g1, _ = run_to_file(s, "good config (first)", [good, "--seed", "3"], d,
                        "g1.json")
    g2, _ = run_to_file(s, "good config (second)", [good, "--seed", "3"], d,
                        "g2.json")
    s.check("config file with named partners twice: byte-identical JSON",
            g1 is not None and g1 == g2)

    # ---- the working directory does not matter ----
    other = s.fresh_dir("elsewhere")
    e = s.run("run", *base, "--out", os.path.join(other, "e.json"), cwd=d)
    s.check("absolute --out from another cwd: exit 0", e.status == 0, e.err)
    s.check("output does not depend on the cwd",
            read_bytes(os.path.join(other, "e.json")) == a)

    # ---- --out - writes the same document to stdout ----
    r = s.run("run", *base, "--out", "-", cwd=d)
    s.check("--out -: exit 0", r.status == 0, r.err)
    s.check("--out -: stdout is the same document byte for byte",
            a is not None and r.out == a,
            "%d vs %d bytes" % (len(r.out), len(a or b"")))
    s.check("--out -: summary still on stderr", "outcome" in r.err, r.err)
    s.check("--out -: no file written",
            sorted(os.listdir(d)) == ["a.json", "b.json", "c.json",
                                      "g1.json", "g2.json"],
            repr(sorted(os.listdir(d))))

    # ---- --csv ----
    r = s.run("run", *base, "--out", "w.json", "--csv", "w.csv", cwd=d)
    s.check("--csv: exit 0", r.status == 0, r.err)
    s.check("--csv: JSON unchanged by --csv",
            read_bytes(os.path.join(d, "w.json")) == a)
    rows = None
    try:
        with open(os.path.join(d, "w.csv"), newline="") as f:
            rows = list(csv.reader(f))
    except OSError as err:
        s.check("--csv: file written", False, str(err))
    if rows is not None and doc_a:
        s.check("--csv: header is tick plus the metrics of record.h",
                rows and rows[0] == ["tick"] + metrics,
                repr(rows[0] if rows else None))
        n = len(doc_a["series"]["tick"])
        s.check("--csv: one row per tick (%d)" % n, len(rows) - 1 == n,
                "%d rows" % (len(rows) - 1))
        s.check("--csv: every row has as many cells as the header",
                all(len(row) == len(rows[0]) for row in rows))
        try:
            same = all(
                int(row[0]) == doc_a["series"]["tick"][t]
                and all(float(row[1 + k]) == float(doc_a["series"][m][t])
                        for k, m in enumerate(metrics))
                for t, row in enumerate(rows[1:]))
        except (ValueError, IndexError, KeyError) as err:
            same = False
        s.check("--csv: values equal the JSON series exactly", same)

    # ---- --quiet ----
    r = s.run("run", *base, "--out", "q.json", "--quiet", cwd=d)
    s.check("--quiet: exit 0", r.status == 0, r.err)
    s.check("--quiet: nothing on stderr", r.err == "", repr(r.err))
    s.check("--quiet: nothing on stdout", r.out == b"")
    s.check("--quiet: output unchanged",
            read_bytes(os.path.join(d, "q.json")) == a)
    r = s.run("run", *base, "--out", "-", "-q", cwd=d)
    s.check("-q with --out -: stdout is the document, stderr empty",
            r.status == 0 and r.out == a and r.err == "", repr(r.err))

    # ---- --set overrides show up in the output's config ----
    _, doc = run_to_file(s, "--set governance.mode=nao run.ticks=30",
                         ["--set", "governance.mode=nao",
                          "--set", "run.ticks=30",
                          "--set", "governance.nao.outreach=0.45",
                          "--set", "population.civil.interests=[1,2,3,4]"],
                         d, "set.json")
    if doc:
        cfg = doc["config"]
        s.check("--set governance.mode=nao in config",
                clitest.get_path(cfg, "governance.mode") == "nao")
        s.check("--set run.ticks=30 in config",
                clitest.get_path(cfg, "run.ticks") == 30)
        s.check("--set governance.nao.outreach=0.45 in config",
                clitest.get_path(cfg, "governance.nao.outreach") == 0.45)
        s.check("--set population.civil.interests=[1,2,3,4] in config",
                clitest.get_path(cfg, "population.civil.interests")
                == [1, 2, 3, 4])
        s.check("--set run.ticks=30: series at most 30 long",
                0 < len(doc["series"]["tick"]) <= 30)
    _, doc = run_to_file(s, "--set on a config file",
                         [good, "--set", "cost_sharing.rule=equal",
                          "--ticks", "20"], d, "set2.json")
    if doc:
        s.check("--set cost_sharing.rule=equal overrides the file",
                clitest.get_path(doc["config"], "cost_sharing.rule")
                == "equal")
        s.check("--ticks 20 overrides the file's run.ticks",
                clitest.get_path(doc["config"], "run.ticks") == 20)
    _, doc = run_to_file(s, "later --set wins",
                         ["--ticks", "40", "--set", "run.ticks=25"], d,
                         "set3.json")
    if doc:
        s.check("later --set wins over earlier --ticks",
                clitest.get_path(doc["config"], "run.ticks") == 25)

    # ---- the resolved config round-trips ----
    for label, args in (("default preset", base),
                        ("good config", [good, "--seed", "3",
                                         "--ticks", "40"]),
                        ("nao + voluntary", ["--ticks", "40", "--seed", "5",
                                             "--set", "governance.mode=nao",
                                             "--set",
                                             "cost_sharing.rule=voluntary"])):
        rd = s.fresh_dir("roundtrip")
        _, first = run_to_file(s, "round-trip %s: first run" % label, args,
                               rd, "first.json")
        if not first:
            continue
        with open(os.path.join(rd, "resolved.json"), "w") as f:
            json.dump(first["config"], f, indent=2)
        _, second = run_to_file(s, "round-trip %s: resolved config run"
                                % label, ["resolved.json", "--seed",
                                          str(first["seed"])],
                                rd, "second.json")
        if not second:
            continue
        s.check("round-trip %s: identical series" % label,
                first["series"] == second["series"])
        s.check("round-trip %s: identical events and partners" % label,
                first["events"] == second["events"]
                and first["partners"] == second["partners"])
        s.check("round-trip %s: identical summary" % label,
                first["summary"] == second["summary"])
        s.check("round-trip %s: identical resolved config" % label,
                first["config"] == second["config"])
        v = s.run("validate", "resolved.json", cwd=rd)
        s.check("round-trip %s: resolved config validates" % label,
                v.status == 0, v.err)
    s.finish()


if __name__ == "__main__":
    main()
