"""Markdown sections to HTML with our extensions; headings collected for the table of contents."""

from dataclasses import dataclass, field

import markdown
from markdown.extensions.footnotes import FootnoteExtension

from builder.code_highlight import codehilite
from builder.errors import read_source
from builder.markdown_ext.footnote_check import FootnoteCheckExtension
from builder.markdown_ext.glossary import GlossaryExtension
from builder.markdown_ext.heading_ids import HeadingIdExtension
from builder.markdown_ext.images import ImageExtension, MediaFiles
from builder.markdown_ext.live_cells import LiveCellExtension
from builder.markdown_ext.math import MathExtension
from builder.markdown_ext.sanitize import SanitizeExtension
from builder.markdown_ext.widget_directive import WidgetExtension

# Python-Markdown's own extensions we rely on: tables, footnotes, {#id .class} attributes,
# definition lists, and ``<div markdown>`` blocks for asides; fenced code is coloured by
# codehilite (builder/code_highlight.py), which the sections and the glossary add.
BUILTIN_EXTENSIONS = ["tables", "footnotes", "attr_list", "def_list", "md_in_html", "fenced_code"]
# Ids the page itself uses (templates/article.html), which no heading may take.
PAGE_IDS = {"article", "toc-title", "python-status", "theme-toggle", "runtime-config", "glossary",
            "labels"}


@dataclass
class RenderedSection:
    path: object
    html: str
    headings: list = field(default_factory=list)  # markdown_ext.heading_ids.Heading


class SectionRenderer:
    """Converts the article's Markdown files, sharing heading ids, KaTeX and widget numbering.

    ``glossary`` (a builder.glossary.Glossary, or None) gives the ids ``[[term]]`` marks may use;
    the ids of its section on the page are reserved so no heading takes them. Images must lie in
    ``content_dir``, the article's folder. ``media`` gives each image its address (by default a
    file shipped under media/; the single file's builder.markdown_ext.images.InlineMedia).
    """

    def __init__(self, katex, render_widget, glossary=None, sanitize_html=False, *, content_dir,
                 media=None, cells=None):
        self.katex = katex
        self.sanitize_html = sanitize_html  # clean the author's raw HTML (untrusted content)
        self.render_widget = render_widget
        self.content_dir = content_dir
        self.terms = glossary.terms if glossary else {}
        # Every id taken on the page -> what takes it, so a heading choosing one is told which.
        self.used_ids = dict.fromkeys(PAGE_IDS, "the page itself")
        if glossary:
            self.used_ids.update(dict.fromkeys(glossary.page_ids(), "the glossary"))
        self.reserved_ids = frozenset(self.used_ids)  # which sanitised raw HTML may not take
        self.sections_done = 0  # numbers each section's footnotes apart
        self.media = MediaFiles() if media is None else media  # local images the sections use
        self.cells = cells  # builder.cells.LiveCells: the article's live Python cells

    def markdown(self, path, headings):
        source = (path, 1)
        # Sections are converted one by one: numbering footnote ids by section keeps two sections'
        # [^1] from sharing an id (and one's marker from jumping to the other's note).
        footnotes = FootnoteExtension(UNIQUE_IDS=True)
        md = markdown.Markdown(
            extensions=[name for name in BUILTIN_EXTENSIONS if name != "footnotes"] + [footnotes,
                codehilite(),
                *([LiveCellExtension(self.cells, source=source)] if self.cells else []),
                MathExtension(self.katex, source=source),
                WidgetExtension(self.render_widget, source=source),
                GlossaryExtension(self.terms, source=source),
                ImageExtension(self.media, source=source, root=self.content_dir),
                HeadingIdExtension(self.used_ids, headings, source=source),
                FootnoteCheckExtension(source=source),
                *([SanitizeExtension(self.reserved_ids)] if self.sanitize_html else []),
            ],
            output_format="html",
        )
        self.sections_done += 1
        footnotes.unique_prefix = self.sections_done
        return md

    def render(self, path):
        text = read_source(path, "section")
        headings = []
        html = self.markdown(path, headings).convert(text)
        return RenderedSection(path=path, html=html, headings=headings)


def table_of_contents(sections, levels=(2, 3)):
    """Nested entries [{id, text, children}] from the sections' h2 and h3 headings."""
    top_level, sub_level = levels
    toc = []
    for section in sections:
        for heading in section.headings:
            entry = {"id": heading.id, "text": heading.label, "children": []}
            if heading.level == top_level or (heading.level == sub_level and not toc):
                toc.append(entry)
            elif heading.level == sub_level:
                toc[-1]["children"].append(entry)
    return toc
