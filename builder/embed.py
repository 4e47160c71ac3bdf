"""Embed pages: every widget alone on ``embed/<name>.html``, for an instructor's iframe.

The page is the widget with its pre-rendered first state and the same scripts as the article.
A widget the article places with options gets a page of its own with those options too
(``embed/<name>-<hash>.html``), which its "Copy embed code" names;
options in the address (``?x=50``) set the widget's settings of the same name, read with the
widget's settings table written into the page, and the page tells its parent how tall it is (see
static/js/embed.js).
"""

from builder.assets import STATIC_DIR
from builder.widgets import BUILT_IN, WidgetRenderer, widget_title


def write_embed_pages(staging, env, page_context, placed=None, catalogue=BUILT_IN):
    """Write embed/<name>.html for every widget of ``catalogue`` (the built-in ones and the
    article's own) at its defaults, and one page for each ``placed`` widget the article set
    options on ({embed page: (name, options)}, from the article's WidgetRenderer); returns the
    pages written, relative to the site."""
    folder = staging / "embed"
    folder.mkdir()
    pages = {f"embed/{name}.html": (name, {}) for name in catalogue.names()}
    pages.update(placed or {})
    for page, (name, options) in sorted(pages.items()):
        widget_html = WidgetRenderer(env, catalogue)(name, options)
        html = env.get_template("embed.html").render(
            name=name, title=widget_title(name), widget_html=widget_html, page=page,
            # Math is KaTeX's HTML, made at build time: a figure without it needs no KaTeX CSS
            # (22 KB, and rules every frame of a course page would match against its figure).
            math='class="katex' in widget_html,
            # The settings table's rows the address may set, for static/js/embed.js.
            address_settings=catalogue.address_settings(
                name, catalogue.parse_options(name, options)),
            **page_context)  # a renderer per page: each page is a page of its own
        (staging / page).write_text(html, encoding="utf-8")
    # A stable address for host pages, unlike the hashed assets folder.
    (folder / "host.js").write_bytes((STATIC_DIR / "js" / "embed-host.js").read_bytes())
    return sorted(pages)
