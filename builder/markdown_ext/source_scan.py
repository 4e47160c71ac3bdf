"""Helpers shared by the preprocessors: where code is (never rewritten) and which line an offset is on."""

import re

# Fenced code blocks and inline code spans are left exactly as written.
_FENCE = re.compile(r"^[ ]{0,3}(?P<mark>```+|~~~+)[^\n]*\n.*?^[ ]{0,3}(?P=mark)[ \t]*$", re.M | re.S)
_CODE_SPAN = re.compile(r"(?<!`)(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)", re.S)


def code_ranges(text):
    """Sorted (start, end) offsets of fenced blocks and code spans in ``text``."""
    ranges = [m.span() for m in _FENCE.finditer(text)]

    def outside_fences(pos):
        return not any(start <= pos < end for start, end in ranges)

    spans = [m.span() for m in _CODE_SPAN.finditer(text) if outside_fences(m.start())]
    return sorted(ranges + spans)


def in_ranges(pos, ranges):
    return any(start <= pos < end for start, end in ranges)


def line_at(text, offset, first_line=1):
    return text.count("\n", 0, offset) + first_line
