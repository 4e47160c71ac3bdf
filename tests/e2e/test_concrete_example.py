"""The concrete example in a real Chromium: the article's numbers with and without Python, every
number following a changed input, and the description toggles by keyboard."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import assert_no_console_errors, assert_only_local_requests, wait_for_python

pytestmark = pytest.mark.e2e

MINUS = "\u2212"

DEFAULTS = {  # ARTICLE.md, section 1.4
    "prediction": "2.1", "loss": "3.61",
    "derivative of loss with respect to prediction": f"{MINUS}3.8",
    "derivative of loss with respect to weight": f"{MINUS}7.98",
    "derivative of loss with respect to bias": f"{MINUS}3.8",
    "new weight": "1.0798", "new bias": "0.038", "new loss": "2.8711", "loss decrease": "0.7389",
}


def text(value):
    """A Decimal as the page prints an exact number: no trailing zeros, a true minus sign."""
    plain = f"{value.normalize():f}"
    return plain.replace("-", MINUS)


def expected_after_one_step(x, y, w, b, lr):
    """The test's own exact arithmetic (Decimal) for one forward pass, backward pass and update."""
    x, y, w, b, lr = map(Decimal, (x, y, w, b, lr))
    y_hat = w * x + b
    gradient = 2 * (y_hat - y)
    new_w, new_b = w - lr * gradient * x, b - lr * gradient
    new_y_hat = new_w * x + new_b
    return {
        "input x": x, "true value y": y, "weight": w, "bias": b,
        "prediction": y_hat, "loss": (y_hat - y) ** 2,
        "derivative of loss with respect to prediction": gradient,
        "derivative of loss with respect to weight": gradient * x,
        "derivative of loss with respect to bias": gradient,
        "new weight": new_w, "new bias": new_b, "new prediction": new_y_hat,
        "new loss": (new_y_hat - y) ** 2, "loss decrease": (y_hat - y) ** 2 - (new_y_hat - y) ** 2,
    }


def expect_numbers(figure, numbers):
    for name, value in numbers.items():
        expect(figure.get_by_role("status", name=name, exact=True)).to_have_text(value)


def test_article_numbers_are_on_the_page_without_any_script(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url)
    figure = page.locator(".widget-concrete-example")
    expect_numbers(figure, DEFAULTS)
    expect(figure.get_by_role("spinbutton", name="Input x")).to_be_disabled()
    context.close()


def test_typed_x_updates_every_number_reset_restores_and_arrows_step(page, site_url):
    page.goto(site_url)
    wait_for_python(page)
    figure = page.locator(".widget-concrete-example")
    field = figure.get_by_role("spinbutton", name="Input x")
    expect(field).to_be_enabled()
    field.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("3")

    expected = expected_after_one_step("3", "4", "1", "0", "0.01")
    assert text(expected["new loss"]) == "0.64"  # exact: every sign stays "="
    expect_numbers(figure, {name: text(value) for name, value in expected.items()})
    expect(figure.get_by_role("status", name="new weight worked out", exact=True)).to_have_text(
        f"1 {MINUS} 0.01 \u00b7 ({MINUS}6)")
    expect(figure.get_by_role("status", name="what the step did")).to_have_text(
        "The step lowered the loss from 1 to 0.64.")

    # A half-typed field is marked and leaves the last complete example on show.
    page.keyboard.press("Backspace")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(figure.get_by_role("status", name="new loss", exact=True)).to_have_text("0.64")

    figure.get_by_role("button", name="Back to the article’s numbers").click()
    expect(field).to_have_value("2.1")
    expect(field).to_have_attribute("aria-invalid", "false")
    expect_numbers(figure, DEFAULTS)

    rate = figure.get_by_role("spinbutton", name="Learning rate")
    rate.press("ArrowUp")  # the field's step: 0.01 -> 0.02
    expect(rate).to_have_value("0.02")
    stepped = expected_after_one_step("2.1", "4", "1", "0", "0.02")
    assert text(stepped["new weight"]) == "1.1596"
    expect_numbers(figure, {"new weight": "1.1596", "new bias": text(stepped["new bias"])})
    assert_only_local_requests(page)
    assert_no_console_errors(page)


def test_description_toggles_work_by_keyboard(page, site_url):
    page.goto(site_url)
    figure = page.locator(".widget-concrete-example")
    for graph in ("forward", "backward"):
        toggle = figure.locator(f"button[data-graph={graph}]")
        description = figure.locator(f".ce-{graph} .ce-desc").first
        expect(toggle).to_have_accessible_name(f"Describe the {graph} graph")
        expect(description).to_be_hidden()
        expect(toggle).to_be_enabled()  # the widget's script has mounted (no Python needed)
        toggle.focus()
        page.keyboard.press("Enter")
        expect(toggle).to_have_accessible_name(f"Hide the descriptions of the {graph} graph")
        expect(description).to_be_visible()
        page.keyboard.press("Space")
        expect(toggle).to_have_accessible_name(f"Describe the {graph} graph")
        expect(description).to_be_hidden()
    expect(figure.get_by_text("how the weight affected the loss")).to_be_hidden()
