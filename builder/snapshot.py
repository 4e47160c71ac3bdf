"""A memory snapshot of Pyodide after start-up, so the reader's browser skips Python's own start.

Restoring the snapshot (``loadPyodide({_loadSnapshot})``) instead of starting the interpreter cut
Python's start in the worker from 2.3-3.0 s to 0.6-0.8 s on 2 cores (it is CPU that start-up
costs, not bytes). The price is the file: 31 MB of memory, which the worker inflates with the
browser's own DecompressionStream. Gzipped as Pyodide writes it, 6.1 MB; 3.6 MB as we write it,
with the memory Python freed zeroed, the wasm's own data segments XORed out
(static/js/snapshot-start.mjs puts them back from pyodide.asm.wasm, which downloads beside it)
and the runs of zeros left out (8 MB of the 31 are kept; the worker puts the zeros back).

Making one means running Pyodide, which the builder does through Node (installed anyway for npm)
once per Pyodide version: the gzipped file is kept in node_modules/.cache with its SHA-256 beside
it, checked on every use, so a cached file changed on disk is made again rather than shipped.
Making it is deterministic (snapshot.mjs), so two clones of the project build byte-identical sites.
Without Node, or if it fails, the build goes on without a snapshot and the page starts Python the
ordinary way; so does the worker if the snapshot will not load.
"""

import functools
import gzip
import hashlib
import logging
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from builder import PACKAGE_DIR
from builder.vendor import NODE_MODULES, node_package, sha256

log = logging.getLogger("builder")

MAKER = PACKAGE_DIR / "snapshot.mjs"
# The worker's side, which also says how the maker writes the file (the wasm's data XORed out).
READER = PACKAGE_DIR / "static" / "js" / "snapshot-start.mjs"
CACHE_DIR = NODE_MODULES / ".cache" / "backprop-explainer"
TIMEOUT_S = 180


@functools.cache
def _pyodide_core_hashes():
    # Hashing 13 MB takes a moment; a rebuild inside `serve` should not pay it again.
    return "".join(sha256(node_package("pyodide", name))
                   for name in ("pyodide.asm.wasm", "pyodide.asm.mjs", "python_stdlib.zip"))


def cache_key():
    """Changes whenever Pyodide's core or the way we make the snapshot does."""
    digest = hashlib.sha256(MAKER.read_bytes() + READER.read_bytes())
    digest.update(_pyodide_core_hashes().encode())
    return digest.hexdigest()[:16]


def pyodide_snapshot():
    """The gzipped snapshot's path, made now if not cached (or not intact); None when it cannot be made.

    Looked up on every build, so a cache emptied under a running `serve` is simply refilled."""
    cached = CACHE_DIR / f"pyodide-{node_package('pyodide')['version']}-{cache_key()}.bin.gz"
    if cached.is_file():
        if _intact(cached):
            return cached
        log.warning("warning: the cached Python start-up snapshot %s does not match the SHA-256 "
                    "recorded when it was made (changed on disk, or the record is gone): "
                    "making it again", cached)
    return _make(cached)


def _checksum_file(cached):
    return cached.with_name(cached.name + ".sha256")


def _intact(cached):
    try:
        recorded = _checksum_file(cached).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return False
    return recorded == sha256(cached)


def _make(cached):
    node = shutil.which("node")
    if node is None:
        log.warning("warning: no 'node' on PATH: built without a Python start-up snapshot "
                    "(Python will start about 2 s later in the browser)")
        return None
    log.info("making Pyodide's start-up snapshot (once per Pyodide version)")
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=CACHE_DIR) as tmp:
        raw = Path(tmp) / "snapshot.bin"
        try:
            subprocess.run([node, str(MAKER), str(node_package("pyodide", "")), str(raw)],
                           check=True, capture_output=True, text=True, timeout=TIMEOUT_S)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as err:
            detail = (getattr(err, "stderr", None) or str(err)).strip().splitlines()
            log.warning("warning: could not make Python's start-up snapshot (%s): built without one",
                        detail[-1] if detail else err)
            return None
        packed = Path(tmp) / "snapshot.bin.gz"
        # mtime=0: the same memory always makes the same bytes.
        packed.write_bytes(gzip.compress(raw.read_bytes(), 9, mtime=0))
        checksum = Path(tmp) / "snapshot.sha256"
        checksum.write_text(sha256(packed) + "\n", encoding="ascii")
        # Checksum first, then the file, each atomically: whoever sees the file sees its checksum.
        # Parallel builds make the very same bytes, so their writes agree.
        os.replace(checksum, _checksum_file(cached))
        os.replace(packed, cached)
    return cached
