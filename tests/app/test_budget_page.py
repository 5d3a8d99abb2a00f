"""The Budget page: what the goal costs, a slider that moves customers and CAC, and the budget put into the plan."""

from planner.amounts import format_amount
from planner.io.store import PlanStore
from tests.app.conftest import shown
from tests.app.test_pages import chart_titles, metric
from tests.app.test_roadmap_page import open_tab

PAGE = "pages/budget.py"


def open_sample_budget(app):
    at = app("pages/plans.py")
    at.button(key="plans_new_sample").click().run()
    at.switch_page(PAGE).run()
    assert not at.exception and not at.error
    return at


def saved(at):
    return PlanStore().get(at.query_params["plan"]).plan


def test_the_sample_opens_on_the_budget_the_goal_needs_with_its_range(app):
    at = open_sample_budget(app)

    needed = metric(at, "Budget needed")
    assert needed.startswith("$") and needed.endswith("K")
    said = at.info[0].value
    assert said.startswith("Reaching the goal's 124 new customers takes at least") and "(between" in said
    assert metric(at, "Customers it buys") == "124"
    assert any("planned across the channels" in t for t in chart_titles(at))


def test_moving_the_slider_moves_the_customers_and_the_cac(app):
    at = open_sample_budget(app)
    slider = at.slider[0]
    before = metric(at, "Customers it buys"), metric(at, "CAC")

    slider.set_value(slider.proto.max).run()

    after = metric(at, "Customers it buys"), metric(at, "CAC")
    assert not at.exception
    assert float(after[0]) > float(before[0])
    assert after[1] != before[1]
    tried = at.slider[0].value
    at.switch_page("pages/funnel.py").run()
    at.switch_page(PAGE).run()
    assert at.slider[0].value == tried, "the total tried is kept while switching pages"
    assert saved(at).budget.total is None, "a total tried is not written to the plan until it is used"


def test_using_the_budget_changes_the_roadmaps_budget_figures(app):
    at = open_sample_budget(app)
    at.switch_page("pages/roadmap.py").run()
    at = open_tab(at, "Budget")
    before = shown(" ".join(i.value for i in at.info))
    assert "this year's budget is $1.7M" in before

    at.switch_page(PAGE).run()
    total = at.slider[0].value
    at.button(key="budget_use").click().run()
    assert not at.exception
    assert "budget is" in shown(at.success[0].value)
    at.switch_page("pages/roadmap.py").run()
    at = open_tab(at, "Budget")

    after = shown(" ".join(i.value for i in at.info))
    plan = saved(at)
    assert plan.roadmap.annual_budget == round(total) and sum(plan.roadmap.allocations) == plan.roadmap.annual_budget
    assert plan.budget.total == total
    assert f"this year's budget is ${total / 1000:.0f}K" in after
    assert "The roadmap allocates" in after and "all of the" in after
    assert at.text_input(key="roadmap_annual_budget").value == format_amount(plan.roadmap.annual_budget)
    at.switch_page("pages/funnel.py").run()
    assert any("channel budget buys a month" in c.value for c in at.caption)


def test_every_tab_draws_its_chart(app):
    at = open_sample_budget(app)
    for tab, title in {
        "Response curves": "The next customer costs",
        "Month by month": "before the year starts",
        "Per channel": None,
    }.items():
        at.session_state["budget_tab"] = tab
        at.run()
        assert not at.exception
        if title:
            assert any(title in t for t in chart_titles(at)), (tab, chart_titles(at))
        else:
            assert at.dataframe


def test_without_a_channel_table_the_page_says_where_to_load_it(app):
    at = app(PAGE)

    assert not at.exception
    assert at.info[0].value.startswith("The budget splits last year's spend by channel")
