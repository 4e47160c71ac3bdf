"""One Python serving several pages (static/js/shared-worker.mjs): each page's sessions are its
own even when two pages hold the same widget under the same id, and a page that closes leaves
nothing behind."""

import importlib
import json
from types import SimpleNamespace

import pytest


@pytest.fixture
def py():
    """backprop as api.call finds it now: another test may have imported it afresh."""
    modules = SimpleNamespace(api=importlib.import_module("backprop.api"),
                              sessions=importlib.import_module("backprop.sessions"),
                              fit=importlib.import_module("backprop.widgets.linear_training"),
                              tool=importlib.import_module("backprop.widgets.network_tool.session"))
    tables = (modules.fit.SESSIONS, modules.tool.SESSIONS)
    for table in tables:
        table.clear()
    yield modules
    for table in tables:
        table.clear()


def epoch_of(py, client, name):
    return py.api.call("network-tool.view", {"session": name}, client)["epoch"]


def test_two_pages_with_the_same_session_name_train_separate_networks(py):
    for client in ("page-1", "page-2"):
        py.api.call("network-tool.reset", {"session": "network-tool-1"}, client)
    three_epochs = {"session": "network-tool-1", "max_epochs": 3, "budget_ms": 0}
    py.api.call("network-tool.train", three_epochs, "page-1")
    assert epoch_of(py, "page-1", "network-tool-1") == 3
    assert epoch_of(py, "page-2", "network-tool-1") == 0


def test_a_lone_page_names_its_sessions_as_it_always_did(py):
    py.api.call_json("linear-training.reset", json.dumps({"session": "fig-1", "lr": 0.1}))
    assert "fig-1" in py.fit.SESSIONS


def test_release_drops_every_session_of_the_closed_page_and_no_other(py):
    py.api.call("network-tool.reset", {"session": "tool-1"}, "page-1")
    py.api.call("linear-training.reset", {"session": "fit-1", "lr": 0.1}, "page-1")
    py.api.call("network-tool.reset", {"session": "tool-1"}, "page-10")  # a prefix of the other's name
    assert py.sessions.release("page-1") == 2
    with pytest.raises(KeyError):
        epoch_of(py, "page-1", "tool-1")
    with pytest.raises(KeyError):
        py.api.call("linear-training.train", {"session": "fit-1"}, "page-1")
    assert epoch_of(py, "page-10", "tool-1") == 0
    assert py.sessions.release("page-1") == 0
