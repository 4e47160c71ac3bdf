"""Code blocks are coloured at build time (builder/code_highlight.py): token classes and no inline
styles, colours for both themes that read on the code panel, live cells left to the editor."""

import re
from html import unescape

from builder import PACKAGE_DIR
from builder.code_highlight import DARK_SELECTORS, stylesheet

CODE_CSS = PACKAGE_DIR / "static" / "css" / "code.css"
ARTICLE_CSS = PACKAGE_DIR / "static" / "css" / "article.css"
PYTHON_BLOCK = "## Code\n\n```python\ndef f(x):\n    return 2 * x  # doubled\n```\n"


def page_of(site):
    return (site / "index.html").read_text(encoding="utf-8")


def code_blocks(page):
    """{language: the block's inner HTML} of the page's coloured code blocks."""
    return dict(re.findall(r'<div class="codehilite"><pre><span></span>'
                           r'<code class="language-(\w+)">(.*?)</code></pre></div>', page, re.S))


def test_a_python_block_gets_token_classes_and_no_style_attribute(tiny_site):
    block = code_blocks(page_of(tiny_site(PYTHON_BLOCK)))["python"]
    assert '<span class="hl-k">def</span>' in block
    assert '<span class="hl-nf">f</span>' in block
    assert '<span class="hl-c1"># doubled</span>' in block
    assert "style=" not in block  # the page's CSP allows no inline styles of ours
    assert unescape(re.sub(r"<[^>]*>", "", block)) == "def f(x):\n    return 2 * x  # doubled\n"


def test_a_block_without_a_language_is_not_guessed_into_colours(tiny_site):
    blocks = code_blocks(page_of(tiny_site("## Out\n\n```\ndef f(x): return 1\n```\n")))
    assert blocks == {"text": "def f(x): return 1\n"}


def test_live_cells_stay_cells_for_the_editor_beside_coloured_code(tiny_site):
    section = PYTHON_BLOCK + "\n```{python}\nprint(6 * 7)\n```\n"
    page = page_of(tiny_site(section))
    assert '<span class="hl-k">def</span>' in code_blocks(page)["python"]
    cell = re.search(r'<div class="live-cell".*?</output>', page, re.S).group(0)
    # The cell's code is the plain text the reader's editor replaces; its output is computed.
    assert ('<pre class="live-cell-code" data-role="code"><code class="language-python">'
            'print(6 * 7)</code></pre>') in cell
    assert "42" in cell and "hl-" not in cell and "codehilite" not in cell


def test_an_untrusted_articles_code_keeps_its_colours(tiny_site):
    page = page_of(tiny_site(PYTHON_BLOCK, config={"sanitize_html": True}))
    assert '<span class="hl-k">def</span>' in code_blocks(page)["python"]


def test_code_css_is_what_the_pygments_styles_make():
    assert CODE_CSS.read_text(encoding="utf-8") == stylesheet(), (
        "remake it: python -m builder.code_highlight > builder/static/css/code.css")


def test_the_built_stylesheet_colours_code_in_the_light_and_both_dark_themes(tiny_site):
    site = tiny_site(PYTHON_BLOCK)
    bundle = next(site.glob("assets/*/css/article.css")).read_text(encoding="utf-8")
    light = re.search(r"^\.codehilite \.hl-k \{ color: (#\w+)", bundle, re.M).group(1)
    system_dark = re.search(r"@media \(prefers-color-scheme: dark\) \{\n(?:  .*\n)*?"
                            rf"  {re.escape(DARK_SELECTORS[0])} \.codehilite \.hl-k "
                            r"\{ color: (#\w+)", bundle).group(1)
    chosen_dark = re.search(rf"^{re.escape(DARK_SELECTORS[1])} \.codehilite \.hl-k "
                            r"\{ color: (#\w+)", bundle, re.M).group(1)
    assert light.lower() != system_dark.lower() and system_dark == chosen_dark


def panel(theme_rule):
    """The code panel's colour (--panel) in one theme's rule of article.css."""
    return re.search(r"--panel:\s*(#[0-9a-fA-F]{6})", theme_rule).group(1)


def luminance(colour):
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_code_colour_reads_on_the_code_panel_of_its_theme():
    article = ARTICLE_CSS.read_text(encoding="utf-8")
    light_panel = panel(re.search(r"^:root \{.*?\}", article, re.S | re.M).group(0))
    dark_panel = panel(re.search(r'^:root\[data-theme="dark"\] \{.*?\}', article,
                                 re.S | re.M).group(0))
    css = CODE_CSS.read_text(encoding="utf-8")
    light_part, dark_part = css.split("@media", 1)
    for part, background in ((light_part, light_panel), (dark_part, dark_panel)):
        colours = set(re.findall(r"color: (#[0-9a-fA-F]{6})", part))
        assert colours
        for colour in colours:
            assert contrast(colour, background) >= 4.5, f"{colour} on {background}"
