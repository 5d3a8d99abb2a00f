"""Hypotheses: what moving one rate yields, by the funnel's own math."""

import pytest

from planner import forward
from planner.funnel import DEFAULT_RATES
from planner.roadmap import (
    Hypothesis,
    hypothesis_impact,
)
from tests.planner.roadmap.goals import FUNNEL


def test_a_hypothesis_yields_what_the_funnel_math_says():
    hypothesis = Hypothesis(transition="Website visits → Leads", from_rate=0.015, to_rate=0.0175)

    impact = hypothesis_impact(FUNNEL, hypothesis, 6000, 1_100_000)

    with_to = forward(6000, [0.0175, *DEFAULT_RATES[1:]]).volumes
    with_from = forward(6000, DEFAULT_RATES).volumes
    assert impact.after == pytest.approx(with_to) and impact.before == pytest.approx(with_from)
    # 6,000 × 0.25 pp = 15 more leads, × 20% × 20% × 40% × 50% = 0.12 more customers a month.
    assert impact.extra_customers == pytest.approx(0.12)
    assert impact.extra_revenue == pytest.approx(132_000)
    frame = impact.to_frame()
    assert frame["change"].iloc[0] == 0 and frame["change"].iloc[1] == pytest.approx(15)


def test_a_hypothesis_below_the_top_leaves_the_stages_above_it_alone():
    hypothesis = Hypothesis(transition="MQLs → SQLs", from_rate=0.2, to_rate=0.3)

    changes = hypothesis_impact(FUNNEL, hypothesis, 6000, 1_100_000).to_frame()["change"].tolist()

    assert changes[:3] == [0, 0, 0]
    assert changes[3] == pytest.approx(1.8)


def test_a_hypothesis_without_its_numbers_or_on_an_unknown_rate_says_what_is_missing():
    with pytest.raises(ValueError, match="give both the rate today and the rate expected"):
        hypothesis_impact(FUNNEL, Hypothesis(transition="Leads → MQLs", from_rate=0.2), 6000, 1)
    with pytest.raises(ValueError, match="'Visits → Demos' is not in the funnel"):
        hypothesis_impact(
            FUNNEL, Hypothesis(transition="Visits → Demos", from_rate=0.2, to_rate=0.3), 6000, 1
        )
