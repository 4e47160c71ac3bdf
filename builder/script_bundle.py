"""The pages' own scripts, bundled by esbuild into one module: the site's ``js/app.js``.

Unbundled, a page ran our ES modules one by one: app.js imported a dozen, which imported more, and
each widget's script more again, 27 modules on an embed page and about 40 on the article. Every
module is a request, a compile and a link of its own on the page's main thread, and the frames a
course page embeds from one site share one main thread (and one renderer process): three embeds
took 1.37 s to go live against 0.98 s for one, and bundled 1.25 s against 0.91 s (16 interleaved
runs of tests/bench_shared.py's pages); the article's first answer came 0.2 s sooner. Preloading
the 27 (``<link rel="modulepreload">``) or bundling into a dozen shared chunks (esbuild's
--splitting) left most of that cost in place.

What goes in: static/js/app.js with every module it imports, and every widget's script, the
built-in ones and the article's own, which static/js/widgets/index.js imports by name
(`./${name}.js`). esbuild turns that import into a table of every script it can match, each
evaluated only when its widget is first loaded, so a widget whose script throws still fails in
its own figure alone. The cells' editor (builder/editor.py) and the live-reload client stay
modules of their own: only some pages load them, and only after the first paint.

The bundle is minified, as the editor's is: as written it was 34 KB gzipped, which the article
fetches before its first paint, over that paint's budget (350 KB); minified, 24 KB. Our scripts
as written are in the repository, and the single file links them as they are. The bundle is made
from a copy of static/js with the article's own widgets' scripts where they ship
(js/widgets/NAME.js), so their imports resolve as on the site, and an error esbuild finds in one
names the author's file and line.
"""

import contextlib
import functools
import hashlib
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from builder import PACKAGE_DIR
from builder.errors import BuildError
from builder.vendor import NODE_MODULES, node_package

SCRIPTS = PACKAGE_DIR / "static" / "js"
ENTRY = "app.js"
ESBUILD = NODE_MODULES / ".bin" / "esbuild"
# Loaded apart, by pages that need them (paths as cells.js and app.js import them).
SEPARATE = ["./editor.js", "./live-reload.js"]
# Where esbuild's message about a file begins: "    js/widgets/x.js:12:5:".
_LOCATION = re.compile(r"^\s+(\S+\.js):(\d+):\d+:$", re.MULTILINE)
_MESSAGE = re.compile(r"\[ERROR\] (.+)")


def page_bundle(own_widgets=()):
    """``(bundle, bundled)``: the bytes of the site's js/app.js, and the paths under the assets
    folder (``js/glossary.js``) of every script inside it, which the site need not ship apart."""
    sources = _sources(own_widgets)
    return _bundle_for(_key(sources), tuple(sorted(sources.items())))


@contextlib.contextmanager
def source_tree(own_widgets=()):
    """A temporary folder whose js/ holds our scripts as written, with the own widgets' where they
    ship: what the single file links module by module (builder/js_modules.py)."""
    with tempfile.TemporaryDirectory() as tmp:
        _write_tree(Path(tmp), _sources(own_widgets))
        yield Path(tmp)


def _write_tree(folder, sources):
    for relative, path in sources.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, folder / relative)


def _sources(own_widgets):
    """{path under the assets folder: file}: our scripts, and the own widgets' where they ship."""
    from builder.article_widgets import static_files  # imports builder.widgets, which imports us
    sources = {f"js/{path.relative_to(SCRIPTS).as_posix()}": path for path in SCRIPTS.rglob("*.js")}
    sources.update((relative, path) for relative, path in static_files(own_widgets)
                   if relative.endswith(".js"))
    return sources


def _key(sources):
    """Changes with any script's name or content, or esbuild's version."""
    digest = hashlib.sha256(node_package("esbuild")["version"].encode())
    for relative, path in sorted(sources.items()):
        digest.update(f"{relative}\n".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@functools.lru_cache(maxsize=4)  # a served site rebuilds often, mostly for its Markdown
def _bundle_for(key, sources):
    if not ESBUILD.exists():
        raise BuildError(None, None, "esbuild, which bundles the pages' scripts, is not "
                                     "installed: run 'npm ci' (or 'make site', which does it)")
    sources = dict(sources)
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp)
        _write_tree(tree, sources)
        out, meta = tree / "out" / "app.js", tree / "out" / "meta.json"
        try:
            subprocess.run([str(ESBUILD), f"js/{ENTRY}", "--bundle", "--format=esm", "--minify",
                            "--charset=utf8", "--legal-comments=none", "--log-level=error",
                            "--color=false", *(f"--external:{path}" for path in SEPARATE),
                            f"--outfile={out}", f"--metafile={meta}"],
                           check=True, capture_output=True, text=True, cwd=tree, timeout=120)
        except subprocess.CalledProcessError as err:
            raise _located(err.stderr, sources) from None
        except (subprocess.TimeoutExpired, OSError) as err:
            raise BuildError(None, None, f"esbuild could not bundle the pages' scripts: {err}") from None
        bundled = sorted(json.loads(meta.read_text(encoding="utf-8"))["inputs"])
        return out.read_bytes(), frozenset(bundled)


def _located(stderr, sources):
    """esbuild's first error, at the file it names (the author's own, for their widget)."""
    message = _MESSAGE.search(stderr)
    location = _LOCATION.search(stderr)
    path = sources.get(location.group(1)) if location else None
    line = int(location.group(2)) if location and path else None
    what = message.group(1).strip() if message else stderr.strip()[-500:]
    return BuildError(path, line, f"the pages' scripts cannot be bundled: {what}")
