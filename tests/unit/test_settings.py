"""Each widget declares its settings once (backprop.settings): the directive's option check, the
page address and the controls all read that one table, so a value is allowed, or refused, alike
everywhere, under one name."""

import inspect
import json
import re

import markdown
import pytest

from backprop import api
from backprop.settings import Setting, Settings
from backprop.widgets.network_tool import settings as tool_settings
from builder.errors import BuildError
from builder.markdown_ext.widget_directive import WidgetExtension
from builder.widgets import (WidgetRenderer, address_settings, known_widgets, parse_options,
                             widget_settings)


@pytest.mark.parametrize("name", known_widgets())
def test_every_widget_declares_its_options_once_in_a_table_its_initial_takes(name):
    module = api.widget_module(name)
    table = widget_settings(name)
    # By class name: serve's tests make the builder import backprop afresh.
    assert type(table).__qualname__ == Settings.__qualname__ and "initial" in module.OPS
    parameters = inspect.signature(module.OPS["initial"]).parameters
    assert list(parameters) == [s.name for s in table]  # no option outside the table
    assert all(p.default is inspect.Parameter.empty for p in parameters.values())  # defaults: the table's
    assert api.call(f"{name}.initial", {}) == api.call(f"{name}.initial", table.defaults())


@pytest.mark.parametrize("name", known_widgets())
def test_every_address_setting_is_named_once_and_never_shadowed_by_an_old_name(name):
    rows = [s for s in widget_settings(name) if s.address]
    names = [n for s in rows for n in (s.name, *s.old_names)]
    assert len(names) == len(set(names))


def test_initial_refuses_what_the_table_refuses_with_the_tables_words():
    with pytest.raises(ValueError, match=r"x must be a whole number from 0 to 100, not 500"):
        api.call("chain-rule.initial", {"x": 500})
    with pytest.raises(ValueError, match=r"there is no setting 'colour'"):
        api.call("chain-rule.initial", {"colour": "red"})


def convert(text):
    """A section through the widget directive, as the build reads it from one.md."""
    renderer = WidgetRenderer(None)  # a refused option stops before anything is rendered
    md = markdown.Markdown(extensions=[WidgetExtension(renderer, source=("one.md", 1))])
    return md.convert(text)


@pytest.mark.parametrize("directive, problem", [
    ("chain-rule x=500", "x must be a whole number from 0 to 100, not '500'"),
    ("chain-rule x=2.5", "x must be a whole number from 0 to 100, not '2.5'"),
    ("network-tool batch_size=3", "batch_size must be one of 1, 5, 10, 25, 50, not '3'"),
    ("network-tool hidden=4,9", "hidden must be at most 6 whole numbers from 1 to 8, not [4, 9]"),
    ("linear-training speed=warp", "speed must be one of slow, normal, fast, not 'warp'"),
    ("concrete-example lr=nan", "lr must be a number from 0 to 1, not 'nan'"),
])
def test_an_invalid_option_stops_the_build_at_its_line_saying_what_is_allowed(directive, problem):
    with pytest.raises(BuildError) as caught:
        convert(f"## A\n\nText.\n\n::: widget {directive}\n")
    assert (str(caught.value.path), caught.value.line) == ("one.md", 5)
    assert caught.value.problem == f"widget '{directive.split()[0]}': {problem}"


def test_an_old_address_name_is_no_directive_option():
    with pytest.raises(ValueError, match="has no option 'batch'"):
        parse_options("network-tool", {"batch": "5"})


@pytest.mark.parametrize("name, text", [
    (name, text) for name in tool_settings.RUN
    for text in ["1", "5", "7", "0.001", "0.5", "-3", "cos", "square", "4-4", "9-2", "0", "banana",
                 "999999", "1000000"]])
def test_the_directive_and_the_tools_address_allow_exactly_the_same_values(name, text):
    try:
        parse_options("network-tool", {name: text})
        directive_allows = True
    except ValueError:
        directive_allows = False
    prefix = "" if name == "dataset" else f"{name}="  # the data set comes first, by itself
    settings, notice = tool_settings.parse_address(f"#tool={prefix}{text}")
    assert directive_allows == (notice == "")
    if directive_allows:
        assert settings[name] == parse_options("network-tool", {name: text})[name]


def test_the_embed_page_reads_the_address_with_the_same_rows_and_the_placed_menu():
    rows = address_settings("gradient-descent", parse_options("gradient-descent", {"lr": "0.2"}))
    assert rows == [{"name": "lr", "kind": "float", "old_names": [], "choices": [0.01, 0.05, 0.1, 0.2],
                     "allowed": "one of 0.01, 0.05, 0.1, 0.2", "above": 0.0}]
    tool = {row["name"]: row for row in address_settings("network-tool",
                                                          parse_options("network-tool", {}))}
    assert list(tool) == ["hidden", "dataset", "lr", "batch_size", "seed"]  # not address_key
    assert tool["batch_size"]["old_names"] == ["batch"] and tool["hidden"]["old_names"] == ["layers"]
    assert address_settings("concrete-example", parse_options("concrete-example", {})) == []


@pytest.mark.parametrize("value", [True, 2.5, "3", float("nan"), None, [3]])
def test_a_whole_number_is_whole_and_true_is_not_one(value):
    with pytest.raises(ValueError):
        Setting("n", 1, "a count").check(value)


def test_values_from_the_page_come_back_as_the_settings_type():
    assert Setting("n", 1, "a count").check(4.0) == 4 and type(Setting("n", 1, "").check(4.0)) is int
    assert type(Setting("r", 0.5, "a rate").check(1)) is float
    assert Setting("on", False, "a switch").from_text("Yes") is True


def test_a_menu_that_takes_any_value_adds_it_and_refuses_what_is_out_of_range():
    rate = Setting("lr", 0.1, "a rate", choices=(0.1, 0.5), any_value=True, above=0.0)
    assert rate.menu(0.3) == [0.1, 0.3, 0.5] and rate.from_text("0.3") == 0.3
    with pytest.raises(ValueError, match="lr must be a number above 0"):
        rate.from_text("-1")
    closed = Setting("lr", 0.1, "a rate", choices=(0.1, 0.5))
    with pytest.raises(ValueError, match="lr must be one of 0.1, 0.5, not 0.3"):
        closed.check(0.3)


def test_every_setting_an_embed_page_reads_from_its_address_has_a_control_of_its_name(built_site):
    """Or the widget keeps its settings in its own part of the address (the network tool)."""
    for page in sorted((built_site / "embed").glob("*.html")):
        html = page.read_text(encoding="utf-8")
        rows = json.loads(re.search(r'id="address-settings">(.*?)</script>', html).group(1))
        own_address = 'data-address-key="tool"' in html
        for row in rows:
            control = re.search(rf'<(input|select)\b[^>]*data-role="{row["name"]}"', html)
            assert control or own_address, f"{page.name}: no control for {row['name']}"
