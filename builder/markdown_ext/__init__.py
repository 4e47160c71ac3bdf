"""Our Python-Markdown extensions, each one module with one registered processor.

Preprocessors run on the raw source, so they still know line numbers for error messages; what
they produce goes into Markdown's HTML stash and comes back out untouched.
"""
