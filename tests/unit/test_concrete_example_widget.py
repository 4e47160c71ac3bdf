"""The concrete-example widget's ops: the text the page prints, checked against the article's numbers
and against our own arithmetic for other inputs."""

import json
import math
import re

import pytest

from backprop import api
from backprop.widgets import concrete_example
from builder import REPO_DIR

MINUS = "\u2212"

# The blueprint's numbers for section 1.4 (ARTICLE.md), as the widget must print them by default.
ARTICLE_TEXT = {
    "x": "2.1", "y": "4", "w": "1", "b": "0", "lr": "0.01",
    "y_hat": "2.1", "loss": "3.61",
    "dloss_dyhat": f"{MINUS}3.8", "dloss_dw": f"{MINUS}7.98", "dloss_db": f"{MINUS}3.8",
    "new_w": "1.0798", "new_b": "0.038",
    "new_loss": "2.8711", "decrease": "0.7389",
}


def own_example(x, y, w, b, lr):
    """The test's own arithmetic for one step: forward, backward, update, forward."""
    y_hat = w * x + b
    gradient = 2 * (y_hat - y)
    new_w, new_b = w - lr * gradient * x, b - lr * gradient
    new_loss = (new_w * x + new_b - y) ** 2
    return {"y_hat": y_hat, "loss": (y_hat - y) ** 2, "dloss_dyhat": gradient,
            "dloss_dw": gradient * x, "dloss_db": gradient, "new_w": new_w, "new_b": new_b,
            "new_y_hat": new_w * x + new_b, "new_loss": new_loss,
            "decrease": (y_hat - y) ** 2 - new_loss}


def printed(text):
    return float(text.replace(MINUS, "-"))


@pytest.mark.parametrize("name", ARTICLE_TEXT)
def test_defaults_print_the_articles_numbers(name):
    assert concrete_example.initial()["text"][name] == ARTICLE_TEXT[name]


def test_new_loss_and_decrease_round_to_the_articles_2_87_and_0_74():
    text = concrete_example.initial()["text"]
    assert f"{printed(text['new_loss']):.2f}" == "2.87"
    assert f"{printed(text['decrease']):.2f}" == "0.74"


def test_defaults_show_the_substituted_numbers_like_the_article():
    text = concrete_example.initial()["text"]
    assert text["y_hat_sum"] == "1 \u00b7 2.1 + 0"
    assert text["loss_sum"] == f"(2.1 {MINUS} 4)\u00b2"
    assert text["dloss_dyhat_sum"] == f"2 \u00b7 (2.1 {MINUS} 4)"
    assert text["dloss_dw_sum"] == f"2.1 \u00b7 ({MINUS}3.8)"
    assert text["dloss_db_sum"] == f"1 \u00b7 ({MINUS}3.8)"
    assert text["new_w_sum"] == f"1 {MINUS} 0.01 \u00b7 ({MINUS}7.98)"
    assert text["new_b_sum"] == f"0 {MINUS} 0.01 \u00b7 ({MINUS}3.8)"
    assert text["new_y_hat_sum"] == "1.0798 \u00b7 2.1 + 0.038"
    assert text["decrease_sum"] == f"3.61 {MINUS} 2.8711"
    assert text["verdict"] == "The step lowered the loss from 3.61 to 2.8711."


def test_equals_sign_where_exact_and_approx_sign_only_where_printing_rounded():
    rel = concrete_example.initial()["rel"]
    exact = ["y_hat", "loss", "dloss_dyhat", "dloss_dw", "dloss_db", "new_w", "new_b",
             "new_w_eq", "new_b_eq", "new_y_hat_sum"]
    assert {rel[k] for k in exact} == {"="}  # 1.0798 is exact, float noise notwithstanding
    assert {rel[k] for k in ("new_y_hat", "new_loss", "new_loss_sum", "decrease")} == {"\u2248"}


def test_the_prose_quotes_the_widgets_default_numbers():
    prose = (REPO_DIR / "content" / "05-concrete-example.md").read_text(encoding="utf-8")
    text = concrete_example.initial()["text"]
    for name in ("y_hat", "loss", "dloss_dyhat", "dloss_dw", "dloss_db", "new_w", "new_b",
                 "new_y_hat", "new_loss", "decrease"):
        number = text[name].replace(MINUS, "-")
        assert re.search(rf"(?<![\d.]){re.escape(number)}(?![\d])", prose), (name, number)
    assert "::: widget concrete-example" in prose


def test_x_equal_3_gives_the_tests_own_numbers():
    state = concrete_example.evaluate(3, 4, 1, 0, 0.01)
    ours = own_example(3, 4, 1, 0, 0.01)
    for name, value in ours.items():
        assert printed(state["text"][name]) == pytest.approx(value, abs=5e-5), name
    assert [state["text"][k] for k in ("y_hat", "loss", "dloss_dw", "new_w", "new_b", "new_loss")] == [
        "3", "1", f"{MINUS}6", "1.06", "0.02", "0.64"]
    assert state["text"]["decrease"] == "0.36"


@pytest.mark.parametrize("x, y, w, b, lr", [
    (-1.5, 0.7, 0.3, -0.2, 0.1), (7.3, -2.2, -4.1, 9.9, 0.003), (0.0, 1.0, 2.0, -3.0, 0.5),
    (-10, 10, 10, -10, 1), (0.1, 0.1, 0.1, 0.1, 0.01)])
def test_every_printed_number_is_within_its_printed_precision(x, y, w, b, lr):
    state = concrete_example.evaluate(x, y, w, b, lr)
    for name, value in own_example(x, y, w, b, lr).items():
        text = state["text"][name]
        places = len(text.partition(".")[2])
        assert printed(text) == pytest.approx(value, abs=0.5 * 10 ** -places + 1e-9 * abs(value)), name
        assert "e" not in text and "-" not in text  # no exponent, true minus signs only


def test_negative_numbers_put_into_a_formula_get_parentheses():
    text = concrete_example.evaluate(-1.5, -0.5, -2, -1, 0.1)["text"]
    assert text["y_hat_sum"] == f"({MINUS}2) \u00b7 ({MINUS}1.5) + ({MINUS}1)"
    assert text["loss_sum"] == f"(2 {MINUS} ({MINUS}0.5))\u00b2"


@pytest.mark.parametrize("value, text, rounded", [
    (1.0798000000000001, "1.0798", False), (2.8710591364, "2.8711", True), (-3.8, f"{MINUS}3.8", False),
    (-0.0, "0", False), (1e-31, "0", False), (0.000123456, "0.000123", True), (0.005, "0.005", False),
    (123456.789, "123456.8", True), (4.0, "4", False)])
def test_numbers_print_without_float_noise(value, text, rounded):
    assert concrete_example.shown(value) == (text, rounded)


def test_a_small_learning_rate_marks_the_rounded_update_with_approx():
    state = concrete_example.evaluate(2.1, 4, 1, 0, 0.001)
    assert state["text"]["new_w"] == "1.008"  # 1.00798
    assert state["rel"]["new_w"] == state["rel"]["new_w_eq"] == "\u2248"
    assert state["rel"]["new_w_sum"] == "="  # the numbers put in are exact


def test_learning_rate_0_1_lowers_the_loss_and_0_2_overshoots_as_the_prose_says():
    gentle = concrete_example.evaluate(2.1, 4, 1, 0, 0.1)
    assert 0 < gentle["values"]["new_loss"] < 0.1 * gentle["values"]["loss"]
    assert gentle["text"]["verdict"].startswith("The step lowered the loss")
    big = concrete_example.evaluate(2.1, 4, 1, 0, 0.2)
    assert big["values"]["new_loss"] > big["values"]["loss"]
    assert big["text"]["decrease"].startswith(MINUS)
    assert big["text"]["verdict"].startswith("The step overshot")


def test_a_true_value_below_the_prediction_flips_the_derivatives_sign():
    text = concrete_example.evaluate(2.1, 1, 1, 0, 0.01)["text"]
    assert not text["dloss_dw"].startswith(MINUS) and not text["dloss_db"].startswith(MINUS)
    assert printed(text["new_w"]) < 1


def test_nothing_to_learn_when_the_prediction_is_exact_or_the_rate_is_0():
    exact = concrete_example.evaluate(2.1, 4, 1, 1.9, 0.01)  # 2.1 + 1.9 = 4, up to float noise
    assert exact["text"]["loss"] == "0" and exact["rel"]["loss"] == "="
    assert exact["text"]["verdict"].startswith("The prediction is already exact")
    still = concrete_example.evaluate(2.1, 4, 1, 0, 0)
    assert (still["text"]["new_w"], still["text"]["decrease"]) == ("1", "0")
    assert "learning rate of 0" in still["text"]["verdict"]


@pytest.mark.parametrize("bad", [{"x": 10.5}, {"lr": -0.01}, {"lr": 1.5}, {"w": math.nan},
                                 {"b": math.inf}, {"y": "4"}])
def test_values_outside_the_fields_limits_are_refused(bad):
    args = {"x": 2.1, "y": 4, "w": 1, "b": 0, "lr": 0.01, **bad}
    with pytest.raises(ValueError):
        concrete_example.evaluate(**args)


def test_initial_gives_the_fields_ascii_values_and_limits():
    inputs = concrete_example.initial()["inputs"]
    assert {k: v["value"] for k, v in inputs.items()} == {
        "x": "2.1", "y": "4", "w": "1", "b": "0", "lr": "0.01"}
    assert (inputs["lr"]["min"], inputs["lr"]["max"], inputs["lr"]["step"]) == (0, 1, 0.01)
    assert inputs["x"]["range_text"] == f"from {MINUS}10 to 10"  # the whole hint (backprop.wording)


def test_ops_answer_through_the_api_as_strict_json():
    extreme = {"x": -10, "y": 10, "w": 10, "b": -10, "lr": 1}
    result = json.loads(api.call_json("concrete-example.evaluate", json.dumps(extreme)))
    assert set(result) == {"values", "text", "rel"}
    assert json.loads(api.call_json("concrete-example.initial", "{}"))["text"] == \
        concrete_example.initial()["text"]
