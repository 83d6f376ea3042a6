"""scripts/new-rule.sh in a scratch copy of the source tree: after a new
governance mode and a build, at most three files differ (the rule, the
registry and docs/PARAMETERS.md, which the build rewrites) and the whole
ctest suite passes; with a new cost rule and decision rule too, all three
show in `netgov params`, `netgov odd`, `netgov compare`, a sweep axis,
--set and the resolved config, and the unit tests (the contract tests over
the registry among them) pass.

Run by ctest as test_new_rule.py NETGOV SOURCE BUILD_TYPE SANITIZE MPI; the
scratch tree is built with the same build type, sanitizer and MPI settings
as the tree under test.
"""
import json
import os
import shutil
import subprocess
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clitest  # noqa: E402



def sh(args, cwd, timeout=1200):
    p = subprocess.run(args, cwd=cwd, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=timeout)
    return p.returncode, p.stdout.decode("utf-8", errors="replace")


def copy_tree(source, dest):
    """The files of the source tree (tracked and new, not ignored)."""
    code, out = sh(["git", "ls-files", "-co", "--exclude-standard", "-z"],
                   source)
    if code != 0:
        shutil.copytree(source, dest, ignore=shutil.ignore_patterns(
            "build*", "out", "node_modules", ".git"))
        return
    for rel in filter(None, out.split("\0")):
        src = os.path.join(source, rel)
        if os.path.isfile(src):
            os.makedirs(os.path.dirname(os.path.join(dest, rel)),
                        exist_ok=True)
            shutil.copy2(src, os.path.join(dest, rel))


def git_status(tree):
    return [l[3:] for l in sh(["git", "status", "--porcelain",
                               "--untracked-files=all"], tree)[1].splitlines()]


def new_rule(s, tree, family, name):
    code, out = sh([os.path.join(tree, "scripts", "new-rule.sh"), family,
                    name], tree)
    s.check("new-rule.sh %s %s: exit 0" % (family, name), code == 0, out)


def refusals(s, tree):
    script = os.path.join(tree, "scripts", "new-rule.sh")
    for args, why in ((["governance", "committee"], "exists already"),
                      (["policy", "x"], "unknown family"),
                      (["cost", "Bad-Name"], "not a rule name"),
                      (["cost"], "missing name")):
        before = git_status(tree)
        code, out = sh([script] + args, tree)
        s.check("new-rule.sh %s: exit 2, nothing written (%s)"
                % (" ".join(args), why),
                code == 2 and git_status(tree) == before, out)


def formatted(s, tree):
    if shutil.which("clang-format"):
        files = ["sim/rules/gov_committee.c", "sim/rules/cost_sliding.c",
                 "sim/rules/decide_qualified.c", "sim/rules/registry.c"]
        code, out = sh(["clang-format", "--dry-run", "-Werror"] + files, tree)
        s.check("the scaffolded files are clang-format clean", code == 0,
                out[:800])


def build(s, tree, options, label):
    b = os.path.join(tree, "build")
    code, out = sh(["cmake", "-B", b, "-S", tree] + options, tree)
    if s.check("scratch tree configures (%s)" % label, code == 0, out[-2000:]):
        code, out = sh(["cmake", "--build", b, "-j", "2"], tree)
    return b if s.check("scratch tree builds (%s)" % label, code == 0,
                        out[-3000:]) else None


def suite(s, tree, b, label, *select):
    """The ctest tests of the scratch tree (all but this one, or those
    `select` picks)."""
    code, out = sh(["ctest", "--test-dir", b, "-j", "2", "-E", "new_rule",
                    "--output-on-failure"] + list(select), tree, timeout=1800)
    summary = [l for l in out.splitlines() if "tests passed" in l]
    s.check("ctest is green %s (%s)" % (label, summary[-1] if summary else ""),
            code == 0, out[-3000:])


def use(s, tree, b):
    netgov = os.path.join(b, "netgov")
    run = lambda *a: sh([netgov] + list(a), tree)  # noqa: E731
    code, out = run("params")
    for path in ("governance.committee.monitoring",
                 "governance.committee.exclusion_after",
                 "cost_sharing.sliding.exponent",
                 "decision.qualified.threshold"):
        s.check("params lists %s" % path, code == 0 and path in out)
    code, out = run("params", "--json")
    entries = {e["path"]: e for e in json.loads(out)} if code == 0 else {}
    s.check("params --json: the new choices",
            "committee" in entries.get("governance.mode", {}).get("choices", [])
            and "sliding" in entries.get("cost_sharing.rule", {}).get(
                "choices", [])
            and "qualified" in entries.get("decision.rule", {}).get(
                "choices", []))
    code, out = run("odd", "--set", "governance.mode=committee", "--set",
                    "decision.rule=qualified", "--out", "-")
    s.check("odd describes the new mode and its parameters",
            code == 0 and "`committee`" in out and "`qualified`" in out
            and "`governance.committee.monitoring`" in out
            and "`decision.qualified.threshold`" in out, out[-500:])
    code, out = run("run", "--preset", "default", "--ticks", "24",
                    "--set", "governance.mode=committee",
                    "--set", "cost_sharing.rule=sliding",
                    "--set", "decision.rule=qualified",
                    "--set", "governance.committee.sanction=2",
                    "--quiet", "--out", "r.json")
    doc = clitest.load_json_file(os.path.join(tree, "r.json")) \
        if code == 0 else None
    gov = (doc or {}).get("config", {}).get("governance", {})
    s.check("a run under the new rules; its config has them",
            gov.get("mode") == "committee"
            and gov.get("committee", {}).get("sanction") == 2, out[-500:])
    code, out = run("compare", "--preset", "default", "--reps", "2",
                    "--set", "run.ticks=12", "--out", "c.json", "--quiet")
    doc = clitest.load_json_file(os.path.join(tree, "c.json")) \
        if code == 0 else None
    combos = {(r.get("governance"), r.get("cost_rule"))
              for r in (doc or {}).get("ranking", [])}
    s.check("compare ranks the new mode and the new cost rule",
            ("committee", "sliding") in combos and
            ("committee", "capacity") in combos, out[-500:])
    spec = {"name": "new-rules", "base": {"preset": "default"},
            "axes": [{"path": "governance.mode",
                      "values": ["shared", "committee"]},
                     {"path": "governance.committee.monitoring",
                      "values": [0.2, 0.9]}],
            "replications": 1, "seed": 3, "set": {"run.ticks": 12}}
    with open(os.path.join(tree, "spec.json"), "w") as f:
        json.dump(spec, f)
    code, out = run("sweep", "spec.json", "--out", "sweep", "--quiet")
    lines = []
    if code == 0:
        with open(os.path.join(tree, "sweep", "runs.jsonl")) as f:
            lines = [json.loads(l) for l in f if l.strip()]
    s.check("a sweep over the new mode and its parameter (4 runs)",
            len(lines) == 4 and {l["params"]["governance.mode"]
                                 for l in lines} == {"shared", "committee"},
            out[-500:])


def main():
    build_type, sanitize, mpi = sys.argv[3:6]
    del sys.argv[3:]
    s = clitest.Suite("scripts/new-rule.sh in a scratch tree")
    for k in ("GIT_AUTHOR", "GIT_COMMITTER"):
        os.environ["%s_NAME" % k] = "netgov"
        os.environ["%s_EMAIL" % k] = "netgov@invalid"
    tree = os.path.join(s.dir, "tree")
    copy_tree(s.source, tree)
    modules = s.src("tests", "browser", "node_modules")
    if os.path.isdir(modules):  # installed by scripts/install-deps.sh
        os.symlink(modules, os.path.join(tree, "tests", "browser",
                                         "node_modules"))
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "base"]):
        sh(["git"] + args, tree)
    options = ["-DCMAKE_BUILD_TYPE=%s" % build_type,
               "-DNG_SANITIZE=%s" % sanitize, "-DNETGOV_MPI=%s" % mpi]
    # A new governance mode: the rule, its registry line and the parameter
    # table the build rewrites; the whole suite passes.
    new_rule(s, tree, "governance", "committee")
    b = build(s, tree, options, "a new mode")
    changed = sorted(git_status(tree))
    s.check("a new governance mode changes at most 3 files (%s)" % changed,
            changed == ["docs/PARAMETERS.md", "sim/rules/gov_committee.c",
                        "sim/rules/registry.c"], repr(changed))
    if b:
        suite(s, tree, b, "with a new mode")
    sh(["git", "add", "-A"], tree)
    sh(["git", "commit", "-qm", "committee"], tree)
    refusals(s, tree)
    # A new cost rule and decision rule besides: everything uses all three.
    new_rule(s, tree, "cost", "sliding")
    new_rule(s, tree, "decision", "qualified")
    formatted(s, tree)
    b = build(s, tree, options, "three new rules")
    if b:
        use(s, tree, b)
        suite(s, tree, b, "with three new rules: the unit tests", "-L", "unit")
    s.finish()


if __name__ == "__main__":
    main()
