"""Command line: ``python3 -m analysis <kind> INPUT [-o OUTDIR] [options]``.

Kinds: ``run``, ``sweep``, ``compare``, ``sensitivity`` (see
docs/FIGURES.md). Prints one written path per line. Exit status 0 on
success, 2 on bad usage or bad input (the message names the path and
field), 1 on any other failure.
"""
import argparse
import os
import sys

from . import load

#: PNG resolution (dots per inch); the same as analysis.style.DPI.
DPI = 150

KINDS = {
    "run": "figures of one run document (netgov run --out RUN.json)",
    "sweep": "figures of a sweep folder (netgov sweep --out DIR)",
    "compare": "ranked bars of netgov compare --out FILE",
    "sensitivity": "Sobol or Morris figures of a sensitivity folder or sensitivity.json",
}


def _parser():
    p = argparse.ArgumentParser(
        prog="python3 -m analysis",
        description="Draw publication-ready figures (PNG and SVG) from netgov's outputs.",
        epilog="Default output folder: out/figures/<input name>/. See docs/FIGURES.md.")
    sub = p.add_subparsers(dest="kind", metavar="KIND", required=True)
    for kind, helptext in KINDS.items():
        s = sub.add_parser(kind, help=helptext, description=helptext)
        s.add_argument("input", metavar="INPUT")
        s.add_argument("-o", "--out", "--outdir", dest="outdir", metavar="OUTDIR",
                       help="folder for the figures (default out/figures/<input name>/)")
        s.add_argument("--format", default="png,svg",
                       help="comma-separated formats: png, svg, pdf (default png,svg)")
        s.add_argument("--dpi", type=int, default=DPI,
                       help="resolution of PNG files (default %d)" % DPI)
        if kind == "run":
            s.add_argument("--no-dashboard", action="store_true",
                           help="leave out the combined 2x2 figure")
        if kind == "sweep":
            s.add_argument("--metric", default="cumulative_value,survival",
                           help="summary metric(s), comma-separated (default "
                                "cumulative_value,survival)")
            s.add_argument("--x", metavar="PATH", help="parameter on the x axis "
                           "(default: the first axis of the spec)")
            s.add_argument("--y", metavar="PATH", help="second parameter, for the heatmap "
                           "(default: the next axis)")
            s.add_argument("--group", metavar="PATH", help="draw one line per value of "
                           "this parameter in the band figure (default: the second axis "
                           "when it has at most 6 values; 'none' to pool it)")
            s.add_argument("--series-max", type=int, default=6, metavar="N",
                           help="draw the mean key series when the sweep has at most "
                                "N design points (default 6; 0 never)")
        if kind == "compare":
            s.add_argument("--metrics", metavar="LIST",
                           help="metrics to draw, comma-separated (default: the ranking "
                                "metric, survival, cumulative_value, mean_contribution, "
                                "small_partners_left)")
        if kind == "sensitivity":
            s.add_argument("--output", metavar="NAME",
                           help="draw only this output (default: every output)")
    return p


def default_outdir(path):
    """``out/figures/<name>``: the file's base name without extension, or the folder's name."""
    base = os.path.basename(os.path.normpath(path))
    if not os.path.isdir(path):
        base = os.path.splitext(base)[0]
    return os.path.join("out", "figures", base or "input")


def main(argv=None):
    args = _parser().parse_args(argv)
    formats = [f.strip().lower() for f in args.format.split(",") if f.strip()]
    bad = [f for f in formats if f not in ("png", "svg", "pdf")]
    if bad or not formats:
        print("python3 -m analysis: --format: expected png, svg or pdf, found %s"
              % (",".join(bad) or "nothing"), file=sys.stderr)
        return 2
    try:
        if args.kind == "run":
            from . import run_figures
            figs = run_figures.build(load.load_run(args.input),
                                     {"dashboard": not args.no_dashboard})
        elif args.kind == "sweep":
            from . import sweep_figures
            opts = {"metrics": [m.strip() for m in args.metric.split(",") if m.strip()],
                    "x": args.x, "y": args.y, "group": args.group,
                    "series_max": args.series_max}
            figs = sweep_figures.build(load.load_sweep(args.input), opts)
        elif args.kind == "compare":
            from . import compare_figures
            opts = {}
            if args.metrics:
                opts["metrics"] = [m.strip() for m in args.metrics.split(",") if m.strip()]
            figs = compare_figures.build(load.load_compare(args.input), opts)
        else:
            from . import sensitivity_figures
            figs = sensitivity_figures.build(load.load_sensitivity(args.input),
                                             {"output": args.output})
    except load.InputError as e:
        print("python3 -m analysis: %s" % e, file=sys.stderr)
        return 2
    from . import style            # matplotlib is loaded only when there is work
    outdir = args.outdir or default_outdir(args.input)
    try:
        for stem, fig in figs:
            for path in style.save(fig, outdir, stem, formats, args.dpi):
                print(path)
    except OSError as e:
        print("python3 -m analysis: %s: cannot write: %s" % (outdir, e), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
