"""Embedding: a widget's own page inside a course page from another origin, sized to fit."""

import http.server
import re
import threading

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import wait_for_python
from tests.waiting import wait_until

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def course_page(site_url, tmp_path_factory):
    """A page on another origin (another port) embedding two widgets with the resize script."""
    root = tmp_path_factory.mktemp("course")
    (root / "index.html").write_text(f"""<!doctype html><html lang="en"><head><title>Course</title>
<script src="{site_url}embed/host.js"></script></head><body><h1>Week 3</h1>
<iframe id="chain" title="chain rule" src="{site_url}embed/chain-rule.html?x=50&colour=red"
 style="width:100%;border:0"></iframe>
<iframe id="example" title="concrete example" src="{site_url}embed/concrete-example.html"
 style="width:100%;border:0"></iframe></body></html>""")
    handler = lambda *args: http.server.SimpleHTTPRequestHandler(*args, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def course_page_with_strangers(site_url, tmp_path_factory):
    """A course page with our embed iframe and two others that send our resize message: a page
    of the course's own site, and a page of our site that is not an embed page."""
    root = tmp_path_factory.mktemp("strangers")
    poster = """<!doctype html><title>poster</title><script>
parent.postMessage({type: "backprop-explainer:resize", height: 777}, "*");
parent.postMessage({type: "poster-done"}, "*");  // after the resize: the host has seen it then
</script>"""
    (root / "poster.html").write_text(poster)
    (root / "index.html").write_text(f"""<!doctype html><html lang="en"><head><title>Course</title>
<script src="{site_url}embed/host.js"></script><script>
window.postersDone = 0;
addEventListener("message", (e) => {{ if (e.data && e.data.type === "poster-done") postersDone++; }});
</script></head><body>
<iframe id="ours" title="chain rule" src="{site_url}embed/chain-rule.html" style="width:100%;border:0"></iframe>
<iframe id="foreign" title="other site" src="poster.html" style="width:100%;border:0"></iframe>
<iframe id="not-embed" title="our site, not an embed page" src="{site_url}poster-outside-embed.html"
 style="width:100%;border:0"></iframe></body></html>""")
    handler = lambda *args: http.server.SimpleHTTPRequestHandler(*args, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/index.html", poster
    server.shutdown()
    server.server_close()


def height(page, frame_id):
    return page.locator(f"#{frame_id}").bounding_box()["height"]


def test_embedded_widget_takes_options_from_its_address_and_resizes_its_iframe(page, course_page):
    page.goto(course_page)
    chain = page.frame_locator("#chain")
    expect(chain.get_by_role("slider", name="Input x")).to_have_value("50")
    expect(chain.get_by_role("note")).to_contain_text("colour")
    # The iframe grew from the browser's default 150 px to the widget's own height.
    expect(page.locator("#chain")).not_to_have_attribute("style", "width:100%;border:0")
    assert height(page, "chain") > 300

    frame = page.frame(url=lambda url: "chain-rule" in url)
    wait_for_python(frame)
    # 50 through the article's starting neurons: 0.42*50+0.75 = 21.75; 0.3*21.75+0.27 = 6.795;
    # 0.06*6.795+0.29 = 0.6977 -> 0.698.
    expect(chain.get_by_role("status", name="neuron 3 output", exact=True)).to_have_text("0.698")


def test_host_script_resizes_only_our_embed_pages_on_their_own_messages(page, course_page_with_strangers):
    url, poster = course_page_with_strangers
    # Our site's origin, outside embed/: served here so the built site stays as it is.
    page.route("**/poster-outside-embed.html", lambda route: route.fulfill(
        status=200, content_type="text/html", body=poster))
    page.goto(url)
    page.wait_for_function("window.postersDone === 2")  # both strangers' messages were handled
    expect(page.locator("#ours")).to_have_attribute("style", re.compile("height"))
    assert height(page, "ours") > 300
    for stranger in ("foreign", "not-embed"):
        expect(page.locator(f"#{stranger}")).to_have_attribute("style", "width:100%;border:0")
        assert height(page, stranger) == 150  # the browser's default, not the 777 they asked for


def test_iframe_follows_the_widget_when_it_grows(page, course_page):
    page.goto(course_page)
    example = page.frame_locator("#example")
    toggle = example.get_by_role("button", name="Describe the forward graph")
    expect(toggle).to_be_enabled()
    expect(page.locator("#example")).to_have_attribute("style", re.compile("height"))  # sized once
    before = height(page, "example")
    toggle.click()
    # Polled from the test: the page's policy forbids wait_for_function.
    wait_until(lambda: height(page, "example") > before, what="the iframe to grow")


def test_article_offers_embed_code_for_each_widget(page, site_url):
    page.goto(site_url)
    widget = page.locator(".widget-chain-rule")
    widget.get_by_role("button", name="Copy embed code").click()
    code = widget.get_by_label("Embed code for a course page")
    expect(code).to_be_visible()
    assert f'src="{site_url}embed/chain-rule.html"' in code.input_value()
    assert "embed/host.js" in code.input_value()


def copied_src(widget):
    widget.get_by_role("button", name="Copy embed code").click()
    code = widget.get_by_label("Embed code for a course page").input_value()
    return code.split('src="', 1)[1].split('"', 1)[0].replace("&amp;", "&")


def test_embed_code_carries_the_settings_the_reader_changed(page, site_url):
    page.goto(site_url)
    wait_for_python(page)
    widget = page.locator(".widget-chain-rule")
    slider = widget.get_by_role("slider").first
    slider.press("ArrowRight")
    slider.press("ArrowRight")
    moved = slider.input_value()
    src = copied_src(widget)
    assert src == f"{site_url}embed/chain-rule.html?x={moved}"
    page.goto(src)  # the embed page opens as the instructor saw the widget
    expect(page.locator(".widget-chain-rule").get_by_role("slider").first).to_have_value(moved)


def test_the_network_tools_embed_code_carries_its_address_settings(page, site_url):
    # A link copied before each setting had one name (batch, layers) still opens the same run;
    # the address is kept as the reader opened it until a setting changes, and is then written
    # with the names the directive and Python use.
    page.goto(site_url + "#tool=cos,lr=0.003,batch=5,layers=4-4,seed=7")
    wait_for_python(page)
    widget = page.locator(".widget-network-tool")
    expect(widget.get_by_role("combobox", name="Data set")).to_have_value("cos")
    expect(widget.get_by_role("combobox", name="Batch size")).to_have_value("5")
    src = copied_src(widget)
    assert src.startswith(f"{site_url}embed/network-tool.html#tool=cos,")
    assert "layers=4-4" in src and "seed=7" in src
    widget.get_by_role("combobox", name="Data set").select_option("tanh")
    written = "#tool=tanh,lr=0.003,batch_size=5,hidden=4-4,seed=7"
    expect(page).to_have_url(site_url + written)
    assert copied_src(widget) == f"{site_url}embed/network-tool.html{written}"


def test_an_embed_address_value_that_is_not_a_choice_is_ignored_with_a_notice(page, site_url):
    page.goto(site_url + "embed/gradient-descent.html?lr=7")
    expect(page.get_by_role("note")).to_contain_text(
        "values this figure does not allow: lr=7 (one of 0.01, 0.05, 0.1, 0.2)")
    expect(page.locator(".widget-gradient-descent select")).to_have_value("0.05")


def test_an_embed_address_value_outside_the_settings_range_is_ignored_not_clamped(page, site_url):
    # The browser used to clamp ?x=500 to 100 and turn ?x=abc into the slider's middle, silently.
    page.goto(site_url + "embed/chain-rule.html?x=500")
    expect(page.get_by_role("note")).to_contain_text("x=500 (a whole number from 0 to 100)")
    expect(page.get_by_role("slider", name="Input x")).to_have_value("34")


def test_an_embed_address_reads_a_settings_old_name_too(page, site_url):
    page.goto(site_url + "embed/network-tool.html?batch=5&lr=0.0030")
    expect(page.get_by_role("combobox", name="Batch size")).to_have_value("5")
    expect(page.get_by_role("combobox", name="Learning rate")).to_have_value("0.003")
    expect(page.get_by_role("note")).to_have_count(0)
