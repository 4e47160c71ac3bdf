"""Embed pages: every widget alone on ``embed/<name>.html``, for an instructor's iframe.

The page is the widget with its pre-rendered first state and the same scripts as the article;
options in the address (``?x=50``) set the widget's controls of the same name, and the page tells
its parent how tall it is (see static/js/embed.js).
"""

from builder.assets import STATIC_DIR
from builder.widgets import known_widgets, widget_title


def write_embed_pages(staging, env, widgets, page_context):
    """Write embed/<name>.html for every known widget; returns their names."""
    folder = staging / "embed"
    folder.mkdir()
    names = known_widgets()
    for name in names:
        html = env.get_template("embed.html").render(
            name=name, title=widget_title(name), widget_html=widgets(name, {}), **page_context)
        (folder / f"{name}.html").write_text(html, encoding="utf-8")
    # A stable address for host pages, unlike the hashed assets folder.
    (folder / "host.js").write_bytes((STATIC_DIR / "js" / "embed-host.js").read_bytes())
    return names
