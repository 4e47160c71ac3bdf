"""Offline reading: after one visit the article and its live parts work with the server gone."""

import pytest
from playwright.sync_api import expect

from tests.conftest import serving, url_of
from tests.e2e.helpers import wait_for_python

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
    widget = page.locator(".widget-manual-tuning")
    widget.get_by_role("slider", name="Weight w", exact=True).press("ArrowRight")
    expect(widget.get_by_role("status", name="weight", exact=True)).to_have_text("\u22120.81")
    assert page.locator(".katex").count() > 3
    context.close()
