"""What end-to-end tests share: waiting for Python and asserting the page stayed on 127.0.0.1."""

from urllib.parse import urlparse

PYTHON_START_TIMEOUT_MS = 60_000  # generous: 2 cores, cold wasm compile, a busy CI machine


def wait_for_python(page):
    page.wait_for_selector("#python-status[data-state=ready]", timeout=PYTHON_START_TIMEOUT_MS)


def assert_only_local_requests(page):
    hosts = {urlparse(url).hostname for url in page.recorder.requests
             if urlparse(url).scheme in ("http", "https", "ws", "wss")}
    assert hosts <= {"127.0.0.1"}, f"requests left the machine: {hosts}"


def assert_no_console_errors(page):
    assert page.recorder.console_errors == []
