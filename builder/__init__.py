"""The backprop-explainer site generator: Markdown sections in, a self-contained article out."""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
# The numerical core lives beside the builder so that one source serves CPython and Pyodide.
PYODIDE_SRC = REPO_DIR / "pyodide_src"
