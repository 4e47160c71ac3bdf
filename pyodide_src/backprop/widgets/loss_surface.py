"""The loss surface (article 1.3): the MSE of the "see it in action" data over (w, b), as a map.

Everything here runs once, at build time: the figure is a static picture, and the two widgets that
draw on top of it (gradient descent, linear training) reuse figure() for their background.

The colours come from ColorBrewer's YlGnBu, a sequential scheme that stays readable for the common
kinds of colour blindness and in greyscale print, because its lightness falls steadily from one end
to the other. We start it at white, so the lowest band (around the minimum) is the lightest.
"""

import functools

from backprop import surface
from backprop.linear_data import ACTION_X
from backprop.settings import Settings
from backprop.views.numbers import signed
from backprop import wording
from backprop.wording import say

# YlGnBu's nine classes, light to dark, after a white start for the band that holds the minimum.
RAMP = ("#ffffff", "#ffffd9", "#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8",
        "#253494", "#081d58")

SETTINGS = Settings()  # no options: the data and the ranges are the article's


@SETTINGS.checked_options
def initial():
    """The figure as the page shows it."""
    return {"surface": figure()}


def figure():
    """The figure in the article's current wording (backprop.wording)."""
    return _figure(wording.version())


@functools.lru_cache(maxsize=1)
def _figure(_wording_version):
    """Bands, legend and minimum of the loss surface, shared by every figure that draws it.

    Band 0 (loss below the first threshold) is the plot's background; band k ≥ 1 is the region
    loss ≥ tₖ₋₁, painted over the previous ones, so what shows is tₖ₋₁ ≤ loss < tₖ. Its outline
    is an SVG path in data coordinates (w, b); the template maps it to the page with one transform.
    """
    data = surface.loss_surface()
    levels = data["thresholds"]
    legend = data["legend"]
    fills = colours(len(legend))
    paths = [""] + [path(c["coordinates"]) for c in data["contours"]]
    bands = [{"label": entry["label"], "colour": colour, "path": d}
             for entry, colour, d in zip(legend, fills, paths)]
    low = data["minimum"]
    w_range = [data["w"][0], data["w"][-1]]
    b_range = [data["b"][0], data["b"][-1]]
    return {
        "w_range": w_range,
        "b_range": b_range,
        "bands": bands,
        "minimum": {**low, "text": say("ls_minimum", w=signed(low["w"], 0), b=signed(low["b"], 0),
                                       loss=f"{low['loss']:g}")},
        "description": say(
            "ls_description", n=len(ACTION_X), w_low=signed(w_range[0], 0),
            w_high=signed(w_range[1], 0), b_low=signed(b_range[0], 0),
            b_high=signed(b_range[1], 0), lowest=f"{levels[0]:g}", highest=f"{levels[-1]:g}",
            loss=f"{low['loss']:g}", w=signed(low["w"], 0), b=signed(low["b"], 0)),
    }


def colours(n):
    """n colours evenly spaced along RAMP (linear interpolation in sRGB), lightest first."""
    out = []
    for k in range(n):
        t = k * (len(RAMP) - 1) / (n - 1)
        i = min(int(t), len(RAMP) - 2)
        f = t - i
        a, b = _rgb(RAMP[i]), _rgb(RAMP[i + 1])
        out.append("#" + "".join(f"{round(u + f * (v - u)):02x}" for u, v in zip(a, b)))
    return out


def _rgb(hex_colour):
    return [int(hex_colour[k:k + 2], 16) for k in (1, 3, 5)]


def path(multipolygon):
    """SVG path data for GeoJSON polygon rings: one closed subpath per ring, 3 decimals."""
    parts = []
    for polygon in multipolygon:
        for ring in polygon:
            points = ring[:-1]  # GeoJSON repeats the first point; "Z" closes the ring instead
            parts.append("M" + "L".join(f"{_short(w)},{_short(b)}" for w, b in points) + "Z")
    return "".join(parts)


def _short(value):
    """A coordinate with at most 3 decimals (a thousandth of a unit is far below a pixel)."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


OPS = {"initial": initial}
