"""The channel budget's slides: planned against last year's spend and spend by month as native charts, the curves as a picture."""

from pathlib import Path

from planner.budget_plan import budget_view, set_total
from planner.export import build_deck
from planner.io.plan_file import read_plan_file
from tests.planner.export.decks import (
    TODAY,
    charts,
    open_deck,
    pictures,
    slide_by_title,
    slide_text,
    slide_title,
)

SAMPLE = Path(__file__).resolve().parents[3] / "sample_data" / "sample_company_plan.json"


def sample_with_budget():
    plan = read_plan_file(SAMPLE)
    return set_total(plan, budget_view(plan).total)


def test_a_plan_with_a_channel_budget_gets_its_slides_between_the_review_and_the_quarters(fake_pictures):
    plan = sample_with_budget()

    deck = open_deck(build_deck(plan, today=TODAY, render_picture=fake_pictures))

    titles = [slide_title(s) for s in deck.slides]
    budget = next(i for i, t in enumerate(titles) if "across the channels buys" in t)
    assert titles[budget + 1].startswith("The next customer costs")
    assert titles[budget + 2].startswith("Q1:")
    slide = deck.slides[budget]
    assert titles[budget].startswith("$995K across the channels buys 124 of the 124 new customers the goal needs")
    assert "Reaching the goal's 124 new customers takes at least $992K (between" in slide_text(slide)
    assert not charts(slide)[1].plots[0].has_data_labels, "a dozen stacked months keep their values to the axis"
    spend, months = charts(slide)
    assert [s.name for s in spend.plots[0].series] == ["Last year", "Planned"]
    assert "Trade shows & events" in list(spend.plots[0].categories)
    assert len(months.plots[0].series) >= 5, "one series per channel with spend"
    assert months.plots[0].categories[0] == "Sep 2025 ◂"
    assert len(pictures(deck.slides[budget + 1])) == 1


def test_a_plan_without_a_chosen_budget_has_no_budget_slides(fake_pictures):
    deck = open_deck(build_deck(read_plan_file(SAMPLE), today=TODAY, render_picture=fake_pictures))

    assert not any("across the channels buys" in slide_title(s) for s in deck.slides)
    assert slide_by_title(deck, "Q1:")
