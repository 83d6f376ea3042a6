"""Figures of ``netgov compare --out FILE`` (governance mode x cost rule).

One figure per metric, ``compare-<metric>``: a horizontal bar per
combination, in the ranking's order (rank 1 on top, so every figure lists
the combinations in the same order), its length the mean over the
replications and a whisker for the 95 % interval (Wilson's for survival).
The bar's grey and hatch show the governance mode. Default metrics: the
ranking metric (``rank_by``), then survival, cumulative value, mean
contribution and small partners that left. ``compare-overview`` puts the
first four side by side.
"""
import math

import matplotlib.pyplot as plt
import numpy as np

from . import load, style

DEFAULT_METRICS = ["survival", "cumulative_value", "mean_contribution", "small_partners_left"]


def _nan(x):
    return float("nan") if x is None else float(x)


def _modes(doc):
    """The governance modes of a comparison in netgov's order (its design
    points are numbered mode by mode in registry order), each once; every
    mode gets its own bar style in this order."""
    rows = sorted(doc["ranking"], key=lambda r: r.get("point", 0))
    rows += doc.get("not_applicable") or []
    modes = []
    for r in rows:
        if r.get("governance") not in modes:
            modes.append(r.get("governance"))
    return modes


def _mode_style(mode, modes):
    return style.bar_style(modes.index(mode) + 1)


def _bars(ax, doc, metric, labels=True):
    ranking = doc["ranking"]
    means = np.array([_nan(r["metrics"].get(metric, {}).get("mean")) for r in ranking])
    lows = np.array([_nan(r["metrics"].get(metric, {}).get("ci_low")) for r in ranking])
    highs = np.array([_nan(r["metrics"].get(metric, {}).get("ci_high")) for r in ranking])
    pos = np.arange(len(ranking))[::-1]          # rank 1 on top
    modes = _modes(doc)
    seen = set()
    for p, r, m in zip(pos, ranking, means):
        mode = r["governance"]
        ax.barh(p, 0 if math.isnan(m) else m, height=0.7, zorder=2,
                label=None if mode in seen else "%s governance" % mode, **_mode_style(mode, modes))
        seen.add(mode)
    err = np.vstack([means - lows, highs - means])
    err = np.where(np.isnan(err), 0, err)
    # a white halo under the black whisker keeps it visible on dark bars
    ax.errorbar(means, pos, xerr=err, fmt="none", ecolor="white", elinewidth=3.2,
                capsize=4, capthick=3.2, zorder=3)
    ax.errorbar(means, pos, xerr=err, fmt="none", ecolor="black", elinewidth=1.1,
                capsize=3, zorder=4, label="95% interval")
    order = {"%s governance" % m: i for i, m in enumerate(modes)}
    handles, names = ax.get_legend_handles_labels()
    pairs = sorted(zip(handles, names), key=lambda hn: order.get(hn[1], len(modes)))
    ax._ng_legend = ([h for h, _ in pairs], [n for _, n in pairs])
    ax.set_yticks(pos)
    if labels:
        ax.set_yticklabels(["%d. %s + %s" % (r.get("rank", i + 1), r["governance"], r["cost_rule"])
                            for i, r in enumerate(ranking)])
    else:
        ax.tick_params(labelleft=False)
    ax.axvline(0, color="black", linewidth=0.7)
    ax.set_xlabel(style.metric_label(metric))
    ax.grid(axis="y", visible=False)
    if metric == "survival":
        ax.set_xlim(0, 1.05)


def _check(doc, metric):
    have = doc["ranking"][0]["metrics"]
    if metric not in have:
        raise load.InputError(doc.get("_path", "compare"), "unknown metric %r (available: %s)"
                              % (metric, ", ".join(sorted(have))), "ranking[0].metrics")


def _subtitle(doc):
    text = "%s runs per combination on common seeds; ranked by %s (%s is better)" % (
        doc.get("replications", "?"), doc["rank_by"],
        "lower" if doc.get("lower_is_better") else "higher")
    na = doc.get("not_applicable") or []
    if na:
        text += "; not applicable: " + ", ".join("%s + %s" % (n.get("governance"), n.get("cost_rule"))
                                                  for n in na)
    return text


def build(doc, options=None):
    """Build the compare figures; returns ``[(stem, Figure), ...]``.

    ``options``: ``metrics`` (list of summary metric names).
    """
    options = options or {}
    style.setup()
    metrics = options.get("metrics") or [doc["rank_by"]] + \
        [m for m in DEFAULT_METRICS if m != doc["rank_by"]]
    for m in metrics:
        _check(doc, m)
    n = len(doc["ranking"])
    height = max(3.5, 0.32 * n + 1.8)
    figs = []
    for metric in metrics:
        fig, ax = style.new_figure(size=(7.5, height))
        _bars(ax, doc, metric)
        ax.legend(*ax._ng_legend, loc="lower right", framealpha=0.9)
        style.title(ax, "%s: %s by governance mode and cost rule" % (
            doc.get("scenario", "compare"), style.name(metric)), _subtitle(doc))
        figs.append(("compare-%s" % metric, fig))
    over = metrics[:4]
    fig, axes = plt.subplots(1, len(over), figsize=(3.4 * len(over) + 1.5, height),
                             sharey=True, layout="constrained")
    axes = np.atleast_1d(axes)
    for i, (ax, metric) in enumerate(zip(axes, over)):
        _bars(ax, doc, metric, labels=(i == 0))
        ax.set_title(style.name(metric))
    h, lab = axes[0]._ng_legend
    axes[-1].legend(h, lab, loc="lower right", framealpha=0.9, fontsize=7.5)
    style.title(fig, "%s: governance mode x cost rule" % doc.get("scenario", "compare"),
                _subtitle(doc))
    figs.append(("compare-overview", fig))
    return figs
