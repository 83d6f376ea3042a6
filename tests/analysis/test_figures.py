"""Tests of the analysis/ figure package on real netgov outputs.

Usage (ctest runs it this way):

    /usr/bin/python3 tests/analysis/test_figures.py NETGOV_BINARY REPO_ROOT

Makes small inputs with the binary in a temporary folder (a run, a
two-axis sweep, a compare, a Sobol and a Morris sensitivity analysis),
then for every kind of figure checks that

* the CLI (`python3 -m analysis`, cwd = repo root) exits 0 and prints
  PNG and SVG paths that exist;
* each PNG decodes, has the size the figure was built with (figsize x dpi)
  and is not blank (enough non-white pixels, pixel spread);
* each SVG parses as XML and holds the title and axis label texts;
* in every legend the entries differ by something other than hue (line
  style, marker, grey level, hatch), checked on the Figure objects that
  the builders return;
* the same input gives the same bytes twice;
* bad inputs exit with status 2 and name the path.
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

BINARY = None
REPO = None
TMP = None
INPUTS = {}


def sh(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def netgov(*args):
    r = sh([BINARY] + list(args))
    if r.returncode != 0:
        raise RuntimeError("netgov %s failed: %s" % (" ".join(args), r.stderr))


def analysis(*args):
    env = dict(os.environ, PYTHONPATH=REPO, MPLBACKEND="Agg")
    return sh([sys.executable, "-m", "analysis"] + list(args), cwd=REPO, env=env)


def analysis_bg(*args):
    """Start `python3 -m analysis ARGS` in the background (a Popen)."""
    env = dict(os.environ, PYTHONPATH=REPO, MPLBACKEND="Agg")
    return subprocess.Popen([sys.executable, "-m", "analysis"] + list(args), cwd=REPO,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def write_json(name, doc):
    path = os.path.join(TMP, name)
    with open(path, "w") as f:
        json.dump(doc, f)
    return path


def make_inputs():
    """Small real inputs (a few seconds in all)."""
    INPUTS["run"] = os.path.join(TMP, "run.json")
    netgov("run", "--preset", "free-rider-collapse", "--out", INPUTS["run"], "--quiet")
    INPUTS["run-shock"] = os.path.join(TMP, "run-shock.json")
    netgov("run", "--preset", "changing-threats", "--ticks", "60", "--out",
           INPUTS["run-shock"], "--quiet")
    spec = write_json("sweep.json", {
        "name": "test-sweep", "base": {"preset": "default"}, "set": {"run.ticks": 40},
        "axes": [{"path": "governance.mode", "values": ["shared", "nao"]},
                 {"path": "alliance.ambition", "values": [0.05, 0.1, 0.2]}],
        "replications": 3, "seed": 7})
    INPUTS["sweep"] = os.path.join(TMP, "sweep")
    netgov("sweep", spec, "--out", INPUTS["sweep"], "-j", "2", "--quiet")
    INPUTS["compare"] = os.path.join(TMP, "compare.json")
    netgov("compare", "--preset", "default", "--reps", "3", "--set", "run.ticks=40",
           "--out", INPUTS["compare"], "--quiet", "-j", "2")
    axes = [{"path": "governance.shared.monitoring", "min": 0, "max": 0.6},
            {"path": "alliance.ambition", "min": 0.05, "max": 0.2},
            {"path": "exit.patience", "min": 3, "max": 12}]
    spec = write_json("sobol.json", {
        "name": "test-sobol", "base": {"preset": "default"}, "set": {"run.ticks": 30},
        "axes": axes, "replications": 1, "seed": 3,
        "sensitivity": {"method": "sobol", "samples": 8, "bootstrap": 20,
                        "outputs": ["survival", "cumulative_value"]}})
    INPUTS["sobol"] = os.path.join(TMP, "sobol")
    netgov("sensitivity", spec, "--out", INPUTS["sobol"], "-j", "2", "--quiet")
    spec = write_json("morris.json", {
        "name": "test-morris", "base": {"preset": "default"}, "set": {"run.ticks": 30},
        "axes": axes, "replications": 1, "seed": 3,
        "sensitivity": {"method": "morris", "trajectories": 4, "levels": 4, "bootstrap": 20,
                        "outputs": ["cumulative_value"]}})
    INPUTS["morris"] = os.path.join(TMP, "morris")
    netgov("sensitivity", spec, "--out", INPUTS["morris"], "-j", "2", "--quiet")


def built_figures(kind, path):
    """The Figure objects the builders make for an input (Python API)."""
    from analysis import load, run_figures, sweep_figures, compare_figures, sensitivity_figures
    if kind == "run":
        return run_figures.build(load.load_run(path))
    if kind == "sweep":
        return sweep_figures.build(load.load_sweep(path))
    if kind == "compare":
        return compare_figures.build(load.load_compare(path))
    return sensitivity_figures.build(load.load_sensitivity(path))


def figure_texts(fig):
    """Title, axis labels and colour-bar labels of a figure, line by line."""
    texts = []
    if fig._suptitle is not None:
        texts.append(fig._suptitle.get_text())
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        texts += [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
    lines = []
    for t in texts:
        lines += [line.strip() for line in t.split("\n") if line.strip()]
    return lines


def has_title(fig):
    return (fig._suptitle is not None and fig._suptitle.get_text()) or any(
        ax.get_title() for ax in fig.axes)


def _norm_ls(ls):
    return str(ls)


def handle_key(h):
    """What tells a legend entry apart without colour."""
    from matplotlib.colors import to_rgba
    from matplotlib.container import ErrorbarContainer, BarContainer
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.collections import LineCollection, PolyCollection

    def grey(c):
        r, g, b, a = to_rgba(c)
        # on a white background, a translucent colour is lighter
        lum = 0.299 * r + 0.587 * g + 0.114 * b
        return round(1 - a * (1 - lum), 1)
    if isinstance(h, (ErrorbarContainer,)):
        line = h.lines[0]
        if line is None:
            return ("errorbar",)
        return ("errorbar", line.get_marker(), _norm_ls(line.get_linestyle()),
                grey(line.get_color()))
    if isinstance(h, BarContainer):
        h = h.patches[0]
    if isinstance(h, Line2D):
        return ("line", _norm_ls(h.get_linestyle()), h.get_marker(),
                grey(h.get_color()), round(h.get_linewidth(), 1))
    if isinstance(h, Patch):
        return ("patch", h.get_hatch(), grey(h.get_facecolor()))
    if isinstance(h, PolyCollection):
        return ("poly", grey(h.get_facecolor()[0]))
    if isinstance(h, LineCollection):
        return ("lines", str(h.get_linestyle()), grey(h.get_color()[0]))
    return (type(h).__name__,)


def legend_entry_keys(leg):
    """One key per legend entry: the non-colour look of all its artists."""
    from matplotlib.offsetbox import DrawingArea
    keys = []

    def walk(box):
        if isinstance(box, DrawingArea):
            keys.append(tuple(sorted(str(handle_key(a)) for a in box.get_children())))
            return
        for child in box.get_children():
            walk(child)
    walk(leg._legend_box)
    return keys


class Figures(unittest.TestCase):
    """The CLI on every kind of input."""

    CASES = [("run", "run", 5), ("run", "run-shock", 5), ("sweep", "sweep", 6),
             ("compare", "compare", 5), ("sensitivity", "sobol", 2),
             ("sensitivity", "morris", 1)]

    def check_case(self, kind, name, expected):
        out1 = os.path.join(TMP, "fig-%s-1" % name)
        out2 = os.path.join(TMP, "fig-%s-2" % name)
        second = analysis_bg(kind, INPUTS[name], "-o", out2)   # for the determinism check
        r = analysis(kind, INPUTS[name], "-o", out1)
        self.assertEqual(r.returncode, 0, r.stderr)
        paths = r.stdout.split()
        self.assertEqual(len(paths), 2 * expected, r.stdout)
        figs = dict(built_figures(kind, INPUTS[name]))
        self.assertEqual(len(figs), expected)
        import matplotlib.image as mpimg
        import numpy as np
        for stem, fig in figs.items():
            png = os.path.join(out1, stem + ".png")
            svg = os.path.join(out1, stem + ".svg")
            self.assertIn(png, paths)
            self.assertIn(svg, paths)
            # PNG: decodes, expected size, not blank
            img = mpimg.imread(png)
            w, h = fig.get_size_inches() * 150
            self.assertLessEqual(abs(img.shape[0] - h), 1, png)   # Agg rounds
            self.assertLessEqual(abs(img.shape[1] - w), 1, png)
            grey = img[..., :3].mean(axis=2)
            self.assertGreater((grey < 0.95).mean(), 0.02, "%s looks blank" % png)
            self.assertGreater(grey.std(), 0.08, "%s has too little contrast" % png)
            # SVG: XML with the title and axis labels as text
            root = ET.parse(svg).getroot()
            svgtext = " ".join(" ".join(t.itertext()) for t in root.iter()
                               if t.tag.endswith("text"))
            svgtext = " ".join(svgtext.split())
            self.assertTrue(has_title(fig), stem)
            for line in figure_texts(fig):
                self.assertIn(" ".join(line.split()), svgtext, "%s: %r" % (svg, line))
            # black and white: legend entries differ without colour
            legends = [ax.get_legend() for ax in fig.axes if ax.get_legend()] + fig.legends
            self.assertTrue(legends or stem.endswith("heatmap") or "heatmap" in stem,
                            "%s has no legend" % stem)
            for leg in legends:
                keys = legend_entry_keys(leg)
                self.assertTrue(keys, "%s: empty legend" % stem)
                self.assertEqual(len(keys), len(set(keys)),
                                 "%s: legend entries alike in greyscale: %s" % (stem, keys))
            # every axis with data has labels (units in parentheses on the value axis)
            for ax in fig.axes:
                if ax.get_visible() and ax.get_xlabel() and ax.get_ylabel():
                    self.assertTrue("(" in ax.get_xlabel() or "(" in ax.get_ylabel(),
                                    "%s: no unit in %r / %r" % (stem, ax.get_xlabel(),
                                                                ax.get_ylabel()))
        import matplotlib.pyplot as plt
        plt.close("all")
        # determinism: same input, same bytes
        _, err2 = second.communicate()
        self.assertEqual(second.returncode, 0, err2)
        for p in paths:
            q = os.path.join(out2, os.path.basename(p))
            with open(p, "rb") as a, open(q, "rb") as b:
                self.assertEqual(a.read(), b.read(), "%s differs between two runs" % p)

    def test_run(self):
        self.check_case(*self.CASES[0])

    def test_run_with_shocks(self):
        """Shocks and exits get their own marks and legend entries."""
        from analysis import load, run_figures
        import matplotlib.pyplot as plt
        doc = load.load_run(INPUTS["run-shock"])
        figs = dict(run_figures.build(doc))
        for stem, fig in figs.items():
            legends = [ax.get_legend() for ax in fig.axes if ax.get_legend()] + fig.legends
            labels = [t.get_text() for leg in legends for t in leg.get_texts()]
            self.assertIn("shock", labels, stem)
            self.assertTrue(any(x.startswith("exit or exclusion") for x in labels), stem)
        plt.close("all")

    def test_sweep(self):
        self.check_case(*self.CASES[2])
        r = analysis("sweep", INPUTS["sweep"], "-o", os.path.join(TMP, "fig-sweep-x"),
                     "--metric", "lifetime", "--x", "alliance.ambition",
                     "--y", "governance.mode", "--group", "none", "--format", "svg")
        self.assertEqual(r.returncode, 0, r.stderr)
        names = [os.path.basename(p) for p in r.stdout.split()]
        self.assertIn("sweep-lifetime-by-alliance-ambition.svg", names)
        self.assertTrue(all(n.endswith(".svg") for n in names), names)

    def test_compare(self):
        self.check_case(*self.CASES[3])

    def test_sobol(self):
        self.check_case(*self.CASES[4])

    def test_morris(self):
        self.check_case(*self.CASES[5])

    def test_default_outdir_and_wrapper(self):
        """scripts/plot.sh writes to out/figures/<input name>/ by default."""
        name = "ng-test-%d" % os.getpid()
        src = os.path.join(TMP, name + ".json")
        with open(INPUTS["run"]) as a, open(src, "w") as b:
            b.write(a.read())
        r = sh([os.path.join(REPO, "scripts", "plot.sh"), "run", src, "--no-dashboard",
                "--format", "png"], cwd=TMP)
        self.assertEqual(r.returncode, 0, r.stderr)
        paths = r.stdout.split()
        self.assertEqual(len(paths), 4, r.stdout)
        for p in paths:      # relative to the folder it was run from
            self.assertTrue(p.startswith(os.path.join("out", "figures", name)), p)
            self.assertTrue(os.path.exists(os.path.join(TMP, p)), p)


class BadInputs(unittest.TestCase):
    """Bad inputs exit with status 2 and a message naming the path."""

    def expect_2(self, kind, path, words=()):
        r = analysis(kind, path, "-o", os.path.join(TMP, "bad-out"))
        self.assertEqual(r.returncode, 2, "%s %s: %s %s" % (kind, path, r.stdout, r.stderr))
        self.assertIn(path, r.stderr)
        for w in words:
            self.assertIn(w, r.stderr)
        self.assertFalse(os.path.exists(os.path.join(TMP, "bad-out")))

    def test_missing(self):
        for kind in ("run", "sweep", "compare", "sensitivity"):
            self.expect_2(kind, os.path.join(TMP, "does-not-exist.json"))

    def test_not_json(self):
        path = os.path.join(TMP, "broken.json")
        with open(path, "w") as f:
            f.write("{\"series\": [1, 2")
        for kind in ("run", "compare", "sensitivity"):
            self.expect_2(kind, path, ["not valid JSON"])

    def test_not_netgov(self):
        path = write_json("other.json", {"hello": [1, 2, 3]})
        self.expect_2("run", path, ["series"])
        self.expect_2("compare", path, ["ranking"])
        self.expect_2("sensitivity", path, ["method"])

    def test_wrong_kind(self):
        self.expect_2("run", INPUTS["compare"], ["series"])
        self.expect_2("compare", INPUTS["run"], ["ranking"])

    def test_truncated_series(self):
        with open(INPUTS["run"]) as f:
            doc = json.load(f)
        doc["series"]["members"] = doc["series"]["members"][:-1]
        self.expect_2("run", write_json("short.json", doc), ["series.members"])

    def test_folder_without_summary(self):
        folder = os.path.join(TMP, "empty-folder")
        os.makedirs(folder, exist_ok=True)
        self.expect_2("sweep", folder, ["summary.json"])
        self.expect_2("sensitivity", folder, ["sensitivity.json"])

    def test_unknown_metric(self):
        r = analysis("sweep", INPUTS["sweep"], "-o", os.path.join(TMP, "bad-out"),
                     "--metric", "no_such_metric")
        self.assertEqual(r.returncode, 2)
        self.assertIn("no_such_metric", r.stderr)
        self.assertIn(INPUTS["sweep"], r.stderr)


class Validation(unittest.TestCase):
    def test_validation_script_still_runs(self):
        """analysis/validation.py keeps working as a script next to the package."""
        r = sh([sys.executable, os.path.join(REPO, "analysis", "validation.py"), "--help"],
               cwd=REPO)
        self.assertEqual(r.returncode, 0, r.stderr)


def main():
    global BINARY, REPO, TMP
    if len(sys.argv) < 3:
        print("usage: test_figures.py NETGOV_BINARY REPO_ROOT", file=sys.stderr)
        return 2
    BINARY = os.path.abspath(sys.argv[1])
    REPO = os.path.abspath(sys.argv[2])
    sys.path.insert(0, REPO)
    import matplotlib
    matplotlib.use("Agg")
    with tempfile.TemporaryDirectory(prefix="ng-analysis-") as tmp:
        TMP = tmp
        make_inputs()
        prog = unittest.main(argv=[sys.argv[0], "-v"], exit=False)
        return 0 if prog.result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
