"""Bad input: every bad config under tests/data/bad/ (expectations in
tests/data/bad/expected.json) through `netgov validate` and `netgov run`,
bad command lines, output failures, and the good config under
tests/data/good/."""
import os
import re
import shutil
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clitest  # noqa: E402


def error_lines(err):
    return [line for line in err.splitlines() if line.startswith("netgov: ")]


def check_message_style(s, label, err, paths, source=None):
    """STYLE.md 7.6: `netgov: where: message`, the message in lower case,
    no trailing period, no "Error:" prefix.  `where` is the field path,
    bare or (the STYLE.md form) prefixed by the config file: `FILE:path`."""
    lines = error_lines(err)
    s.check("%s: every stderr line is `netgov: ...`" % label,
            lines and len(lines) == len(err.splitlines()), repr(err))
    s.check("%s: no trailing period, no \"error:\" prefix" % label,
            all(not line.endswith(".") and
                not re.search(r"\berror:", line, re.I) for line in lines),
            repr(lines))
    for path in paths:
        heads = ["netgov: %s: " % path]
        if source and not path.startswith(source):
            heads.append("netgov: %s:%s: " % (source, path))
        msgs = [line[len(h):] for line in lines for h in heads
                if line.startswith(h)]
        s.check("%s: stderr names the field path %s" % (label, path),
                msgs, repr(err))
        s.check("%s: message for %s starts in lower case" % (label, path),
                msgs and msgs[0][:1].islower(), repr(msgs))


def bad_configs(s):
    data, cases = s.error_cases("bad", "bad configs")
    s.check("bad configs: at least 18 error classes", len(cases) >= 18,
            str(len(cases)))
    for name in sorted(cases):
        want = cases[name]
        if not os.path.isfile(os.path.join(data, name)):
            continue
        d = s.fresh_dir("bad")
        shutil.copy(os.path.join(data, name), os.path.join(d, name))
        paths = [p.replace("{file}", name) for p in want.get("paths", [])]
        for cmd in (["validate", name],
                    ["run", name, "--out", "out/x.json"]):
            label = "%s (%s)" % (name, cmd[0])
            r = s.run(*cmd, cwd=d)
            s.check("%s: exit status %d" % (label, want["status"]),
                    r.status == want["status"],
                    "got %s; stderr %r" % (r.status, r.err))
            s.check("%s: nothing on stdout" % label, r.out == b"",
                    repr(r.text[:200]))
            missing = [f for f in want.get("stderr_contains", [])
                       if f not in r.err]
            s.check("%s: stderr holds what was expected and found" % label,
                    not missing, "missing %r in %r" % (missing, r.err))
            check_message_style(s, label, r.err, paths, name)
            if "errors" in want:
                n = len(error_lines(r.err))
                s.check("%s: exactly %d error line(s)"
                        % (label, want["errors"]), n == want["errors"],
                        "%d: %r" % (n, r.err))
            left = clitest.listdir_recursive(d)
            s.check("%s: no output or temporary file left" % label,
                    left == [name], repr(left))


def usage_errors(s):
    d = s.fresh_dir("usage")
    good = s.src("tests", "data", "good", "small_alliance.json")
    shutil.copy(good, os.path.join(d, "a.json"))
    shutil.copy(good, os.path.join(d, "b.json"))
    cases = [
        ("no command", [], ["usage: netgov"]),
        ("unknown command", ["frobnicate"],
         ["unknown command \"frobnicate\""]),
        ("run: missing config file", ["run", "missing.json"],
         ["netgov: missing.json: cannot open"]),
        ("validate: missing config file", ["validate", "missing.json"],
         ["netgov: missing.json: cannot open"]),
        ("validate: no file", ["validate"], ["missing the config file"]),
        ("validate: two files", ["validate", "a.json", "b.json"],
         ["more than one config file: b.json"]),
        ("run: unknown --preset", ["run", "--preset", "no-such-preset"],
         ["netgov: --preset: expected one of:", "default",
          "found \"no-such-preset\""]),
        ("run: --set unknown path", ["run", "--set", "foo.bar=3"],
         ["netgov: foo.bar: unknown key"]),
        ("run: --set misspelt path", ["run", "--set", "governance.mdoe=nao"],
         ["netgov: governance.mdoe: unknown key",
          "did you mean \"governance.mode\"?"]),
        ("run: --set bad value", ["run", "--set", "run.ticks=abc"],
         ["netgov: run.ticks: expected an integer", "found \"abc\""]),
        ("run: --set out of range", ["run", "--set", "network.homophily=2"],
         ["netgov: network.homophily: expected a number between 0 and 1",
          "found 2"]),
        ("run: --set unknown choice",
         ["run", "--set", "governance.mode=anarchy"],
         ["netgov: governance.mode: expected one of:", "nao",
          "found \"anarchy\""]),
        ("run: --set without =", ["run", "--set", "run.ticks"],
         ["netgov: --set: expected path=value"]),
        ("run: --set lead_pays under shared governance",
         ["run", "--set", "cost_sharing.rule=lead_pays"],
         ["netgov: cost_sharing.rule: expected governance.mode \"lead\""]),
        ("run: --ticks with trailing text", ["run", "--ticks", "30abc"],
         ["run.ticks", "expected an integer", "found \"30abc\""]),
        ("run: --seed with two numbers", ["run", "--seed", "7 8"],
         ["run.seed", "expected an integer"]),
        ("run: --seed 0", ["run", "--seed", "0"],
         ["netgov: run.seed: expected an integer", "found 0"]),
        ("run: --seed 2^32", ["run", "--seed", "4294967296"],
         ["netgov: run.seed: expected an integer", "found 4294967296"]),
        ("run: --ticks 0", ["run", "--ticks", "0"],
         ["netgov: run.ticks: expected an integer", "found 0"]),
        ("run: --ticks without value", ["run", "--ticks"],
         ["missing value after --ticks"]),
        ("run: --out without value", ["run", "--out"],
         ["missing value after --out"]),
        ("run: unknown option", ["run", "--bogus"],
         ["unknown option --bogus"]),
        ("run: two config files", ["run", "a.json", "b.json"],
         ["more than one config file"]),
        ("run: config file and --preset",
         ["run", "a.json", "--preset", "default"], ["not both"]),
        ("params: unknown option", ["params", "--bogus"],
         ["usage: netgov params"]),
        ("presets: extra argument", ["presets", "x"],
         ["usage: netgov presets"]),
    ]
    for label, args, fragments in cases:
        r = s.run(*args, cwd=d)
        s.check("%s: exit 2" % label, r.status == 2,
                "got %s; stderr %r" % (r.status, r.err))
        missing = [f for f in fragments if f not in r.err]
        s.check("%s: stderr explains" % label, not missing,
                "missing %r in %r" % (missing, r.err))
        s.check("%s: nothing on stdout" % label, r.out == b"",
                repr(r.text[:200]))
    s.check("bad command lines: nothing written",
            clitest.listdir_recursive(d) == ["a.json", "b.json"],
            repr(clitest.listdir_recursive(d)))


def output_failures(s):
    """The output cannot be written: exit 1 (runtime failure), the path in
    the message, and no temporary file left behind."""
    d = s.fresh_dir("iofail")
    with open(os.path.join(d, "blocker"), "w") as f:
        f.write("a file, not a directory\n")
    r = s.run("run", "--ticks", "5", "--out", "blocker/x.json", cwd=d)
    s.check("--out under a regular file: exit 1", r.status == 1,
            "got %s; %r" % (r.status, r.err))
    s.check("--out under a regular file: message names the path",
            "netgov: blocker/x.json: cannot create" in r.err, repr(r.err))
    os.makedirs(os.path.join(d, "adir"))
    r = s.run("run", "--ticks", "5", "--out", "adir", cwd=d)
    s.check("--out naming a directory: exit 1", r.status == 1,
            "got %s; %r" % (r.status, r.err))
    s.check("--out naming a directory: message names the path",
            "netgov: adir: " in r.err, repr(r.err))
    s.check("failed outputs leave no temporary file",
            clitest.listdir_recursive(d) == ["blocker"],
            repr(clitest.listdir_recursive(d)))


def good_config(s):
    good = s.src("tests", "data", "good", "small_alliance.json")
    spec = clitest.load_json_file(good)
    listed = spec["population"]["partners"]
    d = s.fresh_dir("good")
    shutil.copy(good, os.path.join(d, "small_alliance.json"))
    r = s.run("validate", "small_alliance.json", cwd=d)
    s.check("good config: validate exits 0", r.status == 0, r.err)
    s.check("good config: validate says ok with the scenario name",
            "ok" in r.text and "harbour-safety" in r.text, repr(r.text))
    pool = len(listed) + sum(spec["population"][k]["count"] for k in
                             ("government", "business", "knowledge",
                              "civil"))
    s.check("good config: validate reports the pool (%d, %d listed)"
            % (pool, len(listed)),
            "%d partners in the pool (%d listed)" % (pool, len(listed))
            in r.text, repr(r.text))
    s.check("good config: validate prints nothing on stderr", r.err == "",
            repr(r.err))
    s.check("good config: validate writes nothing",
            clitest.listdir_recursive(d) == ["small_alliance.json"])

    r = s.run("run", "small_alliance.json", cwd=d)
    s.check("good config: run exits 0", r.status == 0, r.err)
    out = os.path.join(d, "out", "harbour-safety.json")
    s.check("good config: run writes out/<name>.json by the config's name",
            os.path.isfile(out), repr(clitest.listdir_recursive(d)))
    if not os.path.isfile(out):
        return
    doc = clitest.load_json_file(out)
    s.check("good config: scenario is the config's name",
            doc["scenario"] == "harbour-safety", repr(doc["scenario"]))
    s.check("good config: seed and ticks from the file",
            doc["seed"] == spec["run"]["seed"] and
            doc["config"]["run"]["ticks"] == spec["run"]["ticks"])
    s.check("good config: governance and cost rule from the file",
            doc["config"]["governance"]["mode"] == "lead" and
            doc["config"]["cost_sharing"]["rule"] == "lead_pays")
    s.check("good config: pool size in the output",
            len(doc["partners"]) == pool, str(len(doc["partners"])))
    names = [p["name"] for p in doc["partners"][:len(listed)]]
    s.check("good config: listed partners come first, by name and order",
            names == [p["name"] for p in listed], repr(names))
    ok = all(doc["partners"][i]["sector"] == p["sector"]
             for i, p in enumerate(listed))
    s.check("good config: listed partners keep their sectors", ok)
    leads = [p["name"] for p in doc["partners"] if p["lead"]]
    s.check("good config: exactly the listed lead is lead",
            leads == ["Port Authority"], repr(leads))
    want_founders = sorted(p["name"] for p in listed
                           if p.get("founder") or p.get("lead"))
    founders = sorted(p["name"] for p in doc["partners"] if p["founder"])
    s.check("good config: founders are the listed founders and the lead",
            founders == want_founders, repr(founders))
    joined = sorted(e["name"] for e in doc["events"]
                    if e["type"] == "join" and e["reason"] == "founder")
    s.check("good config: one founder join event per founder",
            joined == want_founders, repr(joined))
    fixed = doc["partners"][0]
    s.check("good config: given attributes are kept (capacity, authority, "
            "support)", fixed["capacity"] == 5.0 and
            fixed["authority"] == 0.9 and fixed["support"] == 0.7,
            repr(fixed))
    disp = {p["name"]: p.get("disposition") for p in listed}
    s.check("good config: given dispositions are kept",
            all(doc["partners"][i]["disposition"] == disp[p["name"]]
                for i, p in enumerate(listed) if disp[p["name"]]))
    cfg_pop = doc["config"]["population"]
    s.check("good config: config lists the partners",
            [p["name"] for p in cfg_pop.get("partners", [])] ==
            [p["name"] for p in listed])
    ties = [(t["a"], t["b"]) for t in cfg_pop.get("ties", [])]
    s.check("good config: config lists the ties",
            ties == [(t["a"], t["b"]) for t in spec["population"]["ties"]],
            repr(ties))
    default_trust = doc["config"]["network"]["tie_trust"]
    s.check("good config: a tie without trust gets network.tie_trust",
            cfg_pop["ties"][1]["trust"] == default_trust,
            repr(cfg_pop.get("ties")))
    s.check("good config: tie partners have ties in the output",
            all(doc["partners"][i]["ties"] >= 1 for i in range(len(listed))
                if any(listed[i]["name"] in (t["a"], t["b"])
                       for t in spec["population"]["ties"])))


def main():
    s = clitest.Suite("bad input, usage errors, good config")
    bad_configs(s)
    usage_errors(s)
    output_failures(s)
    good_config(s)
    s.finish()


if __name__ == "__main__":
    main()
