"""A widget's settings, each declared once (after TensorFlow Playground's state table, state.ts).

A widget lists what it can be set to in ``SETTINGS = Settings(Setting(...), ...)`` beside its
``OPS``: name, type (its default's), default, the values allowed, and whether a reader's value
travels in the page address. That one table is read by

- the widget directive: ``::: widget NAME key=value`` accepts exactly these names and reads each
  value with ``Setting.from_text`` (builder/widgets.py names the file and line of a refusal);
- ``initial``, the widget's first state: ``@SETTINGS.checked_options`` fills in the defaults and
  checks every option, so a caller cannot get past the table either;
- the page address: the embed page's ``?name=value`` (static/js/embed.js, which reads
  ``address_json`` from the page) and the network tool's ``#tool=…`` part
  (widgets/network_tool/settings.py), both of which still read the names an address once used
  (``old_names``) and write only the current one;
- the controls: the menus, ranges and steps a template draws come from the same rows (``menu``,
  ``low``, ``high``, ``step``), through the state ``initial`` returns.

One setting has one name everywhere: the directive's option, the address's key, the control's
``data-role`` and the Python argument.
"""

import functools
import math
from dataclasses import dataclass

_TRUE, _FALSE = ("true", "yes", "1"), ("false", "no", "0")


@dataclass(frozen=True)
class Setting:
    """One row of a settings table. Its type is its default's: bool, int, float, str, or a list
    of whole numbers, which ``parse`` reads from text and ``write`` turns back into text."""

    name: str
    default: object
    about: str  # what it sets, in a few words (the docs' table)
    choices: tuple = ()  # the values offered; any other is refused, unless any_value
    any_value: bool = False  # a value outside choices is allowed too (and added to the menu)
    low: float | None = None  # the smallest value allowed (each item's, for a list)
    high: float | None = None  # the largest
    above: float | None = None  # a value must be larger than this (a learning rate > 0)
    longest: int | None = None  # a list's most items
    step: float | None = None  # a slider's or number field's step: the control's, not a check
    parse: object = None  # text -> list, for a list setting
    write: object = None  # list -> text, for a list setting in an address
    address: bool = False  # a reader's value travels in the page address
    old_names: tuple = ()  # names an address once used for it: still read, never written

    @property
    def kind(self):
        return type(self.default)

    def check(self, value):
        """``value`` from Python or from the page (JSON) as this setting's type, if allowed;
        ValueError saying what is allowed otherwise."""
        if self.kind is list and isinstance(value, str):
            value = self._parsed(value)
        typed = self._typed(value)
        if typed is None or not self._allowed(typed):
            raise ValueError(f"{self.name} must be {self.allowed()}, not {value!r}")
        return typed

    def from_text(self, text):
        """A value written as text (a directive option, a part of the address), checked."""
        text = text.strip()
        if self.kind is str:
            return self.check(text)
        if self.kind is list:
            return self.check(self._parsed(text))
        if self.kind is bool and text.lower() in _TRUE + _FALSE:
            return text.lower() in _TRUE
        try:
            return self.check(int(text) if self.kind is int else float(text))
        except ValueError:
            raise ValueError(f"{self.name} must be {self.allowed()}, not {text!r}") from None

    def text(self, value):
        """The value as an address writes it."""
        if self.kind is list:
            return self.write(value)
        return f"{value:g}" if self.kind is float else str(value)

    def menu(self, value=None):
        """The choices a menu offers, with ``value`` among them when any value is allowed."""
        if self.any_value and value is not None:
            return sorted({*self.choices, value})
        return list(self.choices)

    def initial(self):
        return list(self.default) if self.kind is list else self.default

    def allowed(self):
        """What this setting allows, in words: 'one of sin, cos, tanh', 'a whole number from 0
        to 100', 'a number above 0', 'at most 6 whole numbers from 1 to 8'."""
        if self.choices and not self.any_value:
            return "one of " + ", ".join(_plain(c) for c in self.choices)
        kind = {bool: "true or false", str: "text", int: "a whole number",
                float: "a number"}.get(self.kind)
        if self.kind is list:
            kind = f"at most {self.longest} whole numbers"
        if self.low is not None and self.high is not None:
            return f"{kind} from {_plain(self.low)} to {_plain(self.high)}"
        if self.low is not None:
            return f"{kind} from {_plain(self.low)} up"
        if self.high is not None:
            return f"{kind} up to {_plain(self.high)}"
        if self.above is not None:
            return f"{kind} above {_plain(self.above)}"
        return kind

    def as_json(self, value):
        """The row as the embed page's script reads an address with it (static/js/embed.js)."""
        kind = {bool: "bool", str: "text", int: "int", float: "float", list: "list"}[self.kind]
        row = {"name": self.name, "kind": kind, "old_names": list(self.old_names),
               "allowed": self.allowed()}
        if self.choices:  # an address may choose only what the page's menu offers
            row["choices"] = self.menu(value)
            row["allowed"] = "one of " + ", ".join(_plain(c) for c in row["choices"])
        for bound in ("low", "high", "above"):
            if getattr(self, bound) is not None:
                row[bound] = getattr(self, bound)
        return row

    def _parsed(self, text):
        try:
            return self.parse(text)
        except ValueError:
            raise ValueError(f"{self.name} must be {self.allowed()}, not {text!r}") from None

    def _typed(self, value):
        """value as this setting's type, or None when it is not one: a whole number must be
        whole, a number finite, and True is not 1."""
        if self.kind is list:
            if not isinstance(value, (list, tuple)):
                return None
            items = [_whole(v) for v in value]
            return None if None in items else items
        if self.kind is bool or self.kind is str:
            return value if type(value) is self.kind else None
        if self.kind is int:
            return _whole(value)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
            return float(value)
        return None

    def _allowed(self, value):
        if self.kind is list:
            return ((self.longest is None or len(value) <= self.longest)
                    and all(self._in_range(v) for v in value))
        if self.choices and not self.any_value and value not in self.choices:
            return False
        return self.kind in (bool, str) or self._in_range(value)

    def _in_range(self, number):
        return ((self.low is None or number >= self.low)
                and (self.high is None or number <= self.high)
                and (self.above is None or number > self.above))


def _whole(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and not value.is_integer():
        return None  # also infinities and NaN
    return int(value)


def _plain(value):
    return f"{value:g}" if isinstance(value, float) else str(value)


class Settings:
    """A widget's settings table: its rows, in the order the directive's docs list them."""

    def __init__(self, *settings):
        self.rows = {s.name: s for s in settings}

    def __iter__(self):
        return iter(self.rows.values())

    def __getitem__(self, name):
        return self.rows[name]

    def __contains__(self, name):
        return name in self.rows

    def defaults(self):
        return {s.name: s.initial() for s in self}

    def checked(self, values):
        """``values`` (from Python or the page) with each one checked and every missing one at
        its default; a name the table does not have is refused, so a misspelt one never passes
        unseen."""
        unknown = [name for name in values if name not in self.rows]
        if unknown:
            known = ", ".join(self.rows) or "none"
            raise ValueError(f"there is no setting {unknown[0]!r} (settings: {known})")
        return {s.name: s.check(values[s.name]) if s.name in values else s.initial() for s in self}

    def checked_options(self, function):
        """Decorates a widget's ``initial``: its keyword options are the table's, each checked,
        the missing ones at their defaults."""
        @functools.wraps(function)
        def with_checked_options(**options):
            return function(**self.checked(options))
        return with_checked_options

    def in_address(self, name):
        """The setting an address calls ``name``, by its name or a name it once had; else None."""
        for s in self:
            if s.address and (name == s.name or name in s.old_names):
                return s
        return None

    def address_json(self, values):
        """The rows an address may set, for the embed page (with the menus of ``values``)."""
        return [s.as_json(values[s.name]) for s in self if s.address]
