"""The widgets an author can place with ``::: widget NAME key=value``.

A widget is found by its name alone, with nothing to register (docs/widgets.md has the contract):
- ``pyodide_src/backprop/widgets/<name>.py`` (or a package): its Python. ``SETTINGS`` declares the
  options the directive accepts, once (backprop.settings); ``OPS["initial"]`` computes the first
  state from them.
- ``builder/templates/widgets/<name>.html``: the figure, pre-rendered from that state.
- ``builder/static/js/widgets/<name>.js``: ``mount(root, python)``, which brings it alive.
At build time CPython runs the same Python that Pyodide runs in the browser. An article's own
widgets (its ``widgets/`` folder, builder/article_widgets.py) keep the same contract; a
``Catalogue`` holds both kinds, and everything that reads a widget by name reads it there.
"""

import hashlib
import importlib
import itertools
import json
import sys

from builder import PACKAGE_DIR, article_widgets


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
    """The built-in widgets' names. Templates starting with "_" hold macros shared by several."""
    return sorted(p.stem.replace("_", "-") for p in TEMPLATES.glob("*.html")
                  if not p.name.startswith("_"))


def widget_title(name):
    """'chain-rule' -> 'Chain rule': the embed page's title."""
    return name.replace("-", " ").capitalize()


def widget_settings(name, known=None):
    """The settings table (backprop.settings.Settings) of built-in widget ``name``, once its
    files are known to be there; ``known`` are the names an unknown one is told about."""
    module = _api().widget_module(name)
    if module is None or not (TEMPLATES / f"{name.replace('-', '_')}.html").is_file():
        known = known_widgets() if known is None else known
        raise ValueError(f"unknown widget '{name}' (known widgets: {', '.join(known)})")
    if not (SCRIPTS / f"{name}.js").is_file():
        raise ValueError(f"widget '{name}' has no script {name}.js in {SCRIPTS}")
    if not hasattr(module, "SETTINGS"):
        raise ValueError(f"widget '{name}' declares no SETTINGS beside its OPS (see docs/widgets.md)")
    return module.SETTINGS


class Catalogue:
    """Every widget an article can place, by name: the built-in ones and the article's own
    (builder/article_widgets.py), each read the same way. ``Catalogue()`` is the built-in ones."""

    def __init__(self, own=None, own_settings=None):
        self.own = dict(own or {})  # name -> article_widgets.ArticleWidget, imported
        self._own_settings = dict(own_settings or {})  # name -> its SETTINGS

    @classmethod
    def for_article(cls, config):
        """The widgets the article of ``config`` (builder.config) can place: its own found,
        imported afresh and checked (a BuildError names the file and line at fault)."""
        own = article_widgets.find_article_widgets(config, set(known_widgets()))
        article_widgets.install(own)
        settings_type = importlib.import_module("backprop.settings").Settings
        return cls(own, {name: article_widgets.load(widget, settings_type)
                         for name, widget in own.items()})

    def names(self):
        return sorted([*known_widgets(), *self.own])

    def settings(self, name):
        if name in self.own:
            return self._own_settings[name]
        return widget_settings(name, known=self.names())

    def options(self, name):
        """{option: default}, in the order of the widget's settings table."""
        return self.settings(name).defaults()

    def parse_options(self, name, given):
        """The directive's options ({option: text}) read and checked by the widget's settings
        table, with every option not given at its default; ValueError names the one refused."""
        table = self.settings(name)
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

    def address_settings(self, name, options):
        """The settings of widget ``name`` that its embed page reads from the address, with the
        menus of ``options`` (parsed): JSON for static/js/embed.js."""
        return self.settings(name).address_json(options)

    def embed_page(self, name, options):
        """The embed page showing widget ``name`` with ``options`` (parsed), relative to the
        site: ``embed/<name>.html`` at the defaults, else a page of its own named after the
        options that differ, so an article's widget embeds exactly as the article places it."""
        defaults = self.options(name)
        changed = sorted((k, v) for k, v in options.items() if v != defaults[k])
        if not changed:
            return f"embed/{name}.html"
        digest = hashlib.sha256(json.dumps(changed).encode()).hexdigest()[:8]
        return f"embed/{name}-{digest}.html"

    def initial(self, name, options):
        """The widget's first state: its Python's ``initial(**options)``."""
        if name not in self.own:
            return _api().call(f"{name}.initial", options)
        try:
            return _api().call(f"{name}.initial", options)
        except Exception as err:  # the author's code: said at its own line
            given = ", ".join(f"{k}={v!r}" for k, v in options.items())
            raise self.own[name].located(err, f"initial({given}) raised") from None

    def render(self, env, context):
        """The widget's figure: its template rendered with ``context`` (uid, name, options,
        state, embed)."""
        name = context["name"]
        if name in self.own:
            return article_widgets.render(env, self.own[name], context)
        return env.get_template(f"widgets/{name.replace('-', '_')}.html").render(**context)


BUILT_IN = Catalogue()


def widget_options(name):
    """{option: default} of a built-in widget, in the order of its settings table."""
    return BUILT_IN.options(name)


def parse_options(name, given):
    """Catalogue.parse_options for a built-in widget."""
    return BUILT_IN.parse_options(name, given)


def address_settings(name, options):
    """Catalogue.address_settings for a built-in widget."""
    return BUILT_IN.address_settings(name, options)


def embed_page(name, options):
    """Catalogue.embed_page for a built-in widget."""
    return BUILT_IN.embed_page(name, options)


class WidgetRenderer:
    """Renders directives to HTML; gives every instance a unique id prefix (no global ids).
    ``catalogue`` holds the widgets the article may place (by default the built-in ones)."""

    def __init__(self, jinja_env, catalogue=None):
        self.env = jinja_env
        self.catalogue = catalogue or BUILT_IN
        self.counter = itertools.count(1)
        self.used = []  # names of widgets placed, in order
        self.embeds = {}  # embed page -> (name, options given) for placements off the defaults
        self.address_keys = set()  # the parts of the page address that widgets keep settings in

    def __call__(self, name, given_options):
        options = self.catalogue.parse_options(name, given_options)
        state = self.catalogue.initial(name, options)
        key = state.get("address_key") if isinstance(state, dict) else None
        if key is not None:
            if key in self.address_keys:  # two tools would overwrite each other's settings
                raise ValueError(f"another widget on this page already keeps its settings in the "
                                 f"address as '#{key}=…': give this one its own address_key")
            self.address_keys.add(key)
        self.used.append(name)
        embed = self.catalogue.embed_page(name, options)
        if embed != f"embed/{name}.html":
            self.embeds[embed] = (name, dict(given_options))
        uid = f"widget_{next(self.counter)}"  # "_" never appears in a heading slug
        context = dict(uid=uid, name=name, options=options, state=state, embed=embed)
        return self.catalogue.render(self.env, context).strip()
