"""Shared harness of the netgov command-line tests (standard library only).

Each test script is run by ctest as
    /usr/bin/python3 tests/cli/<script>.py <path to netgov> <source dir>
and works in a fresh temporary directory, so `out/` never lands in the
source tree.  It prints one line per check and ends with "N passed,
M failed"; the exit status is non-zero when M > 0.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

# Reports that the sanitizer build (NG_SANITIZE=ON) writes on stderr.
SANITIZER_MARKS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer",
                   "runtime error:", "SUMMARY: UndefinedBehaviorSanitizer")


def read_bytes(path):
    """The file's bytes, or None if it cannot be read."""
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return None


class Result:
    def __init__(self, args, status, out, err):
        self.args = args
        self.status = status
        self.out = out    # bytes
        self.err = err    # str

    @property
    def text(self):
        return self.out.decode("utf-8", errors="replace")

    def __repr__(self):
        return "netgov %s -> %s" % (" ".join(self.args), self.status)


class Suite:
    """Runs the binary and counts checks."""

    def __init__(self, title):
        if len(sys.argv) != 3:
            sys.exit("usage: %s NETGOV_BINARY SOURCE_DIR" % sys.argv[0])
        self.title = title
        self.binary = os.path.abspath(sys.argv[1])
        self.source = os.path.abspath(sys.argv[2])
        self.passed = 0
        self.failed = 0
        self._tmp = tempfile.TemporaryDirectory(prefix="netgov-cli-")
        self.dir = self._tmp.name
        self._scratch = 0
        print("== %s (%s)" % (title, self.binary))

    # ---- checks ----

    def same_files(self, label, d1, d2, files, what="byte-identical"):
        """One check per file: the two folders hold the same bytes."""
        for f in files:
            a = read_bytes(os.path.join(d1, f))
            b = read_bytes(os.path.join(d2, f))
            self.check("%s: %s %s" % (label, f, what),
                       a is not None and a == b,
                       "missing" if a is None or b is None
                       else "%d vs %d bytes" % (len(a), len(b)))

    def error_cases(self, folder, label):
        """The cases of tests/data/<folder>/expected.json (file name ->
        expectations), after checking that they cover every file there."""
        data = self.src("tests", "data", folder)
        manifest = load_json_file(os.path.join(data, "expected.json"))
        cases = {k: v for k, v in manifest.items() if not k.startswith("_")}
        on_disk = sorted(f for f in os.listdir(data)
                         if f.endswith(".json") and f != "expected.json")
        self.check("%s: expected.json covers every file in tests/data/%s"
                   % (label, folder), sorted(cases) == on_disk,
                   "not in expected.json %s, missing files %s"
                   % (sorted(set(on_disk) - set(cases)),
                      sorted(set(cases) - set(on_disk))))
        return data, cases

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print("ok    %s" % name)
        else:
            self.failed += 1
            print("FAIL  %s%s" % (name, (": " + detail) if detail else ""))
        sys.stdout.flush()
        return bool(ok)

    def finish(self):
        print("%d passed, %d failed" % (self.passed, self.failed))
        self._tmp.cleanup()
        sys.exit(1 if self.failed else 0)

    # ---- files and directories ----

    def fresh_dir(self, label="case"):
        """A new empty working directory inside the temporary one."""
        self._scratch += 1
        d = os.path.join(self.dir, "%s-%d" % (label, self._scratch))
        os.makedirs(d)
        return d

    def src(self, *parts):
        return os.path.join(self.source, *parts)

    # ---- running netgov ----

    def run(self, *args, cwd=None, timeout=60):
        args = [str(a) for a in args]
        env = dict(os.environ)
        env.setdefault("ASAN_OPTIONS", "detect_leaks=1")
        try:
            p = subprocess.run([self.binary] + args, cwd=cwd or self.dir,
                               stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               timeout=timeout, env=env)
        except subprocess.TimeoutExpired:
            self.check("netgov %s finishes within %d s"
                       % (" ".join(args), timeout), False)
            return Result(args, None, b"", "")
        err = p.stderr.decode("utf-8", errors="replace")
        for mark in SANITIZER_MARKS:
            if mark in err:
                self.check("no sanitizer report from netgov %s"
                           % " ".join(args), False, err[-2000:])
                break
        return Result(args, p.returncode, p.stdout, err)


def load_json_strict(text):
    """json.loads that rejects NaN and Infinity (not JSON; cJSON never
    writes them, and the engine must reject non-finite values)."""
    def bad(constant):
        raise ValueError("non-JSON constant %s" % constant)
    return json.loads(text, parse_constant=bad)


def load_json_file(path):
    with open(path, "r", encoding="utf-8") as f:
        return load_json_strict(f.read())


def try_json(text):
    """(document, None) or (None, error message)."""
    try:
        return load_json_strict(text), None
    except ValueError as e:
        return None, str(e)


# ---- names taken from the headers, so the tests follow the code ----

def _macro_body(header_text, macro):
    """The body of a multi-line #define, continuation lines joined."""
    m = re.search(r"#define\s+%s\b[^\n]*" % re.escape(macro), header_text)
    if not m:
        raise ValueError("macro %s not found" % macro)
    lines = []
    pos = m.start()
    for line in header_text[pos:].split("\n"):
        lines.append(line.rstrip("\\").rstrip())
        if not line.rstrip().endswith("\\"):
            break
    return "\n".join(lines)


def _first_args(body):
    return re.findall(r"\bX\(\s*(\w+)\s*,", body)


def record_names(source):
    """(metrics, event types, reasons) in header order from record.h."""
    with open(os.path.join(source, "include", "netgov", "record.h")) as f:
        text = f.read()
    return (_first_args(_macro_body(text, "NG_METRICS")),
            _first_args(_macro_body(text, "NG_EVENT_TYPES")),
            _first_args(_macro_body(text, "NG_REASONS")))


def param_paths(source):
    """Every dotted parameter path the sources declare, in registry order:
    the rows of param_table.h, and at each R(family) row the parameters
    each rule of that family declares in its own file (sim/rules/), rule by
    rule in the order of sim/rules/registry.c."""
    with open(os.path.join(source, "include", "netgov", "param_table.h")) as f:
        text = f.read().replace("\\\n", "\n")
    sector_rows = _macro_body_plain(text, "NG_SECTOR_PARAMS")
    suffixes = re.findall(r"\"population\.\"\s*#S\s*\"\.([a-z0-9_]+)\"",
                          sector_rows)
    table = _macro_body_plain(text, "NG_PARAMS")
    rules = _rule_params(source)
    # In table order: literal rows D(field, "a.b", ...) (likewise I, C, V),
    # per-sector rows NG_SECTOR_PARAMS(D, I, V, sector, ...), whose paths
    # are "population." #S ".suffix", and R(family) rows.
    paths = []
    row = re.compile(r"\b[DICV]\(\s*\w+\s*,\s*\"([a-z0-9_.]+)\"|"
                     r"NG_SECTOR_PARAMS\(\s*D\s*,\s*I\s*,\s*V\s*,\s*(\w+)|"
                     r"\bR\(\s*NG_FAMILY_(\w+)\s*\)")
    for m in row.finditer(table):
        if m.group(1):
            paths.append(m.group(1))
        elif m.group(2):
            paths += ["population.%s.%s" % (m.group(2), x) for x in suffixes]
        else:
            paths += rules[m.group(3)]
    return paths


# Family of an R row -> (list macro in registry.c, config section).
_FAMILIES = {"GOVERNANCE": ("GOVERNANCE_MODES", "governance"),
             "COST": ("COST_RULES", "cost_sharing"),
             "DECISION": ("DECISION_RULES", "decision")}


def _rule_params(source):
    """{family: [paths]}: the parameters of each family's rules, read from
    the rule files in the order of the registry's lists."""
    rules_dir = os.path.join(source, "sim", "rules")
    with open(os.path.join(rules_dir, "registry.c")) as f:
        registry = f.read().replace("\\\n", "\n")
    files = {}
    for name in sorted(os.listdir(rules_dir)):
        if name.endswith(".c"):
            with open(os.path.join(rules_dir, name)) as f:
                body = f.read()
            for inst in re.findall(r"^const ng_\w+ (ng_\w+) =", body, re.M):
                files[inst] = body
    out = {}
    for family, (macro, section) in _FAMILIES.items():
        body = re.search(r"#define\s+%s\(X\)(.*?)(?=\n#|\n\n)" % macro,
                         registry, re.S).group(1)
        out[family] = []
        for inst in re.findall(r"X\((\w+)\)", body):
            text = files[inst]
            name = re.search(r"\.name\s*=\s*\"([a-z0-9_]+)\"", text).group(1)
            prefix = re.search(r"\.param_prefix\s*=\s*\"([a-z0-9_.]+)\"", text)
            prefix = prefix.group(1) if prefix else "%s.%s" % (section, name)
            for field in re.findall(r"NG_RULE_PARAM\(\s*\w+\s*,\s*(\w+)",
                                    text):
                out[family].append("%s.%s" % (prefix, field))
    return out


def _macro_body_plain(text, macro):
    """Body of a #define whose continuations were already joined: up to
    the next #define or #endif."""
    m = re.search(r"#define\s+%s\(" % re.escape(macro), text)
    if not m:
        raise ValueError("macro %s not found" % macro)
    rest = text[m.end():]
    stop = re.search(r"^#(define|endif)", rest, re.M)
    return rest[:stop.start()] if stop else rest


def get_path(obj, dotted):
    """obj["a"]["b"] for "a.b"; KeyError/TypeError when absent."""
    for key in dotted.split("."):
        obj = obj[key]
    return obj


def has_path(obj, dotted):
    try:
        get_path(obj, dotted)
        return True
    except (KeyError, TypeError):
        return False


def listdir_recursive(d):
    """Every file under d, relative paths; [] when d does not exist."""
    found = []
    for root, _dirs, files in os.walk(d):
        for f in files:
            found.append(os.path.relpath(os.path.join(root, f), d))
    return sorted(found)


def preset_names(suite):
    """Names listed by `netgov presets` (first word of each entry line,
    up to the blank line before the hint)."""
    r = suite.run("presets")
    names = []
    for line in r.text.splitlines():
        if not line.strip():
            break
        names.append(line.split()[0])
    return r, names
