"""The built article in a real Chromium: math, the worker, the first widget, nothing off-host."""

import numpy as np
import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import (assert_no_console_errors, assert_only_local_requests, wait_for_live_figures,
                              wait_for_python)

pytestmark = pytest.mark.e2e


def manual_tuning_loss(w, b):
    """The test's own MSE for the 'Getting started' data (21 points on y = 0.65x - 0.3)."""
    x = np.linspace(-1, 1, 21)
    return float(np.mean((w * x + b - (0.65 * x - 0.3)) ** 2))


def test_math_is_katex_html_before_any_script_runs(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url)
    assert page.locator(".katex .katex-html").count() >= 3
    assert page.locator(".katex-display").count() >= 2
    expect(page.locator(".widget-manual-tuning").get_by_role("status", name="loss", exact=True)).to_have_text("0.8707300")
    context.close()


# Every state the status line takes, from the page's first byte: Python may be ready before the
# page has finished loading (the worker starts as the head is read), so "loading" is watched for,
# not looked at once.
RECORD_STATES = """
window.pythonStates = [];
new MutationObserver((records) => {
  for (const record of records) {
    if (record.target.id === "python-status") window.pythonStates.push(record.target.dataset.state);
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-state"] });
"""


def test_worker_starts_python_and_page_says_so(page, site_url):
    page.add_init_script(RECORD_STATES)
    page.goto(site_url)
    status = page.locator("#python-status")
    wait_for_python(page)
    states = page.evaluate("window.pythonStates")
    assert "loading" in states and states.index("loading") < states.index("ready"), states
    expect(status).to_contain_text("Python 3.14")
    assert len(page.workers) == 1
    assert_only_local_requests(page)
    assert_no_console_errors(page)


def test_weight_slider_by_keyboard_updates_loss_from_python(page, site_url):
    page.goto(site_url)
    wait_for_python(page)
    slider = page.locator(".widget-manual-tuning").get_by_role("slider", name="Weight w", exact=True)
    expect(slider).to_be_enabled()
    for _ in range(3):
        slider.press("ArrowRight")
    expected = f"{manual_tuning_loss(-0.79, -0.02):.7f}"
    assert expected != "0.8707300"
    expect(page.locator(".widget-manual-tuning").get_by_role("status", name="loss", exact=True)).to_have_text(expected)
    expect(page.locator(".widget-manual-tuning").get_by_role("status", name="weight", exact=True)).to_have_text("\u22120.79")
    expect(page.locator(".widget-manual-tuning").get_by_role("status", name="bias", exact=True)).to_have_text("\u22120.02")
    assert_only_local_requests(page)
    assert_no_console_errors(page)


def test_bias_slider_moves_the_line(page, site_url):
    page.goto(site_url)
    wait_for_python(page)
    line = page.locator(".widget-manual-tuning [data-role=line]")
    before = line.get_attribute("y1")
    page.locator(".widget-manual-tuning").get_by_role("slider", name="Bias b", exact=True).press("End")
    expect(page.locator(".widget-manual-tuning").get_by_role("status", name="loss", exact=True)).to_have_text(f"{manual_tuning_loss(-0.82, 1):.7f}")
    assert line.get_attribute("y1") != before


def test_plot_starts_blurred_and_toggle_reveals_it(page, site_url):
    page.goto(site_url)
    plot = page.locator(".widget-manual-tuning svg.plot")
    expect(plot).to_have_attribute("data-hidden", "true")
    toggle = page.locator(".widget-manual-tuning").get_by_role("button", name="Show the plot")
    expect(toggle).to_be_enabled()  # the widget's script has mounted (a busy machine may be slow)
    toggle.focus()
    page.keyboard.press("Enter")
    expect(plot).to_have_attribute("data-hidden", "false")
    expect(page.locator(".widget-manual-tuning").get_by_role("button", name="Hide the plot")).to_be_focused()


def test_page_opened_from_file_reads_fully_and_says_why_widgets_are_still(browser, built_site):
    page = browser.new_page()
    page.goto((built_site / "index.html").as_uri())
    expect(page.locator("#python-status")).to_have_attribute("data-state", "failed")
    expect(page.locator("#python-status")).to_contain_text("file://")
    assert page.locator(".katex").count() >= 3
    expect(page.locator(".widget-manual-tuning").get_by_role("status", name="loss", exact=True)).to_have_text("0.8707300")
    page.close()


def test_missing_runtime_file_leaves_article_readable_with_a_message(page, site_url):
    page.route("**/pyodide.asm.wasm", lambda route: route.fulfill(status=404, body="gone"))
    page.goto(site_url)
    status = page.locator("#python-status")
    expect(status).to_have_attribute("data-state", "failed", timeout=60_000)
    expect(status).to_contain_text("not live")
    expect(page.locator(".widget-manual-tuning").get_by_role("slider", name="Weight w", exact=True)).to_be_disabled()
    assert page.locator(".katex").count() >= 3


def test_burst_of_slider_moves_ends_on_the_number_for_the_final_value(page, site_url):
    """Older answers are superseded: after 40 quick presses the loss is the one for w = -0.42."""
    page.goto(site_url)
    wait_for_python(page)
    slider = page.locator(".widget-manual-tuning").get_by_role("slider", name="Weight w", exact=True)
    slider.focus()
    for _ in range(40):
        page.keyboard.press("ArrowRight")
    expect(page.locator(".widget-manual-tuning").get_by_role("status", name="weight", exact=True)).to_have_text("\u22120.42")
    expect(page.locator(".widget-manual-tuning").get_by_role("status", name="loss", exact=True)).to_have_text(
        f"{manual_tuning_loss(-0.42, -0.02):.7f}")
    assert_no_console_errors(page)


def test_without_webassembly_the_page_says_the_figures_are_not_live(browser, site_url):
    context = browser.new_context()
    context.add_init_script("delete globalThis.WebAssembly;")
    page = context.new_page()
    page.goto(site_url)
    status = page.locator("#python-status")
    expect(status).to_have_attribute("data-state", "failed")
    expect(status).to_contain_text("WebAssembly")
    expect(page.locator(".widget-manual-tuning").get_by_role("status", name="loss", exact=True)).to_have_text("0.8707300")
    context.close()


def test_nothing_moves_when_python_arrives_and_widgets_come_alive(page, site_url):
    page.goto(site_url)
    wait_for_live_figures(page)
    shifts = page.evaluate("""new Promise(resolve => {
        const found = [];
        new PerformanceObserver(list => found.push(...list.getEntries().map(e => e.value)))
            .observe({type: "layout-shift", buffered: true});
        setTimeout(() => resolve(found), 100);
    })""")
    assert sum(shifts) < 0.001, shifts
