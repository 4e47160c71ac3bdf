"""Getting started: the reader tunes one neuron, ŷ = w·x + b, by hand and reads off the MSE."""

from backprop import neuron
from backprop.linear_data import MANUAL_START, MANUAL_X, MANUAL_Y
from backprop.settings import Setting, Settings
from backprop.views.numbers import signed

X_ENDS = [-1.0, 1.0]  # the line is drawn across the data's x range

SETTINGS = Settings(
    Setting("w", MANUAL_START[0], "the weight w where its slider starts", low=-1.0, high=1.0,
            step=0.01, address=True),
    Setting("b", MANUAL_START[1], "the bias b where its slider starts", low=-1.0, high=1.0,
            step=0.01, address=True),
)


@SETTINGS.checked_options
def initial(w, b):
    """The data and the starting state, as the page shows them before Python is ready."""
    sliders = {s.name: {"min": f"{s.low:g}", "max": f"{s.high:g}", "step": f"{s.step:g}"}
               for s in SETTINGS}
    return {"points": [[x, y] for x, y in zip(MANUAL_X, MANUAL_Y)], "n": len(MANUAL_X),
            "sliders": sliders, **evaluate(w, b)}


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
