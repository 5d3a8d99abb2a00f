"""Error sentences: one line naming the field, the rule and the value given."""

import math

import pandas as pd
import pytest

from planner.funnel import back_solve
from planner.goals import GoalInputs
from planner.validation import check_amount, explain, is_blank, number_or_none


def test_explain_a_pydantic_rule_adds_the_value():
    with pytest.raises(ValueError) as caught:
        GoalInputs(avg_deal_size=-5)

    assert explain(caught.value) == "avg_deal_size: input should be greater than 0; got -5."
    assert explain(caught.value, "Average deal size").startswith("Average deal size: input should be")


def test_explain_our_own_rule_keeps_the_sentence():
    with pytest.raises(ValueError) as caught:
        back_solve(1, [0.5, 0])

    message = explain(caught.value, "MQLs → SQLs")
    assert message == (
        "MQLs → SQLs: conversion rate 2 must be a fraction in (0, 1], that is above 0% and at most 100%; "
        "got 0.0 (0%)."
    )
    assert "\n" not in message


@pytest.mark.parametrize("value", ["abc", None, float("nan"), float("-inf"), -1])
def test_check_amount_refuses_non_numbers(value):
    with pytest.raises(ValueError, match="spend"):
        check_amount("spend", value)


def test_check_amount_positive():
    assert check_amount("x", 0) == 0
    with pytest.raises(ValueError, match="greater than 0"):
        check_amount("x", 0, positive=True)


@pytest.mark.parametrize("value", [None, math.nan, pd.NA, pd.NaT, "", "   "], ids=repr)
def test_blank_cells_are_blank(value):
    assert is_blank(value) and number_or_none(value) is None


@pytest.mark.parametrize("value", [0, 0.0, "x", False, [1, 2]], ids=repr)
def test_values_are_not_blank(value):
    assert not is_blank(value)


def test_a_cell_becomes_a_number():
    assert number_or_none("12.5") == 12.5 and number_or_none(3) == 3.0
