"""Reading exports: formats, encodings, separators, forgiving headers, the mapping step and bad files."""

import io

import numpy as np
import pandas as pd
import pytest

from planner.io import (
    DataFileError,
    MissingColumnsError,
    detect_encoding,
    parse_number,
    read_channel_table,
    read_crm_export,
)
from planner.review import REQUIRED

HEADER = ["Channel", "Spend", "Sessions", "Leads", "MQLs", "SQLs", "Opportunities", "Customers", "Revenue"]
ROWS = [
    ["Blog / SEO", "1000", "20000", "200", "50", "10", "4", "2", "120000"],
    ["Événements", "5000", "1000", "100", "30", "9", "3", "1", "40000"],
    ["검색 광고", "3000", "8000", "160", "40", "8", "4", "2", "90000"],
]


def csv_bytes(rows=ROWS, header=HEADER, sep=",", encoding="utf-8") -> bytes:
    lines = [sep.join(header)] + [sep.join(r) for r in rows]
    return ("\n".join(lines) + "\n").encode(encoding)


def named(data: bytes, name: str = "export.csv") -> io.BytesIO:
    handle = io.BytesIO(data)
    handle.name = name
    return handle


@pytest.mark.parametrize(
    ("encoding", "sep", "rows"),
    [
        pytest.param("utf-8", ",", ROWS, id="utf8-comma"),
        pytest.param("utf-8-sig", ",", ROWS, id="utf8-bom"),
        pytest.param("utf-16", "\t", ROWS, id="utf16-tab-excel-unicode-text"),
        pytest.param("cp949", ";", [ROWS[0], ROWS[2]], id="cp949-semicolon"),
        pytest.param("euc-kr", ",", [ROWS[0], ROWS[2]], id="euc-kr"),
        pytest.param("cp1252", ";", ROWS[:2], id="windows-1252"),
    ],
)
def test_every_encoding_and_separator_reads_the_same_table(encoding, sep, rows):
    table = read_channel_table(named(csv_bytes(rows, sep=sep, encoding=encoding)))

    assert table["channel"].tolist() == [r[0] for r in rows]
    assert table["spend"].tolist() == [float(r[1]) for r in rows]
    assert table["customers"].sum() == sum(float(r[7]) for r in rows)


def test_detect_encoding_tells_korean_from_western_european():
    assert detect_encoding("검색 광고,1000".encode("cp949")) == "cp949"
    assert detect_encoding("Événements et salons,1000".encode("cp1252")) == "cp1252"
    assert detect_encoding(b"plain,ascii") == "utf-8"


def test_excel_file_is_read(tmp_path):
    path = tmp_path / "channels.xlsx"
    pd.DataFrame(ROWS, columns=HEADER).astype({"Spend": float, "Customers": int}).to_excel(path, index=False)

    table = read_channel_table(path)

    assert table["channel"].tolist() == [r[0] for r in ROWS]
    assert table["spend"].tolist() == [1000.0, 5000.0, 3000.0]


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


def test_header_synonyms_and_case_and_units():
    header = [
        " channel ",
        "Cost (USD)",
        "Visits",
        "New contacts",
        "MQL",
        "SQL",
        "Opps",
        "Deals won",
        "Won revenue",
    ]
    table = read_channel_table(named(csv_bytes(header=header)))

    assert list(table.columns[:9]) == list(REQUIRED)
    assert table["revenue"].sum() == 250_000


def test_optional_stages_missing_are_nan_not_zero():
    header = ["Channel", "Spend", "Leads", "Customers", "Revenue"]
    table = read_channel_table(named(csv_bytes([["Email", "10", "5", "1", "100"]], header=header)))

    assert np.isnan(table["mqls"].iloc[0])
    assert np.isnan(table["sessions"].iloc[0])


def test_monthly_rows_and_google_analytics_comment_lines():
    text = "# Google Analytics export\n# Account: Example\n\nChannel,Month,Cost,Leads,Customers,Revenue\n"
    text += "Email,Jan 2025,10,5,1,100\nEmail,2025-02,12,6,1,120\n"
    table = read_channel_table(named(text.encode()))

    assert table["month"].tolist() == ["2025-01", "2025-02"]


def test_missing_required_column_offers_the_mapping_step():
    header = ["Channel", "Amount spent by team", "Leads", "Customers", "Revenue"]
    data = csv_bytes([["Email", "10", "5", "1", "100"]], header=header)

    with pytest.raises(MissingColumnsError) as caught:
        read_channel_table(named(data))

    assert caught.value.missing == ["spend"]
    assert "Amount spent by team" in caught.value.available
    assert "'Spend'" in str(caught.value)
    mapped = read_channel_table(named(data), mapping={"spend": "Amount spent by team"})
    assert mapped["spend"].iloc[0] == 10


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"", "is empty", id="zero-bytes"),
        pytest.param(b"   \n  \n", "is empty", id="blank"),
        pytest.param(",".join(HEADER).encode() + b"\n", "no data rows", id="header-only"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "does not look like a CSV", id="png"),
        pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "old-style Excel", id="xls"),
        pytest.param(b"PK\x03\x04broken zip", "could not be opened as an Excel file", id="broken-xlsx"),
        pytest.param(
            csv_bytes([["Email", "lots", "1", "1", "1", "1", "1", "1", "1"]]),
            "Row 2, column 'Spend': 'lots' is not a number",
            id="text-in-number",
        ),
        pytest.param(
            csv_bytes([["Email", "-500", "1", "1", "1", "1", "1", "1", "1"]]),
            "Row 2, column 'Spend': spend cannot be negative",
            id="negative-spend",
        ),
        pytest.param(
            csv_bytes([ROWS[0], ROWS[1], ROWS[0]]),
            "'Blog / SEO' appears more than once (rows 2, 4)",
            id="duplicate-channel",
        ),
        pytest.param(
            csv_bytes([["", "1", "1", "1", "1", "1", "1", "1", "1"]]),
            "Row 2 has no channel name",
            id="no-channel",
        ),
    ],
)
def test_bad_files_raise_one_clear_message(data, message):
    with pytest.raises(ValueError, match=None) as caught:
        read_channel_table(named(data))

    assert isinstance(caught.value, DataFileError)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_blank_rows_and_empty_cells_are_reported_not_silently_dropped():
    text = ",".join(HEADER) + "\n" + ",".join(ROWS[0]) + "\n,,,,,,,,\n" + "Email,10,,5,2,1,1,1,100\n"
    table = read_channel_table(named(text.encode()))

    assert len(table) == 2
    assert "Skipped 1 blank row(s)." in table.attrs["warnings"]
    assert any("Empty cells were read as 0 in: Sessions" in w for w in table.attrs["warnings"])


def test_a_later_stage_larger_than_the_one_above_is_a_warning_naming_the_row():
    rows = [ROWS[0], ["Webinars", "10", "100", "50", "20", "30", "2", "1", "100"]]
    table = read_channel_table(named(csv_bytes(rows)))

    warning = next(w for w in table.attrs["warnings"] if "More SQLs than MQLs" in w)
    assert "row 3 (Webinars)" in warning


CRM_HEADER = (
    "Contact ID,Original Source,Lifecycle Stage,Became a Lead Date,Became a Marketing Qualified Lead Date,"
    "Became a Sales Qualified Lead Date,Became an Opportunity Date,Became a Customer Date,Amount\n"
)


def test_crm_export_dates_and_amounts():
    text = (
        CRM_HEADER
        + '1,Paid Search,customer,2025-01-05 10:00,2025-01-10,2025-01-20,2025-02-01,2025-04-01,"$12,000"\n'
    )
    text += "2,,lead,2025-03-01,,,,,\n3,Organic Search,lead,not a date,,,,,\n"

    contacts = read_crm_export(named(text.encode()))

    assert contacts["source"].tolist() == ["Paid Search", "Unknown", "Organic Search"]
    assert contacts["customer_date"].iloc[0] == pd.Timestamp("2025-04-01")
    assert contacts["amount"].iloc[0] == 12_000
    assert any("no source" in w for w in contacts.attrs["warnings"])
    assert any("not dates" in w for w in contacts.attrs["warnings"])


def test_crm_export_without_the_customer_date_asks_for_mapping():
    with pytest.raises(MissingColumnsError) as caught:
        read_crm_export(named(b"Original Source,Became a Lead Date\nEmail,2025-01-01\n"))

    assert caught.value.missing == ["customer_date"]


@pytest.mark.parametrize(
    ("encoding", "sep"),
    [("utf-8", ","), ("utf-8-sig", ","), ("utf-16", "\t"), ("cp949", ";"), ("cp1252", ";")],
    ids=["utf8", "bom", "utf16-tab", "cp949", "cp1252"],
)
def test_crm_export_in_any_encoding_keeps_only_the_columns_it_needs(encoding, sep, tmp_path):
    source = "검색 광고" if encoding in ("cp949", "utf-8", "utf-16") else "Événements"
    text = sep.join(["First Name", "Original Source", "Became a Lead Date", "Became a Customer Date"]) + "\n"
    text += sep.join(["Ann", source, "2025-01-02 10:00", "2025-03-04 11:00"]) + "\n"
    path = tmp_path / "contacts.csv"
    path.write_bytes(text.encode(encoding))

    contacts = read_crm_export(path)

    assert contacts["source"].tolist() == [source]
    assert contacts["customer_date"].iloc[0] == pd.Timestamp("2025-03-04 11:00")
    assert "First Name" not in contacts.columns


def test_crm_export_from_excel(tmp_path):
    path = tmp_path / "contacts.xlsx"
    pd.DataFrame(
        {
            "Original Source": ["Paid Search"],
            "Became a Lead Date": ["2025-01-02"],
            "Became a Customer Date": ["2025-02-02"],
        }
    ).to_excel(path, index=False)

    contacts = read_crm_export(path)

    assert contacts["lead_date"].iloc[0] == pd.Timestamp("2025-01-02")


def test_european_thousands_dots_with_decimal_commas():
    rows = [["Email", "2.000", "12.500", "1.234", "5", "2", "1", "1", "1.234,50"]]
    table = read_channel_table(named(csv_bytes(rows, sep=";")))

    assert table[["spend", "sessions", "leads", "revenue"]].iloc[0].tolist() == [2000, 12500, 1234, 1234.5]


@pytest.mark.parametrize("month", ["Jan-25", "Jan 2025", "2025-01", "01/2025", "January 2025"])
def test_month_formats_keep_their_year(month):
    text = f"Channel,Month,Spend,Leads,Customers,Revenue\nEmail,{month},1,1,1,1\n"

    assert read_channel_table(named(text.encode()))["month"].iloc[0] == "2025-01"


def test_header_with_only_blank_lines_below_is_no_data_and_sep_line_is_skipped():
    with pytest.raises(DataFileError, match="no data rows"):
        read_channel_table(named((",".join(HEADER) + "\n,,,,,,,,\n\n").encode()))
    text = "sep=;\n" + ";".join(HEADER) + "\n" + ";".join(ROWS[0]) + "\n"
    assert read_channel_table(named(text.encode()))["spend"].iloc[0] == 1000


def test_repeated_crm_column_is_named():
    text = "Original Source,Amount,Became a Lead Date,Became a Customer Date,Amount\nEmail,1,2025-01-01,2025-02-01,2\n"

    with pytest.raises(DataFileError, match="more than one column named 'Amount'"):
        read_crm_export(named(text.encode()))
