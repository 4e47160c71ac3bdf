"""Footnotes that cannot work stop the build at their line (Python-Markdown's footnotes extension
lets them pass without a word):

- a reference ``[^x]`` with no definition ``[^x]: ...`` in its section is printed as "[^x]";
- a definition no reference points to is a note the reader never reaches from the text, with a
  back link to nowhere (``check`` fails on it) and a gap in the numbering; most often its label is
  misspelt;
- a label defined twice keeps only the last definition.

Each section's notes are its own: a reference cannot use a definition in another section.
"""

import re

from markdown.extensions import Extension
from markdown.extensions.footnotes import FootnoteExtension
from markdown.treeprocessors import Treeprocessor

from builder.errors import BuildError, read_source
from builder.markdown_ext.source_scan import code_ranges, in_ranges, line_at

_REFERENCE = re.compile(r"(?<![!\\])\[\^(?P<label>[^\]\n]+)\](?![ \t]*:)")
_DEFINITION = re.compile(r"^[ ]{0,3}\[\^(?P<label>[^\]]+)\]:", re.M)
_NOT_PROSE = {"code", "pre", "script", "style"}


class FootnoteCheck(Treeprocessor):
    def __init__(self, md, source):
        super().__init__(md)
        self.path, self.first_line = source

    def run(self, root):
        footnotes = next((ext for ext in self.md.registeredExtensions
                          if isinstance(ext, FootnoteExtension)), None)
        if footnotes is None:
            return
        text = read_source(self.path, "section") if self.path is not None else ""
        skip = code_ranges(text)
        self.refuse_repeated_definitions(text, skip)
        for label in _unresolved(root):
            self.refuse(self.line(_REFERENCE, label, text, skip),
                        f"footnote reference [^{label}] has no definition in this section: add a "
                        f"line '[^{label}]: the note' (each section's notes are its own)")
        for label in footnotes.footnotes:
            if label not in footnotes.footnote_order:
                self.refuse(self.line(_DEFINITION, label, text, skip),
                            f"footnote [^{label}] is defined but no text refers to it: mark where "
                            f"it belongs with [^{label}], or delete the note")

    def refuse_repeated_definitions(self, text, skip):
        seen = {}
        for match in _DEFINITION.finditer(text):
            if in_ranges(match.start(), skip):
                continue
            label, line = match.group("label"), line_at(text, match.start(), self.first_line)
            if label in seen:
                self.refuse(line, f"footnote [^{label}] is defined twice (first on line "
                                  f"{seen[label]}): only one of the notes would be shown")
            seen[label] = line

    def line(self, pattern, label, text, skip):
        for match in pattern.finditer(text):
            if match.group("label") == label and not in_ranges(match.start(), skip):
                return line_at(text, match.start(), self.first_line)
        return None

    def refuse(self, line, problem):
        raise BuildError(self.path, line, problem)


def _unresolved(root):
    """Labels of references the footnotes extension left as text (it had no definition)."""
    labels = []

    def visit(element):
        if element.tag in _NOT_PROSE:
            return
        labels.extend(m.group("label") for m in _REFERENCE.finditer(element.text or ""))
        for child in element:
            visit(child)
            labels.extend(m.group("label") for m in _REFERENCE.finditer(child.tail or ""))

    visit(root)
    return labels


class FootnoteCheckExtension(Extension):
    def __init__(self, source=(None, 1), **kwargs):
        self.source = source  # (section file, its first line), for errors
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        # After the inline patterns (20) have turned every reference with a definition into a
        # link, and after the footnotes extension has collected the definitions.
        md.treeprocessors.register(FootnoteCheck(md, self.source), "footnote_check", 14)
