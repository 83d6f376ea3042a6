"""Shared look of every figure, units, labels and the deterministic writer.

Everything here is about making figures that

* read in black and white: lines differ by line style *and* marker, bars
  by hatch *and* grey level, colour maps are monotonic in lightness
  (``cividis``);
* carry units on every axis (:func:`metric_label`);
* are byte-for-byte reproducible: :func:`setup` fixes the SVG hash salt and
  keeps text as text, :func:`save` strips the dates and software versions
  from the files' metadata.

Import this module before ``matplotlib.pyplot`` is used anywhere: it
selects the non-interactive Agg backend.
"""
import os
import textwrap

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (after the backend is chosen)
from matplotlib.colors import to_rgb  # noqa: E402

#: Default resolution of PNG files (dots per inch).
DPI = 150
#: Size of a single figure in inches (width, height).
FIGSIZE = (7.0, 4.4)
#: Size of a 2 x 2 dashboard and other multi-panel figures.
FIGSIZE_LARGE = (12.0, 8.0)

#: Line colours, dark to light: each step differs in grey level too.
COLORS = ["#000000", "#1f4e99", "#b2182b", "#6b6b6b", "#e08214", "#4dac26"]
#: Line styles, used together with MARKERS so lines differ without colour.
LINESTYLES = ["-", "--", ":", "-.", (0, (5, 1, 1, 1, 1, 1)), (0, (1, 3))]
MARKERS = ["o", "s", "^", "D", "v", "x", "P", "*"]
#: Fill greys and hatches for bars (light to dark, each with its own hatch).
FILLS = ["#f0f0f0", "#bdbdbd", "#7a7a7a", "#404040", "#d9d9d9", "#969696"]
HATCHES = ["", "//", "..", "xx", "\\\\", "++"]
#: Colour map for heatmaps: monotonic lightness, readable in greyscale.
CMAP = "cividis"

#: Units of the run document's series (docs/OUTPUT.md section 2.2),
#: spelled out for axis labels.
UNIT_TEXT = {
    "partners": "partners",
    "share": "share, 0\u20131",
    "units": "resource units per tick",
    "index": "index, 0\u20131",
    "trust": "trust level, 0\u20131",
    "value": "value index",
    "count": "count per tick",
    "cosine": "cosine, 0\u20131",
    "level": "level, 0\u20131",
    "radians": "radians",
}

#: Units of the summary metrics (docs/OUTPUT.md section 2.6) as used in
#: summary.json, compare and sensitivity outputs.
SUMMARY_UNITS = {
    "survival": "share of runs",
    "lifetime": "ticks",
    "peak_members": "partners",
    "final_members": "partners",
    "cumulative_value": "resource units",
    "mean_contribution": "share of quota",
    "first_exit_tick": "tick",
    "share_ever_joined": "share of pool",
    "final_interpersonal_trust": "trust level, 0\u20131",
    "final_system_trust": "trust level, 0\u20131",
    "joins": "partners",
    "exits": "partners",
    "exclusions": "partners",
    "sanctions": "count",
    "small_partners": "partners",
    "small_partners_left": "partners",
    "events_dropped": "count",
    "mean_fit": "cosine, 0\u20131",
    "final_fit": "cosine, 0\u20131",
    "mission_turn": "radians",
    "shocks": "count",
    "incidents": "count",
    "votes_held": "count",
    "votes_failed": "count",
    "process_spending": "resource units",
}

#: Units of the six key series of a sweep (runs.jsonl / summary.json).
KEY_SERIES_UNITS = {
    "members": "partners",
    "contribution": "share",
    "free_riding": "share",
    "interpersonal_trust": "trust",
    "system_trust": "trust",
    "public_value": "units",
}

#: Readable names of metrics; anything else is shown with spaces.
NAMES = {
    "members": "Members",
    "contribution": "Mean contribution rate",
    "free_riding": "Free-rider share",
    "interpersonal_trust": "Interpersonal trust",
    "system_trust": "System trust",
    "public_value": "Public value",
    "overhead": "Coordination overhead",
    "survival": "Survival share",
    "lifetime": "Lifetime",
    "cumulative_value": "Cumulative public value",
    "mean_contribution": "Mean contribution",
    "small_partners_left": "Small partners that left",
    "final_interpersonal_trust": "Final interpersonal trust",
    "final_system_trust": "Final system trust",
    "first_exit_tick": "First exit",
    "share_ever_joined": "Share ever joined",
    "mean_fit": "Mean fit",
    "final_fit": "Final fit",
    "mission_turn": "Mission turn",
}


def setup():
    """Set the shared matplotlib style (idempotent)."""
    plt.rcParams.update({
        "svg.hashsalt": "netgov",        # stable ids in SVG files
        "svg.fonttype": "none",          # text stays text (searchable)
        "font.family": "DejaVu Sans",
        "font.size": 10,
        "axes.titlesize": 11,
        "axes.labelsize": 10,
        "legend.fontsize": 8.5,
        "axes.grid": True,
        "grid.color": "#dddddd",
        "grid.linewidth": 0.6,
        "axes.axisbelow": True,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "lines.linewidth": 1.6,
        "lines.markersize": 5,
        "hatch.linewidth": 0.8,
        "image.cmap": CMAP,
        "path.simplify": False,
    })


def name(metric):
    """Readable name of a metric, e.g. ``'cumulative_value'`` -> ``'Cumulative public value'``."""
    if metric in NAMES:
        return NAMES[metric]
    text = metric.replace("_", " ")
    return text[:1].upper() + text[1:]


def summary_unit(metric):
    """Unit text of a summary metric (``'share of runs'`` for survival)."""
    return SUMMARY_UNITS.get(metric, "")


def metric_label(metric, unit=None):
    """Axis label ``'Name (unit)'``; ``unit`` defaults to the summary metric's unit."""
    if unit is None:
        unit = summary_unit(metric)
    unit = UNIT_TEXT.get(unit, unit)
    return "%s (%s)" % (name(metric), unit) if unit else name(metric)


def short_param(path):
    """Last part of a parameter path: ``'governance.mode'`` -> ``'mode'``."""
    return path.rsplit(".", 1)[-1]


def line_style(i):
    """Keyword arguments for the i-th series line (colour, style, marker)."""
    return {"color": COLORS[i % len(COLORS)],
            "linestyle": LINESTYLES[i % len(LINESTYLES)],
            "marker": MARKERS[i % len(MARKERS)]}


def bar_style(i):
    """Keyword arguments for the i-th kind of bar (grey fill and hatch)."""
    return {"facecolor": FILLS[i % len(FILLS)],
            "hatch": HATCHES[i % len(HATCHES)],
            "edgecolor": "black", "linewidth": 0.7}


def grey(color):
    """Grey level (0 black .. 1 white) of a colour, ITU-R BT.601 luma."""
    r, g, b = to_rgb(color)
    return 0.299 * r + 0.587 * g + 0.114 * b


def text_color_on(rgba):
    """Black or white, whichever reads on a cell of colour ``rgba``."""
    return "black" if grey(rgba[:3]) > 0.5 else "white"


def markevery(n, points=12):
    """Mark about ``points`` markers on a line of ``n`` points."""
    return max(1, n // points)


def new_figure(size=FIGSIZE, **kwargs):
    """A figure with constrained layout and one axes (``fig, ax``)."""
    setup()
    fig, ax = plt.subplots(figsize=size, layout="constrained", **kwargs)
    return fig, ax


def title(fig_or_ax, main, sub=None):
    """Set a title with an optional smaller second line."""
    if sub:
        fig = fig_or_ax if hasattr(fig_or_ax, "suptitle") else fig_or_ax.figure
        width = int(fig.get_figwidth() * 11)      # characters that fit at ~10 pt
        sub = textwrap.fill(sub, width=width, break_on_hyphens=False)
    text = main if not sub else "%s\n%s" % (main, sub)
    if hasattr(fig_or_ax, "suptitle"):
        fig_or_ax.suptitle(text)
    else:
        fig_or_ax.set_title(text)


def save(fig, outdir, stem, formats=("png", "svg"), dpi=DPI):
    """Write ``fig`` as ``outdir/stem.<fmt>`` for each format; returns the paths.

    The files carry no date and no software version, so the same figure
    gives the same bytes every time.
    """
    os.makedirs(outdir, exist_ok=True)
    paths = []
    for fmt in formats:
        path = os.path.join(outdir, "%s.%s" % (stem, fmt))
        if fmt == "png":
            meta = {"Software": None}
        elif fmt == "svg":
            meta = {"Date": None, "Creator": None}
        elif fmt == "pdf":
            meta = {"CreationDate": None, "ModDate": None, "Producer": None,
                    "Creator": None}
        else:
            meta = None
        tmp = path + ".tmp"
        fig.savefig(tmp, format=fmt, dpi=dpi, metadata=meta)
        os.replace(tmp, path)
        paths.append(path)
    plt.close(fig)
    return paths
