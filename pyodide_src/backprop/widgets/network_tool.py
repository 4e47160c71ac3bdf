"""The Backprop Explainer tool (article 2.3): train a deep network and step through one update.

The page keeps no numbers of its own. Each tool on a page owns a *session* here, named by the id
its script sends, holding a ``mlp.Trainer``; every op takes that id and answers plain JSON:

    initial(...)                      the first state, pre-rendered at build time
    reset(session, settings, ...)     a new network for these settings (and the address text)
    from_address(session, text, ...)  settings read from the page address, then reset
    train(session, budget_ms, ...)    whole epochs for about budget_ms, then one snapshot
    explain(session, index)           one example's forward, loss, backward, update: phase by phase
    apply(session, index)             make exactly that update (Trainer.apply), then a snapshot

Settings: data set, learning rate, batch size, hidden layer widths and the seed. A seed and the
settings give the same run on every host, so the address ``#tool=sin,lr=0.001,batch=1,
layers=8-8-8,seed=0`` reproduces it.
"""

import math
import random
import time
from collections import OrderedDict
from urllib.parse import unquote

from backprop import mlp
from backprop.datasets import CURVES, X_MAX, X_MIN
from backprop.views.axes import decades, epoch_axis
from backprop.views.network import fill_style, layout, legend, link_style, view
from backprop.views.numbers import loss_text as _loss_text, power_of_ten, signed
from backprop.widgets.network_figure import parse_hidden
from backprop.widgets.network_steps import explain_view

DATASETS = list(CURVES)  # sin (the default), cos, tanh
LEARNING_RATES = [0.0001, 0.001, 0.003, 0.005, 0.01, 0.03, 0.1]  # the original's four, then more
BATCH_SIZES = [1, 5, 10, 25, 50]
DEFAULTS = {"dataset": "sin", "lr": 0.001, "batch_size": 1, "hidden": [8, 8, 8], "seed": 0}
MAX_SEED = 999_999
GRID = [X_MIN + (X_MAX - X_MIN) * i / 50 for i in range(51)]  # x of the drawn curve, every 0.2
PLOT_Y = (-6, 6)  # the fit plot's y axis: the data (y = 5 f(x)) and room for a trained curve's overshoot
PLOT_CLIP = 0.5  # the curve is drawn this far past the axis's ends before it is cut off
HISTORY_CAP = 200  # the loss chart keeps between CAP and 2·CAP points, however long the run
MAX_SESSIONS = 16  # a page has a few tools at most; the oldest session goes first
LOSS_PLACES = 5

SESSIONS = OrderedDict()  # session id → Session


# ----- settings and the page address ---------------------------------------------------------

def checked_settings(settings):
    """Settings from the page's own controls, validated (ValueError names the bad one)."""
    s = {**DEFAULTS, **(settings or {})}
    hidden = parse_hidden(s["hidden"]) if isinstance(s["hidden"], str) else list(s["hidden"])
    if (len(hidden) > mlp.MAX_HIDDEN_LAYERS
            or not all(n == int(n) and 1 <= n <= mlp.MAX_WIDTH for n in hidden)):
        raise ValueError(f"hidden layers {hidden!r}: at most {mlp.MAX_HIDDEN_LAYERS} of 1 to "
                         f"{mlp.MAX_WIDTH} neurons")
    hidden = [int(n) for n in hidden]
    if s["dataset"] not in DATASETS:
        raise ValueError(f"unknown data set {s['dataset']!r}")
    if float(s["lr"]) not in LEARNING_RATES:
        raise ValueError(f"learning rate {s['lr']!r} is not offered")
    if int(s["batch_size"]) not in BATCH_SIZES:
        raise ValueError(f"batch size {s['batch_size']!r} is not offered")
    if not 0 <= int(s["seed"]) <= MAX_SEED:
        raise ValueError(f"seed {s['seed']!r} is not in 0…{MAX_SEED}")
    return {"dataset": s["dataset"], "lr": float(s["lr"]), "batch_size": int(s["batch_size"]),
            "hidden": hidden, "seed": int(s["seed"])}


def address_text(settings, key="tool"):
    """The settings as the part of the address after '#': tool=sin,lr=0.001,batch=1,…"""
    layers = "-".join(map(str, settings["hidden"])) or "0"
    return (f"{key}={settings['dataset']},lr={settings['lr']:g},batch={settings['batch_size']},"
            f"layers={layers},seed={settings['seed']}")


def parse_address(text, key="tool"):
    """(settings or None, notice) from an address fragment such as '#tool=cos,lr=0.003,…'.

    None when the fragment has no '<key>=' part (for example a section's anchor). A malformed
    part never fails: it keeps its default and the notice says which part was not understood.
    """
    fragment = unquote(text or "").lstrip("#")
    found = [part[len(key) + 1:] for part in fragment.split("&") if part.startswith(key + "=")]
    if not key or not found:
        return None, ""
    settings, problems = dict(DEFAULTS), []
    readers = {"data": ("dataset", _read_dataset), "lr": ("lr", _read_lr),
               "batch": ("batch_size", _read_batch), "layers": ("hidden", parse_hidden),
               "seed": ("seed", _read_seed)}
    for item in filter(None, found[0].split(",")):
        name, _, value = item.partition("=") if "=" in item else ("data", "", item)
        if name not in readers:
            problems.append(f"“{item}” (unknown setting)")
            continue
        field, read = readers[name]
        try:
            settings[field] = read(value)
        except ValueError:
            problems.append(f"“{item}”")
    notice = ""
    if problems:
        notice = (f"The address had settings this tool does not understand: {', '.join(problems)}. "
                  "Those keep their default values.")
    return settings, notice


def _read_dataset(text):
    if text not in DATASETS:
        raise ValueError(text)
    return text


def _read_lr(text):
    lr = float(text)
    if lr not in LEARNING_RATES:
        raise ValueError(text)
    return lr


def _read_batch(text):
    size = int(text)
    if size not in BATCH_SIZES:
        raise ValueError(text)
    return size


def _read_seed(text):
    seed = int(text)
    if not 0 <= seed <= MAX_SEED:
        raise ValueError(text)
    return seed


# ----- the loss history, bounded -------------------------------------------------------------

class LossHistory:
    """(epoch, loss) points for the chart, thinned as the run grows so that drawing stays cheap.

    Points are kept every ``stride`` epochs; when there are more than 2·cap, every other one goes
    and the stride doubles. The page appends the new points it is sent and redraws from scratch
    only after a thinning.
    """

    def __init__(self, cap=HISTORY_CAP):
        self.cap, self.stride, self.points = cap, 1, []

    def add(self, epoch, loss):
        if loss is None or epoch % self.stride:
            return
        self.points.append([epoch, loss])
        if len(self.points) > 2 * self.cap:
            self.points = self.points[::2]  # epochs 0, s, 2s, … keep 0, 2s, 4s, …
            self.stride *= 2

    def since(self, have=None):
        """The points the page lacks, given what it has: have = [stride, count] (None: nothing).

        Stateless, so an answer the page never received loses nothing: the next one catches up.
        """
        stride, count = have or (0, 0)
        if stride != self.stride or not 0 <= count <= len(self.points):
            return {"replace": True, "stride": self.stride, "points": self.points}
        return {"replace": False, "stride": self.stride, "points": self.points[count:]}


# ----- sessions ------------------------------------------------------------------------------

class Session:
    """One tool's run: its settings, its Trainer, the chart's history, the pending explanation."""

    def __init__(self, settings):
        self.settings = settings
        self.trainer = mlp.Trainer(settings["hidden"], settings["dataset"], settings["lr"],
                                   settings["batch_size"], settings["seed"])
        self.history = LossHistory()
        self.history.add(0, self.trainer.status()["loss"])
        self.examples = random.Random(f"examples-{settings['seed']}")  # the step-through's picks
        self.explained = None  # the index explain() showed last and apply() may still make
        self.extra_steps = 0  # single-example updates applied since the last whole epoch


def session_of(session):
    if session not in SESSIONS:
        raise KeyError(f"no training session {session!r}: reset it first")
    SESSIONS.move_to_end(session)
    return SESSIONS[session]


def open_session(session, settings):
    SESSIONS[session] = Session(settings)
    SESSIONS.move_to_end(session)
    while len(SESSIONS) > MAX_SESSIONS:
        SESSIONS.popitem(last=False)
    return SESSIONS[session]


# ----- what the page draws -------------------------------------------------------------------

def snapshot(s, have=None):
    """The network's state as the page draws it: numbers, texts, the curve and the chart.

    have = [stride, count] says which loss-history points the page has already (LossHistory).
    """
    t = s.trainer
    status = t.status()
    shown = view(t.net, GRID)
    epoch_text = str(t.epoch)
    if s.extra_steps:
        epoch_text += f" + {s.extra_steps} step{'s' if s.extra_steps > 1 else ''}"
    message = ""
    if t.diverged:
        message = (f"Training diverged during epoch {t.epoch}: the loss grew too large to compute "
                   f"(not a number). A learning rate of {t.lr:g} is too large for this network: "
                   "choose a smaller one, or press Reset to start again.")
    elif shown["dead_layer"]:
        advice = ("Try a new seed, or more neurons in that layer." if t.epoch == 0 else
                  "Press Reset, or try a smaller learning rate or a new seed.")
        message = (f"Every neuron of layer {shown['dead_layer']} is off (a = 0) for every x, so "
                   "the prediction is a flat line and no gradient reaches the layers before it: "
                   f"only the output's bias can still learn. {advice}")
    loss = status["loss"]
    return {
        "epoch": t.epoch, "loss": loss, "diverged": t.diverged,
        "text": {"epoch": epoch_text, "message": message, "loss": loss_text(loss),
                 "curve": curve_note(shown["y_hat"])},
        "links": shown["links"], "links_text": shown["links_text"],
        "fills": shown["fills"], "neurons_text": shown["neurons_text"],
        "curve": shown["y_hat"],
        "history": s.history.since(have),
        "chart": chart_axes(s.history.points, t.epoch, loss),
    }


def loss_text(loss):
    """The loss with five decimals; huge ones (on the way to diverging) as 1.234 × 10¹⁸."""
    return _loss_text(loss, LOSS_PLACES)


def curve_note(y_hats):
    """A sentence when the curve leaves the fit plot, else "": an untrained network may predict
    ±20 where the data stay within ±5, and a reader seeing no curve should be told where it is."""
    finite = [y for y in y_hats if y is not None]
    if not finite or PLOT_Y[0] - PLOT_CLIP <= min(finite) and max(finite) <= PLOT_Y[1] + PLOT_CLIP:
        return ""
    return (f"The curve leaves the plot: for x from {signed(X_MIN, 0)} to {signed(X_MAX, 0)}, "
            f"ŷ runs from {signed(min(finite), 1)} to {signed(max(finite), 1)}.")


def chart_axes(points, epoch, loss):
    """The loss chart's axes: epochs from 0 to a round number, loss on a log scale by decades."""
    x_max, x_ticks = epoch_axis(epoch)
    losses = [v for _, v in points if v > 0] + ([loss] if loss else [])
    lo_exp = math.floor(math.log10(max(min(losses), 1e-6))) if losses else -1
    hi_exp = math.ceil(math.log10(min(max(losses), 1e6))) if losses else 2
    hi_exp = max(hi_exp, lo_exp + 1)
    return {"x_max": x_max, "x_ticks": x_ticks,
            "y_min": 10.0 ** lo_exp, "y_max": 10.0 ** hi_exp, "y_exp": [lo_exp, hi_exp],
            "y_ticks": [[10.0 ** e, power_of_ten(e), e] for e in decades(lo_exp, hi_exp, 7)]}


def graph_title(hidden):
    widths = ", ".join(map(str, hidden))
    layers = (f"{len(hidden)} hidden layer{'s' if len(hidden) > 1 else ''} of {widths} ReLU "
              f"neuron{'s' if hidden != [1] else ''}" if hidden else "no hidden layer")
    return (f"The network: the input x, {layers}, the linear output ŷ and the loss; links are "
            "coloured by weight, neurons filled by activation.")


def full_state(s, notice="", key="tool"):
    """Everything needed to (re)build the tool for a session: layout, data, snapshot, address."""
    t = s.trainer
    hidden = s.settings["hidden"]
    return {
        "settings": s.settings, "address": address_text(s.settings, key) if key else "",
        "notice": notice,
        "layout": layout(hidden),
        "can": {"add_layer": len(hidden) < mlp.MAX_HIDDEN_LAYERS, "remove_layer": len(hidden) > 0,
                "add_neuron": [n < mlp.MAX_WIDTH for n in hidden],
                "remove_neuron": [n > 1 for n in hidden]},
        "points": [[x, y] for x, y in zip(t.xs, t.ys)],
        "points_text": [f"data point {i + 1} of {len(t.xs)}: x = {signed(x, 2)}, y = {signed(y, 2)}"
                        for i, (x, y) in enumerate(zip(t.xs, t.ys))],
        "graph_title": graph_title(hidden),
        "grid": GRID,
        "snapshot": snapshot(s),
    }


# ----- ops -----------------------------------------------------------------------------------

def initial(hidden="8,8,8", dataset="sin", lr=0.001, batch_size=1, seed=0, address_key="tool"):
    """The tool's first state, computed at build time (options are the directive's)."""
    settings = checked_settings({"hidden": hidden, "dataset": dataset, "lr": lr,
                                 "batch_size": batch_size, "seed": seed})
    state = full_state(Session(settings), key=address_key)
    snap = state["snapshot"]
    state.update(
        options={"datasets": DATASETS, "learning_rates": [[lr, f"{lr:g}"] for lr in LEARNING_RATES],
                 "batch_sizes": BATCH_SIZES, "max_layers": mlp.MAX_HIDDEN_LAYERS,
                 "max_width": mlp.MAX_WIDTH},
        address_key=address_key, legend=legend(), plot_y=PLOT_Y, plot_clip=PLOT_CLIP,
        loss_exp=math.log10(snap["loss"]),  # where the static chart's one point sits
        curve_points=[[x, y] for x, y in zip(GRID, snap["curve"])],
        link_styles=[link_style(t) for t in snap["links"]],
        fill_styles=[fill_style(t) for t in snap["fills"]])
    return state


def reset(session, settings=None, new_seed=False, key="tool"):
    """A new network for these settings (the seed drawn afresh if new_seed); the full state.

    key names the tool's part of the page address ('' for none), as in the directive.
    """
    settings = checked_settings(settings)
    if new_seed:
        settings["seed"] = random.SystemRandom().randrange(MAX_SEED + 1)
    return full_state(open_session(session, settings), key=key)


def from_address(session, text, key="tool", settings=None):
    """Reset to the settings in the page address, or to ``settings`` if it holds none for us.

    'found' says which: the page scrolls to the tool when a shared address brought the reader.
    Without fallback settings, an address that is not ours changes nothing ({'found': False}).
    """
    read, notice = parse_address(text, key)
    if read is None and settings is None:
        return {"found": False}
    chosen = checked_settings(read if read is not None else settings)
    return {"found": read is not None, **full_state(open_session(session, chosen), notice, key)}


def train(session, budget_ms=8.0, max_epochs=0, have=None):
    """Whole epochs, at least one: until budget_ms have passed and/or max_epochs have run.

    A limit of 0 is no limit; with neither limit, one epoch. Then one snapshot (have: see
    LossHistory.since).
    """
    s = session_of(session)
    t = s.trainer
    started = time.perf_counter()
    ran = 0
    while not t.diverged:
        status = t.train_epoch()
        s.extra_steps = 0
        s.explained = None  # the model moved on: an old explanation may no longer be applied
        s.history.add(status["epoch"], status["loss"])
        ran += 1
        out_of_time = budget_ms and (time.perf_counter() - started) * 1000 >= budget_ms
        if (max_epochs and ran >= max_epochs) or out_of_time or not (max_epochs or budget_ms):
            break
    trained = time.perf_counter()
    snap = snapshot(s, have)
    # How long the epochs and the snapshot took, for tests/bench_network.py (not shown).
    ended = time.perf_counter()
    timing = [round((trained - started) * 1000, 2), round((ended - trained) * 1000, 2)]
    return {**snap, "ran": ran, "timing_ms": timing}


def explain(session, index=None):
    """One example (index, or a random pick from the seed), explained phase by phase."""
    s = session_of(session)
    t = s.trainer
    if t.diverged:
        raise ValueError("the network has diverged: reset it before stepping through an update")
    if index is None:
        index = s.examples.randrange(len(t.xs))
    index = int(index)
    if not 0 <= index < len(t.xs):
        raise ValueError(f"no data point {index}")
    s.explained = index
    return explain_view(t.explain(index), t.net, GRID, index, len(t.xs))


def apply(session, index, have=None):
    """Make the update explain(index) showed, exactly once; then the snapshot.

    'applied' is False (and nothing changes) if that explanation is not the pending one, for
    example after it was applied already or training moved on in between.
    """
    s = session_of(session)
    applied = s.explained == index and not s.trainer.diverged
    if applied:
        s.trainer.apply(index)
        s.explained = None
        s.extra_steps += 1
    return {**snapshot(s, have), "applied": applied}


OPS = {"initial": initial, "reset": reset, "from_address": from_address, "train": train,
       "explain": explain, "apply": apply}
