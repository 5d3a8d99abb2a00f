"""The ABM section: the report's numbers, the plan's selection, and slides only for the files given."""

import pytest
from pptx.enum.chart import XL_CHART_TYPE

from planner import example_plan
from planner.abm import AbmSettings
from planner.abm.charts import engagement_heatmap
from planner.export import AbmData, build_deck
from planner.plan import replace
from tests.planner.export.decks import (
    TODAY,
    chart_title,
    charts,
    open_deck,
    pictures,
    slide_by_title,
    slide_text,
    slide_title,
    table_rows,
)


def abm_deck(fake_pictures, abm, plan=None):
    return open_deck(build_deck(plan or example_plan(), abm=abm, today=TODAY, render_picture=fake_pictures))


def test_abm_slides_appear_only_when_abm_data_is_given(fake_pictures, abm):
    without = open_deck(build_deck(example_plan(), today=TODAY, render_picture=fake_pictures))

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
    without = open_deck(build_deck(plan, today=TODAY, render_picture=fake_pictures))

    deck = abm_deck(fake_pictures, abm, plan)

    assert len(deck.slides) == len(without.slides) + 1
    assert "no account matches" in slide_title(deck.slides[-1])


def test_abm_without_cta_or_nps_files_leaves_those_slides_out(fake_pictures, abm):
    accounts_only = AbmData(abm.accounts)

    deck = abm_deck(fake_pictures, accounts_only)

    titles = [slide_title(s) for s in deck.slides]
    assert not any(t.startswith(("NPS", "Accounts drop most at")) for t in titles)
    assert slide_title(deck.slides[-1]).startswith("Healthiest accounts")
