"""The sample review and ABM files the deck tests read once per module."""

import pytest

from planner.export import AbmData, ReviewData
from planner.io import read_account_activity, read_channel_table, read_cta_events, read_nps_responses
from planner.review import channel_summary
from tests.planner.export.decks import SAMPLE, SAMPLES


@pytest.fixture(scope="module")
def review():
    return ReviewData(channel_summary(read_channel_table(SAMPLE)), 12, SAMPLE.name)


@pytest.fixture(scope="module")
def abm():
    return AbmData(
        read_account_activity(SAMPLES / "abm_accounts_2025.csv"),
        read_cta_events(SAMPLES / "abm_cta_events_2025.csv"),
        read_nps_responses(SAMPLES / "abm_nps_2025.csv"),
        "abm_accounts_2025.csv",
    )
