"""The claims of the article's first part about what the reader will see in its figures (gradient
descent on the loss surface, training the neuron) and the size of the network it ends with, run
with the code the figures run. Each test checks the numbers and that the section quotes them.

The concrete example's numbers are checked in test_concrete_example_widget.py, and the training
widget's 385 epochs and critical learning rate in test_linear_training.py; here are the rest.
"""

import pytest

from backprop import linear_training as training
from backprop.mlp import MLP
from backprop.widgets import gradient_descent, loss_surface
from backprop.widgets.linear_training import TOLERANCE
from tests.article_prose import section

MINUS = "\u2212"


def says(prefix, *phrases):
    text = section(prefix)
    for phrase in phrases:
        assert phrase in text, phrase


def test_the_derivative_example_3_01_squared_is_9_0601_nearly_9_plus_6_times_0_01():
    assert round(3.01 ** 2, 10) == 9.0601 and 9.0601 - 9 == pytest.approx(6 * 0.01, abs=2e-4)
    says("03", "$3.01$ raises $f$ from $9$ to $9.0601$")


def test_the_loss_map_runs_from_zero_to_over_a_thousand_on_a_tenfold_every_three_bands_scale():
    figure = loss_surface.figure()
    (w_low, w_high), (b_low, b_high) = figure["w_range"], figure["b_range"]
    corners = [gradient_descent.evaluate(w, b, 0.05)["loss"] for w in (w_low, w_high)
               for b in (b_low, b_high)]
    assert max(corners) > 1000 and gradient_descent.evaluate(-1.0, 5.0, 0.05)["loss"] == 0
    labels = [band["label"] for band in figure["bands"]]
    bounds = [float(label.split("\u2013")[0]) for label in labels[1:-1]]
    assert all(later == pytest.approx(10 * earlier) for earlier, later in zip(bounds, bounds[3:]))
    says("03", "from zero to over a thousand", "tenfold every three bands")


def test_steps_from_the_start_are_short_0_09_and_shrinking():
    w, b, lengths = -0.15, 2.0, []
    for _ in range(4):
        view = gradient_descent.evaluate(w, b, 0.05)
        lengths.append(float(view["text"]["step_length"]))
        w, b = view["next"]
    assert f"{lengths[0]:.2f}" == "0.09"
    assert all(later < earlier for earlier, later in zip(lengths, lengths[1:]))
    says("03", "$w = -0.15$", "the steps are short: 0.09 and shrinking")


def test_from_the_wall_at_w_3_b_15_one_stride_takes_the_loss_from_446_7_to_20_4_then_it_creeps():
    view = gradient_descent.evaluate(3.0, 15.0, 0.05)
    assert (f"{view['loss']:.1f}", f"{view['next_loss']:.1f}") == ("446.7", "20.4")
    stride = float(view["text"]["step_length"])
    w, b = view["next"]
    for _ in range(5):  # along the floor: steps a twentieth of the stride, the loss still falling
        after = gradient_descent.evaluate(w, b, 0.05)
        assert float(after["text"]["step_length"]) < stride / 20
        assert after["next_loss"] < after["loss"]
        w, b = after["next"]
    says("03", "at $w = 3$, $b = 15$ say", "the loss falls from 446.7 to 20.4",
         "creeps along the floor")


def test_at_lr_0_2_the_step_from_that_wall_lands_off_the_map_at_w_minus_21_7_eight_times_higher():
    view = gradient_descent.evaluate(3.0, 15.0, 0.2)
    assert view["landing_off_map"]["text"] == f"lands at w = {MINUS}21.7, off the map"
    assert f"{view['next_loss']:.1f}" == "3712.5" and round(view["next_loss"] / view["loss"]) == 8
    says("03", "Set the learning rate to $0.2$", "lands off the map, at $w = -21.7$",
         "the loss is 3712.5, eight times higher")


def test_the_gradient_descent_text_says_what_the_figure_draws():
    # The figure draws the gradient at one length and the step to scale (its legend, in
    # builder/templates/widgets/gradient_descent.html); the text must not promise a longer arrow.
    says("03", "draws the gradient at one fixed length", "the step to scale",
         "the steeper the ground, the longer the step")
    assert "the longer the arrow" not in section("03")


def first_epoch(lr, condition, limit):
    state = training.start(lr)
    for epoch in range(1, limit + 1):
        state = training.step(state)
        if condition(state):
            return epoch, state
    return None, state


def test_the_weight_first_goes_up_then_turns_around():
    weights = [training.step(training.start(0.03), n).w for n in range(1, 8)]
    assert 0 < weights[0] < weights[1] < weights[2] and weights[-1] < weights[2]
    says("06", "In the first few epochs the weight goes *up*", "the weight turns around")


def test_at_lr_0_03_training_stops_below_one_millionth_at_epoch_444():
    assert first_epoch(0.03, lambda s: s.loss < TOLERANCE, 1000)[0] == 444
    says("06", "By epoch 385", "below one millionth, at epoch 444")


def test_at_lr_0_001_training_takes_more_than_13000_epochs():
    epoch = first_epoch(0.001, lambda s: s.loss < TOLERANCE, 20_000)[0]
    assert 13_000 < epoch < 14_000
    says("06", "With $0.001$ the steps are tiny and training takes more than 13,000 epochs")


def test_at_lr_0_1_the_point_zig_zags_and_arrives_and_at_0_11_it_passes_a_million_in_43_epochs():
    weights = [training.step(training.start(0.1), n).w for n in range(1, 10)]
    moves = [later > earlier for earlier, later in zip(weights, weights[1:])]
    assert all(a != b for a, b in zip(moves, moves[1:]))  # back and forth across the valley
    assert first_epoch(0.1, lambda s: s.loss < TOLERANCE, 5000)[0] is not None
    epoch, state = first_epoch(0.11, lambda s: s.diverged, 1000)
    assert epoch == 43 and state.loss > 1e6  # "within a few dozen epochs"
    assert f"{training.critical_lr():.3f}" == "0.101"
    says("06", "With $0.1$ the point zig-zags", "With $0.11$ they grow instead",
         "within a few dozen epochs the loss passes a million", "about $0.101$")


@pytest.mark.parametrize("prefix", ["02-reflection", "07", "10"])
def test_the_network_of_the_second_part_has_169_parameters(prefix):
    net = MLP.random([1, 8, 8, 8, 1])
    count = sum(len(w_j) for W in net.weights for w_j in W) + sum(map(len, net.biases))
    assert count == 169
    says(prefix, "169")
