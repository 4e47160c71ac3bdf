"""Axes: a linear scale with round ticks, and the parts of a loss chart's axes.

Figures drawn at build time place their marks with ``Scale``; the browser redraws with d3 scales
built from the same numbers (written into ``data-*`` attributes by ``Scale.attr``), so the static
figure and the live one line up exactly.
"""

import math
from dataclasses import dataclass


def nice_ceiling(value):
    """The smallest of …, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, … that is at least value (> 0).

    Whole numbers stay whole (an axis's end in epochs); a power of ten that log10 rounds either
    way still comes out right, as the next factor covers it.
    """
    power = 10 ** math.floor(math.log10(value))
    return next((factor * power for factor in (1, 2, 5) if value <= factor * power), 10 * power)


@dataclass(frozen=True)
class Scale:
    domain: tuple  # (lo, hi) in data units
    range: tuple  # (lo, hi) in SVG user units

    def __call__(self, value):
        (d0, d1), (r0, r1) = self.domain, self.range
        return r0 + (value - d0) * (r1 - r0) / (d1 - d0)

    def attr(self):
        """'d0 d1 r0 r1', read by the widget scripts to rebuild the same scale."""
        return " ".join(f"{v:.6g}" for v in (*self.domain, *self.range))

    def ticks(self, count=5):
        """Round values across the domain, about ``count`` steps apart (a 1-2-5 step)."""
        lo, hi = sorted(self.domain)
        step = nice_ceiling((hi - lo) / count)
        values = []
        k = math.ceil(lo / step - 1e-9)
        while k * step <= hi + 1e-9:
            values.append(round(k * step, 10))
            k += 1
        return values


def epoch_axis(epoch, least=10):
    """A loss chart's epoch axis: from 0 to the round number (1-2-5) at or above ``epoch``, at
    least ``least``, with a labelled tick every fifth of it: (end, [[epoch, label], …])."""
    end = nice_ceiling(max(epoch, least))
    return end, [[t, f"{t:,}"] for t in range(0, end + 1, end // 5)]


def decades(lo, hi, most, from_top=False):
    """The exponents from lo to hi that get a label on a log axis: every one while that makes at
    most ``most`` labels, else every other one, counted from lo (or from hi if ``from_top``)."""
    every = 1 if hi - lo < most else 2
    return [e for e in range(lo, hi + 1) if ((hi - e) if from_top else (e - lo)) % every == 0]
