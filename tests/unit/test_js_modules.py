"""builder/js_modules.py: our ES modules linked into one list in dependency order, each relative
specifier rewritten to the key of a module listed before it."""

import pytest

from builder.errors import BuildError
from builder.js_modules import linked_modules, standalone_module


def write_modules(root, files):
    for name, source in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(source, encoding="utf-8")


def test_imports_are_rewritten_in_dependency_order(tmp_path):
    write_modules(tmp_path, {
        "app.js": 'import { a } from "./lib/a.js";\nimport("./lib/b.js");\n',
        "lib/a.js": "import { b } from './b.js';\nexport const a = b;\n",
        "lib/b.js": "export const b = 1;\n",
    })
    order = linked_modules(tmp_path, "app.js")
    assert [key for key, _ in order] == ["lib/b.js", "lib/a.js", "app.js"]
    assert order[1][1].startswith('import { b } from "inline-module:lib/b.js";')
    assert 'import("inline-module:lib/b.js")' in order[2][1]


def test_a_module_imported_twice_is_listed_once(tmp_path):
    write_modules(tmp_path, {
        "app.js": 'import "./a.js";\nimport "./b.js";\n',
        "a.js": 'import "./b.js";\n', "b.js": "export const b = 1;\n",
    })
    assert [key for key, _ in linked_modules(tmp_path, "app.js")] == ["b.js", "a.js", "app.js"]


def test_windows_line_ends_become_the_parsers_own(tmp_path):
    write_modules(tmp_path, {"app.js": "export const a = 1;\r\nexport const b = 2;\r\n"})
    assert linked_modules(tmp_path, "app.js") == [["app.js", "export const a = 1;\nexport const b = 2;\n"]]


def test_widget_loader_becomes_a_map_of_its_folder(tmp_path):
    write_modules(tmp_path, {
        "w/index.js": "export const load = (name) => import(`./${name}.js`);\n",
        "w/one.js": "export const one = 1;\n", "w/two.js": "export const two = 2;\n",
    })
    source = dict(linked_modules(tmp_path, "w/index.js"))["w/index.js"]
    assert '["one", "inline-module:w/one.js"], ["two", "inline-module:w/two.js"]' in source
    assert "index" not in source.split("new Map")[1].split("]).get")[0]


@pytest.mark.parametrize("files, problem", [
    ({"app.js": 'import "./b.js";', "b.js": 'import "./app.js";'}, "cycle"),
    ({"app.js": "import(someURL);"}, "dynamic import"),
    ({"app.js": 'import "./missing.js";'}, "cannot resolve"),
    ({"app.js": 'import "../outside.js";'}, "cannot resolve"),
    ({"app.js": "new URL('x', import.meta.url);"}, "import.meta"),
])
def test_module_graphs_a_single_file_cannot_hold_stop_the_build(tmp_path, files, problem):
    write_modules(tmp_path, files)
    with pytest.raises(BuildError, match=problem):
        linked_modules(tmp_path, "app.js")


def test_the_worker_module_must_stand_alone(tmp_path):
    write_modules(tmp_path, {"alone.mjs": "self.onmessage = () => {};\n",
                             "leaning.mjs": 'import { x } from "./x.js";\n'})
    assert standalone_module(tmp_path / "alone.mjs") == "self.onmessage = () => {};\n"
    with pytest.raises(BuildError, match="may not import relative files"):
        standalone_module(tmp_path / "leaning.mjs")
