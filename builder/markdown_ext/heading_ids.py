"""Stable heading ids, unique across every section of the article, collected for the contents.

An id is the heading's slug; a heading that sets its own (``## Title {#my-id}`` with attr_list)
keeps it. Ids are shared across the sections of one article, so a repeated title gets ``-2``.
"""

import html
import re
import unicodedata
from typing import NamedTuple

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from builder.markdown_ext.sanitize import stash_marked

PLACEHOLDER = re.compile(r"\x02wzxhzdk:(\d+)\x03")


class Heading(NamedTuple):
    level: int
    id: str
    text: str  # its words, for the id and for messages
    label: Markup  # its words and its math (KaTeX HTML), for the contents


def slugify(text):
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


class HeadingIdTreeprocessor(Treeprocessor):
    def __init__(self, md, used_ids, headings):
        super().__init__(md)
        self.used_ids = used_ids  # every id given so far in this article
        self.headings = headings  # Heading()s in document order, appended to

    def run(self, root):
        for element in root.iter():
            if not re.fullmatch(r"h[1-6]", element.tag):
                continue
            words = "".join(element.itertext())
            # Stash placeholders (math, raw HTML) are not part of the heading's words.
            text = PLACEHOLDER.sub("", words).strip()
            wanted = element.get("id") or slugify(text)
            unique, n = wanted, 1
            while unique in self.used_ids:
                n += 1
                unique = f"{wanted}-{n}"
            self.used_ids.add(unique)
            element.set("id", unique)
            self.headings.append(Heading(int(element.tag[1]), unique, text, self.label(words)))

    def label(self, words):
        """The heading's words with its math typeset: "The role of η" rather than "The role of".
        Links (a glossary term's tags), emphasis and raw HTML are left out: the contents entry is
        a link itself."""
        formulas = stash_marked(self.md, "math")
        parts = PLACEHOLDER.split(words)  # text, stash index, text, stash index, ..., text
        pieces = [html.escape(text) for text in parts[0::2]]
        for slot, index in enumerate(map(int, parts[1::2])):
            if index in formulas:
                pieces[slot] += self.md.htmlStash.rawHtmlBlocks[index]
        return Markup("".join(pieces).strip())


class HeadingIdExtension(Extension):
    def __init__(self, used_ids, headings, **kwargs):
        self.used_ids = used_ids
        self.headings = headings
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        # After attr_list (8), so an author's {#id} is already on the element.
        md.treeprocessors.register(HeadingIdTreeprocessor(md, self.used_ids, self.headings),
                                   "heading_ids", 5)
