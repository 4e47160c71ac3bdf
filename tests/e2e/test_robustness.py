"""What readers (and browsers) do to the page: the worker dies, bad input, bursts."""

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import wait_for_python
from tests.e2e.test_foundation import manual_tuning_loss

pytestmark = pytest.mark.e2e


def test_worker_that_dies_is_restarted_and_the_widget_recovers_its_setting(page, site_url):
    page.goto(site_url)
    wait_for_python(page)
    widget = page.locator(".widget-manual-tuning")
    slider = widget.get_by_role("slider", name="Weight w", exact=True)
    slider.press("ArrowRight")
    expect(widget.get_by_role("status", name="weight", exact=True)).to_have_text("\u22120.81")

    page.workers[0].evaluate("close()")  # the worker ends itself, as a crash would
    slider.press("ArrowRight")  # this request is never answered...
    status = page.locator("#python-status")
    expect(status).to_contain_text("Restart", timeout=20_000)  # ...the page notices
    wait_for_python(page)
    expect(widget.get_by_role("status", name="loss", exact=True)).to_have_text(
        f"{manual_tuning_loss(-0.80, -0.02):.7f}")
    expect(slider).to_have_value("-0.8")
