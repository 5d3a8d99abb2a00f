"""Rate sliders and refusals: the track shows real rates, small moves are small, and a refused value is put
back to the one the plan still uses, saying so in one sentence."""

import pytest

from planner import back_solve, format_count
from planner.rate_scale import LAST_POSITION, position_of
from tests.app.conftest import shown
from tests.app.test_pages import EXAMPLE_RATES, metric, rate_box, rate_slider, slider_rate

STILL_USED = "The box shows the value the plan still uses."


def only_error(at) -> str:
    assert not at.exception
    assert len(at.error) == 1, [shown(e.value) for e in at.error]
    return shown(at.error[0].value)


def test_the_rate_slider_labels_its_stops_with_real_rates_and_starts_well_inside_its_track(app):
    at = app("pages/funnel.py")

    slider = rate_slider(at, "Website visits → Leads")

    assert slider.options[0] == "0.1%" and slider.options[-1] == "100%"
    assert slider.options[slider.value] == "1.5%"
    assert slider.value / LAST_POSITION > 0.10, "1.5% is not squeezed into the start of the track"
    assert slider_rate(at, "Leads → MQLs") == 0.20


def test_a_small_slider_move_is_a_small_rate_change(app):
    at = app("pages/funnel.py")

    rate_slider(at, "Website visits → Leads").set_value(position_of(0.015) + 1).run()

    assert rate_box(at, "Website visits → Leads").value == pytest.approx(1.6)
    assert metric(at, "Website visits needed a month") == format_count(
        back_solve(10 / 12, [0.016, *EXAMPLE_RATES[1:]]).top
    )


def test_typing_an_exact_rate_sets_exactly_that_rate(app):
    at = app("pages/funnel.py")

    rate_box(at, "Website visits → Leads").set_value(1.55).run()

    assert rate_box(at, "Website visits → Leads").value == 1.55
    assert metric(at, "Website visits needed a month") == format_count(
        back_solve(10 / 12, [0.0155, *EXAMPLE_RATES[1:]]).top
    )
    assert slider_rate(at, "Website visits → Leads") in (0.015, 0.016), "the slider goes to the nearest stop"


def test_a_refused_percent_puts_the_box_back(app):
    at = app("pages/goals.py")

    at.number_input(key="goals_referrals").set_value(100.0).run()

    assert only_error(at) == (
        "New customers that come through referrals (%): enter a percentage of at least 0% and below 100%, "
        f"not 100%. {STILL_USED}"
    )
    assert at.number_input(key="goals_referrals").value == 0.0


def test_a_growth_goal_without_its_base_keeps_growth_chosen_to_show_the_box_that_supplies_it(app):
    at = app("pages/goals.py")

    at.radio(key="goals_target_mode").set_value("growth").run()

    assert only_error(at).endswith("The plan keeps its last valid value.")
    assert at.radio(key="goals_target_mode").value == "growth"
    assert at.number_input(key="goals_baseline").value is None


def test_a_refused_rate_says_what_to_enter_and_puts_the_box_and_slider_at_the_plans_rate(app):
    at = app("pages/funnel.py")

    rate_box(at, "MQLs → SQLs").set_value(0.0).run()

    assert only_error(at) == (
        f"MQLs → SQLs: enter a conversion rate above 0% and at most 100%, for example 20%. {STILL_USED}"
    )
    assert rate_box(at, "MQLs → SQLs").value == 20.0
    assert slider_rate(at, "MQLs → SQLs") == 0.20
    assert metric(at, "Website visits needed a month") == format_count(back_solve(10 / 12, EXAMPLE_RATES).top)
