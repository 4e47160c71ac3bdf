"""The three widgets on the loss surface: the static map, gradient descent by hand, and training."""

import copy
import json
import re

import numpy as np
import pytest

from backprop import api, linear_training as training
from backprop.linear_data import ACTION_X, ACTION_Y
from backprop.neuron import gradient, mse, step as neuron_step
from backprop.widgets import gradient_descent, linear_training, loss_surface

X, Y = np.array(ACTION_X), np.array(ACTION_Y)


def numpy_loss(w, b):
    return float(np.mean((w * X + b - Y) ** 2))


def numpy_gradient(w, b):
    e = w * X + b - Y
    return float(2 * np.mean(e * X)), float(2 * np.mean(e))


def number(text):
    """A number as the widgets print it (true minus sign, thousands commas) back to a float."""
    return float(text.replace("\u2212", "-").replace(",", ""))


class Page:
    """The linear-training script's side: one session, and the trail it holds, assembled from the
    pieces each answer brings (every answer through JSON, as in the browser). The ops are called
    on this file's module, whose SESSIONS the tests read (another test may import backprop
    afresh, which api.call would then use)."""

    def __init__(self, lr, session="page", epoch=0):
        self.session = session
        self.trail = {"stride": 0, "points": []}
        self.answer = self.take(linear_training.reset(session, lr, epoch))

    def take(self, answer):
        answer = json.loads(json.dumps(answer, allow_nan=False))
        piece = answer["trail"]
        if piece["replace"]:
            self.trail = {"stride": piece["stride"], "points": piece["points"]}
        else:
            self.trail["points"] += piece["points"]
        self.answer = answer
        return answer

    def train(self, epochs=1, budget_ms=0):
        have = [self.trail["stride"], len(self.trail["points"])]
        return self.take(linear_training.train(self.session, epochs, budget_ms, have))

    def run_until_stopped(self, epochs=100_000, budget_ms=0):
        calls = 0
        while self.answer["status"] == "running":
            self.train(epochs, budget_ms)
            calls += 1
            assert calls < 100_000
        return self.answer

    @property
    def state(self):
        """The run Python holds for this page."""
        return linear_training.SESSIONS[self.session]


@pytest.fixture(autouse=True)
def no_sessions():
    linear_training.SESSIONS.clear()
    yield
    linear_training.SESSIONS.clear()


# --- The loss-surface figure ------------------------------------------------------------------

def test_figure_has_one_colour_and_label_per_band_lightest_first():
    fig = loss_surface.figure()
    bands = fig["bands"]
    assert bands[0]["label"] == "loss < 0.1" and bands[0]["colour"] == "#ffffff"
    assert bands[-1]["label"].startswith("loss ≥ ")
    assert bands[0]["path"] == ""  # the background is the lowest band
    assert all(band["path"].startswith("M") for band in bands[1:])
    lightness = [sum(int(b["colour"][k:k + 2], 16) for k in (1, 3, 5)) for b in bands]
    assert lightness == sorted(lightness, reverse=True)  # a sequential scale: darker as loss grows
    assert len({b["colour"] for b in bands}) == len(bands)


def test_figure_marks_the_minimum_at_w_minus_1_b_5():
    fig = loss_surface.figure()
    assert (fig["minimum"]["w"], fig["minimum"]["b"], fig["minimum"]["loss"]) == (-1.0, 5.0, 0.0)
    assert fig["minimum"]["text"] == "minimum: w = \u22121, b = 5, loss = 0"
    assert (fig["w_range"], fig["b_range"]) == ([-5.0, 5.0], [0.0, 20.0])


def test_band_paths_are_the_contours_in_data_coordinates():
    """Band "10–20" is painted over the region loss ≥ 10: inside the map, its outline lies on
    loss = 10 (up to the grid's linear interpolation), in (w, b) units, not page units."""
    band = next(b for b in loss_surface.figure()["bands"] if b["label"] == "10–20")
    rings = [[tuple(map(float, p.split(","))) for p in ring.split("L")]
             for ring in re.findall(r"M([^Z]*)Z", band["path"])]
    inner = [p for ring in rings for p in ring if -5 < p[0] < 5 and 0 < p[1] < 20]
    assert len(inner) > 20
    assert all(numpy_loss(w, b) == pytest.approx(10, rel=0.02) for w, b in inner)


def test_colours_interpolate_the_ramp_end_to_end():
    assert loss_surface.colours(len(loss_surface.RAMP)) == list(loss_surface.RAMP)


# --- Gradient descent by hand -----------------------------------------------------------------

def test_gradient_descent_starts_at_the_original_point_with_numpy_numbers():
    state = api.call("gradient-descent.initial", {})
    assert (state["w"], state["b"], state["lr"]) == (-0.15, 2.0, 0.05)
    assert state["loss"] == pytest.approx(numpy_loss(-0.15, 2.0), rel=1e-12)
    assert state["gradient"] == pytest.approx(numpy_gradient(-0.15, 2.0), rel=1e-12)
    assert state["text"]["loss"] == f"{numpy_loss(-0.15, 2.0):.4f}"
    assert state["text"]["dloss_dw"] == "0.583" and state["text"]["dloss_db"] == "\u22121.750"


def test_a_step_is_neuron_step_and_its_parts_are_minus_lr_times_the_gradient():
    view = api.call("gradient-descent.step", {"w": -0.15, "b": 2.0, "lr": 0.05})
    assert (view["w"], view["b"]) == neuron_step(ACTION_X, ACTION_Y, -0.15, 2.0, 0.05)
    start = gradient_descent.evaluate(-0.15, 2.0, 0.05)
    dw, db = gradient(ACTION_X, ACTION_Y, -0.15, 2.0)
    assert number(start["text"]["delta_w"]) == pytest.approx(-0.05 * dw, abs=5e-4)
    assert number(start["text"]["delta_b"]) == pytest.approx(-0.05 * db, abs=5e-4)
    assert start["next"] == [view["w"], view["b"]]  # the landing circle is where the step lands
    assert view["loss"] < start["loss"]


def test_several_steps_at_once_equal_one_at_a_time():
    w, b = 3.0, 15.0
    for _ in range(3):
        w, b = neuron_step(ACTION_X, ACTION_Y, w, b, 0.05)
    view = gradient_descent.step(3.0, 15.0, 0.05, n=3)
    assert (view["w"], view["b"]) == (w, b)


def test_nudge_moves_by_a_tenth_without_float_noise_and_stays_on_the_map():
    assert gradient_descent.nudge(-0.15, 2.0, 0.05, dw=1)["w"] == -0.05
    assert gradient_descent.nudge(-0.15, 2.0, 0.05, db=10)["b"] == 3.0
    assert gradient_descent.nudge(4.95, 0.05, 0.05, dw=10, db=-1)[("w")] == 5.0
    assert gradient_descent.nudge(4.95, 0.05, 0.05, dw=10, db=-1)["b"] == 0.0


def test_place_rounds_to_hundredths_and_clamps_to_the_map():
    view = gradient_descent.place(1.23456, 25.0, 0.05)
    assert (view["w"], view["b"]) == (1.23, 20.0)


def test_the_minimum_is_flat_and_a_step_there_stays():
    view = gradient_descent.step(-1.0, 5.0, 0.05)
    assert (view["w"], view["b"]) == (-1.0, 5.0)
    assert view["flat"] and "minimum" in view["text"]["note"]


def test_too_large_a_rate_is_stopped_with_a_note_before_the_loss_explodes():
    w, b = 3.0, 15.0
    view = gradient_descent.step(w, b, 0.2, n=200)
    assert view["loss"] <= gradient_descent.MAX_LOSS
    assert "too large" in view["text"]["note"]
    json.dumps(view, allow_nan=False)


def test_the_step_readouts_are_the_slope_the_step_length_and_the_landing_loss():
    view = gradient_descent.evaluate(2.85, 15.0, 0.2)
    dw, db = numpy_gradient(2.85, 15.0)
    slope = float(np.hypot(dw, db))
    assert number(view["text"]["slope"]) == pytest.approx(slope, abs=5e-4)
    # The step the figure draws is −lr·∇loss: its length is lr × |∇loss|, the legend's words.
    assert number(view["text"]["step_length"]) == pytest.approx(0.2 * slope, abs=5e-5)
    assert number(view["text"]["step_length"]) == pytest.approx(
        float(np.hypot(number(view["text"]["delta_w"]), number(view["text"]["delta_b"]))), abs=2e-4)
    next_w, next_b = 2.85 - 0.2 * dw, 15.0 - 0.2 * db
    assert view["next_loss"] == pytest.approx(numpy_loss(next_w, next_b), rel=1e-12)
    assert view["text"]["next_loss"] == f"{numpy_loss(next_w, next_b):.4f}"


def test_a_landing_off_the_map_is_drawn_on_the_frame_with_the_value_it_lands_at():
    w, b, lr = 1.85, 2.0, 0.2  # on the right-hand wall, past the critical rate
    dw, db = numpy_gradient(w, b)
    next_w, next_b = w - lr * dw, b - lr * db  # −5.6, 0.35: past the map's left edge, w = −5
    assert next_w < -5 and 0 <= next_b <= 20
    view = gradient_descent.evaluate(w, b, lr)
    assert view["point_off_map"] is None
    landing = view["landing_off_map"]
    assert landing["edge"] == [-5.0, pytest.approx(next_b, rel=1e-12)]  # the nearest place on the frame
    assert landing["out"] == [-1, 0]  # beyond the left edge, within the bias range
    assert landing["text"] == f"lands at w = {next_w:.1f}, off the map".replace("-", "\u2212")
    assert view["text"]["note"] == ""
    json.dumps(view, allow_nan=False)


def test_a_point_that_stepped_off_the_map_stands_on_the_frame_and_the_note_says_how_back():
    view = gradient_descent.step(1.85, 2.0, 0.2)
    assert view["w"] < -5
    assert view["point_off_map"]["edge"] == [-5.0, view["b"]]
    assert view["point_off_map"]["text"] == f"w = {view['w']:.1f}, off the map".replace("-", "\u2212")
    assert view["text"]["point"].endswith(", off the map")
    assert "Step back" in view["text"]["note"] and "Reset" in view["text"]["note"]


def test_a_point_off_the_map_past_a_corner_names_both_coordinates():
    off = gradient_descent.off_map(50.894, 26.557)
    assert off == {"edge": [5.0, 20.0], "out": [1, 1], "text": "w = 50.9, b = 26.6, off the map"}
    assert gradient_descent.off_map(6.0, -0.3)["out"] == [1, -1]
    assert gradient_descent.off_map(-5.0, 20.0) is None  # the frame itself is on the map


def test_a_value_just_past_the_edge_never_prints_as_the_edge_itself():
    assert gradient_descent.off_map(-5.04, 3.0)["text"] == "w = \u22125.04, off the map"
    assert gradient_descent.off_map(1.0, 20.003)["text"] == "b = 20.003, off the map"


# --- Training ---------------------------------------------------------------------------------

def test_training_starts_at_w_0_b_0_with_loss_55_over_6():
    view = api.call("linear-training.initial", {})
    assert view["state"]["w"] == 0.0 and view["state"]["b"] == 0.0 and view["state"]["epoch"] == 0
    assert view["state"]["lr"] == 0.03
    assert view["state"]["loss"] == pytest.approx(55 / 6, rel=1e-15)
    assert view["text"] == {"epoch": "0", "equation": "0.00\u00b7x + 0.00", "loss": "9.166667", "message": ""}
    assert view["status"] == "running"
    assert view["line"] == [[0.0, 0.0], [5.0, 0.0]]
    assert [s["key"] for s in view["speeds"] if s["selected"]] == ["normal"]
    json.dumps(view, allow_nan=False)


def test_train_equals_the_trainer_and_the_page_holds_the_whole_trail():
    page = Page(0.03)
    for n in (1, 7, 13):
        answer = page.train(n)
    assert page.state == training.step(training.start(0.03), 21)
    assert answer["trail"]["points"] == [list(p) for p in page.state.trail[9:]]  # epochs 9 to 21 only
    assert page.trail["points"] == [list(p) for p in page.state.trail]
    assert (answer["w"], answer["b"], answer["epoch"], answer["lr"]) == (
        page.state.w, page.state.b, 21, 0.03)
    assert page.state.loss == pytest.approx(mse(ACTION_X, ACTION_Y, answer["w"], answer["b"]))


def test_lr_0_03_reaches_w_minus_1_b_5_and_stops_by_itself():
    page = Page(0.03)
    answer = page.run_until_stopped(epochs=1)
    assert answer["status"] == "converged"
    assert answer["text"]["equation"] == "\u22121.00\u00b7x + 5.00"
    assert number(answer["text"]["loss"]) < 0.001
    assert page.state.loss < linear_training.TOLERANCE
    assert answer["text"]["message"].startswith(f"Converged after {answer['epoch']} epochs")


def test_where_training_stops_does_not_depend_on_how_epochs_are_batched():
    one_by_one = Page(0.03, "one")
    one_by_one.run_until_stopped(epochs=1)
    batched = Page(0.03, "batched")
    batched.run_until_stopped(epochs=100)
    timed = Page(0.03, "timed")
    timed.run_until_stopped(epochs=100_000, budget_ms=1)
    assert one_by_one.state == batched.state == timed.state
    assert one_by_one.trail == batched.trail == timed.trail
    # The first epoch below the tolerance, no later:
    previous = training.step(training.start(0.03), one_by_one.state.epoch - 1)
    assert previous.loss >= linear_training.TOLERANCE


def test_a_learning_rate_past_the_critical_one_diverges_and_says_so():
    assert training.critical_lr() < 0.11
    page = Page(0.11)
    answer = page.run_until_stopped()
    assert answer["status"] == "diverged"
    message = answer["text"]["message"]
    assert message.startswith(f"Diverged after {answer['epoch']} epochs")
    assert "0.11 is too large" in message and f"{training.critical_lr():.3f}" in message
    # Nothing moves any more, and a reset recovers.
    stopped = page.state
    assert page.train(10)["epoch"] == answer["epoch"] and page.state == stopped
    assert Page(0.11).answer["status"] == "running"


def test_the_loss_chart_axis_covers_every_loss_so_far():
    page = Page(0.11)
    answer = page.run_until_stopped()
    lo, hi = answer["chart"]["exponents"]
    assert 10.0 ** hi >= max(p[3] for p in page.trail["points"])
    assert lo == -7 and answer["chart"]["tolerance"][0] == -6
    assert answer["chart"]["epochs"][1] >= answer["epoch"]


@pytest.mark.parametrize("lr, epochs", [(0.03, 100), (0.03, 100_000), (0.11, 100_000), (0.001, 5000)])
def test_a_reset_to_an_epoch_replays_the_very_run_the_page_showed(lr, epochs):
    """After a worker restart the page asks for its run again by learning rate and epoch."""
    played = Page(lr, "played")
    for _ in range(epochs // 1000 or 1):
        played.train(min(epochs, 1000))
    replayed = Page(lr, "replayed", epoch=played.answer["epoch"])
    assert replayed.state == played.state
    assert replayed.answer == {**played.answer, "trail": replayed.answer["trail"]}
    assert replayed.trail == played.trail


@pytest.mark.parametrize("lr, before", [(0.03, 0), (0.03, 250), (0.11, 40)])
def test_training_a_run_python_lacks_replays_the_run_the_page_shows_then_trains_on(lr, before):
    """A page opens no session until its reader first trains (epoch 0 is drawn at build time),
    and a restarted Python has forgotten the run: each train call names the run the page shows,
    and Python replays it first. The page then sees what an unbroken run would have shown."""
    unbroken = Page(lr, "unbroken")
    if before:
        unbroken.train(before)
    page = copy.deepcopy(unbroken)
    page.session = "never-opened"
    shown = {"lr": page.answer["lr"], "epoch": page.answer["epoch"]}
    have = [page.trail["stride"], len(page.trail["points"])]
    assert "never-opened" not in linear_training.SESSIONS
    page.take(linear_training.train("never-opened", 7, 0, have, shown))
    unbroken.train(7)
    assert page.state == unbroken.state
    assert page.trail == unbroken.trail
    assert page.answer == {**unbroken.answer, "trail": page.answer["trail"]}
    # Once open, the session goes on from where it is; what the page shows is not replayed again.
    page.take(linear_training.train("never-opened", 1, 0, None, {"lr": lr, "epoch": 0}))
    assert page.answer["epoch"] == unbroken.train(1)["epoch"] > 0


def test_sessions_are_separate_and_an_unknown_one_is_refused():
    first, second = Page(0.03, "first"), Page(0.1, "second")
    first.train(5)
    assert (first.state.epoch, second.state.epoch) == (5, 0) and second.state.lr == 0.1
    with pytest.raises(KeyError, match="reset it first"):
        linear_training.train("nobody")


def test_reset_refuses_a_learning_rate_or_an_epoch_it_could_not_have_given():
    with pytest.raises(ValueError, match="lr must be a number above 0"):
        linear_training.reset("page", 0)
    with pytest.raises(ValueError, match="epoch must be a whole number"):
        linear_training.reset("page", 0.03, epoch=-1)


def test_directive_options_are_checked():
    with pytest.raises(ValueError, match="speed"):
        linear_training.initial(speed="warp")
    with pytest.raises(ValueError, match="lr must be a number above 0"):
        gradient_descent.initial(lr=0)
    assert [s["key"] for s in linear_training.initial(speed="slow")["speeds"] if s["selected"]] == ["slow"]


def test_a_long_run_keeps_a_bounded_trail_and_the_page_follows_its_thinning():
    page = Page(0.001)
    answer = page.run_until_stopped(epochs=5000)
    assert answer["status"] == "converged"
    assert len(page.state.trail) <= 512 and page.state.trail_stride > 1
    assert page.trail == {"stride": page.state.trail_stride,
                          "points": [list(p) for p in page.state.trail]}
    assert answer["text"]["epoch"] == f"{answer['epoch']:,}"


def test_gradient_descent_refuses_a_starting_point_off_the_map():
    from backprop.widgets import gradient_descent

    with pytest.raises(ValueError, match="w must be a number from -5 to 5"):
        gradient_descent.initial(w=10, b=3)
    with pytest.raises(ValueError, match="b must be a number from 0 to 20"):
        gradient_descent.initial(w=1, b=30)
