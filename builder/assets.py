"""Our own front-end files and the backprop package, copied under a content-hashed folder, with
the article's own widgets' scripts, styles and Python among them.

One hash over every file we ship means a new build never mixes with a cached old one, while
modules can still import each other by their plain relative names.
"""

import hashlib
import importlib
import io
import json
import shutil
import zipfile

from builder import BACKPROP_DIR, PACKAGE_DIR, article_widgets
from builder.bytecode import compiled
from builder.editor import editor_bundle
from builder.script_bundle import page_bundle

STATIC_DIR = PACKAGE_DIR / "static"
# A fixed timestamp makes the zip, and so the hash, depend on content alone.
_ZIP_TIME = (2024, 1, 1, 0, 0, 0)
SOURCE_ZIP = "backprop-source.zip"


def _files(root, pattern="**/*"):
    return sorted(p for p in root.glob(pattern) if p.is_file() and "__pycache__" not in p.parts)


def backprop_zips(own_widgets=()):
    """``(start, source)``: the zips of the ``backprop`` package the reader's worker fetches.

    ``start`` is what Python imports from as it starts (zipimport): backprop's bytecode
    (builder/bytecode.py), the article's own widgets' Python as ``article_widgets``
    (builder/article_widgets.py), and the article's wording of backprop's sentences as
    ``backprop/wording.json`` (backprop.wording reads it; builder/page.py's use_labels sets it).
    ``source`` is backprop's .py files, which only tracebacks and ``inspect`` read: 70 KB of the
    download the worker leaves until the page is live (static/js/worker.mjs merges them into the
    start zip). Without bytecode (no Node) ``start`` holds the source and ``source`` is None."""
    entries = tuple((path.relative_to(BACKPROP_DIR.parent).as_posix(), path.read_bytes())
                    for path in _files(BACKPROP_DIR, "**/*.py"))
    # The article's own widgets stay source only, so every article shares one compiled backprop.
    bytecode = sorted(compiled(entries).items())
    imported = [*(bytecode or entries), *article_widgets.zip_entries(own_widgets),
                *_wording_entries()]
    return _zip(imported), (_zip(entries) if bytecode else None)


def _zip(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, _ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def _wording_entries():
    """The article's own words for backprop's sentences, when it has any: data, not code, so the
    compiled backprop stays one for every article."""
    words = importlib.import_module("backprop.wording").overrides()  # as page.py sets it
    if not words:
        return []
    text = json.dumps(words, ensure_ascii=False, sort_keys=True, indent=0)
    return [("backprop/wording.json", text.encode("utf-8"))]


def _statics(own_widgets):
    """[(path under the assets folder, source file)]: static/ and the article's own widgets'
    scripts and stylesheets, which go where the built-in widgets' do."""
    return ([(path.relative_to(STATIC_DIR).as_posix(), path) for path in _files(STATIC_DIR)]
            + article_widgets.static_files(own_widgets))


def _folder(packages, statics, editor, bundle):
    digest = hashlib.sha256()
    for package in packages:
        digest.update(package or b"")
    digest.update(editor)
    digest.update(bundle)  # esbuild's version changes it, and nothing else we hash
    for relative, path in statics:
        digest.update(relative.encode())
        digest.update(path.read_bytes())
    return f"assets/{digest.hexdigest()[:10]}/"


def own_assets_folder(own_widgets=()):
    """The URL prefix ``assets/<hash>/`` that copy_own_assets copies to."""
    bundle, _ = page_bundle(own_widgets)
    return _folder(backprop_zips(own_widgets), _statics(own_widgets), editor_bundle(), bundle)


def copy_own_assets(site_dir, own_widgets=()):
    """Copy static/, backprop.zip (and backprop-source.zip, see backprop_zips), the pages' script
    bundle (js/app.js, builder/script_bundle.py) and the cells' editor (js/editor.js,
    builder/editor.py) to ``site_dir/assets/<hash>/``, with the article's own widgets
    (builder.article_widgets.ArticleWidget) among them; returns that URL prefix. The scripts
    inside the bundle are not copied: no page loads them."""
    start, source = packages = backprop_zips(own_widgets)
    statics = _statics(own_widgets)
    editor = editor_bundle()
    bundle, bundled = page_bundle(own_widgets)
    folder = _folder(packages, statics, editor, bundle)
    target = site_dir / folder
    for relative, path in statics:
        if relative in bundled:
            continue
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)
    (target / "backprop.zip").write_bytes(start)
    if source is not None:
        (target / SOURCE_ZIP).write_bytes(source)
    (target / "js" / "editor.js").write_bytes(editor)
    (target / "js" / "app.js").write_bytes(bundle)
    _bundle_widget_css(target / "css")
    return folder


def _bundle_widget_css(css_dir):
    """Append every other stylesheet (widgets/, glossary, ...) to article.css: one request
    before the first paint."""
    parts = sorted(p for p in css_dir.rglob("*.css") if p.name != "article.css")
    if parts:
        with open(css_dir / "article.css", "a", encoding="utf-8") as bundle:
            for part in parts:
                bundle.write(f"\n/* {part.name} */\n" + part.read_text(encoding="utf-8"))
