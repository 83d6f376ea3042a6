"""netgov run on every preset: exit status, and the documented fields of the
output document (ARCHITECTURE.md "Output", sim/output/output_json.c).  Metric,
event and reason names come from include/netgov/record.h."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clitest  # noqa: E402

TOP_FIELDS = ["format_version", "engine_version", "seed", "rng_type",
              "scenario", "config", "units", "series", "events", "partners",
              "summary"]
CONFIG_PATHS = ["run.ticks", "run.seed", "governance.mode",
                "cost_sharing.rule"]
PARTNER_FIELDS = ["id", "name", "sector", "disposition", "founder", "lead",
                  "state", "state_tick", "ever_joined", "ties", "violations",
                  "capacity", "authority", "support", "power", "alignment",
                  "valuation", "belief", "system_trust", "commitment", "value",
                  "contribution", "asked", "paid", "benefit", "interests"]
SECTORS = {"government", "business", "knowledge", "civil"}
STATES = {"candidate", "member", "exited", "excluded"}
SUMMARY_FIELDS = ["outcome", "cause", "lifetime", "peak_members",
                  "final_members", "cumulative_value", "mean_contribution",
                  "first_exit_tick", "share_ever_joined",
                  "final_interpersonal_trust", "final_system_trust",
                  "mean_fit", "final_fit", "mission_turn", "shocks",
                  "incidents", "votes_held", "votes_failed",
                  "process_spending", "final_mission", "final_focus",
                  "small_partners", "small_partners_left"]


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def is_num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def check_document(s, label, doc, ticks, metrics, event_types, reasons):
    missing = [k for k in TOP_FIELDS if k not in doc]
    if not s.check("%s: top-level fields present" % label, not missing,
                   "missing %s" % missing):
        return
    s.check("%s: format_version is a positive integer" % label,
            is_int(doc["format_version"]) and doc["format_version"] >= 1,
            repr(doc["format_version"]))
    s.check("%s: engine_version is a non-empty string" % label,
            isinstance(doc["engine_version"], str) and doc["engine_version"])
    s.check("%s: seed is an integer in 1..2^32-1" % label,
            is_int(doc["seed"]) and 1 <= doc["seed"] <= 2**32 - 1,
            repr(doc["seed"]))
    s.check("%s: rng_type is mt19937" % label, doc["rng_type"] == "mt19937",
            repr(doc["rng_type"]))
    s.check("%s: scenario is a non-empty string" % label,
            isinstance(doc["scenario"], str) and doc["scenario"])

    cfg = doc["config"]
    s.check("%s: config is an object" % label, isinstance(cfg, dict))
    if isinstance(cfg, dict):
        absent = [p for p in CONFIG_PATHS if not clitest.has_path(cfg, p)]
        s.check("%s: config holds %s" % (label, ", ".join(CONFIG_PATHS)),
                not absent, "missing %s" % absent)
        if not absent:
            s.check("%s: config.run.ticks is the --ticks value" % label,
                    clitest.get_path(cfg, "run.ticks") == ticks,
                    repr(clitest.get_path(cfg, "run.ticks")))
            s.check("%s: config.run.seed equals seed" % label,
                    clitest.get_path(cfg, "run.seed") == doc["seed"])

    units = doc["units"]
    s.check("%s: units names exactly the metrics of record.h" % label,
            isinstance(units, dict) and list(units) == metrics
            and all(isinstance(u, str) for u in units.values()),
            "got %s" % (list(units) if isinstance(units, dict) else units))

    summary = doc["summary"]
    missing = [k for k in SUMMARY_FIELDS if k not in summary]
    if not s.check("%s: summary fields present" % label, not missing,
                   "missing %s" % missing):
        return
    lifetime = summary["lifetime"]
    s.check("%s: summary.outcome is survived, dissolved or completed"
            % label,
            summary["outcome"] in ("survived", "dissolved", "completed"),
            repr(summary["outcome"]))
    s.check("%s: summary.cause is a reason of record.h" % label,
            summary["cause"] in reasons, repr(summary["cause"]))
    if summary["outcome"] == "survived":
        s.check("%s: survived: cause none, lifetime = ticks" % label,
                summary["cause"] == "none" and lifetime == ticks,
                "cause %r lifetime %r" % (summary["cause"], lifetime))
    elif summary["outcome"] == "completed":
        s.check("%s: completed: cause goal_reached, 1 <= lifetime <= ticks"
                % label, summary["cause"] == "goal_reached"
                and is_int(lifetime) and 1 <= lifetime <= ticks,
                "cause %r lifetime %r" % (summary["cause"], lifetime))
    else:
        s.check("%s: dissolved: cause is not none, 1 <= lifetime <= ticks"
                % label, summary["cause"] not in ("none", "goal_reached")
                and is_int(lifetime) and 1 <= lifetime <= ticks,
                "cause %r lifetime %r" % (summary["cause"], lifetime))
    ints = ["lifetime", "peak_members", "final_members"]
    s.check("%s: summary counts are non-negative integers" % label,
            all(is_int(summary[k]) and summary[k] >= 0 for k in ints),
            repr({k: summary[k] for k in ints}))
    reals = ["cumulative_value", "mean_contribution", "share_ever_joined",
             "final_interpersonal_trust", "final_system_trust"]
    s.check("%s: summary values are numbers" % label,
            all(is_num(summary[k]) for k in reals),
            repr({k: summary[k] for k in reals}))
    counts = ["shocks", "incidents", "votes_held", "votes_failed"]
    s.check("%s: v2 summary counts are non-negative integers, failed <= held"
            % label, all(is_int(summary[k]) and summary[k] >= 0
                         for k in counts)
            and summary["votes_failed"] <= summary["votes_held"],
            repr({k: summary[k] for k in counts}))
    s.check("%s: summary fit in [0, 1], mission turn >= 0" % label,
            0 <= summary["mean_fit"] <= 1 and 0 <= summary["final_fit"] <= 1
            and summary["mission_turn"] >= 0, repr(
                (summary["mean_fit"], summary["final_fit"],
                 summary["mission_turn"])))
    for k in ("final_mission", "final_focus"):
        v = summary[k]
        s.check("%s: summary.%s is a point of the simplex" % (label, k),
                isinstance(v, list) and len(v) == 4
                and all(is_num(x) and x >= 0 for x in v)
                and abs(sum(v) - 1) < 1e-9, repr(v))
    fe = summary["first_exit_tick"]
    s.check("%s: summary.first_exit_tick is null or a tick" % label,
            fe is None or (is_int(fe) and 0 <= fe <= lifetime), repr(fe))
    s.check("%s: summary.share_ever_joined in [0, 1]" % label,
            0 <= summary["share_ever_joined"] <= 1)
    # Small partners: below the upper median capacity of all who ever
    # joined; recomputed from the partner list.
    joined = sorted(p["capacity"] for p in doc["partners"]
                    if p["ever_joined"])
    median = joined[len(joined) // 2] if joined else 0
    small = [p for p in doc["partners"]
             if p["ever_joined"] and p["capacity"] < median]
    left = [p for p in small if p["state"] in ("exited", "excluded")]
    s.check("%s: summary.small_partners(_left) match the partners" % label,
            summary.get("small_partners") == len(small)
            and summary.get("small_partners_left") == len(left),
            "summary %r/%r, partners %d/%d" % (
                summary.get("small_partners"),
                summary.get("small_partners_left"), len(small), len(left)))

    series = doc["series"]
    want = ["tick"] + metrics
    s.check("%s: series holds tick plus every metric of record.h" % label,
            isinstance(series, dict) and sorted(series) == sorted(want),
            "missing %s, extra %s" % (sorted(set(want) - set(series)),
                                      sorted(set(series) - set(want))))
    lengths = {k: len(v) for k, v in series.items()}
    s.check("%s: all series have length summary.lifetime (%s)"
            % (label, lifetime), set(lengths.values()) == {lifetime},
            repr(lengths))
    s.check("%s: series.tick is 1..lifetime" % label,
            series.get("tick") == list(range(1, lifetime + 1)))
    s.check("%s: series values are numbers" % label,
            all(is_num(x) for k in metrics for x in series.get(k, [])))
    members = series.get("members", [])
    if members:
        s.check("%s: last series.members = summary.final_members" % label,
                members[-1] == summary["final_members"],
                "%r vs %r" % (members[-1], summary["final_members"]))
        s.check("%s: series.members never above summary.peak_members"
                % label, max(members) <= summary["peak_members"])

    events = doc["events"]
    s.check("%s: events is a list" % label, isinstance(events, list))
    bad = [e for e in events
           if not (isinstance(e, dict) and is_int(e.get("tick"))
                   and 0 <= e["tick"] <= lifetime
                   and e.get("type") in event_types
                   and e.get("reason") in reasons)]
    s.check("%s: every event has tick (0..lifetime), type and reason from "
            "record.h" % label, not bad, repr(bad[:3]))
    s.check("%s: event ticks are in order" % label,
            [e["tick"] for e in events if isinstance(e, dict)] ==
            sorted(e["tick"] for e in events if isinstance(e, dict)))
    dissolutions = [e for e in events if e.get("type") == "dissolution"]
    if summary["outcome"] == "dissolved":
        s.check("%s: one dissolution event with the summary's cause and tick"
                % label, len(dissolutions) == 1
                and dissolutions[0]["reason"] == summary["cause"]
                and dissolutions[0]["tick"] == lifetime, repr(dissolutions))
    else:
        s.check("%s: no dissolution event when survived" % label,
                not dissolutions, repr(dissolutions))

    partners = doc["partners"]
    s.check("%s: partners is a non-empty list" % label,
            isinstance(partners, list) and partners)
    bad = [p for p in partners
           if not (isinstance(p, dict)
                   and all(k in p for k in PARTNER_FIELDS)
                   and p["sector"] in SECTORS and p["state"] in STATES
                   and isinstance(p["name"], str) and p["name"]
                   and isinstance(p["interests"], list)
                   and len(p["interests"]) == 4)]
    s.check("%s: every partner has id, name, sector, state... with valid "
            "values" % label, not bad, repr(bad[:2]))
    s.check("%s: partner ids are 0..n-1" % label,
            [p.get("id") for p in partners] == list(range(len(partners))))
    ids = {p.get("id") for p in partners}
    s.check("%s: event partners refer to listed partners" % label,
            all(e["partner"] in ids for e in events if "partner" in e))


def main():
    s = clitest.Suite("run on every preset; output document")
    metrics, event_types, reasons = clitest.record_names(s.source)
    s.check("record.h: metric, event and reason names parsed",
            len(metrics) >= 5 and "members" in metrics
            and "dissolution" in event_types and "none" in reasons,
            "%r %r %r" % (metrics, event_types, reasons))

    r, presets = clitest.preset_names(s)
    s.check("presets: exit 0", r.status == 0, r.err)
    s.check("presets: lists \"default\"", "default" in presets,
            repr(presets))
    s.check("presets: names are unique", len(set(presets)) == len(presets))

    ticks = 60
    for name in presets:
        d = s.fresh_dir("preset")
        r = s.run("run", "--preset", name, "--ticks", ticks,
                  "--out", "result.json", cwd=d)
        label = "preset %s" % name
        if not s.check("%s: run exits 0" % label, r.status == 0, r.err):
            continue
        s.check("%s: nothing on stdout" % label, r.out == b"")
        path = os.path.join(d, "result.json")
        if not s.check("%s: --out file written" % label,
                       os.path.isfile(path)):
            continue
        with open(path, encoding="utf-8") as f:
            doc, why = clitest.try_json(f.read())
        if not s.check("%s: output is valid JSON (no NaN/Infinity)" % label,
                       doc is not None, why):
            continue
        s.check("%s: output is a JSON object" % label, isinstance(doc, dict))
        if isinstance(doc, dict):
            check_document(s, label, doc, ticks, metrics, event_types,
                           reasons)
        s.check("%s: only the --out file in the directory" % label,
                clitest.listdir_recursive(d) == ["result.json"],
                repr(clitest.listdir_recursive(d)))

    # `netgov run` with no arguments: default preset to out/default.json.
    d = s.fresh_dir("bare")
    r = s.run("run", cwd=d)
    s.check("run (no arguments): exit 0", r.status == 0, r.err)
    path = os.path.join(d, "out", "default.json")
    s.check("run (no arguments): writes out/default.json in the cwd",
            os.path.isfile(path), repr(clitest.listdir_recursive(d)))
    s.check("run (no arguments): nothing else written",
            clitest.listdir_recursive(d) == [os.path.join("out",
                                                          "default.json")],
            repr(clitest.listdir_recursive(d)))
    s.check("run (no arguments): summary on stderr mentions \"outcome\"",
            "outcome" in r.err, r.err)
    s.check("run (no arguments): summary names the output file",
            "out/default.json" in r.err, r.err)
    s.check("run (no arguments): nothing on stdout", r.out == b"")
    if os.path.isfile(path):
        doc, why = clitest.try_json(open(path, encoding="utf-8").read())
        s.check("run (no arguments): output parses", doc is not None, why)
        if doc is not None:
            s.check("run (no arguments): scenario is \"default\"",
                    doc.get("scenario") == "default",
                    repr(doc.get("scenario")))
            ticks_default = clitest.get_path(doc, "config.run.ticks")
            check_document(s, "run (no arguments)", doc, ticks_default,
                           metrics, event_types, reasons)
    s.finish()


if __name__ == "__main__":
    main()
