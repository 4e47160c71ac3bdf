"""The data sets of the deep network (article 2.3): y = 5·f(x) for f = sin, cos or tanh.

Each is 50 evenly spaced points on [−5, 5], both ends included: xᵢ = −5 + 10·i/49 for
i = 0 … 49, computed from the integer i (not by adding a step 49 times, which drifts), no noise.

y is rounded to 12 decimals (a change below 5e-13) so that every host has the same bits: math.sin,
cos and tanh come from the platform's C library, and the build machine's (glibc) and Pyodide's
differ in the last bit for 9 of these 150 values. Rounding (correctly rounded on every host) maps
both to the same float; the tests check the result against values recorded in Pyodide.
The data of the linear half of the article are in ``linear_data``.
"""

import math

CURVES = {"sin": math.sin, "cos": math.cos, "tanh": math.tanh}  # name → f; "sin" is the default
DEFAULT_CURVE = "sin"
N_POINTS = 50
X_MIN, X_MAX = -5.0, 5.0
SCALE = 5.0  # y = SCALE · f(x)
DECIMALS = 12  # y is rounded to this many decimals, the same on every host


def curve_xs(n=N_POINTS):
    """xᵢ = −5 + 10·i/(n − 1), i = 0 … n − 1: n evenly spaced points on [−5, 5]."""
    return [X_MIN + (X_MAX - X_MIN) * i / (n - 1) for i in range(n)]


def curve(name=DEFAULT_CURVE):
    """(xs, ys) of the named data set, two lists of 50 floats with yᵢ = 5·f(xᵢ) (to 12 decimals).

    Raises ValueError for a name that is not in CURVES.
    """
    if name not in CURVES:
        raise ValueError(f"unknown data set {name!r}: expected one of {sorted(CURVES)}")
    f = CURVES[name]
    xs = curve_xs()
    return xs, [round(SCALE * f(x), DECIMALS) for x in xs]
