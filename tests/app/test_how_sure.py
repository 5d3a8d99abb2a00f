"""The Funnel's "How sure are we?" tab: chances follow the rates, the traffic to be sure is stated."""

from planner.confidence import top_for_probability
from planner.funnel import DEFAULT_RATES
from planner.money import format_count
from planner.rate_scale import position_of
from tests.app.conftest import shown
from tests.app.test_pages import chart_titles, metric, open_tab, rate_slider


def test_how_sure_tab_shows_the_chance_and_the_traffic_to_be_80_percent_sure(app):
    at = open_tab(app("pages/funnel.py"), "How sure are we?")

    assert not at.exception and not at.error
    # Today's 6,000 visits a month against the 6,944 the plan needs: worse than a coin flip.
    chance = metric(at, "Chance of 10 customers")
    assert chance.endswith("%") and 20 <= int(chance[:-1]) <= 45
    expected = top_for_probability(DEFAULT_RATES, 10, 0.8, n=10_000)
    assert f"To be 80% sure, plan for {format_count(expected)} website visits a month" in shown(at.success[0].value)
    titles = chart_titles(at)
    assert any("chance of 10 customers by year end" in t for t in titles)
    assert any("goal from new customers" in t for t in titles)


def test_a_better_rate_raises_the_chance(app):
    at = open_tab(app("pages/funnel.py"), "How sure are we?")
    before = int(metric(at, "Chance of 10 customers")[:-1])

    rate_slider(at, "Website visits → Leads").set_value(position_of(0.02)).run()

    assert int(metric(at, "Chance of 10 customers")[:-1]) > before + 20


def test_rate_uncertainty_is_a_percent_input_bound_to_the_plan(app):
    at = open_tab(app("pages/funnel.py"), "How sure are we?")

    at.number_input(key="funnel_uncertainty").set_value(30.0).run()

    assert at.session_state["plan"].funnel.rate_uncertainty == 0.3
    lo, hi = (int(x) for x in metric(at, "Customers in 8 years of 10").split("–"))
    assert hi - lo >= 9
