"""The figures' own sentences: captions, picture titles, keys and step names of the one-neuron
widgets (English defaults; builder/labels collects every table; the network's are in
figures_network.py). A {name} is filled by the template, often with a symbol's markup; the few
tags a text carries (<strong>, <var>, <kbd>) are kept by labels.rich()."""

from builder.labels.figures_network import NETWORK_FIGURES

FIGURES = {
    "static_preview_sliders": "Static preview: the sliders come alive once Python has started.",
    "static_preview_point": "Static preview: the point and the buttons come alive once Python "
                            "has started.",
    "static_preview_training": "Static preview: training starts once Python has started.",
    "static_preview_slider_buttons": "Static preview: the slider and buttons come alive once "
                                     "Python has started.",
    "static_preview_fields": "Static preview: the fields come alive once Python has started.",
    "static_preview_controls": "Static preview: the controls come alive once Python has started.",
    # Manual tuning (templates/widgets/manual_tuning.html)
    "mt_caption": "Move the sliders to make the loss as small as you can. The loss is computed "
                  "by Python in your browser every time a slider moves.",
    "mt_plot_title": "The {n} data points and the neuron's line; the plot stays blurred until "
                     "you choose to show it.",
    # The loss surface, in every widget that draws it (_surface_macros.html, loss_surface.html)
    "surface_legend_title": "{loss} in each colour band, lower end included",
    "ls_title": "The loss surface: the loss for every weight w and bias b, as coloured bands",
    "ls_caption": "Each colour is a range of loss values, read from the legend; the ranges grow "
                  "tenfold every three bands (a logarithmic scale), so the bands show the shape "
                  "of the whole surface, from the bottom of the valley to its steep walls. The "
                  "lightest band holds the minimum.",
    # Gradient descent (templates/widgets/gradient_descent.html)
    "gd_step_point": "Point",
    "gd_step_gradient": "Gradient {nabla_loss}, steepest ascent",
    "gd_step_scaled": "Flipped and scaled by the learning rate {lr}: {step}",
    "gd_step_lands": "The step lands at",
    "gd_slope": "slope",
    "gd_length": "length",
    "gd_inset_title": "The neighbourhood of the point, magnified {zoom} times, with the same "
                      "arrows",
    "gd_title": "Gradient descent on the loss surface: a point, the gradient arrow and the step",
    "gd_key_point": "the point ({w}, {b}): drag it, click the map, or focus it and use the arrow "
                    "keys",
    "gd_key_gradient": "{gradient}, the gradient, pointing uphill: always drawn the same length, "
                       "so only its direction shows; how steep the slope is, {slope}, is in step "
                       "2",
    "gd_key_step": "{step}, the step, drawn to scale: its length is {lr} × {slope}, the learning "
                   "rate times the slope, so it is long on a steep wall and short near the "
                   "valley floor; it ends at the hollow circle where the point will land",
    "gd_key_off_map": "a point or a landing off the map: an arrow at the map's edge points the "
                      "way it lies, labelled with the value the map cannot show",
    "gd_keys_help": "Keys: ← → change {w}, ↑ ↓ change {b}, {step}.",
    "gd_caption": "Place the point anywhere on the map of the loss, then take steps downhill. "
                  "Near the valley floor the slope is gentle and the steps are short (the inset "
                  "magnifies them); on the steep walls the same learning rate takes long strides.",
    # Linear training (templates/widgets/linear_training.html)
    "lt_data_title": "The {n} data points and the neuron's line, which moves as it trains",
    "lt_surface_title": "The loss surface with the current weight and bias, and the trail of the "
                        "steps so far",
    "lt_chart_title": "The loss after every epoch so far, on a logarithmic scale",
    "lt_caption": "Full-batch gradient descent on the six points: every epoch uses all of them "
                  "once and moves {w} and {b} one step against the gradient. Changing the "
                  "learning rate starts again from {w} = {b} = 0.",
    # Chain rule (templates/widgets/chain_rule.html)
    "cr_in_use": "In use:",
    "cr_chain": "The input x flows through neuron 1, neuron 2 and neuron 3; each neuron's output "
                "is the next neuron's input.",
    "cr_forward_title": "Each neuron passes on its output",
    "cr_derivatives_title": "How a change in {x} ripples through",
    "cr_check": "{check} At {x} = {x_value}, {output} = {output_value}; at {x} = {x_next}, "
                "{output} = {output_next}. One more unit of {x} moves {output} by {change}: "
                "{verdict}. Every neuron here is a straight line, so its slope, and with it the "
                "product, is the same for every {plain_x}.",
    "cr_check_it": "Check it.",
    "cr_caption": "Move {x} and watch each neuron pass its change on to the next. The "
                  "derivatives depend only on the weights: draw new ones and all numbers are "
                  "recomputed by Python at once.",
    # Concrete example (templates/widgets/concrete_example.html)
    "ce_forward_title": "1. Forward pass: from the input to the loss",
    "ce_backward_title": "2. Backward pass: from the loss back to each parameter",
    "ce_update_title": "3. Update: a small step against each derivative, scaled by the learning "
                       "rate",
    "ce_again_title": "4. Forward pass again, with the new weight and bias",
    "ce_neuron_does": "multiplies the input by the weight and adds the bias",
    "ce_the_prediction": "the prediction",
    "ce_squares": "squares the gap between the prediction and the true value",
    "ce_the_loss": "the loss: how wrong the prediction is",
    "ce_input_no_derivative": "input: data, so it needs no derivative",
    "ce_weight_affected_loss": "how the weight affected the loss",
    "ce_bias_affected_loss": "how the bias affected the loss",
    "ce_weight_affected_prediction": "{formula}: how the weight affected the prediction",
    "ce_bias_affected_prediction": "{formula}: how the bias affected the prediction",
    "ce_prediction_affected_loss": "how the prediction affected the loss",
    "ce_true_value_no_derivative": "true value: data, no derivative",
    "ce_slope_of": "the slope of {square} as {y_hat} changes",
    "ce_start_here": "start here: the loss changes one for one with itself",
    "ce_caption": "One neuron, one training example, one step of gradient descent. Change any "
                  "number above and Python recomputes both graphs, the update and the new loss.",
    **NETWORK_FIGURES,
}
