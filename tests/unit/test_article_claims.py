"""Every claim of "The Backprop Explainer tool" (content/09-the-tool.md) about what the reader will
see, run in Python with the code the tool runs (backprop.mlp.Trainer), each with the numbers the
text states. Every test checks the number and that the section quotes it, so the text and the code
cannot drift apart unnoticed.

Unless the text says otherwise: the tool's defaults (sin, 1-8-8-8-1, lr 0.001, batch 1) and seed 0.
"""

import functools
import statistics

import numpy as np
import pytest

from backprop.datasets import curve
from backprop.mlp import Trainer, explain_step
from backprop.widgets.network_tool import steps, view
from tests.article_prose import section


def says(*phrases):
    """Each phrase appears in the tool's section (white space collapsed)."""
    text = section("09")
    for phrase in phrases:
        assert phrase in text, phrase


@functools.cache
def run(epochs, **settings):
    """(trainer after ``epochs`` epochs, the loss after each epoch); cached, so never changed."""
    trainer = Trainer(**settings)
    losses = [trainer.train_epoch()["loss"] for _ in range(epochs)]
    return trainer, losses


def first_epoch_below(threshold, limit, **settings):
    """The first epoch after which the loss over all 50 points is below threshold (None if none
    within limit epochs)."""
    losses = run(limit, **settings)[1]
    return next((e for e, loss in enumerate(losses, 1) if loss is not None and loss < threshold),
                None)


def is_flat(net, xs):
    y_hats = net.predict(xs)
    return max(y_hats) - min(y_hats) < 1e-9


# --- The start ---------------------------------------------------------------------------------

def test_seed_0_starts_at_a_loss_of_13_3_as_a_gentle_curve_on_the_plot():
    trainer = Trainer(seed=0)
    assert f"{trainer.loss:.1f}" == "13.3"
    y_hats = trainer.net.predict(trainer.xs)
    assert max(abs(y) for y in y_hats) < 3.6 and not is_flat(trainer.net, trainer.xs)
    says("loss 13.3 at seed 0", "He initialisation", "gentle curve near zero")


# --- Quick start: one example's step ------------------------------------------------------------

def test_one_step_lowers_the_examples_loss_and_raises_the_loss_over_all_points():
    trainer = run(10)[0]
    xs = trainer.xs
    fourth_from_left = sorted(range(len(xs)), key=xs.__getitem__)[3]
    record = trainer.explain(fourth_from_left)
    shown = steps.losses(record, len(xs))  # the readouts of the tool's last phase
    assert (shown["example-loss-before"], shown["example-loss-after"]) == ("3.544", "2.101")
    assert (shown["all-loss-before"], shown["all-loss-after"]) == ("11.70", "11.97")
    assert "rose" in shown["loss-note"]
    says("One epoch ten times", "fourth point from the left", "3.544 to 2.101", "11.70 to 11.97")


def test_the_examples_own_loss_usually_falls_and_an_epoch_of_steps_lowers_the_loss():
    falls = []
    for epochs in range(10):
        trainer = run(epochs)[0]
        falls += [r["loss_after"] < r["loss"] for r in map(trainer.explain, range(50))]
    assert sum(falls) >= 0.95 * len(falls)
    losses = run(11)[1]
    assert losses[10] < losses[9]  # the epoch after the step-through case, as a whole
    says("The first usually falls; the second can rise", "the steps add up to a fall")


# --- Things to try --------------------------------------------------------------------------------

def test_tanh_is_easiest_and_cos_hardest_13_36_and_64_epochs_to_a_loss_below_1():
    epochs = {name: first_epoch_below(1.0, 100, dataset=name) for name in ("tanh", "sin", "cos")}
    assert epochs == {"tanh": 13, "sin": 36, "cos": 64}
    says(r"13 epochs on $\tanh$, 36 on $\sin$ and 64 on $\cos$")


def best_loss_of_two_relus(xs, ys, knots):
    """The lowest loss of any 1-2-1 network, ŷ = c + v₁·relu(d₁(x − k₁)) + v₂·relu(d₂(x − k₂)),
    over directions d = ±1 and the given knots (least squares for c, v₁, v₂). A knot beyond the
    data makes its ReLU a line or nothing there, so this covers every such network."""
    xs, ys = np.asarray(xs), np.asarray(ys)
    best = np.inf
    for d1 in (1, -1):
        for d2 in (1, -1):
            first = np.maximum(d1 * (xs - knots[:, None]), 0)  # (knot, point)
            second = np.maximum(d2 * (xs - knots[:, None]), 0)
            basis = np.stack(np.broadcast_arrays(
                np.ones((1, 1, len(xs))), first[:, None, :], second[None, :, :]), axis=-1)
            basis = basis.reshape(-1, len(xs), 3)  # every pair of knots
            gram = np.einsum("kni,knj->kij", basis, basis) + 1e-9 * np.eye(3)
            coef = np.linalg.solve(gram, np.einsum("kni,n->ki", basis, ys)[..., None])
            residual = np.einsum("kni,kio->kn", basis, coef) - ys
            best = min(best, float((residual ** 2).mean(axis=1).min()))
    return best


def test_no_network_of_two_relus_fits_sin_below_6_67():
    xs, ys = curve("sin")
    coarse = best_loss_of_two_relus(xs, ys, np.linspace(-5.5, 5.5, 111))
    fine = best_loss_of_two_relus(xs, ys, np.linspace(-2, 1, 151))  # around the best knots
    assert 6.67 < fine <= coarse < 6.68
    says("no network this small gets the loss below 6.67")


def test_a_hidden_layer_of_two_levels_off_near_6_7_flat_across_the_right_half():
    trainer, losses = run(1000, hidden=(2,))
    assert f"{statistics.median(losses[199:]):.1f}" == "6.7"
    assert min(losses) > 6.67
    net = run(300, hidden=(2,))[0].net
    right_half = [x for x in trainer.xs if x > 0.3]  # 24 of the 25 points right of 0
    assert len(right_half) == 24 and is_flat(net, right_half) and is_flat(trainer.net, right_half)
    assert net.predict([-5.0])[0] > 5 and min(net.predict(trainer.xs)) < -5  # down and up once
    says("runs flat across the right half", "levels off near 6.7", "at most two corners")


def longest_arrow(trainer, index):
    """The largest |∂loss/∂a| over the hidden neurons when the tool steps through point index."""
    layers = trainer.explain(index)["layers"][:-1]
    return max(abs(g) for layer in layers for g in layer["dloss_da"])


def test_after_20_epochs_the_worst_fitted_points_arrows_are_over_ten_times_the_best_fitted():
    trainer = run(20)[0]
    errors = [abs(y_hat - y) for y_hat, y in zip(trainer.net.predict(trainer.xs), trainer.ys)]
    worst, best = errors.index(max(errors)), errors.index(min(errors))
    assert longest_arrow(trainer, worst) > 10 * longest_arrow(trainer, best)
    # Every arrow is a multiple of ∂loss/∂ŷ = 2(ŷ − y): the same point with y moved by ŷ − y
    # twice as far gives arrows twice as long.
    record = trainer.explain(worst)
    y_hat, y = record["y_hat"], record["y"]
    twice = explain_step(trainer.net, record["x"], y_hat - 2 * (y_hat - y), trainer.lr)
    for layer, layer_twice in zip(record["layers"], twice["layers"]):
        assert layer_twice["dloss_da"] == pytest.approx([2 * g for g in layer["dloss_da"]])
    says("after 20 epochs", "over ten times the best-fitted point's",
         r"\partial\,\text{loss}/\partial \hat y = 2(\hat y - y)")


def test_a_batch_of_50_is_still_above_10_after_500_epochs():
    assert run(500, batch_size=50)[1][-1] > 10
    says("one update per epoch instead of 50", "above 10 after 500 epochs")


def test_a_batch_of_10_at_0_01_needs_57_epochs_and_285_updates_against_36_and_1800():
    assert first_epoch_below(1.0, 100, batch_size=10, lr=0.01) == 57
    assert first_epoch_below(1.0, 100) == 36
    assert (57 * 50 // 10, 36 * 50) == (285, 1800)  # 50 points per epoch, one update per batch
    says("batch of 10 at $0.01$", "below 1 in 57 epochs but only 285 updates",
         "36 epochs and 1,800 updates for a batch of 1")


def test_lr_0_003_reaches_a_loss_below_1_in_23_epochs_faster_than_the_default():
    assert first_epoch_below(1.0, 100, lr=0.003) == 23 < first_epoch_below(1.0, 100)
    says("$0.003$ gets the loss below 1 in 23 epochs")


def test_at_lr_0_01_the_loss_zig_zags_down_to_7_6_then_a_third_of_the_relus_die():
    trainer, losses = run(20, lr=0.01)
    assert f"{min(losses[:15]):.1f}" == "7.6" and losses.index(min(losses)) == 14  # epoch 15
    assert any(later > earlier for earlier, later in zip(losses, losses[1:15]))  # not smoothly
    assert all(loss > 13 for loss in losses[15:20])
    dead = trainer.net.dead_neurons(trainer.xs)
    assert len(dead) == 8 == sum(trainer.hidden) // 3
    says("At $0.01$ the loss zig-zags down to 7.6 in 15 epochs",
         "by epoch 20 a third are off for every point", "the loss is back above 13")


@pytest.mark.parametrize("lr", [0.03, 0.1])
def test_at_lr_0_03_and_0_1_the_first_epoch_leaves_a_flat_line(lr):
    trainer = run(1, lr=lr)[0]
    assert not trainer.diverged and is_flat(trainer.net, trainer.xs)
    assert view.view(trainer.net, view.GRID)["dead_layer"]  # the tool says which layer is off
    says("At $0.03$ and $0.1$ the first epoch leaves a flat line")


def test_at_lr_0_1_seeds_1_and_15_diverge_and_seed_0_does_not():
    assert [seed for seed in range(16) if run(1, lr=0.1, seed=seed)[0].diverged] == [1, 15]
    says("(1 and 15 at $0.1$) the weights blow up to infinity", "*diverged*")


def test_a_dead_neuron_gets_a_gradient_of_exactly_zero_and_on_sin_one_revives_by_epoch_10():
    start = Trainer()
    assert start.net.dead_neurons(start.xs) == [(3, 5)]  # neuron 6 of layer 3
    for index in range(50):
        layer = start.explain(index)["layers"][2]  # layer 3
        assert not any(layer["dloss_dweights"][5]) and layer["dloss_dbiases"][5] == 0
    assert (3, 5) in run(1)[0].net.dead_neurons(start.xs)
    assert run(10)[0].net.dead_neurons(start.xs) == []
    says("neuron 6 of layer 3 starts dead and is back by epoch 10", "gradient of exactly zero")


def test_a_dead_neuron_in_the_first_hidden_layer_stays_dead():
    trainer = Trainer()
    trainer.net.biases[0][2] = -100.0  # z = w·x − 100 < 0 for every x in [−5, 5]
    weights, bias = list(trainer.net.weights[0][2]), trainer.net.biases[0][2]
    for _ in range(5):
        trainer.train_epoch()
    assert (1, 2) in trainer.net.dead_neurons(trainer.xs)
    assert trainer.net.weights[0][2] == weights and trainer.net.biases[0][2] == bias
    says("In the first hidden layer that is for good, since $x$ never changes")
