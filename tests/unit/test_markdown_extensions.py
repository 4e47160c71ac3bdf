"""Each Markdown extension, Markdown in and HTML out."""

import markdown
import pytest

from builder.errors import BuildError
from builder.katex import Katex
from builder.markdown_ext.heading_ids import HeadingIdExtension
from builder.markdown_ext.math import MathExtension
from builder.markdown_ext.widget_directive import WidgetExtension, parse_directive


@pytest.fixture(scope="module")
def katex():
    return Katex()


def convert(text, *extensions):
    return markdown.Markdown(extensions=list(extensions)).convert(text)


def test_inline_math_becomes_katex_html(katex):
    html = convert("Weight $w$ here.", MathExtension(katex))
    assert html.startswith("<p>Weight <span class=\"katex\">")
    assert "<math" in html  # MathML for screen readers
    assert html.endswith(" here.</p>")


def test_punctuation_after_inline_math_stays_on_its_line(katex):
    html = convert("Then $w = 1$, and $b$.", MathExtension(katex))
    assert html.count('<span class="math-nowrap"><span class="katex">') == 2
    assert html.count("</span>,</span> and") == 1 and html.endswith("</span>.</span></p>")
    assert "math-nowrap" not in convert("Weight $w$ here", MathExtension(katex))


def test_display_math_becomes_katex_display(katex):
    html = convert("$$\\frac{1}{J}$$", MathExtension(katex))
    assert 'class="katex-display"' in html
    assert "mfrac" in html


def test_display_math_may_span_lines(katex):
    html = convert("$$a +\nb$$", MathExtension(katex))
    assert html.count('class="katex-display"') == 1


def test_math_is_not_touched_by_emphasis(katex):
    html = convert("$a_1 * b_2 * c$", MathExtension(katex))
    assert "<em>" not in html and "<strong>" not in html


def test_code_keeps_its_dollars(katex):
    html = convert("Use `$x$` and\n\n```\n$$y$$\n```", MathExtension(katex), "fenced_code")
    assert "katex" not in html
    assert "<code>$x$</code>" in html and "$$y$$" in html


def test_prices_are_not_math(katex):
    html = convert("It costs $5 and $6 today.", MathExtension(katex))
    assert "katex" not in html


def test_escaped_dollar_is_a_literal_dollar(katex):
    html = convert("Pay \\$3 for $x$.", MathExtension(katex))
    assert "Pay $3 for <span class=\"math-nowrap\"><span class=\"katex\">" in html


def test_bad_formula_names_file_and_line(katex):
    with pytest.raises(BuildError) as caught:
        convert("ok\n\nstill ok\n\n$\\frac{1}{$", MathExtension(katex, source=("s.md", 1)))
    assert str(caught.value).startswith("s.md:5: cannot typeset")
    assert "KaTeX parse error" in str(caught.value)


def test_an_error_in_multi_line_math_is_one_line_at_the_culprits_line(katex):
    source = "Text.\n\n$$\na + b \\\\\n\\frac{1}{2} + \\nosuch{x}\n+ c\n$$\n"
    with pytest.raises(BuildError) as caught:
        convert(source, MathExtension(katex, source=("s.md", 10)))
    message = str(caught.value)
    assert message.startswith("s.md:14: cannot typeset $$a + b \\\\ \\frac{1}{2} + \\nosuch{x} + c$$:")
    assert "\n" not in message and "\u0332" not in message
    assert message.endswith("Undefined control sequence: \\nosuch at position 24: … \\frac{1}{2} + \\nosuch{x} + c")


def test_unknown_macro_is_an_error(katex):
    with pytest.raises(BuildError, match="Undefined control sequence"):
        convert("$\\notamacro$", MathExtension(katex, source=("s.md", 1)))


def render_stub(name, options):
    if name != "demo":
        raise ValueError(f"unknown widget '{name}'")
    return f'<figure data-widget="demo" data-size="{options.get("size", "")}"></figure>'


def test_widget_directive_becomes_a_block():
    html = convert("Text.\n::: widget demo size=3\nMore.", WidgetExtension(render_stub))
    assert html == ('<p>Text.</p>\n<figure data-widget="demo" data-size="3"></figure>\n'
                    "<p>More.</p>")


def test_unknown_widget_names_file_and_line():
    with pytest.raises(BuildError, match=r"^s\.md:3: unknown widget 'nope'"):
        convert("a\n\n::: widget nope", WidgetExtension(render_stub, source=("s.md", 1)))


@pytest.mark.parametrize("line", ["> ::: widget manual-tuning", "- ::: widget manual-tuning",
                                  "1. ::: widget manual-tuning", "  ::: widget manual-tuning"])
def test_a_directive_that_would_come_out_as_text_names_its_line(line):
    with pytest.raises(BuildError, match=r"one\.md:3: a widget directive must start its line"):
        convert(f"## A\n\n{line}\n", WidgetExtension(render_stub, source=("one.md", 1)))


def test_an_option_given_twice_is_an_error_not_the_last_one_silently():
    with pytest.raises(ValueError, match="option 'x' is given twice"):
        parse_directive("chain-rule x=50 x=60")


def test_directive_in_code_is_left_alone():
    html = convert("```\n::: widget nope\n```", WidgetExtension(render_stub), "fenced_code")
    assert "::: widget nope" in html


def test_directive_options_parse_quoted_values():
    assert parse_directive(' demo caption="two words" n=3') == ("demo", {"caption": "two words", "n": "3"})
    with pytest.raises(ValueError, match="key=value"):
        parse_directive("demo loose")
    with pytest.raises(ValueError, match="names no widget"):
        parse_directive("")


def test_headings_get_slug_ids_unique_across_sections():
    used, headings = set(), []
    first = convert("## See it in action\n### Notes", HeadingIdExtension(used, headings))
    second = convert("## Notes", HeadingIdExtension(used, headings))
    assert '<h2 id="see-it-in-action">' in first and '<h3 id="notes">' in first
    assert '<h2 id="notes-2">' in second
    assert [h[1] for h in headings] == ["see-it-in-action", "notes", "notes-2"]


def test_author_chosen_heading_id_is_kept():
    used, headings = set(), []
    html = convert("## Title {#chosen}", "attr_list", HeadingIdExtension(used, headings))
    assert '<h2 id="chosen">Title</h2>' == html


def test_math_in_heading_does_not_leak_into_its_id(katex):
    used, headings = set(), []
    html = convert("## The loss $L$", MathExtension(katex), HeadingIdExtension(used, headings))
    assert 'id="the-loss"' in html
    # The contents show the math too, typeset, but no raw HTML (the entry is a link itself).
    [heading] = headings
    assert heading.text == "The loss"
    assert heading.label.startswith("The loss <span class=\"katex\">") and "<mi>L</mi>" in heading.label
    convert("## A <a href='#x'>b</a> & c", HeadingIdExtension(used, headings))
    assert headings[-1].label == "A b &amp; c"


def test_colour_macros_become_the_article_colour_classes(katex):
    html = convert("$\\weight{w} + \\bias{b} = \\loss{L}$", MathExtension(katex))
    assert all(f"c-{name}" in html for name in ("weight", "bias", "loss"))


@pytest.mark.parametrize("tex", ["\\href{https://example.com}{x}", "\\htmlClass{evil}{x}",
                                 "\\htmlStyle{color:red}{x}"])
def test_html_producing_commands_other_than_the_colours_stop_the_build(katex, tex):
    with pytest.raises(BuildError, match="not allowed"):
        convert(f"${tex}$", MathExtension(katex, source=("s.md", 1)))


def test_sanitiser_cleans_author_html_but_not_our_own(katex):
    from builder.markdown_ext.sanitize import SanitizeExtension

    source = ('<div onclick="steal()">hi<script>alert(1)</script></div>\n\n'
              'Click <a href="javascript:alert(1)">me</a>, $w$.\n\n::: widget demo')
    html = convert(source, MathExtension(katex), WidgetExtension(render_stub), SanitizeExtension())
    assert "onclick" not in html and "<script" not in html and "javascript:" not in html
    assert '<span class="katex">' in html  # our math kept whole, style attributes included
    assert 'data-widget="demo"' in html


def test_without_the_sanitiser_trusted_author_html_is_kept(katex):
    html = convert('<div class="aside" data-x="1">hi</div>', MathExtension(katex))
    assert html == '<div class="aside" data-x="1">hi</div>'
