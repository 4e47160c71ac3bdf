"""How Python's start in the browser gets backprop (issue 17): from its zip as it is, read as
the bytecode the build compiled, with the start-up snapshot however the host sends it; and how
a reader's first key press is answered before the figures' own first calls."""

import gzip
import io
import zipfile

import pytest

from tests.e2e.helpers import (RECORD_CALLS, ask_the_python_worker, assert_no_console_errors,
                               sent_calls, wait_for_python)
from tests.e2e.test_failure_is_local import site_with
from tests.e2e.test_snapshot import press_right_and_expect_the_loss

pytestmark = pytest.mark.e2e

# One more widget module in the page's own backprop archive, whose op says where the worker's
# Python found backprop's modules; everything else is the real page.
# It imports them itself: a probe may be answered before the figures' first calls have.
WHERE_PROBE = ("import importlib\n\n"
               "def origins():\n"
               "    return {name: importlib.import_module(name).__spec__.origin\n"
               "            for name in ('backprop.api', 'backprop.mlp')}\n\n"
               "OPS = {'origins': origins}\n")


def serve_backprop_with_a_where_probe(route):
    response = route.fetch()
    archive = io.BytesIO(response.body())
    with zipfile.ZipFile(archive, "a") as bundle:
        bundle.writestr("backprop/widgets/where_probe.py", WHERE_PROBE)
    route.fulfill(response=response, body=archive.getvalue())


def test_backprop_is_imported_from_its_zip_as_precompiled_bytecode(page, site_url):
    page.route("**/backprop.zip", serve_backprop_with_a_where_probe)
    page.goto(site_url)
    wait_for_python(page)
    assert page.locator("html").get_attribute("data-python-started") == "from snapshot"
    assert ask_the_python_worker(page, "where-probe.origins") == {
        "backprop.api": "/home/pyodide/backprop.zip/backprop/api.pyc",
        "backprop.mlp": "/home/pyodide/backprop.zip/backprop/mlp.pyc",
    }
    press_right_and_expect_the_loss(page)
    assert_no_console_errors(page)


def test_a_snapshot_the_host_already_inflated_still_starts_python_from_it(page, built_site, tmp_path):
    # The worker inflates the snapshot as it arrives; a host that sent it with a Content-Encoding
    # hands the page the memory itself, which must be taken as it is. (A copy of the site serves
    # it: routing 31 MB through the test's browser connection takes longer than a start.)
    [snapshot] = built_site.glob("vendor/pyodide-*/snapshot-*.bin.gz")
    memory = gzip.decompress(snapshot.read_bytes())
    with site_with(built_site, tmp_path, "vendor/pyodide-*/snapshot-*.bin.gz", memory) as url:
        page.goto(url)
        wait_for_python(page)
        assert page.locator("html").get_attribute("data-python-started") == "from snapshot"
        press_right_and_expect_the_loss(page)


def test_the_figures_first_calls_are_background_and_a_readers_are_not(page, site_url):
    page.add_init_script(RECORD_CALLS)
    page.goto(site_url)
    wait_for_python(page)
    first = sent_calls(page)
    assert first and all(call["background"] for call in first), first
    assert "network-tool.from_address" in {call["op"] for call in first}
    press_right_and_expect_the_loss(page)
    pressed = sent_calls(page)[len(first):]
    assert pressed and not any(call["background"] for call in pressed), pressed


def test_the_worker_answers_a_readers_call_before_the_background_calls_that_came_first(
        page, site_url):
    page.goto(site_url)
    wait_for_python(page)
    (worker,) = page.workers
    # Four calls in one task, so all wait together for the worker's next turn.
    order = worker.evaluate("""() => new Promise((resolve) => {
        const post = self.postMessage;
        const answered = [];
        self.postMessage = (message) => {
            if (!String(message.id).startsWith("probe-")) return post.call(self, message);
            answered.push(message.id);
            if (answered.length === 4) {
                self.postMessage = post;
                resolve(answered);
            }
        };
        for (const [id, background] of [["probe-figure-1", true], ["probe-figure-2", true],
                                        ["probe-reader", false], ["probe-figure-3", true]]) {
            self.dispatchEvent(new MessageEvent("message", { data: { type: "call", id,
                channel: id, op: "manual-tuning.evaluate", args: { w: 1, b: 0 }, background } }));
        }
    })""")
    assert order == ["probe-reader", "probe-figure-1", "probe-figure-2", "probe-figure-3"]
    assert_no_console_errors(page)


# The page's own "init" message never reaches the worker.
DROP_INIT = """
const post = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (message, ...rest) {
  if (message && message.type === "init") return;
  return post.call(this, message, ...rest);
};
"""


def test_the_articles_worker_starts_python_from_its_own_address_not_waiting_for_the_page(
        page, site_url):
    # start-python.js writes the start into the worker's address, which the worker reads as its
    # module runs: the page's message, passed on once its main thread is free, comes later.
    page.add_init_script(DROP_INIT)
    page.goto(site_url)
    wait_for_python(page)
    assert page.locator("html").get_attribute("data-python-started") == "from snapshot"
    press_right_and_expect_the_loss(page)
    assert_no_console_errors(page)


# Every module of ours a page fetched, by its path under the assets' js/ folder.
OUR_SCRIPTS = """performance.getEntriesByType("resource").map((entry) => new URL(entry.name).pathname)
  .filter((path) => path.includes("/assets/") && /\\.m?js$/.test(path))
  .map((path) => path.split("/js/").pop())"""


@pytest.mark.parametrize("address", ["", "embed/network-tool.html"], ids=["article", "embed"])
def test_a_page_runs_our_scripts_as_one_module(page, site_url, address):
    """builder/script_bundle.py: app.js holds every module it imports and every widget's script,
    so a page live with all its figures has fetched no other module of ours (the classic
    scripts in its head aside, the cells' editor, which comes apart when a cell is near, and the
    article's own worker)."""
    page.goto(site_url + address)
    wait_for_python(page)
    fetched = page.evaluate(OUR_SCRIPTS)
    assert "app.js" in fetched and not any(path.startswith("widgets/") for path in fetched), fetched
    assert set(fetched) - {"editor.js", "worker.mjs"} == {"app.js", "boot.js", "start-python.js",
                                                          "theme.js"}, fetched


@pytest.mark.parametrize("path, early", [
    ("", ["start-python.js", "article.css", "fonts.css", "katex.min.css"]),
    ("embed/network-tool.html", ["start-python.js"]),
], ids=["article", "embed"])
def test_the_heads_files_are_asked_for_before_the_first_script_arrives(page, site_url, path, early):
    # The page's policy is a <meta>, which turns off Chromium's look-ahead parser: without the
    # head's preloads each of these waited for theme.js to arrive and run (_page_head.html).
    page.goto(site_url + path)
    starts = page.evaluate("""() => Object.fromEntries(performance.getEntriesByType("resource")
        .map((entry) => [entry.name.split("/").pop(), [entry.startTime, entry.responseEnd]]))""")
    theme_arrived = starts["theme.js"][1]
    for name in early:
        assert starts[name][0] < theme_arrived, (name, starts[name], starts["theme.js"])
    assert_no_console_errors(page)
