"""Figures of one run document (``netgov run --out RUN.json``).

Four figures, each over the ticks of the run, plus a 2 x 2 dashboard of
all four:

``run-members``       end-of-tick members (line) with the joins (bars up)
                      and exits and exclusions (bars down) of each tick
``run-contribution``  mean contribution rate and free-rider share
``run-trust``         interpersonal and system trust
``run-value``         public value and coordination overhead per tick
``run-dashboard``     the four panels in one figure

Every panel marks the run's key events as vertical lines with a legend
entry: exits and exclusions, the dissolution or completion, shocks and
data incidents (docs/OUTPUT.md section 2.4).
"""
import matplotlib.pyplot as plt
from matplotlib.lines import Line2D

from . import style

#: How each kind of event is marked: (label, line keyword arguments).
EVENT_MARKS = {
    "exit": ("exit or exclusion", {"color": "#8c8c8c", "linestyle": ":", "linewidth": 1.0}),
    "dissolution": ("dissolution", {"color": "black", "linestyle": "-", "linewidth": 2.4}),
    "completion": ("completion (goal reached)", {"color": "black", "linestyle": "--", "linewidth": 2.4}),
    "shock": ("shock", {"color": "#b2182b", "linestyle": "-.", "linewidth": 1.3}),
    "incident": ("data incident", {"color": "#1f4e99", "linestyle": (0, (6, 2)), "linewidth": 1.0}),
}


def event_ticks(doc):
    """Ticks of the key events by kind: ``{'exit': [..], 'dissolution': [..], ...}``."""
    ticks = {k: [] for k in EVENT_MARKS}
    for e in doc["events"]:
        kind = e["type"]
        if kind == "exclusion":
            kind = "exit"
        if kind in ticks and e["tick"] not in ticks[kind]:
            ticks[kind].append(e["tick"])
    return ticks


def _unit(doc, key):
    unit = doc.get("units", {}).get(key, "")
    return style.UNIT_TEXT.get(unit, unit)


def mark_events(ax, doc):
    """Draw the event marks on ``ax``; returns legend handles (one per kind present)."""
    handles = []
    ticks = event_ticks(doc)
    summary = doc["summary"]
    for kind, (label, kw) in EVENT_MARKS.items():
        if not ticks[kind]:
            continue
        for t in ticks[kind]:
            ax.axvline(t, zorder=1, **kw)
        text = label
        if kind == "exit":
            text = "%s (%d ticks)" % (label, len(ticks[kind]))
        elif kind == "dissolution":
            text = "dissolution: %s" % summary.get("cause", "?")
        handles.append(Line2D([], [], label=text, **kw))
    return handles


def _series(doc, key):
    return doc["series"][key]


def panel_members(ax, doc):
    """Members (step line), joins (bars up), exits and exclusions (bars down)."""
    t = _series(doc, "tick")
    joins = _series(doc, "joins")
    exits = _series(doc, "exits")
    excl = doc["series"].get("exclusions", [0] * len(t))
    handles = []
    handles.append(ax.bar(t, joins, width=0.8, label="joins this tick", zorder=2,
                          **style.bar_style(1)))
    handles.append(ax.bar(t, [-x for x in exits], width=0.8, label="exits this tick (\u2212)",
                          zorder=2, **style.bar_style(2)))
    if any(excl):
        handles.append(ax.bar(t, [-x for x in excl], bottom=[-x for x in exits], width=0.8,
                              label="exclusions this tick (\u2212)", zorder=2,
                              **style.bar_style(3)))
    line, = ax.step(t, _series(doc, "members"), where="mid", label="members (end of tick)",
                    zorder=3, markevery=style.markevery(len(t)), **style.line_style(0))
    handles.insert(0, line)
    ax.axhline(0, color="black", linewidth=0.6, zorder=2)
    ax.set_ylabel("Count (%s)" % _unit(doc, "members"))
    ax.set_title("Members, joins and exits")
    return handles


def _two_lines(ax, doc, keys, labels):
    t = _series(doc, "tick")
    handles = []
    for i, (key, label) in enumerate(zip(keys, labels)):
        line, = ax.plot(t, _series(doc, key), label=label, zorder=3,
                        markevery=style.markevery(len(t)), **style.line_style(i))
        handles.append(line)
    return handles


def panel_contribution(ax, doc):
    """Mean contribution rate and free-rider share (both shares, 0-1)."""
    h = _two_lines(ax, doc, ["contribution", "free_riding"],
                   ["mean contribution rate (share of quota)",
                    "free-rider share (share of members)"])
    ax.set_ylim(-0.02, 1.05)
    ax.set_ylabel("Share (%s)" % _unit(doc, "contribution"))
    ax.set_title("Contributions and free riding")
    return h


def panel_trust(ax, doc):
    """Interpersonal and system trust."""
    h = _two_lines(ax, doc, ["interpersonal_trust", "system_trust"],
                   ["interpersonal trust (mean over ties)", "system trust (mean over members)"])
    ax.set_ylim(-0.02, 1.05)
    ax.set_ylabel("Trust (%s)" % _unit(doc, "interpersonal_trust"))
    ax.set_title("Interpersonal and system trust")
    return h


def panel_value(ax, doc):
    """Public value produced and coordination overhead paid per tick."""
    h = _two_lines(ax, doc, ["public_value", "overhead"],
                   ["public value", "coordination overhead"])
    ax.set_ylabel("Per tick (%s)" % _unit(doc, "public_value"))
    ax.set_title("Public value and overhead")
    return h


PANELS = [("members", panel_members), ("contribution", panel_contribution),
          ("trust", panel_trust), ("value", panel_value)]


def describe(doc):
    """One line about the run: governance, rule, seed and outcome."""
    cfg = doc.get("config", {})
    gov = cfg.get("governance", {}).get("mode", "?")
    rule = cfg.get("cost_sharing", {}).get("rule", "?")
    s = doc["summary"]
    if s["outcome"] == "dissolved":
        out = "dissolved at tick %s (%s)" % (s.get("lifetime"), s.get("cause"))
    elif s["outcome"] == "completed":
        out = "completed at tick %s (goal reached)" % s.get("lifetime")
    else:
        out = "survived to tick %s" % s.get("lifetime")
    return "%s governance, %s cost split, seed %s: %s" % (gov, rule, doc.get("seed", "?"), out)


def _finish_axes(ax, doc):
    ax.set_xlabel("Tick (simulation step)")
    t = _series(doc, "tick")
    if t:
        ax.set_xlim(min(t) - 1, max(t) + 1)


def build(doc, options=None):
    """Build the run figures; returns ``[(stem, Figure), ...]``.

    ``options``: dict with ``dashboard`` (default True) to add the 2 x 2
    figure.
    """
    options = options or {}
    style.setup()
    figs = []
    scen = doc.get("scenario", "run")
    sub = describe(doc)
    for key, panel in PANELS:
        fig, ax = style.new_figure()
        handles = panel(ax, doc)
        handles += mark_events(ax, doc)
        _finish_axes(ax, doc)
        ax.set_title("")
        title = {"members": "Members, joins and exits", "contribution": "Contributions and free riding",
                 "trust": "Interpersonal and system trust", "value": "Public value and overhead"}[key]
        style.title(ax, "%s: %s" % (scen, title), sub)
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.16),
                  ncol=3, frameon=False)
        figs.append(("run-" + key, fig))
    if options.get("dashboard", True):
        style.setup()
        fig, axes = plt.subplots(2, 2, figsize=style.FIGSIZE_LARGE, sharex=True)
        events = []
        for ax, (key, panel) in zip(axes.flat, PANELS):
            handles = panel(ax, doc)
            events = mark_events(ax, doc)
            ax.legend(handles=handles, loc="best", fontsize=7.5, framealpha=0.85)
            _finish_axes(ax, doc)
        for ax in axes[0]:
            ax.set_xlabel("")
            ax.tick_params(labelbottom=True)
        fig.suptitle("%s: run dashboard\n%s" % (scen, sub))
        if events:
            fig.legend(handles=events, loc="lower center", ncol=len(events), frameon=False,
                       title="vertical marks: events")
        fig.subplots_adjust(left=0.07, right=0.98, top=0.89, bottom=0.14 if events else 0.08,
                            hspace=0.28, wspace=0.22)
        figs.append(("run-dashboard", fig))
    return figs
