"""``build --single-file``: the whole article as one HTML file that stays live opened from disk.

A reader can download it, e-mail it or put it on a course drive, double-click it, and every widget
works: Python runs from ``file://`` with no server, no network and no browser flags. The file is
the article's own template rendered in its inline mode: the templates name every file they load
through ``files``, which on the site links to it (builder/page.py) and here, in InlineFiles, puts
its content in the page. The files are read from a normal build of the same article, so the
single file always ships the bytes the site ships.

What a ``file://`` page cannot do, and what it does instead (measured in
shared/research/spikes2.md, section 3):

- **Other files.** Stylesheets become ``<style>`` elements, KaTeX's woff2 fonts ``data:`` URLs
  inside them; classic scripts (theme.js, d3) become inline scripts, and the deferred one (d3)
  moves to the end of the page, where a deferred script would have run. Images become ``data:``
  URLs (builder/markdown_ext/images.py's InlineMedia). Pyodide's core files and the ``backprop``
  zip travel as base64 text in ``<script type="text/x-base64">`` elements, which are never
  executed; all but ``python_stdlib.zip`` (already compressed) are gzipped first and unpacked
  with ``DecompressionStream``.
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

The service worker, live reload, the early Python start, the "copy embed code" controls and the
file:// message of js/boot.js do not apply to one file.
"""

import base64
import gzip
import html
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from markupsafe import Markup

from builder.article import render_article
from builder.assets import SOURCE_ZIP, own_assets_folder
from builder.config import load_config
from builder.errors import BuildError
from builder.js_modules import linked_modules, script_source, standalone_module
from builder.markdown_ext.heading_ids import slugify
from builder.markdown_ext.images import InlineMedia
from builder.output import BUILD_NAMES, record_in_manifest
from builder.page import use_labels
from builder.pipeline import build, warm_engines
from builder.policy import SINGLE_FILE_POLICY as POLICY, csp_hash
from builder.script_bundle import source_tree
from builder.vendor import VENDORED, vendor_prefix

# What a reader downloads is named after the article (single_file_name); a folder built before
# that holds the file under this name, which output.AFTER_BUILD still counts as the build's.
OLD_NAME = "backprop-explainer.html"
INLINE_BASE = "https://inline.invalid/"
# The runtime config of the single file: names js/single/worker.js answers from memory.
INLINE_RUNTIME = {"pyodide": INLINE_BASE + "pyodide/", "backprop": INLINE_BASE + "backprop.zip",
                  "worker": INLINE_BASE + "worker.mjs"}
PYODIDE_FILES = {  # name -> (Content-Type, gzip?)
    "pyodide.mjs": ("text/javascript", True),
    "pyodide.asm.mjs": ("text/javascript", True),
    "pyodide.asm.wasm": ("application/wasm", True),
    "python_stdlib.zip": ("application/zip", False),
}
# The types a stylesheet's url() may name, for their data: URLs (KaTeX's fonts, our own images).
CSS_URL_TYPES = {".woff2": "font/woff2", ".svg": "image/svg+xml", ".png": "image/png"}
# url(x), url("x") or url('x') in a stylesheet (KaTeX's vendored one, our own).
_CSS_URL = re.compile(r'url\((["\']?)([^)"\']+)\1\)')


def single_file_name(config):
    """The file's name in a built folder: the title's slug, as a heading's id is made ("Learning
    rates, by feel": ``learning-rates-by-feel.html``), never a name the build itself writes."""
    name = f"{slugify(config.title)}.html"
    return f"{slugify(config.title)}-article.html" if name in BUILD_NAMES else name


def build_single_file(config_path, out, strict=False):
    """``out`` ending in .html: build only that file. Otherwise build the site into the folder
    ``out`` as usual and add the file, named after the article (``single_file_name``), listed in
    the folder's manifest as the build's own. Returns the file's path."""

    out = Path(out)
    if out.suffix == ".html":
        out.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".single-", dir=out.resolve().parent) as scratch:
            site = Path(scratch) / "site"
            build(config_path, site, strict=strict)
            _write(out, single_file_html(config_path, site))
        return out
    build(config_path, out, strict=strict)
    target = out / single_file_name(load_config(config_path))
    _write(target, single_file_html(config_path, out))
    record_in_manifest(out, target.name)  # the next build replaces it, as any file it wrote
    return target


def _write(path, text):
    """Write beside the target, then rename: a reader never finds half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial-{os.getpid()}")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def single_file_html(config_path, site):
    """The article of ``config_path`` as one page holding every file it loads, which are read
    from ``site``, the folder the same article was built into."""

    site = Path(site)
    config = load_config(config_path)
    katex, env = warm_engines()
    use_labels(env, config)
    article = render_article(config, katex, env, media=InlineMedia())
    own_widgets = article.widgets.catalogue.own.values()
    assets = own_assets_folder(own_widgets)
    if not (site / assets).is_dir():
        raise BuildError(site, None, f"single file: no {assets} here; build the site again")
    vendor = {name: vendor_prefix(name) for name in VENDORED}
    files = InlineFiles(site)
    runtime = dict(INLINE_RUNTIME)
    if (site / assets / SOURCE_ZIP).is_file():  # merged in once the page is live, as on the site
        runtime["backpropSource"] = INLINE_BASE + SOURCE_ZIP
    context = dict(config=config, assets=assets, vendor=vendor, runtime=runtime,
                   files=files, **article.page_context(),
                   inline_runtime=inline_runtime(site, assets, vendor["pyodide"], own_widgets),
                   worker_files=list(worker_files(site, assets, vendor["pyodide"])))
    template = env.get_template("article.html")
    # The policy opens the page but names the hashes of what is inlined below it: the first
    # rendering learns them, the second writes them.
    template.render(context, csp="")
    policy = files.policy()
    # html.escape writes ' as &#x27; (Jinja's escaping: &#39;), as this file always had it.
    page = template.render(context, csp=Markup(html.escape(policy)))
    if files.policy() != policy:
        raise BuildError(site, None, "single file: the page inlined other files the second time")
    _refuse_other_files(page, config.path)
    return page


class InlineFiles:
    """The single file's ``files`` (see LinkedFiles in builder/page.py): each file's content in
    the page, its hash kept for the page's policy. Addresses are relative to ``site``."""

    inline = True

    def __init__(self, site):
        self.site = site
        self.script_hashes = {}  # in the order the page runs them (a dict: each once)
        self.style_hashes = {}

    def stylesheet(self, href):
        css = css_with_inline_urls(self.site / href)
        if "</style" in css.lower():
            raise BuildError(self.site / href, None, "cannot be inlined: contains '</style'")
        self.style_hashes[csp_hash(css)] = True
        return Markup(f"<style>{css}</style>")

    def script(self, src):
        code = self._script_text(self.site / src)
        return Markup(f"<script>{code}</script>")

    def module(self, src):
        code = self._script_text(self.site / src)
        return Markup(f'<script type="module">{code}</script>')

    def preload(self, href, kind):
        return ""  # nothing to fetch: every file the single file needs is in it

    def font_preload(self, href):
        return ""  # the font is in the page already, a data: URL in its stylesheet

    def _script_text(self, path):
        """A script's text, fit to sit between <script> and </script>; its hash is kept."""
        code = script_source(path)
        if re.search(r"</script|<!--|<script", code, re.IGNORECASE):
            raise BuildError(path, None, "cannot be inlined: contains '</script', '<script' or '<!--'")
        self.script_hashes[csp_hash(code)] = True
        return code

    def policy(self):
        return POLICY.format(scripts=" ".join(self.script_hashes),
                             styles=" ".join(self.style_hashes))


def css_with_inline_urls(path):
    """The stylesheet at ``path`` with each url() of a file beside it as a data: URL."""
    def inline(match):
        target = match.group(2)
        if target.startswith(("data:", "#")):
            return match.group(0)
        source = (path.parent / target).resolve()
        if not source.is_file():
            raise BuildError(path, None, f"single file: url({target}) names no file")
        kind = CSS_URL_TYPES.get(source.suffix)
        if kind is None:
            raise BuildError(path, None, f"single file: no data: type known for url({target})")
        return f"url(data:{kind};base64,{base64.b64encode(source.read_bytes()).decode()})"
    return _CSS_URL.sub(inline, path.read_text(encoding="utf-8").replace("\r\n", "\n"))


def inline_runtime(site, assets, pyodide, own_widgets=()):
    """What boot.js needs: our modules in dependency order, and what the worker needs.

    The modules as written, not the site's bundle of them (builder/script_bundle.py): each
    becomes a blob: URL of its own here, and the bundle's table of widgets is not an import this
    linker reads. The cells' editor is the site's, which is a bundle already."""
    lock = json.loads((site / pyodide / "pyodide-lock.json").read_text(encoding="utf-8"))
    scripts = site / assets / "js"
    with source_tree(own_widgets) as tree:
        shutil.copyfile(scripts / "editor.js", tree / "js" / "editor.js")
        modules = linked_modules(tree / "js", "app.js")
    return {
        "entry": "app.js",
        "modules": modules,
        "worker": {"boot": script_source(scripts / "single" / "worker.js"),
                   "module": standalone_module(scripts / "worker.mjs"),
                   "lockInfo": lock["info"]},
    }


@dataclass(frozen=True)
class WorkerFile:
    """A file the single file's Python worker fetches from memory, as base64 text."""
    name: str  # under INLINE_BASE
    type: str  # its Content-Type
    gzip: bool
    base64: str


def worker_files(site, assets, pyodide):
    """Pyodide's core and the backprop package (the files the runtime config names)."""
    sources = [(f"pyodide/{name}", site / pyodide / name, *kind) for name, kind in PYODIDE_FILES.items()]
    for name in ("backprop.zip", SOURCE_ZIP):
        if (site / assets / name).is_file():
            sources.append((name, site / assets / name, "application/zip", True))
    for name, path, content_type, zipped in sources:
        data = path.read_bytes()
        if zipped:
            data = gzip.compress(data, compresslevel=9, mtime=0)
        yield WorkerFile(name, content_type, zipped, base64.b64encode(data).decode())


def _refuse_other_files(page, config_path):
    """Stop on any element still naming another file (an author's <iframe src>, a new kind of
    tag in a template): from file:// it would not load. Links a reader follows may stay."""
    finder = _OtherFiles()
    finder.feed(page)
    finder.close()
    if finder.found:
        tag, ref = finder.found[0]
        raise BuildError(config_path, None, f"single file: cannot inline <{tag}> '{ref}'")


class _OtherFiles(HTMLParser):
    """The (tag, address) of every element that names a file other than the page itself. An
    HTML parser rather than patterns: the page is read as a browser would, whatever the
    templates and the author's HTML look like."""

    ATTRIBUTES = {"src", "href", "data", "poster", "srcset"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            return  # a link the reader follows, not a file the page loads
        for name, value in attrs:
            if name in self.ATTRIBUTES and value and not value.startswith(("data:", "#")):
                self.found.append((tag, value))

    handle_startendtag = handle_starttag
