"""Nothing an author writes disappears without a word: each mistake that used to build quietly
(into raw text, a code block, a renamed id or a broken link) stops the build at its file and line,
and a site ``build`` accepts is one ``check`` accepts."""

import pytest

from builder import pipeline
from builder.site_check import problems_in
from builder.errors import BuildError
from tests.articles import assert_untouched, build, tiny_article

MISTAKES = {
    # what the author wrote: (the section, the error's line, what it says)
    "a directive indented four spaces (was a code block showing it)": (
        "## A\n\nText.\n\n    ::: widget chain-rule\n", 5, "a widget directive must start its line"),
    "a directive in a list item's second paragraph (was plain text)": (
        "## A\n\n- item\n\n    ::: widget chain-rule\n", 5, "a widget directive must start its line"),
    "a directive after text on its line (was plain text)": (
        "## A\n\nSee ::: widget chain-rule\n", 3, "this one follows text on its line"),
    "an unclosed $$ (was raw TeX)": (
        "## A\n\n$$\\frac{1}{2}\n\nMore.\n", 3, "opens display math that is never closed"),
    "an unclosed $ (was raw TeX)": (
        "## A\n\nThe sum $x + y is big.\n", 3, "opens inline math that is never closed"),
    "a footnote reference with no definition (was '[^1]' in the text)": (
        "## A\n\nClaim.[^1]\n", 3, "footnote reference [^1] has no definition"),
    "a footnote definition with no reference (check failed on its back link)": (
        "## A\n\nClaim.\n\n[^1]: Source.\n", 5, "footnote [^1] is defined but no text refers to it"),
    "a chosen heading id already taken (was renamed '-2')": (
        "## A {#x}\n\n## B {#x}\n", 3, "heading id 'x' is already used by the heading 'A'"),
    "a heading id that is a widget's (check failed on the doubled id)": (
        "## W {#widget_1}\n\n::: widget chain-rule\n", 1, "heading id 'widget_1' may hold only"),
    "a '#' heading in a section (broke the contents)": (
        "## A\n\n# Big\n", 3, "'# Big' is a level-1 heading"),
    "a heading id with '%' (the contents script threw)": (
        "## A {#50%}\n", 1, "heading id '50%' may hold only ASCII letters, digits and hyphens"),
}


@pytest.mark.parametrize("section, line, problem", MISTAKES.values(), ids=MISTAKES.keys())
def test_a_mistake_stops_the_build_at_its_line_and_keeps_the_previous_site(
        previous_site, tmp_path, section, line, problem):
    out, snapshot = previous_site
    config = tiny_article(tmp_path / "content", section)
    with pytest.raises(BuildError) as caught:
        build(config, out)
    assert (caught.value.path.name, caught.value.line) == ("one.md", line)
    assert problem in caught.value.problem
    assert_untouched(out, snapshot)


# Mistakes only the built page shows: build checks its output as `check` does, then names the line
# of the section that wrote the culprit.
CHECK_WOULD_FLAG = {
    "a paragraph's {#id} that a heading has": (
        "## Intro\n\nText.\n{: #intro }\n", 4, "id 'intro' is used twice"),
    "raw HTML taking a widget's id": (
        "## A\n\n::: widget chain-rule\n\n<span id=\"widget_1\">x</span>\n", 5,
        "id 'widget_1' is used twice"),
    "a link to an anchor no element has": (
        "## A\n\nSee [below](#nowhere).\n", 3, "#nowhere: no element with id 'nowhere'"),
    "a link to a file the site does not have": (
        "## A\n\nText.\n\nGet [the notes](notes.pdf).\n", 5, "notes.pdf: no such file"),
    "a protocol-relative link": (
        "## A\n\n[x](//example.com/a)\n", 3, "a protocol-relative URL reaches another host"),
}


@pytest.mark.parametrize("section, line, flagged", CHECK_WOULD_FLAG.values(),
                         ids=CHECK_WOULD_FLAG.keys())
def test_build_refuses_at_its_line_what_check_would_flag_on_the_built_site(
        tmp_path, monkeypatch, section, line, flagged):
    config = tiny_article(tmp_path / "content", section)
    with pytest.raises(BuildError) as caught:
        build(config, tmp_path / "site")
    assert (caught.value.path.name, caught.value.line) == ("one.md", line)
    assert "the built site would fail 'check'" in caught.value.problem
    assert flagged in caught.value.problem
    assert not (tmp_path / "site").exists()
    # The same site written without build's own check is one `check` refuses, for the same reason.
    monkeypatch.setattr(pipeline, "refuse_what_check_would", lambda *args, **kwargs: None)
    build(config, tmp_path / "unchecked")
    assert any(flagged in problem for problem in problems_in(tmp_path / "unchecked"))


def test_every_site_build_accepts_is_one_check_accepts(tmp_path):
    sections = [section for section, _line, _problem in MISTAKES.values()]
    sections += [section for section, _line, _flagged in CHECK_WOULD_FLAG.values()]
    sections += [
        "## Notes {#top}\n\nA claim.[^1] [Up](#top), [the web](https://example.com).\n\n"
        "[^1]: Its source.\n\n## Notes\n\nPrices: $5 and $6; a formula $x$.\n",
        "## Article\n\n::: widget chain-rule\n\n[Alone](embed/chain-rule.html)\n",
    ]
    built = 0
    for n, section in enumerate(sections):
        out = tmp_path / f"site-{n}"
        try:
            build(tiny_article(tmp_path / f"content-{n}", section), out)
        except BuildError:
            assert not out.exists()
            continue
        built += 1
        assert problems_in(out) == [], section
    assert built == 2  # the two good articles
