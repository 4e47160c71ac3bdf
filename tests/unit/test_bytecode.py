"""backprop's bytecode, compiled at build time by Pyodide's Python (builder/bytecode.py): shipped
beside the source in backprop.zip, reproducible, and never a reason for a build to fail."""

import io
import logging
import zipfile

import pytest

from builder import bytecode
from builder.assets import backprop_zip

PYTHON_314_MAGIC = (3627).to_bytes(2, "little") + b"\r\n"
UNCHECKED_HASH = 1  # PEP 552 flags: hash-based, the source not checked


def names_and_bytes(package):
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_backprop_zip_holds_an_unchecked_hash_pyc_of_python_3_14_beside_every_module():
    files = names_and_bytes(backprop_zip())
    sources = sorted(name for name in files if name.endswith(".py"))
    assert sources and sorted(name for name in files if name.endswith(".pyc")) == [
        name + "c" for name in sources]
    for name in sources:
        header = files[name + "c"][:16]
        assert header[:4] == PYTHON_314_MAGIC, name
        assert int.from_bytes(header[4:8], "little") == UNCHECKED_HASH, name
        assert f"{bytecode.BUNDLE_PATH}/{name}".encode() in files[name + "c"]  # tracebacks' file


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(bytecode, "CACHE_DIR", tmp_path / "cache")
    return tmp_path / "cache"


def test_bytecode_made_by_two_separate_runs_is_identical(fresh_cache):
    entries = (("backprop/one.py", b"def f(x):\n    return {'a': x, 'b': [x, 2.5]}\n"),)
    first = bytecode.compiled(entries)
    for made in fresh_cache.glob("bytecode-*"):
        made.unlink()
    bytecode._made.clear()
    second = bytecode.compiled(entries)
    assert first and first == second


def test_without_node_backprop_ships_as_source_and_the_build_says_so(fresh_cache, monkeypatch,
                                                                      caplog):
    monkeypatch.setattr(bytecode.shutil, "which", lambda name: None)
    entries = (("backprop/lonely.py", b"X = 1\n"),)
    with caplog.at_level(logging.WARNING, logger="builder"):
        assert bytecode.compiled(entries) == {}
    assert "ships as source only" in caplog.text
