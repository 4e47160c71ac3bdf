"""The English defaults of the sentences the surface and network widgets compose (backprop.wording
collects them into one table, which an article's [labels] overrides)."""

SURFACE_WORDS = {
    # Loss surface (widgets/loss_surface.py)
    "ls_minimum": "minimum: w = {w}, b = {b}, loss = {loss}",
    "ls_description": "A map of the mean squared error of a neuron on the {n} data points x = 0, "
                      "1, …, 5 with y = 5 − x, for every weight w from {w_low} to {w_high} "
                      "(across) and bias b from {b_low} to {b_high} (up). Colours run from "
                      "white, loss below {lowest}, to dark blue, loss of {highest} or more. The "
                      "low ground is a long, narrow valley running from the upper left down to "
                      "the bottom edge; its lowest point, loss {loss}, is at w = {w}, b = {b}.",
    # Gradient descent (widgets/gradient_descent.py)
    "gd_keys_step": "by {step} (with Shift, by {big_step})",
    "gd_flat": "The gradient is zero here: this is the minimum, and a step does not move.",
    "gd_left_map": "The point has left the map: the step overshot the valley. Press Step back or "
                   "Reset, or pick a smaller learning rate.",
    "gd_point": "w = {w}, b = {b}, loss {loss}",
    "gd_point_off": "w = {w}, b = {b}, loss {loss}, off the map",
    "gd_off_map": "{coordinates}, off the map",
    "gd_lands_off_map": "lands at {coordinates}, off the map",
    "gd_too_far": "The next step would take the loss above {limit}: the learning rate {lr} is "
                  "too large. Press Step back or Reset, or pick a smaller one.",
    # Linear training (widgets/linear_training.py)
    "lt_speed_slow": "Slow motion (an epoch every 0.15 s)",
    "lt_speed_normal": "Normal (60 epochs a second)",
    "lt_speed_fast": "Fast (8 ms of epochs a frame)",
    "lt_converged": "Converged after {epochs} epochs: w = {w} and b = {b}, and the loss is below "
                    "{tolerance}, so more steps would change nothing you can see. Training has "
                    "stopped.",
    "lt_diverged": "Diverged after {epochs} epochs: the loss passed {limit}. The learning rate "
                   "{lr} is too large: above about {critical}, every step overshoots the valley "
                   "and lands higher up the other side. Training has stopped; press Reset, or "
                   "choose a smaller learning rate.",
    "lt_tolerance": "training stops below {tolerance}",
    # The page's header picture (views/header.py)
    "header_title": "Gradient descent at learning rate {lr} zigzagging down the loss valley of "
                    "“See it in action”: {epochs} steps from w = {w}, b = {b}, over contour "
                    "lines of the loss.",
}

NETWORK_WORDS = {
    # Names of the network's parts (views/network.py)
    "net_input": "the input x",
    "net_output": "the output ŷ",
    "net_layer": "layer {layer}",
    "net_neuron": "neuron {neuron} of layer {layer}",
    "net_link": "weight from {source} to {target}",
    "net_input_text": "the input; every x of the plot in turn",
    "net_hidden_text": "bias {bias}, mean activation over the plot {mean}",
    "net_output_text": "bias {bias}, mean prediction over the plot {mean}",
    # The network tool (widgets/network_tool/)
    "nt_extra_step": "{epoch} + {steps} step",
    "nt_extra_steps": "{epoch} + {steps} steps",
    "nt_diverged": "Training diverged during epoch {epoch}: the loss grew too large to compute "
                   "(not a number). A learning rate of {lr} is too large for this network: "
                   "choose a smaller one, or press Reset to start again.",
    "nt_dead_layer": "Every neuron of layer {layer} is off (a = 0) for every x, so the "
                     "prediction is a flat line and no gradient reaches the layers before it: "
                     "only the output's bias can still learn. {advice}",
    "nt_dead_advice_start": "Try a new seed, or more neurons in that layer.",
    "nt_dead_advice_later": "Press Reset, or try a smaller learning rate or a new seed.",
    "nt_curve_leaves": "The curve leaves the plot: for x from {x_low} to {x_high}, ŷ runs from "
                       "{low} to {high}.",
    "nt_graph_one": "The network: the input x, 1 hidden layer of {widths} ReLU neurons, the "
                    "linear output ŷ and the loss; links are coloured by weight, neurons filled "
                    "by activation.",
    "nt_graph_one_neuron": "The network: the input x, 1 hidden layer of 1 ReLU neuron, the "
                           "linear output ŷ and the loss; links are coloured by weight, neurons "
                           "filled by activation.",
    "nt_graph_many": "The network: the input x, {layers} hidden layers of {widths} ReLU neurons, "
                     "the linear output ŷ and the loss; links are coloured by weight, neurons "
                     "filled by activation.",
    "nt_graph_none": "The network: the input x, no hidden layer, the linear output ŷ and the "
                     "loss; links are coloured by weight, neurons filled by activation.",
    "nt_point": "data point {number} of {count}: x = {x}, y = {y}",
    "nt_unknown_setting": "“{item}” (unknown setting)",
    "nt_address_notice": "The address had settings this tool does not understand: {problems}. "
                         "Those keep their default values.",
    # The step-through (widgets/network_tool/steps.py)
    "st_example": "x = {x}, y = {y} (data point {number} of {count})",
    "st_rose_one_fell": "The loss over all {count} points rose, while this example's fell: one "
                        "step follows one example's gradient. It brings the curve closer to this "
                        "point and can move it away from others. Over many steps, one example "
                        "after another, the loss over all the points falls.",
    "st_rose_too": "The loss over all {count} points rose too: the step was too large for this "
                   "learning rate.",
    "st_all_points": "over all {count} points",
    "st_relu_off": "; this ReLU is off (z ≤ 0), so ∂loss/∂z = 0 and nothing flows back through it",
    "st_bias_update": "bias {values} (−lr·∂loss/∂b = {step})",
    "st_weight_update": "{values} (−lr·∂loss/∂w = {step})",
    "st_weight_name": "the weight from {source} to {target}",
    "st_loss_not_yet": "not computed yet",
    "st_loss_after": "on this example after the update {after} (was {before})",
    "st_loss_now": "on this example {loss}",
    "st_loss_label": "loss: {loss}",
    "st_forward_layer_title": "Forward: layer {layer} of {layers}",
    "st_forward_layer": "Each of the {n} neurons of layer {layer} adds up its weighted inputs "
                        "and its bias, z = w·a + b, and passes on a = max(0, z). {on} of {n} are "
                        "on (a > 0); the others pass on 0. The fill shows each activation.",
    "st_forward_output_title": "Forward: output",
    "st_forward_output": "The linear output neuron adds up its weighted inputs and its bias: the "
                         "prediction for this x is ŷ = {y_hat}.",
    "st_loss_title": "Loss",
    "st_loss": "The loss on this example is (ŷ − y)² = ({y_hat} − {y})² = {loss}.",
    "st_backward_output_title": "Backward: output",
    "st_backward_up": "∂loss/∂ŷ = 2(ŷ − y) = {gradient}. The arrow shows −∂loss/∂ŷ: to lower the "
                      "loss the prediction should move up.",
    "st_backward_down": "∂loss/∂ŷ = 2(ŷ − y) = {gradient}. The arrow shows −∂loss/∂ŷ: to lower "
                        "the loss the prediction should move down.",
    "st_backward_nowhere": "∂loss/∂ŷ = 2(ŷ − y) = {gradient}. The arrow shows −∂loss/∂ŷ: to "
                           "lower the loss the prediction should move nowhere.",
    "st_backward_layer_title": "Backward: layer {layer}",
    "st_backward_layer": "By the chain rule, ∂loss/∂a of each neuron of layer {layer} adds up, "
                         "over its links to {next}, weight × ∂loss/∂z there. Arrows show "
                         "−∂loss/∂a (longer: larger; hover or focus for the value). {off} of {n} "
                         "are off (z ≤ 0): no signal passes back through them.",
    "st_the_output": "the output",
    "st_largest_change": "The largest change is {change}, on {link}. ",
    "st_update_title": "Update",
    "st_update": "Every weight and bias moves by −lr·∂loss/∂(parameter), with lr = {lr}. "
                 "{largest}The links that changed most are drawn strongest; {unchanged} of "
                 "{links} weights did not change (their neuron was off, or their input was 0).",
    "st_result_title": "New loss",
    "st_result_down": "After the update the loss on this example is {after}, down from {before} "
                      "by {change}. The update is now part of the network: the dashed curve is "
                      "its new prediction.",
    "st_result_up": "After the update the loss on this example is {after}, up from {before} by "
                    "{change} (the step was too large: try a smaller learning rate). The update "
                    "is now part of the network: the dashed curve is its new prediction.",
}
