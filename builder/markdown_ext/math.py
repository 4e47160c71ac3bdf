"""``$inline$`` and ``$$display$$`` math, rendered to KaTeX HTML at build time.

All formulas of a document go to KaTeX in one batch. A formula KaTeX cannot parse stops the build
with the file and line, and so does one never closed (see ``UNCLOSED``): it would be printed as raw
TeX. ``\\$`` writes a literal dollar sign; a price like ``$5`` is text; code is never touched.
"""

import re

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from builder.errors import BuildError
from builder.katex import KatexError
from builder.markdown_ext.sanitize import store_trusted
from builder.markdown_ext.source_scan import code_ranges, in_ranges, line_at

# Math may span lines but never crosses a blank line (a paragraph break). Inline math must not
# start or end with a space (so "$5 and $6" stays text) and is not followed by a digit.
# Punctuation right after inline math is kept with it: browsers may otherwise break the line
# between the two and start a line with the full stop.
MATH = re.compile(
    r"(?<!\\)\$\$(?P<display>(?:(?!\n\n).)+?)(?<!\\)\$\$"
    r"|(?<![\\$])\$(?P<inline>[^\s$](?:[^$\\\n]|\\[^\n]|\n(?!\n))*?)(?<![\s\\])\$(?!\d)"
    r"(?P<tail>[.,;:!?)]*)",
    re.S,
)
# A dollar sign left over once the formulas are found: "$$" always opened display math; "$" opened
# inline math when a letter, a backslash or a brace follows it ("$x + y", "$\alpha"), while a
# price ("$5", "$ 5") or a lone "$" is text.
UNCLOSED = re.compile(r"(?<![\\$])(?:\$\$|\$(?=[A-Za-z\\{]))")


def one_line(text, limit=120):
    """A formula or KaTeX's message on one line (a multi-line formula would otherwise break the
    error up and repeat itself), cut short when long."""
    # KaTeX underlines the culprit with combining low lines, which terminals garble.
    flat = " ".join(text.replace("\u0332", "").split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


def error_line(text, match, tex, message, first):
    """The line of the character KaTeX complains about ("at position N"), else the formula's."""
    at = re.search(r"at position (\d+)", message)
    start = text.find(tex, match.start())
    if at and start >= 0:
        return line_at(text, start + int(at.group(1)) - 1, first)
    return line_at(text, match.start(), first)


class MathPreprocessor(Preprocessor):
    def __init__(self, md, katex, source):
        super().__init__(md)
        self.katex = katex
        self.source = source  # (path, first line) of the text being converted, for errors

    def run(self, lines):
        text = "\n".join(lines)
        skip = code_ranges(text)
        found = [m for m in MATH.finditer(text) if not in_ranges(m.start(), skip)]
        self._refuse_unclosed(text, skip + [m.span() for m in found])
        formulas = [(m.group("display").strip(), True) if m.group("display") is not None
                     else (m.group("inline"), False) for m in found]
        rendered = self.katex.render_many(formulas)

        out, last = [], 0
        for match, (tex, display), html in zip(found, formulas, rendered):
            if isinstance(html, KatexError):
                path, first = self.source
                fence = "$$" if display else "$"
                raise BuildError(path, error_line(text, match, tex, str(html), first),
                                 f"cannot typeset {fence}{one_line(tex)}{fence}: {one_line(str(html))}")
            out.append(self._literal_dollars(text[last:match.start()], last, skip))
            tail = match.group("tail")
            if tail:  # one unbreakable unit (article.css)
                html = f'<span class="math-nowrap">{html}{tail}</span>'
            out.append(store_trusted(self.md, html, "math"))
            last = match.end()
        out.append(self._literal_dollars(text[last:], last, skip))
        return "".join(out).split("\n")

    def _refuse_unclosed(self, text, taken):
        """A formula with no closing dollar would be printed as raw TeX: stop at its line."""
        for match in UNCLOSED.finditer(text):
            if in_ranges(match.start(), taken):
                continue
            path, first = self.source
            line_end = text.find("\n", match.start())
            opening = one_line(text[match.start():line_end if line_end >= 0 else None], limit=30)
            if match.group(0) == "$$":
                problem = "opens display math that is never closed: end it with '$$'"
            else:
                problem = ("opens inline math that is never closed: end it with '$' right after "
                           "the formula's last character")
            raise BuildError(path, line_at(text, match.start(), first),
                             f"'{opening}' {problem}, before the next blank line (for a dollar "
                             "sign, write '\\$')")

    def _literal_dollars(self, chunk, offset, skip):
        if "\\$" not in chunk:
            return chunk
        pieces = re.split(r"(\\\$)", chunk)
        result, pos = [], offset
        for piece in pieces:
            if piece == "\\$" and not in_ranges(pos, skip):
                result.append(store_trusted(self.md, "$"))
            else:
                result.append(piece)
            pos += len(piece)
        return "".join(result)


class MathExtension(Extension):
    def __init__(self, katex, source=(None, 1), **kwargs):
        self.katex = katex
        self.source = source
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        # After whitespace normalisation (30), which would strip the stash's placeholder markers,
        # and before raw-HTML handling (20), so that never sees TeX.
        md.preprocessors.register(MathPreprocessor(md, self.katex, self.source), "math", 25)
