"""Amount boxes and rate sliders: what a marketer types is read, a refusal is one sentence, and the box shows
the value the plan still uses."""

import json

import pytest

from planner import back_solve, format_count
from planner.rate_scale import LAST_POSITION, position_of
from tests.app.conftest import open_expander, shown
from tests.app.test_pages import EXAMPLE_RATES, metric, rate_box, rate_slider, slider_rate

STILL_USED = "The box shows the value the plan still uses."


def only_error(at) -> str:
    assert not at.exception
    assert len(at.error) == 1, [shown(e.value) for e in at.error]
    return shown(at.error[0].value)


def test_the_goals_money_boxes_show_separators(app):
    at = app("pages/goals.py")

    assert at.text_input(key="goals_revenue_target").value == "10,000,000"
    assert at.text_input(key="goals_deal_size").value == "1,100,000"
    assert at.text_input(key="goals_expansion").value == "0"


@pytest.mark.parametrize("typed", ["12,500,000", "12 500 000", "12.5M", "$12.5m"])
def test_a_goal_typed_with_separators_or_a_scale_is_the_goal(app, typed):
    at = app("pages/goals.py")

    at.text_input(key="goals_revenue_target").set_value(typed).run()

    assert not at.error
    assert metric(at, "Revenue goal") == "$12.5M"
    assert metric(at, "New customers needed") == "12"  # 12.5M / 1.1M = 11.4, rounded up
    assert at.text_input(key="goals_revenue_target").value == "12,500,000", "the box writes it out"


def test_words_in_an_amount_box_are_refused_in_one_sentence_and_the_box_shows_the_value_in_effect(app):
    at = app("pages/goals.py")

    at.text_input(key="goals_deal_size").set_value("abc").run()

    assert only_error(at) == (
        "Average first-year deal size (USD): enter an amount in figures, for example 12,500,000 or 12.5M. "
        f"{STILL_USED}"
    )
    assert at.text_input(key="goals_deal_size").value == "1,100,000"
    assert metric(at, "New customers needed") == "10"


def test_a_zero_deal_size_is_refused_with_the_fields_example_and_the_box_shows_the_value_in_effect(app):
    at = app("pages/goals.py")

    at.text_input(key="goals_deal_size").set_value("0").run()

    assert only_error(at) == (
        f"Average first-year deal size (USD): enter an amount above 0, for example 25,000. {STILL_USED}"
    )
    assert at.text_input(key="goals_deal_size").value == "1,100,000"
    assert metric(at, "New customers needed") == "10"


def test_the_message_goes_once_a_valid_amount_is_typed(app):
    at = app("pages/goals.py")
    at.text_input(key="goals_deal_size").set_value("0").run()

    at.text_input(key="goals_deal_size").set_value("2M").run()

    assert not at.error
    assert at.text_input(key="goals_deal_size").value == "2,000,000"
    assert metric(at, "New customers needed") == "5"


def test_a_refused_base_leaves_the_box_empty_and_says_why(app):
    at = app("pages/goals.py")
    at.radio(key="goals_target_mode").set_value("growth").run()

    at.text_input(key="goals_baseline").set_value("7,45").run()

    messages = [shown(e.value) for e in at.error]
    assert messages[-1] == (
        "Last year's new revenue (USD): write decimals with a point, for example 12.5 or 12.5M. "
        "The box is empty again, as the plan still has no value here."
    )
    assert len(messages) == 2 and "needs last year's new revenue" in messages[0], "the goal still asks for it"
    assert at.text_input(key="goals_baseline").value == ""

    at.text_input(key="goals_baseline").set_value("7.45M").run()

    assert not at.error
    assert metric(at, "Revenue goal") == "$8.2M"  # 7.45M grown 10%


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
    assert at.text_input(key="goals_baseline").value == ""


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


def test_a_rate_between_two_stops_reads_on_the_slider_as_the_chart_writes_it(app):
    at = app("pages/funnel.py")

    rate_box(at, "Leads → MQLs").set_value(24.85).run()

    slider = rate_slider(at, "Leads → MQLs")
    thumb = slider.proto.options[slider.value]
    assert thumb == "24.9%", "the rate in effect, not the nearest stop's 25%"
    funnel = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    assert any(f"({thumb})" in label for label in funnel["text"])
    assert slider.proto.options[slider.value + 1] == "26%", "the other stops keep their round numbers"


def test_a_refused_rate_says_what_to_enter_and_puts_the_box_and_slider_at_the_plans_rate(app):
    at = app("pages/funnel.py")

    rate_box(at, "MQLs → SQLs").set_value(0.0).run()

    assert only_error(at) == (
        f"MQLs → SQLs: enter a conversion rate above 0% and at most 100%, for example 20%. {STILL_USED}"
    )
    assert rate_box(at, "MQLs → SQLs").value == 20.0
    assert slider_rate(at, "MQLs → SQLs") == 0.20
    assert metric(at, "Website visits needed a month") == format_count(back_solve(10 / 12, EXAMPLE_RATES).top)


def test_the_cost_per_unit_takes_an_amount_with_a_scale_and_clears_when_emptied(app):
    at = open_expander(app("pages/funnel.py"), "funnel_cost_open")

    at.text_input(key="funnel_cost").set_value("$0.2k").run()

    assert at.text_input(key="funnel_cost").value == "200"
    assert metric(at, "Demand-gen budget a year") == "$250K"

    at.text_input(key="funnel_cost").set_value("").run()

    assert not at.error
    assert metric(at, "Demand-gen budget a year") == "—"


def test_an_unset_amount_refused_says_the_box_is_empty_again(app):
    at = open_expander(app("pages/funnel.py"), "funnel_cost_open")

    at.text_input(key="funnel_cost").set_value("200 per lead").run()

    assert only_error(at) == (
        "Cost per unit (USD): enter an amount in figures, for example 12,500,000 or 12.5M. "
        "The box is empty again, as the plan still has no value here."
    )
    assert at.text_input(key="funnel_cost").value == ""
