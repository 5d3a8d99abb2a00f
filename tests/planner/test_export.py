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
from planner.abm import AbmSettings
from planner.abm.charts import engagement_heatmap
from planner.charts import funnel_chart, revenue_bridge_chart
from planner.export import DEFAULT_SECTIONS, AbmData, ReviewData, abm_section, build_deck, roadmap_section
from planner.fiscal import quarter_dates
from planner.io import images as images_module
from planner.io import (
    read_account_activity,
    read_channel_table,
    read_crm_export,
    read_cta_events,
    read_nps_responses,
)
from planner.io.images import INSTALL_HINT
from planner.plan import replace, set_quarter, set_roadmap
from planner.review import channel_summary, last_year_from_channels, last_year_from_crm
from planner.roadmap import Initiative, budget_flags, budget_table, goal_sentence, review_dates

SAMPLES = Path(__file__).resolve().parents[2] / "sample_data"
SAMPLE = SAMPLES / "channels_2025.csv"
WITHOUT_ROADMAP_OR_ABM = tuple(s for s in DEFAULT_SECTIONS if s not in (roadmap_section, abm_section))


@pytest.fixture(scope="module")
def review():
    return ReviewData(channel_summary(read_channel_table(SAMPLE)), 12, SAMPLE.name)


@pytest.fixture(scope="module")
def abm():
    return AbmData(
        read_account_activity(SAMPLES / "abm_accounts_2025.csv"),
        read_cta_events(SAMPLES / "abm_cta_events_2025.csv"),
        read_nps_responses(SAMPLES / "abm_nps_2025.csv"),
        "abm_accounts_2025.csv",
    )


def slide_text(slide) -> str:
    return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def table_rows(slide) -> list[list[str]]:
    (table,) = [shape.table for shape in slide.shapes if shape.has_table]
    return [[cell.text for cell in row.cells] for row in table.rows]


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


def test_the_deck_is_16_9_with_title_goals_funnel_and_roadmap_slides(fake_pictures):
    plan = example_plan()
    targets = plan_targets(plan)

    deck = open_deck(build_deck(plan, render_picture=fake_pictures))

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
    deck = open_deck(build_deck(example_plan(), review, abm=abm, render_picture=fake_pictures))

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


def test_review_slides_appear_only_when_last_year_is_given(fake_pictures, review):
    without = open_deck(build_deck(example_plan(), render_picture=fake_pictures))

    with_review = open_deck(build_deck(example_plan(), review, render_picture=fake_pictures))

    # Key numbers, share, CAC, ROI, verdicts, last year's funnel, right after the funnel targets.
    assert len(with_review.slides) == len(without.slides) + 6
    assert slide_title(with_review.slides[8]).startswith("Last year: 110 new customers")


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


def test_every_shape_sits_inside_the_slide_and_titles_fit_two_lines(fake_pictures, review, abm):
    plan = replace(example_plan(), name="A plan with a rather long name for the quarterly leadership review")

    deck = open_deck(build_deck(plan, review, abm=abm, render_picture=fake_pictures))

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

    assert len(missing) == 7  # bridge, funnel, month by month, four quarters' timelines
    texts = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
    assert texts.count(INSTALL_HINT) == 7
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


# The quarterly roadmap


def test_the_roadmap_adds_a_slide_per_quarter_and_one_for_the_budget(fake_pictures):
    without = open_deck(
        build_deck(example_plan(), sections=WITHOUT_ROADMAP_OR_ABM, render_picture=fake_pictures)
    )

    deck = open_deck(build_deck(example_plan(), render_picture=fake_pictures))

    assert len(deck.slides) == len(without.slides) + 5


def test_a_quarter_slide_has_its_initiatives_goal_sentences_review_dates_and_timeline(fake_pictures):
    plan = example_plan()
    quarter = plan.roadmap.quarter(1)

    deck = open_deck(build_deck(plan, render_picture=fake_pictures))

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

    deck = open_deck(build_deck(plan, render_picture=fake_pictures))

    slide = slide_by_title(deck, "Q3:")
    assert slide_title(slide) == "Q3: No initiatives planned yet"
    assert "No initiatives planned yet" in slide_text(slide)
    assert f"{review_dates(plan.fiscal_year, 3).final:%d %b %Y}" in slide_text(slide)
    assert not pictures(slide) and len(deck.slides) == 13


def test_the_budget_chart_is_native_columns_with_the_allocation_as_a_line(fake_pictures):
    plan = example_plan()

    deck = open_deck(build_deck(plan, render_picture=fake_pictures))

    (chart,) = charts(slide_by_title(deck, "Every quarter within allocation"))
    bars, line = chart.plots
    assert chart.chart_type == XL_CHART_TYPE.COLUMN_STACKED
    assert list(bars.categories) == ["Q1", "Q2", "Q3", "Q4"]
    table = budget_table(plan.roadmap).pivot(index="quarter", columns="focus_area", values="budget")
    for series in bars.series:
        expected = table[series.name].reindex(["Q1", "Q2", "Q3", "Q4"])
        assert [0 if v is None else v for v in series.values] == pytest.approx(list(expected.fillna(0)))
    assert {s.name for s in bars.series} == set(table.columns)
    (allocation,) = line.series
    assert allocation.name == "Allocation"
    assert allocation.values == pytest.approx([plan.roadmap.allocation(n) for n in (1, 2, 3, 4)])


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

    deck = open_deck(build_deck(plan, render_picture=fake_pictures))

    q3 = slide_text(slide_by_title(deck, "Q3:"))
    for flag in (f for f in flags if f.quarter == 3):
        assert flag.message in q3
    assert "over-commits a 90-day plan" in slide_text(slide_by_title(deck, "Q2:"))
    year = [f.message for f in flags if f.quarter == 0]
    assert year and all(m in slide_text(slide_by_title(deck, "Q3 over allocation")) for m in year)


def test_a_roadmap_without_a_budget_still_builds(fake_pictures):
    plan = set_roadmap(example_plan(), replace(example_plan().roadmap, annual_budget=None))

    deck = open_deck(build_deck(plan, render_picture=fake_pictures))

    (chart,) = charts(slide_by_title(deck, "Initiatives cost $78.0K"))
    assert len(chart.plots) == 1, "no allocation line without a budget"
    assert "allocation" not in slide_title(slide_by_title(deck, "Q1:"))


# ABM KPIs


def abm_deck(fake_pictures, abm, plan=None):
    return open_deck(build_deck(plan or example_plan(), abm=abm, render_picture=fake_pictures))


def test_abm_slides_appear_only_when_abm_data_is_given(fake_pictures, abm):
    without = open_deck(build_deck(example_plan(), render_picture=fake_pictures))

    deck = abm_deck(fake_pictures, abm)

    # KPI tiles, heatmap, account funnel, CTA conversion, NPS, healthiest accounts; at the end.
    assert len(deck.slides) == len(without.slides) + 6
    assert slide_title(deck.slides[len(without.slides)]).startswith("ABM: 60 accounts")


def test_abm_numbers_are_the_reports(fake_pictures, abm):
    report = abm.report(example_plan())

    deck = abm_deck(fake_pictures, abm)

    tiles = slide_text(slide_by_title(deck, "ABM:"))
    for kpi in report.kpis:
        assert f"{kpi.shown()}\n{kpi.name}" in tiles
    (nps,) = charts(slide_by_title(deck, "NPS "))
    assert nps.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    assert nps.series[0].values == pytest.approx(list(report.nps_breakdown["answers"]))
    (cta,) = charts(slide_by_title(deck, "Accounts drop most at"))
    assert cta.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    assert list(cta.plots[0].categories) == [
        f"{r.cta} · {r.stage}" + (" · promotion" if r.promotion else "") for r in report.cta.itertuples()
    ], "category names without the page's HTML"
    rates = {s.name: s.values for s in cta.series}
    assert rates["Conversions per click"] == pytest.approx(list(report.cta["conversion_rate"]))
    rows = table_rows(slide_by_title(deck, "Healthiest accounts"))
    top = report.health.head(10)
    assert [r[1] for r in rows[1:]] == list(top["account"])
    assert [r[5] for r in rows[1:]] == [f"{h:.0f}" for h in top["health"]]
    assert [r[-1] for r in rows[1:]] == list(top["reason"])


def test_abm_follows_the_plans_selection_and_the_heatmap_is_a_picture(fake_pictures, abm):
    plan = replace(example_plan(), abm=AbmSettings(tiers=("Tier 1",)))
    report = abm.report(plan)

    deck = abm_deck(fake_pictures, abm, plan)

    assert slide_title(slide_by_title(deck, "ABM:")).startswith(f"ABM: {report.accounts} accounts")
    heatmap_title = chart_title(engagement_heatmap(report.engagement, report.current, report.directions))
    slide = slide_by_title(deck, heatmap_title)
    assert pictures(slide) and not charts(slide)


def test_abm_with_no_matching_account_says_so_in_one_slide(fake_pictures, abm):
    plan = replace(example_plan(), abm=AbmSettings(owners=("Nobody",)))
    without = open_deck(build_deck(plan, render_picture=fake_pictures))

    deck = abm_deck(fake_pictures, abm, plan)

    assert len(deck.slides) == len(without.slides) + 1
    assert "no account matches" in slide_title(deck.slides[-1])


def test_abm_without_cta_or_nps_files_leaves_those_slides_out(fake_pictures, abm):
    accounts_only = AbmData(abm.accounts)

    deck = abm_deck(fake_pictures, accounts_only)

    titles = [slide_title(s) for s in deck.slides]
    assert not any(t.startswith(("NPS", "Accounts drop most at")) for t in titles)
    assert slide_title(deck.slides[-1]).startswith("Healthiest accounts")


# Last year's data held by the plan


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

    assert slide_title(slide_by_title(deck, "Last year:")).startswith(
        "Last year: 110 new customers from $1.4M of spend"
    )


def test_a_crm_review_in_the_plan_shows_what_a_crm_knows_instead_of_n_a(fake_pictures):
    plan = last_year_plan("crm_contacts_2025.csv")
    summary = channel_summary(plan.last_year.channel_table())
    customers = summary[summary["is_total"]]["customers"].iloc[0]

    deck = open_deck(build_deck(plan, render_picture=fake_pictures))

    review = slide_by_title(deck, "Last year:")
    numbers = [shape.text_frame.text for shape in review.shapes if shape.has_text_frame]
    assert slide_title(review).startswith(f"Last year: {customers:,.0f} new customers and $")
    assert not any("n/a" in text for text in numbers)
    assert "From crm_contacts_2025.csv, 12 months; it has no spend" in " ".join(numbers)
