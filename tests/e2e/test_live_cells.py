"""Live Python cells in the browser: the page shows what the build printed, runs the same code to
the same output, takes the reader's edits, stops a cell that never ends, and works offline and
from the single file."""

from contextlib import contextmanager

import pytest
from playwright.sync_api import expect

from builder.single_file import build_single_file
from tests.articles import build, tiny_article
from tests.conftest import PageRecorder, serving, url_of
from tests.e2e.helpers import assert_no_console_errors, wait_for_live_figures, wait_for_python
from tests.e2e.test_accessibility import axe_violations
from tests.waiting import wait_until

pytestmark = pytest.mark.e2e

DOT = ('<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"><title>A dot</title>'
       '<circle cx="10" cy="10" r="5"/></svg>')
SECTION = f"""## Cells

::: widget manual-tuning

```{{python}}
w = 3
print("w is", w)
w * 14
```

```{{python}}
#| error: true
def slope(x):
    return 1 / x
slope(0)
```

```{{python}}
class Dot:
    def _repr_svg_(self):
        return '{DOT}'
Dot()
```

```{{python}}
print(w + 1)
```
"""
OUTPUTS = "[...document.querySelectorAll('.live-cell output')].map((o) => o.innerHTML)"


@pytest.fixture(scope="module")
def cells_article(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cells")
    return tiny_article(folder / "content", SECTION, config={"cell_time_limit": 2})


@pytest.fixture(scope="module")
def cells_site(cells_article):
    out = cells_article.parent.parent / "site"
    build(cells_article, out)
    return out


@pytest.fixture(scope="module")
def cells_url(cells_site):
    with serving(cells_site) as server:
        yield url_of(server)


def held_routes(page, pattern):
    """The requests for ``pattern``, held (a list that fills as they come): continue_() each."""
    held = []
    page.route(pattern, lambda route: held.append(route))  # Playwright takes no built-in
    return held


def finished_requests(page, part):
    """The page's requests whose address holds ``part``, as each finishes (a list that fills)."""
    finished = []
    page.on("requestfinished", lambda request: part in request.url and finished.append(request))
    return finished


def held_request(page, held, what):
    """Wait for a request a route holds: Playwright runs route handlers only while the test talks
    to the page, so each look asks the page something."""
    wait_until(lambda: page.evaluate("true") and held, what=what)
    return held[0]


def editors_ready(page):
    """The editor's script has loaded: each cell's code becomes an editor once it is on screen."""
    wait_until(lambda: page.evaluate("document.documentElement.dataset.cellEditors") == "ready",
               what="the cells' editors")


def cell(page, number):
    return page.locator(f"#cell_{number}")


def editor(page, number):
    """Cell ``number``'s editor, the cell brought on screen for it as a reader scrolls to it (its
    shadow root is open: locators reach inside)."""
    cell(page, number).scroll_into_view_if_needed()
    content = page.locator(f"#cell_{number} .cm-content")
    expect(content).to_be_visible()
    return content


def lines(page, number):
    """The lines of cell ``number``'s editor."""
    editor(page, number)
    return page.locator(f"#cell_{number} .cm-line").all_text_contents()


def edit(page, number, code):
    """Replace cell ``number``'s code by typing, as a reader does (the editor indents by itself)."""
    editor(page, number).click()
    page.keyboard.press("Control+A")
    page.keyboard.type(code)


def start_run(page, number, *, key=False):
    """Run cell ``number`` (its button, or Ctrl+Enter in its editor), its output emptied first;
    returns the output."""
    page.evaluate(f"document.querySelector('#cell_{number} output').replaceChildren()")
    if key:
        editor(page, number).press("Control+Enter")
    else:
        cell(page, number).get_by_role("button", name=f"Run cell {number}").click()
    return page.locator(f"#cell_{number} output")


def run_and_wait(page, number, *, key=False):
    """Run cell ``number`` and wait for its output."""
    start_run(page, number, key=key)
    wait_until(lambda: page.evaluate(f"document.querySelector('#cell_{number} output')"
                                     ".childElementCount") > 0, what=f"cell {number}'s output")
    return page.locator(f"#cell_{number} output")


def test_the_browser_prints_what_the_build_printed_for_the_same_code(page, cells_url):
    page.goto(cells_url)
    built = page.evaluate(OUTPUTS)
    assert "w is 3\n" in built[0] and "42" in built[0] and "ZeroDivisionError" in built[1]
    assert '<img class="live-cell-image" src="data:image/svg+xml;base64,' in built[2]
    wait_for_python(page)
    editors_ready(page)
    # Empty every output, then run the last cell: the ones above it run first, in order.
    page.evaluate("document.querySelectorAll('.live-cell output').forEach((o) => o.replaceChildren())")
    run_and_wait(page, 4)
    wait_until(lambda: all(page.evaluate(OUTPUTS)), what="every cell's output")
    assert page.evaluate(OUTPUTS) == built
    expect(cell(page, 4).locator("[data-role=note]")).to_have_text("Ran cells 1, 2, 3 first: cells run in order.")
    expect(cell(page, 3).get_by_role("img", name="A dot")).to_be_visible()
    assert_no_console_errors(page)


def test_run_waits_for_python_while_the_built_output_shows(page, cells_url):
    held = held_routes(page, "**/pyodide.asm.wasm")  # no Python yet
    page.goto(cells_url)
    editors_ready(page)
    core = held_request(page, held, "Python's core file to be asked for")
    for number in range(1, 5):
        expect(cell(page, number).get_by_role("button", name=f"Run cell {number}")).to_be_disabled()
    editor(page, 4).press("Control+Enter")  # nothing to run it with yet
    expect(cell(page, 4).locator("output")).to_have_text("4\n")
    core.continue_()
    wait_for_python(page)
    expect(cell(page, 4).get_by_role("button", name="Run cell 4")).to_be_enabled()


def test_editing_and_running_a_cell_changes_its_output_and_reset_brings_back_the_articles(page, cells_url):
    page.goto(cells_url)
    wait_for_python(page)
    editors_ready(page)
    edit(page, 4, "print(w * 100)")
    expect(run_and_wait(page, 4, key=True)).to_have_text("300\n")
    reset = cell(page, 4).get_by_role("button", name="Reset cell 4")
    reset.click()
    assert lines(page, 4) == ["print(w + 1)"]
    expect(cell(page, 4).locator("output")).to_have_text("4\n")
    expect(reset).to_be_disabled()


def test_an_edit_is_kept_across_a_reload_until_reset(page, cells_url):
    page.goto(cells_url)
    editors_ready(page)
    edit(page, 1, "w = 5\nw")
    page.reload()
    editors_ready(page)
    assert lines(page, 1) == ["w = 5", "w"]
    expect(cell(page, 1).locator("[data-role=note]")).to_contain_text("Your edit, kept in this browser")
    cell(page, 1).get_by_role("button", name="Reset cell 1").click()
    page.reload()
    editors_ready(page)
    assert lines(page, 1) == ["w = 3", 'print("w is", w)', "w * 14"]


def test_cells_above_run_with_the_readers_kept_edits_before_they_have_editors(page, cells_url):
    page.goto(cells_url)
    wait_for_python(page)
    editors_ready(page)
    edit(page, 1, "w = 5\nw")
    held = held_routes(page, "**/editor.js")  # the reload's editor never comes
    page.reload()
    wait_for_python(page)
    held_request(page, held, "the editor to be asked for")
    expect(run_and_wait(page, 4)).to_have_text("6\n")  # cell 1 ran as the reader left it


def test_a_cell_that_never_ends_is_stopped_and_the_page_keeps_every_setting(page, cells_url):
    page.goto(cells_url)
    wait_for_live_figures(page)
    editors_ready(page)
    widget = page.locator(".widget-manual-tuning")
    widget.get_by_role("slider", name="Weight w", exact=True).press("ArrowRight")
    expect(widget.get_by_role("status", name="weight", exact=True)).to_have_text("\u22120.81")
    edit(page, 4, "while True:\npass")
    stopped = run_and_wait(page, 4)
    expect(stopped).to_contain_text("Cell 4 ran longer than its limit of 2 s, so Python was restarted")
    wait_for_python(page)
    expect(page.locator("#python-status")).to_contain_text("so it was restarted")
    expect(widget.get_by_role("status", name="weight", exact=True)).to_have_text("\u22120.81")
    widget.get_by_role("slider", name="Weight w", exact=True).press("ArrowRight")
    expect(widget.get_by_role("status", name="weight", exact=True)).to_have_text("\u22120.80")
    edit(page, 4, "print(w + 1)")
    expect(run_and_wait(page, 4)).to_have_text("4\n")  # cells 1-3 ran again first: a new session


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_cells_have_no_accessibility_violations_before_and_after_python(browser, cells_url, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(cells_url)
    before = axe_violations(page)
    wait_for_python(page)
    editors_ready(page)
    run_and_wait(page, 4)
    after = axe_violations(page)
    context.close()
    assert before == [] and after == [], "\n".join(before + after)


def test_cells_run_from_the_single_file_opened_from_disk(browser, cells_article, tmp_path):
    single = build_single_file(cells_article, tmp_path / "cells.html")
    context = browser.new_context()
    context.set_offline(True)
    page = context.new_page()
    page.recorder = PageRecorder(page)
    page.goto(single.as_uri())
    wait_for_python(page)
    editors_ready(page)
    edit(page, 4, "print(w * 2)")
    expect(run_and_wait(page, 4, key=True)).to_have_text("6\n")
    assert_no_console_errors(page)
    context.close()


@contextmanager
def opened_offline(browser, site):
    """A page of ``site`` visited once, then reloaded with the server gone: everything it gets now
    comes from the service worker's copy. Python is ready and the cells' editors too."""
    context = browser.new_context()
    page = context.new_page()
    with serving(site) as server:
        page.goto(url_of(server))
        wait_for_python(page)
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    wait_for_python(page)
    editors_ready(page)
    try:
        yield page
    finally:
        context.close()


def test_cells_run_offline_after_one_visit(browser, cells_site):
    with opened_offline(browser, cells_site) as page:
        expect(run_and_wait(page, 4)).to_have_text("4\n")


CELL_HEIGHTS = "[...document.querySelectorAll('.live-cell')].map((c) => c.getBoundingClientRect().height)"


def test_the_editor_takes_the_codes_place_without_moving_the_output(page, cells_url):
    held = held_routes(page, "**/editor.js")
    page.goto(cells_url)
    editor_script = held_request(page, held, "the editor to be asked for")
    tops = "[...document.querySelectorAll('.live-cell output')].map((o) => o.getBoundingClientRect().top)"
    before = page.evaluate(tops)
    editor_script.continue_()
    editors_ready(page)
    for number in range(1, len(before) + 1):
        editor(page, number)
    page.evaluate("window.scrollTo({ top: 0, behavior: 'instant' })")
    assert page.evaluate(tops) == before


def test_a_cell_keeps_its_height_as_its_code_becomes_an_editor_off_and_on_screen(page, site_url):
    # The article's first cell has lines long enough to wrap at a guessed width: CodeMirror,
    # made off screen, guessed it 83 px taller and shrank it as it came on screen, moving the
    # page under a reader scrolling up to it.
    page.goto(site_url)
    wait_for_live_figures(page)
    # every section drawn (sections.js), so that a cell is where it will stay
    wait_until(lambda: page.evaluate("!document.documentElement.hasAttribute('data-starting')"),
               what="every section to be drawn")
    built = page.evaluate(CELL_HEIGHTS)
    for number in range(1, len(built) + 1):
        # the cell's top half a screen below the screen: near enough for the editor's script to
        # load (cells.js), but off screen
        page.evaluate(f"window.scrollTo({{ top: document.getElementById('cell_{number}')"
                      ".getBoundingClientRect().top + scrollY - 1.5 * innerHeight, behavior: 'instant' })")
        editors_ready(page)
        assert page.evaluate(CELL_HEIGHTS) == built
        editor(page, number)
        assert page.evaluate(CELL_HEIGHTS) == built
    assert page.locator(".live-cell .cm-content").count() == len(built)


def test_tab_indents_in_the_editor_and_escape_then_tab_leaves_it(page, cells_url):
    page.goto(cells_url)
    wait_for_python(page)
    editors_ready(page)
    editor(page, 4).click()
    expect(page.get_by_role("textbox", name="Python code of cell 4")).to_be_focused()
    page.keyboard.press("Tab")
    assert lines(page, 4) == ["    print(w + 1)"]  # Tab indented the line: the focus stayed
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.role") == "run"
