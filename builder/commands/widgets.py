"""``widgets``: lists every widget the article can place, built-in and its own, with each option's
type, default, allowed values and whether it travels in the page address
(builder/widget_list.py)."""

from builder.widget_list import describe_widgets


def run(args):
    print(describe_widgets(args.config), end="")
    return 0
