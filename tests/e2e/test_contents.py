"""The table of contents: working anchors, and it follows the reader while scrolling."""

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import wait_for_live_figures
from tests.waiting import wait_until

pytestmark = pytest.mark.e2e


def test_contents_link_jumps_to_its_section_and_marks_it(page, site_url):
    page.goto(site_url)
    page.locator(".toc").get_by_role("link", name="Getting started").click()
    expect(page).to_have_url(f"{site_url}#getting-started")
    expect(page.locator("#getting-started")).to_be_in_viewport()
    expect(page.locator(".toc a[href='#getting-started']")).to_have_attribute("aria-current", "true")


def test_scrolling_marks_the_current_section_and_updates_the_address(page, site_url):
    page.goto(site_url)
    # Scrolled once the figures are live, as the test is about the contents, not the start. (Home
    # used to stop short of the top now and then: a cell's editor, made off screen, changed its
    # height as the scroll passed it; test_live_cells.py holds that now.)
    wait_for_live_figures(page)
    links = page.locator(".toc a[href^='#']")
    last_id = links.nth(links.count() - 1).get_attribute("href")[1:]
    # Home pressed within a frame or two of End's smooth scroll ending was dropped by Chromium
    # (2 in 40 tries): wait for the scroll to end, as a reader's hand does.
    page.evaluate("() => { window.scrollEnded = new Promise((done) => "
                  "addEventListener('scrollend', done, { once: true })); }")
    page.keyboard.press("End")  # the bottom of the page: the last section is the current one
    page.evaluate("window.scrollEnded.then(() => true)")
    expect(page.locator(f".toc a[href='#{last_id}']")).to_have_attribute("aria-current", "true")
    expect(page).to_have_url(f"{site_url}#{last_id}")
    page.keyboard.press("Home")
    # Smooth scrolling takes a moment to reach the top.
    wait_until(lambda: page.evaluate("window.scrollY") == 0, what="the page to reach its top")
    page.mouse.move(400, 400)
    page.mouse.wheel(0, page.locator("#getting-started").bounding_box()["y"] - 50)
    expect(page.locator(".toc a[href='#getting-started']")).to_have_attribute("aria-current", "true")
    expect(page).to_have_url(f"{site_url}#getting-started")
    assert page.locator(".toc a[aria-current]").count() == 1


def test_a_contents_link_the_address_cannot_decode_leaves_the_page_working(page, built_site, tmp_path):
    # build refuses such an id (tests/unit/test_author_mistakes.py); a page with one anyway, from
    # an older build or written by hand, kept every widget still: toc.js threw on "%" first.
    import shutil

    from tests.conftest import serving, url_of

    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    index = site / "index.html"
    index.write_text(index.read_text(encoding="utf-8").replace(
        '"getting-started"', '"getting%started"').replace('"#getting-started"', '"#getting%started"'),
        encoding="utf-8")
    with serving(site) as server:
        page.goto(url_of(server))
        # app.js went on past the contents to the widgets
        expect(page.get_by_role("button", name="Copy embed code").first).to_be_visible()
        page.locator(".toc").get_by_role("link", name="Getting started").click()
        expect(page.locator("[id='getting%started']")).to_be_in_viewport()
        expect(page.locator(".toc a[href='#getting%started']")).to_have_attribute("aria-current", "true")
