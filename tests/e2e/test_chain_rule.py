"""The chain-rule widget in a real Chromium: its numbers against the test's own arithmetic."""

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import assert_no_console_errors, assert_only_local_requests, wait_for_python

pytestmark = pytest.mark.e2e

DEFAULT_NEURONS = ((0.42, 0.75), (0.3, 0.27), (0.06, 0.29))


def chain_outputs(x, neurons):
    """a₁, a₂, a₃ as the page should print them (three decimals), computed here independently."""
    outputs, value = [], x
    for w, b in neurons:
        value = w * value + b
        outputs.append(f"{value:.3f}")
    return outputs


def output(page, name):
    return page.locator(".widget-chain-rule").get_by_role("status", name=name, exact=True)


def expect_outputs(page, texts):
    for k, text in enumerate(texts, start=1):
        expect(output(page, f"neuron {k} output")).to_have_text(text)


def test_starting_outputs_at_34_are_in_the_page_before_python(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url)
    expect(output(page, "input x")).to_have_text("34")
    expect_outputs(page, ["15.030", "4.779", "0.577"])
    expect(output(page, "derivative of output with respect to input")).to_have_text("0.007560")
    expect(page.locator(".widget-chain-rule").get_by_role("slider", name="Input x")).to_be_disabled()
    context.close()


def test_slider_by_keyboard_then_new_weights_recompute_everything(page, site_url):
    page.goto(site_url)
    wait_for_python(page)
    slider = page.locator(".widget-chain-rule").get_by_role("slider", name="Input x")
    expect(slider).to_be_enabled()
    slider.press("ArrowRight")
    slider.press("ArrowRight")
    expect(output(page, "input x")).to_have_text("36")
    expected = chain_outputs(36, DEFAULT_NEURONS)
    assert expected != ["15.030", "4.779", "0.577"]
    expect_outputs(page, expected)

    page.locator(".widget-chain-rule").get_by_role("button", name="New weights and biases").click()
    # Python writes every text of one answer in one go: once the label says draw 1, all is draw 1.
    expect(output(page, "weights and biases in use")).to_have_text("random draw number 1")
    neurons = [(float(output(page, f"weight of neuron {k}").inner_text()),
                float(output(page, f"bias of neuron {k}").inner_text())) for k in (1, 2, 3)]
    assert tuple(neurons) != DEFAULT_NEURONS
    expect_outputs(page, chain_outputs(36, neurons))  # at once: no slider move needed
    w1, w2, w3 = (w for w, _ in neurons)
    expect(output(page, "derivative of output with respect to input")).to_have_text(f"{w1 * w2 * w3:.6f}")
    expect(output(page, "change in neuron 3 output when x grows by 1")).to_have_text(f"{w1 * w2 * w3:.6f}")

    page.locator(".widget-chain-rule").get_by_role("button", name="Starting weights and biases").click()
    expect(output(page, "weights and biases in use")).to_have_text("the article's starting values")
    expect_outputs(page, expected)
    assert_only_local_requests(page)
    assert_no_console_errors(page)
