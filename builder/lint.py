"""Warnings: things that build but that a reader would trip over. ``--strict`` makes them errors.

- a glossary term no section ever marks (readers never reach it from the prose);
- a heading that skips a level (``##`` then ``####``), which breaks the outline screen-reader
  users navigate by;
- an image without alternative text.
"""

import re

from builder.errors import BuildError, line_of

_IMAGE_WITHOUT_ALT = re.compile(r'<img\b(?![^>]*\balt="[^"]+")[^>]*>')


def warnings_for(sections, glossary):
    """[BuildError, ...]: each a warning with its file and line."""
    found = []
    html = "".join(section.html for section in sections)
    if glossary:
        for entry in glossary.terms.values():
            if f'data-term="{entry.id}"' not in html:
                found.append(BuildError(glossary.path, entry.line,
                                        f"term '{entry.id}' is never marked in the prose"))
    previous = 1  # the article's title is the page's h1; sections continue one outline
    for section in sections:
        source = section.path.read_text(encoding="utf-8")
        for heading in section.headings:
            if heading.level > previous + 1:
                found.append(BuildError(section.path, heading.line or line_of(source, heading.text),
                                        f"heading '{heading.text}' (h{heading.level}) skips a "
                                        f"level after h{previous}"))
            previous = heading.level
        for image in _IMAGE_WITHOUT_ALT.findall(section.html):
            found.append(BuildError(section.path, None, f"image without alternative text: {image}"))
    return found
