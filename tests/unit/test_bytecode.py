"""backprop's bytecode, compiled at build time by Pyodide's Python (builder/bytecode.py): shipped
in backprop.zip with its source apart (backprop-source.zip, fetched once the page is live),
reproducible, and never a reason for a build to fail."""

import io
import logging
import zipfile

import pytest

from builder import bytecode
from builder import assets
from builder.assets import backprop_zips

PYTHON_314_MAGIC = (3627).to_bytes(2, "little") + b"\r\n"
UNCHECKED_HASH = 1  # PEP 552 flags: hash-based, the source not checked


def names_and_bytes(package):
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_backprop_zip_holds_an_unchecked_hash_pyc_of_python_3_14_for_every_module_of_its_source():
    start, source = backprop_zips()
    files, sources = names_and_bytes(start), names_and_bytes(source)
    assert sources and all(name.endswith(".py") for name in sources)
    assert sorted(name for name in files if name.startswith("backprop/")) == sorted(
        name + "c" for name in sources)  # no source: it comes later, for tracebacks
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


def test_without_bytecode_the_zip_python_imports_holds_the_source_and_none_comes_later(monkeypatch):
    monkeypatch.setattr(assets, "compiled", lambda entries: {})
    start, source = backprop_zips()
    assert source is None
    names = names_and_bytes(start)
    assert "backprop/mlp.py" in names and not any(name.endswith(".pyc") for name in names)
