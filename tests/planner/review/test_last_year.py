"""Last year as the plan keeps it: the same review as the file gave, through a plan file, and no bad values."""

import json
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest
from pydantic import ValidationError

from planner.io import read_channel_table, read_crm_export
from planner.io.plan_file import PlanFileError, plan_from_json, plan_to_json, read_plan_file
from planner.plan import Plan, example_plan, set_last_year
from planner.review import (
    MAX_CHANNELS,
    LastYear,
    channel_summary,
    crm_channel_table,
    crm_months,
    funnel_lags,
    last_year_from_channels,
    last_year_from_crm,
    last_year_from_table,
    last_year_funnel,
    time_in_stage,
    verdicts,
)

SAMPLES = Path(__file__).resolve().parents[3] / "sample_data"
V1_FILE = Path(__file__).resolve().parents[2] / "data" / "plan_v1.json"
LOADED_AT = datetime(2026, 11, 24, 9, 15, tzinfo=UTC)


@pytest.fixture(scope="module")
def channel_table() -> pd.DataFrame:
    return read_channel_table(SAMPLES / "channels_2025.csv")


@pytest.fixture(scope="module")
def contacts() -> pd.DataFrame:
    return read_crm_export(SAMPLES / "crm_contacts_2025.csv")


def test_a_channel_table_kept_in_the_plan_gives_the_same_review(channel_table):
    kept = last_year_from_channels(channel_table, "channels_2025.csv", LOADED_AT)

    summary = channel_summary(kept.channel_table())
    pd.testing.assert_frame_equal(summary, channel_summary(channel_table))
    pd.testing.assert_frame_equal(verdicts(summary), verdicts(channel_summary(channel_table)))
    assert last_year_funnel(summary, kept.months) == last_year_funnel(channel_summary(channel_table))
    assert (kept.kind, kept.year, kept.months, kept.source) == ("channels", 2025, 12, "channels_2025.csv")
    assert len(kept.channels) == channel_table["channel"].nunique() < len(channel_table), "months folded"
    assert kept.described() == "Channel table for 2025 (12 months)"


def test_a_crm_export_kept_in_the_plan_gives_the_same_review_and_lags(contacts):
    kept = last_year_from_crm(contacts, "crm_contacts_2025.csv", LOADED_AT)
    year = max(contacts["lead_date"].dt.year.dropna().astype(int))

    assert (kept.kind, kept.year, kept.months) == ("crm", year, crm_months(contacts, year))
    pd.testing.assert_frame_equal(
        channel_summary(kept.channel_table()), channel_summary(crm_channel_table(contacts, year))
    )
    pd.testing.assert_frame_equal(kept.stage_time_table(), time_in_stage(contacts, year))
    assert funnel_lags(kept.stage_time_table()) == funnel_lags(time_in_stage(contacts, year))


def test_a_crm_export_of_any_size_keeps_one_row_per_channel(contacts):
    small = last_year_from_crm(contacts, "crm.csv", LOADED_AT)
    ten_times = last_year_from_crm(pd.concat([contacts] * 10, ignore_index=True), "crm.csv", LOADED_AT)

    assert len(ten_times.channels) == len(small.channels)
    assert ten_times.channels[0].leads == 10 * small.channels[0].leads
    # Bigger counts take a few more digits, never more rows.
    assert len(ten_times.model_dump_json()) < len(small.model_dump_json()) + 200


def test_last_year_survives_a_plan_file_round_trip_with_the_same_review(channel_table, tmp_path):
    kept = last_year_from_channels(channel_table, "channels_2025.csv", LOADED_AT)
    plan = set_last_year(example_plan(), kept)

    again = plan_from_json(plan_to_json(plan))

    assert again == plan
    pd.testing.assert_frame_equal(
        channel_summary(again.last_year.channels.channel_table()), channel_summary(channel_table)
    )
    # Each channel's totals and its twelve months of spend and leads, indented: a few KB, never the file's rows.
    assert len(plan_to_json(plan)) - len(plan_to_json(example_plan())) < 15_000, "a few KB, not the file"


def test_plans_saved_before_last_year_existed_still_open():
    assert read_plan_file(V1_FILE).last_year.loaded == ()
    assert Plan.model_validate({"schema_version": 2}).last_year.loaded == ()


def test_a_year_is_only_claimed_when_every_month_is_in_it():
    two_years = pd.DataFrame(
        {
            "channel": ["Email", "Email"],
            "month": ["2024-12", "2025-01"],
            **{c: [10.0, 10.0] for c in ("spend", "sessions", "leads", "mqls", "sqls", "opportunities")},
            "customers": [1.0, 1.0],
            "revenue": [100.0, 100.0],
        }
    )

    kept = last_year_from_channels(two_years, "email.csv", LOADED_AT)

    assert (kept.year, kept.months) == (None, 2)
    assert kept.described() == "Channel table (2 months)"


def test_a_time_without_a_zone_is_read_as_utc():
    kept = LastYear(
        source="a.csv", kind="channels", loaded_at=datetime(2026, 1, 2, 3, 4), channels=[{"channel": "Email"}]
    )

    assert kept.loaded_at == datetime(2026, 1, 2, 3, 4, tzinfo=UTC)


def test_more_channels_than_a_plan_keeps_are_refused_in_one_sentence():
    many = pd.DataFrame({"channel": [f"c{i}" for i in range(MAX_CHANNELS + 1)], "spend": 1.0})
    for column in ("sessions", "leads", "mqls", "sqls", "opportunities", "customers", "revenue"):
        many[column] = 1.0

    with pytest.raises(ValueError, match=r"^big\.csv has 2,001 channels; a plan keeps at most 2,000: group"):
        last_year_from_table(many, source="big.csv", kind="channels", loaded_at=LOADED_AT, months=12)


GOOD = {
    "source": "channels.csv",
    "kind": "channels",
    "loaded_at": "2026-11-24T09:15:00Z",
    "channels": [{"channel": "Email", "spend": 100, "leads": 10, "customers": 1, "revenue": 500}],
}
BAD = {
    "negative spend": ({"channels": [{"channel": "Email", "spend": -1}]}, "channels.0.spend"),
    "negative leads": ({"channels": [{"channel": "Email", "leads": -3}]}, "channels.0.leads"),
    "infinite revenue": ({"channels": [{"channel": "Email", "revenue": float("inf")}]}, "channels.0.revenue"),
    "blank channel": ({"channels": [{"channel": ""}]}, "channels.0.channel"),
    "no channels": ({"channels": []}, "channels"),
    "repeated channel": ({"channels": [{"channel": "Email"}, {"channel": "Email"}]}, "Email appears twice"),
    "unknown kind": ({"kind": "spreadsheet"}, "kind"),
    "zero months": ({"months": 0}, "months"),
    "crm without a year": ({"kind": "crm"}, "give the year"),
    "time in stage for a channel table": (
        {"stage_times": [{"transition": "Leads → MQLs", "median_days": 3, "contacts": 9}]},
        "only a CRM export",
    ),
    "negative days in stage": (
        {
            "kind": "crm",
            "year": 2025,
            "stage_times": [{"transition": "A → B", "median_days": -2, "contacts": 1}],
        },
        "stage_times.0.median_days",
    ),
    "unknown field": ({"rows": [1, 2, 3]}, "rows"),
}


def test_the_good_example_is_accepted():
    assert LastYear.model_validate(GOOD).channels[0].spend == 100


@pytest.mark.parametrize(("change", "names"), BAD.values(), ids=BAD.keys())
def test_bad_last_year_values_are_refused(change, names):
    with pytest.raises(ValidationError, match=names.replace(".", r"\.")):
        LastYear.model_validate({**GOOD, **change})


def test_a_plan_file_with_a_bad_last_year_is_refused_in_one_sentence():
    data = example_plan().model_dump(mode="json")
    data["last_year"] = {"channels": {**GOOD, "channels": [{"channel": "Email", "spend": -5}]}}

    with pytest.raises(PlanFileError, match=r"out of range.*last_year\.channels\.channels\.0\.spend") as refused:
        plan_from_json(json.dumps(data))

    assert "\n" not in str(refused.value)
