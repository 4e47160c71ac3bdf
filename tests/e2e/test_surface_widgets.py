"""The loss surface, gradient descent by hand, and the training film, in a real Chromium."""

import numpy as np
import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import assert_no_console_errors, assert_only_local_requests, wait_for_python

pytestmark = pytest.mark.e2e

X = np.arange(6.0)
Y = 5 - X


def loss(w, b):
    """The test's own MSE for the see-it-in-action data (y = 5 − x at x = 0..5)."""
    return float(np.mean((w * X + b - Y) ** 2))


def number(text):
    return float(text.replace("\u2212", "-").replace(",", ""))


def test_loss_surface_and_its_legend_are_drawn_before_any_script(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url)
    figure = page.locator(".widget-loss-surface")
    surface = figure.get_by_role("img", name="The loss surface")
    expect(surface).to_be_visible()
    assert surface.locator(".surface-bands path").count() == 13
    expect(surface.locator(".surface-axes")).to_contain_text("weight w")
    expect(surface.locator(".surface-axes")).to_contain_text("bias b")
    expect(surface.locator(".surface-minimum")).to_have_text("minimum: w = \u22121, b = 5, loss = 0")
    legend = figure.locator(".surface-legend li")
    expect(legend).to_have_count(14)
    expect(legend.first).to_have_text("loss < 0.1")
    expect(legend.nth(4)).to_have_text("1–2")
    expect(legend.last).to_have_text("loss ≥ 1000")
    context.close()


def test_a_descent_step_moves_the_point_by_minus_lr_times_the_gradient(page, site_url):
    page.goto(site_url)
    wait_for_python(page)
    widget = page.locator(".widget-gradient-descent")
    w_out = widget.get_by_role("status", name="weight w", exact=True)
    b_out = widget.get_by_role("status", name="bias b", exact=True)
    loss_out = widget.get_by_role("status", name="loss", exact=True)
    expect(w_out).to_have_text("\u22120.1500")
    expect(loss_out).to_have_text(f"{loss(-0.15, 2.0):.4f}")

    widget.get_by_role("button", name="Take a step").click()
    expect(w_out).not_to_have_text("\u22120.1500")
    # Our own gradient descent: e = ŷ − y, ∂loss/∂w = 2·mean(e·x), ∂loss/∂b = 2·mean(e), lr = 0.05.
    e = -0.15 * X + 2.0 - Y
    w1, b1 = -0.15 - 0.05 * 2 * np.mean(e * X), 2.0 - 0.05 * 2 * np.mean(e)
    assert number(w_out.text_content()) == pytest.approx(w1, abs=5e-5 + 1e-12)
    assert number(b_out.text_content()) == pytest.approx(b1, abs=5e-5 + 1e-12)
    assert number(loss_out.text_content()) == pytest.approx(loss(w1, b1), abs=5e-5 + 1e-12)
    assert number(loss_out.text_content()) < loss(-0.15, 2.0)
    assert_only_local_requests(page)
    assert_no_console_errors(page)


def test_arrow_keys_move_the_focused_point(page, site_url):
    page.goto(site_url)
    wait_for_python(page)
    widget = page.locator(".widget-gradient-descent")
    point = widget.get_by_role("slider", name="Point on the loss surface")
    expect(point).to_have_attribute("aria-disabled", "false")
    point.focus()
    for key in ("ArrowRight", "ArrowUp", "ArrowUp", "Shift+ArrowLeft"):
        page.keyboard.press(key)
    expect(widget.get_by_role("status", name="weight w", exact=True)).to_have_text("\u22121.0500")
    expect(widget.get_by_role("status", name="bias b", exact=True)).to_have_text("2.2000")
    expect(widget.get_by_role("status", name="loss", exact=True)).to_have_text(f"{loss(-1.05, 2.2):.4f}")
    expect(point).to_have_attribute("aria-valuetext", f"w = \u22121.0500, b = 2.2000, loss {loss(-1.05, 2.2):.4f}")
    assert point.evaluate("el => el === document.activeElement")


def test_training_at_lr_0_03_converges_to_w_minus_1_b_5_and_stops(page, site_url):
    page.goto(site_url)
    wait_for_python(page)
    widget = page.locator(".widget-linear-training")
    expect(widget.get_by_label("Learning rate")).to_have_value("0.03")
    expect(widget.get_by_role("status", name="training loss")).to_have_text("9.166667")  # 55/6
    widget.get_by_role("button", name="Play").click()  # at the normal speed, 60 epochs a second
    message = widget.locator("[data-role=message]")
    expect(message).to_contain_text("Converged", timeout=30_000)
    expect(widget.get_by_role("status", name="neuron equation")).to_have_text("\u22121.00\u00b7x + 5.00")
    assert number(widget.get_by_role("status", name="training loss").text_content()) < 0.001
    epochs = number(widget.get_by_role("status", name="epoch").text_content())
    assert 385 <= epochs < 1000
    expect(widget.get_by_role("button", name="Play")).to_be_disabled()  # it stopped by itself
    assert_no_console_errors(page)


def test_too_large_a_learning_rate_diverges_says_why_and_reset_recovers(page, site_url):
    page.goto(site_url)
    wait_for_python(page)
    widget = page.locator(".widget-linear-training")
    widget.get_by_label("Learning rate").select_option("0.11")
    widget.get_by_label("Speed").select_option("fast")
    widget.get_by_role("button", name="Play").click()
    message = widget.locator("[data-role=message]")
    expect(message).to_contain_text("Diverged", timeout=30_000)
    expect(message).to_contain_text("learning rate 0.11 is too large")
    expect(widget.get_by_role("button", name="Play")).to_be_disabled()

    widget.get_by_role("button", name="Reset").click()
    expect(widget.get_by_role("status", name="epoch")).to_have_text("0")
    expect(widget.get_by_role("status", name="training loss")).to_have_text("9.166667")
    expect(message).to_have_text("")
    expect(widget.get_by_role("button", name="Play")).to_be_enabled()
    assert_no_console_errors(page)
