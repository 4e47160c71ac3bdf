"""Python's start-up snapshot in the browser: used when present, and never a reason to fail."""

import gzip
import io
import zipfile

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import ask_the_python_worker, assert_no_console_errors, wait_for_python
from tests.e2e.test_foundation import manual_tuning_loss

pytestmark = pytest.mark.e2e


def press_right_and_expect_the_loss(page):
    widget = page.locator(".widget-manual-tuning")
    widget.get_by_role("slider", name="Weight w", exact=True).press("ArrowRight")
    expect(widget.get_by_role("status", name="loss", exact=True)).to_have_text(
        f"{manual_tuning_loss(-0.81, -0.02):.7f}")


def test_python_starts_from_the_snapshot_and_computes(page, site_url):
    snapshots = []
    page.on("request", lambda r: ".bin.gz" in r.url and snapshots.append(r.url))
    page.goto(site_url)
    wait_for_python(page)
    assert page.locator("html").get_attribute("data-python-started") == "from snapshot"
    assert len(snapshots) == 1 and "/vendor/pyodide-" in snapshots[0]
    press_right_and_expect_the_loss(page)
    assert_no_console_errors(page)


@pytest.mark.parametrize("answer", [
    {"status": 404, "body": "gone"},
    {"status": 200, "body": b"\x1f\x8b not really gzip"},
    {"status": 200, "body": b"plain garbage, not a memory image" * 100},
], ids=["missing", "broken-gzip", "garbage"])
def test_a_bad_snapshot_falls_back_to_an_ordinary_start(page, site_url, answer):
    page.route("**/*.bin.gz", lambda route: route.fulfill(**answer))
    warnings = []
    page.on("console", lambda m: m.type == "warning" and warnings.append(m.text))
    page.goto(site_url)
    wait_for_python(page)
    assert page.locator("html").get_attribute("data-python-started") == "cold"
    assert any("snapshot did not load" in w for w in warnings), warnings
    press_right_and_expect_the_loss(page)


def cut_short(route):
    body = route.fetch().body()
    route.fulfill(status=200, body=body[:len(body) // 2])


def damaged_after_its_size(route):
    # A packed snapshot's header (mark, a memory size), then runs that do not add up.
    route.fulfill(status=200, body=gzip.compress(b"BPZ1" + (32 << 20).to_bytes(4, "little")
                                                 + b"\x05\x01\x02" + b"\x07" * 5000))


@pytest.mark.parametrize("serve", [cut_short, damaged_after_its_size],
                         ids=["cut-short", "damaged-after-its-size"])
def test_a_snapshot_that_fails_once_pyodide_has_its_size_falls_back_too(page, site_url, serve):
    # Pyodide is handed the memory's buffer as soon as the snapshot says its size: a snapshot
    # that fails after that must still end in an ordinary start, not in a wait without end.
    page.route("**/*.bin.gz", serve)
    warnings = []
    page.on("console", lambda m: m.type == "warning" and warnings.append(m.text))
    page.goto(site_url)
    wait_for_python(page)
    assert page.locator("html").get_attribute("data-python-started") == "cold"
    assert any("snapshot did not load" in w for w in warnings), warnings
    press_right_and_expect_the_loss(page)


# No op of the article draws an unseeded random number, so this test adds one: the page's own
# backprop archive, served with one more widget module whose op is `random.random`. Everything
# else is the real page: its worker, its snapshot, its start-up.
RANDOM_PROBE = "import random\n\nOPS = {'draw': random.random}\n"


def serve_backprop_with_a_random_probe(route):
    response = route.fetch()
    archive = io.BytesIO(response.body())
    with zipfile.ZipFile(archive, "a") as bundle:
        bundle.writestr("backprop/widgets/random_probe.py", RANDOM_PROBE)
    route.fulfill(response=response, body=archive.getvalue())


def draw_in_the_python_worker(page):
    """random.random() in the page's own Python worker, asked the way the page asks it."""
    return ask_the_python_worker(page, "random-probe.draw")


def test_every_page_load_draws_its_own_random_numbers(browser, site_url):
    draws = []
    for _ in range(2):  # two readers
        context = browser.new_context()
        try:
            page = context.new_page()
            page.route("**/backprop.zip", serve_backprop_with_a_random_probe)
            page.goto(site_url)
            wait_for_python(page)
            assert page.locator("html").get_attribute("data-python-started") == "from snapshot"
            draws.append(draw_in_the_python_worker(page))
        finally:
            context.close()
    first, second = draws
    assert 0 <= first < 1 and 0 <= second < 1
    assert first != second
