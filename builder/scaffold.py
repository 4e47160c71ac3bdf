"""A minimal article that builds and runs as it is: one section, a built-in widget, a widget of
its own (``widgets/square/``, copied from builder/new_article/) and one live Python cell, written
by ``create`` for the ``new`` command (builder/commands/new.py)."""

import shlex
import shutil
from pathlib import Path

from builder import PACKAGE_DIR

# The example widget of the article's own, which docs/guide.md walks through line by line.
EXAMPLE_WIDGETS = PACKAGE_DIR / "new_article" / "widgets"

CONFIG = '''\
# Your article. Every key is described in the generator's README ("Writing an article").
title = {title}
subtitle = "A first interactive article"
authors = ["You"]
sections = ["01-first-section.md"]
'''

SECTION = '''\
## A first section

Write Markdown here. Math is typeset when you build: $\\hat y = w \\cdot x + b$ inline, and

$$\\text{{loss}} = \\frac{{1}}{{J}}\\sum_{{i=1}}^{{J}}\\left(\\hat y_i - y_i\\right)^2$$

on a line of its own. A widget goes on a line of its own too:

::: widget manual-tuning

A widget of this article's own, in `widgets/square/` beside `article.toml` (its Python, its first
picture, its script and its styles; the generator's guide walks through it):

::: widget square

A live Python cell runs when you build, and again in the reader's browser when they press Run:

```{{python}}
print(sum(range(10)))
```

Build with `python -m builder build --config {config} --out {site}`, or preview while you
write with `python -m builder serve --config {config} --out {site}`.
'''


def toml_string(text):
    """``text`` as a TOML basic string: a quote or backslash in a title must not end it early."""
    escaped = "".join(
        "\\" + char if char in '"\\' else
        f"\\u{ord(char):04X}" if ord(char) < 0x20 or ord(char) == 0x7F else char
        for char in text)
    return f'"{escaped}"'


def create(directory, title=None):
    """Write the article; ``title`` defaults to the folder's name as written, its hyphens and
    underscores read as spaces ("my-article": "my article", "gd": "gd", "ReLU-nets": "ReLU
    nets"): capitalising every word would make "gd" "Gd" and "ReLU" "Relu"."""
    directory = Path(directory)
    if title is None:
        title = " ".join(directory.resolve().name.replace("-", " ").replace("_", " ").split())
    if not title.strip():
        raise ValueError("the title is empty: give one with --title")
    content = directory / "content"
    config = content / "article.toml"
    section = content / "01-first-section.md"
    widgets = content / "widgets"
    taken = [str(path) for path in (config, section, *example_widgets(widgets)) if path.exists()]
    if taken:  # checked before writing anything: never half an article over someone's files
        raise FileExistsError(f"{' and '.join(taken)} already exist{'s' if len(taken) == 1 else ''}; "
                              "not overwriting (choose another folder)")
    content.mkdir(parents=True, exist_ok=True)
    for folder in example_widgets(widgets):
        shutil.copytree(EXAMPLE_WIDGETS / folder.name, folder,
                        ignore=shutil.ignore_patterns("__pycache__"))
    config.write_text(CONFIG.format(title=toml_string(title)), encoding="utf-8")
    section.write_text(SECTION.format(config=shlex.quote(str(config)),
                                      site=shlex.quote(str(directory / "site"))), encoding="utf-8")
    return config


def example_widgets(widgets):
    """The folders ``create`` writes into ``widgets``, one per example widget."""
    return [widgets / source.name for source in sorted(EXAMPLE_WIDGETS.iterdir())
            if source.is_dir() and source.name != "__pycache__"]
