"""Stable heading ids, unique across every section of the article, collected for the contents.

An id is the heading's slug; a repeated title gets ``-2``, since the author did not choose it. A
heading that sets its own (``## Title {#my-id}`` with attr_list) keeps it, and the build stops at
its line when that id cannot work:

- it holds characters other than ASCII letters, digits and hyphens: those are the characters that
  are safe in a link's ``#fragment`` (a ``%`` broke the contents script), and ``_`` and ``:`` stay
  free for the ids of widgets (``widget_1``) and footnotes (``fn:1-1``), which can then never clash;
- another heading, the glossary or the page itself already uses it (it used to become ``-2``
  silently, so every link to it led to the other element).

A level-1 heading also stops the build: the article's title is the page's only ``<h1>``, and a
``#`` heading in a section would break the outline and the contents.
"""

import html
import re
import unicodedata
from pathlib import Path
from typing import NamedTuple

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from builder.errors import BuildError, read_source
from builder.markdown_ext.sanitize import stash_marked
from builder.markdown_ext.source_scan import code_ranges, in_ranges, line_at

PLACEHOLDER = re.compile(r"\x02wzxhzdk:(\d+)\x03")
SAFE_ID = re.compile(r"[A-Za-z0-9-]+")

# Where headings start in the source: "## Title" lines, and the underline of "Title\n=====".
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]|$)", re.M)
_SETEXT_UNDERLINE = re.compile(r"(?<=\S)[ \t]*\n {0,3}(=+|-+)[ \t]*$", re.M)


class Heading(NamedTuple):
    level: int
    id: str
    text: str  # its words, for the id and for messages
    label: Markup  # its words and its math (KaTeX HTML), for the contents
    line: int | None = None  # where it starts in its section's file, when known


def slugify(text, unicode_letters=True):
    """The id a heading's words give: "See it in action" is ``see-it-in-action``.

    Latin letters lose their accents ("Déjà vu": ``deja-vu``) and ASCII punctuation and spaces
    become single hyphens. Letters and digits of other scripts are kept, as Python-Markdown's
    ``slugify_unicode`` keeps them ("反向传播" stays ``反向传播``, "Straße" is ``straße``), with
    their own marks (Japanese voicing); other symbols and punctuation are left out. So an
    all-ASCII heading's id is what it always was. ``unicode_letters=False`` keeps only ASCII (the
    glossary's ids)."""
    kept, after_ascii = [], True
    for char in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(char):
            if not after_ascii and unicode_letters:  # a mark of another script's letter
                kept.append(char)
            continue
        after_ascii = char.isascii()
        if char.isascii():
            kept.append(char if char.isalnum() else " ")
        elif unicode_letters and unicodedata.category(char)[0] in "LN":
            kept.append(char)
    words = unicodedata.normalize("NFKC", "".join(kept)).lower().split()
    return "-".join(words) or "section"


class HeadingLines:
    """The source line of each heading, matched in document order by level: the element tree
    Markdown builds has no line numbers, and errors must name one."""

    def __init__(self, path, first_line=1):
        self.lines, self.next = [], 0
        if path is None:
            return
        text = read_source(path, "section")
        skip = code_ranges(text)
        found = [(m.start(), len(m.group(1))) for m in _ATX.finditer(text)]
        found += [(text.rfind("\n", 0, m.start()) + 1, 1 if m.group(1)[0] == "=" else 2)
                  for m in _SETEXT_UNDERLINE.finditer(text)]
        self.lines = [(line_at(text, at, first_line), level) for at, level in sorted(found)
                      if not in_ranges(at, skip)]

    def take(self, level):
        """The line of the next heading of ``level`` in the file (None if it cannot be found)."""
        for i in range(self.next, len(self.lines)):
            line, found = self.lines[i]
            if found == level:
                self.next = i + 1
                return line
        return None


class HeadingIdTreeprocessor(Treeprocessor):
    def __init__(self, md, used_ids, headings, source):
        super().__init__(md)
        self.used_ids = used_ids  # {id: what uses it} for every id given so far in this article
        self.headings = headings  # Heading()s in document order, appended to
        path, self.first_line = source
        self.path = Path(path) if path is not None else None

    def run(self, root):
        lines = HeadingLines(self.path, self.first_line)
        for element in root.iter():
            if not re.fullmatch(r"h[1-6]", element.tag):
                continue
            level = int(element.tag[1])
            words = "".join(element.itertext())
            # Stash placeholders (math, raw HTML) are not part of the heading's words.
            text = PLACEHOLDER.sub("", words).strip()
            line = lines.take(level)
            if level == 1:
                self.refuse(line, f"'# {text}' is a level-1 heading, which only the article's "
                                  "title may be: start a section with '## ' (and its parts "
                                  "with '### ')")
            chosen = element.get("id")
            if chosen is not None:
                self.check_chosen(chosen, line)
                unique = chosen
            else:
                wanted = slugify(text)
                unique, n = wanted, 1
                while unique in self.used_ids:
                    n += 1
                    unique = f"{wanted}-{n}"
            where = f"{self.path.name}:{line}" if self.path and line else "this article"
            self.used_ids[unique] = f"the heading '{text}' ({where})"
            element.set("id", unique)
            self.headings.append(Heading(level, unique, text, self.label(words), line))

    def check_chosen(self, chosen, line):
        if not SAFE_ID.fullmatch(chosen):
            self.refuse(line, f"heading id '{chosen}' may hold only ASCII letters, digits and "
                              "hyphens (like 'step-2'): other characters are unsafe in a link's "
                              "#fragment, and '_' and ':' are kept for widgets and footnotes")
        if chosen in self.used_ids:
            self.refuse(line, f"heading id '{chosen}' is already used by {self.used_ids[chosen]}: "
                              "choose another id, since a link to it could only reach one of them")

    def refuse(self, line, problem):
        raise BuildError(self.path, line, problem)

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
    """``used_ids`` maps every id already taken on the page to what takes it (for messages), and
    gains the headings' ids; ``source`` is (section file, its first line) for errors."""

    def __init__(self, used_ids, headings, source=(None, 1), **kwargs):
        self.used_ids = used_ids
        self.headings = headings
        self.source = source
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        # After attr_list (8), so an author's {#id} is already on the element.
        md.treeprocessors.register(
            HeadingIdTreeprocessor(md, self.used_ids, self.headings, self.source), "heading_ids", 5)
