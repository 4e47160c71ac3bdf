"""View code shared by the widgets: how numbers read, how axes are laid out, how a network is drawn.

Formatting lives in Python, not in JavaScript, so the static first state (built by CPython) and
every live update (computed by Pyodide) print numbers the same way.

    numbers   signed decimals, significant digits, powers of ten, a loss as printed
    axes      a linear scale with round ticks, the 1-2-5 rounding, a loss chart's axes
    network   where every neuron and link of a deep network goes, and how a value is drawn
"""
