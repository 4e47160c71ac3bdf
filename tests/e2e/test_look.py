"""The page looks made for its subject: a header figure from backprop, a text face of its own,
figures as wide as the column, a status line that leaves once Python is ready, quiet embed
buttons, legible labels on the map, tuning sliders in the parameters' colours, toggles that say
what they will do, and on a phone a first screen that opens the article."""

import contextlib
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from backprop.views.header import header_figure
from tests.e2e.helpers import bundle_with_widget_broken, wait_for_python
from tests.waiting import wait_until

pytestmark = pytest.mark.e2e

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 800}


@contextlib.contextmanager
def opened(browser, url, viewport=DESKTOP, **context_options):
    context = browser.new_context(viewport=viewport, **context_options)
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url)
    page.requests = requests
    try:
        yield page
    finally:
        context.close()


def box(locator):
    return locator.bounding_box()


def computed(locator, prop):
    return locator.evaluate(f"(e) => getComputedStyle(e).{prop}")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_header_figure_is_backprops_descent_over_the_loss_contours(browser, site_url, scheme):
    figure = header_figure()  # the view, called here directly
    with opened(browser, site_url, color_scheme=scheme) as page:
        art = page.locator("svg.header-art")
        expect(art).to_be_visible()
        expect(art).to_have_attribute("aria-hidden", "true")
        expect(art.locator(".header-art-path")).to_have_attribute("points", figure["path"])
        expect(art.locator(".header-art-contours path")).to_have_count(len(figure["contours"]))
        inner = art.locator(".header-art-contours .tone-3").first
        page_colour = computed(page.locator("body"), "backgroundColor")
        assert computed(inner, "stroke") not in (page_colour, "none")


def test_the_header_figure_spans_a_phone_screen_at_a_readable_height(browser, site_url):
    with opened(browser, site_url, PHONE) as page:
        art, masthead = box(page.locator("svg.header-art")), box(page.locator(".masthead-art"))
        assert art["width"] == pytest.approx(masthead["width"], abs=1)
        assert 90 <= art["height"] <= 160


def test_the_prose_is_set_in_the_text_face_the_site_serves_with_its_licence(browser, site_url):
    with opened(browser, site_url) as page:
        wait_until(lambda: page.evaluate("document.fonts.check('1em \"Source Serif 4\"')"),
                   what="the text face to load")
        opening = page.locator("#article p").first
        assert computed(opening, "fontFamily").startswith('"Source Serif 4"')
        faces = [url for url in page.requests if "/vendor/source-serif-4-" in url]
        assert any(url.endswith("-400-normal.woff2") for url in faces), page.requests
        assert {urlparse(url).hostname for url in page.requests if url.startswith("http")} == {"127.0.0.1"}
        licence = page.locator(".page-footer a", has_text="SIL Open Font License")
        answer = page.request.get(site_url + licence.get_attribute("href"))
        assert answer.ok and "SIL OPEN FONT LICENSE" in answer.text()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "375px"])
def test_the_loss_surface_is_as_wide_as_the_column(browser, site_url, viewport):
    with opened(browser, site_url, viewport) as page:
        column = box(page.locator("#article"))
        surface = box(page.locator(".widget-loss-surface svg.surface-plot"))
        assert surface["width"] == pytest.approx(column["width"], abs=2)


def test_the_status_line_steps_out_of_sight_once_every_figure_is_live_and_not_before(
        browser, site_url):
    with opened(browser, site_url) as page:
        status = page.locator("#python-status")
        wait_for_python(page)
        expect(status).to_contain_text("the figures are live")  # still said to screen readers
        expect(status).to_have_attribute("data-quiet", "")
        wait_until(lambda: computed(status, "opacity") == "0", what="the status to fade out")
        assert computed(status, "pointerEvents") == "none"
    # While a figure could not load, the line that says so stays in view.
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    broken = bundle_with_widget_broken("chain-rule")
    page.route("**/js/app.js", lambda route: route.fulfill(response=route.fetch(), body=broken))
    page.goto(site_url)
    wait_for_python(page)
    status = page.locator("#python-status")
    expect(status).to_contain_text("could not load")
    assert status.get_attribute("data-quiet") is None and computed(status, "opacity") == "1"
    context.close()


def test_on_an_embed_page_the_status_sits_below_the_widget_and_leaves_once_live(browser, site_url):
    with opened(browser, site_url + "embed/manual-tuning.html") as page:
        status, widget = page.locator("#python-status"), page.locator("figure.widget")
        assert box(status)["y"] >= box(widget)["y"] + box(widget)["height"]
        wait_for_python(page)
        seen = box(status)
        assert seen["width"] <= 1 and seen["height"] <= 1


def test_chart_labels_are_shaped_at_their_own_size_and_scaled_with_the_drawing(browser, site_url):
    """Each viewBox scale would otherwise shape the labels at a size of its own, and every size is
    a font to prepare before the frame is drawn (on a course page, before Python's start)."""
    with opened(browser, site_url + "embed/network-tool.html") as page:
        modes = page.locator("svg text").evaluate_all(
            "texts => texts.map(text => getComputedStyle(text).textRendering)")
        assert len(modes) > 10 and set(modes) == {"geometricprecision"}


def test_copy_embed_code_is_a_small_secondary_button(browser, site_url):
    with opened(browser, site_url) as page:
        figure = page.locator(".widget-manual-tuning")
        embed = figure.get_by_role("button", name="Copy embed code")
        toggle = figure.get_by_role("button", name="Show the plot")
        expect(embed).to_be_visible()
        assert box(embed)["height"] < box(toggle)["height"]
        assert float(computed(embed, "fontSize")[:-2]) < float(computed(toggle, "fontSize")[:-2])
        assert computed(embed, "color") == computed(figure.locator("figcaption"), "color")


def test_the_minimum_is_labelled_on_a_card_and_map_labels_have_a_thin_halo(browser, site_url):
    with opened(browser, site_url) as page:
        label = page.locator(".widget-loss-surface .surface-minimum text")
        card = label.get_attribute("filter")[len("url(#"):-1]
        flood = page.locator(f"[id='{card}'] feFlood")
        expect(flood).to_have_count(1)
        assert computed(flood, "floodColor") == "rgb(255, 255, 255)"
        assert computed(label, "stroke") == "none"
        halo = page.locator(".widget-gradient-descent .halo").first
        assert float(computed(halo, "strokeWidth")[:-2]) <= 2


def test_the_tuning_sliders_are_wide_and_coloured_as_w_and_b_and_the_blur_hides_the_line(
        browser, site_url):
    with opened(browser, site_url) as page:
        figure = page.locator(".widget-manual-tuning")
        for name, symbol in (("Weight w", "weight"), ("Bias b", "bias")):
            slider = figure.get_by_role("slider", name=name, exact=True)
            readout = figure.get_by_role("status", name=symbol, exact=True)
            assert computed(slider, "accentColor") == computed(readout, "color")
            assert box(slider)["width"] >= 300
        # One blur over the points and the line together, the plot on a layer of its own.
        marks = figure.locator(".plot > .plot-marks")
        assert computed(marks, "filter") == "blur(25px)"
        assert marks.locator(".points").count() == 1 and marks.locator(".fit-line").count() == 1
        assert computed(figure.locator(".plot"), "willChange") == "transform"


def test_the_plot_toggle_says_what_it_will_do(browser, site_url):
    with opened(browser, site_url) as page:
        figure = page.locator(".widget-manual-tuning")
        toggle = figure.locator("button[data-role=reveal]")
        expect(toggle).to_have_accessible_name("Show the plot")
        expect(toggle).to_be_enabled()
        assert toggle.get_attribute("aria-pressed") is None  # the name says it, not a state
        toggle.focus()
        page.keyboard.press("Enter")
        expect(toggle).to_have_accessible_name("Hide the plot")
        expect(figure.locator("svg.plot")).to_have_attribute("data-hidden", "false")
        wait_until(lambda: computed(figure.locator(".plot > .plot-marks"), "filter") == "none",
                   what="the blur to clear (it fades over 0.3 s)")
        page.keyboard.press("Space")
        expect(toggle).to_have_accessible_name("Show the plot")
        expect(figure.locator("svg.plot")).to_have_attribute("data-hidden", "true")


def test_at_375_px_the_first_screen_opens_the_article_and_the_contents_unfold(browser, site_url):
    with opened(browser, site_url, PHONE) as page:
        contents = page.get_by_role("button", name="Contents")
        expect(contents).to_have_attribute("aria-expanded", "false")
        expect(page.locator(".toc-list")).to_be_hidden()
        opening = box(page.locator("#article p").first)
        assert opening["y"] + 3 * 26 <= PHONE["height"]  # at least its first three lines show
        contents.click()
        expect(contents).to_have_attribute("aria-expanded", "true")
        link = page.locator(".toc-list a", has_text="Getting started")
        expect(link).to_be_visible()
        link.click()
        expect(contents).to_have_attribute("aria-expanded", "false")
        expect(page.locator(".toc-list")).to_be_hidden()
        wait_until(lambda: abs(box(page.locator("#getting-started"))["y"]) < 40,
                   what="the chosen section at the top of the screen")


def test_on_a_wide_screen_the_contents_stay_open_with_no_button(browser, site_url):
    with opened(browser, site_url) as page:
        expect(page.locator(".toc-list a").first).to_be_visible()
        expect(page.locator(".toc-toggle")).to_be_hidden()
        expect(page.get_by_role("heading", name="Contents")).to_be_visible()
