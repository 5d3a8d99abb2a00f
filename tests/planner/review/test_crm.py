"""CRM aggregation: each stage counted in the year it was reached, the cohort of a year's leads, and time in stage."""

import math
from pathlib import Path

import pandas as pd
import pytest

from planner.io import read_crm_export
from planner.review import (
    RATES,
    channel_summary,
    cohort_time_in_stage,
    crm_channel_table,
    crm_cohort_table,
    crm_cohort_totals,
    funnel_lags,
    time_in_stage,
)

SAMPLE = Path(__file__).resolve().parents[3] / "sample_data" / "crm_contacts_2025.csv"
STAGES = ["leads", "mqls", "sqls", "opportunities", "customers"]
COLUMNS = ["source", "lead_date", "mql_date", "sql_date", "opportunity_date", "customer_date", "amount"]


def export(rows) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=COLUMNS)
    for column in COLUMNS[1:6]:
        frame[column] = pd.to_datetime(frame[column].replace("", None))
    return frame


def contacts() -> pd.DataFrame:
    return export(
        [
            ("Paid", "2025-01-01", "2025-01-08", "2025-01-22", "2025-02-01", "2025-05-01", 1000.0),
            ("Paid", "2025-02-01", "2025-02-11", "", "", "", math.nan),
            ("Organic", "2024-12-20", "2025-01-03", "2025-01-10", "2025-01-20", "2025-03-01", 3000.0),
            ("Organic", "2024-11-01", "", "", "", "", math.nan),
        ]
    )


# Stage entries that cross the year boundary, worked by hand for 2025 below.
CROSSING = [
    # A 2024 lead won in 2025, then a 2025 lead won in 2026.
    ("Paid", "2024-11-15", "2024-11-25", "2025-01-10", "2025-01-30", "2025-04-15", 5000.0),
    ("Paid", "2025-10-01", "2025-10-08", "2025-10-20", "2025-11-05", "2026-01-20", 8000.0),
    ("Paid", "2025-12-20", "", "", "", "", math.nan),
    ("Paid", "2025-01-05", "2025-01-12", "2025-01-26", "2025-02-09", "2025-04-20", 6000.0),
    # Won without an opportunity date.
    ("Organic", "2025-02-01", "2025-02-05", "2025-02-20", "", "2025-05-01", 3000.0),
    ("Organic", "2025-03-10", "2025-03-01", "", "", "", math.nan),  # MQL dated before the lead
    ("Organic", "2025-06-01", "", "", "", "", math.nan),
    ("Organic", "", "2025-04-01", "", "", "", math.nan),  # no lead date: in no cohort
]


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


def test_activity_in_the_year_can_show_more_customers_than_opportunities():
    channels = crm_channel_table(export(CROSSING), 2025).set_index("channel")

    assert channels.loc["Paid", [*STAGES, "revenue"]].tolist() == [3, 2, 3, 3, 2, 11_000]
    assert channels.loc["Organic", [*STAGES, "revenue"]].tolist() == [3, 3, 1, 0, 1, 3000]


def test_the_cohort_follows_a_years_leads_to_every_stage_they_reached_whenever():
    cohort = crm_cohort_table(export(CROSSING), 2025).set_index("channel")

    # Paid: the 2024 lead is out; the 2025 lead won in January 2026 is in, with its $8,000.
    assert cohort.loc["Paid", [*STAGES, "revenue"]].tolist() == [3, 2, 2, 2, 2, 14_000]
    # Organic: the customer without an opportunity date passed that stage; the MQL dated before
    # its lead date still counts; the contact without a lead date is in no cohort.
    assert cohort.loc["Organic", [*STAGES, "revenue"]].tolist() == [3, 2, 1, 1, 1, 3000]
    assert cohort[["spend", "sessions"]].isna().all().all()
    assert list(cohort.reset_index().columns) == list(crm_channel_table(export(CROSSING), 2025).columns)


def test_the_cohort_of_the_year_before_holds_only_its_own_leads():
    cohort = crm_cohort_table(export(CROSSING), 2024).set_index("channel")

    assert cohort.index.tolist() == ["Paid"]
    assert cohort.loc["Paid", [*STAGES, "revenue"]].tolist() == [1, 1, 1, 1, 1, 5000]


def test_cohort_totals_say_which_stages_were_passed_without_a_date():
    totals = crm_cohort_totals(export(CROSSING), 2025).set_index("stage")

    assert totals["contacts"].tolist() == [6, 4, 3, 3, 3]
    assert totals["without_date"].tolist() == [0, 0, 0, 1, 0]
    assert totals["label"].tolist() == ["Leads", "MQLs", "SQLs", "Opportunities", "Customers"]
    assert math.isnan(totals.loc["leads", "conversion"])
    assert totals["conversion"].tolist()[1:] == pytest.approx([4 / 6, 3 / 4, 1, 1])


def test_cohort_time_in_stage_counts_later_dates_in_any_year_and_skips_bad_and_missing_steps():
    times = cohort_time_in_stage(export(CROSSING), 2025)

    # Leads → MQLs: 7, 4 and 7 days (the MQL dated 9 days before its lead is left out).
    # SQLs → Opportunities: 16 and 14 (no opportunity date, no step); the last step ends in 2026.
    assert times["median_days"].tolist() == [7, 14, 15, 73]
    assert times["contacts"].tolist() == [3, 3, 2, 2]
    assert times["transition"].tolist() == time_in_stage(export(CROSSING), 2025)["transition"].tolist()


def test_a_year_without_leads_has_an_empty_cohort():
    assert crm_cohort_table(export(CROSSING), 2023).empty
    assert crm_cohort_totals(export(CROSSING), 2023)["contacts"].tolist() == [0] * 5
    assert crm_cohort_totals(export(CROSSING), 2023)["conversion"].isna().all()


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    return read_crm_export(SAMPLE)


def test_no_cohort_rate_of_the_sample_exceeds_100_percent(sample):
    summary = channel_summary(crm_cohort_table(sample, 2025)).set_index("channel")
    rates = summary[[name for name, _, _ in RATES if name != "lead_rate"]]

    assert "Total" in summary.index and len(summary) > 2
    assert (rates.fillna(0) <= 1).all().all(), rates[(rates > 1).any(axis=1)]
    assert (crm_cohort_totals(sample, 2025)["conversion"].dropna() <= 1).all()
