"""Opt-in sanitising of raw HTML written in the Markdown, for articles from untrusted authors.

Python-Markdown keeps every piece of raw HTML (block or inline) in its HTML stash, and so do our
own extensions (math, widgets, glossary terms). Ours mark their entries as trusted with
``store_trusted``; with ``sanitize_html = true`` in the config, every other entry is cleaned by
nh3 (tags and attributes from a safe list; no scripts, styles, event handlers or javascript: URLs)
before Markdown puts the stash back into the page.
"""

from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor


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


class SanitizePostprocessor(Postprocessor):
    def run(self, text):
        import nh3  # only needed by articles that opt in

        trusted = stash_marked(self.md, "trusted")
        blocks = self.md.htmlStash.rawHtmlBlocks
        for index, html in enumerate(blocks):
            if index not in trusted:
                blocks[index] = nh3.clean(html)
        return text


class SanitizeExtension(Extension):
    def extendMarkdown(self, md):
        # Before the raw-HTML postprocessor (30) puts the stash back into the text.
        md.postprocessors.register(SanitizePostprocessor(md), "sanitize_html", 31)
