"""netgov params (text and --json) against include/netgov/param_table.h,
the defaults against a run's resolved config, --help and --version, and
every command's --help and usage errors (one parser, sim/cli/common.c)."""
import os
import re
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clitest  # noqa: E402

TYPES = {"real", "integer", "choice", "vector"}


def is_num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def params_checks(s):
    declared = clitest.param_paths(s.source)
    s.check("param_table.h: paths parsed (%d)" % len(declared),
            len(declared) > 50 and "governance.mode" in declared
            and "run.ticks" in declared
            and "population.civil.interests" in declared)
    s.check("param_table.h: paths are unique",
            len(set(declared)) == len(declared))

    r = s.run("params")
    s.check("params: exit 0", r.status == 0, r.err)
    s.check("params: nothing on stderr", r.err == "", repr(r.err))
    listed = {line.split()[0] for line in r.text.splitlines()
              if line and not line[0].isspace()}
    missing = [p for p in declared if p not in listed]
    s.check("params: lists every path of param_table.h", not missing,
            "missing %s" % missing)
    s.check("params: lists nothing else", listed <= set(declared),
            "extra %s" % sorted(listed - set(declared)))

    r = s.run("params", "--json")
    s.check("params --json: exit 0", r.status == 0, r.err)
    entries, why = clitest.try_json(r.text)
    if not s.check("params --json: parses as a JSON array",
                   isinstance(entries, list), why):
        return None
    paths = [e.get("path") for e in entries if isinstance(e, dict)]
    s.check("params --json: one entry per parameter (%d)" % len(declared),
            sorted(paths) == sorted(declared) and len(entries) ==
            len(declared), "missing %s, extra %s" %
            (sorted(set(declared) - set(paths)),
             sorted(set(paths) - set(declared))))
    s.check("params --json: in the order of param_table.h",
            paths == declared)
    base = ("path", "type", "default", "unit", "meaning")
    bad = [e for e in entries if not isinstance(e, dict)
           or any(k not in e for k in base) or e["type"] not in TYPES
           or not isinstance(e["unit"], str)
           or not (isinstance(e["meaning"], str) and e["meaning"])]
    s.check("params --json: every entry has path, type, default, unit, "
            "meaning", not bad, repr(bad[:3]))
    numeric = [e for e in entries if isinstance(e, dict)
               and e.get("type") in ("real", "integer", "vector")]
    bad = [e["path"] for e in numeric
           if not (is_num(e.get("min")) and is_num(e.get("max"))
                   and e["min"] <= e["max"])]
    s.check("params --json: numeric entries have min <= max", not bad,
            repr(bad))
    bad = [e["path"] for e in numeric
           if is_num(e.get("min")) and is_num(e.get("max")) and not (
               (e["type"] != "vector" and is_num(e["default"])
                and e["min"] <= e["default"] <= e["max"])
               or (e["type"] == "vector" and isinstance(e["default"], list)
                   and len(e["default"]) == 4
                   and all(is_num(x) and e["min"] <= x <= e["max"]
                           for x in e["default"])))]
    s.check("params --json: defaults lie within [min, max] (vectors: 4 "
            "values)", not bad, repr(bad))
    bad = [e["path"] for e in numeric if e["type"] == "integer"
           and not (isinstance(e["default"], int) and
                    isinstance(e["min"], int) and isinstance(e["max"], int))]
    s.check("params --json: integer parameters have integer default, min, "
            "max", not bad, repr(bad))
    choices = [e for e in entries if isinstance(e, dict)
               and e.get("type") == "choice"]
    bad = [e["path"] for e in choices
           if not (isinstance(e.get("choices"), list) and e["choices"]
                   and e["default"] in e["choices"])]
    s.check("params --json: choice entries list choices including the "
            "default", not bad, repr(bad))
    by_path = {e["path"]: e for e in entries if isinstance(e, dict)}
    gov = by_path.get("governance.mode", {}).get("choices", [])
    s.check("params --json: governance.mode offers shared, lead and nao",
            {"shared", "lead", "nao"} <= set(gov), repr(gov))
    cost = by_path.get("cost_sharing.rule", {}).get("choices", [])
    s.check("params --json: cost_sharing.rule offers lead_pays",
            "lead_pays" in cost, repr(cost))
    return entries


def defaults_checks(s, entries):
    """Every default of `params --json` is what a run on an empty scenario
    resolves to, and every path is accepted by --set with its default."""
    d = s.fresh_dir("defaults")
    with open(os.path.join(d, "empty.json"), "w") as f:
        f.write("{}\n")
    r = s.run("run", "empty.json", "--ticks", "3", "--out", "-", "--quiet",
              cwd=d)
    s.check("empty scenario {}: runs with exit 0", r.status == 0, r.err)
    doc, why = clitest.try_json(r.text)
    if not s.check("empty scenario {}: output parses", doc is not None, why):
        return
    cfg = doc["config"]
    wrong = []
    for e in entries:
        if e["path"] == "run.ticks":
            continue
        try:
            got = clitest.get_path(cfg, e["path"])
        except (KeyError, TypeError):
            wrong.append((e["path"], "absent"))
            continue
        if got != e["default"]:
            wrong.append((e["path"], got, e["default"]))
    s.check("resolved config of {} holds every parameter at its default",
            not wrong, repr(wrong[:5]))
    s.check("empty scenario {}: named after the file",
            doc["scenario"] == "empty", repr(doc["scenario"]))

    sets = []
    for e in entries:
        v = e["default"]
        if e["type"] == "vector":
            text = "[" + ",".join(repr(x) for x in v) + "]"
        elif e["type"] == "choice":
            text = v
        else:
            text = repr(v)
        sets += ["--set", "%s=%s" % (e["path"], text)]
    r = s.run("run", "empty.json", *sets, "--ticks", "3", "--out", "-",
              "--quiet", cwd=d)
    s.check("--set accepts every path with its default value",
            r.status == 0, r.err[:2000])
    same, why = clitest.try_json(r.text)
    s.check("--set of every default gives the same document",
            same is not None and same == doc, why or "")


def help_version(s):
    for flag in ("--help", "-h"):
        r = s.run(flag)
        s.check("%s: exit 0" % flag, r.status == 0, r.err)
        s.check("%s: usage on stdout, nothing on stderr" % flag,
                r.text.startswith("usage: netgov") and r.err == "",
                repr(r.err))
        missing = [c for c in ("run", "validate", "params", "presets")
                   if not re.search(r"^\s+%s\b" % c, r.text, re.M)]
        s.check("%s: mentions run, validate, params, presets" % flag,
                not missing, "missing %s" % missing)
        s.check("%s: documents the exit statuses" % flag,
                "exit status" in r.text)
    r = s.run("--version")
    s.check("--version: exit 0", r.status == 0, r.err)
    m = re.match(r"netgov (\d+\.\d+\.\d+)\b", r.text)
    s.check("--version: prints \"netgov X.Y.Z\"", m, repr(r.text))
    cm = open(s.src("CMakeLists.txt")).read()
    pv = re.search(r"project\(\s*netgov\s+VERSION\s+(\d+\.\d+\.\d+)", cm)
    s.check("--version: matches the project version in CMakeLists.txt",
            m and pv and m.group(1) == pv.group(1),
            "%s vs %s" % (m and m.group(1), pv and pv.group(1)))
    d = s.fresh_dir("version")
    o = s.run("run", "--ticks", "2", "--out", "-", "--quiet", cwd=d)
    doc, _ = clitest.try_json(o.text)
    s.check("--version: same as the output's engine_version",
            m and doc and doc.get("engine_version") == m.group(1),
            repr(doc and doc.get("engine_version")))
    fv = re.search(r"output format (\d+)", r.text)
    s.check("--version: output format matches format_version",
            fv and doc and doc.get("format_version") == int(fv.group(1)),
            repr(r.text))


# command: (an option that takes a value, a command line that gives a
# single-value option twice, that option as spelt the second time)
COMMANDS = {
    "run": ("--out", ["--preset", "default", "--preset", "default"],
            "--preset"),
    "compare": ("--reps", ["--reps", "2", "--reps", "3"], "--reps"),
    "sweep": ("--out", ["s.json", "-j", "1", "-j", "2"], "-j"),
    "sensitivity": ("--design", ["s.json", "--out", "a", "--out", "b"],
                    "--out"),
    "merge": ("--out", ["d", "--out", "a", "--out", "b"], "--out"),
    "odd": ("--set", ["--out", "a", "--out", "b"], "--out"),
    "explain": ("--out", ["r.json", "--out", "a", "--out", "b"], "--out"),
    "view": ("-o", ["r.json", "-o", "a", "-o", "b"], "-o"),
    "report": ("--out", ["r.json", "-o", "a", "--out", "b"], "--out"),
    "params": (None, None, None),
    "presets": (None, None, None),
    "validate": (None, None, None),
}


def usage_error(s, d, label, args, message):
    r = s.run(*args, cwd=d)
    cmd = args[0]
    s.check("%s: exit 2" % label, r.status == 2,
            "got %s; %r" % (r.status, r.err))
    s.check("%s: says \"%s\"" % (label, message),
            r.err.startswith("netgov: %s: %s\n" % (cmd, message)), r.err)
    s.check("%s: usage line and hint on stderr, nothing on stdout" % label,
            "\nusage: netgov %s" % cmd in r.err and
            r.err.endswith("(try netgov %s --help)\n" % cmd) and
            r.out == b"", repr(r.err))


def command_usage(s):
    """Every command has --help and reports the same usage errors the same
    way, with exit status 2 and nothing written."""
    d = s.fresh_dir("usage")
    for cmd, (valued, twice, named) in COMMANDS.items():
        for flag in ("--help", "-h"):
            r = s.run(cmd, flag, cwd=d)
            s.check("%s %s: exit 0, usage on stdout, nothing on stderr"
                    % (cmd, flag), r.status == 0 and r.err == "" and
                    r.text.startswith("usage: netgov %s" % cmd),
                    "%s %r" % (r.status, r.err))
        usage_error(s, d, "%s --bogus" % cmd, [cmd, "--bogus"],
                    "unknown option --bogus")
        if valued:
            usage_error(s, d, "%s %s without value" % (cmd, valued),
                        [cmd, "x", valued], "missing value after " + valued)
        if twice:
            usage_error(s, d, "%s %s twice" % (cmd, named), [cmd] + twice,
                        "%s given twice" % named)
    usage_error(s, d, "presets with an argument", ["presets", "x"],
                "unexpected argument x")
    s.check("usage errors: nothing written", os.listdir(d) == [],
            repr(os.listdir(d)))


def main():
    s = clitest.Suite("params, --help, --version")
    entries = params_checks(s)
    if entries:
        defaults_checks(s, entries)
    help_version(s)
    command_usage(s)
    s.finish()


if __name__ == "__main__":
    main()
