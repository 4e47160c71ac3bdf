"""The backprop-explainer site generator: Markdown sections in, a self-contained article out."""

import importlib.util
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent


def _installed_backprop():
    """The folder ``import backprop`` reads, found without importing it."""
    spec = importlib.util.find_spec("backprop")
    if spec is None:
        raise ImportError("the backprop package is not installed: run `make deps`, or "
                          "`pip install -e .` in the repository")
    return Path(spec.origin).resolve().parent


# The numerical core, installed beside the builder from pyodide_src/ (pyproject.toml). The browser
# gets this very folder, zipped, so CPython and Pyodide always run the same files.
BACKPROP_DIR = _installed_backprop()
