"""The concrete example: one example, one neuron, one step (backprop.concrete)."""


import pytest

from backprop import concrete

ARTICLE_NUMBERS = {
    "y_hat": 2.1, "loss": 3.61, "dloss_dyhat": -3.8, "dloss_dw": -7.98, "dloss_db": -3.8,
    "new_w": 1.0798, "new_b": 0.038, "new_loss": 2.8711, "decrease": 0.7389,
}


@pytest.mark.parametrize("name", ARTICLE_NUMBERS)
def test_default_example_gives_the_articles_numbers(name):
    assert concrete.example()[name] == pytest.approx(ARTICLE_NUMBERS[name], abs=5e-5)


def test_new_loss_rounds_to_2_87_and_the_decrease_to_0_74():
    numbers = concrete.example()
    assert f"{numbers['new_loss']:.2f}" == "2.87"
    assert f"{numbers['decrease']:.2f}" == "0.74"


def test_backward_pass_is_the_chain_rule():
    n = concrete.example(x=-1.5, y=0.7, w=0.3, b=-0.2, lr=0.1)
    assert n["dloss_dw"] == n["dloss_dyhat"] * n["dyhat_dw"] == n["dloss_dyhat"] * -1.5
    assert n["dloss_db"] == n["dloss_dyhat"] * n["dyhat_db"] == n["dloss_dyhat"]


@pytest.mark.parametrize("x, y, w, b", [(2.1, 4.0, 1.0, 0.0), (-1.5, 0.7, 0.3, -0.2), (3.0, -2.0, -0.5, 1.0)])
def test_gradients_match_central_finite_differences(x, y, w, b):
    h = 1e-6
    n = concrete.example(x, y, w, b)
    loss = lambda w, b: concrete.example(x, y, w, b)["loss"]
    assert n["dloss_dw"] == pytest.approx((loss(w + h, b) - loss(w - h, b)) / (2 * h), rel=1e-6)
    assert n["dloss_db"] == pytest.approx((loss(w, b + h) - loss(w, b - h)) / (2 * h), rel=1e-6)


def test_the_second_forward_pass_uses_the_updated_parameters():
    n = concrete.example(x=1.0, y=3.0, w=0.0, b=0.0, lr=0.25)
    assert (n["new_w"], n["new_b"]) == (1.5, 1.5)  # dloss/dw = dloss/db = 2(0 − 3) = −6
    assert n["new_y_hat"] == 3.0
    assert n["new_loss"] == 0.0
    assert n["decrease"] == 9.0


def test_inputs_are_echoed_so_the_page_can_show_them():
    n = concrete.example(x=0.5, y=1.0, w=2.0, b=-1.0, lr=0.05)
    assert {k: n[k] for k in ("x", "y", "w", "b", "lr")} == {"x": 0.5, "y": 1.0, "w": 2.0, "b": -1.0, "lr": 0.05}
