"""`serve --open` opens the article in the browser once the server answers. The browser is a script named by BROWSER (which Python's webbrowser runs) that fetches
the address it is given and records it with the answer's status."""

import os
import subprocess
import sys

import pytest

from builder import REPO_DIR
from builder.commands.serve import browser_address
from tests.articles import tiny_article
from tests.waiting import wait_until

FAKE_BROWSER = """\
#!{python}
import sys, urllib.request
status = urllib.request.urlopen(sys.argv[1], timeout=30).status
with open({record!r}, "a") as record:
    record.write(f"{{sys.argv[1]}} {{status}}\\n")
"""


@pytest.fixture
def fake_browser(tmp_path):
    record = tmp_path / "opened.txt"
    browser = tmp_path / "browser"
    browser.write_text(FAKE_BROWSER.format(python=sys.executable, record=str(record)))
    browser.chmod(0o755)
    return browser, record


def serve(tmp_path, browser, *flags):
    config = tiny_article(tmp_path / "content")
    env = {**os.environ, "BROWSER": str(browser), "PYTHONPATH": str(REPO_DIR)}
    env.pop("DISPLAY", None)  # webbrowser must take BROWSER, not a desktop browser it finds
    return subprocess.Popen([sys.executable, "-m", "builder", "serve", "--config", str(config),
                             "--out", str(tmp_path / "site"), "--port", "0", *flags],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            cwd=tmp_path)


def served_address(process):
    """The address `serve` prints once it is listening."""
    for line in process.stdout:
        if line.startswith("Serving the article at "):
            return line.split()[4]
    raise AssertionError(f"serve stopped without serving (status {process.wait()})")


def stop(process):
    process.terminate()
    process.wait(timeout=60)


def test_serve_open_opens_the_served_address_once_it_answers(tmp_path, fake_browser):
    browser, record = fake_browser
    process = serve(tmp_path, browser, "--open")
    try:
        address = served_address(process)
        opened = wait_until(lambda: record.exists() and record.read_text(), timeout=120,
                            what="the browser to be opened")
        assert opened == f"{address} 200\n"  # the page answered the browser's first request
    finally:
        stop(process)


@pytest.mark.parametrize("host, expected", [
    ("127.0.0.1", "http://127.0.0.1:8000/"),
    ("0.0.0.0", "http://127.0.0.1:8000/"),
    ("::", "http://[::1]:8000/"),
    ("::1", "http://[::1]:8000/"),
    ("localhost", "http://localhost:8000/"),
])
def test_the_browser_is_sent_to_an_address_it_can_open(host, expected):
    assert browser_address(host, 8000) == expected


def dry_run(*args):
    """What `make -n ARGS` would run, as if typed in a shell (not inside an outer `make test`,
    whose MAKEFLAGS and MAKELEVEL would add "Entering directory" lines)."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    return subprocess.run(["make", "-n", "--no-print-directory", *args], cwd=REPO_DIR, env=env,
                          capture_output=True, text=True, timeout=60).stdout


def test_make_serve_passes_port_host_and_open_to_serve():
    dry = dry_run("serve", "PORT=8080", "HOST=0.0.0.0", "OPEN=1")
    command = dry.strip().splitlines()[-1].split()
    assert command[command.index("--host") + 1] == "0.0.0.0"
    assert command[command.index("--port") + 1] == "8080"
    assert "--open" in command
    assert "--open" not in dry_run("serve")
