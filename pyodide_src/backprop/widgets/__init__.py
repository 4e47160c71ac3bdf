"""What each widget asks of the core, as JSON-ready dicts: numbers and the text shown for them.

Formatting lives here, not in JavaScript, so the static first state (built by CPython) and every
live update (computed by Pyodide) print numbers the same way.
"""


def signed(value, places):
    """Fixed decimals with a true minus sign and no '-0.00'."""
    text = f"{value:.{places}f}"
    if float(text) == 0:
        text = text.lstrip("-")
    return text.replace("-", "\u2212")
