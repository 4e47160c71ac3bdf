"""One file of the built site missing or damaged, or one widget's script in the pages' bundle
failing: the figures that can still go live do, the one that cannot says so in its own place, and
a failure of the whole start is told in plain words within seconds, never as a traceback or an
endless "waiting".

Each test serves a copy of the real build (hard links, so copying is instant) with one file
removed or replaced.
"""

import os
import re
import shutil
from contextlib import contextmanager

import pytest
from playwright.sync_api import expect

from tests.conftest import serving, url_of
from tests.e2e.helpers import PYTHON_START_TIMEOUT_MS, bundle_with_widget_broken, wait_for_python
from tests.e2e.test_foundation import manual_tuning_loss

pytestmark = pytest.mark.e2e

NOTICE_WITHIN_MS = 10_000  # the promise to the reader: a failed start is told within 10 s
FIGURES = 8  # the article's widgets


@contextmanager
def site_with(built_site, tmp_path, pattern, content=None):
    """Serve a copy of the build where the one file matching ``pattern`` is gone (``content``
    None) or holds ``content``."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site, copy_function=os.link)
    [target] = site.glob(pattern)
    target.unlink()  # never write through the link: that would change the shared build
    if content is not None:
        target.write_bytes(content)
    with serving(site) as server:
        yield url_of(server)


def status(page):
    return page.locator("#python-status")


def assert_starting_state_reads_as_normal(page):
    expect(page.locator(".widget-manual-tuning").get_by_role(
        "status", name="loss", exact=True)).to_have_text("0.8707300")


def assert_manual_tuning_is_live(page):
    widget = page.locator(".widget-manual-tuning")
    slider = widget.get_by_role("slider", name="Weight w", exact=True)
    slider.press("ArrowRight")
    expect(widget.get_by_role("status", name="loss", exact=True)).to_have_text(
        f"{manual_tuning_loss(-0.81, -0.02):.7f}")


def test_a_widget_whose_script_fails_says_so_and_the_others_go_live(page, built_site, tmp_path):
    broken = bundle_with_widget_broken("chain-rule")
    with site_with(built_site, tmp_path, "assets/*/js/app.js", broken) as url:
        page.goto(url)
        wait_for_python(page)
        chain = page.locator(".widget-chain-rule")
        expect(chain.get_by_role("status").filter(has_text="not live")).to_contain_text(
            "its script stopped with an error")
        expect(chain).to_have_attribute("data-live", "false")
        expect(chain.get_by_role("slider", name="Input x")).to_be_disabled()
        expect(status(page)).to_contain_text(
            f"{FIGURES - 1} of {FIGURES} figures are live; one could not load")
        assert_manual_tuning_is_live(page)

        page.goto(url + "embed/chain-rule.html")  # alone on its page, the figure is all there is
        expect(status(page)).to_have_attribute("data-state", "failed", timeout=PYTHON_START_TIMEOUT_MS)
        expect(status(page)).to_contain_text("this figure could not load")
        expect(status(page)).not_to_contain_text("live")


def test_without_d3_only_the_figures_that_draw_with_it_stay_still(page, built_site, tmp_path):
    with site_with(built_site, tmp_path, "vendor/d3-*/d3.min.js") as url:
        page.goto(url)
        wait_for_python(page)
        notice = page.locator(".widget-manual-tuning").get_by_role("status").filter(has_text="not live")
        expect(notice).to_contain_text("d3")
        expect(page.locator(".widget[data-failed=true]")).to_have_count(4)  # the four that plot
        expect(status(page)).to_contain_text(f"4 of {FIGURES} figures are live; 4 could not load")
        chain = page.locator(".widget-chain-rule")  # draws without d3: live
        output = chain.get_by_role("status", name="neuron 3 output", exact=True)
        before = output.inner_text()
        chain.get_by_role("slider", name="Input x").press("ArrowRight")
        expect(output).not_to_have_text(before)


def test_a_missing_app_script_is_told_plainly_not_left_waiting(page, built_site, tmp_path):
    with site_with(built_site, tmp_path, "assets/*/js/app.js") as url:
        page.goto(url)
        expect(status(page)).to_have_attribute("data-state", "failed", timeout=NOTICE_WITHIN_MS)
        expect(status(page)).to_contain_text("script (app.js) did not load")
        assert_starting_state_reads_as_normal(page)


# The article page's own worker, and an embed page's shared one, whose first downloads begin
# before worker.mjs has loaded (shared-worker.mjs) and which worker.mjs then takes over.
PAGES = pytest.mark.parametrize("address", ["", "embed/manual-tuning.html"], ids=["article", "embed"])


@PAGES
@pytest.mark.parametrize("content, told", [
    (None, "pyodide.asm.wasm could not be downloaded (the server answered 404)"),
    (b"\0asm" + b"not really a WebAssembly module" * 100, "pyodide.asm.wasm is damaged"),
], ids=["missing", "corrupt"])
def test_a_missing_or_corrupt_python_core_is_told_within_seconds(page, built_site, tmp_path, content, told,
                                                                 address):
    with site_with(built_site, tmp_path, "vendor/pyodide-*/pyodide.asm.wasm", content) as url:
        page.goto(url + address)
        expect(status(page)).to_have_attribute("data-state", "failed", timeout=NOTICE_WITHIN_MS)
        expect(status(page)).to_contain_text(told)
        assert_starting_state_reads_as_normal(page)


@PAGES
def test_a_corrupt_backprop_bundle_is_told_in_words_not_a_traceback(page, built_site, tmp_path, address):
    with site_with(built_site, tmp_path, "assets/*/backprop.zip", b"PK\x03\x04 cut short") as url:
        page.goto(url + address)
        # Only Python can open the bundle, so this comes once Python has started: within 10 s
        # on an idle machine (about 3 s here), later when a loaded one starts Python later.
        expect(status(page)).to_have_attribute("data-state", "failed", timeout=PYTHON_START_TIMEOUT_MS)
        expect(status(page)).to_have_text(re.compile(
            r"backprop module \(backprop\.zip\) is damaged: Python cannot open it as a zip archive"))
        expect(status(page)).not_to_contain_text("Traceback")
        assert_starting_state_reads_as_normal(page)
