"""The one door between a page and the numerical core: ``call(op, args)``.

An op is ``"<widget>.<verb>"``: widget ``chain-rule`` lives in ``backprop/widgets/chain_rule.py``
and lists its verbs in ``OPS``. The browser's worker calls ``call_json`` with JSON text and gets
JSON text back, so no Python object ever crosses into JavaScript; the builder calls ``call``
directly to pre-render each widget's first state with the very same functions.

An article's own widgets (its ``widgets/`` folder, builder/article_widgets.py) come beside this
package as the package ``article_widgets``, one subpackage per widget with its Python in
``widget.py``: a name that is not one of ours is looked up there.
"""

import importlib
import json
import re

from backprop.sessions import client_session

ARTICLE_WIDGETS = "article_widgets"


def widget_module(name):
    """The module behind widget ``name``, or None when there is no such widget."""
    if not re.fullmatch(r"[a-z][a-z0-9-]*", name):
        return None
    stem = name.replace("-", "_")
    for module in (f"backprop.widgets.{stem}", f"{ARTICLE_WIDGETS}.{stem}.widget"):
        try:
            return importlib.import_module(module)
        except ModuleNotFoundError as err:
            # Only the widget itself missing means "no such widget here": a module it imports
            # that is missing is its own error, and must say so.
            if err.name is None or not (module == err.name or module.startswith(err.name + ".")):
                raise
    return None


def call(op, args, client=""):
    """Answer ``op`` with ``args``, for the page ``client`` when one Python serves several (its
    ``session`` is then its own: two pages of the same widget send the same name)."""
    widget, _, verb = op.rpartition(".")
    module = widget_module(widget)
    function = getattr(module, "OPS", {}).get(verb) if module else None
    if function is None:
        raise KeyError(f"unknown op {op!r}")
    if client and "session" in args:
        args = {**args, "session": client_session(client, args["session"])}
    return function(**args)


def call_json(op, args_json, client=""):
    return json.dumps(call(op, json.loads(args_json), client), allow_nan=False)
