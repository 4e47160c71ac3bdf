"""serve: a change to the content is rebuilt and the open page reloads by itself."""

import shutil
import time

import pytest
from playwright.sync_api import expect

from builder import REPO_DIR
from builder.preview_server import serve_with_reload
from tests.e2e.helpers import wait_for_python
from tests.waiting import wait_until

pytestmark = pytest.mark.e2e


@pytest.fixture
def served_copy(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(REPO_DIR / "content", content)
    server = serve_with_reload(content / "article.toml", tmp_path / "site", port=0)
    yield content, f"http://127.0.0.1:{server.server_address[1]}/"
    server.stopping.set()
    server.shutdown()
    server.server_close()


def test_content_change_reloads_the_open_page(page, served_copy):
    content, url = served_copy
    page.goto(url)
    wait_for_python(page)  # long after the page subscribed to the rebuild events
    intro = content / "01-introduction.md"
    intro.write_text(intro.read_text() + "\nA sentence added while the page was open.\n")
    started = time.perf_counter()
    expect(page.get_by_text("A sentence added while the page was open.")).to_be_visible(timeout=10_000)
    print(f"rebuild to reload: {time.perf_counter() - started:.2f} s")


def test_broken_rebuild_keeps_the_old_page_and_shows_the_error(page, served_copy):
    content, url = served_copy
    page.goto(url)
    intro = content / "01-introduction.md"
    intro.write_text(intro.read_text() + "\n$\\frac{1}{$\n")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("01-introduction.md", timeout=10_000)
    expect(alert).to_contain_text("cannot typeset")
    expect(page.locator(".article h2").first).to_be_visible()


def test_a_rebuild_that_raises_any_exception_is_shown_and_the_next_save_recovers(page, served_copy,
                                                                                monkeypatch):
    from builder import preview_server

    content, url = served_copy
    intro = content / "01-introduction.md"
    good = intro.read_text()
    real_build = preview_server.build

    def build(config, out, **options):  # not a BuildError: once, a NUL in an image path
        if "BOOM" in intro.read_text():
            raise ValueError("embedded null byte")
        return real_build(config, out, **options)

    monkeypatch.setattr(preview_server, "build", build)
    page.goto(url)
    intro.write_text(good + "\nBOOM\n")
    expect(page.get_by_role("alert")).to_contain_text("unexpected ValueError: embedded null byte",
                                                      timeout=30_000)
    intro.write_text(good + "\nA sentence saved after the fix.\n")
    expect(page.get_by_text("A sentence saved after the fix.")).to_be_visible(timeout=30_000)


@pytest.fixture
def broken_first_build(tmp_path):
    """serve started on content whose first build fails; yields (server, intro file, its good text)."""
    content = tmp_path / "content"
    shutil.copytree(REPO_DIR / "content", content)
    intro = content / "01-introduction.md"
    good = intro.read_text()
    intro.write_text(good + "\n$\\frac{1}{$\n")
    server = serve_with_reload(content / "article.toml", tmp_path / "site", port=0)
    yield server, intro, good
    server.stopping.set()
    server.shutdown()
    server.server_close()


def test_serve_keeps_running_when_the_first_build_fails_and_recovers_on_the_fix(page, broken_first_build):
    server, intro, good = broken_first_build
    page.goto(f"http://127.0.0.1:{server.server_address[1]}/")
    # No site was ever built: the page says why instead of listing an empty folder.
    expect(page.get_by_role("alert")).to_contain_text("01-introduction.md:13")
    expect(page.locator(".article h2")).to_have_count(0)
    intro.write_text(good)  # the author fixes it, and the waiting page picks up the new site
    expect(page.locator(".article h2").first).to_be_visible(timeout=15_000)


def test_a_save_during_the_first_build_is_not_missed(broken_first_build, tmp_path):
    server, intro, good = broken_first_build
    intro.write_text(good)  # straight away, before the watcher may have looked at all
    wait_until((tmp_path / "site" / "index.html").exists, what="the rebuilt site")
    assert server.reloads.error is None
