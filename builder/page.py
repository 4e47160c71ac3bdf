"""Jinja2 templates: one environment for the article page and the widget fragments."""

import importlib
import json

import jinja2
from markupsafe import Markup

from builder import PACKAGE_DIR, fonts
from builder.article_widgets import TemplateLoader
from builder.embed_heights import snippet_heights
from builder.labels import labels_with
from builder.link_preview import link_preview
from builder.widgets import scale, signed_text


class LinkedFiles:
    """How a page of the site names the files it loads: by their addresses. The templates name
    every file through ``files``; the single file renders them with its own ``files``
    (builder/single_file.py's InlineFiles), which writes each file's content into the page."""

    inline = False

    def stylesheet(self, href):
        return Markup('<link rel="stylesheet" href="{}">').format(href)

    def script(self, src, defer=False):
        return Markup('<script src="{}"{}></script>').format(src, Markup(" defer") if defer else "")

    def module(self, src):
        return Markup('<script type="module" src="{}"></script>').format(src)

    def preload(self, href, kind):
        """Start fetching a file the head names further down (``kind``: "script", "style"), as
        its own tag will fetch it, so that the tag finds it on its way or in the cache."""
        return Markup('<link rel="preload" href="{}" as="{}">').format(href, kind)

    def font_preload(self, href):
        """Fetch a font with the page rather than once the stylesheet asks for it. A font's
        preload is always CORS-mode (crossorigin), as the font's own request will be."""
        return Markup('<link rel="preload" href="{}" as="font" type="font/woff2" crossorigin>').format(href)


def make_environment(katex):
    env = jinja2.Environment(
        # The built-in templates, then an article's own widgets' (builder/article_widgets.py).
        loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(PACKAGE_DIR / "templates"),
                                    TemplateLoader()]),
        autoescape=True,  # every value is escaped unless a filter below vouches for it
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["tex"] = lambda tex: Markup(katex.render(tex))
    env.filters["display_tex"] = lambda tex: Markup(katex.render(tex, display=True))
    env.filters["fmt"] = signed_text
    # JSON inside <script type="application/json"> must not be able to close the element.
    env.filters["script_json"] = lambda value: Markup(
        json.dumps(value, sort_keys=True, allow_nan=False).replace("<", "\\u003c"))
    env.globals["Scale"] = scale
    # The masthead's picture (article.html), from the backprop imported now (see use_labels).
    env.globals["header_figure"] = lambda: importlib.import_module("backprop.views.header").header_figure()
    env.globals["link_preview"] = link_preview  # every page's Open Graph tags (_page_head.html)
    env.globals["snippet_heights"] = snippet_heights  # for "Copy embed code" (article.html)
    env.globals["text_face"] = {"package": fonts.PACKAGE, "stylesheet": fonts.STYLESHEET,
                                "regular": fonts.REGULAR}
    env.globals["files"] = LinkedFiles()  # a page's context may bring its own
    # The interface's words (builder/labels/); each build sets its article's (use_labels).
    env.globals["labels"] = labels_with()
    return env


def use_labels(env, config):
    """Render with the article's labels: the environment is shared by every build of a process.

    The table is changed in place, never replaced: Jinja caches a macro file imported without
    context ({% import "_surface_macros.html" as m %}) together with the globals of its first
    render, so a new table would leave the last article's words in those macros."""
    table = env.globals["labels"]
    table.clear()
    table.update(config.labels)
    # backprop's sentences (backprop.wording): the widgets' first pictures, rendered now, and
    # backprop.zip, which carries the same words to the reader's Python.
    # Looked up now: serve drops and re-imports backprop before each rebuild (forget_backprop),
    # and the widgets then speak through the new module, not the one imported with this file.
    importlib.import_module("backprop.wording").use(config.labels.python_words())
