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


def answer_with(**answer):
    return lambda route: route.fulfill(**answer)


def cut_short(route):
    body = route.fetch().body()
    route.fulfill(status=200, body=body[:len(body) // 2])


# A packed snapshot's header (its mark, a memory size), then runs that do not add up.
DAMAGED_RUNS = gzip.compress(b"BPZ1" + (32 << 20).to_bytes(4, "little") + b"\x05\x01\x02"
                             + b"\x07" * 5000)


@pytest.mark.parametrize("serve", [
    answer_with(status=404, body="gone"),
    answer_with(status=200, body=b"\x1f\x8b not really gzip"),
    answer_with(status=200, body=b"plain garbage, not a memory image" * 100),
    cut_short,
    answer_with(status=200, body=DAMAGED_RUNS),
], ids=["missing", "broken-gzip", "garbage", "cut-short", "damaged-runs"])
def test_a_bad_snapshot_falls_back_to_an_ordinary_start(page, site_url, serve):
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
