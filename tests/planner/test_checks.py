"""The plan against last year: the deal size, customers and volumes it asks for, and when a verdict may be shown."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from planner.checks import check_plan, deal_size_check, funnel_status
from planner.io import read_channel_file
from planner.plan import example_plan, replace, set_last_year
from planner.review import last_year_from_channels
from planner.review.facts import funnel_for_plan, last_year_facts

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "channels_2025.csv"


@pytest.fixture(scope="module")
def last_year():
    read = read_channel_file(SAMPLE)
    return last_year_from_channels(read.table, read.file_name, datetime(2026, 12, 1, tzinfo=UTC))


@pytest.fixture
def sample_plan(last_year):
    """The worked example holding the sample company's last year, as a new user ends up after loading it."""
    return set_last_year(example_plan(), last_year)


def test_last_years_facts_are_the_channel_tables_totals(sample_plan):
    facts = last_year_facts(sample_plan.last_year)

    assert facts.customers == 110
    assert facts.revenue == pytest.approx(7_454_146.75)
    assert facts.deal_size == pytest.approx(7_454_146.75 / 110)  # about $68K
    assert facts.spend == pytest.approx(1_399_906.87)
    assert facts.source == facts.spend_source == "channels_2025.csv"
    referrals = next(c for c in facts.channels if c.channel == "Referrals")
    assert referrals.customers == 18 and referrals.deal_size == pytest.approx(referrals.revenue / 18)


def test_the_deal_size_warning_names_both_figures_and_offers_last_years(sample_plan):
    facts = last_year_facts(sample_plan.last_year)

    warning = deal_size_check(1_100_000, facts, "USD")

    assert warning is not None and warning.offer == pytest.approx(facts.deal_size)
    assert "$1.1M" in warning.message and "$67.8K" in warning.message and "16 times" in warning.message
    assert deal_size_check(70_000, facts, "USD") is None
    assert deal_size_check(facts.deal_size * 1.5, facts, "USD") is None
    assert deal_size_check(facts.deal_size * 0.45, facts, "USD") is not None


def test_inputs_that_disagree_replace_on_track_with_what_to_fix(sample_plan):
    taken = funnel_for_plan(sample_plan.last_year).funnel
    funnel = replace(sample_plan.funnel, rates=tuple(taken.rates), today=taken.monthly())
    reported = replace(sample_plan, funnel=funnel)  # the walk in the issue: $1.1M deals, last year's rates

    status = funnel_status(reported)

    assert status.state == "inputs disagree" and status.off_track is None
    assert {d.kind for d in status.check.disagreements} == {"deal size", "customers", "volumes"}
    assert "under a fifth" in status.check.of("customers").message


def test_a_verdict_is_shown_exactly_when_every_check_passes(sample_plan):
    facts = last_year_facts(sample_plan.last_year)
    taken = funnel_for_plan(sample_plan.last_year).funnel
    goals = replace(sample_plan.goals, revenue_target=facts.revenue * 1.2, avg_deal_size=facts.deal_size)
    agreeing = replace(
        sample_plan, goals=goals, funnel=replace(sample_plan.funnel, rates=tuple(taken.rates), today=taken.monthly())
    )

    status = funnel_status(agreeing)

    assert check_plan(agreeing).agrees and status.state == "verdict"
    assert status.off_track == 6, "20% more than last year at last year's rates: every stage short"
    assert funnel_status(replace(agreeing, goals=replace(goals, avg_deal_size=1_100_000))).state == "inputs disagree"


def test_without_last_year_there_is_nothing_to_contradict():
    status = funnel_status(example_plan())

    assert status.check.facts is None and status.check.agrees
    assert status.state == "verdict" and status.off_track == 6  # 6,000 visits against 6,250 needed
    assert funnel_status(replace(example_plan(), funnel=replace(example_plan().funnel, today=None))).state == "no data"
