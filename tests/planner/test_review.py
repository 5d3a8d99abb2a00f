"""Last-year review: every formula against hand-computed values, verdicts, CRM aggregation."""

import math

import pandas as pd
import pytest

from planner.funnel import DEFAULT_RATES
from planner.plan import apply_last_year, example_plan
from planner.review import (
    REQUIRED,
    VerdictRules,
    channel_summary,
    crm_channel_table,
    funnel_lags,
    last_year_funnel,
    last_year_volumes,
    time_in_stage,
    verdicts,
)


def table(rows) -> pd.DataFrame:
    columns = list(REQUIRED)
    return pd.DataFrame(rows, columns=columns).astype({c: float for c in columns[1:]})


# Hand-computed: A spends 1,000 for 100 leads, 20 MQLs, 10 SQLs, 2 customers and 5,000 revenue.
A = ["A", 1000, 10000, 100, 20, 10, 4, 2, 5000]
B = ["B", 3000, 5000, 50, 10, 5, 2, 1, 1500]
FREE = ["Referrals", 0, 100, 10, 5, 4, 3, 2, 8000]


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
    assert "ROI -50%" in judged.loc["Cut me", "reason"]
    assert "Leads cost $15 (paid channels $41.41)" in judged.loc["Fix me", "reason"]
    assert "No recorded spend" in judged.loc["Referrals", "reason"]


def test_verdict_rules_are_adjustable():
    summary = channel_summary(table([A, B]))

    strict = verdicts(summary, VerdictRules(min_customers=10)).set_index("channel")
    loose = verdicts(summary, VerdictRules(min_customers=1)).set_index("channel")

    assert strict.loc["A", "verdict"] == "keep" and "too few to judge" in strict.loc["A", "reason"]
    assert loose.loc["A", "verdict"] == "scale"


def test_last_year_rates_go_to_the_funnel_with_monthly_volumes():
    summary = channel_summary(table([A, B]))
    last = last_year_funnel(summary, months=12)

    funnel, notes = apply_last_year(example_plan().funnel, last)

    assert notes == []
    assert funnel.rates == pytest.approx((150 / 15000, 30 / 150, 15 / 30, 6 / 15, 3 / 6))
    assert funnel.today[1] == pytest.approx(150 / 12)
    assert last_year_volumes(last).volumes == (15000, 150, 30, 15, 6, 3)


def test_impossible_rates_keep_the_plans_rate_and_say_why():
    summary = channel_summary(table([["X", 10, 100, 10, 5, 8, 2, 1, 100]]))  # more SQLs than MQLs

    funnel, notes = apply_last_year(example_plan().funnel, last_year_funnel(summary))

    assert funnel.rates[2] == DEFAULT_RATES[2]
    assert "MQLs → SQLs was 160% last year" in notes[0]


def contacts() -> pd.DataFrame:
    def day(text):
        return pd.Timestamp(text) if text else pd.NaT

    rows = [
        ("Paid", "2025-01-01", "2025-01-08", "2025-01-22", "2025-02-01", "2025-05-01", 1000.0),
        ("Paid", "2025-02-01", "2025-02-11", "", "", "", math.nan),
        ("Organic", "2024-12-20", "2025-01-03", "2025-01-10", "2025-01-20", "2025-03-01", 3000.0),
        ("Organic", "2024-11-01", "", "", "", "", math.nan),
    ]
    frame = pd.DataFrame(
        rows,
        columns=[
            "source",
            "lead_date",
            "mql_date",
            "sql_date",
            "opportunity_date",
            "customer_date",
            "amount",
        ],
    )
    for column in frame.columns[1:6]:
        frame[column] = frame[column].map(day)
    return frame


def test_crm_counts_each_stage_reached_in_the_year():
    channels = crm_channel_table(contacts(), 2025).set_index("channel")

    assert channels.loc[
        "Paid", ["leads", "mqls", "sqls", "opportunities", "customers", "revenue"]
    ].tolist() == [2, 2, 1, 1, 1, 1000]
    assert channels.loc["Organic", ["leads", "mqls", "customers", "revenue"]].tolist() == [0, 1, 1, 3000]
    assert channels["spend"].isna().all()


def test_time_in_stage_medians_become_funnel_lags():
    times = time_in_stage(contacts(), 2025)

    assert times["median_days"].tolist() == [10, 10.5, 10, 64.5]
    assert funnel_lags(times) == (None, 10.0, 10.5, 10.0, 64.5)


def test_a_losing_channel_near_the_portfolio_cac_is_told_to_fix_not_keep():
    # ROI -40% at 1.2x the paid CAC: not bad enough to cut by CAC, but it loses money.
    summary = channel_summary(
        table([["Loser", 6000, 100, 60, 20, 10, 6, 5, 3600], ["Other", 5000, 100, 60, 20, 10, 6, 5, 30000]])
    )

    judged = verdicts(summary).set_index("channel")

    assert judged.loc["Loser", "verdict"] == "fix conversion"
    assert "ROI -40%" in judged.loc["Loser", "reason"]


def test_unknown_crm_lags_keep_the_plans_own():
    last = last_year_funnel(channel_summary(table([A, B])))

    funnel, _ = apply_last_year(example_plan().funnel, last, (None, 10.0, None, 10.0, 64.5))

    assert funnel.lags_days == (0.0, 10.0, 14.0, 10.0, 64.5)
