"""Live Python cells: a fenced block whose info string is ``{python}`` runs, and shows its output.

````
```{python}
#| error: true
print(sum(range(10)))
```
````

The spelling is Quarto's and MyST's; a block marked plain ``python`` stays code that is only shown.
Lines at the top starting ``#|`` set the cell's options (only ``error: true``, which shows an
error as the cell's output instead of stopping the build); they are not shown. The block becomes
builder/cells.py's LiveCells rendering of it. A ``{python}`` fence never closed, or an unknown
option, stops the build at its line. A ``{python}`` block inside a longer fence (an example of
one, in a guide) is that fence's text, not a cell.
"""

import re

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from builder.cells import OPTIONS
from builder.errors import BuildError
from builder.markdown_ext.sanitize import store_trusted
from builder.markdown_ext.source_scan import line_at

# Any fenced block, as Python-Markdown's fenced_code finds them: the outermost fence wins.
FENCE = re.compile(r"^(?P<indent>[ ]{0,3})(?P<mark>```+|~~~+)(?P<info>[^\n]*)\n(?P<body>.*?)"
                   r"^[ ]{0,3}(?P=mark)[ \t]*$", re.M | re.S)
CELL_INFO = re.compile(r"[ \t]*\{python\}[ \t]*")
OPEN_CELL = re.compile(r"^[ ]{0,3}(```+|~~~+)[ \t]*\{python\}[ \t]*$", re.M)
OPTION = re.compile(r"#\|[ \t]*(?P<key>[\w-]+)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*")


def cell_options(lines, path, first_line):
    """({option: value}, the code without its option lines) from a cell's lines."""
    options = {}
    while lines and lines[0].startswith("#|"):
        found = OPTION.fullmatch(lines[0])
        if not found or found.group("key") not in OPTIONS:
            known = ", ".join(f"'#| {key}: true' ({doc})" for key, doc in OPTIONS.items())
            raise BuildError(path, first_line + len(options),
                             f"unknown cell option '{lines[0]}' (known: {known})")
        value = found.group("value").lower()
        if value not in ("true", "false"):
            raise BuildError(path, first_line + len(options),
                             f"cell option '{found.group('key')}' must be true or false, not {value!r}")
        options[found.group("key")] = value == "true"
        lines = lines[1:]
    return options, "\n".join(lines)


class LiveCellPreprocessor(Preprocessor):
    def __init__(self, md, cells, source):
        super().__init__(md)
        self.cells = cells  # builder.cells.LiveCells, shared by the article's sections
        self.source = source

    def run(self, lines):
        text = "\n".join(lines)
        path, first = self.source
        out, last = [], 0
        fences = list(FENCE.finditer(text))
        self._refuse_unclosed(text, fences)
        for match in fences:
            if not CELL_INFO.fullmatch(match.group("info")):
                continue
            code_line = line_at(text, match.start("body"), first)
            body = match.group("body").removesuffix("\n")
            indent = match.group("indent")
            lines = [line.removeprefix(indent) for line in body.split("\n")] if body else []
            options, code = cell_options(lines, path, code_line)
            if not code.strip():
                raise BuildError(path, code_line - 1, "this live cell has no code")
            html = self.cells.render(code, options, path, code_line + len(options))
            # The block keeps its number of lines, as blank ones around its placeholder: the
            # preprocessors after this one count lines for their own error messages.
            out += [text[last:match.start()], "\n", store_trusted(self.md, html),
                    "\n" * (match.group(0).count("\n") - 1)]
            last = match.end()
        out.append(text[last:])
        return "".join(out).split("\n")

    def _refuse_unclosed(self, text, fences):
        for match in OPEN_CELL.finditer(text):
            if not any(fence.start() <= match.start() < fence.end() for fence in fences):
                path, first = self.source
                raise BuildError(path, line_at(text, match.start(), first),
                                 f"this live cell is never closed: end it with a line "
                                 f"'{match.group(1)}'")


class LiveCellExtension(Extension):
    def __init__(self, cells, source=(None, 1), **kwargs):
        self.cells = cells
        self.source = source
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        # Before the widget directive (26), math (25) and fenced_code (25): the cell's code is
        # code, and its output is the cell's, not Markdown.
        md.preprocessors.register(LiveCellPreprocessor(md, self.cells, self.source),
                                  "live_cells", 27)
