"""Dark mode, narrow screens and print: the article adapts to the reader."""

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import wait_for_python
from tests.waiting import wait_until

pytestmark = pytest.mark.e2e

DARK_PAGE = "rgb(21, 23, 26)"
LIGHT_PAGE = "rgb(255, 255, 255)"


def background(page):
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


def test_dark_mode_follows_the_system_and_the_toggle_is_remembered(browser, site_url):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(site_url)
    toggle = page.get_by_role("button", name="Dark mode")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    assert background(page) == DARK_PAGE
    toggle.press("Enter")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    assert background(page) == LIGHT_PAGE
    page.reload()
    expect(page.get_by_role("button", name="Dark mode")).to_have_attribute("aria-pressed", "false")
    assert background(page) == LIGHT_PAGE
    context.close()


def test_at_360_px_nothing_is_wider_than_the_screen(browser, site_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True)
    page = context.new_page()
    page.goto(site_url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # Only the network drawing is wider, in a box of its own, and a line tells the reader to swipe.
    scroller = page.locator(".widget-network-tool .nt-graph-scroll")
    assert scroller.evaluate("s => s.scrollWidth > s.clientWidth")
    expect(page.locator(".widget-network-tool .nt-scroll-hint")).to_be_visible()
    context.close()


def test_on_a_wide_screen_the_network_fits_and_no_swipe_line_shows(page, site_url):
    page.goto(site_url)
    expect(page.locator(".widget-network-tool .nt-scroll-hint")).to_be_hidden()


def test_print_hides_controls_and_unblurs_figures(page, site_url):
    page.goto(site_url)
    page.emulate_media(media="print")
    expect(page.locator(".toc")).to_be_hidden()
    expect(page.get_by_role("button", name="Show the plot")).to_be_hidden()
    assert page.evaluate(
        "getComputedStyle(document.querySelector('.plot[data-hidden=true] circle')).filter") == "none"


def test_reduced_motion_turns_training_into_a_few_still_steps(browser, site_url):

    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    page.goto(site_url)
    wait_for_python(page)
    widget = page.locator(".widget-linear-training")
    page.evaluate("""() => {
        const epoch = document.querySelector(".widget-linear-training [data-role=epoch]");
        window.epochChanges = [];
        new MutationObserver(() => window.epochChanges.push(performance.now()))
            .observe(epoch, {childList: true, characterData: true, subtree: true});
    }""")
    widget.get_by_role("button", name="Play", exact=True).click()
    # Training runs at 60 epochs a second; a flowing picture would change every frame. Wait for
    # four changes of the epoch readout, however long a busy machine takes to make them...
    wait_until(lambda: page.evaluate("window.epochChanges.length") >= 4, what="four epoch changes")
    changes = page.evaluate("window.epochChanges")
    epochs = int(widget.get_by_role("status", name="epoch").text_content())
    context.close()
    gaps = [later - earlier for earlier, later in zip(changes, changes[1:])]
    # ...each at least 0.4 s after the one before (the scheduler allows one every 0.5 s), while
    # training itself went on: the readout skipped epochs rather than showing each one.
    assert min(gaps) >= 400, gaps
    assert epochs > len(changes), (epochs, changes)


SECTIONS = ".article > .section"


def test_while_a_figure_redraws_far_sections_wait_to_be_drawn_and_are_there_when_the_reader_comes(
        page, site_url):
    """content-visibility: auto (article.css, sections.js) spares the browser every section out
    of sight while a figure redraws every frame, and only then: a still page is drawn whole (a
    full-page screenshot shows it all). A reader who follows a contents link while training plays
    lands on the heading, drawn, with the spacing the collapsed margins gave before."""
    page.goto(site_url)
    wait_for_python(page)
    heading = page.locator(SECTIONS).last.locator("h2").first
    drawn = "(e) => e.checkVisibility({contentVisibilityAuto: true})"
    wait_until(lambda: heading.evaluate("(h) => 'skip' in h.closest('.section').dataset"),
               what="the last section to become skippable")
    # No figure plays (their first pictures are single redraws): the page is drawn whole.
    assert not page.evaluate("'redrawing' in document.documentElement.dataset")
    assert heading.evaluate(drawn)
    tool = page.locator(".widget-network-tool")
    tool.get_by_role("button", name="Faster").click()
    tool.get_by_role("button", name="Play", exact=True).click()
    wait_until(lambda: not heading.evaluate(drawn), what="the last section to be skipped while training plays")
    page.locator(f".toc a[href='#{heading.get_attribute('id')}']").click()
    expect(heading).to_be_in_viewport()
    assert heading.evaluate(drawn)
    # Contained margins do not collapse: the last child of the section before gives up its bottom
    # margin, so the heading's top margin alone stands between them, as before.
    gap, margin = heading.evaluate("""(h) => {
        const before = h.closest('.section').previousElementSibling.lastElementChild;
        return [h.getBoundingClientRect().top - before.getBoundingClientRect().bottom,
                parseFloat(getComputedStyle(h).marginTop)];
    }""")
    assert gap == pytest.approx(margin, abs=1)
    # Once training stops, the sections far from the reader are drawn again.
    first = page.locator(SECTIONS).first.locator("h2").first
    wait_until(lambda: not first.evaluate(drawn), what="the first section to be skipped meanwhile")
    tool.get_by_role("button", name="Pause").click()
    wait_until(lambda: first.evaluate(drawn), what="the first section to be drawn once training stopped")


def test_a_focus_ring_fits_inside_what_a_section_may_paint(page, site_url):
    """A contained section clips its painting to its box plus overflow-clip-margin: a focus ring
    on an element at the section's edge must fit in that margin."""
    page.goto(site_url)
    link = page.locator(f"{SECTIONS} a[href]").first
    link.evaluate("(a) => a.focus({focusVisible: true})")
    ring, clip_margin = link.evaluate("""(a) => {
        const style = getComputedStyle(a);
        return [parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset),
                parseFloat(getComputedStyle(a.closest('.section')).overflowClipMargin)];
    }""")
    assert ring > 0 and clip_margin >= ring
