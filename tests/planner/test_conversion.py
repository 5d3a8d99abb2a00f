"""Changing the plan's currency: every amount converted at the typed rate, or relabelled and said so."""

from datetime import UTC, datetime

import pytest

from planner.conversion import convert_currency, relabel_currency
from tests.planner.plans import full_plan

WHEN = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_converting_multiplies_every_amount_and_records_the_rate():
    plan = full_plan()  # in EUR, with a goal, a cost, a budget, last year and ABM revenue

    gbp = convert_currency(plan, "GBP", 0.85, WHEN)

    assert gbp.currency == "GBP"
    assert gbp.goals.revenue_target == pytest.approx(plan.goals.revenue_target * 0.85)
    assert gbp.goals.avg_deal_size == pytest.approx(plan.goals.avg_deal_size * 0.85)
    assert gbp.goals.baseline_revenue == pytest.approx(plan.goals.baseline_revenue * 0.85)
    assert gbp.funnel.cost_per_unit == pytest.approx(plan.funnel.cost_per_unit * 0.85)
    assert gbp.roadmap.annual_budget == pytest.approx(plan.roadmap.annual_budget * 0.85)
    before = [i.budget for q in plan.roadmap.quarters for i in q.initiatives]
    after = [i.budget for q in gbp.roadmap.quarters for i in q.initiatives]
    assert after == pytest.approx([b * 0.85 for b in before])
    assert gbp.last_year.channels.channels[0].spend == pytest.approx(plan.last_year.channels.channels[0].spend * 0.85)
    assert gbp.last_year.crm.channels[0].revenue == pytest.approx(plan.last_year.crm.channels[0].revenue * 0.85)
    assert gbp.funnel.rates == plan.funnel.rates and gbp.goals.growth_rate == plan.goals.growth_rate
    assert gbp.currency_change.rate == 0.85
    assert gbp.currency_change.sentence() == "Amounts were converted from EUR to GBP on 01 Dec 2026 at 0.85 GBP per EUR."


def test_relabelling_keeps_every_number_and_says_it_did_not_convert():
    plan = full_plan()

    relabelled = relabel_currency(plan, "USD", WHEN)

    assert relabelled.currency == "USD" and relabelled.goals == plan.goals and relabelled.last_year == plan.last_year
    assert relabelled.currency_change.rate is None
    assert "relabelled from EUR to USD" in relabelled.currency_change.sentence()
    assert "not converted" in relabelled.currency_change.sentence()


def test_a_rate_of_zero_or_below_is_refused():
    with pytest.raises(ValueError, match="rate"):
        convert_currency(full_plan(), "GBP", 0, WHEN)
