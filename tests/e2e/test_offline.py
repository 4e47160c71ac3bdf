"""Offline reading: after one visit the article and its live parts work with the server gone."""

import pytest
from playwright.sync_api import expect

from tests.conftest import serving, url_of
from tests.e2e.helpers import wait_for_python, wait_until_activated, waiting_service_worker
from tests.waiting import wait_until

pytestmark = pytest.mark.e2e


def test_after_one_visit_everything_works_with_the_server_stopped(browser, built_site):
    context = browser.new_context()
    page = context.new_page()
    with serving(built_site) as server:
        page.goto(url_of(server))
        wait_for_python(page)
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    # The service worker has cached the whole build; now the server is gone for good.
    page.reload()
    wait_for_python(page)
    # The start-up snapshot came from the cache too, not just the slower cold start.
    assert page.locator("html").get_attribute("data-python-started") == "from snapshot"
    widget = page.locator(".widget-manual-tuning")
    widget.get_by_role("slider", name="Weight w", exact=True).press("ArrowRight")
    expect(widget.get_by_role("status", name="weight", exact=True)).to_have_text("\u22120.81")
    assert page.locator(".katex").count() > 3
    context.close()


def test_a_new_build_takes_over_whole_once_the_old_ones_tabs_are_closed(browser, tiny_site):
    site = tiny_site("## Version A\n\n::: widget manual-tuning\n")
    with serving(site) as server:
        context = browser.new_context()
        first = context.new_page()
        first.goto(url_of(server))
        wait_for_python(first)
        first.evaluate("navigator.serviceWorker.ready.then(() => true)")

        tiny_site("## Version B\n\n::: widget manual-tuning\n")  # published while the page is open
        first.reload()
        expect(first.get_by_role("heading", name="Version A")).to_be_visible()  # still whole A
        wait_for_python(first)  # A's Python and widgets run, all from A's cache

        # B installs beside A and waits for A's tabs to close.
        build_b = wait_until(lambda: waiting_service_worker(first), what="build B's worker to wait")
        first.close()
        wait_until_activated(build_b)
        second = context.new_page()
        second.goto(url_of(server))
        expect(second.get_by_role("heading", name="Version B")).to_be_visible()
        context.close()


RECORD_REGISTRATION = """
const register = ServiceWorkerContainer.prototype.register;
ServiceWorkerContainer.prototype.register = function (...args) {
  const html = document.documentElement;
  window.registeredWhen = { python: html.dataset.python, calls: html.dataset.pythonCalls };
  return register.apply(this, args);
};
"""


def test_the_offline_copy_starts_only_once_python_has_answered_the_pages_first_calls(browser, built_site):
    """Caching the build downloads all of it again: it must not compete with the reader's first
    answers (issue 17), so it waits until Python is ready and no call is waiting for it."""
    context = browser.new_context()
    context.add_init_script(RECORD_REGISTRATION)
    page = context.new_page()
    with serving(built_site) as server:
        page.goto(url_of(server))
        wait_for_python(page)
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        assert page.evaluate("window.registeredWhen") == {"python": "ready", "calls": "0"}
    context.close()


def test_the_offline_copy_starts_only_once_the_worker_has_fetched_what_it_left_for_later(
        browser, built_site):
    """The worker fetches the standard library and backprop's source once the page is live; the
    offline copy, which fetches them too, waits for those downloads, so it finds them in the HTTP
    cache rather than download them a second time beside the worker."""
    context = browser.new_context()
    order = []
    context.on("request", lambda request: request.url.endswith("/sw.js") and order.append("sw.js"))
    page = context.new_page()
    later = ("python_stdlib.zip", "backprop-source.zip")
    page.on("requestfinished", lambda request: request.url.endswith(later)
            and order.append(request.url.rsplit("/", 1)[1]))
    with serving(built_site) as server:
        page.goto(url_of(server))
        wait_for_python(page)
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    assert "sw.js" in order
    assert sorted(order[:order.index("sw.js")]) == sorted(later), order
    context.close()
