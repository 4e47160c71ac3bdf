"""One error type for everything an author can get wrong, always pointing at a file and line."""

from pathlib import Path


class BuildError(Exception):
    """A problem in the author's input. Printed as ``file:line: problem`` and exits non-zero."""

    def __init__(self, path, line, problem):
        self.path = Path(path) if path is not None else None
        self.line = line
        self.problem = problem
        super().__init__(str(self))

    def __str__(self):
        where = _readable(self.path) if self.path else "<input>"
        if self.line:
            where += f":{self.line}"
        return f"{where}: {self.problem}"


def read_source(path, what):
    """The text of an author's file; a missing or non-UTF-8 file is a BuildError naming it."""
    try:
        # utf-8-sig: a byte-order mark (some Windows editors write one) is dropped, not read as
        # text, which would stop a first "## Heading" from being a heading.
        return Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise BuildError(path, None, f"{what} file not found") from None
    except UnicodeDecodeError as err:
        raise BuildError(path, None, f"not UTF-8 text ({err.reason})") from None


def line_of(text, needle, start_line=1):
    """The 1-based line on which ``needle`` first occurs in ``text`` (``start_line`` if absent)."""
    at = text.find(needle)
    if at < 0:
        return start_line
    return text.count("\n", 0, at) + 1


def _readable(path):
    """The path relative to the working directory when it is inside it, else as given."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
