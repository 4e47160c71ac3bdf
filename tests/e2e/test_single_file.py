"""The single-file article opened from disk (file://) with the network cut: Python starts and the
widgets answer, as on the served site."""

import pytest
from playwright.sync_api import expect

from builder import REPO_DIR
from builder.single_file import single_file_html
from tests.conftest import PageRecorder
from tests.e2e.helpers import assert_no_console_errors, assert_only_local_requests, wait_for_python
from tests.e2e.test_foundation import manual_tuning_loss

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def single_file(built_site, tmp_path_factory):
    path = tmp_path_factory.mktemp("single") / "backprop-explainer.html"
    path.write_text(single_file_html(REPO_DIR / "content" / "article.toml", built_site),
                    encoding="utf-8")
    return path


@pytest.fixture
def offline_page(browser):
    context = browser.new_context()
    context.set_offline(True)
    page = context.new_page()
    page.recorder = PageRecorder(page)
    yield page
    context.close()


def test_file_opened_from_disk_runs_python_and_the_weight_slider(offline_page, single_file):
    page = offline_page
    page.goto(single_file.as_uri())
    status = page.locator("#python-status")
    wait_for_python(page)
    expect(status).to_contain_text("Python 3.14")
    assert len(page.workers) == 1
    widget = page.locator(".widget-manual-tuning")
    slider = widget.get_by_role("slider", name="Weight w", exact=True)
    expect(slider).to_be_enabled()
    for _ in range(3):
        slider.press("ArrowRight")
    expected = f"{manual_tuning_loss(-0.79, -0.02):.7f}"
    assert expected != "0.8707300"
    expect(widget.get_by_role("status", name="loss", exact=True)).to_have_text(expected)
    expect(widget.get_by_role("status", name="weight", exact=True)).to_have_text("\u22120.79")
    # Nothing of the served site's extras that cannot work from one file.
    assert page.locator(".embed-code").count() == 0
    assert {url.split(":", 1)[0] for url in page.recorder.requests} <= {"file", "data", "blob"}
    assert_only_local_requests(page)
    assert_no_console_errors(page)
