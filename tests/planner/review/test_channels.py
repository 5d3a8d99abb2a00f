"""Channel summary and verdicts: every formula against hand-computed values, and each verdict with its reason."""

import math

import pytest

from planner.review import (
    VerdictRules,
    channel_summary,
    summary_total,
    verdicts,
)
from tests.planner.review.channel_rows import FREE, A, B, table


def test_cost_per_stage_cac_roi_roas_and_rates():
    summary = channel_summary(table([A, B])).set_index("channel")

    a = summary.loc["A"]
    assert (a["cost_per_lead"], a["cost_per_mql"], a["cost_per_sql"], a["cac"]) == (10, 50, 100, 500)
    assert a["roi"] == pytest.approx((5000 - 1000) / 1000)
    assert a["roas"] == 5
    assert (a["lead_rate"], a["mql_rate"], a["sql_rate"], a["opportunity_rate"], a["customer_rate"]) == (
        0.01,
        0.2,
        0.5,
        0.4,
        0.5,
    )
    total = summary.loc["Total"]
    assert total["spend"] == 4000 and total["customers"] == 3
    assert total["cac"] == pytest.approx(4000 / 3)
    assert a["spend_share"] == 0.25
    assert a["customer_share"] == pytest.approx(2 / 3)


def test_monthly_rows_are_summed_per_channel():
    monthly = table([A, A, B])

    summary = channel_summary(monthly).set_index("channel")

    assert summary.loc["A", "spend"] == 2000
    assert summary.loc["A", "cac"] == 500


def test_undefined_ratios_are_missing_never_inf():
    summary = channel_summary(table([A, FREE, ["Dead", 500, 0, 0, 0, 0, 0, 0, 0]])).set_index("channel")

    assert math.isnan(summary.loc["Referrals", "roi"])
    assert math.isnan(summary.loc["Dead", "cac"])
    assert math.isnan(summary.loc["Dead", "lead_rate"])
    assert not summary.select_dtypes("number").isin([math.inf, -math.inf]).any().any()


def test_verdicts_with_reasons():
    # Paid channels (Referrals has no spend, so it is not the benchmark): spend 41,000, 25 customers
    # (CAC 1,640), 990 leads (41.41 each).
    scale = ["Scale me", 5000, 10000, 200, 50, 20, 10, 10, 60000]
    cut = ["Cut me", 20000, 1000, 100, 20, 10, 6, 5, 10000]
    fix = ["Fix me", 9000, 20000, 600, 60, 12, 8, 5, 30000]
    keep = ["Keep me", 7000, 10000, 90, 30, 12, 8, 5, 50000]
    summary = channel_summary(table([scale, cut, fix, keep, FREE]))

    judged = verdicts(summary).set_index("channel")

    assert judged["verdict"].to_dict() == {
        "Scale me": "scale", "Cut me": "cut", "Fix me": "fix conversion", "Keep me": "keep", "Referrals": "keep",
    }  # fmt: skip
    assert "give it more budget" in judged.loc["Scale me", "reason"]
    assert "ROI −50%" in judged.loc["Cut me", "reason"]
    assert "Leads cost $15 (paid channels $41.41)" in judged.loc["Fix me", "reason"]
    assert "No recorded spend" in judged.loc["Referrals", "reason"]


def test_verdict_rules_are_adjustable():
    summary = channel_summary(table([A, B]))

    strict = verdicts(summary, VerdictRules(min_customers=10)).set_index("channel")
    loose = verdicts(summary, VerdictRules(min_customers=1)).set_index("channel")

    assert strict.loc["A", "verdict"] == "keep" and "too few to judge" in strict.loc["A", "reason"]
    assert loose.loc["A", "verdict"] == "scale"


def test_a_losing_channel_near_the_portfolio_cac_is_told_to_fix_not_keep():
    # ROI -40% at 1.2x the paid CAC: not bad enough to cut by CAC, but it loses money.
    summary = channel_summary(
        table([["Loser", 6000, 100, 60, 20, 10, 6, 5, 3600], ["Other", 5000, 100, 60, 20, 10, 6, 5, 30000]])
    )

    judged = verdicts(summary).set_index("channel")

    assert judged.loc["Loser", "verdict"] == "fix conversion"
    assert "ROI −40%" in judged.loc["Loser", "reason"]


def test_the_total_row_is_the_whole_portfolio():
    summary = channel_summary(table([A, B]))

    total = summary_total(summary)

    assert total["channel"] == "Total"
    assert (total["spend"], total["customers"], total["leads"]) == (4000, 3, 150)


def test_a_crm_summary_has_no_spend_and_reports_only_the_columns_it_fills():
    from planner.review import has_spend, reported_columns

    crm_like = table([A, B]).assign(spend=math.nan, sessions=math.nan)
    summary = channel_summary(crm_like)

    assert not has_spend(summary) and has_spend(channel_summary(table([A, B])))
    shown = reported_columns(summary)
    assert shown[0] == "channel" and "leads" in shown and "customer_rate" in shown
    assert not {"spend", "sessions", "cac", "roi", "is_total"} & set(shown)
