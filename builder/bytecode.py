"""The backprop package as Python bytecode, compiled at build time by the browser's own Python.

In the reader's worker, importing backprop from source meant compiling it first: most of the
import's time on 2 cores (a probe of issue 17: 114 ms from source, 23 ms from bytecode in
Chromium). Bytecode is tied to one Python version, so the builder does not compile it with the
CPython it runs on but with Pyodide's, under Node (builder/bytecode.mjs), as it does for the
start-up snapshot. backprop.zip then holds each module's .pyc beside its .py (kept for
tracebacks); zipimport reads the .pyc.

Made once per package content and Pyodide version and cached in node_modules/.cache with its
SHA-256, like the snapshot. Compiling is deterministic (unchecked-hash .pyc, fixed hash seed), so
two clones still build byte-identical sites. Without Node, or if it fails, the zip ships source
alone and the worker compiles it, as before.
"""

import hashlib
import io
import logging
import os
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from builder import PACKAGE_DIR
from builder.snapshot import CACHE_DIR, TIMEOUT_S, _checksum_file, _intact, _pyodide_core_hashes
from builder.vendor import node_package, sha256

log = logging.getLogger("builder")

MAKER = PACKAGE_DIR / "bytecode.mjs"
# Where the worker writes backprop.zip (static/js/worker.mjs, BUNDLE_PATH): code objects name
# their files as zipimport would name the source's.
BUNDLE_PATH = "/home/pyodide/backprop.zip"
_made = {}  # cache file -> its bytecode, read once per process (a build asks twice)


def compiled(entries):
    """{"backprop/x.pyc": bytes} for the ((zip name, source bytes), ...) given; {} when Pyodide
    cannot be run (the worker then compiles the source itself)."""
    digest = hashlib.sha256(MAKER.read_bytes() + _pyodide_core_hashes().encode())
    for name, data in entries:
        digest.update(hashlib.sha256(name.encode()).digest() + hashlib.sha256(data).digest())
    version = node_package("pyodide")["version"]
    cached = CACHE_DIR / f"bytecode-{version}-{digest.hexdigest()[:16]}.zip"
    if cached not in _made or not cached.is_file():
        if not (cached.is_file() and _intact(cached)) and not _make(entries, cached):
            return {}
        with zipfile.ZipFile(cached) as archive:
            _made[cached] = {name: archive.read(name) for name in archive.namelist()}
    return _made[cached]


def _make(entries, cached):
    node = shutil.which("node")
    if node is None:
        log.warning("warning: no 'node' on PATH: backprop ships as source only (its first import "
                    "in the browser compiles it)")
        return False
    cached.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cached.parent) as tmp:
        sources = Path(tmp) / "sources"
        for name, data in entries:
            (sources / name).parent.mkdir(parents=True, exist_ok=True)
            (sources / name).write_bytes(data)
        try:
            subprocess.run([node, str(MAKER), str(node_package("pyodide", "")), str(sources),
                            BUNDLE_PATH], check=True, capture_output=True, text=True,
                           timeout=TIMEOUT_S)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as err:
            detail = (getattr(err, "stderr", None) or str(err)).strip().splitlines()
            log.warning("warning: could not compile backprop to bytecode (%s): it ships as "
                        "source only", detail[-1] if detail else err)
            return False
        packed = Path(tmp) / "bytecode.zip"
        packed.write_bytes(_zip_of(sources, [name + "c" for name, _ in entries]))
        checksum = Path(tmp) / "bytecode.sha256"
        checksum.write_text(sha256(packed) + "\n", encoding="ascii")
        os.replace(checksum, _checksum_file(cached))  # checksum first, as for the snapshot
        os.replace(packed, cached)
    return True


def _zip_of(folder, names):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), (folder / name).read_bytes())
    return buffer.getvalue()
