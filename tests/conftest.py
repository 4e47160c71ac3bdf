"""Shared fixtures: a freshly built site, a tiny article's site, a local server for them, and a
Chromium that can reach nothing but 127.0.0.1 (so any request to another host fails loudly)."""

import contextlib
import functools
import os
import shutil
import threading
from pathlib import Path

import pytest

from builder import REPO_DIR
from tests.articles import build, build_tiny_site, files_of

# Playwright's assertions give up after 5 s by default, which a busy two-core machine can spend on
# one Python answer. A long deadline only bounds a failure; a passing assertion returns at once.
ASSERTION_TIMEOUT_MS = 30_000
try:
    from playwright.sync_api import expect
    expect.set_options(timeout=ASSERTION_TIMEOUT_MS)
except ImportError:  # unit tests run without Playwright too
    pass

HARDENING_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The real article, built once per test session into a temporary folder."""
    out = tmp_path_factory.mktemp("site") / "site"
    build(REPO_DIR / "content" / "article.toml", out)
    return out


@pytest.fixture
def tiny_site(tmp_path):
    """tiny_site(section, **like tiny_article) -> the site built from a tiny article written into
    this test's tmp_path/content (see tests/articles.py)."""
    return functools.partial(build_tiny_site, tmp_path)


@pytest.fixture
def previous_site(tmp_path):
    """(site folder, its files) of an earlier good build of the tiny article, which a failing
    build must leave exactly as it is (tests.articles.assert_untouched)."""
    out = build_tiny_site(tmp_path)
    return out, files_of(out)


@contextlib.contextmanager
def serving(folder, **settings):
    """Serve ``folder`` on 127.0.0.1 (a free port) like ``serve`` does; yields the server.
    ``settings`` override server attributes, e.g. ``policy=...`` for the security header."""
    from builder.preview_server import make_server

    server = make_server(folder, port=0)
    for name, value in settings.items():
        setattr(server, name, value)
    with running(server):
        yield server


@contextlib.contextmanager
def running(server):
    """``server`` answering in a thread of its own until the block ends."""
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def url_of(server, path=""):
    return f"http://127.0.0.1:{server.server_address[1]}/{path}"


@pytest.fixture(scope="session")
def site_url(built_site):
    with serving(built_site) as server:
        yield url_of(server)


def chromium_executable(playwright):
    """$CHROMIUM_EXECUTABLE, else Playwright's own Chromium, else the system's (Debian) one."""
    if os.environ.get("CHROMIUM_EXECUTABLE"):
        return os.environ["CHROMIUM_EXECUTABLE"]
    if Path(playwright.chromium.executable_path).exists():
        return None  # Playwright finds its own
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no Chromium: install Debian's 'chromium' package or run 'playwright install chromium'")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_executable(playwright), args=HARDENING_ARGS, headless=True)
        yield browser
        browser.close()


class PageRecorder:
    """Everything a page did that a test may want to forbid: requests, console errors, crashes."""

    def __init__(self, page):
        self.requests = []
        self.console_errors = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))
        page.on("pageerror", lambda err: self.console_errors.append(str(err)))
        page.on("worker", lambda worker: worker.on("console", lambda msg: msg.type == "error"
                                                   and self.console_errors.append(msg.text)))


@pytest.fixture
def page(browser):
    context = browser.new_context()
    context.set_default_timeout(ASSERTION_TIMEOUT_MS)  # clicks and waits, for the same reason
    page = context.new_page()
    page.recorder = PageRecorder(page)
    yield page
    context.close()
