"""Keyboard only: Tab walks through every control of the article, each visible and named, with
no trap, once Python is live."""

import pytest

from tests.e2e.helpers import wait_for_python

pytestmark = pytest.mark.e2e

DESCRIBE_FOCUS = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const box = el.getBoundingClientRect();
    const labelled = el.getAttribute("aria-labelledby");
    const name = (el.getAttribute("aria-label") || (labelled && labelled.split(" ").map(
        (id) => document.getElementById(id)?.textContent || "").join(" ")) ||
        [...(el.labels || [])].map((l) => l.textContent).join(" ") || el.textContent ||
        el.getAttribute("title") || "").trim();
    return {tag: el.tagName, name, visible: box.width > 0 && box.height > 0,
            widget: el.closest("[data-widget]")?.dataset.widget || null};
}"""


def test_tab_reaches_every_widget_with_named_visible_controls_and_no_trap(page, site_url):
    page.goto(site_url)
    wait_for_python(page)
    stops = []
    for _ in range(600):
        page.keyboard.press("Tab")
        focused = page.evaluate(DESCRIBE_FOCUS)
        if focused is None:
            break  # out of the page's end: no trap
        stops.append(focused)
    else:
        pytest.fail("Tab never left the page: a keyboard trap")
    unnamed = [s for s in stops if not s["name"]]
    hidden = [s for s in stops if not s["visible"]]
    assert unnamed == [] and hidden == [], (unnamed, hidden)
    reached = {s["widget"] for s in stops} - {None}
    placed = set(page.eval_on_selector_all(
        ".article [data-widget]", "els => els.map(e => e.dataset.widget)"))
    interactive = placed - {"loss-surface", "network-figure"}  # pictures, nothing to operate
    assert interactive <= reached, interactive - reached
