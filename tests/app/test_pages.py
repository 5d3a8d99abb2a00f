"""Every page renders the worked example, follows its inputs, and refuses bad input in one sentence."""

import json
import re

import pytest

from planner import back_solve, format_count, format_money, plan_targets
from planner.plan import example_plan
from planner.rate_scale import position_of, rate_at
from tests.app.conftest import ROOT, editors, open_expander, open_link, shown

EXAMPLE_RATES = [0.015, 0.20, 0.20, 0.40, 0.50]


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if shown(m.label) == label)


def rate_slider(at, label: str):
    """The rate slider of a transition; its value is a position on the track (`planner.rate_scale`)."""
    return next(s for s in at.select_slider if shown(s.label) == label)


def slider_rate(at, label: str) -> float:
    return rate_at(rate_slider(at, label).value)


def rate_box(at, label: str):
    return next(n for n in at.number_input if shown(n.label) == f"{label}, exact %")


def chart_titles(at) -> list[str]:
    """Chart titles as a reader sees them: line breaks and styling removed."""
    raw = [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")]
    return [" ".join(re.sub(r"<[^>]+>", " ", text).split()) for text in raw]


@pytest.mark.parametrize(
    "page", [None, "pages/goals.py", "pages/funnel.py"], ids=["overview", "goals", "funnel"]
)
def test_every_page_renders_with_the_frame(app, page):
    at = app(page)

    assert not at.exception
    assert not at.error
    links = [link.proto.label for link in at.sidebar.get("page_link")]
    assert links == [
        "Overview",
        "Plans",
        "Last-year review",
        "Goals",
        "Funnel",
        "Budget",
        "Quarterly roadmap",
        "ABM KPIs",
    ]
    assert at.sidebar.text_input(key="sidebar_name").value == "Worked example: inbound plan"
    assert at.get("plotly_chart") or page == "pages/review.py", "each page with data shows a chart"


def test_overview_shows_the_worked_example(app):
    at = app()

    assert metric(at, "Revenue goal") == "$10.0M"
    assert metric(at, "New customers needed") == "10"
    assert "9.09" in shown(at.info[0].value) and "$9,900,000" in shown(at.info[0].value)
    assert metric(at, "Website visits needed a month") == format_count(
        plan_targets(example_plan()).monthly.top
    )


def test_goals_page_follows_the_deal_size(app):
    at = app("pages/goals.py")

    at.text_input(key="goals_deal_size").set_value("2,000,000").run()

    assert metric(at, "New customers needed") == "5"
    assert metric(at, "Exact") == "5.00"


def test_goals_quarter_table_writes_customers_as_every_count_is_written(app):
    at = app("pages/goals.py")

    at.number_input(key="goals_referrals").set_value(16.0).run()

    quarters = at.dataframe[0].value
    # 9.09 customers a year, 16% from referrals: marketing sources 8 whole ones (2 a quarter), and
    # referrals bring 1.45 a year (0.364 a quarter, written 0.36).
    assert list(quarters["marketing_customers"]) == [2.0, 2.0, 2.0, 2.0]
    assert list(quarters["referral_customers"]) == [0.36, 0.36, 0.36, 0.36]


def test_a_growth_goal_without_last_year_asks_for_its_base_and_invents_none(app):
    at = app("pages/goals.py")

    at.radio(key="goals_target_mode").set_value("growth").run()
    assert "needs last year's new revenue" in shown(at.error[0].value)
    assert metric(at, "Revenue goal") == "$10.0M", "the typed goal stays until a base is given"
    assert at.text_input(key="goals_baseline").value == ""

    at.text_input(key="goals_baseline").set_value("4,000,000").run()

    assert not at.error
    assert metric(at, "Revenue goal") == "$4.4M"  # last year's $4.0M grown 10%
    assert metric(at, "New customers needed") == "4"


def test_a_growth_goal_is_based_on_the_last_year_the_plan_holds(app):
    at = app("pages/review.py")
    at.button(key="review_sample").click().run()
    at.switch_page("pages/goals.py").run()

    at.radio(key="goals_target_mode").set_value("growth").run()

    assert metric(at, "Revenue goal") == format_money(7_454_146.75 * 1.10)
    assert any("Based on last year's new revenue, $7.5M (channels_2025.csv)." in shown(c.value) for c in at.caption)
    assert metric(at, "Average first-year deal") == "$67.8K" and metric(at, "New customers") == "110"


def test_the_deal_size_far_from_last_year_is_questioned_and_last_years_is_one_click(app):
    at = app("pages/review.py")
    at.button(key="review_sample").click().run()
    at.switch_page("pages/goals.py").run()

    warning = next(shown(w.value) for w in at.warning if "average first-year deal" in shown(w.value))
    assert "($1.1M) is 16 times last year's actual ($67.8K from 110 new customers" in warning

    at.button(key="goals_use_last_deal").click().run()

    assert at.text_input(key="goals_deal_size").value == f"{7_454_146.75 / 110:,.2f}"
    assert not [w for w in at.warning if "average first-year deal" in shown(w.value)]


def test_negative_goal_shows_one_message_and_keeps_the_last_valid_plan(app):
    at = app("pages/goals.py")

    at.text_input(key="goals_revenue_target").set_value("-5").run()

    assert not at.exception
    assert len(at.error) == 1
    assert shown(at.error[0].value) == (
        "New revenue goal (USD): enter the amount without a minus sign: amounts in the plan are 0 or more. "
        "The box shows the value the plan still uses."
    )
    assert at.text_input(key="goals_revenue_target").value == "10,000,000"
    assert metric(at, "New customers needed") == "10"


def test_article_rounding_reproduces_the_brief_on_the_funnel_page(app):
    at = app("pages/goals.py")
    at.radio(key="goals_rounding").set_value("down").run()
    at.switch_page("pages/funnel.py").run()

    assert metric(at, "Customers a month") == "0.75"
    assert metric(at, "Website visits needed a month") == "6,250"


def test_moving_a_rate_slider_changes_the_required_visits_by_what_planner_says(app):
    at = app("pages/funnel.py")
    before = metric(at, "Website visits needed a month")

    rate_slider(at, "Website visits → Leads").set_value(position_of(0.02)).run()

    expected = back_solve(10 / 12, [0.02, *EXAMPLE_RATES[1:]]).top
    assert before == format_count(back_solve(10 / 12, EXAMPLE_RATES).top)
    assert metric(at, "Website visits needed a month") == format_count(expected)
    assert rate_box(at, "Website visits → Leads").value == 2.0
    funnel = next(
        json.loads(c.proto.spec)
        for c in at.get("plotly_chart")
        if "to win" in json.loads(c.proto.spec)["layout"]["title"]["text"]
    )
    assert funnel["data"][0]["customdata"][0] == pytest.approx(expected)


def test_exact_rate_box_moves_the_slider(app):
    at = app("pages/funnel.py")

    rate_box(at, "Leads → MQLs").set_value(25.0).run()

    assert slider_rate(at, "Leads → MQLs") == 0.25
    assert metric(at, "Website visits needed a month") == format_count(
        back_solve(10 / 12, [0.015, 0.25, 0.2, 0.4, 0.5]).top
    )


def test_zero_rate_is_refused_with_a_message_and_the_plan_is_kept(app):
    at = app("pages/funnel.py")

    rate_box(at, "MQLs → SQLs").set_value(0.0).run()

    assert not at.exception
    assert len(at.error) == 1
    assert "MQLs → SQLs" in shown(at.error[0].value) and "above 0%" in shown(at.error[0].value)
    assert metric(at, "Website visits needed a month") == format_count(back_solve(10 / 12, EXAMPLE_RATES).top)


def test_rate_is_kept_when_switching_pages_and_back(app):
    at = app("pages/funnel.py")
    rate_slider(at, "Website visits → Leads").set_value(position_of(0.03)).run()

    at.switch_page("pages/goals.py").run()
    at.switch_page("pages/funnel.py").run()

    assert slider_rate(at, "Website visits → Leads") == 0.03
    assert metric(at, "Website visits needed a month") == format_count(
        back_solve(10 / 12, [0.03, *EXAMPLE_RATES[1:]]).top
    )


def open_tab(at, label: str):
    at.session_state["funnel_tab"] = label
    return at.run()


def test_funnel_page_shows_gap_lever_schedule_and_budget(app):
    at = app("pages/funnel.py")

    assert metric(at, "Stages off track") == "6 of 6"
    assert any("Off track at 6 of 6" in t for t in chart_titles(at))
    open_tab(at, "Which lever moves the plan")
    assert any("moves the plan most" in t for t in chart_titles(at))
    assert "Website visits → Leads from 1.5%" in shown(at.success[0].value)
    open_tab(at, "Month by month")
    assert any("before the year" in t for t in chart_titles(at))
    assert not any("Off track" in t for t in chart_titles(at)), "only the open tab is drawn"

    open_expander(at, "funnel_cost_open").text_input(key="funnel_cost").set_value("200").run()

    assert metric(at, "Demand-gen budget a year") == "$250K"


def test_the_stage_table_and_the_cost_are_drawn_once_their_expanders_open(app):
    at = app("pages/funnel.py")
    # A closed expander's inputs are not sent to the browser, which would draw them hidden.
    assert not editors(at) and "funnel_cost" not in {box.key for box in at.text_input}

    open_expander(at, "funnel_stages_open")
    assert [row["name"] for row in editors(at)[0].value.to_dict("records")][-1] == "Customers"
    open_expander(at, "funnel_cost_open")
    assert at.text_input(key="funnel_cost").value == ""
    assert not at.exception


def test_forward_view_reads_the_brief_table(app):
    at = open_tab(app("pages/funnel.py"), "Forward view")

    titles = chart_titles(at)

    assert "6,000 website visits a month yield 0.72 customers" in titles[-1]


def test_a_new_currency_asks_first_then_relabels_every_amount_and_says_so(app):
    at = app("pages/goals.py")

    at.sidebar.selectbox(key="sidebar_currency").set_value("KRW").run()
    assert metric(at, "Revenue goal") == "$10.0M", "nothing changes until the user says convert or relabel"

    at.sidebar.button(key="sidebar_currency_relabel").click().run()

    assert metric(at, "Revenue goal") == "₩10.0M"
    assert "₩" in shown(at.info[0].value)
    assert any("relabelled from USD to KRW" in shown(c.value) and "not converted" in shown(c.value) for c in at.sidebar.caption)


def test_a_new_currency_converts_every_amount_at_the_rate_typed(app):
    at = app("pages/goals.py")

    at.sidebar.selectbox(key="sidebar_currency").set_value("EUR").run()
    at.sidebar.button(key="sidebar_currency_convert").click().run()
    assert "Enter how many EUR one USD buys" in shown(at.sidebar.error[0].value)

    at.sidebar.number_input(key="sidebar_currency_rate").set_value(0.9).run()
    at.sidebar.button(key="sidebar_currency_convert").click().run()

    assert metric(at, "Revenue goal") == "€9.0M"
    assert at.text_input(key="goals_deal_size").value == "990,000"
    assert any("converted from USD to EUR" in shown(c.value) and "0.9 EUR per USD" in shown(c.value) for c in at.sidebar.caption)


def test_goals_page_shows_the_rounding_the_plan_uses(app):
    at = app("pages/goals.py")

    at.radio(key="goals_rounding").set_value("down").run()

    assert metric(at, "New customers needed") == "9"
    at.switch_page("app.py").run()
    assert metric(at, "New customers needed") == "9"


def test_a_refused_value_is_released_once_another_change_is_valid(app):
    at = app("pages/goals.py")
    at.text_input(key="goals_expansion").set_value("9,000,000").run()
    at.text_input(key="goals_revenue_target").set_value("8,000,000").run()
    assert len(at.error) == 1

    at.text_input(key="goals_expansion").set_value("5,000,000").run()

    assert not at.error
    assert at.text_input(key="goals_revenue_target").value == "10,000,000"
    assert metric(at, "Revenue goal") == "$10.0M"


def test_a_percent_out_of_range_is_explained_in_percent(app):
    at = app("pages/goals.py")

    at.number_input(key="goals_referrals").set_value(100.0).run()

    assert "below 100%, not 100%" in shown(at.error[0].value)


def test_reset_asks_first_then_brings_back_the_worked_example(app):
    at = app("pages/goals.py")
    at.text_input(key="goals_deal_size").set_value("2,000,000").run()
    assert metric(at, "New customers needed") == "5"

    at.sidebar.button(key="sidebar_reset").click().run()

    assert metric(at, "New customers needed") == "10"
    assert at.text_input(key="goals_deal_size").value == "1,100,000"


def test_the_first_change_to_the_example_asks_for_a_name_and_keeps_the_change(app):
    from planner.io.store import PlanStore

    at = app("pages/goals.py")
    assert not [t for t in at.text_input if t.key == "name_prompt_value"], "nothing to name before a change"

    at.text_input(key="goals_deal_size").set_value("2,000,000").run()

    prompt = at.sidebar.text_input(key="name_prompt_value")  # beside the plan name, so the page does not jump
    assert prompt.value == "FY2027 marketing plan"
    prompt.set_value("FY2027 EMEA plan")
    at.button(key="name_prompt_save").click().run()

    saved = PlanStore().get(at.query_params["plan"]).plan
    assert saved.name == "FY2027 EMEA plan" and saved.goals.avg_deal_size == 2_000_000
    assert at.sidebar.text_input(key="sidebar_name").value == "FY2027 EMEA plan"
    assert not [t for t in at.text_input if t.key == "name_prompt_value"], "asked once"


def test_the_plan_vs_today_table_writes_volumes_as_the_app_does_and_its_file_keeps_them_exact(app):
    from planner.io.plan_file import read_plan_file
    from planner.io.store import PlanStore

    plan_id = PlanStore().create(read_plan_file(ROOT / "sample_data" / "sample_company_plan.json")).id
    at = open_link(plan_id, "pages/funnel.py")

    [table] = [t for t in at.dataframe if "required" in t.value.columns]
    assert all(v == round(v) for v in table.value["required"] if v >= 100), "no 85441.71 visits"
    assert any(v != round(v) for v in table.value["required"] if v < 100), "small volumes keep their fraction"
