"""The layers, checked on the source: no module of ``builder`` imports itself back through
others (not even by an import inside a function), only the command line imports the commands (they
parse flags and call the rest, never the other way round), ``backprop`` imports nothing of the
builder (it must run alone in the browser), and the builder finds ``backprop`` installed, not by
editing ``sys.path``."""

import ast
from pathlib import Path

import backprop
from builder import BACKPROP_DIR, PACKAGE_DIR, REPO_DIR


def module_names(package_dir):
    """{dotted name: path} of every module of the package in ``package_dir``."""
    names = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = path.relative_to(package_dir.parent).with_suffix("").parts
        names[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return names


def imported_names(name, path):
    """Every dotted name ``name`` imports anywhere in its file, relative imports resolved;
    ``from a import b`` gives both ``a`` and ``a.b`` (b may be a module)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            source = ".".join(filter(None, [base, node.module]))
            yield source
            yield from (f"{source}.{alias.name}" for alias in node.names)


def import_graph(package_dir):
    """{module: set of the package's modules it imports}, with each module's parent packages
    (importing ``a.b.c`` runs ``a/__init__`` and ``a/b/__init__`` first)."""
    modules = module_names(package_dir)
    graph = {}
    for name, path in modules.items():
        targets = set()
        for imported in imported_names(name, path):
            parts = imported.split(".")
            targets.update(".".join(parts[:n]) for n in range(1, len(parts) + 1))
        graph[name] = {target for target in targets & modules.keys()
                       if target != name and not name.startswith(target + ".")}
    return graph


def find_cycle(graph):
    """One cycle as [a, b, ..., a], or None."""
    state = {}  # module -> "open" while on the current path, "done" after

    def visit(node, path):
        state[node] = "open"
        for target in sorted(graph[node]):
            if state.get(target) == "open":
                return path[path.index(target):] + [target]
            if target not in state:
                cycle = visit(target, path + [target])
                if cycle:
                    return cycle
        state[node] = "done"
        return None

    for start in sorted(graph):
        if start not in state:
            cycle = visit(start, [start])
            if cycle:
                return cycle
    return None


def test_no_module_of_builder_imports_itself_back():
    cycle = find_cycle(import_graph(PACKAGE_DIR))
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_the_cycle_finder_finds_a_cycle_through_an_import_inside_a_function(tmp_path):
    package = tmp_path / "pkg"
    (package / "commands").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "commands" / "__init__.py").write_text("")
    (package / "commands" / "build.py").write_text("from pkg.single import write\n")
    (package / "single.py").write_text("def write():\n    from .commands.build import build\n")
    assert find_cycle(import_graph(package)) == ["pkg.commands.build", "pkg.single",
                                                 "pkg.commands.build"]


def command_importers(package_dir):
    """{module: [what it imports of PACKAGE.commands]} for every module of the package other than
    the commands themselves and the command line (PACKAGE.cli), which runs them."""
    package = package_dir.name
    commands, cli = f"{package}.commands", f"{package}.cli"
    found = {}
    for name, path in module_names(package_dir).items():
        if name == cli or name == commands or name.startswith(commands + "."):
            continue
        imported = sorted({imported for imported in imported_names(name, path)
                           if imported == commands or imported.startswith(commands + ".")})
        if imported:
            found[name] = imported
    return found


def test_only_the_command_line_imports_the_commands():
    assert command_importers(PACKAGE_DIR) == {}, "a module below the commands imports one"


def test_an_import_of_a_command_inside_a_function_is_found(tmp_path):
    package = tmp_path / "pkg"
    (package / "commands").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "cli.py").write_text("from pkg.commands import check\n")
    (package / "commands" / "__init__.py").write_text("")
    (package / "commands" / "check.py").write_text("from pkg.core import find\n")
    (package / "core.py").write_text("def find():\n    from .commands.check import run\n")
    assert list(command_importers(package)) == ["pkg.core"]

def test_backprop_imports_nothing_of_the_builder():
    graph = import_graph(BACKPROP_DIR)
    assert find_cycle(graph) is None
    for name, path in module_names(BACKPROP_DIR).items():
        outside = [imported for imported in imported_names(name, path)
                   if imported.split(".")[0] == "builder"]
        assert outside == [], f"{name} imports {outside}"


def test_no_module_of_builder_edits_sys_path():
    for path in module_names(PACKAGE_DIR).values():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        edits = [node.lineno for node in ast.walk(tree)
                 if isinstance(node, ast.Attribute) and node.attr == "path"
                 and isinstance(node.value, ast.Name) and node.value.id == "sys"]
        assert edits == [], f"{path.name} uses sys.path (line {edits[0]})"


def test_backprop_is_installed_from_this_checkout():
    # Another checkout's install would test, pre-render and ship that checkout's numerical core.
    imported = Path(backprop.__file__).resolve().parent
    assert imported == BACKPROP_DIR == REPO_DIR / "pyodide_src" / "backprop", (
        f"backprop is installed from {imported}: run `pip install -e .` in this checkout")
