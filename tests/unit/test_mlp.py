"""The deep network (backprop.mlp) and its data sets (backprop.datasets).

numpy is the independent oracle here; the package itself is pure standard library.
"""

import hashlib
import json
import math
import random

import numpy as np
import pytest

from backprop import datasets, fused, initialisation, mlp
from backprop.mlp import MLP, Trainer, backward, batch_loss, explain_step, forward, train_step

# Hidden-layer shapes: 0, 1, 3 and 6 hidden layers, widths 1, 3 and 8.
SHAPES = [(), (1,), (3,), (8,), (1, 1, 1), (3, 3, 3), (8, 8, 8), (8, 1, 8), (3,) * 6, (8,) * 6,
          (1, 8, 3, 8, 3, 8)]
SHAPE_IDS = ["-".join(map(str, (1, *h, 1))) for h in SHAPES]


def random_problem(hidden, seed, n):
    """A random network of the given hidden shape and n random examples on [−5, 5]²."""
    rng = random.Random(1000 + seed)
    net = MLP.random([1, *hidden, 1], seed)
    net.biases = [[rng.uniform(-1, 1) for _ in b] for b in net.biases]  # not all equal
    xs = [rng.uniform(-5, 5) for _ in range(n)]
    ys = [rng.uniform(-5, 5) for _ in range(n)]
    return net, xs, ys


# ----- the independent numpy implementation --------------------------------------------------

def np_forward(net, xs, nudge=None):
    """(zs, activations) as arrays of shape (n, width). nudge = (l, e, j, h) adds h to the
    activation of neuron j of layer l+1 for example e, as it leaves that layer."""
    a = np.array(xs, dtype=float)[:, None]
    zs, activations = [], [a]
    L = len(net.weights)
    for l in range(L):
        W, b = np.array(net.weights[l]), np.array(net.biases[l])
        z = a @ W.T + b
        a = np.maximum(z, 0.0) if l < L - 1 else z.copy()
        if nudge is not None and nudge[0] == l:
            a[nudge[1], nudge[2]] += nudge[3]
        zs.append(z)
        activations.append(a)
    return zs, activations


def np_loss(net, xs, ys, nudge=None):
    y_hat = np_forward(net, xs, nudge)[1][-1][:, 0]
    return float(np.mean((y_hat - np.array(ys)) ** 2))


def np_gradients(net, xs, ys):
    """(dW, db, da) of the mean squared error over the batch, vectorised over the examples."""
    zs, activations = np_forward(net, xs)
    L = len(net.weights)
    da = [None] * L
    dW, db = [None] * L, [None] * L
    da[L - 1] = 2.0 * (activations[L] - np.array(ys)[:, None]) / len(xs)
    for l in reversed(range(L)):
        dz = da[l] if l == L - 1 else da[l] * (zs[l] > 0)
        dW[l] = dz.T @ activations[l]
        db[l] = dz.sum(axis=0)
        if l > 0:
            da[l - 1] = dz @ np.array(net.weights[l])
    return dW, db, da


# ----- gradients against finite differences --------------------------------------------------

def activation_pattern(net, xs):
    return [[z_j > 0.0 for z_e in z for z_j in z_e] for z in forward(net, xs).zs]


def assert_close(got, want, what, rtol=1e-6, atol=1e-9):
    assert abs(got - want) <= rtol * max(abs(got), abs(want)) + atol, (what, got, want)


@pytest.mark.parametrize("batch", [1, 5])
@pytest.mark.parametrize("hidden", SHAPES, ids=SHAPE_IDS)
def test_weight_and_bias_gradients_match_central_finite_differences(hidden, batch):
    h = 1e-6
    for seed in range(2):
        net, xs, ys = random_problem(hidden, seed, batch)
        grads = backward(net, forward(net, xs), ys)
        pattern = activation_pattern(net, xs)

        def loss_with(params, index, value):
            nudged = net.copy()
            *path, last = index
            row = getattr(nudged, params)
            for i in path:
                row = row[i]
            row[last] = value
            # The loss is exactly quadratic in one parameter while no ReLU switches: check none did.
            assert activation_pattern(nudged, xs) == pattern
            return batch_loss(forward(nudged, xs).activations[-1], ys)

        for l, W in enumerate(net.weights):
            for j, w_j in enumerate(W):
                for k, w in enumerate(w_j):
                    fd = (loss_with("weights", (l, j, k), w + h)
                          - loss_with("weights", (l, j, k), w - h)) / (2 * h)
                    assert_close(grads.dW[l][j][k], fd, ("dW", l, j, k))
                b = net.biases[l][j]
                fd = (loss_with("biases", (l, j), b + h)
                      - loss_with("biases", (l, j), b - h)) / (2 * h)
                assert_close(grads.db[l][j], fd, ("db", l, j))


@pytest.mark.parametrize("batch", [1, 3])
@pytest.mark.parametrize("hidden", SHAPES, ids=SHAPE_IDS)
def test_activation_gradients_match_central_finite_differences(hidden, batch):
    h = 1e-6
    for seed in range(2):
        net, xs, ys = random_problem(hidden, seed, batch)
        grads = backward(net, forward(net, xs), ys)
        for l, da in enumerate(grads.da):
            for e, da_e in enumerate(da):
                for j, d in enumerate(da_e):
                    fd = (np_loss(net, xs, ys, (l, e, j, h))
                          - np_loss(net, xs, ys, (l, e, j, -h))) / (2 * h)
                    assert_close(d, fd, ("da", l, e, j))


def test_output_derivative_is_two_times_the_error_for_one_example():
    net = MLP.random([1, 8, 8, 8, 1], 3)
    fwd = forward(net, [1.5])
    (y_hat,) = fwd.activations[-1][0]
    grads = backward(net, fwd, [2.0])
    assert grads.da[-1] == [[2.0 * (y_hat - 2.0)]]
    assert batch_loss(fwd.activations[-1], [2.0]) == (y_hat - 2.0) * (y_hat - 2.0)


# ----- against numpy -------------------------------------------------------------------------

@pytest.mark.parametrize("hidden", SHAPES, ids=SHAPE_IDS)
def test_forward_pass_matches_numpy(hidden):
    net, xs, ys = random_problem(hidden, 7, 20)
    fwd = forward(net, xs)
    want_zs, want_activations = np_forward(net, xs)
    for got, want in zip(fwd.zs, want_zs):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)
    for got, want in zip(fwd.activations, want_activations):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)
    assert net.loss(xs, ys) == pytest.approx(np_loss(net, xs, ys), rel=1e-12)


@pytest.mark.parametrize("batch", [1, 4, 50])
@pytest.mark.parametrize("hidden", SHAPES, ids=SHAPE_IDS)
def test_gradients_match_numpy(hidden, batch):
    net, xs, ys = random_problem(hidden, 11, batch)
    grads = backward(net, forward(net, xs), ys)
    want_dW, want_db, want_da = np_gradients(net, xs, ys)
    for l in range(len(net.weights)):
        np.testing.assert_allclose(grads.dW[l], want_dW[l], rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(grads.db[l], want_db[l], rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(grads.da[l], want_da[l], rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("hidden", SHAPES, ids=SHAPE_IDS)
def test_predict_and_layer_outputs_give_the_bits_of_the_forward_pass(hidden):
    """The fused forward passes (backprop.fused, for the loss and the drawing) are mlp.forward to
    the last bit, for a trained network and for one whose weights went infinite and NaN."""
    grid = [-5 + i / 10 for i in range(101)] + [0.0]
    net, _, _ = random_problem(hidden, 5, 0)
    broken = net.copy()
    broken.weights[0][0][0], broken.weights[-1][0][-1] = math.inf, math.nan
    for network in (net, broken):
        want = forward(network, grid).activations
        assert repr(network.predict(grid)) == repr([a_e[0] for a_e in want[-1]])
        assert repr(fused.layer_outputs(network, grid)) == repr(want)


def test_loss_is_the_mean_of_squared_errors():
    net = MLP.random([1, 3, 1], 2)
    xs, ys = [-1.0, 0.5, 2.0], [0.0, 1.0, -1.0]
    y_hats = net.predict(xs)
    assert net.loss(xs, ys) == pytest.approx(sum((p - y) ** 2 for p, y in zip(y_hats, ys)) / 3,
                                             rel=1e-15)


# ----- the step-through update ---------------------------------------------------------------

def test_explained_update_equals_one_sgd_step_with_batch_size_1():
    run = Trainer(seed=4)
    for _ in range(3):
        run.train_epoch()
    for index in (0, 17, 49):
        shown = run.explain(index)
        before = run.net.copy()
        run.apply(index)
        for l, layer in enumerate(shown["layers"]):
            assert layer["weights"] == before.weights[l]
            assert layer["biases"] == before.biases[l]
            assert layer["weights_after"] == run.net.weights[l]  # exactly, bit for bit
            assert layer["biases_after"] == run.net.biases[l]
        assert shown["loss_after"] == run.net.loss([run.xs[index]], [run.ys[index]])
        # ... and it is the same as calling train_step directly on a copy:
        direct = before.copy()
        train_step(direct, [run.xs[index]], [run.ys[index]], run.lr)
        assert direct.weights == run.net.weights and direct.biases == run.net.biases


def test_explained_update_is_old_minus_lr_times_gradient():
    net = MLP.random([1, 8, 8, 8, 1], 1)
    shown = explain_step(net, 1.3, 4.0, 0.003)
    for layer in shown["layers"]:
        rows = zip(layer["weights"], layer["dloss_dweights"], layer["weights_after"])
        for w_j, g_j, new_j in rows:
            assert new_j == [w - 0.003 * g for w, g in zip(w_j, g_j)]
        assert layer["biases_after"] == [b - 0.003 * g for b, g in
                                         zip(layer["biases"], layer["dloss_dbiases"])]


def test_explain_step_leaves_the_network_unchanged_and_is_json():
    net = MLP.random([1, 8, 8, 8, 1], 2)
    saved = net.to_dict()
    shown = explain_step(net, -2.0, 1.0, 0.001)
    assert net.to_dict() == saved
    again = json.loads(json.dumps(shown, allow_nan=False))
    assert again == shown


def test_explain_step_shows_each_layer_of_one_example():
    net = MLP.random([1, 8, 3, 1], 6)
    x, y, lr = 0.7, -1.0, 0.001
    shown = explain_step(net, x, y, lr)
    zs, activations = np_forward(net, [x])
    dW, db, da = np_gradients(net, [x], [y])
    assert [len(layer["a"]) for layer in shown["layers"]] == [8, 3, 1]
    for l, layer in enumerate(shown["layers"]):
        np.testing.assert_allclose(layer["z"], zs[l][0], rtol=1e-12)
        np.testing.assert_allclose(layer["a"], activations[l + 1][0], rtol=1e-12)
        np.testing.assert_allclose(layer["dloss_da"], da[l][0], rtol=1e-10, atol=1e-15)
        np.testing.assert_allclose(layer["dloss_dweights"], dW[l], rtol=1e-10, atol=1e-15)
        np.testing.assert_allclose(layer["dloss_dbiases"], db[l], rtol=1e-10, atol=1e-15)
    y_hat = shown["layers"][-1]["a"][0]
    assert shown["y_hat"] == y_hat
    assert shown["loss"] == (y_hat - y) * (y_hat - y)
    assert shown["layers"][-1]["dloss_da"] == [2.0 * (y_hat - y)]
    assert shown["loss_decrease"] == shown["loss"] - shown["loss_after"]
    assert shown["loss_after"] < shown["loss"]  # a small step down the gradient lowers the loss


# ----- batches -------------------------------------------------------------------------------

def test_batch_gradient_is_the_mean_of_the_single_example_gradients():
    net, xs, ys = random_problem((8, 8, 8), 3, 6)
    batch = backward(net, forward(net, xs), ys)
    singles = [backward(net, forward(net, [x]), [y]) for x, y in zip(xs, ys)]
    for l in range(len(net.weights)):
        np.testing.assert_allclose(batch.dW[l], np.mean([s.dW[l] for s in singles], axis=0),
                                   rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(batch.db[l], np.mean([s.db[l] for s in singles], axis=0),
                                   rtol=1e-12, atol=1e-14)


def test_a_batch_step_moves_by_lr_times_the_mean_gradient():
    net, xs, ys = random_problem((3, 3), 8, 4)
    singles = [backward(net, forward(net, [x]), [y]) for x, y in zip(xs, ys)]
    before = net.copy()
    train_step(net, xs, ys, 0.01)
    for l in range(len(net.weights)):
        mean_dW = np.mean([s.dW[l] for s in singles], axis=0)
        np.testing.assert_allclose(net.weights[l], np.array(before.weights[l]) - 0.01 * mean_dW,
                                   rtol=1e-13, atol=1e-15)


def test_an_epoch_makes_one_update_per_batch_and_visits_every_point_once(monkeypatch):
    batches = []
    real_step, real_one = mlp.train_step, mlp.train_one

    def recording_step(net, xs, ys, lr):
        batches.append(list(xs))
        return real_step(net, xs, ys, lr)

    def recording_one(net, x, y, lr):  # batch size 1 takes the fused path
        batches.append([x])
        return real_one(net, x, y, lr)

    monkeypatch.setattr(mlp, "train_step", recording_step)
    monkeypatch.setattr(mlp, "train_one", recording_one)
    for size, count in ((1, 50), (16, 4), (50, 1)):
        batches.clear()
        run = Trainer(batch_size=size, seed=1)
        run.train_epoch()
        assert len(batches) == count
        assert sorted(x for batch in batches for x in batch) == run.xs
        if size == 1:
            assert [b[0] for b in batches] != run.xs  # shuffled, not in data order


# ----- seeds and saved state -----------------------------------------------------------------

def test_the_same_seed_and_shape_give_the_same_initial_weights():
    assert MLP.random([1, 8, 8, 8, 1], 5).to_dict() == MLP.random([1, 8, 8, 8, 1], 5).to_dict()
    assert MLP.random([1, 8, 8, 8, 1], 5).weights != MLP.random([1, 8, 8, 8, 1], 6).weights
    assert Trainer(seed=5).net.to_dict() == MLP.random([1, 8, 8, 8, 1], 5).to_dict()


def test_initial_weights_are_the_same_on_every_host():
    # Recorded on CPython 3.11; Pyodide 314 (Python 3.14) gave the same bits for these and for
    # 160 whole networks (seeds 0-39 at four shapes) when the initialisation was written.
    net = MLP.random([1, 8, 8, 8, 1], 0)
    assert net.weights[0][0][0] == -0.08829279135645861
    assert net.weights[1][2][5] == -0.02211756348110025
    assert net.weights[3][0][7] == 0.13602689796281933
    assert net.biases == [[initialisation.HIDDEN_BIAS] * 8] * 3 + [[0.0]]


def test_initial_weights_have_he_spreads_adjusted_for_the_input():
    xs = datasets.curve_xs()
    mean_square_x = sum(x * x for x in xs) / len(xs)
    first, hidden = [], []
    for seed in range(200):
        net = MLP.random([1, 8, 8, 1], seed)
        first += [w for w_j in net.weights[0] for w in w_j]
        hidden += [w for w_j in net.weights[1] for w in w_j]
    for ws, std in ((first, math.sqrt(2 / mean_square_x)), (hidden, math.sqrt(2 / 8))):
        assert np.mean(ws) == pytest.approx(0.0, abs=0.05 * std)
        assert np.std(ws) == pytest.approx(std, rel=0.05)


def test_the_same_seed_gives_the_same_training_run():
    a, b = Trainer(seed=3), Trainer(seed=3)
    for _ in range(3):
        assert a.train_epoch() == b.train_epoch()
    assert a.net.to_dict() == b.net.to_dict()
    one_epoch = Trainer(seed=3)
    one_epoch.train_epoch()
    other_order = Trainer(seed=4)
    other_order.net = MLP.from_dict(Trainer(seed=3).net.to_dict())  # same start, other shuffling
    other_order.train_epoch()
    assert other_order.net.weights != one_epoch.net.weights


def test_a_saved_run_continues_exactly_as_if_never_stopped():
    run = Trainer(hidden=(8, 3), dataset="cos", lr=0.003, batch_size=4, seed=9)
    for _ in range(2):
        run.train_epoch()
    saved = json.loads(json.dumps(run.to_dict(), allow_nan=False))
    restored = Trainer.from_dict(saved)
    assert restored.to_dict() == run.to_dict()
    for _ in range(2):
        assert restored.train_epoch() == run.train_epoch()
    assert restored.net.to_dict() == run.net.to_dict()


def test_network_to_dict_round_trips_through_json():
    net = MLP.random([1, 3, 8, 1], 1)
    again = MLP.from_dict(json.loads(json.dumps(net.to_dict())))
    assert again.weights == net.weights and again.biases == net.biases
    assert net.to_dict()["sizes"] == [1, 3, 8, 1]


# ----- shapes and data -----------------------------------------------------------------------

@pytest.mark.parametrize("sizes", [[1, 1], [1, 8, 8, 8, 8, 8, 8, 1], [1, 1, 1]])
def test_allowed_shapes_build(sizes):
    assert MLP.random(sizes).sizes == sizes


@pytest.mark.parametrize("sizes", [[1, 8, 8, 8, 8, 8, 8, 8, 1], [1, 9, 1], [1, 0, 1], [2, 8, 1],
                                   [1, 8, 2], [1]])
def test_shapes_outside_the_editor_bounds_are_refused(sizes):
    with pytest.raises(ValueError):
        MLP.random(sizes)


@pytest.mark.parametrize("name, f", [("sin", math.sin), ("cos", math.cos), ("tanh", math.tanh)])
def test_each_data_set_is_50_evenly_spaced_points_of_five_times_f(name, f):
    xs, ys = datasets.curve(name)
    assert len(xs) == len(ys) == 50
    assert xs[0] == -5.0 and xs[-1] == 5.0
    assert xs == [-5 + 10 * i / 49 for i in range(50)]
    assert all(abs(y - 5 * f(x)) < 1e-12 for x, y in zip(xs, ys))
    assert ys == [round(5 * f(x), 12) for x in xs]


@pytest.mark.parametrize("name, digest", [("sin", "9e8e8f24a1468dc0"), ("cos", "c2b554f71adbf730"),
                                          ("tanh", "c67ed2b1d9083b32")])
def test_each_data_set_has_the_same_bits_as_in_pyodide(name, digest):
    # Recorded in Pyodide 314, whose sin/cos/tanh differ from glibc's in the last bit for 9 of
    # the 150 unrounded values.
    assert hashlib.sha256(repr(datasets.curve(name)).encode()).hexdigest()[:16] == digest


def test_sin_is_the_default_data_set_and_unknown_names_are_refused():
    assert datasets.curve() == datasets.curve("sin")
    assert Trainer().dataset == "sin"
    with pytest.raises(ValueError):
        datasets.curve("exp")


def test_dead_neurons_are_those_off_for_every_point():
    net = MLP.random([1, 3, 3, 1], 0)
    net.weights[0][1] = [0.0]
    net.biases[0][1] = -1.0  # layer 1, neuron 1: z = −1 for every x
    xs, _ = datasets.curve()
    assert (1, 1) in net.dead_neurons(xs)
    assert all(any(a_e[j] > 0 for a_e in forward(net, xs).activations[l])
               for l in (1, 2) for j in range(3) if (l, j) not in net.dead_neurons(xs))


# ----- training ------------------------------------------------------------------------------

@pytest.mark.parametrize("dataset", ["sin", "cos", "tanh"])
def test_default_training_fits_each_data_set_for_most_seeds(dataset):
    """lr 0.001, batch size 1, 1-8-8-8-1, 200 epochs: loss < 1 for at least 7 of seeds 0..9.

    When written (CPython 3.11 and 3.13 alike): sin and tanh 10/10, cos 9/10. The one failure,
    cos seed 7 (loss 1.39, still 1.19 after 1000 epochs), is not explained by dead ReLUs (3 of 24
    at the end, as many as in runs that pass, 0 to 6): its fitted curve has no kink left of
    x = −2.03, so one straight segment has to cover the trough at −π. Run with -s for the table.
    """
    results = []
    for seed in range(10):
        run = Trainer(dataset=dataset, seed=seed)
        dead_at_start = len(run.net.dead_neurons(run.xs))
        for _ in range(200):
            status = run.train_epoch()
        assert not status["diverged"]
        results.append((seed, status["loss"], dead_at_start, len(run.net.dead_neurons(run.xs))))
    print(f"\n{dataset}: seed, loss after 200 epochs, dead ReLUs at start, dead at the end")
    for seed, loss, dead_start, dead_end in results:
        verdict = "ok" if loss < 1 else "FAIL"
        print(f"  {seed}  {loss:8.4f}  {dead_start:2d}  {dead_end:2d}  {verdict}")
    assert sum(loss < 1.0 for _, loss, _, _ in results) >= 7, results


def test_training_lowers_the_loss_epoch_after_epoch_on_average():
    run = Trainer(seed=0)
    losses = [run.loss] + [run.train_epoch()["loss"] for _ in range(60)]
    assert losses[-1] < losses[0] / 10  # seed 0: 13.3 at the start, 0.3 after 60 epochs


# ----- divergence ----------------------------------------------------------------------------

def test_a_huge_learning_rate_is_reported_as_diverged_not_raised():
    run = Trainer(lr=1e3, seed=0)
    status = run.train_epoch()
    assert status == {"epoch": 1, "loss": None, "diverged": True}
    json.dumps(status, allow_nan=False)
    assert run.train_epoch() == status  # training stops there
    assert run.apply(0) == status


def test_a_non_finite_parameter_is_reported_even_while_the_loss_is_finite():
    run = Trainer(hidden=(3,), seed=0)
    run.net.biases[0][0] = -math.inf  # that ReLU is off for good: the output stays finite
    assert math.isfinite(run.net.loss(run.xs, run.ys))
    assert run.train_epoch()["diverged"]


def test_relu_keeps_nan_so_divergence_is_not_hidden():
    assert math.isnan(mlp.relu(math.nan))
    net = MLP.random([1, 3, 1], 0)
    net.weights[0][0] = [math.nan]
    assert math.isnan(net.predict([1.0])[0])


def test_an_epoch_in_pieces_makes_the_same_updates_as_a_whole_one():
    whole, pieces = Trainer(seed=3, batch_size=5), Trainer(seed=3, batch_size=5)
    for _ in range(3):
        whole.train_epoch()
    ended = [pieces.train_updates(k) for k in (4, 3, 1, 2, 7)]  # 10 batches an epoch
    assert ended == [False, False, False, True, False] and pieces.epoch == 1
    pieces.train_epoch()  # the rest of the second epoch
    pieces.train_epoch()
    assert pieces.epoch == 3 and pieces.net.to_dict() == whole.net.to_dict()
    assert pieces.status() == whole.status()


@pytest.mark.parametrize("hidden", SHAPES, ids=SHAPE_IDS)
def test_the_fused_one_example_step_gives_train_steps_bits(hidden):
    """mlp.train_one, the fast path of training at batch size 1, is train_step to the last bit:
    the same loss, weights and biases after 60 steps, including rows whose ReLU input is off,
    and at a learning rate large enough to diverge (NaN must spread the same way)."""
    for seed, lr in ((0, 0.001), (1, 0.05), (2, 3.0)):
        net, xs, ys = random_problem(hidden, seed, 60)
        fused = net.copy()
        for x, y in zip(xs, ys):
            loss = train_step(net, [x], [y], lr)[0]
            fused_loss = mlp.train_one(fused, x, y, lr)
            assert repr(fused_loss) == repr(loss)
        assert repr(fused.weights) == repr(net.weights) and repr(fused.biases) == repr(net.biases)
