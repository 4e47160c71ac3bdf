"""axe-core finds no WCAG 2.1 A/AA violations, in light and dark mode, before and after Python."""

import json

import pytest

from builder import REPO_DIR
from tests.e2e.helpers import wait_for_live_figures

pytestmark = pytest.mark.e2e

AXE = (REPO_DIR / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page):
    # Evaluated through the DevTools protocol, which the page's security policy does not govern.
    page.evaluate(AXE + ";0")
    result = page.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: %s}})" % json.dumps(WCAG_AA))
    return [f"{v['id']} ({v['impact']}): {v['help']} at "
            f"{[node['target'] for node in v['nodes']][:5]}" for v in result["violations"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_article_has_no_violations_before_and_after_python(browser, site_url, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url)
    before = axe_violations(page)
    wait_for_live_figures(page)
    after = axe_violations(page)
    context.close()
    assert before == [] and after == [], "\n".join(before + after)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_embed_page_has_no_violations_before_and_after_python(browser, site_url, built_site,
                                                                   scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    found = []
    for embed in sorted((built_site / "embed").glob("*.html")):
        page.goto(f"{site_url}embed/{embed.name}")
        found += [f"{embed.name} before: {v}" for v in axe_violations(page)]
        wait_for_live_figures(page)
        found += [f"{embed.name} after: {v}" for v in axe_violations(page)]
    context.close()
    assert found == [], "\n".join(found)
