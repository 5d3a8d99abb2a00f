"""Money and number formats: symbols, decimals per currency, compact headline figures."""

import math

import pytest

from planner.fiscal import fiscal_months, month_label, month_labels
from planner.money import (
    currency,
    format_count,
    format_money,
    format_money_figures,
    format_money_tick,
    format_percent,
    format_rate,
    rate_in_percent,
    round_count,
    whole_amount,
    whole_percent,
)


@pytest.mark.parametrize(
    ("amount", "code", "compact", "text"),
    [
        pytest.param(10_000_000, "USD", True, "$10.0M", id="usd-millions"),
        pytest.param(9_900_000, "USD", True, "$9.9M", id="usd-9.9M"),
        pytest.param(100_000, "USD", True, "$100K", id="usd-100K"),
        pytest.param(1_250, "EUR", True, "€1,250", id="eur-thousands"),
        pytest.param(12.5, "GBP", True, "£12.50", id="gbp-cents"),
        pytest.param(1_100_000, "USD", False, "$1,100,000.00", id="usd-full"),
        pytest.param(1_100_000, "KRW", False, "₩1,100,000", id="krw-no-decimals"),
        pytest.param(13_000_000_000, "KRW", True, "₩13.0B", id="krw-billions"),
        pytest.param(1234.5, "JPY", False, "¥1,234", id="jpy-no-decimals"),
        pytest.param(2_500_000, "TWD", True, "NT$2.5M", id="twd"),
        pytest.param(-50_000, "USD", True, "−$50.0K", id="negative"),
    ],
)
def test_format_money(amount, code, compact, text):
    assert format_money(amount, code, compact=compact) == text


def test_unknown_currency_names_the_known_ones():
    with pytest.raises(ValueError, match="USD, EUR, GBP, KRW, JPY, TWD"):
        currency("XYZ")


@pytest.mark.parametrize(
    ("value", "text"),
    [(6250, "6,250"), (6944.44, "6,944"), (18.75, "18.8"), (0.72, "0.72"), (10, "10"), (math.inf, "n/a")],
)
def test_format_count(value, text):
    assert format_count(value) == text


@pytest.mark.parametrize(("rate", "text"), [(0.015, "1.5%"), (0.2, "20%"), (0.0075, "0.75%"), (1, "100%"), (0.2488, "24.9%"), (0.20882, "20.9%"), (0.46154, "46.2%"), (0.001, "0.1%")])
def test_format_rate(rate, text):
    assert format_rate(rate) == text


@pytest.mark.parametrize("rate", [0.14286, 0.015, 0.2, 0.0075, 0.46154, 0.00123, -0.0333, 2.5])
def test_a_table_cell_holds_the_rate_format_rate_writes(rate):
    # A table keeps its rates numbers (to sort by), rounded as the app writes them: 14.3, never 14.29.
    cell = rate_in_percent(rate)
    assert f"{cell:g}%" == format_rate(rate)


def test_a_signed_percentage_falls_with_a_minus_sign_as_amounts_do():
    assert format_percent(4.32149, signed=True) == "+432%" and format_percent(85.57, signed=True) == "+8,557%"
    assert format_percent(-0.2857, signed=True) == "−29%" and format_money(-30_000) == "−$30.0K"
    assert format_percent(-0.2857) == "−29%" and format_percent(math.nan, signed=True) == "n/a"


def test_a_table_cell_holds_a_whole_percentage_and_keeps_a_missing_value_missing():
    assert whole_percent(4.32149) == 432
    assert whole_percent(-0.456) == -46
    assert math.isnan(whole_percent(math.nan)) and math.isnan(rate_in_percent(math.nan))


def test_a_table_cell_holds_a_years_amount_in_whole_units():
    assert whole_amount(90_691.85) == 90_692
    assert whole_amount(-15.5) == -16
    assert math.isnan(whole_amount(math.nan))


def test_fiscal_year_starting_in_april_runs_into_the_next_calendar_year():
    months = fiscal_months(2026, 4)

    assert months[0].isoformat() == "2026-04-01"
    assert months[-1].isoformat() == "2027-03-01"
    assert month_labels(2026, 4)[9] == "Jan 2027"
    assert month_label(2026, 4, -1) == "Mar 2026"
    with pytest.raises(ValueError, match="1 to 12"):
        fiscal_months(2026, 0)


@pytest.mark.parametrize(
    ("amount", "shown"),
    [(1_520_000, "$1.52M"), (1_480_000, "$1.48M"), (152_000, "$152K"), (15_240, "$15.2K"), (1_520, "$1,520"),
     (999_900, "$1.00M"), (-2_000_000, "−$2.00M")],
)  # fmt: skip
def test_a_headline_amount_keeps_three_figures_so_close_budgets_read_apart(amount, shown):
    assert format_money_figures(amount) == shown


@pytest.mark.parametrize(
    ("value", "shown", "rounded"),
    [(85441.71, "85,442", 85442), (79.81, "79.8", 79.8), (8.6667, "8.67", 8.67), (6944.44, "6,944", 6944), (5.0, "5", 5)],
)
def test_a_volume_in_a_table_cell_is_rounded_as_it_is_written(value, shown, rounded):
    assert format_count(value) == shown
    assert round_count(value) == rounded


@pytest.mark.parametrize(
    ("amount", "code", "text"),
    [
        (0, "USD", "$0"), (500, "USD", "$500"), (2_000, "USD", "$2K"), (250_000, "USD", "$250K"),
        (1_250_000, "USD", "$1.25M"), (2_000_000, "EUR", "€2M"), (-50_000, "USD", "−$50K"),
    ],
)  # fmt: skip
def test_an_axis_tick_is_as_short_as_its_round_number(amount, code, text):
    assert format_money_tick(amount, code) == text
