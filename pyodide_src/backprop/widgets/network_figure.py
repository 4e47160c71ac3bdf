"""A deep network, freshly initialised, drawn with its fit to a curve (article 2.1; no controls).

The drawing itself is ``backprop.views.network``, shared with the network tool, which also shares
the two settings that shape the network and its data (HIDDEN and DATASET).
"""

from backprop import mlp
from backprop.datasets import CURVES, curve
from backprop.settings import Setting, Settings
from backprop.views.network import fill_style, layout, legend, link_style, view


def parse_hidden(text):
    """'8,8,8' or '8-8-8' → [8, 8, 8]; '' or '0' → [] (no hidden layer). ValueError if the parts
    are not whole numbers (their range is the setting's to check)."""
    parts = [p for p in text.replace("-", ",").split(",") if p.strip() != ""]
    if parts == ["0"]:
        return []
    return [int(p) for p in parts]


def hidden_text(hidden):
    """[8, 8, 8] → '8-8-8' and [] → '0', as an address writes the hidden layers."""
    return "-".join(map(str, hidden)) or "0"


HIDDEN = Setting("hidden", [8, 8, 8], "the hidden layers' widths: 8,8,8 (or 8-8-8), 0 for none",
                 low=1, high=mlp.MAX_WIDTH, longest=mlp.MAX_HIDDEN_LAYERS, parse=parse_hidden,
                 write=hidden_text)
DATASET = Setting("dataset", "sin", "the curve the data follow", choices=tuple(CURVES))

SETTINGS = Settings(HIDDEN, DATASET, Setting("seed", 0, "the seed of the first weights"))


@SETTINGS.checked_options
def initial(hidden, dataset, seed):
    """The static figure: a freshly initialised network (see backprop.initialisation) on the data."""
    net = mlp.MLP.random([1, *hidden, 1], seed)
    xs, _ = curve(dataset)
    shown = view(net, xs)
    return {"layout": layout(hidden, with_loss=False), "view": shown,
            "link_styles": [link_style(t) for t in shown["links"]],
            "fill_styles": [fill_style(t) for t in shown["fills"]],
            "hidden": hidden, "legend": legend()}


OPS = {"initial": initial}
