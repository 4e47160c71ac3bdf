"""The chain-rule widget: three linear neurons in a row (backprop.chain)."""


import pytest

from backprop import chain


def test_default_neurons_take_34_to_15_030_then_4_779_then_0_577():
    outputs = chain.forward(34)
    assert [f"{out:.3f}" for out in outputs] == ["15.030", "4.779", "0.577"]


def test_each_output_feeds_the_next_neuron():
    (w1, b1), (w2, b2), (w3, b3) = params = ((0.5, 0.1), (0.25, 0.2), (0.75, 0.3))
    out1, out2, out3 = chain.forward(10, params)
    assert out1 == w1 * 10 + b1
    assert out2 == w2 * out1 + b2
    assert out3 == w3 * out2 + b3


def test_local_derivatives_are_the_weights():
    assert chain.local_derivatives() == [0.42, 0.3, 0.06]


def test_derivative_of_the_chain_is_the_product_of_local_derivatives():
    assert chain.derivative() == pytest.approx(0.42 * 0.3 * 0.06, rel=1e-15)


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("x", [0, 34, 99])
def test_derivative_matches_a_central_finite_difference(seed, x):
    params = chain.random_params(seed)
    h = 1e-4
    slope = (chain.forward(x + h, params)[-1] - chain.forward(x - h, params)[-1]) / (2 * h)
    assert chain.derivative(params) == pytest.approx(slope, rel=1e-6, abs=1e-12)


def test_random_params_are_three_pairs_with_two_decimals_in_zero_one():
    for seed in range(50):
        params = chain.random_params(seed)
        assert len(params) == 3
        for value in (v for pair in params for v in pair):
            assert 0 <= value < 1
            assert value == round(value, 2)


def test_random_params_are_reproducible_for_a_seed_and_differ_across_seeds():
    assert chain.random_params(7) == chain.random_params(7)
    assert len({chain.random_params(seed) for seed in range(20)}) == 20


def test_evaluate_recomputes_everything_from_the_given_params():
    params = chain.random_params(3)
    view = chain.evaluate(34, params)
    assert view["outputs"] == chain.forward(34, params)
    assert view["local_derivatives"] == [w for w, _ in params]
    assert view["derivative"] == chain.derivative(params)
    assert view["params"] == [list(p) for p in params]
