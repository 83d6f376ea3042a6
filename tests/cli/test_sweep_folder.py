"""Sweep folders that cannot be trusted: damaged and foreign lines of
runs.jsonl set aside on resume (and the resumed folder byte-identical to an
undisturbed sweep), forged lines whose check matches but whose members are
wrong, damaged manifests, runs without a manifest, merge of a damaged shard
(refused, naming the shard's file and line, nothing written), two sweeps on
one folder (the lock), leftovers of a killed attempt, and the attempts
count."""
import json
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
CHECK = re.compile(rb',"check":"([0-9a-f]{16})"}$')

SPEC = {"name": "tiny", "base": {"preset": "default"},
        "set": {"run.ticks": 12},
        "axes": [{"path": "alliance.ambition", "values": [0.1, 0.3]}],
        "replications": 3, "seed": 7}


def write_spec(d, name, spec):
    path = os.path.join(d, name)
    with open(path, "w") as f:
        json.dump(spec, f)
    return path


def lines_of(path):
    data = clitest.read_bytes(path) or b""
    return data.split(b"\n")[:-1]


def write_lines(path, lines):
    with open(path, "wb") as f:
        f.write(b"".join(line + b"\n" for line in lines))


def fnv1a(data):
    h = 14695981039346656037
    for b in data:
        h = ((h ^ b) * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return h


def fingerprint(folder):
    man = clitest.load_json_file(os.path.join(folder, "manifest.json"))
    return ("%s seed %d" % (man["spec_hash"], man["master_seed"])).encode()


def forge(folder, obj_text):
    """A line with a check that matches: the format of docs/EXPERIMENTS.md
    computed independently of netgov."""
    body = obj_text[:-1]
    h = fnv1a(fingerprint(folder) + b"\n" + body)
    return body + b',"check":"%016x"}' % h


def unchecked(line):
    """The line's JSON text without its check member."""
    return CHECK.sub(b"}", line)


def quarantine(folder):
    data = clitest.read_bytes(os.path.join(folder, "quarantine.jsonl"))
    if data is None:
        return []
    return [json.loads(line) for line in data.decode("ascii").splitlines()]


def main():
    s = clitest.Suite("sweep folders: checks, quarantine, lock, merge")
    d = s.fresh_dir("folder")
    write_spec(d, "s.json", SPEC)
    write_spec(d, "s8.json", dict(SPEC, seed=8))
    r = s.run("sweep", "s.json", "--out", "ref", "-q", cwd=d)
    s.check("reference sweep: exit 0", r.status == 0, r.err[-800:])
    r = s.run("sweep", "s.json", "--out", "ref2", "-q", cwd=d)
    ref = os.path.join(d, "ref")
    lines = lines_of(os.path.join(ref, "runs.jsonl"))
    s.check("reference: 6 lines, each ending with its check",
            len(lines) == 6 and all(CHECK.search(x) for x in lines),
            repr(lines[:1]))
    s.check("reference: the check is FNV-1a of fingerprint and line",
            lines and forge(ref, unchecked(lines[0])) == lines[0])
    s.check("reference: only the sweep's files in the folder",
            sorted(os.listdir(ref)) == ["manifest.json", "runs.jsonl",
                                        "summary.csv", "summary.json"],
            str(sorted(os.listdir(ref))))
    s.check("two sweeps: the same bytes", all(
        clitest.read_bytes(os.path.join(ref, f)) ==
        clitest.read_bytes(os.path.join(d, "ref2", f)) for f in OUTPUT_FILES))

    r = s.run("sweep", "s8.json", "--out", "seed8", "-q", cwd=d)
    foreign = lines_of(os.path.join(d, "seed8", "runs.jsonl"))

    def edit(k, old, new):
        def f(ls):
            ls[k] = ls[k].replace(old, new, 1)
            return ls
        return f

    def forged(k, old, new):
        def f(ls):
            text = unchecked(ls[k]).replace(old, new, 1)
            ls[k] = forge(ref, text)
            return ls
        return f

    def drop_member(k, key):
        def f(ls):
            text = re.sub(rb'"%s":[^,]*,' % key, b"", unchecked(ls[k]), 1)
            ls[k] = forge(ref, text)
            return ls
        return f

    def at(k, fn):
        return lambda ls: ls[:k] + fn(ls[k]) + ls[k + 1:]

    damages = [
        # (label, change of the lines, reason expected in quarantine.jsonl,
        #  line number of the damaged line)
        ("line without point", drop_member(1, b"point"),
         "point: expected", 2),
        ("\"id\": 5", forged(2, b'"id":"0"', b'"id":5'),
         "id: expected a string", 3),
        ("\"series\": [1]",
         lambda ls: [forge(ref, re.sub(rb'"series":\{.*\}\}$',
                                       b'"series":[1]}', unchecked(x)))
                     if i == 4 else x for i, x in enumerate(ls)],
         "series: expected an object", 5),
        ("\"run\": 1e300", forged(0, b'"run":0', b'"run":1e300'),
         "run: expected an integer from 0 to 5", 1),
        ("\"point\": 1e300", forged(3, b'"point":1', b'"point":1e300'),
         "point: expected 1", 4),
        ("relabelled run, check recomputed",
         forged(1, b'"run":1', b'"run":4'), "point: expected 1", 2),
        ("relabelled run", edit(1, b'"run":1', b'"run":4'),
         "does not match its content", 2),
        ("edited number", edit(2, b'"cumulative_value":', b'"cumulative_value":1'),
         "does not match its content", 3),
        ("text after the closing brace",
         lambda ls: ls[:5] + [ls[5] + b" trailing"],
         "text after its closing brace", 6),
        ("line cut in the middle", lambda ls: ls[:2] + [ls[2][:80]] + ls[3:],
         "no \"check\" member", 3),
        ("blank line", lambda ls: ls[:3] + [b""] + ls[3:], "blank line", 4),
        ("NULs", lambda ls: ls[:1] + [b"\0" * 40] + ls[2:],
         "NUL byte", 2),
        ("a line of a sweep with another seed",
         lambda ls: ls[:4] + [foreign[4]] + ls[5:],
         "another sweep", 5),
        ("a second line of a run", lambda ls: ls + [ls[0]],
         "a second line of run 0", 7),
    ]
    for label, change, reason, lineno in damages:
        case = os.path.join(d, "case-%d" % damages.index(
            (label, change, reason, lineno)))
        shutil.copytree(ref, case)
        path = os.path.join(case, "runs.jsonl")
        write_lines(path, change(lines_of(path)))
        r = s.run("sweep", "s.json", "--out", case, "-q", cwd=d)
        s.check("%s: resume exits 0" % label, r.status == 0,
                "got %s; %s" % (r.status, r.err[-600:]))
        s.check("%s: resume says what it set aside" % label,
                "set aside 1 damaged or foreign line" in r.err
                and "quarantine.jsonl" in r.err, r.err[-400:])
        q = quarantine(case)
        s.check("%s: quarantine.jsonl names file, line and reason" % label,
                len(q) == 1 and q[0].get("file") == "runs.jsonl"
                and q[0].get("line") == lineno
                and reason in q[0].get("reason", "")
                and isinstance(q[0].get("text"), str),
                json.dumps(q)[:400])
        for f in OUTPUT_FILES:
            s.check("%s: %s byte-identical to an undisturbed sweep"
                    % (label, f),
                    clitest.read_bytes(os.path.join(case, f)) ==
                    clitest.read_bytes(os.path.join(ref, f)))

    # The text of a quarantined line is its bytes, NULs included.
    case = os.path.join(d, "nul")
    shutil.copytree(ref, case)
    path = os.path.join(case, "runs.jsonl")
    ls = lines_of(path)
    write_lines(path, ls[:1] + [b"a\0b\xffc"] + ls[2:])
    s.run("sweep", "s.json", "--out", case, "-q", cwd=d)
    q = quarantine(case)
    s.check("quarantine: the bytes of the line, escaped",
            q and q[0].get("text") == "a\u0000b\u00ffc", json.dumps(q))

    # A running sweep's last line cut short by a crash: dropped silently.
    case = os.path.join(d, "crash")
    shutil.copytree(ref, case)
    path = os.path.join(case, "runs.jsonl")
    with open(path, "ab") as f:
        f.write(lines_of(path)[0][:50])
    r = s.run("sweep", "s.json", "--out", case, "-q", cwd=d)
    s.check("a last line cut by a crash: resume exits 0 and sets nothing "
            "aside", r.status == 0 and "set aside" not in r.err
            and not quarantine(case), r.err[-400:])
    s.check("a last line cut by a crash: runs.jsonl byte-identical",
            clitest.read_bytes(path) ==
            clitest.read_bytes(os.path.join(ref, "runs.jsonl")))

    # ---- manifests ----
    for key in ("started", "spec_hash", "attempts", "shard", "runs"):
        case = os.path.join(d, "man-" + key)
        shutil.copytree(ref, case)
        mpath = os.path.join(case, "manifest.json")
        man = clitest.load_json_file(mpath)
        del man[key]
        with open(mpath, "w") as f:
            json.dump(man, f)
        r = s.run("sweep", "s.json", "--out", case, "-q", cwd=d)
        s.check("manifest without %s: resume exits 2 naming it" % key,
                r.status == 2 and ("%s: expected" % key) in r.err
                and "manifest.json" in r.err, r.err[-400:])
    case = os.path.join(d, "man-types")
    shutil.copytree(ref, case)
    mpath = os.path.join(case, "manifest.json")
    man = clitest.load_json_file(mpath)
    man["attempts"] = 1e300
    with open(mpath, "w") as f:
        json.dump(man, f)
    r = s.run("sweep", "s.json", "--out", case, "-q", cwd=d)
    s.check("manifest with attempts 1e300: exit 2 naming attempts",
            r.status == 2 and "attempts: expected an integer" in r.err,
            r.err[-400:])

    # A folder of the layout before lines had checks: refused, saying why.
    case = os.path.join(d, "layout1")
    shutil.copytree(ref, case)
    mpath = os.path.join(case, "manifest.json")
    man = clitest.load_json_file(mpath)
    s.check("manifest: layout_version 2", man.get("layout_version") == 2)
    man["layout_version"] = 1
    with open(mpath, "w") as f:
        json.dump(man, f)
    r = s.run("sweep", "s.json", "--out", case, "-q", cwd=d)
    s.check("a folder of layout 1: exit 2 saying its lines carry no check",
            r.status == 2 and "layout 1" in r.err and "no check" in r.err,
            r.err[-400:])

    # A device in place of runs.jsonl is refused, not read without end.
    case = os.path.join(d, "device")
    shutil.copytree(ref, case)
    os.remove(os.path.join(case, "runs.jsonl"))
    os.symlink("/dev/zero", os.path.join(case, "runs.jsonl"))
    r = s.run("sweep", "s.json", "--out", case, "-q", cwd=d, timeout=20)
    s.check("runs.jsonl a device: exit 2, expected a regular file",
            r.status == 2 and "expected a regular file" in r.err,
            r.err[-400:])

    # Runs left without their manifest are not adopted by another sweep.
    case = os.path.join(d, "nomanifest")
    shutil.copytree(os.path.join(d, "seed8"), case)
    os.remove(os.path.join(case, "manifest.json"))
    before = clitest.read_bytes(os.path.join(case, "runs.jsonl"))
    r = s.run("sweep", "s.json", "--out", case, "-q", cwd=d)
    s.check("runs without a manifest: exit 2 saying what to do",
            r.status == 2 and "no manifest.json" in r.err
            and "runs.jsonl" in r.err, r.err[-400:])
    s.check("runs without a manifest: runs.jsonl untouched, no manifest "
            "written", clitest.read_bytes(os.path.join(case, "runs.jsonl"))
            == before and not os.path.exists(
                os.path.join(case, "manifest.json")))

    # ---- merge ----
    shards = []
    for i in (1, 2):
        out = os.path.join(d, "shard%d" % i)
        r = s.run("sweep", "s.json", "--shard", "%d/2" % i, "--out", out,
                  "-q", cwd=d)
        s.check("shard %d/2: exit 0" % i, r.status == 0, r.err[-400:])
        shards.append(out)
    r = s.run("merge", shards[0], shards[1], "--out", "merged", "-q", cwd=d)
    s.check("merge: exit 0, the same files as one sweep",
            r.status == 0 and all(
                clitest.read_bytes(os.path.join(d, "merged", f)) ==
                clitest.read_bytes(os.path.join(ref, f))
                for f in OUTPUT_FILES), r.err[-400:])
    s2 = os.path.join(d, "shard2")
    path = os.path.join(s2, "runs.jsonl")
    good = lines_of(path)
    merge_cases = [
        ("an edited line", good[:1] + [good[1].replace(b'"rep":', b'"rep": ')]
         + good[2:], "line 2", "does not match"),
        ("a forged line without point",
         [forge(s2, re.sub(rb'"point":[^,]*,', b"", unchecked(good[0]), 1))]
         + good[1:], "line 1", "point: expected"),
        ("a forged line with point 1e300",
         good[:2] + [forge(s2, unchecked(good[2]).replace(
             b'"point":1', b'"point":1e300', 1))], "line 3",
         "point: expected"),
        ("a blank line", good + [b""], "line 4", "blank line"),
    ]
    for label, new, where, why in merge_cases:
        write_lines(path, new)
        out = os.path.join(d, "merged-bad")
        r = s.run("merge", shards[0], s2, "--out", out, cwd=d)
        s.check("merge of a shard with %s: exit 2 naming shard and line"
                % label, r.status == 2 and "shard2/runs.jsonl" in r.err
                and where in r.err and why in r.err, r.err[-500:])
        s.check("merge of a shard with %s: nothing written" % label,
                not os.path.exists(out) or not os.listdir(out),
                str(os.path.exists(out) and os.listdir(out)))
    # The shard resumed (the line set aside, its run redone), the merge
    # is the undisturbed sweep.
    write_lines(path, merge_cases[1][1])
    r = s.run("sweep", "s.json", "--shard", "2/2", "--out", s2, "-q", cwd=d)
    s.check("the damaged shard resumed: exit 0", r.status == 0, r.err[-400:])
    r = s.run("merge", shards[0], s2, "--out", "merged2", "-q", cwd=d)
    s.check("merge after resuming the shard: the same files as one sweep",
            r.status == 0 and all(
                clitest.read_bytes(os.path.join(d, "merged2", f)) ==
                clitest.read_bytes(os.path.join(ref, f))
                for f in OUTPUT_FILES), r.err[-400:])
    # A shard's manifest without keys: refused, naming the key.
    for key in ("started", "runs_done", "confidence"):
        bad = os.path.join(d, "shard1-" + key)
        shutil.copytree(shards[0], bad)
        mpath = os.path.join(bad, "manifest.json")
        man = clitest.load_json_file(mpath)
        del man[key]
        with open(mpath, "w") as f:
            json.dump(man, f)
        out = os.path.join(d, "merged-" + key)
        r = s.run("merge", bad, s2, "--out", out, cwd=d)
        s.check("merge with a manifest without %s: exit 2 naming it" % key,
                r.status == 2 and ("%s: expected" % key) in r.err,
                r.err[-400:])
        s.check("merge with a manifest without %s: nothing written" % key,
                not os.path.exists(out))

    # ---- the lock ----
    big = dict(SPEC, set={"run.ticks": 300}, replications=150)
    write_spec(d, "big.json", big)
    held = os.path.join(d, "held")
    first = subprocess.Popen([s.binary, "sweep", "big.json", "--out", held,
                              "-j", "1", "-q"], cwd=d,
                             stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
    deadline = time.time() + 30
    while time.time() < deadline and not os.path.exists(
            os.path.join(held, "runs.jsonl")):
        time.sleep(0.05)
    r = s.run("sweep", "big.json", "--out", held, "-q", cwd=d)
    s.check("a second sweep on a folder in use: exit 1 naming the folder "
            "and the holder's pid", r.status == 1 and held in r.err
            and ("process %d" % first.pid) in r.err, r.err[-400:])
    r = s.run("merge", shards[0], s2, "--out", held, cwd=d)
    s.check("a merge into a folder in use: exit 1", r.status == 1
            and ("process %d" % first.pid) in r.err, r.err[-400:])
    first.send_signal(signal.SIGINT)
    first.wait(timeout=60)
    first.stderr.close()
    n_before = len(lines_of(os.path.join(held, "runs.jsonl")))
    s.check("the first sweep interrupted: exit 1, runs kept",
            first.returncode == 1 and n_before > 0, str(first.returncode))
    # A holder killed outright: the kernel releases the lock.
    killed = subprocess.Popen([s.binary, "sweep", "big.json", "--out", held,
                               "-j", "1", "-q"], cwd=d,
                              stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    deadline = time.time() + 30
    while time.time() < deadline and len(lines_of(
            os.path.join(held, "runs.jsonl"))) <= n_before:
        time.sleep(0.05)
    killed.send_signal(signal.SIGKILL)
    killed.wait(timeout=60)
    # Stale temporaries of a killed final phase, and a file that is not
    # the folder's own.
    stale = ["runs.jsonl.tmp.99999.0", "summary.json.tmp.123.4",
             "summary.csv.tmp.5.6", "manifest.json.tmp.7.8"]
    for name in stale + ["notes.tmp.1.2", "runs.jsonl.tmp.x"]:
        with open(os.path.join(held, name), "w") as f:
            f.write("stale")
    r = s.run("sweep", "big.json", "--out", held, "-q", "-j", "2",
              cwd=d, timeout=600)
    s.check("resume after SIGINT and SIGKILL: exit 0", r.status == 0,
            r.err[-400:])
    left = sorted(os.listdir(held))
    s.check("the folder's stale temporaries removed, other files kept",
            not any(x in left for x in stale) and "notes.tmp.1.2" in left
            and "runs.jsonl.tmp.x" in left and "sweep.lock" not in left,
            str(left))
    man = clitest.load_json_file(os.path.join(held, "manifest.json"))
    s.check("attempts counts every start (3)", man.get("attempts") == 3,
            str(man.get("attempts")))
    r = s.run("sweep", "big.json", "--out", held, "-q", cwd=d, timeout=600)
    man = clitest.load_json_file(os.path.join(held, "manifest.json"))
    s.check("attempts counts a start of a complete sweep (4)",
            r.status == 0 and man.get("attempts") == 4,
            str(man.get("attempts")))
    s.finish()


if __name__ == "__main__":
    main()
