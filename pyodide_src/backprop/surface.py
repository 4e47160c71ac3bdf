"""The loss surface of the "see it in action" data (article 1.3 and 1.5), as filled contours.

loss(w, b) = (1/n) Σᵢ (w·xᵢ + b − yᵢ)² is sampled on a grid over weight w ∈ [−5, 5] and bias
b ∈ [0, 20]; marching squares then traces, for each threshold t, the region where loss ≥ t.
The output has the shape of d3-contour's ``contours()`` (a list of GeoJSON MultiPolygons with a
``value``), but in data coordinates (w, b), so the figure can be drawn at build time, no JavaScript.

Drawing the regions in increasing order of threshold, each over the previous, gives bands: the
colour of threshold tₖ shows tₖ ≤ loss < tₖ₊₁, and the unfilled background shows loss < t₀.
``legend`` names every band, so the figure says honestly what "white" means.
"""

import math

from .linear_data import ACTION_X, ACTION_Y
from .neuron import mse
from .wording import say

W_RANGE = (-5.0, 5.0)
B_RANGE = (0.0, 20.0)


def axis(lo, hi, n):
    """n evenly spaced values from lo to hi inclusive: lo + (hi − lo)·k/(n − 1)."""
    return [lo + (hi - lo) * k / (n - 1) for k in range(n)]


def loss_grid(n_w=101, n_b=101, xs=ACTION_X, ys=ACTION_Y, w_range=W_RANGE, b_range=B_RANGE):
    """The MSE at every grid node: {"w": [...], "b": [...], "loss": [...]}.

    "loss" is row-major with one row per bias, as d3.contours expects:
    loss[j·n_w + i] = loss(w[i], b[j]). With 101×101 nodes the steps are 0.1 in w and 0.2 in b,
    so the minimum (−1, 5) is a grid node.
    """
    ws = axis(*w_range, n_w)
    bs = axis(*b_range, n_b)
    return {"w": ws, "b": bs, "loss": [mse(xs, ys, w, b) for b in bs for w in ws]}


def minimum(xs=ACTION_X, ys=ACTION_Y):
    """The least-squares line, in closed form: w* = (nΣxy − ΣxΣy)/(nΣx² − (Σx)²), b* = (Σy − w*Σx)/n."""
    n = len(xs)
    sx, sy = sum(xs), sum(ys)
    sxx = sum(x * x for x in xs)
    sxy = sum(x * y for x, y in zip(xs, ys))
    w = (n * sxy - sx * sy) / (n * sxx - sx * sx)
    b = (sy - w * sx) / n
    return {"w": w, "b": b, "loss": mse(xs, ys, w, b)}


def thresholds(lo=0.1, hi=1000.0, mantissas=(1, 2, 5)):
    """Log-spaced round numbers m·10ᵏ in [lo, hi], m in mantissas: 0.1, 0.2, 0.5, 1, 2, 5, …"""
    out = []
    for k in range(math.floor(math.log10(lo)), math.ceil(math.log10(hi)) + 1):
        for m in mantissas:
            t = float(m * 10**k) if k >= 0 else m / 10**-k  # m/10: the float nearest m·0.1
            if lo <= t <= hi:
                out.append(t)
    return out


def legend(levels):
    """One entry per colour band: [{"lo", "hi", "label"}], from "loss < t₀" to "loss ≥ tₙ".

    Band k (k ≥ 1) is tₖ₋₁ ≤ loss < tₖ; lo is None for the first band, hi None for the last.
    """
    bounds = [None, *levels, None]
    bands = []
    for lo, hi in zip(bounds, bounds[1:]):
        if lo is None:
            label = say("band_below", value=f"{hi:g}")
        elif hi is None:
            label = say("band_above", value=f"{lo:g}")
        else:
            label = f"{lo:g}–{hi:g}"
        bands.append({"lo": lo, "hi": hi, "label": label})
    return bands


def contours(grid, levels):
    """For each threshold t: {"type": "MultiPolygon", "value": t, "coordinates": polygons}.

    polygons cover the part of the grid's rectangle where loss ≥ t (linearly interpolated between
    nodes). Each polygon is [outer ring, hole, hole, …]; each ring is a closed list of [w, b]
    (first point repeated last), outer rings counter-clockwise and holes clockwise in the (w, b)
    plane, as GeoJSON (RFC 7946) orders them.
    """
    return [
        {"type": "MultiPolygon", "value": t, "coordinates": _polygons(_rings(grid, t))}
        for t in levels
    ]


def loss_surface(n_w=101, n_b=101, levels=None, xs=ACTION_X, ys=ACTION_Y):
    """Everything the loss-surface figure needs: the grid, its minimum, contours and legend."""
    grid = loss_grid(n_w, n_b, xs, ys)
    if levels is None:
        levels = thresholds(hi=max(grid["loss"]))
    return {
        **grid,
        "minimum": minimum(xs, ys),
        "thresholds": levels,
        "legend": legend(levels),
        "contours": contours(grid, levels),
    }


# --- Marching squares ---------------------------------------------------------------------------
#
# The grid is padded with one ring of nodes that count as "below" the threshold, so every region
# is closed; a crossing between a real node and a padding node lies on the real node, which puts
# the region's border on the rectangle's edge. In each cell, corners are numbered counter-clockwise
# from bottom-left (0 bl, 1 br, 2 tr, 3 tl) and edge k runs from corner k to corner k + 1
# (0 bottom, 1 right, 2 top, 3 left). Each boundary segment runs from an edge where the walk around
# the cell leaves the region to one where it enters it, which keeps the region on the segment's
# left: outer rings come out counter-clockwise, holes clockwise. Every crossed edge is left by
# exactly one segment, so rings are assembled by following edge → next edge until back at start.


def _cell_segments(code, joined):
    """The segments (from edge, to edge) in a cell whose inside corners are the bits of code.

    For the two saddles (bl+tr or br+tl inside), joined says whether the cell's centre is inside:
    then the two inside corners are one region and each outside corner is cut off; otherwise
    each inside corner is cut off on its own.
    """
    inside = [(code >> k) & 1 for k in range(4)]
    if code in (5, 10):
        if joined:
            return [((o - 1) % 4, o) for o in range(4) if not inside[o]]
        return [(c, (c - 1) % 4) for c in range(4) if inside[c]]
    leave = next(k for k in range(4) if inside[k] and not inside[(k + 1) % 4])
    enter = next(k for k in range(4) if not inside[k] and inside[(k + 1) % 4])
    return [(leave, enter)]


_SEGMENTS = {
    (code, joined): _cell_segments(code, joined) for code in range(1, 15) for joined in (False, True)
}


def _rings(grid, t):
    """The closed boundary rings of {loss ≥ t}, each a list of (w, b) points (not repeated)."""
    ws, bs, values = grid["w"], grid["b"], grid["loss"]
    n_w, n_b = len(ws), len(bs)
    width = n_w + 2  # padded nodes per row; padded node (p, q) is real node (p − 1, q − 1)
    pad = [0] * width
    flags = [pad] + [
        [0] + [1 if v >= t else 0 for v in values[j * n_w:(j + 1) * n_w]] + [0] for j in range(n_b)
    ] + [pad]

    # An edge is a key: 2·(q·width + p) for the horizontal edge from padded node (p, q) to
    # (p + 1, q), plus 1 for the vertical edge from (p, q) to (p, q + 1).
    next_edge = {}
    for q in range(n_b + 1):
        lower, upper = flags[q], flags[q + 1]
        for p in range(n_w + 1):
            code = lower[p] | lower[p + 1] << 1 | upper[p + 1] << 2 | upper[p] << 3
            if code == 0 or code == 15:
                continue
            joined = False
            if code == 5 or code == 10:  # saddles only occur in real cells: ask the centre
                row, row_up = (q - 1) * n_w, q * n_w
                i = p - 1
                centre = (values[row + i] + values[row + i + 1]
                          + values[row_up + i] + values[row_up + i + 1]) / 4
                joined = centre >= t
            node = q * width + p
            edges = (2 * node, 2 * (node + 1) + 1, 2 * (node + width), 2 * node + 1)
            for start, end in _SEGMENTS[code, joined]:
                next_edge[edges[start]] = edges[end]

    def crossing(key):
        node, vertical = divmod(key, 2)
        q, p = divmod(node, width)
        i0, j0 = p - 1, q - 1
        i1, j1 = (i0, j0 + 1) if vertical else (i0 + 1, j0)
        if not (0 <= i0 < n_w and 0 <= j0 < n_b):
            return ws[i1], bs[j1]
        if not (0 <= i1 < n_w and 0 <= j1 < n_b):
            return ws[i0], bs[j0]
        v0, v1 = values[j0 * n_w + i0], values[j1 * n_w + i1]
        f = (t - v0) / (v1 - v0)
        return ws[i0] + f * (ws[i1] - ws[i0]), bs[j0] + f * (bs[j1] - bs[j0])

    rings = []
    while next_edge:
        start, key = next_edge.popitem()
        ring = [crossing(start)]
        while key != start:
            ring.append(crossing(key))
            key = next_edge.pop(key)
        rings.append(_simplify(ring))
    return rings


def _simplify(ring):
    """Drop repeated points, then middle points of straight runs along the rectangle's edges."""
    unique = [pt for k, pt in enumerate(ring) if pt != ring[k - 1]] or ring[:1]
    n = len(unique)
    kept = []
    for k in range(n):
        (x0, y0), (x, y), (x1, y1) = unique[k - 1], unique[k], unique[(k + 1) % n]
        if not (x0 == x == x1 or y0 == y == y1):
            kept.append(unique[k])
    return kept if len(kept) >= 3 else unique


def area(ring):
    """Signed area of a ring of (w, b) points (shoelace): positive when counter-clockwise."""
    n = len(ring)
    s = 0.0
    for k in range(n):
        (x0, y0), (x1, y1) = ring[k - 1], ring[k]
        s += x0 * y1 - x1 * y0
    return s / 2  # a repeated closing point adds a zero term


def contains(ring, point):
    """Whether point lies inside ring (even–odd ray casting; points on the border are undefined)."""
    x, y = point
    inside = False
    n = len(ring)
    for k in range(n):
        (x0, y0), (x1, y1) = ring[k - 1], ring[k]
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def _polygons(rings):
    """Group rings into [outer, holes…] polygons; each hole goes to the smallest outer ring around it."""
    outers, holes = [], []
    for ring in rings:
        (outers if area(ring) > 0 else holes).append(ring)
    polygons = [[outer] for outer in outers]
    sizes = [area(outer) for outer in outers]
    for hole in holes:
        around = [k for k, outer in enumerate(outers) if contains(outer, hole[0])]
        if around:  # always, for rings traced from one grid
            polygons[min(around, key=sizes.__getitem__)].append(hole)
    return [[[[x, y] for x, y in ring + ring[:1]] for ring in polygon] for polygon in polygons]
