"""The one door between a page and the numerical core: ``call(op, args)``.

An op is ``"<widget>.<verb>"``. The browser's worker calls ``call_json`` with JSON text and gets
JSON text back, so no Python object ever crosses into JavaScript; the builder calls ``call``
directly to pre-render each widget's first state with the very same functions.
"""

import json

from backprop.widgets import manual_tuning

_WIDGET_MODULES = {
    "manual-tuning": manual_tuning,
}


def call(op, args):
    widget, _, verb = op.rpartition(".")
    module = _WIDGET_MODULES.get(widget)
    function = getattr(module, "OPS", {}).get(verb) if module else None
    if function is None:
        raise KeyError(f"unknown op {op!r}")
    return function(**args)


def call_json(op, args_json):
    return json.dumps(call(op, json.loads(args_json)), allow_nan=False)
