"""An article in French shows no English interface text once Python is live: every button,
label, control name and status line comes from its [labels] (builder/labels.py)."""

import pytest

from builder.labels import DEFAULTS
from tests.articles import build
from tests.conftest import serving, url_of
from tests.e2e.helpers import assert_no_console_errors, wait_for_live_figures
from tests.unit.test_labels import french_article

WIDGETS = ["manual-tuning", "gradient-descent", "linear-training", "loss-surface", "chain-rule",
           "concrete-example", "network-figure", "network-tool"]
SECTION = "## Bonjour\n\n" + "".join(f"::: widget {name}\n\n" for name in WIDGETS) + \
    "```{python}\nprint(2 + 3)\n```\n"
# The texts of the interface: what a button, a label, a summary or the status line says, and
# the names (aria-label, title) controls and readouts carry.
INTERFACE_TEXTS = """[
  ...[...document.querySelectorAll(
      'button, label, summary, legend, [role=status], .python-status-text, .toc-title-text, '
      + '.embed-code label, .skip-link, .page-footer, .embed-credit')].map((e) => e.innerText.trim()),
  ...[...document.querySelectorAll('[aria-label], [title]')].flatMap((e) =>
      [e.getAttribute('aria-label'), e.getAttribute('title')]),
].filter(Boolean)"""


@pytest.fixture(scope="module")
def french_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("french")
    build(french_article(folder / "content", SECTION), folder / "site")
    with serving(folder / "site") as server:
        yield url_of(server)


def english_left(texts):
    english = {text.strip() for text in DEFAULTS.values() if "{" not in text}
    return sorted({text for text in texts if text.strip() in english})


def test_french_article_shows_no_english_interface_text_once_live(page, french_site):
    page.goto(french_site + "index.html")
    wait_for_live_figures(page)
    page.locator(".embed-code button").first.click()  # opens the copy panel and its label
    texts = page.evaluate(INTERFACE_TEXTS)
    assert "Sommaire" in texts and "Copier le code d'intégration" in texts
    assert any(text.startswith("Python ") and "tourne dans votre navigateur" in text
               for text in texts), "the status line says Python runs, in French"
    assert english_left(texts) == []
    assert_no_console_errors(page)


def test_french_embed_page_shows_no_english_interface_text_once_live(page, french_site):
    page.goto(french_site + "embed/manual-tuning.html")
    wait_for_live_figures(page)
    texts = page.evaluate(INTERFACE_TEXTS)
    assert any(text.startswith("Extrait de") for text in texts)
    assert english_left(texts) == []
