"""One Python serving several pages (static/js/shared-worker.mjs): each page's sessions are its
own even when two pages hold the same widget under the same id, and a page that closes leaves
nothing behind."""

import json

import pytest

from backprop import api, sessions
from backprop.widgets import linear_training
from backprop.widgets.network_tool import session as tool_session


@pytest.fixture(autouse=True)
def no_sessions():
    for table in (tool_session.SESSIONS, linear_training.SESSIONS):
        table.clear()
    yield
    for table in (tool_session.SESSIONS, linear_training.SESSIONS):
        table.clear()


def epoch_of(client, name):
    return api.call("network-tool.view", {"session": name}, client)["epoch"]


def test_two_pages_with_the_same_session_name_train_separate_networks():
    for client in ("page-1", "page-2"):
        api.call("network-tool.reset", {"session": "network-tool-1"}, client)
    api.call("network-tool.train", {"session": "network-tool-1", "max_epochs": 3, "budget_ms": 0},
             "page-1")
    assert epoch_of("page-1", "network-tool-1") == 3
    assert epoch_of("page-2", "network-tool-1") == 0


def test_a_lone_page_names_its_sessions_as_it_always_did():
    api.call_json("linear-training.reset", json.dumps({"session": "fig-1", "lr": 0.1}))
    assert "fig-1" in linear_training.SESSIONS


def test_release_drops_every_session_of_the_closed_page_and_no_other():
    api.call("network-tool.reset", {"session": "tool-1"}, "page-1")
    api.call("linear-training.reset", {"session": "fit-1", "lr": 0.1}, "page-1")
    api.call("network-tool.reset", {"session": "tool-1"}, "page-10")  # a prefix of the other's name
    assert sessions.release("page-1") == 2
    with pytest.raises(KeyError):
        epoch_of("page-1", "tool-1")
    with pytest.raises(KeyError):
        api.call("linear-training.train", {"session": "fit-1"}, "page-1")
    assert epoch_of("page-10", "tool-1") == 0
    assert sessions.release("page-1") == 0
