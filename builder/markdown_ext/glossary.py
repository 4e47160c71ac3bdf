"""Glossary term marks: ``[[term-id]]`` shows the term's name, ``[[shown text|term-id]]`` any text.

Either becomes a link to the term's entry in the Glossary section (so it works without JavaScript
and in print), described by the entry's definition for screen readers::

    <a class="term" href="#glossary-ID" aria-describedby="definition-ID" data-term="ID">text</a>

Only the opening and closing tags go into the HTML stash; the text between them stays in the
source, so emphasis and math inside it are processed as usual. Code is never touched, and
``\\[[`` writes literal brackets. An unknown id stops the build with the file, the line and the
known ids.
"""

import difflib
import html
import re

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from builder.errors import BuildError
from builder.markdown_ext.sanitize import store_trusted
from builder.markdown_ext.source_scan import code_ranges, in_ranges, line_at

# The shown text may wrap onto the next line (prose is hard-wrapped) but not cross a blank line.
TERM_MARK = re.compile(r"(?<!\\)\[\[(?:(?P<shown>[^\[\]|]+?)\|)?(?P<id>[^\[\]|\n]*)\]\]")

# Characters Python-Markdown would read as markup; a term's name is shown literally.
_MARKUP = re.compile(r"([\\`*_{}\[\]()>#+\-.!])")


def term_tags(entry):
    """The opening and closing tags of a link to ``entry`` (has id, anchor and definition_id)."""
    opening = (f'<a class="term" href="#{html.escape(entry.anchor)}" '
               f'aria-describedby="{html.escape(entry.definition_id)}" '
               f'data-term="{html.escape(entry.id)}">')
    return opening, "</a>"


class GlossaryPreprocessor(Preprocessor):
    def __init__(self, md, terms, source):
        super().__init__(md)
        self.terms = terms  # {id: entry}
        self.source = source  # (path, first line) of the text being converted, for errors

    def run(self, lines):
        text = "\n".join(lines)
        skip = code_ranges(text)

        def replace(match):
            shown = match.group("shown")
            if in_ranges(match.start(), skip) or (shown and "\n\n" in shown):
                return match.group(0)
            entry = self.terms.get(match.group("id").strip())
            if entry is None:
                path, first = self.source
                raise BuildError(path, line_at(text, match.start(), first),
                                 self._unknown(match.group("id").strip(), shown))
            if shown is None:
                shown = _MARKUP.sub(r"\\\1", html.escape(entry.name, quote=False))
            elif not shown.strip():
                path, first = self.source
                raise BuildError(path, line_at(text, match.start(), first),
                                 f"the term mark '{match.group(0)}' shows no text")
            opening, closing = term_tags(entry)
            return store_trusted(self.md, opening) + shown + store_trusted(self.md, closing)

        return TERM_MARK.sub(replace, text).split("\n")

    def _unknown(self, term_id, shown=None):
        if not self.terms:
            return (f"unknown glossary term '{term_id}': the article has no glossary "
                    "(set 'glossary' in article.toml)")
        named = [entry for entry in self.terms.values()
                 if " ".join(entry.name.split()).casefold() == " ".join(term_id.split()).casefold()]
        if named:  # the term's name where its id belongs: [[lr|learning rate]], [[learning rate]]
            shown = " ".join(shown.split()) if shown else None
            fix = (f"[[{term_id}|{shown}]]" if shown in self.terms else
                   f"[[{shown}|{named[0].id}]]" if shown else f"[[{named[0].id}]]")
            return (f"unknown glossary term '{term_id}': that is the name of term "
                    f"'{named[0].id}'; a mark is [[id]] or [[shown text|id]], the id last: "
                    f"write {fix}")
        known = sorted(self.terms)
        close = difflib.get_close_matches(term_id, known, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        return f"unknown glossary term '{term_id}' ({hint}known ids: {', '.join(known)})"


class GlossaryExtension(Extension):
    def __init__(self, terms, source=(None, 1), **kwargs):
        self.terms = terms
        self.source = source
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        # After whitespace normalisation (30), which would strip the stash's placeholder markers,
        # and after math (25), so a '|' or '[[' inside a formula is already out of reach; before
        # raw-HTML handling (20).
        md.preprocessors.register(GlossaryPreprocessor(md, self.terms, self.source),
                                  "glossary_terms", 24)
