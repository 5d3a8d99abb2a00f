"""The one cell parser: numbers, months, dates and flags read a column at a time, the same on every reading path."""

import numpy as np
import pandas as pd
import pytest

from planner.io import (
    DataFileError,
    parse_dates,
    parse_flags,
    parse_months,
    parse_number,
    parse_numbers,
    read_account_activity,
    read_channel_table,
    read_crm_file,
    read_cta_events,
    read_nps_responses,
)
from tests.planner.io.exports import csv_bytes, named


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("$1,234.50", 1234.5),
        ("1.234,50 €", 1234.5),
        ("₩1,200,000", 1_200_000),
        ("(300)", -300),
        ("12%", 12),
        ("1 234", 1234),
        ("1.234.567", 1_234_567),
        ("", None),
    ],
)
def test_numbers_as_exports_write_them(text, value):
    assert parse_number(text) == value


def test_decimal_commas_in_a_semicolon_file():
    rows = [["Email", "1234,50", "100", "10", "5", "2", "1", "1", "999,90"]]
    table = read_channel_table(named(csv_bytes(rows, sep=";")))

    assert table["spend"].iloc[0] == 1234.5
    assert table["revenue"].iloc[0] == 999.9


def test_european_thousands_dots_with_decimal_commas():
    rows = [["Email", "2.000", "12.500", "1.234", "5", "2", "1", "1", "1.234,50"]]
    table = read_channel_table(named(csv_bytes(rows, sep=";")))

    assert table[["spend", "sessions", "leads", "revenue"]].iloc[0].tolist() == [2000, 12500, 1234, 1234.5]


@pytest.mark.parametrize("month", ["Jan-25", "Jan 2025", "2025-01", "01/2025", "January 2025"])
def test_month_formats_keep_their_year(month):
    text = f"Channel,Month,Spend,Leads,Customers,Revenue\nEmail,{month},1,1,1,1\n"

    assert read_channel_table(named(text.encode()))["month"].iloc[0] == "2025-01"


# ---- a column at a time ----------------------------------------------------------------------


def test_a_number_column_says_which_cells_are_empty_and_where_the_first_bad_one_is():
    parsed = parse_numbers(
        pd.Series(["1,234", "", "—", "lots", "(2)", "inf"], index=[10, 11, 12, 13, 14, 15])
    )

    assert parsed.values.tolist()[:2] == [1234.0, pytest.approx(np.nan, nan_ok=True)]
    assert parsed.values.loc[14] == -2 and parsed.values.index.tolist() == [10, 11, 12, 13, 14, 15]
    assert parsed.empty.tolist() == [False, True, True, False, False, False]
    assert parsed.bad.tolist() == [False, False, False, True, False, True]
    assert (parsed.first_bad.position, parsed.first_bad.text) == (3, "lots")
    assert parsed.first_bad.problem == "'lots' is not a number"
    assert parsed.bad_count == 2


@pytest.mark.parametrize(
    "text",
    [
        "1.234,50",
        "1,234.50",
        "1,234",
        "$1,234",
        "€ 1.234",
        "(300)",
        "12%",
        "NT$ 5,000",
        "1,5",
        "１２３",
        "nan",
        "x",
    ],
)
@pytest.mark.parametrize("decimal_comma", [False, True], ids=["per-cell", "decimal-comma-file"])
def test_one_number_reads_as_it_does_in_a_column(text, decimal_comma):
    column = parse_numbers(pd.Series(["7", text]), decimal_comma)
    try:
        alone = parse_number(text, decimal_comma)
    except ValueError as exc:
        assert column.first_bad.problem == str(exc)
    else:
        assert column.values.iloc[1] == alone or (alone is None and column.empty.iloc[1])


def test_a_column_of_decimal_commas_is_found_from_its_own_cells():
    assert parse_numbers(pd.Series(["2.000", "1.234,50"])).values.tolist() == [2000, 1234.5]
    assert parse_numbers(pd.Series(["2.000", "1,234.50"])).values.tolist() == [2.0, 1234.5]


def test_months_dates_and_flags_name_their_first_bad_cell():
    months = parse_months(pd.Series(["Jan 2025", "2025-02", "Jan 2025", "13/2025"]))
    dates = parse_dates(pd.Series(["2025-03-14", "14.03.2025", "03/14/2025", "1980-01-01", "someday"]))
    flags = parse_flags(pd.Series(["yes", "Non", "", "maybe"]))

    assert months.values.tolist()[:3] == ["2025-01", "2025-02", "2025-01"]
    assert months.first_bad.problem == "'13/2025' is not a month with its year (use 2025-01 or Jan 2025)"
    assert dates.values.iloc[:3].tolist() == [pd.Timestamp("2025-03-14")] * 3
    assert (dates.first_bad.position, dates.bad_count) == (3, 2), "before 1990 is a misread date"
    assert flags.values.tolist() == [True, False, False, False]
    assert flags.first_bad.problem == "'maybe' is not yes or no (use yes/no, true/false or 1/0)"


def test_dotted_dates_are_day_first_and_slashed_dates_month_first():
    dates = parse_dates(pd.Series(["03.04.2025", "03/04/2025", "2025-03-14T09:30+02:00"]))

    assert dates.values.tolist() == [
        pd.Timestamp("2025-04-03"), pd.Timestamp("2025-03-04"), pd.Timestamp("2025-03-14 07:30"),
    ]  # fmt: skip


# ---- every reading path agrees -----------------------------------------------------------------

SAME_NUMBERS = ["1.234,50", "1,234.50", "1,234", "$1,234", "€ 1.234", "12%", "NT$ 5,000", "1.234.567", "0,5"]
SAME_DATES = ["2025-03-14", "2025-03-14 09:30", "03/14/2025", "14.03.2025", "14.03.2025 09:30",
              "03/14/2025 09:30", "2025-03-14T09:30:00Z", "2025-03-14T11:30:00+02:00", "March 14, 2025"]  # fmt: skip


def quoted(text: str) -> str:
    return f'"{text}"'


def crm_file(**columns: list[str]) -> bytes:
    """A CRM export of one contact per cell in `columns` (header → cells), sources and dates filled in."""
    rows = max(len(cells) for cells in columns.values())
    table = {"Original Source": ["Email"] * rows, "Became a Lead Date": ["2025-01-01"] * rows,
             "Became a Customer Date": ["2025-02-01"] * rows, **columns}  # fmt: skip
    lines = [",".join(table)] + [",".join(quoted(cells[i]) for cells in table.values()) for i in range(rows)]
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.parametrize("text", SAME_NUMBERS)
def test_the_channel_table_and_the_crm_export_read_a_number_alike(text):
    channels = read_channel_table(
        named(csv_bytes([["Email", "1", "1", "1", "1", "1", "1", "1", quoted(text)]]))
    )
    crm = read_crm_file(named(crm_file(Amount=[text])))

    assert crm.table["amount"].iloc[0] == channels["revenue"].iloc[0] == parse_number(text)
    assert crm.warnings == ()


def test_a_decimal_comma_anywhere_in_the_column_reads_alike_on_both_paths():
    cells = ["2.000", "1.234,50", "12,5"]
    rows = [["Email", "1", "1", "1", "1", "1", "1", "1", quoted(c)] for c in cells]
    channels = read_channel_table(named(csv_bytes([[f"C{i}", *r[1:]] for i, r in enumerate(rows)])))
    crm = read_crm_file(named(crm_file(Amount=cells)))

    assert crm.table["amount"].tolist() == channels["revenue"].tolist() == [2000, 1234.5, 12.5]


def test_a_negative_in_brackets_reads_alike_where_the_channel_table_refuses_it():
    with pytest.raises(DataFileError, match=r"revenue cannot be negative \(-300\)"):
        read_channel_table(named(csv_bytes([["Email", "1", "1", "1", "1", "1", "1", "1", "(300)"]])))

    assert read_crm_file(named(crm_file(Amount=["(300)"]))).table["amount"].iloc[0] == -300


@pytest.mark.parametrize("text", SAME_DATES)
def test_the_nps_file_and_the_crm_export_read_a_date_alike(text):
    answers = read_nps_responses(
        named(csv_bytes([["Acme", quoted(text), "9"]], ["Account", "Date", "Score"]))
    )
    # Arrow reads a column whose every cell it knows; one cell it does not leaves the column to the parser.
    by_arrow = read_crm_file(named(crm_file(**{"Became a Lead Date": [text]})))
    by_parser = read_crm_file(named(crm_file(**{"Became a Lead Date": [text, "someday"]})))

    expected = answers["date"].iloc[0]
    assert by_arrow.table["lead_date"].iloc[0] == expected
    assert by_parser.table["lead_date"].iloc[0] == expected
    assert by_parser.warnings == ("1 value(s) in 'Became a Lead Date' are not dates and were left empty.",)


@pytest.mark.parametrize("month", ["2025-01", "Jan 2025", "January 2025", "Jan-25", "01/2025", "202501"])
def test_every_file_with_months_reads_a_month_alike(month):
    channels = read_channel_table(
        named(f"Channel,Month,Spend,Leads,Customers,Revenue\nEmail,{month},1,1,1,1\n".encode())
    )
    accounts = read_account_activity(
        named(csv_bytes([["Acme", month, "10"]], ["Account", "Month", "Emails delivered"]))
    )
    cta = read_cta_events(named(csv_bytes([["Acme", month, "Demo", "Decision", "10", "2", "1"]],
                                          ["Account", "Month", "CTA", "Stage", "Impressions", "Clicks", "Conversions"])))  # fmt: skip

    assert channels["month"].iloc[0] == accounts["month"].iloc[0] == cta["month"].iloc[0] == "2025-01"


def test_numbers_past_ten_trillion_are_bad_cells_saying_so_and_ten_trillion_is_not():
    parsed = parse_numbers(pd.Series(["10000000000000", "1e300", "-2e13"], dtype="string[pyarrow]"))

    assert parsed.values.iloc[0] == 1e13 and parsed.bad.tolist() == [False, True, True]
    assert parsed.first_bad.problem == "'1e300' is more than 10,000,000,000,000 (ten trillion), beyond any export's numbers"


@pytest.mark.parametrize("storage", ["pyarrow", "python"])
def test_arrow_strings_and_python_strings_read_the_same_numbers(storage):
    cells = ["1", "2.5", "1e5", "+7", "inf", "nan", "", "1_000", "１２"]

    parsed = parse_numbers(pd.Series(cells, dtype=pd.StringDtype(storage)))

    assert parsed.values.tolist()[:4] == [1.0, 2.5, 100_000.0, 7.0]
    assert parsed.bad.tolist() == [False] * 4 + [True, True, False, False, False]
    assert parsed.empty.tolist() == [False] * 6 + [True, False, False]
    assert parsed.values.tolist()[7:] == [1000.0, 12.0]


def test_months_and_dates_outside_1990_to_2100_say_so():
    months = parse_months(pd.Series(["2100-12", "2101-01"]))
    dates = parse_dates(pd.Series(["2100-12-31", "2999-03-02"]))

    assert months.bad.tolist() == [False, True] and dates.bad.tolist() == [False, True]
    assert months.first_bad.problem == "'2101-01' is not a month from 1990 to 2100"
    assert dates.first_bad.problem == "'2999-03-02' is not a date from 1990 to 2100"
