"""Linear scales and ticks for figures drawn at build time.

The browser redraws with d3 scales built from the same numbers (written into ``data-*``
attributes), so the static figure and the live one line up exactly.
"""

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    domain: tuple  # (lo, hi) in data units
    range: tuple  # (lo, hi) in SVG user units

    def __call__(self, value):
        (d0, d1), (r0, r1) = self.domain, self.range
        return r0 + (value - d0) * (r1 - r0) / (d1 - d0)

    def attr(self):
        """'d0 d1 r0 r1', read by the widget scripts to rebuild the same scale."""
        return " ".join(_short(v) for v in (*self.domain, *self.range))

    def ticks(self, count=5):
        lo, hi = sorted(self.domain)
        step = _nice_step((hi - lo) / count)
        first = math.ceil(lo / step - 1e-9)
        values = []
        k = first
        while k * step <= hi + 1e-9:
            values.append(round(k * step, 10))
            k += 1
        return values


def _nice_step(raw):
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def _short(value):
    return f"{value:.6g}"


def fmt(value, places=2):
    """A coordinate or tick label with a real minus sign and no '-0'."""
    text = f"{value:.{places}f}"
    if float(text) == 0:
        text = text.lstrip("-")
    return text.replace("-", "\u2212")
