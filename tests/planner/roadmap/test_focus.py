"""Focus areas: suggestions follow the funnel's sensitivity; picking keeps carry-over marks."""

from planner.funnel import Funnel
from planner.roadmap import (
    FocusArea,
    choose_focus,
    mark_carry_over,
    suggest_focus,
)
from tests.planner.roadmap.goals import FUNNEL


def test_focus_suggestions_follow_the_funnels_sensitivity():
    ideas = suggest_focus(FUNNEL, 0.75, top_today=6000)

    assert ideas["focus_area"].iloc[0] == "Website attraction", "6,000 visits fall short of 6,250"
    assert ideas["focus_area"].iloc[1] == "Conversion-rate optimisation", "+1 pp on 1.5% moves the plan most"
    assert "250 short of the 6,250 needed" in ideas["reason"].iloc[0]
    assert list(ideas["rank"]) == list(range(1, 7))


def test_focus_areas_follow_the_stage_a_rate_leads_to_not_its_position():
    renamed = Funnel.build(
        [0.3, 0.015, 0.2, 0.2, 0.4, 0.5], ["Sessions", "Engaged", "Leads", "MQLs", "SQLs", "Opps", "Won"]
    )

    ideas = suggest_focus(renamed, 0.75).set_index("transition")["focus_area"]

    assert ideas["Engaged → Leads"] == "Conversion-rate optimisation"
    assert ideas["Leads → MQLs"] == "Lead nurturing"
    assert ideas["MQLs → SQLs"] == "Lead qualification"
    assert ideas["SQLs → Opps"].startswith("Sales follow-up")


def test_no_website_attraction_suggestion_when_traffic_is_enough():
    assert "Website attraction" not in suggest_focus(FUNNEL, 0.75, top_today=7000)["focus_area"].tolist()


def test_picking_focus_areas_keeps_carry_over_marks_and_trims_typed_names():
    areas = (FocusArea(name="Lead nurturing", carry_over=True), FocusArea(name="Events"))

    picked = choose_focus(areas, ["Lead nurturing", "  Partner webinars ", "Partner webinars", ""])

    assert picked == (FocusArea(name="Lead nurturing", carry_over=True), FocusArea(name="Partner webinars"))
    assert [a.carry_over for a in mark_carry_over(picked, ["Partner webinars"])] == [False, True]
