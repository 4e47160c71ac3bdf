"""An author's image, in a real Chromium: shown under the page's strict policy, captioned."""

import pytest
from playwright.sync_api import expect

from builder import REPO_DIR
from tests.articles import build
from tests.conftest import serving, url_of

pytestmark = pytest.mark.e2e


def test_the_guides_example_shows_its_image_figure_under_the_header_policy(page, tmp_path):
    out = tmp_path / "site"
    build(REPO_DIR / "docs" / "example" / "article.toml", out)
    with serving(out) as server:  # serve's own policy header, as well as the page's <meta>
        violations = []
        page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
        page.goto(url_of(server))
        figure = page.locator("figure.image").filter(has_text="What to look for in the loss curve")
        image = figure.get_by_role("img", name="A sketch of the loss against epochs")
        image.scroll_into_view_if_needed()  # it loads lazily
        expect(image).to_be_visible()
        page.wait_for_function("img => img.complete && img.naturalWidth === 360", arg=image.element_handle())
        expect(figure.locator("figcaption")).to_have_text(
            "What to look for in the loss curve (a sketch, not measured).")
        assert violations == []
