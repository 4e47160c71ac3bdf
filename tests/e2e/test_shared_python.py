"""One Python for every embed page of a site (static/js/shared-python.js, shared-worker.mjs): a
course page with three embedded figures starts it once, each frame keeps its own state in it, a
crash restarts it for all of them, and a browser without SharedWorker gives each its own."""

import http.server
import json
import threading

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import PYTHON_START_TIMEOUT_MS
from tests.waiting import wait_until

pytestmark = pytest.mark.e2e

# Small enough that all three frames are in view: a browser runs no animation frames in a frame
# out of sight, and the page starts Python in its first frame.
FRAME = 'style="width:100%;height:220px;border:0"'


def serve_course_page(folder, html):
    """Serve `html` as a course page on another origin than the site's; its address and server."""
    (folder / "index.html").write_text(html)
    handler = lambda *args: http.server.SimpleHTTPRequestHandler(*args, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/index.html", server


def course_html(site_url, *embeds):
    frames = "\n".join(f'<iframe id="{frame_id}" title="{frame_id}" src="{site_url}embed/{page}" {FRAME}>'
                       "</iframe>" for frame_id, page in embeds)
    return f"""<!doctype html><html lang="en"><head><title>Course</title></head><body>
{frames}</body></html>"""


@pytest.fixture(scope="module")
def course_page(site_url, tmp_path_factory):
    """Three different figures, the two stateful ones included."""
    url, server = serve_course_page(tmp_path_factory.mktemp("three"), course_html(
        site_url, ("tuning", "manual-tuning.html"), ("fit", "linear-training.html"),
        ("tool", "network-tool.html")))
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def twin_tools_page(site_url, tmp_path_factory):
    """The network tool twice: the same widget, the same element ids, in two frames."""
    url, server = serve_course_page(tmp_path_factory.mktemp("twins"), course_html(
        site_url, ("first", "network-tool.html"), ("second", "network-tool.html")))
    yield url
    server.shutdown()
    server.server_close()


def frame(page, frame_id):
    return page.frame_locator(f"#{frame_id}")


def content_of(page, frame_id):
    """The frame's document, to read what its page says of itself."""
    return page.locator(f"#{frame_id}").element_handle().content_frame()


def python_of(page, frame_id):
    """How the frame's page says it runs Python: [status, worker kind, instance]."""
    return content_of(page, frame_id).evaluate("""() => [
        document.getElementById("python-status").dataset.state,
        document.documentElement.dataset.pythonWorker ?? null,
        document.documentElement.dataset.pythonInstance ?? null]""")


def wait_for_frames_live(page, frame_ids):
    """Every frame's Python is ready and its figure has answered its first calls."""
    def live():
        for frame_id in frame_ids:
            content = content_of(page, frame_id)
            if content is None or content.evaluate("""() => document.getElementById("python-status")?.dataset.state
                !== "ready" || (document.documentElement.dataset.pythonCalls ?? "0") !== "0" """):
                return False
        return True
    wait_until(live, timeout=PYTHON_START_TIMEOUT_MS / 1000, what="every frame's figure to go live")


def workers_of(page):
    """The browser's own count of the workers running for this page's frames, by kind."""
    cdp = page.context.new_cdp_session(page)
    try:
        targets = cdp.send("Target.getTargets")["targetInfos"]
    finally:
        cdp.detach()
    context = page_context_id(page)
    kinds = [t["type"] for t in targets if t.get("browserContextId") == context]
    return {"shared": kinds.count("shared_worker"), "dedicated": kinds.count("worker")}


def page_context_id(page):
    cdp = page.context.new_cdp_session(page)
    try:
        return cdp.send("Target.getTargetInfo")["targetInfo"]["browserContextId"]
    finally:
        cdp.detach()


def crash_shared_python(page):
    """The browser ends the shared worker, as it would one that crashed."""
    cdp = page.context.new_cdp_session(page)
    try:
        context = page_context_id(page)
        [worker] = [t for t in cdp.send("Target.getTargets")["targetInfos"]
                    if t["type"] == "shared_worker" and t.get("browserContextId") == context]
        cdp.send("Target.closeTarget", {"targetId": worker["targetId"]})
    finally:
        cdp.detach()


def test_three_embeds_on_one_course_page_start_python_once_and_all_answer(page, course_page):
    page.goto(course_page)
    frames = ["tuning", "fit", "tool"]
    wait_for_frames_live(page, frames)
    states = [python_of(page, frame_id) for frame_id in frames]
    assert {state[1] for state in states} == {"shared"}, states
    assert len({state[2] for state in states}) == 1, states  # one Python's name on all three
    assert workers_of(page) == {"shared": 1, "dedicated": 0}
    # Each answers: a key on a slider, a training step, an epoch of the network tool.
    tuning = frame(page, "tuning")
    tuning.get_by_role("slider", name="Weight w", exact=True).press("ArrowRight")
    expect(tuning.get_by_role("status", name="weight", exact=True)).to_have_text("\u22120.81")
    fit = frame(page, "fit")
    fit.get_by_role("button", name="One step").click()
    expect(fit.get_by_role("status", name="epoch")).to_have_text("1")
    tool = frame(page, "tool")
    tool.get_by_role("button", name="One epoch").click()
    expect(tool.get_by_role("status", name="epoch")).to_have_text("1")


def evaluate_in_shared_python(page, expression):
    """``expression``'s value (JSON) in the shared worker's own scope, through DevTools."""
    cdp = page.context.new_cdp_session(page)
    try:
        context = page_context_id(page)
        [worker] = [t for t in cdp.send("Target.getTargets")["targetInfos"]
                    if t["type"] == "shared_worker" and t.get("browserContextId") == context]
        answers = []
        cdp.on("Target.receivedMessageFromTarget", lambda event: answers.append(json.loads(event["message"])))
        session = cdp.send("Target.attachToTarget", {"targetId": worker["targetId"], "flatten": False})
        cdp.send("Target.sendMessageToTarget", {"sessionId": session["sessionId"], "message": json.dumps(
            {"id": 1, "method": "Runtime.evaluate", "params": {"expression": expression, "returnByValue": True}})})
        # Each look asks DevTools something, which lets the answer's event through.
        answer = wait_until(lambda: cdp.send("Target.getTargets") and next(
            (a for a in answers if a.get("id") == 1), None), timeout=60, what="the worker's answer")
        return answer["result"]["result"]["value"]
    finally:
        cdp.detach()


def test_the_shared_worker_begins_pythons_downloads_and_worker_mjs_takes_each_over(page, course_page):
    """shared-worker.mjs asks for the snapshot, the wasm and backprop.zip as it starts;
    worker.mjs takes each response over instead of asking again: each is fetched once."""
    page.goto(course_page)
    wait_for_frames_live(page, ["tuning", "fit", "tool"])
    left, fetched = evaluate_in_shared_python(page, """[globalThis.begunDownloads.size,
        performance.getEntriesByType("resource").map((entry) => entry.name.split("/").pop())]""")
    assert left == 0
    for name in ("pyodide.asm.wasm", "backprop.zip"):
        assert fetched.count(name) == 1, fetched
    assert len([name for name in fetched if name.endswith(".bin.gz")]) == 1, fetched  # the snapshot


# Every "init" a page posts to the shared worker, dropped on its way.
DROP_INIT = """
const post = MessagePort.prototype.postMessage;
MessagePort.prototype.postMessage = function (message, ...rest) {
  if (message?.type !== "init") post.call(this, message, ...rest);
};"""


def test_the_shared_python_starts_from_its_own_address_without_a_pages_init(page, course_page):
    """The worker's address says how to start Python (builder/pipeline.py writes it there), so
    its downloads begin as it starts, not once a page's "init" has crossed the page's main thread,
    busy with the frames' loading: with every page's init dropped, all three still go live."""
    page.context.add_init_script(DROP_INIT)
    page.goto(course_page)
    wait_for_frames_live(page, ["tuning", "fit", "tool"])
    assert workers_of(page) == {"shared": 1, "dedicated": 0}


def test_two_embeds_of_the_same_widget_keep_their_own_network(page, twin_tools_page):
    page.goto(twin_tools_page)
    wait_for_frames_live(page, ["first", "second"])
    shared = python_of(page, "first")[1:]
    assert shared[0] == "shared" and python_of(page, "second")[1:] == shared  # one Python for both
    first, second = frame(page, "first"), frame(page, "second")
    for epochs in ("1", "2", "3"):
        first.get_by_role("button", name="One epoch").click()
        expect(first.get_by_role("status", name="epoch")).to_have_text(epochs)
    expect(second.get_by_role("status", name="epoch")).to_have_text("0")
    second.get_by_role("button", name="One epoch").click()  # its own network, not the first's
    expect(second.get_by_role("status", name="epoch")).to_have_text("1")
    expect(first.get_by_role("status", name="epoch")).to_have_text("3")
    first.get_by_role("button", name="add a hidden layer").click()
    expect(first.get_by_role("status", name="hidden layers")).to_have_text("4")
    expect(second.get_by_role("status", name="hidden layers")).to_have_text("3")


def test_a_crash_of_the_shared_python_restarts_it_for_every_frame_keeping_their_settings(
        page, course_page):
    page.goto(course_page)
    frames = ["tuning", "fit", "tool"]
    wait_for_frames_live(page, frames)
    before = python_of(page, "tuning")[2]
    tuning, fit, tool = (frame(page, frame_id) for frame_id in frames)
    slider = tuning.get_by_role("slider", name="Weight w", exact=True)
    slider.press("ArrowRight")
    expect(tuning.get_by_role("status", name="weight", exact=True)).to_have_text("\u22120.81")
    fit.get_by_label("Learning rate").select_option("0.1")
    fit.get_by_role("button", name="One step").click()
    expect(fit.get_by_role("status", name="epoch")).to_have_text("1")
    tool.get_by_role("button", name="add a hidden layer").click()
    expect(tool.get_by_role("status", name="hidden layers")).to_have_text("4")
    expect(tool.locator(".widget-network-tool")).to_have_attribute("aria-busy", "false")

    crash_shared_python(page)
    for content in (tuning, fit, tool):  # each page learns of it at once, with no call pending
        expect(content.locator("#python-status")).to_contain_text("your settings are kept",
                                                                  timeout=PYTHON_START_TIMEOUT_MS)
    wait_for_frames_live(page, frames)
    after = {python_of(page, frame_id)[2] for frame_id in frames}
    assert len(after) == 1 and before not in after  # a new Python, again one for all three
    assert workers_of(page) == {"shared": 1, "dedicated": 0}
    expect(slider).to_have_value("-0.81")
    slider.press("ArrowRight")
    expect(tuning.get_by_role("status", name="weight", exact=True)).to_have_text("\u22120.80")
    expect(fit.get_by_label("Learning rate")).to_have_value("0.1")
    expect(fit.get_by_role("status", name="epoch")).to_have_text("1")
    expect(tool.get_by_role("status", name="hidden layers")).to_have_text("4")
    tool.get_by_role("button", name="One epoch").click()
    expect(tool.get_by_role("status", name="epoch")).to_have_text("1")


def test_without_shared_workers_each_embed_runs_its_own_python(browser, course_page):
    context = browser.new_context()
    context.add_init_script("delete window.SharedWorker")
    page = context.new_page()
    try:
        page.goto(course_page)
        frames = ["tuning", "fit", "tool"]
        wait_for_frames_live(page, frames)
        assert [python_of(page, frame_id)[1:] for frame_id in frames] == [["dedicated", None]] * 3
        assert workers_of(page) == {"shared": 0, "dedicated": 3}
        tool = frame(page, "tool")
        tool.get_by_role("button", name="One epoch").click()
        expect(tool.get_by_role("status", name="epoch")).to_have_text("1")
    finally:
        context.close()


def test_embed_pages_in_two_tabs_share_one_python(page, site_url):
    page.goto(f"{site_url}embed/manual-tuning.html")
    other = page.context.new_page()
    other.goto(f"{site_url}embed/chain-rule.html")
    for tab in (page, other):
        expect(tab.locator("#python-status")).to_have_attribute("data-state", "ready",
                                                                timeout=PYTHON_START_TIMEOUT_MS)
    tabs = [tab.evaluate("[document.documentElement.dataset.pythonWorker, "
                         "document.documentElement.dataset.pythonInstance]") for tab in (page, other)]
    assert tabs[0][0] == "shared" and tabs[0] == tabs[1], tabs
    assert workers_of(page) == {"shared": 1, "dedicated": 0}


def test_an_embed_out_of_view_starts_no_python_until_the_reader_scrolls_to_it(page, site_url, tmp_path):
    """The article page starts Python as its head is read; an embed page waits for a frame, and a
    frame out of sight runs none: a course page's figures far down cost the reader nothing until
    they come into view (the embed code's loading="lazy" aside: this frame loads eagerly)."""
    frames = ('<div style="height:4000px"></div><iframe id="far" title="far" loading="eager" '
              f'src="{site_url}embed/manual-tuning.html" {FRAME}></iframe>')
    url, server = serve_course_page(tmp_path, f"""<!doctype html><html lang="en"><head>
<title>Course</title></head><body>{frames}</body></html>""")
    try:
        page.goto(url, wait_until="load")  # the frame's document and scripts have loaded
        early = content_of(page, "far").evaluate(
            "() => { const e = window.backpropEarlyWorker; return e ? [e.worker, e.shared] : 'none'; }")
        assert early == [None, None]
        assert workers_of(page) == {"shared": 0, "dedicated": 0}
        page.locator("#far").scroll_into_view_if_needed()
        wait_for_frames_live(page, ["far"])
    finally:
        server.shutdown()
        server.server_close()
