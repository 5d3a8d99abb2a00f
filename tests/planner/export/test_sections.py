"""The plan's sections: the title slide's date, and last year's review slides from the file given or the plan."""

import re
from datetime import date

import pytest

from planner import example_plan, replace
from planner.export import build_deck
from planner.review import channel_summary
from tests.planner.export.decks import (
    TODAY,
    charts,
    last_year_plan,
    open_deck,
    slide_by_title,
    slide_text,
    slide_title,
    texts,
)


def test_review_slides_appear_only_when_last_year_is_given(fake_pictures, review):
    without = open_deck(build_deck(example_plan(), today=TODAY, render_picture=fake_pictures))

    with_review = open_deck(build_deck(example_plan(), review, today=TODAY, render_picture=fake_pictures))

    # Key numbers, share, CAC, ROI, verdicts, last year's funnel, right after the funnel targets.
    assert len(with_review.slides) == len(without.slides) + 6
    assert slide_title(with_review.slides[8]).startswith("Last year: 110 new customers")


def review_texts(deck) -> list[list[str]]:
    """The review slides' texts, without the footer's slide numbers."""
    return [
        [re.sub(r"  ·  \d+$", "", text) for text in slide]
        for slide, shape in zip(texts(deck), deck.slides, strict=True)
        if slide_title(shape).startswith("Last year")
    ]


def test_a_plan_holding_last_year_gets_the_same_review_slides_as_the_file(fake_pictures, review):
    from_file = open_deck(build_deck(example_plan(), review, today=TODAY, render_picture=fake_pictures))

    from_plan = open_deck(build_deck(last_year_plan("channels_2025.csv"), today=TODAY, render_picture=fake_pictures))

    # The plan holding last year is also checked against it (an extra slide, so later slide numbers move).
    assert review_texts(from_plan) == review_texts(from_file) != []
    cac = [c for s in from_plan.slides for c in charts(s) if "CAC" in slide_title(s)]
    assert cac and list(cac[0].plots[0].series[0].values) == list(
        next(c for s in from_file.slides for c in charts(s) if "CAC" in slide_title(s))
        .plots[0]
        .series[0]
        .values
    )


def test_a_review_given_overrides_the_one_the_plan_holds(fake_pictures, review):
    deck = open_deck(
        build_deck(last_year_plan("crm_contacts_2025.csv"), review, today=TODAY, render_picture=fake_pictures)
    )

    assert slide_title(slide_by_title(deck, "Last year:")).startswith(
        "Last year: 110 new customers from $1.4M of spend"
    )


def test_a_crm_review_in_the_plan_shows_what_a_crm_knows_instead_of_n_a(fake_pictures):
    plan = last_year_plan("crm_contacts_2025.csv")
    summary = channel_summary(plan.last_year.crm.cohort_table())
    customers = summary[summary["is_total"]]["customers"].iloc[0]

    deck = open_deck(build_deck(plan, today=TODAY, render_picture=fake_pictures))

    review = slide_by_title(deck, "Last year:")
    numbers = [shape.text_frame.text for shape in review.shapes if shape.has_text_frame]
    assert slide_title(review).startswith(f"Last year: {customers:,.0f} new customers and $")
    assert not any("n/a" in text for text in numbers)
    assert "From crm_contacts_2025.csv, 12 months; it has no spend" in " ".join(numbers)


@pytest.mark.parametrize("today", [date(2026, 11, 24), date(2031, 2, 3)], ids=str)
def test_the_title_slide_carries_the_day_the_caller_gives(fake_pictures, today):
    deck = open_deck(build_deck(example_plan(), today=today, render_picture=fake_pictures))

    subtitle = slide_text(deck.slides[0]).splitlines()[-1]
    assert subtitle == f"Marketing plan for fiscal year 2027 · amounts in USD · {today:%d %B %Y}"


def test_a_deck_whose_inputs_disagree_says_so_instead_of_an_on_track_slide(fake_pictures):
    plan = last_year_plan("channels_2025.csv")  # the worked example's $1.1M deals on last year's $68K
    plan = replace(plan, funnel=replace(plan.funnel, today=(74_761.5, 1345.75, 338.1, 70.8, 28.7, 9.2)))

    deck = open_deck(build_deck(plan, today=TODAY, render_picture=fake_pictures))

    titles = [slide_title(s) for s in deck.slides]
    assert "The plan's inputs disagree with last year" in titles
    assert not [t for t in titles if t.startswith(("On track", "Off track"))]
    said = " ".join(" ".join(t) for t in texts(deck))
    assert "16 times last year's actual" in said and "Use last year's figure" in said
