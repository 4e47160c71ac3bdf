"""A concrete example: one training example through the forward pass, the backward pass, one
gradient-descent update and the forward pass again, every number as the page prints it.

The arithmetic is ``backprop.concrete.example``; this module only turns its floats into text.
Each printed number keeps at most four decimals (three significant digits when it is smaller than
0.01, at most about seven digits in all when it is large), so float noise such as 1.0798000000000001 never reaches the page, and an equation whose
printed result or operands were rounded says so with "≈" instead of "=".
"""

import math

from backprop import concrete
from backprop.settings import Setting, Settings
from backprop.views.numbers import in_parens, signed
from backprop.wording import say

# The example's numbers. The page's number fields take their limits and steps from these rows,
# and ``evaluate`` refuses anything outside them.
SETTINGS = Settings(
    Setting("x", 2.1, "the example's input x", low=-10.0, high=10.0, step=0.1),
    Setting("y", 4.0, "the example's true output y", low=-10.0, high=10.0, step=0.1),
    Setting("w", 1.0, "the weight w before the update", low=-10.0, high=10.0, step=0.1),
    Setting("b", 0.0, "the bias b before the update", low=-10.0, high=10.0, step=0.1),
    Setting("lr", 0.01, "the learning rate", low=0.0, high=1.0, step=0.01),
)

MAX_PLACES = 8  # below about 1e-8 a number prints as 0 (with "≈" unless it is float noise)


def shown(value):
    """``(text, rounded)``: the value as printed, and whether printing changed it."""
    size = abs(value)
    if size == 0:
        places = 0
    elif size < 0.01:
        places = min(MAX_PLACES, 2 - math.floor(math.log10(size)))  # three significant digits
    else:
        places = max(0, min(4, 6 - math.floor(math.log10(size))))  # at most about 7 digits
    text = signed(value, places)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    printed = float(text.replace("\u2212", "-"))
    # Differences far below the last printed digit are float noise (2.1 + 1.9 is not 4.0).
    rounded = abs(printed - value) > 1e-9 * max(1.0, size)
    return text, rounded


@SETTINGS.checked_options
def initial(x, y, w, b, lr):
    """The article's example (the options change it) and the limits of the reader's fields."""
    state = evaluate(x, y, w, b, lr)
    state["inputs"] = {
        s.name: {
            # The field's value must be an ASCII number; the "text" version is for reading.
            "value": f"{value:.10g}",
            "min": s.low, "max": s.high, "step": s.step,
            "range_text": say("ce_range", low=shown(s.low)[0], high=shown(s.high)[0]),
        }
        for s, value in zip(SETTINGS, (x, y, w, b, lr))
    }
    return state


def evaluate(x, y, w, b, lr):
    """Every number of both graphs, the update and the second forward pass, as text."""
    given = SETTINGS.checked({"x": x, "y": y, "w": w, "b": b, "lr": lr})
    n = concrete.example(given["x"], given["y"], given["w"], given["b"], given["lr"])

    text, rounded = {}, {}
    for name in ("x", "y", "w", "b", "lr", "y_hat", "loss", "dloss_dyhat", "dloss_dw", "dloss_db",
                 "new_w", "new_b", "new_y_hat", "new_loss", "decrease"):
        text[name], rounded[name] = shown(n[name])
    t = {k: in_parens(v) for k, v in text.items()}  # "0.01 · (−7.98)"

    # Each worked-out line reads "formula = numbers put in = result". The first sign is "≈" when a
    # number put in was rounded for printing, the second also when the result was.
    worked = {
        # forward: ŷ = w·x + b, loss = (ŷ − y)²
        "y_hat": (f"{t['w']} \u00b7 {t['x']} + {t['b']}", "w", "x", "b"),
        "loss": (f"({text['y_hat']} \u2212 {t['y']})\u00b2", "y_hat", "y"),
        # backward: ∂loss/∂ŷ = 2(ŷ − y), ∂loss/∂w = x · ∂loss/∂ŷ, ∂loss/∂b = 1 · ∂loss/∂ŷ
        "dloss_dyhat": (f"2 \u00b7 ({text['y_hat']} \u2212 {t['y']})", "y_hat", "y"),
        "dloss_dw": (f"{t['x']} \u00b7 {t['dloss_dyhat']}", "x", "dloss_dyhat"),
        "dloss_db": (f"1 \u00b7 {t['dloss_dyhat']}", "dloss_dyhat"),
        # update: w′ = w − lr·∂loss/∂w, b′ = b − lr·∂loss/∂b
        "new_w": (f"{text['w']} \u2212 {t['lr']} \u00b7 {t['dloss_dw']}", "w", "lr", "dloss_dw"),
        "new_b": (f"{text['b']} \u2212 {t['lr']} \u00b7 {t['dloss_db']}", "b", "lr", "dloss_db"),
        # forward again with the new parameters
        "new_y_hat": (f"{t['new_w']} \u00b7 {t['x']} + {t['new_b']}", "new_w", "x", "new_b"),
        "new_loss": (f"({text['new_y_hat']} \u2212 {t['y']})\u00b2", "new_y_hat", "y"),
        "decrease": (f"{text['loss']} \u2212 {t['new_loss']}", "loss", "new_loss"),
    }
    sign = {False: "=", True: "\u2248"}
    rel = {name: sign[r] for name, r in rounded.items()}  # symbol = printed value
    for name, (expression, *operands) in worked.items():
        inputs_rounded = any(rounded[o] for o in operands)
        text[f"{name}_sum"] = expression
        rel[f"{name}_sum"] = sign[inputs_rounded]
        rel[f"{name}_eq"] = sign[inputs_rounded or rounded[name]]

    text["verdict"] = verdict(n, text)
    return {"values": n, "text": text, "rel": rel}


def verdict(n, text):
    """One sentence on what the step did to the loss (the page's one live announcement)."""
    if shown(n["loss"]) == ("0", False):  # exactly 0 up to float noise
        return say("ce_exact")
    if n["lr"] == 0:
        return say("ce_no_step")
    noise = 1e-9 * max(1.0, n["loss"])
    if n["decrease"] > noise:
        return say("ce_lowered", before=text["loss"], after=text["new_loss"])
    if n["decrease"] < -noise:
        return say("ce_overshot", before=text["loss"], after=text["new_loss"])
    return say("ce_unchanged")


OPS = {"initial": initial, "evaluate": evaluate}
