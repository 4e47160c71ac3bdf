"""backprop's source after the first answer (issue 17): Python imports backprop's bytecode
(backprop.zip) and answers the page without its .py files (backprop-source.zip, 70 KB of the
download), which only tracebacks and `inspect` read. They come once Python has answered and been
idle for a moment, and a cell waits for them, so its traceback through backprop shows backprop's
lines as the build's does."""

import re

import pytest
from playwright.sync_api import expect

from builder import BACKPROP_DIR
from tests.e2e.helpers import assert_no_console_errors
from tests.e2e.test_live_cells import (  # noqa: F401 (fixtures)
    cells_article, cells_site, cells_url, edit, editors_ready, finished_requests, held_request,
    held_routes, run_and_wait, start_run)
from tests.e2e.test_stdlib_later import (  # noqa: F401 (fixture)
    first_answer_from_the_snapshot, page_without_service_worker)

pytestmark = pytest.mark.e2e

# Raises inside backprop: its traceback runs through backprop/mlp.py.
INTO_BACKPROP = "from backprop.mlp import new_parameters\nimport random\nnew_parameters([2, 1], random.Random(0))"


def raising_line():
    """(number, text) of the line of backprop/mlp.py that refuses sizes not starting with 1."""
    lines = (BACKPROP_DIR / "mlp.py").read_text(encoding="utf-8").splitlines()
    [number] = [n for n, line in enumerate(lines, 1) if "sizes must start and end with 1" in line]
    return number, lines[number - 1].strip()


def expect_backprops_line_in(output):
    number, text = raising_line()
    expect(output).to_contain_text(f"backprop/mlp.py, line {number}, in new_parameters\n    {text}")


def test_python_answers_before_backprops_source_and_a_cell_waits_for_its_lines(
        page_without_service_worker, cells_url):
    page = page_without_service_worker
    held = held_routes(page, "**/backprop-source.zip")
    first_answer_from_the_snapshot(page, cells_url)  # backprop's source still held
    source = held_request(page, held, "backprop's source, asked for after the first answer")
    editors_ready(page)
    edit(page, 1, INTO_BACKPROP)
    output = start_run(page, 1)
    source.continue_()  # the run has waited for it
    expect_backprops_line_in(output)
    expect(output).to_contain_text("ValueError: sizes must start and end with 1, not [2, 1]")
    assert_no_console_errors(page)


def test_a_traceback_through_backprop_shows_its_lines_once_the_source_has_come(page, cells_url):
    asked = finished_requests(page, "backprop-source")
    first_answer_from_the_snapshot(page, cells_url)
    editors_ready(page)
    edit(page, 1, INTO_BACKPROP)
    expect_backprops_line_in(run_and_wait(page, 1))
    assert len(asked) == 1 and re.search(r"/assets/[0-9a-f]+/backprop-source\.zip$", asked[0].url)
    assert_no_console_errors(page)


def test_without_its_source_backprop_still_answers_and_the_console_says_what_is_missing(
        page_without_service_worker, cells_url):
    page = page_without_service_worker
    said = []
    page.on("worker", lambda worker: worker.on("console", lambda message: said.append(message.text)))
    page.route("**/backprop-source.zip", lambda route: route.fulfill(status=404))
    first_answer_from_the_snapshot(page, cells_url)
    editors_ready(page)
    edit(page, 1, INTO_BACKPROP)
    number, _ = raising_line()
    output = run_and_wait(page, 1)
    expect(output).to_contain_text(f"backprop/mlp.py, line {number}, in new_parameters\n"
                                   "ValueError: sizes must start and end with 1")
    assert any("backprop's source (backprop-source.zip) could not be added (the server answered "
               "404)" in text for text in said), said
