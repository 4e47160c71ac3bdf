"""Our ES modules linked into one list, for a page that cannot load them by their URLs.

The single file (builder/single_file.py) runs from ``file://``, where Chromium refuses module
scripts, and a module imported from a ``blob:`` URL has no base to resolve ``./x.js`` against. So
every relative specifier of our modules is rewritten here to ``"inline-module:KEY"`` (KEY: the
module's path under the scripts' folder), and the modules are listed in dependency order;
js/single/boot.js turns them into ``blob:`` URLs one by one, replacing each specifier by the URL
of a module already made. The widget loader's ``import(`./${name}.js`)`` becomes a lookup in a
map of every module in that folder. This needs no bundler and keeps each module as written; the
price is that the module graph must be acyclic and every dynamic import must be one of those two
forms (anything else stops the build).

The patterns below read JavaScript we write (static/js), not HTML.
"""

import os
import re
from pathlib import Path

from builder.errors import BuildError

_STATIC_IMPORT = re.compile(r'(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(["\'])(\.\.?/[^"\'\n]+)\2')
_TEMPLATE_IMPORT = re.compile(r'\bimport\s*\(\s*`(\.\.?/[^`$]*)\$\{\s*(\w+)\s*\}([^`$]*)`\s*\)')
_ANY_IMPORT_CALL = re.compile(r'\bimport\s*\(\s*(?!"inline-module:)')
_MODULE_MAP = "import(new Map(["  # how a rewritten template import starts


def script_source(path):
    """A script's text as the HTML parser will hand it over (a policy's hashes must match it)."""
    return path.read_text(encoding="utf-8").replace("\r\n", "\n")


def linked_modules(root, entry):
    """[[key, source], ...] for ``entry`` and every module it imports, each after the modules it
    imports, with relative specifiers rewritten to ``"inline-module:KEY"`` (keys are paths
    relative to ``root``)."""
    order, visiting, done = [], set(), set()

    def visit(key):
        if key in done:
            return
        if key in visiting:
            raise BuildError(root / key, None, "single file: modules import each other in a cycle")
        visiting.add(key)
        source, imports = rewrite_imports(root, key)
        for target in imports:
            visit(target)
        visiting.discard(key)
        done.add(key)
        order.append([key, source])

    visit(entry)
    return order


def rewrite_imports(root, key):
    """(the module ``key``'s source with relative specifiers rewritten, keys it imports)."""
    path = root / key
    if not path.is_file():
        raise BuildError(path, None, "single file: an import names this missing module")
    code = script_source(path)
    if "import.meta" in code or "inline-module:" in code:
        raise BuildError(path, None, "single file: modules may not use import.meta or "
                                     "'inline-module:' (they run from blob: URLs)")
    folder = Path(key).parent
    imports = []

    def resolve(specifier):
        target = os.path.normpath(folder / specifier).replace(os.sep, "/")
        if target.startswith("../") or not (root / target).is_file():
            raise BuildError(path, None, f"single file: cannot resolve import '{specifier}'")
        imports.append(target)
        return target

    def static(match):
        return f'{match.group(1)}"inline-module:{resolve(match.group(3))}"'

    def template(match):
        prefix, name, suffix = match.groups()
        directory = (root / folder / prefix).resolve()
        choices = sorted(p for p in directory.glob(f"*{suffix}") if p.is_file() and p != path.resolve())
        pairs = ", ".join(
            f'["{p.name.removesuffix(suffix)}", "inline-module:{resolve(prefix + p.name)}"]'
            for p in choices)
        return f"{_MODULE_MAP}{pairs}]).get({name}) ?? `no module {prefix}${{{name}}}{suffix}`)"

    code = _TEMPLATE_IMPORT.sub(template, _STATIC_IMPORT.sub(static, code))
    stray = [m for m in _ANY_IMPORT_CALL.finditer(code) if not code.startswith(_MODULE_MAP, m.start())]
    if stray:
        line = code.count("\n", 0, stray[0].start()) + 1
        raise BuildError(path, line, "single file: a dynamic import() of another form than "
                                     "import('./x.js') or import(`./${name}.js`)")
    return code, list(dict.fromkeys(imports))


def standalone_module(path):
    """The source of a module that must run alone from a ``blob:`` URL (the Python worker's)."""
    code = script_source(path)
    if _STATIC_IMPORT.search(code) or _TEMPLATE_IMPORT.search(code) or "import.meta" in code:
        raise BuildError(path, None, "single file: the worker module may not import relative "
                                     "files or use import.meta (it runs from a blob: URL)")
    return code

