"""What the network tool's page draws: the snapshot after each op, and the full state after a reset.

Every number and text the page shows comes from here (the page only draws): the graph's colours
and texts (backprop.views.network), the fit plot's curve, the loss chart's axes and history.
"""

import math

from backprop import mlp
from backprop.datasets import X_MAX, X_MIN
from backprop.views.axes import decades, epoch_axis
from backprop.views.network import layout, view
from backprop.views.numbers import loss_text, power_of_ten, signed
from backprop.widgets.network_tool.settings import address_text
from backprop.wording import say

GRID = [X_MIN + (X_MAX - X_MIN) * i / 50 for i in range(51)]  # x of the drawn curve, every 0.2
PLOT_Y = (-6, 6)  # the fit plot's y axis: the data (y = 5 f(x)) and room for a trained curve's overshoot
PLOT_CLIP = 0.5  # the curve is drawn this far past the axis's ends before it is cut off
LOSS_PLACES = 5  # huge losses (on the way to diverging) read 1.234 × 10¹⁸


def snapshot(s, have=None, texts=True):
    """The network's state as the page draws it: numbers, texts, the curve and the chart.

    have = [stride, count] says which loss-history points the page has already (LossHistory);
    "next" says what it will have once it has taken this in. Without ``texts``, the links' and
    neurons' texts (which the page shows on hover and focus) are left out: while training plays,
    the page gets them only a few times a second.
    """
    t = s.trainer
    status = t.status()
    shown = view(t.net, GRID, texts)
    epoch_text = str(t.epoch)
    if s.extra_steps:
        epoch_text = say("nt_extra_steps" if s.extra_steps > 1 else "nt_extra_step",
                         epoch=t.epoch, steps=s.extra_steps)
    message = ""
    if t.diverged:
        message = say("nt_diverged", epoch=t.epoch, lr=f"{t.lr:g}")
    elif shown["dead_layer"]:
        advice = say("nt_dead_advice_start" if t.epoch == 0 else "nt_dead_advice_later")
        message = say("nt_dead_layer", layer=shown["dead_layer"], advice=advice)
    loss = status["loss"]
    snap = {
        "epoch": t.epoch, "loss": loss, "diverged": t.diverged,
        "text": {"epoch": epoch_text, "message": message, "loss": loss_text(loss, LOSS_PLACES),
                 "curve": curve_note(shown["y_hat"])},
        "links": shown["links"], "fills": shown["fills"], "curve": shown["y_hat"],
        "history": s.history.since(have),
        "next": {"have": [s.history.stride, len(s.history.points)]},
        "chart": chart_axes(s.history.points, t.epoch, loss),
    }
    if texts:
        snap.update(links_text=shown["links_text"], neurons_text=shown["neurons_text"])
    return snap


def curve_note(y_hats):
    """A sentence when the curve leaves the fit plot, else "": an untrained network may predict
    ±20 where the data stay within ±5, and a reader seeing no curve should be told where it is."""
    finite = [y for y in y_hats if y is not None]
    if not finite or PLOT_Y[0] - PLOT_CLIP <= min(finite) and max(finite) <= PLOT_Y[1] + PLOT_CLIP:
        return ""
    return say("nt_curve_leaves", x_low=signed(X_MIN, 0), x_high=signed(X_MAX, 0),
               low=signed(min(finite), 1), high=signed(max(finite), 1))


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
    if not hidden:
        return say("nt_graph_none")
    if hidden == [1]:
        return say("nt_graph_one_neuron")
    return say("nt_graph_one" if len(hidden) == 1 else "nt_graph_many", layers=len(hidden),
               widths=", ".join(map(str, hidden)))


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
        "points_text": [say("nt_point", number=i + 1, count=len(t.xs), x=signed(x, 2),
                            y=signed(y, 2)) for i, (x, y) in enumerate(zip(t.xs, t.ys))],
        "graph_title": graph_title(hidden),
        "grid": GRID,
        "snapshot": snapshot(s),
    }
