"""CRM aggregation: each stage counted in the year it was reached, and time in stage as funnel lags."""

import math

import pandas as pd

from planner.review import (
    crm_channel_table,
    funnel_lags,
    time_in_stage,
)


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
