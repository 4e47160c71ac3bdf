"""What readers (and browsers) do to the page: the worker dies, bad input, bursts."""

import pytest
from playwright.sync_api import expect

from backprop.widgets import linear_training
from tests.articles import build_tiny_site
from tests.conftest import serving, url_of
from tests.e2e.helpers import (expect_the_status_to_tell_of_a_restart, wait_for_live_figures,
                               wait_for_python)
from tests.e2e.test_foundation import manual_tuning_loss
from tests.e2e.test_network_tool import open_tool
from tests.waiting import wait_until

pytestmark = pytest.mark.e2e


def test_worker_that_dies_is_restarted_and_the_widget_recovers_its_setting(page, site_url):
    page.goto(site_url)
    wait_for_python(page)
    widget = page.locator(".widget-manual-tuning")
    slider = widget.get_by_role("slider", name="Weight w", exact=True)
    slider.press("ArrowRight")
    expect(widget.get_by_role("status", name="weight", exact=True)).to_have_text("\u22120.81")

    page.workers[0].evaluate("close()")  # the worker ends itself, as a crash would
    slider.press("ArrowRight")  # this request is never answered...
    expect_the_status_to_tell_of_a_restart(page)  # ...the page notices
    wait_for_python(page)
    expect(widget.get_by_role("status", name="loss", exact=True)).to_have_text(
        f"{manual_tuning_loss(-0.80, -0.02):.7f}")
    expect(slider).to_have_value("-0.8")


def test_a_thousand_slider_events_in_a_burst_end_on_the_right_number(page, site_url):
    page.goto(site_url)
    wait_for_python(page)
    burst_ms = page.evaluate("""() => {
        const slider = document.querySelector(".widget-manual-tuning input[data-role=w]");
        const started = performance.now();
        for (let i = 0; i < 1000; i++) {
            slider.value = String(-1 + (i % 201) / 100);
            slider.dispatchEvent(new Event("input", { bubbles: true }));
        }
        slider.value = "0.37";
        slider.dispatchEvent(new Event("input", { bubbles: true }));
        return performance.now() - started;
    }""")
    widget = page.locator(".widget-manual-tuning")
    expect(widget.get_by_role("status", name="loss", exact=True)).to_have_text(
        f"{manual_tuning_loss(0.37, -0.02):.7f}")
    expect(widget.get_by_role("status", name="weight", exact=True)).to_have_text("0.37")
    # Still responsive: a click is handled at once.
    widget.get_by_role("button", name="Show the plot").click()
    expect(widget.get_by_role("button", name="Hide the plot")).to_be_visible()
    print(f"1001 input events dispatched in {burst_ms:.0f} ms")


def test_a_policy_that_blocks_webassembly_is_reported_not_a_silent_hang(page, built_site):
    from builder.policy import CONTENT_SECURITY_POLICY

    without_wasm = CONTENT_SECURITY_POLICY.replace(" 'wasm-unsafe-eval'", "")
    with serving(built_site, policy=without_wasm) as server:
        page.goto(url_of(server))
        status = page.locator("#python-status")
        expect(status).to_have_attribute("data-state", "failed", timeout=20_000)
        expect(status).to_contain_text("wasm-unsafe-eval")
        expect(page.locator(".widget-manual-tuning").get_by_role(
            "status", name="loss", exact=True)).to_have_text("0.8707300")


@pytest.mark.parametrize("header", [True, False], ids=["header-and-meta-policy", "meta-policy-only"])
def test_no_policy_violation_anywhere_with_or_without_the_header(browser, built_site, header):
    """With the header (a strict host) the worker is governed too; without (GitHub Pages) only the
    page's <meta>. Either way nothing the article does is refused."""
    from builder.policy import CONTENT_SECURITY_POLICY

    with serving(built_site, policy=CONTENT_SECURITY_POLICY if header else "") as server:
        context = browser.new_context()
        page = context.new_page()
        violations = []
        page.on("console", lambda msg: "Content Security Policy" in msg.text and violations.append(msg.text))
        page.on("worker", lambda worker: worker.on(
            "console", lambda msg: "Content Security Policy" in msg.text and violations.append(msg.text)))
        page.goto(url_of(server))
        wait_for_python(page)
        page.locator(".widget-network-tool").get_by_role("button", name="One epoch").click()
        page.goto(url_of(server, "embed/chain-rule.html"))
        wait_for_python(page)
        context.close()
    assert violations == []


@pytest.fixture(scope="module")
def tool_without_address_url(tmp_path_factory):
    """A page whose network tool keeps no settings in the address (address_key="")."""
    site = build_tiny_site(tmp_path_factory.mktemp("no-address"),
                           '## The tool\n\n::: widget network-tool address_key=""\n')
    with serving(site) as server:
        yield url_of(server)


def test_a_restart_keeps_layers_and_seed_of_a_tool_without_an_address_key(page, tool_without_address_url):
    tool = open_tool(page, tool_without_address_url)
    tool.get_by_role("button", name="add a hidden layer").click()
    expect(tool.get_by_role("status", name="hidden layers")).to_have_text("4")
    tool.get_by_role("button", name="remove a neuron from layer 2").click()
    expect(tool.get_by_role("status", name="neurons in layer 2")).to_have_text("7")
    tool.get_by_role("button", name="New seed").click()
    seed = tool.get_by_role("status", name="seed")
    expect(seed).not_to_have_text("0")
    chosen = seed.inner_text()
    tool.get_by_label("Learning rate").select_option("0.003")
    expect(tool).to_have_attribute("aria-busy", "false")
    assert "hidden=" not in page.url  # nothing to restore from the address

    page.workers[0].evaluate("close()")  # the worker ends itself, as a crash would
    tool.get_by_role("button", name="One epoch").click()  # never answered: the page notices
    expect_the_status_to_tell_of_a_restart(page)
    wait_for_python(page)
    expect(page.locator("#python-status")).to_contain_text("your settings are kept")
    expect(tool).to_have_attribute("aria-busy", "false")
    expect(tool.get_by_role("status", name="hidden layers")).to_have_text("4")
    expect(tool.get_by_role("status", name="neurons in layer 2")).to_have_text("7")
    expect(seed).to_have_text(chosen)
    expect(tool.get_by_label("Learning rate")).to_have_value("0.003")


def number(text):
    """A number as the widgets print it (thousands commas) back to a float."""
    return float(text.replace(",", ""))


def expected_run(lr, epoch):
    """The texts Python shows for the run at lr after `epoch` epochs from w = b = 0."""
    return linear_training.reset("e2e", lr, epoch=epoch)["text"]


def test_a_restart_after_some_training_steps_on_from_the_trained_w_and_b(page, site_url):
    """Python forgets the run when it restarts; the page asks for it again by its learning rate and
    epoch, and Python replays it (full-batch descent passes through the very same numbers). The
    network tool cannot replay a long run so cheaply, so it keeps only its settings."""
    page.goto(site_url)
    wait_for_live_figures(page)
    widget = page.locator(".widget-linear-training")
    epoch = widget.get_by_role("status", name="epoch")
    widget.get_by_label("Learning rate").select_option("0.1")
    widget.get_by_label("Speed").select_option("slow")
    one_step = widget.get_by_role("button", name="One step")
    for n in (1, 2, 3):
        one_step.click()
        expect(epoch).to_have_text(str(n))

    page.workers[0].evaluate("close()")  # the worker ends itself, as a crash would
    one_step.click()  # never answered: the page notices
    expect_the_status_to_tell_of_a_restart(page)
    wait_for_live_figures(page)
    expect(page.locator("#python-status")).to_contain_text("your settings are kept")
    expect(widget.get_by_label("Learning rate")).to_have_value("0.1")
    expect(widget.get_by_label("Speed")).to_have_value("slow")
    shown = expected_run(0.1, 3)
    expect(epoch).to_have_text("3")
    expect(widget.get_by_role("status", name="neuron equation")).to_have_text(shown["equation"])
    expect(widget.get_by_role("status", name="training loss")).to_have_text(shown["loss"])

    one_step.click()  # from the trained w and b, not from 0
    after = expected_run(0.1, 4)
    expect(epoch).to_have_text("4")
    expect(widget.get_by_role("status", name="neuron equation")).to_have_text(after["equation"])
    expect(widget.get_by_role("status", name="training loss")).to_have_text(after["loss"])


def test_a_restart_while_training_plays_on_from_where_it_was(page, site_url):
    page.goto(site_url)
    wait_for_live_figures(page)
    widget = page.locator(".widget-linear-training")
    epoch = widget.get_by_role("status", name="epoch")
    widget.get_by_role("button", name="Play").click()  # lr 0.03, 60 epochs a second
    wait_until(lambda: number(epoch.text_content()) >= 30, what="30 epochs of training")

    page.workers[0].evaluate("close()")  # the call on its way is never answered: the page notices
    expect_the_status_to_tell_of_a_restart(page)
    reached = number(epoch.text_content())  # nothing more is drawn until Python is back
    page.evaluate("""() => {
        const epoch = document.querySelector(".widget-linear-training [data-role=epoch]");
        window.epochsShown = [];
        new MutationObserver(() => window.epochsShown.push(epoch.textContent))
            .observe(epoch, {childList: true, characterData: true, subtree: true});
    }""")
    wait_for_python(page)
    message = widget.locator("[data-role=message]")
    expect(message).to_contain_text("Converged", timeout=30_000)
    # The film went on from where it was, never from epoch 0, and ended where an unbroken run
    # ends: the same numbers all along.
    shown = [number(text) for text in page.evaluate("window.epochsShown")]
    assert shown and min(shown) >= reached, (reached, shown)
    final = linear_training.reset("e2e", 0.03, epoch=1_000_000)
    expect(message).to_have_text(final["text"]["message"])
    expect(widget.get_by_label("Learning rate")).to_have_value("0.03")
