"""Publishing a new build to a host that lets browsers cache files for ten minutes (GitHub Pages):
a reader's offline copy moves to the new build whole, and never pairs one build's page with the
other's files, however the browser's HTTP cache stands.

"The HTTP cache expired" is played by clearing the browser's HTTP cache over the DevTools protocol.
That is what expiry amounts to here: once a cached file is stale the browser must ask the host,
and the host now has only the new build (old files are 404, changed files come anew). Clearing
goes one step further than expiry (unchanged files are downloaded instead of confirmed by a 304),
which can only make a mixed page fail sooner.
"""

import shutil

import pytest
from playwright.sync_api import expect

from builder import assets
from tests.articles import build, tiny_article
from tests.e2e.helpers import wait_for_python, wait_until_activated, waiting_service_worker
from tests.e2e.test_snapshot import press_right_and_expect_the_loss
from tests.pages_host import pages_host

pytestmark = pytest.mark.e2e

INSTALL_TIMEOUT_MS = 120_000  # a new build's offline copy re-checks about 20 MB on a busy machine
FOLLOW_NEW_BUILD = """async () => {
  // Marks the page with how the new build's worker ends: "installed" (it waits for the old tabs
  // to close) or "redundant" (its install failed). Follows an install already under way (a reload
  // starts one), else asks for an update.
  const registration = await navigator.serviceWorker.ready;
  const report = (state) => {
    document.body.dataset.newBuild = state === "redundant" ? "redundant" : "installed";
  };
  const follow = (worker) => {
    if (worker.state !== "installing") return report(worker.state);
    worker.addEventListener("statechange", () => worker.state !== "installing" && report(worker.state));
  };
  if (registration.waiting) return report("installed");
  if (registration.installing) return follow(registration.installing);
  registration.addEventListener("updatefound", () => follow(registration.installing), { once: true });
  await registration.update();
}"""


@pytest.fixture
def two_builds(tmp_path, monkeypatch):
    """Build A and build B of one article: other text, and another stylesheet (so B's assets sit
    in another content-hashed folder, as after any change to the front end)."""
    folders = []
    for name in ("a", "b"):
        static = tmp_path / f"static-{name}"
        shutil.copytree(assets.STATIC_DIR, static)
        with open(static / "css" / "article.css", "a", encoding="utf-8") as css:
            css.write(f"\n:root {{ --published-build: {name}; }}\n")
        monkeypatch.setattr(assets, "STATIC_DIR", static)
        config = tiny_article(tmp_path / "content",
                              f"## Version {name.upper()}\n\n::: widget manual-tuning\n")
        build(config, tmp_path / f"site-{name}")
        folders.append(tmp_path / f"site-{name}")
    return folders


def wait_for_offline_copy(page):
    """Until this page's build is kept by an active service worker."""
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")


def new_build_outcome(page):
    """How the newly published build's worker ends, "installed" or "redundant"."""
    page.evaluate(FOLLOW_NEW_BUILD)
    page.wait_for_selector("body[data-new-build]", state="attached", timeout=INSTALL_TIMEOUT_MS)
    return page.locator("body").get_attribute("data-new-build")


def reopen(context, url):
    """Close every tab of the site, then open it in a new one (same browser profile), once a new
    build's worker waiting for those tabs to close has taken over."""
    new_build = waiting_service_worker(context.pages[0])
    for open_page in context.pages:
        open_page.close()
    if new_build:
        wait_until_activated(new_build)
    page = context.new_page()
    page.goto(url)
    return page


def clear_http_cache(page):
    page.context.new_cdp_session(page).send("Network.clearBrowserCache")


def expect_whole_build(page, name):
    """The page is build ``name``'s text with build ``name``'s styles, and its Python computes."""
    expect(page.get_by_role("heading", name=f"Version {name.upper()}")).to_be_visible()
    marker = page.evaluate(
        "getComputedStyle(document.documentElement).getPropertyValue('--published-build')")
    assert marker.strip() == name, f"styles of build {marker.strip() or 'none'!r}, page of {name!r}"
    wait_for_python(page)
    press_right_and_expect_the_loss(page)


def test_after_a_deploy_the_reopened_page_is_the_new_build_whole_even_once_the_http_cache_expires(
        browser, two_builds):
    build_a, build_b = two_builds
    with pages_host(build_a) as host:
        context = browser.new_context()
        page = context.new_page()
        page.goto(host.url)
        expect_whole_build(page, "a")
        wait_for_offline_copy(page)

        host.publish(build_b)  # while the browser still holds A's index.html for ten minutes
        page.reload()
        expect_whole_build(page, "a")  # the open tab stays whole A
        assert new_build_outcome(page) == "installed"

        page = reopen(context, host.url)
        expect_whole_build(page, "b")

        clear_http_cache(page)
        page.reload()
        expect_whole_build(page, "b")

        context.set_offline(True)
        page.reload()
        expect_whole_build(page, "b")
        context.close()


def test_a_build_whose_files_differ_from_its_manifest_never_replaces_the_kept_one(
        browser, two_builds):
    build_a, build_b = two_builds
    # A file changed after B was built: a half-finished upload, or a CDN node still serving a
    # mix. B's worker must refuse to install rather than keep a copy that is not B.
    stylesheet = next(build_b.glob("assets/*/css/article.css"))
    with open(stylesheet, "a", encoding="utf-8") as css:
        css.write("\n/* changed after the build */\n")
    with pages_host(build_a) as host:
        context = browser.new_context()
        page = context.new_page()
        page.goto(host.url)
        wait_for_python(page)
        wait_for_offline_copy(page)
        kept = page.evaluate("caches.keys()")

        host.publish(build_b)
        assert new_build_outcome(page) == "redundant"
        assert page.evaluate("caches.keys()") == kept

        # A is still served whole from its copy, even with the host no longer having A at all.
        clear_http_cache(page)
        page = reopen(context, host.url)
        expect_whole_build(page, "a")
        context.close()
