"""Stable heading ids, unique across every section of the article, collected for the contents.

An id is the heading's slug; a heading that sets its own (``## Title {#my-id}`` with attr_list)
keeps it. Ids are shared across the sections of one article, so a repeated title gets ``-2``.
"""

import re
import unicodedata

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor


def slugify(text):
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


class HeadingIdTreeprocessor(Treeprocessor):
    def __init__(self, md, used_ids, headings):
        super().__init__(md)
        self.used_ids = used_ids  # every id given so far in this article
        self.headings = headings  # (level, id, text) in document order, appended to

    def run(self, root):
        for element in root.iter():
            if not re.fullmatch(r"h[1-6]", element.tag):
                continue
            # Stash placeholders (math, raw HTML) are not part of the heading's words.
            text = re.sub(r"\x02wzxhzdk:\d+\x03", "", "".join(element.itertext())).strip()
            wanted = element.get("id") or slugify(text)
            unique, n = wanted, 1
            while unique in self.used_ids:
                n += 1
                unique = f"{wanted}-{n}"
            self.used_ids.add(unique)
            element.set("id", unique)
            self.headings.append((int(element.tag[1]), unique, text))


class HeadingIdExtension(Extension):
    def __init__(self, used_ids, headings, **kwargs):
        self.used_ids = used_ids
        self.headings = headings
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        # After attr_list (8), so an author's {#id} is already on the element.
        md.treeprocessors.register(HeadingIdTreeprocessor(md, self.used_ids, self.headings),
                                   "heading_ids", 5)
