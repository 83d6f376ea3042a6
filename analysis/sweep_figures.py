"""Figures of a sweep folder (``netgov sweep SPEC --out DIR``).

Drawn from ``summary.json`` (per design point: outcome shares, statistics
of every summary metric, mean key series):

``sweep-<metric>-by-<x>``        the metric's mean over one parameter with its
                                 confidence band (numeric axis) or interval
                                 whiskers (choice/string/vector axis, drawn as
                                 categories); one line per value of a second
                                 parameter (``group``) when it has few values
``sweep-<metric>-heatmap``       the metric over two parameters, cells annotated
``sweep-outcomes``               outcome shares per design point, stacked bars
                                 (survived, completed, dissolved by cause)
``sweep-series``                 the six key series per design point with bands
                                 (only when the sweep has few points)

**Aggregating other axes.** When the sweep has parameters other than the
ones on the figure, each plotted value pools every design point that
shares the plotted coordinates: the mean over all their runs, with the t
interval of that mean (Wilson's interval for survival), as if the other
parameters were drawn at random from their listed values. The figure's
subtitle names the pooled parameters. With a single matching point its own
``ci_low``/``ci_high`` from summary.json are used unchanged.
"""
import json
import math

import matplotlib.pyplot as plt
import numpy as np

from . import load, style

#: The key series of runs.jsonl / summary.json and their units.
KEY_SERIES = ["members", "contribution", "free_riding",
              "interpersonal_trust", "system_trust", "public_value"]
#: Dissolution causes, in the order they are stacked.
CAUSES = ["no_added_value", "too_few_members", "lead_exit", "unfunded"]
#: Numeric axes with more distinct values than this are binned in heatmaps.
MAX_CELLS = 10


def _key(v):
    return json.dumps(v, sort_keys=True)


def _is_num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def value_label(v):
    """Short text of a parameter value (choice names bare, numbers %g)."""
    if isinstance(v, str):
        return v
    if _is_num(v):
        return "%g" % v
    return json.dumps(v, separators=(",", ":"))


def axis_values(sweep, path):
    """Distinct values of a parameter over the points, and whether all are numbers.

    Numbers are sorted ascending; other values keep the design's order.
    """
    seen, values = set(), []
    for p in sweep["points"]:
        if path in p["params"]:
            v = p["params"][path]
            if _key(v) not in seen:
                seen.add(_key(v))
                values.append(v)
    numeric = bool(values) and all(_is_num(v) for v in values)
    if numeric:
        values.sort()
    return values, numeric


def point_label(point, axes):
    """``'mode=nao, rate=0.15'`` from a point's parameters (or its id)."""
    parts = ["%s=%s" % (style.short_param(a), value_label(point["params"][a]))
             for a in axes if a in point["params"]]
    return ", ".join(parts) if parts else "point %s" % point.get("id", point.get("point"))


def check_metric(sweep, metric):
    """InputError unless ``metric`` is in the points' ``metrics``."""
    have = sweep["points"][0]["metrics"]
    if metric not in have:
        raise load.InputError(sweep["folder"] + "/summary.json",
                              "unknown metric %r (available: %s)"
                              % (metric, ", ".join(sorted(have))), "points[0].metrics")


def check_axis(sweep, path, option):
    if path not in sweep["axes"]:
        raise load.InputError(sweep["folder"] + "/summary.json",
                              "%s %r is not a parameter of this sweep (parameters: %s)"
                              % (option, path, ", ".join(sweep["axes"]) or "none"),
                              "points[].params")


def _varied(sweep):
    return [a for a in sweep["axes"] if len(axis_values(sweep, a)[0]) > 1]


def _pct(sweep):
    return "%g%%" % (100 * float(sweep.get("confidence") or 0.95))


def _nan(x):
    return float("nan") if x is None else float(x)


def _runs_text(points):
    runs = sorted({p.get("runs", 0) - p.get("failed", 0) for p in points})
    if len(runs) == 1:
        return "%d runs per design point" % runs[0]
    return "%d\u2013%d runs per design point" % (runs[0], runs[-1])


def _pooled_text(pooled, sweep):
    if not pooled:
        return ""
    return "; pooled over " + ", ".join(
        "%s (%d values)" % (a, len(axis_values(sweep, a)[0])) for a in pooled)


# --------------------------------------------------------------------------


def band_figure(sweep, metric, x, group):
    """Metric over parameter ``x`` (one line per value of ``group``)."""
    conf = float(sweep.get("confidence") or 0.95)
    xs, numeric = axis_values(sweep, x)
    groups = axis_values(sweep, group)[0] if group else [None]
    pooled = [a for a in _varied(sweep) if a not in (x, group)]
    fig, ax = style.new_figure()
    for gi, g in enumerate(groups):
        means, lows, highs = [], [], []
        for v in xs:
            pts = [p for p in sweep["points"]
                   if x in p["params"] and _key(p["params"][x]) == _key(v)
                   and (group is None or _key(p["params"].get(group)) == _key(g))]
            s = load.pool([p["metrics"].get(metric) for p in pts], metric, conf)
            means.append(_nan(s.get("mean")))
            lows.append(_nan(s.get("ci_low")))
            highs.append(_nan(s.get("ci_high")))
        means, lows, highs = map(np.array, (means, lows, highs))
        label = "%s = %s" % (style.short_param(group), value_label(g)) if group else "mean"
        st = style.line_style(gi)
        if numeric:
            pos = np.array(xs, dtype=float)
            ax.plot(pos, means, label=label, zorder=3, **st)
            ax.fill_between(pos, lows, highs, color=st["color"], alpha=0.15, linewidth=0,
                            zorder=2)
            ax.plot(pos, lows, color=st["color"], linewidth=0.6, linestyle=st["linestyle"],
                    zorder=2)
            ax.plot(pos, highs, color=st["color"], linewidth=0.6, linestyle=st["linestyle"],
                    zorder=2)
        else:
            off = (gi - (len(groups) - 1) / 2) * 0.12
            pos = np.arange(len(xs)) + off
            err = np.vstack([means - lows, highs - means])
            err = np.where(np.isnan(err), 0, err)
            ax.errorbar(pos, means, yerr=err, label=label, capsize=4, zorder=3,
                        elinewidth=1.0, **st)
    if not numeric:
        ax.set_xticks(np.arange(len(xs)))
        ax.set_xticklabels([value_label(v) for v in xs],
                           rotation=30 if len(xs) > 6 else 0)
        ax.set_xlabel("%s (category)" % x)
        ax.set_xlim(-0.5, len(xs) - 0.5)
    else:
        ax.set_xlabel("%s (parameter value)" % x)
    ax.set_ylabel(style.metric_label(metric))
    if metric == "survival":
        ax.set_ylim(-0.03, 1.05)
    handles, labels = ax.get_legend_handles_labels()
    band = plt.Rectangle((0, 0), 1, 1, color="#888888", alpha=0.3,
                         label="%s confidence interval" % _pct(sweep))
    if numeric:
        handles.append(band)
    else:
        from matplotlib.lines import Line2D
        handles.append(Line2D([], [], color="black", marker="|", linestyle="none",
                              markersize=10, label="%s confidence interval" % _pct(sweep)))
    ax.legend(handles=handles, title=group, loc="best", framealpha=0.9)
    style.title(ax, "%s: %s by %s" % (sweep["name"], style.name(metric), style.short_param(x)),
                "mean and %s interval, %s%s" % (_pct(sweep), _runs_text(sweep["points"]),
                                                _pooled_text(pooled, sweep)))
    return fig


def _cells(sweep, path):
    """Per point, the cell index along ``path``; and the cells' labels."""
    values, numeric = axis_values(sweep, path)
    if numeric and len(values) > MAX_CELLS:
        lo, hi = float(values[0]), float(values[-1])
        edges = np.linspace(lo, hi, MAX_CELLS + 1)
        labels = ["%.3g\u2013%.3g" % (edges[i], edges[i + 1]) for i in range(MAX_CELLS)]

        def index(v):
            return min(MAX_CELLS - 1, int((float(v) - lo) / (hi - lo) * MAX_CELLS))
        return index, labels, True
    keys = [_key(v) for v in values]
    return (lambda v: keys.index(_key(v))), [value_label(v) for v in values], False


def heatmap_figure(sweep, metric, x, y):
    """Metric over parameters ``x`` (columns) and ``y`` (rows)."""
    conf = float(sweep.get("confidence") or 0.95)
    xi, xlabels, xbinned = _cells(sweep, x)
    yi, ylabels, ybinned = _cells(sweep, y)
    cells = {}
    for p in sweep["points"]:
        if x in p["params"] and y in p["params"]:
            k = (yi(p["params"][y]), xi(p["params"][x]))
            cells.setdefault(k, []).append(p["metrics"].get(metric))
    grid = np.full((len(ylabels), len(xlabels)), np.nan)
    for (r, c), stats in cells.items():
        grid[r, c] = _nan(load.pool(stats, metric, conf).get("mean"))
    fig, ax = style.new_figure(size=(7.0, 5.2))
    ax.grid(False)
    im = ax.imshow(np.ma.masked_invalid(grid), origin="lower", aspect="auto", cmap=style.CMAP,
                   interpolation="nearest")
    fmt = "%.2f" if metric in ("survival",) or np.nanmax(np.abs(grid)) < 10 else "%.0f"
    for r in range(grid.shape[0]):
        for c in range(grid.shape[1]):
            if not np.isnan(grid[r, c]) and grid.size <= 150:
                ax.text(c, r, fmt % grid[r, c], ha="center", va="center", fontsize=10,
                        color=style.text_color_on(im.cmap(im.norm(grid[r, c]))))
    ax.set_xticks(range(len(xlabels)))
    ax.set_xticklabels(xlabels, rotation=30 if len(xlabels) > 5 or xbinned else 0)
    ax.set_yticks(range(len(ylabels)))
    ax.set_yticklabels(ylabels)
    ax.set_xlabel("%s (%s)" % (x, "binned parameter value" if xbinned else "parameter value"))
    ax.set_ylabel("%s (%s)" % (y, "binned parameter value" if ybinned else "parameter value"))
    cb = fig.colorbar(im, ax=ax)
    cb.set_label("Mean " + style.metric_label(metric)[0].lower() + style.metric_label(metric)[1:])
    pooled = [a for a in _varied(sweep) if a not in (x, y)]
    style.title(ax, "%s: %s over %s and %s" % (sweep["name"], style.name(metric),
                                              style.short_param(x), style.short_param(y)),
                "cell = mean over its runs, %s%s; blank = no design point"
                % (_runs_text(sweep["points"]), _pooled_text(pooled, sweep)))
    return fig


def outcomes_figure(sweep):
    """Stacked outcome shares per design point (hatched, greyscale-safe)."""
    points = sweep["points"]
    axes = _varied(sweep)
    parts = [("survived", "survived")] + [("completed", "completed (goal reached)")] + \
        [("cause:" + c, "dissolved: " + c.replace("_", " ")) for c in CAUSES] + \
        [("cause:other", "dissolved: other"), ("failed", "failed (error line)")]
    shares = {k: [] for k, _ in parts}
    for p in points:
        runs = p.get("runs") or 0
        failed = p.get("failed") or 0
        ran = runs - failed
        scale = ran / runs if runs else 0
        o = p["outcomes"]
        shares["survived"].append((o.get("survived") or 0) * scale)
        shares["completed"].append((o.get("completed") or 0) * scale)
        known = 0.0
        for c in CAUSES:
            v = (p.get("causes", {}).get(c, 0) / runs) if runs else 0
            shares["cause:" + c].append(v)
            known += v
        dissolved = (o.get("dissolved") or 0) * scale
        shares["cause:other"].append(max(0.0, dissolved - known))
        shares["failed"].append(failed / runs if runs else 0)
    parts = [(k, lab) for k, lab in parts if any(v > 1e-12 for v in shares[k])]
    wide = len(points) > 12
    fig, ax = style.new_figure(size=(max(7.0, min(16.0, 0.35 * len(points) + 3)), 4.8))
    pos = np.arange(len(points))
    bottom = np.zeros(len(points))
    for i, (k, lab) in enumerate(parts):
        vals = np.array(shares[k])
        ax.bar(pos, vals, bottom=bottom, width=0.75, label=lab, zorder=2, **style.bar_style(i))
        bottom += vals
    labels = [point_label(p, axes).replace(", ", "\n") if not wide else str(p.get("id"))
              for p in points]
    ax.set_xticks(pos)
    longest = max(len(line) for lab in labels for line in lab.split("\n"))
    tilt = not wide and longest * len(points) > 70
    ax.set_xticklabels(labels, rotation=90 if wide else (25 if tilt else 0),
                       ha="right" if tilt else "center", fontsize=8)
    ax.set_xlabel("Design point (%s)" % ("id; parameters in summary.csv" if wide
                                         else ", ".join(axes) or "no axes"))
    ax.set_ylabel("Share of runs (share, 0\u20131)")
    ax.set_ylim(0, 1.02)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, title="outcome")
    style.title(ax, "%s: outcomes per design point" % sweep["name"], _runs_text(points))
    return fig


def series_figure(sweep):
    """Mean key series per design point with confidence bands (3 x 2 panels)."""
    points = [p for p in sweep["points"] if isinstance(p.get("series"), dict)
              and p["series"].get("tick")]
    axes = _varied(sweep)
    style.setup()
    fig, grid = plt.subplots(3, 2, figsize=(12.0, 10.0), sharex=True)
    keys = [k for k in KEY_SERIES if all(k in p["series"] for p in points)]
    for ax, key in zip(grid.flat, keys):
        for i, p in enumerate(points):
            s = p["series"]
            t = np.array(s["tick"], dtype=float)
            m = np.array([_nan(v) for v in s[key]["mean"]])
            lo = np.array([_nan(v) for v in s[key].get("ci_low", [None] * len(t))])
            hi = np.array([_nan(v) for v in s[key].get("ci_high", [None] * len(t))])
            n = np.array([_nan(v) for v in s.get("n", [None] * len(t))])
            few = n < 3                      # too few runs for a meaningful band
            lo[few] = np.nan
            hi[few] = np.nan
            lo = np.maximum(lo, 0.0)         # every key series is >= 0
            if style.KEY_SERIES_UNITS[key] in ("share", "trust"):
                hi = np.minimum(hi, 1.0)     # shares and trust are <= 1
            st = style.line_style(i)
            ax.plot(t, m, label=point_label(p, axes), markevery=style.markevery(len(t), 8),
                    zorder=3, **st)
            ax.fill_between(t, lo, hi, color=st["color"], alpha=0.13, linewidth=0, zorder=2)
        unit = style.UNIT_TEXT[style.KEY_SERIES_UNITS[key]]
        ax.set_title(style.name(key))
        ax.set_ylabel("%s (%s)" % (style.name(key), unit))
    for ax in grid.flat[len(keys):]:
        ax.set_visible(False)
    for ax in grid[-1]:
        ax.set_xlabel("Tick (simulation step)")
    handles, labels = grid.flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=min(3, len(labels)), frameon=False)
    fig.suptitle("%s: mean key series per design point\nshaded: %s band over the runs "
                 "still recording at each tick (late ticks: survivors only; no band "
                 "under 3 runs; clipped to the metric's range)"
                 % (sweep["name"], _pct(sweep)))
    rows = math.ceil(len(labels) / 3)
    fig.subplots_adjust(left=0.07, right=0.98, top=0.91, bottom=0.06 + 0.025 * rows,
                        hspace=0.3, wspace=0.22)
    return fig


def _slug(path):
    return path.replace(".", "-")


def build(sweep, options=None):
    """Build the sweep figures; returns ``[(stem, Figure), ...]``.

    ``options``: ``metrics`` (list, default cumulative_value and survival),
    ``x``, ``y``, ``group`` (parameter paths; ``group='none'`` pools the
    second axis instead of drawing a line per value), ``series_max``.
    """
    options = options or {}
    style.setup()
    metrics = options.get("metrics") or ["cumulative_value", "survival"]
    for m in metrics:
        check_metric(sweep, m)
    for opt in ("x", "y"):
        if options.get(opt):
            check_axis(sweep, options[opt], "--" + opt)
    if options.get("group") and options["group"] != "none":
        check_axis(sweep, options["group"], "--group")
    varied = _varied(sweep)
    x = options.get("x") or (varied[0] if varied else None)
    others = [a for a in varied if a != x]
    y = options.get("y") or (others[0] if others else None)
    group = options.get("group")
    if group == "none":
        group = None
    elif group is None and others and len(axis_values(sweep, others[0])[0]) <= 6:
        group = others[0]
    if group == x:
        group = None
    figs = []
    for metric in metrics:
        if x:
            figs.append(("sweep-%s-by-%s" % (metric, _slug(x)), band_figure(sweep, metric, x, group)))
        if x and y and y != x:
            figs.append(("sweep-%s-heatmap-%s-%s" % (metric, _slug(x), _slug(y)),
                         heatmap_figure(sweep, metric, x, y)))
    figs.append(("sweep-outcomes", outcomes_figure(sweep)))
    series_max = options.get("series_max", 6)
    if 0 < len(sweep["points"]) <= series_max and all(
            isinstance(p.get("series"), dict) for p in sweep["points"]):
        figs.append(("sweep-series", series_figure(sweep)))
    return figs
