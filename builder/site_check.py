"""The site checker: every internal link, anchor and asset reference of a built site resolves,
and no page uses an element id twice.

It reads each HTML page (href, src, the runtime config's paths) and each stylesheet (url(...)),
and the files the worker will request (Pyodide's core, the backprop package). External links
(http://, https://, mailto:) are not followed.

The ``check`` command prints what it finds (builder/commands/check.py); ``build`` runs the same
check on what it has just written, before it replaces the previous site (builder/self_check.py):
a site ``build`` accepts is one ``check`` accepts.
"""

import functools
import html
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

PYODIDE_CORE = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
                "pyodide-lock.json"]
# Runtime entries that name no file: the event stream ``serve`` answers itself.
NOT_FILES = {"liveReload"}

# Pages are scanned with regular expressions rather than an HTML parser: the article's KaTeX and
# SVG make some 17,000 tags, which Python's HTMLParser takes half a second to read, and build runs
# this check on every (re)build. Attributes are looked for first (a few hundred), and each is kept
# only if it lies inside a well-formed tag.
_ATTRIBUTE = re.compile(r"""\s(id|href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.I)
_TAG = re.compile(r"""<([a-zA-Z][^\s/>]*)(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|"""
                  r"""[^\s"'=<>`]+))?)*\s*/?>""")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_RUNTIME = re.compile(r"""<script\b[^>]*\sid=["']?runtime-config\b[^>]*>(.*?)</script>""", re.S)


@dataclass(frozen=True)
class Problem:
    message: str  # "index.html: <a> #x: no element with id 'x'", as printed
    target: str = ""  # the id or the reference as written in the page, to find it in sources
    kind: str = ""  # "id", "reference" or "" (neither)

    def __str__(self):
        return self.message


@dataclass
class PageReferences:
    ids: set
    duplicates: list  # ids used a second (third, ...) time, in page order
    refs: list  # (tag, href or src), in page order
    runtime: dict | None  # the runtime config's paths


def page_references(text):
    """The ids, duplicate ids, references and runtime config of one HTML page."""
    text = _COMMENT.sub(" ", text)
    ids, duplicates, refs = set(), [], []
    tag = None
    for match in _ATTRIBUTE.finditer(text):
        if tag is None or not tag.start() < match.start() < tag.end():
            tag = _enclosing_tag(text, match.start())
            if tag is None:
                continue  # words in the text, not an attribute
        name = match.group(1).lower()
        value = html.unescape(next(v for v in match.group(2, 3, 4) if v is not None))
        if name == "id":
            if value in ids:
                duplicates.append(value)
            ids.add(value)
        elif value:
            refs.append((tag.group(1).lower(), value))
    runtime = _RUNTIME.search(text)
    return PageReferences(ids, duplicates, refs, json.loads(runtime.group(1)) if runtime else None)


def _enclosing_tag(text, pos):
    """The tag whose attributes include ``pos``, or None when ``pos`` is in text."""
    start = pos
    for _ in range(3):  # a "<" inside an attribute value (a title "a < b") is stepped over
        start = text.rfind("<", 0, start)
        if start < 0:
            return None
        tag = _TAG.match(text, start)
        if tag:
            return tag if tag.end() > pos else None
    return None


def find_problems(site):
    """[Problem, ...] in the site folder ``site``."""
    # Resolved once, here: every page, stylesheet and reference is then an absolute path under it
    # (a relative `--out site` had made the stylesheets' url()s look outside the site).
    site = Path(site).resolve()
    _file_kind.cache_clear()  # a rebuild may have written what was missing
    problems = []
    pages = sorted(site.rglob("*.html"))
    if not (site / "index.html").is_file():
        problems.append(Problem("index.html: missing"))
    parsed = {page: page_references(page.read_text(encoding="utf-8")) for page in pages}
    for page, refs in parsed.items():
        where = page.relative_to(site)
        problems += [Problem(f"{where}: id '{name}' is used twice (links to it are ambiguous)",
                             name, "id") for name in refs.duplicates]
        for tag, ref in refs.refs:
            problems += _check_reference(site, page, ref, parsed, f"{where}: <{tag}>")
        if refs.runtime:
            for key, path in refs.runtime.items():
                if key not in NOT_FILES:
                    problems += _check_reference(site, page, path, parsed,
                                                 f"{where}: runtime {key}")
            pyodide = refs.runtime.get("pyodide")
            if pyodide:
                for name in PYODIDE_CORE:
                    problems += _check_reference(site, page, pyodide + name, parsed,
                                                 f"{where}: Pyodide core")
    for css in sorted(site.rglob("*.css")):
        for ref in re.findall(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)", css.read_text(encoding="utf-8")):
            problems += _check_reference(site, css, ref, parsed, f"{css.relative_to(site)}: url()")
    return problems


def problems_in(site):
    """What ``check`` prints for the site folder ``site``: one line per problem."""
    return [str(problem) for problem in find_problems(site)]


def _check_reference(site, page, ref, parsed, where):
    def problem(text):
        return [Problem(f"{where} {ref}: {text}", ref, "reference")]

    parts = urlsplit(ref)
    if ref.startswith("//"):
        return problem("a protocol-relative URL reaches another host")
    if parts.scheme in ("http", "https", "mailto", "data"):
        return []  # followed only when a reader clicks; never fetched by the page
    if parts.scheme:
        return problem(f"unexpected scheme '{parts.scheme}'")
    # normpath, not resolve(): a built site has no symbolic links, and resolving every reference
    # path component by component costs more than the rest of the check.
    target = Path(os.path.normpath(page.parent / unquote(parts.path))) if parts.path else page
    if not target.is_relative_to(site):
        return problem("points outside the site")
    kind = _file_kind(target)
    if kind == "folder":
        # A folder is fine as a prefix (the runtime's Pyodide folder) or with its index page.
        return [] if ref.endswith("/") or _file_kind(target / "index.html") == "file" else \
            problem("a folder without index.html")
    if kind is None:
        return problem("no such file")
    if parts.fragment and target.suffix == ".html":
        ids = parsed[target].ids if target in parsed else set()
        if unquote(parts.fragment) not in ids:
            return problem(f"no element with id '{parts.fragment}'")
    return []


@functools.lru_cache(maxsize=4096)
def _file_kind(path):
    """"file", "folder" or None; many pages name the same files (the runtime, KaTeX's fonts)."""
    return "folder" if path.is_dir() else "file" if path.exists() else None
