"""An article's own widgets (widgets/NAME/ beside article.toml, builder/article_widgets.py): found
by name, checked like a built-in widget, pre-rendered, embedded and shipped in the same places;
every mistake in them stops the build at its file and line and keeps the previous site."""

import io
import json
import os
import re
import urllib.request
import zipfile

import pytest

from builder import REPO_DIR
from builder.errors import BuildError
from builder.preview_server import serve_with_reload
from builder.scaffold import EXAMPLE_WIDGETS
from tests.articles import (OWN_WIDGET, assert_untouched, build, build_tiny_site, files_of,
                            own_widget, tiny_article)
from tests.waiting import wait_until

PLACED = "## Hello\n\n::: widget double n=4\n"


def assets_of(site):
    [folder] = (site / "assets").iterdir()
    return folder


def zipped(site, name="backprop.zip"):
    with zipfile.ZipFile(io.BytesIO((assets_of(site) / name).read_bytes())) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_an_own_widget_is_prerendered_by_its_python_at_build_time(tmp_path):
    site = build_tiny_site(tmp_path, PLACED, files=own_widget())
    html = (site / "index.html").read_text(encoding="utf-8")
    # n=4 from the directive, doubled by the helper module beside widget.py, on the build machine.
    assert re.search(r'data-widget="double"[^>]*id="widget_1"', html)
    assert 'aria-label="twice n">8</output>' in html
    assert 'aria-label="platform">linux</output>' in html


def test_an_own_widget_ships_beside_the_built_in_ones(tmp_path):
    site = build_tiny_site(tmp_path, PLACED, files=own_widget())
    assets = assets_of(site)
    # Its script is in the pages' bundle (builder/script_bundle.py), with the helpers it imports.
    bundle = (assets / "js" / "app.js").read_text()
    assert '"./double.js":()=>Promise.resolve().then(' in bundle and '"double.double"' in bundle
    assert not (assets / "js" / "widgets").exists()
    assert OWN_WIDGET["style.css"] in (assets / "css" / "article.css").read_text()
    inside = zipped(site)
    assert inside["article_widgets/double/widget.py"].decode() == OWN_WIDGET["widget.py"]
    assert inside["article_widgets/double/arithmetic.py"].decode() == OWN_WIDGET["arithmetic.py"]
    assert {"article_widgets/__init__.py", "article_widgets/double/__init__.py",
            "backprop/api.pyc"} <= inside.keys()
    assert "article_widgets/double/widget.py" not in zipped(site, "backprop-source.zip")
    # The offline copy keeps the bundle holding its script, and the zip holding its Python.
    manifest = (site / "sw.js").read_text()
    for name in ("js/app.js", "backprop.zip"):
        assert f'"{assets.relative_to(site).as_posix()}/{name}"' in manifest


def test_an_own_widget_gets_embed_pages_at_its_defaults_and_as_placed(tmp_path):
    site = build_tiny_site(tmp_path, PLACED, files=own_widget())
    at_defaults = (site / "embed" / "double.html").read_text(encoding="utf-8")
    assert 'aria-label="twice n">6</output>' in at_defaults
    rows = json.loads(re.search(r'id="address-settings">(.*?)</script>', at_defaults).group(1))
    assert [(row["name"], row["low"], row["high"]) for row in rows] == [("n", 0, 10)]
    [placed] = [p for p in (site / "embed").glob("double-*.html")]
    assert 'aria-label="twice n">8</output>' in placed.read_text(encoding="utf-8")


def test_the_directive_checks_an_own_widgets_options_with_its_table(tmp_path):
    config = tiny_article(tmp_path, "## Hello\n\n::: widget double n=11\n", files=own_widget())
    with pytest.raises(BuildError, match=r"one\.md:3: widget 'double': n must be a whole number "
                                         r"from 0 to 10, not '11'"):
        build(config, tmp_path / "site")


def test_a_built_in_widgets_name_is_a_located_error(tmp_path):
    config = tiny_article(tmp_path, files=own_widget("manual-tuning"))
    with pytest.raises(BuildError) as caught:
        build(config, tmp_path / "site")
    assert caught.value.path == tmp_path / "widgets" / "manual-tuning"
    assert "has the name of a built-in widget: rename this folder" in caught.value.problem


@pytest.mark.parametrize("name, kept", [("index", "index.js"), ("lib", "lib")])
def test_a_name_the_generators_own_scripts_use_is_a_located_error(tmp_path, name, kept):
    config = tiny_article(tmp_path, files=own_widget(name))
    with pytest.raises(BuildError) as caught:
        build(config, tmp_path / "site")
    assert caught.value.path == tmp_path / "widgets" / name
    assert f"where the generator keeps its own {kept}: rename this folder" in caught.value.problem


def error_of(tmp_path, section=PLACED, **files):
    """The BuildError of building the tiny article with OWN_WIDGET changed by ``files``, after
    a good build of the same folder: that site must be left exactly as it was."""
    good = build_tiny_site(tmp_path, PLACED, files=own_widget())
    before = files_of(good)
    for path in (tmp_path / "content" / "widgets" / "double").iterdir():
        path.unlink()
    config = tiny_article(tmp_path / "content", section, files=own_widget(**files))
    with pytest.raises(BuildError) as caught:
        build(config, good)
    assert_untouched(good, before)
    return caught.value


WIDGET_PY = OWN_WIDGET["widget.py"]


@pytest.mark.parametrize("files, file, line, problem", [
    ({"widget_py": WIDGET_PY.replace("def double(n):", "def double(n)")}, "widget.py", 17,
     "widget 'double': expected ':'"),
    ({"widget_py": WIDGET_PY.replace("import sys", "import sys\n1 / 0")}, "widget.py", 4,
     "widget 'double': importing its Python raised ZeroDivisionError: division by zero"),
    ({"arithmetic_py": "def twice(n):\n    return 2 * m\n"}, "arithmetic.py", 2,
     "widget 'double': initial(n=4) raised NameError: name 'm' is not defined"),
    ({"widget_py": WIDGET_PY.replace('"initial": initial, ', "")}, "widget.py", None,
     "widget 'double' has no OPS with 'initial'"),
    ({"widget_py": WIDGET_PY + "SETTINGS = {'n': 3}\n"}, "widget.py", None,
     "widget 'double' declares no SETTINGS table"),
    ({"widget_py": WIDGET_PY.replace("def initial(n):", "def initial(count):")}, "widget.py", 13,
     "widget 'double': initial takes (count) but its SETTINGS table has (n)"),
    ({"widget_py": None}, None, None, "widget 'double' has no widget.py"),
    ({"template_html": OWN_WIDGET["template.html"].replace("{{ state.text }}", "{{ state.text ")},
     "template.html", 4, "widget 'double': unexpected"),
    ({"template_html": OWN_WIDGET["template.html"].replace("state.where", "state.were")},
     "template.html", 5, "widget 'double': rendering template.html raised UndefinedError"),
    ({"template_html": OWN_WIDGET["template.html"].replace('id="{{ uid }}"', "")},
     "template.html", 1, "template.html must be one figure"),
    ({"mount_js": OWN_WIDGET["mount.js"].replace("export function mount", "function mount")},
     "mount.js", None, "mount.js exports no function mount"),
    ({"mount_js": OWN_WIDGET["mount.js"].replace("./lib/python-calls.js", "./python-calls.js")},
     "mount.js", 2, "mount.js imports './python-calls.js', which is not shipped"),
    ({"mount_js": OWN_WIDGET["mount.js"] + "console.log(import.meta.url);\n"}, "mount.js", 17,
     "mount.js may not use import.meta"),
    # Found by esbuild as it bundles the pages' scripts (builder/script_bundle.py).
    ({"mount_js": OWN_WIDGET["mount.js"].replace('part(root, "n");', 'part(root, "n";')},
     "mount.js", 5, 'the pages\' scripts cannot be bundled: Expected ")" but found ";"'),
])
def test_a_mistake_in_an_own_widget_is_located_and_keeps_the_previous_site(tmp_path, files, file,
                                                                          line, problem):
    err = error_of(tmp_path, **files)
    folder = tmp_path / "content" / "widgets" / "double"
    assert (err.path, err.line) == ((folder / file) if file else folder, line)
    assert problem in err.problem


def test_an_own_widget_is_imported_afresh_by_every_build(tmp_path):
    config = tiny_article(tmp_path, PLACED, files=own_widget())
    build(config, tmp_path / "site")
    helper = tmp_path / "widgets" / "double" / "arithmetic.py"
    helper.write_text("def twice(n):\n    return n + n + 100\n")  # same size would not matter
    build(config, tmp_path / "site")
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'aria-label="twice n">108</output>' in html
    assert not (tmp_path / "widgets" / "double" / "__pycache__").exists()


def test_one_articles_widgets_are_unknown_to_the_next_article_built(tmp_path):
    build_tiny_site(tmp_path / "first", PLACED, files=own_widget())
    config = tiny_article(tmp_path / "second", PLACED)
    with pytest.raises(BuildError, match=r"unknown widget 'double' \(known widgets: chain-rule"):
        build(config, tmp_path / "second" / "site")


def test_widgets_are_refused_when_the_author_is_not_trusted(tmp_path):
    config = tiny_article(tmp_path, files=own_widget(), config={"sanitize_html": True})
    with pytest.raises(BuildError, match=r"holds widgets, whose scripts would run") as caught:
        build(config, tmp_path / "site")
    assert (caught.value.path, caught.value.line) == (config, 4)


def test_a_widget_file_straight_in_the_widgets_folder_is_told_where_it_belongs(tmp_path):
    config = tiny_article(tmp_path, files={"widgets/double.py": WIDGET_PY})
    with pytest.raises(BuildError, match=r"move this file into widgets/NAME/"):
        build(config, tmp_path / "site")


def test_a_folder_name_that_cannot_name_a_widget_is_refused(tmp_path):
    config = tiny_article(tmp_path, files=own_widget("Double_it"))
    with pytest.raises(BuildError, match=r"'Double_it' cannot name a widget"):
        build(config, tmp_path / "site")


def test_the_widgets_folder_is_never_an_output_folder(tmp_path):
    config = tiny_article(tmp_path, files=own_widget())
    with pytest.raises(BuildError, match=r"holds the article's own widgets"):
        build(config, tmp_path / "widgets")
    assert (tmp_path / "widgets" / "double" / "widget.py").is_file()


def test_a_module_an_own_widget_imports_that_is_missing_is_its_error_not_an_unknown_widget(
        tmp_path):
    broken = WIDGET_PY.replace("import sys", "import sys\nimport no_such_module")
    config = tiny_article(tmp_path, PLACED, files=own_widget(widget_py=broken))
    with pytest.raises(BuildError, match=r"ModuleNotFoundError: No module named 'no_such_module'"):
        build(config, tmp_path / "site")


def test_serve_rebuilds_with_an_own_widgets_edited_python(tmp_path):
    config = tiny_article(tmp_path / "content", PLACED, files=own_widget())
    server = serve_with_reload(config, tmp_path / "site", port=0)
    url = f"http://127.0.0.1:{server.server_address[1]}/"

    def page():
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.read().decode("utf-8")

    try:
        assert 'aria-label="twice n">8</output>' in page()
        helper = tmp_path / "content" / "widgets" / "double" / "arithmetic.py"
        aside = helper.with_name(".arithmetic.py.saving")  # as an editor saves: aside, then rename
        aside.write_text("def twice(n):\n    return n * 20\n")
        os.replace(aside, helper)
        wait_until(lambda: 'aria-label="twice n">80</output>' in page(), timeout=120,
                   what="the rebuilt page with the edited helper's answer")
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("file", ["widget.py", "template.html", "mount.js", "style.css"])
def test_the_guide_walks_through_every_line_of_the_example_widget_new_writes(file):
    # docs/guide.md, step 13: under the heading "### `FILE`: ...", the file's code blocks in order
    # hold exactly its lines (blank lines aside), so the walk-through cannot fall behind the file.
    guide = (REPO_DIR / "docs" / "guide.md").read_text(encoding="utf-8")
    part = guide.split(f"\n### `{file}`: ", 1)[1].split("\n### ", 1)[0]
    shown = "\n".join(re.findall(r"\n```(?:python|html|js|css)\n(.*?)\n```", part, re.S))
    written = (EXAMPLE_WIDGETS / "square" / file).read_text(encoding="utf-8")
    assert [l for l in shown.splitlines() if l.strip()] == \
           [l for l in written.splitlines() if l.strip()]
