"""The page's look, where it is decided at build time: the header figure is backprop's own loss
surface and descent run, the text face ships from the site with its licence, and what the first
paint needs stays under its budget."""

import gzip
import re
from html.parser import HTMLParser

import pytest

from backprop import linear_training
from backprop.linear_data import ACTION_X, ACTION_Y
from backprop.neuron import mse
from backprop.views import header
from backprop.views.axes import Scale
from builder import fonts

FIRST_PAINT_BUDGET = 350_000  # bytes, gzip-compressed


def banner_to_data(px, py):
    """(w, b) at a point of the banner: the inverse of the header's two scales."""
    b = Scale((0, header.WIDTH), header.B_SPAN)(px)
    w = Scale((header.HEIGHT, 0), header.W_SPAN)(py)
    return w, b


def test_header_path_is_the_descent_run_that_linear_training_computes():
    state = linear_training.step(
        linear_training.start(header.LR, w=header.START[0], b=header.START[1], max_trail=1000),
        header.EPOCHS)
    x, y = Scale(header.B_SPAN, (0, header.WIDTH)), Scale(header.W_SPAN, (header.HEIGHT, 0))
    expected = " ".join(f"{x(b):.1f},{y(w):.1f}" for _, w, b, _ in state.trail)
    assert len(state.trail) == header.EPOCHS + 1
    assert header.header_figure()["path"] == expected
    # It zigzags: the weight crosses the valley floor (w* = (20 − 15b)/55) on every step.
    sides = [w > (20 - 15 * b) / 55 for _, w, b, _ in state.trail[:10]]
    assert all(a != b for a, b in zip(sides, sides[1:]))


def test_every_header_contour_line_lies_on_its_loss_level():
    figure = header.header_figure()
    assert len(figure["contours"]) >= 12
    for line in figure["contours"]:
        points = re.findall(r"(-?[\d.]+),(-?[\d.]+)", line["d"])
        inside = [(float(px), float(py)) for px, py in points
                  if 0 < float(px) < header.WIDTH and 0 < float(py) < header.HEIGHT]
        assert inside, line["level"]
        for px, py in inside:
            loss = mse(ACTION_X, ACTION_Y, *banner_to_data(px, py))
            # Marching squares interpolates linearly between grid nodes, and the path keeps a
            # tenth of a banner unit: a few per cent is the grid's error, not another surface.
            assert loss == pytest.approx(line["level"], rel=0.05)


def test_the_minimum_marked_in_the_header_is_the_least_squares_fit():
    px, py = header.header_figure()["minimum"]
    w, b = banner_to_data(px, py)
    assert (w, b) == pytest.approx((-1.0, 5.0), abs=0.02)


class HeadFiles(HTMLParser):
    """What a page's first paint waits for: its stylesheets, preloaded files and the classic
    scripts that block parsing (no defer, no async, not a module); the header's SVG too. And
    the preloads that come before the first blocking script, in order."""

    def __init__(self):
        super().__init__()
        self.stylesheets, self.preloads, self.blocking, self.header_svgs = [], [], [], []
        self.preloads_before_blocking = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("rel") == "stylesheet":
            self.stylesheets.append(a["href"])
        elif tag == "link" and a.get("rel") == "preload":
            self.preloads.append(a)
            if not self.blocking:
                self.preloads_before_blocking.append((a["href"], a["as"]))
        elif tag == "script" and "src" in a and "defer" not in a and "async" not in a \
                and a.get("type") != "module":
            self.blocking.append(a["src"])
        elif tag == "svg" and "header-art" in a.get("class", ""):
            self.header_svgs.append(a)


def head_files(page):
    parser = HeadFiles()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_the_text_face_ships_from_the_site_with_its_licence(built_site):
    files = head_files(built_site / "index.html")
    face = f"vendor/source-serif-4-{fonts_version(built_site)}/"
    fonts_preloaded = [link for link in files.preloads if link["as"] == "font"]
    assert fonts_preloaded == [{"rel": "preload", "href": face + fonts.REGULAR, "as": "font",
                                "type": "font/woff2", "crossorigin": None}]
    assert face + "fonts.css" in files.stylesheets
    css = (built_site / face / "fonts.css").read_text(encoding="utf-8")
    named = re.findall(r"url\(([^)]+)\)", css)
    assert sorted(named) == sorted(fonts.face_file(w, s) for w, s in fonts.FACES)
    assert all((built_site / face / name).is_file() for name in named)
    assert css.count("font-display: swap") == len(fonts.FACES)
    assert "SIL OPEN FONT LICENSE" in (built_site / face / "LICENSE.txt").read_text(encoding="utf-8")
    page = (built_site / "index.html").read_text(encoding="utf-8")
    assert f'href="{face}LICENSE.txt"' in page and "katex-0.19.1/LICENSE.txt" in page


def fonts_version(site):
    [folder] = (site / "vendor").glob("source-serif-4-*")
    return folder.name.removeprefix("source-serif-4-")


def test_the_built_page_draws_the_header_figure_from_backprop(built_site):
    page = (built_site / "index.html").read_text(encoding="utf-8")
    [svg] = head_files(built_site / "index.html").header_svgs
    assert svg["aria-hidden"] == "true"
    figure = header.header_figure()
    assert f'points="{figure["path"]}"' in page
    assert page.count('<path class="tone-') == len(figure["contours"])


@pytest.mark.parametrize("page", ["index.html", "embed/manual-tuning.html"])
def test_what_the_first_paint_needs_is_under_350_kb_compressed(built_site, page):
    path = built_site / page
    files = head_files(path)
    needed = {path} | {path.parent / href for href in files.stylesheets} | {
        path.parent / link["href"] for link in files.preloads} | {
        path.parent / src for src in files.blocking}
    sizes = {p.name: len(gzip.compress(p.read_bytes(), compresslevel=6)) for p in needed}
    print(f"first paint of {page}: {sum(sizes.values())} bytes gzipped: {sizes}")
    assert len(files.stylesheets) >= 3 and files.blocking  # the parser found the head's files
    assert sum(sizes.values()) < FIRST_PAINT_BUDGET


@pytest.mark.parametrize("page", [
    "index.html", "embed/manual-tuning.html", "embed/network-tool.html"])
def test_the_heads_files_load_beside_the_first_script_despite_the_policy_meta(built_site, page):
    """A policy <meta> turns Chromium's look-ahead parser off, so a file named after a blocking
    script waits for it: Python's start is preloaded before the first, and on the article its
    stylesheets too (not on an embed page: _page_head.html says why)."""
    files = head_files(built_site / page)
    assert files.blocking[0].endswith("js/theme.js")
    [start_python] = files.blocking[1:]
    assert start_python.endswith("js/start-python.js")
    wanted = [(start_python, "script")]
    if page == "index.html":
        wanted += [(href, "style") for href in files.stylesheets]
        assert len(wanted) == 4
    assert sorted((href, kind) for href, kind in files.preloads_before_blocking
                  if kind != "font") == sorted(wanted)
