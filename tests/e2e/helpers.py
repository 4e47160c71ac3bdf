"""What end-to-end tests share: waiting for Python and for a new build's worker, and asserting the
page stayed on 127.0.0.1."""

import re
import shutil
import tempfile
from pathlib import Path
from unittest import mock
from urllib.parse import urlparse

from playwright.sync_api import expect

from builder import script_bundle
from tests.waiting import wait_until

PYTHON_START_TIMEOUT_MS = 60_000  # generous: 2 cores, cold wasm compile, a busy CI machine


def wait_for_python(page):
    page.wait_for_selector("#python-status[data-state=ready]", timeout=PYTHON_START_TIMEOUT_MS)


def wait_for_live_figures(page):
    """Python is ready and every figure has been switched on (app.js says "ready" only after
    that), every call the figures made on waking is answered (<html data-python-calls>, kept by
    python-client.js) and the answers are painted (two animation frames later)."""
    wait_for_python(page)
    wait_until(lambda: page.evaluate("document.documentElement.dataset.pythonCalls ?? '0'") == "0",
               timeout=PYTHON_START_TIMEOUT_MS / 1000, what="every figure's first answers")
    page.evaluate("new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")


def waiting_service_worker(page):
    """The worker of ``page``'s site that waits for the old build's tabs to close, or None."""
    if not page.evaluate("navigator.serviceWorker.getRegistration()"
                         ".then((registration) => Boolean(registration && registration.waiting))"):
        return None
    # Playwright lists a service worker a moment after the browser has started it.
    return wait_until(lambda: next((worker for worker in page.context.service_workers
                                    if worker.evaluate("self.serviceWorker.state") == "installed"),
                                   None), what="the waiting worker to be listed")


def wait_until_activated(worker):
    """Until the browser has handed the site to ``worker``. It does so once it has seen the old
    build's last tab go, a moment after the tab has closed: a page opened before that is the old
    build's again (it is, now and then, on a busy machine)."""
    wait_until(lambda: worker.evaluate("self.serviceWorker.state") == "activated",
               what="the new build's worker to take over")


def assert_only_local_requests(page):
    hosts = {urlparse(url).hostname for url in page.recorder.requests
             if urlparse(url).scheme in ("http", "https", "ws", "wss")}
    assert hosts <= {"127.0.0.1"}, f"requests left the machine: {hosts}"


def assert_no_console_errors(page):
    assert page.recorder.console_errors == []


# An init script: every call the page sends its Python worker, dedicated or shared (the early
# worker is made in the head), in order, with its op and whether it is marked background.
RECORD_CALLS = """
window.sentCalls = [];
for (const kind of [Worker, MessagePort]) {
  const post = kind.prototype.postMessage;
  kind.prototype.postMessage = function (message, ...rest) {
    if (message && message.type === "call") {
      window.sentCalls.push({ op: message.op, background: Boolean(message.background) });
    }
    return post.call(this, message, ...rest);
  };
}
"""


def sent_calls(page):
    """The calls RECORD_CALLS has seen so far."""
    return page.evaluate("window.sentCalls")


def ask_the_python_worker(page, op):
    """An op's answer from the page's own Python worker, asked the way the page asks it."""
    (worker,) = page.workers
    return worker.evaluate("""(op) => new Promise((resolve, reject) => {
        const post = self.postMessage;
        self.postMessage = (message) => {
            if (message.id !== "test-probe") return post.call(self, message);
            self.postMessage = post;
            if (message.type === "result") resolve(message.result); else reject(message.error);
        };
        self.dispatchEvent(new MessageEvent("message", { data: { type: "call",
            id: "test-probe", channel: "test-probe", op, args: {} } }));
    })""", op)


def expect_the_status_to_tell_of_a_restart(page):
    """The status line says Python is restarting, or, the restart being over already (it can
    take well under a second), that it was restarted."""
    expect(page.locator("#python-status")).to_contain_text(re.compile("restart", re.IGNORECASE),
                                                           timeout=20_000)


def bundle_with_widget_broken(name):
    """The pages' bundle (js/app.js, builder/script_bundle.py) made from our scripts with widget
    ``name``'s throwing as it first runs: how one widget's script fails now that all ship in one
    file (minified, so the script is found in its source, not in the bundle)."""
    with tempfile.TemporaryDirectory() as tmp:
        scripts = Path(tmp) / "js"
        shutil.copytree(script_bundle.SCRIPTS, scripts)
        target = scripts / "widgets" / f"{name}.js"
        target.write_text(f'throw new Error("{name}.js broken by a test");\n'
                          + target.read_text(encoding="utf-8"), encoding="utf-8")
        with mock.patch.object(script_bundle, "SCRIPTS", scripts):
            bundle, _ = script_bundle.page_bundle()
    return bundle
