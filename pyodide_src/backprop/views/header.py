"""The article's header figure: gradient descent zigzagging down the loss valley of article 1.5.

The picture is the loss of one linear neuron on the six points of "See it in action" (x = 0 … 5,
y = 5 − x), drawn as contour lines, with the path full-batch gradient descent takes across it
from w = 4, b = 19 at a learning rate just under the critical one (about 0.1013, see
linear_training.critical_lr): each step overshoots the narrow valley and lands on the far wall, a
little lower each time, while the run creeps along the valley floor towards the minimum at
w = −1, b = 5. It is the article in one picture, and every line in it is computed by the code
the figures use (surface.loss_grid and surface.contours; linear_training.step), at build time.

The banner is the (w, b) plane with the bias b across, decreasing to the right so that the run
reads left to right, and the weight w up, in user units of a WIDTH × HEIGHT viewBox.
"""

import functools

from backprop import linear_training, surface
from backprop.views.axes import Scale
from backprop import wording
from backprop.wording import say

WIDTH, HEIGHT = 1200, 280
B_SPAN = (20.0, 0.0)  # b at the left and right edges: the start near the left, the minimum at 3/4
W_SPAN = (-13.0, 5.5)  # w at the bottom and top edges: the whole zigzag, the valley in the middle
GRID = (181, 101)  # nodes along w and b: every line within 4 % of its level, in about 0.2 s
LR = 0.095  # just under the critical rate: a zigzag that still converges
START = (4.0, 19.0)  # (w, b) up on the valley's wall
EPOCHS = 60
DOT_SPACING = 9.0  # a step shorter than this (user units) gets no dot of its own: no blot at the end


def header_figure():
    """The header's picture in the article's current wording (backprop.wording)."""
    return _header_figure(wording.version())


@functools.lru_cache(maxsize=1)
def _header_figure(_wording_version):
    """What the template draws: {"width", "height", "contours": [{"d", "level", "tone",
    "opacity"}], "path" (the run's polyline), "dots", "minimum", "title"}."""
    art = banner()
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "contours": [{"d": _path_data(line["rings"]), "level": line["level"], "tone": line["tone"],
                      "opacity": line["opacity"]} for line in art["contours"]],
        "path": " ".join(f"{px:.1f},{py:.1f}" for px, py in art["run"]),
        "dots": [(round(px, 1), round(py, 1)) for px, py in art["dots"]],
        "minimum": tuple(round(v, 1) for v in art["minimum"]),
        "title": title(),
    }


@functools.lru_cache(maxsize=1)
def banner():
    """The picture in banner units (x across, y down), unrounded: {"contours": [{"rings": [[(x,
    y), …], …], "level", "tone", "opacity"}], "run", "dots", "minimum"}. The page's SVG
    (header_figure) and the link preview's PNG (builder/preview_image.py) are both drawn from it."""
    x = Scale(B_SPAN, (0, WIDTH))
    y = Scale(W_SPAN, (HEIGHT, 0))
    levels = contour_levels()
    grid = surface.loss_grid(*GRID, w_range=_padded(W_SPAN), b_range=_padded(B_SPAN))
    contours = [
        {"rings": [[(x(b), y(w)) for w, b in ring[:-1]] for polygon in c["coordinates"]
                   for ring in polygon],
         "level": c["value"], "tone": 3 - 4 * k // len(levels),
         "opacity": round(0.95 - 0.6 * k / len(levels), 2)}
        for k, c in enumerate(surface.contours(grid, levels)) if c["coordinates"]
    ]
    run = [(x(b), y(w)) for w, b in descent_run()]
    low = surface.minimum()
    return {"contours": contours, "run": run, "dots": _spaced(run),
            "minimum": (x(low["b"]), y(low["w"]))}


def title():
    """What the picture shows, in a sentence (its SVG <title>, the preview image's alt text)."""
    return say("header_title", lr=f"{LR:g}", epochs=EPOCHS, w=f"{START[0]:g}", b=f"{START[1]:g}")


def contour_levels():
    """Loss values of the lines: 0.8·1.6ᵏ, from near the minimum up to the banner's corners.
    (Lower lines would be rings a grid cell or two across: drawn, but not true to their level.)"""
    return [0.8 * 1.6**k for k in range(16)]


def descent_run():
    """(w, b) at epochs 0 … EPOCHS of full-batch gradient descent, as linear_training runs it."""
    state = linear_training.start(LR, w=START[0], b=START[1], max_trail=EPOCHS + 1)
    state = linear_training.step(state, EPOCHS)
    return [(w, b) for _, w, b, _ in state.trail]


def _padded(span, margin=0.5):
    """The span, ordered and widened a little: a line's end is then outside the banner, and the
    border that surface.contours draws along the grid's edge is never seen."""
    lo, hi = sorted(span)
    return lo - margin, hi + margin


def _path_data(rings):
    """SVG path data of every ring, in banner units with one decimal (a tenth of a unit is well
    under a pixel at any width the page gives the banner)."""
    return "".join("M" + "L".join(f"{px:.1f},{py:.1f}" for px, py in ring) + "Z" for ring in rings)


def _spaced(points):
    """The points at least DOT_SPACING from the last one kept."""
    kept = [points[0]]
    for px, py in points[1:]:
        if ((px - kept[-1][0]) ** 2 + (py - kept[-1][1]) ** 2) ** 0.5 >= DOT_SPACING:
            kept.append((px, py))
    return kept
