"""Opt-in sanitising of everything an author writes, for articles from untrusted authors.

With ``sanitize_html = true`` a section's or glossary definition's finished HTML goes through nh3
with an allow-list of tags, attributes and classes. It is the finished HTML, not only the raw HTML
blocks: attributes an author sets with attr_list (``{: onclick=…}``) or on a ``<div markdown>``
become parts of Markdown's own tree, and links (``[x](javascript:…)``) are Markdown's too.

Our own extensions' output (math, widgets, glossary term marks) is trusted: they put it in the
HTML stash with ``store_trusted``. Before the stash is put back, each trusted entry is swapped for
a token nobody can guess; nh3 cleans the page with the tokens in it, and the trusted HTML then
takes the tokens' places. A token an author managed to move into an attribute is dropped, not
filled in.

What is kept, and why:
- tags for prose, lists, tables, figures, code and asides; no forms, frames, media, SVG or MathML
  (nh3 removes ``<script>`` and ``<style>`` with their content);
- ``id`` (but not the ids the page itself uses: a clash would hand the author's element to our
  scripts), ``title``, ``lang``, ``dir``, ``role``, ``aria-label``, ``aria-hidden``;
- ``class``, only the classes authors are given (``aside``, ``sketch``, ``c-…`` colours,
  ``language-…`` code) and those Markdown writes (figures, footnotes, code colours): the page's own classes
  include positioned ones (a sticky banner, a popover) that would let an author lay an element
  over the page;
- ``style`` only as a table column's ``text-align`` (Markdown's aligned columns): any other
  style could position an element over the page;
- links to http(s), mailto, relative addresses and ``#parts``; ``data:`` only as an image's
  source (an ``<img>`` runs nothing); no ``javascript:``, ``vbscript:`` or other schemes, however
  written (``JaVa&#x09;script:``).
"""

import re
import secrets

from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor, RawHtmlPostprocessor

TAGS = {
    "a", "abbr", "aside", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
    "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q",
    "s", "samp", "section", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
}
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir", "role", "aria-label", "aria-hidden"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "headers", "style"},
    "th": {"colspan", "rowspan", "headers", "scope", "abbr", "style"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "col": {"span"},
    "colgroup": {"span"},
    "time": {"datetime"},
    "details": {"open"},
}
CLASSES = {"aside", "sketch", "image", "footnote", "footnote-ref", "footnote-backref", "codehilite"}
CLASS_PREFIXES = ("c-", "language-", "hl-")  # hl-: code tokens' colours (builder/code_highlight.py)
URL_SCHEMES = {"http", "https", "mailto", "data"}  # data: then only for <img src>
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20]+")  # what browsers skip in "java\tscript:"
_ALIGNMENT = re.compile(r"text-align:\s*(left|right|center)\s*;?")
_TAG = re.compile(r"<[^>]*>")  # nh3 writes '<' and '>' in attribute values as entities


def store_trusted(md, html, *marks):
    """Stash HTML our own extensions produced; it is never sanitised. ``marks`` ("math") tag the
    entry for later steps that need to know what it holds (the contents keep a heading's math)."""
    placeholder = md.htmlStash.store(html)
    for mark in ("trusted", *marks):
        stash_marked(md, mark).add(md.htmlStash.html_counter - 1)
    return placeholder


def stash_marked(md, mark):
    """The indices of the HTML stash entries stored with ``mark``."""
    return md.__dict__.setdefault(f"{mark}_stash", set())


def clean_html(html, reserved_ids=frozenset()):
    """``html`` with only what the allow-list above keeps."""
    import nh3  # only needed by articles that opt in

    def keep(tag, attribute, value):
        if attribute == "class":
            classes = [name for name in value.split()
                       if name in CLASSES or name.startswith(CLASS_PREFIXES)]
            return " ".join(classes) or None
        if attribute == "id":
            return None if value in reserved_ids else value
        if attribute in ("href", "src"):
            return value if _address_allowed(tag, value) else None
        if attribute == "style":
            return value if _ALIGNMENT.fullmatch(value.strip()) else None
        return value

    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, attribute_filter=keep,
                     url_schemes=URL_SCHEMES, link_rel=None,
                     filter_style_properties={"text-align"})


def _address_allowed(tag, value):
    """nh3 has checked the scheme already; this repeats it the way a browser reads the address,
    and allows data: only as an image."""
    scheme = _SCHEME.match(_IGNORED_IN_URLS.sub("", value).lower())
    if not scheme:
        return True  # relative, or a #part
    if scheme.group(1) == "data":
        return tag == "img" and value.strip().lower().startswith("data:image/")
    return scheme.group(1) in URL_SCHEMES


class HideTrustedPostprocessor(Postprocessor):
    """Swaps each trusted stash entry for a token before the stash is put back into the page."""

    def __init__(self, md, hidden):
        super().__init__(md)
        self.hidden = hidden  # {"token": pattern, index: trusted HTML}, shared with the cleaner

    def run(self, text):
        nonce = secrets.token_hex(8)
        blocks = self.md.htmlStash.rawHtmlBlocks
        self.hidden.clear()
        # The closing '-' ends the number: a digit the author wrote after math stays theirs.
        self.hidden["token"] = re.compile(f"trusted-{nonce}-([0-9]+)-")
        for index in stash_marked(self.md, "trusted"):
            self.hidden[index] = blocks[index]
            blocks[index] = f"trusted-{nonce}-{index}-"
        return text


class SanitizePostprocessor(Postprocessor):
    """Cleans the finished HTML, then puts the trusted HTML back in its tokens' places."""

    def __init__(self, md, hidden, reserved_ids):
        super().__init__(md)
        self.hidden = hidden
        self.reserved_ids = reserved_ids

    def run(self, text):
        text = clean_html(text, self.reserved_ids)
        token = self.hidden.pop("token", None)
        if token is None:
            return text
        text = _TAG.sub(lambda tag: token.sub("", tag.group(0)), text)
        block_level = RawHtmlPostprocessor(self.md).isblocklevel
        blocks = self.md.htmlStash.rawHtmlBlocks

        def restore(match):
            index = int(match.group(1) or match.group(2))
            html = blocks[index] = self.hidden[index]
            # Markdown unwraps a stashed block from its paragraph; it saw a token, so we do.
            if match.group(1) and not block_level(html):
                return f"<p>{html}</p>"
            return html

        return re.sub(f"<p>{token.pattern}</p>|{token.pattern}", restore, text)


class SanitizeExtension(Extension):
    def __init__(self, reserved_ids=frozenset(), **kwargs):
        self.reserved_ids = frozenset(reserved_ids)  # ids the page uses, which authors may not
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        hidden = {}
        # Before the raw-HTML postprocessor (30) puts the stash back into the text...
        md.postprocessors.register(HideTrustedPostprocessor(md, hidden), "hide_trusted", 31)
        # ...and after it, footnotes (25) and '&' (20): the whole section is there. Before
        # images written as HTML are shipped (15), so a removed <img> ships nothing.
        md.postprocessors.register(SanitizePostprocessor(md, hidden, self.reserved_ids),
                                   "sanitize_html", 16)
