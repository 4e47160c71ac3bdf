"""``build`` checks what it has just written the way ``check`` does, before it replaces the previous
site: a build that passes is a site ``check`` passes (``build`` used to accept a footnote whose
back link led nowhere, which ``check`` then refused).

Most mistakes are caught earlier, with their own message, by the Markdown extensions. What is left
(an author's ``{#id}`` on a paragraph that a heading already uses, a link to ``#nowhere``, a link
to a file the site does not have) is reported at the line of the section that wrote it.
"""

import re

from builder.site_check import find_problems
from builder.errors import BuildError, read_source


def refuse_what_check_would(site, sources, fallback):
    """Raise a BuildError for the first problem ``check`` finds in the folder ``site``.

    ``sources`` are the author's files in page order (sections, then the glossary); the error
    names the one that wrote the culprit, else ``fallback`` (the config)."""
    problems = find_problems(site)
    if not problems:
        return
    first = problems[0]
    path, line = locate(first, sources) or (fallback, None)
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    raise BuildError(path, line, f"the built site would fail 'check': {first}{more}")


def locate(problem, sources):
    """(path, line) of the source text that wrote the problem's id or reference, or None. An id
    used twice is blamed on its last writer, a reference on its first."""
    if problem.kind == "id":
        # {#id} (attr_list) or id="id" (HTML).
        pattern = re.compile(r"(?:#|\bid\s*=\s*[\"']?)" + re.escape(problem.target)
                             + r"(?![\w:.-])")
    elif problem.kind == "reference":
        pattern = re.compile(re.escape(problem.target))
    else:
        return None
    found = []
    for path in sources:
        text = read_source(path, "section")
        found += [(path, text.count("\n", 0, m.start()) + 1) for m in pattern.finditer(text)]
    if not found:
        return None
    return found[-1] if problem.kind == "id" else found[0]
