"""The roadmap's section: a slide per quarter and one for the budget, with flags where they apply."""

from planner import example_plan
from planner.export import build_deck
from planner.fiscal import quarter_dates
from planner.plan import replace, set_quarter, set_roadmap
from planner.roadmap import Initiative, budget_flags, goal_sentence, review_dates
from tests.planner.export.decks import (
    TODAY,
    WITHOUT_ROADMAP_OR_ABM,
    chart_title,
    charts,
    open_deck,
    pictures,
    slide_by_title,
    slide_text,
    slide_title,
    table_rows,
)


def test_the_roadmap_adds_a_slide_per_quarter_and_one_for_the_budget(fake_pictures):
    without = open_deck(
        build_deck(example_plan(), sections=WITHOUT_ROADMAP_OR_ABM, today=TODAY, render_picture=fake_pictures)
    )

    deck = open_deck(build_deck(example_plan(), today=TODAY, render_picture=fake_pictures))

    assert len(deck.slides) == len(without.slides) + 5


def test_a_quarter_slide_has_its_initiatives_goal_sentences_review_dates_and_timeline(fake_pictures):
    plan = example_plan()
    quarter = plan.roadmap.quarter(1)

    deck = open_deck(build_deck(plan, today=TODAY, render_picture=fake_pictures))

    slide = slide_by_title(deck, "Q1:")
    assert "Conversion-rate optimisation and Lead nurturing" in slide_title(slide)
    text = slide_text(slide)
    for goal in quarter.goals:
        assert goal_sentence(goal, plan.funnel.funnel()) in text
    reviews = review_dates(plan.fiscal_year, 1)
    assert (
        f"check-in {reviews.mid_quarter:%d %b %Y}" in text
        and f"final review {reviews.final:%d %b %Y}" in text
    )
    rows = table_rows(slide)
    assert rows[0] == ["Initiative", "Focus area", "Owner", "Dates", "Budget"]
    assert [r[0] for r in rows[1:]] == [i.name for i in quarter.initiatives]
    assert rows[1][2:] == ["Web lead", "01 Jan – 15 Feb", "$12,000"]
    assert pictures(slide), "the timeline is a picture"
    assert any(chart_title(fig).startswith("Q1: 3 initiatives") for fig, _, _ in fake_pictures.drawn)


def test_an_empty_quarter_says_so_and_keeps_its_review_dates(fake_pictures):
    plan = set_quarter(example_plan(), 3, focus_areas=(), initiatives=(), goals=())

    deck = open_deck(build_deck(plan, today=TODAY, render_picture=fake_pictures))

    slide = slide_by_title(deck, "Q3:")
    assert slide_title(slide) == "Q3: No initiatives planned yet"
    assert "No initiatives planned yet" in slide_text(slide)
    assert f"{review_dates(plan.fiscal_year, 3).final:%d %b %Y}" in slide_text(slide)
    assert not pictures(slide) and len(deck.slides) == 13


def test_budget_and_focus_flags_show_in_plain_words_where_they_apply(fake_pictures):
    plan = example_plan()
    big = Initiative(name="Sponsor the national conference", focus_area="Event participation", budget=60_000)
    first, last = quarter_dates(plan.fiscal_year, 3)
    big = big.model_copy(update={"start": first, "due": last})
    plan = set_quarter(plan, 3, initiatives=(*plan.roadmap.quarter(3).initiatives, big))
    plan = set_quarter(
        plan,
        2,
        focus_areas=[{"name": n} for n in ("Website attraction", "Lead nurturing", "Event participation")],
    )
    flags = budget_flags(plan.roadmap, plan.currency)

    deck = open_deck(build_deck(plan, today=TODAY, render_picture=fake_pictures))

    q3 = slide_text(slide_by_title(deck, "Q3:"))
    for flag in (f for f in flags if f.quarter == 3):
        assert flag.message in q3
    assert "over-commits a 90-day plan" in slide_text(slide_by_title(deck, "Q2:"))
    year = [f.message for f in flags if f.quarter == 0]
    assert year and all(m in slide_text(slide_by_title(deck, "Q3 over allocation")) for m in year)


def test_a_roadmap_without_a_budget_still_builds(fake_pictures):
    plan = set_roadmap(example_plan(), replace(example_plan().roadmap, annual_budget=None))

    deck = open_deck(build_deck(plan, today=TODAY, render_picture=fake_pictures))

    (chart,) = charts(slide_by_title(deck, "Initiatives cost $78.0K"))
    assert len(chart.plots) == 1, "no allocation line without a budget"
    assert "allocation" not in slide_title(slide_by_title(deck, "Q1:"))
