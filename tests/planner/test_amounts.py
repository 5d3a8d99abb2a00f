"""Typed amounts: separators, scales and the plan's symbol are read; anything else is refused in one sentence."""

import pytest

from planner.amounts import format_amount, parse_amount, parse_amount_or_none
from planner.validation import LARGEST_AMOUNT


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        pytest.param("12000000", 12_000_000, id="digits"),
        pytest.param("12,000,000", 12_000_000, id="commas"),
        pytest.param("12 000 000", 12_000_000, id="spaces"),
        pytest.param("12\u202f000\u202f000", 12_000_000, id="narrow-no-break-spaces"),
        pytest.param("12M", 12_000_000, id="M"),
        pytest.param("12 m", 12_000_000, id="m-after-a-space"),
        pytest.param("$12.5m", 12_500_000, id="symbol-and-decimals"),
        pytest.param("1.2k", 1_200, id="k"),
        pytest.param("3bn", 3_000_000_000, id="bn"),
        pytest.param("2.5MM", 2_500_000, id="finance-MM"),
        pytest.param("12M USD", 12_000_000, id="code-after"),
        pytest.param("  1,100,000.50 ", 1_100_000.5, id="cents-and-padding"),
        pytest.param("0", 0, id="zero-left-to-the-plan"),
        pytest.param("10t", LARGEST_AMOUNT, id="the-largest"),
    ],
)
def test_amounts_as_marketers_type_them(text, amount):
    assert parse_amount(text) == amount


def test_the_plans_own_symbol_is_read_and_another_currency_is_refused():
    assert parse_amount("€12M", "EUR") == 12_000_000
    assert parse_amount("NT$5,000", "TWD") == 5_000
    with pytest.raises(ValueError, match=r"^enter the amount in USD \(\$\), the plan's currency"):
        parse_amount("€12M", "USD")
    with pytest.raises(ValueError, match="in EUR"):
        parse_amount("12M USD", "EUR")


@pytest.mark.parametrize(
    ("text", "says"),
    [
        pytest.param("", "enter an amount, for example 12,500,000 or 12.5M.", id="empty"),
        pytest.param("   ", "enter an amount, for example", id="spaces-only"),
        pytest.param("abc", "enter an amount in figures, for example 12,500,000 or 12.5M.", id="words"),
        pytest.param("1e400", "in figures", id="scientific-overflow"),
        pytest.param("1e6", "in figures", id="scientific"),
        pytest.param("NaN", "in figures", id="nan"),
        pytest.param("inf", "in figures", id="infinity"),
        pytest.param("-5", "without a minus sign", id="negative"),
        pytest.param("−5,000", "without a minus sign", id="unicode-minus"),
        pytest.param("$-5", "without a minus sign", id="negative-after-symbol"),
        pytest.param("(5,000)", "without a minus sign", id="accounting-negative"),
        pytest.param("12,5", "write decimals with a point", id="decimal-comma"),
        pytest.param("1,2345", "in figures", id="broken-groups"),
        pytest.param("12,000 000", "in figures", id="mixed-separators"),
        pytest.param("12x", "in figures", id="unknown-scale"),
        pytest.param("10.5t", "at most 10,000,000,000,000 (ten trillion)", id="above-ten-trillion"),
        pytest.param("9" * 5_000, "at most 10,000,000,000,000 (ten trillion)", id="5000-digits"),
        pytest.param("ab" * 5_000, "in figures", id="a-pasted-page"),
        pytest.param("\u0661\u0662", "in figures", id="other-digits"),
    ],
)
def test_anything_else_is_refused_in_one_sentence(text, says):
    with pytest.raises(ValueError) as refused:
        parse_amount(text)

    message = str(refused.value)
    assert says in message
    assert message.count(". ") == 0 and message.endswith("."), "one sentence"
    assert len(message) < 120, "the typing is never repeated back"


@pytest.mark.parametrize("value", [None, 12, 12.5, b"12"], ids=repr)
def test_only_text_is_read(value):
    with pytest.raises(ValueError, match="enter an amount"):
        parse_amount(value)


def test_a_blank_optional_amount_is_none():
    assert parse_amount_or_none("") is None and parse_amount_or_none(None) is None
    assert parse_amount_or_none("7.45M") == 7_450_000


@pytest.mark.parametrize(
    ("amount", "code", "text"),
    [
        pytest.param(12_000_000, "USD", "12,000,000", id="whole"),
        pytest.param(67_765.8795, "USD", "67,765.88", id="cents"),
        pytest.param(1_234.4, "JPY", "1,234", id="no-decimals-in-yen"),
        pytest.param(None, "USD", "", id="unset"),
    ],
)
def test_the_box_shows_the_amount_with_separators(amount, code, text):
    assert format_amount(amount, code) == text


@pytest.mark.parametrize("amount", [0.0, 1.0, 25_000.0, 1_100_000.0, 67_765.88, 12_500_000.0, LARGEST_AMOUNT])
def test_what_the_box_shows_reads_back_as_the_same_amount(amount):
    assert parse_amount(format_amount(amount)) == amount
