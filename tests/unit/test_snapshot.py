"""Python's start-up snapshot at build time: shipped under a content-hashed name, cached per
Pyodide version, optional, and never a reason for a build to fail."""

import gzip
import hashlib
import json
import logging
import os
import re
import shutil
import subprocess

import pytest

from builder import REPO_DIR
from builder import snapshot as snapshot_module
from tests.articles import build, build_tiny_site, files_of, tiny_article


def runtime_of(out):
    page = (out / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="runtime-config">(.*?)</script>', page, re.S)
    return json.loads(found.group(1))


def unpacked(packed):
    """The memory image in a snapshot as shipped, its zero runs put back: what snapshot-start.mjs's
    unpackZeroRuns makes of it, written apart from it from the format it documents."""
    assert packed[:4] == b"BPZ1"
    at = 8

    def number():  # unsigned LEB128
        nonlocal at
        value = shift = 0
        while True:
            byte = packed[at]
            at += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                return value

    runs = [(number(), number()) for _ in range(number())]
    image = bytearray()
    for kept, zeros in runs:
        image += packed[at:at + kept] + bytes(zeros)
        at += kept
    image += packed[at:]
    assert len(image) == int.from_bytes(packed[4:8], "little")
    return bytes(image)


def memory_of(out):
    return unpacked(gzip.decompress((out / runtime_of(out)["snapshot"]).read_bytes()))


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    """An empty snapshot cache, so the test sees the snapshot being made (or not)."""
    monkeypatch.setattr(snapshot_module, "CACHE_DIR", tmp_path / "cache")
    return tmp_path / "cache"


@pytest.fixture
def stand_in_maker(tmp_path, monkeypatch):
    """A maker that writes a recognisable file (Pyodide itself takes seconds) and logs each run;
    returns that log."""
    runs = tmp_path / "maker-runs.txt"
    maker = tmp_path / "maker.mjs"
    maker.write_text('import { appendFileSync, writeFileSync } from "node:fs";\n'
                     'writeFileSync(process.argv[3], "stand-in snapshot");\n'
                     f'appendFileSync({json.dumps(str(runs))}, "run\\n");\n')
    monkeypatch.setattr(snapshot_module, "MAKER", maker)
    return runs


def test_the_site_ships_a_gzipped_memory_snapshot_named_after_its_content(tiny_site):
    out = tiny_site()
    runtime = runtime_of(out)
    path = out / runtime["snapshot"]
    assert runtime["snapshot"].startswith(runtime["pyodide"])
    data = path.read_bytes()
    assert data[:2] == b"\x1f\x8b"
    assert hashlib.sha256(data).hexdigest()[:12] in path.name
    memory = unpacked(gzip.decompress(data))
    assert memory[:4] == b"\x00snp" and len(memory) > 16 * 2**20  # Pyodide's header, then a heap
    assert str(REPO_DIR).encode() not in memory  # no path of the machine that built it


def test_the_snapshot_keeps_no_freed_memory(tiny_site):
    """Memory Python freed during its start is zeroed before the snapshot is taken: it held, among
    others, the source of every module compiled then (ipaddress's, read for urllib.parse), which
    cost about 1 MB of the gzipped file for nothing."""
    out = tiny_site()
    memory = memory_of(out)
    # The head of ipaddress.py: its licence comment is in no live object, unlike its docstring.
    assert b'Licensed to PSF under a Contributor Agreement.\n\n"""A fast' not in memory


def test_the_snapshot_leaves_out_the_memory_the_wasm_itself_brings(tiny_site):
    """The wasm's data segments (3.2 MB: the memory every instance starts from) are XORed out of
    the snapshot, so what Python never changed is zeros; the worker XORs them back in."""
    out = tiny_site()
    runtime = runtime_of(out)
    memory = memory_of(out)
    wasm = (out / runtime["pyodide"] / "pyodide.asm.wasm").read_bytes()
    usage = b"[-c cmd | -m mod | file | -]"  # Python's usage line, a constant it never changes
    assert usage in wasm and usage not in memory
    assert len(gzip.compress(memory, 9)) < 4e6


def test_the_snapshot_leaves_out_its_runs_of_zeros_and_is_smaller_for_it(tiny_site):
    out = tiny_site()
    shipped = (out / runtime_of(out)["snapshot"]).read_bytes()
    packed = gzip.decompress(shipped)
    memory = unpacked(packed)
    assert len(packed) < len(memory) / 3
    assert b"\0" * 128 not in packed[packed.index(b"\0snp"):]  # every run of 128 zeros left out
    assert len(shipped) < len(gzip.compress(memory, 9, mtime=0)) - 50_000


# Restores a site's snapshot in Pyodide under Node, as the worker does (the reader's own
# functions put the memory back together), and prints what Python says to argv[3].
RESTORE = """
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { pathToFileURL } from "node:url";
const [site, snapshot, code] = process.argv.slice(1); // -e: no script in argv
const reader = await import(pathToFileURL(process.env.READER).href);
const runtime = site + "/" + JSON.parse(process.env.RUNTIME).pyodide;
const packed = gunzipSync(readFileSync(site + "/" + snapshot));
const wasm = new Uint8Array(readFileSync(runtime + "pyodide.asm.wasm"));
const memory = reader.xorDataSegments(reader.unpackZeroRuns(packed), wasm);
const { loadPyodide } = await import(pathToFileURL(runtime + "pyodide.mjs").href);
const pyodide = await loadPyodide({ indexURL: runtime, _loadSnapshot: memory });
console.log(pyodide.runPython(code));
"""


def test_the_snapshot_freezes_what_start_up_made_so_the_collector_never_walks_it(tiny_site):
    """gc.freeze() before the snapshot: the widgets' first calls paid a full pass over every object
    of Python's start (17-29 ms in Pyodide under Node), 1-6 ms once they were frozen."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("no node")
    out = tiny_site()
    runtime = runtime_of(out)
    env = {**os.environ, "READER": str(snapshot_module.READER), "RUNTIME": json.dumps(runtime)}
    said = subprocess.run([node, "--input-type=module", "-e", RESTORE, str(out),
                           runtime["snapshot"], "import gc; gc.get_freeze_count()"],
                          env=env, check=True, capture_output=True, text=True).stdout
    assert int(said.split()[-1]) > 10_000


def test_python_snapshot_false_ships_none(tiny_site):
    site = tiny_site(config={"python_snapshot": False})
    assert "snapshot" not in runtime_of(site)
    assert not list(site.rglob("*.bin.gz"))


def test_without_node_the_build_warns_and_goes_on_without_a_snapshot(tiny_site, fresh_cache,
                                                                        monkeypatch, caplog):
    monkeypatch.setattr(snapshot_module.shutil, "which", lambda name: None)
    with caplog.at_level(logging.WARNING, logger="builder"):
        site = tiny_site()
    assert "no 'node' on PATH" in caplog.text
    assert "snapshot" not in runtime_of(site)
    assert not fresh_cache.exists() or not list(fresh_cache.iterdir())


def test_a_failing_snapshot_maker_is_reported_and_the_build_goes_on(tmp_path, tiny_site,
                                                                      fresh_cache, monkeypatch,
                                                                      caplog):
    broken = tmp_path / "broken.mjs"
    broken.write_text('console.error("pyodide exploded"); process.exit(1);\n')
    monkeypatch.setattr(snapshot_module, "MAKER", broken)
    with caplog.at_level(logging.WARNING, logger="builder"):
        site = tiny_site()
    assert "could not make Python's start-up snapshot (pyodide exploded)" in caplog.text
    assert "snapshot" not in runtime_of(site)
    assert list(fresh_cache.iterdir()) == []  # nothing half-made is left to be reused


def test_the_cache_key_follows_the_maker_script(tmp_path, monkeypatch):
    before = snapshot_module.cache_key()
    changed = tmp_path / "maker.mjs"
    changed.write_text(snapshot_module.MAKER.read_text() + "\n// changed\n")
    monkeypatch.setattr(snapshot_module, "MAKER", changed)
    assert snapshot_module.cache_key() != before


def test_a_cache_emptied_between_builds_is_filled_again(tmp_path, fresh_cache, stand_in_maker):
    config = tiny_article(tmp_path / "content")
    for _ in range(2):
        build(config, tmp_path / "site")
        shipped = tmp_path / "site" / runtime_of(tmp_path / "site")["snapshot"]
        assert gzip.decompress(shipped.read_bytes()) == b"stand-in snapshot"
        for cached in fresh_cache.iterdir():  # e.g. `npm ci` while serve runs
            cached.unlink()


def test_a_tampered_cached_snapshot_is_detected_and_made_again(fresh_cache, stand_in_maker, caplog):
    cached = snapshot_module.pyodide_snapshot()
    made = cached.read_bytes()
    assert snapshot_module.pyodide_snapshot() == cached  # intact: used as it is, not made again
    assert stand_in_maker.read_text() == "run\n"
    cached.write_bytes(gzip.compress(b"someone else's memory", mtime=0))
    with caplog.at_level(logging.WARNING, logger="builder"):
        again = snapshot_module.pyodide_snapshot()
    assert "does not match the SHA-256 recorded when it was made" in caplog.text
    assert again == cached and again.read_bytes() == made
    assert stand_in_maker.read_text() == "run\nrun\n"


def test_a_cached_snapshot_without_its_checksum_is_made_again(fresh_cache, stand_in_maker):
    cached = snapshot_module.pyodide_snapshot()
    cached.write_bytes(b"not even gzip")
    cached.with_name(cached.name + ".sha256").unlink(missing_ok=True)
    assert gzip.decompress(snapshot_module.pyodide_snapshot().read_bytes()) == b"stand-in snapshot"


# ----- reproducible across clones ----------------------------------------------------------------

@pytest.fixture(scope="module")
def two_clones(tmp_path_factory):
    """Two snapshot caches filled by separate Node processes, as two fresh clones would be: this
    checkout's own (made now if it is not yet), and a fresh one made on a machine set to another
    time zone and language. Making one takes 5-30 s, depending on the machine's load."""
    made = []
    fresh = tmp_path_factory.mktemp("other-clone") / "cache"
    for cache, zone, language in ((snapshot_module.CACHE_DIR, "UTC", "C.UTF-8"),
                                  (fresh, "Asia/Tokyo", "de_DE.UTF-8")):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(snapshot_module, "CACHE_DIR", cache)
            patch.setenv("TZ", zone)
            patch.setenv("LANG", language)
            path = snapshot_module.pyodide_snapshot()
        assert path is not None, "the snapshot could not be made (is node on PATH?)"
        made.append((cache, path))
    return made


def test_two_snapshots_made_in_separate_processes_are_identical(two_clones):
    (_, first), (_, second) = two_clones
    one, two = gzip.decompress(first.read_bytes()), gzip.decompress(second.read_bytes())
    if one != two:
        differing = sum(a != b for a, b in zip(one, two)) + abs(len(one) - len(two))
        pytest.fail(f"{differing} bytes of Python's memory differ between the two snapshots")
    assert first.read_bytes() == second.read_bytes()  # and the gzip around it too


def test_two_clones_in_different_folders_build_byte_identical_sites(two_clones, tmp_path,
                                                                      monkeypatch):
    sites = []
    for (cache, _), folder in zip(two_clones, (tmp_path / "a", tmp_path / "elsewhere" / "b")):
        monkeypatch.setattr(snapshot_module, "CACHE_DIR", cache)
        sites.append(build_tiny_site(folder))
    first, second = map(files_of, sites)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    assert "snapshot" in runtime_of(sites[0])
