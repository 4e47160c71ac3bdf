"""backprop: the numerical core of the article.

Plain standard-library Python so that the same code runs in CPython at build time (to pre-render
every widget's first state) and in Pyodide in the reader's browser (for every live number).
Nothing numeric is computed in JavaScript.
"""
