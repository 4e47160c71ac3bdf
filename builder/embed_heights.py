"""How tall an embedded widget's iframe must be when no script sizes it, from measured heights.

Many course sites strip the ``<script>`` of a pasted snippet, and then nothing but the snippet's
own markup sets the iframe's height. There is no browser at build time to lay a widget out, so the
heights come from a table measured in Chromium (embed_heights.json: each built-in widget's embed
page at iframe widths from 280 to 1400 px, the taller of its state before Python and once live),
which tests/e2e/test_embed_heights.py keeps fresh and can write again.

A widget's height depends on the width it is given, and not simply: narrow, its parts stack and
its text wraps; wide, its plots grow with the width; in between its layout switches. The snippet
(static/js/embed-code.js) therefore carries, in layers that each survive a stricter host:

- ``height`` as an attribute, and first in its style: the tallest the widget gets at widths from
  320 to 1280 px, which shows all of it wherever the iframe is that wide;
- then, in the style, the height as a function of the iframe's width: ``100cqw`` is the width of
  the wrapper ``<div style="container-type:inline-size">``, the column the iframe fills. The
  measured heights are cut into runs that one straight line covers closely, each line raised to
  lie on or above every height of its run plus a margin (other systems' fonts and titles), and
  each kept to its run's widths by two steep ramps: ``max(min(line, ramps), …)``. Between the
  last width of one run and the first of the next, where the layout jumps, both apply and the
  taller wins.

A browser without container units, or a host that drops the declaration, keeps the plain height;
one that keeps the style but drops the wrapper's container-type measures the window's width
instead of the column's, right for a page without a side menu. host.js, where it runs, then sets
the exact height as before.
"""

import functools
import json
import math
from pathlib import Path

TABLE = Path(__file__).with_name("embed_heights.json")
SAFE_RANGE = (320, 1280)  # the widths the plain height is sure to cover
MARGIN = (1.03, 12)  # measured height × 1.03 + 12 px: fonts and titles other than the measured
CLOSE = (0.04, 24)  # a run's line may exceed its heights by 4 % (or 24 px) at most
RAMP = 1000  # px of height per px of width: a run's line ends within 4 px of the next run's width
UNMEASURED_HEIGHT = 480  # an article's own widget: not in the table; host.js sizes it


@functools.cache
def table():
    return json.loads(TABLE.read_text(encoding="utf-8"))


def snippet_heights():
    """{"widgets": {name: {"height": px, "css": a CSS height}}, "unmeasured": px}, for the
    article page's "Copy embed code" (static/js/embed-code.js)."""
    widths = table()["widths"]
    return {"widgets": {name: {"height": plain_height(widths, heights),
                               "css": css_height(widths, heights)}
                        for name, heights in sorted(table()["heights"].items())},
            "unmeasured": UNMEASURED_HEIGHT}


def needed(heights):
    """The heights the iframe must give, with the margin."""
    scale, extra = MARGIN
    return [height * scale + extra for height in heights]


def plain_height(widths, heights):
    lo, hi = SAFE_RANGE
    return math.ceil(max(h for w, h in zip(widths, needed(heights)) if lo <= w <= hi))


def runs(widths, heights):
    """[(first, last, intercept, slope)]: the samples first…last (indices) each covered by the
    line intercept + slope·width, which is ≥ every needed height of its run and close to it."""
    targets = needed(heights)
    found, first = [], 0
    while first < len(widths):
        last = first
        best = _covering_line(widths, targets, first, first)
        while last + 1 < len(widths):
            line = _covering_line(widths, targets, first, last + 1)
            if not _close(widths, targets, first, last + 1, line):
                break
            last, best = last + 1, line
        found.append((first, last, *best))
        first = last + 1
    return found


def _covering_line(widths, targets, first, last):
    """The least-squares line through the run, its slope rounded (to 0.01 cqw) and then raised,
    intercept rounded up to a whole px, until no height of the run lies above it."""
    xs, ys = widths[first:last + 1], targets[first:last + 1]
    n = len(xs)
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    spread = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / spread if spread else 0.0
    slope = round(slope, 4)
    return math.ceil(max(y - slope * x for x, y in zip(xs, ys))), slope


def _close(widths, targets, first, last, line):
    intercept, slope = line
    share, least = CLOSE
    return all(intercept + slope * x - y <= max(least, share * y)
               for x, y in zip(widths[first:last + 1], targets[first:last + 1]))


def css_height(widths, heights):
    """The CSS height, a function of 100cqw (the wrapper's width)."""
    found = runs(widths, heights)
    terms = []
    for first, last, intercept, slope in found:
        parts = [_line(intercept, slope)]
        if last + 1 < len(widths):  # ends just short of the next run's first width
            parts.append(f"({widths[last + 1] - 1}px - 100cqw) * {RAMP}")
        if first > 0:  # starts just past the previous run's last width
            parts.append(f"(100cqw - {widths[first - 1] + 1}px) * {RAMP}")
        terms.append(parts[0] if len(parts) == 1 else f"min({', '.join(parts)})")
    return f"max({', '.join(terms)})"  # one term or several: max() makes either a CSS length


def _line(intercept, slope):
    per_cqw = round(slope * 100, 2)  # 1cqw is a hundredth of the width
    if per_cqw == 0:
        return f"{intercept}px"
    sign = "-" if per_cqw < 0 else "+"
    return f"{intercept}px {sign} {abs(per_cqw):g}cqw"
