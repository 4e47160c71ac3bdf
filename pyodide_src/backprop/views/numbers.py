"""Numbers as the page prints them: a true minus sign (−), never '−0', superscript exponents."""

import math

from backprop.wording import say

_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def signed(value, places):
    """Fixed decimals with a true minus sign and no '-0.00'."""
    text = f"{value:.{places}f}"
    if float(text) == 0:
        text = text.lstrip("-")
    return text.replace("-", "\u2212")


def superscript(exponent):
    """-5 → '⁻⁵': an exponent written after '10'."""
    return str(exponent).translate(_SUPERSCRIPT)


def power_of_ten(exponent, written_out=(-3, 3)):
    """10^exponent as a tick label: 0.01, 1, 100 while the exponent lies in ``written_out``,
    else 10⁻⁵."""
    lowest, highest = written_out
    if lowest <= exponent <= highest:
        return f"{10.0 ** exponent:.{max(0, -exponent)}f}"
    return "10" + superscript(exponent)


def short(value, digits=4):
    """A number with `digits` significant digits, 1.234 × 10⁻⁵ style when tiny or huge."""
    if value == 0 or not math.isfinite(value):
        return "0" if value == 0 else say("not_a_number")
    exponent = math.floor(math.log10(abs(value)))
    if -4 <= exponent < 5:
        return signed(value, max(0, digits - 1 - exponent))
    mantissa = value / 10 ** exponent
    return f"{signed(mantissa, digits - 1)} × 10{superscript(exponent)}"


def grouped(value):
    """A large number as a whole number with thousands separators: 12,345."""
    return f"{value:,.0f}"


def in_parens(text):
    """'−1.86' → '(−1.86)', so that 'ŷ − (−1.86)' reads right; other numbers as they are."""
    return f"({text})" if text.startswith("\u2212") else text


def loss_text(loss, places, *, digits=0, large_from=1e5, large=short, undefined=None):
    """A loss (≥ 0) as printed: ``places`` decimals, or more for a tiny loss so that ``digits``
    significant digits show (0.00000097); from ``large_from`` up, ``large(loss)``; a loss that is
    None or not finite (a run that diverged) is the text ``undefined``."""
    if loss is None or not math.isfinite(loss):
        return say("not_a_number") if undefined is None else undefined
    if loss >= large_from:
        return large(loss)
    if digits:
        if loss == 0:
            return "0"
        places = max(places, digits - 1 - math.floor(math.log10(loss)))
    return f"{loss:.{places}f}"
