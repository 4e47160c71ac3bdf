"""The pages' scripts bundled into one module, js/app.js (builder/script_bundle.py): every page
runs it alone, it holds every widget, and the modules inside it are not shipped apart."""

import re

from builder.script_bundle import SCRIPTS, page_bundle, source_tree
from builder.widgets import BUILT_IN

# What a page may load of ours besides the bundle: classic scripts, the Python workers' modules,
# the editor and the live-reload client (loaded apart), the single file's boot scripts.
APART = {"boot.js", "theme.js", "start-python.js", "embed-host.js", "editor.js", "live-reload.js",
         "worker.mjs", "shared-worker.mjs", "snapshot-start.mjs", "single/boot.js", "single/worker.js"}


def scripts_of(site):
    [folder] = (site / "assets").iterdir()
    js = folder / "js"
    return js, {p.relative_to(js).as_posix() for p in js.rglob("*") if p.is_file()}


def test_a_page_runs_one_module_of_ours_and_the_site_ships_no_other(tiny_site):
    site = tiny_site()
    js, shipped = scripts_of(site)
    assert shipped == APART | {"app.js"}
    for page in [site / "index.html", *sorted((site / "embed").glob("*.html"))]:
        html = page.read_text(encoding="utf-8")
        modules = re.findall(r'<script type="module" src="([^"]+)"', html)
        assert [(page.parent / m).resolve() for m in modules] == [(js / "app.js").resolve()], page
        assert "modulepreload" not in html, page


def test_the_bundle_holds_every_widget_and_what_app_js_imports(tiny_site):
    js, _ = scripts_of(tiny_site())
    bundle = (js / "app.js").read_text(encoding="utf-8")
    for name in BUILT_IN.names():
        # In the widget loader's table, each run only when its widget is first loaded.
        assert f'"./{name}.js":()=>Promise.resolve().then(' in bundle, name
    # The editor and the live-reload client stay apart, imported where needed.
    assert 'import("./editor.js")' in bundle and 'import("./live-reload.js")' in bundle
    assert not re.search(r"^import |^export ", bundle, re.MULTILINE)  # it imports nothing else


def test_the_bundle_reports_every_script_inside_it():
    _, bundled = page_bundle()
    assert {"js/app.js", "js/python-client.js", "js/shared-python.js", "js/glossary.js",
            "js/labels.js"} <= bundled
    assert {f"js/{p.relative_to(SCRIPTS).as_posix()}" for p in (SCRIPTS / "widgets").rglob("*.js")} <= bundled
    # What pages load apart is not inside.
    assert not bundled & {"js/editor.js", "js/live-reload.js", "js/start-python.js", "js/boot.js"}


def test_the_source_tree_is_the_scripts_as_written():
    with source_tree() as tree:
        written = (tree / "js" / "widgets" / "index.js").read_text(encoding="utf-8")
        assert written == (SCRIPTS / "widgets" / "index.js").read_text(encoding="utf-8")
        assert "import(`./${name}.js`)" in written
