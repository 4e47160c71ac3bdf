"""An article's own widgets: a folder ``widgets/`` beside its article.toml, one folder per widget.

    widgets/NAME/
      widget.py      its Python: SETTINGS, initial and OPS, the contract of a built-in widget
      template.html  its first state (Jinja2), rendered at build time from what initial returns
      mount.js       its script, mount(root, python); bundled with the built-in scripts as
                     js/widgets/NAME.js, so it imports their helpers as ./lib/figure.js
      style.css      optional: its styles, bundled into the page's one stylesheet
      *.py           optional: more Python, imported from widget.py as ``from . import helpers``

The folder's name is the widget's name (``::: widget NAME``); a built-in widget's name is refused.
In the reader's browser the Python travels in the zip beside ``backprop`` as the package
``article_widgets`` (``article_widgets/NAME_/widget.py``, hyphens as underscores), where
``backprop.api`` looks for a widget that is not one of its own. At build time the same files
are imported under the same names by a finder of that one package (no change to ``sys.path``),
straight from the article's folder and without writing bytecode beside them: every build reads
the author's files as they are now.

Everything an author can get wrong here stops the build at the file and line that is wrong: a
missing file, a syntax error, an exception while importing, no ``initial``, settings that
``initial`` does not take, a script without ``mount`` or importing a file that is not shipped.
"""

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import inspect
import re
import sys
import traceback
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import jinja2

from builder import PACKAGE_DIR
from builder.errors import BuildError, line_of

FOLDER = "widgets"  # beside article.toml
PACKAGE = "article_widgets"  # backprop.api.ARTICLE_WIDGETS: the name the browser imports too
TEMPLATE_PREFIX = "article-widget:"  # then the template's path: see TemplateLoader
NAME = re.compile(r"[a-z][a-z0-9-]*")  # what js/widgets/index.js will load
# The files of a widget: (name, required, what it holds), as the errors explain them.
FILES = (
    ("widget.py", True, "its Python: SETTINGS, initial and OPS"),
    ("template.html", True, "its first state, a Jinja2 template rendered from initial()"),
    ("mount.js", True, "its script: export function mount(root, python)"),
    ("style.css", False, "its styles"),
)
# Files of the wrong layout, put straight into widgets/ instead of a widget's folder.
_LOOSE_FILES = {".py", ".html", ".js", ".css"}
_RELATIVE_IMPORT = re.compile(r"""\b(?:from|import)\s*\(?\s*["'](\.\.?/[^"'\n]+)["']""")
_EXPORTS_MOUNT = re.compile(r"\bexport\s+(?:async\s+)?function\s+mount\s*\(|"
                            r"\bexport\s+(?:const|let|var)\s+mount\b|"
                            r"\bexport\s*\{[^}]*\bmount\b[^}]*\}")
# Where the built-in scripts live: a widget's script ships into this folder's copy.
BUILT_IN_SCRIPTS = PACKAGE_DIR / "static" / "js" / "widgets"


@dataclass(frozen=True)
class ArticleWidget:
    """One folder of ``widgets/``: the widget ``name`` and where its files are."""

    name: str
    folder: Path

    @property
    def stem(self):
        """Its name as a Python identifier: the subpackage of ``article_widgets``."""
        return self.name.replace("-", "_")

    @property
    def module_name(self):
        return f"{PACKAGE}.{self.stem}.widget"

    @property
    def python(self):
        return self.folder / "widget.py"

    @property
    def template(self):
        return self.folder / "template.html"

    @property
    def script(self):
        return self.folder / "mount.js"

    @property
    def style(self):
        """Its stylesheet, or None when it has none."""
        path = self.folder / "style.css"
        return path if path.is_file() else None

    def python_files(self):
        """Every Python file of the widget (widget.py and its helpers), by file name."""
        return sorted(p for p in self.folder.glob("*.py") if p.is_file())

    def located(self, err, doing):
        """A BuildError at the line of the widget's own file where ``err`` was raised (the
        innermost such frame of its traceback), else at widget.py."""
        frames = [f for f in traceback.extract_tb(err.__traceback__)
                  if Path(f.filename).is_file()
                  and Path(f.filename).resolve().is_relative_to(self.folder)]
        where = (frames[-1].filename, frames[-1].lineno) if frames else (self.python, None)
        return BuildError(*where, f"widget '{self.name}': {doing} {type(err).__name__}: {err}")


def widgets_folder(config):
    return config.content_dir / FOLDER


def find_article_widgets(config, built_in):
    """{name: ArticleWidget} of the article of ``config`` (builder.config), each with its
    required files; ``built_in`` are the names no folder may take."""
    folder = widgets_folder(config)
    if not folder.is_dir():
        return {}
    found = {}
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.name == "__pycache__":
            continue
        if not path.is_dir():
            if path.suffix in _LOOSE_FILES:
                raise BuildError(path, None, f"a widget is a folder of its own in {FOLDER}/: "
                                             f"move this file into {FOLDER}/NAME/ (see the guide)")
            continue  # a README beside the widgets
        found[path.name] = _checked_folder(path, built_in)
    if found and config.sanitize_html:
        raise BuildError(config.path, line_of(config.path.read_text(encoding="utf-8"),
                                              "sanitize_html"),
                         f"sanitize_html is for authors the site does not trust, but {FOLDER}/ "
                         "holds widgets, whose scripts would run on the site unchecked: remove "
                         f"{FOLDER}/ or turn sanitize_html off")
    return found


def _checked_folder(path, built_in):
    name = path.name
    if not NAME.fullmatch(name):
        raise BuildError(path, None, f"'{name}' cannot name a widget: a widget's folder is its "
                                     "name, of lower-case letters, digits and hyphens, starting "
                                     "with a letter (such as 'coin-flip')")
    if name in built_in:
        raise BuildError(path, None, f"widget '{name}' has the name of a built-in widget: "
                                     "rename this folder (built-in widgets: "
                                     f"{', '.join(sorted(built_in))})")
    taken = [p.name for p in BUILT_IN_SCRIPTS.iterdir() if p.stem == name]  # index.js, lib/
    if taken:
        raise BuildError(path, None, f"widget '{name}' would ship as js/widgets/{name}.js, "
                                     f"where the generator keeps its own {taken[0]}: rename "
                                     "this folder")
    for file, required, holds in FILES:
        if required and not (path / file).is_file():
            raise BuildError(path, None, f"widget '{name}' has no {file} ({holds})")
    return ArticleWidget(name, path.resolve())


def install(widgets):
    """Make ``article_widgets`` importable as exactly ``widgets`` ({name: ArticleWidget}): any
    earlier article's modules are forgotten, so every build imports the files afresh."""
    sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, _ArticleWidgetsFinder)]
    for name in [n for n in sys.modules if n == PACKAGE or n.startswith(PACKAGE + ".")]:
        del sys.modules[name]
    if widgets:
        sys.meta_path.insert(0, _ArticleWidgetsFinder(widgets.values()))


def load(widget, settings_type):
    """Import the widget's Python and check it keeps the contract; returns its SETTINGS.
    ``settings_type`` is backprop.settings.Settings as the builder imported it."""
    try:
        module = importlib.import_module(widget.module_name)
    except SyntaxError as err:
        raise BuildError(err.filename or widget.python, err.lineno,
                         f"widget '{widget.name}': {err.msg}") from None
    except Exception as err:  # whatever the author's code raised, said where it was raised
        raise widget.located(err, "importing its Python raised") from None
    settings = getattr(module, "SETTINGS", None)
    ops = getattr(module, "OPS", None)
    if not isinstance(settings, settings_type):
        raise BuildError(widget.python, None, f"widget '{widget.name}' declares no SETTINGS "
                         "table (SETTINGS = Settings(Setting(...), ...) from backprop.settings; "
                         "Settings() for none)")
    if not isinstance(ops, dict) or not callable(ops.get("initial")):
        raise BuildError(widget.python, None, f"widget '{widget.name}' has no OPS with "
                         "'initial' (OPS = {\"initial\": initial, ...}: the verbs its page calls)")
    _check_initial(widget, ops["initial"], settings)
    _check_script(widget)
    return settings


def _check_initial(widget, initial, settings):
    """``initial`` takes exactly the table's names, without defaults (the table has them)."""
    line = _def_line(widget, inspect.unwrap(initial))
    try:
        parameters = inspect.signature(initial).parameters
    except (TypeError, ValueError):
        parameters = None
    names = [s.name for s in settings]
    if parameters is None or list(parameters) != names:
        taken = ", ".join(parameters or ()) or "nothing"
        raise BuildError(widget.python, line, f"widget '{widget.name}': initial takes ({taken}) "
                         f"but its SETTINGS table has ({', '.join(names) or 'no rows'}); give "
                         "initial exactly the table's names, in its order")
    if any(p.default is not inspect.Parameter.empty for p in parameters.values()):
        raise BuildError(widget.python, line, f"widget '{widget.name}': initial's parameters "
                         "take no defaults: the SETTINGS table holds them (decorate initial with "
                         "@SETTINGS.checked_options)")


def _def_line(widget, function):
    """The line of ``def function`` in widget.py (its code starts at its first decorator)."""
    first = getattr(getattr(function, "__code__", None), "co_firstlineno", None)
    if first is None or function.__code__.co_filename != str(widget.python):
        return None
    lines = widget.python.read_text(encoding="utf-8").splitlines()
    return next((number for number in range(first, len(lines) + 1)
                 if re.match(r"\s*(async\s+)?def\s", lines[number - 1])), first)


def _check_script(widget):
    """mount.js exports ``mount`` and imports only files shipped beside it."""
    source = widget.script.read_text(encoding="utf-8")
    if not _EXPORTS_MOUNT.search(source):
        raise BuildError(widget.script, None, f"widget '{widget.name}': mount.js exports no "
                         "function mount (export function mount(root, python) { ... })")
    if "import.meta" in source:
        raise BuildError(widget.script, line_of(source, "import.meta"), f"widget "
                         f"'{widget.name}': mount.js may not use import.meta (in the single file "
                         "scripts run from blob: URLs, where it means nothing)")
    for match in _RELATIVE_IMPORT.finditer(source):
        target = (BUILT_IN_SCRIPTS / match.group(1)).resolve()
        if not target.is_file():
            raise BuildError(widget.script, source.count("\n", 0, match.start()) + 1,
                             f"widget '{widget.name}': mount.js imports '{match.group(1)}', "
                             "which is not shipped: it runs from js/widgets/, beside the "
                             "built-in scripts, and imports their helpers as './lib/…'")


def render(env, widget, context):
    """The widget's template rendered with ``context`` (uid, name, options, state, embed), and
    checked to be one figure that app.js and the embed code find."""
    try:
        html = env.get_template(TEMPLATE_PREFIX + str(widget.template)).render(**context)
    except jinja2.TemplateSyntaxError as err:
        raise BuildError(err.filename or widget.template, err.lineno,
                         f"widget '{widget.name}': {err.message}") from None
    except Exception as err:  # an undefined name, a filter given the wrong thing
        raise widget.located(err, "rendering template.html raised") from None
    _check_figure(widget, html, context)
    return html


def _check_figure(widget, html, context):
    """The template's first element must be the widget's figure, as a built-in widget's is."""
    first = _FirstTag()
    first.feed(html)
    tag, attributes = first.found or (None, {})
    expected = {"data-widget": context["name"], "id": context["uid"], "data-embed": context["embed"]}
    if tag == "figure" and "widget" in attributes.get("class", "").split() and all(
            attributes.get(key) == value for key, value in expected.items()):
        return
    source = widget.template.read_text(encoding="utf-8")
    raise BuildError(widget.template, line_of(source, "<figure") if "<figure" in source else 1,
                     f"widget '{widget.name}': template.html must be one figure, starting "
                     f'<figure class="widget" data-widget="{widget.name}" data-embed="{{{{ '
                     'embed }}" data-live="false" id="{{ uid }}">: the page finds a widget by '
                     "these, and its ids must all start with uid")


class _FirstTag(HTMLParser):
    """The first start tag of some HTML: (tag, {attribute: value})."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = None

    def handle_starttag(self, tag, attrs):
        if self.found is None:
            self.found = (tag, {name: value or "" for name, value in attrs})


class TemplateLoader(jinja2.BaseLoader):
    """Jinja's loader of the article's widget templates, which the builder names
    TEMPLATE_PREFIX + the file's path (builder/page.py puts it after the built-in templates).
    A template edited since it was compiled is read again, as Jinja's own file loader does."""

    def get_source(self, environment, template):
        path = Path(template.removeprefix(TEMPLATE_PREFIX))
        if not template.startswith(TEMPLATE_PREFIX) or path.name != "template.html" \
                or not path.is_file():
            raise jinja2.TemplateNotFound(template)
        stat = path.stat()
        was = (stat.st_mtime_ns, stat.st_size)

        def unchanged():
            try:
                now = path.stat()
            except OSError:
                return False
            return (now.st_mtime_ns, now.st_size) == was

        return path.read_text(encoding="utf-8"), str(path), unchanged


def zip_entries(widgets):
    """[(path in the zip, bytes)] of ``article_widgets`` for the browser: each widget's Python
    files, as the same modules the build imported."""
    if not widgets:
        return []
    entries = [(f"{PACKAGE}/__init__.py",
                b'"""The article\'s own widgets, shipped beside backprop by the builder."""\n')]
    for widget in sorted(widgets, key=lambda w: w.name):
        entries.append((f"{PACKAGE}/{widget.stem}/__init__.py", b""))
        entries += [(f"{PACKAGE}/{widget.stem}/{path.name}", path.read_bytes())
                    for path in widget.python_files() if path.name != "__init__.py"]
    return entries


def static_files(widgets):
    """[(path under the assets folder, source file)]: each widget's script and stylesheet, where
    the built-in widgets' are (js/widgets/NAME.js, css/widgets/NAME.css)."""
    files = []
    for widget in sorted(widgets, key=lambda w: w.name):
        files.append((f"js/widgets/{widget.name}.js", widget.script))
        if widget.style:
            files.append((f"css/widgets/{widget.name}.css", widget.style))
    return files


class _ArticleWidgetsFinder(importlib.abc.MetaPathFinder):
    """Finds ``article_widgets``, one subpackage per widget folder, and the Python files in it;
    nothing else."""

    def __init__(self, widgets):
        self.folders = {f"{PACKAGE}.{w.stem}": w.folder for w in widgets}

    def find_spec(self, fullname, path=None, target=None):
        if fullname == PACKAGE or fullname in self.folders:
            spec = importlib.machinery.ModuleSpec(fullname, _EmptyPackage(), is_package=True)
            if fullname in self.folders:
                spec.submodule_search_locations.append(str(self.folders[fullname]))
            return spec
        package, _, leaf = fullname.rpartition(".")
        source = self.folders[package] / f"{leaf}.py" if package in self.folders else None
        if source is None or not source.is_file():
            return None
        loader = _FreshSourceLoader(fullname, str(source))
        return importlib.util.spec_from_file_location(fullname, source, loader=loader)


class _EmptyPackage(importlib.abc.Loader):
    """``article_widgets`` and its subpackages: empty, as the browser's generated __init__.py."""

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        pass


class _FreshSourceLoader(importlib.machinery.SourceFileLoader):
    """Compiles the source every time and writes no __pycache__ into the author's folder: a
    cached copy is judged by its file time in whole seconds, which two quick saves can share."""

    def get_code(self, fullname):
        return compile(self.get_data(self.path), self.path, "exec", dont_inherit=True)
