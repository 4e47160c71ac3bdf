"""The network tool's motion in a real Chromium: in the step-through the signal runs along the
active links, forward and back, and the update moves the links from old to new; with reduced motion
none of it. Training "Faster" streams in the worker: a picture only when a frame asks for one, and
other figures still answered. (Training's frame rate is measured by `make bench`,
tests/bench_network.py, not here: tests do not assert timings.)"""

import re

import pytest
from playwright.sync_api import expect

from tests.articles import build_tiny_site
from tests.conftest import serving, url_of
from tests.e2e.test_network_tool import DEFAULT_ADDRESS, open_tool, tool_url  # noqa: F401 (a fixture)
from tests.waiting import wait_until

pytestmark = pytest.mark.e2e

# Each check runs in one task of the page (a click on "Next phase", then a look at the animations
# it started), so however slow the machine, nothing has finished before it is looked at.

NEXT_PHASE_AND_SIGNAL = """() => {
    const tool = document.querySelector(".widget-network-tool");
    tool.querySelector("[data-role=phase-next]").click();
    const phase = tool.querySelector("[data-role=phase-text]").textContent.split(".")[0];
    const running = document.getAnimations();
    const signals = running.filter((a) => a.animationName?.startsWith("nt-signal"));
    const byLayer = (l) => [...tool.querySelectorAll(`.nt-link[data-l="${l}"]`)].map((e) => e.getAttribute("d"));
    return { phase, animations: running.length, names: [...new Set(signals.map((a) => a.animationName))],
             paths: signals.map((a) => a.effect.target.getAttribute("d")),
             layer1: byLayer(1), layer2: byLayer(2),
             ends: signals.map((a) => a.effect.getComputedTiming().endTime) };
}"""


def start_stepping(page, address):
    open_tool(page, address)
    page.get_by_role("button", name="Step through one example").click()
    expect(page.get_by_role("status", name="current phase")).to_contain_text("Forward: layer 1 of 3")


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
def test_the_signal_travels_forward_and_back_along_the_active_links_unless_motion_is_reduced(
        browser, tool_url, motion):
    context = browser.new_context(reduced_motion=motion)
    page = context.new_page()
    start_stepping(page, tool_url + DEFAULT_ADDRESS)
    forward = page.evaluate(NEXT_PHASE_AND_SIGNAL)
    assert forward["phase"] == "Forward: layer 2 of 3"
    for _ in range(5):  # … layer 3, output, loss, backward: output, backward: layer 3
        page.get_by_role("button", name="Next phase ▶").click()
    expect(page.get_by_role("status", name="current phase")).to_contain_text("Backward: layer 3.")
    backward = page.evaluate(NEXT_PHASE_AND_SIGNAL)
    assert backward["phase"] == "Backward: layer 2"
    if motion == "reduce":
        assert forward["animations"] == backward["animations"] == 0
        expect(page.locator(".widget-network-tool .nt-pulse")).to_have_count(0)
    else:
        # Forward into layer 2: pulses on links from layer 1 (those leaving a neuron that is on).
        assert forward["names"] == ["nt-signal"] and forward["paths"]
        assert set(forward["paths"]) <= set(forward["layer1"])
        # Back into layer 2: pulses run the other way on the links from layer 2 to layer 3.
        assert backward["names"] == ["nt-signal-back"] and backward["paths"]
        assert set(backward["paths"]) <= set(backward["layer2"])
        assert all(0 < end < 5000 for end in forward["ends"] + backward["ends"])  # then still
    context.close()


UPDATE_PHASE_MIDWAY = """() => {
    const tool = document.querySelector(".widget-network-tool");
    const width = (style) => Number(/stroke-width:\\s*([\\d.]+)px/.exec(style)[1]);
    const links = [...tool.querySelectorAll(".nt-link")];
    const before = links.map((e) => width(e.getAttribute("style")));
    tool.querySelector("[data-role=phase-next]").click();
    const after = links.map((e) => width(e.getAttribute("style")));
    const changes = after.map((w, i) => Math.abs(w - before[i]));
    const i = changes.indexOf(Math.max(...changes));
    const move = links[i].getAnimations().find((a) => a.transitionProperty === "stroke-width");
    const colour = links[i].getAnimations().some((a) => a.transitionProperty === "stroke");
    if (!move) return { i, before: before[i], after: after[i], colour };
    move.pause();
    move.currentTime = move.effect.getComputedTiming().duration / 2;
    const midway = parseFloat(getComputedStyle(links[i]).strokeWidth);
    move.play();
    return { i, before: before[i], after: after[i], midway, colour };
}"""


def test_update_moves_the_links_widths_and_colours_from_old_to_new_and_ends_at_the_new(page, tool_url):
    start_stepping(page, tool_url + "#tool=sin,lr=0.03,batch_size=1,hidden=8-8-8,seed=0")
    page.keyboard.press("End")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    expect(page.get_by_role("status", name="current phase")).to_contain_text("Backward: layer 1.")
    seen = page.evaluate(UPDATE_PHASE_MIDWAY)
    expect(page.get_by_role("status", name="current phase")).to_contain_text("Update.")
    assert seen["colour"] and "midway" in seen, seen
    low, high = sorted([seen["before"], seen["after"]])
    assert low < seen["midway"] < high, seen
    link = page.locator(f".widget-network-tool .nt-link[data-i='{seen['i']}']")
    wait_until(lambda: link.evaluate("e => e.getAnimations().length") == 0, what="the update's end")
    assert link.evaluate("e => parseFloat(getComputedStyle(e).strokeWidth)") == pytest.approx(seen["after"])


# ----- training "Faster": a stream in the worker, one picture a frame ------------------------------

COUNT_PICTURES_AND_FRAMES = """
(() => {
  const seen = window.seen = { pictures: 0, frames: 0 };
  const tick = () => { seen.frames += 1; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  const Original = window.Worker;
  window.Worker = class extends Original {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => { if (event.data.type === "chunk") seen.pictures += 1; });
    }
  };
})();
"""


@pytest.fixture(scope="module")
def two_figures_url(tmp_path_factory):
    article = "## Two figures\n\n::: widget manual-tuning\n\n::: widget network-tool\n"
    with serving(build_tiny_site(tmp_path_factory.mktemp("two-figures"), article)) as server:
        yield url_of(server)


def test_faster_makes_a_picture_only_when_a_frame_asks_and_other_figures_answer_meanwhile(
        browser, two_figures_url):
    context = browser.new_context()
    context.add_init_script(COUNT_PICTURES_AND_FRAMES)
    page = context.new_page()
    tool = open_tool(page, two_figures_url + DEFAULT_ADDRESS)
    tool.get_by_role("button", name="Faster").click()
    before = page.evaluate("({ ...window.seen })")
    tool.get_by_role("button", name="Play", exact=True).click()
    epoch = page.get_by_role("status", name="epoch")
    expect(epoch).to_have_text(re.compile(r"^\d{2,}$"))
    tuning = page.locator(".widget-manual-tuning")
    loss = tuning.get_by_role("status", name="loss", exact=True)
    shown = loss.inner_text()
    tuning.get_by_role("slider", name="Weight w", exact=True).press("ArrowRight")
    expect(loss).not_to_have_text(shown)  # answered between two steps of training
    expect(epoch).not_to_have_text(epoch.inner_text())  # and training goes on
    seen = page.evaluate("({ ...window.seen })")
    pictures, frames = seen["pictures"] - before["pictures"], seen["frames"] - before["frames"]
    assert 0 < pictures <= frames + 1, seen  # never a picture no frame asked for
    tool.get_by_role("button", name="Pause").click()
    wait_until(lambda: page.evaluate("document.documentElement.dataset.pythonCalls") == "0",
               what="the stream to end")
    context.close()
