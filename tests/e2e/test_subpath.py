"""The site works unchanged under a sub-path, as GitHub Pages serves a project site."""

import shutil

import pytest
from playwright.sync_api import expect

from tests.conftest import serving, url_of
from tests.e2e.helpers import assert_no_console_errors, wait_for_python

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def subpath_url(built_site, tmp_path_factory):
    root = tmp_path_factory.mktemp("pages")
    shutil.copytree(built_site, root / "some-repo")
    with serving(root) as server:
        yield url_of(server, "some-repo/")


def test_article_and_worker_run_under_a_sub_path(page, subpath_url):
    page.goto(subpath_url)
    wait_for_python(page)
    page.locator(".widget-manual-tuning").get_by_role("slider", name="Weight w", exact=True).press("ArrowLeft")
    expect(page.locator(".widget-manual-tuning").get_by_role("status", name="weight", exact=True)).to_have_text("\u22120.83")
    paths = [url.split("/", 3)[3] for url in page.recorder.requests]
    assert paths and all(path.startswith("some-repo/") for path in paths), paths
    assert_no_console_errors(page)
