"""``build --single-file``: the whole article as one HTML file that stays live opened from disk.

A reader can download it, e-mail it or put it on a course drive, double-click it, and every widget
works: Python runs from ``file://`` with no server, no network and no browser flags. The file is
made from a normal build (``index.html`` and the files it names), so it is always the same article.

What a ``file://`` page cannot do, and what it does instead (measured in
shared/research/spikes2.md, section 3):

- **Other files.** Stylesheets become ``<style>`` elements, KaTeX's woff2 fonts ``data:`` URLs
  inside them; classic scripts (theme.js, d3) become inline scripts. Pyodide's core files and the
  ``backprop`` zip travel as base64 text in ``<script type="text/x-base64">`` elements, which are
  never executed; all but ``python_stdlib.zip`` (already compressed) are gzipped first and
  unpacked with ``DecompressionStream``.
- **Module scripts by URL.** Chromium refuses ``file://`` module scripts: our ES modules travel
  linked into one list (builder/js_modules.py), which js/single/boot.js turns into ``blob:`` URLs.
- **The worker.** From ``file://`` a ``blob:`` module worker does not start but a ``data:`` one
  does. boot.js starts js/single/worker.js from a ``data:`` URL whenever PythonClient asks for
  the runtime config's worker (a name under the never-resolved ``https://inline.invalid/``), and
  posts it the base64 files. That worker answers Pyodide's fetches for ``inline.invalid`` from
  memory, imports the site's worker.mjs from a ``blob:`` URL and gives it a loader that passes
  ``createPyodideModule`` (pyodide.asm.mjs, imported from a ``blob:`` URL: it cannot be fetched)
  and the lock file's ``info`` (the lock itself is not needed: no packages are loaded).
- **Policy.** Inline scripts cannot be avoided, so the page's Content-Security-Policy allows
  exactly those inline scripts and styles by their sha256 hashes, plus ``blob:`` modules, the
  ``data:`` worker, ``data:`` fonts and WebAssembly compilation; nothing may be fetched.

The service worker, live reload and the "copy embed code" controls do not apply to one file.
"""

import base64
import gzip
import hashlib
import html
import json
import os
import re
import tempfile
from pathlib import Path

from builder import PACKAGE_DIR
from builder.errors import BuildError
from builder.js_modules import linked_modules, script_source, standalone_module
from builder.markdown_ext.images import IMAGE_TYPES

SINGLE_JS = PACKAGE_DIR / "static" / "js" / "single"
DEFAULT_NAME = "backprop-explainer.html"
INLINE_BASE = "https://inline.invalid/"
# Dropped: it tells a reader of a file:// page why the figures stay still, which is not so here.
DROPPED_SCRIPTS = {"js/boot.js", "js/start-python.js"}  # file:// messages; the early start
PYODIDE_FILES = {  # name -> (Content-Type, gzip?)
    "pyodide.mjs": ("text/javascript", True),
    "pyodide.asm.mjs": ("text/javascript", True),
    "pyodide.asm.wasm": ("application/wasm", True),
    "python_stdlib.zip": ("application/zip", False),
}
POLICY = ("default-src 'none'; script-src {scripts} blob: 'wasm-unsafe-eval'; worker-src data:; "
          "connect-src 'none'; style-src {styles}; style-src-attr 'unsafe-inline'; font-src data:; "
          "img-src data:; base-uri 'none'; form-action 'none'")

_STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)">\n?')
_CLASSIC = re.compile(r'<script src="([^"]+)"( defer)?></script>\n?')
_MODULE = re.compile(r'<script type="module" src="([^"]+)"></script>\n?')
_RUNTIME = re.compile(r'(<script type="application/json" id="runtime-config">)(.*?)(</script>)')
# Whatever still names another file after inlining (a new kind of tag in the template).
_OTHER_FILE = re.compile(r'<(?:script|link|img|iframe|source|video|audio|object|embed)\b[^>]*?'
                         r'\b(?:src|href|data)="(?!data:|#)[^"]*"')
# Authors' images (builder/markdown_ext/images.py), shipped under media/.
_MEDIA_SRC = re.compile(r'(<img\b[^>]*?\bsrc=")(media/[^"]+)(")')
_POLICY_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')
_CSS_URL = re.compile(r'url\((["\']?)([^)"\']+)\1\)')


def build_single_file(config_path, out, strict=False):
    """``out`` ending in .html: build only that file. Otherwise build the site into the folder
    ``out`` as usual and add ``out/backprop-explainer.html``. Returns the file's path."""
    from builder.commands.build import build

    out = Path(out)
    if out.suffix == ".html":
        out.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".single-", dir=out.resolve().parent) as scratch:
            site = Path(scratch) / "site"
            build(config_path, site, strict=strict)
            _write(out, single_file_html(site))
        return out
    build(config_path, out, strict=strict)
    target = out / DEFAULT_NAME
    _write(target, single_file_html(out))
    return target


def _write(path, text):
    """Write beside the target, then rename: a reader never finds half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial-{os.getpid()}")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def single_file_html(site):
    """The built ``site/index.html`` with everything it refers to inside it."""
    site = Path(site)
    page = (site / "index.html").read_text(encoding="utf-8")
    found = _RUNTIME.search(page)
    if not found:
        raise BuildError(site / "index.html", None, "single file: no runtime-config element")
    runtime = json.loads(found.group(2))
    styles, scripts, deferred, entry = [], [], [], None

    def stylesheet(match):
        css = _inline_css_urls(site / match.group(1))
        styles.append(css)
        return f"<style>{css}</style>\n"

    def classic(match):
        src = match.group(1)
        if any(src.endswith(name) for name in DROPPED_SCRIPTS):
            return ""
        code = _script_text(site / src)
        if match.group(2):  # deferred: it ran after parsing, so it goes after the article
            deferred.append(code)
            return ""
        scripts.append(code)
        return f"<script>{code}</script>\n"

    def module(match):
        nonlocal entry
        if entry is not None:
            raise BuildError(site / "index.html", None, "single file: more than one module entry")
        entry = match.group(1)
        return ""

    page = _STYLESHEET.sub(stylesheet, page)
    page = _MEDIA_SRC.sub(lambda m: m.group(1) + _data_url(site / m.group(2)) + m.group(3), page)
    page = _CLASSIC.sub(classic, page)
    page = _MODULE.sub(module, page)
    if entry is None or not entry.endswith("js/app.js"):
        raise BuildError(site / "index.html", None, "single file: no js/app.js module entry found")
    left = _OTHER_FILE.search(page)
    if left:
        raise BuildError(site / "index.html", None, f"single file: cannot inline '{left.group(0)}'")
    inline = _inline_runtime(site, runtime, site / entry.removesuffix("app.js"))
    boot = _script_text(SINGLE_JS / "boot.js")
    tail = [f'<script type="application/json" id="inline-runtime">{_script_json(inline)}</script>\n',
            *(_file_element(name, path, *kind) for name, (path, kind) in _runtime_files(site, runtime)),
            *(f"<script>{code}</script>\n" for code in deferred),
            f'<script type="module">{boot}</script>\n']
    scripts += [*deferred, boot]

    new_runtime = {"pyodide": INLINE_BASE + "pyodide/", "backprop": INLINE_BASE + "backprop.zip",
                   "worker": INLINE_BASE + "worker.mjs"}
    page = _RUNTIME.sub(lambda m: m.group(1) + _script_json(new_runtime) + m.group(3), page, count=1)
    page = re.sub(r"<html\b", "<html data-single-file", page, count=1)  # app.js: run from file://
    policy = POLICY.format(scripts=" ".join(map(csp_hash, scripts)),
                           styles=" ".join(map(csp_hash, styles)))
    page, found = _POLICY_META.subn(
        f'<meta http-equiv="Content-Security-Policy" content="{html.escape(policy)}">', page)
    if found != 1 or "</body>" not in page:
        raise BuildError(site / "index.html", None, "single file: page lacks its policy or </body>")
    head, _, rest = page.rpartition("</body>")
    return head + "".join(tail) + "</body>" + rest


def _inline_runtime(site, runtime, js_root):
    """What boot.js needs: our modules in dependency order, and what the worker needs."""
    lock = json.loads((site / runtime["pyodide"] / "pyodide-lock.json").read_text(encoding="utf-8"))
    return {
        "entry": "app.js",
        "modules": linked_modules(js_root, "app.js"),
        "worker": {"boot": script_source(SINGLE_JS / "worker.js"),
                   "module": standalone_module(site / runtime["worker"]),
                   "lockInfo": lock["info"]},
    }


def _runtime_files(site, runtime):
    """(name under INLINE_BASE, (path, (Content-Type, gzip?))) for each file the worker fetches."""
    for name, kind in PYODIDE_FILES.items():
        yield f"pyodide/{name}", (site / runtime["pyodide"] / name, kind)
    yield "backprop.zip", (site / runtime["backprop"], ("application/zip", True))


def csp_hash(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def _script_json(value):
    """JSON that cannot close the <script> element holding it (as the page's script_json)."""
    return json.dumps(value, sort_keys=True, allow_nan=False).replace("<", "\\u003c")


def _script_text(path):
    """A script's text, fit to sit between <script> and </script>."""
    code = script_source(path)
    if re.search(r"</script|<!--|<script", code, re.IGNORECASE):
        raise BuildError(path, None, "cannot be inlined: contains '</script', '<script' or '<!--'")
    return code


def _inline_css_urls(path):
    """The stylesheet with each url() of a file beside it as a data: URL."""
    def inline(match):
        target = match.group(2)
        if target.startswith(("data:", "#")):
            return match.group(0)
        source = (path.parent / target).resolve()
        if not source.is_file():
            raise BuildError(path, None, f"single file: url({target}) names no file")
        kind = {".woff2": "font/woff2", ".svg": "image/svg+xml", ".png": "image/png"}.get(source.suffix)
        if kind is None:
            raise BuildError(path, None, f"single file: no data: type known for url({target})")
        return f"url(data:{kind};base64,{base64.b64encode(source.read_bytes()).decode()})"
    css = _CSS_URL.sub(inline, path.read_text(encoding="utf-8").replace("\r\n", "\n"))
    if "</style" in css.lower():
        raise BuildError(path, None, "cannot be inlined: contains '</style'")
    return css


def _data_url(path):
    kind = IMAGE_TYPES.get(path.suffix.lower())
    if kind is None or not path.is_file():
        raise BuildError(path, None, "single file: cannot inline this image")
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode()}"


def _file_element(name, path, content_type, zipped):
    data = path.read_bytes()
    encoding = ""
    if zipped:
        data = gzip.compress(data, compresslevel=9, mtime=0)
        encoding = ' data-encoding="gzip"'
    return (f'<script type="text/x-base64" data-file="{name}" data-type="{content_type}"{encoding}>'
            f"{base64.b64encode(data).decode()}</script>\n")
