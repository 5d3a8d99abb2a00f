"""Error sentences: one line naming the field, the rule and the value given."""

import pytest

from planner.funnel import back_solve
from planner.goals import GoalInputs
from planner.validation import check_amount, explain


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
