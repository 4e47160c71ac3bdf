"""The view code every widget shares (backprop.views): each rule for printing a number, rounding an
axis or labelling a decade has one home, and the widgets that once wrote their own print the same."""

import math

import pytest

from backprop.views.axes import Scale, decades, epoch_axis, nice_ceiling
from backprop.views.numbers import (grouped, in_parens, loss_text, power_of_ten, short, signed,
                                    superscript)


@pytest.mark.parametrize("value, places, text", [
    (-1.234, 2, "\u22121.23"), (-0.001, 2, "0.00"), (0.0, 0, "0"), (3, 1, "3.0")])
def test_signed_uses_a_true_minus_and_never_prints_minus_zero(value, places, text):
    assert signed(value, places) == text


@pytest.mark.parametrize("value, ceiling", [
    (0.3, 0.5), (1, 1), (3, 5), (10, 10), (11, 20), (30, 50), (1000, 1000), (1001, 2000),
    (999_999_999_999_999, 10 ** 15)])
def test_nice_ceiling_is_the_next_one_two_or_five(value, ceiling):
    assert nice_ceiling(value) == ceiling
    assert isinstance(nice_ceiling(value), int) == isinstance(value, int)


def test_scale_ticks_step_by_a_round_number_across_the_domain():
    assert Scale((-5, 5), (40, 306)).ticks(5) == [-4, -2, 0, 2, 4]
    assert Scale((-1, 1), (0, 100)).ticks(4) == [-1, -0.5, 0, 0.5, 1]
    assert Scale((0, 2), (10, 20)).attr() == "0 2 10 20"


def test_epoch_axis_ends_on_a_round_number_with_five_labelled_steps():
    assert epoch_axis(0) == (10, [[0, "0"], [2, "2"], [4, "4"], [6, "6"], [8, "8"], [10, "10"]])
    end, ticks = epoch_axis(1234)
    assert end == 2000 and ticks[-1] == [2000, "2,000"] and len(ticks) == 6


def test_decades_thin_to_every_other_one_from_the_chosen_end():
    assert decades(-2, 3, 7) == [-2, -1, 0, 1, 2, 3]
    assert decades(-6, 6, 7) == [-6, -4, -2, 0, 2, 4, 6]
    assert decades(-7, 2, 9, from_top=True) == [-6, -4, -2, 0, 2]


def test_powers_of_ten_are_written_out_within_their_range_and_in_superscript_beyond():
    assert [power_of_ten(e) for e in (-3, 0, 3, 4, -5)] == ["0.001", "1", "1000", "10⁴", "10⁻⁵"]
    assert [power_of_ten(e, written_out=(0, 1)) for e in (-1, 0, 1, 2)] == ["10⁻¹", "1", "10", "10²"]
    assert superscript(-12) == "⁻¹²"


def test_short_keeps_significant_digits_and_goes_scientific_beyond_them():
    assert short(0.0123456) == "0.01235"
    assert short(2.5e-7) == "2.500 × 10⁻⁷"
    assert short(math.inf) == "not a number"


def test_a_loss_prints_in_either_widgets_style_from_one_rule():
    tool = lambda loss: loss_text(loss, 5)  # noqa: E731 (the network tool's style)
    assert [tool(v) for v in (0.1234567, None, 2.5e18)] == ["0.12346", "not a number",
                                                             "2.500 × 10¹⁸"]
    linear = lambda loss: loss_text(loss, 6, digits=2, large_from=1000, large=grouped,  # noqa: E731
                                    undefined="too large to show")
    assert [linear(v) for v in (9.1666666, 9.7e-7, 0, 12345.6, math.inf)] == [
        "9.166667", "0.00000097", "0", "12,346", "too large to show"]


def test_negative_numbers_in_a_formula_get_parentheses():
    assert (in_parens("\u22121.86"), in_parens("1.86")) == ("(\u22121.86)", "1.86")
