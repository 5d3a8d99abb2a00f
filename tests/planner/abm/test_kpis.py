"""KPI tiles and their changes, CTA conversion, and the KPIs shown but not chased."""

import math

import pandas as pd
import pytest

from planner.abm import (
    HealthWeights,
    Kpi,
    abm_kpis,
    cta_conversion,
    health_scores,
    ignored_kpis,
    window_ending,
)
from tests.planner.abm.rows import activity, answers


def test_no_nps_answers_leave_the_tile_empty_and_the_part_neutral():
    rows = activity({"account": "A", "month": "2025-01"})
    window = window_ending("2025-01", 1)
    kpis = {k.name: k for k in abm_kpis(rows, answers(), window, window_ending("2024-12", 1))}

    assert kpis["NPS"].shown() == "n/a"
    assert health_scores(rows, answers(), HealthWeights(), window)["nps_score"].iloc[0] == 0.5


def test_no_emails_delivered_shows_rates_as_not_available():
    rows = activity({"account": "A", "month": "2025-01", "form_fills": 2})
    kpis = {
        k.name: k
        for k in abm_kpis(rows, None, window_ending("2025-01", 1), window_ending("2024-12", 1))
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
