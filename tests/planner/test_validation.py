"""Error sentences: one line naming the field and what to enter, in a marketer's words."""

import math

import pandas as pd
import pytest
from pydantic import BaseModel, Field, ValidationError

from planner.funnel import back_solve
from planner.goals import GoalInputs
from planner.plan import example_plan, replace
from planner.validation import check_amount, explain, is_blank, number_or_none


@pytest.mark.parametrize(
    ("changes", "label", "sentence"),
    [
        pytest.param(
            {"avg_deal_size": 0}, "Average first-year deal size (USD)",
            "Average first-year deal size (USD): enter an amount above 0, for example 25,000.", id="greater-than",
        ),
        pytest.param(
            {"expansion_revenue": -1}, None, "expansion_revenue: enter an amount of 0 or more, for example 500,000.",
            id="greater-than-or-equal",
        ),
        pytest.param(
            {"avg_deal_size": "abc"}, "Deal", "Deal: enter an amount in figures, for example 25,000.",
            id="float-parsing",
        ),
        pytest.param(
            {"revenue_target": math.inf}, "Goal", "Goal: enter an amount in figures, for example 10,000,000.",
            id="finite-number",
        ),
    ],
)  # fmt: skip
def test_explain_says_what_to_enter_with_the_fields_example(changes, label, sentence):
    with pytest.raises(ValidationError) as caught:
        GoalInputs(**changes)

    assert explain(caught.value, label) == sentence


def test_explain_a_year_past_its_limit_without_separators():
    with pytest.raises(ValidationError) as caught:
        replace(example_plan(), fiscal_year=2999)

    assert explain(caught.value) == "fiscal_year: enter a year of 2100 or less, for example 2027."


class Settings(BaseModel):
    share: float = Field(0.5, le=1)
    weight: float = Field(1, lt=100)
    count: int = 0


@pytest.mark.parametrize(
    ("changes", "sentence"),
    [
        pytest.param({"share": 1.5}, "Setting: enter a number of 1 or less.", id="less-than-or-equal"),
        pytest.param({"weight": 100}, "Setting: enter a number below 100.", id="less-than"),
        pytest.param({"count": 1.5}, "Setting: enter a number as a whole number.", id="int-from-float"),
        pytest.param({"count": "x"}, "Setting: enter a number in whole figures.", id="int-parsing"),
    ],
)
def test_explain_a_field_without_an_example_generically(changes, sentence):
    with pytest.raises(ValidationError) as caught:
        Settings(**changes)

    assert explain(caught.value, "Setting") == sentence


def test_explain_a_rare_pydantic_rule_adds_the_value_cut_short():
    with pytest.raises(ValidationError) as caught:
        GoalInputs(rounding="sideways" * 20)

    message = explain(caught.value)
    assert message.startswith("rounding: input should be 'up', 'exact' or 'down'; got 'sidewayssideways")
    assert message.endswith("….") and len(message) < 120


@pytest.mark.parametrize(
    "changes",
    [
        {"avg_deal_size": 0},
        {"revenue_target": -5},
        {"referral_share": 1.0},
        {"growth_rate": 0},
        {"avg_deal_size": 0.5},
    ],
    ids=repr,
)
def test_refusals_of_typed_goals_are_one_sentence_without_raw_values(changes):
    with pytest.raises(ValidationError) as caught:
        GoalInputs(**changes)

    message = explain(caught.value, "Box")
    assert message.count(". ") == 0 and message.endswith(".")
    assert "got" not in message and "input should" not in message


def test_explain_our_own_rule_keeps_the_sentence():
    with pytest.raises(ValueError) as caught:
        back_solve(1, [0.5, 0])

    message = explain(caught.value, "MQLs → SQLs")
    assert message == "MQLs → SQLs: conversion rate 2 must be above 0% and at most 100%, not 0%."
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
