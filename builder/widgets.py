"""The widgets an author can place with ``::: widget NAME``: their options and first state.

A widget is a template fragment (``templates/widgets/<name>.html``), a script
(``static/js/widgets/<name>.js``) and Python functions in ``backprop.widgets``. At build time the
same Python runs under CPython to compute the state the reader sees before Pyodide is ready.
"""

import itertools
import sys
from dataclasses import dataclass, field

from builder import PYODIDE_SRC

if str(PYODIDE_SRC) not in sys.path:
    sys.path.insert(0, str(PYODIDE_SRC))

from backprop import api  # noqa: E402  (needs the path above)


@dataclass(frozen=True)
class WidgetSpec:
    name: str
    summary: str  # one sentence, for the README and `--help`
    options: dict = field(default_factory=dict)  # option -> (converter, default, sentence)

    @property
    def template(self):
        return f"widgets/{self.name.replace('-', '_')}.html"

    def parse_options(self, given):
        unknown = set(given) - set(self.options)
        if unknown:
            known = ", ".join(sorted(self.options)) or "none"
            raise ValueError(f"widget '{self.name}' has no option '{sorted(unknown)[0]}' "
                             f"(options: {known})")
        parsed = {}
        for key, (convert, default, _doc) in self.options.items():
            try:
                parsed[key] = convert(given[key]) if key in given else default
            except ValueError:
                raise ValueError(f"option {key}={given[key]!r} of widget '{self.name}' "
                                 f"is not a valid {convert.__name__}") from None
        return parsed


WIDGETS = {spec.name: spec for spec in [
    WidgetSpec("manual-tuning", "Tune one neuron's weight and bias by hand and watch the loss."),
]}


class WidgetRenderer:
    """Renders directives to HTML; gives every instance a unique id prefix (no global ids)."""

    def __init__(self, jinja_env):
        self.env = jinja_env
        self.counter = itertools.count(1)
        self.used = []  # names of widgets placed, in order

    def __call__(self, name, given_options):
        spec = WIDGETS.get(name)
        if spec is None:
            raise ValueError(f"unknown widget '{name}' (known widgets: {', '.join(sorted(WIDGETS))})")
        options = spec.parse_options(given_options)
        state = api.call(f"{name}.initial", options)
        self.used.append(name)
        uid = f"w{next(self.counter)}"
        return self.env.get_template(spec.template).render(
            uid=uid, name=name, options=options, state=state).strip()
