"""Building the deck: 16:9, the sections in the issue's order, and a section added without touching the others."""

from pptx.util import Emu

from planner import example_plan, plan_targets
from planner.charts import funnel_chart, revenue_bridge_chart
from planner.export import DEFAULT_SECTIONS, build_deck
from tests.planner.export.decks import (
    TODAY,
    chart_title,
    open_deck,
    slide_title,
)


def test_the_deck_is_16_9_with_title_goals_funnel_and_roadmap_slides(fake_pictures):
    plan = example_plan()
    targets = plan_targets(plan)

    deck = open_deck(build_deck(plan, today=TODAY, render_picture=fake_pictures))

    assert (deck.slide_width, deck.slide_height) == (Emu(12192000), Emu(6858000))
    titles = [slide_title(s) for s in deck.slides]
    assert titles[0] == plan.name
    assert chart_title(revenue_bridge_chart(targets.goal)) in titles
    assert chart_title(funnel_chart(targets.monthly)) in titles
    # Title, key numbers, bridge, customers per month, funnel, plan vs today, lever, month by month,
    # then the four quarters and the year's budget.
    assert len(titles) == 8 + 5
    assert [t[:3] for t in titles[8:12]] == ["Q1:", "Q2:", "Q3:", "Q4:"]


def test_sections_follow_the_issues_order(fake_pictures, review, abm):
    deck = open_deck(build_deck(example_plan(), review, abm=abm, today=TODAY, render_picture=fake_pictures))

    titles = [slide_title(s) for s in deck.slides]
    first = {
        "goals": titles.index(next(t for t in titles if "of new revenue needs" in t)),
        "funnel": titles.index(chart_title(funnel_chart(plan_targets(example_plan()).monthly))),
        "review": titles.index(next(t for t in titles if t.startswith("Last year:"))),
        "roadmap": titles.index(next(t for t in titles if t.startswith("Q1:"))),
        "abm": titles.index(next(t for t in titles if t.startswith("ABM:"))),
    }
    assert titles[0] == example_plan().name
    assert sorted(first, key=first.get) == ["goals", "funnel", "review", "roadmap", "abm"]


def test_a_section_can_be_added_after_merging(fake_pictures):
    def roadmap_section(deck, inputs):
        deck.numbers_slide(f"{inputs.plan.fiscal_year} roadmap", [("Focus areas", "2")])

    deck = open_deck(
        build_deck(
            example_plan(), sections=(*DEFAULT_SECTIONS, roadmap_section), today=TODAY, render_picture=fake_pictures
        )
    )

    assert slide_title(deck.slides[-1]) == "2027 roadmap"
