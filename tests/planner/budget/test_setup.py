"""Last year's channel table as the channels to budget: curves from the months, bounds from the verdicts, the user's overrides."""

from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest

from planner.budget import BudgetSettings, ChannelSetting, channels_from_last_year
from planner.io import read_channel_file
from planner.io.plan_file import read_plan_file
from planner.plan import example_plan
from planner.review import channel_summary, last_year_from_channels, verdicts

ROOT = Path(__file__).resolve().parents[3]
LOADED = datetime(2025, 12, 8, tzinfo=UTC)


@pytest.fixture(scope="module")
def last():
    read = read_channel_file(ROOT / "sample_data" / "channels_2025.csv")
    return last_year_from_channels(read.table, read.file_name, LOADED)


def judged(last):
    table = verdicts(channel_summary(last.channel_table()))
    return dict(zip(table["channel"], table["verdict"], strict=True))


def setup_of(last, settings=None):
    return channels_from_last_year(last, judged(last), example_plan().funnel.funnel(), settings)


def by_name(setup):
    return {c.name: c for c in setup.channels}


def test_a_monthly_channel_table_keeps_each_channels_spend_and_leads_by_month(last):
    search = last.months_of("Paid search")

    assert search.stage == "leads" and len(search.months) == 12 and search.months[0] == "2025-01"
    total = next(c for c in last.channels if c.channel == "Paid search")
    assert sum(search.spend) == pytest.approx(total.spend) and sum(search.volume) == pytest.approx(total.leads)


def test_the_verdicts_set_the_default_bounds(last):
    channels = by_name(setup_of(last))
    spend = {c.channel: c.spend for c in last.channels}

    assert judged(last)["Trade shows & events"] == "cut"
    assert (channels["Trade shows & events"].min_spend, channels["Trade shows & events"].max_spend) == (0, 0)
    assert channels["Paid social"].verdict == "fix conversion"
    assert channels["Paid social"].min_spend == channels["Paid social"].max_spend == pytest.approx(spend["Paid social"])
    assert channels["Paid search"].verdict == "keep"
    assert channels["Paid search"].min_spend == pytest.approx(0.8 * spend["Paid search"])
    assert channels["Paid search"].max_spend == pytest.approx(1.2 * spend["Paid search"])
    assert channels["Blog / SEO"].verdict == "scale"
    assert (channels["Blog / SEO"].min_spend, channels["Blog / SEO"].max_spend) == (0, pytest.approx(2 * spend["Blog / SEO"]))
    assert channels["Paid search"].bounds_rule == "keep: last year's ±20%"


def test_a_channel_with_too_few_months_of_spend_uses_the_prior_and_says_so(last):
    shows = by_name(setup_of(last))["Trade shows & events"]

    assert shows.exponent_from == "prior" and shows.exponent == 0.6
    assert shows.note == (
        "Not fitted, only 4 months with spend and leads, fewer than the 6 a fit needs: the exponent is the usual 0.60."
    )
    assert by_name(setup_of(last))["Paid search"].exponent_from == "data"


def test_the_users_bounds_exponent_and_conversion_change_override_the_defaults(last):
    settings = BudgetSettings(
        channels=(
            ChannelSetting(channel="Paid search", max_spend=1_000_000, exponent=0.5),
            ChannelSetting(channel="Paid social", conversion_lift=0.2),
        )
    )
    default, mine = by_name(setup_of(last)), by_name(setup_of(last, settings))

    assert mine["Paid search"].max_spend == 1_000_000 and mine["Paid search"].bounds_rule == "yours"
    assert mine["Paid search"].min_spend == default["Paid search"].min_spend
    assert mine["Paid search"].exponent == 0.5 and mine["Paid search"].exponent_from == "yours"
    assert mine["Paid social"].customers_per_unit == pytest.approx(1.2 * default["Paid social"].customers_per_unit)
    # Every curve still passes through last year's point, whatever its exponent.
    curve = mine["Paid search"].channel().curve
    assert curve.volume(mine["Paid search"].last_year_spend) == pytest.approx(mine["Paid search"].last_year_volume)


def test_a_plan_saved_before_months_were_kept_falls_back_to_the_prior_and_says_how_to_fit(last):
    plan = read_plan_file(ROOT / "tests" / "data" / "plan_v3.json")
    setup = channels_from_last_year(plan.last_year.channels, judged(last), plan.funnel.funnel())

    paid = [c for c in setup.channels if c.kind == "paid"]
    assert paid and all(c.exponent_from == "prior" for c in paid)
    assert "load the channel table with its month column again" in paid[0].note


def test_a_channel_without_spend_grows_and_one_that_spent_for_nothing_is_left_out():
    table = pd.DataFrame(
        {
            "channel": ["Paid search", "Referrals", "Print"],
            "spend": [100_000.0, 0.0, 5_000.0],
            "sessions": [50_000.0, 3_000.0, None],
            "leads": [1_000.0, 200.0, 0.0],
            "mqls": [300.0, 80.0, 0.0],
            "sqls": [60.0, 20.0, 0.0],
            "opportunities": [25.0, 8.0, 0.0],
            "customers": [10.0, 4.0, 0.0],
            "revenue": [500_000.0, 200_000.0, 0.0],
        }
    )
    last = last_year_from_channels(table, "channels.csv", LOADED)
    setup = channels_from_last_year(
        last, {}, example_plan().funnel.funnel(), BudgetSettings(organic_growth=0.1)
    )
    channels = by_name(setup)

    assert channels["Referrals"].kind == "organic"
    referrals = channels["Referrals"].channel(growth=setup.organic_growth)
    assert referrals.volume == pytest.approx(220) and referrals.customers == pytest.approx(4.4)
    assert channels["Print"].kind == "left out"
    assert channels["Print"].note.startswith("Print spent $5,000 but brought no leads")
    assert [c.name for c in setup.curves()] == ["Paid search", "Referrals"]
