"""``check``: every internal link, anchor and asset reference of the built site resolves, and no
page uses an element id twice.

It reads each HTML page (href, src, the runtime config's paths) and each stylesheet (url(...)),
and the files the worker will request (Pyodide's core, the backprop package). Exits non-zero with
a list of what is missing. External links (http://, https://, mailto:) are not followed.
"""

import json
import logging
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

log = logging.getLogger("builder")

PYODIDE_CORE = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
                "pyodide-lock.json"]


class _References(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.refs, self.runtime, self.duplicates = set(), [], None, []
        self._in_runtime = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            if attrs["id"] in self.ids:
                self.duplicates.append(attrs["id"])
            self.ids.add(attrs["id"])
        for name in ("href", "src"):
            if attrs.get(name):
                self.refs.append((tag, attrs[name]))
        self._in_runtime = tag == "script" and attrs.get("id") == "runtime-config"

    def handle_data(self, data):
        if self._in_runtime:
            self.runtime = json.loads(data)
            self._in_runtime = False


def problems_in(site):
    site = Path(site)
    problems = []
    pages = sorted(site.rglob("*.html"))
    if not (site / "index.html").is_file():
        problems.append("index.html: missing")
    parsed = {}
    for page in pages:
        refs = _References()
        refs.feed(page.read_text(encoding="utf-8"))
        parsed[page.resolve()] = refs
    for page, refs in parsed.items():
        where = page.relative_to(site.resolve())
        problems += [f"{where}: id '{name}' is used twice (links to it are ambiguous)"
                     for name in refs.duplicates]
        for tag, ref in refs.refs:
            problems += _check_reference(site, page, ref, parsed, f"{where}: <{tag}>")
        if refs.runtime:
            for key, path in refs.runtime.items():
                problems += _check_reference(site, page, path, parsed, f"{where}: runtime {key}")
            pyodide = refs.runtime.get("pyodide")
            if pyodide:
                for name in PYODIDE_CORE:
                    problems += _check_reference(site, page, pyodide + name, parsed,
                                                 f"{where}: Pyodide core")
    for css in sorted(site.rglob("*.css")):
        for ref in re.findall(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)", css.read_text(encoding="utf-8")):
            problems += _check_reference(site, css, ref, parsed, f"{css.relative_to(site)}: url()")
    return problems


def _check_reference(site, page, ref, parsed, where):
    parts = urlsplit(ref)
    if ref.startswith("//"):
        return [f"{where} {ref}: a protocol-relative URL reaches another host"]
    if parts.scheme in ("http", "https", "mailto", "data"):
        return []  # followed only when a reader clicks; never fetched by the page
    if parts.scheme:
        return [f"{where} {ref}: unexpected scheme '{parts.scheme}'"]
    target = (page.parent / unquote(parts.path)).resolve() if parts.path else page.resolve()
    try:
        target.relative_to(site.resolve())
    except ValueError:
        return [f"{where} {ref}: points outside the site"]
    if target.is_dir():
        # A folder is fine as a prefix (the runtime's Pyodide folder) or with its index page.
        return [] if ref.endswith("/") or (target / "index.html").is_file() else \
            [f"{where} {ref}: a folder without index.html"]
    if not target.exists():
        return [f"{where} {ref}: no such file"]
    if parts.fragment and target.suffix == ".html":
        ids = parsed[target].ids if target in parsed else set()
        if unquote(parts.fragment) not in ids:
            return [f"{where} {ref}: no element with id '{parts.fragment}'"]
    return []


def run(args):
    if not Path(args.out).is_dir():
        print(f"error: {args.out}: no built site here; build it first (build --out {args.out})",
              file=sys.stderr)
        return 1
    problems = problems_in(args.out)
    for problem in problems:
        print(problem)
    if problems:
        print(f"check: {len(problems)} broken reference(s) in {args.out}")
        return 1
    log.info("check: every link, anchor and asset in %s resolves", args.out)
    return 0
