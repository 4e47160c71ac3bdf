"""An article in French shows no English interface text, once live and after each widget has
been used a little: every word the page and its widgets show that the author did not write (the
buttons, the pictures' words, captions, help, readout names and the sentences Python makes) comes
from its [labels] (builder/labels/, backprop/wording.py)."""

import re
import tomllib

import pytest

from tests.articles import build
from tests.conftest import serving, url_of
from tests.e2e.helpers import assert_no_console_errors, wait_for_live_figures
from tests.unit.test_labels import FRENCH, french_article
from tests.waiting import wait_until

WIDGETS = ["manual-tuning", "gradient-descent", "linear-training", "loss-surface", "chain-rule",
           "concrete-example", "network-figure", "network-tool"]
SECTION = "## Bonjour\n\n" + "".join(f"::: widget {name}\n\n" for name in WIDGETS) + \
    "```{python}\nprint(2 + 3)\n```\n"
FR = tomllib.loads(FRENCH.read_text(encoding="utf-8"))["labels"]

# Every text node and every name (aria-label, aria-valuetext, title, placeholder, alt) of the page
# chrome, the widgets and the cells' controls, hidden or not; left out: the author's own words (the
# article's prose and headings, its title, the table of contents that repeats them, the cell's
# code and what it printed) and the mathematics KaTeX typeset.
INTERFACE_TEXTS = """(() => {
  const AUTHORS = "script, style, .katex, h1.title, .toc-list, .live-cell-code, .cm-content, "
    + ".live-cell-text, .live-cell-value";
  const INTERFACE_IN_ARTICLE = "figure.widget, .embed-code, .embed-credit, .live-cell-controls, "
    + ".live-cell-output";
  const interface_ = (element) => element && !element.closest(AUTHORS)
    && (!element.closest("main") || element.closest(INTERFACE_IN_ARTICLE));
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.data.trim() && interface_(node.parentElement)) texts.push(node.data.trim());
  }
  for (const element of document.body.querySelectorAll("*")) {
    if (!interface_(element)) continue;
    for (const name of ["aria-label", "aria-valuetext", "title", "placeholder", "alt"]) {
      const value = element.getAttribute(name);
      if (value && value.trim()) texts.push(value.trim());
    }
  }
  return texts;
})()"""

# Common English words and the interface's own vocabulary; words that are French too are left out
# ("a", "on", "or", "plus", "point", "pause", "phase", "gradient", "minimum", "surface", "figure",
# "activation", "large", "type", "code").
ENGLISH = set("""
the of and to with is are was be by for from at in into this that these those it its their your
you not no yet if when then than so as each every all one two new back here now only just
after before over under down up off will can could would should has have does did which what how
click drag press move moves choose pick try show hide shows hidden reset train training
trains run runs running step steps stepping take through play playing faster speed slow fast
normal loss losses weight weights bias biases input inputs output outputs layer layers neuron
neurons network epoch epochs learning rate rates value values true prediction predictions data
 example examples update updates forward backward arrow arrows full length line curve
plot chart map key keys legend colour colours colours meaning mean squared error derivative slope
 changes changed seed batch size set help customise control controls live static preview
picture start started starts starting stop stopped stops converged diverged left
lands landed edge valley wall walls steep computed compute number numbers small smaller
larger largest larger bands band lower end included dots links link fill filled 
 off home enter shift target sliders slider buttons button fields field neighbourhood
magnified times same wider screen swipe sideways dashed solid thin thicker negative positive
grey blue red white dark
""".split())

# A word: a run of letters; French elision (l'entrée, d'apprentissage) splits at the apostrophe.
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@pytest.fixture(scope="module")
def french_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("french")
    build(french_article(folder / "content", SECTION), folder / "site")
    with serving(folder / "site") as server:
        yield url_of(server)


def english_in(texts):
    """Each text that holds an English word, with the words."""
    found = {}
    for text in texts:
        words = sorted({w for w in WORD.findall(text.lower()) if w in ENGLISH})
        if words:
            found[text[:120]] = words
    return found


def text_of(widget, role):
    return widget.locator(f"[data-role={role}]").first.inner_text()


def use_one_neuron_widgets(page):
    """A slider move, a step off the map, a training run started and stopped, new weights, a
    typed number: each makes Python say something new."""
    manual = page.locator(".widget-manual-tuning")
    weight = text_of(manual, "w-text")
    manual.locator("[data-role=w]").focus()
    page.keyboard.press("ArrowRight")
    wait_until(lambda: text_of(manual, "w-text") != weight, what="the manual tuning's weight to move")
    manual.locator("[data-role=reveal]").click()

    descent = page.locator(".widget-gradient-descent")
    descent.locator("[data-role=lr]").select_option("0.2")
    descent.locator("[data-role=point]").focus()
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("Shift+ArrowRight")
    wait_until(lambda: text_of(descent, "w") == "1.8500", what="the point at w = 1.85")
    descent.locator("[data-role=step]").click()
    wait_until(lambda: text_of(descent, "note"), what="the note that the point left the map")

    training = page.locator(".widget-linear-training")
    training.locator("[data-role=play]").click()
    wait_until(lambda: text_of(training, "epoch") not in ("0", ""), what="training to run")
    training.locator("[data-role=play]").click()
    wait_until(lambda: text_of(training, "play") == FR["play"], what="training to stop")

    chain = page.locator(".widget-chain-rule")
    chain.locator("[data-role=new]").click()
    wait_until(lambda: FR["cr_random_draw"].split(" {")[0] in chain.locator("[data-text=source]")
               .first.inner_text(), what="new weights in the chain rule")

    example = page.locator(".widget-concrete-example")
    before = example.locator("[data-text=verdict]").inner_text()
    example.locator("[data-name=lr]").fill("0.5")
    wait_until(lambda: example.locator("[data-text=verdict]").inner_text() != before,
               what="the concrete example's new verdict")
    example.locator("[data-role=describe]").first.click()


def use_network_tool(page):
    """One epoch, training started and stopped, a neuron removed, then a step-through to its last
    phase (where the losses table and its note show)."""
    tool = page.locator(".widget-network-tool")
    tool.locator("[data-role=one-epoch]").click()
    wait_until(lambda: text_of(tool, "epoch") == "1", what="one epoch")
    tool.locator("[data-role=play]").click()
    wait_until(lambda: text_of(tool, "epoch") not in ("0", "1"), what="training to run")
    tool.locator("[data-role=play]").click()
    wait_until(lambda: text_of(tool, "play-label") == FR["play"], what="training to pause")
    layers = text_of(tool, "layer-size")
    tool.locator("[data-role=remove-neuron]").first.click()
    wait_until(lambda: text_of(tool, "layer-size") != layers, what="a neuron removed")
    tool.locator("[data-role=step-start]").click()
    wait_until(lambda: text_of(tool, "phase-text"), what="the step-through's first phase")
    tool.locator("[data-role=phase-next]").focus()
    page.keyboard.press("End")
    wait_until(lambda: tool.locator("[data-role=step-losses]").is_visible(),
               what="the last phase's losses")


def test_french_article_shows_no_english_interface_text_once_used(page, french_site):
    page.goto(french_site + "index.html")
    wait_for_live_figures(page)
    page.locator(".embed-code button").first.click()  # opens the copy panel and its label
    use_one_neuron_widgets(page)
    use_network_tool(page)
    texts = page.evaluate(INTERFACE_TEXTS)  # while the step-through shows its last phase
    page.locator(".widget-network-tool [data-role=step-exit]").click()
    page.locator(".live-cell [data-role=run]").click()
    wait_until(lambda: page.locator(".live-cell [data-role=output]").inner_text().strip() == "5",
               what="the cell to run")
    texts += page.evaluate(INTERFACE_TEXTS)
    assert "Sommaire" in texts and "Copier le code d'intégration" in texts
    assert any("tourne dans votre navigateur" in text for text in texts)
    assert any("Le point a quitté la carte" in text for text in texts)  # Python's note
    assert any("Après la mise à jour, la perte" in text for text in texts)  # the last phase
    assert english_in(texts) == {}
    assert_no_console_errors(page)


def test_french_embed_page_shows_no_english_interface_text_once_live(page, french_site):
    page.goto(french_site + "embed/network-tool.html")
    wait_for_live_figures(page)
    texts = page.evaluate(INTERFACE_TEXTS)
    assert any(text.startswith("Extrait de") for text in texts)
    assert english_in(texts) == {}
