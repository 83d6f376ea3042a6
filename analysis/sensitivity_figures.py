"""Figures of ``netgov sensitivity`` (``sensitivity.json``).

Sobol (``"method": "sobol"``), one figure per output,
``sensitivity-sobol-<output>``: grouped bars per parameter, first-order
index S_i (light, hatched) and total index S_Ti (dark), with the bootstrap
intervals as whiskers; parameters sorted by total index. Estimates below 0
or above 1 are noise around 0 or 1 (docs/EXPERIMENTS.md section 12).

Morris (``"method": "morris"``), one figure per output,
``sensitivity-morris-<output>``: mu* (mean absolute elementary effect,
with its bootstrap interval as a horizontal whisker) against sigma (their
standard deviation), one labelled marker per parameter, and the reference
line sigma = mu*: parameters above it act mostly through interactions or
non-linearly.
"""
import math

import numpy as np
from matplotlib.lines import Line2D

from . import load, style


def _nan(x):
    return float("nan") if x is None else float(x)


def _pct(doc):
    return "%g%%" % (100 * float(doc.get("confidence") or 0.95))


def sobol_figure(doc, output, rows):
    rows = sorted(rows, key=lambda r: -(_nan(r.get("total")) if r.get("total") is not None
                                        else -1e9))
    names = [r["parameter"] for r in rows]
    fig, ax = style.new_figure(size=(7.5, max(3.8, 0.55 * len(rows) + 2.2)))
    pos = np.arange(len(rows))[::-1]
    for j, (key, label, offset) in enumerate((("first", "first order S_i", 0.19),
                                               ("total", "total S_Ti", -0.19))):
        vals = np.array([_nan(r.get(key)) for r in rows])
        lo = np.array([_nan(r.get(key + "_low")) for r in rows])
        hi = np.array([_nan(r.get(key + "_high")) for r in rows])
        st = style.bar_style(1 if j == 0 else 3)
        ax.barh(pos + offset, np.nan_to_num(vals), height=0.36, label=label, zorder=2, **st)
        ok = np.isfinite(vals) & np.isfinite(lo) & np.isfinite(hi)   # null: no whisker
        err = np.vstack([vals - lo, hi - vals])[:, ok]
        ax.errorbar(vals[ok], (pos + offset)[ok], xerr=err, fmt="none", ecolor="white",
                    elinewidth=3.0, capsize=4, capthick=3.0, zorder=3)
        ax.errorbar(vals[ok], (pos + offset)[ok], xerr=err, fmt="none", ecolor="black",
                    elinewidth=1.0, capsize=3, zorder=4)
    ax.plot([], [], color="black", marker="|", linestyle="none", markersize=10,
            label="%s bootstrap interval" % _pct(doc))
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks(pos)
    ax.set_yticklabels(names)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("Sobol index (share of the output's variance, 0\u20131)")
    ax.set_ylabel("Parameter (range axis)")
    ax.legend(loc="lower right", framealpha=0.9)
    style.title(ax, "Sobol indices of %s" % style.metric_label(output),
                "%s base samples, %s replications per point, %s resamples; sorted by total index"
                % (doc.get("samples", "?"), doc.get("replications", "?"), doc.get("bootstrap", "?")))
    return fig


def morris_figure(doc, output, rows):
    fig, ax = style.new_figure(size=(7.5, 5.2))
    unit = style.summary_unit(output)
    top = 0.0
    for i, r in enumerate(rows):
        mu, sg = _nan(r.get("mu_star")), _nan(r.get("sigma"))
        lo, hi = _nan(r.get("mu_star_low")), _nan(r.get("mu_star_high"))
        st = style.line_style(i)
        st.pop("linestyle")
        ax.errorbar([mu], [sg], xerr=[[0 if math.isnan(lo) else mu - lo],
                                      [0 if math.isnan(hi) else hi - mu]],
                    linestyle="none", capsize=3, elinewidth=0.9, zorder=3,
                    markersize=7, label=r["parameter"], **st)
        ax.annotate(style.short_param(r["parameter"]), (mu, sg), xytext=(5, 4 + 7 * (i % 2)),
                    textcoords="offset points", fontsize=8)
        for v in (mu, sg, hi):
            if not math.isnan(v):
                top = max(top, v)
    top = top * 1.12 if top > 0 else 1.0
    ax.plot([0, top], [0, top], color="#777777", linestyle="--", linewidth=1.0, zorder=1,
            label="\u03c3 = \u03bc*")
    ax.set_xlim(0, top)
    ax.set_ylim(0, top)
    per = "%s per full range" % unit if unit else "per full range"
    ax.set_xlabel("\u03bc* = mean |elementary effect| (%s)" % per)
    ax.set_ylabel("\u03c3 = sd of elementary effects (%s)" % per)
    ax.legend(loc="upper left", fontsize=7.5, framealpha=0.9,
              title="parameter (whisker: %s interval of \u03bc*)" % _pct(doc), title_fontsize=7.5)
    style.title(ax, "Morris screening of %s" % style.name(output),
                "%s trajectories on %s levels, %s replications per point"
                % (doc.get("trajectories", "?"), doc.get("levels", "?"),
                   doc.get("replications", "?")))
    return fig


def build(doc, options=None):
    """Build the sensitivity figures; returns ``[(stem, Figure), ...]``.

    ``options``: ``output`` (draw only this output).
    """
    options = options or {}
    style.setup()
    outputs = doc["outputs"]
    only = options.get("output")
    if only and only not in outputs:
        raise load.InputError(doc.get("path", "sensitivity.json"), "unknown output %r "
                              "(available: %s)" % (only, ", ".join(outputs)), "outputs")
    figs = []
    for output, rows in outputs.items():
        if only and output != only:
            continue
        if doc["method"] == "sobol":
            figs.append(("sensitivity-sobol-%s" % output, sobol_figure(doc, output, rows)))
        else:
            figs.append(("sensitivity-morris-%s" % output, morris_figure(doc, output, rows)))
    return figs
