"""The network figure's and the network tool's own sentences: the drawing's words, its legend, the
tool's panels, help and caption (English defaults; builder/labels collects every table). The
words the scripts redraw are in controls.py."""

NETWORK_FIGURES = {
    # The legend
    "legend_neurons": "Neurons",
    "legend_input": "input",
    "legend_relu": "ReLU neuron",
    "legend_linear_output": "linear output",
    "legend_loss": "{formula}: the mean over the data, or one example when stepping through",
    "legend_weight": "Weight {w} (link)",
    "legend_weight_colours": "Negative: red and dashed; positive: blue and solid; near 0: grey "
                             "and thin. Thicker means a larger {abs_w}, up to {largest}.",
    "legend_activation": "Activation {a} (fill)",
    "legend_off": "0 (off)",
    "legend_activation_tool": "While training: the mean over the plot's {x}; stepping through: "
                              "on the example.",
    "legend_activation_figure": "The mean over the data.",
    "legend_arrow": "Arrow",
    "legend_arrow_text": "{gradient}: which way a neuron's output should move to lower the loss. "
                         "The length is in proportion to the value, on one scale for all the "
                         "data points, set each epoch (the key at the top left of the network "
                         "gives it): a badly fitted point's arrows are long, a well fitted one's "
                         "are stubs. Dashed: the neuron is off ({z} ≤ 0) and passes nothing back "
                         "({dz} = 0). Hover or focus a neuron for the exact value.",
    # The network figure (templates/widgets/network_figure.html)
    "nf_title": "A network with one input neuron x, {layers} hidden layers of ReLU neurons "
                "({widths} neurons) and one linear output neuron ŷ; every neuron is linked to "
                "every neuron of the next layer, and each link is coloured by its weight.",
    "nf_caption": "A network with {layers} hidden layers: one input, {widths} ReLU neurons, and "
                  "one linear output. Each line is one weight, drawn with the colour and "
                  "thickness of a freshly initialised network's value; the fill of a neuron "
                  "shows its mean activation over the data.",
    # The network tool (templates/widgets/network_tool.html)
    "nt_control_centre": "Control centre",
    "nt_loss_all_points": "Loss (mean squared error, all {n} points)",
    "nt_help_centre": "<strong>Play</strong> trains the network epoch after epoch until you "
                      "pause it. One epoch is one pass over the {n} data points in a new random "
                      "order, with a gradient-descent update after every batch: with a batch "
                      "size of 1 that is {n} updates per epoch. <strong>One epoch</strong> runs "
                      "exactly one. <strong>Faster</strong> trains as fast as your browser "
                      "allows and redraws the figure at your screen's rate; without it the tool "
                      "trains 20 epochs a second, so you can follow each one.",
    "nt_help_reset": "<strong>Reset</strong> starts again from the same first weights, so the "
                     "same run repeats. The loss shown is the mean squared error over all the "
                     "data after the latest epoch.",
    "nt_help_step": "<strong>Step through one example</strong> pauses training and shows, phase "
                    "by phase, how one update is computed: forward, loss, backward, update. That "
                    "update is then applied to the network.",
    "nt_stepping_title": "Stepping through one example",
    "nt_help_stepping": "Training is paused. One data point goes through the network: "
                        "<strong>forward</strong>, layer by layer (the fills show activations); "
                        "the <strong>loss</strong> on this point; <strong>backward</strong>, "
                        "from the output to the first layer (the arrows show "
                        "−∂loss/∂<var>a</var>); and the <strong>update</strong>, where every "
                        "weight and bias moves by −lr·∂loss/∂(parameter) with your learning "
                        "rate. The update you see is applied to the network when you reach it, "
                        "and the last phase shows the loss on this point and over all the "
                        "points, before and after.",
    "nt_help_stepping_keys": "Keys, with the focus anywhere in this panel: <kbd>→</kbd> next "
                             "phase, <kbd>←</kbd> previous, <kbd>Home</kbd> first, "
                             "<kbd>End</kbd> last.",
    "nt_example": "Example:",
    "nt_arrows_full_length": "Arrows: full length =",
    "nt_training_example": "training example",
    "nt_arrow_scale": "arrow scale",
    "nt_current_phase": "current phase",
    "nt_loss_column": "Loss",
    "nt_before_update": "before the update",
    "nt_after": "after",
    "nt_on_this_example": "on this example",
    "nt_over_all_points": "over all the points",
    "nt_example_loss_before": "loss on this example before the update",
    "nt_example_loss_after": "loss on this example after the update",
    "nt_all_loss_before": "loss over all the points before the update",
    "nt_all_loss_after": "loss over all the points after the update",
    "nt_why_rose": "why the loss over all the points rose",
    "nt_step_controls": "step-through controls",
    "nt_network": "Network",
    "nt_help_network": "One input <var>x</var> on the left, hidden layers of ReLU neurons (each "
                       "passes on max(0, <var>z</var>)), and one linear output <var>ŷ</var>, "
                       "whose squared error against the data is the loss. Each link is one "
                       "weight: its colour and thickness show its value (see the legend), and a "
                       "dashed link is a negative weight.",
    "nt_help_network_keys": "Hover over a neuron or link, or focus it, to read its value. With "
                            "the keyboard: Tab into the drawing, then <kbd>↑</kbd> <kbd>↓</kbd> "
                            "move within a layer, <kbd>←</kbd> <kbd>→</kbd> move to the links or "
                            "neurons of the next or previous layer, <kbd>Home</kbd> "
                            "<kbd>End</kbd> jump to the first or last.",
    "nt_help_network_buttons": "The + and − buttons above a layer add or remove one of its "
                               "neurons (1 to {max_width}); each change starts a new network.",
    "nt_scroll_hint": "The network is wider than this screen: swipe it sideways to see the "
                      "output and the loss.",
    "nt_graph_keys": "Arrow keys move between neurons and links; Home and End jump to the first "
                     "and last of a layer.",
    "nt_data_and_fit": "Data and fit",
    "nt_help_fit": "The dots are the {n} data points, {formula}. The line is the network's "
                   "prediction <var>ŷ</var> for every <var>x</var> from −5 to 5.",
    "nt_help_fit_keys": "Click a dot, or focus one (Tab, then <kbd>←</kbd> <kbd>→</kbd>) and "
                        "press <kbd>Enter</kbd>, to step through one update on that example.",
    "nt_fit_title": "The data points and the network's prediction for x from −5 to 5.",
    "nt_key_data": "data",
    "nt_key_prediction": "prediction",
    "nt_key_after": "after the update (stepping through)",
    "nt_loss_over_epochs": "Loss over epochs",
    "nt_help_chart": "The loss after every epoch, on a logarithmic scale: each grid line is ten "
                     "times the one below. However long training runs, the chart keeps at most a "
                     "few hundred points, thinning older epochs evenly, so it stays quick to "
                     "draw.",
    "nt_chart_title": "The loss after each epoch so far, on a log scale.",
    "nt_customise": "Customise",
    "nt_help_custom": "Fixed: one input, hidden layers of ReLU neurons, one linear output, the "
                      "mean squared error, and plain stochastic gradient descent. You choose the "
                      "data set, the learning rate, the batch size (examples per update), the "
                      "hidden layers (0 to {max_layers}, each of 1 to {max_width} neurons) and "
                      "the seed that draws the first weights and the order of the examples.",
    "nt_help_custom_address": "Every change starts a new network. The address of this page keeps "
                              "your settings: copy it to share exactly this run. Learning rates "
                              "above 0.005 are for experiments; a large one can make training "
                              "diverge.",
    "nt_caption": "The Backprop Explainer: train a small network on a curve, then slow one "
                  "update down to see backpropagation at work. Every number is computed by "
                  "Python running in your browser.",
}
