"""Gradient descent on the loss surface (article 1.3): the reader places a point and steps.

The four steps of the article, each with its numbers:
  1. a point (w, b) and its loss;
  2. the gradient ∇loss = (∂loss/∂w, ∂loss/∂b), which points the way the loss rises fastest;
  3. the same arrow flipped and scaled by the learning rate: −lr·∇loss;
  4. the step: (w, b) := (w, b) − lr·∇loss, which is exactly neuron.step.
"""

import math

from backprop import neuron, surface
from backprop.linear_data import ACTION_X, ACTION_Y
from backprop.settings import Setting, Settings
from backprop.views.numbers import signed
from backprop.widgets.loss_surface import figure
from backprop.wording import say

LEARNING_RATES = (0.01, 0.05, 0.1, 0.2)  # 0.2 is past the critical rate (about 0.101): it overshoots
NUDGE = 0.1  # how far one arrow-key press moves the point, in w or in b (ten times with Shift)
MAGNIFICATION = 10  # the inset shows the neighbourhood of the point this many times larger
MAX_LOSS = 1e6  # a step that would land above this loss is refused: the reader should reset

SETTINGS = Settings(
    Setting("lr", 0.05, "the learning rate (any rate joins the menu)", choices=LEARNING_RATES,
            any_value=True, above=0.0, address=True),
    Setting("w", -0.15, "the starting point's weight w, on the map", low=surface.W_RANGE[0],
            high=surface.W_RANGE[1]),
    Setting("b", 2.0, "the starting point's bias b, on the map", low=surface.B_RANGE[0],
            high=surface.B_RANGE[1]),
)


@SETTINGS.checked_options
def initial(lr, w, b):
    """The starting point of the original's figure, (−0.15, 2.00), and the learning-rate menu."""
    return {
        "surface": figure(),
        "learning_rates": [{"value": r, "text": f"{r:g}"} for r in SETTINGS["lr"].menu(lr)],
        "keys_help": say("gd_keys_step", step=f"{NUDGE:g}", big_step=f"{10 * NUDGE:g}"),
        "magnification": MAGNIFICATION,
        **evaluate(w, b, lr),
    }


def evaluate(w, b, lr):
    """Everything the four steps show for the point (w, b) at learning rate lr."""
    loss = neuron.mse(ACTION_X, ACTION_Y, w, b)
    dloss_dw, dloss_db = neuron.gradient(ACTION_X, ACTION_Y, w, b)
    delta_w, delta_b = -lr * dloss_dw, -lr * dloss_db  # step 3: flipped, scaled by lr
    next_w, next_b = neuron.step(ACTION_X, ACTION_Y, w, b, lr)  # step 4: (w + delta_w, b + delta_b)
    next_loss = neuron.mse(ACTION_X, ACTION_Y, next_w, next_b)
    slope = math.hypot(dloss_dw, dloss_db)  # |∇loss|: how steep the ground is here
    flat = slope < 1e-12
    point_off, landing_off = off_map(w, b), off_map(next_w, next_b, "gd_lands_off_map")
    if flat:
        note = say("gd_flat")
    elif point_off:
        note = say("gd_left_map")
    else:
        note = ""
    return {
        "w": w,
        "b": b,
        "lr": lr,
        "loss": loss,
        "gradient": [dloss_dw, dloss_db],
        "next": [next_w, next_b],
        "next_loss": next_loss,
        "flat": flat,
        "point_off_map": point_off,
        "landing_off_map": landing_off,
        "text": {
            "w": signed(w, 4),
            "b": signed(b, 4),
            "loss": f"{loss:.4f}",
            "dloss_dw": signed(dloss_dw, 3),
            "dloss_db": signed(dloss_db, 3),
            "slope": f"{slope:.3f}",
            "lr": f"{lr:g}",
            "delta_w": signed(delta_w, 4),
            "delta_b": signed(delta_b, 4),
            "step_length": f"{lr * slope:.4f}",
            "next_w": signed(next_w, 4),
            "next_b": signed(next_b, 4),
            "next_loss": f"{next_loss:.4f}",
            "point": say("gd_point_off" if point_off else "gd_point", w=signed(w, 4), b=signed(b, 4),
                         loss=f"{loss:.4f}"),
            "note": note,
        },
    }


def off_map(w, b, wording="gd_off_map"):
    """How the figure shows a point that lies off the map, or None for a point on it.

    The point is drawn at the nearest place on the map's frame ("edge"), with an arrow pointing
    out of the frame the way the point lies ("out": −1, 0 or +1 in w and in b) and a label,
    the coordinates the map cannot show in the sentence ``wording`` (backprop.wording).
    """
    (w_lo, w_hi), (b_lo, b_hi) = surface.W_RANGE, surface.B_RANGE
    out = [_side(w, w_lo, w_hi), _side(b, b_lo, b_hi)]
    if out == [0, 0]:
        return None
    beyond = []
    for name, value, side, (lo, hi) in (("w", w, out[0], surface.W_RANGE),
                                        ("b", b, out[1], surface.B_RANGE)):
        if side:
            beyond.append(f"{name} = {_beyond(value, lo if side < 0 else hi)}")
    return {"edge": [_clamp(w, w_lo, w_hi), _clamp(b, b_lo, b_hi)], "out": out,
            "text": say(wording, coordinates=", ".join(beyond))}


def place(w, b, lr):
    """The point where the reader clicked or dragged: rounded to 0.01 and kept on the map."""
    (w_lo, w_hi), (b_lo, b_hi) = figure()["w_range"], figure()["b_range"]
    return evaluate(_clamp(round(w, 2), w_lo, w_hi), _clamp(round(b, 2), b_lo, b_hi), lr)


def nudge(w, b, lr, dw=0, db=0):
    """The point moved by dw·NUDGE in w and db·NUDGE in b (an arrow key), kept on the map.

    round(…, 10) only removes the float noise of the addition (−0.15 + 0.1 is −0.04999…).
    """
    (w_lo, w_hi), (b_lo, b_hi) = figure()["w_range"], figure()["b_range"]
    return evaluate(_clamp(round(w + dw * NUDGE, 10), w_lo, w_hi),
                    _clamp(round(b + db * NUDGE, 10), b_lo, b_hi), lr)


def step(w, b, lr, n=1):
    """n gradient-descent steps from (w, b) (a quick double click asks for two at once).

    Stops early, with a note, before a step that would send the loss off towards infinity.
    """
    for _ in range(n):
        next_w, next_b = neuron.step(ACTION_X, ACTION_Y, w, b, lr)
        next_loss = neuron.mse(ACTION_X, ACTION_Y, next_w, next_b)
        if not (math.isfinite(next_loss) and next_loss <= MAX_LOSS):
            view = evaluate(w, b, lr)
            view["text"]["note"] = say("gd_too_far", limit=f"{MAX_LOSS:,.0f}", lr=f"{lr:g}")
            return view
        w, b = next_w, next_b
    return evaluate(w, b, lr)


def _clamp(value, lo, hi):
    return min(max(value, lo), hi)


def _beyond(value, bound):
    """A value past the map's bound with one decimal, or more if one would print the bound itself
    (−5.04 is not "−5.0")."""
    for places in range(1, 5):
        if round(value, places) != bound:
            break
    return signed(value, places)


def _side(value, lo, hi):
    """−1 below the range, +1 above it, 0 within it."""
    return -1 if value < lo else 1 if value > hi else 0


OPS = {"initial": initial, "evaluate": evaluate, "place": place, "nudge": nudge, "step": step}
