"""The widgets an author can place with ``::: widget NAME key=value``.

A widget is found by its name alone, with nothing to register (docs/widgets.md has the contract):
- ``pyodide_src/backprop/widgets/<name>.py`` (or a package): its Python. ``SETTINGS`` declares the
  options the directive accepts, once (backprop.settings); ``OPS["initial"]`` computes the first
  state from them.
- ``builder/templates/widgets/<name>.html``: the figure, pre-rendered from that state.
- ``builder/static/js/widgets/<name>.js``: ``mount(root, python)``, which brings it alive.
At build time CPython runs the same Python that Pyodide runs in the browser.
"""

import hashlib
import importlib
import itertools
import json
import sys

from builder import PACKAGE_DIR


def _api():
    """backprop.api, imported afresh after ``forget_backprop`` (serve reloads edited Python)."""
    return importlib.import_module("backprop.api")


def forget_backprop():
    """Drop the imported backprop modules, so the next build pre-renders with the edited code."""
    for name in [n for n in sys.modules if n == "backprop" or n.startswith("backprop.")]:
        del sys.modules[name]


def _views(name):
    """backprop.views.<name>, looked up at each use, so templates follow ``forget_backprop``."""
    return importlib.import_module(f"backprop.views.{name}")


def scale(domain, range_):
    """The templates' ``Scale(domain, range)``: backprop.views.axes.Scale, a linear scale."""
    return _views("axes").Scale(domain, range_)


def signed_text(value, places=2):
    """The templates' ``fmt`` filter: a tick label or coordinate as the widgets print numbers
    (backprop.views.numbers.signed: a true minus sign, no '−0')."""
    return _views("numbers").signed(value, places)

TEMPLATES = PACKAGE_DIR / "templates" / "widgets"
SCRIPTS = PACKAGE_DIR / "static" / "js" / "widgets"


def known_widgets():
    # Templates starting with "_" hold macros shared by several widgets.
    return sorted(p.stem.replace("_", "-") for p in TEMPLATES.glob("*.html")
                  if not p.name.startswith("_"))


def widget_title(name):
    """'chain-rule' -> 'Chain rule': the embed page's title."""
    return name.replace("-", " ").capitalize()


def widget_settings(name):
    """The settings table (backprop.settings.Settings) of widget ``name``, once its files are
    known to be there."""
    module = _api().widget_module(name)
    if module is None or not (TEMPLATES / f"{name.replace('-', '_')}.html").is_file():
        raise ValueError(f"unknown widget '{name}' (known widgets: {', '.join(known_widgets())})")
    if not (SCRIPTS / f"{name}.js").is_file():
        raise ValueError(f"widget '{name}' has no script {name}.js in {SCRIPTS}")
    if not hasattr(module, "SETTINGS"):
        raise ValueError(f"widget '{name}' declares no SETTINGS beside its OPS (see docs/widgets.md)")
    return module.SETTINGS


def widget_options(name):
    """{option: default}, in the order of the widget's settings table."""
    return widget_settings(name).defaults()


def parse_options(name, given):
    """The directive's options ({option: text}) read and checked by the widget's settings
    table, with every option not given at its default; ValueError names the one refused."""
    table = widget_settings(name)
    parsed = table.defaults()
    for key, text in given.items():
        if key not in table:
            known = ", ".join(s.name for s in table) or "none"
            raise ValueError(f"widget '{name}' has no option '{key}' (options: {known})")
        try:
            parsed[key] = table[key].from_text(text)
        except ValueError as err:
            raise ValueError(f"widget '{name}': {err}") from None
    return parsed


def address_settings(name, options):
    """The settings of widget ``name`` that its embed page reads from the address, with the menus
    of ``options`` (parsed): JSON for static/js/embed.js."""
    return widget_settings(name).address_json(options)


def embed_page(name, options):
    """The embed page showing widget ``name`` with ``options`` (parsed), relative to the site:
    ``embed/<name>.html`` at the defaults, else a page of its own named after the options that
    differ, so an article's widget embeds exactly as the article places it."""
    changed = sorted((k, v) for k, v in options.items() if v != widget_options(name)[k])
    if not changed:
        return f"embed/{name}.html"
    digest = hashlib.sha256(json.dumps(changed).encode()).hexdigest()[:8]
    return f"embed/{name}-{digest}.html"


class WidgetRenderer:
    """Renders directives to HTML; gives every instance a unique id prefix (no global ids)."""

    def __init__(self, jinja_env):
        self.env = jinja_env
        self.counter = itertools.count(1)
        self.used = []  # names of widgets placed, in order
        self.embeds = {}  # embed page -> (name, options given) for placements off the defaults
        self.address_keys = set()  # the parts of the page address that widgets keep settings in

    def __call__(self, name, given_options):
        options = parse_options(name, given_options)
        state = _api().call(f"{name}.initial", options)
        key = state.get("address_key") if isinstance(state, dict) else None
        if key is not None:
            if key in self.address_keys:  # two tools would overwrite each other's settings
                raise ValueError(f"another widget on this page already keeps its settings in the "
                                 f"address as '#{key}=…': give this one its own address_key")
            self.address_keys.add(key)
        self.used.append(name)
        embed = embed_page(name, options)
        if embed != f"embed/{name}.html":
            self.embeds[embed] = (name, dict(given_options))
        uid = f"widget_{next(self.counter)}"  # "_" never appears in a heading slug
        template = f"widgets/{name.replace('-', '_')}.html"
        return self.env.get_template(template).render(
            uid=uid, name=name, options=options, state=state, embed=embed).strip()
