"""Glossary terms in a real Chromium: keyboard, hover, click and tap open the explanation; the
Glossary section at the end lists every term and is where a term leads without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import assert_no_console_errors, assert_only_local_requests

pytestmark = pytest.mark.e2e

TERM_NAMES = [
    "differentiability", "gradient", "gradient descent", "gradient of the loss", "highlighted term",
    "instantaneous rate of change", "loss", "mean squared error (MSE)", "partial derivative",
    "ReLU", "weight and bias",
]


def tab_until_a_term_has_focus(page, limit=60):
    """Presses Tab from the top of the page until a glossary term holds the focus; returns it."""
    focused_term = page.locator("a.term:focus")
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused_term.count():
            term_id = focused_term.get_attribute("data-term")
            return page.locator(f"a.term[data-term={term_id}]").first
    raise AssertionError(f"no glossary term reached in {limit} presses of Tab")


def first_sentence(page, term_id):
    text = page.locator(f"#definition-{term_id}").text_content()
    return re.split(r"(?<=[.:;])\s", " ".join(text.split()))[0]


def assert_inside_viewport(page, locator):
    box, viewport = locator.bounding_box(), page.viewport_size
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], box
    assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"], box


def test_glossary_section_keyboard_hover_and_click(page, site_url):
    page.goto(site_url)
    section = page.locator("section.glossary")
    expect(section.get_by_role("heading", name="Glossary", exact=True)).to_be_attached()
    expect(section.locator("dt")).to_have_text(TERM_NAMES)
    expect(page.locator(".toc a[href='#glossary']")).to_have_text("Glossary")
    tooltip = page.get_by_role("tooltip")

    # Keyboard: Tab to the first term; its explanation shows; Escape closes it, focus stays.
    term = tab_until_a_term_has_focus(page)
    term_id = term.get_attribute("data-term")
    described = re.compile(re.escape(first_sentence(page, term_id)))
    expect(term).to_have_accessible_description(described)
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text(first_sentence(page, term_id))
    assert_inside_viewport(page, tooltip)
    page.keyboard.press("Escape")
    expect(tooltip).to_be_hidden()
    expect(term).to_be_focused()

    # Hover opens it and leaving closes it.
    loss = page.locator("a.term[data-term=loss]").first
    loss.hover()
    expect(tooltip).to_contain_text(first_sentence(page, "loss"))
    page.mouse.move(1, 1)
    expect(tooltip).to_be_hidden()

    # A click toggles it instead of jumping to the Glossary section.
    loss.click()
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text(first_sentence(page, "loss"))
    expect(page).not_to_have_url(re.compile("#glossary-loss"))  # (the contents may set #section)
    expect(page.locator("#glossary-loss")).not_to_be_in_viewport()
    loss.click()
    expect(tooltip).to_be_hidden()
    assert_only_local_requests(page)
    assert_no_console_errors(page)


def test_tap_toggles_a_popover_that_fits_a_phone_screen(browser, site_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True,
                                  is_mobile=True)
    page = context.new_page()
    page.goto(site_url)
    tooltip = page.get_by_role("tooltip")
    mse = page.locator("a.term[data-term=mse]").first
    mse.tap()
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text("A common loss for predicting numbers")
    expect(tooltip.locator(".katex")).to_have_count(page.locator("#definition-mse .katex").count())
    assert_inside_viewport(page, tooltip)
    mse.tap()
    expect(tooltip).to_be_hidden()
    mse.tap()
    expect(tooltip).to_be_visible()
    page.locator("#getting-started").tap()  # a tap elsewhere closes it
    expect(tooltip).to_be_hidden()
    context.close()


def test_without_javascript_a_term_leads_to_its_glossary_entry(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url)
    page.locator("a.term[data-term=loss]").first.click()
    expect(page).to_have_url(f"{site_url}#glossary-loss")
    expect(page.locator("#glossary-loss")).to_be_in_viewport()
    context.close()
