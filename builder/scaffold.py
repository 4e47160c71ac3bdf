"""A minimal article that builds and runs as it is: one section, one widget, one live Python cell,
written by ``create`` for the ``new`` command (builder/commands/new.py)."""

import shlex
from pathlib import Path

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
    """Write the article; ``title`` defaults to the folder's name ("my-article": "My Article")."""
    directory = Path(directory)
    if title is None:
        title = directory.resolve().name.replace("-", " ").title()
    if not title.strip():
        raise ValueError("the title is empty: give one with --title")
    content = directory / "content"
    config = content / "article.toml"
    section = content / "01-first-section.md"
    taken = [str(path) for path in (config, section) if path.exists()]
    if taken:  # checked before writing anything: never half an article over someone's files
        raise FileExistsError(f"{' and '.join(taken)} already exist{'s' if len(taken) == 1 else ''}; "
                              "not overwriting (choose another folder)")
    content.mkdir(parents=True, exist_ok=True)
    config.write_text(CONFIG.format(title=toml_string(title)), encoding="utf-8")
    section.write_text(SECTION.format(config=shlex.quote(str(config)),
                                      site=shlex.quote(str(directory / "site"))), encoding="utf-8")
    return config
