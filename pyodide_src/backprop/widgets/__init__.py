"""The widgets an author can place with ``::: widget NAME``: one module (or package) per widget.

A widget's Python is its ``OPS`` (verbs the page calls through ``backprop.api``, ``initial`` among
them) and its ``SETTINGS`` (the options it takes, declared once: ``backprop.settings``). Anything
shared between widgets lives elsewhere: number formatting, axes and drawings in
``backprop.views``. See docs/widgets.md.
"""
