"""The chain-rule widget (article 1.3): three linear neurons in a row, each output feeding the next.

    out1 = w1·x    + b1        d out1/d x    = w1
    out2 = w2·out1 + b2        d out2/d out1 = w2
    out3 = w3·out2 + b3        d out3/d out2 = w3

and by the chain rule d out3/d x = (d out3/d out2)·(d out2/d out1)·(d out1/d x) = w3·w2·w1:
how much blue (out3) moves when pink (x) moves by one.

Parameters are a tuple of three (w, b) pairs, one per neuron.
"""

import random

DEFAULT_PARAMS = ((0.42, 0.75), (0.3, 0.27), (0.06, 0.29))  # 34 → 15.030 → 4.779 → 0.577
DEFAULT_X = 34  # the input slider runs over 0..100 in steps of 1
X_MIN, X_MAX = 0, 100


def forward(x, params=DEFAULT_PARAMS):
    """[out1, out2, out3]: outₖ = wₖ·outₖ₋₁ + bₖ, starting from out₀ = x."""
    outs = []
    out = x
    for w, b in params:
        out = w * out + b
        outs.append(out)
    return outs


def local_derivatives(params=DEFAULT_PARAMS):
    """[d out1/d x, d out2/d out1, d out3/d out2] = [w1, w2, w3] (a linear neuron's slope is its weight)."""
    return [w for w, _ in params]


def derivative(params=DEFAULT_PARAMS):
    """d out3/d x = w1·w2·w3, the product of the local derivatives (the chain rule)."""
    product = 1.0
    for d in local_derivatives(params):
        product *= d
    return product


def random_params(seed):
    """Three new (w, b) pairs, each number k/100 with k drawn from 0..99: two decimals in [0, 1).

    Seeded (random.Random(seed)), so the same seed always gives the same neurons.
    """
    rng = random.Random(seed)
    return tuple((rng.randrange(100) / 100, rng.randrange(100) / 100) for _ in range(3))


def evaluate(x, params=DEFAULT_PARAMS):
    """Everything the widget shows for input x, as a plain dict (JSON-ready)."""
    return {
        "x": x,
        "params": [list(p) for p in params],
        "outputs": forward(x, params),
        "local_derivatives": local_derivatives(params),
        "derivative": derivative(params),
    }
