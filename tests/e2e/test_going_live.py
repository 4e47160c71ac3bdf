"""A figure going live asks Python only for what it does not already show. The build drew every
figure with Python's own answers for its controls' starting values, so a figure whose controls have
not moved needs no first call: on a course page of three embeds those calls, each queued in the
one shared Python behind the others and drawn on the frames' one main thread, were what kept the
last frame from being live (issue 17, goal 3). A control that did move is asked for as before."""

import pytest
from playwright.sync_api import expect

from backprop.widgets import linear_training
from tests.e2e.helpers import RECORD_CALLS, sent_calls, wait_for_live_figures
from tests.e2e.test_concrete_example import expect_numbers, expected_after_one_step, text
from tests.e2e.test_foundation import manual_tuning_loss

pytestmark = pytest.mark.e2e

SHOWN_AS_BUILT = ["manual-tuning.", "chain-rule.", "concrete-example.", "linear-training."]


def calls_made(page):
    return [call["op"] for call in sent_calls(page)]


def test_figures_whose_controls_did_not_move_go_live_without_asking_python(page, site_url):
    page.add_init_script(RECORD_CALLS)
    page.goto(site_url)
    wait_for_live_figures(page)
    made = calls_made(page)
    assert any(op.startswith("network-tool.") for op in made), made  # the record works
    assert [op for op in made if op.startswith(tuple(SHOWN_AS_BUILT))] == []
    tuning = page.locator(".widget-manual-tuning")
    expect(tuning).to_have_attribute("data-live", "true")
    # What the build drew is Python's answer for the sliders as they stand.
    loss = tuning.get_by_role("status", name="loss", exact=True)
    expect(loss).to_have_text(f"{manual_tuning_loss(-0.82, -0.02):.7f}")

    tuning.get_by_role("slider", name="Weight w", exact=True).press("ArrowRight")
    expect(loss).to_have_text(f"{manual_tuning_loss(-0.81, -0.02):.7f}")
    assert "manual-tuning.evaluate" in calls_made(page)


def test_linear_training_opens_its_run_with_the_first_step(page, site_url):
    page.add_init_script(RECORD_CALLS)
    page.goto(site_url)
    wait_for_live_figures(page)
    widget = page.locator(".widget-linear-training")
    widget.get_by_role("button", name="One step").click()
    # Python had no run of this figure's: it opened the one the page showed (epoch 0) and
    # trained it one epoch, the same numbers as a run reset and stepped.
    after = linear_training.reset("e2e", 0.03, epoch=1)["text"]
    expect(widget.get_by_role("status", name="epoch")).to_have_text("1")
    expect(widget.get_by_role("status", name="neuron equation")).to_have_text(after["equation"])
    expect(widget.get_by_role("status", name="training loss")).to_have_text(after["loss"])
    assert [op for op in calls_made(page) if op.startswith("linear-training.")] == [
        "linear-training.train"]


def test_a_slider_moved_before_python_was_ready_is_asked_for_as_the_figure_goes_live(page, site_url):
    page.add_init_script(RECORD_CALLS)
    # The embed page's address sets the slider before any script of ours runs.
    page.goto(f"{site_url}embed/manual-tuning.html?w=0.5")
    wait_for_live_figures(page)
    expect(page.get_by_role("status", name="loss", exact=True)).to_have_text(
        f"{manual_tuning_loss(0.5, -0.02):.7f}")
    assert calls_made(page) == ["manual-tuning.evaluate"]


# What a browser restoring a form does: other values in a field before the figure goes live.
RESTORE_X_3 = """
document.addEventListener("DOMContentLoaded", () => {
  const field = document.querySelector(".widget-concrete-example [data-name=x]");
  if (field) field.value = "3";
});
"""


def test_a_field_the_browser_restored_is_asked_for_as_the_figure_goes_live(page, site_url):
    page.add_init_script(RECORD_CALLS)
    page.add_init_script(RESTORE_X_3)
    page.goto(site_url)
    wait_for_live_figures(page)
    figure = page.locator(".widget-concrete-example")
    expect(figure.get_by_role("spinbutton", name="Input x")).to_have_value("3")
    expected = expected_after_one_step("3", "4", "1", "0", "0.01")
    expect_numbers(figure, {name: text(value) for name, value in expected.items()})
    assert calls_made(page).count("concrete-example.evaluate") == 1
