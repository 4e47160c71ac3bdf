"""Live Python cells at build time: the article's cells run in order, in one namespace, in a child
Python the builder stops when a cell runs past its time limit.

A cell is a fenced block with the info string ``{python}`` (builder/markdown_ext/live_cells.py
finds them). Its code runs under CPython through backprop.cells, the very code the reader's
browser runs it with, and the page ships the output: the article reads complete before the
reader's Python starts. A cell that raises stops the build at the line that raised, unless its
first lines say ``#| error: true``; then the page shows the error as the cell's output.

The cells run in a child process, not in the builder: a cell that never ends is killed after the
article's ``cell_time_limit`` (seconds, article.toml) instead of hanging ``build`` or ``serve``,
and nothing a cell does to its interpreter (``sys.path``, a module it patches, its own state)
reaches the builder or the next build. The child's working folder is an empty temporary one, as
the reader's is: a cell that reads the author's files would fail in the browser.
"""

import json
import os
import queue
import subprocess
import sys
import tempfile
import threading

from builder import BACKPROP_DIR, PACKAGE_DIR
from builder.errors import BuildError

DEFAULT_TIME_LIMIT = 10  # seconds per cell, at build time and in the reader's browser
OPTIONS = {"error": "show the error a cell raises as its output instead of stopping the build"}


class CellTimeout(Exception):
    pass


class CellCrash(Exception):
    pass


class CellRunner:
    """A child CPython holding the article's namespace (backprop.cells.Notebook), started at
    the first cell; ``close`` ends it."""

    def __init__(self, time_limit):
        self.time_limit = time_limit
        self.child = None
        self.answers = queue.Queue()  # lines the child wrote, read by a thread: a timed wait
        self.folder = None

    def run(self, cell, source):
        """The record of cell number ``cell`` (see backprop.cells); CellTimeout past the limit."""
        if self.child is None:
            self._start()
        self.child.stdin.write(json.dumps({"cell": cell, "source": source}) + "\n")
        self.child.stdin.flush()
        try:
            answer = self.answers.get(timeout=self.time_limit)
        except queue.Empty:
            self.close()
            raise CellTimeout from None
        if answer is None:  # os._exit(), a crash: the namespace is gone with the process
            self.close()
            raise CellCrash from None
        return json.loads(answer)

    def _start(self):
        self.folder = tempfile.TemporaryDirectory(prefix="backprop-cells-")
        # Its working folder is not ours: it finds the builder and backprop where we did.
        paths = [str(PACKAGE_DIR.parent), str(BACKPROP_DIR.parent), os.environ.get("PYTHONPATH")]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, paths))}
        self.child = subprocess.Popen(
            [sys.executable, "-m", "builder.cells"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            cwd=self.folder.name, env=env, text=True, encoding="utf-8")
        threading.Thread(target=self._read, args=(self.child.stdout,), daemon=True).start()

    def _read(self, stream):
        for line in stream:
            self.answers.put(line)
        self.answers.put(None)

    def close(self):
        if self.child is not None:
            self.child.kill()
            self.child.wait()
            self.child.stdin.close()
            self.child = None
            self.answers = queue.Queue()
        if self.folder is not None:
            self.folder.cleanup()
            self.folder = None


class LiveCells:
    """Numbers, runs and renders the article's cells in page order (one per section renderer,
    shared by all sections: one namespace per article). ``allowed`` is False for an article that
    sanitises its HTML: its authors are not trusted, and a cell runs its code on the builder."""

    def __init__(self, env, time_limit=DEFAULT_TIME_LIMIT, allowed=True):
        self.env = env
        self.time_limit = time_limit
        self.allowed = allowed
        self.runner = CellRunner(time_limit)
        self.places = {}  # cell number -> (path, line of its code's first line)
        self.count = 0

    def render(self, code, options, path, first_line):
        """The HTML of one cell, its code starting at ``first_line`` of ``path``."""
        if not self.allowed:
            raise BuildError(path, first_line - 1, "live Python cells run the author's code on the "
                             "machine that builds, so an article with sanitize_html = true cannot "
                             "have them: write ```python for code that is only shown")
        self.count += 1
        cell = self.count
        self.places[cell] = (path, first_line)
        try:
            record = self.runner.run(cell, code)
        except CellTimeout:
            raise BuildError(path, first_line, f"this cell ran longer than the time limit of "
                             f"{self.time_limit} s and was stopped (cell_time_limit in "
                             "article.toml sets the limit)") from None
        except CellCrash:
            raise BuildError(path, first_line, "the Python running the cells ended while running "
                                               "this cell (os._exit, or a crash)") from None
        if record["error"] and not options.get("error"):
            raise self._located(record["error"], cell)
        return self.env.get_template("cell.html").render(
            cell=cell, code=code, output=record, time_limit=self.time_limit).strip()

    def _located(self, error, cell):
        """A BuildError at the author's line that raised (in this cell or one before it)."""
        path, first = self.places.get(error["cell"], self.places[cell])
        line = first + (error["line"] or 1) - 1
        last = error["text"].strip().splitlines()[-1]
        return BuildError(path, line, f"live cell {cell} raised {last} (start the cell with "
                                      "'#| error: true' to show the error on the page instead)")

    def close(self):
        self.runner.close()


def _serve():
    """The child's side: run each cell sent on standard input, answer its record as one line."""
    from backprop.cells import Notebook

    # Cells write to their own captured streams; anything written to the real standard output
    # behind print's back (os.write(1, ...), a child process) must not reach the builder's pipe.
    answers = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    notebook = Notebook()
    for line in sys.stdin:
        request = json.loads(line)
        answers.write(json.dumps(notebook.run(request["cell"], request["source"])) + "\n")
        answers.flush()


if __name__ == "__main__":
    _serve()
