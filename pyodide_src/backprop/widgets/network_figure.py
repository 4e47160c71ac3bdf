"""A deep network, freshly initialised, drawn with its fit to a curve (article 2.1; no controls).

The drawing itself is ``backprop.views.network``, shared with the network tool.
"""

from backprop import mlp
from backprop.datasets import curve
from backprop.views.network import fill_style, layout, legend, link_style, view


def parse_hidden(text):
    """'8,8,8' or '8-8-8' → [8, 8, 8]; '' or '0' → [] (no hidden layer). ValueError if invalid."""
    parts = [p for p in text.replace("-", ",").split(",") if p.strip() != ""]
    if parts == ["0"]:
        return []
    try:
        hidden = [int(p) for p in parts]
    except ValueError:
        raise ValueError(f"hidden layers must be whole numbers, not {text!r}") from None
    if len(hidden) > mlp.MAX_HIDDEN_LAYERS or not all(1 <= n <= mlp.MAX_WIDTH for n in hidden):
        raise ValueError(f"at most {mlp.MAX_HIDDEN_LAYERS} hidden layers of 1 to "
                         f"{mlp.MAX_WIDTH} neurons, not {text!r}")
    return hidden


def initial(hidden="8,8,8", dataset="sin", seed=0):
    """The static figure: a freshly initialised network (He weights, biases 0.5) on the data."""
    layers = parse_hidden(hidden)
    net = mlp.MLP.random([1, *layers, 1], seed)
    xs, _ = curve(dataset)
    shown = view(net, xs)
    return {"layout": layout(layers, with_loss=False), "view": shown,
            "link_styles": [link_style(t) for t in shown["links"]],
            "fill_styles": [fill_style(t) for t in shown["fills"]],
            "hidden": layers, "legend": legend()}


OPS = {"initial": initial}
