"""Offline reading: after one visit the article and its live parts work with the server gone."""

import threading

import pytest
from playwright.sync_api import expect

from builder.commands.serve import make_server
from tests.e2e.helpers import wait_for_python

pytestmark = pytest.mark.e2e


def test_after_one_visit_everything_works_with_the_server_stopped(browser, built_site):
    server = make_server(built_site, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    wait_for_python(page)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    # The service worker has cached the whole build; now the network is gone for good.
    server.shutdown()
    server.server_close()
    page.reload()
    wait_for_python(page)
    widget = page.locator(".widget-manual-tuning")
    widget.get_by_role("slider", name="Weight w", exact=True).press("ArrowRight")
    expect(widget.get_by_role("status", name="weight", exact=True)).to_have_text("\u22120.81")
    assert page.locator(".katex").count() > 3
    context.close()
