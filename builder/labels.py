"""The interface's words: every text the page and its widgets show that is not the article's own.

One table, key -> English text, so an article in another language can say "Sommaire" instead of
"Contents": ``article.toml`` overrides any of them under ``[labels]`` (builder/config.py checks the
keys and that the values are strings). Templates read it as the Jinja global ``labels``
(``{{ labels.contents }}``, or ``{{ labels("run_cell", cell=3) }}`` to fill a {placeholder});
scripts read the same table from ``<script type="application/json" id="labels">``
(static/js/labels.js, ``label("run_cell", {cell: 3})``).

Not in the table, and so in the article's language only when the author writes it: the article's
text, the glossary, the widgets' help paragraphs and captions (long explanations, part of the
teaching), and the sentences the ``backprop`` package composes around live numbers (readouts,
messages such as "Diverged: ..."); docs/guide.md says so.
"""

import difflib
import re

from markupsafe import Markup, escape

# Keys are snake_case, so `key = "text"` in TOML needs no quotes. {name} is a placeholder.
DEFAULTS = {
    # The page (templates/article.html, embed.html)
    "skip_to_article": "Skip to the article",
    "contents": "Contents",
    "dark_mode": "Dark mode",
    "python_progress": "Python start-up progress",
    "status_waiting_article": "The figures show their starting state; they come alive once Python "
                              "has loaded in your browser.",
    "status_waiting_embed": "This figure shows its starting state until Python has loaded in your "
                            "browser.",
    "footer_credits": "Set in Source Serif 4 ({font_licence}); formulas typeset by KaTeX "
                      "({katex_licence}); plots drawn with d3 ({d3_licence}); Python runs in your "
                      "browser through Pyodide (Mozilla Public License 2.0).",
    "font_licence": "SIL Open Font License 1.1",
    "katex_licence": "MIT licence",
    "d3_licence": "ISC licence",
    "embed_credit": "From {article}.",
    "preview_figure_from": "An interactive figure from “{article}”.",
    # Python's status line (static/js/app.js, boot.js, worker.mjs)
    "status_starting": "Starting Python in your browser…",
    "status_downloading": "Downloading Python (about {megabytes} MB)",
    "status_loading_module": "Loading the backprop module",
    "status_python_ready": "Python is ready",
    "status_unpacking": "Unpacking Python from this file",
    "status_running": "Python {version} is running in your browser",
    "status_live_none_on_page": "{running}.",
    "status_live_all": "{running}: the figures are live.",
    "status_live_none_one": "{running}, but this figure could not load, so it stays a still "
                            "picture.",
    "status_live_none_many": "{running}, but none of the {total} figures could load, so they stay "
                             "still pictures.",
    "status_live_some_one_lost": "{running}: {live} of {total} figures are live; one could not "
                                 "load and says so in its place.",
    "status_live_some_lost": "{running}: {live} of {total} figures are live; {lost} could not load "
                             "and say so in their place.",
    "status_restarting_progress": "{reason}. Restarting: {step}",
    "status_restarted": "{reason}, so it was restarted; your settings are kept. ",
    "status_restarting": "{reason}. Restarting it; every setting on the page is kept.",
    "status_failed": "The interactive figures are not live: {error}. Everything else on this page, "
                     "including each figure's starting state, reads as normal.",
    "python_stopped_answering": "Python stopped answering",
    "python_stopped": "Python stopped ({reason})",
    "worker_not_loaded": "the Python worker could not be loaded",
    "shared_python_ended": "the Python this figure shares with the site's other open pages ended",
    "status_file_page": "You opened this page as a file, so everything reads fine but the "
                        "interactive figures stay still: browsers do not run Python from file:// "
                        "pages. Serve the folder instead (for example: python3 -m http.server -d "
                        "site) and open it from there.",
    "status_no_webassembly": "This browser has no WebAssembly, so Python cannot run here: the text "
                             "and the starting figures are complete, but the figures will not "
                             "respond.",
    "status_no_app": "The page's script (app.js) did not load, so the figures stay still pictures "
                     "of their starting state; everything else on this page reads as normal. "
                     "Reloading the page may help.",
    "no_webassembly": "this browser has no WebAssembly",
    # Embedding (static/js/embed-code.js)
    "copy_embed_code": "Copy embed code",
    "embed_code_label": "Embed code for a course page",
    "copy_result": "copy result",
    "copied": "Copied to the clipboard.",
    "copy_refused": "Select the code above and copy it (the browser did not allow copying).",
    # Live cells (templates/cell.html, static/js/cells.js)
    "run": "Run",
    "reset": "Reset",
    "cell_number": " cell {cell}",
    "cell_output": "Output of cell {cell}",
    "cell_keys": "{modifier}+Enter runs the cell; Escape then Tab leaves the editor.",
    "cell_no_python": "Python is not running, so this cell cannot run.",
    "cell_no_editor": "The editor did not load: the code shows as text.",
    "cell_python_stopped": "Python stopped while this cell ran; run it again once Python is back.",
    "cell_ran_first": "Ran cell {numbers} first: cells run in order.",
    "cells_ran_first": "Ran cells {numbers} first: cells run in order.",
    "cell_too_long": "Cell {cell} ran longer than its limit of {seconds} s",
    "cell_failure": "Python could not run the cell ({failure}).",
    "cell_code": "Python code of cell {cell}",
    "cell_edit_kept": "Your edit, kept in this browser: the output below is the article's code's "
                      "until you run it.",
    "cell_running": "Running…",
    # Any widget (static/js/widgets/*.js)
    "widget_static": "This figure is a static picture of its starting state.",
    "widget_static_example": "This figure is a static picture of the article’s example.",
    "widget_not_live": "Not live: this figure could not load.",
    "widget_failed": "This figure is not live: {why}. It shows its starting state only; reloading "
                     "the page may help.",
    "address_options_ignored": "Ignored address options this figure does not have: {options}.",
    "address_values_refused": "Ignored values this figure does not allow: {values}.",
    "play": "Play",
    "pause": "Pause",
    "learning_rate": "Learning rate",
    "colours_meaning": "What the colours mean",
    "mean_squared_error": "mean squared error",
    "loss": "loss",
    "epoch": "Epoch",
    "epoch_readout": "epoch",
    "training_loss": "training loss",
    "neuron_equation": "neuron equation",
    # Manual tuning
    "weight": "Weight",
    "bias": "Bias",
    "weight_readout": "weight",
    "bias_readout": "bias",
    "show_plot": "Show the plot",
    "hide_plot": "Hide the plot",
    # Gradient descent
    "take_step": "Take a step",
    "step_back": "Step back",
    # Linear training
    "one_step": "One step",
    "speed": "Speed",
    # Chain rule
    "input": "Input",
    "new_weights": "New weights and biases",
    "starting_weights": "Starting weights and biases",
    # Concrete example
    "true_value": "True value",
    "your_example": "Your training example and starting parameters",
    "back_to_article_numbers": "Back to the article’s numbers",
    "describe_graph": "Describe the {graph} graph",
    "hide_descriptions": "Hide the descriptions of the {graph} graph",
    "forward": "forward",
    "backward": "backward",
    # Network tool
    "one_epoch": "One epoch",
    "faster": "Faster",
    "step_through": "Step through one example",
    "previous_phase": "◀ Previous phase",
    "next_phase": "Next phase ▶",
    "play_through": "Play through",
    "replay": "Replay",
    "new_example": "New example",
    "back_to_training": "Back to training",
    "data_set": "Data set",
    "batch_size": "Batch size",
    "hidden_layers": "Hidden layers",
    "remove_layer": "remove a hidden layer",
    "add_layer": "add a hidden layer",
    "seed": "Seed",
    "new_seed": "New seed",
    "add_neuron": "add a neuron to layer {layer}",
    "remove_neuron": "remove a neuron from layer {layer}",
    "help_about": "Help: {topic}",
    "help_control_centre": "the control centre",
    "help_stepping": "stepping through",
    "help_network": "the network",
    "help_fit": "the data and fit plot",
    "help_chart": "the loss chart",
    "help_customising": "customising",
    "hidden_layers_readout": "hidden layers",
    "seed_readout": "seed",
}

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


class Labels(dict):
    """The table for one build: the defaults with the article's overrides. ``labels.key`` in a
    template is the text; ``labels(key, name=value)`` fills its placeholders."""

    def __call__(self, key, **values):
        return fill(self[key], values)

    def html(self, key, **values):
        """The text as HTML, its placeholders filled with markup (a link) or escaped text."""
        return Markup(fill(str(escape(self[key])), {name: escape(value)
                                                     for name, value in values.items()}))


def fill(text, values):
    """``text`` with each {name} replaced by ``values[name]`` (left as is when not given), the
    same rule as static/js/labels.js."""
    return _PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), text)


def closest_key(name):
    """The known key an unknown ``name`` most likely meant, or None."""
    found = difflib.get_close_matches(name, DEFAULTS, n=1, cutoff=0.5)
    return found[0] if found else None


def labels_with(overrides=None):
    return Labels({**DEFAULTS, **(overrides or {})})
