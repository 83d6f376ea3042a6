"""netgov odd: the generated ODD description against docs/MODEL.md (section
titles, schedule, submodels), the registry (`netgov params --json`) and the
config a run actually uses (`netgov run`'s resolved config); every preset,
--out, --set, and bad input (exit 2, the field named, no file left)."""
import json
import os
import re
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clitest  # noqa: E402

PAREN = re.compile(r"\s*\(.*\)\s*$")


# ---- parsing ----

def model_md(s):
    with open(s.src("docs", "MODEL.md"), encoding="utf-8") as f:
        return f.read()


def numbered_sections(text):
    """{number: title} of the '## N. Title' headings."""
    return {int(m.group(1)): m.group(2).strip()
            for m in re.finditer(r"^## (\d+)\. (.+)$", text, re.M)}


def section_body(text, number):
    """Text of section '## N. ...' up to the next '## ' heading."""
    m = re.search(r"^## %d\. .*$" % number, text, re.M)
    if not m:
        return ""
    rest = text[m.end():]
    end = re.search(r"^## ", rest, re.M)
    return rest[:end.start()] if end else rest


def table_rows(body):
    """Rows (lists of cells) of every Markdown table in body, header and
    separator lines left out."""
    rows = []
    lines = body.splitlines()
    for k, line in enumerate(lines):
        if not line.startswith("|") or re.match(r"^\|[-| ]+\|$", line):
            continue
        if k + 1 < len(lines) and re.match(r"^\|[-| ]+\|$", lines[k + 1]):
            continue  # a header
        cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
        rows.append([c.strip().replace("\\|", "|") for c in cells])
    return rows


def first_table(body):
    m = re.search(r"^\|.*(?:\n\|.*)*", body, re.M)
    return table_rows(m.group(0)) if m else []


def schedule_phases(body):
    """Phase names (second column) of the first table of a section."""
    return [r[1] for r in first_table(body) if len(r) > 2]


def submodels(text, number):
    """[(title without parenthesis, body)] of the '### N.k' subsections."""
    body = section_body(text, number)
    parts = re.split(r"^### %d\.\d+ (.+)$" % number, body, flags=re.M)
    return [(PAREN.sub("", parts[k]).strip(), parts[k + 1])
            for k in range(1, len(parts) - 1, 2)]


def param_table(text):
    """{path: row} of the final '## Parameters' table."""
    m = re.search(r"^## Parameters$", text, re.M)
    if not m:
        return {}
    return {r[0].strip("`"): r for r in table_rows(text[m.end():])
            if r and r[0].startswith("`")}


def config_value(cfg, path):
    try:
        return clitest.get_path(cfg, path)
    except (KeyError, TypeError):
        return None


def parse_value(cell):
    """A value cell back to a number, list or name."""
    cell = re.sub(r" \((changed|default .*)\)$", "", cell)
    try:
        return json.loads(cell)
    except ValueError:
        return cell


def same_value(a, b):
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(map(same_value, a, b))
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= 1e-12 * max(1.0, abs(a), abs(b))
    return a == b


# ---- checks ----

def structure_checks(s, text, model):
    ref = numbered_sections(model)
    want = [ref.get(n) for n in (1, 2, 3, 4, 5, 6, 8)]
    got = numbered_sections(text)
    s.check("odd: ODD headings are MODEL.md sections 1-6 and 8 (%s)"
            % ", ".join(str(w) for w in want),
            [got.get(n) for n in range(1, 8)] == want and len(got) == 7,
            "got %s" % got)
    ref_steps = schedule_phases(section_body(model, 3))
    steps = schedule_phases(section_body(text, 3))
    s.check("odd: schedule steps in MODEL.md section 3 order (%d)"
            % len(ref_steps), len(ref_steps) > 10 and steps == ref_steps,
            "MODEL.md %s, odd %s" % (ref_steps, steps))
    ref_sub = [t for t, _ in submodels(model, 8)]
    sub = [t for t, _ in submodels(text, 7)]
    s.check("odd: submodels are MODEL.md's 8.x titles, same order (%d)"
            % len(ref_sub), len(ref_sub) > 15 and sub == ref_sub,
            "missing %s, extra %s" % (sorted(set(ref_sub) - set(sub)),
                                      sorted(set(sub) - set(ref_sub))))


def params_checks(s, label, text, registry, cfg):
    table = param_table(text)
    paths = [e["path"] for e in registry]
    s.check("%s: final table lists every registry parameter in order (%d)"
            % (label, len(paths)), list(table) == paths,
            "missing %s" % sorted(set(paths) - set(table)))
    bad = []
    for e in registry:
        row = table.get(e["path"])
        want = config_value(cfg, e["path"])
        if not row or len(row) != 5 or row[3] != e["unit"] or \
                e["meaning"] not in row[4] or \
                not same_value(parse_value(row[1]), want) or \
                not same_value(parse_value(row[2]), e["default"]) or \
                row[1].endswith("(changed)") == same_value(want, e["default"]):
            bad.append((e["path"], row, want))
    s.check("%s: every parameter with the run's value, default, unit and "
            "meaning" % label, not bad, repr(bad[:3]))
    listed = set()
    for _title, body in submodels(text, 7):
        listed.update(re.findall(r"^\| `([^`]+)` \|", body, re.M))
    s.check("%s: every parameter appears under some submodel" % label,
            set(paths) <= listed,
            "missing %s" % sorted(set(paths) - listed))


def rules_checks(s, label, text, cfg):
    rows = first_table(section_body(text, 2).split("### 2.3", 1)[-1])
    named = {r[0]: r[1].strip("`") for r in rows if len(r) == 3}
    want = {"governance mode (`governance.mode`)": cfg["governance"]["mode"],
            "cost rule (`cost_sharing.rule`)": cfg["cost_sharing"]["rule"],
            "decision rule (`decision.rule`)": cfg["decision"]["rule"]}
    s.check("%s: governance mode, cost rule and decision rule are the run's"
            " (%s)" % (label, ", ".join(want.values())), named == want,
            "got %s" % named)


def run_config(s, *args):
    d = s.fresh_dir("run")
    r = s.run("run", *args, "--out", "run.json", "--quiet", cwd=d)
    if r.status != 0:
        return None
    doc = clitest.load_json_file(os.path.join(d, "run.json"))
    return doc["config"]


def preset_checks(s, registry, model):
    r, names = clitest.preset_names(s)
    s.check("presets: listed (%d)" % len(names), r.status == 0 and names)
    for name in names:
        r = s.run("odd", "--preset", name)
        ok = s.check("odd --preset %s: exit 0, Markdown on stdout" % name,
                     r.status == 0 and r.text.startswith("# ODD")
                     and r.err == "", r.err)
        cfg = run_config(s, "--preset", name)
        if not ok or not s.check("run --preset %s: config" % name, cfg):
            continue
        if name == "default":
            structure_checks(s, r.text, model)
        params_checks(s, name, r.text, registry, cfg)
        rules_checks(s, name, r.text, cfg)
        partners = cfg["population"].get("partners", [])
        missing = [p["name"] for p in partners if p["name"] not in r.text]
        s.check("%s: names every listed partner (%d)" % (name, len(partners)),
                not missing, "missing %s" % missing)


def module_checks(s):
    r = s.run("odd")
    s.check("odd: default has every v2 module neutral",
            r.status == 0 and "| **on** |" not in r.text)
    r = s.run("odd", "--preset", "data-leak")
    s.check("odd data-leak: information sharing is on",
            re.search(r"^\| information sharing \| [\d.]+ \| \*\*on\*\* \|",
                      r.text, re.M) is not None)
    r = s.run("odd", "--set", "environment.drift=0.1")
    on = re.findall(r"^\| ([a-z ]+) \| 7\.\d+ \| \*\*on\*\* \|", r.text,
                    re.M)
    s.check("odd --set environment.drift=0.1: environment and mission "
            "adaptation on", on == ["environment", "mission adaptation"],
            "on: %s" % on)


def output_checks(s):
    plain = s.run("odd")
    named = s.run("odd", "--preset", "default")
    s.check("odd: no scenario means the default preset",
            plain.status == 0 and plain.out == named.out)
    d = s.fresh_dir("out")
    r = s.run("odd", "--out", "sub/odd.md", cwd=d)
    written = clitest.read_bytes(os.path.join(d, "sub", "odd.md"))
    s.check("odd --out FILE: exit 0, nothing on stdout",
            r.status == 0 and r.out == b"", r.err)
    s.check("odd --out FILE: same bytes as standard output",
            written == plain.out)
    s.check("odd --out FILE: no temporary left",
            sorted(os.listdir(os.path.join(d, "sub"))) == ["odd.md"])
    r = s.run("odd", "--out", "-")
    s.check("odd --out -: standard output", r.out == plain.out)
    path = s.src("configs", "dominant-partner.json")
    r = s.run("odd", path)
    s.check("odd CONFIG: same as its preset",
            r.status == 0 and r.out == s.run(
                "odd", "--preset", "dominant-partner").out, r.err)
    r = s.run("odd", "--help")
    s.check("odd --help: usage on stdout, exit 0",
            r.status == 0 and "usage: netgov odd" in r.text)


def set_checks(s, registry):
    r = s.run("odd", "--set", "governance.shared.monitoring=0.45",
              "--set", "cost_sharing.rule=equal")
    s.check("odd --set: exit 0", r.status == 0, r.err)
    table = param_table(r.text)
    row = table.get("governance.shared.monitoring", [])
    s.check("odd --set: final table states the value, marked changed",
            row[1:3] == ["0.45 (changed)", "0.3"], repr(row))
    s.check("odd --set: submodel lists the value with its default",
            "| `governance.shared.monitoring` | 0.45 (default 0.3) |"
            in r.text)
    s.check("odd --set: the cost rule named is the one set",
            "| cost rule (`cost_sharing.rule`) | `equal` |" in r.text)
    unchanged = [p for p, row in table.items()
                 if row[1].endswith("(changed)") and p not in
                 ("governance.shared.monitoring", "cost_sharing.rule")]
    s.check("odd --set: nothing else marked changed", not unchanged,
            repr(unchanged))
    cfg = run_config(s, "--set", "governance.shared.monitoring=0.45",
                     "--set", "cost_sharing.rule=equal")
    if cfg:
        params_checks(s, "odd --set", r.text, registry, cfg)


def bad_case(s, label, args, field, status=2):
    d = s.fresh_dir("bad")
    r = s.run("odd", *args, "--out", "odd.md", cwd=d)
    s.check("%s: exit %d" % (label, status), r.status == status,
            "%s: %s" % (r.status, r.err))
    s.check("%s: message names %s" % (label, field), field in r.err, r.err)
    s.check("%s: no output file, no temporary" % label,
            os.listdir(d) == [], repr(os.listdir(d)))
    s.check("%s: nothing on stdout" % label, r.out == b"")


def bad_checks(s):
    bad_case(s, "odd --preset nosuch", ["--preset", "nosuch"], "--preset")
    bad_case(s, "odd --set unknown path", ["--set", "governance.nosuch=1"],
             "governance.nosuch")
    bad_case(s, "odd --set out of range",
             ["--set", "governance.shared.monitoring=2"],
             "governance.shared.monitoring")
    bad_case(s, "odd --set unknown mode", ["--set", "governance.mode=king"],
             "governance.mode")
    bad_case(s, "odd --set cross-field rule",
             ["--set", "cost_sharing.rule=lead_pays"], "cost_sharing")
    bad_case(s, "odd missing file", ["nosuch.json"], "nosuch.json")
    bad_case(s, "odd unknown option", ["--bogus"], "--bogus")
    bad_case(s, "odd file and preset", ["x.json", "--preset", "default"],
             "not both")
    data, cases = s.error_cases("bad", "odd")
    for name, case in sorted(cases.items()):
        path = os.path.join(data, name)
        fields = [p.replace("{file}", path) for p in case["paths"]]
        bad_case(s, "odd tests/data/bad/%s" % name, [path], fields[0],
                 case["status"])


def main():
    s = clitest.Suite("netgov odd")
    r = s.run("params", "--json")
    registry, why = clitest.try_json(r.text)
    if not s.check("params --json: parses", isinstance(registry, list), why):
        s.finish()
    model = model_md(s)
    preset_checks(s, registry, model)
    module_checks(s)
    output_checks(s)
    set_checks(s, registry)
    bad_checks(s)
    s.finish()


if __name__ == "__main__":
    main()
