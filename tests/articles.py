"""A tiny article of a test's own, written into a temporary folder: the one way tests make one.

``tiny_article`` writes the files and returns the path of article.toml; ``build_tiny_site`` also
builds it and returns the site folder (the ``tiny_site`` fixture in tests/conftest.py does that in
the test's own tmp_path). Tests import ``build`` from here too, so where it lives is said once.
"""

import json

from builder.pipeline import build

__all__ = ["OWN_WIDGET", "SECTION", "assert_untouched", "build", "build_tiny_site", "files_of",
           "own_widget", "tiny_article"]

# Math and a widget: the least that exercises KaTeX, a widget's first picture and the runtime.
SECTION = "## Hello\n\nWeight $w$.\n\n::: widget manual-tuning\n"


# A widget of the article's own (builder/article_widgets.py): a slider for n, and Python's answer,
# twice n, computed by a helper module beside widget.py. It also says where its Python ran
# (sys.platform: "linux" at build time, "emscripten" in the reader's browser).
OWN_WIDGET = {
    "widget.py": """\
\"\"\"Twice n, computed in Python by a helper module: a test's own widget.\"\"\"

import sys

from backprop.settings import Setting, Settings

from . import arithmetic

SETTINGS = Settings(Setting("n", 3, "the number doubled", low=0, high=10, step=1, address=True))


@SETTINGS.checked_options
def initial(n):
    return {"n": n, **double(n)}


def double(n):
    return {"text": str(arithmetic.twice(n)), "where": sys.platform}


OPS = {"initial": initial, "double": double}
""",
    "arithmetic.py": "def twice(n):\n    return 2 * n\n",
    "template.html": """\
<figure class="widget widget-double" data-widget="double" data-embed="{{ embed }}" data-live="false" id="{{ uid }}">
  <label for="{{ uid }}-n">n</label>
  <input id="{{ uid }}-n" data-role="n" type="range" min="0" max="10" step="1" value="{{ state.n }}" data-needs-python disabled>
  <p>Twice n: <output data-role="double" aria-label="twice n">{{ state.text }}</output>,
    computed on <output data-role="where" aria-label="platform">{{ state.where }}</output></p>
  <figcaption><span class="widget-live-note" data-role="live-note">Static.</span></figcaption>
</figure>
""",
    "mount.js": """\
import { noteFailure, part, setLive } from "./lib/figure.js";
import { LatestWins } from "./lib/python-calls.js";

export function mount(root, python) {
  const slider = part(root, "n");
  const calls = new LatestWins(python, `${root.id}:double`, (answer) => {
    part(root, "double").textContent = answer.text;
    part(root, "where").textContent = answer.where;
  }, (err) => noteFailure(root, err));
  const ask = () => calls.ask("double.double", { n: Number(slider.value) });
  slider.addEventListener("input", ask);
  return {
    activate() { setLive(root, true, "Live."); ask(); },
    deactivate() { setLive(root, false, "Still."); },
  };
}
""",
    "style.css": ".widget-double output { font-weight: 600; }\n",
}


def own_widget(name="double", **files):
    """{path under the content folder: text} of OWN_WIDGET in ``widgets/name/``; ``files``
    ({file name: text, or None to leave it out}) replace its files, e.g. ``widget_py=...``."""
    chosen = {**OWN_WIDGET, **{key.replace("_", "."): text for key, text in files.items()}}
    return {f"widgets/{name}/{file}": text for file, text in chosen.items() if text is not None}


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
