"""Coloured code in a real Chromium: the keyword takes the light style's colour, the dark style's
when the system is dark, and the light one again when the reader chooses light with the toggle."""

import pytest
from playwright.sync_api import expect
from pygments.styles import get_style_by_name
from pygments.token import Keyword

from builder.code_highlight import DARK_STYLE, LIGHT_STYLE
from tests.conftest import serving, url_of

pytestmark = pytest.mark.e2e


def rgb(style_name):
    """The style's keyword colour as Chromium computes it."""
    colour = get_style_by_name(style_name).style_for_token(Keyword)["color"]
    return f"rgb({int(colour[0:2], 16)}, {int(colour[2:4], 16)}, {int(colour[4:6], 16)})"


def keyword_colour(page):
    return page.locator(".codehilite .hl-k").first.evaluate("span => getComputedStyle(span).color")


def test_code_colours_follow_the_system_theme_and_the_toggle(browser, tiny_site):
    site = tiny_site("## Code\n\n```python\ndef f(x):\n    return x\n```\n")
    assert rgb(LIGHT_STYLE) != rgb(DARK_STYLE)
    with serving(site) as server:
        for scheme, expected in (("light", rgb(LIGHT_STYLE)), ("dark", rgb(DARK_STYLE))):
            context = browser.new_context(color_scheme=scheme)
            page = context.new_page()
            page.goto(url_of(server))
            assert keyword_colour(page) == expected, scheme
            if scheme == "dark":
                toggle = page.get_by_role("button", name="Dark mode")
                toggle.press("Enter")
                expect(toggle).to_have_attribute("aria-pressed", "false")
                assert keyword_colour(page) == rgb(LIGHT_STYLE)
            context.close()
