"""``python -m builder widgets``: every widget the article can place, built-in and its own, with
each option's type, default, allowed values and address row, read from the settings tables."""

import pytest

from builder.cli import main
from tests.articles import OWN_WIDGET, own_widget, tiny_article


def listing(capsys, config):
    status = main(["widgets", "--config", str(config)])
    out, err = capsys.readouterr()
    return status, out, err


def rows_of(out, name):
    """The lines of widget ``name``'s block, without the indent."""
    block = out.split(f"\n\n{name}  (", 1)[1].split("\n\n", 1)[0]
    return [line.strip() for line in block.splitlines()[1:]]


def test_lists_the_built_in_widgets_and_the_articles_own_with_their_options(capsys, tmp_path):
    status, out, err = listing(capsys, tiny_article(tmp_path, files=own_widget()))
    assert (status, err) == (0, "")
    assert out.startswith("Widgets the article 'Test article' can place with "
                          "'::: widget NAME key=value' (9: 1 of its own):")
    assert "\n\ndouble  (this article's own, widgets/double/)\n" in out
    assert rows_of(out, "double")[0] == "Twice n, computed in Python by a helper module: a test's own widget."
    assert rows_of(out, "double")[2].split() == [
        "n", "whole", "number", "3", "a", "whole", "number", "from", "0", "to", "10,", "step",
        "1", "yes", "the", "number", "doubled"]
    chain = rows_of(out, "chain-rule")
    assert chain[-1].split()[:3] == ["x", "whole", "number"] and " 34 " in chain[-1]
    assert "a whole number from 0 to 100" in chain[-1]
    assert rows_of(out, "loss-surface")[-1] == "no options"
    tool = "\n".join(rows_of(out, "network-tool"))
    assert "one of 1, 5, 10, 25, 50 (old names: batch)" in tool
    # Its own come last, after every built-in widget.
    assert out.index("\n\ndouble  (") > out.index("\n\nnetwork-tool  (")


def test_a_broken_own_widget_is_told_at_its_file_and_line(capsys, tmp_path):
    broken = OWN_WIDGET["widget.py"].replace("def double(n):", "def double(n)")
    status, out, err = listing(capsys, tiny_article(tmp_path, files=own_widget(widget_py=broken)))
    assert status == 1 and out == ""
    assert err.startswith("error: ") and "widgets/double/widget.py:17: widget 'double': " in err


def test_takes_no_output_folder(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["widgets", "--out", "site"])
    assert stop.value.code == 2
    assert "unrecognized arguments: --out site" in capsys.readouterr().err
