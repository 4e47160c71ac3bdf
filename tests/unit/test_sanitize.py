"""``sanitize_html = true``: everything an author writes is cleaned, Markdown in and HTML out; our
own math, widgets and term marks come through untouched."""

import pytest

from builder.glossary import load_glossary
from builder.katex import Katex
from builder.page import make_environment
from builder.render import SectionRenderer
from builder.widgets import WidgetRenderer

GLOSSARY = "## loss\n\nHow wrong the model is, $L$.\n"


@pytest.fixture(scope="module")
def katex():
    return Katex()


@pytest.fixture
def render(tmp_path, katex):
    """render(markdown, sanitize=True) -> the section's HTML, as the build makes it."""
    glossary_path = tmp_path / "glossary.md"
    glossary_path.write_text(GLOSSARY)
    glossary = load_glossary(glossary_path, katex)

    def convert(text, sanitize=True):
        path = tmp_path / "one.md"
        path.write_text(text, encoding="utf-8")
        renderer = SectionRenderer(katex, WidgetRenderer(make_environment(katex)), glossary,
                                   sanitize_html=sanitize, content_dir=tmp_path)
        return renderer.render(path).html
    return convert


def test_attribute_list_event_handlers_and_styles_are_removed(render):
    html = render('## Hi\n\nCovered.\n{: onclick="alert(1)" style="position:fixed;inset:0" }\n')
    assert "<p>Covered.</p>" in html
    assert "onclick" not in html and "position" not in html
    unsanitised = render('## Hi\n\nCovered.\n{: onclick="alert(1)" style="position:fixed" }\n',
                         sanitize=False)
    assert 'onclick="alert(1)"' in unsanitised  # what the sanitiser is there to stop


def test_a_markdown_div_keeps_its_markdown_but_loses_its_handlers(render):
    html = render('## Hi\n\n<div markdown="1" class="aside" onmouseover="alert(1)" '
                  'style="position:fixed;top:0">\n**Bold** aside.\n</div>\n')
    assert '<div class="aside">\n<p><strong>Bold</strong> aside.</p>\n</div>' in html
    assert "onmouseover" not in html and "style" not in html


def test_links_with_script_and_data_schemes_lose_their_address_however_written(render):
    payloads = ["[a](javascript:alert(1))", "[b](JaVaScRiPt:alert(1))", "[c](data:text/html,hi)",
                "[d](vbscript:msgbox(1))", "[e](<java\tscript:alert(1)>)",
                '<a href="java&#x09;script:alert(1)">f</a>', '<a href="&#106;avascript:alert(1)">g</a>',
                '<a href="javascript&colon;alert(1)">h</a>', '<a href=" javascript:alert(1)">i</a>']
    html = render("## Hi\n\n" + "\n\n".join(payloads) + "\n")
    for name in "abcdefghi":
        assert f"<a>{name}</a>" in html
    assert "script" not in html.lower() and "data:" not in html


def test_web_mail_relative_and_fragment_links_stay(render):
    html = render("## Hi\n\n[w](https://example.org/a?b=1&c=2) [m](mailto:a@example.org) "
                  "[r](other/page.html) [f](#hi)\n")
    for link in ('<a href="https://example.org/a?b=1&amp;c=2">w</a>',
                 '<a href="mailto:a@example.org">m</a>', '<a href="other/page.html">r</a>',
                 '<a href="#hi">f</a>'):
        assert link in html


def test_scripts_styles_frames_and_forms_are_gone(render):
    html = render('## Hi\n\n<script>alert(1)</script>\n\n<style>body{display:none}</style>\n\n'
                  '<iframe src="https://example.org"></iframe>\n\n<form action="https://x.org">'
                  '<button>Go</button></form>\n\n<meta http-equiv="refresh" content="0;url=https://x.org">\n\n'
                  'An <img src="data:image/png;base64,iVBORw0KGgo=" onerror="alert(1)" alt="dot">.\n')
    for gone in ("<script", "alert", "<style", "display:none", "<iframe", "<form", "<button",
                 "<meta", "onerror"):
        assert gone not in html
    assert '<img src="data:image/png;base64,iVBORw0KGgo=" alt="dot">' in html  # an image runs nothing


def test_classes_are_those_authors_are_given_and_ids_not_the_pages_own(render):
    html = render('## Hi\n\nOne.\n{: .aside .build-error .c-loss .term-popover }\n\n'
                  'Two.\n{: #runtime-config }\n\nThree.\n{: #my-note }\n\n'
                  '<pre><code class="language-python skip-link">x = 1</code></pre>\n')
    assert '<p class="aside c-loss">One.</p>' in html
    assert "<p>Two.</p>" in html and "runtime-config" not in html
    assert '<p id="my-note">Three.</p>' in html
    assert '<code class="language-python">x = 1</code>' in html


def test_aligned_table_columns_keep_their_alignment_and_nothing_else(render):
    html = render('## Hi\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n'
                  '<table><tr><td style="text-align:left;position:fixed">x</td></tr></table>\n')
    assert '<th style="text-align:left">a</th>' in html and '<td style="text-align:right">2</td>' in html
    assert "position" not in html


def test_math_widgets_and_term_marks_come_through_byte_for_byte(render):
    source = ("## The loss $L$\n\nThe [[loss]] is $\\frac{1}{2}(w - 3)^2$, costing \\$5.\n\n"
              "$$\n\\loss{L} = \\weight{w}^2\n$$\n\n::: widget manual-tuning\n")
    assert render(source) == render(source, sanitize=False)


def test_trusted_html_moved_into_an_attribute_is_dropped_not_filled_in(render):
    html = render('## Hi\n\n[a link](#hi "about $x$ and [[loss]]")\n')
    assert '<a href="#hi" title="about  and loss">a link</a>' in html
    assert "katex" not in html


def test_glossary_definitions_are_cleaned_too(tmp_path, katex):
    path = tmp_path / "glossary.md"
    path.write_text('## loss\n\nHow wrong, $L$. <img src="x.png" onerror="alert(1)" alt="">\n'
                    "<script>alert(2)</script> [more](javascript:alert(3))\n"
                    '{: onclick="alert(4)" style="position:fixed" }\n')
    [entry] = load_glossary(path, katex, sanitize_html=True).entries
    for gone in ("onerror", "<script", "alert", "javascript", "onclick", "position"):
        assert gone not in entry.html
    assert '<span class="katex">' in entry.html and "<a>more</a>" in entry.html
    [unsanitised] = load_glossary(path, katex).entries
    assert "onerror" in unsanitised.html  # what the sanitiser is there to stop
