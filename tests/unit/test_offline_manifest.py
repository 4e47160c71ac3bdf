"""The offline worker's manifest: every file of the build with the hash of the bytes written, and
a worker that checks each download against it (the browser side is proven in
tests/e2e/test_redeploy.py)."""

import hashlib
import json
import re

from builder.offline import write_service_worker


def small_build(folder):
    (folder / "assets" / "abc123" / "css").mkdir(parents=True)
    (folder / "index.html").write_text("<!doctype html><title>A</title>", encoding="utf-8")
    (folder / "assets" / "abc123" / "css" / "article.css").write_text("p { color: red }")
    (folder / "assets" / "abc123" / "backprop.zip").write_bytes(bytes(range(256)) * 40)
    (folder / ".nojekyll").write_text("")
    (folder / ".build-manifest").write_text("index.html\n")
    return folder


def manifest_of(worker_source):
    found = re.search(r"^const MANIFEST = (\{.*?^\});$", worker_source, re.MULTILINE | re.DOTALL)
    assert found, "sw.js declares no MANIFEST"
    return json.loads(found.group(1))


def test_the_manifest_holds_the_sha256_of_every_file_as_written(tmp_path):
    site = small_build(tmp_path)
    write_service_worker(site)
    manifest = manifest_of((site / "sw.js").read_text(encoding="utf-8"))
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    # Everything a reader needs, nothing Pages-only, and the worker does not cache itself.
    assert set(manifest) == files - {".nojekyll", ".build-manifest", "sw.js"} | {"./"}
    for url, digest in manifest.items():
        path = site / ("index.html" if url == "./" else url)
        assert digest == hashlib.sha256(path.read_bytes()).hexdigest(), url


def test_one_changed_byte_gives_the_build_another_cache(tmp_path):
    first = write_service_worker(small_build(tmp_path / "a"))
    site = small_build(tmp_path / "b")
    (site / "assets" / "abc123" / "css" / "article.css").write_text("p { color: rad }")
    assert write_service_worker(site) != first


def test_the_worker_fetches_past_the_http_cache_and_checks_every_hash(tmp_path):
    site = small_build(tmp_path)
    write_service_worker(site)
    source = (site / "sw.js").read_text(encoding="utf-8")
    assert "cache.addAll" not in source  # it trusts whatever the HTTP cache holds
    assert re.search(r'fetch\(url, \{ cache: mode \}\)', source)
    assert '["no-cache", "reload"]' in source
    assert 'crypto.subtle.digest("SHA-256"' in source
    assert "=== MANIFEST[url]" in source
