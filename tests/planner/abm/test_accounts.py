"""Per-account rules on hand-made tables: engagement points, journey stages, customer status and health."""

import math

import pytest
from pydantic import ValidationError

from planner.abm import (
    HealthWeights,
    abm_kpis,
    account_funnel,
    customer_status,
    engagement_points,
    health_scores,
    journey_stages,
    window_ending,
)
from tests.planner.abm.rows import activity, answers


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
        for k in abm_kpis(rows, None, window_ending("2025-02", 2), window_ending("2024-12", 2))
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
