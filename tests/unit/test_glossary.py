"""Glossary terms: the ``[[term]]`` extension (Markdown in, HTML out) and the glossary file."""

import re
import textwrap

import markdown
import pytest

from builder import REPO_DIR
from builder.errors import BuildError
from builder.glossary import Entry, load_glossary, parse_glossary
from builder.katex import Katex
from builder.markdown_ext.glossary import GlossaryExtension
from builder.markdown_ext.math import MathExtension

TERMS = {
    "loss": Entry("loss", "loss", 1),
    "mse": Entry("mse", "mean squared error (MSE)", 5),
}
LOSS_LINK = ('<a class="term" href="#glossary-loss" aria-describedby="definition-loss" '
             'data-term="loss">')


@pytest.fixture(scope="module")
def katex():
    return Katex()


def convert(text, *extensions, terms=TERMS, source=("s.md", 1)):
    return markdown.Markdown(
        extensions=list(extensions) + [GlossaryExtension(terms, source=source)]).convert(text)


# --- marking terms in prose ------------------------------------------------------------------

def test_term_id_shows_the_terms_name_as_a_described_link():
    assert convert("The [[loss]] falls.") == f"<p>The {LOSS_LINK}loss</a> falls.</p>"


def test_name_is_shown_literally_not_as_markup():
    html = convert("See [[mse]].")
    assert 'data-term="mse">mean squared error (MSE)</a>' in html
    odd = {"odd": Entry("odd", "a_b*c* <d>", 1)}
    assert 'data-term="odd">a_b*c* &lt;d&gt;</a>' in convert("[[odd]]", terms=odd)


def test_shown_text_gets_normal_inline_markdown():
    html = convert("Drive the [[*total* error|loss]] down.")
    assert f"{LOSS_LINK}<em>total</em> error</a>" in html


def test_shown_text_may_hold_math_and_wrap_across_lines(katex):
    html = convert("The [[squared\nerror $e^2$|mse]] here.", MathExtension(katex))
    opening, _, rest = html.partition('data-term="mse">')
    assert opening and rest.startswith("squared\nerror <span class=\"katex\">")
    assert rest.count("</a>") == 1 and rest.index("</math>") < rest.index("</a>")


def test_a_term_can_be_emphasised_from_outside():
    assert convert("**[[loss]]**") == f"<p><strong>{LOSS_LINK}loss</a></strong></p>"


def test_code_is_left_untouched():
    html = convert("Write `[[loss]]` or\n\n```\n[[nope]]\n```", "fenced_code")
    assert "<code>[[loss]]</code>" in html and "[[nope]]" in html
    assert 'class="term"' not in html


def test_escaped_brackets_are_literal():
    assert convert("A list \\[[loss]] here.") == "<p>A list [[loss]] here.</p>"


def test_term_inside_a_table_cell():
    html = convert("| a | b |\n| - | - |\n| [[the loss|loss]] | 2 |", "tables")
    assert f"<td>{LOSS_LINK}the loss</a></td>" in html


def test_unknown_id_names_file_line_and_known_ids():
    with pytest.raises(BuildError) as caught:
        convert("ok\n\nstill ok, [[lose]] here")
    assert str(caught.value) == ("s.md:3: unknown glossary term 'lose' "
                                 "(did you mean 'loss'? known ids: loss, mse)")


def test_unknown_id_in_shown_text_form_points_at_its_line():
    with pytest.raises(BuildError, match=r"^s\.md:12: unknown glossary term 'gradient' \(known"):
        convert("x\n[[the slope|gradient]]", source=("s.md", 11))


WITH_RATE = {**TERMS, "lr": Entry("lr", "learning rate", 9)}


@pytest.mark.parametrize("mark, fix", [
    ("[[lr|learning rate]]", "[[learning rate|lr]]"),  # the two parts swapped
    ("[[a step's size|learning rate]]", "[[a step's size|lr]]"),
    ("[[Learning  rate]]", "[[lr]]"),
])
def test_a_terms_name_where_its_id_belongs_is_told_with_the_mark_to_write(mark, fix):
    with pytest.raises(BuildError) as caught:
        convert(f"The {mark} here.", terms=WITH_RATE)
    name = mark.split("|")[-1].strip("[]")
    assert str(caught.value) == (f"s.md:1: unknown glossary term '{name}': that is the name of "
                                 "term 'lr'; a mark is [[id]] or [[shown text|id]], the id last: "
                                 f"write {fix}")


def test_without_a_glossary_any_mark_is_an_error():
    with pytest.raises(BuildError, match="the article has no glossary"):
        convert("[[loss]]", terms={})


def test_empty_shown_text_is_an_error():
    with pytest.raises(BuildError, match=r"^s\.md:1: the term mark '\[\[ \|loss\]\]' shows no"):
        convert("[[ |loss]]")


# --- the glossary file -----------------------------------------------------------------------

GOOD = textwrap.dedent("""\
    <!-- Notes for authors:
    # not a heading, this is a comment -->

    ## loss {#loss}

    How wrong the model is, as $\\frac{1}{2}$ of something.

    ## gradient descent

    Walk downhill.

    ```
    # a comment in code, not a heading
    ```
    """)


def test_entries_have_ids_names_lines_and_bodies():
    entries = parse_glossary(GOOD)
    assert [(e.id, e.name, e.line) for e in entries] == [
        ("loss", "loss", 4), ("gradient-descent", "gradient descent", 8)]
    assert "Walk downhill." in entries[1].body and "# a comment in code" in entries[1].body


def test_loaded_glossary_renders_math_and_knows_its_page_ids(tmp_path, katex):
    path = tmp_path / "glossary.md"
    path.write_text(GOOD)
    glossary = load_glossary(path, katex)
    loss = glossary.terms["loss"]
    assert loss.html.startswith("<p>How wrong the model is, as <span class=\"katex\">")
    assert (loss.anchor, loss.definition_id) == ("glossary-loss", "definition-loss")
    assert glossary.page_ids() == {"glossary", "glossary-loss", "definition-loss",
                                   "glossary-gradient-descent", "definition-gradient-descent"}
    assert glossary.toc_entry() == {"id": "glossary", "text": "Glossary", "children": []}


@pytest.mark.parametrize("text, expected", [
    ("## loss {#loss}\n\nOne.\n\n## Loss again {#loss}\n\nTwo.\n",
     r"^g\.md:5: duplicate term id 'loss' \(already used on line 1\)$"),
    ("## loss\n\nOne.\n\n## gradient\n\n<!-- later -->\n\n## relu\n\nThree.\n",
     r"^g\.md:5: the term 'gradient' has no explanation$"),
    ("## loss\n\nOne.\n\n## gradient\n", r"^g\.md:5: the term 'gradient' has no explanation$"),
    ("Terms:\n\n## loss\n\nOne.\n", r"^g\.md:1: text before the first term"),
    ("<!-- ok -->\n\nstray\n## loss\n\nOne.\n", r"^g\.md:3: text before the first term"),
    ("## loss {#Loss_1}\n\nOne.\n", r"^g\.md:1: term id 'Loss_1' may only hold lower-case"),
    ("## {#loss}\n\nOne.\n", r"^g\.md:1: a term needs a name"),
    ("## loss\n\nOne.\n\n### Details\n\nMore.\n", r"^g\.md:5: only level-2 headings"),
    ("Just prose.\n", r"^g\.md: the glossary defines no terms"),
    ("## loss\n\nSee also\n[[gradient]].\n", r"^g\.md:4: term marks \('\[\[\.\.\.\]\]'\) are not"),
])
def test_format_mistakes_name_file_and_line(text, expected):
    with pytest.raises(BuildError, match=expected):
        parse_glossary(text, path="g.md")


def test_bad_formula_in_an_explanation_names_its_line(tmp_path, katex):
    path = tmp_path / "g.md"
    path.write_text("## loss\n\nFine.\n\n## mse\n\nFirst line,\nthen $\\frac{1}{$.\n")
    with pytest.raises(BuildError, match=r"g\.md:8: cannot typeset"):
        load_glossary(path, katex)


def test_the_articles_glossary_defines_the_eleven_terms(katex):
    glossary = load_glossary(REPO_DIR / "content" / "glossary.md", katex)
    assert sorted(glossary.terms) == sorted([
        "highlighted", "loss", "mse", "weight-and-bias", "rate-of-change", "partial-derivative",
        "gradient", "gradient-of-loss", "gradient-descent", "differentiability", "relu"])
    for entry in glossary.entries:
        sentences = re.findall(r"[.?!](?:\s|$)", re.sub(r"<[^>]+>", "", entry.html))
        assert 1 <= len(sentences) <= 3, entry.id


# --- the whole build -------------------------------------------------------------------------

LOSS_GLOSSARY = "## loss {#loss}\n\nHow wrong we are.\n"


def test_build_adds_a_glossary_section_listed_last_in_the_contents(tiny_site):
    from builder.site_check import problems_in

    section = "## Glossary\n\nThe [[loss]] is low.\n"  # a heading may not steal the section's id
    out = tiny_site(section, glossary=LOSS_GLOSSARY)
    html = (out / "index.html").read_text()
    assert f"{LOSS_LINK}loss</a>" in html
    assert '<h2 id="glossary-2">Glossary</h2>' in html
    assert re.search(r'<section class="section glossary" aria-labelledby="glossary">\s*'
                     r'<h2 id="glossary">Glossary</h2>\s*<dl class="glossary-list">\s*'
                     r'<dt id="glossary-loss">loss</dt>\s*'
                     r'<dd id="definition-loss"><p>How wrong we are.</p></dd>', html)
    toc = re.search(r'<nav class="toc".*?</nav>', html, re.S).group(0)
    assert re.findall(r'href="#([^"]+)"', toc) == ["glossary-2", "glossary"]
    assert problems_in(out) == []  # every term link resolves


def test_build_stops_at_an_unknown_term(tiny_site):
    with pytest.raises(BuildError, match=r"one\.md:3: unknown glossary term 'los'"):
        tiny_site("## A\n\n[[los]]\n", glossary=LOSS_GLOSSARY)
