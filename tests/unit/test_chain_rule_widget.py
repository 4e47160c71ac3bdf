"""The chain-rule widget's ops: what the page prints for (x, seed), checked against our own arithmetic."""

import json
from decimal import Decimal

import pytest

from backprop import api, chain
from backprop.widgets import chain_rule


def product(values):
    result = 1.0
    for value in values:
        result *= value
    return result


def test_initial_state_is_the_article_default_at_34():
    state = chain_rule.initial()
    assert state["x"] == 34 and state["seed"] is None
    assert (state["x_min"], state["x_max"]) == (0, 100)
    assert [state["text"][k] for k in ("a1", "a2", "a3")] == ["15.030", "4.779", "0.577"]
    assert [state["text"][k] for k in ("w1", "b1", "w2", "b2", "w3", "b3")] == [
        "0.42", "0.75", "0.30", "0.27", "0.06", "0.29"]
    assert state["text"]["source"] == "the article's starting values"


def test_local_derivatives_are_the_weights_and_their_product_is_the_chain_derivative():
    state = chain_rule.evaluate(34)
    assert [state["text"][k] for k in ("d1", "d2", "d3")] == ["0.42", "0.30", "0.06"]
    assert state["derivative"] == pytest.approx(0.42 * 0.30 * 0.06, rel=1e-15)
    assert state["text"]["derivative"] == "0.007560"


@pytest.mark.parametrize("seed", [None, 1, 2, 17])
@pytest.mark.parametrize("x", [0, 34, 100])
def test_one_more_unit_of_x_moves_a3_by_exactly_the_product(x, seed):
    state = chain_rule.evaluate(x, seed)
    assert state["x_next"] == x + 1
    assert state["change"] == pytest.approx(state["derivative"], abs=1e-12)
    # Six places print both exactly, so the reader sees the same digits.
    assert state["text"]["change"] == state["text"]["derivative"]
    assert state["text"]["verdict"] == "the same number as \u2202a\u2083/\u2202x"
    printed_change = Decimal(state["text"]["a3_next_exact"]) - Decimal(state["text"]["a3_exact"])
    assert printed_change == Decimal(state["text"]["derivative"])


@pytest.mark.parametrize("x", [0, 34, 77])
def test_new_weights_come_from_the_seed_and_recompute_every_output(x):
    state = chain_rule.evaluate(x, seed=5)
    (w1, b1), (w2, b2), (w3, b3) = chain.random_params(5)
    a1 = w1 * x + b1
    a2 = w2 * a1 + b2
    a3 = w3 * a2 + b3
    assert state["outputs"] == [a1, a2, a3]
    assert [state["text"][k] for k in ("a1", "a2", "a3")] == [f"{a:.3f}" for a in (a1, a2, a3)]
    assert [state["text"][k] for k in ("w1", "b1", "w2", "b2", "w3", "b3")] == [
        f"{v:.2f}" for v in (w1, b1, w2, b2, w3, b3)]
    assert state["derivative"] == product([w1, w2, w3])
    assert state["text"]["source"] == "random draw number 5"


def test_the_same_seed_gives_the_same_neurons_and_another_seed_other_ones():
    assert chain_rule.evaluate(34, 3) == chain_rule.evaluate(34, 3)
    assert chain_rule.evaluate(34, 3)["params"] != chain_rule.evaluate(34, 4)["params"]
    assert chain_rule.evaluate(34, 3)["params"] != chain_rule.evaluate(34)["params"]


def test_equals_sign_only_where_the_printed_numbers_add_up():
    text = chain_rule.evaluate(34)["text"]
    # 0.42·34 + 0.75 = 15.030 and 0.30·15.030 + 0.27 = 4.779 exactly; 0.06·4.779 + 0.29 = 0.57674.
    assert (text["rel1"], text["rel2"], text["rel3"]) == ("=", "=", "\u2248")
    for seed in range(1, 30):
        text = chain_rule.evaluate(61, seed)["text"]
        for k, previous in ((1, "x"), (2, "a1"), (3, "a2")):
            value = (Decimal(text[f"w{k}"]) * Decimal(text[previous]) + Decimal(text[f"b{k}"]))
            assert (text[f"rel{k}"] == "=") == (value == Decimal(text[f"a{k}"]))


@pytest.mark.parametrize("bad", [-1, 101, 2.5, "34", True])
def test_x_outside_the_slider_or_not_a_whole_number_is_refused(bad):
    with pytest.raises(ValueError):
        chain_rule.evaluate(bad)


@pytest.mark.parametrize("bad", [-1, 1.5, "3", True])
def test_a_seed_that_is_not_a_counter_is_refused(bad):
    with pytest.raises(ValueError):
        chain_rule.evaluate(34, bad)


def test_ops_answer_through_the_api_as_strict_json():
    answer = json.loads(api.call_json("chain-rule.evaluate", json.dumps({"x": 36, "seed": 2})))
    assert answer["x"] == 36 and answer["seed"] == 2
    assert answer["text"]["a3"] == f"{chain.forward(36, chain.random_params(2))[-1]:.3f}"
    assert json.loads(api.call_json("chain-rule.initial", "{}"))["text"]["a1"] == "15.030"
