"""The drawing of a deep network: where every neuron and link goes, and how a value is drawn.

The network tool and the static figure of article 2.1 (widgets network_tool and network_figure)
draw with the same Jinja macro from the same ``layout`` and the same colour rules, so they look
alike; the tool's script redraws from the numbers below (``link_t``, ``fill_t``) with the very
same two formulas.

Numbering as in ``backprop.mlp``: layer 0 is the input x, layers 1 … L−1 are the hidden ReLU
layers and layer L is the linear output ŷ. Link (l, j, k) is weight W[l][j][k]: from neuron k of
layer l to neuron j of layer l+1. Neurons and links are listed in that order (layer, then j, then
k), which is also the order of the flat lists of values the tool sends.
"""

import math

from backprop import fused
from backprop.views.numbers import signed
from backprop.wording import say

WIDTH, HEIGHT = 640, 400  # the graph's viewBox
MARGIN_X = 34  # input column; the loss node sits at WIDTH − MARGIN_X
OUTPUT_GAP = 90  # from the output column to the loss node
MARGIN_Y = 46  # room above and below for the arrows of the top and bottom neurons
MAX_PITCH = 43  # vertical distance between neighbouring neurons
RADIUS = 12
ARROW_MIN, ARROW_MAX = 4.0, 34.0  # an arrow's length in user units (see network_tool.steps)

# A weight's colour and width grow with |w| up to W_SAT and then stay put; an activation's fill
# grows up to A_SAT. Starting weights are mostly below 1.5 in size; the curves run from −5 to 5.
W_SAT = 1.5
A_SAT = 5.0
WEIGHT_PLACES = 3
ACTIVATION_PLACES = 3


def layer_name(l, last):
    if l == 0:
        return say("net_input")
    if l == last:
        return say("net_output")
    return say("net_layer", layer=l)


def neuron_name(l, j, last):
    """'neuron 3 of layer 2', or the input and output by their symbols."""
    return layer_name(l, last) if l in (0, last) else say("net_neuron", neuron=j + 1, layer=l)


def layout(hidden, with_loss=True):
    """Positions and accessible names of every neuron and link of a 1-hidden…-1 network.

    Columns are spread evenly from the input to the output (and the loss node, if with_loss);
    each column's neurons are centred. Links are cubic curves leaving a neuron to the right and
    arriving from the left.
    """
    sizes = [1, *hidden, 1]
    last = len(sizes) - 1
    x_out = WIDTH - MARGIN_X - (OUTPUT_GAP if with_loss else 0)
    xs = [MARGIN_X + (x_out - MARGIN_X) * l / last for l in range(last + 1)]
    pitch = min(MAX_PITCH, (HEIGHT - 2 * MARGIN_Y) / max(1, max(sizes) - 1))
    neurons, columns = [], []
    for l, n in enumerate(sizes):
        top = HEIGHT / 2 - pitch * (n - 1) / 2
        kind = "input" if l == 0 else "output" if l == last else "hidden"
        columns.append({"layer": l, "size": n, "x": round(xs[l], 2),
                        "x_pct": round(100 * xs[l] / WIDTH, 3), "kind": kind})
        for j in range(n):
            neurons.append({"layer": l, "index": j, "kind": kind, "x": round(xs[l], 2),
                            "y": round(top + pitch * j, 2), "label": neuron_name(l, j, last)})
    first = [0]  # index in `neurons` of each layer's first neuron
    for n in sizes:
        first.append(first[-1] + n)
    links = []
    for l in range(last):
        for j in range(sizes[l + 1]):
            target = neurons[first[l + 1] + j]
            for k in range(sizes[l]):
                source = neurons[first[l] + k]
                links.append({"layer": l, "j": j, "k": k, "d": _curve(source, target),
                              "label": say("net_link", source=neuron_name(l, k, last),
                                               target=neuron_name(l + 1, j, last))})
    output = neurons[-1]
    loss = {"x": WIDTH - MARGIN_X, "y": output["y"]}
    return {"width": WIDTH, "height": HEIGHT, "radius": RADIUS, "sizes": sizes,
            "columns": columns, "neurons": neurons, "links": links, "loss": loss,
            "arrow": {"dx": RADIUS + 5, "min": ARROW_MIN, "max": ARROW_MAX}}


def _curve(source, target):
    x1, y1 = source["x"] + RADIUS, source["y"]
    x2, y2 = target["x"] - RADIUS, target["y"]
    xm = (x1 + x2) / 2
    return f"M{x1:.1f} {y1:.1f}C{xm:.1f} {y1:.1f} {xm:.1f} {y2:.1f} {x2:.1f} {y2:.1f}"


def finite_or_none(value):
    return value if value is not None and math.isfinite(value) else None


def link_t(w):
    """A weight on the colour scale: w/W_SAT clipped to [−1, 1]; None when w is not finite.

    The drawing: colour from grey (0) to red (−1) or blue (+1), width from 0.6 to 4.2, and a
    dashed line when w < 0, so the sign never rests on colour alone.
    """
    if w is None or not math.isfinite(w):
        return None
    return round(max(-1.0, min(1.0, w / W_SAT)), 3)


def fill_t(a):
    """An activation on the fill scale: a/A_SAT clipped to [0, 1] (ReLU outputs are ≥ 0)."""
    if a is None or not math.isfinite(a):
        return None
    return round(max(0.0, min(1.0, a / A_SAT)), 3)


def link_style(t):
    """The style a link gets for scale value t (the script's linkStyle does the same)."""
    if t is None:
        return "stroke:var(--nt-zero);stroke-width:1px"
    side = "pos" if t > 0 else "neg"
    return (f"stroke:color-mix(in srgb,var(--nt-{side}) {abs(t) * 100:.1f}%,var(--nt-zero));"
            f"stroke-width:{0.6 + 3.6 * abs(t):.2f}px")


def fill_style(t):
    """The fill a neuron gets for scale value t (the script's fillStyle does the same)."""
    if t is None:
        return "fill:var(--page)"
    return f"fill:color-mix(in srgb,var(--nt-act) {t * 100:.1f}%,var(--page))"


def number_text(value, places):
    """A value as the page prints it; 'not a number' once training has diverged."""
    if value is None or not math.isfinite(value):
        return say("not_a_number") if value is None or math.isnan(value) else signed(value, 0)
    return signed(value, places)


def flat_weights(net):
    return [w for W in net.weights for w_j in W for w in w_j]


def flat_biases(net):
    return [b for bs in net.biases for b in bs]


def mean_activations(activations):
    """Each neuron's mean activation over the examples, for layers 1 … L (flat)."""
    return [sum(a_j) / len(a_j) for layer in activations[1:] for a_j in zip(*layer)]


def view(net, xs, texts=True):
    """What the graph shows of a network: link scale values and texts, neuron fills and texts
    (the texts only if ``texts``: a page redrawing while training needs them far less often).

    Neuron fills are mean activations over xs (a grid across the plot); the output neuron is
    linear, so it has no fill but shows its mean prediction in its text.
    """
    activations = fused.layer_outputs(net, xs)  # mlp.forward's, without the zs
    means = mean_activations(activations)
    weights = flat_weights(net)
    # A hidden layer whose every neuron is off for every x (mean 0: ReLU outputs are ≥ 0) cuts
    # the network: the prediction is flat and nothing flows back past it.
    offsets = [0]
    for bs in net.biases[:-1]:
        offsets.append(offsets[-1] + len(bs))
    dead = [l + 1 for l in range(len(offsets) - 1)
            if not any(means[offsets[l]:offsets[l + 1]])]
    shown = {"dead_layer": dead[0] if dead else None,
             "links": [link_t(w) for w in weights],
             # Aligned with layout()["neurons"]: the input first, the output last.
             "fills": [None] + [fill_t(a) for a in means[:-1]] + [None],
             "y_hat": [finite_or_none(y) for (y,) in activations[-1]]}
    if texts:
        shown.update(links_text=[number_text(w, WEIGHT_PLACES) for w in weights],
                     neurons_text=neuron_texts(flat_biases(net), means))
    return shown


def neuron_texts(biases, means):
    """Each neuron's bias and mean activation (the output: its mean prediction), input first."""
    texts = [say("net_hidden_text", bias=number_text(b, WEIGHT_PLACES),
                 mean=number_text(a, ACTIVATION_PLACES)) for b, a in zip(biases[:-1], means[:-1])]
    texts.append(say("net_output_text", bias=number_text(biases[-1], WEIGHT_PLACES),
                     mean=number_text(means[-1], ACTIVATION_PLACES)))
    return [say("net_input_text"), *texts]


def legend():
    """The legend's end labels, from the same constants as the drawing."""
    return {"w_neg": signed(-W_SAT, 1), "w_pos": "+" + signed(W_SAT, 1), "a_max": signed(A_SAT, 0),
            "arrow_min": ARROW_MIN, "arrow_max": ARROW_MAX}
