"""Inner products as single C calls.

Pure-Python training is dominated by the interpreter's per-element overhead. Doing every inner
product in one C-level call (``math.sumprod`` on Python >= 3.12, which Pyodide 314 has) is about
2.8x faster in Pyodide than a textbook loop (see research/spikes.md, experiment 4). CPython 3.11,
used at build time and in tests, lacks ``sumprod``; ``sum(map(mul, ...))`` gives the same sums
up to the last bit (``sumprod`` rounds more carefully), which the tests allow for.
"""

import math
from operator import mul

try:
    dot = math.sumprod
except AttributeError:  # Python 3.11

    def dot(a, b):
        """Sum of a[i] * b[i] (the fallback for Python < 3.12)."""
        return sum(map(mul, a, b))
