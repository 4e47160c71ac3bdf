"""One linear neuron, ŷ = w·x + b, fitted with the mean squared error (article 1.1 to 1.5).

The loss is exactly the formula the article shows,

    loss(w, b) = (1/n) Σᵢ (ŷᵢ − yᵢ)²        (not 1/(2n): the original showed one, computed the other)

and its gradient is the true gradient of that loss:

    ∂loss/∂w = (2/n) Σᵢ (ŷᵢ − yᵢ)·xᵢ
    ∂loss/∂b = (2/n) Σᵢ (ŷᵢ − yᵢ)

Data come first, then the parameters, as in the article's nested function loss(neuron(x, w, b), y).
"""

from .fastmath import dot


def predict(xs, w, b):
    """ŷᵢ = w·xᵢ + b for every xᵢ in xs (a list)."""
    return [w * x + b for x in xs]


def errors(xs, ys, w, b):
    """eᵢ = ŷᵢ − yᵢ = w·xᵢ + b − yᵢ, the residuals both the loss and its gradient are built from."""
    return [w * x + b - y for x, y in zip(xs, ys)]


def mse(xs, ys, w, b):
    """loss = (1/n) Σᵢ (w·xᵢ + b − yᵢ)², the mean squared error."""
    e = errors(xs, ys, w, b)
    return dot(e, e) / len(e)


def gradient(xs, ys, w, b):
    """(∂loss/∂w, ∂loss/∂b) = ((2/n) Σᵢ (ŷᵢ − yᵢ)·xᵢ, (2/n) Σᵢ (ŷᵢ − yᵢ)) for the MSE above."""
    e = errors(xs, ys, w, b)
    two_over_n = 2 / len(e)
    return two_over_n * dot(e, xs), two_over_n * sum(e)


def step(xs, ys, w, b, lr):
    """One gradient-descent step: (w − lr·∂loss/∂w, b − lr·∂loss/∂b)."""
    dloss_dw, dloss_db = gradient(xs, ys, w, b)
    return w - lr * dloss_dw, b - lr * dloss_db
