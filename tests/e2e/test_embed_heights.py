"""Embeds where the host strips scripts: the copied snippet alone gives the iframe a height that
shows the whole widget, from the heights measured here (builder/embed_heights.json), and host.js,
where it runs, still makes the iframe exactly as tall as the widget.

To measure the table again (after a change to a widget's layout or the embed page):

    UPDATE_EMBED_HEIGHTS=1 .venv/bin/python -m pytest tests/e2e/test_embed_heights.py -k table
"""

import http.server
import json
import math
import os
import threading

import pytest

from builder import embed_heights
from builder.widgets import BUILT_IN
from tests.e2e.helpers import wait_for_live_figures, wait_for_python
from tests.waiting import wait_until

pytestmark = pytest.mark.e2e

WIDTHS = list(range(280, 1401, 20))  # iframe widths, px
DRIFT = 0.03  # a measured height this far from the table's (3 %) means the table is stale
REGENERATE = "UPDATE_EMBED_HEIGHTS=1 .venv/bin/python -m pytest tests/e2e/test_embed_heights.py -k table"
NEXT_PAINT = "new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


def measure(browser, site_url, names):
    """{name: [height at each of WIDTHS]} of each widget's embed page, alone in a window as wide
    as the iframe: the taller of the page as built (scripts off: Python's status still shows its
    longest message) and the page once every figure is live and drawn."""
    heights = {name: [0] * len(WIDTHS) for name in names}
    for scripts in (False, True):
        context = browser.new_context(java_script_enabled=scripts,
                                      viewport={"width": WIDTHS[0], "height": 100})
        page = context.new_page()
        for name in names:
            page.goto(f"{site_url}embed/{name}.html")
            if scripts:
                wait_for_live_figures(page)
            for k, width in enumerate(WIDTHS):
                # A window lower than the page: its scroll height is the page's own height.
                page.set_viewport_size({"width": width, "height": 100})
                if scripts:
                    page.evaluate(NEXT_PAINT)  # figures that redraw for their new width have
                height = page.evaluate("document.scrollingElement.scrollHeight")
                heights[name][k] = max(heights[name][k], height)
        context.close()
    return heights


def table_text(about, measured):
    """The table as JSON with one line per widget, so a new measurement reads as a short diff."""
    rows = [f"  {json.dumps(name)}: {json.dumps(heights)}" for name, heights in sorted(measured.items())]
    return "\n".join(["{", f' "about": {json.dumps(about)},', f' "widths": {json.dumps(WIDTHS)},',
                      ' "heights": {', ",\n".join(rows), " }", "}", ""])


def test_the_embed_height_table_holds_each_widgets_measured_heights(browser, site_url):
    names = sorted(BUILT_IN.names())
    measured = measure(browser, site_url, names)
    if os.environ.get("UPDATE_EMBED_HEIGHTS"):
        about = ("Height (CSS px) of each built-in widget's embed page at each iframe width: the "
                 "taller of the page before Python and once live, in Chromium with the system's "
                 "sans-serif. Measured by tests/e2e/test_embed_heights.py; to measure again: "
                 + REGENERATE)
        embed_heights.TABLE.write_text(table_text(about, measured), encoding="utf-8")
        embed_heights.table.cache_clear()
    table = embed_heights.table()
    assert table["widths"] == WIDTHS and sorted(table["heights"]) == names, \
        f"builder/embed_heights.json measures other widths or widgets; measure again: {REGENERATE}"
    drifted = [f"{name} at {width} px: table {was}, measured {now}"
               for name in names
               for width, was, now in zip(WIDTHS, table["heights"][name], measured[name])
               if abs(now - was) > DRIFT * was]
    assert not drifted, (f"{len(drifted)} embed heights moved more than {DRIFT:.0%} from "
                         f"builder/embed_heights.json, e.g. {drifted[:3]}; measure again: {REGENERATE}")


@pytest.fixture(scope="module")
def course_host(tmp_path_factory):
    """write(name, html) puts a page on a course site of its own (another origin than ours)
    and returns its address."""
    root = tmp_path_factory.mktemp("course-host")
    handler = lambda *args: http.server.SimpleHTTPRequestHandler(*args, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def write(name, html):
        (root / name).write_text(html, encoding="utf-8")
        return f"http://127.0.0.1:{server.server_address[1]}/{name}"
    yield write
    server.shutdown()
    server.server_close()


def copied_snippets(page, site_url):
    """{widget: the snippet "Copy embed code" gives} for every widget in the article."""
    page.goto(site_url)
    snippets = {}
    for figure in page.locator("figure[data-widget]").all():
        name = figure.get_attribute("data-widget")
        if name in snippets:
            continue
        figure.get_by_role("button", name="Copy embed code").click()
        snippets[name] = figure.get_by_label("Embed code for a course page").input_value()
    return snippets


def host_page(snippets, keep_script):
    """A course page with every snippet pasted in, its <script> lines kept or stripped (as
    many course sites strip them)."""
    pasted = []
    for name, snippet in sorted(snippets.items()):
        iframe, script = snippet.split("\n")
        assert script.startswith("<script ") and "<script" not in iframe
        pasted.append(f"<h2>{name}</h2>\n{iframe}\n" + (script + "\n" if keep_script else ""))
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Week 3</title>"
            "</head><body><h1>Week 3</h1>\n" + "".join(pasted) + "</body></html>")


def overflow(page, name):
    """The widget's frame, once its page has loaded, and how far the page reaches below its
    iframe (px; 0 or less: it all shows)."""
    def loaded():
        # Looked up each time: a lazy iframe's first frame (about:blank) is replaced when the
        # page from our origin loads in a process of its own.
        frame = page.locator(f"iframe[src*='embed/{name}']").element_handle().content_frame()
        return frame if frame and "/embed/" in frame.url and \
            frame.evaluate("document.readyState") == "complete" else None
    frame = wait_until(loaded, what=f"{name}'s page to load")
    return frame, frame.evaluate("document.scrollingElement.scrollHeight - innerHeight")


@pytest.mark.parametrize("width", [1000, 360])
def test_a_snippet_whose_script_was_stripped_shows_the_whole_widget(page, site_url, course_host, width):
    page.set_viewport_size({"width": width, "height": 800})
    snippets = copied_snippets(page, site_url)
    assert sorted(snippets) == sorted(BUILT_IN.names())
    page.goto(course_host(f"stripped-{width}.html", host_page(snippets, keep_script=False)))
    for name in sorted(snippets):
        page.locator(f"iframe[src*='embed/{name}']").scroll_into_view_if_needed()  # lazy iframes
        frame, before_python = overflow(page, name)
        assert before_python <= 1, f"{name} at {width} px: {before_python} px hidden before Python"
        wait_for_live_figures(frame)
        _, live = overflow(page, name)
        assert live <= 1, f"{name} at {width} px: {live} px hidden once live"


@pytest.mark.parametrize("width", [1000, 360])
def test_host_js_still_makes_each_iframe_exactly_as_tall_as_its_widget(page, site_url, course_host, width):
    page.set_viewport_size({"width": width, "height": 800})
    snippets = copied_snippets(page, site_url)
    page.goto(course_host(f"with-script-{width}.html", host_page(snippets, keep_script=True)))
    for name in ("chain-rule", "manual-tuning", "network-tool"):
        iframe = page.locator(f"iframe[src*='embed/{name}']")
        iframe.scroll_into_view_if_needed()
        frame, _ = overflow(page, name)
        wait_for_python(frame)

        def exact():
            content = math.ceil(frame.evaluate("document.documentElement.getBoundingClientRect().height"))
            return iframe.bounding_box()["height"] == content and content
        content = wait_until(exact, what=f"{name}'s iframe to take its widget's height")
        # Smaller than the snippet's own height, which has a margin: host.js set it.
        assert content < int(iframe.get_attribute("height"))
