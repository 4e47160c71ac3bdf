"""Getting started: the reader tunes one neuron, ŷ = w·x + b, by hand and reads off the MSE."""

from backprop import neuron
from backprop.linear_data import MANUAL_START, MANUAL_X, MANUAL_Y
from backprop.views.numbers import signed

X_ENDS = [-1.0, 1.0]  # the line is drawn across the data's x range


def initial():
    """The data and the starting state, as the page shows them before Python is ready."""
    return {"points": [[x, y] for x, y in zip(MANUAL_X, MANUAL_Y)], "n": len(MANUAL_X),
            **evaluate(*MANUAL_START)}


def evaluate(w, b):
    """Loss and line for one slider position: the numbers the widget prints."""
    loss = neuron.mse(MANUAL_X, MANUAL_Y, w, b)
    sign = "\u2212" if b < 0 else "+"
    return {
        "w": w,
        "b": b,
        "loss": loss,
        "line": [[x, y] for x, y in zip(X_ENDS, neuron.predict(X_ENDS, w, b))],
        "text": {
            "w": signed(w, 2),
            "b": signed(b, 2),
            "loss": f"{loss:.7f}",
            "equation": f"{signed(w, 2)}\u00b7x {sign} {signed(abs(b), 2)}",
        },
    }


OPS = {"initial": initial, "evaluate": evaluate}
