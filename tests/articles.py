"""A tiny article of a test's own, written into a temporary folder: the one way tests make one.

``tiny_article`` writes the files and returns the path of article.toml; ``build_tiny_site`` also
builds it and returns the site folder (the ``tiny_site`` fixture in tests/conftest.py does that in
the test's own tmp_path). Tests import ``build`` from here too, so where it lives is said once.
"""

import json

from builder.pipeline import build

__all__ = ["SECTION", "assert_untouched", "build", "build_tiny_site", "files_of", "tiny_article"]

# Math and a widget: the least that exercises KaTeX, a widget's first picture and the runtime.
SECTION = "## Hello\n\nWeight $w$.\n\n::: widget manual-tuning\n"


def tiny_article(folder, section=SECTION, *, extra_sections=None, glossary=None, files=None,
                 config=None, config_text=None):
    """Write a small article into ``folder`` (created if need be); return its article.toml.

    ``section`` is the text of its one section, one.md; ``extra_sections`` ({name: text}) are
    listed after it. ``glossary`` is the text of glossary.md, which the config then names.
    ``files`` ({relative path: str or bytes}) are written beside, e.g. an image. ``config``
    ({key: value}) adds or replaces keys of article.toml; ``config_text`` replaces the whole file
    as written, for tests of the config's own mistakes, whose lines matter."""
    written = {"one.md": section, **(extra_sections or {}), **(files or {})}
    if glossary is not None:
        written["glossary.md"] = glossary
    for name, content in written.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    settings = {"title": "Test article", "authors": ["A", "B"],
                "sections": ["one.md", *(extra_sections or {})]}
    if glossary is not None:
        settings["glossary"] = "glossary.md"
    settings.update(config or {})
    config_path = folder / "article.toml"
    # JSON's strings, booleans and lists of strings are TOML's too.
    config_path.write_text(config_text if config_text is not None else "".join(
        f"{key} = {json.dumps(value)}\n" for key, value in settings.items()), encoding="utf-8")
    return config_path


def build_tiny_site(folder, section=SECTION, **article):
    """``tiny_article`` in folder/content built into folder/site; returns the site folder."""
    out = folder / "site"
    build(tiny_article(folder / "content", section, **article), out)
    return out


def files_of(folder):
    """{relative path, with '/': bytes} of every file under ``folder``."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def assert_untouched(out, snapshot):
    """The site at ``out`` is byte for byte ``snapshot`` (``files_of`` it before), and no hidden
    build folder was left beside it."""
    assert files_of(out) == snapshot
    leftovers = [p.name for p in out.parent.iterdir() if p.name.startswith(".site.")]
    assert leftovers == []
