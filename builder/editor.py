"""The live cells' code editor: CodeMirror 6 from npm, bundled by esbuild into one module.

CodeMirror ships as a dozen ES modules that import each other by package name, which a browser
cannot resolve without an import map (an inline script, which the pages' policy forbids), and a
page loading them one by one would make a dozen requests. So esbuild (pinned in package.json,
run from node_modules) bundles builder/editor/editor.mjs, our set-up, with the CodeMirror files
it imports into one minified module without imports, ``js/editor.js`` among our own assets
(builder/assets.py). Opened only by pages with a live cell (static/js/cells.js imports it), after
the first paint.

Every file esbuild read must be one recorded in builder/vendor-hashes.json (vendor.BUNDLED) with
the same content, or the build stops: the bundle is made from checked files only. The bundle is
kept in node_modules/.cache under a name made of the entry's, the recorded files' and esbuild's
hashes, with its own SHA-256 beside it, so a rebuild reuses it and a changed copy is made again.
esbuild's output depends on its input alone, so two clones build the same bytes.
"""

import functools
import hashlib
import json
import os
import subprocess
import tempfile
from pathlib import Path

from builder import PACKAGE_DIR
from builder.errors import BuildError
from builder.snapshot import CACHE_DIR
from builder.vendor import BUNDLED, NODE_MODULES, node_package, recorded_hashes, sha256, vendored_files

ENTRY = PACKAGE_DIR / "editor" / "editor.mjs"
ESBUILD = NODE_MODULES / ".bin" / "esbuild"


def _bundled_keys():
    return sorted(vendored_files((BUNDLED,)))


def cache_key():
    """Changes with our entry, any bundled file's recorded hash, or esbuild's version."""
    recorded = recorded_hashes()
    digest = hashlib.sha256(ENTRY.read_bytes())
    digest.update(node_package("esbuild")["version"].encode())
    for key in _bundled_keys():
        digest.update(f"{key}={recorded.get(key)}\n".encode())
    return digest.hexdigest()[:16]


def editor_bundle():
    """The bundle's bytes, made now unless cached intact."""
    return _bundle_for(cache_key())


@functools.lru_cache(maxsize=2)
def _bundle_for(key):
    cached = CACHE_DIR / f"editor-{key}.js"
    checksum = cached.with_name(cached.name + ".sha256")
    if cached.is_file() and checksum.is_file() and \
            checksum.read_text(encoding="ascii").strip() == sha256(cached):
        return cached.read_bytes()
    data = _make()
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=CACHE_DIR) as tmp:
        (Path(tmp) / "bundle").write_bytes(data)
        (Path(tmp) / "sum").write_text(hashlib.sha256(data).hexdigest() + "\n", encoding="ascii")
        # Checksum first, then the file: whoever finds the file finds its checksum.
        os.replace(Path(tmp) / "sum", checksum)
        os.replace(Path(tmp) / "bundle", cached)
    return data


def _make():
    if not ESBUILD.exists():
        raise BuildError(None, None, "esbuild, which bundles the live cells' editor, is not "
                                     "installed: run 'npm ci' (or 'make site', which does it)")
    with tempfile.TemporaryDirectory() as tmp:
        out, meta = Path(tmp) / "editor.js", Path(tmp) / "meta.json"
        try:
            subprocess.run([str(ESBUILD), str(ENTRY), "--bundle", "--format=esm", "--minify",
                            "--target=es2020", "--legal-comments=none", "--charset=utf8",
                            f"--outfile={out}", f"--metafile={meta}"],
                           check=True, capture_output=True, text=True, cwd=NODE_MODULES.parent,
                           timeout=120)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as err:
            detail = (getattr(err, "stderr", None) or str(err)).strip()
            raise BuildError(ENTRY, None, f"esbuild could not bundle the editor: {detail}") from None
        inputs = [Path(NODE_MODULES.parent / name).resolve()
                  for name in json.loads(meta.read_text(encoding="utf-8"))["inputs"]]
        _check_inputs([path for path in inputs if path != ENTRY.resolve()])
        return _licences() + out.read_bytes()


def _check_inputs(paths):
    """Every file esbuild read is a bundled file whose content matches its recorded hash."""
    recorded = recorded_hashes()
    known = {path.resolve(): key for key, path in vendored_files((BUNDLED,)).items()}
    for path in paths:
        key = known.get(path)
        if key is None:
            raise BuildError(path, None, "the editor's bundle read this file, which "
                             "builder/vendor.py's BUNDLED does not list (add it, check it, and run "
                             "'python -m builder.vendor --update')")
        if recorded.get(key) != sha256(path):
            raise BuildError(path, None, "content differs from the hash recorded in "
                                         "vendor-hashes.json: the editor is not bundled from it")


def _licences():
    """A comment naming each bundled package, its version and licence, and its copyright line."""
    lines = ["/* The live cells' editor (builder/editor/editor.mjs), bundled with:"]
    for name in BUNDLED:
        package = node_package(name)
        licence_file = next((p for p in node_package(name, "").glob("LICEN[CS]E*")), None)
        notice = ""
        if licence_file:
            notice = next((line.strip() for line in licence_file.read_text(encoding="utf-8").splitlines()
                           if "copyright" in line.lower()), "")
        notice = notice.replace("*/", "* /")  # must not end the comment
        lines.append(f" * {name} {package['version']} ({package.get('license', '?')}) {notice}".rstrip())
    return ("\n".join(lines) + "\n */\n").encode("utf-8")
