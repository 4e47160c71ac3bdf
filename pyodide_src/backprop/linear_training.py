"""The "see it in action" trainer (article 1.5): full-batch gradient descent for one linear neuron.

Every epoch uses all n points once:

    eᵢ = w·xᵢ + b − yᵢ
    loss = (1/n) Σᵢ eᵢ²                       (the loss at (w, b), before the update)
    w := w − lr·(2/n) Σᵢ eᵢ·xᵢ               b := b − lr·(2/n) Σᵢ eᵢ

From w = b = 0 on x = 0..5, y = 5 − x, lr = 0.03 reaches w = −1.00, b = 5.00 with loss < 0.001
after 385 epochs. The loss is a quadratic bowl, so gradient descent converges exactly when
lr < 2/λ_max, λ_max being the largest eigenvalue of the loss's Hessian (see critical_lr):
about 0.1013 for this data. Above it the steps overshoot further each time and the state is
flagged as diverged (not raised), and training stops there.

A State is immutable: step(state, n) returns a new one, so a widget can keep or drop old states.
"""

import math
from dataclasses import asdict, dataclass, replace

from .fastmath import dot
from .linear_data import ACTION_START, ACTION_X, ACTION_Y


@dataclass(frozen=True)
class State:
    w: float  # current weight
    b: float  # current bias
    epoch: int  # number of updates applied so far
    loss: float  # (1/n) Σ (w·xᵢ + b − yᵢ)² at the current (w, b)
    lr: float  # learning rate
    # (epoch, w, b, loss) at epochs 0, s, 2s, … where s = trail_stride: the path drawn on the
    # contour and the loss-over-epochs chart. When it grows past max_trail entries, every other
    # entry is dropped and s doubles, so it stays bounded and evenly spaced in epochs. The current
    # point is (epoch, w, b, loss) above; it is in the trail only when epoch is a multiple of s.
    trail: tuple
    trail_stride: int = 1
    max_trail: int = 512
    diverged: bool = False  # the loss became NaN/inf or exceeded max_loss; step() then does nothing
    max_loss: float = 1e6
    xs: tuple = ACTION_X
    ys: tuple = ACTION_Y

    def as_dict(self):
        """The state as plain lists and numbers (for the worker's JSON messages)."""
        return asdict(self)


def _loss(xs, ys, w, b):
    e = [w * x + b - y for x, y in zip(xs, ys)]
    return dot(e, e) / len(e)


def start(lr=0.03, w=ACTION_START[0], b=ACTION_START[1], xs=ACTION_X, ys=ACTION_Y,
          max_trail=512, max_loss=1e6):
    """The state at epoch 0 (by default w = b = 0 on the "see it in action" data)."""
    xs, ys = tuple(xs), tuple(ys)
    loss = _loss(xs, ys, w, b)
    return State(w=w, b=b, epoch=0, loss=loss, lr=lr, trail=((0, w, b, loss),),
                 max_trail=max_trail, max_loss=max_loss, xs=xs, ys=ys,
                 diverged=not _finite_below(loss, max_loss))


def _finite_below(loss, max_loss):
    return math.isfinite(loss) and loss <= max_loss


def step(state, n_epochs=1):
    """The state after n_epochs more full-batch gradient-descent updates (or until divergence)."""
    if state.diverged or n_epochs <= 0:
        return state
    xs, ys, lr = state.xs, state.ys, state.lr
    two_over_n = 2 / len(xs)
    w, b, epoch = state.w, state.b, state.epoch
    trail, stride = list(state.trail), state.trail_stride
    for _ in range(n_epochs):
        e = [w * x + b - y for x, y in zip(xs, ys)]
        loss = dot(e, e) / len(e)  # at this epoch's (w, b), before its update
        if not _finite_below(loss, state.max_loss):
            break
        stride = _record(trail, stride, state.max_trail, (epoch, w, b, loss))
        w, b = w - lr * two_over_n * dot(e, xs), b - lr * two_over_n * sum(e)
        epoch += 1
    else:
        loss = _loss(xs, ys, w, b)
    diverged = not _finite_below(loss, state.max_loss)
    if not diverged:
        stride = _record(trail, stride, state.max_trail, (epoch, w, b, loss))
    return replace(state, w=w, b=b, epoch=epoch, loss=loss, trail=tuple(trail),
                   trail_stride=stride, diverged=diverged)


def _record(trail, stride, max_trail, point):
    """Append point = (epoch, w, b, loss) to trail if its epoch is due; thin out; return the stride."""
    if point[0] % stride or point[0] == trail[-1][0]:
        return stride
    trail.append(point)
    if len(trail) > max_trail:
        stride *= 2
        trail[:] = [p for p in trail if p[0] % stride == 0]
    return stride


def critical_lr(xs=ACTION_X, ys=ACTION_Y):
    """The learning rate above which gradient descent diverges: 2/λ_max of the Hessian.

    For loss = (1/n) Σ (w·xᵢ + b − yᵢ)² the Hessian is H = (2/n)·[[Σx², Σx], [Σx, n]], the same
    everywhere; each step multiplies the error along H's eigenvector k by (1 − lr·λₖ), so the steps
    shrink exactly when lr < 2/λ_max. (ys do not matter; the parameter keeps the call uniform.)
    """
    n = len(xs)
    a, c, d = 2 / n * sum(x * x for x in xs), 2 / n * sum(xs), 2.0  # H = [[a, c], [c, d]]
    lam_max = (a + d) / 2 + math.sqrt(((a - d) / 2) ** 2 + c * c)
    return 2 / lam_max
