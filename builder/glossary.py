"""The glossary: a Markdown file of terms, shown as the article's last section and in popovers.

The file (``glossary = "glossary.md"`` in article.toml) is a list of entries. Each entry is a
level-2 heading naming the term, optionally with its id, followed by its explanation::

    ## mean squared error (MSE) {#mse}

    The average of the squared gaps between predictions and targets,
    $\\frac{1}{J}\\sum_i (\\hat y_i - y_i)^2$.

- The name is plain text, written as it reads in a sentence (lower case unless it is a proper
  name or an abbreviation); it is what ``[[mse]]`` shows in the prose.
- The id (``{#mse}``) is what the prose refers to. Without one, the id is the name's slug
  (``## gradient descent`` is ``gradient-descent``). Ids are lower-case letters, digits and hyphens.
- The explanation is ordinary Markdown up to the next entry: paragraphs, emphasis, links and
  ``$math$`` (typeset by KaTeX at build time). Other headings and term marks (``[[...]]``) are not
  allowed inside it, since it is shown out of context in a popover.
- Before the first entry only blank lines and HTML comments (``<!-- notes for authors -->``) may
  stand. Entries appear on the page in the file's order.

Mistakes (text before the first entry, a bad or duplicate id, an empty name or explanation, a
formula KaTeX cannot parse) stop the build with the file and line.

On the page each entry becomes a ``<dt id="glossary-ID">`` and ``<dd id="definition-ID">`` in a
section with the heading ``Glossary`` (``#glossary``), listed last in the table of contents.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

import markdown

from builder.code_highlight import codehilite
from builder.errors import BuildError, read_source
from builder.markdown_ext.glossary import TERM_MARK
from builder.markdown_ext.heading_ids import slugify
from builder.markdown_ext.math import MathExtension
from builder.markdown_ext.sanitize import SanitizeExtension
from builder.markdown_ext.source_scan import code_ranges, in_ranges, line_at
from builder.render import BUILTIN_EXTENSIONS, PAGE_IDS

SECTION_ID = "glossary"
SECTION_TITLE = "Glossary"

_ENTRY = re.compile(r"^##(?:[ \t](?P<title>[^\n]*))?$", re.M)
_ID_SUFFIX = re.compile(r"[ \t]*\{#(?P<id>[^}]*)\}$")
_OTHER_HEADING = re.compile(r"^(?:#|###+)[ \t][^\n]*$", re.M)
_VALID_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


@dataclass(frozen=True)
class Entry:
    id: str
    name: str
    line: int  # of the entry's heading in the glossary file
    html: str = ""  # the rendered explanation

    @property
    def anchor(self):
        """The id of the term's <dt> on the page: where a term link leads."""
        return f"glossary-{self.id}"

    @property
    def definition_id(self):
        """The id of the term's <dd>: what a term's aria-describedby names."""
        return f"definition-{self.id}"


@dataclass
class Glossary:
    path: Path
    entries: list = field(default_factory=list)
    section_id = SECTION_ID  # the Glossary heading's id on the page
    title = SECTION_TITLE

    @property
    def terms(self):
        """{id: Entry}, for the term-mark extension."""
        return {entry.id: entry for entry in self.entries}

    def page_ids(self):
        """Every element id the Glossary section uses, so no heading may take one."""
        ids = {self.section_id}
        for entry in self.entries:
            ids.update((entry.anchor, entry.definition_id))
        return ids

    def toc_entry(self):
        return {"id": self.section_id, "text": self.title, "children": []}


@dataclass(frozen=True)
class _RawEntry:
    id: str
    name: str
    line: int
    body: str
    body_line: int  # first line of the body in the file


def parse_glossary(text, path=None):
    """Split a glossary file into raw entries, checking the format; no rendering yet."""
    # Neither code nor an HTML comment can start an entry or hold a stray heading.
    skip = sorted(code_ranges(text) + [m.span() for m in _COMMENT.finditer(text)])
    headings = [m for m in _ENTRY.finditer(text) if not in_ranges(m.start(), skip)]
    for other in _OTHER_HEADING.finditer(text):
        if not in_ranges(other.start(), skip):
            raise BuildError(path, line_at(text, other.start()),
                             "only level-2 headings ('## name {#id}') may stand in the glossary: "
                             "each one starts a term")
    if not headings:
        raise BuildError(path, None,
                         "the glossary defines no terms (start each with '## name {#id}')")

    preamble = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text[:headings[0].start()])
    stray = re.search(r"\S", preamble)
    if stray:
        raise BuildError(path, line_at(preamble, stray.start()),
                         "text before the first term (only blank lines and <!-- comments --> "
                         "may come before the first '## name {#id}')")

    entries, seen = [], {}
    for i, heading in enumerate(headings):
        line = line_at(text, heading.start())
        title = (heading.group("title") or "").strip()
        suffix = _ID_SUFFIX.search(title)
        name = title[:suffix.start()].strip() if suffix else title.strip()
        if not name:
            raise BuildError(path, line, "a term needs a name: '## name {#id}'")
        term_id = suffix.group("id").strip() if suffix else slugify(name, unicode_letters=False)
        if not _VALID_ID.fullmatch(term_id):
            raise BuildError(path, line, f"term id '{term_id}' may only hold lower-case letters, "
                                         "digits and single hyphens (like 'gradient-descent')")
        if term_id in seen:
            raise BuildError(path, line, f"duplicate term id '{term_id}' "
                                         f"(already used on line {seen[term_id]})")
        seen[term_id] = line

        end = headings[i + 1].start() if i + 1 < len(headings) else len(text)
        body = text[heading.end():end]
        if not _COMMENT.sub("", body).strip():
            raise BuildError(path, line, f"the term '{name}' has no explanation")
        body_line = line_at(text, heading.end())
        body_skip = code_ranges(body)
        for mark in TERM_MARK.finditer(body):
            if not in_ranges(mark.start(), body_skip):
                raise BuildError(path, line_at(body, mark.start(), body_line),
                                 "term marks ('[[...]]') are not allowed inside the glossary: "
                                 "an explanation is also shown on its own in a popover")
        entries.append(_RawEntry(term_id, name, line, body, body_line))
    return entries


def load_glossary(path, katex, sanitize_html=False):
    """Read, check and render the glossary file: a Glossary whose entries carry their HTML.
    ``sanitize_html`` cleans the explanations as it cleans the sections (untrusted authors)."""
    path = Path(path)
    text = read_source(path, "glossary")
    raw_entries = parse_glossary(text, path)
    page_ids = Glossary(path, [Entry(raw.id, raw.name, raw.line) for raw in raw_entries]).page_ids()
    entries = []
    for raw in raw_entries:
        extensions = [codehilite(), MathExtension(katex, source=(path, raw.body_line))]
        if sanitize_html:
            extensions.append(SanitizeExtension(PAGE_IDS | page_ids))
        md = markdown.Markdown(extensions=BUILTIN_EXTENSIONS + extensions, output_format="html")
        entries.append(Entry(raw.id, raw.name, raw.line, md.convert(raw.body)))
    return Glossary(path=path, entries=entries)
