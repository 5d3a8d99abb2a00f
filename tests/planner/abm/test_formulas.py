"""ABM formulas against hand-computed values: NPS, retention and email rates, and the counts they refuse."""

import math

import pytest

from planner.abm import (
    click_rate,
    click_to_open_rate,
    nps,
    nps_breakdown,
    open_rate,
    retention_rate,
)


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        pytest.param([10, 9, 8, 7, 6, 0], 0.0, id="two-promoters-two-detractors"),
        pytest.param([9, 10, 10, 7], 75.0, id="three-promoters-of-four"),
        pytest.param([0, 6], -100.0, id="all-detractors"),
        pytest.param([10] * 3, 100.0, id="all-promoters"),
        pytest.param([7, 8], 0.0, id="only-passives"),
        pytest.param(iter([9, 6, 8]), 0.0, id="any-iterable"),
        pytest.param([9.0, 3.0, 10.0], 100 / 3, id="whole-floats"),
    ],
)
def test_nps_is_promoters_minus_detractors_in_percent(scores, expected):
    assert nps(scores) == pytest.approx(expected)


def test_nps_of_no_answers_is_nan_not_zero():
    # 0 would read as a balanced account; the page shows "no NPS answers" instead.
    assert math.isnan(nps([]))


@pytest.mark.parametrize("bad", [11, -1, 7.5, math.nan, "9", True], ids=str)
def test_nps_refuses_a_score_outside_0_to_10(bad):
    with pytest.raises(ValueError, match="whole numbers from 0 to 10"):
        nps([9, bad])


def test_nps_breakdown_counts_each_group():
    groups = nps_breakdown([0, 6, 7, 8, 9, 10, 10, 3])

    assert groups["answers"].tolist() == [3, 2, 3]
    assert groups["share"].tolist() == pytest.approx([3 / 8, 2 / 8, 3 / 8])


@pytest.mark.parametrize(
    ("start", "end", "new", "expected"),
    [
        pytest.param(20, 22, 4, 0.9, id="18-of-20-kept"),
        pytest.param(10, 10, 0, 1.0, id="nobody-left"),
        pytest.param(4, 3, 3, 0.0, id="all-lost-all-replaced"),
        pytest.param(14, 16, 3, 13 / 14, id="sample-q4"),
    ],
)
def test_retention_is_end_minus_new_over_start(start, end, new, expected):
    assert retention_rate(start, end, new) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("start", "end", "new", "message"),
    [
        pytest.param(0, 5, 5, "at least one customer at the period's start", id="no-customers-at-start"),
        pytest.param(-3, 5, 1, "customers at start must be a count of 0 or more", id="negative-start"),
        pytest.param(10, -1, 0, "customers at end must be a count", id="negative-end"),
        pytest.param(10, 5, -1, "new customers must be a count", id="negative-new"),
        pytest.param(
            10, 3, 4, "new customers (4) cannot exceed customers at the period's end (3)", id="new-above-end"
        ),
        pytest.param(5, 9, 1, "8 customers kept from the start is more than the 5", id="kept-above-start"),
    ],
)
def test_retention_refuses_impossible_counts(start, end, new, message):
    with pytest.raises(ValueError, match=None) as caught:
        retention_rate(start, end, new)
    assert message in str(caught.value)


def test_email_rates_from_hand_counts():
    assert open_rate(250, 1000) == pytest.approx(0.25)
    assert click_rate(40, 1000) == pytest.approx(0.04)
    assert click_to_open_rate(40, 250) == pytest.approx(0.16)


def test_no_emails_delivered_gives_no_rate_rather_than_a_crash():
    assert math.isnan(open_rate(0, 0))
    assert math.isnan(click_rate(0, 0))
    assert math.isnan(click_to_open_rate(0, 0))


def test_impossible_email_counts_are_refused():
    with pytest.raises(ValueError, match="cannot exceed emails delivered"):
        open_rate(120, 100)
    with pytest.raises(ValueError, match="must be a count of 0 or more"):
        click_rate(-1, 100)
