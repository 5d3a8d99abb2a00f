"""The deck: one slide per point, native charts carrying planner's numbers, pictures where PowerPoint cannot draw."""

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu

from planner import example_plan, gap_to_today, plan_targets, sensitivity
from planner import images as images_module
from planner.charts import funnel_chart, revenue_bridge_chart
from planner.export import DEFAULT_SECTIONS, ReviewData, build_deck
from planner.images import INSTALL_HINT
from planner.io import read_channel_table, read_crm_export
from planner.plan import replace
from planner.review import channel_summary, last_year_from_channels, last_year_from_crm

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "channels_2025.csv"


@pytest.fixture(scope="module")
def review():
    return ReviewData(channel_summary(read_channel_table(SAMPLE)), 12, SAMPLE.name)


def open_deck(data: bytes):
    return Presentation(io.BytesIO(data))


def slide_title(slide) -> str:
    return slide.shapes.title.text_frame.text


def slide_by_title(deck, start: str):
    return next(s for s in deck.slides if slide_title(s).startswith(start))


def charts(slide):
    return [shape.chart for shape in slide.shapes if shape.has_chart]


def pictures(slide):
    return [shape for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]


def chart_title(fig) -> str:
    return fig.layout.meta["title"]


def test_the_deck_is_16_9_with_title_goals_and_funnel_slides(fake_pictures):
    plan = example_plan()
    targets = plan_targets(plan)

    deck = open_deck(build_deck(plan, render_picture=fake_pictures))

    assert (deck.slide_width, deck.slide_height) == (Emu(12192000), Emu(6858000))
    titles = [slide_title(s) for s in deck.slides]
    assert titles[0] == plan.name
    assert chart_title(revenue_bridge_chart(targets.goal)) in titles
    assert chart_title(funnel_chart(targets.monthly)) in titles
    # Title, key numbers, bridge, customers per month, funnel, plan vs today, lever, month by month.
    assert len(titles) == 8


def test_review_slides_appear_only_when_last_year_is_given(fake_pictures, review):
    without = open_deck(build_deck(example_plan(), render_picture=fake_pictures))

    with_review = open_deck(build_deck(example_plan(), review, render_picture=fake_pictures))

    # Key numbers, share, CAC, ROI, verdicts, last year's funnel.
    assert len(with_review.slides) == len(without.slides) + 6
    assert slide_title(with_review.slides[1]).startswith("Last year: 110 new customers")


def test_bar_and_column_charts_are_native_and_carry_planners_numbers(fake_pictures):
    plan = example_plan()
    targets = plan_targets(plan)
    goal = targets.goal

    deck = open_deck(build_deck(plan, render_picture=fake_pictures))

    per_month = goal.per_month(plan.fiscal_year)
    (customers,) = charts(slide_by_title(deck, f"{goal.planned_customers:.0f} new customers:"))
    assert customers.chart_type == XL_CHART_TYPE.COLUMN_STACKED
    assert list(customers.plots[0].categories) == list(per_month["month"])
    assert customers.series[0].values == pytest.approx(list(per_month["marketing_customers"]))

    (gap,) = charts(slide_by_title(deck, "Off track at"))
    assert gap.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    expected = gap_to_today(targets.monthly, plan.funnel.today)
    series = {s.name: s.values for s in gap.series}
    assert series["Required"] == pytest.approx(list(expected["required"]))
    assert series["Today"] == pytest.approx(list(expected["today"]))

    ranked = sensitivity(targets.monthly.bottom, plan.funnel.rates, top_today=6000, mode="points")
    (lever,) = charts(slide_by_title(deck, f"{ranked['transition'][0]} moves the plan most"))
    assert lever.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    improves = dict(zip(lever.plots[0].categories, lever.series[0].values, strict=True))
    assert improves == pytest.approx(
        dict(zip(ranked["transition"], ranked["required_top_change_up"], strict=True))
    )


def test_review_charts_are_native_with_last_years_numbers(fake_pictures, review):
    deck = open_deck(build_deck(example_plan(), review, render_picture=fake_pictures))

    (cac,) = charts(slide_by_title(deck, "CAC runs from"))
    assert cac.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    channels = review.summary[~review.summary["is_total"]].dropna(subset=["cac"]).sort_values("cac")
    assert dict(zip(cac.plots[0].categories, cac.series[0].values, strict=True)) == pytest.approx(
        dict(zip(channels["channel"], channels["cac"], strict=True))
    )
    share = charts(slide_by_title(deck, "Blog / SEO won"))[0]
    assert {s.name for s in share.series} == {"Share of spend", "Share of customers"}


def test_funnel_bridge_and_heatmap_are_pictures_not_charts(fake_pictures):
    plan = example_plan()
    targets = plan_targets(plan)

    deck = open_deck(build_deck(plan, render_picture=fake_pictures))

    drawn = {chart_title(fig) for fig, _, _ in fake_pictures.drawn}
    for fig_title in (
        chart_title(funnel_chart(targets.monthly)),
        chart_title(revenue_bridge_chart(targets.goal)),
    ):
        slide = slide_by_title(deck, fig_title)
        assert pictures(slide) and not charts(slide)
        assert fig_title in drawn
    schedule = [s for s in deck.slides if slide_title(s).startswith("The pipeline must start")]
    assert schedule and pictures(schedule[0])
    assert all(fig.layout.title.text is None for fig, _, _ in fake_pictures.drawn), (
        "the slide holds the title"
    )


def test_every_shape_sits_inside_the_slide_and_titles_fit_two_lines(fake_pictures, review):
    plan = replace(example_plan(), name="A plan with a rather long name for the quarterly leadership review")

    deck = open_deck(build_deck(plan, review, render_picture=fake_pictures))

    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, f"slide {number}: {shape.name} starts off the slide"
            assert shape.left + shape.width <= deck.slide_width, f"slide {number}: {shape.name} too wide"
            assert shape.top + shape.height <= deck.slide_height, f"slide {number}: {shape.name} too low"
        title = slide.shapes.title
        size = title.text_frame.paragraphs[0].runs[0].font.size.pt
        # An average character is about half the font size wide; the title box allows two lines.
        chars_per_line = title.width / 12700 / (size * 0.55)
        assert len(title.text_frame.text) <= 2 * chars_per_line, f"slide {number}'s title overflows"


def test_without_chromium_picture_charts_become_a_note_and_the_deck_still_builds(monkeypatch):
    monkeypatch.setattr(images_module, "chromium_path", lambda: None)
    monkeypatch.setattr(images_module, "_started", False)
    missing = []

    deck = open_deck(build_deck(example_plan(), missing_pictures=missing))

    assert len(missing) == 3  # bridge, funnel, month by month
    texts = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
    assert texts.count(INSTALL_HINT) == 3
    assert charts(slide_by_title(deck, "Off track at")), "native charts need no browser"


def test_a_section_can_be_added_after_merging(fake_pictures):
    def roadmap_section(deck, inputs):
        deck.numbers_slide(f"{inputs.plan.fiscal_year} roadmap", [("Focus areas", "2")])

    deck = open_deck(
        build_deck(
            example_plan(), sections=(*DEFAULT_SECTIONS, roadmap_section), render_picture=fake_pictures
        )
    )

    assert slide_title(deck.slides[-1]) == "2027 roadmap"


def test_real_pictures_are_high_resolution(chromium):
    deck = open_deck(build_deck(example_plan()))

    picture = pictures(slide_by_title(deck, chart_title(funnel_chart(plan_targets(example_plan()).monthly))))[
        0
    ]
    width_px, _ = picture.image.size
    assert width_px / (picture.width / 914400) >= 140, "at least 140 pixels per inch on the slide"


def last_year_plan(file_name: str):
    path, now = SAMPLE.parent / file_name, datetime(2026, 11, 24, tzinfo=UTC)
    if file_name.startswith("crm"):
        return replace(example_plan(), last_year=last_year_from_crm(read_crm_export(path), file_name, now))
    return replace(
        example_plan(), last_year=last_year_from_channels(read_channel_table(path), file_name, now)
    )


def texts(deck) -> list[list[str]]:
    return [[shape.text_frame.text for shape in s.shapes if shape.has_text_frame] for s in deck.slides]


def chart_values(deck) -> list[list[tuple]]:
    return [[tuple(s.values) for s in c.plots[0].series] for slide in deck.slides for c in charts(slide)]


def test_a_plan_holding_last_year_gets_the_same_review_slides_as_the_file(fake_pictures, review):
    from_file = open_deck(build_deck(example_plan(), review, render_picture=fake_pictures))

    from_plan = open_deck(build_deck(last_year_plan("channels_2025.csv"), render_picture=fake_pictures))

    assert texts(from_plan) == texts(from_file)
    cac = [c for s in from_plan.slides for c in charts(s) if "CAC" in slide_title(s)]
    assert cac and list(cac[0].plots[0].series[0].values) == list(
        next(c for s in from_file.slides for c in charts(s) if "CAC" in slide_title(s))
        .plots[0]
        .series[0]
        .values
    )


def test_a_review_given_overrides_the_one_the_plan_holds(fake_pictures, review):
    deck = open_deck(
        build_deck(last_year_plan("crm_contacts_2025.csv"), review, render_picture=fake_pictures)
    )

    assert slide_title(deck.slides[1]).startswith("Last year: 110 new customers from $1.4M of spend")


def test_a_crm_review_in_the_plan_shows_what_a_crm_knows_instead_of_n_a(fake_pictures):
    plan = last_year_plan("crm_contacts_2025.csv")
    summary = channel_summary(plan.last_year.channel_table())
    customers = summary[summary["is_total"]]["customers"].iloc[0]

    deck = open_deck(build_deck(plan, render_picture=fake_pictures))

    numbers = texts(deck)[1]
    assert slide_title(deck.slides[1]).startswith(f"Last year: {customers:,.0f} new customers and $")
    assert not any("n/a" in text for text in numbers)
    assert "From crm_contacts_2025.csv, 12 months; it has no spend" in " ".join(numbers)
