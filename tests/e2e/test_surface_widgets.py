"""The loss surface, gradient descent by hand, and the training film, in a real Chromium."""

import re

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


def numpy_step(w, b, lr):
    """The test's own gradient-descent step: ∂loss/∂w = 2·mean(e·x), ∂loss/∂b = 2·mean(e)."""
    e = w * X + b - Y
    return w - lr * 2 * np.mean(e * X), b - lr * 2 * np.mean(e)


def minus(text):
    return text.replace("-", "\u2212")


def boxes(*locators):
    """(left, top, right, bottom) of each element in the window, all read in one script run: the
    page scrolls smoothly after a focus, so boxes read one at a time may each see another scroll."""
    first = locators[0]
    handles = [locator.element_handle() for locator in locators]
    return first.page.evaluate("""els => els.map((el) => {
        const r = el.getBoundingClientRect();
        return [r.left, r.top, r.right, r.bottom];
    })""", handles)


def inside(inner, outer, slack=0.5):
    return (inner[0] >= outer[0] - slack and inner[1] >= outer[1] - slack
            and inner[2] <= outer[2] + slack and inner[3] <= outer[3] + slack)


def test_a_step_off_the_map_stays_in_the_frame_says_where_it_landed_and_steps_back(page, site_url):
    page.goto(site_url)
    wait_for_python(page)
    widget = page.locator(".widget-gradient-descent")
    widget.get_by_label("Learning rate").select_option("0.2")
    point = widget.get_by_role("slider", name="Point on the loss surface")
    point.focus()
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("Shift+ArrowRight")  # w = 1.85, b = 2: on the steep right-hand wall
    w_out = widget.get_by_role("status", name="weight w", exact=True)
    expect(w_out).to_have_text("1.8500")
    frame = widget.locator(".surface-axes .frame")
    landing_label = widget.locator("[data-role=landing-off] text")
    next_w, next_b = numpy_step(1.85, 2.0, 0.2)
    assert next_w < -5  # the map shows w from −5 to 5: this step leaves it
    expect(landing_label).to_have_text(minus(f"lands at w = {next_w:.1f}, off the map"))
    landing_readouts = {"next w": next_w, "next b": next_b, "loss where the step lands": loss(next_w, next_b)}
    for name, value in landing_readouts.items():
        assert number(widget.get_by_role("status", name=name).text_content()) == pytest.approx(value, abs=5e-5)
    assert inside(*boxes(widget.locator("[data-role=landing-off] line"), frame), slack=5)  # the tip pokes out
    # The step line, the gradient arrow and the landing circle are clipped to the map.
    clip = widget.evaluate("""el => [...el.querySelectorAll("[data-role=step-line], [data-role=grad], [data-role=landing]")]
        .map((mark) => mark.closest("[clip-path]")?.getAttribute("clip-path"))""")
    assert clip == [f"url(#{widget.get_attribute('id')}-surface-clip)"] * 3
    clip_rect = widget.locator(f"#{widget.get_attribute('id')}-surface-clip rect")
    assert [clip_rect.get_attribute(a) for a in ("x", "y", "width", "height")] == [
        frame.get_attribute(a) for a in ("x", "y", "width", "height")]

    widget.get_by_role("button", name="Take a step").click()
    expect(w_out).to_have_text(minus(f"{next_w:.4f}"))
    handle, frame_box = boxes(point, frame)
    centre = ((handle[0] + handle[2]) / 2, (handle[1] + handle[3]) / 2)
    assert inside(centre * 2, frame_box)  # the point stands on the frame, not over the axis labels
    expect(point).to_have_attribute("aria-valuetext", re.compile(r", off the map$"))
    expect(widget.locator("[data-role=point-off] text")).to_have_text(minus(f"w = {next_w:.1f}, off the map"))
    expect(widget.locator("[data-role=note]")).to_contain_text("left the map")
    again_w, _ = numpy_step(next_w, next_b, 0.2)
    expect(landing_label).to_have_text(minus(f"lands at w = {again_w:.1f}, off the map"))
    assert inside(*boxes(landing_label, frame))

    back = widget.get_by_role("button", name="Step back")
    back.click()
    expect(w_out).to_have_text("1.8500")
    expect(widget.get_by_role("status", name="bias b", exact=True)).to_have_text("2.0000")
    expect(widget.locator("[data-role=point-off]")).to_have_attribute("visibility", "hidden")
    expect(widget.locator("[data-role=note]")).to_have_text("")
    expect(back).to_be_disabled()  # back where the steps started
    widget.get_by_role("button", name="Reset").click()
    expect(w_out).to_have_text("\u22120.1500")
    assert_no_console_errors(page)


def test_the_legend_holds_the_gradient_arrow_keeps_its_length_the_step_is_lr_times_the_slope(page, site_url):
    page.goto(site_url)
    wait_for_python(page)
    widget = page.locator(".widget-gradient-descent")
    plot = widget.get_by_role("img", name="Gradient descent on the loss surface")
    # The plot's scales, as the template wrote them: "domain0 domain1 range0 range1".
    (w0, w1, x0, x1), (b0, b1, y0, y1) = (
        [float(v) for v in plot.get_attribute(axis).split()] for axis in ("data-x", "data-y"))

    def line(role):
        el = widget.locator(f"[data-role={role}]")
        return [float(el.get_attribute(a)) for a in ("x1", "y1", "x2", "y2")]

    def drawn():
        gx1, gy1, gx2, gy2 = line("grad")
        sx1, sy1, sx2, sy2 = line("step-line")
        step_in_data = np.hypot((sx2 - sx1) * (w1 - w0) / (x1 - x0), (sy2 - sy1) * (b1 - b0) / (y1 - y0))
        return np.hypot(gx2 - gx1, gy2 - gy1), step_in_data

    lengths = {}
    point = widget.get_by_role("slider", name="Point on the loss surface")
    slope = widget.get_by_role("status", name="slope, the length of the gradient")
    step_length = widget.get_by_role("status", name="length of the step")
    for w, b, keys in ((-0.15, 2.0, []), (1.85, 8.0, ["Shift+ArrowRight"] * 2 + ["Shift+ArrowUp"] * 6)):
        point.focus()
        for key in keys:
            page.keyboard.press(key)
        dw, db = 2 * np.mean((w * X + b - Y) * X), 2 * np.mean(w * X + b - Y)
        expect(slope).to_have_text(f"{np.hypot(dw, db):.3f}")
        expect(step_length).to_have_text(f"{0.05 * np.hypot(dw, db):.4f}")
        arrow, step = drawn()
        assert step == pytest.approx(0.05 * np.hypot(dw, db), abs=0.02)  # lr × |∇loss|, to a pixel's rounding
        lengths[(w, b)] = arrow, np.hypot(dw, db)
    (flat_arrow, flat_slope), (steep_arrow, steep_slope) = lengths.values()
    assert steep_slope > 10 * flat_slope and steep_arrow == pytest.approx(flat_arrow, abs=0.05)
    expect(widget.locator(".key")).to_contain_text("always drawn the same length")
    expect(widget.locator(".key")).to_contain_text("its length is lr × |∇loss|")


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
