"""Limits on input: the size cap on every file netgov reads, duplicate keys
at any depth and in big objects, strict text in --set values, and the memory
and work limits of a scenario with their --max-memory and --max-work
overrides.  Big inputs are generated here, in a temporary folder."""
import json
import os
import sys
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clitest  # noqa: E402

MIB = 1024 * 1024
INPUT_MAX = 64 * MIB  # NG_INPUT_MAX_BYTES, include/netgov/config.h


def write_padded(path, size):
    """An empty config object of exactly `size` bytes: "{", spaces, "}"."""
    with open(path, "wb") as f:
        f.write(b"{")
        f.write(b" " * (size - 2))
        f.write(b"}")


def size_cap(s):
    d = s.fresh_dir("cap")
    write_padded(os.path.join(d, "at_cap.json"), INPUT_MAX)
    r = s.run("validate", "at_cap.json", cwd=d)
    s.check("a config of exactly 64 MiB is read", r.status == 0, r.err)
    write_padded(os.path.join(d, "over_cap.json"), INPUT_MAX + 1)
    os.remove(os.path.join(d, "at_cap.json"))
    r = s.run("validate", "over_cap.json", cwd=d)
    s.check("a config one byte over 64 MiB: exit 2", r.status == 2, r.err)
    s.check("a config over the cap: names the file, the cap and what was "
            "found",
            "netgov: over_cap.json: expected a file of at most 64 MiB, "
            "found more" in r.err, r.err)
    r = s.run("run", "over_cap.json", "--out", "x.json", cwd=d)
    s.check("run of a config over the cap: exit 2, no output",
            r.status == 2 and not os.path.exists(os.path.join(d, "x.json")),
            r.err)
    os.remove(os.path.join(d, "over_cap.json"))

    # A device that never ends: read up to the cap, then refused.
    start = time.monotonic()
    r = s.run("validate", "/dev/zero", cwd=d, timeout=60)
    s.check("validate /dev/zero: exit 2", r.status == 2, r.err)
    s.check("validate /dev/zero: the cap is named",
            "/dev/zero: expected a file of at most 64 MiB, found more"
            in r.err, r.err)
    s.check("validate /dev/zero: stops within 60 s",
            time.monotonic() - start < 60)
    r = s.run("sweep", "/dev/zero", "--out", "o", cwd=d, timeout=60)
    s.check("sweep /dev/zero (a spec): exit 2, the cap named, nothing "
            "written",
            r.status == 2 and "at most 64 MiB" in r.err
            and not os.path.exists(os.path.join(d, "o")), r.err)
    r = s.run("validate", d, cwd=d)
    s.check("validate a directory: exit 2, \"cannot read\"",
            r.status == 2 and "cannot read" in r.err, r.err)


def big_objects(s):
    d = s.fresh_dir("keys")
    keys = ",".join('"k%d":%d' % (i, i) for i in range(10 ** 6))
    with open(os.path.join(d, "million.json"), "w") as f:
        f.write('{"x": {' + keys + ', "k5": 1}}')
    start = time.monotonic()
    r = s.run("validate", "million.json", cwd=d, timeout=60)
    took = time.monotonic() - start
    s.check("10^6 keys and one repeated: exit 2", r.status == 2, r.err)
    s.check("10^6 keys: the repeated key is named with its path",
            "netgov: million.json:x.k5: expected each key once, found it "
            "twice" in r.err, r.err)
    # Pairwise comparison would take hours; sorting takes well under a
    # second (the rest is reading and parsing, on a shared machine).
    s.check("10^6 keys: checked within 30 s", took < 30, "%.1f s" % took)

    # Many listed partners, one name twice, and ties between them.
    n = 200000
    partners = [{"name": "p%d" % i, "sector": "civil"} for i in range(n)]
    partners.append({"name": "p17", "sector": "civil"})
    ties = [{"a": "p%d" % i, "b": "p%d" % (i + 1)} for i in range(n - 1)]
    with open(os.path.join(d, "partners.json"), "w") as f:
        json.dump({"population": {"partners": partners, "ties": ties}}, f)
    start = time.monotonic()
    r = s.run("validate", "partners.json", cwd=d, timeout=60)
    took = time.monotonic() - start
    s.check("200000 listed partners, a name twice: exit 2, both places named",
            r.status == 2 and 'found "p17" at [17] and [200000]' in r.err,
            r.err[-500:])
    s.check("200000 listed partners and ties: checked within 30 s",
            took < 30, "%.1f s" % took)


def nested_spec_duplicate(s):
    """A sensitivity object with "outputs" twice once corrupted the heap."""
    d = s.fresh_dir("spec")
    with open(os.path.join(d, "spec.json"), "w") as f:
        f.write('{"name": "dup", "axes": [{"path": '
                '"governance.nao.monitoring", "min": 0.1, "max": 0.9}],\n'
                ' "sensitivity": {"method": "sobol", "samples": 8,\n'
                '  "outputs": ["cumulative_value"],\n'
                '  "outputs": ["cumulative_value", "final_members"]}}\n')
    r = s.run("sweep", "spec.json", "--out", "o", "-q", cwd=d)
    s.check("spec with sensitivity.outputs twice: exit 2", r.status == 2,
            r.err)
    s.check("spec with sensitivity.outputs twice: the path is named",
            "netgov: spec.json:sensitivity.outputs: expected each key once, "
            "found it twice" in r.err, r.err)
    s.check("spec with a repeated key: nothing written",
            clitest.listdir_recursive(d) == ["spec.json"],
            repr(clitest.listdir_recursive(d)))


def set_values(s):
    d = s.fresh_dir("set")
    cases = [
        ('name="port\\u0000watch"', "--set name:1:6",
         "expected a string without NUL characters, found \\u0000"),
        (b"name=caf\xe9", "--set name:1:4",
         "expected UTF-8 text, found byte 0xe9"),
        ('name="\\udc00"', "--set name:1:2",
         "expected a surrogate pair, found a lone low surrogate \\udc00"),
        ("name=two\nlines", "--set name",
         "expected a value without control characters, found byte 0x0a"),
        ('population.civil.count={"a": 1, "a": 2}',
         "--set population.civil.count:a", "expected each key once"),
    ]
    for value, where, message in cases:
        label = "--set %r" % (value,)
        if isinstance(value, bytes):
            # argv bytes, as a shell passes them: not decodable as UTF-8.
            value = os.fsdecode(value)
        r = s.run("run", "--set", value, "--out", "x.json", cwd=d)
        s.check("%s: exit 2" % label, r.status == 2, r.err)
        s.check("%s: where and what" % label,
                "netgov: %s: %s" % (where, message) in r.err, r.err)
        s.check("%s: no run document" % label,
                not os.path.exists(os.path.join(d, "x.json")))
    r = s.run("run", "--set", "name=Caf\u00e9 \u2014 \U0001F600", "--out",
              "x.json", "-q", cwd=d)
    s.check("--set with UTF-8 text: runs", r.status == 0, r.err)
    with open(os.path.join(d, "x.json"), "rb") as f:
        doc = json.loads(f.read().decode("utf-8"))
    s.check("--set with UTF-8 text: the name reads back exactly",
            doc["config"]["name"] == "Caf\u00e9 \u2014 \U0001F600",
            repr(doc["config"]["name"]))


def scenario_limits(s):
    d = s.fresh_dir("limits")
    bad = s.src("tests", "data", "bad", "pool_too_large.json")
    r = s.run("validate", bad, cwd=d)
    s.check("pool 4e7 x max_degree 1000: refused by validate",
            r.status == 2 and "memory limit of 8 GiB" in r.err
            and "607 GiB" in r.err, r.err)
    r = s.run("validate", bad, "--max-memory", "1024", "--max-work", "1e13",
              cwd=d)
    s.check("the same with --max-memory 1024 --max-work 1e13: valid",
            r.status == 0, r.err)
    r = s.run("validate", bad, "--max-memory", "1024", cwd=d)
    s.check("--max-memory alone: still over the work limit",
            r.status == 2 and "work limit" in r.err
            and "memory limit" not in r.err, r.err)
    # The estimate follows the pool: 10^4 partners need about 13 MiB.
    big = ["--set", "population.civil.count=10000"]
    r = s.run("run", *big, "--max-memory", "0.005", "--out", "x.json", cwd=d)
    s.check("a pool of 10^4 over --max-memory 0.005: exit 2, no output",
            r.status == 2 and "memory limit of 0.005 GiB" in r.err
            and not os.path.exists(os.path.join(d, "x.json")), r.err)
    r = s.run("run", *big, "--max-memory", "0.05", "--out", "x.json", "-q",
              cwd=d)
    s.check("a pool of 10^4 within --max-memory 0.05: runs", r.status == 0,
            r.err)
    for cmd in (["odd"], ["compare", "--set", "run.ticks=2"]):
        r = s.run(*cmd, "--max-memory", "16", "--max-work", "1e12", "--out",
                  "c.out", cwd=d)
        s.check("%s takes --max-memory and --max-work" % cmd[0],
                r.status == 0, r.err)
    for value in ("0", "-1", "abc", "1e300", "nan"):
        r = s.run("run", "--max-memory", value, cwd=d)
        s.check("--max-memory %s: a usage error" % value,
                r.status == 2 and "--max-memory expects a number of GiB"
                in r.err, r.err)
    r = s.run("validate", bad, "--max-work", "0.5", cwd=d)
    s.check("--max-work 0.5: a usage error",
            r.status == 2 and "--max-work expects" in r.err, r.err)
    r = s.run("run", "--max-memory", "16", "--max-memory", "32", cwd=d)
    s.check("--max-memory given twice: a usage error",
            r.status == 2 and "given twice" in r.err, r.err)
    # A config cannot raise its own limit.
    with open(os.path.join(d, "self.json"), "w") as f:
        json.dump({"limits": {"max_memory_gib": 1000}}, f)
    r = s.run("validate", "self.json", cwd=d)
    s.check("a config cannot set the limits: unknown key",
            r.status == 2 and "self.json:limits" in r.err, r.err)


def replay_of_listed_interests(s):
    """Listed interests written into the run document must parse back to
    the same numbers, or the replay of view differs."""
    d = s.fresh_dir("replay")
    r = s.run("run", "--preset", "port-crime-coalition", "--seed", "1",
              "--out", "pcc.json", "-q", cwd=d)
    s.check("port-crime-coalition --seed 1 runs", r.status == 0, r.err)
    r = s.run("view", "pcc.json", "-o", "pcc.html", "-q", cwd=d)
    s.check("view of port-crime-coalition --seed 1 replays the run",
            r.status == 0, r.err)


def main():
    s = clitest.Suite("netgov input limits")
    size_cap(s)
    big_objects(s)
    nested_spec_duplicate(s)
    set_values(s)
    scenario_limits(s)
    replay_of_listed_interests(s)
    s.finish()


if __name__ == "__main__":
    main()
