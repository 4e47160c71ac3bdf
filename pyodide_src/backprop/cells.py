"""Live cells: an article's Python cells run in order in one namespace, as a notebook runs them.

The same code runs them twice: at build time under CPython (in a child process the builder can
stop, builder/cells.py) and in the reader's browser under Pyodide (in the page's worker), so a
cell's output reads the same before and after the reader's Python starts. ``Notebook.run`` gives
each cell's output as a record with four parts, each empty when absent:

- ``text``: what the cell printed (standard output and error, in the order written);
- ``value``: ``repr`` of the cell's last line when that is an expression (``None`` shows nothing),
  as a Python prompt or a Jupyter cell shows it;
- ``image``: for a value with ``_repr_svg_`` instead, ``{"src": data: URL, "alt": text}``: the
  page shows it as an image, never as markup, so a drawing cannot run anything on the page;
- ``error``: ``{"text": traceback, "cell": n, "line": l}`` when the cell raised, ``cell`` and
  ``line`` naming the cell's line that raised (the innermost frame in any cell).

Tracebacks name cells, not files, and show only the frames in cells and in ``backprop`` (the
same code on both hosts), so they read the same under CPython and Pyodide. Only the time limit
is not here: a loop that never ends cannot be stopped from inside, so each host stops it from
outside (the builder kills its child, the page restarts its worker).
"""

import ast
import base64
import builtins
import contextlib
import io
import json
import linecache
import re
import sys
import traceback

from backprop.wording import say

OUTPUT_LIMIT = 20_000  # characters of text or value kept: a page is no place for megabytes
_CELL_NAME = re.compile(r"<cell (\d+)>")
_BACKPROP_FILE = re.compile(r"(?:^|[\\/])(backprop[\\/].*\.py)$")


def cell_file(cell):
    return f"<cell {cell}>"


class Notebook:
    """One namespace, in which cells run one after another."""

    def __init__(self):
        self.namespace = {"__name__": "__main__", "__builtins__": builtins}

    def run(self, cell, source):
        """Run ``source`` as cell number ``cell`` (1-based, its place in the article); its record."""
        # Tracebacks and functions defined here find the cell's lines through linecache.
        lines = source.splitlines(keepends=True)
        linecache.cache[cell_file(cell)] = (len(source), None, lines, cell_file(cell))
        printed = io.StringIO()
        record = {"text": "", "value": None, "image": None, "error": None}
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed), \
                _no_input():
            try:
                value = self._execute(cell, source)
                if value is not None:
                    record.update(_shown(value, cell))
            except (Exception, SystemExit) as err:  # SystemExit: exit() must not end the host
                record["error"] = _error(err)
        record["text"] = _cut(printed.getvalue())
        return record

    def _execute(self, cell, source):
        """Run the cell; the value of its last line when that is an expression, else None."""
        tree = ast.parse(source, cell_file(cell), "exec")
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        exec(compile(tree, cell_file(cell), "exec"), self.namespace)
        if last is None:
            return None
        expression = ast.Expression(last.value)
        return eval(compile(expression, cell_file(cell), "eval"), self.namespace)


@contextlib.contextmanager
def _no_input():
    """input() reads an empty file: no host has a reader's keyboard there (the build's standard
    input is its pipe to the builder)."""
    before, sys.stdin = sys.stdin, io.StringIO("")
    try:
        yield
    finally:
        sys.stdin = before


def _shown(value, cell):
    """The record's ``value`` or ``image`` for a cell's last value."""
    draw = getattr(value, "_repr_svg_", None)
    if callable(draw) and not isinstance(value, type):
        svg = draw()
        if isinstance(svg, str):
            data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
            return {"image": {"src": "data:image/svg+xml;base64," + data,
                              "alt": _svg_title(svg) or say("cell_drawing", cell=cell)}}
    return {"value": _cut(repr(value))}


def _svg_title(svg):
    """The text of an SVG's first <title>, its name for screen readers; '' when it has none."""
    found = re.search(r"<title\b[^>]*>(.*?)</title\s*>", svg, re.S)
    if not found:
        return ""
    text = re.sub(r"<[^>]*>", "", found.group(1))
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&amp;", "&")):
        text = text.replace(entity, char)
    return " ".join(text.split())


def _cut(text):
    if len(text) <= OUTPUT_LIMIT:
        return text
    return text[:OUTPUT_LIMIT] + "\n" + say("cell_output_cut", characters=f"{OUTPUT_LIMIT:,}")


def _error(err):
    """The error part of a record: a traceback through the cells' (and backprop's) lines."""
    lines = ["Traceback (most recent call last):\n"]
    where = None
    # This module's own frames, by the file its code names (in the browser __file__ is the .pyc).
    own_file = _error.__code__.co_filename
    for frame in traceback.extract_tb(err.__traceback__):
        place = None if frame.filename == own_file else _place(frame.filename)
        if place is None:
            continue
        lines.append(f"  {place}, line {frame.lineno}, in {frame.name}\n")
        if frame.line:
            lines.append(f"    {frame.line.strip()}\n")
        found = _CELL_NAME.fullmatch(frame.filename)
        if found:
            where = (int(found.group(1)), frame.lineno)
    if isinstance(err, SyntaxError) and _CELL_NAME.fullmatch(err.filename or ""):
        # A cell that does not parse has no frame of its own: its line is the error's.
        where = (int(_CELL_NAME.fullmatch(err.filename).group(1)), err.lineno or 1)
        lines = [f"  cell {where[0]}, line {where[1]}\n"]
        if err.text and err.text.strip():
            lines.append(f"    {err.text.strip()}\n")
        lines.append(f"{type(err).__name__}: {err.msg}")
    else:
        lines.append(f"{type(err).__name__}: {err}" if str(err) else type(err).__name__)
    cell, line = where if where else (None, None)
    return {"text": _cut("".join(lines)), "cell": cell, "line": line}


def _place(filename):
    """'cell 2' or 'backprop/mlp.py' for a frame worth showing; None for one that is not (the
    standard library differs between the two hosts' Python versions)."""
    found = _CELL_NAME.fullmatch(filename)
    if found:
        return f"cell {found.group(1)}"
    found = _BACKPROP_FILE.search(filename)
    return found.group(1).replace("\\", "/") if found else None


_notebook = Notebook()  # the page's one namespace, in the browser's worker


def run_json(cell, source):
    """The worker's entry: run a cell in the page's namespace; its record as JSON text."""
    return json.dumps(_notebook.run(int(cell), source))
