"""Each Markdown extension, Markdown in and HTML out."""

import markdown
import pytest

from builder.errors import BuildError
from builder.katex import Katex
from builder.markdown_ext.footnote_check import FootnoteCheckExtension
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


@pytest.mark.parametrize("text, line, opening", [
    ("ok\n\n$$\\frac{1}{2}\n\nMore text.\n", 3, r"'\$\$\\frac\{1\}\{2\}' opens display math"),
    # Not paired with the next formula's "$$" across the paragraph break, which typeset prose.
    ("$$a +\n\nText.\n\n$$b$$\n", 1, r"'\$\$a \+' opens display math"),
    ("The sum $x + y is big.\n", 1, r"'\$x \+ y is big\.' opens inline math"),
    ("Both $\\alpha\n\nand $y$.\n", 1, r"'\$\\alpha' opens inline math"),
    ("Then $x $ and more.\n", 1, r"'\$x \$ and more\.' opens inline math"),  # closing after a space
])
def test_a_formula_never_closed_is_an_error_at_its_line(katex, text, line, opening):
    with pytest.raises(BuildError, match=rf"^s\.md:{line}: {opening} that is never closed"):
        convert(text, MathExtension(katex, source=("s.md", 1)))


def test_only_a_dollar_followed_by_a_letter_backslash_or_brace_must_be_closed(katex):
    # A "$" followed by a digit, a space or punctuation is a price or a sign, never an open formula.
    text = "From $5 to $10, a $ sign, \\$HOME and `$PATH`.\n\nIt costs 3 US$.\n"
    html = convert(text, MathExtension(katex, source=("s.md", 1)))
    assert "katex" not in html and "From $5 to $10, a $ sign, $HOME and" in html
    for opening in ("$HOME", "${n}", "$\\beta"):
        with pytest.raises(BuildError, match="opens inline math that is never closed"):
            convert(f"Set {opening} here.", MathExtension(katex, source=("s.md", 1)))


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


@pytest.mark.parametrize("text, reason", [
    ("Text.\n\n    ::: widget demo\n", "is indented"),  # an indented code block showing it
    ("- item\n\n    ::: widget demo\n", "is indented"),  # a list item's second paragraph
    ("Text.\n\n\t::: widget demo\n", "is indented"),
    ("See ::: widget demo\n", "follows text on its line"),
    ("> > ::: widget demo\n", "sits in a quote"),
    ("> - ::: widget demo\n", "sits in a list item"),
])
def test_a_directive_anywhere_but_the_start_of_a_line_is_an_error_saying_why(text, reason):
    line = 1 + text.count("\n", 0, text.index(":::"))
    with pytest.raises(BuildError, match=rf"^one\.md:{line}: a widget directive must start its "
                                         rf"line, but this one {reason}"):
        convert(text, WidgetExtension(render_stub, source=("one.md", 1)))


def test_a_directive_shown_in_backticks_or_a_fence_stays_text():
    html = convert("Write `::: widget demo` alone on a line.\n\n```\n  ::: widget demo\n```\n",
                   WidgetExtension(render_stub), "fenced_code")
    assert "<code>::: widget demo</code>" in html and "  ::: widget demo" in html


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
    used, headings = {}, []
    first = convert("## See it in action\n### Notes", HeadingIdExtension(used, headings))
    second = convert("## Notes", HeadingIdExtension(used, headings))
    assert '<h2 id="see-it-in-action">' in first and '<h3 id="notes">' in first
    assert '<h2 id="notes-2">' in second
    assert [h[1] for h in headings] == ["see-it-in-action", "notes", "notes-2"]


@pytest.mark.parametrize("title, expected", [
    ("反向传播", "反向传播"),
    ("第 2 步：链式法则", "第-2-步-链式法则"),
    ("Обратное распространение", "обратное-распространение"),
    ("역전파 알고리즘", "역전파-알고리즘"),
    ("がくしゅう率", "がくしゅう率"),  # a letter's own mark (the voicing) is kept
    ("Die Straße", "die-straße"),
])
def test_a_heading_in_another_script_keeps_its_letters_in_its_id(title, expected):
    html = convert(f"## {title}", HeadingIdExtension({}, []))
    assert html == f'<h2 id="{expected}">{title}</h2>'


@pytest.mark.parametrize("title, expected", [
    ("See it in action", "see-it-in-action"),
    ("Déjà vu, naïve café", "deja-vu-naive-cafe"),  # accents dropped, as always
    ("What’s next — step 2: the chain-rule!", "whats-next-step-2-the-chain-rule"),
    ("under_score & A/B", "under-score-a-b"),
    ("½ … ·", "12"),
    ("“”", "section"),
])
def test_ascii_and_accented_latin_headings_keep_the_ids_they_always_had(title, expected):
    html = convert(f"## {title}", HeadingIdExtension({}, []))
    assert f'<h2 id="{expected}">' in html


def test_author_chosen_heading_id_is_kept():
    used, headings = {}, []
    html = convert("## Title {#chosen}", "attr_list", HeadingIdExtension(used, headings))
    assert '<h2 id="chosen">Title</h2>' == html


def test_math_in_heading_does_not_leak_into_its_id(katex):
    used, headings = {}, []
    html = convert("## The loss $L$", MathExtension(katex), HeadingIdExtension(used, headings))
    assert 'id="the-loss"' in html
    # The contents show the math too, typeset, but no raw HTML (the entry is a link itself).
    [heading] = headings
    assert heading.text == "The loss"
    assert heading.label.startswith("The loss <span class=\"katex\">") and "<mi>L</mi>" in heading.label
    convert("## A <a href='#x'>b</a> & c", HeadingIdExtension(used, headings))
    assert headings[-1].label == "A b &amp; c"


def convert_file(tmp_path, text, used=None, *extensions):
    """Convert ``text`` as the section file s.md (errors name its lines) with heading ids."""
    path = tmp_path / "s.md"
    path.write_text(text, encoding="utf-8")
    headings = []
    return convert(text, "attr_list", "fenced_code", *extensions,
                   HeadingIdExtension({} if used is None else used, headings, source=(path, 1)))


@pytest.mark.parametrize("text, line, owner", [
    ("## Intro\n\n## More {#intro}\n", 3, r"the heading 'Intro' \(s\.md:1\)"),  # made from text
    ("## A {#x}\n\n## B {#x}\n", 3, r"the heading 'A' \(s\.md:1\)"),  # was quietly 'x-2'
    ("## Contents {#toc-title}\n", 1, "the page itself"),
    ("## Terms {#glossary-loss}\n", 1, "the glossary"),
])
def test_a_chosen_heading_id_already_taken_is_an_error_naming_its_owner(tmp_path, text, line, owner):
    used = {"toc-title": "the page itself", "glossary-loss": "the glossary"}
    with pytest.raises(BuildError, match=rf"s\.md:{line}: heading id '[a-z-]+' is already used by {owner}"):
        convert_file(tmp_path, text, used)


def test_a_heading_id_chosen_in_an_earlier_section_is_taken_in_a_later_one(tmp_path):
    used = {}
    convert_file(tmp_path, "## First {#start}\n", used)
    with pytest.raises(BuildError, match=r"s\.md:2: heading id 'start' is already used by the heading 'First'"):
        convert_file(tmp_path, "Text.\n## Again {#start}\n", used)


@pytest.mark.parametrize("chosen", ["50%", "a_b", "widget_1", "fn:1-1", "größe", "&quot;q&quot;"])
def test_a_heading_id_unsafe_in_an_address_or_in_another_kinds_namespace_is_an_error(tmp_path, chosen):
    # "%" made the contents script throw and the whole page stay static; "widget_1" and "fn:1-1"
    # are the ids of widgets and footnotes, which a heading would have doubled.
    with pytest.raises(BuildError, match=r"s\.md:3: heading id '.+' may hold only ASCII letters, "
                                         r"digits and hyphens"):
        convert_file(tmp_path, f"Text.\n\n## Title {{#{chosen}}}\n")


@pytest.mark.parametrize("text, line", [
    ("## A\n\n# Big\n\nText.\n", 3),
    ("## A\n\n```\n# a comment in code\n```\n\nBig\n===\n", 7),  # a setext heading
])
def test_a_level_one_heading_in_a_section_is_an_error_saying_to_use_two_hashes(tmp_path, text, line):
    with pytest.raises(BuildError, match=rf"s\.md:{line}: '# Big' is a level-1 heading, which only "
                                         r"the article's title may be: start a section with '## '"):
        convert_file(tmp_path, text)


def test_headings_are_located_past_code_and_setext_headings(tmp_path):
    text = "## A\n\n```\n## not a heading\n```\n\nB\n-\n\n### C {#c}\n\n### D {#c}\n"
    with pytest.raises(BuildError, match=r"^.*s\.md:12: heading id 'c' is already used by the "
                                         r"heading 'C' \(s\.md:10\)"):
        convert_file(tmp_path, text)


@pytest.mark.parametrize("text, line, problem", [
    ("Claim.[^1]\n", 1, r"footnote reference \[\^1\] has no definition in this section"),
    ("A.[^a]\n\nB.[^b]\n\n[^a]: Note.\n", 3, r"footnote reference \[\^b\] has no definition"),
    ("Claim.\n\n[^1]: Source.\n", 3, r"footnote \[\^1\] is defined but no text refers to it"),
    ("A.[^1]\n\n[^1]: One.\n[^1]: Two.\n", 4, r"footnote \[\^1\] is defined twice \(first on line 3\)"),
])
def test_a_footnote_that_cannot_work_is_an_error_at_its_line(tmp_path, text, line, problem):
    path = tmp_path / "s.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BuildError, match=rf"s\.md:{line}: {problem}"):
        convert(text, "footnotes", FootnoteCheckExtension(source=(path, 1)))


def test_footnote_marks_in_code_or_escaped_are_text_and_good_footnotes_pass(tmp_path):
    text = "Use `[^1]` or \\[^2] for a note.[^n]\n\n[^n]: The note.\n"
    path = tmp_path / "s.md"
    path.write_text(text, encoding="utf-8")
    html = convert(text, "footnotes", FootnoteCheckExtension(source=(path, 1)))
    assert "<code>[^1]</code> or [^2] for a note.<sup" in html


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


def test_a_chinese_headings_id_is_the_contents_link_and_a_link_to_it_passes_the_check(tiny_site):
    # build runs the site check: a link to an id that is not on the page would stop it.
    site = tiny_site("## 反向传播\n\nSee [the start](#反向传播).\n\n::: widget manual-tuning\n")
    page = (site / "index.html").read_text(encoding="utf-8")
    assert '<h2 id="反向传播">反向传播</h2>' in page
    assert page.count('href="#反向传播"') == 2  # the contents and the author's link
