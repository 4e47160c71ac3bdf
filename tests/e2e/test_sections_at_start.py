"""While Python starts, the article's sections out of sight wait to be drawn (start-python.js,
article.css, sections.js): Python's start needs both cores. They are drawn once the figures'
first answers are in, and at once wherever their true heights matter."""

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import wait_for_live_figures
from tests.e2e.test_live_cells import held_request, held_routes
from tests.e2e.test_reader_comfort import SECTIONS
from tests.waiting import wait_until

pytestmark = pytest.mark.e2e

# A section's heading is drawn unless its section is skipped (a skipped section's own box is).
DRAWN = "(s) => s.querySelector('h2, h3').checkVisibility({contentVisibilityAuto: true})"


def starting(page):
    return page.evaluate("document.documentElement.hasAttribute('data-starting')")


def open_with_python_held(page, site_url):
    """The article, its Python held before it can start (its core file never arrives)."""
    held = held_routes(page, "**/pyodide.asm.wasm")
    page.goto(site_url)
    held_request(page, held, "Python's core file to be asked for")
    return held


def test_far_sections_wait_while_python_starts_and_are_all_drawn_once_it_has(page, site_url):
    held = open_with_python_held(page, site_url)
    first, last = page.locator(SECTIONS).first, page.locator(SECTIONS).last
    assert starting(page)
    assert first.evaluate(DRAWN)  # what the reader sees is drawn
    assert not last.evaluate(DRAWN)  # the end of the article waits
    held[0].continue_()
    wait_for_live_figures(page)
    wait_until(lambda: not starting(page), what="every section to be drawn")
    assert all(section.evaluate(DRAWN) for section in page.locator(SECTIONS).all())


def test_a_contents_link_followed_while_python_starts_lands_on_its_heading(page, site_url):
    """The sections between are drawn at their true heights before the browser scrolls, so the
    heading ends at the top of the window, not where a guess of their heights put it."""
    open_with_python_held(page, site_url)
    section = page.locator(SECTIONS).nth(5)  # one with a screen or more below it
    heading = section.locator("h2").first
    page.locator(f".toc a[href='#{heading.get_attribute('id')}']").click()
    assert not starting(page)
    wait_until(lambda: abs(heading.evaluate("(h) => h.getBoundingClientRect().top")) < 2,
               what="the heading to reach the top of the window")
    assert section.evaluate(DRAWN)


def test_the_end_key_while_python_starts_reaches_the_true_end(page, site_url):
    open_with_python_held(page, site_url)
    page.locator("body").press("End")
    assert not starting(page)
    wait_until(lambda: page.evaluate(
        "Math.abs(innerHeight + scrollY - document.documentElement.scrollHeight) < 2"),
        what="the window to reach the page's end")
    # The last section is the current one in the contents, as at the end of any page.
    expect(page.locator(".toc a[aria-current=true]")).to_have_attribute(
        "href", "#" + page.locator(SECTIONS).last.locator("h2").first.get_attribute("id"))


@pytest.mark.parametrize("arrival", ["a link to a place", "a reload"])
def test_a_page_that_opens_at_a_place_draws_every_section_from_the_start(page, site_url, arrival):
    """A link to a place in the page, or a reload that puts the reader back where they were,
    needs the true heights of the sections above that place from the first layout on."""
    heading = page.locator(SECTIONS).nth(5).locator("h2").first
    page.goto(site_url)
    if arrival == "a reload":
        page.reload()
    else:
        page.goto(f"{site_url}#{heading.get_attribute('id')}")
    assert not starting(page)
    assert page.locator(SECTIONS).last.evaluate(DRAWN)
