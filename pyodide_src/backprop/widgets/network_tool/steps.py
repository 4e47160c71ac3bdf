"""The network tool's step-through: one example's update (mlp.explain_step), phase by phase.

    forward   layer 1 … output: z = W·a + b, a = max(0, z) (the output is linear, ŷ = z)
    loss      (ŷ − y)² on this one example
    backward  output … layer 1: ∂loss/∂a by the chain rule; an arrow shows −∂loss/∂a
    update    every weight and bias moves by −lr·∂loss/∂(parameter)
    result    the new loss on the example, and how much it fell; the loss over all the points
              before and after, and why it may rise (losses)

Every phase says which layers show values, arrows and which links carry the signal, so the page
only draws what it is told. The weights "after" are explain_step's, which are by construction the
weights Trainer.apply(index) makes: the update shown is the update applied.
"""

import math

from backprop import mlp
from backprop.mlp import MLP
from backprop.views.network import ARROW_MAX, ARROW_MIN, fill_t, finite_or_none, link_t, neuron_name
from backprop.views.numbers import in_parens, short, signed
from backprop.wording import say

PLACES = 3


def before_after(old, new, step):
    """'0.412 → 0.409 (−lr·∂loss/∂w = −0.0031)' with enough decimals for the change to show."""
    places = PLACES
    if step:
        places = min(12, max(PLACES, 1 - math.floor(math.log10(abs(step)))))
    return f"{signed(old, places)} → {signed(new, places)}", short(step)


def arrow_scale(net, xs, ys):
    """The value a full-length arrow stands for: the largest |∂loss/∂a| of any neuron on any data
    point for ``net``, rounded up to two significant digits (None if every one is 0).

    One scale for all the points, so that arrows compare across examples: a badly fitted point's
    are long and a well fitted one's short (the article's "Read the arrows"). Per example, the
    largest arrow would always be full length, 41 and 2.3 drawn alike.
    """
    largest = 0.0
    for x, y in zip(xs, ys):
        grads = mlp.backward(net, mlp.forward(net, [x]), [y])
        largest = max([largest, *(abs(d) for da_l in grads.da for d in da_l[0])])
    if not math.isfinite(largest) or largest == 0:
        return None
    unit = 10.0 ** (math.floor(math.log10(largest)) - 1)
    return round(math.ceil(largest / unit) * unit, 12)


def scale_text(scale):
    """'67', '0.45', '0.00012': the arrow scale as the figure prints it ('' for none)."""
    if not scale:
        return ""
    return f"{scale:g}" if 1e-4 <= scale < 1e5 else short(scale)


def arrow_lengths(gradients, scale):
    """Signed arrow lengths (up is positive) for −∂loss/∂a, in proportion on ``scale``: ARROW_MAX
    for a gradient as large as ``scale``, none shorter than ARROW_MIN (so that a tiny one still
    shows) or longer than ARROW_MAX; 0 means no arrow."""
    if not scale:
        return [0.0] * len(gradients)
    return [0.0 if g == 0 else
            round(math.copysign(max(ARROW_MIN, min(ARROW_MAX, ARROW_MAX * abs(g) / scale)), -g), 2)
            for g in gradients]


def explain_view(record, net, grid, index, n_points, scale):
    """What the page draws in each phase of the step-through of explain_step's ``record``, with
    arrows on ``scale`` (arrow_scale)."""
    layers = record["layers"]
    x, y, y_hat = record["x"], record["y"], record["y_hat"]
    after = MLP([layer["weights_after"] for layer in layers],
                [layer["biases_after"] for layer in layers])
    sizes = [1] + [len(layer["a"]) for layer in layers]
    links, changes, labels = link_views(record)
    largest = max(changes, default=0.0)
    links["change"] = [round(math.sqrt(c / largest), 3) if largest else 0.0 for c in changes]
    biggest = labels[changes.index(largest)] if largest else ""
    unchanged = sum(1 for c in changes if c == 0)

    texts = {
        "example": say("st_example", x=signed(x, 2), y=signed(y, 2), number=index + 1,
                       count=n_points),
        "arrow_scale": scale_text(scale),
        "y_hat": signed(y_hat, PLACES), "loss": short(record["loss"]),
        "loss_after": short(record["loss_after"]), "decrease": short(record["loss_decrease"]),
    }
    y_hat_after = after.predict([x])[0]
    view = {
        "index": index, "x": x, "y": y, "y_hat": finite_or_none(y_hat),
        "y_hat_after": finite_or_none(y_hat_after), "text": texts,
        "neurons": neuron_views(record, scale), "links": links,
        "curve_before": [finite_or_none(v) for v in net.predict(grid)],
        "curve_after": [finite_or_none(v) for v in after.predict(grid)],
        "phases": phases(record, sizes, texts, largest, biggest, unchanged, len(changes)),
    }
    view["phases"][-1]["losses"] = losses(record, n_points)  # the last phase's readouts
    return view


def losses(record, n_points):
    """The losses before and after the update, on this example and over all the points, as the
    texts of the readouts (by role), and a note when the loss over all the points rose."""
    example = changed_pair(record["loss"], record["loss_after"])
    everywhere = changed_pair(record["all_loss"], record["all_loss_after"])
    note = ""
    if record["all_loss_after"] > record["all_loss"] and record["loss_after"] <= record["loss"]:
        note = say("st_rose_one_fell", count=n_points)
    elif record["all_loss_after"] > record["all_loss"]:
        note = say("st_rose_too", count=n_points)
    return {"example-loss-before": example[0], "example-loss-after": example[1],
            "all-points-label": say("st_all_points", count=n_points), "all-loss-before": everywhere[0],
            "all-loss-after": everywhere[1], "loss-note": note}


def changed_pair(before, after):
    """Two losses as the phases print them (short: 4 significant digits), with more digits when
    4 would hide a change (13.3371 → 13.3386, not 13.34 → 13.34)."""
    for digits in range(4, 13):
        pair = short(before, digits), short(after, digits)
        if pair[0] != pair[1] or before == after:
            break
    return pair


def neuron_views(record, scale):
    """Each neuron's fill, values, arrow and update, in the layout's order: the input, then
    layer 1 … L."""
    layers, lr = record["layers"], record["lr"]
    L = len(layers)
    act, value_text, off = [None], [f"x = {signed(record['x'], PLACES)}"], [False]
    gradients, arrow_text, update_text = [0.0], [""], [""]  # the input has no arrow, no bias
    for l, layer in enumerate(layers, start=1):
        for j, (z, a, da) in enumerate(zip(layer["z"], layer["a"], layer["dloss_da"])):
            output = l == L
            act.append(None if output else fill_t(a))
            value_text.append(f"ŷ = z = {signed(z, PLACES)}" if output else
                              f"z = {signed(z, PLACES)}, a = max(0, z) = {signed(a, PLACES)}")
            is_off = not output and z <= 0
            off.append(is_off)
            gradients.append(da)
            symbol = "ŷ" if output else "a"
            note = say("st_relu_off") if is_off else ""
            arrow_text.append(f"−∂loss/∂{symbol} = {short(-da)}{note}")
            b, b_new = layer["biases"][j], layer["biases_after"][j]
            values, step = before_after(b, b_new, -lr * layer["dloss_dbiases"][j])
            update_text.append(say("st_bias_update", values=values, step=step))
    return {"act": act, "value_text": value_text, "arrow": arrow_lengths(gradients, scale),
            "arrow_text": arrow_text, "update_text": update_text, "off": off}


def link_views(record):
    """Each link before and after the update, in the layout's order (layer, then target j, then
    source k): (the drawing's lists, each weight's change, each weight's name)."""
    layers, lr = record["layers"], record["lr"]
    L = len(layers)
    before, before_text, after_t, after_text, changes, labels = [], [], [], [], [], []
    for l, layer in enumerate(layers):
        for j, (w_j, w_new_j, g_j) in enumerate(zip(layer["weights"], layer["weights_after"],
                                                      layer["dloss_dweights"])):
            for k, (w, w_new, g) in enumerate(zip(w_j, w_new_j, g_j)):
                values, step = before_after(w, w_new, -lr * g)
                before.append(link_t(w))
                before_text.append(signed(w, PLACES))
                after_t.append(link_t(w_new))
                after_text.append(say("st_weight_update", values=values, step=step))
                changes.append(abs(w_new - w))
                labels.append(say("st_weight_name", source=neuron_name(l, k, L),
                                  target=neuron_name(l + 1, j, L)))
    links = {"before": before, "before_text": before_text, "after": after_t,
             "after_text": after_text}
    return links, changes, labels


def phases(record, sizes, texts, largest, biggest, unchanged, n_links):
    """The steps, each with the drawing it needs (see the module docstring)."""
    layers, lr, L = record["layers"], record["lr"], len(record["layers"])
    y_text = signed(record["y"], PLACES)
    steps = []

    def step(kind, title, text, reached, arrows_from=None, active=None, weights="before"):
        loss = {"forward": say("st_loss_not_yet"),
                "result": say("st_loss_after", after=texts["loss_after"], before=texts["loss"]),
                }.get(kind, say("st_loss_now", loss=texts["loss"]))
        steps.append({"kind": kind, "title": title, "text": text, "reached": reached,
                      "arrows_from": L + 1 if arrows_from is None else arrows_from,
                      "active": active, "weights": weights, "loss_label": say("st_loss_label", loss=loss)})

    for l in range(1, L + 1):
        if l < L:
            on = sum(1 for a in layers[l - 1]["a"] if a > 0)
            n = sizes[l]
            step("forward", say("st_forward_layer_title", layer=l, layers=L - 1),
                 say("st_forward_layer", n=n, layer=l, on=on), l, active=l - 1)
        else:
            step("forward", say("st_forward_output_title"),
                 say("st_forward_output", y_hat=texts["y_hat"]), l, active=l - 1)
    step("loss", say("st_loss_title"),
         say("st_loss", y_hat=texts["y_hat"], y=in_parens(y_text), loss=texts["loss"]), L,
         active="loss")
    d_out = layers[-1]["dloss_da"][0]
    direction = ("st_backward_up" if d_out < 0 else "st_backward_down" if d_out > 0
                 else "st_backward_nowhere")
    step("backward", say("st_backward_output_title"),
         say(direction, gradient=short(d_out)), L, arrows_from=L, active="loss")
    for l in range(L - 1, 0, -1):
        off = sum(1 for z in layers[l - 1]["z"] if z <= 0)
        following = say("st_the_output") if l == L - 1 else say("net_layer", layer=l + 1)
        step("backward", say("st_backward_layer_title", layer=l),
             say("st_backward_layer", layer=l, next=following, off=off, n=sizes[l]),
             L, arrows_from=l, active=l)
    change_text = say("st_largest_change", change=short(largest), link=biggest) if largest else ""
    step("update", say("st_update_title"),
         say("st_update", lr=f"{lr:g}", largest=change_text, unchanged=unchanged, links=n_links),
         L, weights="after", active="all")
    fell = record["loss_decrease"] >= 0
    step("result", say("st_result_title"),
         say("st_result_down" if fell else "st_result_up", after=texts["loss_after"],
             before=texts["loss"], change=short(abs(record["loss_decrease"]))), L, weights="after")
    return steps
