"""The sentences backprop makes around live numbers, in the article's language.

Every sentence or phrase a widget shows that Python composes ("Converged after 1,234 epochs: …",
"w = −21.7, off the map", a step-through phase's explanation) is one entry of WORDS: the English
text with {name} fields for the numbers, which the callers format exactly as before and pass in
as text. An article overrides any entry under ``[labels]`` in its article.toml, the same table as
the page's own words (builder/labels), checked by the same unknown-key rule.

The overrides reach both Pythons that speak: at build time the builder calls ``use(overrides)``
before it pre-renders the widgets with CPython; for the reader's browser it writes them into
backprop.zip as ``backprop/wording.json``, which this module reads when it is imported there. So
the static preview and the live widget say the same thing.
"""

import json
import os
import re

from backprop.wording_widgets import NETWORK_WORDS, SURFACE_WORDS

WORDS = {
    # Numbers a widget cannot print
    "not_a_number": "not a number",
    "too_large_to_show": "too large to show",
    # Loss bands (surface.legend)
    "band_below": "loss < {value}",
    "band_above": "loss ≥ {value}",
    # Manual tuning, gradient descent, loss surface, linear training
    **SURFACE_WORDS,
    # Network figure and network tool
    **NETWORK_WORDS,
    # Concrete example
    "ce_range": "from {low} to {high}",
    "ce_exact": "The prediction is already exact: the loss is 0, so nothing changes.",
    "ce_no_step": "With a learning rate of 0 the step has length 0: nothing changes.",
    "ce_lowered": "The step lowered the loss from {before} to {after}.",
    "ce_overshot": "The step overshot: the prediction jumped past the true value and the loss rose "
                   "from {before} to {after}. Try a smaller learning rate.",
    "ce_unchanged": "The step jumped past the true value to a point just as far away: the loss is "
                    "unchanged.",
    # Chain rule
    "cr_same": "the same number as ∂a₃/∂x",
    "cr_not_same": "not the same as ∂a₃/∂x",
    "cr_article_values": "the article's starting values",
    "cr_random_draw": "random draw number {seed}",
    # Live cells
    "cell_drawing": "The drawing cell {cell} made",
    "cell_output_cut": "… (cut after {characters} characters)",
}

_PLACEHOLDER = re.compile(r"\{([a-z_][a-z_0-9]*)\}")
_active = dict(WORDS)
_version = [0]  # counts the calls of use(): a cached text is stale once it changed


def say(key, **fields):
    """The entry ``key`` in the article's language, each {name} replaced by ``fields[name]`` (the
    rule of builder/labels' fill(), so an author's text with a misspelt field shows it as is)."""
    return _PLACEHOLDER.sub(lambda m: str(fields.get(m.group(1), m.group(0))), _active[key])


def use(overrides):
    """Speak with the article's ``overrides`` ({key: text}) from now on; keys not in WORDS are
    left out (they are the page's own labels)."""
    _active.clear()
    _active.update(WORDS)
    _active.update({key: text for key, text in (overrides or {}).items() if key in WORDS})
    _version[0] += 1


def version():
    """A number that changes whenever the wording may have: part of the key of a cached view that
    holds sentences (one process builds many articles)."""
    return _version[0]


def overrides():
    """The article's texts that differ from the defaults: what backprop.zip carries."""
    return {key: text for key, text in _active.items() if text != WORDS[key]}


def _article_words():
    """The overrides the builder packed beside this module (the browser's copy), else {}."""
    try:
        # Through this module's own loader (a file, or backprop.zip's zipimport), not pkgutil: a
        # Python restored from the start-up snapshot has not imported pkgutil, and importing it
        # would fetch the standard library before the first answer (static/js/worker.mjs).
        data = __loader__.get_data(os.path.join(os.path.dirname(__file__), "wording.json"))
    except OSError:
        return {}
    return json.loads(data.decode("utf-8")) if data else {}


use(_article_words())
