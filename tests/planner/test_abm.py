"""ABM formulas against hand-computed values, health and journey rules, and the edge cases a page meets."""

import math

import pandas as pd
import pytest
from pydantic import ValidationError

from planner.abm import (
    AbmSettings,
    HealthWeights,
    Kpi,
    abm_kpis,
    abm_report,
    account_funnel,
    click_rate,
    click_to_open_rate,
    cta_conversion,
    customer_status,
    engagement_points,
    health_scores,
    ignored_kpis,
    journey_stages,
    nps,
    nps_breakdown,
    open_rate,
    periods,
    retention_rate,
    window_ending,
)
from planner.columns import ACCOUNT_NUMBERS
from planner.plan import Plan

# ---- formulas ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        pytest.param([10, 9, 8, 7, 6, 0], 0.0, id="two-promoters-two-detractors"),
        pytest.param([9, 10, 10, 7], 75.0, id="three-promoters-of-four"),
        pytest.param([0, 6], -100.0, id="all-detractors"),
        pytest.param([10] * 3, 100.0, id="all-promoters"),
        pytest.param([7, 8], 0.0, id="only-passives"),
        pytest.param(iter([9, 6, 8]), 0.0, id="any-iterable"),
        pytest.param([9.0, 3.0, 10.0], 100 / 3, id="whole-floats"),
    ],
)
def test_nps_is_promoters_minus_detractors_in_percent(scores, expected):
    assert nps(scores) == pytest.approx(expected)


def test_nps_of_no_answers_is_nan_not_zero():
    # 0 would read as a balanced account; the page shows "no NPS answers" instead.
    assert math.isnan(nps([]))


@pytest.mark.parametrize("bad", [11, -1, 7.5, math.nan, "9", True], ids=str)
def test_nps_refuses_a_score_outside_0_to_10(bad):
    with pytest.raises(ValueError, match="whole numbers from 0 to 10"):
        nps([9, bad])


def test_nps_breakdown_counts_each_group():
    groups = nps_breakdown([0, 6, 7, 8, 9, 10, 10, 3])

    assert groups["answers"].tolist() == [3, 2, 3]
    assert groups["share"].tolist() == pytest.approx([3 / 8, 2 / 8, 3 / 8])


@pytest.mark.parametrize(
    ("start", "end", "new", "expected"),
    [
        pytest.param(20, 22, 4, 0.9, id="18-of-20-kept"),
        pytest.param(10, 10, 0, 1.0, id="nobody-left"),
        pytest.param(4, 3, 3, 0.0, id="all-lost-all-replaced"),
        pytest.param(14, 16, 3, 13 / 14, id="sample-q4"),
    ],
)
def test_retention_is_end_minus_new_over_start(start, end, new, expected):
    assert retention_rate(start, end, new) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("start", "end", "new", "message"),
    [
        pytest.param(0, 5, 5, "at least one customer at the period's start", id="no-customers-at-start"),
        pytest.param(-3, 5, 1, "customers at start must be a count of 0 or more", id="negative-start"),
        pytest.param(10, -1, 0, "customers at end must be a count", id="negative-end"),
        pytest.param(10, 5, -1, "new customers must be a count", id="negative-new"),
        pytest.param(
            10, 3, 4, "new customers (4) cannot exceed customers at the period's end (3)", id="new-above-end"
        ),
        pytest.param(5, 9, 1, "8 customers kept from the start is more than the 5", id="kept-above-start"),
    ],
)
def test_retention_refuses_impossible_counts(start, end, new, message):
    with pytest.raises(ValueError, match=None) as caught:
        retention_rate(start, end, new)
    assert message in str(caught.value)


def test_email_rates_from_hand_counts():
    assert open_rate(250, 1000) == pytest.approx(0.25)
    assert click_rate(40, 1000) == pytest.approx(0.04)
    assert click_to_open_rate(40, 250) == pytest.approx(0.16)


def test_no_emails_delivered_gives_no_rate_rather_than_a_crash():
    assert math.isnan(open_rate(0, 0))
    assert math.isnan(click_rate(0, 0))
    assert math.isnan(click_to_open_rate(0, 0))


def test_impossible_email_counts_are_refused():
    with pytest.raises(ValueError, match="cannot exceed emails delivered"):
        open_rate(120, 100)
    with pytest.raises(ValueError, match="must be a count of 0 or more"):
        click_rate(-1, 100)


# ---- per-account rules on a hand-made table ------------------------------------------------------


def activity(*rows: dict) -> pd.DataFrame:
    """Account rows with every activity column; unspecified counts are 0 and nobody is a customer."""
    base = {c: 0.0 for c in ACCOUNT_NUMBERS} | {"tier": "Tier 1", "owner": "Ana", "customer_at_start": 0.0}
    frame = pd.DataFrame(
        [base | {"customer_at_end": row.get("customer_at_start", 0.0)} | row for row in rows]
    )
    return frame


def answers(*rows: tuple[str, str, int]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["account", "date", "score"]).assign(
        date=lambda f: pd.to_datetime(f["date"])
    )


def test_engagement_points_weigh_each_activity():
    rows = activity({"account": "A", "month": "2025-01", "emails_opened": 4, "emails_clicked": 2,
                     "content_views": 3, "engaged_minutes": 10, "form_fills": 1, "calls_scheduled": 1,
                     "demos_scheduled": 1})  # fmt: skip

    # 4×1 + 2×3 + 3×2 + 10×0.5 + 1×10 + 1×15 + 1×20
    assert engagement_points(rows).iloc[0] == pytest.approx(66)


def test_journey_stage_is_the_furthest_rule_met():
    rows = activity(
        {"account": "Aware only", "month": "2025-03", "emails_delivered": 10, "emails_opened": 5},
        {"account": "Read a lot", "month": "2025-03", "engaged_minutes": 12},
        {"account": "Clicked", "month": "2025-03", "emails_clicked": 1},
        {"account": "Booked a call", "month": "2025-03", "calls_scheduled": 1, "emails_clicked": 1},
        {"account": "Opened an opp", "month": "2025-03", "opportunities": 1},
        {"account": "Signed", "month": "2025-03", "deals_won": 1, "customer_at_end": 1.0},
    )
    stages = journey_stages(rows, window_ending("2025-03", 1))

    assert stages.to_dict() == {
        "Aware only": "Aware", "Read a lot": "Engaged", "Clicked": "Engaged", "Booked a call": "Qualified",
        "Opened an opp": "Opportunity", "Signed": "Customer",
    }  # fmt: skip
    funnel = account_funnel(stages)
    assert funnel["accounts"].tolist() == [6, 5, 3, 2, 1]
    assert funnel["rate_from_above"].tolist()[1:] == pytest.approx([5 / 6, 3 / 5, 2 / 3, 1 / 2])


def test_customer_status_new_churned_and_kept():
    rows = activity(
        {"account": "Kept", "month": "2025-01", "customer_at_start": 1.0, "customer_at_end": 1.0},
        {"account": "Kept", "month": "2025-02", "customer_at_start": 1.0, "customer_at_end": 1.0},
        {"account": "Left", "month": "2025-01", "customer_at_start": 1.0, "customer_at_end": 1.0},
        {"account": "Left", "month": "2025-02", "customer_at_start": 1.0, "customer_at_end": 0.0},
        {
            "account": "Won",
            "month": "2025-02",
            "customer_at_start": 0.0,
            "customer_at_end": 1.0,
            "deals_won": 1,
        },
    )
    status = customer_status(rows, window_ending("2025-02", 2))["status"]

    assert status.to_dict() == {"Kept": "customer", "Left": "churned", "Won": "new customer"}
    kpis = {
        k.name: k
        for k in abm_kpis(rows, None, None, window_ending("2025-02", 2), window_ending("2024-12", 2))
    }
    # 2 customers at the start, 2 at the end of which 1 is new: (2 − 1) / 2.
    assert kpis["Retention"].value == pytest.approx(0.5)
    assert kpis["New customers"].value == 1
    assert math.isnan(kpis["Retention"].previous)


def test_health_score_from_hand_computed_parts():
    rows = activity(
        {"account": "A", "month": "2025-01", "emails_opened": 10},  # 10 points before
        {"account": "A", "month": "2025-02", "emails_opened": 30, "demos_scheduled": 0},
    )
    rows.loc[1, "emails_opened"] = 10
    rows.loc[1, "demos_scheduled"] = 1  # 10 + 20 = 30 points now
    survey = answers(("A", "2025-02-10", 10), ("A", "2025-02-11", 10), ("A", "2025-01-05", 6))
    table = health_scores(rows, survey, HealthWeights(), window_ending("2025-02", 1))
    row = table.iloc[0]

    trend = 0.5 + (30 - 10) / (2 * 30)  # 0.8333
    pipeline = 0.7  # a demo
    nps_part = (100 * (2 - 1) / 3 + 100) / 200  # NPS +33.3 over the last 12 months
    customer = 0.4  # a prospect
    expected = 100 * (0.40 * trend + 0.25 * pipeline + 0.20 * nps_part + 0.15 * customer)
    assert row["health"] == pytest.approx(expected)
    assert row["stage"] == "Qualified"
    assert row["nps_label"] == "+33 (3)"
    # The demo moved health most (0.25 × 0.7 = +18 points), then the NPS and the engagement (+13 each).
    assert row["reason"].startswith("demo scheduled (+18); ")
    assert "engagement up 200% (+13)" in row["reason"] or "NPS +33 (3 answers) (+13)" in row["reason"]


def test_health_weights_change_the_score_and_cannot_all_be_zero():
    rows = activity({"account": "A", "month": "2025-01", "demos_scheduled": 1})
    window = window_ending("2025-01", 1)
    only_pipeline = HealthWeights(engagement=0, pipeline=10, nps=0, customer=0)

    assert health_scores(rows, None, only_pipeline, window)["health"].iloc[0] == pytest.approx(70)
    with pytest.raises(ValidationError, match="at least one part a weight above 0"):
        HealthWeights(engagement=0, pipeline=0, nps=0, customer=0)
    with pytest.raises(ValidationError):
        HealthWeights(engagement=-5)


def test_an_account_with_a_single_month_gets_a_neutral_trend_and_says_why():
    rows = activity(
        {"account": "Old", "month": "2025-01", "emails_opened": 5},
        {"account": "Old", "month": "2025-02", "emails_opened": 5},
        {"account": "New", "month": "2025-02", "emails_opened": 40, "calls_scheduled": 1},
    )
    table = health_scores(rows, None, HealthWeights(), window_ending("2025-02", 1)).set_index("account")

    assert table.loc["New", "engagement_score"] == 0.5
    assert math.isnan(table.loc["New", "health_before"]) and math.isnan(table.loc["New", "change"])
    assert table.loc["New", "reason"] == "new this period: call scheduled"
    assert table.loc["New", "nps_label"] == "no answers"


def test_no_nps_answers_leave_the_tile_empty_and_the_part_neutral():
    rows = activity({"account": "A", "month": "2025-01"})
    window = window_ending("2025-01", 1)
    kpis = {k.name: k for k in abm_kpis(rows, None, answers(), window, window_ending("2024-12", 1))}

    assert kpis["NPS"].shown() == "n/a"
    assert health_scores(rows, answers(), HealthWeights(), window)["nps_score"].iloc[0] == 0.5


def test_no_emails_delivered_shows_rates_as_not_available():
    rows = activity({"account": "A", "month": "2025-01", "form_fills": 2})
    kpis = {
        k.name: k
        for k in abm_kpis(rows, None, None, window_ending("2025-01", 1), window_ending("2024-12", 1))
    }

    assert kpis["Email open rate"].shown() == "n/a"
    assert kpis["Click-to-open rate"].change() is None
    assert kpis["Form fills"].shown() == "2"


@pytest.mark.parametrize(
    ("kind", "value", "previous", "shown", "change"),
    [
        pytest.param("percent", 0.312, 0.29, "31.2%", "+2.2 pp", id="rate-in-points"),
        pytest.param("count", 15, 10, "15", "+5 (+50%)", id="count-with-relative"),
        pytest.param("count", 3, 0, "3", "+3", id="count-from-zero"),
        pytest.param("score", 32, -11, "+32", "+43 points", id="nps-points"),
        pytest.param(
            "money", 120_000, 150_000, "$120K", "-$30.0K (-20%)", id="money-falls-with-a-leading-minus"
        ),
        pytest.param("count", 4, math.nan, "4", None, id="no-previous"),
    ],
)
def test_kpi_change_is_in_points_for_rates_and_relative_for_counts(kind, value, previous, shown, change):
    kpi = Kpi(name="x", value=value, previous=previous, kind=kind, help="")

    assert kpi.shown() == shown
    assert kpi.change() == change


def test_periods_end_at_the_latest_month_and_the_previous_one_is_as_long():
    rows = activity(*({"account": "A", "month": f"2025-{m:02d}"} for m in range(1, 13)))
    current, previous = periods(rows, 3)

    assert current.months == ("2025-10", "2025-11", "2025-12") and current.label() == "Oct–Dec 2025"
    assert previous.months == ("2025-07", "2025-08", "2025-09")
    assert periods(rows, 1, "2025-02")[1].label() == "Jan 2025"


def test_cta_conversion_per_stage_and_promotion_accounts():
    cta = pd.DataFrame(
        [
            ("A", "2025-01", "Demo", "Opportunity", 100, 10, 2, False),
            ("B", "2025-01", "Demo", "Opportunity", 100, 10, 0, False),
            ("A", "2025-01", "Report", "Aware", 200, 40, 10, False),
            ("B", "2025-01", "Offer", "Opportunity", 50, 5, 1, True),
        ],
        columns=["account", "month", "cta", "stage", "impressions", "clicks", "conversions", "promotion"],
    )
    table = cta_conversion(cta, window_ending("2025-01", 1)).set_index("cta")

    assert list(table.index) == ["Report", "Demo", "Offer"]  # journey order
    assert table.loc["Demo", "click_rate"] == pytest.approx(20 / 200)
    assert table.loc["Demo", "conversion_rate"] == pytest.approx(2 / 20)
    assert (table.loc["Demo", "accounts_reached"], table.loc["Demo", "accounts_converted"]) == (2, 1)

    rows = activity(
        {"account": "A", "month": "2025-01", "leads": 7, "emails_clicked": 1},
        {"account": "B", "month": "2025-01", "leads": 5, "deals_won": 1, "customer_at_end": 1.0},
    )
    ignored = ignored_kpis(rows, cta, window_ending("2025-01", 1)).set_index("kpi")
    assert ignored.loc["Raw lead count", "value"] == "12 new contacts"
    assert ignored.loc["Sales-cycle length", "instead"].startswith(
        "1 account converted on a promotion, 1 became"
    )


def test_the_report_follows_the_tier_filter_and_says_when_nothing_matches():
    rows = activity(
        {"account": "A", "month": "2025-01", "emails_clicked": 1},
        {"account": "B", "month": "2025-01", "tier": "Tier 2", "emails_clicked": 1},
    )
    everyone = abm_report(rows, None, None, AbmSettings())
    tier_one = abm_report(rows, None, None, AbmSettings(tiers=("Tier 1",)))

    assert (everyone.accounts, tier_one.accounts) == (2, 1)
    assert list(tier_one.engagement.index) == ["A"]
    assert abm_report(rows, None, None, AbmSettings(tiers=("Tier 3",))) is None


def test_the_plan_keeps_abm_settings_and_refuses_a_bad_period():
    plan = Plan(abm=AbmSettings(tiers=("Tier 1",), period_months=6))

    assert Plan.model_validate_json(plan.model_dump_json()).abm.tiers == ("Tier 1",)
    with pytest.raises(ValidationError):
        AbmSettings(period_months=5)
    with pytest.raises(ValidationError):
        AbmSettings(period_end="2025-13")


def test_readme_abm_snippet_runs_from_the_project_root(monkeypatch, capsys):
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    monkeypatch.chdir(root)
    snippet = next(s for s in re.findall(r"```python\n(.*?)```", (root / "README.md").read_text(), re.DOTALL)
                   if "planner.abm" in s)  # fmt: skip

    exec(compile(snippet, "README.md", "exec"), {})

    printed = capsys.readouterr().out
    assert printed.startswith("0.0 0.9")
    assert "Kestrel Aerospace" in printed  # the tier-1 account that surged and signed in December
