"""The deep network of the article's second half: 1 input → ReLU hidden layers → 1 linear output.

Layers are numbered l = 1 … L; layer 0 is the input x and layer L the output ŷ. Each layer is
a matrix of weights W[l] (one row per neuron, one column per neuron of the layer before) and a
bias vector b[l]. For one example:

    forward    z[l] = W[l]·a[l−1] + b[l]             a[0] = x
               a[l] = relu(z[l]) = max(0, z[l])      (hidden layers)     a[L] = z[L] = ŷ
    loss       loss = (1/n) Σ (ŷ − y)²               over the n examples of a batch
    backward   ∂loss/∂ŷ        = 2(ŷ − y)/n           (2(ŷ − y) for a single example)
               ∂loss/∂z[l]     = ∂loss/∂a[l] · relu′(z[l])           relu′(z) = 1 if z > 0 else 0
               ∂loss/∂W[l]ⱼₖ   = Σ_examples ∂loss/∂z[l]ⱼ · a[l−1]ₖ
               ∂loss/∂b[l]ⱼ    = Σ_examples ∂loss/∂z[l]ⱼ
               ∂loss/∂a[l−1]ₖ  = Σⱼ W[l]ⱼₖ · ∂loss/∂z[l]ⱼ             (chain rule, one layer down)
    update     W := W − lr·∂loss/∂W,  b := b − lr·∂loss/∂b

Because 1/n sits in ∂loss/∂ŷ, summing over the batch gives the mean gradient.

Laid out for speed as in research/spikes.md, experiment 4: values are stored example by example
(one list per example per layer), every inner product is one ``dot`` call, weight rows are lists,
and zip(*…) transposes where a gradient is an inner product over the batch. Lists are never changed
in place (an update builds new ones), so a record of an earlier step stays valid.

Initialisation: see ``initialisation`` (He, adjusted for the input's spread and the linear output,
with the output layer scaled so that every seed starts as a gentle curve on the plot).

Speed of Trainer.train_epoch (50 updates of batch size 1, then the MSE over all 50 points, which
alone takes about a fifth), best of 9, on the 2-core machine of the spikes; Pyodide run in Node 20:
    1-8-8-8-1          CPython 3.11: 3.1 ms/epoch   CPython 3.13: 2.4   Pyodide 314.0.7: 5.7
    1-8-8-8-8-8-8-1    CPython 3.11: 6.2 ms/epoch   CPython 3.13: 4.8   Pyodide 314.0.7: 11.9
One update costs about 50 µs in CPython 3.11 (forward ¼, backward ½, update ¼). The spikes'
1.5 ms was one full-batch update per epoch; SGD makes 50, each touching all 169 parameters.
At batch size 1 training takes fused.train_one, train_step fused to the same bits, and the loss
and the drawn curve take fused.predict and fused.layer_outputs: see ``fused`` for their speed.
"""

import math
import random
from collections import namedtuple

from . import fused
from .datasets import DEFAULT_CURVE, curve
from .fastmath import dot
from .fused import train_one  # Trainer's step at batch size 1 (tests patch it here)
from .initialisation import initial_parameters

MAX_HIDDEN_LAYERS = 6  # the bounds of the article's network editor (as TensorFlow Playground's)
MAX_WIDTH = 8

# What one forward pass keeps, per layer l and example e (lists of lists):
#   zs[l][e]          z of layer l+1 (pre-activations), l = 0 … L−1
#   activations[l][e] a of layer l; activations[0][e] = [x], activations[L][e] = [ŷ]
Forward = namedtuple("Forward", "zs activations")

# What one backward pass finds, for the loss of a batch (d… means ∂loss/∂…):
#   da[l][e]  ∂loss/∂a of layer l+1, example e (da[L−1][e] = [∂loss/∂ŷ])
#   dz[l][e]  ∂loss/∂z of layer l+1, example e (0 where the ReLU is off)
#   dW[l][j]  ∂loss/∂W, row j (shaped like the weights), summed over the batch
#   db[l]     ∂loss/∂b (shaped like the biases), summed over the batch
Gradients = namedtuple("Gradients", "da dz dW db")


class MLP:
    """The parameters: nothing else, so that a network is easy to copy, save and compare."""

    def __init__(self, weights, biases):
        self.weights = weights  # weights[l][j][k]: neuron k of layer l → neuron j of layer l+1
        self.biases = biases  # biases[l][j]: bias of neuron j of layer l+1

    @classmethod
    def random(cls, sizes, seed=0):
        """A new network of the given sizes, its weights drawn from random.Random(seed)."""
        return cls(*new_parameters(sizes, random.Random(seed)))

    @property
    def sizes(self):
        """Neurons per layer, input and output included: for example [1, 8, 8, 8, 1]."""
        return [len(self.weights[0][0])] + [len(b) for b in self.biases]

    def copy(self):
        """An independent copy (new lists all the way down)."""
        return MLP([[list(w_j) for w_j in W] for W in self.weights], [list(b) for b in self.biases])

    def to_dict(self):
        """The network as plain lists (JSON-friendly); MLP.from_dict restores it exactly."""
        copy = self.copy()
        return {"sizes": self.sizes, "weights": copy.weights, "biases": copy.biases}

    @classmethod
    def from_dict(cls, d):
        return cls(d["weights"], d["biases"]).copy()

    def predict(self, xs):
        """ŷ for every x: the forward pass alone, keeping nothing (for drawing the curve)."""
        return fused.predict(self, xs)

    def loss(self, xs, ys):
        """The mean squared error over the data, (1/n) Σ (ŷ − y)²."""
        errors = [y_hat - y for y_hat, y in zip(self.predict(xs), ys)]
        return dot(errors, errors) / len(errors)

    def is_finite(self):
        """False once any weight or bias is NaN or infinite (training has diverged)."""
        return all(map(math.isfinite, [v for W in self.weights for w_j in W for v in w_j]
                       + [v for b in self.biases for v in b]))

    def dead_neurons(self, xs):
        """(layer, j) of every hidden neuron whose ReLU is off (a = 0) for every x in xs."""
        activations = fused.layer_outputs(self, xs)
        return [(l, j) for l in range(1, len(activations) - 1)
                for j, a_j in enumerate(zip(*activations[l])) if not any(a_j)]


def new_parameters(sizes, rng):
    """(weights, biases) for a network of the given sizes (checked), drawn from rng."""
    if len(sizes) < 2 or sizes[0] != 1 or sizes[-1] != 1:
        raise ValueError(f"sizes must start and end with 1, not {sizes}")
    if len(sizes) - 2 > MAX_HIDDEN_LAYERS or not all(1 <= n <= MAX_WIDTH for n in sizes):
        raise ValueError(f"at most {MAX_HIDDEN_LAYERS} hidden layers of 1 to {MAX_WIDTH} neurons")
    return initial_parameters(sizes, rng)


def relu(z):
    """max(0, z); a NaN stays NaN (so that a diverged network shows it, not hides it)."""
    return 0.0 if z <= 0.0 else z


def forward(net, xs):
    """z and a of every layer for every example of the batch xs."""
    a = [[x] for x in xs]  # a[e]: activations of the current layer for example e
    zs, activations = [], [a]
    last = len(net.weights) - 1
    for l, (W, b) in enumerate(zip(net.weights, net.biases)):
        z = [[dot(w_j, a_e) + b_j for w_j, b_j in zip(W, b)] for a_e in a]
        if l < last:  # relu(z), written out for speed
            a = [[0.0 if z_j <= 0.0 else z_j for z_j in z_e] for z_e in z]
        else:  # the output neuron is linear: ŷ = z
            a = z
        zs.append(z)
        activations.append(a)
    return Forward(zs, activations)


def batch_loss(y_hats, ys):
    """(1/n) Σ (ŷ − y)² over a batch; y_hats is the output layer, [[ŷ] per example]."""
    errors = [y_hat - y for (y_hat,), y in zip(y_hats, ys)]
    return dot(errors, errors) / len(errors)


def backward(net, fwd, ys):
    """The gradient of the batch loss (a mean over the batch) by the chain rule, layer by layer."""
    zs, activations = fwd
    L = len(net.weights)
    da, dz, dW, db = [None] * L, [None] * L, [None] * L, [None] * L
    n = len(ys)
    da[L - 1] = [[2.0 * (y_hat - y) / n] for (y_hat,), y in zip(activations[L], ys)]
    for l in reversed(range(L)):
        if l == L - 1:  # linear output: a = z, so ∂loss/∂z = ∂loss/∂a
            dz[l] = da[l]
        else:  # ReLU: ∂loss/∂z = ∂loss/∂a · relu′(z)
            dz[l] = [[d if z > 0.0 else 0.0 for d, z in zip(da_e, z_e)]
                     for da_e, z_e in zip(da[l], zs[l])]
        a_in = activations[l]  # the inputs of this layer
        if n == 1:  # one example: ∂loss/∂Wⱼₖ = ∂loss/∂zⱼ · aₖ (the sum has one term)
            (dz_e,), (a_e,) = dz[l], a_in
            dW[l] = [[d * a for a in a_e] if d else [0.0] * len(a_e) for d in dz_e]
            db[l] = list(dz_e)
        else:  # a batch: ∂loss/∂Wⱼₖ = Σₑ ∂loss/∂zₑⱼ · aₑₖ, one inner product over the batch
            dz_T, a_T = list(zip(*dz[l])), list(zip(*a_in))
            dW[l] = [[dot(dz_j, a_k) for a_k in a_T] for dz_j in dz_T]
            db[l] = [sum(dz_j) for dz_j in dz_T]
        if l > 0:  # ∂loss/∂a of the layer below: ∂loss/∂aₖ = Σⱼ Wⱼₖ · ∂loss/∂zⱼ
            W_T = list(zip(*net.weights[l]))  # W_T[k]: the weights leaving neuron k
            da[l - 1] = [[dot(w_k, dz_e) for w_k in W_T] for dz_e in dz[l]]
    return Gradients(da, dz, dW, db)


def update(net, grads, lr):
    """One gradient-descent step: W := W − lr·∂loss/∂W, b := b − lr·∂loss/∂b (new lists).

    A row whose gradient is all zero (a ReLU that was off for the whole batch) stays as it is.
    """
    net.weights = [[[w - lr * g for w, g in zip(w_j, g_j)] if any(g_j) else w_j
                    for w_j, g_j in zip(W, dW)] for W, dW in zip(net.weights, grads.dW)]
    net.biases = [[b_j - lr * g for b_j, g in zip(b, db)] for b, db in zip(net.biases, grads.db)]


def train_step(net, xs, ys, lr):
    """One SGD update on the batch (xs, ys). Returns (loss before it, Forward, Gradients)."""
    fwd = forward(net, xs)
    grads = backward(net, fwd, ys)
    update(net, grads, lr)
    return batch_loss(fwd.activations[-1], ys), fwd, grads


def explain_step(net, x, y, lr, data=None):
    """What the step-through animation shows for one example, as plain lists and numbers.

    ``net`` is left unchanged: the update is made by train_step itself on a copy, so applying it
    later with train_step(net, [x], [y], lr) gives exactly the weights shown here. layers[l] is
    layer l+1 (the input is not a layer): its values, its parameters before and after, and the
    derivatives of the loss on this example with respect to each of them. Given ``data``, the
    whole data set (xs, ys), it adds the loss over all of it before and after the step: one
    example's step lowers that example's loss, but it can raise the loss on the others.
    """
    after = net.copy()
    loss, fwd, grads = train_step(after, [x], [y], lr)
    layers = [{
        "z": fwd.zs[l][0],  # pre-activations
        "a": fwd.activations[l + 1][0],  # activations (the last layer's is [ŷ])
        "dloss_da": grads.da[l][0],  # ∂loss/∂a: −this is the arrow on each neuron
        "dloss_dz": grads.dz[l][0],  # ∂loss/∂z
        "weights": [list(w_j) for w_j in net.weights[l]],
        "biases": list(net.biases[l]),
        "dloss_dweights": grads.dW[l],  # ∂loss/∂W, shaped like the weights
        "dloss_dbiases": grads.db[l],  # ∂loss/∂b
        "weights_after": after.weights[l],  # W − lr·∂loss/∂W
        "biases_after": after.biases[l],  # b − lr·∂loss/∂b
    } for l in range(len(net.weights))]
    loss_after = after.loss([x], [y])
    record = {"x": x, "y": y, "lr": lr, "y_hat": fwd.activations[-1][0][0], "loss": loss,
              "layers": layers, "loss_after": loss_after, "loss_decrease": loss - loss_after}
    if data is not None:
        record["all_loss"], record["all_loss_after"] = net.loss(*data), after.loss(*data)
    return record


class Trainer:
    """A training run on one data set, reproducible from its seed.

    random.Random(seed) first draws the initial weights (so MLP.random(sizes, seed) is the same
    network), then shuffles the data at the start of every epoch. lr and batch_size may be changed
    between epochs; a different data set or shape is a new Trainer.
    """

    def __init__(self, hidden=(8, 8, 8), dataset=DEFAULT_CURVE, lr=0.001, batch_size=1, seed=0):
        self.hidden = list(hidden)  # neurons per hidden layer
        self.dataset = dataset  # "sin", "cos" or "tanh"
        self.xs, self.ys = curve(dataset)
        self.lr = lr  # learning rate
        self.batch_size = batch_size  # examples per update; the last batch may be smaller
        self.seed = seed
        self.rng = random.Random(seed)
        self.net = MLP(*new_parameters([1, *self.hidden, 1], self.rng))
        self.epoch = 0  # complete passes over the data so far
        self.loss = self.net.loss(self.xs, self.ys)  # MSE over all the data, now
        self.diverged = not math.isfinite(self.loss)  # True once the loss or a parameter is NaN/inf

    batches_left = ()  # the epoch under way: its batches not trained yet, the next one last

    def train_epoch(self):
        """One pass over the data in a new shuffled order, one update per batch (or the rest of
        the pass train_updates began). Returns status().

        Stops early, and from then on does nothing, if the loss or a parameter becomes NaN or
        infinite: check status()["diverged"].
        """
        while not self.train_updates(len(self.xs)):
            pass
        return self.status()

    def train_updates(self, count):
        """Up to ``count`` updates of the epoch under way, beginning one (a new shuffled order) if
        none is; True once that epoch has ended (epoch, loss and status() are then the new ones).

        train_epoch in pieces, for a page that draws between them: whole or in pieces, the same
        updates in the same order.
        """
        if self.diverged:
            return True
        if not self.batches_left:
            order = list(range(len(self.xs)))
            self.rng.shuffle(order)
            size = self.batch_size
            self.batches_left = [order[start:start + size] for start in range(0, len(order), size)][::-1]
        xs, ys = self.xs, self.ys
        for _ in range(min(count, len(self.batches_left))):
            batch = self.batches_left.pop()
            if len(batch) == 1:
                loss = train_one(self.net, xs[batch[0]], ys[batch[0]], self.lr)
            else:
                loss = train_step(self.net, [xs[i] for i in batch], [ys[i] for i in batch], self.lr)[0]
            if not math.isfinite(loss):
                self.batches_left = []  # the epoch ends here, diverged
                break
        if self.batches_left:
            return False
        self.epoch += 1
        self._measure()
        return True

    def explain(self, index):
        """explain_step on data point ``index`` with the current learning rate, and the loss over
        all the data before and after (nothing changes)."""
        return explain_step(self.net, self.xs[index], self.ys[index], self.lr, (self.xs, self.ys))

    def apply(self, index):
        """Make the update explain(index) showed: one SGD step on that point. Returns status()."""
        if not self.diverged:
            train_step(self.net, [self.xs[index]], [self.ys[index]], self.lr)
            self._measure()
        return self.status()

    def _measure(self):
        self.loss = self.net.loss(self.xs, self.ys)
        self.diverged = not (math.isfinite(self.loss) and self.net.is_finite())
        return self.status()

    def status(self):
        """{"epoch", "loss", "diverged"}; loss is None once diverged (JSON has no NaN)."""
        return {"epoch": self.epoch, "loss": None if self.diverged else self.loss,
                "diverged": self.diverged}

    def to_dict(self):
        """The whole run as plain lists and numbers; Trainer.from_dict continues it exactly."""
        version, internal, gauss_next = self.rng.getstate()
        return {"hidden": self.hidden, "dataset": self.dataset, "lr": self.lr,
                "batch_size": self.batch_size, "seed": self.seed, "epoch": self.epoch,
                "loss": self.status()["loss"], "diverged": self.diverged,
                "network": self.net.to_dict(), "rng": [version, list(internal), gauss_next]}

    @classmethod
    def from_dict(cls, d):
        run = cls(d["hidden"], d["dataset"], d["lr"], d["batch_size"], d["seed"])
        version, internal, gauss_next = d["rng"]
        run.rng.setstate((version, tuple(internal), gauss_next))
        run.net = MLP.from_dict(d["network"])
        run.epoch = d["epoch"]
        run._measure()
        return run
