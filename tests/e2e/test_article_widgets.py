"""An article's own widget in Chromium: it goes live and its Python answers from the reader's
browser, on the article, on its embed page, and in the single file opened from disk; and the
widget ``new`` scaffolds goes live as it is."""

import pytest
from playwright.sync_api import expect

from builder.scaffold import create
from builder.single_file import build_single_file
from tests.articles import build, build_tiny_site, own_widget, tiny_article
from tests.conftest import serving, url_of
from tests.e2e.test_accessibility import axe_violations
from tests.e2e.helpers import (assert_no_console_errors, assert_only_local_requests,
                               wait_for_live_figures)

pytestmark = pytest.mark.e2e

SECTION = "## Hello\n\n::: widget double n=4\n\n::: widget manual-tuning\n"


@pytest.fixture(scope="module")
def own_site_url(tmp_path_factory):
    site = build_tiny_site(tmp_path_factory.mktemp("own"), SECTION, files=own_widget())
    with serving(site) as server:
        yield url_of(server)


def answers_from_the_browser(widget, slider_presses, twice):
    """The figure's Python runs in the browser (it says so: Pyodide's sys.platform, not the
    build machine's) and answers the slider."""
    expect(widget.get_by_role("status", name="platform")).to_have_text("emscripten")
    slider = widget.get_by_role("slider", name="n")
    expect(slider).to_be_enabled()
    for _ in range(slider_presses):
        slider.press("ArrowRight")
    expect(widget.get_by_role("status", name="twice n")).to_have_text(twice)


def test_an_own_widget_goes_live_and_its_python_answers_in_the_browser(page, own_site_url):
    page.goto(own_site_url)
    widget = page.locator(".widget-double")
    expect(widget.get_by_role("status", name="twice n")).to_have_text("8")  # pre-rendered, n=4
    wait_for_live_figures(page)
    expect(page.locator("#python-status")).to_contain_text("the figures are live")
    answers_from_the_browser(widget, 1, "10")
    assert_only_local_requests(page)
    assert_no_console_errors(page)


def test_an_own_widgets_embed_page_takes_its_settings_from_the_address(page, own_site_url):
    page.goto(own_site_url + "embed/double.html?n=7")
    wait_for_live_figures(page)
    widget = page.locator(".widget-double")
    expect(widget.get_by_role("status", name="twice n")).to_have_text("14")
    answers_from_the_browser(widget, 2, "18")
    assert_no_console_errors(page)


def test_an_own_widget_goes_live_in_the_single_file_opened_from_disk(browser, tmp_path):
    path = build_single_file(tiny_article(tmp_path, SECTION, files=own_widget()),
                             tmp_path / "article.html")
    context = browser.new_context()
    context.set_offline(True)
    try:
        page = context.new_page()
        page.goto(path.as_uri())
        wait_for_live_figures(page)
        answers_from_the_browser(page.locator(".widget-double"), 1, "10")
    finally:
        context.close()


def test_the_widget_new_scaffolds_goes_live_as_it_is_and_axe_finds_no_violation(page, tmp_path):
    config = create(tmp_path / "my-article")
    site = tmp_path / "my-article" / "site"
    build(config, site)
    with serving(site) as server:
        page.goto(url_of(server))
        # The example authors start from is accessible before and after Python.
        assert axe_violations(page) == []
        wait_for_live_figures(page)
        assert axe_violations(page) == []
        widget = page.locator(".widget-square")
        slider = widget.get_by_role("slider", name="Input x")
        for _ in range(3):
            slider.press("ArrowRight")  # 1.5 + 3 steps of 0.1
        expect(widget.get_by_role("status", name="x", exact=True)).to_have_text("1.8")
        expect(widget.get_by_role("status", name="x squared")).to_have_text("3.24")
        assert_no_console_errors(page)
