"""Rows from the editable tables: empty cells take defaults, a bad row is refused in one sentence naming it."""

import pytest

from planner.roadmap import (
    SmartGoal,
    hypotheses_from_rows,
    initiatives_from_rows,
    rows_to,
)
from tests.planner.roadmap.goals import Q1_2027


def test_hypothesis_rates_are_typed_in_percent():
    (hypothesis,) = hypotheses_from_rows(
        [{"initiative": "CTA", "transition": "Leads → MQLs", "from_rate": 20, "to_rate": 23}]
    )

    assert (hypothesis.from_rate, hypothesis.to_rate) == (pytest.approx(0.2), pytest.approx(0.23))
    with pytest.raises(ValueError, match=r"row 1 \('CTA'\): to_rate"):
        hypotheses_from_rows([{"initiative": "CTA", "from_rate": 20, "to_rate": 230}])


def test_a_row_without_dates_runs_the_whole_quarter_and_empty_cells_take_defaults():
    (item,) = initiatives_from_rows([{"name": "New idea", "budget": None, "status": None}], *Q1_2027)

    assert (item.start, item.due, item.budget, item.status) == (*Q1_2027, 0.0, "planned")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            {"name": "Trade show", "budget": -5000},
            "row 2 ('Trade show'): budget: must be 0 or more; got -5,000.",
        ),
        (
            {"name": "Webinar", "start": "2027-02-01", "due": "2027-01-15"},
            "row 2 ('Webinar'): the due date 2027-01-15 is before the start 2027-02-01; move one of them.",
        ),
    ],
    ids=["negative-budget", "due-before-start"],
)
def test_a_bad_row_is_refused_in_one_sentence_naming_it(row, message):
    with pytest.raises(ValueError) as refused:
        initiatives_from_rows([{"name": "Fine"}, row], *Q1_2027)

    assert str(refused.value) == message


def test_computed_columns_in_a_table_are_ignored():
    (goal,) = rows_to(
        SmartGoal, [{"metric": "MQLs", "baseline": 18, "change": 25, "target": 99, "goal": "x"}]
    )

    assert goal.target == pytest.approx(22.5)
