"""Code blocks coloured at build time: Pygments through Python-Markdown's ``codehilite``.

A fenced block with a language (```` ```python ````) comes out as token spans with classes
(``<span class="hl-k">def</span>``), never inline styles, so the page's Content-Security-Policy
holds and the colours follow the page's theme. The colours are in builder/static/css/code.css,
made by ``stylesheet()`` from two Pygments styles, one per theme, each chosen because every colour
it gives reads on the code panel of its theme (WCAG AA, 4.5:1; tests/unit/test_code_highlight.py
checks it). Remake the file after changing Pygments or a style:

    python -m builder.code_highlight > builder/static/css/code.css

Live ``{python}`` cells are not touched: builder/markdown_ext/live_cells.py takes them out before
the fenced blocks are highlighted, and the reader's editor colours them.
"""

from markdown.extensions.codehilite import CodeHiliteExtension
from pygments.formatters import HtmlFormatter
from pygments.styles import get_style_by_name

CSS_CLASS = "codehilite"  # the block's <div>
TOKEN_PREFIX = "hl-"  # before Pygments' short token classes: no clash with the page's classes
LIGHT_STYLE = "xcode"
DARK_STYLE = "lightbulb"
# The page's dark theme (builder/static/css/article.css): the system's, unless the reader chose
# light with the toggle (data-theme on <html>, builder/static/js/theme.js), or the reader's choice.
DARK_SYSTEM = '@media (prefers-color-scheme: dark) {{\n{rules}}}\n'
DARK_SELECTORS = (':root:not([data-theme="light"])', ':root[data-theme="dark"]')


class CodeFormatter(HtmlFormatter):
    """Pygments' HTML with the block's language on its ``<code>`` (``language-python``), as
    Python-Markdown writes it without Pygments: codehilite hands it over as ``lang_str``."""

    def __init__(self, lang_str="", **options):
        super().__init__(**options)
        self.lang_str = lang_str

    def _wrap_code(self, source):
        yield 0, f'<code class="{self.lang_str}">' if self.lang_str else "<code>"
        yield from source
        yield 0, "</code>"


def codehilite():
    """The configured extension; fenced_code uses it for every fenced block. Without a language
    a block stays plain text (no guessing: a guess colours prose or output as code)."""
    return CodeHiliteExtension(css_class=CSS_CLASS, guess_lang=False, use_pygments=True,
                               pygments_formatter=CodeFormatter, classprefix=TOKEN_PREFIX)


def token_looks(style_name):
    """{token class: {CSS property: value}} for every token type the style colours or sets in
    bold, italics or underline. Backgrounds and borders are left out: the block sits on the
    page's code panel in both themes."""
    style = get_style_by_name(style_name)
    looks = {}
    classes = HtmlFormatter(style=style, classprefix=TOKEN_PREFIX).ttype2class
    for token_type, css_class in classes.items():
        found = style.style_for_token(token_type)
        look = {"color": found["color"] and "#" + found["color"],
                "font-weight": found["bold"] and "bold", "font-style": found["italic"] and "italic",
                "text-decoration": found["underline"] and "underline"}
        if css_class and any(look.values()):
            looks[css_class] = {name: value for name, value in look.items() if value}
    return looks


def rules(classes, looks, other, selector=""):
    """One rule per token class; a property only the other theme sets is reset to ``inherit``,
    so the dark theme undoes the light one's bold and the other way round."""
    for name in classes:
        properties = sorted(set(looks.get(name, {})) | set(other.get(name, {})))
        own = looks.get(name, {})
        body = "; ".join(f"{prop}: {own.get(prop, 'inherit')}" for prop in properties)
        yield f"{selector}.{CSS_CLASS} .{name} {{ {body} }}\n"


def stylesheet():
    """code.css: the light style's colours, then the dark style's under both dark selectors."""
    light, dark = token_looks(LIGHT_STYLE), token_looks(DARK_STYLE)
    classes = sorted(set(light) | set(dark))
    header = (f"/* Code colours (builder/code_highlight.py): Pygments' {LIGHT_STYLE} style in the\n"
              f"   light theme, {DARK_STYLE} in the dark one. Made by\n"
              "   `python -m builder.code_highlight`; do not edit by hand. */\n")
    system_dark = "".join("  " + rule
                          for rule in rules(classes, dark, light, DARK_SELECTORS[0] + " "))
    return (header + "".join(rules(classes, light, dark)) + DARK_SYSTEM.format(rules=system_dark)
            + "".join(rules(classes, dark, light, DARK_SELECTORS[1] + " ")))


if __name__ == "__main__":
    print(stylesheet(), end="")
