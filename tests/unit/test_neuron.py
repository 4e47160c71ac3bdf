"""One linear neuron with the MSE loss (backprop.neuron) and its data sets (backprop.linear_data)."""

from decimal import Decimal


import numpy as np
import pytest

from backprop import linear_data as data
from backprop import neuron


def central_difference(f, v, h=1e-6):
    return (f(v + h) - f(v - h)) / (2 * h)


def test_manual_tuning_x_are_the_exact_decimals_from_minus_one_to_one():
    assert len(data.MANUAL_X) == 21
    assert [repr(x) for x in data.MANUAL_X] == [
        "-1.0", "-0.9", "-0.8", "-0.7", "-0.6", "-0.5", "-0.4", "-0.3", "-0.2", "-0.1", "0.0",
        "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1.0"]


def test_manual_tuning_y_lie_on_the_line_and_are_the_nearest_floats_to_their_decimals():
    for x, y in zip(data.MANUAL_X, data.MANUAL_Y):
        assert Decimal(repr(y)) == Decimal("0.65") * Decimal(repr(x)) - Decimal("0.3")


def test_see_it_in_action_data_is_the_line_five_minus_x():
    assert data.ACTION_X == (0, 1, 2, 3, 4, 5)
    assert data.ACTION_Y == tuple(5 - x for x in data.ACTION_X)


def test_predict_is_w_times_x_plus_b():
    assert neuron.predict([0.0, 1.0, 2.0], 2.0, 0.5) == [0.5, 2.5, 4.5]


def test_mse_at_the_manual_tuning_start_is_0_8707300():
    w, b = data.MANUAL_START
    assert f"{neuron.mse(data.MANUAL_X, data.MANUAL_Y, w, b):.7f}" == "0.8707300"


def test_mse_is_the_mean_not_half_the_mean_of_squared_errors():
    assert neuron.mse([0.0, 1.0], [1.0, 3.0], 0.0, 0.0) == (1 + 9) / 2


def test_mse_is_zero_at_each_data_sets_optimum():
    assert neuron.mse(data.MANUAL_X, data.MANUAL_Y, *data.MANUAL_OPTIMUM) < 1e-30
    assert neuron.mse(data.ACTION_X, data.ACTION_Y, *data.ACTION_OPTIMUM) == 0


def test_mse_matches_numpy_on_the_manual_tuning_data():
    x, y = np.array(data.MANUAL_X), np.array(data.MANUAL_Y)
    for w, b in [(-0.82, -0.02), (0.3, 0.9), (1.0, -1.0)]:
        assert neuron.mse(data.MANUAL_X, data.MANUAL_Y, w, b) == pytest.approx(
            np.mean((w * x + b - y) ** 2), rel=1e-14)


@pytest.mark.parametrize("w, b", [(-0.82, -0.02), (0.4, 0.7), (-3.0, 12.0)])
@pytest.mark.parametrize("xs, ys", [(data.MANUAL_X, data.MANUAL_Y), (data.ACTION_X, data.ACTION_Y)])
def test_gradient_matches_central_finite_differences(xs, ys, w, b):
    dloss_dw, dloss_db = neuron.gradient(xs, ys, w, b)
    assert dloss_dw == pytest.approx(central_difference(lambda v: neuron.mse(xs, ys, v, b), w), rel=1e-6)
    assert dloss_db == pytest.approx(central_difference(lambda v: neuron.mse(xs, ys, w, v), b), rel=1e-6)


def test_gradient_is_zero_at_the_optimum():
    assert neuron.gradient(data.ACTION_X, data.ACTION_Y, -1.0, 5.0) == (0.0, 0.0)


def test_step_moves_against_the_gradient_by_the_learning_rate():
    dloss_dw, dloss_db = neuron.gradient(data.ACTION_X, data.ACTION_Y, 0.0, 0.0)
    assert (dloss_dw, dloss_db) == pytest.approx((-2 / 6 * 20, -2 / 6 * 15), rel=1e-15)
    assert neuron.step(data.ACTION_X, data.ACTION_Y, 0.0, 0.0, 0.03) == (
        -0.03 * dloss_dw, -0.03 * dloss_db)


def test_a_small_step_lowers_the_loss():
    w, b = data.MANUAL_START
    new_w, new_b = neuron.step(data.MANUAL_X, data.MANUAL_Y, w, b, 0.1)
    assert neuron.mse(data.MANUAL_X, data.MANUAL_Y, new_w, new_b) < neuron.mse(
        data.MANUAL_X, data.MANUAL_Y, w, b)


def test_every_function_documents_the_formula_it_computes():
    for f, formula in [(neuron.predict, "w·xᵢ + b"), (neuron.mse, "(1/n) Σᵢ"),
                       (neuron.gradient, "(2/n) Σᵢ (ŷᵢ − yᵢ)·xᵢ"), (neuron.step, "w − lr·∂loss/∂w")]:
        assert formula in f.__doc__
