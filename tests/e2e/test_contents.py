"""The table of contents: working anchors, and it follows the reader while scrolling."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_contents_link_jumps_to_its_section_and_marks_it(page, site_url):
    page.goto(site_url)
    page.locator(".toc").get_by_role("link", name="Getting started").click()
    expect(page).to_have_url(f"{site_url}#getting-started")
    expect(page.locator("#getting-started")).to_be_in_viewport()
    expect(page.locator(".toc a[href='#getting-started']")).to_have_attribute("aria-current", "true")


def test_scrolling_marks_the_current_section_and_updates_the_address(page, site_url):
    page.goto(site_url)
    headings = page.locator(".article h2[id]")
    last = headings.nth(headings.count() - 1)
    last_id = last.get_attribute("id")
    last.scroll_into_view_if_needed()
    page.mouse.wheel(0, 50)
    expect(page.locator(f".toc a[href='#{last_id}']")).to_have_attribute("aria-current", "true")
    expect(page).to_have_url(f"{site_url}#{last_id}")
    assert page.locator(".toc a[aria-current]").count() == 1
