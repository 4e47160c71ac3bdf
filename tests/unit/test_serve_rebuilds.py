"""serve over HTTP, without a browser: any failed build is reported and the next save recovers,
a request during a rebuild's swap is answered from a complete folder, odd requests get one answer
and no traceback, and an output folder the build refuses is never served."""

import os
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from builder import REPO_DIR, output
from builder import preview_server
from builder.preview_server import make_server, serve_with_reload
from tests.articles import SECTION, tiny_article
from tests.waiting import wait_until

DEADLINE_S = 120  # generous: two cores shared with other test runs


def get(url):
    """(status, body) without raising on an error status."""
    try:
        with urllib.request.urlopen(url, timeout=DEADLINE_S) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", "replace")


@pytest.fixture
def serving_article(tmp_path):
    """serve_with_reload on a small article; yields (section file, site URL, server)."""
    servers = []

    def start(section=SECTION):
        config = tiny_article(tmp_path / "content", section)
        server = serve_with_reload(config, tmp_path / "site", port=0)
        servers.append(server)
        return config.parent / "one.md", f"http://127.0.0.1:{server.server_address[1]}/", server

    yield start
    for server in servers:
        server.stopping.set()
        server.shutdown()
        server.server_close()


@pytest.fixture
def build_raises_on_boom(monkeypatch):
    """serve's build raises a ValueError (not a BuildError) while the section says BOOM, as a
    NUL in an image path once did, killing the watcher without a word."""
    real = preview_server.build

    def build(config, out, **options):
        if "BOOM" in (Path(config).parent / "one.md").read_text():
            raise ValueError("embedded null byte")
        return real(config, out, **options)

    monkeypatch.setattr(preview_server, "build", build)


def test_a_rebuild_that_raises_any_exception_is_reported_and_the_next_save_recovers(
        serving_article, build_raises_on_boom):
    section, url, server = serving_article()
    section.write_text(SECTION + "\nBOOM\n")
    wait_until(lambda: server.reloads.error, timeout=DEADLINE_S,
               what="the failed rebuild to be reported")
    assert "unexpected ValueError: embedded null byte" in server.reloads.error
    status, page = get(url)
    assert status == 200 and "Hello" in page  # the previous site is still served
    section.write_text(SECTION + "\nA fixed sentence.\n")
    wait_until(lambda: server.reloads.error is None and server.reloads.generation >= 2,
               timeout=DEADLINE_S, what="the watcher to rebuild after the fix")
    assert "A fixed sentence." in get(url)[1]


def test_a_first_build_that_raises_any_exception_is_the_page_until_fixed(
        serving_article, build_raises_on_boom):
    section, url, server = serving_article(SECTION + "\nBOOM\n")
    status, page = get(url)
    assert status == 503 and "unexpected ValueError: embedded null byte" in page
    section.write_text(SECTION)
    wait_until(lambda: get(url)[0] == 200, timeout=DEADLINE_S, what="the fixed site to be served")


class ObservedLock:
    """A lock that tells when someone had to wait for it."""

    def __init__(self):
        self.lock = threading.Lock()
        self.waited = threading.Event()

    def __enter__(self):
        if not self.lock.acquire(blocking=False):
            self.waited.set()
            self.lock.acquire()
        return self

    def __exit__(self, *exc):
        self.lock.release()


def test_a_request_made_while_the_site_is_swapped_is_answered_from_the_new_folder(
        serving_article, monkeypatch):
    section, url, server = serving_article()
    out = Path(server.RequestHandlerClass.keywords["directory"])
    lock = ObservedLock()
    monkeypatch.setattr(output, "SWAP_LOCK", lock)
    answers = []
    real_rename = os.rename

    def rename(source, destination):
        real_rename(source, destination)
        if Path(source) == out:  # the old site just left: for a moment no folder is there
            probe = threading.Thread(target=lambda: answers.append(get(url + "index.html")))
            probe.start()
            # Until the request is answered, or waits for the swap to end: then finish the swap.
            wait_until(lambda: answers or lock.waited.is_set(), timeout=DEADLINE_S,
                       what="the request to be handled")

    monkeypatch.setattr(os, "rename", rename)
    section.write_text(SECTION + "\nThe new build's sentence.\n")
    wait_until(lambda: server.reloads.generation >= 1, timeout=DEADLINE_S, what="the rebuild")
    wait_until(lambda: answers, timeout=DEADLINE_S, what="the answer")
    status, page = answers[0]
    assert status == 200 and "The new build's sentence." in page


def test_a_nul_in_the_address_is_a_bad_request_and_the_server_goes_on(tiny_site, capfd):
    server = make_server(tiny_site(), port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        assert get(url + "index.html%00.txt")[0] == 400
        assert get(url + "vendor%00/")[0] in (400, 404)
        assert get(url + "index.html")[0] == 200
    finally:
        server.shutdown()
        server.server_close()
    assert "Traceback" not in capfd.readouterr().err


@pytest.mark.parametrize("out, refusal", [
    ("../content", "it holds the article's own article.toml"),
    (".", "it holds the current folder"),  # a directory listing of the author's files
])
def test_serve_does_not_serve_an_output_folder_the_build_refuses(tmp_path, out, refusal):
    config = tiny_article(tmp_path / "content")
    (tmp_path / "work").mkdir()
    run = subprocess.run([sys.executable, "-m", "builder", "serve", "--config", str(config),
                          "--out", out, "--port", "0"],
                         capture_output=True, text=True, cwd=tmp_path / "work", timeout=DEADLINE_S,
                         env={**os.environ, "PYTHONPATH": str(REPO_DIR)})
    assert run.returncode == 1
    assert "will not build into this folder: " + refusal in run.stderr
    assert "Serving" not in run.stdout
    assert len(run.stderr.strip().splitlines()) == 1 and "Traceback" not in run.stderr


def test_files_named_after_their_content_are_kept_and_the_rest_asked_again(tiny_site):
    site = tiny_site()
    server = make_server(site, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"

    def cache_control(path):
        with urllib.request.urlopen(url + path, timeout=DEADLINE_S) as response:
            return response.headers["Cache-Control"]
    named = [path.relative_to(site).as_posix() for folder in ("assets", "vendor")
             for path in (site / folder).rglob("*.js")][:4]
    try:
        assert len(named) == 4
        for path in named:  # a new build names a changed file anew: safe to keep for good
            assert cache_control(path) == "public, max-age=31536000, immutable", path
        for path in ("", "index.html", "sw.js", "embed/host.js"):  # same names across builds
            assert cache_control(path) == "no-cache", path
        assert cache_control(named[0] + "?v=1") == "public, max-age=31536000, immutable"
    finally:
        server.shutdown()
        server.server_close()
