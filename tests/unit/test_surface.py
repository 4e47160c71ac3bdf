"""The loss surface of the "see it in action" data and its filled contours (backprop.surface)."""

import math
import random
import time


import numpy as np
import pytest

from backprop import surface
from backprop.linear_data import ACTION_X, ACTION_Y
from backprop.neuron import mse

# loss(w, b) = q(w + 1, b − 5) with q(u, v) = (1/n)(Σx²·u² + 2Σx·uv + n·v²): the level set
# {loss < t} is an ellipse of area π·t/√det(A), A = (1/n)[[Σx², Σx], [Σx, n]] = [[55/6, 5/2], [5/2, 1]].
DET_A = 55 / 6 - 25 / 4


@pytest.fixture(scope="module")
def grid():
    return surface.loss_grid(101, 101)


@pytest.fixture(scope="module")
def levels(grid):
    return surface.thresholds(hi=max(grid["loss"]))


@pytest.fixture(scope="module")
def bands(grid, levels):
    return surface.contours(grid, levels)


def region_contains(multipolygon, point):
    """Even–odd test over every ring of a MultiPolygon (holes subtract)."""
    rings = [ring for polygon in multipolygon["coordinates"] for ring in polygon]
    return sum(surface.contains(ring, point) for ring in rings) % 2 == 1


def region_area(multipolygon):
    return sum(surface.area(ring) for polygon in multipolygon["coordinates"] for ring in polygon)


def test_grid_axes_span_weight_minus_5_to_5_and_bias_0_to_20():
    g = surface.loss_grid(101, 51)
    assert len(g["w"]) == 101 and len(g["b"]) == 51
    assert (g["w"][0], g["w"][-1], g["b"][0], g["b"][-1]) == (-5.0, 5.0, 0.0, 20.0)
    assert g["w"][40] == -1.0 and g["b"][25] == 10.0


def test_grid_matches_numpy_row_major_with_one_row_per_bias(grid):
    w, b = np.meshgrid(grid["w"], grid["b"])  # shape (n_b, n_w)
    x, y = np.array(ACTION_X), np.array(ACTION_Y)
    expected = np.mean((w[..., None] * x + b[..., None] - y) ** 2, axis=-1)
    np.testing.assert_allclose(np.array(grid["loss"]).reshape(101, 101), expected, rtol=1e-12, atol=1e-12)


def test_minimum_is_w_minus_1_b_5_loss_0_and_lowest_on_the_grid(grid):
    assert surface.minimum() == {"w": -1.0, "b": 5.0, "loss": 0.0}
    k = grid["loss"].index(min(grid["loss"]))
    assert (grid["w"][k % 101], grid["b"][k // 101], grid["loss"][k]) == (-1.0, 5.0, 0.0)


def test_thresholds_are_round_log_spaced_numbers_covering_the_grid(levels):
    assert levels == [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]
    assert surface.thresholds(0.01, 1, mantissas=(1,)) == [0.01, 0.1, 1]


def test_legend_names_every_band_from_below_the_first_threshold_to_above_the_last():
    labels = [band["label"] for band in surface.legend([0.1, 1, 10])]
    assert labels == ["loss < 0.1", "0.1–1", "1–10", "loss ≥ 10"]
    assert surface.legend([0.1, 1])[1] == {"lo": 0.1, "hi": 1, "label": "0.1–1"}


def test_contours_have_d3s_shape_one_multipolygon_per_threshold(bands, levels):
    assert [band["value"] for band in bands] == levels
    for band in bands:
        assert band["type"] == "MultiPolygon"
        for polygon in band["coordinates"]:
            for ring in polygon:
                assert len(ring) >= 4 and ring[0] == ring[-1]  # closed, GeoJSON-style


def test_outer_rings_turn_counter_clockwise_and_holes_clockwise(bands):
    for band in bands:
        for outer, *holes in band["coordinates"]:
            assert surface.area(outer) > 0
            assert all(surface.area(hole) < 0 for hole in holes)


def test_every_ring_stays_inside_the_grid_rectangle(bands):
    for band in bands:
        for polygon in band["coordinates"]:
            for ring in polygon:
                for w, b in ring:
                    assert -5 <= w <= 5 and 0 <= b <= 20


def test_below_the_lowest_thresholds_the_region_is_the_rectangle_minus_one_elliptic_hole(bands):
    for band in bands[:6]:  # t ≤ 5: the ellipse {loss < t} lies wholly inside the rectangle
        [[outer, hole]] = band["coordinates"]
        assert surface.area(outer) == pytest.approx(10 * 20, rel=1e-12)


@pytest.mark.parametrize("t, rel", [(1, 0.03), (5, 0.01)])
def test_hole_area_matches_the_exact_ellipse_area(grid, t, rel):
    [band] = surface.contours(grid, [t])
    [[_, hole]] = band["coordinates"]
    assert -surface.area(hole) == pytest.approx(math.pi * t / math.sqrt(DET_A), rel=rel)


def test_region_area_matches_the_area_of_grid_nodes_at_or_above_the_threshold(grid, bands):
    # each node stands for the area around it: a full cell inside, half on an edge, a quarter at a corner
    weight = [0.5 if k in (0, 100) else 1.0 for k in range(101)]
    cell = 0.1 * 0.2
    for band in bands[:-1]:  # the last band (loss ≥ 1000) is a corner of 0.001 square units
        counted = sum(weight[i] * weight[j] * cell
                      for j in range(101) for i in range(101)
                      if grid["loss"][j * 101 + i] >= band["value"])
        assert region_area(band) == pytest.approx(counted, rel=0.01, abs=0.1)


def test_sampled_points_are_inside_exactly_where_their_loss_reaches_the_threshold(bands):
    rng = random.Random(1)
    points = [(rng.uniform(-5, 5), rng.uniform(0, 20)) for _ in range(400)]
    checked = 0
    for band in bands:
        t = band["value"]
        for w, b in points:
            loss = mse(ACTION_X, ACTION_Y, w, b)
            if abs(loss - t) > 0.05 * t:  # away from the border, where the grid interpolates
                assert region_contains(band, (w, b)) == (loss >= t), (t, w, b, loss)
                checked += 1
    assert checked > 4000


def test_interior_grid_nodes_are_inside_exactly_when_their_loss_reaches_the_threshold(grid, bands):
    rng = random.Random(2)
    nodes = [(rng.randrange(1, 100), rng.randrange(1, 100)) for _ in range(300)]
    for band in bands:
        for i, j in nodes:
            value = grid["loss"][j * 101 + i]
            if value != band["value"]:
                assert region_contains(band, (grid["w"][i], grid["b"][j])) == (value >= band["value"])


def test_a_saddle_cell_follows_its_centre_value():
    # one cell, corners bl = tr = 1 above t = 0.5, br = tl = 0 below: centre 0.5 joins the 1s
    grid = {"w": [0.0, 1.0], "b": [0.0, 1.0], "loss": [1.0, 0.0, 0.0, 1.0]}
    [joined] = surface.contours(grid, [0.5])
    assert len(joined["coordinates"]) == 1
    [apart] = surface.contours(grid, [0.6])
    assert len(apart["coordinates"]) == 2


def test_a_hole_goes_to_the_smallest_ring_around_it():
    # a ring of high values, inside it a ring of low values, inside that one high peak
    n = 7
    values = [0.0] * (n * n)
    for j in range(1, 6):
        for i in range(1, 6):
            values[j * n + i] = 1.0
    for j in range(2, 5):
        for i in range(2, 5):
            values[j * n + i] = 0.0
    values[3 * n + 3] = 1.0
    grid = {"w": [float(i) for i in range(n)], "b": [float(j) for j in range(n)], "loss": values}
    [band] = surface.contours(grid, [0.5])
    polygons = sorted(band["coordinates"], key=lambda p: surface.area(p[0]))
    assert [len(p) for p in polygons] == [1, 2]  # the peak, then the frame with its hole
    assert region_contains(band, (3.0, 3.0)) and not region_contains(band, (2.0, 2.0))


def test_loss_surface_bundles_grid_minimum_legend_and_contours_quickly():
    start = time.perf_counter()
    figure = surface.loss_surface()
    elapsed = time.perf_counter() - start
    assert figure["minimum"]["w"] == -1.0 and figure["minimum"]["b"] == 5.0
    assert len(figure["legend"]) == len(figure["thresholds"]) + 1 == len(figure["contours"]) + 1
    assert len(figure["loss"]) == 101 * 101
    assert elapsed < 2.0  # about 0.05 s in CPython 3.11
