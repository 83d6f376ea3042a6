"""Readers for netgov's four outputs, with checks and clear errors.

Each reader returns plain Python data (dicts and lists, as in the JSON)
after checking the fields the figures need. A problem raises
:class:`InputError`, whose message names the file and the field, e.g.::

    /tmp/x.json: series.tick: expected a list of numbers

The command line turns it into exit status 2.

Formats: docs/OUTPUT.md (run document) and docs/EXPERIMENTS.md (sweep
folder section 6, compare section 11, sensitivity section 12).
"""
import json
import math
import os
import statistics


class InputError(Exception):
    """A missing, unreadable or malformed input; the message names the path."""

    def __init__(self, path, message, field=None):
        self.path = path
        self.field = field
        where = "%s: %s" % (path, field) if field else str(path)
        super().__init__("%s: %s" % (where, message))


def read_json(path):
    """Parse a JSON file; InputError if it is missing or not valid JSON."""
    if not os.path.exists(path):
        raise InputError(path, "no such file")
    if os.path.isdir(path):
        raise InputError(path, "is a folder, expected a JSON file")
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except json.JSONDecodeError as e:
        raise InputError(path, "not valid JSON (line %d, column %d: %s)"
                         % (e.lineno, e.colno, e.msg))
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(path, "cannot read: %s" % e)


def _need(doc, path, field, kind, what):
    """Return doc[field]; InputError naming ``field`` unless it is a ``kind``."""
    parts = field.split(".")
    value = doc
    for i, part in enumerate(parts):
        if not isinstance(value, dict) or part not in value:
            raise InputError(path, "missing field (%s)" % what, field)
        value = value[part]
    if not isinstance(value, kind):
        raise InputError(path, "expected %s" % what, field)
    return value


def _is_number(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


# --------------------------------------------------------------------------
# Run document


def load_run(path):
    """Read a run document (``netgov run --out FILE``).

    Checks ``series`` (columnar, every metric as long as ``series.tick``),
    ``units``, ``events`` and ``summary``. Returns the parsed document.
    """
    doc = read_json(path)
    if not isinstance(doc, dict):
        raise InputError(path, "expected a JSON object (a netgov run document)")
    if "series" not in doc and ("points" in doc or "ranking" in doc):
        raise InputError(path, "this is not a run document (it looks like "
                         "a sweep summary or compare output)", "series")
    series = _need(doc, path, "series", dict, "an object of columns: a netgov run document")
    ticks = _need(doc, path, "series.tick", list, "a list of tick numbers")
    n = len(ticks)
    for key, col in series.items():
        if not isinstance(col, list) or len(col) != n or not all(_is_number(v) for v in col):
            raise InputError(path, "expected %d numbers like series.tick" % n,
                             "series." + key)
    for key in ("members", "joins", "exits", "contribution", "free_riding",
                "interpersonal_trust", "system_trust", "public_value", "overhead"):
        if key not in series:
            raise InputError(path, "missing field (a metric the figures need)",
                             "series." + key)
    _need(doc, path, "units", dict, "an object mapping metrics to units")
    events = _need(doc, path, "events", list, "a list of events")
    for i, e in enumerate(events):
        if not isinstance(e, dict) or not _is_number(e.get("tick")) or "type" not in e:
            raise InputError(path, "expected an object with tick and type",
                             "events[%d]" % i)
    _need(doc, path, "summary", dict, "the run summary object")
    _need(doc, path, "summary.outcome", str, "survived/dissolved/completed")
    doc.setdefault("scenario", os.path.splitext(os.path.basename(path))[0])
    return doc


# --------------------------------------------------------------------------
# Sweep folder


def _metric_stats(doc, path, field):
    if not isinstance(doc, dict):
        raise InputError(path, "expected an object {n, mean, sd, ci_low, ci_high}", field)
    return doc


def _check_points(points, path, field="points"):
    if not isinstance(points, list) or not points:
        raise InputError(path, "expected a non-empty list of design points", field)
    for i, p in enumerate(points):
        where = "%s[%d]" % (field, i)
        if not isinstance(p, dict):
            raise InputError(path, "expected an object", where)
        for key, kind in (("params", dict), ("metrics", dict), ("outcomes", dict)):
            if not isinstance(p.get(key), kind):
                raise InputError(path, "missing or not an object", where + "." + key)
        for m, stats in p["metrics"].items():
            _metric_stats(stats, path, "%s.metrics.%s" % (where, m))


def load_sweep(folder):
    """Read a sweep folder (``netgov sweep --out DIR``).

    Needs ``summary.json``; ``manifest.json`` is read when present (for the
    sweep's name and axis order). Returns a dict with ``name``, ``folder``,
    ``confidence``, ``points`` (as in summary.json), ``axes`` (list of
    parameter paths, in the spec's order) and ``manifest``.
    """
    if not os.path.exists(folder):
        raise InputError(folder, "no such folder")
    if not os.path.isdir(folder):
        raise InputError(folder, "expected a sweep folder (with summary.json), found a file")
    spath = os.path.join(folder, "summary.json")
    if not os.path.exists(spath):
        raise InputError(folder, "no summary.json in this folder (not a finished "
                         "netgov sweep folder?)")
    summary = read_json(spath)
    if not isinstance(summary, dict):
        raise InputError(spath, "expected a JSON object")
    points = summary.get("points")
    if points is None:
        raise InputError(spath, "missing field (a netgov sweep summary)", "points")
    _check_points(points, spath)
    manifest = {}
    mpath = os.path.join(folder, "manifest.json")
    if os.path.exists(mpath):
        manifest = read_json(mpath)
        if not isinstance(manifest, dict):
            raise InputError(mpath, "expected a JSON object")
    axes = []
    spec = manifest.get("spec") if isinstance(manifest.get("spec"), dict) else {}
    for a in spec.get("axes", []) or []:
        if isinstance(a, dict) and isinstance(a.get("path"), str):
            axes.append(a["path"])
    for p in points:
        for key in p["params"]:
            if key not in axes:
                axes.append(key)
    axes = [a for a in axes if any(a in p["params"] for p in points)]
    name = spec.get("name") or os.path.basename(os.path.normpath(folder))
    return {"name": name, "folder": folder, "confidence": summary.get("confidence", 0.95),
            "points": points, "axes": axes, "manifest": manifest}


# --------------------------------------------------------------------------
# compare


def load_compare(path):
    """Read ``netgov compare --out FILE``: ``ranking`` (rank order), ``rank_by``..."""
    doc = read_json(path)
    if not isinstance(doc, dict):
        raise InputError(path, "expected a JSON object (netgov compare --out output)")
    if "ranking" not in doc:
        raise InputError(path, "missing field (not a netgov compare output)", "ranking")
    ranking = doc["ranking"]
    _check_points(ranking, path, "ranking")
    for i, r in enumerate(ranking):
        for key in ("governance", "cost_rule"):
            if not isinstance(r.get(key), str):
                raise InputError(path, "missing or not a string", "ranking[%d].%s" % (i, key))
    _need(doc, path, "rank_by", str, "the ranking metric's name")
    ranking.sort(key=lambda r: r.get("rank", 0))
    return doc


# --------------------------------------------------------------------------
# sensitivity


def load_sensitivity(path):
    """Read ``sensitivity.json`` (or a folder holding it).

    Returns the document: ``method`` (``sobol`` or ``morris``) and
    ``outputs`` {output name: [row per parameter]}.
    """
    if os.path.isdir(path):
        fpath = os.path.join(path, "sensitivity.json")
        if not os.path.exists(fpath):
            raise InputError(path, "no sensitivity.json in this folder (not a "
                             "netgov sensitivity folder?)")
    else:
        fpath = path
    doc = read_json(fpath)
    if not isinstance(doc, dict):
        raise InputError(fpath, "expected a JSON object (sensitivity.json)")
    method = doc.get("method")
    if method not in ("sobol", "morris"):
        raise InputError(fpath, "expected \"sobol\" or \"morris\" (not a netgov "
                         "sensitivity output)", "method")
    outputs = _need(doc, fpath, "outputs", dict, "an object of outputs")
    need = (("first", "total") if method == "sobol" else ("mu_star", "sigma"))
    for out, rows in outputs.items():
        if not isinstance(rows, list) or not rows:
            raise InputError(fpath, "expected a non-empty list of parameters", "outputs." + out)
        for i, r in enumerate(rows):
            where = "outputs.%s[%d]" % (out, i)
            if not isinstance(r, dict) or not isinstance(r.get("parameter"), str):
                raise InputError(fpath, "expected an object with a parameter", where)
            for k in need:
                if k not in r:
                    raise InputError(fpath, "missing field", where + "." + k)
    doc["path"] = fpath
    return doc


# --------------------------------------------------------------------------
# statistics helpers (no scipy on the target system)


def t_quantile(p, df):
    """Quantile of Student's t with ``df`` degrees of freedom.

    Exact for df 1 and 2, else the Cornish-Fisher expansion around the
    normal quantile (Abramowitz & Stegun 26.7.5), accurate to about 1e-3
    from df 3 on.
    """
    if df <= 0:
        return float("nan")
    if df == 1:
        return math.tan(math.pi * (p - 0.5))
    if df == 2:
        return (2 * p - 1) / math.sqrt(2 * p * (1 - p))
    z = statistics.NormalDist().inv_cdf(p)
    g1 = (z ** 3 + z) / 4
    g2 = (5 * z ** 5 + 16 * z ** 3 + 3 * z) / 96
    g3 = (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / 384
    g4 = (79 * z ** 9 + 776 * z ** 7 + 1482 * z ** 5 - 1920 * z ** 3 - 945 * z) / 92160
    return z + g1 / df + g2 / df ** 2 + g3 / df ** 3 + g4 / df ** 4


def wilson(successes, n, confidence=0.95):
    """Wilson score interval of a share (as netgov uses for survival)."""
    if n <= 0:
        return (None, None)
    z = statistics.NormalDist().inv_cdf(0.5 + confidence / 2)
    p = successes / n
    den = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / den
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / den
    return (max(0.0, centre - half), min(1.0, centre + half))


def pool(stats_list, metric, confidence=0.95):
    """Pool several design points' ``{n, mean, sd}`` into one.

    The result is the mean over all their runs with the t interval of that
    mean (Wilson's interval for ``survival``), treating the pooled points
    as one sample. With a single point its own statistics are returned.
    """
    stats_list = [s for s in stats_list if s and s.get("n") and s.get("mean") is not None]
    if not stats_list:
        return {"n": 0, "mean": None, "ci_low": None, "ci_high": None}
    if len(stats_list) == 1:
        return stats_list[0]
    total = sum(s["n"] for s in stats_list)
    mean = sum(s["n"] * s["mean"] for s in stats_list) / total
    if metric == "survival":
        lo, hi = wilson(mean * total, total, confidence)
        return {"n": total, "mean": mean, "ci_low": lo, "ci_high": hi}
    ss = 0.0
    for s in stats_list:
        sd = s.get("sd") or 0.0
        ss += (s["n"] - 1) * sd * sd + s["n"] * (s["mean"] - mean) ** 2
    if total < 2:
        return {"n": total, "mean": mean, "ci_low": None, "ci_high": None}
    sd = math.sqrt(ss / (total - 1))
    half = t_quantile(0.5 + confidence / 2, total - 1) * sd / math.sqrt(total)
    return {"n": total, "mean": mean, "sd": sd, "ci_low": mean - half, "ci_high": mean + half}
