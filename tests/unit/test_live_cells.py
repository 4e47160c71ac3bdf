"""Live Python cells: Markdown in, HTML out (builder/markdown_ext/live_cells.py), and what the
build does with each cell's code (builder/cells.py, backprop/cells.py)."""

import base64
import html
import re

import markdown
import pytest

from backprop.cells import OUTPUT_LIMIT, Notebook
from builder.cells import LiveCells
from builder.errors import BuildError
from builder.markdown_ext.live_cells import LiveCellExtension
from builder.page import make_environment
from tests.articles import build, tiny_article


@pytest.fixture
def cells():
    live = LiveCells(make_environment(katex=None), time_limit=10)
    yield live
    live.close()


def convert(text, cells, path="s.md"):
    extensions = [LiveCellExtension(cells, source=(path, 1)), "fenced_code"]
    return markdown.Markdown(extensions=extensions).convert(text)


def outputs(page):
    """Each cell's <output>, in page order, as its parts' texts joined by '|'."""
    found = re.findall(r'<output class="live-cell-output"[^>]*>(.*?)</output>', page, re.S)
    return ["|".join(html.unescape(part) for part in re.findall(r"<pre[^>]*>(.*?)</pre>", out, re.S))
            for out in found]


def test_a_block_marked_python_in_braces_is_a_cell_that_shows_its_code_and_output(cells):
    page = convert("Text.\n\n```{python}\nprint('hi')\n```\n\nMore.", cells)
    assert '<div class="live-cell" id="cell_1" data-cell="1"' in page
    assert "<code class=\"language-python\">print(&#39;hi&#39;)</code>" in page
    assert outputs(page) == ["hi\n"]
    assert page.startswith("<p>Text.</p>") and page.endswith("<p>More.</p>")


def test_a_block_marked_plain_python_stays_code_that_is_only_shown(cells):
    page = convert("```python\nprint('hi')\n```", cells)
    assert "live-cell" not in page and cells.count == 0
    assert page.startswith('<pre><code class="language-python">')


def test_a_cells_last_expression_shows_its_value_as_a_python_prompt_does(cells):
    page = convert("```{python}\nx = 2\nprint(x)\nx * 21\n```\n\n```{python}\nx = None\nx\n```",
                   cells)
    assert outputs(page) == ["2\n|42", ""]  # None shows nothing


def test_cells_run_in_order_in_one_namespace_across_the_articles_sections(tmp_path):
    config = tiny_article(tmp_path / "content", "```{python}\nw = 3\n```\n",
                          extra_sections={"two.md": "```{python}\nprint(w * 2)\n```\n"})
    build(config, tmp_path / "site")
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert outputs(page) == ["", "6\n"]
    assert 'id="cell_2" data-cell="2"' in page


def test_a_cell_that_raises_stops_the_build_at_the_line_that_raised(cells):
    text = "Intro.\n\n```{python}\ny = 1\nz = y / 0\n```\n"
    with pytest.raises(BuildError, match=r"^s\.md:5: live cell 1 raised ZeroDivisionError: "
                                         r"division by zero \(start the cell with '#\| error: true'"):
        convert(text, cells)


def test_an_error_raised_in_a_function_an_earlier_cell_defined_is_located_in_that_cell(cells):
    text = "```{python}\ndef slope(x):\n    return 1 / x\n```\n\n```{python}\nslope(0)\n```\n"
    with pytest.raises(BuildError, match=r"^s\.md:3: live cell 2 raised ZeroDivisionError"):
        convert(text, cells)


def test_a_cell_that_does_not_parse_is_located_at_its_line(cells):
    with pytest.raises(BuildError, match=r"^s\.md:3: live cell 1 raised SyntaxError"):
        convert("```{python}\nx = 1\nfor x in\n```\n", cells)


def test_error_true_shows_the_error_as_the_output_and_the_next_cells_still_run(cells):
    text = "```{python}\n#| error: true\nx = 1\nx / 0\n```\n\n```{python}\nprint(x + 1)\n```\n"
    page = convert(text, cells)
    assert "#|" not in page  # the option line is the author's, not the reader's
    error, printed = outputs(page)
    assert error == ("Traceback (most recent call last):\n  cell 1, line 2, in <module>\n"
                     "    x / 0\nZeroDivisionError: division by zero")
    assert printed == "2\n"


@pytest.mark.parametrize("text, line, problem", [
    ("```{python}\n#| echo: false\nx = 1\n```\n", 2, r"unknown cell option '#\| echo: false'"),
    ("```{python}\n#| error: maybe\nx = 1\n```\n", 2, r"cell option 'error' must be true or false"),
    ("Text.\n\n```{python}\nx = 1\n", 3, r"this live cell is never closed"),
    ("```{python}\n\n```\n", 1, r"this live cell has no code"),
])
def test_a_cells_own_mistakes_are_located(cells, text, line, problem):
    with pytest.raises(BuildError, match=rf"^s\.md:{line}: {problem}"):
        convert(text, cells)


def test_a_cell_shown_inside_a_longer_fence_is_that_fences_text(cells):
    page = convert("````markdown\n```{python}\nprint('no')\n```\n````\n", cells)
    assert cells.count == 0 and "{python}" in page


def test_lines_after_a_cell_keep_their_numbers_for_later_errors(tmp_path):
    section = "## A\n\n```{python}\nx = 1\ny = 2\n```\n\nText $\\frac{1}{$.\n"
    with pytest.raises(BuildError, match=r"one\.md:8: cannot typeset"):
        build(tiny_article(tmp_path / "content", section), tmp_path / "site")


def test_a_cell_that_runs_past_its_time_limit_is_stopped_and_located(tmp_path):
    section = "## A\n\n```{python}\nx = 1\n```\n\n```{python}\nwhile True:\n    pass\n```\n"
    config = tiny_article(tmp_path / "content", section, config={"cell_time_limit": 1})
    with pytest.raises(BuildError, match=r"one\.md:8: this cell ran longer than the time limit "
                                         r"of 1 s and was stopped \(cell_time_limit"):
        build(config, tmp_path / "site")


@pytest.mark.parametrize("value", ["0", "true", '"10"'])
def test_cell_time_limit_must_be_a_whole_number_of_seconds(tmp_path, value):
    config = tiny_article(tmp_path, config_text=f'title = "T"\nsections = ["one.md"]\n'
                                                f"cell_time_limit = {value}\n")
    with pytest.raises(BuildError, match=r"article\.toml:3: 'cell_time_limit' must be"):
        build(config, tmp_path / "site")


def test_an_article_that_sanitises_its_html_cannot_have_cells(tmp_path):
    config = tiny_article(tmp_path / "content", "Text.\n\n```{python}\nimport os\n```\n",
                          config={"sanitize_html": True})
    with pytest.raises(BuildError, match=r"one\.md:3: live Python cells run the author's code"):
        build(config, tmp_path / "site")


def test_a_value_that_draws_itself_is_an_image_with_a_data_url_never_markup(cells):
    svg = '<svg xmlns="http://www.w3.org/2000/svg"><title>A dot</title><circle r="2"/></svg>'
    text = f"```{{python}}\nclass Dot:\n    def _repr_svg_(self):\n        return '{svg}'\nDot()\n```\n"
    page = convert(text, cells)
    src = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    assert f'<img class="live-cell-image" src="{src}" alt="A dot">' in page
    assert "<svg" not in page and "<circle" not in page


def test_a_cell_cannot_read_the_builders_pipe_or_end_the_builders_python():
    notebook = Notebook()
    assert notebook.run(1, "input()")["error"]["text"].endswith("EOFError: EOF when reading a line")
    assert notebook.run(2, "raise SystemExit(3)")["error"]["text"].endswith("SystemExit: 3")
    assert notebook.run(3, "print('still here')")["text"] == "still here\n"


def test_a_cells_printed_text_is_cut_at_the_output_limit():
    text = Notebook().run(1, f"print('x' * {OUTPUT_LIMIT * 2})")["text"]
    assert text.startswith("x" * OUTPUT_LIMIT) and text.endswith(f"(cut after {OUTPUT_LIMIT:,} characters)")


def test_tracebacks_show_backprops_frames_by_package_path_and_hide_the_runners():
    error = Notebook().run(1, "from backprop import api\napi.call('nothing.here', {})")["error"]
    assert "  cell 1, line 2, in <module>\n" in error["text"]
    assert re.search(r"^  backprop/api\.py, line \d+, in call\n", error["text"], re.M)
    assert "_execute" not in error["text"] and "site-packages" not in error["text"]
    assert (error["cell"], error["line"]) == (1, 2)


def test_the_concrete_examples_cells_print_the_numbers_its_figure_shows():
    from backprop.widgets import concrete_example
    from builder import REPO_DIR
    from builder.markdown_ext.live_cells import CELL_INFO, FENCE

    section = (REPO_DIR / "content" / "05-concrete-example.md").read_text(encoding="utf-8")
    codes = [m.group("body") for m in FENCE.finditer(section) if CELL_INFO.fullmatch(m.group("info"))]
    notebook = Notebook()
    printed = "".join(notebook.run(n, code)["text"] for n, code in enumerate(codes[:2], 1))
    numbers = dict(re.findall(r"([\w/ ]+?) = (-?[\d.]+)", printed))
    figure = {name: float(text.replace("\u2212", "-"))
              for name, text in concrete_example.initial()["text"].items()
              if re.fullmatch("\u2212?[\\d.]+", text)}
    names = {"y_hat": "y_hat", "loss": "loss", "dloss/dy_hat": "dloss_dyhat", "dloss/dw": "dloss_dw",
             "dloss/db": "dloss_db", "w": "new_w", "b": "new_b", "new loss": "new_loss"}
    assert {name.strip(): float(value) for name, value in numbers.items()} == \
        {name: figure[key] for name, key in names.items()}


def test_a_new_article_has_a_live_cell_that_prints_its_sum_when_built(tmp_path):
    from builder.scaffold import create

    config = create(tmp_path / "my-article")
    build(config, tmp_path / "my-article" / "site")
    page = (tmp_path / "my-article" / "site" / "index.html").read_text(encoding="utf-8")
    assert "print(sum(range(10)))" in page
    assert outputs(page) == ["45\n"]


def test_a_cell_that_ends_its_python_is_a_located_build_error(cells):
    with pytest.raises(BuildError, match=r"^s\.md:4: the Python running the cells ended while"):
        convert("Text.\n\n```{python}\nimport os\nos._exit(0)\n```\n", cells)
