"""The article's text: its length, and the numbers of the worked line in "Training process".

How words are counted (tests/article_prose.py holds the rules in full): the article body is every
section of content/ named 0*.md or 10-*.md, the glossary aside. A word is what a reader reads as
one: fenced code, widget directives (``::: widget …``) and HTML comments count for nothing, a
display formula ($$…$$) counts for nothing (it stands apart like a figure), an inline formula
($…$) counts as one word, markup counts only for the text it shows, and a word must hold a letter
or a digit (a lone dash is none).
"""

import numpy as np
import pytest

from backprop.mlp import MLP, forward
from tests.article_prose import body_files, body_word_count, reader_words, section

MAX_BODY_WORDS = 4500


def test_the_article_body_reads_in_at_most_4500_words():
    counts = {path.name: len(reader_words(path.read_text(encoding="utf-8")))
              for path in body_files()}
    assert sum(counts.values()) == body_word_count()
    assert body_word_count() <= MAX_BODY_WORDS, counts


@pytest.mark.parametrize("markdown, words", [
    ("Take a curve $f$ and a point $x = 3$ on it.", 10),
    ("The loss:\n\n$$\\text{loss} = \\frac{1}{J}\\sum (\\hat y - y)^2$$\n\nis small.", 4),
    ("**Press play.** A [[highlighted term|loss]] and <span class=\"c-weight\">$w = 1$</span>.",
     7),
    ("Before\n\n```python\nprint('not prose')\n```\n\n::: widget chain-rule\n\n<!-- a note -->\n"
     "After", 2),
    ("1. **Forward** \u2014 a step, see [the original](https://example.org) or "
     "<https://example.org/x>.", 8),
    ("## The chain rule\n\n- one-neuron rule, 2.1 and $-0.15$, `backprop`", 9),
    ("A live cell:\n\n```{python}\nloss = (2.1 - 4) ** 2\nloss\n```\n\nThen more.", 5),
])
def test_words_are_counted_as_a_reader_reads_them(markdown, words):
    assert len(reader_words(markdown)) == words, reader_words(markdown)


# --- The worked line of "Training process" ----------------------------------------------------

# A layer of two neurons reading two inputs, as the section writes it out.
LAYER_INPUT = [1.0, 2.0]
LAYER_WEIGHTS = [[0.5, -1.0], [2.0, 0.25]]
LAYER_BIASES = [0.5, -1.0]


def tex_number(value):
    """A number as the section's formula writes it: no trailing zeros, a plain minus."""
    return f"{value:g}"


def tex_column(values):
    return r"\begin{pmatrix} " + r" \\ ".join(tex_number(v) for v in values) + r" \end{pmatrix}"


def worked_layer():
    """(z, relu(z)) of the worked layer, by the article's own forward pass: a network whose first
    layer turns x = 1 into the inputs (1, 2), then the worked layer (a hidden, ReLU layer), then
    an output neuron."""
    net = MLP([[[LAYER_INPUT[0]], [LAYER_INPUT[1]]], LAYER_WEIGHTS, [[1.0, 1.0]]],
              [[0.0, 0.0], LAYER_BIASES, [0.0]])
    fwd = forward(net, [1.0])
    assert fwd.activations[1][0] == LAYER_INPUT
    return fwd.zs[1][0], fwd.activations[2][0]


def test_the_worked_layer_is_computed_by_the_articles_forward_pass_and_numpy():
    z, a = worked_layer()
    expected_z = np.array(LAYER_WEIGHTS) @ np.array(LAYER_INPUT) + np.array(LAYER_BIASES)
    assert z == pytest.approx(expected_z.tolist(), abs=1e-15)
    assert a == pytest.approx(np.maximum(expected_z, 0.0).tolist(), abs=1e-15)
    assert min(z) < 0 < max(z)  # one neuron on, one off: ReLU shows what it does


def tex_row(weights, inputs, bias):
    """One neuron's weighted sum written out: '0.5 \\cdot 1 - 1 \\cdot 2 + 0.5'."""
    def term(value, first):
        if first:
            return tex_number(value)
        return f"{'-' if value < 0 else '+'} {tex_number(abs(value))}"
    products = [f"{term(w, k == 0)} \\cdot {tex_number(x)}"
                for k, (w, x) in enumerate(zip(weights, inputs))]
    return " ".join(products + [term(bias, False)])


def test_training_process_writes_out_the_worked_layer_before_the_general_form():
    text = section("08")
    z, a = worked_layer()
    matrix = (r"\begin{pmatrix} " + r" \\ ".join(" & ".join(tex_number(w) for w in row)
                                                  for row in LAYER_WEIGHTS) + r" \end{pmatrix}")
    rows = [tex_row(row, LAYER_INPUT, b) for row, b in zip(LAYER_WEIGHTS, LAYER_BIASES)]
    for piece in (matrix, tex_column(LAYER_INPUT), tex_column(LAYER_BIASES), tex_column(z),
                  tex_column(a), *rows):
        assert piece in text, piece
    assert text.index(tex_column(z)) < text.index("z^{[l]} = W^{[l]} a^{[l-1]} + b^{[l]}")
