"""Jinja2 templates: one environment for the article page and the widget fragments."""

import json

import jinja2
from markupsafe import Markup

from builder import PACKAGE_DIR
from builder.widgets import scale, signed_text


def make_environment(katex):
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(PACKAGE_DIR / "templates"),
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
    return env
