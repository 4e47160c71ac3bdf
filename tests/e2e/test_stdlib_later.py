"""Python's standard library after the first answer (issue 17): a Python restored from the
snapshot answers the page without python_stdlib.zip (2.5 MB), which comes once Python has
answered and been idle for a moment; a reader's cell that imports from it before then gets it at
once."""

import pytest
from playwright.sync_api import expect

from tests.conftest import ASSERTION_TIMEOUT_MS, PageRecorder
from tests.e2e.helpers import assert_no_console_errors, wait_for_python
from tests.e2e.test_live_cells import (  # noqa: F401 (fixtures)
    cells_article, cells_site, cells_url, edit, editors_ready, finished_requests, held_request,
    held_routes, opened_offline, run_and_wait, start_run)
from tests.e2e.test_snapshot import press_right_and_expect_the_loss
from tests.waiting import wait_until

pytestmark = pytest.mark.e2e

STATISTICS = "import statistics\nprint(statistics.mean([1, 2, 9]))"


@pytest.fixture
def page_without_service_worker(browser):
    """A page whose requests all pass page.route: the site's service worker (offline.py) would
    otherwise fetch and answer the library itself, unseen, once it has taken the page over."""
    context = browser.new_context(service_workers="block")
    context.set_default_timeout(ASSERTION_TIMEOUT_MS)
    page = context.new_page()
    page.recorder = PageRecorder(page)
    yield page
    context.close()


def first_answer_from_the_snapshot(page, cells_url):
    """The cells' page opened, Python started from the snapshot, a widget's first answer in."""
    page.goto(cells_url)
    wait_for_python(page)
    assert page.locator("html").get_attribute("data-python-started") == "from snapshot"
    press_right_and_expect_the_loss(page)


def test_python_answers_while_its_standard_library_is_held_back(page_without_service_worker,
                                                                 cells_url):
    page = page_without_service_worker
    held = held_routes(page, "**/python_stdlib.zip")
    first_answer_from_the_snapshot(page, cells_url)  # the standard library still held
    background = held_request(page, held, "the standard library, asked for after the first answer")
    # A cell importing a module no snapshot holds asks for the library at once (its background
    # download is still held): the worker waits for it, and the import goes through.
    editors_ready(page)
    edit(page, 1, STATISTICS)
    start_run(page, 1)
    wait_until(lambda: page.evaluate("true") and len(held) == 2,
               what="the standard library, asked for again by the cell's import")
    for route in held:
        route.continue_()
    expect(page.locator("#cell_1 output")).to_have_text("4\n")
    assert background.request.url.endswith("/python_stdlib.zip")
    assert_no_console_errors(page)


def test_a_cell_imports_from_the_standard_library_fetched_in_the_background(page, cells_url):
    # Guards the background download (the code before issue 17 passes it too: it fetched the
    # library before Python started): once there, imports find it, and it is not fetched again.
    asked = finished_requests(page, "python_stdlib")
    first_answer_from_the_snapshot(page, cells_url)
    wait_until(lambda: page.evaluate("true") and asked, what="the standard library downloaded")
    editors_ready(page)
    edit(page, 1, STATISTICS)
    expect(run_and_wait(page, 1)).to_have_text("4\n")
    assert len(asked) == 1  # the cell used the library already there, not a second download
    assert_no_console_errors(page)


def test_offline_a_cell_still_imports_from_the_standard_library(browser, cells_site):
    # Guards the import that fetches the library at once through the service worker's copy (a
    # synchronous request from the worker); the code before issue 17 passes it too.
    with opened_offline(browser, cells_site) as page:
        edit(page, 1, STATISTICS)
        expect(run_and_wait(page, 1)).to_have_text("4\n")
