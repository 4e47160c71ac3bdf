"""The "see it in action" trainer: full-batch gradient descent (backprop.linear_training)."""

import math


import pytest

from backprop import linear_training as training
from backprop.linear_data import ACTION_X, ACTION_Y
from backprop.neuron import mse, step as neuron_step

EPOCHS_TO_CONVERGE_AT_LR_0_03 = 385  # first epoch with w = −1.00, b = 5.00 (2 dp) and loss < 0.001


def converged(state):
    return f"{state.w:.2f}" == "-1.00" and f"{state.b:.2f}" == "5.00" and state.loss < 0.001


def test_training_starts_at_w_0_b_0_with_loss_55_over_6():
    state = training.start()
    assert (state.w, state.b, state.epoch, state.lr) == (0.0, 0.0, 0, 0.03)
    assert state.loss == pytest.approx(55 / 6, rel=1e-15)
    assert state.trail == ((0, 0.0, 0.0, state.loss),)
    assert not state.diverged


def test_one_epoch_is_one_full_batch_gradient_descent_step():
    state = training.step(training.start(0.03), 1)
    w, b = neuron_step(ACTION_X, ACTION_Y, 0.0, 0.0, 0.03)
    assert (state.w, state.b) == pytest.approx((w, b), rel=1e-15)
    assert state.epoch == 1
    assert state.loss == pytest.approx(mse(ACTION_X, ACTION_Y, w, b), rel=1e-14)


def test_stepping_in_batches_equals_stepping_one_epoch_at_a_time():
    batched = training.step(training.step(training.start(), 7), 13)
    single = training.start()
    for _ in range(20):
        single = training.step(single)
    assert batched == single


def test_step_returns_a_new_state_and_leaves_the_old_one_unchanged():
    state = training.start()
    later = training.step(state, 5)
    assert state.epoch == 0 and later.epoch == 5


def test_lr_0_03_reaches_w_minus_1_b_5_and_loss_below_0_001_in_385_epochs():
    state = training.step(training.start(0.03), EPOCHS_TO_CONVERGE_AT_LR_0_03 - 1)
    assert not converged(state)
    state = training.step(state, 1)
    assert converged(state), (state.w, state.b, state.loss)


def test_lr_0_03_stays_converged_afterwards():
    state = training.step(training.start(0.03), EPOCHS_TO_CONVERGE_AT_LR_0_03)
    for _ in range(20):
        state = training.step(state, 100)
        assert converged(state)
    assert (state.w, state.b) == pytest.approx((-1.0, 5.0), abs=1e-12)  # after 2385 epochs


def test_loss_never_rises_while_converging():
    losses = [point[3] for point in training.step(training.start(0.1), 400).trail]
    assert all(later <= earlier for earlier, later in zip(losses, losses[1:]))


def test_critical_learning_rate_is_about_0_1013():
    assert training.critical_lr() == pytest.approx(0.1013, abs=5e-5)


def test_lr_just_below_the_critical_rate_converges():
    state = training.step(training.start(0.101), 20_000)
    assert not state.diverged
    assert converged(state)


@pytest.mark.parametrize("lr", [0.102, 0.11, 0.5, 3.0])
def test_lr_above_the_critical_rate_is_flagged_as_diverging_not_raised(lr):
    state = training.step(training.start(lr), 2000)
    assert state.diverged
    assert state.epoch < 2000
    assert math.isfinite(state.loss) and state.loss > state.max_loss


def test_a_diverged_state_no_longer_moves():
    state = training.step(training.start(0.5), 1000)
    assert training.step(state, 10) is state


def test_a_nan_learning_rate_is_flagged_as_diverged():
    state = training.step(training.start(float("nan")), 5)
    assert state.diverged


def test_trail_records_every_epoch_while_short():
    state = training.step(training.start(), 10)
    assert [point[0] for point in state.trail] == list(range(11))
    assert state.trail[-1] == (10, state.w, state.b, state.loss)


def test_trail_is_thinned_to_at_most_max_trail_evenly_spaced_points():
    state = training.step(training.start(0.03, max_trail=64), 1000)
    epochs = [point[0] for point in state.trail]
    assert len(epochs) <= 64
    assert state.trail_stride == 16
    assert epochs == list(range(0, 1001, 16))[:len(epochs)]
    assert epochs[0] == 0 and epochs[-1] > 1000 - 16


def test_trail_points_lie_on_the_loss_surface():
    for epoch, w, b, loss in training.step(training.start(), 50).trail:
        assert loss == pytest.approx(mse(ACTION_X, ACTION_Y, w, b), rel=1e-12)


def test_state_serialises_to_plain_data():
    data = training.step(training.start(), 3).as_dict()
    assert data["epoch"] == 3 and len(data["trail"]) == 4 and data["diverged"] is False


def test_the_speed_menu_offers_exactly_the_speeds_the_settings_accept():
    from backprop.widgets import linear_training as widget
    assert tuple(speed["key"] for speed in widget.speeds()) == widget.SPEED_KEYS
    assert widget.SETTINGS["speed"].menu() == list(widget.SPEED_KEYS)
