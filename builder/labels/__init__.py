"""The interface's words: every text the page and its widgets show that is not the article's own.

One table, key -> English text, so an article in another language can say "Sommaire" instead of
"Contents": ``article.toml`` overrides any of them under ``[labels]`` (builder/config.py checks the
keys and that the values are strings). Templates read it as the Jinja global ``labels``
(``{{ labels.contents }}``, or ``{{ labels("run_cell", cell=3) }}`` to fill a {placeholder});
scripts read the same table from ``<script type="application/json" id="labels">``
(static/js/labels.js, ``label("run_cell", {cell: 3})``).

The table is made of four parts: the page's chrome (page.py), the widgets' controls and the words
drawn in them (controls.py), their captions, titles and help (figures.py, figures_network.py), and
the sentences the ``backprop`` package composes around live numbers (backprop.wording, which the
builder hands the article's overrides: use_labels in builder/page.py, and backprop.zip for the
browser). Only the article's own text and glossary are the author's to write.

A figure's help and key paragraphs carry a little markup (<strong>, <em>, <var>, <kbd>): such a
text is written with ``labels.rich(key)``, which escapes everything else, so an override can
emphasise a word but never add an element with attributes or a script.
"""

import difflib
import re

from markupsafe import Markup, escape

from backprop.wording import WORDS
from builder.labels.controls import CONTROLS
from builder.labels.figures import FIGURES
from builder.labels.page import PAGE


# Keys are snake_case, so `key = "text"` in TOML needs no quotes. {name} is a placeholder.
DEFAULTS = {**PAGE, **CONTROLS, **FIGURES, **WORDS}

_PLACEHOLDER = re.compile(r"\{([a-z_][a-z_0-9]*)\}")
_INLINE_TAG = re.compile(r"&lt;(/?)(strong|em|var|kbd)&gt;")


class Labels(dict):
    """The table for one build: the defaults with the article's overrides. ``labels.key`` in a
    template is the text; ``labels(key, name=value)`` fills its placeholders."""

    def __call__(self, key, **values):
        return fill(self[key], values)

    def html(self, key, **values):
        """The text as HTML, its placeholders filled with markup (a link) or escaped text."""
        return Markup(fill(str(escape(self[key])), {name: escape(value)
                                                     for name, value in values.items()}))

    def rich(self, key, **values):
        """As html(), with the text's own <strong>, <em>, <var> and <kbd> kept as markup."""
        text = _INLINE_TAG.sub(r"<\1\2>", str(escape(self[key])))
        return Markup(fill(text, {name: escape(value) for name, value in values.items()}))

    def for_scripts(self):
        """The part the page's scripts read (static/js/labels.js): the page's and the controls'
        words; the figures' long texts and backprop's sentences are rendered by Python."""
        return {key: self[key] for key in (*PAGE, *CONTROLS)}

    def python_words(self):
        """The article's texts for backprop's sentences that differ from the defaults."""
        return {key: self[key] for key in WORDS if self[key] != WORDS[key]}


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
