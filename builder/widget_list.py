"""What ``python -m builder widgets`` prints: every widget an article can place, built-in and its
own, each with its options read from its settings table (backprop/settings.py): type, default,
the values allowed, whether a reader's value travels in the page address, and what it sets."""

import importlib
import textwrap

from builder.config import load_config
from builder.widgets import Catalogue

KINDS = {bool: "true/false", int: "whole number", float: "number", str: "text",
         list: "list of whole numbers"}
COLUMNS = ("option", "type", "default", "allowed", "address", "what it sets")


def describe_widgets(config_path):
    """The listing, as text, for the article of ``config_path`` (its own widgets are imported
    and checked as a build does: a BuildError names the file and line at fault)."""
    config = load_config(config_path)
    catalogue = Catalogue.for_article(config)
    blocks = [f"Widgets the article {config.title!r} can place with '::: widget NAME key=value' "
              f"({len(catalogue.names())}: {len(catalogue.own)} of its own):"]
    built_in = [name for name in catalogue.names() if name not in catalogue.own]
    for name in built_in + sorted(catalogue.own):  # the article's own last, where they stand out
        blocks.append(describe_widget(catalogue, name, config))
    return "\n\n".join(blocks) + "\n"


def describe_widget(catalogue, name, config):
    """One widget: its name, where it comes from, its docstring's first line, its options."""
    own = catalogue.own.get(name)
    origin = (f"this article's own, {own.folder.relative_to(config.content_dir).as_posix()}/"
              if own else "built-in")
    lines = [f"{name}  ({origin})"]
    summary = _summary(importlib.import_module("backprop.api").widget_module(name))
    lines += textwrap.wrap(summary, width=98, initial_indent="  ", subsequent_indent="  ")
    rows = [option_row(setting) for setting in catalogue.settings(name)]
    if not rows:
        lines.append("  no options")
        return "\n".join(lines)
    widths = [max(len(row[i]) for row in [COLUMNS, *rows]) for i in range(len(COLUMNS))]
    for row in [COLUMNS, *rows]:
        cells = [cell.ljust(width) for cell, width in zip(row, widths)]
        lines.append(("  " + "  ".join(cells)).rstrip())
    return "\n".join(lines)


def option_row(setting):
    """(option, type, default, allowed, address, what it sets) of one settings row."""
    default = setting.initial()
    if setting.kind is bool:
        default_text = "true" if default else "false"
    elif setting.kind is str:
        default_text = f'"{default}"'
    else:
        default_text = setting.text(default)
    allowed = setting.allowed()
    if setting.choices and setting.any_value:
        allowed += " (the menu: " + ", ".join(f"{c:g}" if isinstance(c, float) else str(c)
                                              for c in setting.choices) + ", and any other)"
    if setting.step is not None:
        allowed += f", step {setting.step:g}"
    if setting.old_names:
        allowed += f" (old names: {', '.join(setting.old_names)})"
    return (setting.name, KINDS[setting.kind], default_text, allowed,
            "yes" if setting.address else "no", setting.about)


def _summary(module):
    """The first paragraph of a widget module's docstring, on one line: what the widget shows."""
    doc = (getattr(module, "__doc__", None) or "").strip()
    summary = " ".join(doc.split("\n\n")[0].split())
    # A paragraph that leads into a formula ends on a comma: say that more follows.
    return summary if not summary or summary.endswith((".", "!", "?", ")")) else summary + " …"
