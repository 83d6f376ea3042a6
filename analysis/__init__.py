"""Publication-ready figures from netgov's outputs.

netgov (the C simulator in this repository) writes four kinds of output;
this package draws figures from each:

===============  =====================================  ======================
kind             input                                  module
===============  =====================================  ======================
``run``          a run document (``netgov run --out``)  :mod:`analysis.run_figures`
``sweep``        a sweep folder (``netgov sweep``)      :mod:`analysis.sweep_figures`
``compare``      ``netgov compare --out FILE``          :mod:`analysis.compare_figures`
``sensitivity``  ``netgov sensitivity`` folder / file   :mod:`analysis.sensitivity_figures`
===============  =====================================  ======================

Command line (from the repository root, with Debian's interpreter)::

    /usr/bin/python3 -m analysis run out/default.json
    /usr/bin/python3 -m analysis sweep out/changing-threats --metric cumulative_value

:mod:`analysis.load` reads and checks the inputs, :mod:`analysis.style`
holds the shared black-and-white-safe look and the deterministic writer.
Each figure module has a ``build(data, options)`` function that returns
``[(stem, Figure), ...]`` without writing anything, so tests and notebooks
can inspect the figures; :func:`analysis.style.save` writes them.

``analysis/validation.py`` (the validation-pattern checker) is a separate
standard-library script and does not import this package.
"""

__all__ = ["load", "style", "run_figures", "sweep_figures",
           "compare_figures", "sensitivity_figures"]
__version__ = "1.0.0"
