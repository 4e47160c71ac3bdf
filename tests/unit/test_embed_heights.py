"""The heights an embed snippet carries for hosts that strip its script: from the measured table
(builder/embed_heights.json), on or above every measured height, and not far above."""

import json
import re

import pytest

from builder import embed_heights
from builder.widgets import BUILT_IN


def css_at(css, width):
    """The CSS height (min, max, px and cqw) at a wrapper ``width`` px wide, as a browser
    computes it."""
    assert re.fullmatch(r"[\d\s.+\-*(),]*(?:(?:min|max|px|cqw)[\d\s.+\-*(),]*)*", css), css
    return eval(css.replace("cqw", f" * {width} / 100").replace("px", ""),  # noqa: S307 - checked above
                {"__builtins__": {}}, {"min": min, "max": max})


def test_the_table_measures_every_built_in_widget():
    table = embed_heights.table()
    assert sorted(table["heights"]) == sorted(BUILT_IN.names())
    assert all(len(heights) == len(table["widths"]) for heights in table["heights"].values())


@pytest.mark.parametrize("name", sorted(BUILT_IN.names()))
def test_the_snippets_height_covers_each_measured_height_closely(name):
    widths, heights = embed_heights.table()["widths"], embed_heights.table()["heights"][name]
    css = embed_heights.snippet_heights()["widgets"][name]["css"]
    share, least = embed_heights.CLOSE
    for width, needed in zip(widths, embed_heights.needed(heights)):
        given = css_at(css, width)
        assert needed <= given <= needed + max(least, share * needed) + 1, (width, needed, given)


def test_the_plain_height_shows_the_whole_widget_from_320_to_1280_px():
    table = embed_heights.table()
    for name, heights in table["heights"].items():
        plain = embed_heights.snippet_heights()["widgets"][name]["height"]
        assert all(plain >= height for width, height in zip(table["widths"], heights)
                   if 320 <= width <= 1280), name


def test_where_the_layout_jumps_between_two_widths_the_taller_run_applies():
    # Stacked below some width between 400 and 420, side by side from there on.
    widths = list(range(300, 520, 20))
    heights = [1500] * 6 + [700] * 5
    css = embed_heights.css_height(widths, heights)
    needed = embed_heights.needed([1500, 700])
    assert len(embed_heights.runs(widths, heights)) == 2
    assert css_at(css, 400) >= needed[0] and css_at(css, 415) >= needed[0]  # not known where
    assert css_at(css, 420) == pytest.approx(needed[1], abs=1)
    assert css_at(css, 380) == pytest.approx(needed[0], abs=1)


def test_a_height_that_grows_with_the_width_is_one_sloped_line():
    widths = list(range(700, 1420, 20))
    heights = [200 + 0.85 * width for width in widths]  # plots that scale with the width
    assert len(embed_heights.runs(widths, heights)) == 1
    assert "cqw" in embed_heights.css_height(widths, heights)


def test_the_article_page_carries_the_heights_for_its_embed_code(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    carried = re.search(r'<script type="application/json" id="embed-heights">(.*?)</script>', html)
    assert json.loads(carried.group(1)) == json.loads(json.dumps(embed_heights.snippet_heights()))
