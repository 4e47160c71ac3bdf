"""The widget directive: a line ``::: widget NAME key=value ...`` on its own places a widget.

Options are ``key=value`` pairs (quote values with spaces). The directive is replaced by the
widget's pre-rendered HTML; an unknown widget or option stops the build with the file and line,
and so does a directive anywhere but at the start of a line (outside code), where it would
silently come out as text or as a code block instead of a widget.
"""

import re
import shlex

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from builder.errors import BuildError
from builder.markdown_ext.sanitize import store_trusted
from builder.markdown_ext.source_scan import code_ranges, in_ranges, line_at

DIRECTIVE = re.compile(r"^:::[ \t]*widget\b(?P<rest>[^\n]*)$", re.M)
# Anywhere else on a line (outside code) the directive would come out as something other than a
# widget: a paragraph of plain text in a quote, a list item or after words, and a code block
# showing the directive when indented four spaces. Each is an error, named for what went wrong.
ANY_DIRECTIVE = re.compile(r":::[ \t]*widget\b")
_QUOTE = re.compile(r"[ \t]*>[ \t>]*")
_LIST_MARKER = re.compile(r"[ \t>]*(?:[-*+]|\d+[.)])[ \t]+")


def parse_directive(rest):
    """'manual-tuning seed=3' -> ('manual-tuning', {'seed': '3'}); raises ValueError on nonsense."""
    words = shlex.split(rest)
    if not words:
        raise ValueError("the directive names no widget (write '::: widget NAME')")
    name, options = words[0], {}
    for word in words[1:]:
        key, equals, value = word.partition("=")
        if not equals or not key:
            raise ValueError(f"option '{word}' is not of the form key=value")
        if key in options:
            raise ValueError(f"option '{key}' is given twice")
        options[key] = value
    return name, options


class WidgetPreprocessor(Preprocessor):
    def __init__(self, md, render_widget, source):
        super().__init__(md)
        self.render_widget = render_widget  # (name, options) -> HTML, raises ValueError
        self.source = source

    def run(self, lines):
        text = "\n".join(lines)
        skip = code_ranges(text)

        def replace(match):
            if in_ranges(match.start(), skip):
                return match.group(0)
            path, first = self.source
            try:
                name, options = parse_directive(match.group("rest"))
                html = self.render_widget(name, options)
            except ValueError as err:
                raise BuildError(path, line_at(text, match.start(), first), str(err)) from None
            # Blank lines around the placeholder make it a block of its own, never inside <p>.
            return "\n\n" + store_trusted(self.md, html) + "\n\n"

        for match in ANY_DIRECTIVE.finditer(text):
            before = text[text.rfind("\n", 0, match.start()) + 1:match.start()]
            if before and not in_ranges(match.start(), skip):
                path, first = self.source
                raise BuildError(path, line_at(text, match.start(), first),
                                 f"a widget directive must start its line, but this one "
                                 f"{misplaced(before)}: write '::: widget NAME' at "
                                 "the start of a line of its own (to show the directive itself, "
                                 "put it in `backticks` or a fenced code block)")
        return DIRECTIVE.sub(replace, text).split("\n")


def misplaced(before):
    """What the text before a directive on its line makes of it, for the error message."""
    if not before.strip():
        return "is indented, which shows it as plain text or as code (four spaces)"
    if _LIST_MARKER.fullmatch(before):
        return "sits in a list item, where it would be a line of plain text"
    if _QUOTE.fullmatch(before):
        return "sits in a quote, where it would be a line of plain text"
    return "follows text on its line, where it would be part of a paragraph"


class WidgetExtension(Extension):
    def __init__(self, render_widget, source=(None, 1), **kwargs):
        self.render_widget = render_widget
        self.source = source
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        md.preprocessors.register(WidgetPreprocessor(md, self.render_widget, self.source),
                                  "widget_directive", 26)
