"""The Backprop Explainer tool in a real Chromium: training, stepping through one update by
keyboard or playing through it, settings in the address, editing the architecture, divergence, values on focus.

The page is a small article of its own (built once for this module), so these tests do not
depend on where content/ places the tool.
"""

import re

import pytest
from playwright.sync_api import expect

from backprop.mlp import Trainer
from backprop.widgets.network_tool.settings import DEFAULTS
from backprop.widgets.network_tool.steps import changed_pair
from backprop import mlp
from tests.articles import build_tiny_site
from tests.conftest import serving, url_of
from tests.e2e.helpers import (assert_no_console_errors, assert_only_local_requests,
                               expect_the_status_to_tell_of_a_restart, wait_for_python)
from tests.waiting import wait_until

pytestmark = pytest.mark.e2e

ARTICLE = "## The tool\n\nA paragraph before it.\n\n::: widget network-tool\n"
DEFAULT_ADDRESS = "#tool=sin,lr=0.001,batch_size=1,hidden=8-8-8,seed=0"


@pytest.fixture(scope="module")
def tool_url(tmp_path_factory):
    with serving(build_tiny_site(tmp_path_factory.mktemp("network-tool"), ARTICLE)) as server:
        yield url_of(server)


def open_tool(page, url):
    """Open the page and wait until the tool has drawn its first network from Python."""
    page.goto(url)
    wait_for_python(page)
    tool = page.locator(".widget-network-tool")
    expect(tool).to_have_attribute("aria-busy", "false")
    return tool


def number(locator):
    return float(locator.inner_text().replace("\u2212", "-"))


def test_training_lowers_the_loss_and_draws_the_curve(page, tool_url):
    tool = open_tool(page, tool_url)
    loss = page.get_by_role("status", name="training loss")
    start = number(loss)
    curve = tool.locator("[data-role=curve]").get_attribute("d")
    # Every seed starts as a gentle curve on the plot (backprop.initialisation): no note.
    note = tool.locator("[data-role=curve-note]")
    expect(note).to_be_hidden()
    assert 10 < start < 20  # seed 0 on sin starts at 13.3 (it was 104, far above the plot)
    page.get_by_role("button", name="Faster").click()
    page.get_by_role("button", name="Play", exact=True).click()
    expect(page.get_by_role("status", name="epoch")).to_have_text(re.compile(r"^\d{3,}$"))
    page.get_by_role("button", name="Pause").click()
    assert number(loss) < 2 < start  # seed 0 passes 2 by epoch 60
    assert tool.locator("[data-role=curve]").get_attribute("d") != curve
    assert tool.locator("[data-role=history]").get_attribute("d").count("L") >= 9
    assert_only_local_requests(page)
    assert_no_console_errors(page)


def test_step_through_every_phase_by_keyboard_and_the_update_is_applied(page, tool_url):
    open_tool(page, tool_url)
    epoch = page.get_by_role("status", name="epoch")
    page.get_by_role("button", name="Play", exact=True).click()
    expect(epoch).not_to_have_text("0")
    start = page.get_by_role("button", name="Step through one example")
    start.focus()
    page.keyboard.press("Enter")  # pauses training
    phase = page.get_by_role("status", name="current phase")
    expect(phase).to_contain_text("Forward: layer 1 of 3")
    expect(page.get_by_role("button", name="Play", exact=True)).to_be_disabled()
    paused_at = epoch.inner_text()
    loss = page.get_by_role("status", name="training loss")
    before = loss.inner_text()
    expect(page.get_by_role("button", name="Next phase ▶")).to_be_focused()
    titles = ["Forward: layer 2 of 3", "Forward: layer 3 of 3", "Forward: output", "Loss",
              "Backward: output", "Backward: layer 3", "Backward: layer 2", "Backward: layer 1",
              "Update", "New loss"]
    for title in titles:
        page.keyboard.press("ArrowRight")
        expect(phase).to_contain_text(f"{title}.")
    expect(epoch).to_have_text(f"{paused_at} + 1 step")
    assert loss.inner_text() != before  # the update shown is now part of the network
    arrows = page.locator(".widget-network-tool .nt-graph .nt-arrow[d^=M]")
    page.keyboard.press("Home")
    expect(phase).to_contain_text("Forward: layer 1 of 3")
    expect(arrows).to_have_count(0)
    page.keyboard.press("End")
    expect(phase).to_contain_text("New loss")
    for _ in range(3):  # New loss → Update → Backward: layer 1 → Backward: layer 2
        page.keyboard.press("ArrowLeft")
    expect(phase).to_contain_text("Backward: layer 2")
    assert arrows.count() >= 1  # −∂loss/∂a of layers 2, 3 and the output
    page.get_by_role("button", name="Back to training").press("Enter")
    expect(page.get_by_role("region", name="Stepping through one example")).to_be_hidden()
    expect(epoch).to_have_text(f"{paused_at} + 1 step")  # still paused, the update kept
    assert_no_console_errors(page)


ARROW_LENGTHS = """els => els.map((e) =>
    Math.abs(Number((e.getAttribute("d").match(/V(-?[\\d.]+)/) || [0, 0])[1])))"""


def arrows_of_point(page, tool, index):
    """Step through data point ``index`` to its last backward phase (every arrow drawn): the
    arrows' lengths (the output's last) and the scale the figure states; then back to training."""
    tool.locator(f".nt-points circle[data-i='{index}']").click()
    phase = page.get_by_role("status", name="current phase")
    expect(phase).to_contain_text("Forward: layer 1 of")
    page.keyboard.press("End")  # the last phase: the update is applied
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    expect(phase).to_contain_text("Backward: layer 1.")
    key = tool.locator(".nt-graph .nt-arrow-scale")
    expect(key).not_to_have_attribute("display", "none")
    scale = page.get_by_role("status", name="arrow scale").inner_text()
    expect(key).to_contain_text(f"= {scale}")
    lengths = tool.locator(".nt-graph .nt-neuron .nt-arrow").evaluate_all(ARROW_LENGTHS)
    page.get_by_role("button", name="Back to training").click()
    return lengths, scale


def test_arrows_share_one_scale_so_a_far_point_pushes_harder_than_a_fitted_one(page, tool_url):
    tool = open_tool(page, tool_url + DEFAULT_ADDRESS)
    epoch = page.get_by_role("status", name="epoch")
    page.get_by_role("button", name="Faster").click()
    page.get_by_role("button", name="Play", exact=True).click()
    expect(epoch).to_have_text(re.compile(r"^([4-9]\d|\d{3,})$"))  # 40 epochs or more
    page.get_by_role("button", name="Pause").click()
    # Playing may pause in the middle of an epoch: "One epoch" ends it, so that this Python
    # can replay the run epoch for epoch.
    page.get_by_role("button", name="One epoch").click()
    wait_until(lambda: page.evaluate("document.documentElement.dataset.pythonCalls") == "0",
               what="the last epochs to arrive")
    # The same run in this Python tells which point pushes hardest (the largest −∂loss/∂a, on a
    # point the curve misses) and which point the curve fits best.
    run = mlp.Trainer(seed=0)
    while run.epoch < int(epoch.inner_text()):
        run.train_epoch()
    misses = [abs(y_hat - y) for y_hat, y in zip(run.net.predict(run.xs), run.ys)]
    pushes = [max(abs(d) for layer in run.explain(i)["layers"] for d in layer["dloss_da"])
              for i in range(len(run.xs))]
    far, fitted = pushes.index(max(pushes)), misses.index(min(misses))
    assert misses[far] > 10 * misses[fitted]
    fitted_arrows, fitted_scale = arrows_of_point(page, tool, fitted)  # its update changes little
    far_arrows, far_scale = arrows_of_point(page, tool, far)
    assert far_scale == fitted_scale  # one scale for the epoch, stated in the figure
    # On one scale the far point's arrows reach full length (34) and the fitted one's are stubs;
    # per example, both would reach full length.
    assert max(far_arrows) > 30 and max(fitted_arrows) < 10, (far_arrows, fitted_arrows)
    assert sum(far_arrows) > 1.5 * sum(fitted_arrows)
    expect(tool.locator(".nt-legend")).to_contain_text("Dashed: the neuron is off")
    assert_no_console_errors(page)


def test_a_setting_resets_the_model_into_the_address_and_a_new_page_gets_it(
        browser, page, tool_url):
    open_tool(page, tool_url)
    page.get_by_role("button", name="One epoch").click()
    expect(page.get_by_role("status", name="epoch")).to_have_text("1")
    page.get_by_label("Learning rate").select_option("0.003")
    expect(page.get_by_role("status", name="epoch")).to_have_text("0")
    expect(page).to_have_url(re.compile(r"#tool=sin,lr=0\.003,batch_size=1,hidden=8-8-8,seed=0$"))
    page.get_by_label("Data set").select_option("tanh")
    page.get_by_role("button", name="New seed").click()
    expect(page.get_by_role("status", name="seed")).not_to_have_text("0")
    seed = page.get_by_role("status", name="seed").inner_text()
    expect(page).to_have_url(re.compile(rf"#tool=tanh,lr=0\.003,batch_size=1,hidden=8-8-8,seed={seed}$"))
    address = page.url
    loss = page.get_by_role("status", name="training loss").inner_text()

    other = browser.new_page()
    open_tool(other, address)
    expect(other.get_by_role("status", name="seed")).to_have_text(seed)
    expect(other.get_by_label("Learning rate")).to_have_value("0.003")
    expect(other.get_by_label("Data set")).to_have_value("tanh")
    expect(other.get_by_role("status", name="training loss")).to_have_text(loss)
    other.close()


def test_layers_and_neurons_are_added_and_removed(page, tool_url):
    tool = open_tool(page, tool_url)
    hidden = tool.locator(".nt-graph .nt-neuron.nt-hidden")
    expect(hidden).to_have_count(24)
    page.get_by_role("button", name="add a hidden layer").click()
    expect(page.get_by_role("status", name="hidden layers")).to_have_text("4")
    expect(hidden).to_have_count(32)
    expect(page).to_have_url(re.compile(r"hidden=8-8-8-8,"))
    page.get_by_role("button", name="remove a neuron from layer 2").click()
    expect(page.get_by_role("status", name="neurons in layer 2")).to_have_text("7")
    expect(hidden).to_have_count(31)
    expect(tool.locator(".nt-graph .nt-link")).to_have_count(8 + 56 + 56 + 64 + 8)
    expect(page.get_by_role("button", name="add a neuron to layer 1")).to_be_disabled()  # 8: full
    page.get_by_role("button", name="add a neuron to layer 2").click()
    expect(page.get_by_role("status", name="neurons in layer 2")).to_have_text("8")
    for count in ("3", "2", "1", "0"):
        page.get_by_role("button", name="remove a hidden layer").click()
        expect(page.get_by_role("status", name="hidden layers")).to_have_text(count)
    expect(hidden).to_have_count(0)
    expect(tool.locator(".nt-graph .nt-link")).to_have_count(1)
    expect(page.get_by_role("button", name="remove a hidden layer")).to_be_disabled()
    expect(page).to_have_url(re.compile(r"hidden=0,"))
    page.get_by_role("button", name="One epoch").click()  # a network with no hidden layer trains
    expect(page.get_by_role("status", name="epoch")).to_have_text("1")
    assert_no_console_errors(page)


def test_malformed_address_gives_a_notice_and_keeps_the_good_settings(page, tool_url):
    open_tool(page, tool_url + "#tool=cos,lr=banana,layers=4-4")  # layers: hidden's old name
    message = page.locator(".widget-network-tool [data-role=message]")
    expect(message).to_contain_text("“lr=banana”")
    expect(page.get_by_label("Data set")).to_have_value("cos")
    expect(page.get_by_role("status", name="hidden layers")).to_have_text("2")
    expect(page.get_by_label("Learning rate")).to_have_value("0.001")
    assert_no_console_errors(page)


def test_divergence_stops_training_and_reset_recovers(page, tool_url):
    open_tool(page, tool_url + "#tool=sin,lr=0.1,batch_size=1,hidden=8-8-8,seed=1")
    page.get_by_role("button", name="Play", exact=True).click()
    message = page.locator(".widget-network-tool [data-role=message]")
    expect(message).to_contain_text("diverged")
    expect(page.get_by_role("status", name="training loss")).to_have_text("not a number")
    expect(page.get_by_role("button", name="Play", exact=True)).to_be_disabled()
    page.get_by_role("button", name="Reset").click()
    expect(page.get_by_role("status", name="epoch")).to_have_text("0")
    expect(message).to_have_text("")
    expect(page.get_by_role("button", name="Play", exact=True)).to_be_enabled()
    assert_no_console_errors(page)


def test_values_show_on_keyboard_focus_with_one_tab_stop(page, tool_url):
    tool = open_tool(page, tool_url + DEFAULT_ADDRESS)
    graph = tool.locator(".nt-graph")
    focusable = graph.locator("[tabindex='0']")
    expect(focusable).to_have_count(1)  # one tab stop for 170 elements
    focusable.focus()
    tip = tool.locator("[data-role=tip]")
    expect(tip).to_contain_text("the input x")
    page.keyboard.press("ArrowRight")
    expect(tip).to_have_text(
        re.compile(r"^weight from the input x to neuron 1 of layer 1: [\u2212]?\d\.\d{3}$"))
    page.keyboard.press("ArrowDown")
    expect(tip).to_contain_text("to neuron 2 of layer 1")
    page.keyboard.press("ArrowRight")
    expect(tip).to_have_text(re.compile(r"^neuron 2 of layer 1: bias 0\.100, mean activation"))  # HIDDEN_BIAS
    page.keyboard.press("End")
    expect(tip).to_contain_text("neuron 8 of layer 1")
    expect(graph.locator("[tabindex='0']")).to_have_count(1)
    graph.locator(".nt-neuron.nt-output").hover()  # the mouse reads the same values
    expect(tip).to_have_text(
        re.compile(r"^the output ŷ: bias 0\.000, mean prediction over the plot "))
    point = tool.locator(".nt-points [tabindex='0']")
    point.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")  # step through an update on data point 2
    example = page.get_by_role("status", name="training example")
    expect(example).to_contain_text("data point 2 of 50")


def test_live_drawing_starts_from_exactly_the_static_picture(browser, page, tool_url):
    """Python's link_style (build) and the script's linkStyle (live) draw the same picture."""
    links = ".widget-network-tool .nt-graph .nt-link"
    read = "els => els.map(e => [e.getAttribute('style'), e.getAttribute('aria-label')])"
    static = browser.new_context(java_script_enabled=False).new_page()
    static.goto(tool_url)
    before = static.locator(links).evaluate_all(read)
    static.context.close()
    open_tool(page, tool_url)
    assert page.locator(links).evaluate_all(read) == before


def test_worker_dying_mid_training_restarts_python_and_keeps_every_setting(page, tool_url):
    open_tool(page, tool_url)
    page.get_by_label("Learning rate").select_option("0.003")
    page.get_by_label("Data set").select_option("cos")
    expect(page).to_have_url(re.compile(r"#tool=cos,lr=0\.003,"))
    page.get_by_role("button", name="Play", exact=True).click()
    expect(page.get_by_role("status", name="epoch")).not_to_have_text("0")
    page.workers[0].evaluate("close()")  # the worker ends mid-training, as a crash would
    expect_the_status_to_tell_of_a_restart(page)
    wait_for_python(page)
    expect(page.locator(".widget-network-tool")).to_have_attribute("aria-busy", "false")
    expect(page.get_by_label("Learning rate")).to_have_value("0.003")
    expect(page.get_by_label("Data set")).to_have_value("cos")
    page.get_by_role("button", name="One epoch").click()
    expect(page.get_by_role("status", name="epoch")).to_have_text("1")


PHASES_AFTER_THE_FIRST = ["Forward: layer 2 of 3", "Forward: layer 3 of 3", "Forward: output", "Loss",
                          "Backward: output", "Backward: layer 3", "Backward: layer 2",
                          "Backward: layer 1", "Update", "New loss"]


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
def test_play_through_shows_each_phase_for_a_while_and_stops_at_the_last(browser, tool_url, motion):
    """A slideshow: the phase showing when it starts stays its turn too, each phase stays 1.4 s
    (with reduced motion as well: that is already a sequence of still pictures), and a replay
    starts from the first phase with the same wait."""
    context = browser.new_context(reduced_motion=motion)
    page = context.new_page()
    open_tool(page, tool_url)
    epoch = page.get_by_role("status", name="epoch")
    page.get_by_role("button", name="Step through one example").click()
    phase = page.get_by_role("status", name="current phase")
    expect(phase).to_contain_text("Forward: layer 1 of 3")
    page.evaluate("""() => {
        const phase = document.querySelector(".widget-network-tool [data-role=phase-text]");
        window.shown = [];
        new MutationObserver(() => window.shown.push([performance.now(), phase.textContent]))
            .observe(phase, {childList: true, characterData: true, subtree: true});
        window.clicked = [];
        for (const role of ["phase-play", "replay"]) {
            document.querySelector(`.widget-network-tool [data-role=${role}]`)
                .addEventListener("click", () => window.clicked.push(performance.now()));
        }
    }""")
    play = page.locator(".widget-network-tool [data-role=phase-play]")
    play.click()
    expect(play).to_have_text("Pause")
    expect(phase).to_contain_text("New loss.", timeout=60_000)
    expect(play).to_have_text("Play through")  # it stopped at the last phase by itself
    expect(epoch).to_have_text("0 + 1 step")  # the update shown was applied, once
    shown = page.evaluate("window.shown")
    assert [text.split(".")[0] for _, text in shown] == PHASES_AFTER_THE_FIRST
    times = [page.evaluate("window.clicked[0]")] + [when for when, _ in shown]
    gaps = [later - earlier for earlier, later in zip(times, times[1:])]
    assert min(gaps) >= 1300, gaps  # timers never fire early; a busy machine only makes them late

    page.locator(".widget-network-tool [data-role=replay]").click()
    expect(phase).to_contain_text("Forward: layer 2 of 3.", timeout=30_000)
    replayed, first, second = page.evaluate(
        "[window.clicked[1], ...window.shown.slice(-2).map(([when]) => when)]")
    assert first - replayed < 1000 and second - first >= 1300  # phase 1 at once, then its turn
    play.click()  # pause
    expect(play).to_have_text("Play through")
    context.close()


def next_step_where(trainer, all_points_rise, max_epochs=60):
    """Train ``trainer`` epoch by epoch until some point's step lowers that point's loss and makes
    the loss over all the points rise (or fall): (epochs trained, index, explain record). Found
    by search, so the test holds whatever the network's initialisation."""
    for epochs in range(max_epochs):
        for index in range(len(trainer.xs)):
            record = trainer.explain(index)
            rose = record["all_loss_after"] > record["all_loss"]
            if rose == all_points_rise and record["loss_after"] < record["loss"]:
                return epochs, index, record
        trainer.train_epoch()
    raise AssertionError(f"no such step in {max_epochs} epochs")


def test_the_last_phase_shows_both_losses_and_the_note_exactly_when_all_points_rose(page, tool_url):
    tool = open_tool(page, tool_url)
    epoch = page.get_by_role("status", name="epoch")
    trainer = Trainer(DEFAULTS["hidden"], DEFAULTS["dataset"], DEFAULTS["lr"], DEFAULTS["batch_size"],
                      DEFAULTS["seed"])  # the page's run, replayed here step for step
    note = page.get_by_role("status", name="why the loss over all the points rose")
    for rises in (True, False):
        epochs, index, record = next_step_where(trainer, rises)
        for _ in range(epochs):
            before = epoch.inner_text()
            page.get_by_role("button", name="One epoch").click()
            expect(epoch).not_to_have_text(before)
        point = tool.locator(".nt-points [tabindex='0']")
        point.focus()
        page.keyboard.press("Home")
        for _ in range(index):
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Enter")
        expect(page.get_by_role("status", name="training example")).to_contain_text(
            f"data point {index + 1} of 50")
        page.keyboard.press("End")
        expect(page.get_by_role("status", name="current phase")).to_contain_text("New loss.")
        shown = {
            "loss on this example before the update": record["loss"],
            "loss on this example after the update": record["loss_after"],
            "loss over all the points before the update": record["all_loss"],
            "loss over all the points after the update": record["all_loss_after"]}
        texts = [*changed_pair(record["loss"], record["loss_after"]),
                 *changed_pair(record["all_loss"], record["all_loss_after"])]
        for (name, value), text in zip(shown.items(), texts):
            expect(page.get_by_role("status", name=name)).to_have_text(text)
            assert float(text) == pytest.approx(value, rel=1e-3)
        expect(tool.locator("[data-role=all-points-label]")).to_have_text("over all 50 points")
        if rises:
            expect(note).to_have_text(re.compile(r"^The loss over all 50 points rose, while this example's fell: "
                                                 r"one step follows one example's gradient\."))
            expect(note).to_be_visible()
        else:
            expect(tool.locator("[data-role=loss-note]")).to_have_text("")
            expect(tool.locator("[data-role=loss-note]")).to_be_hidden()
        trainer.apply(index)  # the page made this update on reaching it
        page.get_by_role("button", name="Back to training").click()
        expect(page.get_by_role("region", name="Stepping through one example")).to_be_hidden()
        loss = page.get_by_role("status", name="training loss")
        assert number(loss) == pytest.approx(trainer.loss, rel=1e-3)
    assert_no_console_errors(page)
