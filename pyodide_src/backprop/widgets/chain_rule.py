"""The chain rule (article 1.3): an input x runs through three linear neurons,

    a₁ = w₁·x + b₁,   a₂ = w₂·a₁ + b₂,   a₃ = w₃·a₂ + b₃,

and the widget shows every value, every local derivative and their product ∂a₃/∂x.

The page keeps two things: the slider's x and a seed. Seed None means the article's default
neurons (chain.DEFAULT_PARAMS); the "New weights and biases" button counts the seed up, so the
k-th draw is always the same neurons. Every op recomputes everything from (x, seed), so a new draw
and a slider move can never leave a stale number behind.
"""

from decimal import Decimal

from backprop import chain
from backprop.settings import Setting, Settings
from backprop.views.numbers import signed
from backprop.wording import say

OUTPUT_PLACES = 3  # the article's a₁, a₂, a₃
PARAM_PLACES = 2  # weights and biases are drawn with two decimals
# With two-decimal weights and biases and a whole-number x, a₃ has at most six decimals, so six
# places print a₃ and ∂a₃/∂x = w₁·w₂·w₃ exactly: the reader can check the chain rule to the digit.
EXACT_PLACES = 6

SETTINGS = Settings(
    Setting("x", chain.DEFAULT_X, "the input x where the slider starts", low=chain.X_MIN,
            high=chain.X_MAX, step=1, address=True),
)


@SETTINGS.checked_options
def initial(x):
    """The article's default neurons at the starting input, as the page shows them before Python runs."""
    return {**evaluate(x), "x_min": SETTINGS["x"].low, "x_max": SETTINGS["x"].high}


def evaluate(x, seed=None):
    """Every number the widget prints for input x with the neurons of draw `seed` (None: defaults)."""
    x = SETTINGS["x"].check(x)
    params = _params(seed)
    view = chain.evaluate(x, params)
    a1, a2, a3 = view["outputs"]
    (w1, b1), (w2, b2), (w3, b3) = params
    d1, d2, d3 = view["local_derivatives"]
    derivative = view["derivative"]

    # The check: one step of the slider changes a₃ by exactly ∂a₃/∂x, because every neuron is a
    # straight line (its slope is the same everywhere).
    x_next = x + 1
    a3_next = chain.forward(x_next, params)[-1]
    change = a3_next - a3
    change_text = signed(change, EXACT_PLACES)
    derivative_text = signed(derivative, EXACT_PLACES)

    text = {
        "x": str(x),
        "a1": signed(a1, OUTPUT_PLACES),
        "a2": signed(a2, OUTPUT_PLACES),
        "a3": signed(a3, OUTPUT_PLACES),
        "w1": signed(w1, PARAM_PLACES), "b1": signed(b1, PARAM_PLACES),
        "w2": signed(w2, PARAM_PLACES), "b2": signed(b2, PARAM_PLACES),
        "w3": signed(w3, PARAM_PLACES), "b3": signed(b3, PARAM_PLACES),
        "d1": signed(d1, PARAM_PLACES),
        "d2": signed(d2, PARAM_PLACES),
        "d3": signed(d3, PARAM_PLACES),
        "derivative": derivative_text,
        "x_next": str(x_next),
        "a3_exact": signed(a3, EXACT_PLACES),
        "a3_next_exact": signed(a3_next, EXACT_PLACES),
        "change": change_text,
        "verdict": say("cr_same" if change_text == derivative_text else "cr_not_same"),
        "source": _source_text(seed),
    }
    # The equations under the figure print w·(input) + b with the numbers shown; say "=" only
    # where those printed numbers really give the printed result, "≈" where rounding got between.
    for k, previous in ((1, "x"), (2, "a1"), (3, "a2")):
        text[f"rel{k}"] = _relation(text[f"w{k}"], text[previous], text[f"b{k}"], text[f"a{k}"])
    return {**view, "seed": seed, "x_next": x_next, "a3_next": a3_next, "change": change,
            "text": text}


def _relation(w_text, input_text, b_text, output_text):
    """'=' if w·input + b equals the output exactly in the printed decimals, else '≈'."""
    def number(text):
        return Decimal(text.replace("\u2212", "-"))
    exact = number(w_text) * number(input_text) + number(b_text) == number(output_text)
    return "=" if exact else "\u2248"


def _params(seed):
    if seed is None:
        return chain.DEFAULT_PARAMS
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ValueError(f"seed must be a whole number from 0 up, or None, not {seed!r}")
    return chain.random_params(seed)


def _source_text(seed):
    if seed is None:
        return say("cr_article_values")
    return say("cr_random_draw", seed=seed)


OPS = {"initial": initial, "evaluate": evaluate}
