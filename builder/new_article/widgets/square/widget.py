"""A widget of this article's own: a slider sets x, and Python squares it."""

from backprop.settings import Setting, Settings
from backprop.views.numbers import signed

SETTINGS = Settings(
    Setting("x", 1.5, "where the slider starts", low=-3.0, high=3.0, step=0.1, address=True),
)


@SETTINGS.checked_options
def initial(x):
    """The first state: what the page shows before Python has loaded in the browser."""
    row = SETTINGS["x"]
    return {"low": row.low, "high": row.high, "step": row.step, **square(x)}


def square(x):
    """The numbers the page shows for one position of the slider, as text."""
    return {"x": x, "x_text": signed(x, 1), "square_text": signed(x * x, 2)}


OPS = {"initial": initial, "square": square}
