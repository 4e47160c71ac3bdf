"""See it in action (article 1.5): full-batch gradient descent, from w = b = 0, played like a film.

The run lives in Python, in a session of the figure's own (backprop.sessions), and the page keeps
only what it draws:

    initial(lr, speed)                       epoch 0 and the menus, pre-rendered at build time
    reset(session, lr, epoch=0)              a new run at lr from w = b = 0 (replayed to epoch)
    train(session, epochs, budget_ms, have, shown)
                                             more epochs, for a number of them or a time budget

Each answer carries w and b, the texts, the line, the chart's axes and the trail points the page
lacks (``have``, as backprop.sessions.since). A page does not open its session until the reader
first trains: it shows epoch 0 as the build drew it, and each train call names the run it shows
(``shown``), which Python replays when it has no session of that name. Training stops by itself
when it has converged (the loss is below TOLERANCE) or diverged (backprop.linear_training flags
it), and says which, and why.
"""

import math
import time

from backprop import linear_training as training
from backprop import neuron
from backprop.linear_data import ACTION_X, ACTION_Y
from backprop.sessions import Sessions, since
from backprop.settings import Setting, Settings
from backprop.views.axes import decades, epoch_axis
from backprop.views.numbers import grouped, loss_text, power_of_ten, signed
from backprop.widgets.loss_surface import figure
from backprop.wording import say

LEARNING_RATES = (0.001, 0.01, 0.03, 0.05, 0.1, 0.11)  # 0.11 is past the critical rate: it diverges
TOLERANCE = 1e-6  # below this loss, w and b are within 0.002 of the minimum: nothing visible moves
CHUNK = 32  # epochs between looks at the clock (a chunk takes well under a millisecond)
X_ENDS = [0.0, 5.0]  # the fitted line is drawn across the data's x range

# How the page plays the film: "rate" epochs per second, or as many epochs as fit in "budget_ms"
# of Python time per animation frame.
# Said when a state is made, not at import: one process builds articles in several languages.
def speeds():
    return (
        {"key": "slow", "label": say("lt_speed_slow"), "rate": 1 / 0.15},
        {"key": "normal", "label": say("lt_speed_normal"), "rate": 60},
        {"key": "fast", "label": say("lt_speed_fast"), "budget_ms": 8},
    )


SPEED_KEYS = ("slow", "normal", "fast")

SETTINGS = Settings(
    Setting("lr", 0.03, "the learning rate (any rate joins the menu)", choices=LEARNING_RATES,
            any_value=True, above=0.0, address=True),
    Setting("speed", "normal", "how fast the film plays", choices=SPEED_KEYS,
            address=True),
)


MAX_SESSIONS = 16  # a page has one or two of these figures; the oldest session goes first

SESSIONS = Sessions(MAX_SESSIONS)  # session id → the run's newest training.State


@SETTINGS.checked_options
def initial(lr, speed):
    """Epoch 0 at learning rate lr, and the menus (learning rates, speeds) the page offers."""
    first = training.start(lr)
    return {
        "surface": figure(),
        "points": [[x, y] for x, y in zip(ACTION_X, ACTION_Y)],
        "learning_rates": [{"value": r, "text": f"{r:g}"} for r in SETTINGS["lr"].menu(lr)],
        "speeds": [{**s, "selected": s["key"] == speed} for s in speeds()],
        "state": state_json(first),  # where the page's script starts from, until Python answers
        **picture(first),
    }


def reset(session, lr, epoch=0):
    """A new run at learning rate lr from w = b = 0, replayed for ``epoch`` epochs; all of it."""
    return answer(SESSIONS.open(session, replayed(lr, epoch)))


def train(session, epochs=1, budget_ms=0, have=None, shown=None):
    """Up to ``epochs`` more epochs of the session's run, fewer if ``budget_ms`` (when > 0) runs
    out first; the answer brings the trail points after ``have`` (backprop.sessions.since).

    ``shown`` is the run the page shows, {"lr", "epoch"}: if Python has no session of this name
    (the page has not trained yet, Python was restarted, or the session was dropped as the
    oldest), it replays that run first (``replayed``, as ``reset`` does), so the page never has
    to ask for a run it already shows. Without it, a missing session is an error.
    """
    if session not in SESSIONS and shown is not None:
        SESSIONS.open(session, replayed(shown["lr"], shown["epoch"]))
    s = SESSIONS[session] = advanced(SESSIONS.find(session), epochs, budget_ms)
    return answer(s, have)


def replayed(lr, epoch):
    """The State of a run at learning rate lr from w = b = 0 after ``epoch`` epochs.

    The replay is how a page gets back the very run it shows when Python holds none of it (it
    was restarted, or the page has not trained yet): full-batch descent from the same start
    passes through the same numbers however its epochs are split, and stops where it stopped
    (converged or diverged), so it costs no more than the reader's own run did.
    """
    if not isinstance(epoch, int) or epoch < 0:
        raise ValueError(f"epoch must be a whole number from 0, not {epoch!r}")
    return advanced(training.start(SETTINGS["lr"].check(lr)), epoch)


def advanced(s, epochs, budget_ms=0):
    """The State after up to ``epochs`` more epochs from ``s``, fewer if the budget runs out.

    Stops exactly at the first epoch whose loss is below TOLERANCE, so the result does not depend
    on how the epochs were split between calls (a whole chunk is redone one epoch at a time).
    """
    deadline = time.perf_counter() + budget_ms / 1000 if budget_ms > 0 else None
    left = epochs
    while left > 0 and status(s) == "running":
        k = min(left, CHUNK)
        after = training.step(s, k)
        if status(after) == "converged":
            while status(s) == "running":
                s = training.step(s, 1)
            break
        s, left = after, left - k
        if deadline is not None and time.perf_counter() >= deadline:
            break
    return s


def status(s):
    """The run's status: "diverged", "converged", or "running" (which includes epoch 0)."""
    if s.diverged:
        return "diverged"
    return "converged" if s.loss < TOLERANCE else "running"


def answer(s, have=None):
    """What the page draws for State s: where the run is, the trail points it lacks, the picture."""
    return {"lr": s.lr, "epoch": s.epoch, "w": s.w, "b": s.b,
            "trail": since(s.trail, s.trail_stride, have), **picture(s)}


def picture(s):
    """The run's status, and what the widget draws and prints for it."""
    st = status(s)
    sign = "\u2212" if s.b < 0 else "+"
    losses = [p[3] for p in s.trail] + [s.loss]
    return {
        "status": st,
        "line": [[x, y] for x, y in zip(X_ENDS, neuron.predict(X_ENDS, s.w, s.b))],
        "chart": chart_axes(s.epoch, s.loss, max(losses)),
        "text": {
            "epoch": f"{s.epoch:,}",
            "equation": f"{signed(s.w, 2)}\u00b7x {sign} {signed(abs(s.b), 2)}",
            "loss": _loss_text(s.loss),
            "message": message(s, st),
        },
    }


def message(s, st):
    """What the widget says about the run, in words."""
    if st == "converged":
        return say("lt_converged", epochs=f"{s.epoch:,}", w=signed(s.w, 2), b=signed(s.b, 2),
                   tolerance=_decimal(TOLERANCE))
    if st == "diverged":
        return say("lt_diverged", epochs=f"{s.epoch:,}", limit=f"{s.max_loss:,.0f}", lr=f"{s.lr:g}",
                   critical=f"{training.critical_lr():.3f}")
    return ""


def chart_axes(epoch, loss, top_loss):
    """Axes of the loss-over-epochs chart: epochs 0 to a round number, loss on powers of ten.

    The loss axis is drawn in exponents (log₁₀ of the loss). It runs from a decade below
    TOLERANCE, so the stopping line shows, to the first power of ten at or above every loss so
    far; it grows only when training diverges.
    """
    e_max, epoch_ticks = epoch_axis(epoch)
    tolerance = round(math.log10(TOLERANCE))
    lo = tolerance - 1
    hi = max(1, math.ceil(math.log10(top_loss))) if _positive(top_loss) else 1
    return {
        "epochs": [0, e_max],
        "epoch_ticks": epoch_ticks,
        "exponents": [lo, hi],
        # At most nine labels, the top one always labelled.
        "exponent_ticks": [[k, _power_label(k)] for k in decades(lo, hi, 9, from_top=True)],
        "tolerance": [tolerance, say("lt_tolerance", tolerance=_power_label(tolerance))],
        # Where the current point goes (the page computes the trail's own logarithms).
        "now": [epoch, math.log10(loss) if _positive(loss) else hi],
    }


def _positive(value):
    return math.isfinite(value) and value > 0


def state_json(s):
    """The parts of a training State that change, as JSON (the data and limits are constants): the
    pre-rendered figure carries its starting point so."""
    return {"w": s.w, "b": s.b, "epoch": s.epoch, "loss": _finite(s.loss), "lr": s.lr,
            "trail": [list(p) for p in s.trail], "trail_stride": s.trail_stride,
            "diverged": s.diverged}


def _finite(value):
    return value if math.isfinite(value) else None  # JSON has no infinity


def _loss_text(loss):
    """Six decimals, or more for a tiny loss so that two significant digits show (0.00000097)."""
    return loss_text(loss, 6, digits=2, large_from=1000, large=grouped,
                     undefined=say("too_large_to_show"))


def _decimal(value):
    return f"{value:.{max(0, -math.floor(math.log10(value)))}f}"


def _power_label(k):
    """10ᵏ as text: 1, 10, or with a superscript exponent, 10⁻⁶."""
    return power_of_ten(k, written_out=(0, 1))


OPS = {"initial": initial, "reset": reset, "train": train}
