"""The Quarterly roadmap page: the example quarter, flags where they apply, reviews and their status."""

from planner.plan import set_quarter
from planner.roadmap import Initiative, SmartGoal
from tests.app.conftest import editors, open_link, shown
from tests.app.test_downloads_and_presenting import open_presenting
from tests.app.test_pages import chart_titles, metric

PAGE = "pages/roadmap.py"


def open_tab(at, label: str):
    at.session_state["roadmap_tab"] = label
    return at.run()


def open_quarter(at, number: int):
    at.radio(key="roadmap_quarter").set_value(number).run()
    return at


def warnings(at) -> str:
    return " ".join(shown(w.value) for w in at.warning)


def test_the_example_quarter_opens_with_its_dates_and_no_flags(app):
    at = open_quarter(app(PAGE), 1)

    assert not at.exception and not at.error
    assert metric(at, "Q1 runs") == "Jan – Mar"
    assert metric(at, "Mid-quarter check-in") == "14 Feb"
    assert metric(at, "Final review") == "17 Mar"
    assert metric(at, "Budget used") == "$23.0K"
    assert "over" not in warnings(at)
    assert at.multiselect(key="roadmap_q1_focus").value == ["Conversion-rate optimisation", "Lead nurturing"]


def test_every_tab_draws_its_chart(app):
    at = open_quarter(app(PAGE), 1)

    expected = {
        "Hypotheses": "If they hold: +0.23 customers",
        "Budget": "Every quarter within allocation: $78.0K of $100K planned",
        "Timeline": "Q1: 3 initiatives across 2 focus areas",
        "Reviews": "No actuals recorded for Q1's 3 goals yet",
    }
    for tab, title in expected.items():
        at = open_tab(at, tab)
        assert not at.exception
        assert any(title in t for t in chart_titles(at)), (tab, chart_titles(at))


def test_an_initiative_that_breaks_the_allocation_is_flagged_where_it_applies(app):
    at = open_quarter(app(PAGE), 2)
    big = Initiative(
        name="Sponsor the annual summit", focus_area="Website attraction", owner="CMO", budget=30_000
    )
    plan = at.session_state["plan"]
    at.session_state["plan"] = set_quarter(plan, 2, initiatives=(*plan.roadmap.quarter(2).initiatives, big))
    at.run()

    text = warnings(at)
    assert "'Sponsor the annual summit' costs $30,000, more than Q2's whole allocation of $25,000." in text
    assert "30% of the $100,000 annual budget (limit 25%)" in text
    assert "Q2's initiatives cost $45,000, $20,000 over its allocation of $25,000." in text
    open_quarter(at, 1)
    assert "Sponsor" not in warnings(at), "another quarter's initiative flags stay in that quarter"


def test_a_smaller_annual_budget_flags_every_quarter_over_its_share(app):
    at = open_tab(open_quarter(app(PAGE), 1), "Budget")

    at.text_input(key="roadmap_annual_budget").set_value("40,000").run()

    text = warnings(at)
    assert "Q1's initiatives cost $23,000, $13,000 over its allocation of $10,000." in text
    assert "The four quarters cost $78,000, $38,000 over the annual budget of $40,000." in text
    assert any("Q1, Q2, Q3, Q4 over allocation" in t for t in chart_titles(at))


def test_a_third_focus_area_is_flagged_as_over_committing(app):
    at = open_quarter(app(PAGE), 1)

    at.multiselect(key="roadmap_q1_focus").select("Event participation").run()

    assert "Q1 has 3 focus areas" in warnings(at)
    assert at.session_state["plan"].roadmap.quarter(1).focus_names[-1] == "Event participation"


def test_mid_quarter_actuals_show_each_goals_status(app):
    at = open_quarter(app(PAGE), 1)
    plan = at.session_state["plan"]
    goals = plan.roadmap.quarter(1).goals
    # The check-in line expects 44/89 of each goal's change by 14 Feb.
    reviewed = (
        goals[0].model_copy(update={"mid_actual": 1.65}),  # 60% of +0.25 pp: on track
        goals[1].model_copy(update={"mid_actual": 19.9}),  # 42% of the way: at risk
        goals[2].model_copy(update={"mid_actual": 1_210}),  # 6% of the way: off track
    )
    at.session_state["plan"] = set_quarter(plan, 1, goals=reviewed)
    at = open_tab(at, "Reviews")

    assert any("Q1 goals: 1 on track, 1 at risk, 1 off track" in t for t in chart_titles(at))


def test_a_goal_without_a_number_is_named_at_its_row_and_the_rest_is_kept(app):
    at = open_quarter(app(PAGE), 1)
    plan = at.session_state["plan"]
    draft = SmartGoal(metric="Demo requests", kpi="SQLs", owner="Sales")
    at.session_state["plan"] = set_quarter(plan, 1, goals=(*plan.roadmap.quarter(1).goals, draft))
    at = open_tab(at, "SMART goals")

    (warning,) = [shown(w.value) for w in at.warning if "Row 4" in shown(w.value)]
    assert "Measurable: give it a number" in warning
    assert len(at.success) == 3, "the three complete goals stay SMART"


def test_the_roadmap_is_in_the_navigation_and_kept_across_pages(app):
    at = open_quarter(app(PAGE), 1)
    at.multiselect(key="roadmap_q1_focus").unselect("Lead nurturing").run()

    at.switch_page("pages/goals.py").run()
    at.switch_page(PAGE).run()

    assert at.multiselect(key="roadmap_q1_focus").value == ["Conversion-rate optimisation"]
    assert "Quarterly roadmap" in [link.proto.label for link in at.sidebar.get("page_link")]


def test_a_new_fiscal_year_start_moves_the_quarters_and_their_initiatives(app):
    at = open_quarter(app(PAGE), 1)

    at.sidebar.selectbox(key="sidebar_start_month").set_value(4).run()

    assert metric(at, "Q1 runs") == "Apr – Jun"
    assert metric(at, "Final review") == "16 Jun"
    assert not [shown(i.value) for i in at.info if "outside the quarter" in shown(i.value)]
    first = at.session_state["plan"].roadmap.quarter(1).initiatives[0]
    assert first.start.isoformat() == "2027-04-01"


def test_presenting_shows_the_quarter_without_editing_widgets():
    at = open_presenting(PAGE)
    at.radio(key="roadmap_quarter").set_value(1).run()

    for kind in ("number_input", "text_input", "text_area", "multiselect", "file_uploader"):
        assert not at.get(kind), f"{kind} shown while presenting"
    assert not editors(at), "a table editor shown while presenting"
    assert not at.get("download_button")
    titles = chart_titles(at)
    assert any("Q1: 3 initiatives across 2 focus areas" in t for t in titles)
    assert any("Every quarter within allocation" in t for t in titles)
    assert any("Raise MQLs from 18 to 22.5" in shown(m.value) for m in at.markdown)
    assert at.dataframe[0].value["Initiative"].tolist()[0].startswith("Move the main call-to-action")


def test_the_quarters_tables_download_without_formulas(app):
    at = open_quarter(app(PAGE), 1)

    keys = [b.key for b in at.get("download_button")]

    assert "table_q1-initiatives_csv" in keys and "table_q1-initiatives_xlsx" in keys


def test_a_roadmap_change_is_saved_and_its_link_brings_it_back(app):
    at = open_quarter(app(PAGE), 1)

    at.multiselect(key="roadmap_q1_focus").select("Event participation").run()
    plan_id = at.query_params["plan"]

    again = open_link(plan_id, PAGE)
    again.radio(key="roadmap_quarter").set_value(1).run()

    assert again.multiselect(key="roadmap_q1_focus").value[-1] == "Event participation"
    assert "Q1 has 3 focus areas" in warnings(again)


def test_the_hypotheses_table_writes_its_rates_in_percent_as_the_app_writes_rates(app):
    at = open_tab(open_quarter(app(PAGE), 1), "Hypotheses")

    table = at.dataframe[0].value
    rates = table[["from_rate", "to_rate"]]
    # The example's rates are a few percent: shown as 1.5, not 0.015, and rounded as the app writes them.
    assert (rates > 0.5).all().all() and (rates <= 100).all().all()
    assert (rates == rates.round(2)).all().all()


def test_a_quarter_without_hypotheses_says_what_to_add_instead_of_drawing_bare_axes(app):
    # The worked example plans hypotheses for Q1 only.
    at = open_tab(open_quarter(app(PAGE), 4), "Hypotheses")

    assert any("No hypothesis to weigh yet" in i.value for i in at.info)
    assert not [t for t in chart_titles(at) if "hypothes" in t.lower()]
